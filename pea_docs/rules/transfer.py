"""The checks of a transfer of an agent's documents (rules 6–8): what goes where, and the notices' deadline.

Rule 6 has the parties of every proceeding sent to the regional chamber
informed within ten calendar days: :func:`notice_deadline` is the day of
sending plus ten calendar days (not working days).

>>> from datetime import date
>>> notice_deadline(date(2025, 12, 26))
datetime.date(2026, 1, 5)
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.models.base import coerce
from pea_docs.models.transfer import AcceptanceTransferAct, PartiesNotice

__all__ = ["NOTICE_DAYS", "check_acceptance_transfer_act", "check_parties_notice", "notice_deadline"]

#: Rule 6: the parties are informed within ten calendar days.
NOTICE_DAYS = 10

register_code("transfer.item", "rule 8", "a row of the act names neither a proceeding nor an order")
register_code("transfer.empty", "rule 8", "the act transfers nothing")
register_code("transfer.archive_on_suspension", "rule 6", "archival documents transferred on a suspended license "
              "(rule 6 sends the pending proceedings only; rule 7 the archive, on termination)")
register_code("transfer.notice_early", "rule 6", "a notice dated before the proceeding was sent")
register_code("transfer.receiver", "rule 6", "on a suspended license the proceedings go to the regional chamber "
              "(warning)")


def notice_deadline(sent: date) -> date:
    """Return the last day to inform the parties of proceedings sent on ``sent`` (rule 6)."""
    return sent + timedelta(days=NOTICE_DAYS)


@check("rule 6", codes={
    "transfer.notice_late": "a party informed later than ten calendar days after the proceedings were sent",
})
def check_acceptance_transfer_act(data: Any) -> list[Problem]:
    """Return the problems of an act of acceptance and transfer (rules 6–8)."""
    act = coerce(AcceptanceTransferAct, data)
    problems: list[Problem] = []
    if not act.pending and not act.archive:
        problems.append(Problem("transfer.empty", "rule 8", ("pending",), None,
                                "and archive are both empty: the act transfers nothing"))
    if act.grounds == "suspension":
        if act.archive:
            problems.append(Problem("transfer.archive_on_suspension", "rule 6", ("archive",), len(act.archive),
                                    "items of the archive are transferred on a suspended license; rule 6 sends the "
                                    "pending proceedings only (the archive moves on termination, rule 7)"))
        if act.receiving.kind != "chamber":
            problems.append(Problem("transfer.receiver", "rule 6", ("receiving", "kind"), act.receiving.kind,
                                    "receives proceedings of a suspended license: rule 6 sends them to the "
                                    "regional chamber", severity="warning"))
    deadline = notice_deadline(act.date)
    for i, notice in enumerate(act.notices):
        if notice.date > deadline:
            problems.append(Problem("transfer.notice_late", "rule 6", ("notices", i, "date"), notice.date.isoformat(),
                                    f"is after {deadline:%d.%m.%Y}: the parties are informed within ten calendar "
                                    f"days of the transfer ({act.date:%d.%m.%Y})"))
    return problems


def check_parties_notice(data: Any) -> list[Problem]:
    """Return the problems of a notice to a party (rule 6: within ten calendar days; clauses 9–12 of a letter)."""
    from pea_docs.rules import check_addressee, check_header  # the package imports this module: not at its top

    notice = coerce(PartiesNotice, data)
    problems = [p.at("agent") for p in check_header(notice.agent)]
    problems += [p.at("recipient") for p in check_addressee(notice.recipient)]
    deadline = notice_deadline(notice.sent)
    if notice.date > deadline:
        problems.append(Problem("transfer.notice_late", "rule 6", ("date",), notice.date.isoformat(),
                                f"is after {deadline:%d.%m.%Y}: the parties are informed within ten calendar days "
                                f"of the sending ({notice.sent:%d.%m.%Y})"))
    if notice.date < notice.sent:
        problems.append(Problem("transfer.notice_early", "rule 6", ("date",), notice.date.isoformat(),
                                f"is before the proceeding was sent ({notice.sent:%d.%m.%Y})"))
    return problems

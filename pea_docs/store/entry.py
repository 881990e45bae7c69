"""One entry of a register and one record of its history, as read from the database.

>>> from datetime import date, datetime, timezone
>>> e = Entry(direction="outgoing", year=2025, number=3, registered=date(2025, 1, 10),
...           party="АО «Банк»", summary="Запрос", by="clerk",
...           at=datetime(2025, 1, 10, 5, 0, tzinfo=timezone.utc))
>>> e.key, e.recipient, e.sender
('outgoing 2025/3', 'АО «Банк»', None)
>>> e.to_form()["date"]
datetime.date(2025, 1, 10)
>>> e.stamp_data({"surname": "Сапаров", "name": "Арман", "license": "17012345"})["agent"]
{'surname': 'Сапаров', 'name': 'Арман'}
>>> party_text({"organization": "ТОО «Альфа»", "address": "г. Алматы"})
'ТОО «Альфа», г. Алматы'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pea_docs.errors import InputError

__all__ = ["Change", "Direction", "Entry", "party_text"]

Direction = Literal["incoming", "outgoing"]


@dataclass(frozen=True)
class Change:
    """One event in an entry's life: registered, imported, amended or marked.

    Attributes:
        action: ``registered``, ``imported``, ``amended`` or ``marked``.
        at: when (UTC).
        by: who (the OS user unless given).
        reason: why (required for an amendment).
        changes: ``{field: [old, new]}``; for ``registered`` the values entered.
    """

    action: str
    at: datetime
    by: str
    reason: str | None
    changes: dict[str, list[Any]]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"action": self.action, "at": _iso_utc(self.at), "by": self.by,
                "reason": self.reason, "changes": self.changes}


@dataclass(frozen=True)
class Entry:
    """A registered document: the columns of Appendix 1 or 2, and who registered it when.

    ``party`` is the sender (incoming) or the recipient (outgoing): text, or a
    recipient-shaped mapping (DATA.md). ``registered`` is the registration date
    (for an outgoing entry, the date of column 2). ``case`` is the index of the
    order it is filed in, ``case_year`` that order's year when it is not the
    entry's own (a transferred case), ``sheets`` its sheets in the order (rule 39).
    An incoming entry's ``kind`` is ``writ``, ``appeal`` or ``letter`` (None: a letter),
    ``entered`` the day a writ was entered in the AIS of BEP (rule 26); an outgoing
    one's ``method`` says how it was sent (rule 25).
    """

    direction: Direction
    year: int
    number: int
    registered: date
    party: str | dict[str, Any]
    summary: str
    by: str
    at: datetime
    received: datetime | None = None
    doc_date: date | None = None
    doc_number: str | None = None
    execution_mark: str | None = None
    case: str | None = None
    note: str | None = None
    sheets: int | None = None
    case_year: int | None = None
    kind: str | None = None
    entered: date | None = None
    method: str | None = None
    history: tuple[Change, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """Return how messages name the entry: ``incoming 2025/15``."""
        return f"{self.direction} {self.year}/{self.number}"

    @property
    def order_year(self) -> int:
        """Return the year of the order the entry is filed in: its own, unless a transferred case."""
        return self.case_year or self.year

    @property
    def sender(self) -> str | dict[str, Any] | None:
        """Return the sender of an incoming document (None for outgoing)."""
        return self.party if self.direction == "incoming" else None

    @property
    def recipient(self) -> str | dict[str, Any] | None:
        """Return the addressee of an outgoing document (None for incoming)."""
        return self.party if self.direction == "outgoing" else None

    def stamp_data(self, agent: Mapping[str, Any], *, color: str = "blue") -> dict[str, Any]:
        """Return the data of this entry's registration stamp (Appendix 3): the agent's name, date, number."""
        return {"agent": {k: agent[k] for k in ("surname", "name", "patronymic") if agent.get(k)},
                "date": self.registered, "index": str(self.number), "direction": self.direction, "color": color}

    def to_form(self) -> dict[str, Any]:
        """Return the entry as the form's data expects it (DATA.md ``entries[]``).

        The registration date is given as ``registered`` (``date`` for outgoing),
        never as ``received``: the register already applied rule 20 once, and the
        printed journal must show the date the entry actually carries.
        """
        if self.direction == "outgoing":
            out: dict[str, Any] = {"number": self.number, "date": self.registered}
            if self.doc_number:
                out["doc_number"] = self.doc_number
            out.update(recipient=self.party, summary=self.summary)
        else:
            out = {"number": self.number, "registered": self.registered}
            if self.doc_date:
                out["doc_date"] = self.doc_date
            if self.doc_number:
                out["doc_number"] = self.doc_number
            out.update(sender=self.party, summary=self.summary)
            if self.execution_mark:
                out["execution_mark"] = self.execution_mark
            if self.case:
                out["case"] = self.case
        if self.note:
            out["note"] = self.note
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of every field, with the history."""
        out: dict[str, Any] = {
            "direction": self.direction, "year": self.year, "number": self.number,
            "registered": self.registered.isoformat(),
            "received": self.received.isoformat(sep=" ", timespec="minutes") if self.received else None,
        }
        if self.direction == "incoming":
            out.update(doc_date=self.doc_date.isoformat() if self.doc_date else None,
                       doc_number=self.doc_number, sender=self.party, kind=self.kind or "letter",
                       entered=self.entered.isoformat() if self.entered else None)
        else:
            out.update(doc_number=self.doc_number, recipient=self.party, method=self.method)
        out.update(summary=self.summary, execution_mark=self.execution_mark, case=self.case,
                   case_year=self.case_year, sheets=self.sheets, note=self.note, by=self.by,
                   at=_iso_utc(self.at), history=[c.to_dict() for c in self.history])
        if self.direction == "outgoing":
            del out["execution_mark"]
        return out


def _iso_utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def party_text(party: Any) -> str:
    """Return a sender or addressee on one line, as the register form prints it (rule 10).

    A block the form would refuse (a hand-edited or imported one) shows what it holds.
    """
    if not isinstance(party, Mapping):
        return str(party)
    from pea_docs.documents.registers import party_text as printed

    try:
        return printed(party, lang="ru")
    except InputError:
        return ", ".join(str(v) for k, v in party.items() if v and k != "position")

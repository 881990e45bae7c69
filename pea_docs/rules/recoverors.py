"""The checks of a register of recoverors (rules 27, 30).

>>> row = lambda number, writ, started: {"recoveror": {"name": "ТОО «Альфа»", "iin_bin": "180840012344"},
...     "writ": {"kind": "исполнительный лист", "number": "2-1", "date": writ, "issuer": "суд"},
...     "proceeding": {"number": number, "date": started}, "amount": 100}
>>> data = {"consolidated": {"number": "7", "date": "2025-03-01"}, "date": "2025-03-01",
...         "debtors": [{"name": "Ли Ан", "iin_bin": "920612345673"}], "agent": {"surname": "А", "name": "Б"},
...         "recoverors": [row("1", "2025-02-01", "2025-01-30"), row("1", "2025-02-01", "2025-02-03")]}
>>> [(p.code, p.loc) for p in check_recoverors_register(data)]
[('recoverors.before_writ', ('recoverors', 0, 'proceeding', 'date')), ('recoverors.duplicate_proceeding', ('recoverors', 1, 'proceeding', 'number'))]
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.models.base import coerce
from pea_docs.models.recoverors import RecoverorsRegister

__all__ = ["check_recoverors_register"]

register_code("recoverors.before_writ", "rule 27", "a proceeding initiated before the writ it was initiated on")
register_code("recoverors.after_consolidation", "rule 30", "a proceeding initiated after the consolidated one "
              "it is joined in")
register_code("recoverors.single", "rule 30", "one proceeding only: nothing is consolidated (warning)")


@check("rule 30", codes={
    "recoverors.duplicate_proceeding": "a proceeding listed twice in the register",
})
def check_recoverors_register(data: Any) -> list[Problem]:
    """Return the problems of a register of recoverors (rules 27, 30)."""
    register = coerce(RecoverorsRegister, data)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(register.recoverors):
        started = row.proceeding.date
        loc = ("recoverors", i, "proceeding")
        if started < row.writ.date:
            problems.append(Problem("recoverors.before_writ", "rule 27", (*loc, "date"), started.isoformat(),
                                    f"is before the writ ({row.writ.date:%d.%m.%Y}): a proceeding is initiated "
                                    "on a writ received"))
        if started > register.consolidated.date:
            problems.append(Problem("recoverors.after_consolidation", "rule 30", (*loc, "date"), started.isoformat(),
                                    f"is after the consolidated proceeding ({register.consolidated.date:%d.%m.%Y}), "
                                    "which joins proceedings already initiated"))
        number = row.proceeding.number
        if number in seen:
            problems.append(Problem("recoverors.duplicate_proceeding", "rule 30", (*loc, "number"), number,
                                    f"is already row {seen[number] + 1}: each proceeding is joined once"))
        seen.setdefault(number, i)
    if len(seen) == 1 and len(register.recoverors) == 1:
        problems.append(Problem("recoverors.single", "rule 30", ("recoverors",), None,
                                "holds one proceeding: a consolidated proceeding joins several",
                                severity="warning"))
    return problems

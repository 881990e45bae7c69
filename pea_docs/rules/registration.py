"""Rule 20 and the order of registration, checked once for every way into a register.

Rule 20: "Registration of documents received during working hours shall be on
the day of receipt, received after hours - on the next working day." The date
it gives is :func:`~pea_docs.rules.calendar.registration_date`; this module
checks a registration date against it and against the document's own date
(:func:`check_registration`), and against the entry before it
(:func:`check_date_order`). The register files of Appendices 1 and 2
(:mod:`pea_docs.rules.registers`) and the register store (:mod:`pea_docs.store`)
both call these functions, so one date gets the same code and clause whichever
way it came in.

The one difference is a policy, chosen by the caller: a register *file* states
what rule 20 gives, so any other date is an error (``exact=True``); the *store*
records what happened, so a late registration is recorded with a warning and
only a date before receipt is refused.

>>> from datetime import date, datetime
>>> received = datetime(2025, 1, 10, 19, 40)   # a Friday, after hours
>>> [(p.code, p.severity) for p in check_registration(date(2025, 1, 14), received, None)]
[('register.rule20', 'warning')]
>>> [(p.code, p.severity) for p in check_registration(date(2025, 1, 10), received, None, exact=True)]
[('register.rule20', 'error')]
>>> [p.code for p in check_registration(date(2025, 1, 9), received, date(2025, 1, 10))]
['register.before_receipt', 'register.before_document']
"""

from __future__ import annotations

from datetime import date, datetime

from pea_docs.errors import Loc, Problem
from pea_docs.errors.codes import register_code
from pea_docs.locale.dates import format_date
from pea_docs.models.office import OfficeProfile
from pea_docs.rules.calendar import registration_date

__all__ = ["check_date_order", "check_registration"]

_CODES = {
    "register.rule20": ("rule 20", "a registration date other than the one rule 20 gives for "
                        "`received` (a register file: an error; the store: a warning when later)"),
    "register.before_receipt": ("rule 20", "a registration date before the day the document "
                                "was received"),
    "register.before_document": ("rule 20", "a registration date earlier than the document's "
                                 "own date"),
    "register.date_order": ("appendix 1", "warning: a registration date earlier than the entry "
                            "before it (numbers follow the order of registration)"),
    "outgoing.date_order": ("appendix 2", "warning: an outgoing date earlier than the entry "
                            "before it (numbers follow the order of registration)"),
}
for _code, (_clause, _description) in _CODES.items():
    register_code(_code, _clause, _description)


def _figures(day: date) -> str:
    return format_date(day, "figures")


def check_registration(registered: date, received: datetime | None, doc_date: date | None, *,
                       profile: OfficeProfile | None = None, exact: bool = False, at: Loc = (),
                       day_field: str = "registered", doc_field: str | None = None,
                       due: date | None = None) -> list[Problem]:
    """Return the problems of an incoming document's registration date under rule 20.

    Args:
        registered: the registration date (given, or the one rule 20 gave).
        received: when the document arrived (``None``: not recorded).
        doc_date: the sender's date of the document (``None``: it bears none).
        profile: the office's hours and days (default: 09:00–18:00, the calendar of Kazakhstan).
        exact: any date other than rule 20's is an error (a register file), rather than
            a warning when later and nothing when between receipt and rule 20's date (the store).
        at: where the entry is (``("entries", 3)``); the problems are at its fields.
        day_field: the field that holds the registration date.
        doc_field: the field a date before the document's own is reported at (default ``day_field``).
        due: rule 20's date for ``received`` when the caller has it already.
    """
    problems: list[Problem] = []
    where = (*at, day_field)
    if due is None and received is not None:
        due = registration_date(received, profile)
    if received is not None and registered < received.date():
        problems.append(Problem(
            "register.before_receipt", "rule 20", where, _figures(registered),
            f"is before the document was received ({received:%d.%m.%Y %H:%M}); "
            f"rule 20 registers it on {_figures(due or received.date())}"))
    elif received is not None and due is not None and registered != due and (exact or registered > due):
        during = "during" if due == received.date() else "after"
        problems.append(Problem(
            "register.rule20", "rule 20", where, _figures(registered),
            f"does not match receipt at {received:%d.%m.%Y %H:%M}: received {during} working hours, "
            f"it is registered on {_figures(due)}", severity="error" if exact else "warning"))
    if doc_date is not None and registered < doc_date:
        problems.append(Problem(
            "register.before_document", "rule 20", (*at, doc_field or day_field), _figures(registered),
            f"is before the document's own date {_figures(doc_date)} (doc_date); "
            "a document is registered on or after the day it is dated"))
    return problems


def check_date_order(day: date, previous: tuple[str, date] | None, loc: Loc, *,
                     outgoing: bool = False) -> list[Problem]:
    """Return a warning when ``day`` is earlier than the date of the entry before it.

    ``previous`` names that entry as messages show it (``entries[3]``, ``No. 12``)
    with its date. Numbers are given in the order of registration, so a number
    that follows a later date is suspect, but not refused: a document found late
    is still registered.

    >>> from datetime import date
    >>> [str(p) for p in check_date_order(date(2025, 1, 9), ("No. 4", date(2025, 1, 10)), ("registered",))]
    ["registered: '09.01.2025' is earlier than the date of No. 4 (10.01.2025); numbers are given in the order of registration (appendix 1)"]
    """
    if previous is None or day >= previous[1]:
        return []
    code, clause = ("outgoing.date_order", "appendix 2") if outgoing else ("register.date_order", "appendix 1")
    return [Problem(code, clause, loc, _figures(day),
                    f"is earlier than the date of {previous[0]} ({_figures(previous[1])}); "
                    "numbers are given in the order of registration", severity="warning")]

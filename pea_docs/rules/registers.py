"""Checks of the registers of incoming and outgoing correspondence (Appendices 1, 2; rule 20).

Column 1 of either register is the serial number of the entry, and the number
stamped on the document "corresponds to the serial number in the register"
(rules 21, 23): numbers are unique and follow one another within the year.
The registration date comes from rule 20; it cannot precede the date the
sender gave the document, and it falls in the register's year.

>>> reg = {"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"}, "entries": [
...     {"number": 1, "registered": "2025-01-09", "doc_date": "2025-01-10", "sender": "ТОО «Альфа»",
...      "summary": "Запрос"},
...     {"number": 1, "received": "2025-01-10 19:40", "sender": "ТОО «Альфа»", "summary": "Запрос"},
...     {"sender": "ТОО «Альфа»", "summary": "Запрос"}]}
>>> [(p.code, p.clause, p.loc) for p in check_incoming_register(reg)]
... # doctest: +NORMALIZE_WHITESPACE
[('register.before_document', 'rule 20', ('entries', 0, 'registered')),
 ('register.number_duplicate', 'appendix 1', ('entries', 1, 'number')),
 ('register.date_missing', 'rule 20', ('entries', 2))]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..errors import InputError, Problem
from ..format.dates import format_date
from ..models import coerce
from ..models.registers import IncomingEntry, IncomingRegister, OutgoingEntry, OutgoingRegister
from .calendar import OfficeProfile, is_working_day, registration_date
from .registry import register_code

__all__ = [
    "check_incoming_register",
    "check_outgoing_register",
    "check_register_numbers",
    "entry_numbers",
    "registration_dates",
]

_CODES = {
    "register.number_duplicate": ("appendix 1", "a registration number given to two entries "
                                  "of the incoming register (the serial number, rule 21)"),
    "register.number_sequence": ("appendix 1", "a registration number of the incoming register "
                                 "that does not follow the one before it"),
    "register.number_start": ("appendix 1", "warning: the incoming register's first number is "
                              "not 1 (numbering restarts each year)"),
    "outgoing.number_duplicate": ("appendix 2", "an outgoing number given to two entries "
                                  "(the serial number, rule 23)"),
    "outgoing.number_sequence": ("appendix 2", "an outgoing number that does not follow the "
                                 "one before it"),
    "outgoing.number_start": ("appendix 2", "warning: the outgoing register's first number is "
                              "not 1 (numbering restarts each year)"),
    "outgoing.year": ("appendix 2", "an outgoing document dated outside the register's year"),
    "outgoing.date_order": ("appendix 2", "warning: an outgoing date earlier than the entry "
                            "before it (numbers follow the order of registration)"),
    "register.date_missing": ("rule 20", "an incoming entry with neither `registered` nor "
                              "`received`"),
    "register.rule20": ("rule 20", "`registered` differs from the date rule 20 gives for "
                        "`received`"),
    "register.before_document": ("rule 20", "a registration date earlier than the document's "
                                 "own date"),
    "register.year": ("rule 20", "a registration date outside the register's year"),
    "register.non_working_day": ("rule 20", "warning: a registration date on a day off of the "
                                 "office"),
    "register.date_order": ("rule 20", "warning: a registration date earlier than the entry "
                            "before it (numbers follow the order of registration)"),
    # raised by the models while reading the data
    "received.invalid": ("rule 20", "`received` is not a date and time"),
    "received.no_time": ("rule 20", "`received` is a date without the time of day"),
    "office.hours_invalid": ("rule 20", "an office hour that is not a time of day"),
    "office.hours_order": ("rule 20", "office hours that end before they begin"),
    "office.day_conflict": ("rule 20", "a day that is both an extra day off and an extra "
                            "working day"),
    "office.no_working_day": ("rule 20", "an office profile with no working day within a year"),
}
for _code, (_clause, _description) in _CODES.items():
    register_code(_code, _clause, _description)


def _figures(day: date) -> str:
    return format_date(day, "figures")


def entry_numbers(entries: Sequence[IncomingEntry | OutgoingEntry]) -> list[int]:
    """Return each entry's number: its own, or the one after the entry before it.

    >>> from types import SimpleNamespace as E
    >>> entry_numbers([E(number=None), E(number=None), E(number=10), E(number=None)])
    [1, 2, 10, 11]
    """
    numbers: list[int] = []
    previous = 0
    for entry in entries:
        previous = entry.number if entry.number is not None else previous + 1
        numbers.append(previous)
    return numbers


def registration_dates(register: IncomingRegister) -> list[date | None]:
    """Return each incoming entry's registration date: ``registered``, else rule 20 on ``received``.

    None where the entry gives neither (an error that :func:`check_incoming_register` reports).
    """
    profile = register.profile()
    result: list[date | None] = []
    for entry in register.entries:
        if entry.registered is not None:
            result.append(entry.registered)
        elif entry.received is not None:
            result.append(registration_date(entry.received, profile))
        else:
            result.append(None)
    return result


def check_register_numbers(entries: Sequence[IncomingEntry | OutgoingEntry], *,
                           outgoing: bool = False) -> list[Problem]:
    """Return problems with the serial numbers: duplicates, breaks in the sequence, the start.

    Entries without a number are numbered after the entry before them, so only
    given numbers can break the sequence.
    """
    prefix, clause = ("outgoing", "appendix 2") if outgoing else ("register", "appendix 1")
    stamp_rule = "rule 23" if outgoing else "rule 21"
    problems: list[Problem] = []
    numbers = entry_numbers(entries)
    seen: dict[int, int] = {}
    for i, (entry, number) in enumerate(zip(entries, numbers)):
        loc = ("entries", i, "number")
        if number in seen:
            problems.append(Problem(
                f"{prefix}.number_duplicate", clause, loc, number,
                f"is already the number of entries[{seen[number]}]; the registration number is "
                f"the entry's serial number and is given once ({stamp_rule})"))
            continue
        seen[number] = i
        if i == 0:
            if number != 1:
                problems.append(Problem(
                    f"{prefix}.number_start", clause, loc, number,
                    "starts the register; numbering restarts at 1 each calendar year — fine "
                    "if this register continues an earlier volume", severity="warning"))
        elif number != numbers[i - 1] + 1:
            problems.append(Problem(
                f"{prefix}.number_sequence", clause, loc, number,
                f"does not follow {numbers[i - 1]} of entries[{i - 1}]; expected "
                f"{numbers[i - 1] + 1}: registration numbers are serial ({stamp_rule})"))
    return problems


def _as_incoming(register: IncomingRegister | Mapping[str, Any]) -> IncomingRegister:
    return coerce(IncomingRegister, register)


def check_incoming_register(register: IncomingRegister | Mapping[str, Any]) -> list[Problem]:
    """Return every problem of an incoming register beyond its field types.

    Numbers (Appendix 1), and the registration date by rule 20: given or
    derived from ``received``, consistent with both, not before the document's
    date, within the register's year, on a working day, in order.
    """
    try:
        reg = _as_incoming(register)
        profile = reg.profile()
    except InputError as exc:
        return list(exc.problems)
    problems = check_register_numbers(reg.entries)
    previous: tuple[int, date] | None = None
    for i, entry in enumerate(reg.entries):
        expected = registration_date(entry.received, profile) if entry.received else None
        problems += _check_incoming_entry(i, entry, expected, reg.year, profile)
        day = entry.registered or expected
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            problems.append(Problem(
                "register.date_order", "rule 20", ("entries", i), _figures(day),
                f"is earlier than the registration date of entries[{previous[0]}] "
                f"({_figures(previous[1])}); numbers are given in the order of registration",
                severity="warning"))
        previous = (i, day)
    # entries sorted by problem order: each entry's problems stay together
    problems.sort(key=lambda p: p.loc[1] if len(p.loc) > 1 and isinstance(p.loc[1], int) else -1)
    return problems


def _check_incoming_entry(i: int, entry: IncomingEntry, expected: date | None, year: int,
                          profile: OfficeProfile | None) -> list[Problem]:
    at = ("entries", i)
    if entry.registered is None and entry.received is None:
        return [Problem("register.date_missing", "rule 20", at, None,
                        "has neither `registered` (the registration date) nor `received` "
                        "(date and time of receipt, e.g. 2025-01-08 19:40); give one")]
    problems: list[Problem] = []
    if entry.received is not None and expected is not None:
        if entry.registered is not None and entry.registered != expected:
            problems.append(Problem(
                "register.rule20", "rule 20", (*at, "registered"), _figures(entry.registered),
                f"does not match receipt at {entry.received:%d.%m.%Y %H:%M}: received "
                f"{'during' if expected == entry.received.date() else 'after'} working hours, "
                f"it is registered on {_figures(expected)}"))
        day, field = (entry.registered or expected), ("registered" if entry.registered
                                                      else "received")
    else:
        day, field = entry.registered, "registered"
    assert day is not None
    if entry.doc_date is not None and day < entry.doc_date:
        problems.append(Problem(
            "register.before_document", "rule 20", (*at, field), _figures(day),
            f"is before the document's own date {_figures(entry.doc_date)} (doc_date); "
            "a document is registered on or after the day it is dated"))
    if day.year != year:
        problems.append(Problem(
            "register.year", "rule 20", (*at, field), _figures(day),
            f"is not in {year}, the year of the register; a register holds one calendar "
            "year's entries"))
    if entry.registered is not None and not is_working_day(entry.registered, profile):
        problems.append(Problem(
            "register.non_working_day", "rule 20", (*at, "registered"), _figures(entry.registered),
            "is a day off by the calendar of Kazakhstan and the office profile; documents are "
            "registered on working days (add it to the office's working_days if it was worked)",
            severity="warning"))
    return problems


def check_outgoing_register(register: OutgoingRegister | Mapping[str, Any]) -> list[Problem]:
    """Return every problem of an outgoing register beyond its field types.

    Numbers (Appendix 2, rule 23); dates within the register's year and in order.
    """
    try:
        reg = coerce(OutgoingRegister, register)
    except InputError as exc:
        return list(exc.problems)
    problems = check_register_numbers(reg.entries, outgoing=True)
    for i, entry in enumerate(reg.entries):
        if entry.date.year != reg.year:
            problems.append(Problem(
                "outgoing.year", "appendix 2", ("entries", i, "date"), _figures(entry.date),
                f"is not in {reg.year}, the year of the register; a register holds one "
                "calendar year's entries"))
        if i and entry.date < reg.entries[i - 1].date:
            problems.append(Problem(
                "outgoing.date_order", "appendix 2", ("entries", i, "date"), _figures(entry.date),
                f"is earlier than the date of entries[{i - 1}] "
                f"({_figures(reg.entries[i - 1].date)}); numbers are given in the order of "
                "registration", severity="warning"))
    problems.sort(key=lambda p: p.loc[1] if len(p.loc) > 1 and isinstance(p.loc[1], int) else -1)
    return problems

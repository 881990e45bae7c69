"""Checks of the registers of incoming and outgoing correspondence (Appendices 1, 2; rule 20).

Column 1 of either register is the serial number of the entry, and the number
stamped on the document "corresponds to the serial number in the register"
(rules 21, 23): numbers are unique and follow one another within the year.
The registration date comes from rule 20; it cannot precede the date the
sender gave the document, and it falls in the register's year.

The checks look at one entry at a time (:class:`IncomingCheck`,
:class:`OutgoingCheck`) and keep only the little they need of the entries
before, so a register given as an iterator is checked as it is read, with
memory that does not grow with the number of entries.

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

import bisect
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, TypeVar

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.locale.dates import format_date
from pea_docs.models import coerce
from pea_docs.models.office import OfficeProfile
from pea_docs.models.registers import (
    IncomingEntry,
    IncomingRegister,
    OutgoingEntry,
    OutgoingRegister,
)
from pea_docs.models.streams import EntryStream, ReadEntry
from pea_docs.rules.calendar import RegistrationDays, is_working_day, registration_date
from pea_docs.rules.registration import check_date_order, check_registration

__all__ = [
    "IncomingCheck",
    "NumberCheck",
    "OutgoingCheck",
    "check_incoming_register",
    "check_outgoing_register",
    "check_register_numbers",
    "entry_numbers",
    "numbered",
    "registered_on",
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
    "register.date_missing": ("rule 20", "an incoming entry with neither `registered` nor "
                              "`received`"),
    "register.year": ("rule 20", "a registration date outside the register's year"),
    "register.non_working_day": ("rule 20", "warning: a registration date on a day off of the "
                                 "office"),
    # raised by the models while reading the data
    "received.invalid": ("rule 20", "`received` is not a date and time"),
    "received.no_time": ("rule 20", "`received` is a date without the time of day"),
    "office.hours_invalid": ("rule 20", "an office hour that is not a time of day"),
    "office.hours_order": ("rule 20", "office hours that end before they begin"),
    "office.day_conflict": ("rule 20", "a day that is both an extra day off and an extra "
                            "working day"),
    "office.no_working_day": ("rule 20", "an office profile with no working day within a year"),
    # raised by an EntryStream (entries given as an iterator) read twice
    "entries.consumed": ("", "entries given as an iterator read a second time"),
}
for _code, (_clause, _description) in _CODES.items():
    register_code(_code, _clause, _description)


def _figures(day: date) -> str:
    return format_date(day, "figures")


_Entry = TypeVar("_Entry", bound=IncomingEntry | OutgoingEntry)


def numbered(entries: Iterable[_Entry]) -> Iterator[tuple[int, _Entry]]:
    """Yield each entry with its number: its own, or the one after the entry before it.

    The entries are read one at a time, so a register given as a stream stays one.

    >>> from types import SimpleNamespace as E
    >>> [number for number, _ in numbered([E(number=None), E(number=10), E(number=None)])]
    [1, 10, 11]
    """
    number = 0
    for entry in entries:
        number = entry.number if entry.number is not None else number + 1
        yield number, entry


def entry_numbers(entries: Iterable[IncomingEntry | OutgoingEntry]) -> list[int]:
    """Return each entry's number: its own, or the one after the entry before it.

    >>> from types import SimpleNamespace as E
    >>> entry_numbers([E(number=None), E(number=None), E(number=10), E(number=None)])
    [1, 2, 10, 11]
    """
    return [number for number, _ in numbered(entries)]


def registered_on(entry: IncomingEntry, profile: OfficeProfile | None = None, *,
                  days: RegistrationDays | None = None) -> date | None:
    """Return an incoming entry's registration date: ``registered``, else rule 20 on ``received``.

    None where the entry gives neither (an error that :func:`check_incoming_register` reports).
    ``days`` (for ``profile``) remembers rule 20's dates across the entries of a register.

    >>> registered_on(IncomingEntry(received="2025-01-10 19:40", sender="ТОО «Альфа»",
    ...                             summary="Запрос"))
    datetime.date(2025, 1, 13)
    """
    if entry.registered is not None:
        return entry.registered
    if entry.received is not None:
        return days.of(entry.received) if days else registration_date(entry.received, profile)
    return None


def registration_dates(register: IncomingRegister) -> list[date | None]:
    """Return each incoming entry's registration date (:func:`registered_on`)."""
    days = RegistrationDays(register.profile())
    return [registered_on(entry, days=days) for entry in register.entries]


class NumberCheck:
    """Check serial numbers one entry at a time: unique, in sequence, starting at 1.

    Only what the check needs is kept: the previous number, and the numbers
    seen as runs ``(first number, last number, index of the first)`` of
    consecutive numbers on consecutive entries. A correct register is one run
    however long it is; each further run starts at a duplicate or a break,
    which is reported, so the state grows with the problems, not the entries.

    >>> check = NumberCheck()
    >>> [(n, [p.code for p in found]) for n, found in map(check.feed, range(4), [None, None, 1, 7])]
    [(1, []), (2, []), (1, ['register.number_duplicate']), (7, ['register.number_sequence'])]
    """

    def __init__(self, *, outgoing: bool = False):
        self.prefix, self.clause = ("outgoing", "appendix 2") if outgoing else ("register",
                                                                                 "appendix 1")
        self.previous = 0  # the last entry's number; 0 before the first entry
        self._firsts: list[int] = []  # the runs' first numbers, sorted, for bisect
        self._runs: list[tuple[int, int, int]] = []  # (first, last, index of first)

    def feed(self, index: int, given: int | None) -> tuple[int, list[Problem]]:
        """Return the number of entry ``index`` (``given``, else the next) and its problems."""
        number = given if given is not None else self.previous + 1
        previous, self.previous = self.previous, number
        loc = ("entries", index, "number")
        holder = self._holder(number)
        if holder is not None:
            return number, [Problem(
                f"{self.prefix}.number_duplicate", self.clause, loc, number,
                f"is already the number of entries[{holder}]; the registration number is "
                "the entry's serial number and is given once")]
        self._add(number, index)
        if index == 0:
            if number != 1:
                return number, [Problem(
                    f"{self.prefix}.number_start", self.clause, loc, number,
                    "starts the register; numbering restarts at 1 each calendar year — fine "
                    "if this register continues an earlier volume", severity="warning")]
        elif number != previous + 1:
            return number, [Problem(
                f"{self.prefix}.number_sequence", self.clause, loc, number,
                f"does not follow {previous} of entries[{index - 1}]; expected "
                f"{previous + 1}: registration numbers are serial")]
        return number, []

    def _holder(self, number: int) -> int | None:
        at = bisect.bisect_right(self._firsts, number) - 1
        if at >= 0:
            first, last, index = self._runs[at]
            if number <= last:
                return index + number - first
        return None

    def _add(self, number: int, index: int) -> None:
        at = bisect.bisect_right(self._firsts, number)
        if at:
            first, last, first_index = self._runs[at - 1]
            if number == last + 1 and index == first_index + number - first:
                self._runs[at - 1] = (first, number, first_index)
                return
        self._firsts.insert(at, number)
        self._runs.insert(at, (number, number, index))


def _given_number(raw: Any) -> int | None:
    """Return the number an entry that does not fit the model gives, if it is a usable one."""
    value = raw.get("number") if isinstance(raw, Mapping) else getattr(raw, "number", None)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 \
        else None


class IncomingCheck:
    """Check an incoming register one entry at a time (Appendix 1, rule 20).

    Keeps the numbering (:class:`NumberCheck`) and the last registration date;
    nothing grows with the number of entries.

    >>> check = IncomingCheck(2025)
    >>> entry = IncomingEntry(received="2025-01-10 19:40", sender="ТОО «Альфа»", summary="Запрос")
    >>> check.feed(0, entry)
    (1, datetime.date(2025, 1, 13), [])
    """

    def __init__(self, year: int, profile: OfficeProfile | None = None):
        self.year = year
        self.profile = profile
        self.numbers = NumberCheck()
        self.days = RegistrationDays(profile)
        self._previous: tuple[str, date] | None = None  # the last entry with a date

    def feed(self, index: int, entry: IncomingEntry) -> tuple[int, date | None, list[Problem]]:
        """Return entry ``index``'s number, its registration date and its problems."""
        number, problems = self.numbers.feed(index, entry.number)
        expected = self.days.of(entry.received) if entry.received else None
        problems += _check_incoming_entry(index, entry, expected, self.year, self.profile)
        day = entry.registered or expected
        if day is not None:
            problems += check_date_order(day, self._previous, ("entries", index))
            self._previous = (f"entries[{index}]", day)
        return number, day, problems

    def skip(self, index: int, raw: Any) -> None:
        """Count an entry that does not fit the model, so that the next ones keep their numbers."""
        self.numbers.feed(index, _given_number(raw))

    def item(self, item: ReadEntry[IncomingEntry]) -> list[Problem]:
        """Return the problems of one entry read from a stream (see :class:`EntryStream`)."""
        if item.entry is None:
            self.skip(item.index, item.raw)
            return []
        return self.feed(item.index, item.entry)[2]


class OutgoingCheck:
    """Check an outgoing register one entry at a time (Appendix 2, rule 23).

    >>> check = OutgoingCheck(2025)
    >>> entry = OutgoingEntry(date="2024-12-30", recipient="АО «Банк»", summary="Запрос")
    >>> [p.code for p in check.feed(0, entry)[1]]
    ['outgoing.year']
    """

    def __init__(self, year: int):
        self.year = year
        self.numbers = NumberCheck(outgoing=True)
        self._previous: tuple[int, date] | None = None  # the entry before, if it fit the model

    def feed(self, index: int, entry: OutgoingEntry) -> tuple[int, list[Problem]]:
        """Return entry ``index``'s number and its problems."""
        number, problems = self.numbers.feed(index, entry.number)
        loc = ("entries", index, "date")
        if entry.date.year != self.year:
            problems.append(Problem(
                "outgoing.year", "appendix 2", loc, _figures(entry.date),
                f"is not in {self.year}, the year of the register; a register holds one "
                "calendar year's entries"))
        before = self._previous
        if before is not None and before[0] == index - 1:
            problems += check_date_order(entry.date, (f"entries[{index - 1}]", before[1]), loc, outgoing=True)
        self._previous = (index, entry.date)
        return number, problems

    def skip(self, index: int, raw: Any) -> None:
        """Count an entry that does not fit the model, so that the next ones keep their numbers."""
        self.numbers.feed(index, _given_number(raw))

    def item(self, item: ReadEntry[OutgoingEntry]) -> list[Problem]:
        """Return the problems of one entry read from a stream (see :class:`EntryStream`)."""
        if item.entry is None:
            self.skip(item.index, item.raw)
            return []
        return self.feed(item.index, item.entry)[1]


def check_register_numbers(entries: Iterable[IncomingEntry | OutgoingEntry], *,
                           outgoing: bool = False) -> list[Problem]:
    """Return problems with the serial numbers: duplicates, breaks in the sequence, the start.

    Entries without a number are numbered after the entry before them, so only
    given numbers can break the sequence.
    """
    check = NumberCheck(outgoing=outgoing)
    return [p for i, entry in enumerate(entries) for p in check.feed(i, entry.number)[1]]


def check_incoming_register(register: IncomingRegister | Mapping[str, Any]) -> list[Problem]:
    """Return every problem of an incoming register beyond its field types.

    Numbers (Appendix 1), and the registration date by rule 20: given or
    derived from ``received``, consistent with both, not before the document's
    date, within the register's year, on a working day, in order. Entries given
    as an iterator are read here, once, and kept on disk for writing
    (:meth:`EntryStream.spool`); problems of their types are returned too.
    """
    try:
        reg = coerce(IncomingRegister, register)
        profile = reg.profile()
    except InputError as exc:
        return list(exc.problems)
    check = IncomingCheck(reg.year, profile)
    if isinstance(reg.entries, EntryStream):
        return reg.entries.spool(check.item)
    return [p for i, entry in enumerate(reg.entries) for p in check.feed(i, entry)[2]]


def _check_incoming_entry(i: int, entry: IncomingEntry, expected: date | None, year: int,
                          profile: OfficeProfile | None) -> list[Problem]:
    at = ("entries", i)
    if entry.registered is None and entry.received is None:
        return [Problem("register.date_missing", "rule 20", at, None,
                        "has neither `registered` (the registration date) nor `received` "
                        "(date and time of receipt, e.g. 2025-01-08 19:40); give one")]
    day: date | None
    if entry.received is not None and expected is not None:
        day, field = (entry.registered or expected), ("registered" if entry.registered
                                                      else "received")
    else:
        day, field = entry.registered, "registered"
    assert day is not None  # an entry has a registration date or a time of receipt
    problems = check_registration(day, entry.received, entry.doc_date, profile=profile, exact=True,
                                  at=at, day_field=field, due=expected)
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

    Numbers (Appendix 2, rule 23); dates within the register's year and in
    order. Entries given as an iterator are read here, once, and kept on disk
    for writing (:meth:`EntryStream.spool`).
    """
    try:
        reg = coerce(OutgoingRegister, register)
    except InputError as exc:
        return list(exc.problems)
    check = OutgoingCheck(reg.year)
    if isinstance(reg.entries, EntryStream):
        return reg.entries.spool(check.item)
    return [p for i, entry in enumerate(reg.entries) for p in check.feed(i, entry)[1]]

"""The registration date of an incoming document by rule 20, on Kazakhstan's calendar.

Rule 20: a document received during working hours is registered on the day of
receipt; one received after hours, on the next working day. Working days come
from the ``holidays`` package's Kazakhstan calendar (weekends, public holidays,
the days off the government moves, and the Saturdays or Sundays it makes
working days), corrected by the office's own profile: its hours (09:00–18:00 by
default) and extra days off or working days.

>>> from datetime import datetime
>>> registration_date(datetime(2025, 1, 10, 19, 40))  # a Friday after hours -> Monday
datetime.date(2025, 1, 13)
>>> registration_date(datetime(2025, 3, 20, 18, 30))  # the eve of Nauryz -> after it
datetime.date(2025, 3, 26)
>>> registration_date(datetime(2024, 5, 3, 18, 5))    # Saturday 4 May 2024 was a working day
datetime.date(2024, 5, 4)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated, Any, ClassVar

import holidays
from pydantic import BeforeValidator, model_validator
from pydantic_core import PydanticCustomError

from ..errors import InputError, Problem
from ..models import PeaModel, RuleDate, coerce, rule

__all__ = [
    "Office",
    "OfficeHours",
    "OfficeProfile",
    "is_working_day",
    "next_working_day",
    "registration_date",
]

# A year of days off in a row cannot happen; past it, a profile is broken.
_MAX_DAYS_AHEAD = 366


def _clock(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 18:00 as the base-60 number 1080 (minutes), and
    # 9:00 as 540; take such numbers back as the time the user wrote.
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if 60 <= value < 24 * 60:
            return time(value // 60, value % 60)
        if 0 <= value < 24:
            return time(value)
        raise PydanticCustomError("office.hours_invalid",
                                  "is not a time of day; write it as \"09:00\"",
                                  {"clause": "rule 20"})
    if isinstance(value, str) and len(value) == 4 and value[1] == ":":
        return "0" + value  # "9:00" -> "09:00", which pydantic reads
    return value


#: A time of day: ``"09:00"``, ``"9:00"``, a ``time``, or YAML's base-60 reading of ``18:00``.
Clock = Annotated[time, BeforeValidator(_clock)]


def _check_consistent(start: time, end: time, days_off: list[date],
                      working_days: list[date]) -> None:
    if start >= end:
        raise PydanticCustomError(
            "office.hours_order", "working hours must end after they begin: {start}–{end}",
            {"clause": "rule 20", "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")})
    both = sorted(set(days_off) & set(working_days))
    if both:
        raise PydanticCustomError(
            "office.day_conflict", "{day} is both an extra day off and an extra working day",
            {"clause": "rule 20", "day": both[0].strftime("%d.%m.%Y")})


class OfficeProfile(PeaModel):
    """The office's working hours and its own changes to the national calendar (rule 20).

    ``extra_days_off`` are days the office does not work although the country
    does; ``extra_working_days`` are days it works although the country rests.

    >>> p = OfficeProfile(hours_end=time(17, 0), extra_days_off=[date(2025, 1, 9)])
    >>> is_working_day(date(2025, 1, 9), p), p.hours_start
    (False, datetime.time(9, 0))
    """

    noun: ClassVar[str] = "an office profile"

    hours_start: Clock = rule("rule 20", "when the office's working hours begin", default=time(9))
    hours_end: Clock = rule("rule 20", "when the office's working hours end", default=time(18))
    extra_days_off: list[RuleDate] = rule("rule 20", "days off of the office beyond the "
                                          "national calendar", default_factory=list)
    extra_working_days: list[RuleDate] = rule("rule 20", "working days of the office beyond "
                                              "the national calendar", default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> OfficeProfile:
        _check_consistent(self.hours_start, self.hours_end, self.extra_days_off,
                          self.extra_working_days)
        return self

    @classmethod
    def from_office(cls, office: Mapping[str, Any]) -> OfficeProfile:
        """Return the profile described by an ``office.yaml`` mapping.

        Reads ``hours: {start, end}``, ``days_off`` and ``working_days``; other keys
        (``agent`` ...) belong to other parts of the office profile and are left alone.

        Raises:
            InputError: a value is wrong; the problem names ``hours.start`` and so on.

        >>> OfficeProfile.from_office({"agent": {"surname": "Сапаров"},
        ...     "hours": {"start": "08:30", "end": 1050}, "days_off": ["03.01.2025"]}).hours_end
        datetime.time(17, 30)
        """
        picked = {k: office[k] for k in ("hours", "days_off", "working_days")
                  if k in office and office[k] is not None}
        return coerce(Office, picked).profile()


class OfficeHours(PeaModel):
    """The office's working hours, as ``office.yaml`` writes them: ``{start, end}``."""

    noun: ClassVar[str] = "the office hours"

    start: Clock = rule("rule 20", "when working hours begin (\"09:00\")", default=time(9))
    end: Clock = rule("rule 20", "when working hours end (\"18:00\")", default=time(18))

    @model_validator(mode="after")
    def _ordered(self) -> OfficeHours:
        _check_consistent(self.start, self.end, [], [])
        return self


class Office(PeaModel):
    """The calendar part of an office profile, in the keys of ``office.yaml``.

    A register's ``office:`` block takes the same keys.

    >>> Office(hours={"start": "08:00"}, working_days=["2025-03-22"]).profile().hours_start
    datetime.time(8, 0)
    """

    noun: ClassVar[str] = "an office profile"

    hours: OfficeHours = rule("rule 20", "working hours {start, end}", default_factory=OfficeHours)
    days_off: list[RuleDate] = rule("rule 20", "extra days off", default_factory=list)
    working_days: list[RuleDate] = rule("rule 20", "extra working days", default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Office:
        _check_consistent(self.hours.start, self.hours.end, self.days_off, self.working_days)
        return self

    def profile(self) -> OfficeProfile:
        """Return these settings as an :class:`OfficeProfile`."""
        return OfficeProfile(hours_start=self.hours.start, hours_end=self.hours.end,
                             extra_days_off=self.days_off, extra_working_days=self.working_days)


_DEFAULT = OfficeProfile()


@lru_cache(maxsize=64)
def _national_calendar(year: int) -> holidays.HolidayBase:
    # One calendar object per year, built once: building one costs far more than
    # looking a day up. ``expand=False`` keeps a cached object from growing (and
    # being mutated) when asked about another year, which it never is.
    return holidays.country_holidays("KZ", years=year, expand=False)


@lru_cache(maxsize=4096)
def _nationally_working(day: date) -> bool:
    calendar = _national_calendar(day.year)
    # The library's is_working_day knows weekends, holidays, moved days off and
    # the weekend days made working (2024-05-04, 2025-01-05).
    return bool(calendar.is_working_day(day))


def is_working_day(day: date, profile: OfficeProfile | None = None) -> bool:
    """Return True if the office works on ``day``.

    The office's ``extra_working_days`` and ``extra_days_off`` win over the
    national calendar.

    >>> is_working_day(date(2025, 1, 3))   # a day off moved from Sunday 5 January
    False
    >>> is_working_day(date(2025, 1, 5))   # that Sunday was worked
    True
    """
    profile = profile or _DEFAULT
    if isinstance(day, datetime):
        day = day.date()
    if day in profile.extra_working_days:
        return True
    if day in profile.extra_days_off:
        return False
    return _nationally_working(day)


def next_working_day(day: date, profile: OfficeProfile | None = None) -> date:
    """Return the first working day after ``day``.

    Raises:
        InputError: no working day within a year (the profile declares every day off).

    >>> next_working_day(date(2024, 12, 13))   # Friday -> Monday 16 December is a holiday
    datetime.date(2024, 12, 17)
    """
    if isinstance(day, datetime):
        day = day.date()
    current = day
    for _ in range(_MAX_DAYS_AHEAD):
        current += timedelta(days=1)
        if is_working_day(current, profile):
            return current
    raise InputError([Problem("office.no_working_day", "rule 20", (), day.strftime("%d.%m.%Y"),
                              "has no working day within a year after it; check the office's "
                              "days_off")])


def registration_date(received_at: datetime, profile: OfficeProfile | None = None) -> date:
    """Return the day a document received at ``received_at`` is registered (rule 20).

    Received on a working day before the office closes, it is registered that
    day — also when it arrived before opening, as that day's working hours are
    the first after receipt. Received at or after closing time, or on a day off,
    it is registered on the next working day. ``received_at`` is read as the
    office's local time (a timezone, if any, is ignored).

    >>> registration_date(datetime(2025, 1, 9, 17, 59))
    datetime.date(2025, 1, 9)
    >>> registration_date(datetime(2025, 1, 9, 18, 0))
    datetime.date(2025, 1, 10)
    >>> registration_date(datetime(2024, 12, 31, 18, 30))  # 1-3 January off, Sunday 5th worked
    datetime.date(2025, 1, 5)
    """
    if not isinstance(received_at, datetime):
        raise InputError([Problem("received.invalid", "rule 20", ("received",), received_at,
                                  "must be a date and time, e.g. 2025-01-08 19:40")])
    profile = profile or _DEFAULT
    day = received_at.date()
    if is_working_day(day, profile) and received_at.time() < profile.hours_end:
        return day
    return next_working_day(day, profile)

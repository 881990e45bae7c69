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

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from pea_docs.errors import InputError, Problem
from pea_docs.models.office import OfficeProfile

if TYPE_CHECKING:
    import holidays

__all__ = [
    "RegistrationDays",
    "is_working_day",
    "next_working_day",
    "registration_date",
]

# A year of days off in a row cannot happen; past it, a profile is broken.
_MAX_DAYS_AHEAD = 366


_DEFAULT = OfficeProfile()


@lru_cache(maxsize=64)
def _national_calendar(year: int) -> holidays.HolidayBase:
    # One calendar object per year, built once: building one costs far more than
    # looking a day up. ``expand=False`` keeps a cached object from growing (and
    # being mutated) when asked about another year, which it never is. Imported
    # here: the package is large, and only a registration date needs it.
    import holidays

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


class RegistrationDays:
    """Rule 20's dates for one office, each worked out once per day of receipt.

    A register reads thousands of entries received over a few hundred days:
    the registration date depends only on the day and on whether the document
    came before closing time, so it is looked up rather than worked out again.
    Only the last few hundred days are kept (a stream of any length stays small).

    >>> days = RegistrationDays()
    >>> days.of(datetime(2025, 1, 10, 19, 40)), days.of(datetime(2025, 1, 10, 20, 5))
    (datetime.date(2025, 1, 13), datetime.date(2025, 1, 13))
    """

    _KEEP = 1024

    def __init__(self, profile: OfficeProfile | None = None):
        self.profile = profile
        self._hours_end = (profile or _DEFAULT).hours_end
        self._known: dict[tuple[date, bool], date] = {}

    def of(self, received_at: datetime) -> date:
        """Return :func:`registration_date` of ``received_at`` for this office."""
        if not isinstance(received_at, datetime):
            return registration_date(received_at, self.profile)  # refused there, as ever
        key = (received_at.date(), received_at.time() < self._hours_end)
        day = self._known.get(key)
        if day is None:
            if len(self._known) >= self._KEEP:
                self._known.clear()
            day = self._known[key] = registration_date(received_at, self.profile)
        return day

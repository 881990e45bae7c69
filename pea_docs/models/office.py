"""The office profile: working hours and the office's own days off and working days (rule 20).

``office.yaml`` (DATA.md) writes them as ``hours: {start, end}``, ``days_off`` and
``working_days``; :class:`Office` reads those keys and :class:`OfficeProfile`
is what the calendar of rule 20 (:mod:`pea_docs.rules.calendar`) works with.

>>> Office(hours={"start": "8:00", "end": 1050}).profile().hours_end
datetime.time(17, 30)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from pea_docs.models.base import PeaModel, coerce, rule
from pea_docs.models.types import RuleDate

__all__ = ["Clock", "Office", "OfficeHours", "OfficeProfile"]


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
Clock = Annotated[time, BeforeValidator(_clock),
                  WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$",
                                  "description": "a time of day: \"09:00\""})]


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
    >>> p.hours_start, p.extra_days_off
    (datetime.time(9, 0), [datetime.date(2025, 1, 9)])
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

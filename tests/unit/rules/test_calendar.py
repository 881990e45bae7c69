"""Rule 20 on Kazakhstan's calendar: registration dates of real 2024 and 2025 receipts."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from pea_docs.errors import InputError
from pea_docs.models.office import Office, OfficeProfile
from pea_docs.rules.calendar import is_working_day, next_working_day, registration_date

CASES = [
    # received, registered, why
    ("2025-01-10 19:40", "2025-01-13", "Friday after hours -> Monday"),
    ("2025-01-09 11:15", "2025-01-09", "Thursday within hours -> same day"),
    ("2025-01-09 08:10", "2025-01-09", "before opening on a working day -> that day's hours"),
    ("2025-01-09 17:59", "2025-01-09", "a minute before closing"),
    ("2025-01-09 18:00", "2025-01-10", "closing time is after hours"),
    ("2025-01-11 12:00", "2025-01-13", "Saturday -> Monday"),
    ("2025-01-12 12:00", "2025-01-13", "Sunday -> Monday"),
    ("2025-03-20 18:30", "2025-03-26", "eve of Nauryz 2025 (21-25 March off)"),
    ("2024-03-20 19:00", "2024-03-26", "eve of Nauryz 2024 (21, 22, 25 March off)"),
    ("2024-12-13 18:30", "2024-12-17", "Friday before Independence Day (16 December 2024, Monday)"),
    ("2025-12-15 18:45", "2025-12-17", "eve of Independence Day 2025"),
    ("2024-12-31 18:30", "2025-01-05", "eve of 1 January: 1-2 holidays, 3 moved off, Sunday 5 worked"),
    ("2025-01-02 10:00", "2025-01-05", "a holiday -> the working Sunday"),
    ("2025-01-06 19:05", "2025-01-08", "7 January, Orthodox Christmas, is off"),
    ("2024-05-03 18:05", "2024-05-04", "Saturday 4 May 2024 was a working day"),
    ("2024-05-04 12:00", "2024-05-04", "received on that working Saturday"),
    ("2024-05-06 18:30", "2024-05-10",
     "7 May holiday, 8 May moved day off, 9 May Victory Day"),
    ("2025-05-08 18:10", "2025-05-12", "eve of Victory Day 2025 (Friday)"),
]


@pytest.mark.parametrize("received, expected, why", CASES, ids=[c[2] for c in CASES])
def test_registration_date_kazakhstan(received, expected, why):
    at = datetime.fromisoformat(received)
    assert registration_date(at) == date.fromisoformat(expected), why


@pytest.mark.parametrize("day, working", [
    ("2025-01-03", False),   # moved from Sunday 5 January 2025
    ("2025-01-05", True),    # that Sunday was worked
    ("2024-05-08", False),   # moved from Saturday 4 May 2024
    ("2024-05-04", True),
    ("2025-03-24", False),   # Nauryz observed
    ("2025-03-26", True),
    ("2025-10-27", False),   # Republic Day (Saturday 25 October) observed on Monday
    ("2025-07-04", True),
])
def test_is_working_day(day, working):
    assert is_working_day(date.fromisoformat(day)) is working


def test_next_working_day_skips_holidays_and_weekends():
    assert next_working_day(date(2025, 3, 20)) == date(2025, 3, 26)
    assert next_working_day(date(2025, 1, 13)) == date(2025, 1, 14)


def test_profile_hours():
    short = OfficeProfile(hours_start=time(8), hours_end=time(17))
    assert registration_date(datetime(2025, 1, 9, 17, 30), short) == date(2025, 1, 10)
    assert registration_date(datetime(2025, 1, 9, 17, 30)) == date(2025, 1, 9)


def test_profile_extra_days_off_and_working_days():
    profile = OfficeProfile(extra_days_off=[date(2025, 1, 13)],
                            extra_working_days=["11.01.2025"])
    # Friday evening: Saturday 11th is worked by this office
    assert registration_date(datetime(2025, 1, 10, 19, 40), profile) == date(2025, 1, 11)
    # Saturday evening: Monday 13th is the office's day off
    assert registration_date(datetime(2025, 1, 11, 19, 0), profile) == date(2025, 1, 14)
    assert is_working_day(date(2025, 1, 13), profile) is False
    assert is_working_day(date(2025, 1, 13)) is True


def test_profile_from_office_yaml_mapping():
    office = {"agent": {"surname": "Сапаров", "name": "Арман"},
              "hours": {"start": "08:30", "end": 1050},  # YAML 1.1 reads 17:30 as 1050
              "days_off": ["31.12.2025"], "working_days": [date(2025, 3, 22)]}
    profile = OfficeProfile.from_office(office)
    assert (profile.hours_start, profile.hours_end) == (time(8, 30), time(17, 30))
    assert profile.extra_days_off == [date(2025, 12, 31)]
    assert profile.extra_working_days == [date(2025, 3, 22)]
    assert OfficeProfile.from_office({}) == OfficeProfile()
    assert Office(hours={"start": "9:00"}).profile().hours_start == time(9)


@pytest.mark.parametrize("office, code, path", [
    ({"hours": {"start": "18:00", "end": "09:00"}}, "office.hours_order", "hours"),
    ({"hours": {"start": "25:00"}}, "value.time_parsing", "hours.start"),
    ({"hours": {"start": 5000}}, "office.hours_invalid", "hours.start"),
    ({"hours": {"strat": "08:00"}}, "field.unknown", "hours.strat"),
    ({"days_off": ["2025-01-09"], "working_days": ["09.01.2025"]}, "office.day_conflict", ""),
    ({"days_off": ["someday"]}, "date.invalid", "days_off[0]"),
])
def test_bad_office_profile(office, code, path):
    with pytest.raises(InputError) as info:
        OfficeProfile.from_office(office)
    problem = info.value.problems[0]
    assert problem.code == code
    assert str(problem).startswith(f"{path}: " if path else "")
    if code.startswith("office."):
        assert problem.clause == "rule 20"


def test_profile_is_frozen():
    with pytest.raises(Exception):
        OfficeProfile().hours_start = time(8)  # type: ignore[misc]


def test_no_working_day_within_a_year():
    every_day = [date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + i) for i in range(400)]
    with pytest.raises(InputError, match="rule 20"):
        next_working_day(date(2024, 12, 31), OfficeProfile(extra_days_off=every_day))


def test_registration_date_needs_a_datetime():
    with pytest.raises(InputError, match="date and time"):
        registration_date(date(2025, 1, 9))  # type: ignore[arg-type]


def test_holidays_floor_is_the_first_version_with_the_2024_2025_transfers():
    # holidays 0.60-0.62 register 2 January 2025 on 3 January, a day off that year (moved from
    # Sunday 5 January); 0.63 is the first with the transfer, so the requirement may not allow less
    import re
    import tomllib
    from importlib.metadata import version
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text(encoding="utf-8"))
    floor = next(re.fullmatch(r"holidays>=([\d.]+)", d).group(1) for d in project["project"]["dependencies"]
                 if d.startswith("holidays"))
    as_tuple = lambda v: tuple(int(x) for x in v.split(".")[:2])  # noqa: E731
    assert as_tuple(floor) >= (0, 63)
    assert as_tuple(version("holidays")) >= as_tuple(floor)
    assert registration_date(datetime(2025, 1, 2, 10)) == date(2025, 1, 5)

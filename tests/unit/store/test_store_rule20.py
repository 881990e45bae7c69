"""Rule 20 in the register: dates from Kazakhstan's real 2024 and 2025 calendars.

Received during working hours -> registered that day; after hours, on a day off,
or on the eve of a holiday -> on the next working day, across weekends, public
holidays, the government's transfers of days off and the weekend days made working.
The expected dates are written out here from the published calendars, not computed.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from pea_docs.models.office import OfficeProfile
from pea_docs.store import Register

CASES = [
    # (received, registered, why)
    ("2025-01-10 17:59", date(2025, 1, 10), "Friday within office hours"),
    ("2025-01-10 18:00", date(2025, 1, 13), "Friday at closing time -> Monday"),
    ("2025-01-10 19:40", date(2025, 1, 13), "Friday after hours -> Monday"),
    ("2025-01-11 10:00", date(2025, 1, 13), "Saturday -> Monday"),
    ("2025-01-09 08:00", date(2025, 1, 9), "before opening on a working day -> that day"),
    ("2024-12-13 18:01", date(2024, 12, 17), "eve of Independence Day (Mon 16.12.2024)"),
    ("2024-03-07 18:30", date(2024, 3, 11), "eve of 8 March 2024 (a Friday)"),
    ("2025-03-20 18:30", date(2025, 3, 26), "eve of Nauryz 2025: 21-25 March off"),
    ("2024-05-06 18:30", date(2024, 5, 10), "eve of 7 May 2024; 8 May off, moved from Saturday 4 May"),
    ("2024-05-03 18:05", date(2024, 5, 4), "Saturday 4 May 2024 was a working day"),
    ("2024-12-31 18:30", date(2025, 1, 5), "New Year: 1-3 January 2025 off, Sunday 5th worked"),
    ("2025-01-03 10:00", date(2025, 1, 5), "3 January 2025: a day off moved from Sunday 5th"),
]


@pytest.mark.parametrize("received, expected, why", CASES, ids=[c[2] for c in CASES])
def test_registration_date_follows_rule_20(tmp_path, received, expected, why):
    with Register(tmp_path / "r.sqlite", clock=lambda: datetime(2025, 6, 2, 12, 0)) as reg:
        e = reg.register_incoming(sender="ТОО «Альфа»", doc_number="1", doc_date="05.12.2023",
                                  summary="Запрос", received=received, by="clerk")
    assert e.registered == expected, why
    assert (e.year, e.number) == (expected.year, 1)  # numbered in the year it is registered


@pytest.mark.parametrize("profile, received, expected", [
    (OfficeProfile(hours_end=time(17, 0)), "2025-01-09 17:30", date(2025, 1, 10)),
    (OfficeProfile(extra_days_off=[date(2025, 1, 10)]), "2025-01-09 18:30", date(2025, 1, 13)),
    (OfficeProfile(extra_working_days=[date(2025, 1, 11)]), "2025-01-10 19:00", date(2025, 1, 11)),
], ids=["closes-at-17", "extra-day-off", "extra-working-saturday"])
def test_the_office_profile_changes_hours_and_days(tmp_path, profile, received, expected):
    with Register(tmp_path / "r.sqlite", profile=profile,
                  clock=lambda: datetime(2025, 6, 2, 12, 0)) as reg:
        e = reg.register_incoming(sender="ТОО «Альфа»", doc_number="1", doc_date="05.01.2025",
                                  summary="Запрос", received=received, by="clerk")
    assert e.registered == expected

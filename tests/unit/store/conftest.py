"""Fixtures of the register store tests: a register on a settable clock."""

from __future__ import annotations

from datetime import datetime

import pytest



class Clock:
    """A settable clock: the office's local time "now"."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 3, 12, 0))  # a Monday, within office hours


@pytest.fixture
def reg(stores, clock):
    """The register of one office on a settable clock, in SQLite and then in PostgreSQL."""
    with stores.open("r", clock=clock) as register:
        yield register

"""Fixtures of the register store tests: a register on a settable clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from pea_docs.store import Register


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
def reg(tmp_path, clock):
    with Register(tmp_path / "r.sqlite", clock=clock) as register:
        yield register

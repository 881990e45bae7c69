"""PostgreSQL for the tests: where the test database is, and one fresh office per register.

The tests that need PostgreSQL read its URL from ``PEA_DOCS_TEST_POSTGRES``
(``.ci/run`` starts Debian's cluster and sets it). Without it they are skipped,
except under CI (``CI=true``), where a missing database is a failure: a skip there
would hide that the shared backend was never tested.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from pea_docs.store import Register
from pea_docs.store.postgres import office_schema

BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """Return the test database's URL, or skip (fail under CI) when there is none."""
    url = os.environ.get("PEA_DOCS_TEST_POSTGRES", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("PEA_DOCS_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it")
        pytest.skip("PostgreSQL is not configured (set PEA_DOCS_TEST_POSTGRES=postgresql:///pea_test)")
    return url


def drop_offices(url: str, offices: list[str]) -> None:
    """Drop the offices' schemas (a test's registers), whatever they hold."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for office in offices:
            conn.execute(f'DROP SCHEMA IF EXISTS "{office_schema(office)}" CASCADE')


class Stores:
    """Registers of one backend for one test: ``open("a")`` and ``open("b")`` are two offices' registers."""

    def __init__(self, backend: str, folder: Path):
        self.backend = backend
        self.folder = folder
        self.url = postgres_url() if backend == "postgresql" else ""
        self.offices: dict[str, str] = {}

    def location(self, name: str = "r") -> tuple[str, str | None]:
        """Return the ``--db`` value and the office of register ``name``."""
        if self.backend == "sqlite":
            return str(self.folder / f"{name}.sqlite"), None
        office = self.offices.setdefault(name, f"test {name} {uuid.uuid4().hex[:12]}")
        return self.url, office

    def open(self, name: str = "r", **options: Any) -> Register:
        """Return register ``name`` (created on first use) with ``options`` (clock, numbering, ...)."""
        db, office = self.location(name)
        return Register(db, office=office, **options)

    def close(self) -> None:
        if self.backend == "postgresql" and self.offices:
            drop_offices(self.url, list(self.offices.values()))

"""The database file: WAL, schema version, upgrades, and triggers that forbid erasing."""

from __future__ import annotations

import sqlite3

import pytest

from pea_docs.errors import InputError
from pea_docs.store import Register
from pea_docs.store.db import MIGRATIONS, SCHEMA_VERSION, connect, schema_version


def test_new_file_is_wal_and_carries_the_schema_version(tmp_path):
    path = tmp_path / "r.sqlite"
    connect(path).close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"entries", "history", "settings"} <= tables
    raw.close()


def test_an_empty_version_0_file_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    sqlite3.connect(path).close()  # an empty SQLite file: version 0
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    conn.close()


def _add_checked_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE entries ADD COLUMN checked_by TEXT")


def test_an_older_version_is_upgraded_keeping_its_entries(tmp_path):
    path = tmp_path / "r.sqlite"
    with Register(path, clock=lambda: __import__("datetime").datetime(2025, 1, 9, 10, 0)) as reg:
        reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="clerk")
    # a pea-docs with one more migration step opens the version-1 file
    newer = [*MIGRATIONS, _add_checked_column]
    conn = connect(path, migrations=newer)
    assert schema_version(conn) == SCHEMA_VERSION + 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(entries)")]
    assert "checked_by" in columns
    assert conn.execute("SELECT number, summary FROM entries").fetchall() == [(1, "Запрос")]
    conn.close()
    # opening it again does not run the step twice (ALTER would fail on the existing column)
    connect(path, migrations=newer).close()


def test_a_failing_upgrade_step_leaves_the_file_at_its_version(tmp_path):
    path = tmp_path / "r.sqlite"
    connect(path).close()

    def broken(conn):
        conn.execute("ALTER TABLE entries ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("disk full in the middle")

    with pytest.raises(InputError):
        connect(path, migrations=[*MIGRATIONS, broken])
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    assert "half" not in [r[1] for r in conn.execute("PRAGMA table_info(entries)")]
    conn.close()


def test_a_file_from_a_newer_pea_docs_is_refused(tmp_path):
    path = tmp_path / "r.sqlite"
    connect(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(InputError) as info:
        connect(path)
    assert info.value.problems[0].code == "store.file"
    assert "newer than this pea-docs knows" in str(info.value)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None], ids=["garbage", "other-db"])
def test_a_file_that_is_not_a_register_is_refused(tmp_path, content):
    path = tmp_path / "x.sqlite"
    if content is None:
        raw = sqlite3.connect(path)
        raw.execute("CREATE TABLE people (name TEXT)")
        raw.close()
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        connect(path)
    assert info.value.problems[0].code == "store.file"
    assert str(path) in str(info.value)


def test_entries_and_history_cannot_be_erased_even_by_hand(tmp_path):
    path = tmp_path / "r.sqlite"
    with Register(path, clock=lambda: __import__("datetime").datetime(2025, 1, 9, 10, 0)) as reg:
        reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="clerk")
    raw = sqlite3.connect(path)
    for statement in ("DELETE FROM entries", "UPDATE entries SET number = 7",
                      "UPDATE entries SET year = 2024", "DELETE FROM history",
                      "UPDATE history SET reason = 'x'"):
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute(statement)
    raw.execute("UPDATE entries SET note = 'allowed: not the number'")
    raw.commit()
    assert raw.execute("SELECT number FROM entries").fetchall() == [(1,)]
    raw.close()


def test_the_unique_constraint_backs_up_the_numbering(tmp_path):
    path = tmp_path / "r.sqlite"
    with Register(path, clock=lambda: __import__("datetime").datetime(2025, 1, 9, 10, 0)) as reg:
        reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="clerk")
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute("INSERT INTO entries (direction, year, number, registered, party, summary, "
                    "registered_by, registered_at) VALUES ('outgoing', 2025, 1, '2025-01-09', "
                    "'\"x\"', 'y', 'z', '2025-01-09T00:00:00.000000Z')")
    raw.close()


def test_a_register_of_schema_1_is_upgraded_keeping_its_entries(tmp_path):
    # a file written before the archive (schema 1): entries without sheets or an order's year
    from pea_docs.store import Register
    path = tmp_path / "old.sqlite"
    old = connect(path, migrations=MIGRATIONS[:1])
    old.execute("INSERT INTO entries (direction, year, number, registered, party, summary, case_ref, "
                "registered_by, registered_at) VALUES ('incoming', 2024, 1, '2024-05-02', '\"ТОО\"', 'Запрос', "
                "'02-05', 'clerk', '2024-05-02T05:00:00.000000Z')")
    old.close()
    with Register(path) as reg:
        entry = reg.get("incoming", 1, year=2024)
        assert (entry.case, entry.sheets, entry.case_year) == ("02-05", None, None)
        assert schema_version(reg._conn) == SCHEMA_VERSION == 3

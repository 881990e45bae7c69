"""The register on PostgreSQL: offices apart, the schema's versions, triggers, racing clerks, migration."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime

import pytest
from clerks import race
from pg_tools import drop_offices, postgres_url

import pea_docs.store.register as register_module
from pea_docs.errors import InputError
from pea_docs.store import Register
from pea_docs.store.db import MIGRATIONS, SCHEMA_VERSION
from pea_docs.store.migrate import TABLES, copy_register
from pea_docs.store.postgres import PG_MIGRATIONS, connect_postgres, office_schema

psycopg = pytest.importorskip("psycopg")

NOON = datetime(2025, 3, 3, 12, 0)


@pytest.fixture
def url():
    return postgres_url()


@pytest.fixture
def offices(url):
    """Fresh office names; their schemas are dropped after the test."""
    made: list[str] = []

    def new(name: str = "office") -> str:
        made.append(f"test {name} {uuid.uuid4().hex[:12]}")
        return made[-1]

    yield new
    drop_offices(url, made)


def incoming(reg: Register, n: int = 1):
    return reg.register_incoming(sender="ТОО «Альфа»", doc_number=f"12-{n}", doc_date="2025-02-27",
                                 summary=f"Запрос {n}", received="2025-03-03 10:00", by="clerk")


def test_one_office_cannot_read_or_number_anothers_entries(url, offices):
    a_name, b_name = offices("a"), offices("b")
    with Register(url, office=a_name, clock=lambda: NOON) as a, Register(url, office=b_name, clock=lambda: NOON) as b:
        assert [incoming(a, n).number for n in (1, 2, 3)] == [1, 2, 3]
        # office b numbers its own register from 1: a's numbers are not taken
        assert incoming(b, 9).number == 1
        assert [e.summary for e in b.list()] == ["Запрос 9"]
        assert [e.number for e in a.list()] == [1, 2, 3]
        with pytest.raises(InputError) as info:
            b.get("incoming", 3, year=2025)  # a's No. 3 does not exist for b
        assert info.value.problems[0].code == "store.not_found"
        # not even a hand-written query through b's connection reaches a's rows
        assert b._conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.UndefinedTable):
            b._conn.execute("SELECT count(*) FROM pea_docs_never_a_table").fetchone()
    raw = psycopg.connect(url, autocommit=True)
    counts = {name: raw.execute(f'SELECT count(*) FROM "{office_schema(name)}".entries').fetchone()[0]
              for name in (a_name, b_name)}
    raw.close()
    assert counts == {a_name: 3, b_name: 1}


def test_an_sqlite_file_keeps_the_office_it_was_made_for(tmp_path):
    # (in PostgreSQL another office's name opens another schema: the test above)
    path = tmp_path / "r.sqlite"
    Register(path).close()  # an office's file from before offices: the first name given is kept
    with Register(path, office="17012345") as reg:
        assert reg.office == "17012345"
    with Register(path) as reg:
        assert reg.office == "17012345"
    with pytest.raises(InputError) as info:
        Register(path, office="99999999")
    assert info.value.problems[0].code == "store.office"
    assert "17012345" in str(info.value) and "99999999" in str(info.value)


@pytest.mark.parametrize("name", ["", "   ", "a\x00b", "x" * 201, "tab\there"])
def test_an_office_name_must_be_printable_text(stores, name):
    db, _ = stores.location("r")
    with pytest.raises(InputError) as info:
        Register(db, office=name)
    assert info.value.problems[0].code == "store.office"


def test_triggers_refuse_deleting_truncating_renumbering_and_rewriting_history(url, offices):
    name = offices()
    with Register(url, office=name, clock=lambda: NOON) as reg:
        incoming(reg)
        reg.record_return(sender="ТОО «Бета»", summary="Не нам", received="2025-03-03 10:00", by="c")
    raw = psycopg.connect(url, autocommit=True)
    raw.execute(f'SET search_path TO "{office_schema(name)}"')
    for statement in ("DELETE FROM entries", "TRUNCATE entries CASCADE", "UPDATE entries SET number = 7",
                      "UPDATE history SET by = 'x'", "DELETE FROM history", "TRUNCATE history",
                      "DELETE FROM returns", "TRUNCATE returns"):
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
            raw.execute(statement)
    raw.execute("UPDATE entries SET note = 'a correction is allowed'")
    assert raw.execute("SELECT count(*), min(number) FROM entries").fetchone() == (1, 1)
    raw.close()


def test_both_backends_keep_the_same_tables_and_columns(url, offices):
    sqlite = sqlite3.connect(":memory:")
    for step in MIGRATIONS:
        step(sqlite)
    pg = connect_postgres(url, offices())
    for table, (columns, _key) in TABLES.items():
        want = [c.strip() for c in columns.split(",")]
        assert sorted(r[1] for r in sqlite.execute(f"PRAGMA table_info({table})")) == sorted(want), table
        got = pg.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                         "AND table_name = ?", (pg.schema, table)).fetchall()
        assert sorted(r[0] for r in got) == sorted(want), table
    assert len(PG_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION
    pg.close()


def test_an_older_schema_is_upgraded_keeping_its_rows(url, offices):
    name = offices()
    old = connect_postgres(url, name, migrations=PG_MIGRATIONS[:1])
    old.execute("INSERT INTO entries (direction, year, number, registered, party, summary, registered_by, "
                "registered_at) VALUES ('incoming', 2025, 1, '2025-03-03', '\"ТОО\"', 'Старая', 'c', "
                "'2025-03-03T06:00:00.000000Z')")
    assert old.execute("SELECT version FROM pea_docs_schema").fetchone()[0] == 1
    old.close()
    with Register(url, office=name, clock=lambda: NOON) as reg:
        assert reg._conn.execute("SELECT version FROM pea_docs_schema").fetchone()[0] == SCHEMA_VERSION
        assert [(e.number, e.summary, e.kind, e.sheets) for e in reg.list()] == [(1, "Старая", None, None)]
        assert incoming(reg).number == 2


def test_a_failing_step_leaves_the_schema_at_its_version_and_a_newer_one_is_refused(url, offices):
    name = offices()
    connect_postgres(url, name).close()
    broken = [*PG_MIGRATIONS, "ALTER TABLE entries ADD COLUMN half TEXT; SELECT 1/0"]
    with pytest.raises(InputError):
        connect_postgres(url, name, migrations=broken)
    conn = connect_postgres(url, name)
    assert conn.execute("SELECT version FROM pea_docs_schema").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                        "AND column_name = 'half'", (conn.schema,)).fetchone()[0] == 0
    conn.execute("UPDATE pea_docs_schema SET version = ?", (SCHEMA_VERSION + 5,))
    conn.close()
    with pytest.raises(InputError) as info:
        Register(url, office=name)
    assert "newer than this pea-docs knows" in str(info.value)


def test_a_server_that_cannot_be_reached_is_a_clear_error_without_the_password():
    with pytest.raises(InputError) as info:
        Register("postgresql://clerk:s3cret@127.0.0.1:1/pea")
    text = str(info.value)
    assert info.value.problems[0].code == "store.file" and "cannot be reached" in text
    assert "s3cret" not in text and "clerk:***@" in text


def _fill(reg: Register) -> None:
    incoming(reg, 1)
    reg.register_outgoing(recipient={"organization": "АО «Банк»", "address": "г. Алматы, пр. Достык, 10"},
                          summary="Запрос о счетах", method="post", by="clerk")
    reg.amend("incoming", 1, year=2025, summary="Запрос о ходе ИП", reason="опечатка", by="head")
    reg.record_return(sender="ТОО «Бета»", summary="Не нам", received="2025-03-03 11:00", by="c")
    reg.set_agent({"surname": "Сапаров", "name": "Арман", "license": "17012345"})


def _everything(reg: Register) -> list:
    return [(e.key, e.registered, e.party, e.summary, e.method, [(h.action, h.at, h.by, h.reason, h.changes)
                                                               for h in e.history]) for e in reg.list()] + \
        [reg.agent, [(r.summary, r.received) for r in reg.returns()]]


def test_migrate_sqlite_to_postgresql_and_back_keeps_every_history_row(url, offices, tmp_path):
    source = tmp_path / "office.sqlite"
    name = offices()
    with Register(source, clock=lambda: NOON) as reg:
        _fill(reg)
        before = _everything(reg)
        xlsx = reg.export("incoming", 2025).to_bytes()
    with Register(source) as reg, Register(url, office=name, clock=lambda: NOON) as pg:
        counts = copy_register(reg._conn, pg._conn)
        assert counts["entries"] == 2 and counts["history"] == 3 and counts["returns"] == 1
        assert _everything(pg) == before
        assert pg.export("incoming", 2025).to_bytes() == xlsx  # the same register, byte for byte
        # the copied ids do not collide with the next registration's
        assert incoming(pg, 2).number == 2
        with pytest.raises(InputError) as info:  # into a register that is not empty: refused
            copy_register(reg._conn, pg._conn)
        assert info.value.problems[0].code == "store.migrate"
        after = _everything(pg)
    back = tmp_path / "back.sqlite"
    with Register(url, office=name) as pg, Register(back) as copy:
        copy_register(pg._conn, copy._conn)
        assert _everything(copy) == after


def test_backup_of_a_postgresql_register_is_one_sqlite_file(url, offices, tmp_path):
    name = offices()
    with Register(url, office=name, clock=lambda: NOON) as reg:
        _fill(reg)
        path = reg.backup(tmp_path / "b" / "backup.sqlite")
        want = _everything(reg)
    assert sorted(p.name for p in path.parent.iterdir()) == ["backup.sqlite"]  # no -wal, no .part
    with Register(path, office=name) as copy:
        assert _everything(copy) == want


def test_the_migrate_command_copies_and_refuses_a_missing_source(url, offices, tmp_path):
    source = tmp_path / "office.sqlite"
    with Register(source, clock=lambda: NOON) as reg:
        _fill(reg)
    name = offices()
    cli = [sys.executable, "-m", "pea_docs"]
    done = subprocess.run([*cli, "register", "migrate", "--from", str(source), "--to", url, "--to-office", name,
                           "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"entries": 2' in done.stdout and '"history": 3' in done.stdout
    listed = subprocess.run([*cli, "register", "--db", url, "--office-id", name, "list", "--year", "2025"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "incoming 2025/1" in listed.stdout and "outgoing 2025/1" in listed.stdout
    missing = subprocess.run([*cli, "register", "migrate", "--from", str(tmp_path / "nope.sqlite"), "--to",
                              str(tmp_path / "x.sqlite")], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "nope.sqlite").exists() and not (tmp_path / "x.sqlite").exists()


def _clerk(url: str, worker: int, count: int, start, results, *, office: str) -> None:
    with Register(url, office=office, clock=lambda: NOON) as reg:
        start.wait()
        told = []
        for i in range(count):
            if i % 2:
                e = reg.register_outgoing(recipient=f"АО «Банк» {worker}", summary=f"Запрос {i}", by=f"c{worker}")
            else:
                e = incoming(reg, i)
            told.append((e.direction, e.number))
    results.put(told)


@pytest.mark.slow
def test_four_processes_on_postgresql_never_share_a_number_nor_leave_a_gap(url, offices):
    name = offices()
    got = race(url, _clerk, 4, 250, office=name)
    for direction in ("incoming", "outgoing"):
        told = sorted(n for numbers in got for d, n in numbers if d == direction)
        assert told == list(range(1, 501))
    with Register(url, office=name) as reg:
        assert [e.number for e in reg.list("incoming")] == list(range(1, 501))
        assert reg._conn.execute("SELECT count(*) FROM history").fetchone()[0] == 1000


def _die_mid_registration(url: str, office: str) -> None:
    reg = Register(url, office=office, clock=lambda: NOON)

    def die(*args, **kwargs):
        os._exit(3)  # killed after the entry's INSERT, before COMMIT

    register_module.add_history = die
    reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c")


def test_a_client_killed_mid_registration_loses_nothing_confirmed(url, offices):
    name = offices()
    with Register(url, office=name, clock=lambda: NOON) as reg:
        confirmed = incoming(reg).number
    process = multiprocessing.get_context("spawn").Process(target=_die_mid_registration, args=(url, name))
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 3
    with Register(url, office=name, clock=lambda: NOON) as reg:
        assert [(e.direction, e.number) for e in reg.list()] == [("incoming", confirmed)]
        # the dead client's lock went with its connection: the next number is the one it never confirmed
        assert reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c").number == 1

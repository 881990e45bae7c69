"""The register database: one SQLite file (or an office's PostgreSQL schema), its version and its upgrades.

The file carries its schema version in ``PRAGMA user_version``; :func:`connect`
upgrades an older file step by step (each step in its own ``BEGIN IMMEDIATE``
transaction, so two processes opening an old file at once upgrade it once) and
refuses a file written by a newer pea-docs. The file is kept in WAL mode, so
readers (``list``, ``export``, ``backup``) never block a clerk who registers.

Entries are never deleted or renumbered: triggers refuse it even to someone
who edits the file by hand with the ``sqlite3`` shell (corrections, not deletions).

:func:`open_store` opens either kind by its name: a path (or ``sqlite:PATH``) is
the SQLite file, a ``postgresql://`` URL an office's schema in a shared database
(:mod:`pea_docs.store.postgres`). Both speak the store's SQL with ``?``
placeholders; :func:`immediate` is the write transaction of either.

>>> conn = connect(":memory:")
>>> schema_version(conn) == SCHEMA_VERSION
True
>>> conn.close()
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from pea_docs.errors import InputError, Problem

__all__ = ["BUSY_TIMEOUT_MS", "DEFAULT_OFFICE", "MIGRATIONS", "SCHEMA_VERSION", "Connection", "connect",
           "database_errors", "dialect", "immediate", "open_store", "schema_version", "store_name"]

#: The office a register belongs to when none is named (one agent, one file).
DEFAULT_OFFICE = "main"


class Connection(Protocol):
    """What the store asks of a database connection: sqlite3's ``execute`` with ``?`` placeholders."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def close(self) -> None: ...

#: How long a writer waits for another writer's transaction before giving up (ms).
#: A registration holds the lock for about a millisecond; 30 s covers a backup or
#: an import of a whole year running at the same moment.
BUSY_TIMEOUT_MS = 30_000

_V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE entries (
    id             INTEGER PRIMARY KEY,
    direction      TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    year           INTEGER NOT NULL,
    number         INTEGER NOT NULL CHECK (number >= 1),
    registered     TEXT    NOT NULL,          -- registration date, ISO (outgoing: the date)
    received       TEXT,                      -- when an incoming document arrived, ISO
    doc_date       TEXT,                      -- the sender's date, ISO (incoming)
    doc_number     TEXT,                      -- the sender's number (incoming)
    party          TEXT    NOT NULL,          -- sender or recipient: JSON text or mapping
    summary        TEXT    NOT NULL,
    execution_mark TEXT,
    case_ref       TEXT,
    note           TEXT,
    registered_by  TEXT    NOT NULL,
    registered_at  TEXT    NOT NULL,          -- UTC, ISO with 'Z'
    UNIQUE (direction, year, number)
);
CREATE INDEX entries_by_date ON entries (direction, registered);
CREATE TABLE history (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    action   TEXT    NOT NULL CHECK (action IN ('registered', 'imported', 'amended', 'marked')),
    at       TEXT    NOT NULL,                -- UTC, ISO with 'Z'
    by       TEXT    NOT NULL,
    reason   TEXT,
    changes  TEXT    NOT NULL                 -- JSON {field: [old, new]}
);
CREATE INDEX history_by_entry ON history (entry_id, id);
CREATE TRIGGER entries_never_deleted BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'register entries are never deleted (corrections, not deletions)');
END;
CREATE TRIGGER entries_never_renumbered
BEFORE UPDATE OF direction, year, number ON entries
WHEN NEW.direction IS NOT OLD.direction OR NEW.year IS NOT OLD.year
     OR NEW.number IS NOT OLD.number
BEGIN
    SELECT RAISE(ABORT, 'register entries are never renumbered');
END;
CREATE TRIGGER history_never_deleted BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'the history of the register is never deleted');
END;
CREATE TRIGGER history_never_changed BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'the history of the register is never changed');
END;
"""

# Version 2: the nomenclature of cases and the archive (rules 33-42). An entry gains its sheets
# (for the internal inventory, rule 39) and the year of the order it is filed in when that is not
# its own (a transferred case, rule 38.3). A year's nomenclature is kept as loaded (JSON, the
# form's data) and as its orders, reserve numbers included (heading NULL until opened, rule 35).
# A withdrawal act keeps its data and, once returned, the return (rule 42).
_V2 = """
ALTER TABLE entries ADD COLUMN sheets INTEGER CHECK (sheets IS NULL OR sheets >= 1);
ALTER TABLE entries ADD COLUMN case_year INTEGER;
CREATE TABLE nomenclatures (
    year      INTEGER PRIMARY KEY,
    data      TEXT    NOT NULL,
    loaded_at TEXT    NOT NULL,
    loaded_by TEXT    NOT NULL
);
CREATE TABLE orders (
    year         INTEGER NOT NULL REFERENCES nomenclatures (year),
    idx          TEXT    NOT NULL,
    position     INTEGER NOT NULL,            -- the order in the nomenclature, sections first
    section      INTEGER NOT NULL,
    heading      TEXT,                        -- NULL: a reserve number not opened yet
    storage      TEXT,                        -- 'permanent' or years
    articles     TEXT,
    note         TEXT,
    carried_over INTEGER NOT NULL DEFAULT 0,
    opened       TEXT,                        -- ISO date an order was opened from a reserve number
    PRIMARY KEY (year, idx)
);
CREATE TABLE withdrawals (
    id       INTEGER PRIMARY KEY,
    year     INTEGER NOT NULL,
    number   TEXT    NOT NULL,
    data     TEXT    NOT NULL,                -- the act's data (the form's), JSON
    returned TEXT,                            -- the return's data, JSON, once returned
    UNIQUE (year, number)
);
CREATE TABLE withdrawn (
    withdrawal_id INTEGER NOT NULL REFERENCES withdrawals (id),
    entry_id      INTEGER NOT NULL REFERENCES entries (id),
    PRIMARY KEY (withdrawal_id, entry_id)
);
"""

# Version 3: intake (rules 18, 25, 26). An incoming entry has a kind (a writ of execution, a party's
# appeal, a letter) and, for a writ, the day it was entered in the AIS of BEP; an outgoing one the way
# it was sent. Documents returned without registration (rule 18) are kept apart: they take no number.
_V3 = """
ALTER TABLE entries ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('letter', 'writ', 'appeal'));
ALTER TABLE entries ADD COLUMN entered TEXT;
ALTER TABLE entries ADD COLUMN method TEXT CHECK (method IS NULL OR method IN ('post', 'in_person', 'ais', 'other'));
CREATE TABLE returns (
    id         INTEGER PRIMARY KEY,
    received   TEXT    NOT NULL,              -- when it arrived, ISO
    sender     TEXT    NOT NULL,              -- JSON text or mapping, as an entry's party
    summary    TEXT    NOT NULL,
    reason     TEXT,
    by         TEXT    NOT NULL,
    at         TEXT    NOT NULL               -- UTC, ISO with 'Z'
);
CREATE TRIGGER returns_never_deleted BEFORE DELETE ON returns
BEGIN
    SELECT RAISE(ABORT, 'the returns log is never erased');
END;
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        # executescript would COMMIT first; run statement by statement inside our transaction
        for statement in _statements(sql):
            conn.execute(statement)
    return run


def _statements(sql: str) -> list[str]:
    """Split a schema script into complete statements (triggers hold inner ';')."""
    out: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    return out


#: MIGRATIONS[i] upgrades a file from version i to version i + 1.
MIGRATIONS: list[Migration] = [_script(_V1), _script(_V2), _script(_V3)]

#: The schema version this pea-docs writes.
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the schema version stored in the database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def immediate(conn: Connection) -> AbstractContextManager[Any]:
    """Return a context manager running its block in one write transaction.

    In SQLite ``BEGIN IMMEDIATE`` takes the write lock at the start, so the number
    computed inside cannot be taken by another process before the insert commits;
    waiting for the lock is bounded by the busy timeout. On PostgreSQL the office's
    advisory lock does the same (:meth:`PostgresConnection.write
    <pea_docs.store.postgres.PostgresConnection.write>`).
    """
    if isinstance(conn, sqlite3.Connection):
        return _Immediate(conn)
    return conn.write()  # type: ignore[attr-defined]


def dialect(conn: Connection) -> str:
    """Return where a connection's register is kept: ``"sqlite"`` or ``"postgresql"``.

    >>> dialect(connect(":memory:"))
    'sqlite'
    """
    return "sqlite" if isinstance(conn, sqlite3.Connection) else str(conn.dialect)  # type: ignore[attr-defined]


def store_name(name: str | os.PathLike[str]) -> str:
    """Return the database a ``--db`` value names: a URL as given, ``sqlite:PATH`` as its path.

    >>> store_name("sqlite:///var/pea/office.sqlite"), store_name("sqlite:office.sqlite")
    ('/var/pea/office.sqlite', 'office.sqlite')
    """
    text = os.fspath(name)
    if text.startswith("sqlite://"):
        return text[len("sqlite://"):]
    if text.startswith("sqlite:"):
        return text[len("sqlite:"):]
    return text


def open_store(name: str | os.PathLike[str], *, office: str | None = None, create: bool = True) -> Connection:
    """Return a connection to the register ``name`` names: a PostgreSQL URL or an SQLite file.

    ``office`` chooses the office's schema in PostgreSQL (default :data:`DEFAULT_OFFICE`);
    an SQLite file is one office's, which :class:`~pea_docs.store.register.Register` checks.
    """
    from pea_docs.store.postgres import connect_postgres, is_postgres_url

    text = store_name(name)
    if is_postgres_url(text):
        return connect_postgres(text, office or DEFAULT_OFFICE)
    return connect(text, create=create)


def database_errors() -> tuple[type[BaseException], ...]:
    """Return the exceptions a database driver raises (sqlite3's, and psycopg's when it is loaded)."""
    import sys

    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error, psycopg.Error) if psycopg is not None else (sqlite3.Error,)


class _Immediate:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def connect(path: str | os.PathLike[str], *, migrations: Sequence[Migration] | None = None,
            create: bool = True) -> sqlite3.Connection:
    """Return a connection to the register file at ``path``, upgraded to the current schema.

    Args:
        path: the database file (``":memory:"`` for tests and examples).
        migrations: the upgrade steps (tests pass their own list); default :data:`MIGRATIONS`.
        create: create the file if it does not exist; else a missing file is an error.

    Raises:
        InputError: the file is not a pea-docs register, cannot be opened, or was
            written by a newer pea-docs (code ``store.file``).
    """
    steps = list(MIGRATIONS if migrations is None else migrations)
    name = os.fspath(path)
    if name != ":memory:" and not create and not Path(name).is_file():
        raise _file_error(name, "does not exist; register a document first or give --db")
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per entry
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise _file_error(name, f"cannot be opened ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if name != ":memory:":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise _file_error(name, f"cannot be switched to WAL mode (got {mode})")
        # FULL: a committed registration survives a power cut, not only a crash of the process
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _upgrade(conn, name, steps)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _file_error(name, _why(exc)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _upgrade(conn: sqlite3.Connection, name: str, steps: Sequence[Migration]) -> None:
    target = len(steps)
    if schema_version(conn) == target:
        return
    while True:
        with immediate(conn):
            # read again under the write lock: another process may have upgraded meanwhile
            version = schema_version(conn)
            if version > target:
                raise _file_error(name, f"has schema version {version}, newer than this pea-docs "
                                  f"knows ({target}); upgrade pea-docs")
            if version == target:
                return
            if version == 0 and _has_foreign_tables(conn):
                raise _file_error(name, "is an SQLite file but not a pea-docs register")
            steps[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    count = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return bool(count)


def _why(exc: sqlite3.DatabaseError) -> str:
    """Return what an SQLite error opening a register means, in the user's terms.

    >>> _why(sqlite3.OperationalError("attempt to write a readonly database"))
    'is read-only: pea-docs needs to write the file and, beside it, its -wal and -shm files (check permissions)'
    """
    kind = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if kind.startswith("SQLITE_READONLY") or "readonly" in text:
        return ("is read-only: pea-docs needs to write the file and, beside it, its -wal and -shm files "
                "(check permissions)")
    if kind.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return (f"is locked by another program for over {BUSY_TIMEOUT_MS // 1000} s (a backup, an open "
                "sqlite3 shell?); try again when it is done")
    if kind.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return "cannot be opened (does its folder exist, may pea-docs write there?)"
    return f"is not a pea-docs register database ({exc})"


def _file_error(name: str, message: str) -> InputError:
    return InputError([Problem("store.file", "", ("db",), name, message)])

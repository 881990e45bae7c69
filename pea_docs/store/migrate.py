"""Copy a whole register, every history row with it, from one database to another.

``pea-docs register migrate --from office.sqlite --to postgresql://…`` moves an
office's register into the shared database; the other way it is a PostgreSQL
register's backup as one SQLite file. The source is read in one snapshot, the
target written in one transaction (all or nothing) and must hold no register yet;
every row is read back from the target and compared before the copy is reported.

>>> from pea_docs.store.db import connect
>>> source, target = connect(":memory:"), connect(":memory:")
>>> copy_register(source, target)
{'settings': 0, 'entries': 0, 'history': 0, 'nomenclatures': 0, 'orders': 0, 'withdrawals': 0, 'withdrawn': 0, 'returns': 0}
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.store.db import Connection, dialect, immediate
from pea_docs.store.rows import COLUMNS

__all__ = ["TABLES", "copy_register", "snapshot"]

#: Every table of the register (schema version 3) with its columns and its key, parents first.
TABLES: dict[str, tuple[str, str]] = {
    "settings": ("key, value", "key"),
    "entries": (COLUMNS, "id"),
    "history": ("id, entry_id, action, at, by, reason, changes", "id"),
    "nomenclatures": ("year, data, loaded_at, loaded_by", "year"),
    "orders": ("year, idx, position, section, heading, storage, articles, note, carried_over, opened",
               "year, idx"),
    "withdrawals": ("id, year, number, data, returned", "id"),
    "withdrawn": ("withdrawal_id, entry_id", "withdrawal_id, entry_id"),
    "returns": ("id, received, sender, summary, reason, by, at", "id"),
}

# the tables whose ids PostgreSQL numbers itself: after a copy its counters start past the copied ids
_IDENTITIES = ("entries", "history", "withdrawals", "returns")

# settings a register keeps about itself, not about its entries: the target keeps its own
_OWN_SETTINGS = ("office",)


@contextmanager
def snapshot(conn: Connection) -> Iterator[Connection]:
    """Read the block's statements from one moment of the database, while others go on writing."""
    if dialect(conn) == "postgresql":
        with conn.raw.transaction():  # type: ignore[attr-defined]
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn
        return
    conn.execute("BEGIN")  # deferred: a WAL reader sees the moment of its first read
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def copy_register(source: Connection, target: Connection) -> dict[str, int]:
    """Copy every row of ``source`` into the empty register ``target``; return the rows per table.

    Raises:
        InputError: ``store.migrate`` — the target already holds entries, history, a
            nomenclature, a withdrawal or a return, or the copy read back differs.
    """
    with snapshot(source):
        rows = {table: _rows(source, table) for table in TABLES}
    with immediate(target):
        busy = [table for table in TABLES if table != "settings"
                and target.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None]
        if busy:
            raise _error(f"already holds a register ({', '.join(busy)}); migrate into a new, empty one")
        for table, (columns, _key) in TABLES.items():
            kept = [r for r in rows[table] if table != "settings" or r[0] not in _OWN_SETTINGS]
            if not kept:
                continue
            marks = ", ".join("?" * len(kept[0]))
            if table == "settings":
                target.executemany(f"INSERT INTO settings ({columns}) VALUES ({marks}) ON CONFLICT (key) "
                                   "DO UPDATE SET value = excluded.value", kept)
            else:
                target.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", kept)
        if dialect(target) == "postgresql":
            for table in _IDENTITIES:
                target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}")
        for table in TABLES:
            if table == "settings":
                continue
            if _rows(target, table) != rows[table]:
                raise _error(f"differs from the source in table {table} after the copy; nothing was copied")
    return {table: len(found) for table, found in rows.items()}


def _rows(conn: Connection, table: str) -> list[tuple[Any, ...]]:
    columns, key = TABLES[table]
    return [tuple(row) for row in conn.execute(f"SELECT {columns} FROM {table} ORDER BY {key}")]


def _error(message: str) -> InputError:
    return InputError([Problem("store.migrate", "", ("to",), None, f"the target {message}")])

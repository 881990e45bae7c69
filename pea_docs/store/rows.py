"""How a register entry is stored in SQLite and read back, and the small helpers of the store.

Dates are ISO text, times of receipt local ``YYYY-MM-DD HH:MM:SS``, the
moment of registering UTC with microseconds; the sender or recipient is JSON.
The history of an entry is one row per change, its values as ``[old, new]``.

>>> clean("  ТОО   «Альфа» ")
'ТОО «Альфа»'
>>> public_name("outgoing", "registered")
'date'
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.store.checks import problem
from pea_docs.store.db import Connection
from pea_docs.store.entry import Change, Direction, Entry

__all__ = ["COLUMNS", "DIRECTIONS", "add_history", "as_int", "check_direction", "clean", "collect",
           "default_user", "entered", "entry_from_row", "entry_values", "haystack", "load_utc", "plain",
           "public_name", "store_date", "store_time", "store_utc", "store_value", "text_or_none", "utc_now"]

DIRECTIONS: tuple[Direction, ...] = ("incoming", "outgoing")
COLUMNS = ("id, direction, year, number, registered, received, doc_date, doc_number, party, "
           "summary, execution_mark, case_ref, note, registered_by, registered_at, sheets, case_year, kind, entered, "
           "method")


def default_user() -> str:
    """Return who is registering: the operating system's user name.

    >>> isinstance(default_user(), str)
    True
    """
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def check_direction(direction: str) -> Direction:
    if direction not in DIRECTIONS:
        raise InputError([problem("store.direction", ("direction",), direction,
                                  "is not a register; use 'incoming' or 'outgoing'")])
    return direction


def collect(problems: list[Problem], parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def text_or_none(value: Any) -> str | None:
    # YAML reads 02-05 as text but 15 as a number; a register column is text
    return None if value is None else str(value)


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def utc_now() -> datetime:
    return datetime.now(UTC)


def store_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def load_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def store_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def store_time(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def store_value(column: str, value: Any) -> Any:
    if column == "party":
        return json.dumps(value, ensure_ascii=False)
    if column == "received":
        return store_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain(value: Any) -> Any:
    """Return a JSON-ready value for the history table."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def public_name(direction: str, column: str) -> str:
    """Return the field name users know for a stored column."""
    if column == "party":
        return "sender" if direction == "incoming" else "recipient"
    if column == "registered" and direction == "outgoing":
        return "date"
    return "case" if column == "case_ref" else column


def entered(direction: str, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Return the history record of a new entry: every value entered, as [None, value]."""
    return {public_name(direction, k): [None, plain(v)] for k, v in values.items()
            if v is not None}


def entry_from_row(row: tuple[Any, ...], history: tuple[Change, ...] = ()) -> Entry:
    (_id, direction, year, number, registered, received, doc_date, doc_number, party, summary,
     execution_mark, case_ref, note, by, at, sheets, case_year, kind, entered, method) = row
    return Entry(direction=direction, year=year, number=number,
                 registered=date.fromisoformat(registered),
                 received=datetime.fromisoformat(received) if received else None,
                 doc_date=date.fromisoformat(doc_date) if doc_date else None,
                 doc_number=doc_number, party=json.loads(party), summary=summary,
                 execution_mark=execution_mark, case=case_ref, note=note, by=by,
                 at=load_utc(at), sheets=sheets, case_year=case_year, kind=kind,
                 entered=date.fromisoformat(entered) if entered else None, method=method, history=history)


def entry_values(entry: Entry) -> dict[str, Any]:
    """Return an entry's stored values by column name."""
    return {"party": entry.party, "summary": entry.summary, "doc_number": entry.doc_number,
            "doc_date": entry.doc_date, "execution_mark": entry.execution_mark,
            "case_ref": entry.case, "note": entry.note, "registered": entry.registered,
            "received": entry.received, "sheets": entry.sheets, "case_year": entry.case_year, "kind": entry.kind,
            "entered": entry.entered, "method": entry.method}


def haystack(entry: Entry) -> str:
    party = entry.party if isinstance(entry.party, str) else " ".join(
        str(v) for v in entry.party.values())
    parts = [party, entry.summary, entry.doc_number, entry.execution_mark, entry.case, entry.note]
    return " ".join(p for p in parts if p).casefold()


def add_history(conn: Connection, entry_id: int, action: str, at: datetime, by: str,
                 reason: str | None, changes: Mapping[str, Any]) -> None:
    conn.execute("INSERT INTO history (entry_id, action, at, by, reason, changes) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 (entry_id, action, store_utc(at), by, reason,
                  json.dumps(changes, ensure_ascii=False, sort_keys=True)))

"""A register's ways out and in: print a year as the form, import a journal, back up the file.

These are the bodies of ``Register.export``, ``export_data``, ``import_`` and
``backup`` (:class:`pea_docs.store.register.Register`). An import is one
transaction: all entries or none, each checked like a registration.

>>> FORMS["incoming"]
'incoming_register'
"""

from __future__ import annotations

import difflib
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pea_docs.errors import InputError, Problem
from pea_docs.locale import gettext
from pea_docs.ooxml.document import Document
from pea_docs.store import fields
from pea_docs.store.checks import parse_date_field, problem, require_text
from pea_docs.store.corrections import FIELD_CODE
from pea_docs.store.db import immediate
from pea_docs.store.entry import Direction, Entry
from pea_docs.store.rows import (
    add_history,
    as_int,
    check_direction,
    clean,
    collect,
    default_user,
    entered,
    text_or_none,
    utc_now,
)

if TYPE_CHECKING:
    from pea_docs.store.register import Register

__all__ = ["FORMS", "backup", "export", "export_data", "import_journal"]

FORMS = {"incoming": "incoming_register", "outgoing": "outgoing_register"}


def export(register: Register, direction: Direction, year: int, *, agent: Any = None,
           lang: str = "ru") -> Document:
    """Return the register of a year as the Appendix 1 or 2 form (an XLSX document).

    The body of :meth:`Register.export <pea_docs.store.register.Register.export>`, documented there.
    """
    from pea_docs.api import render

    return render(FORMS[check_direction(direction)], export_data(register, direction, year, agent=agent, lang=lang),
                  lang=lang)

def export_data(register: Register, direction: Direction, year: int, *, agent: Any = None,
                lang: str = "ru") -> dict[str, Any]:
    """Return the data of the register form for one year (DATA.md shape).

    An outgoing entry's way of sending (rule 25) opens its note («почтой; …»): Appendix 2
    has no column of its own for it.

    The body of :meth:`Register.export_data <pea_docs.store.register.Register.export_data>`, documented there.
    """
    if agent is None:
        agent = register.agent
    if agent is None:
        raise InputError([problem("store.agent", ("agent",), None,
                                  "is required to print the register: give the agent block "
                                  "(surname, name, patronymic), e.g. from office.yaml, or keep it in "
                                  "the register once (pea-docs register agent --agent FILE)")])
    entries = register.list(check_direction(direction), year=int(year))
    data: dict[str, Any] = {"year": int(year)}
    data["agent"] = agent.model_dump(exclude_none=True) if hasattr(agent, "model_dump") \
        else dict(agent)
    data["entries"] = [_with_method(e.to_form(), e.method, lang) for e in entries]
    return data


def _with_method(row: dict[str, Any], method: str | None, lang: str) -> dict[str, Any]:
    if method:
        shown = gettext(method, lang=lang, domain="intake", context="delivery")
        row["note"] = f"{shown}; {row['note']}" if row.get("note") else shown
    return row

def import_journal(register: Register, path: str | os.PathLike[str], *, by: str | None = None) -> list[Entry]:
    """Bring an existing journal into the register, all entries or none.

    The body of :meth:`Register.import_ <pea_docs.store.register.Register.import_>`, documented there.
    """
    from pea_docs.store.importer import read_journal

    journals = read_journal(path)
    who = clean(by) or default_user()
    at = utc_now()
    problems: list[Problem] = []
    keys: list[tuple[Direction, int, int]] = []
    with immediate(register._conn) as conn:
        for journal in journals:
            for i, raw in enumerate(journal.entries):
                values, found = _import_values(register, journal.direction, raw)
                found = [journal.place(p.at("entries", i)) for p in found]
                problems += found
                if any(p.severity == "error" for p in found) or values is None:
                    continue
                if journal.year is not None and values["registered"].year != journal.year:
                    problems.append(journal.place(problem(
                        "store.import_sequence", ("entries", i, "registered"),
                        f"{values['registered']:%d.%m.%Y}",
                        f"is not in the register's year {journal.year}")))
                    continue
                wanted = register._next_number(conn, journal.direction, values["registered"].year)
                given = raw.get("number")
                if given not in (None, "") and as_int(given) != wanted:
                    problems.append(journal.place(problem(
                        "store.import_sequence", ("entries", i, "number"), given,
                        f"does not continue the {journal.direction} register: the next "
                        f"number is {wanted}")))
                    continue
                order: list[Problem] = []
                entry_id, number = register._insert_row(conn, journal.direction, values, who, at,
                                                    order)
                problems += [journal.place(p.at("entries", i)) for p in order]
                add_history(conn, entry_id, "imported", at, who,
                             f"imported from {Path(path).name}",
                             entered(journal.direction, values))
                keys.append((check_direction(journal.direction), values["registered"].year, number))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InputError(errors)  # rolls the whole import back
    register.last_warnings = [p for p in problems if p.severity == "warning"]
    return [register.get(d, n, year=y) for d, y, n in keys]

def _import_values(register: Register, direction: Direction,
                   raw: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the stored values of one imported entry, checked like a registration."""
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        return None, [problem("store.import_format", (), raw, "must be a mapping of the "
                              "entry's fields (DATA.md)")]
    code = FIELD_CODE[direction]
    known = {"number", "summary", "note", "doc_number"} | (
        {"registered", "received", "doc_date", "sender", "execution_mark", "case"}
        if direction == "incoming" else {"date", "recipient"})
    for key in raw:
        if key not in known:
            hint = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
            problems.append(Problem("field.unknown", "", (key,), raw[key],
                                    f"is not a field of a {direction} register entry"
                                    + (f"; did you mean {hint[0]!r}?" if hint else "")))
    values: dict[str, Any] = {"summary": clean(raw.get("summary")), "note": clean(raw.get("note")),
                              "received": None, "doc_date": None, "doc_number": None,
                              "case_ref": None, "execution_mark": None}
    problems += require_text(raw.get("summary"), "summary", code=code)
    values["doc_number"] = clean(text_or_none(raw.get("doc_number")))
    if direction == "incoming":
        values["party"] = fields.party(raw.get("sender"), "sender", code, problems)
        if raw.get("doc_date") not in (None, ""):
            values["doc_date"] = collect(problems, parse_date_field, raw["doc_date"], "doc_date")
        values["execution_mark"] = clean(raw.get("execution_mark"))
        values["case_ref"] = clean(text_or_none(raw.get("case")))
        received, registered = raw.get("received"), raw.get("registered")
        if received in (None, "") and registered in (None, ""):
            problems.append(problem(code, ("registered",), None,
                                    "is required: the registration date, or `received`"))
            values["registered"] = None
        else:
            values["registered"], values["received"] = fields.registration(
                received, registered, problems, values["doc_date"],
                now=register._clock(), profile=register.profile)
    else:
        values["party"] = fields.party(raw.get("recipient"), "recipient", code, problems)
        if raw.get("date") in (None, ""):
            problems.append(problem(code, ("date",), None, "is required: the outgoing date"))
            values["registered"] = None
        else:
            values["registered"] = collect(problems, parse_date_field, raw["date"], "date")
    if any(p.severity == "error" for p in problems):
        return None, problems
    return values, problems

def backup(register: Register, path: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the register to ``path`` while others keep registering.

    The body of :meth:`Register.backup <pea_docs.store.register.Register.backup>`, documented there.
    An SQLite register is copied by SQLite's online backup API; a PostgreSQL one row by row from
    one snapshot (:func:`pea_docs.store.migrate.copy_register`) into a new SQLite file.
    """
    from pea_docs.errors import RenderError

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the backup: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            if isinstance(register._conn, sqlite3.Connection):
                register._conn.backup(copy, pages=-1)
            else:
                _copy_rows(register, copy)
            # one file that holds everything: no -wal beside the copy
            copy.execute("PRAGMA journal_mode = DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if verdict != "ok":
            raise RenderError(f"{target}: the backup failed its integrity check: {verdict}")
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        raise RenderError(f"{target}: cannot write the backup: {exc}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _copy_rows(register: Register, copy: sqlite3.Connection) -> None:
    """Make ``copy`` a register file holding every row of ``register`` (PostgreSQL), and its office."""
    from pea_docs.store.db import MIGRATIONS, SCHEMA_VERSION
    from pea_docs.store.migrate import copy_register

    for step in MIGRATIONS:
        step(copy)
    copy.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    copy_register(register._conn, copy)
    if register.office is not None:  # the copy is still that office's register
        copy.execute("INSERT INTO settings (key, value) VALUES ('office', ?)", (register.office,))

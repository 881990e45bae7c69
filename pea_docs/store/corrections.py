"""Corrections of a register entry: :func:`amend` a field, :func:`mark` the enforcement and case.

An entry is corrected, never deleted or renumbered; every change is a row of
its history with the old and new values, who, when and why. A corrected date is
checked again by rule 20 (:mod:`pea_docs.rules.registration`). These are the
bodies of :meth:`Register.amend <pea_docs.store.register.Register.amend>` and
:meth:`Register.mark <pea_docs.store.register.Register.mark>`.

>>> sorted(AMENDABLE["outgoing"])
['case', 'date', 'doc_number', 'note', 'recipient', 'sheets', 'summary']
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from pea_docs.errors import InputError, Problem
from pea_docs.rules.registration import check_registration
from pea_docs.store import fields, nomenclature
from pea_docs.store.checks import parse_date_field, parse_received, problem
from pea_docs.store.db import immediate
from pea_docs.store.entry import Direction, Entry
from pea_docs.store.rows import (
    add_history,
    check_direction,
    clean,
    collect,
    default_user,
    entry_values,
    plain,
    public_name,
    store_value,
    utc_now,
)

if TYPE_CHECKING:
    from pea_docs.store.register import Register

__all__ = ["AMENDABLE", "FIELD_CODE", "amend", "file_entry", "mark"]

FIELD_CODE = {"incoming": "store.incoming_field", "outgoing": "store.outgoing_field"}
# what amend() may correct in each register, with the column it is stored in
AMENDABLE: dict[str, dict[str, str]] = {
    "incoming": {"sender": "party", "doc_number": "doc_number", "doc_date": "doc_date",
                 "summary": "summary", "execution_mark": "execution_mark", "case": "case_ref",
                 "note": "note", "registered": "registered", "received": "received", "sheets": "sheets"},
    "outgoing": {"recipient": "party", "doc_number": "doc_number", "summary": "summary",
                 "note": "note", "date": "registered", "case": "case_ref", "sheets": "sheets"},
}
_OPTIONAL = {"execution_mark", "case", "note", "received", "doc_number", "doc_date", "sheets"}


def amend(register: Register, direction: Direction, number: int, *, year: int | None = None,
          reason: str, by: str | None = None, **changes: Any) -> Entry:
    """Correct fields of an entry, recording the old and new values and the reason.

    The body of :meth:`Register.amend <pea_docs.store.register.Register.amend>`, documented there.
    """
    direction = check_direction(direction)
    allowed = AMENDABLE[direction]
    problems: list[Problem] = []
    if not clean(reason):
        problems.append(problem("store.amend_reason", ("reason",), None,
                                "is required: say why the entry is corrected"))
    for name in changes:
        if name not in allowed:
            hint = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
            problems.append(problem(
                "store.amend_field", (name,), changes[name],
                f"cannot be corrected in the {direction} register"
                + (f"; did you mean {hint[0]!r}?" if hint else
                   f"; correctable fields: {', '.join(allowed)}")
                + ("; numbers are never changed" if name in ("number", "year") else "")))
    if not changes:
        problems.append(problem("store.amend_nothing", (), None,
                                "give at least one field to correct"))
    if problems:
        raise InputError(problems)
    new = _parse_changes(register, direction, changes)
    return _update(register, direction, number, year, new, action="amended",
                        reason=clean(reason), by=by)

def mark(register: Register, direction: Direction, number: int, *, year: int | None = None,
         executed: str | None = None, case: str | None = None,
         by: str | None = None) -> Entry:
    """Fill the mark on enforcement and the case of an incoming entry (columns 5 and 6).

    The body of :meth:`Register.mark <pea_docs.store.register.Register.mark>`, documented there.
    """
    direction = check_direction(direction)
    if direction == "outgoing":
        raise InputError([problem("store.mark_outgoing", ("direction",), direction,
                                  "has no mark on enforcement or case columns; correct the "
                                  "note with amend instead")])
    new = {k: v for k, v in {"execution_mark": clean(executed),
                             "case_ref": clean(case)}.items() if v is not None}
    if not new:
        raise InputError([problem("store.amend_nothing", ("executed",), None,
                                  "give the mark on enforcement, the case, or both")])
    return _update(register, direction, number, year, new, action="marked", reason=None, by=by)

def file_entry(register: Register, entry: Entry, new: dict[str, Any], *, by: str | None) -> Entry:
    """File ``entry`` as ``new`` says (case, case_year, sheets), recorded in its history as a mark.

    The body of :meth:`Register.file <pea_docs.store.register.Register.file>`, documented there.
    """
    return _update(register, entry.direction, entry.number, entry.year, new, action="marked", reason=None, by=by)


def _parse_changes(register: Register, direction: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    problems: list[Problem] = []
    new: dict[str, Any] = {}
    columns = AMENDABLE[direction]
    for name, value in changes.items():
        column = columns[name]
        empty = value is None or (isinstance(value, str) and not value.strip())
        if empty and name not in _OPTIONAL:
            problems.append(problem(FIELD_CODE[direction], (name,), value,
                                    "cannot be cleared: the register's column must be filled"))
        elif empty:
            new[column] = None
        elif column == "party":
            new[column] = fields.party(value, name, FIELD_CODE[direction], problems)
        elif column in ("doc_date", "registered"):
            new[column] = collect(problems, parse_date_field, value, name)
        elif column == "received":
            new[column] = collect(problems, parse_received, value)
        elif column == "sheets":
            new[column] = fields.sheets(value, problems)
        else:
            new[column] = clean(value)
    if problems:
        raise InputError(problems)
    return new

def _update(register: Register, direction: Direction, number: int, year: int | None,
            new: dict[str, Any], *, action: str, reason: str | None,
            by: str | None) -> Entry:
    who = clean(by) or default_user()
    at = utc_now()
    with immediate(register._conn) as conn:
        old = register._fetch(conn, direction, number, year)
        merged = {**entry_values(old), **new}
        problems = consistency(old, merged)
        if "case_ref" in new or "case_year" in new:  # filed anew: the order must exist (rules 33, 35)
            problems += nomenclature.filing_problems(conn, merged["case_year"] or old.year, merged["case_ref"])
        if problems:
            raise InputError(problems)
        diff = {col: [plain(entry_values(old)[col]), plain(value)] for col, value in new.items()
                if entry_values(old)[col] != value}
        if not diff:
            raise InputError([problem("store.amend_nothing", (), None,
                                      f"changes nothing in {old.key}: the values are the same")])
        sets = ", ".join(f"{col} = ?" for col in diff)
        conn.execute(f"UPDATE entries SET {sets} WHERE direction = ? AND year = ? AND number = ?",
                     (*(store_value(col, new[col]) for col in diff),
                      direction, old.year, old.number))
        entry_id = conn.execute("SELECT id FROM entries WHERE direction = ? AND year = ? "
                                "AND number = ?", (direction, old.year, old.number)).fetchone()[0]
        add_history(conn, entry_id, action, at, who, reason,
                     {public_name(direction, col): v for col, v in diff.items()})
    return register.get(direction, old.number, year=old.year)


def consistency(old: Entry, merged: Mapping[str, Any]) -> list[Problem]:
    """Return the problems of an entry after a correction (dates against each other)."""
    problems: list[Problem] = []
    day: date = merged["registered"]
    name = "registered" if old.direction == "incoming" else "date"
    if day.year != old.year:
        problems.append(problem("store.amend_year", (name,), f"{day:%d.%m.%Y}",
                                f"moves {old.key} to another year; register the document anew "
                                "there and note the error in this entry instead"))
    # only what a correction can break: the store keeps no office profile per entry, so
    # a corrected date is not held against rule 20's date again (a warning at registration)
    problems += [p for p in check_registration(day, merged["received"], merged["doc_date"],
                                               day_field=name, doc_field="doc_date")
                 if p.code != "register.rule20"]
    return problems

"""The registers as a living record: register, correct, mark, read back, print, import, back up.

A :class:`Register` keeps the incoming and outgoing registers (Appendices 1
and 2, rule 17) in one SQLite file. Each registration is one ``BEGIN
IMMEDIATE`` transaction that takes the next serial number inside the lock, so
clerks registering at the same moment from several processes never share a
number and never leave a gap; a crash before the commit leaves nothing behind.
Entries are corrected (:meth:`Register.amend`), never deleted or renumbered,
and every change is kept with its reason and author.

There is no way to register an erroneously delivered document: rule 18 says it
goes back to its owner *without* registration.

>>> from datetime import datetime
>>> reg = Register(":memory:", clock=lambda: datetime(2025, 1, 8, 19, 40))
>>> e = reg.register_incoming(sender="ТОО «Альфа»", doc_number="12-34/567",
...                           doc_date="06.01.2025", summary="Запрос", by="clerk")
>>> e.number, e.registered.isoformat()   # after hours: the next working day (rule 20)
(1, '2025-01-09')
>>> reg.close()
"""

from __future__ import annotations

import builtins
import difflib
import getpass
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from pea_docs.errors import InputError, Problem
from pea_docs.models import coerce
from pea_docs.models.office import OfficeProfile
from pea_docs.models.people import Individual, Organization
from pea_docs.ooxml.document import Document
from pea_docs.rules.calendar import registration_date
from pea_docs.store.checks import parse_date_field, parse_received, problem, require_text
from pea_docs.store.db import connect, immediate
from pea_docs.store.entry import Change, Direction, Entry

__all__ = ["DIRECTIONS", "Numbering", "Register"]

Numbering = Literal["year", "continuous"]
DIRECTIONS: tuple[Direction, ...] = ("incoming", "outgoing")

_FORMS = {"incoming": "incoming_register", "outgoing": "outgoing_register"}
_FIELD_CODE = {"incoming": "store.incoming_field", "outgoing": "store.outgoing_field"}

# what amend() may correct in each register, with the column it is stored in
_AMENDABLE: dict[str, dict[str, str]] = {
    "incoming": {"sender": "party", "doc_number": "doc_number", "doc_date": "doc_date",
                 "summary": "summary", "execution_mark": "execution_mark", "case": "case_ref",
                 "note": "note", "registered": "registered", "received": "received"},
    "outgoing": {"recipient": "party", "doc_number": "doc_number", "summary": "summary",
                 "note": "note", "date": "registered"},
}
_OPTIONAL = {"execution_mark", "case", "note", "received", "doc_number", "doc_date"}
_COLUMNS = ("id, direction, year, number, registered, received, doc_date, doc_number, party, "
            "summary, execution_mark, case_ref, note, registered_by, registered_at")


def default_user() -> str:
    """Return who is registering: the operating system's user name.

    >>> isinstance(default_user(), str)
    True
    """
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


class Register:
    """The incoming and outgoing registers of one office, kept in an SQLite file.

    Args:
        path: the database file; created (and upgraded) on first use.
        numbering: ``"year"`` (numbers restart each calendar year) or ``"continuous"``.
            Recorded in the file when it is created; ``None`` keeps what the file says
            (``"year"`` for a new file). Asking for the other one is an error.
        profile: the office profile for rule 20 (office hours, extra days off and
            working days); ``None`` for the defaults of :mod:`pea_docs.rules.calendar`.
        clock: returns the office's local time now (tests pass a fixed one).

    Raises:
        InputError: the file is not a register (``store.file``) or keeps the other
            numbering (``store.numbering``).

    >>> import tempfile; from pathlib import Path; from datetime import datetime
    >>> path = Path(tempfile.mkdtemp()) / "office.sqlite"
    >>> with Register(path, clock=lambda: datetime(2025, 1, 13, 10, 0)) as register:
    ...     entry = register.register_incoming(sender="ТОО «Альфа»", doc_number="12-34",
    ...                                        doc_date="06.01.2025", summary="Запрос",
    ...                                        received="2025-01-10 19:40")
    >>> entry.number, entry.registered  # after hours on a Friday: Monday (rule 20)
    (1, datetime.date(2025, 1, 13))
    """

    def __init__(self, path: str | os.PathLike[str] = "pea-docs.sqlite", *,
                 numbering: Numbering | None = None, profile: OfficeProfile | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        self.path = path
        self.profile = profile
        self._clock = clock
        #: warnings of the last registration or import (late registration, dates out of order)
        self.last_warnings: list[Problem] = []
        self._conn = connect(path)
        try:
            self.numbering: Numbering = self._settle_numbering(numbering)
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Register {os.fspath(self.path)!r} numbering={self.numbering}>"

    def _settle_numbering(self, wanted: str | None) -> Numbering:
        if wanted is not None and wanted not in ("year", "continuous"):
            raise InputError([problem("store.numbering", ("numbering",), wanted,
                                      "is not a numbering; use 'year' or 'continuous'")])
        with immediate(self._conn) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = 'numbering'").fetchone()
            if row is None:
                stored = wanted or "year"
                conn.execute("INSERT INTO settings (key, value) VALUES ('numbering', ?)", (stored,))
            else:
                stored = row[0]
        if wanted is not None and wanted != stored:
            raise InputError([problem("store.numbering", ("numbering",), wanted,
                                      f"differs from the numbering this register keeps "
                                      f"({stored!r}); the numbering of a register cannot change")])
        return stored  # type: ignore[return-value]

    # -- registering ---------------------------------------------------------------

    def register_incoming(self, *, sender: str | Mapping[str, Any], doc_number: str | None,
                          doc_date: date | str | None, summary: str,
                          received: datetime | str | None = None,
                          registered: date | str | None = None, case: str | None = None,
                          note: str | None = None, by: str | None = None) -> Entry:
        """Register a received document and return its entry with number and date (rules 19–21).

        Args:
            sender: from whom: text, or a recipient-shaped mapping (rule 10).
            doc_number: the number the sender gave the document; ``None`` only for
                a document that bears none (a citizen's appeal, rule 31).
            doc_date: the sender's date (rule 11); ``None`` only if it bears none.
            summary: the short description.
            received: when it arrived (date and time); default now. The
                registration date follows rule 20: the same day within office
                hours, else the next working day.
            registered: an explicit registration date (for a late registration;
                reported as a warning when later than rule 20 gives).
            case: the case (order) it is filed in (column 6).
            note: column 7.
            by: who registers; default the operating system's user.

        Returns:
            The entry; warnings (a late registration, a date earlier than the last
            entry's) are in :attr:`last_warnings`.

        Raises:
            InputError: every problem found, each naming its clause; nothing is registered.
        """
        problems: list[Problem] = []
        code = _FIELD_CODE["incoming"]
        party = self._party(sender, "sender", code, problems)
        problems += require_text(summary, "summary", code=code)
        own_date = _collect(problems, parse_date_field, doc_date, "doc_date") \
            if doc_date not in (None, "") else None
        reg_date, received_at = self._registration(received, registered, problems)
        if own_date and reg_date and own_date > reg_date:
            problems.append(problem("store.doc_date_after", ("doc_date",), own_date.strftime("%d.%m.%Y"),
                                    f"is after the registration date {reg_date:%d.%m.%Y}; "
                                    "a document cannot be dated after it was received"))
        values = {"registered": reg_date, "received": received_at, "doc_date": own_date,
                  "doc_number": _clean(doc_number), "party": party, "summary": _clean(summary),
                  "case_ref": _clean(case), "note": _clean(note)}
        return self._insert("incoming", values, problems, by)

    def register_outgoing(self, *, recipient: str | Mapping[str, Any], summary: str,
                          date: date | str | None = None, doc_number: str | None = None,
                          note: str | None = None, by: str | None = None) -> Entry:
        """Register a sent document and return its entry with number and date (rules 22, 23).

        Args:
            recipient: to whom: text, or ``{organization, unit?, address}`` or a
                person with address (rule 10).
            summary: the short description.
            date: the outgoing date; default today.
            doc_number: the document's index if it differs from the serial number
                (``02-05/15``); optional, as on the form.
            note: column 5.
            by: who registers; default the operating system's user.

        Raises:
            InputError: every problem found; nothing is registered.
        """
        problems: list[Problem] = []
        code = _FIELD_CODE["outgoing"]
        party = self._party(recipient, "recipient", code, problems)
        problems += require_text(summary, "summary", code=code)
        today = self._clock().date()
        day = _collect(problems, parse_date_field, date, "date") if date is not None else today
        if day is not None and day > today:
            problems.append(problem("store.registered_future", ("date",), day.strftime("%d.%m.%Y"),
                                    f"is after today ({today:%d.%m.%Y}); register a document "
                                    "when it is sent"))
        values = {"registered": day, "received": None, "doc_date": None,
                  "doc_number": _clean(doc_number), "party": party, "summary": _clean(summary), "case_ref": None,
                  "note": _clean(note)}
        return self._insert("outgoing", values, problems, by)

    def _registration(self, received: datetime | str | None, registered: date | str | None,
                      problems: builtins.list[Problem]) -> tuple[date | None, datetime | None]:
        """Return the registration date and the time of receipt, by rule 20."""
        now = self._clock()
        received_at = None
        if received is not None and received != "":
            received_at = _collect(problems, parse_received, received)
        elif registered is None or registered == "":
            received_at = now.replace(microsecond=0)
        due = None
        if received_at is not None:
            if received_at > now:
                problems.append(problem("store.received_future", ("received",),
                                        f"{received_at:%d.%m.%Y %H:%M}",
                                        f"is later than now ({now:%d.%m.%Y %H:%M}); a document "
                                        "is registered after it is received"))
                return None, received_at
            due = registration_date(received_at, self.profile)
        if registered is None or registered == "":
            return due, received_at
        reg_date = _collect(problems, parse_date_field, registered, "registered")
        if reg_date is None:
            return None, received_at
        shown = reg_date.strftime("%d.%m.%Y")
        if received_at is not None and reg_date < received_at.date():
            problems.append(problem("store.registered_early", ("registered",), shown,
                                    f"is before the document was received "
                                    f"({received_at:%d.%m.%Y %H:%M})"))
        elif due is not None and reg_date > due:
            problems.append(problem("store.registered_late", ("registered",), shown,
                                    f"is later than rule 20 allows for a document received "
                                    f"{received_at:%d.%m.%Y %H:%M}: it should be registered "
                                    f"on {due:%d.%m.%Y}", severity="warning"))
        latest = registration_date(now, self.profile)
        if received_at is None and reg_date > latest:
            problems.append(problem("store.registered_future", ("registered",), shown,
                                    f"is after {latest:%d.%m.%Y}, the date a document received "
                                    "now is registered on"))
        return reg_date, received_at

    def _party(self, value: Any, name: str, code: str,
               problems: builtins.list[Problem]) -> str | dict[str, Any] | None:
        if isinstance(value, Mapping):
            model = Organization if "organization" in value else Individual
            try:
                return coerce(model, dict(value), loc=(name,)).model_dump(exclude_none=True)
            except InputError as exc:
                problems.extend(exc.problems)
                return None
        found = require_text(value, name, code=code)
        if found or not isinstance(value, str):
            problems.extend(found or [problem(code, (name,), value, "must be text or an address block")])
            return None
        return " ".join(value.split())

    def _next_number(self, conn: sqlite3.Connection, direction: str, year: int) -> int:
        if self.numbering == "continuous":
            row = conn.execute("SELECT max(number) FROM entries WHERE direction = ?", (direction,))
        else:
            row = conn.execute("SELECT max(number) FROM entries WHERE direction = ? AND year = ?",
                               (direction, year))
        return int(row.fetchone()[0] or 0) + 1

    def _scope_where(self, direction: str, year: int) -> tuple[str, tuple[Any, ...]]:
        if self.numbering == "continuous":
            return "direction = ?", (direction,)
        return "direction = ? AND year = ?", (direction, year)

    def _insert(self, direction: Direction, values: dict[str, Any],
                problems: builtins.list[Problem], by: str | None,
                *, action: str = "registered", reason: str | None = None) -> Entry:
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InputError(errors)
        warnings = [p for p in problems if p.severity == "warning"]
        who = _clean(by) or default_user()
        at = _utc_now()
        with immediate(self._conn) as conn:
            entry_id, number = self._insert_row(conn, direction, values, who, at, warnings)
            _add_history(conn, entry_id, action, at, who, reason,
                         _entered(direction, values))
        self.last_warnings = warnings
        return self.get(direction, number, year=values["registered"].year)

    def _insert_row(self, conn: sqlite3.Connection, direction: str, values: dict[str, Any],
                    who: str, at: datetime, warnings: builtins.list[Problem],
                    number: int | None = None) -> tuple[int, int]:
        """Insert one entry inside the caller's transaction; return its id and number."""
        day: date = values["registered"]
        where, args = self._scope_where(direction, day.year)
        last = conn.execute(f"SELECT number, registered FROM entries WHERE {where} "
                            "ORDER BY number DESC LIMIT 1", args).fetchone()
        if last is not None and date.fromisoformat(last[1]) > day:
            warnings.append(problem(
                "store.date_order", ("registered" if direction == "incoming" else "date",),
                day.strftime("%d.%m.%Y"),
                f"is earlier than the date of No. {last[0]} ({date.fromisoformat(last[1]):%d.%m.%Y}), "
                "the last entry: its number will follow a later date", severity="warning"))
        if number is None:
            number = self._next_number(conn, direction, day.year)
        cursor = conn.execute(
            "INSERT INTO entries (direction, year, number, registered, received, doc_date, "
            "doc_number, party, summary, execution_mark, case_ref, note, registered_by, "
            "registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (direction, day.year, number, day.isoformat(),
             _store_time(values.get("received")), _store_date(values.get("doc_date")),
             values.get("doc_number"), json.dumps(values["party"], ensure_ascii=False),
             values["summary"], values.get("execution_mark"), values.get("case_ref"),
             values.get("note"), who, _store_utc(at)))
        return int(cursor.lastrowid or 0), number

    # -- corrections -----------------------------------------------------------------

    def amend(self, direction: Direction, number: int, *, year: int | None = None,
              reason: str, by: str | None = None, **changes: Any) -> Entry:
        """Correct fields of an entry, recording the old and new values and the reason.

        The number, year and register of an entry never change; neither is an entry
        deleted. Optional fields (``note``, ``case``, ``execution_mark``,
        ``received``) are cleared with ``None`` or ``""``.

        Args:
            direction: ``"incoming"`` or ``"outgoing"``.
            number: the entry's number.
            year: the register's year (default: this year); ignored by continuous numbering.
            reason: why the entry is corrected (required).
            by: who corrects it; default the operating system's user.
            **changes: incoming ``sender, doc_number, doc_date, summary, execution_mark,
                case, note, registered, received``; outgoing ``recipient, summary, note, date``.

        Raises:
            InputError: unknown field, missing reason, bad value, or no such entry.
        """
        direction = _direction(direction)
        allowed = _AMENDABLE[direction]
        problems: list[Problem] = []
        if not _clean(reason):
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
        new = self._parse_changes(direction, changes)
        return self._update(direction, number, year, new, action="amended",
                            reason=_clean(reason), by=by)

    def mark(self, direction: Direction, number: int, *, year: int | None = None,
             executed: str | None = None, case: str | None = None,
             by: str | None = None) -> Entry:
        """Fill the mark on enforcement and the case of an incoming entry (columns 5 and 6).

        Raises:
            InputError: an outgoing entry (Appendix 2 has no such columns), nothing to
                mark, or no such entry.
        """
        direction = _direction(direction)
        if direction == "outgoing":
            raise InputError([problem("store.mark_outgoing", ("direction",), direction,
                                      "has no mark on enforcement or case columns; correct the "
                                      "note with amend instead")])
        new = {k: v for k, v in {"execution_mark": _clean(executed),
                                 "case_ref": _clean(case)}.items() if v is not None}
        if not new:
            raise InputError([problem("store.amend_nothing", ("executed",), None,
                                      "give the mark on enforcement, the case, or both")])
        return self._update(direction, number, year, new, action="marked", reason=None, by=by)

    def _parse_changes(self, direction: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        problems: list[Problem] = []
        new: dict[str, Any] = {}
        columns = _AMENDABLE[direction]
        for name, value in changes.items():
            column = columns[name]
            empty = value is None or (isinstance(value, str) and not value.strip())
            if empty and name not in _OPTIONAL:
                problems.append(problem(_FIELD_CODE[direction], (name,), value,
                                        "cannot be cleared: the register's column must be filled"))
            elif empty:
                new[column] = None
            elif column == "party":
                new[column] = self._party(value, name, _FIELD_CODE[direction], problems)
            elif column in ("doc_date", "registered"):
                new[column] = _collect(problems, parse_date_field, value, name)
            elif column == "received":
                new[column] = _collect(problems, parse_received, value)
            else:
                new[column] = _clean(value)
        if problems:
            raise InputError(problems)
        return new

    def _update(self, direction: Direction, number: int, year: int | None,
                new: dict[str, Any], *, action: str, reason: str | None,
                by: str | None) -> Entry:
        who = _clean(by) or default_user()
        at = _utc_now()
        with immediate(self._conn) as conn:
            old = self._fetch(conn, direction, number, year)
            merged = {**_values(old), **new}
            problems = _consistency(old, merged)
            if problems:
                raise InputError(problems)
            diff = {col: [_plain(_values(old)[col]), _plain(value)] for col, value in new.items()
                    if _values(old)[col] != value}
            if not diff:
                raise InputError([problem("store.amend_nothing", (), None,
                                          f"changes nothing in {old.key}: the values are the same")])
            sets = ", ".join(f"{col} = ?" for col in diff)
            conn.execute(f"UPDATE entries SET {sets} WHERE direction = ? AND year = ? AND number = ?",
                         (*(_store_value(col, new[col]) for col in diff),
                          direction, old.year, old.number))
            entry_id = conn.execute("SELECT id FROM entries WHERE direction = ? AND year = ? "
                                    "AND number = ?", (direction, old.year, old.number)).fetchone()[0]
            _add_history(conn, entry_id, action, at, who, reason,
                         {_public_name(direction, col): v for col, v in diff.items()})
        return self.get(direction, old.number, year=old.year)

    # -- reading back ----------------------------------------------------------------

    def get(self, direction: Direction, number: int, *, year: int | None = None) -> Entry:
        """Return one entry with its history.

        Args:
            year: the register's year; default this year. With continuous numbering
                a number is unique in its register and the year is not needed.

        Raises:
            InputError: no such entry (``store.not_found``).
        """
        return self._fetch(self._conn, _direction(direction), number, year)

    def history(self, direction: Direction, number: int, *,
                year: int | None = None) -> builtins.list[Change]:
        """Return the history of an entry, oldest first: registration, corrections, marks."""
        return builtins.list(self.get(direction, number, year=year).history)

    def list(self, direction: Direction | None = None, *, year: int | None = None,
             text: str | None = None, date_from: date | str | None = None,
             date_to: date | str | None = None) -> builtins.list[Entry]:
        """Return the entries that match every filter given, by register, year and number.

        Args:
            direction: ``"incoming"``, ``"outgoing"`` or ``None`` for both.
            year: the register's year.
            text: words to find in any column (case-insensitive, any language).
            date_from: the first registration date to include (rule-11 text or a date).
            date_to: the last registration date to include.
        """
        where: list[str] = ["1 = 1"]
        args: list[str | int] = []
        if direction is not None:
            where.append("direction = ?")
            args.append(_direction(direction))
        if year is not None:
            where.append("year = ?")
            args.append(int(year))
        if date_from not in (None, ""):
            where.append("registered >= ?")
            args.append(parse_date_field(date_from, "date_from").isoformat())
        if date_to not in (None, ""):
            where.append("registered <= ?")
            args.append(parse_date_field(date_to, "date_to").isoformat())
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM entries WHERE {' AND '.join(where)} "
                                  "ORDER BY direction, year, number", args).fetchall()
        entries = [_entry(row) for row in rows]
        if text:
            needle = text.casefold()
            entries = [e for e in entries if needle in _haystack(e)]
        return entries

    def _fetch(self, conn: sqlite3.Connection, direction: str, number: int,
               year: int | None) -> Entry:
        if self.numbering == "continuous" and year is None:
            row = conn.execute(f"SELECT {_COLUMNS} FROM entries WHERE direction = ? AND number = ?",
                               (direction, int(number))).fetchone()
        else:
            year = self._clock().year if year is None else int(year)
            row = conn.execute(f"SELECT {_COLUMNS} FROM entries WHERE direction = ? AND year = ? "
                               "AND number = ?", (direction, year, int(number))).fetchone()
        if row is None:
            where = f" of {year}" if year is not None else ""
            raise InputError([problem("store.not_found", ("number",), number,
                                      f"is not a number in the {direction} register{where}")])
        history = conn.execute("SELECT action, at, by, reason, changes FROM history "
                               "WHERE entry_id = ? ORDER BY id", (row[0],)).fetchall()
        changes = tuple(Change(action=h[0], at=_load_utc(h[1]), by=h[2], reason=h[3],
                               changes=json.loads(h[4])) for h in history)
        return _entry(row, changes)

    # -- printing, importing, backing up ---------------------------------------------

    def export(self, direction: Direction, year: int, *, agent: Any = None,
               lang: str = "ru") -> Document:
        """Return the register of a year as the Appendix 1 or 2 form (an XLSX document).

        The entries are handed to ``pea_docs.render("incoming_register", ...)`` (or
        ``outgoing_register``), so the file is the form's, byte for byte.

        Args:
            agent: the agent block (DATA.md): a mapping or a model; required.
            lang: ``ru``, ``kk`` or ``en``.
        """
        from pea_docs.api import render

        return render(_FORMS[_direction(direction)], self.export_data(direction, year, agent=agent),
                      lang=lang)

    def export_data(self, direction: Direction, year: int, *, agent: Any = None) -> dict[str, Any]:
        """Return the data of the register form for one year (DATA.md shape)."""
        if agent is None:
            raise InputError([problem("store.agent", ("agent",), None,
                                      "is required to print the register: give the agent block "
                                      "(surname, name, patronymic), e.g. from office.yaml")])
        entries = self.list(_direction(direction), year=int(year))
        data: dict[str, Any] = {"year": int(year)}
        data["agent"] = agent.model_dump(exclude_none=True) if hasattr(agent, "model_dump") \
            else dict(agent)
        data["entries"] = [e.to_form() for e in entries]
        return data

    def import_(self, path: str | os.PathLike[str], *, by: str | None = None) -> builtins.list[Entry]:
        """Bring an existing journal into the register, all entries or none.

        Reads an XLSX journal in the layout of the register form, or a YAML file
        holding ``incoming_register`` / ``outgoing_register`` documents (DATA.md).
        Numbers given must continue the register without gaps or repeats; entries
        without a number get the next one.

        Raises:
            InputError: the file cannot be read or an entry is wrong; each problem
                names the file and the entry. Nothing is imported then.
        """
        from pea_docs.store.importer import read_journal

        journals = read_journal(path)
        who = _clean(by) or default_user()
        at = _utc_now()
        problems: list[Problem] = []
        keys: list[tuple[Direction, int, int]] = []
        with immediate(self._conn) as conn:
            for journal in journals:
                for i, raw in enumerate(journal.entries):
                    values, found = self._import_values(journal.direction, raw)
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
                    wanted = self._next_number(conn, journal.direction, values["registered"].year)
                    given = raw.get("number")
                    if given not in (None, "") and _as_int(given) != wanted:
                        problems.append(journal.place(problem(
                            "store.import_sequence", ("entries", i, "number"), given,
                            f"does not continue the {journal.direction} register: the next "
                            f"number is {wanted}")))
                        continue
                    order: list[Problem] = []
                    entry_id, number = self._insert_row(conn, journal.direction, values, who, at,
                                                        order)
                    problems += [journal.place(p.at("entries", i)) for p in order]
                    _add_history(conn, entry_id, "imported", at, who,
                                 f"imported from {Path(path).name}",
                                 _entered(journal.direction, values))
                    keys.append((_direction(journal.direction), values["registered"].year, number))
            errors = [p for p in problems if p.severity == "error"]
            if errors:
                raise InputError(errors)  # rolls the whole import back
        self.last_warnings = [p for p in problems if p.severity == "warning"]
        return [self.get(d, n, year=y) for d, y, n in keys]

    def _import_values(self, direction: Direction,
                       raw: Mapping[str, Any]) -> tuple[dict[str, Any] | None, builtins.list[Problem]]:
        """Return the stored values of one imported entry, checked like a registration."""
        problems: list[Problem] = []
        if not isinstance(raw, Mapping):
            return None, [problem("store.import_format", (), raw, "must be a mapping of the "
                                  "entry's fields (DATA.md)")]
        code = _FIELD_CODE[direction]
        known = {"number", "summary", "note", "doc_number"} | (
            {"registered", "received", "doc_date", "sender", "execution_mark", "case"}
            if direction == "incoming" else {"date", "recipient"})
        for key in raw:
            if key not in known:
                hint = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
                problems.append(Problem("field.unknown", "", (key,), raw[key],
                                        f"is not a field of a {direction} register entry"
                                        + (f"; did you mean {hint[0]!r}?" if hint else "")))
        values: dict[str, Any] = {"summary": _clean(raw.get("summary")), "note": _clean(raw.get("note")),
                                  "received": None, "doc_date": None, "doc_number": None,
                                  "case_ref": None, "execution_mark": None}
        problems += require_text(raw.get("summary"), "summary", code=code)
        values["doc_number"] = _clean(_text_or_none(raw.get("doc_number")))
        if direction == "incoming":
            values["party"] = self._party(raw.get("sender"), "sender", code, problems)
            if raw.get("doc_date") not in (None, ""):
                values["doc_date"] = _collect(problems, parse_date_field, raw["doc_date"], "doc_date")
            values["execution_mark"] = _clean(raw.get("execution_mark"))
            values["case_ref"] = _clean(_text_or_none(raw.get("case")))
            received, registered = raw.get("received"), raw.get("registered")
            if received in (None, "") and registered in (None, ""):
                problems.append(problem(code, ("registered",), None,
                                        "is required: the registration date, or `received`"))
                values["registered"] = None
            else:
                values["registered"], values["received"] = self._registration(
                    received, registered, problems)
            if values["doc_date"] and values["registered"] and values["doc_date"] > values["registered"]:
                problems.append(problem("store.doc_date_after", ("doc_date",),
                                        f"{values['doc_date']:%d.%m.%Y}",
                                        f"is after the registration date {values['registered']:%d.%m.%Y}"))
        else:
            values["party"] = self._party(raw.get("recipient"), "recipient", code, problems)
            if raw.get("date") in (None, ""):
                problems.append(problem(code, ("date",), None, "is required: the outgoing date"))
                values["registered"] = None
            else:
                values["registered"] = _collect(problems, parse_date_field, raw["date"], "date")
        if any(p.severity == "error" for p in problems):
            return None, problems
        return values, problems

    def backup(self, path: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the register to ``path`` while others keep registering.

        Uses SQLite's online backup API in one step, so the copy is a snapshot of
        one moment (a WAL reader does not block writers); the copy is checked and
        then renamed into place, so ``path`` is whole or absent.

        Raises:
            RenderError: the copy cannot be written or fails its integrity check.
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
                self._conn.backup(copy, pages=-1)
                # a single self-contained file: no -wal beside the copy
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


# -- helpers ---------------------------------------------------------------------------

def _direction(direction: str) -> Direction:
    if direction not in DIRECTIONS:
        raise InputError([problem("store.direction", ("direction",), direction,
                                  "is not a register; use 'incoming' or 'outgoing'")])
    return direction


def _collect(problems: builtins.list[Problem], parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _text_or_none(value: Any) -> str | None:
    # YAML reads 02-05 as text but 15 as a number; a register column is text
    return None if value is None else str(value)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _store_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _load_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _store_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _store_time(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def _store_value(column: str, value: Any) -> Any:
    if column == "party":
        return json.dumps(value, ensure_ascii=False)
    if column == "received":
        return _store_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _plain(value: Any) -> Any:
    """Return a JSON-ready value for the history table."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _public_name(direction: str, column: str) -> str:
    """Return the field name users know for a stored column."""
    if column == "party":
        return "sender" if direction == "incoming" else "recipient"
    if column == "registered" and direction == "outgoing":
        return "date"
    return "case" if column == "case_ref" else column


def _entered(direction: str, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Return the history record of a new entry: every value entered, as [None, value]."""
    return {_public_name(direction, k): [None, _plain(v)] for k, v in values.items()
            if v is not None}


def _entry(row: tuple[Any, ...], history: tuple[Change, ...] = ()) -> Entry:
    (_id, direction, year, number, registered, received, doc_date, doc_number, party, summary,
     execution_mark, case_ref, note, by, at) = row
    return Entry(direction=direction, year=year, number=number,
                 registered=date.fromisoformat(registered),
                 received=datetime.fromisoformat(received) if received else None,
                 doc_date=date.fromisoformat(doc_date) if doc_date else None,
                 doc_number=doc_number, party=json.loads(party), summary=summary,
                 execution_mark=execution_mark, case=case_ref, note=note, by=by,
                 at=_load_utc(at), history=history)


def _values(entry: Entry) -> dict[str, Any]:
    """Return an entry's stored values by column name."""
    return {"party": entry.party, "summary": entry.summary, "doc_number": entry.doc_number,
            "doc_date": entry.doc_date, "execution_mark": entry.execution_mark,
            "case_ref": entry.case, "note": entry.note, "registered": entry.registered,
            "received": entry.received}


def _consistency(old: Entry, merged: Mapping[str, Any]) -> builtins.list[Problem]:
    """Return the problems of an entry after a correction (dates against each other)."""
    problems: list[Problem] = []
    day: date = merged["registered"]
    name = "registered" if old.direction == "incoming" else "date"
    if day.year != old.year:
        problems.append(problem("store.amend_year", (name,), f"{day:%d.%m.%Y}",
                                f"moves {old.key} to another year; register the document anew "
                                "there and note the error in this entry instead"))
    received = merged["received"]
    if received is not None and day < received.date():
        problems.append(problem("store.registered_early", (name,), f"{day:%d.%m.%Y}",
                                f"is before the document was received ({received:%d.%m.%Y %H:%M})"))
    own = merged["doc_date"]
    if own is not None and own > day:
        problems.append(problem("store.doc_date_after", ("doc_date",), f"{own:%d.%m.%Y}",
                                f"is after the registration date {day:%d.%m.%Y}"))
    return problems


def _haystack(entry: Entry) -> str:
    party = entry.party if isinstance(entry.party, str) else " ".join(
        str(v) for v in entry.party.values())
    parts = [party, entry.summary, entry.doc_number, entry.execution_mark, entry.case, entry.note]
    return " ".join(p for p in parts if p).casefold()


def _add_history(conn: sqlite3.Connection, entry_id: int, action: str, at: datetime, by: str,
                 reason: str | None, changes: Mapping[str, Any]) -> None:
    conn.execute("INSERT INTO history (entry_id, action, at, by, reason, changes) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 (entry_id, action, _store_utc(at), by, reason,
                  json.dumps(changes, ensure_ascii=False, sort_keys=True)))

"""The registers as a living record: register, correct, mark, read back, print, import, back up.

A :class:`Register` keeps the incoming and outgoing registers (Appendices 1
and 2, rule 17) of one office in one SQLite file, or in the office's schema of a
shared PostgreSQL database (``Register("postgresql://…", office="…")``). Each
registration is one write transaction (``BEGIN IMMEDIATE`` in SQLite, the
office's advisory lock in PostgreSQL) that takes the next serial number inside the lock, so
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
import json
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pea_docs.errors import InputError, Problem
from pea_docs.models.base import coerce
from pea_docs.models.office import OfficeProfile
from pea_docs.models.registers import RegisterAgent
from pea_docs.ooxml.document import Document
from pea_docs.rules.registration import check_date_order
from pea_docs.store import archive, corrections, exchange, fields, intake, nomenclature
from pea_docs.store.checks import cleaned_arguments, parse_date_field, problem, require_text
from pea_docs.store.corrections import FIELD_CODE
from pea_docs.store.db import Connection, dialect, immediate, open_store, store_name
from pea_docs.store.entry import Change, Direction, Entry
from pea_docs.store.rows import (
    COLUMNS,
    DIRECTIONS,
    add_history,
    check_direction,
    clean,
    collect,
    default_user,
    entered,
    entry_from_row,
    haystack,
    load_utc,
    store_date,
    store_time,
    store_utc,
    utc_now,
)

__all__ = ["DIRECTIONS", "Numbering", "Register"]

Numbering = Literal["year", "continuous"]
class Register:
    """The incoming and outgoing registers of one office, kept in an SQLite file or in PostgreSQL.

    Args:
        path: the database file (or ``sqlite:PATH``), or a ``postgresql://`` URL; created
            (and upgraded) on first use.
        numbering: ``"year"`` (numbers restart each calendar year) or ``"continuous"``.
            Recorded in the file when it is created; ``None`` keeps what the file says
            (``"year"`` for a new file). Asking for the other one is an error.
        profile: the office profile for rule 20 (office hours, extra days off and
            working days); ``None`` for the defaults of :mod:`pea_docs.rules.calendar`.
        clock: returns the office's local time now (tests pass a fixed one).
        office: whose register: in PostgreSQL the office's own schema (default ``"main"``),
            so a connection sees and numbers only that office's entries; an SQLite file
            records the office it was created for and refuses another.
        create: create a missing SQLite file; ``False`` makes a missing file an error (``store.file``).

    Raises:
        InputError: the file is not a register (``store.file``), keeps the other
            numbering (``store.numbering``) or belongs to another office (``store.office``).

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
                 clock: Callable[[], datetime] = datetime.now, office: str | None = None,
                 create: bool = True):
        self.path = path
        self.profile = profile
        self._clock = clock
        #: warnings of the last registration or import (late registration, dates out of order)
        self.last_warnings: list[Problem] = []
        self._conn = open_store(path, office=_checked_office(office), create=create)
        try:
            # on PostgreSQL an unnamed office is the default one, whose schema was opened
            self.office: str | None = self._settle_office(office if office is not None
                                                          else getattr(self._conn, "office", None))
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
        from pea_docs.store.postgres import safe_url

        return f"<Register {safe_url(store_name(self.path))!r} office={self.office!r} numbering={self.numbering}>"

    @property
    def dialect(self) -> str:
        """Return ``"sqlite"`` or ``"postgresql"``: where this register is kept."""
        return dialect(self._conn)

    def _settle_office(self, wanted: str | None) -> str | None:
        with immediate(self._conn) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = 'office'").fetchone()
            if row is None:
                if wanted is not None:
                    conn.execute("INSERT INTO settings (key, value) VALUES ('office', ?)", (wanted,))
                return wanted
        if wanted is not None and wanted != row[0]:
            raise InputError([problem("store.office", ("office",), wanted,
                                      f"is not the office of this register ({row[0]!r}); an office "
                                      "sees and numbers only its own register")])
        return str(row[0])

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

    @property
    def agent(self) -> dict[str, Any] | None:
        """Return the agent this register keeps (set by :meth:`set_agent`), or None."""
        row = self._conn.execute("SELECT value FROM settings WHERE key = 'agent'").fetchone()
        return json.loads(row[0]) if row else None

    def set_agent(self, agent: Any) -> dict[str, Any]:
        """Keep ``agent`` (surname, name, patronymic?, license?) as this register's agent.

        An export then needs no agent of its own: the register names its agent once,
        as the paper journal does on its cover. Setting it again replaces it.

        Raises:
            InputError: the agent block is not valid (rule 9).
        """
        model = coerce(RegisterAgent, agent, loc=("agent",))
        kept = model.model_dump(exclude_none=True)
        with immediate(self._conn) as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('agent', ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (json.dumps(kept, ensure_ascii=False),))
        return kept

    # -- registering ---------------------------------------------------------------

    @cleaned_arguments
    def register_incoming(self, *, sender: str | Mapping[str, Any], doc_number: str | None,
                          doc_date: date | str | None, summary: str,
                          received: datetime | str | None = None,
                          registered: date | str | None = None, case: str | None = None,
                          note: str | None = None, sheets: int | None = None, kind: str = "letter",
                          by: str | None = None) -> Entry:
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
            case: the case (order) it is filed in (column 6): once the year's
                nomenclature is loaded, an index of it (rule 33).
            note: column 7.
            sheets: its sheets, numbered in the order it is filed in (rule 39; 1 if not given).
            kind: ``letter``, ``writ`` (a writ of execution on paper, rule 26: listed by
                :meth:`pending_writs` until :meth:`mark_entered`) or ``appeal`` (a party's, rule 31).
            by: who registers; default the operating system's user.

        Returns:
            The entry; warnings (a late registration, a date earlier than the last
            entry's) are in :attr:`last_warnings`.

        Raises:
            InputError: every problem found, each naming its clause; nothing is registered.
        """
        problems: list[Problem] = []
        code = FIELD_CODE["incoming"]
        party = fields.party(sender, "sender", code, problems)
        problems += require_text(summary, "summary", code=code)
        own_date = collect(problems, parse_date_field, doc_date, "doc_date") \
            if doc_date not in (None, "") else None
        reg_date, received_at = fields.registration(received, registered, problems, own_date,
                                                       now=self._clock(), profile=self.profile)
        values = {"registered": reg_date, "received": received_at, "doc_date": own_date,
                  "doc_number": clean(doc_number), "party": party, "summary": clean(summary),
                  "case_ref": clean(case), "note": clean(note), "sheets": fields.sheets(sheets, problems),
                  "kind": fields.choice(kind, "kind", fields.KINDS, "store.kind", problems)}
        return self._insert("incoming", values, problems, by)

    @cleaned_arguments
    def register_outgoing(self, *, recipient: str | Mapping[str, Any], summary: str,
                          date: date | str | None = None, doc_number: str | None = None,
                          note: str | None = None, case: str | None = None, sheets: int | None = None,
                          method: str | None = None, by: str | None = None) -> Entry:
        """Register a sent document and return its entry with number and date (rules 22, 23).

        Args:
            recipient: to whom: text, or ``{organization, unit?, address}`` or a
                person with address (rule 10).
            summary: the short description.
            date: the outgoing date; default today.
            doc_number: the document's index if it differs from the serial number
                (``02-05/15``); optional, as on the form.
            note: column 5.
            case: the order its copy is filed in (kept by the register, not a column of
                Appendix 2): once the year's nomenclature is loaded, an index of it (rule 33).
            sheets: its sheets in that order (rule 39; 1 if not given).
            method: how it is sent (rule 25): ``post``, ``in_person``, ``ais`` (the AIS of
                BEP) or ``other`` (other technical means); the printed register shows it in
                the Note column.
            by: who registers; default the operating system's user.

        Raises:
            InputError: every problem found; nothing is registered.
        """
        problems: list[Problem] = []
        code = FIELD_CODE["outgoing"]
        party = fields.party(recipient, "recipient", code, problems)
        problems += require_text(summary, "summary", code=code)
        today = self._clock().date()
        day = collect(problems, parse_date_field, date, "date") if date is not None else today
        if day is not None and day > today:
            problems.append(problem("store.registered_future", ("date",), day.strftime("%d.%m.%Y"),
                                    f"is after today ({today:%d.%m.%Y}); register a document "
                                    "when it is sent"))
        values = {"registered": day, "received": None, "doc_date": None,
                  "doc_number": clean(doc_number), "party": party, "summary": clean(summary),
                  "case_ref": clean(case), "note": clean(note), "sheets": fields.sheets(sheets, problems),
                  "method": fields.choice(method, "method", fields.METHODS, "store.method", problems)
                  if method not in (None, "") else None}
        return self._insert("outgoing", values, problems, by)

    def _next_number(self, conn: Connection, direction: str, year: int) -> int:
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
        who = clean(by) or default_user()
        at = utc_now()
        with immediate(self._conn) as conn:
            entry_id, number = self._insert_row(conn, direction, values, who, at, warnings)
            add_history(conn, entry_id, action, at, who, reason,
                         entered(direction, values))
        self.last_warnings = warnings
        return self.get(direction, number, year=values["registered"].year)

    def _insert_row(self, conn: Connection, direction: str, values: dict[str, Any],
                    who: str, at: datetime, warnings: builtins.list[Problem],
                    number: int | None = None) -> tuple[int, int]:
        """Insert one entry inside the caller's transaction; return its id and number."""
        day: date = values["registered"]
        where, args = self._scope_where(direction, day.year)
        last = conn.execute(f"SELECT number, registered FROM entries WHERE {where} "
                            "ORDER BY number DESC LIMIT 1", args).fetchone()
        if last is not None:
            warnings += check_date_order(day, (f"No. {last[0]}, the last entry", date.fromisoformat(last[1])),
                                         ("registered" if direction == "incoming" else "date",),
                                         outgoing=direction == "outgoing")
        elif self.numbering == "year":
            warnings += self._new_year(conn, direction, day)
        filing = nomenclature.filing_problems(conn, day.year, values.get("case_ref"))
        if filing:  # raised inside the transaction: nothing is registered
            raise InputError(filing)
        if number is None:
            number = self._next_number(conn, direction, day.year)
        cursor = conn.execute(
            "INSERT INTO entries (direction, year, number, registered, received, doc_date, "
            "doc_number, party, summary, execution_mark, case_ref, note, registered_by, "
            "registered_at, sheets, kind, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (direction, day.year, number, day.isoformat(),
             store_time(values.get("received")), store_date(values.get("doc_date")),
             values.get("doc_number"), json.dumps(values["party"], ensure_ascii=False),
             values["summary"], values.get("execution_mark"), values.get("case_ref"),
             values.get("note"), who, store_utc(at), values.get("sheets"),
             None if values.get("kind") in (None, "letter") else values["kind"], values.get("method")))
        return int(cursor.fetchone()[0]), number

    def _new_year(self, conn: Connection, direction: str, day: date) -> builtins.list[Problem]:
        """Warn at the first entry of a year after other years: is it a new year, or a wrong clock?"""
        latest = conn.execute("SELECT max(registered) FROM entries WHERE direction = ?",
                              (direction,)).fetchone()[0]
        if latest is None:
            return []
        return [problem("store.new_year", ("registered",), day.strftime("%d.%m.%Y"),
                        f"opens the {direction} register of {day.year}: numbering starts again at 1 "
                        f"(the last entry is of {date.fromisoformat(latest):%d.%m.%Y}); if the year is "
                        "not new, check the computer's clock and the date given", severity="warning")]

    # -- corrections -----------------------------------------------------------------

    @cleaned_arguments
    def amend(self, direction: Direction, number: int, *, year: int | None = None,
              reason: str, by: str | None = None, **changes: Any) -> Entry:
        """Correct fields of an entry, recording the old and new values and the reason.

        The number, year and register of an entry never change; neither is an entry
        deleted. Optional fields (``note``, ``case``, ``execution_mark``,
        ``received``) are cleared with ``None`` or ``""`` (see :mod:`pea_docs.store.corrections`).

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
        return corrections.amend(self, direction, number, year=year, reason=reason, by=by, **changes)

    @cleaned_arguments
    def mark(self, direction: Direction, number: int, *, year: int | None = None,
             executed: str | None = None, case: str | None = None,
             by: str | None = None) -> Entry:
        """Fill the mark on enforcement and the case of an incoming entry (columns 5 and 6).

        Raises:
            InputError: an outgoing entry (Appendix 2 has no such columns), nothing to
                mark, or no such entry.
        """
        return corrections.mark(self, direction, number, year=year, executed=executed, case=case, by=by)

    @cleaned_arguments
    def file(self, direction: Direction, number: int, *, case: str, year: int | None = None,
             sheets: int | None = None, order_year: int | None = None, transferred: bool = False,
             kind: str = "original", by: str | None = None) -> Entry:
        """File an entry's document in an order of the nomenclature (rules 33, 37, 38).

        Args:
            case: the index of the order.
            year: the entry's register year (default: this year).
            sheets: its sheets in the order (rule 39); kept if not given.
            order_year: the year of the order, when not the entry's own: only for a
                transferred case (``transferred=True``, rule 38.3).
            kind: ``original`` or ``copy``; a ``draft`` or an ``extra_copy`` is not filed (rule 38.5).

        Raises:
            InputError: ``store.not_filed`` (rule 38.5), ``store.other_year`` (rule 37),
                ``store.unknown_index`` (rule 33), ``store.reserve_not_opened`` (rule 35).
        """
        problems: builtins.list[Problem] = []
        if kind in nomenclature.NOT_FILED:
            problems.append(problem("store.not_filed", ("kind",), kind,
                                    "is returned, not filed: drafts and extra copies are not put in orders"))
        elif kind not in ("original", "copy"):
            problems.append(problem("store.not_filed", ("kind",), kind,
                                    "is not a kind of document; use original, copy, draft or extra_copy"))
        count = fields.sheets(sheets, problems)
        entry = self.get(direction, number, year=year)
        if order_year is not None and order_year != entry.year and not transferred:
            problems.append(problem("store.other_year", ("order_year",), order_year,
                                    f"is not the year of {entry.key}: the documents of one year are grouped "
                                    "in that year's orders; only a transferred case goes in another year's "
                                    "(give transferred)"))
        if problems:
            raise InputError(problems)
        target = order_year or entry.year
        if not nomenclature.years_has(self._conn, target):
            raise InputError([problem("store.no_nomenclature", ("order_year",), target,
                                      "has no nomenclature in the register; load it first "
                                      "(`pea-docs archive nomenclature FILE`)")])
        new: dict[str, Any] = {"case_ref": clean(case), "case_year": None if target == entry.year else target}
        if count is not None:
            new["sheets"] = count
        return corrections.file_entry(self, entry, new, by=by)

    def mark_entered(self, number: int, *, year: int | None = None, on: date | str | None = None,
                     by: str | None = None) -> Entry:
        """Record that incoming writ ``number`` was entered in the AIS of BEP (rule 26), on ``on`` (default today).

        Raises:
            InputError: the entry is not a writ (``store.not_writ``), or no such entry.
        """
        entry = self.get("incoming", number, year=year)
        if entry.kind != "writ":
            raise InputError([problem("store.not_writ", ("number",), number,
                                      f"is not a writ of execution ({entry.key} is a {entry.kind or 'letter'}); "
                                      "only a writ is entered in the AIS of BEP")])
        day = parse_date_field(on, "on") if on not in (None, "") else self._clock().date()
        return corrections.file_entry(self, entry, {"entered": day}, by=by)

    def pending_writs(self) -> builtins.list[Entry]:
        """Return the writs registered but not yet entered in the AIS of BEP (rule 26), oldest first."""
        rows = self._conn.execute(f"SELECT {COLUMNS} FROM entries WHERE direction = 'incoming' AND kind = 'writ' "
                                  "AND entered IS NULL ORDER BY registered, id").fetchall()
        return [entry_from_row(row) for row in rows]

    # -- intake outside the register (rule 18) ------------------------------------------

    @cleaned_arguments
    def record_return(self, *, sender: Any, summary: str, received: Any = None, reason: str | None = None,
                      by: str | None = None) -> intake.Returned:
        """Keep a document delivered by mistake in the returns log; it takes no number (rule 18)."""
        return intake.record_return(self, sender=sender, summary=summary, received=received, reason=reason, by=by)

    def returns(self, *, year: int | None = None) -> builtins.list[intake.Returned]:
        """Return the returns log (rule 18), oldest first."""
        return intake.returns(self, year=year)

    def return_letter(self, returned_id: int, *, on: Any = None, number: str | None = None, lang: str = "ru",
                      agent: Any = None) -> Document:
        """Return the letter sending returned document ``returned_id`` back to its owner (rule 18)."""
        return intake.return_letter(self, returned_id, on=on, number=number, lang=lang, agent=agent)

    def attachments_notice(self, number: int, *, expected: Any, received: Any, year: int | None = None,
                           on: Any = None, letter_number: str | None = None, lang: str = "ru",
                           agent: Any = None) -> Document:
        """Return the notice to the sender of incoming ``number`` of the attachments missing (rule 18)."""
        return intake.attachments_notice(self, number, year=year, expected=expected, received=received, on=on,
                                         letter_number=letter_number, lang=lang, agent=agent)

    def load_nomenclature(self, source: Any, *, by: str | None = None) -> Any:
        """Keep a year's nomenclature (a mapping, a model, or a YAML or XLSX file) and return it.

        From then on every document registered in that year is filed by its ``case``
        in one of its orders (rule 33). Loading the year again replaces it, if no
        filed document loses its order.

        Raises:
            InputError: a bad nomenclature (rules 33–36), or one dropping an index in use.
        """
        return nomenclature.load(self, source, by=by)

    def orders(self, year: int) -> builtins.list[nomenclature.Order]:
        """Return the orders of a year's nomenclature, reserve numbers included (heading None)."""
        return nomenclature.orders(self._conn, year)

    @cleaned_arguments
    def open_order(self, year: int, index: str, *, heading: str, storage: Any,
                   articles: str | None = None, opened: date | str | None = None) -> nomenclature.Order:
        """Open an order from a reserve number of the year's nomenclature (rule 35) and return it."""
        return nomenclature.open_order(self, year, index, heading=heading, storage=storage,
                                       articles=articles, opened=opened)

    # -- the archive (rules 36-42, 47) ----------------------------------------------------

    def close_year(self, year: int, output: str | os.PathLike[str], *, on: date | str | None = None,
                   lang: str = "ru", agent: Any = None) -> builtins.list[Path]:
        """Write the closing documents of a year into ``output`` and return their paths.

        The nomenclature with its final entry (rule 36), the inventories of orders
        (rule 41, two copies each) and, for every order kept permanently or over ten
        years, its cover, internal inventory and certification sheet (rules 39, 40).
        See :func:`pea_docs.store.archive.close_year`.
        """
        return archive.close_year(self, year, output, on=on, lang=lang, agent=agent)

    def expired(self, on: date | str, output: str | os.PathLike[str], *, lang: str = "ru",
                agent: Any = None) -> builtins.list[Path]:
        """Write a draft destruction act of the orders expired on ``on`` (rule 47); return the paths."""
        return archive.expired(self, on, output, lang=lang, agent=agent)

    def withdraw(self, act: Mapping[str, Any], *, lang: str = "ru") -> Document:
        """Record the withdrawal of filed documents and return the act (rule 42).

        ``act`` is the ``withdrawal_act`` form's data with ``entries``
        (``["incoming 2025/15", ...]``) in place of ``documents``.
        """
        return archive.withdraw(self, act, lang=lang)

    def return_documents(self, number: Any, *, year: int, returned: Mapping[str, Any],
                         lang: str = "ru") -> Document:
        """Record the return of withdrawal act ``number``'s documents; return the act with its note (rule 42)."""
        return archive.return_documents(self, number, year=year, returned=returned, lang=lang)

    def transfer_act(self, act: Mapping[str, Any], *, years: Any = None, lang: str = "ru") -> Document:
        """Return the act of acceptance and transfer, its archive table filled from the register (rules 7, 8)."""
        return archive.transfer_act(self, act, years=years, lang=lang)

    # -- reading back ----------------------------------------------------------------

    def get(self, direction: Direction, number: int, *, year: int | None = None) -> Entry:
        """Return one entry with its history.

        Args:
            year: the register's year; default this year. With continuous numbering
                a number is unique in its register and the year is not needed.

        Raises:
            InputError: no such entry (``store.not_found``).
        """
        return self._fetch(self._conn, check_direction(direction), number, year)

    def history(self, direction: Direction, number: int, *,
                year: int | None = None) -> builtins.list[Change]:
        """Return the history of an entry, oldest first: registration, corrections, marks."""
        return builtins.list(self.get(direction, number, year=year).history)

    def list(self, direction: Direction | None = None, *, year: int | None = None,
             text: str | None = None, date_from: date | str | None = None,
             date_to: date | str | None = None, method: str | None = None,
             kind: str | None = None) -> builtins.list[Entry]:
        """Return the entries that match every filter given, by register, year and number.

        Args:
            direction: ``"incoming"``, ``"outgoing"`` or ``None`` for both.
            year: the register's year.
            text: words to find in any column (case-insensitive, any language).
            date_from: the first registration date to include (rule-11 text or a date).
            date_to: the last registration date to include.
            method: only outgoing entries sent so (rule 25): post, in_person, ais, other.
            kind: only incoming entries of this kind: letter, writ, appeal.
        """
        where: list[str] = ["1 = 1"]
        args: list[str | int] = []
        if direction is not None:
            where.append("direction = ?")
            args.append(check_direction(direction))
        if year is not None:
            where.append("year = ?")
            args.append(int(year))
        if date_from not in (None, ""):
            where.append("registered >= ?")
            args.append(parse_date_field(date_from, "date_from").isoformat())
        if date_to not in (None, ""):
            where.append("registered <= ?")
            args.append(parse_date_field(date_to, "date_to").isoformat())
        if method is not None:
            where.append("method = ?")
            args.append(method)
        if kind is not None:
            where.append("coalesce(kind, 'letter') = ? AND direction = 'incoming'")
            args.append(kind)
        rows = self._conn.execute(f"SELECT {COLUMNS} FROM entries WHERE {' AND '.join(where)} "
                                  "ORDER BY direction, year, number", args).fetchall()
        entries = [entry_from_row(row) for row in rows]
        if text:
            needle = text.casefold()
            entries = [e for e in entries if needle in haystack(e)]
        return entries

    def _fetch(self, conn: Connection, direction: str, number: int,
               year: int | None) -> Entry:
        if self.numbering == "continuous" and year is None:
            row = conn.execute(f"SELECT {COLUMNS} FROM entries WHERE direction = ? AND number = ?",
                               (direction, int(number))).fetchone()
        else:
            year = self._clock().year if year is None else int(year)
            row = conn.execute(f"SELECT {COLUMNS} FROM entries WHERE direction = ? AND year = ? "
                               "AND number = ?", (direction, year, int(number))).fetchone()
        if row is None:
            where = f" of {year}" if year is not None else ""
            raise InputError([problem("store.not_found", ("number",), number,
                                      f"is not a number in the {direction} register{where}")])
        history = conn.execute("SELECT action, at, by, reason, changes FROM history "
                               "WHERE entry_id = ? ORDER BY id", (row[0],)).fetchall()
        changes = tuple(Change(action=h[0], at=load_utc(h[1]), by=h[2], reason=h[3],
                               changes=json.loads(h[4])) for h in history)
        return entry_from_row(row, changes)

    # -- printing, importing, backing up ---------------------------------------------

    def export(self, direction: Direction, year: int, *, agent: Any = None,
               lang: str = "ru") -> Document:
        """Return the register of a year as the Appendix 1 or 2 form (an XLSX document).

        The entries are handed to ``pea_docs.render("incoming_register", ...)`` (or
        ``outgoing_register``), so the file is the form's, byte for byte.

        Args:
            agent: the agent block (DATA.md): a mapping or a model; default: the agent the
                register keeps (:meth:`set_agent`).
            lang: ``ru``, ``kk`` or ``en``.
        """
        return exchange.export(self, direction, year, agent=agent, lang=lang)

    def export_data(self, direction: Direction, year: int, *, agent: Any = None,
                    lang: str = "ru") -> dict[str, Any]:
        """Return the data of the register form for one year (DATA.md shape; ``lang`` for the way of sending)."""
        return exchange.export_data(self, direction, year, agent=agent, lang=lang)

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
        return exchange.import_journal(self, path, by=by)

    def backup(self, path: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the register to ``path`` while others keep registering.

        Uses SQLite's online backup API in one step, so the copy is a snapshot of
        one moment (a WAL reader does not block writers); the copy is checked and
        then renamed into place, so ``path`` is whole or absent.

        Raises:
            RenderError: the copy cannot be written or fails its integrity check.
        """
        return exchange.backup(self, path)


def _checked_office(office: str | None) -> str | None:
    """Refuse an office name that is empty, too long or holds control characters."""
    if office is None:
        return None
    if not isinstance(office, str) or not office.strip() or len(office) > 200 or not office.isprintable():
        raise InputError([problem("store.office", ("office",), office,
                                  "is not an office name: give its licence or a name of 1-200 printable "
                                  "characters")])
    return office

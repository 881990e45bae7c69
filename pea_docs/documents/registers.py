"""The registers of incoming and outgoing correspondence (Appendices 1 and 2) as XLSX.

Each register is one sheet laid out like its form: the title over the table,
the header row with the form's columns, the row of column numbers, one row per
entry. Column 2 ("Date and number of the ... document") spans physical columns
so that every date stays a real date cell: for the incoming register the
registration date, the sender's date and the sender's number; for the outgoing
one the date and the number (see docs/registers.md).

Entries given as an iterator stream: :func:`pea_docs.render` checks them as it
reads them and keeps them in a temporary file until the document is written;
:func:`stream_register` reads, checks and writes them in one pass. Either way
memory does not grow with the number of entries, and the bytes are those of
the same entries given as a list.

>>> import io, openpyxl
>>> from pea_docs.models import coerce
>>> reg = coerce(OutgoingRegister, {"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"},
...     "entries": [{"date": "10.01.2025", "recipient": {"organization": "АО «Банк»",
...                  "address": "050000, г. Алматы, пр. Достык, 10"}, "summary": "Запрос"}]})
>>> ws = openpyxl.load_workbook(io.BytesIO(build_outgoing(reg, "ru", False).to_bytes())).active
>>> [c.value for c in ws[5]]
['№ п/п', 'Дата и номер исходящего документа', None, 'Кому, куда адресован документ', \
'Краткое содержание', 'Примечание']
>>> [c.value for c in ws[7]][2:4]
['1', 'АО «Банк», 050000, г. Алматы, пр. Достык, 10']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, BinaryIO

from pea_docs.documents.registry import FormSpec
from pea_docs.errors import InputError, Problem, RenderError, Report, RuleViolationError
from pea_docs.format.addresses import format_addressee
from pea_docs.format.names import format_name
from pea_docs.locale import check_lang, gettext
from pea_docs.models import coerce
from pea_docs.models.registers import (
    IncomingEntry,
    IncomingRegister,
    OutgoingEntry,
    OutgoingRegister,
    RegisterAgent,
)
from pea_docs.models.streams import EntryStream, ReadEntry
from pea_docs.ooxml.document import Document, atomic_write
from pea_docs.ooxml.xlsx import Column, TableLayout, write_table
from pea_docs.rules.calendar import RegistrationDays
from pea_docs.rules.registers import (
    IncomingCheck,
    OutgoingCheck,
    check_incoming_register,
    check_outgoing_register,
    numbered,
    registered_on,
)

__all__ = ["FORMS", "build_incoming", "build_outgoing", "party_text", "stream_register"]

DOMAIN = "registers"
INCOMING_TITLE = "Register of incoming correspondence"
OUTGOING_TITLE = "Register of outgoing correspondence"

INCOMING_HEADER = (
    "Item No.",
    "Date and number of the incoming document",
    "From whom, where did the document come from",
    "Short description",
    "Mark on enforcement",
    "Number of the case (order) in which the document is held",
    "Note",
)
OUTGOING_HEADER = (
    "Item No.",
    "Date and number of the outgoing document",
    "To whom, where the document is addressed",
    "Short description",
    "Note",
)
# Widths in Excel character units; each register adds up to about 137, the
# printable width of A4 landscape between 20 mm and 10 mm margins, so the
# sheet prints at or near 100 %.
# Column 6's long header fits three lines and a note's longest words («Сопроводительное») one.
_INCOMING_WIDTHS = (6, 13, 12, 12, 24, 24, 14, 18, 14)
_OUTGOING_WIDTHS = (6, 11, 12, 42, 46, 20)


def _(msgid: str, lang: str, *, context: str | None = None) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN, context=context)


def party_text(party: Any, *, lang: str) -> str:
    """Return a sender or addressee as one line: text as given, a block by rule 10.

    >>> party_text({"surname": "Әлиев", "name": "Ғани", "address": "г. Алматы, ул. Абая, 1"},
    ...            lang="kk")
    'г. Алматы, ул. Абая, 1, Әлиев Ғ.'
    """
    if isinstance(party, str):
        return party
    try:
        return _party_line(party, lang)
    except TypeError:  # a party holding a list cannot be a key: formatted each time
        return ", ".join(format_addressee(party, lang=lang))


@lru_cache(maxsize=1024)  # a register names the same banks and courts again and again
def _party_line(party: Any, lang: str) -> str:
    return ", ".join(format_addressee(party, lang=lang))


def _title_lines(title: str, agent: RegisterAgent, year: int, lang: str,
                 draft: bool) -> tuple[str, ...]:
    who = _("Private enforcement agent {name}", lang).format(
        name=format_name(agent, "full", lang=lang))
    if agent.license:
        who += ", " + _("license No. {license}", lang).format(license=agent.license)
    lines = (title, who, _("for {year}", lang).format(year=year))
    return ((_("DRAFT", lang),) + lines) if draft else lines


def _layout(title: str, header: tuple[str, ...], spans: tuple[int, ...],
            columns: tuple[Column, ...], sheet: str, agent: RegisterAgent, year: int,
            lang: str, draft: bool) -> TableLayout:
    return TableLayout(
        title_lines=_title_lines(title, agent, year, lang, draft),
        header=tuple((_(label, lang), span) for label, span in zip(header, spans, strict=True)),
        columns=columns,
        sheet_name=_(sheet, lang),
        page_header=_("DRAFT", lang) if draft else "",
        properties={"title": title, "subject": str(year)},
    )


def _incoming_layout(register: IncomingRegister, lang: str, draft: bool) -> TableLayout:
    w = _INCOMING_WIDTHS
    columns = (
        Column(w[0], "number"),
        Column(w[1], "date", _('"reg. "dd.mm.yyyy', lang, context="number format")),
        Column(w[2], "date", _('"dated "dd.mm.yyyy', lang, context="number format")),
        Column(w[3], "text", _('"No. "@', lang, context="number format")),
        *(Column(width) for width in w[4:]),
    )
    return _layout(_(INCOMING_TITLE, lang), INCOMING_HEADER, (1, 3, 1, 1, 1, 1, 1), columns,
                   "Incoming", register.agent, register.year, lang, draft)


def _incoming_row(number: int, registered: date | None, entry: IncomingEntry,
                  lang: str) -> tuple[Any, ...]:
    return (number, registered, entry.doc_date, entry.doc_number,
            party_text(entry.sender, lang=lang), entry.summary, entry.execution_mark,
            entry.case, entry.note)


def _outgoing_layout(register: OutgoingRegister, lang: str, draft: bool) -> TableLayout:
    w = _OUTGOING_WIDTHS
    columns = (
        Column(w[0], "number"),
        Column(w[1], "date"),
        Column(w[2], "text", _('"No. "@', lang, context="number format")),
        *(Column(width) for width in w[3:]),
    )
    return _layout(_(OUTGOING_TITLE, lang), OUTGOING_HEADER, (1, 2, 1, 1, 1), columns,
                   "Outgoing", register.agent, register.year, lang, draft)


def _outgoing_row(number: int, entry: OutgoingEntry, lang: str) -> tuple[Any, ...]:
    return (number, entry.date, entry.doc_number or str(number),
            party_text(entry.recipient, lang=lang), entry.summary, entry.note)


def build_incoming(register: IncomingRegister, lang: str = "ru", draft: bool = False) -> Document:
    """Return the register of incoming correspondence (Appendix 1) as an XLSX document.

    Entries without a number get the one after the entry before; entries with
    ``received`` and no ``registered`` get their date by rule 20. Entries given
    as an iterator are written from where :func:`check_incoming_register` kept
    them (checked first, as :func:`pea_docs.render` does).
    """
    lang = check_lang(lang)
    layout = _incoming_layout(register, lang, draft)

    def rows() -> Iterator[tuple[Any, ...]]:
        days = RegistrationDays(register.profile())
        for number, entry in numbered(register.entries):
            yield _incoming_row(number, registered_on(entry, days=days), entry, lang)

    return Document(lambda fh: write_table(fh, layout, rows()), suffix=".xlsx",
                    name="incoming_register", draft=draft)


def build_outgoing(register: OutgoingRegister, lang: str = "ru", draft: bool = False) -> Document:
    """Return the register of outgoing correspondence (Appendix 2) as an XLSX document.

    Column 2 shows the date and the document's number: its ``doc_number`` if
    given, else the serial number of column 1 (rule 23).
    """
    lang = check_lang(lang)
    layout = _outgoing_layout(register, lang, draft)

    def rows() -> Iterator[tuple[Any, ...]]:
        for number, entry in numbered(register.entries):
            yield _outgoing_row(number, entry, lang)

    return Document(lambda fh: write_table(fh, layout, rows()), suffix=".xlsx",
                    name="outgoing_register", draft=draft)


def _read(entries: Iterable[Any]) -> Iterator[ReadEntry[Any]]:
    """Return the entries as read entries: a stream's as it reads them, a list's as they are."""
    if isinstance(entries, EntryStream):
        return entries.read()
    return (ReadEntry(i, entry, entry, []) for i, entry in enumerate(entries))


def stream_register(form: str, data: IncomingRegister | OutgoingRegister | Mapping[str, Any],
                    target: str | os.PathLike[str] | BinaryIO, *, lang: str = "ru",
                    draft: bool = False) -> Report:
    """Write a register whose entries are read, validated, checked and written one at a time.

    The one-pass way for registers too large for memory: ``data["entries"]``
    is any iterable — a generator of rows from a database or a CSV file — and
    is read once. Each entry is validated on its own, checked against the
    entries before it (numbers, rule 20, dates; see :class:`IncomingCheck`)
    and written at once, so memory does not grow with the number of entries.
    The bytes are those of ``pea_docs.render(form, data).to_bytes()`` for the
    same entries.

    A problem is known only when its entry is read, so every problem is
    collected and the file is refused at the end, before a byte of it is
    published: a path is written atomically (nothing is left), an open file is
    not written to at all.

    >>> import io
    >>> rows = ({"registered": f"2025-01-{day:02}", "sender": "ТОО «Альфа»", "summary": "Запрос"}
    ...         for day in (9, 10, 10))
    >>> report = stream_register("incoming_register", {"year": 2025, "agent": {
    ...     "surname": "Сапаров", "name": "Арман"}, "entries": rows}, io.BytesIO())
    >>> report.ok, [p.code for p in report]
    (True, [])

    Args:
        form: ``"incoming_register"`` or ``"outgoing_register"``.
        data: the register's data (DATA.md); ``entries`` may be a list or any iterator.
        target: a file path (written atomically) or a binary file open for writing.
        lang: ``ru``, ``kk`` or ``en``.
        draft: write despite errors of the Rules, marked as a draft.

    Returns:
        the warnings found (and, for a draft, the errors).

    Raises:
        InputError: the form is not a register, the data or an entry does not fit
            the form (every such problem, and the errors of the Rules besides).
        RuleViolationError: an entry breaks the Rules and ``draft`` is False.
        RenderError: the file cannot be written.
    """
    lang = check_lang(lang)
    if form not in _STREAMED:
        raise InputError([Problem("form.unknown", "", ("form",), form,
                                  "is not a register; stream_register writes "
                                  + " or ".join(_STREAMED))])
    register: Any = coerce(_STREAMED[form], data)
    problems: list[Problem] = []
    misfits: list[Problem] = []  # entries that do not fit the model: never a draft
    if isinstance(register, IncomingRegister):
        layout = _incoming_layout(register, lang, draft)
        incoming = IncomingCheck(register.year, register.profile())

        def row(item: ReadEntry[Any]) -> tuple[Any, ...]:
            entry = item.entry
            assert entry is not None  # entries that do not fit the model are skipped before
            number, registered, found = incoming.feed(item.index, entry)
            problems.extend(found)
            return _incoming_row(number, registered, entry, lang)

        skip = incoming.skip
    else:
        layout = _outgoing_layout(register, lang, draft)
        outgoing = OutgoingCheck(register.year)

        def row(item: ReadEntry[Any]) -> tuple[Any, ...]:
            entry = item.entry
            assert entry is not None  # entries that do not fit the model are skipped before
            number, found = outgoing.feed(item.index, entry)
            problems.extend(found)
            return _outgoing_row(number, entry, lang)

        skip = outgoing.skip

    def rows() -> Iterator[tuple[Any, ...]]:
        for item in _read(register.entries):
            if item.entry is None:
                misfits.extend(item.problems)
                problems.extend(item.problems)
                skip(item.index, item.raw)
                continue
            yield row(item)

    def refuse() -> None:
        errors = [p for p in problems if p.severity == "error"]
        if misfits:
            raise InputError(errors)
        if errors and not draft:
            raise RuleViolationError(errors)

    def write(fh: BinaryIO) -> None:
        write_table(fh, layout, rows(), before_publish=refuse)

    if isinstance(target, (str, os.PathLike)):
        try:
            atomic_write(target, write)
        except OSError as exc:
            raise RenderError(f"{target}: cannot write the register: {exc.strerror or exc}") \
                from exc
    else:
        write(target)
    return Report(problems)


_STREAMED: dict[str, type[IncomingRegister] | type[OutgoingRegister]] = {
    "incoming_register": IncomingRegister, "outgoing_register": OutgoingRegister}


FORMS = [
    FormSpec(name="incoming_register", title=INCOMING_TITLE, domain=DOMAIN,
             model=IncomingRegister, build=build_incoming, check=check_incoming_register,
             suffix=".xlsx", appendix=1),
    FormSpec(name="outgoing_register", title=OUTGOING_TITLE, domain=DOMAIN,
             model=OutgoingRegister, build=build_outgoing, check=check_outgoing_register,
             suffix=".xlsx", appendix=2),
]

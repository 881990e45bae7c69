"""Read an existing journal to bring it into the register: YAML (DATA.md) or XLSX (the form).

A YAML file holds ``incoming_register`` / ``outgoing_register`` documents in the
shape of DATA.md (several per file, separated by ``---``). An XLSX file is a
journal in the layout pea-docs prints (Appendix 1 or 2): the title, the header
row, the row of column numbers, then one row per entry; which register it is
comes from the row of column numbers (1–7 incoming, 1–5 outgoing). Column 2 may
span cells (pea-docs puts each date and the number in a cell of its own) or be
one cell of text such as ``09.01.2025 06.01.2025 № 12-34/567``.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "j.yaml").write_text(
...     "form: outgoing_register\\ndata:\\n  year: 2025\\n  entries:\\n"
...     "    - {date: 2025-01-10, recipient: АО «Банк», summary: Запрос}\\n", encoding="utf-8")
>>> [(j.direction, j.year, len(j.entries)) for j in read_journal(folder / "j.yaml")]
[('outgoing', 2025, 1)]
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.io.inputs import read_documents
from pea_docs.store.checks import problem
from pea_docs.store.entry import Direction

__all__ = ["Journal", "read_journal"]

_FORMS: dict[str, Direction] = {"incoming_register": "incoming", "outgoing_register": "outgoing"}


@dataclass
class Journal:
    """The entries of one register read from a file, with a way to place problems in it.

    Attributes:
        direction: ``incoming`` or ``outgoing``.
        year: the register's year if the file states it.
        entries: the entries as DATA.md mappings.
        place: returns a problem with the file (and line or row) where it was found.
    """

    direction: Direction
    year: int | None
    entries: list[dict[str, Any]]
    place: Callable[[Problem], Problem] = field(default=lambda p: p, repr=False)


def read_journal(path: str | os.PathLike[str]) -> list[Journal]:
    """Return the journals in a YAML or XLSX file.

    Raises:
        InputError: the file cannot be read or is not a journal (``store.import_format``).
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(source)
    if suffix == ".xlsx":
        return [_read_xlsx(source)]
    raise InputError([problem("store.import_format", (), str(source),
                              "is not a journal file; give a .yaml (DATA.md) or an .xlsx journal "
                              "in the form's layout").in_file(str(source))])


def _read_yaml(source: Path) -> list[Journal]:
    journals: list[Journal] = []
    problems: list[Problem] = []
    for doc in read_documents(source):
        if doc.form not in _FORMS:
            problems.append(doc.place(problem(
                "store.import_format", ("form",), doc.form,
                "is not a register; a journal to import is an incoming_register or "
                "outgoing_register document"), under=()))
            continue
        data = doc.data
        entries = data.get("entries") or []
        if not isinstance(entries, list):
            problems.append(doc.place(problem("store.import_format", ("entries",), None,
                                              "must be a list of entries")))
            continue
        year = data.get("year")
        if year is not None and not isinstance(year, int):
            problems.append(doc.place(problem("store.import_format", ("year",), year,
                                              "must be a year such as 2025")))
            continue
        journals.append(Journal(_FORMS[doc.form], year, entries, place=doc.place))
    if problems:
        raise InputError(problems)
    return journals


# -- XLSX ------------------------------------------------------------------------------

_DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")


def _read_xlsx(source: Path) -> Journal:
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise InputError([problem("store.import_format", (), str(source),
                                  f"cannot be read as XLSX: {exc}").in_file(str(source))]) from None
    try:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    numbers_row = _column_numbers_row(rows)
    if numbers_row is None:
        raise InputError([problem("store.import_format", (), str(source),
                                  "has no row of column numbers 1–7 (incoming) or 1–5 (outgoing) "
                                  "under the header, as the register form has").in_file(str(source))])
    # where each column of the form starts: a form column may span several cells
    # (column 2 holds the dates and the number in cells of their own)
    starts = [i for i, v in enumerate(rows[numbers_row]) if v not in (None, "")]
    direction: Direction = "incoming" if len(starts) == 7 else "outgoing"
    bounds = [*starts[1:], max(len(r) for r in rows)]
    entries: list[dict[str, Any]] = []
    lines: list[int] = []
    for index, row in enumerate(rows[numbers_row + 1:], start=numbers_row + 2):
        groups = [row[a:b] for a, b in zip(starts, bounds, strict=False)]
        if all(c in (None, "") for group in groups for c in group):
            continue
        entries.append(_xlsx_entry(direction, groups))
        lines.append(index)

    def place(p: Problem) -> Problem:
        line = None
        if len(p.loc) > 1 and p.loc[0] == "entries" and isinstance(p.loc[1], int) \
                and p.loc[1] < len(lines):
            line = lines[p.loc[1]]
        return p.in_file(str(source), line)

    return Journal(direction, None, entries, place=place)


def _column_numbers_row(rows: list[list[Any]]) -> int | None:
    for i, row in enumerate(rows[:20]):
        values = [_as_int(v) for v in row if v not in (None, "")]
        if values in ([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5]):
            return i
    return None


def _as_int(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_entry(direction: Direction, groups: list[list[Any]]) -> dict[str, Any]:
    """Return one journal row (cells grouped by the form's columns) as a DATA.md entry."""
    first = [g[0] if g else None for g in groups]
    entry: dict[str, Any] = {}
    if first[0] not in (None, ""):
        entry["number"] = first[0]
    column2 = groups[1]
    if len(column2) > 1:  # pea-docs' layout: the dates and the number in cells of their own
        day = _day(column2[0])
        own_date = _day(column2[1]) if direction == "incoming" and len(column2) > 2 else None
        own_number = _text(column2[-1])
    else:
        day, own_date, own_number = _split_column2(column2[0] if column2 else None)
    if direction == "outgoing" and own_number is not None and own_number == _text(first[0]):
        own_number = None  # the form shows the serial number when there is no index
    entry["registered" if direction == "incoming" else "date"] = day
    if own_date is not None:
        entry["doc_date"] = own_date
    if own_number:
        entry["doc_number"] = own_number
    names = (("sender", "summary", "execution_mark", "case", "note") if direction == "incoming"
             else ("recipient", "summary", "note"))
    for name, cell in zip(names, first[2:], strict=False):
        if _text(cell) is not None or name in ("sender", "recipient", "summary"):
            entry[name] = _text(cell)
    return entry


def _day(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else _text(value)


def _split_column2(value: Any) -> tuple[Any, Any, str | None]:
    """Return the registration date, the document's date and its number from column 2."""
    if isinstance(value, datetime):
        return value.date(), None, None
    if isinstance(value, date):
        return value, None, None
    text = _text(value) or ""
    dates = _DATE.findall(text)
    rest = _DATE.sub(" ", text)
    cleaned = re.sub(r"^[\s,;/]*(№|No\.?|N)?\s*", "", " ".join(rest.split()))
    number = re.sub(r"^(№|No\.?)\s*", "", cleaned.strip(" ,;")) or None
    day = dates[0] if dates else (text or None)
    own = dates[1] if len(dates) > 1 else None
    return day, own, number


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None

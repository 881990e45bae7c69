"""A nomenclature of cases kept in Excel, read into the form's data (rules 33–35).

The layout is the form's (case-files.md, section 4): a header row, a row of
column numbers 1–5, then rows of the five columns — index, heading, number of
cases, storage period with the article, note. A row with text in the first
column only (a merged row) is a section's title; a row whose heading is «Резервный
номер» / «Резервтік нөмір» / "Reserve number", or an index with no heading, keeps a
reserve number. The
year is the first four-figure year above the header («на 2025 год»); the agent
is the first line above it unless the sheet says otherwise, so the register's
agent is used when the caller has one.

>>> parse_storage("постоянно, ст. 17"), parse_storage("5 лет, ст. 26"), parse_storage("15 жыл, 123-бап")
(('permanent', '17'), (5, '26'), (15, '123'))
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pea_docs.errors import InputError
from pea_docs.store.checks import problem

__all__ = ["parse_storage", "read_xlsx"]

_PERMANENT = re.compile(r"^\s*(постоянно|тұрақты|permanent)\b", re.IGNORECASE)
_YEARS = re.compile(r"^\s*(\d{1,3})\b")
_ARTICLE = re.compile(r"(?:ст\.|art\.)\s*([\w./-]+)|([\w./]+)-бап", re.IGNORECASE)
_RESERVE = ("резервный номер", "резервтік нөмір", "reserve number")
_YEAR = re.compile(r"\b(1[9]\d{2}|2\d{3})\b")


def parse_storage(text: Any) -> tuple[int | str | None, str | None]:
    """Return (storage, article) of a cell of column 4: «постоянно, ст. 17» -> ('permanent', '17')."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return int(text), None
    value = str(text or "")
    article = _ARTICLE.search(value)
    found = (article.group(1) or article.group(2)) if article else None
    if _PERMANENT.match(value):
        return "permanent", found
    years = _YEARS.match(value)
    return (int(years.group(1)) if years else None), found


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else " ".join(str(value).split())


def read_xlsx(path: Path) -> dict[str, Any]:
    """Return the nomenclature data of an XLSX in the form's layout.

    Raises:
        InputError: the file cannot be read, has no row of column numbers 1–5, or no year
            (``store.import_format``, naming the file and line).
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise InputError([problem("store.import_format", (), str(path),
                                  f"cannot be read as XLSX: {exc}").in_file(str(path))]) from None
    try:
        rows = [[_text(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    numbers = next((i for i, row in enumerate(rows) if [c for c in row if c][:5] == ["1", "2", "3", "4", "5"]),
                   None)
    if numbers is None:
        raise InputError([problem("store.import_format", (), str(path),
                                  "has no row of column numbers 1–5 under the header, as the nomenclature "
                                  "form has").in_file(str(path))])
    above = " ".join(c for row in rows[:numbers] for c in row if c)
    year = _YEAR.search(above)
    if year is None:
        raise InputError([problem("store.import_format", ("year",), None,
                                  "is not found above the table («на 2025 год»)").in_file(str(path))])
    first = next((c for row in rows[:numbers] for c in row if c), "")
    sections: list[dict[str, Any]] = []
    for row in rows[numbers + 1:]:
        cells = (row + [""] * 5)[:5]
        index, heading, count, storage, note = cells
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(set(filled)) == 1 and " " in filled[0]:
            # text alone across the row (a merged cell): a section's title; an index alone is a reserve number
            sections.append({"title": filled[0], "orders": [], "reserve": []})
            continue
        if not sections:
            sections.append({"title": "—", "orders": [], "reserve": []})
        if not heading or heading.casefold() in _RESERVE:
            sections[-1]["reserve"].append(index)
            continue
        period, article = parse_storage(storage)
        order: dict[str, Any] = {"index": index, "heading": heading, "storage": period if period else storage}
        if article:
            order["articles"] = article
        if count.isdigit():
            order["count"] = int(count)
        if note:
            order["note"] = note
        sections[-1]["orders"].append(order)
    return {"year": int(year.group(1)), "agent": _agent(first), "sections": sections}


def _agent(line: str) -> dict[str, str]:
    # a name is needed by the form; the register's own agent replaces it when it prints
    words = line.split()
    return {"surname": words[-1] if words else "—", "name": words[0] if words else "—"}

"""The data rows of a sheet as SpreadsheetML, written the way XlsxWriter writes them.

A register of 100,000 entries is 900,000 cells. XlsxWriter's per-cell path
checks bounds, stores a cell tuple in a dict, flushes the row, looks the
format's index up and escapes each attribute — about three quarters of the
time of a whole register went there. The rows of a table are all alike
(known columns, known styles, four kinds of value), so :class:`RowWriter`
writes each ``<row>`` with one f-string per cell instead. XlsxWriter still
writes everything else of the workbook (see :mod:`pea_docs.ooxml.xlsx`).

The bytes are XlsxWriter's own for the same row in ``constant_memory`` mode
(a test compares them on generated values), with one difference on purpose:
XlsxWriter writes a string that begins with ``<r>`` and ends with ``</r>``
unescaped, as rich-text XML, so such a value pasted into a summary broke the
sheet; here every string is text.

>>> import io
>>> out = io.StringIO()
>>> RowWriter(out, styles=(5, 6, 7)).write(7, (1, None, "a & <b>"), height=27)
>>> out.getvalue()
'<row r="8" ht="27" customHeight="1"><c r="A8" s="5"><v>1</v></c><c r="B8" s="6"/>\
<c r="C8" s="7" t="inlineStr"><is><t>a &amp; &lt;b&gt;</t></is></c></row>'
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TextIO

from pea_docs.models.types import CELL_CHARS

__all__ = ["RowWriter", "excel_serial"]

_DEFAULT_ROW_PIXELS = 20  # XlsxWriter's default row height (15 pt): written without "ht"
_EXCEL_EPOCH = datetime(1899, 12, 31)
# Excel keeps control characters as _xHHHH_, so a literal "_x0041_" must have its "_" escaped
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_NEEDS_ESCAPE = re.compile('[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_')


def _column_letters(col: int) -> str:
    """Return the letters of column ``col`` (from 0).

    >>> _column_letters(0), _column_letters(25), _column_letters(26), _column_letters(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=4096)  # a register's dates repeat: one conversion a day
def excel_serial(value: date) -> float:
    """Return the Excel serial number of a date or a naive datetime (the 1900 date system).

    Excel counts 1900 as a leap year, so from 1 March 1900 on a day is one more.

    >>> excel_serial(date(2025, 1, 10)), excel_serial(datetime(2025, 1, 10, 12))
    (45667.0, 45667.5)
    """
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                 value.day)
    if moment.tzinfo is not None:
        raise ValueError(f"{value!r}: a date in a sheet has no time zone")
    delta = moment - _EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86_400
    return serial + 1 if serial > 59 else serial


def _inline_text(text: str) -> str:
    """Return the ``<t>`` element of ``text``: control characters as _xHHHH_, XML escaped.

    >>> _inline_text("a\\x01 & _x0041_"), _inline_text(" b")
    ('<t>a_x0001_ &amp; _x005F_x0041_</t>', '<t xml:space="preserve"> b</t>')
    """
    if _NEEDS_ESCAPE.search(text):
        text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # checked after the control characters became _xHHHH_ (\x1c-\x1f count as spaces)
    if text[0].isspace() or text[-1].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class RowWriter:
    """Write rows of cells, each column in its own cell style, to a text file.

    Args:
        fh: where the ``<row>`` elements go (the part of ``<sheetData>`` they make).
        styles: the style (``xf``) index of each column's cells, as XlsxWriter
            numbered the column formats.
    """

    def __init__(self, fh: TextIO, styles: Sequence[int]):
        self._write = fh.write
        self._styles = tuple(styles)
        self._letters = tuple(_column_letters(col) for col in range(len(self._styles)))

    def write(self, row: int, values: Sequence[Any], height: float | None = None) -> None:
        """Write row ``row`` (from 0) with one value per column, at ``height`` points if given.

        A value is text, a number, a date or None / ``""`` (an empty cell that
        keeps its borders). Text longer than Excel's cell (:data:`CELL_CHARS`)
        is refused rather than cut, as XlsxWriter would cut it.

        Raises:
            ValueError: a value that a cell cannot hold (too long, NaN, a time zone).
        """
        r = str(row + 1)
        parts = [f'<row r="{r}"']
        if height is not None:
            pixels = int(height * 4.0 / 3.0 + 0.5)  # XlsxWriter's set_row rounds to pixels
            if pixels <= 0:
                raise ValueError(f"row {r}: height {height} pt hides the row")
            if pixels != _DEFAULT_ROW_PIXELS:
                parts.append(f' ht="{pixels * 0.75:.16g}" customHeight="1"')
        parts.append(">")
        for letters, style, value in zip(self._letters, self._styles, values, strict=False):
            ref = f'r="{letters}{r}" s="{style}"'
            if value is None or value == "":
                parts.append(f"<c {ref}/>")
            elif isinstance(value, str):
                if len(value) > CELL_CHARS // 2 and _utf16_units(value) > CELL_CHARS:
                    raise ValueError(f"cell {letters}{r}: {len(value):,} characters, more than "
                                     f"the {CELL_CHARS:,} a cell holds")
                parts.append(f'<c {ref} t="inlineStr"><is>{_inline_text(value)}</is></c>')
            elif isinstance(value, date):
                parts.append(f"<c {ref}><v>{excel_serial(value):.16G}</v></c>")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if not math.isfinite(value):
                    raise ValueError(f"cell {letters}{r}: {value} is not a number a cell holds")
                parts.append(f"<c {ref}><v>{value:.16G}</v></c>")
            else:
                raise ValueError(f"cell {letters}{r}: cannot write {type(value).__name__}")
        parts.append("</row>")
        self._write("".join(parts))

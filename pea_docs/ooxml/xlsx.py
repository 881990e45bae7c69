"""A printed table as an XLSX sheet: title, header, column numbers, rows; streamed.

The registers (Appendices 1 and 2) are tables a clerk prints and binds. This
module knows XlsxWriter and nothing of the Rules: a :class:`TableLayout` says
what the title lines, header labels and columns are, and :func:`write_table`
writes any number of rows with flat memory. Each row goes to a temporary file
as soon as it is read (:mod:`pea_docs.ooxml.xlsx_rows`, XlsxWriter's own XML at
a third of its cost); XlsxWriter writes the rest of the workbook, and the
package is then copied through :func:`~pea_docs.ooxml.package.write_normalized`
with the rows spliced in and fixed timestamps, so the same rows give the same
bytes.

>>> import io, zipfile
>>> layout = TableLayout(title_lines=("Register",), header=(("No.", 1), ("Date", 2)),
...                      columns=(Column(6, "number"), Column(11, "date"), Column(12, "text")))
>>> buf = io.BytesIO()
>>> write_table(buf, layout, [(1, None, "a & b")])
>>> "xl/worksheets/sheet1.xml" in zipfile.ZipFile(buf).namelist()
True
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any, BinaryIO, Literal

import xlsxwriter

from pea_docs.errors import RenderError
from pea_docs.format import typeface
from pea_docs.ooxml.package import FIXED_DATETIME, write_normalized
from pea_docs.ooxml.xlsx_rows import RowWriter

__all__ = ["Column", "TableLayout", "write_table"]

FONT = typeface.FONT
DATE_FORMAT = "dd.mm.yyyy"
_PT_PER_LINE = 12.0  # a 10 pt line of Times New Roman as LibreOffice and Excel space it


@dataclass(frozen=True)
class Column:
    """One physical column of the table.

    Attributes:
        width: the width in Excel's character units.
        kind: ``"text"`` (wrapped), ``"number"`` (centred) or ``"date"`` (a real date cell).
        number_format: the cell's number format (``dd.mm.yyyy`` for a date by default).
    """

    width: float
    kind: Literal["text", "number", "date"] = "text"
    number_format: str | None = None


@dataclass(frozen=True)
class TableLayout:
    """What the sheet shows around the rows.

    Attributes:
        title_lines: lines above the table, each merged across all columns; the first is bold.
        header: ``(label, span)`` per column of the form; a span over 1 merges physical columns.
        columns: the physical columns, as many as the spans add up to.
        sheet_name: the worksheet's name.
        page_header: text centred in the printed page header (a draft's mark), or ``""``.
        margins_mm: left, right, top, bottom page margins.
    """

    title_lines: tuple[str, ...]
    header: tuple[tuple[str, int], ...]
    columns: tuple[Column, ...]
    sheet_name: str = "Sheet1"
    page_header: str = ""
    margins_mm: tuple[float, float, float, float] = (20, 10, 15, 15)
    properties: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        spans = sum(span for _, span in self.header)
        if spans != len(self.columns):
            raise ValueError(f"header spans {spans} columns, layout has {len(self.columns)}")


@lru_cache(maxsize=2048)  # senders and notes repeat from row to row
def _lines(text: str, width: float, *, bold: bool = False) -> int:
    """Return about how many lines ``text`` takes when wrapped in a column ``width`` wide.

    A column ``width`` units wide is ``7 * width + 5`` pixels (the unit is a
    digit of the default Calibri 11); Times New Roman 10 pt takes about 5
    pixels a character, bold about 5.6, as measured on the registers of the
    samples printed by LibreOffice (36 characters of an address in 173 pixels). Words are not split, so a line breaks before the word that does
    not fit; one character of slack errs towards a line too many, not clipping.

    >>> _lines("Краткое содержание", 34), _lines("Номер дела (наряда), в котором находится", 9)
    (1, 4)
    """
    per_line = max(1, int((7 * width + 5) / (5.6 if bold else 5.0)) - 1)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if len(paragraph) <= per_line:
            continue
        used = 0
        for word in paragraph.split():
            need = len(word) + (1 if used else 0)
            if used and used + need > per_line:
                lines, used = lines + 1, len(word)
            else:
                used += need
            while used > per_line:  # a word longer than the column wraps on its own
                lines, used = lines + 1, used - per_line
    return lines


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")


def write_table(target: BinaryIO, layout: TableLayout, rows: Iterable[Sequence[Any]], *,
                before_publish: Callable[[], object] | None = None) -> None:
    """Write the sheet of ``layout`` with ``rows`` to the binary file ``target``.

    Each row has one value per physical column: text, a number, a date or None
    (an empty bordered cell). Rows are consumed one at a time, so a generator of
    100,000 rows needs no more memory than one of ten.

    The rows go to a temporary file as XML (:class:`~pea_docs.ooxml.xlsx_rows.RowWriter`);
    XlsxWriter then writes the workbook around them — formats, title, header,
    print setup — with one placeholder row where the last entry goes, and the
    package is copied with the rows in the placeholder's place.

    Args:
        before_publish: called once every row is written and before the first
            byte reaches ``target``; an exception it raises leaves ``target``
            untouched (a stream checked while it is written refuses here).

    Raises:
        RenderError: a value no cell can hold (text over 32,767 characters, NaN).
    """
    with tempfile.TemporaryDirectory(prefix="pea-docs-xlsx-") as tmp:
        path = os.path.join(tmp, "table.xlsx")
        rows_path = os.path.join(tmp, "rows.xml")
        frame = _Frame(path, tmp, layout)
        with open(rows_path, "w", encoding="utf-8", newline="") as text:
            try:
                count = _write_rows(RowWriter(text, frame.column_styles), rows, frame.first_data,
                                    layout)
            except ValueError as exc:  # the models refuse such values first: a last guard
                raise RenderError(f"{layout.sheet_name}: {exc}") from exc
        placeholder = frame.close(count)
        if count:
            with zipfile.ZipFile(path) as package:
                sheet = package.read(_SHEET)
            if sheet.count(placeholder) != 1:  # an XlsxWriter that writes rows otherwise
                raise RenderError(f"{layout.sheet_name}: the installed XlsxWriter wrote the sheet "
                                  "in a way pea-docs does not know; nothing was written")
        if before_publish is not None:
            before_publish()

        def splice(part: bytes, out: IO[bytes]) -> None:
            before, _, after = part.partition(placeholder)  # found once: checked above
            out.write(before)
            with open(rows_path, "rb") as data:
                shutil.copyfileobj(data, out, 1 << 20)
            out.write(after)

        with open(path, "rb") as fh:
            write_normalized(fh, target, rewrite={_SHEET: splice} if count else None)


_SHEET = "xl/worksheets/sheet1.xml"


class _Frame:
    """The workbook around the rows, written by XlsxWriter: formats, title, header, page."""

    def __init__(self, path: str, tmp: str, layout: TableLayout):
        self.layout = layout
        workbook = self.workbook = xlsxwriter.Workbook(path, {
            "constant_memory": True, "tmpdir": tmp,
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        })
        # fixed properties: the same data gives the same bytes
        workbook.set_properties({"created": FIXED_DATETIME, **layout.properties})
        sheet = self.sheet = workbook.add_worksheet(layout.sheet_name)
        formats, self.column_formats = _formats(workbook, layout)

        self.last_col = len(layout.columns) - 1
        for col, column in enumerate(layout.columns):
            sheet.set_column(col, col, column.width)

        row = 0
        used = []  # the formats in the order their cells are written
        total_width = sum(c.width for c in layout.columns)
        for i, line in enumerate(layout.title_lines):
            fmt = formats["title"] if i == 0 else formats["subtitle"]
            points = 20 if i == 0 else 16
            sheet.set_row(row, points * _lines(line, total_width * 0.8, bold=i == 0))
            sheet.merge_range(row, 0, row, self.last_col, line, fmt)
            used.append(fmt)
            row += 1
        row += 1  # an empty line between the title and the table

        header_row = self.header_row = row
        widths = [c.width for c in layout.columns]
        col, tallest = 0, 1
        for label, span in layout.header:
            tallest = max(tallest, _lines(label, sum(widths[col:col + span]), bold=True))
            col += span
        sheet.set_row(header_row, tallest * _PT_PER_LINE + 6)
        _write_spanned(sheet, header_row, layout.header, formats["header"])
        numbers = tuple((number, span) for number, (_, span) in enumerate(layout.header, start=1))
        _write_spanned(sheet, header_row + 1, numbers, formats["numbers"])
        used += [formats["header"], formats["numbers"], *self.column_formats]
        self.first_data = header_row + 2
        # XlsxWriter numbers a format (its "xf" index in the styles part) when the first
        # cell using it goes to disk: title, header, column numbers, then the first entry,
        # column by column. Numbered here in that order, so the rows written outside
        # XlsxWriter name the same styles and the styles part is unchanged.
        for fmt in used:
            fmt._get_xf_index()
        self.column_styles = tuple(fmt._get_xf_index() for fmt in self.column_formats)

    def close(self, count: int) -> bytes:
        """Write the rest of the sheet for ``count`` rows of entries; return the placeholder row.

        The last entry's row is written by XlsxWriter as empty cells, so that the
        sheet's dimension, filter and print area reach it; its XML is returned,
        to be replaced by the rows.
        """
        sheet, layout = self.sheet, self.layout
        last_row = self.first_data + count - 1
        placeholder = b""
        if count:
            for col, fmt in enumerate(self.column_formats):
                sheet.write_blank(last_row, col, None, fmt)
            buffer = io.StringIO()
            RowWriter(buffer, self.column_styles).write(last_row, (None,) * len(layout.columns))
            placeholder = buffer.getvalue().encode()
        sheet.freeze_panes(self.first_data, 0)
        # the filter sits on the column-number row, right above the entries
        sheet.autofilter(self.header_row + 1, 0, max(last_row, self.first_data), self.last_col)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # the width of one page, as many pages down as needed
        sheet.repeat_rows(self.header_row, self.header_row + 1)
        left, right, top, bottom = (mm / 25.4 for mm in layout.margins_mm)
        sheet.set_margins(left=left, right=right, top=top, bottom=bottom)
        if layout.page_header:
            sheet.set_header(f'&C&"{FONT},Bold"&12{_escape_header(layout.page_header)}',
                             {"margin": top / 2})
        sheet.set_footer(f'&C&"{FONT},Regular"&9&P / &N', {"margin": bottom / 2})
        self.workbook.close()
        return placeholder


def _formats(workbook: Any, layout: TableLayout) -> tuple[dict[str, Any], list[Any]]:
    """Return the cell formats of the title, header and numbers, and one per column.

    Created in a fixed order: a format's place in the styles part is the order
    it was added in, so the same layout gives the same bytes.
    """
    base = {"font_name": FONT, "font_size": 10, "valign": "top"}
    cell = {**base, "border": 1, "text_wrap": True}
    formats = {
        "title": workbook.add_format({**base, "font_size": 14, "bold": True, "align": "center",
                                      "valign": "vcenter", "text_wrap": True}),
        "subtitle": workbook.add_format({**base, "font_size": 12, "align": "center",
                                         "valign": "vcenter", "text_wrap": True}),
        "header": workbook.add_format({**cell, "bold": True, "align": "center",
                                       "valign": "vcenter"}),
        "numbers": workbook.add_format({**cell, "align": "center", "valign": "vcenter"}),
    }
    column_formats = []
    for column in layout.columns:
        if column.kind == "date":
            fmt = workbook.add_format({**cell, "align": "center",
                                       "num_format": column.number_format or DATE_FORMAT})
        elif column.kind == "number":
            fmt = workbook.add_format({**cell, "align": "center",
                                       **({"num_format": column.number_format}
                                          if column.number_format else {})})
        else:
            fmt = workbook.add_format({**cell, **({"num_format": column.number_format}
                                                  if column.number_format else {})})
        column_formats.append(fmt)

    return formats, column_formats


def _write_rows(writer: RowWriter, rows: Iterable[Sequence[Any]], first_data: int,
                layout: TableLayout) -> int:
    """Write the entries from ``first_data`` on, one row at a time; return how many."""
    widths = [c.width for c in layout.columns]
    text_columns = [i for i, c in enumerate(layout.columns) if c.kind == "text"]
    count = 0
    for count, values in enumerate(rows, start=1):
        # rows get their height here: no spreadsheet application fits the
        # height of a wrapped row reliably when it opens a file
        tallest = max((_lines(values[i], widths[i]) for i in text_columns
                       if isinstance(values[i], str) and values[i]), default=1)
        writer.write(first_data + count - 1, values,
                     tallest * _PT_PER_LINE + 3 if tallest > 1 else None)
    return count


def _write_spanned(sheet: Any, row: int, cells: Sequence[tuple[Any, int]], fmt: Any) -> None:
    col = 0
    for value, span in cells:
        if span > 1:
            sheet.merge_range(row, col, row, col + span - 1, value, fmt)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)
        col += span

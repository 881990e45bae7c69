"""A finished Word document as a reader meets it: its paragraphs in order, in and out of tables, with places.

>>> import io, docx
>>> document = docx.Document(); _ = document.add_paragraph("ЗАПРОС")
>>> table = document.add_table(rows=1, cols=2); table.rows[0].cells[1].text = "А.Б. Сапаров"
>>> buf = io.BytesIO(); document.save(buf)
>>> [(u.place.describe(), u.text) for u in read_units(buf.getvalue()) if u.text]
[('body, paragraph 1', 'ЗАПРОС'), ('body, table 1, row 1, cell 2, paragraph 1', 'А.Б. Сапаров')]
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.templating.docx_xml import Place

__all__ = ["Unit", "read_units"]

register_code("lint.unreadable", "", "a file to lint that is not a Word document (.docx)")


@dataclass(frozen=True)
class Unit:
    """One paragraph of the document: its place, its text (line breaks as ``\\n``) and its lines."""

    place: Place
    text: str
    alignment: Any = None

    @property
    def lines(self) -> list[str]:
        """Return the paragraph's lines, spaces tidied (non-breaking ones as plain), empty ones dropped."""
        return [" ".join(line.replace("\u00a0", " ").split()) for line in self.text.split("\n")
                if line.strip()]


def _cell_units(table: Any, table_no: int, parent: Any) -> list[Unit]:
    found = []
    for r, row in enumerate(table.findall(qn("w:tr")), start=1):
        for c, cell in enumerate(row.findall(qn("w:tc")), start=1):
            for p, element in enumerate(cell.findall(qn("w:p")), start=1):
                paragraph = Paragraph(element, parent)
                found.append(Unit(Place("body", "word/document.xml", p, table_no, r, c, paragraph.text),
                                  paragraph.text, paragraph.alignment))
    return found


def read_units(data: bytes, name: str = "document.docx") -> list[Unit]:
    """Return the paragraphs of the body in reading order, tables' cells row by row.

    Raises:
        InputError: not a Word document (``lint.unreadable``).
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError([Problem("lint.unreadable", "", (), name,
                                  f"is not a Word document (.docx): {exc}", file=name)]) from None
    body = document.element.body
    units: list[Unit] = []
    paragraphs = tables = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            paragraph = Paragraph(child, document)
            units.append(Unit(Place("body", "word/document.xml", paragraphs, text=paragraph.text),
                              paragraph.text, paragraph.alignment))
        elif child.tag == qn("w:tbl"):
            tables += 1
            units += _cell_units(child, tables, document)
    return units

"""The internal inventory of the documents of a case (rules 29, 39), a DOCX form.

The title, the case's index and heading, then a table whose header and row of
column numbers repeat on every page: No., document index, date, heading, sheet
numbers, note. Under it the totals in figures and in words, the compiler's
signature block and the date. Labels come from the ``case_files`` catalogs.

>>> from pea_docs.models.case_files import InternalInventory
>>> from pea_docs.models.base import coerce
>>> inventory = coerce(InternalInventory, {"case_index": "02-05", "case_heading": "ИП № 1",
...     "date": "2025-12-20", "compiler": {"surname": "Сапаров", "name": "Арман"},
...     "documents": [{"date": "2025-01-09", "heading": "Исполнительный лист", "sheets": "1-2"}]})
>>> build_internal_inventory(inventory, "kk").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.registry import FormSpec
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.case_files import InternalInventory
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import (
    keep_row_whole,
    new_document,
    numbered_header,
    package_bytes,
    paragraph,
    set_borders,
    set_cell_margins,
    set_column_widths,
)
from pea_docs.rules.case_files import check_internal_inventory

__all__ = ["COLUMNS", "DOMAIN", "FORMS", "TITLE", "build_internal_inventory", "case_heading", "signature"]

DOMAIN = "case_files"
TITLE = "INTERNAL INVENTORY of the documents of the case"
#: The table's column headings (message ids), in the form's order.
COLUMNS: tuple[str, ...] = (
    "No.",
    "Document index (number)",
    "Document date",
    "Document heading",
    "Sheet numbers of the case",
    "Note",
)
# widths in mm: together the 165 mm between the 30 mm and 15 mm margins
_WIDTHS = (11, 27, 24, 49, 25, 29)
_SIGNER_WIDTHS = (78, 45, 42)
_BODY, _TABLE = 14, 12


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def case_heading(doc: Any, title: str, index: str, volume: int | None, heading: str, lang: str,
                 draft: bool) -> None:
    """Add the title of a case-file document, the case's number and volume, and its heading."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    if draft:
        paragraph(doc.sections[0].header, _("DRAFT", lang), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(doc, title, bold=True, align=center)
    case = _("Case No. {index}", lang).format(index=index)
    if volume is not None:
        case += ", " + _("volume {volume}", lang).format(volume=volume)
    paragraph(doc, case, align=center, before=12)
    paragraph(doc, heading, align=center)


def _table(doc: Any, inventory: InternalInventory, lang: str) -> None:
    paragraph(doc)
    table = doc.add_table(rows=2 + len(inventory.documents), cols=len(COLUMNS))
    set_borders(table, visible=True)
    set_column_widths(table, _WIDTHS)
    set_cell_margins(table, left_mm=1, right_mm=1)
    center = WD_ALIGN_PARAGRAPH.CENTER
    numbered_header(table, [_(msgid, lang) for msgid in COLUMNS], size=_TABLE)
    rows = list(table.rows)  # built once: table.rows makes a list of every row
    for n, (row, document) in enumerate(zip(rows[2:], inventory.documents, strict=True), start=1):
        keep_row_whole(row)
        values = (str(n), document.index or "", format_date(document.date, "figures", lang=lang),
                  document.heading, document.sheets.replace("-", "\u2013"), document.note or "")
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph(cell, value, size=_TABLE, align=None if i in (3, 5) else center)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _totals(doc: Any, inventory: InternalInventory, lang: str) -> None:
    # «N (words)» after a colon: the noun need not agree with the number (документ/-а/-ов)
    documents = format_count(len(inventory.documents), lang=lang)
    sheets = format_count(inventory.inventory_sheets, lang=lang)
    paragraph(doc, _("Total of documents: {count}.", lang).format(count=documents), before=12)
    paragraph(doc, _("Sheets of the internal inventory: {count}.", lang).format(count=sheets))


def signature(doc: Any, compiler: Any, day: Any, lang: str) -> None:
    """Add the compiler's position, the place to sign, the initials and surname; then the date."""
    paragraph(doc, before=12)
    table = doc.add_table(rows=1, cols=3)
    set_borders(table, visible=False)
    set_column_widths(table, _SIGNER_WIDTHS)
    position, place, name = table.rows[0].cells
    paragraph(position, compiler.position or _("Compiled by", lang))
    paragraph(place, SIGNATURE_PLACE, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(name, format_name(compiler, "initials_surname", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(doc, format_date(day, "words", lang=lang), before=12)


def build_internal_inventory(inventory: InternalInventory, lang: str = "ru", draft: bool = False) -> Document:
    """Return the internal inventory of a case as a DOCX :class:`Document` (rules 29, 39).

    Args:
        inventory: the inventory's data (rules 37 and 39 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_document(lang=lang, size=_BODY)
    case_heading(doc, _(TITLE, lang), inventory.case_index, inventory.volume, inventory.case_heading,
                 lang, draft)
    _table(doc, inventory, lang)
    _totals(doc, inventory, lang)
    signature(doc, inventory.compiler, inventory.date, lang)
    data = package_bytes(doc, title=_(TITLE, lang), lang=lang)
    return Document.from_bytes(data, suffix=".docx", name="internal_inventory", draft=draft)


FORMS = [FormSpec(name="internal_inventory", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=InternalInventory, build=build_internal_inventory, check=check_internal_inventory)]

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

from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, case_heading, finish, new_case_document, signature
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.numbers import format_count
from pea_docs.locale.dates import format_date
from pea_docs.models.case_files import InternalInventory
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import paragraph, prototype_table, stamp_rows
from pea_docs.rules.case_files import check_internal_inventory

__all__ = ["COLUMNS", "FORMS", "TITLE", "build_internal_inventory"]

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
_TABLE = 12


def _table(doc: Any, inventory: InternalInventory, lang: str) -> None:
    paragraph(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    prototype = prototype_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, size=_TABLE,
                                aligns=tuple(None if i in (3, 5) else center for i in range(len(COLUMNS))))
    stamp_rows(prototype, [(str(n), document.index or "", format_date(document.date, "figures", lang=lang),
                            document.heading, document.sheets.replace("-", "\u2013"), document.note or "")
                           for n, document in enumerate(inventory.documents, start=1)])


def _totals(doc: Any, inventory: InternalInventory, lang: str) -> None:
    # «N (words)» after a colon: the noun need not agree with the number (документ/-а/-ов)
    documents = format_count(len(inventory.documents), lang=lang)
    sheets = format_count(inventory.inventory_sheets, lang=lang)
    paragraph(doc, _("Total of documents: {count}.", lang).format(count=documents), before=12)
    paragraph(doc, _("Sheets of the internal inventory: {count}.", lang).format(count=sheets))


def build_internal_inventory(inventory: InternalInventory, lang: str = "ru", draft: bool = False) -> Document:
    """Return the internal inventory of a case as a DOCX :class:`Document` (rules 29, 39).

    Args:
        inventory: the inventory's data (rules 37 and 39 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    case_heading(doc, _(TITLE, lang), inventory.case_index, inventory.volume, inventory.case_heading, lang)
    _table(doc, inventory, lang)
    _totals(doc, inventory, lang)
    signature(doc, inventory.compiler, inventory.date, lang)
    return finish(doc, TITLE, "internal_inventory", lang, draft)


FORMS = [FormSpec(name="internal_inventory", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=InternalInventory, build=build_internal_inventory, check=check_internal_inventory)]

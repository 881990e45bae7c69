"""The inventory of a year's orders of permanent or over-ten-years storage (rule 41), a DOCX form.

Two copies in one file (rule 41): the one that goes to the archive with the
orders, then, from a new page, the agent's control copy, marked so. Each copy:
the agent, the title with the inventory's number, the storage category and the
year; a table of seven columns — No., index, heading, outer dates, storage
period, sheets, note; the final entry: how many orders, from which number to
which, with the lettered and the missing numbers (computed from the numbers);
the compiler's signature and the date.

>>> from pea_docs.models.archive import InventoryOfOrders
>>> from pea_docs.models.base import coerce
>>> person = {"surname": "Сапаров", "name": "Арман"}
>>> inventory = coerce(InventoryOfOrders, {"year": 2025, "category": "permanent", "agent": person,
...     "compiler": person, "date": "2026-01-12",
...     "orders": [{"index": "01-01", "heading": "Номенклатура дел", "storage": "permanent", "sheets": 4}]})
>>> build_inventory_of_orders(inventory, "en").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, agent_lines, finish, new_case_document, signature
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.numbers import format_count
from pea_docs.format.storage import format_storage
from pea_docs.locale.dates import format_date
from pea_docs.models.archive import InventoryOfOrders
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import paragraph, prototype_table, stamp_rows
from pea_docs.rules.archive import check_inventory_of_orders, split_number

__all__ = ["COLUMNS", "FORMS", "TITLE", "build_inventory_of_orders", "lettered_and_missing"]

TITLE = "INVENTORY OF CASES"
#: The table's column headings (message ids), case-files.md section 5.
COLUMNS: tuple[str, ...] = ("No.", "Case index", "Case heading", "Outer dates", "Storage period",
                            "Number of sheets", "Note")
_CATEGORY = {"permanent": "of permanent storage for {year}",
             "over_10": "of temporary (over 10 years) storage for {year}"}
_WIDTHS = (10, 17, 45, 25, 22, 23, 23)
_TABLE = 12


def lettered_and_missing(numbers: list[str]) -> tuple[list[str], list[int]]:
    """Return the lettered numbers (5а) and the numbers skipped between the first and the last.

    >>> lettered_and_missing(["1", "2", "2а", "5"])
    (['2а'], [3, 4])
    """
    parts = [(number, split_number(number)) for number in numbers]
    lettered = [number for number, part in parts if part and part[1]]
    figures = sorted({part[0] for _, part in parts if part})
    present = set(figures)
    missing = [n for n in range(figures[0], figures[-1] + 1) if n not in present] if figures else []
    return lettered, missing


def _outer_dates(order: Any, lang: str) -> str:
    days = [format_date(day, "figures", lang=lang) for day in (order.started, order.ended) if day]
    return "\u2013".join(dict.fromkeys(days))  # one date if both are the same day


def _copy(doc: Any, inventory: InventoryOfOrders, lang: str, control: bool) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    if control:
        paragraph(doc, _("CONTROL COPY", lang), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph(doc)
    agent_lines(doc, inventory.agent, lang)
    paragraph(doc, _(TITLE, lang), bold=True, align=center, before=18)
    if inventory.number:
        paragraph(doc, _("No. {number}", lang).format(number=inventory.number), bold=True, align=center)
    paragraph(doc, _(_CATEGORY[inventory.category], lang).format(year=inventory.year), bold=True, align=center)
    paragraph(doc)
    numbers = inventory.numbers()
    prototype = prototype_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, size=_TABLE,
                                aligns=tuple(None if i in (2, 6) else center for i in range(len(COLUMNS))))
    stamp_rows(prototype, [(number, order.index, order.heading, _outer_dates(order, lang),
                            format_storage(order.storage, lang=lang, articles=order.articles), str(order.sheets),
                            order.note or "") for order, number in zip(inventory.orders, numbers, strict=True)])
    lettered, missing = lettered_and_missing(numbers)
    none = "—"
    count = format_count(len(numbers), lang=lang, gender="neuter")  # дело: neuter
    paragraph(doc, _("Cases entered in this inventory: {count}, Nos. {first} to {last}, including:", lang).format(
        count=count, first=numbers[0], last=numbers[-1]), before=12)
    paragraph(doc, _("lettered numbers: {numbers};", lang).format(numbers=", ".join(lettered) or none),
              first_line_mm=12.5)
    paragraph(doc, _("missing numbers: {numbers}.", lang).format(
        numbers=", ".join(map(str, missing)) or none), first_line_mm=12.5)
    signature(doc, inventory.compiler, inventory.date, lang)


def build_inventory_of_orders(inventory: InventoryOfOrders, lang: str = "ru", draft: bool = False) -> Document:
    """Return the inventory of orders as a DOCX :class:`Document`: two copies, the second the control copy.

    Args:
        inventory: its data (rules 37 and 41 are checked before, by ``render``); ``copies: 1`` gives one.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    _copy(doc, inventory, lang, control=False)
    if inventory.copies == 2:
        doc.add_page_break()
        _copy(doc, inventory, lang, control=True)
    return finish(doc, TITLE, "inventory_of_orders", lang, draft)


FORMS = [FormSpec(name="inventory_of_orders", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=InventoryOfOrders, build=build_inventory_of_orders, check=check_inventory_of_orders)]

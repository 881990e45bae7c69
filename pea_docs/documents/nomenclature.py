"""The nomenclature of cases of a year (rules 33–36), a DOCX form.

The approval block (rule 34), the agent, the title with the year and the date
it enters into force (1 January, rule 34); a table of five columns — index,
heading, number of cases, storage period with the article of the list, note —
with a row across the table for each section and the section's reserve numbers
(rule 35) after its orders; the compiler's signature; and, at the year's end,
the final entry (rule 36): by storage category, the cases opened and of them
those carried over to the next year, counted from the orders.

>>> from pea_docs.models.archive import Nomenclature
>>> from pea_docs.models.base import coerce
>>> nomenclature = coerce(Nomenclature, {"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"},
...     "sections": [{"title": "01", "reserve": ["01-09"],
...                   "orders": [{"index": "01-01", "heading": "Номенклатура дел", "storage": "permanent"}]}]})
>>> build_nomenclature(nomenclature, "kk").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, agent_lines, finish, new_case_document, signature
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.names import format_name
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.format.storage import format_storage
from pea_docs.locale.dates import format_date
from pea_docs.models.archive import CATEGORIES, Nomenclature, NomenclatureOrder
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import (
    form_table,
    paragraph,
    set_borders,
    set_column_widths,
)
from pea_docs.rules.archive import check_nomenclature

__all__ = ["CATEGORY_LABELS", "COLUMNS", "FINAL_COLUMNS", "FORMS", "TITLE", "build_nomenclature"]

TITLE = "NOMENCLATURE OF CASES"
#: The table's column headings (message ids), case-files.md section 4.
COLUMNS: tuple[str, ...] = (
    "Case index",
    "Heading of the case (volumes, parts)",
    "Number of cases (volumes, parts)",
    "Storage period and article number of the list",
    "Note",
)
#: The final entry's columns (rule 36).
FINAL_COLUMNS: tuple[str, ...] = ("By storage period", "Total", "Of them carried over")
#: The final entry's rows: the storage categories, then the total.
CATEGORY_LABELS: dict[str, str] = {
    "permanent": "Permanent",
    "over_10": "Temporary (over 10 years)",
    "up_to_10": "Temporary (up to 10 years inclusive)",
}
_WIDTHS = (20, 58, 27, 35, 25)
_FINAL_WIDTHS = (85, 40, 40)
_TABLE = 12


def _approval(doc: Any, nomenclature: Nomenclature, lang: str) -> None:
    approval = nomenclature.approval
    if approval is None:
        return
    table = doc.add_table(rows=1, cols=2)
    set_borders(table, visible=False)
    set_column_widths(table, (85, 80))
    cell = table.rows[0].cells[1]
    paragraph(cell, _("APPROVED", lang), bold=True)
    paragraph(cell, approval.by)
    if approval.document or approval.date:
        day = format_date(approval.date, "figures", lang=lang) if approval.date else ""
        text = _("{document} of {date}", lang).format(document=approval.document or "", date=day)
        paragraph(cell, " ".join(text.split()))
    if approval.signer is not None:
        if approval.signer.position:
            paragraph(cell, approval.signer.position)
        paragraph(cell, f"{SIGNATURE_PLACE} {format_name(approval.signer, 'initials_surname', lang=lang)}")
    paragraph(doc)


def _order_cells(row: Any, order: NomenclatureOrder, year: int, lang: str) -> None:
    notes = [order.note] if order.note else []
    if order.opened is not None:
        notes.append(_("opened {date}", lang).format(date=format_date(order.opened, "figures", lang=lang)))
    if order.carried_over:
        notes.append(_("carries over to {year}", lang).format(year=year + 1))
    values = (order.index, order.heading, "" if order.count is None else str(order.count),
              format_storage(order.storage, lang=lang, articles=order.articles), "; ".join(notes))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
        paragraph(cell, value, size=_TABLE, align=None if i in (1, 4) else center)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _table(doc: Any, nomenclature: Nomenclature, lang: str) -> None:
    count = sum(1 + len(s.orders) + len(s.reserve) for s in nomenclature.sections)
    rows = iter(form_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, count, size=_TABLE))
    for section in nomenclature.sections:
        row = next(rows)
        merged = row.cells[0].merge(row.cells[-1])
        # keep: a section's title stays on the page of its first order
        paragraph(merged, section.title, bold=True, size=_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
        for order in section.orders:
            _order_cells(next(rows), order, nomenclature.year, lang)
        for index in section.reserve:
            cells = next(rows).cells
            paragraph(cells[0], index, size=_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER)
            paragraph(cells[1], _("Reserve number", lang), size=_TABLE, italic=True)


def _final_entry(doc: Any, nomenclature: Nomenclature, lang: str) -> None:
    entry = nomenclature.final_entry
    if entry is None:
        return
    paragraph(doc, _("Final entry on the categories and number of cases opened in {year}", lang).format(
        year=nomenclature.year), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, keep=True)
    paragraph(doc, keep=True)
    totals = nomenclature.totals()
    rows = form_table(doc, [_(msgid, lang) for msgid in FINAL_COLUMNS], _FINAL_WIDTHS, len(CATEGORIES) + 1,
                      size=_TABLE)
    lines = [(_(CATEGORY_LABELS[name], lang), *totals[name]) for name in CATEGORIES]
    lines.append((_("TOTAL", lang), sum(t[0] for t in totals.values()), sum(t[1] for t in totals.values())))
    for row, (label, opened, carried) in zip(rows, lines, strict=True):
        paragraph(row.cells[0], label, size=_TABLE, bold=label == lines[-1][0])
        paragraph(row.cells[1], str(opened), size=_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph(row.cells[2], str(carried), size=_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER)
    signature(doc, entry.compiler, entry.date, lang)


def build_nomenclature(nomenclature: Nomenclature, lang: str = "ru", draft: bool = False) -> Document:
    """Return the nomenclature of cases as a DOCX :class:`Document` (rules 33–36).

    Args:
        nomenclature: its data (rules 33–36 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    _approval(doc, nomenclature, lang)
    agent_lines(doc, nomenclature.agent, lang)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, _(TITLE, lang), bold=True, align=center, before=18)
    paragraph(doc, _("for {year}", lang).format(year=nomenclature.year), bold=True, align=center)
    paragraph(doc, _("In force from 1 January {year}", lang).format(year=nomenclature.year), align=center,
              before=6)
    paragraph(doc)
    _table(doc, nomenclature, lang)
    if nomenclature.compiler is not None:
        signature(doc, nomenclature.compiler, None, lang)
    _final_entry(doc, nomenclature, lang)
    return finish(doc, TITLE, "nomenclature", lang, draft)


FORMS = [FormSpec(name="nomenclature", suffix=".docx", title=TITLE, domain=DOMAIN, model=Nomenclature,
                  build=build_nomenclature, check=check_nomenclature)]

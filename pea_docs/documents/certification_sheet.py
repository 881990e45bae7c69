"""The certification sheet of a case kept permanently or over ten years (rules 39, 40), a DOCX form.

The title, the case's index and heading, the count of the sheets filed and
numbered (in figures and words) with the lettered and missing numbers and the
sheets of the internal inventory, a table of the features of the case's
physical state and forming, the signature block and the date. A case kept up to
ten years gets none (rule 40.2): :func:`pea_docs.rules.case_files.check_certification_sheet`.

>>> from pea_docs.models.case_files import CertificationSheet
>>> from pea_docs.models.base import coerce
>>> sheet = coerce(CertificationSheet, {"case_index": "01-03", "case_heading": "Журнал",
...     "storage": "permanent", "sheets": 48, "date": "2025-12-22",
...     "compiler": {"surname": "Сапаров", "name": "Арман"}})
>>> build_certification_sheet(sheet, "en").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, case_heading, finish, new_case_document, signature
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.numbers import format_count
from pea_docs.models.case_files import CertificationSheet
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import form_table, paragraph
from pea_docs.rules.case_files import check_certification_sheet

__all__ = ["COLUMNS", "FORMS", "TITLE", "build_certification_sheet"]

TITLE = "CERTIFICATION SHEET of the case"
#: The table's column headings (message ids).
COLUMNS: tuple[str, ...] = ("Features of the physical state and forming of the case", "Sheet numbers")
_WIDTHS = (120, 45)
_TABLE = 12


def _counts(doc: Any, sheet: CertificationSheet, lang: str) -> None:
    none = "—"
    paragraph(doc, _("Sheets filed and numbered in the case: {count}, including:", lang).format(
        count=format_count(sheet.sheets, lang=lang)), before=12)
    paragraph(doc, _("lettered sheet numbers: {numbers};", lang).format(
        numbers=", ".join(sheet.lettered) or none), first_line_mm=12.5)
    paragraph(doc, _("missing sheet numbers: {numbers};", lang).format(
        numbers=", ".join(str(n) for n in sheet.missing) or none), first_line_mm=12.5)
    paragraph(doc, _("sheets of the internal inventory: {count}.", lang).format(
        count=format_count(sheet.inventory_sheets, lang=lang)), first_line_mm=12.5)


def _features(doc: Any, sheet: CertificationSheet, lang: str) -> None:
    paragraph(doc)
    rows = form_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, len(sheet.features), size=_TABLE)
    for row, feature in zip(rows, sheet.features, strict=True):
        paragraph(row.cells[0], feature.feature, size=_TABLE)
        paragraph(row.cells[1], feature.sheets.replace("-", "\u2013"), size=_TABLE,
                  align=WD_ALIGN_PARAGRAPH.CENTER)


def build_certification_sheet(sheet: CertificationSheet, lang: str = "ru", draft: bool = False) -> Document:
    """Return the certification sheet of a case as a DOCX :class:`Document` (rules 39, 40).

    Args:
        sheet: its data (rules 39 and 40 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    case_heading(doc, _(TITLE, lang), sheet.case_index, sheet.volume, sheet.case_heading, lang)
    _counts(doc, sheet, lang)
    _features(doc, sheet, lang)
    signature(doc, sheet.compiler, sheet.date, lang)
    return finish(doc, TITLE, "certification_sheet", lang, draft)


FORMS = [FormSpec(name="certification_sheet", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=CertificationSheet, build=build_certification_sheet, check=check_certification_sheet)]

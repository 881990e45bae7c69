"""The cover of a case (rules 29, 40), a one-page A4 DOCX form of two kinds.

- **An enforcement proceeding** (rule 29): the proceeding's number and date of
  initiation, the enforcement district, the agent's initials and surname, the
  subject of enforcement, the debtor and the recoveror.
- **An order of the nomenclature** (rule 40): the agent and the district, the
  order's index, volume and heading, its outer dates, sheets and storage period,
  and the archival cipher (fund, inventory, case) left blank for the archive.

>>> from pea_docs.models.case_files import CaseCover
>>> from pea_docs.models.base import coerce
>>> cover = coerce(CaseCover, {"agent": {"surname": "Сапаров", "name": "Арман", "territory": "г. Алматы"},
...     "order": {"index": "01-03", "heading": "Журнал", "storage": "permanent", "sheets": 48}})
>>> build_case_cover(cover, "kk").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, agent_lines, finish, new_case_document
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count
from pea_docs.format.storage import format_storage
from pea_docs.locale.dates import format_date
from pea_docs.models.case_files import CaseCover, OrderCover, ProceedingCover
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import paragraph
from pea_docs.rules.case_files import check_case_cover

__all__ = ["FORMS", "TITLE", "build_case_cover", "party"]

TITLE = "CASE COVER"
_TITLE = 18
_BLANK = "________"


def party(value: Any, lang: str) -> str:
    """Return a debtor or recoveror as printed: the text given, or a person's full name."""
    return value if isinstance(value, str) else format_name(value, "full", lang=lang)


def _proceeding(doc: Any, cover: CaseCover, proceeding: ProceedingCover, lang: str) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    # the number on a line of its own: a long title would break it at a hyphen
    paragraph(doc, _("ENFORCEMENT PROCEEDING", lang), bold=True, size=_TITLE, align=center, before=120)
    paragraph(doc, _("No. {number}", lang).format(number=proceeding.number), bold=True, size=_TITLE,
              align=center)
    paragraph(doc, _("initiated on {date}", lang).format(date=format_date(proceeding.initiated, "words",
                                                                             lang=lang)), align=center)
    lines = [
        _("Enforcement district: {district}", lang).format(district=cover.agent.territory or _BLANK),
        _("Private enforcement agent: {name}", lang).format(
            name=format_name(cover.agent, "initials_surname", lang=lang)),
        _("Subject of enforcement: {subject}", lang).format(subject=proceeding.subject),
        _("Debtor: {debtor}", lang).format(debtor=party(proceeding.debtor, lang)),
        _("Recoveror: {recoveror}", lang).format(recoveror=party(proceeding.recoveror, lang)),
    ]
    for i, line in enumerate(lines):
        paragraph(doc, line, before=48 if i == 0 else 12)


def _order(doc: Any, order: OrderCover, lang: str) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, _("CASE No. {index}", lang).format(index=order.index), bold=True, size=_TITLE,
              align=center, before=96)
    if order.volume is not None:
        paragraph(doc, _("Volume {volume}", lang).format(volume=order.volume), bold=True, align=center)
    paragraph(doc, order.heading, bold=True, align=center, before=24)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    started = format_date(order.started, "figures", lang=lang) if order.started else _BLANK
    ended = format_date(order.ended, "figures", lang=lang) if order.ended else _BLANK
    sheets = format_count(order.sheets, lang=lang) if order.sheets else _BLANK
    paragraph(doc, _("Started: {date}", lang).format(date=started), align=right, before=96)
    paragraph(doc, _("Ended: {date}", lang).format(date=ended), align=right)
    paragraph(doc, _("Number of sheets: {count}", lang).format(count=sheets), align=right, before=12)
    paragraph(doc, _("Storage period: {period}", lang).format(
        period=format_storage(order.storage, lang=lang, articles=order.articles)), align=right, before=12)
    # the archival cipher is the archive's to write (case-files.md, 1): printed blank
    paragraph(doc, _("Archival cipher", lang), align=right, before=72)
    for label in ("Fund No. {number}", "Inventory No. {number}", "Case No. {number}"):
        paragraph(doc, _(label, lang).format(number=_BLANK), align=right)


def build_case_cover(cover: CaseCover, lang: str = "ru", draft: bool = False) -> Document:
    """Return the cover of a case as a one-page DOCX :class:`Document` (rules 29, 40).

    Args:
        cover: its data; ``proceeding`` or ``order`` decides the kind.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    paragraph(doc)
    agent_lines(doc, cover.agent, lang)
    if cover.proceeding is not None:
        _proceeding(doc, cover, cover.proceeding, lang)
    elif cover.order is not None:
        _order(doc, cover.order, lang)
    return finish(doc, TITLE, "case_cover", lang, draft)


FORMS = [FormSpec(name="case_cover", suffix=".docx", title=TITLE, domain=DOMAIN, model=CaseCover,
                  build=build_case_cover, check=check_case_cover)]

"""The act of acceptance and transfer of an agent's documents and proceedings (rules 6–8, 46), a DOCX form.

Place and date; the grounds (suspension, termination or deprivation of the
license, exclusion from the Chamber, with the order); who hands over and who
receives; two tables — the pending proceedings (to another agent) and the
archival documents and completed proceedings (for storage), each No. |
proceeding number and date or case index | debtor and recoveror or case
heading | volumes, sheets | note — with their totals in figures and words;
the signatures of both sides.

>>> from pea_docs.models.transfer import AcceptanceTransferAct
>>> from pea_docs.models.base import coerce
>>> act = coerce(AcceptanceTransferAct, {"date": "2025-12-15", "place": "г. Алматы", "grounds": "termination",
...     "transferring": {"surname": "Сапаров", "name": "Арман"},
...     "receiving": {"name": "РП", "representative": {"surname": "Ли", "name": "Ан"}},
...     "archive": [{"index": "01-02", "heading": "Журнал"}]})
>>> build_acceptance_transfer_act(act, "en").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import act_heading, finish, new_case_document
from pea_docs.documents.registry import FormSpec
from pea_docs.format.header import agent_position
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.transfer import AcceptanceTransferAct, TransferItem
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import form_table, paragraph, set_borders, set_column_widths
from pea_docs.rules.transfer import check_acceptance_transfer_act

__all__ = ["COLUMNS", "FORMS", "TITLE", "build_acceptance_transfer_act"]

DOMAIN = "intake"
TITLE = "ACT of acceptance and transfer of documents"
#: The tables' columns (message ids), case-files.md section 7.
COLUMNS: tuple[str, ...] = ("No.", "Proceeding number and date / case index", "Debtor, recoveror / case heading",
                            "Volumes, sheets", "Note")
_WIDTHS = (10, 38, 60, 25, 32)
_GROUNDS = {"suspension": "the suspension of the license", "termination": "the termination of the license",
            "deprivation": "the deprivation of the license", "exclusion": "the exclusion from the Republican Chamber"}
_TABLE = 12


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def _item(item: TransferItem, lang: str) -> tuple[list[str], list[str]]:
    if item.number:
        first = [_("No. {number}", lang).format(number=item.number)]
        if item.date:
            first.append(format_date(item.date, "figures", lang=lang))
        second = [line for line in (item.debtor, item.recoveror) if line]
        return first, second
    return [item.index or ""], [item.heading or ""]


def _table(doc: Any, heading: str, items: list[TransferItem], lang: str) -> None:
    paragraph(doc, heading, bold=True, before=12, keep=True)
    paragraph(doc, keep=True)
    rows = form_table(doc, [_(m, lang) for m in COLUMNS], _WIDTHS, len(items), size=_TABLE)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for n, (row, item) in enumerate(zip(rows, items, strict=True), start=1):
        first, second = _item(item, lang)
        amount = _("volumes: {volumes}", lang).format(volumes=item.volumes)
        if item.sheets:
            amount += "; " + _("sheets: {sheets}", lang).format(sheets=item.sheets)
        for i, (cell, lines) in enumerate(zip(row.cells, ([str(n)], first, second, [amount], [item.note or ""]),
                                              strict=True)):
            for line in lines:
                paragraph(cell, line, size=_TABLE, align=center if i in (0, 1, 3) else None)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    volumes = sum(item.volumes for item in items)
    paragraph(doc, _("Total: {count}; volumes: {volumes}.", lang).format(
        count=format_count(len(items), lang=lang), volumes=format_count(volumes, lang=lang)), before=6)


def build_acceptance_transfer_act(act: AcceptanceTransferAct, lang: str = "ru", draft: bool = False) -> Document:
    """Return the act of acceptance and transfer as a DOCX :class:`Document` (rules 6–8)."""
    doc = new_case_document(lang, draft)
    center = WD_ALIGN_PARAGRAPH.CENTER
    act_heading(doc, _(TITLE, lang), act.number, act.place, act.date, lang)
    grounds = _(_GROUNDS[act.grounds], lang)
    if act.order:
        grounds += _(" (grounds: {order})", lang).format(order=act.order)
    license = f", {_('license No. {number}', lang).format(number=act.transferring.license)}" \
        if act.transferring.license else ""
    paragraph(doc, _("In connection with {grounds}, private enforcement agent {agent}{license} hands over, and "
                     "{receiver} receives, the following documents and enforcement proceedings.", lang).format(
        grounds=grounds, agent=format_name(act.transferring, "full", lang=lang), license=license,
        receiver=act.receiving.name), first_line_mm=12.5, before=12)
    if act.pending:
        _table(doc, _("1. Pending enforcement proceedings (to be passed to another agent)", lang), act.pending, lang)
    if act.archive:
        _table(doc, _("2. Archival documents and completed enforcement proceedings (for storage)", lang),
               act.archive, lang)
    paragraph(doc, before=12)
    signers = doc.add_table(rows=2, cols=3)
    set_borders(signers, visible=False)
    set_column_widths(signers, (70, 50, 45))
    rows = [(_("Handed over:", lang), agent_position(act.transferring, lang=lang), act.transferring),
            (_("Received:", lang), act.receiving.representative.position or act.receiving.name,
             act.receiving.representative)]
    for row, (label, position, person) in zip(signers.rows, rows, strict=True):
        who, place, name = row.cells
        paragraph(who, label, bold=True)
        paragraph(who, position)
        paragraph(place, SIGNATURE_PLACE, align=center)
        paragraph(name, format_name(person, "initials_surname", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return finish(doc, TITLE, "acceptance_transfer_act", lang, draft, domain=DOMAIN)


FORMS = [FormSpec(name="acceptance_transfer_act", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=AcceptanceTransferAct, build=build_acceptance_transfer_act, check=check_acceptance_transfer_act)]

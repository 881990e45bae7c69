"""The act on the withdrawal of documents from orders, with its return note (rule 42), a DOCX form.

The agent, the title with the act's number, the place and the date; the grounds
(a request of a court, a body or a party, with its number and date); a table of
what is withdrawn — No., the order's index and heading, the document (heading,
number, date), its sheets, original or copy, a note; the statement that copies
take the originals' place in the orders; who handed over and who received.
Then the return note (rule 42, second sentence): the originals back in their
orders and the copies out — filled in when ``returned`` is given, else printed
blank to fill by hand.

>>> from pea_docs.models.archive import WithdrawalAct
>>> from pea_docs.models.base import coerce
>>> person = {"surname": "Сапаров", "name": "Арман"}
>>> act = coerce(WithdrawalAct, {"date": "2025-03-10", "place": "г. Алматы", "agent": person,
...     "grounds": {"document": "запрос", "authority": "суд"}, "handed_over": person, "received": person,
...     "documents": [{"case_index": "02-05", "case_heading": "ИП", "heading": "Лист", "sheets": 1}]})
>>> build_withdrawal_act(act, "kk").suffix
'.docx'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import DOMAIN, act_heading, agent_lines, finish, new_case_document
from pea_docs.documents.case_layout import label as _
from pea_docs.documents.registry import FormSpec
from pea_docs.format.names import format_name
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.locale.dates import format_date
from pea_docs.models.archive import WithdrawalAct, WithdrawnDocument
from pea_docs.models.people import Person
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import (
    form_table,
    keep_row_whole,
    paragraph,
    set_borders,
    set_column_widths,
)
from pea_docs.rules.archive import check_withdrawal_act

__all__ = ["COLUMNS", "FORMS", "TITLE", "build_withdrawal_act"]

TITLE = "ACT on the withdrawal of documents"
#: The table's column headings (message ids), case-files.md section 6.
COLUMNS: tuple[str, ...] = ("No.", "Case index and heading", "Document (heading, number, date)", "Sheet numbers",
                            "Original or copy", "Note")
_WIDTHS = (10, 40, 44, 20, 26, 25)
_SIGNER_WIDTHS = (35, 85, 45)
_BLANK_DATE = "«____» ______________ 20____"
_TABLE = 12


def _grounds(act: WithdrawalAct, lang: str) -> str:
    grounds = act.grounds
    parts = [grounds.document, grounds.authority]
    if grounds.number:
        parts.append(_("No. {number}", lang).format(number=grounds.number))
    if grounds.date:
        parts.append(format_date(grounds.date, "figures", lang=lang))
    return _("Grounds: {grounds}.", lang).format(grounds=", ".join(parts))


def _document_lines(document: WithdrawnDocument, lang: str) -> list[str]:
    lines = [document.heading]
    if document.number:
        lines.append(_("No. {number}", lang).format(number=document.number))
    if document.date:
        lines.append(format_date(document.date, "figures", lang=lang))
    return lines


def _table(doc: Any, act: WithdrawalAct, lang: str) -> None:
    rows = form_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, len(act.documents), size=_TABLE)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for n, (row, document) in enumerate(zip(rows, act.documents, strict=True), start=1):
        cells = row.cells
        columns = ([str(n)], [document.case_index, document.case_heading], _document_lines(document, lang),
                   [document.sheets.replace("-", "\u2013")], [_("original" if document.original else "copy", lang)],
                   [document.note or ""])
        for i, (cell, lines) in enumerate(zip(cells, columns, strict=True)):
            for line in lines:
                paragraph(cell, line, size=_TABLE, align=center if i in (0, 3, 4) else None)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _signers(doc: Any, rows: Sequence[tuple[str, Person | None]], lang: str) -> None:
    """Add label | position and initials with surname (or a blank) | the place to sign, for each signer."""
    table = doc.add_table(rows=len(rows), cols=3)
    set_borders(table, visible=False)
    set_column_widths(table, _SIGNER_WIDTHS)
    for row, (label, person) in zip(table.rows, rows, strict=True):
        keep_row_whole(row)
        label_cell, name_cell, sign_cell = row.cells
        paragraph(label_cell, label)
        if person is None:
            paragraph(name_cell, "_" * 24)
        else:
            if person.position:
                paragraph(name_cell, person.position)
            paragraph(name_cell, format_name(person, "initials_surname", lang=lang))
        paragraph(sign_cell, SIGNATURE_PLACE, align=WD_ALIGN_PARAGRAPH.CENTER)


def _return_note(doc: Any, act: WithdrawalAct, lang: str) -> None:
    returned = act.returned
    paragraph(doc, _("Note on the return", lang), bold=True, before=18, keep=True)
    day = format_date(returned.date, "words", lang=lang) if returned else _BLANK_DATE
    paragraph(doc, _("The documents withdrawn under this act were returned on {date} and placed back in the "
                     "orders; their copies were taken out of the orders.", lang).format(date=day),
              first_line_mm=12.5, keep=True)
    paragraph(doc, keep=True)
    _signers(doc, [(_("Returned by:", lang), returned.returned_by if returned else None),
                   (_("Received by:", lang), returned.received_by if returned else None)], lang)


def build_withdrawal_act(act: WithdrawalAct, lang: str = "ru", draft: bool = False) -> Document:
    """Return the act on the withdrawal of documents as a DOCX :class:`Document` (rule 42).

    Args:
        act: its data (rule 42 is checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    agent_lines(doc, act.agent, lang)
    act_heading(doc, _(TITLE, lang), act.number, act.place, act.date, lang, before=18)
    paragraph(doc, _grounds(act, lang), first_line_mm=12.5, before=12)
    paragraph(doc, _("The following documents are withdrawn from the orders of the private enforcement agent:",
                     lang), first_line_mm=12.5)
    paragraph(doc)
    _table(doc, act, lang)
    paragraph(doc, _("Copies of the withdrawn originals and this act are placed in the orders in their stead.",
                     lang), first_line_mm=12.5, before=12)
    paragraph(doc)
    _signers(doc, [(_("Handed over:", lang), act.handed_over), (_("Received:", lang), act.received)], lang)
    _return_note(doc, act, lang)
    return finish(doc, TITLE, "withdrawal_act", lang, draft)


FORMS = [FormSpec(name="withdrawal_act", suffix=".docx", title=TITLE, domain=DOMAIN, model=WithdrawalAct,
                  build=build_withdrawal_act, check=check_withdrawal_act)]

"""The act on allocation for destruction of documents and cases (Appendix 4) as DOCX.

Every part of the form, in its order (forms.md, Appendix 4): the agent's header
(rule 9, when the act is the agent's and the ``agent`` block is given), the title
in capitals, the date, number and place, who composed the act, the text with the
list's name and the owner of the documents, the six-column table with its row of
column numbers (both repeated on every page), the total of cases in figures and
words, the drafter's signature, the commission's approval, the chamber head's
order, the witnesses of the destruction and its date. A part not known yet
prints the form's blank line with its caption. A4 portrait, margins 20/15/20/30 mm,
Times New Roman 14, 12 in the table. A draft carries «ПРОЕКТ» / «ЖОБА» / "DRAFT"
in the page header of every page.

>>> from pea_docs.documents.registry import get_form
>>> get_form("destruction_act").titles()["ru"]
'АКТ о выделении к уничтожению документов и дел'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from pea_docs.documents.registry import FormSpec
from pea_docs.format.header import agent_position, format_header, format_title
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.locale.typography import typeset
from pea_docs.models.destruction_act import DestructionAct
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
    set_run_font,
)
from pea_docs.rules.destruction import check_destruction_act

__all__ = ["COLUMNS", "FORMS", "TITLE", "TITLE_LAYOUT", "build_destruction_act", "title_lines"]

DOMAIN = "destruction_act"
TITLE = "ACT on allocation for destruction of documents and cases"
#: The title as printed: its lines, in each language's order; ``{act}`` is the type.
TITLE_LAYOUT = "{act}\non allocation for destruction of documents and cases"

#: The table's column headings (message ids), in the form's order.
COLUMNS: tuple[str, ...] = (
    "Item No.",
    "Headings of documents and cases, index of cases according to nomenclature, inventory",
    "Years of documents and cases",
    "Amount of documents and cases (volumes)",
    "Numbers of articles according to the list",
    "Explanations",
)
# widths in mm; together the 165 mm between the 30 mm and 15 mm margins
_WIDTHS = (11, 47, 25, 27, 25, 30)
_SIGNER_WIDTHS = (50, 71, 44)
_TEXT_WIDTH_MM = 165
_BODY, _TABLE, _CAPTION = 14, 12, 10
_BLANK = "_" * 40
_DRAFT_COLOUR = RGBColor(0xC0, 0x00, 0x00)


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def _caption(where: Any, text: str, *, keep: bool = False) -> None:
    paragraph(where, text, size=_CAPTION, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, keep=keep)


def _date_words(value: Any, lang: str) -> str:
    return format_date(value, "words", lang=lang) if value else _("“___” ____________ 20___", lang)


def _full(person: Any) -> str | None:
    return format_name(person, "full") if person is not None else None


def _draft_mark(doc: DocxDocument, lang: str) -> None:
    para = doc.sections[0].header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = para.add_run(_("DRAFT", lang))
    run.bold = True
    run.font.color.rgb = _DRAFT_COLOUR
    run.font.spacing = Pt(3)
    set_run_font(run, size=16)


def title_lines(lang: str) -> list[str]:
    """Return the lines of the act's title in the order of the form in ``lang`` (Appendix 4).

    The catalog lays the title out (``TITLE_LAYOUT``): Russian and English put the
    document type first, Kazakh last, as forms.md gives them. The type is in
    capitals (rule 9).

    >>> title_lines("kk")
    ['Құжаттар мен істерді жоюға бөлу туралы', 'АКТ']
    >>> title_lines("ru")
    ['АКТ', 'о выделении к уничтожению документов и дел']
    """
    act = format_title("act", lang=lang)
    return [line.format(act=act) for line in _(TITLE_LAYOUT, lang).split("\n")]


def _title(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    if act.agent is not None and act.drafter.role == "agent":
        for line in format_header(act.agent, lang=lang):
            paragraph(doc, line)
        paragraph(doc)
    for line in title_lines(lang):
        paragraph(doc, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = paragraph(doc, before=12)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(_TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(typeset(f"{format_date(act.date, 'words', lang=lang)}\t"
                         f"{_('No. {number}', lang).format(number=act.number)}"))
    paragraph(doc, act.place, align=WD_ALIGN_PARAGRAPH.CENTER)
    _caption(doc, _("(place of drawing up)", lang))


def _composed_by(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    drafter = act.drafter
    if drafter.role == "agent":
        text = _("private enforcement agent {name}, license No. {license}", lang).format(
            name=_full(drafter), license=drafter.license or "__________")
    else:
        text = _("officer of the regional chamber of private enforcement agents of {region}, "
                 "{position} {name}", lang).format(region=drafter.region or "__________",
                                                   position=drafter.position or "__________",
                                                   name=_full(drafter))
    para = paragraph(doc, before=12, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para.add_run(_("Composed by:", lang)).bold = True
    para.add_run(typeset(f" {text}"))


def _text(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    paragraph(doc, _("The drafter of the act, guided by the list “{list_name}”, selected for "
                 "destruction, as having no scientific and historical value, having lost "
                 "practical meaning and not subject to further storage, the following documents "
                 "and cases of the private enforcement agent:", lang).format(list_name=act.list_name),
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_mm=12.5, before=6, keep=True)
    paragraph(doc, _full(act.document_owner) or _BLANK, align=WD_ALIGN_PARAGRAPH.CENTER, before=6,
          keep=True)
    _caption(doc, _("(surname, name, patronymic of the private enforcement agent in whose "
                    "activity the documents were deposited)", lang), keep=True)


def _cell_text(cell: Any, lines: Sequence[str], *, align: int | None = None) -> None:
    for line in lines:
        paragraph(cell, line, size=_TABLE, align=align)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _table(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    paragraph(doc, keep=True)
    table = doc.add_table(rows=2 + len(act.items), cols=len(COLUMNS))
    set_borders(table, visible=True)
    set_column_widths(table, _WIDTHS)
    set_cell_margins(table, left_mm=1, right_mm=1)
    center = WD_ALIGN_PARAGRAPH.CENTER
    numbered_header(table, [_(msgid, lang) for msgid in COLUMNS], size=_TABLE)
    # table.rows builds a list of every row: take it once, not once per item
    for n, (row, item) in enumerate(zip(list(table.rows)[2:], act.items, strict=True), start=1):
        keep_row_whole(row)
        column2 = [item.heading, _("Index: {index}", lang).format(index=item.index)]
        if item.inventory:
            column2.append(_("Inventory: {inventory}", lang).format(inventory=item.inventory))
        cells = row.cells
        _cell_text(cells[0], [str(n)], align=center)
        _cell_text(cells[1], column2)
        _cell_text(cells[2], [item.years.replace("-", "\u2013")], align=center)
        _cell_text(cells[3], [str(item.volumes)], align=center)
        _cell_text(cells[4], [item.articles], align=center)
        _cell_text(cells[5], [item.explanation or ""])
    total = format_count(act.total_volumes, lang=lang, gender="neuter")
    paragraph(doc, _("Total of cases: {total}", lang).format(total=total), before=12)


def _signers(doc: DocxDocument, rows: Sequence[tuple[str, Any, str]], lang: str) -> None:
    """Add a borderless table of signers: label | name and position | place to sign.

    Each row is ``(label, person or None, caption for a blank name)``; a person
    not known yet prints the form's blank line with its caption.
    """
    table = doc.add_table(rows=len(rows), cols=3)
    set_borders(table, visible=False)
    set_column_widths(table, _SIGNER_WIDTHS)
    for n, (row, (label, person, blank_caption)) in enumerate(zip(table.rows, rows, strict=True)):
        keep_row_whole(row)
        label_cell, name_cell, sign_cell = row.cells
        paragraph(label_cell, label)
        if person is None:
            paragraph(name_cell, "_" * 24)
            _caption(name_cell, blank_caption)
        else:
            paragraph(name_cell, format_name(person, "full"))
            if getattr(person, "position", None):
                paragraph(name_cell, person.position, size=_TABLE)
        paragraph(sign_cell, SIGNATURE_PLACE, align=WD_ALIGN_PARAGRAPH.CENTER)
        _caption(sign_cell, _("(signature)", lang))
        if n < len(rows) - 1:  # the signers of one part stay together on a page
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


def _drafter_position(act: DestructionAct, lang: str) -> str | None:
    # an agent without a position of their own signs as the header names them
    if act.drafter.role == "agent":
        return agent_position(act.drafter, lang=lang)
    return act.drafter.position


def _drafter_block(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    paragraph(doc, before=12)
    drafter = act.drafter.model_copy(update={"position": _drafter_position(act, lang)})
    _signers(doc, [(_("Drafter of the act:", lang), drafter, "")], lang)


def _commission(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    paragraph(doc, _("Approved for destruction by the Expert Review Commission composed of:", lang),
          bold=True, before=12, keep=True)
    erc = act.commission
    name_caption = _("(surname, name, patronymic)", lang)
    rows = [(_("Chairman of the Commission", lang), erc.chairman if erc else None, name_caption)]
    members: list[Any] = list(erc.members) if erc else []
    # the form has two members' lines: keep them, blank, until the members are known
    members += [None] * (2 - len(members))
    rows += [(_("Member of the Commission", lang), m, name_caption) for m in members]
    _signers(doc, rows, lang)


def _order(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    order = act.chamber_order
    paragraph(doc, _("Order of the head of the regional chamber of private enforcement agents", lang),
          bold=True, before=12, keep=True)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, (order.chamber if order else None) or _BLANK, align=center, keep=True)
    _caption(doc, _("(regional chamber: region, city)", lang), keep=True)
    paragraph(doc, _full(order.head if order else None) or _BLANK, align=center, keep=True)
    _caption(doc, _("(surname, name, patronymic of the head)", lang), keep=True)
    number = (order.number if order else None) or "______"
    paragraph(doc, _("No. {number} dated {date}", lang).format(
        number=number, date=_date_words(order.date if order else None, lang)))


def _witnesses(doc: DocxDocument, act: DestructionAct, lang: str) -> None:
    done = act.destruction
    paragraph(doc, _("Documents were shredded and destroyed by burning in the presence of:", lang),
          bold=True, before=12, keep=True)
    name_caption = _("(surname, name, patronymic)", lang)
    drafter_label = ("Private enforcement agent (drafter of the act)" if act.drafter.role == "agent"
                     else "Officer of the regional chamber (drafter of the act)")
    rows = [
        (_("Chairman of the Expert Review Commission", lang),
         act.commission.chairman if act.commission else None, name_caption),
        (_(drafter_label, lang), act.drafter, name_caption),
        (_("Representative of the territorial body of justice", lang),
         done.justice_representative if done else None,
         _("(surname, name, patronymic, position)", lang)),
    ]
    others = done.others if done else None
    # None: not known yet, a blank line; []: nobody else was present, no line
    for person in ([None] if others is None else others):
        rows.append((_("Others present", lang), person, name_caption))
    _signers(doc, rows, lang)
    paragraph(doc, f"{_('Date of destruction:', lang)} {_date_words(done.date if done else None, lang)}",
          before=12)


def build_destruction_act(act: DestructionAct, lang: str = "ru", draft: bool = False) -> Document:
    """Return the act on allocation for destruction as a DOCX :class:`Document`.

    Args:
        act: the act's data (rules 47–52 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header of every page.
    """
    doc = new_document(lang=lang, size=_BODY)
    if draft:
        _draft_mark(doc, lang)
    for part in (_title, _composed_by, _text, _table, _drafter_block, _commission, _order,
                 _witnesses):
        part(doc, act, lang)
    data = package_bytes(doc, title=_(TITLE, lang), lang=lang)
    return Document.from_bytes(data, suffix=".docx", name="destruction_act", draft=draft)


FORMS = [FormSpec(name="destruction_act", appendix=4, suffix=".docx", title=TITLE,
                  domain=DOMAIN, model=DestructionAct, build=build_destruction_act,
                  check=check_destruction_act)]

"""The parts every case-file and archive form shares: its catalog, the page, the heading, the signature.

The six forms of case files and the archive (the cover, the internal inventory,
the certification sheet, the nomenclature, the inventory of orders, the
withdrawal act) are A4 portrait pages in Times New Roman 14 with the office
margins, their labels in the ``case_files`` catalogs, a draft marked in the page
header, the compiler's signature block under the text.

>>> doc = new_case_document("kk", draft=True)
>>> doc.sections[0].header.paragraphs[0].text
'ЖОБА'
>>> finish(doc, "CASE COVER", "case_cover", "kk", True).suffix
'.docx'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.format.header import agent_position
from pea_docs.format.names import format_name
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import new_document, package_bytes, paragraph, set_borders, set_column_widths

__all__ = ["DOMAIN", "act_heading", "agent_lines", "case_heading", "finish", "label", "new_case_document",
           "party_lines", "signature", "signer_rows"]

DOMAIN = "case_files"
_BODY = 14
_SIGNER_WIDTHS = (78, 45, 42)


def label(msgid: str, lang: str) -> str:
    """Return a label of the ``case_files`` catalog in ``lang``."""
    return gettext(msgid, lang=lang, domain=DOMAIN)


def new_case_document(lang: str, draft: bool) -> Any:
    """Return an empty A4 document of the forms, «ПРОЕКТ» / «ЖОБА» / "DRAFT" in its header if a draft."""
    doc = new_document(lang=lang, size=_BODY)
    if draft:
        paragraph(doc.sections[0].header, label("DRAFT", lang), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


def finish(doc: Any, title: str, name: str, lang: str, draft: bool, *, domain: str = DOMAIN) -> Document:
    """Return the document as a :class:`Document`: its title (a message id of ``domain``) in its properties."""
    data = package_bytes(doc, title=gettext(title, lang=lang, domain=domain), lang=lang)
    return Document.from_bytes(data, suffix=".docx", name=name, draft=draft)


def case_heading(doc: Any, title: str, index: str, volume: int | None, heading: str, lang: str) -> None:
    """Add the title of a case-file document, the case's number and volume, and its heading."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, title, bold=True, align=center)
    case = label("Case No. {index}", lang).format(index=index)
    if volume is not None:
        case += ", " + label("volume {volume}", lang).format(volume=volume)
    paragraph(doc, case, align=center, before=12)
    paragraph(doc, heading, align=center)


def agent_lines(doc: Any, agent: Any, lang: str) -> None:
    """Add the agent's position, full name, postal address (when the agent block gives one) and territory,
    centred, at the head of an archive document (rule 9)."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, agent_position(agent, lang=lang), align=center)
    paragraph(doc, format_name(agent, "full", lang=lang), align=center)
    if getattr(agent, "address", None):
        paragraph(doc, agent.address, align=center)
    if agent.territory:
        paragraph(doc, agent.territory, align=center)


def signer_rows(doc: Any, signers: Sequence[tuple[str, Any]], lang: str) -> None:
    """Add a borderless table, a row a signer: the position, the place to sign, the initials and surname."""
    table = doc.add_table(rows=len(signers), cols=3)
    set_borders(table, visible=False)
    set_column_widths(table, _SIGNER_WIDTHS)
    for row, (position, person) in zip(table.rows, signers, strict=True):
        position_cell, place, name = row.cells
        paragraph(position_cell, position)
        paragraph(place, SIGNATURE_PLACE, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph(name, format_name(person, "initials_surname", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT)


def signature(doc: Any, compiler: Any, day: Any, lang: str, *, position: str | None = None) -> None:
    """Add the compiler's position (``position``, else their own, else «Составил»), the place to sign, the
    initials and surname; then the date, if any."""
    paragraph(doc, before=12)
    signer_rows(doc, [(position or compiler.position or label("Compiled by", lang), compiler)], lang)
    if day is not None:
        paragraph(doc, format_date(day, "words", lang=lang), before=12)


def party_lines(party: Any, lang: str) -> list[str]:
    """Return a party of a proceeding (``name``, ``iin_bin``, ``address``) as its lines: the name, the
    IIN/BIN if known, the address if any.

    >>> from pea_docs.models.recoverors import Subject
    >>> party_lines(Subject(name="ТОО «Альфа»", iin_bin="180840012344"), "ru")
    ['ТОО «Альфа»', 'ИИН/БИН 180840012344']
    """
    lines = [party.name]
    if party.iin_bin:
        lines.append(gettext("IIN/BIN {number}", lang=lang, domain="intake").format(number=party.iin_bin))
    if party.address:
        lines.append(party.address)
    return lines


def act_heading(doc: Any, title: str, number: str | None, place: str, day: Any, lang: str, *,
                before: float = 0, subtitle: Sequence[str] = ()) -> None:
    """Add an act's title (and the lines of its heading, if apart), its number («№ 3», if any), and a line
    with the place left and the date right."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, title, bold=True, align=center, before=before)
    for line in subtitle:
        paragraph(doc, line, bold=True, align=center)
    if number:
        paragraph(doc, label("No. {number}", lang).format(number=number), bold=True, align=center)
    paragraph(doc)
    table = doc.add_table(rows=1, cols=2)
    set_borders(table, visible=False)
    set_column_widths(table, (80, 85))
    paragraph(table.rows[0].cells[0], place)
    paragraph(table.rows[0].cells[1], format_date(day, "words", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT)

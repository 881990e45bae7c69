"""The seal's paperwork (rules 53–58), two DOCX forms.

- ``seal_journal``: the regional chamber's journal of the seals it issues
  against signature (rule 55) — the title, the chamber, a table of eight
  columns (No., date of issue, agent, license, district, the seal's inscription,
  the signature of receipt left blank, a note) and, when the sheets are given,
  the certification «numbered, laced and sealed … sheets» with the count in words.
- ``seal_destruction_act``: the act on the destruction of a seal by deformation
  (rule 58) — place, date, the commission of the territorial body of justice and
  the regional chamber, the grounds, the seal's inscription, the method, the
  members' signatures.

>>> from pea_docs.models.seal import SealJournal
>>> from pea_docs.models.base import coerce
>>> seal = {"surname": "Сапаров", "name": "Арман", "chamber": "РП", "district": "г. Алматы", "license": "1"}
>>> build_seal_journal(coerce(SealJournal, {"chamber": "РП", "entries": [{"date": "2025-01-15", "seal": seal}]}),
...                    "kk").suffix
'.docx'
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import act_heading, finish, new_case_document, signature, signer_rows
from pea_docs.documents.registry import FormSpec
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.seal import Seal, SealDestructionAct, SealJournal
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import form_table, paragraph
from pea_docs.rules.seal import check_seal_destruction_act, check_seal_journal

__all__ = ["FORMS", "JOURNAL_COLUMNS", "build_seal_destruction_act", "build_seal_journal", "inscription_lines"]

DOMAIN = "intake"
JOURNAL_TITLE = "JOURNAL of the issue of seals"
ACT_TITLE = "ACT on the destruction of a seal"
#: The journal's columns (message ids), case-files.md section 11.
JOURNAL_COLUMNS: tuple[str, ...] = ("No.", "Date of issue", "Agent (surname, name, patronymic)", "License number",
                                    "Enforcement district", "Seal inscription (or impression)",
                                    "Signature of receipt", "Note")
_WIDTHS = (9, 19, 30, 18, 25, 32, 18, 14)
_TABLE = 10


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def inscription_lines(seal: Seal, lang: str) -> list[str]:
    """Return the seal's inscription: as engraved if given, else what rule 53 makes it say."""
    if seal.inscription:
        return seal.inscription.splitlines()
    return [format_name(seal, "full", lang=lang), seal.chamber, seal.district,
            _("License No. {number}", lang).format(number=seal.license)]


def build_seal_journal(journal: SealJournal, lang: str = "ru", draft: bool = False) -> Document:
    """Return the journal of seals issued as a DOCX :class:`Document` (rule 55)."""
    doc = new_case_document(lang, draft)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, _(JOURNAL_TITLE, lang), bold=True, align=center)
    paragraph(doc, journal.chamber, align=center)
    paragraph(doc)
    rows = form_table(doc, [_(m, lang) for m in JOURNAL_COLUMNS], _WIDTHS, len(journal.entries), size=_TABLE)
    for n, (row, entry) in enumerate(zip(rows, journal.entries, strict=True), start=1):
        seal = entry.seal
        columns = ([str(n)], [format_date(entry.date, "figures", lang=lang)], [format_name(seal, "full", lang=lang)],
                   [seal.license], [seal.district], inscription_lines(seal, lang), [""], [entry.note or ""])
        for i, (cell, lines) in enumerate(zip(row.cells, columns, strict=True)):
            for line in lines:
                paragraph(cell, line, size=_TABLE, align=center if i in (0, 1, 3) else None)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if journal.sheets is not None:
        paragraph(doc, _("Numbered, laced and sealed in this journal, sheets: {count}.", lang).format(
            count=format_count(journal.sheets, lang=lang)), before=18)
        if journal.certified_by is not None:
            signature(doc, journal.certified_by, journal.certified, lang)
    return finish(doc, JOURNAL_TITLE, "seal_journal", lang, draft, domain=DOMAIN)


_GROUNDS = {
    "termination": "In connection with the termination of the license of private enforcement agent {agent}, "
                   "license No. {license}{order}, the commission has destroyed the agent's seal bearing the text:",
    "withdrawal": "In connection with the withdrawal of private enforcement agent {agent}, license No. {license}, "
                  "from the Republican Chamber{order}, the commission has destroyed the agent's seal bearing the text:",
}


def build_seal_destruction_act(act: SealDestructionAct, lang: str = "ru", draft: bool = False) -> Document:
    """Return the act on the destruction of a seal as a DOCX :class:`Document` (rule 58)."""
    doc = new_case_document(lang, draft)
    center = WD_ALIGN_PARAGRAPH.CENTER
    act_heading(doc, _(ACT_TITLE, lang), act.number, act.place, act.date, lang)
    paragraph(doc, _("The commission composed of:", lang), before=12)
    for member in act.commission:
        paragraph(doc, f"{member.position} {format_name(member, 'full', lang=lang)}", first_line_mm=12.5)
    order = _(" (grounds: {order})", lang).format(order=act.order) if act.order else ""
    seal = act.seal
    paragraph(doc, _(_GROUNDS[act.grounds], lang).format(agent=format_name(seal, "full", lang=lang),
                                                        license=seal.license, order=order),
              first_line_mm=12.5, before=12)
    for line in inscription_lines(seal, lang):
        paragraph(doc, line, italic=True, align=center)
    method = act.method or _("deformation that makes the seal unusable for its purpose", lang)
    paragraph(doc, _("Method of destruction: {method}.", lang).format(method=method), first_line_mm=12.5, before=12)
    paragraph(doc, _("Members of the commission:", lang), before=18)
    signer_rows(doc, [(member.position, member) for member in act.commission], lang)
    return finish(doc, ACT_TITLE, "seal_destruction_act", lang, draft, domain=DOMAIN)


FORMS = [
    FormSpec(name="seal_journal", suffix=".docx", title=JOURNAL_TITLE, domain=DOMAIN, model=SealJournal,
             build=build_seal_journal, check=check_seal_journal),
    FormSpec(name="seal_destruction_act", suffix=".docx", title=ACT_TITLE, domain=DOMAIN, model=SealDestructionAct,
             build=build_seal_destruction_act, check=check_seal_destruction_act),
]

"""The register of recoverors of a consolidated enforcement proceeding (rule 30), a DOCX form.

The agent, the title, the consolidated proceeding's number and date, the
debtor (or the debtors jointly liable) with the IIN or BIN; a table — No., the
recoveror (name, IIN/BIN, address), the writ (kind, number, date, issuing body),
the proceeding (number, date), the sum to recover in tenge, a note — and the
total in figures and in words; the signature and the date. DOCX rather than
XLSX: the register is a document of the proceeding, printed and filed in it.

>>> from pea_docs.models.recoverors import RecoverorsRegister
>>> from pea_docs.models.base import coerce
>>> data = {"consolidated": {"number": "7", "date": "2025-03-10"}, "date": "2025-03-10",
...     "debtors": [{"name": "ТОО «Құрылыс-Сервис»", "iin_bin": "180840012344"}],
...     "agent": {"surname": "Сапаров", "name": "Арман"},
...     "recoverors": [{"recoveror": {"name": "Ахметов Бауыржан", "iin_bin": "920612345673"},
...         "writ": {"kind": "исполнительный лист", "number": "2-1", "date": "2025-02-20", "issuer": "суд"},
...         "proceeding": {"number": "3", "date": "2025-02-25"}, "amount": 100}]}
>>> build_recoverors_register(coerce(RecoverorsRegister, data), "kk").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pea_docs.documents.case_layout import agent_lines, finish, new_case_document, party_lines, signature
from pea_docs.documents.registry import FormSpec
from pea_docs.format.numbers import format_amount, format_money
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.recoverors import RecoverorsRegister
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import form_table, paragraph
from pea_docs.rules.recoverors import check_recoverors_register

__all__ = ["COLUMNS", "DOMAIN", "FORMS", "TITLE", "build_recoverors_register"]

DOMAIN = "intake"
TITLE = "REGISTER OF RECOVERORS"
#: The table's column headings (message ids), case-files.md section 9.
COLUMNS: tuple[str, ...] = (
    "No.",
    "Recoveror (name, IIN/BIN, address)",
    "Enforcement document (kind, number, date, issued by)",
    "Enforcement proceeding (number, date)",
    "Amount to recover, tenge",
    "Note",
)
_WIDTHS = (10, 42, 38, 27, 30, 18)
_TABLE = 12


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def _heading(doc: Any, register: RecoverorsRegister, lang: str) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    agent_lines(doc, register.agent, lang)
    paragraph(doc, _(TITLE, lang), bold=True, align=center, before=18)
    paragraph(doc, _("of the consolidated enforcement proceeding No. {number} of {date}", lang).format(
        number=register.consolidated.number, date=format_date(register.consolidated.date, "figures", lang=lang)),
        align=center)
    debtors = [", ".join(party_lines(d, lang)) for d in register.debtors]
    label = "Debtor: {debtors}" if len(debtors) == 1 else "Debtors (jointly liable): {debtors}"
    paragraph(doc, _(label, lang).format(debtors="; ".join(debtors)), before=12)
    paragraph(doc)


def _table(doc: Any, register: RecoverorsRegister, lang: str) -> None:
    rows = form_table(doc, [_(msgid, lang) for msgid in COLUMNS], _WIDTHS, len(register.recoverors), size=_TABLE)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    for n, (row, item) in enumerate(zip(rows, register.recoverors, strict=True), start=1):
        writ = item.writ
        columns = ([str(n)], party_lines(item.recoveror, lang),
                   [writ.kind, _("No. {number}", lang).format(number=writ.number),
                    format_date(writ.date, "figures", lang=lang), writ.issuer],
                   [_("No. {number}", lang).format(number=item.proceeding.number),
                    format_date(item.proceeding.date, "figures", lang=lang)],
                   [format_amount(item.amount, lang=lang)], [item.note or ""])
        for i, (cell, lines) in enumerate(zip(row.cells, columns, strict=True)):
            for line in lines:
                paragraph(cell, line, size=_TABLE, align=center if i in (0, 3) else right if i == 4 else None)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def build_recoverors_register(register: RecoverorsRegister, lang: str = "ru", draft: bool = False) -> Document:
    """Return the register of recoverors as a DOCX :class:`Document` (rule 30).

    Args:
        register: its data (rules 27 and 30 are checked before, by ``render``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        draft: print «ПРОЕКТ» / «ЖОБА» / "DRAFT" in the page header.
    """
    doc = new_case_document(lang, draft)
    _heading(doc, register, lang)
    _table(doc, register, lang)
    paragraph(doc, _("Total to recover: {amount}.", lang).format(amount=format_money(register.total, lang=lang)),
              before=12)
    signer = register.compiler or register.agent
    signature(doc, signer, register.date, lang)
    return finish(doc, TITLE, "recoverors_register", lang, draft, domain=DOMAIN)


FORMS = [FormSpec(name="recoverors_register", suffix=".docx", title=TITLE, domain=DOMAIN,
                  model=RecoverorsRegister, build=build_recoverors_register, check=check_recoverors_register)]

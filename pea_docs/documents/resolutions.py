"""The decisions on a writ (rule 27), two DOCX forms with a resolution's own layout.

- ``resolution_initiation``: the resolution on initiation of enforcement proceedings;
- ``resolution_refusal``: the resolution on refusal to initiate them, its grounds
  picked by code from a list (:mod:`pea_docs.rules.resolutions`).

A resolution is not a letter: no addressee block. The agent's header (rule 9),
the document type in capitals over its heading, the place of issue left and the
date right; the writ, what it requires and the parties as labelled lines (so that
no name has to be declined); for a refusal what was established and the grounds;
the Law's articles; «ПОСТАНОВИЛ:» and the numbered decision; the signature and the
place of the seal, «М.П.» (rule 56: the seal is put on a resolution).

>>> from pea_docs.models.resolutions import ResolutionInitiation
>>> from pea_docs.models.base import coerce
>>> writ = {"kind": "исполнительный лист", "number": "2-1/2025", "date": "2025-02-20", "issuer": "суд"}
>>> agent = {"surname": "Сапаров", "name": "Арман", "license": "1", "territory": "г. Алматы", "address": "г. Алматы"}
>>> build_resolution_initiation(coerce(ResolutionInitiation, {"agent": agent, "place": "г. Алматы",
...     "date": "2025-03-03", "writ": writ, "claim": "о взыскании долга", "debtor": {"name": "Ли Ан"},
...     "recoveror": {"name": "ТОО «Альфа»"}, "proceeding": "0201-25-00001"}), "kk").suffix
'.docx'
"""

from __future__ import annotations

from typing import Any

from pea_docs.documents.case_layout import act_heading, finish, new_case_document, party_lines, signature
from pea_docs.documents.registry import FormSpec
from pea_docs.format.header import agent_position, format_header, format_title
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_money
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.resolutions import ResolutionInitiation, ResolutionRefusal, WritDecision
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import paragraph
from pea_docs.rules.resolutions import check_resolution_initiation, check_resolution_refusal, ground_text

__all__ = ["FORMS", "INITIATION", "REFUSAL", "build_resolution_initiation", "build_resolution_refusal",
           "title_lines"]

DOMAIN = "intake"
INITIATION = "RESOLUTION on initiation of enforcement proceedings"
REFUSAL = "RESOLUTION on refusal to initiate enforcement proceedings"
#: Where the document type stands against its heading: above it in Russian and English, after it in Kazakh.
_LAYOUTS = {INITIATION: "{resolution}\non initiation of enforcement proceedings",
            REFUSAL: "{resolution}\non refusal to initiate enforcement proceedings"}
_INDENT = 12.5


def _(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain=DOMAIN)


def title_lines(title: str, lang: str) -> list[str]:
    """Return the lines of a resolution's title: the type in capitals (rule 9) and the heading.

    >>> title_lines(REFUSAL, "kk")
    ['Атқарушылық іс жүргізуді қозғаудан бас тарту туралы', 'ҚАУЛЫ']
    """
    kind = format_title("resolution", lang=lang)
    return [line.format(resolution=kind) for line in _(_LAYOUTS[title], lang).split("\n")]


def _writ(decision: WritDecision, lang: str) -> str:
    writ = decision.writ
    return _("{kind} No. {number} of {date}", lang).format(kind=writ.kind, number=writ.number,
                                                          date=format_date(writ.date, "figures", lang=lang))


def _opening(doc: Any, decision: WritDecision, title: str, lang: str) -> None:
    """The header, the title, place and date, and what the agent considered."""
    for line in format_header(decision.agent, lang=lang):
        paragraph(doc, line)
    lines = title_lines(title, lang)
    act_heading(doc, lines[0], decision.number, decision.place, decision.date, lang, before=12,
                subtitle=lines[1:])
    agent = f"{agent_position(decision.agent, lang=lang)} {format_name(decision.agent, 'full', lang=lang)}"
    paragraph(doc, _("{agent}, having considered the enforcement document:", lang).format(agent=agent),
              first_line_mm=_INDENT, before=12)
    facts = [("Kind, number and date:", _writ(decision, lang)), ("Issued by:", decision.writ.issuer),
             ("Requirement:", decision.claim)]
    if decision.amount is not None:
        facts.append(("Amount:", format_money(decision.amount, lang=lang)))
    facts += [("Debtor:", ", ".join(party_lines(decision.debtor, lang))),
              ("Recoveror:", ", ".join(party_lines(decision.recoveror, lang)))]
    if decision.entered is not None:
        facts.append(("Entered in the AIS of BEP:", format_date(decision.entered, "figures", lang=lang)))
    for label, value in facts:
        paragraph(doc, f"{_(label, lang)} {value}", first_line_mm=_INDENT)


def _closing(doc: Any, decision: WritDecision, points: list[str], lang: str) -> None:
    """The Law's articles, «ПОСТАНОВИЛ:», the numbered points, the signature and the place of the seal."""
    paragraph(doc, _("Guided by articles 37 and 38 of the Law of the Republic of Kazakhstan \u201cOn Enforcement "
                     "Proceedings and the Status of Enforcement Agents\u201d,", lang), first_line_mm=_INDENT, before=6)
    paragraph(doc, gettext("RESOLVED:", lang=lang, domain="templates"), bold=True, before=6, keep=True)
    for n, point in enumerate([*points, *decision.resolved], start=1):
        paragraph(doc, f"{n}. {point}", first_line_mm=_INDENT)
    signature(doc, decision.agent, None, lang, position=agent_position(decision.agent, lang=lang))
    paragraph(doc, gettext("L.S.", lang=lang, domain="templates"), before=6)


def build_resolution_initiation(resolution: ResolutionInitiation, lang: str = "ru", draft: bool = False) -> Document:
    """Return the resolution on initiation of enforcement proceedings as a DOCX :class:`Document` (rule 27)."""
    doc = new_case_document(lang, draft)
    _opening(doc, resolution, INITIATION, lang)
    point = _("To initiate enforcement proceeding No. {proceeding} on {writ}.", lang).format(
        proceeding=resolution.proceeding, writ=_writ(resolution, lang))
    _closing(doc, resolution, [point], lang)
    return finish(doc, INITIATION, "resolution_initiation", lang, draft, domain=DOMAIN)


def build_resolution_refusal(resolution: ResolutionRefusal, lang: str = "ru", draft: bool = False) -> Document:
    """Return the resolution on refusal to initiate enforcement proceedings as a DOCX :class:`Document`."""
    doc = new_case_document(lang, draft)
    _opening(doc, resolution, REFUSAL, lang)
    paragraph(doc, gettext("ESTABLISHED:", lang=lang, domain="templates"), bold=True, before=6, keep=True)
    for line in (resolution.established or "").splitlines():
        if line.strip():
            paragraph(doc, line.strip(), first_line_mm=_INDENT)
    paragraph(doc, _("Grounds for refusal to initiate enforcement proceedings:", lang), first_line_mm=_INDENT)
    codes = list(dict.fromkeys(resolution.grounds))
    for i, code in enumerate(codes):
        text = ground_text(code, lang, resolution.refusal_grounds).rstrip(".;")
        paragraph(doc, f"\u2013 {text}{'.' if i == len(codes) - 1 else ';'}", first_line_mm=_INDENT)
    points = [_("To refuse to initiate enforcement proceedings on {writ}.", lang).format(writ=_writ(resolution, lang))]
    if resolution.return_writ:
        points.append(_("To return the enforcement document to the recoveror.", lang))
    _closing(doc, resolution, points, lang)
    return finish(doc, REFUSAL, "resolution_refusal", lang, draft, domain=DOMAIN)


FORMS = [
    FormSpec(name="resolution_initiation", suffix=".docx", title=INITIATION, domain=DOMAIN,
             model=ResolutionInitiation, build=build_resolution_initiation, check=check_resolution_initiation),
    FormSpec(name="resolution_refusal", suffix=".docx", title=REFUSAL, domain=DOMAIN,
             model=ResolutionRefusal, build=build_resolution_refusal, check=check_resolution_refusal),
]

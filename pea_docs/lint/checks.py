"""The formatting rules of clauses 9–14, checked on a finished document pea-docs did not make.

A letter made in Word is read as its reader sees it (:mod:`pea_docs.lint.units`);
what each rule asks is looked for in the places it belongs, in Russian, Kazakh
and English alike:

- rule 9: the agent's header before the title — the position («Частный судебный
  исполнитель»), the name, the postal address, the territory; the document type
  of the title in capitals («ЗАПРОС», not «Запрос»);
- rule 10: the addressee block — an organization's address after its name, an
  individual's address before the surname and initials;
- rule 11: every date in one of the two styles (``15.09.2008``, ``15 сентября
  2008 года``): ``9.1.2025``, ``09/01/2025``, ``2025-01-09``, ``15 сент. 2008`` are found;
- rule 12: the signature: the position, the place to sign and the clarification
  as initials then surname («А.Б. Сапаров», not «Сапаров А.Б.»);
- rule 13: each appendix gives its sheets and copies;
- rule 14: a reply reference gives the request's number and date.

The reading is by patterns, not by understanding: a finding names its clause and
its place (paragraph, or table, row, cell) so that a person can look, and a rule
whose part cannot be found (no title, no appendix) is not reported as broken.

>>> [p.code for p in lint_lines(["Запрос", "Дата 2025-01-09"])]
['title.not_capitals', 'date.invalid']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Literal

from babel.dates import get_month_names

from pea_docs.errors import Problem
from pea_docs.errors.codes import register_code
from pea_docs.format.checks import check_date_text
from pea_docs.format.header import format_title
from pea_docs.lint.units import Unit
from pea_docs.locale import LANGS, gettext
from pea_docs.templating.checker import problem_at
from pea_docs.templating.docx_xml import Place

__all__ = ["lint_lines", "lint_units"]

register_code("lint.header_missing", "rule 9", "a document without the agent's header before its title "
              "(position, name, postal address, territory) (warning)")
register_code("lint.addressee_order", "rule 10", "an addressee block in the wrong order: an organization's "
              "address after its name, an individual's before the surname and initials")
register_code("lint.signature_order", "rule 12", "a signature clarified as surname and initials (Сапаров А.Б.) "
              "instead of initials and surname (А.Б. Сапаров)")
register_code("lint.signature_missing", "rule 12", "no signature block found at the end of the document (warning)")

_KINDS = ("request", "resolution", "act", "minutes", "presentation", "letter", "cover letter", "notice", "demand")
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LETTER = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_INITIALS_SURNAME = re.compile(rf"(?:[{_UPPER}]\.\s?(?:-[{_UPPER}]\.)?){{1,3}}\s?[{_UPPER}][{_LETTER}'’-]+$")
_SURNAME_INITIALS = re.compile(rf"^[{_UPPER}][{_LETTER}'’-]+\s+(?:[{_UPPER}]\.\s?(?:-[{_UPPER}]\.)?){{1,3}}$")
_FULL_NAME = re.compile(rf"^[{_UPPER}][{_LETTER}'’-]+(?:\s+[{_UPPER}][{_LETTER}'’-]+){{1,2}}(?:\s+(?:ұлы|қызы))?$")
_POSTAL = re.compile(r"\b\d{6}\b|\bул\.|\bпр\.|\bпр-т|\bмкр\b|\bкөш|\bд-лы|\bдаңғ|\bSt\.|\bAve\.|\bStreet\b|"
                     r"\bд\.\s*\d|\b\d+-үй", re.IGNORECASE)
_TERRITORY = re.compile(r"округ|district|territor|аумағ", re.IGNORECASE)
_ORGANIZATION = re.compile(r"«|\"|\b(?:ТОО|АО|ГУ|РГУ|КГУ|АҚ|ЖШС|ММ|LLP|JSC|LLC|Ltd|Bank|Банк|банк|"
                           r"Департамент|Управление|суд|Суд|палат|Палат)\b")
_FIGURES = re.compile(r"(?<![№\d/.-])(?<!№ )(?<!No\. )\b(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\b(?![./-]\d)")
_APPENDIX = re.compile(r"^(?:Приложени[ея]|Қосымша(?:лар)?|Appendix|Appendices|Enclosures?)\b", re.IGNORECASE)
_SHEETS = re.compile(r"\bна\s*\d+\s*л\b|\d+\s*(?:лист|парақ|sheet)", re.IGNORECASE)
_COPIES = re.compile(r"\bв\s*\d+\s*экз|\d+\s*(?:экземпляр|дана|cop)", re.IGNORECASE)
_REPLY = [re.compile(r"^На\s*№\s*(?P<number>[^\s,]+)?(?:\s*от\s+(?P<date>.+?))?\s*$"),
          re.compile(r"^In reply to No\.\s*(?P<number>[^\s,]+)?(?:\s*of\s+(?P<date>.+?))?\s*$", re.IGNORECASE),
          re.compile(r"^(?:(?P<date>.+?)\s*жылғы\s*)?№\s*(?P<number>[^\s,]+)?\s*хатқа\s*$")]


@cache
def _positions() -> frozenset[str]:
    return frozenset(gettext("Private enforcement agent", lang=lang, domain="format").casefold() for lang in LANGS)


@cache
def _titles() -> frozenset[str]:
    return frozenset(format_title(kind, lang=lang).casefold() for kind in _KINDS for lang in LANGS)


@cache
def _words_date() -> re.Pattern[str]:
    months = {name.casefold() for lang, locale in (("ru", "ru"), ("kk", "kk"), ("en", "en"))
              for width in ("wide", "abbreviated") for context in ("format", "stand-alone")
              for name in get_month_names(width, context, locale=locale).values()}
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    return re.compile(rf"\b(?:\d{{1,2}}\s+(?:{names})\.?\s+\d{{4}}(?:\s+(?:года|г\.|год))?|"
                      rf"\d{{4}}\s+жылғы\s+\d{{1,2}}\s+(?:{names})|(?:{names})\.?\s+\d{{1,2}},\s+\d{{4}})",
                      re.IGNORECASE)


def _finding(code: str, clause: str, unit: Unit, value: str | None, reason: str,
             severity: Literal["error", "warning"] = "error") -> Problem:
    return problem_at(code, unit.place, reason, tag=value or "", clause=clause, severity=severity)


def _title_index(units: list[Unit]) -> int | None:
    for i, unit in enumerate(units):
        if unit.lines and unit.lines[0].casefold() in _titles() and len(unit.lines) == 1:
            return i
    return None


def _titles_found(units: list[Unit]) -> list[Problem]:
    return [_finding("title.not_capitals", "rule 9", unit, unit.lines[0],
                     "the document type of the title is printed in capital letters")
            for unit in units if len(unit.lines) == 1 and unit.lines[0].casefold() in _titles()
            and unit.lines[0] != unit.lines[0].upper()]


def _header(units: list[Unit], title: int | None) -> list[Problem]:
    end = title if title is not None else len(units)
    before = units[:title] if title is not None else units[:12]
    for at, unit in enumerate(before):
        lines = unit.lines
        if lines and lines[0].casefold() in _positions():
            problems = []
            # the header goes on in the same paragraph (lines) or in the paragraphs under it
            under = units[at + 1:min(at + 7, end)]
            rest = lines[1:] + [line for u in under if _same_block(unit, u) for line in u.lines]
            if not any(_FULL_NAME.match(line) for line in rest):
                problems.append(_finding("header.name_missing", "rule 9", unit, None,
                                         "the agent's header names no surname, name and patronymic"))
            if not any(_POSTAL.search(line) for line in rest):
                problems.append(_finding("header.address_missing", "rule 9", unit, None,
                                         "the agent's header gives no postal address"))
            if not any(_TERRITORY.search(line) for line in rest):
                problems.append(_finding("header.territory_missing", "rule 9", unit, None,
                                         "the agent's header gives no territory of activity"))
            return problems
    if title is not None and before:
        # a warning: an act drawn up by a commission, a letter of another body, carry no agent's header
        return [_finding("lint.header_missing", "rule 9", units[title], None,
                         "no agent's header (position, name, postal address, territory) before the title",
                         severity="warning")]
    return []


def _same_block(first: Unit, other: Unit) -> bool:
    # a header in a table cell stays in that cell; one in the body, in the body
    a, b = first.place, other.place
    return (a.table, a.row, a.cell) == (b.table, b.row, b.cell)


def _addressee(units: list[Unit], title: int | None) -> list[Problem]:
    problems = []
    for unit in units[:title] if title is not None else []:
        lines = unit.lines
        if len(lines) < 2 or lines[0].casefold() in _positions() or _figures_or_words(unit.text):
            continue
        postal = [i for i, line in enumerate(lines) if _POSTAL.search(line)]
        person = [i for i, line in enumerate(lines) if _SURNAME_INITIALS.match(line) or _INITIALS_SURNAME.match(line)]
        if not postal:
            continue
        if person and not any(_ORGANIZATION.search(line) for line in lines):
            if postal[0] > person[0]:
                problems.append(_finding("lint.addressee_order", "rule 10", unit, lines[person[0]],
                                         "an individual's postal address comes first, then the surname and "
                                         "initials"))
        elif postal[0] == 0:
            problems.append(_finding("lint.addressee_order", "rule 10", unit, lines[0],
                                     "an organization's postal address comes after its name"))
    return problems


def _figures_or_words(text: str) -> bool:
    return bool(_FIGURES.search(text) or _words_date().search(text.replace("\u00a0", " ")))


def _dates(units: Iterable[Unit]) -> list[Problem]:
    problems = []
    for unit in units:
        text = unit.text.replace("\u00a0", " ")
        found = [m.group(0) for m in _FIGURES.finditer(text)] + [m.group(0) for m in _words_date().finditer(text)]
        for written in found:
            if check_date_text(written):
                problems.append(_finding("date.invalid", "rule 11", unit, written,
                                         "is not a date in a style of rule 11: write 15.09.2008, or the month in "
                                         "words: 15 сентября 2008 года, 2008 жылғы 15 қыркүйек, September 15, 2008"))
    return problems


def _signature(units: list[Unit]) -> list[Problem]:
    tail = [u for u in units if u.lines][-6:]
    for unit in reversed(tail):
        for line in reversed(unit.lines):
            bare = line.strip("_ \t").split("\t")[-1].strip("_ ")
            if _INITIALS_SURNAME.search(bare) and not _FULL_NAME.match(bare):
                if not _position_near(units, unit, line):
                    return [_finding("signature.position_missing", "rule 12", unit, bare,
                                     "the signature gives no position of the signer")]
                return []
            if _SURNAME_INITIALS.match(bare):
                return [_finding("lint.signature_order", "rule 12", unit, bare,
                                 "a signature is clarified by the initials and then the surname: «А.Б. Сапаров»")]
    if tail:
        return [_finding("lint.signature_missing", "rule 12", tail[-1], None,
                         "no signature (position, place to sign, initials and surname) at the end",
                         severity="warning")]
    return []


def _position_near(units: list[Unit], unit: Unit, line: str) -> bool:
    # the position is in the same line before the signature place, in another cell of the row, or just above
    if len(line.strip("_ \t").split()) > 2 and re.sub(r"[_\s]", "", line.split("_")[0]):
        return True
    place = unit.place
    if place.table is not None:
        row = [u for u in units if u.place.table == place.table and u.place.row == place.row and u is not unit]
        if any(u.lines for u in row):
            return True
    index = units.index(unit)
    above = next((u for u in reversed(units[:index]) if u.lines), None)
    return bool(above and len(above.lines[-1].split()) <= 6 and not above.lines[-1].endswith("."))


def _appendices(units: Iterable[Unit]) -> list[Problem]:
    problems = []
    for unit in units:
        if not unit.lines or not _APPENDIX.match(unit.lines[0]):
            continue
        items = [line for line in unit.lines if not re.fullmatch(r"[^:]+:\s*", line)]
        for item in items:
            if not _SHEETS.search(item):
                problems.append(_finding("appendix.sheets_missing", "rule 13", unit, item,
                                         "an appendix gives its number of sheets («на 2 л.»)"))
            if not _COPIES.search(item):
                problems.append(_finding("appendix.copies_missing", "rule 13", unit, item,
                                         "an appendix gives its number of copies («в 1 экз.»)"))
    return problems


def _replies(units: Iterable[Unit]) -> list[Problem]:
    problems = []
    for unit in units:
        for line in unit.lines:
            match = next((m for pattern in _REPLY if (m := pattern.match(line))), None)
            if match is None:
                continue
            if not match.group("number"):
                problems.append(_finding("reply.number_missing", "rule 14", unit, line,
                                         "a reply gives the number of the request"))
            if not match.group("date"):
                problems.append(_finding("reply.date_missing", "rule 14", unit, line,
                                         "a reply gives the date of the request"))
    return problems


def lint_units(units: list[Unit]) -> list[Problem]:
    """Return every finding of clauses 9–14 in the paragraphs of a document, in the order of the rules."""
    title = _title_index(units)
    return [*_header(units, title), *_titles_found(units), *_addressee(units, title), *_dates(units),
            *_signature(units), *_appendices(units), *_replies(units)]


def lint_lines(paragraphs: list[str]) -> list[Problem]:
    """Return the findings of paragraphs given as text (a quick check, and the examples)."""
    units = [Unit(Place("body", "word/document.xml", i, text=text), text) for i, text in enumerate(paragraphs, 1)]
    return [p for p in lint_units(units) if p.code != "lint.signature_missing"]

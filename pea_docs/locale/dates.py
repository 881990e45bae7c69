"""Dates in the two styles of rule 11, and reading them back.

Rule 11: "in words and figures" (the day and year in Arabic numerals, the month
in words) or "in figures" (day and month as two digits, the year as four,
separated by dots). The words style of each language is a CLDR date pattern in
the ``format`` catalog (context "date pattern"); month names come from CLDR
through babel. :func:`parse_date` reads back exactly what the pattern writes.

>>> from datetime import date
>>> format_date(date(2008, 9, 15), "words", lang="ru")
'15 сентября 2008 года'
>>> format_date(date(2008, 9, 15), "words", lang="kk")
'2008 жылғы 15 қыркүйек'
>>> format_date(date(2008, 9, 15), "words", lang="en")
'September 15, 2008'
>>> format_date(date(2008, 9, 5), "figures")
'05.09.2008'
>>> parse_date("15 сентября 2008 года")
datetime.date(2008, 9, 15)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names

from pea_docs.errors import InputError, Problem
from pea_docs.locale import LANGS, check_lang, gettext

__all__ = ["DateStyle", "format_date", "parse_date", "to_date", "word_pattern"]

DateStyle = Literal["words", "figures"]

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
# [0-9], not \d: \d also matches Arabic-Indic, fullwidth and other digits
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
_FIGURES = re.compile(r"(?P<day>[0-9]{2})\.(?P<month>[0-9]{2})\.(?P<year>[0-9]{4})")
# the example in every message: 15 September 2008, the date of the Rules' own example
_EXAMPLE = date(2008, 9, 15)


def _normalize_spaces(text: str) -> str:
    # babel and CLDR use narrow and no-break spaces; documents and users use plain ones
    return _SPACES.sub(" ", text).strip()


def word_pattern(lang: str) -> str:
    """Return the CLDR pattern of the words style of rule 11 in ``lang``, from the catalog.

    >>> word_pattern("kk")
    "y 'жылғы' d MMMM"
    """
    return gettext("MMMM d, y", lang=check_lang(lang), domain="format", context="date pattern")


def _how_to_fix() -> str:
    words = " / ".join(format_date(_EXAMPLE, "words", lang=lang) for lang in LANGS)
    return (f"write it as {format_date(_EXAMPLE, 'figures')}, {_EXAMPLE.isoformat()} "
            f"or in words: {words}")


def _invalid(value: object, what: str = "is not a date") -> InputError:
    return InputError([Problem("date.invalid", "rule 11", (), value, f"{what}; {_how_to_fix()}")])


def to_date(value: date | datetime | str) -> date:
    """Return ``value`` as a :class:`~datetime.date`, parsing text by :func:`parse_date`.

    >>> to_date("09.01.2025")
    datetime.date(2025, 1, 9)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        # a batch prints the same days again and again; a failure is never kept
        return _parsed(value) if len(value) <= 64 else parse_date(value)
    raise _invalid(value)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> date:
    return parse_date(text)


def format_date(value: date | datetime | str, style: DateStyle = "words", *,
                lang: str = "ru") -> str:
    """Return a date in one of the two styles of rule 11.

    Args:
        value: a date, or text that :func:`parse_date` reads.
        style: ``"words"`` (``15 сентября 2008 года``, the catalog's date pattern of
            ``lang``) or ``"figures"`` (``15.09.2008``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``; figures are the same in every language.

    Raises:
        InputError: the value is not a date (code ``date.invalid``, rule 11), or
            the style is unknown (``date.style``, rule 11).

    >>> format_date("2025-01-09", "figures")
    '09.01.2025'
    """
    lang = check_lang(lang)
    day = to_date(value)
    if style == "figures":
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    if style != "words":
        raise InputError([Problem("date.style", "rule 11", ("style",), style,
                                  "is not a date style; use 'words' or 'figures'")])
    return _normalize_spaces(babel_format_date(day, word_pattern(lang), locale=_locale(lang)))


@cache
def _locale(lang: str) -> Locale:
    # babel parses a locale name on every call; a Locale object it takes as it is
    return Locale.parse(lang)


class _Reader(NamedTuple):
    """A date pattern compiled for reading: the regex and its month names -> numbers."""

    regex: re.Pattern[str]
    months: dict[str, int]


# A CLDR pattern: '' (a quote), 'quoted words', a run of one field letter, other text
_TOKEN = re.compile(r"''|'((?:[^']|'')*)'|(([A-Za-z])\3*)|([^'A-Za-z]+)")
_MONTH_WIDTHS: dict[int, Literal["abbreviated", "wide"]] = {3: "abbreviated", 4: "wide"}
_MONTH_CONTEXTS: dict[str, Literal["format", "stand-alone"]] = {"M": "format", "L": "stand-alone"}


def _field_regex(field: str, lang: str, months: dict[str, int]) -> str | None:
    """Return the regex of one field of a date pattern, or None if it cannot be read back."""
    letter, width = field[0], len(field)
    if letter == "d" and width <= 2:
        # d: the day without a leading zero, as format_date writes it; dd: two figures
        return r"(?P<day>[1-9][0-9]?)" if width == 1 else r"(?P<day>[0-9]{2})"
    if letter == "y" and width in (1, 4):
        # four digits, as rule 11 writes the year, and no leading zero: babel writes the
        # year of a date in words unpadded, so "0001" is never a form format_date writes
        return r"(?P<year>[1-9][0-9]{3})"
    if letter in _MONTH_CONTEXTS and width <= 2:
        return r"(?P<month>[1-9][0-9]?)" if width == 1 else r"(?P<month>[0-9]{2})"
    if letter in _MONTH_CONTEXTS and width in _MONTH_WIDTHS:
        names = get_month_names(_MONTH_WIDTHS[width], _MONTH_CONTEXTS[letter], lang)
        for number, name in names.items():
            months[_normalize_spaces(name).casefold()] = number
        # longest first, so that no name stops at a shorter one it starts with
        alternatives = sorted((re.escape(_normalize_spaces(n)) for n in names.values()),
                              key=len, reverse=True)
        return f"(?P<month>(?i:{'|'.join(alternatives)}))"
    return None


@cache
def _reader(pattern: str, lang: str) -> _Reader:
    """Return the reader of a words pattern: its literal text exact, month names in any case.

    Raises:
        ValueError: the catalog's pattern has a field that cannot be read back, or
            lacks the day, the month or the year (a bug in ``format.po``).
    """
    def broken(why: str) -> ValueError:
        return ValueError(f"the date pattern {pattern!r} of {lang}/LC_MESSAGES/format.po {why}; "
                          "use d, MMMM and y, with other words in single quotes")

    # literal text is gathered between fields and its spaces collapsed, as
    # format_date collapses them in what babel writes
    parts: list[tuple[bool, str]] = []  # (is a field, regex or literal text)
    months: dict[str, int] = {}
    position = 0
    while position < len(pattern):
        token = _TOKEN.match(pattern, position)
        if token is None:
            raise broken("has a quote that is not closed")
        position = token.end()
        if token[2]:
            regex = _field_regex(token[2], lang, months)
            if regex is None:
                raise broken(f"has the field {token[2]!r}, which parse_date cannot read")
            parts.append((True, regex))
        else:
            literal = "'" if token[0] == "''" else (token[4] or token[1].replace("''", "'"))
            if parts and not parts[-1][0]:
                literal = parts.pop()[1] + literal
            parts.append((False, _SPACES.sub(" ", literal)))
    if parts and not parts[0][0]:
        parts[0] = (False, parts[0][1].lstrip())
    if parts and not parts[-1][0]:
        parts[-1] = (False, parts[-1][1].rstrip())
    try:
        compiled = re.compile("".join(text if field else re.escape(text) for field, text in parts))
    except re.error:
        raise broken("names a field twice") from None
    if set(compiled.groupindex) != {"day", "month", "year"}:
        raise broken("lacks the day, the month or the year")
    return _Reader(compiled, months)


def _from_match(found: re.Match[str], months: dict[str, int]) -> tuple[int, int, int]:
    month = found["month"]
    number = int(month) if month.isdigit() else months[month.casefold()]
    return int(found["year"]), number, int(found["day"])


def parse_date(text: str) -> date:
    """Return the date written in ``text`` in a style of rule 11 or in ISO form.

    Reads exactly five forms: figures ``15.09.2008`` (day and month in two
    figures), ISO ``2008-09-15``, and the words style of each language as its
    catalog pattern writes it: ``15 сентября 2008 года``, ``2008 жылғы 15 қыркүйек``,
    ``September 15, 2008`` (the day without a leading zero; the month's CLDR name in
    any letter case; every other word and sign as written). Whitespace around and
    inside counts as one plain space.

    Raises:
        InputError: anything else (code ``date.invalid``, rule 11, with the text as
            its value), including ``15/09/2008``, ``2008-15-09``, ``15 сентября 2008``
            (no «года»), ``Sep 15, 2008``, ``Сентябрь 15, 2008`` and days that do not exist.

    >>> parse_date("2008 жылғы 15 Қыркүйек")
    datetime.date(2008, 9, 15)
    >>> parse_date("15/09/2008")
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: '15/09/2008' is not a date; write it as 15.09.2008, 2008-09-15 or in words: 15 сентября 2008 года / 2008 жылғы 15 қыркүйек / September 15, 2008 (rule 11)
    """
    if not isinstance(text, str):
        raise _invalid(text)
    clean = _normalize_spaces(text)
    parts: tuple[int, int, int] | None = None
    if found := (_ISO.fullmatch(clean) or _FIGURES.fullmatch(clean)):
        parts = int(found["year"]), int(found["month"]), int(found["day"])
    else:
        for lang in LANGS:
            reader = _reader(word_pattern(lang), lang)
            if found := reader.regex.fullmatch(clean):
                parts = _from_match(found, reader.months)
                break
    if parts is None:
        raise _invalid(text)
    try:
        return date(*parts)
    except ValueError:
        raise _invalid(text, "names a day that does not exist") from None

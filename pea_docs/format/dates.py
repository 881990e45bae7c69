"""Dates in the two styles of rule 11, and reading them back.

Rule 11: "in words and figures" (the day and year in Arabic numerals, the month
in words) or "in figures" (day and month as two digits, the year as four,
separated by dots). Month names come from CLDR through babel.

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
from functools import cache
from typing import Literal

from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names

from ..errors import InputError, Problem
from ..locale import check_lang

__all__ = ["DateStyle", "format_date", "parse_date", "to_date"]

DateStyle = Literal["words", "figures"]

# babel patterns: the month in words comes from CLDR; the literal words of each
# language's date style are quoted.
_WORD_PATTERNS = {
    "ru": "d MMMM y 'года'",
    "kk": "y 'жылғы' d MMMM",
    "en": "MMMM d, y",
}
_HOW_TO_FIX = "write it as 15.09.2008, 2008-09-15 or in words (15 сентября 2008 года)"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")


def _normalize_spaces(text: str) -> str:
    # babel and CLDR use narrow and no-break spaces; documents and users use plain ones
    return _SPACES.sub(" ", text).strip()


def _invalid(value: object, message: str = f"is not a date; {_HOW_TO_FIX}") -> InputError:
    return InputError([Problem("date.invalid", "rule 11", (), value, message)])


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
        return parse_date(value)
    raise _invalid(value)


def format_date(value: date | datetime | str, style: DateStyle = "words", *,
                lang: str = "ru") -> str:
    """Return a date in one of the two styles of rule 11.

    Args:
        value: a date, or text that :func:`parse_date` reads.
        style: ``"words"`` (``15 сентября 2008 года``) or ``"figures"`` (``15.09.2008``).
        lang: ``"ru"``, ``"kk"`` or ``"en"``; figures are the same in every language.

    Raises:
        InputError: the value is not a date (code ``date.invalid``, rule 11), or
            the style is unknown.

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
    return _normalize_spaces(babel_format_date(day, _WORD_PATTERNS[lang], locale=lang))


@cache
def _month_numbers() -> dict[str, int]:
    """Return every month name of the three languages (lower case) -> month number."""
    names: dict[str, int] = {}
    for lang in ("ru", "kk", "en"):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, lang).items():
                    names[_normalize_spaces(name).lower().rstrip(".")] = number
    return names


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FIGURES = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_RU_WORDS = re.compile(r"(\d{1,2}) (\w+)\.? (\d{4})(?: (?:года|г\.?))?", re.IGNORECASE)
_KK_WORDS = re.compile(r"(\d{4}) (?:жылғы|ж\.) (\d{1,2}) (\w+)\.?", re.IGNORECASE)
_EN_WORDS = re.compile(r"(\w+)\.? (\d{1,2}),? (\d{4})", re.IGNORECASE)


def parse_date(text: str) -> date:
    """Return the date written in ``text`` in a style of rule 11 or in ISO form.

    Reads ``15.09.2008``, ``2008-09-15``, ``15 сентября 2008 года``,
    ``2008 жылғы 15 қыркүйек`` and ``September 15, 2008``.

    Raises:
        InputError: anything else (code ``date.invalid``, rule 11), including
            ``15/09/2008``, ``2008-15-09`` and days that do not exist.

    >>> parse_date("2008 жылғы 15 қыркүйек")
    datetime.date(2008, 9, 15)
    >>> parse_date("15/09/2008")
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: '15/09/2008' is not a date; write it as 15.09.2008, 2008-09-15 or in words (15 сентября 2008 года) (rule 11)
    """
    if not isinstance(text, str):
        raise _invalid(text)
    clean = _normalize_spaces(text)
    months = _month_numbers()
    year = month = day = None
    if m := _ISO.fullmatch(clean):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _FIGURES.fullmatch(clean):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif (m := _RU_WORDS.fullmatch(clean)) and m[2].lower() in months:
        day, month, year = int(m[1]), months[m[2].lower()], int(m[3])
    elif (m := _KK_WORDS.fullmatch(clean)) and m[3].lower() in months:
        year, day, month = int(m[1]), int(m[2]), months[m[3].lower()]
    elif (m := _EN_WORDS.fullmatch(clean)) and m[1].lower() in months:
        month, day, year = months[m[1].lower()], int(m[2]), int(m[3])
    else:
        raise _invalid(text)
    try:
        return date(year, month, day)
    except ValueError:
        raise _invalid(text, f"names a day that does not exist; {_HOW_TO_FIX}") from None

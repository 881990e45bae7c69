"""Numbers in figures and in words, and sums of money in tenge.

Forms write a count in figures and in words («Итого дел: 12 (двенадцать)»,
Appendix 4). num2words spells the words; it calls Kazakh ``kz``, groups English
thousands with a comma ("one thousand, two hundred") and has no rule for
tiyn, so this module wraps it.

>>> format_count(12)
'12 (двенадцать)'
>>> format_count(125, lang="kk")
'125 (жүз жиырма бес)'
>>> format_count(125, lang="en")
'125 (one hundred and twenty-five)'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from num2words import num2words

from pea_docs.errors import InputError, Problem
from pea_docs.locale import check_lang, gettext
from pea_docs.models.types import tenge

__all__ = ["Gender", "format_amount", "format_count", "format_money", "ru_plural"]

Gender = Literal["masculine", "feminine", "neuter"]
_GENDERS = {"masculine": "m", "feminine": "f", "neuter": "n"}

# num2words names Kazakh by the country code
_NUM2WORDS_LANG = {"ru": "ru", "kk": "kz", "en": "en"}


def _words(n: int, lang: str, gender: str | None = None) -> str:
    if gender and gender != "masculine" and lang == "ru" and n >= 1000 and n % 1000:
        # the noun's gender agrees with the last group only: «одна тысяча одна», «два миллиона
        # две»; num2words would carry it into «одна миллион»
        return f"{_words(n - n % 1000, lang)} {_words(n % 1000, lang, gender)}"
    if gender and lang == "ru" and n >= 1000 and not n % 1000:
        gender = None  # «один миллион (книг)»: no units group to agree with the noun
    kwargs = {"gender": _GENDERS[gender]} if gender and lang == "ru" else {}
    try:
        text = num2words(n, lang=_NUM2WORDS_LANG[lang], **kwargs)
    except (OverflowError, NotImplementedError, IndexError, KeyError):
        # num2words knows names of powers of ten only up to a point
        raise InputError([Problem("number.invalid", "", (), n,
                                  "is too large to write in words")]) from None
    # English "one thousand, two hundred": legal text writes no comma inside a number
    return " ".join(text.replace(",", "").split())


def _figures(n: int, lang: str) -> str:
    grouped = f"{n:,}"
    # ru/kk group thousands with a space; a plain one, as documents are typed
    return grouped if lang == "en" else grouped.replace(",", " ")


def format_count(n: int, *, lang: str = "ru", gender: Gender | None = None) -> str:
    """Return a whole number in figures and in words: ``12 (двенадцать)``.

    Args:
        n: a whole number, zero or more.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        gender: the gender of the Russian noun counted (``"masculine"`` by default,
            ``"feminine"``, ``"neuter"``); Kazakh and English words do not change.

    Figures of four digits and more are grouped by thousands (``1 234``; English
    ``1,234``), as sums of money are.

    Raises:
        InputError: ``n`` is not a whole number or is negative (``number.invalid``),
            or the gender is unknown (``option.invalid``).

    >>> format_count(21, gender="neuter")
    '21 (двадцать одно)'
    >>> format_count(-1)
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: -1 must be a whole number, zero or more
    """
    check_lang(lang)
    if gender is not None and gender not in _GENDERS:
        raise InputError([Problem("option.invalid", "", ("gender",), gender,
                                  "is not a gender; use masculine, feminine or neuter")])
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InputError([Problem("number.invalid", "", (), n,
                                  "must be a whole number, zero or more")])
    return f"{_figures(n, lang)} ({_words(n, lang, gender)})"


def _amount(value: Any) -> Decimal:
    """Return a sum of money as a Decimal of whole tiyn, or raise ``money.invalid``."""
    try:
        return tenge(value)
    except ValueError as exc:
        raise InputError([Problem("money.invalid", "", (), value, str(exc))]) from None


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """Return the Russian form of a noun after the number ``n``: one (1, 21), few (2-4, 22), many.

    >>> [ru_plural(n, "год", "года", "лет") for n in (1, 3, 5, 11, 21)]
    ['год', 'года', 'лет', 'лет', 'год']
    """
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def format_money(amount: Any, *, lang: str = "ru") -> str:
    """Return a sum in tenge in figures and in words, with the tiyn in figures.

    Args:
        amount: a Decimal, an int, text (``"1234.56"``, ``"1 234,56"``) or a float;
            at most two decimal places (tiyn), zero or more.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.

    The figures take a plain space between thousands and a decimal comma in
    Russian and Kazakh (``1 234,56``) and ``KZT 1,234.56`` in English. The tiyn
    are always written, as two figures (``00 тиынов``).

    Raises:
        InputError: the amount is not a number, is negative or has fractions of
            a tiyn (``money.invalid``).

    >>> from decimal import Decimal
    >>> format_money(Decimal("1234.56"))
    '1 234,56 тенге (одна тысяча двести тридцать четыре тенге 56 тиынов)'
    >>> format_money(Decimal("1234.56"), lang="kk")
    '1 234,56 теңге (бір мың екі жүз отыз төрт теңге 56 тиын)'
    >>> format_money(Decimal("1234.56"), lang="en")
    'KZT 1,234.56 (one thousand two hundred and thirty-four tenge 56 tiyn)'
    >>> format_money("21.01")
    '21,01 тенге (двадцать один тенге 01 тиын)'
    """
    check_lang(lang)
    value = _amount(amount)
    whole = int(value)
    tiyn = int((value - whole) * 100)
    words = _words(whole, lang)
    if lang == "ru":
        # the forms of «тиын» after a number (one, few, many) are a catalog label each
        tiyn_label = ru_plural(tiyn,
                                gettext("tiyn", lang=lang, domain="format", context="one"),
                                gettext("tiyn", lang=lang, domain="format", context="few"),
                                gettext("tiyn", lang=lang, domain="format", context="many"))
    else:
        tiyn_label = gettext("tiyn", lang=lang, domain="format", context="many")
    tenge_label = gettext("tenge", lang=lang, domain="format")
    in_words = f"({words} {tenge_label} {tiyn:02d} {tiyn_label})"
    if lang == "en":
        return f"KZT {format_amount(value, lang=lang)} {in_words}"
    return f"{format_amount(value, lang=lang)} {tenge_label} {in_words}"


def format_amount(amount: Any, *, lang: str = "ru") -> str:
    """Return a sum in figures only, as a table's column of tenge prints it.

    >>> format_amount("1234.5"), format_amount(1234567, lang="en")
    ('1 234,50', '1,234,567.00')
    """
    check_lang(lang)
    value = _amount(amount)
    whole = int(value)
    tiyn = int((value - whole) * 100)
    return f"{whole:,}.{tiyn:02d}" if lang == "en" else f"{_figures(whole, lang)},{tiyn:02d}"

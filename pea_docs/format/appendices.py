"""The list of appendices after the text (rule 13).

Rule 13: appendices are listed after the text with the number of sheets and
copies of each; where the text already names them, only the number of sheets
and copies is given.

>>> format_appendices([{"title": "копия постановления", "sheets": 2, "copies": 1}])
['Приложение: копия постановления на 2 л. в 1 экз.']
>>> format_appendices([{"title": "қаулының көшірмесі", "sheets": 2, "copies": 1}], lang="kk")
['Қосымша: қаулының көшірмесі 2 парақта 1 данада']
>>> format_appendices([{"title": "copy of the resolution", "sheets": 2, "copies": 1}], lang="en")
['Appendix: copy of the resolution, 2 sheets, 1 copy']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from pea_docs.errors import InputError, Problem
from pea_docs.format.checking import checked
from pea_docs.format.checks import check_appendices
from pea_docs.locale import check_lang, gettext
from pea_docs.models import Appendix, coerce

__all__ = ["format_appendices"]


def _label(msgid: str, lang: str, **values: Any) -> str:
    return gettext(msgid, lang=lang, domain="format").format(**values)


def _sheets_and_copies(sheets: int, copies: int, lang: str) -> str:
    # English needs "1 sheet" / "2 sheets"; ru «л.» / «экз.» and kk «парақта» / «данада» do not
    # change, so their catalogs give both ids the same text
    sheets_text = _label("{n} sheet" if sheets == 1 else "{n} sheets", lang, n=sheets)
    copies_text = _label("{n} copy" if copies == 1 else "{n} copies", lang, n=copies)
    return _label("{sheets}, {copies}", lang, sheets=sheets_text, copies=copies_text)


def _item(appendix: Appendix, lang: str, *, with_title: bool) -> str:
    amount = _sheets_and_copies(appendix.sheets, appendix.copies, lang)
    if with_title and appendix.title:
        return _label("{title}, {amount}", lang, title=appendix.title, amount=amount)
    return amount


def _as_list(appendices: Any) -> Any:
    # one appendix given alone is a list of one; an iterator is read once, here,
    # as both the check and the models go through it
    if isinstance(appendices, (Mapping, BaseModel)):
        return [appendices]
    if isinstance(appendices, (str, bytes)) or not isinstance(appendices, Iterable):
        return appendices
    return list(appendices)


def _models(appendices: Any) -> list[Appendix]:
    if not isinstance(appendices, list):
        raise InputError([Problem("value.type", "rule 13", (), appendices,
                                  "must be a list of appendices: {title?, sheets, copies}")])
    models, problems = [], []
    for index, appendix in enumerate(appendices):
        try:
            models.append(coerce(Appendix, appendix, loc=(index,)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return models


def format_appendices(appendices: Any, *, mentioned_in_text: bool = False,
                      lang: str = "ru") -> list[str]:
    """Return the lines of the appendix mark (rule 13).

    Args:
        appendices: a list of appendices ``{title?, sheets, copies}`` (models or dicts),
            or one appendix.
        mentioned_in_text: the text already names the appendices, so only their
            sheets and copies are given.
        lang: ``"ru"``, ``"kk"`` or ``"en"``; titles are printed as written.

    Returns:
        No lines for no appendices. One appendix: one line,
        ``Приложение: копия постановления на 2 л. в 1 экз.``. Several: the label
        ``Приложение:`` then numbered lines ``1. копия ... на 2 л. в 1 экз.``.

        Mentioned in the text: ``Приложение: на 3 л. в 2 экз.``. Several appendices
        mentioned in the text with the same number of copies give one line with
        their sheets added up (``на 5 л. в 1 экз.``), as the Rules ask for "only the
        number of sheets and copies"; when their copies differ a sum would be wrong,
        so each gets a numbered line of its sheets and copies, without a title.

    Raises:
        InputError: the errors :func:`~pea_docs.rules.check_appendices` finds —
            ``appendix.sheets_missing``, ``appendix.copies_missing``,
            ``appendix.sheets_invalid``, ``appendix.copies_invalid`` (rule 13),
            ``field.unknown`` for a misspelt key — then the model's problems
            elsewhere (a title that is not text: ``value.*``); each names the
            appendix's index. An appendix without a title is only a warning of the
            check: its line gives the sheets and copies alone.

    >>> for line in format_appendices([{"title": "копия постановления", "sheets": 2, "copies": 1},
    ...                                {"title": "копия акта", "sheets": 1, "copies": 2}]):
    ...     print(line)
    Приложение:
    1. копия постановления на 2 л. в 1 экз.
    2. копия акта на 1 л. в 2 экз.
    >>> format_appendices([{"sheets": 3, "copies": 2}], mentioned_in_text=True)
    ['Приложение: на 3 л. в 2 экз.']
    >>> format_appendices([{"sheets": 2, "copies": 1}, {"sheets": 3, "copies": 1}],
    ...                   mentioned_in_text=True, lang="en")
    ['Appendices: 5 sheets, 1 copy']
    >>> format_appendices([{"title": "копия акта", "copies": 1}])
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: [0].sheets: is missing; write the number of sheets (rule 13)
    """
    check_lang(lang)
    appendices = _as_list(appendices)
    items = checked(check_appendices(appendices, mentioned_in_text=mentioned_in_text),
                    lambda: _models(appendices))
    if not items:
        return []
    label = gettext("Appendix" if len(items) == 1 else "Appendices", lang=lang, domain="format")
    if mentioned_in_text and len({a.copies for a in items}) == 1:
        total = sum(a.sheets for a in items)
        return [f"{label}: {_sheets_and_copies(total, items[0].copies, lang)}"]
    texts = [_item(a, lang, with_title=not mentioned_in_text) for a in items]
    if len(texts) == 1:
        return [f"{label}: {texts[0]}"]
    return [f"{label}:"] + [f"{number}. {text}" for number, text in enumerate(texts, start=1)]

"""The reference of a reply to the request it answers (rule 14).

Rule 14: a reply refers to the number and the date of the request. The date is
written in figures (rule 11), as on a letterhead's "На № ... от ..." line.

>>> from datetime import date
>>> format_reply_reference("12-34", date(2008, 9, 15))
'На № 12-34 от 15.09.2008'
>>> format_reply_reference("12-34", "15.09.2008", lang="kk")
'15.09.2008 жылғы № 12-34 хатқа'
>>> format_reply_reference("12-34", "2008-09-15", lang="en")
'In reply to No. 12-34 of 15.09.2008'
"""

from __future__ import annotations

import datetime
from typing import Any

from ..errors import InputError, Problem
from ..locale import check_lang, gettext
from .dates import format_date

__all__ = ["format_reply_reference"]


def format_reply_reference(number: Any, date: datetime.date | str | None, *,
                           lang: str = "ru") -> str:
    """Return the reference to the request a reply answers (rule 14).

    Args:
        number: the request's number, as written on it (``12-34``; an int is accepted).
        date: the request's date: a date, or text in a style of rule 11 or ISO.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.

    Raises:
        InputError: the number or the date is missing (``reply.number_missing``,
            ``reply.date_missing``, rule 14), or the date is not a date
            (``date.invalid``, rule 11). Every problem found is reported at once.

    >>> format_reply_reference("12-34", None)
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: date: is required: a reply refers to the date of the request (rule 14)
    """
    check_lang(lang)
    problems = []
    number_text = "" if number is None else " ".join(str(number).split())
    if not number_text:
        problems.append(Problem("reply.number_missing", "rule 14", ("number",), None,
                                "is required: a reply refers to the number of the request"))
    date_text = ""
    if date is None or (isinstance(date, str) and not date.strip()):
        problems.append(Problem("reply.date_missing", "rule 14", ("date",), None,
                                "is required: a reply refers to the date of the request"))
    else:
        try:
            date_text = format_date(date, "figures", lang=lang)
        except InputError as exc:
            problems += [p.at("date") for p in exc.problems]
    if problems:
        raise InputError(problems)
    return gettext("In reply to No. {number} of {date}", lang=lang,
                   domain="format").format(number=number_text, date=date_text)

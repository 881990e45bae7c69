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
from collections.abc import Mapping
from typing import Any

from pea_docs.errors import InputError
from pea_docs.format.checking import checked
from pea_docs.format.checks import check_reply_reference
from pea_docs.locale import check_lang, gettext
from pea_docs.locale.dates import format_date

__all__ = ["format_reply_reference"]


def _in_figures(date: Any, lang: str) -> str:
    try:
        return format_date(date, "figures", lang=lang)
    except InputError as exc:
        raise InputError([p.at("date") for p in exc.problems]) from None


def format_reply_reference(number: Any, date: datetime.date | str | None = None, *,
                           lang: str = "ru") -> str:
    """Return the reference to the request a reply answers (rule 14).

    Args:
        number: the request's number, as written on it (``12-34``; an int is accepted),
            or the request ``{number, date}`` alone, as
            :func:`~pea_docs.rules.check_reply_reference` takes it.
        date: the request's date: a date, or text in a style of rule 11 or ISO.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.

    Raises:
        InputError: the problems :func:`~pea_docs.rules.check_reply_reference`
            finds, every one at once: ``reply.number_missing``, ``reply.date_missing``
            (rule 14), ``date.invalid`` (rule 11) for a date that is not one.

    >>> format_reply_reference({"number": "12-34", "date": "15.09.2008"}, lang="en")
    'In reply to No. 12-34 of 15.09.2008'
    >>> format_reply_reference("12-34", None)
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: date: is missing; write the date of the request (15.09.2008) (rule 14)
    """
    check_lang(lang)
    if isinstance(number, Mapping) and date is None:
        number, date = number.get("number"), number.get("date")
    problems = check_reply_reference(number, date)
    date_text = checked(problems, lambda: _in_figures(date, lang))
    return gettext("In reply to No. {number} of {date}", lang=lang,
                   domain="format").format(number=" ".join(str(number).split()), date=date_text)

"""The checks the register makes before it gives a document a number, each with its clause.

Registering follows clauses 16–23: every received document is registered
(rules 16, 19) on the day of receipt or, after hours, on the next working day
(rule 20); every sent one too (rule 22); a serial number per register (rule 17,
Appendices 1 and 2). There is deliberately no check, flag or path for an
erroneously delivered document: rule 18 says it is returned *without*
registration, so it never reaches the register.

>>> parse_received("08.01.2025 19:40")
datetime.datetime(2025, 1, 8, 19, 40)
>>> parse_received("08.01.2025")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pea_docs.errors.InputError: received: '08.01.2025' is not a date and time of receipt; ... (rule 11)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar, cast

from pea_docs.errors import InputError, Problem
from pea_docs.locale.dates import to_date
from pea_docs.models.text import clean_data
from pea_docs.store.codes import CODES

__all__ = ["CODES", "cleaned_arguments", "parse_date_field", "parse_received", "problem", "require_text"]

F = TypeVar("F", bound=Callable[..., Any])

_FIELD_NAMES = {"sender": "from whom the document came", "doc_number": "the document's number",
                "doc_date": "the document's date", "summary": "the short description",
                "recipient": "to whom the document is addressed"}


def problem(code: str, loc: tuple[str | int, ...], value: Any, message: str,
            *, severity: str = "error") -> Problem:
    """Return a :class:`Problem` with ``code``'s registered clause.

    >>> str(problem("store.amend_reason", ("reason",), None, "is required"))
    'reason: is required'
    """
    return Problem(code, CODES[code][0], loc, value, message, severity=severity)  # type: ignore[arg-type]


def cleaned_arguments(method: F) -> F:
    """Clean the text arguments of a register method by the policy of :mod:`pea_docs.models.text`.

    What a clerk types or pastes goes into the register as the documents would print it:
    Word's breaks become line breaks; a control character, or bytes that are not UTF-8
    (from a terminal in another encoding), are refused with the argument's name.
    """
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        cleaned, problems = clean_data(kwargs)
        if problems:
            raise InputError(problems)
        return method(self, *args, **cleaned)

    return cast(F, wrapper)


def require_text(value: Any, name: str, *, code: str) -> list[Problem]:
    """Return a problem if ``value`` (a column of the register) is empty.

    >>> [p.clause for p in require_text("  ", "summary", code="store.incoming_field")]
    ['rule 19']
    """
    if isinstance(value, dict) and value:
        return []
    if isinstance(value, str) and value.strip():
        return []
    what = _FIELD_NAMES.get(name, name)
    return [problem(code, (name,), value or None, f"is required: {what}")]


_RECEIVED = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?"), "ymd"),
    (re.compile(r"(\d{2})\.(\d{2})\.(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?"), "dmy"),
]


def parse_received(value: datetime | str, *, loc: tuple[str | int, ...] = ("received",)) -> datetime:
    """Return the date and time of receipt, read from a datetime or text.

    Reads ``2025-01-08 19:40``, ``2025-01-08T19:40:05`` and ``08.01.2025 19:40``.
    A bare date is refused: rule 20 needs the time to compare with office hours.
    A timezone-aware value is converted to the office's (the machine's) local time.

    Raises:
        InputError: code ``store.received`` (rule 11).
    """
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, str):
        text = " ".join(value.split())
        for pattern, order in _RECEIVED:
            if m := pattern.fullmatch(text):
                parts = [int(g) if g else 0 for g in m.groups()]
                y, mo, d = (parts[0], parts[1], parts[2]) if order == "ymd" else \
                    (parts[2], parts[1], parts[0])
                try:
                    return datetime(y, mo, d, parts[3], parts[4], parts[5])
                except ValueError:
                    break
    raise InputError([problem("store.received", loc, value,
                              "is not a date and time of receipt; write 2025-01-08 19:40 or "
                              "08.01.2025 19:40: rule 20 needs the time to compare it with "
                              "office hours")])


def parse_date_field(value: date | str, name: str) -> date:
    """Return a date field (rule 11), the error located at ``name``.

    >>> parse_date_field("06.01.2025", "doc_date")
    datetime.date(2025, 1, 6)
    """
    try:
        if isinstance(value, datetime):
            return value.date()
        return to_date(value)
    except InputError as exc:
        raise InputError([p.at(name) for p in exc.problems]) from None

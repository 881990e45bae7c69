"""Formatters report what the checks report: the check first, the model after.

docs/rules.md promises that a formatter raises :class:`~pea_docs.errors.InputError`
with the same codes as the check of its clause (``header.territory_missing``,
not the model's generic ``field.missing``). A formatter therefore runs its check
(:mod:`pea_docs.format.checks`) and then builds its model; the model's problems
are added only where the check found nothing at the same place (a value of the
wrong type, say), so every problem is reported once.

>>> from pea_docs.models import Appendix, coerce
>>> from pea_docs.rules import check_appendices
>>> data = [{"title": "x", "copies": 1}]
>>> checked(check_appendices(data), lambda: coerce(Appendix, data[0], loc=(0,)))
Traceback (most recent call last):
...
pea_docs.errors.InputError: [0].sheets: is missing; write the number of sheets (rule 13)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from pea_docs.errors import InputError, Problem

__all__ = ["checked"]

T = TypeVar("T")


def checked(problems: Iterable[Problem], build: Callable[[], T]) -> T:
    """Return ``build()`` unless the check's ``problems`` hold an error; raise them all if so.

    Args:
        problems: what the check of the clause found; warnings do not stop the formatter.
        build: builds the model (or the text) from the same data; its ``InputError``
            adds the problems at places the check did not report.

    Raises:
        InputError: the check's errors, then the model's problems at other places.
    """
    errors = [p for p in problems if p.severity == "error"]
    try:
        result = build()
    except InputError as exc:
        reported = {p.loc for p in errors}
        raise InputError(errors + [p for p in exc.problems if p.loc not in reported]) from None
    if errors:
        raise InputError(errors)
    return result

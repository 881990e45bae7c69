"""The one policy for characters in text values: what is cleaned, what is refused.

Text pasted from Word carries characters an XML document cannot hold: a manual
line break is ``\\x0b``, a page break ``\\x0c``. A document holding one does not
open, so every text value that reaches a document passes through here first:

- ``\\n`` (line break) and ``\\t`` (tab) are kept;
- ``\\x0b`` (Word's manual line break), ``\\r\\n`` and ``\\r`` become ``\\n``;
- ``\\x0c`` (Word's page break) and ``\\x07`` (docxtpl's new paragraph) are kept
  in the values of a Word template, which docxtpl makes a page break and a new
  paragraph; in the fields of the built-in forms they become ``\\n``;
- every other character XML 1.0 forbids (the rest of U+0000–U+001F, U+FFFE,
  U+FFFF, lone surrogates) is refused: problem ``text.control_character`` with
  the field's path, the character and its position.

>>> clean_text("Исх.\\x0bот 09.01.2025")
'Исх.\\nот 09.01.2025'
>>> clean_data({"debtor": {"name": "А\\x01"}})[1][0].message
'holds the control character U+0001 at position 2; delete it (text pasted from another program often carries one)'
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping
from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import register_code

__all__ = ["clean_data", "clean_text", "control_character", "is_clean"]

register_code("text.control_character", "",
              "a text value holds a character no document may contain (U+0001, U+FFFE...)")
register_code("data.key_type", "", "a key of the data that is not text (1:, ~:, a date)")

# everything outside the fast path: C0 controls but \n and \t, the two non-characters, surrogates
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_FORBIDDEN = re.compile("[\x00-\x06\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\x0b]")
_BREAKS_IN_FORMS = re.compile("\r\n|[\r\x0b\x0c\x07]")


def is_clean(value: str) -> bool:
    """Return True if ``value`` needs no cleaning: no control character, no break to unify.

    The question every text field asks first; almost every text says yes.

    >>> is_clean("Запрос № 5"), is_clean("a\\r\\nb"), is_clean("a\\nb")
    (True, False, True)
    """
    return _SUSPECT.search(value) is None


def control_character(value: str) -> tuple[int, str] | None:
    """Return the (0-based position, character) of the first refused character of ``value``, or None.

    >>> control_character("ab\\x00"), control_character("a\\x0bb")
    ((2, '\\x00'), None)
    """
    found = _FORBIDDEN.search(value)
    return (found.start(), found.group()) if found else None


def clean_text(value: str, *, template: bool = False) -> str:
    """Return ``value`` with Word's breaks made ``\\n`` (``template``: page and paragraph breaks kept).

    The refused characters stay: :func:`control_character` finds them.

    >>> clean_text("a\\r\\nb\\x0cc"), clean_text("a\\x0cb", template=True)
    ('a\\nb\\nc', 'a\\x0cb')
    """
    if not _SUSPECT.search(value):  # the usual case: one scan, no copy
        return value
    return (_BREAKS if template else _BREAKS_IN_FORMS).sub("\n", value)


def problem(value: str, loc: tuple[str | int, ...]) -> Problem | None:
    """Return the ``text.control_character`` problem of ``value`` at ``loc``, or None."""
    found = control_character(value)
    if found is None:
        return None
    position, char = found
    if "\ud800" <= char <= "\udfff":  # what Python makes of bytes that are not UTF-8
        return Problem("text.control_character", "", loc, value.encode("utf-8", "replace").decode("utf-8"),
                       f"holds bytes that are not UTF-8 text at position {position + 1}; set the terminal "
                       "or the file to UTF-8")
    return Problem("text.control_character", "", loc, value,
                   f"holds the control character U+{ord(char):04X} at position {position + 1}; delete it "
                   "(text pasted from another program often carries one)")


#: values that hold no text: what the walk of clean_data hands on as they are
_LEAVES = frozenset({int, float, bool, type(None), datetime.date, datetime.datetime, decimal.Decimal})


def clean_data(value: Any, loc: tuple[str | int, ...] = (), *,
               template: bool = False) -> tuple[Any, list[Problem]]:
    """Return ``value`` with every text inside it cleaned, and the problems of what cannot be.

    Walks mappings, lists and tuples; a key that is not text is a ``data.key_type``
    problem (``1: a`` or ``2025-01-09: a`` in YAML): names are text.
    """
    problems: list[Problem] = []

    def text(item: str, where: tuple[str | int, ...]) -> str:
        cleaned = clean_text(item, template=template)
        found = problem(cleaned, where)
        if found is not None:
            problems.append(found)
        return cleaned

    def walk(item: Any, where: tuple[str | int, ...]) -> Any:
        if isinstance(item, str):
            return text(item, where) if _SUSPECT.search(item) else item
        if isinstance(item, Mapping):
            out = {}
            for key, child in item.items():
                if not isinstance(key, str):
                    shown = "~" if key is None else str(key)
                    problems.append(Problem("data.key_type", "", (*where, shown), None,
                                            f"is a key of type {type(key).__name__}; keys are names: "
                                            f"write it in quotes ('{shown}': ...)"))
                    continue
                # the leaves of a batch's data (thousands of rows) without a call or a place each:
                # a place is made only for a text that holds something to clean
                kind = type(child)
                if kind is str:
                    out[key] = text(child, (*where, key)) if _SUSPECT.search(child) else child
                elif kind in _LEAVES:
                    out[key] = child
                else:
                    out[key] = walk(child, (*where, key))
            return out
        if isinstance(item, (list, tuple)):
            return type(item)(walk(child, (*where, i)) for i, child in enumerate(item))
        return item

    return walk(value, loc), problems

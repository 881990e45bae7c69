"""Pure formatting functions for clauses 9–14 of the Rules (no files, no I/O).

``format_*`` turns a value into text, ``parse_date`` reads a date back. Each takes
a model or a plain dict, and ``lang="ru"`` (default), ``"kk"`` or ``"en"``.

>>> from pea_docs.format import format_reply_reference
>>> format_reply_reference("12-34", "15.09.2008")
'На № 12-34 от 15.09.2008'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .dates import format_date, parse_date, to_date

if TYPE_CHECKING:
    from .addresses import format_addressee
    from .appendices import format_appendices
    from .header import format_header, format_title
    from .names import format_name, initials
    from .numbers import format_count, format_money
    from .references import format_reply_reference
    from .signature import Signature, format_signature

__all__ = [
    "Signature",
    "format_addressee",
    "format_appendices",
    "format_count",
    "format_date",
    "format_header",
    "format_money",
    "format_name",
    "format_reply_reference",
    "format_signature",
    "format_title",
    "initials",
    "parse_date",
    "to_date",
]

# The models use format.dates for their date fields, and most formatters use the
# models: loading those formatters on first use keeps `import pea_docs.models`
# working whichever of the two packages is imported first.
_LAZY = {
    "Signature": "signature",
    "format_addressee": "addresses",
    "format_appendices": "appendices",
    "format_count": "numbers",
    "format_header": "header",
    "format_money": "numbers",
    "format_name": "names",
    "format_reply_reference": "references",
    "format_signature": "signature",
    "format_title": "header",
    "initials": "names",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

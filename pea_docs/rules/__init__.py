"""The Rules as checks: one small function per clause, each naming its clause.

A check takes a model or a plain dict and returns a list of
:class:`~pea_docs.errors.Problem`; it never raises. Every code a problem can
carry is registered with its clause (:func:`register_code`, :func:`check`);
``docs/rules.md`` documents them all, and a test keeps the two in step.

>>> all_codes()["header.territory_missing"]
'rule 9'
>>> [p.code for p in check_reply_reference("12-34", None)]
['reply.date_missing']
"""

from .registry import CodeInfo, all_codes, check, checks, codes, register_code, unregister_code
from .text import (
    check_addressee,
    check_appendices,
    check_date_text,
    check_header,
    check_reply_reference,
    check_signature,
    check_title,
)

__all__ = [
    "CodeInfo",
    "all_codes",
    "check",
    "check_addressee",
    "check_appendices",
    "check_date_text",
    "check_header",
    "check_reply_reference",
    "check_signature",
    "check_title",
    "checks",
    "codes",
    "register_code",
    "unregister_code",
]

"""The Rules as checks: one small function per clause, each naming its clause.

A check takes a model or a plain dict and returns a list of
:class:`~pea_docs.errors.Problem`; it never raises. The checks of clauses 9–14
are written beside their formatters (:mod:`pea_docs.format.checks`) and listed
here with the rest; the checks of whole documents live in this package
(:mod:`~pea_docs.rules.registers`, :mod:`~pea_docs.rules.destruction`,
:mod:`~pea_docs.rules.stamp`, and the calendar of rule 20 in
:mod:`~pea_docs.rules.calendar`). Every code a problem can carry is registered
with its clause in :mod:`pea_docs.errors.codes`; ``docs/rules.md`` documents
them all, and a test keeps the two in step.

>>> all_codes()["header.territory_missing"]
'rule 9'
>>> [p.code for p in check_reply_reference("12-34", None)]
['reply.date_missing']
"""

from pea_docs.errors.codes import CodeInfo, all_codes, checks, codes
from pea_docs.format.checks import (
    check_addressee,
    check_appendices,
    check_date_text,
    check_header,
    check_person,
    check_reply_reference,
    check_signature,
    check_title,
)

__all__ = [
    "CodeInfo",
    "all_codes",
    "check_addressee",
    "check_appendices",
    "check_date_text",
    "check_header",
    "check_person",
    "check_reply_reference",
    "check_signature",
    "check_title",
    "checks",
    "codes",
]

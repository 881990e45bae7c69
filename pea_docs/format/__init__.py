"""Clauses 9–14 as text: pure formatting functions, and the checks of the same clauses.

``format_*`` turns a value into text; each takes a model or a plain dict, and
``lang="ru"`` (default), ``"kk"`` or ``"en"``. A formatter first runs the check
of its clause (:mod:`pea_docs.format.checks`, also listed in
:mod:`pea_docs.rules`) and raises its problems, so a formatter and a check
report the same codes. Dates (rule 11) live with the catalogs in
:mod:`pea_docs.locale.dates` and are re-exported here. No files, no I/O.

>>> from pea_docs.format import format_reply_reference
>>> format_reply_reference("12-34", "15.09.2008")
'На № 12-34 от 15.09.2008'
"""

from pea_docs.format.addresses import format_addressee
from pea_docs.format.appendices import format_appendices
from pea_docs.format.header import format_header, format_title
from pea_docs.format.names import format_name, initials
from pea_docs.format.numbers import format_count, format_money
from pea_docs.format.references import format_reply_reference
from pea_docs.format.signature import Signature, format_signature
from pea_docs.format.storage import format_storage
from pea_docs.locale.dates import format_date, parse_date, to_date

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
    "format_storage",
    "format_title",
    "initials",
    "parse_date",
    "to_date",
]

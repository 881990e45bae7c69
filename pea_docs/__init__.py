"""pea-docs: the paperwork of a private enforcement agent of Kazakhstan.

Implements the Rules of office work (Order of the Minister of Justice of the
Republic of Kazakhstan No. 386 of 12 May 2021): formatting for clauses 9–14,
the four annexed forms, users' own Word templates, and checks that name their
clause.

The names below are the entry points; everything else lives in documented
sub-modules (``pea_docs.models``, ``pea_docs.rules``, ``pea_docs.api``...; see
``docs/architecture.md``). Importing the package is cheap: each entry point is
loaded on first use, so ``pea_docs.format_date`` never loads python-docx,
openpyxl, XlsxWriter, docxtpl, SQLite or the holiday calendar.

>>> import pea_docs
>>> pea_docs.format_date("2008-09-15", "words", lang="kk")
'2008 жылғы 15 қыркүйек'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pea_docs._version import __version__
from pea_docs.errors import (
    ConverterError,
    InputError,
    OutputPathError,
    PeaDocsError,
    Problem,
    RenderError,
    Report,
    RuleViolationError,
    TemplateError,
    TemplateSecurityError,
    UndefinedVariableError,
    YamlSyntaxError,
)

if TYPE_CHECKING:
    from pea_docs.api import forms, render, validate
    from pea_docs.documents.stamping import apply_stamp
    from pea_docs.format import (
        format_addressee,
        format_appendices,
        format_count,
        format_header,
        format_money,
        format_name,
        format_reply_reference,
        format_signature,
        format_storage,
        format_title,
    )
    from pea_docs.lint import lint_document
    from pea_docs.locale.dates import format_date, parse_date
    from pea_docs.ooxml.document import Document
    from pea_docs.store import Register
    from pea_docs.templating.template import check_template, inspect_template


# name -> the module that defines it, imported on first use (PEP 562)
_LAZY = {
    "Document": "pea_docs.ooxml.document",
    "Register": "pea_docs.store",
    "apply_stamp": "pea_docs.documents.stamping",
    "check_template": "pea_docs.templating.template",
    "format_addressee": "pea_docs.format",
    "format_appendices": "pea_docs.format",
    "format_count": "pea_docs.format",
    "format_date": "pea_docs.locale.dates",
    "format_header": "pea_docs.format",
    "format_money": "pea_docs.format",
    "format_name": "pea_docs.format",
    "format_reply_reference": "pea_docs.format",
    "format_signature": "pea_docs.format",
    "format_storage": "pea_docs.format",
    "format_title": "pea_docs.format",
    "forms": "pea_docs.api",
    "inspect_template": "pea_docs.templating.template",
    "lint_document": "pea_docs.lint",
    "parse_date": "pea_docs.locale.dates",
    "render": "pea_docs.api",
    "validate": "pea_docs.api",
}

__all__ = [
    "ConverterError",
    "Document",
    "InputError",
    "OutputPathError",
    "PeaDocsError",
    "Problem",
    "Register",
    "RenderError",
    "Report",
    "RuleViolationError",
    "TemplateError",
    "TemplateSecurityError",
    "UndefinedVariableError",
    "YamlSyntaxError",
    "__version__",
    "apply_stamp",
    "check_template",
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
    "forms",
    "inspect_template",
    "lint_document",
    "parse_date",
    "render",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # the next look-up is an ordinary attribute
        return value
    raise AttributeError(f"module 'pea_docs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

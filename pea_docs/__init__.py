"""pea-docs: the paperwork of a private enforcement agent of Kazakhstan.

Implements the Rules of office work (Order of the Minister of Justice of the
Republic of Kazakhstan No. 386 of 12 May 2021): formatting for clauses 9–14,
the four annexed forms, users' own Word templates, and checks that name their
clause.

>>> import pea_docs
>>> pea_docs.format_date("2008-09-15", "words", lang="kk")
'2008 жылғы 15 қыркүйек'
"""

from .errors import (
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
from .format.dates import format_date, parse_date
from .models import Agent, Appendix, Individual, Organization, Person
from .format.addresses import format_addressee
from .format.appendices import format_appendices
from .format.header import format_header, format_title
from .format.names import format_name
from .format.numbers import format_count, format_money
from .format.references import format_reply_reference
from .format.signature import Signature, format_signature
from .render.document import Document
from .api import forms, render, render_input, validate
from .forms.registers import stream_register
from .render.stamping import apply_stamp
from .rules.calendar import OfficeProfile, is_working_day, next_working_day, registration_date
from .render.template import TemplateInfo, check_template, inspect_template
from .store import Register

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "Appendix",
    "ConverterError",
    "Document",
    "Individual",
    "InputError",
    "OfficeProfile",
    "Organization",
    "OutputPathError",
    "PeaDocsError",
    "Person",
    "Problem",
    "Register",
    "RenderError",
    "Report",
    "RuleViolationError",
    "Signature",
    "TemplateError",
    "TemplateInfo",
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
    "format_title",
    "forms",
    "inspect_template",
    "is_working_day",
    "next_working_day",
    "parse_date",
    "registration_date",
    "render",
    "render_input",
    "stream_register",
    "validate",
]

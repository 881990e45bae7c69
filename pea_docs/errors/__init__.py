"""The error tree of pea-docs and the record of one problem found in input.

Every error a user can meet is a :class:`PeaDocsError`. Errors about input carry
:class:`Problem` records: a stable ``code``, the ``clause`` of the Rules it comes
from (``"rule 11"``), the location (field path, and file, line and column when the
data came from YAML), the offending ``value`` and a ``message`` that says how to
fix it. ``validate()`` returns problems; ``render()`` raises them inside a
:class:`RuleViolationError`.

>>> p = Problem("date.invalid", "rule 11", ("entries", 3, "date"), "2008-15-09",
...             "is not a date; write 15.09.2008 or 2008-09-15")
>>> str(p)
"entries[3].date: '2008-15-09' is not a date; write 15.09.2008 or 2008-09-15 (rule 11)"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = [
    "ConverterError",
    "InputError",
    "OutputPathError",
    "PeaDocsError",
    "Problem",
    "Report",
    "RenderError",
    "RuleViolationError",
    "TemplateError",
    "TemplateSecurityError",
    "UndefinedVariableError",
    "YamlSyntaxError",
    "format_loc",
]

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


def format_loc(loc: Sequence[str | int]) -> str:
    """Return a field path as users write it: ``entries[3].date``.

    >>> format_loc(("entries", 3, "date"))
    'entries[3].date'
    >>> format_loc(())
    ''
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    """One problem in the input, with the clause of the Rules it breaks.

    ``code`` is stable (documented in ``docs/rules.md``), ``clause`` is
    ``"rule N"`` or ``"appendix N"`` (``""`` where no clause applies, as for a
    misspelt key), ``loc`` the field path inside the document's data.

    >>> p = Problem("date.invalid", "rule 11", ("entries", 3, "date"), "2008-15-09",
    ...             "is not a date; write 15.09.2008 or 2008-09-15")
    >>> print(p.in_file("acts/act-7.yaml", 12, 11))
    acts/act-7.yaml:12:11: entries[3].date: '2008-15-09' is not a date; write 15.09.2008 or 2008-09-15 (rule 11)
    """

    code: str
    clause: str
    loc: Loc
    value: Any
    message: str
    severity: Severity = "error"
    file: str | None = None
    line: int | None = None
    column: int | None = None
    document: int | None = None  # index of the document inside a multi-document YAML file

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            if self.document is not None:
                where += f" (document {self.document + 1})"
            where += ": "
        path = format_loc(self.loc)
        subject = f"{path}: " if path else ""
        if self.value is not None:
            subject += f"{self.value!r} "
        clause = f" ({self.clause})" if self.clause else ""
        return f"{where}{subject}{self.message}{clause}"

    def at(self, *prefix: str | int) -> Problem:
        """Return the same problem located under ``prefix`` (for nested data)."""
        return replace(self, loc=(*prefix, *self.loc))

    def in_file(self, file: str | None, line: int | None = None, column: int | None = None,
                document: int | None = None) -> Problem:
        """Return the same problem with its place in a source file."""
        return replace(self, file=file, line=line, column=column, document=document)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for ``--json`` and manifests)."""
        value = self.value
        if value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        return {
            "code": self.code,
            "clause": self.clause,
            "loc": list(self.loc),
            "path": format_loc(self.loc),
            "value": value,
            "message": self.message,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "document": self.document,
            "text": str(self),
        }


class Report(list[Problem]):
    """Every problem :func:`pea_docs.validate` found, errors and warnings.

    >>> r = Report([Problem("x", "rule 9", (), None, "m", severity="warning")])
    >>> r.ok, len(r.warnings)
    (True, 1)
    """

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop a document from being rendered."""
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that are reported but do not stop rendering."""
        return [p for p in self if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """Return True when there is no error (warnings allowed)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready summary."""
        return {"ok": self.ok, "problems": [p.to_dict() for p in self]}


class PeaDocsError(Exception):
    """Base of every error pea-docs raises on purpose.

    ``exit_code`` is what the command line exits with when this error stops it.

    >>> import pea_docs
    >>> try:
    ...     pea_docs.format_date("2008-15-09")
    ... except pea_docs.PeaDocsError as exc:
    ...     print(type(exc).__name__, exc.exit_code)
    InputError 1
    """

    exit_code: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description of the error."""
        return {"error": type(self).__name__, "message": str(self), "problems": []}


class InputError(PeaDocsError, ValueError):
    """Input data is wrong: a bad value, a missing or unknown field, a bad date.

    Carries every :class:`Problem` found; its message lists them one per line.

    >>> err = InputError([Problem("field.missing", "rule 12", ("surname",), None, "is required")])
    >>> str(err), err.problems[0].code, isinstance(err, ValueError)
    ('surname: is required (rule 12)', 'field.missing', True)
    """

    def __init__(self, problems: Iterable[Problem] | str, *, message: str | None = None):
        if isinstance(problems, str):
            message, problems = problems, []
        self.problems: list[Problem] = list(problems)
        if message is None:
            message = "\n".join(str(p) for p in self.problems) or "invalid input"
        super().__init__(message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": type(self).__name__,
            "message": str(self),
            "problems": [p.to_dict() for p in self.problems],
        }


class YamlSyntaxError(InputError):
    """A YAML file cannot be parsed; the problem names file, line and column.

    >>> from pea_docs.io.inputs import load_yaml
    >>> try:
    ...     load_yaml("data: [1, 2", name="act.yaml")
    ... except YamlSyntaxError as exc:
    ...     print(exc.problems[0].code, exc.problems[0].file, exc.problems[0].line)
    yaml.syntax act.yaml 2
    """


class RuleViolationError(InputError):
    """The data breaks the Rules, so the document is refused (use ``draft=True`` to force).

    >>> import pea_docs
    >>> stamp = {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09",
    ...          "index": "15", "color": "black"}
    >>> try:
    ...     pea_docs.render("registration_stamp", stamp)
    ... except RuleViolationError as exc:
    ...     print(exc.problems[0].code, exc.problems[0].clause)
    stamp.color rule 60
    >>> pea_docs.render("registration_stamp", stamp, draft=True).draft
    True
    """


class OutputPathError(InputError):
    """An output path would land outside the output folder.

    >>> from pea_docs.io.paths import safe_output_path
    >>> try:
    ...     safe_output_path("out", "../../etc/passwd")
    ... except OutputPathError as exc:
    ...     print(exc.problems[0].code)
    output.escapes
    """


class TemplateError(PeaDocsError):
    """A Word template is broken: Jinja syntax, unbalanced tags, unknown filters.

    ``part`` names the package part (``word/document.xml``) and ``context`` the
    text around the error; :func:`pea_docs.check_template` reports every such
    problem at once instead of raising the first.

    >>> err = TemplateError("unexpected '}'", part="word/document.xml", context="{{ debtor }")
    >>> err.to_dict()["part"]
    'word/document.xml'
    """

    def __init__(self, message: str, *, part: str | None = None, context: str | None = None,
                 problems: Iterable[Problem] = ()):
        self.part = part
        self.context = context
        self.problems = list(problems)
        super().__init__(message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": type(self).__name__,
            "message": str(self),
            "part": self.part,
            "context": self.context,
            "problems": [p.to_dict() for p in self.problems],
        }


class UndefinedVariableError(TemplateError, KeyError):
    """A template uses a variable the data does not provide.

    It is also a :class:`KeyError`, as a missing key of a mapping would be.

    >>> err = UndefinedVariableError("'debtor' is not in the data", part="word/document.xml")
    >>> str(err), isinstance(err, KeyError)
    ("'debtor' is not in the data", True)
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class TemplateSecurityError(TemplateError):
    """A template tried to reach Python internals, files or processes.

    >>> import tempfile; from pathlib import Path
    >>> from pea_docs.templating.compiled import _example_docx
    >>> from pea_docs.templating.template import render_template
    >>> path = Path(tempfile.mkdtemp()) / "evil.docx"
    >>> _ = path.write_bytes(_example_docx("{{ ''.__class__.__mro__ }}"))
    >>> render_template(path, {})
    Traceback (most recent call last):
    ...
    pea_docs.errors.TemplateSecurityError: evil.docx: the template is refused: reaches for '__class__'; ...
    """


class RenderError(PeaDocsError):
    """A document could not be produced or written.

    >>> issubclass(ConverterError, RenderError), RenderError("disk full").exit_code
    (True, 1)
    """


class ConverterError(RenderError):
    """LibreOffice is missing, timed out or failed to convert a document to PDF.

    >>> from pea_docs.ooxml.pdf import Converter
    >>> Converter(soffice="/nonexistent/soffice")
    Traceback (most recent call last):
    ...
    pea_docs.ooxml.pdf.LibreOfficeMissingError: LibreOffice is needed for PDF output but '/nonexistent/soffice' is not installed; install it with: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui
    """

"""The error tree of pea-docs: every exception class, each with its problem code.

Every error a user can meet is a :class:`PeaDocsError`. Errors about input carry
:class:`Problem` records (see :mod:`pea_docs.errors.problems`): a stable ``code``,
the ``clause`` of the Rules it comes from (``"rule 11"``), the location and a
message that says how to fix it. ``validate()`` returns problems; ``render()``
raises them inside a :class:`RuleViolationError`. An error without problems of
its own still has one registered code, its class's ``code``, so that a manifest
or a ``--json`` answer never holds a code made up on the spot
(:meth:`PeaDocsError.problem_list`). The codes live in :mod:`pea_docs.errors.codes`.

>>> p = Problem("date.invalid", "rule 11", ("entries", 3, "date"), "2008-15-09",
...             "is not a date; write 15.09.2008 or 2008-09-15")
>>> str(p)
"entries[3].date: '2008-15-09' is not a date; write 15.09.2008 or 2008-09-15 (rule 11)"
>>> RenderError("disk full").problem_list()[0].code
'render.failed'
"""

from __future__ import annotations

import signal
from collections.abc import Iterable
from typing import Any

from pea_docs.errors.problems import Loc, Problem, Report, Severity, format_loc

__all__ = [
    "RequestError",
    "BatchBusyError",
    "BatchInterruptedError",
    "ConverterError",
    "InputError",
    "InternalError",
    "JournalError",
    "LimitError",
    "LibreOfficeMissingError",
    "Loc",
    "OutputPathError",
    "PeaDocsError",
    "Problem",
    "Report",
    "RenderError",
    "RuleViolationError",
    "Severity",
    "TemplateError",
    "TemplateSecurityError",
    "TextError",
    "UndefinedVariableError",
    "UnknownKeysError",
    "YamlSyntaxError",
    "format_loc",
]


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
    #: the registered problem code of this error when it carries no problems of its own
    code: str = "internal.error"

    def problem_list(self) -> list[Problem]:
        """Return the error's problems, or one problem of its class's ``code`` and its message.

        >>> BatchBusyError("out: another batch is writing here").problem_list()[0].code
        'batch.busy'
        """
        return list(getattr(self, "problems", None) or ()) or [Problem(self.code, "", (), None, str(self))]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description of the error."""
        # every error names at least one registered code, so a program can act on it
        return {"error": type(self).__name__, "message": str(self),
                "problems": [p.to_dict() for p in self.problem_list()]}


class RequestError(PeaDocsError):
    """A request to the office server that cannot be served: its HTTP ``status`` and its problem.

    400 a malformed request, 401 no or an unknown token, 403 a token that may not do this,
    413 a body over the limit, 503 work over the time limit (``docs/server.md``).

    >>> RequestError(403, "auth.forbidden", "may read, not register").problem_list()[0].code
    'auth.forbidden'
    """

    code = "request.invalid"

    def __init__(self, status: int, code: str, message: str, loc: tuple[str | int, ...] = (),
                 value: Any = None):
        self.status = status
        self.problems = [Problem(code, "", loc, value, message)]
        super().__init__(str(self.problems[0]))


class InternalError(PeaDocsError):
    """A bug in pea-docs, reported for the one input or document it stopped (``internal.error``)."""

    code = "internal.error"


class InputError(PeaDocsError, ValueError):
    """Input data is wrong: a bad value, a missing or unknown field, a bad date.

    Carries every :class:`Problem` found; its message lists them one per line.

    >>> err = InputError([Problem("field.missing", "rule 12", ("surname",), None, "is required")])
    >>> str(err), err.problems[0].code, isinstance(err, ValueError)
    ('surname: is required (rule 12)', 'field.missing', True)
    """

    code = "input.error"
    #: a line the command line prints under the problems (``None``: none)
    hint: str | None = None

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
            "problems": [p.to_dict() for p in self.problem_list()],
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

    code = "yaml.syntax"


class UnknownKeysError(InputError):
    """An input document has top-level keys other than form, template, lang, output, data.

    The command line prints the hint under the problems.

    >>> UnknownKeysError([]).hint.startswith("put the values under data:")
    True
    """

    hint = "put the values under data: (an input document holds form:, template:, lang:, output:, data:)"


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

    code = "output.invalid"


class LimitError(InputError):
    """An input over one of the limits of :mod:`pea_docs.io.limits` (size, values, loop turns, seconds).

    Each problem's code is ``limit.<name>`` and its message names the limit and
    how to raise it.
    """


class TextError(InputError):
    """A text value holds a character no document may contain (a control character).

    The code is ``text.control_character``; see :mod:`pea_docs.models.text` for
    the characters cleaned and those refused.
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

    #: a template that cannot be read at all; a broken or failing one carries its problems
    code = "template.unreadable"

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
            "problems": [p.to_dict() for p in self.problem_list()],
        }


class UndefinedVariableError(TemplateError, KeyError):
    """A template uses a variable the data does not provide.

    It is also a :class:`KeyError`, as a missing key of a mapping would be.

    >>> err = UndefinedVariableError("'debtor' is not in the data", part="word/document.xml")
    >>> str(err), isinstance(err, KeyError)
    ("'debtor' is not in the data", True)
    """

    code = "template.variable_missing"

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

    code = "template.unsafe"


class RenderError(PeaDocsError):
    """A document could not be produced or written.

    >>> issubclass(ConverterError, RenderError), RenderError("disk full").exit_code
    (True, 1)
    """

    code = "render.failed"


class ConverterError(RenderError):
    """LibreOffice is missing, timed out or failed to convert a document to PDF.

    >>> from pea_docs.ooxml.pdf import Converter
    >>> Converter(soffice="/nonexistent/soffice")
    Traceback (most recent call last):
    ...
    pea_docs.errors.LibreOfficeMissingError: LibreOffice is needed for PDF output but '/nonexistent/soffice' is not installed; install it with: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui
    """

    code = "pdf.failed"


class LibreOfficeMissingError(ConverterError):
    """LibreOffice (``soffice``) is not installed: an environment error, exit code 3.

    >>> LibreOfficeMissingError("no soffice").problem_list()[0].code
    'pdf.unavailable'
    """

    exit_code = 3
    code = "pdf.unavailable"


class BatchBusyError(RenderError):
    """Another batch is writing into the same output folder, or a worker died (exit code 3)."""

    exit_code = 3
    code = "batch.busy"


class JournalError(RenderError):
    """The batch's journal could not be written (disk full); the manifest still lists every document.

    Exit code 3: the environment, not an input, failed.
    """

    exit_code = 3
    code = "batch.journal"


class BatchInterruptedError(RenderError):
    """The batch was stopped by a signal: exit code 128 + its number (130 for SIGINT, 143 for SIGTERM).

    What was finished before it stays in the journal, so the same command resumes.

    >>> BatchInterruptedError(signal.SIGTERM).exit_code
    143
    """

    code = "batch.interrupted"

    def __init__(self, signum: int):
        self.signum = int(signum)
        self.exit_code = 128 + self.signum
        name = signal.Signals(self.signum).name
        super().__init__(f"interrupted by {name}; the documents finished so far are kept: "
                         "run the same command again to resume")

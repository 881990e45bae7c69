"""The record of one problem found in input (:class:`Problem`) and a list of them (:class:`Report`).

A problem carries a stable ``code``, the ``clause`` of the Rules it comes from
(``"rule 11"``), the location (field path, and file, line and column when the
data came from YAML), the offending ``value`` and a ``message`` that says how to
fix it. Both are re-exported by :mod:`pea_docs.errors`.

>>> p = Problem("date.invalid", "rule 11", ("entries", 3, "date"), "2008-15-09",
...             "is not a date; write 15.09.2008 or 2008-09-15")
>>> str(p)
"entries[3].date: '2008-15-09' is not a date; write 15.09.2008 or 2008-09-15 (rule 11)"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["Loc", "Problem", "Report", "Severity", "format_loc"]

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
            subject += f"{_shown(self.value)} "
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
        if isinstance(value, str) and len(value) > SHOWN_CHARS:
            value = value[:SHOWN_CHARS] + "…"
        elif isinstance(value, (list, dict)) and len(repr(value)) > SHOWN_CHARS:
            value = _shown(value)
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


#: how much of an offending value a message shows (a 50 MB field makes no 50 MB error line)
SHOWN_CHARS = 200


def _shown(value: Any) -> str:
    """Return the ``repr`` of ``value``, cut to :data:`SHOWN_CHARS` characters.

    >>> _shown("x" * 1000)[-25:]
    'xxxxx… (1 000 characters)'
    """
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    size = f" ({len(value):,} characters)".replace(",", " ") if isinstance(value, str) else ""
    return text[:SHOWN_CHARS] + "…" + size


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

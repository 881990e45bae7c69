"""The register of problem codes and checks, kept in step with ``docs/rules.md``.

Every stable code a :class:`~pea_docs.errors.Problem` can carry is registered
here with its clause, by :func:`register_code` or by the :func:`check` decorator
on the function that reports it. ``docs/rules.md`` documents each code, and a
test compares the two, so any module (a form, a register, the stamp) registers
its codes here and adds its own section to the document.

>>> register_code("example.code", "rule 99", "an example")
>>> all_codes()["example.code"]
'rule 99'
>>> unregister_code("example.code")
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

__all__ = ["CodeInfo", "all_codes", "check", "checks", "codes", "register_code", "unregister_code"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CodeInfo:
    """A registered code: the clause it comes from (``""`` for none) and what it means."""

    code: str
    clause: str
    description: str


_CODES: dict[str, CodeInfo] = {}
_CHECKS: dict[str, Callable[..., Any]] = {}


def register_code(code: str, clause: str, description: str = "") -> None:
    """Register a problem code with its clause (``"rule 11"``, ``"appendix 4"`` or ``""``).

    Registering a code again with the same clause is harmless (modules may be
    reloaded); with another clause it is a programming error.

    Raises:
        ValueError: the code is registered with another clause.
    """
    known = _CODES.get(code)
    if known is not None and known.clause != clause:
        raise ValueError(f"code {code!r} is registered for {known.clause!r}, not {clause!r}")
    _CODES[code] = CodeInfo(code, clause, description or (known.description if known else ""))


def unregister_code(code: str) -> None:
    """Forget a code (for tests and examples)."""
    _CODES.pop(code, None)


def check(clause: str, *, codes: Mapping[str, str] | Iterable[str]) -> Callable[[F], F]:
    """Return a decorator that registers a check function and the codes it reports.

    ``codes`` maps each code to a description, or just lists the codes. The
    function gets the attributes ``clause`` and ``codes`` (code -> description).
    Every code is registered with ``clause``; a code from another clause that the
    check also reports is registered with :func:`register_code` by its owner.

    >>> from pea_docs.rules import check_title
    >>> check_title.clause, sorted(check_title.codes)
    ('rule 9', ['title.empty', 'title.not_capitals'])
    """
    described = dict(codes) if isinstance(codes, Mapping) else dict.fromkeys(codes, "")

    def decorate(func: F) -> F:
        for code, description in described.items():
            register_code(code, clause, description)

        func.clause = clause  # type: ignore[attr-defined]
        func.codes = dict(described)  # type: ignore[attr-defined]
        _CHECKS[f"{func.__module__}.{func.__name__}"] = func
        return func
    return decorate


@cache
def _load_all_modules() -> None:
    # codes are registered when the module that reports them is imported (a rule,
    # a form, the store); importing every module of the package makes the list
    # complete whatever was imported before, and a new module needs no edit here
    # (the server's modules need its extra; without it, its codes come from server.codes alone)
    root = importlib.import_module("pea_docs")
    for module in pkgutil.walk_packages(root.__path__, prefix="pea_docs."):
        if not module.name.endswith(".__main__"):
            try:
                importlib.import_module(module.name)
            except ModuleNotFoundError as exc:
                if (exc.name or "").split(".")[0] not in _OPTIONAL:
                    raise


#: the libraries of the ``server`` extra: a module needing one is skipped when it is not installed
_OPTIONAL = frozenset({"fastapi", "starlette", "uvicorn", "multipart", "psycopg"})


def all_codes() -> dict[str, str]:
    """Return every registered problem code -> its clause (``""`` where none applies).

    Imports every module of :mod:`pea_docs` first, so the codes of all clauses,
    forms and checks are there.
    """
    _load_all_modules()
    return {code: info.clause for code, info in sorted(_CODES.items())}


def codes() -> dict[str, CodeInfo]:
    """Return every registered code with its clause and description."""
    _load_all_modules()
    return dict(sorted(_CODES.items()))


def checks() -> dict[str, Callable[..., Any]]:
    """Return every registered check function by its dotted name.

    >>> checks()["pea_docs.format.checks.check_title"].clause
    'rule 9'
    """
    _load_all_modules()
    return dict(sorted(_CHECKS.items()))


# Codes raised outside the checks: by the models (pydantic errors become
# ``field.*`` and ``value.<kind>``, with the clause of the field concerned), by
# the locale and by the formatters. "" as the clause: none, or the field's own.
_GENERIC = {
    "field.unknown": ("", "a key that is not a field; the message suggests the one meant and "
                          "the problem names the clause of the block the key is in"),
    "field.missing": ("", "a required field is absent; the problem names the field's clause"),
    "value.*": ("", "a value of the wrong kind (value.int_parsing, value.greater_than_equal...); "
                    "the problem names the field's clause"),
    "date.invalid": ("rule 11", "text or a value that is not a date in a style of rule 11 or ISO"),
    "date.style": ("rule 11", "a date style other than words or figures"),
    "lang.unknown": ("", "a language other than ru, kk, en"),
    "option.invalid": ("", "an unknown option of a formatter (a name style, a gender)"),
    "number.invalid": ("", "a count that is not a whole number of zero or more"),
    "money.invalid": ("", "a sum that is not a number, is negative or has fractions of a tiyn"),
    # inputs and outputs: files, YAML, forms, the batch
    "yaml.syntax": ("", "a YAML file that does not parse; file, line and column are given"),
    "file.unreadable": ("", "an input file that cannot be read"),
    "file.encoding": ("", "an input file that is not UTF-8 text"),
    "document.type": ("", "a YAML document that is not a mapping with form: and data:"),
    "document.empty": ("", "a YAML input that holds no document"),
    "document.count": ("", "render() given a YAML file with other than one document of the form"),
    "form.unknown": ("", "a form name pea-docs does not know; the nearest name is suggested"),
    "input.missing": ("", "a batch input path or glob that matches nothing"),
    "input.error": ("", "an input that fails for a reason without a code of its own"),
    "office.type": ("", "an office.yaml that is not a mapping"),
    "output.escapes": ("", "an output path that would leave the output folder"),
    "output.reserved": ("", "an output path that names pea-docs' own manifest or journal"),
    "output.invalid": ("", "an output path that is not a file name"),
    "output.suffix": ("", "an output path whose suffix is not the form's (.docx, .xlsx)"),
    "output.duplicate": ("", "two documents of a batch with the same output path"),
    "pdf.failed": ("", "LibreOffice failed or timed out converting one document"),
    "pdf.unavailable": ("", "PDF output asked for, but LibreOffice is not installed"),
    "render.failed": ("", "a document, register or backup that cannot be written (disk full, no "
                          "permission) or a register database that fails"),
    "batch.busy": ("", "another batch is writing into the output folder, or a worker died"),
    "batch.journal": ("", "a batch whose journal could not be written (disk full); the manifest "
                          "still lists every document, the exit code is 3"),
    "batch.interrupted": ("", "a batch stopped by Ctrl-C or SIGTERM; the same command resumes it"),
    "internal.error": ("", "a bug in pea-docs, reported for the one document it stopped"),
}
for _code, (_clause, _description) in _GENERIC.items():
    register_code(_code, _clause, _description)

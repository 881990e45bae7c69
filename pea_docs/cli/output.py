"""Print results and errors the way docs/cli.md says every command does: one printer for all.

With ``--json`` standard output holds one JSON value: ``{"ok": true, ...}`` when the
command did its work, and ``{"ok": false, "error": …, "message": …, "problems": […],
"exit_code": N}`` when an error stopped it. An output named ``-`` is standard output:
the file's bytes go there, and the message that would have named it goes to standard
error, as ``pea-docs render -o -`` does.

>>> from pea_docs.errors import InputError
>>> error = error_payload(InputError("bad input"))
>>> error["ok"], error["error"], error["exit_code"]
(False, 'InputError', 1)
>>> ok_payload({"number": 1})
{'ok': True, 'number': 1, 'warnings': []}
>>> is_stdout("-"), is_stdout("journal.xlsx"), is_stdout(None)
(True, False, False)
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO, TypeVar, cast

import click

from pea_docs.errors import PeaDocsError, Problem

__all__ = ["CONTEXT", "STDOUT", "echo_json", "error_payload", "fail", "handles_errors", "is_stdout",
           "json_option", "ok_payload", "plural", "problem_line", "write_stdout"]

F = TypeVar("F", bound=Callable[..., Any])

#: The context settings of every command: -h as --help, and room for the examples.
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: The ``--json`` option every command takes.
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print a machine-readable JSON result (and errors) on standard output.")

#: The output name that means standard output.
STDOUT = "-"


def ok_payload(payload: Mapping[str, Any], warnings: Iterable[Problem] = ()) -> dict[str, Any]:
    """Return the JSON of a command that did its work: ``{"ok": true, ..., "warnings": [...]}``.

    ``warnings`` is always there (empty when there are none), so that a script can
    read it without checking first.

    >>> ok_payload({"backup": "copy.sqlite"})["ok"]
    True
    """
    return {"ok": True, **payload, "warnings": [w.to_dict() for w in warnings]}


def error_payload(exc: PeaDocsError, **extra: Any) -> dict[str, Any]:
    """Return the JSON of an error that stopped a command (docs/cli.md, "JSON output").

    Args:
        exc: the error.
        **extra: more keys, such as the entry that was registered before the stamp failed.

    >>> from pea_docs.errors import RenderError
    >>> payload = error_payload(RenderError("disk full"))
    >>> payload["error"], payload["exit_code"], [p["code"] for p in payload["problems"]]
    ('RenderError', 1, ['render.failed'])
    """
    return {"ok": False, **exc.to_dict(), **extra, "exit_code": exc.exit_code}


def echo_json(payload: Any) -> None:
    """Print one JSON value on standard output (UTF-8 text as is, not escaped).

    >>> echo_json({"ok": True})
    {
      "ok": true
    }
    """
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def is_stdout(path: str | None) -> bool:
    """Return whether an output option names standard output (``-``).

    >>> is_stdout("./-")
    False
    """
    return path == STDOUT


def write_stdout(data: bytes) -> None:
    """Write a file's bytes to standard output (binary, flushed)."""
    stream = cast(BinaryIO, getattr(sys.stdout, "buffer", sys.stdout))
    stream.write(data)
    stream.flush()


def problem_line(problem: Problem | dict[str, Any]) -> str:
    """Return one problem as a line of text; a warning is marked.

    >>> problem_line(Problem("header.territory_missing", "rule 9", ("territory",), None, "is missing",
    ...                      severity="warning"))
    'territory: is missing (rule 9) [warning]'
    """
    if isinstance(problem, dict):
        text, severity = problem.get("text") or problem.get("message", ""), problem.get("severity")
    else:
        text, severity = str(problem), problem.severity
    return f"{text} [warning]" if severity == "warning" else text


def fail(exc: PeaDocsError, as_json: bool, **extra: Any) -> None:
    """Show an error without a traceback and exit with its code.

    With ``--json``: :func:`error_payload` on standard output. Else on standard error:
    one line per problem, or ``error: <message>`` for an error without problems, then
    the error's ``hint`` if it has one.
    """
    hint = getattr(exc, "hint", None)
    if as_json:
        echo_json(error_payload(exc, **extra, **({"hint": hint} if hint else {})))
    else:
        problems = getattr(exc, "problems", None)
        if problems:
            for p in problems:
                click.echo(problem_line(p), err=True)
        else:
            click.echo(f"error: {exc}", err=True)
        if hint:
            click.echo(f"hint: {hint}", err=True)
    sys.exit(exc.exit_code)


def handles_errors(fn: F) -> F:
    """Wrap a command so that a PeaDocsError is shown by :func:`fail`, never as a traceback.

    An input path that matches nothing (``input.missing``) is a usage error (exit 2).
    """
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PeaDocsError as exc:
            if any(getattr(p, "code", "") == "input.missing" for p in getattr(exc, "problems", [])):
                raise click.UsageError(str(exc)) from None
            fail(exc, bool(kwargs.get("as_json", False)))
    return wrapper  # type: ignore[return-value]


def plural(count: int, word: str) -> str:
    """Return ``count`` and ``word``, in the plural unless ``count`` is 1.

    >>> plural(1, "problem"), plural(0, "warning"), plural(21, "document")
    ('1 problem', '0 warnings', '21 documents')
    """
    return f"{count} {word}" if count == 1 else f"{count} {word}s"

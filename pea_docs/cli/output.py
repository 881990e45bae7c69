"""Print the results of ``pea-docs register`` the way docs/cli.md says every command does.

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

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

import click

from pea_docs.errors import PeaDocsError, Problem

__all__ = ["STDOUT", "echo_json", "error_payload", "is_stdout", "ok_payload", "write_stdout"]

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
    >>> error_payload(RenderError("disk full"))
    {'ok': False, 'error': 'RenderError', 'message': 'disk full', 'problems': [], 'exit_code': 1}
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
    stream = getattr(sys.stdout, "buffer", sys.stdout)
    stream.write(data)
    stream.flush()

"""What every ``pea-docs register`` subcommand shares: the group's options, errors, output.

>>> party_text({"organization": "ТОО «Альфа»", "address": "г. Алматы"})
'ТОО «Альфа», г. Алматы'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import click

from pea_docs.cli.output import echo_json, handles_errors, ok_payload
from pea_docs.errors import Problem, RenderError
from pea_docs.io.office import OFFICE_FILE, read_office
from pea_docs.models.office import OfficeProfile
from pea_docs.store.db import database_errors
from pea_docs.store.entry import Entry, party_text
from pea_docs.store.postgres import safe_url
from pea_docs.store.register import Numbering, Register

__all__ = ["DB_HELP", "OFFICE_ID_HELP", "RegisterContext", "current_db", "emit", "entry_line", "handle_register_errors",
           "no_json_with_stdout", "party_text"]


#: the help of --db and --office-id, the same in every group that opens the register
DB_HELP = ("The register: an SQLite file, or a postgresql://user@host/database URL shared by "
           "several clerks ($PEA_DOCS_DB).")
OFFICE_ID_HELP = ("Whose register (an office's licence or name): in PostgreSQL each office has its own; "
                  "an SQLite file refuses another office's name ($PEA_DOCS_OFFICE_ID).")


class RegisterContext:
    """What the group's options give every subcommand."""

    def __init__(self, db: str, numbering: str | None, office: str | None, office_id: str | None = None):
        self.db = db
        self.numbering = numbering
        self.office_path = office
        self.office_id = office_id
        self._office: dict[str, Any] | None = None

    def office(self) -> dict[str, Any]:
        """Return the office profile mapping (``{}`` when there is none)."""
        if self._office is None:
            path = self.office_path or (OFFICE_FILE if Path(OFFICE_FILE).is_file() else None)
            self._office = read_office(path, required=True) if path else {}
        return self._office

    def open(self) -> Register:
        """Return the register, with the office's hours for rule 20."""
        office = self.office()
        profile = OfficeProfile.from_office(office) if office else None
        return Register(self.db, numbering=cast(Numbering | None, self.numbering), profile=profile,
                        office=self.office_id)

    def keep_agent(self, reg: Register) -> None:
        """Keep the office's agent in the register the first time one is known (for every later export)."""
        if reg.agent is None:
            agent = self.agent(None)
            if agent:
                reg.set_agent(agent)

    def agent(self, path: str | None) -> dict[str, Any] | None:
        """Return the agent block from ``--agent FILE`` or the office profile."""
        source = read_office(path, required=True) if path else self.office()
        agent = source.get("agent", source if "surname" in source else None)
        return dict(agent) if isinstance(agent, Mapping) else None


def handle_register_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Show errors as every command does (:func:`~pea_docs.cli.output.handles_errors`).

    A database error the store did not turn into a pea-docs error (still locked after
    the busy timeout, disk full) becomes a RenderError naming the database.
    """
    @handles_errors
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except database_errors() as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise RenderError(f"{safe_url(current_db())}: the register database failed: {reason}") from exc
    return wrapper


def current_db() -> str:
    """Return the database path of the running command, for messages."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(RegisterContext) if ctx else None
    return obj.db if obj else "pea-docs.sqlite"


def emit(as_json: bool, payload: Mapping[str, Any], text: str,
          warnings: Sequence[Problem] = (), *, text_to_stderr: bool = False) -> None:
    """Print the result: ``{"ok": true, ...}`` with --json, else the text (and warnings on stderr).

    ``text_to_stderr`` is for a command whose standard output carries a file.
    """
    if as_json:
        echo_json(ok_payload(payload, warnings))
        return
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(text, err=text_to_stderr)


def no_json_with_stdout(ctx: click.Context, as_json: bool, option: str) -> None:
    """Refuse --json when a file goes to standard output: it holds one JSON value or the file."""
    if as_json:
        raise click.UsageError(f"--json prints JSON on standard output; give {option} a file, "
                               "not '-'", ctx)


def entry_line(entry: Entry) -> str:
    """Return an entry on one line: register, year/number, date, party, summary."""
    return (f"{entry.direction} {entry.year}/{entry.number}\t{entry.registered:%d.%m.%Y}\t"
            f"{party_text(entry.party)}\t{entry.summary}")

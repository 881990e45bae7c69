"""The registration stamp from ``pea-docs register incoming|outgoing --stamp/--apply-to``.

The agent and the outputs are checked before a number is spent; the entry stays
registered whatever happens to the stamp afterwards, and the message says so.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import click

from pea_docs.cli.output import fail, is_stdout, write_stdout
from pea_docs.cli.register_context import RegisterContext, emit, no_json_with_stdout
from pea_docs.errors import InputError, InternalError, PeaDocsError, Problem, RenderError
from pea_docs.store.entry import Entry

__all__ = ["STDOUT_NAME", "check_stamp_outputs", "show_registered", "stamp_agent", "stamp_options"]

STDOUT_NAME = "<stdout>"


def stamp_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options of the registration stamp to a registering command."""
    for option in reversed([
        click.option("--stamp", "stamp_path", type=click.Path(dir_okay=False, allow_dash=True),
                     default=None, help="Write the registration stamp (Appendix 3) to this .docx "
                     "('-': standard output; the number then goes to standard error)."),
        click.option("--apply-to", "apply_to", type=click.Path(dir_okay=False, exists=True),
                     default=None, help="Stamp this .docx itself (in place unless --stamped-output)."),
        click.option("--stamped-output", type=click.Path(dir_okay=False, allow_dash=True),
                     default=None, help="Where --apply-to writes the stamped document "
                     "('-': standard output)."),
        click.option("--color", type=click.Choice(["blue", "violet"]), default="blue",
                     show_default=True, help="Ink of the stamp (rule 60)."),
        click.option("--lang", type=click.Choice(["ru", "kk", "en"]), default="ru",
                     show_default=True, help="Language of the stamp."),
        click.option("--agent", "agent_path", type=click.Path(dir_okay=False, exists=True),
                     default=None, help="A YAML file with the agent: block (default: the office's)."),
    ]):
        func = option(func)
    return func


def check_stamp_outputs(ctx: click.Context, stamp_path: str | None, stamped_output: str | None,
                         as_json: bool) -> None:
    """Refuse, before a number is spent, outputs that cannot share standard output."""
    to_stdout = [flag for flag, path in (("--stamp", stamp_path), ("--stamped-output", stamped_output))
                 if is_stdout(path)]
    if len(to_stdout) > 1:
        raise click.UsageError("--stamp and --stamped-output cannot both write to standard "
                               "output ('-'); give one of them a file", ctx)
    if to_stdout:
        no_json_with_stdout(ctx, as_json, to_stdout[0])


def stamp_agent(obj: RegisterContext, agent_path: str | None, wanted: bool) -> dict[str, Any] | None:
    """Return the agent for the stamp, checked before a number is spent on the registration."""
    if not wanted:
        return None
    agent = obj.agent(agent_path)
    if not agent:
        raise InputError([Problem("store.agent", "rule 9", ("agent",), None,
                                  "is required for the stamp: put an agent: block in office.yaml "
                                  "or give --agent FILE")])
    return agent


def write_stamp(entry: Entry, agent: dict[str, Any], *, stamp_path: str | None,
                 apply_to: str | None, stamped_output: str | None, color: str,
                 lang: str) -> tuple[dict[str, str], bytes | None]:
    """Write the stamp and the stamped document; return their paths and what goes to stdout."""
    from pea_docs.api import render

    data = entry.stamp_data(agent, color=color)
    written: dict[str, str] = {}
    stdout: bytes | None = None
    if stamp_path:
        document = render("registration_stamp", data, lang=lang)
        if is_stdout(stamp_path):
            stdout, written["stamp"] = document.to_bytes(), STDOUT_NAME
        else:
            written["stamp"] = str(document.save(stamp_path))
    if apply_to:
        from pea_docs.documents.stamping import apply_stamp

        target = stamped_output or apply_to
        # incoming lower right, outgoing upper left
        if is_stdout(target):
            buffer = io.BytesIO()
            apply_stamp(apply_to, data, buffer, lang=lang)
            stdout, written["stamped"] = buffer.getvalue(), STDOUT_NAME
        else:
            apply_stamp(apply_to, data, target, lang=lang)
            written["stamped"] = str(target)
    return written, stdout


def show_registered(ctx: click.Context, entry: Entry, warnings: list[Problem], as_json: bool,
                    agent: dict[str, Any] | None, stamp: dict[str, Any]) -> None:
    """Write the stamp if asked, then print the entry (the entry stays registered if the stamp fails)."""
    written: dict[str, str] = {}
    stdout = None
    if agent is not None:
        try:
            try:
                written, stdout = write_stamp(entry, agent, **stamp)
            except OSError as exc:  # a read-only disk, a folder that is not there
                raise RenderError(f"{exc.filename or 'the stamp'}: cannot be written: "
                                  f"{exc.strerror or exc}") from None
            except Exception as exc:  # whatever fails, the clerk must learn the number given
                if isinstance(exc, PeaDocsError):
                    raise
                raise InternalError(f"the stamp failed ({type(exc).__name__}: {exc}); "
                                    "please report it") from None
        except PeaDocsError as exc:
            # the entry is registered whatever happens to the stamp: say so, with the number
            if not as_json:
                click.echo(f"registered {entry.direction} No. {entry.number} of "
                           f"{entry.registered:%d.%m.%Y}, but the stamp failed:", err=True)
            fail(exc, as_json, entry=entry.to_dict())
    if stdout is not None:
        write_stdout(stdout)
    payload = {**entry.to_dict(), **written}
    text = f"{entry.direction} No. {entry.number} of {entry.registered:%d.%m.%Y}"
    for kind, path in written.items():
        text += f"\n{kind}: {path}"
    emit(as_json, payload, text, warnings, text_to_stderr=stdout is not None)

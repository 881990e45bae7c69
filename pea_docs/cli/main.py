"""The ``pea-docs`` command line: a thin layer over the public API.

Exit codes: 0 done; 1 some input invalid or some document failed; 2 usage error
(click's, and an input path that does not exist); 3 environment error
(LibreOffice missing, output folder busy, a worker killed); 130 interrupted
(Ctrl-C), 143 stopped by SIGTERM. Every command takes ``--json`` for a
machine-readable result on standard output; errors then come as JSON too
(``{"ok": false, "error": ...}``), usage errors included.
Problems print one per line: ``file:line:col: path: 'value' message (rule N)``.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(main, ["--version"]).output.startswith("pea-docs, version")
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from pea_docs._version import __version__
from pea_docs.cli.output import CONTEXT, echo_json, handles_errors, json_option
from pea_docs.locale import LANGS

__all__ = ["LAZY_COMMANDS", "main"]


def _wants_json(args: Sequence[str]) -> bool:
    """Return whether ``--json`` is among the options of a command line (before ``--``)."""
    args = list(args)
    return "--json" in (args[:args.index("--")] if "--" in args else args)


#: exit code after SIGINT (Ctrl-C): 128 + 2, as shells report it
EXIT_INTERRUPTED = 130


#: The commands kept in other modules: name -> (module, short help for the list of commands).
#: A module is imported only when its command runs, so `pea-docs --help` and `pea-docs
#: forms` load none of the engines; a test keeps each short help equal to the command's own.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "archive": ("pea_docs.cli.archive",
                "Case files and the archive from the register: nomenclature, year's close, expiry, withdrawals."),
    "batch": ("pea_docs.cli.batch",
              "Render every document of INPUT... (YAML files, folders, globs; '-': stdin) into OUTDIR."),
    "check": ("pea_docs.cli.documents",
              "Check a Word TEMPLATE for every problem at once: syntax, tags, filters, missing data."),
    "inspect": ("pea_docs.cli.documents",
                "List the variables a Word TEMPLATE needs; write a YAML stub or a JSON Schema of them."),
    "lint": ("pea_docs.cli.documents",
             "Check finished Word DOCUMENT... against clauses 9-14: header, title, addressee, dates, signature."),
    "register": ("pea_docs.cli.register", "Keep the registers of incoming and outgoing correspondence (rules 16-23)."),
    "render": ("pea_docs.cli.documents",
               "Render one document: FORM (a form's name or a TEMPLATE.docx) filled with DATA.yaml ('-': stdin)."),
    "samples": ("pea_docs.cli.batch", "Render every sample input of pea-docs (the samples/ folder) into OUTDIR."),
    "serve": ("pea_docs.cli.serve",
              "Run the office server: the HTTP API for case software and the web page for the clerk."),
    "schema": ("pea_docs.cli.documents",
               "Print the JSON Schema of a FORM's data (or of a TEMPLATE.docx's variables)."),
    "validate": ("pea_docs.cli.documents",
                 "Check DATA.yaml... (files, folders, globs; '-': stdin) against the forms and the Rules."),
}


class _Group(click.Group):
    """The ``pea-docs`` group: lazy commands; usage errors as JSON under ``--json``; Ctrl-C exits 130."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            module = importlib.import_module(LAZY_COMMANDS[cmd_name][0])
            self.add_command(getattr(module, cmd_name))
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # the list of commands from the short helps above: listing loads no command's module
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                stand_in = click.Command(name, help=LAZY_COMMANDS[name][1])
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:  # UsageError, BadParameter, NoSuchOption, FileError, ...
            if not _wants_json(argv):
                exc.show()
            elif isinstance(exc, click.UsageError):
                echo_json({"ok": False, "error": "UsageError", "message": exc.format_message(),
                            "problems": [], "exit_code": exc.exit_code})
            else:
                echo_json({"ok": False, "error": type(exc).__name__, "message": exc.format_message(),
                            "problems": [], "exit_code": exc.exit_code})
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                click.echo("interrupted", err=True)
                sys.exit(EXIT_INTERRUPTED)
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        # what a command returns is no exit code, except what click's --help/--version exit with
        sys.exit(result if isinstance(result, int) else 0)



@click.group(cls=_Group, context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs batch samples -o out          render every sample into ./out
  pea-docs render destruction_act act.yaml -o act.docx --pdf
  pea-docs validate inputs/ --json
See docs/cli.md for every command, its exit codes and its JSON output.""")
@click.version_option(__version__, "-V", "--version", prog_name="pea-docs")
def main() -> None:
    """Produce the paperwork of a private enforcement agent of Kazakhstan (Order No. 386).

    Exit codes: 0 done, 1 some input invalid or failed, 2 usage error (or no such input),
    3 environment error, 130 interrupted (Ctrl-C), 143 stopped (SIGTERM).
    """


# ---------------------------------------------------------------------------- render

@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs forms
  pea-docs forms --lang kk --json""")
@click.option("--lang", type=click.Choice(LANGS), default="ru", show_default=True,
              help="Language of the titles.")
@json_option
@handles_errors
def forms(lang: str, as_json: bool) -> None:
    """List the built-in forms: name, file type, appendix of the Rules, title."""
    from pea_docs.documents.catalog import form_list  # not the API: listing needs no model

    found = form_list()
    if as_json:
        echo_json(found)
        return
    width = max((len(f["name"]) for f in found), default=4)
    for f in found:
        appendix = f"appendix {f['appendix']}" if f["appendix"] else ""
        click.echo(f"{f['name']:<{width}}  {f['suffix']:<5}  {appendix:<10}  {f['titles'][lang]}")

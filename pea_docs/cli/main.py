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

import functools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from pea_docs import __version__
from pea_docs.api import forms as list_forms
from pea_docs.api import render_input
from pea_docs.batch.run import (
    Progress,
    apply_office,
    office_profile,
    run_batch,
    validate_inputs,
)
from pea_docs.errors import InputError, PeaDocsError, Problem
from pea_docs.documents.registry import get_form
from pea_docs.io.inputs import (
    TOP_LEVEL_KEYS,
    InputDocument,
    load_documents,
    load_yaml,
    read_documents,
)
from pea_docs.locale import LANGS
from pea_docs.io.paths import safe_output_path

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ---------------------------------------------------------------------------- output helpers

def _emit_json(payload: Any) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def _line(problem: Problem | dict[str, Any]) -> str:
    """Return one problem as a line; warnings are marked."""
    if isinstance(problem, dict):
        text, severity = problem.get("text") or problem.get("message", ""), problem.get("severity")
    else:
        text, severity = str(problem), problem.severity
    return f"{text} [warning]" if severity == "warning" else text


def _fail(exc: PeaDocsError, as_json: bool) -> None:
    """Show an error without a traceback and exit with its code."""
    hint = getattr(exc, "hint", None)
    if as_json:
        _emit_json({"ok": False, **exc.to_dict(), **({"hint": hint} if hint else {}),
                    "exit_code": exc.exit_code})
    else:
        problems = getattr(exc, "problems", None)
        if problems:
            for p in problems:
                click.echo(_line(p), err=True)
        else:
            click.echo(f"error: {exc}", err=True)
        if hint:
            click.echo(f"hint: {hint}", err=True)
    sys.exit(exc.exit_code)


def _plural(count: int, word: str) -> str:
    """Return ``count`` and ``word``, in the plural unless ``count`` is 1.

    >>> _plural(1, "problem"), _plural(0, "warning"), _plural(21, "document")
    ('1 problem', '0 warnings', '21 documents')
    """
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _wants_json(args: Sequence[str]) -> bool:
    """Return whether ``--json`` is among the options of a command line (before ``--``)."""
    args = list(args)
    return "--json" in (args[:args.index("--")] if "--" in args else args)


#: exit code after SIGINT (Ctrl-C): 128 + 2, as shells report it
EXIT_INTERRUPTED = 130


class _Group(click.Group):
    """The ``pea-docs`` group: usage errors as JSON under ``--json``; Ctrl-C exits 130."""

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
                _emit_json({"ok": False, "error": "UsageError", "message": exc.format_message(),
                            "problems": [], "exit_code": exc.exit_code})
            else:
                _emit_json({"ok": False, "error": type(exc).__name__, "message": exc.format_message(),
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


def _handles_errors(fn: F) -> F:
    """Turn a PeaDocsError into clean output and its exit code (never a traceback)."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PeaDocsError as exc:
            if any(getattr(p, "code", "") == "input.missing" for p in getattr(exc, "problems", [])):
                raise click.UsageError(str(exc)) from None
            _fail(exc, kwargs.get("as_json", False))
    return wrapper  # type: ignore[return-value]


json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print a machine-readable JSON result (and errors) on standard output.")


class _BareDocument(InputDocument):
    """A YAML file that is a bare mapping of a template's values: the whole of it is ``data:``."""

    def place(self, problem: Problem, *, under: Sequence[str | int] = ("data",)) -> Problem:
        under = tuple(under)
        return super().place(problem, under=under[1:] if under[:1] == ("data",) else under)


class _UnknownKeysError(InputError):
    """Unknown top-level keys in an input document, with a hint to put the values under ``data:``."""

    hint = "put the values under data: (an input document holds form:, template:, lang:, output:, data:)"


def _read_input(data: str, *, bare: bool = False) -> list[InputDocument]:
    """Return the documents of ``data`` (a YAML file, ``-`` for standard input).

    With ``bare`` (a template named on the command line), a file holding one
    mapping with none of an input document's keys (form, template, lang, output,
    data) is the template's values. Else an unknown key is an error, with a hint.
    """
    name = "<stdin>" if data == "-" else data
    text = sys.stdin.read() if data == "-" else None
    try:
        return load_documents(text, name=name) if text is not None else read_documents(data)
    except InputError as exc:
        if not exc.problems or any(p.code != "field.unknown" for p in exc.problems):
            raise
        problems = exc.problems
    if bare:
        text = text if text is not None else Path(data).read_text(encoding="utf-8")
        loaded = load_yaml(text, name=name)
        if len(loaded) == 1 and isinstance(loaded[0], dict) and not {str(k) for k in loaded[0]} & set(TOP_LEVEL_KEYS):
            return [_BareDocument(None, None, "ru", None, loaded[0], name, 0, text)]
    raise _UnknownKeysError(problems) from None


def _is_template(form: str) -> bool:
    return form.lower().endswith(".docx")


def _load_data_file(path: str) -> dict[str, Any]:
    """Return the data of a YAML file: an input document's ``data:``, or the whole mapping."""
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    name = "<stdin>" if path == "-" else path
    try:
        docs = load_documents(text, name=name)
    except InputError as exc:  # not an input document: a bare mapping of the data
        if any(p.code != "field.unknown" for p in exc.problems):
            raise
        loaded = load_yaml(text, name=name)
        return loaded[0] if len(loaded) == 1 and isinstance(loaded[0], dict) else {}
    return docs[0].data if docs else {}


# ---------------------------------------------------------------------------- the group

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
  pea-docs render registration_stamp stamp.yaml -o stamp.docx
  pea-docs render letters/request.docx data.yaml --lang kk --pdf
  cat act.yaml | pea-docs render destruction_act - -o - > act.docx
  pea-docs render letter.docx values.yaml     (values.yaml: the bare mapping of its values)""")
@click.argument("form")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("-o", "--output", help="Output file or folder; '-' writes to standard output. "
              "Default: the input's output: or its name with the form's suffix, here.")
@click.option("--lang", type=click.Choice(LANGS), help="Language (default: the input's lang:, else ru).")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice, beside the output.")
@click.option("--draft", is_flag=True, help="Render even if the data breaks the Rules; mark it a draft.")
@json_option
@_handles_errors
def render(form: str, data: str, output: str | None, lang: str | None, pdf: bool, draft: bool,
           as_json: bool) -> None:
    """Render one document: FORM (a form's name or a TEMPLATE.docx) filled with DATA.yaml ('-': stdin).

    For a TEMPLATE.docx, DATA.yaml may also be a bare mapping of the template's values.
    """
    if pdf and output == "-":
        raise click.UsageError("--pdf needs an output file, not '-'")
    if _is_template(form) and not Path(form).is_file():
        raise click.BadParameter(f"{form!r} is not a file", param_hint="'FORM'")
    wanted = None if _is_template(form) else get_form(form).name  # an unknown name: "did you mean"
    if pdf:  # before anything is written, as `batch --pdf` does
        from pea_docs.ooxml.pdf import find_soffice
        find_soffice()
    docs = _read_input(data, bare=wanted is None)
    chosen = [d for d in docs if wanted is None or d.form in (None, wanted)]
    if len(chosen) != 1:
        raise InputError([Problem("document.count", "", (), data,
                                  f"holds {len(chosen)} documents{' of form ' + wanted if wanted else ''}; "
                                  "render several with `pea-docs batch`")])
    doc = chosen[0]
    if wanted:
        doc.form = wanted
    else:  # a template named on the command line is relative to here, not to the YAML file
        doc.template, doc.form = str(Path(form).resolve()), None
    if lang:
        doc.lang = lang
    # standard input has the office profile of the current folder
    apply_office(doc, office_profile(Path.cwd() / "stdin.yaml" if data == "-" else data))
    document = render_input(doc, draft=draft)
    content = document.to_bytes()
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        for p in document.problems:
            click.echo(_line(p), err=True)
        return
    target = _render_target(output, doc, data, form, document.suffix)
    document.save(target)
    pdf_path = None
    if pdf:
        from pea_docs.ooxml.pdf import Converter
        with Converter() as converter:
            result = converter.convert([target])[target]
        if isinstance(result, PeaDocsError):
            raise result
        pdf_path = result
    import hashlib
    if as_json:
        _emit_json({"ok": True, "output": str(target), "pdf": str(pdf_path) if pdf_path else None,
                    "sha256": hashlib.sha256(content).hexdigest(), "draft": draft,
                    "problems": [p.to_dict() for p in document.problems]})
        return
    for p in document.problems:
        click.echo(_line(p), err=True)
    click.echo(f"wrote {target}" + (f" and {pdf_path}" if pdf_path else "") + (" (draft)" if draft else ""))


def _render_target(output: str | None, doc: InputDocument, data: str, form: str, suffix: str) -> Path:
    if data == "-":
        default = (Path(form).stem if _is_template(form) else form) + suffix
    else:
        name = Path(data).name
        default = (name.rsplit(".", 1)[0] if name.lower().endswith((".yaml", ".yml")) else name) + suffix
    if output:  # the user's own choice on the command line: any path
        path = Path(output)
        return path / default if path.is_dir() else path
    if doc.output:  # from the data: must stay inside the current folder
        return safe_output_path(Path.cwd(), doc.output, file=doc.file, document=doc.index)
    return Path(default)


# ---------------------------------------------------------------------------- batch

class _Display:
    """Progress on standard error: a live line on a terminal, plain lines otherwise."""

    def __init__(self, quiet: bool, live: bool):
        self.quiet = quiet
        self.live = live
        self.last_shown = 0.0
        self.last_tenth = 0
        self.width = 0

    def __call__(self, state: Progress) -> None:
        record = state.last
        if record is not None and record.status == "failed":
            self._clear()
            for problem in record.errors:
                click.echo(_line(problem), err=True)
        if self.quiet:
            return
        now = time.monotonic()
        if self.live:
            if now - self.last_shown >= 0.1 or state.last is None:
                self.last_shown = now
                self._show(self._status(state, now))
        else:  # a line per tenth of the work, the last one at 100 %
            tenth = state.percent // 10
            if tenth > self.last_tenth:
                self.last_tenth = tenth
                click.echo(self._status(state, now), err=True)

    @staticmethod
    def _status(state: Progress, now: float) -> str:
        """Return the progress line: documents finished of those known (exact once all files are read)."""
        rate = state.finished / max(now - state.started, 1e-9)
        return (f"[{state.finished}/{state.known} documents {state.percent:3d}%] done {state.done}, "
                f"skipped {state.skipped}, failed {state.failed} ({rate:.0f} documents/s)")

    def _show(self, text: str) -> None:
        click.echo("\r" + text.ljust(self.width), err=True, nl=False)
        self.width = len(text)

    def _clear(self) -> None:
        if self.live and self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)
            self.width = 0

    def close(self) -> None:
        self._clear()


def _batch(inputs: Sequence[str], outdir: str, workers: int | None, pdf: bool, force: bool,
           timeout: float, quiet: bool, as_json: bool) -> None:
    display = None if as_json else _Display(quiet, live=sys.stderr.isatty())
    try:
        result = run_batch(list(inputs), outdir, workers=workers, pdf=pdf, force=force, timeout=timeout,
                           progress=display)
    finally:
        if display:
            display.close()
    summary = result.summary()
    if as_json:
        _emit_json({"ok": result.exit_code == 0, **summary,
                    "failures": [r.to_dict() for r in result.failures]})
    else:
        total = summary["done"] + summary["skipped"] + summary["failed"]
        rate = summary["done"] / result.seconds if result.seconds else 0.0
        click.echo(f"done {summary['done']}, skipped {summary['skipped']}, failed {summary['failed']} "
                   f"of {total} documents in {result.seconds:.1f} s ({rate:.0f} documents/s); "
                   f"manifest: {result.manifest}")
    sys.exit(result.exit_code)


def _batch_options(fn: F) -> F:
    for option in reversed([
        click.option("-w", "--workers", type=click.IntRange(min=0), default=None,
                     help="Worker processes (default: the CPU count; 0: none, render here)."),
        click.option("--pdf", is_flag=True, help="Also convert each document to PDF, beside it."),
        click.option("--force", is_flag=True, help="Render every document, even those up to date."),
        click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
                     help="Seconds allowed per document for the PDF conversion."),
        click.option("-q", "--quiet", is_flag=True, help="No progress; only failures and the summary."),
        json_option,
    ]):
        fn = option(fn)
    return fn


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs batch samples -o out
  pea-docs batch 'requests/**/*.yaml' office/ -o out --workers 4 --pdf
  pea-docs batch inputs -o out --json > result.json
Re-running the same command skips documents whose output is up to date; --force renders all.
Every input document is listed in OUTDIR/manifest.json.""")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="The output folder (created if needed).")
@_batch_options
@_handles_errors
def batch(inputs: tuple[str, ...], outdir: str, workers: int | None, pdf: bool, force: bool,
          timeout: float, quiet: bool, as_json: bool) -> None:
    """Render every document of INPUT... (YAML files, folders, globs; '-': stdin) into OUTDIR."""
    _batch(inputs, outdir, workers, pdf, force, timeout, quiet, as_json)


def _samples_folder() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "samples", here.parent / "samples", Path.cwd() / "samples"):
        if candidate.is_dir():
            return candidate
    raise InputError([Problem("input.missing", "", (), "samples",
                              "the samples folder is not found (it lives in the pea-docs source tree)")])


@main.command(context_settings=CONTEXT, epilog="""\b
Example:
  pea-docs samples -o out --pdf""")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="The output folder (created if needed).")
@_batch_options
@_handles_errors
def samples(outdir: str, workers: int | None, pdf: bool, force: bool, timeout: float, quiet: bool,
            as_json: bool) -> None:
    """Render every sample input of pea-docs (the samples/ folder) into OUTDIR."""
    _batch([str(_samples_folder())], outdir, workers, pdf, force, timeout, quiet, as_json)


# ---------------------------------------------------------------------------- validate

@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs validate act.yaml
  pea-docs validate inputs/ --json
  cat act.yaml | pea-docs validate -""")
@click.argument("inputs", nargs=-1, required=True)
@json_option
@_handles_errors
def validate(inputs: tuple[str, ...], as_json: bool) -> None:
    """Check DATA.yaml... (files, folders, globs; '-': stdin) against the forms and the Rules."""
    results = validate_inputs(list(inputs))
    errors = sum(len(r.errors) for _, _, r in results)
    warnings = sum(len(r.warnings) for _, _, r in results)
    bad = sum(1 for _, _, r in results if not r.ok)
    if as_json:
        _emit_json({"ok": bad == 0, "documents": [
            {"input": s.name, "document": i, "ok": r.ok, "problems": [p.to_dict() for p in r]}
            for s, i, r in results]})
    else:
        for _, _, report in results:
            for p in report:
                click.echo(_line(p), err=True)
        click.echo(f"{_plural(len(results), 'document')}: {len(results) - bad} valid, {bad} with errors "
                   f"({_plural(errors, 'error')}, {_plural(warnings, 'warning')})")
    sys.exit(1 if bad else 0)


# ---------------------------------------------------------------------------- templates

@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs check letter.docx
  pea-docs check letter.docx --data letter.yaml --json""")
@click.argument("template", type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data_file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="A YAML file of data ('-': stdin): report the variables it lacks.")
@json_option
@_handles_errors
def check(template: str, data_file: str | None, as_json: bool) -> None:
    """Check a Word TEMPLATE for every problem at once: syntax, tags, filters, missing data."""
    from pea_docs.templating.template import check_template
    data = _load_data_file(data_file) if data_file else None
    problems = list(check_template(template, data=data))
    failed = any(p.severity == "error" for p in problems)
    if as_json:
        _emit_json({"ok": not failed, "template": template, "problems": [p.to_dict() for p in problems]})
    else:
        for p in problems:
            click.echo(_line(p), err=True)
        click.echo(f"{template}: {_plural(len(problems), 'problem')}" if problems else f"{template}: no problems")
    sys.exit(1 if failed else 0)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs inspect letter.docx
  pea-docs inspect letter.docx --stub letter.yaml --schema letter.schema.json""")
@click.argument("template", type=click.Path(exists=True, dir_okay=False))
@click.option("--stub", help="Write a YAML stub of the data to fill in ('-': stdout).")
@click.option("--schema", help="Write the JSON Schema of the data ('-': stdout).")
@json_option
@_handles_errors
def inspect(template: str, stub: str | None, schema: str | None, as_json: bool) -> None:
    """List the variables a Word TEMPLATE needs; write a YAML stub or a JSON Schema of them."""
    from pea_docs.templating.template import inspect_template
    info = inspect_template(template)
    stub_text = info.to_yaml_stub()
    schema_text = json.dumps(info.to_json_schema(), ensure_ascii=False, indent=2) + "\n"
    for target, text in ((stub, stub_text), (schema, schema_text)):
        if target == "-":
            click.echo(text, nl=False)
        elif target:
            _write_text(target, text)
    if as_json:
        _emit_json({"ok": True, **info.to_dict(), "schema": info.to_json_schema(), "stub": stub_text})
    elif not stub and not schema:
        click.echo(f"{template} needs:")
        for path in info.paths():
            click.echo(f"  {path}")


def _write_text(path: str, text: str) -> None:
    from pea_docs.ooxml.document import atomic_write
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs schema destruction_act > destruction_act.schema.json
  pea-docs schema letter.docx""")
@click.argument("form")
@click.option("-o", "--output", help="Write the schema to this file instead of standard output.")
@json_option
@_handles_errors
def schema(form: str, output: str | None, as_json: bool) -> None:
    """Print the JSON Schema of a FORM's data (or of a TEMPLATE.docx's variables)."""
    if _is_template(form):
        from pea_docs.templating.template import inspect_template
        result = inspect_template(form).to_json_schema()
    else:
        result = get_form(form).model.model_json_schema()
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if output and output != "-":
        _write_text(output, text)
        if as_json:
            _emit_json({"ok": True, "output": output})
    else:
        click.echo(text, nl=False)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs forms
  pea-docs forms --lang kk --json""")
@click.option("--lang", type=click.Choice(LANGS), default="ru", show_default=True,
              help="Language of the titles.")
@json_option
@_handles_errors
def forms(lang: str, as_json: bool) -> None:
    """List the built-in forms: name, file type, appendix of the Rules, title."""
    found = list_forms()
    if as_json:
        _emit_json(found)
        return
    width = max((len(f["name"]) for f in found), default=4)
    for f in found:
        appendix = f"appendix {f['appendix']}" if f["appendix"] else ""
        click.echo(f"{f['name']:<{width}}  {f['suffix']:<5}  {appendix:<10}  {f['titles'][lang]}")


# ---------------------------------------------------------------------------- other groups

# The register store brings its own `register` group; it is added here when present,
# so that neither module edits the other.
try:
    from pea_docs.cli.register import register as _register_group
except ModuleNotFoundError as _exc:  # the store is not there: no `register` command
    if _exc.name not in ("pea_docs.cli.register", "pea_docs.store"):
        raise
else:
    main.add_command(_register_group)

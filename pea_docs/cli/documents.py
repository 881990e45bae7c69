"""``pea-docs render``, ``validate``, ``check``, ``inspect`` and ``schema``: one document or template at a time.

Loaded only when one of these commands runs (see :mod:`pea_docs.cli.main`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pea_docs.api import apply_office, choose_document, is_template, render_input
from pea_docs.cli.output import CONTEXT, echo_json, handles_errors, json_option, plural, problem_line
from pea_docs.documents.registry import get_form
from pea_docs.errors import InputError, PeaDocsError
from pea_docs.io.inputs import InputDocument, read_input
from pea_docs.io.office import office_profile
from pea_docs.io.paths import safe_output_path
from pea_docs.locale import LANGS

__all__ = ["check", "inspect", "lint", "render", "schema", "validate"]


@click.command(context_settings=CONTEXT, epilog="""\b
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
@handles_errors
def render(form: str, data: str, output: str | None, lang: str | None, pdf: bool, draft: bool,
           as_json: bool) -> None:
    """Render one document: FORM (a form's name or a TEMPLATE.docx) filled with DATA.yaml ('-': stdin).

    For a TEMPLATE.docx, DATA.yaml may also be a bare mapping of the template's values.
    """
    if pdf and output == "-":
        raise click.UsageError("--pdf needs an output file, not '-'")
    if is_template(form) and not Path(form).is_file():
        raise click.BadParameter(f"{form!r} is not a file", param_hint="'FORM'")
    wanted = None if is_template(form) else get_form(form).name  # an unknown name: "did you mean"
    if pdf:  # before anything is written, as `batch --pdf` does
        from pea_docs.ooxml.pdf import find_soffice
        find_soffice()
    doc = choose_document(read_input(data, bare=wanted is None), form, data)
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
            click.echo(problem_line(p), err=True)
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
        echo_json({"ok": True, "output": str(target), "pdf": str(pdf_path) if pdf_path else None,
                    "sha256": hashlib.sha256(content).hexdigest(), "draft": draft,
                    "problems": [p.to_dict() for p in document.problems]})
        return
    for p in document.problems:
        click.echo(problem_line(p), err=True)
    click.echo(f"wrote {target}" + (f" and {pdf_path}" if pdf_path else "") + (" (draft)" if draft else ""))


def _render_target(output: str | None, doc: InputDocument, data: str, form: str, suffix: str) -> Path:
    if data == "-":
        default = (Path(form).stem if is_template(form) else form) + suffix
    else:
        name = Path(data).name
        default = (name.rsplit(".", 1)[0] if name.lower().endswith((".yaml", ".yml")) else name) + suffix
    if output:  # the user's own choice on the command line: any path
        path = Path(output)
        # a folder, or a name ending in a slash: a folder to be (created when the file is saved)
        return path / default if path.is_dir() or output.endswith(("/", os.sep)) else path
    if doc.output:  # from the data: must stay inside the current folder
        return safe_output_path(Path.cwd(), doc.output, file=doc.file, document=doc.index)
    return Path(default)


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs validate act.yaml
  pea-docs validate inputs/ --json
  cat act.yaml | pea-docs validate -""")
@click.argument("inputs", nargs=-1, required=True)
@json_option
@handles_errors
def validate(inputs: tuple[str, ...], as_json: bool) -> None:
    """Check DATA.yaml... (files, folders, globs; '-': stdin) against the forms and the Rules."""
    from pea_docs.batch.run import validate_inputs

    results = validate_inputs(list(inputs))
    errors = sum(len(r.errors) for _, _, r in results)
    warnings = sum(len(r.warnings) for _, _, r in results)
    bad = sum(1 for _, _, r in results if not r.ok)
    if as_json:
        echo_json({"ok": bad == 0, "documents": [
            {"input": s.name, "document": i, "ok": r.ok, "problems": [p.to_dict() for p in r]}
            for s, i, r in results]})
    else:
        for _, _, report in results:
            for p in report:
                click.echo(problem_line(p), err=True)
        click.echo(f"{plural(len(results), 'document')}: {len(results) - bad} valid, {bad} with errors "
                   f"({plural(errors, 'error')}, {plural(warnings, 'warning')})")
    sys.exit(1 if bad else 0)


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs check letter.docx
  pea-docs check letter.docx --data letter.yaml --json""")
@click.argument("template", type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data_file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="A YAML file of data ('-': stdin): report the variables it lacks.")
@json_option
@handles_errors
def check(template: str, data_file: str | None, as_json: bool) -> None:
    """Check a Word TEMPLATE for every problem at once: syntax, tags, filters, missing data."""
    from pea_docs.templating.template import check_template
    data, doc = None, None
    if data_file:  # an input document's data: or a bare mapping of the template's values
        docs = read_input(data_file, bare=True)
        doc = docs[0] if docs else None
        data = doc.data if doc else {}
    problems = list(check_template(template, data=data))
    if doc is not None:  # a value of the data is placed in the data file, as render places it
        problems = [p if p.code.startswith("template.") else doc.place(p) for p in problems]
    failed = any(p.severity == "error" for p in problems)
    if as_json:
        echo_json({"ok": not failed, "template": template, "problems": [p.to_dict() for p in problems]})
    else:
        for p in problems:
            click.echo(problem_line(p), err=True)
        click.echo(f"{template}: {plural(len(problems), 'problem')}" if problems else f"{template}: no problems")
    sys.exit(1 if failed else 0)


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs lint letter.docx
  pea-docs lint out/*.docx --json

Reads letters, resolutions and acts as a reader sees them; each finding names
its clause and its place (paragraph, or table, row and cell). Exit 1 when a
document has an error (warnings alone: 0).""")
@click.argument("documents", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@json_option
@handles_errors
def lint(documents: tuple[str, ...], as_json: bool) -> None:
    """Check finished Word DOCUMENT... against clauses 9-14: header, title, addressee, dates, signature."""
    from pea_docs.lint import lint_document
    results = []
    for path in documents:
        try:
            results.append((path, lint_document(path)))
        except InputError as exc:  # one unreadable file is a finding of its own; the others are read
            results.append((path, list(exc.problems)))
    failed = sum(any(p.severity == "error" for p in found) for _, found in results)
    if as_json:
        echo_json({"ok": not failed, "documents": [
            {"document": path, "ok": not any(p.severity == "error" for p in found),
             "problems": [p.to_dict() for p in found]} for path, found in results]})
    else:
        for path, found in results:
            for p in found:
                click.echo(problem_line(p), err=True)
            click.echo(f"{path}: {plural(len(found), 'finding')}" if found else f"{path}: no findings")
    sys.exit(1 if failed else 0)


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs inspect letter.docx
  pea-docs inspect letter.docx --stub letter.yaml --schema letter.schema.json""")
@click.argument("template", type=click.Path(exists=True, dir_okay=False))
@click.option("--stub", help="Write a YAML stub of the data to fill in ('-': stdout).")
@click.option("--schema", help="Write the JSON Schema of the data ('-': stdout).")
@json_option
@handles_errors
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
        echo_json({"ok": True, **info.to_dict(), "schema": info.to_json_schema(), "stub": stub_text})
    elif not stub and not schema:
        click.echo(f"{template} needs:")
        for path in info.paths():
            click.echo(f"  {path}")


def _write_text(path: str, text: str) -> None:
    from pea_docs.ooxml.document import atomic_write
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs schema destruction_act > destruction_act.schema.json
  pea-docs schema letter.docx""")
@click.argument("form")
@click.option("-o", "--output", help="Write the schema to this file instead of standard output.")
@json_option
@handles_errors
def schema(form: str, output: str | None, as_json: bool) -> None:
    """Print the JSON Schema of a FORM's data (or of a TEMPLATE.docx's variables)."""
    if is_template(form):
        from pea_docs.templating.template import inspect_template
        result = inspect_template(form).to_json_schema()
    else:
        result = get_form(form).model.model_json_schema()
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if output and output != "-":
        _write_text(output, text)
        if as_json:
            echo_json({"ok": True, "output": output})
    else:
        click.echo(text, nl=False)

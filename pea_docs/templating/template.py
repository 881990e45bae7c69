"""Users' own Word templates: render them safely, check them, tell what they need.

A template is an ordinary .docx with Jinja tags (docxtpl's dialect:
``{{ debtor|name }}``, ``{%tr for a in appendices %}`` ...). pea-docs renders it
in Jinja's sandbox with every value escaped for XML, fails on a missing
variable naming it and its place, cleans the tags Word split across runs, and
renders headers, footers, table loops and document properties. A template is
prepared once per process and each document renders only the parts with tags
(:mod:`pea_docs.templating.compiled`); the text equals what docxtpl produces.

>>> import io, docx
>>> from pea_docs.templating.compiled import _example_docx
>>> from pathlib import Path; import tempfile
>>> path = Path(tempfile.mkdtemp()) / "t.docx"; _ = path.write_bytes(_example_docx())
>>> doc = render_template(path, {"who": "Smith & Sons <Ltd>"}, lang="en")
>>> docx.Document(io.BytesIO(doc.to_bytes())).paragraphs[0].text
'To Smith & Sons <Ltd>'
>>> render_template(path, {})
Traceback (most recent call last):
...
pea_docs.errors.UndefinedVariableError: t.docx: who: is not in the data, and the template uses it — body, paragraph 1: «To {{ who }}»
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError
from pydantic import BaseModel

from pea_docs.errors import (
    InputError,
    Problem,
    RuleViolationError,
    TemplateError,
    TemplateSecurityError,
    TextError,
    UndefinedVariableError,
)
from pea_docs.locale import check_lang
from pea_docs.models.text import clean_data
from pea_docs.ooxml.document import Document
from pea_docs.templating.checker import (
    TemplateProblem,
    data_problems,
    tag_problems,
    template_needs,
    unsafe_problems,
)
from pea_docs.templating.compiled import CompiledPart, Filters, PreparedTemplate, prepared_template
from pea_docs.templating.docx_xml import Place
from pea_docs.templating.environment import FILTERS, filter_language
from pea_docs.templating.guard import render_budget
from pea_docs.templating.images import image_session
from pea_docs.templating.inspector import TemplateInfo
from pea_docs.templating.subdocs import compose

__all__ = ["TemplateInfo", "check_data", "check_template", "inspect_template", "render_template"]

PathLike = str | os.PathLike[str]
Data = Mapping[str, Any] | BaseModel | None


def _context(data: Data) -> dict[str, Any]:
    if data is None:
        return {}
    if isinstance(data, BaseModel):
        # keep nested models: filters take them as they are, attributes read the same
        return {name: getattr(data, name) for name in type(data).model_fields}
    if not isinstance(data, Mapping):
        raise InputError([Problem("value.type", "", (), type(data).__name__,
                                  "template data must be a mapping of names to values")])
    return dict(data)


def _cleaned(data: Data) -> Data:
    """Return ``data`` with its texts cleaned by the policy of :mod:`pea_docs.models.text`.

    Raises:
        TextError: a text holds a control character (or a key is not text).
    """
    if not isinstance(data, Mapping):
        return data  # a model is cleaned by its own validators
    cleaned, problems = clean_data(data, template=True)
    if problems:
        raise TextError(problems)
    return dict(cleaned)


def _stem(name: str) -> str:
    """Return ``PurePath(name).stem`` without making a path (a document's name, every document).

    >>> _stem("letter.docx"), _stem("a.b.docx"), _stem(".docx"), _stem("t.")
    ('letter', 'a.b', '.docx', 't.')
    """
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _part_bytes(prepared: PreparedTemplate, rendered: Mapping[str, Any], name: str) -> bytes | None:
    # a part as it now stands: rendered (a hyperlink's address filled in), else as prepared
    if name in rendered:
        return zlib.decompress(rendered[name].deflated, -15)
    return prepared.originals.get(name)


def _broken(prepared: PreparedTemplate, file: str) -> TemplateError:
    problems = tag_problems(prepared, file=file)
    first = problems[0] if problems else None
    message = "\n".join(str(p) for p in problems) or f"{file}: the template does not compile"
    return TemplateError(message, part=None, context=first.message if first else None,
                         problems=problems)


def _template_line(exc: BaseException) -> int | None:
    # Jinja rewrites tracebacks so that template frames carry template line numbers
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _failed_part(prepared: PreparedTemplate, rendered: int) -> CompiledPart:
    return prepared.parts[min(rendered, len(prepared.parts) - 1)]


def _render_error(exc: Exception, place: Place, file: str) -> Exception:
    where = f"{place.describe()}: «{place.around()}»" if place.text else place.describe()
    if isinstance(exc, SecurityError):
        return TemplateSecurityError(
            f"{file}: the template is refused: {exc} — a template cannot reach Python internals, "
            f"files or processes — {where}", part=place.describe(), context=place.around())
    if isinstance(exc, jinja2.UndefinedError):
        message = f"{file}: {exc} — {where}"
        problem = TemplateProblem("template.variable_missing", "", place.loc(), None, f"{exc} — {where}",
                                  file=file, place=place)
        return UndefinedVariableError(message, part=place.describe(), context=place.around(),
                                      problems=[problem])
    if isinstance(exc, InputError):
        problems = [replace(p, message=f"{p.message} — {where}", file=p.file or file)
                    for p in exc.problems]
        return type(exc)(problems)
    # any other exception is a tag that fails on this data (a division by zero, a method of
    # the wrong value): one registered problem with its place, never a code made up from a class
    message = f"fails: {type(exc).__name__}: {exc} — {where}"
    problem = TemplateProblem("template.runtime", "", place.loc(), None, message, file=file, place=place)
    return TemplateError(f"{file}: {message}", part=place.describe(), context=place.around(),
                         problems=[problem])


def render_template(path: PathLike, data: Data, *, lang: str = "ru", draft: bool = False,
                    filters: Filters | None = None, base_dir: PathLike | None = None) -> Document:
    """Return the Word template at ``path`` filled with ``data``.

    Args:
        path: a .docx with Jinja tags; it may import or include the text templates
            (``.j2``, ``.jinja``, ``.txt``) of its own folder: ``{% from 'macros.j2' import short %}``.
        data: a mapping (or a model) of the values the template uses.
        lang: the language of the filters (``date``, ``title``, ``money`` ...).
        draft: render even if data given to the filters breaks the Rules.
        filters: filters of your own, by name (``{"upper_first": ...}``), beside pea-docs'
            (which they may not replace) and those of installed ``pea_docs.filters`` plugins.
        base_dir: the folder ``{{ image('seal.png') }}`` reads images from (never out of it);
            by default the template's own folder.

    Raises:
        TemplateError: the template is broken (every problem listed, with its place).
        UndefinedVariableError: the data lacks variables the template uses (each named
            with its place).
        TemplateSecurityError: the template reaches for Python internals.
        RuleViolationError: data given to a filter breaks the Rules (not for a draft).
        InputError: a filter cannot format a value.
    """
    check_lang(lang)
    # os.path, not pathlib: paths made for every document cost more than a small letter's checks
    file = os.path.basename(os.fspath(path))
    data = _cleaned(data)
    prepared = prepared_template(path, filters)
    if prepared.errors:
        raise _broken(prepared, file)
    unsafe = unsafe_problems(prepared, file=file)
    if unsafe:
        raise TemplateSecurityError(f"{file}: the template is refused: " + "; ".join(
            p.message for p in unsafe), part=unsafe[0].message.split(" — ")[-1].split(":")[0],
            context=unsafe[0].message, problems=unsafe)
    problems = data_problems(prepared, data, file=file)
    missing = [p for p in problems if p.code == "template.variable_missing"]
    if missing:
        raise UndefinedVariableError("\n".join(str(p) for p in missing), part=None,
                                     context=missing[0].message, problems=missing)
    errors = [p for p in problems if p.severity == "error"]
    if errors and not draft:
        raise RuleViolationError(errors)
    context = _context(data)
    rendered: list[Any] = []
    try:
        with filter_language(lang), render_budget(), image_session(base_dir or os.path.dirname(path) or ".") as images:
            for part in prepared.parts:
                rendered.append(prepared.render_part(part, context))
    except (jinja2.TemplateError, InputError, TypeError, ValueError, AttributeError,
            ArithmeticError, LookupError, RuntimeError, MemoryError) as exc:
        # RuntimeError: a macro that calls itself without end (RecursionError)
        part = _failed_part(prepared, len(rendered))
        raise _render_error(exc, part.source.place_at(_template_line(exc)), file) from None
    if images.placed:  # the media, relationships and content types the images add
        by_name = {member.name: member for member in rendered}
        by_name.update((m.name, m) for m in images.members(lambda name: _part_bytes(prepared, by_name, name)))
        rendered = list(by_name.values())
    content = prepared.assemble(rendered)
    if images.subdocs:  # the subdocuments' bodies, with their images, styles and numbering (docxcompose)
        try:
            content = compose(content, images.subdocs)
        except InputError as exc:
            raise type(exc)([replace(p, file=p.file or file) for p in exc.problems]) from None
    return Document.from_bytes(content, suffix=".docx", name=_stem(file), draft=draft,
                               problems=problems)


def check_data(path: PathLike, data: Data, *, filters: Filters | None = None) -> list[Problem]:
    """Return the problems ``data`` has for the template: missing variables, rule breaches.

    Raises:
        TemplateError: the template cannot be read or does not compile.
    """
    file = Path(path).name
    prepared = prepared_template(path, filters)
    if prepared.errors:
        raise _broken(prepared, file)
    return data_problems(prepared, data, file=file)


def check_template(path: PathLike, data: Data = None, *, filters: Filters | None = None) -> list[Problem]:
    """Return every problem of the template at once, each with its place; never raise.

    Finds Jinja syntax errors, unbalanced ``{%tr %}``/``{%p %}``/``{%tc %}`` pairs,
    unknown filters, reaching for internals and, when ``data`` is given, the
    variables the data does not provide.

    >>> import tempfile; from pathlib import Path
    >>> from pea_docs.templating.compiled import _example_docx
    >>> path = Path(tempfile.mkdtemp()) / "letter.docx"
    >>> _ = path.write_bytes(_example_docx("To {{ debtor|nmae }}"))
    >>> [(p.code, p.message[:40]) for p in check_template(path)]
    [('template.filter_unknown', "there is no filter 'nmae'; did you mean ")]
    """
    file = Path(path).name
    try:
        prepared = prepared_template(path, filters)
    except TemplateError as exc:
        return [Problem("template.unreadable", "", (), str(path), str(exc).split(": ", 1)[-1],
                        file=file)]
    problems = tag_problems(prepared, file=file)
    if data is not None:
        problems += data_problems(prepared, data, file=file)
    return problems


def inspect_template(path: PathLike, *, filters: Filters | None = None) -> TemplateInfo:
    """Return the variables the template needs (with nested attributes and loops).

    Raises:
        TemplateError: the template cannot be read or has errors (every one listed).

    >>> import tempfile; from pathlib import Path
    >>> from pea_docs.templating.compiled import _example_docx
    >>> path = Path(tempfile.mkdtemp()) / "letter.docx"
    >>> _ = path.write_bytes(_example_docx("To {{ debtor|name }} on {{ sent|date }}"))
    >>> info = inspect_template(path)
    >>> info.paths(), info.filters
    (['debtor', 'sent'], ['date', 'name'])
    """
    file = Path(path).name
    prepared = prepared_template(path, filters)
    if prepared.errors:
        raise _broken(prepared, file)
    needs = template_needs(prepared)
    used = sorted({name for part in prepared.parts for name in FILTERS
                   if f"|{name}" in part.source.text.replace(" ", "")})
    return TemplateInfo(file, needs, used)


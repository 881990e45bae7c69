"""The entry points: :func:`render`, :func:`validate` and :func:`forms`.

``data`` is a dict, a model, or the path of a YAML input file (DATA.md). A
built-in form is named (``"destruction_act"``); a user's Word template is given
by its path (``"letters/request.docx"``).

>>> {f["name"]: f["appendix"] for f in forms() if f["appendix"]}["destruction_act"]
4
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pea_docs.documents.registry import FormSpec, get_form
from pea_docs.errors import InputError, Problem, Report, RuleViolationError
from pea_docs.io.inputs import InputDocument, input_document, read_documents
from pea_docs.locale import check_lang
from pea_docs.models import coerce
from pea_docs.models.office import Office
from pea_docs.ooxml.document import Document

__all__ = ["InputDocument", "apply_office", "choose_document", "forms", "is_template", "render", "render_input",
           "template_path", "validate", "validate_input"]

Data = Mapping[str, Any] | BaseModel | str | os.PathLike[str]


def forms() -> list[dict[str, Any]]:
    """Return every built-in form: name, appendix number, file type and titles in each language.

    >>> act = next(f for f in forms() if f["name"] == "destruction_act")
    >>> act["appendix"], act["suffix"], act["titles"]["en"][:40]
    (4, '.docx', 'ACT on allocation for destruction of doc')
    """
    from pea_docs.documents.catalog import form_list
    return form_list()


def is_template(form: str | os.PathLike[str]) -> bool:
    """Return whether ``form`` names a Word template (a path, or a name ending in .docx), not a form.

    >>> is_template("letters/request.docx"), is_template("destruction_act")
    (True, False)
    """
    return isinstance(form, os.PathLike) or str(form).lower().endswith(".docx")


def choose_document(docs: list[InputDocument], form: str | os.PathLike[str] | None,
                    source: str | os.PathLike[str]) -> InputDocument:
    """Return the one document of ``docs`` (read from ``source``) that ``form`` names, ready to render.

    The one place that decides between a built-in form and a user's template:
    ``form`` is a form's name, a template's path (``.docx``; relative to the caller,
    not to the YAML file), or None (the file's own ``form:``/``template:``).

    Raises:
        InputError: no document, or several, of that form (``document.count``).

    >>> from pea_docs.io.inputs import load_documents
    >>> docs = load_documents("form: registration_stamp\\ndata: {}\\n---\\nform: destruction_act\\ndata: {}\\n")
    >>> choose_document(docs, "destruction_act", "two.yaml").index
    1
    """
    wanted = None if form is None or is_template(form) else str(form)
    chosen = [d for d in docs if wanted is None or d.form in (None, wanted)]
    if not chosen and docs:
        others = sorted({d.form or d.template or "?" for d in docs})
        raise InputError([Problem("document.count", "", ("form",), wanted,
                                  f"is not the form of this file, which holds {', '.join(others)}; "
                                  "name that form, or correct the file's form:", file=str(source))])
    if len(chosen) != 1:
        raise InputError([Problem("document.count", "", (), str(source),
                                  f"holds {len(chosen)} documents{' of form ' + wanted if wanted else ''}; "
                                  "render one at a time with render_input(), or run `pea-docs batch`",
                                  file=str(source))])
    doc = chosen[0]
    if wanted:
        doc.form = wanted
    elif form is not None:  # a template named by the caller is relative to the caller, not to the YAML file
        doc.template, doc.form = str(Path(form).resolve()), None
    return doc


def _single_input(form: str | os.PathLike[str] | None, path: str | os.PathLike[str]) -> InputDocument:
    return choose_document(read_documents(path), form, path)


def _check(spec: FormSpec, data: Mapping[str, Any] | BaseModel) -> tuple[Any, Report]:
    """Return the model (None if the data does not fit it) and every problem found."""
    try:
        model = coerce(spec.model, data)
    except InputError as exc:
        return None, Report(exc.problems)
    return model, Report(spec.check(model))


def validate(form: str | os.PathLike[str], data: Data, *, lang: str | None = None) -> Report:
    """Return every problem of ``data`` for ``form``; never raise for bad data.

    Each problem names its clause of the Rules, its field path and, for YAML
    input, the file and line.

    >>> report = validate("registration_stamp", {"agent": {"surname": "Сапаров", "name": "Арман"},
    ...                   "date": "2025-01-09", "index": "15", "color": "black"})
    >>> [(p.code, p.clause) for p in report.errors]
    [('stamp.color', 'rule 60')]
    """
    try:
        if isinstance(data, (str, os.PathLike)):
            return validate_input(_single_input(form, data))
        if lang is not None:
            check_lang(lang)
        if is_template(form):
            from pea_docs.templating.template import check_data
            return Report(check_data(form, data))
        return _check(get_form(str(form)), data)[1]
    except InputError as exc:
        return Report(exc.problems)


def validate_input(doc: InputDocument | Mapping[str, Any]) -> Report:
    """Return every problem of one YAML input document (or the same as a dict), placed at its file and line.

    Never raises for bad data: an unknown language or form, or an unreadable
    template, is one more problem in the report.
    """
    try:
        doc = input_document(doc)
    except InputError as exc:
        return Report(exc.problems)
    problems: list[Problem] = []
    try:
        check_lang(doc.lang)
    except InputError as exc:
        problems += [doc.place(p, under=()) for p in exc.problems]
    try:
        if doc.template:
            from pea_docs.templating.template import check_data
            problems += [doc.place(p) for p in check_data(template_path(doc), doc.data)]
        elif not doc.form:
            problems.append(doc.place(Problem("field.missing", "", ("form",), None,
                                              "is required: the form or template to render"),
                                      under=()))
        else:
            problems += [doc.place(p) for p in _check(get_form(doc.form), doc.data)[1]]
    except InputError as exc:
        problems += [doc.place(p, under=()) for p in exc.problems]
    return Report(problems)


def template_path(doc: InputDocument) -> Path:
    """Return the path of a document's ``template:``, relative to its YAML file."""
    return _template_at(doc.template or "", os.path.dirname(doc.file) if doc.file else None)


@functools.lru_cache(maxsize=256)
def _template_at(template: str, folder: str | None) -> Path:
    # asked four times a document of a batch (plan, fingerprint, state, render), for the same
    # few templates and folders: pathlib's parsing cost more than reading the YAML of a letter
    path = Path(template)
    if not path.is_absolute() and folder is not None:
        path = Path(folder or ".") / path
    return path


def render(form: str | os.PathLike[str], data: Data, *, lang: str | None = None,
           draft: bool = False, filters: Mapping[str, Callable[..., Any]] | None = None,
           base_dir: str | os.PathLike[str] | None = None) -> Document:
    """Return the document ``form`` filled with ``data``.

    Args:
        form: a built-in form's name, or the path of a Word template (.docx).
        data: a dict, a model, or the path of a YAML input holding one document.
        lang: ``ru`` (default), ``kk`` or ``en``; a YAML input's ``lang:`` is used when omitted.
        draft: render even if the data breaks the Rules, and mark the document a draft.
        filters: a Word template's own filters, by name (docs/templates.md, "Reuse").
        base_dir: where a Word template's ``image('seal.png')`` finds its images: by default the
            YAML input's folder, else the template's.

    Raises:
        InputError: the data does not fit the form (every problem listed).
        RuleViolationError: the data breaks the Rules and ``draft`` is False.

    >>> doc = render("registration_stamp", {"agent": {"surname": "Сапаров", "name": "Арман"},
    ...                                     "date": "2025-01-09", "index": "15"}, lang="kk")
    >>> doc.suffix, doc.to_bytes()[:2]
    ('.docx', b'PK')
    """
    if isinstance(data, (str, os.PathLike)):
        doc = _single_input(form, data)
        if lang is not None:
            doc.lang = lang
        return render_input(doc, draft=draft, filters=filters, base_dir=base_dir)
    lang = check_lang(lang or "ru")
    if is_template(form):
        from pea_docs.templating.template import render_template
        return render_template(form, data, lang=lang, draft=draft, filters=filters, base_dir=base_dir)
    spec = get_form(str(form))
    model, report = _check(spec, data)
    return _build(spec, model, report, lang=lang, draft=draft)


def render_input(doc: InputDocument | Mapping[str, Any], *, draft: bool = False,
                 filters: Mapping[str, Callable[..., Any]] | None = None,
                 base_dir: str | os.PathLike[str] | None = None) -> Document:
    """Return the document described by one YAML input document (or the same as a dict).

    Problems carry the input's file, document index, line and column.

    >>> stamp = {"form": "registration_stamp", "data": {"agent": {"surname": "Сапаров", "name": "Арман"},
    ...          "date": "2025-01-09", "index": "15"}}
    >>> render_input(stamp).suffix
    '.docx'
    """
    doc = input_document(doc)
    lang = check_lang(doc.lang)
    if doc.template:
        from pea_docs.templating.template import render_template
        try:
            # images are found beside the YAML input (a template's own folder when there is none)
            images = base_dir or (os.path.dirname(doc.file) or "." if doc.file and doc.file != "-" else None)
            return render_template(template_path(doc), doc.data, lang=lang, draft=draft, filters=filters,
                                   base_dir=images)
        except InputError as exc:
            raise type(exc)([doc.place(p) for p in exc.problems]) from None
    if not doc.form:
        raise InputError([doc.place(Problem("field.missing", "", ("form",), None,
                                            "is required: the form or template to render"), under=())])
    spec = get_form(doc.form)
    model, report = _check(spec, doc.data)
    report = Report(doc.place(p) for p in report)
    return _build(spec, model, report, lang=lang, draft=draft)


def _build(spec: FormSpec, model: Any, report: Report, *, lang: str, draft: bool) -> Document:
    if model is None:  # the data does not even fit the form: nothing to draw a draft from
        raise InputError(report.errors)
    if report.errors and not draft:
        raise RuleViolationError(report.errors)
    document: Document = spec.build(model, lang, draft)
    document.problems = list(report)
    document.draft = draft
    return document


def _wants(doc: InputDocument, key: str) -> bool:
    if doc.template:
        return key == "agent"  # a user's template may use the agent; office hours concern registers
    try:
        return key in get_form(doc.form or "").model.model_fields
    except InputError:
        return False


def apply_office(doc: InputDocument, profile: Mapping[str, Any]) -> InputDocument:
    """Give ``doc`` the office profile's ``agent``, ``refusal_grounds`` and ``office`` where its form takes
    one and it has none.

    The profile is what :mod:`pea_docs.io.office` reads from ``office.yaml``.

    >>> from pea_docs.io.inputs import load_documents
    >>> doc = load_documents("form: registration_stamp\\ndata: {date: 2025-01-09, index: '15'}\\n")[0]
    >>> apply_office(doc, {"agent": {"surname": "Сапаров", "name": "Арман"}}).data["agent"]["surname"]
    'Сапаров'
    """
    for key in ("agent", "refusal_grounds"):
        if key in profile and key not in doc.data and _wants(doc, key):
            doc.data = {**doc.data, key: profile[key]}
    calendar = {k: v for k, v in profile.items() if k in Office.model_fields}
    if calendar and "office" not in doc.data and _wants(doc, "office"):
        doc.data = {**doc.data, "office": calendar}
    return doc

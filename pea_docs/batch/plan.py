"""Planning one document in a worker: its output name, its fingerprint, whether it is up to date.

:func:`plan` turns an input document into a :class:`Planned`: the record it
will have in the manifest, what to render (nothing when the output is up to
date) and the output names it claims (the main process settles claims, see
:mod:`pea_docs.batch.claims`).

>>> from pea_docs.batch.sources import Source
>>> doc = InputDocument("registration_stamp", None, "ru", None, {}, "in/a.yaml", 0)
>>> output_name(doc, Source("in/a.yaml", Path("in")), ".docx", count=1)
'a.docx'
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from pea_docs.api import apply_office, template_path
from pea_docs.batch.fingerprints import document_engine
from pea_docs.batch.manifest import Previous, Record, fingerprint, sha256_file
from pea_docs.batch.sources import OFFICE_SUFFIXES, Source
from pea_docs.documents.registry import get_form
from pea_docs.errors import InputError, OutputPathError, PeaDocsError, Problem
from pea_docs.io.inputs import InputDocument
from pea_docs.io.paths import default_output_name, safe_output_path

__all__ = ["Planned", "claimed_outputs", "failed_record", "output_name", "plan"]


def failed_record(source: Source, index: int | None, exc: PeaDocsError, **fields: Any) -> Record:
    """Return the record of a document (``index``; ``None``: the whole file) that ``exc`` failed."""
    problems = exc.problem_list()
    problems = [p if p.file else p.in_file(source.name, document=index) for p in problems]
    return Record(source.name, index, "failed", errors=[p.to_dict() for p in problems], **fields)


def output_name(doc: InputDocument, source: Source, suffix: str, count: int) -> str:
    if not doc.output:
        return default_output_name(source.relative, suffix=suffix, index=doc.index, count=count)
    given = doc.output.replace("\\", "/")
    ext = PurePosixPath(given).suffix.lower()
    if ext == suffix:
        return given
    if ext in OFFICE_SUFFIXES:
        raise OutputPathError([Problem("output.suffix", "", ("output",), doc.output,
                                       f"must end in {suffix} for this form").in_file(
                                           source.name, document=doc.index)])
    return given + suffix


def claimed_outputs(output: str, pdf: bool) -> tuple[str, ...]:
    """Return the output names a document claims: its output, and its PDF with ``pdf``.

    >>> claimed_outputs("a/b.docx", True)
    ('a/b.docx', 'a/b.pdf')
    """
    return (output, str(PurePosixPath(output).with_suffix(".pdf"))) if pdf else (output,)


class Planned(NamedTuple):
    """A document planned by a worker: its record, what to render (if anything), what it claims."""

    record: Record
    document: InputDocument | None
    target: Path | None
    claims: tuple[str, ...]


def plan(doc: InputDocument, source: Source, count: int, profile: dict[str, Any],
         before: dict[str, Previous], *, outdir: Path, pdf: bool, force: bool) -> Planned:
    """Return one document named, fingerprinted and compared with the earlier run's record.

    ``count`` is the number of documents in its file (one names its output after
    the file alone), ``before`` the earlier run's records of the file by output.
    """
    base: dict[str, Any] = {"form": doc.form, "template": doc.template, "lang": doc.lang}
    template = template_path(doc) if doc.template else None
    try:
        if template is not None:
            suffix = ".docx"
        elif doc.form:
            suffix = get_form(doc.form).suffix
        else:
            raise InputError([doc.place(Problem("field.missing", "", ("form",), None,
                                                "is required: the form or template to render"), under=())])
        engine = document_engine(doc)
        apply_office(doc, profile)
        try:
            name = output_name(doc, source, suffix, count)
            target = safe_output_path(outdir, name, file=source.name, document=doc.index)
        except OutputPathError as exc:  # at the output: key of the document (its start if it has none)
            raise OutputPathError([doc.place(p, under=()) for p in exc.problems]) from None
        output = PurePosixPath(*target.relative_to(outdir).parts).as_posix()
    except PeaDocsError as exc:
        return Planned(failed_record(source, doc.index, exc, **base), None, None, ())
    # whether another document claims the same output is decided by the main process,
    # which sees every document in input order
    claims = claimed_outputs(output, pdf)
    fp = fingerprint({**base, "template": None if template is None else str(template),
                      "output": output, "data": doc.data}, engine=engine, pdf=pdf)
    record = Record(source.name, doc.index, "done", output=output, fingerprint=fp, **base)
    prev = before.get(output)
    if not force and prev and prev.fingerprint == fp and prev.sha256 \
            and sha256_file(target) == prev.sha256 \
            and (not pdf or (target.with_suffix(".pdf")).is_file()):
        record.status, record.sha256, record.pdf = "skipped", prev.sha256, prev.pdf
        record.warnings = list(prev.warnings)
        return Planned(record, None, None, claims)
    return Planned(record, doc, target, claims)

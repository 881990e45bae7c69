"""Batch rendering: folders of YAML inputs into a folder of documents, in parallel, resumable.

:func:`run_batch` reads every input document (files, folders searched
recursively for ``*.yaml``/``*.yml``, globs), applies the ``office.yaml``
profile of its folder, names its output inside the output folder, and renders
it in a pool of worker processes. Each worker keeps its compiled templates
between documents, and documents are sent in chunks, so a worker pays for a
template once. Bad input fails one document, never the batch: its problems go
to the manifest and the batch exits non-zero at the end.

A document is skipped when its output is up to date: same input document
(canonical JSON), same template or same pea-docs build, same language and PDF
flag, and the output file still holds the recorded hash (see
:mod:`pea_docs.manifest`).

>>> OFFICE_KEYS
('agent', 'hours', 'days_off', 'working_days')
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import glob
import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import __version__
from .api import render_input, validate
from .errors import InputError, OutputPathError, PeaDocsError, Problem, Report, RenderError, YamlSyntaxError
from .forms.registry import get_form
from .inputs import InputDocument, load_documents, read_documents
from .manifest import STATE_DIR, Journal, Record, fingerprint, load_previous, sha256_file, write_manifest
from .paths import default_output_name, safe_output_path
from .render.document import atomic_write
from .rules.calendar import Office

__all__ = [
    "BatchBusyError",
    "BatchResult",
    "OFFICE_KEYS",
    "PreparedDocument",
    "Progress",
    "Source",
    "apply_office",
    "collect_inputs",
    "office_profile",
    "prepare_documents",
    "run_batch",
    "template_path",
    "validate_inputs",
]

OFFICE_FILE = "office.yaml"
#: the keys of an office profile: the agent, and the office calendar of rule 20 (passed as
#: ``data.office`` to the forms that take one: the registers)
OFFICE_KEYS = ("agent", *Office.model_fields)
YAML_SUFFIXES = (".yaml", ".yml")
OFFICE_SUFFIXES = (".docx", ".xlsx", ".pdf", ".doc", ".xls", ".odt", ".ods")


class BatchBusyError(RenderError):
    """Another batch is writing into the same output folder (an environment error, exit code 3)."""

    exit_code = 3


@dataclass(frozen=True)
class Source:
    """One input file found from the command line.

    Attributes:
        path: the file (``None`` for standard input).
        name: the file as shown in messages and the manifest.
        relative: its path below the input root, which names its outputs.
        root: the input folder (office profiles are searched up to it).
    """

    path: Path | None
    name: str
    relative: str
    root: Path


@dataclass
class PreparedDocument:
    """An input document ready to render, or the record of why it cannot be."""

    record: Record
    document: InputDocument | None = None
    target: Path | None = None


@dataclass
class Progress:
    """The counters a progress display shows; ``last`` is the record just finished."""

    files_total: int
    files_read: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)
    last: Record | None = None

    @property
    def finished(self) -> int:
        """Return the number of documents finished so far, whatever their status."""
        return self.done + self.skipped + self.failed


@dataclass
class BatchResult:
    """The outcome of :func:`run_batch`: every record, sorted by input."""

    records: list[Record]
    seconds: float
    manifest: Path

    def count(self, status: str) -> int:
        """Return how many documents ended with ``status``."""
        return sum(1 for r in self.records if r.status == status)

    @property
    def exit_code(self) -> int:
        """Return 0 when every document is done or skipped, else 1."""
        return 1 if self.count("failed") else 0

    def summary(self) -> dict[str, Any]:
        """Return the counts and time, for the summary line and ``--json``."""
        return {"done": self.count("done"), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "seconds": round(self.seconds, 3),
                "manifest": str(self.manifest)}


# ---------------------------------------------------------------------------- inputs

def _missing(text: str, message: str) -> InputError:
    return InputError([Problem("input.missing", "", (), text, message)])


def collect_inputs(inputs: Sequence[str]) -> list[Source]:
    """Return the YAML files named by ``inputs`` (files, folders, globs, ``-``), each once, sorted.

    Folders are searched recursively; ``office.yaml`` profiles and hidden
    folders (``.git``, the output's ``.pea-docs``) are not inputs.

    Raises:
        InputError: an input does not exist or a glob matches nothing (code ``input.missing``).
    """
    found: dict[str, Source] = {}
    for text in inputs:
        if text == "-":
            found.setdefault("-", Source(None, "<stdin>", "stdin.yaml", Path.cwd()))
            continue
        path = Path(text)
        if path.is_dir():
            files = [Path(dirpath) / name
                     for dirpath, dirnames, names in os.walk(path, followlinks=False)
                     if not any(part.startswith(".") and part not in (".", "..")
                                for part in Path(dirpath).relative_to(path).parts)
                     for name in names
                     if name.lower().endswith(YAML_SUFFIXES) and name != OFFICE_FILE]
            pairs = [(f, path) for f in files]
        elif path.is_file():
            pairs = [(path, path.parent)]
        elif glob.has_magic(text):
            base = _glob_base(text)
            pairs = [(Path(m), base) for m in glob.glob(text, recursive=True)
                     if Path(m).is_file() and Path(m).name != OFFICE_FILE]
            if not pairs:
                raise _missing(text, "matches no file")
        else:
            raise _missing(text, "does not exist: give a YAML file, a folder or a glob")
        for file, root in pairs:
            key = str(file.resolve())
            found.setdefault(key, Source(file, str(file), file.relative_to(root).as_posix(), root))
    return sorted(found.values(), key=lambda s: s.name)


def _glob_base(pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _read(source: Source) -> list[InputDocument]:
    if source.path is None:
        return load_documents(sys.stdin.read(), name=source.name)
    return read_documents(source.path)


class _Offices:
    """The office profiles of folders, read once each; nearer folders win key by key."""

    def __init__(self) -> None:
        self._cache: dict[Path, dict[str, Any]] = {}

    def profile(self, source: Source) -> dict[str, Any]:
        if source.path is None:
            return self._folder(Path.cwd())
        folder = source.path.parent.resolve()
        root = source.root.resolve()
        chain = [folder]
        while folder != root and folder.is_relative_to(root):
            folder = folder.parent
            chain.append(folder)
        merged: dict[str, Any] = {}
        for f in reversed(chain):  # from the root down: nearer profiles override
            merged.update(self._folder(f))
        return merged

    def _folder(self, folder: Path) -> dict[str, Any]:
        key = folder.resolve()
        if key not in self._cache:
            self._cache[key] = _read_office(key / OFFICE_FILE)
        return self._cache[key]


def _read_office(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError([Problem("yaml.syntax", "", (), None, f"is not valid YAML: {exc.problem}",
                                       file=str(path), line=mark.line + 1 if mark else None,
                                       column=mark.column + 1 if mark else None)]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError([Problem("file.unreadable", "", (), None, f"cannot be read: {exc}",
                                  file=str(path))]) from None
    if not isinstance(data, dict):
        raise InputError([Problem("office.type", "", (), None,
                                  "must be a mapping with agent:, hours:, days_off:, working_days:", file=str(path))])
    unknown = [k for k in data if k not in OFFICE_KEYS]
    if unknown:
        raise InputError([Problem("field.unknown", "", (k,), None,
                                  f"is not a key of an office profile; use {', '.join(OFFICE_KEYS)}",
                                  file=str(path)) for k in unknown])
    return data


def _wants(doc: InputDocument, key: str) -> bool:
    if doc.template:
        return key == "agent"  # a user's template may use the agent; office hours concern registers
    try:
        return key in get_form(doc.form or "").model.model_fields
    except InputError:
        return False


def _apply_office(doc: InputDocument, profile: dict[str, Any]) -> None:
    if "agent" in profile and "agent" not in doc.data and _wants(doc, "agent"):
        doc.data = {**doc.data, "agent": profile["agent"]}
    calendar = {k: v for k, v in profile.items() if k in Office.model_fields}
    if calendar and "office" not in doc.data and _wants(doc, "office"):
        doc.data = {**doc.data, "office": calendar}


def template_path(doc: InputDocument) -> Path:
    """Return the path of a document's ``template:``, relative to its YAML file."""
    path = Path(doc.template or "")
    if not path.is_absolute() and doc.source_dir is not None:
        path = doc.source_dir / path
    return path


# ---------------------------------------------------------------------------- planning

@cache
def _package_hash() -> str:
    """Return a hash of pea-docs itself: version, code, catalogs, built-in templates.

    Hashing every file (not only those a form uses) keeps the hash the same in
    every process, whatever it has imported; a changed pea-docs renders again
    even before its version changes.
    """
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for folder in (package, package.parent / "templates"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix in (".py", ".po", ".docx", ".xlsx") and "__pycache__" not in path.parts:
                    h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@cache
def _engine_hash(form: str) -> str:
    """Return a hash of what draws a built-in form: pea-docs and the form's own module."""
    h = hashlib.sha256(f"{_package_hash()}\0{form}".encode())
    module = sys.modules.get(getattr(get_form(form).build, "__module__", ""))
    if module is not None and getattr(module, "__file__", None):  # a form from outside pea-docs
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


@cache
def _template_hash(path: Path) -> str:
    return sha256_file(path.resolve()) or "missing"


def _failed(source: Source, index: int | None, exc: PeaDocsError, **fields: Any) -> Record:
    problems = getattr(exc, "problems", None) or [Problem(_code(exc), "", (), None, str(exc))]
    problems = [p if p.file else p.in_file(source.name, document=index) for p in problems]
    return Record(source.name, index, "failed", errors=[p.to_dict() for p in problems], **fields)


def _output_name(doc: InputDocument, source: Source, suffix: str, count: int) -> str:
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


def prepare_documents(sources: Iterable[Source], outdir: str | os.PathLike[str], *, pdf: bool = False,
                      previous: dict[str, dict[str, Any]] | None = None,
                      force: bool = False) -> Iterator[PreparedDocument]:
    """Yield every input document, prepared to render, skipped as up to date, or failed.

    Reads files one at a time (memory stays flat), applies office profiles,
    names outputs (refusing names that escape ``outdir`` or repeat another's),
    and compares fingerprints with ``previous`` (see :func:`load_previous`).
    """
    offices = _Offices()
    claimed: dict[str, str] = {}
    previous = previous or {}
    outdir = Path(outdir).resolve()
    for source in sources:
        try:
            docs = _read(source)
            profile = offices.profile(source)
        except PeaDocsError as exc:
            yield PreparedDocument(_failed(source, None, exc))
            continue
        for doc in docs:
            yield _prepare(doc, source, len(docs), profile, outdir, pdf, previous, force, claimed)


def _prepare(doc: InputDocument, source: Source, count: int, profile: dict[str, Any],
             outdir: str | os.PathLike[str], pdf: bool, previous: dict[str, dict[str, Any]],
             force: bool, claimed: dict[str, str]) -> PreparedDocument:
    base = {"form": doc.form, "template": doc.template, "lang": doc.lang}
    try:
        if doc.template:
            suffix, engine = ".docx", _template_hash(template_path(doc))
        elif doc.form:
            suffix, engine = get_form(doc.form).suffix, _engine_hash(doc.form)
        else:
            raise InputError([doc.place(Problem("field.missing", "", ("form",), None,
                                                "is required: the form or template to render"), under=())])
        _apply_office(doc, profile)
        name = _output_name(doc, source, suffix, count)
        target = safe_output_path(outdir, name, file=source.name, document=doc.index)
        output = PurePosixPath(*target.relative_to(outdir).parts).as_posix()
        for claim in (output, str(PurePosixPath(output).with_suffix(".pdf"))) if pdf else (output,):
            other = claimed.get(claim)
            if other is not None:
                raise OutputPathError([Problem("output.duplicate", "", ("output",), claim,
                                               f"is also the output of {other}; give each document "
                                               "its own output:").in_file(source.name, document=doc.index)])
        where = f"{source.name} (document {doc.index + 1})" if count > 1 else source.name
        claimed[output] = where
        if pdf:
            claimed[str(PurePosixPath(output).with_suffix(".pdf"))] = where
    except PeaDocsError as exc:
        return PreparedDocument(_failed(source, doc.index, exc, **base))
    fp = fingerprint({**base, "template": str(template_path(doc)) if doc.template else None,
                      "output": output, "data": doc.data}, engine=engine, pdf=pdf)
    record = Record(source.name, doc.index, "done", output=output, fingerprint=fp, **base)
    before = previous.get(output)
    if not force and before and before.get("fingerprint") == fp and before.get("sha256") \
            and sha256_file(target) == before["sha256"] \
            and (not pdf or (target.with_suffix(".pdf")).is_file()):
        record.status, record.sha256, record.pdf = "skipped", before["sha256"], before.get("pdf")
        record.warnings = before.get("warnings") or []
        return PreparedDocument(record)
    return PreparedDocument(record, doc, target)


# ---------------------------------------------------------------------------- rendering

# Per worker process: the output folder, the PDF flag and the converter (made on first use).
_STATE: dict[str, Any] = {}


def _init_worker(outdir: str, pdf: bool, timeout: float) -> None:
    _STATE.clear()
    _STATE.update(outdir=Path(outdir).resolve(), pdf=pdf, timeout=timeout, converter=None)


def _converter() -> Any:
    if _STATE.get("converter") is None:
        from multiprocessing import util

        from .render.pdf import Converter
        converter = Converter(timeout=_STATE["timeout"])
        # remove the private LibreOffice profile when the worker ends
        util.Finalize(converter, converter.close, exitpriority=10)
        _STATE["converter"] = converter
    return _STATE["converter"]


def _render_chunk(items: list[tuple[InputDocument, Path, Record]]) -> list[Record]:
    """Render a chunk of documents in this process; return their records."""
    records = []
    for doc, target, record in items:
        try:
            document = render_input(doc)
            data = document.to_bytes()
            try:
                _write(target, data)
            except OSError as exc:
                raise RenderError(f"{target}: cannot write the document: {exc.strerror or exc}") from exc
            record.sha256 = hashlib.sha256(data).hexdigest()
            record.warnings = [p.to_dict() for p in document.problems if p.severity == "warning"]
        except PeaDocsError as exc:
            problems = getattr(exc, "problems", None) or [
                Problem(_code(exc), "", (), None, str(exc))]
            record.status = "failed"
            record.errors = [(p if p.file else p.in_file(doc.file, document=doc.index)).to_dict()
                             for p in problems]
        except Exception as exc:  # a bug must not stop the other documents; the record says what
            record.status = "failed"
            record.errors = [Problem("internal.error", "", (), None,
                                     f"pea-docs failed on this document ({type(exc).__name__}: {exc}); "
                                     "please report it").in_file(doc.file, document=doc.index).to_dict()]
        records.append(record)
    if _STATE.get("pdf"):
        _convert_chunk(items, records)
    return records


def _write(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``.

    A kill leaves the old file or none, never half a file. Unlike
    :func:`~pea_docs.render.document.atomic_write` there is no fsync per
    document (it cost half the time of a one-page letter): after a power cut
    a resumed batch finds a damaged output by its hash and renders it again.
    """
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        try:
            fh = open(tmp, "wb")
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(tmp, "wb")
        with fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _code(exc: PeaDocsError) -> str:
    name = type(exc).__name__.removesuffix("Error")
    return "".join("." + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _convert_chunk(items: list[tuple[InputDocument, Path, Record]], records: list[Record]) -> None:
    done = [(target, record) for (_, target, _), record in zip(items, records) if record.status == "done"]
    if not done:
        return
    results = _converter().convert([t for t, _ in done])
    for target, record in done:
        result = results.get(target)
        if isinstance(result, Path):
            record.pdf = str(PurePosixPath(record.output or "").with_suffix(".pdf"))
        else:
            record.status = "failed"
            record.errors = [Problem("pdf.failed", "", (), None, str(result)).in_file(
                record.input, document=record.document).to_dict()]


@contextlib.contextmanager
def _lock(outdir: Path) -> Iterator[None]:
    state = outdir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    fh = open(state / "lock", "w")
    try:
        try:
            import fcntl
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock, as before
            pass
        except OSError:
            raise BatchBusyError(f"{outdir}: another pea-docs batch is writing into this folder; "
                                 "wait for it or choose another output folder") from None
        yield
    finally:
        fh.close()


def _pool(workers: int, outdir: Path, pdf: bool, timeout: float) -> cf.Executor:
    # fork: workers inherit the imported forms and templates instead of importing them again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
    return cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                  initargs=(str(outdir), pdf, timeout))


class _Serial(cf.Executor):
    """An executor that runs each chunk at once in this process (``workers=0``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def run_batch(inputs: Sequence[str], outdir: str | os.PathLike[str], *, workers: int | None = None,
              pdf: bool = False, force: bool = False, timeout: float = 60.0,
              progress: Callable[[Progress], None] | None = None) -> BatchResult:
    """Render every input document into ``outdir``; write ``manifest.json``; return the records.

    Args:
        inputs: YAML files, folders, globs, or ``-`` for standard input.
        outdir: the output folder (created if needed).
        workers: worker processes (default: the CPU count less one, for this process, which
            reads and plans; 0 renders in this process).
        pdf: also convert each document to PDF with LibreOffice, beside it.
        force: render even documents whose output is up to date.
        timeout: seconds allowed per document for the PDF conversion.
        progress: called after each file read and each document finished.

    Raises:
        InputError: an input does not exist.
        LibreOfficeMissingError: ``pdf`` and LibreOffice is not installed (exit code 3).
        BatchBusyError: another batch is writing into ``outdir`` (exit code 3).
    """
    started = time.monotonic()
    sources = collect_inputs(inputs)
    if pdf:
        from .render.pdf import find_soffice
        find_soffice()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    # the main process reads and plans while the workers render: it needs a CPU of its own
    workers = max(1, (os.cpu_count() or 2) - 1) if workers is None else max(0, workers)
    state = Progress(files_total=len(sources))
    records: list[Record] = []

    def finish(record: Record) -> None:
        records.append(record)
        setattr(state, record.status, getattr(state, record.status) + 1)
        state.last = record
        if progress:
            progress(state)

    with _lock(out):
        previous = {} if force else load_previous(out)
        journal = Journal(out)
        if workers == 0:
            _init_worker(str(out), pdf, timeout)
        executor = _Serial() if workers == 0 else _pool(workers, out, pdf, timeout)
        chunk_size = max(1, min(32, len(sources) // (max(workers, 1) * 8)))
        pending: set[cf.Future[list[Record]]] = set()

        def collect(block: bool) -> None:
            nonlocal pending
            if not pending:
                return
            ready, pending = cf.wait(pending, timeout=None if block else 0,
                                     return_when=cf.FIRST_COMPLETED)
            for future in ready:
                for record in future.result():
                    journal.add(record)
                    finish(record)

        try:
            chunk: list[tuple[InputDocument, Path, Record]] = []
            last_file = None
            for prepared in prepare_documents(sources, out, pdf=pdf, previous=previous, force=force):
                if prepared.record.input != last_file:
                    last_file = prepared.record.input
                    state.files_read += 1
                if prepared.document is None or prepared.target is None:
                    if prepared.record.status == "failed":
                        journal.add(prepared.record)
                    finish(prepared.record)
                    continue
                chunk.append((prepared.document, prepared.target, prepared.record))
                if len(chunk) >= chunk_size:
                    pending.add(executor.submit(_render_chunk, chunk))
                    chunk = []
                    # keep a few chunks per worker in flight: memory stays flat however many inputs
                    while len(pending) >= max(workers, 1) * 4:
                        collect(block=True)
                    collect(block=False)
            if chunk:
                pending.add(executor.submit(_render_chunk, chunk))
            while pending:
                collect(block=True)
        except cf.process.BrokenProcessPool:
            raise BatchBusyError("a worker process died (out of memory or killed); "
                                 "run the same command again to resume") from None
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            journal.close()
        manifest = write_manifest(out, records, version=__version__)
        journal.close(remove=True)
    records.sort(key=Record.sort_key)
    return BatchResult(records, time.monotonic() - started, manifest)


# ---------------------------------------------------------------------------- validation

def validate_inputs(inputs: Sequence[str]) -> list[tuple[Source, int | None, Report]]:
    """Return the problems of every input document, as a batch would see them (office profiles applied).

    Each entry is the input file, the document's index (``None`` when the whole
    file failed, as for a YAML syntax error) and its :class:`Report`.
    """
    results: list[tuple[Source, int | None, Report]] = []
    offices = _Offices()
    for source in collect_inputs(inputs):
        try:
            docs = _read(source)
            profile = offices.profile(source)
        except PeaDocsError as exc:
            problems = getattr(exc, "problems", None) or [Problem("input.error", "", (), None, str(exc))]
            results.append((source, None, Report(p if p.file else p.in_file(source.name) for p in problems)))
            continue
        for doc in docs:
            _apply_office(doc, profile)
            if doc.template:
                report = validate(template_path(doc), doc.data, lang=doc.lang)
            elif doc.form:
                report = validate(doc.form, doc.data, lang=doc.lang)
            else:
                report = Report([Problem("field.missing", "", ("form",), None,
                                         "is required: the form or template to render")])
                results.append((source, doc.index, Report(doc.place(p, under=()) for p in report)))
                continue
            # problems about the form's name or language sit outside data:
            placed = [doc.place(p, under=() if p.code in ("form.unknown", "lang.unknown") else ("data",))
                      for p in report]
            results.append((source, doc.index, Report(placed)))
    return results


def office_profile(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the office profile (``office.yaml``) of the folder holding the YAML file ``path``.

    Raises:
        InputError: the profile is not valid (YamlSyntaxError for bad YAML).
    """
    p = Path(path)
    return _Offices().profile(Source(p, str(p), p.name, p.parent))


def apply_office(doc: InputDocument, profile: dict[str, Any]) -> InputDocument:
    """Give ``doc`` the profile's ``agent`` (and ``office``) where its form takes one and it has none."""
    _apply_office(doc, profile)
    return doc

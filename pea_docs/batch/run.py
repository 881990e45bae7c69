"""Batch rendering: folders of YAML inputs into a folder of documents, in parallel, resumable.

:func:`run_batch` lists the input files (files, folders searched recursively
for ``*.yaml``/``*.yml``, globs) and hands them, a chunk of files at a time, to
a pool of worker processes. A worker does all the work of a file: it reads and
parses the YAML, applies the ``office.yaml`` profile of its folder, names each
output inside the output folder, decides whether it is up to date, renders and
writes it, and sends back one small record per document. Each worker keeps its
compiled templates between documents, so it pays for a template once. The main
process only dispatches, and finishes the records in input order: it checks
that no two documents claim one output, appends each record to the journal and
reports progress. Nothing in it grows with the number of documents but the
sorted list of input names and the set of claimed output names (a few hundred
bytes per document); the manifest is copied from the journal at the end.

Bad input fails one document, never the batch: its problems go to the manifest
and the batch exits non-zero at the end. A document is skipped when its output
is up to date: same input document (canonical JSON), same template or same
pea-docs build, same language and PDF flag, and the output file still holds
the recorded hash (see :mod:`pea_docs.batch.manifest`).

>>> YAML_SUFFIXES
('.yaml', '.yml')
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import errno
import glob
import hashlib
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from pea_docs._version import __version__
from pea_docs.api import apply_office, render_input, template_path, validate_input
from pea_docs.batch.manifest import (
    MANIFEST,
    STATE_DIR,
    Journal,
    Previous,
    Record,
    fingerprint,
    load_previous,
    read_manifest,
    sha256_file,
    write_manifest,
)
from pea_docs.documents.registry import get_form
from pea_docs.errors import InputError, OutputPathError, PeaDocsError, Problem, RenderError, Report
from pea_docs.io.inputs import InputDocument, load_documents, read_documents
from pea_docs.io.office import OFFICE_FILE, OfficeProfiles
from pea_docs.io.paths import default_output_name, safe_output_path

__all__ = [
    "BatchBusyError",
    "BatchInterruptedError",
    "BatchResult",
    "Progress",
    "Source",
    "collect_inputs",
    "default_workers",
    "run_batch",
    "validate_inputs",
]

YAML_SUFFIXES = (".yaml", ".yml")
OFFICE_SUFFIXES = (".docx", ".xlsx", ".pdf", ".doc", ".xls", ".odt", ".ods")
STDIN = "<stdin>"
TMP_DIR = "tmp"
#: files per task sent to a worker: enough to make the cost of a task (pickling, a pipe
#: round trip) small beside rendering, few enough to keep every worker busy to the end
MAX_CHUNK = 32
#: tasks per worker sent but not yet finished in order: bounds the memory of a run
WINDOW_PER_WORKER = 4


class BatchBusyError(RenderError):
    """Another batch is writing into the same output folder (an environment error, exit code 3)."""

    exit_code = 3


class BatchInterruptedError(RenderError):
    """The batch was stopped by a signal: exit code 128 + its number (130 for SIGINT, 143 for SIGTERM).

    What was finished before it stays in the journal, so the same command resumes.

    >>> BatchInterruptedError(signal.SIGTERM).exit_code
    143
    """

    def __init__(self, signum: int):
        self.signum = int(signum)
        self.exit_code = 128 + self.signum
        name = signal.Signals(self.signum).name
        super().__init__(f"interrupted by {name}; the documents finished so far are kept: "
                         "run the same command again to resume")


class _Stopped(BaseException):
    """Raised in the main thread by SIGTERM (a BaseException, like KeyboardInterrupt, so that
    no ``except Exception`` around a document mistakes it for that document's failure)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True, slots=True)
class Source:
    """One input file found from the command line (slots: a batch holds one per file).

    Attributes:
        name: the file as shown in messages and the manifest (its path, or ``<stdin>``).
        root: the input folder (office profiles are searched up to it; outputs are named
            after the path below it).
        text: the content of standard input, read by the main process (``None`` for a file).
    """

    name: str
    root: Path
    text: str | None = None

    @property
    def path(self) -> Path | None:
        """Return the file (``None`` for standard input)."""
        return None if self.text is not None else Path(self.name)

    @property
    def relative(self) -> str:
        """Return the file's path below the input root, which names its outputs."""
        if self.text is not None:
            return "stdin.yaml"
        return Path(self.name).relative_to(self.root).as_posix()


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
    #: documents of the file being finished not yet finished
    left_in_file: int = 0

    @property
    def finished(self) -> int:
        """Return the number of documents finished so far, whatever their status."""
        return self.done + self.skipped + self.failed

    @property
    def known(self) -> int:
        """Return the documents known so far: those of the files read, and one per file not yet read.

        Exact once every file is read, so a bar of ``finished / known`` ends at 100 %.

        >>> state = Progress(files_total=10, files_read=4, done=6)
        >>> state.known, state.percent
        (12, 50)
        """
        return self.finished + self.left_in_file + self.files_total - self.files_read

    @property
    def percent(self) -> int:
        """Return the share of the known documents finished, 0 to 100."""
        known = self.known
        return 100 * self.finished // known if known else 100


@dataclass
class BatchResult:
    """The outcome of :func:`run_batch`: counts, the failed records, the manifest.

    Every record is in the manifest; :attr:`records` reads them back from it, so
    a batch of any size holds only its failures in memory.
    """

    counts: dict[str, int]
    failures: list[Record]
    seconds: float
    manifest: Path

    @property
    def records(self) -> list[Record]:
        """Return every record, sorted by input, read from the manifest."""
        return [Record(**row) for row in read_manifest(self.manifest.parent)]

    def count(self, status: str) -> int:
        """Return how many documents ended with ``status``."""
        return self.counts.get(status, 0)

    @property
    def exit_code(self) -> int:
        """Return 0 when every document is done or skipped, else 1."""
        return 1 if self.count("failed") else 0

    def summary(self) -> dict[str, Any]:
        """Return the counts and time, for the summary line and ``--json``."""
        return {"done": self.count("done"), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "seconds": round(self.seconds, 3),
                "manifest": str(self.manifest)}


def default_workers() -> int:
    """Return the default number of worker processes: the CPUs this process may use.

    >>> default_workers() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------- inputs

def _missing(text: str, message: str) -> InputError:
    return InputError([Problem("input.missing", "", (), text, message)])


def collect_inputs(inputs: Sequence[str]) -> list[Source]:
    """Return the YAML files named by ``inputs`` (files, folders, globs, ``-``), each once, sorted.

    Folders are searched recursively; ``office.yaml`` profiles and hidden
    folders (``.git``, the output's ``.pea-docs``) are not inputs. Only names
    are listed here: the files are read by whoever renders them. ``-`` reads
    standard input at once.

    Raises:
        InputError: an input does not exist or a glob matches nothing (code ``input.missing``).
    """
    found: dict[str, Source] = {}
    for text in inputs:
        if text == "-":
            if STDIN not in found:
                found[STDIN] = Source(STDIN, Path.cwd(), sys.stdin.read())
            continue
        path = Path(text)
        if path.is_dir():
            pairs = []
            for dirpath, dirnames, files in os.walk(path, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # .git, .pea-docs
                pairs += [(os.path.join(dirpath, name), path) for name in files
                          if name.lower().endswith(YAML_SUFFIXES) and name != OFFICE_FILE]
        elif path.is_file():
            pairs = [(str(path), path.parent)]
        elif glob.has_magic(text):
            base = _glob_base(text)
            pairs = [(str(Path(m)), base) for m in glob.glob(text, recursive=True)
                     if os.path.isfile(m) and os.path.basename(m) != OFFICE_FILE]
            if not pairs:
                raise _missing(text, "matches no file")
        else:
            raise _missing(text, "does not exist: give a YAML file, a folder or a glob")
        for name, root in pairs:
            # the same file given twice is one input (no symlink resolution: a stat per file
            # would be the main process's biggest cost on a large folder)
            found.setdefault(os.path.normpath(os.path.abspath(name)), Source(name, root))
    return sorted(found.values(), key=lambda s: s.name)


def _glob_base(pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _read(source: Source) -> list[InputDocument]:
    if source.text is not None:
        return load_documents(source.text, name=source.name)
    return read_documents(source.name)


def _source_profile(offices: OfficeProfiles, source: Source) -> dict[str, Any]:
    """Return the office profile of an input: its folder's (standard input: the current folder's)."""
    if source.text is not None:
        return offices.profile(Path.cwd(), Path.cwd())
    return offices.profile(os.path.dirname(source.name), source.root)


# ---------------------------------------------------------------------------- planning (in a worker)

#: the suffixes of pea-docs' own files that decide what it draws: code, catalogs, templates
_PACKAGE_SUFFIXES = {"code": (".py", ".po"), "templates": (".py", ".docx", ".xlsx")}
#: pea-docs' hash, computed once per process (or handed to a worker by the main process)
_PACKAGE_HASH: list[str] = []


def _package_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Return the files of ``folder`` that make pea-docs, sorted; no caches, no editors' files.

    Left out: ``__pycache__`` and hidden folders, editors' lock, backup and swap
    files (``.#x.py``, ``#x.py#``, ``x.py~``, ``.x.py.swp``), and anything that
    is not a regular file (an editor's lock is a dangling symbolic link).
    """
    found = []
    for dirpath, dirnames, files in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__")))
        for name in files:
            path = Path(dirpath, name)
            if name.startswith((".", "#")) or not name.endswith(suffixes) or path.is_symlink():
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _package_hash() -> str:
    """Return a hash of pea-docs itself: version, code (``*.py``), catalogs (``*.po``), built-in templates.

    Every such file counts (not only those a form uses), so the hash is the
    same in every process whatever it has imported, and a changed pea-docs
    renders again even before its version changes. Computed once per process;
    the main process hands its hash to the workers, so that one run uses one
    hash even while someone edits the tree.

    >>> _package_hash() == _package_hash() and len(_package_hash())
    64
    """
    if not _PACKAGE_HASH:
        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent
        # the built-in templates are the package pea_docs.templates, kept beside pea_docs/
        for area, folder in (("code", package), ("templates", package.parent / "templates")):
            if not folder.is_dir():
                continue
            for path in _package_files(folder, _PACKAGE_SUFFIXES[area]):
                try:
                    content = path.read_bytes()
                except OSError:  # removed while listing: as if it never was
                    continue
                h.update(f"{area}/{path.relative_to(folder).as_posix()}".encode() + b"\0")
                h.update(hashlib.sha256(content).digest())
        _PACKAGE_HASH.append(h.hexdigest())
    return _PACKAGE_HASH[0]


@cache
def _engine_hash(form: str) -> str:
    """Return a hash of what draws a built-in form: pea-docs and the form's own module."""
    h = hashlib.sha256(f"{_package_hash()}\0{form}".encode())
    module = sys.modules.get(getattr(get_form(form).build, "__module__", ""))
    source = getattr(module, "__file__", None)
    if source:  # a form from outside pea-docs
        h.update(Path(source).read_bytes())
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


class _Planned(NamedTuple):
    """A document planned by a worker: its record, what to render (if anything), what it claims."""

    record: Record
    document: InputDocument | None
    target: Path | None
    claims: tuple[str, ...]


def _plan(doc: InputDocument, source: Source, count: int, profile: dict[str, Any],
          before: dict[str, Previous]) -> _Planned:
    """Return one document named, fingerprinted and compared with the earlier run's record."""
    outdir, pdf, force = _STATE["outdir"], _STATE["pdf"], _STATE["force"]
    base: dict[str, Any] = {"form": doc.form, "template": doc.template, "lang": doc.lang}
    template = template_path(doc) if doc.template else None
    try:
        if template is not None:
            suffix, engine = ".docx", _template_hash(template)
        elif doc.form:
            suffix, engine = get_form(doc.form).suffix, _engine_hash(doc.form)
        else:
            raise InputError([doc.place(Problem("field.missing", "", ("form",), None,
                                                "is required: the form or template to render"), under=())])
        apply_office(doc, profile)
        try:
            name = _output_name(doc, source, suffix, count)
            target = safe_output_path(outdir, name, file=source.name, document=doc.index)
        except OutputPathError as exc:  # at the output: key of the document (its start if it has none)
            raise OutputPathError([doc.place(p, under=()) for p in exc.problems]) from None
        output = PurePosixPath(*target.relative_to(outdir).parts).as_posix()
    except PeaDocsError as exc:
        return _Planned(_failed(source, doc.index, exc, **base), None, None, ())
    # whether another document claims the same output is decided by the main process,
    # which sees every document in input order
    claims = (output, str(PurePosixPath(output).with_suffix(".pdf"))) if pdf else (output,)
    fp = fingerprint({**base, "template": None if template is None else str(template),
                      "output": output, "data": doc.data}, engine=engine, pdf=pdf)
    record = Record(source.name, doc.index, "done", output=output, fingerprint=fp, **base)
    prev = before.get(output)
    if not force and prev and prev.fingerprint == fp and prev.sha256 \
            and sha256_file(target) == prev.sha256 \
            and (not pdf or (target.with_suffix(".pdf")).is_file()):
        record.status, record.sha256, record.pdf = "skipped", prev.sha256, prev.pdf
        record.warnings = list(prev.warnings)
        return _Planned(record, None, None, claims)
    return _Planned(record, doc, target, claims)


# ---------------------------------------------------------------------------- rendering (in a worker)

# Per worker process: the output folder, the flags, the office profiles and the converter.
_STATE: dict[str, Any] = {}


def _init_worker(outdir: str, pdf: bool, force: bool, timeout: float, package_hash: str) -> None:
    _template_hash.cache_clear()  # a template may have changed since the last run of this process
    _PACKAGE_HASH[:] = [package_hash]  # the main process's: one hash for the whole run
    _STATE.clear()
    out = Path(outdir).resolve()
    _STATE.update(outdir=out, tmp=out / STATE_DIR / TMP_DIR, pdf=pdf, force=force, timeout=timeout,
                  converter=None, offices=OfficeProfiles(), written=0)


def _start_worker(parent: int, *args: Any) -> None:
    # Workers start before the output folder is locked, so they never hold its lock
    # (a killed batch must free it the moment its main process dies). Should one be
    # forked later, it closes its copy of the lock.
    if _LOCK_FD[0] >= 0:
        with contextlib.suppress(OSError):
            os.close(_LOCK_FD[0])
        _LOCK_FD[0] = -1
    # the main process decides what a Ctrl-C stops (it stops the workers with SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    _die_with_parent(parent)
    _init_worker(*args)


#: prctl(2) option: the signal this process gets when the thread that forked it dies
PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the main process ``parent`` dies, however it dies.

    A ``kill -9`` of the main process runs none of its clean-up, and orphaned
    workers would go on writing. On Linux the kernel sends SIGTERM
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread watches ``os.getppid()``.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            armed = False
        if armed:
            if os.getppid() != parent:  # it died before prctl took effect
                _worker_stop(signal.SIGTERM, None)
            return
    threading.Thread(target=_watch_parent, args=(parent,), name="pea-docs-parent", daemon=True).start()


def _watch_parent(parent: int, interval: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)


def _worker_stop(signum: int, frame: Any) -> None:
    """End this worker at once: stop its LibreOffice, remove its profile, exit 128 + ``signum``.

    Its half-written temporary file stays in ``OUTDIR/.pea-docs/tmp``, which the
    next run empties; what it finished is in the journal or rendered again.
    """
    from pea_docs.ooxml.pdf import stop_conversions
    stop_conversions()
    converter = _STATE.get("converter")
    if converter is not None:
        converter.close()
    os._exit(128 + signum)


def _converter() -> Any:
    if _STATE.get("converter") is None:
        from multiprocessing import util

        from pea_docs.ooxml.pdf import Converter
        converter = Converter(timeout=_STATE["timeout"])
        # remove the private LibreOffice profile when the worker ends
        util.Finalize(converter, converter.close, exitpriority=10)
        _STATE["converter"] = converter
    return _STATE["converter"]


class _Finished(NamedTuple):
    """What a worker sends back for one document: its record, its claims, its journal line."""

    record: Record
    claims: tuple[str, ...]
    line: str


#: a file's documents as a worker sends them back: (documents in the file, finished documents)
_FileResult = tuple[int, list[_Finished]]


def _work(files: list[tuple[Source, list[Previous]]], only: frozenset[int] | None = None) -> list[_FileResult]:
    """Read, plan, render and write a chunk of input files in this process (a worker's task).

    ``files`` pairs each input with what the earlier run recorded of it;
    ``only`` restricts a file to some documents (a repair, see :func:`run_batch`).
    """
    planned_by_file: list[tuple[int, list[_Planned]]] = []
    for source, prev in files:
        try:
            docs = _read(source)
            profile = _source_profile(_STATE["offices"], source)
        except PeaDocsError as exc:
            planned_by_file.append((0, [_Planned(_failed(source, None, exc), None, None, ())]))
            continue
        before = {p.output: p for p in prev}
        planned = [_plan(doc, source, len(docs), profile, before) for doc in docs
                   if only is None or doc.index in only]
        for item in planned:
            if item.document is not None and item.target is not None:
                _render(item.document, item.target, item.record)
        planned_by_file.append((len(docs), planned))
    if _STATE.get("pdf"):
        _convert([(p.target, p.record) for _, planned in planned_by_file for p in planned
                  if p.target is not None and p.record.status == "done"])
    return [(count, [_Finished(p.record, p.claims, p.record.to_json()) for p in planned])
            for count, planned in planned_by_file]


def _render(doc: InputDocument, target: Path, record: Record) -> None:
    """Render one document into ``target``; fill in its record (hash, warnings or errors)."""
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
        problems = getattr(exc, "problems", None) or [Problem(_code(exc), "", (), None, str(exc))]
        record.status = "failed"
        record.errors = [(p if p.file else p.in_file(doc.file, document=doc.index)).to_dict()
                         for p in problems]
    except Exception as exc:  # a bug must not stop the other documents; the record says what
        record.status = "failed"
        record.errors = [Problem("internal.error", "", (), None,
                                 f"pea-docs failed on this document ({type(exc).__name__}: {exc}); "
                                 "please report it").in_file(doc.file, document=doc.index).to_dict()]


def _write(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file, then rename it over ``target``.

    A kill leaves the old file or none, never half a file: the temporary files
    live in ``OUTDIR/.pea-docs/tmp``, which the next run empties, so a killed
    worker's leftovers never lie among the outputs. Unlike
    :func:`~pea_docs.ooxml.document.atomic_write` there is no fsync per
    document (it cost half the time of a one-page letter): after a power cut
    a resumed batch finds a damaged output by its hash and renders it again.
    """
    _STATE["written"] += 1
    tmp = _STATE["tmp"] / f"{os.getpid()}-{_STATE['written']}.part"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        try:
            os.replace(tmp, target)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            # another file system mounted inside the output folder: rename from beside the target
            beside = target.with_name(f".{target.name}.{os.getpid()}.part")
            shutil.move(tmp, beside)
            os.replace(beside, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _code(exc: PeaDocsError) -> str:
    name = type(exc).__name__.removesuffix("Error")
    return "".join("." + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _convert(done: list[tuple[Path, Record]]) -> None:
    """Convert the documents of a chunk to PDF in one LibreOffice call; fail those it cannot."""
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


# ---------------------------------------------------------------------------- the run (main process)

#: the file descriptor of the output folder's lock while this process holds it
_LOCK_FD = [-1]


@contextlib.contextmanager
def _lock(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock; empty its temporary folder."""
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
        shutil.rmtree(state / TMP_DIR, ignore_errors=True)  # what killed workers left
        (state / TMP_DIR).mkdir()
        _LOCK_FD[0] = fh.fileno()
        yield
    finally:
        _LOCK_FD[0] = -1
        fh.close()


def _executor(workers: int, initargs: tuple[Any, ...]) -> cf.Executor:
    """Return the pool of ``workers`` processes, all started (``workers=0``: this process)."""
    if workers == 0:
        _init_worker(*initargs)
        return _Serial()
    # fork: workers inherit the imported forms and templates instead of importing them again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
    pool = cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                  initargs=(os.getpid(), *initargs))
    try:
        # a process starts at each submit that finds none idle: start them all now, while this
        # process holds nothing of the inputs (a forked worker would carry it all along)
        for future in [pool.submit(os.getpid) for _ in range(workers)]:
            future.result()
    except BaseException:
        _stop_workers(pool)
        raise
    return pool


def _stop_workers(executor: cf.Executor) -> None:
    """Stop the workers now: cancel what waits, end what runs (SIGTERM, then SIGKILL)."""
    # ProcessPoolExecutor has no public way to end its processes before Python 3.14
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + 5
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """Ignore SIGINT and SIGTERM in the main thread for a moment (while stopping the workers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`_Stopped` in the main thread while a batch runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the caller's own handling applies
        return

    def stop(signum: int, frame: Any) -> None:
        raise _Stopped(signum)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Serial(cf.Executor):
    """An executor that runs each task at once in this process (``workers=0``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _placed(source: Source, index: int | None, problem: Problem) -> Problem:
    """Return ``problem`` at its place (``loc`` from the document's top) in the input ``source``.

    For the rare problems the main process finds (two documents with one
    output): it reads the file again, and composes its YAML without loading it.
    """
    try:
        text = source.text if source.text is not None else Path(source.name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return problem.in_file(source.name, document=index)
    doc = InputDocument(None, None, "ru", None, {}, source.name, index or 0, text)
    return doc.place(problem, under=())


class _Claims:
    """The outputs claimed so far, in input order: the first document to claim a name keeps it.

    The value packs who claimed it (the input's position, the document's index,
    whether the file holds several) and whether that document succeeded, in one
    int: about 150 bytes per claimed name, the one thing here that grows with a run.
    """

    def __init__(self, sources: Sequence[Source]):
        self.sources = sources
        self.owners: dict[str, int] = {}
        #: names a losing document may have written over: repaired at the end of the run
        self.contested: set[str] = set()

    def settle(self, position: int, count: int, finished: _Finished) -> _Finished:
        """Return ``finished``, or a failed record if an earlier document claimed its output."""
        record = finished.record
        taken = next((c for c in finished.claims if c in self.owners), None)
        if taken is None:
            ok = record.status in ("done", "skipped")
            packed = (position << 33) | ((record.document or 0) << 2) | ((count > 1) << 1) | ok
            for claim in finished.claims:
                self.owners[claim] = packed
            return finished
        if record.status != "skipped":  # it was rendered: its files may have replaced the owner's
            self.contested.update(finished.claims)
        problem = _placed(self.sources[position], record.document, Problem(
            "output.duplicate", "", ("output",), taken,
            f"is also the output of {self.who(self.owners[taken])}; give each document its own output:"))
        failed = Record(record.input, record.document, "failed", form=record.form, template=record.template,
                        lang=record.lang, errors=[problem.to_dict()])
        return _Finished(failed, (), failed.to_json())

    def who(self, packed: int) -> str:
        """Return the document a packed owner names, as messages show it."""
        name = self.sources[packed >> 33].name
        return f"{name} (document {((packed >> 2) & 0x7FFFFFFF) + 1})" if packed & 2 else name

    def repairs(self) -> tuple[dict[int, set[int]], list[str]]:
        """Return the documents to render again ``{position: {index}}`` and the names to remove.

        A contested name belongs to its first claimant: rendered again if it
        succeeded (its output is deterministic, so its record stays true),
        removed if it failed or nobody kept it.
        """
        again: dict[int, set[int]] = {}
        remove = []
        for name in sorted(self.contested):
            packed = self.owners.get(name)
            if packed is not None and packed & 1:
                again.setdefault(packed >> 33, set()).add((packed >> 2) & 0x7FFFFFFF)
            else:
                remove.append(name)
        return again, remove


def run_batch(inputs: Sequence[str], outdir: str | os.PathLike[str], *, workers: int | None = None,
              pdf: bool = False, force: bool = False, timeout: float = 60.0,
              progress: Callable[[Progress], None] | None = None) -> BatchResult:
    """Render every input document into ``outdir``; write ``manifest.json``; return the outcome.

    Args:
        inputs: YAML files, folders, globs, or ``-`` for standard input.
        outdir: the output folder (created if needed).
        workers: worker processes, which read, plan and render (default: the CPU
            count, see :func:`default_workers`); 0 does everything in this process.
        pdf: also convert each document to PDF with LibreOffice, beside it.
        force: render even documents whose output is up to date.
        timeout: seconds allowed per document for the PDF conversion.
        progress: called after each document finished (in input order).

    The main process lists the input files, dispatches them in chunks and
    finishes the records in input order; the workers do the rest (see the module).

    Raises:
        InputError: an input does not exist.
        LibreOfficeMissingError: ``pdf`` and LibreOffice is not installed (exit code 3).
        BatchBusyError: another batch is writing into ``outdir`` (exit code 3).
        BatchInterruptedError: SIGINT (Ctrl-C) or SIGTERM stopped the run (exit code 130 or
            143); the workers are stopped, what was finished is kept for the next run.
    """
    started = time.monotonic()
    if pdf:
        from pea_docs.ooxml.pdf import find_soffice
        find_soffice()
    out = Path(outdir).resolve()
    workers = default_workers() if workers is None else max(0, workers)
    with _sigterm_raises():
        executor: cf.Executor | None = None
        try:
            executor = _executor(workers, (str(out), pdf, force, timeout, _package_hash()))
            sources = collect_inputs(inputs)
            out.mkdir(parents=True, exist_ok=True)
            with _lock(out):
                counts, failures = _run(executor, sources, out, workers=workers, force=force,
                                        progress=progress)
                manifest_path = out / MANIFEST
        except (KeyboardInterrupt, _Stopped) as exc:
            if executor is not None:
                with _signals_ignored():  # a second Ctrl-C must not cut the clean-up short
                    _stop_workers(executor)
            signum = exc.signum if isinstance(exc, _Stopped) else signal.SIGINT
            raise BatchInterruptedError(signum) from None
        except cf.process.BrokenProcessPool:
            raise BatchBusyError("a worker process died (out of memory or killed); "
                                 "run the same command again to resume") from None
        finally:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
    return BatchResult(counts, failures, time.monotonic() - started, manifest_path)


def _run(executor: cf.Executor, sources: list[Source], out: Path, *, workers: int, force: bool,
         progress: Callable[[Progress], None] | None) -> tuple[dict[str, int], list[Record]]:
    """Render ``sources`` with ``executor`` under the lock; write the manifest; return counts and failures."""
    state = Progress(files_total=len(sources))
    counts = {"done": 0, "skipped": 0, "failed": 0}
    failures: list[Record] = []
    claims = _Claims(sources)
    previous = {} if force else load_previous(out)
    journal = Journal(out)
    size = max(1, min(MAX_CHUNK, len(sources) // (max(workers, 1) * 8)))
    window = max(2, max(workers, 1) * WINDOW_PER_WORKER)
    # (position of the first file, future) in input order; finished strictly in that order
    inflight: deque[tuple[int, cf.Future[list[_FileResult]]]] = deque()

    def finish(first: int, results: list[_FileResult]) -> None:
        for position, (count, finished) in enumerate(results, start=first):
            state.files_read += 1
            state.left_in_file = len(finished)
            for item in finished:
                state.left_in_file -= 1
                item = claims.settle(position, count, item)
                record = item.record
                journal.add(item.line, flush=False)
                counts[record.status] += 1
                setattr(state, record.status, counts[record.status])
                if record.status == "failed":
                    failures.append(record)
                state.last = record
                if progress:
                    progress(state)
        journal.flush()  # once per chunk: a kill loses at most the chunk being finished

    try:
        for first in range(0, len(sources), size):
            task = [(s, previous.pop(s.name, [])) for s in sources[first:first + size]]
            inflight.append((first, executor.submit(_work, task)))
            while len(inflight) >= window or (inflight and inflight[0][1].done()):
                finish(*_result(inflight.popleft()))
        while inflight:
            finish(*_result(inflight.popleft()))
        if progress:  # the last call: every file read (the last ones may hold no document)
            state.last = None
            progress(state)
        again, remove = claims.repairs()
        for future in [executor.submit(_work, [(sources[p], [])], frozenset(indexes))
                       for p, indexes in again.items()]:
            future.result()
        for name in remove:
            (out / name).unlink(missing_ok=True)
    except BaseException:
        journal.close()  # what was finished stays in the journal: the next run resumes from it
        raise
    write_manifest(out, journal.lines(), summary=counts, version=__version__)
    journal.close(remove=True)
    return counts, failures


def _result(item: tuple[int, cf.Future[list[_FileResult]]]) -> tuple[int, list[_FileResult]]:
    first, future = item
    return first, future.result()


# ---------------------------------------------------------------------------- validation

def validate_inputs(inputs: Sequence[str]) -> list[tuple[Source, int | None, Report]]:
    """Return the problems of every input document, as a batch would see them (office profiles applied).

    Each entry is the input file, the document's index (``None`` when the whole
    file failed, as for a YAML syntax error) and its :class:`Report`.
    """
    results: list[tuple[Source, int | None, Report]] = []
    offices = OfficeProfiles()
    for source in collect_inputs(inputs):
        try:
            docs = _read(source)
            profile = _source_profile(offices, source)
        except PeaDocsError as exc:
            problems = getattr(exc, "problems", None) or [Problem("input.error", "", (), None, str(exc))]
            results.append((source, None, Report(p if p.file else p.in_file(source.name) for p in problems)))
            continue
        for doc in docs:
            apply_office(doc, profile)
            # an unknown form or language is one more problem in the report, never an exception
            results.append((source, doc.index, validate_input(doc)))
    return results

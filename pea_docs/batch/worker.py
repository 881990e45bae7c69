"""The life of a batch worker process: set up, read, plan, render, write, convert, die with its parent.

A worker does all the work of a chunk of input files (:func:`work`) and sends
back one small :class:`Finished` per document. It keeps its compiled templates
and its LibreOffice between chunks. It ignores Ctrl-C (the main process decides
what stops) and ends at once on SIGTERM, or when the main process dies however
it dies.

>>> PR_SET_PDEATHSIG
1
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import signal
import sys
import threading
import time
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, cast

from pea_docs.api import render_input
from pea_docs.batch.fingerprints import document_engine, set_package_hash
from pea_docs.batch.lock import LOCK_FD, TMP_DIR
from pea_docs.batch.manifest import STATE_DIR, Previous, Record
from pea_docs.batch.plan import Planned, claimed_outputs, failed_record, plan
from pea_docs.batch.sources import Source, parse_source, source_profile, source_text
from pea_docs.batch.unchanged import skip_unread, source_state
from pea_docs.errors import InternalError, PeaDocsError, Problem, RenderError
from pea_docs.io.inputs import InputDocument
from pea_docs.io.limits import current, deadline
from pea_docs.io.office import OfficeProfiles
from pea_docs.io.sandbox import OutputFolder

__all__ = ["FileResult", "Finished", "init_worker", "start_worker", "work"]

# Per worker process: the output folder, the flags, the office profiles and the converter.
_STATE: dict[str, Any] = {}


def init_worker(outdir: str, pdf: bool, force: bool, timeout: float, package_hash: str) -> None:
    """Set this process up to work for a batch writing into ``outdir``."""
    set_package_hash(package_hash)
    if _STATE.get("folder") is not None:  # the batch before, in this same process (workers=0)
        _STATE["folder"].close()
    _STATE.clear()
    out = Path(outdir).resolve()
    _STATE.update(outdir=out, pdf=pdf, force=force, timeout=timeout, converter=None,
                  offices=OfficeProfiles(), folder=None)


def _folder() -> OutputFolder:
    # opened at the first write: the output folder exists only once the batch has locked it
    if _STATE["folder"] is None:
        _STATE["folder"] = OutputFolder(_STATE["outdir"], scratch=f"{STATE_DIR}/{TMP_DIR}")
    return cast(OutputFolder, _STATE["folder"])


def start_worker(parent: int, *args: Any) -> None:
    """Start a worker process of the main process ``parent``; ``args`` go to :func:`init_worker`."""
    # Workers start before the output folder is locked, so they never hold its lock
    # (a killed batch must free it the moment its main process dies). Should one be
    # forked later, it closes its copy of the lock.
    if LOCK_FD[0] >= 0:
        with contextlib.suppress(OSError):
            os.close(LOCK_FD[0])
        LOCK_FD[0] = -1
    # the main process decides what a Ctrl-C stops (it stops the workers with SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    _die_with_parent(parent)
    init_worker(*args)


#: prctl(2) option: the signal this process gets when the thread that forked it dies
PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the main process ``parent`` dies, however it dies.

    A ``kill -9`` of the main process runs none of its clean-up, and orphaned
    workers would go on writing. On Linux the kernel sends SIGTERM
    (``prctl(PR_SET_PDEATHSIG)``); everywhere a thread also watches ``os.getppid()``
    and ends the worker itself if it is still there.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            armed = False
        if armed and os.getppid() != parent:  # it died before prctl took effect
            _worker_stop(signal.SIGTERM, None)
    # The watcher runs even where the kernel's signal is armed: a signal handler runs only when
    # the main thread gets back to Python, and a worker that outlived its parent by seconds was
    # seen under load (its inherited stdout kept the caller waiting). The thread ends it directly.
    threading.Thread(target=_watch_parent, args=(parent, armed), name="pea-docs-parent", daemon=True).start()


def _watch_parent(parent: int, armed: bool, interval: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    if armed:
        time.sleep(2.0)  # the kernel's SIGTERM should have ended this worker, cleanly, by now
    _worker_stop(signal.SIGTERM, None)


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


class Finished(NamedTuple):
    """What a worker sends back for one document: its record, its claims, its journal line."""

    record: Record
    claims: tuple[str, ...]
    line: str


#: a file's documents as a worker sends them back: (documents in the file, finished documents)
FileResult = tuple[int, list[Finished]]


def work(files: list[tuple[Source, list[Previous]]], only: frozenset[int] | None = None) -> list[FileResult]:
    """Read, plan, render and write a chunk of input files in this process (a worker's task).

    ``files`` pairs each input with what the earlier run recorded of it;
    ``only`` restricts a file to some documents (a repair, see :func:`run_batch`).
    """
    planned_by_file: list[tuple[int, list[Planned]]] = []
    options = {"outdir": _STATE["outdir"], "pdf": _STATE["pdf"], "force": _STATE["force"]}
    seconds = current().document_seconds
    for source, prev in files:
        try:
            with deadline(seconds, "reading the file"):
                text = source_text(source)
                content = text.encode("utf-8")  # the state is that of the very text parsed
                profile = source_profile(_STATE["offices"], source)
                if only is None and not _STATE["force"]:
                    unread = skip_unread(source, prev, content, profile, outdir=_STATE["outdir"],
                                         pdf=_STATE["pdf"])
                    if unread is not None:
                        claims = [claimed_outputs(r.output or "", _STATE["pdf"]) for r in unread]
                        planned_by_file.append((len(unread), [Planned(r, None, None, c)
                                                              for r, c in zip(unread, claims, strict=True)]))
                        continue
                docs = parse_source(source, text)
        except Exception as exc:  # any input, however broken, fails only itself
            planned_by_file.append((0, [Planned(failed_record(source, None, _as_error(exc)), None, None, ())]))
            continue
        before = {p.output: p for p in prev}
        planned = [_plan(doc, source, len(docs), profile, before, options) for doc in docs
                   if only is None or doc.index in only]
        state = _state(content, profile, docs)
        for item in planned:
            item.record.source = state
        for item in planned:
            if item.document is not None and item.target is not None:
                _render(item.document, item.record, seconds)
        planned_by_file.append((len(docs), planned))
    if _STATE.get("pdf"):
        _convert([(p.target, p.record) for _, planned in planned_by_file for p in planned
                  if p.target is not None and p.record.status == "done"])
    return [(count, [Finished(p.record, p.claims, p.record.to_json()) for p in planned])
            for count, planned in planned_by_file]


def _state(content: bytes, profile: dict[str, Any], docs: list[InputDocument]) -> str | None:
    """Return the file's state for its records, or None if it cannot be had (never skipped unread)."""
    try:
        return source_state(content, profile, _STATE["pdf"], [document_engine(d) for d in docs])
    except Exception:  # an unknown form, a missing template: those documents fail anyway
        return None


def _as_error(exc: Exception) -> PeaDocsError:
    """Return ``exc`` as a pea-docs error: itself, or an ``internal.error`` (a bug) naming it."""
    if isinstance(exc, PeaDocsError):
        return exc
    return InternalError(f"pea-docs failed on this input ({type(exc).__name__}: {exc}); please report it")


def _plan(doc: InputDocument, source: Source, count: int, profile: dict[str, Any],
          before: dict[str, Previous], options: dict[str, Any]) -> Planned:
    try:
        return plan(doc, source, count, profile, before, **options)
    except Exception as exc:  # a bug in planning fails this document only
        record = failed_record(source, doc.index, _as_error(exc), form=doc.form, template=doc.template,
                               lang=doc.lang)
        return Planned(record, None, None, ())


def _render(doc: InputDocument, record: Record, seconds: float) -> None:
    """Render one document into its output; fill in its record (hash, warnings or errors)."""
    try:
        with deadline(seconds):
            document = render_input(doc)
            data = document.to_bytes()
            try:
                _folder().write(record.output or "", data)
            except OSError as exc:
                raise RenderError(f"{record.output}: cannot write the document: {exc.strerror or exc}") from exc
        record.sha256 = hashlib.sha256(data).hexdigest()
        record.warnings = [p.to_dict() for p in document.problems if p.severity == "warning"]
    except PeaDocsError as exc:
        problems = exc.problem_list()
        record.status = "failed"
        record.errors = [(p if p.file else p.in_file(doc.file, document=doc.index)).to_dict()
                         for p in problems]
    except Exception as exc:  # a bug must not stop the other documents; the record says what
        record.status = "failed"
        record.errors = [p.in_file(doc.file, document=doc.index).to_dict()
                         for p in _as_error(exc).problem_list()]


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

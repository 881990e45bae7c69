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

The pieces, each in its module: the inputs (:mod:`~pea_docs.batch.sources`),
the fingerprints (:mod:`~pea_docs.batch.fingerprints`), planning one document
(:mod:`~pea_docs.batch.plan`), the worker's work
(:mod:`~pea_docs.batch.worker`), the pool and signals
(:mod:`~pea_docs.batch.pool`), the folder's lock (:mod:`~pea_docs.batch.lock`)
and who owns an output (:mod:`~pea_docs.batch.claims`); this module runs them.

>>> YAML_SUFFIXES
('.yaml', '.yml')
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pea_docs._version import __version__
from pea_docs.api import apply_office, validate_input
from pea_docs.batch.claims import Claims
from pea_docs.batch.fingerprints import package_hash
from pea_docs.batch.lock import lock
from pea_docs.batch.manifest import MANIFEST, Journal, Record, load_previous, read_manifest, write_manifest
from pea_docs.batch.pool import Stopped, executor, signals_ignored, sigterm_raises, stop_workers
from pea_docs.batch.sources import YAML_SUFFIXES, Source, collect_inputs, read_source, source_profile
from pea_docs.batch.worker import FileResult, work
from pea_docs.errors import BatchBusyError, BatchInterruptedError, JournalError, PeaDocsError, Report
from pea_docs.io.office import OfficeProfiles

__all__ = [
    "BatchBusyError",
    "BatchInterruptedError",
    "BatchResult",
    "Progress",
    "Source",
    "YAML_SUFFIXES",
    "collect_inputs",
    "default_workers",
    "run_batch",
    "validate_inputs",
]

#: files per task sent to a worker: enough to make the cost of a task (pickling, a pipe
#: round trip) small beside rendering, few enough to keep every worker busy to the end
MAX_CHUNK = 32
#: tasks per worker sent but not yet finished in order: bounds the memory of a run
WINDOW_PER_WORKER = 4


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
    #: documents of the files read so far
    documents_read: int = 0
    #: documents of the file being finished not yet finished
    left_in_file: int = 0

    @property
    def finished(self) -> int:
        """Return the number of documents finished so far, whatever their status."""
        return self.done + self.skipped + self.failed

    @property
    def known(self) -> int:
        """Return the documents expected: those of the files read, and for each file not yet read
        as many as the files read held on average.

        So the share does not run ahead when files hold several documents; exact once every
        file is read, so a bar of ``finished / known`` ends at 100 %.

        >>> state = Progress(files_total=10, files_read=4, documents_read=8, done=6, left_in_file=2)
        >>> state.known, state.percent
        (20, 30)
        """
        unread = self.files_total - self.files_read
        per_file = self.documents_read / self.files_read if self.files_read else 1.0
        return self.finished + self.left_in_file + round(unread * per_file)

    @property
    def seconds_left(self) -> float | None:
        """Return the estimated seconds to the end at the rate so far (None before the first document)."""
        if not self.finished:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.finished * (self.known - self.finished)

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
    with sigterm_raises():
        pool: cf.Executor | None = None
        try:
            pool = executor(workers, (str(out), pdf, force, timeout, package_hash()))
            sources = collect_inputs(inputs)
            out.mkdir(parents=True, exist_ok=True)
            with lock(out):
                counts, failures = _run(pool, sources, out, workers=workers, force=force,
                                        progress=progress)
                manifest_path = out / MANIFEST
        except (KeyboardInterrupt, Stopped) as exc:
            if pool is not None:
                with signals_ignored():  # a second Ctrl-C must not cut the clean-up short
                    stop_workers(pool)
            signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
            raise BatchInterruptedError(signum) from None
        except cf.BrokenExecutor:  # BrokenProcessPool: a worker died
            raise BatchBusyError("a worker process died (out of memory or killed); "
                                 "run the same command again to resume") from None
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    return BatchResult(counts, failures, time.monotonic() - started, manifest_path)


def _run(executor: cf.Executor, sources: list[Source], out: Path, *, workers: int, force: bool,
         progress: Callable[[Progress], None] | None) -> tuple[dict[str, int], list[Record]]:
    """Render ``sources`` with ``executor`` under the lock; write the manifest; return counts and failures."""
    state = Progress(files_total=len(sources))
    counts = {"done": 0, "skipped": 0, "failed": 0}
    failures: list[Record] = []
    claims = Claims(sources)
    previous = {} if force else load_previous(out)
    journal = Journal(out)
    size = max(1, min(MAX_CHUNK, len(sources) // (max(workers, 1) * 8)))
    window = max(2, max(workers, 1) * WINDOW_PER_WORKER)
    # (position of the first file, future) in input order; finished strictly in that order
    inflight: deque[tuple[int, cf.Future[list[FileResult]]]] = deque()

    def finish(first: int, results: list[FileResult]) -> None:
        for position, (count, finished) in enumerate(results, start=first):
            state.files_read += 1
            state.documents_read += len(finished)
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
            inflight.append((first, executor.submit(work, task)))
            while len(inflight) >= window or (inflight and inflight[0][1].done()):
                finish(*_result(inflight.popleft()))
        while inflight:
            finish(*_result(inflight.popleft()))
        if progress:  # the last call: every file read (the last ones may hold no document)
            state.last = None
            progress(state)
        again, remove = claims.repairs()
        for future in [executor.submit(work, [(sources[p], [])], frozenset(indexes))
                       for p, indexes in again.items()]:
            future.result()
        for name in remove:
            (out / name).unlink(missing_ok=True)
    except BaseException:
        journal.close()  # what was finished stays in the journal: the next run resumes from it
        raise
    write_manifest(out, journal.lines(), summary=counts, version=__version__)
    journal.close(remove=True)
    if journal.failed is not None:
        raise JournalError(f"{journal.path}: cannot write the batch's journal "
                           f"({journal.failed.strerror or journal.failed}); {MANIFEST} lists every "
                           "document, but a run killed now could not have resumed: free the disk")
    return counts, failures


def _result(item: tuple[int, cf.Future[list[FileResult]]]) -> tuple[int, list[FileResult]]:
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
            docs = read_source(source)
            profile = source_profile(offices, source)
        except PeaDocsError as exc:
            problems = exc.problem_list()
            results.append((source, None, Report(p if p.file else p.in_file(source.name) for p in problems)))
            continue
        for doc in docs:
            apply_office(doc, profile)
            # an unknown form or language is one more problem in the report, never an exception
            results.append((source, doc.index, validate_input(doc)))
    return results

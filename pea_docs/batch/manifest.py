"""The batch manifest and the journal that makes a killed batch resumable.

``OUTDIR/manifest.json`` lists every input document of the last run: its input
file and index, output file, the output's sha256, its status (``done``,
``skipped``, ``failed``), its errors and warnings, and a fingerprint of what
made it. It is written atomically at the end of a run, one document per line
(valid JSON that ``grep`` and ``diff`` read well, and that the next run reads a
line at a time instead of loading it whole).

While a run goes, each finished document is appended as one JSON line to
``OUTDIR/.pea-docs/journal.jsonl`` (flushed at once, so a killed run keeps what
it finished). A batch finishes documents in input order, so this run's part of
the journal is already sorted: the manifest is copied from it, never held in
memory. The next run reads the manifest, then the journal over it, and skips a
document whose fingerprint is unchanged and whose output still has the recorded
hash. A successful manifest write removes the journal.

>>> a = fingerprint({"form": "x", "data": {"b": 1, "a": 2}}, engine="e", pdf=False)
>>> a == fingerprint({"data": {"a": 2, "b": 1}, "form": "x"}, engine="e", pdf=False), len(a)
(True, 64)
>>> a == fingerprint({"form": "x", "data": {"b": 1, "a": 2}}, engine="e", pdf=True)
False
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple

from pea_docs.ooxml.document import atomic_write

__all__ = ["MANIFEST", "Journal", "Previous", "Record", "fingerprint", "load_previous", "read_manifest",
           "sha256_file", "write_manifest"]

MANIFEST = "manifest.json"
STATE_DIR = ".pea-docs"
JOURNAL = "journal.jsonl"
Status = Literal["done", "skipped", "failed"]
_ROW_START = '{"input": '
_NO_WARNINGS: list[dict[str, Any]] = []


@dataclass
class Record:
    """What happened to one input document (one row of the manifest)."""

    input: str
    document: int | None
    status: Status
    output: str | None = None
    pdf: str | None = None
    sha256: str | None = None
    fingerprint: str | None = None
    form: str | None = None
    template: str | None = None
    lang: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    #: the input file's state when the document was made (pea_docs.batch.unchanged)
    source: str | None = None

    def sort_key(self) -> tuple[str, int]:
        """Return the manifest's order: by input file, then document index."""
        return (self.input, -1 if self.document is None else self.document)

    def to_dict(self) -> dict[str, Any]:
        """Return the manifest row."""
        return asdict(self)

    def to_json(self) -> str:
        """Return the manifest row as one line of JSON (a journal line).

        >>> Record("a.yaml", 0, "done").to_json()[:45]
        '{"input": "a.yaml", "document": 0, "status": '
        """
        # the fields are JSON already (errors and warnings are Problem.to_dict()): no deep copy
        return json.dumps(vars(self), ensure_ascii=False, default=_json_default)


class Previous(NamedTuple):
    """What an earlier run recorded of one finished document (what a skip is decided on)."""

    output: str
    fingerprint: str | None
    sha256: str | None
    pdf: str | None
    warnings: list[dict[str, Any]]
    # what skipping its file unread needs (pea_docs.batch.unchanged)
    document: int | None = None
    form: str | None = None
    template: str | None = None
    lang: str | None = None
    source: str | None = None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text_or_none(value: Any) -> str | None:
    # a manifest is read back as it was written, or edited by hand: only text is trusted as text
    return value if isinstance(value, str) else None


def _json_default(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def fingerprint(document: Mapping[str, Any], *, engine: str, pdf: bool) -> str:
    """Return the sha256 that changes whenever the output of ``document`` could.

    ``document`` holds the form or template, language, output name and data
    (canonical JSON: sorted keys, dates in ISO form); ``engine`` is the hash of
    the template or of pea-docs itself (version, code, catalogs).
    """
    text = json.dumps({"doc": document, "engine": engine, "pdf": pdf}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: str | os.PathLike[str]) -> str | None:
    """Return the sha256 of a file, or None if it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def read_manifest(outdir: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Yield the document rows of ``OUTDIR/manifest.json``, a line at a time; nothing if unreadable.

    A manifest in another layout (written by hand or by an older pea-docs) is
    read whole instead.
    """
    path = Path(outdir) / MANIFEST
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.readline()
            if not (head.startswith('{"pea_docs"') and head.rstrip("\n").endswith('"documents": [')):
                rows = json.loads(head + fh.read()).get("documents", [])
                yield from (r for r in rows if isinstance(r, dict))
                return
            for line in fh:
                if line.startswith(_ROW_START):
                    yield json.loads(line.rstrip("\n").removesuffix(","))
    except (OSError, ValueError, AttributeError):
        return


def _journal_rows(root: Path) -> Iterator[dict[str, Any]]:
    try:
        with open(root / STATE_DIR / JOURNAL, encoding="utf-8") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except ValueError:  # a line cut by a kill
                    continue
                if isinstance(row, dict):
                    yield row
    except OSError:
        return


def load_previous(outdir: str | os.PathLike[str]) -> dict[str, list[Previous]]:
    """Return the finished documents of earlier runs by input file: ``{input: [Previous, ...]}``.

    Reads the manifest, then the journal of a killed run over it (a later row
    for an output replaces an earlier one; a failed one forgets it). A damaged
    manifest or a journal line cut by a kill is ignored: the worst that follows
    is rendering a document again. Only what a skip needs is kept (a few
    hundred bytes per document).
    """
    root = Path(outdir)
    by_output: dict[str, tuple[str, Previous]] = {}
    for rows in (read_manifest(root), _journal_rows(root)):
        for row in rows:
            output = row.get("output")
            if not output or not isinstance(output, str):
                continue
            if row.get("status") in ("done", "skipped"):
                warnings = row.get("warnings") or _NO_WARNINGS
                by_output[output] = (str(row.get("input")), Previous(
                    output, row.get("fingerprint"), row.get("sha256"), row.get("pdf"), warnings,
                    _int_or_none(row.get("document")), _text_or_none(row.get("form")),
                    _text_or_none(row.get("template")), _text_or_none(row.get("lang")),
                    _text_or_none(row.get("source"))))
            else:
                by_output.pop(output, None)
    previous: dict[str, list[Previous]] = {}
    while by_output:  # regroup, releasing as it goes
        _, (name, kept) = by_output.popitem()
        previous.setdefault(name, []).append(kept)
    return previous


class Journal:
    """The append-only record of a running batch (``.pea-docs/journal.jsonl``).

    Lines of earlier, killed runs stay before this run's (they are what a
    resumed run skips on); :meth:`lines` yields this run's lines only.
    """

    def __init__(self, outdir: str | os.PathLike[str]):
        self.path = Path(outdir) / STATE_DIR / JOURNAL
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        self._fh: BinaryIO | None = os.fdopen(os.open(self.path, flags, 0o644), "ab", buffering=0)
        if self._fh.tell():  # a kill may have cut the last line: start on a line of our own
            with open(self.path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    self._fh.write(b"\n")
        self.start = self._end = self._fh.tell()
        self._waiting: list[bytes] = []
        #: the error that stopped the journal being written (disk full...); the lines after it are kept in memory
        self.failed: OSError | None = None
        self._kept: list[bytes] = []

    def add(self, record: Record | str, *, flush: bool = True) -> None:
        """Append one finished document (a record, or its :meth:`Record.to_json` line).

        Written at once unless ``flush`` is False (then :meth:`flush` after a
        group of lines): a kill keeps what was written. Should writing fail, the
        lines are kept in memory (:attr:`failed` says why), so that the manifest
        still lists every document.
        """
        line = record.to_json() if isinstance(record, Record) else record
        self._waiting.append(line.encode("utf-8") + b"\n")
        if flush:
            self.flush()

    def flush(self) -> None:
        """Write the lines added since the last flush."""
        data, self._waiting = b"".join(self._waiting), []
        if not data:
            return
        if self._fh is not None and self.failed is None:
            try:
                self._fh.write(data)
                self._end += len(data)
                return
            except OSError as exc:
                self.failed = exc
                with contextlib.suppress(OSError):
                    self._fh.truncate(self._end)  # no half line for a resumed run to trip on
        self._kept.append(data)

    def lines(self) -> Iterator[str]:
        """Yield this run's lines, in the order they were added."""
        self.flush()
        with open(self.path, "rb") as fh:
            fh.seek(self.start)
            left = self._end - self.start
            while left > 0 and (line := fh.readline(left)):
                left -= len(line)
                yield line.decode("utf-8").rstrip("\n")
        for data in self._kept:
            for line in data.splitlines():
                yield line.decode("utf-8")

    def close(self, *, remove: bool = False) -> None:
        """Close the journal; remove it once the manifest holds everything."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if remove:
            self.path.unlink(missing_ok=True)


def write_manifest(outdir: str | os.PathLike[str], rows: Iterable[Record | str], *, version: str,
                   summary: Mapping[str, int] | None = None) -> Path:
    """Write ``manifest.json`` atomically, one document per line, streaming ``rows``.

    ``rows`` are records, or their :meth:`Record.to_json` lines, already sorted
    by input file and document index (records given without a ``summary`` are
    sorted and counted here).

    >>> import tempfile, json
    >>> folder = tempfile.mkdtemp()
    >>> path = write_manifest(folder, [Record("b.yaml", 0, "failed"), Record("a.yaml", 0, "done")],
    ...                       version="0")
    >>> manifest = json.loads(path.read_text())
    >>> manifest["summary"], [r["input"] for r in manifest["documents"]]
    ({'done': 1, 'skipped': 0, 'failed': 1}, ['a.yaml', 'b.yaml'])
    >>> [r["input"] for r in read_manifest(folder)]
    ['a.yaml', 'b.yaml']
    """
    if summary is None:
        records = sorted((r for r in rows if isinstance(r, Record)), key=Record.sort_key)
        summary = {s: sum(1 for r in records if r.status == s) for s in ("done", "skipped", "failed")}
        rows = records
    counts = {s: summary.get(s, 0) for s in ("done", "skipped", "failed")}
    head = json.dumps({"pea_docs": version, "summary": counts}, ensure_ascii=False)[:-1]

    def write(fh: BinaryIO) -> None:
        fh.write((head + ', "documents": [\n').encode("utf-8"))
        separator = b""
        for row in rows:
            line = row.to_json() if isinstance(row, Record) else row
            fh.write(separator + line.encode("utf-8"))
            separator = b",\n"
        fh.write(b"\n]}\n")

    return atomic_write(Path(outdir) / MANIFEST, write)

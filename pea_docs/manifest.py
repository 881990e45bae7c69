"""The batch manifest and the journal that makes a killed batch resumable.

``OUTDIR/manifest.json`` lists every input document of the last run: its input
file and index, output file, the output's sha256, its status (``done``,
``skipped``, ``failed``), its errors and warnings, and a fingerprint of what
made it. It is written atomically at the end of a run.

While a run goes, each finished document is appended as one JSON line to
``OUTDIR/.pea-docs/journal.jsonl`` (flushed at once, so a killed run keeps what
it finished). The next run reads the manifest, then the journal over it, and
skips a document whose fingerprint is unchanged and whose output still has the
recorded hash. A successful manifest write removes the journal.

>>> a = fingerprint({"form": "x", "data": {"b": 1, "a": 2}}, engine="e", pdf=False)
>>> a == fingerprint({"data": {"a": 2, "b": 1}, "form": "x"}, engine="e", pdf=False), len(a)
(True, 64)
>>> a == fingerprint({"form": "x", "data": {"b": 1, "a": 2}}, engine="e", pdf=True)
False
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from .render.document import atomic_write

__all__ = ["MANIFEST", "Journal", "Record", "fingerprint", "load_previous", "sha256_file", "write_manifest"]

MANIFEST = "manifest.json"
STATE_DIR = ".pea-docs"
JOURNAL = "journal.jsonl"
Status = Literal["done", "skipped", "failed"]


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

    def sort_key(self) -> tuple[str, int]:
        """Return the manifest's order: by input file, then document index."""
        return (self.input, -1 if self.document is None else self.document)

    def to_dict(self) -> dict[str, Any]:
        """Return the manifest row."""
        return asdict(self)


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


def load_previous(outdir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Return the finished documents of earlier runs: ``{output: row}`` (status ``done``/``skipped``).

    A damaged manifest or a journal line cut by a kill is ignored: the worst
    that follows is rendering a document again.
    """
    root = Path(outdir)
    rows: list[dict[str, Any]] = []
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        rows.extend(manifest.get("documents", []))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        with open(root / STATE_DIR / JOURNAL, encoding="utf-8") as fh:
            for line in fh:
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    continue
    except OSError:
        pass
    previous: dict[str, dict[str, Any]] = {}
    for row in rows:
        if isinstance(row, dict) and row.get("output"):
            if row.get("status") in ("done", "skipped"):
                previous[row["output"]] = row
            else:
                previous.pop(row["output"], None)
    return previous


class Journal:
    """The append-only record of a running batch (``.pea-docs/journal.jsonl``)."""

    def __init__(self, outdir: str | os.PathLike[str]):
        self.path = Path(outdir) / STATE_DIR / JOURNAL
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: TextIO | None = open(self.path, "a", encoding="utf-8")

    def add(self, record: Record) -> None:
        """Append one finished document; flushed at once so a kill keeps it."""
        if self._fh is not None:
            self._fh.write(json.dumps(record.to_dict(), ensure_ascii=False, default=_json_default) + "\n")
            self._fh.flush()

    def close(self, *, remove: bool = False) -> None:
        """Close the journal; remove it once the manifest holds everything."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if remove:
            self.path.unlink(missing_ok=True)


def write_manifest(outdir: str | os.PathLike[str], records: Iterable[Record], *,
                   version: str) -> Path:
    """Write ``manifest.json`` atomically, rows sorted by input file and document index."""
    rows = sorted(records, key=Record.sort_key)
    summary = {s: sum(1 for r in rows if r.status == s) for s in ("done", "skipped", "failed")}
    payload = {"pea_docs": version, "summary": summary, "documents": [r.to_dict() for r in rows]}
    text = json.dumps(payload, ensure_ascii=False, indent=1, default=_json_default) + "\n"
    return atomic_write(Path(outdir) / MANIFEST, lambda fh: fh.write(text.encode("utf-8")))

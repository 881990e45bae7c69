"""An input file whose state is unchanged since its documents were made is skipped unread.

Resuming a finished batch of thousands of files used to read and parse every
YAML file again, only to find each document's fingerprint unchanged: three
times what deciding "up to date" needs. Each record now also keeps the state of
its input file when the document was made (:func:`source_state`): the number of
documents in the file and a sha256 over the file's bytes, the office profile it
was read with, the PDF flag and the engine of each document (pea-docs and the
form's module, or the user's template). When a file's state is the same now and
every document of it was finished with its output intact,
:func:`skip_unread` gives the same records a full reading would give —
"skipped", with their hashes and warnings — without parsing the file (it is
read, within the limits, and hashed: a FIFO or an endless file fails as ever).

The state hashes the very text that is parsed, so a file changed while it was
rendered is recorded in the state it had.

>>> len(source_state(b"form: request\\n", {}, False, ["e1"]).split()[1])
64
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pea_docs.batch.fingerprints import document_engine
from pea_docs.batch.manifest import Previous, Record, sha256_file
from pea_docs.batch.sources import Source
from pea_docs.io.inputs import InputDocument
from pea_docs.io.paths import safe_output_path

__all__ = ["skip_unread", "source_state"]


def source_state(content: bytes, profile: Mapping[str, Any], pdf: bool, engines: Sequence[str]) -> str:
    """Return an input file's state: ``"<documents> <sha256>"`` (see the module)."""
    h = hashlib.sha256(hashlib.sha256(content).digest())
    h.update(json.dumps([profile, pdf, list(engines)], sort_keys=True, ensure_ascii=False,
                        default=str).encode("utf-8"))
    return f"{len(engines)} {h.hexdigest()}"


def skip_unread(source: Source, previous: list[Previous], content: bytes,
                profile: Mapping[str, Any], *, outdir: Path, pdf: bool) -> list[Record] | None:
    """Return the "skipped" records of an unchanged file's documents, or None to read the file.

    None whenever anything may differ: an earlier run that recorded no state or
    another state, a document of the file that failed or is missing, an output
    changed or gone (or its PDF, with ``pdf``).
    """
    if not previous or any(p.source is None for p in previous):
        return None
    rows = sorted(previous, key=lambda p: -1 if p.document is None else p.document)
    try:
        engines = [document_engine(InputDocument(p.form, p.template, p.lang or "", None, {},
                                                 file=source.name)) for p in rows]
    except Exception:  # a form no longer known, a template gone: reading the file says what
        return None
    state = source_state(content, profile, pdf, engines)
    if any(p.source != state for p in rows):
        return None
    records = []
    for p in rows:
        try:
            target = safe_output_path(outdir, p.output)
        except Exception:  # a manifest edited by hand: the full path decides
            return None
        if not p.sha256 or sha256_file(target) != p.sha256 \
                or (pdf and not target.with_suffix(".pdf").is_file()):
            return None
        records.append(Record(source.name, p.document, "skipped", output=p.output, pdf=p.pdf,
                              sha256=p.sha256, fingerprint=p.fingerprint, form=p.form,
                              template=p.template, lang=p.lang, warnings=list(p.warnings),
                              source=p.source))
    return records

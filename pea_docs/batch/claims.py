"""Which document of a batch owns an output name: the first to claim it, in input order.

Workers plan documents in parallel, so two of them may pick one output name;
the main process, which finishes records in input order, settles it
(:class:`Claims`): the later document fails with ``output.duplicate``, and a
name it may have written over is rendered again by its owner at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pea_docs.batch.manifest import Record
from pea_docs.batch.sources import Source
from pea_docs.batch.worker import Finished
from pea_docs.errors import Problem
from pea_docs.io.inputs import InputDocument

__all__ = ["Claims"]


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


class Claims:
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

    def settle(self, position: int, count: int, finished: Finished) -> Finished:
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
        return Finished(failed, (), failed.to_json())

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

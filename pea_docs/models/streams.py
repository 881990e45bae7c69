"""Entries given as an iterator: read once, validated one at a time, kept on disk.

A register of 100,000 entries need not be a list in memory. Where a model's
``entries`` is given an iterator — a generator, a database cursor, a CSV
reader: anything without a length — the model keeps an :class:`EntryStream`
instead of a list. Its entries are validated one at a time as they are read,
and the source is read only once. :meth:`EntryStream.spool` reads and checks
every entry and keeps the valid ones in a temporary file, so the register can
afterwards be written from disk (as often as asked) with flat memory.

>>> from pea_docs.models import Person
>>> people = EntryStream(Person, iter([{"surname": "Сапаров", "name": "Арман"},
...                                    {"surname": "Әлиев"}]))
>>> [(e.index, e.entry and e.entry.surname, [p.code for p in e.problems]) for e in people.read()]
[(0, 'Сапаров', []), (1, None, ['field.missing'])]
>>> people.read()
Traceback (most recent call last):
...
pea_docs.errors.InputError: entries: the entries were an iterator that has been read already; \
give a new iterator (a list can be read many times)
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ValidatorFunctionWrapHandler, WrapValidator

from pea_docs.errors import InputError, Problem
from pea_docs.models.base import coerce

__all__ = ["EntryStream", "ReadEntry", "is_stream", "streamable"]

E = TypeVar("E", bound=BaseModel)


class ReadEntry(NamedTuple, Generic[E]):
    """One entry as read from the source.

    Attributes:
        index: the entry's position in the source, from 0 (``entries[index]`` in messages).
        raw: the value as given.
        entry: the validated model, or None if it does not fit the model.
        problems: why it does not fit (located under ``entries[index]``).
    """

    # a field named like tuple.index, which it hides: entries are read by name
    index: int  # type: ignore[assignment]
    raw: Any
    entry: E | None
    problems: list[Problem]


def is_stream(value: Any) -> bool:
    """Return True for entries to be read lazily: an iterable without a length.

    >>> is_stream(x for x in ()), is_stream([]), is_stream(()), is_stream("text")
    (True, False, False, False)
    """
    return isinstance(value, Iterator) or (isinstance(value, Iterable)
                                           and not isinstance(value, (Collection, str, bytes)))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class EntryStream(Generic[E]):
    """Entries of ``model`` read from an iterator once, validated one at a time.

    Args:
        model: the model of one entry.
        source: any iterable of mappings (or of ``model`` instances).
        field: the name of the field holding the entries, for problem locations.
    """

    def __init__(self, model: type[E], source: Iterable[Any], *, field: str = "entries"):
        self.model = model
        self.field = field
        self._source: Iterable[Any] | None = source
        self._spool: str | None = None
        self._problems: list[Problem] | None = None

    @property
    def spooled(self) -> bool:
        """Return True once :meth:`spool` has read, checked and stored every entry."""
        return self._spool is not None

    def read(self) -> Iterator[ReadEntry[E]]:
        """Return an iterator over the entries read from the source, each validated on its own.

        Raises:
            InputError: the source has been read already (an iterator is read once).
        """
        if self._source is None:
            raise InputError([Problem(
                "entries.consumed", "", (self.field,), None,
                "the entries were an iterator that has been read already; give a new iterator "
                "(a list can be read many times)")])
        source, self._source = self._source, None
        return self._validated(source)

    def _validated(self, source: Iterable[Any]) -> Iterator[ReadEntry[E]]:
        for i, raw in enumerate(source):
            try:
                yield ReadEntry(i, raw, coerce(self.model, raw, loc=(self.field, i)), [])
            except InputError as exc:
                yield ReadEntry(i, raw, None, list(exc.problems))

    def spool(self, check: Callable[[ReadEntry[E]], list[Problem]]) -> list[Problem]:
        """Read, validate and ``check`` every entry once; keep the valid ones on disk.

        ``check`` sees every entry in order (also one that does not fit the model,
        so that a checker can keep its count). Called again, return the problems
        found the first time without reading anything.

        Returns:
            every problem: the model's, then ``check``'s, entry by entry.
        """
        if self._problems is not None:
            return list(self._problems)
        items = self.read()
        problems: list[Problem] = []
        fd, path = tempfile.mkstemp(prefix="pea-docs-entries-", suffix=".pickle")
        # the file goes when the stream does (or at exit), not when a caller remembers to
        weakref.finalize(self, _unlink, path)
        with os.fdopen(fd, "wb") as fh:
            for item in items:
                problems += item.problems
                problems += check(item)
                if item.entry is not None:
                    # our own private temporary file (mode 0600), read back only by _replay
                    fh.write(pickle.dumps(item.entry, protocol=pickle.HIGHEST_PROTOCOL))
        self._spool, self._problems = path, problems
        return list(problems)

    def _replay(self, path: str) -> Iterator[E]:
        with open(path, "rb") as fh:
            while True:
                try:
                    yield pickle.load(fh)  # noqa: S301 (written by spool() above)
                except EOFError:
                    return

    def __iter__(self) -> Iterator[E]:
        """Yield the valid entries: from disk once spooled, else from the source (read once).

        Raises:
            InputError: not spooled, and an entry does not fit the model.
        """
        if self._spool is not None:
            return self._replay(self._spool)
        return (self._fitting(item) for item in self.read())

    @staticmethod
    def _fitting(item: ReadEntry[E]) -> E:
        if item.entry is None:
            raise InputError(item.problems)
        return item.entry

    def __repr__(self) -> str:
        state = "spooled" if self._spool else "read" if self._source is None else "unread"
        return f"<EntryStream of {self.model.__name__}, {state}>"


def streamable(model: type[E], *, field: str = "entries") -> WrapValidator:
    """Return a validator that keeps an iterator of ``model`` entries as an :class:`EntryStream`.

    A list or tuple is validated as usual, at once; anything without a length
    (:func:`is_stream`) is wrapped, and its entries are validated as they are read.
    Annotate the field ``Annotated[list[Model], streamable(Model)]``.
    """

    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, EntryStream):
            return value
        if is_stream(value):
            return EntryStream(model, value, field=field)
        return handler(value)

    return WrapValidator(wrap)

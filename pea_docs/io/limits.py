"""Limits on what one input may cost: bytes, values, digits, loop turns, seconds.

A 463-byte YAML file can expand to a billion values, a template tag can loop
forever, a small .docx can inflate to a gigabyte. Every such input is refused
with a :class:`~pea_docs.errors.LimitError` that names the limit, the amount and
how to raise it, before it costs more than the limit.

The defaults fit any real document of a PEA office with room to spare. Each can
be changed for a process by an environment variable ``PEA_DOCS_LIMIT_<NAME>``
(read when a limit is first used) or by :func:`set_limits`; a batch passes its
limits on to its workers.

>>> current().text_chars
100000
>>> with limited(text_chars=10):
...     check_text("0123456789ab", ("data", "note"))
Traceback (most recent call last):
...
pea_docs.errors.LimitError: data.note: '0123456789ab' has 12 characters, over the limit of 10 on one text value (limit text_chars; raise it with PEA_DOCS_LIMIT_TEXT_CHARS)
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from pea_docs.errors import LimitError, Problem
from pea_docs.errors.codes import register_code

__all__ = ["Limits", "check_text", "current", "deadline", "grouped", "limit_error", "limited", "set_limits"]


@dataclass(frozen=True)
class Limits:
    """The limits of one process (see ``docs/errors.md``)."""

    #: bytes of one input file (YAML, office.yaml, standard input)
    input_bytes: int = 10 * 2**20
    #: values of one YAML file once its aliases are expanded (a "billion laughs" stops here)
    yaml_values: int = 200_000
    #: characters of one text value
    text_chars: int = 100_000
    #: digits of one whole number
    integer_digits: int = 30
    #: turns of the loops over range() in one rendering of a template, all loops together
    loop_turns: int = 1_000_000
    #: bytes of the XML a template renders into one part, and of a value a tag computes
    output_bytes: int = 50 * 2**20
    #: members of a .docx or .xlsx package read (a template, a document to stamp)
    zip_members: int = 5_000
    #: bytes of a package read, once inflated
    zip_bytes: int = 500 * 2**20
    #: seconds one document may take in a batch (reading, rendering, writing; not PDF)
    document_seconds: float = 60.0
    #: bytes of one image put in a template (a scanned signature, a seal, a photo)
    image_bytes: int = 10 * 2**20
    #: pixels of one image, width times height (a small file can hold a huge picture)
    image_pixels: int = 40_000_000


_DESCRIPTIONS = {f.name: f for f in fields(Limits)}
_NOUNS = {
    "input_bytes": "an input file", "yaml_values": "the values of a YAML file with its aliases expanded",
    "text_chars": "one text value", "integer_digits": "the digits of a whole number",
    "loop_turns": "the loop turns of one rendering", "output_bytes": "the XML of one rendered part",
    "zip_members": "the members of a package", "zip_bytes": "the inflated bytes of a package",
    "document_seconds": "the seconds of one document",
    "image_bytes": "one image", "image_pixels": "the pixels of one image",
}
for _name in _NOUNS:
    register_code(f"limit.{_name}", "", f"an input over the limit on {_NOUNS[_name]}")

_current: Limits | None = None
_lock = threading.Lock()


def _from_environment(base: Limits) -> Limits:
    changes: dict[str, Any] = {}
    for name, spec in _DESCRIPTIONS.items():
        raw = os.environ.get(f"PEA_DOCS_LIMIT_{name.upper()}")
        if raw:
            try:
                changes[name] = float(raw) if spec.type in (float, "float") else int(raw)
            except ValueError:
                continue  # a malformed variable leaves the default, as an unset one would
    return dataclasses.replace(base, **changes)


def current() -> Limits:
    """Return the limits in force in this process."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = _from_environment(Limits())
    return _current


def set_limits(**changes: Any) -> Limits:
    """Change limits for this process (and the batch workers it starts); return the new ones.

    >>> old = current(); new = set_limits(loop_turns=10)
    >>> new.loop_turns, set_limits(**dataclasses.asdict(old)).loop_turns
    (10, 1000000)

    Raises:
        TypeError: a name that is not a limit.
    """
    global _current
    with _lock:
        _current = dataclasses.replace(_current or _from_environment(Limits()), **changes)
    return _current


@contextlib.contextmanager
def limited(**changes: Any) -> Iterator[Limits]:
    """Change limits inside a ``with`` block (for tests and examples)."""
    before = current()
    try:
        yield set_limits(**changes)
    finally:
        set_limits(**dataclasses.asdict(before))


def grouped(n: float) -> str:
    """Return ``n`` with its thousands grouped by spaces, as the messages of the limits print it.

    >>> grouped(52428800)
    '52 428 800'
    """
    return f"{n:,}".replace(",", " ")


def limit_error(name: str, amount: str, loc: tuple[str | int, ...] = (), value: Any = None,
                file: str | None = None, *, limit: float | None = None) -> LimitError:
    """Return the error for ``amount`` over the limit ``name`` (its current value unless ``limit``)."""
    limit = getattr(current(), name) if limit is None else limit
    shown = f"{limit:g} s" if name == "document_seconds" else grouped(limit)
    message = (f"{amount}, over the limit of {shown} on {_NOUNS[name]} "
               f"(limit {name}; raise it with PEA_DOCS_LIMIT_{name.upper()})")
    return LimitError([Problem(f"limit.{name}", "", loc, value, message, file=file)])


def check_text(value: str, loc: tuple[str | int, ...] = (), file: str | None = None) -> None:
    """Refuse a text value longer than the ``text_chars`` limit."""
    if len(value) > current().text_chars:
        raise limit_error("text_chars", f"has {grouped(len(value))} characters", loc, value, file)


# signal.signal without its enum conversions (CPython's own _signal.signal, a tenth of the time):
# a batch sets and restores the handler twice a document; what it hands back is given back as it was
_set_handler: Callable[..., Any] = getattr(getattr(signal, "_signal", None), "signal", signal.signal)


class _Expired(BaseException):
    """Raised by the timer inside the work it stops (a BaseException: no ``except Exception`` eats it)."""


@contextlib.contextmanager
def deadline(seconds: float, what: str = "the document") -> Iterator[None]:
    """Stop the work inside the ``with`` block after ``seconds`` with a ``limit.document_seconds`` error.

    Uses a real-time timer signal, so it works only in the main thread of a
    process on a POSIX system; elsewhere the block runs unbounded. A tag that
    computes for long inside one C call is stopped by the template limits
    instead (see :mod:`pea_docs.templating.environment`).

    >>> import time
    >>> with deadline(0.05):
    ...     for _ in range(1000): time.sleep(0.01)  # ten seconds, were the timer not to fire
    Traceback (most recent call last):
    ...
    pea_docs.errors.LimitError: the document took over 0.05 s, over the limit of 0.05 s on the seconds of one document (limit document_seconds; raise it with PEA_DOCS_LIMIT_DOCUMENT_SECONDS)
    """
    if (seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Expired

    previous = _set_handler(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise limit_error("document_seconds", f"{what} took over {seconds:g} s", limit=seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(signal.SIGALRM, previous)

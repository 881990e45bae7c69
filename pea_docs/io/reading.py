"""Reading an input file: a regular file, of bounded size, in UTF-8.

A ``*.yaml`` name may be a FIFO (opening it would wait for a writer forever) or
a link to ``/dev/zero`` (reading it would never end); a file may be UTF-16 or
binary. :func:`read_text` refuses each with a problem that says what the file
is, and never reads more than the ``input_bytes`` limit.

>>> import tempfile, os
>>> fifo = os.path.join(tempfile.mkdtemp(), "in.yaml"); os.mkfifo(fifo)
>>> read_text(fifo)
Traceback (most recent call last):
...
pea_docs.errors.InputError: .../in.yaml: is a FIFO, not a regular file; give a YAML file
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.io.limits import current, grouped, limit_error

__all__ = ["decode", "read_stdin", "read_text"]

register_code("file.type", "", "an input that is not a regular file (a FIFO, a device, a folder)")

_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def read_text(path: str | os.PathLike[str]) -> str:
    """Return the UTF-8 text of the input file at ``path``.

    Raises:
        InputError: ``file.unreadable``, ``file.type`` (not a regular file),
            ``file.encoding`` (not UTF-8), ``limit.input_bytes`` (too big).
    """
    name = str(Path(path))
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(name, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise InputError([Problem("file.type", "", (), None,
                                      f"is {kind}, not a regular file; give a YAML file", file=name)])
        if info.st_size > current().input_bytes:
            raise limit_error("input_bytes", f"the file has {grouped(info.st_size)} bytes",
                              file=name)
        data = _read_to_end(fd, info.st_size, name)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    finally:
        os.close(fd)
    return decode(data, name)


def read_stdin() -> str:
    """Return standard input as UTF-8 text, read up to the ``input_bytes`` limit."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream put in place by a test or an embedding program
        text = sys.stdin.read(current().input_bytes + 1)
        if len(text) > current().input_bytes:
            raise limit_error("input_bytes", "standard input is larger", file="<stdin>")
        return text
    return decode(_bounded_read(stream, "<stdin>"), "<stdin>")


def _read_to_end(fd: int, size: int, name: str) -> bytes:
    """Return the rest of the file ``fd`` (``size`` bytes by its status), up to the ``input_bytes`` limit.

    Asking for the limit at once would allocate ten megabytes for every small file of a batch;
    the file is read as large as it says it is, then to its end (it may have grown meanwhile).
    """
    limit = current().input_bytes
    parts, total, want = [], 0, size + 1
    while chunk := os.read(fd, min(want, limit + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > limit:  # a file that grew since its size was read
            raise limit_error("input_bytes", "the input is larger", file=name)
        want = 1 << 16
    return b"".join(parts)


def _bounded_read(fh: BinaryIO, name: str) -> bytes:
    limit = current().input_bytes
    data = fh.read(limit + 1)
    if len(data) > limit:  # a file that grew since its size was read, or a pipe
        raise limit_error("input_bytes", "the input is larger", file=name)
    return data


def decode(data: bytes, name: str) -> str:
    """Return ``data`` decoded as UTF-8 (a byte-order mark dropped), or raise ``file.encoding``.

    >>> decode("ключ: 1".encode("utf-16"), "a.yaml")
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: a.yaml: is UTF-16 text; save it as UTF-8
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        reason = "is UTF-16 text; save it as UTF-8"
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            binary = b"\x00" in data[:4096]
            reason = ("is a binary file, not YAML text" if binary else
                      f"is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8")
    raise InputError([Problem("file.encoding", "", (), None, reason, file=name)])


def _unreadable(name: str, exc: OSError) -> InputError:
    return InputError([Problem("file.unreadable", "", (), name,
                               f"cannot be read: {exc.strerror or exc}", file=name)])

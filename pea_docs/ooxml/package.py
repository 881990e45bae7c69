"""Deterministic OOXML packages: fixed zip timestamps and a stable order of parts.

Word and Excel files are zip archives. python-docx, openpyxl and XlsxWriter stamp
each member with the current time, so two renders of the same data differ. Every
writer in pea-docs passes its package through :func:`normalize_package`, which
rewrites the archive with one fixed timestamp and fixed attributes, keeping
``[Content_Types].xml`` first as Office expects.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("b.xml", "<b/>"); z.writestr("[Content_Types].xml", "<Types/>")
>>> out = normalize_package(buf.getvalue())
>>> [i.filename for i in zipfile.ZipFile(io.BytesIO(out)).infolist()]
['[Content_Types].xml', 'b.xml']
>>> normalize_package(out) == out
True
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import IO, BinaryIO

from pea_docs.io.limits import current, grouped, limit_error

__all__ = ["FIXED_DATETIME", "ZIP_TIMESTAMP", "member_info", "member_order", "normalize_package", "open_package",
           "write_normalized"]

#: The moment written into zip members (the earliest a zip can hold).
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
#: The creation and modification time written into document properties.
FIXED_DATETIME = datetime(2000, 1, 1, 0, 0, 0)


def member_order(name: str) -> tuple[int, str]:
    """Return the sort key of a part: content types first, package rels next, then by name.

    Office reads ``[Content_Types].xml`` and ``_rels/.rels`` first; the rest keeps
    a stable order.

    >>> sorted(["word/document.xml", "_rels/.rels", "[Content_Types].xml"], key=member_order)
    ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']
    """
    if name == "[Content_Types].xml":
        return (0, "")
    if name == "_rels/.rels":
        return (1, "")
    return (2, name)


def member_info(name: str) -> zipfile.ZipInfo:
    """Return the header of the part ``name``: the fixed timestamp, deflated, a plain file.

    >>> member_info("word/document.xml").date_time == ZIP_TIMESTAMP
    True
    """
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def open_package(data: bytes, name: str = "the document") -> zipfile.ZipFile:
    """Return the zip package in ``data``, once its size is known to stay inside the limits.

    A package of a few kilobytes may declare members that inflate to gigabytes;
    the member count and the inflated size of the whole are checked against the
    ``zip_members`` and ``zip_bytes`` limits before anything is read. (A member
    is never inflated past the size it declares: :mod:`zipfile` stops there.)

    >>> open_package(b"not a zip")
    Traceback (most recent call last):
    ...
    zipfile.BadZipFile: File is not a zip file

    Raises:
        zipfile.BadZipFile: ``data`` is not a zip (the caller names what it expected).
        LimitError: too many members, or too many bytes once inflated.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    limits = current()
    if len(infos) > limits.zip_members:
        archive.close()
        raise limit_error("zip_members", f"{name} has {grouped(len(infos))} members")
    inflated = sum(info.file_size for info in infos)
    if inflated > limits.zip_bytes:
        archive.close()
        raise limit_error("zip_bytes", f"{name} inflates to {grouped(inflated)} bytes")
    return archive


def write_normalized(source: bytes | BinaryIO, target: BinaryIO, *,
                     rewrite: Mapping[str, Callable[[bytes, IO[bytes]], None]] | None = None
                     ) -> None:
    """Copy the zip ``source`` into ``target`` with fixed timestamps and sorted parts.

    Args:
        rewrite: parts written otherwise: ``rewrite[name](content, out)`` gets the
            part's bytes and writes the part that replaces it to ``out`` (as a
            stream, so what it adds need not be in memory).
    """
    src = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    rewrite = rewrite or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: member_order(i.filename)):
            with zout.open(member_info(info.filename), "w") as out:
                if info.filename in rewrite:
                    rewrite[info.filename](zin.read(info), out)
                    continue
                with zin.open(info) as member:
                    while chunk := member.read(1 << 20):
                        out.write(chunk)


def normalize_package(data: bytes) -> bytes:
    """Return the zip ``data`` rewritten with fixed timestamps and a stable order."""
    out = io.BytesIO()
    write_normalized(data, out)
    return out.getvalue()

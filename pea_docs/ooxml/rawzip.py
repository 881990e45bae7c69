"""Write a zip from members deflated in advance: the fast path of template rendering.

:mod:`zipfile` cannot copy a compressed member without inflating and deflating
it again, and deflating styles, theme, fonts and settings for every letter costs
more than rendering the letter. A prepared template keeps each unchanged part as
its deflated bytes (:func:`deflate`) and only the rendered parts are deflated
per document. :func:`write_zip` lays the members out exactly as
:func:`pea_docs.ooxml.package.write_normalized` does (fixed timestamp, the
same order, the same headers and compression level), so the output is already
normalized: ``normalize_package(out) == out``.

>>> import io
>>> from pea_docs.ooxml.package import normalize_package
>>> buf = io.BytesIO()
>>> write_zip([deflate("b.xml", b"<b/>"), deflate("[Content_Types].xml", b"<Types/>")], buf)
>>> normalize_package(buf.getvalue()) == buf.getvalue()
True
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from pea_docs.ooxml.package import member_info, member_order

__all__ = ["RawMember", "deflate", "write_zip"]

_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_OFFSET = struct.Struct("<L")  # the last field of a central record: where the member's local header is
_END = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class RawMember:
    """One zip member, already deflated: its name, CRC-32, size and deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes

    @cached_property
    def headers(self) -> tuple[bytes, bytes, bytes]:
        """Return the member's local header, its central record up to the offset, and its name's bytes.

        Made once per member: a prepared template's unchanged parts are written with
        every document, and their headers do not change with it (only the offset does).
        """
        info = _info(self)
        local = info.FileHeader(False)
        # the same name bytes and flags as FileHeader() wrote (a private helper of zipfile)
        name, flags = info._encodeFilenameFlags()  # type: ignore[attr-defined]
        dostime = info.date_time[3] << 11 | info.date_time[4] << 5 | info.date_time[5] // 2
        dosdate = (info.date_time[0] - 1980) << 9 | info.date_time[1] << 5 | info.date_time[2]
        central = _CENTRAL.pack(
            b"PK\001\002", max(20, info.create_version), info.create_system,
            max(20, info.extract_version), info.reserved, flags, info.compress_type,
            dostime, dosdate, info.CRC, info.compress_size, info.file_size,
            len(name), 0, 0, 0, info.internal_attr, info.external_attr, 0)
        return local, central[:-_OFFSET.size], name  # the record is head + offset + name


def deflate(name: str, data: bytes) -> RawMember:
    """Return the member ``name`` holding ``data``, deflated as :mod:`zipfile` would.

    >>> deflate("a.xml", b"<a/>").size
    4
    """
    # the same stream zipfile writes: default level, raw deflate (no zlib header)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return RawMember(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def _info(member: RawMember) -> zipfile.ZipInfo:
    # the header write_normalized gives the same part, with the sizes known in advance
    info = member_info(member.name)
    info.flag_bits = 0
    info.CRC = member.crc
    info.file_size = member.size
    info.compress_size = len(member.deflated)
    return info


def write_zip(members: Iterable[RawMember], target: BinaryIO) -> None:
    """Write ``members`` as a zip archive to ``target``, in the normalized order.

    Members larger than 2 GiB (zip64) are not supported: no Word part is that big.
    """
    ordered = sorted(members, key=lambda m: member_order(m.name))
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in ordered:
        local, head, name = member.headers
        central.append(head + _OFFSET.pack(offset) + name)
        chunks += (local, member.deflated)
        offset += len(local) + len(member.deflated)
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    target.write(b"".join(chunks) + directory + end)

"""Subdocuments: ``{{ subdoc('clause.docx') }}`` puts another Word document's body in a paragraph's place.

A template writes the tag alone in a body paragraph; the paragraph is replaced by
the body of the other document — with its images, its styles and its numbering,
carried over by docxcompose (the kept library for joining Word documents). The
file is read from the same folder as images (the YAML input's, the template's,
or ``base_dir``), never outside it, within the package limits; it is inserted as
it is (its own tags are not filled). The joined package is normalized again, so
equal input still gives equal bytes.

>>> marker(3)
'\\u2063pea-subdoc-3\\u2063'
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.ooxml.package import normalize_package, open_package
from pea_docs.templating.docx_xml import CORE_PROPERTIES

__all__ = ["compose", "marker", "read_subdocument"]

register_code("subdoc.place", "", "a subdocument not alone in a body paragraph (its paragraph is replaced)")
register_code("subdoc.format", "", "a subdocument that is not a Word document (.docx)")


def marker(n: int) -> str:
    """Return the text that holds the place of the ``n``-th subdocument until the documents are joined."""
    return f"\u2063pea-subdoc-{n}\u2063"


def read_subdocument(path: Path) -> bytes:
    """Return the bytes of the Word document at ``path``, checked against the package limits.

    Raises:
        InputError: not a .docx (``subdoc.format``); LimitError: over ``zip_members`` or ``zip_bytes``.
    """
    if path.suffix.lower() != ".docx":
        raise InputError([Problem("subdoc.format", "", (), path.name, "is not a Word document (.docx)")])
    data = path.read_bytes()
    try:
        with open_package(data, path.name) as archive:
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile("word/document.xml is missing")
    except zipfile.BadZipFile as exc:
        raise InputError([Problem("subdoc.format", "", (), path.name,
                                  f"is not a Word document (.docx): {exc}")]) from None
    return data


def compose(document: bytes, parts: list[bytes]) -> bytes:
    """Return ``document`` with each subdocument's body in place of its marker paragraph.

    Raises:
        InputError: a marker shares its paragraph with other text, or stands outside the body
            (``subdoc.place``).
    """
    with _composing(document, parts):
        return _compose(document, parts)


_lock = threading.Lock()


@contextlib.contextmanager
def _composing(document: bytes, parts: list[bytes]) -> Iterator[None]:
    """Let docxcompose work without leaving a trace on the process.

    docxcompose rewrites python-docx's namespace map when imported (``cp`` becomes the
    custom-properties namespace, so python-docx then reads every document's author as
    empty) and numbers the lists it copies with ``random``: the map is put back after
    each join, and ``random`` is seeded from the inputs, so equal input gives equal bytes.
    """
    from docx.oxml.ns import nsmap

    with _lock:
        saved, state = dict(nsmap), random.getstate()
        try:
            from docxcompose.utils import NS
            nsmap.update(NS)
            random.seed(hashlib.sha256(document + b"".join(parts)).digest())
            yield
        finally:
            nsmap.clear()
            nsmap.update(saved)
            nsmap["cp"] = CORE_PROPERTIES
            random.setstate(state)


def _compose(document: bytes, parts: list[bytes]) -> bytes:
    import docx
    from docxcompose.composer import Composer

    master = docx.Document(io.BytesIO(document))
    composer = Composer(master)
    body = master.element.body
    for n, data in enumerate(parts, start=1):
        mark = marker(n)
        children = list(body.iterchildren())
        texts = [str(child.xpath("string(.)")) for child in children]
        found = next((i for i, text in enumerate(texts) if mark in text), None)
        if found is None or texts[found].strip() != mark or not children[found].tag.endswith("}p"):
            raise InputError([Problem("subdoc.place", "", (), f"subdoc #{n}",
                                      "must stand alone in a paragraph of the body (not in a table, a header, "
                                      "or beside other text): its paragraph is replaced by the subdocument")])
        composer.insert(found, docx.Document(io.BytesIO(data)))
        body.remove(children[found])
    out = io.BytesIO()
    composer.save(out)
    return normalize_package(out.getvalue())

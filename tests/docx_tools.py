"""Opening a generated .docx for tests of its content, with its non-breaking spaces made plain.

pea-docs puts non-breaking spaces where a line must not break (pea_docs.locale.typography);
tests of what a document says compare its text with plain spaces, and the typography tests
check the non-breaking ones where they belong.
"""

from __future__ import annotations

import io
import zipfile

import docx


def plain(data: bytes) -> bytes:
    """Return the package ``data`` with every non-breaking space of its XML parts made a space."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename.endswith(".xml"):
                content = content.replace("\u00a0".encode(), b" ")
            dst.writestr(info, content)
    return out.getvalue()


def plain_document(data: bytes) -> docx.document.Document:
    """Return the .docx ``data`` opened by python-docx, non-breaking spaces made plain."""
    return docx.Document(io.BytesIO(plain(data)))

"""A rendered document: bytes in memory or a writer, saved atomically.

>>> doc = Document(lambda fh: fh.write(b"PK"), suffix=".docx", name="letter")
>>> doc.to_bytes()
b'PK'
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from pea_docs.errors import OutputPathError, Problem, RenderError

__all__ = ["Document", "atomic_write"]

Writer = Callable[[BinaryIO], object]


def atomic_write(path: str | os.PathLike[str], write: Writer) -> Path:
    """Write a file through ``write(fh)`` so that it appears whole or not at all.

    The bytes go to a temporary file beside ``path``, which is then renamed over
    it: a crash or a kill leaves either the old file or nothing, never half a file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


class Document:
    """A document produced by :func:`pea_docs.render`.

    Attributes:
        suffix: ``".docx"`` or ``".xlsx"``.
        name: a suggested file name without suffix (the form's name).
        draft: rendered with ``draft=True`` despite errors.
        problems: warnings (and, for a draft, errors) found in the data.

    >>> import tempfile; from pathlib import Path
    >>> doc = Document.from_bytes(b"PK...", suffix=".docx", name="act")
    >>> path = doc.save(Path(tempfile.mkdtemp()) / "act.docx")  # a temp file, then a rename
    >>> path.name, path.read_bytes()
    ('act.docx', b'PK...')
    """

    def __init__(self, write: Writer, *, suffix: str, name: str = "document",
                 draft: bool = False, problems: Sequence[Problem] = ()):
        self._write = write
        self.suffix = suffix
        self.name = name
        self.draft = draft
        self.problems = list(problems)

    @classmethod
    def from_bytes(cls, data: bytes, **kwargs: object) -> Document:
        """Return a document whose content is ``data``."""
        return cls(lambda fh: fh.write(data), **kwargs)  # type: ignore[arg-type]

    def write_to(self, fh: BinaryIO) -> None:
        """Write the document's bytes to an open binary file."""
        self._write(fh)

    def to_bytes(self) -> bytes:
        """Return the document's bytes (a .docx or .xlsx package)."""
        buf = io.BytesIO()
        self._write(buf)
        return buf.getvalue()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the document to ``path`` atomically and return the path.

        Raises:
            OutputPathError: the path's suffix is not the document's (a .docx saved
                as .xlsx would not open).
            RenderError: the file cannot be written (the message names it).
        """
        if Path(path).suffix.lower() != self.suffix:
            raise OutputPathError([Problem("output.suffix", "", ("output",), str(path),
                                           f"must end in {self.suffix}: this document is a "
                                           f"{self.suffix[1:].upper()} file")])
        try:
            return atomic_write(path, self._write)
        except OSError as exc:
            raise RenderError(f"{path}: cannot write the document: {exc.strerror or exc}") from exc

    def __repr__(self) -> str:
        flag = ", draft" if self.draft else ""
        return f"<Document {self.name}{self.suffix}{flag}>"

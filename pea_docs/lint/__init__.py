"""``pea-docs lint``: check a finished Word document, made anywhere, against clauses 9–14 of the Rules.

>>> import io, docx
>>> document = docx.Document()
>>> for text in ("Запрос", "Прошу сообщить сведения до 2025-01-09."):
...     _ = document.add_paragraph(text)
>>> buf = io.BytesIO(); document.save(buf)
>>> [(p.code, p.clause) for p in lint_document(buf.getvalue())]
[('title.not_capitals', 'rule 9'), ('date.invalid', 'rule 11'), ('lint.signature_missing', 'rule 12')]
"""

from __future__ import annotations

import os
from pathlib import Path

from pea_docs.errors import InputError, Problem
from pea_docs.lint.checks import lint_lines, lint_units
from pea_docs.lint.units import Unit, read_units

__all__ = ["Unit", "lint_document", "lint_lines", "lint_units", "read_units"]


def lint_document(source: str | os.PathLike[str] | bytes) -> list[Problem]:
    """Return the findings of clauses 9–14 in a .docx (a path or its bytes), each with its clause and place.

    >>> import io, docx
    >>> document = docx.Document(); _ = document.add_paragraph("Дата: 9.1.2025")
    >>> buf = io.BytesIO(); document.save(buf)
    >>> [(p.code, p.value, p.place.describe()) for p in lint_document(buf.getvalue()) if p.severity == "error"]
    [('date.invalid', '9.1.2025', 'body, paragraph 1')]

    Raises:
        InputError: the file cannot be read or is not a Word document (``lint.unreadable``).
    """
    if isinstance(source, bytes):
        return lint_units(read_units(source))
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("lint.unreadable", "", (), str(path), f"cannot be read: {exc.strerror or exc}",
                                  file=str(path))]) from None
    return [p.in_file(path.name, None, None) if not p.file else p for p in lint_units(read_units(data, path.name))]

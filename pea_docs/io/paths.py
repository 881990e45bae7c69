"""Output paths that stay inside the output folder.

A YAML input may ask for its own output name (``output: acts/act-1.docx``). That
name comes from data a user (or a program) wrote, so it is untrusted: an
absolute path, a ``..`` or a symbolic link inside the output folder must not
let a document land anywhere else. :func:`safe_output_path` is the one place
that decides.

>>> safe_output_path("out", "acts/act-1.docx").as_posix().endswith("out/acts/act-1.docx")
True
>>> safe_output_path("out", "../etc/passwd", file="a.yaml", document=0)
Traceback (most recent call last):
...
pea_docs.errors.OutputPathError: a.yaml (document 1): output: '../etc/passwd' escapes the output folder; give a path relative to it, without '..'
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pea_docs.errors import OutputPathError, Problem

__all__ = ["RESERVED", "default_output_name", "safe_output_path"]

#: Names inside the output folder that belong to pea-docs itself.
RESERVED = ("manifest.json", ".pea-docs")


def _refuse(code: str, wished: str, message: str, file: str | None, document: int | None) -> OutputPathError:
    problem = Problem(code, "", ("output",), wished, message).in_file(file, document=document)
    return OutputPathError([problem])


def safe_output_path(outdir: str | os.PathLike[str], wished: str, *, file: str | None = None,
                     document: int | None = None) -> Path:
    """Return ``outdir / wished`` if it stays inside ``outdir``, else raise.

    Backslashes count as separators (a Windows path in a YAML file must not
    become one odd file name here). Symbolic links already present under
    ``outdir`` are followed before the check, so a link pointing outside is
    refused too.

    Raises:
        OutputPathError: code ``output.escapes`` (absolute path, ``..``, a link
            leading outside), ``output.reserved`` (``manifest.json`` or the
            ``.pea-docs`` folder) or ``output.invalid`` (empty, NUL).
    """
    text = str(wished).replace("\\", "/")
    if not text.strip() or "\0" in text or text.endswith("/"):
        raise _refuse("output.invalid", wished, "is not a file name; give a path such as acts/act-1.docx",
                      file, document)
    rel = PurePosixPath(text)
    if rel.is_absolute() or ".." in rel.parts or (len(text) > 1 and text[1] == ":"):
        raise _refuse("output.escapes", wished,
                      "escapes the output folder; give a path relative to it, without '..'", file, document)
    parts = [p for p in rel.parts if p != "."]
    if not parts:
        raise _refuse("output.invalid", wished, "is not a file name; give a path such as acts/act-1.docx",
                      file, document)
    if any(len(part.encode("utf-8")) > 255 for part in parts):
        raise _refuse("output.invalid", wished, "has a name longer than 255 bytes, more than a file "
                      "system allows; choose a shorter name", file, document)
    if parts[0] in RESERVED:
        raise _refuse("output.reserved", wished, f"is reserved for pea-docs' own {parts[0]}; choose another name",
                      file, document)
    root = _resolved(os.fspath(outdir))
    # a link under outdir may point away: check each component that exists (one lstat each);
    # os.path, as a batch plans thousands of names (pathlib's parsing cost more than the lstat)
    step = str(root)
    for part in parts:
        step = os.path.join(step, part)
        if os.path.islink(step) and not Path(os.path.realpath(step)).is_relative_to(root):
            raise _refuse("output.escapes", wished,
                          "escapes the output folder through a symbolic link; remove the link or "
                          "choose another name", file, document)
    return root.joinpath(*parts)


def _resolved(outdir: str) -> Path:
    # a batch checks thousands of names against one folder: resolve it once
    return _resolved_absolute(outdir) if os.path.isabs(outdir) else Path(outdir).resolve()


@lru_cache(maxsize=16)
def _resolved_absolute(outdir: str) -> Path:
    return Path(outdir).resolve()


def default_output_name(relative_input: str | os.PathLike[str], *, suffix: str, index: int = 0,
                        count: int = 1) -> str:
    """Return the output name of a document: the input's path with the form's suffix.

    The N-th document (1-based) of a file holding several gets ``-N``.

    >>> default_output_name("banks/kaspi.ru.yaml", suffix=".docx")
    'banks/kaspi.ru.docx'
    >>> default_output_name("requests.yml", suffix=".docx", index=1, count=3)
    'requests-2.docx'
    """
    rel = PurePosixPath(Path(relative_input).as_posix())
    stem = rel.name[: -len(rel.suffix)] if rel.suffix.lower() in (".yaml", ".yml") else rel.name
    if count > 1:
        stem += f"-{index + 1}"
    return str(rel.with_name(stem + suffix))

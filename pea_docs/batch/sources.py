"""The inputs of a batch: which YAML files the command line names, and reading one of them.

:func:`collect_inputs` turns files, folders (searched recursively), globs and
``-`` (standard input) into a sorted list of :class:`Source`, one per file; only
names are listed, the files are read by whoever renders them
(:func:`read_source`), each with the office profile of its folder
(:func:`source_profile`).

>>> YAML_SUFFIXES
('.yaml', '.yml')
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.io.inputs import InputDocument, load_documents
from pea_docs.io.office import OFFICE_FILE, OfficeProfiles
from pea_docs.io.reading import read_stdin, read_text

__all__ = ["OFFICE_SUFFIXES", "STDIN", "YAML_SUFFIXES", "Source", "collect_inputs", "parse_source", "read_source",
           "source_profile", "source_text"]

YAML_SUFFIXES = (".yaml", ".yml")
#: the suffixes of office files: an output: with one of them must be the form's own
OFFICE_SUFFIXES = (".docx", ".xlsx", ".pdf", ".doc", ".xls", ".odt", ".ods")
STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file found from the command line (slots: a batch holds one per file).

    Attributes:
        name: the file as shown in messages and the manifest (its path, or ``<stdin>``).
        root: the input folder (office profiles are searched up to it; outputs are named
            after the path below it).
        text: the content of standard input, read by the main process (``None`` for a file).
    """

    name: str
    root: Path
    text: str | None = None

    @property
    def path(self) -> Path | None:
        """Return the file (``None`` for standard input)."""
        return None if self.text is not None else Path(self.name)

    @property
    def relative(self) -> str:
        """Return the file's path below the input root, which names its outputs."""
        if self.text is not None:
            return "stdin.yaml"
        return Path(self.name).relative_to(self.root).as_posix()


def _missing(text: str, message: str) -> InputError:
    return InputError([Problem("input.missing", "", (), text, message)])


def collect_inputs(inputs: Sequence[str]) -> list[Source]:
    """Return the YAML files named by ``inputs`` (files, folders, globs, ``-``), each once, sorted.

    Folders are searched recursively; ``office.yaml`` profiles and hidden
    folders (``.git``, the output's ``.pea-docs``) are not inputs. Only names
    are listed here: the files are read by whoever renders them. ``-`` reads
    standard input at once.

    Raises:
        InputError: an input does not exist or a glob matches nothing (code ``input.missing``).
    """
    found: dict[str, Source] = {}
    for text in inputs:
        if text == "-":
            if STDIN not in found:
                found[STDIN] = Source(STDIN, Path.cwd(), read_stdin())
            continue
        path = Path(text)
        if path.is_dir():
            pairs = []
            for dirpath, dirnames, files in os.walk(path, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # .git, .pea-docs
                pairs += [(os.path.join(dirpath, name), path) for name in files
                          if name.lower().endswith(YAML_SUFFIXES) and name != OFFICE_FILE]
        elif path.is_file() or os.path.lexists(path):
            # not a folder: a file, or a FIFO, device or dangling link that reading refuses by name
            pairs = [(str(path), path.parent)]
        elif glob.has_magic(text):
            base = _glob_base(text)
            pairs = [(str(Path(m)), base) for m in glob.glob(text, recursive=True)
                     if os.path.isfile(m) and os.path.basename(m) != OFFICE_FILE]
            if not pairs:
                raise _missing(text, "matches no file")
        else:
            raise _missing(text, "does not exist: give a YAML file, a folder or a glob")
        for name, root in pairs:
            # the same file given twice is one input (no symlink resolution: a stat per file
            # would be the main process's biggest cost on a large folder)
            found.setdefault(os.path.normpath(os.path.abspath(name)), Source(name, root))
    return sorted(found.values(), key=lambda s: s.name)


def _glob_base(pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def read_source(source: Source) -> list[InputDocument]:
    """Return the documents of an input file (or of standard input, read by the main process)."""
    return parse_source(source, source_text(source))


def source_text(source: Source) -> str:
    """Return the text of an input file, read within the limits (standard input: as read).

    Raises:
        InputError: not a regular file, too large, unreadable or not UTF-8 (see
            :func:`~pea_docs.io.reading.read_text`).
    """
    return source.text if source.text is not None else read_text(source.name)


def parse_source(source: Source, text: str) -> list[InputDocument]:
    """Return the documents of an input file's ``text`` (what :func:`source_text` read)."""
    return load_documents(text, name=source.name if source.text is not None else str(Path(source.name)))


def source_profile(offices: OfficeProfiles, source: Source) -> dict[str, Any]:
    """Return the office profile of an input: its folder's (standard input: the current folder's)."""
    if source.text is not None:
        return offices.profile(Path.cwd(), Path.cwd())
    return offices.profile(os.path.dirname(source.name), source.root)

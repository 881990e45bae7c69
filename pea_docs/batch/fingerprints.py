"""What a batch output is fingerprinted with: pea-docs itself, the form's module, the template.

An output is up to date when its fingerprint (see :mod:`pea_docs.batch.manifest`)
is unchanged; these hashes are the "engine" part of it: a changed pea-docs, form
or template renders again.

>>> len(template_hash(Path("no-such-template.docx")))
7
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

from pea_docs._version import __version__
from pea_docs.api import template_path
from pea_docs.batch.manifest import sha256_file
from pea_docs.documents.registry import get_form
from pea_docs.io.inputs import InputDocument

__all__ = ["document_engine", "engine_hash", "package_files", "package_hash", "set_package_hash",
           "template_hash"]

#: the suffixes of pea-docs' own files that decide what it draws: code, catalogs, templates
_PACKAGE_SUFFIXES = {"code": (".py", ".po"), "templates": (".py", ".docx", ".xlsx")}
#: pea-docs' hash, computed once per process (or handed to a worker by the main process)
_PACKAGE_HASH: list[str] = []


def package_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Return the files of ``folder`` that make pea-docs, sorted; no caches, no editors' files.

    Left out: ``__pycache__`` and hidden folders, editors' lock, backup and swap
    files (``.#x.py``, ``#x.py#``, ``x.py~``, ``.x.py.swp``), and anything that
    is not a regular file (an editor's lock is a dangling symbolic link).
    """
    found = []
    for dirpath, dirnames, files in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__")))
        for name in files:
            path = Path(dirpath, name)
            if name.startswith((".", "#")) or not name.endswith(suffixes) or path.is_symlink():
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def package_hash() -> str:
    """Return a hash of pea-docs itself: version, code (``*.py``), catalogs (``*.po``), built-in templates.

    Every such file counts (not only those a form uses), so the hash is the
    same in every process whatever it has imported, and a changed pea-docs
    renders again even before its version changes. Computed once per process;
    the main process hands its hash to the workers, so that one run uses one
    hash even while someone edits the tree.

    >>> package_hash() == package_hash() and len(package_hash())
    64
    """
    if not _PACKAGE_HASH:
        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parents[1]  # pea_docs/, not this sub-package
        # the built-in templates: the package pea_docs.templates (templates/ in a checkout)
        from pea_docs.documents.builtin_templates import template_folder
        for area, folder in (("code", package), ("templates", template_folder())):
            if not folder.is_dir():
                continue
            for path in package_files(folder, _PACKAGE_SUFFIXES[area]):
                try:
                    content = path.read_bytes()
                except OSError:  # removed while listing: as if it never was
                    continue
                h.update(f"{area}/{path.relative_to(folder).as_posix()}".encode() + b"\0")
                h.update(hashlib.sha256(content).digest())
        _PACKAGE_HASH.append(h.hexdigest())
    return _PACKAGE_HASH[0]


@cache
def engine_hash(form: str) -> str:
    """Return a hash of what draws a built-in form: pea-docs and the form's own module."""
    h = hashlib.sha256(f"{package_hash()}\0{form}".encode())
    module = sys.modules.get(getattr(get_form(form).build, "__module__", ""))
    source = getattr(module, "__file__", None)
    if source:  # a form from outside pea-docs
        h.update(Path(source).read_bytes())
    return h.hexdigest()


@cache
def template_hash(path: Path) -> str:
    """Return the hash of a user's template (``missing`` if there is none: rendering will say so)."""
    return sha256_file(path.resolve()) or "missing"


def document_engine(doc: InputDocument) -> str:
    """Return the hash of what draws ``doc``: its template's, else pea-docs' and its form's.

    Raises:
        InputError: the form is not known.
    """
    if doc.template:
        return template_hash(template_path(doc))
    return engine_hash(doc.form or "")


def set_package_hash(value: str) -> None:
    """Use the main process's hash in this worker, so that one run uses one hash; forget template hashes."""
    template_hash.cache_clear()  # a template may have changed since the last run of this process
    _PACKAGE_HASH[:] = [value]

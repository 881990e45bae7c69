"""What a Word template may include or import: text templates of its own folder, nothing else.

``{% from 'macros.j2' import short %}`` and ``{% include 'closing.j2' %}`` read a
file beside the template. The name is a path inside that folder: ``..``, an
absolute path, a symbolic link leading out of the folder, a file that is not
text (``.j2``, ``.jinja``, ``.jinja2``, ``.txt``) or one over ``input_bytes`` is
refused as "not found" with the reason, so a template cannot read the rest of
the file system.

>>> import tempfile; from pathlib import Path
>>> folder = Path(tempfile.mkdtemp()); _ = (folder / "m.j2").write_text("{% macro hi() %}hi{% endmacro %}")
>>> loader = FolderLoader(folder)
>>> loader.get_source(None, "m.j2")[0]
'{% macro hi() %}hi{% endmacro %}'
>>> loader.get_source(None, "../etc/passwd")
Traceback (most recent call last):
...
jinja2.exceptions.TemplateNotFound: ../etc/passwd: a template includes only text templates of its own folder (.j2, .jinja, .jinja2, .txt)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from pea_docs.io.limits import current

__all__ = ["INCLUDE_SUFFIXES", "FolderLoader"]

#: The files a template may include or import.
INCLUDE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".txt")


class FolderLoader(BaseLoader):
    """Load the text templates of one folder (a Word template's own)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder).resolve()

    def _refuse(self, name: str, why: str) -> TemplateNotFound:
        return TemplateNotFound(f"{name}: {why}")

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Return the text of ``template``, its path and a check that it is unchanged."""
        try:
            pieces = split_template_path(template)  # refuses `..` and empty pieces
        except TemplateNotFound:
            raise self._refuse(template, "a template includes only text templates of its own folder "
                                         f"({', '.join(INCLUDE_SUFFIXES)})") from None
        path = self.folder.joinpath(*pieces)
        if path.suffix.lower() not in INCLUDE_SUFFIXES:
            raise self._refuse(template, f"is not a text template ({', '.join(INCLUDE_SUFFIXES)})")
        resolved = path.resolve()
        if not resolved.is_relative_to(self.folder):
            raise self._refuse(template, "leads out of the template's folder (a symbolic link)")
        try:
            stat = resolved.stat()
            if stat.st_size > current().input_bytes:
                raise self._refuse(template, f"has {stat.st_size} bytes, over the input_bytes limit")
            text = resolved.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise self._refuse(template, f"cannot be read as UTF-8 text in {self.folder}: "
                                         f"{getattr(exc, 'strerror', None) or exc}") from None
        mtime = stat.st_mtime_ns
        return text, str(resolved), lambda: resolved.exists() and resolved.stat().st_mtime_ns == mtime

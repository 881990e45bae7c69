"""Find the built-in Word templates shipped in ``templates/`` (the package ``pea_docs.templates``).

Each built-in template exists in every language: ``request.ru.docx``,
``request.kk.docx``, ``request.en.docx``. They are ordinary Word files: copy one,
edit it in Word or LibreOffice, and render the copy with ``template: my.docx``.

>>> builtin_template("request", "kk").name
'request.kk.docx'
>>> builtin_names()
['cover_letter', 'request', 'resolution']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pea_docs.errors import InputError, Problem
from pea_docs.locale import check_lang

__all__ = ["builtin_names", "builtin_template"]


def template_folder() -> Path:
    """Return the folder of the built-in templates (``templates/`` in a checkout).

    >>> (template_folder() / "request.ru.docx").is_file()
    True
    """
    return Path(str(resources.files("pea_docs.templates")))


def builtin_names() -> list[str]:
    """Return the names of the built-in templates."""
    return sorted({p.name.split(".", 1)[0] for p in template_folder().glob("*.docx")})


def builtin_template(name: str, lang: str = "ru") -> Path:
    """Return the path of the built-in template ``name`` in ``lang``.

    Raises:
        InputError: no such template (code ``form.unknown``) or language.
    """
    check_lang(lang)
    path = template_folder() / f"{name}.{lang}.docx"
    if not path.is_file():
        raise InputError([Problem("form.unknown", "", ("form",), name,
                                  f"is not a built-in template; known: {', '.join(builtin_names())}")])
    return path

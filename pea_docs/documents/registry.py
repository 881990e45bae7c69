"""The catalogue of forms: each form module declares a :class:`FormSpec`.

A form module in ``pea_docs/forms/`` exposes ``FORMS = [FormSpec(...), ...]``;
the registry finds every such module by itself, so adding a form touches no
shared file.

>>> get_form("incoming_registr")
Traceback (most recent call last):
...
pea_docs.errors.InputError: form: 'incoming_registr' is not a form of pea-docs; did you mean 'incoming_register'?
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

from pea_docs.documents.catalog import catalog_names, form_titles
from pea_docs.errors import InputError, Problem

__all__ = ["FormSpec", "all_forms", "get_form", "loaded_forms"]


@dataclass(frozen=True)
class FormSpec:
    """What the registry knows of one form.

    Attributes:
        name: the form's name in inputs (``form: destruction_act``).
        title: the English title, the message id of the form's title in ``domain``.
        domain: the message catalog of the form's labels.
        model: the pydantic model of the form's data.
        build: ``build(model, lang, draft) -> Document``.
        check: ``check(model) -> list[Problem]``: the Rules beyond the model's types.
        suffix: ``".docx"`` or ``".xlsx"``.
        appendix: the number of the appendix to the Rules, if the form is annexed.
    """

    name: str
    title: str
    domain: str
    model: type[BaseModel]
    build: Callable[..., Any]
    check: Callable[[Any], list[Problem]] = field(default=lambda model: [])
    suffix: str = ".docx"
    appendix: int | None = None

    def titles(self) -> dict[str, str]:
        """Return the form's title in every language."""
        return form_titles(self.title, self.domain)


@cache
def _registry() -> dict[str, FormSpec]:
    # pea_docs.forms the attribute is the forms() function; the package is looked up by name
    package = importlib.import_module(__package__)
    found: dict[str, FormSpec] = {}
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("_") or module.name in ("registry", "catalog"):
            continue
        mod = importlib.import_module(f"{package.__name__}.{module.name}")
        for spec in getattr(mod, "FORMS", ()):
            found[spec.name] = spec
    return dict(sorted(found.items()))


def loaded_forms() -> list[FormSpec]:
    """Return the forms of the registry if something has loaded it already, else none (imports nothing)."""
    return all_forms() if _registry.cache_info().currsize else []


def all_forms() -> list[FormSpec]:
    """Return every form, sorted by name."""
    return list(_registry().values())


def get_form(name: str) -> FormSpec:
    """Return the form called ``name``.

    Raises:
        InputError: no such form (code ``form.unknown``), with the nearest name.
    """
    forms = _registry()
    if name in forms:
        return forms[name]
    hint = difflib.get_close_matches(name, list(forms) + _PLANNED, n=1, cutoff=0.5)
    message = "is not a form of pea-docs"
    message += f"; did you mean {hint[0]!r}?" if hint else f"; known forms: {', '.join(forms)}"
    raise InputError([Problem("form.unknown", "", ("form",), name, message)])


# Names suggested even when a form's module failed to import: every built-in form.
_PLANNED = catalog_names()

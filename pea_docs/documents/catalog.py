"""The list of built-in forms, readable without importing them.

``pea-docs forms``, ``pea_docs.forms()`` and the "did you mean" of an unknown
form name need the names and titles only; importing every form module (and
with it python-docx, docxtpl, XlsxWriter) just to print eight lines made the
command six times slower than ``pea-docs --help``. Each form module still
declares its :class:`~pea_docs.documents.registry.FormSpec`; a test checks that
this list and those declarations agree.

>>> [entry.name for entry in CATALOG if entry.appendix]
['destruction_act', 'incoming_register', 'outgoing_register', 'registration_stamp', 'stamp_sheet']
>>> next(e for e in CATALOG if e.name == "destruction_act").titles()["en"][:7]
'ACT on '
"""

from __future__ import annotations

import sys
from typing import Any, NamedTuple

from pea_docs.locale import LANGS, gettext

__all__ = ["CATALOG", "CatalogEntry", "catalog_names", "form_list", "form_titles"]


class CatalogEntry(NamedTuple):
    """A built-in form as listed: name, English title (the message id), catalog domain, suffix, appendix."""

    name: str
    title: str
    domain: str
    suffix: str
    appendix: int | None

    def titles(self) -> dict[str, str]:
        """Return the form's title in every language."""
        return form_titles(self.title, self.domain)


def form_titles(title: str, domain: str) -> dict[str, str]:
    """Return a form's title (its English message id in ``domain``) in every language.

    >>> form_titles("Registration stamp", "stamp")["en"]
    'Registration stamp'
    """
    return {lang: gettext(title, lang=lang, domain=domain) for lang in LANGS}


#: Every built-in form, sorted by name.
CATALOG: tuple[CatalogEntry, ...] = (
    CatalogEntry("acceptance_transfer_act", "ACT of acceptance and transfer of documents", "intake", ".docx", None),
    CatalogEntry("case_cover", "CASE COVER", "case_files", ".docx", None),
    CatalogEntry("certification_sheet", "CERTIFICATION SHEET of the case", "case_files", ".docx", None),
    CatalogEntry("cover_letter", "Cover letter", "templates", ".docx", None),
    CatalogEntry("destruction_act", "ACT on allocation for destruction of documents and cases",
                 "destruction_act", ".docx", 4),
    CatalogEntry("incoming_register", "Register of incoming correspondence", "registers", ".xlsx", 1),
    CatalogEntry("internal_inventory", "INTERNAL INVENTORY of the documents of the case", "case_files",
                 ".docx", None),
    CatalogEntry("inventory_of_orders", "INVENTORY OF CASES", "case_files", ".docx", None),
    CatalogEntry("nomenclature", "NOMENCLATURE OF CASES", "case_files", ".docx", None),
    CatalogEntry("outgoing_register", "Register of outgoing correspondence", "registers", ".xlsx", 2),
    CatalogEntry("parties_notice", "Notice to the parties", "intake", ".docx", None),
    CatalogEntry("recoverors_register", "REGISTER OF RECOVERORS", "intake", ".docx", None),
    CatalogEntry("registration_stamp", "Registration stamp", "stamp", ".docx", 3),
    CatalogEntry("request", "Request", "templates", ".docx", None),
    CatalogEntry("resolution", "Resolution (skeleton)", "templates", ".docx", None),
    CatalogEntry("resolution_initiation", "RESOLUTION on initiation of enforcement proceedings", "intake", ".docx",
                 None),
    CatalogEntry("resolution_refusal", "RESOLUTION on refusal to initiate enforcement proceedings", "intake",
                 ".docx", None),
    CatalogEntry("seal_destruction_act", "ACT on the destruction of a seal", "intake", ".docx", None),
    CatalogEntry("seal_journal", "JOURNAL of the issue of seals", "intake", ".docx", None),
    CatalogEntry("stamp_sheet", "Sheet of registration stamps", "stamp", ".docx", 3),
    CatalogEntry("withdrawal_act", "ACT on the withdrawal of documents", "case_files", ".docx", None),
)


def catalog_names() -> list[str]:
    """Return the names of the built-in forms.

    >>> "destruction_act" in catalog_names()
    True
    """
    return [entry.name for entry in CATALOG]


def form_list() -> list[dict[str, Any]]:
    """Return every built-in form: name, appendix number, file type and titles in each language.

    The static catalog: listing the forms imports none of them, nor the models (``pea-docs
    forms`` starts as fast as ``--help``); a form a program added to a registry it has loaded
    already is listed too (:func:`pea_docs.forms` is this function).

    >>> [f["suffix"] for f in form_list() if f["name"] == "incoming_register"]
    ['.xlsx']
    """
    found: dict[str, Any] = {f.name: f for f in CATALOG}
    registry = sys.modules.get("pea_docs.documents.registry")
    if registry is not None:  # not imported: no form is loaded, and importing it would load pydantic
        found.update((f.name, f) for f in registry.loaded_forms() if f.name not in found)
    return [{"name": f.name, "appendix": f.appendix, "suffix": f.suffix, "titles": f.titles()}
            for f in sorted(found.values(), key=lambda f: f.name)]

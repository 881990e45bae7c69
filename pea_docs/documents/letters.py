"""The built-in letters as forms: request, cover letter, resolution.

Each renders the built-in Word template ``templates/<form>.<lang>.docx`` (a
user can copy it and edit it in Word), after the Rules are checked: the agent's
header (rule 9), the addressee (rule 10), dates (rule 11), the signature
(rule 12), the appendices (rule 13) and the reply reference (rule 14).

>>> from pea_docs import api
>>> [f["name"] for f in api.forms() if f["name"] in ("request", "cover_letter", "resolution")]
['cover_letter', 'request', 'resolution']
"""

from __future__ import annotations

from typing import Any

from pea_docs.documents.builtin_templates import builtin_template
from pea_docs.documents.registry import FormSpec
from pea_docs.errors import Problem
from pea_docs.models.letters import Letter, Resolution
from pea_docs.ooxml.document import Document
from pea_docs.rules import check_addressee, check_appendices, check_header, check_signature

__all__ = ["FORMS", "build_letter", "check_letter", "letter_context"]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def letter_context(model: Letter | Resolution) -> dict[str, Any]:
    """Return the variables of a built-in template for ``model`` (models kept as they are)."""
    context: dict[str, Any] = {name: getattr(model, name) for name in type(model).model_fields}
    context["signer"] = model.signer or model.agent
    context["paragraphs"] = _paragraphs(model.text)
    if isinstance(model, Resolution):
        context["established"] = _paragraphs(model.established)
    return context


def check_letter(model: Letter | Resolution) -> list[Problem]:
    """Return the problems of a letter by clauses 9, 10, 12 and 13."""
    problems = [p.at("agent") for p in check_header(model.agent)]
    if model.recipient is not None:
        problems += [p.at("recipient") for p in check_addressee(model.recipient)]
    if model.signer is not None:
        problems += [p.at("signer") for p in check_signature(model.signer)]
    problems += [p.at("appendices") for p in check_appendices(
        model.appendices, mentioned_in_text=model.appendices_mentioned)]
    return problems


def build_letter(name: str):
    """Return the ``build(model, lang, draft)`` of the built-in form ``name``."""
    def build(model: Letter | Resolution, lang: str, draft: bool) -> Document:
        from pea_docs.templating.template import render_template

        document = render_template(builtin_template(name, lang), letter_context(model),
                                   lang=lang, draft=draft)
        document.name = name
        return document

    return build


FORMS = [
    FormSpec(name="request", title="Request", domain="templates", model=Letter,
             build=build_letter("request"), check=check_letter),
    FormSpec(name="cover_letter", title="Cover letter", domain="templates", model=Letter,
             build=build_letter("cover_letter"), check=check_letter),
    FormSpec(name="resolution", title="Resolution (skeleton)", domain="templates", model=Resolution,
             build=build_letter("resolution"), check=check_letter),
]

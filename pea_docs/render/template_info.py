"""What a template needs, told to a person (a YAML stub) or a program (a JSON Schema).

>>> from pea_docs.render.variables import Needs
>>> needs = Needs()
>>> needs.add(("agent",), optional=False, hint="header")
>>> needs.add(("items", "[]", "title"), optional=False)
>>> needs.add(("note",), optional=True)
>>> info = TemplateInfo("letter.docx", needs)
>>> info.paths()
['agent', 'items[].title', 'note?']
>>> print(info.to_yaml_stub(), end='')  # doctest: +NORMALIZE_WHITESPACE
# Data for letter.docx: fill in every value; "optional" ones may be left out.
agent:              # the agent's block (filter header)
  surname: ""
  name: ""
  patronymic: ""    # optional
  license: ""
  territory: ""
  address: ""
items:
  - title: ""
note: ""            # optional
>>> info.to_json_schema()["required"]
['agent', 'items']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..models import Agent, Appendix, Organization, Person
from .variables import ITEM, Needs, Variable

__all__ = ["TemplateInfo"]

# what a variable fed to a pea-docs filter must be: (model, description)
_HINT_MODELS: dict[str, tuple[type[BaseModel] | None, str]] = {
    "header": (Agent, "the agent's block"),
    "signature": (Person, "the signer"),
    "name": (Person, "a person"),
    "addressee": (Organization, "the addressee: an organization, or a person with an address"),
    "appendices": (Appendix, "the appendices, each with sheets and copies"),
}
_HINT_LEAVES: dict[str, tuple[dict[str, Any], str]] = {
    "date": ({"type": "string", "format": "date"}, "a date: 2025-01-09 or 09.01.2025"),
    "money": ({"type": ["number", "string"]}, "an amount in tenge: 1234.56"),
    "count": ({"type": "integer", "minimum": 1}, "a whole number"),
    "reply_reference": ({"type": "object", "properties": {
        "number": {"type": "string"}, "date": {"type": "string", "format": "date"}},
        "required": ["number", "date"]}, "the request answered: {number, date}"),
    "title": ({"type": "string"}, "a kind of document (request, resolution...) or a title"),
}
_SKIPPED_FIELDS = {"chamber", "phone", "position", "address"}  # optional extras not in a stub


def _model_fields(model: type[BaseModel]) -> list[tuple[str, bool]]:
    """Return (field, optional) of a model's fields worth a line in a stub."""
    fields = []
    for name, info in model.model_fields.items():
        if info.is_required() or name not in _SKIPPED_FIELDS or model is Organization:
            fields.append((name, not info.is_required()))
    return fields


@dataclass
class TemplateInfo:
    """The variables a template needs: names, nested attributes, lists, optional ones."""

    template: str
    needs: Needs
    filters: list[str] = field(default_factory=list)

    @property
    def variables(self) -> dict[str, Variable]:
        """Return the top-level variables by name."""
        return self.needs.root

    def paths(self) -> list[str]:
        """Return every needed value as a path (``recipient.address``, ``appendices[].title``)."""
        return self.needs.paths()

    # --- YAML stub -------------------------------------------------------------------------
    def to_yaml_stub(self) -> str:
        """Return a YAML skeleton of the data, every value empty, optional ones marked."""
        lines = [f'# Data for {self.template}: fill in every value; "optional" ones may be left out.']
        for name in sorted(self.variables):
            self._stub(self.variables[name], 0, lines, "")
        width = max(len(line) for line in lines[1:]) if len(lines) > 1 else 0
        return "\n".join(line if "\0" not in line else
                         line.split("\0")[0].ljust(min(width, 18)) + "    # " + line.split("\0")[1]
                         for line in lines) + "\n"

    def _stub(self, var: Variable, depth: int, lines: list[str], lead: str) -> None:
        pad = "  " * depth + lead
        notes = []
        if var.hint in _HINT_MODELS:
            notes.append(f"{_HINT_MODELS[var.hint][1]} (filter {var.hint})")
        elif var.hint in _HINT_LEAVES:
            notes.append(_HINT_LEAVES[var.hint][1])
        if var.optional:
            notes.append("optional")
        note = "\0" + "; ".join(notes) if notes else ""
        children = {k: v for k, v in var.children.items() if k != ITEM}
        model = _HINT_MODELS.get(var.hint or "", (None, ""))[0]
        if var.is_list and var.item is not None:
            lines.append(f"{pad}{var.name}:{note}")
            item = var.item
            item_model = model or _HINT_MODELS.get(item.hint or "", (None, ""))[0]
            keys = self._keys(item, item_model)
            if not keys:
                lines.append(f'{"  " * (depth + 1)}- ""')
            for index, (key, optional) in enumerate(keys):
                lead_item = "- " if index == 0 else "  "
                child = item.children.get(key, Variable(key, optional=optional))
                self._stub(child, depth + 1, lines, lead_item)
            return
        if children or model is not None:
            lines.append(f"{pad}{var.name}:{note}")
            for index, (key, optional) in enumerate(self._keys(var, model)):
                child = var.children.get(key, Variable(key, optional=optional))
                self._stub(child, depth + 1 + (1 if lead else 0), lines, "")
            return
        lines.append(f'{pad}{var.name}: ""{note}')

    @staticmethod
    def _keys(var: Variable, model: type[BaseModel] | None) -> list[tuple[str, bool]]:
        keys = _model_fields(model) if model is not None else []
        known = {k for k, _ in keys}
        keys += [(k, v.optional) for k, v in var.children.items() if k != ITEM and k not in known]
        return keys

    # --- JSON Schema -----------------------------------------------------------------------
    def to_json_schema(self) -> dict[str, Any]:
        """Return a JSON Schema (draft 2020-12) of the data the template needs."""
        schema = self._object(self.variables)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Data for {self.template}"
        return schema

    def _object(self, children: dict[str, Variable]) -> dict[str, Any]:
        props = {k: self._schema(v) for k, v in sorted(children.items()) if k != ITEM}
        required = sorted(k for k, v in children.items() if k != ITEM and not v.optional)
        return {"type": "object", "properties": props, "required": required}

    def _schema(self, var: Variable) -> dict[str, Any]:
        if var.is_list:
            item = var.item or Variable(ITEM)
            model = _HINT_MODELS.get(var.hint or "", (None, ""))[0]
            items = model.model_json_schema() if model is not None else self._schema(item)
            return {"type": "array", "items": items}
        if var.hint in _HINT_MODELS:
            model, description = _HINT_MODELS[var.hint]
            schema = model.model_json_schema() if model is not None else {}
            return {**schema, "description": description}
        if var.hint in _HINT_LEAVES:
            schema, description = _HINT_LEAVES[var.hint]
            return {**schema, "description": description}
        if var.children:
            return self._object(var.children)
        return {}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description: the template, the needed paths, the filters used."""
        return {"template": self.template, "variables": self.paths(), "filters": self.filters}

    def __str__(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

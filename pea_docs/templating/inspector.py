"""What a template needs, told to a person (a YAML stub) or a program (a JSON Schema).

The JSON Schema is built first; the stub is a skeleton of that schema, so the two
always agree. A variable that goes through a pea-docs filter takes what the
filter takes: ``agent|header`` an agent block (the ``Agent`` model),
``appendices|appendices`` a list of ``{title?, sheets, copies}``,
``request|reply_reference`` ``{number, date}``, ``day|date`` a date, ``n|count``
a whole number.

>>> from pea_docs.templating.variables import Needs
>>> needs = Needs()
>>> needs.add(("request",), optional=False, hint="reply_reference")
>>> needs.add(("items", "[]", "title"), optional=False)
>>> needs.add(("sheets",), optional=True, hint="count")
>>> info = TemplateInfo("letter.docx", needs)
>>> info.paths()
['items[].title', 'request', 'sheets?']
>>> print(info.to_yaml_stub(), end='')
# Data for letter.docx: fill in every value; "optional" ones may be left out.
items:
  - title: ""
request:        # the request answered: {number, date} (filter reply_reference)
  number: ""    # the number of the request
  date: ""      # a date: 2025-01-09 or 09.01.2025
sheets: 0       # optional; a whole number (filter count)
>>> schema = info.to_json_schema()
>>> schema["required"], schema["properties"]["request"]["required"]
(['items', 'request'], ['number', 'date'])
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from pea_docs.models import Agent, Appendix, Person, Recipient
from pea_docs.templating.variables import ITEM, Needs, Variable

__all__ = ["FILTER_TAKES", "TemplateInfo"]

_DATE_NOTE = "a date: 2025-01-09 or 09.01.2025"


def _date() -> dict[str, Any]:
    return {"type": "string", "format": "date", "description": _DATE_NOTE}


@functools.cache
def _model_schema(kind: str) -> dict[str, Any]:
    # pydantic's own schemas of the models the filters coerce their values to
    types: dict[str, Any] = {"agent": Agent, "recipient": Recipient, "person": Person | Agent,
                             "appendices": list[Appendix]}
    return TypeAdapter(types[kind]).json_schema()


#: What each pea-docs filter takes: a function giving the JSON Schema of the value, and a note.
FILTER_TAKES: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "header": (lambda: _model_schema("agent"), "the agent's block"),
    "addressee": (lambda: _model_schema("recipient"),
                  "the addressee: an organization {organization, unit?, address} "
                  "or a person {surname, name, patronymic?, address}"),
    "name": (lambda: _model_schema("person"), "a person {surname, name, patronymic?}"),
    "signature": (lambda: _model_schema("person"), "the signer {surname, name, patronymic?, position?}"),
    "appendices": (lambda: _model_schema("appendices"),
                   "the appendices: a list of {title?, sheets, copies}"),
    "reply_reference": (lambda: {
        "type": "object",
        "properties": {"number": {"type": ["string", "integer"], "minLength": 1,
                                  "description": "the number of the request"},
                       "date": _date()},
        "required": ["number", "date"]}, "the request answered: {number, date}"),
    "date": (_date, _DATE_NOTE),
    "count": (lambda: {"type": "integer", "minimum": 0}, "a whole number"),
    "money": (lambda: {"type": ["number", "string"], "minimum": 0}, "an amount in tenge: 1234.56"),
    "title": (lambda: {"type": "string"}, "a kind of document (request, resolution...) or a title"),
}

# YAML 1.1 reads these keys as booleans or null: the stub quotes them
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _key(name: str) -> str:
    """Return ``name`` as a YAML key that reads back as the same text.

    >>> _key("agent"), _key("on"), _key("two words")
    ('agent', '"on"', '"two words"')
    """
    if _PLAIN_KEY.fullmatch(name) and name.lower() not in _YAML_WORDS:
        return name
    return json.dumps(name, ensure_ascii=False)


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

    # --- JSON Schema -----------------------------------------------------------------------
    def to_json_schema(self) -> dict[str, Any]:
        """Return a JSON Schema (draft 2020-12) of the data the template needs."""
        defs: dict[str, Any] = {}
        schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                  "title": f"Data for {self.template}",
                                  **self._object(self.variables, defs)}
        if defs:
            schema["$defs"] = dict(sorted(defs.items()))
        return schema

    def _object(self, children: dict[str, Variable], defs: dict[str, Any]) -> dict[str, Any]:
        props = {k: self._schema(v, defs) for k, v in sorted(children.items()) if k != ITEM}
        required = sorted(k for k, v in children.items() if k != ITEM and not v.optional)
        return {"type": "object", "properties": props, "required": required}

    def _schema(self, var: Variable, defs: dict[str, Any]) -> dict[str, Any]:
        if var.hint in FILTER_TAKES:
            make, note = FILTER_TAKES[var.hint]
            schema = copy.deepcopy(make())
            # a model's definitions go to the root, where its "#/$defs/..." references point
            defs.update(schema.pop("$defs", {}))
            # looped over as a list, but given to a filter that takes one value
            # (`{% for p in people %}` and `people|name`): the list is what the data holds
            if not (var.is_list and schema.get("type") != "array"):
                schema.pop("title", None)
                schema["description"] = f"{note} (filter {var.hint})"
                return schema
        if var.is_list:
            return {"type": "array", "items": self._schema(var.item or Variable(ITEM), defs)}
        if any(k != ITEM for k in var.children):
            return self._object(var.children, defs)
        return {}

    # --- YAML stub -------------------------------------------------------------------------
    def to_yaml_stub(self) -> str:
        """Return a YAML skeleton of the data (of :meth:`to_json_schema`), optional ones marked.

        Text is ``""``, a whole number ``0``, an optional value of a set shape (a
        telephone, an e-mail, an IIN, a date, a choice) ``null`` — left so, it stays absent —,
        a list holds one element to copy; a
        value that may be one of several kinds (an addressee: an organization or
        a person) shows the first, and its note names the others.
        """
        schema = self.to_json_schema()
        lines: list[tuple[str, str]] = []
        _stub_object(schema, schema, 0, "", lines, top=True)
        width = min(max((len(text) for text, note in lines if note), default=0), 18)
        out = [f'# Data for {self.template}: fill in every value; "optional" ones may be left out.']
        out += [f"{text.ljust(width)}    # {note}" if note else text for text, note in lines]
        return "\n".join(out) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description: the template, the needed paths, the filters used."""
        return {"template": self.template, "variables": self.paths(), "filters": self.filters}

    def __str__(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Return the schema a stub shows: references followed, the first kind of a union taken."""
    while True:
        if "$ref" in schema:
            schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        elif "oneOf" in schema or "anyOf" in schema:
            branches = schema.get("oneOf") or schema["anyOf"]
            schema = next((b for b in branches if b.get("type") != "null"), branches[0])
        else:
            return schema


def _kind(schema: dict[str, Any]) -> str:
    types = schema.get("type")
    types = [types] if isinstance(types, str) else (types or [])
    if "object" in types or "properties" in schema:
        return "object"
    if "array" in types:
        return "array"
    return "integer" if types and set(types) <= {"integer", "number"} else "text"


def _stub_object(schema: dict[str, Any], root: dict[str, Any], depth: int, lead: str,
                 lines: list[tuple[str, str]], *, top: bool = False) -> None:
    """Add the lines of an object's properties; the first after ``lead`` (``- `` in a list)."""
    shown = _resolve(schema, root)
    required = set(shown.get("required", []))
    for index, (name, prop) in enumerate(shown.get("properties", {}).items()):
        pad = "  " * depth + (lead if index == 0 else " " * len(lead))
        notes = [] if name in required else ["optional"]
        description = prop.get("description") or _resolve(prop, root).get("description")
        if description and (top or "filter" not in description):
            notes.append(description)
        _stub_value(_key(name), prop, root, depth, pad, "; ".join(notes), lines, optional=name not in required)
    if not shown.get("properties") and lead:
        lines.append(("  " * depth + lead + "{}", ""))


def _stub_value(key: str, schema: dict[str, Any], root: dict[str, Any], depth: int, pad: str,
                note: str, lines: list[tuple[str, str]], *, optional: bool = False) -> None:
    shown = _resolve(schema, root)
    kind = _kind(shown)
    if kind == "object" and shown.get("properties"):
        lines.append((f"{pad}{key}:", note))
        _stub_object(shown, root, len(pad) // 2 + 1, "", lines)
    elif kind == "array":
        lines.append((f"{pad}{key}:", note))
        item = _resolve(shown.get("items", {}), root)
        inner = "  " * (len(pad) // 2 + 1)
        if _kind(item) == "object" and item.get("properties"):
            _stub_object(item, root, len(pad) // 2 + 1, "- ", lines)
        else:
            lines.append((f"{inner}- {_scalar(item)}", ""))
    elif optional and _accepts_null(schema) and any(k in shown for k in ("pattern", "format", "enum")):
        # an optional value of a set shape (a telephone, an e-mail, an IIN, a date) left as it is
        # stays absent: `phone: ""` would be a wrong telephone
        lines.append((f"{pad}{key}: null", note))
    else:
        lines.append((f"{pad}{key}: {'{}' if kind == 'object' else _scalar(shown)}", note))


def _accepts_null(schema: dict[str, Any]) -> bool:
    branches = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return any(b.get("type") == "null" for b in branches)


def _scalar(schema: dict[str, Any]) -> str:
    return "0" if _kind(schema) == "integer" else '""'

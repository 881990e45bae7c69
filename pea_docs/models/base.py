"""The base of every input model: unknown keys refused with a hint, errors as Problems.

pydantic validates; this module turns its errors into :class:`~pea_docs.errors.Problem`
records that name the field path, the value, the clause of the Rules (declared on
the field with ``rule(...)``) and, for a misspelt key, the key that was meant.

>>> from pea_docs.models import Person
>>> coerce(Person, {"surname": "Сапаров", "nam": "Арман"})
Traceback (most recent call last):
...
pea_docs.errors.InputError: name: is required: the given name (rule 12)
nam: 'Арман' is not a field of a person; did you mean 'name'? (rule 12)
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from pea_docs.errors import InputError, Problem
from pea_docs.models.text import clean_data, is_clean

__all__ = ["PeaModel", "coerce", "problems_from_validation", "rule"]

M = TypeVar("M", bound=BaseModel)


def rule(clause: str, description: str, **kwargs: Any) -> Any:
    """Declare a field with the clause of the Rules it serves and a description.

    The clause shows in every problem about the field and in its JSON Schema.
    """
    extra: dict[str, Any] | None = {"clause": clause} if clause else None
    return Field(description=description, json_schema_extra=extra, **kwargs)


class PeaModel(BaseModel):
    """Base of the input models: strict about keys, lenient about whitespace."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True,
                              populate_by_name=True)

    #: how the model is named in messages ("a person", "an agent")
    noun: typing.ClassVar[str] = "the data"
    #: the clause of the Rules the block as a whole serves (named for a misspelt key in it)
    clause: typing.ClassVar[str] = ""

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        # every text of every field, by the one policy of pea_docs.models.text: Word's
        # breaks become \n, a control character is refused under the field's path. A
        # mapping is a nested model's data, which that model's own fields clean: walking
        # it here too would scan each text once per level of nesting
        if isinstance(value, str) and is_clean(value):
            return value  # the usual case, asked of every text of every entry
        if isinstance(value, str) or (isinstance(value, (list, tuple))
                                      and any(isinstance(item, str) for item in value)):
            value, problems = clean_data(value)
            if problems:
                first = problems[0]
                where = f" (at {'.'.join(map(str, first.loc))})" if first.loc else ""
                raise PydanticCustomError(first.code, first.message + where, {"clause": ""})
        return value


def coerce(model: type[M], data: M | Mapping[str, Any], *, loc: tuple[str | int, ...] = ()) -> M:
    """Return ``data`` as an instance of ``model``: a model passes, a dict is validated.

    Raises:
        InputError: with a :class:`Problem` for every error pydantic found.
    """
    if isinstance(data, model):
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump(exclude_unset=True)
    if not isinstance(data, Mapping):
        raise InputError([Problem("value.type", "", loc, data,
                                  f"must be a mapping of fields ({model.noun if issubclass(model, PeaModel) else model.__name__})")])
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise InputError([p.at(*loc) for p in problems_from_validation(exc, model)]) from None


def problems_from_validation(exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Return a :class:`Problem` for each error of a pydantic ``ValidationError``."""
    return [_problem(err, model) for err in exc.errors(include_url=False)]


def _problem(err: ErrorDetails, root: type[BaseModel]) -> Problem:
    loc = tuple(p for p in err["loc"] if not _is_tag(p))
    owner, field = _resolve(root, loc)
    clause = ""
    description = ""
    if owner is not None and field is not None:
        info = owner.model_fields[field]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        clause = str(extra.get("clause", ""))
        description = info.description or ""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "extra_forbidden":
        parent = _resolve(root, loc[:-1] + ("",))[0] if loc else root
        names = list(parent.model_fields) if parent else []
        hint = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        noun = getattr(parent, "noun", "the data")
        message = f"is not a field of {noun}"
        message += f"; did you mean {hint[0]!r}?" if hint else f"; known fields: {', '.join(names)}"
        return Problem("field.unknown", _block_clause(root, loc[:-1], parent), loc, value, message)
    if kind == "missing":
        return Problem("field.missing", clause, loc, None,
                       f"is required: {description}" if description else "is required")
    if "clause" in ctx:  # our own validators raise PydanticCustomError with a clause
        clause = str(ctx["clause"])
        return Problem(kind, clause, loc, value, err["msg"])
    return Problem(f"value.{kind}", clause, loc, value, _plain_message(err, owner, field))


def _block_clause(root: type[BaseModel], parent_loc: tuple[str | int, ...],
                  parent: type[BaseModel] | None) -> str:
    """Return the clause of the block a misspelt key sits in: its field's, else the block's own."""
    names = [p for p in parent_loc if isinstance(p, str)]
    if names:
        owner, field = _resolve(root, parent_loc)
        if owner is not None and field is not None:
            extra = owner.model_fields[field].json_schema_extra
            if isinstance(extra, dict) and extra.get("clause"):
                return str(extra["clause"])
    return str(getattr(parent, "clause", "") or getattr(root, "clause", ""))


def _plain_message(err: ErrorDetails, owner: type[BaseModel] | None, field: str | None) -> str:
    """Return pydantic's message in the words of this project, without class names."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    target = _model_in(owner.model_fields[field].annotation) if owner and field else None
    if kind in ("model_type", "model_attributes_type", "dict_type") and target is not None:
        fields = ", ".join(target.model_fields)
        return f"must be a mapping of the fields of {getattr(target, 'noun', 'the block')} ({fields})"
    if kind == "too_short" and "min_length" in ctx:
        n = ctx["min_length"]
        return f"must hold at least {n} item{'s' if n != 1 else ''}"
    if kind == "string_too_long" and "max_length" in ctx:
        given = len(err["input"]) if isinstance(err.get("input"), str) else "more"
        return (f"holds {given:,} characters; it may hold at most {ctx['max_length']:,} "
                "(a spreadsheet cell's limit): shorten it")
    if kind == "list_type":
        return "must be a list (one item per line starting with '- ' in YAML)"
    message = err["msg"]
    return message[:1].lower() + message[1:]


def _is_tag(part: str | int) -> bool:
    # discriminated unions add the member's tag to the path; our tags are class names
    return isinstance(part, str) and part[:1].isupper()


def _resolve(root: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[type[BaseModel] | None, str | None]:
    """Return the model class that owns the last field of ``loc``, and that field's name."""
    current: type[BaseModel] | None = root
    for i, part in enumerate(loc):
        if current is None:
            return None, None
        if isinstance(part, int):
            continue
        if i == len(loc) - 1:
            return (current, part) if part in current.model_fields else (current, None)
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return current, None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the first model class inside a type annotation (through Optional, list, Union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    for arg in args:
        found = _model_in(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found = _model_in(arg)
            if found is not None:
                return found
    return None

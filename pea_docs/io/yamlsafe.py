"""The one YAML loader of pea-docs: safe, strict about duplicates, bounded.

PyYAML's safe C loader (about seven times faster than the pure-Python one) with
what a hostile or careless file needs on top:

- an impossible date (``2025-15-01``) stays text, so the model reports it under
  its field path instead of PyYAML raising a bare ``ValueError``;
- a key given twice in one mapping is an error (``yaml.duplicate_key``), not the
  silent victory of the last value;
- a whole number longer than the ``integer_digits`` limit is refused while it is
  read (Python would raise a bare ``ValueError`` past 4,300 digits);
- a file whose aliases expand past the ``yaml_values`` limit (a "billion laughs"),
  or that refers to itself, is refused before anything walks it; so is a text
  value over ``text_chars``.

>>> load_yaml("a: 1\\n---\\n---\\nb: 2\\n")
[{'a': 1}, {'b': 2}]
>>> load_yaml("a: 1\\na: 2\\n", name="x.yaml")
Traceback (most recent call last):
...
pea_docs.errors.YamlSyntaxError: x.yaml:2:1: a: is given twice in this mapping (first at line 1); keep one
"""

from __future__ import annotations

from typing import Any

import yaml

from pea_docs.errors import InputError, Problem, YamlSyntaxError
from pea_docs.errors.codes import register_code
from pea_docs.io.limits import check_text, current, limit_error

__all__ = ["Loader", "load_yaml"]

register_code("yaml.duplicate_key", "", "a key given twice in one mapping of a YAML file")
register_code("yaml.recursive", "", "a YAML file whose aliases refer to the value that holds them")

try:  # the C loader is the fast one; the pure-Python one is the same safe subset
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _Refused(yaml.MarkedYAMLError):
    """A value refused while it is constructed; carries the code and the limit's error."""

    def __init__(self, code: str, message: str, mark: Any, error: InputError | None = None):
        super().__init__(problem=message, problem_mark=mark)
        self.code = code
        self.error = error


class Loader(_Base):
    """The safe loader with the guards of this module (see its text)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [key for key, _ in node.value
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge"]
        if len({(key.tag, key.value) for key in keys}) < len(keys):  # the places only for a duplicate
            seen: dict[tuple[str, str], int] = {}
            for key_node in keys:
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise _Refused("yaml.duplicate_key",
                                   f"{key_node.value}: is given twice in this mapping (first at line "
                                   f"{seen[key]}); keep one", key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    digits = sum(c.isdigit() for c in node.value)
    if digits > current().integer_digits:
        error = limit_error("integer_digits", f"has {digits} digits", value=node.value[:40] + "…")
        raise _Refused("limit.integer_digits", error.problems[0].message, node.start_mark, error)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
Loader.add_constructor("tag:yaml.org,2002:int", _integer)


def load_yaml(text: str, *, name: str | None = None) -> list[Any]:
    """Return the documents of the YAML ``text``, safely loaded (empty documents left out).

    Raises:
        YamlSyntaxError: the text is not valid YAML, or has a duplicate key (file, line, column).
        LimitError: a number, a text or the expanded aliases over their limit.
    """
    try:
        loaded = [d for d in yaml.load_all(text, Loader=Loader) if d is not None]
    except _Refused as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if exc.error is not None:
            raise type(exc.error)([p.in_file(name, line, column) for p in exc.error.problems]) from None
        raise YamlSyntaxError([Problem(exc.code, "", (), None, str(exc.problem), file=name,
                                       line=line, column=column)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            # PyYAML notices an unclosed bracket where the next key starts; name both places
            what += f" (the construct began at line {start.line + 1}, column {start.column + 1})"
        raise YamlSyntaxError([Problem("yaml.syntax", "", (), None, f"is not valid YAML: {what}",
                                       file=name, line=line, column=column)]) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError([Problem("yaml.syntax", "", (), None, f"is not valid YAML: {exc}",
                                       file=name)]) from None
    except RecursionError:
        raise YamlSyntaxError([Problem("yaml.syntax", "", (), None, "is nested too deeply to be read",
                                       file=name)]) from None
    limits = current()
    if "*" in text or len(text) >= limits.text_chars or 2 * len(text) + 2 >= limits.yaml_values:
        _measure(loaded, name)
    # else nothing can be over a limit: without an alias (``*name``) no value is shared, so a file
    # holds fewer values than two a character (``{a,b}``: five values in five), and no text is
    # longer than the file (YAML's escapes and block scalars only shorten) — the walk would cost
    # a small letter a tenth of its reading
    return loaded


def _measure(loaded: list[Any], name: str | None) -> None:
    """Refuse what the aliases expand past ``yaml_values``, a value that holds itself, a long text.

    Each distinct container is measured once (aliases share it), so this costs
    the size of the file, not of its expansion.
    """
    limits = current()
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(item: Any) -> int:
        if isinstance(item, str):
            check_text(item, file=name)
            return 1
        if not isinstance(item, (dict, list)):
            return 1
        key = id(item)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise YamlSyntaxError([Problem("yaml.recursive", "", (), None,
                                           "holds a value that contains itself (an alias inside its own "
                                           "anchor); write the value out", file=name)])
        open_.add(key)
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        total = 1
        for child in children:
            total += size(child)
            if total > limits.yaml_values:
                raise limit_error("yaml_values", "the values grow past the limit as the aliases expand",
                                  file=name)
        open_.discard(key)
        sizes[key] = total
        return total

    total = 0
    for document in loaded:
        total += size(document)
        if total > limits.yaml_values:
            raise limit_error("yaml_values", "the values grow past the limit as the aliases expand", file=name)

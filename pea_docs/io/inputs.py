"""YAML inputs: documents with their form, language, output and data (DATA.md).

A file may hold several documents separated by ``---``. Files are read with
PyYAML's safe C loader (about seven times faster than the pure-Python one);
the line and column of a field are only looked up when a problem needs them,
so correct inputs pay nothing for it.

>>> docs = load_documents("form: registration_stamp\\ndata:\\n  index: '15'\\n", name="s.yaml")
>>> docs[0].form, docs[0].lang, docs[0].data
('registration_stamp', 'ru', {'index': '15'})
>>> docs[0].locate(("data", "index"))
(3, 10)
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pea_docs.errors import InputError, Problem, UnknownKeysError, YamlSyntaxError

__all__ = ["InputDocument", "input_document", "load_documents", "load_yaml", "read_documents", "read_input"]

try:  # the C loader is the fast one; the pure-Python one is the same safe subset
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """The safe loader, except that an impossible date stays text.

    PyYAML turns ``2025-15-01`` into a bare ``ValueError`` with no place; kept as
    text, it reaches the model, which reports it under its field path and line
    as a rule-11 problem.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

TOP_LEVEL_KEYS = ("form", "template", "lang", "output", "data")


@dataclass
class InputDocument:
    """One document of a YAML input file.

    Attributes:
        form: a built-in form or template name (``form:``).
        template: the path of a user's Word template (``template:``), relative to the file.
        lang: ``ru``, ``kk`` or ``en``.
        output: the wished output path, relative to the output folder.
        data: the form's data.
        file: the source file's name, for messages.
        index: the document's index inside the file (0 for the first).
    """

    form: str | None
    template: str | None
    lang: str
    output: str | None
    data: dict[str, Any]
    file: str | None = None
    index: int = 0
    text: str = field(default="", repr=False)

    @property
    def source_dir(self) -> Path | None:
        """Return the folder of the source file (templates are relative to it)."""
        return Path(self.file).parent if self.file else None

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """Return the 1-based (line, column) of the field at ``loc``, or of its nearest parent.

        With ``key=True`` the place of the field's key (for a misspelt key), else of its value.
        """
        try:
            nodes = list(yaml.compose_all(self.text, Loader=_Loader))
        except yaml.YAMLError:
            return None
        if self.index >= len(nodes) or nodes[self.index] is None:
            return None
        node = nodes[self.index]
        for depth, part in enumerate(loc):
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value in node.value:
                    if key_node.value == part:
                        child = key_node if key and depth == len(loc) - 1 else value
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    child = node.value[part]
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def place(self, problem: Problem, *, under: Sequence[str | int] = ("data",)) -> Problem:
        """Return ``problem`` with this document's file, line and column."""
        where = (self.locate((*under, *problem.loc), key=problem.code == "field.unknown")
                 if self.text else None)
        line, column = where if where else (None, None)
        return problem.in_file(self.file, line, column, self.index if self.file else None)


def read_documents(path: str | os.PathLike[str]) -> list[InputDocument]:
    """Return the documents of the YAML file at ``path``.

    Raises:
        YamlSyntaxError: the file is not valid YAML (file, line and column named).
        InputError: a document is not a mapping or has unknown top-level keys.
    """
    return load_documents(_read_text(path), name=str(Path(path)))


def _read_text(path: str | os.PathLike[str]) -> str:
    """Return the UTF-8 text of an input file, or raise ``file.unreadable`` / ``file.encoding``."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError([Problem("file.unreadable", "", (), str(p),
                                  f"cannot be read: {exc.strerror or exc}", file=str(p))]) from None
    except UnicodeDecodeError:
        raise InputError([Problem("file.encoding", "", (), str(p),
                                  "is not UTF-8 text; save it as UTF-8", file=str(p))]) from None


class BareDocument(InputDocument):
    """A YAML file that is a bare mapping of a template's values: the whole of it is ``data:``."""

    def place(self, problem: Problem, *, under: Sequence[str | int] = ("data",)) -> Problem:
        under = tuple(under)
        return super().place(problem, under=under[1:] if under[:1] == ("data",) else under)


def read_input(source: str, *, bare: bool = False) -> list[InputDocument]:
    """Return the documents of the YAML file ``source`` (``-``: standard input).

    With ``bare`` (data for a Word template), a file holding one mapping with
    none of an input document's keys (form, template, lang, output, data) is the
    template's values: one :class:`BareDocument`. Otherwise an unknown top-level
    key is an :class:`~pea_docs.errors.UnknownKeysError`, whose hint says to put
    the values under ``data:``.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "values.yaml"
    >>> _ = path.write_text("debtor: Иванов И.И.\\n", encoding="utf-8")
    >>> read_input(str(path), bare=True)[0].data
    {'debtor': 'Иванов И.И.'}
    >>> read_input(str(path))
    Traceback (most recent call last):
    ...
    pea_docs.errors.UnknownKeysError: ...values.yaml:1:1 (document 1): debtor: is not a key of an input document; ...

    Raises:
        UnknownKeysError: top-level keys that are not an input document's (and not a bare mapping).
        YamlSyntaxError, InputError: as :func:`read_documents`.
    """
    name = "<stdin>" if source == "-" else str(Path(source))
    text = sys.stdin.read() if source == "-" else _read_text(source)  # read once, for the fallback too
    try:
        return load_documents(text, name=name)
    except InputError as exc:
        if not exc.problems or any(p.code != "field.unknown" for p in exc.problems):
            raise
        problems = exc.problems
    if bare:
        loaded = load_yaml(text, name=name)
        if len(loaded) == 1 and isinstance(loaded[0], dict) and not {str(k) for k in loaded[0]} & set(TOP_LEVEL_KEYS):
            return [BareDocument(None, None, "ru", None, loaded[0], name, 0, text)]
    raise UnknownKeysError(problems) from None


def load_yaml(text: str, *, name: str | None = None) -> list[Any]:
    """Return the documents of the YAML ``text``, safely loaded (empty documents left out).

    The one YAML loader of pea-docs: the C safe loader, an impossible date kept as
    text, and syntax errors reported with file, line and column.

    >>> load_yaml("a: 1\\n---\\n---\\nb: 2\\n")
    [{'a': 1}, {'b': 2}]

    Raises:
        YamlSyntaxError: the text is not valid YAML.
    """
    try:
        return [d for d in yaml.load_all(text, Loader=_Loader) if d is not None]
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


def load_documents(text: str, *, name: str | None = None,
                   defaults: Mapping[str, Any] | None = None) -> list[InputDocument]:
    """Return the documents in the YAML ``text`` (see :func:`read_documents`).

    ``defaults`` supplies top-level keys a document leaves out (``lang``, ``form``).
    """
    docs: list[InputDocument] = []
    problems: list[Problem] = []
    for index, item in enumerate(load_yaml(text, name=name)):
        doc, found = _document(item, name, index, text, defaults)
        problems += found
        if doc is not None:
            docs.append(doc)
    if problems:
        raise InputError(problems)
    return docs


def input_document(value: InputDocument | Mapping[str, Any]) -> InputDocument:
    """Return ``value`` as an input document: itself, or a mapping with form:, template:, lang:, output:, data:.

    So that the Python API takes what a YAML input holds, as a dict.

    >>> input_document({"form": "registration_stamp", "data": {"index": "15"}}).form
    'registration_stamp'

    Raises:
        InputError: not a mapping, unknown top-level keys, or data that is not a mapping.
    """
    if isinstance(value, InputDocument):
        return value
    doc, problems = _document(value, None, 0, "", None)
    if problems or doc is None:
        raise InputError(problems)
    return doc


def _document(item: Any, name: str | None, index: int, text: str,
              defaults: Mapping[str, Any] | None) -> tuple[InputDocument | None, list[Problem]]:
    """Return one input document made of the loaded YAML ``item``, and its problems."""
    doc = InputDocument(None, None, "ru", None, {}, name, index, text)
    if not isinstance(item, Mapping):
        return None, [doc.place(Problem("document.type", "", (), None,
                                        "must be a mapping with form: and data:"), under=())]
    problems: list[Problem] = []
    merged = {**(defaults or {}), **item}
    for key in merged:
        if key not in TOP_LEVEL_KEYS:
            hint = difflib.get_close_matches(str(key), TOP_LEVEL_KEYS, n=1)
            message = "is not a key of an input document"
            message += f"; did you mean {hint[0]!r}?" if hint else \
                f"; use {', '.join(TOP_LEVEL_KEYS)}"
            problems.append(doc.place(Problem("field.unknown", "", (key,), None, message), under=()))
    data = merged.get("data", {})
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        problems.append(doc.place(Problem("value.dict_type", "", ("data",), data,
                                          "must be a mapping of the form's fields"), under=()))
        data = {}
    doc.form = _text(merged.get("form"))
    doc.template = _text(merged.get("template"))
    doc.lang = _text(merged.get("lang")) or "ru"
    doc.output = _text(merged.get("output"))
    doc.data = dict(data)
    return doc, problems


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

"""YAML inputs: documents with their form, language, output and data (DATA.md).

A file may hold several documents separated by ``---``. Files are read by
:mod:`pea_docs.io.reading` (regular files, bounded, UTF-8) and parsed by
:mod:`pea_docs.io.yamlsafe` (the safe C loader, duplicate keys refused, limits);
the line and column of a field are only looked up when a problem needs them,
so correct inputs pay nothing for it. Keys of the data are names (text), and the
texts follow the policy of :mod:`pea_docs.models.text`.

>>> docs = load_documents("form: registration_stamp\\ndata:\\n  index: '15'\\n", name="s.yaml")
>>> docs[0].form, docs[0].lang, docs[0].data
('registration_stamp', 'ru', {'index': '15'})
>>> docs[0].locate(("data", "index"))
(3, 10)
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pea_docs.errors import InputError, Problem, UnknownKeysError
from pea_docs.io.reading import read_stdin, read_text
from pea_docs.io.yamlsafe import Loader, load_yaml
from pea_docs.models.text import clean_data

__all__ = ["InputDocument", "input_document", "load_documents", "load_yaml", "read_documents", "read_input"]

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
            nodes = list(yaml.compose_all(self.text, Loader=Loader))
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
    return load_documents(read_text(path), name=str(Path(path)))


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
    text = read_stdin() if source == "-" else read_text(source)  # read once, for the fallback too
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
    if not docs:
        raise InputError([Problem("document.empty", "", (), None,
                                  "holds no document; write form: and data: (see DATA.md)", file=name)])
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
    for key in ("form", "template", "lang", "output"):
        value = merged.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            problems.append(doc.place(Problem("value.string_type", "", (key,), None,
                                              f"must be text, not a {type(value).__name__}"), under=()))
    _, found = clean_data(data, template=True)
    problems += [doc.place(p) for p in found]
    doc.form = _text(merged.get("form"))
    doc.template = _text(merged.get("template"))
    doc.lang = _text(merged.get("lang")) or "ru"
    doc.output = _text(merged.get("output"))
    doc.data = dict(data)
    return doc, problems


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value)

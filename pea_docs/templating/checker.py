"""Check a Word template tag by tag, and check data against what a template needs.

Jinja stops at the first error of a template; a user fixing a letter in Word
wants every error at once. So each tag is parsed on its own, from the text of the
paragraph it sits in (where Word's run splitting no longer matters): syntax,
unknown filters and tests, attributes the sandbox refuses, and the pairing of
block tags — ``{%tr for %}`` must be closed by ``{%tr endfor %}`` and so on.
Each problem names its place: part, table cell, paragraph and the text there.

The codes are documented in ``docs/rules.md`` (section "templates"); they name
no clause of the Rules. Data fed to a pea-docs filter is checked by the Rules'
own checks (``agent|header`` by rule 9, ``recipient|addressee`` by rule 10 ...).

>>> from pea_docs.templating.compiled import prepare, _example_docx
>>> [p.code for p in data_problems(prepare(_example_docx()), {}, file="t.docx")]
['template.variable_missing']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.locale.dates import to_date
from pea_docs.rules import (
    check_addressee,
    check_appendices,
    check_header,
    check_person,
    check_reply_reference,
    check_signature,
)
from pea_docs.templating.compiled import CompiledPart, PreparedTemplate, environment
from pea_docs.templating.docx_xml import Place
from pea_docs.templating.variables import ITEM, Needs, Variable, collect, unsafe_attributes

__all__ = ["CODES", "TemplateProblem", "data_problems", "problem_at", "tag_problems", "template_needs", "unsafe_problems"]

#: The codes of template problems and what each means (no clause of the Rules applies).
CODES = {
    "template.unreadable": "the template file is missing or is not a Word document (.docx)",
    "template.syntax": "a tag is not valid Jinja (a typo, a missing bracket, an unknown tag)",
    "template.unbalanced": "a block tag is not closed, or closed by a tag of another kind "
                           "({%tr for %} needs {%tr endfor %})",
    "template.filter_unknown": "a tag uses a filter or a test that does not exist",
    "template.unsafe": "a tag reaches for Python internals (an attribute starting with _)",
    "template.variable_missing": "the template uses a variable the data does not provide",
    "template.runtime": "a tag fails while the template is filled (a division by zero, a "
                        "method of the wrong value); the problem names the tag and its place",
    "template.unclosed": "a tag opened ({{, {% or {#) and not closed in its paragraph: a short "
                         "brace ({{ debtor.name }) or a missing one",
    "template.stray_close": "a closing }} or %} without its opening, printed as typed (warning)",
}
for _code, _description in CODES.items():
    register_code(_code, "", _description)

_OPENERS = frozenset({"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw"})
_MIDDLES = {"else": ("if", "for"), "elif": ("if",)}
_PREFIX = re.compile(r"^(tr|tc|p|r)\s+(.*)$", re.DOTALL)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‘": "'", "’": "'",
                         "\u00a0": " "})
# docxtpl's own tags, rewritten before Jinja sees them
_DOCXTPL_TAGS = frozenset({"vm", "hm", "colspan", "cellbg"})


@dataclass(frozen=True)
class TemplateProblem(Problem):
    """A problem of a template that knows its place in the template.

    ``loc`` is the place as a tuple — the package part, then (kind, number)
    pairs: ``("word/document.xml", "table", 1, "row", 2, "cell", 1, "paragraph", 1)``
    — or, for a variable the data lacks, the path of the variable in the data
    (``("recipient", "address")``). ``place`` is the place either way;
    ``to_dict()`` gives it as fields. ``str()`` names the place in words once.

    >>> p = problem_at("template.syntax", Place("body", "word/document.xml", 1, table=1, row=2, cell=1,
    ...                text="{{ x| }}"), "is not valid", tag="{{ x| }}", file="t.docx")
    >>> p.loc
    ('word/document.xml', 'table', 1, 'row', 2, 'cell', 1, 'paragraph', 1)
    >>> print(p)
    t.docx: '{{ x| }}' is not valid — body, table 1, row 2, cell 1, paragraph 1: «{{ x| }}»
    """

    place: Place | None = None

    def __str__(self) -> str:
        if self.place is not None and self.loc == self.place.loc():
            # the message names the place in words already
            return Problem.__str__(replace(self, loc=()))
        return Problem.__str__(self)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict: :meth:`Problem.to_dict` and the ``place`` as fields."""
        return {**super().to_dict(), "place": self.place.to_dict() if self.place is not None else None}


def problem_at(code: str, place: Place, reason: str, *, tag: str = "", file: str | None = None,
               loc: tuple[str | int, ...] = (), show_tag: bool = True, clause: str = "",
               severity: Literal["error", "warning"] = "error") -> TemplateProblem:
    """Return a problem at a place of a Word file whose message names the place and the text around it.

    ``loc`` is the data path of a missing variable; by default it is the place's. A template's
    own problems name no clause; a finished document's (``pea-docs lint``) name theirs.

    >>> print(problem_at("template.syntax", Place("body", "word/document.xml", 3, text="To {{ x| }}"),
    ...                  "is not valid: unexpected '}'", tag="{{ x| }}", file="letter.docx"))
    letter.docx: '{{ x| }}' is not valid: unexpected '}' — body, paragraph 3: «To {{ x| }}»
    """
    around = place.around(tag)
    text = f": «{around}»" if around else ""
    return TemplateProblem(code, clause, loc or place.loc(), (tag or None) if show_tag else None,
                           f"{reason} — {place.describe()}{text}", severity=severity, file=file, place=place)


def _split(tag: str) -> tuple[str, str, str]:
    """Return (kind of brackets, docxtpl prefix, inner text) of a tag."""
    kind, inner = tag[:2], tag[2:-2].translate(_QUOTES)
    # whitespace control ({{- x -}}, {%+ if %}) touches the brackets; `{{ a + }}` keeps its `+`
    inner = inner[1:] if inner[:1] in ("-", "+") else inner
    inner = (inner[:-1] if inner[-1:] in ("-", "+") else inner).strip()
    match = _PREFIX.match(inner)
    if match and kind != "{#":
        return kind, match.group(1), match.group(2).strip()
    return kind, "", inner


def _fragment(kind: str, inner: str) -> tuple[str, str]:
    """Return (keyword, a small template holding the tag alone) to parse it on its own."""
    if kind == "{{":
        return "", f"{{{{ {inner} }}}}"
    word = inner.split(None, 1)[0] if inner else ""
    if word in _OPENERS or (word == "set" and "=" not in inner):
        end = "set" if word == "set" else word
        return word, f"{{% {inner} %}}{{% end{end} %}}"
    if word in _MIDDLES:
        return word, f"{{% if x %}}{{% {inner} %}}{{% endif %}}" if word == "elif" else \
            "{% if x %}{% else %}{% endif %}"
    if word.startswith("end"):
        return word, ""
    return word, f"{{% {inner} %}}"


def _ast_problems(tree: nodes.Template, place: Place, tag: str, file: str | None,
                  env: jinja2.Environment) -> list[Problem]:
    problems: list[Problem] = []
    for node in tree.find_all(nodes.Filter):
        if node.name not in env.filters:
            hint = difflib.get_close_matches(node.name, list(env.filters), n=1)
            problems.append(problem_at(
                "template.filter_unknown", place,
                f"there is no filter {node.name!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""),
                tag=tag, file=file))
    for test in tree.find_all(nodes.Test):
        if test.name not in env.tests:
            problems.append(problem_at("template.filter_unknown", place,
                                       f"there is no test {test.name!r}", tag=tag, file=file))
    for name, _ in unsafe_attributes(tree):
        problems.append(problem_at(
            "template.unsafe", place,
            f"reaches for {name!r}; a template cannot reach Python internals", tag=tag, file=file))
    return problems


def _units(part: CompiledPart) -> list[tuple[Place, str]]:
    source = part.source
    paragraphs = [(place, place.text) for place in source.places if place.element == "p"]
    if paragraphs:
        return paragraphs
    # document properties: no paragraphs, the tags sit in the elements' text
    return [(source.place_at(None), re.sub(r"<[^>]+>", " ", source.text))]


def _balance(opened: list[tuple[str, str, Place, str]], word: str, prefix: str, place: Place,
             tag: str, file: str | None) -> list[Problem]:
    if word in _OPENERS or word == "set":  # a block set: the caller skips an assignment
        if prefix in ("tr", "tc") and place.table is None:
            return [problem_at("template.unbalanced", place,
                               f"is outside a table: {{%{prefix} %}} belongs in a table "
                               f"{'row' if prefix == 'tr' else 'cell'}",
                               tag=tag, file=file)]
        opened.append((word, prefix, place, tag))
        return []
    if word in _MIDDLES or word.startswith("end"):
        wanted = word[3:] if word.startswith("end") else None
        if not opened:
            return [problem_at("template.unbalanced", place, "closes nothing: no block is open",
                               tag=tag, file=file)]
        top_word, top_prefix, top_place, top_tag = opened[-1]
        fits = top_word == wanted if wanted else top_word in _MIDDLES[word]
        if not fits:
            reason = f"does not match {top_tag} opened at {top_place.describe()}"
            if wanted and any(w == wanted for w, *_ in opened):
                opened.pop()  # the inner block lacks its end: report it, go on with the outer
            return [problem_at("template.unbalanced", place, reason, tag=tag, file=file)]
        if prefix != top_prefix:
            if wanted:
                opened.pop()
            want = f"{{%{top_prefix} {word} %}}" if top_prefix else f"{{% {word} %}}"
            return [problem_at("template.unbalanced", place,
                               f"closes {top_tag} (at {top_place.describe()}); write {want}",
                               tag=tag, file=file)]
        if wanted:
            opened.pop()
    return []


def _part_problems(part: CompiledPart, file: str | None, env: jinja2.Environment) -> list[Problem]:
    problems: list[Problem] = []
    opened: list[tuple[str, str, Place, str]] = []
    for place, text in _units(part):
        problems += _loose_brackets(text, place, file)
        for match in _TAG.finditer(text):
            tag = match.group(0)
            kind, prefix, inner = _split(tag)
            if kind == "{#":
                continue
            word, fragment = _fragment(kind, inner)
            if word in _DOCXTPL_TAGS:
                continue
            if fragment:
                try:
                    tree = env.parse(fragment)
                except jinja2.TemplateSyntaxError as exc:
                    problems.append(problem_at("template.syntax", place,
                                               f"is not valid: {exc.message}", tag=tag, file=file))
                    # a broken {% for %} still opens its block: its {% endfor %} is not a second problem
                    if word in _OPENERS:
                        _balance(opened, word, prefix, place, tag, file)
                    continue
                problems += _ast_problems(tree, place, tag, file, env)
            if word == "set" and "=" in inner:
                continue  # `{% set x = ... %}` assigns; only `{% set x %}...{% endset %}` is a block
            problems += _balance(opened, word, prefix, place, tag, file)
    for word, prefix, place, tag in opened:
        end = f"{{%{prefix} end{word} %}}" if prefix else f"{{% end{word} %}}"
        problems.append(problem_at("template.unbalanced", place, f"is never closed: add {end}",
                                   tag=tag, file=file))
    if not problems and part.error is not None:
        place = part.source.place_at(part.error.lineno)
        problems.append(problem_at("template.syntax", place, f"is not valid: {part.error.message}",
                                   file=file))
    return problems


_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_BRACKET = re.compile(r"\{[{%#]|[}%#]\}")


def _loose_brackets(text: str, place: Place, file: str | None) -> list[Problem]:
    """Return the openings without their closing in a paragraph, and the closings without an opening.

    ``{{ debtor.name }`` (a short brace) or ``{{ debtor.name`` would otherwise hide
    behind another problem, or swallow the tags that follow it.
    """
    problems: list[Problem] = []
    covered = [m.span() for m in _TAG.finditer(text)]
    for match in _BRACKET.finditer(text):
        at = match.start()
        if any(start <= at < end for start, end in covered) or text[at - 1:at] == "_" or \
                text[match.end():match.end() + 1] == "_":
            continue  # inside a tag, or the literal-brace escapes {_{ and }_}
        token = match.group(0)
        if token in _CLOSERS:
            rest = text[at:]
            shown = rest if len(rest) <= 40 else rest[:40] + "…"
            problems.append(problem_at("template.unclosed", place,
                                       f"is not closed in its paragraph: write {_CLOSERS[token]} after it",
                                       tag=shown, file=file))
            break  # what follows an open tag is inside it
        if token in ("}}", "%}"):
            problems.append(problem_at("template.stray_close", place, "closes no tag: it is printed as typed; "
                                       "a bracket is missing before it?", tag=token, file=file, severity="warning"))
    return problems


def tag_problems(prepared: PreparedTemplate, *, file: str | None = None) -> list[Problem]:
    """Return every problem of every tag of the template, in document order."""
    return [p for part in prepared.parts for p in _part_problems(part, file, prepared.env)]


def unsafe_problems(prepared: PreparedTemplate, *, file: str | None = None) -> list[Problem]:
    """Return the places where the template reaches for Python internals (cached)."""
    cached = getattr(prepared, "_unsafe", None)
    if cached is None:
        cached = []
        for part in prepared.parts:
            if part.error is None:
                for name, line in unsafe_attributes(environment().parse(part.source.text)):
                    cached.append(problem_at(
                        "template.unsafe", part.source.place_at(line),
                        f"reaches for {name!r}; a template cannot reach Python internals, "
                        "files or processes", tag=name, file=file, show_tag=False))
        prepared._unsafe = cached  # type: ignore[attr-defined]
    return cached


def template_needs(prepared: PreparedTemplate) -> Needs:
    """Return the variables the template needs (parts that do not parse are skipped)."""
    cached = getattr(prepared, "_needs", None)
    if cached is not None:
        return cached
    needs = Needs()
    for part in prepared.parts:
        if part.error is None:
            collect(environment().parse(part.source.text), needs, part=part.source.name)
        else:
            _collect_fragments(part, needs)
    prepared._needs = needs  # type: ignore[attr-defined]
    return needs


_LOOP_NAMES = re.compile(r"\bfor\s+(\w+)(?:\s*,\s*(\w+))?\s+in\b")


def _collect_fragments(part: CompiledPart, needs: Needs) -> None:
    """Collect the variables of a part that does not compile, tag by tag.

    Names a loop binds anywhere in the part are left out: alone, a tag cannot
    tell a loop variable from data.
    """
    env = environment()
    units = _units(part)
    bound = {name for _, text in units for m in _LOOP_NAMES.finditer(text) for name in m.groups() if name}
    for place, text in units:
        for match in _TAG.finditer(text):
            kind, _, inner = _split(match.group(0))
            if kind != "{{":
                continue
            try:
                tree = env.parse(f"{{{{ {inner} }}}}")
            except jinja2.TemplateSyntaxError:
                continue
            found = Needs()
            collect(tree, found)
            for path, var in found.walk():
                if path[0] not in bound and not var.children:
                    needs.add(path, optional=var.optional, hint=var.hint, where=place)


def _places_of(prepared: PreparedTemplate, var: Variable) -> list[Place]:
    parts = {p.source.name: p.source for p in prepared.parts}
    return [where if isinstance(where, Place) else parts[where[0]].place_at(where[1])
            for where in var.lines if isinstance(where, Place) or where[0] in parts]


def _lookup(container: Any, name: str) -> tuple[bool, Any]:
    if type(container) is dict or isinstance(container, Mapping):  # a dict first: no abstract check
        return (name in container, container.get(name))
    if isinstance(container, BaseModel):
        return (name in type(container).model_fields, getattr(container, name, None))
    if isinstance(container, (list, tuple, str, int, float)) or name.startswith("_"):
        return (False, None)
    # a date, a Decimal, an object: its public attributes (date.year) are there
    return (hasattr(container, name), getattr(container, name, None))


def _date_problems(value: Any) -> list[Problem]:
    try:
        to_date(value)
    except InputError as exc:
        return exc.problems
    return []


# the Rules' checks of what goes through a pea-docs filter
_FILTER_CHECKS: dict[str, Callable[[Any], list[Problem]]] = {
    "addressee": check_addressee,
    "appendices": lambda v: check_appendices(v or []),
    "date": _date_problems,
    "header": check_header,
    "name": check_person,
    "reply_reference": check_reply_reference,
    "signature": check_signature,
}


def data_problems(prepared: PreparedTemplate, data: Any, *, file: str | None = None) -> list[Problem]:
    """Return what ``data`` lacks for the template, and what breaks the Rules in it."""
    problems: list[Problem] = []

    def check(var: Variable, container: Any, loc: tuple[str | int, ...]) -> None:
        found, value = _lookup(container, var.name)
        if not found:
            if not var.optional:
                places = _places_of(prepared, var)
                place = places[0] if places else Place("body", "word/document.xml")
                problems.append(problem_at(
                    "template.variable_missing", place,
                    "is not in the data, and the template uses it", tag=var.name, file=file,
                    loc=loc, show_tag=False))
            return
        if value is None:
            return  # given as empty: an {% if %} in the template decides
        if var.hint in _FILTER_CHECKS:
            plain = value.model_dump() if isinstance(value, BaseModel) else value
            problems.extend(p.at(*loc) for p in _FILTER_CHECKS[var.hint](plain))
        if var.item is not None and isinstance(value, (list, tuple)):
            # a cell of a table the Rules say nothing of (no filter, nothing inside) needs only be
            # there: for thousands of rows the test is made here, without a call or a place each
            children = [(child, not child.children and child.hint not in _FILTER_CHECKS)
                        for child in var.item.children.values()]
            for index, element in enumerate(value):
                a_dict = type(element) is dict
                for child, bare in children:
                    if not (bare and a_dict and child.name in element):
                        check(child, element, (*loc, index, child.name))
        for name, child in var.children.items():
            if name != ITEM:
                check(child, value, (*loc, name))

    for var in template_needs(prepared).root.values():
        check(var, data, (var.name,))
    return [p.in_file(file) if file and not p.file else p for p in problems]

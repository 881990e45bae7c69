"""Find the variables a template needs: names, nested attributes, lists, and where each is used.

The analysis walks Jinja's syntax tree. A loop variable stands for an element of
its list (``{% for a in appendices %}{{ a.title }}`` needs ``appendices[].title``);
a variable tested with ``is defined`` or given a ``default`` is optional. The
filter a variable goes through tells what it must be (``agent|header`` needs an
agent block).

>>> from pea_docs.templating.environment import make_environment
>>> env = make_environment()
>>> needs = Needs()
>>> collect(env.parse("{{ agent|header }}{% for a in items %}{{ a.title }}{% endfor %}"
...                   "{% if reply_to is defined %}{{ reply_to.number }}{% endif %}"), needs)
>>> needs.paths()
['agent', 'items[].title', 'reply_to.number?']
>>> needs.root["agent"].hint
'header'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

__all__ = ["ITEM", "Needs", "Variable", "collect", "unsafe_attributes"]

#: The path segment that stands for "every element of the list".
ITEM = "[]"

# names Jinja provides itself
_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop",
                      "true", "false", "none", "True", "False", "None", "self", "varargs",
                      "kwargs", "caller"})
# the template functions of pea-docs: a name of theirs that is called is theirs; one printed
# bare ({{ image }}) is the data's, so that a value the data lacks is named, never a function printed
_FUNCTIONS = frozenset({"image", "subdoc"})
_OPTIONAL_FILTERS = frozenset({"default", "d"})
_OPTIONAL_TESTS = frozenset({"defined", "undefined", "none"})


@dataclass
class Variable:
    """One variable or attribute the template uses."""

    name: str
    optional: bool = True
    is_list: bool = False
    hint: str | None = None  # the pea-docs filter it goes through (header, date, ...)
    # where it is used: (part name, Jinja line), or a Place found otherwise
    lines: list[Any] = field(default_factory=list)
    children: dict[str, Variable] = field(default_factory=dict)

    @property
    def item(self) -> Variable | None:
        """Return the element of a list variable (what a loop variable stands for)."""
        return self.children.get(ITEM)


@dataclass
class Needs:
    """The tree of variables a template needs."""

    root: dict[str, Variable] = field(default_factory=dict)

    def add(self, path: tuple[str, ...], *, optional: bool, hint: str | None = None,
            where: Any = None) -> None:
        """Record that ``path`` is used; a use that is not optional makes it required."""
        level = self.root
        var: Variable | None = None
        for depth, segment in enumerate(path):
            var = level.setdefault(segment, Variable(segment))
            if depth + 1 < len(path) and path[depth + 1] == ITEM:
                var.is_list = True
            if not optional:
                var.optional = False
            # every level remembers where it is used, so that a missing parent has a place too
            if where and where not in var.lines:
                var.lines.append(where)
            level = var.children
        if var is not None and hint and not var.hint:
            var.hint = hint

    def walk(self) -> list[tuple[tuple[str, ...], Variable]]:
        """Return every variable with its path, parents first."""
        found: list[tuple[tuple[str, ...], Variable]] = []

        def visit(level: dict[str, Variable], prefix: tuple[str, ...]) -> None:
            for name in sorted(level):
                var = level[name]
                found.append(((*prefix, name), var))
                visit(var.children, (*prefix, name))

        visit(self.root, ())
        return found

    def paths(self) -> list[str]:
        """Return the path of every leaf as text, ``?`` marking optional ones: ``items[].title``."""
        return [format_path(path) + ("?" if var.optional else "") for path, var in self.walk()
                if not var.children]


def format_path(path: tuple[str, ...]) -> str:
    """Return a path as a user writes it: ``appendices[].title``.

    >>> format_path(("appendices", "[]", "title"))
    'appendices[].title'
    """
    text = ""
    for segment in path:
        text += segment if segment == ITEM or not text else f".{segment}"
    return text


class _Walker:
    def __init__(self, needs: Needs, part: str, pea_filters: frozenset[str]):
        self.needs = needs
        self.part = part
        self.pea_filters = pea_filters
        # paths tested with `is defined` around the node being visited: what is
        # used under them is optional
        self.guards: list[tuple[str, ...]] = []

    def path_of(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None]) -> tuple[str, ...] | None:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return None if node.name in _GLOBALS else (node.name,)
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                return None  # refused by the sandbox, reported by unsafe_attributes()
            base = self.path_of(node.node, scope)
            return None if base is None else (*base, node.attr)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base = self.path_of(node.node, scope)
            if base is None:
                return None
            key = node.arg.value
            return (*base, key) if isinstance(key, str) else (*base, ITEM)
        return None

    def record(self, node: nodes.Node, scope: dict[str, Any], optional: bool,
               hint: str | None = None) -> bool:
        path = self.path_of(node, scope)
        if path is None:
            return False
        optional = optional or any(path[:len(g)] == g for g in self.guards)
        self.needs.add(path, optional=optional, hint=hint, where=(self.part, node.lineno))
        return True

    def visit(self, node: nodes.Node, scope: dict[str, Any], optional: bool) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope, optional)
            source = self.path_of(node.iter, scope)
            if source is None and isinstance(node.iter, nodes.Call) and \
                    isinstance(node.iter.node, nodes.Getattr):
                source = None  # dict.items() and the like: elements are pairs
            elif source is not None:
                self.needs.add((*source, ITEM), optional=optional, where=(self.part, node.lineno))
            inner = dict(scope)
            targets = [node.target] if isinstance(node.target, nodes.Name) else \
                list(getattr(node.target, "items", []))
            for target in targets:
                if isinstance(target, nodes.Name):
                    inner[target.name] = (*source, ITEM) if source and len(targets) == 1 else None
            inner["loop"] = None
            for child in [*node.body, *node.else_] + ([node.test] if node.test else []):
                self.visit(child, inner, optional)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if self.record(node, scope, optional):
                return
        if isinstance(node, nodes.Test) and node.name in _OPTIONAL_TESTS:
            if not self.record(node.node, scope, True):
                self.visit(node.node, scope, True)
            for child in node.args:
                self.visit(child, scope, optional)
            return
        if isinstance(node, nodes.Filter):
            opt = optional or node.name in _OPTIONAL_FILTERS
            hint = node.name if node.name in self.pea_filters else None
            arg_hints: list[str | None] = []
            if hint == "reply_reference" and (node.args or node.kwargs):
                # `number|reply_reference(date)`: the value is the number alone, the argument a date
                hint, arg_hints = None, ["date"]
            if node.node is not None and not self.record(node.node, scope, opt, hint):
                self.visit(node.node, scope, opt)
            for index, child in enumerate([*node.args, *(kw.value for kw in node.kwargs)]):
                arg_hint = arg_hints[index] if index < len(arg_hints) else None
                if not (arg_hint and self.record(child, scope, optional, arg_hint)):
                    self.visit(child, scope, optional)
            return
        if isinstance(node, nodes.If):
            guarded = _defined_paths(node.test, lambda n: self.path_of(n, scope))
            self.visit(node.test, scope, optional)
            self.guards += guarded
            for child in node.body:
                self.visit(child, scope, optional)
            del self.guards[len(self.guards) - len(guarded):]
            for child in [*node.elif_, *node.else_]:
                self.visit(child, scope, optional)
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in _FUNCTIONS \
                and node.node.name not in scope:
            for child in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.visit(child, scope, optional)
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            # a method call (dict.items(), text.upper()): the object is what is needed
            if not self.record(node.node.node, scope, optional):
                self.visit(node.node.node, scope, optional)
            for child in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.visit(child, scope, optional)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in [node.node] if isinstance(node, nodes.Assign) else node.body:
                self.visit(child, scope, optional)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) \
                    else [node.target]:
                scope[target.name] = None  # a local of the template
            return
        if isinstance(node, nodes.FromImport):
            for name in node.names:  # `{% from 'macros.j2' import who, whom as w %}`
                scope[name[1] if isinstance(name, tuple) else name] = None
            return
        if isinstance(node, nodes.Import):
            scope[node.target] = None
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None  # the macro's name is the template's own, not the data's
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                inner[arg.name] = None
            for child in node.body:
                self.visit(child, inner, optional)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope, optional)


def _defined_paths(test: nodes.Node, path_of: Callable[[nodes.Node], Any]) -> list[tuple[str, ...]]:
    found = []
    tests = [test] if isinstance(test, nodes.Test) else []
    for node in [*tests, *test.find_all(nodes.Test)]:
        if node.name == "defined":
            path = path_of(node.node)
            if path:
                found.append(path)
    return found


def collect(tree: nodes.Template, needs: Needs, *, part: str = "",
            pea_filters: frozenset[str] = frozenset()) -> None:
    """Add the variables the syntax tree ``tree`` uses to ``needs``."""
    if not pea_filters:
        from pea_docs.templating.environment import FILTERS

        pea_filters = frozenset(FILTERS)
    walker = _Walker(needs, part, pea_filters)
    scope: dict[str, Any] = {}
    for node in tree.body:
        walker.visit(node, scope, False)


def unsafe_attributes(tree: nodes.Node) -> list[tuple[str, int]]:
    """Return the attributes a template may not reach (``__class__``, ``_private``), with lines.

    >>> from jinja2 import Environment
    >>> unsafe_attributes(Environment().parse("{{ ''.__class__.__mro__ }}"))
    [('__class__', 1), ('__mro__', 1)]
    """
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name: Any = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        if isinstance(name, str) and name.startswith("_"):
            found.append((name, node.lineno))
    return sorted(found, key=lambda x: (x[1], x[0]))

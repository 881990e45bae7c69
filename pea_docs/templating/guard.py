"""The template sandbox's guard against tags that never end or fill the memory.

Jinja's sandbox keeps a template away from Python's internals, but not from
``{% for i in range(100000) %}{% for j in range(100000) %}``, ``{{ 'x' * 3000000000 }}``
or ``{{ (10 ** 100000000) % 7 }}`` (which Jinja would even compute while
compiling, as a constant). :class:`GuardedEnvironment` adds what the sandbox
lacks, under the limits of :mod:`pea_docs.io.limits`:

- every turn of a loop over ``range()`` counts against ``loop_turns`` for one
  rendering (:func:`render_budget`);
- ``*``, ``+`` and ``**`` are computed only when their result stays under
  ``output_bytes`` (text, lists) or 10,000 digits (numbers); so they are never
  folded at compile time either;
- widths in ``%`` and ``format`` specifications, the arguments of ``center``,
  ``ljust``, ``rjust``, ``zfill``, ``indent``, what ``replace`` and ``join`` make, and
  every value put in a ``namespace`` (the one value a loop can grow) stay under
  ``output_bytes``;
- ``|safe`` and ``{% autoescape false %}`` do not let a value write markup:
  every printed value is escaped (the finalizer escapes what autoescaping would not);
  ``None`` (a YAML ``null``) prints as nothing.

>>> env = GuardedEnvironment()
>>> env.from_string("{{ ('<w:p/>'|safe) ~ (2 ** 10) }}").render()
'&lt;w:p/&gt;1024'
>>> env.from_string("[{{ nothing }}]").render(nothing=None)
'[]'
>>> env.from_string("{{ 'x' * 3000000000 }}").render()
Traceback (most recent call last):
...
pea_docs.errors.LimitError: 'x' * 3000000000 would make 3 000 000 000 characters, over the limit of 52 428 800 on the XML of one rendered part (limit output_bytes; raise it with PEA_DOCS_LIMIT_OUTPUT_BYTES)
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import filters, pass_eval_context
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import Namespace
from markupsafe import Markup, escape

from pea_docs.io.limits import current, grouped, limit_error
from pea_docs.templating.images import RawXml

__all__ = ["GuardedEnvironment", "render_budget"]

#: the most digits a number a tag computes may have (Python itself refuses to print more than 4,300)
MAX_DIGITS = 10_000

# the loop turns left in the rendering under way: [turns left]; None outside render_budget()
_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("pea_docs_budget", default=None)

_WIDTH = re.compile(r"%[-#0 +]*(\d+)|\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")
_SIZED_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}
_DICT_NAMES = frozenset(dir(dict))
_LOOP_COUNTERS = frozenset({"depth", "depth0", "first", "index", "index0", "last", "length", "nextitem",
                            "previtem", "revindex", "revindex0"})


@contextlib.contextmanager
def render_budget() -> Iterator[None]:
    """Count the loop turns of one rendering (of all its parts) against the ``loop_turns`` limit."""
    token = _BUDGET.set([current().loop_turns])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _counted(*args: int) -> Iterator[int]:
    budget = _BUDGET.get()
    for number in safe_range(*args):
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise limit_error("loop_turns", "the loops over range() turned more often")
        yield number


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _too_big(what: str, size: int) -> Exception:
    return limit_error("output_bytes", f"{what} would make {grouped(size)} characters")


def _check_width(spec: str, what: str) -> None:
    for match in _WIDTH.finditer(spec):
        width = int(match.group(1) or match.group(2))
        if width > current().output_bytes:
            raise _too_big(what, width)


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with loop, size and markup guards (see the module's text)."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, *, text: Callable[[str], str] | None = None, **options: Any):
        # text: applied to every printed text before it is escaped (the typography of pea-docs)
        shape = text or (lambda value: value)
        super().__init__(finalize=_finalizer(shape), **options)
        self.globals["range"] = _counted
        self.filters.update(safe=_escape_filter, center=_sized_filter("center"),
                            indent=_sized_filter("indent"), format=self._format_filter,
                            replace=_replace_filter, join=_join_filter)
        for name in ("string", "e", "escape", "forceescape"):
            self.filters[name] = _text_filter(self.filters[name])
        # a namespace is the one value a loop can grow turn after turn ({% set ns.s = ns.s ~ ns.s %})
        self.globals["namespace"] = _Namespace
        # urlize writes <a href> markup, which has no place in a Word part
        del self.filters["urlize"]

    def getattr(self, obj: Any, attribute: str) -> Any:
        # ``row.title`` of every row of a table: the sandbox would first try the attribute of a
        # dict and pay for the AttributeError. A plain dict has no attribute beyond its class's,
        # so a name the class lacks is the key (what the sandbox returns too); the loop's
        # counters are plain properties, safe to read
        kind = type(obj)
        if kind is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if kind is LoopContext and attribute in _LOOP_COUNTERS:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        limit = current().output_bytes
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                size = _size(seq)
                if size is not None and isinstance(times, int) and size * times > limit:
                    raise _too_big(f"{seq!r:.20} * {times}", size * times)
            return left * right
        if op == "+":
            a, b = _size(left), _size(right)
            if a is not None and b is not None and a + b > limit:
                raise _too_big("joining two values", a + b)
            return left + right
        if op == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                digits = right * math.log10(abs(left))
                if digits > MAX_DIGITS:
                    raise SecurityError(f"{left} ** {right} would have about {digits:,.0f} digits; "
                                        f"a number in a template may have {MAX_DIGITS:,}")
            return operator.pow(left, right)
        if isinstance(left, str):  # op == "%": text formatting, whose widths are bounded
            _check_width(left, "a % format")
        return left % right

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _SIZED_METHODS:
                for arg in (*args, *kwargs.values()):
                    if isinstance(arg, int) and arg > current().output_bytes:
                        raise _too_big(f"{name}({arg})", arg)
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, *args[:2])
            elif name == "join" and args:
                items = list(args[0])
                _check_join(owner, items)
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_width(value.__self__, "a {} format")
        return wrapped

    def _format_filter(self, value: Any, *args: Any, **kwargs: Any) -> str:
        text = str(value)
        _check_width(text, "a format")
        return text % (kwargs or args)


def _finalizer(shape: Callable[[str], str]) -> Callable[[Any, Any], Any]:
    """Return the finalizer of every printed value: shaped by ``shape``, and always escaped.

    With autoescaping on, Jinja escapes what the finalizer returns, so a text is returned
    shaped and Jinja escapes it once; with it off (``{% autoescape false %}``) the finalizer's
    escaping is the only one, so every text is escaped here. Markup passes: only Jinja's
    own escaping filters make it, ``|safe`` does not.
    """
    @pass_eval_context
    def finalize(context: Any, value: Any) -> Any:
        if value is None:
            return ""  # a value the data leaves empty (YAML null) prints nothing, never the word "None"
        if isinstance(value, RawXml):
            return value  # an image's drawing, written by pea-docs: neither shaped nor escaped
        if isinstance(value, Markup):
            return Markup(shape(str(value)))  # shaping only turns spaces into spaces: still escaped
        if isinstance(value, str):
            return shape(value) if context.autoescape else escape(shape(value))
        return value

    return finalize


def _escape_filter(value: Any) -> str:
    # |safe would let a value write XML into the document; here it leaves plain
    # text, which is escaped as any other
    return "" if value is None else str(value)


def _text_filter(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    # None (a YAML null) is empty text to the filters that make text of a value, never "None"
    def text(value: Any) -> Any:
        return function("" if value is None else value)

    return text


def _check_replace(text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        size = len(text) + (text.count(old) if old else len(text) + 1) * (len(new) - len(old))
        if size > current().output_bytes:
            raise _too_big("a replace", size)


def _check_join(separator: str, items: list[Any]) -> None:
    size = len(separator) * max(0, len(items) - 1) + sum(len(i) for i in items if isinstance(i, str))
    if size > current().output_bytes:
        raise _too_big("a join", size)


@pass_eval_context
def _replace_filter(context: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
    _check_replace(str(value), old, new)
    return filters.do_replace(context, value, old, new, count)


@pass_eval_context
def _join_filter(context: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
    items = list(value)
    _check_join(str(d), [str(i) for i in items])
    return filters.sync_do_join(context, items, d, attribute)


class _Namespace(Namespace):
    """Jinja's namespace, whose values stay under the ``output_bytes`` limit."""

    def __setitem__(self, name: str, value: Any) -> None:
        size = _size(value)
        if size is not None and size > current().output_bytes:
            raise _too_big(f"ns.{name}", size)
        super().__setitem__(name, value)


def _sized_filter(name: str) -> Any:
    original = getattr(filters, f"do_{name}")

    def sized(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        size = width if isinstance(width, int) else len(str(width))
        if size * max(1, str(value).count("\n") + 1) > current().output_bytes:
            raise _too_big(f"{name}({width})", size)
        return original(value, width, *args, **kwargs)

    return sized

"""The Jinja environment of Word templates: sandboxed, escaping, strict, with pea-docs filters.

A user's template is untrusted code, so it runs in Jinja's immutable sandbox: no
attribute that starts with ``_``, no method that changes a list or a dict, no
file or process access. Every value is escaped for XML, so ``Smith & Sons <Ltd>``
cannot break the document. A variable the data lacks fails loudly instead of
printing nothing. Every formatting function of :mod:`pea_docs.format` is a filter;
the language of the filters is the one the document is rendered in (see
:func:`filter_language`).

>>> env = make_environment()
>>> with filter_language("en"):
...     env.from_string("{{ d|date('words') }} {{ x }}").render(d="2025-01-09", x="A & B")
'January 9, 2025 A &amp; B'
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

from jinja2 import StrictUndefined, pass_context

from pea_docs.errors import InputError, Problem
from pea_docs.format.addresses import format_addressee
from pea_docs.format.appendices import format_appendices
from pea_docs.format.header import format_header, format_title
from pea_docs.format.names import format_name
from pea_docs.format.numbers import format_count, format_money
from pea_docs.format.references import format_reply_reference
from pea_docs.format.signature import format_signature
from pea_docs.locale.dates import format_date
from pea_docs.locale.typography import typeset
from pea_docs.templating.guard import GuardedEnvironment
from pea_docs.templating.images import image, subdoc

__all__ = ["FILTERS", "PLUGIN_GROUP", "Lines", "filter_language", "make_environment", "plugin_filters",
           "with_filters"]

# The language the filters speak; a context variable, so that one compiled
# template serves every language and threads do not see each other's language.
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("pea_docs_template_lang", default="ru")


@contextlib.contextmanager
def filter_language(lang: str) -> Iterator[None]:
    """Make the template filters speak ``lang`` inside the ``with`` block.

    >>> with filter_language("kk"):
    ...     make_environment().from_string("{{ 'resolution'|title }}").render()
    'ҚАУЛЫ'
    """
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


class Lines(str):
    """Text of several lines: printed with line breaks, its lines kept in ``.lines``.

    A template prints ``{{ agent|header }}`` as one paragraph whose lines are
    separated by Word line breaks (the ``\\n`` becomes ``<w:br/>`` after escaping),
    or loops ``{% for line in (agent|header).lines %}`` to lay them out itself.

    >>> text = Lines(["a", "b"])
    >>> str(text), text.lines
    ('a\\nb', ['a', 'b'])
    """

    lines: list[str]

    def __new__(cls, lines: list[str], **parts: str) -> Lines:
        self = super().__new__(cls, "\n".join(lines))
        self.lines = list(lines)
        for key, value in parts.items():
            setattr(self, key, value)
        return self


def _date(value: Any, style: str = "words") -> str:
    return format_date(value, style, lang=_LANG.get())  # type: ignore[arg-type]


def _name(person: Any, style: str = "full", case: str = "nominative") -> str:
    # `debtor|name('dative')`, `debtor|name('surname_initials', 'genitive')`, `debtor|name(case='dative')`
    return format_name(person, style, lang=_LANG.get(), case=case)


def _addressee(recipient: Any) -> Lines:
    return Lines(format_addressee(recipient, lang=_LANG.get()))


def _header(agent: Any) -> Lines:
    return Lines(format_header(agent, lang=_LANG.get()))


def _signature(person: Any, position: str | None = None) -> Lines:
    sig = format_signature(person, lang=_LANG.get(), position=position)
    # .position, .signature_place and .clarification let a template put the
    # parts into the cells of a table, the usual layout of a signature block
    return Lines(sig.lines(), position=sig.position, signature_place=sig.signature_place,
                 clarification=sig.clarification)


def _appendices(appendices: Any, mentioned_in_text: bool = False) -> Lines:
    return Lines(format_appendices(appendices or [], mentioned_in_text=mentioned_in_text,
                                   lang=_LANG.get()))


def _field(value: Any, key: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(key)
    return getattr(value, key, None)


def _reply_reference(request: Any, date: Any = None) -> str:
    # `request|reply_reference` takes {number, date}; `number|reply_reference(date)` also works
    if date is None and (isinstance(request, Mapping) or hasattr(request, "number")):
        return format_reply_reference(_field(request, "number"), _field(request, "date"),
                                      lang=_LANG.get())
    return format_reply_reference(request, date, lang=_LANG.get())


def _count(n: Any, gender: str | None = None) -> str:
    return format_count(int(n), lang=_LANG.get(), gender=gender)  # type: ignore[arg-type]


def _title(kind_or_text: str) -> str:
    return format_title(kind_or_text, lang=_LANG.get())


def _money(amount: Any) -> str:
    return format_money(amount, lang=_LANG.get())


def _per_render(function: Callable[..., Any]) -> Callable[..., Any]:
    # Jinja evaluates a filter applied to a constant (`'request'|title`) once, when
    # it compiles, in whatever language was current then; a filter that takes the
    # render context is never folded, so it speaks the language of each render
    @pass_context
    @functools.wraps(function)
    def per_render(context: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return per_render


#: The pea-docs filters, by the name a template uses.
FILTERS: dict[str, Any] = {name: _per_render(cast(Callable[..., Any], function)) for name, function in {
    "addressee": _addressee,
    "appendices": _appendices,
    "count": _count,
    "date": _date,
    "header": _header,
    "money": _money,
    "name": _name,
    "reply_reference": _reply_reference,
    "signature": _signature,
    "title": _title,
}.items()}


class _Strict(StrictUndefined):
    """Undefined that fails on any use; ``is defined`` and ``default`` still work."""

    __slots__ = ()


#: The entry-point group of filter plugins: an entry point names a filter (its object is the
#: function) or a plugin (its object is a mapping of filter names to functions).
PLUGIN_GROUP = "pea_docs.filters"


@functools.cache
def plugin_filters() -> dict[str, Callable[..., Any]]:
    """Return the filters installed packages declare under the ``pea_docs.filters`` entry points.

    A filter of pea-docs keeps its name: a plugin cannot change what ``date`` or
    ``name`` print. A plugin that fails to load is named in the error.
    """
    from importlib.metadata import entry_points

    found: dict[str, Callable[..., Any]] = {}
    for point in sorted(entry_points(group=PLUGIN_GROUP), key=lambda p: p.name):
        try:
            loaded = point.load()
        except Exception as exc:  # a plugin is someone else's code: say which one failed
            raise ImportError(f"the filter plugin {point.name!r} ({point.value}) does not load: "
                              f"{type(exc).__name__}: {exc}") from exc
        items = loaded.items() if isinstance(loaded, Mapping) else [(point.name, loaded)]
        found.update((name, function) for name, function in items
                     if callable(function) and name not in FILTERS)
    return found


def with_filters(env: GuardedEnvironment, filters: Mapping[str, Callable[..., Any]] | None = None,
                 loader: Any = None) -> GuardedEnvironment:
    """Return an environment like ``env`` with more filters and a loader (still sandboxed).

    The user's filters come after pea-docs' own, which they may not replace.

    >>> env = with_filters(make_environment(), {"shout": lambda s: s.upper() + "!"})
    >>> env.from_string("{{ 'a & b'|shout }}").render()
    'A &amp; B!'
    >>> with_filters(make_environment(), {"date": str})
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: filters.date: is a filter of pea-docs, which cannot be replaced; give yours another name
    """
    clash = sorted(set(filters or ()) & set(FILTERS))
    if clash:
        raise InputError([Problem("option.invalid", "", ("filters", name), None,
                                  "is a filter of pea-docs, which cannot be replaced; give yours another name")
                          for name in clash])
    custom = env.overlay(loader=loader) if loader is not None else env.overlay()
    custom.filters = {**env.filters, **(filters or {})}  # an overlay shares the dict: copy it
    return custom


def make_environment() -> GuardedEnvironment:
    """Return a new sandboxed environment with XML escaping, strict undefined and the filters.

    The sandbox is guarded against loops and values without end (:mod:`pea_docs.templating.guard`).

    >>> make_environment().from_string("{{ missing }}").render()
    Traceback (most recent call last):
    ...
    jinja2.exceptions.UndefinedError: 'missing' is undefined
    """
    # every printed value gets the non-breaking spaces of pea_docs.locale.typography
    env = GuardedEnvironment(text=typeset, autoescape=True, undefined=_Strict, keep_trailing_newline=True)
    env.filters.update(plugin_filters())
    env.filters.update(FILTERS)
    env.globals["image"] = image  # {{ image('seal.png', width_mm=30) }}: pea_docs.templating.images
    env.globals["subdoc"] = subdoc  # {{ subdoc('clause.docx') }}: pea_docs.templating.subdocs
    return env

"""Prepared Word templates: loaded, cleaned and compiled once per process, rendered many times.

Preparing a template reads the package once, turns each XML part that holds
tags into compiled Jinja (:mod:`pea_docs.templating.docx_xml`) and deflates every
other part once (:mod:`pea_docs.ooxml.rawzip`). Rendering a document then runs
only the compiled parts and deflates only what they produce; the rest of the
package is copied as deflated bytes. Prepared templates are cached by path,
modification time and size, and by the SHA-256 of the content.

>>> prepared = prepare(_example_docx())
>>> [part.source.name for part in prepared.parts]
['word/document.xml']
>>> import io, zipfile
>>> out = prepared.render_bytes({"who": "Smith & Sons <Ltd>"})
>>> "Smith &amp; Sons &lt;Ltd&gt;" in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode()
True
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

import jinja2
from lxml import etree

from pea_docs.errors import Problem, TemplateError
from pea_docs.errors.codes import register_code
from pea_docs.io.limits import current, limit_error
from pea_docs.ooxml.package import FIXED_DATETIME, open_package
from pea_docs.ooxml.rawzip import RawMember, deflate, write_zip
from pea_docs.templating.docx_xml import PartSource, finish_xml, part_kind, prepare_part
from pea_docs.templating.environment import make_environment, with_filters
from pea_docs.templating.images import enter_part
from pea_docs.templating.loader import FolderLoader

__all__ = ["CompiledPart", "PreparedTemplate", "clear_cache", "environment", "prepare",
           "prepared_template", "template_environment"]

_ENV = make_environment()
_TEMPLATED = ("body", "header", "footer", "footnotes", "endnotes", "properties", "links")
_STAMP = FIXED_DATETIME.strftime("%Y-%m-%dT%H:%M:%SZ")
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_CACHE_SIZE = 64
# huge_tree off: a part nested deeper than libxml2's default is refused, not parsed
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

register_code("template.malformed_output", "", "a template whose rendered XML would not open "
              "(a control character written by the template itself, a broken part)")
register_code("template.malformed", "", "a template whose own XML parts are not well-formed")


def environment() -> jinja2.Environment:
    """Return the process's sandboxed template environment."""
    return _ENV


Filters = Mapping[str, Callable[..., Any]]
_envs: OrderedDict[tuple[Any, ...], jinja2.Environment] = OrderedDict()


def _filters_key(filters: Filters | None) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((name, id(function)) for name, function in (filters or {}).items()))


def template_environment(folder: Path | None, filters: Filters | None = None) -> jinja2.Environment:
    """Return the environment of the templates of ``folder``: the sandbox, with the user's ``filters`` and
    a loader of that folder's text templates (``{% import 'macros.j2' %}``), made once per folder and filters.
    """
    if folder is None and not filters:
        return _ENV
    key = (str(folder), _filters_key(filters))
    with _lock:
        env = _envs.get(key)
        if env is None:
            env = with_filters(_ENV, filters, FolderLoader(folder) if folder is not None else None)
            _envs[key] = env
            while len(_envs) > _CACHE_SIZE:
                _envs.popitem(last=False)
        return env


@dataclass
class CompiledPart:
    """A part that holds tags: its cleaned source, and its compiled template (None if broken)."""

    source: PartSource
    template: jinja2.Template | None
    error: jinja2.TemplateSyntaxError | None = None


@dataclass
class PreparedTemplate:
    """A template ready to render: the static parts deflated, the tagged ones compiled."""

    name: str
    static: list[RawMember]
    parts: list[CompiledPart]
    digest: str
    member_names: list[str] = field(default_factory=list)
    env: jinja2.Environment = field(default_factory=lambda: _ENV)
    #: the relationships and content types as prepared: what images add to (small parts)
    originals: dict[str, bytes] = field(default_factory=dict)

    @property
    def errors(self) -> list[tuple[CompiledPart, jinja2.TemplateSyntaxError]]:
        """Return the parts that do not compile, with their Jinja error."""
        return [(p, p.error) for p in self.parts if p.error is not None]

    def render_part(self, part: CompiledPart, context: Mapping[str, Any]) -> RawMember:
        """Return one part rendered with ``context``, proven well-formed, deflated.

        Jinja's errors propagate; so do a :class:`~pea_docs.errors.LimitError` for a
        part over the ``output_bytes`` limit and a :class:`~pea_docs.errors.TemplateError`
        (``template.malformed_output``) for a part that is not well-formed XML.
        """
        assert part.template is not None, "render a template only when it compiles"
        enter_part(part.source.name, part.source.kind)
        xml = finish_xml(_bounded(part.template, context), part.source)
        prove_well_formed(xml, part.source.name, self.name, bound=part.source.declared_on_root)
        return deflate(part.source.name, xml)

    def assemble(self, rendered: list[RawMember]) -> bytes:
        """Return the package of the static parts and the ``rendered`` ones (a normalized zip); a rendered
        member replaces a static one of its name (a ``.rels`` an image was added to)."""
        out = io.BytesIO()
        replaced = {member.name for member in rendered}
        static = [m for m in self.static if m.name not in replaced] if replaced & self.originals.keys() \
            else self.static
        write_zip([*static, *rendered], out)
        return out.getvalue()

    def render_bytes(self, context: Mapping[str, Any]) -> bytes:
        """Return the bytes of the document rendered with ``context``."""
        return self.assemble([self.render_part(part, context) for part in self.parts])


def _bounded(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    # the rendered text is counted as it grows, so a loop that prints without end
    # stops at the limit instead of filling the memory. Template.generate's own loop,
    # without its extra generator a chunk: a failure goes through handle_exception as
    # there, so that the traceback carries the template's line numbers (its places)
    limit, size = current().output_bytes, 0
    out: list[str] = []
    append = out.append
    try:
        for chunk in template.root_render_func(template.new_context(dict(context))):
            size += len(chunk)
            if size > limit:
                raise limit_error("output_bytes", "the rendered part grew past its limit")
            append(chunk)
    except Exception:
        template.environment.handle_exception()
    return "".join(out)


class _Doctype(Exception):
    """A document type declaration met by the quick proof: libxml2 decides, as it always did."""


def _refuse_doctype(*_: Any) -> None:
    raise _Doctype


def _quick_proof(xml: bytes) -> str | None:
    """Return why expat finds ``xml`` not well-formed, None if it is; raise ``_Doctype`` on a DTD.

    expat checks what libxml2 checks of a document without a DTD (tags, characters,
    entities, attributes) in half the time, without building a tree; it is asked only
    about parts whose prefixes are all declared on the root (so it need not resolve them).
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        return str(exc)
    return None


def prove_well_formed(xml: bytes, part: str, template: str, *, bound: bool = False) -> None:
    """Raise ``template.malformed_output`` unless ``xml`` parses (a document that would not open).

    ``bound``: every namespace prefix of the part is declared on its root element, so the
    quicker expat proof suffices (libxml2 is still asked, for its message, when it fails).

    >>> prove_well_formed(b"<a>\x01</a>", "word/document.xml", "t.docx")
    Traceback (most recent call last):
    ...
    pea_docs.errors.TemplateError: t.docx: word/document.xml: the rendered part is not well-formed XML, so Word and LibreOffice could not open the document: PCDATA invalid Char value 1, line 1, column 4 (<string>, line 1)
    >>> prove_well_formed(b"<a>\x01</a>", "word/document.xml", "t.docx", bound=True)
    Traceback (most recent call last):
    ...
    pea_docs.errors.TemplateError: t.docx: word/document.xml: the rendered part is not well-formed XML, so Word and LibreOffice could not open the document: PCDATA invalid Char value 1, line 1, column 4 (<string>, line 1)
    """
    refused = None
    if bound:
        try:
            refused = _quick_proof(xml)
        except _Doctype:
            pass  # a DTD: libxml2 decides, as it always did
        else:
            if refused is None:
                return
    try:
        etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        reason = str(exc)  # libxml2's words, also where expat refused first
    else:
        if refused is None:
            return
        reason = refused  # expat refuses what libxml2 lets pass: refused all the same
    message = (f"{part}: the rendered part is not well-formed XML, so Word and LibreOffice could "
               f"not open the document: {reason}")
    problem = Problem("template.malformed_output", "", (), None, message, file=template)
    raise TemplateError(f"{template}: {message}", part=part, problems=[problem]) from None


def _fixed_dates(data: bytes) -> bytes:
    # the created/modified stamps of the template would differ from file to file;
    # a rendered document carries the fixed moment, so equal input gives equal bytes
    return _CORE_DATES.sub(lambda m: m.group(1) + _STAMP.encode() + m.group(3), data)


def prepare(data: bytes, name: str = "template.docx", env: jinja2.Environment | None = None) -> PreparedTemplate:
    """Return the template in ``data`` (a .docx package) prepared for rendering (in ``env``, by default
    the process's sandbox).

    Raises:
        TemplateError: ``data`` is not a Word document.
    """
    env = env or _ENV
    try:
        archive = open_package(data, name)
    except zipfile.BadZipFile:
        raise TemplateError(f"{name}: is not a Word document (.docx): not a zip package") from None
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise TemplateError(f"{name}: is not a Word document (.docx): word/document.xml is missing")
        static: list[RawMember] = []
        parts: list[CompiledPart] = []
        originals: dict[str, bytes] = {}
        for member in names:
            try:
                content = archive.read(member)
                if member.endswith((".xml", ".rels")):
                    # a part that does not parse now would make every document broken
                    etree.fromstring(content, _PARSER)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError,
                    etree.XMLSyntaxError) as exc:
                problem = Problem("template.malformed", "", (), None,
                                  f"{member}: is damaged ({exc}); open the template in Word and save it again",
                                  file=name)
                raise TemplateError(f"{name}: {problem.message}", part=member, problems=[problem]) from None
            if member == "docProps/core.xml":
                content = _fixed_dates(content)
            if member.endswith(".rels") or member == "[Content_Types].xml":
                originals[member] = content
            if member.endswith((".xml", ".rels")) and part_kind(member) in _TEMPLATED:
                source = prepare_part(content, member)
                if source.has_tags:
                    parts.append(_compile(source, env))
                    continue
            static.append(deflate(member, content))
    return PreparedTemplate(name, static, parts, hashlib.sha256(data).hexdigest(), names, env, originals)


def _compile(source: PartSource, env: jinja2.Environment) -> CompiledPart:
    try:
        return CompiledPart(source, env.from_string(source.text))
    except jinja2.TemplateSyntaxError as exc:
        return CompiledPart(source, None, exc)


_lock = threading.Lock()
_by_stat: OrderedDict[tuple[Any, ...], PreparedTemplate] = OrderedDict()
_by_digest: OrderedDict[tuple[Any, ...], PreparedTemplate] = OrderedDict()


def _remember(cache: OrderedDict[Any, PreparedTemplate], key: Any, value: PreparedTemplate) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def prepared_template(path: str | os.PathLike[str], filters: Filters | None = None) -> PreparedTemplate:
    """Return the prepared template at ``path``, from the cache when the file is unchanged.

    It renders in the environment of its folder (:func:`template_environment`):
    with ``filters``, and importing the text templates beside it.

    Raises:
        TemplateError: the file is missing, unreadable or not a Word document.
    """
    try:
        stat = os.stat(path)
        extra = _filters_key(filters)
        # the absolute path, not the resolved one: resolving links costs a system call a part of
        # the path, on every document; a link and its target are merely cached twice
        key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size, extra)
        with _lock:
            hit = _by_stat.get(key)
        if hit is not None:
            return hit
        file = Path(path)
        resolved = file.resolve()
        data = file.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc.strerror or exc}") from None
    digest = (hashlib.sha256(data).hexdigest(), str(resolved.parent), extra)
    with _lock:
        found = _by_digest.get(digest)
    if found is None:
        found = prepare(data, str(path), template_environment(resolved.parent, filters))
    with _lock:
        _remember(_by_digest, digest, found)
        _remember(_by_stat, key, found)
    return found


def clear_cache() -> None:
    """Forget every prepared template (for tests and long-lived processes)."""
    with _lock:
        _by_stat.clear()
        _by_digest.clear()
        _envs.clear()


def _example_docx(text: str = "To {{ who }}") -> bytes:
    """Return a minimal one-paragraph template (for the examples)."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()

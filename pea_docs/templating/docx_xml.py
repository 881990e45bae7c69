"""Turn a WordprocessingML part into Jinja source, and rendered source back into XML.

Word stores a typed ``{{ debtor.name }}`` as it pleases: split into several runs
when part of it is bold or was corrected, with spell-check marks and bookmarks
between the pieces, with curly or «angle» quotes typed by autocorrect. The
cleaning is docxtpl's own (so results match docxtpl's), plus what docxtpl leaves:
«», „“ and no-break spaces inside tags.

Each paragraph, table row and cell gets a :class:`Place` — part, paragraph
number, table/row/cell, text — and an invisible Jinja comment holding a line
break is put before it, so the line number of a Jinja error names its place.

>>> xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
...        '<w:body><w:p><w:r><w:t>{{ na</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
...        '<w:t>me }}</w:t></w:r></w:p></w:body></w:document>')
>>> source = prepare_part(xml.encode(), "word/document.xml")
>>> source.has_tags, "{{ name }}" in source.text
(True, True)
>>> source.place_at(2).describe()
'body, paragraph 1'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from docx.oxml.ns import nsmap
from docxtpl import DocxTemplate
from lxml import etree

__all__ = ["Place", "PartSource", "finish_xml", "part_kind", "prepare_part"]

#: python-docx's namespace of the core properties. docxtpl imports docxcompose when it is
#: installed, and docxcompose rebinds the prefix ``cp`` to the custom properties for the whole
#: process: python-docx would then read every author as empty and write the properties where
#: Word does not look. Put back here, after that import (and after each join of subdocuments).
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
nsmap["cp"] = CORE_PROPERTIES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class _Cleaner(DocxTemplate):
    """docxtpl's XML cleaning without a Word document: those methods use none."""

    def __init__(self) -> None:  # no template file: only the regex methods are used
        self.docx = None


_DOCXTPL = _Cleaner()

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#(?!@).*?#\}", re.DOTALL)
# parts without runs or paragraphs: their tags sit in attribute values and element text
_PLAIN = ("properties", "links")
_ENCODED_TAG = re.compile(rb"%7[Bb]%7[Bb](.*?)%7[Dd]%7[Dd]")
_MARKER = re.compile(r"\{#@(\d+)\n#\}")
_OPENING = re.compile(r"\{[{%#]")
_ELEMENT = re.compile(r"<w:(?:p|tr|tc)(?=[ >/])")
_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‟": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'",
                         "\u00a0": " ", "\u202f": " ", "\u2007": " "})
_TABLE_TAGS = re.compile(r"\{[%{#]\s*(?:tc|hm|vm|colspan|cellbg)\b")


def part_kind(name: str) -> str:
    """Return what a package part is to a user: body, header, footer, footnotes, properties or links.

    >>> part_kind("word/header2.xml"), part_kind("docProps/core.xml"), part_kind("word/_rels/document.xml.rels")
    ('header', 'properties', 'links')
    """
    base = name.rsplit("/", 1)[-1]
    if name == "word/document.xml":
        return "body"
    for kind in ("header", "footer", "footnotes", "endnotes"):
        if base.startswith(kind):
            return kind
    if name == "docProps/core.xml":
        return "properties"
    if name.startswith("word/_rels/") and name.endswith(".rels"):
        return "links"  # the targets of hyperlinks (and images) of the body, a header, a footer
    return base


@dataclass(frozen=True)
class Place:
    """Where a tag sits in a template: the part, paragraph, table cell and the text there."""

    part: str
    part_name: str
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    text: str = ""
    element: str = "p"  # p, tr or tc: what the place is in WordprocessingML

    def describe(self) -> str:
        """Return the place as a user finds it: ``body, table 1, row 2, cell 3, paragraph 1``.

        >>> Place("header", "word/header1.xml", paragraph=2).describe()
        'header (word/header1.xml), paragraph 2'
        """
        where = self.part if self.part in ("body", "properties") else f"{self.part} ({self.part_name})"
        if self.part == "links":
            where = f"the addresses of the hyperlinks ({self.part_name})"
        for key, number in self._steps():
            where += f", {key} {number}"
        return where

    def _steps(self) -> list[tuple[str, int]]:
        steps = [("table", self.table), ("row", self.row), ("cell", self.cell), ("paragraph", self.paragraph)]
        return [(key, number) for key, number in steps if number is not None]

    def loc(self) -> tuple[str | int, ...]:
        """Return the place for a program: the package part, then (kind, number) pairs.

        Numbers count from 1: a table among the part's tables, a row in its table,
        a cell in its row, a paragraph in its cell, or in the part outside tables.

        >>> Place("body", "word/document.xml", 2, table=1, row=3, cell=1).loc()
        ('word/document.xml', 'table', 1, 'row', 3, 'cell', 1, 'paragraph', 2)
        """
        return (self.part_name, *(item for step in self._steps() for item in step))

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the place as JSON-ready fields (a number is ``None`` where it does not apply).

        >>> Place("header", "word/header1.xml", 1, text="{{ x }}").to_dict()["paragraph"]
        1
        """
        return {"part": self.part, "part_name": self.part_name, "table": self.table, "row": self.row,
                "cell": self.cell, "paragraph": self.paragraph, "text": self.text}

    def around(self, needle: str = "", width: int = 70) -> str:
        """Return the text of the place, cut to ``width`` characters around ``needle``.

        >>> Place("body", "word/document.xml", text="x" * 50 + "{{ a }}" + "y" * 50).around("a", 20)
        '…xxxxxxx{{ a }}yyyyyy…'
        """
        text = " ".join(self.text.split())
        if len(text) <= width:
            return text
        at = text.find(needle) if needle else -1
        if at < 0:
            return text[:width] + "…"
        start = max(0, min(at + len(needle) // 2 - width // 2, len(text) - width))
        return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


@dataclass
class PartSource:
    """The Jinja source of one part, and the places its lines come from."""

    name: str
    kind: str
    text: str
    has_tags: bool
    places: list[Place] = field(default_factory=list)
    fix_tables: bool = False
    #: every namespace is declared on the root element: what renders from the part binds every
    #: prefix it uses, so proving it well-formed needs no namespace processing (see compiled.py)
    declared_on_root: bool = False
    _lines: list[int] = field(default_factory=list)
    _ids: list[int] = field(default_factory=list)

    def place_at(self, lineno: int | None) -> Place:
        """Return the place of line ``lineno`` of the Jinja source (the part itself if unknown)."""
        if lineno is None or not self._lines:
            return Place(self.kind, self.name)
        at = bisect.bisect_right(self._lines, lineno) - 1
        return self.places[self._ids[at]] if at >= 0 else Place(self.kind, self.name)

    def tags(self) -> list[tuple[str, int]]:
        """Return every Jinja tag of the source with its line number."""
        found = []
        line, last = 1, 0
        for match in _TAG.finditer(self.text):
            line += self.text.count("\n", last, match.start())
            last = match.start()
            found.append((match.group(0), line))
        return found


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _positions(root: etree._Element) -> dict[etree._Element, int]:
    # the 1-based number of every row in its table and every cell in its row; the
    # nearest ancestor decides, so a content control (w:sdt) around a row or a
    # cell, or a table nested in a cell, does not shift the count
    numbers: dict[etree._Element, int] = {}
    counts: dict[etree._Element | None, int] = {}
    for element in root.iter(f"{W}tr", f"{W}tc"):
        owner = next(element.iterancestors(f"{W}tbl" if element.tag == f"{W}tr" else f"{W}tr"), None)
        counts[owner] = numbers[element] = counts.get(owner, 0) + 1
    return numbers


def _places(root: etree._Element, name: str, kind: str) -> list[Place]:
    # A paragraph is numbered within its table cell, or within the part outside
    # tables: "table 1, row 1, cell 1, paragraph 1" is the cell's first paragraph,
    # and "body, paragraph 3" the third paragraph of the body that is not in a table.
    places: list[Place] = []
    paragraphs: dict[etree._Element | None, int] = {}
    tables: dict[etree._Element, int] = {}
    positions = _positions(root)
    for element in root.iter(f"{W}p", f"{W}tr", f"{W}tc"):
        cell = element if element.tag == f"{W}tc" else next(element.iterancestors(f"{W}tc"), None)
        # ancestors, not parents: a content control (w:sdt) may wrap a row or a cell
        row = next(cell.iterancestors(f"{W}tr"), None) if cell is not None else (
            element if element.tag == f"{W}tr" else None)
        coordinates: dict[str, int] = {}
        if row is not None:
            table = next(row.iterancestors(f"{W}tbl"), row.getparent())
            tables.setdefault(table, len(tables) + 1)
            coordinates = {"table": tables[table], "row": positions[row]}
            if cell is not None:
                coordinates["cell"] = positions[cell]
        number: int | None = None  # a row or a cell: no paragraph of its own
        if element.tag == f"{W}p":
            number = paragraphs[cell] = paragraphs.get(cell, 0) + 1
        places.append(Place(kind, name, number, text=_text_of(element),
                            element=etree.QName(element).localname, **coordinates))
    return places


def _clean_tag(match: re.Match[str]) -> str:
    return match.group(0).translate(_QUOTES)


def prepare_part(data: bytes, name: str) -> PartSource:
    """Return the Jinja source of the XML part ``name``, its tags cleaned and places marked."""
    kind = part_kind(name)
    if kind == "links":
        # Word and LibreOffice save a hyperlink's address percent-encoded: {{ x }} as %7B%7B%20x%20%7D%7D
        data = _ENCODED_TAG.sub(lambda m: b"{{" + unquote_to_bytes(m.group(1)) + b"}}", data)
    if b"{" not in data:
        return PartSource(name, kind, "", False)
    root = etree.fromstring(data)
    places = _places(root, name, kind)
    xml = etree.tostring(root, encoding="unicode")
    counter = iter(range(len(places)))
    # a Jinja comment holding a line break before each paragraph, row and cell:
    # it renders to nothing, and Jinja's line numbers then count places
    xml = _ELEMENT.sub(lambda m: f"{{#@{next(counter)}\n#}}{m.group(0)}", xml)
    text = _DOCXTPL.patch_xml(xml) if kind not in _PLAIN else xml
    text = _TAG.sub(_clean_tag, text)
    # an opening bracket without its close is a tag too: a broken one, to report
    has_tags = bool(_OPENING.search(_MARKER.sub("", text)))
    lines, ids = [], []
    line, last = 1, 0
    for match in _MARKER.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        lines.append(line + 1)
        ids.append(int(match.group(1)))
    source = PartSource(name, kind, text, has_tags, places,
                        fix_tables=bool(_TABLE_TAGS.search(text)),
                        declared_on_root=text.find("xmlns", text.find(">")) < 0)
    source._lines, source._ids = lines, ids
    return source


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own pattern of a paragraph
_LISTING = re.compile(r"[\n\t\a\f]")


def _one_paragraph(match: re.Match[str]) -> str:
    text = match.group(0)
    return _DOCXTPL.resolve_listing(text) if _LISTING.search(text) else text


def _breaks(xml: str) -> list[int]:
    """Return where ``xml`` holds ``\\n \\t \\a \\f``, in order.

    ``str.find`` a character at a time: a regular expression's character class steps
    through a 100 KB part ten times slower than ``find`` (which looks for one byte).

    >>> _breaks("a\\tb\\nc\\n")
    [1, 3, 5]
    """
    found = []
    for char in "\n\t\a\f":
        at = xml.find(char)
        while at >= 0:
            found.append(at)
            at = xml.find(char, at + 1)
    return sorted(found)


def _resolve_listing(xml: str) -> str:
    """Return docxtpl's ``resolve_listing`` of ``xml``, run only on the paragraphs that need it.

    docxtpl rewrites every run of every paragraph once one value holds a line break;
    a paragraph without ``\n \t \a \f`` comes out as it went in, so it is left alone
    (the same bytes, a fraction of the regular-expression work). Without text boxes
    Word's paragraphs do not nest, so the paragraph that holds a break is found from
    the break itself (the nearest ``<w:p>`` before it, the first ``</w:p>`` after)
    instead of walking every paragraph of the part; docxtpl's pattern, which ends a
    paragraph at the first ``</w:p>``, cuts nested ones otherwise, so a part with a
    text box is walked as docxtpl walks it.

    >>> _resolve_listing('<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b\\nc</w:t></w:r></w:p>')
    '<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t><w:br/><w:t xml:space="preserve">c</w:t></w:r></w:p>'
    """
    if "<w:txbxContent" in xml:
        return _PARAGRAPH.sub(_one_paragraph, xml)
    out: list[str] = []
    done = 0  # xml[:done] is written
    for at in _breaks(xml):
        if at < done:
            continue  # in the paragraph just rewritten
        start = max(xml.rfind("<w:p>", done, at + 5), xml.rfind("<w:p ", done, at + 5))
        if start < 0:
            continue  # between paragraphs
        opened = xml.find(">", start + 4) + 1
        close = xml.find("</w:p>", opened) if opened else -1
        if close < 0:
            break  # no paragraph ends after this one begins: none can hold a later break
        if at >= close + 6:
            continue
        out += (xml[done:start], _DOCXTPL.resolve_listing(xml[start:close + 6]))
        done = close + 6
    if not out:
        return xml
    out.append(xml[done:])
    return "".join(out)


def finish_xml(xml: str, source: PartSource) -> bytes:
    """Return the rendered Jinja output of ``source`` as the bytes of an XML part.

    Line breaks, tabs and page breaks inside values become Word's ``<w:br/>``,
    ``<w:tab/>`` and page breaks, as docxtpl makes them; the literal-brace escapes
    ``{_{`` and ``}_}`` become braces.
    """
    if "_" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if source.kind not in _PLAIN:
        if any(c in xml for c in "\n\t\a\f"):
            xml = _resolve_listing(xml)
        if source.fix_tables:
            xml = etree.tostring(_DOCXTPL.fix_tables(xml), encoding="unicode")
    return (XML_DECLARATION + xml).encode("utf-8")

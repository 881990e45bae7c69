"""Where a registration stamp goes on the first page of a Word document (rules 21, 23).

:func:`find_placement` reads the document's body and section properties and
returns the first place that fits (see :mod:`pea_docs.documents.stamping` for
the order): a field the document reserves, the page margin, or the corner of
the text area with the text flowing past. Only geometry here: nothing is written.

>>> DEFAULT_PAGE["w"], EDGE_MM
(11906, 5.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from docx.oxml.ns import nsmap as _DOCX_NSMAP
from lxml import etree

from pea_docs.format.stamp import HEIGHT_MM, WIDTH_MM
from pea_docs.ooxml.stamp_xml import emu, twips

__all__ = ["GAP_MM", "LINE_EMU", "NS", "OFFICE_DOCUMENT", "W", "Corner", "Placement", "find_placement", "has_content"]

#: The corner of the first page the stamp goes to.
Corner = Literal["lower_right", "upper_left"]

NS = {
    "w": _DOCX_NSMAP["w"],
    "wp": _DOCX_NSMAP["wp"],
    "a": _DOCX_NSMAP["a"],
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "r": _DOCX_NSMAP["r"],
}
W = "{" + NS["w"] + "}"
R = "{" + NS["r"] + "}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#: The nearest the stamp comes to the paper's edge.
EDGE_MM = 5.0
#: The space kept between the stamp and text flowing past it.
GAP_MM = 2.0
# Page and margins when a document does not state them: A4, 20 mm.
DEFAULT_PAGE = {"w": 11906, "h": 16838, "top": 1134, "right": 1134, "bottom": 1134, "left": 1134}
LINE_EMU = 12700  # the frame's line: 1 pt, as in the stamp form
# What makes a header, footer or cell not empty: text, a field, a picture or a shape.
_CONTENT = re.compile(re.escape(W) + r"(fldSimple|instrText|drawing|pict|object)$")


@dataclass(frozen=True)
class Placement:
    """Where the stamp goes: the paragraph holding it, its offsets, how text flows past it.

    Attributes:
        paragraph: the ``w:p`` the stamp's run is added to (its anchor).
        field: ``"reserved"`` (an empty cell the document keeps for the stamp),
            ``"margin"`` (the page margin), ``"footer"`` (a footer of page one's own, for a
            first page whose tables would run under the stamp: see
            :mod:`pea_docs.documents.stamp_footer`) or ``"text"`` (the text area, text flowing past).
        x, y: the offset of the stamp's top left corner, in EMU, from the page's
            corner, or from the reserved cell's text area and paragraph.
        wrap: ``"none"`` (nothing is there to flow) or ``"topAndBottom"``.
    """

    paragraph: etree._Element
    field: Literal["reserved", "margin", "footer", "text"]
    x: int
    y: int
    wrap: Literal["none", "topAndBottom"]

    @property
    def in_cell(self) -> bool:
        """Return True when the stamp is laid out inside the table cell holding its paragraph."""
        return self.field == "reserved"


def _twips(sect_pr: etree._Element | None, tag: str, attr: str) -> int:
    element = sect_pr.find(f"{W}{tag}") if sect_pr is not None else None
    value = element.get(f"{W}{attr}") if element is not None else None
    try:
        return int(float(value)) if value is not None else DEFAULT_PAGE[attr]
    except ValueError:
        return DEFAULT_PAGE[attr]


def has_content(element: etree._Element) -> bool:
    """Return True if ``element`` shows anything: text, a field, a picture or a shape."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == f"{W}t" and (node.text or "").strip():
            return True
        if _CONTENT.match(node.tag):
            return True
    return False


def _page_one_parts(sect_pr: etree._Element | None, kind: Literal["header", "footer"]) -> list[str]:
    """Return the relationship ids of the header (footer) parts that print on page one."""
    if sect_pr is None:
        return []
    title_page = sect_pr.find(f"{W}titlePg")  # page one has a header and footer of its own
    own = title_page is not None and title_page.get(f"{W}val", "1") not in ("0", "false", "off")
    wanted = "first" if own else "default"
    return [ref.get(f"{R}id") for ref in sect_pr.findall(f"{W}{kind}Reference")
            if ref.get(f"{W}type", "default") == wanted]


def _cell_width_twips(tc: etree._Element, grid: list[int]) -> int:
    width = tc.find(f"{W}tcPr/{W}tcW")
    if width is not None and width.get(f"{W}type", "dxa") == "dxa":
        try:
            return int(float(width.get(f"{W}w", "0")))
        except ValueError:
            pass
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    count = int(span.get(f"{W}val", "1")) if span is not None else 1
    return sum(grid[:count])


def _reserved_field(body: etree._Element) -> etree._Element | None:
    """Return the paragraph of an empty cell kept for the stamp at the top of page one, or None.

    The field is the first cell of a table row at least 20 mm high (``w:trHeight``
    at least or exactly), itself at least 45 mm wide and empty, in a table that
    comes before any text of the body.
    """
    for block in body:
        if block.tag == f"{W}p":
            if has_content(block):
                return None  # text comes first: what follows is not the top of the page
            continue
        if block.tag != f"{W}tbl":
            continue
        grid = [int(float(c.get(f"{W}w", "0"))) for c in block.findall(f"{W}tblGrid/{W}gridCol")]
        for tr in block.findall(f"{W}tr"):
            height = tr.find(f"{W}trPr/{W}trHeight")
            cells = tr.findall(f"{W}tc")
            if height is None or not cells or height.get(f"{W}hRule", "atLeast") == "auto":
                continue
            if int(float(height.get(f"{W}val", "0"))) < twips(HEIGHT_MM):
                continue
            first = cells[0]
            paragraph = first.find(f"{W}p")
            if (paragraph is not None and not has_content(first)
                    and _cell_width_twips(first, grid) >= twips(WIDTH_MM)):
                return paragraph
        if has_content(block):
            return None
    return None


def _table_after_text(body: etree._Element) -> bool:
    """Return True if a ruled table follows text in the body: it may run to the foot of page one.

    A table opening the document (a letterhead, the built-in letters' top table) ends
    high on the page, and a table without borders (a signature block) has no line for
    the stamp to cross; the text after them flows past a stamp as paragraphs do.
    """
    seen_text = False
    for block in body:
        if block.tag == f"{W}p":
            seen_text = seen_text or has_content(block)
        elif block.tag == f"{W}tbl" and seen_text and _ruled(block):
            return True
    return False


def _ruled(table: etree._Element) -> bool:
    """Return True if ``table`` draws lines: a border of its own or of a cell, or a grid style."""
    for border in table.iterfind(f".//{W}tblBorders/*"):
        if border.get(f"{W}val") not in ("nil", "none"):
            return True
    for border in table.iterfind(f".//{W}tcBorders/*"):
        if border.get(f"{W}val") not in ("nil", "none"):
            return True
    style = table.find(f"{W}tblPr/{W}tblStyle")
    return style is not None and "grid" in (style.get(f"{W}val") or "").lower()


def find_placement(body: etree._Element, corner: Corner, *,
                   part_is_empty: Callable[[str], bool] = lambda rel_id: False) -> Placement:
    """Return where the stamp goes on the first page: reserved field, margin or text area.

    Args:
        body: the ``w:body`` of the document.
        corner: ``"upper_left"`` (outgoing, rule 23) or ``"lower_right"`` (incoming, rule 21).
        part_is_empty: tells, by relationship id, whether a header or footer part
            shows nothing; by default every one is taken to show something.

    Raises:
        ValueError: the body has no paragraph to anchor the stamp to.

    >>> import docx
    >>> body = docx.Document().element.body  # US Letter; margins 25.4 mm, left and right 31.75
    >>> _ = body.add_p()
    >>> place = find_placement(body, "lower_right")  # too narrow a margin: in the text area
    >>> place.field, place.wrap, round((place.x + emu(45)) / 36000, 1), round(place.y / 36000, 1)
    ('text', 'topAndBottom', 184.2, 234.0)
    >>> body.sectPr.top_margin = emu(35)
    >>> place = find_placement(body, "upper_left", part_is_empty=lambda rel_id: True)
    >>> place.field, place.wrap, round(place.x / 36000, 1), round(place.y / 36000, 1)
    ('margin', 'none', 31.8, 9.0)
    """
    first = next(body.iter(f"{W}p"), None)
    if first is None:
        raise ValueError("no paragraph")
    if corner == "lower_right":
        # LibreOffice lets no text flow past a shape anchored in a table cell: the
        # stamp holds on to the first paragraph outside a table when there is one
        first = body.find(f"{W}p") if body.find(f"{W}p") is not None else first
    if corner == "upper_left":
        reserved = _reserved_field(body)
        if reserved is not None:
            return Placement(reserved, "reserved", 0, 0, "none")
    sect_pr = next(body.iter(f"{W}sectPr"), None)  # the first section holds the first page

    def mm(tag: str, attr: str) -> float:
        return _twips(sect_pr, tag, attr) * 25.4 / 1440

    page_w, page_h = mm("pgSz", "w"), mm("pgSz", "h")
    top, bottom = mm("pgMar", "top"), mm("pgMar", "bottom")
    if corner == "lower_right":
        x = page_w - mm("pgMar", "right") - WIDTH_MM
        kind: Literal["header", "footer"] = "footer"
        margin = bottom
    else:
        x = mm("pgMar", "left")
        kind, margin = "header", top
    room = margin - EDGE_MM - HEIGHT_MM - GAP_MM
    page_one_blank = all(part_is_empty(rel_id) for rel_id in _page_one_parts(sect_pr, kind))
    if room >= 0 and page_one_blank:
        # centred in the margin, between the printable edge and a gap above (below) the text
        offset = EDGE_MM + room / 2
        y = offset if corner == "upper_left" else page_h - offset - HEIGHT_MM
        return Placement(first, "margin", emu(x), emu(y), "none")
    if corner == "lower_right" and page_one_blank and _table_after_text(body):
        # table rows do not flow past a floating stamp in LibreOffice: a footer of page
        # one's own holds it, and the body (tables too) ends above that footer
        return Placement(first, "footer", 0, 0, "none")
    y = top if corner == "upper_left" else page_h - bottom - HEIGHT_MM
    return Placement(first, "text", emu(x), emu(y), "topAndBottom")

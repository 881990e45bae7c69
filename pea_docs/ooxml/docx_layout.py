"""Page and table layout of Word documents built with python-docx.

python-docx covers paragraphs and runs; the print layout Kazakhstan office
practice asks for (A4, the 30 mm binding margin, Times New Roman for every
script, table header rows repeated on each page, fixed column widths that
LibreOffice honours) needs a few WordprocessingML elements it has no API for.
They live here, so that form modules never touch XML.

>>> doc = new_document(lang="kk")
>>> round(doc.sections[0].left_margin.mm), doc.styles["Normal"].font.name
(30, 'Times New Roman')
>>> package_bytes(doc)[:2]
b'PK'
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Row
from lxml import etree

from pea_docs.format import typeface
from pea_docs.locale.typography import typeset
from pea_docs.ooxml.package import FIXED_DATETIME
from pea_docs.ooxml.rawzip import RawMember, deflate, write_zip

__all__ = [
    "FONT",
    "LANG_TAGS",
    "form_table",
    "slot",
    "stamp_rows",
    "keep_row_whole",
    "numbered_header",
    "paragraph",
    "prototype_table",
    "new_document",
    "package_bytes",
    "repeat_as_header",
    "set_borders",
    "set_a4_page",
    "set_cell_margins",
    "set_column_widths",
    "set_run_font",
]

#: The typeface of Kazakhstan office documents (one name for every document: :mod:`pea_docs.format.typeface`).
FONT = typeface.FONT
#: The language tag written into the document, for spelling and hyphenation.
LANG_TAGS = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-US"}


def set_run_font(element: object, *, name: str = FONT, size: float | None = None) -> None:
    """Set the typeface of a run or a style for every script, Cyrillic included.

    ``font.name`` in python-docx sets the Latin slots only; Word then picks its
    own font for Cyrillic text unless the east-Asian and complex-script slots
    name it too.
    """
    font = element.font  # type: ignore[attr-defined]
    font.name = name
    if size is not None:
        font.size = Pt(size)
    rpr = element.element.get_or_add_rPr() if hasattr(element, "element") else None
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def new_document(*, lang: str, size: float = 14, margins_mm: tuple[float, float, float, float]
                 = (20, 15, 20, 30)) -> DocxDocument:
    """Return an empty A4 portrait document: Times New Roman ``size``, office margins.

    Args:
        lang: ``ru``, ``kk`` or ``en``: the language of the text (spelling, hyphenation).
        size: the body text size in points.
        margins_mm: top, right, bottom, left margins in millimetres; the left one of
            30 mm leaves room to bind documents kept long.
    """
    # python-docx parses its whole default package for every Document(): a copy of one
    # made earlier costs half as much (the year's close writes hundreds of documents)
    return copy.deepcopy(_base_document(lang, size, margins_mm))


@functools.cache
def _base_document(lang: str, size: float, margins_mm: tuple[float, float, float, float]) -> DocxDocument:
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    set_a4_page(section, margins_mm=margins_mm)
    section.header_distance = section.footer_distance = Mm(10)
    _set_default_fonts(doc)
    normal = doc.styles["Normal"]
    set_run_font(normal, size=size)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    rpr = normal.element.get_or_add_rPr()
    tag = OxmlElement("w:lang")
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        tag.set(qn(slot), LANG_TAGS[lang])
    rpr.append(tag)
    for name in ("Header", "Footer"):
        if name in [s.name for s in doc.styles]:
            set_run_font(doc.styles[name], size=size)
    return doc


def paragraph(where: Any, text: str = "", *, bold: bool = False, italic: bool = False,
              size: float | None = None, align: int | None = None, first_line_mm: float | None = None,
              before: float = 0, keep: bool = False) -> Any:
    """Add a paragraph of ``text`` to a document, cell or header; return it.

    A fresh cell or header holds one empty paragraph: it is filled rather than a
    blank line left above the text. The text gets the non-breaking spaces of
    :func:`pea_docs.locale.typography.typeset`; ``keep`` keeps it on the page of
    what follows (a heading with what it introduces).
    """
    fresh = hasattr(where, "_tc") or hasattr(where, "is_linked_to_previous")
    para = where.paragraphs[0] if (fresh and len(where.paragraphs) == 1
                                   and not where.paragraphs[0].text) else where.add_paragraph()
    if align is not None:
        para.alignment = align
    if first_line_mm is not None:
        para.paragraph_format.first_line_indent = Mm(first_line_mm)
    para.paragraph_format.space_before = Pt(before)
    if keep:
        para.paragraph_format.keep_with_next = True
    if text:
        run = para.add_run(typeset(text))
        properties = _run_properties(bold, italic, size)
        if properties is not None:  # a copy of the properties made once: python-docx's setters are slow
            run._r.insert(0, copy.deepcopy(properties))
    return para


@functools.cache
def _run_properties(bold: bool, italic: bool, size: float | None) -> Any:
    """Return the ``w:rPr`` of a run in bold, italic and ``size`` (our font in every script), or None."""
    run = docx.Document().add_paragraph().add_run("x")
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        set_run_font(run, size=size)
    return run._r.rPr


def numbered_header(table: Table, labels: Sequence[str], *, size: float) -> None:
    """Fill the first two rows of ``table``: the column headings, then their numbers 1, 2, ...

    Both rows repeat on every page and never split, as on the forms.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows = table.rows
    header, numbers = rows[0], rows[1]
    for i, label in enumerate(labels):
        paragraph(header.cells[i], label, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
        header.cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph(numbers.cells[i], str(i + 1), size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
        numbers.cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for row in (header, numbers):
        repeat_as_header(row)
        keep_row_whole(row)


def form_table(where: Any, labels: Sequence[str], widths_mm: Sequence[float], rows: int, *,
               size: float) -> list[_Row]:
    """Add a bordered table of a form: headings, their numbers (both repeated on each page), ``rows`` rows.

    Returns the body rows (without the two header rows), each kept whole on a page.
    """
    table = where.add_table(rows=2 + rows, cols=len(labels))
    set_borders(table, visible=True)
    set_column_widths(table, widths_mm)
    set_cell_margins(table, left_mm=1, right_mm=1)
    numbered_header(table, labels, size=size)
    body = list(table.rows)[2:]  # table.rows builds a list of every row: once, not per row
    for row in body:
        keep_row_whole(row)
    return body


def prototype_table(doc: DocxDocument, labels: Sequence[str], widths_mm: Sequence[float], *, size: float,
                    aligns: Sequence[int | None]) -> _Row:
    """Add a form's table (:func:`form_table`) with one prototype row for :func:`stamp_rows`; return that row.

    Cell ``i`` of the prototype holds :func:`slot(i) <slot>` in ``size`` points,
    aligned ``aligns[i]`` (None: left), at the top of the cell. The table is
    built once per layout and copied after: the headings and their numbers are
    the same in every internal inventory of a year's close.
    """
    key = (tuple(labels), tuple(widths_mm), size, tuple(aligns))
    made = _PROTOTYPES.get(key)
    if made is None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        scratch = docx.Document()
        row = form_table(scratch, labels, widths_mm, 1, size=size)[0]
        for i, (cell, align) in enumerate(zip(row.cells, aligns, strict=True)):
            paragraph(cell, slot(i), size=size, align=align)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        made = _PROTOTYPES[key] = row._tr.getparent()
    tbl = copy.deepcopy(made)
    doc.element.body._insert_tbl(tbl)
    return Table(tbl, doc._body).rows[-1]


_PROTOTYPES: dict[tuple[Any, ...], Any] = {}


def slot(i: int) -> str:
    """Return the placeholder of cell ``i`` of a prototype row for :func:`stamp_rows`."""
    return f"\ue000{i}\ue001"  # private-use characters: never in text, untouched by typeset


def stamp_rows(prototype: _Row, rows: Sequence[Sequence[str]]) -> None:
    """Replace ``prototype`` by one row per item of ``rows``, each a copy with its values.

    The prototype is a row built as every row of the table should be (borders,
    alignment, font, ``cantSplit``), cell ``i`` holding the single run
    :func:`slot(i) <slot>`. Each copy gets the value's text as python-docx's
    ``paragraph(cell, value)`` would write it — typeset, escaped, line breaks and
    tabs as ``w:br`` and ``w:tab``, no run at all for an empty value — so the
    document is byte for byte what building every cell would give, without the
    cost of building thousands of cells one element at a time (an internal
    inventory of a year's order has hundreds of rows).
    """
    tr = prototype._tr
    xml = etree.tostring(tr, encoding="unicode")
    pieces: list[str] = []      # static XML, then for each cell its run's opening and closing
    runs: list[tuple[str, str]] = []
    position = 0
    for i in range(len(prototype.cells)):
        token = slot(i)
        at = xml.index(token, position)
        start = max(xml.rfind("<w:r>", position, at), xml.rfind("<w:r ", position, at))
        end = xml.index("</w:r>", at) + len("</w:r>")
        pieces.append(xml[position:start])
        runs.append((xml[start:at].replace("<w:t>", "").replace('<w:t xml:space="preserve">', ""),
                     xml[at + len(token):end].replace("</w:t>", "")))
        position = end
    tail = xml[position:]
    # the rows go in under a copy of the table's namespace declarations, then into the table
    declarations = " ".join(f'xmlns:{k}="{v}"' for k, v in tr.nsmap.items() if k)
    first = pieces[0]
    bare_first = re.sub(r'\sxmlns:\w+="[^"]*"', "", first, count=len(tr.nsmap))
    body: list[str] = []
    for values in rows:
        body.append(bare_first)
        for i, value in enumerate(values):
            if i:
                body.append(pieces[i])
            if value:
                opening, closing = runs[i]
                body += (opening, _run_text(typeset(value)), closing)
        body.append(tail)
    wrapper = etree.fromstring(f"<w:tbl {declarations}>{''.join(body)}</w:tbl>")
    parent = tr.getparent()
    index = parent.index(tr)
    parent.remove(tr)
    for n, row in enumerate(list(wrapper)):
        parent.insert(index + n, row)


def _run_text(text: str) -> str:
    """Return a run's content for ``text`` as python-docx writes it (``Run.text``)."""
    out: list[str] = []
    for piece in re.split(r"(\n|\t)", text):
        if piece == "\n":
            out.append("<w:br/>")
        elif piece == "\t":
            out.append("<w:tab/>")
        elif piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(out)


def set_a4_page(section: Section, *, margins_mm: Sequence[float]) -> None:
    """Give a section the A4 page size and the margins ``(top, right, bottom, left)`` in mm.

    >>> section = docx.Document().sections[0]
    >>> set_a4_page(section, margins_mm=(20, 10, 20, 30))
    >>> round(section.page_width.mm), round(section.left_margin.mm)
    (210, 30)
    """
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)


def _set_default_fonts(doc: DocxDocument) -> None:
    # the default template names theme fonts (Calibri/Cambria) in docDefaults;
    # a theme attribute wins over a named font, so drop them there
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}") \
        if defaults is not None else None
    if fonts is None:
        return
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def set_column_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fix a table's column widths: the grid, every cell and a fixed layout.

    Word reads the cells' widths, LibreOffice the grid; a fixed layout stops
    either from resizing columns to their content.
    """
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    width.set(qn("w:type"), "dxa")
    for col, mm in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(mm)
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(mm)


def set_borders(table: Table, *, visible: bool) -> None:
    """Draw thin single borders around every cell, or none at all."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if visible:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")  # eighths of a point: a thin half-point line
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    # the schema wants tblBorders after tblW/jc/tblInd and before tblLayout
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        tbl_pr.append(borders)


def set_cell_margins(table: Table, *, left_mm: float, right_mm: float) -> None:
    """Set the left and right padding of every cell (Word's default is 1.9 mm).

    Narrow columns of a form keep whole words in their headings with less padding.
    """
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblCellMar"))
    if old is not None:
        tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in (("left", left_mm), ("right", right_mm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(Mm(mm).twips)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    # the schema puts tblCellMar after tblLayout, before tblLook
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def repeat_as_header(row: _Row) -> None:
    """Mark a table row as a header row, repeated at the top of every page (``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_whole(row: _Row) -> None:
    """Stop a row from breaking across pages (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def package_bytes(doc: DocxDocument, *, title: str = "", lang: str = "ru") -> bytes:
    """Return the document's bytes, the same for the same content.

    The core properties are all fixed: the title, author "pea-docs", the
    language, :data:`~pea_docs.ooxml.package.FIXED_DATETIME`, and nothing else
    (python-docx's own template would leave "generated by python-docx" in the
    comments). The parts are written as python-docx's ``save`` writes them, into
    a zip laid out as :func:`~pea_docs.ooxml.package.normalize_package` lays it
    (fixed timestamps, stable order), each part deflated once: the styles, theme
    and settings every document shares are deflated for the first only.
    """
    props = doc.core_properties
    props.created = props.modified = FIXED_DATETIME
    props.last_printed = FIXED_DATETIME
    props.author = props.last_modified_by = "pea-docs"
    props.title = title
    props.subject = props.keywords = props.category = props.comments = ""
    props.language = LANG_TAGS.get(lang, lang)
    props.revision = 1
    # what docx.opc.package.OpcPackage.save and PackageWriter.write do, without the zip
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = [_member(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
               _member(PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        members.append(_member(part.partname.membername, part.blob))
        if len(part.rels):
            members.append(_member(part.partname.rels_uri.membername, part.rels.xml))
    buf = io.BytesIO()
    write_zip(members, buf)
    return buf.getvalue()


_DEFLATED: dict[tuple[str, bytes], RawMember] = {}


def _member(name: str, data: bytes) -> RawMember:
    """Return the part deflated, from the cache if the same bytes were deflated before."""
    if len(data) < 2048:  # small parts deflate faster than they hash
        return deflate(name, data)
    key = (name, hashlib.blake2b(data, digest_size=16).digest())
    member = _DEFLATED.get(key)
    if member is None:
        if len(_DEFLATED) > 256:  # bounded: only parts shared by many documents stay useful
            _DEFLATED.clear()
        member = _DEFLATED[key] = deflate(name, data)
    return member


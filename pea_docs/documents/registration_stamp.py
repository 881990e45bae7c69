"""The registration stamp (Appendix 3) as a Word document, and a sheet of stamps to print and cut.

The stamp is a one-cell table: fixed layout, 45 mm wide, its one row exactly
20 mm high (``hRule="exact"``), the border and the three lines in the ink
(rule 60). A table keeps its size in Word and LibreOffice alike, where a text
box or a frame is laid out differently by each.

The sheet (form ``stamp_sheet``) lays the stamps of a register out on A4 pages
in a grid of 4 × 11 stamps, 3 mm apart across and 4 mm down, so that they can
be cut apart and glued on.

>>> from pea_docs import api
>>> doc = api.render("registration_stamp", {"agent": {"surname": "Сапаров", "name": "Арман",
...                  "patronymic": "Болатович"}, "date": "2025-01-09", "index": "15"})
>>> doc.suffix, doc.to_bytes()[:2]
('.docx', b'PK')
"""

from __future__ import annotations

from collections.abc import Sequence

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from pea_docs.documents.registry import FormSpec
from pea_docs.format.stamp import (
    FONT,
    HEIGHT_MM,
    PADDING_MM,
    REFUSED_INK_RGB,
    WIDTH_MM,
    ink_rgb,
    stamp_lines,
)
from pea_docs.locale import gettext
from pea_docs.models.stamp import RegistrationStamp, StampSheet
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.docx_layout import package_bytes, set_a4_page
from pea_docs.ooxml.stamp_xml import stamp_paragraphs, sub_element, twips
from pea_docs.rules.stamp import check, sheet_stamps

__all__ = ["FORMS", "SHEET_COLUMNS", "SHEET_GAP_MM", "build_sheet", "build_stamp"]

_DOMAIN = "stamp"
#: The sheet: stamps across a page, and the gaps between them (mm) across and down.
SHEET_COLUMNS = 4
SHEET_GAP_MM = (3.0, 4.0)
#: The width of the frame's line, in eighths of a point (1 pt).
_BORDER_EIGHTHS = "8"
# The page of the stamp form (Kazakhstan office practice: 30 mm left for filing),
# and of the sheet, where narrow margins give room for 44 stamps a page.
_STAMP_MARGINS_MM = (20, 10, 20, 30)  # top, right, bottom, left
_SHEET_MARGINS_MM = (10, 10, 10, 10)


def _new_document(margins_mm: Sequence[float]) -> DocxDocument:
    """Return an empty A4 document with no style of its own: the stamp's XML says it all."""
    document = docx.Document()
    set_a4_page(document.sections[0], margins_mm=margins_mm)
    return document


def _append(document: DocxDocument, element: etree._Element) -> None:
    document.element.body.sectPr.addprevious(element)


def _plain_paragraph(text: str = "", *, rgb: str = REFUSED_INK_RGB, half_points: str = "2",
                     bold: bool = False) -> etree._Element:
    """Return a paragraph with no spacing: the draft mark, or the tiny one that must end the body."""
    p = etree.Element(qn("w:p"))
    ppr = sub_element(p, "w:pPr")
    sub_element(ppr, "w:spacing", w_before="0", w_after="0", w_line="240", w_lineRule="auto")
    rpr = sub_element(ppr, "w:rPr")
    sub_element(rpr, "w:sz", w_val=half_points)
    if text:
        r = sub_element(p, "w:r")
        rpr = sub_element(r, "w:rPr")
        sub_element(rpr, "w:rFonts", w_ascii=FONT, w_hAnsi=FONT, w_cs=FONT, w_eastAsia=FONT)
        if bold:
            sub_element(rpr, "w:b")
        sub_element(rpr, "w:color", w_val=rgb)
        sub_element(rpr, "w:sz", w_val=half_points)
        sub_element(r, "w:t").text = text
    return p


def _grid_table(widths_mm: Sequence[float]) -> etree._Element:
    """Return an empty fixed-layout table with columns of ``widths_mm``, no borders of its own."""
    tbl = etree.Element(qn("w:tbl"))
    tblpr = sub_element(tbl, "w:tblPr")
    sub_element(tblpr, "w:tblW", w_w=str(sum(twips(w) for w in widths_mm)), w_type="dxa")
    sub_element(tblpr, "w:jc", w_val="left")
    sub_element(tblpr, "w:tblInd", w_w="0", w_type="dxa")
    borders = sub_element(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub_element(borders, f"w:{side}", w_val="nil")
    sub_element(tblpr, "w:tblLayout", w_type="fixed")
    margins = sub_element(tblpr, "w:tblCellMar")
    pad = str(twips(PADDING_MM))
    for side, margin in (("top", "0"), ("left", pad), ("bottom", "0"), ("right", pad)):
        sub_element(margins, f"w:{side}", w_w=margin, w_type="dxa")
    grid = sub_element(tbl, "w:tblGrid")
    for width in widths_mm:
        sub_element(grid, "w:gridCol", w_w=str(twips(width)))
    return tbl


def _row(tbl: etree._Element, height_mm: float) -> etree._Element:
    tr = sub_element(tbl, "w:tr")
    trpr = sub_element(tr, "w:trPr")
    sub_element(trpr, "w:cantSplit")
    sub_element(trpr, "w:trHeight", w_val=str(twips(height_mm)), w_hRule="exact")
    return tr


def _cell(tr: etree._Element, width_mm: float, *, rgb: str | None = None,
          paragraphs: Sequence[etree._Element] = ()) -> etree._Element:
    """Append a cell; with ``rgb``, framed in that ink (a stamp), else blank and unframed."""
    tc = sub_element(tr, "w:tc")
    tcpr = sub_element(tc, "w:tcPr")
    sub_element(tcpr, "w:tcW", w_w=str(twips(width_mm)), w_type="dxa")
    if rgb is not None:
        borders = sub_element(tcpr, "w:tcBorders")
        for side in ("top", "left", "bottom", "right"):
            sub_element(borders, f"w:{side}", w_val="single", w_sz=_BORDER_EIGHTHS, w_space="0",
                        w_color=rgb)
    sub_element(tcpr, "w:vAlign", w_val="center")
    for p in paragraphs or [_plain_paragraph()]:
        tc.append(p)
    return tc


def _to_document(document: DocxDocument, name: str, *, title: str, lang: str) -> Document:
    return Document.from_bytes(package_bytes(document, title=title, lang=lang), suffix=".docx",
                               name=name)


def build_stamp(model: RegistrationStamp, lang: str, draft: bool = False) -> Document:
    """Return the stamp of Appendix 3 as a one-page DOCX: the 45 × 20 mm frame, three lines.

    A draft (``draft=True``) carries a grey DRAFT mark above the stamp, and a
    refused ink is printed grey.
    """
    title = gettext("Registration stamp", lang=lang, domain=_DOMAIN)
    document = _new_document(_STAMP_MARGINS_MM)
    if draft:
        _append(document, _plain_paragraph(gettext("DRAFT", lang=lang, domain=_DOMAIN),
                                           half_points="28", bold=True))
    rgb = ink_rgb(model.color)
    tbl = _grid_table([WIDTH_MM])
    _cell(_row(tbl, HEIGHT_MM), WIDTH_MM, rgb=rgb,
          paragraphs=stamp_paragraphs(stamp_lines(model, lang=lang), rgb, lang=lang))
    _append(document, tbl)
    _append(document, _plain_paragraph())  # a body must end with a paragraph
    return _to_document(document, "registration_stamp", title=title, lang=lang)


def build_sheet(model: StampSheet, lang: str, draft: bool = False) -> Document:
    """Return every stamp of ``model`` on A4 pages, 4 across, with gaps to cut along."""
    title = gettext("Sheet of registration stamps", lang=lang, domain=_DOMAIN)
    document = _new_document(_SHEET_MARGINS_MM)
    if draft:
        _append(document, _plain_paragraph(gettext("DRAFT", lang=lang, domain=_DOMAIN),
                                           half_points="28", bold=True))
    rgb = ink_rgb(model.color)
    across, down = SHEET_GAP_MM
    widths = [WIDTH_MM if i % 2 == 0 else across for i in range(2 * SHEET_COLUMNS - 1)]
    tbl = _grid_table(widths)
    stamps = sheet_stamps(model)
    for start in range(0, len(stamps), SHEET_COLUMNS):
        if start:
            gap = _row(tbl, down)
            for width in widths:
                _cell(gap, width)
        tr = _row(tbl, HEIGHT_MM)
        for i, width in enumerate(widths):
            k = start + i // 2
            if i % 2 or k >= len(stamps):
                _cell(tr, width)
                continue
            one = RegistrationStamp(agent=model.agent, date=stamps[k].date, index=stamps[k].index)
            _cell(tr, width, rgb=rgb,
                  paragraphs=stamp_paragraphs(stamp_lines(one, lang=lang), rgb, lang=lang))
    _append(document, tbl)
    _append(document, _plain_paragraph())
    return _to_document(document, "stamp_sheet", title=title, lang=lang)


FORMS = [
    FormSpec(name="registration_stamp", title="Registration stamp", domain=_DOMAIN,
             model=RegistrationStamp, build=build_stamp, check=check, suffix=".docx", appendix=3),
    FormSpec(name="stamp_sheet", title="Sheet of registration stamps", domain=_DOMAIN,
             model=StampSheet, build=build_sheet, check=check, suffix=".docx", appendix=3),
]

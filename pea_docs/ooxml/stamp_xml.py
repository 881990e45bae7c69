"""The WordprocessingML of a registration stamp: its units and its centred, inked lines.

The stamp's text, size and ink are decided in :mod:`pea_docs.format.stamp`; this
module only writes them as ``w:p`` elements and converts millimetres into the
units Word's tables (twips) and drawings (EMU) are measured in.

>>> twips(45), emu(20)
(2551, 720000)
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn
from lxml import etree

from pea_docs.format.stamp import FONT, MIN_FONT_SIZE, fit_font_sizes
from pea_docs.ooxml import docx_layout

__all__ = ["emu", "stamp_paragraphs", "sub_element", "twips"]


def twips(mm: float) -> int:
    """Return a length in millimetres as twentieths of a point (Word's table unit).

    >>> twips(45), twips(20)
    (2551, 1134)
    """
    return round(mm * 1440 / 25.4)


def emu(mm: float) -> int:
    """Return a length in millimetres as English Metric Units (DrawingML's unit).

    >>> emu(45), emu(20)
    (1620000, 720000)
    """
    return round(mm * 36000)


def sub_element(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append a WordprocessingML element; ``w_val="x"`` stands for the attribute ``w:val``.

    >>> p = etree.Element(qn("w:p"))
    >>> sub_element(p, "w:jc", w_val="center").get(qn("w:val"))
    'center'
    """
    return etree.SubElement(parent, qn(tag), {qn(k.replace("_", ":", 1)): v for k, v in attrs.items()})


def stamp_paragraphs(lines: Sequence[str], rgb: str, *, lang: str = "ru") -> list[etree._Element]:
    """Return the ``w:p`` elements of the stamp's lines: centred, no spacing, in the ink.

    Each line gets its own type size (:func:`fit_font_sizes`), so a long name
    shrinks instead of wrapping out of the fixed frame. The paragraph and run
    properties are all explicit, so that no style of a stamped document changes them.

    >>> [p.xpath("string(.)") for p in stamp_paragraphs(("ЧСИ Сапаров А.Б.", "Дата: 09.01.2025"), "1F3FBF")]
    ['ЧСИ Сапаров А.Б.', 'Дата: 09.01.2025']
    """
    paragraphs = []
    for line, size in zip(lines, fit_font_sizes(lines), strict=True):
        half_points = str(round(2 * (size or MIN_FONT_SIZE)))
        p = etree.Element(qn("w:p"))
        ppr = sub_element(p, "w:pPr")
        sub_element(ppr, "w:spacing", w_before="0", w_after="0", w_line="240", w_lineRule="auto")
        sub_element(ppr, "w:ind", w_left="0", w_right="0", w_firstLine="0")
        sub_element(ppr, "w:jc", w_val="center")
        r = sub_element(p, "w:r")
        rpr = sub_element(r, "w:rPr")
        sub_element(rpr, "w:rFonts", w_ascii=FONT, w_hAnsi=FONT, w_cs=FONT, w_eastAsia=FONT)
        sub_element(rpr, "w:color", w_val=rgb)
        sub_element(rpr, "w:sz", w_val=half_points)
        sub_element(rpr, "w:szCs", w_val=half_points)
        sub_element(rpr, "w:lang", w_val=docx_layout.LANG_TAGS.get(lang, "ru-RU"))
        t = sub_element(r, "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        paragraphs.append(p)
    return paragraphs

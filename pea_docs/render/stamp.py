"""What a registration stamp looks like: its frame, ink, lines and type sizes (Appendix 3).

One place for the stamp's geometry and colours, shared by the stamp form, the
sheet of stamps and :func:`pea_docs.apply_stamp`. The frame is 45 × 20 mm
(Appendix 3); text and border are in the ink, blue or violet (rule 60). The
three lines are the agent's surname and initials after the abbreviation
(ЧСИ / ЖСО / PEA), then the labelled date in figures (rule 11) and the
labelled index (rule 21).

>>> stamp = {"agent": {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"},
...          "date": "2025-01-09", "index": 15}
>>> stamp_lines(stamp, lang="ru")
('ЧСИ Сапаров А.Б.', 'Дата: 09.01.2025', 'Индекс: 15')
>>> stamp_lines(stamp, lang="kk")
('ЖСО Сапаров А.Б.', 'Күні: 09.01.2025', 'Индексі: 15')
>>> ink_rgb("Violet"), ink_rgb("purple"), ink_rgb("black")
('7F00FF', '7F00FF', '7F7F7F')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from ..format.dates import format_date
from ..format.names import format_name
from ..locale import check_lang, gettext
from ..models.base import coerce
from ..models.stamp import RegistrationStamp, ink_name
from . import docx_layout

__all__ = [
    "FONT", "FONT_SIZE", "HEIGHT_MM", "INK_RGB", "MIN_FONT_SIZE", "PADDING_MM", "REFUSED_INK_RGB",
    "WIDTH_MM", "emu", "fit_font_sizes", "ink_rgb", "line_width_pt", "stamp_lines",
    "stamp_paragraphs", "sub_element", "twips",
]

#: The frame of Appendix 3, in millimetres.
WIDTH_MM = 45.0
HEIGHT_MM = 20.0
#: The space between the frame and the text, left and right, in millimetres.
PADDING_MM = 1.5
#: The typeface (LibreOffice substitutes the metric-compatible Liberation Serif).
FONT = docx_layout.FONT
#: The type size of the lines, and the smallest size a long line is shrunk to, in points.
FONT_SIZE = 11.0
MIN_FONT_SIZE = 7.0
#: The inks of rule 60 as RGB: a stamp-pad blue and a violet, never black.
INK_RGB = {"blue": "1F3FBF", "violet": "7F00FF"}
#: The grey a draft prints a refused ink in (``render(..., draft=True)`` with ``color: black``).
REFUSED_INK_RGB = "7F7F7F"

_DOMAIN = "stamp"


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


def ink_rgb(color: str) -> str:
    """Return the RGB hex of an ink of rule 60; a refused ink gives the draft grey.

    >>> ink_rgb(" BLUE ")
    '1F3FBF'
    """
    name = ink_name(color)
    return INK_RGB[name] if name else REFUSED_INK_RGB


def stamp_lines(stamp: RegistrationStamp | Mapping[str, Any], *, lang: str = "ru") -> tuple[str, str, str]:
    """Return the three lines of a stamp: agent, date, index (Appendix 3).

    Args:
        stamp: a :class:`~pea_docs.models.stamp.RegistrationStamp` or an equivalent dict;
            any object with ``agent``, ``date`` and ``index`` (a stamp of a sheet with
            the sheet's agent) is read as it is.
        lang: ``ru``, ``kk`` or ``en``.

    >>> stamp_lines({"agent": {"surname": "Saparov", "name": "Arman"},
    ...              "date": "15.09.2008", "index": "02-05/7"}, lang="en")
    ('PEA Saparov A.', 'Date: 15.09.2008', 'Index: 02-05/7')
    """
    check_lang(lang)
    if isinstance(stamp, Mapping):
        stamp = coerce(RegistrationStamp, stamp)
    label = lambda msgid: gettext(msgid, lang=lang, domain=_DOMAIN)  # noqa: E731
    agent = f"{label('PEA')} {format_name(stamp.agent, 'surname_initials', lang=lang)}"
    return (agent, f"{label('Date')}: {format_date(stamp.date, 'figures', lang=lang)}",
            f"{label('Index')}: {stamp.index}")


# Advance widths of Times New Roman in ems, by kind of character, measured on its
# metric twin Liberation Serif and rounded up, so a line judged to fit does fit in
# Word and LibreOffice (exact metrics would need the font file at run time).
_NARROW = frozenset(" .,:;'!|/()[]-ilIjtfrі")
_WIDE_UPPER = frozenset("MWЖШЩЮМФЫ@%")
_WIDE_LOWER = frozenset("mwжшщюфы")


def line_width_pt(text: str, size: float) -> float:
    """Return an estimate of the printed width of ``text`` at ``size`` points.

    >>> round(line_width_pt("Дата: 09.01.2025", 11), 1)
    81.6
    """
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.3
        elif char in _WIDE_UPPER:
            ems += 0.98
        elif char in _WIDE_LOWER:
            ems += 0.74
        elif char.isdigit():
            ems += 0.5
        elif char.isupper():
            ems += 0.72
        else:
            ems += 0.5
    return ems * size


def fit_font_sizes(lines: Sequence[str]) -> list[float | None]:
    """Return each line's type size: :data:`FONT_SIZE`, shrunk in half points to fit the frame.

    ``None`` marks a line too long for the frame even at :data:`MIN_FONT_SIZE`
    (it is printed at that size and wraps; :func:`pea_docs.rules.stamp.check` warns).

    >>> fit_font_sizes(["ЧСИ Сапаров А.Б.", "ЧСИ Жұмабекова-Сейітқазиева Ә.Ғ."])
    [11.0, 7.0]
    """
    room = (WIDTH_MM - 2 * PADDING_MM) * 72 / 25.4
    sizes: list[float | None] = []
    for line in lines:
        size: float | None = FONT_SIZE
        while size is not None and line_width_pt(line, size) > room:
            size = size - 0.5 if size > MIN_FONT_SIZE else None
        sizes.append(size)
    return sizes


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
    for line, size in zip(lines, fit_font_sizes(lines)):
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

"""What a registration stamp looks like: its frame, ink, lines and type sizes (Appendix 3).

One place for the stamp's geometry, colours and text, shared by the stamp form, the
sheet of stamps, :func:`pea_docs.apply_stamp` and the stamp's checks (the XML that
draws it is in :mod:`pea_docs.ooxml.stamp_xml`). The frame is 45 × 20 mm
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

from pea_docs.format import typeface
from pea_docs.format.names import format_name
from pea_docs.format.typeface import line_width_pt
from pea_docs.locale import check_lang, gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.base import coerce
from pea_docs.models.stamp import RegistrationStamp, ink_name

__all__ = [
    "FONT", "FONT_SIZE", "HEIGHT_MM", "INK_RGB", "MIN_FONT_SIZE", "PADDING_MM", "REFUSED_INK_RGB",
    "WIDTH_MM", "fit_font_sizes", "ink_rgb", "stamp_lines",
]

#: The frame of Appendix 3, in millimetres.
WIDTH_MM = 45.0
HEIGHT_MM = 20.0
#: The space between the frame and the text, left and right, in millimetres.
PADDING_MM = 1.5
#: The typeface (LibreOffice substitutes the metric-compatible Liberation Serif).
FONT = typeface.FONT
#: The type size of the lines, and the smallest size a long line is shrunk to, in points.
FONT_SIZE = 11.0
MIN_FONT_SIZE = 7.0
#: The inks of rule 60 as RGB: a stamp-pad blue and a violet, never black.
INK_RGB = {"blue": "1F3FBF", "violet": "7F00FF"}
#: The grey a draft prints a refused ink in (``render(..., draft=True)`` with ``color: black``).
REFUSED_INK_RGB = "7F7F7F"

_DOMAIN = "stamp"


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

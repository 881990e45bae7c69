"""How wide a line of Times New Roman prints: an estimate that errs on the wide side.

The stamp's frame is fixed (45 × 20 mm, Appendix 3), so a long name must shrink
rather than wrap; :func:`pea_docs.format.stamp.fit_font_sizes` asks this module.
The character classes below are glyphs of the typeface, not words of a language
(the test that keeps labels out of the formatters' code leaves this module alone).

>>> line_width_pt("ЖШЩ", 10) > line_width_pt("ііі", 10)
True
"""

from __future__ import annotations

__all__ = ["FONT", "line_width_pt"]

#: The typeface of Kazakhstan office documents: every document, table and stamp uses it.
FONT = "Times New Roman"

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

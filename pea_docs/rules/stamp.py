"""The Rules for the registration stamp: the ink (rule 60) and what fits its frame (Appendix 3).

>>> from pea_docs.models import coerce
>>> from pea_docs.models.stamp import RegistrationStamp
>>> stamp = coerce(RegistrationStamp, {"agent": {"surname": "Сапаров", "name": "Арман"},
...                                    "date": "2025-01-09", "index": "15", "color": "black"})
>>> [str(p) for p in check(stamp)]
["color: 'black' is not an ink for stamps; use blue or violet, never black or several colours (rule 60)"]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..errors import Problem
from ..locale import LANGS
from ..models.stamp import INKS, RegistrationStamp, StampSheet, ink_name
from ..render.stamp import MIN_FONT_SIZE, WIDTH_MM, fit_font_sizes, stamp_lines
from . import register_code

__all__ = ["check", "check_color", "check_fit", "check_unique"]

register_code("stamp.color", "rule 60", "The stamp's ink is not blue or violet.")
register_code("stamp.index", "rule 21", "The stamp's index is not text or a whole number.")
register_code("stamp.overflow", "appendix 3",
              "A line of the stamp is too long for the 45 mm frame even at the smallest type (warning).")
register_code("stamp.index.duplicate", "rule 21",
              "Two stamps of a sheet carry the same index in the same year (warning).")
register_code("stamp.document", "", "apply_stamp: the document to stamp cannot be read or is not a .docx.")


def check_color(color: object, *, loc: Sequence[str | int] = ("color",)) -> list[Problem]:
    """Return a problem unless ``color`` is blue or violet (rule 60).

    >>> check_color("Violet"), len(check_color("red"))
    ([], 1)
    """
    if ink_name(color) is not None:
        return []
    return [Problem("stamp.color", "rule 60", tuple(loc), color,
                    f"is not an ink for stamps; use {' or '.join(INKS)}, "
                    "never black or several colours")]


def check_fit(agent: object, date: object, index: object, *,
              loc: Sequence[str | int] = ()) -> list[Problem]:
    """Return a warning for each line too long for the frame even at the smallest type.

    Every language is tried (their labels differ in length); a line is reported
    once, at the field it comes from.

    >>> agent = {"surname": "Сапаров", "name": "Арман"}
    >>> [str(p) for p in check_fit(agent, "2025-01-09", "15")]
    []
    >>> [p.loc for p in check_fit(agent, "2025-01-09", "02-05/15-" * 5)]
    [('index',)]
    """
    stamp = {"agent": agent, "date": date, "index": index}
    found: dict[str, Problem] = {}
    for lang in LANGS:
        lines = stamp_lines(stamp, lang=lang)
        for field, line, size in zip(("agent", "date", "index"), lines, fit_font_sizes(lines)):
            if size is None and field not in found:
                found[field] = Problem(
                    "stamp.overflow", "appendix 3", (*loc, field), line,
                    f"does not fit the {WIDTH_MM:g} mm frame even at {MIN_FONT_SIZE:g} pt and "
                    "will wrap out of it; shorten it", severity="warning")
    return list(found.values())


def check_unique(sheet: StampSheet) -> list[Problem]:
    """Return a warning for each stamp of a sheet repeating an index of the same year (rule 21).

    The index is the serial number in the register, so it is unique within a year.
    """
    seen: Counter[tuple[int, str]] = Counter()
    problems = []
    for i, stamp in enumerate(sheet.stamps):
        key = (stamp.date.year, stamp.index)
        seen[key] += 1
        if seen[key] > 1:
            problems.append(Problem("stamp.index.duplicate", "rule 21", ("stamps", i, "index"),
                                    stamp.index, f"is given to another stamp of {stamp.date.year} "
                                    "already; a register number is unique within the year",
                                    severity="warning"))
    return problems


def check(model: RegistrationStamp | StampSheet) -> list[Problem]:
    """Return every problem of a stamp or a sheet of stamps beyond the model's types.

    Errors: the ink (``stamp.color``, rule 60). Warnings: a line too long for the
    frame (``stamp.overflow``), an index repeated within a year on a sheet.
    """
    problems = check_color(model.color)
    if isinstance(model, StampSheet):
        for i, stamp in enumerate(model.stamps):
            for problem in check_fit(model.agent, stamp.date, stamp.index, loc=("stamps", i)):
                if problem.loc[-1] != "agent":
                    problems.append(problem)
                elif i == 0:  # the agent's line is the same on every stamp: say it once
                    problems.append(replace(problem, loc=("agent",)))
        problems += check_unique(model)
    else:
        problems += check_fit(model.agent, model.date, model.index)
    return problems

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

from pea_docs.errors import Problem
from pea_docs.errors.codes import register_code
from pea_docs.format.stamp import MIN_FONT_SIZE, WIDTH_MM, fit_font_sizes, stamp_lines
from pea_docs.locale import LANGS
from pea_docs.models.registers import IncomingRegister
from pea_docs.models.stamp import INKS, RegistrationStamp, SheetStamp, StampSheet, ink_name
from pea_docs.rules.registers import (
    check_incoming_register,
    check_outgoing_register,
    entry_numbers,
    registration_dates,
)

__all__ = ["check", "check_color", "check_fit", "check_source", "check_unique", "sheet_stamps"]

register_code("stamp.color", "rule 60", "The stamp's ink is not blue or violet.")
register_code("stamp.index", "rule 21", "The stamp's index is not text or a whole number.")
register_code("stamp.overflow", "appendix 3",
              "A line of the stamp is too long for the 45 mm frame even at the smallest type (warning).")
register_code("stamp.index.duplicate", "rule 21",
              "Two stamps of a sheet carry the same index in the same year (warning).")
register_code("stamp.document", "", "apply_stamp: the document to stamp cannot be read or is not a .docx.")
register_code("stamp_sheet.source", "appendix 3",
              "A sheet of stamps gives neither `stamps` nor a register, or more than one of them.")


def sheet_stamps(sheet: StampSheet) -> list[SheetStamp]:
    """Return the stamps of a sheet: as listed, or one for each entry of its register.

    An entry's stamp carries its number (given, or the one after the entry
    before: :func:`pea_docs.rules.registers.entry_numbers`) and its registration
    date: an incoming entry's ``registered``, or the date rule 20 gives for its
    ``received`` (:func:`pea_docs.rules.registers.registration_dates`); an
    outgoing entry's ``date``. An incoming entry with neither date has no stamp
    (:func:`check` reports it).

    >>> from pea_docs.models import coerce
    >>> sheet = coerce(StampSheet, {"incoming_register": {
    ...     "year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"}, "entries": [
    ...     {"received": "2025-01-10 19:40", "sender": "ТОО «Альфа»", "summary": "Запрос"},
    ...     {"number": 7, "registered": "2025-01-13", "sender": "АО «Банк»", "summary": "Ответ"}]}})
    >>> [(s.date.isoformat(), s.index) for s in sheet_stamps(sheet)]
    [('2025-01-13', '1'), ('2025-01-13', '7')]
    """
    if sheet.stamps is not None:
        return list(sheet.stamps)
    register = sheet.register
    if register is None:
        return []
    numbers = entry_numbers(register.entries)
    if isinstance(register, IncomingRegister):
        dates = registration_dates(register)
    else:
        dates = [entry.date for entry in register.entries]
    return [SheetStamp(date=day, index=str(number))
            for number, day in zip(numbers, dates, strict=True) if day is not None]


def check_source(sheet: StampSheet) -> list[Problem]:
    """Return an error unless a sheet gives exactly one of ``stamps`` and a register, not empty.

    >>> from pea_docs.models import coerce
    >>> [p.code for p in check_source(coerce(StampSheet, {"agent": {"surname": "Ким", "name": "Ольга"}}))]
    ['stamp_sheet.source']
    """
    given = sheet.sources
    if len(given) == 1:
        register = sheet.register
        if register is not None and isinstance(register.entries, list) and not register.entries:
            return [Problem("stamp_sheet.source", "appendix 3", (given[0], "entries"), [],
                            "holds no entry: the sheet would have no stamp")]
        return []
    message = ("gives no stamps: list them as `stamps: [{date, index}, ...]`, or give "
               "`incoming_register:` or `outgoing_register:` (a register's data with its entries)"
               if not given else f"gives stamps {len(given)} ways ({', '.join(given)}); keep one")
    return [Problem("stamp_sheet.source", "appendix 3", (given[-1] if given else "stamps",), None,
                    message)]


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
        for field, line, size in zip(("agent", "date", "index"), lines, fit_font_sizes(lines), strict=True):
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
    for i, stamp in enumerate(sheet.stamps or ()):
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

    Errors: the ink (``stamp.color``, rule 60); a sheet with no stamps or with
    both a list and a register (``stamp_sheet.source``); a register's own
    problems (its numbers and rule 20 dates, located under the register's key).
    Warnings: a line too long for the frame (``stamp.overflow``), an index
    repeated within a year on a listed sheet.
    """
    problems = check_color(model.color)
    if isinstance(model, StampSheet):
        problems += check_source(model)
        if model.incoming_register is not None:
            problems += [p.at("incoming_register") for p in check_incoming_register(model.incoming_register)]
        if model.outgoing_register is not None:
            problems += [p.at("outgoing_register") for p in check_outgoing_register(model.outgoing_register)]
        listed = model.stamps is not None
        for i, stamp in enumerate(sheet_stamps(model)):
            for problem in check_fit(model.agent, stamp.date, stamp.index, loc=("stamps", i)):
                if problem.loc[-1] != "agent":
                    problems.append(problem)  # only a listed index can be too long
                elif i == 0:  # the agent's line is the same on every stamp: say it once
                    problems.append(replace(problem, loc=("agent",)))
        if listed:  # a register's own check reports its repeated numbers
            problems += check_unique(model)
    else:
        problems += check_fit(model.agent, model.date, model.index)
    return problems

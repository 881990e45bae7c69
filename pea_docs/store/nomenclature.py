"""The year's nomenclature in the register: load it, open orders from reserve numbers, file documents.

Rule 33 has the nomenclature regulate how documents are grouped into orders;
rule 35 keeps reserve numbers for orders opened during the year; rule 37 groups
the documents of one year (rule 38.3: save transferred cases); rule 38.5 files
neither drafts nor extra copies. Once a year's nomenclature is loaded, the
``case`` of every entry of that year is an index of it: registering into an
index the nomenclature lacks is refused. A year without a nomenclature keeps
the case as free text, as before.

>>> from pea_docs.store import Register
>>> reg = Register(":memory:")
>>> _ = reg.load_nomenclature({"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"},
...     "sections": [{"title": "02", "reserve": ["02-09"],
...                   "orders": [{"index": "02-01", "heading": "Запросы", "storage": 5}]}]})
>>> [(o.index, o.heading) for o in reg.orders(2025)]
[('02-01', 'Запросы'), ('02-09', None)]
>>> reg.close()
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pea_docs.errors import InputError, Problem
from pea_docs.io.inputs import read_input
from pea_docs.models.archive import Nomenclature, OrderStorage, category
from pea_docs.models.base import PeaModel, coerce, rule
from pea_docs.rules.archive import check_nomenclature
from pea_docs.store.checks import parse_date_field, problem
from pea_docs.store.db import Connection, immediate
from pea_docs.store.rows import clean, default_user, store_utc, utc_now

if TYPE_CHECKING:
    from pea_docs.store.register import Register

__all__ = ["NOT_FILED", "Order", "filing_problems", "load", "nomenclature_data", "open_order", "orders",
           "read_nomenclature", "years", "years_has"]

#: What rule 38.5 returns rather than files: drafts and extra copies.
NOT_FILED = ("draft", "extra_copy")


@dataclass(frozen=True)
class Order:
    """An order of a year's nomenclature as the register keeps it (a reserve number: no heading yet)."""

    year: int
    index: str
    section: int
    heading: str | None
    storage: int | str | None
    articles: str | None
    note: str | None
    carried_over: bool
    opened: date | None

    @property
    def is_open(self) -> bool:
        """Return whether documents may be filed in it: an order, or a reserve number opened (rule 35)."""
        return self.heading is not None

    @property
    def category(self) -> str:
        """Return its storage category: permanent, over_10 or up_to_10 (rule 36)."""
        return category(self.storage or 1)


class _StorageOnly(PeaModel):
    """The storage period of an order opened from a reserve number."""

    noun = "an order"
    storage: OrderStorage = rule("rule 33", "the storage period: 'permanent' or years")


def read_nomenclature(source: Any) -> Nomenclature:
    """Return a nomenclature from a model, a mapping (the form's data) or a YAML or XLSX file.

    Raises:
        InputError: the data is not a nomenclature, or breaks rules 33–36 (errors only).
    """
    if isinstance(source, Nomenclature):
        model = source
    elif isinstance(source, Mapping):
        model = coerce(Nomenclature, source)
    else:
        path = Path(os.fspath(source))
        if path.suffix.lower() == ".xlsx":
            from pea_docs.store.nomenclature_xlsx import read_xlsx
            model = coerce(Nomenclature, read_xlsx(path))
        else:
            documents = [d for d in read_input(str(path), bare=True) if d.form in (None, "nomenclature")]
            if len(documents) != 1:
                raise InputError([problem("store.import_format", ("form",), str(path),
                                          "holds no nomenclature document (form: nomenclature)"
                                          ).in_file(str(path))])
            document = documents[0]
            try:
                model = coerce(Nomenclature, document.data)
            except InputError as exc:
                raise InputError([document.place(p) for p in exc.problems]) from None
            errors = [p for p in check_nomenclature(model) if p.severity == "error"]
            if errors:
                raise InputError([document.place(p) for p in errors])
            return model
    errors = [p for p in check_nomenclature(model) if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return model


def load(register: Register, source: Any, *, by: str | None = None) -> Nomenclature:
    """Keep a year's nomenclature in the register; loading the year again replaces it.

    It may not lack an index that documents of the year are already filed in (under a
    nomenclature it replaces, or as free text registered before any).

    Raises:
        InputError: a bad nomenclature, or one that drops an index in use (``store.index_in_use``).
    """
    nomenclature = read_nomenclature(source)
    year = nomenclature.year
    data = nomenclature.model_dump(mode="json", exclude_none=True)
    with immediate(register._conn) as conn:
        indices = {o.index for o in nomenclature.orders()} | {r for s in nomenclature.sections for r in s.reserve}
        used = conn.execute("SELECT DISTINCT case_ref FROM entries WHERE coalesce(case_year, year) = ? "
                            "AND case_ref IS NOT NULL", (year,)).fetchall()
        # documents already filed (under a nomenclature replaced, or as free text before any) keep an order
        dropped = sorted(index for (index,) in used if index not in indices)
        if dropped:
            raise InputError([problem("store.index_in_use", ("sections",), ", ".join(dropped),
                                      f"are the cases documents of {year} are filed in, and this nomenclature "
                                      "lacks them: keep them as orders, or correct those entries' case first")])
        conn.execute("DELETE FROM orders WHERE year = ?", (year,))
        conn.execute("INSERT INTO nomenclatures (year, data, loaded_at, loaded_by) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (year) DO UPDATE SET data = excluded.data, loaded_at = excluded.loaded_at, "
                     "loaded_by = excluded.loaded_by",
                     (year, json.dumps(data, ensure_ascii=False), store_utc(utc_now()), clean(by) or default_user()))
        position = 0
        for s, section in enumerate(nomenclature.sections):
            for order in section.orders:
                position += 1
                conn.execute("INSERT INTO orders (year, idx, position, section, heading, storage, articles, note, "
                             "carried_over, opened) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (year, order.index, position, s, order.heading, str(order.storage), order.articles,
                              order.note, int(order.carried_over),
                              order.opened.isoformat() if order.opened else None))
            for index in section.reserve:
                position += 1
                conn.execute("INSERT INTO orders (year, idx, position, section) VALUES (?, ?, ?, ?)",
                             (year, index, position, s))
    return nomenclature


def years_has(conn: Connection, year: int) -> bool:
    """Return whether the register keeps a nomenclature of ``year``."""
    return conn.execute("SELECT 1 FROM nomenclatures WHERE year = ?", (year,)).fetchone() is not None


def _order(row: tuple[Any, ...]) -> Order:
    year, index, section, heading, storage, articles, note, carried, opened = row
    if storage is not None and storage != "permanent":
        storage = int(storage)
    return Order(year, index, section, heading, storage, articles, note, bool(carried),
                 date.fromisoformat(opened) if opened else None)


_ORDER_COLUMNS = "year, idx, section, heading, storage, articles, note, carried_over, opened"


def orders(conn: Connection, year: int) -> list[Order]:
    """Return the orders of a year's nomenclature in its order, reserve numbers included."""
    rows = conn.execute(f"SELECT {_ORDER_COLUMNS} FROM orders WHERE year = ? ORDER BY position", (year,))
    return [_order(row) for row in rows.fetchall()]


def filing_problems(conn: Connection, year: int, index: str | None,
                    loc: tuple[str | int, ...] = ("case",)) -> list[Problem]:
    """Return why a document of ``year`` cannot be filed in order ``index``; none without a nomenclature.

    >>> from pea_docs.store.db import connect
    >>> conn = connect(":memory:")
    >>> filing_problems(conn, 2025, "02-01")  # no nomenclature of 2025: the case is free text
    []
    """
    if index is None or not years_has(conn, year):
        return []
    row = conn.execute("SELECT heading FROM orders WHERE year = ? AND idx = ?", (year, index)).fetchone()
    if row is None:
        known = [r[0] for r in conn.execute("SELECT idx FROM orders WHERE year = ? AND heading IS NOT NULL "
                                            "ORDER BY position", (year,))]
        hint = difflib.get_close_matches(index, known, n=1, cutoff=0.6)
        return [problem("store.unknown_index", loc, index,
                        f"is not an index of the nomenclature of {year}"
                        + (f"; did you mean {hint[0]!r}?" if hint else
                           "; documents are filed only in its orders (open one from a reserve number "
                           "with `pea-docs archive open`)"))]
    if row[0] is None:
        return [problem("store.reserve_not_opened", loc, index,
                        f"is a reserve number of {year} not opened yet; open the order first "
                        "(`pea-docs archive open`)")]
    return []


def open_order(register: Register, year: int, index: str, *, heading: str, storage: Any,
               articles: str | None = None, opened: date | str | None = None) -> Order:
    """Open an order from a reserve number of the year's nomenclature (rule 35).

    Raises:
        InputError: no nomenclature of the year, ``index`` not a reserve number of it
            (``store.not_reserve``) or already opened, an empty heading or a bad storage period.
    """
    problems: list[Problem] = []
    if not clean(heading):
        problems.append(problem("store.not_reserve", ("heading",), heading, "is required: the order's heading"))
    try:
        period = coerce(_StorageOnly, {"storage": storage}).storage
    except InputError as exc:
        problems += exc.problems
        period = None
    day = parse_date_field(opened, "opened") if opened not in (None, "") else register._clock().date()
    if problems:
        raise InputError(problems)
    with immediate(register._conn) as conn:
        if not years_has(conn, year):
            raise InputError([problem("store.no_nomenclature", ("year",), year,
                                      "has no nomenclature in the register; load it first "
                                      "(`pea-docs archive nomenclature FILE`)")])
        row = conn.execute("SELECT heading FROM orders WHERE year = ? AND idx = ?", (year, index)).fetchone()
        if row is None or row[0] is not None:
            why = "is already an order" if row else "is not a reserve number"
            raise InputError([problem("store.not_reserve", ("index",), index,
                                      f"{why} of the nomenclature of {year}; an order is opened during the "
                                      "year from a reserve number")])
        conn.execute("UPDATE orders SET heading = ?, storage = ?, articles = ?, opened = ? WHERE year = ? "
                     "AND idx = ?", (clean(heading), str(period), clean(articles), day.isoformat(), year, index))
        found = conn.execute(f"SELECT {_ORDER_COLUMNS} FROM orders WHERE year = ? AND idx = ?",
                             (year, index)).fetchone()
    return _order(found)


def nomenclature_data(conn: Connection, year: int) -> dict[str, Any] | None:
    """Return the nomenclature of a year as loaded (the form's data), or None."""
    row = conn.execute("SELECT data FROM nomenclatures WHERE year = ?", (year,)).fetchone()
    return json.loads(row[0]) if row else None


def years(conn: Connection) -> list[int]:
    """Return the years that have a nomenclature in the register."""
    return [row[0] for row in conn.execute("SELECT year FROM nomenclatures ORDER BY year")]


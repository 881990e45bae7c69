"""The year's cycle from the register: close a year, find expired orders, withdraw and return documents.

- :func:`close_year` (rules 36, 39–41): the nomenclature with its final entry; the
  inventory of orders of each category (permanent; over ten years), in two copies;
  and for every such order its cover, internal inventory and certification sheet,
  the sheets numbered from what was filed (an entry's ``sheets``, 1 if not given).
- :func:`expired` (rule 47): the orders whose storage period has run out by a
  date — it counts from 1 January of the year after the order's year — and a draft
  destruction act pre-filled with them; permanent orders never appear.
- :func:`withdraw`, :func:`return_documents` (rule 42): the act on the withdrawal of
  documents, recorded so that the order's inventory shows the copy in place of the
  original until the return.

Every document is made by ``pea_docs.render`` (the forms' own checks run) before
any is written, then each is written atomically: a refusal leaves nothing
behind. Each function returns the paths it wrote.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from pea_docs.api import render
from pea_docs.errors import InputError, Problem
from pea_docs.locale import gettext
from pea_docs.models.archive import CATEGORIES
from pea_docs.ooxml.document import atomic_write
from pea_docs.store import nomenclature
from pea_docs.store.checks import parse_date_field, problem
from pea_docs.store.db import immediate
from pea_docs.store.entry import Entry
from pea_docs.store.rows import check_direction

if TYPE_CHECKING:
    from pea_docs.store.register import Register

__all__ = ["Filed", "FiledEntry", "close_year", "transfer_act", "expired", "filed_documents", "return_documents", "withdraw"]

#: Rows of the internal inventory that fit on one sheet (for its own sheet count, rule 39).
ROWS_PER_SHEET = 20


class FiledEntry(NamedTuple):
    """What the archive's documents need of a filed entry (read without the rest of the row)."""

    direction: str
    year: int
    number: int
    registered: date
    doc_date: date | None
    doc_number: str | None
    summary: str
    case: str
    sheets: int | None


@dataclass(frozen=True)
class Filed:
    """A document filed in an order, with its place there: first and last sheet (rule 39)."""

    entry_id: int
    entry: FiledEntry
    first: int
    last: int
    withdrawn: tuple[str, date] | None  # the act (number, date) holding the original out

    @property
    def sheets(self) -> str:
        """Return the sheets as the inventory prints them: ``5`` or ``5-7``."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def day(self) -> date:
        """Return the document's own date: the sender's for an incoming one, else the registration's."""
        return self.entry.doc_date or self.entry.registered


def filed_documents(register: Register, year: int) -> dict[str, list[Filed]]:
    """Return the documents filed in each order of ``year``, in chronological order with their sheets.

    Rule 37: inside an order documents follow their dates (the registration order
    breaks a tie, so a reply registered after its request follows it).
    """
    conn = register._conn
    rows = conn.execute("SELECT id, direction, year, number, registered, doc_date, doc_number, summary, case_ref, "
                        "sheets FROM entries WHERE case_ref IS NOT NULL AND coalesce(case_year, year) = ? "
                        "ORDER BY id", (year,)).fetchall()
    # the act's date is read from its data here, not by the database's JSON functions (they differ)
    out_now = {entry_id: (number, date.fromisoformat(json.loads(data)["date"])) for entry_id, number, data in conn.execute(
        "SELECT w.entry_id, a.number, a.data FROM withdrawn w "
        "JOIN withdrawals a ON a.id = w.withdrawal_id WHERE a.returned IS NULL").fetchall()}
    by_order: dict[str, list[tuple[int, FiledEntry]]] = {}
    for entry_id, direction, year_, number, registered, doc_date, doc_number, summary, case, sheets in rows:
        entry = FiledEntry(direction, year_, number, date.fromisoformat(registered),
                           date.fromisoformat(doc_date) if doc_date else None, doc_number, summary, case, sheets)
        by_order.setdefault(case, []).append((entry_id, entry))
    result: dict[str, list[Filed]] = {}
    for index, items in by_order.items():
        items.sort(key=lambda item: (item[1].doc_date or item[1].registered, item[0]))
        sheet = 1
        placed: list[Filed] = []
        for entry_id, entry in items:
            count = entry.sheets or 1
            placed.append(Filed(entry_id, entry, sheet, sheet + count - 1, out_now.get(entry_id)))
            sheet += count
        result[index] = placed
    return result


def _agent(register: Register, agent: Any) -> dict[str, Any]:
    found = dict(agent) if isinstance(agent, Mapping) else register.agent
    if not found:
        raise InputError([problem("store.no_agent", ("agent",), None,
                                  "is not kept by the register; keep it first (`pea-docs register agent "
                                  "--agent office.yaml`) or give --agent FILE")])
    return found


def _compiler(agent: Mapping[str, Any], lang: str) -> dict[str, Any]:
    person = {k: agent[k] for k in ("surname", "name", "patronymic") if agent.get(k)}
    person["position"] = agent.get("position") or gettext("Private enforcement agent", lang=lang, domain="format")
    return person


def _safe(index: str) -> str:
    # an index names a folder: 02-05/1 must not become a path
    return re.sub(r"[^\w.-]+", "_", index).strip("._") or "order"


def _save(document: Any, path: Path, pending: list[tuple[Any, Path]]) -> None:
    # kept until every document is made: a form refusing the last order must not leave half a year written
    pending.append((document, path))


def _write(pending: list[tuple[Any, Path]]) -> list[Path]:
    """Write the documents made (each atomically) and return their paths."""
    written = []
    for document, path in pending:
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(document.save(path))
    return written


def _nomenclature(register: Register, year: int, filed: Mapping[str, list[Filed]], on: date,
                  compiler: dict[str, Any]) -> dict[str, Any]:
    """Return the nomenclature as it stands at the year's end, with its final entry (rule 36)."""
    data = nomenclature.nomenclature_data(register._conn, year)
    assert data is not None
    orders = nomenclature.orders(register._conn, year)
    sections: list[dict[str, Any]] = [{**s, "orders": [], "reserve": []} for s in data["sections"]]
    for order in orders:
        section = sections[order.section]
        if not order.is_open:
            section["reserve"].append(order.index)
            continue
        row: dict[str, Any] = {"index": order.index, "heading": order.heading, "storage": order.storage,
                               "count": 1 if filed.get(order.index) else 0, "carried_over": order.carried_over}
        row.update({k: v for k, v in (("articles", order.articles), ("note", order.note)) if v})
        if order.opened:
            row["opened"] = order.opened.isoformat()
        section["orders"].append(row)
    return {**data, "sections": sections, "final_entry": {"date": on.isoformat(), "compiler": compiler}}


def close_year(register: Register, year: int, output: str | os.PathLike[str], *, on: date | str | None = None,
               lang: str = "ru", agent: Any = None) -> list[Path]:
    """Write the year's closing documents into ``output`` and return their paths (rules 36, 39–41).

    Raises:
        InputError: no nomenclature of the year (``store.no_nomenclature``), no agent
            (``store.no_agent``), or a document a form refuses (its own codes).
    """
    conn = register._conn
    if not nomenclature.years_has(conn, year):
        raise InputError([problem("store.no_nomenclature", ("year",), year,
                                  "has no nomenclature in the register; load it first "
                                  "(`pea-docs archive nomenclature FILE`)")])
    day = parse_date_field(on, "on") if on not in (None, "") else register._clock().date()
    kept_agent = _agent(register, agent)
    compiler = _compiler(kept_agent, lang)
    folder = Path(output)
    filed = filed_documents(register, year)
    written: list[tuple[Any, Path]] = []
    data = _nomenclature(register, year, filed, day, compiler)
    _save(render("nomenclature", data, lang=lang), folder / f"nomenclature.{year}.docx", written)
    full = [o for o in nomenclature.orders(conn, year)
            if o.is_open and o.category in ("permanent", "over_10") and filed.get(o.index)]
    for kind in CATEGORIES[:2]:
        chosen = [o for o in full if o.category == kind]
        if not chosen:
            continue
        rows = []
        for order in chosen:
            documents = filed[order.index]
            row = {"index": order.index, "heading": order.heading, "storage": order.storage,
                   "started": min(d.day for d in documents).isoformat(),
                   "ended": max(d.day for d in documents).isoformat(), "sheets": documents[-1].last}
            if order.articles:
                row["articles"] = order.articles
            rows.append(row)
        inventory = {"year": year, "category": kind, "agent": kept_agent, "orders": rows, "compiler": compiler,
                     "date": day.isoformat()}
        _save(render("inventory_of_orders", inventory, lang=lang),
              folder / f"inventory_of_orders.{year}.{kind}.docx", written)
    for order in full:
        _order_documents(order, filed[order.index], kept_agent, compiler, day, lang,
                         folder / _safe(order.index), written)
    return _write(written)


def _order_documents(order: nomenclature.Order, documents: Sequence[Filed], agent: Mapping[str, Any],
                     compiler: dict[str, Any], day: date, lang: str, folder: Path,
                     written: list[tuple[Any, Path]]) -> None:
    """Write an order's cover, internal inventory and certification sheet (rules 39, 40)."""
    assert order.heading is not None and order.storage is not None
    rows = []
    for item in documents:
        entry = item.entry
        row: dict[str, Any] = {"date": item.day.isoformat(), "heading": entry.summary, "sheets": item.sheets}
        number = entry.doc_number or (str(entry.number) if entry.direction == "outgoing" else None)
        if number:
            row["index"] = number
        if item.withdrawn:
            act, when = item.withdrawn
            row["note"] = gettext("copy; the original withdrawn by act No. {number} of {date}", lang=lang,
                                  domain="case_files").format(number=act, date=when.strftime("%d.%m.%Y"))
        rows.append(row)
    sheets = documents[-1].last
    inventory_sheets = math.ceil(len(rows) / ROWS_PER_SHEET)
    common = {"case_index": order.index, "case_heading": order.heading}
    inventory = {**common, "documents": rows, "inventory_sheets": inventory_sheets, "compiler": compiler,
                 "date": day.isoformat()}
    _save(render("internal_inventory", inventory, lang=lang), folder / "internal_inventory.docx", written)
    certification = {**common, "storage": order.storage, "sheets": sheets, "inventory_sheets": inventory_sheets,
                     "compiler": compiler, "date": day.isoformat()}
    _save(render("certification_sheet", certification, lang=lang), folder / "certification_sheet.docx", written)
    cover: dict[str, Any] = {"index": order.index, "heading": order.heading, "storage": order.storage,
                             "sheets": sheets, "started": min(d.day for d in documents).isoformat(),
                             "ended": max(d.day for d in documents).isoformat()}
    if order.articles:
        cover["articles"] = order.articles
    _save(render("case_cover", {"agent": agent, "order": cover}, lang=lang), folder / "case_cover.docx", written)


def expired_orders(register: Register, on: date) -> list[tuple[nomenclature.Order, list[Filed]]]:
    """Return the orders whose storage period has run out on ``on``, with their documents (rule 47).

    A period counts from 1 January of the year after the order's year: an order
    of 2025 kept five years may be destroyed from 1 January 2031. Permanent
    orders, and orders nothing was filed in, never appear.
    """
    found = []
    for year in nomenclature.years(register._conn):
        filed = filed_documents(register, year)
        for order in nomenclature.orders(register._conn, year):
            if not order.is_open or order.storage in (None, "permanent") or not filed.get(order.index):
                continue
            assert isinstance(order.storage, int)
            if on >= date(year + 1 + order.storage, 1, 1):
                found.append((order, filed[order.index]))
    return found


def expired(register: Register, on: date | str, output: str | os.PathLike[str], *, lang: str = "ru",
            agent: Any = None) -> list[Path]:
    """Write a draft destruction act of the orders expired on ``on`` (its data as YAML beside it).

    Returns the paths written: none when nothing has expired. The act is a draft
    («ПРОЕКТ»): the commission, the chamber's order and the destruction are the
    clerk's to add to the YAML before rendering it again (rules 48–52).
    """
    day = parse_date_field(on, "on")
    found = expired_orders(register, day)
    if not found:
        return []
    kept_agent = _agent(register, agent)
    drafter = {"role": "agent", **{k: kept_agent[k] for k in ("surname", "name", "patronymic", "license")
                                   if kept_agent.get(k)}}
    items = []
    for order, documents in found:
        years = sorted({d.entry.year for d in documents} | {order.year})
        items.append({"heading": order.heading, "index": order.index,
                      "years": str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}",
                      "volumes": 1, "storage": order.storage, "articles": order.articles or "—"})
    data = {"number": "1", "date": day.isoformat(), "place": kept_agent.get("territory") or "—",
            "drafter": drafter, "list_name": gettext("List of standard documents with storage periods",
                                                      lang=lang, domain="case_files"), "items": items}
    folder = Path(output)
    pending: list[tuple[Any, Path]] = []
    _save(render("destruction_act", data, lang=lang, draft=True), folder / "destruction_act.draft.docx", pending)
    written = _write(pending)
    source = folder / "destruction_act.draft.yaml"
    text = yaml.safe_dump({"form": "destruction_act", "lang": lang, "data": data}, allow_unicode=True,
                          sort_keys=False)
    written.append(atomic_write(source, lambda fh: fh.write(text.encode("utf-8"))))
    return written


# -- withdrawals (rule 42) -----------------------------------------------------------------------


def _find(register: Register, key: Any, i: int) -> tuple[int, Entry]:
    """Return (id, entry) of ``"incoming 2025/15"`` or ``("incoming", 15, 2025)``, the ``i``-th entry named."""
    match = re.fullmatch(r"\s*(incoming|outgoing)\s+(\d{4})\s*/\s*(\d+)\s*", key) if isinstance(key, str) else None
    if isinstance(key, (tuple, list)) and len(key) == 3:
        direction, number, year = key
    elif match:
        direction, year, number = match.group(1), int(match.group(2)), int(match.group(3))
    else:
        raise InputError([problem("store.withdrawal", ("entries", i), key,
                                  "is not an entry; write it as 'incoming 2025/15'")])
    try:
        entry = register.get(check_direction(direction), int(number), year=int(year))
    except InputError as exc:
        # "number: 15 is not a number in the incoming register" names the entry, not the number field
        raise InputError([replace(p, loc=("entries", i), value=key) for p in exc.problems]) from None
    row = register._conn.execute("SELECT id FROM entries WHERE direction = ? AND year = ? AND number = ?",
                                 (entry.direction, entry.year, entry.number)).fetchone()
    return int(row[0]), entry


def withdraw(register: Register, act: Mapping[str, Any], *, lang: str = "ru") -> Any:
    """Record a withdrawal act and return it as a document (rule 42).

    ``act`` is the form's data with ``entries`` (``["incoming 2025/15", ...]``) in
    place of ``documents``: each entry must be filed in an order, and not withdrawn
    already; the rows (order, heading, number, date, sheets) come from the register.
    ``original`` (default true) applies to every entry.

    Raises:
        InputError: an entry not filed or already out, an act number used in the year
            (``store.withdrawal``), or what the form refuses.
    """
    data = dict(act)
    keys = data.pop("entries", None) or []
    original = data.pop("original", True)
    agent = _agent(register, data.get("agent"))
    data["agent"] = agent
    found = [_find(register, key, i) for i, key in enumerate(keys)]
    if not found:
        raise InputError([problem("store.withdrawal", ("entries",), None,
                                  "names no entry; list what is withdrawn: ['incoming 2025/15', ...]")])
    problems: list[Problem] = []
    rows = []
    seen: set[int] = set()
    placed: dict[int, Filed] = {}  # every filed document of the years named, read once a year
    headings: dict[tuple[int, str], str] = {}
    for year in {entry.order_year for _, entry in found}:
        placed.update((f.entry_id, f) for documents in filed_documents(register, year).values() for f in documents)
        headings.update(((year, o.index), o.heading) for o in nomenclature.orders(register._conn, year) if o.heading)
    for i, (entry_id, entry) in enumerate(found):
        if entry_id in seen:
            problems.append(problem("store.withdrawal", ("entries", i), entry.key, "is listed twice"))
            continue
        seen.add(entry_id)
        item = placed.get(entry_id)
        heading = headings.get((entry.order_year, entry.case or ""))
        if item is None or heading is None:  # a case kept as free text (no nomenclature) is not an order
            problems.append(problem("store.withdrawal", ("entries", i), entry.key,
                                    "is not filed in an order of the nomenclature: only a filed document is "
                                    "withdrawn from one"))
            continue
        if item.withdrawn:
            problems.append(problem("store.withdrawal", ("entries", i), entry.key,
                                    f"is already out, by act No. {item.withdrawn[0]}; return it first"))
            continue
        row = {"case_index": entry.case, "case_heading": heading, "heading": entry.summary,
               "date": item.day.isoformat(), "sheets": item.sheets, "original": bool(original)}
        if entry.doc_number:
            row["number"] = entry.doc_number
        rows.append(row)
    if problems:
        raise InputError(problems)
    data["documents"] = rows
    document = render("withdrawal_act", data, lang=lang)  # the form's checks before anything is kept
    day = parse_date_field(data["date"], "date")
    number = str(data.get("number") or "")
    with immediate(register._conn) as conn:
        if conn.execute("SELECT 1 FROM withdrawals WHERE year = ? AND number = ?", (day.year, number)).fetchone():
            raise InputError([problem("store.withdrawal", ("number",), number,
                                      f"is already the number of a withdrawal act of {day.year}")])
        stored = json.dumps({**data, "date": day.isoformat()}, ensure_ascii=False, default=str)
        act_id = conn.execute("INSERT INTO withdrawals (year, number, data) VALUES (?, ?, ?) RETURNING id",
                              (day.year, number, stored)).fetchone()[0]
        conn.executemany("INSERT INTO withdrawn (withdrawal_id, entry_id) VALUES (?, ?)",
                         [(act_id, entry_id) for entry_id, _ in found])
    return document


def return_documents(register: Register, number: Any, *, year: int, returned: Mapping[str, Any],
                     lang: str = "ru") -> Any:
    """Record the return of the documents of withdrawal act ``number`` of ``year``; return the act with its note.

    ``returned`` is ``{date, returned_by, received_by}``. The originals go back in
    their orders and the copies out (rule 42): the inventory shows the original again.

    Raises:
        InputError: no such act, or returned already (``store.withdrawal``), or a bad return.
    """
    row = register._conn.execute("SELECT id, data, returned FROM withdrawals WHERE year = ? AND number = ?",
                                 (year, str(number))).fetchone()
    if row is None or row[2] is not None:
        why = f"is not a withdrawal act of {year}" if row is None else f"(an act of {year}) was returned already"
        raise InputError([problem("store.withdrawal", ("number",), number, why)])
    data = {**json.loads(row[1]), "returned": dict(returned)}
    document = render("withdrawal_act", data, lang=lang)
    with immediate(register._conn) as conn:
        conn.execute("UPDATE withdrawals SET returned = ? WHERE id = ? AND returned IS NULL",
                     (json.dumps(data["returned"], ensure_ascii=False, default=str), row[0]))
    return document


# -- the transfer of the archive (rules 7, 8) -----------------------------------------------------


def transfer_act(register: Register, act: Mapping[str, Any], *, years: Sequence[int] | None = None,
                 lang: str = "ru") -> Any:
    """Return the act of acceptance and transfer with its archive table filled from the register (rules 7, 8).

    ``act`` is the ``acceptance_transfer_act`` form's data. Unless it lists its own
    ``archive``, every order of the register's nomenclatures (of ``years``, if given)
    that holds documents is added: index, heading and year, its sheets, its storage.
    The pending proceedings are the act's own: the register does not follow proceedings.
    """
    from pea_docs.format.storage import format_storage

    data = dict(act)
    if "archive" not in data:
        rows = []
        for year in years or nomenclature.years(register._conn):
            filed = filed_documents(register, year)
            for order in nomenclature.orders(register._conn, year):
                documents = filed.get(order.index)
                if not order.is_open or not documents:
                    continue
                rows.append({"index": order.index, "heading": f"{order.heading}, {year}", "sheets": documents[-1].last,
                             "note": format_storage(order.storage or 1, lang=lang, articles=order.articles)})
        data["archive"] = rows
    return render("acceptance_transfer_act", data, lang=lang)

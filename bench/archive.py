"""Benchmark: `archive close` for a year against exporting the same year's register.

Builds a register of one year — a nomenclature of ``--orders`` orders (30 %
permanent, 20 % over ten years, 50 % up to ten) and ``--documents`` entries,
half incoming, half outgoing, filed in them round the orders — then times, in
the same run and alternately:

- the reference: exporting that year's registers (``Register.export`` of the
  incoming and of the outgoing register: the XLSX journals of Appendices 1, 2);
- ``Register.close_year``: the nomenclature with its final entry, the two
  inventories of orders, and each full-registration order's cover, internal
  inventory and certification sheet.

Issue 11 asks the close to take within 3x the export. The entries are written by
plain SQL in one transaction (setting up is not what is measured).

Run: ``/work/venv/bin/python bench/archive.py [--documents 20000] [--orders 200] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from pea_docs.store import Register
from pea_docs.store.db import immediate

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы"}


def _storage(i: int, orders: int) -> int | str:
    share = i / orders
    return "permanent" if share < 0.3 else 15 if share < 0.5 else 5


def build(path: Path, documents: int, orders: int) -> Register:
    reg = Register(path, clock=lambda: datetime(2025, 12, 31, 17, 0))
    reg.set_agent(AGENT)
    per_section = 20
    indices = [f"{i // per_section + 1:02}-{i % per_section + 1:02}" for i in range(orders)]
    sections = []
    for s in range(0, orders, per_section):
        chunk = indices[s:s + per_section]
        sections.append({"title": f"Раздел {s // per_section + 1}", "reserve": [f"{chunk[0][:2]}-99"],
                         "orders": [{"index": index, "heading": f"Дело {index}: переписка по исполнительным "
                                     "производствам", "storage": _storage(s + k, orders), "articles": str(s + k)}
                                    for k, index in enumerate(chunk)]})
    reg.load_nomenclature({"year": 2025, "agent": AGENT, "sections": sections})
    start = date(2025, 1, 9)
    rows = []
    numbers = {"incoming": 0, "outgoing": 0}
    for i in range(documents):
        direction = "incoming" if i % 2 == 0 else "outgoing"
        numbers[direction] += 1
        day = (start + timedelta(days=i * 350 // documents)).isoformat()
        party = json.dumps(f"ТОО «Контрагент {i % 97}»", ensure_ascii=False)
        rows.append((direction, 2025, numbers[direction], day, f"{day} 10:00:00" if direction == "incoming" else None,
                     day if direction == "incoming" else None, f"{i}-12/34", party,
                     f"Запрос о ходе исполнительного производства № {i}", indices[i % orders], "bench",
                     "2025-12-31T12:00:00.000000Z", 1 + i % 3))
    with immediate(reg._conn) as conn:
        conn.executemany("INSERT INTO entries (direction, year, number, registered, received, doc_date, doc_number, "
                         "party, summary, case_ref, registered_by, registered_at, sheets) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return reg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        reg = build(folder / "office.sqlite", args.documents, args.orders)
        exports, closes, written = [], [], 0
        for n in range(args.rounds):
            began = time.perf_counter()
            for direction in ("incoming", "outgoing"):
                reg.export(direction, 2025).save(folder / f"{direction}.xlsx")
            exports.append(time.perf_counter() - began)
            began = time.perf_counter()
            paths = reg.close_year(2025, folder / f"close{n}", on="2025-12-31")
            closes.append(time.perf_counter() - began)
            written = len(paths)
            shutil.rmtree(folder / f"close{n}")
        export, close = statistics.median(exports), statistics.median(closes)
        print(f"{args.documents} documents in {args.orders} orders, {args.rounds} rounds (medians)")
        print(f"  export of the year's registers (reference): {export:7.2f} s")
        print(f"  archive close ({written} files):            {close:7.2f} s")
        print(f"  close / export: {close / export:.2f}x (issue 11: within 3x)")
        reg.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

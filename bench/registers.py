"""Benchmark: incoming registers of 1,000 / 10,000 / 100,000 entries read from a generator.

For each size, in a fresh process (so that peak RSS is that size's own), the
wall and CPU seconds, entries per CPU second and peak RSS of:

- ``stream``: ``stream_register("incoming_register", data, path)``, the one-pass
  way: each entry is validated, checked (numbers, rule 20, dates) and written;
- ``render``: ``pea_docs.render("incoming_register", data).save(path)`` with the
  same generator: entries validated and checked first, kept in a temporary file,
  then written.

Then, in alternating rounds (5 by default), 100,000 entries streamed, the old
way (the entries a list in the input dict, validated as one model) and three
references writing the same 100,000 rows from the same generator with no
validation, no checks, no title or header: XlsxWriter ``constant_memory`` with
the register's cell formats (the writer pea-docs uses), openpyxl ``write_only``
and plain openpyxl (``Workbook()``, every cell in memory); the median ratios
with their range.
"base" is the RSS of the process after its imports (pea_docs, openpyxl,
XlsxWriter) and a register of ten entries written the same way (what the first
use loads: the calendar of Kazakhstan, the catalogs), before the run; peak RSS
ratios compare the whole processes.
Entries per second and the time ratios use CPU time (user + system) of the
process, which other work on a shared machine disturbs far less than wall time.

Run: ``/work/venv/bin/python bench/registers.py [--rounds 5]``
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from stats import median  # bench/stats.py

SIZES = (1_000, 10_000, 100_000)
REFERENCE = 100_000


def make_entries(n: int) -> Iterator[dict[str, Any]]:
    """Yield ``n`` incoming entries received over the year, as rows of a database would come."""
    start = datetime(2025, 1, 6, 10, 0)
    for i in range(n):
        received = start + timedelta(minutes=(i * 480_000) // n)  # spread over the year
        yield {
            "received": received.strftime("%Y-%m-%d %H:%M"),
            "doc_date": (received.date() - timedelta(days=2)).isoformat(),
            "doc_number": f"12-34/{i + 1}",
            "sender": {"organization": f"ТОО «Құрылыс & Сервис {i % 97}»",
                       "address": "050000, г. Алматы, ул. Абая, 1"},
            "summary": f"Запрос о ходе исполнительного производства № 0201-25-{i:05d}",
            "case": "02-05",
        }


def make_data(n: int, *, as_list: bool = False) -> dict[str, Any]:
    """Return an incoming register of ``n`` entries: a generator, or a list for the old way."""
    entries = make_entries(n)
    return {"year": 2025, "agent": {"surname": "Сәрсенбаев", "name": "Ерғали"},
            "entries": list(entries) if as_list else entries}


def _rows(n: int) -> Iterator[tuple[Any, ...]]:
    """Yield the table rows of the same entries, for the references (no checks, no rule 20)."""
    for i, e in enumerate(make_entries(n), start=1):
        yield (i, date.fromisoformat(e["received"][:10]), date.fromisoformat(e["doc_date"]),
               e["doc_number"], e["sender"]["organization"] + ", " + e["sender"]["address"],
               e["summary"], None, e["case"], None)


def _xlsxwriter_formats(wb: Any) -> list[Any]:
    """Return the cell formats of the register's nine columns, as pea-docs makes them."""
    cell = {"font_name": "Times New Roman", "font_size": 10, "valign": "top", "border": 1,
            "text_wrap": True}
    return [wb.add_format({**cell, "align": "center"}),
            wb.add_format({**cell, "align": "center", "num_format": '"рег. "dd.mm.yyyy'}),
            wb.add_format({**cell, "align": "center", "num_format": '"от "dd.mm.yyyy'}),
            wb.add_format({**cell, "num_format": '"№ "@'}),
            *[wb.add_format(cell)] * 5]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _run(kind: str, n: int, path: str) -> None:
    if kind == "stream":
        from pea_docs.documents.registers import stream_register
        stream_register("incoming_register", make_data(n), path)
    elif kind == "render":
        import pea_docs
        pea_docs.render("incoming_register", make_data(n)).save(path)
    elif kind == "list":
        import pea_docs
        pea_docs.render("incoming_register", make_data(n, as_list=True)).save(path)
    elif kind == "openpyxl":
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in _rows(n):
            ws.append(row)
        wb.save(path)
    elif kind == "openpyxl-write-only":
        import openpyxl
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        for row in _rows(n):
            ws.append(row)
        wb.save(path)
    elif kind == "xlsxwriter":
        # the same cells in the same formats (a bordered, wrapped cell per column, the
        # three number formats), constant-memory mode: the writer pea-docs itself uses
        import xlsxwriter
        wb = xlsxwriter.Workbook(path, {"constant_memory": True,
                                        "tmpdir": os.path.dirname(path)})
        ws = wb.add_worksheet()
        formats = _xlsxwriter_formats(wb)
        for r, row in enumerate(_rows(n)):
            for c, (value, fmt) in enumerate(zip(row, formats, strict=True)):
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, fmt)
                elif value is None:
                    ws.write_blank(r, c, None, fmt)
                else:
                    ws.write(r, c, value, fmt)
        wb.close()
    else:
        raise SystemExit(f"unknown kind {kind}")


def child(kind: str, n: int) -> dict[str, Any]:
    """Run one measurement in this process and return its figures."""
    # import everything first, so that "base" is the process ready to work
    import openpyxl  # noqa: F401
    import xlsxwriter  # noqa: F401

    import pea_docs  # noqa: F401
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "register.xlsx")
        # a register of ten entries first: what a run loads on first use (the calendar of
        # Kazakhstan, the catalogs) is in "base", so peak - base is what the entries cost
        _run(kind, 10, path)
        base = _rss_mb()
        t0, c0 = time.perf_counter(), _cpu_seconds()
        _run(kind, n, path)
        seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - c0
        size = os.path.getsize(path)
    return {"kind": kind, "n": n, "seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(),
            "base_mb": base, "bytes": size}


def _spawn(kind: str, n: int) -> dict[str, Any]:
    result = subprocess.run([sys.executable, __file__, kind, str(n)],
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{kind} {n} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def _line(r: dict[str, Any]) -> str:
    return (f"{r['kind']:<20} {r['n']:>8} {r['seconds']:>8.2f} {r['cpu']:>6.2f} "
            f"{r['n'] / r['cpu']:>10.0f} "
            f"{r['peak_mb']:>12.1f} {r['base_mb']:>8.1f} {r['peak_mb'] - r['base_mb']:>13.1f} "
            f"{r['bytes'] / 2**20:>8.1f}")


def main() -> None:
    if len(sys.argv) == 3 and not sys.argv[1].startswith("-"):  # a child: KIND N
        print(json.dumps(child(sys.argv[1], int(sys.argv[2]))))
        return
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    print(f"{'way':<20} {'entries':>8} {'wall s':>8} {'CPU s':>6} {'entries/s':>10} "
          f"{'peak RSS MB':>12} "
          f"{'base MB':>8} {'peak-base MB':>13} {'file MB':>8}")
    results: dict[tuple[str, int], dict[str, Any]] = {}
    for kind in ("stream", "render"):
        for n in SIZES:
            results[kind, n] = r = _spawn(kind, n)
            print(_line(r), flush=True)
    for kind in ("stream", "render"):
        small, large = results[kind, SIZES[1]], results[kind, SIZES[2]]
        print(f"{kind}: peak RSS over base at {SIZES[2]:,} entries minus at {SIZES[1]:,}: "
              f"{(large['peak_mb'] - large['base_mb']) - (small['peak_mb'] - small['base_mb']):+.1f}"
              " MB")
    # the ratios: each way once per round, the rounds alternating, CPU seconds compared
    kinds = ("stream", "xlsxwriter", "openpyxl-write-only", "openpyxl", "list")
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    peak: dict[str, list[float]] = {kind: [] for kind in kinds}
    print(f"\n{rounds} alternating rounds at {REFERENCE:,} entries (CPU s per way):", flush=True)
    for i in range(rounds):
        for kind in kinds:
            r = _spawn(kind, REFERENCE)
            cpu[kind].append(r["cpu"])
            peak[kind].append(r["peak_mb"])
        print(f"  round {i + 1}: " + ", ".join(f"{k} {cpu[k][-1]:.2f}" for k in kinds), flush=True)
    for kind in kinds:
        print(f"  {kind:<20} median {median(cpu[kind]):6.2f} s  "
              f"(min {min(cpu[kind]):.2f} – max {max(cpu[kind]):.2f}), "
              f"{REFERENCE / median(cpu[kind]):,.0f} entries/s, peak RSS {median(peak[kind]):.0f} MB")
    for mine in ("stream", "list"):
        for ref in ("xlsxwriter", "openpyxl-write-only", "openpyxl"):
            ratios = [a / b for a, b in zip(cpu[mine], cpu[ref], strict=True)]
            print(f"  {mine} / {ref}: CPU time {median(ratios):.2f} "
                  f"({min(ratios):.2f}–{max(ratios):.2f}), peak RSS "
                  f"{median(peak[mine]) / median(peak[ref]):.2f}")


if __name__ == "__main__":
    main()

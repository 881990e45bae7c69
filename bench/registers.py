"""Benchmark: render incoming registers of 1,000 / 10,000 / 100,000 entries.

Prints, for each size, the seconds, entries per second and peak memory of
``pea_docs.render("incoming_register", data)`` (validation, rule 20 and the
XLSX writer), each size in a fresh process so that peak RSS is its own; then
the same 100,000 rows written by plain openpyxl (no validation, no layout) in
the same run, and the ratio of the two.

Run: ``/work/venv/bin/python bench/registers.py``
"""

from __future__ import annotations

import gc
import io
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta

SIZES = (1_000, 10_000, 100_000)


def make_data(n: int) -> dict:
    """Return an incoming register of ``n`` entries received over the year."""
    start = datetime(2025, 1, 6, 10, 0)
    entries = []
    for i in range(n):
        received = start + timedelta(minutes=(i * 480_000) // n)  # spread over the year
        entries.append({
            "received": received.strftime("%Y-%m-%d %H:%M"),
            "doc_date": (received.date() - timedelta(days=2)).isoformat(),
            "doc_number": f"12-34/{i + 1}",
            "sender": {"organization": f"ТОО «Құрылыс & Сервис {i % 97}»",
                       "address": "050000, г. Алматы, ул. Абая, 1"},
            "summary": f"Запрос о ходе исполнительного производства № 0201-25-{i:05d}",
            "case": "02-05",
        })
    return {"year": 2025, "agent": {"surname": "Сәрсенбаев", "name": "Ерғали"},
            "entries": entries}


def _rows(data: dict):
    for i, e in enumerate(data["entries"], start=1):
        yield (i, e["received"][:10], e["doc_date"], e["doc_number"],
               e["sender"]["organization"] + ", " + e["sender"]["address"], e["summary"], None,
               e["case"], None)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_pea(n: int) -> dict:
    import pea_docs.api as api
    from pea_docs.forms.registry import get_form
    from pea_docs.models import coerce
    data = make_data(n)
    before = _peak_mb()
    t0 = time.perf_counter()
    doc = api.render("incoming_register", data)
    out = io.BytesIO()
    doc.write_to(out)
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    # the writer alone, on a model already validated: its memory is what streams
    spec = get_form("incoming_register")
    model = coerce(spec.model, data)
    del out, doc
    gc.collect()
    sampled = [0.0]
    done = threading.Event()

    def sample() -> None:  # RSS every 5 ms while the writer runs
        while not done.is_set():
            sampled[0] = max(sampled[0], _rss_now())
            time.sleep(0.005)

    with tempfile.TemporaryFile() as sink:
        model_mb = _rss_now()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t1 = time.perf_counter()
        try:
            spec.build(model, "ru", False).write_to(sink)
        finally:
            write_seconds = time.perf_counter() - t1
            done.set()
            sampler.join()
    return {"n": n, "seconds": seconds, "peak_mb": peak, "data_mb": before,
            "write_seconds": write_seconds,
            "write_peak_over_model_mb": max(sampled[0], _rss_now()) - model_mb}


def _rss_now() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def run_openpyxl(n: int) -> dict:
    import openpyxl
    data = make_data(n)
    before = _peak_mb()
    t0 = time.perf_counter()
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _rows(data):
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    seconds = time.perf_counter() - t0
    return {"n": n, "seconds": seconds, "peak_mb": _peak_mb(), "data_mb": before,
            "bytes": len(out.getvalue())}


def _child(kind: str, n: int) -> dict:
    result = subprocess.run([sys.executable, __file__, kind, str(n)],
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{kind} {n} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def main() -> None:
    if len(sys.argv) == 3:
        kind, n = sys.argv[1], int(sys.argv[2])
        print(json.dumps(run_pea(n) if kind == "pea" else run_openpyxl(n)))
        return
    print("render = validate + rule 20 + checks + XLSX; write = XLSX writer alone on a "
          "validated model")
    print(f"{'entries':>8} {'render s':>9} {'entries/s':>10} {'peak RSS MB':>12} "
          f"{'input MB':>9} {'write s':>8} {'write peak over model MB':>25}")
    results = {}
    for n in SIZES:
        r = results[n] = _child("pea", n)
        print(f"{n:>8} {r['seconds']:>9.2f} {n / r['seconds']:>10.0f} {r['peak_mb']:>12.1f} "
              f"{r['data_mb']:>9.1f} {r['write_seconds']:>8.2f} "
              f"{r['write_peak_over_model_mb']:>25.1f}")
    ref = _child("openpyxl", SIZES[-1])
    print(f"openpyxl (plain Workbook, same {SIZES[-1]} rows, no validation): "
          f"{ref['seconds']:.2f} s, peak RSS {ref['peak_mb']:.1f} MB "
          f"(+{ref['peak_mb'] - ref['data_mb']:.1f} MB over the data)")
    mine = results[SIZES[-1]]
    print(f"ratio pea-docs / openpyxl: time {mine['seconds'] / ref['seconds']:.2f}, "
          f"memory over the data {(mine['peak_mb'] - mine['data_mb']) / max(ref['peak_mb'] - ref['data_mb'], 0.1):.2f}")


if __name__ == "__main__":
    main()

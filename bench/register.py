"""Benchmark: the registration rate of the register store (entries per second).

Measures ``Register.register_incoming`` (validation, rule 20, one ``BEGIN
IMMEDIATE`` transaction with the entry and its history row, then reading the
entry back) in one process and in 4 processes registering into the same file at
once. As a reference measured in the same run on the same disk, the same number
of bare SQLite inserts of one row per transaction with the same settings (WAL,
``synchronous=FULL``), in one process and in 4; the ratios say what the
register's checks and bookkeeping cost over SQLite's own commit.

Run: ``/work/venv/bin/python bench/register.py [--count 2000] [--processes 4] [--dir DIR]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path

from pea_docs.store import Register


def _register_worker(path: str, count: int, worker: int, start, results) -> None:
    with Register(path, clock=lambda: datetime(2025, 12, 30, 12, 0)) as reg:
        start.wait()
        began = time.perf_counter()
        for i in range(count):
            reg.register_incoming(sender={"organization": f"ТОО «Құрылыс & Сервис {worker}»",
                                          "address": "050000, г. Алматы, ул. Абая, 1"},
                                  doc_number=f"12-34/{i}", doc_date="06.01.2025",
                                  summary=f"Запрос о ходе исполнительного производства № {i}",
                                  received="2025-01-10 19:40", by=f"clerk{worker}")
        results.put(time.perf_counter() - began)


def _sqlite_worker(path: str, count: int, worker: int, start, results) -> None:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    start.wait()
    began = time.perf_counter()
    for i in range(count):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (worker, payload) VALUES (?, ?)", (worker, f"row {i}"))
        conn.execute("COMMIT")
    results.put(time.perf_counter() - began)
    conn.close()


def _run(target, path: str, total: int, processes: int) -> float:
    """Return the entries per second of ``processes`` workers sharing ``total`` entries."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    workers = [ctx.Process(target=target, args=(path, total // processes, w, start, results))
               for w in range(processes)]
    for w in workers:
        w.start()
    start.wait()  # workers have opened the file; the clock starts for all at once
    began = time.perf_counter()
    for _ in workers:
        results.get()
    elapsed = time.perf_counter() - began
    for w in workers:
        w.join()
    return (total // processes) * processes / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="entries per measurement")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--dir", default=None, help="folder for the database files (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        results = {}
        for processes in (1, args.processes):
            db = Path(folder) / f"register-{processes}.sqlite"
            Register(db).close()
            results[("register", processes)] = _run(_register_worker, str(db), args.count, processes)
            raw = Path(folder) / f"raw-{processes}.sqlite"
            conn = sqlite3.connect(raw)
            conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, worker INTEGER, payload TEXT)")
            conn.close()
            results[("sqlite", processes)] = _run(_sqlite_worker, str(raw), args.count, processes)
            with Register(db) as reg:
                numbers = [e.number for e in reg.list("incoming", year=2025)]
            assert numbers == list(range(1, args.count // processes * processes + 1)), \
                "numbers are not 1..N: the benchmark found a bug"
        print(f"{args.count} registrations per measurement, database in {folder}")
        print(f"{'':28}{'entries/s':>12}{'reference':>12}{'ratio':>8}")
        for processes in (1, args.processes):
            ours, ref = results[("register", processes)], results[("sqlite", processes)]
            print(f"register, {processes} process{'es' if processes > 1 else '':2}{'':8}"
                  f"{ours:12.0f}{ref:12.0f}{ours / ref:8.2f}")
        print("reference: bare SQLite insert, one row per BEGIN IMMEDIATE transaction, WAL, "
              "synchronous=FULL")


if __name__ == "__main__":
    main()

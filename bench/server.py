"""Benchmark: the office server through HTTP against the same work in-process; PostgreSQL against SQLite.

Per round (rounds alternate, the figures are medians with their range):

- **renders**: the registration stamp rendered ``--renders`` times in this process
  (``pea_docs.render(...).to_bytes()``, one thread), then the same renders as
  ``POST /render`` from 8 concurrent clients to a real ``pea-docs serve`` on
  127.0.0.1 (one uvicorn process), and to one started with ``--workers 2``. Prints
  renders/s of each, the ratios HTTP ÷ in-process, and p50/p99 latency of the HTTP requests.
- **registrations**: ``POST /register/incoming`` from 8 concurrent clients, ``--registrations``
  in all, on a server keeping its registers in SQLite and on one keeping them in
  PostgreSQL (``$PEA_DOCS_TEST_POSTGRES`` or ``--pg``); registrations/s of each and
  the ratio, with p50/p99; and, as the anchor, the same registrations in-process on
  one ``Register`` of each backend.

Run: ``/work/venv/bin/python bench/server.py [--rounds 3] [--renders 400] [--registrations 800]
[--pg postgresql:///pea_test]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import httpx

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent / "tests")]
from server_tools import start_server  # noqa: E402
from stats import median, spread  # noqa: E402

import pea_docs  # noqa: E402
from pea_docs.store import Register  # noqa: E402

CLIENTS = 8
STAMP = {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09", "index": "15", "color": "blue"}


def _incoming(i: int) -> dict:
    return {"sender": f"ТОО «Альфа {i % 50}»", "doc_number": f"12-{i}", "doc_date": "2025-03-03",
            "summary": f"Запрос {i}", "received": "2025-03-03 10:00"}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _http(server, path: str, bodies: list[dict], who: str = "a") -> tuple[float, list[float]]:
    """Send ``bodies`` from 8 clients at once; return the wall time and each request's latency."""
    chunks = [bodies[i::CLIENTS] for i in range(CLIENTS)]

    def client(chunk: list[dict]) -> list[float]:
        took = []
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.tokens[who]}"},
                          timeout=120) as http:
            for body in chunk:
                began = time.perf_counter()
                answer = http.post(path, json=body)
                took.append(time.perf_counter() - began)
                assert answer.status_code == 200, answer.text
        return took

    began = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [t for took in pool.map(client, chunks) for t in took]
    return time.perf_counter() - began, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--renders", type=int, default=400)
    parser.add_argument("--registrations", type=int, default=800)
    parser.add_argument("--pg", default=os.environ.get("PEA_DOCS_TEST_POSTGRES", ""))
    args = parser.parse_args()
    if not args.pg:
        parser.error("give --pg postgresql://... (or set PEA_DOCS_TEST_POSTGRES)")
    os.environ["PEA_DOCS_TEST_POSTGRES"] = args.pg
    work = Path(tempfile.mkdtemp(prefix="bench-server-"))
    servers = {backend: start_server(work / backend, backend) for backend in ("sqlite", "postgresql")}
    two = start_server(work / "two", "sqlite", workers=2)
    figures: dict[str, list[float]] = {}
    latency: dict[str, list[float]] = {}

    def keep(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    try:
        pea_docs.render("registration_stamp", STAMP).to_bytes()  # warm both sides alike
        for warm in (servers["sqlite"], two):
            _http(warm, "/render", [{"form": "registration_stamp", "data": STAMP}] * CLIENTS * 2)
        for r in range(args.rounds):
            began = time.perf_counter()
            for _ in range(args.renders):
                pea_docs.render("registration_stamp", STAMP).to_bytes()
            local = args.renders / (time.perf_counter() - began)
            wall, took = _http(servers["sqlite"], "/render",
                               [{"form": "registration_stamp", "data": STAMP}] * args.renders)
            keep("render in-process /s", local)
            keep("render HTTP /s", args.renders / wall)
            keep("render HTTP ÷ in-process", args.renders / wall / local)
            latency.setdefault("render", []).extend(took)
            wall, took = _http(two, "/render", [{"form": "registration_stamp", "data": STAMP}] * args.renders)
            keep("render HTTP 2 workers /s", args.renders / wall)
            keep("render HTTP 2 workers ÷ in-process", args.renders / wall / local)
            latency.setdefault("render 2 workers", []).extend(took)
            for backend, server in servers.items():
                offset = r * args.registrations
                bodies = [_incoming(offset + i) for i in range(args.registrations)]
                wall, took = _http(server, "/register/incoming", bodies, who="a")
                keep(f"register HTTP {backend} /s", args.registrations / wall)
                latency.setdefault(f"register {backend}", []).extend(took)
                # the anchor: the same registrations in this process, one Register, one client
                db = server.db or str(work / f"anchor-{r}.sqlite")
                office = f"bench anchor {r} {os.getpid()}"
                with Register(db, office=office, clock=lambda: datetime(2025, 3, 3, 12, 0)) as reg:
                    began = time.perf_counter()
                    for body in bodies[: args.registrations // 4]:
                        reg.register_incoming(**body, by="bench")
                    keep(f"register in-process {backend} /s", args.registrations // 4 / (time.perf_counter() - began))
                if server.db:
                    from pg_tools import drop_offices
                    drop_offices(server.db, [office])
            keep("register HTTP postgresql ÷ sqlite",
                 figures["register HTTP postgresql /s"][-1] / figures["register HTTP sqlite /s"][-1])
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        for server in [*servers.values(), two]:
            server.stop()
    print(f"office server, {CLIENTS} concurrent clients, {args.rounds} rounds, median (min–max)")
    for name, values in figures.items():
        print(f"  {name:38s} {spread(values, '.2f' if '÷' in name else '.0f')}")
    for name, values in latency.items():
        print(f"  latency {name:30s} p50 {median(values) * 1000:.1f} ms, p99 {_percentile(values, 0.99) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

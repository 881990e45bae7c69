"""Several clerks at once: 4 processes register 250 documents each -> numbers 1..1000, once each."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import datetime

import pytest
from clerks import race

from pea_docs.store import Register

PROCESSES = 4
EACH = 250


def _clerk(path: str, worker: int, count: int, start, results) -> None:
    with Register(path, clock=lambda: datetime(2025, 1, 9, 12, 0)) as reg:
        start.wait()  # every clerk starts at the same moment
        numbers = []
        for i in range(count):
            if i % 2:
                e = reg.register_outgoing(recipient=f"АО «Банк» {worker}", summary=f"Запрос {i}",
                                          by=f"clerk{worker}")
            else:
                e = reg.register_incoming(sender=f"ТОО «Альфа» {worker}", doc_number=str(i),
                                          doc_date="06.01.2025", summary=f"Запрос {i}",
                                          received="2025-01-09 10:00", by=f"clerk{worker}")
            numbers.append((e.direction, e.number))
    results.put(numbers)


@pytest.mark.slow
def test_four_processes_never_share_a_number_nor_leave_a_gap(tmp_path):
    path = str(tmp_path / "r.sqlite")
    got = race(path, _clerk, PROCESSES, EACH)
    # what each process was told
    told = {"incoming": [], "outgoing": []}
    for numbers in got:
        for direction, number in numbers:
            told[direction].append(number)
    assert sorted(told["incoming"]) == list(range(1, PROCESSES * EACH // 2 + 1))
    assert sorted(told["outgoing"]) == list(range(1, PROCESSES * EACH // 2 + 1))
    # what the file holds: every registration, in one year, and each number once
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT direction, number FROM entries ORDER BY direction, number").fetchall()
    histories = raw.execute("SELECT count(*) FROM history WHERE action = 'registered'").fetchone()[0]
    raw.close()
    assert len(rows) == histories == PROCESSES * EACH
    assert [n for d, n in rows if d == "incoming"] == list(range(1, 501))
    assert [n for d, n in rows if d == "outgoing"] == list(range(1, 501))


@pytest.mark.slow
def test_1000_incoming_from_4_processes_are_numbered_1_to_1000(tmp_path):
    path = str(tmp_path / "r.sqlite")
    Register(path).close()
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    clerks = [ctx.Process(target=_incoming_clerk, args=(path, w, EACH, start, results))
              for w in range(PROCESSES)]
    for p in clerks:
        p.start()
    got = [n for _ in clerks for n in results.get(timeout=300)]
    for p in clerks:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert sorted(got) == list(range(1, 1001))
    with Register(path) as reg:
        assert [e.number for e in reg.list("incoming", year=2025)] == list(range(1, 1001))


def _incoming_clerk(path: str, worker: int, count: int, start, results) -> None:
    with Register(path, clock=lambda: datetime(2025, 1, 9, 12, 0)) as reg:
        start.wait()
        results.put([reg.register_incoming(sender=f"ТОО «Альфа» {worker}", doc_number=str(i),
                                           doc_date="06.01.2025", summary="Запрос",
                                           received="2025-01-09 10:00", by="c").number
                      for i in range(count)])

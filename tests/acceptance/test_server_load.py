"""Many clerks at once through HTTP on PostgreSQL: 8 clients x 500 registrations, and a client killed mid-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from pg_tools import BACKENDS
from server_tools import start_server

pytest.importorskip("fastapi")

CLIENTS = 8
EACH = 500


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    found = start_server(tmp_path_factory.mktemp("load"), "postgresql")
    yield found
    found.stop()


def _clerk(server, worker: int, each: int = EACH) -> list[int]:
    numbers = []
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.tokens['a']}"},
                      timeout=120) as http:
        for i in range(each):
            answer = http.post("/register/incoming", json={
                "sender": f"ТОО «Клиент {worker}»", "doc_number": f"{worker}-{i}", "doc_date": "2025-03-03",
                "summary": f"Запрос {worker}/{i}", "received": "2025-03-03 10:00"})
            assert answer.status_code == 200, answer.text
            numbers.append(answer.json()["entry"]["number"])
    return numbers


@pytest.mark.slow
def test_8_clients_x_500_registrations_get_numbers_1_to_4000_each_once(server):
    with ThreadPoolExecutor(CLIENTS) as pool:
        told = [n for numbers in pool.map(lambda w: _clerk(server, w), range(CLIENTS)) for n in numbers]
    assert sorted(told) == list(range(1, CLIENTS * EACH + 1))
    with server.client() as http:
        kept = http.get("/register/entries", params={"direction": "incoming", "year": 2025}).json()["entries"]
    assert [e["number"] for e in kept] == list(range(1, CLIENTS * EACH + 1))
    assert len({e["summary"] for e in kept}) == CLIENTS * EACH
    # office B's register was never touched
    with server.client("b") as other:
        assert other.get("/register/entries").json()["entries"] == []


CLIENT = textwrap.dedent("""
    import sys, httpx
    url, token, log = sys.argv[1:4]
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as http, \\
            open(log, "a", encoding="utf-8") as out:
        i = 0
        while True:
            answer = http.post("/register/outgoing", json={"recipient": "АО «Банк»", "summary": f"Killed {i}",
                                                           "date": "2025-03-03"})
            answer.raise_for_status()
            out.write(f"{answer.json()['entry']['number']} Killed {i}\\n")
            out.flush()
            i += 1
""")


@pytest.mark.slow
def test_a_client_killed_mid_request_loses_nothing_that_was_confirmed(server, tmp_path):
    log = tmp_path / "confirmed.txt"
    client = subprocess.Popen([sys.executable, "-c", CLIENT, server.url, server.tokens["b"], str(log)],
                              start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 30):
        time.sleep(0.05)
    os.killpg(client.pid, signal.SIGKILL)  # mid-request, most likely
    client.wait(timeout=30)
    confirmed = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(confirmed) >= 30
    with server.client("b") as http:
        kept = {e["number"]: e["summary"] for e in
                http.get("/register/entries", params={"direction": "outgoing"}).json()["entries"]}
        # every confirmed registration is there with its text; no gap, whatever was in flight
        assert all(kept.get(int(number)) == summary for number, summary in confirmed)
        assert sorted(kept) == list(range(1, len(kept) + 1)) and len(kept) - len(confirmed) <= 1
        after = http.post("/register/outgoing", json={"recipient": "X", "summary": "After", "date": "2025-03-03"})
        assert after.json()["entry"]["number"] == len(kept) + 1


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_two_server_processes_number_one_register_without_a_gap(tmp_path, backend):
    server = start_server(tmp_path, backend, workers=2)
    try:
        with ThreadPoolExecutor(4) as pool:
            told = [n for numbers in pool.map(lambda w: _clerk(server, w, 60), range(4)) for n in numbers]
    finally:
        server.stop()
    assert sorted(told) == list(range(1, 241))

"""The application in-process (FastAPI's test client): what a real server cannot be made to do on cue.

A render that outlasts the time limit (503), a bug (500, no traceback), and rule 20 following the
office's hours from ``<data>/office.yaml``. Everything else is tested on a real server
(tests/acceptance/test_server.py). The requests go through httpx's ASGI transport.
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("fastapi")
import asyncio  # noqa: E402

import httpx  # noqa: E402

import pea_docs.api  # noqa: E402
from pea_docs.server.app import ServerConfig, create_app  # noqa: E402

def _send(app, method: str, path: str, **options) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await http.request(method, path, **options)
    return asyncio.run(go())


STAMP = {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09", "index": "15"}


def test_work_over_the_time_limit_is_503_and_a_bug_is_500_without_a_traceback(tmp_path, monkeypatch):
    app = create_app(ServerConfig(data=tmp_path, timeout=0.2))
    monkeypatch.setattr(pea_docs.api, "render", lambda *a, **k: time.sleep(1))
    slow = _send(app, "POST", "/render", json={"form": "registration_stamp", "data": STAMP})
    assert slow.status_code == 503 and slow.json()["problems"][0]["code"] == "request.timeout"

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(pea_docs.api, "render", broken)
    failed = _send(app, "POST", "/render", json={"form": "registration_stamp", "data": STAMP})
    assert failed.status_code == 500 and failed.json()["error"] == "InternalError"
    assert "ZeroDivisionError" in failed.json()["message"] and "Traceback" not in failed.text


def test_rule_20_follows_the_office_hours_of_the_data_folder(tmp_path):
    (tmp_path / "office.yaml").write_text('hours: {start: "09:00", end: "20:00"}\n', encoding="utf-8")
    late = _send(create_app(ServerConfig(data=tmp_path)), "POST", "/register/incoming", json={
        "sender": "ТОО «Альфа»", "summary": "Запрос", "received": "2025-01-10 19:40"}).json()
    assert late["entry"]["registered"] == "2025-01-10"  # within these hours: the same day (default: Monday)

"""A real pea-docs server for the tests: ``pea-docs serve`` in its own process on 127.0.0.1.

Each server has a data folder, a tokens file of two offices (and a read-only token),
and keeps its registers in SQLite files or in PostgreSQL (fresh offices, dropped after).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from pg_tools import drop_offices, postgres_url

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running server: its URL, its offices' tokens, and a client per token."""

    url: str
    folder: Path
    process: subprocess.Popen
    tokens: dict[str, str]           # who -> token: "a" (office A), "b" (office B), "reader" (A, read-only)
    offices: dict[str, str]          # "a"/"b" -> office name
    backend: str
    db: str | None = None
    log: Path = field(default_factory=Path)

    def client(self, who: str | None = "a", **options) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120, **options)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.backend == "postgresql" and self.db:
            drop_offices(self.db, list(self.offices.values()))


def start_server(folder: Path, backend: str = "sqlite", *, max_body: int = 2_000_000, timeout: float = 60,
                 templates: dict[str, bytes] | None = None, workers: int = 1) -> Server:
    """Start ``pea-docs serve`` and wait until it answers /health."""
    folder.mkdir(parents=True, exist_ok=True)
    run = uuid.uuid4().hex[:10]
    offices = {"a": f"ЧСИ A {run}", "b": f"ЧСИ B {run}"}
    tokens = {"a": f"token-a-{run}", "b": f"token-b-{run}", "reader": f"token-r-{run}"}
    (folder / "tokens.yaml").write_text(
        "tokens:\n"
        f"  - token: '{tokens['a']}'\n    office: '{offices['a']}'\n    user: Асель\n"
        f"  - token: '{tokens['b']}'\n    office: '{offices['b']}'\n"
        f"  - token: '{tokens['reader']}'\n    office: '{offices['a']}'\n    read_only: true\n", encoding="utf-8")
    data = folder / "data"
    for name, content in (templates or {}).items():
        (data / "templates").mkdir(parents=True, exist_ok=True)
        (data / "templates" / name).write_bytes(content)
    db = postgres_url() if backend == "postgresql" else None
    port = free_port()
    command = [sys.executable, "-m", "pea_docs", "serve", "--port", str(port), "--data", str(data),
               "--tokens", str(folder / "tokens.yaml"), "--max-body", str(max_body), "--timeout", str(timeout), "--workers", str(workers)]
    if db:
        command += ["--db", db]
    log = folder / "server.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=folder, env=env)
    server = Server(f"http://127.0.0.1:{port}", folder, process, tokens, offices, backend, db, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')}")

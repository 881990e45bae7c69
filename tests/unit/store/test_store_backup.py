"""`backup` writes a consistent copy while another process keeps registering."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from datetime import datetime

import pytest

from pea_docs.errors import RenderError
from pea_docs.store import Register

COUNT = 400


def _writer(path: str, started, count: int) -> None:
    with Register(path, clock=lambda: datetime(2025, 1, 9, 12, 0)) as reg:
        for i in range(count):
            reg.register_outgoing(recipient="АО «Банк»", summary=f"Запрос {i}", by="writer")
            if i == 10:
                started.set()


@pytest.mark.slow
def test_backups_taken_during_registration_are_consistent_snapshots(tmp_path):
    path = str(tmp_path / "r.sqlite")
    Register(path).close()
    ctx = multiprocessing.get_context("spawn")
    started = ctx.Event()
    writer = ctx.Process(target=_writer, args=(path, started, COUNT))
    writer.start()
    assert started.wait(timeout=120)
    sizes = []
    with Register(path) as reg:
        for k in range(5):
            copy = tmp_path / f"backup-{k}.sqlite"
            reg.backup(copy)
            raw = sqlite3.connect(copy)
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            numbers = [r[0] for r in raw.execute("SELECT number FROM entries ORDER BY number")]
            registered = raw.execute("SELECT count(*) FROM history").fetchone()[0]
            raw.close()
            # a snapshot of one moment: numbers 1..n without a gap, each with its history row
            assert numbers == list(range(1, len(numbers) + 1)) and registered == len(numbers)
            sizes.append(len(numbers))
            time.sleep(0.02)
    writer.join(timeout=120)
    assert writer.exitcode == 0
    assert sizes[0] >= 11 and sizes == sorted(sizes)
    assert sizes[0] < COUNT, "the backups should have been taken while the writer was running"
    # a backup is itself a register that opens and reads
    with Register(tmp_path / "backup-4.sqlite") as copy:
        assert len(copy.list()) == sizes[-1]


def test_backup_to_an_unwritable_place_is_an_error(reg, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(RenderError, match="cannot write the backup"):
        reg.backup(tmp_path / "file" / "backup.sqlite")

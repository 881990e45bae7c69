"""`backup` writes a consistent copy while another process keeps registering."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import datetime

import pytest

from pea_docs.errors import RenderError
from pea_docs.store import Register

# entries the writer registers between handshakes: backup k is taken after chunk k is
# written and before chunk k + 2 starts, so it holds between CUMULATIVE[k] and CUMULATIVE[k + 1]
# entries; the last chunk waits for the last backup, so every backup meets a running writer
CHUNKS = (11, 60, 60, 60, 60, 60, 89)
COUNT = sum(CHUNKS)  # 400
BACKUPS = len(CHUNKS) - 2
CUMULATIVE = [sum(CHUNKS[:k + 1]) for k in range(len(CHUNKS))]
WAIT = 120  # seconds: a handshake that never comes fails the test instead of hanging it


def _writer(path: str, written, taken) -> None:
    with Register(path, clock=lambda: datetime(2025, 1, 9, 12, 0)) as reg:
        i = 0
        for k, size in enumerate(CHUNKS):
            # chunk k + 2 waits for backup k: the backups interleave with the writes, and
            # backup k may still overlap chunk k + 1, written meanwhile
            if k >= 2 and not taken[k - 2].wait(timeout=WAIT):
                raise TimeoutError(f"backup {k - 2} was never taken")
            for _ in range(size):
                reg.register_outgoing(recipient="АО «Банк»", summary=f"Запрос {i}", by="writer")
                i += 1
            if k < BACKUPS:
                written[k].set()


@pytest.mark.slow
def test_backups_taken_during_registration_are_consistent_snapshots(tmp_path):
    path = str(tmp_path / "r.sqlite")
    Register(path).close()
    ctx = multiprocessing.get_context("spawn")
    written = [ctx.Event() for _ in range(BACKUPS)]
    taken = [ctx.Event() for _ in range(BACKUPS)]
    writer = ctx.Process(target=_writer, args=(path, written, taken))
    writer.start()
    sizes = []
    try:
        with Register(path) as reg:
            for k in range(BACKUPS):
                assert written[k].wait(timeout=WAIT), f"the writer never wrote chunk {k}"
                copy = tmp_path / f"backup-{k}.sqlite"
                reg.backup(copy)
                # the writer cannot finish before the last backup: it waits for it
                assert writer.is_alive(), "the backups should be taken while the writer is running"
                taken[k].set()
                raw = sqlite3.connect(copy)
                assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
                numbers = [r[0] for r in raw.execute("SELECT number FROM entries ORDER BY number")]
                registered = raw.execute("SELECT count(*) FROM history").fetchone()[0]
                raw.close()
                # a snapshot of one moment: numbers 1..n without a gap, each with its history row
                assert numbers == list(range(1, len(numbers) + 1)) and registered == len(numbers)
                assert CUMULATIVE[k] <= len(numbers) <= CUMULATIVE[k + 1]
                sizes.append(len(numbers))
    finally:
        for event in taken:  # never leave the writer waiting on a failed test
            event.set()
        writer.join(timeout=WAIT)
    assert writer.exitcode == 0
    assert sizes[0] >= 11 and sizes == sorted(sizes)
    assert sizes[-1] < COUNT, "the backups should have been taken while the writer was running"
    with Register(path) as reg:  # and the writer went on to the end
        assert [e.number for e in reg.list()] == list(range(1, COUNT + 1))
    # a backup is itself a register that opens and reads
    with Register(tmp_path / f"backup-{BACKUPS - 1}.sqlite") as copy:
        assert len(copy.list()) == sizes[-1]


def test_backup_to_an_unwritable_place_is_an_error(reg, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(RenderError, match="cannot write the backup"):
        reg.backup(tmp_path / "file" / "backup.sqlite")

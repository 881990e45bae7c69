"""The output folder's lock: one batch at a time writes into a folder.

The lock is ``OUTDIR/.pea-docs/lock`` (``flock``, freed by the kernel the moment
its holder dies). Holding it, a batch empties ``OUTDIR/.pea-docs/tmp``, where
killed workers may have left half-written files.

>>> TMP_DIR
'tmp'
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from pea_docs.batch.manifest import STATE_DIR
from pea_docs.errors import BatchBusyError

__all__ = ["LOCK_FD", "TMP_DIR", "lock"]

TMP_DIR = "tmp"

#: the file descriptor of the output folder's lock while this process holds it
LOCK_FD = [-1]


@contextlib.contextmanager
def lock(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock; empty its temporary folder."""
    state = outdir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    fh = open(state / "lock", "w")
    try:
        try:
            import fcntl
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock, as before
            pass
        except OSError:
            raise BatchBusyError(f"{outdir}: another pea-docs batch is writing into this folder; "
                                 "wait for it or choose another output folder") from None
        shutil.rmtree(state / TMP_DIR, ignore_errors=True)  # what killed workers left
        (state / TMP_DIR).mkdir()
        LOCK_FD[0] = fh.fileno()
        yield
    finally:
        LOCK_FD[0] = -1
        fh.close()

"""The output folder's lock: one batch at a time writes into a folder.

The lock is ``OUTDIR/.pea-docs/lock`` (``flock``, freed by the kernel the moment
its holder dies). Holding it, a batch empties ``OUTDIR/.pea-docs/tmp``, where
killed workers may have left half-written files.

>>> TMP_DIR
'tmp'
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from pea_docs.batch.manifest import STATE_DIR
from pea_docs.errors import BatchBusyError, OutputPathError, Problem

__all__ = ["LOCK_FD", "TMP_DIR", "lock"]

TMP_DIR = "tmp"

#: the file descriptor of the output folder's lock while this process holds it
LOCK_FD = [-1]


@contextlib.contextmanager
def lock(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock; empty its temporary folder."""
    state = outdir / STATE_DIR
    for folder in (state, state / TMP_DIR):
        if folder.is_symlink():
            # the lock, the journal and the temporary files live only in a real folder: never
            # written, nor emptied, through a link to somewhere else
            raise OutputPathError([Problem("output.escapes", "", (), str(folder),
                                           "is a symbolic link; pea-docs keeps its lock, journal and "
                                           "temporary files only in a real folder: remove the link")])
    state.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a link planted as the lock file must not truncate what it points to
    fh = os.fdopen(os.open(state / "lock", os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644), "w")
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

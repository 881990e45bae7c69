"""The registers the server keeps open: a small pool of connections per office.

A :class:`~pea_docs.store.register.Register` is one database connection and one
transaction at a time, so a request borrows one for its duration and gives it back.
Rule 20's office hours and days off come from ``<data>/office.yaml`` when it exists
(the office profile of docs/register.md). On PostgreSQL every office's register is its
schema in the one database; on SQLite
(the embedded default) each office has its file in ``<data>/registers/``, named by
a hash of the office, so no office name ever becomes a path.

>>> import tempfile
>>> pool = Registers(tempfile.mkdtemp())
>>> with pool.borrow("17012345") as reg:
...     reg.office, reg.dialect
('17012345', 'sqlite')
>>> pool.close()
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pea_docs.errors import PeaDocsError
from pea_docs.store.postgres import is_postgres_url, office_schema
from pea_docs.store.register import Register

__all__ = ["Registers"]

#: Connections kept per office: enough for the clerks of one office registering at once.
POOL_SIZE = 8


class Registers:
    """Open registers by office, from ``db`` (a PostgreSQL URL) or SQLite files under ``data``."""

    def __init__(self, data: str | Path, db: str | None = None, *, size: int = POOL_SIZE):
        from pea_docs.io.office import OFFICE_FILE, read_office
        from pea_docs.models.office import OfficeProfile

        self.data = Path(data)
        # the office hours, days off and working days of rule 20, from <data>/office.yaml if there is one
        office = read_office(self.data / OFFICE_FILE)
        self.profile = OfficeProfile.from_office(office) if office else None
        self.db = db if db and is_postgres_url(db) else None
        self.size = size
        self._idle: dict[str, queue.LifoQueue[Register]] = {}
        self._opened: dict[str, int] = {}
        self._lock = threading.Lock()

    def location(self, office: str) -> str:
        """Return where ``office``'s register is kept (a URL, or its SQLite file)."""
        if self.db:
            return self.db
        folder = self.data / "registers"
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / f"{office_schema(office)}.sqlite")

    @contextmanager
    def borrow(self, office: str) -> Iterator[Register]:
        """Lend ``office``'s register for one request; wait for one if all are busy."""
        reg = self._take(office)
        try:
            yield reg
        except PeaDocsError:  # bad input: the store rolled its transaction back, the connection is sound
            self._idle[office].put(reg)
            raise
        except BaseException:
            # a failed request may leave its connection in a state no one should inherit
            reg.close()
            with self._lock:
                self._opened[office] -= 1
            raise
        self._idle[office].put(reg)

    def _take(self, office: str) -> Register:
        with self._lock:
            idle = self._idle.setdefault(office, queue.LifoQueue())
            try:
                return idle.get_nowait()
            except queue.Empty:
                pass
            opening = self._opened.get(office, 0) < self.size
            if opening:
                self._opened[office] = self._opened.get(office, 0) + 1
        if not opening:
            return idle.get(timeout=60)
        try:
            return Register(self.location(office), office=office, profile=self.profile)
        except BaseException:
            with self._lock:
                self._opened[office] -= 1
            raise

    def close(self) -> None:
        """Close every idle register."""
        with self._lock:
            for idle in self._idle.values():
                while not idle.empty():
                    idle.get_nowait().close()
            self._idle.clear()
            self._opened.clear()

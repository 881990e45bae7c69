"""Clerks racing on one register file: start them together in fresh processes, gather what each was told."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from pea_docs.store import Register


def race(path: str, clerk: Callable[..., None], clerks: int, each: int, *, office: str | None = None) -> list[Any]:
    """Run ``clerk(path, worker, each, start, results)`` in ``clerks`` processes at once; return their results.

    The register (a file, or with ``office`` that office's in a PostgreSQL database, passed on to
    each clerk as ``office=``) exists before the race, as in an office; every process must end cleanly.
    """
    Register(path, office=office).close()
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(clerks), ctx.Queue()
    named = {"office": office} if office is not None else {}
    processes = [ctx.Process(target=clerk, args=(path, w, each, start, results), kwargs=named)
                 for w in range(clerks)]
    for p in processes:
        p.start()
    got = [results.get(timeout=300) for _ in processes]
    for p in processes:
        p.join(timeout=60)
        assert p.exitcode == 0
    return got

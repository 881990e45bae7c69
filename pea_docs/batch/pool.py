"""The pool of worker processes of a batch, and the signals that stop it.

:func:`executor` starts every worker at once (forked, so they inherit what is
imported) before the main process reads anything; :func:`stop_workers` ends
them (SIGTERM, then SIGKILL). In the main process SIGTERM becomes
:class:`Stopped` while a batch runs, and Ctrl-C a :class:`KeyboardInterrupt`;
:func:`pea_docs.batch.run.run_batch` turns both into a
:class:`~pea_docs.errors.BatchInterruptedError`.

>>> _Serial().submit(sum, [1, 2]).result()   # workers=0: each task at once, in this process
3
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from pea_docs.batch.worker import init_worker, start_worker

__all__ = ["Stopped", "executor", "signals_ignored", "sigterm_raises", "stop_workers"]


class Stopped(BaseException):
    """Raised in the main thread by SIGTERM (a BaseException, like KeyboardInterrupt, so that
    no ``except Exception`` around a document mistakes it for that document's failure)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def executor(workers: int, initargs: tuple[Any, ...]) -> cf.Executor:
    """Return the pool of ``workers`` processes, all started (``workers=0``: this process)."""
    if workers == 0:
        init_worker(*initargs)
        return _Serial()
    # fork: workers inherit the imported forms and templates instead of importing them again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
    pool = cf.ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker,
                                  initargs=(os.getpid(), *initargs))
    try:
        # a process starts at each submit that finds none idle: start them all now, while this
        # process holds nothing of the inputs (a forked worker would carry it all along)
        for future in [pool.submit(os.getpid) for _ in range(workers)]:
            future.result()
    except BaseException:
        stop_workers(pool)
        raise
    return pool


def stop_workers(executor: cf.Executor) -> None:
    """Stop the workers now: cancel what waits, end what runs (SIGTERM, then SIGKILL)."""
    # ProcessPoolExecutor has no public way to end its processes before Python 3.14
    processes = list((getattr(executor, "_processes", None) or {}).values())
    # shutdown(wait=False) forgets its manager thread, so a later shutdown(wait=True) cannot join
    # it; left running, it closes its wake-up pipe while the interpreter's exit hook writes to it
    # (CPython 3.11: "OSError: Bad file descriptor" printed after a SIGTERM). Keep it to join below.
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + 5
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)
    if manager is not None:
        manager.join(5)  # it ends once its processes have: then its wake-up pipe is closed, and marked so


@contextlib.contextmanager
def signals_ignored() -> Iterator[None]:
    """Ignore SIGINT and SIGTERM in the main thread for a moment (while stopping the workers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`Stopped` in the main thread while a batch runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the caller's own handling applies
        return

    def stop(signum: int, frame: Any) -> None:
        raise Stopped(signum)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Serial(cf.Executor):
    """An executor that runs each task at once in this process (``workers=0``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future

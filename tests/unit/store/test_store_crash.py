"""A registration interrupted half way leaves nothing behind and spends no number."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from datetime import datetime

import pytest

import pea_docs.store.register as register_module
from pea_docs.store import Register


def test_a_failure_between_entry_and_history_rolls_the_entry_back(reg, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(register_module, "add_history", broken)
    with pytest.raises(sqlite3.OperationalError):
        reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c")
    monkeypatch.undo()
    assert reg.list() == []
    assert reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c").number == 1


def _die_mid_registration(path: str) -> None:
    reg = Register(path, clock=lambda: datetime(2025, 3, 3, 12, 0))

    def die(*args, **kwargs):
        os._exit(3)  # the process is killed after the entry's INSERT, before COMMIT

    register_module.add_history = die
    reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c")


def test_a_process_killed_mid_registration_leaves_no_half_entry(tmp_path):
    path = str(tmp_path / "r.sqlite")
    Register(path).close()
    process = multiprocessing.get_context("spawn").Process(target=_die_mid_registration, args=(path,))
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 3
    with Register(path, clock=lambda: datetime(2025, 3, 3, 12, 0)) as reg:
        assert reg.list() == []
        assert reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", by="c").number == 1

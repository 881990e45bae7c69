"""Helpers for tests that change one value of a sample's data."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any


def with_value(data: Any, where: Sequence[str | int], value: Any) -> Any:
    """Return a deep copy of ``data`` with the value at the path ``where`` replaced by ``value``.

    >>> with_value({"a": [{"b": 1}]}, ("a", 0, "b"), 2)
    {'a': [{'b': 2}]}
    """
    changed = copy.deepcopy(data)
    target = changed
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    return changed

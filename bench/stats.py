"""The figures the benchmarks print: medians of alternating rounds with their range.

>>> median([3.0, 1.0, 2.0]), spread([1.0, 2.0, 4.0])
(2.0, '2.00 (1.00–4.00)')
"""

from __future__ import annotations


def median(values: list[float]) -> float:
    """Return the median of ``values``."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def spread(values: list[float], fmt: str = ".2f") -> str:
    """Return "median (min–max)" of ``values``."""
    return f"{median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"

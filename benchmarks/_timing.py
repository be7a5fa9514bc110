"""Timing and output helpers shared by the benchmark scripts (``pairs.py``, ``segment.py``).

One home for how a benchmark here times a call and prints its table:

* :func:`timed`: wall seconds of one call (``time.perf_counter``) and its value;
* :func:`best_of`: the best wall seconds of ``repeat`` calls (the least
  disturbed by other load on a shared machine) and the last call's value;
* :func:`status_kib`: a field of ``/proc/self/status`` (``VmRSS``, ``VmHWM``) in KiB;
* :func:`print_table`: the results as a plain-text table with aligned
  columns, and the same rows as CSV when a path is given.

The scripts are run as files (``python benchmarks/pairs.py``), so Python puts
this folder first on ``sys.path`` and ``import _timing`` finds this module.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

__all__ = ["best_of", "print_table", "status_kib", "timed"]


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """``(seconds, value)``: wall time of one call of ``fn`` (``time.perf_counter``) and what it returned."""
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def best_of(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """``(seconds, value)``: the shortest wall time of ``repeat`` calls of ``fn`` (at least one) and the last call's value."""
    best, value = timed(fn)
    for _ in range(repeat - 1):
        seconds, value = timed(fn)
        best = min(best, seconds)
    return best, value


def status_kib(field: str) -> int | None:
    """The value of ``field`` (``VmRSS``, ``VmHWM``…) in ``/proc/self/status``, in KiB; None where there is none (not Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def print_table(header: Sequence[str], table: Sequence[Sequence[str]], csv_path: Path | None = None) -> None:
    """Print ``table`` (rows of cells, already formatted as text) under ``header``, columns aligned; also as CSV to ``csv_path``."""
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(header)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    if csv_path is not None:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        with csv_path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(table)
        print(f"\nwrote {csv_path}")

"""Progress bars for long runs, shown only to a person watching a terminal.

:func:`progress` wraps an iterable in a `tqdm <https://tqdm.github.io>`_ bar
written to standard error when bars are enabled, and returns the iterable
itself otherwise, so that the items, their order and everything written to
standard output are the same either way.

Enabled (``enabled=None``, the default) only when all hold:

* there are more than ``min_items`` items (default 0: any number), so short
  loops that end in a blink draw nothing;
* standard error is a terminal (``sys.stderr.isatty()``), so pipes, log
  files, CI and notebook kernels (whose streams are not terminals, including
  notebooks run by papermill or nbval) get no bar;
* the environment variable ``CLAIMCOMPARE_PROGRESS`` is not ``"0"``.

``enabled=True`` or ``False`` overrides both.  When tqdm is not installed, no
bar is shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["ENV_VAR", "progress", "progress_enabled"]

T = TypeVar("T")

#: Set to ``"0"`` to turn progress bars off even in a terminal.
ENV_VAR = "CLAIMCOMPARE_PROGRESS"


def progress_enabled(enabled: bool | None = None) -> bool:
    """Whether :func:`progress` would draw a bar (see the module docstring)."""
    if enabled is not None:
        return bool(enabled)
    if os.environ.get(ENV_VAR, "").strip() == "0":
        return False
    stream = sys.stderr
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def progress(
    iterable: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "",
    enabled: bool | None = None,
    min_items: int = 0,
) -> Iterable[T]:
    """``iterable``, with a progress bar on standard error when enabled.

    Parameters
    ----------
    iterable:
        Anything iterable; it is consumed once, item by item, unchanged.
    total:
        Number of items, for the bar's percentage and time estimate (default:
        ``len(iterable)`` when it has one).
    desc:
        Label in front of the bar.
    enabled:
        ``None`` (auto: more than ``min_items`` items, a terminal, and
        ``CLAIMCOMPARE_PROGRESS`` not ``"0"``), ``True`` or ``False``.
    min_items:
        With ``enabled=None``, no bar for ``total`` (or ``len(iterable)``) of
        at most this many items.

    Returns
    -------
    The same items in the same order: a ``tqdm`` object when a bar is drawn,
    else ``iterable`` itself.
    """
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    if enabled is None and total is not None and total <= min_items:
        return iterable
    if not progress_enabled(enabled):
        return iterable
    try:
        from tqdm import tqdm
    except ImportError:  # optional: no bar without tqdm
        return iterable
    return _bar(tqdm(iterable, total=total, desc=desc or None, file=sys.stderr, leave=False, dynamic_ncols=True))


def _bar(bar: Iterable[T]) -> Iterator[T]:
    """Iterate ``bar`` and close it even when the loop stops early."""
    try:
        yield from bar
    finally:
        bar.close()  # type: ignore[attr-defined]

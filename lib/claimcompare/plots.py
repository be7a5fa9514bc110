"""Summaries and charts of a corpus: what cleaning set aside, sentences by role.

Summaries return tidy DataFrames; plot helpers take ``ax=None``, draw on it
and return it, with titles and axis labels that say what is measured.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .clean import ROLES

__all__ = ["plot_event_sizes", "plot_event_timeline", "plot_role_chars", "plot_sentence_counts", "role_chars", "save_figure", "sentence_counts"]

#: Resolution of the chart files the notebooks write (the report's thumbnails are scaled from them).
FIGURE_DPI = 120


def save_figure(ax: plt.Axes | plt.Figure, path: str | Path, *, dpi: int = FIGURE_DPI) -> Path:
    """Write the figure of ``ax`` (an Axes or a Figure) to ``path`` as the notebooks' charts are written.

    ``dpi`` dots per inch, the bounding box tight around what is drawn; the
    same figure gives the same bytes every time (PNG carries no date).
    Returns ``path`` as a :class:`~pathlib.Path`.
    """
    figure = ax if isinstance(ax, plt.Figure) else ax.figure
    path = Path(path)
    figure.savefig(path, dpi=dpi, bbox_inches="tight")
    return path


def _ordered_roles(roles: pd.Index) -> list[str]:
    return [r for r in ROLES if r in set(roles)] + sorted(set(roles) - set(ROLES))


def role_chars(blocks: pd.DataFrame) -> pd.DataFrame:
    """Characters per document and role: one row per ``doc_id``, one column per role (int)."""
    b = blocks.assign(chars=blocks["end"] - blocks["start"])
    table = b.pivot_table(index="doc_id", columns="role", values="chars", aggfunc="sum", fill_value=0)
    table = table[_ordered_roles(table.columns)].astype("int64")
    table.columns.name = "role"
    return table.sort_index()


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences per document and role: one row per ``doc_id``, one column per role (int)."""
    table = pd.crosstab(sentences["doc_id"], sentences["role"])
    table = table[_ordered_roles(table.columns)].astype("int64")
    table.columns.name = "role"
    return table.sort_index()


def _stacked(table: pd.DataFrame, ax: plt.Axes | None, title: str, xlabel: str) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * len(table) + 1.5))
    table.iloc[::-1].plot.barh(stacked=True, ax=ax, width=0.7, colormap="tab20")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("document")
    ax.legend(title="role", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax


def plot_role_chars(blocks: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal stacked bars: characters of each document by role."""
    return _stacked(role_chars(blocks), ax, "What each capture is made of", "characters")


def plot_sentence_counts(sentences: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal stacked bars: sentences of each document by role."""
    return _stacked(sentence_counts(sentences), ax, "Sentences per article by role", "sentences")


def plot_event_timeline(events: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """One row per event on a date axis, a marker per article reporting it.

    ``events`` is :func:`claimcompare.corpus.events_table`; filled markers are
    the event an article is compared on, open markers events it also reports.
    """
    keys = events[["event_date", "event_title"]].drop_duplicates().reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(keys) + 1.5))
    docs = sorted(events["doc_id"].unique())
    colours = {d: plt.get_cmap("tab10")(k % 10) for k, d in enumerate(docs)}
    row = {(r.event_date, r.event_title): k for k, r in enumerate(keys.itertuples(index=False))}
    offsets = {d: (k - (len(docs) - 1) / 2) * 0.12 for k, d in enumerate(docs)}
    seen = set()
    for e in events.itertuples(index=False):
        y = row[(e.event_date, e.event_title)] + offsets[e.doc_id]
        filled = e.coverage == "main"
        ax.plot(
            pd.Timestamp(e.event_date), y, "o", markersize=8, color=colours[e.doc_id],
            markerfacecolor=colours[e.doc_id] if filled else "white",
            label=e.doc_id if e.doc_id not in seen else None,
        )
        seen.add(e.doc_id)
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(
        [f"{r.event_date}  {textwrap.shorten(r.event_title, 48, placeholder=' …')}" for r in keys.itertuples(index=False)]
    )
    ax.invert_yaxis()
    ax.set_title("Events reported, by date (filled: compared on; open: also reported)")
    ax.set_xlabel("event date")
    ax.legend(title="article", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    ax.figure.autofmt_xdate()
    return ax


def plot_event_sizes(events: pd.DataFrame, *, top: int = 10, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal bars: outlets and documents of the ``top`` events with the most outlets.

    ``events`` is :attr:`claimcompare.tables.Outputs.events` (``event``,
    ``documents``, ``outlets`` ..., most outlets first); its first ``top``
    rows are drawn in that order from the top, two bars each (outlets,
    documents).  The event ``""`` is labelled ``(no event)``; long keys are
    shortened.
    """
    shown = events.head(top)
    n = len(shown)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * n + 1.5))
    y = np.arange(n)
    ax.barh(y - 0.2, shown["outlets"].to_numpy(), height=0.4, label="outlets")
    ax.barh(y + 0.2, shown["documents"].to_numpy(), height=0.4, label="documents")
    ax.set_yticks(y)
    ax.set_yticklabels([textwrap.shorten(str(k), 60, placeholder=" …") if str(k) else "(no event)" for k in shown["event"]])
    ax.invert_yaxis()
    ax.set_title(f"Events with the most outlets ({n} of {len(events)} events)")
    ax.set_xlabel("outlets and documents with sentences about the event")
    ax.legend(loc="lower right")
    return ax

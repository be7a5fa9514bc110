"""A starter ``sources.csv`` for a folder of articles, for the user to check.

:func:`starter_sources` reads what the texts themselves say and proposes
events:

- ``doc_id`` and ``file`` as :func:`claimcompare.load_corpus` gives them;
- ``published``: as the corpus has it (``sources.csv``, else the first
  date of a stamp or dateline block, :mod:`claimcompare.clean`), else an
  ISO date in the file name (``nordpress-2024-03-04.txt``), else empty;
- ``title``: the headline block;
- ``event_date`` and ``event_title``: documents are grouped into one proposed
  event when they are among each other's most similar documents
  (:func:`claimcompare.align.candidate_pairs` by similarity: cosine of their
  summed word TF-IDF vectors at least ``min_similarity``) *and* their
  publication dates are at most ``window_days`` apart (or one is unknown);
  groups are the connected components of those pairs
  (:func:`claimcompare.graphs.linked_components`).  The event's date is
  the group's earliest publication date, its title the headline of the
  group's first document (earliest, then by ``doc_id``);
- ``outlet``, ``site``, ``country``, ``place``, ``also_reports`` are left
  empty: the text does not say them reliably;
- ``note`` says how each row was filled, so the user knows what to check.

The proposal is a starting point, never ground truth: an event's title is one
report's headline, and two reports of one event written days apart or in
different words stay apart.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .align import candidate_pairs
from .corpus import SOURCE_COLUMNS, Corpus, first_iso_date, sentences_table
from .graphs import linked_components

__all__ = ["STARTER_COLUMNS", "starter_sources"]

#: Columns of :func:`starter_sources` (those of sources.csv, then ``title`` and ``note``).
STARTER_COLUMNS: tuple[str, ...] = ("doc_id", "file", *SOURCE_COLUMNS[2:], "note")


def _days(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return None


def starter_sources(corpus: Corpus, *, window_days: int = 2, min_similarity: float = 0.2) -> pd.DataFrame:
    """Propose a ``sources.csv`` for ``corpus`` (module docstring).

    Returns one row per document, columns :data:`STARTER_COLUMNS`, sorted by
    ``event_date`` (unknown last), ``event_title`` then ``doc_id``.
    """
    docs = corpus.documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    ids = docs["doc_id"].tolist()
    published = {d: (p if isinstance(p, str) and p else "") for d, p in zip(docs["doc_id"], docs["published"])}
    from_name = {d for d, f in zip(docs["doc_id"], docs["file"]) if not published[d] and first_iso_date(str(f))}
    for d, f in zip(docs["doc_id"], docs["file"]):
        if d in from_name:
            published[d] = first_iso_date(str(f)) or ""
    titles = {d: (t if isinstance(t, str) else "") for d, t in zip(docs["doc_id"], docs["title"])}
    why: dict[str, list[str]] = {d: [] for d in ids}
    links: list[tuple[str, str]] = []
    if len(ids) > 1:
        sentences = sentences_table(corpus)
        pairs = candidate_pairs(sentences, None, by="similarity", min_doc_score=min_similarity)
        for a, b, score in zip(pairs["doc_a"], pairs["doc_b"], pairs["doc_score"]):
            gap = _days(published[a], published[b])
            if gap is not None and gap > window_days:
                continue
            links.append((a, b))
            why[a].append(f"{b} ({score:.2f})")
            why[b].append(f"{a} ({score:.2f})")
    groups: dict[str, list[str]] = {}
    components = linked_components(ids, pd.DataFrame(links, columns=["doc_a", "doc_b"]))
    for d, component in zip(components["doc_id"], components["component"]):
        groups.setdefault(component, []).append(d)
    rows = []
    for members in groups.values():
        dated = sorted((published[d], d) for d in members if published[d])
        first = dated[0][1] if dated else members[0]
        event_date = dated[0][0] if dated else ""
        event_title = titles[first] or first
        for d in members:
            if len(members) > 1:
                note = (f"event proposed: similar to {', '.join(sorted(why[d]))}, published within {window_days} days; "
                        "check the event and fill outlet, site, country, place")  # fmt: skip
            else:
                note = "no similar report in the folder: its own event; check it and fill outlet, site, country, place"
            if d in from_name:
                note += "; date read from the file name"
            elif not published[d]:
                note += "; no date found in the text or the file name"
            rows.append({
                "doc_id": d, "file": docs.loc[docs["doc_id"] == d, "file"].iloc[0], "outlet": "", "site": "",
                "country": "", "published": published[d], "event_date": event_date, "event_title": event_title,
                "place": "", "also_reports": "", "title": titles[d], "note": note,
            })  # fmt: skip
    out = pd.DataFrame(rows, columns=list(STARTER_COLUMNS))
    out["_unknown"] = out["event_date"] == ""
    out = out.sort_values(["_unknown", "event_date", "event_title", "doc_id"], kind="stable").drop(columns="_unknown")
    return out.reset_index(drop=True)

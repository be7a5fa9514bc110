"""Connected components of documents linked in pairs: the one home for "which documents belong together".

Three stages group documents by links between them: the Dask engine's
partitions (documents that share an event, :func:`claimcompare.engine.partition_plan`),
the starter ``sources.csv``'s proposed events (similar reports published close
together, :func:`claimcompare.sources.starter_sources`) and source families
(copies of one text, :func:`claimcompare.copies.source_families`).  Each builds
its links and asks :func:`linked_components` for the groups.

Method
------
The links are the edges of an undirected graph on the documents; its connected
components are found by :func:`scipy.sparse.csgraph.connected_components`
(breadth-first search over the sparse adjacency matrix, linear in documents
plus links).  scipy numbers components in the order of its traversal, so each
component is relabelled by its smallest ``doc_id`` (as Python sorts strings):
the labels depend on the documents and links only, never on their order.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

__all__ = ["COMPONENT_COLUMNS", "linked_components"]

#: Columns of :func:`linked_components`.
COMPONENT_COLUMNS: tuple[str, ...] = ("doc_id", "component", "component_size")


def linked_components(doc_ids: Iterable[object], links: pd.DataFrame, *, a: str = "doc_a", b: str = "doc_b") -> pd.DataFrame:
    """Group documents into the connected components of the links between them.

    Parameters
    ----------
    doc_ids
        Every document (repeats are read once; values are read as strings).
    links
        One row per link, the two documents in columns ``a`` and ``b``
        (default ``doc_a``, ``doc_b``, as :func:`claimcompare.copies.document_copies`
        and :func:`claimcompare.align.candidate_pairs` name them).  A link
        naming a document not in ``doc_ids`` is left out; a document linked
        to itself, or linked twice, is no different.

    Returns
    -------
    pandas.DataFrame
        One row per distinct document, columns :data:`COMPONENT_COLUMNS`:
        ``doc_id`` (str); ``component``, the smallest ``doc_id`` of its
        component (a document without links is its own component);
        ``component_size`` (int64, documents in the component).  Sorted by
        ``doc_id``.

    Method: :func:`scipy.sparse.csgraph.connected_components` on the undirected
    graph, components relabelled by their smallest member (module docstring).
    """
    missing = [c for c in (a, b) if c not in links.columns]
    if missing:
        raise ValueError(f"links lack the column {', '.join(missing)}; pass a table of pairs with columns {a!r} and {b!r}")
    docs = sorted({str(d) for d in doc_ids})
    n = len(docs)
    if not n:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "component": pd.Series(dtype=object), "component_size": pd.Series(dtype="int64")})
    index = pd.Index(docs)
    ia = index.get_indexer(links[a].astype(str))
    ib = index.get_indexer(links[b].astype(str))
    known = (ia >= 0) & (ib >= 0)
    graph = sp.coo_matrix((np.ones(int(known.sum())), (ia[known], ib[known])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))  # docs are sorted: the smallest position is the smallest id
    root = first[labels]
    return pd.DataFrame(
        {
            "doc_id": pd.Series(docs, dtype=object),
            "component": pd.Series([docs[r] for r in root], dtype=object),
            "component_size": np.bincount(root, minlength=n)[root].astype("int64"),
        }
    )

"""Align matching statements across reports of the same event.

Tables in, tables out:

* :func:`candidate_pairs` — which documents to compare (same event, or the
  most similar documents when events are unknown), so that sentences are never
  compared all against all across a large corpus;
* :func:`align_pair` — the links between the body sentences of two documents;
* :func:`align_corpus` — :func:`align_pair` over every candidate pair, with one
  vectorizer fitted on the corpus;
* :func:`statement_clusters` — connected groups of linked sentences
  (a statement found in three outlets is a cluster over three documents);
* :func:`unique_statements` — body sentences with no counterpart in any other
  report of the same event.

Scores (:func:`align_pair`): each body sentence is reduced to its claim
(:func:`claimcompare.frames.claim_text`), vectorised with TF-IDF, and each
pair scored ``(1 - w) * cosine + w * overlap`` (weighted overlap coefficient,
:func:`overlap_coefficient`), then multiplied by two penalties: for a
sentence about participants the other report never names (an off-event
passage) and for attributions to different speakers.

Linking rule, on the score matrix ``S`` of the two documents' body sentences:

1. *mutual best*: ``S[i, j]`` is the best score of row ``i`` and of column
   ``j``, and ``S[i, j] >= min_score``;
2. *one-to-many*: ``S[i, j]`` is the best of only one of row ``i`` or column
   ``j`` — a terse sentence that covers two of a fuller report's sentences is
   the best match of both — and ``S[i, j] >= min_score`` and ``S[i, j] >=
   ratio`` times the best score of the other side (the link is nearly as good
   as the one it competes with).

This is the symmetrised best-match heuristic of word alignment (Och and Ney
2003, "A systematic comparison of various statistical alignment models",
section 4: intersection grown with union points) applied to sentences, with a
relative margin in place of a second global threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.preprocessing import normalize

from .frames import frame_speaker, named_mentions, split_frame
from .similarity import StatementVectorizer

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ALIGNED_ROLES",
    "align_corpus",
    "align_pair",
    "candidate_pairs",
    "overlap_coefficient",
    "statement_clusters",
    "unique_statements",
]

#: Columns of the alignment table.
ALIGNMENT_COLUMNS: tuple[str, ...] = (
    "doc_a",
    "sent_a",
    "text_a",
    "doc_b",
    "sent_b",
    "text_b",
    "score",
    "cosine",
    "margin",
    "rule",
)
#: Sentence roles that take part in alignment (boilerplate never does).
ALIGNED_ROLES: frozenset[str] = frozenset({"body"})

DEFAULT_MIN_SCORE = 0.15
DEFAULT_RATIO = 0.9
DEFAULT_CONTAINMENT_WEIGHT = 0.5
DEFAULT_OFF_TOPIC_PENALTY = 0.5
DEFAULT_SPEAKER_PENALTY = 0.75


def _empty_alignment() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in ALIGNMENT_COLUMNS})
    return out.astype({"sent_a": "int64", "sent_b": "int64", "score": "float64", "cosine": "float64", "margin": "float64"})


def _body(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences[sentences["role"].isin(ALIGNED_ROLES)]


def _links(s: np.ndarray, *, min_score: float, ratio: float) -> list[tuple[int, int, float, float, str]]:
    """(i, j, score, margin, rule) for the linking rule of the module docstring."""
    if s.size == 0:
        return []
    best_j = s.argmax(axis=1)  # ties: lowest index, deterministic
    best_i = s.argmax(axis=0)
    row_best = s[np.arange(s.shape[0]), best_j]
    col_best = s[best_i, np.arange(s.shape[1])]
    # Margin over the next candidate in the row (0 when the row has one column).
    if s.shape[1] > 1:
        second = np.partition(s, -2, axis=1)[:, -2]
    else:
        second = np.zeros(s.shape[0])
    out = []
    for i, j in zip(*np.nonzero(s >= min_score)):
        score = float(s[i, j])
        row_ok = best_j[i] == j
        col_ok = best_i[j] == i
        if row_ok and col_ok:
            rule = "mutual-best"
        elif col_ok and score >= ratio * row_best[i]:
            rule = "one-to-many"
        elif row_ok and score >= ratio * col_best[j]:
            rule = "one-to-many"
        else:
            continue
        margin = score - (second[i] if row_ok else row_best[i])
        out.append((int(i), int(j), score, float(margin), rule))
    return out


@dataclass(frozen=True)
class _Doc:
    """What the aligner needs of one document's body sentences."""

    rows: pd.DataFrame
    vectors: sp.csr_matrix
    speakers: list[frozenset[str]]
    mentions: list[set[str]]
    prefixes: frozenset[str]


def _prepare(body: pd.DataFrame, vectorizer: StatementVectorizer | None, *, claims: bool) -> tuple[dict[str, _Doc], StatementVectorizer]:
    """Per-document vectors (of claims or whole sentences), speakers and names."""
    frames = [split_frame(t) for t in body["text"]]
    texts = [c if claims else t for (_, c), t in zip(frames, body["text"])]
    if vectorizer is None:
        vectorizer = StatementVectorizer().fit(texts)
    initial = frozenset(
        w for t in body["text"] for w in named_mentions(t)
    )
    docs: dict[str, _Doc] = {}
    positions = np.arange(len(body))
    for doc_id, idx in body.groupby("doc_id", sort=True).indices.items():
        idx = positions[idx]
        speakers: list[frozenset[str]] = []
        last: frozenset[str] = frozenset()
        for k in idx:
            who = frame_speaker(frames[k][0], last)
            speakers.append(who)
            last = who or last
        mentions = [named_mentions(body["text"].iloc[k], sentence_initial_names=initial) for k in idx]
        docs[doc_id] = _Doc(
            rows=body.iloc[idx],
            vectors=vectorizer.transform([texts[k] for k in idx]),
            speakers=speakers,
            mentions=mentions,
            prefixes=frozenset(w[:4].lower() for m in mentions for w in m),
        )
    return docs, vectorizer


def _off_topic(doc: _Doc, other: _Doc) -> np.ndarray:
    """True for sentences about names the other report never mentions.

    Names are compared by their first four letters ("Russia"/"Russian").  A
    name is *foreign* when it recurs in the sentence's own document (two
    sentences or more) and the other document never mentions it — a
    participant the other report does not know — and *shared* when it recurs
    in the other document.  A sentence is off-topic when it has more foreign
    names than shared names minus one (one foreign name outweighs two shared
    ones), or when both of its neighbours are off-topic (a passage about
    another meeting).
    """

    def recurring(d: _Doc) -> set[str]:
        counts: dict[str, int] = {}
        for m in d.mentions:
            for w in {x[:4].lower() for x in m}:
                counts[w] = counts.get(w, 0) + 1
        return {w for w, n in counts.items() if n >= 2}

    foreign = recurring(doc) - other.prefixes
    shared = recurring(other)
    own = np.zeros(len(doc.mentions), dtype=bool)
    for k, m in enumerate(doc.mentions):
        names = {x[:4].lower() for x in m}
        n_foreign = len(names & foreign)
        own[k] = n_foreign > 0 and len(names & shared) <= n_foreign + 1
    if len(own) < 3:
        return own
    sandwiched = np.zeros_like(own)
    sandwiched[1:-1] = own[:-2] & own[2:]
    return own | sandwiched


def overlap_coefficient(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """Weighted overlap coefficient of every row of ``a`` with every row of ``b``.

    ``overlap(x, y) = sum_t min(x_t, y_t) / min(sum_t x_t, sum_t y_t)`` for
    non-negative weights (the Szymkiewicz–Simpson coefficient generalised to
    weights): 1 when the smaller statement's terms are all inside the larger
    one with at least its weights.  Only terms present in both documents
    are visited, one row of ``a`` at a time.  Returns an array in [0, 1] of
    shape ``(a.shape[0], b.shape[0])``.
    """
    out = np.zeros((a.shape[0], b.shape[0]))
    if a.shape[0] == 0 or b.shape[0] == 0:
        return out
    shared = np.intersect1d(np.unique(a.indices), np.unique(b.indices))
    if shared.size == 0:
        return out
    da = a[:, shared].toarray()
    db = b[:, shared].toarray()
    mass = np.minimum(np.asarray(a.sum(axis=1)).ravel()[:, None], np.asarray(b.sum(axis=1)).ravel()[None, :])
    for i in range(da.shape[0]):
        out[i] = np.minimum(da[i][None, :], db).sum(axis=1)
    return np.clip(out / np.maximum(mass, 1e-12), 0.0, 1.0)


def _score_matrix(
    a: _Doc,
    b: _Doc,
    *,
    containment_weight: float,
    off_topic_penalty: float,
    speaker_penalty: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(score, cosine) matrices of two documents.

    ``score = ((1 - w) * cosine + w * overlap) * penalties`` with ``w =
    containment_weight``; see :func:`align_pair`.
    """
    cos = np.clip((a.vectors @ b.vectors.T).toarray(), 0.0, 1.0)
    s = cos if containment_weight == 0 else (1 - containment_weight) * cos + containment_weight * overlap_coefficient(a.vectors, b.vectors)
    s = s.copy()
    s[_off_topic(a, b), :] *= off_topic_penalty
    s[:, _off_topic(b, a)] *= off_topic_penalty
    for i, sa in enumerate(a.speakers):
        if not sa:
            continue
        for j, sb in enumerate(b.speakers):
            if sb and not sa & sb:
                s[i, j] *= speaker_penalty
    return s, cos


def align_pair(
    sentences_a: pd.DataFrame,
    sentences_b: pd.DataFrame,
    *,
    vectorizer: StatementVectorizer | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    ratio: float = DEFAULT_RATIO,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = DEFAULT_OFF_TOPIC_PENALTY,
    speaker_penalty: float = DEFAULT_SPEAKER_PENALTY,
) -> pd.DataFrame:
    """Links between the body sentences of two documents.

    Parameters
    ----------
    sentences_a, sentences_b:
        Rows of the sentences table (columns ``doc_id, sent_id, role, text``)
        of one document each; rows whose role is not ``body`` are ignored.
    vectorizer:
        A fitted :class:`~claimcompare.similarity.StatementVectorizer`;
        default: one fitted on the two documents' body sentences.
    min_score:
        Lowest adjusted score for any link, in [0, 1].
    ratio:
        For one-to-many links: the fraction of the competing best score the
        link must reach, in [0, 1].
    claims:
        Compare claims (sentences without attribution frame and fronted
        adverbial, :func:`claimcompare.frames.claim_text`) rather than whole
        sentences.
    containment_weight:
        Weight ``w`` of the weighted overlap coefficient
        (:func:`overlap_coefficient`) against the cosine, in [0, 1]: a terse
        report's statement contained in a fuller one scores high on overlap
        even when the cosine is low.
    off_topic_penalty:
        Factor applied to the score of a sentence that names people or places
        the other report never mentions (or sits between two such sentences),
        in [0, 1]: such a passage is likely about another event.
    speaker_penalty:
        Factor applied when both sentences have an attribution frame and the
        speakers share no name, in [0, 1].

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALIGNMENT_COLUMNS`: ``cosine`` is the TF-IDF cosine in
        [0, 1]; ``score`` = ((1 - w) * cosine + w * overlap) after the two
        penalties, in [0, 1];
        ``margin`` the score minus the next candidate's in the same row (may
        be negative for a one-to-many link); ``rule`` ``"mutual-best"`` or
        ``"one-to-many"``.  Sorted by ``sent_a, sent_b``.
    """
    body = _body(pd.concat([sentences_a, sentences_b]))
    da, db = sentences_a["doc_id"].iloc[0] if len(sentences_a) else None, sentences_b["doc_id"].iloc[0] if len(sentences_b) else None
    if body.empty or da is None or db is None or da == db:
        return _empty_alignment()
    docs, _ = _prepare(body, vectorizer, claims=claims)
    if da not in docs or db not in docs:
        return _empty_alignment()
    s, cos = _score_matrix(docs[da], docs[db], containment_weight=containment_weight, off_topic_penalty=off_topic_penalty, speaker_penalty=speaker_penalty)
    return _pair_table(docs[da].rows, docs[db].rows, s, cos, min_score=min_score, ratio=ratio)


def _pair_table(
    a: pd.DataFrame, b: pd.DataFrame, s: np.ndarray, cos: np.ndarray, *, min_score: float, ratio: float
) -> pd.DataFrame:
    links = _links(s, min_score=min_score, ratio=ratio)
    if not links:
        return _empty_alignment()
    i, j, score, margin, rule = map(list, zip(*links))
    out = pd.DataFrame(
        {
            "doc_a": a["doc_id"].to_numpy()[i],
            "sent_a": a["sent_id"].to_numpy()[i],
            "text_a": a["text"].to_numpy()[i],
            "doc_b": b["doc_id"].to_numpy()[j],
            "sent_b": b["sent_id"].to_numpy()[j],
            "text_b": b["text"].to_numpy()[j],
            "score": np.round(score, 6),
            "cosine": np.round(cos[i, j], 6),
            "margin": np.round(margin, 6),
            "rule": rule,
        }
    )
    return out.astype({"sent_a": "int64", "sent_b": "int64"}).sort_values(["sent_a", "sent_b"], ignore_index=True)


def _event_keys(documents: pd.DataFrame) -> pd.Series:
    d = documents.set_index("doc_id")
    date = d.get("event_date", pd.Series(None, index=d.index, dtype="object"))
    title = d.get("event_title", pd.Series(None, index=d.index, dtype="object"))
    ok = date.notna() & title.notna() & (date.astype(str) != "") & (title.astype(str) != "")
    return (date.astype(str) + " " + title.astype(str)).where(ok)


def candidate_pairs(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str = "auto",
    vectorizer: StatementVectorizer | None = None,
    top_k: int = 5,
    min_doc_score: float = 0.2,
) -> pd.DataFrame:
    """Which documents to compare.

    ``by="event"``: every pair of documents with the same event (event date and
    title in ``documents``).  ``by="similarity"``: each document with its
    ``top_k`` most similar documents whose cosine (TF-IDF of all body
    sentences) is at least ``min_doc_score``, from one sparse product.
    ``by="auto"``: by event when every document has one, else by similarity.
    Documents flagged ``duplicate_of`` are left out.

    Returns a DataFrame with columns ``doc_a, doc_b, doc_score, reason``
    (``doc_a < doc_b``), sorted.
    """
    body = _body(sentences)
    docs = sorted(body["doc_id"].unique())
    if documents is not None and "duplicate_of" in documents:
        dups = set(documents.loc[documents["duplicate_of"].notna(), "doc_id"])
        docs = [d for d in docs if d not in dups]
    cols = ["doc_a", "doc_b", "doc_score", "reason"]
    if len(docs) < 2:
        return pd.DataFrame(columns=cols).astype({"doc_score": "float64"})
    if vectorizer is None:
        vectorizer = StatementVectorizer(features="word").fit(body["text"])
    body = body[body["doc_id"].isin(docs)]
    x = vectorizer.transform(body["text"])
    index = {d: k for k, d in enumerate(docs)}
    rows = body["doc_id"].map(index).to_numpy()
    member = sp.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(docs), len(rows)))
    dvec = normalize(member @ x)
    sim = (dvec @ dvec.T).tocoo()
    score = {(int(i), int(j)): float(v) for i, j, v in zip(sim.row, sim.col, sim.data) if i < j}

    events = _event_keys(documents) if documents is not None else pd.Series(dtype="object")
    use_event = by == "event" or (by == "auto" and len(events) and events.reindex(docs).notna().all())
    if by not in ("auto", "event", "similarity"):
        raise ValueError(f"by must be 'auto', 'event' or 'similarity', not {by!r}")
    out = []
    if use_event:
        ev = events.reindex(docs)
        for i, da in enumerate(docs):
            for j in range(i + 1, len(docs)):
                if pd.notna(ev.iloc[i]) and ev.iloc[i] == ev.iloc[j]:
                    out.append((da, docs[j], score.get((i, j), 0.0), "same event"))
    else:
        keep: set[tuple[int, int]] = set()
        sim = sim.tocsr()
        for i in range(len(docs)):
            row = sim.getrow(i)
            cand = [(v, j) for j, v in zip(row.indices, row.data) if j != i and v >= min_doc_score]
            for v, j in sorted(cand, key=lambda t: (-t[0], t[1]))[:top_k]:
                keep.add((min(i, j), max(i, j)))
        out = [(docs[i], docs[j], score.get((i, j), 0.0), "similar documents") for i, j in sorted(keep)]
    res = pd.DataFrame(out, columns=cols).astype({"doc_score": "float64"})
    res["doc_score"] = res["doc_score"].round(6)
    return res.sort_values(["doc_a", "doc_b"], ignore_index=True)


def align_corpus(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    by: str = "auto",
    vectorizer: StatementVectorizer | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    ratio: float = DEFAULT_RATIO,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = DEFAULT_OFF_TOPIC_PENALTY,
    speaker_penalty: float = DEFAULT_SPEAKER_PENALTY,
) -> pd.DataFrame:
    """Align every candidate pair of documents of a corpus.

    ``sentences`` is the table of :func:`claimcompare.sentences_table`;
    ``documents`` the corpus's document table (events, duplicates).  One
    :class:`~claimcompare.similarity.StatementVectorizer` is fitted on all
    body sentences (their claims when ``claims``), so inverse document
    frequencies come from the whole corpus.  ``pairs`` (from
    :func:`candidate_pairs`) overrides ``by``.  The other knobs are those of
    :func:`align_pair`.

    Returns the table of :func:`align_pair` for all pairs, sorted by
    ``doc_a, doc_b, sent_a, sent_b``.
    """
    body = _body(sentences)
    if body.empty:
        return _empty_alignment()
    docs, vectorizer = _prepare(body, vectorizer, claims=claims)
    if pairs is None:
        pairs = candidate_pairs(sentences, documents, by=by, vectorizer=vectorizer)
    needed = set(pairs["doc_a"]) | set(pairs["doc_b"])
    tables = []
    for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False):
        if da not in needed or da not in docs or db not in docs:
            continue
        s, cos = _score_matrix(docs[da], docs[db], containment_weight=containment_weight, off_topic_penalty=off_topic_penalty, speaker_penalty=speaker_penalty)
        tables.append(_pair_table(docs[da].rows, docs[db].rows, s, cos, min_score=min_score, ratio=ratio))
    tables = [t for t in tables if len(t)]
    if not tables:
        return _empty_alignment()
    out = pd.concat(tables, ignore_index=True)
    return out.sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True)


def statement_clusters(alignment: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group linked sentences into statements (connected components of the links).

    Returns one row per sentence in a cluster: ``cluster`` (int, numbered in
    order of the first sentence's ``doc_id, sent_id``), ``doc_id``,
    ``sent_id``, ``text``, ``n_docs`` (documents in the cluster) and
    ``n_outlets`` (distinct ``outlet`` values when ``documents`` has them,
    else equal to ``n_docs``).  A statement reported by three outlets is a
    cluster with ``n_outlets >= 3``.
    """
    cols = ["cluster", "doc_id", "sent_id", "text", "n_docs", "n_outlets"]
    if alignment.empty:
        return pd.DataFrame(columns=cols)
    nodes = pd.concat(
        [
            alignment[["doc_a", "sent_a", "text_a"]].set_axis(["doc_id", "sent_id", "text"], axis=1),
            alignment[["doc_b", "sent_b", "text_b"]].set_axis(["doc_id", "sent_id", "text"], axis=1),
        ]
    ).drop_duplicates(["doc_id", "sent_id"])
    nodes = nodes.sort_values(["doc_id", "sent_id"], ignore_index=True)
    key = {k: n for n, k in enumerate(zip(nodes["doc_id"], nodes["sent_id"]))}
    ia = [key[k] for k in zip(alignment["doc_a"], alignment["sent_a"])]
    ib = [key[k] for k in zip(alignment["doc_b"], alignment["sent_b"])]
    graph = sp.coo_matrix((np.ones(len(ia)), (ia, ib)), shape=(len(nodes), len(nodes)))
    _, labels = connected_components(graph, directed=False)
    # Renumber components by their first node, so numbering is stable.
    first: dict[int, int] = {}
    for lab in labels:
        first.setdefault(int(lab), len(first))
    nodes["cluster"] = [first[int(lab)] for lab in labels]
    nodes["n_docs"] = nodes.groupby("cluster")["doc_id"].transform("nunique").astype("int64")
    if documents is not None and "outlet" in documents:
        outlet = documents.set_index("doc_id")["outlet"]
        nodes["outlet"] = nodes["doc_id"].map(outlet).fillna(nodes["doc_id"])
        nodes["n_outlets"] = nodes.groupby("cluster")["outlet"].transform("nunique").astype("int64")
    else:
        nodes["n_outlets"] = nodes["n_docs"]
    return nodes[cols].sort_values(["cluster", "doc_id", "sent_id"], ignore_index=True)


def unique_statements(
    sentences: pd.DataFrame,
    alignment: pd.DataFrame,
    pairs: pd.DataFrame,
) -> pd.DataFrame:
    """Body sentences with no counterpart in any document they were compared with.

    ``pairs`` are the compared document pairs (:func:`candidate_pairs`); only
    documents in at least one pair can have unique statements.  Returns the
    rows of ``sentences`` (same columns), sorted by ``doc_id, sent_id``.
    """
    compared: Iterable[str] = set(pairs["doc_a"]) | set(pairs["doc_b"]) if len(pairs) else set()
    body = _body(sentences)
    body = body[body["doc_id"].isin(compared)]
    if body.empty:
        return body.reset_index(drop=True)
    linked = set(zip(alignment["doc_a"], alignment["sent_a"])) | set(zip(alignment["doc_b"], alignment["sent_b"]))
    mask = [k not in linked for k in zip(body["doc_id"], body["sent_id"])]
    return body[mask].sort_values(["doc_id", "sent_id"], ignore_index=True)

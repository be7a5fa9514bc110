"""Align matching statements across reports of the same event.

Tables in, tables out:

* :func:`candidate_pairs` — which documents to compare (same event, or the
  most similar documents when events are unknown, exactly or by an
  approximate nearest-neighbour search, :class:`AnnSearch`), so that
  sentences are never compared all against all across a large corpus;
* :func:`align_pair` — the links between the body sentences of two documents;
* :func:`align_corpus` — :func:`align_pair` over every candidate pair, with one
  vectorizer fitted on the corpus;
* :func:`statement_clusters` — linked sentences grouped into statements that do not chain
  (a statement found in three outlets is a cluster over three documents);
* :func:`unique_statements` — body sentences with no counterpart in any other
  report of the same event.

The stages :func:`align_corpus` is built from are public, so the learned
aligner (:mod:`claimcompare.aligner`), the views and the benchmarks reuse them
rather than private helpers: :func:`prepare_documents` (vectors, speakers and
names per document, :class:`PreparedDocument`), :func:`score_matrix` (with
:func:`off_topic`, :class:`TermMatrix` overlaps, :func:`claim_embeddings` and
:func:`embedding_cosines`), :func:`link_arrays` (the linking rule below) and
:func:`links_table` (the alignment table, :func:`empty_alignment` when empty).

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

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.preprocessing import normalize

from .embeddings import DEFAULT_SEMANTIC_WEIGHT, HYBRID_MIN_SCORE, Encoder, MissingExtraError, encode_groups, hybrid_scores, resolve_encoder
from .attribution import Speaker, article_speakers, same_speaker
from .corpus import ALIGNED_ROLES, body_sentences
from .frames import named_mentions, split_frame
from .progress import progress
from .similarity import StatementVectorizer

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ALIGNED_ROLES",
    "ANN_BACKENDS",
    "AnnSearch",
    "PairLinks",
    "PreparedDocument",
    "STATEMENT_COLUMNS",
    "TermMatrix",
    "align_corpus",
    "align_pair",
    "approximate_document_pairs",
    "body_sentences",
    "candidate_documents",
    "candidate_pairs",
    "claim_embeddings",
    "document_event_keys",
    "document_vectors",
    "embedding_cosines",
    "empty_alignment",
    "link_arrays",
    "links_table",
    "mid_sentence_names",
    "min_link_score",
    "off_topic",
    "other_event",
    "overlap_coefficient",
    "pairs_by_event",
    "prepare_documents",
    "score_matrix",
    "similar_document_pairs",
    "speaker_agreement",
    "statement_clusters",
    "statements",
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
#: Columns of :func:`statements` (and of :meth:`claimcompare.aligner.Aligner.cluster`).
STATEMENT_COLUMNS: tuple[str, ...] = ("statement", "doc_id", "sent_id", "text", "n_docs", "n_outlets")

DEFAULT_MIN_SCORE = 0.15
DEFAULT_RATIO = 0.9
DEFAULT_CONTAINMENT_WEIGHT = 0.5
DEFAULT_OFF_TOPIC_PENALTY = 0.5
DEFAULT_SPEAKER_PENALTY = 0.75
#: Document pairs above which :func:`align_corpus` shows a progress bar (in a terminal).
PROGRESS_MIN_PAIRS = 50
#: Sentences transformed in one batch by :func:`prepare_documents` (bounds temporary memory).
_TRANSFORM_BATCH = 4096
#: Cells of the dense block of document similarities in :func:`candidate_pairs`.
_SIMILARITY_BLOCK_CELLS = 4_000_000
#: Packages that :class:`AnnSearch` can use (the extra ``claimcompare[ann]``).
ANN_BACKENDS: tuple[str, ...] = ("hnswlib", "pynndescent")
#: Cells of the temporary array of :func:`overlap_coefficient` (rows x columns x shared terms).
_OVERLAP_BLOCK_CELLS = 2_000_000


def empty_alignment() -> pd.DataFrame:
    """An alignment table with no rows: columns :data:`ALIGNMENT_COLUMNS` with their dtypes.

    ``sent_a, sent_b`` int64; ``score, cosine, margin`` float64; the others
    object.  What every aligner returns when nothing is linked.
    """
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in ALIGNMENT_COLUMNS})
    return out.astype({"sent_a": "int64", "sent_b": "int64", "score": "float64", "cosine": "float64", "margin": "float64"})


def link_arrays(s: np.ndarray, *, min_score: float, ratio: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The links of one score matrix by the symmetrised best-match rule of the module docstring.

    ``s``: scores of shape ``(n_a, n_b)`` (rows: sentences of one document,
    columns: of the other), e.g. :func:`score_matrix` or a link probability.
    A pair is linked when ``s[i, j] >= min_score`` and it is the best of its
    row and of its column (mutual best), or the best of one of them and at
    least ``ratio`` times the best of the other (one-to-many).  Ties go to
    the lowest index.

    Returns five arrays of equal length, in row-major order of ``(i, j)``:
    ``i``, ``j`` (int positions), ``score`` (``s[i, j]``), ``margin`` (the
    score minus the next candidate of its row, or minus the row's best for
    a one-to-many link, so it may be negative) and ``mutual`` (True for a
    mutual-best link, False for a one-to-many link).  A low-level stage
    (arrays, not a table: it runs once per document pair);
    :func:`links_table` turns its output into the alignment table.
    """
    empty = np.zeros(0, dtype=np.intp)
    if s.size == 0:
        return empty, empty, np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)
    n, m = s.shape
    best_j = s.argmax(axis=1)  # ties: lowest index, deterministic
    best_i = s.argmax(axis=0)
    row_best = s[np.arange(n), best_j]
    col_best = s[best_i, np.arange(m)]
    # Margin over the next candidate in the row (0 when the row has one column).
    second = np.partition(s, -2, axis=1)[:, -2] if m > 1 else np.zeros(n)
    row_ok = best_j[:, None] == np.arange(m)[None, :]
    col_ok = best_i[None, :] == np.arange(n)[:, None]
    mutual = row_ok & col_ok
    keep = (s >= min_score) & (
        mutual | (col_ok & (s >= ratio * row_best[:, None])) | (row_ok & (s >= ratio * col_best[None, :]))
    )
    i, j = np.nonzero(keep)
    score = s[i, j]
    margin = score - np.where(row_ok[i, j], second[i], row_best[i])
    return i, j, score, margin, mutual[i, j]


@dataclass(frozen=True)
class PreparedDocument:
    """What the aligners need of one document's body sentences (:func:`prepare_documents` makes them).

    ``rows``: the document's rows of the sentences table, in the order of
    the other fields (the body sentences, ``sent_id`` order as in the input).
    ``vectors``: their TF-IDF rows (canonical CSR, one row per sentence, of
    the claim or of the whole sentence); ``texts``: the texts vectorised.
    ``names`` holds each sentence's name prefixes (first four letters, lower
    case), ``prefixes`` their union and ``recurring`` the prefixes found in
    two sentences or more, all for :func:`off_topic`; ``speaker_ids``
    numbers each sentence's speaker within the document (``-1``: none) and
    ``speakers`` lists those speakers as ``(speaker_type, speaker)`` pairs
    (:func:`claimcompare.attribution.article_speakers`), for
    :func:`speaker_agreement`.  ``terms`` (the distinct
    columns of ``vectors``) and ``mass`` (its row sums) let
    :meth:`overlap` summarise a document once for all its pairs.
    """

    rows: pd.DataFrame
    vectors: sp.csr_matrix
    texts: tuple[str, ...]
    prefixes: frozenset[str]
    names: tuple[frozenset[str], ...]
    recurring: frozenset[str]
    speaker_ids: np.ndarray
    speakers: tuple[tuple[str, str], ...]
    terms: np.ndarray
    mass: np.ndarray

    def overlap(self, other: PreparedDocument) -> np.ndarray:
        """:func:`overlap_coefficient` of this document's sentence vectors with ``other``'s: shape ``(n_self, n_other)``, in [0, 1]."""
        return _overlap(self.vectors, self.terms, self.mass, other.vectors, other.terms, other.mass)


@dataclass(frozen=True)
class TermMatrix:
    """Non-negative term weights of some rows, summarised for :meth:`overlap`.

    ``matrix``: canonical CSR, one row per item (e.g. a sentence); ``terms``:
    its distinct columns, sorted; ``mass``: its row sums.  Build it with
    :meth:`of`; a table compared with many others is summarised once.
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    mass: np.ndarray

    @classmethod
    def of(cls, x: sp.spmatrix) -> TermMatrix:
        """The summary of ``x`` (any scipy sparse matrix of non-negative weights)."""
        x = _canonical(x)
        return cls(matrix=x, terms=np.unique(x.indices), mass=_row_sums(x))

    def overlap(self, other: TermMatrix) -> np.ndarray:
        """:func:`overlap_coefficient` of every row with every row of ``other``: shape ``(n_self, n_other)``, in [0, 1]."""
        return _overlap(self.matrix, self.terms, self.mass, other.matrix, other.terms, other.mass)


def _make_doc(
    rows: pd.DataFrame, vectors: sp.csr_matrix, texts: tuple[str, ...], speakers: list[tuple[str, str] | None], mentions: list[set[str]]
) -> PreparedDocument:
    names = tuple(frozenset(x[:4].lower() for x in m) for m in mentions)
    counts: dict[str, int] = {}
    for n in names:
        for w in n:
            counts[w] = counts.get(w, 0) + 1
    sets: dict[tuple[str, str], int] = {}
    ids = np.array([sets.setdefault(who, len(sets)) if who else -1 for who in speakers], dtype=np.intp)
    vectors = _canonical(vectors)
    return PreparedDocument(
        rows=rows,
        vectors=vectors,
        texts=texts,
        prefixes=frozenset().union(*names),
        names=names,
        recurring=frozenset(w for w, n in counts.items() if n >= 2),
        speaker_ids=ids,
        speakers=tuple(sets),
        terms=np.unique(vectors.indices),
        mass=_row_sums(vectors),
    )


def _batches(groups: list[np.ndarray], size: int) -> Iterator[list[int]]:
    """Consecutive runs of ``groups`` (index arrays) with at most ``size`` indices in all (at least one group)."""
    batch: list[int] = []
    total = 0
    for k, g in enumerate(groups):
        if batch and total + len(g) > size:
            yield batch
            batch, total = [], 0
        batch.append(k)
        total += len(g)
    if batch:
        yield batch


def prepare_documents(
    body: pd.DataFrame,
    vectorizer: StatementVectorizer | None = None,
    *,
    claims: bool = True,
    sentence_initial_names: frozenset[str] | None = None,
) -> tuple[dict[str, PreparedDocument], StatementVectorizer]:
    """Per-document vectors (of claims or whole sentences), speakers and names: the aligners' first stage.

    ``body``: body rows of the sentences table (:func:`body_sentences`;
    columns ``doc_id, sent_id, text`` at least, plus ``event`` for
    :func:`other_event`).  ``vectorizer``: a fitted
    :class:`~claimcompare.similarity.StatementVectorizer`, or ``None`` to
    fit one on ``body``'s texts.  ``claims``: vectorise each sentence's claim
    (:func:`claimcompare.frames.claim_text`) rather than the whole sentence.
    ``sentence_initial_names``: the corpus's :func:`mid_sentence_names`
    (``None``: computed from ``body``).  Each sentence's speaker is that of
    :func:`claimcompare.attribution.article_speakers` over its document's
    body sentences (the speaker notebook 04 shows); the outlet's own voice
    and a pronoun with no one to refer to count as no speaker.  Named
    mentions are read with :func:`claimcompare.frames.named_mentions`.

    Sentences are transformed in batches of whole documents (rows of a
    :class:`~claimcompare.similarity.StatementVectorizer` do not depend on
    each other), then sliced per document.  Returns ``(docs, vectorizer)``:
    a :class:`PreparedDocument` per ``doc_id`` (keys in sorted order) and
    the vectorizer used.
    """
    initial = sentence_initial_names
    raw = body["text"].tolist()
    frames = [split_frame(t) for t in raw]
    texts = [c if claims else t for (_, c), t in zip(frames, raw)]
    fitted = None
    if vectorizer is None:  # fit and transform in one pass over the texts
        vectorizer = StatementVectorizer()
        fitted = vectorizer.fit_transform(texts)
    if initial is None:
        initial = _mid_sentence_names(raw)
    groups = list(body.groupby("doc_id", sort=True).indices.items())
    docs: dict[str, PreparedDocument] = {}
    for batch in _batches([idx for _, idx in groups], _TRANSFORM_BATCH):
        order = np.concatenate([groups[k][1] for k in batch])
        vectors = fitted[order] if fitted is not None else vectorizer.transform([texts[i] for i in order])
        at = 0
        for k in batch:
            doc_id, idx = groups[k]
            speakers = [_speaker_key(who) for who in article_speakers([raw[i] for i in idx])]
            mentions = [named_mentions(raw[i], sentence_initial_names=initial) for i in idx]
            docs[doc_id] = _make_doc(body.iloc[idx], vectors[at : at + len(idx)], tuple(texts[i] for i in idx), speakers, mentions)
            at += len(idx)
    return docs, vectorizer


#: Speaker types the aligners compare (the outlet's own voice is no speaker).
COMPARED_SPEAKER_TYPES: frozenset[str] = frozenset({"person", "group"})


def _speaker_key(who: Speaker) -> tuple[str, str] | None:
    """``(speaker_type, speaker)`` of an :func:`~claimcompare.attribution.article_speakers` row, or None when not compared."""
    if who.speaker_type not in COMPARED_SPEAKER_TYPES or who.resolved == "unresolved":
        return None
    return (who.speaker_type, who.speaker)


def speaker_agreement(a: PreparedDocument, b: PreparedDocument) -> tuple[np.ndarray, np.ndarray]:
    """Whether the sentences of two prepared documents have speakers, and the same one.

    Returns two boolean arrays of shape ``(n_a, n_b)``: ``both`` (both
    sentences are attributed to a speaker of :data:`COMPARED_SPEAKER_TYPES`,
    by :func:`claimcompare.attribution.article_speakers`) and ``same``
    (``both`` and :func:`claimcompare.attribution.same_speaker`: same type
    and, for persons, names sharing a word).  ``both & ~same`` is a speaker
    clash (the default aligner's ``speaker_penalty``; the learned aligner's
    ``speaker_clash``), ``same`` a match.
    """
    n, m = len(a.speaker_ids), len(b.speaker_ids)
    if not a.speakers or not b.speakers:
        return np.zeros((n, m), dtype=bool), np.zeros((n, m), dtype=bool)
    agree = np.array([[same_speaker(ta, sa, tb, sb) for tb, sb in b.speakers] for ta, sa in a.speakers], dtype=bool)
    ia, ib = a.speaker_ids, b.speaker_ids
    both = (ia[:, None] >= 0) & (ib[None, :] >= 0)
    same = both & agree[np.maximum(ia, 0)[:, None], np.maximum(ib, 0)[None, :]]
    return both, same


def _mid_sentence_names(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w for t in texts for w in named_mentions(t))


def mid_sentence_names(sentences: pd.DataFrame) -> frozenset[str]:
    """Capitalised words seen inside (not at the start of) the body sentences of ``sentences``.

    The set :func:`align_corpus` gives :func:`claimcompare.frames.named_mentions`
    as ``sentence_initial_names``: a sentence's first word counts as a name
    only when it is capitalised somewhere mid-sentence in the corpus.  The
    union of the sets of disjoint parts of a corpus is the set of the whole,
    so a distributed engine computes it per partition
    (:mod:`claimcompare.engine`).  Returns a frozenset of words.
    """
    return _mid_sentence_names(body_sentences(sentences)["text"].tolist())


def off_topic(doc: PreparedDocument, other: PreparedDocument) -> np.ndarray:
    """True for sentences about names the other report never mentions: boolean array, one per sentence of ``doc``.

    Names are compared by their first four letters ("Russia"/"Russian").  A
    name is *foreign* when it recurs in the sentence's own document (two
    sentences or more) and the other document never mentions it — a
    participant the other report does not know — and *shared* when it recurs
    in the other document.  A sentence is off-topic when it has more foreign
    names than shared names minus one (one foreign name outweighs two shared
    ones), or when both of its neighbours are off-topic (a passage about
    another meeting).
    """
    foreign = doc.recurring - other.prefixes
    shared = other.recurring
    own = np.zeros(len(doc.names), dtype=bool)
    if foreign:
        for k, names in enumerate(doc.names):
            n_foreign = len(names & foreign)
            own[k] = n_foreign > 0 and len(names & shared) <= n_foreign + 1
    if len(own) < 3:
        return own
    sandwiched = np.zeros_like(own)
    sandwiched[1:-1] = own[:-2] & own[2:]
    return own | sandwiched


def other_event(rows_a: pd.DataFrame, rows_b: pd.DataFrame) -> np.ndarray:
    """True where two sentences report different events (never compared).

    Boolean array of shape ``(len(rows_a), len(rows_b))`` from the sentences'
    ``event`` column (:func:`claimcompare.passages.passage_events`): True when
    both sentences have an event and the two differ (``"other"``, a passage
    about an event the metadata does not name, differs from every event).
    All False when either table has no ``event`` column.
    """
    if "event" not in rows_a.columns or "event" not in rows_b.columns:
        return np.zeros((len(rows_a), len(rows_b)), dtype=bool)
    ea = rows_a["event"].fillna("").astype(str).to_numpy()
    eb = rows_b["event"].fillna("").astype(str).to_numpy()
    return (ea[:, None] != "") & (eb[None, :] != "") & (ea[:, None] != eb[None, :])


def _canonical(x: sp.spmatrix) -> sp.csr_matrix:
    """``x`` as CSR with sorted, summed indices (a copy only when needed)."""
    x = sp.csr_matrix(x)
    if not x.has_canonical_format:
        x = x.copy()
        x.sum_duplicates()
    return x


def _dense_columns(x: sp.csr_matrix, columns: np.ndarray) -> np.ndarray:
    """``x[:, columns].toarray()`` for sorted, unique ``columns``, without scipy's fancy indexing."""
    out = np.zeros((x.shape[0], len(columns)))
    pos = np.searchsorted(columns, x.indices)
    hit = pos < len(columns)
    hit[hit] = columns[pos[hit]] == x.indices[hit]
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    out[rows[hit], pos[hit]] = x.data[hit]
    return out


def overlap_coefficient(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """Weighted overlap coefficient of every row of ``a`` with every row of ``b``.

    ``overlap(x, y) = sum_t min(x_t, y_t) / min(sum_t x_t, sum_t y_t)`` for
    non-negative weights (the Szymkiewicz–Simpson coefficient generalised to
    weights): 1 when the smaller statement's terms are all inside the larger
    one with at least its weights.  Only terms present in both matrices
    are visited, in blocks of rows of ``a`` (a dense array of at most about
    ``_OVERLAP_BLOCK_CELLS`` cells at a time).  Returns an array in [0, 1] of
    shape ``(a.shape[0], b.shape[0])``.
    """
    a, b = _canonical(a), _canonical(b)
    return _overlap(a, np.unique(a.indices), _row_sums(a), b, np.unique(b.indices), _row_sums(b))


def _row_sums(x: sp.csr_matrix) -> np.ndarray:
    return np.asarray(x.sum(axis=1)).ravel()


def _overlap(
    a: sp.csr_matrix, terms_a: np.ndarray, mass_a: np.ndarray, b: sp.csr_matrix, terms_b: np.ndarray, mass_b: np.ndarray
) -> np.ndarray:
    """:func:`overlap_coefficient` of canonical ``a`` and ``b``, given each one's distinct terms and row sums.

    The aligner keeps both per document (:class:`PreparedDocument`, :class:`TermMatrix`), so a document in many
    pairs is summarised once.
    """
    out = np.zeros((a.shape[0], b.shape[0]))
    if a.shape[0] == 0 or b.shape[0] == 0:
        return out
    shared = np.intersect1d(terms_a, terms_b, assume_unique=True)
    if shared.size == 0:
        return out
    da = _dense_columns(a, shared)
    db = _dense_columns(b, shared)
    mass = np.minimum(mass_a[:, None], mass_b[None, :])
    step = max(1, _OVERLAP_BLOCK_CELLS // (db.shape[0] * db.shape[1]))
    for i in range(0, da.shape[0], step):
        out[i : i + step] = np.minimum(da[i : i + step, None, :], db[None, :, :]).sum(axis=2)
    return np.clip(out / np.maximum(mass, 1e-12), 0.0, 1.0)


def score_matrix(
    a: PreparedDocument,
    b: PreparedDocument,
    *,
    containment_weight: float,
    off_topic_penalty: float,
    speaker_penalty: float,
    semantic: np.ndarray | None = None,
    semantic_weight: float = DEFAULT_SEMANTIC_WEIGHT,
) -> tuple[np.ndarray, np.ndarray]:
    """The default aligner's ``(score, cosine)`` matrices of two prepared documents, each of shape ``(n_a, n_b)``.

    ``cosine``: TF-IDF cosine of the sentences' vectors, in [0, 1].
    ``score = ((1 - w) * cosine + w * overlap) * penalties`` with ``w =
    containment_weight`` and ``overlap`` the weighted overlap coefficient
    (:func:`overlap_coefficient`); with ``semantic`` (the embedding cosines
    of the two documents' claims, :func:`embedding_cosines`), the part
    before the penalties is mixed with it by
    :func:`claimcompare.embeddings.hybrid_scores`.  Penalties: rows and
    columns of :func:`off_topic` sentences are multiplied by
    ``off_topic_penalty``, pairs whose speakers share no name by
    ``speaker_penalty``.  In [0, 1]; see :func:`align_pair` for the knobs.
    """
    cos = np.clip((a.vectors @ b.vectors.T).toarray(), 0.0, 1.0)
    if containment_weight == 0:
        s = cos
    else:
        overlap = a.overlap(b)
        s = (1 - containment_weight) * cos + containment_weight * overlap
    s = hybrid_scores(s, semantic, weight=semantic_weight) if semantic is not None else s.copy()
    s[off_topic(a, b), :] *= off_topic_penalty
    s[:, off_topic(b, a)] *= off_topic_penalty
    both, same = speaker_agreement(a, b)
    s[both & ~same] *= speaker_penalty
    return s, cos


def align_pair(
    sentences_a: pd.DataFrame,
    sentences_b: pd.DataFrame,
    *,
    vectorizer: StatementVectorizer | None = None,
    min_score: float | None = None,
    ratio: float = DEFAULT_RATIO,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = DEFAULT_OFF_TOPIC_PENALTY,
    speaker_penalty: float = DEFAULT_SPEAKER_PENALTY,
    semantic: str | Encoder | None = "auto",
    semantic_weight: float = DEFAULT_SEMANTIC_WEIGHT,
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
        Lowest adjusted score for any link, in [0, 1]; ``None``:
        :data:`DEFAULT_MIN_SCORE` (0.15) for the lexical score,
        :data:`claimcompare.embeddings.HYBRID_MIN_SCORE` (0.2) for the hybrid.
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
    semantic:
        Scoring backend (:func:`claimcompare.embeddings.resolve_encoder`):
        ``"auto"`` — hybrid when the extra ``claimcompare[embeddings]`` and
        its model are installed, lexical otherwise; ``"off"`` — lexical;
        ``"on"`` — hybrid or an error saying what to install; or an encoder
        object.  Hybrid: the score before the penalties becomes ``(1 - v) *
        lexical + v * embedding cosine`` of the claims, ``v =
        semantic_weight`` (:func:`claimcompare.embeddings.hybrid_scores`).
    semantic_weight:
        ``v`` above, in [0, 1]; default 0.15, measured in
        ``benchmarks/semantic.py``.

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
    body = body_sentences(pd.concat([sentences_a, sentences_b]))
    da, db = sentences_a["doc_id"].iloc[0] if len(sentences_a) else None, sentences_b["doc_id"].iloc[0] if len(sentences_b) else None
    if body.empty or da is None or db is None or da == db:
        return empty_alignment()
    return align_corpus(
        body,
        pairs=pd.DataFrame({"doc_a": [da], "doc_b": [db]}),
        vectorizer=vectorizer,
        min_score=min_score,
        ratio=ratio,
        claims=claims,
        containment_weight=containment_weight,
        off_topic_penalty=off_topic_penalty,
        speaker_penalty=speaker_penalty,
        semantic=semantic,
        semantic_weight=semantic_weight,
        show_progress=False,
    )


def min_link_score(min_score: float | None, encoder: Encoder | None) -> float:
    """The minimum link score of :func:`align_pair`: ``min_score`` when given, else the backend's default.

    ``encoder``: the resolved scoring backend
    (:func:`claimcompare.embeddings.resolve_encoder`; ``None`` lexical).
    Returns :data:`DEFAULT_MIN_SCORE` (lexical) or
    :data:`claimcompare.embeddings.HYBRID_MIN_SCORE` (hybrid) for ``None``.
    """
    if min_score is not None:
        return float(min_score)
    return DEFAULT_MIN_SCORE if encoder is None else HYBRID_MIN_SCORE


def claim_embeddings(docs: dict[str, PreparedDocument], ids: Iterable[str], encoder: Encoder | None) -> dict[str, np.ndarray] | None:
    """Sentence embeddings of the texts of the prepared documents ``ids``, or ``None`` without an encoder.

    ``docs``: from :func:`prepare_documents`; ``encoder``: from
    :func:`claimcompare.embeddings.resolve_encoder`.  Each distinct text is
    encoded once (:func:`claimcompare.embeddings.encode_groups`).  Returns
    ``doc_id -> array (n_sentences, dim)`` for the sorted distinct ``ids``.
    """
    if encoder is None:
        return None
    return encode_groups({d: docs[d].texts for d in sorted(set(ids))}, encoder)


def embedding_cosines(emb: dict[str, np.ndarray] | None, da: str, db: str) -> np.ndarray | None:
    """Embedding cosines of the sentences of documents ``da`` and ``db``, clipped to [0, 1]: shape ``(n_a, n_b)``.

    ``emb``: from :func:`claim_embeddings`; ``None`` gives ``None`` (lexical
    backend), the ``semantic`` argument of :func:`score_matrix`.
    """
    if emb is None:
        return None
    return np.clip(emb[da].astype(np.float64) @ emb[db].astype(np.float64).T, 0.0, 1.0)


class PairLinks(NamedTuple):
    """The links of one document pair, as :func:`link_arrays` gives them, with the two documents' rows.

    ``rows_a``, ``rows_b``: the pair's body rows (``doc_id, sent_id, text``;
    :attr:`PreparedDocument.rows`); ``i``, ``j``: positions in them;
    ``score``, ``cosine``, ``margin``: floats per link; ``mutual``: True for
    a mutual-best link.
    """

    rows_a: pd.DataFrame
    rows_b: pd.DataFrame
    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    cosine: np.ndarray
    margin: np.ndarray
    mutual: np.ndarray


def links_table(parts: Iterable[PairLinks | tuple], *, by: list[str]) -> pd.DataFrame:
    """One alignment table from the links of several document pairs.

    ``parts``: :class:`PairLinks` (or tuples in its field order), one per
    document pair.  Returns columns :data:`ALIGNMENT_COLUMNS` (scores rounded
    to 6 decimals; ``rule`` ``"mutual-best"`` or ``"one-to-many"``), sorted
    by ``by`` (e.g. ``["doc_a", "doc_b", "sent_a", "sent_b"]``);
    :func:`empty_alignment` when there is no link.
    """
    parts = [p for p in parts if len(p[2])]
    if not parts:
        return empty_alignment()

    def cat(values: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(values) if len(values) > 1 else values[0]

    cols: dict[str, np.ndarray] = {}
    for side, rows_at, pos_at in (("a", 0, 2), ("b", 1, 3)):
        cols[f"doc_{side}"] = cat([p[rows_at]["doc_id"].to_numpy()[p[pos_at]] for p in parts])
        cols[f"sent_{side}"] = cat([p[rows_at]["sent_id"].to_numpy()[p[pos_at]] for p in parts])
        cols[f"text_{side}"] = cat([p[rows_at]["text"].to_numpy()[p[pos_at]] for p in parts])
    mutual = cat([p[7] for p in parts])
    out = pd.DataFrame(
        {
            **cols,  # doc_a, sent_a, text_a, doc_b, sent_b, text_b
            "score": np.round(cat([p[4] for p in parts]), 6),
            "cosine": np.round(cat([p[5] for p in parts]), 6),
            "margin": np.round(cat([p[6] for p in parts]), 6),
            "rule": np.where(mutual, "mutual-best", "one-to-many").astype(object),
        }
    )
    return out.astype({"sent_a": "int64", "sent_b": "int64"}).sort_values(by, ignore_index=True)


def document_event_keys(documents: pd.DataFrame) -> pd.Series:
    """Each document's own event key, ``"<event_date> <event_title>"``: a Series indexed by ``doc_id``.

    NaN where ``documents`` lacks the date or the title (or either is
    empty).  ``also_reports`` is not read
    (:func:`claimcompare.passages.document_events` gives every event a
    document reports).
    """
    d = documents.set_index("doc_id")
    date = d.get("event_date", pd.Series(None, index=d.index, dtype="object"))
    title = d.get("event_title", pd.Series(None, index=d.index, dtype="object"))
    ok = date.notna() & title.notna() & (date.astype(str) != "") & (title.astype(str) != "")
    return (date.astype(str) + " " + title.astype(str)).where(ok)


def _document_vectors(body: pd.DataFrame, docs: list[str], vectorizer: StatementVectorizer | None) -> sp.csr_matrix:
    """L2-normalised sum of each document's sentence vectors, one row per ``docs`` (in that order).

    ``vectorizer`` ``None``: a word-only :class:`~claimcompare.similarity.StatementVectorizer`
    fitted and applied in one pass over ``body``; else ``vectorizer`` is
    applied in batches of whole documents, so temporary memory stays bounded.
    Each document's sentences are summed in their order in ``body``.
    """
    texts = body["text"].tolist()
    fitted = StatementVectorizer(features="word").fit_transform(texts) if vectorizer is None else None
    index = body.groupby("doc_id", sort=True).indices
    groups = [index[d] for d in docs]
    parts = []
    for batch in _batches(groups, _TRANSFORM_BATCH):
        order = np.concatenate([groups[k] for k in batch])
        x = fitted[order] if fitted is not None else vectorizer.transform([texts[i] for i in order])
        rows = np.repeat(np.arange(len(batch)), [len(groups[k]) for k in batch])
        member = sp.csr_matrix((np.ones(len(order)), (rows, np.arange(len(order)))), shape=(len(batch), len(order)))
        parts.append(member @ x)
    stacked = sp.vstack(parts, format="csr")
    if stacked.shape[1] == 0:  # no document has a word: every vector is zero, no document is similar
        return stacked
    return normalize(stacked)


def similar_document_pairs(
    dvec: sp.csr_matrix,
    *,
    top_k: int = 5,
    min_doc_score: float = 0.2,
    rows: tuple[int, int] | None = None,
    days: np.ndarray | None = None,
    window_days: float | None = None,
) -> dict[tuple[int, int], float]:
    """``(i, j) -> cosine`` (``i < j``) for each document's ``top_k`` most similar documents.

    The similarity matrix is computed in blocks of rows (sparse product, then a
    dense block of at most about ``_SIMILARITY_BLOCK_CELLS`` cells), never as a
    whole: memory is O(block + N * top_k).  Per row, candidates are the other
    documents with cosine ``>= min_doc_score`` (and above 0), ranked by cosine,
    ties by index.  With ``window_days``, only documents whose ``days``
    (publication day numbers, NaN unknown) are at most that far apart.

    ``rows`` ``(first, stop)``: only the candidates picked by those rows (a
    distributed engine splits the rows into tasks); each row's candidates
    and values do not depend on the other rows, so updating a dict with the
    results of consecutive ranges, in order, gives the dict of all rows
    (a pair picked by both of its documents keeps the later row's value, as
    here).  Returns ``(i, j) -> cosine`` with ``i < j`` (row numbers of
    ``dvec``, as :func:`document_vectors` orders them).
    """
    n = dvec.shape[0]
    keep: dict[tuple[int, int], float] = {}
    k = min(top_k, n - 1)
    if k <= 0:
        return keep
    first, stop = rows if rows is not None else (0, n)
    step = max(1, _SIMILARITY_BLOCK_CELLS // max(n, 1))
    dt = dvec.T.tocsr()
    for lo in range(first, stop, step):
        hi = min(stop, lo + step)
        block = (dvec[lo:hi] @ dt).toarray()
        block[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf  # never a document with itself
        block[~((block >= min_doc_score) & (block > 0))] = -np.inf
        if window_days is not None:
            block[~_window_mask(days, np.arange(lo, hi)[:, None], np.arange(n)[None, :], window_days)] = -np.inf
        # The k-th best value of each row; all ties at it are candidates, then ranked exactly.
        kth = -np.partition(-block, k - 1, axis=1)[:, k - 1]
        for r in range(hi - lo):
            i = lo + r
            cand = np.nonzero((block[r] >= kth[r]) & np.isfinite(block[r]))[0]
            if not len(cand):
                continue
            vals = block[r, cand]
            order = np.lexsort((cand, -vals))[:top_k]
            for j, v in zip(cand[order], vals[order]):
                keep[(min(i, int(j)), max(i, int(j)))] = float(v)
    return keep


def _publication_days(documents: pd.DataFrame | None, docs: list[str]) -> np.ndarray:
    """Days since 1970-01-01 of each document's ``published`` date (NaN where unknown), in ``docs`` order."""
    if documents is None or "published" not in documents:
        return np.full(len(docs), np.nan)
    published = documents.drop_duplicates("doc_id").set_index("doc_id")["published"].reindex(docs)
    when = pd.to_datetime(published.astype(object).where(published.notna(), None), errors="coerce", format="mixed")
    days = (when - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    return np.floor(days.to_numpy(dtype=float, na_value=np.nan))


def _window_mask(days: np.ndarray, rows: np.ndarray, cols: np.ndarray, window_days: float) -> np.ndarray:
    """``True`` where documents ``rows[i]`` and ``cols[j]`` (broadcast) are within ``window_days``; unknown dates always are."""
    a, b = days[rows], days[cols]
    with np.errstate(invalid="ignore"):
        far = np.abs(a - b) > window_days
    return ~far  # NaN compares False: a pair with an unknown date is never outside the window


@dataclass(frozen=True)
class AnnSearch:
    """Approximate nearest-neighbour search over reduced document vectors (``candidate_pairs(by="ann")``).

    Parameters (set once; :meth:`get_params` lists them):

    ``backend``
        ``"hnswlib"`` (hierarchical navigable small-world graphs, Malkov and
        Yashunin 2018, "Efficient and robust approximate nearest neighbor
        search using HNSW graphs"; the extra ``claimcompare[ann]``) or
        ``"pynndescent"`` (NN-descent, Dong, Charikar and Li 2011, "Efficient
        k-nearest neighbor graph construction for generic similarity
        measures", L. McInnes' implementation; the extra
        ``claimcompare[ann-pynndescent]``).  Imported only when a search
        runs.  hnswlib is the default: on 10,000 generated articles it found
        more of the exact pairs, and pynndescent's numba compilation adds
        minutes to a process's first search (``benchmarks/pairs.py``).
    ``dims``
        components of the truncated SVD (latent semantic analysis, Deerwester
        et al. 1990) that reduces the sparse TF-IDF document vectors; when the
        vectors have no more columns than this they are searched as they are.
    ``candidates``
        neighbours retrieved per document in the reduced space; each is then
        re-scored with the exact cosine of the full vectors, so only the
        ranking (not the scores) is approximate.
    ``brute_max``
        a search group of at most this many documents is searched exactly (a
        dense product in the reduced space) instead of through the index: a
        date window of a few hundred documents needs no index.
    ``random_state``
        seeds the SVD and the index; with it (and one index thread) every run
        gives the same neighbours.  (The SVD's floating point can differ in
        the last bits between machines or BLAS thread counts, which may change
        a neighbour at the margin; the scores are always the exact cosines.)

    Measured (``benchmarks/pairs.py``, 10,000 generated articles, top 5):
    hnswlib with the defaults finds 99.5 % of the exact search's pairs.
    """

    backend: str = "hnswlib"
    dims: int = 128
    candidates: int = 30
    brute_max: int = 2048
    random_state: int = 0

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """The parameters, as scikit-learn's ``get_params`` gives them (``AnnSearch(**p)`` rebuilds the search)."""
        return {f: getattr(self, f) for f in ("backend", "dims", "candidates", "brute_max", "random_state")}

    def check(self) -> None:
        """Raise ``ValueError`` for a backend that is not one of :data:`ANN_BACKENDS`."""
        if self.backend not in ANN_BACKENDS:
            raise ValueError(f"AnnSearch backend must be one of {', '.join(ANN_BACKENDS)}, not {self.backend!r}")

    def require(self) -> None:
        """Import the backend's package now, or raise :class:`MissingExtraError` saying what to install.

        Only a search over more than ``brute_max`` documents builds an index
        and needs the package; smaller searches are exact and need nothing.
        """
        self.check()
        try:
            importlib.import_module(self.backend)
        except ImportError as err:
            extra = "ann" if self.backend == "hnswlib" else f"ann-{self.backend}"
            raise MissingExtraError(
                f"candidate_pairs(by='ann') with backend {self.backend!r} needs the Python package {self.backend!r}, "
                f"which is not installed: pip install 'claimcompare[{extra}]' (from the repository root: "
                f"pip install -e './lib[{extra}]'), or use by='similarity' (exact, the default without events)"
            ) from err

    def reduce(self, vectors: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Rows of ``vectors`` as dense float32 unit vectors of at most ``dims`` columns (truncated SVD, seeded)."""
        x = sp.csr_matrix(vectors, dtype=np.float64) if sp.issparse(vectors) else np.asarray(vectors, dtype=np.float64)
        n, m = x.shape
        if m <= self.dims or n <= self.dims:
            dense = x.toarray() if sp.issparse(x) else x
        else:
            from sklearn.decomposition import TruncatedSVD

            dense = TruncatedSVD(n_components=self.dims, algorithm="randomized", random_state=self.random_state).fit_transform(x)
        return normalize(dense).astype(np.float32)

    def neighbours(
        self, vectors: sp.spmatrix | np.ndarray, *, days: np.ndarray | None = None, window_days: float | None = None
    ) -> pd.DataFrame:
        """Approximate nearest neighbours of each row of ``vectors`` (cosine), within publication windows.

        ``vectors``: one row per document (sparse or dense); ``days``: each
        document's publication day as a number (NaN: unknown); with
        ``window_days``, a document's neighbours are only documents published
        at most that many days before or after it, or of unknown date.  Rows
        that are all zero have no neighbours and are nobody's neighbour.

        Method: :meth:`reduce`, then, per search group, the ``candidates``
        nearest rows by cosine from the backend's index (or exactly, for a
        group of at most ``brute_max`` rows).  Without a window there is one
        group, all documents.  With one, documents are cut into consecutive
        buckets of ``window_days + 1`` days; the documents of a bucket are
        searched among those of their own and both neighbouring buckets
        (which holds every document within the window) and of unknown date,
        and neighbours outside the window are dropped; documents of unknown
        date are searched among all.  Cost: one index per group, so about
        O(N log N) for pynndescent and hnswlib, each document indexed at most
        three times.

        Returns columns ``query``, ``neighbour`` (int64 row numbers, never
        equal), sorted; at most ``candidates`` rows per query.
        """
        self.check()
        x = self.reduce(vectors)
        n = x.shape[0]
        live = np.flatnonzero(np.abs(x).sum(axis=1) > 0)
        days = np.full(n, np.nan) if days is None else np.asarray(days, dtype=float)
        found: list[tuple[np.ndarray, np.ndarray]] = []
        if window_days is None:
            found.append(self._search(x, live, live))
        else:
            if window_days < 0:
                raise ValueError(f"window_days must be at least 0, not {window_days}")
            known = live[~np.isnan(days[live])]
            unknown = live[np.isnan(days[live])]
            width = float(window_days) + 1.0
            bucket = np.floor(days[known] / width).astype(np.int64)
            for b in np.unique(bucket):
                queries = known[bucket == b]
                pool = np.concatenate([known[(bucket >= b - 1) & (bucket <= b + 1)], unknown])
                q, nb = self._search(x, np.sort(pool), queries)
                ok = _window_mask(days, q, nb, float(window_days))
                found.append((q[ok], nb[ok]))
            if len(unknown):
                found.append(self._search(x, live, unknown))
        q = np.concatenate([f[0] for f in found]) if found else np.zeros(0, dtype=np.int64)
        nb = np.concatenate([f[1] for f in found]) if found else np.zeros(0, dtype=np.int64)
        out = pd.DataFrame({"query": q.astype(np.int64), "neighbour": nb.astype(np.int64)})
        return out.drop_duplicates().sort_values(["query", "neighbour"], ignore_index=True)

    def _search(self, x: np.ndarray, pool: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(query, neighbour)`` row arrays: each of ``queries`` (all in ``pool``) with its nearest rows of ``pool``."""
        k = min(self.candidates + 1, len(pool))
        if k <= 1 or not len(queries):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        data = x[pool]
        where = np.searchsorted(pool, queries)
        if len(pool) <= self.brute_max:
            sims = x[queries] @ data.T
            sims[np.arange(len(queries)), where] = -np.inf
            # k - 1 best, ties broken by position (stable sort of the negated similarities)
            local = np.argsort(-sims, axis=1, kind="stable")[:, : k - 1]
        elif self.backend == "pynndescent":
            self.require()
            from pynndescent import NNDescent

            index = NNDescent(data, metric="cosine", n_neighbors=k, random_state=self.random_state, n_jobs=1, low_memory=True)
            local = index.neighbor_graph[0][where]
        else:
            self.require()
            import hnswlib

            index = hnswlib.Index(space="cosine", dim=data.shape[1])
            index.init_index(max_elements=len(pool), ef_construction=200, M=16, random_seed=self.random_state)
            index.set_num_threads(1)
            index.add_items(data, np.arange(len(pool)), num_threads=1)
            index.set_ef(max(2 * k, 64))
            local = index.knn_query(x[queries], k=k, num_threads=1)[0]
        local = np.asarray(local, dtype=np.int64)
        q = np.repeat(queries, local.shape[1])
        flat = local.ravel()
        valid = flat >= 0
        nb = pool[np.where(valid, flat, 0)]
        keep = valid & (nb != q)
        return q[keep], nb[keep]


def _rerank(
    dvec: sp.csr_matrix, query: np.ndarray, neighbour: np.ndarray, *, top_k: int, min_doc_score: float
) -> dict[tuple[int, int], float]:
    """``(i, j) -> cosine`` (``i < j``): each query's ``top_k`` best candidates by exact cosine, as :func:`similar_document_pairs` ranks them."""
    keep: dict[tuple[int, int], float] = {}
    if not len(query):
        return keep
    cos = np.empty(len(query))
    step = 8192  # pairs per chunk: two sparse row selections of this many rows
    for lo in range(0, len(query), step):
        hi = min(len(query), lo + step)
        cos[lo:hi] = np.asarray(dvec[query[lo:hi]].multiply(dvec[neighbour[lo:hi]]).sum(axis=1)).ravel()
    ok = (cos >= min_doc_score) & (cos > 0)
    query, neighbour, cos = query[ok], neighbour[ok], cos[ok]
    order = np.lexsort((neighbour, -cos, query))
    query, neighbour, cos = query[order], neighbour[order], cos[order]
    starts = np.r_[0, np.flatnonzero(np.diff(query)) + 1]
    rank = np.arange(len(query)) - np.repeat(starts, np.diff(np.r_[starts, len(query)]))
    for i, j, v in zip(query[rank < top_k], neighbour[rank < top_k], cos[rank < top_k]):
        keep[(min(int(i), int(j)), max(int(i), int(j)))] = float(v)
    return keep


def approximate_document_pairs(
    dvec: sp.csr_matrix,
    ann: AnnSearch | None = None,
    *,
    top_k: int = 5,
    min_doc_score: float = 0.2,
    days: np.ndarray | None = None,
    window_days: float | None = None,
) -> dict[tuple[int, int], float]:
    """:func:`similar_document_pairs` by approximate search: ``(i, j) -> cosine`` (``i < j``).

    ``ann``'s :meth:`AnnSearch.neighbours` proposes candidates for each row
    of ``dvec`` (document vectors, :func:`document_vectors`), which are then
    scored with the exact cosine and ranked as the exact search ranks them
    (``top_k`` per document at ``min_doc_score`` or more); ``days`` and
    ``window_days`` as for :meth:`AnnSearch.neighbours`.  ``ann=None``: the
    default :class:`AnnSearch`.  The candidate pairs of
    ``candidate_pairs(by="ann")`` and of the Dask engine with ``by="ann"``.
    """
    ann = ann if ann is not None else AnnSearch()
    found = ann.neighbours(dvec, days=days, window_days=window_days)
    return _rerank(dvec, found["query"].to_numpy(), found["neighbour"].to_numpy(), top_k=top_k, min_doc_score=min_doc_score)


def candidate_documents(sentences: pd.DataFrame, documents: pd.DataFrame | None = None) -> list[str]:
    """The documents :func:`candidate_pairs` pairs: those with a body sentence, not flagged ``duplicate_of``.

    Returns their ids, sorted (the order of :func:`document_vectors`' rows).
    """
    docs = sorted(body_sentences(sentences)["doc_id"].unique())
    if documents is not None and "duplicate_of" in documents:
        dups = set(documents.loc[documents["duplicate_of"].notna(), "doc_id"])
        docs = [d for d in docs if d not in dups]
    return docs


def pairs_by_event(docs: list[str], documents: pd.DataFrame | None, *, by: str = "auto") -> bool:
    """Whether :func:`candidate_pairs` pairs ``docs`` by event (else by similarity, exact or approximate).

    ``by="event"``: True; ``"similarity"`` and ``"ann"``: False; ``"auto"``:
    True when every one of ``docs`` (:func:`candidate_documents`) has an
    event date and title in ``documents``.  Raises ``ValueError`` for another ``by``.
    """
    if by not in ("auto", "event", "similarity", "ann"):
        raise ValueError(f"by must be 'auto', 'event', 'similarity' or 'ann', not {by!r}")
    if by != "auto":
        return by == "event"
    events = document_event_keys(documents) if documents is not None else pd.Series(dtype="object")
    return bool(len(events) and events.reindex(docs).notna().all())


def document_vectors(sentences: pd.DataFrame, docs: list[str], vectorizer: StatementVectorizer | None = None) -> sp.csr_matrix:
    """Document vectors of :func:`candidate_pairs` by similarity: one L2-normalised row per id of ``docs``, in that order.

    Each row is the sum of the document's body sentence vectors (in
    ``sentences``' order), normalised.  ``vectorizer``: a word-only
    :class:`~claimcompare.similarity.StatementVectorizer` fitted on the body
    sentences of ``docs`` (``features="word"``; from partition counts with
    :meth:`~claimcompare.similarity.StatementVectorizer.fit_from_counts` in
    a distributed engine); ``None``: fitted here on them.  A row depends
    only on its document's sentences and the vectorizer, so rows computed
    in parts and stacked equal the rows computed at once.  Returns a CSR
    matrix ``(len(docs), vocabulary)``.
    """
    body = body_sentences(sentences)
    return _document_vectors(body[body["doc_id"].isin(docs)], list(docs), vectorizer)


def _candidate_pairs(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None,
    *,
    by: str,
    vectorizer: StatementVectorizer | None,
    top_k: int,
    min_doc_score: float,
    doc_scores: bool,
    window_days: float | None = None,
    ann: AnnSearch | None = None,
) -> pd.DataFrame:
    """:func:`candidate_pairs`; ``doc_scores=False`` skips the document vectors on the event path (``doc_score`` NaN)."""
    body = body_sentences(sentences)
    docs = candidate_documents(sentences, documents)
    cols = ["doc_a", "doc_b", "doc_score", "reason"]
    if len(docs) < 2:
        return pd.DataFrame(columns=cols).astype({"doc_score": "float64"})
    events = document_event_keys(documents) if documents is not None else pd.Series(dtype="object")
    use_event = pairs_by_event(docs, documents, by=by)
    if by == "ann":
        ann = ann if ann is not None else AnnSearch()
        ann.check()
        if len(docs) > ann.brute_max:
            ann.require()  # a missing extra fails before any work; a small corpus is searched exactly without it
    body = body[body["doc_id"].isin(docs)]
    dvec = None
    if doc_scores or not use_event:
        dvec = _document_vectors(body, docs, vectorizer)
    out = []
    if use_event:
        from .passages import document_events

        position = {d: k for k, d in enumerate(docs)}
        reported = document_events(documents[documents["doc_id"].isin(position)])
        members: dict[str, list[int]] = {}
        for doc_id, key in zip(reported["doc_id"], reported["event"]):
            members.setdefault(key, []).append(position[doc_id])
        seen: dict[tuple[int, int], str] = {}
        for key in sorted(members):
            group = sorted(set(members[key]))
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    seen.setdefault((group[a], group[b]), key)
        for (a, b), key in sorted(seen.items()):
            score = float((dvec[a] @ dvec[b].T).toarray()[0, 0]) if dvec is not None else float("nan")
            reason = "same event" if events.get(docs[a]) == events.get(docs[b]) == key else "also reports the event"
            out.append((docs[a], docs[b], score, reason))
    else:
        days = _publication_days(documents, docs) if window_days is not None else None
        if by == "ann":
            keep = approximate_document_pairs(dvec, ann, top_k=top_k, min_doc_score=min_doc_score, days=days, window_days=window_days)
        else:
            keep = similar_document_pairs(dvec, top_k=top_k, min_doc_score=min_doc_score, days=days, window_days=window_days)
        out = [(docs[i], docs[j], v, "similar documents") for (i, j), v in sorted(keep.items())]
    res = pd.DataFrame(out, columns=cols).astype({"doc_score": "float64"})
    res["doc_score"] = res["doc_score"].round(6)
    return res.sort_values(["doc_a", "doc_b"], ignore_index=True)


def candidate_pairs(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str = "auto",
    vectorizer: StatementVectorizer | None = None,
    top_k: int = 5,
    min_doc_score: float = 0.2,
    window_days: float | None = None,
    ann: AnnSearch | None = None,
    doc_scores: bool = True,
) -> pd.DataFrame:
    """Which documents to compare.

    ``by="event"``: every pair of documents with the same event (event date and
    title in ``documents``).  ``by="similarity"``: each document with its
    ``top_k`` most similar documents whose cosine (sum of word TF-IDF
    vectors of their body sentences, fitted on the documents compared) is at
    least ``min_doc_score``, from a sparse product computed
    in blocks of rows (never a dense N x N matrix).  ``by="auto"``: by event
    when every document has one, else by similarity.  Documents flagged
    ``duplicate_of`` are left out.  By event, a document is paired with the
    reports of every event it covers: its own and those of ``also_reports``
    (``reason`` "also reports the event").  A document can be in more than ``top_k``
    pairs (another document may pick it), never in more than ``top_k`` pairs
    that it picked itself.

    ``by="ann"``: the same rule, but each document's candidates come from an
    approximate nearest-neighbour search (:class:`AnnSearch`, ``ann``; the
    default ``AnnSearch()`` when ``None``) over its vector reduced by a
    seeded truncated SVD; the candidates are then scored with the exact
    cosine and ranked as by similarity, so every pair found has the same
    ``doc_score`` as by similarity and a pair is only missed when the search
    did not retrieve it (recall measured by ``benchmarks/pairs.py``).  Needs
    the extra ``claimcompare[ann]`` (:class:`MissingExtraError` otherwise).
    Deterministic: the same pairs on every run (``AnnSearch.random_state``,
    one thread).  ``by="auto"`` never chooses it.

    ``window_days`` (by similarity or ann; ``None``: no window): only
    documents whose ``published`` dates (in ``documents``) are at most that
    many days apart are paired; a document without a date may pair with any.

    Cost: by event, O(sentences) plus the pairs inside each event; by
    similarity, O(N) blocks of one sparse product each (O(N^2) in all); by
    ann, one SVD and one index per date window (about O(N log N)).

    ``doc_scores=False`` skips the document vectors when pairing by event
    (``doc_score`` is then NaN; the pairs are the same): what the aligners
    use, since they need only the pairs.

    Returns a DataFrame with columns ``doc_a, doc_b, doc_score, reason``
    (``doc_a < doc_b``; ``doc_score`` the documents' cosine, rounded to 6
    decimals), sorted.
    """
    return _candidate_pairs(
        sentences, documents, by=by, vectorizer=vectorizer, top_k=top_k, min_doc_score=min_doc_score, doc_scores=doc_scores,
        window_days=window_days, ann=ann,
    )


def align_corpus(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    by: str = "auto",
    vectorizer: StatementVectorizer | None = None,
    min_score: float | None = None,
    ratio: float = DEFAULT_RATIO,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = DEFAULT_OFF_TOPIC_PENALTY,
    speaker_penalty: float = DEFAULT_SPEAKER_PENALTY,
    semantic: str | Encoder | None = "auto",
    semantic_weight: float = DEFAULT_SEMANTIC_WEIGHT,
    show_progress: bool | None = None,
    sentence_initial_names: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Align every candidate pair of documents of a corpus.

    ``sentences`` is the table of :func:`claimcompare.sentences_table`;
    ``documents`` the corpus's document table (events, duplicates).  One
    :class:`~claimcompare.similarity.StatementVectorizer` is fitted on all
    body sentences (their claims when ``claims``), so inverse document
    frequencies come from the whole corpus.  ``pairs`` (from
    :func:`candidate_pairs`) overrides ``by``.  The other knobs are those of
    :func:`align_pair`.  ``show_progress``: a progress bar over the document
    pairs (:func:`claimcompare.progress.progress`; ``None``: only in a
    terminal and for more than :data:`PROGRESS_MIN_PAIRS` pairs).
    ``sentence_initial_names``: the corpus's :func:`mid_sentence_names`
    (``None``: computed from ``sentences``); a distributed engine aligning a
    part of a corpus passes the set of the whole corpus, with a
    ``vectorizer`` fitted on the whole corpus, and gets the rows the whole
    corpus would give for the pairs of that part.

    Cost: linear in the number of candidate pairs (each one a small dense
    score matrix of two documents' sentences).  With the semantic backend,
    only the claims of documents in at least one candidate pair are embedded,
    each distinct text once (:func:`claimcompare.embeddings.encode_groups`).

    Returns the table of :func:`align_pair` for all pairs, sorted by
    ``doc_a, doc_b, sent_a, sent_b``.
    """
    body = body_sentences(sentences)
    if body.empty:
        return empty_alignment()
    encoder = resolve_encoder(semantic)
    min_score = min_link_score(min_score, encoder)
    docs, vectorizer = prepare_documents(body, vectorizer, claims=claims, sentence_initial_names=sentence_initial_names)
    if pairs is None:
        # Document pairs exactly as candidate_pairs() gives them (its own word-only vectors:
        # sparser than the word+char claim vectors, so the top-k search stays cheap).
        pairs = candidate_pairs(sentences, documents, by=by, vectorizer=None, top_k=5, min_doc_score=0.2, doc_scores=False)
    todo = [(da, db) for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False) if da in docs and db in docs]
    emb = claim_embeddings(docs, (d for pair in todo for d in pair), encoder)
    parts = []
    for da, db in progress(todo, desc="aligning document pairs", enabled=show_progress, min_items=PROGRESS_MIN_PAIRS):
        a, b = docs[da], docs[db]
        s, cos = score_matrix(
            a, b, containment_weight=containment_weight, off_topic_penalty=off_topic_penalty,
            speaker_penalty=speaker_penalty, semantic=embedding_cosines(emb, da, db), semantic_weight=semantic_weight,
        )  # fmt: skip
        i, j, score, margin, mutual = link_arrays(s, min_score=min_score, ratio=ratio)
        if len(i):
            parts.append(PairLinks(a.rows, b.rows, i, j, score, cos[i, j], margin, mutual))
    return links_table(parts, by=["doc_a", "doc_b", "sent_a", "sent_b"])


def statements(alignment: pd.DataFrame, documents: pd.DataFrame | None = None, *, min_density: float = 0.5) -> pd.DataFrame:
    """Group-average clustering of linked sentences with one sentence per document (:meth:`claimcompare.aligner.Aligner.cluster`, :func:`statement_clusters`).

    Links are merged strongest first (``score``, then ``doc_a, sent_a,
    doc_b, sent_b``); two groups merge when they share no document and at
    least ``min_density`` of the sentence pairs between them are links.
    Returns :data:`STATEMENT_COLUMNS`, sorted by ``statement, doc_id, sent_id``.
    """
    if alignment.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("statement", "sent_id", "n_docs", "n_outlets") else "object")
                             for c in STATEMENT_COLUMNS})  # fmt: skip
    a = alignment.sort_values(["score", "doc_a", "sent_a", "doc_b", "sent_b"], ascending=[False, True, True, True, True], kind="stable")
    nodes: dict[tuple[str, int], int] = {}
    text: dict[tuple[str, int], str] = {}
    edges: list[tuple[int, int]] = []
    for r in a.itertuples(index=False):
        ka, kb = (r.doc_a, int(r.sent_a)), (r.doc_b, int(r.sent_b))
        for k, t in ((ka, r.text_a), (kb, r.text_b)):
            if k not in nodes:
                nodes[k] = len(nodes)
                text[k] = t
        edges.append((nodes[ka], nodes[kb]))
    keys = list(nodes)
    linked = set(edges) | {(v, u) for u, v in edges}
    group = list(range(len(keys)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(keys))}
    docs: dict[int, set[str]] = {k: {keys[k][0]} for k in range(len(keys))}
    for u, v in edges:
        gu, gv = group[u], group[v]
        if gu == gv or docs[gu] & docs[gv]:
            continue
        between = sum((x, y) in linked for x in members[gu] for y in members[gv])
        if between < min_density * len(members[gu]) * len(members[gv]):
            continue
        keep, gone = (gu, gv) if gu < gv else (gv, gu)
        for x in members[gone]:
            group[x] = keep
        members[keep].extend(members.pop(gone))
        docs[keep] |= docs.pop(gone)
    rows = []
    for g, mem in members.items():
        if len(mem) < 2:
            continue
        for x in mem:
            rows.append({"group": g, "doc_id": keys[x][0], "sent_id": keys[x][1], "text": text[keys[x]]})
    out = pd.DataFrame(rows, columns=["group", "doc_id", "sent_id", "text"])
    if out.empty:
        return statements(alignment.iloc[:0], documents)
    first = out.sort_values(["doc_id", "sent_id"]).drop_duplicates("group")["group"].tolist()
    number = {g: k + 1 for k, g in enumerate(first)}
    out["statement"] = out["group"].map(number).astype("int64")
    out["n_docs"] = out.groupby("statement")["doc_id"].transform("nunique").astype("int64")
    if documents is not None and "outlet" in documents:
        outlet = documents.set_index("doc_id")["outlet"]
        out["n_outlets"] = out["doc_id"].map(outlet).fillna(out["doc_id"]).groupby(out["statement"]).transform("nunique").astype("int64")
    else:
        out["n_outlets"] = out["n_docs"]
    return out[list(STATEMENT_COLUMNS)].sort_values(["statement", "doc_id", "sent_id"], ignore_index=True)


def statement_clusters(
    alignment: pd.DataFrame, documents: pd.DataFrame | None = None, *, method: str = "average", min_density: float = 0.5
) -> pd.DataFrame:
    """Group linked sentences into statements.

    ``method="average"`` (default): statements that do not chain
    (:func:`statements`): group-average linkage on the
    link graph, strongest link first; two groups merge only when at least
    ``min_density`` of the sentence pairs between them are links and no
    document would hold two sentences of the merged statement.  A generic
    sentence linked to one sentence of each of several statements no longer
    joins them into one.  ``method="components"``: connected components of
    the links (every chain of links is one statement), as before.

    Returns one row per sentence in a cluster: ``cluster`` (int, numbered
    from 0 in order of the first sentence's ``doc_id, sent_id``),
    ``doc_id``, ``sent_id``, ``text``, ``n_docs`` (documents in the
    cluster) and ``n_outlets`` (distinct ``outlet`` values when
    ``documents`` has them, else equal to ``n_docs``).  A statement
    reported by three outlets is a cluster with ``n_outlets >= 3``.
    """
    if method == "average":
        st = statements(alignment, documents, min_density=min_density)
        st = st.rename(columns={"statement": "cluster"})
        st["cluster"] = (st["cluster"] - 1).astype("int64")
        return st[["cluster", "doc_id", "sent_id", "text", "n_docs", "n_outlets"]]
    if method != "components":
        raise ValueError(f"method must be 'average' or 'components', not {method!r}")
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
    body = body_sentences(sentences)
    body = body[body["doc_id"].isin(compared)]
    if body.empty:
        return body.reset_index(drop=True)
    linked = set(zip(alignment["doc_a"], alignment["sent_a"])) | set(zip(alignment["doc_b"], alignment["sent_b"]))
    mask = [k not in linked for k in zip(body["doc_id"], body["sent_id"])]
    return body[mask].sort_values(["doc_id", "sent_id"], ignore_index=True)

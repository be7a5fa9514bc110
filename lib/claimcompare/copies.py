"""Copies: the same text in several documents, source families, outlets counted once.

A wire story reprinted by several sites, or an agency report and its reprints, is
one source, not several outlets agreeing.  This module finds such copies by the
overlap of word shingles, groups documents that share most of their text into
*source families*, and counts families rather than documents for a statement.

Method
------
*Tokens* (:func:`copy_tokens`): NFKC, lower case, typographic quotes and dashes
made ASCII and hyphens split (:func:`claimcompare.similarity.normalize_text`),
then runs of letters or digits of any script.  Unlike the similarity tokens,
stop words are kept and nothing is stemmed: a copy is the same words in the same
order.  Line wraps, quotes and dashes of a site's own typography do not matter.

*Shingles* (:func:`shingles`): the runs of ``k`` consecutive tokens (``k``-word
shingles, Broder 1997, "On the resemblance and containment of documents").  A
document's shingles are those of its body text (``role == "body"``: headlines,
datelines, captions and furniture are left out, so two pages that share only a
dateline style are not copies), read as one token stream in reading order; a
sentence's are its own.  Shingle sets become a sparse binary matrix ``X``
(documents × distinct shingles, each shingle a column; :func:`shingle_matrix`),
and ``X @ X.T``, computed in blocks of rows, counts the shingles
every pair shares, ``|A ∩ B|`` — only pairs that share a shingle are ever
stored.  From it (Broder 1997):

* containment of A in B: ``c(A, B) = |A ∩ B| / |A|`` (how much of A is in B);
* resemblance (Jaccard): ``r(A, B) = |A ∩ B| / |A ∪ B|``.

A pair of documents is a *copy* when ``max(c(A, B), c(B, A)) >= threshold``:
most of the shorter text is in the other one, which covers a full reprint
(both near 1), an excerpt of a longer story (the excerpt's containment near 1)
and a daily's reprint with a paragraph of its own.  The same rule over single
sentences gives *passage copies*; consecutive copied sentences form *runs*.

Why exact shingle overlap rather than MinHash
---------------------------------------------
MinHash with locality-sensitive hashing (datasketch 2.0.0: 128 permutations,
seed 1) estimates Jaccard resemblance; it was measured side by side with the
exact sparse product (``python benchmarks/copies.py``) on generated corpora
(``benchmarks/generate.py``) with planted copies — for every 20th article a
reprint with one word changed in every third sentence, for every 40th an
excerpt (its first 60% plus three sentences of another article):

=========  =======  ==========================  ===========================  ==========================
articles   planted  exact (this module)         MinHash LSH, Jaccard >= 0.5  LSH Ensemble, containment
                                                                             >= 0.5
=========  =======  ==========================  ===========================  ==========================
1,075      75       0.8 s CPU, 75/75 found      0.8 s CPU, 62/75             3.6 s CPU, 72/75
10,750     750      19.1 s CPU, 750/750 found   8.5 s CPU, 625/750           44.0 s CPU, 745/750
=========  =======  ==========================  ===========================  ==========================

(one run on the project's 2-core machine under heavy shared load: wall times
were 3–6 times the CPU times, 54 s for the exact method at 10,750 articles,
18.9 s in a later run on a quiet machine;
the MinHash times leave out tokenising and shingling, which the exact time
includes.)  The exact product finds every planted copy and is deterministic by
construction; MinHash LSH on Jaccard misses excerpts (low resemblance,
containment near 1) and edited reprints, and LSH Ensemble, which estimates
containment, is slower and still misses some.  The generated corpus is the
worst case for the sparse product: it recombines 86 pool sentences, so most
pairs of its articles share a shingle; in real news few pairs do, and the
product only visits pairs that share one.  On the five training events both
methods find the same copy pair at Jaccard >= 0.5.

Thresholds and how they were chosen
-----------------------------------
``shingle=5`` words for documents and passages: with single words or pairs,
any two reports of one event share many shingles (names, places, "the
ministry said"); at 5 words, independent reports of the same event share a
shingle mostly where they quote the same statement or repeat a name phrase
("an arrest warrant for Russian President Vladimir Putin").  Longer shingles
separate copies from rewrites more widely on the training events (the AP/PA
pair below: 0.58, 0.49, 0.42, 0.37, 0.25 at 3, 4, 5, 6, 8 words) but forgive
fewer edits: one changed word in a 25-word sentence removes 5 of its 21
5-word shingles, and 8 of its 18 8-word ones.

``threshold=0.5`` for a document copy: "most of the shorter text is in the
other".  Measured on the five training events of the real-news benchmark
(``python benchmarks/copies.py --events``): the one pair that NOTES.md names as
the same wire text (the QNA story on two sites) has containments 1.00 and 0.97
(one site's first body sentence still carries the dateline); the largest value of any
other pair is 0.42, PA's three-sentence excerpt of its rewrite of AP copy
(Derna; NOTES.md: a rewrite, not a copy), then 0.28, 0.23 and 0.20 (OPEC+
reports of the same government statements, some quoting one official
template for different countries) and 0.16.  Two stories of one agency on consecutive days (Reuters
on Blinken's visit) stay below 0.12.  On the
invented fixtures of ``tests/test_copies.py`` an excerpt of a wire story with
two paragraphs of the site's own has containment 0.61, an independent report
quoting one sentence of the story 0.17 and a sentence-by-sentence rewrite 0.17.
The margin above the nearest rewrite (0.42) is the smallest gap; a rewrite that
keeps more than half of its source's 5-word runs is then counted with its
source, which for counting independent sources errs on the safe side.

``threshold=0.7`` for a passage copy (a pair of sentences): sentences are
short, and a shared name phrase of 5–6 words is half of a short lead sentence.
On the training events, every sentence of the QNA copies reaches 1.0 (max of
the two containments), and so do quotations that two outlets give verbatim
(the ICC's statement, 1.0; a State Department readout, 0.79 and 0.75) and the
sentence PA kept from AP (1.0); independently written lead sentences that share
a name phrase reach 0.50–0.63 (ICC leads of TRT World, upday and The Age), as do
sentences one agency reworded from another (0.50, 0.63).  Sentences shorter
than ``shingle`` words have no shingles and are never passage copies: they are
too short to tell a copy from coincidence.

Families (:func:`source_families`) are the connected groups of documents
linked by a copy (or flagged ``duplicate_of`` by :func:`claimcompare.load_corpus`);
the family id is the group's first ``doc_id`` in sorted order, and a document in
no copy pair is its own family.  Chaining is possible: a compilation that carries
two different wire stories joins their families.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .graphs import linked_components
from .similarity import surface_tokens

__all__ = [
    "COPY_COLUMNS",
    "FAMILY_COLUMNS",
    "OUTLET_COUNT_COLUMNS",
    "PASSAGE_COLUMNS",
    "copy_tokens",
    "count_outlets",
    "describe_copies",
    "document_copies",
    "passage_copies",
    "shingle_matrix",
    "shingles",
    "source_families",
]

#: Columns of :func:`document_copies`.
COPY_COLUMNS: tuple[str, ...] = (
    "doc_a",
    "doc_b",
    "containment_a",
    "containment_b",
    "jaccard",
    "shared_shingles",
    "shingles_a",
    "shingles_b",
)
#: Columns of :func:`passage_copies`.
PASSAGE_COLUMNS: tuple[str, ...] = (
    "doc_a",
    "sent_a",
    "doc_b",
    "sent_b",
    "containment_a",
    "containment_b",
    "jaccard",
    "shared_shingles",
    "verbatim",
    "run",
    "run_length",
    "text_a",
    "text_b",
)
#: Columns of :func:`source_families`.
FAMILY_COLUMNS: tuple[str, ...] = ("doc_id", "family", "family_size")
#: Columns of :func:`count_outlets` (the first is the statement column's name).
OUTLET_COUNT_COLUMNS: tuple[str, ...] = ("cluster", "n_docs", "n_families", "families")

#: Default shingle length in words and copy threshold (see the module docstring).
DEFAULT_SHINGLE = 5
DEFAULT_THRESHOLD = 0.5
DEFAULT_PASSAGE_THRESHOLD = 0.7
#: Roles whose text is compared by default.
DEFAULT_ROLES: tuple[str, ...] = ("body",)
#: Cells of ``X[block] @ X.T`` per block when ``block_size`` is not given.
_BLOCK_CELLS = 20_000_000


def copy_tokens(text: str) -> list[str]:
    """Word tokens for copy detection: normalised, stop words kept, not stemmed.

    >>> copy_tokens("“The ministry’s plan” – said he")
    ['the', "ministry's", 'plan', 'said', 'he']
    """
    return surface_tokens(text)


def shingles(tokens: Sequence[str], k: int) -> list[str]:
    """The ``k``-word shingles of ``tokens`` in order (``len(tokens) - k + 1`` strings, joined by spaces).

    Fewer than ``k`` tokens give no shingle.  Raises ``ValueError`` when ``k < 1``.
    """
    if k < 1:
        raise ValueError(f"shingle length must be at least 1 word, got {k}")
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


def shingle_matrix(token_lists: Iterable[Sequence[str]], *, shingle: int = DEFAULT_SHINGLE) -> sp.csr_matrix:
    """Binary sparse matrix (rows: token lists, columns: distinct ``shingle``-word shingles).

    Exact, without hashing: tokens get integer ids, and the ids of ``k``-word
    runs are built by ``k - 1`` passes of :func:`numpy.unique` over pairs
    (id of the run so far, next token), so two columns are the same shingle
    exactly when their words are.  Columns are in the order of those ids, which
    depends only on the input.  ``int32`` ones; a shingle repeated within a
    row counts once (sets, as in Broder's measures).  Rows with fewer than
    ``shingle`` tokens are empty.
    """
    if shingle < 1:
        raise ValueError(f"shingle length must be at least 1 word, got {shingle}")
    vocab: dict[str, int] = {}
    ids: list[int] = []
    lengths: list[int] = []
    for toks in token_lists:
        ids.extend([vocab.setdefault(t, len(vocab)) for t in toks])
        lengths.append(len(toks))
    n_rows = len(lengths)
    tok = np.asarray(ids, dtype=np.int64)
    lens = np.asarray(lengths, dtype=np.int64)
    row = np.repeat(np.arange(n_rows, dtype=np.int64), lens)
    end = np.repeat(np.cumsum(lens), lens)  # end of each position's row
    valid = np.arange(len(tok), dtype=np.int64) + shingle <= end
    code = tok
    base = len(vocab) + 1
    for m in range(1, shingle):
        nxt = np.zeros(len(tok), dtype=np.int64)  # 0 = past the end (ids are shifted by one)
        if m < len(tok):
            nxt[: len(tok) - m] = tok[m:] + 1
        # id of the run so far and the next word -> id of the longer run (exact: both < base, codes < 2**63)
        _, code = np.unique(code * base + nxt, return_inverse=True)
        code = code.astype(np.int64).ravel()
    cols, col = np.unique(code[valid], return_inverse=True)
    x = sp.csr_matrix(
        (np.ones(int(valid.sum()), dtype=np.int32), (row[valid], col.ravel())),
        shape=(n_rows, len(cols)),
    )
    x.sum_duplicates()
    x.data[:] = 1
    return x


def _check_table(sentences: pd.DataFrame, needed: Sequence[str], what: str = "sentences") -> None:
    missing = [c for c in needed if c not in sentences.columns]
    if missing:
        raise ValueError(f"{what} lack columns {', '.join(missing)}; pass the table of claimcompare.sentences_table")


def _check_params(shingle: int, threshold: float) -> None:
    if shingle < 1:
        raise ValueError(f"shingle length must be at least 1 word, got {shingle}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}")


def _selected(sentences: pd.DataFrame, roles: Sequence[str] | None) -> pd.DataFrame:
    rows = sentences if roles is None else sentences[sentences["role"].isin(list(roles))]
    rows = rows.assign(doc_id=rows["doc_id"].astype(str), text=rows["text"].fillna("").astype(str))
    return rows.sort_values(["doc_id", "sent_id"], kind="stable", ignore_index=True)


def _shared_counts(
    x: sp.csr_matrix,
    *,
    keep: "_PairFilter",
    block_size: int | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``i < j`` of rows sharing at least one column, with the count; filtered by ``keep``.

    ``X[lo:hi] @ X[lo:].T`` block by block (Broder's |A ∩ B| for every pair at
    once): only columns from ``lo`` on, so each pair is computed once and the
    upper triangle ``j > i`` is kept.  Blocks hold about ``_BLOCK_CELLS``
    cells (at most 16 blocks, so the per-block transpose stays cheap).
    """
    n = x.shape[0]
    if block_size is None:
        block_size = max(1, _BLOCK_CELLS // max(n, 1), -(-n // 16))
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_c: list[np.ndarray] = []
    for lo in range(0, n, block_size):
        hi = min(n, lo + block_size)
        prod = (x[lo:hi] @ x[lo:].T.tocsr()).tocoo()
        upper = prod.col > prod.row  # column k is document lo + k, row r is lo + r
        i = prod.row[upper].astype(np.int64) + lo
        j = prod.col[upper].astype(np.int64) + lo
        c = prod.data[upper].astype(np.int64)
        mask = keep(i, j, c)
        out_i.append(i[mask])
        out_j.append(j[mask])
        out_c.append(c[mask])
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_c)


class _PairFilter:
    """Keeps pairs whose larger containment reaches ``threshold`` (and, optionally, allowed pairs)."""

    def __init__(self, sizes: np.ndarray, threshold: float, group: np.ndarray | None = None, allowed: set[tuple[int, int]] | None = None) -> None:
        self.sizes = sizes
        self.threshold = threshold
        self.group = group
        self.allowed = allowed
        top = max([int(group.max()) if group is not None and len(group) else 0] + [b for _, b in allowed or ()])
        self.width = top + 1
        self.codes = np.asarray(sorted(a * self.width + b for a, b in allowed or ()), dtype=np.int64)

    def __call__(self, i: np.ndarray, j: np.ndarray, c: np.ndarray) -> np.ndarray:
        smaller = np.minimum(self.sizes[i], self.sizes[j])
        # max(c(A,B), c(B,A)) = |A ∩ B| / min(|A|, |B|)  (the overlap coefficient)
        mask = (c > 0) & (c >= self.threshold * smaller - 1e-9)
        if self.group is not None:
            ga, gb = self.group[i], self.group[j]
            mask &= ga != gb
            if self.allowed is not None:
                codes = np.minimum(ga, gb) * self.width + np.maximum(ga, gb)
                mask &= np.isin(codes, self.codes)
        return mask


def _measures(sizes: np.ndarray, i: np.ndarray, j: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    na, nb = sizes[i].astype(float), sizes[j].astype(float)
    cf = c.astype(float)
    # Broder (1997): containment c(A, B) = |A ∩ B| / |A|; resemblance r = |A ∩ B| / |A ∪ B|.
    return cf / na, cf / nb, cf / (na + nb - cf)


def document_copies(
    sentences: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    shingle: int = DEFAULT_SHINGLE,
    roles: Sequence[str] | None = DEFAULT_ROLES,
    block_size: int | None = None,
) -> pd.DataFrame:
    """Pairs of documents whose texts are copies of one another (or share copy text).

    Parameters
    ----------
    sentences
        The table of :func:`claimcompare.sentences_table` (columns ``doc_id``,
        ``sent_id``, ``role``, ``text``; any row order).
    threshold
        A pair is kept when the larger of its two containments (the share of the
        shorter text's shingles found in the other) is at least this, in [0, 1].
        ``0.5`` (the default; chosen as the module docstring says) keeps copies;
        ``0.0`` keeps every pair that shares at least one shingle.
    shingle
        Shingle length in words (default 5).
    roles
        Roles of the sentences compared (default body only); ``None`` for all.
    block_size
        Documents per block of the sparse product (default: about 20 million
        cells per block); changes memory and speed, never the result.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COPY_COLUMNS`: ``doc_a < doc_b``; ``containment_a`` =
        shared / shingles of ``doc_a`` (in [0, 1]: how much of ``doc_a`` is in
        ``doc_b``), ``containment_b`` the other way; ``jaccard`` = shared /
        union; ``shared_shingles``, ``shingles_a``, ``shingles_b`` (distinct
        shingle counts).  Sorted by ``doc_a, doc_b``.

    Method: exact ``k``-word shingle containment and resemblance (Broder 1997)
    from one sparse product computed in blocks; see the module docstring.
    """
    _check_table(sentences, ["doc_id", "sent_id", "role", "text"])
    _check_params(shingle, threshold)
    rows = _selected(sentences, roles)
    docs = sorted(rows["doc_id"].astype(str).unique())
    if len(docs) < 2:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COPY_DTYPES.items()})
    texts = rows.groupby("doc_id", sort=True)["text"].agg(lambda t: "\n".join(t.astype(str)))
    x = shingle_matrix((copy_tokens(texts[d]) for d in docs), shingle=shingle)
    sizes = np.asarray(x.sum(axis=1)).ravel().astype(np.int64)
    i, j, c = _shared_counts(x, keep=_PairFilter(sizes, threshold), block_size=block_size)
    ca, cb, jac = _measures(sizes, i, j, c)
    names = np.asarray(docs, dtype=object)
    out = pd.DataFrame(
        {
            "doc_a": names[i],
            "doc_b": names[j],
            "containment_a": ca,
            "containment_b": cb,
            "jaccard": jac,
            "shared_shingles": c,
            "shingles_a": sizes[i],
            "shingles_b": sizes[j],
        }
    )
    return out.astype(_COPY_DTYPES).sort_values(["doc_a", "doc_b"], ignore_index=True)


_COPY_DTYPES = {
    "doc_a": object,
    "doc_b": object,
    "containment_a": "float64",
    "containment_b": "float64",
    "jaccard": "float64",
    "shared_shingles": "int64",
    "shingles_a": "int64",
    "shingles_b": "int64",
}
_PASSAGE_DTYPES = {
    "doc_a": object,
    "sent_a": "int64",
    "doc_b": object,
    "sent_b": "int64",
    "containment_a": "float64",
    "containment_b": "float64",
    "jaccard": "float64",
    "shared_shingles": "int64",
    "verbatim": bool,
    "run": "int64",
    "run_length": "int64",
    "text_a": object,
    "text_b": object,
}


def passage_copies(
    sentences: pd.DataFrame,
    *,
    threshold: float = DEFAULT_PASSAGE_THRESHOLD,
    shingle: int = DEFAULT_SHINGLE,
    roles: Sequence[str] | None = DEFAULT_ROLES,
    pairs: pd.DataFrame | None = None,
    block_size: int | None = None,
) -> pd.DataFrame:
    """Sentences of different documents that are copies of each other, grouped into runs.

    Parameters
    ----------
    sentences
        The table of :func:`claimcompare.sentences_table`.
    threshold, shingle, roles, block_size
        As in :func:`document_copies`, applied to single sentences: a pair of
        sentences is kept when at least ``threshold`` (default 0.7, see the
        module docstring) of the shorter one's ``shingle``-word shingles are in
        the other.  Sentences shorter than
        ``shingle`` words are never copies.
    pairs
        Optional document pairs (columns ``doc_a``, ``doc_b``, either order):
        only sentences of these pairs are compared, e.g. the rows of
        :func:`document_copies` with ``threshold=0`` or the aligner's
        :func:`claimcompare.candidate_pairs`.  Default: all pairs of documents.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PASSAGE_COLUMNS`, one row per copied sentence pair
        (``doc_a < doc_b``): the measures of :func:`document_copies` for the
        two sentences; ``verbatim`` (the same tokens in the same order, up to
        case, quotes, dashes and spacing); ``run`` (int id of a run of
        consecutive copied sentences — the next compared sentence of both
        documents — numbered in output order from 0) and ``run_length`` (its
        number of sentence pairs); ``text_a``, ``text_b``.  Sorted by
        ``doc_a, doc_b, sent_a, sent_b``.
    """
    _check_table(sentences, ["doc_id", "sent_id", "role", "text"])
    _check_params(shingle, threshold)
    rows = _selected(sentences, roles)
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _PASSAGE_DTYPES.items()})
    if rows["doc_id"].nunique() < 2:
        return empty
    docs = sorted(rows["doc_id"].astype(str).unique())
    doc_index = {d: k for k, d in enumerate(docs)}
    group = rows["doc_id"].astype(str).map(doc_index).to_numpy(dtype=np.int64)
    allowed: set[tuple[int, int]] | None = None
    if pairs is not None:
        _check_table(pairs, ["doc_a", "doc_b"], "pairs")
        allowed = set()
        for a, b in zip(pairs["doc_a"].astype(str), pairs["doc_b"].astype(str)):
            if a in doc_index and b in doc_index and a != b:
                ia, ib = doc_index[a], doc_index[b]
                allowed.add((min(ia, ib), max(ia, ib)))
        if not allowed:
            return empty
        wanted = {k for p in allowed for k in p}
        rows = rows[np.isin(group, list(wanted))].reset_index(drop=True)
        group = rows["doc_id"].astype(str).map(doc_index).to_numpy(dtype=np.int64)
    tokens = [copy_tokens(t) for t in rows["text"].astype(str)]
    x = shingle_matrix(tokens, shingle=shingle)
    sizes = np.asarray(x.sum(axis=1)).ravel().astype(np.int64)
    keep = _PairFilter(sizes, threshold, group=group, allowed=allowed)
    i, j, c = _shared_counts(x, keep=keep, block_size=block_size)
    if not len(i):
        return empty
    # Rows are sorted by doc_id, sent_id, so i < j already means doc_a < doc_b.
    ca, cb, jac = _measures(sizes, i, j, c)
    pos = rows.groupby("doc_id").cumcount().to_numpy()  # position among the compared sentences
    out = pd.DataFrame(
        {
            "doc_a": rows["doc_id"].to_numpy(dtype=object)[i],
            "sent_a": rows["sent_id"].to_numpy()[i],
            "doc_b": rows["doc_id"].to_numpy(dtype=object)[j],
            "sent_b": rows["sent_id"].to_numpy()[j],
            "containment_a": ca,
            "containment_b": cb,
            "jaccard": jac,
            "shared_shingles": c,
            "verbatim": [tokens[a] == tokens[b] for a, b in zip(i, j)],
            "_pa": pos[i],
            "_pb": pos[j],
            "text_a": rows["text"].to_numpy(dtype=object)[i],
            "text_b": rows["text"].to_numpy(dtype=object)[j],
        }
    )
    out = out.sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True)
    # A run continues when both documents move on to their next compared sentence.
    same_pair = (out["doc_a"] == out["doc_a"].shift()) & (out["doc_b"] == out["doc_b"].shift())
    step = (out["_pa"] - out["_pa"].shift() == 1) & (out["_pb"] - out["_pb"].shift() == 1)
    out["run"] = (~(same_pair & step)).cumsum().astype("int64") - 1
    out["run_length"] = out.groupby("run")["run"].transform("size").astype("int64")
    return out[list(PASSAGE_COLUMNS)].astype(_PASSAGE_DTYPES)


def source_families(
    documents: pd.DataFrame,
    copies: pd.DataFrame,
    *,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Group documents into source families: connected groups of copies.

    Parameters
    ----------
    documents
        Any table with a ``doc_id`` column (e.g. :attr:`Corpus.documents`); when
        it has ``duplicate_of`` (as :func:`claimcompare.load_corpus` fills it),
        a duplicate joins the family of the document it duplicates.
    copies
        Pairs of :func:`document_copies` (columns ``doc_a``, ``doc_b`` and, when
        ``threshold`` is given, ``containment_a``, ``containment_b``).
    threshold
        When given, only pairs whose larger containment reaches it link two
        documents; by default every row of ``copies`` does (they passed
        :func:`document_copies`' own threshold).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FAMILY_COLUMNS`, one row per document of ``documents``:
        ``family`` is the first ``doc_id`` (sorted as strings) of its connected
        group — a document in no copy pair is its own family of size 1 —
        and ``family_size`` the number of documents in it.  Sorted by ``doc_id``.
        Documents named in ``copies`` but not in ``documents`` are left out.

    Method: connected components of the copy graph
    (:func:`claimcompare.graphs.linked_components`, scipy.sparse.csgraph).
    """
    if "doc_id" not in documents.columns:
        raise ValueError("documents lack the column doc_id; pass Corpus.documents or a table with doc_id")
    _check_table(copies, ["doc_a", "doc_b"], "copies")
    links = copies[["doc_a", "doc_b"]]
    if threshold is not None and len(copies):
        _check_table(copies, ["containment_a", "containment_b"], "copies")
        links = links[np.maximum(copies["containment_a"], copies["containment_b"]) >= threshold]
    if "duplicate_of" in documents.columns:
        dup = documents.loc[np.array([isinstance(v, str) and bool(v) for v in documents["duplicate_of"]], dtype=bool)]
        links = pd.concat([links, pd.DataFrame({"doc_a": dup["doc_id"], "doc_b": dup["duplicate_of"]})], ignore_index=True)
    groups = linked_components(documents["doc_id"], links)
    out = groups.rename(columns={"component": "family", "component_size": "family_size"})
    return out


def count_outlets(
    statements: pd.DataFrame,
    families: pd.DataFrame,
    *,
    statement: str = "cluster",
) -> pd.DataFrame:
    """How many source families carry each statement: copies counted once.

    Parameters
    ----------
    statements
        One row per sentence of a statement, with ``doc_id`` and the statement
        column (``statement``, default ``"cluster"``: the output of
        :func:`claimcompare.statement_clusters`).
    families
        :func:`source_families` (``doc_id``, ``family``).  A document missing
        from it is its own family.

    Returns
    -------
    pandas.DataFrame
        One row per statement, columns :data:`OUTLET_COUNT_COLUMNS` with the
        first named after ``statement``: ``n_docs`` (distinct documents),
        ``n_families`` (distinct source families: the number of independent
        sources; a wire story reprinted by three sites counts once), ``families``
        (their ids, sorted, ``;``-separated).  Sorted by the statement column.
        Where a report says how many outlets carry a statement, ``n_families``
        is the figure to give.
    """
    _check_table(statements, ["doc_id", statement], "statements")
    _check_table(families, ["doc_id", "family"], "families")
    fam = dict(zip(families["doc_id"].astype(str), families["family"].astype(str)))
    rows = statements[[statement, "doc_id"]].copy()
    rows["doc_id"] = rows["doc_id"].astype(str)
    rows["_family"] = [fam.get(d, d) for d in rows["doc_id"]]
    grouped = rows.groupby(statement, sort=True)
    out = pd.DataFrame(
        {
            "n_docs": grouped["doc_id"].nunique().astype("int64"),
            "n_families": grouped["_family"].nunique().astype("int64"),
            "families": grouped["_family"].agg(lambda f: ";".join(sorted(set(f)))),
        }
    ).reset_index()
    return out[[statement, "n_docs", "n_families", "families"]]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe_copies(families: pd.DataFrame) -> str:
    """The finding as text: how many documents, how many families, which are copies.

    ``families`` is the table of :func:`source_families`.  Returns one
    paragraph, e.g. ``"5 documents form 3 source families; copies of one text:
    excerpt, reprint and wire."``, built from the numbers it states.
    """
    _check_table(families, ["doc_id", "family"], "families")
    n_docs = families["doc_id"].nunique()
    n_fam = families["family"].nunique()
    head = f"{n_docs} document{'s' if n_docs != 1 else ''} form{'s' if n_docs == 1 else ''} {n_fam} source famil{'ies' if n_fam != 1 else 'y'}"
    groups = [sorted(g["doc_id"].astype(str)) for _, g in families.groupby("family", sort=True) if len(g) > 1]
    if not groups:
        return head + ": no document is a copy of another."
    return head + "; copies of one text: " + "; ".join(_and(g) for g in groups) + "."

"""TF-IDF vectors and cosine similarity of statements.

:class:`StatementVectorizer` follows scikit-learn's fit/transform convention:
fit it on the sentences of the corpus (so that inverse document frequencies
reflect the corpus at hand), then transform any sentences into L2-normalised
sparse rows whose dot products are cosines in [0, 1].

Normalisation before counting words (:func:`word_tokens`):

1. Unicode NFKC, lower case; curly quotes and dashes mapped to ASCII.
2. Hyphenated compounds split into their parts ("counter-terrorism" ->
   "counter terrorism"), and a small table of English prefixes with the same
   meaning folded together ("counter" and "anti" -> "anti"), so
   "counter-terrorism" and "anti-terrorism" share both of their tokens.
3. Words are runs of letters or digits of any script ("Dušanbe", "Душанбе");
   English stop words (scikit-learn's list) dropped, numbers kept.
4. Snowball (Porter2) stemming, so "militaries"/"military" -> "militari" and
   "cooperation"/"cooperate" -> "cooper".

Features (``features=``):

``"word"``
    TF-IDF of stemmed word 1- and 2-grams (``ngram_range``).
``"char"``
    TF-IDF of character 3- to 5-grams inside word boundaries (scikit-learn's
    ``char_wb``) of the normalised text: robust to inflection and spelling.
``"word+char"`` (default)
    both blocks side by side, weighted ``1 - char_weight`` and
    ``char_weight``, and re-normalised; the cosine is then the weighted mean
    of the two cosines.

TF-IDF as in scikit-learn (``smooth_idf=True``): ``idf(t) = ln((1 + n) / (1 +
df(t))) + 1``; with ``sublinear_tf=True``, ``tf = 1 + ln(count)``
(Manning, Raghavan and Schütze 2008, eq. 6.13).

Fitting without one pass over the whole corpus (the Dask engine,
:mod:`claimcompare.engine`): the fitted state is the vocabulary and the
inverse document frequencies of each block, and both follow from document
frequencies alone.  :meth:`StatementVectorizer.partial_counts` counts one
partition's texts (a :class:`TermCounts`: number of texts and a ``block, term,
df`` table), :meth:`TermCounts.merge` sums the partitions' counts, and
:meth:`StatementVectorizer.fit_from_counts` turns the sum into a vectorizer
identical to :meth:`~StatementVectorizer.fit` on all the texts: same
vocabulary (scikit-learn's order: terms sorted), same ``idf_`` bit for bit,
same transform.  Both blocks (word n-grams and character n-grams) are exact;
no option of the vectorizer prunes by frequency, so nothing is approximate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
import snowballstemmer
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = ["StatementVectorizer", "TermCounts", "normalize_text", "surface_tokens", "tfidf_similarity", "word_tokens"]

#: Columns of :attr:`TermCounts.counts`.
TERM_COUNT_COLUMNS: tuple[str, ...] = ("block", "term", "df")

_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)
#: Prefixes of the same meaning, folded to one spelling after hyphen splitting.
EQUIVALENT_PREFIXES: dict[str, str] = {"counter": "anti", "non": "un", "inter": "inter", "multi": "multi"}
_RE_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
#: A word: a run of letters or digits of any script (not "_"), with an optional
#: apostrophe suffix ("minister's").  Scripts without spaces (Chinese) give one
#: token per run; the character n-grams still compare them.
_RE_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_STOP = frozenset(ENGLISH_STOP_WORDS)


def normalize_text(text: str) -> str:
    """Lower-case NFKC text with ASCII quotes and dashes and split hyphens."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    return _RE_HYPHEN.sub(" ", text)


def surface_tokens(text: str) -> list[str]:
    """The words of ``text`` after :func:`normalize_text`: stop words and apostrophe suffixes kept, not stemmed.

    Runs of letters or digits of any script, with an optional apostrophe
    suffix; the tokens :func:`word_tokens` starts from.  Used where the
    wording itself matters (copy detection, :mod:`claimcompare.copies`).

    >>> surface_tokens("“The ministry’s plan” – said he")
    ['the', "ministry's", 'plan', 'said', 'he']
    """
    return _RE_TOKEN.findall(normalize_text(text))


def word_tokens(text: str, *, stem: bool = True, stemmer: object | None = None, memo: dict[str, str] | None = None) -> list[str]:
    """The word tokens of ``text`` after the normalisation in the module docstring.

    ``memo`` (token -> stem) caches stems across calls; news vocabulary
    repeats, and the Snowball stemmer costs about 0.2 ms a word in pure Python.

    >>> word_tokens("The two militaries' counter-terrorism drills")
    ['militari', 'anti', 'terror', 'drill']
    """
    toks = []
    for tok in _RE_TOKEN.findall(normalize_text(text)):
        if tok.endswith("'s"):
            tok = tok[:-2]
        tok = EQUIVALENT_PREFIXES.get(tok, tok)
        if tok in _STOP or not tok:
            continue
        toks.append(tok)
    if not stem:
        return toks
    stemmer = stemmer or snowballstemmer.stemmer("english")
    if memo is None:
        return stemmer.stemWords(toks)
    out = []
    for tok in toks:
        stemmed = memo.get(tok)
        if stemmed is None:
            stemmed = memo[tok] = stemmer.stemWord(tok)
        out.append(stemmed)
    return out


class _Analyzer:
    """Picklable word n-gram analyzer (a stemmer per instance, no module state)."""

    def __init__(self, stem: bool, ngram_range: tuple[int, int]) -> None:
        self.stem = stem
        self.ngram_range = ngram_range
        self._stemmer = snowballstemmer.stemmer("english") if stem else None
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        tokens = word_tokens(text, stem=self.stem, stemmer=self._stemmer, memo=self._memo)
        lo, hi = self.ngram_range
        out = []
        for n in range(lo, hi + 1):
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def __getstate__(self) -> dict[str, object]:
        return {"stem": self.stem, "ngram_range": self.ngram_range}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(bool(state["stem"]), tuple(state["ngram_range"]))  # type: ignore[arg-type]


class StatementVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF vectors of sentences, L2-normalised (cosine = dot product).

    Parameters (keyword-only)
    -------------------------
    features:
        ``"word"``, ``"char"`` or ``"word+char"`` (see the module docstring).
    ngram_range:
        Word n-gram sizes, default ``(1, 2)``.
    char_ngram_range:
        Character n-gram sizes, default ``(3, 5)``.
    char_weight:
        Weight of the character block in ``"word+char"``, in [0, 1].
    stem:
        Apply Snowball stemming to word tokens.
    sublinear_tf:
        Use ``1 + ln(tf)`` instead of raw counts.
    """

    def __init__(
        self,
        *,
        features: str = "word+char",
        ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (3, 5),
        char_weight: float = 0.5,
        stem: bool = True,
        sublinear_tf: bool = True,
    ) -> None:
        self.features = features
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.stem = stem
        self.sublinear_tf = sublinear_tf

    def _word_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer=_Analyzer(self.stem, tuple(self.ngram_range)),
            sublinear_tf=self.sublinear_tf,
            dtype=np.float64,
        )

    def _char_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer="char_wb",
            preprocessor=normalize_text,
            ngram_range=self.char_ngram_range,
            sublinear_tf=self.sublinear_tf,
            dtype=np.float64,
        )

    def _checked(self, texts: Iterable[str]) -> list[str]:
        if self.features not in ("word", "char", "word+char"):
            raise ValueError(f"features must be 'word', 'char' or 'word+char', not {self.features!r}")
        if not 0.0 <= self.char_weight <= 1.0:
            raise ValueError("char_weight must be in [0, 1]")
        texts = list(texts)
        if not texts:
            raise ValueError("cannot fit on an empty list of sentences")
        return texts

    def fit(self, texts: Iterable[str], y: object = None) -> StatementVectorizer:
        """Learn vocabulary and inverse document frequencies from ``texts``.

        Texts without any word (``"word"`` block) or character n-gram leave
        that block out: its vectors are zero, so such sentences match nothing.
        """
        texts = self._checked(texts)
        self.word_ = _fit_block(self._word_vectorizer(), texts, transform=False)[0] if "word" in self.features else None
        self.char_ = _fit_block(self._char_vectorizer(), texts, transform=False)[0] if "char" in self.features else None
        return self

    def fit_transform(self, texts: Iterable[str], y: object = None) -> sp.csr_matrix:
        """:meth:`fit` then :meth:`transform` on ``texts``, analysing each text once."""
        texts = self._checked(texts)
        self.word_, word = _fit_block(self._word_vectorizer(), texts) if "word" in self.features else (None, None)
        self.char_, char = _fit_block(self._char_vectorizer(), texts) if "char" in self.features else (None, None)
        return self._combine([x for x in (word, char) if x is not None], len(texts))

    def partial_counts(self, texts: Iterable[str]) -> TermCounts:
        """Document frequencies of ``texts`` (one partition of a corpus), for :meth:`fit_from_counts`.

        Counts each block this vectorizer's ``features`` use, with the same
        analyzers as :meth:`fit`.  An empty list gives empty counts.  Returns a
        :class:`TermCounts`: ``n_texts`` and a table ``block`` (``"word"`` or
        ``"char"``), ``term``, ``df`` (int64, texts containing the term, >= 1)
        sorted by block and term.  Size: one row per distinct term of the
        partition, never the texts.
        """
        if self.features not in ("word", "char", "word+char"):
            raise ValueError(f"features must be 'word', 'char' or 'word+char', not {self.features!r}")
        texts = list(texts)
        parts = []
        for name, make in (("word", self._word_vectorizer), ("char", self._char_vectorizer)):
            if name in self.features and texts:
                terms, df = _document_frequencies(make(), texts)
                parts.append(pd.DataFrame({"block": name, "term": terms, "df": df}))
        return TermCounts(len(texts), _counts_frame(parts))

    def fit_from_counts(self, counts: TermCounts) -> StatementVectorizer:
        """Fit from summed partition counts (:meth:`TermCounts.merge`) instead of the texts.

        Equal to :meth:`fit` on the concatenation of the partitions' texts:
        vocabulary in scikit-learn's order (sorted terms), ``idf(t) = ln((1 +
        n) / (1 + df(t))) + 1`` computed with scikit-learn's own operations
        (``TfidfTransformer.fit``), so ``idf_`` and :meth:`transform` are the
        same bit for bit.  A block without any term is left out as in
        :meth:`fit`.  Raises ``ValueError`` for counts of no text.
        """
        self._checked(["-"])  # parameter checks only
        if counts.n_texts < 1:
            raise ValueError("cannot fit on an empty list of sentences")
        table = counts.counts
        self.word_ = self.char_ = None
        for name, make in (("word", self._word_vectorizer), ("char", self._char_vectorizer)):
            if name not in self.features:
                continue
            rows = table[table["block"] == name]
            if rows.empty:
                continue
            setattr(self, f"{name}_", _fitted_block(make(), rows["term"].tolist(), rows["df"].to_numpy(), counts.n_texts))
        return self

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Sparse matrix, one L2-normalised row per text (all-zero rows stay zero)."""
        texts = list(texts)
        return self._combine(
            [v.transform(texts) if texts else sp.csr_matrix((0, len(v.vocabulary_))) for v, _ in self._blocks()], len(texts)
        )

    def _blocks(self) -> list[tuple[TfidfVectorizer, float]]:
        """``(fitted vectorizer, weight)`` of each block that has a vocabulary, word block first."""
        both = self.word_ is not None and self.char_ is not None
        out = []
        if self.word_ is not None:
            out.append((self.word_, 1.0 - self.char_weight if both else 1.0))
        if self.char_ is not None:
            out.append((self.char_, self.char_weight if both else 1.0))
        return out

    def _combine(self, matrices: list[sp.csr_matrix], n: int) -> sp.csr_matrix:
        """Weight, stack and L2-normalise the blocks' matrices (in the order of :meth:`_blocks`)."""
        if not matrices:  # no text had a word or character n-gram: every vector is zero
            return sp.csr_matrix((n, 0))
        x = sp.hstack([np.sqrt(w) * m for m, (_, w) in zip(matrices, self._blocks())], format="csr")
        return normalize(x, norm="l2", copy=False) if n else x


@dataclass(frozen=True)
class TermCounts:
    """Document frequencies of a set of texts: what :meth:`StatementVectorizer.fit_from_counts` needs.

    ``n_texts`` is the number of texts counted; ``counts`` a table with
    columns :data:`TERM_COUNT_COLUMNS` (``block``: ``"word"`` or ``"char"``;
    ``term``; ``df``: int64, number of texts containing the term), sorted by
    block and term, one row per distinct term.
    """

    n_texts: int
    counts: pd.DataFrame

    @staticmethod
    def merge(parts: Iterable[TermCounts]) -> TermCounts:
        """The counts of the union of disjoint sets of texts: ``n_texts`` and ``df`` summed per term.

        Order-free (the result is sorted), so a tree of merges in any order
        gives the same table.
        """
        parts = list(parts)
        n = sum(p.n_texts for p in parts)
        tables = [p.counts for p in parts if len(p.counts)]
        if not tables:
            return TermCounts(n, _counts_frame([]))
        both = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
        summed = both.groupby(["block", "term"], sort=True, as_index=False)["df"].sum()
        return TermCounts(n, _counts_frame([summed]))


def _counts_frame(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One sorted ``block, term, df`` table (object, object, int64) from ``parts``."""
    if not parts:
        out = pd.DataFrame({"block": pd.Series(dtype="object"), "term": pd.Series(dtype="object"), "df": pd.Series(dtype="int64")})
        return out
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    out = out.astype({"block": "object", "term": "object", "df": "int64"})
    return out.sort_values(["block", "term"], ignore_index=True)[list(TERM_COUNT_COLUMNS)]


def _count_vectorizer(vectorizer: TfidfVectorizer) -> CountVectorizer:
    """The :class:`CountVectorizer` inside ``vectorizer``: same analyzer and options, no weighting."""
    names = CountVectorizer().get_params()
    return CountVectorizer(**{k: v for k, v in vectorizer.get_params().items() if k in names})


def _document_frequencies(vectorizer: TfidfVectorizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(terms sorted, df)`` of ``texts`` under ``vectorizer``'s analyzer; empty arrays when no text has a term."""
    if not any(vectorizer.build_analyzer()(t) for t in texts):
        return np.array([], dtype=object), np.zeros(0, dtype=np.int64)
    cv = _count_vectorizer(vectorizer)
    x = cv.fit_transform(texts).tocsr()
    df = np.bincount(x.indices, minlength=x.shape[1]).astype(np.int64)  # CSR rows hold each term once
    return cv.get_feature_names_out().astype(object), df


def _fitted_block(vectorizer: TfidfVectorizer, terms: list[str], df: np.ndarray, n_texts: int) -> TfidfVectorizer:
    """``vectorizer`` fitted from sorted ``terms`` and their document frequencies among ``n_texts`` texts.

    The vocabulary and ``idf_`` that ``vectorizer.fit`` would learn: scikit-learn
    sorts the terms (``CountVectorizer._sort_features``) and
    ``TfidfTransformer.fit`` computes ``idf = ln((n + 1) / (df + 1)) + 1`` in
    float64 with ``smooth_idf``; the same operations are repeated here in the
    same order, so the values are equal bit for bit.
    """
    vectorizer.vocabulary_ = {t: i for i, t in enumerate(terms)}
    dfs = df.astype(np.float64)
    dfs += float(vectorizer.smooth_idf)
    n = n_texts + int(vectorizer.smooth_idf)
    idf = np.full_like(dfs, fill_value=n, dtype=np.float64)
    idf /= dfs
    np.log(idf, out=idf)
    idf += 1.0
    vectorizer.idf_ = idf
    return vectorizer


def _fit_block(vectorizer: TfidfVectorizer, texts: list[str], *, transform: bool = True) -> tuple[TfidfVectorizer | None, sp.csr_matrix | None]:
    """``(fitted vectorizer, its matrix of texts or None)``, or ``(None, None)`` when the texts have no term.

    scikit-learn raises ``ValueError("empty vocabulary ...")`` on texts without
    any term; here that block is left out instead and every vector is zero in
    it (no similarity), the documented fallback for sentences without content
    words.  The check stops at the first text with a term.
    """
    if not any(vectorizer.build_analyzer()(t) for t in texts):
        return None, None
    if not transform:
        return vectorizer.fit(texts), None
    # scikit-learn's TfidfVectorizer.fit_transform (count, fit the weights, weight), with the
    # counts' indices sorted first as its transform has them: the L2 norms then sum the same
    # terms in the same order, so fit_transform equals fit then transform bit for bit (and
    # a vectorizer from partition counts, fit_from_counts, gives the same vectors).
    cv = _count_vectorizer(vectorizer)
    counts = cv.fit_transform(texts).tocsr()
    counts.sort_indices()
    weights = TfidfTransformer(
        norm=vectorizer.norm, use_idf=vectorizer.use_idf, smooth_idf=vectorizer.smooth_idf, sublinear_tf=vectorizer.sublinear_tf
    ).fit(counts)
    vectorizer.vocabulary_ = cv.vocabulary_
    vectorizer.idf_ = weights.idf_
    return vectorizer, sp.csr_matrix(weights.transform(counts.astype(vectorizer.dtype), copy=False))


def tfidf_similarity(
    texts_a: Sequence[str],
    texts_b: Sequence[str] | None = None,
    *,
    vectorizer: StatementVectorizer | None = None,
) -> np.ndarray:
    """Cosine similarity matrix of two lists of sentences, values in [0, 1].

    ``vectorizer`` defaults to a :class:`StatementVectorizer` fitted on
    ``texts_a + texts_b``; pass one fitted on the whole corpus to get
    corpus-wide inverse document frequencies.  Returns a dense array of shape
    ``(len(texts_a), len(texts_b))`` (``texts_b`` defaults to ``texts_a``).
    """
    texts_b = texts_a if texts_b is None else texts_b
    if vectorizer is None:
        vectorizer = StatementVectorizer().fit(list(texts_a) + list(texts_b))
    a = vectorizer.transform(texts_a)
    b = vectorizer.transform(texts_b)
    return np.clip((a @ b.T).toarray(), 0.0, 1.0)

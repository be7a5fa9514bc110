"""The aligner as an estimator with public stages: fit, score, link, cluster.

:class:`Aligner` follows scikit-learn's conventions (parameters set in
``__init__``, fitted state in trailing-underscore attributes, ``get_params``
and :func:`sklearn.base.clone`), so a threshold sweep scores once and relinks,
and a grid search needs no private helper::

    aligner = Aligner().fit(sentences, documents)   # vectorise the corpus once
    p = aligner.score("doc-a", "doc-b")              # P(same claim) per sentence pair
    links = aligner.link(p)                           # the pair's links
    table = aligner.align()                           # every candidate pair
    statements = aligner.cluster(table)               # statements that do not chain

Scores that mean something
--------------------------
For each pair of body sentences of two compared documents, :meth:`features`
measures (all in [0, 1] unless said otherwise):

``cosine``
    TF-IDF cosine of the two claims (word + character n-grams,
    :class:`~claimcompare.similarity.StatementVectorizer`);
``overlap``
    weighted overlap coefficient of the same vectors
    (:func:`claimcompare.align.overlap_coefficient`);
``content_overlap``, ``content_shared``
    overlap coefficient of the IDF-weighted *content* words (stems that are
    neither a named mention nor a number), and ``log(1 + shared content
    stems)``: a link needs shared content beyond names, places and dates;
``name_overlap``, ``names_only``, ``name_clash``
    overlap coefficient of the named mentions (compared by their first four
    letters, so "Iraq" and "Iraqi" agree), 1 when the pair shares names but
    at most one content stem, and 1 when both name someone or somewhere and
    share no name (the same sentence frame about another actor);
``number_shared``, ``number_clash``
    1 when the two state a number in common (:func:`stated_numbers`, equal at
    the coarser precision); 1 when both state numbers and share none;
``speaker_match``, ``speaker_clash``
    both attributed to a speaker (:func:`claimcompare.attribution.article_speakers`,
    the speaker of notebook 04), the same one / not the same one
    (:func:`claimcompare.align.speaker_agreement`);
``off_topic``
    either sentence is about participants the other report never names
    (an off-event passage);
``row_gap``, ``col_gap``, ``mutual``
    the pair's lexical score ``(cosine + overlap) / 2`` minus the best of its
    row and of its column (<= 0), and 1 for a mutual best: how the pair fares
    against its competitors;
``position_gap``, ``both_lead``
    difference of the two sentences' relative positions in their bodies, and
    1 when both are their report's first body sentence;
``length_ratio``
    ``|log(words_a / words_b)|``, capped at 3.

``other_event``
    the two sentences' passages report different events
    (:func:`claimcompare.align.other_event`, from
    :func:`claimcompare.passages.passage_events`): a feature, not a veto,
    since passage events are assigned by form and can be wrong;

A logistic regression over these (with standardised inputs), calibrated
with Platt's method on its cross-validated held-out scores, gives the
probability that the two sentences state the same claim: of the held-out
pairs given a probability p, about that share are sure gold links
(:class:`LinkModel`; the reliability table is printed by the training
script and in the README).  Its coefficients and calibration are a small
JSON data file (:data:`DEFAULT_MODEL`, written by
``benchmarks/train_aligner.py``: fitted on the training events of the
real-news benchmark and the seed gold, cross-validated by event); no pickle.
:meth:`link` keeps a pair when its probability reaches ``threshold`` (the
model file's, chosen on the training events) and it is the best of its row
or of its column (one-to-many links within ``ratio`` of the best allowed, on
the uncalibrated scale the ratio was chosen on), the symmetrised best-match
rule of :mod:`claimcompare.align`.

Statements that do not chain
----------------------------
:meth:`cluster` groups links into statements by average linkage on the link
graph: clusters merge, strongest link first, only when at least half of the
possible sentence pairs between them are links and no document would hold two
sentences of the merged statement (Manning, Raghavan and Schütze 2008,
section 17.3, group-average clustering, with a cannot-link constraint).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from .align import (
    ALIGNMENT_COLUMNS,
    DEFAULT_RATIO,
    PROGRESS_MIN_PAIRS,
    STATEMENT_COLUMNS,
    PairLinks,
    align_corpus,
    TermMatrix,
    body_sentences,
    candidate_pairs,
    empty_alignment,
    link_arrays,
    links_table,
    mid_sentence_names,
    min_link_score,
    off_topic,
    other_event,
    prepare_documents,
    speaker_agreement,
    statements,
)
from .errors import CorpusError
from .frames import named_mentions
from .progress import progress
from .similarity import StatementVectorizer, TermCounts, word_tokens

__all__ = [
    "ALIGNERS",
    "Aligner",
    "DEFAULT_ALIGNER",
    "DEFAULT_MODEL",
    "FEATURES",
    "LinkModel",
    "STATEMENT_COLUMNS",
    "align_with",
    "aligner_summary",
    "content_counts",
    "stated_numbers",
    "statements",
]

#: Features of a sentence pair, in the order of the model's coefficients.
FEATURES: tuple[str, ...] = (
    "cosine",
    "overlap",
    "content_overlap",
    "content_shared",
    "name_overlap",
    "names_only",
    "name_clash",
    "number_shared",
    "number_clash",
    "speaker_match",
    "speaker_clash",
    "off_topic",
    "other_event",
    "row_gap",
    "col_gap",
    "mutual",
    "position_gap",
    "both_lead",
    "length_ratio",
)
#: The shipped model (package data), written by benchmarks/train_aligner.py.
DEFAULT_MODEL = "aligner-model.json"
#: The aligners of the command line, the report and the notebooks, by name: the learned link
#: model (:class:`Aligner`) and the scoring rules tuned on the seeds (:func:`claimcompare.align.align_corpus`).
ALIGNERS: tuple[str, ...] = ("learned", "rules")
#: The default aligner: the learned model, ahead of the rules on the real-news benchmark's test events (README).
DEFAULT_ALIGNER = "learned"

_RE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Words and suffixes that multiply the number before them ("40k", "500 thousand", "$1.5bn").
_MAGNITUDES = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
_RE_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)*)(?:[ \u00a0]?(thousand|million|billion|mn|bn)\b|(k|m|b)\b)?", re.I)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Dates are not facts two reports share by chance less than others: days next to a month, and years.
_RE_DATE = re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}|\b(?:19|20)\d\d\b")


def stated_numbers(text: str) -> tuple[tuple[float, int], ...]:
    """The numbers a sentence states, without dates: ``(value, decimals)`` pairs, sorted.

    Thousands separators are read as such ("11,300" and "11 300" are 11300),
    a decimal comma or point keeps its decimals ("52.14" is (52.14, 2)); a
    magnitude word or suffix multiplies ("40k" and "40 thousand" are 40000,
    "1.5 million" and "1.5m" are 1500000);
    days beside a month name and years 1900-2099 are left out.
    """
    text = _RE_DATE.sub(" ", text)
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)
    out = set()
    for m in _RE_QUANTITY.finditer(text):
        tok, unit = m.group(1), (m.group(2) or m.group(3) or "").lower()
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", tok):
            value, decimals = float(tok.replace(",", "")), 0
        else:
            tok = tok.replace(",", ".")
            whole, _, frac = tok.partition(".")
            if "." in frac:
                continue  # a version or a date-like run, not a quantity
            try:
                value, decimals = float(tok), len(frac)
            except ValueError:
                continue
        if unit:  # "40k", "500 thousand", "1.5 million": the quantity written out
            value, decimals = round(value * _MAGNITUDES[unit], 6), 0
        out.add((value, decimals))
    return tuple(sorted(out))


def _numbers_agree(a: tuple[tuple[float, int], ...], b: tuple[tuple[float, int], ...]) -> bool:
    """True when some number of ``a`` equals one of ``b`` at the coarser of their precisions (52.14 ~ 52.1)."""
    for x, dx in a:
        for y, dy in b:
            if abs(round(x, min(dx, dy)) - round(y, min(dx, dy))) < 1e-9:
                return True
    return False


#: The block name of :func:`content_counts` rows.
CONTENT_BLOCK = "content"


def _sentence_terms(raw: list[str], names: frozenset[str]) -> tuple[list[list[str]], list[set[str]], list[list[str]]]:
    """Per sentence: its stems, the first four letters of its named mentions' words, and its content stems.

    Content stems are the stems that are neither a named mention (compared by
    their first four letters) nor a number; ``names`` is the corpus's
    :func:`~claimcompare.align.mid_sentence_names` (so a sentence's first word
    counts as a name only when it is capitalised mid-sentence somewhere).
    """
    memo: dict[str, str] = {}
    stems = [word_tokens(t, memo=memo) for t in raw]
    mentions = [
        {w[:4] for m in named_mentions(t, sentence_initial_names=names) for w in word_tokens(m, stem=False)} for t in raw
    ]  # fmt: skip
    content = [[s for s in toks if s[:4] not in nm and not _RE_NUMBER.fullmatch(s)] for toks, nm in zip(stems, mentions)]
    return stems, mentions, content


def content_counts(sentences: pd.DataFrame, names: frozenset[str] | None = None) -> TermCounts:
    """Document frequencies of the content stems of the body sentences: what :class:`Aligner` weighs content words by.

    ``sentences``: a sentences table (its body rows are counted); ``names``:
    the corpus's :func:`~claimcompare.align.mid_sentence_names` (``None``: those
    of ``sentences``).  Returns a :class:`~claimcompare.similarity.TermCounts`
    (``n_texts`` body sentences; one row per content stem, ``block``
    :data:`CONTENT_BLOCK`, ``df`` the number of body sentences that have it).
    Counts of disjoint parts of a corpus, with the whole corpus's ``names``,
    merge (:meth:`TermCounts.merge`) into the counts of the whole, so that a
    distributed engine computes them per partition
    (:func:`claimcompare.engine.align_corpus_dask` with ``aligner="learned"``).
    """
    raw = body_sentences(sentences)["text"].tolist()
    names = mid_sentence_names(sentences) if names is None else names
    return _content_counts(_sentence_terms(raw, names)[2])


def _content_counts(content: list[list[str]]) -> TermCounts:
    """:func:`content_counts` from each sentence's content stems (:func:`_sentence_terms`)."""
    df: dict[str, int] = {}
    for toks in content:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    terms = sorted(df)
    table = pd.DataFrame({
        "block": pd.Series([CONTENT_BLOCK] * len(terms), dtype="object"),
        "term": pd.Series(terms, dtype="object"),
        "df": pd.Series([df[t] for t in terms], dtype="int64"),
    })  # fmt: skip
    return TermCounts(len(content), table)


@dataclass(frozen=True)
class LinkModel:
    """A logistic model of P(same claim) over :data:`FEATURES`, read from JSON.

    ``z = intercept + sum_k coef_k * (x_k - mean_k) / scale_k``, then Platt's
    calibration (Platt 1999; Niculescu-Mizil and Caruana 2005) of that score:
    ``p = 1 / (1 + exp(-(slope * z + offset)))``, with ``calibration =
    (slope, offset)`` fitted on the cross-validated, held-out scores of the
    training corpora, so that of the pairs given ``p`` about that share are
    sure gold links (``(1, 0)``: uncalibrated, a model file without it).
    ``threshold`` is a calibrated probability; the link rule's one-to-many
    ratio applies to the uncalibrated probability ``1 / (1 + exp(-z))``
    (:meth:`uncalibrated`), the scale on which it was chosen.
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    info: dict
    calibration: tuple[float, float] = (1.0, 0.0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> LinkModel:
        """The model in ``path`` (JSON), or the shipped :data:`DEFAULT_MODEL`."""
        if path is None:
            text = resources.files("claimcompare").joinpath("data", DEFAULT_MODEL).read_text(encoding="utf-8")
            where: str | Path = DEFAULT_MODEL
        else:
            where = Path(path)
            try:
                text = where.read_text(encoding="utf-8")
            except OSError as err:
                raise CorpusError(where, f"cannot read the model ({err.strerror or err})", "give a model JSON file") from None
        try:
            d = json.loads(text)
            features = tuple(d["features"])
            model = cls(
                features=features,
                mean=np.asarray(d["mean"], dtype=float),
                scale=np.asarray(d["scale"], dtype=float),
                coef=np.asarray(d["coef"], dtype=float),
                intercept=float(d["intercept"]),
                threshold=float(d["threshold"]),
                info=dict(d.get("info", {})),
                calibration=_calibration(d.get("calibration")),
            )
        except (ValueError, KeyError, TypeError) as err:
            raise CorpusError(where, f"is not an aligner model ({err})", "write it with benchmarks/train_aligner.py") from None
        unknown = sorted(set(features) - set(FEATURES))
        if unknown or not (len(model.mean) == len(model.scale) == len(model.coef) == len(features)):
            raise CorpusError(where, f"does not fit this version's features ({', '.join(unknown) or 'lengths differ'})", "retrain it")
        return model

    def to_json(self) -> str:
        """The model as JSON text (the format :meth:`load` reads)."""
        d = {
            "features": list(self.features),
            "mean": [round(float(x), 8) for x in self.mean],
            "scale": [round(float(x), 8) for x in self.scale],
            "coef": [round(float(x), 8) for x in self.coef],
            "intercept": round(float(self.intercept), 8),
            "threshold": round(float(self.threshold), 4),
            "calibration": {"slope": round(float(self.calibration[0]), 8), "offset": round(float(self.calibration[1]), 8)},
            "info": self.info,
        }
        return json.dumps(d, indent=1, sort_keys=False) + "\n"

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same claim) for feature rows ``x`` (columns :attr:`features`), calibrated."""
        z = self.intercept + ((x - self.mean) / self.scale) @ self.coef
        slope, offset = self.calibration
        return 1.0 / (1.0 + np.exp(-np.clip(slope * z + offset, -50, 50)))

    def uncalibrated(self, p: np.ndarray | float) -> np.ndarray:
        """The model's uncalibrated probability ``1 / (1 + exp(-z))`` of calibrated probabilities ``p`` (the inverse of the calibration)."""
        slope, offset = self.calibration
        q = np.clip(np.asarray(p, dtype=float), 1e-15, 1 - 1e-15)
        z = (np.log(q / (1 - q)) - offset) / slope
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _calibration(d: object) -> tuple[float, float]:
    """``(slope, offset)`` of a model file's ``calibration`` object; ``(1, 0)`` when it has none."""
    if d is None:
        return (1.0, 0.0)
    if not isinstance(d, dict):
        raise TypeError("calibration must be an object with slope and offset")
    slope, offset = float(d["slope"]), float(d["offset"])
    if not slope > 0:  # a calibration keeps the order of the scores
        raise ValueError(f"calibration slope must be positive, not {slope}")
    return (slope, offset)


@dataclass(frozen=True)
class _Extra:
    """Per document: sparse content stems (IDF-weighted), names and numbers (binary), word counts."""

    content: TermMatrix
    names: TermMatrix
    numbers: tuple[tuple[tuple[float, int], ...], ...]
    words: np.ndarray


def _binary(rows: list[list[int]], width: int, weights: np.ndarray | None = None) -> sp.csr_matrix:
    """CSR matrix with a 1 (or ``weights[term]``) for each distinct term of each row."""
    uniq = [sorted(set(r)) for r in rows]
    indptr = np.cumsum([0] + [len(r) for r in uniq])
    indices = np.array([i for r in uniq for i in r], dtype=np.int64)
    data = np.ones(len(indices)) if weights is None else weights[indices]
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


class Aligner(BaseEstimator):
    """Align statements across reports: fit on a corpus, then score, link and cluster.

    Parameters
    ----------
    model:
        A :class:`LinkModel`, the path of a model JSON, or ``None`` for the
        shipped :data:`DEFAULT_MODEL`.
    threshold:
        Lowest probability of a link, in [0, 1]; ``None``: the model's
        (chosen on the training events).
    ratio:
        For one-to-many links: the fraction of the competing best probability
        the link must reach (uncalibrated probabilities, :meth:`LinkModel.uncalibrated`); ``None``: the model's (``info["ratio"]``, chosen
        on the training events), else :data:`claimcompare.align.DEFAULT_RATIO`.
    by:
        Which documents are compared (:func:`claimcompare.align.candidate_pairs`):
        ``"auto"``, ``"event"`` or ``"similarity"``.
    min_cluster_density:
        :meth:`cluster`'s merge rule: the share of sentence pairs between two
        groups that must be links, in (0, 1].
    rule:
        ``None``: the model's (``info["rule"]``, else ``"best-match"``).
        ``"best-match"``: a link must also be the best of its row or column
        (one-to-many within ``ratio``); ``"threshold"``: every pair whose
        probability reaches the threshold.
    free_threshold:
        With ``"best-match"``: a pair whose probability reaches this is linked
        whatever its rank (a statement repeated in one report); ``None``: the
        model's (``None`` there too: off).
    """

    def __init__(
        self,
        *,
        model: LinkModel | str | Path | None = None,
        threshold: float | None = None,
        ratio: float | None = None,
        by: str = "auto",
        min_cluster_density: float = 0.5,
        rule: str | None = None,
        free_threshold: float | None = None,
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.ratio = ratio
        self.by = by
        self.min_cluster_density = min_cluster_density
        self.rule = rule
        self.free_threshold = free_threshold

    # --- fit ---------------------------------------------------------------------------------

    def fit(
        self,
        sentences: pd.DataFrame,
        documents: pd.DataFrame | None = None,
        *,
        vectorizer: StatementVectorizer | None = None,
        names: frozenset[str] | None = None,
        counts: TermCounts | None = None,
    ) -> Aligner:
        """Vectorise the corpus's body sentences (IDF from this corpus) and load the model.

        ``sentences``: the sentences table (:func:`claimcompare.sentences_table`);
        ``documents``: the corpus's documents (events, outlets), optional.
        ``vectorizer``, ``names``, ``counts``: the whole corpus's when
        ``sentences`` is one part of it (a partition of
        :func:`claimcompare.engine.align_corpus_dask`): the claims'
        :class:`~claimcompare.similarity.StatementVectorizer`, the
        :func:`~claimcompare.align.mid_sentence_names` and the
        :func:`content_counts`; ``None``: each from ``sentences``.  Then
        every score is the one the whole corpus gives.
        Sets ``model_`` (:class:`LinkModel`), ``docs_`` (per document data),
        ``vectorizer_``, ``sentences_``, ``documents_`` and ``idf_``.
        """
        self.model_ = self.model if isinstance(self.model, LinkModel) else LinkModel.load(self.model)
        self.sentences_ = sentences
        self.documents_ = documents
        body = body_sentences(sentences)
        names = mid_sentence_names(sentences) if names is None else names
        if len(body):
            self.docs_, self.vectorizer_ = prepare_documents(body, vectorizer, claims=True, sentence_initial_names=names)
        else:
            self.docs_, self.vectorizer_ = {}, vectorizer
        raw = body["text"].tolist()
        terms = _sentence_terms(raw, names)  # once: the content counts of a whole corpus come from the same terms
        self.extra_, self.idf_ = self._extras(body, raw, terms, _content_counts(terms[2]) if counts is None else counts)
        return self

    def _extras(
        self, body: pd.DataFrame, raw: list[str], terms: tuple[list[list[str]], list[set[str]], list[list[str]]], counts: TermCounts
    ) -> tuple[dict[str, _Extra], dict[str, float]]:
        stems, mentions, content = terms
        numbers = [stated_numbers(t) for t in raw]
        table = counts.counts[counts.counts["block"] == CONTENT_BLOCK]
        df = dict(zip(table["term"].tolist(), table["df"].tolist()))
        vocab: dict[str, int] = {}
        for toks in content:
            for t in toks:
                vocab.setdefault(t, len(vocab))
        n = max(counts.n_texts, 1)
        idf_arr = np.zeros(len(vocab))
        for t, k in vocab.items():
            idf_arr[k] = np.log((1 + n) / (1 + df.get(t, 0))) + 1.0  # eq. as scikit-learn's smooth idf
        name_vocab: dict[str, int] = {}
        content_ids = [[vocab[t] for t in toks] for toks in content]
        name_ids = [[name_vocab.setdefault(w, len(name_vocab)) for w in sorted(nm)] for nm in mentions]
        extra: dict[str, _Extra] = {}
        for doc_id, idx in body.groupby("doc_id", sort=True).indices.items():
            c = _binary([content_ids[i] for i in idx], len(vocab), idf_arr)
            m = _binary([name_ids[i] for i in idx], len(name_vocab))
            extra[doc_id] = _Extra(
                content=TermMatrix.of(c),
                names=TermMatrix.of(m),
                numbers=tuple(numbers[i] for i in idx),
                words=np.array([max(len(stems[i]), 1) for i in idx], dtype=float),
            )
        return extra, {t: float(idf_arr[k]) for t, k in vocab.items()}

    def _check_fitted(self) -> None:
        if not hasattr(self, "docs_"):
            raise RuntimeError("call fit(sentences, documents) first")

    # --- score -------------------------------------------------------------------------------

    def features(self, doc_a: str, doc_b: str) -> np.ndarray:
        """Feature array of shape ``(n_a, n_b, len(FEATURES))`` for two fitted documents' body sentences."""
        self._check_fitted()
        a, b = self.docs_[doc_a], self.docs_[doc_b]
        ea, eb = self.extra_[doc_a], self.extra_[doc_b]
        n, m = a.vectors.shape[0], b.vectors.shape[0]
        cos = np.clip((a.vectors @ b.vectors.T).toarray(), 0.0, 1.0)
        ov = a.overlap(b)
        cov = ea.content.overlap(eb.content)
        shared = ((ea.content.matrix > 0).astype(float) @ (eb.content.matrix > 0).astype(float).T).toarray()
        nov = ea.names.overlap(eb.names)
        nshared = (ea.names.matrix @ eb.names.matrix.T).toarray()
        numshared = np.array([[_numbers_agree(x, y) for y in eb.numbers] for x in ea.numbers], dtype=float).reshape(n, m)
        has_a = np.array([bool(x) for x in ea.numbers], dtype=bool)
        has_b = np.array([bool(y) for y in eb.numbers], dtype=bool)
        both, same = speaker_agreement(a, b)
        match = same.astype(float)
        clash = (both & ~same).astype(float)
        off = (off_topic(a, b)[:, None] | off_topic(b, a)[None, :]).astype(float)
        lex = (cos + ov) / 2
        row_gap = lex - lex.max(axis=1, keepdims=True) if m else lex
        col_gap = lex - lex.max(axis=0, keepdims=True) if n else lex
        mutual = ((row_gap == 0) & (col_gap == 0)).astype(float)
        pa = np.arange(n) / max(n - 1, 1)
        pb = np.arange(m) / max(m - 1, 1)
        lead = np.zeros((n, m))
        if n and m:
            lead[0, 0] = 1.0
        cols = {
            "cosine": cos,
            "overlap": ov,
            "content_overlap": cov,
            "content_shared": np.log1p(shared),
            "name_overlap": nov,
            "names_only": ((nshared > 0) & (shared <= 1)).astype(float),
            "name_clash": ((ea.names.mass[:, None] > 0) & (eb.names.mass[None, :] > 0) & (nshared == 0)).astype(float),
            "number_shared": (numshared > 0).astype(float),
            "number_clash": (has_a[:, None] & has_b[None, :] & (numshared == 0)).astype(float),
            "speaker_match": match,
            "speaker_clash": clash,
            "off_topic": off,
            "other_event": other_event(a.rows, b.rows).astype(float),
            "row_gap": row_gap,
            "col_gap": col_gap,
            "mutual": mutual,
            "position_gap": np.abs(pa[:, None] - pb[None, :]),
            "both_lead": lead,
            "length_ratio": np.minimum(np.abs(np.log(ea.words[:, None] / eb.words[None, :])), 3.0),
        }
        return np.stack([cols[f] for f in FEATURES], axis=2) if n and m else np.zeros((n, m, len(FEATURES)))

    def score(self, doc_a: str, doc_b: str) -> np.ndarray:
        """P(same claim) for every pair of body sentences of two documents: shape ``(n_a, n_b)``, in [0, 1]."""
        x = self.features(doc_a, doc_b)
        n, m, k = x.shape
        if n == 0 or m == 0:
            return np.zeros((n, m))
        cols = [FEATURES.index(f) for f in self.model_.features]
        return self.model_.probability(x.reshape(n * m, k)[:, cols]).reshape(n, m)

    # --- link --------------------------------------------------------------------------------

    @property
    def threshold_(self) -> float:
        """The probability threshold in force (the parameter, else the model's)."""
        self._check_fitted()
        return float(self.model_.threshold if self.threshold is None else self.threshold)

    def link(self, scores: np.ndarray, *, threshold: float | None = None) -> pd.DataFrame:
        """Links of one score matrix: columns ``i, j, probability, margin, rule`` (row-major order).

        A pair is linked when its probability reaches ``threshold`` (default
        :attr:`threshold_`) and it is a mutual best, or the best of one side
        within ``ratio`` of the other side's best (one-to-many).
        """
        t = self.threshold_ if threshold is None else float(threshold)
        i, j, p, margin, mutual = self._link_arrays(scores, t)
        return pd.DataFrame({"i": i, "j": j, "probability": p, "margin": margin,
                             "rule": np.where(mutual, "mutual-best", "one-to-many").astype(object)})  # fmt: skip

    @property
    def ratio_(self) -> float:
        """The one-to-many ratio in force (the parameter, else the model's, else ``DEFAULT_RATIO``), on the uncalibrated probability (:meth:`LinkModel.uncalibrated`)."""
        self._check_fitted()
        if self.ratio is not None:
            return float(self.ratio)
        return float(self.model_.info.get("ratio", DEFAULT_RATIO))

    def weights(self) -> pd.DataFrame:
        """The model's weight of each feature it uses, strongest first.

        Columns ``feature`` (one of :data:`FEATURES`) and ``weight``: the
        change in the log-odds of a link per standard deviation of the
        feature (the coefficient over standardised inputs); positive for
        evidence of the same claim.
        """
        self._check_fitted()
        table = pd.DataFrame({"feature": list(self.model_.features), "weight": self.model_.coef.astype(float)})
        return table.iloc[np.argsort(-np.abs(table["weight"].to_numpy()), kind="stable")].reset_index(drop=True)

    @property
    def rule_(self) -> str:
        """The link rule in force (the parameter, else the model's)."""
        self._check_fitted()
        return str(self.rule or self.model_.info.get("rule") or "best-match")

    def _best_match(self, p: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """:func:`~claimcompare.align.link_arrays` on the uncalibrated probabilities (the ratio's scale); scores and margins calibrated."""
        if self.model_.calibration == (1.0, 0.0):
            return link_arrays(p, min_score=t, ratio=self.ratio_)
        raw = self.model_.uncalibrated(p)
        i, j, _, _, mutual = link_arrays(raw, min_score=float(self.model_.uncalibrated(t)), ratio=self.ratio_)
        n, m = p.shape
        best = raw.argmax(axis=1)
        second = np.partition(p, -2, axis=1)[:, -2] if m > 1 else np.zeros(n)
        margin = p[i, j] - np.where(best[i] == j, second[i], p[i, best[i]])
        return i, j, p[i, j], margin, mutual

    def _link_arrays(self, p: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        rule = self.rule_
        if rule == "best-match":
            i, j, prob, margin, mutual = self._best_match(p, t)
            free = self.free_threshold if self.free_threshold is not None else self.model_.info.get("free_threshold")
            if free is None:
                return i, j, prob, margin, mutual
            extra_i, extra_j = np.nonzero(p >= max(float(free), t))
            have = set(zip(i.tolist(), j.tolist()))
            add = [(a, b) for a, b in zip(extra_i.tolist(), extra_j.tolist()) if (a, b) not in have]
            if not add:
                return i, j, prob, margin, mutual
            ai = np.array([a for a, _ in add], dtype=np.intp)
            aj = np.array([b for _, b in add], dtype=np.intp)
            order = np.lexsort((np.concatenate([j, aj]), np.concatenate([i, ai])))
            i2, j2 = np.concatenate([i, ai])[order], np.concatenate([j, aj])[order]
            margin2 = np.concatenate([margin, p[ai, aj] - p.max(axis=1)[ai]])[order]
            mutual2 = np.concatenate([mutual, np.zeros(len(ai), dtype=bool)])[order]
            return i2, j2, p[i2, j2], margin2, mutual2
        if rule != "threshold":
            raise ValueError(f"rule must be 'best-match' or 'threshold', not {rule!r}")
        i, j = np.nonzero(p >= t)
        if not len(i):
            return i, j, np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)
        best_j, best_i = p.argmax(axis=1), p.argmax(axis=0)
        mutual = (best_j[i] == j) & (best_i[j] == i)
        margin = p[i, j] - p.max(axis=1)[i]
        return i, j, p[i, j], margin, mutual

    def pairs(self) -> pd.DataFrame:
        """The document pairs to compare (:func:`claimcompare.align.candidate_pairs`)."""
        self._check_fitted()
        return candidate_pairs(self.sentences_, self.documents_, by=self.by, vectorizer=None, top_k=5, min_doc_score=0.2, doc_scores=False)

    def scores(self, pairs: pd.DataFrame | None = None, *, show_progress: bool | None = False) -> dict[tuple[str, str], np.ndarray]:
        """:meth:`score` of every document pair (default :meth:`pairs`), keyed ``(doc_a, doc_b)``.

        ``show_progress``: a progress bar over the document pairs
        (:func:`claimcompare.progress.progress`; ``None``: only in a terminal
        and for more than :data:`claimcompare.align.PROGRESS_MIN_PAIRS` pairs).
        """
        pairs = self.pairs() if pairs is None else pairs
        todo = [(da, db) for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False) if da in self.docs_ and db in self.docs_]
        return {
            (da, db): self.score(da, db)
            for da, db in progress(todo, desc="scoring document pairs", enabled=show_progress, min_items=PROGRESS_MIN_PAIRS)
        }

    def align(
        self, pairs: pd.DataFrame | None = None, *, scores: dict | None = None, threshold: float | None = None, show_progress: bool | None = False
    ) -> pd.DataFrame:
        """The alignment table of every compared pair.

        ``scores`` (from :meth:`scores`) lets a threshold sweep score once and
        relink; without it the pairs are scored here (``show_progress`` as in
        :meth:`scores`).  Returns columns :data:`claimcompare.align.ALIGNMENT_COLUMNS`
        with ``score`` = the link probability and ``cosine`` the claims' TF-IDF
        cosine, sorted by ``doc_a, doc_b, sent_a, sent_b``.
        """
        self._check_fitted()
        scores = self.scores(pairs, show_progress=show_progress) if scores is None else scores
        t = self.threshold_ if threshold is None else float(threshold)
        parts = []
        for (da, db), p in scores.items():
            i, j, prob, margin, mutual = self._link_arrays(p, t)
            if len(i):
                a, b = self.docs_[da], self.docs_[db]
                cos = np.clip(np.asarray((a.vectors[i].multiply(b.vectors[j])).sum(axis=1)).ravel(), 0.0, 1.0)
                parts.append(PairLinks(a.rows, b.rows, i, j, prob, cos, margin, mutual))
        out = links_table(parts, by=["doc_a", "doc_b", "sent_a", "sent_b"])
        return out[list(ALIGNMENT_COLUMNS)] if len(out) else empty_alignment()

    # --- cluster -----------------------------------------------------------------------------

    def cluster(self, alignment: pd.DataFrame) -> pd.DataFrame:
        """Statements: groups of linked sentences that do not chain (module docstring).

        Returns one row per sentence in a statement of two sentences or more,
        columns :data:`STATEMENT_COLUMNS`; statements numbered from 1 in
        order of their first sentence (``doc_id, sent_id``); ``n_outlets``
        counts distinct ``outlet`` values when the fitted documents have
        them.
        """
        return statements(alignment, self.documents_ if hasattr(self, "documents_") else None,
                          min_density=self.min_cluster_density)  # fmt: skip


def _check_aligner(name: str) -> None:
    if name not in ALIGNERS:
        raise ValueError(f"aligner must be one of {', '.join(map(repr, ALIGNERS))}, not {name!r}")


def align_with(
    aligner: str,
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    min_score: float | None = None,
    semantic: object = None,
    show_progress: bool | None = False,
) -> pd.DataFrame:
    """The alignment table of a corpus by the aligner named ``aligner`` (one of :data:`ALIGNERS`).

    ``"learned"``: :class:`Aligner` with the shipped model, ``min_score`` its
    probability threshold (``None``: the model's); lexical, so ``semantic``
    is not used.  ``"rules"``: :func:`claimcompare.align.align_corpus` with
    ``min_score`` and the scoring backend ``semantic`` (``"auto"``, ``"on"``,
    ``"off"``, a resolved encoder of
    :func:`claimcompare.embeddings.resolve_encoder`, or ``None``: lexical).
    ``pairs``: the document pairs to compare (default: the aligner's
    :func:`~claimcompare.align.candidate_pairs`).  Returns columns
    :data:`claimcompare.align.ALIGNMENT_COLUMNS`; ``score`` is a link
    probability for ``"learned"`` and the rules' score for ``"rules"``.
    """
    _check_aligner(aligner)
    if aligner == "learned":
        return Aligner(threshold=min_score).fit(sentences, documents).align(pairs, show_progress=show_progress)
    return align_corpus(sentences, documents, pairs=pairs, min_score=min_score, semantic=semantic, show_progress=show_progress)  # type: ignore[arg-type]


def aligner_summary(aligner: str, *, min_score: float | None = None, semantic: object = None) -> tuple[str, str]:
    """Two lines that say how ``aligner`` links: ``(method, thresholds)``, as the report's corpus summary prints them.

    For ``"learned"``: the shipped model's features and training corpora, its
    probability threshold (``min_score`` when given) and one-to-many ratio;
    for ``"rules"``: the scoring backend ``semantic`` (as :func:`align_with`
    takes it; :func:`claimcompare.embeddings.backend_description`) and the
    minimum score in force (:func:`claimcompare.align.min_link_score`).
    """
    _check_aligner(aligner)
    if aligner == "learned":
        model = LinkModel.load()
        threshold = model.threshold if min_score is None else float(min_score)
        ratio = float(model.info.get("ratio", DEFAULT_RATIO))
        n = len(model.info.get("training_corpora", []))
        method = (f"learned link model: logistic regression over {len(model.features)} lexical features of a sentence pair, "
                  f"fitted on {n} training corpora: the real-news benchmark's training events and the seeds (claimcompare.aligner)")  # fmt: skip
        scale = " of the uncalibrated probability" if model.calibration != (1.0, 0.0) else ""
        return method, f"link probability >= {threshold:g} (calibrated), one-to-many ratio {ratio:g}{scale}"
    from .embeddings import backend_description, resolve_encoder

    encoder = resolve_encoder(semantic) if isinstance(semantic, str) else semantic
    score = min_link_score(min_score, encoder)  # type: ignore[arg-type]
    return f"scoring rules (claimcompare.align): {backend_description(encoder)}", f"min_score {score:g}, one-to-many ratio {DEFAULT_RATIO:g}"

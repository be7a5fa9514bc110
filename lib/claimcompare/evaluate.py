"""Score an alignment against hand-made gold data.

Gold files (``tests/gold/alignment-*.csv``, guidelines beside them) list
sentence pairs by character spans, independent of any segmenter:
``doc_a, start_a, end_a, doc_b, start_b, end_b, label, text_a, text_b, note``
with ``label`` in ``{"match", "related"}``.

Scoring follows the sure/possible convention of word-alignment evaluation
(Och and Ney 2003, section 5): ``match`` rows are *sure* links, ``related``
rows *possible* ones.  With predicted links ``A``, sure ``S`` and possible
``P`` (``S`` is a subset of ``P``)::

    precision = |A ∩ P| / |A|        recall = |A ∩ S| / |S|
    F1 = 2 · precision · recall / (precision + recall)

so predicting a merely related pair is not penalised and not required.  The
*strict* variant counts only sure links as right
(``strict_precision = |A ∩ S| / |A|``, ``strict_f1`` from it and recall).  Only
predicted links between the gold's documents count.  Gold spans are mapped to
the segmenter's sentences by character overlap (each gold span to every body
sentence that overlaps at least half of it or of which it covers half).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from .align import body_sentences, candidate_pairs
from .errors import CorpusError

__all__ = [
    "BENCHMARK_COLUMNS",
    "CV_GRID",
    "GOLD_COLUMNS",
    "baseline_alignment",
    "benchmark_events",
    "canonical_link",
    "cross_validate",
    "document_pair_key",
    "evaluate_benchmark",
    "gold_links",
    "link_metrics",
    "load_gold",
    "pooled_scores",
    "score_alignment",
    "score_links",
    "threshold_sweep",
]

GOLD_COLUMNS: tuple[str, ...] = (
    "doc_a",
    "start_a",
    "end_a",
    "doc_b",
    "start_b",
    "end_b",
    "label",
    "text_a",
    "text_b",
    "note",
)


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold alignment CSV (columns :data:`GOLD_COLUMNS`)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "gold file not found", "give the path of a gold alignment CSV")
    gold = pd.read_csv(path, dtype={"doc_a": str, "doc_b": str, "label": str}, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS[:7] if c not in gold.columns]
    if missing:
        raise CorpusError(path, f"lacks columns {', '.join(missing)}", "see tests/gold/GUIDELINES.md")
    bad = sorted(set(gold["label"]) - {"match", "related"})
    if bad:
        raise CorpusError(path, f"has unknown labels {', '.join(bad)}", "use 'match' or 'related'")
    return gold


def _span_to_sentences(sentences: pd.DataFrame, doc: str, start: int, end: int) -> list[int]:
    s = body_sentences(sentences[sentences["doc_id"] == doc])
    overlap = np.minimum(s["end"], end) - np.maximum(s["start"], start)
    length = (s["end"] - s["start"]).clip(lower=1)
    keep = (overlap > 0) & ((overlap >= 0.5 * (end - start)) | (overlap >= 0.5 * length))
    return sorted(s.loc[keep, "sent_id"].astype(int))


def gold_links(gold: pd.DataFrame, sentences: pd.DataFrame) -> tuple[set, set]:
    """The gold's links between sentences: ``(sure, possible)`` sets of :func:`canonical_link` tuples.

    Each gold row's spans map to the body sentences of ``sentences`` that
    overlap at least half of the span or half of the sentence; a ``match``
    row gives sure links, every row possible ones (``sure`` is a subset of
    ``possible``).
    """
    sure: set[tuple[str, int, str, int]] = set()
    possible: set[tuple[str, int, str, int]] = set()
    for g in gold.itertuples(index=False):
        for ia in _span_to_sentences(sentences, g.doc_a, int(g.start_a), int(g.end_a)):
            for ib in _span_to_sentences(sentences, g.doc_b, int(g.start_b), int(g.end_b)):
                link = canonical_link(g.doc_a, ia, g.doc_b, ib)
                possible.add(link)
                if g.label == "match":
                    sure.add(link)
    return sure, possible


def canonical_link(da: str, ia: int, db: str, ib: int) -> tuple[str, int, str, int]:
    """A link as ``(doc, sent_id, doc, sent_id)`` with the smaller ``(doc, sent_id)`` first, so a link and its reverse are one."""
    return (da, ia, db, ib) if (da, ia) <= (db, ib) else (db, ib, da, ia)


def score_alignment(alignment: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Precision, recall and F1 of ``alignment`` against ``gold`` (see module docstring).

    Returns a dict with ``precision``, ``recall``, ``f1`` (floats in [0, 1]),
    ``predicted`` (links between gold documents), ``correct`` (predicted and
    possible), ``found`` (predicted and sure) and ``sure`` (gold matches).
    """
    sure, possible = gold_links(gold, sentences)
    docs = set(gold["doc_a"]) | set(gold["doc_b"])
    return score_links(alignment, docs, sure, possible)


def score_links(alignment: pd.DataFrame, docs: set[str], sure: set, possible: set) -> dict[str, float]:
    """:func:`link_metrics` of ``alignment``'s links between documents of ``docs`` against gold link sets.

    ``sure`` and ``possible`` as :func:`gold_links` returns them; a threshold
    sweep maps the gold once and scores each alignment with this.
    """
    pred = {
        canonical_link(da, int(ia), db, int(ib))
        for da, ia, db, ib in zip(alignment["doc_a"], alignment["sent_a"], alignment["doc_b"], alignment["sent_b"])
        if da in docs and db in docs
    }
    return link_metrics(len(pred), len(pred & possible), len(pred & sure), len(sure))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def link_metrics(predicted: int, correct: int, found: int, sure: int) -> dict[str, float]:
    """Scores from link counts (module docstring); ``strict_*`` count only sure links as right.

    ``predicted`` links, of which ``correct`` are possible and ``found`` are
    sure, against ``sure`` gold links.  Returns ``precision``, ``recall``,
    ``f1``, ``strict_precision``, ``strict_f1`` (in [0, 1]; 0 when undefined)
    and the four counts.
    """
    p = correct / predicted if predicted else 0.0
    r = found / sure if sure else 0.0
    sp_ = found / predicted if predicted else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": _f1(p, r),
        "strict_precision": sp_,
        "strict_f1": _f1(sp_, r),
        "predicted": predicted,
        "correct": correct,
        "found": found,
        "sure": sure,
    }


def baseline_alignment(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    threshold: float = 0.3,
) -> pd.DataFrame:
    """The plain baseline: raw TF-IDF word cosine with one global threshold.

    scikit-learn's default ``TfidfVectorizer`` (word unigrams, no stemming, no
    stop-word removal) fitted on the corpus's body sentences; every pair of
    body sentences of two compared documents with cosine ``>= threshold`` is a
    link.  Returns the columns ``doc_a, sent_a, doc_b, sent_b, score``.
    """
    body = body_sentences(sentences)
    vec = TfidfVectorizer().fit(body["text"])
    pairs = candidate_pairs(sentences, documents)
    rows = []
    groups = {d: g for d, g in body.groupby("doc_id")}
    for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False):
        a, b = groups[da], groups[db]
        s = (vec.transform(a["text"]) @ vec.transform(b["text"]).T).toarray()
        for i, j in zip(*np.nonzero(s >= threshold)):
            rows.append((da, int(a["sent_id"].iloc[i]), db, int(b["sent_id"].iloc[j]), float(s[i, j])))
    return pd.DataFrame(rows, columns=["doc_a", "sent_a", "doc_b", "sent_b", "score"])


def threshold_sweep(
    sentences: pd.DataFrame,
    gold: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    thresholds: np.ndarray | None = None,
) -> pd.DataFrame:
    """Baseline P/R/F1 at each threshold (default 0.05 to 0.95 by 0.05)."""
    thresholds = np.round(np.arange(0.05, 0.951, 0.05), 2) if thresholds is None else thresholds
    low = baseline_alignment(sentences, documents, threshold=float(min(thresholds)))
    sure, possible = gold_links(gold, sentences)
    docs = set(gold["doc_a"]) | set(gold["doc_b"])
    rows = []
    for t in thresholds:
        m = score_links(low[low["score"] >= t], docs, sure, possible)
        rows.append({"threshold": float(t), **m})
    return pd.DataFrame(rows)


#: Knob grid searched by :func:`cross_validate` (keyword arguments of align_corpus).
CV_GRID: dict[str, tuple[float, ...]] = {
    "min_score": (0.1, 0.125, 0.15, 0.175, 0.2, 0.25),
    "ratio": (0.6, 0.75, 0.9, 1.0),
    "containment_weight": (0.0, 0.25, 0.5, 0.75),
}


def document_pair_key(df: pd.DataFrame) -> pd.Series:
    """``"doc|doc"`` per row of a table with ``doc_a, doc_b``, the smaller id first: the key of a document pair."""
    a, b = df["doc_a"].astype(str), df["doc_b"].astype(str)
    return a.where(a < b, b) + "|" + b.where(a < b, a)


def cross_validate(
    sentences: pd.DataFrame,
    gold: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    grid: dict[str, tuple[float, ...]] | None = None,
    semantic: object = "auto",
) -> tuple[dict[str, float], pd.DataFrame]:
    """Leave-one-document-pair-out estimate of the aligner's quality.

    For each document pair of the gold, the knobs in ``grid`` (default
    :data:`CV_GRID`) are chosen by F1 on the *other* pairs' gold (ties go to
    the first setting in grid order), and the alignment of the held-out pair
    with those knobs is scored.  The held-out links of all folds are pooled
    and scored once (micro-average).  ``semantic``: the scoring backend, as
    in :func:`claimcompare.align.align_pair` (resolved once).

    Returns ``(scores, folds)``: ``scores`` as :func:`score_alignment`;
    ``folds`` one row per held-out pair with the chosen knobs and its F1.
    """
    from itertools import product

    from .align import align_corpus
    from .embeddings import resolve_encoder

    grid = CV_GRID if grid is None else grid
    keys = sorted(grid)
    settings = [dict(zip(keys, values)) for values in product(*(grid[k] for k in keys))]
    gold = gold.assign(_pair=document_pair_key(gold))
    runs = []
    encoder = resolve_encoder(semantic)
    for knobs in settings:
        a = align_corpus(sentences, documents, semantic=encoder, **knobs)
        runs.append(a.assign(_pair=document_pair_key(a)) if len(a) else a.assign(_pair=pd.Series(dtype=str)))
    pairs = sorted(gold["_pair"].unique())
    docs = set(gold["doc_a"]) | set(gold["doc_b"])
    held_out, folds = [], []
    for pair in pairs:
        train = gold_links(gold[gold["_pair"] != pair], sentences)
        test_gold = gold_links(gold[gold["_pair"] == pair], sentences)
        best_f1, best_k = -1.0, 0
        for k, a in enumerate(runs):
            f1 = score_links(a[a["_pair"] != pair], docs, *train)["f1"]
            if f1 > best_f1 + 1e-12:
                best_f1, best_k = f1, k
        test = runs[best_k][runs[best_k]["_pair"] == pair]
        held_out.append(test)
        fold_f1 = score_links(test, docs, *test_gold)["f1"]
        folds.append({"held_out": pair, **settings[best_k], "train_f1": round(best_f1, 3), "test_f1": round(fold_f1, 3)})
    pooled = pd.concat(held_out, ignore_index=True)
    return score_alignment(pooled, sentences, gold), pd.DataFrame(folds)


# --- Benchmarks of many events ------------------------------------------------------------

#: Columns of :func:`evaluate_benchmark`'s table.
BENCHMARK_COLUMNS: tuple[str, ...] = (
    "event",
    "split",
    "method",
    "documents",
    "precision",
    "recall",
    "f1",
    "strict_precision",
    "strict_f1",
    "predicted",
    "correct",
    "found",
    "sure",
)


def benchmark_events(folder: str | Path) -> pd.DataFrame:
    """The event folders of a benchmark, with their split.

    ``folder`` is either one corpus folder holding ``gold.csv`` (one event
    folder), or a benchmark folder whose ``events/`` (or the folder itself)
    holds event folders, each a corpus folder (articles and ``sources.csv``)
    with a ``gold.csv``.  An optional ``split.csv`` beside ``events/``
    (columns ``event, split``) says which events are ``train`` and which
    ``test``; events it does not list get the split ``""``.

    Returns columns ``event`` (folder name), ``path``, ``split``, sorted by
    ``event``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder", "give a folder with gold.csv, or a benchmark folder with events/")
    if (folder / "gold.csv").is_file():
        paths = [folder]
        root = folder.parent
    else:
        root = folder
        base = folder / "events" if (folder / "events").is_dir() else folder
        paths = sorted(p for p in base.iterdir() if p.is_dir() and (p / "gold.csv").is_file())
    if not paths:
        raise CorpusError(folder, "has no gold.csv and no event folders with one", "see tests/gold/GUIDELINES.md")
    split: dict[str, str] = {}
    if (root / "split.csv").is_file():
        sp_table = pd.read_csv(root / "split.csv", dtype=str, keep_default_na=False)
        if not {"event", "split"} <= set(sp_table.columns):
            raise CorpusError(root / "split.csv", "lacks the columns event, split", "write one row per event: event,split")
        split = dict(zip(sp_table["event"], sp_table["split"]))
    rows = [{"event": p.name, "path": str(p), "split": split.get(p.name, "")} for p in paths]
    return pd.DataFrame(rows, columns=["event", "path", "split"]).sort_values("event", kind="stable").reset_index(drop=True)


def evaluate_benchmark(
    folder: str | Path,
    *,
    methods: dict[str, Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]] | None = None,
    split: str | None = None,
    pattern: str = "*.txt",
) -> pd.DataFrame:
    """Score alignment methods on every event of a benchmark (:func:`benchmark_events`).

    Each event folder is read as its own corpus (as a user would give it:
    IDF and candidate pairs from that folder alone) and scored against its
    ``gold.csv`` with sure/possible scoring and its strict variant
    (:func:`score_alignment`).  ``methods`` maps a name to a function
    ``(sentences, documents) -> alignment``; default: ``"claimcompare"``
    (:func:`claimcompare.align.align_corpus` with its defaults, backend from
    ``CLAIMCOMPARE_SEMANTIC``/``"auto"``) and ``"baseline"``
    (:func:`baseline_alignment` at 0.30).  ``split``: only events of that
    split.

    Returns one row per event and method, columns :data:`BENCHMARK_COLUMNS`,
    sorted by method (in the order given) then event.  Pool them with
    :func:`pooled_scores`.
    """
    from .align import align_corpus
    from .corpus import load_corpus, sentences_table

    if methods is None:
        methods = {
            "claimcompare": lambda s, d: align_corpus(s, d),
            "baseline": lambda s, d: baseline_alignment(s, d),
        }
    events = benchmark_events(folder)
    if split is not None:
        events = events[events["split"] == split]
    rows = []
    for ev in events.itertuples(index=False):
        corpus = load_corpus(ev.path, pattern=pattern)
        gold = load_gold(Path(ev.path) / "gold.csv")
        missing = sorted((set(gold["doc_a"]) | set(gold["doc_b"])) - set(corpus.documents["doc_id"]))
        if missing:
            raise CorpusError(Path(ev.path) / "gold.csv", f"names documents not in the folder: {', '.join(missing)}", "check its doc ids against sources.csv")
        sentences = sentences_table(corpus)
        sure, possible = gold_links(gold, sentences)
        docs = set(gold["doc_a"]) | set(gold["doc_b"])
        for k, (name, method) in enumerate(methods.items()):
            m = score_links(method(sentences, corpus.documents), docs, sure, possible)
            rows.append({"event": ev.event, "split": ev.split, "method": name, "documents": len(docs), "_order": k, **m})
    out = pd.DataFrame(rows, columns=[*BENCHMARK_COLUMNS, "_order"])
    out = out.sort_values(["_order", "event"], kind="stable").drop(columns="_order").reset_index(drop=True)
    return out


def pooled_scores(table: pd.DataFrame, *, by: tuple[str, ...] = ("method",)) -> pd.DataFrame:
    """Micro-averaged scores of :func:`evaluate_benchmark` rows: link counts summed, then scored.

    Returns one row per group of ``by`` (in order of first appearance), columns
    ``by`` + ``events`` + the score columns of :data:`BENCHMARK_COLUMNS`.
    """
    rows = []
    for key, g in table.groupby(list(by), sort=False):
        key = key if isinstance(key, tuple) else (key,)
        c = {k: int(g[k].sum()) for k in ("predicted", "correct", "found", "sure")}
        rows.append({**dict(zip(by, key)), "events": len(g), "documents": int(g["documents"].sum()),
                     **link_metrics(c["predicted"], c["correct"], c["found"], c["sure"])})  # fmt: skip
    cols = [*by, "events", *BENCHMARK_COLUMNS[3:]]
    return pd.DataFrame(rows, columns=cols)

"""Fit the aligner's link model on the training events and the seed gold; write its JSON.

    python benchmarks/train_aligner.py [--out lib/claimcompare/data/aligner-model.json]

Training data: every pair of body sentences of every compared document pair
(:meth:`claimcompare.aligner.Aligner.pairs`) in the *training* events of
``benchmarks/realnews`` (``split.csv``) and in the seeds; label 1 for a sure
gold link (``match``), 0 for no gold link; ``related`` pairs (possible links)
are left out of the fit, since the scoring neither requires nor penalises
them.  Features: :data:`claimcompare.aligner.FEATURES`, all of them or all
but the three that compare a pair with its competitors in the same rows and
columns (``row_gap``, ``col_gap``, ``mutual``; without them competition is
left to the link rule, which lets a summary sentence link to each of the
sentences it summarises).  Model: scikit-learn's ``LogisticRegression`` on
standardised features; the feature set, ``C``, the one-to-many ratio of the
link rule and the probability threshold are chosen together by
leave-one-event-out cross-validation (pooled F-beta of the held-out events,
sure/possible scoring), then the model is refitted on all
training events.  Test events are never read.

Calibration: a strongly regularised logistic model's probabilities are
shrunk toward the base rate, so after the selection the held-out scores of
the chosen design (all folds) are calibrated with Platt's method (a
one-feature logistic regression of the sure label on the held-out log-odds;
Platt 1999, as scikit-learn's ``CalibratedClassifierCV(cv=...,
ensemble=False)`` does).  The shipped model keeps that ``calibration``
(slope, offset) beside its coefficients and its threshold as a calibrated
probability; the link rule's one-to-many ratio stays on the uncalibrated
scale it was chosen on, so the links are those of the selection.  The script
prints the held-out reliability table (mean probability against the
observed share of sure links, per bin) before and after calibration.

Selection criterion (``--criterion``, default ``f0.5``): the pooled held-out
F-beta with beta = 0.5, which weighs precision twice as much as recall, since
a wrong link is quoted as agreement while a missed one is only not shown, and
the targets put precision first (0.95); ``f1`` selects by F1 as before.

Prints the cross-validated figures per event and pooled, and writes the model
(coefficients, means, scales, threshold, provenance) as JSON: no pickle.

``--compare`` writes nothing: it prints the same leave-one-event-out
selection for other designs on the same folds: gradient-boosted trees
(scikit-learn's ``HistGradientBoostingClassifier``) on the same features, and
the logistic model with one more feature, the cosine of the two sentences'
MiniLM embeddings (only where the ``embeddings`` extra and its model package
are installed).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("CLAIMCOMPARE_SEMANTIC", "off")

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from claimcompare import load_corpus, load_gold, sentences_table
from claimcompare.aligner import FEATURES, Aligner, LinkModel
from claimcompare.evaluate import canonical_link, gold_links, link_metrics, score_links, benchmark_events

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "realnews"
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "gold" / "alignment-2021-07-27.csv"
RULE = os.environ.get("CC_RULE", "best-match")
C_GRID = (0.001, 0.003, 0.01, 0.1, 1.0, 10.0)
FREE_GRID = (None, 0.5, 0.6, 0.7, 0.8, 0.9)
T_GRID = tuple(np.round(np.arange(0.1, 0.901, 0.05), 2))
#: One-to-many ratios of the best-match rule (Aligner(ratio=...)), chosen with the rest.
RATIO_GRID = (0.9, 0.7, 0.5, 0.3)
#: Feature sets: all features, or without the three that compare a pair with its competitors
#: (row_gap, col_gap, mutual), leaving competition to the link rule alone.
COMPETITION = ("row_gap", "col_gap", "mutual")
FEATURE_SETS = {
    "all": FEATURES,
    "no-competition": tuple(f for f in FEATURES if f not in COMPETITION),
}
#: Column names of the feature arrays: FEATURES, then the MiniLM cosine where --compare adds it.
COLUMNS = (*FEATURES, "embedding_cosine")


def columns(feature_set: str) -> list[int]:
    """Column indices of a feature set in the feature arrays."""
    return [COLUMNS.index(f) for f in FEATURE_SETS[feature_set]]
DUMMY = LinkModel(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.zeros(len(FEATURES)), 0.0, 0.5, {})


def training_sets() -> list[tuple[str, Path, Path]]:
    """(name, corpus folder, gold file) of every training corpus: training events, then the seeds."""
    ev = benchmark_events(BENCH)
    out = [(r.event, Path(r.path), Path(r.path) / "gold.csv") for r in ev.itertuples() if r.split == "train"]
    return out + [("seeds-2021-07-27", SEEDS, SEED_GOLD)]


def event_data(name: str, folder: Path, gold_path: Path) -> dict:
    corpus = load_corpus(folder)
    sentences = sentences_table(corpus)
    gold = load_gold(gold_path)
    aligner = Aligner(model=DUMMY, rule=RULE).fit(sentences, corpus.documents)
    sure, possible = gold_links(gold, sentences)
    blocks = {}
    for da, db in aligner.pairs()[["doc_a", "doc_b"]].itertuples(index=False):
        if da not in aligner.docs_ or db not in aligner.docs_:
            continue
        x = aligner.features(da, db)
        ra, rb = aligner.docs_[da].rows["sent_id"].to_numpy(), aligner.docs_[db].rows["sent_id"].to_numpy()
        y = np.zeros(x.shape[:2])
        use = np.ones(x.shape[:2], dtype=bool)
        for i, sa in enumerate(ra):
            for j, sb in enumerate(rb):
                link = canonical_link(da, int(sa), db, int(sb))
                if link in sure:
                    y[i, j] = 1
                elif link in possible:
                    use[i, j] = False
        blocks[(da, db)] = (x, y, use, None)
    docs = set(gold["doc_a"]) | set(gold["doc_b"])
    return {"name": name, "aligner": aligner, "blocks": blocks, "sure": sure, "possible": possible, "docs": docs}


def stack(events: list[dict], cols: list[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for e in events:
        for x, y, use, _ in e["blocks"].values():
            xs.append(x[use] if cols is None else x[use][:, cols])
            ys.append(y[use])
    return np.concatenate(xs), np.concatenate(ys)


def fit(events: list[dict], c: float, design: str = "logistic", cols: list[int] | None = None) -> tuple[object, np.ndarray, np.ndarray]:
    x, y = stack(events, cols)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    if design == "trees":
        from sklearn.ensemble import HistGradientBoostingClassifier

        model = HistGradientBoostingClassifier(max_iter=int(c), max_depth=3, l2_regularization=1.0, random_state=0)
        return model.fit((x - mean) / scale, y), mean, scale
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return lr, mean, scale


def f_beta(m: dict, beta: float) -> float:
    """F-beta of a pooled result: (1 + b^2) P R / (b^2 P + R); beta < 1 favours precision."""
    p, r = m["precision"], m["recall"]
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def add_embedding_cosine(events: list[dict]) -> bool:
    """Append the MiniLM cosine of each sentence pair as a last feature; False when the extra is missing."""
    from claimcompare.embeddings import resolve_encoder

    try:
        encoder = resolve_encoder("on", cache_dir=None)
    except (ImportError, FileNotFoundError, OSError):  # MissingExtraError is an ImportError
        return False
    for e in events:
        docs = e["aligner"].docs_
        emb = {d: encoder.encode(list(doc.rows["text"])) for d, doc in docs.items()}
        for (da, db), (x, y, use, other) in list(e["blocks"].items()):
            cos = np.clip(emb[da] @ emb[db].T, 0.0, 1.0)
            e["blocks"][(da, db)] = (np.concatenate([x, cos[:, :, None]], axis=2), y, use, other)
    return True


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def used_pairs(events: list[dict], scores: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """The probabilities ``scores`` (one dict per event) and the labels of the pairs used in the fit (possible links left out)."""
    p = np.concatenate([s[k][e["blocks"][k][2]] for e, s in zip(events, scores) for k in s])
    y = np.concatenate([e["blocks"][k][1][e["blocks"][k][2]] for e, s in zip(events, scores) for k in s])
    return p, y


def platt(events: list[dict], scores: list[dict]) -> tuple[float, float]:
    """Platt's ``(slope, offset)`` from the held-out probabilities ``scores`` and the labels of the used pairs."""
    p, y = used_pairs(events, scores)
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(p)[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def apply_platt(p: np.ndarray, cal: tuple[float, float]) -> np.ndarray:
    """Probabilities ``p`` after Platt's calibration ``cal`` = (slope, offset) of their log-odds."""
    return 1.0 / (1.0 + np.exp(-(cal[0] * _logit(p) + cal[1])))


def calibrated(scores: list[dict], cal: tuple[float, float]) -> list[dict]:
    """The held-out probabilities after Platt's calibration ``cal``."""
    return [{k: apply_platt(p, cal) for k, p in s.items()} for s in scores]


def reliability(events: list[dict], scores: list[dict], bins: tuple[float, ...] = (0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0001)) -> list[tuple]:
    """``(low, high, pairs, mean probability, share of sure links)`` per probability bin, over the used pairs."""
    p, y = used_pairs(events, scores)
    out = []
    for lo, hi in zip(bins[:-1], bins[1:]):
        m = (p >= lo) & (p < hi)
        if m.any():
            out.append((lo, min(hi, 1.0), int(m.sum()), float(p[m].mean()), float(y[m].mean())))
    return out


def select(events: list[dict], grid: tuple, design: str, beta: float, feature_sets: tuple[str, ...] = tuple(FEATURE_SETS)) -> tuple:
    """Leave-one-event-out: the feature set, C, ratio, threshold and free threshold of the best pooled held-out F-beta.

    Returns ``(best, held)``: ``best`` a dict with ``key`` (F-beta, then
    closeness of the threshold to 0.5), ``features``, ``C``, ``ratio``,
    ``threshold``, ``free`` and the pooled metrics ``m``; ``held`` the
    held-out probabilities per ``(feature set, C)``.
    """
    held: dict[tuple[str, float], list[dict]] = {}
    for fs in feature_sets:
        cols = columns(fs)
        for c in grid:
            held[fs, c] = []
            for k, e in enumerate(events):
                model, mean, scale = fit(events[:k] + events[k + 1 :], c, design, cols)
                held[fs, c].append(event_scores(e, model, mean, scale, cols))
    best = None
    for (fs, c), scores in held.items():
        for ratio in RATIO_GRID if RULE == "best-match" else (0.9,):
            for t in T_GRID:
                for free in FREE_GRID if RULE == "best-match" else (None,):
                    if free is not None and free <= t:
                        continue
                    m = pooled([counts(e, s, t, free, ratio) for e, s in zip(events, scores)])
                    key = (round(f_beta(m, beta), 6), -abs(t - 0.5))
                    if best is None or key > best["key"]:
                        best = {"key": key, "features": fs, "C": c, "ratio": ratio, "threshold": t, "free": free, "m": m}
    return best, held


def event_scores(e: dict, lr: LogisticRegression, mean: np.ndarray, scale: np.ndarray, cols: list[int] | None = None) -> dict:
    out = {}
    for key, (x, _, _, other) in e["blocks"].items():
        if cols is not None:
            x = x[:, :, cols]
        n, m, k = x.shape
        p = lr.predict_proba((x.reshape(n * m, k) - mean) / scale)[:, 1] if n and m else np.zeros(0)
        out[key] = p.reshape(n, m)
    return out


def counts(e: dict, scores: dict, t: float, free: float | None = None, ratio: float = 0.9) -> dict:
    e["aligner"].free_threshold = free
    e["aligner"].ratio = ratio
    table = e["aligner"].align(scores=scores, threshold=t)
    return score_links(table, e["docs"], e["sure"], e["possible"])


def pooled(results: list[dict]) -> dict:
    c = {k: sum(r[k] for r in results) for k in ("predicted", "correct", "found", "sure")}
    return link_metrics(c["predicted"], c["correct"], c["found"], c["sure"])


def compare(events: list[dict], beta: float) -> int:
    """Print the held-out selection of each design on the same folds."""
    print(f"design comparison, leave-one-event-out, selected by F{beta:g} (pooled held out)")
    print(f"{'design':<40} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>8}  chosen")

    def show(name: str, b: dict) -> None:
        m = b["m"]
        print(f"{name:<40} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['strict_f1']:8.3f}  "
              f"features={b['features']} C/iter={b['C']} ratio={b['ratio']} t={b['threshold']} free={b['free']}")  # fmt: skip

    for fs in FEATURE_SETS:
        show(f"logistic, {fs}", select(events, C_GRID, "logistic", beta, (fs,))[0])
    show("gradient-boosted trees", select(events, (50, 100, 200), "trees", beta)[0])
    if add_embedding_cosine(events):
        for fs in list(FEATURE_SETS):
            FEATURE_SETS[f"{fs} + MiniLM cosine"] = (*FEATURE_SETS[fs], "embedding_cosine")
            show(f"logistic, {fs} + MiniLM cosine", select(events, C_GRID, "logistic", beta, (f"{fs} + MiniLM cosine",))[0])
    else:
        print("logistic + MiniLM cosine: not run (install the embeddings extra and its model package)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "lib" / "claimcompare" / "data" / "aligner-model.json"))
    ap.add_argument("--criterion", choices=("f0.5", "f1"), default="f0.5", help="held-out selection criterion (default f0.5)")
    ap.add_argument("--compare", action="store_true", help="print other designs' held-out figures; write nothing")
    args = ap.parse_args(argv)
    beta = 0.5 if args.criterion == "f0.5" else 1.0
    events = [event_data(*t) for t in training_sets()]
    print(f"training corpora: {', '.join(e['name'] for e in events)}")
    if args.compare:
        return compare(events, beta)
    best, held = select(events, C_GRID, "logistic", beta)
    fs, c, ratio, t, free = best["features"], best["C"], best["ratio"], best["threshold"], best["free"]
    print(f"chosen by leave-one-event-out {args.criterion.upper()}: features={fs}, C={c}, ratio={ratio}, threshold={t}, free threshold={free}")
    print(f"{'held-out event':<44} {'P':>6} {'R':>6} {'F1':>6} {'strictP':>7} {'strictF1':>8} {'links':>6} {'sure':>5}")
    rows = []
    for e, s in zip(events, held[fs, c]):
        r = counts(e, s, t, free, ratio)
        rows.append(r)
        print(f"{e['name']:<44} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['strict_precision']:7.3f} {r['strict_f1']:8.3f} {r['predicted']:6d} {r['sure']:5d}")
    p = pooled(rows)
    cal = platt(events, held[fs, c])
    t_cal = float(apply_platt(np.array(t), cal))
    print(f"{'pooled (held out)':<44} {p['precision']:6.3f} {p['recall']:6.3f} {p['f1']:6.3f} {p['strict_precision']:7.3f} {p['strict_f1']:8.3f} {p['predicted']:6d} {p['sure']:5d}")
    lr, mean, scale = fit(events, c, cols=columns(fs))
    model = LinkModel(
        features=FEATURE_SETS[fs], mean=mean, scale=scale, coef=lr.coef_[0], intercept=float(lr.intercept_[0]), threshold=t_cal,
        calibration=cal,
        info={
            "written_by": "benchmarks/train_aligner.py",
            "training_corpora": [e["name"] for e in events],
            "C": c,
            "feature_set": fs,
            "ratio": ratio,
            "threshold_uncalibrated": float(t),
            "rule": RULE,
            "free_threshold": free,
            "criterion": args.criterion,
            "cv_pooled": {k: round(float(v), 4) for k, v in p.items()},
            "label": "1 = sure gold link (match), 0 = no gold link; related pairs left out",
        },
    )
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}")
    print(f"calibration (Platt, on the held-out log-odds): slope {cal[0]:.4f}, offset {cal[1]:.4f}; threshold {t} -> {t_cal:.4f} calibrated")
    for name, scores in (("uncalibrated", held[fs, c]), ("calibrated", calibrated(held[fs, c], cal))):
        print(f"held-out reliability ({name}): probability bin, pairs, mean probability, share that are sure links")
        for lo, hi, n, mp, share in reliability(events, scores):
            print(f"  [{lo:.1f}, {hi:.1f})  {n:6d}  {mp:.3f}  {share:.3f}")
    for f, w in sorted(zip(FEATURE_SETS[fs], lr.coef_[0]), key=lambda z: -abs(z[1])):
        print(f"  {f:<16} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fit the aligner's link model on the training events and the seed gold; write its JSON.

    python benchmarks/train_aligner.py [--out lib/claimcompare/data/aligner-model.json]

Training data: every pair of body sentences of every compared document pair
(:meth:`claimcompare.aligner.Aligner.pairs`) in the *training* events of
``benchmarks/realnews`` (``split.csv``) and in the seeds; label 1 for a sure
gold link (``match``), 0 for no gold link; ``related`` pairs (possible links)
are left out of the fit, since the scoring neither requires nor penalises
them.  Features: :data:`claimcompare.aligner.FEATURES`.  Model: scikit-learn's
``LogisticRegression`` on standardised features; ``C`` and the probability
threshold are chosen by leave-one-event-out cross-validation (pooled F1 of the
held-out events, sure/possible scoring), then the model is refitted on all
training events.  Test events are never read.

Prints the cross-validated figures per event and pooled, and writes the model
(coefficients, means, scales, threshold, provenance) as JSON: no pickle.
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
C_GRID = (0.01, 0.1, 1.0, 10.0)
FREE_GRID = (None, 0.5, 0.6, 0.7, 0.8, 0.9)
T_GRID = tuple(np.round(np.arange(0.2, 0.901, 0.05), 2))
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


def stack(events: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for e in events:
        for x, y, use, _ in e["blocks"].values():
            xs.append(x[use])
            ys.append(y[use])
    return np.concatenate(xs), np.concatenate(ys)


def fit(events: list[dict], c: float) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    x, y = stack(events)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return lr, mean, scale


def event_scores(e: dict, lr: LogisticRegression, mean: np.ndarray, scale: np.ndarray) -> dict:
    out = {}
    for key, (x, _, _, other) in e["blocks"].items():
        n, m, k = x.shape
        p = lr.predict_proba((x.reshape(n * m, k) - mean) / scale)[:, 1] if n and m else np.zeros(0)
        out[key] = p.reshape(n, m)
    return out


def counts(e: dict, scores: dict, t: float, free: float | None = None) -> dict:
    e["aligner"].free_threshold = free
    table = e["aligner"].align(scores=scores, threshold=t)
    return score_links(table, e["docs"], e["sure"], e["possible"])


def pooled(results: list[dict]) -> dict:
    c = {k: sum(r[k] for r in results) for k in ("predicted", "correct", "found", "sure")}
    return link_metrics(c["predicted"], c["correct"], c["found"], c["sure"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "lib" / "claimcompare" / "data" / "aligner-model.json"))
    args = ap.parse_args(argv)
    events = [event_data(*t) for t in training_sets()]
    print(f"training corpora: {', '.join(e['name'] for e in events)}")
    # Leave-one-event-out: held-out probabilities for every (C, event).
    held: dict[float, list[dict]] = {}
    for c in C_GRID:
        held[c] = []
        for k, e in enumerate(events):
            lr, mean, scale = fit(events[:k] + events[k + 1 :], c)
            held[c].append(event_scores(e, lr, mean, scale))
    best = None
    for c in C_GRID:
        for t in T_GRID:
            for free in FREE_GRID if RULE == "best-match" else (None,):
                if free is not None and free <= t:
                    continue
                m = pooled([counts(e, s, t, free) for e, s in zip(events, held[c])])
                key = (round(m["f1"], 6), -abs(t - 0.5))
                if best is None or key > best[0]:
                    best = (key, c, t, free, m)
    _, c, t, free, m = best
    print(f"chosen by leave-one-event-out F1: C={c}, threshold={t}, free threshold={free}")
    print(f"{'held-out event':<44} {'P':>6} {'R':>6} {'F1':>6} {'strictP':>7} {'strictF1':>8} {'links':>6} {'sure':>5}")
    rows = []
    for e, s in zip(events, held[c]):
        r = counts(e, s, t, free)
        rows.append(r)
        print(f"{e['name']:<44} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['strict_precision']:7.3f} {r['strict_f1']:8.3f} {r['predicted']:6d} {r['sure']:5d}")
    p = pooled(rows)
    print(f"{'pooled (held out)':<44} {p['precision']:6.3f} {p['recall']:6.3f} {p['f1']:6.3f} {p['strict_precision']:7.3f} {p['strict_f1']:8.3f} {p['predicted']:6d} {p['sure']:5d}")
    lr, mean, scale = fit(events, c)
    model = LinkModel(
        features=FEATURES, mean=mean, scale=scale, coef=lr.coef_[0], intercept=float(lr.intercept_[0]), threshold=float(t),
        info={
            "written_by": "benchmarks/train_aligner.py",
            "training_corpora": [e["name"] for e in events],
            "C": c,
            "rule": RULE,
            "free_threshold": free,
            "cv_pooled": {k: round(float(v), 4) for k, v in p.items()},
            "label": "1 = sure gold link (match), 0 = no gold link; related pairs left out",
        },
    )
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}")
    for f, w in sorted(zip(FEATURES, lr.coef_[0]), key=lambda z: -abs(z[1])):
        print(f"  {f:<16} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

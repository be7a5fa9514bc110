"""Tests for claimcompare.evaluate: gold files, P/R/F1, the baseline and its sweep.

A tiny hand-made gold over two invented reports (Valdoria/Ostrenia) pins the
sure/possible arithmetic; the seed test pins the aligner's quality on the
hand-made gold of the real seeds (tests/gold/alignment-2021-07-27.csv).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from claimcompare import corpus_from_texts, load_corpus, sentences_table
from claimcompare.align import ALIGNMENT_COLUMNS, align_corpus
from claimcompare.errors import CorpusError
from claimcompare.evaluate import (
    GOLD_COLUMNS,
    baseline_alignment,
    canonical_link,
    document_pair_key,
    gold_links,
    link_metrics,
    load_gold,
    score_alignment,
    score_links,
    threshold_sweep,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold" / "alignment-2021-07-27.csv"

A_TEXT = (
    "Valdoria and Ostrenia agree on border\n"
    "\n"
    "OSTRA — Lind and Vey agreed to reopen three crossings. Lind said trade had doubled. "
    "Vey praised the ceasefire.\n"
)
B_TEXT = (
    "Border to reopen\n"
    "\n"
    "MERRIN — The ministers will reopen three crossings. Trade has doubled, Lind said. "
    "Snow closed roads in Valdoria.\n"
)
C_TEXT = "Farmers in Ostra welcomed the deal. They expect lower prices.\n"

A1, A2, A3 = "Lind and Vey agreed to reopen three crossings.", "Lind said trade had doubled.", "Vey praised the ceasefire."
B1, B2, B3 = "The ministers will reopen three crossings.", "Trade has doubled, Lind said.", "Snow closed roads in Valdoria."


@pytest.fixture(scope="module")
def tiny():
    corpus = corpus_from_texts({"a": A_TEXT, "b": B_TEXT, "c": C_TEXT})
    return corpus, sentences_table(corpus)


def sid(sentences: pd.DataFrame, doc: str, text: str) -> int:
    hit = sentences[(sentences["doc_id"] == doc) & (sentences["text"] == text)]
    assert len(hit) == 1, (doc, text)
    return int(hit.iloc[0]["sent_id"])


def span(doc_text: str, sentence: str, trim_end: int = 0) -> tuple[int, int]:
    start = doc_text.index(sentence)
    return start, start + len(sentence) - trim_end


def gold_row(da, ta, sa, db, tb, sb, label, trim=0):
    start_a, end_a = span(ta, sa, trim)
    start_b, end_b = span(tb, sb, trim)
    return {
        "doc_a": da,
        "start_a": start_a,
        "end_a": end_a,
        "doc_b": db,
        "start_b": start_b,
        "end_b": end_b,
        "label": label,
        "text_a": sa,
        "text_b": sb,
        "note": "",
    }


@pytest.fixture(scope="module")
def tiny_gold():
    # sure: A1-B1, A2-B2; possible only: A3-B3.  The A2-B2 spans leave out the
    # final character: gold spans map to sentences by overlap, not equality.
    return pd.DataFrame(
        [
            gold_row("a", A_TEXT, A1, "b", B_TEXT, B1, "match"),
            gold_row("a", A_TEXT, A2, "b", B_TEXT, B2, "match", trim=1),
            gold_row("a", A_TEXT, A3, "b", B_TEXT, B3, "related"),
        ],
        columns=list(GOLD_COLUMNS),
    )


def predicted(rows: list[tuple[str, int, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(da, ia, "", db, ib, "", 0.5, 0.5, 0.1, "mutual-best") for da, ia, db, ib in rows],
        columns=list(ALIGNMENT_COLUMNS),
    )


def test_tiny_fixture_sentences(tiny):
    _, s = tiny
    body = s[s["role"] == "body"]
    assert body.loc[body["doc_id"] == "a", "text"].tolist() == [A1, A2, A3]
    assert body.loc[body["doc_id"] == "b", "text"].tolist() == [B1, B2, B3]


def test_score_alignment_hand_computed(tiny, tiny_gold):
    _, s = tiny
    a1, a2, a3 = (sid(s, "a", t) for t in (A1, A2, A3))
    b1, b2, b3 = (sid(s, "b", t) for t in (B1, B2, B3))
    al = predicted(
        [
            ("a", a1, "b", b1),  # sure            -> correct, found
            ("b", b1, "a", a1),  # same link the other way round: counted once
            ("a", a3, "b", b3),  # possible only   -> correct, not found
            ("a", a2, "b", b3),  # wrong
            ("a", a1, "c", 0),  # c is not a gold document: ignored
        ]
    )
    m = score_alignment(al, s, tiny_gold)
    # A = {A1-B1, A3-B3, A2-B3}, S = {A1-B1, A2-B2}, P = S + {A3-B3}
    # precision = |A ∩ P| / |A| = 2 / 3
    # recall    = |A ∩ S| / |S| = 1 / 2
    # F1        = 2 * (2/3) * (1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7
    assert m["predicted"] == 3
    assert m["correct"] == 2
    assert m["found"] == 1
    assert m["sure"] == 2
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(1 / 2)
    assert m["f1"] == pytest.approx(4 / 7)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ([], (0.0, 0.0, 0.0)),  # nothing predicted
        ([("A1", "B1"), ("A2", "B2")], (1.0, 1.0, 1.0)),  # exactly the sure links
        ([("A1", "B1"), ("A2", "B2"), ("A3", "B3")], (1.0, 1.0, 1.0)),  # a possible link costs nothing
        ([("A3", "B3")], (1.0, 0.0, 0.0)),  # possible only: precise, recalls nothing
        ([("A1", "B2"), ("A2", "B1")], (0.0, 0.0, 0.0)),  # all wrong
        ([("A1", "B1"), ("A1", "B2")], (0.5, 0.5, 0.5)),  # 1 of 2 right, 1 of 2 found
    ],
    ids=["empty", "perfect", "perfect plus possible", "possible only", "all wrong", "half"],
)
def test_score_alignment_table(tiny, tiny_gold, links, expected):
    _, s = tiny
    ids = {name: sid(s, name[0].lower(), text) for name, text in zip(["A1", "A2", "A3", "B1", "B2", "B3"], [A1, A2, A3, B1, B2, B3])}
    al = predicted([("a", ids[x], "b", ids[y]) for x, y in links])
    m = score_alignment(al, s, tiny_gold)
    assert (m["precision"], m["recall"], m["f1"]) == pytest.approx(expected)
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= m[key] <= 1.0


def test_gold_span_over_two_sentences_gives_two_sure_links(tiny):
    _, s = tiny
    start, _ = span(B_TEXT, B1)
    _, end = span(B_TEXT, B2)
    ga, gb = span(A_TEXT, A1)
    gold = pd.DataFrame(
        [{"doc_a": "a", "start_a": ga, "end_a": gb, "doc_b": "b", "start_b": start, "end_b": end, "label": "match"}]
    )
    a1, b1, b2 = sid(s, "a", A1), sid(s, "b", B1), sid(s, "b", B2)
    m = score_alignment(predicted([("a", a1, "b", b1)]), s, gold)
    assert m["sure"] == 2
    assert m["found"] == 1
    assert m["recall"] == pytest.approx(0.5)
    m2 = score_alignment(predicted([("a", a1, "b", b1), ("a", a1, "b", b2)]), s, gold)
    assert m2["recall"] == pytest.approx(1.0) and m2["precision"] == pytest.approx(1.0)


def test_public_stages_of_scoring_give_score_alignment(tiny, tiny_gold):
    """A threshold sweep maps the gold once (gold_links) and scores each alignment (score_links)."""
    _, s = tiny
    a1, a3 = sid(s, "a", A1), sid(s, "a", A3)
    b1, b3 = sid(s, "b", B1), sid(s, "b", B3)
    al = predicted([("b", b1, "a", a1), ("a", a3, "b", b3)])
    sure, possible = gold_links(tiny_gold, s)
    assert sure <= possible and canonical_link("b", b1, "a", a1) in sure
    assert canonical_link("b", b1, "a", a1) == canonical_link("a", a1, "b", b1) == ("a", a1, "b", b1)
    assert score_links(al, {"a", "b"}, sure, possible) == score_alignment(al, s, tiny_gold)
    m = link_metrics(predicted=4, correct=3, found=2, sure=5)
    assert (m["precision"], m["recall"], m["strict_precision"]) == pytest.approx((3 / 4, 2 / 5, 2 / 4))
    assert document_pair_key(pd.DataFrame({"doc_a": ["b", "a"], "doc_b": ["a", "c"]})).tolist() == ["a|b", "a|c"]


def test_score_alignment_accepts_empty_alignment_table(tiny, tiny_gold):
    _, s = tiny
    empty = align_corpus(s.iloc[0:0])
    m = score_alignment(empty, s, tiny_gold)
    assert m["predicted"] == 0 and m["f1"] == 0.0 and m["sure"] == 2


# ---------------------------------------------------------------------------
# load_gold
# ---------------------------------------------------------------------------


def write_gold(path: Path, gold: pd.DataFrame) -> Path:
    gold.to_csv(path, index=False)
    return path


def test_load_gold_roundtrip(tmp_path, tiny_gold):
    path = write_gold(tmp_path / "gold.csv", tiny_gold)
    got = load_gold(path)
    assert list(got.columns) == list(GOLD_COLUMNS)
    assert got["label"].tolist() == ["match", "match", "related"]
    assert got["doc_a"].tolist() == ["a", "a", "a"]
    assert got["start_a"].tolist() == tiny_gold["start_a"].tolist()


def test_load_gold_text_columns_are_optional(tmp_path, tiny_gold):
    path = write_gold(tmp_path / "gold.csv", tiny_gold[list(GOLD_COLUMNS[:7])])
    assert len(load_gold(path)) == 3


@pytest.mark.parametrize("column", ["doc_a", "start_b", "end_a", "label"])
def test_load_gold_rejects_missing_columns(tmp_path, tiny_gold, column):
    path = write_gold(tmp_path / "gold-missing.csv", tiny_gold.drop(columns=[column]))
    with pytest.raises(CorpusError) as info:
        load_gold(path)
    assert "gold-missing.csv" in str(info.value)
    assert column in str(info.value)


@pytest.mark.parametrize("label", ["Match", "same", "unrelated", "possible"])
def test_load_gold_rejects_unknown_labels(tmp_path, tiny_gold, label):
    bad = tiny_gold.copy()
    bad.loc[1, "label"] = label
    path = write_gold(tmp_path / "gold-labels.csv", bad)
    with pytest.raises(CorpusError) as info:
        load_gold(path)
    assert "gold-labels.csv" in str(info.value)
    assert label in str(info.value)


def test_load_gold_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no-gold.csv"):
        load_gold(tmp_path / "no-gold.csv")


def test_seed_gold_file_loads():
    gold = load_gold(GOLD)
    assert set(gold["label"]) == {"match", "related"}
    assert (gold["label"] == "match").sum() == 7
    assert set(gold["doc_a"]) | set(gold["doc_b"]) == {"khovar-2021-07-27", "xinhua-2021-07-28", "chinadaily-2021-07-29"}


# ---------------------------------------------------------------------------
# baseline and threshold_sweep
# ---------------------------------------------------------------------------


def test_baseline_alignment_columns_and_threshold(tiny):
    _, s = tiny
    base = baseline_alignment(s, threshold=0.2)
    assert list(base.columns) == ["doc_a", "sent_a", "doc_b", "sent_b", "score"]
    assert (base["score"] >= 0.2).all()
    assert (base["doc_a"] < base["doc_b"]).all()
    low = baseline_alignment(s, threshold=0.05)
    assert len(low) >= len(base)


@pytest.mark.parametrize(
    "thresholds",
    [np.array([0.1, 0.3, 0.5]), np.array([0.25]), np.round(np.arange(0.1, 0.91, 0.2), 2)],
    ids=["three", "one", "range"],
)
def test_threshold_sweep_one_row_per_threshold(tiny, tiny_gold, thresholds):
    _, s = tiny
    sweep = threshold_sweep(s, tiny_gold, thresholds=thresholds)
    assert len(sweep) == len(thresholds)
    assert sweep["threshold"].tolist() == pytest.approx(list(thresholds))
    assert {"threshold", "precision", "recall", "f1", "predicted"} <= set(sweep.columns)
    # a higher threshold keeps a subset of the links
    assert sweep["predicted"].is_monotonic_decreasing
    assert sweep["recall"].is_monotonic_decreasing


def test_threshold_sweep_default_grid(tiny, tiny_gold):
    _, s = tiny
    sweep = threshold_sweep(s, tiny_gold)
    assert len(sweep) == 19
    assert sweep["threshold"].iloc[0] == pytest.approx(0.05)
    assert sweep["threshold"].iloc[-1] == pytest.approx(0.95)


# ---------------------------------------------------------------------------
# Seeds against the hand-made gold
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    return corpus, sentences_table(corpus), load_gold(GOLD)


@pytest.fixture(scope="module")
def seed_scores(seeds):
    corpus, s, gold = seeds
    return score_alignment(align_corpus(s, corpus.documents), s, gold)


def test_gold_spans_are_the_seed_texts(seeds):
    corpus, _, gold = seeds
    for g in gold.itertuples(index=False):
        assert corpus.texts[g.doc_a][g.start_a : g.end_a] == g.text_a
        assert corpus.texts[g.doc_b][g.start_b : g.end_b] == g.text_b


def test_every_gold_span_maps_to_a_body_sentence(seeds):
    _, s, gold = seeds
    body = s[s["role"] == "body"]
    for doc, start, end in list(zip(gold["doc_a"], gold["start_a"], gold["end_a"])) + list(
        zip(gold["doc_b"], gold["start_b"], gold["end_b"])
    ):
        rows = body[(body["doc_id"] == doc) & (body["start"] < end) & (body["end"] > start)]
        assert len(rows) >= 1, (doc, start, end)


def test_seed_alignment_quality_floor_of_the_default_learned_aligner(seeds):
    # The default aligner (claimcompare.aligner.DEFAULT_ALIGNER) on the seed gold, in sample (the seed
    # gold is one of its training corpora).  Measured: P 0.857, R 0.714, F1 0.779 (7 links, 5 of the
    # 7 sure links found); one sure link fewer found would give F1 0.714 and fail this test.
    from claimcompare.aligner import DEFAULT_ALIGNER, align_with

    corpus, s, gold = seeds
    m = score_alignment(align_with(DEFAULT_ALIGNER, s, corpus.documents), s, gold)
    assert DEFAULT_ALIGNER == "learned" and m["sure"] == 7
    assert m["f1"] >= 0.75, m
    assert m["precision"] >= 0.85, m


def test_seed_alignment_quality_floor(seed_scores):
    # The seeds' scoring rules (--aligner rules): pins the floor at the target of the foundation issue
    # (F1 >= 0.85 with the rules' defaults).  Measured: P 0.90, R 0.86, F1 0.878; one
    # link fewer found would give F1 0.833 and fail this test.
    assert seed_scores["sure"] == 7
    assert seed_scores["f1"] >= 0.85, seed_scores
    assert seed_scores["precision"] >= 0.85, seed_scores


def test_seed_alignment_beats_the_best_threshold_baseline(seeds, seed_scores):
    corpus, s, gold = seeds
    sweep = threshold_sweep(s, gold, corpus.documents)
    assert len(sweep) == 19
    best = sweep["f1"].max()
    assert 0.0 < best < 1.0
    assert seed_scores["f1"] > best, (seed_scores["f1"], sweep.loc[sweep["f1"].idxmax()].to_dict())


# --- benchmarks of many events -------------------------------------------------------------


def test_strict_scores_count_only_sure_links(tiny, tiny_gold):
    _, s = tiny
    a1, a3 = sid(s, "a", A1), sid(s, "a", A3)
    b1, b3 = sid(s, "b", B1), sid(s, "b", B3)
    m = score_alignment(predicted([("a", a1, "b", b1), ("a", a3, "b", b3)]), s, tiny_gold)
    # A = {A1-B1 (sure), A3-B3 (possible)}: precision 2/2, strict precision 1/2, recall 1/2
    assert m["precision"] == pytest.approx(1.0)
    assert m["strict_precision"] == pytest.approx(0.5)
    assert m["strict_f1"] == pytest.approx(0.5)


def _bench(tmp_path: Path, events: dict[str, str]) -> Path:
    """A benchmark folder holding the seeds (with their gold) once per event name."""
    import shutil

    root = tmp_path / "bench"
    for name in events:
        folder = root / "events" / name
        shutil.copytree(SEEDS, folder)
        shutil.copy(GOLD, folder / "gold.csv")
    (root / "split.csv").write_text("event,split\n" + "".join(f"{k},{v}\n" for k, v in events.items()))
    return root


def test_benchmark_events_lists_event_folders_with_their_split(tmp_path):
    from claimcompare.evaluate import benchmark_events

    root = _bench(tmp_path, {"e2": "test", "e1": "train"})
    (root / "events" / "no-gold").mkdir()
    ev = benchmark_events(root)
    assert ev["event"].tolist() == ["e1", "e2"]
    assert ev["split"].tolist() == ["train", "test"]
    one = benchmark_events(root / "events" / "e1")  # one event folder alone
    assert one["event"].tolist() == ["e1"]
    with pytest.raises(CorpusError, match="no gold.csv"):
        benchmark_events(root / "events" / "no-gold")


def test_evaluate_benchmark_scores_each_event_as_its_own_corpus_and_pools(tmp_path):
    from claimcompare.evaluate import evaluate_benchmark, pooled_scores

    root = _bench(tmp_path, {"e1": "train", "e2": "test"})
    table = evaluate_benchmark(root)
    assert table["method"].tolist() == ["claimcompare", "claimcompare", "baseline", "baseline"]
    corpus = load_corpus(SEEDS)
    s = sentences_table(corpus)
    ours = score_alignment(align_corpus(s, corpus.documents), s, load_gold(GOLD))
    row = table[(table["event"] == "e1") & (table["method"] == "claimcompare")].iloc[0]
    assert row["f1"] == pytest.approx(ours["f1"])
    assert row["strict_precision"] == pytest.approx(ours["found"] / ours["predicted"])
    pooled = pooled_scores(table)
    got = pooled[pooled["method"] == "claimcompare"].iloc[0]
    assert got["events"] == 2 and got["predicted"] == 2 * ours["predicted"]
    assert got["f1"] == pytest.approx(ours["f1"])  # two identical events pool to the same score
    assert evaluate_benchmark(root, split="test")["event"].unique().tolist() == ["e2"]


def test_cli_evaluate_benchmark_prints_events_and_pooled_rows(tmp_path, capsys):
    from claimcompare.cli import main

    root = _bench(tmp_path, {"e1": "train"})
    assert main(["evaluate", "--benchmark", str(root), "--csv", str(tmp_path / "t.csv")]) in (0, None)
    out = capsys.readouterr().out
    assert "e1" in out and "pooled (1 events)" in out and "strictF1" in out
    assert pd.read_csv(tmp_path / "t.csv")["method"].tolist() == ["learned", "rules", "baseline"]


# --- floors on the real-news benchmark's training events (never its test events) ---------------

BENCH = ROOT / "benchmarks" / "realnews"


@pytest.fixture(scope="module")
def training_pooled() -> dict[str, dict[str, float]]:
    from claimcompare.aligner import Aligner
    from claimcompare.evaluate import evaluate_benchmark, pooled_scores

    methods = {
        "learned": lambda s, d: Aligner().fit(s, d).align(),
        "rules": lambda s, d: align_corpus(s, d, semantic="off"),
        "baseline": lambda s, d: baseline_alignment(s, d),
    }
    table = evaluate_benchmark(BENCH, methods=methods, split="train")
    assert set(table["split"]) == {"train"}
    pooled = pooled_scores(table)
    return {r["method"]: r for r in pooled.to_dict("records")}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("method", "precision", "f1", "strict_f1"),
    [
        # Figures of `claimcompare evaluate --benchmark benchmarks/realnews --split train` when these
        # floors were set (after the cleaning's fragment rule and the model's refit): learned
        # 0.901 / 0.745 / 0.627 (in sample: it was fitted on these events), rules 0.835 / 0.628 / 0.517,
        # baseline 0.727 / 0.627 / 0.489; floors 0.03 below, rounded down.
        ("learned", 0.87, 0.71, 0.59),
        ("rules", 0.80, 0.59, 0.48),
        ("baseline", 0.69, 0.59, 0.45),
    ],
)
def test_quality_floors_on_the_training_events(training_pooled, method, precision, f1, strict_f1):
    m = training_pooled[method]
    assert m["precision"] >= precision, m
    assert m["f1"] >= f1, m
    assert m["strict_f1"] >= strict_f1, m

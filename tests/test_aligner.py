"""Tests for claimcompare.aligner: the estimator's stages, the model file, statements that do not chain."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from claimcompare import corpus_from_texts, sentences_table
from claimcompare.aligner import FEATURES, Aligner, LinkModel, stated_numbers, statements
from claimcompare.errors import CorpusError

A = (
    "Border deal signed\n\n"
    "OSTRA — Lind and Vey signed an agreement to reopen three border crossings on Monday. "
    "Lind said trade between the two countries had doubled to 4.2 billion euros. "
    "Snow closed mountain roads in the north.\n"
)
B = (
    "Crossings to reopen\n\n"
    "MERRIN — The two ministers agreed to reopen three border crossings. "
    "Trade had doubled to 4.2 billion euros, Lind said. "
    "Farmers welcomed the deal.\n"
)


@pytest.fixture(scope="module")
def fitted():
    corpus = corpus_from_texts({"a": A, "b": B})
    s = sentences_table(corpus)
    return Aligner().fit(s, corpus.documents), s


def test_parameters_follow_scikit_learn(fitted):
    aligner, _ = fitted
    params = aligner.get_params()
    assert params["threshold"] is None and params["ratio"] is None  # None: the model's
    assert aligner.ratio_ == pytest.approx(aligner.model_.info.get("ratio", 0.9))
    copy = clone(aligner)
    assert not hasattr(copy, "docs_")  # clone keeps parameters, not fitted state
    with pytest.raises(RuntimeError, match="fit"):
        copy.score("a", "b")


def test_features_and_scores_have_one_cell_per_sentence_pair(fitted):
    aligner, s = fitted
    n = int(((s["doc_id"] == "a") & (s["role"] == "body")).sum())
    m = int(((s["doc_id"] == "b") & (s["role"] == "body")).sum())
    x = aligner.features("a", "b")
    assert x.shape == (n, m, len(FEATURES))
    p = aligner.score("a", "b")
    assert p.shape == (n, m) and ((p >= 0) & (p <= 1)).all()
    # The crossings sentence and the trade sentence are each other's best; snow and farmers match nothing.
    assert p[0].argmax() == 0 and p[1].argmax() == 1
    assert p[2].max() < aligner.threshold_


def test_a_sweep_scores_once_and_relinks(fitted):
    aligner, _ = fitted
    scores = aligner.scores()
    low = aligner.align(scores=scores, threshold=0.0)
    high = aligner.align(scores=scores, threshold=0.99)
    assert len(low) >= len(aligner.align(scores=scores)) >= len(high)
    def linked(table):
        return {(ta[:12], tb[:12]) for ta, tb in zip(table["text_a"], table["text_b"])}

    # The trade sentence (same figure, same speaker) is the most probable pair; the crossings paraphrase
    # ("Lind and Vey" against "The two ministers") is the best of its row and column at a lower probability,
    # so a sweep that lowers the threshold to it adds it without scoring again.
    p = scores[("a", "b")]
    assert p[1, 1] == p.max() and p[0, 0] < p[1, 1]
    assert linked(aligner.align(scores=scores, threshold=float(p[1, 1]))) == {("Lind said tr", "Trade had do")}
    both = {("Lind and Vey", "The two mini"), ("Lind said tr", "Trade had do")}
    assert linked(aligner.align(scores=scores, threshold=float(p[0, 0]))) == both
    assert linked(aligner.align()) <= both
    links = aligner.link(scores[("a", "b")])
    assert list(links.columns) == ["i", "j", "probability", "margin", "rule"]


def test_the_one_to_many_ratio_comes_from_the_model_unless_given(fitted):
    _, s = fitted
    model = LinkModel.load()
    loose = LinkModel(model.features, model.mean, model.scale, model.coef, model.intercept, 0.2, {**model.info, "ratio": 0.3})
    # Sentence 0 of one report summarises sentences 0 and 1 of the other: row 0's best is column 0 (0.9);
    # column 1's best is row 0 (0.4, less than 0.9 x 0.9 but more than 0.3 x 0.9).
    p = np.array([[0.9, 0.4], [0.1, 0.05]])
    assert Aligner(model=loose).fit(s).ratio_ == pytest.approx(0.3)
    assert len(Aligner(model=loose).fit(s).link(p)) == 2
    assert len(Aligner(model=loose, ratio=0.9).fit(s).link(p)) == 1


def test_stated_numbers_leave_dates_out_and_read_separators():
    assert stated_numbers("On May 28, 2023 Erdogan won 52.14% and 11,300 or 10 100 people") == (
        (52.14, 2), (10100.0, 0), (11300.0, 0),
    )  # fmt: skip
    assert stated_numbers("No figure here.") == ()


@pytest.mark.parametrize(
    "text, value",
    [
        ("a cut of 40k barrels", 40_000.0),
        ("a cut of 40 thousand barrels", 40_000.0),
        ("a cut of 40,000 barrels", 40_000.0),
        ("1.5 million people", 1_500_000.0),
        ("a $1.5bn deal", 1_500_000_000.0),
        ("a $5m loan", 5_000_000.0),
        ("the 100 m final", 100.0),
    ],
)
def test_stated_numbers_read_magnitude_words_and_suffixes(text: str, value: float):
    assert [v for v, _ in stated_numbers(text)] == [value]


def test_model_round_trips_through_json_and_bad_files_are_one_line(tmp_path: Path):
    model = LinkModel.load()
    assert set(model.features) <= set(FEATURES)  # a model may use a subset of the features
    again = tmp_path / "m.json"
    again.write_text(model.to_json(), encoding="utf-8")
    back = LinkModel.load(again)
    x = np.random.default_rng(0).random((5, len(model.features)))
    assert np.allclose(back.probability(x), model.probability(x), atol=1e-6)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"features": ["nope"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0, "threshold": 0.5}))
    with pytest.raises(CorpusError, match="retrain"):
        LinkModel.load(bad)
    with pytest.raises(CorpusError, match="cannot read"):
        LinkModel.load(tmp_path / "missing.json")


def _links(rows):
    return pd.DataFrame(
        [{"doc_a": da, "sent_a": sa, "text_a": f"{da}{sa}", "doc_b": db, "sent_b": sb, "text_b": f"{db}{sb}", "score": sc}
         for da, sa, db, sb, sc in rows]
    )  # fmt: skip


def test_statements_do_not_chain_and_hold_one_sentence_per_document():
    # a0-b0-c0 is a triangle: one statement. c0-d0 and d0-e0 hang on by one link each: a chain, not joined.
    links = _links([
        ("a", 0, "b", 0, 0.9), ("a", 0, "c", 0, 0.8), ("b", 0, "c", 0, 0.85),
        ("c", 0, "d", 0, 0.7), ("d", 0, "e", 0, 0.95),
        ("a", 1, "b", 1, 0.6), ("a", 1, "b", 2, 0.55),  # b1 and b2 are both linked to a1: one document twice
    ])  # fmt: skip
    st = statements(links)
    groups = st.groupby("statement").apply(lambda g: sorted(zip(g["doc_id"], g["sent_id"])), include_groups=False).tolist()
    assert [("a", 0), ("b", 0), ("c", 0)] in groups
    assert [("d", 0), ("e", 0)] in groups
    assert not any(len({d for d, _ in g}) < len(g) for g in groups)
    assert st["statement"].min() == 1
    assert statements(links.iloc[:0]).empty


def test_a_part_fitted_with_the_whole_corpus_state_scores_as_the_whole():
    # What a distributed engine does: each partition fitted with the corpus-wide vectorizer, names and
    # content counts (merged from the partitions' counts) gives the scores of the whole corpus's fit.
    from claimcompare.align import mid_sentence_names
    from claimcompare.aligner import content_counts
    from claimcompare.similarity import StatementVectorizer, TermCounts

    C = A.replace("Lind", "Ora").replace("OSTRA", "TELL")
    corpus = corpus_from_texts({"a": A, "b": B, "c": C, "d": B.replace("Farmers", "Traders")})
    s = sentences_table(corpus)
    whole = Aligner().fit(s, corpus.documents)
    parts = [s[s["doc_id"].isin(["a", "b"])], s[s["doc_id"].isin(["c", "d"])]]
    names = frozenset().union(*(mid_sentence_names(p) for p in parts))
    assert names == mid_sentence_names(s)
    counts = TermCounts.merge(content_counts(p, names) for p in reversed(parts))
    assert counts.n_texts == content_counts(s).n_texts
    pd.testing.assert_frame_equal(counts.counts, content_counts(s).counts)
    from claimcompare.frames import claim_text
    from claimcompare.align import body_sentences

    claims = [claim_text(t) for t in body_sentences(s)["text"]]
    vectorizer = StatementVectorizer().fit(claims)
    part = Aligner().fit(parts[1], corpus.documents, vectorizer=vectorizer, names=names, counts=counts)
    np.testing.assert_array_equal(part.features("c", "d"), whole.features("c", "d"))
    assert part.align().to_csv(index=False) == whole.align()[lambda t: t["doc_a"].isin(["c", "d"])].to_csv(index=False)
    # without the whole corpus's state, a part's scores differ (the test can fail)
    alone = Aligner().fit(parts[1], corpus.documents)
    assert not np.array_equal(alone.features("c", "d"), whole.features("c", "d"))


def test_align_with_names_the_learned_model_or_the_rules(fitted):
    from claimcompare.align import align_corpus
    from claimcompare.aligner import ALIGNERS, DEFAULT_ALIGNER, align_with

    aligner, s = fitted
    assert DEFAULT_ALIGNER == "learned" and set(ALIGNERS) == {"learned", "rules"}
    pd.testing.assert_frame_equal(align_with("learned", s, aligner.documents_), aligner.align())
    pd.testing.assert_frame_equal(align_with("rules", s, aligner.documents_, semantic="off"), align_corpus(s, aligner.documents_, semantic="off"))
    strict = align_with("learned", s, aligner.documents_, min_score=0.99)
    assert len(strict) < len(aligner.align())  # min_score is the probability threshold
    with pytest.raises(ValueError, match="learned"):
        align_with("tfidf", s)


def test_aligner_summary_is_computed_from_the_model_and_the_backend():
    from claimcompare.aligner import aligner_summary

    model = LinkModel.load()
    method, thresholds = aligner_summary("learned")
    assert f"over {len(model.features)} lexical features" in method
    assert thresholds == f"link probability >= {model.threshold:g} (calibrated), one-to-many ratio {model.info['ratio']:g} of the uncalibrated probability"
    assert aligner_summary("learned", min_score=0.7)[1].startswith("link probability >= 0.7 (calibrated),")
    method, thresholds = aligner_summary("rules", semantic="off")
    assert method.startswith("scoring rules") and "lexical" in method and thresholds.startswith("min_score 0.15,")


def test_weights_list_the_model_features_strongest_first(fitted):
    aligner, _ = fitted
    w = aligner.weights()
    assert list(w.columns) == ["feature", "weight"] and set(w["feature"]) == set(aligner.model_.features)
    assert (w["weight"].abs().diff().dropna() <= 0).all()
    with pytest.raises(RuntimeError, match="fit"):
        Aligner().weights()


def test_calibration_is_platt_scaling_of_the_log_odds_kept_in_the_json(tmp_path: Path):
    d = json.loads(LinkModel.load().to_json())
    x = np.random.default_rng(1).random((6, len(d["features"])))
    raw = dict(d, calibration={"slope": 1.0, "offset": 0.0})
    (tmp_path / "raw.json").write_text(json.dumps(raw), encoding="utf-8")
    (tmp_path / "cal.json").write_text(json.dumps(dict(d, calibration={"slope": 2.0, "offset": -1.0})), encoding="utf-8")
    p_raw, p_cal = LinkModel.load(tmp_path / "raw.json").probability(x), LinkModel.load(tmp_path / "cal.json").probability(x)
    z = np.log(p_raw / (1 - p_raw))
    np.testing.assert_allclose(p_cal, 1 / (1 + np.exp(-(2.0 * z - 1.0))), atol=1e-9)
    assert (np.argsort(p_cal) == np.argsort(p_raw)).all()  # the order of the scores is kept
    del raw["calibration"]  # a model file written before calibration: uncalibrated
    (tmp_path / "old.json").write_text(json.dumps(raw), encoding="utf-8")
    assert LinkModel.load(tmp_path / "old.json").calibration == (1.0, 0.0)
    (tmp_path / "bad.json").write_text(json.dumps(dict(d, calibration={"slope": -1.0, "offset": 0.0})), encoding="utf-8")
    with pytest.raises(CorpusError, match="slope"):
        LinkModel.load(tmp_path / "bad.json")
    assert "calibration" in d and d["calibration"]["slope"] > 0


def test_calibration_changes_the_scores_not_the_links():
    from dataclasses import replace

    from claimcompare import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parents[1] / "seeds")
    s = sentences_table(corpus)
    model = LinkModel.load()
    raw = replace(model, calibration=(1.0, 0.0), threshold=0.2)
    cal = replace(model, calibration=(2.0, -1.0), threshold=float(1 / (1 + np.exp(-(2.0 * np.log(0.2 / 0.8) - 1.0)))))
    a = Aligner(model=raw, ratio=0.5).fit(s, corpus.documents).align()
    b = Aligner(model=cal, ratio=0.5).fit(s, corpus.documents).align()
    keys = ["doc_a", "sent_a", "doc_b", "sent_b", "rule"]
    assert len(a) > 3
    pd.testing.assert_frame_equal(a[keys], b[keys])
    assert not np.allclose(a["score"], b["score"])
    z = np.log(a["score"] / (1 - a["score"]))
    np.testing.assert_allclose(b["score"], 1 / (1 + np.exp(-(2.0 * z - 1.0))), atol=1e-5)  # scores rounded to 6 decimals


def test_the_one_to_many_ratio_applies_to_uncalibrated_probabilities(fitted):
    from dataclasses import replace

    _, s = fitted
    platt = lambda q: 1 / (1 + np.exp(-(2.0 * np.log(q / (1 - q)) - 1.0)))  # noqa: E731
    model = replace(LinkModel.load(), calibration=(2.0, -1.0), threshold=float(platt(0.2)))
    aligner = Aligner(model=model, ratio=0.5).fit(s, fitted[0].documents_)
    raw = np.array([[0.9, 0.5], [0.1, 0.05]])  # (0, 1): half the row's best before calibration, a quarter after
    links = aligner.link(platt(raw))
    assert links[["i", "j"]].values.tolist() == [[0, 0], [0, 1]]
    assert links["rule"].tolist() == ["mutual-best", "one-to-many"]
    np.testing.assert_allclose(links["probability"], platt(np.array([0.9, 0.5])))

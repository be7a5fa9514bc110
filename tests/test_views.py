"""Tests for claimcompare.views: word diffs, side-by-side HTML, score heatmaps, coverage, off-event passages.

Fixtures are short invented reports (the invented countries Valdoria and
Ostrenia, their foreign ministers Petra Lind and Amos Vey, invented outlets);
one of them also reports a second, unrelated meeting of an invented prime
minister.  A few tests at the end run on the real seeds.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from claimcompare import corpus_from_texts, load_corpus, sentences_table
from claimcompare.align import align_corpus, candidate_pairs, statement_clusters
from claimcompare.views import (
    COVERAGE_COLUMNS,
    OFF_EVENT_COLUMNS,
    coverage,
    event_documents,
    links_touching,
    links_within,
    passages_about_other_events,
    plot_coverage,
    plot_similarity_heatmap,
    side_by_side_html,
    similarity_matrix,
    threshold_sensitivity,
    word_diff,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
INVENTED = Path(__file__).resolve().parent / "data" / "invented-corpus"

EVENT = ("2024-03-03", "Lind meets Vey in Ostra")

NORDPRESS = """Valdoria and Ostrenia agree to reopen border crossings

OSTRA, March 3 (Nordpress) -- Valdorian Foreign Minister Petra Lind and Ostrenian Foreign Minister Amos Vey agreed on Sunday to reopen three crossings on their shared border.

Lind said that trade across the river border had doubled since the ceasefire.

Vey said Ostrenia would simplify customs rules for Valdorian farmers.

The ministers also discussed a new railway between Ostra and Kell.
"""

#: Reports the Lind-Vey meeting, then a second meeting (Ashe and the Tarsk
#: delegation) that no other report mentions.
HARBOUR = """Border to reopen; Ashe hosts Tarsk traders

OSTRA — Petra Lind and Amos Vey agreed in Ostra on Sunday to reopen three border crossings.

Cross-border trade on the river has doubled since the ceasefire, Lind said.

In another development, Prime Minister Jon Ashe received a Tarsk trade delegation on Monday.

Ashe said the Tarsk traders would be offered lower tariffs on grain.

The Tarsk delegation invited Ashe to visit Tarsk in the summer.
"""

ORIEL = """Border crossings to reopen

OSTRA — Ostrenia and Valdoria will reopen three crossings on the border, their foreign ministers Amos Vey and Petra Lind said on Sunday.

Vey promised simpler customs rules for Valdorian farmers.
"""


def make_corpus(texts: dict[str, str], events: dict[str, tuple[str, str]] | None = None):
    meta = None
    if events is not None:
        meta = pd.DataFrame(
            {
                "doc_id": list(events),
                "outlet": list(events),
                "event_date": [e[0] for e in events.values()],
                "event_title": [e[1] for e in events.values()],
            }
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = corpus_from_texts(texts, meta)
    return corpus, sentences_table(corpus)


@pytest.fixture(scope="module")
def three():
    texts = {"nordpress": NORDPRESS, "harbour": HARBOUR, "oriel": ORIEL}
    corpus, s = make_corpus(texts, {k: EVENT for k in texts})
    pairs = candidate_pairs(s, corpus.documents)
    return corpus, s, pairs, align_corpus(s, corpus.documents, pairs=pairs)


def sent_id(sentences: pd.DataFrame, doc: str, start: str) -> int:
    hit = sentences[(sentences["doc_id"] == doc) & sentences["text"].str.startswith(start)]
    assert len(hit) == 1, (doc, start)
    return int(hit.iloc[0]["sent_id"])


# ---------------------------------------------------------------------------
# word_diff
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", []),
        ("Vey agreed.", "Vey agreed.", [("Vey", "same"), ("agreed.", "same")]),
        ("Lind spoke", "", [("Lind", "only_a"), ("spoke", "only_a")]),
        ("", "Lind spoke", [("Lind", "only_b"), ("spoke", "only_b")]),
        ("grain prices", "river trade", [("grain", "only_a"), ("prices", "only_a"), ("river", "only_b"), ("trade", "only_b")]),
        (
            "Lind said trade doubled.",
            "Lind said river trade doubled.",
            [("Lind", "same"), ("said", "same"), ("river", "only_b"), ("trade", "same"), ("doubled.", "same")],
        ),
        (
            "Lind said river trade doubled.",
            "Lind said trade doubled.",
            [("Lind", "same"), ("said", "same"), ("river", "only_a"), ("trade", "same"), ("doubled.", "same")],
        ),
        # case, curly quotes and edge punctuation are normalised away; surface form of a kept
        ("He hailed the “historic” deal", 'he hailed the "Historic" deal.', [("He", "same"), ("hailed", "same"), ("the", "same"), ("“historic”", "same"), ("deal", "same")]),
        ("Ostrenia’s engineers", "Ostrenia's engineers", [("Ostrenia’s", "same"), ("engineers", "same")]),
        ("Lind — and Vey", "Lind - and Vey", [("Lind", "same"), ("—", "same"), ("and", "same"), ("Vey", "same")]),
    ],
    ids=["empty", "identical", "b-empty", "a-empty", "disjoint", "insert", "delete", "quotes-case", "apostrophe", "dash"],
)
def test_word_diff(a, b, expected):
    assert word_diff(a, b) == expected


def test_word_diff_sides_rebuild_the_texts():
    a = "Valdorian Foreign Minister Petra Lind said the cost of the repairs would be split."
    b = "Lind stressed that both governments would share the cost of repairing the bridge."
    diff = word_diff(a, b)
    assert {lab for _, lab in diff} == {"same", "only_a", "only_b"}
    assert " ".join(t for t, lab in diff if lab != "only_b") == a
    same = [t for t, lab in diff if lab == "same"]
    assert same and all(t.lower().strip(".") in b.lower() for t in same)


def test_word_diff_long_repetitive_text_keeps_frequent_words():
    # autojunk would treat "the" as junk in sequences of 200+ tokens
    a = " ".join(["the border"] * 150)
    b = " ".join(["the border"] * 150 + ["reopened"])
    diff = word_diff(a, b)
    assert diff[-1] == ("reopened", "only_b")
    assert sum(lab == "same" for _, lab in diff) == 300


# ---------------------------------------------------------------------------
# side_by_side_html
# ---------------------------------------------------------------------------


def alignment_rows(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(da, k, ta, db, k + 1, tb, sc, sc, 0.0, "mutual-best") for k, (da, ta, db, tb, sc) in enumerate(rows)],
        columns=["doc_a", "sent_a", "text_a", "doc_b", "sent_b", "text_b", "score", "cosine", "margin", "rule"],
    )


def test_side_by_side_escapes_markup_and_never_emits_it():
    al = alignment_rows(
        [
            ("a<b>", 'Vey said <script>alert(1)</script> & "more"', "doc'b", "Vey said <b>bold</b> & 'less'", 0.5),
        ]
    )
    out = side_by_side_html(al)
    assert isinstance(out, str)
    assert "<script>" not in out and "</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>" not in out and "a&lt;b&gt;" in out
    assert "&amp;" in out and "&quot;more&quot;" in out and "&#x27;less&#x27;" in out
    assert "doc&#x27;b" in out
    # the only tags are those of the table and the highlights
    tags = set(re.findall(r"</?([a-zA-Z]+)", out))
    assert tags <= {"style", "table", "thead", "tbody", "tr", "th", "td", "del", "ins", "caption"}


def test_side_by_side_caption_and_standalone_are_escaped():
    out = side_by_side_html(alignment_rows([("a", "x", "b", "x", 0.3)]), caption="<i>t</i>", standalone=True)
    assert out.startswith("<!doctype html>") and '<meta charset="utf-8">' in out
    assert "<i>" not in out and "&lt;i&gt;t&lt;/i&gt;" in out


@pytest.mark.parametrize("n", [0, 1, 4])
def test_side_by_side_one_row_per_alignment_row(n):
    al = alignment_rows([("a", f"Lind said {k}.", "b", f"Vey said {k}.", 0.2 + k / 10) for k in range(n)])
    out = side_by_side_html(al)
    assert out.count('<tr class="cc-pair">') == n
    assert ("no aligned statements" in out) == (n == 0)
    for k in range(n):
        assert f"{0.2 + k / 10:.3f}" in out and f"a #{k}" in out and f"b #{k + 1}" in out


def test_side_by_side_highlights_the_differing_words():
    out = side_by_side_html(alignment_rows([("a", "Lind said trade doubled.", "b", "Lind said river trade doubled.", 0.9)]))
    assert '<ins class="cc-only-b">river</ins>' in out
    assert "<del" not in out.split("<tbody>")[1]


def test_side_by_side_max_rows():
    al = alignment_rows([("a", f"s{k}", "b", f"t{k}", 0.5) for k in range(5)])
    out = side_by_side_html(al, max_rows=2)
    assert out.count('<tr class="cc-pair">') == 2
    assert "3 more aligned pairs not shown" in out
    with pytest.raises(ValueError):
        side_by_side_html(al, max_rows=-1)


# ---------------------------------------------------------------------------
# similarity_matrix and the heatmap
# ---------------------------------------------------------------------------


def test_similarity_matrix_shape_order_range(three):
    _, s, _, _ = three
    m = similarity_matrix(s, "harbour", "nordpress")
    body = s[s["role"] == "body"]
    assert m.shape == ((body["doc_id"] == "harbour").sum(), (body["doc_id"] == "nordpress").sum())
    assert list(m.index) == sorted(body.loc[body["doc_id"] == "harbour", "sent_id"])
    assert list(m.columns) == sorted(body.loc[body["doc_id"] == "nordpress", "sent_id"])
    assert (m.index.name, m.columns.name) == ("sent_a", "sent_b")
    assert m.attrs == {"doc_a": "harbour", "doc_b": "nordpress", "score": "alignment score"}
    assert ((m.to_numpy() >= 0) & (m.to_numpy() <= 1)).all()
    # the transposed pair gives the transposed matrix
    t = similarity_matrix(s, "nordpress", "harbour")
    np.testing.assert_allclose(t.to_numpy(), m.to_numpy().T, atol=1e-6)


def test_similarity_matrix_equals_aligner_score_on_links(three):
    _, s, _, al = three
    assert len(al) >= 3
    for r in al.itertuples(index=False):
        m = similarity_matrix(s, r.doc_a, r.doc_b)
        assert m.loc[r.sent_a, r.sent_b] == pytest.approx(r.score, abs=1e-9)
        # a link is the best of its row or of its column
        assert r.score == pytest.approx(max(m.loc[r.sent_a].max(), m[r.sent_b].max()), abs=1e-9) or r.rule == "one-to-many"


def test_similarity_matrix_unknown_document(three):
    _, s, _, _ = three
    with pytest.raises(KeyError, match="tarsk"):
        similarity_matrix(s, "harbour", "tarsk")


def test_heatmap_axes(three):
    _, s, _, al = three
    m = similarity_matrix(s, "harbour", "nordpress")
    ax = plot_similarity_heatmap(m, links=al)
    try:
        assert ax.images[0].get_array().shape == m.shape
        assert ax.images[0].get_clim() == (0.0, 1.0)
        assert [t.get_text() for t in ax.get_yticklabels()] == [str(i) for i in m.index]
        assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in m.columns]
        assert "harbour" in ax.get_ylabel() and "nordpress" in ax.get_xlabel()
        assert "alignment score" in ax.get_title().lower()
        assert ax.figure.axes[-1].get_ylabel() == "alignment score (0-1)"
        # one outlined cell per link of this pair, in either orientation
        pair = al[[{a, b} == {"harbour", "nordpress"} for a, b in zip(al["doc_a"], al["doc_b"])]]
        offsets = ax.collections[0].get_offsets()
        assert len(offsets) == len(pair) > 0
        rows = {v: k for k, v in enumerate(m.index)}
        cols = {v: k for k, v in enumerate(m.columns)}
        expected = set()
        for r in pair.itertuples(index=False):
            a, b = (r.sent_a, r.sent_b) if r.doc_a == "harbour" else (r.sent_b, r.sent_a)
            expected.add((cols[b], rows[a]))
        assert {(int(x), int(y)) for x, y in offsets} == expected
    finally:
        plt.close(ax.figure)


def test_heatmap_without_links_draws_no_markers(three):
    _, s, _, _ = three
    ax = plot_similarity_heatmap(similarity_matrix(s, "oriel", "nordpress"))
    try:
        assert len(ax.collections) == 0
    finally:
        plt.close(ax.figure)


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------


@pytest.fixture()
def tiny():
    sentences = pd.DataFrame(
        [
            ("x", 0, "headline", "Title"),
            ("x", 1, "body", "x1"),
            ("x", 2, "body", "x2"),
            ("x", 3, "body", "x3"),
            ("x", 4, "body", "x4"),
            ("y", 0, "body", "y0"),
            ("y", 1, "body", "y1"),
            ("z", 0, "body", "z0"),
            ("w", 0, "body", "w0"),
        ],
        columns=["doc_id", "sent_id", "role", "text"],
    )
    pairs = pd.DataFrame({"doc_a": ["x", "x", "y"], "doc_b": ["y", "z", "z"]})
    alignment = pd.DataFrame(
        [
            ("x", 1, "y", 0, 0.4),
            ("x", 2, "y", 0, 0.3),  # two x sentences, one y sentence
            ("x", 1, "z", 0, 0.5),  # x1 counted once
            ("w", 0, "x", 4, 0.9),  # w is not in any compared pair: ignored
        ],
        columns=["doc_a", "sent_a", "doc_b", "sent_b", "score"],
    )
    return sentences, alignment, pairs


def test_coverage_arithmetic(tiny):
    sentences, alignment, pairs = tiny
    cov = coverage(sentences, alignment, pairs)
    assert list(cov.columns) == list(COVERAGE_COLUMNS)
    assert list(cov["doc_id"]) == ["x", "y", "z"]
    assert list(cov["body_sentences"]) == [4, 2, 1]
    assert list(cov["with_counterpart"]) == [2, 1, 1]
    assert list(cov["share"]) == [0.5, 0.5, 1.0]
    assert cov["body_sentences"].dtype == "int64" and cov["share"].dtype == "float64"


def test_coverage_exclude_and_empty(tiny):
    sentences, alignment, pairs = tiny
    cov = coverage(sentences, alignment, pairs, exclude=pd.DataFrame({"doc_id": ["x", "x", "z"], "sent_id": [3, 4, 0]}))
    assert list(cov["body_sentences"]) == [2, 2, 0]
    assert list(cov["with_counterpart"]) == [2, 1, 0]
    assert cov["share"].iloc[0] == 1.0 and np.isnan(cov["share"].iloc[2])
    none = coverage(sentences, alignment.iloc[:0], pairs)
    assert list(none["with_counterpart"]) == [0, 0, 0] and (none["share"] == 0).all()
    nothing = coverage(sentences, alignment, pairs.iloc[:0])
    assert nothing.empty and list(nothing.columns) == list(COVERAGE_COLUMNS)


def test_plot_coverage_axes(tiny):
    cov = coverage(*tiny)
    ax = plot_coverage(cov)
    try:
        assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y", "z"]
        assert [round(p.get_width(), 6) for p in ax.patches] == [0.5, 0.5, 1.0]
        assert "(0-1)" in ax.get_xlabel() and ax.get_title()
        assert [t.get_text() for t in ax.texts] == ["2/4", "1/2", "1/1"]
    finally:
        plt.close(ax.figure)


def test_plot_coverage_variants(tiny):
    sentences, alignment, pairs = tiny
    both = pd.concat(
        [
            coverage(sentences, alignment, pairs).assign(variant="all"),
            coverage(sentences, alignment, pairs, exclude=pd.DataFrame({"doc_id": ["x"], "sent_id": [4]})).assign(variant="fewer"),
        ]
    )
    ax = plot_coverage(both)
    try:
        assert len(ax.patches) == 6
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all", "fewer"]
    finally:
        plt.close(ax.figure)


# ---------------------------------------------------------------------------
# passages_about_other_events
# ---------------------------------------------------------------------------


def test_two_meeting_report_splits(three):
    _, s, _, _ = three
    out = passages_about_other_events(s, "harbour", ["nordpress", "oriel", "harbour"])
    assert list(out.columns) == list(OFF_EVENT_COLUMNS)
    assert out["off_event"].dtype == bool
    second = {sent_id(s, "harbour", p) for p in ("In another development", "Ashe said", "The Tarsk delegation")}
    assert set(out.loc[out["off_event"], "sent_id"]) == second
    assert not out.loc[~out["sent_id"].isin(second), "off_event"].any()
    assert list(out["sent_id"]) == sorted(out["sent_id"])


def test_single_meeting_reports_have_no_off_event_passage(three):
    _, s, _, _ = three
    for doc in ("nordpress", "oriel"):
        out = passages_about_other_events(s, doc, ["nordpress", "oriel", "harbour"])
        assert len(out) == ((s["doc_id"] == doc) & (s["role"] == "body")).sum()
        assert not out["off_event"].any()


def test_off_event_needs_every_other_report():
    # "Kell" recurs in the first report and appears in the second but not the third.
    first = "Talks\n\nOSTRA — Lind and Vey met in Ostra.\n\nKell mayor Ide Sorn joined them.\n\nSorn asked for a Kell bridge.\n"
    second = "Talks\n\nOSTRA — Lind and Vey met in Ostra with the Kell mayor Ide Sorn.\n"
    third = "Talks\n\nOSTRA — Lind and Vey met in Ostra on Sunday.\n"
    _, s = make_corpus({"first": first, "second": second, "third": third})
    against_third = passages_about_other_events(s, "first", ["third"])
    against_both = passages_about_other_events(s, "first", ["second", "third"])
    assert against_third["off_event"].sum() == 2
    assert not against_both["off_event"].any()


@pytest.mark.parametrize("others", [[], ["first"], ["nowhere"]])
def test_off_event_without_other_reports(others):
    _, s = make_corpus({"first": "Talks\n\nOSTRA — Lind met Vey.\n\nLind and Vey agreed.\n"})
    out = passages_about_other_events(s, "first", others)
    assert len(out) == 2 and not out["off_event"].any()
    assert passages_about_other_events(s, "absent", ["first"]).empty


# ---------------------------------------------------------------------------
# event_documents and threshold_sensitivity
# ---------------------------------------------------------------------------


def test_event_documents():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d", "e"],
            "event_date": ["2024-01-02", "2024-01-02", "2024-01-01", "2024-01-01", None],
            "event_title": ["Talks", "Talks", "Summit", "Summit", None],
            "duplicate_of": [None, None, None, None, None],
        }
    )
    # tie of two documents each: the earliest key wins
    assert event_documents(docs) == ("2024-01-01 Summit", ["c", "d"])
    assert event_documents(docs, "Talks") == ("2024-01-02 Talks", ["a", "b"])
    assert event_documents(docs, "2024-01-02 Talks") == ("2024-01-02 Talks", ["a", "b"])
    assert event_documents(docs, "2024-01-01") == ("2024-01-01 Summit", ["c", "d"])
    with pytest.raises(ValueError, match="known events"):
        event_documents(docs, "Picnic")
    bare = docs.assign(event_date=None, event_title=None)
    assert event_documents(bare) == (None, ["a", "b", "c", "d", "e"])


def test_threshold_sensitivity_is_monotone(three):
    corpus, s, pairs, al = three
    t = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.5, 0.15, 0.05))
    assert list(t["min_score"]) == [0.05, 0.15, 0.5]
    assert list(t.columns) == ["min_score", "links", "shared_statements", "with_counterpart", "unique"]
    assert t["links"].is_monotonic_decreasing and t["unique"].is_monotonic_increasing
    assert t.loc[t["min_score"] == 0.15, "links"].item() == len(al)
    n_body = ((s["role"] == "body") & s["doc_id"].isin(set(pairs["doc_a"]) | set(pairs["doc_b"]))).sum()
    assert ((t["with_counterpart"] + t["unique"]) == n_body).all()


def test_threshold_sensitivity_leaves_excluded_sentences_out(three):
    corpus, s, pairs, al = three
    plain = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.15,), min_outlets=2)
    linked = al.iloc[[0]]
    exclude = pd.DataFrame({"doc_id": [linked["doc_a"].item()], "sent_id": [int(linked["sent_a"].item())]})
    t = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.15,), min_outlets=2, exclude=exclude)
    assert t["links"].item() == plain["links"].item()
    n_body = ((s["role"] == "body") & s["doc_id"].isin(set(pairs["doc_a"]) | set(pairs["doc_b"]))).sum()
    assert (t["with_counterpart"] + t["unique"]).item() == n_body - 1
    assert t["shared_statements"].item() <= plain["shared_statements"].item()


def test_links_within_keeps_links_with_both_ends_among_the_keys():
    al = pd.DataFrame({"doc_a": ["a", "a", "b"], "sent_a": [1, 2, 3], "doc_b": ["b", "c", "c"], "sent_b": [1, 1, 2], "score": [0.5, 0.4, 0.3]})
    keys = pd.DataFrame({"doc_id": ["a", "b", "c", "b"], "sent_id": [1, 1, 1, 3]})
    out = links_within(al, keys)
    assert out[["doc_a", "sent_a", "doc_b", "sent_b"]].values.tolist() == [["a", 1, "b", 1]]
    assert list(out.columns) == list(al.columns)
    assert links_within(al.iloc[:0], keys).empty


def test_threshold_sensitivity_counts_copies_once_when_families_are_given(three):
    corpus, s, pairs, al = three
    docs = sorted(corpus.documents["doc_id"])
    apart = pd.DataFrame({"doc_id": docs, "family": docs})
    one = pd.DataFrame({"doc_id": docs, "family": [docs[0]] * len(docs)})  # as if every report were one copy
    by_outlet = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.15,), min_outlets=2)
    by_family = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.15,), min_outlets=2, families=apart)
    assert by_family.equals(by_outlet)
    assert by_outlet["shared_statements"].item() > 0
    merged = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.15,), min_outlets=2, families=one)
    assert merged["shared_statements"].item() == 0


# ---------------------------------------------------------------------------
# On the seeds and the invented corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    s = sentences_table(corpus)
    key, docs = event_documents(corpus.documents)
    pairs = candidate_pairs(s, corpus.documents)
    pairs = pairs[pairs["doc_a"].isin(docs) & pairs["doc_b"].isin(docs)].reset_index(drop=True)
    return corpus, s, key, docs, pairs, align_corpus(s, corpus.documents, pairs=pairs)


def test_seeds_largest_event_has_three_reports(seeds):
    _, _, key, docs, pairs, _ = seeds
    assert key.startswith("2021-07-27") and len(docs) == 3 and len(pairs) == 3


def test_seeds_matrix_matches_every_link(seeds):
    _, s, _, _, _, al = seeds
    for (da, db), links in al.groupby(["doc_a", "doc_b"]):
        m = similarity_matrix(s, da, db)
        for r in links.itertuples(index=False):
            assert m.loc[r.sent_a, r.sent_b] == pytest.approx(r.score, abs=1e-9)


def test_seeds_two_meeting_report_is_mostly_off_event(seeds):
    _, s, _, docs, pairs, al = seeds
    off = pd.concat([passages_about_other_events(s, d, docs) for d in docs])
    share = off.groupby("doc_id")["off_event"].mean()
    # one report (the one that covers a second meeting) is mostly off-event; no other is
    assert (share > 0.5).sum() == 1
    top = share.idxmax()
    cov = coverage(s, al, pairs).set_index("doc_id")
    without = coverage(s, al, pairs, exclude=off[off["off_event"]]).set_index("doc_id")
    assert without.loc[top, "share"] > cov.loc[top, "share"]


def test_seeds_side_by_side_rows(seeds):
    *_, al = seeds
    assert side_by_side_html(al).count('<tr class="cc-pair">') == len(al)


def test_invented_corpus_clusters_and_off_event():
    corpus = load_corpus(INVENTED)
    s = sentences_table(corpus)
    _, docs = event_documents(corpus.documents)
    assert len(docs) == 3
    pairs = candidate_pairs(s, corpus.documents)
    al = align_corpus(s, corpus.documents, pairs=pairs)
    clusters = statement_clusters(al, corpus.documents)
    assert (clusters["n_outlets"] >= 3).any()
    off = pd.concat([passages_about_other_events(s, d, docs) for d in docs])
    assert off.groupby("doc_id")["off_event"].sum().max() >= 2


# ---------------------------------------------------------------------------
# links_touching
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([], []),
        ([("x", 2)], [1]),
        ([("y", 0)], [0, 1]),
        ([("z", 0), ("x", 4)], [2, 3]),
        ([("q", 9)], []),
    ],
)
def test_links_touching(tiny, keys, expected):
    _, alignment, _ = tiny
    got = links_touching(alignment, pd.DataFrame(keys, columns=["doc_id", "sent_id"]))
    assert list(got["score"]) == list(alignment["score"].iloc[expected])
    assert list(got.columns) == [*alignment.columns, "a_in_keys", "b_in_keys"]
    keyset = set(keys)
    for r in got.itertuples(index=False):
        assert r.a_in_keys == ((r.doc_a, r.sent_a) in keyset) and r.b_in_keys == ((r.doc_b, r.sent_b) in keyset)


# --- the views on the learned aligner's stages -------------------------------------------------------


@pytest.fixture(scope="module")
def learned_seeds():
    from claimcompare.aligner import Aligner

    corpus = load_corpus(SEEDS)
    s = sentences_table(corpus)
    aligner = Aligner().fit(s, corpus.documents)
    pairs = aligner.pairs()
    return corpus, s, aligner, pairs, aligner.align(pairs)


def test_similarity_matrix_of_the_learned_aligner_is_its_probability_and_its_links_scores(learned_seeds):
    from claimcompare.views import similarity_matrix

    _, s, aligner, pairs, alignment = learned_seeds
    da, db = alignment.iloc[0][["doc_a", "doc_b"]]
    m = similarity_matrix(s, da, db, aligner=aligner)
    assert m.attrs == {"doc_a": da, "doc_b": db, "score": "link probability"}
    assert ((m.to_numpy() >= 0) & (m.to_numpy() <= 1)).all()
    np.testing.assert_allclose(m.to_numpy(), np.round(aligner.score(da, db), 6))
    links = alignment[(alignment["doc_a"] == da) & (alignment["doc_b"] == db)]
    assert len(links)
    for r in links.itertuples(index=False):
        assert m.loc[r.sent_a, r.sent_b] == pytest.approx(r.score, abs=1e-9)
    with pytest.raises(KeyError):
        similarity_matrix(s, da, "no-such-doc", aligner=aligner)


def test_threshold_sensitivity_of_the_learned_aligner_scores_once_and_relinks(learned_seeds, monkeypatch):
    from claimcompare.aligner import Aligner
    from claimcompare.views import threshold_sensitivity

    corpus, s, aligner, pairs, alignment = learned_seeds
    calls = []
    score = Aligner.score
    monkeypatch.setattr(Aligner, "score", lambda self, a, b: calls.append((a, b)) or score(self, a, b))
    t = aligner.threshold_
    table = threshold_sensitivity(s, corpus.documents, pairs, min_scores=(0.1, t, 0.5), aligner=aligner)
    assert len(calls) == len(pairs)  # one score per document pair, whatever the number of thresholds
    assert list(table["min_score"]) == sorted({0.1, t, 0.5})
    assert table.loc[table["min_score"] == t, "links"].item() == len(alignment)
    assert table["links"].is_monotonic_decreasing


def test_similarity_matrix_of_an_unfitted_aligner_says_fit_first(learned_seeds):
    from claimcompare.aligner import Aligner
    from claimcompare.views import similarity_matrix

    _, s, _, _, alignment = learned_seeds
    da, db = alignment.iloc[0][["doc_a", "doc_b"]]
    with pytest.raises(RuntimeError, match="fit"):
        similarity_matrix(s, da, db, aligner=Aligner())


def test_threshold_sensitivity_of_the_learned_aligner_tries_probabilities_around_its_threshold(learned_seeds):
    from claimcompare.views import PROBABILITY_THRESHOLDS, threshold_sensitivity

    corpus, s, aligner, pairs, _ = learned_seeds
    table = threshold_sensitivity(s, corpus.documents, pairs, aligner=aligner)
    assert list(table["min_score"]) == sorted({*PROBABILITY_THRESHOLDS, aligner.threshold_})
    assert table.loc[table["min_score"] == aligner.threshold_, "links"].item() == len(aligner.align(pairs))


def test_heatmap_names_what_its_matrix_holds(learned_seeds):
    from claimcompare.views import plot_similarity_heatmap, similarity_matrix

    _, s, aligner, _, alignment = learned_seeds
    da, db = alignment.iloc[0][["doc_a", "doc_b"]]
    for kwargs, name in (({"aligner": aligner}, "link probability"), ({"semantic": "off"}, "alignment score")):
        ax = plot_similarity_heatmap(similarity_matrix(s, da, db, **kwargs))
        assert ax.get_title().lower().startswith(name) and ax.figure.axes[-1].get_ylabel() == f"{name} (0-1)"
        plt.close(ax.figure)


def test_views_read_scores_already_computed_instead_of_scoring_again(learned_seeds, monkeypatch):
    from claimcompare.aligner import Aligner
    from claimcompare.views import similarity_matrix, threshold_sensitivity

    corpus, s, aligner, pairs, alignment = learned_seeds
    scores = aligner.scores(pairs)
    da, db = alignment.iloc[0][["doc_a", "doc_b"]]
    fresh_matrix = similarity_matrix(s, da, db, aligner=aligner)
    fresh_sweep = threshold_sensitivity(s, corpus.documents, pairs, aligner=aligner)
    calls = []
    score = Aligner.score
    monkeypatch.setattr(Aligner, "score", lambda self, a, b: calls.append((a, b)) or score(self, a, b))
    pd.testing.assert_frame_equal(similarity_matrix(s, da, db, aligner=aligner, scores=scores), fresh_matrix)
    pd.testing.assert_frame_equal(threshold_sensitivity(s, corpus.documents, pairs, aligner=aligner, scores=scores), fresh_sweep)
    assert calls == []

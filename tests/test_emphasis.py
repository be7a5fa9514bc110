"""Tests for claimcompare.emphasis: theme shares, NMF topics, log-odds, lead emphasis, charts.

Fixtures are hand-written sentence tables of invented reports (invented
countries Valdoria and Ostrenia, invented outlets), with tiny lexicons whose
answers can be counted by hand.  A few tests at the end run on the seeds.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.collections import PathCollection
import pandas as pd
import pytest

from claimcompare import load_corpus, sentences_table
from claimcompare.emphasis import (
    THEME_COLUMNS,
    distinctive_terms,
    doc_labels,
    first_statements,
    lead_emphasis,
    load_themes,
    log_odds_dirichlet,
    nmf_topics,
    plot_distinctive_terms,
    plot_lead_emphasis,
    plot_theme_shares,
    sentence_themes,
    theme_shares,
    topic_theme_overlap,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: The themes the issue asks the shipped lexicon to cover.
REQUIRED_THEMES = [
    "security and terrorism",
    "Afghanistan and region",
    "economy and Belt and Road",
    "party and politics",
    "pandemic and health",
    "protocol and ceremony",
    "military cooperation",
]


def table(docs: dict[str, list[str]], *, headline: bool = True) -> pd.DataFrame:
    """A sentences table: per document an optional headline row, then body sentences."""
    rows = []
    for doc_id, texts in docs.items():
        k = 0
        if headline:
            rows.append((doc_id, 0, 0, "headline", "Rain tax storm budget deficit headline"))
            k = 1
        for i, text in enumerate(texts):
            rows.append((doc_id, k + i, 1 + i, "body", text))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "paragraph", "role", "text"])


def lexicon(tmp_path: Path, rows: list[tuple[str, ...]]) -> pd.DataFrame:
    """A lexicon file of (theme, term) or (theme, term, forms) rows, loaded."""
    path = tmp_path / "themes.csv"
    rows = [(*r, "") if len(r) == 2 else r for r in rows]
    pd.DataFrame(rows, columns=["theme", "term", "forms"]).to_csv(path, index=False)
    return load_themes(path)


@pytest.fixture
def weather_money(tmp_path: Path) -> pd.DataFrame:
    return lexicon(
        tmp_path,
        [("weather", "rain"), ("weather", "storm warning", "storm warnings"), ("money", "tax"), ("money", "budget deficit")],
    )


@pytest.fixture
def reports() -> pd.DataFrame:
    return table(
        {
            "a": [
                "Heavy rain fell on Monday in Ostra.",
                "The budget deficit grew, and the rain tax rose.",
                "Nothing else to report.",
            ],
            "b": ["Storm warnings were issued for Valdoria.", "A storm hit the coast."],
        }
    )


# --------------------------------------------------------------------------- lexicon


def test_shipped_lexicon_loads_and_every_theme_has_terms():
    assert (files("claimcompare") / "data" / "themes-china-central-asia.csv").is_file()
    themes = load_themes("china-central-asia")
    assert list(themes.columns) == list(THEME_COLUMNS)
    for theme in REQUIRED_THEMES:
        assert theme in set(themes["theme"]), theme
    sizes = themes.groupby("theme").size()
    assert (sizes >= 5).all(), sizes[sizes < 5]
    assert (themes["term"] == themes["term"].str.lower()).all()
    assert (themes["tokens"].str.len() > 0).all()
    assert not themes.duplicated(["theme", "term"]).any()


def test_shipped_lexicon_is_whole_words_not_stems():
    themes = load_themes("china-central-asia").set_index("term")
    assert themes.loc["belt and road", "tokens"] == "belt and road"
    assert themes.loc["terrorism", "tokens"] == "terrorism"
    assert themes.loc["hospital", "tokens"] == "hospital|hospitals"  # explicit forms, "hospitality" is none of them


@pytest.mark.parametrize(
    "content, message",
    [
        ("theme,word\nx,rain\n", "lacks column"),
        ("theme,term\nx,\n", "empty"),
        ("theme,term\nx,rain\nx,Rain\n", "twice"),
        ("theme,term\nx,the\n", "stop words"),
    ],
)
def test_bad_lexicon_is_refused(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_themes(path)


# --------------------------------------------------------------------------- theme shares


def test_theme_shares_known_answer(reports, weather_money):
    # a: 3 body sentences; weather in s1 ("rain") and s2 ("rain"), money in s2
    #    ("budget deficit" + "tax" = 2 hits). b: 2 body sentences; weather in s1
    #    only ("storm warnings"); "A storm hit" lacks "warning". Headlines ignored.
    out = theme_shares(reports, weather_money)
    assert list(out.columns) == ["doc_id", "theme", "sentences", "share", "hits"]
    got = {(r.doc_id, r.theme): (r.sentences, r.share, r.hits) for r in out.itertuples()}
    assert got == {
        ("a", "weather"): (2, pytest.approx(2 / 3), 2),
        ("a", "money"): (1, pytest.approx(1 / 3), 2),
        ("b", "weather"): (1, pytest.approx(1 / 2), 1),
        ("b", "money"): (0, 0.0, 0),
    }
    assert out["theme"].tolist() == ["weather", "money", "weather", "money"]  # lexicon order


def test_two_themes_in_one_sentence_count_for_both(reports, weather_money):
    hits = sentence_themes(reports, weather_money)
    both = hits[(hits["doc_id"] == "a") & (hits["position"] == 2)]
    assert both["theme"].tolist() == ["weather", "money"]
    assert both.set_index("theme").loc["money", "terms"] == "budget deficit; tax"
    shares = theme_shares(reports, weather_money)
    assert shares[shares["doc_id"] == "a"]["share"].sum() == pytest.approx(1.0)  # 2/3 + 1/3, with one sentence in neither


@pytest.mark.parametrize(
    "text, hits",
    [
        ("They agreed to build the Belt and Road.", 1),
        ("Belt-and-Road projects", 1),
        ("the belt, the road", 1),  # stop words and punctuation are not tokens
        ("the road and the belt", 1),  # order matters: only "road" on its own
        ("a belt on a road", 1),  # "a" and "on" are stop words: the tokens read "belt road"
        ("Belt and Road, and one more road", 2),  # the phrase once, then "road" alone
        ("", 0),
        ("“Belt” and “Road”", 1),  # curly quotes
    ],
)
def test_phrase_matching(tmp_path, text, hits):
    themes = lexicon(tmp_path, [("bri", "belt and road"), ("bri", "road")])
    got = sentence_themes(table({"d": [text]}, headline=False), themes)
    assert int(got["hits"].sum()) == hits


def test_prefix_folding_and_explicit_forms_match(tmp_path):
    themes = lexicon(tmp_path, [("security", "anti-terrorism", "anti-terror")])
    got = sentence_themes(table({"d": ["Counter-terrorism drills", "terrorism", "anti-terror talks"]}, headline=False), themes)
    assert got["position"].tolist() == [1, 3]  # "terrorism" alone lacks "anti"


def test_theme_shares_by_mapping_pools_documents(reports, weather_money):
    out = theme_shares(reports, weather_money, by={"a": "Outlet X", "b": "Outlet X"})
    assert list(out.columns)[0] == "group"
    weather = out.set_index("theme").loc["weather"]
    assert weather["sentences"] == 3 and weather["share"] == pytest.approx(3 / 5)


def test_unmapped_documents_are_left_out(reports, weather_money):
    out = theme_shares(reports, weather_money, by={"a": "A"})
    assert out["group"].unique().tolist() == ["A"]


def test_missing_by_column(reports, weather_money):
    with pytest.raises(KeyError):
        theme_shares(reports, weather_money, by="outlet")


# --------------------------------------------------------------------------- lead emphasis


@pytest.mark.parametrize(
    "weight, half_life, expected",
    [
        # hits at positions 1 and 3 of 3: (1 + 1/3) / (1 + 1/2 + 1/3) = (4/3) / (11/6) = 8/11
        ("inverse_rank", 3.0, 8 / 11),
        # weights 1, 1/2, 1/4: (1 + 1/4) / (7/4) = 5/7
        ("exponential", 1.0, 5 / 7),
        ("uniform", 3.0, 2 / 3),
    ],
)
def test_lead_emphasis_weights(tmp_path, weight, half_life, expected):
    themes = lexicon(tmp_path, [("weather", "rain")])
    s = table({"d": ["Rain at dawn.", "Markets opened.", "More rain later."]})
    out = lead_emphasis(s, themes, weight=weight, half_life=half_life)
    row = out.iloc[0]
    assert row["share"] == pytest.approx(2 / 3)
    assert row["weighted_share"] == pytest.approx(expected, abs=1e-12)
    assert row["shift"] == pytest.approx(expected - 2 / 3, abs=1e-12)


def test_lead_emphasis_rejects_unknown_weight(reports, weather_money):
    with pytest.raises(ValueError, match="weight"):
        lead_emphasis(reports, weather_money, weight="linear")
    with pytest.raises(ValueError, match="half_life"):
        lead_emphasis(reports, weather_money, weight="exponential", half_life=0)


def test_first_statements(reports, weather_money):
    out = first_statements(reports, n=2, themes=weather_money)
    assert list(out.columns) == ["doc_id", "position", "sent_id", "text", "themes"]
    assert out["position"].tolist() == [1, 2, 1, 2]
    assert out["sent_id"].tolist() == [1, 2, 1, 2]  # the headline (sent_id 0) is skipped
    assert out["themes"].tolist() == ["weather", "weather; money", "weather", ""]
    assert len(first_statements(reports, n=10)) == 5


# --------------------------------------------------------------------------- NMF

SUBJECTS = {
    "port": ["ships", "harbour", "cranes", "dock"],
    "farm": ["wheat", "harvest", "barley", "fields"],
    "vote": ["ballots", "election", "voters", "polling"],
}


@pytest.fixture
def three_subjects() -> pd.DataFrame:
    docs = {}
    for k, (subject, words) in enumerate(SUBJECTS.items()):
        docs[f"doc{k}"] = [f"The {words[i % 4]} and the {words[(i + 1) % 4]} were {words[(i + 2) % 4]} news." for i in range(4)]
    return table(docs)


def test_nmf_is_deterministic_and_shaped(three_subjects):
    first = nmf_topics(three_subjects, n_topics=3, top_terms=4, max_df=1.0)
    second = nmf_topics(three_subjects, n_topics=3, top_terms=4, max_df=1.0)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])
    topics, doc_topic = first
    assert list(topics.columns) == ["topic", "rank", "term", "stem", "weight"]
    assert list(doc_topic.columns) == ["doc_id", "topic", "share"]
    assert sorted(topics["topic"].unique()) == [1, 2, 3]
    assert topics.groupby("topic")["rank"].apply(list).tolist() == [[1, 2, 3, 4]] * 3
    assert (topics["weight"] > 0).all()
    assert len(doc_topic) == 9
    assert doc_topic.groupby("doc_id")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_nmf_separates_three_subjects(three_subjects):
    topics, doc_topic = nmf_topics(three_subjects, n_topics=3, top_terms=4, max_df=1.0)
    groups = topics.groupby("topic")["term"].apply(set).tolist()
    assert sorted(sorted(g) for g in groups) == sorted(sorted(w) for w in SUBJECTS.values())
    assert (doc_topic.groupby("doc_id")["share"].max() > 0.9).all()


def test_nmf_caps_topics_and_handles_empty(three_subjects):
    topics, _ = nmf_topics(three_subjects.head(3), n_topics=10, max_df=1.0)  # headline + 2 body sentences
    assert topics["topic"].max() <= 2
    empty = three_subjects[three_subjects["role"] != "body"]
    topics, doc_topic = nmf_topics(empty)
    assert topics.empty and doc_topic.empty and "topic" in topics.columns


def test_topic_theme_overlap(tmp_path):
    themes = lexicon(tmp_path, [("farm", "wheat"), ("farm", "harvest"), ("port", "ship", "ships"), ("port", "state visit")])
    topics = pd.DataFrame(
        {"topic": [1, 1, 1, 2], "rank": [1, 2, 3, 1], "term": ["harvest", "ships", "wheat", "state"], "stem": ["harvest", "ship", "wheat", "state"], "weight": [1.0, 0.5, 0.2, 1.0]}
    )
    out = topic_theme_overlap(topics, themes)
    assert out.to_dict("records") == [
        {"topic": 1, "theme": "farm", "n_terms": 2, "terms": "harvest, wheat"},
        {"topic": 1, "theme": "port", "n_terms": 1, "terms": "ships"},
    ]  # "state" of "state visit" is no protocol word on its own: topic 2 has no row


# --------------------------------------------------------------------------- log-odds


def counts_table(rows: dict[str, dict[str, int]]) -> pd.DataFrame:
    return pd.DataFrame([(g, t, n) for g, c in rows.items() for t, n in c.items()], columns=["group", "term", "count"])


THREE = {"A": {"x": 2, "y": 1}, "B": {"x": 1, "y": 2}, "C": {"x": 1, "y": 1}}


def test_log_odds_hand_computed():
    # N = 8 tokens; corpus counts x = 4, y = 4; default alpha0 = N = 8, so alpha_x = alpha_y = 4.
    # A vs rest (B+C), term x: y_i = 2, n_i = 3, y_j = 2, n_j = 5
    #   delta = ln((2+4)/(3+8-2-4)) - ln((2+4)/(5+8-2-4)) = ln(6/5) - ln(6/7) = ln(7/5)
    #   variance = 1/(2+4) + 1/(2+4) = 1/3;  z = ln(7/5) / sqrt(1/3)
    # A vs rest, term y: y_i = 1, n_i = 3, y_j = 3, n_j = 5
    #   delta = ln(5/(3+8-1-4)) - ln(7/(5+8-3-4)) = ln(5/6) - ln(7/6) = ln(5/7)
    #   variance = 1/5 + 1/7 = 12/35;  z = ln(5/7) / sqrt(12/35)
    # C vs rest, term x: y_i = 1, n_i = 2, y_j = 3, n_j = 6
    #   delta = ln(5/(2+8-1-4)) - ln(7/(6+8-3-4)) = ln(1) - ln(1) = 0;  z = 0
    out = log_odds_dirichlet(counts_table(THREE)).set_index(["group", "term"])
    assert list(out.reset_index().columns) == ["group", "term", "count", "delta", "variance", "z"]
    ax = out.loc[("A", "x")]
    assert ax["count"] == 2
    assert ax["delta"] == pytest.approx(math.log(7 / 5), abs=1e-9)
    assert ax["variance"] == pytest.approx(1 / 3, abs=1e-9)
    assert ax["z"] == pytest.approx(math.log(7 / 5) / math.sqrt(1 / 3), abs=1e-9)
    ay = out.loc[("A", "y")]
    assert ay["delta"] == pytest.approx(math.log(5 / 7), abs=1e-9)
    assert ay["z"] == pytest.approx(math.log(5 / 7) / math.sqrt(12 / 35), abs=1e-9)
    assert out.loc[("C", "x"), "delta"] == pytest.approx(0.0, abs=1e-9)
    assert out.loc[("C", "x"), "z"] == pytest.approx(0.0, abs=1e-9)


def test_log_odds_explicit_prior_and_alpha0():
    # uniform prior {x: 1, y: 1} scaled to alpha0 = 2: alpha_x = alpha_y = 1.
    # A, x: delta = ln(3/(3+2-2-1)) - ln(3/(5+2-2-1)) = ln(3/2) - ln(3/4) = ln 2
    #   variance = 1/3 + 1/3 = 2/3;  z = ln 2 / sqrt(2/3)
    out = log_odds_dirichlet(counts_table(THREE), prior={"x": 5.0, "y": 5.0}, alpha0=2).set_index(["group", "term"])
    assert out.loc[("A", "x"), "delta"] == pytest.approx(math.log(2), abs=1e-9)
    assert out.loc[("A", "x"), "z"] == pytest.approx(math.log(2) / math.sqrt(2 / 3), abs=1e-9)


def test_three_groups_one_against_the_pooled_rest():
    three = log_odds_dirichlet(counts_table(THREE))
    pooled = {"A": THREE["A"], "rest": {t: THREE["B"][t] + THREE["C"][t] for t in ("x", "y")}}
    two = log_odds_dirichlet(counts_table(pooled))
    a3 = three[three["group"] == "A"].reset_index(drop=True)
    a2 = two[two["group"] == "A"].reset_index(drop=True)
    pd.testing.assert_frame_equal(a3, a2)
    assert sorted(three["group"].unique()) == ["A", "B", "C"]


def test_two_groups_are_mirror_images():
    out = log_odds_dirichlet(counts_table({"A": {"x": 3, "y": 1, "z": 0}, "B": {"x": 1, "y": 4, "z": 2}}))
    z = out.set_index(["group", "term"])["z"]
    for term in ("x", "y", "z"):
        assert z[("A", term)] == pytest.approx(-z[("B", term)], abs=1e-12)
    assert out[out["group"] == "A"]["term"].tolist() == ["x", "z", "y"]  # A over-uses x; z (0 vs 2) is less under-used than y (1 vs 4)


def test_log_odds_sorted_with_term_tie_break():
    out = log_odds_dirichlet(counts_table({"A": {"b": 1, "a": 1, "c": 1}, "B": {"d": 3}}))
    a = out[out["group"] == "A"]
    assert a["z"].is_monotonic_decreasing
    assert a["term"].tolist()[:3] == ["a", "b", "c"]  # equal z: alphabetical


@pytest.mark.parametrize(
    "rows, kwargs, error",
    [
        ({"A": {"x": -1}, "B": {"x": 1}}, {}, "counts must be >= 0"),
        ({"A": {"x": 1}, "B": {"y": 1}}, {"prior": {"x": 1.0}}, "prior lacks"),
        ({"A": {"x": 1}, "B": {"y": 1}}, {"alpha0": 0}, "alpha0"),
    ],
)
def test_log_odds_errors(rows, kwargs, error):
    with pytest.raises(ValueError, match=error):
        log_odds_dirichlet(counts_table(rows), **kwargs)


@pytest.mark.parametrize(
    "rows",
    [{}, {"A": {"x": 3, "y": 1}}, {"A": {"x": 3}, "B": {"x": 0}}],
    ids=["empty", "one group", "second group all zero"],
)
def test_log_odds_needs_two_groups(rows):
    out = log_odds_dirichlet(counts_table(rows) if rows else pd.DataFrame(columns=["group", "term", "count"]))
    assert out.empty and list(out.columns) == ["group", "term", "count", "delta", "variance", "z"]


def test_distinctive_terms_per_group_with_readable_surface_forms():
    s = table(
        {
            "a": ["It is important to talk.", "Important talks on wheat."],
            "b": ["Grain import rose.", "The import of grain doubled."],
            "c": ["Ships came to the harbour.", "The harbour was full of ships."],
        }
    )
    out = distinctive_terms(s, top=2, min_count=2)
    assert list(out.columns) == ["group", "term", "stem", "count", "delta", "variance", "z"]
    assert out.groupby("group").size().to_dict() == {"a": 2, "b": 2, "c": 2}
    assert set(out[out["group"] == "a"]["term"]) == {"important", "talk"}  # "talk"/"talks": tie, alphabetical
    terms = out.set_index(["group", "stem"])["term"]
    assert terms[("a", "import")] == "important" and terms[("b", "import")] == "import"
    assert set(out[out["group"] == "c"]["term"]) == {"ships", "harbour"}
    assert (out["count"] >= 2).all()
    by_outlet = distinctive_terms(s, by={"a": "X", "b": "X", "c": "Y"}, top=1)
    assert by_outlet["group"].tolist() == ["X", "Y"]


@pytest.mark.parametrize("docs", [{}, {"only": ["One report alone.", "Nothing to compare."]}], ids=["empty", "one document"])
def test_distinctive_terms_empty(docs):
    s = table(docs) if docs else pd.DataFrame(columns=["doc_id", "sent_id", "paragraph", "role", "text"])
    assert distinctive_terms(s).empty


@pytest.mark.parametrize(
    "func",
    [
        lambda s, t: theme_shares(s, t),
        lambda s, t: lead_emphasis(s, t),
        lambda s, t: sentence_themes(s, t),
        lambda s, t: first_statements(s, themes=t),
    ],
    ids=["theme_shares", "lead_emphasis", "sentence_themes", "first_statements"],
)
@pytest.mark.parametrize("only_headlines", [False, True], ids=["no rows", "no body rows"])
def test_empty_inputs(func, only_headlines, weather_money):
    s = table({"d": []}) if only_headlines else pd.DataFrame(columns=["doc_id", "sent_id", "paragraph", "role", "text"])
    out = func(s, weather_money)
    assert out.empty and len(out.columns) >= 4


def test_doc_labels():
    docs = pd.DataFrame(
        {
            "doc_id": ["np-1", "np-2", "bw-1", "x"],
            "outlet": ["Nordpress", "Nordpress", "Baltic Wire", None],
            "published": ["2024-03-04", "2024-03-04", "2024-03-03", "2024-01-01"],
        }
    )
    labels = doc_labels(docs)
    assert labels.to_dict() == {
        "bw-1": "Baltic Wire 2024-03-03",
        "np-1": "Nordpress 2024-03-04 (np-1)",
        "np-2": "Nordpress 2024-03-04 (np-2)",
        "x": "x",
    }


# --------------------------------------------------------------------------- charts


def test_plot_theme_shares_bars_labels_order(reports, weather_money):
    shares = theme_shares(reports, weather_money, by={"a": "Zeta", "b": "Alpha"})
    ax = plot_theme_shares(shares)
    assert len(ax.patches) == 2 * 2  # 2 themes x 2 groups
    assert [t.get_text() for t in ax.get_xticklabels()] == ["weather", "money"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Alpha", "Zeta"]
    assert "%" in ax.get_ylabel() and ax.get_title()
    # first group's bars are Alpha's: weather 50%, money 0%
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([50.0, 0.0, 200 / 3, 100 / 3])
    plt.close(ax.figure)


def test_plot_theme_shares_drops_empty_themes(tmp_path, reports):
    themes = lexicon(tmp_path, [("weather", "rain"), ("sport", "football")])
    shares = theme_shares(reports, themes)
    assert len(plot_theme_shares(shares).patches) == 2
    fig, ax = plt.subplots()
    assert plot_theme_shares(shares, ax=ax, drop_empty=False) is ax
    assert len(ax.patches) == 4
    plt.close("all")


def test_plot_lead_emphasis(reports, weather_money):
    lead = lead_emphasis(reports, weather_money)
    ax = plot_lead_emphasis(lead)
    assert len(ax.patches) == 4
    assert len(ax.lines) == 2  # one line of unweighted-share ticks per group
    assert "position-weighted" in ax.get_ylabel()
    assert "unweighted share" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(ax.figure)


def test_plot_distinctive_terms_order():
    terms = pd.DataFrame(
        {
            "group": ["B", "A", "A", "B"],
            "term": ["ships", "wheat", "grain", "harbour"],
            "stem": ["ship", "wheat", "grain", "harbour"],
            "count": [3, 2, 4, 2],
            "delta": [1.0, 0.5, 0.9, 0.4],
            "variance": [0.3, 0.5, 0.25, 0.5],
            "z": [1.8, 0.7, 1.8, 0.6],
        }
    )
    ax = plot_distinctive_terms(terms)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["grain", "wheat", "ships", "harbour"]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in dots] == [2, 2]  # one scatter per group
    assert list(dots[0].get_offsets()[:, 0]) == [1.8, 0.7]  # group A: grain then wheat
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]
    assert "z" in ax.get_xlabel()
    plt.close(ax.figure)


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    return corpus, sentences_table(corpus)


def test_seeds_themes_of_the_27_july_meeting(seeds):
    corpus, sentences = seeds
    docs = corpus.documents
    meeting = docs[docs["event_date"] == "2021-07-27"]["doc_id"].tolist()
    assert len(meeting) == 3
    shares = theme_shares(sentences, load_themes("china-central-asia")).set_index(["doc_id", "theme"])["share"]
    for doc in meeting:  # every report of the Rahmon-Wei talks mentions Afghanistan/region, security and the military
        for theme in ("Afghanistan and region", "security and terrorism", "military cooperation"):
            assert shares[(doc, theme)] > 0.2, (doc, theme)
    pandemic = shares.xs("pandemic and health", level="theme")
    assert pandemic.idxmax() == "xinhua-2021-07-15"  # the Wang Yi report dwells on COVID-19


def test_seeds_distinctive_terms_and_nmf(seeds):
    corpus, sentences = seeds
    labels = doc_labels(corpus.documents)
    terms = distinctive_terms(sentences, by=labels, top=3, min_count=2)
    assert set(terms["group"]) == set(labels)
    top = terms.groupby("group").head(1).set_index("group")["term"]
    assert top["China Daily 2021-07-29"] == "russia"  # most of its text reports Wei's talks with Shoigu
    first = nmf_topics(sentences)
    second = nmf_topics(sentences)
    pd.testing.assert_frame_equal(first[0], second[0])
    assert first[0]["topic"].nunique() == 6


def test_findings_are_made_from_the_tables():
    from claimcompare.emphasis import lead_findings, theme_findings

    shares = pd.DataFrame({"group": ["x", "x", "x", "y"], "theme": ["energy", "health", "courts", "energy"], "share": [0.5, 0.25, 0.75, 0.0]})
    assert theme_findings(shares) == [
        "x: most sentences mention courts (75% of body sentences) and energy (50% of body sentences).",
        "y: no body sentence mentions a theme of the lexicon.",
    ]
    lead = pd.DataFrame({"group": ["x", "x", "y"], "theme": ["energy", "health", "energy"],
                         "share": [0.2, 0.6, 0.4], "weighted_share": [0.5, 0.3, 0.42]})  # fmt: skip
    assert lead_findings(lead) == [
        "x: leads with energy (50% weighted against 20% overall); keeps health for later (30% weighted against 60%).",
        "y: its opening follows its overall mix of themes.",
    ]

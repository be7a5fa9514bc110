"""Tests for the theme lexicons of claimcompare.emphasis: format, whole-word matching, choice of lexicon.

Fixtures are short invented news paragraphs (invented countries Valdoria,
Ostrenia and Kessaria, invented people) of several kinds of news, plus tiny
hand-written lexicons.  Nothing here reads the benchmark's test events.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from claimcompare.errors import CorpusError
from claimcompare.emphasis import (
    DEFAULT_LEXICON,
    THEME_COLUMNS,
    LexiconError,
    available_lexicons,
    first_statements,
    lead_emphasis,
    load_themes,
    sentence_themes,
    theme_shares,
    topic_theme_overlap,
)

#: Themes the general lexicon must cover (issue 11).
GENERAL_THEMES = [
    "diplomacy",
    "security and defence",
    "conflict and war",
    "economy and trade",
    "energy",
    "health",
    "environment and disasters",
    "law and courts",
    "elections and politics",
    "human rights",
    "technology",
    "protocol and ceremony",
]


def body(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    rows = [(doc_id, i, i, "body", t) for i, t in enumerate(texts)]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "paragraph", "role", "text"])


def themes_of(text: str, lexicon: object = None) -> set[str]:
    return set(sentence_themes(body(text), lexicon)["theme"])


# --------------------------------------------------------------------------- shipped lexicons


def test_default_is_the_general_lexicon():
    assert DEFAULT_LEXICON == "general"
    themes = load_themes()
    assert list(themes.columns) == list(THEME_COLUMNS)
    for theme in GENERAL_THEMES:
        assert theme in set(themes["theme"]), theme
    sizes = themes.groupby("theme").size()
    assert (sizes >= 10).all(), sizes[sizes < 10]
    assert not themes.duplicated(["theme", "term"]).any()
    pd.testing.assert_frame_equal(themes, load_themes("general"))


def test_available_lexicons():
    out = available_lexicons()
    assert list(out.columns) == ["name", "file", "themes", "terms"]
    assert out["name"].tolist() == sorted(out["name"])
    assert {"general", "china-central-asia"} <= set(out["name"])
    row = out.set_index("name").loc["general"]
    assert row["file"] == "themes-general.csv" and row["themes"] >= len(GENERAL_THEMES)


def test_china_central_asia_lexicon_by_name():
    themes = load_themes("china-central-asia")
    for theme in ("security and terrorism", "Afghanistan and region", "economy and Belt and Road", "pandemic and health"):
        assert theme in set(themes["theme"])


@pytest.mark.parametrize("name", ["general", "china-central-asia"])
def test_shipped_lexicons_have_no_prefix_stems(name):
    """Every form is whole lower-case words; no form is a stop word alone."""
    themes = load_themes(name)
    assert (themes["term"] == themes["term"].str.lower()).all()
    forms = themes["forms"].str.split("|").explode()
    assert not forms.str.contains(r"\*|\?", regex=True).any()
    assert (forms.str.len() > 0).all()


# --------------------------------------------------------------------------- no stem collisions


@pytest.mark.parametrize(
    "text, absent",
    [
        ("The delegation thanked its hosts for their warm hospitality.", "health"),
        ("The talks were held in a palace on the river.", "environment and disasters"),
        ("The new bridge over the river opened on Monday.", "environment and disasters"),
        ("The ship docked at the port of Kessa.", "economy and trade"),
        ("Officials courted the visiting envoy.", "law and courts"),
        ("The minister spoke of warming relations.", "environment and disasters"),
        ("The company's shares rose on the news.", "elections and politics"),
        ("Kim Jong Un will travel by train.", "diplomacy"),
        ("The UN Security Council met on Friday.", "security and defence"),  # the longer phrase wins
        ("He said the state would act.", "law and courts"),
        ("The party was held at the embassy.", "elections and politics"),
        ("The ruling coalition lost its majority.", "law and courts"),
        ("The opposition criticised the ruling party.", "law and courts"),
    ],
)
def test_general_lexicon_has_no_stem_or_substring_collisions(text, absent):
    assert absent not in themes_of(text)


@pytest.mark.parametrize("lexicon", ["general", "china-central-asia"])
def test_hospitality_is_not_health_and_port_is_not_belt_and_road(lexicon):
    hit = themes_of("The ship docked at the port after a week of hospitality.", lexicon)
    assert not {"health", "pandemic and health", "economy and Belt and Road"} & hit


@pytest.mark.parametrize(
    "text, theme",
    [
        ("Hospitals in the city were overwhelmed.", "health"),
        ("The river burst its banks and flooded the town.", "environment and disasters"),
        ("The judges ruled on Tuesday.", "law and courts"),
        ("Voters cast their ballots in the runoff.", "elections and politics"),
        ("The UN Security Council met on Friday.", "diplomacy"),
        ("Troops were deployed to the border.", "security and defence"),
        ("Oil prices rose after the output cut.", "energy"),
        ("They signed a trade agreement on tariffs.", "economy and trade"),
        ("The warring parties agreed to a ceasefire.", "conflict and war"),
        ("Rights groups condemned the torture of detainees.", "human rights"),
        ("The chipmaker unveiled an artificial intelligence model.", "technology"),
        ("A guard of honour greeted the visiting president at the airport.", "protocol and ceremony"),
    ],
)
def test_general_lexicon_finds_explicit_forms(text, theme):
    assert theme in themes_of(text)


def test_global_longest_match_across_themes(tmp_path):
    lex = pd.DataFrame({"theme": ["un", "security", "security"], "term": ["security council", "security", "council"]})
    hits = sentence_themes(body("The Security Council met; security was tight."), lex)
    assert hits.set_index("theme")["hits"].to_dict() == {"un": 1, "security": 1}


def test_same_term_under_two_themes_counts_for_both():
    lex = pd.DataFrame({"theme": ["a", "b"], "term": ["sanctions", "sanctions"]})
    assert set(sentence_themes(body("New sanctions."), lex)["theme"]) == {"a", "b"}


# --------------------------------------------------------------------------- file format


def test_forms_column_lists_inflections(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("theme,term,forms\nhealth,hospital,hospitals\nhealth,vaccinate,vaccinated|vaccinating\n", encoding="utf-8")
    themes = load_themes(path)
    assert themes["forms"].tolist() == ["hospital|hospitals", "vaccinate|vaccinated|vaccinating"]
    hits = sentence_themes(body("Hospitals vaccinated staff.", "Hospitality.", "The hospital's wards."), themes)
    assert hits["sent_id"].tolist() == [0, 2]
    assert hits["terms"].tolist() == ["hospital; vaccinate", "hospital"]  # reported under the term, not the form
    assert hits["hits"].tolist() == [2, 1]


def test_file_without_forms_matches_the_term_only(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("theme,term\nhealth,hospital\n", encoding="utf-8")
    themes = load_themes(path)
    assert themes["forms"].tolist() == ["hospital"]
    assert sentence_themes(body("Hospitals opened."), themes).empty


def test_load_themes_is_idempotent():
    themes = load_themes("general")
    pd.testing.assert_frame_equal(load_themes(themes), themes)


def test_phrase_keeps_its_words_and_ignores_punctuation_and_case():
    lex = pd.DataFrame({"theme": ["law"], "term": ["court of justice"]})
    got = sentence_themes(body("The International Court of Justice ruled.", "The Court’s justice.", "COURT-OF-JUSTICE"), lex)
    assert got["sent_id"].tolist() == [0, 2]


# --------------------------------------------------------------------------- the user's own lexicon


@pytest.fixture
def rainy() -> pd.DataFrame:
    return body("Heavy rain fell.", "Markets opened.", "More rain is due.", doc_id="x")


@pytest.mark.parametrize("kind", ["path", "str path", "frame", "loaded"])
def test_every_function_takes_a_user_lexicon(tmp_path, rainy, kind):
    path = tmp_path / "weather lexicon.csv"
    raw = pd.DataFrame({"theme": ["weather"], "term": ["rain"]})
    raw.to_csv(path, index=False)
    lex = {"path": path, "str path": str(path), "frame": raw, "loaded": load_themes(path)}[kind]
    assert theme_shares(rainy, lex)["sentences"].tolist() == [2]
    assert lead_emphasis(rainy, lex)["share"].tolist() == pytest.approx([2 / 3])
    assert sentence_themes(rainy, lex)["sent_id"].tolist() == [0, 2]
    assert first_statements(rainy, n=2, themes=lex)["themes"].tolist() == ["weather", ""]
    topics = pd.DataFrame({"topic": [1], "rank": [1], "term": ["rain"], "stem": ["rain"], "weight": [1.0]})
    assert topic_theme_overlap(topics, lex)["theme"].tolist() == ["weather"]


def test_default_lexicon_when_none_given(rainy):
    shares = theme_shares(rainy)
    assert set(shares["theme"]) == set(load_themes()["theme"])


def test_topic_overlap_uses_surface_words_not_stems():
    topics = pd.DataFrame({"topic": [1, 1], "rank": [1, 2], "term": ["hospitality", "hospitals"], "stem": ["hospit", "hospit"], "weight": [1.0, 0.5]})
    out = topic_theme_overlap(topics, "general")
    got = out[out["theme"] == "health"]
    assert got["terms"].tolist() == ["hospitals"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("theme,word\nx,rain\n", "lacks column"),
        ("theme,term\nx,\n", "empty"),
        ("theme,term\nx,rain\nx,Rain\n", "twice"),
        ("theme,term\nx,the\n", "stop words"),
        ("theme,term,forms\nx,rain,us\n", "stop words"),
        ("theme,term,forms\nx,rain,rain*\n", "whole words"),
        ("theme,term\nx,hospit*\n", "whole words"),
        ("", "empty"),
        ("theme,term\n\"x,rain\n", "read"),
    ],
)
def test_bad_user_lexicon_is_one_clear_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        load_themes(path)
    assert isinstance(err.value, CorpusError) and isinstance(err.value, ValueError)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_unknown_name_or_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="general"):  # lists the names there are
        load_themes("genral")
    with pytest.raises(LexiconError, match="no such file"):
        load_themes(tmp_path / "nothere.csv")
    with pytest.raises(LexiconError, match="not a file"):
        load_themes(tmp_path)
    with pytest.raises(LexiconError, match="lacks column"):
        load_themes(pd.DataFrame({"theme": ["x"]}))


# --------------------------------------------------------------------------- invented news of several kinds

PARAGRAPHS = {
    "court ruling": (
        "law and courts",
        [
            "The Supreme Court of Valdoria on Tuesday struck down a law that barred former ministers from standing for office.",
            "In a 5-2 ruling, the judges said the ban violated the constitution.",
            "The former finance minister, who was convicted of fraud in 2019, had appealed against the verdict.",
            "Prosecutors said they would study the judgment before deciding whether to seek a retrial.",
        ],
    ),
    "earthquake": (
        "environment and disasters",
        [
            "A magnitude 6.8 earthquake struck the mountainous north of Ostrenia early on Sunday, killing at least 140 people.",
            "Rescuers searched through the rubble of collapsed homes as aftershocks rattled the region.",
            "The national disaster agency said more than 2,000 people had been left homeless.",
            "The quake was followed by landslides that blocked the main road to the worst-hit villages.",
        ],
    ),
    "election": (
        "elections and politics",
        [
            "Kessaria's opposition leader Mira Dovan won Sunday's presidential runoff with 52.1 percent of the vote, the election commission said.",
            "Turnout was 84 percent, and observers said the vote was largely free but the campaign was unequal.",
            "The incumbent conceded defeat late on Sunday and congratulated his rival.",
            "Dovan told cheering supporters that her victory was a mandate for change.",
        ],
    ),
    "trade deal": (
        "economy and trade",
        [
            "Valdoria and Ostrenia signed a free trade agreement on Thursday that will remove tariffs on most goods within ten years.",
            "Bilateral trade reached 14 billion dollars last year, and exports of grain and machinery are expected to grow.",
            "Business groups welcomed the deal, while farmers warned that cheaper imports would hurt local producers.",
            "The agreement must still be ratified by both parliaments.",
        ],
    ),
    "state visit": (
        "protocol and ceremony",
        [
            "President Arlo Venn arrived in Kessa on Monday for a three-day state visit, the first by a Valdorian leader in a decade.",
            "He was welcomed at the airport by the prime minister and inspected a guard of honour.",
            "In the evening the king hosted a state banquet in his honour.",
            "Venn laid a wreath at the tomb of the unknown soldier on Tuesday.",
        ],
    ),
    "oil output": (
        "energy",
        [
            "Ostrenia will cut its crude oil production by 300,000 barrels per day from May, the energy ministry said.",
            "The cut comes on top of earlier output reductions agreed with other producers.",
            "Oil prices jumped 5 percent after the announcement.",
            "Analysts said the move could push fuel prices higher for importers.",
        ],
    ),
    "epidemic": (
        "health",
        [
            "Health authorities in Valdoria reported 312 new cholera cases on Wednesday, most of them children.",
            "Hospitals in the capital are overwhelmed, and the World Health Organization sent vaccines and medical staff.",
            "The outbreak began after heavy rains contaminated drinking water.",
        ],
    ),
    "border clashes": (
        "conflict and war",
        [
            "Fighting between Ostrenian forces and rebels killed at least 30 civilians in the east on Friday.",
            "Rebels shelled the town overnight, and the army responded with airstrikes.",
            "Both sides accused each other of violating the ceasefire agreed in March.",
        ],
    ),
}


@pytest.mark.parametrize("kind", sorted(PARAGRAPHS))
def test_invented_news_gets_its_expected_top_theme(kind):
    expected, texts = PARAGRAPHS[kind]
    shares = theme_shares(body(*texts, doc_id=kind))
    ranked = shares.sort_values(["share", "hits"], ascending=False, kind="stable")
    top = ranked.iloc[0]
    assert top["theme"] == expected, ranked.head(4).to_string()
    second = ranked.iloc[1]
    assert (top["share"], top["hits"]) > (second["share"], second["hits"]), ranked.head(4).to_string()

"""Tests for claimcompare.attribution: who is said to say what.

Fixtures are short invented reports (Valdorian Foreign Minister Petra Lind,
Ostrenian Foreign Minister Amos Vey, Ostrenian Prime Minister Jon Ashe,
Valdorian President Ilse Marrow), independent of the seeds; a few tests at the
end run on the seeds and their hand-made gold.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from claimcompare import load_corpus, sentences_table
from claimcompare.attribution import (
    AGREEMENT_COLUMNS,
    GOLD_COMPARISON_COLUMNS,
    SHARE_COLUMNS,
    SPEAKER_COLUMNS,
    Speaker,
    article_speakers,
    attribute_speakers,
    attribution_agreement,
    compare_to_gold,
    load_speaker_gold,
    names_agree,
    plot_speaker_shares,
    same_speaker,
    score_attribution,
    speaker_shares,
)
from claimcompare.errors import CorpusError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "speakers-2021-07-27.csv"

#: An opening sentence that introduces both ministers by title, as agency reports do.
INTRO = "Valdorian Foreign Minister Petra Lind met Ostrenian Foreign Minister Amos Vey in Ostra on Sunday."


def table(docs: dict[str, list[str]], *, role: str = "body") -> pd.DataFrame:
    """A sentences table (SENTENCE_COLUMNS) from lists of sentences, offsets as if joined by one space."""
    rows = []
    for doc_id, texts in docs.items():
        pos = 0
        for k, text in enumerate(texts):
            rows.append((doc_id, k, k, pos, pos + len(text), role, text))
            pos += len(text) + 1
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "paragraph", "start", "end", "role", "text"])


def last_speaker(texts: list[str]) -> tuple[str, str, str]:
    out = attribute_speakers(table({"d": texts}))
    row = out.iloc[-1]
    return row["speaker"], row["speaker_type"], row["cue"]


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("sentence", "speaker", "speaker_type"),
    [
        # leading reporting verb with a named subject
        ("Lind said the crossings would reopen in April.", "Lind", "person"),
        ("Lind said that the crossings would reopen in April.", "Lind", "person"),
        ("Vey stressed that engineers would start work within weeks.", "Vey", "person"),
        ("Vey also noted that the bridge was unsafe.", "Vey", "person"),
        ("Lind urged both sides to respect the ceasefire.", "Lind", "person"),
        ("Vey called on the two sides to share the cost.", "Vey", "person"),
        ("Lind told reporters that the crossings would reopen.", "Lind", "person"),
        ("Vey warned against delays on the river.", "Vey", "person"),
        ("Lind thanked Ostrenia for its help after the floods.", "Lind", "person"),
        ("Vey sincerely congratulated Valdoria on the new bridge.", "Vey", "person"),
        ("Lind was quoted as saying that trade would double.", "Lind", "person"),
        # the title is dropped; the full name stays when the article never uses the surname alone
        ("Valdorian Foreign Minister Petra Lind pointed out that trade had doubled.", "Petra Lind", "person"),
        # trailing frames
        ("The crossings will reopen in April, Lind said.", "Lind", "person"),
        ("The crossings will reopen in April, Lind said on Sunday after the talks.", "Lind", "person"),
        ("\u201cWe will reopen the crossings,\u201d Vey told reporters.", "Vey", "person"),
        ("Ostrenia values the help of its neighbour, Vey said, adding that the bridge would open soon.", "Vey", "person"),
        ("The bridge, Vey said, would reopen in May.", "Vey", "person"),
        # trailing frame wins over a country as the subject of "thanks"
        ("Ostrenia sincerely thanks Valdoria for its support, Vey added.", "Vey", "person"),
        # according to
        ("The crossings will reopen in April, according to Valdorian Foreign Minister Petra Lind.", "Petra Lind", "person"),
        ("Trade fell by a third last year, according to a statement from the Valdorian Foreign Ministry.", "Valdorian Foreign Ministry", "group"),
        # For his part / participle after a fronted phrase
        ("For his part, Vey said that Ostrenia would simplify customs rules.", "Vey", "person"),
        ("Vey, for his part, said that Ostrenia would simplify customs rules.", "Vey", "person"),
        ("During the talks, Lind said the river was safe again.", "Lind", "person"),
        ("Noting that the floods had cut trade, Vey said the bridge came first.", "Vey", "person"),
        # groups
        ("The two sides agreed to set up a joint commission.", "two sides", "group"),
        ("Both sides stressed the importance of the river.", "two sides", "group"),
        ("The officials stressed that the floods had hit both countries.", "two sides", "group"),
        ("The ministers also discussed fishing quotas.", "two sides", "group"),
        ("Lind and Vey agreed to meet again in May.", "two sides", "group"),
        (
            "Valdorian Foreign Minister Petra Lind and Ostrenian Foreign Minister Amos Vey agreed to reopen three crossings.",
            "two sides",
            "group",
        ),
        ("Valdoria and Ostrenia will reopen the crossings, the foreign ministers of the two countries said.", "two sides", "group"),
        ("The ministry said in a statement that the border would stay open.", "ministry", "group"),
        ("Analysts say the deal is unlikely before June.", "analysts", "group"),
        # the outlet's own voice
        ("Particular attention was paid to the situation on the river.", "outlet", "outlet"),
        ("The discussion focused on trade and the river border.", "outlet", "outlet"),
        ("Heavy rain closed the Marro bridge again on Saturday.", "outlet", "outlet"),
        ("The two sides signed a memorandum on river safety.", "outlet", "outlet"),
        ("The said bridge was closed.", "outlet", "outlet"),
        ("", "outlet", "outlet"),
    ],
)
def test_rules_on_single_sentences(sentence, speaker, speaker_type):
    got_speaker, got_type, cue = last_speaker([INTRO, sentence])
    assert (got_speaker, got_type) == (speaker, speaker_type)
    assert cue


@pytest.mark.parametrize(
    ("texts", "speaker", "cue_part"),
    [
        # pronoun resolved to the last person named as subject of a reporting verb
        (["Lind said the crossings would reopen.", "She stressed that the cost would be shared."], "Lind", "pronoun -> Lind"),
        (["Vey said the bridge was unsafe.", "The crossings will stay closed until May, he added."], "Vey", "pronoun -> Vey"),
        (["Lind said trade would double.", "Vey said the bridge came first.", "He added that engineers were ready."], "Vey", "-> Vey"),
        # ... or of a narrated action
        (["Lind received Vey at the border on Monday.", "She said the crossings would reopen."], "Lind", "-> Lind"),
        # an object mention does not take over the pronoun
        (["During his meeting with Lind, Vey said trade would recover.", "He said the bridge came first."], "Vey", "-> Vey"),
        # definite descriptions
        (["Lind said trade would double.", "The minister noted that the bridge was closed."], "Lind", "-> Lind"),
        (["Vey said trade would double.", "The Ostrenian official also warned against delays."], "Vey", "-> Vey"),
        (["Valdorian President Ilse Marrow spoke first.", "Marrow said trade rose.", "The president said the river was safe."], "Marrow", "-> Marrow"),
        (["Valdorian President Ilse Marrow arrived first.", "The president said the river was safe."], "Ilse Marrow", "-> Ilse Marrow"),
        (["Vey said trade would double.", "The Ostrenian leader expressed hope for calm."], "Vey", "-> Vey"),
        # a country as a narrated subject is not a person for the pronoun
        (["Vey said trade would double.", "Valdoria has rebuilt two bridges.", "He said Ostrenia would follow."], "Vey", "-> Vey"),
    ],
)
def test_pronoun_and_description_chains(texts, speaker, cue_part):
    got_speaker, got_type, cue = last_speaker([INTRO, *texts])
    assert got_type == "person"
    assert got_speaker == speaker
    assert cue_part in cue


@pytest.mark.parametrize(
    ("texts", "speaker"),
    [
        (["Lind and Vey agreed to meet again.", "They also stressed the need for calm."], "two sides"),
        (["The officials stressed that trade had fallen.", "They also discussed fishing quotas."], "two sides"),
        (["Fishermen's unions had called for the crossings to reopen.", "They say the ban cost them markets."], "Fishermen's unions"),
    ],
)
def test_they_takes_the_last_group(texts, speaker):
    got_speaker, got_type, cue = last_speaker([INTRO, *texts])
    assert (got_speaker, got_type) == (speaker, "group")
    assert "pronoun" in cue


def test_pronoun_without_antecedent_is_a_person_as_written():
    got_speaker, got_type, cue = last_speaker(["He said the crossings would reopen."])
    assert (got_speaker, got_type) == ("he", "person")
    assert "pronoun" not in cue


def test_full_name_kept_when_the_article_never_uses_the_surname_alone():
    got_speaker, got_type, _ = last_speaker(["Ostrenian Foreign Minister Amos Vey said the bridge would reopen."])
    assert (got_speaker, got_type) == ("Amos Vey", "person")


def test_name_shortened_to_the_form_the_article_uses_alone():
    out = attribute_speakers(table({"d": ["Ostrenian Foreign Minister Amos Vey said the bridge would reopen.", "Vey said trade fell."]}))
    assert list(out["speaker"]) == ["Vey", "Vey"]


def test_outlet_cue_and_pronoun_cue():
    out = attribute_speakers(table({"d": [INTRO, "Vey said trade fell.", "It rained.", "He added that the bridge was shut."]}))
    assert list(out["cue"]) == ["no attribution", "Vey said", "no attribution", "He added: pronoun -> Vey"]


def test_pronouns_do_not_cross_articles():
    out = attribute_speakers(table({"a": ["Lind said trade would double."], "b": ["He said the bridge came first."]}))
    assert out.set_index("doc_id").loc["b", "speaker"] == "he"


# --------------------------------------------------------------------------- table shape


def test_output_columns_order_and_body_only():
    t = pd.concat(
        [
            table({"b": ["Headline about the river"]}, role="headline"),
            table({"b": [INTRO, "Vey said trade fell."], "a": ["Lind said trade rose."]}),
        ],
        ignore_index=True,
    )
    t.loc[0, "sent_id"] = 9  # headline rows never appear
    out = attribute_speakers(t.sample(frac=1.0, random_state=0))
    assert tuple(out.columns) == SPEAKER_COLUMNS
    assert list(zip(out["doc_id"], out["sent_id"])) == [("a", 0), ("b", 0), ("b", 1)]
    assert set(out["speaker_type"]) <= {"person", "group", "outlet"}


def test_empty_input():
    out = attribute_speakers(table({}))
    assert out.empty
    assert tuple(out.columns) == SPEAKER_COLUMNS
    assert out["sent_id"].dtype == "int64"


def test_document_with_no_body():
    t = pd.concat([table({"a": ["Lind said trade rose."]}), table({"b": ["Only a headline"]}, role="headline")])
    out = attribute_speakers(t)
    assert list(out["doc_id"]) == ["a"]
    shares = speaker_shares(out)
    assert list(shares["doc_id"]) == ["a"]


def test_missing_columns_raise():
    with pytest.raises(ValueError, match="role"):
        attribute_speakers(pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["x"]}))


def test_deterministic():
    t = table({"a": [INTRO, "Lind said trade rose.", "She added that the bridge was shut."], "b": ["They agreed."]})
    first = attribute_speakers(t)
    for _ in range(3):
        pd.testing.assert_frame_equal(attribute_speakers(t.iloc[::-1]), first)


# --------------------------------------------------------------------------- shares and chart

REPORTS = {
    "nordpress": [INTRO, "Lind said trade rose.", "She added that the bridge was shut.", "Vey said engineers were ready."],
    "wire": ["The two sides agreed to reopen the crossings.", "Vey said engineers were ready."],
}


def test_speaker_shares():
    shares = speaker_shares(attribute_speakers(table(REPORTS)))
    assert tuple(shares.columns) == SHARE_COLUMNS
    assert shares.groupby("doc_id")["share"].sum().round(9).tolist() == [1.0, 1.0]
    nord = shares[shares["doc_id"] == "nordpress"]
    assert list(nord["speaker"]) == ["Lind", "Vey", "outlet"]  # most sentences first, ties by type then name
    assert list(nord["sentences"]) == [2, 1, 1]
    assert nord["share"].tolist() == [0.5, 0.25, 0.25]


def test_speaker_shares_restricted_to_documents():
    speakers = attribute_speakers(table(REPORTS))
    docs = pd.DataFrame({"doc_id": ["wire", "nordpress"], "duplicate_of": [None, "wire"]})
    shares = speaker_shares(speakers, docs)
    assert set(shares["doc_id"]) == {"wire"}


def test_plot_speaker_shares_axes():
    shares = speaker_shares(attribute_speakers(table(REPORTS)))
    fig, ax = plt.subplots()
    out = plot_speaker_shares(shares, ax=ax)
    assert out is ax
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["nordpress", "wire"]
    # one bar per document and speaker: 2 documents x 4 speakers
    assert len(ax.patches) == 2 * 4
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Vey", "Lind", "two sides", "outlet"]  # persons by total share, then groups, then outlet
    assert "%" in ax.get_xlabel()
    assert "speaker" in ax.get_title()
    # top bar is the first document
    ticks = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    assert ticks["nordpress"] > ticks["wire"]
    widths = [p.get_width() for p in ax.patches]
    assert sum(widths) == pytest.approx(200.0)
    plt.close(fig)


def test_plot_accepts_speakers_table_and_empty():
    ax = plot_speaker_shares(attribute_speakers(table(REPORTS)))
    assert len(ax.get_yticklabels()) == 2
    plt.close(ax.figure)
    ax = plot_speaker_shares(speaker_shares(attribute_speakers(table({}))))
    assert len(ax.patches) == 0
    plt.close(ax.figure)


# --------------------------------------------------------------------------- agreement


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("person", "Wei"), ("person", "Wei Fenghe"), True),
        (("person", "lind"), ("person", "Petra Lind"), True),
        (("person", "Lind"), ("person", "Vey"), False),
        (("group", "two sides"), ("group", "ministry"), True),
        (("outlet", "outlet"), ("outlet", "outlet"), True),
        (("person", "Lind"), ("group", "two sides"), False),
        (("outlet", "outlet"), ("group", "two sides"), False),
    ],
)
def test_attribution_agreement_rules(a, b, same):
    speakers = pd.DataFrame(
        [("x", 0, a[1], a[0], ""), ("y", 3, b[1], b[0], "")], columns=list(SPEAKER_COLUMNS)
    )
    alignment = pd.DataFrame(
        [("x", 0, "text x", "y", 3, "text y", 0.5)], columns=["doc_a", "sent_a", "text_a", "doc_b", "sent_b", "text_b", "score"]
    )
    out = attribution_agreement(alignment, speakers)
    assert tuple(out.columns) == AGREEMENT_COLUMNS
    assert bool(out["same"].iloc[0]) is same
    assert (out["speaker_a"].iloc[0], out["speaker_b"].iloc[0]) == (a[1], b[1])


def test_attribution_agreement_on_tiny_alignment():
    speakers = attribute_speakers(table(REPORTS))
    alignment = pd.DataFrame(
        [
            ("wire", 1, "", "nordpress", 3, "", 0.9),  # Vey / Vey
            ("nordpress", 1, "", "wire", 0, "", 0.3),  # Lind / two sides
            ("nordpress", 0, "", "wire", 7, "", 0.2),  # sentence 7 does not exist
        ],
        columns=["doc_a", "sent_a", "text_a", "doc_b", "sent_b", "text_b", "score"],
    )
    out = attribution_agreement(alignment, speakers)
    assert list(zip(out["doc_a"], out["sent_a"])) == [("nordpress", 0), ("nordpress", 1), ("wire", 1)]
    assert out["same"].tolist() == [False, False, True]
    assert pd.isna(out["speaker_b"].iloc[0])
    assert attribution_agreement(alignment.iloc[:0], speakers).empty


# --------------------------------------------------------------------------- scoring


def gold_for(t: pd.DataFrame, labels: list[tuple[str, str]]) -> pd.DataFrame:
    body = t[t["role"] == "body"].reset_index(drop=True)
    return pd.DataFrame(
        {
            "doc_id": body["doc_id"],
            "start": body["start"],
            "end": body["end"],
            "speaker": [s for s, _ in labels],
            "speaker_type": [k for _, k in labels],
            "text": body["text"],
            "note": "",
        }
    )


def test_score_attribution_counts():
    t = table({"n": [INTRO, "Lind said trade rose.", "She added that the bridge was shut.", "They agreed."]})
    speakers = attribute_speakers(t)
    gold = gold_for(t, [("outlet", "outlet"), ("Petra Lind", "person"), ("Vey", "person"), ("officials", "group")])
    scores = score_attribution(speakers, t, gold)
    assert scores == {"accuracy": 0.75, "correct": 3, "total": 4}
    table_ = compare_to_gold(speakers, t, gold)
    assert tuple(table_.columns) == GOLD_COMPARISON_COLUMNS
    assert table_["correct"].tolist() == [True, True, False, True]


def test_score_attribution_unmatched_span_and_empty_gold():
    t = table({"n": ["Lind said trade rose."]})
    speakers = attribute_speakers(t)
    gold = pd.DataFrame([("n", 500, 600, "Lind", "person")], columns=["doc_id", "start", "end", "speaker", "speaker_type"])
    assert score_attribution(speakers, t, gold) == {"accuracy": 0.0, "correct": 0, "total": 1}
    assert compare_to_gold(speakers, t, gold)["sent_id"].tolist() == [-1]
    assert score_attribution(speakers, t, gold.iloc[:0])["total"] == 0
    with pytest.raises(ValueError, match="speaker_type"):
        score_attribution(speakers, t, gold.drop(columns="speaker_type"))


@pytest.mark.parametrize(("a", "b", "agree"), [("Wei", "wei fenghe", True), ("Emomali Rahmon", "Rahmon", True), ("Lind", "Vey", False), ("", "Vey", False)])
def test_names_agree(a, b, agree):
    assert names_agree(a, b) is agree


def test_load_speaker_gold_errors(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_speaker_gold(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,start,end,speaker\nx,0,1,Lind\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="speaker_type"):
        load_speaker_gold(bad)
    bad.write_text("doc_id,start,end,speaker,speaker_type\nx,0,1,Lind,people\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="people"):
        load_speaker_gold(bad)


# --------------------------------------------------------------------------- one home for the speaker


def test_article_speakers_resolve_pronouns_in_reading_order():
    """The chain the aligner's old frame rule handled (she/he -> the last named person) is handled here."""
    texts = [
        "Lind said that the three crossings would reopen in April.",
        "The crossings will be open day and night, she added.",
        "Vey said Ostrenia would simplify customs rules for farmers.",
        "Farmers will no longer need a permit to cross, he said.",
    ]
    got = article_speakers(texts)
    assert [(w.speaker, w.speaker_type, w.resolved) for w in got] == [
        ("Lind", "person", ""), ("Lind", "person", "pronoun"), ("Vey", "person", ""), ("Vey", "person", "pronoun"),
    ]  # fmt: skip
    assert all(isinstance(w, Speaker) for w in got)


def test_article_speakers_unresolved_pronoun_and_empty():
    (who,) = article_speakers(["The bridge will reopen in April, he added."])
    assert (who.speaker_type, who.resolved) == ("person", "unresolved")
    assert article_speakers([]) == []


def test_attribute_speakers_is_article_speakers_per_document():
    t = table({"a": [INTRO, "Vey said trade fell.", "He added that the bridge was shut."], "b": ["The two sides agreed to meet again."]})
    out = attribute_speakers(t)
    for doc_id, group in t.groupby("doc_id"):
        expected = [(w.speaker, w.speaker_type, w.cue) for w in article_speakers(group["text"].tolist())]
        got = out[out["doc_id"] == doc_id][["speaker", "speaker_type", "cue"]].itertuples(index=False, name=None)
        assert list(got) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("person", "Wei Fenghe"), ("person", "Wei"), True),
        (("person", "Lind"), ("person", "Vey"), False),
        (("group", "two sides"), ("group", "ministry"), True),
        (("group", "two sides"), ("person", "Vey"), False),
        (("outlet", "outlet"), ("outlet", "outlet"), True),
        ((float("nan"), float("nan")), ("person", "Vey"), False),
    ],
)
def test_same_speaker(a, b, same):
    assert same_speaker(a[0], a[1], b[0], b[1]) is same
    assert same_speaker(b[0], b[1], a[0], a[1]) is same


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    sentences = sentences_table(corpus)
    return corpus, sentences, attribute_speakers(sentences)


def test_seed_speakers_cover_every_body_sentence(seeds):
    _, sentences, speakers = seeds
    assert len(speakers) == int((sentences["role"] == "body").sum())
    assert speakers["speaker"].map(len).min() > 0


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("He noted that the extension", "Wei"),  # pronoun after "Wei said"
        ("Russia is willing to further boost", "Shoigu"),  # ", he said." after "Shoigu said"
        ("He said that considering the new situation", "Wei"),  # Rahmon only an object in the sentence before
        ("For his part, Wei said", "Wei"),
        ("Tajikistan sincerely thanks China", "Rahmon"),  # ", he added." wins over the country subject
    ],
)
def test_seed_examples(seeds, opening, speaker):
    _, sentences, speakers = seeds
    row = sentences[sentences["text"].str.startswith(opening)].iloc[0]
    got = speakers.set_index(["doc_id", "sent_id"]).loc[(row["doc_id"], row["sent_id"])]
    assert (got["speaker"], got["speaker_type"]) == (speaker, "person")


def test_seed_gold_floor(seeds):
    """Accuracy on the hand-made gold (33 body sentences of the 27 July 2021 reports), measured after the rules were written."""
    if not GOLD.is_file():
        pytest.skip("gold speakers file not written yet")
    _, sentences, speakers = seeds
    scores = score_attribution(speakers, sentences, load_speaker_gold(GOLD))
    assert scores["total"] == 33
    assert scores["correct"] >= 30
    assert scores["accuracy"] >= 0.909

"""Tests for claimcompare.frames: attribution frames, claims, speakers, names."""

from __future__ import annotations

import pytest

from claimcompare.frames import TITLE_WORDS, claim_text, named_mentions, split_frame


@pytest.mark.parametrize(
    ("sentence", "frame", "claim"),
    [
        # leading frame
        (
            "Lind said that the three crossings would reopen in April.",
            "Lind",
            "the three crossings would reopen in April.",
        ),
        (
            "Lind said the three crossings would reopen in April.",
            "Lind",
            "the three crossings would reopen in April.",
        ),
        (
            "Foreign Minister Petra Lind stressed that the three crossings would reopen in April.",
            "Foreign Minister Petra Lind",
            "the three crossings would reopen in April.",
        ),
        (
            "He also stressed that the joint fight against smuggling is important.",
            "He",
            "the joint fight against smuggling is important.",
        ),
        (
            "Valdoria and Ostrenia declared that the border dispute was over for good.",
            "Valdoria and Ostrenia",
            "the border dispute was over for good.",
        ),
        # trailing frame
        ("The three crossings will reopen in April, he added.", "he", "The three crossings will reopen in April"),
        ("The three crossings will reopen in April, Lind said on Sunday.", "Lind", "The three crossings will reopen in April"),
        ("The three crossings will reopen in April, Lind said", "Lind", "The three crossings will reopen in April"),
        ("Ostrenia wants peace on the river, she noted!", "she", "Ostrenia wants peace on the river"),
        # according to
        (
            "The three crossings will reopen in April, according to the ministry.",
            "the ministry",
            "The three crossings will reopen in April",
        ),
        (
            "The three crossings will reopen in April according to the Valdorian Foreign Ministry.",
            "the Valdorian Foreign Ministry",
            "The three crossings will reopen in April",
        ),
        # fronted adverbials, one or two, then a leading frame
        (
            "In another development, during the talks, Vey said Ostrenia would simplify customs rules.",
            "Vey",
            "Ostrenia would simplify customs rules.",
        ),
        (
            "During the talks, Vey said Ostrenia would simplify customs rules.",
            "Vey",
            "Ostrenia would simplify customs rules.",
        ),
        (
            "For his part, Vey said that Ostrenia would simplify customs rules.",
            "Vey",
            "Ostrenia would simplify customs rules.",
        ),
        # leading frame followed by "adding that": the leading frame is taken
        (
            "Vey said Ostrenia would simplify customs rules, adding that farmers would benefit first.",
            "Vey",
            "Ostrenia would simplify customs rules, adding that farmers would benefit first.",
        ),
        # medial frame
        (
            "Ostrenia will simplify customs rules, Vey said, adding that farmers would benefit first.",
            "Vey",
            "Ostrenia will simplify customs rules farmers would benefit first.",
        ),
    ],
)
def test_split_frame(sentence, frame, claim):
    assert split_frame(sentence) == (frame, claim)
    assert claim_text(sentence) == claim


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "Valdoria",
        "Ostrenia will simplify customs rules for Valdorian farmers.",
        "Ostrenia will simplify customs rules for Valdorian farmers",  # no final punctuation
        "The ministers said the talks were useful.",  # lower-case noun phrase is no speaker
        "Rain fell, he said.",  # the claim would be too short
        "Lind said so.",
        "“We are ready to open the border,” Lind said — and Vey agreed…",
        " ".join(["The ministers discussed trade and water rights"] * 50) + ".",
    ],
    ids=[
        "empty",
        "one word",
        "no frame",
        "no final punctuation",
        "common noun",
        "short claim",
        "short leading",
        "unicode",
        "very long",
    ],
)
def test_sentences_without_frame(sentence):
    assert split_frame(sentence) == ("", sentence)


def test_fronted_adverbial_alone_is_dropped_from_claim():
    frame, claim = split_frame("In another development, Ostrenia will simplify customs rules for farmers.")
    assert frame == ""
    assert claim == "Ostrenia will simplify customs rules for farmers."


def test_fronted_adverbial_kept_when_the_rest_is_too_short():
    sentence = "During the talks, they met."
    assert split_frame(sentence) == ("", sentence)


def test_claim_is_a_substring_in_simple_cases():
    for sentence in (
        "Lind said that the three crossings would reopen in April.",
        "The three crossings will reopen in April, according to the ministry.",
    ):
        assert split_frame(sentence)[1].rstrip(".") in sentence


# ---------------------------------------------------------------------------
# named_mentions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "initial", "expected"),
    [
        ("Particular attention was paid to the Ostrenian border.", frozenset(), {"Ostrenian"}),
        ("President Lind met Vey in Ostra on Monday.", frozenset(), {"Lind", "Vey", "Ostra"}),
        ("Foreign Minister Lind met Deputy Prime Minister Vey in March.", frozenset(), {"Lind", "Vey"}),
        ("Valdoria and Ostrenia met in March.", frozenset(), {"Ostrenia"}),
        ("Valdoria and Ostrenia met in March.", frozenset({"Valdoria"}), {"Valdoria", "Ostrenia"}),
        ("He said The Ostra Herald was wrong.", frozenset(), {"Ostra", "Herald"}),
        ("OSTRA hosted the NATO and EU envoys.", frozenset(), set()),  # all-capitals words are not names
        ("", frozenset(), set()),
        ("the talks ended.", frozenset(), set()),
    ],
)
def test_named_mentions(sentence, initial, expected):
    assert named_mentions(sentence, sentence_initial_names=initial) == expected


def test_title_words_are_never_names():
    sentence = "Lind met " + " ".join(sorted(TITLE_WORDS)) + " Vey."
    assert named_mentions(sentence) == {"Vey"}
    assert {"President", "Minister", "Monday", "March"} <= TITLE_WORDS

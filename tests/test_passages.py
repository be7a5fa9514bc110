"""Tests for claimcompare.passages: the event each passage of an article reports.

Fixtures are short invented reports (Valdorian Foreign Minister Petra Lind,
Ostrenian Foreign Minister Amos Vey, Ostrenian Defence Minister Karl Osk,
Marovian President Ilse Marrow), independent of the seeds; the gold tests at
the end run on the seeds (truth from tests/gold/GUIDELINES.md's unit table) and
on the training event 2023-06-18-blinken-beijing-visit (truth from its NOTES.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from claimcompare import corpus_from_texts, load_corpus, sentences_table
from claimcompare.corpus import SENTENCE_COLUMNS
from claimcompare.passages import (
    DOCUMENT_EVENT_COLUMNS,
    PASSAGE_COLUMNS,
    document_events,
    event_key,
    event_participants,
    mentioned_dates,
    OTHER_EVENT,
    OWN_EVENT_COUNT_COLUMNS,
    own_event,
    own_event_counts,
    passage_events,
    transition_cue,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BLINKEN = ROOT / "benchmarks" / "realnews" / "events" / "2023-06-18-blinken-beijing-visit"

MAIN = ("2024-03-04", "Petra Lind holds talks with Ostrenian Foreign Minister Amos Vey")
DEFENCE = ("2024-03-05", "Petra Lind meets Ostrenian Defence Minister Karl Osk")
MARROW = ("2024-03-05", "Marovian President Ilse Marrow receives Petra Lind")


def _key(event: tuple[str, str]) -> str:
    return f"{event[0]} {event[1]}"


def _docs(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def _sentences(doc_id: str, paragraphs: list[list[str]], roles: list[str] | None = None) -> pd.DataFrame:
    """A sentences table (SENTENCE_COLUMNS without event) from paragraphs of sentences."""
    rows, pos, k = [], 0, 0
    for p, sents in enumerate(paragraphs):
        for s in sents:
            role = roles[k] if roles else "body"
            rows.append((doc_id, k, p, pos, pos + len(s), role, s))
            pos += len(s) + 1
            k += 1
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "paragraph", "start", "end", "role", "text"])


def _doc(doc_id: str = "a", *, event=MAIN, also: list[tuple[str, str]] | None = None, published="2024-03-06") -> dict:
    return {
        "doc_id": doc_id,
        "published": published,
        "event_date": event[0] if event else None,
        "event_title": event[1] if event else None,
        "also_reports": ";".join(_key(e) for e in also or []) or None,
    }


# --- event_key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "title", "expected"),
    [
        ("2021-07-27", "Rahmon receives Wei", "2021-07-27 Rahmon receives Wei"),
        ("2021-07-27", None, ""),
        (None, "Rahmon receives Wei", ""),
        ("", "Rahmon receives Wei", ""),
        ("2021-07-27", "", ""),
        (np.nan, "x", ""),
        ("2021-07-27", float("nan"), ""),
        ("2024-01-01", "Ünïcode — title", "2024-01-01 Ünïcode — title"),
    ],
)
def test_event_key(date, title, expected):
    assert event_key(date, title) == expected


def test_event_key_is_the_form_of_corpus_and_align():
    corpus = load_corpus(SEEDS)
    keys = corpus.documents.apply(lambda d: event_key(d["event_date"], d["event_title"]), axis=1)
    assert keys.tolist() == corpus.event_of().tolist()


# --- event_participants ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rahmon receives Chinese Defense Minister Wei Fenghe", ("Rahmon", "Wei Fenghe")),
        ("Xi Jinping meets Antony Blinken in Beijing", ("Xi Jinping", "Antony Blinken", "Beijing")),
        (
            "Wei Fenghe meets Russian Defense Minister Sergei Shoigu at the SCO defense ministers' meeting",
            ("Wei Fenghe", "Sergei Shoigu", "SCO"),
        ),
        ("Marovian President Ilse Marrow receives Petra Lind", ("Ilse Marrow", "Petra Lind")),
        ("earthquake death toll rises", ()),
        ("", ()),
        ("The president meets the press", ()),
        ("U.S. Secretary of State Antony Blinken visits Beijing on Monday", ("Antony Blinken", "Beijing")),
        ("Chinese Finance Minister Liu Kun’s visit", ("Liu Kun",)),
    ],
)
def test_event_participants(title, expected):
    assert event_participants(title) == expected


# --- transition_cue ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "strength"),
    [
        ("In another development, Lind met Osk.", "In another development", "strong"),
        ("In a separate development, the ministry said ...", "In a separate development", "strong"),
        ("Separately, Vey said the talks went well.", "Separately", "strong"),
        ("In other news, prices rose.", "In other news", "strong"),
        ("Elsewhere, the president spoke.", "Elsewhere", "strong"),
        ("Meanwhile, Osk said defence ties matter.", "Meanwhile", "weak"),
        ("Earlier on Tuesday, Lind met Osk.", "Earlier", "weak"),
        ("On Tuesday, Lind met Osk.", "On Tuesday", "weak"),
        ("On the morning of July 27, the two ministers held talks.", "On the morning of July 27", "weak"),
        ("On 5 March, Lind flew home.", "On 5 March", "weak"),
        ("Lind said on Tuesday that ties were strong.", None, None),
        ("Onward and upward, he said.", None, None),
        ("Another development is expected.", None, None),
        ("", None, None),
    ],
)
def test_transition_cue(text, cue, strength):
    found = transition_cue(text)
    if cue is None:
        assert found is None
    else:
        assert found == (cue, strength)


# --- mentioned_dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lind met Osk on Tuesday.", ["2024-03-05"]),  # latest Tuesday on or before 2024-03-06 (a Wednesday)
        ("Lind met Osk on Wednesday.", ["2024-03-06"]),
        ("Lind arrived on March 3 and left on 5 March 2024.", ["2024-03-03", "2024-03-05"]),
        ("Talks on Mar. 4, 2024 ended late.", ["2024-03-04"]),
        ("The 04.03.2024 statement and the 2024-03-02 one.", ["2024-03-02", "2024-03-04"]),
        ("They met in March and again in 2023.", []),
        ("Leaders may 5 times meet.", []),
        ("February 30 is no date.", []),
        ("", []),
    ],
)
def test_mentioned_dates(text, expected):
    assert mentioned_dates(text, published="2024-03-06", event_date="2024-03-04") == expected


def test_mentioned_dates_weekday_without_publication_date_is_nearest_to_the_event():
    # event on Monday 2024-03-04: "Tuesday" is the next day, "Sunday" the day before
    assert mentioned_dates("on Tuesday and Sunday", published=None, event_date="2024-03-04") == ["2024-03-03", "2024-03-05"]


def test_mentioned_dates_year_rolls_back_across_new_year():
    assert mentioned_dates("on December 30", published="2024-01-02", event_date=None) == ["2023-12-30"]


# --- document_events ---------------------------------------------------------------------------


def test_document_events_lists_main_then_also_in_listed_order():
    docs = _docs([_doc("a", also=[MARROW, DEFENCE]), _doc("b", event=None), _doc("c")])
    out = document_events(docs)
    assert tuple(out.columns) == DOCUMENT_EVENT_COLUMNS
    a = out[out["doc_id"] == "a"]
    assert a["event"].tolist() == [_key(MAIN), _key(MARROW), _key(DEFENCE)]
    assert a["coverage"].tolist() == ["main", "also", "also"]
    assert a["order"].tolist() == [0, 1, 2]
    assert out[out["doc_id"] == "c"]["event"].tolist() == [_key(MAIN)]
    assert "b" not in set(out["doc_id"])


def test_document_events_ignores_malformed_and_repeated_also_entries():
    docs = _docs([_doc("a") | {"also_reports": f"not a date title;{_key(MAIN)};{_key(DEFENCE)};{_key(DEFENCE)}"}])
    assert document_events(docs)["event"].tolist() == [_key(MAIN), _key(DEFENCE)]


def test_document_events_without_optional_columns():
    docs = pd.DataFrame({"doc_id": ["a"], "event_date": ["2024-03-04"], "event_title": ["T"]})
    assert document_events(docs)["event"].tolist() == ["2024-03-04 T"]


# --- passage_events: articles that report several events ---------------------------------------

#: The talks (main event), then "In another development" the next day's meeting with the defence minister.
TWO_EVENTS = [
    ["Valdorian Foreign Minister Petra Lind held talks with Ostrenian Foreign Minister Amos Vey in Ostra on Monday."],
    ["Vey said trade between the two countries had doubled.", "Lind agreed that ties were strong."],
    ["In another development, Lind met Ostrenian Defence Minister Karl Osk on Tuesday."],
    ["Osk said the two armies would hold joint exercises.", "The two sides also discussed border security."],
]


def test_transition_phrase_switches_to_the_also_reports_event():
    s = _sentences("a", TWO_EVENTS)
    out = passage_events(s, _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].tolist() == [_key(MAIN)] * 3 + [_key(DEFENCE)] * 3
    assert out["event_reason"].iloc[0] == "document event"
    reason = out["event_reason"].iloc[3]
    assert reason.startswith("also_reports: ")
    assert "transition phrase: In another development" in reason
    assert "participants: Karl Osk" in reason
    assert "date in text: 2024-03-05" in reason
    # sentences of one passage share its reason
    assert out["event_reason"].iloc[4] == out["event_reason"].iloc[5] == reason


def test_output_columns_order_and_input_untouched():
    s = _sentences("a", TWO_EVENTS)
    before = s.copy()
    out = passage_events(s.sample(frac=1, random_state=0), _docs([_doc("a", also=[DEFENCE])]))
    assert list(out.columns) == list(s.columns) + list(PASSAGE_COLUMNS)
    assert out["sent_id"].tolist() == list(range(6))
    pd.testing.assert_frame_equal(s, before)


def test_passage_picks_the_also_event_it_matches_by_participants_not_listing_order():
    s = _sentences("a", TWO_EVENTS)
    out = passage_events(s, _docs([_doc("a", also=[MARROW, DEFENCE])]))
    assert out["event"].tolist()[3:] == [_key(DEFENCE)] * 3


def test_passage_picks_the_also_event_by_date_when_no_participant_is_named():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday."],
        ["Separately, the visiting delegation toured a port on 2 March."],
        ["Separately, the minister spoke to students on Tuesday."],
    ]
    early = ("2024-03-02", "Valdorian delegation tours Port Esk")
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[DEFENCE, early])]))
    assert out["event"].tolist() == [_key(MAIN), _key(early), _key(DEFENCE)]
    assert "date in text: 2024-03-02" in out["event_reason"].iloc[1]


def test_strong_cue_without_evidence_takes_the_next_unused_also_event_in_order():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday."],
        ["In another development, the minister visited a school."],
    ]
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[MARROW, DEFENCE])]))
    assert out["event"].tolist() == [_key(MAIN), _key(MARROW)]
    assert "listed order" in out["event_reason"].iloc[1]


def test_weak_cue_without_evidence_keeps_the_current_event():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday."],
        ["Meanwhile, protesters gathered outside."],
    ]
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].tolist() == [_key(MAIN)] * 2


def test_cue_passage_back_to_the_main_event():
    # the article opens with the other meeting, then returns to its own event
    paras = [
        ["Ostrenian Defence Minister Karl Osk met Petra Lind on Tuesday and said the armies would train together."],
        ["Osk said border security was a priority."],
        ["In another development, Lind held talks with Amos Vey on Monday."],
        ["Vey said trade had doubled."],
    ]
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].tolist() == [_key(DEFENCE)] * 2 + [_key(MAIN)] * 2
    assert "participants: Karl Osk" in out["event_reason"].iloc[0]


def test_first_passage_naming_this_events_participants_stays_even_when_it_names_others():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday, a day before meeting Karl Osk on Tuesday."],
        ["Vey said trade had doubled."],
    ]
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].tolist() == [_key(MAIN)] * 2


def test_a_sentence_naming_only_another_events_participants_is_assigned_to_it():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday."],
        ["Vey said trade had doubled.", "Karl Osk is to host Lind on Tuesday.", "Vey also praised the visit."],
    ]
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].tolist() == [_key(MAIN), _key(MAIN), _key(DEFENCE), _key(MAIN)]
    assert out["event_reason"].iloc[2].startswith("also_reports: participants: Karl Osk")


def test_sentence_override_tie_broken_by_date_then_listed_order():
    paras = [
        ["Petra Lind held talks with Amos Vey on Monday."],
        ["Lind later met Ilse Marrow and, on Sunday, Karl Osk."],
    ]
    sunday = ("2024-03-03", "Petra Lind meets Ostrenian Defence Minister Karl Osk")
    out = passage_events(_sentences("a", paras), _docs([_doc("a", also=[MARROW, sunday])]))
    assert out["event"].tolist() == [_key(MAIN), _key(sunday)]
    out = passage_events(_sentences("a", [paras[0], ["Lind later met Ilse Marrow and Karl Osk."]]), _docs([_doc("a", also=[DEFENCE, MARROW])]))
    assert out["event"].tolist() == [_key(MAIN), _key(DEFENCE)]


def test_non_body_rows_get_the_document_event():
    paras = [["Lind meets Osk"], *TWO_EVENTS, ["Osk and Lind shake hands on Tuesday. (Photo/Agency)"]]
    roles = ["headline", "body", "body", "body", "body", "body", "body", "caption"]
    out = passage_events(_sentences("a", paras, roles), _docs([_doc("a", also=[DEFENCE])]))
    assert out["event"].iloc[0] == out["event"].iloc[-1] == _key(MAIN)
    assert out["event_reason"].iloc[-1] == "document event"
    assert out["event"].tolist()[4:7] == [_key(DEFENCE)] * 3


# --- passage_events: one event per article, and none ------------------------------------------


def test_document_without_event_metadata():
    s = _sentences("a", TWO_EVENTS)
    out = passage_events(s, _docs([_doc("a", event=None)]))
    assert set(out["event"]) == {""} and set(out["event_reason"]) == {"no events"}
    # and a document missing from the documents table
    out = passage_events(s, _docs([_doc("z")]))
    assert set(out["event"]) == {""} and set(out["event_reason"]) == {"no events"}


#: As TWO_EVENTS, but the passage about the other meeting names no participant of the article's event.
OTHER_MEETING = [
    *TWO_EVENTS[:2],
    ["In another development, the minister met Ostrenian Defence Minister Karl Osk on Tuesday."],
    TWO_EVENTS[3],
]


def test_single_event_document_keeps_its_event_by_default():
    s = _sentences("a", OTHER_MEETING)
    out = passage_events(s, _docs([_doc("a")]))
    # the transition passage names no participant of the event and a day other than it: off-event
    assert out["event"].tolist() == [_key(MAIN)] * 3 + ["other"] * 3
    assert out["event_reason"].iloc[:3].tolist() == ["document event"] * 3
    assert out["event_reason"].iloc[3] == "other: transition phrase: In another development; date in text: 2024-03-05"


@pytest.mark.parametrize(
    "opening",
    [
        "In another development, the minister met Amos Vey again on Tuesday.",  # names the event's participants
        "In another development, Lind met Osk on Tuesday.",  # names the event's participant Lind
        "In another development, the minister met Osk on Monday.",  # the event's own day
        "In another development, the minister met Osk.",  # no date at all
        "Karl Osk met the minister on Tuesday.",  # no transition phrase
        "Meanwhile, the minister met Osk on Tuesday and on Monday.",  # a weak cue with the event's day too
    ],
)
def test_single_event_document_off_event_only_on_strong_evidence(opening):
    paras = [TWO_EVENTS[0], TWO_EVENTS[1], [opening], ["Osk said the armies would train together."]]
    out = passage_events(_sentences("a", paras), _docs([_doc("a")]))
    assert set(out["event"]) == {_key(MAIN)}


def test_weak_cue_with_another_day_is_off_event_in_a_single_event_document():
    paras = [TWO_EVENTS[0], ["On Tuesday, the minister met Ostrenian Defence Minister Karl Osk."], ["Osk said the armies would train."]]
    out = passage_events(_sentences("a", paras), _docs([_doc("a")]))
    assert out["event"].tolist() == [_key(MAIN), "other", "other"]


def test_several_documents_sorted_and_independent():
    s = pd.concat([_sentences("b", TWO_EVENTS), _sentences("a", TWO_EVENTS)], ignore_index=True)
    docs = _docs([_doc("a", also=[DEFENCE]), _doc("b", event=None)])
    out = passage_events(s, docs)
    assert out[["doc_id", "sent_id"]].values.tolist() == sorted(out[["doc_id", "sent_id"]].values.tolist())
    assert out[out["doc_id"] == "a"]["event"].tolist() == [_key(MAIN)] * 3 + [_key(DEFENCE)] * 3
    assert set(out[out["doc_id"] == "b"]["event"]) == {""}


def test_empty_sentences_table():
    s = _sentences("a", [])
    out = passage_events(s, _docs([_doc("a")]))
    assert out.empty and list(out.columns) == list(s.columns) + list(PASSAGE_COLUMNS)


def test_sentences_table_has_the_event_column():
    texts = {"a": "\n\n".join(" ".join(p) for p in TWO_EVENTS), "b": "Vey met Lind.\n\nThey agreed."}
    meta = _docs([_doc("a", also=[DEFENCE]), _doc("b", event=None)])
    corpus = corpus_from_texts(texts, meta)
    table = sentences_table(corpus)
    assert list(table.columns) == list(SENTENCE_COLUMNS)
    assert SENTENCE_COLUMNS[-1] == "event"
    assert table["event"].tolist() == [_key(MAIN)] * 3 + [_key(DEFENCE)] * 3 + ["", ""]
    plain = table.drop(columns="event")
    assert table["event"].tolist() == passage_events(plain, corpus.documents)["event"].tolist()


# --- gold on the seeds and on the training event with two meetings ----------------------------

RAHMON = "2021-07-27 Rahmon receives Chinese Defense Minister Wei Fenghe"
MIRZO = "2021-07-27 Wei Fenghe holds talks with Tajik Defense Minister Sherali Mirzo"
SHOIGU = "2021-07-28 Wei Fenghe meets Russian Defense Minister Sergei Shoigu at the SCO defense ministers' meeting"


def _accuracy(table: pd.DataFrame, truth: dict[tuple[str, int], str]) -> tuple[int, int]:
    """(right, total) over the gold units, keyed (doc_id, start offset).

    A unit's event is that of the sentence holding its first character, so a
    segmentation or cleaning difference (a stamp left in front of a unit) does
    not count against the passage rules.
    """
    right = 0
    for (doc, start), expected in truth.items():
        rows = table[(table["doc_id"] == doc) & (table["start"] <= start) & (table["end"] > start)]
        right += len(rows) == 1 and rows["event"].iloc[0] == expected
    return right, len(truth)


def _seed_truth(table: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Body units of GUIDELINES.md: X8-X10 report the Mirzo talks, C1-C10 the Shoigu meeting, the rest the main event."""
    body = table[table["role"] == "body"]
    docs = load_corpus(SEEDS).documents.set_index("doc_id")
    truth = {}
    for d, start in zip(body["doc_id"], body["start"]):
        main = event_key(docs.at[d, "event_date"], docs.at[d, "event_title"])
        if d == "xinhua-2021-07-28" and start >= 1871:  # X8 (1871) .. X10
            truth[(d, start)] = MIRZO
        elif d == "chinadaily-2021-07-29" and start < 2444:  # C1 .. C10; C11 starts at 2444
            truth[(d, start)] = SHOIGU
        else:
            truth[(d, start)] = main
    return truth


def test_seed_gold_units_exist_at_the_guideline_offsets():
    table = sentences_table(load_corpus(SEEDS))
    starts = set(zip(table["doc_id"], table["start"]))
    for unit in [("xinhua-2021-07-28", 1871), ("xinhua-2021-07-28", 2176), ("chinadaily-2021-07-29", 335), ("chinadaily-2021-07-29", 2444)]:
        assert unit in starts


def test_seed_passages_follow_the_gold():
    table = sentences_table(load_corpus(SEEDS))
    right, total = _accuracy(table, _seed_truth(table))
    # measured 1.000 (all body sentences of the five seeds) when pinned
    assert total >= 40
    assert right == total


#: Blinken event: units reporting the 18 June Qin talks inside the 19 June reports (NOTES.md).
BLINKEN_QIN = "2023-06-18 Antony Blinken holds talks with Qin Gang in Beijing"
BLINKEN_QIN_UNITS = {
    ("xinhua-peoplecn-2023-06-19", 379),  # X2
    ("reuters-irandaily-2023-06-20", 1540),  # R8
    ("afp-muslimnetwork-2023-06-19", 1058),  # F6
    ("wion-2023-06-19", 541),  # N4
}
#: Unit starts of NOTES.md's inventory, per document.
BLINKEN_UNITS = {
    "reuters-dawn-2023-06-18": [895, 1135, 1380, 1677],
    "bloomberg-amn-2023-06-18": [368, 638, 782, 970, 1196, 1286, 1359, 1464, 1704],
    "xinhua-peoplecn-2023-06-19": [258, 379, 637, 903, 996],
    "reuters-irandaily-2023-06-20": [65, 297, 576, 746, 879, 1104, 1367, 1540, 1692],
    "afp-muslimnetwork-2023-06-19": [80, 303, 530, 760, 918, 1058, 1306, 1502, 1618],
    "wion-2023-06-19": [17, 214, 445, 541],
}


def test_blinken_passages_follow_the_gold():
    corpus = load_corpus(BLINKEN)
    table = sentences_table(corpus)
    docs = corpus.documents.set_index("doc_id")
    truth = {}
    for d, starts in BLINKEN_UNITS.items():
        main = event_key(docs.at[d, "event_date"], docs.at[d, "event_title"])
        for start in starts:
            truth[(d, start)] = BLINKEN_QIN if (d, start) in BLINKEN_QIN_UNITS else main
    right, total = _accuracy(table, truth)
    assert total == 40
    # measured 39/40 when pinned: X2 ("Xi said that Wang Yi ... and Qin Gang described their talks")
    # names this event's Xi as the speaker and stays with the Xi meeting
    assert right >= 39


TURKEY = ROOT / "benchmarks" / "realnews" / "events" / "2023-05-28-turkey-presidential-runoff"


def test_turkey_passages_beat_one_event_per_article():
    """Training event with reactions and a first-round recap listed in also_reports (truth from its NOTES.md)."""
    corpus = load_corpus(TURKEY)
    table = sentences_table(corpus)
    units = {}
    for line in (TURKEY / "NOTES.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| ([A-Z]\d+) \| `([^`]+)` \| (\d+) \| (\d+) \|", line)
        if m:
            units[m.group(1)] = (m.group(2), int(m.group(3)))
    main = "2023-05-28 Turkey presidential election runoff"
    other = {
        **dict.fromkeys(["I3", "I4", "I5", "U5", "U6"], "2023-05-14 Turkey presidential and parliamentary elections (first round)"),
        **dict.fromkeys(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "Q1", "Q2", "Q3", "Q4"], "2023-05-28 Putin congratulates Erdogan on his re-election"),
        **dict.fromkeys(["Q5", "Q6", "Q7"], "2023-05-28 Meral Aksener congratulates Erdogan"),
    }
    truth = {units[u]: other.get(u, main) for u in units}
    right, total = _accuracy(table, truth)
    assert total == 42
    # one event per article is right on 23 of 42; the passage rules measured 30 when pinned
    # (misses: sentences without names or days that continue another event's passage)
    assert right >= 30


# --- own_event: the passages about the document's own event -------------------------------------


def test_own_event_marks_the_passage_about_another_listed_event():
    docs = _docs([_doc("a", also=[DEFENCE])])
    marked = own_event(_sentences("a", TWO_EVENTS), docs)
    assert marked["own_event"].dtype == bool
    assert marked["own_event"].tolist() == [True] * 3 + [False] * 3
    assert marked["event"].tolist() == [_key(MAIN)] * 3 + [_key(DEFENCE)] * 3


def test_own_event_uses_the_event_column_as_given_and_keeps_rows_and_order():
    s = _sentences("b", [["One.", "Two.", "Three."]]).assign(event=[_key(MAIN), OTHER_EVENT, _key(MARROW)])
    before = s.copy()
    marked = own_event(s, _docs([_doc("b")]))
    assert marked["own_event"].tolist() == [True, False, False]
    assert list(marked.columns) == list(s.columns) + ["own_event"]
    pd.testing.assert_frame_equal(s, before)


def test_own_event_keeps_everything_of_documents_without_event_metadata():
    s = pd.concat([_sentences("x", [["Lind spoke.", "In another development, Osk spoke."]]),
                   _sentences("y", [["Vey spoke."]])], ignore_index=True)
    s["event"] = ["", "", "stray"]  # y is missing from the documents table
    marked = own_event(s, _docs([_doc("x", event=None)]))
    assert marked["own_event"].tolist() == [True, True, True]


def test_own_event_non_body_rows_follow_their_document():
    s = _sentences("a", TWO_EVENTS[:1] + [["Caption: Osk and Lind."]] + TWO_EVENTS[2:], roles=["body", "caption", "body", "body", "body"])
    marked = own_event(s, _docs([_doc("a", also=[DEFENCE])]))
    assert marked.loc[marked["role"] == "caption", "own_event"].tolist() == [True]


def test_own_event_empty_table():
    s = _sentences("a", []).assign(event=pd.Series(dtype=object))
    marked = own_event(s, _docs([_doc("a")]))
    assert marked.empty and "own_event" in marked.columns


def test_own_event_counts_per_document():
    docs = _docs([_doc("a", also=[DEFENCE]), _doc("c"), _doc("n", event=None)])
    s = pd.concat(
        [_sentences("c", [["Lind met Vey.", "Vey spoke."]]), _sentences("a", TWO_EVENTS), _sentences("n", [["Nothing dated."]])],
        ignore_index=True,
    )
    counts = own_event_counts(own_event(s, docs), docs)
    assert list(counts.columns) == list(OWN_EVENT_COUNT_COLUMNS)
    assert counts["doc_id"].tolist() == ["a", "c", "n"]
    assert counts["document_event"].tolist() == [_key(MAIN), _key(MAIN), ""]
    assert counts["sentences"].tolist() == [6, 2, 1]
    assert counts["set_aside"].tolist() == [3, 0, 0]
    assert counts["other_events"].tolist() == [_key(DEFENCE), "", ""]


def test_own_event_counts_needs_the_marked_table():
    with pytest.raises(ValueError, match="own_event"):
        own_event_counts(_sentences("a", [["x."]]), _docs([_doc("a")]))


def test_own_event_on_the_seeds_sets_aside_the_second_meeting_only():
    corpus = load_corpus(SEEDS)
    marked = own_event(sentences_table(corpus), corpus.documents)
    aside = marked[~marked["own_event"]]
    own = corpus.event_of()
    # every set-aside sentence reports an event other than its document's own
    assert (aside["event"].to_numpy() != own.reindex(aside["doc_id"]).to_numpy()).all()
    kept = marked[marked["own_event"] & marked["doc_id"].isin(own.dropna().index)]
    assert (kept["event"].to_numpy() == own.reindex(kept["doc_id"]).to_numpy()).all()


# --- the data step of an analysis by event: set_aside_sentences, body_sentence_counts, event_sentences ---

from claimcompare.corpus import EventSentences, event_sentences, load_event_sentences  # noqa: E402
from claimcompare.passages import (  # noqa: E402
    SET_ASIDE_COLUMNS,
    body_sentence_counts,
    set_aside_sentences,
)


def test_set_aside_sentences_lists_the_body_sentences_about_another_event():
    docs = _docs([_doc("a", also=[DEFENCE]), _doc("c")])
    s = pd.concat([_sentences("c", [["Lind met Vey."]]), _sentences("a", TWO_EVENTS)], ignore_index=True)
    aside = set_aside_sentences(own_event(s, docs))
    assert list(aside.columns) == list(SET_ASIDE_COLUMNS)
    assert list(zip(aside["doc_id"], aside["sent_id"])) == [("a", 3), ("a", 4), ("a", 5)]
    assert set(aside["event"]) == {_key(DEFENCE)}
    assert aside["text"].tolist() == TWO_EVENTS[2] + TWO_EVENTS[3]
    assert aside.index.tolist() == [0, 1, 2]


def test_set_aside_sentences_roles():
    s = _sentences("a", [["Lind met Vey.", "Osk and Lind at the parade.", "Osk spoke."]], roles=["body", "caption", "body"])
    s["event"] = [_key(MAIN), _key(DEFENCE), OTHER_EVENT]
    marked = own_event(s, _docs([_doc("a", also=[DEFENCE])]))
    assert set_aside_sentences(marked)["sent_id"].tolist() == [2]
    assert set_aside_sentences(marked, roles=None)["sent_id"].tolist() == [1, 2]
    assert set_aside_sentences(marked, roles=("caption",))["event"].tolist() == [_key(DEFENCE)]


def test_set_aside_sentences_empty_and_needs_the_marked_table():
    s = _sentences("a", [["Lind met Vey."]])
    assert set_aside_sentences(own_event(s, _docs([_doc("a")]))).empty
    with pytest.raises(ValueError, match="own_event"):
        set_aside_sentences(s)


def test_body_sentence_counts_keeps_every_document_and_counts_zero():
    docs = _docs([_doc("b"), _doc("a"), _doc("z")])
    s = pd.concat([_sentences("a", [["One.", "Two."]], roles=["headline", "body"]), _sentences("b", [["Three."]])], ignore_index=True)
    out = body_sentence_counts(docs, s)
    assert out.columns.tolist() == docs.columns.tolist() + ["body_sentences"]
    assert out["doc_id"].tolist() == ["b", "a", "z"]  # the documents' own order
    assert out["body_sentences"].tolist() == [1, 1, 0]
    assert str(out["body_sentences"].dtype) == "int64"


def test_event_sentences_is_the_data_step_of_notebooks_04_and_05():
    corpus = load_corpus(SEEDS)
    data = load_event_sentences(SEEDS)
    assert isinstance(data, EventSentences)
    pd.testing.assert_frame_equal(data.corpus.documents, corpus.documents)
    sentences = sentences_table(corpus)
    pd.testing.assert_frame_equal(data.sentences, sentences)
    marked = own_event(sentences, corpus.documents)
    pd.testing.assert_frame_equal(data.marked, marked)
    pd.testing.assert_frame_equal(data.counts, own_event_counts(marked, corpus.documents))
    pd.testing.assert_frame_equal(data.set_aside, set_aside_sentences(marked))
    pd.testing.assert_frame_equal(data.documents, body_sentence_counts(corpus.documents, sentences))
    again = event_sentences(corpus)
    pd.testing.assert_frame_equal(again.set_aside, data.set_aside)
    assert data.counts["set_aside"].sum() == len(data.set_aside)

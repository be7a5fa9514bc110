"""Tests for claimcompare.talking: statements and phrases that recur across meetings.

The fixtures are invented: four short reports of three invented meetings
between Valdorian minister Lind, Ostrenian minister Vey and the city of
Tarsk.  One formula (the river border kept open to fishermen) recurs in the
first and third meetings, another (a grain silo at the old harbour) in the
second and third; a third (the railway to Merrin) is in two reports of the
first meeting only, so it is not a talking point.  A few tests at the end run
on the real seeds and the invented corpus folder.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from claimcompare import load_corpus, sentences_table
from claimcompare.copies import document_copies, source_families
from claimcompare.talking import (
    EDGE_STOP_WORDS,
    PAIR_COLUMNS,
    PHRASE_COLUMNS,
    POINT_COLUMNS,
    TIMELINE_COLUMNS,
    cross_event_pairs,
    phrase_ngrams,
    plot_talking_points_timeline,
    point_labels,
    point_summary,
    recurring_phrases,
    recurring_statements,
    SENTENCE_EVENT_COLUMNS,
    sentence_events,
    speaker_of,
    threshold_sensitivity,
    timeline_table,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
INVENTED = ROOT / "tests" / "data" / "invented-corpus"

EVENT_A = ("2024-01-10", "Lind meets Vey in Ostra")
EVENT_B = ("2024-02-20", "Lind visits Tarsk")
EVENT_C = ("2024-03-30", "Vey hosts the grain summit")

BORDER = "Valdoria and Ostrenia will keep the river border open to fishermen all year"
SILO = "build a joint grain silo at the old harbour"

#: doc_id -> (outlet, event, body sentences in reading order).  "aaa-c" sorts
#: first but reports the last meeting, and its silo sentence comes before its
#: border sentence: numbering by time must not follow doc_id or sent_id.
DOCS: dict[str, tuple[str, tuple[str, str], list[str]]] = {
    "zeta-a": (
        "Alpha Wire",
        EVENT_A,
        [
            f"{BORDER}, Lind said.",
            "The railway to Merrin will be finished by the spring of 2026, Vey said.",
            "Snow closed the mountain passes near Kell on Friday.",
        ],
    ),
    "beta-a": (
        "Beta News",
        EVENT_A,
        [
            "The railway to Merrin will be finished by the spring of 2026, the ministers said.",
            "Local bakers sold bread at the quayside market.",
        ],
    ),
    "alpha-b": (
        "Alpha Wire",
        EVENT_B,
        [
            f"Tarsk and Valdoria will {SILO}, Lind said.",
            "Orchestras played in the cathedral square during the evening.",
        ],
    ),
    "aaa-c": (
        "Gamma Post",
        EVENT_C,
        [
            f"Tarsk will help Valdoria {SILO}, Vey said.",
            f"{BORDER}, Vey said.",
            "Heavy rain flooded vineyards south of the capital.",
        ],
    ),
}


def make_tables(docs: dict = DOCS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences, documents) tables for ``docs``: a headline row, then body rows."""
    sent_rows, doc_rows = [], []
    for doc_id, (outlet, (date, title), body) in docs.items():
        doc_rows.append((doc_id, outlet, date, title, None))
        sent_rows.append((doc_id, 0, "headline", f"{title}"))
        sent_rows += [(doc_id, k + 1, "body", text) for k, text in enumerate(body)]
    sentences = pd.DataFrame(sent_rows, columns=["doc_id", "sent_id", "role", "text"])
    documents = pd.DataFrame(doc_rows, columns=["doc_id", "outlet", "event_date", "event_title", "duplicate_of"])
    return sentences, documents


@pytest.fixture()
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return make_tables()


@pytest.fixture(scope="module")
def seeds() -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = load_corpus(SEEDS)
    return sentences_table(corpus), corpus.documents


# --------------------------------------------------------------------------- pairs


def test_pairs_are_every_pair_of_documents_of_different_events(tables) -> None:
    sentences, documents = tables
    pairs = cross_event_pairs(sentences, documents)
    assert list(pairs.columns) == list(PAIR_COLUMNS)
    got = list(zip(pairs["doc_a"], pairs["doc_b"]))
    # zeta-a and beta-a report the same meeting: never paired.
    assert got == [
        ("aaa-c", "alpha-b"),
        ("aaa-c", "beta-a"),
        ("aaa-c", "zeta-a"),
        ("alpha-b", "beta-a"),
        ("alpha-b", "zeta-a"),
    ]
    assert set(pairs["reason"]) == {"different events"}
    assert pairs["doc_score"].between(0, 1).all()


@pytest.mark.parametrize("missing", [None, "", float("nan")])
def test_undated_and_duplicate_documents_are_left_out(tables, missing) -> None:
    sentences, documents = tables
    documents = documents.copy()
    documents["event_date"] = documents["event_date"].astype("object")
    documents.loc[documents["doc_id"] == "alpha-b", "event_date"] = missing
    documents.loc[documents["doc_id"] == "beta-a", "duplicate_of"] = "zeta-a"
    pairs = cross_event_pairs(sentences, documents)
    assert list(zip(pairs["doc_a"], pairs["doc_b"])) == [("aaa-c", "zeta-a")]
    points = recurring_statements(sentences, documents)
    assert "alpha-b" not in set(points["doc_id"])


# --------------------------------------------------------------------------- statements


def test_recurring_statements_on_invented_meetings(tables) -> None:
    sentences, documents = tables
    points = recurring_statements(sentences, documents)
    assert list(points.columns) == list(POINT_COLUMNS)
    got = [tuple(r) for r in points[["point", "doc_id", "sent_id", "event_date", "n_events"]].itertuples(index=False)]
    assert got == [
        # the border formula: first said at meeting A (10 January), so point 0
        (0, "zeta-a", 1, "2024-01-10", 2),
        (0, "aaa-c", 2, "2024-03-30", 2),
        # the silo formula: meetings B and C
        (1, "alpha-b", 1, "2024-02-20", 2),
        (1, "aaa-c", 1, "2024-03-30", 2),
    ]
    # the railway formula recurs only within meeting A: not a talking point
    assert not points["text"].str.contains("railway").any()
    assert points.loc[0, "text"] == f"{BORDER}, Lind said."
    assert points.dtypes["point"] == "int64" and points.dtypes["sent_id"] == "int64"


def test_min_events_above_the_number_of_events_gives_nothing(tables) -> None:
    sentences, documents = tables
    assert recurring_statements(sentences, documents, min_events=3).empty
    with pytest.raises(ValueError):
        recurring_statements(sentences, documents, min_events=1)


def test_a_high_threshold_keeps_only_the_identical_claim(tables) -> None:
    sentences, documents = tables
    # the border claim is word for word the same at meetings A and C (score 1)
    points = recurring_statements(sentences, documents, min_score=0.99)
    assert points[["point", "doc_id"]].values.tolist() == [[0, "zeta-a"], [0, "aaa-c"]]


def test_recurring_statements_are_deterministic(tables) -> None:
    sentences, documents = tables
    first = recurring_statements(sentences, documents)
    again = recurring_statements(sentences, documents)
    shuffled = recurring_statements(
        sentences.sample(frac=1, random_state=3).reset_index(drop=True),
        documents.sample(frac=1, random_state=4).reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, shuffled)


def test_one_event_gives_no_pairs_and_empty_frames(tables) -> None:
    sentences, documents = tables
    documents = documents.assign(event_date=EVENT_A[0], event_title=EVENT_A[1])
    pairs = cross_event_pairs(sentences, documents)
    assert pairs.empty and list(pairs.columns) == list(PAIR_COLUMNS)
    points = recurring_statements(sentences, documents)
    assert points.empty and list(points.columns) == list(POINT_COLUMNS)
    phrases = recurring_phrases(sentences, documents)
    assert phrases.empty and list(phrases.columns) == list(PHRASE_COLUMNS)
    table = timeline_table(points)
    assert table.empty and list(table.columns) == list(TIMELINE_COLUMNS)
    assert point_summary(points, documents).empty


def test_same_date_different_title_are_different_events(tables) -> None:
    sentences, documents = tables
    documents = documents.assign(event_date="2024-01-10")
    pairs = cross_event_pairs(sentences, documents)
    assert ("aaa-c", "zeta-a") in set(zip(pairs["doc_a"], pairs["doc_b"]))
    assert ("beta-a", "zeta-a") not in set(zip(pairs["doc_a"], pairs["doc_b"]))


def test_threshold_sensitivity(tables) -> None:
    sentences, documents = tables
    out = threshold_sensitivity(sentences, documents, min_scores=(0.99, 0.25, 0.25))
    assert out.columns.tolist() == ["min_score", "n_points", "n_sentences", "n_reports", "largest_point", "max_events"]
    assert out.values.tolist() == [[0.25, 2, 4, 3, 2, 2], [0.99, 1, 2, 2, 2, 2]]
    one = threshold_sensitivity(sentences, documents.assign(event_date=EVENT_A[0], event_title=EVENT_A[1]), min_scores=[0.2])
    assert one.values.tolist() == [[0.2, 0, 0, 0, 0, 0]]


# --------------------------------------------------------------------------- speakers


def test_speaker_of_frames_and_pronouns() -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["d"] * 5,
            "sent_id": [0, 1, 2, 3, 4],
            "role": ["body"] * 5,
            "text": [
                "Foreign Minister Petra Lind said that the border would reopen in April.",
                "The crossings will take freight first, she added.",
                "Heavy snow fell on the mountain roads overnight.",
                "Amos Vey stressed that engineers would rebuild the bridge.",
                "He said the repairs would take several weeks to finish.",
            ],
        }
    )
    rows = sentences.iloc[[4, 1, 2, 0]]
    out = speaker_of(rows, sentences)
    assert list(out.index) == list(rows.index)
    assert list(out["speaker"]) == ["Amos Vey", "Petra Lind", "", "Petra Lind"]
    # without context a pronoun has no one to refer to
    alone = speaker_of(sentences.iloc[[1]])
    assert alone["speaker"].tolist() == [""]


def test_speaker_of_is_the_attribution_speaker() -> None:
    """speaker_of gives the speaker of attribution.attribute_speakers (notebook 04's), '' for the outlet's voice."""
    from claimcompare.attribution import attribute_speakers

    sentences = pd.DataFrame(
        {
            "doc_id": ["d"] * 4,
            "sent_id": [0, 1, 2, 3],
            "role": ["body"] * 4,
            "text": [
                "Valdorian Foreign Minister Petra Lind met Amos Vey in Ostra on Sunday.",
                "Lind thanked Ostrenia for its help, saying that the crossings would reopen.",
                "The two sides agreed to meet again in May.",
                "Heavy snow fell on the mountain roads overnight.",
            ],
        }
    )
    out = speaker_of(sentences, sentences)
    assert out["speaker"].tolist() == ["", "Lind", "two sides", ""]
    table = attribute_speakers(sentences)
    expected = ["" if t == "outlet" else sp for sp, t in zip(table["speaker"], table["speaker_type"])]
    assert out["speaker"].tolist() == expected


def test_speaker_of_recurring_statements(tables) -> None:
    sentences, documents = tables
    out = speaker_of(recurring_statements(sentences, documents), sentences)
    assert out["speaker"].tolist() == ["Lind", "Vey", "Lind", "Vey"]


# --------------------------------------------------------------------------- phrases


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("", (2, 4), []),
        ("Sovereignty.", (2, 4), []),
        ("the of and", (1, 3), []),
        ("Belt and Road", (2, 3), ["belt and road"]),
        ("the three evil forces", (3, 3), ["three evil forces"]),
        # punctuation ends a phrase; hyphens split words; curly apostrophes fold
        ("Security, stability", (2, 2), []),
        ("anti-terrorism cooperation", (2, 2), ["anti terrorism", "terrorism cooperation"]),
        ("China’s core interests", (2, 3), ["china's core", "china's core interests", "core interests"]),
        ("“core interests” matter", (2, 2), ["core interests"]),
        ("ＣＯＲＥ Interests", (2, 2), ["core interests"]),
    ],
)
def test_phrase_ngrams(text, n, expected) -> None:
    assert phrase_ngrams(text, n=n) == expected


def test_phrase_ngrams_long_text_and_bad_n() -> None:
    words = " ".join(f"word{k}" for k in range(500))
    assert len(phrase_ngrams(words, n=(2, 2))) == 499
    with pytest.raises(ValueError):
        phrase_ngrams("a b", n=(3, 2))
    assert "three" not in EDGE_STOP_WORDS and "the" in EDGE_STOP_WORDS


def test_recurring_phrases_hand_checked() -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d3"],
            "sent_id": [0, 0, 0, 1],
            "role": ["body", "body", "body", "headline"],
            "text": [
                "The grain corridor will stay open.",
                "Ministers said the grain corridor will stay open for the winter.",
                "The grain corridor matters.",
                "Stay open, grain corridor will",  # not body: ignored
            ],
        }
    )
    documents = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3"],
            "event_date": ["2024-05-01", "2024-06-01", "2024-05-01"],
            "event_title": ["Talks", "Summit", "Talks"],
        }
    )
    # By hand (edges may not be stop words; "the" and "will" are):
    #   d1 (talks):  grain corridor, corridor will stay, stay open
    #   d2 (summit): ministers said, said the grain, grain corridor, corridor will stay, stay open
    #   d3 (talks):  grain corridor, grain corridor matters, corridor matters
    out = recurring_phrases(sentences, documents, n=(2, 3))
    assert list(out.columns) == list(PHRASE_COLUMNS)
    assert out.values.tolist() == [
        ["corridor will stay", 2, 2, "2024-05-01", "2024-06-01", "The grain corridor will stay open."],
        ["grain corridor", 2, 3, "2024-05-01", "2024-06-01", "The grain corridor will stay open."],
        ["stay open", 2, 2, "2024-05-01", "2024-06-01", "The grain corridor will stay open."],
    ]
    one = recurring_phrases(sentences, documents, n=(2, 3), min_events=1)
    assert len(one) == 7 and one["phrase"].iloc[0] == "corridor will stay"
    # With n up to 4, d1 and d2 also share "grain corridor will stay" and
    # "corridor will stay open"; "corridor will stay" and "stay open" are never
    # found apart from the latter, so nested=False drops them; "grain corridor"
    # is also in d3 (other sentences), so it stays.
    closed = recurring_phrases(sentences, documents, n=(2, 4), nested=False)
    assert closed["phrase"].tolist() == ["corridor will stay open", "grain corridor", "grain corridor will stay"]
    full = recurring_phrases(sentences, documents, n=(2, 4))
    assert len(full) == 5


# --------------------------------------------------------------------------- labels, summary, timeline


def test_point_labels_and_summary(tables) -> None:
    sentences, documents = tables
    points = speaker_of(recurring_statements(sentences, documents), sentences)
    labels = point_labels(points)
    assert labels["point"].tolist() == [0, 1]
    assert labels.loc[0, "label"] in BORDER.lower()
    assert labels.loc[1, "label"] in SILO.lower()
    summary = point_summary(points, documents, labels=labels)
    assert summary[["point", "n_events", "n_docs", "n_outlets"]].values.tolist() == [[0, 2, 2, 2], [1, 2, 2, 2]]
    assert summary["outlets"].tolist() == ["Alpha Wire; Gamma Post", "Alpha Wire; Gamma Post"]
    assert summary["speakers"].tolist() == ["Lind; Vey", "Lind; Vey"]
    assert summary[["first_date", "last_date"]].values.tolist() == [["2024-01-10", "2024-03-30"], ["2024-02-20", "2024-03-30"]]
    # without source families each report is its own family
    assert summary["n_families"].tolist() == summary["n_docs"].tolist()


def test_point_summary_counts_a_reprinted_wire_story_once(tables) -> None:
    """A reprint of one report by another outlet adds an outlet, not a source family."""
    docs = dict(DOCS)
    outlet, event, body = DOCS["aaa-c"]
    # Delta Daily reprints Gamma Post's wire story with a line of its own
    docs["delta-c"] = ("Delta Daily", event, [*body, "Ferries from the capital ran late all morning."])
    sentences, documents = make_tables(docs)
    families = source_families(documents, document_copies(sentences))
    assert families.set_index("doc_id").loc["delta-c", "family"] == "aaa-c"
    points = recurring_statements(sentences, documents)
    summary = point_summary(points, documents, families=families)
    assert summary.columns.tolist() == [
        "point", "label", "n_events", "n_docs", "n_outlets", "n_families", "first_date", "last_date", "outlets", "speakers",
    ]  # fmt: skip
    assert summary[["n_docs", "n_outlets", "n_families"]].values.tolist() == [[3, 3, 2], [3, 3, 2]]
    assert str(summary["n_families"].dtype) == "int64"
    plain = point_summary(points, documents)
    assert plain["n_families"].tolist() == [3, 3]
    pd.testing.assert_frame_equal(plain.drop(columns="n_families"), summary.drop(columns="n_families"))


def test_point_label_falls_back_to_first_words() -> None:
    points = pd.DataFrame(
        {
            "point": [0, 0],
            "doc_id": ["a", "b"],
            "sent_id": [0, 0],
            "event_date": ["2024-01-01", "2024-02-01"],
            "text": ["Alpha beta gamma delta epsilon zeta eta.", "Theta iota kappa."],
            "n_events": [2, 2],
        }
    )
    assert point_labels(points, max_words=3)["label"].tolist() == ["Alpha beta gamma …"]


def test_timeline_axes(tables) -> None:
    sentences, documents = tables
    points = recurring_statements(sentences, documents)
    table = timeline_table(points)
    assert table[["point", "doc_id", "n_sentences"]].values.tolist() == [
        [0, "zeta-a", 1],
        [0, "aaa-c", 1],
        [1, "alpha-b", 1],
        [1, "aaa-c", 1],
    ]
    fig, ax = plt.subplots()
    try:
        assert plot_talking_points_timeline(points, ax=ax) is ax
        markers = [line for line in ax.lines if line.get_marker() == "o"]
        assert sum(len(line.get_xdata()) for line in markers) == len(table) == 4
        assert sorted(line.get_label() for line in markers) == ["aaa-c", "alpha-b", "zeta-a"]
        labels = point_labels(points)["label"].tolist()
        assert [t.get_text() for t in ax.get_yticklabels()] == [f"P0  {labels[0]}", f"P1  {labels[1]}"]
        # x is dates: the markers sit at the event dates
        xs = sorted({pd.Timestamp(x) for line in markers for x in line.get_xdata()})
        assert xs == [pd.Timestamp(d) for d in ("2024-01-10", "2024-02-20", "2024-03-30")]
        assert "date" in ax.get_xlabel() and "talking point" in ax.get_ylabel()
        assert "recurring across meetings" in ax.get_title()
        # point 0 on top
        assert ax.get_ylim()[0] > ax.get_ylim()[1]
    finally:
        plt.close(fig)


def test_timeline_of_nothing_draws_nothing(tables) -> None:
    sentences, documents = tables
    points = recurring_statements(sentences, documents.assign(event_date=EVENT_A[0], event_title=EVENT_A[1]))
    fig, ax = plt.subplots()
    try:
        plot_talking_points_timeline(points, ax=ax)
        assert not ax.lines and not ax.get_yticklabels()
    finally:
        plt.close(fig)


# --------------------------------------------------------------------------- seeds and the invented corpus


def test_seed_pairs_leave_out_the_27_july_meeting(seeds) -> None:
    sentences, documents = seeds
    pairs = cross_event_pairs(sentences, documents)
    same = {"khovar-2021-07-27", "xinhua-2021-07-28", "chinadaily-2021-07-29"}
    assert len(pairs) == 7
    assert not any(a in same and b in same for a, b in zip(pairs["doc_a"], pairs["doc_b"]))


def test_seed_sovereignty_and_security_recurs_at_three_meetings(seeds) -> None:
    sentences, documents = seeds
    points = speaker_of(recurring_statements(sentences, documents), sentences)
    hit = points[points["text"].str.contains("sovereignty")]
    assert hit["point"].nunique() == 1
    point = points[points["point"] == hit["point"].iloc[0]]
    assert point["event_date"].tolist() == ["2021-07-13", "2021-07-27", "2022-02-05"]
    assert point["n_events"].eq(3).all()
    assert point["speaker"].tolist() == ["Wang", "Wei", "Xi"]
    assert points["point"].tolist() == sorted(points["point"])
    assert (points["n_events"] >= 2).all()


def test_seed_phrases(seeds) -> None:
    sentences, documents = seeds
    phrases = recurring_phrases(sentences, documents).set_index("phrase")
    assert phrases.loc["three evil forces", ["n_events", "first_date", "last_date"]].tolist() == [2, "2021-07-13", "2021-07-27"]
    assert phrases.loc["belt and road", ["n_events", "first_date", "last_date"]].tolist() == [2, "2021-07-13", "2022-02-05"]
    assert phrases.loc["comprehensive strategic partnership", "n_events"] == 2
    assert phrases.loc["core interests", "n_docs"] == 3
    # each sentence counts toward its passage's event: the seeds' articles report five events
    # (notebook 01), the three they are compared on and two more in passages
    assert phrases["n_events"].max() == 5
    by_document = recurring_phrases(sentences, documents, events="document")
    assert by_document["n_events"].max() == 3


def _key(event: tuple[str, str]) -> str:
    return f"{event[0]} {event[1]}"


def _with_passages(tables):
    """DOCS where aaa-c's border sentence is a passage about meeting A and its rain sentence about no listed day."""
    sentences, documents = tables
    event = {d: _key(e) for d, (_, e, _) in DOCS.items()}
    sentences = sentences.assign(event=sentences["doc_id"].map(event))
    sentences.loc[(sentences["doc_id"] == "aaa-c") & (sentences["sent_id"] == 2), "event"] = _key(EVENT_A)
    sentences.loc[(sentences["doc_id"] == "aaa-c") & (sentences["sent_id"] == 3), "event"] = "other"
    return sentences, documents


def test_sentence_events_follow_the_passage_and_leave_out_other_days(tables) -> None:
    sentences, documents = _with_passages(tables)
    placed = sentence_events(sentences, documents)
    assert list(placed.columns) == list(SENTENCE_EVENT_COLUMNS)
    c = placed[placed["doc_id"] == "aaa-c"]
    assert c["sent_id"].tolist() == [1, 2]  # the passage about another day is left out
    assert c["event"].tolist() == [_key(EVENT_C), _key(EVENT_A)]
    assert c["event_date"].tolist() == [EVENT_C[0], EVENT_A[0]]
    by_document = sentence_events(sentences, documents, events="document")
    assert by_document.loc[by_document["doc_id"] == "aaa-c", "event"].tolist() == [_key(EVENT_C)] * 3
    # without an event column, every sentence takes its document's event
    assert sentence_events(*tables)["event"].tolist() == by_document["event"].tolist()
    with pytest.raises(ValueError, match="passage"):
        sentence_events(sentences, documents, events="outlet")


def test_a_passage_about_the_same_meeting_is_no_talking_point(tables) -> None:
    sentences, documents = _with_passages(tables)
    by_document = recurring_statements(sentences, documents, min_score=0.2, events="document")
    assert by_document["text"].str.contains("fishermen").any()
    points = recurring_statements(sentences, documents, min_score=0.2)
    # aaa-c's border sentence is about meeting A, as zeta-a's is: one event, not a point that comes back
    assert not points["text"].str.contains("fishermen").any()
    phrases = recurring_phrases(sentences, documents).set_index("phrase")
    assert "river border" not in phrases.index
    assert "river border" in recurring_phrases(sentences, documents, events="document")["phrase"].tolist()


def test_invented_corpus_folder() -> None:
    corpus = load_corpus(INVENTED)
    points = recurring_statements(sentences_table(corpus), corpus.documents)
    assert set(points["event_date"]) == {"2024-03-03", "2024-06-11"}
    assert points.groupby("point")["n_events"].first().eq(2).all()
    assert points["text"].str.contains("joint commission").any()

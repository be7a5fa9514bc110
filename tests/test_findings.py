"""Findings as text: each sentence is made from the table it describes.

Hand-written tables of invented reports, where the answer is known; nothing
here comes from the seeds.
"""

import pandas as pd
import pytest

from claimcompare import findings as f

# --------------------------------------------------------------------------- notebook 01


def _events(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["event_date", "event_title", "doc_id", "coverage"])


def test_events_finding_counts_events_and_those_with_several_reports() -> None:
    events = _events(
        [
            ("2024-03-03", "Harbour deal signed", "a", "main"),
            ("2024-03-03", "Harbour deal signed", "b", "main"),
            ("2024-03-03", "Harbour deal signed", "c", "main"),
            ("2024-03-04", "Port strike", "c", "also"),
            ("2024-06-11", "Summit", "d", "main"),
        ]
    )
    text = f.events_finding(events, n_documents=4)
    assert text.startswith("4 articles report 3 events.")
    assert "1 event is reported by more than one article: 2024-03-03 Harbour deal signed (3 articles)" in text
    assert "1 article also reports another event: c (1)." in text


def test_events_finding_without_event_metadata() -> None:
    text = f.events_finding(_events([]), n_documents=2)
    assert "2 articles" in text and "no event metadata" in text


def test_events_finding_when_every_event_has_one_report() -> None:
    events = _events([("2024-01-01", "A", "a", "main"), ("2024-01-02", "B", "b", "main")])
    assert "No event is reported by more than one article." in f.events_finding(events, n_documents=2)


def test_body_share_finding_names_lowest_and_highest_and_largest_other_role() -> None:
    chars = pd.DataFrame(
        {"body": [750, 930, 500], "copyright": [200, 0, 0], "navigation": [50, 70, 0]},
        index=pd.Index(["x", "y", "z"], name="doc_id"),
    )
    text = f.body_share_finding(chars)
    assert "between 75% (x) and 100% (z)" in text
    assert "most copyright text: x (200 characters)" in text
    assert "most navigation text: y (70 characters)" in text


def test_body_share_finding_single_document_and_no_body() -> None:
    one = pd.DataFrame({"body": [90], "caption": [10]}, index=pd.Index(["x"], name="doc_id"))
    assert "90% of x" in f.body_share_finding(one)
    none = pd.DataFrame({"navigation": [10]}, index=pd.Index(["x"], name="doc_id"))
    assert "No capture has article body" in f.body_share_finding(none)
    assert "No capture" in f.body_share_finding(pd.DataFrame())


def test_removed_finding_counts_by_role_most_frequent_first() -> None:
    removed = pd.DataFrame({"role": ["copyright", "navigation", "navigation", "stamp", "copyright", "navigation"]})
    assert f.removed_finding(removed) == "6 spans were set aside: navigation (3), copyright (2), stamp (1)."
    assert f.removed_finding(removed.iloc[:1]) == "1 span was set aside: copyright (1)."
    assert "nothing" in f.removed_finding(removed.iloc[:0])


def test_sentence_count_finding_longest_and_range_of_the_others() -> None:
    counts = pd.DataFrame({"body": [20, 10, 13, 12], "headline": [1, 1, 1, 1]}, index=pd.Index(list("abcd"), name="doc_id"))
    assert f.sentence_count_finding(counts) == "a has the most body sentences (20); the other 3 have 10 to 13."
    tie = pd.DataFrame({"body": [7, 7]}, index=pd.Index(["a", "b"], name="doc_id"))
    assert f.sentence_count_finding(tie) == "a and b have the most body sentences (7)."
    one = pd.DataFrame({"body": [5]}, index=pd.Index(["a"], name="doc_id"))
    assert f.sentence_count_finding(one) == "a has 5 body sentences."
    assert "No article" in f.sentence_count_finding(pd.DataFrame({"headline": [1]}, index=["a"]))


# --------------------------------------------------------------------------- notebook 02


def test_event_finding_lists_outlets_with_body_sentences() -> None:
    docs = pd.DataFrame(
        {"outlet": ["Ostra Daily", "Nordpress"], "body_sentences": [9, 12]}, index=pd.Index(["o", "n"], name="doc_id")
    )
    text = f.event_finding("2024-03-03 Harbour deal", docs, n_documents=3)
    assert text == (
        "The event compared is 2024-03-03 Harbour deal, reported by 2 articles: "
        "n (Nordpress, 12 body sentences), o (Ostra Daily, 9 body sentences). "
        "The other 1 article of the corpus takes no part here."
    )
    text = f.event_finding(None, docs, n_documents=2)
    assert text.startswith("No article has event metadata, so all 2 articles are compared")


def _alignment(rows: list[tuple[str, int, str, int, float, str]]) -> pd.DataFrame:
    a = pd.DataFrame(rows, columns=["doc_a", "sent_a", "doc_b", "sent_b", "score", "rule"])
    a["text_a"] = [f"sentence {s} of {d}" for d, s in zip(a["doc_a"], a["sent_a"])]
    a["text_b"] = [f"sentence {s} of {d}" for d, s in zip(a["doc_b"], a["sent_b"])]
    return a


PAIRS = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"]})


def test_alignment_finding_counts_links_by_rule_and_flags_those_near_the_threshold() -> None:
    alignment = _alignment(
        [
            ("a", 1, "b", 1, 0.43, "mutual-best"),
            ("a", 2, "b", 3, 0.155, "mutual-best"),
            ("a", 1, "c", 4, 0.30, "one-to-many"),
        ]
    )
    text = f.alignment_finding(alignment, PAIRS, 0.15)
    assert text.startswith("The 3 pairs of reports give 3 links: 2 mutual best matches and 1 one-to-many link.")
    assert "Scores run from 0.155 to 0.430." in text
    assert "1 link scores less than 0.025 above min_score 0.15: a #2–b #3 (0.155)." in text
    none = f.alignment_finding(alignment.iloc[:0], PAIRS, 0.15)
    assert none == "The 3 pairs of reports give no link at min_score 0.15."


def test_closest_link_finding_quotes_the_best_link_and_its_differences() -> None:
    alignment = pd.DataFrame(
        {
            "doc_a": ["a", "a"],
            "sent_a": [1, 2],
            "text_a": ["The port will open in May.", "Talks went well."],
            "doc_b": ["b", "b"],
            "sent_b": [4, 5],
            "text_b": ["The harbour will open in May.", "Nothing here."],
            "score": [0.61, 0.2],
            "rule": ["mutual-best", "mutual-best"],
        }
    )
    text = f.closest_link_finding(alignment)
    assert text.startswith("The highest-scoring link is a #1–b #4 (0.610)")
    assert "only in a: port" in text and "only in b: harbour" in text
    assert f.closest_link_finding(alignment.iloc[:0]) == "There is no link to show."


def test_closest_link_finding_separates_stretches_and_cuts_long_ones() -> None:
    alignment = pd.DataFrame(
        {"doc_a": ["a"], "sent_a": [1], "text_a": ["Red boats sail at dawn daily."], "doc_b": ["b"], "sent_b": [2],
         "text_b": ["Boats sail at noon."], "score": [0.3], "rule": ["mutual-best"]}
    )
    text = f.closest_link_finding(alignment, max_words=2)
    assert "only in a: Red / dawn …;" in text and "only in b: noon." in text


def test_coverage_finding_lists_shares_and_says_when_every_report_says_more_alone() -> None:
    cov = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "body_sentences": [10, 10, 13], "with_counterpart": [5, 4, 4], "share": [0.5, 0.4, 4 / 13]}
    )
    text = f.coverage_finding(cov)
    assert text.startswith("Body sentences with a counterpart in another report: a 5 of 10 (50%), b 4 of 10 (40%), c 4 of 13 (31%).")
    assert "No report has more than half" in text
    cov2 = cov.assign(with_counterpart=[9, 4, 4], share=[0.9, 0.4, 4 / 13])
    assert "No report has more than half" not in f.coverage_finding(cov2)
    assert "no report" in f.coverage_finding(cov.iloc[:0]).lower()


def _clusters() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cluster": [0, 0, 0, 2, 2, 2, 2],
            "doc_id": ["a", "b", "c", "a", "b", "c", "c"],
            "sent_id": [1, 1, 2, 5, 6, 7, 8],
            "n_docs": [3] * 7,
            "n_outlets": [3] * 7,
        }
    )


def test_shared_finding_counts_statements_and_names_the_largest() -> None:
    text = f.shared_finding(_clusters(), 3)
    assert text == "2 statements are found in at least 3 outlets; the largest, statement 2, joins 4 sentences of 3 outlets."
    assert f.shared_finding(_clusters().iloc[:0], 3) == "No statement is found in 3 outlets or more at this threshold."


def test_statement_listing_quotes_each_statement_in_full() -> None:
    shared = _clusters().assign(text=[f"sentence {i}" for i in range(7)])
    # rows of a statement out of order: listed by cluster, then by document and sentence
    text = f.statement_listing(shared.iloc[::-1])
    assert text == (
        "statement 0:\n  a #1: sentence 0\n  b #1: sentence 1\n  c #2: sentence 2\n\n"
        "statement 2:\n  a #5: sentence 3\n  b #6: sentence 4\n  c #7: sentence 5\n  c #8: sentence 6"
    )
    assert f.statement_listing(shared.iloc[:0]) == "No statement to list."


def test_shared_finding_counts_source_families_when_given() -> None:
    # two of the three documents are copies of one text: statement 2 is carried by 2 families
    shared = _clusters().assign(n_families=[3, 3, 3, 2, 2, 2, 2])
    text = f.shared_finding(shared, 2)
    assert text == (
        "2 statements are found in at least 2 outlets (copies of one text counted once); "
        "the largest, statement 2, joins 4 sentences of 2 source families."
    )
    assert f.shared_finding(shared.iloc[:0], 3) == "No statement is found in 3 outlets or more (copies of one text counted once) at this threshold."


def test_unique_finding_counts_per_report_with_off_event() -> None:
    unique = pd.DataFrame({"doc_id": ["a", "a", "c"], "sent_id": [3, 4, 1], "off_event": [True, False, False]})
    body = pd.Series({"a": 10, "b": 5, "c": 8})
    text = f.unique_finding(unique, body)
    assert text == "3 of the 23 body sentences have no counterpart: a 2 of 10 (1 off-event), b 0 of 5, c 1 of 8."


def test_off_event_finding_gives_sentence_ranges() -> None:
    off = pd.DataFrame(
        {
            "doc_id": ["a"] * 5 + ["b"] * 2,
            "sent_id": [8, 9, 10, 12, 13, 1, 2],
            "off_event": [True, True, True, False, True, False, False],
        }
    )
    text = f.off_event_finding(off)
    assert text == "a: 4 of 5 body sentences are off-event (#8–#10, #13). No off-event sentence in b."
    assert f.off_event_finding(off[off["doc_id"] == "b"]) == "No report has an off-event sentence."
    with_events = off.assign(event=["E2", "E2", "E2", "E1", "other", "E1", "E1"])
    assert f.off_event_finding(with_events) == (
        "a: 4 of 5 body sentences are off-event (#8–#10, #13, about E2 and a day no listed event matches). No off-event sentence in b."
    )


def test_coverage_change_finding_reports_only_what_moved() -> None:
    both = pd.DataFrame(
        {
            "doc_id": ["a", "b", "a", "b"],
            "body_sentences": [13, 10, 3, 10],
            "with_counterpart": [4, 4, 3, 4],
            "share": [4 / 13, 0.4, 1.0, 0.4],
            "variant": ["all body sentences"] * 2 + ["without off-event sentences"] * 2,
        }
    )
    text = f.coverage_change_finding(both)
    assert text == "Without off-event sentences, a goes from 31% (4 of 13) to 100% (3 of 3). Unchanged: b (40%)."


def test_touching_finding() -> None:
    touching = _alignment([("a", 10, "b", 4, 0.151, "mutual-best")])
    assert f.touching_finding(touching) == "1 link touches an off-event sentence: a #10–b #4 (0.151)."
    assert f.touching_finding(touching.iloc[:0]) == "No link touches an off-event sentence."


def test_threshold_finding_gives_runs_of_equal_counts() -> None:
    sens = pd.DataFrame(
        {
            "min_score": [0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3],
            "links": [14, 12, 10, 8, 7, 4, 2],
            "shared_statements": [4, 3, 3, 2, 2, 1, 1],
        }
    )
    text = f.threshold_finding(sens, 0.15, min_outlets=3)
    assert text.startswith("At min_score 0.15: 10 links, 3 statements in at least 3 outlets.")
    assert "Statements in at least 3 outlets: 4 at 0.1, 3 at 0.125–0.15, 2 at 0.175–0.2, 1 at 0.25–0.3." in text
    assert "Links: from 14 at 0.1 to 2 at 0.3." in text
    by_family = f.threshold_finding(sens, 0.15, min_outlets=3, by_family=True)
    assert "3 statements in at least 3 source families (copies of one text counted once)." in by_family
    assert "outlets" not in by_family


def test_threshold_finding_when_min_score_is_not_in_the_table() -> None:
    sens = pd.DataFrame({"min_score": [0.1, 0.2], "links": [3, 1], "shared_statements": [0, 0]})
    text = f.threshold_finding(sens, 0.15, min_outlets=3)
    assert "At min_score" not in text and "0 at 0.1–0.2" in text


@pytest.mark.parametrize("func", [getattr(f, name) for name in f.__all__], ids=list(f.__all__))
def test_findings_have_docstrings(func) -> None:
    assert func.__doc__ and "Returns" in func.__doc__


# --------------------------------------------------------------------------- notebook 04


def _speakers(rows: list[tuple[str, int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "speaker", "speaker_type", "cue"])


def test_speaker_kinds_finding_counts_types_and_pronoun_chains() -> None:
    speakers = _speakers(
        [
            ("a", 1, "Berg", "person", "Berg said"),
            ("a", 2, "Berg", "person", "he added: pronoun -> Berg"),
            ("a", 3, "outlet", "outlet", ""),
            ("b", 1, "two sides", "group", "They agreed"),
            ("b", 2, "Lind", "person", "according to Lind"),
        ]
    )
    text = f.speaker_kinds_finding(speakers)
    assert text == (
        "Of 5 body sentences, 3 are given to a named person (1 through a pronoun or description), "
        "1 to a group and 1 to the outlet's own voice."
    )
    assert f.speaker_kinds_finding(speakers.iloc[:0]) == "No body sentence to attribute."


def test_speaker_shares_finding_names_each_reports_main_voice_and_own_voice() -> None:
    shares = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b", "c"],
            "speaker": ["Berg", "outlet", "Lind", "outlet", "two sides", "Lind"],
            "speaker_type": ["person", "outlet", "person", "outlet", "group", "person"],
            "sentences": [5, 2, 1, 4, 4, 3],
            "share": [5 / 8, 2 / 8, 1 / 8, 0.5, 0.5, 1.0],
        }
    )
    text = f.speaker_shares_finding(shares)
    assert text == (
        "Most sentences of each report go to: a Berg (5 of 8); b outlet's own voice and two sides (4 each of 8); c Lind (3 of 3). "
        "Sentences in the outlet's own voice: a 2 of 8, b 4 of 8, c none."
    )
    assert f.speaker_shares_finding(shares.iloc[:0]) == "No report has a body sentence."


def _agreement(rows: list[tuple[str, int, str, str, str, int, str, str, bool]]) -> pd.DataFrame:
    cols = ["doc_a", "sent_a", "speaker_a", "speaker_type_a", "doc_b", "sent_b", "speaker_b", "speaker_type_b", "same"]
    return pd.DataFrame(rows, columns=cols).assign(score=0.3)


def test_speaker_agreement_finding_counts_and_explains_the_differences() -> None:
    agreement = _agreement(
        [
            ("a", 1, "Berg", "person", "b", 2, "Berg", "person", True),
            ("a", 3, "outlet", "outlet", "b", 4, "two sides", "group", False),
            ("a", 5, "Berg", "person", "b", 6, "Lind", "person", False),
            ("a", 7, "ministry", "group", "c", 1, "two sides", "group", True),
        ]
    )
    text = f.speaker_agreement_finding(agreement)
    assert text == (
        "Of 4 aligned pairs, 2 have the same speaker on both sides (1 of them only because both are groups) and 2 differ: "
        "a #3 (outlet) – b #4 (two sides); a #5 (Berg) – b #6 (Lind). "
        "1 of the differences sets the outlet's own voice against a speaker: narration on one side, attribution on the other."
    )
    assert f.speaker_agreement_finding(agreement.iloc[:0]) == "No aligned pair between the reports compared, so no speakers to compare."


def test_speaker_accuracy_finding() -> None:
    wrong = pd.DataFrame(
        {"gold_type": ["outlet", "group", "outlet"], "speaker_type": ["group", "outlet", "group"], "sent_id": [1, 2, 3]}
    )
    scores = {"accuracy": 30 / 33, "correct": 30, "total": 33}
    text = f.speaker_accuracy_finding(scores, wrong)
    assert text == (
        "The rules give 30 of the 33 gold sentences the gold speaker (accuracy 0.909); one sentence moves it by 0.030. "
        "Misses: gold outlet given to a group (2), gold group given to the outlet (1)."
    )
    assert f.speaker_accuracy_finding(None, None) == "No gold speakers for this corpus: accuracy not measured."


# --------------------------------------------------------------------------- notebook 05


def test_cross_event_pairs_finding_counts_events_pairs_and_the_closest() -> None:
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "event_date": ["2024-03-03", "2024-03-03", "2024-06-11", None],
            "event_title": ["Harbour deal", "Harbour deal", "Summit", None],
        }
    )
    pairs = pd.DataFrame({"doc_a": ["a", "b"], "doc_b": ["c", "c"], "doc_score": [0.2, 0.31]})
    text = f.cross_event_pairs_finding(pairs, documents)
    assert text == (
        "3 articles report 2 events they are compared on (2024-03-03, 2024-06-11), which gives 2 pairs of reports of different events. "
        "The most similar pair is b and c (document cosine 0.310)."
    )
    assert f.cross_event_pairs_finding(pairs.iloc[:0], documents) == (
        "3 articles report 2 events they are compared on (2024-03-03, 2024-06-11), which gives no pair of reports of different events."
    )


def _points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "point": [0, 0, 0, 1, 1, 2, 2],
            "event_date": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-01", "2024-02-01", "2024-02-01", "2024-03-01"],
            "doc_id": ["a", "b", "c", "a", "d", "b", "c"],
            "sent_id": [1, 2, 3, 4, 5, 6, 7],
            "text": ["Ports matter.", "Ports matter a lot.", "Ports still matter.", "x", "y", "z", "w"],
        }
    )


def _summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "point": [0, 1, 2],
            "label": ["ports matter", "x", "z"],
            "n_events": [3, 2, 2],
            "n_docs": [3, 2, 2],
            "n_outlets": [1, 2, 1],
            "outlets": ["Nordpress", "Nordpress; Ostra Daily", "Nordpress"],
            "speakers": ["Berg; Lind", "", None],
        }
    )


def test_talking_points_finding_counts_and_quotes_the_widest_point() -> None:
    text = f.talking_points_finding(_points(), _summary(), 0.25)
    assert text.startswith("3 talking points (7 sentences from 4 reports) pass min_score 0.25.")
    assert "1 comes back at 3 events: P0 (ports matter)." in text
    assert "P0 first: “Ports matter.” (a, 2024-01-01); last: “Ports still matter.” (c, 2024-03-01)." in text
    assert f.talking_points_finding(_points().iloc[:0], _summary().iloc[:0], 0.25) == (
        "No statement comes back across events at min_score 0.25."
    )


def test_point_sources_finding_separates_one_outlet_points_and_names_several_speakers() -> None:
    text = f.point_sources_finding(_summary())
    assert text == (
        "2 of the 3 talking points come from one outlet's reports only; 1 spans several outlets: P1 (Nordpress; Ostra Daily). "
        "1 point is given to several speakers: P0 (Berg; Lind)."
    )
    assert f.point_sources_finding(_summary().iloc[:0]) == "No talking point."


def test_talking_threshold_finding_lists_each_threshold() -> None:
    sens = pd.DataFrame(
        {
            "min_score": [0.15, 0.25],
            "n_points": [10, 9],
            "n_sentences": [47, 23],
            "n_reports": [5, 5],
            "largest_point": [10, 4],
            "max_events": [3, 3],
        }
    )
    text = f.talking_threshold_finding(sens, 0.25)
    assert text == (
        "At 0.15: 47 sentences from 5 reports in 10 points (largest 10 sentences, up to 3 events); "
        "at 0.25 (used here): 23 sentences from 5 reports in 9 points (largest 4 sentences, up to 3 events)."
    )


def test_phrases_finding_lists_the_phrases_at_the_most_events() -> None:
    phrases = pd.DataFrame({"phrase": ["port deal", "two sides", "harbour", "a b"], "n_events": [3, 3, 2, 2]})
    text = f.phrases_finding(phrases, 2)
    assert text == "4 phrases come back at 2 events or more; 2 at 3 events: “port deal”, “two sides”."
    assert "and 1 more" in f.phrases_finding(phrases, 2, max_listed=1)
    assert f.phrases_finding(phrases.iloc[:0], 2) == "No phrase comes back at 2 events or more."


def test_timeline_finding_gives_starts_reach_and_shared_reports_of_one_event() -> None:
    timeline = _points().groupby(["point", "event_date", "doc_id"]).size().rename("n_sentences").reset_index()
    timeline.loc[len(timeline)] = [2, "2024-03-01", "e", 1]
    text = f.timeline_finding(timeline)
    assert text == (
        "Talking points start at 2024-01-01 (2) and 2024-02-01 (1). "
        "2 reach the latest event, 2024-03-01: P0 and P2. "
        "Two reports of one event share a point in P2 (2024-03-01: c, e)."
    )


# --------------------------------------------------------------------------- notebook 03


def test_reports_finding_gives_lengths_share_step_and_events_with_several_outlets() -> None:
    overview = pd.DataFrame(
        {
            "outlet": ["Nordpress", "Ostra Daily", "Nordpress", "Baltic Wire"],
            "event_date": ["2024-03-03", "2024-03-03", "2024-06-11", "2024-03-03"],
            "body_sentences": [10, 20, 16, 8],
        },
        index=pd.Index(["a", "b", "c", "d"], name="doc_id"),
    )
    text = f.reports_finding(overview)
    assert text == (
        "4 reports by 3 outlets, 8 to 20 body sentences each, 54 in all: one sentence moves a report's theme share "
        "by 5 to 12 percentage points. 1 event is reported by several outlets: 2024-03-03 (3 reports); "
        "differences between the other reports are also differences between events."
    )
    no_events = overview.assign(event_date=None)
    assert "no event metadata" in f.reports_finding(no_events)
    assert f.reports_finding(overview.iloc[:0]) == "No report with a body sentence."


def test_topic_theme_finding_says_which_topics_match_a_theme() -> None:
    topics = pd.DataFrame({"topic": [1, 1, 2, 3], "term": ["port", "ship", "vote", "berg"]})
    overlap = pd.DataFrame(
        {"topic": [1, 1, 2], "theme": ["economy", "transport", "elections"], "n_terms": [1, 2, 1], "terms": ["port", "port, ship", "vote"]}
    )
    text = f.topic_theme_finding(topics, overlap)
    assert text == (
        "2 of the 3 topics have top terms in a lexicon theme: topic 1 (transport 2, economy 1), topic 2 (elections 1). "
        "Topic 3 matches no theme."
    )


def test_distinctive_finding_names_each_reports_top_term_and_those_past_the_threshold() -> None:
    distinct = pd.DataFrame(
        {
            "group": ["A", "A", "B", "B", "C"],
            "term": ["harbour", "ships", "strike", "union", "rain"],
            "count": [6, 3, 4, 2, 2],
            "z": [2.5, 1.0, 1.2, 0.5, -0.3],
        }
    )
    text = f.distinctive_finding(distinct)
    assert text == (
        "Each report's most distinctive term: A “harbour” (z = 2.50), B “strike” (z = 1.20); C uses no term more than the others. "
        "1 term passes |z| > 1.96: “harbour” (A); the others are leads to read, not findings."
    )
    assert "No term passes |z| > 1.96" in f.distinctive_finding(distinct.iloc[1:])


def test_opening_finding_lists_the_themes_of_each_first_sentence() -> None:
    first = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "position": [1, 2, 1], "sent_id": [3, 4, 1], "text": ["x", "y", "z"], "themes": ["economy; health", "", ""]}
    )
    text = f.opening_finding(first, pd.Series({"a": "Nordpress 2024-03-03", "b": "Ostra 2024-03-04"}))
    assert text == "First body sentences: Nordpress 2024-03-03 (economy, health); Ostra 2024-03-04 (no lexicon theme)."


def test_point_sources_finding_names_points_carried_by_copies() -> None:
    summary = _summary().assign(n_docs=[3, 3, 2], n_outlets=[1, 3, 1], n_families=[3, 2, 2], outlets=["Nordpress", "Nordpress; Ostra Daily; Vey Post", "Nordpress"])
    text = f.point_sources_finding(summary)
    assert text.endswith(
        " Copies of one text counted once (source families): P1 is in 3 reports from 2 source families."
    )
    assert "Copies" not in f.point_sources_finding(summary.assign(n_families=summary["n_docs"]))
    assert "Copies" not in f.point_sources_finding(_summary())  # no n_families column: nothing to say


def test_point_sources_finding_counts_two_forms_of_one_name_as_one_speaker() -> None:
    summary = _summary().assign(speakers=["Lind; Petra Lind", "Berg; Lind", None])
    text = f.point_sources_finding(summary)
    assert "1 point is given to several speakers: P1 (Berg; Lind)." in text


# --------------------------------------------------------------------------- passages about another event


def _counts(rows: list[tuple[str, str, int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "document_event", "sentences", "set_aside", "other_events"])


def test_set_aside_finding_lists_each_report_and_the_events_set_aside() -> None:
    counts = _counts(
        [
            ("b", "2024-03-03 Lind meets Vey", 8, 0, ""),
            ("a", "2024-03-03 Lind meets Vey", 10, 3, "2024-03-04 Ashe meets a delegation"),
            ("c", "2024-03-03 Lind meets Vey", 6, 2, "2024-03-04 Ashe meets a delegation; other"),
        ]
    )
    assert f.set_aside_finding(counts) == (
        "Set aside as passages about another event, 5 of 24 sentences: "
        "a: 3 of 10 sentences set aside (about 2024-03-04 Ashe meets a delegation). "
        "c: 2 of 6 sentences set aside (about 2024-03-04 Ashe meets a delegation and a day no listed event matches). "
        "The other 1 report keeps every sentence."
    )


def test_set_aside_finding_when_nothing_or_no_metadata() -> None:
    none = _counts([("a", "2024-03-03 x", 4, 0, ""), ("b", "", 2, 0, "")])
    assert f.set_aside_finding(none) == "Every sentence of the 2 reports is about its report's own event: nothing is set aside."
    assert f.set_aside_finding(_counts([("a", "", 4, 0, "")])).startswith("No report has event metadata")
    assert f.set_aside_finding(_counts([])) == "No report has a sentence to analyse."


ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
SEED_WORDS = ("Khovar", "Xinhua", "China Daily", "Rahmon", "Wei", "Shoigu", "Mirzo", "Wang Yi", "Dushanbe", "Tajik")


@pytest.mark.parametrize("folder", ["seeds", "tests/data/invented-corpus"])
def test_set_aside_finding_on_two_corpora_states_the_computed_counts(folder: str) -> None:
    from claimcompare import load_corpus, sentences_table
    from claimcompare.passages import own_event, own_event_counts

    corpus = load_corpus(ROOT / folder)
    marked = own_event(sentences_table(corpus), corpus.documents)
    counts = own_event_counts(marked, corpus.documents)
    text = f.set_aside_finding(counts)
    body = marked[marked["role"] == "body"]
    aside = body[~body["own_event"]]
    assert len(aside) > 0  # both corpora have a report with a passage about another event
    assert f"{len(aside)} of {len(body)} sentences" in text
    for doc_id, n in aside.groupby("doc_id").size().items():
        assert f"{doc_id}: {n} of " in text
    if folder != "seeds":
        assert not [w for w in SEED_WORDS if w in text]


def test_passage_events_finding_counts_sentences_toward_their_passage_event() -> None:
    marked = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a", "b", "b", "c"],
            "role": ["body", "body", "body", "caption", "body", "body", "body"],
            "event": ["E1", "E2", "other", "E2", "E1", "E1", "E3"],
            "own_event": [True, False, False, False, True, True, False],
        }
    )
    assert f.passage_events_finding(marked) == (
        "3 of the 6 body sentences report an event other than their report's: "
        "a: 2 body sentences, 1 toward E2; 1 left out (about a day no listed event matches). "
        "c: 1 body sentence, 1 toward E3."
    )
    assert f.passage_events_finding(marked.assign(own_event=True)) == "Every body sentence counts toward its report's own event."


# --------------------------------------------------------------------------- notebook 06


def _index(rows: list[tuple[str, int, int, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["event", "documents", "outlets", "sentences", "links", "statements"])


def test_outputs_index_finding_names_the_events_with_most_outlets() -> None:
    events = _index(
        [
            ("2024-03-03 Harbour deal signed", 4, 3, 60, 12, 20),
            ("2024-06-11 Summit", 2, 2, 30, 3, 6),
            ("", 1, 1, 10, 0, 0),
            ("2024-03-04 Port strike", 1, 1, 5, 0, 0),
        ]
    )
    text = f.outputs_index_finding(events, top=2)
    assert text.startswith("The outputs hold 105 sentences about 3 events (10 about no event).")
    assert "2 events are reported by two outlets or more: 2024-03-03 Harbour deal signed (3 outlets, 4 documents, 60 sentences) and 2024-06-11 Summit (2 outlets" in text
    assert "The largest event holds 57% of the sentences." in text
    assert "more; the first 1: 2024-03-03 Harbour deal signed (3 outlets, 4 documents, 60 sentences)." in f.outputs_index_finding(events, top=1)


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([], "The outputs hold no sentences."),
        ([("", 2, 2, 10, 1, 2)], "The outputs hold 10 sentences about no event."),
        ([("a b", 1, 1, 3, 0, 0)], "No event is reported by two outlets or more."),
        ([("other", 9, 5, 40, 2, 2)], "The outputs hold 40 sentences about events not listed in the metadata."),
        (
            [("a b", 4, 3, 164_000, 9, 9), ("other", 9, 5, 40, 2, 2), ("", 1, 1, 2, 0, 0)],
            "The outputs hold 164,042 sentences about 1 event (40 about events not listed in the metadata and 2 about no event). "
            "1 event is reported by two outlets or more: a b (3 outlets, 4 documents, 164,000 sentences).",
        ),
    ],
)
def test_outputs_index_finding_edge_cases(rows, expected) -> None:
    assert expected in f.outputs_index_finding(_index(rows))


def test_event_read_finding_says_what_share_was_read() -> None:
    events = _index([("x", 2, 2, 30, 4, 6), ("y", 3, 3, 70, 6, 14)])
    memory = pd.DataFrame({"table": ["documents", "sentences", "links", "statements"], "rows": [2, 30, 4, 6], "bytes": [900, 30_000, 3_000, 2_500_000]})
    text = f.event_read_finding(memory, events, "x")
    assert text.startswith("Event x: 30 of 100 sentences (30%), 4 of 10 links (40%) and 6 of 20 statement rows (30%) read.")
    assert "hold 2.4 MiB in memory" in text
    small = memory.assign(bytes=[100, 200, 300, 400])
    assert "hold 1 KiB in memory" in f.event_read_finding(small, events, "x")
    huge = _index([("x", 2, 2, 30, 4, 6), ("y", 3, 3, 70_000, 6, 14)])
    assert "30 of 70,030 sentences (under 1%)" in f.event_read_finding(memory, huge, "x")

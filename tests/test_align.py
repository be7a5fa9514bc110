"""Tests for claimcompare.align: links between reports, candidate pairs, clusters.

The fixtures are short invented reports of a meeting between Valdorian
Foreign Minister Petra Lind and Ostrenian Foreign Minister Amos Vey, by
invented outlets; one invented report is about something else (grain prices
in Tarsk).  A few tests at the end run on the real seeds.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from claimcompare import corpus_from_texts, load_corpus, sentences_table
from claimcompare.align import (
    ALIGNED_ROLES,
    ALIGNMENT_COLUMNS,
    align_corpus,
    align_pair,
    body_sentences,
    candidate_pairs,
    statement_clusters,
    unique_statements,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: Nordpress: a full report; sentence 4 ("Vey said ... customs rules") and
#: sentence 2 ("... reopen three crossings") are both covered by one terse
#: sentence of the Merrin report.
NORDPRESS = """Valdoria and Ostrenia agree to reopen border crossings

The two neighbours will reopen border crossings and simplify customs rules for farmers, the ministers said.

OSTRA, March 3 (Nordpress) -- Valdorian Foreign Minister Petra Lind and Ostrenian Foreign Minister Amos Vey agreed on Sunday to reopen three crossings on their shared border.

Lind said that trade across the river border had doubled since the ceasefire.

Vey said Ostrenia would simplify customs rules for Valdorian farmers.

The ministers also discussed a new railway between Ostra and the Valdorian capital Merrin.

Copyright © 2024 Nordpress. All rights reserved.

Petra Lind and Amos Vey agreed to reopen three border crossings and to simplify customs rules for farmers.
"""

MERRIN = """Lind, Vey pledge to open border

Updated: March 4, 2024 08:30

Petra Lind and Amos Vey shake hands in Ostra on Sunday after agreeing to reopen three border crossings. (Merrin Daily/Jon Mare)

MERRIN — Petra Lind and Amos Vey, the foreign ministers of Valdoria and Ostrenia, pledged in Ostra to reopen three border crossings and to simplify customs rules for farmers.

Cross-border trade on the river has doubled since the ceasefire, Lind said.

Heavy snow closed mountain roads in northern Valdoria on Saturday.

(Web editor: A. Person)
"""

ORIEL = """Border crossings to reopen

OSTRA — Ostrenia and Valdoria will reopen three crossings on the border, their foreign ministers Amos Vey and Petra Lind said on Sunday.

Vey praised the ceasefire and said river trade had doubled.
"""

TARSK = """Grain prices fall in Tarsk

TARSK — Wheat prices in the Tarskan capital fell for a third week as harvest traders sold stocks ahead of the spring planting season.

Millers expect flour to become cheaper by the summer.
"""

EVENT = ("2024-03-03", "Lind meets Vey in Ostra")


def make_corpus(texts: dict[str, str], events: dict[str, tuple[str, str]] | None = None):
    meta = None
    if events is not None:
        meta = pd.DataFrame(
            {
                "doc_id": list(events),
                "event_date": [e[0] for e in events.values()],
                "event_title": [e[1] for e in events.values()],
            }
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate notes
        corpus = corpus_from_texts(texts, meta)
    return corpus, sentences_table(corpus)


@pytest.fixture(scope="module")
def pair():
    corpus, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN})
    return s[s["doc_id"] == "nordpress"], s[s["doc_id"] == "merrin"]


@pytest.fixture(scope="module")
def aligned(pair):
    return align_pair(*pair)


@pytest.fixture(scope="module")
def four():
    events = {"nordpress": EVENT, "merrin": EVENT, "oriel": EVENT, "tarsk": ("2024-03-01", "Tarsk grain market")}
    return make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN, "oriel": ORIEL, "tarsk": TARSK}, events)


def sent_id(sentences: pd.DataFrame, doc: str, start: str) -> int:
    hit = sentences[(sentences["doc_id"] == doc) & sentences["text"].str.startswith(start)]
    assert len(hit) == 1, (doc, start, hit)
    return int(hit.iloc[0]["sent_id"])


def links(alignment: pd.DataFrame) -> set[tuple[int, int]]:
    return set(zip(alignment["sent_a"], alignment["sent_b"]))


def check_alignment(alignment: pd.DataFrame) -> None:
    assert list(alignment.columns) == list(ALIGNMENT_COLUMNS)
    assert alignment["score"].between(0, 1).all()
    assert alignment["cosine"].between(0, 1).all()
    assert set(alignment["rule"]) <= {"mutual-best", "one-to-many"}
    assert (alignment.loc[alignment["rule"] == "mutual-best", "margin"] >= 0).all()
    assert alignment["sent_a"].dtype == "int64" and alignment["sent_b"].dtype == "int64"


# ---------------------------------------------------------------------------
# align_pair
# ---------------------------------------------------------------------------


def test_fixture_roles(pair):
    a, b = pair
    assert set(a["role"]) >= {"headline", "standfirst", "dateline", "body", "copyright", "footer"}
    assert set(b["role"]) >= {"headline", "stamp", "caption", "dateline", "body", "editor"}


def test_paraphrase_links_mutual_best(pair, aligned):
    a, b = pair
    i = sent_id(a, "nordpress", "Lind said that trade")
    j = sent_id(b, "merrin", "Cross-border trade")
    row = aligned[(aligned["sent_a"] == i) & (aligned["sent_b"] == j)]
    assert len(row) == 1
    assert row.iloc[0]["rule"] == "mutual-best"
    assert row.iloc[0]["score"] >= 0.15
    assert row.iloc[0]["text_a"] == "Lind said that trade across the river border had doubled since the ceasefire."
    assert row.iloc[0]["doc_a"] == "nordpress" and row.iloc[0]["doc_b"] == "merrin"


@pytest.mark.parametrize(
    ("doc", "start"),
    [
        ("merrin", "Heavy snow"),  # unrelated event
        ("nordpress", "The ministers also discussed a new railway"),  # only one report has it
    ],
)
def test_unrelated_statement_is_not_linked(pair, aligned, doc, start):
    a, b = pair
    if doc == "merrin":
        assert sent_id(b, doc, start) not in set(aligned["sent_b"])
    else:
        assert sent_id(a, doc, start) not in set(aligned["sent_a"])


def test_terse_sentence_covering_two_gives_one_to_many(pair, aligned):
    a, b = pair
    terse = sent_id(b, "merrin", "Petra Lind and Amos Vey, the foreign ministers")
    crossings = sent_id(a, "nordpress", "Valdorian Foreign Minister")
    customs = sent_id(a, "nordpress", "Vey said Ostrenia would simplify")
    got = aligned[aligned["sent_b"] == terse]
    assert set(got["sent_a"]) == {crossings, customs}
    assert set(got["rule"]) == {"mutual-best", "one-to-many"}
    one_to_many = got[got["rule"] == "one-to-many"].iloc[0]
    best = got[got["rule"] == "mutual-best"].iloc[0]
    assert one_to_many["score"] >= 0.75 * best["score"]


def test_ratio_one_removes_the_one_to_many_link(pair):
    strict = align_pair(*pair, ratio=1.0)
    assert "one-to-many" not in set(strict["rule"])
    assert len(strict) == len(align_pair(*pair)) - 1


def test_min_score_one_removes_all_links(pair):
    empty = align_pair(*pair, min_score=1.0)
    assert empty.empty
    assert list(empty.columns) == list(ALIGNMENT_COLUMNS)


def test_boilerplate_roles_never_appear(pair, aligned):
    # NORDPRESS has a standfirst and a footer sentence that paraphrase the
    # Merrin body closely; MERRIN has a caption about the same agreement.
    a, b = pair
    role_a = dict(zip(a["sent_id"], a["role"]))
    role_b = dict(zip(b["sent_id"], b["role"]))
    assert {role_a[i] for i in aligned["sent_a"]} <= ALIGNED_ROLES
    assert {role_b[j] for j in aligned["sent_b"]} <= ALIGNED_ROLES
    assert ALIGNED_ROLES == frozenset({"body"})


def test_alignment_table_contract(aligned):
    check_alignment(aligned)
    assert len(aligned) == 3
    assert list(aligned.index) == list(range(len(aligned)))


def test_output_sorted_and_deterministic(pair, aligned):
    again = align_pair(*pair)
    pd.testing.assert_frame_equal(aligned, again)
    assert list(zip(aligned["sent_a"], aligned["sent_b"])) == sorted(zip(aligned["sent_a"], aligned["sent_b"]))


def test_row_order_of_input_does_not_matter(pair, aligned):
    a, b = pair
    shuffled = align_pair(a.sample(frac=1, random_state=3), b.sample(frac=1, random_state=4))
    assert links(shuffled) == links(aligned)


def test_swapping_documents_swaps_the_links(pair, aligned):
    a, b = pair
    swapped = align_pair(b, a)
    assert {(j, i) for i, j in links(swapped)} == links(aligned)
    assert set(swapped["doc_a"]) == {"merrin"}


def test_claims_off_compares_whole_sentences(pair):
    whole = align_pair(*pair, claims=False)
    check_alignment(whole)
    assert len(whole) >= 1


def test_speaker_penalty_lowers_score_of_different_speakers():
    corpus, s = make_corpus(
        {
            "x": "Lind said that Ostrenia would reopen three border crossings in April.\n",
            "y": "Vey said that Ostrenia would reopen three border crossings in April.\n",
        }
    )
    x, y = s[s["doc_id"] == "x"], s[s["doc_id"] == "y"]
    penalised = align_pair(x, y, speaker_penalty=0.5)
    free = align_pair(x, y, speaker_penalty=1.0)
    assert len(penalised) == len(free) == 1
    assert penalised.iloc[0]["cosine"] == pytest.approx(free.iloc[0]["cosine"])
    assert penalised.iloc[0]["score"] == pytest.approx(0.5 * free.iloc[0]["score"], abs=1e-5)


@pytest.mark.parametrize(
    ("text_x", "text_y", "penalised"),
    [
        # a speaker the attribution rules find and the old frame rule did not ("Lind stressed, ... saying")
        ("Lind thanked Ostrenia for its help, saying that three border crossings would reopen in April.",
         "Vey thanked Ostrenia for its help, saying that three border crossings would reopen in April.", True),
        ("The two sides agreed that three border crossings would reopen in April.",
         "Both sides agreed that three border crossings would reopen in April.", False),  # one group: the participants
        ("Foreign Minister Petra Lind said that three border crossings would reopen in April.",
         "Lind said that three border crossings would reopen in April.", False),  # names share a word
        ("Three border crossings will reopen in April.",
         "Vey said that three border crossings would reopen in April.", False),  # the outlet's voice is no speaker
    ],
)  # fmt: skip
def test_speaker_penalty_follows_the_attribution_rules(text_x, text_y, penalised):
    """The aligner's speakers are attribution.article_speakers' (notebook 04's); same_speaker decides a clash."""
    corpus, s = make_corpus({"x": text_x + "\n", "y": text_y + "\n"})
    x, y = s[s["doc_id"] == "x"], s[s["doc_id"] == "y"]
    low = align_pair(x, y, speaker_penalty=0.5, min_score=0.0)
    free = align_pair(x, y, speaker_penalty=1.0, min_score=0.0)
    assert len(low) == len(free) == 1
    ratio = low.iloc[0]["score"] / free.iloc[0]["score"]
    assert ratio == pytest.approx(0.5 if penalised else 1.0, abs=1e-4)


def test_prepared_speakers_are_the_attribution_speakers():
    """On the seeds, every body sentence's speaker in prepare_documents is attribute_speakers' (outlet voice: none)."""
    from claimcompare.align import prepare_documents
    from claimcompare.attribution import attribute_speakers

    sentences = sentences_table(load_corpus(SEEDS))
    docs, _ = prepare_documents(body_sentences(sentences))
    table = attribute_speakers(sentences).set_index(["doc_id", "sent_id"])
    compared = 0
    for doc_id, doc in docs.items():
        for sent_id, k in zip(doc.rows["sent_id"], doc.speaker_ids):
            row = table.loc[(doc_id, int(sent_id))]
            if row["speaker_type"] == "outlet":
                assert k == -1
            else:
                assert doc.speakers[k] == (row["speaker_type"], row["speaker"])
                compared += 1
    assert compared >= 20


def test_speaker_agreement_shapes_and_values():
    from claimcompare.align import prepare_documents, speaker_agreement

    corpus, s = make_corpus(
        {
            "x": "Lind said that the bridge would reopen in April.\nHeavy snow fell on the mountain roads overnight.\n",
            "y": "Petra Lind said that the bridge would reopen.\nVey said that trade with Valdoria had doubled.\nIt rained.\n",
        }
    )
    docs, _ = prepare_documents(body_sentences(s))
    both, same = speaker_agreement(docs["x"], docs["y"])
    assert both.shape == same.shape == (2, 3)
    assert both.tolist() == [[True, True, False], [False, False, False]]
    assert same.tolist() == [[True, False, False], [False, False, False]]


@pytest.mark.parametrize("case", ["both empty", "a empty", "b empty", "same document", "no body", "columns only"])
def test_empty_inputs_give_empty_alignment(pair, case):
    a, b = pair
    empty = a.iloc[0:0]
    args = {
        "both empty": (empty, empty),
        "a empty": (empty, b),
        "b empty": (a, empty),
        "same document": (a, a),
        "no body": (a[a["role"] != "body"], b),
        "columns only": (pd.DataFrame(columns=a.columns), pd.DataFrame(columns=b.columns)),
    }[case]
    out = align_pair(*args)
    assert out.empty
    assert list(out.columns) == list(ALIGNMENT_COLUMNS)


@pytest.mark.parametrize(
    "text",
    [
        "Valdoria",
        "Lind met Vey in Ostra",
        "“Lind met Vey,” he said — twice…",
        "Lind met Vey in Ostra.\r\n\r\nThey talked about the border.\r\n",
        " ".join(["Lind and Vey discussed trade and water rights on the river border."] * 100),
    ],
    ids=["one word", "no final punctuation", "unicode", "crlf", "very long"],
)
def test_align_pair_on_edge_texts(pair, text):
    a, _ = pair
    corpus, s = make_corpus({"edge": text})
    out = align_pair(a, s)
    check_alignment(out)
    assert set(out["doc_b"]) <= {"edge"}


# ---------------------------------------------------------------------------
# candidate_pairs
# ---------------------------------------------------------------------------


def test_candidate_pairs_by_event(four):
    corpus, s = four
    pairs = candidate_pairs(s, corpus.documents, by="event")
    assert list(pairs.columns) == ["doc_a", "doc_b", "doc_score", "reason"]
    assert list(zip(pairs["doc_a"], pairs["doc_b"])) == [("merrin", "nordpress"), ("merrin", "oriel"), ("nordpress", "oriel")]
    assert set(pairs["reason"]) == {"same event"}
    assert pairs["doc_score"].between(0, 1).all()


def test_candidate_pairs_by_event_ignores_similarity():
    # Tarsk is put in the same event on purpose: by event it is compared
    # although its words share nothing with the others.
    events = {"nordpress": EVENT, "merrin": EVENT, "tarsk": EVENT}
    corpus, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN, "tarsk": TARSK}, events)
    by_event = candidate_pairs(s, corpus.documents, by="event")
    by_sim = candidate_pairs(s, corpus.documents, by="similarity")
    assert ("merrin", "tarsk") in set(zip(by_event["doc_a"], by_event["doc_b"]))
    assert set(zip(by_sim["doc_a"], by_sim["doc_b"])) == {("merrin", "nordpress")}
    assert set(by_sim["reason"]) == {"similar documents"}
    assert (by_sim["doc_score"] >= 0.2).all()


def test_candidate_pairs_auto(four):
    corpus, s = four
    auto = candidate_pairs(s, corpus.documents)
    pd.testing.assert_frame_equal(auto, candidate_pairs(s, corpus.documents, by="event"))
    # without documents (no events) auto falls back on similarity
    no_docs = candidate_pairs(s)
    assert set(no_docs["reason"]) == {"similar documents"}
    assert "tarsk" not in set(no_docs["doc_a"]) | set(no_docs["doc_b"])


def test_candidate_pairs_top_k(four):
    corpus, s = four
    pairs = candidate_pairs(s, corpus.documents, by="similarity", top_k=1)
    all_pairs = candidate_pairs(s, corpus.documents, by="similarity", top_k=5)
    assert len(pairs) < len(all_pairs) or len(all_pairs) <= 2
    assert set(zip(pairs["doc_a"], pairs["doc_b"])) <= set(zip(all_pairs["doc_a"], all_pairs["doc_b"]))
    assert (pairs["doc_a"] < pairs["doc_b"]).all()


def test_candidate_pairs_exclude_duplicates():
    events = {"nordpress": EVENT, "merrin": EVENT, "oriel": EVENT, "copy": EVENT}
    corpus, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN, "oriel": ORIEL, "copy": NORDPRESS}, events)
    assert corpus.documents.set_index("doc_id").loc["nordpress", "duplicate_of"] == "copy"
    for by in ("event", "similarity"):
        pairs = candidate_pairs(s, corpus.documents, by=by)
        docs = set(pairs["doc_a"]) | set(pairs["doc_b"])
        assert "nordpress" not in docs, by  # the later copy (by doc_id) is flagged
        assert "copy" in docs, by


def test_candidate_pairs_bad_by(four):
    corpus, s = four
    with pytest.raises(ValueError, match="by"):
        candidate_pairs(s, corpus.documents, by="outlet")


def test_candidate_pairs_of_one_document(pair):
    a, _ = pair
    out = candidate_pairs(a)
    assert out.empty
    assert list(out.columns) == ["doc_a", "doc_b", "doc_score", "reason"]


# ---------------------------------------------------------------------------
# align_corpus
# ---------------------------------------------------------------------------


def test_align_corpus_only_compares_candidate_pairs(four):
    corpus, s = four
    out = align_corpus(s, corpus.documents)
    check_alignment(out)
    assert "tarsk" not in set(out["doc_a"]) | set(out["doc_b"])
    assert set(zip(out["doc_a"], out["doc_b"])) <= {("merrin", "nordpress"), ("merrin", "oriel"), ("nordpress", "oriel")}
    keys = list(zip(out["doc_a"], out["doc_b"], out["sent_a"], out["sent_b"]))
    assert keys == sorted(keys)
    pd.testing.assert_frame_equal(out, align_corpus(s, corpus.documents))


def test_align_corpus_pairs_override(four):
    corpus, s = four
    pairs = pd.DataFrame({"doc_a": ["nordpress"], "doc_b": ["oriel"]})
    out = align_corpus(s, corpus.documents, pairs=pairs)
    assert set(zip(out["doc_a"], out["doc_b"])) == {("nordpress", "oriel")}


def test_align_corpus_of_nothing(four):
    corpus, s = four
    for sentences in (s.iloc[0:0], s[s["role"] != "body"]):
        out = align_corpus(sentences, corpus.documents)
        assert out.empty
        assert list(out.columns) == list(ALIGNMENT_COLUMNS)


# ---------------------------------------------------------------------------
# statement_clusters
# ---------------------------------------------------------------------------


def manual_alignment(rows: list[tuple[str, int, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(da, ia, f"{da}{ia}", db, ib, f"{db}{ib}", 0.5, 0.5, 0.1, "mutual-best") for da, ia, db, ib in rows],
        columns=list(ALIGNMENT_COLUMNS),
    )


def test_triangle_of_links_is_one_cluster():
    al = manual_alignment([("a", 2, "b", 3), ("a", 2, "c", 1), ("b", 3, "c", 1)])
    clusters = statement_clusters(al)
    assert list(clusters.columns) == ["cluster", "doc_id", "sent_id", "text", "n_docs", "n_outlets"]
    assert clusters["cluster"].nunique() == 1
    assert set(zip(clusters["doc_id"], clusters["sent_id"])) == {("a", 2), ("b", 3), ("c", 1)}
    assert (clusters["n_docs"] == 3).all()
    assert (clusters["n_outlets"] == 3).all()


def test_clusters_numbered_by_first_sentence_and_outlets_counted():
    # chain a0-b0-c0 and a separate link a1-b1; a and c are the same outlet
    al = manual_alignment([("b", 1, "a", 1), ("a", 0, "b", 0), ("b", 0, "c", 0)])
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["Nordpress", "Merrin Daily", "Nordpress"]})
    clusters = statement_clusters(al, docs)
    first = clusters[clusters["cluster"] == 0]
    assert set(zip(first["doc_id"], first["sent_id"])) == {("a", 0), ("b", 0), ("c", 0)}
    assert (first["n_docs"] == 3).all() and (first["n_outlets"] == 2).all()
    second = clusters[clusters["cluster"] == 1]
    assert set(zip(second["doc_id"], second["sent_id"])) == {("a", 1), ("b", 1)}
    assert (second["n_docs"] == 2).all()
    assert list(clusters["cluster"]) == sorted(clusters["cluster"])


def test_statement_clusters_of_empty_alignment():
    out = statement_clusters(manual_alignment([]))
    assert out.empty
    assert list(out.columns) == ["cluster", "doc_id", "sent_id", "text", "n_docs", "n_outlets"]


def test_three_invented_reports_give_three_document_clusters(four):
    corpus, s = four
    clusters = statement_clusters(align_corpus(s, corpus.documents))
    # "reopen three crossings" and "trade has doubled" are in all three reports
    assert (clusters.groupby("cluster")["n_docs"].first() == 3).sum() >= 2
    crossings = sent_id(s, "oriel", "Ostrenia and Valdoria will reopen")
    cl = clusters.loc[(clusters["doc_id"] == "oriel") & (clusters["sent_id"] == crossings), "cluster"]
    assert len(cl) == 1
    members = clusters[clusters["cluster"] == cl.iloc[0]]
    assert set(members["doc_id"]) == {"nordpress", "merrin", "oriel"}


# ---------------------------------------------------------------------------
# unique_statements
# ---------------------------------------------------------------------------


def test_unique_statements(four):
    corpus, s = four
    pairs = candidate_pairs(s, corpus.documents)
    al = align_corpus(s, corpus.documents, pairs=pairs)
    unique = unique_statements(s, al, pairs)
    assert list(unique.columns) == list(s.columns)
    assert set(unique["role"]) == {"body"}
    assert "tarsk" not in set(unique["doc_id"])  # not compared with anything
    linked = set(zip(al["doc_a"], al["sent_a"])) | set(zip(al["doc_b"], al["sent_b"]))
    assert not linked & set(zip(unique["doc_id"], unique["sent_id"]))
    texts = set(unique["text"])
    assert "Heavy snow closed mountain roads in northern Valdoria on Saturday." in texts
    assert "The ministers also discussed a new railway between Ostra and the Valdorian capital Merrin." in texts
    # every compared body sentence is either linked or unique
    compared = s[(s["role"] == "body") & s["doc_id"].isin(set(pairs["doc_a"]) | set(pairs["doc_b"]))]
    assert len(compared) == len(unique) + len(linked & set(zip(compared["doc_id"], compared["sent_id"])))
    keys = list(zip(unique["doc_id"], unique["sent_id"]))
    assert keys == sorted(keys)


def test_unique_statements_without_pairs_is_empty():
    # one document: candidate_pairs finds nothing to compare
    corpus, s = make_corpus({"nordpress": NORDPRESS})
    pairs = candidate_pairs(s, corpus.documents)
    assert pairs.empty
    out = unique_statements(s, align_corpus(s, corpus.documents, pairs=pairs), pairs)
    assert out.empty
    assert list(out.columns) == list(s.columns)


# ---------------------------------------------------------------------------
# Real seeds
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    s = sentences_table(corpus)
    return corpus, s, align_corpus(s, corpus.documents)


def test_seed_pairs_are_the_three_reports_of_one_event(seeds):
    corpus, s, _ = seeds
    pairs = candidate_pairs(s, corpus.documents)
    assert set(zip(pairs["doc_a"], pairs["doc_b"])) == {
        ("chinadaily-2021-07-29", "khovar-2021-07-27"),
        ("chinadaily-2021-07-29", "xinhua-2021-07-28"),
        ("khovar-2021-07-27", "xinhua-2021-07-28"),
    }


def test_seed_alignment_links_only_body_sentences(seeds):
    corpus, s, al = seeds
    check_alignment(al)
    assert len(al) > 0
    role = dict(zip(zip(s["doc_id"], s["sent_id"]), s["role"]))
    assert {role[k] for k in zip(al["doc_a"], al["sent_a"])} == {"body"}
    assert {role[k] for k in zip(al["doc_b"], al["sent_b"])} == {"body"}
    for r in al.itertuples(index=False):
        row = s[(s["doc_id"] == r.doc_a) & (s["sent_id"] == r.sent_a)].iloc[0]
        assert row["text"] == r.text_a


def test_corpus_without_events_aligns_the_pairs_of_candidate_pairs():
    """Without event metadata, align_corpus compares exactly the pairs candidate_pairs(by="similarity") lists."""
    corpus, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN, "oriel": ORIEL, "tarsk": TARSK})
    pairs = candidate_pairs(s, corpus.documents, by="similarity")
    assert len(pairs) > 0 and set(pairs["reason"]) == {"similar documents"}
    pd.testing.assert_frame_equal(align_corpus(s, corpus.documents), align_corpus(s, corpus.documents, pairs=pairs))


def test_overlap_from_document_summaries_equals_overlap_coefficient():
    """The aligner summarises each document once (distinct terms, row sums); the scores are those of the public function."""
    import numpy as np

    from claimcompare.align import TermMatrix, body_sentences, overlap_coefficient, prepare_documents

    corpus = load_corpus(SEEDS)
    docs, _ = prepare_documents(body_sentences(sentences_table(corpus)), None, claims=True)
    ids = sorted(docs)
    best = 0.0
    for k, da in enumerate(ids):
        for db in ids[k + 1 :]:
            a, b = docs[da], docs[db]
            got = a.overlap(b)
            assert got.shape == (len(a.rows), len(b.rows))
            np.testing.assert_array_equal(got, overlap_coefficient(a.vectors, b.vectors))
            np.testing.assert_array_equal(TermMatrix.of(a.vectors).overlap(TermMatrix.of(b.vectors)), got)
            best = max(best, got.max())
    assert best > 0.5  # some statement pairs share most of their terms


def test_statement_clusters_do_not_chain_by_default():
    from claimcompare.align import statement_clusters

    def link(da, sa, db, sb, score):
        return {"doc_a": da, "sent_a": sa, "text_a": f"{da}{sa}", "doc_b": db, "sent_b": sb, "text_b": f"{db}{sb}", "score": score}

    # a1-b1 and a2-c1 are two statements; the generic sentence d1 is linked to b1 and to c1.
    links = pd.DataFrame([link("a", 1, "b", 1, 0.9), link("a", 2, "c", 1, 0.9), link("b", 1, "d", 1, 0.5), link("c", 1, "d", 1, 0.4)])
    chained = statement_clusters(links, method="components")
    assert chained["cluster"].nunique() == 1  # the chain a1-b1-d1-c1-a2 is one "statement", a holding two sentences
    st = statement_clusters(links)
    assert list(st.columns) == ["cluster", "doc_id", "sent_id", "text", "n_docs", "n_outlets"]
    assert st["cluster"].min() == 0
    assert not st.duplicated(["cluster", "doc_id"]).any()  # one sentence per document in a statement
    groups = {frozenset(zip(g["doc_id"], g["sent_id"])) for _, g in st.groupby("cluster")}
    assert frozenset({("a", 1), ("b", 1), ("a", 2)}) not in groups
    assert {("a", 1), ("b", 1)} <= next(g for g in groups if ("a", 1) in g)
    with pytest.raises(ValueError, match="method"):
        statement_clusters(links, method="nope")

"""Tests for claimcompare.copies: copies of one text across documents, source families.

Fixtures are short invented news paragraphs (no real outlet, person or event):

* ``wire``: an agency story of five sentences;
* ``reprint``: the same story on another site, with its own headline, dateline
  and a comment-form line, and typographic quotes and line wraps of its own;
* ``excerpt``: the first three sentences of the story, then two sentences of
  the reprinting site's own;
* ``rewrite``: the story rewritten sentence by sentence by another agency
  (same facts, its own wording; one sentence kept nearly verbatim, as a
  rewrite of wire copy often keeps a sentence): *not* a copy of the story;
* ``independent``: a report of the same event in its own words that quotes the
  ministry's statement verbatim, like the wire story does: *not* a copy either.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from claimcompare import corpus_from_texts, load_corpus, sentences_table
from claimcompare.copies import (
    COPY_COLUMNS,
    FAMILY_COLUMNS,
    OUTLET_COUNT_COLUMNS,
    PASSAGE_COLUMNS,
    copy_tokens,
    count_outlets,
    describe_copies,
    document_copies,
    passage_copies,
    shingles,
    source_families,
)

WIRE = """Ministry sets new harbour toll

VALDORA, March 3 (Nordpress) - The transport ministry of Valdora will raise the harbour toll by 12 percent from June, a spokeswoman said on Tuesday.

The increase is the first since 2019 and will apply to container ships and tankers alike.

"The harbour must pay for its own repairs," the ministry said in a statement.

Shipping companies have warned that the higher toll could push freight to the rival port of Casmere.

The ministry said the extra revenue would fund the dredging of the northern channel over the next three years.
"""

REPRINT = """Valdora to raise harbour toll by 12 percent

VALDORA, March 3 (Nordpress) – The transport ministry of Valdora will raise the harbour toll by 12 percent
from June, a spokeswoman said on Tuesday.

The increase is the first since 2019 and will apply to container ships and tankers alike.

“The harbour must pay for its own repairs,” the ministry said in a statement.

Shipping companies have warned that the higher toll could push freight to the rival port of Casmere.

The ministry said the extra revenue would fund the dredging of the northern channel over the next three years.

Leave a Reply
"""

EXCERPT = """Harbour toll to rise

VALDORA, March 3 (Nordpress) - The transport ministry of Valdora will raise the harbour toll by 12 percent from June, a spokeswoman said on Tuesday.

The increase is the first since 2019 and will apply to container ships and tankers alike.

"The harbour must pay for its own repairs," the ministry said in a statement.

Local fishermen, who pay a reduced rate, will not be affected, the harbour office told this newspaper.

Our readers can send questions about the new tolls to the newsdesk.
"""

REWRITE = """Valdora harbour fees up 12pc

VALDORA (Southwire) - Valdora is increasing the fee ships pay to use its harbour by 12 percent, starting in June, according to the transport ministry.

It is the first rise in the toll in four years, and both tankers and container vessels will pay it.

Shipowners fear that cargo could move to Casmere, a competing port, because of the higher charges.

The ministry said the extra revenue would fund the dredging of the northern channel over the coming years.
"""

INDEPENDENT = """Shipowners protest Valdora toll plan

VALDORA, March 4 - Ship operators on Wednesday criticised a plan by Valdora's government to make the harbour more expensive for freight.

"The harbour must pay for its own repairs," the ministry said in a statement.

The association of shipowners said the plan would cost its members several million a year.

Its chairman asked the government to delay the increase until the dredging work had started.
"""

TEXTS = {
    "wire": WIRE,
    "reprint": REPRINT,
    "excerpt": EXCERPT,
    "rewrite": REWRITE,
    "independent": INDEPENDENT,
}


@pytest.fixture(scope="module")
def sentences() -> pd.DataFrame:
    return sentences_table(corpus_from_texts(TEXTS))


@pytest.fixture(scope="module")
def copies(sentences: pd.DataFrame) -> pd.DataFrame:
    return document_copies(sentences)


def _pairs(table: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(table["doc_a"], table["doc_b"]))


# -- tokens and shingles ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   ", []),
        ("Word", ["word"]),
        ("“Curly” quotes – and dashes", ["curly", "quotes", "and", "dashes"]),
        ("line\nwrapped   text", ["line", "wrapped", "text"]),
        ("The minister's 12.5% rise", ["the", "minister's", "12", "5", "rise"]),
        ("Ελλάδα και Κύπρος", ["ελλάδα", "και", "κύπρος"]),
    ],
)
def test_copy_tokens(text: str, expected: list[str]) -> None:
    assert copy_tokens(text) == expected


def test_copy_tokens_keep_stop_words_and_do_not_stem() -> None:
    # A copy is the same words in the same order: function words and endings count.
    assert copy_tokens("The ministries said that it was") == ["the", "ministries", "said", "that", "it", "was"]


@pytest.mark.parametrize(
    ("tokens", "k", "expected"),
    [
        ([], 3, []),
        (["a", "b"], 3, []),
        (["a", "b", "c"], 3, ["a b c"]),
        (["a", "b", "c", "d"], 3, ["a b c", "b c d"]),
        (["a", "b", "a", "b"], 2, ["a b", "b a", "a b"]),
    ],
)
def test_shingles(tokens: list[str], k: int, expected: list[str]) -> None:
    assert shingles(tokens, k) == expected


def test_shingles_rejects_k_below_one() -> None:
    with pytest.raises(ValueError, match="shingle"):
        shingles(["a"], 0)


# -- document copies ----------------------------------------------------------


def test_document_copies_columns_and_order(copies: pd.DataFrame) -> None:
    assert tuple(copies.columns) == COPY_COLUMNS
    assert (copies["doc_a"] < copies["doc_b"]).all()
    assert copies.equals(copies.sort_values(["doc_a", "doc_b"], ignore_index=True))


def test_reprint_and_excerpt_are_copies_of_the_wire(copies: pd.DataFrame) -> None:
    assert _pairs(copies) == {("excerpt", "reprint"), ("excerpt", "wire"), ("reprint", "wire")}
    row = copies.set_index(["doc_a", "doc_b"]).loc[("reprint", "wire")]
    # Same body text up to quotes, dashes and line wraps: every shingle shared.
    assert row["containment_a"] == pytest.approx(1.0)
    assert row["containment_b"] == pytest.approx(1.0)
    assert row["jaccard"] == pytest.approx(1.0)
    excerpt = copies.set_index(["doc_a", "doc_b"]).loc[("excerpt", "wire")]
    # The excerpt is mostly wire text; the wire story is only partly in it.
    assert excerpt["containment_a"] > 0.5
    assert excerpt["containment_b"] < excerpt["containment_a"]
    assert 0 < excerpt["jaccard"] < excerpt["containment_a"]


def test_rewrite_and_independent_report_are_not_copies(copies: pd.DataFrame) -> None:
    docs = set(copies["doc_a"]) | set(copies["doc_b"])
    assert "rewrite" not in docs
    assert "independent" not in docs


def test_threshold_zero_lists_every_pair_sharing_a_shingle(sentences: pd.DataFrame) -> None:
    every = document_copies(sentences, threshold=0.0)
    # The independent report shares the quoted statement with wire, reprint and excerpt;
    # the rewrite shares its nearly verbatim last sentence with wire and reprint.
    assert ("independent", "wire") in _pairs(every)
    assert ("rewrite", "wire") in _pairs(every)
    assert (every["shared_shingles"] > 0).all()
    low = every.set_index(["doc_a", "doc_b"]).loc[("independent", "wire")]
    assert max(low["containment_a"], low["containment_b"]) < 0.5


def test_shingle_length_is_a_parameter(sentences: pd.DataFrame) -> None:
    one = document_copies(sentences, shingle=1, threshold=0.0)
    five = document_copies(sentences, shingle=5, threshold=0.0)
    # Single words are shared by almost any two reports of one event; 5-word runs are not.
    assert len(one) >= len(five)
    assert ("independent", "rewrite") in _pairs(one)


def test_only_body_sentences_count_by_default(sentences: pd.DataFrame) -> None:
    # Two pages that share only furniture (headline and dateline) are not copies.
    texts = {
        "a": "Storm closes schools\n\nKARVIK, May 2 (Nordpress) - Heavy rain flooded the lower town overnight and the mayor closed every school.\n",
        "b": "Storm closes schools\n\nKARVIK, May 2 (Nordpress) - A council vote on the new bridge was postponed after a long debate among members.\n",
    }
    sents = sentences_table(corpus_from_texts(texts))
    assert document_copies(sents).empty
    assert not document_copies(sents, roles=None, threshold=0.0).empty


@pytest.mark.parametrize(
    "texts",
    [
        {},
        {"only": WIRE},
        {"a": "Short.\n", "b": "Brief.\n"},
    ],
    ids=["empty", "one-document", "too-short"],
)
def test_document_copies_degenerate_inputs(texts: dict[str, str]) -> None:
    sents = sentences_table(corpus_from_texts(texts)) if texts else pd.DataFrame(columns=["doc_id", "sent_id", "role", "text"])
    out = document_copies(sents)
    assert out.empty
    assert tuple(out.columns) == COPY_COLUMNS


def test_document_copies_missing_columns() -> None:
    with pytest.raises(ValueError, match="lack.*text"):
        document_copies(pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "role": ["body"]}))


@pytest.mark.parametrize("bad", [{"threshold": 1.5}, {"threshold": -0.1}, {"shingle": 0}])
def test_document_copies_bad_parameters(sentences: pd.DataFrame, bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        document_copies(sentences, **bad)


def test_document_copies_independent_of_row_order(sentences: pd.DataFrame, copies: pd.DataFrame) -> None:
    shuffled = sentences.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(document_copies(shuffled), copies)


def test_document_copies_many_documents_in_blocks(sentences: pd.DataFrame) -> None:
    # The block size only changes the work per step, never the result.
    pd.testing.assert_frame_equal(
        document_copies(sentences, threshold=0.0, block_size=1),
        document_copies(sentences, threshold=0.0),
    )


# -- passage copies -----------------------------------------------------------


def test_passage_copies_columns_and_order(sentences: pd.DataFrame) -> None:
    out = passage_copies(sentences)
    assert tuple(out.columns) == PASSAGE_COLUMNS
    assert (out["doc_a"] < out["doc_b"]).all()
    assert out.equals(out.sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True))


def test_passage_copies_finds_the_copied_run(sentences: pd.DataFrame) -> None:
    out = passage_copies(sentences)
    pair = out[(out["doc_a"] == "excerpt") & (out["doc_b"] == "wire")]
    # The first three body sentences of the excerpt are the first three of the wire story: one run.
    assert len(pair) == 3
    assert pair["run"].nunique() == 1
    assert (pair["run_length"] == 3).all()
    assert pair["verbatim"].all()
    body = sentences[sentences["role"] == "body"]
    excerpt_body = body[body["doc_id"] == "excerpt"]["sent_id"].tolist()
    assert pair["sent_a"].tolist() == excerpt_body[:3]


def test_passage_copies_finds_a_shared_quote_and_a_kept_sentence(sentences: pd.DataFrame) -> None:
    out = passage_copies(sentences)
    quote = out[(out["doc_a"] == "independent") & (out["doc_b"] == "wire")]
    assert len(quote) == 1
    assert quote["text_a"].iloc[0].startswith('"The harbour must pay')
    assert quote["run_length"].iloc[0] == 1
    kept = out[(out["doc_a"] == "rewrite") & (out["doc_b"] == "wire")]
    assert len(kept) == 1
    assert not kept["verbatim"].iloc[0]  # "over the coming years" / "over the next three years"
    assert kept["containment_a"].iloc[0] >= 0.5


def test_passage_threshold_leaves_out_a_shared_name_phrase() -> None:
    # Two reports' own sentences that share only a name phrase (4 of the shorter one's 8 shingles).
    texts = {
        "a": "Court orders arrest\n\nKARVIK - The regional court has ordered the arrest of former harbour director Tomas Erlund over the missing funds.\n",
        "b": "Arrest welcomed\n\nKARVIK - Prosecutors welcomed the arrest of former harbour director Tomas Erlund on Friday.\n",
    }
    sents = sentences_table(corpus_from_texts(texts))
    assert passage_copies(sents).empty
    loose = passage_copies(sents, threshold=0.5)
    assert len(loose) == 1
    assert loose["containment_b"].iloc[0] == pytest.approx(0.5)


def test_passage_copies_ignore_sentences_of_one_document() -> None:
    text = "Title\n\nKARVIK - The council met again on Monday to discuss the bridge. The council met again on Monday to discuss the bridge.\n"
    sents = sentences_table(corpus_from_texts({"a": text, "b": "Other\n\nKARVIK - Nothing at all in common with the first report here.\n"}))
    assert passage_copies(sents).empty


def test_passage_copies_restricted_to_pairs(sentences: pd.DataFrame) -> None:
    pairs = pd.DataFrame({"doc_a": ["wire"], "doc_b": ["excerpt"]})
    out = passage_copies(sentences, pairs=pairs)
    assert _pairs(out) == {("excerpt", "wire")}


def test_passage_copies_empty() -> None:
    out = passage_copies(pd.DataFrame(columns=["doc_id", "sent_id", "role", "text"]))
    assert out.empty
    assert tuple(out.columns) == PASSAGE_COLUMNS


# -- families -----------------------------------------------------------------


def test_source_families(sentences: pd.DataFrame, copies: pd.DataFrame) -> None:
    docs = pd.DataFrame({"doc_id": sorted(TEXTS)})
    fam = source_families(docs, copies)
    assert tuple(fam.columns) == FAMILY_COLUMNS
    got = dict(zip(fam["doc_id"], fam["family"]))
    # The family id is the first doc_id of the group, in sorted order.
    assert got == {"excerpt": "excerpt", "reprint": "excerpt", "wire": "excerpt", "rewrite": "rewrite", "independent": "independent"}
    assert dict(zip(fam["doc_id"], fam["family_size"])) == {"excerpt": 3, "reprint": 3, "wire": 3, "rewrite": 1, "independent": 1}
    assert fam["doc_id"].tolist() == sorted(TEXTS)


def test_source_families_threshold_splits_the_excerpt(copies: pd.DataFrame) -> None:
    docs = pd.DataFrame({"doc_id": sorted(TEXTS)})
    fam = source_families(docs, copies, threshold=0.99)
    got = dict(zip(fam["doc_id"], fam["family"]))
    assert got["reprint"] == got["wire"] == "reprint"
    assert got["excerpt"] == "excerpt"


def test_source_families_join_exact_duplicates() -> None:
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "duplicate_of": ["", "a", None]})
    fam = source_families(docs, pd.DataFrame(columns=list(COPY_COLUMNS)))
    assert fam["family"].tolist() == ["a", "a", "c"]
    assert fam["family_size"].tolist() == [2, 2, 1]


def test_source_families_of_no_documents() -> None:
    fam = source_families(pd.DataFrame({"doc_id": [], "duplicate_of": []}), pd.DataFrame(columns=list(COPY_COLUMNS)))
    assert fam.empty and fam.columns.tolist() == ["doc_id", "family", "family_size"]


def test_source_families_from_a_corpus_documents_table(sentences: pd.DataFrame, copies: pd.DataFrame) -> None:
    corpus = corpus_from_texts(TEXTS)
    fam = source_families(corpus.documents, copies)
    assert fam["family"].nunique() == 3


def test_source_families_documents_need_doc_id() -> None:
    with pytest.raises(ValueError, match="doc_id"):
        source_families(pd.DataFrame({"x": [1]}), pd.DataFrame(columns=list(COPY_COLUMNS)))


# -- counting outlets -------------------------------------------------------------


def test_count_outlets_counts_families_once() -> None:
    statements = pd.DataFrame(
        {
            "cluster": [0, 0, 0, 0, 1, 1],
            "doc_id": ["wire", "reprint", "excerpt", "independent", "rewrite", "independent"],
            "sent_id": [3, 3, 3, 2, 4, 1],
        }
    )
    fam = pd.DataFrame(
        {
            "doc_id": ["excerpt", "independent", "reprint", "rewrite", "wire"],
            "family": ["excerpt", "independent", "excerpt", "rewrite", "excerpt"],
            "family_size": [3, 1, 3, 1, 3],
        }
    )
    out = count_outlets(statements, fam)
    assert tuple(out.columns) == OUTLET_COUNT_COLUMNS
    assert out["cluster"].tolist() == [0, 1]
    assert out["n_docs"].tolist() == [4, 2]
    assert out["n_families"].tolist() == [2, 2]
    assert out["families"].tolist() == ["excerpt;independent", "independent;rewrite"]


def test_count_outlets_document_without_family_is_its_own() -> None:
    statements = pd.DataFrame({"cluster": [0, 0], "doc_id": ["a", "b"], "sent_id": [0, 0]})
    out = count_outlets(statements, pd.DataFrame(columns=list(FAMILY_COLUMNS)))
    assert out["n_families"].tolist() == [2]


def test_count_outlets_other_statement_column() -> None:
    statements = pd.DataFrame({"point": ["x", "x"], "doc_id": ["a", "b"]})
    fam = pd.DataFrame({"doc_id": ["a", "b"], "family": ["a", "a"], "family_size": [2, 2]})
    out = count_outlets(statements, fam, statement="point")
    assert out.columns[0] == "point"
    assert out["n_families"].tolist() == [1]


def test_count_outlets_with_statement_clusters(sentences: pd.DataFrame, copies: pd.DataFrame) -> None:
    from claimcompare import align_corpus, statement_clusters

    alignment = align_corpus(sentences)
    clusters = statement_clusters(alignment)
    fam = source_families(pd.DataFrame({"doc_id": sorted(TEXTS)}), copies)
    out = count_outlets(clusters, fam)
    assert len(out) == clusters["cluster"].nunique()
    assert (out["n_families"] <= out["n_docs"]).all()
    # The wire sentence carried by wire, reprint and excerpt is one family.
    assert (out["n_families"] < out["n_docs"]).any()


# -- shown as text --------------------------------------------------------------


def test_describe_copies(copies: pd.DataFrame) -> None:
    fam = source_families(pd.DataFrame({"doc_id": sorted(TEXTS)}), copies)
    text = describe_copies(fam)
    assert text.startswith("5 documents form 3 source families")
    assert "excerpt, reprint and wire" in text


def test_describe_copies_no_copies() -> None:
    fam = source_families(pd.DataFrame({"doc_id": ["a", "b"]}), pd.DataFrame(columns=list(COPY_COLUMNS)))
    assert describe_copies(fam) == "2 documents form 2 source families: no document is a copy of another."


# -- training events of the real-news benchmark (NOTES.md name the copies) -----------

EVENTS = Path(__file__).resolve().parents[1] / "benchmarks" / "realnews" / "events"
TRAINING = [
    "2023-03-17-icc-putin-arrest-warrant",
    "2023-04-02-opec-plus-voluntary-cuts",
    "2023-05-28-turkey-presidential-runoff",
    "2023-06-18-blinken-beijing-visit",
    "2023-09-14-derna-flood-death-toll",
]
#: Copy families named in each training event's NOTES.md ("Copies of the same wire text").
#: OPEC+: the QNA story on two sites, word for word.  Derna: PA's text is a rewrite of AP
#: copy and Blinken's two Reuters texts are different stories: neither is a copy.
EXPECTED_COPIES = {
    "2023-03-17-icc-putin-arrest-warrant": set(),
    "2023-04-02-opec-plus-voluntary-cuts": {("qna-qatarnewswire-2023-04-02", "qna-zofshop-2023-04-02")},
    "2023-05-28-turkey-presidential-runoff": set(),
    "2023-06-18-blinken-beijing-visit": set(),
    "2023-09-14-derna-flood-death-toll": set(),
}


@pytest.mark.slow
@pytest.mark.parametrize("event", TRAINING)
def test_training_event_copies_match_the_notes(event: str) -> None:
    folder = EVENTS / event
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    corpus = load_corpus(folder)
    sents = sentences_table(corpus)
    copies = document_copies(sents)
    assert _pairs(copies) == EXPECTED_COPIES[event]
    fam = source_families(corpus.documents, copies)
    assert fam["family"].nunique() == len(corpus.documents) - len(EXPECTED_COPIES[event])


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_shingle_matrix_matches_shingle_sets(k: int) -> None:
    from claimcompare.copies import shingle_matrix

    lists = [[], ["a"], ["a", "b", "a", "b", "a"], ["b", "a", "b"], ["x", "y", "z", "a", "b"], ["a", "b"]]
    x = shingle_matrix(lists, shingle=k)
    assert x.shape[0] == len(lists)
    sets = [set(shingles(t, k)) for t in lists]
    assert x.shape[1] == len(set().union(*sets))
    assert set(x.data.tolist()) <= {1}
    # Shared counts are the sizes of the set intersections.
    shared = (x @ x.T).toarray()
    for i, a in enumerate(sets):
        for j, b in enumerate(sets):
            assert shared[i, j] == len(a & b)


@pytest.mark.slow
def test_training_opec_copies_counted_once() -> None:
    from claimcompare import align_corpus, statement_clusters

    folder = EVENTS / "2023-04-02-opec-plus-voluntary-cuts"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    corpus = load_corpus(folder)
    sents = sentences_table(corpus)
    # The QNA story on two sites: all seven body sentences, one run.
    passages = passage_copies(sents)
    qna = passages[(passages["doc_a"] == "qna-qatarnewswire-2023-04-02") & (passages["doc_b"] == "qna-zofshop-2023-04-02")]
    assert len(qna) == 7
    assert (qna["run_length"] == 7).all()
    fam = source_families(corpus.documents, document_copies(sents))
    clusters = statement_clusters(align_corpus(sents))
    counts = count_outlets(clusters, fam).set_index("cluster")
    both = clusters.groupby("cluster")["doc_id"].agg(lambda d: {"qna-qatarnewswire-2023-04-02", "qna-zofshop-2023-04-02"} <= set(d))
    assert both.any()
    assert (counts.loc[both[both].index, "n_families"] == counts.loc[both[both].index, "n_docs"] - 1).all()
    assert (counts.loc[both[~both].index, "n_families"] == counts.loc[both[~both].index, "n_docs"]).all()
    assert describe_copies(fam).startswith("6 documents form 5 source families; copies of one text: qna-qatarnewswire")


def test_numeric_doc_ids_are_read_as_strings() -> None:
    body = "The transport ministry of Valdora will raise the harbour toll by 12 percent from June."
    sents = pd.DataFrame({"doc_id": [1, 2], "sent_id": [0, 0], "role": ["body", "body"], "text": [body, body]})
    out = document_copies(sents)
    assert out[["doc_a", "doc_b"]].values.tolist() == [["1", "2"]]
    assert len(passage_copies(sents)) == 1

"""Tests for claimcompare.corpus: loading a folder, metadata, errors, sentences table.

Invented articles about a meeting of the foreign ministers of Valdoria and
Ostrenia are written into ``tmp_path``; a few tests at the end load the real
seeds.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from claimcompare import CorpusError, corpus_from_texts, load_corpus, read_article, sentences_table
from claimcompare.clean import BLOCK_COLUMNS
from claimcompare.corpus import DOC_COLUMNS, SENTENCE_COLUMNS
from claimcompare.names import name_hash

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

NORDPRESS = (
    "Home > World > Asia\n"
    "\n"
    "Valdoria and Ostrenia agree to reopen border crossings\n"
    "\n"
    "Updated: March 3, 2024 10:15\n"
    "\n"
    "OSTRA, March 3 (Nordpress) -- Valdorian Foreign Minister Petra Lind and Ostrenian Foreign Minister"
    " Amos Vey agreed on Sunday to reopen three crossings on their shared border.\n"
    "\n"
    "Lind said that trade across the river border had doubled since the ceasefire. Vey said Ostrenia"
    " would simplify customs rules for Valdorian farmers.\n"
    "\n"
    "(Web editor: A. Person)\n"
    "\n"
    "Copyright © 2024 Nordpress. All rights reserved.\n"
)

MERRIN = (
    "Lind, Vey pledge to open border\r\n"
    "Published: 04.03.2024 08:30\r\n"
    "MERRIN — Petra Lind and Amos Vey, the foreign ministers of Valdoria and Ostrenia, pledged in Ostra"
    " to reopen three border crossings.\r\n"
    "Cross-border trade on the river has doubled since the ceasefire, Lind said.\r\n"
    "Editor: Someone\r\n"
)

PLAIN = (
    "Ostrenian farmers welcomed the border deal on Monday. "
    "They said the crossings would cut the trip to Valdorian markets by half.\n"
)


def write_folder(folder: Path, files: dict[str, str | bytes], sources: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_bytes(content.encode("utf-8"))
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(
        tmp_path / "articles",
        {"Nordpress 2024-03-03.txt": NORDPRESS, "merrin_daily.txt": MERRIN, "farmers.txt": PLAIN},
    )


def check_sentences(corpus, sentences: pd.DataFrame) -> None:
    """The contract of sentences_table for any corpus."""
    assert list(sentences.columns) == list(SENTENCE_COLUMNS)
    for row in sentences.itertuples(index=False):
        assert row.text == corpus.texts[row.doc_id][row.start : row.end]
    for doc_id, text in corpus.texts.items():
        rows = sentences[sentences["doc_id"] == doc_id]
        assert list(rows["sent_id"]) == list(range(len(rows)))
        covered = [0] * len(text)
        for s, e in zip(rows["start"], rows["end"]):
            for k in range(s, e):
                covered[k] += 1
        for k, ch in enumerate(text):
            if not ch.isspace():
                assert covered[k] == 1, (doc_id, k, ch)
    assert list(sentences["doc_id"]) == sorted(sentences["doc_id"])


# ---------------------------------------------------------------------------
# load_corpus without sources.csv
# ---------------------------------------------------------------------------


def test_doc_ids_from_file_names(folder):
    corpus = load_corpus(folder)
    assert list(corpus.documents["doc_id"]) == ["farmers", "merrin-daily", "nordpress-2024-03-03"]
    assert dict(zip(corpus.documents["doc_id"], corpus.documents["file"])) == {
        "farmers": "farmers.txt",
        "merrin-daily": "merrin_daily.txt",
        "nordpress-2024-03-03": "Nordpress 2024-03-03.txt",
    }
    assert len(corpus) == 3
    assert corpus.folder == folder
    assert list(corpus.documents.columns) == list(DOC_COLUMNS)


def test_title_and_published_read_off_the_text(folder):
    docs = load_corpus(folder).documents.set_index("doc_id")
    assert docs.loc["nordpress-2024-03-03", "title"] == "Valdoria and Ostrenia agree to reopen border crossings"
    assert docs.loc["nordpress-2024-03-03", "published"] == "2024-03-03"
    assert docs.loc["merrin-daily", "title"] == "Lind, Vey pledge to open border"
    assert docs.loc["merrin-daily", "published"] == "2024-03-04"  # 04.03.2024 is day.month.year
    assert docs.loc["farmers", "title"] is None
    assert docs.loc["farmers", "published"] is None


def test_texts_are_exactly_the_files(folder):
    corpus = load_corpus(folder)
    assert corpus.texts["merrin-daily"] == MERRIN  # CRLF kept as is
    assert corpus.texts["nordpress-2024-03-03"] == NORDPRESS
    n_chars = dict(zip(corpus.documents["doc_id"], corpus.documents["n_chars"]))
    assert n_chars == {k: len(v) for k, v in corpus.texts.items()}
    assert corpus.documents["n_chars"].dtype == "int64"


def test_slug_collisions_get_a_hash_of_the_file_name(tmp_path):
    d = write_folder(tmp_path, {"a b.txt": PLAIN, "a-b.txt": MERRIN, "A_B.txt": NORDPRESS})
    with pytest.warns(UserWarning, match="would all have the id 'a-b'"):
        corpus = load_corpus(d)
    ids = dict(zip(corpus.documents["file"], corpus.documents["doc_id"]))
    assert ids["a-b.txt"] == "a-b"  # the file whose name is its id keeps it
    assert ids["a b.txt"] == "a-b-" + name_hash("a b.txt") and ids["A_B.txt"] == "a-b-" + name_hash("A_B.txt")
    assert len(set(ids.values())) == 3


def test_pattern_selects_files(tmp_path):
    d = write_folder(tmp_path, {"a.txt": PLAIN, "b.md": MERRIN})
    with pytest.warns(UserWarning, match="only one distinct article"):
        assert list(load_corpus(d).documents["doc_id"]) == ["a"]
    with pytest.warns(UserWarning, match="only one distinct article"):
        assert list(load_corpus(d, pattern="*.md").documents["doc_id"]) == ["b"]


# ---------------------------------------------------------------------------
# load_corpus with sources.csv
# ---------------------------------------------------------------------------


def test_sources_csv_gives_ids_and_metadata(folder):
    (folder / "sources.csv").write_text(
        "doc_id,file,outlet,country,published,event_date,event_title,place\n"
        "np,Nordpress 2024-03-03.txt,Nordpress,Ostrenia,2024-03-02,2024-03-03,Lind meets Vey,Ostra\n"
        "md,merrin_daily.txt,Merrin Daily,Valdoria,,2024-03-03,Lind meets Vey,Ostra\n",
        encoding="utf-8",
    )
    corpus = load_corpus(folder)
    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["farmers", "md", "np"]  # the unlisted file keeps its slug
    assert docs.loc["np", "outlet"] == "Nordpress"
    assert docs.loc["np", "published"] == "2024-03-02"  # the table wins over the stamp
    assert docs.loc["md", "published"] == "2024-03-04"  # empty in the table: read off the text
    assert docs.loc["np", "title"] == "Valdoria and Ostrenia agree to reopen border crossings"
    assert docs.loc["farmers", "outlet"] is None
    assert corpus.event_of().loc["np"] == "2024-03-03 Lind meets Vey"
    assert pd.isna(corpus.event_of().loc["farmers"])


def test_sources_csv_without_doc_id_uses_slugs(folder):
    (folder / "sources.csv").write_text("file,outlet\nmerrin_daily.txt,Merrin Daily\n", encoding="utf-8")
    docs = load_corpus(folder).documents.set_index("doc_id")
    assert docs.loc["merrin-daily", "outlet"] == "Merrin Daily"


def test_slug_does_not_collide_with_a_doc_id_from_sources(tmp_path):
    d = write_folder(tmp_path, {"a.txt": PLAIN, "b.txt": MERRIN}, "file,doc_id\na.txt,b\n")
    with pytest.warns(UserWarning, match="b.txt would have the id 'b', made from its name, which sources.csv gives"):
        docs = load_corpus(d).documents
    ids = dict(zip(docs["file"], docs["doc_id"]))
    assert ids == {"a.txt": "b", "b.txt": "b-" + name_hash("b.txt")}


@pytest.mark.parametrize(
    ("sources", "fragment"),
    [
        ("doc_id,outlet\nx,Nordpress\n", "'file'"),
        ("file,doc_id\nfarmers.txt,f\nmissing-article.txt,m\n", "missing-article.txt"),
        ("file,doc_id\nfarmers.txt,same\nmerrin_daily.txt,same\n", "same"),
        ("", "CSV"),
    ],
    ids=["no file column", "unknown file", "duplicate doc_id", "empty csv"],
)
def test_bad_sources_csv_raises_naming_the_file(folder, sources, fragment):
    (folder / "sources.csv").write_text(sources, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    message = str(info.value)
    assert "sources.csv" in message
    assert fragment in message
    assert info.value.path == str(folder / "sources.csv")
    assert "\n" not in message


@pytest.mark.parametrize("column", ["published", "event_date"])
def test_bad_date_in_sources_warns_and_is_left_empty(folder, column):
    (folder / "sources.csv").write_text(f"file,{column}\nfarmers.txt,last Monday\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    assert any(f"{column!r} is not YYYY-MM-DD for farmers.txt" in str(w.message) for w in caught)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["farmers", column] is None  # the text has no date to fall back on


def test_blank_doc_id_in_sources_is_not_used(folder):
    (folder / "sources.csv").write_text("file,doc_id\nfarmers.txt,\nmerrin_daily.txt,md\n", encoding="utf-8")
    try:
        corpus = load_corpus(folder)
    except CorpusError as err:  # refusing the table is an acceptable answer too
        assert "sources.csv" in str(err)
        return
    assert "" not in corpus.texts
    assert (corpus.documents["doc_id"].str.len() > 0).all()


# ---------------------------------------------------------------------------
# Unreadable files
# ---------------------------------------------------------------------------

BAD_FILES = {
    "empty": (b"", "empty"),
    "whitespace only": (b"  \n\r\n\t ", "empty"),
    "bom only": (b"\xef\xbb\xbf", "empty"),
    "binary": (b"Valdoria\x00\x01\x02Ostrenia", "binary"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    "html without an article": (b"<!DOCTYPE html>\n<html><body><nav><a href='/'>Home</a></nav></body></html>", "HTML"),
    "too big": (("Lind met Vey in Ostra. " * 100).encode("utf-8"), "limit"),
}


@pytest.mark.parametrize(("content", "fragment"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_read_article_refuses_bad_file_naming_it(tmp_path, content, fragment):
    path = tmp_path / "ostra-report.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        read_article(path, max_bytes=1000)
    assert "ostra-report.txt" in str(info.value)
    assert fragment in str(info.value)
    assert info.value.remedy  # says what to do


@pytest.mark.parametrize(("content", "fragment"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_load_corpus_raises_on_bad_file(folder, content, fragment):
    (folder / "ostra-report.txt").write_bytes(content)
    with pytest.raises(CorpusError, match="ostra-report.txt"):
        load_corpus(folder, max_bytes=1000)


@pytest.mark.parametrize(("content", "fragment"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_load_corpus_skips_bad_file_with_a_note(folder, content, fragment):
    (folder / "ostra-report.txt").write_bytes(content)
    with pytest.warns(UserWarning, match="ostra-report.txt"):
        corpus = load_corpus(folder, on_error="skip", max_bytes=1000)
    assert sorted(corpus.texts) == ["farmers", "merrin-daily", "nordpress-2024-03-03"]
    assert len(corpus.notes) == 1
    assert "ostra-report.txt" in corpus.notes[0] and fragment in corpus.notes[0]
    assert "ostra-report.txt" not in set(corpus.documents["file"])


def test_read_article_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no-such-article.txt"):
        read_article(tmp_path / "no-such-article.txt")


def test_read_article_accepts_file_at_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert read_article(path, max_bytes=1000) == "x" * 1000


def test_utf8_bom_is_dropped(tmp_path):
    d = write_folder(tmp_path, {"bom.txt": "\ufeff" + NORDPRESS})
    with pytest.warns(UserWarning, match="only one distinct article"):
        corpus = load_corpus(d)
    assert corpus.texts["bom"] == NORDPRESS
    assert not corpus.texts["bom"].startswith("\ufeff")
    assert corpus.documents.iloc[0]["title"] == "Valdoria and Ostrenia agree to reopen border crossings"


def test_read_article_keeps_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(MERRIN.encode("utf-8"))
    assert read_article(path) == MERRIN


def test_missing_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="no-such-folder"):
        load_corpus(tmp_path / "no-such-folder")


def test_a_file_is_not_a_folder(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PLAIN)
    with pytest.raises(CorpusError, match="a.txt"):
        load_corpus(path)


def test_folder_without_txt_raises(tmp_path):
    write_folder(tmp_path / "notes", {"readme.md": PLAIN})
    with pytest.raises(CorpusError, match="notes"):
        load_corpus(tmp_path / "notes")


def test_folder_with_only_bad_files_raises_even_when_skipping(tmp_path):
    d = write_folder(tmp_path / "bad", {"a.txt": b"", "b.txt": b"\x00\x00"})
    with pytest.warns(UserWarning, match="skipped"), pytest.raises(CorpusError, match="no readable"):
        load_corpus(d, on_error="skip")


def test_folder_with_only_bad_files_reports_each_file(tmp_path):
    d = write_folder(tmp_path / "bad", {"a.txt": b"", "b.txt": b"\x00\x00"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(CorpusError, match="see the messages above"):
            load_corpus(d, on_error="skip")
    messages = " ".join(str(w.message) for w in caught)
    assert "a.txt" in messages and "b.txt" in messages


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------


def test_same_text_is_flagged_duplicate_of_the_first(tmp_path):
    # Same words, different whitespace and line ends: still the same text.
    copy = "\n\n" + NORDPRESS.replace("\n", "\r\n") + "   "
    d = write_folder(tmp_path, {"a.txt": NORDPRESS, "b.txt": MERRIN, "c.txt": copy})
    with pytest.warns(UserWarning, match="c.txt"):
        corpus = load_corpus(d)
    dup = dict(zip(corpus.documents["doc_id"], corpus.documents["duplicate_of"]))
    assert dup == {"a": None, "b": None, "c": "a"}
    assert any("c.txt" in n and "a" in n for n in corpus.notes)


def test_no_duplicates_no_notes(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    assert corpus.notes == ()
    assert corpus.documents["duplicate_of"].isna().all()


# ---------------------------------------------------------------------------
# Blocks, removed(), sentences table
# ---------------------------------------------------------------------------


def test_blocks_table(folder):
    corpus = load_corpus(folder)
    assert list(corpus.blocks.columns) == ["doc_id", *BLOCK_COLUMNS]
    for b in corpus.blocks.itertuples(index=False):
        assert corpus.texts[b.doc_id][b.start : b.end] == b.text


def test_removed_lists_only_non_body_blocks(folder):
    corpus = load_corpus(folder)
    removed = corpus.removed()
    assert len(removed) > 0
    assert "body" not in set(removed["role"])
    assert list(removed.index) == list(range(len(removed)))
    n_non_body = (corpus.blocks["role"] != "body").sum()
    assert len(removed) == n_non_body
    np_removed = removed[removed["doc_id"] == "nordpress-2024-03-03"]
    assert set(np_removed["role"]) == {"navigation", "headline", "stamp", "dateline", "editor", "copyright"}
    for r in removed.itertuples(index=False):
        assert corpus.texts[r.doc_id][r.start : r.end] == r.text


def test_sentences_table_contract(folder):
    corpus = load_corpus(folder)
    sentences = sentences_table(corpus)
    check_sentences(corpus, sentences)
    for col in ("sent_id", "paragraph", "start", "end"):
        assert sentences[col].dtype == "int64"


def test_sentences_table_splits_body_but_not_furniture(folder):
    corpus = load_corpus(folder)
    s = sentences_table(corpus)
    np_rows = s[s["doc_id"] == "nordpress-2024-03-03"]
    body = np_rows.loc[np_rows["role"] == "body", "text"].tolist()
    assert body == [
        "Valdorian Foreign Minister Petra Lind and Ostrenian Foreign Minister Amos Vey"
        " agreed on Sunday to reopen three crossings on their shared border.",
        "Lind said that trade across the river border had doubled since the ceasefire.",
        "Vey said Ostrenia would simplify customs rules for Valdorian farmers.",
    ]
    assert np_rows.loc[np_rows["role"] == "dateline", "text"].tolist() == ["OSTRA, March 3 (Nordpress) --"]
    assert np_rows.loc[np_rows["role"] == "stamp", "text"].tolist() == ["Updated: March 3, 2024 10:15"]
    # the two sentences of one paragraph keep the paragraph number
    two = np_rows[np_rows["text"].str.startswith(("Lind said", "Vey said"))]
    assert two["paragraph"].nunique() == 1


@pytest.mark.parametrize(
    "text",
    ["", "   \n", "Valdoria", "Lind met Vey", "“Lind met Vey,” he said — twice…", "a\r\nb\r\n\r\nc.", PLAIN * 80],
    ids=["empty", "blank", "one word", "no final punctuation", "unicode", "crlf", "very long"],
)
def test_sentences_table_on_edge_texts(text):
    corpus = corpus_from_texts({"x": text})
    sentences = sentences_table(corpus)
    check_sentences(corpus, sentences)
    if text.strip():
        assert len(sentences) >= 1
    else:
        assert sentences.empty


def test_sentences_table_of_an_empty_corpus():
    sentences = sentences_table(corpus_from_texts({}))
    assert sentences.empty
    assert list(sentences.columns) == list(SENTENCE_COLUMNS)


def test_corpus_from_texts_metadata():
    meta = pd.DataFrame({"doc_id": ["np"], "outlet": ["Nordpress"], "title": ["Given title"]})
    corpus = corpus_from_texts({"np": NORDPRESS, "md": MERRIN}, meta)
    docs = corpus.documents.set_index("doc_id")
    assert list(corpus.documents["doc_id"]) == ["md", "np"]
    assert docs.loc["np", "outlet"] == "Nordpress"
    assert docs.loc["np", "title"] == "Given title"
    assert docs.loc["np", "published"] == "2024-03-03"
    assert docs.loc["md", "outlet"] is None
    assert corpus.folder is None


# ---------------------------------------------------------------------------
# Real seeds
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEEDS)
    return corpus, sentences_table(corpus)


def test_seeds_load_five_documents_with_ids_from_sources(seeds):
    corpus, _ = seeds
    src = pd.read_csv(SEEDS / "sources.csv", dtype=str, keep_default_na=False)
    assert len(corpus) == 5
    assert sorted(corpus.documents["doc_id"]) == sorted(src["doc_id"])
    got = dict(zip(corpus.documents["doc_id"], corpus.documents["file"]))
    assert got == dict(zip(src["doc_id"], src["file"]))
    assert corpus.notes == ()
    assert corpus.documents["duplicate_of"].isna().all()


def test_seeds_metadata_from_sources(seeds):
    corpus, _ = seeds
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["khovar-2021-07-27", "outlet"] == "NIAT Khovar"
    assert docs.loc["chinadaily-2021-07-29", "event_date"] == "2021-07-27"
    assert docs.loc["xinhua-2022-02-14", "published"] == "2022-02-14"


def test_seeds_every_document_has_a_headline(seeds):
    corpus, _ = seeds
    heads = corpus.blocks[corpus.blocks["role"] == "headline"]
    assert set(heads["doc_id"]) == set(corpus.documents["doc_id"])
    assert corpus.documents["title"].notna().all()


@pytest.mark.parametrize("furniture", ["Copyright", "Read also", "Web editor", "(Xinhua/"])
def test_seeds_body_has_no_captured_furniture(seeds, furniture):
    corpus, sentences = seeds
    body = sentences[sentences["role"] == "body"]
    assert not body["text"].str.contains(furniture, regex=False).any()
    # ...and the furniture is in the files, set aside by cleaning
    assert any(furniture in t for t in corpus.texts.values())
    assert corpus.removed()["text"].str.contains(furniture, regex=False).any()


def test_seeds_sentences_table_contract(seeds):
    corpus, sentences = seeds
    check_sentences(corpus, sentences)
    for doc_id, text in corpus.texts.items():
        with open(SEEDS / corpus.documents.set_index("doc_id").loc[doc_id, "file"], encoding="utf-8-sig", newline="") as f:
            assert f.read() == text


# --- check_source_metadata: the one check of sources.csv metadata, for folders and tables -----------

from claimcompare.corpus import check_source_metadata  # noqa: E402


@pytest.mark.parametrize(
    ("column", "value", "kept"),
    [
        ("published", "2024-03-03", True),
        ("published", "", True),
        ("published", None, True),
        ("published", "3 March 2024", False),
        ("published", "2024-3-3", False),
        ("published", "2024-02-30", False),
        ("event_date", "20240303", False),
        ("event_date", "2024-03-03T10:00", False),
    ],
    ids=["iso", "empty", "none", "words", "one-digit-month", "no-such-day", "no-dashes", "with-time"],
)
@pytest.mark.parametrize("name_by", ["file", "doc_id"])
def test_check_source_metadata_dates(column: str, value: str | None, kept: bool, name_by: str) -> None:
    meta = pd.DataFrame({"file": ["a.txt", "b.txt"], "doc_id": ["a", "b"], "event_title": ["Talks"] * 2, "event_date": ["2024-03-04"] * 2, "published": ["2024-03-04"] * 2}, dtype=object)
    meta[column] = pd.Series(["2024-03-04", value], dtype=object)
    out, notes = check_source_metadata(meta, "where.csv", name_by=name_by)
    assert out[column].iloc[0] == "2024-03-04"
    if kept:
        assert notes == [] and out[column].iloc[1] == value
    else:
        assert out[column].iloc[1] is None
        name = "b.txt" if name_by == "file" else "doc_id b"
        assert notes == [f"where.csv: column {column!r} is not YYYY-MM-DD for {name}; ignored (read off the text where it has a date)"]
    assert meta[column].iloc[1] == value  # the input is not modified


def test_check_source_metadata_also_reports_and_event_columns() -> None:
    meta = pd.DataFrame(
        {"file": ["a.txt", "b.txt", "c.txt"], "event_date": ["2024-03-03"] * 3,
         "also_reports": ["2024-03-02 Talks; 2024-03-01 Visit", "next week", None]}  # fmt: skip
    )
    out, notes = check_source_metadata(meta, "sources.csv")
    pd.testing.assert_frame_equal(out, meta)  # entries are noted, not changed: passages.document_events skips them
    assert notes == [
        "sources.csv: has 'event_date' but no 'event_title' column; articles are compared by similarity, not by event "
        "(add 'event_title' to compare the reports of each event)",
        "sources.csv: column 'also_reports' has entries not of the form 'YYYY-MM-DD title' for b.txt; those entries are ignored",
    ]


def test_check_source_metadata_lists_at_most_five_names() -> None:
    meta = pd.DataFrame({"doc_id": [f"d{k}" for k in range(7)], "published": ["soon"] * 7})
    _, notes = check_source_metadata(meta, "t.parquet", name_by="doc_id")
    assert "for doc_id d0, d1, d2, d3, d4 and 2 more;" in notes[0]


def test_check_source_metadata_needs_the_naming_column() -> None:
    with pytest.raises(ValueError, match="doc_id"):
        check_source_metadata(pd.DataFrame({"file": ["a.txt"]}), "t.csv", name_by="doc_id")

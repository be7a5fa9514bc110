"""Tables in and out: articles from Parquet, CSV and JSON Lines; outputs as Parquet partitioned by event."""

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from claimcompare import (
    CorpusError,
    align_corpus,
    corpus_to_table,
    iter_article_batches,
    load_corpus,
    read_articles,
    read_table,
    sentences_table,
    statement_clusters,
    table_events,
    write_table,
)
from claimcompare.cli import main
from claimcompare.names import safe_filename
from claimcompare.tables import (
    DEFAULT_PARTITION,
    LOCATION_COLUMNS,
    article_metadata,
    is_parquet_table,
    partition_name,
    read_article_rows,
    with_event,
)

pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
INVENTED = ROOT / "tests" / "data" / "invented-corpus"

ARTICLE_A = (
    "Valdoria and Ostrenia pledge closer trade ties\n\n"
    "OSTRA, March 3 (Newsagency) -- Valdorian Prime Minister Ana Rell met Ostrenian President Tomas Venn on Monday. "
    "The two leaders agreed to cut tariffs on grain.\n\n"
    "Copyright © 2024 Example News. All rights reserved.\n"
)
ARTICLE_B = (
    "Leaders agree on grain tariffs\r\n\r\n"
    "Prime Minister Ana Rell and President Tomas Venn agreed on Monday to cut tariffs on grain. "
    "Rell said the deal would help farmers on both sides of the river.\r\n"
)


def folder_table(folder: Path) -> pd.DataFrame:
    """The raw inputs of a folder as one table: its sources.csv with a text column, read as load_corpus reads them."""
    src = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    src["text"] = [_read(folder / f) for f in src["file"]]
    return src


def _read(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def write_as(table: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".parquet":
        table.to_parquet(path, index=False)
    elif path.suffix == ".csv":
        table.to_csv(path, index=False)
    else:
        table.to_json(path, orient="records", lines=True, force_ascii=False)
    return path


def assert_same_corpus(got, want) -> None:
    pd.testing.assert_frame_equal(got.documents, want.documents)
    pd.testing.assert_frame_equal(got.blocks, want.blocks)
    assert got.texts == want.texts
    pd.testing.assert_frame_equal(sentences_table(got), sentences_table(want))


@pytest.mark.parametrize("folder", [SEEDS, INVENTED], ids=["seeds", "invented"])
@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_table_gives_the_folder_corpus(tmp_path: Path, folder: Path, suffix: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = load_corpus(folder)
    path = write_as(folder_table(folder), tmp_path / f"articles{suffix}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = read_articles(path)
    assert_same_corpus(got, want)


def test_corpus_to_table_round_trip(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = load_corpus(INVENTED)
        table = corpus_to_table(want)
        assert list(table.columns[:2]) == ["doc_id", "text"]
        got = read_articles(write_as(table, tmp_path / "a.parquet"))
    assert_same_corpus(got, want)


def test_offsets_index_the_given_text_crlf_kept(tmp_path: Path) -> None:
    table = pd.DataFrame({"doc_id": ["a", "b"], "text": [ARTICLE_A, ARTICLE_B], "outlet": ["X", "Y"]})
    corpus = read_articles(write_as(table, tmp_path / "t.parquet"))
    assert corpus.texts["b"] == ARTICLE_B
    s = sentences_table(corpus)
    for row in s.itertuples(index=False):
        assert corpus.texts[row.doc_id][row.start : row.end] == row.text
    assert corpus.documents.set_index("doc_id").loc["a", "outlet"] == "X"


def test_partitioned_parquet_folder_and_glob_of_tables(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": [ARTICLE_A, ARTICLE_B, ARTICLE_A + "More."], "outlet": ["X", "Y", "X"]}
    )
    one = read_articles(write_as(table, tmp_path / "all.parquet"))
    ds = tmp_path / "ds"
    for outlet, part in table.groupby("outlet"):
        (ds / f"outlet={outlet}").mkdir(parents=True)
        part.drop(columns="outlet").to_parquet(ds / f"outlet={outlet}" / "part-0.parquet", index=False)
    assert_same_corpus(read_articles(ds), one)
    (tmp_path / "parts").mkdir()
    write_as(table.iloc[:2], tmp_path / "parts" / "p1.parquet")
    write_as(table.iloc[2:], tmp_path / "parts" / "p2.jsonl")
    assert_same_corpus(read_articles(str(tmp_path / "parts" / "p*")), one)


@pytest.mark.filterwarnings("ignore:.*only one distinct article")
def test_glob_of_folders(tmp_path: Path) -> None:
    for name, text in (("x", ARTICLE_A), ("y", ARTICLE_B)):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}1.txt").write_text(text, encoding="utf-8", newline="")
    corpus = read_articles(str(tmp_path / "*"))
    assert sorted(corpus.texts) == ["x1", "y1"]
    assert corpus.texts["y1"] == ARTICLE_B
    assert sorted(corpus.documents["file"]) == [str(tmp_path / "x" / "x1.txt"), str(tmp_path / "y" / "y1.txt")]
    (tmp_path / "y" / "x1.txt").write_text(ARTICLE_A + "x", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x1.*both in .*x.* and .*y"):
        read_articles(str(tmp_path / "*"))


def test_folder_of_articles_is_load_corpus() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same_corpus(read_articles(INVENTED), load_corpus(INVENTED))


def test_metadata_types_are_normalised(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {
            "DOC_ID ": [1, 2],
            "Text": [ARTICLE_A, ARTICLE_B],
            "published": pd.to_datetime(["2024-03-03", "2024-03-04"]),
            "event_date": ["2024-03-03", "3 March"],
            "event_title": ["Talks", "Talks"],
        }
    )
    with pytest.warns(UserWarning, match="event_date.*not YYYY-MM-DD.*2"):
        corpus = read_articles(write_as(table, tmp_path / "t.parquet"))
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["1", "2"]
    assert docs.loc["1", "published"] == "2024-03-03"
    assert docs.loc["2", "event_date"] is None


@pytest.mark.parametrize(
    "table, problem",
    [
        (pd.DataFrame({"id": ["a"], "text": [ARTICLE_A]}), "no 'doc_id' column"),
        (pd.DataFrame({"doc_id": ["a"], "body": [ARTICLE_A]}), "no 'text' column"),
        (pd.DataFrame({"doc_id": ["a", "a"], "text": [ARTICLE_A, ARTICLE_B]}), "repeats doc_id a"),
        (pd.DataFrame({"doc_id": ["a", None], "text": [ARTICLE_A, ARTICLE_B]}), "no doc_id in row 2"),
        (pd.DataFrame({"doc_id": ["a", "b"], "text": [ARTICLE_A, None]}), "no text in row 2"),
        (pd.DataFrame({"doc_id": ["a", "b"], "text": [ARTICLE_A, "  \n"]}), "empty text in row 2"),
        (pd.DataFrame({"doc_id": ["a", "b"], "text": [ARTICLE_A, 3.5]}), "text that is not a string in row 2"),
        (pd.DataFrame({"doc_id": ["a"], "text": [ARTICLE_A], "TEXT": ["x"]}), "column 'text' twice"),
    ],
    ids=["no-doc-id", "no-text", "duplicate-id", "null-id", "null-text", "empty-text", "number-text", "text-twice"],
)
@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_bad_tables(tmp_path: Path, table: pd.DataFrame, problem: str, suffix: str) -> None:
    if suffix == ".parquet" and problem == "text that is not a string in row 2":
        table = table.astype({"text": object})
        pytest.skip("a Parquet column has one type")
    path = write_as(table, tmp_path / f"bad{suffix}")
    with pytest.raises(CorpusError) as err:
        read_articles(path)
    message = str(err.value)
    assert problem in message and str(path) in message and "\n" not in message


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("a.xlsx", b"PK\x03\x04", "not a table or folder claimcompare reads"),
        ("a.parquet", b"not parquet at all", "cannot be read as Parquet"),
        ("a.jsonl", b'{"doc_id": "a", "text": "x y z."}\n[1, 2]\n', "line 2 is not a JSON object"),
        ("a.jsonl", b'{"doc_id": "a", "text": "x y z."\n', "line 1 is not JSON"),
        ("a.csv", b"doc_id,text\n", "has no rows"),
        ("a.csv", b"doc_id,text\na,\"x y\n", "cannot be read as CSV"),
        ("a.csv", b"doc_id,text\na,caf\xe9 au lait\n", "is not UTF-8"),
        ("missing.parquet", None, "does not exist"),
        ("missing-folder", None, "does not exist"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes | None, problem: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        read_articles(path)
    assert problem in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_missing_pyarrow_is_one_line(tmp_path: Path, monkeypatch) -> None:
    path = write_as(pd.DataFrame({"doc_id": ["a"], "text": [ARTICLE_A]}), tmp_path / "a.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "pyarrow.dataset", None)
    with pytest.raises(CorpusError, match=r"a\.parquet: .*pyarrow is not installed; pip install 'claimcompare\[dask\]'"):
        read_articles(path)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_batches_cover_the_table(tmp_path: Path, suffix: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = folder_table(INVENTED)
        path = write_as(table, tmp_path / f"a{suffix}")
        whole = read_articles(path)
        batches = list(iter_article_batches(path, batch_size=2))
    assert [len(b) for b in batches] == [2] * (len(table) // 2) + ([len(table) % 2] if len(table) % 2 else [])
    docs = pd.concat([b.documents for b in batches], ignore_index=True).sort_values("doc_id", ignore_index=True)
    want = whole.documents.drop(columns="duplicate_of")
    pd.testing.assert_frame_equal(docs.drop(columns="duplicate_of"), want)
    assert {k: v for b in batches for k, v in b.texts.items()} == whole.texts


def test_batches_refuse_an_id_repeated_across_batches(tmp_path: Path) -> None:
    table = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": [ARTICLE_A, ARTICLE_B, ARTICLE_A + "x"]})
    path = write_as(table, tmp_path / "a.jsonl")
    with pytest.raises(CorpusError, match="repeats doc_id a"):
        list(iter_article_batches(path, batch_size=2))


# -- outputs ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_outputs():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(SEEDS)
    sentences = sentences_table(corpus)
    links = align_corpus(sentences, corpus.documents, semantic="off")
    statements = statement_clusters(links, corpus.documents)
    return sentences, links, statements


def test_partition_names_are_safe_and_distinct() -> None:
    assert partition_name("2021-07-27 Talks in Dushanbe") == "event=2021-07-27%20Talks%20in%20Dushanbe"
    assert partition_name("") == partition_name(None) == f"event={DEFAULT_PARTITION}"
    assert partition_name(DEFAULT_PARTITION) != f"event={DEFAULT_PARTITION}"
    keys = ["a/b", "a b", "A b", "..", "other", "a\nb", "a\\b", "Café", "x" * 300, "x" * 301]
    names = [partition_name(k) for k in keys]
    assert len(set(names)) == len(keys)
    for n in names:
        rest = n.removeprefix("event=")
        assert rest and all(ch.isascii() and (ch.isalnum() or ch in "-%") for ch in rest), n
        assert len(n.encode()) <= 255


@settings(max_examples=examples(100), deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_partition_names_decode_to_the_key_and_are_safe(key: str) -> None:
    from urllib.parse import unquote

    rest = partition_name(key).removeprefix("event=")
    encoded = sum(1 if ch.isascii() and (ch.isalnum() or ch == "-") else 3 * len(ch.encode()) for ch in key)
    if encoded <= 200:
        assert all(ch.isascii() and (ch.isalnum() or ch in "-%") for ch in rest)
        assert unquote(rest, errors="strict") == key
    else:  # readable, cut and hashed
        assert rest == safe_filename(key) and len(rest.encode()) <= 100


def test_case_only_differences_get_distinct_folders(tmp_path: Path) -> None:
    table = pd.DataFrame({"doc_id": ["a", "b"], "event": ["Talks", "talks"]})
    write_table(table, tmp_path / "t")
    folders = sorted(p.name.lower() for p in (tmp_path / "t").iterdir() if p.is_dir())
    assert len(set(folders)) == 2
    pd.testing.assert_frame_equal(read_table(tmp_path / "t", event="talks"), table.iloc[[1]].reset_index(drop=True), check_dtype=False)


def test_write_and_read_back_one_event(tmp_path: Path, seed_outputs) -> None:
    sentences, links, _ = seed_outputs
    write_table(sentences, tmp_path / "sentences", sort_by=["doc_id", "sent_id"])
    events = table_events(tmp_path / "sentences")
    assert list(events.columns) == ["event", "partition", "rows"]
    assert events["rows"].sum() == len(sentences)
    assert sorted(events["event"]) == sorted(sentences["event"].unique())
    back = read_table(tmp_path / "sentences")
    pd.testing.assert_frame_equal(back, sentences, check_dtype=False)
    key = sentences["event"].value_counts().index[0]
    one = read_table(tmp_path / "sentences", event=key, columns=["doc_id", "sent_id", "text"])
    want = sentences.loc[sentences["event"] == key, ["doc_id", "sent_id", "text"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(one, want, check_dtype=False)
    with pytest.raises(CorpusError, match="no partition for event 'nope'"):
        read_table(tmp_path / "sentences", event="nope")


def test_links_and_statements_get_the_event_of_their_sentence(seed_outputs) -> None:
    sentences, links, statements = seed_outputs
    tagged = with_event(links, sentences, doc="doc_a", sent="sent_a")
    assert list(tagged.columns) == [*links.columns, "event"]
    event_of = sentences.set_index(["doc_id", "sent_id"])["event"]
    assert tagged["event"].tolist() == [event_of[(d, s)] for d, s in zip(links["doc_a"], links["sent_a"])]
    assert with_event(statements, sentences)["event"].notna().all()


def test_write_is_byte_identical_across_runs(tmp_path: Path, seed_outputs) -> None:
    sentences, links, statements = seed_outputs
    runs = []
    for run in ("one", "two"):
        out = tmp_path / run
        write_table(sentences.sample(frac=1, random_state=1 if run == "one" else 2), out / "sentences", sort_by=["doc_id", "sent_id"])
        write_table(with_event(links, sentences, doc="doc_a", sent="sent_a"), out / "links")
        write_table(with_event(statements, sentences), out / "statements")
        runs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert runs[0].keys() == runs[1].keys() and len(runs[0]) > 3
    assert runs[0] == runs[1]


def test_rewrite_drops_stale_partitions_and_refuses_foreign_folders(tmp_path: Path, seed_outputs) -> None:
    sentences, _, _ = seed_outputs
    write_table(sentences, tmp_path / "s")
    key = sentences["event"].iloc[0]
    write_table(sentences[sentences["event"] == key], tmp_path / "s")
    assert table_events(tmp_path / "s")["event"].tolist() == [key]
    assert [p.name for p in (tmp_path / "s").iterdir() if p.is_dir()] == [partition_name(key)]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(CorpusError, match="not a table written by claimcompare"):
        write_table(sentences, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_hive_readers_see_the_original_event(tmp_path: Path, seed_outputs) -> None:
    sentences, _, _ = seed_outputs
    write_table(sentences, tmp_path / "s", sort_by=["doc_id", "sent_id"])
    back = pd.read_parquet(tmp_path / "s").sort_values(["doc_id", "sent_id"], ignore_index=True)
    assert back["event"].astype(object).fillna("").tolist() == sentences["event"].tolist()


def test_read_table_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a table written by claimcompare"):
        read_table(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        read_table(tmp_path / "nope")


# -- command line ----------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcompare.cli", *args], capture_output=True, text=True, timeout=120)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """The command line in this process (a subprocess costs seconds of imports): exit code, stdout, stderr."""
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_cli_segment_reads_a_table_as_the_folder(tmp_path: Path, capsys, suffix: str) -> None:
    path = write_as(folder_table(SEEDS), tmp_path / f"seeds{suffix}")
    code, got, err = cli(capsys, "segment", str(path), "--format", "csv-exact")
    assert code == 0, err
    assert got == cli(capsys, "segment", str(SEEDS), "--format", "csv-exact")[1]


@pytest.mark.slow
def test_cli_align_reads_a_table_as_the_folder(tmp_path: Path) -> None:
    path = write_as(folder_table(SEEDS), tmp_path / "seeds.jsonl")
    got = run("align", str(path), "--format", "csv-exact", "--semantic", "off")
    assert got.returncode == 0, got.stderr
    assert got.stdout == run("align", str(SEEDS), "--format", "csv-exact", "--semantic", "off").stdout


def test_cli_csv_in_a_folder_is_still_sources(tmp_path: Path, capsys) -> None:
    shutil.copytree(INVENTED, tmp_path / "f.csv")  # a folder named like a table stays a folder
    code, out, err = cli(capsys, "segment", str(tmp_path / "f.csv"), "--format", "json")
    assert code == 0, err
    assert {r["file"] for r in json.loads(out)} == set(pd.read_csv(INVENTED / "sources.csv")["file"])


def test_cli_writes_parquet_partitions(tmp_path: Path, capsys) -> None:
    code, out, err = cli(capsys, "align", str(SEEDS), "--semantic", "off", "--format", "parquet", "--out-dir", str(tmp_path / "o"))
    assert code == 0, err
    assert out == "" and "wrote documents" in err and "sentences (" in err
    for name in ("sentences", "links", "statements"):
        assert not table_events(tmp_path / "o" / name).empty
    links = read_table(tmp_path / "o" / "links")
    printed = json.loads(cli(capsys, "align", str(SEEDS), "--semantic", "off", "--format", "json")[1])
    assert links.drop(columns="event").to_dict("records") == printed
    code, _, err = cli(capsys, "segment", str(SEEDS), "--format", "parquet", "--out-dir", str(tmp_path / "s"))
    assert code == 0, err
    assert (tmp_path / "s" / "sentences" / "_table.json").is_file()
    assert not (tmp_path / "s" / "links").exists()


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--format", "parquet"], "--format parquet writes files: give --out-dir DIR"),
        (["--out-dir", "X"], "--out-dir needs --format parquet"),
        (["--format", "parquet", "--out-dir", "NOTEMPTY"], "is not empty and is not a table written by claimcompare"),
    ],
)
def test_cli_parquet_option_errors(tmp_path: Path, capsys, args: list[str], problem: str) -> None:
    (tmp_path / "NOTEMPTY" / "sentences").mkdir(parents=True)
    (tmp_path / "NOTEMPTY" / "sentences" / "mine.txt").write_text("keep")
    code, out, err = cli(capsys, "segment", str(SEEDS), *[str(tmp_path / a) if a.isupper() else a for a in args])
    assert code == 2
    assert problem in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_bad_table_is_one_line(tmp_path: Path) -> None:
    path = write_as(pd.DataFrame({"doc_id": ["a"], "body": [ARTICLE_A]}), tmp_path / "t.csv")
    out = run("align", str(path), "--semantic", "off")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"claimcompare: error: {path}: has no 'text' column (columns: doc_id, body); "
                                                "name the article text column 'text' and the id column 'doc_id'"]


# -- the generator's streamed tables ---------------------------------------------------------------


def _generate_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("claimcompare_benchmark_generate_tables", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_generator_table_holds_the_folder_articles(tmp_path: Path) -> None:
    gen = _generate_module()
    pool = gen.source_pool()
    folder_counts = gen.generate(tmp_path / "folder", articles=10, per_event=3, seed=5, pool=pool)
    table_counts = gen.generate_table(tmp_path / "table", articles=10, per_event=3, seed=5, pool=pool, row_group_size=4)
    assert table_counts == folder_counts
    assert_same_corpus(read_articles(tmp_path / "table" / "articles.parquet"), load_corpus(tmp_path / "folder"))
    for name in ("gold", "provenance"):
        want = pd.read_csv(tmp_path / "folder" / f"{name}.csv", dtype=str, keep_default_na=False)
        got = pd.read_parquet(tmp_path / "table" / f"{name}.parquet").astype(str)
        if name == "provenance":
            got = got.sort_values(["doc_id", "start"], key=lambda c: c.astype(int) if c.name == "start" else c, ignore_index=True)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "table" / "articles.parquet").metadata.num_row_groups == 3  # 4 + 4 + 2 rows
    gen.generate_table(tmp_path / "again", articles=10, per_event=3, seed=5, pool=pool, row_group_size=4)
    for name in ("articles", "gold", "provenance"):
        assert (tmp_path / "again" / f"{name}.parquet").read_bytes() == (tmp_path / "table" / f"{name}.parquet").read_bytes()


def test_table_and_folder_check_metadata_alike(tmp_path: Path) -> None:
    """One check of the metadata (corpus.check_source_metadata): same documents, same notes but for how rows are named."""
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "sources.csv").write_text(
        "file,doc_id,published,event_date,also_reports\n"
        "a.txt,a,2024-3-3,2024-03-03,2024-03-02 Talks\n"
        "b.txt,b,2024-03-04,last week,tomorrow\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = load_corpus(folder)
        got = read_articles(write_as(folder_table(folder), tmp_path / "articles.jsonl"))
    assert_same_corpus(got, want)
    meta_notes = [n for n in want.notes if "sources.csv" in n]
    assert len(meta_notes) == 4
    table_notes = [n for n in got.notes if "articles.jsonl" in n]
    expected = [n.replace(str(folder / "sources.csv"), str(tmp_path / "articles.jsonl")).replace("for a.txt", "for doc_id a").replace("for b.txt", "for doc_id b") for n in meta_notes]
    assert table_notes == expected


# -- the outputs folder, read one event at a time ----------------------------------------------------


@pytest.fixture(scope="module")
def seed_corpus_outputs(tmp_path_factory, seed_outputs):
    """The seeds' outputs written by write_outputs: (folder, documents, sentences, links)."""
    from claimcompare.tables import write_outputs

    sentences, links, _ = seed_outputs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        documents = load_corpus(SEEDS).documents
    out = tmp_path_factory.mktemp("outputs") / "out"
    written = write_outputs(out, documents, sentences, links)
    assert list(written.columns) == ["table", "rows"]
    assert written["table"].tolist() == ["documents", "sentences", "links", "statements"]
    return out, documents, sentences, links


def test_document_events_one_row_per_document_and_event(seed_outputs) -> None:
    from claimcompare.tables import document_events

    sentences, _, _ = seed_outputs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        documents = load_corpus(SEEDS).documents
    table = document_events(documents, sentences)
    assert list(table.columns) == [*documents.columns, "n_sentences", "event"]
    pairs = sentences.groupby(["doc_id", "event"]).size()
    assert len(table) == len(pairs)
    got = table.set_index(["doc_id", "event"])["n_sentences"].sort_index()
    assert got.tolist() == pairs.sort_index().tolist()
    assert set(table["doc_id"]) == set(documents["doc_id"])
    assert table.equals(table.sort_values(["event", "doc_id"], ignore_index=True))


def test_open_outputs_lists_events_with_counts(seed_corpus_outputs) -> None:
    from claimcompare.tables import open_outputs

    out, documents, sentences, links = seed_corpus_outputs
    outputs = open_outputs(out)
    events = outputs.events
    assert list(events.columns) == ["event", "documents", "outlets", "sentences", "links", "statements"]
    assert sorted(events["event"]) == sorted(sentences["event"].unique())
    outlet_of = documents.set_index("doc_id")["outlet"]
    tagged = with_event(links, sentences, doc="doc_a", sent="sent_a")
    for r in events.itertuples(index=False):
        docs = sentences.loc[sentences["event"] == r.event, "doc_id"].unique()
        assert r.documents == len(docs)
        assert r.outlets == outlet_of[docs].nunique()
        assert r.sentences == int((sentences["event"] == r.event).sum())
        assert r.links == int((tagged["event"] == r.event).sum())
    # most outlets first, ties broken by documents, sentences, then the key
    order = events.sort_values(["outlets", "documents", "sentences", "event"], ascending=[False, False, False, True], ignore_index=True)
    pd.testing.assert_frame_equal(events, order)


def _spy_on_parquet_reads(monkeypatch) -> list[Path]:
    import pyarrow.parquet as pq

    opened: list[Path] = []
    real_table, real_file = pq.read_table, pq.ParquetFile

    def spy_table(source, *args, **kwargs):
        opened.append(Path(source))
        return real_table(source, *args, **kwargs)

    def spy_file(source, *args, **kwargs):
        opened.append(Path(source))
        return real_file(source, *args, **kwargs)

    monkeypatch.setattr(pq, "read_table", spy_table)
    monkeypatch.setattr(pq, "ParquetFile", spy_file)
    return opened


def test_open_outputs_reads_no_sentence_link_or_statement(seed_corpus_outputs, tmp_path: Path) -> None:
    from claimcompare.tables import open_outputs

    src, _, _, _ = seed_corpus_outputs
    out = tmp_path / "out"
    shutil.copytree(src, out)
    want = open_outputs(out).events
    for name in ("sentences", "links", "statements"):
        for part in (out / name).glob("event=*/part-0.parquet"):
            part.write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(open_outputs(out).events, want)


def test_the_index_puts_unlisted_and_missing_events_last(tmp_path: Path) -> None:
    from claimcompare.passages import OTHER_EVENT
    from claimcompare.tables import open_outputs, write_outputs

    documents = pd.DataFrame({"doc_id": list("abcde"), "file": [f"{d}.txt" for d in "abcde"], "outlet": list("VWXYZ")})
    sentences = pd.DataFrame(
        {
            "doc_id": list("abcdeab"),
            "sent_id": [0, 0, 0, 0, 0, 1, 1],
            "text": ["s"] * 7,
            "event": [OTHER_EVENT, OTHER_EVENT, OTHER_EVENT, "", "", "2024-01-02 Talks", "2024-01-02 Talks"],
        }
    )
    write_outputs(tmp_path / "out", documents, sentences)
    events = open_outputs(tmp_path / "out").events
    assert events["event"].tolist() == ["2024-01-02 Talks", OTHER_EVENT, ""]
    assert events["outlets"].tolist() == [2, 3, 2]


def test_one_event_is_read_without_the_others(seed_corpus_outputs, tmp_path: Path, monkeypatch) -> None:
    from claimcompare.tables import open_outputs

    src, documents, sentences, links = seed_corpus_outputs
    out = tmp_path / "out"
    shutil.copytree(src, out)
    outputs = open_outputs(out)
    key = outputs.events["event"].iloc[0]
    # Every other event's files are made unreadable: reading the event must not notice.
    for name in ("sentences", "links", "statements", "documents"):
        for part in (out / name).glob("event=*/part-0.parquet"):
            if part.parent.name != partition_name(key):
                part.write_bytes(b"not parquet")
    with pytest.raises(CorpusError, match="cannot be read as Parquet"):
        read_table(out / "sentences")
    opened = _spy_on_parquet_reads(monkeypatch)
    one = outputs.event(key)
    assert len(opened) == 4 and {p.parent.name for p in opened} == {partition_name(key)}
    assert one.event == key
    want = sentences[sentences["event"] == key].reset_index(drop=True)
    pd.testing.assert_frame_equal(one.sentences.drop(columns="file"), want, check_dtype=False)
    assert one.sentences["file"].tolist() == documents.set_index("doc_id").loc[want["doc_id"], "file"].tolist()
    tagged = with_event(links, sentences, doc="doc_a", sent="sent_a")
    want_links = tagged[tagged["event"] == key].sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True)
    pd.testing.assert_frame_equal(one.links.drop(columns=["file_a", "file_b"]), want_links, check_dtype=False)
    assert sorted(one.documents["doc_id"]) == sorted(want["doc_id"].unique())
    assert set(one.statements["event"]) <= {key}
    memory = one.memory_usage()
    assert list(memory.columns) == ["table", "rows", "bytes"]
    assert memory["table"].tolist() == ["documents", "sentences", "links", "statements"]
    assert memory["rows"].tolist() == [len(one.documents), len(one.sentences), len(one.links), len(one.statements)]
    assert (memory["bytes"] > 0).all()


def test_one_event_with_pruned_columns(seed_corpus_outputs, monkeypatch) -> None:
    from claimcompare.tables import open_outputs

    out, _, sentences, _ = seed_corpus_outputs
    outputs = open_outputs(out)
    key = outputs.events["event"].iloc[-1]
    one = outputs.event(key, columns={"sentences": ["doc_id", "sent_id", "role"], "links": ["doc_a", "sent_a", "doc_b", "sent_b", "score"]})
    assert list(one.sentences.columns) == ["doc_id", "sent_id", "role"]
    assert list(one.links.columns) == ["doc_a", "sent_a", "doc_b", "sent_b", "score"]
    assert len(one.sentences) == int((sentences["event"] == key).sum())
    with pytest.raises(CorpusError, match="has no column 'nope'"):
        outputs.event(key, columns={"sentences": ["nope"]})
    with pytest.raises(ValueError, match="no table 'words'"):
        outputs.event(key, columns={"words": ["x"]})


def test_an_event_without_links_gives_empty_tables_with_columns(tmp_path: Path) -> None:
    from claimcompare.tables import open_outputs, write_outputs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(INVENTED)
    sentences = sentences_table(corpus)
    links = align_corpus(sentences, corpus.documents, semantic="off")
    write_outputs(tmp_path / "out", corpus.documents, sentences, links)
    outputs = open_outputs(tmp_path / "out")
    quiet = outputs.events[outputs.events["links"] == 0]
    assert not quiet.empty
    one = outputs.event(quiet["event"].iloc[0])
    assert one.links.empty and list(one.links.columns) == [*read_table(tmp_path / "out" / "links").columns]
    assert not one.sentences.empty


def test_open_outputs_errors(tmp_path: Path, seed_corpus_outputs) -> None:
    from claimcompare.tables import open_outputs

    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "nope"):
        with pytest.raises(CorpusError) as err:
            open_outputs(folder)
        message = str(err.value)
        assert str(folder) in message and "--format parquet --out-dir" in message and "\n" not in message
    out, _, _, _ = seed_corpus_outputs
    with pytest.raises(CorpusError, match=r"has no event 'no such event' \(\d+ events\)"):
        open_outputs(out).event("no such event")


def test_write_outputs_is_what_the_command_line_writes(seed_corpus_outputs, tmp_path: Path, capsys) -> None:
    out, _, _, _ = seed_corpus_outputs
    # the fixture's links are align_corpus's: the rules aligner (the command line's default is the learned one)
    code, _, err = cli(capsys, "align", str(SEEDS), "--aligner", "rules", "--semantic", "off", "--format", "parquet", "--out-dir", str(tmp_path / "o"))
    assert code == 0, err
    assert "documents (" in err
    files = lambda d: {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(tmp_path / "o") == files(out)


# -- reading a Parquet table in parts (the Dask engine's tasks) ------------------------------------


def _hive(table: pd.DataFrame, folder: Path, *, row_group_size: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for outlet, part in table.groupby("outlet"):
        (folder / f"outlet={outlet}").mkdir(parents=True)
        part = part.drop(columns="outlet")
        schema = pa.schema([(c, pa.string()) for c in part.columns])  # one schema for all parts (no all-null column typed null)
        pq.write_table(pa.Table.from_pandas(part, schema=schema, preserve_index=False), folder / f"outlet={outlet}" / "part-0.parquet", row_group_size=row_group_size)
    return folder


@pytest.mark.parametrize("layout", ["file", "hive-folder"])
def test_rows_read_in_parts_are_the_rows_of_the_whole_table(tmp_path: Path, layout: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = corpus_to_table(load_corpus(INVENTED))
    table["outlet"] = table["outlet"].fillna("none")
    if layout == "file":
        path = tmp_path / "articles.parquet"
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path, row_group_size=3)  # several row groups
    else:
        path = _hive(table, tmp_path / "ds", row_group_size=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = read_articles(path)
        meta = article_metadata(path)
    assert meta["doc_id"].tolist() == sorted(whole.documents["doc_id"])
    assert "text" not in meta.columns and set(LOCATION_COLUMNS) <= set(meta.columns)
    assert meta.drop(columns=list(LOCATION_COLUMNS))["outlet"].tolist() == whole.documents["outlet"].tolist()
    for part in (meta.iloc[::2], meta.iloc[1::3], meta.iloc[[len(meta) - 1]]):
        got = read_article_rows(path, part)
        keep = whole.documents["doc_id"].isin(part["doc_id"])
        want_docs = whole.documents[keep].reset_index(drop=True)
        pd.testing.assert_frame_equal(got.documents.drop(columns="duplicate_of"), want_docs.drop(columns="duplicate_of"))
        pd.testing.assert_frame_equal(got.blocks, whole.blocks[whole.blocks["doc_id"].isin(part["doc_id"])].reset_index(drop=True))
        assert got.texts == {d: whole.texts[d] for d in part["doc_id"]}


def test_metadata_refuses_what_the_whole_read_refuses(tmp_path: Path) -> None:
    dup = write_as(pd.DataFrame({"doc_id": ["a", "a"], "text": [ARTICLE_A, ARTICLE_B]}), tmp_path / "dup.parquet")
    with pytest.raises(CorpusError, match="repeats doc_id a"):
        article_metadata(dup)
    notext = write_as(pd.DataFrame({"doc_id": ["a"], "body": [ARTICLE_A]}), tmp_path / "notext.parquet")
    with pytest.raises(CorpusError, match="no 'text' column"):
        article_metadata(notext)
    empty = write_as(pd.DataFrame({"doc_id": ["a", "b"], "text": [ARTICLE_A, "  "]}), tmp_path / "empty.parquet")
    meta = article_metadata(empty)  # texts are not read here ...
    with pytest.raises(CorpusError, match=r"empty\.parquet.*empty text in row 2"):  # ... but by the task that reads them
        read_article_rows(empty, meta)
    assert is_parquet_table(empty) and not is_parquet_table(INVENTED) and not is_parquet_table(tmp_path / "none.parquet")

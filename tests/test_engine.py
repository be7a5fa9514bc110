"""The Dask engine gives the local engine's alignment table, byte for byte.

One LocalCluster of two worker processes (one thread each, 127.0.0.1 only,
no dashboard) serves the module and is always closed (fixture).  Corpora:
``seeds/``, ``tests/data/invented-corpus/``, a small corpus of
``benchmarks/generate.py`` (events from its ``sources.csv``), the same with
``also_reports`` entries that join events across partitions, and corpora
without events (pairs by similarity across partitions).  Small
``partition_size`` values force many partitions.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from claimcompare import align_corpus, candidate_pairs, load_corpus, sentences_table
from claimcompare.corpus import Corpus, corpus_from_texts
from claimcompare.engine import MissingDaskError, align_corpus_dask, candidate_pairs_dask, partition_plan
from claimcompare.tables import article_metadata, corpus_to_table, read_articles

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
INVENTED = ROOT / "tests" / "data" / "invented-corpus"

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    from claimcompare.engine import close_client, engine_client

    c = engine_client(n_workers=2, processes=True)
    try:
        yield c
    finally:
        close_client(c)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("claimcompare_benchmark_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("generated-engine")
    module.generate(out, articles=48, per_event=4, seed=1)
    return out


def _load(folder: Path) -> Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder)


def _load_table(path: Path) -> Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path)


def _local(corpus: Corpus, **kw) -> pd.DataFrame:
    return align_corpus(sentences_table(corpus), corpus.documents, semantic="off", **kw)


def _same(local: pd.DataFrame, dask: pd.DataFrame) -> None:
    assert list(dask.columns) == list(local.columns)
    assert dask.dtypes.equals(local.dtypes)
    assert dask.to_csv(index=False) == local.to_csv(index=False)  # row order and values, byte for byte


def _without_events(corpus: Corpus) -> Corpus:
    docs = corpus.documents.assign(event_date=None, event_title=None, also_reports=None)
    return Corpus(documents=docs, blocks=corpus.blocks, texts=corpus.texts)


@pytest.mark.parametrize("folder", [SEEDS, INVENTED], ids=["seeds", "invented"])
@pytest.mark.parametrize("by", ["auto", "similarity"])
def test_dask_engine_equals_local_on_the_frozen_corpora(client, folder: Path, by: str) -> None:
    corpus = _load(folder)
    local = _local(corpus, by=by)
    assert len(local)
    _same(local, align_corpus_dask(corpus, by=by, client=client, partition_size=2, semantic="off"))


def test_dask_engine_equals_local_on_a_generated_corpus_with_events(client, generated: Path) -> None:
    corpus = _load(generated)
    plan = partition_plan(corpus.documents, partition_size=8)
    assert plan["partition"].nunique() == 6  # 12 events of 4 articles, two events a partition
    local = _local(corpus)
    assert local["doc_a"].nunique() > 10
    _same(local, align_corpus_dask(corpus, client=client, partition_size=8, semantic="off"))


def test_also_reports_join_partitions_and_results_stay_equal(client, generated: Path) -> None:
    corpus = _load(generated)
    docs = corpus.documents.copy()
    first = docs.iloc[0]
    key = f"{first['event_date']} {first['event_title']}"
    # The last document of the corpus also reports the first document's event: a pair across the two ends.
    docs.loc[docs.index[-1], "also_reports"] = key
    joined = Corpus(documents=docs, blocks=corpus.blocks, texts=corpus.texts)
    plan = partition_plan(docs, partition_size=4)
    assert plan.loc[plan["doc_id"] == docs.iloc[-1]["doc_id"], "component"].item() == 0
    pairs = candidate_pairs(sentences_table(joined), docs)
    assert ((pairs["doc_a"] == first["doc_id"]) & (pairs["doc_b"] == docs.iloc[-1]["doc_id"])).any()  # a pair across the ends
    local = _local(joined)
    _same(local, align_corpus_dask(joined, client=client, partition_size=4, semantic="off"))


def test_without_events_pairs_cross_partitions_as_locally(client, generated: Path) -> None:
    corpus = _without_events(_load(generated))
    local = align_corpus(sentences_table(corpus), corpus.documents, semantic="off")
    plan = partition_plan(corpus.documents, partition_size=10).set_index("doc_id")["partition"]
    assert (local["doc_a"].map(plan) != local["doc_b"].map(plan)).any()  # some pairs span two partitions
    _same(local, align_corpus_dask(corpus, client=client, partition_size=10, semantic="off"))


def test_without_events_approximate_pairs_as_locally(client, generated: Path, monkeypatch) -> None:
    """by="ann": the pairs of candidate_pairs(by="ann"), from document vectors stacked in the driver."""
    import claimcompare.engine as engine

    calls = []
    search = engine.approximate_document_pairs
    monkeypatch.setattr(engine, "approximate_document_pairs", lambda *a, **k: calls.append(1) or search(*a, **k))
    corpus = _without_events(_load(generated))
    local = align_corpus(sentences_table(corpus), corpus.documents, semantic="off", by="ann")
    assert len(local)
    _same(local, align_corpus_dask(corpus, by="ann", client=client, partition_size=10, semantic="off"))
    assert calls == [1]  # the approximate search ran (once, in the driver), not the exact one


def test_parquet_table_is_read_in_the_tasks_and_equals_local(client, generated: Path, tmp_path: Path, monkeypatch) -> None:
    """A Parquet table: the driver plans from the metadata columns, each task reads its rows; duplicates found across partitions."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import claimcompare.engine as engine

    table = corpus_to_table(_load(generated))
    # A copy of the first article without event metadata, under an id that sorts last: a duplicate in another partition.
    copy = table.iloc[[0]].assign(doc_id="zz-copy", file="zz-copy.txt", event_date=None, event_title=None)
    table = pd.concat([table, copy], ignore_index=True).astype(object)
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pandas(table, schema=pa.schema([(c, pa.string()) for c in table.columns]), preserve_index=False), path, row_group_size=10)
    plan = partition_plan(article_metadata(path), partition_size=8).set_index("doc_id")["partition"]
    assert plan["zz-copy"] != plan[table["doc_id"][0]]
    whole = _load_table(path)
    assert whole.documents.set_index("doc_id").loc["zz-copy", "duplicate_of"] == table["doc_id"][0]
    local = _local(whole)
    monkeypatch.setattr(engine, "read_articles", lambda *a, **k: pytest.fail("the driver read the whole table"))
    columns = ["doc_id", "sent_id", "start", "end", "role"]
    got, sentences = align_corpus_dask(path, client=client, partition_size=8, semantic="off", sentence_columns=columns)
    _same(local, got)  # without the duplicate found across partitions, zz-copy (no event) would turn the search to similarity
    pd.testing.assert_frame_equal(sentences, sentences_table(whole)[columns])


@pytest.mark.parametrize("by", ["ann", "similarity"])
def test_pair_search_alone_gives_the_local_pairs(client, generated: Path, by: str) -> None:
    corpus = _without_events(_load(generated))
    local = candidate_pairs(sentences_table(corpus), corpus.documents, by=by)[["doc_a", "doc_b"]].sort_values(["doc_a", "doc_b"], ignore_index=True)
    assert len(local)
    got = candidate_pairs_dask(corpus, by=by, client=client, partition_size=10)
    assert list(got.columns) == ["doc_a", "doc_b"]
    assert got.to_numpy().tolist() == local.to_numpy().tolist()
    with pytest.raises(ValueError, match="by must be"):
        candidate_pairs_dask(corpus, by="event", client=client)


def test_duplicates_and_a_corpus_without_pairs(client) -> None:
    text = "Ministers met in Geneva on Monday. The talks will resume in May, the minister said."
    corpus = corpus_from_texts({"a": text, "b": text, "c": "Rain is expected. Officials said roads were closed."})
    _same(_local(corpus), align_corpus_dask(corpus, client=client, partition_size=1, semantic="off"))
    one = corpus_from_texts({"a": text})
    _same(_local(one), align_corpus_dask(one, client=client, semantic="off"))


@pytest.mark.parametrize(
    ("rows", "size", "parts"),
    [
        # (doc_id, event_date, event_title, also_reports), partition_size, expected partition per doc
        ([("a", "2024-01-01", "E1", None), ("b", "2024-01-01", "E1", None), ("c", "2024-01-02", "E2", None)], 2, [0, 0, 1]),
        ([("a", "2024-01-01", "E1", None), ("b", "2024-01-02", "E2", None), ("c", "2024-01-02", "E2", "2024-01-01 E1")], 1, [0, 0, 0]),
        ([("a", None, None, None), ("b", None, None, None), ("c", None, None, None)], 2, [0, 0, 1]),
        ([("b", "2024-01-01", "E1", None), ("a", None, None, None), ("c", "2024-01-01", "E1", None)], 2, [0, 1, 1]),
    ],
    ids=["pack", "also-reports-joins", "no-events", "component-not-split"],
)
def test_partition_plan(rows, size: int, parts: list[int]) -> None:
    docs = pd.DataFrame(rows, columns=["doc_id", "event_date", "event_title", "also_reports"])
    plan = partition_plan(docs, partition_size=size)
    assert plan["doc_id"].tolist() == sorted(docs["doc_id"])
    assert plan["partition"].tolist() == parts


def test_unknown_option_and_bad_by_are_refused() -> None:
    with pytest.raises(TypeError, match="unknown options"):
        align_corpus_dask(SEEDS, pairs=None)
    with pytest.raises(ValueError, match="by must be"):
        align_corpus_dask(SEEDS, by="outlet")


def test_missing_extra_is_one_clear_error(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    with pytest.raises(MissingDaskError, match=r"pip install 'claimcompare\[dask\]'"):
        align_corpus_dask(SEEDS, semantic="off")


def test_cli_engine_dask_prints_the_local_table(capsys, tmp_path: Path) -> None:
    import dask

    from claimcompare.cli import main

    def run(*extra: str) -> tuple[int, str, str]:
        status = main(["align", str(SEEDS), "--semantic", "off", "--format", "csv-exact", *extra])
        out, err = capsys.readouterr()
        return status, out, err

    local, dask_run = run(), run("--engine", "dask", "--spill-dir", str(tmp_path / "spill"))
    assert local[0] == 0 and dask_run[0] == 0, dask_run[2]
    assert dask_run[1] == local[1] and len(local[1].splitlines()) > 2
    assert list((tmp_path / "spill").iterdir()) == []
    status, out, err = run("--spill-dir", str(tmp_path))
    assert status == 2 and out == "" and err.strip().count("\n") == 0 and "--spill-dir is an option of --engine dask" in err
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # not distributed's default 30 s
        for status, out, err in (run("--scheduler", "tcp://127.0.0.1:1"), run("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")):
            assert status == 2 and out == "" and err.strip().count("\n") == 0 and "--engine dask" in err


def test_cli_engine_dask_on_a_parquet_table_prints_the_local_table(tmp_path: Path, capsys, monkeypatch) -> None:
    """``claimcompare align articles.parquet --engine dask``: the tasks read the table; the command reads only its metadata."""
    import claimcompare.cli as cli

    table = corpus_to_table(_load(INVENTED)).astype(object)
    path = tmp_path / "articles.parquet"
    table.to_parquet(path, index=False)
    local = cli.main(["align", str(path), "--semantic", "off", "--format", "csv-exact"]), capsys.readouterr()
    monkeypatch.setattr(cli, "read_articles", lambda *a, **k: pytest.fail("the command read the whole table"))
    dask_run = cli.main(["align", str(path), "--semantic", "off", "--format", "csv-exact", "--engine", "dask"]), capsys.readouterr()
    assert local[0] == 0 and dask_run[0] == 0, dask_run[1].err
    assert dask_run[1].out == local[1].out and len(local[1].out.splitlines()) > 2


def test_workers_hold_nothing_after_a_run_and_results_come_back_in_order(client, generated: Path) -> None:
    from claimcompare.engine import _gather_released

    futures = client.map(lambda x: x * 2, range(6), pure=False)
    keys = [f.key for f in futures]
    assert _gather_released(client, futures) == [0, 2, 4, 6, 8, 10]  # in submission order, whatever order they finish in
    assert futures == []
    align_corpus_dask(_load(generated), client=client, partition_size=8, semantic="off", sentence_columns=["doc_id", "sent_id"])
    # every partition's sentences, counts and links were released: the workers keep no data (the scheduler forgets a key soon after release)
    import time

    for _ in range(100):
        held = sum(client.run(lambda dask_worker: len(dask_worker.data)).values())
        if held == 0:
            break
        time.sleep(0.05)
    assert held == 0
    assert not any(client.who_has(keys).values())


def test_what_waits_for_the_align_stage_is_trimmed(client, generated: Path) -> None:
    from claimcompare.engine import _segment

    seg = _segment(client, _load(generated), partition_size=8, on_stage=lambda name: None, claims=True, sentence_columns=["doc_id", "sent_id", "start"])
    waiting = client.gather(seg.sentences[0])
    assert list(waiting.columns) == ["doc_id", "sent_id", "role", "text", "event"]  # no paragraph, start, end
    assert waiting["event"].dtype != object
    assert list(seg.picked.columns) == ["doc_id", "sent_id", "start"] and seg.picked["doc_id"].is_monotonic_increasing
    assert len(seg.picked) == len(sentences_table(_load(generated)))


@pytest.mark.parametrize("by", ["auto", "similarity"])
def test_sentences_spilled_to_files_give_the_same_table_and_the_files_go(client, generated: Path, tmp_path: Path, by: str) -> None:
    corpus = _load(generated)
    spill = tmp_path / "spill"
    local = _local(corpus, by=by)
    assert len(local)
    _same(local, align_corpus_dask(corpus, by=by, client=client, partition_size=8, semantic="off", spill_dir=spill))
    assert list(spill.iterdir()) == []  # the run's subfolder is removed


def test_spilled_partitions_wait_as_parquet_files(client, generated: Path, tmp_path: Path) -> None:
    from claimcompare.engine import _held, _segment, _Spilled

    seg = _segment(client, _load(generated), partition_size=8, on_stage=lambda name: None, claims=True, spill=str(tmp_path))
    held = client.gather(seg.sentences)
    assert all(isinstance(h, _Spilled) and Path(h.path).is_file() for h in held)
    assert len(list(tmp_path.glob("sentences-*.parquet"))) == len(seg.groups)
    table = _held(held[0])
    assert list(table.columns) == ["doc_id", "sent_id", "role", "text", "event"] and set(table["doc_id"]) <= set(seg.groups[0])


def test_a_spill_folder_that_cannot_be_made_is_one_clear_error(client, tmp_path: Path) -> None:
    from claimcompare.errors import CorpusError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CorpusError, match="cannot make the spill folder") as err:
        align_corpus_dask(_load(SEEDS), client=client, semantic="off", spill_dir=blocker / "spill")
    assert "\n" not in str(err.value) and str(blocker / "spill") in str(err.value)


def test_link_columns_keep_the_keys_and_drop_the_rest_on_the_workers(client, generated: Path) -> None:
    corpus = _load(generated)
    local = _local(corpus)
    got = align_corpus_dask(corpus, client=client, partition_size=8, semantic="off", link_columns=["score"])
    assert list(got.columns) == ["doc_a", "sent_a", "doc_b", "sent_b", "score"] and len(got) == len(local)
    assert got.to_csv(index=False) == local[list(got.columns)].to_csv(index=False)
    with pytest.raises(ValueError, match="text_c"):
        align_corpus_dask(corpus, client=client, link_columns=["text_c"])


@pytest.mark.parametrize("fan_in", [2, 8])
def test_partition_counts_merge_in_a_tree_to_the_whole_corpus_counts(client, generated: Path, fan_in: int, monkeypatch) -> None:
    from claimcompare import claim_text
    from claimcompare.align import mid_sentence_names
    from claimcompare.corpus import body_sentences
    from claimcompare.engine import _segment
    from claimcompare.similarity import StatementVectorizer

    monkeypatch.setattr("claimcompare.engine._MERGE_FAN_IN", fan_in)
    corpus = _load(generated)
    seg = _segment(client, corpus, partition_size=4, on_stage=lambda name: None, claims=True)
    assert len(seg.groups) > fan_in  # a tree of more than one level
    assert len(seg.summaries) == 1  # what waits for the fit is one merged summary, not one per partition
    merged = client.gather(seg.summaries[0])
    whole = sentences_table(corpus)
    counts = StatementVectorizer().partial_counts([claim_text(t) for t in body_sentences(whole)["text"]])
    assert merged.counts.n_texts == counts.n_texts
    pd.testing.assert_frame_equal(merged.counts.counts, counts.counts)
    assert merged.names == mid_sentence_names(whole)


# --- the learned aligner on the Dask engine --------------------------------------------------------


def _learned(corpus: Corpus, **kw) -> pd.DataFrame:
    from claimcompare.aligner import Aligner

    return Aligner(**kw).fit(sentences_table(corpus), corpus.documents).align()


def test_learned_aligner_on_dask_equals_local_with_events(client, generated: Path) -> None:
    corpus = _load(generated)
    local = _learned(corpus)
    assert local["doc_a"].nunique() > 10
    _same(local, align_corpus_dask(corpus, client=client, partition_size=8, aligner="learned"))
    # a threshold of its own, and partitions of other sizes: the same table as locally
    _same(_learned(corpus, threshold=0.5), align_corpus_dask(corpus, client=client, partition_size=5, aligner="learned", min_score=0.5))


@pytest.mark.parametrize("folder", [SEEDS, INVENTED], ids=["seeds", "invented"])
def test_learned_aligner_on_dask_equals_local_on_the_frozen_corpora(client, folder: Path) -> None:
    corpus = _load(folder)
    local = _learned(corpus)
    assert len(local)
    _same(local, align_corpus_dask(corpus, client=client, partition_size=2, aligner="learned"))


def test_learned_aligner_on_dask_without_events_pairs_cross_partitions_as_locally(client, generated: Path) -> None:
    corpus = _without_events(_load(generated))
    local = _learned(corpus)
    plan = partition_plan(corpus.documents, partition_size=10).set_index("doc_id")["partition"]
    assert (local["doc_a"].map(plan) != local["doc_b"].map(plan)).any()  # some pairs span two partitions
    _same(local, align_corpus_dask(corpus, client=client, partition_size=10, aligner="learned"))


def test_learned_aligner_takes_only_its_threshold_on_dask() -> None:
    with pytest.raises(TypeError, match="unknown options.*learned"):
        align_corpus_dask(SEEDS, aligner="learned", semantic="off")
    with pytest.raises(ValueError, match="aligner must be"):
        align_corpus_dask(SEEDS, aligner="neural")


def test_cli_learned_aligner_on_dask_prints_the_local_table(capsys) -> None:
    from claimcompare.cli import main

    def run(*extra: str) -> tuple[int, str, str]:
        status = main(["align", str(INVENTED), "--semantic", "off", "--format", "csv-exact", "--aligner", "learned", *extra])
        out, err = capsys.readouterr()
        return status, out, err

    local, dask_run = run(), run("--engine", "dask")
    assert local[0] == 0 and dask_run[0] == 0, dask_run[2]
    assert dask_run[1] == local[1] and len(local[1].splitlines()) > 2

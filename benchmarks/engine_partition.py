"""CPU cost of one partition of the Dask engine's tasks, each step run in this one process (no Dask).

Usage::

    python benchmarks/engine_partition.py TABLE.parquet [--partition-size 2000] [--partition 0]

Input: a Parquet table of articles (``benchmarks/generate.py --format
parquet`` writes ``articles.parquet``).  The steps are those a task of
:mod:`claimcompare.engine` runs on one partition of
:func:`claimcompare.engine.partition_plan` (``--partition`` of partitions
of about ``--partition-size`` documents), through the public functions the
engine calls:

``metadata``   :func:`claimcompare.tables.article_metadata` of the whole table (driver)
``plan``       :func:`claimcompare.engine.partition_plan` (driver)
``read+clean`` :func:`claimcompare.tables.read_article_rows` of the partition
``segment``    :func:`claimcompare.sentences_table`
``count``      claim document frequencies
               (:meth:`claimcompare.StatementVectorizer.partial_counts` of
               :func:`claimcompare.claim_text` of the body sentences)
``fit``        :meth:`~claimcompare.StatementVectorizer.fit_from_counts` (here
               from this partition's counts only)
``align``      :func:`claimcompare.align_corpus` of the partition with that
               vectorizer and the partition's mid-sentence names, pairs by event

Figures: CPU seconds of each step (``time.process_time``, little affected by
other programs on the machine, though not immune: caches are shared), per
step and per article; the size of each intermediate result pickled (what a
task would send to another worker: the sub-corpus, sentences, counts,
vectorizer, alignment) and the seconds to pickle it; the process's peak RSS.

Output: plain text, one line per figure.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("table", type=Path, help="Parquet table of articles")
    ap.add_argument("--partition-size", type=int, default=2000, help="documents per partition (default 2000, the engine's cap)")
    ap.add_argument("--partition", type=int, default=0, help="which partition to run (default 0)")
    args = ap.parse_args(argv)

    from claimcompare import StatementVectorizer, align_corpus, claim_text, sentences_table
    from claimcompare.align import body_sentences, mid_sentence_names
    from claimcompare.engine import partition_plan
    from claimcompare.tables import article_metadata, read_article_rows

    def step(name: str, fn, per: int | None = None):  # noqa: ANN001, ANN202
        t0 = time.process_time()
        value = fn()
        cpu = time.process_time() - t0
        print(f"{name:<12} {cpu:8.2f} CPU s" + (f"  {1000 * cpu / per:6.2f} CPU ms per article" if per else ""))
        return value

    meta = step("metadata", lambda: article_metadata(args.table))
    plan = step("plan", lambda: partition_plan(meta, partition_size=args.partition_size))
    docs = plan.loc[plan["partition"] == args.partition, "doc_id"].tolist()
    n = len(docs)
    print(f"partition {args.partition} of {plan['partition'].nunique()}: {n:,} documents")
    rows = meta.set_index("doc_id").loc[docs, ["fragment", "row"]].reset_index()
    corpus = step("read+clean", lambda: read_article_rows(args.table, rows), n)
    sentences = step("segment", lambda: sentences_table(corpus), n)
    counts = step("count", lambda: StatementVectorizer().partial_counts([claim_text(t) for t in body_sentences(sentences)["text"]]), n)
    vectorizer = step("fit", lambda: StatementVectorizer().fit_from_counts(counts))
    names = mid_sentence_names(sentences)
    alignment = step(
        "align",
        lambda: align_corpus(sentences, corpus.documents, by="event", vectorizer=vectorizer, sentence_initial_names=names, semantic="off", show_progress=False),
        n,
    )
    for name, obj in (("sub-corpus", corpus), ("sentences", sentences), ("counts", counts), ("vectorizer", vectorizer), ("alignment", alignment)):
        t0 = time.process_time()
        size = len(pickle.dumps(obj, protocol=5))
        print(f"pickled {name:<11} {size / 2**20:7.1f} MiB in {time.process_time() - t0:.3f} CPU s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {peak / 2**10 if sys.platform != 'darwin' else peak / 2**20:,.0f} MiB; {len(alignment):,} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The alignment pipeline on Dask: the same table as :func:`claimcompare.align_corpus`, computed in partitions.

:func:`align_corpus_dask` takes a :class:`~claimcompare.corpus.Corpus` (or a
folder, read with :func:`claimcompare.load_corpus`) and returns the table
``align_corpus(sentences_table(corpus), corpus.documents)`` returns, row for
row and value for value (same order, same floats, a byte-identical CSV),
computed as Dask tasks on a ``distributed`` cluster: a
:class:`distributed.LocalCluster` by default, or any cluster given its
scheduler address.

Partitions.  Candidate pairs by event never cross *event components*: the
connected groups of documents that share an event (their own, or one of
their ``also_reports``, :func:`claimcompare.passages.document_events`), so a
document listed under two events sits in the partition of both.  Components
are packed, in order of their first ``doc_id``, into partitions of about
``partition_size`` documents (a component is never split).  Documents
without events are components of one document, so a corpus without events
is cut into consecutive groups of ``doc_id``.

Stages, each a task per partition unless said otherwise (stages 1 and 2
are one task, :func:`_segment_part`, so that a partition's texts and whole
sentences table never outlive it):

1. *segment*: :func:`claimcompare.sentences_table` of the partition's
   sub-corpus (cleaning is per document, so a sub-corpus holds exactly the
   blocks of the whole; for a Parquet table the task first reads and cleans
   its rows, below).
2. *count*: the document frequencies of the claims of the body sentences
   (:meth:`~claimcompare.similarity.StatementVectorizer.partial_counts`),
   the partition's :func:`~claimcompare.align.mid_sentence_names` and its
   :func:`~claimcompare.align.candidate_documents`; the sentences kept for
   stage 5 are trimmed to the columns the aligner reads (:func:`_for_align`).
3. *fit* (one task): the counts summed
   (:meth:`~claimcompare.similarity.TermCounts.merge`, in a tree of merges
   that runs as the partitions finish, :func:`_merge_tree`) and the vectorizer
   fitted from them
   (:meth:`~claimcompare.similarity.StatementVectorizer.fit_from_counts`),
   equal to the one fit on the whole corpus; this fitted state (vocabulary
   and idf, never texts) and the names are broadcast to every worker once.
4. *pairs*: by event (:func:`~claimcompare.align.pairs_by_event` decides as
   ``align_corpus`` does), inside each partition.  By similarity (a corpus
   where some document has no event): the word vectorizer of
   :func:`~claimcompare.align.candidate_pairs` from partition counts the
   same way, document vectors per partition
   (:func:`~claimcompare.align.document_vectors`), stacked and broadcast,
   then each partition's rows searched against all documents
   (:func:`~claimcompare.align.similar_document_pairs` with ``rows``): the
   same top-k pairs as the local search, in O(N) blocks, still N² work in
   all (the approximate index of issue 12 is a separate stage).
5. *align*: :func:`~claimcompare.align_corpus` on the partition with the
   broadcast vectorizer and names and its pairs; by similarity a pair
   whose second document lives in another partition is aligned in the
   first document's partition, with that document's sentences fetched
   from its own partition.  Results are concatenated and sorted as
   ``align_corpus`` sorts them.

The learned aligner (``aligner="learned"``: :class:`claimcompare.aligner.Aligner`
and its shipped model, the table of ``Aligner(threshold=min_score).fit(sentences,
documents).align()``) needs one more corpus-wide state: the document
frequencies of the content stems it weighs content words by.  They depend
on the corpus's names, so after stage 3 each partition counts them
(:func:`claimcompare.aligner.content_counts` with the broadcast names), the
counts are merged in the same tree and broadcast, and stage 5 fits each
partition's ``Aligner`` with the corpus-wide vectorizer, names and counts
(``Aligner.fit(..., vectorizer=, names=, counts=)``) before aligning it.

Why the results are identical: every per-pair score depends only on the two
documents' sentences, the fitted vectorizer and the corpus-wide name set;
the vectorizer from counts equals the global fit bit for bit (tests in
``tests/test_similarity.py``), transforms are row by row, and the pairs are
the local engine's pairs (``tests/test_engine.py`` checks the whole table).

Reading.  A Parquet table of articles (a file or a folder of parts) is
never read whole by the calling process: it reads the metadata columns
(:func:`claimcompare.tables.article_metadata`: ``doc_id``, the columns of
``sources.csv``, and each row's file and position), plans the partitions from
them, and each partition's task reads its own rows
(:func:`claimcompare.tables.read_article_rows`: only the row groups holding
them) and cleans them as :func:`~claimcompare.tables.read_articles` does
(stage 1 is then *read, clean, segment and count*).  The one step of
cleaning that looks across articles is ``duplicate_of`` (a text equal,
whitespace aside, to an earlier ``doc_id``'s): each task returns the digest
of each text (:func:`claimcompare.corpus.text_digest`), the driver flags
duplicates over the whole table (:func:`_corpus_duplicates`), and the
candidate documents and each partition's documents carry the flag, so a
copy in another partition is left out as the local engine leaves it out.
Any other input (a :class:`~claimcompare.corpus.Corpus`, a folder, a CSV or
JSON Lines table, a glob) is read in the calling process and its
sub-corpora are shipped to the tasks.

Memory on the workers.  A partition's texts and whole sentences table live
only inside its segment task; what waits for the align stage is the columns
the aligner reads (:func:`_for_align`), and each partition's sentences and
counts are released as soon as the tasks that use them have run.  The
driver fetches each partition's links as soon as they are done and the
workers release them (:func:`_gather_released`).  The trimmed sentences
wait for the fit in a spill folder, one Parquet file per partition
(``spill_dir``), or in the workers' memory, where they are the one thing a
worker holds that grows with the corpus.

What is not distributed: the plan (metadata of every article), the
duplicate flags, the stacked document vectors of ``by="ann"`` and the final
concatenation.  :func:`candidate_pairs_dask` runs stages 1 and 4 alone (the
pair search of a corpus without events).  Dask and distributed are an
extra (``pip install 'claimcompare[dask]'``), imported when the engine runs.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .align import (
    ALIGNMENT_COLUMNS,
    align_corpus,
    approximate_document_pairs,
    body_sentences,
    candidate_documents,
    document_vectors,
    mid_sentence_names,
    pairs_by_event,
    similar_document_pairs,
)
from .aligner import ALIGNERS
from .corpus import Corpus, sentences_table, text_digest
from .errors import CorpusError
from .frames import claim_text
from .graphs import linked_components
from .passages import document_events
from .similarity import StatementVectorizer, TermCounts
from .tables import article_metadata, is_parquet_table, read_article_rows, read_articles

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "ENGINES",
    "PARTITIONS_PER_THREAD",
    "MissingDaskError",
    "align_corpus_dask",
    "candidate_pairs_dask",
    "close_client",
    "engine_client",
    "partition_plan",
]

#: Engines of ``claimcompare align --engine``.
ENGINES: tuple[str, ...] = ("local", "dask")
#: Most documents per partition by default (about; an event component is never split).
DEFAULT_PARTITION_SIZE = 2000
#: By default, at least this many partitions per worker thread (so that the workers share the load).
PARTITIONS_PER_THREAD = 4
#: Workers of the default LocalCluster (this project's benchmark machine has 2 cores).
DEFAULT_WORKERS = 2
_INSTALL = "pip install 'claimcompare[dask]' (from the repository root: pip install -e './lib[dask]')"
#: align_corpus options the engine passes through (the others are the engine's own).
_ALIGN_OPTIONS = frozenset(
    {"min_score", "ratio", "claims", "containment_weight", "off_topic_penalty", "speaker_penalty", "semantic", "semantic_weight"}
)
#: Columns of the alignment table that :func:`align_corpus_dask` always returns (its sort keys).
_LINK_KEYS = ("doc_a", "sent_a", "doc_b", "sent_b")
#: Word-vector search: the top-k of candidate_pairs as align_corpus calls it.
_TOP_K, _MIN_DOC_SCORE = 5, 0.2


class MissingDaskError(ImportError):
    """The optional dependencies of the Dask engine are not installed."""


def _require_distributed() -> Any:
    """``distributed``, or :class:`MissingDaskError` saying what to install."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as err:
        raise MissingDaskError(f"the Dask engine needs the packages 'dask' and 'distributed', which are not installed: {_INSTALL}") from err
    return distributed


@dataclass(frozen=True)
class _Summary:
    """What the fit stage needs of one partition (small: counts and names, never texts)."""

    counts: TermCounts
    names: frozenset[str]


def partition_plan(documents: pd.DataFrame, *, partition_size: int = DEFAULT_PARTITION_SIZE) -> pd.DataFrame:
    """Which partition each document goes to.

    Documents that share an event (their own or an ``also_reports`` entry,
    :func:`claimcompare.passages.document_events`) are in one *component*
    (:func:`claimcompare.graphs.linked_components` over the document–event links); components are taken in
    order of their first ``doc_id`` and packed into partitions of at most
    ``partition_size`` documents, or one component when it alone is larger.
    Documents without an event are components of their own.

    Returns columns ``doc_id``, ``component`` (int, from 0), ``partition``
    (int, from 0), sorted by ``doc_id``.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    events = document_events(documents)
    first_of_event = events.groupby("event", sort=False)["doc_id"].transform("first")
    plan = linked_components(documents["doc_id"], pd.DataFrame({"doc_a": events["doc_id"], "doc_b": first_of_event}))
    ids = plan["doc_id"].tolist()
    component, roots = pd.factorize(plan["component"], sort=True)  # numbered in order of their smallest doc_id
    sizes = np.bincount(component, minlength=len(roots))
    part_of = np.zeros(len(roots), dtype=np.int64)
    part, filled = 0, 0
    for c, size in enumerate(sizes):
        if filled and filled + size > partition_size:
            part, filled = part + 1, 0
        part_of[c] = part
        filled += size
    return pd.DataFrame({"doc_id": pd.Series(ids, dtype="object"), "component": component, "partition": part_of[component]})


def _sub_corpus(corpus: Corpus, docs: list[str]) -> Corpus:
    keep = set(docs)
    return Corpus(
        documents=corpus.documents[corpus.documents["doc_id"].isin(keep)].reset_index(drop=True),
        blocks=corpus.blocks[corpus.blocks["doc_id"].isin(keep)].reset_index(drop=True),
        texts={d: corpus.texts[d] for d in docs},
        folder=corpus.folder,
    )


def _summarise(sentences: pd.DataFrame, claims: bool) -> _Summary:
    """Stage 2 of one partition: claim counts and mid-sentence names."""
    texts = body_sentences(sentences)["text"].tolist()
    counts = StatementVectorizer().partial_counts([claim_text(t) for t in texts] if claims else texts)
    return _Summary(counts, mid_sentence_names(sentences))


def _documents_and_digests(corpus: Corpus) -> pd.DataFrame:
    """A partition's documents with the ``digest`` of each text (the key of ``duplicate_of``, as corpus_from_texts computes it)."""
    return corpus.documents.assign(digest=[text_digest(corpus.texts[d]) for d in corpus.documents["doc_id"]])


def _corpus_duplicates(documents: pd.DataFrame) -> pd.DataFrame:
    """``duplicate_of`` across all partitions: each text's first ``doc_id`` (sorted) for the others with the same digest.

    ``documents``: every partition's :func:`_documents_and_digests`.  Returns
    the documents sorted by ``doc_id``, ``duplicate_of`` set as
    :func:`~claimcompare.corpus.corpus_from_texts` sets it on the whole
    corpus, without ``digest``.
    """
    docs = documents.sort_values("doc_id", ignore_index=True)
    first = docs.groupby("digest", sort=False)["doc_id"].transform("first")
    docs["duplicate_of"] = first.where(first != docs["doc_id"], None).astype(object)
    return docs.drop(columns="digest")


#: The columns of the sentences table that the align stage reads (the others are dropped once counted).
_ALIGN_COLUMNS = ("doc_id", "sent_id", "role", "text", "event")


def _for_align(sentences: pd.DataFrame) -> pd.DataFrame:
    """What a partition keeps of its sentences between the count and align stages: :data:`_ALIGN_COLUMNS`, ``event`` as a string column.

    Memory per worker is then about 60% of the full table's (the ``event``
    column of Python objects was a third of it), and the alignment the same.
    """
    out = sentences[[c for c in _ALIGN_COLUMNS if c in sentences.columns]]
    if "event" in out.columns and out["event"].dtype == object:
        out = out.astype({"event": "str"})
    return out


@dataclass(frozen=True)
class _Spilled:
    """A partition's trimmed sentences written to a Parquet file of the spill folder (what a worker holds instead of the table)."""

    path: str


def _held(sentences: pd.DataFrame | _Spilled) -> pd.DataFrame:
    """A partition's sentences for the align stage: the table, or read back from its spill file (the same table, dtypes included)."""
    return pd.read_parquet(sentences.path) if isinstance(sentences, _Spilled) else sentences


def _spill(sentences: pd.DataFrame, path: str | None) -> pd.DataFrame | _Spilled:
    if path is None:
        return sentences
    sentences.to_parquet(path, index=False)
    return _Spilled(path)


@dataclass(frozen=True)
class _Part:
    """What the segment task returns for one partition: nothing of its texts, blocks or whole sentences table."""

    sentences: pd.DataFrame | _Spilled  # _for_align: what waits for the align stage (in memory, or in its spill file)
    summary: _Summary | None  # claim counts and names (None when not counted)
    candidates: tuple[str, ...]  # documents with a body sentence (duplicates are removed in the driver)
    documents: pd.DataFrame | None  # the documents with their text digests (a Parquet table only)
    picked: pd.DataFrame | None  # the sentence columns asked for


def _segment_part(
    source: Corpus | str, rows: pd.DataFrame | None, claims: bool, count: bool, columns: list[str] | None, spill: str | None = None
) -> _Part:
    """Stages 1-2 of one partition in one task: read (a Parquet table's ``rows``) or take the sub-corpus, segment, count, trim.

    One task, so that a partition's texts and whole sentences table live only
    while it runs: were reading, segmenting and counting separate tasks, the
    scheduler would run every partition's reading (the first tasks
    submitted) before any partition's counting, and the workers would hold
    every text of the corpus at once.  ``spill``: write the trimmed
    sentences to this Parquet file and keep only its path.
    """
    corpus = source if isinstance(source, Corpus) else read_article_rows(source, rows)
    full = sentences_table(corpus)
    return _Part(
        sentences=_spill(_for_align(full), spill),
        summary=_summarise(full, claims) if count else None,
        candidates=tuple(candidate_documents(full, None)),
        documents=None if isinstance(source, Corpus) else _documents_and_digests(corpus),
        picked=None if columns is None else full[columns],
    )


def _part_sentences(part: _Part) -> pd.DataFrame | _Spilled:
    return part.sentences


def _part_summary(part: _Part) -> _Summary:
    return part.summary


def _part_small(part: _Part) -> tuple[tuple[str, ...], pd.DataFrame | None, pd.DataFrame | None]:
    return part.candidates, part.documents, part.picked


def _fit(summaries: list[_Summary]) -> StatementVectorizer:
    """Stage 3: the vectorizer of the whole corpus from the partitions' counts."""
    return StatementVectorizer().fit_from_counts(TermCounts.merge(s.counts for s in summaries))


def _union_names(summaries: list[_Summary]) -> frozenset[str]:
    return frozenset().union(*(s.names for s in summaries))


def _merge_summaries(*summaries: _Summary) -> _Summary:
    """Several partitions' summaries as one (:meth:`TermCounts.merge` is order-free, so a tree of merges gives the fit's counts)."""
    return _Summary(TermCounts.merge(s.counts for s in summaries), _union_names(list(summaries)))


#: Summaries merged by one task of the summary tree (:func:`_merge_tree`).
_MERGE_FAN_IN = 8


def _merge_counts(*parts: TermCounts) -> TermCounts:
    """Several partitions' content counts as one (:meth:`TermCounts.merge`)."""
    return TermCounts.merge(parts)


def _merge_tree(client: Any, futures: list[Any], *, fan_in: int | None = None, merge: Callable[..., Any] = _merge_summaries) -> list[Any]:
    """The partitions' summaries merged as they are done, ``fan_in`` at a time (default :data:`_MERGE_FAN_IN`): a list of one future (or none).

    The workers then hold, until the fit, a few merged tables (the
    vocabulary grows slower than the corpus) instead of every partition's
    counts; each merge runs as soon as its inputs are done (priority over
    the next segment task), and releases them.
    """
    fan_in = max(2, fan_in or _MERGE_FAN_IN)
    level = list(futures)
    while len(level) > 1:
        level = [client.submit(merge, *level[i : i + fan_in], pure=False, priority=2) for i in range(0, len(level), fan_in)]
    return level


def _word_counts(sentences: pd.DataFrame | _Spilled, docs: list[str]) -> TermCounts:
    """Word-block counts of the body sentences of ``docs`` (the document-vector vectorizer of candidate_pairs)."""
    body = body_sentences(_held(sentences))
    return StatementVectorizer(features="word").partial_counts(body.loc[body["doc_id"].isin(docs), "text"].tolist())


def _word_fit(parts: list[TermCounts]) -> StatementVectorizer:
    return StatementVectorizer(features="word").fit_from_counts(TermCounts.merge(parts))


def _stack(parts: list[sp.csr_matrix]) -> sp.csr_matrix:
    return sp.vstack(parts, format="csr") if len(parts) > 1 else parts[0]


def _rows(sentences: pd.DataFrame | _Spilled, docs: list[str]) -> pd.DataFrame:
    sentences = _held(sentences)
    return sentences[sentences["doc_id"].isin(docs)]


def _document_vectors(sentences: pd.DataFrame | _Spilled, docs: list[str], vectorizer: StatementVectorizer) -> sp.csr_matrix:
    return document_vectors(_held(sentences), docs, vectorizer)


def _align_part(
    own: pd.DataFrame | _Spilled,
    documents: pd.DataFrame,
    vectorizer: StatementVectorizer,
    names: frozenset[str],
    options: dict[str, Any],
    by: str,
    pairs: pd.DataFrame | None = None,
    *foreign: pd.DataFrame,
    columns: list[str] | None = None,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """Stage 5 of one partition with the corpus-wide vectorizer and names (``columns``: only those are returned).

    ``counts`` None: :func:`~claimcompare.align_corpus` with ``options``; else
    the learned aligner (:class:`claimcompare.aligner.Aligner`, threshold
    ``options["min_score"]``) fitted with the corpus-wide content counts too.
    """
    own = _held(own)
    sentences = pd.concat([own, *foreign], ignore_index=True) if foreign else own
    if counts is None:
        out = align_corpus(
            sentences, documents, pairs=pairs, by=by, vectorizer=vectorizer, sentence_initial_names=names, show_progress=False, **options
        )
    else:
        from .aligner import Aligner

        aligner = Aligner(threshold=options.get("min_score"), by=by)
        out = aligner.fit(sentences, documents, vectorizer=vectorizer, names=names, counts=counts).align(pairs)
    return out if columns is None else out[columns]


def _content_counts(sentences: pd.DataFrame | _Spilled, names: frozenset[str]) -> TermCounts:
    """The learned aligner's content-stem counts of one partition, with the corpus's names."""
    from .aligner import content_counts

    return content_counts(_held(sentences), names)


def _concat_sorted(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The partitions' alignment tables as one, sorted as align_corpus sorts."""
    full = [p for p in parts if len(p)]
    if not full:  # the empty table of align_corpus, with its dtypes
        return align_corpus(pd.DataFrame({"doc_id": [], "sent_id": [], "role": [], "text": []}))
    out = pd.concat(full, ignore_index=True) if len(full) > 1 else full[0]
    return out.sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True)


def engine_client(scheduler: str | None = None, *, n_workers: int = DEFAULT_WORKERS, processes: bool = True) -> Any:
    """A ``distributed.Client``: connected to ``scheduler`` (``"tcp://host:8786"``), else to a new LocalCluster.

    The LocalCluster: ``n_workers`` worker processes (threads when
    ``processes`` is False) of one thread each, listening on 127.0.0.1
    only, dashboard off.  :func:`close_client` closes the client and the
    cluster it started.  Raises :class:`MissingDaskError` without the
    extra.
    """
    distributed = _require_distributed()
    if scheduler:
        return distributed.Client(scheduler, set_as_default=False)
    cluster = distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=processes, dashboard_address=None, host="127.0.0.1"
    )
    client = distributed.Client(cluster, set_as_default=False)
    client._claimcompare_cluster = cluster  # closed with the client (close_client)
    return client


def close_client(client: Any) -> None:
    """Close a client of :func:`engine_client`, and the LocalCluster it started (if it started one)."""
    cluster = getattr(client, "_claimcompare_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def align_corpus_dask(
    corpus: Corpus | str | Path,
    *,
    by: str = "auto",
    scheduler: str | None = None,
    client: Any = None,
    n_workers: int = DEFAULT_WORKERS,
    partition_size: int | None = None,
    on_stage: Callable[[str], None] | None = None,
    sentence_columns: Sequence[str] | None = None,
    spill_dir: str | Path | None = None,
    link_columns: Sequence[str] | None = None,
    aligner: str = "rules",
    **options: Any,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`claimcompare.align_corpus` of a corpus, computed as Dask tasks over partitions (module docstring).

    Parameters
    ----------
    corpus:
        A :class:`~claimcompare.corpus.Corpus`; a Parquet table of articles
        (a ``.parquet`` file or a folder of parts, columns as
        :func:`claimcompare.tables.read_articles` reads them), which the
        driver never reads whole: it plans partitions from the metadata
        columns (:func:`~claimcompare.tables.article_metadata`) and each
        task reads, cleans and segments its own rows
        (:func:`~claimcompare.tables.read_article_rows`); or any other path
        :func:`~claimcompare.tables.read_articles` reads (a folder, a CSV or
        JSON Lines table, a glob), read in the driver.
    by:
        As :func:`~claimcompare.align.candidate_pairs`: ``"auto"`` (by event
        when every document has one), ``"event"``, ``"similarity"`` or
        ``"ann"`` (approximate neighbours of the document vectors, searched
        in the driver: :func:`~claimcompare.align.approximate_document_pairs`).
    scheduler, client, n_workers:
        Where the tasks run: an existing ``distributed.Client``; else a
        scheduler address (``"tcp://10.0.0.5:8786"``); else a LocalCluster
        of ``n_workers`` processes started and stopped here.
    partition_size:
        About this many documents per partition (:func:`partition_plan`);
        ``None``: the corpus split into :data:`PARTITIONS_PER_THREAD`
        partitions per worker thread, of at most
        :data:`DEFAULT_PARTITION_SIZE` documents.
    on_stage:
        Called with each stage's name as it starts (benchmarks time them).
    sentence_columns:
        When given (e.g. ``["doc_id", "sent_id", "start", "end", "role"]``),
        also return those columns of the sentences table
        (:data:`~claimcompare.corpus.SENTENCE_COLUMNS`), gathered from the
        workers as each partition is segmented (within the segment stage),
        sorted by ``doc_id, sent_id``: what scoring against a gold file
        needs, without the driver reading the texts.
    spill_dir:
        A folder that the driver and every worker can write and read (on a
        real cluster, a shared file system, as for a Parquet input).  The
        sentences of each partition wait there for the align stage, as one
        Parquet file per partition in a new subfolder removed at the end,
        instead of in the workers' memory: what a worker holds then does not
        grow with the corpus.  ``None``: a temporary folder when the engine
        starts its own LocalCluster (``client`` and ``scheduler`` not
        given), else in the workers' memory.
    link_columns:
        When given (e.g. ``["score"]``), the alignment table has only those
        of :data:`~claimcompare.align.ALIGNMENT_COLUMNS` besides the keys
        ``doc_a, sent_a, doc_b, sent_b`` (always kept), in that table's
        order; the rest are dropped on the workers, so a large run without
        ``text_a, text_b`` moves and holds a fraction of the table.
    aligner:
        ``"rules"`` (default): the scoring rules of
        :func:`~claimcompare.align_corpus`; ``"learned"``: the learned link
        model (:class:`claimcompare.aligner.Aligner`), whose one option is
        ``min_score`` (its probability threshold; ``None``: the model's).
    options:
        ``min_score``, ``ratio``, ``claims``, ``containment_weight``,
        ``off_topic_penalty``, ``speaker_penalty``, ``semantic``,
        ``semantic_weight`` of :func:`~claimcompare.align_corpus`.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`~claimcompare.align_corpus`
        (:data:`~claimcompare.align.ALIGNMENT_COLUMNS`), identical to
        ``align_corpus(sentences_table(corpus), corpus.documents, by=by,
        **options)`` (for a path: of ``read_articles(path)``), sorted by
        ``doc_a, doc_b, sent_a, sent_b``; with ``sentence_columns``, the
        pair ``(alignment, sentences)``.  With ``aligner="learned"``, the
        table of ``Aligner(threshold=min_score).fit(sentences_table(corpus),
        corpus.documents).align()`` (pairs as ``by`` says).
    """
    if aligner not in ALIGNERS:
        raise ValueError(f"aligner must be one of {', '.join(map(repr, ALIGNERS))}, not {aligner!r}")
    allowed = _ALIGN_OPTIONS if aligner == "rules" else frozenset({"min_score"})
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"align_corpus_dask got unknown options {unknown} for aligner={aligner!r}; it takes {sorted(allowed)}")
    pairs_by_event([], None, by=by)  # checks by
    if link_columns is not None:
        unknown_columns = sorted(set(link_columns) - set(ALIGNMENT_COLUMNS))
        if unknown_columns:
            raise ValueError(f"link_columns {unknown_columns} are not columns of the alignment table {list(ALIGNMENT_COLUMNS)}")
        wanted = set(link_columns) | set(_LINK_KEYS)
        link_columns = [c for c in ALIGNMENT_COLUMNS if c in wanted]
    own = client is None
    if own:
        client = engine_client(scheduler, n_workers=n_workers)
    try:
        with _spill_folder(spill_dir, local=own and not scheduler) as spill:
            return _run(
                client,
                corpus,
                by=by,
                partition_size=partition_size,
                on_stage=on_stage or (lambda name: None),
                options=options,
                sentence_columns=None if sentence_columns is None else list(sentence_columns),
                spill=spill,
                link_columns=link_columns,
                learned=aligner == "learned",
            )
    finally:
        if own:
            close_client(client)


@contextmanager
def _spill_folder(spill_dir: str | Path | None, *, local: bool) -> Iterator[str | None]:
    """A new folder for the run's spill files (in ``spill_dir``, or the system's temporary folder when ``local``), removed after; else None."""
    if spill_dir is None and not local:
        yield None
        return
    try:
        if spill_dir is not None:
            Path(spill_dir).mkdir(parents=True, exist_ok=True)
        folder = tempfile.mkdtemp(prefix="claimcompare-spill-", dir=None if spill_dir is None else str(spill_dir))
    except OSError as err:
        raise CorpusError(
            spill_dir, f"cannot make the spill folder ({err.strerror or err})", "give a folder you can write (spill_dir=)", cli_remedy="give --spill-dir a folder you can write"
        ) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class _Segmented:
    """The engine after the segment and count stages: futures on the workers, small tables in the driver."""

    groups: list[list[str]]  # doc_ids of each partition
    sentences: list[Any]  # futures: each partition's sentences table, the columns the align stage reads (_for_align)
    summaries: list[Any]  # futures: the partitions' _Summary merged into one (_merge_tree), or none
    documents: pd.DataFrame  # every document (duplicates flagged across the corpus), sorted by doc_id
    small: list[tuple[str, ...]]  # each partition's candidate documents (body sentences, not duplicates)
    docs: list[str]  # all candidate documents, sorted
    picked: pd.DataFrame | None = None  # the sentence_columns asked for, of every partition, sorted by doc_id, sent_id


def _segment(
    client: Any,
    corpus: Corpus | str | Path,
    *,
    partition_size: int | None,
    on_stage: Callable[[str], None],
    claims: bool,
    count: bool = True,
    sentence_columns: list[str] | None = None,
    spill: str | None = None,
) -> _Segmented:
    """Stages 0-2: read (in the driver, or in the tasks for a Parquet table), plan partitions, segment and count.

    ``count=False``: no claim counts (the pair search alone needs none); ``summaries`` is then empty.
    ``sentence_columns``: those columns of every partition's sentences are
    gathered into the driver here (``picked``), so that the workers keep only
    what the align stage reads (:func:`_for_align`) until it runs.
    ``spill``: a folder every worker can write and read; each partition's
    trimmed sentences wait there as a Parquet file instead of in memory.
    """
    table: Path | None = None
    if not isinstance(corpus, Corpus):
        if is_parquet_table(corpus):  # the driver reads metadata only; each task reads its rows
            on_stage("plan")
            table = Path(corpus)
            plan_docs = article_metadata(table)
        else:
            on_stage("load and clean")
            corpus = read_articles(corpus)
    if table is None:
        plan_docs = corpus.documents
    on_stage(("read, clean, " if table is not None else "") + ("segment and count" if count else "segment"))
    if partition_size is None:
        threads = max(1, sum(client.nthreads().values()))
        partition_size = min(DEFAULT_PARTITION_SIZE, max(1, math.ceil(len(plan_docs) / (PARTITIONS_PER_THREAD * threads))))
    plan = partition_plan(plan_docs, partition_size=partition_size)
    groups = [g["doc_id"].tolist() for _, g in plan.groupby("partition", sort=True)]
    n = len(groups)
    if table is not None:
        at = plan_docs.set_index("doc_id")
        # Each partition's row numbers go to the workers as data, not inside the task graph (where a million articles'
        # rows would make the graph some 70 MiB); the place of a row is all a task needs to read it.
        sources, rows = [str(table)] * n, client.scatter([at.loc[g, ["fragment", "row"]].reset_index(drop=True) for g in groups])
    else:
        sources, rows = client.scatter([_sub_corpus(corpus, g) for g in groups]), [None] * n
    spills = [None] * n if spill is None else [str(Path(spill) / f"sentences-{k:06d}.parquet") for k in range(n)]
    parts = client.map(_segment_part, sources, rows, [claims] * n, [count] * n, [sentence_columns] * n, spills, pure=False)
    del sources, rows  # a scattered sub-corpus (or row table) is released once its partition is segmented
    # The pieces of each partition's result are taken apart as soon as it is done (priority over the next partition's
    # segment task), so that the workers do not keep every partition's picked columns until the last is segmented.
    sentences = client.map(_part_sentences, parts, pure=False, priority=1)
    summaries = _merge_tree(client, client.map(_part_summary, parts, pure=False, priority=1)) if count else []
    small_futures = client.map(_part_small, parts, pure=False, priority=1)
    # Released here, not after the stage: each partition's whole result (with its picked columns and documents) is then
    # dropped on its worker as soon as its three pieces are taken, instead of waiting for the last partition.
    parts.clear()
    small_parts = _gather_released(client, small_futures)  # the segment and count stages end here
    small = [candidates for candidates, _, _ in small_parts]
    if table is not None:  # duplicates across partitions: digests of the texts, compared in the driver
        documents = _corpus_duplicates(pd.concat([d for _, d, _ in small_parts], ignore_index=True))
    else:
        documents = corpus.documents
    collected = None
    if sentence_columns is not None:
        collected = pd.concat([p for _, _, p in small_parts], ignore_index=True).sort_values(["doc_id", "sent_id"], ignore_index=True)
    del small_parts
    dups = set(documents.loc[documents["duplicate_of"].notna(), "doc_id"]) if "duplicate_of" in documents else set()
    small = [tuple(d for d in part if d not in dups) for part in small]
    return _Segmented(groups, sentences, summaries, documents, small, sorted(d for part in small for d in part), collected)


def _gather_released(client: Any, futures: list[Any]) -> list[Any]:
    """The results of ``futures`` in their order, each fetched as soon as it is done and then released on the workers.

    The workers hold a partition's result only until the driver has it (a
    plain ``client.gather`` holds every result until the last is done), so
    their memory does not grow with the number of partitions.
    """
    from distributed import as_completed

    out: list[Any] = [None] * len(futures)
    at = {f.key: k for k, f in enumerate(futures)}
    for fut in as_completed(futures, loop=client.loop):  # the engine's client is not the default client
        out[at[fut.key]] = fut.result()
        fut.release()
    futures.clear()
    return out


def candidate_pairs_dask(
    corpus: Corpus | str | Path,
    *,
    by: str = "ann",
    scheduler: str | None = None,
    client: Any = None,
    n_workers: int = DEFAULT_WORKERS,
    partition_size: int | None = None,
    on_stage: Callable[[str], None] | None = None,
    spill_dir: str | Path | None = None,
) -> pd.DataFrame:
    """The candidate document pairs by similarity of :func:`align_corpus_dask`, without the alignment.

    ``by``: ``"ann"`` (approximate neighbours,
    :func:`~claimcompare.align.approximate_document_pairs`, over document
    vectors computed in the tasks and searched in the driver) or
    ``"similarity"`` (the exact top-k, each partition's rows against all
    documents on the workers).  ``corpus``, ``scheduler``, ``client``,
    ``n_workers``, ``partition_size``, ``on_stage``, ``spill_dir``: as
    :func:`align_corpus_dask` (stages: as there, then ``"pairs by
    similarity"``).

    Returns the pairs ``candidate_pairs(sentences, documents, by=by)``
    returns for the whole corpus, as columns ``doc_a``, ``doc_b`` (str,
    ``doc_a < doc_b``), sorted: the pair search of a corpus without events,
    measured on its own (``benchmarks/scale.py --no-events-pairs``).
    """
    if by not in ("ann", "similarity"):
        raise ValueError(f"by must be 'ann' or 'similarity', not {by!r}")
    own = client is None
    if own:
        client = engine_client(scheduler, n_workers=n_workers)
    on_stage = on_stage or (lambda name: None)
    try:
        with _spill_folder(spill_dir, local=own and not scheduler) as spill:
            seg = _segment(client, corpus, partition_size=partition_size, on_stage=on_stage, claims=True, count=False, spill=spill)
            on_stage("pairs by similarity")
            pairs, _ = _similarity_pairs(client, seg.sentences, seg.small, seg.docs, seg.groups, approximate=by == "ann")
            return pairs.sort_values(["doc_a", "doc_b"], ignore_index=True)
    finally:
        if own:
            close_client(client)


def _run(
    client: Any,
    corpus: Corpus | str | Path,
    *,
    by: str,
    partition_size: int | None,
    on_stage: Callable[[str], None],
    options: dict[str, Any],
    sentence_columns: list[str] | None = None,
    spill: str | None = None,
    link_columns: list[str] | None = None,
    learned: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    seg = _segment(
        client, corpus, partition_size=partition_size, on_stage=on_stage, claims=options.get("claims", True), sentence_columns=sentence_columns, spill=spill
    )
    groups, sentences, summaries, documents, n = seg.groups, seg.sentences, seg.summaries, seg.documents, len(seg.groups)
    on_stage("vectorise")
    vectorizer = client.submit(_fit, summaries, pure=False)
    names = client.submit(_union_names, summaries, pure=False)
    vectorizer, names = client.gather([vectorizer, names])
    summaries.clear()  # the counts are released on the workers
    small, docs = seg.small, seg.docs
    use_event = pairs_by_event(docs, documents, by=by)
    # The fitted state and the names go to every worker once; each partition gets its own documents.
    vec_f, names_f = client.scatter([vectorizer, names], broadcast=True)
    counts_f = None
    if learned:  # the content-stem counts of the learned aligner need the corpus's names: one more pass, merged the same way
        on_stage("count content words")
        merged = _merge_tree(client, client.map(_content_counts, sentences, [names_f] * n, pure=False), merge=_merge_counts)
        counts_f = client.scatter(client.gather(merged[0]) if merged else TermCounts.merge([]), broadcast=True)
        merged.clear()

    def align_task(fut: Any, part_docs: Any, kind: str, pairs: pd.DataFrame | None = None, *foreign: Any) -> Any:
        return client.submit(
            _align_part, fut, part_docs, vec_f, names_f, options, kind, pairs, *foreign, pure=False, columns=link_columns, counts=counts_f
        )

    docs_f = client.scatter([documents[documents["doc_id"].isin(g)].reset_index(drop=True) for g in groups])
    if use_event:
        on_stage("align")
        tables = [align_task(fut, d, "event") for fut, d in zip(sentences, docs_f)]
        sentences.clear()  # each partition's sentences are released once its align task has run
        return _finish(client, tables, seg.picked, link_columns)
    on_stage("pairs by similarity")
    pairs, home = _similarity_pairs(client, sentences, small, docs, groups, approximate=by == "ann")
    on_stage("align")
    tables = []
    for k, fut in enumerate(sentences):
        mine = pairs[pairs["doc_a"].map(home) == k]
        if mine.empty:
            continue
        needed = sorted(set(mine["doc_b"]) - set(groups[k]))
        foreign = []
        for q, ids in pd.Series(needed, dtype="object").groupby(pd.Series([home[d] for d in needed], dtype="int64")):
            foreign.append(client.submit(_rows, sentences[q], ids.tolist(), pure=False))
        involved = set(mine["doc_a"]) | set(mine["doc_b"])
        docs_table = documents[documents["doc_id"].isin(involved)].reset_index(drop=True)
        tables.append(align_task(fut, docs_table, "similarity", mine.reset_index(drop=True), *foreign))
    sentences.clear()
    return _finish(client, tables, seg.picked, link_columns)


def _finish(client: Any, tables: list[Any], picked: pd.DataFrame | None, link_columns: list[str] | None) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """The alignment table, each partition's part fetched as it is done; with sentence columns gathered by :func:`_segment`, the pair."""
    alignment = _concat_sorted(_gather_released(client, tables))
    if link_columns is not None:
        alignment = alignment[link_columns]
    return alignment if picked is None else (alignment, picked)


def _similarity_pairs(
    client: Any, sentences: list[Any], small: list[tuple[str, ...]], docs: list[str], groups: list[list[str]], *, approximate: bool = False
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Candidate pairs by similarity, as candidate_pairs finds them: ``(pairs doc_a, doc_b; doc -> partition)``.

    ``approximate``: as ``by="ann"`` (:func:`claimcompare.align.approximate_document_pairs`
    over the stacked document vectors, in the driver: one index of reduced
    vectors), else the exact search in row ranges on the workers.
    """
    home = {d: k for k, g in enumerate(groups) for d in g}
    wanted = [sorted(part) for part in small]  # each partition's candidate documents (sorted, disjoint)
    word_counts = client.map(_word_counts, sentences, wanted, pure=False)
    word_vec = client.submit(_word_fit, word_counts, pure=False)
    word_vec_f = client.scatter(client.gather(word_vec), broadcast=True)
    filled = [k for k, part in enumerate(wanted) if part]
    blocks = client.map(_document_vectors, [sentences[k] for k in filled], [wanted[k] for k in filled], [word_vec_f] * len(filled), pure=False)
    # Rows of the stacked matrix are in the order of ``docs`` (sorted): partitions are runs of doc_id only
    # when no event joins documents, so rows are put in order explicitly.
    stacked_ids = [d for part in wanted for d in part]
    empty = pd.DataFrame({"doc_a": pd.Series(dtype="object"), "doc_b": pd.Series(dtype="object")})
    if len(docs) < 2:
        return empty, home
    dvec = _stack(client.gather(blocks))
    if stacked_ids != docs:
        at = {d: k for k, d in enumerate(stacked_ids)}
        dvec = dvec[[at[d] for d in docs]]
    if approximate:
        keep = approximate_document_pairs(dvec, top_k=_TOP_K, min_doc_score=_MIN_DOC_SCORE)
        rows = [(docs[i], docs[j]) for (i, j) in sorted(keep)]
        return pd.DataFrame(rows, columns=["doc_a", "doc_b"]) if rows else empty, home
    dvec_f = client.scatter(dvec, broadcast=True)
    n = len(docs)
    step = max(1, math.ceil(n / max(1, 4 * len(client.nthreads()))))
    ranges = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
    found = client.gather(client.map(lambda r, m: similar_document_pairs(m, top_k=_TOP_K, min_doc_score=_MIN_DOC_SCORE, rows=r), ranges, [dvec_f] * len(ranges), pure=False))
    keep: dict[tuple[int, int], float] = {}
    for part in found:  # in row order: a later row's value wins, as in the one-process search
        keep.update(part)
    rows = [(docs[i], docs[j]) for (i, j) in sorted(keep)]
    return pd.DataFrame(rows, columns=["doc_a", "doc_b"]) if rows else empty, home

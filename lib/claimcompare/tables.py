"""Tables in and out: articles from Parquet, CSV or JSON Lines; outputs as Parquet partitioned by event.

Reading articles
----------------
:func:`read_articles` takes what an archive's export or a database gives:
one row per article with the columns

==================  ==========================================================
column              meaning
==================  ==========================================================
``doc_id``          required; the article's id (any value, read as a string),
                    unique in the table
``text``            required; the article text, exactly as it is: offsets of
                    the sentences table index this string (no decoding, no
                    cleaning of line ends)
``file``            optional; shown in the ``file`` column of the command
                    line's output (default: the ``doc_id``)
``outlet`` ...      optional: the other columns of ``sources.csv``
                    (:data:`claimcompare.corpus.SOURCE_COLUMNS`: ``outlet``,
                    ``site``, ``country``, ``published``, ``event_date``,
                    ``event_title``, ``place``, ``also_reports``, ``title``);
                    used as ``load_corpus`` uses them
==================  ==========================================================

Column names are matched ignoring case and surrounding spaces; other columns
are ignored.  Dates may be strings ``YYYY-MM-DD`` or date/time values; other
date strings are ignored with a warning (as in ``sources.csv``).  The result
is the :class:`~claimcompare.corpus.Corpus` that
:func:`~claimcompare.corpus.load_corpus` gives for a folder holding the same
texts and a ``sources.csv`` with the same metadata (the table is read into
:func:`~claimcompare.corpus.corpus_from_texts`, which ``load_corpus`` also
ends with).

The formats, by suffix: ``.parquet`` / ``.pq`` (a file, or a folder of
Parquet parts, hive-partitioned or not: partition keys become columns; needs
pyarrow, the ``dask`` extra), ``.csv`` (UTF-8, comma-separated, header row;
text cells quoted as any CSV writer does), ``.jsonl`` / ``.ndjson`` (one
JSON object per line, UTF-8).  A glob (``"exports/2024-*.parquet"``,
``"archive/*/"``) reads every table or every folder of articles it matches
(folders with :func:`~claimcompare.corpus.load_corpus`; their ``file``
column then holds the path as matched), with one error naming both places
when two of them hold the same ``doc_id``.

:func:`iter_article_batches` reads a large table a batch of rows at a time
(Parquet scanned record batch by record batch with ``pyarrow.dataset``,
pandas chunks for CSV, line by line for JSON Lines), each batch a
``Corpus``, so memory holds one batch of texts, not the whole table.

Messages name rows counted from 1 in the table's order (for CSV, the first
row under the header is row 1; for JSON Lines, lines are named by number).

Writing outputs
---------------
:func:`write_table` writes a table (sentences, links, statements) as a
folder of Parquet files, one per event, hive style::

    out/sentences/_table.json                                     what is in the folder
    out/sentences/event=2021-07-27%20Talks%20in%20Dushanbe/part-0.parquet
    out/sentences/event=__HIVE_DEFAULT_PARTITION__/part-0.parquet   rows without an event

The folder name of an event is :func:`partition_name`: the key
percent-encoded (every character but ASCII letters, digits and ``-``), so it
is safe on any file system and hive readers decode it back:
``pandas.read_parquet(folder)``, Dask, DuckDB or Spark get the ``event``
column from the folder names (as a categorical, missing for the rows
without an event).  The files hold the other columns.  The same table gives
byte-identical files: rows are sorted (``sort_by``), the index is not
stored, compression and row groups are fixed, and Parquet holds no
timestamps (its ``created_by`` names the pyarrow version, so files are
identical for one pyarrow version).  :func:`read_table` reads all events or
one (``event=``) without opening the others, with the ``event`` column as
written; :func:`table_events` lists the events with their row counts.

Columns written by the command line (``claimcompare align ... --format
parquet --out-dir DIR``): ``DIR/sentences`` (:data:`claimcompare.corpus.SENTENCE_COLUMNS`:
``doc_id, sent_id, paragraph, start, end, role, text, event``), ``DIR/links``
(:data:`claimcompare.align.ALIGNMENT_COLUMNS` plus ``event``, the event of
sentence ``(doc_a, sent_a)``), ``DIR/statements``
(:func:`claimcompare.align.statement_clusters`: ``cluster, doc_id, sent_id,
text, n_docs, n_outlets`` plus ``event``, the event of the sentence), and
``DIR/documents`` (:func:`document_events`: the documents' metadata, one row
per document and event its sentences report, no text); :func:`write_outputs`
writes the four.

Reading outputs one event at a time
-----------------------------------
:func:`open_outputs` opens such a folder for a notebook on a corpus too large
to hold: its :attr:`Outputs.events` lists every event with its documents,
outlets and rows per table, from the ``_table.json`` manifests and three
metadata columns of ``documents`` (no sentence, link or statement is read),
and :meth:`Outputs.event` returns the :class:`EventTables` of one event, each
table read from that event's partition alone (:func:`read_table` with
``event=``), so memory holds one event, not the corpus.
"""

from __future__ import annotations

import glob as _glob
import json
import math
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .corpus import SOURCE_COLUMNS, Corpus, check_source_metadata, corpus_from_texts, load_corpus
from .errors import CorpusError
from .names import safe_filename

__all__ = [
    "ARTICLE_COLUMNS",
    "DEFAULT_PARTITION",
    "LOCATION_COLUMNS",
    "OUTPUT_TABLES",
    "TABLE_SUFFIXES",
    "EventTables",
    "Outputs",
    "corpus_from_table",
    "article_metadata",
    "corpus_to_table",
    "document_events",
    "is_parquet_table",
    "is_table_path",
    "iter_article_batches",
    "open_outputs",
    "partition_name",
    "read_article_rows",
    "read_articles",
    "read_table",
    "table_events",
    "with_event",
    "with_files",
    "write_outputs",
    "write_table",
]

#: Suffixes read as tables of articles, and their format.
TABLE_SUFFIXES: dict[str, str] = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: Columns of a table of articles that are read: ``doc_id``, ``text`` (required) and the metadata of ``sources.csv``.
ARTICLE_COLUMNS: tuple[str, ...] = ("doc_id", "text", *(c for c in SOURCE_COLUMNS if c != "doc_id"))
#: Folder name (after ``event=``) of the rows without an event; hive readers read it as a missing value.
DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"
#: Longest encoded key in a partition's folder name (file systems allow 255 bytes per name).
MAX_PARTITION_BYTES = 200
#: Rows per batch of :func:`iter_article_batches`.
DEFAULT_BATCH_SIZE = 10_000
#: The manifest :func:`write_table` writes beside the partitions (hive readers skip names starting with ``_``).
MANIFEST = "_table.json"
_PART = "part-0.parquet"
#: Where :func:`article_metadata` found each article: the Parquet file and the row in it (0-based).
LOCATION_COLUMNS: tuple[str, str] = ("fragment", "row")
_EXTRA = "pip install 'claimcompare[dask]' (or pip install pyarrow)"
_GLOB_CHARS = re.compile(r"[*?\[]")


def _pyarrow(path: str | Path | None, what: str = "is a Parquet table"):  # type: ignore[no-untyped-def]
    """``(pyarrow, pyarrow.parquet, pyarrow.dataset)``, or :class:`CorpusError` naming the extra."""
    try:
        import pyarrow
        import pyarrow.dataset
        import pyarrow.parquet
    except ImportError:
        raise CorpusError(path, f"{what}, and pyarrow is not installed", _EXTRA) from None
    return pyarrow, pyarrow.parquet, pyarrow.dataset


def is_table_path(path: str | Path) -> bool:
    """Whether ``path`` names a table of articles by its suffix (:data:`TABLE_SUFFIXES`) and is not a folder.

    A folder stays a folder of articles (whose ``sources.csv`` is metadata),
    whatever its name; the command line uses this to decide.
    """
    p = Path(path)
    return p.suffix.lower() in TABLE_SUFFIXES and not p.is_dir()


# -- reading articles ------------------------------------------------------------------------------


def _columns(names: Sequence[object], path: str | Path) -> dict[str, str]:
    """``name in the table -> column used`` for :data:`ARTICLE_COLUMNS`; refuses a column given twice, or none of the required."""
    used: dict[str, str] = {}
    for name in names:
        key = str(name).strip().lower()
        if key in ARTICLE_COLUMNS:
            if key in used.values():
                raise CorpusError(path, f"has the column {key!r} twice (names are matched ignoring case)", "keep one of them")
            used[str(name)] = key
    for need in ("doc_id", "text"):
        if need not in used.values():
            shown = ", ".join(map(str, names[:10])) + (" ..." if len(names) > 10 else "")
            raise CorpusError(
                path,
                f"has no {need!r} column (columns: {shown or 'none'})",
                "name the article text column 'text' and the id column 'doc_id'",
            )
    return used


def _rows(positions: Iterable[int], limit: int = 5) -> str:
    pos = [str(p + 1) for p in positions]
    shown = ", ".join(pos[:limit])
    return f"row {shown}" if len(pos) == 1 else f"rows {shown}" + (f" and {len(pos) - limit} more" if len(pos) > limit else "")


def _as_text(value: object) -> str | None:
    """A metadata cell as a string: dates as ``YYYY-MM-DD``, whole numbers without ``.0``, missing as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def corpus_from_table(table: pd.DataFrame, *, path: str | Path | None = None, first_row: int = 0) -> Corpus:
    """A :class:`~claimcompare.corpus.Corpus` from a DataFrame of articles (see the module docstring).

    Parameters
    ----------
    table:
        One row per article: ``doc_id``, ``text`` and optional metadata
        columns (:data:`ARTICLE_COLUMNS`, matched ignoring case and spaces).
    path:
        The file the table came from, named in messages.
    first_row:
        Position of the table's first row in that file (0-based), so that
        messages count rows of the file when ``table`` is a batch of it.

    Returns
    -------
    Corpus
        As :func:`~claimcompare.corpus.corpus_from_texts` builds it from
        ``doc_id -> text`` and the metadata (cells as strings, dates as
        ``YYYY-MM-DD``), with :attr:`~Corpus.notes` naming ignored dates,
        ``also_reports`` entries and one-sided event columns, checked as a
        folder's ``sources.csv`` is (:func:`~claimcompare.corpus.check_source_metadata`).
        ``folder`` is None.

    Refused with :class:`CorpusError` (one line naming ``path``, the rows and
    what to do): no ``doc_id`` or ``text`` column, a column given twice,
    rows without a ``doc_id``, a repeated ``doc_id``, rows whose text is
    missing, empty or not a string, a table with no rows.
    """
    where = path if path is not None else "table"
    if len(table) == 0:
        raise CorpusError(where, "has no rows", "give a table with one row per article")
    used = _columns(list(table.columns), where)
    t = table[list(used)].rename(columns=used).reset_index(drop=True)
    ids = _doc_ids(t["doc_id"], where, first_row)
    texts: dict[str, str] = {}
    bad: dict[str, list[int]] = {"no text": [], "text that is not a string": [], "empty text": []}
    for i, (doc_id, text) in enumerate(zip(ids, t["text"])):
        if text is None or (isinstance(text, float) and math.isnan(text)):
            bad["no text"].append(i)
        elif not isinstance(text, str):
            bad["text that is not a string"].append(i)
        elif not text.strip():
            bad["empty text"].append(i)
        else:
            texts[doc_id] = text  # type: ignore[index]
    for problem, rows in bad.items():
        if rows:
            raise CorpusError(
                where, f"has {problem} in {_rows(r + first_row for r in rows)}", "put each article's text in the 'text' column or drop those rows"
            )
    meta = pd.DataFrame({"doc_id": pd.Series(ids, dtype=object)})
    for col in t.columns:
        if col not in ("doc_id", "text"):
            meta[col] = pd.Series([_as_text(v) for v in t[col]], dtype=object)
    meta, notes = check_source_metadata(meta, where, name_by="doc_id")
    for note in notes:
        warnings.warn(note, stacklevel=3)
    corpus = corpus_from_texts(texts, meta)
    return replace(corpus, notes=tuple(notes) + corpus.notes)


def _format(path: Path) -> str:
    fmt = TABLE_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(
            path,
            f"is not a table or folder claimcompare reads (suffix {path.suffix or 'none'!r})",
            "give a .parquet, .csv or .jsonl table of articles, or a folder of .txt articles",
        )
    return fmt


def _read_error(path: Path, fmt: str, err: BaseException) -> CorpusError:
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    if isinstance(err, UnicodeDecodeError):
        return CorpusError(path, f"is not UTF-8 ({first})", "re-save it as UTF-8")
    name = {"parquet": "Parquet", "csv": "CSV", "jsonl": "JSON Lines"}[fmt]
    return CorpusError(path, f"cannot be read as {name} ({first})", f"check that it is a {name} file of articles")


def _parquet_dataset(path: Path):  # type: ignore[no-untyped-def]
    """A pyarrow dataset of a Parquet file or folder of parts (hive partitions read as columns), files in sorted order."""
    _, _, ds = _pyarrow(path)
    try:
        if path.is_dir():
            files = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (".parquet", ".pq")
                and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
            )  # fmt: skip
            if not files:
                raise CorpusError(path, "holds no Parquet files", "give a folder of .parquet parts")
            return ds.dataset(files, format="parquet", partitioning="hive", partition_base_dir=str(path))
        return ds.dataset(str(path), format="parquet")
    except CorpusError:
        raise
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError ...
        raise _read_error(path, "parquet", err) from None


def _parquet_frame(batch) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """A pyarrow table or batch as pandas, strings as Python objects (dictionary columns decoded)."""
    import pyarrow as pa

    cols = {}
    for name, col in zip(batch.schema.names, batch.columns):
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type) if isinstance(col, pa.ChunkedArray) else col.dictionary_decode()
        cols[name] = col.to_pylist() if (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)) else col.to_pandas()
    return pd.DataFrame({k: pd.Series(v, dtype="object") if isinstance(v, list) else v for k, v in cols.items()})


def _batches(path: Path, fmt: str, batch_size: int | None) -> Iterator[pd.DataFrame]:
    """The rows of one table, ``batch_size`` at a time (the last batch may be shorter; None: all at once), as DataFrames."""
    if not path.exists():
        raise CorpusError(path, "does not exist", "give the path of a table or folder of articles")
    if fmt == "parquet":
        dataset = _parquet_dataset(path)
        wanted = list(_columns(dataset.schema.names, path))
        try:
            if batch_size is None:
                yield _parquet_frame(dataset.to_table(columns=wanted, use_threads=False))
                return
            scanner = dataset.scanner(columns=wanted, batch_size=batch_size, use_threads=False)
            pending: list[pd.DataFrame] = []
            n = 0
            for batch in scanner.to_batches():
                if batch.num_rows:
                    pending.append(_parquet_frame(batch))
                    n += batch.num_rows
                while n >= batch_size:
                    whole = pd.concat(pending, ignore_index=True)
                    yield whole.iloc[:batch_size].reset_index(drop=True)
                    rest = whole.iloc[batch_size:].reset_index(drop=True)
                    pending, n = ([rest] if len(rest) else []), len(rest)
            if pending:
                yield pd.concat(pending, ignore_index=True)
        except CorpusError:
            raise
        except Exception as err:
            raise _read_error(path, fmt, err) from None
    elif fmt == "csv":
        try:
            options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
            if batch_size is None:
                yield pd.read_csv(path, **options).astype(object)
                return
            with pd.read_csv(path, chunksize=batch_size, **options) as reader:
                for chunk in reader:
                    yield chunk.astype(object)
        except CorpusError:
            raise
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError, OSError) as err:
            raise _read_error(path, fmt, err) from None
    else:
        yield from _jsonl_batches(path, batch_size)


def _jsonl_batches(path: Path, batch_size: int | None) -> Iterator[pd.DataFrame]:
    rows: list[dict] = []
    try:
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError(path, f"line {n} is not JSON ({err.msg})", "write one JSON object per line") from None
                if not isinstance(row, dict):
                    raise CorpusError(path, f"line {n} is not a JSON object", "write one JSON object per line, with doc_id and text")
                rows.append(row)
                if len(rows) == batch_size:
                    yield pd.DataFrame(rows, dtype=object)
                    rows = []
    except (UnicodeDecodeError, OSError) as err:
        raise _read_error(path, "jsonl", err) from None
    if rows:
        yield pd.DataFrame(rows, dtype=object)


def _expand(path: str | Path) -> list[Path]:
    """``[path]``, or the sorted matches of a glob (a path with ``* ? [`` that does not exist as is)."""
    text = str(path)
    if Path(text).exists() or not _GLOB_CHARS.search(text):
        return [Path(text)]
    matches = sorted(_glob.glob(text))
    if not matches:
        raise CorpusError(text, "matches no file or folder", "check the pattern")
    return [Path(m) for m in matches]


def _is_parquet_folder(path: Path) -> bool:
    """A folder that holds Parquet parts and no ``.txt`` articles of its own."""
    if not path.is_dir() or any(path.glob("*.txt")):
        return False
    return any(p.suffix.lower() in (".parquet", ".pq") for p in path.rglob("*") if p.is_file())


def _one(path: Path, *, load_options: dict) -> tuple[Corpus, str]:
    """The corpus of one path (table, Parquet folder or folder of articles) and how its ``file`` column is made."""
    if not path.exists():
        raise CorpusError(path, "does not exist", "give the path of a table or folder of articles")
    if path.is_dir() and not _is_parquet_folder(path):
        return load_corpus(path, **load_options), "folder"
    fmt = "parquet" if path.is_dir() else _format(path)
    frames = list(_batches(path, fmt, batch_size=None))
    table = frames[0] if frames else pd.DataFrame()
    if fmt == "csv" and not len(table):
        raise CorpusError(path, "has no rows", "give a table with one row per article")
    return corpus_from_table(table, path=path), "table"


def _one_distinct(corpus: Corpus, where: str | Path) -> Corpus:
    """``corpus``, with the warning ``load_corpus`` gives a folder when it has fewer than two distinct articles."""
    distinct = corpus.documents.loc[corpus.documents["duplicate_of"].isna(), "doc_id"].tolist()
    if len(distinct) >= 2:
        return corpus
    note = f"{where}: only one distinct article ({distinct[0]}), so alignment has nothing to compare; add other reports of the same event"
    warnings.warn(note, stacklevel=3)
    return replace(corpus, notes=(*corpus.notes, note))


def read_articles(path: str | Path, **load_options: object) -> Corpus:
    """Read articles from a table, a folder of Parquet parts, a folder of articles, or a glob of them.

    Parameters
    ----------
    path:
        A ``.parquet``, ``.csv`` or ``.jsonl`` table of articles (columns: see
        the module docstring); a folder of Parquet parts (a partitioned
        dataset: a folder with ``.parquet`` files in it or below and no
        ``.txt`` file of its own); a folder of ``.txt`` articles (read with
        :func:`~claimcompare.corpus.load_corpus`); or a glob matching
        several of these.
    load_options:
        Passed to :func:`~claimcompare.corpus.load_corpus` for folders of
        articles (``pattern``, ``on_error``, ``max_bytes`` ...).

    Returns
    -------
    Corpus
        For a table: as :func:`corpus_from_table`.  For a folder: as
        ``load_corpus``.  For a glob matching several: one corpus of all the
        articles (built again with
        :func:`~claimcompare.corpus.corpus_from_texts`, so duplicates across
        tables are flagged), the ``file`` of a folder's article being its
        path (folder as matched, then the file name).

    Every problem is a :class:`CorpusError` naming the file: unknown suffix,
    a file that is missing, unreadable, not UTF-8 or not of its format,
    pyarrow missing for Parquet (``pip install 'claimcompare[dask]'``), the
    refusals of :func:`corpus_from_table`, and a ``doc_id`` found in two of
    the matched places.
    """
    paths = _expand(path)
    if len(paths) == 1:
        corpus, kind = _one(paths[0], load_options=load_options)
        return corpus if kind == "folder" else _one_distinct(corpus, paths[0])
    texts: dict[str, str] = {}
    metas: list[pd.DataFrame] = []
    home: dict[str, Path] = {}
    notes: list[str] = []
    for p in paths:
        corpus, kind = _one(p, load_options=load_options)
        for doc_id in corpus.texts:
            if doc_id in home:
                raise CorpusError(
                    path, f"doc_id {doc_id} is both in {home[doc_id]} and {p}", "give the articles distinct ids (doc_id in the table or sources.csv)"
                )
            home[doc_id] = p
        texts.update(corpus.texts)
        meta = corpus.documents.drop(columns=["n_chars", "duplicate_of"])
        if kind == "folder":
            meta = meta.assign(file=[str(p / f) for f in meta["file"]])
        metas.append(meta)
        notes.extend(corpus.notes)
    merged = corpus_from_texts(texts, pd.concat(metas, ignore_index=True))
    merged = replace(merged, notes=tuple(notes) + tuple(n for n in merged.notes if n not in notes))
    return _one_distinct(merged, path)


def iter_article_batches(path: str | Path, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Corpus]:
    """The articles of a large table, ``batch_size`` rows at a time, each batch a :class:`~claimcompare.corpus.Corpus`.

    ``path``: a ``.parquet``, ``.csv`` or ``.jsonl`` table, or a folder of
    Parquet parts (files in sorted order).  Memory holds one batch of rows
    (Parquet is scanned batch by batch, CSV read in pandas chunks, JSON Lines
    line by line) and the set of ids seen so far, which is how a ``doc_id``
    repeated in a later batch is refused.  Batches hold ``batch_size``
    articles, the last one fewer.  Duplicate texts are flagged within a
    batch only (``duplicate_of``); everything else is as
    :func:`read_articles`.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    p = Path(path)
    fmt = "parquet" if p.is_dir() else _format(p)
    seen: set[str] = set()
    start = 0
    for frame in _batches(p, fmt, batch_size):
        corpus = corpus_from_table(frame, path=p, first_row=start)
        again = sorted(seen.intersection(corpus.texts))
        if again:
            raise CorpusError(p, f"repeats doc_id {', '.join(again[:5])}", "give every article its own doc_id")
        seen.update(corpus.texts)
        start += len(frame)
        yield corpus


def is_parquet_table(path: str | Path) -> bool:
    """Whether ``path`` is a Parquet table of articles: a ``.parquet`` / ``.pq`` file, or a folder of Parquet parts without ``.txt`` articles."""
    p = Path(path)
    if p.is_dir():
        return _is_parquet_folder(p)
    return p.is_file() and TABLE_SUFFIXES.get(p.suffix.lower()) == "parquet"


def article_metadata(path: str | Path) -> pd.DataFrame:
    """The metadata of a Parquet table of articles and where each article is, without reading a text.

    For planning work on a table too large for one process (the Dask
    engine, :mod:`claimcompare.engine`, splits a table into partitions from
    this and each task reads its own rows with :func:`read_article_rows`).

    Parameters
    ----------
    path:
        A ``.parquet`` / ``.pq`` file or a folder of Parquet parts (hive
        partition keys become columns), as :func:`read_articles` reads it.

    Returns
    -------
    pandas.DataFrame
        One row per article: ``doc_id`` (str); the metadata columns the
        table has among :data:`ARTICLE_COLUMNS` (``file``, ``outlet`` ...
        ``title``), as strings exactly as :func:`corpus_from_table` reads
        them (dates as ``YYYY-MM-DD``, dates of another form blanked with a
        warning, missing values None); ``fragment`` (str, the Parquet file
        holding the row) and ``row`` (int, 0-based row in that file).
        Sorted by ``doc_id``.

    Refused with :class:`CorpusError`, as :func:`corpus_from_table` refuses
    them: no ``doc_id`` or ``text`` column, a column given twice, no rows,
    rows without a ``doc_id``, a ``doc_id`` repeated anywhere in the table.
    The texts are not checked here (missing or empty texts are refused by
    :func:`read_article_rows`).
    """
    p = Path(path)
    if not p.exists():
        raise CorpusError(p, "does not exist", "give the path of a table or folder of articles")
    dataset = _parquet_dataset(p)
    used = _columns(dataset.schema.names, p)
    wanted = [name for name, key in used.items() if key != "text"]
    frames = []
    try:
        for fragment in dataset.get_fragments():
            frame = _parquet_frame(fragment.to_table(schema=dataset.schema, columns=wanted, use_threads=False)).rename(columns=used)
            frame["fragment"] = str(fragment.path)
            frame["row"] = range(len(frame))
            frames.append(frame)
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError ...
        raise _read_error(p, "parquet", err) from None
    t = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*used.values(), *LOCATION_COLUMNS])
    if len(t) == 0:
        raise CorpusError(p, "has no rows", "give a table with one row per article")
    ids = _doc_ids(t["doc_id"], p)
    meta = pd.DataFrame({"doc_id": pd.Series(ids, dtype=object)})
    for col in used.values():
        if col not in ("doc_id", "text"):
            meta[col] = pd.Series([_as_text(v) for v in t[col]], dtype=object)
    meta, notes = check_source_metadata(meta, p, name_by="doc_id")
    for note in notes:
        warnings.warn(note, stacklevel=2)
    meta["fragment"] = t["fragment"].astype(object)
    meta["row"] = t["row"].astype("int64")
    return meta.sort_values("doc_id", ignore_index=True)


def read_article_rows(path: str | Path, rows: pd.DataFrame) -> Corpus:
    """Some articles of a Parquet table, read by their place in it: a :class:`~claimcompare.corpus.Corpus`.

    Parameters
    ----------
    path:
        The table as given to :func:`article_metadata`.
    rows:
        Rows of :func:`article_metadata`'s result (at least ``fragment`` and
        ``row``).

    Returns
    -------
    Corpus
        :func:`corpus_from_table` of those rows (all columns of the table),
        so the documents, blocks and texts of these articles are those of
        :func:`read_articles` on the whole table, except ``duplicate_of``,
        which can only see these articles (the Dask engine flags duplicates
        across the whole table afterwards).  Warnings about the metadata are
        not repeated (:func:`article_metadata` gave them).

    Method: for each Parquet file, only the row groups that hold the wanted
    rows are read and decompressed (``ParquetFileFragment.subset``), then the
    rows are taken; memory holds those row groups, not the table.  A row
    without a text, or with an empty one, is refused with a
    :class:`CorpusError` naming its file and row (counted from 1).
    """
    import numpy as np

    p = Path(path)
    dataset = _parquet_dataset(p)
    used = _columns(dataset.schema.names, p)
    wanted = {str(f): sorted(int(r) for r in g) for f, g in rows.groupby("fragment", sort=True)["row"]}
    frames = []
    try:
        for fragment in dataset.get_fragments():
            if str(fragment.path) not in wanted:
                continue
            want = np.asarray(wanted[str(fragment.path)], dtype=np.int64)
            ends = np.cumsum([rg.num_rows for rg in fragment.row_groups])
            starts = ends - np.asarray([rg.num_rows for rg in fragment.row_groups])
            groups = sorted(set(np.searchsorted(ends, want, side="right").tolist()))
            table = fragment.subset(row_group_ids=groups).to_table(schema=dataset.schema, columns=list(used), use_threads=False)
            offsets = np.concatenate([[0], np.cumsum([ends[g] - starts[g] for g in groups])])
            local = [int(offsets[groups.index(g)] + r - starts[g]) for r, g in zip(want, np.searchsorted(ends, want, side="right"))]
            frame = _parquet_frame(table.take(local))
            for r, text in zip(want, frame[[k for k, v in used.items() if v == "text"][0]]):
                if not isinstance(text, str) or not text.strip():
                    what = "no text" if text is None or isinstance(text, float) else "empty text" if isinstance(text, str) else "text that is not a string"
                    raise CorpusError(
                        fragment.path, f"has {what} in row {int(r) + 1}", "put each article's text in the 'text' column or drop those rows"
                    )
            frames.append(frame)
    except CorpusError:
        raise
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError ...
        raise _read_error(p, "parquet", err) from None
    if not frames:
        raise CorpusError(p, "has none of the rows asked for", "give rows of article_metadata() of this table")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus_from_table(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0], path=p)


def corpus_to_table(corpus: Corpus) -> pd.DataFrame:
    """A corpus as a table of articles (the inverse of :func:`corpus_from_table`).

    Columns ``doc_id, text`` then the metadata columns of
    :attr:`Corpus.documents` that :func:`corpus_from_table` reads (``file``,
    ``outlet`` ... ``title``), one row per article, sorted by ``doc_id``.
    Reading the table back gives the same documents, blocks and texts.
    """
    docs = corpus.documents
    meta = [c for c in ARTICLE_COLUMNS if c not in ("doc_id", "text") and c in docs.columns]
    out = docs[["doc_id", *meta]].copy()
    out.insert(1, "text", [corpus.texts[d] for d in out["doc_id"]])
    return out.sort_values("doc_id", ignore_index=True)


# -- writing outputs -------------------------------------------------------------------------------


def partition_name(event: object) -> str:
    """The folder of one event's partition: ``event=`` and the key, percent-encoded.

    Every character but ASCII letters, digits and ``-`` is written as
    ``%XX`` (the UTF-8 bytes of the character), so the name holds no path
    separator, dot, space, control or markup character and hive readers
    (pyarrow, pandas, Dask, Spark, DuckDB) decode it back to the key:
    ``"2021-07-27 Talks"`` -> ``event=2021-07-27%20Talks``.  A key whose
    encoding is over :data:`MAX_PARTITION_BYTES` (200) bytes gets
    ``event=`` and :func:`~claimcompare.names.safe_filename` of it instead
    (readable, cut, with a hash; hive readers then see that name, and
    :func:`read_table` still gives the key).  A missing or empty key gives
    ``event=`` + :data:`DEFAULT_PARTITION`, which hive readers read as a
    missing value (an ``_`` in a key is always encoded, so no key gives it).
    """
    key = _as_key(event)
    if key is None:
        return f"event={DEFAULT_PARTITION}"
    encoded = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else _percent(ch) for ch in key)
    if len(encoded) > MAX_PARTITION_BYTES:
        return f"event={safe_filename(key)}"
    return f"event={encoded}"


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def _as_key(event: object) -> str | None:
    if event is None or (isinstance(event, float) and math.isnan(event)) or event is pd.NA:
        return None
    key = str(event)
    return key if key != "" else None


def with_event(table: pd.DataFrame, sentences: pd.DataFrame, *, doc: str = "doc_id", sent: str = "sent_id") -> pd.DataFrame:
    """``table`` with an ``event`` column last: the event of the sentence ``(table[doc], table[sent])``.

    ``sentences`` is the sentences table (:func:`claimcompare.sentences_table`,
    whose ``event`` column is the event of each sentence's passage).  For
    the alignment table use ``doc="doc_a", sent="sent_a"``; for
    :func:`~claimcompare.align.statement_clusters` the defaults.  Rows whose
    sentence is not in ``sentences`` get ``""``.
    """
    event_of = sentences.set_index(["doc_id", "sent_id"])["event"]
    keys = pd.MultiIndex.from_arrays([table[doc], table[sent]])
    out = table.copy()
    out["event"] = event_of.reindex(keys).fillna("").astype(object).to_numpy()
    return out


def write_table(
    table: pd.DataFrame,
    path: str | Path,
    *,
    partition_by: str = "event",
    sort_by: Sequence[str] | None = None,
    compression: str = "zstd",
    row_group_size: int = 100_000,
) -> Path:
    """Write ``table`` as Parquet partitioned by ``partition_by`` into the folder ``path``; returns ``path``.

    One file per value, hive style: ``path/event=<partition_name>/part-0.parquet``
    holding the other columns, and ``path/_table.json`` listing the
    partitions (``event`` as given, ``partition``, ``rows``), the columns
    and the sort order, which :func:`read_table` and :func:`table_events`
    read.  Rows are sorted by ``sort_by`` (default: every column, left to
    right) with a stable sort, so the same table in any row order gives
    byte-identical files; the index is not written.  Two keys whose folder
    names differ only in case (one folder on a case-insensitive file system)
    are told apart: the later one, in sorted order, is named by
    :func:`~claimcompare.names.safe_filename` of the key and a number
    (readable, with a hash; :func:`read_table` reads it by its key all the same).

    ``path`` is created; if it holds an earlier table written here (a
    ``_table.json``), its partitions are replaced (stale ones removed);
    a folder holding anything else is refused (:class:`CorpusError`), and
    nothing in it is touched.
    """
    pa, pq, _ = _pyarrow(path, "Parquet output needs pyarrow")
    out = Path(path)
    if partition_by not in table.columns:
        raise ValueError(f"table has no column {partition_by!r} to partition by")
    order = list(sort_by) if sort_by is not None else list(table.columns)
    _clear(out)
    data = table.sort_values(order, kind="stable").reset_index(drop=True) if len(table) else table.reset_index(drop=True)
    raw = data[partition_by].tolist()
    keys = [_as_key(v) for v in raw]
    body = data.drop(columns=partition_by)
    schema = pa.Schema.from_pandas(body, preserve_index=False)
    groups: dict[str | None, list[int]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    parts = []
    taken: set[str] = set()
    for key in sorted(groups, key=lambda k: (k is not None, k or "")):
        name = partition_name(key)
        k = 1
        while name.lower() in taken:  # e.g. "Talks" and "talks" on a case-insensitive file system
            tagged = f"{key or ''}#{k}"  # safe_filename of it: readable, with a hash of the key and k
            name = f"event={safe_filename(tagged)}"
            k += 1
        taken.add(name.lower())
        rows = body.iloc[groups[key]]
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        arrow = pa.Table.from_pandas(rows, schema=schema, preserve_index=False)
        tmp = folder / (_PART + ".tmp")
        pq.write_table(arrow, tmp, compression=compression, row_group_size=row_group_size)
        os.replace(tmp, folder / _PART)
        first = raw[groups[key][0]]
        parts.append({"event": key if key is not None else ("" if first == "" else None), "partition": name, "rows": len(rows)})
    manifest = {
        "format": "claimcompare table 1",
        "partition_by": partition_by,
        "sort_by": order,
        "columns": [str(c) for c in table.columns],
        "partitions": parts,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return out


def _clear(out: Path) -> None:
    """Empty ``out`` of an earlier table written by :func:`write_table`; refuse a folder holding anything else."""
    if not out.exists():
        return
    if not out.is_dir():
        raise CorpusError(out, "exists and is not a folder", "give a new or empty folder for the table")
    entries = list(out.iterdir())
    if not entries:
        return
    if not (out / MANIFEST).is_file():
        raise CorpusError(out, "is not empty and is not a table written by claimcompare", "give a new or empty folder")
    ours = [e for e in entries if e.name == MANIFEST or (e.is_dir() and e.name.startswith("event="))]
    foreign = [e.name for e in entries if e not in ours]
    inside = [q for e in ours if e.is_dir() for q in e.iterdir() if q.name not in (_PART, _PART + ".tmp")]
    if foreign or inside:
        shown = ", ".join(sorted(foreign + [str(q.relative_to(out)) for q in inside])[:5])
        raise CorpusError(out, f"holds files that are not part of its table ({shown})", "move them out, or give a new folder")
    for e in ours:
        if e.is_dir():
            for q in e.iterdir():
                q.unlink()
            e.rmdir()
        else:
            e.unlink()


def _manifest(path: str | Path) -> dict:
    p = Path(path)
    if not p.exists():
        raise CorpusError(p, "does not exist", "give the folder write_table (or --out-dir) wrote")
    try:
        return json.loads((p / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CorpusError(p, f"is not a table written by claimcompare (no readable {MANIFEST})", "give the folder write_table (or --out-dir) wrote") from None


def table_events(path: str | Path) -> pd.DataFrame:
    """The partitions of a table written by :func:`write_table`: columns ``event``, ``partition``, ``rows``.

    ``event`` is the key as written (``""`` or None for rows without one);
    read from ``_table.json`` only, no Parquet file is opened.  Sorted by
    event, the rows without one first.
    """
    parts = _manifest(path)["partitions"]
    return pd.DataFrame(parts, columns=["event", "partition", "rows"]).astype({"rows": "int64"})


def read_table(path: str | Path, *, event: object = ..., columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table`: every event, or one (``event=``) without opening the others.

    Parameters
    ----------
    path:
        The folder :func:`write_table` (or ``--out-dir DIR`` then the
        table's name) wrote.
    event:
        An event key (as in the table's ``event`` column; ``None`` or ``""``
        for the rows without an event): only that partition's file is read.
        Omitted: all partitions.
    columns:
        Only these columns (Parquet reads nothing else from disk).

    Returns
    -------
    pandas.DataFrame
        The rows with the columns as written (the ``event`` column put back
        from the manifest, with the keys as given), sorted as written (by
        the manifest's ``sort_by``), index 0..n-1, pandas' default dtypes for
        the Parquet types (``str`` for text).  An event with no partition is
        a :class:`CorpusError` naming how many events there are.
    """
    _, pq, _ = _pyarrow(path, "is a Parquet table")
    p = Path(path)
    manifest = _manifest(p)
    key_col = manifest["partition_by"]
    cols = list(columns) if columns is not None else list(manifest["columns"])
    unknown = [c for c in cols if c not in manifest["columns"]]
    if unknown:
        raise CorpusError(p, f"has no column {', '.join(map(repr, unknown))}", f"choose among {', '.join(manifest['columns'])}")
    file_cols = [c for c in cols if c != key_col]
    parts = manifest["partitions"]
    if event is not ...:
        want = _as_key(event)
        parts = [r for r in parts if _as_key(r["event"]) == want]
        if not parts:
            raise CorpusError(
                p, f"has no partition for event {event!r} ({len(manifest['partitions'])} events)", "list them with table_events(path)"
            )
    frames = []
    for r in parts:
        file = p / r["partition"] / _PART
        frame = _read_part(pq, file, file_cols).to_pandas()
        if key_col in cols:
            frame[key_col] = pd.Series([r["event"]] * len(frame), dtype=object)
        frames.append(frame[cols])
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    out = pd.concat(frames, ignore_index=True)
    order = [c for c in manifest["sort_by"] if c in out.columns]
    if len(frames) > 1 and order:
        out = out.sort_values(order, kind="stable", ignore_index=True)
    return out


# -- the outputs folder: written in one call, read one event at a time ------------------------------

#: The tables of an outputs folder (``claimcompare align ... --format parquet --out-dir DIR``), in the order written.
OUTPUT_TABLES: tuple[str, ...] = ("documents", "sentences", "links", "statements")
#: Sort order of each table in the outputs folder (the rows of one event are read back in this order).
OUTPUT_ORDER: dict[str, list[str]] = {
    "documents": ["event", "doc_id"],
    "sentences": ["doc_id", "sent_id"],
    "links": ["doc_a", "doc_b", "sent_a", "sent_b"],
    "statements": ["cluster", "doc_id", "sent_id"],
}
_NOT_OUTPUTS = "give the folder written by claimcompare align ... --format parquet --out-dir DIR (or tables.write_outputs)"


def document_events(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The documents of each event: one row per (document, event its sentences report).

    Parameters
    ----------
    documents:
        :attr:`claimcompare.corpus.Corpus.documents` (``doc_id``, ``file``,
        ``outlet`` ... one row per document).
    sentences:
        The sentences table (:func:`claimcompare.sentences_table`), whose
        ``event`` column is the event of each sentence's passage
        (:func:`claimcompare.passages.passage_events`).

    Returns
    -------
    pandas.DataFrame
        The columns of ``documents``, then ``n_sentences`` (int, the
        document's sentences about that event, every role) and ``event``
        (the key as in the sentences table; ``""`` for no event).  A document
        whose passages report two events has two rows; a document with no
        sentence in ``sentences`` has one row, event ``""`` and 0 sentences.
        Sorted by ``event``, then ``doc_id``.  This is the ``documents``
        table of an outputs folder: partitioned by ``event``, the partition
        of one event lists exactly the documents that have sentences in that
        event's ``sentences`` partition.
    """
    keys = sentences["event"].astype(object).where(sentences["event"].notna(), "").astype(str)
    counts = (
        pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy(), "event": keys.to_numpy()})
        .groupby(["doc_id", "event"], sort=True).size().rename("n_sentences").reset_index()
    )  # fmt: skip
    out = documents.merge(counts, on="doc_id", how="left")
    out["event"] = out["event"].fillna("").astype(object)
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    out = out[[*documents.columns, "n_sentences", "event"]]
    return out.sort_values(["event", "doc_id"], kind="stable", ignore_index=True)


def _doc_ids(values: pd.Series, where: str | Path, first_row: int = 0) -> list[str]:
    """The ``doc_id`` cells as text; one-line errors for a missing or repeated id (rows numbered from ``first_row``)."""
    ids = [_as_text(v) for v in values]
    missing = [i for i, v in enumerate(ids) if v is None]
    if missing:
        raise CorpusError(where, f"has no doc_id in {_rows(i + first_row for i in missing)}", "give every article an id")
    seen: dict[str, int] = {}
    dup = sorted({d for i, d in enumerate(ids) if seen.setdefault(d, i) != i})
    if dup:
        raise CorpusError(where, f"repeats doc_id {', '.join(dup[:5])}", "give every article its own doc_id")
    return ids


def with_files(table: pd.DataFrame, documents: pd.DataFrame, pairs: dict[str, str]) -> pd.DataFrame:
    """``table`` with, for each id column in ``pairs`` (``{"doc_id": "file"}``), the document's file right after it.

    ``documents`` needs ``doc_id`` and ``file`` (a corpus's documents table);
    ``pairs`` maps an id column of ``table`` to the name of the new column,
    e.g. ``{"doc_a": "file_a", "doc_b": "file_b"}`` for an alignment table.
    Returns a copy; an id with no document gets a missing file.
    """
    file_of = dict(zip(documents["doc_id"], documents["file"]))
    out = table.copy()
    for id_col, file_col in pairs.items():
        out.insert(out.columns.get_loc(id_col) + 1, file_col, out[id_col].map(file_of).astype("object"))
    return out


def write_outputs(
    out_dir: str | Path, documents: pd.DataFrame, sentences: pd.DataFrame, links: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Write a corpus's outputs as Parquet partitioned by event (what ``align --format parquet --out-dir`` writes).

    Parameters
    ----------
    out_dir:
        The folder; each table goes to ``out_dir/<name>`` with
        :func:`write_table` (a rewrite replaces an earlier one; a folder
        holding anything else is refused).
    documents:
        :attr:`claimcompare.corpus.Corpus.documents`.
    sentences:
        :func:`claimcompare.sentences_table` of the corpus.
    links:
        The alignment table (:func:`claimcompare.align.align_corpus`,
        :data:`claimcompare.align.ALIGNMENT_COLUMNS`), or None to write the
        documents and sentences only.

    Tables written (:data:`OUTPUT_TABLES`), each with an ``event`` column
    and sorted by :data:`OUTPUT_ORDER`:

    - ``documents``: :func:`document_events` (a document once per event its
      sentences report);
    - ``sentences``: the sentences table with ``file`` after ``doc_id``;
    - ``links``: the alignment table with ``file_a`` after ``doc_a`` and
      ``file_b`` after ``doc_b`` (as ``claimcompare align`` prints it), and
      ``event``, the event of sentence ``(doc_a, sent_a)``;
    - ``statements``: :func:`claimcompare.align.statement_clusters` of the
      links (``cluster, doc_id, sent_id, text, n_docs, n_outlets``) and
      ``event``, the event of the sentence.

    Returns the tables written with their row counts: columns ``table``,
    ``rows``.  Read the folder back with :func:`open_outputs`.
    """
    from .align import statement_clusters

    tables: dict[str, pd.DataFrame] = {
        "documents": document_events(documents, sentences),
        "sentences": with_files(sentences, documents, {"doc_id": "file"}),
    }
    if links is not None:
        shown = with_files(links, documents, {"doc_a": "file_a", "doc_b": "file_b"})
        tables["links"] = with_event(shown, sentences, doc="doc_a", sent="sent_a")
        tables["statements"] = with_event(statement_clusters(links, documents), sentences)
    for name, table in tables.items():
        write_table(table, Path(out_dir) / name, sort_by=OUTPUT_ORDER[name])
    return pd.DataFrame({"table": list(tables), "rows": [len(t) for t in tables.values()]}).astype({"rows": "int64"})


@dataclass(frozen=True)
class EventTables:
    """The tables of one event, read from an outputs folder by :meth:`Outputs.event`.

    Attributes: ``event`` (the key), and the rows of that event's partition
    of each table (:func:`write_outputs` gives the columns): ``documents``,
    ``sentences``, ``links``, ``statements``.  A table the folder does not
    hold, or that has no rows for the event, is an empty DataFrame (with the
    table's columns when the folder holds it).
    """

    event: str
    documents: pd.DataFrame
    sentences: pd.DataFrame
    links: pd.DataFrame
    statements: pd.DataFrame

    def memory_usage(self) -> pd.DataFrame:
        """Memory the tables hold: columns ``table``, ``rows``, ``bytes``, in :data:`OUTPUT_TABLES` order.

        ``bytes`` is ``DataFrame.memory_usage(deep=True).sum()`` (strings
        counted in full, index included): the same tables give the same
        figure with the same Python and pandas.
        """
        frames = [getattr(self, name) for name in OUTPUT_TABLES]
        return pd.DataFrame(
            {"table": list(OUTPUT_TABLES), "rows": [len(f) for f in frames], "bytes": [int(f.memory_usage(deep=True).sum()) for f in frames]}
        ).astype({"rows": "int64", "bytes": "int64"})


@dataclass(frozen=True)
class Outputs:
    """An outputs folder opened by :func:`open_outputs`: the index of its events, and one event's tables on demand.

    Attributes
    ----------
    path:
        The folder.
    tables:
        The tables it holds, in :data:`OUTPUT_TABLES` order.
    events:
        One row per event: ``event`` (the key; ``""`` for sentences without
        an event), ``documents`` (documents with sentences about it),
        ``outlets`` (their distinct ``outlet`` values, a document without
        one counting as its own), ``sentences``, ``links``, ``statements``
        (rows of the event's partition of each table; 0 where it has none).
        Events proper first, most outlets first, then most documents, most
        sentences, then by key; then the passages about an event not listed
        in the metadata (:data:`claimcompare.passages.OTHER_EVENT`, ``"other"``)
        and those of no event (``""``), which are not one event each.
    """

    path: Path
    tables: tuple[str, ...]
    events: pd.DataFrame

    def event(self, key: str, *, columns: Mapping[str, Sequence[str]] | None = None) -> EventTables:
        """The tables of one event, each read from that event's partition alone (:func:`read_table` with ``event=key``).

        ``columns`` maps a table name to the columns to read (Parquet reads
        nothing else from disk), e.g. ``{"sentences": ["doc_id", "sent_id",
        "role"]}``; other tables are read whole.  No file of another event is
        opened.  A key that is not in :attr:`events` is a
        :class:`CorpusError` saying how many events there are.
        """
        columns = dict(columns or {})
        unknown = sorted(set(columns) - set(OUTPUT_TABLES))
        if unknown:
            raise ValueError(f"no table {unknown[0]!r} in an outputs folder (tables: {', '.join(OUTPUT_TABLES)})")
        want = _as_key(key) or ""
        if want not in set(self.events["event"]):
            raise CorpusError(self.path, f"has no event {key!r} ({len(self.events)} events)", "list them with open_outputs(path).events")
        frames: dict[str, pd.DataFrame] = {}
        for name in OUTPUT_TABLES:
            if name not in self.tables:
                frames[name] = pd.DataFrame()
                continue
            folder = self.path / name
            manifest = _manifest(folder)
            cols = list(columns.get(name, manifest["columns"]))
            if any((_as_key(r["event"]) or "") == want for r in manifest["partitions"]):
                frames[name] = read_table(folder, event=want, columns=cols)
            else:
                unknown_cols = [c for c in cols if c not in manifest["columns"]]
                if unknown_cols:
                    raise CorpusError(folder, f"has no column {', '.join(map(repr, unknown_cols))}", f"choose among {', '.join(manifest['columns'])}")
                frames[name] = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
        return EventTables(event=want, **frames)


def open_outputs(path: str | Path) -> Outputs:
    """Open an outputs folder: the index of its events, without reading any sentence, link or statement.

    Parameters
    ----------
    path:
        A folder written by ``claimcompare align ... --format parquet
        --out-dir DIR`` or :func:`write_outputs` (at least ``documents`` and
        ``sentences``).

    Returns
    -------
    Outputs
        ``events`` counts the rows of each event from the tables'
        ``_table.json`` manifests (no Parquet file opened) and its documents
        and outlets from the ``documents`` table's ``doc_id`` and ``outlet``
        columns (metadata, no text; the only Parquet read here).
        :meth:`Outputs.event` then reads one event's tables alone.

    A path that is missing or is not such a folder is a :class:`CorpusError`
    (one line naming it and what to give).
    """
    p = Path(path)
    if not p.is_dir():
        raise CorpusError(p, "does not exist" if not p.exists() else "is not a folder", _NOT_OUTPUTS)
    present = tuple(name for name in OUTPUT_TABLES if (p / name / MANIFEST).is_file())
    missing = [name for name in ("documents", "sentences") if name not in present]
    if missing:
        raise CorpusError(p, f"is not an outputs folder (no {' or '.join(missing)} table written by claimcompare)", _NOT_OUTPUTS)
    counts: dict[str, dict[str, int]] = {}
    for name in present:
        per = counts.setdefault(name, {})
        for r in _manifest(p / name)["partitions"]:
            k = _as_key(r["event"]) or ""
            per[k] = per.get(k, 0) + int(r["rows"])
    docs = _event_columns(p / "documents", ("doc_id", "outlet"))
    keys = sorted(set().union(*(set(c) for c in counts.values())))
    if len(docs):
        ev = docs["event"].map(lambda v: _as_key(v) or "")
        outlet = docs["outlet"] if "outlet" in docs.columns else pd.Series([None] * len(docs), dtype=object)
        own = [o if isinstance(o, str) and o.strip() else f"\x00{d}" for o, d in zip(outlet, docs["doc_id"].astype(str))]
        per_event = pd.DataFrame({"event": ev.to_numpy(), "doc_id": docs["doc_id"].astype(str).to_numpy(), "outlet": own})
        n_docs = per_event.groupby("event")["doc_id"].nunique().to_dict()
        n_outlets = per_event.groupby("event")["outlet"].nunique().to_dict()
    else:
        n_docs, n_outlets = {}, {}
    events = pd.DataFrame(
        {
            "event": pd.Series(keys, dtype=object),
            "documents": [n_docs.get(k, 0) for k in keys],
            "outlets": [n_outlets.get(k, 0) for k in keys],
            **{name: [counts.get(name, {}).get(k, 0) for k in keys] for name in ("sentences", "links", "statements")},
        }
    ).astype({c: "int64" for c in ("documents", "outlets", "sentences", "links", "statements")})
    from .passages import NO_EVENT, OTHER_EVENT

    pseudo = {OTHER_EVENT: 1, NO_EVENT: 2}  # an unlisted event, then no event: after the events proper
    events = (
        events.assign(_rank=events["event"].map(lambda k: pseudo.get(k, 0)))
        .sort_values(["_rank", "outlets", "documents", "sentences", "event"], ascending=[True, False, False, False, True], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
    return Outputs(path=p, tables=present, events=events)


def _read_part(pq, file: Path, columns: list[str]):  # type: ignore[no-untyped-def]
    """One partition file's ``columns`` as a pyarrow table (``ParquetFile.read``: no dataset built per file)."""
    try:
        with pq.ParquetFile(file) as part:
            return part.read(columns=columns, use_threads=False)
    except Exception as err:
        raise _read_error(file, "parquet", err) from None


def _event_columns(folder: Path, columns: Sequence[str]) -> pd.DataFrame:
    """``columns`` (those the table has) of every partition of a :func:`write_table` folder, and its ``event`` key.

    A file at a time with ``ParquetFile.read`` (a pyarrow dataset over
    thousands of partition files takes far more memory to discover them),
    each row's event the manifest's key of its partition.
    """
    _, pq, _ = _pyarrow(folder, "is a Parquet table")
    manifest = _manifest(folder)
    cols = [c for c in columns if c in manifest["columns"]]
    parts, keys = [], []
    for r in manifest["partitions"]:
        part = _read_part(pq, folder / r["partition"] / _PART, cols)
        parts.append(part)
        keys.extend([_as_key(r["event"]) or ""] * part.num_rows)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ["event", *cols]})
    import pyarrow as pa

    frame = _parquet_frame(pa.concat_tables(parts, promote_options="permissive"))
    frame.insert(0, "event", pd.Series(keys, dtype=object))
    return frame

"""The ``claimcompare`` command line.

    claimcompare segment PATH [--format csv|csv-exact|json|parquet] [--out-dir DIR] [--pattern GLOB] [--skip-unreadable]
                              [--follow-links] [--max-bytes N]
    claimcompare align FOLDER [--format csv|csv-exact|json|parquet] [--out-dir DIR] [--pattern GLOB] [--skip-unreadable]
                              [--follow-links] [--max-bytes N] [--min-score X] [--aligner learned|rules]
                              [--semantic auto|on|off] [--engine local|dask [--scheduler ADDRESS] [--spill-dir DIR]]
    claimcompare evaluate [--corpus FOLDER] [--gold CSV] [--max-bytes N] [--semantic auto|on|off]
    claimcompare evaluate --benchmark FOLDER [--split train|test] [--csv PATH]
    claimcompare report FOLDER [--out FOLDER] [--pattern GLOB]
    claimcompare sources FOLDER [--window-days N] > FOLDER/sources.csv

``--aligner``: ``learned`` (default, :data:`claimcompare.aligner.DEFAULT_ALIGNER`)
is the learned link model, lexical, with ``--min-score`` its probability
threshold; ``rules`` the scoring rules of :func:`claimcompare.align.align_corpus`
(:func:`claimcompare.aligner.align_with` runs either).
``--semantic``: the rules' scoring backend (see :func:`claimcompare.embeddings.resolve_encoder`);
``auto`` (default) is hybrid when the embeddings extra is installed, lexical
otherwise; a hybrid run says so on standard error (``align``), ``--semantic on``
with the learned aligner is an input error, and
``evaluate`` names the rules' backend in its second line.  ``--pattern`` and
``--skip-unreadable`` are :func:`~claimcompare.corpus.load_corpus`'s
``pattern`` and ``on_error="skip"``; without the latter, the message about an
unreadable article file names it (not the messages about ``sources.csv`` or
the folder, which skipping would not mend).  ``--max-bytes`` is their
``max_bytes``, and the over-size message names it.  ``--follow-links`` is ``follow_links=True``: read
articles that are links to files outside the folder (by default they are named
in a warning and not read).

Each row names its file: ``segment`` prints the sentences table with a
``file`` column after ``doc_id``; ``align`` prints the alignment table with
``file_a`` after ``doc_a`` and ``file_b`` after ``doc_b`` (the ``file`` column
of :attr:`~claimcompare.corpus.Corpus.documents`: the name in the folder).

Tables of articles: wherever a folder is accepted (``segment``, ``align``),
a FILE ending in ``.parquet``, ``.pq``, ``.csv``, ``.jsonl`` or ``.ndjson`` is
read as a table of articles (:func:`claimcompare.tables.read_articles`:
``doc_id``, ``text`` and the metadata columns of ``sources.csv``); a folder
stays a folder of articles, and a ``.csv`` inside it is still its
``sources.csv``.  ``--format parquet --out-dir DIR`` writes the outputs as
Parquet partitioned by event instead of printing them
(:func:`claimcompare.tables.write_table`): ``DIR/sentences`` (both
commands), ``DIR/documents``, ``DIR/links`` and ``DIR/statements``
(``align``, :func:`claimcompare.tables.write_outputs`), with the same
columns as printed (``documents``: :func:`claimcompare.tables.document_events`;
``statements``: :func:`claimcompare.align.statement_clusters`) plus
``event``; a line on standard error says what was written.  Notebooks read
such a folder one event at a time with :func:`claimcompare.tables.open_outputs`.

Tables go to standard output: ``csv`` (default) is CSV for spreadsheets, text
cells that would run as a formula prefixed with ``'``
(:func:`claimcompare.spreadsheet.to_spreadsheet_csv`; offsets unchanged);
``csv-exact`` and ``json`` (an array of records) give every cell exactly.
Problems with the input, and an output that cannot be written (disk full),
are one line on standard error naming the file and what to do, with exit
code 2; control characters in file names are escaped
(:func:`claimcompare.errors.one_line`).  A reader that stops early (``|
head``) ends the command quietly, exit code 0.  Warnings are one line each,
prefixed ``claimcompare: warning:``.  The command line reads files, not
standard input: ``-`` is refused (ids and offsets come from a named file); a
path that begins with ``-`` goes after ``--``.  Pipes and devices are refused
(:func:`~claimcompare.corpus.read_article`).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .align import DEFAULT_MIN_SCORE, candidate_pairs
from .aligner import ALIGNERS, DEFAULT_ALIGNER, LinkModel, align_with
from .embeddings import HYBRID_MIN_SCORE, MissingExtraError, backend_description, resolve_encoder
from .corpus import DEFAULT_MAX_BYTES, Corpus, corpus_from_texts, load_corpus, read_article, sentences_table
from .errors import CorpusError, one_line
from .evaluate import (
    baseline_alignment,
    cross_validate,
    evaluate_benchmark,
    load_gold,
    pooled_scores,
    score_alignment,
    threshold_sweep,
)
from .names import doc_id_from_name
from .spreadsheet import to_spreadsheet_csv
from .tables import article_metadata, is_parquet_table, is_table_path, read_articles, with_event, with_files, write_outputs, write_table

EXIT_INPUT_ERROR = 2
_GOLD = Path("tests") / "gold" / "alignment-2021-07-27.csv"


#: Name of the metadata table the command line reads beside the articles (load_corpus's default).
_SOURCES = "sources.csv"


class _OutputError(CorpusError):
    """Standard output cannot be written (disk full, device error): exit 2, one line."""


def _emit(write: object, *args: object, **kwargs: object) -> None:
    """Call ``write(*args, **kwargs)`` on standard output and flush; a write error becomes :class:`_OutputError`.

    A reader that went away (:class:`BrokenPipeError`) is left to :func:`main`, which ends quietly.
    """
    try:
        write(*args, **kwargs)  # type: ignore[operator]
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise _OutputError(
            None,
            f"cannot write to standard output ({err.strerror or err})",
            "free space where the output goes, or send it elsewhere",
        ) from None


def _print(*values: object) -> None:
    _emit(sys.stdout.write, " ".join(map(str, values)) + "\n")


def _write(table: pd.DataFrame, fmt: str) -> None:
    """``table`` on standard output: ``csv`` for spreadsheets, ``csv-exact`` or ``json`` exactly."""
    if fmt == "json":
        _emit(sys.stdout.write, table.to_json(orient="records", force_ascii=False) + "\n")
    elif fmt == "csv-exact":
        _emit(table.to_csv, sys.stdout, index=False, lineterminator="\n")
    else:
        _emit(to_spreadsheet_csv, table, sys.stdout, index=False)


def _check_path(path: str) -> None:
    """Refuse ``-`` (standard input): articles are read from named files."""
    if path == "-":
        raise CorpusError(
            None,
            "standard input (-) is not read: ids and offsets come from a named file",
            "save the article to a .txt file and give its path (a file named '-' goes as ./-)",
        )


def _check_pattern(pattern: str) -> None:
    """Refuse a ``--pattern`` that :meth:`pathlib.PurePath.match` cannot use ('' or '.')."""
    try:
        Path("article.txt").match(pattern)
    except ValueError as err:
        raise CorpusError(None, f"--pattern {pattern!r}: {err}", "give a glob such as '*.txt' or '*.html'") from None


def _load(folder: Path, args: argparse.Namespace) -> Corpus:
    """:func:`load_corpus` with ``--pattern``, ``--skip-unreadable`` and ``--max-bytes``.

    The message about an unreadable article file names ``--skip-unreadable``;
    those about ``sources.csv`` or the folder itself do not (skipping would
    not help them).
    """
    _check_pattern(args.pattern)
    skip = args.skip_unreadable
    try:
        return load_corpus(
            folder, pattern=args.pattern, on_error="skip" if skip else "raise", follow_links=args.follow_links,
            max_bytes=args.max_bytes,
        )  # fmt: skip
    except CorpusError as err:
        if skip or err.path is None or Path(err.path).parent != folder or Path(err.path).name == _SOURCES:
            raise
        option = "rerun with --skip-unreadable to leave it out"
        remedy = err.cli_remedy or err.remedy
        raise CorpusError(err.path, err.problem, f"{remedy}, or {option}" if remedy else option) from None


def _sentences_of(path: Path, args: argparse.Namespace) -> pd.DataFrame:
    """The sentences table of a file, folder or table of articles, with the ``file`` column after ``doc_id``."""
    if path.is_dir() or is_table_path(path):
        corpus = _corpus_of(path, args)
    elif not path.exists():
        raise CorpusError(path, "does not exist", "give the path of a .txt article or of a folder of them")
    else:
        doc_id = doc_id_from_name(path.stem)
        text = read_article(path, max_bytes=args.max_bytes)
        corpus = corpus_from_texts({doc_id: text}, pd.DataFrame({"doc_id": [doc_id], "file": [path.name]}))
    return with_files(sentences_table(corpus), corpus.documents, {"doc_id": "file"})


def _corpus_of(path: Path, args: argparse.Namespace) -> Corpus:
    """A folder of articles (:func:`_load`), or a table of articles when ``path`` is a file with a table's suffix."""
    if is_table_path(path):
        return read_articles(path)
    return _load(path, args)


def _check_out_dir(args: argparse.Namespace) -> None:
    """``--format parquet`` and ``--out-dir`` go together."""
    if args.format == "parquet" and not args.out_dir:
        raise CorpusError(None, "--format parquet writes files: give --out-dir DIR", "or choose csv, csv-exact or json for standard output")
    if args.out_dir and args.format != "parquet":
        raise CorpusError(None, "--out-dir needs --format parquet", "add --format parquet, or leave out --out-dir to print the table")


def _write_parquet(out_dir: str, tables: dict[str, tuple[pd.DataFrame, list[str]]]) -> None:
    """Each ``name: (table, sort_by)`` as Parquet partitioned by event in ``out_dir/name``; one line on standard error."""
    for name, (table, order) in tables.items():
        write_table(table, Path(out_dir) / name, sort_by=order)
    counts = ", ".join(f"{name} ({len(t):,} rows)" for name, (t, _) in tables.items())
    print(f"claimcompare: wrote {counts} to {out_dir} (Parquet, partitioned by event)", file=sys.stderr)


def _cmd_segment(args: argparse.Namespace) -> None:
    _check_path(args.path)
    _check_out_dir(args)
    sentences = _sentences_of(Path(args.path), args)
    if args.format == "parquet":
        _write_parquet(args.out_dir, {"sentences": (sentences, ["doc_id", "sent_id"])})
    else:
        _write(sentences, args.format)


def _align_dask(corpus: Corpus | Path, args: argparse.Namespace) -> pd.DataFrame:
    """``--engine dask``: :func:`claimcompare.engine.align_corpus_dask`; a missing extra or an unreachable scheduler is one line.

    ``corpus``: a corpus read here, or the path of a Parquet table, which the
    engine's tasks read in parts (the texts never pass through this process).
    """
    from .engine import MissingDaskError, align_corpus_dask

    try:
        # The rules' backend by name: each worker resolves it (an encoder object need not be picklable); the learned aligner is lexical.
        backend = {"semantic": args.semantic} if args.aligner == "rules" else {}
        return align_corpus_dask(corpus, scheduler=args.scheduler, spill_dir=args.spill_dir, aligner=args.aligner, min_score=args.min_score, **backend)
    except MissingDaskError as err:
        raise CorpusError(None, f"--engine dask: {err}", "or use --engine local (the default)") from None
    except OSError as err:  # distributed: "Timed out trying to connect to tcp://..."
        where = args.scheduler or "the local cluster"
        raise CorpusError(None, f"--engine dask: cannot reach {where} ({one_line(str(err))})", "check the --scheduler address, or leave it out for a local cluster") from None


def _cmd_align(args: argparse.Namespace) -> None:
    _check_path(args.folder)
    if args.scheduler and args.engine != "dask":
        raise CorpusError(None, "--scheduler is an option of --engine dask", "add --engine dask, or leave --scheduler out")
    if args.spill_dir and args.engine != "dask":
        raise CorpusError(None, "--spill-dir is an option of --engine dask", "add --engine dask, or leave --spill-dir out")
    _check_out_dir(args)
    parquet = args.format == "parquet"
    if args.engine == "dask" and not parquet and is_parquet_table(args.folder):
        # A Parquet table on the Dask engine: only its metadata is read here (the file column of the output).
        _align_encoder(args)  # checks --semantic against --aligner; names a hybrid backend
        links = _align_dask(Path(args.folder), args)
        documents = article_metadata(args.folder)
        files = documents["file"] if "file" in documents else pd.Series([None] * len(documents), dtype=object)
        documents = documents.assign(file=files.where(files.notna(), documents["doc_id"]))  # as corpus_from_texts fills it
        _write(with_files(links, documents, {"doc_a": "file_a", "doc_b": "file_b"}), args.format)
        return
    corpus = _corpus_of(Path(args.folder), args)
    sentences = sentences_table(corpus) if args.engine != "dask" or parquet else None
    encoder = _align_encoder(args)
    if args.engine == "dask":
        links = _align_dask(corpus, args)
    else:
        links = align_with(args.aligner, sentences, corpus.documents, min_score=args.min_score, semantic=encoder, show_progress=None)
    table = with_files(links, corpus.documents, {"doc_a": "file_a", "doc_b": "file_b"})
    if not parquet:
        _write(table, args.format)
        return
    written = write_outputs(args.out_dir, corpus.documents, sentences, links)
    counts = ", ".join(f"{name} ({rows:,} rows)" for name, rows in written.itertuples(index=False))
    print(f"claimcompare: wrote {counts} to {args.out_dir} (Parquet, partitioned by event)", file=sys.stderr)


def _align_encoder(args: argparse.Namespace) -> object | None:
    """The scoring backend of ``align``: the rules' encoder of ``--semantic`` (the hybrid named on standard error); ``None`` for the learned model.

    The learned model is lexical: ``--semantic on`` with it is an input problem, ``auto`` is lexical.
    """
    if args.aligner == "learned":
        if args.semantic == "on":
            raise CorpusError(None, "--semantic on: the learned aligner is lexical", "add --aligner rules for the hybrid backend, or leave --semantic out")
        return None
    encoder = _encoder(args.semantic)
    if encoder is not None:  # the lexical default goes unsaid; the hybrid is named
        print(f"claimcompare: note: backend {backend_description(encoder)}", file=sys.stderr)
    return encoder


def _encoder(semantic: str) -> object | None:
    """The encoder of ``--semantic``; a missing extra is an input problem (exit 2), not a traceback."""
    try:
        return resolve_encoder(semantic)
    except MissingExtraError as err:
        raise CorpusError(None, f"--semantic {semantic}: {err}", "install the extra or use --semantic off") from None


def _project_file(rel: Path) -> Path:
    """``rel`` under the working directory, else under the checkout of this package."""
    here = Path.cwd() / rel
    if here.exists():
        return here
    return Path(__file__).resolve().parents[2] / rel


def _cmd_benchmark(args: argparse.Namespace) -> None:
    """Per event and pooled scores of the default aligner and the baseline on a benchmark folder."""
    encoder = _encoder(args.semantic)
    methods = {
        "learned": lambda s, d: align_with("learned", s, d),
        "rules": lambda s, d: align_with("rules", s, d, semantic=encoder),
        "baseline": lambda s, d: baseline_alignment(s, d),
    }
    table = evaluate_benchmark(args.benchmark, methods=methods, split=args.split)
    n_events = table["event"].nunique()
    print(f"benchmark: {Path(args.benchmark).name}  ({n_events} events; learned: the default aligner; rules: backend {backend_description(encoder)})")
    print("P: precision counting sure and related links as right; R: recall of sure links; "
          "strict: only sure links right (Och and Ney 2003 sure/possible scoring)")  # fmt: skip
    cols = ["precision", "recall", "f1", "strict_precision", "strict_f1", "predicted", "sure"]
    head = f"{'event':<52} {'split':<6} {'method':<13} {'P':>6} {'R':>6} {'F1':>6} {'strictP':>7} {'strictF1':>8} {'links':>6} {'sure':>5}"
    print(head)

    def line(name: str, split: str, method: str, m: dict | pd.Series) -> str:
        p, r, f, spr, sf, n, sure = (m[c] for c in cols)
        return f"{name:<52} {split:<6} {method:<13} {p:6.3f} {r:6.3f} {f:6.3f} {spr:7.3f} {sf:8.3f} {int(n):6d} {int(sure):5d}"

    for row in table.sort_values(["event", "method"], kind="stable").itertuples(index=False):
        print(line(row.event, row.split, row.method, row._asdict()))
    for split in sorted(set(table["split"])):
        part = table[table["split"] == split]
        for row in pooled_scores(part).itertuples(index=False):
            print(line(f"pooled ({row.events} events)", split, row.method, row._asdict()))
    if args.split is None and table["split"].nunique() > 1:
        for row in pooled_scores(table).itertuples(index=False):
            print(line(f"pooled ({row.events} events)", "all", row.method, row._asdict()))
    if args.csv:
        table.to_csv(args.csv, index=False, float_format="%.4f")


def _cmd_evaluate(args: argparse.Namespace) -> None:
    if args.benchmark:
        _cmd_benchmark(args)
        return
    corpus_dir = Path(args.corpus) if args.corpus else _project_file(Path("seeds"))
    gold_path = Path(args.gold) if args.gold else _project_file(_GOLD)
    corpus = load_corpus(corpus_dir, max_bytes=args.max_bytes)
    gold = load_gold(gold_path)
    sentences = sentences_table(corpus)
    docs = sorted(set(gold["doc_a"]) | set(gold["doc_b"]))
    missing = [d for d in docs if d not in set(corpus.documents["doc_id"])]
    if missing:
        raise CorpusError(gold_path, f"names documents not in {corpus_dir}: {', '.join(missing)}", "check --corpus")
    pairs = candidate_pairs(sentences, corpus.documents)
    encoder = _encoder(args.semantic)
    learned = score_alignment(align_with("learned", sentences, corpus.documents, pairs=pairs), sentences, gold)
    rules = score_alignment(align_with("rules", sentences, corpus.documents, pairs=pairs, semantic=encoder), sentences, gold)
    sweep = threshold_sweep(sentences, gold, corpus.documents)
    best = sweep.sort_values(["f1", "threshold"], ascending=[False, True]).iloc[0]
    fixed = sweep.loc[(sweep["threshold"] - 0.3).abs() < 1e-9].iloc[0]
    rows = [
        ("claimcompare (default: learned aligner, lexical)", learned),
        ("claimcompare --aligner rules", rules),
        ("baseline: TF-IDF cosine >= 0.30", fixed),
        (f"baseline: TF-IDF cosine >= {best['threshold']:.2f} (best on this gold)", best),
    ]
    _print(f"gold: {gold_path.name}  ({int(learned['sure'])} sure links; documents: {', '.join(docs)})")
    _print(f"backend of the rules: {backend_description(encoder)}")
    _print(f"{'method':<58} {'P':>6} {'R':>6} {'F1':>6} {'links':>6}")
    for name, m in rows:
        _print(f"{name:<58} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {int(m['predicted']):6d}")
    if args.cross_validate:
        cv, folds = cross_validate(sentences, gold, corpus.documents, semantic=encoder)
        name = "--aligner rules, knobs chosen on other pairs (held out)"
        _print(f"{name:<58} {cv['precision']:6.3f} {cv['recall']:6.3f} {cv['f1']:6.3f} {int(cv['predicted']):6d}")
        _print()
        _print("leave-one-document-pair-out folds (knobs chosen by F1 on the two other pairs):")
        _print(folds.to_string(index=False))


class _Parser(argparse.ArgumentParser):
    """argparse, with a hint about ``--`` when a path that begins with ``-`` was taken for an option."""

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        self._seen = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str):  # type: ignore[no-untyped-def]
        seen: list[str] = getattr(self, "_seen", [])
        if "unrecognized arguments: " in message:
            candidates = message.split("unrecognized arguments: ", 1)[1].split()
        elif "required" in message:
            candidates = [a for a in seen if a.split("=", 1)[0] not in self._option_string_actions]
        else:
            candidates = []
        dashed = [a for a in candidates if a.startswith("-") and not a.startswith("--") and a != "-"]
        if dashed:
            prog = self.prog
            if " " not in prog:  # the top-level parser: name the command too, if there is one
                prog = f"{prog} {seen[0]}" if seen and not seen[0].startswith("-") else ""
            if prog:
                message += f"; a path that begins with '-' goes after --: {prog} -- {dashed[0]}"
        super().error(message)


def _max_bytes(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number of bytes")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="claimcompare",
        description="Compare how news outlets report the same event, statement by statement.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "segment",
        help="split articles into labelled sentences with offsets",
        description="Print the sentences table of one .txt article or of a folder of them: "
        "doc_id, file, sent_id, paragraph, start, end (character offsets into the file), role, text.",
    )
    p.add_argument("path", help="a .txt article, a folder of .txt articles, or a table of articles (.parquet, .csv, .jsonl)")
    _format_option(p, parquet=True)
    _folder_options(p)
    p.set_defaults(func=_cmd_segment)

    p = sub.add_parser(
        "align",
        help="align matching statements across the articles of a folder",
        description="Print the alignment table of a folder of .txt articles (with an optional sources.csv): "
        "doc_a, file_a, sent_a, text_a, doc_b, file_b, sent_b, text_b, score, cosine, margin, rule.",
    )
    p.add_argument(
        "folder", help="a folder of .txt articles, optionally with sources.csv, or a table of articles (.parquet, .csv, .jsonl)"
    )
    _format_option(p, parquet=True)
    p.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="X",
        help=f"lowest score of a link, in [0, 1] (default: the learned model's probability threshold, {LinkModel.load().threshold:g}; "
        f"with --aligner rules {DEFAULT_MIN_SCORE} lexical, {HYBRID_MIN_SCORE} hybrid)",
    )
    _folder_options(p)
    _semantic_option(p)
    p.add_argument(
        "--aligner",
        choices=ALIGNERS,
        default=DEFAULT_ALIGNER,
        help="learned (default): the learned link model (claimcompare.aligner.Aligner; lexical, score = link probability, "
        "--min-score its threshold), better on the real-news benchmark's held-out events (README, Quality on real news); "
        "rules: the scoring rules tuned on the seeds (claimcompare.align.align_corpus; --semantic chooses their backend); "
        "either engine",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default): one process; dask: the same table computed as Dask tasks over event partitions, "
        "on a local cluster of 2 worker processes or on --scheduler (needs claimcompare[dask])",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    p.add_argument(
        "--spill-dir",
        default=None,
        metavar="DIR",
        help="with --engine dask: a folder every worker can read and write (a shared file system on a cluster) where each "
        "partition's sentences wait for the align stage (default: a temporary folder on a local cluster; in the workers' "
        "memory with --scheduler)",
    )
    p.set_defaults(func=_cmd_align)

    p = sub.add_parser(
        "evaluate",
        help="precision, recall and F1 of the alignment on the hand-made gold",
        description="Score the default alignment, the learned aligner and a plain TF-IDF baseline against the gold alignment "
        "of the 27 July 2021 meeting (tests/gold/).",
    )
    p.add_argument("--corpus", help="folder of the gold's articles (default: seeds/)")
    p.add_argument(
        "--benchmark",
        metavar="FOLDER",
        help="score per event and pooled on a benchmark folder instead: event folders (articles, sources.csv, "
        "gold.csv) under FOLDER/events/, their split in FOLDER/split.csv (e.g. benchmarks/realnews)",
    )
    p.add_argument("--split", help="with --benchmark: only the events of this split (train or test)")
    p.add_argument("--csv", metavar="PATH", help="with --benchmark: also write the per-event table as CSV")
    p.add_argument("--gold", help=f"gold alignment CSV (default: {_GOLD})")
    _max_bytes_option(p)
    p.add_argument(
        "--cross-validate",
        action="store_true",
        help="also estimate quality out of sample: for each document pair, choose the knobs on the other "
        "pairs and score the held-out one (about 30 s)",
    )
    _semantic_option(p)
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser(
        "sources",
        help="propose a sources.csv for a folder (ids, dates, titles, events) for you to check",
        description="Print a starter sources.csv for a folder of articles: ids and files, publication dates and "
        "titles read from the texts, and events proposed from dates and similarity (claimcompare.sources). "
        "Check it, fill outlet, site, country and place, and save it as FOLDER/sources.csv.",
    )
    p.add_argument("folder", help="a folder of articles")
    p.add_argument("--window-days", type=int, default=2, metavar="N",
                   help="reports published at most N days apart may be one event (default 2)")  # fmt: skip
    _format_option(p, default="csv-exact")  # the file load_corpus reads back, cells exactly as found
    _folder_options(p)
    p.set_defaults(func=_cmd_sources)

    p = sub.add_parser(
        "report",
        help="run every notebook on a folder and write the HTML report",
        description="Execute the notebooks on a folder of articles and write the report (index.html, one page per "
        "notebook, the CSVs behind the charts) into --out, emptied first; the same input gives byte-identical files.",
    )
    p.add_argument("folder", help="a folder of articles, optionally with sources.csv")
    p.add_argument("--out", default="reports", metavar="FOLDER", help="where the report goes (default reports/)")
    p.add_argument("--notebooks", default="notebooks", metavar="FOLDER", help="the notebooks to run (default notebooks/)")
    p.add_argument(
        "--pattern", default="*.txt", metavar="GLOB",
        help="which files of the folder are articles (default *.txt; '*.html' for saved web pages)",
    )  # fmt: skip
    p.set_defaults(func=_cmd_report)
    return parser


def _cmd_sources(args: argparse.Namespace) -> None:
    from .sources import starter_sources

    folder = Path(args.folder)
    _write(starter_sources(_load(folder, args), window_days=args.window_days), args.format)


def _cmd_report(args: argparse.Namespace) -> None:
    from .report import build_report

    index = build_report(args.folder, args.out, notebooks=args.notebooks, pattern=args.pattern)
    print(f"wrote {index}", file=sys.stderr)


def _format_option(p: argparse.ArgumentParser, *, default: str = "csv", parquet: bool = False) -> None:
    p.add_argument(
        "--format",
        choices=("csv", "csv-exact", "json", *(("parquet",) if parquet else ())),
        default=default,
        help=f"output format (default {default}): csv for spreadsheets, cells that would run as a formula "
        "(= + - @ ...) prefixed with ' (offsets unchanged); csv-exact and json give every cell exactly, for programs"
        + ("; parquet writes Parquet partitioned by event into --out-dir (needs claimcompare[dask])" if parquet else ""),
    )
    if parquet:
        p.add_argument(
            "--out-dir",
            metavar="DIR",
            help="with --format parquet: write sentences/ (and for align links/ and statements/) under DIR, "
            "one folder per event (new, empty, or written here before)",
        )


def _max_bytes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-bytes",
        type=_max_bytes,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest article file read, in bytes (default {DEFAULT_MAX_BYTES}: a larger file is usually "
        "many articles in one)",
    )


def _folder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pattern",
        default="*.txt",
        metavar="GLOB",
        help="which files of a folder are articles (default *.txt; '*.html' for saved web pages, '*.htm*' for both)",
    )
    p.add_argument(
        "--skip-unreadable",
        action="store_true",
        help="leave out files that cannot be read as articles (empty, binary, too large ...) with a warning, "
        "instead of stopping at the first",
    )
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read articles (and sources.csv) that are links to files outside the folder; by default they are "
        "named in a warning and not read",
    )
    _max_bytes_option(p)


def _semantic_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--semantic",
        choices=("auto", "on", "off"),
        default="auto",
        help="scoring backend: on = lexical + sentence embeddings (needs claimcompare[embeddings]), "
        "off = lexical, auto (default) = on when the extra is installed",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "min_score", 0.0) is not None and not 0.0 <= getattr(args, "min_score", 0.0) <= 1.0:
        parser.error("--min-score must be between 0 and 1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            args.func(args)
            status = 0
        except CorpusError as err:
            error, status = err, EXIT_INPUT_ERROR
            if isinstance(err, _OutputError):
                _drop_stdout()
        except BrokenPipeError:  # the reader stopped early (| head): end quietly
            _drop_stdout()
            return 0
    for w in caught:
        print(f"claimcompare: warning: {one_line(str(w.message))}", file=sys.stderr)
    if status:
        print(f"claimcompare: error: {error.for_cli()}", file=sys.stderr)
    return status


def _drop_stdout() -> None:
    """Point standard output at the null device, so Python's flush at exit cannot fail again.

    (The recipe of the Python documentation on SIGPIPE; a stream without a
    file descriptor, as in tests, is left alone.)
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())

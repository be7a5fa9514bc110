"""Build the HTML report of a corpus, and its ``index.html``.

:func:`build_report` (``claimcompare report CORPUS --out reports``, which
``make report`` runs) executes every notebook on a corpus with papermill,
writes each as HTML, writes the sentences and alignment tables, one page per
event (:func:`write_event_pages`), and then the index (:func:`write_index`),
which opens with the corpus it was run on and links the event pages first.  The build is reproducible: the same corpus and
library versions give byte-identical files (see :func:`normalise_notebook`).

:func:`write_index` alone: ``python -m claimcompare.report REPORTS_DIR [NOTEBOOKS_DIR]``.
Files are grouped by the two-digit prefix they share with a notebook (``02-…``);
titles and questions come from each notebook's first markdown cell.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .aligner import DEFAULT_ALIGNER
from .errors import CorpusError
from .offline import offline_html_exporter

__all__ = ["MARKER", "build_report", "chart_alt_text", "corpus_summary", "normalise_notebook", "notebook_summary", "write_event_pages", "write_index", "write_tables"]

#: File that marks a folder as a claimcompare report (so a rebuild may empty it).
MARKER = ".claimcompare-report"
#: Names a report's files have (a folder of only such files may be emptied and rebuilt).
_REPORT_FILE = re.compile(r"^(?:\d\d-.*|event-.*\.html|notebooks|index\.html|sentences\.csv|alignment\.csv|benchmark-.*|\.claimcompare-report)$")

_RE_QUESTION = re.compile(r"\*\*Question\.?\*\*\s*(.+)")


def notebook_summary(path: Path) -> tuple[str, str]:
    """(title, question) from a notebook's first markdown cell; empty strings if absent."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return "", ""
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", ""))
            title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
            m = _RE_QUESTION.search(text)
            return title, (m.group(1).strip() if m else "")
    return "", ""


def chart_alt_text(chart: str | Path, notebook_title: str = "") -> str:
    """What a chart shows, from its file name and its notebook's title.

    ``02-alignment-score-heatmap.png`` of notebook "02 · Alignment" gives
    ``"Chart: alignment score heatmap (notebook 02 · Alignment)"``: the file
    name's words without the two-digit prefix, then the notebook.
    """
    words = re.sub(r"^\d\d-", "", Path(chart).stem)
    words = re.sub(r"[-_]+", " ", words).strip() or Path(chart).stem
    return f"Chart: {words}" + (f" (notebook {notebook_title})" if notebook_title else "")


def corpus_summary(
    documents, *, folder: str | Path, aligner: str = "", thresholds: str = ""
) -> list[tuple[str, str]]:
    """The lines that open the index: what the report was run on.

    ``documents`` is :attr:`Corpus.documents`; ``folder`` the corpus folder
    (only its name is shown, never the full path); ``aligner`` and
    ``thresholds`` as the aligner ran (:func:`claimcompare.aligner.aligner_summary`).
    Returns ``(item, value)`` pairs in
    display order: corpus, articles, outlets, events, date range, aligner,
    thresholds.  Outlets count distinct ``outlet`` values (documents without
    one count as their own); events count :func:`claimcompare.corpus.events_table`
    events; the date range is the earliest and latest ``published`` date
    (``"unknown"`` without dates).
    """
    from .corpus import events_table

    ids = [str(d) for d in documents["doc_id"]]
    outlets = set()
    for d, o in zip(ids, documents["outlet"] if "outlet" in documents.columns else [None] * len(ids)):
        outlets.add(o if isinstance(o, str) and o.strip() else d)
    ev = events_table(documents)
    n_events = len(set(zip(ev["event_date"], ev["event_title"])))
    dates = sorted(str(x) for x in (documents["published"] if "published" in documents.columns else []) if isinstance(x, str) and x.strip())
    span = "unknown (no published dates in sources.csv)" if not dates else (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
    return [
        ("corpus", Path(folder).name),
        ("articles", str(len(ids))),
        ("outlets", str(len(outlets))),
        ("events", str(n_events) if n_events else "none given (no event_date and event_title in sources.csv)"),
        ("date range", span),
        ("aligner", aligner or "not recorded"),
        ("thresholds", thresholds or "not recorded"),
    ]


_RE_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _page_title(path: Path) -> str:
    m = _RE_TITLE.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
    return html.unescape(m.group(1)).strip() if m else path.stem


def write_index(reports: str | Path, notebooks: str | Path | None = None, *, summary: list[tuple[str, str]] | None = None) -> Path:
    """Write ``index.html`` in ``reports`` and return its path.

    The index opens with ``summary`` (the pairs of :func:`corpus_summary`:
    corpus folder name, counts, aligner, thresholds) when given; then links
    the event pages (``event-*.html``, titled by their ``<title>``), then the
    notebooks in their order (``notebooks``, default ``reports/notebooks``,
    where ``make report`` puts the executed copies, supplies titles and
    questions), each with its charts (thumbnails 480 px wide, alt text from
    :func:`chart_alt_text`) and data files, then the remaining data files.
    """
    reports = Path(reports)
    notebooks = Path(notebooks) if notebooks else reports / "notebooks"
    stems = sorted(p.stem for p in notebooks.glob("[0-9][0-9]-*.ipynb"))
    pages = [reports / f"{s}.html" for s in stems if (reports / f"{s}.html").is_file()]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>claimcompare report</title>',
        "<style>body{font-family:sans-serif;max-width:64em;margin:2em auto;line-height:1.4}"
        "img{width:480px;max-width:100%;border:1px solid #ddd;margin:.3em}li{margin:.2em 0}"
        "table.cc-corpus td,table.cc-corpus th{text-align:left;padding:2px 10px 2px 0}</style></head><body>",
        "<h1>claimcompare report</h1>",
    ]
    if summary:
        parts.append('<table class="cc-corpus">' + "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in summary) + "</table>")  # fmt: skip
    used: set[Path] = set()
    events = sorted(reports.glob("event-*.html"))
    if events:
        parts.append("<h2>Event pages: each event's statements across outlets</h2><ul>")
        parts.extend(f'<li><a href="{html.escape(p.name)}">{html.escape(_page_title(p))}</a></li>' for p in events)
        parts.append("</ul>")
        used.update(events)
    for page in pages:
        prefix = page.stem[:3]
        title, question = notebook_summary(notebooks / f"{page.stem}.ipynb")
        used.add(page)
        parts.append(f'<h2><a href="{html.escape(page.name)}">{html.escape(title or page.stem)}</a></h2>')
        if question:
            parts.append(f"<p>{html.escape(question)}</p>")
        charts = sorted(reports.glob(f"{prefix}*.png"))
        tables = sorted(reports.glob(f"{prefix}*.csv")) + sorted(reports.glob(f"{prefix}*.html"))
        tables = [t for t in tables if t != page]
        for chart in charts:
            name = html.escape(chart.name)
            alt = html.escape(chart_alt_text(chart, title or page.stem))
            parts.append(f'<a href="{name}"><img src="{name}" alt="{alt}" title="{alt}" width="480"></a>')
        if tables:
            parts.append("<ul>" + "".join(f'<li><a href="{html.escape(t.name)}">{html.escape(t.name)}</a></li>' for t in tables) + "</ul>")
        used.update(charts, tables)
    rest = sorted(p for p in reports.iterdir() if p.is_file() and p not in used and p.name not in ("index.html", MARKER))
    if rest:
        parts.append("<h2>Corpus tables</h2><ul>")
        parts.extend(f'<li><a href="{html.escape(p.name)}">{html.escape(p.name)}</a></li>' for p in rest)
        parts.append("</ul>")
    parts.append("</body></html>")
    out = reports / "index.html"
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return out


def write_tables(
    corpus_dir: str | Path, out: str | Path, *, pattern: str = "*.txt", aligner: str = DEFAULT_ALIGNER, semantic: str = "auto"
) -> tuple[Path, Path]:
    """``out/sentences.csv`` and ``out/alignment.csv`` of the corpus in ``corpus_dir``, as ``claimcompare segment`` and ``align`` print them.

    The sentences table with each document's ``file`` after ``doc_id``, and
    the alignment of ``aligner`` (:func:`claimcompare.aligner.align_with`:
    ``"learned"``, the default, or ``"rules"`` with the backend ``semantic``)
    with ``file_a``, ``file_b``; both as spreadsheet-safe CSV
    (:func:`~claimcompare.spreadsheet.to_spreadsheet_csv`).  Returns the two paths.
    """
    return _write_tables(_Aligned.of(corpus_dir, pattern, aligner, semantic), Path(out))


def write_event_pages(
    corpus_dir: str | Path, out: str | Path, *, pattern: str = "*.txt", aligner: str = DEFAULT_ALIGNER, semantic: str = "auto"
) -> list[tuple[str, str]]:
    """Write ``event-<name>.html`` in ``out`` for each event with two reports or more.

    The corpus is loaded with :func:`claimcompare.load_corpus`, aligned with
    ``aligner`` (:func:`claimcompare.aligner.align_with`: ``"learned"``, the
    default, or ``"rules"`` with the backend ``semantic``), its speakers found with
    :func:`claimcompare.attribution.attribute_speakers` and its source families
    with :func:`claimcompare.copies.source_families`; each page is
    :func:`claimcompare.eventpage.event_page`.  Events come from
    :func:`claimcompare.eventpage.event_keys`; without event metadata, one
    page for the whole folder (when it holds two reports or more), named
    after the folder.  File names are made with
    :func:`claimcompare.names.safe_filename`.  Returns the
    :func:`corpus_summary` pairs of the corpus, aligner and thresholds.
    """
    return _write_event_pages(_Aligned.of(corpus_dir, pattern, aligner, semantic), Path(out))


@dataclass(frozen=True)
class _Aligned:
    """A corpus folder loaded, segmented and aligned once, for the tables and the event pages of one report."""

    folder: Path
    corpus: Any
    sentences: pd.DataFrame
    aligner: str
    encoder: Any
    alignment: pd.DataFrame

    @classmethod
    def of(cls, corpus_dir: str | Path, pattern: str, aligner: str, semantic: str) -> _Aligned:
        from .aligner import align_with
        from .corpus import load_corpus, sentences_table
        from .embeddings import resolve_encoder

        corpus = load_corpus(corpus_dir, pattern=pattern)
        sentences = sentences_table(corpus)
        encoder = resolve_encoder(semantic) if aligner == "rules" else None  # the learned model is lexical
        alignment = align_with(aligner, sentences, corpus.documents, semantic=encoder, show_progress=False)
        return cls(Path(corpus_dir), corpus, sentences, aligner, encoder, alignment)


def _write_tables(data: _Aligned, out: Path) -> tuple[Path, Path]:
    from .spreadsheet import to_spreadsheet_csv
    from .tables import with_files

    docs = data.corpus.documents
    paths = (out / "sentences.csv", out / "alignment.csv")
    to_spreadsheet_csv(with_files(data.sentences, docs, {"doc_id": "file"}), paths[0], index=False)
    to_spreadsheet_csv(with_files(data.alignment, docs, {"doc_a": "file_a", "doc_b": "file_b"}), paths[1], index=False)
    return paths


def _write_event_pages(data: _Aligned, out: Path) -> list[tuple[str, str]]:
    from .aligner import aligner_summary
    from .attribution import attribute_speakers
    from .copies import document_copies, source_families
    from .eventpage import event_keys, event_page
    from .names import safe_filename

    corpus, sentences, alignment = data.corpus, data.sentences, data.alignment
    speakers = attribute_speakers(sentences)
    families = source_families(corpus.documents, document_copies(sentences))
    keys = event_keys(corpus.documents)
    todo: list[tuple[str | None, str, str]] = [(e, e, safe_filename(e)) for e in keys.loc[keys["n_reports"] >= 2, "event"]]
    if keys.empty and len(corpus.documents) >= 2:
        todo = [(None, f"All reports in {data.folder.name}", safe_filename(data.folder.name or "corpus"))]
    for event, title, name in todo:
        page = event_page(sentences, alignment, corpus.documents, event=event, families=families, speakers=speakers, title=title,
                          index_href="index.html")
        (out / f"event-{name}.html").write_text(page, encoding="utf-8")
    method, thresholds = aligner_summary(data.aligner, semantic=data.encoder)
    return corpus_summary(corpus.documents, folder=data.folder, aligner=method, thresholds=thresholds)


def normalise_notebook(nb: dict) -> dict:
    """Make an executed notebook (nbformat JSON as a dict) the same on every run.

    Papermill and the kernel leave run-specific traces; this removes them in
    place and returns ``nb``:

    - papermill's metadata (start and end times, durations, status, input and
      output paths, environment) on the notebook and on every cell;
    - nbclient's per-cell ``execution`` timestamps;
    - the random id of papermill's injected-parameters cell (set to
      ``"injected-parameters"``);
    - print streams split into chunks by timing: consecutive outputs of one
      stream are joined (nbconvert's ``CoalesceStreamsPreprocessor``).
    """
    import nbformat
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    coalesce = CoalesceStreamsPreprocessor()
    nb.get("metadata", {}).pop("papermill", None)
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        meta.pop("papermill", None)
        meta.pop("execution", None)
        if "injected-parameters" in meta.get("tags", []):
            cell["id"] = "injected-parameters"
        if cell.get("cell_type") == "code":
            for output in cell.get("outputs", []):
                if isinstance(output.get("text"), list):  # JSON keeps text as lines, split as the kernel sent them
                    output["text"] = "".join(output["text"])
            node = nbformat.from_dict(cell)
            coalesce.preprocess_cell(node, {}, 0)
            cell["outputs"] = node["outputs"]
    return nb


def normalise_notebook_files(paths: list[str | Path]) -> list[Path]:
    """:func:`normalise_notebook` applied to notebook files in place (``make execute`` runs it after executing them).

    A file is written only when normalising changes its bytes.  Returns the
    paths whose bytes changed.
    """
    return [path for path in map(Path, paths) if _normalise_file(path)[1]]


def _normalise_file(path: Path) -> tuple[object, bool]:
    """The notebook in ``path`` normalised (an nbformat node), written back when that changes its bytes; and whether it did."""
    import nbformat

    before = path.read_bytes()
    nb = nbformat.from_dict(normalise_notebook(nbformat.reads(before.decode("utf-8"), as_version=4)))
    text = nbformat.writes(nb)
    after = (text if text.endswith("\n") else text + "\n").encode("utf-8")  # as nbformat.write ends a file
    if after != before:
        path.write_bytes(after)
    return nb, after != before


def _rel(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` where both share a root (so no machine's folder names reach the pages)."""
    try:
        return os.path.relpath(path, start)
    except ValueError:  # another drive on Windows
        return str(path)


def _report_folder(out: Path) -> None:
    """Empty ``out`` of a previous report (never a folder that is not one), or create it."""
    if out.exists() and not out.is_dir():
        raise CorpusError(out, "is not a folder", "give --out a folder for the report")
    if out.is_dir() and any(out.iterdir()):
        foreign = sorted(p.name for p in out.iterdir() if not _REPORT_FILE.match(p.name))
        if foreign and not (out / MARKER).exists():
            raise CorpusError(
                out, f"holds files that are not part of a claimcompare report ({', '.join(foreign[:3])})",
                "give --out a new or empty folder",
            )  # fmt: skip
        for child in sorted(out.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("claimcompare report folder: emptied and rebuilt by each build\n", encoding="utf-8")


def build_report(
    corpus_dir: str | Path,
    out: str | Path = "reports",
    *,
    notebooks: str | Path = "notebooks",
    pattern: str = "*.txt",
    log: io.TextIOBase | None = None,
) -> Path:
    """Run every notebook of ``notebooks`` on ``corpus_dir`` and write the report in ``out``.

    ``out`` is emptied first (only if it is empty, new, or an earlier report),
    so it holds the files of this run alone.  For each ``NN-*.ipynb`` in
    ``notebooks`` (sorted): papermill executes it in ``notebooks`` with the
    parameters ``corpus_dir``, ``pattern`` and ``reports_dir`` (paths given
    relative to ``notebooks``); the executed copy goes to ``out/notebooks/``
    after :func:`normalise_notebook`, and its HTML to ``out`` (nbconvert's lab
    page without its CDN scripts: :func:`~claimcompare.offline.offline_html_exporter`,
    so the report opens offline and calls no third party).  Then
    ``sentences.csv`` and ``alignment.csv`` (as ``claimcompare segment`` and
    ``align`` print them), one page per event with two reports or more
    (:func:`write_event_pages`), and ``index.html``, opening with the corpus
    (:func:`corpus_summary`) and the event pages.  Returns the index's path.

    Any path works (spaces, quotes, non-ASCII).  A notebook stopped by bad
    input raises the library's :class:`~claimcompare.errors.CorpusError`
    (one line, naming the file); another failure raises ``RuntimeError``
    naming the notebook and the error, with the executed copy kept for
    inspection.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    corpus_dir, out, notebooks = Path(corpus_dir).resolve(), Path(out).resolve(), Path(notebooks).resolve()
    if not corpus_dir.exists():
        raise CorpusError(corpus_dir, "does not exist", "give the folder of your articles (CORPUS=... for make report)")
    sources = sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))
    if not sources:
        raise CorpusError(notebooks, "holds no notebooks NN-*.ipynb", "run from the claimcompare checkout, or give --notebooks")
    _report_folder(out)
    (out / "notebooks").mkdir()
    log = log if log is not None else sys.stderr
    exporter = offline_html_exporter()  # pages that load nothing from the network (no CDN scripts)
    for src in sources:
        print(f"executing {src.name} on {corpus_dir.name}", file=log)
        dest = out / "notebooks" / src.name
        params = {"corpus_dir": _rel(corpus_dir, notebooks), "pattern": pattern, "reports_dir": _rel(out, notebooks)}
        try:
            papermill.execute_notebook(
                str(src), str(dest), parameters=params, cwd=str(notebooks), kernel_name="python3",
                progress_bar=False, log_output=False,
            )  # fmt: skip
        except PapermillExecutionError as err:
            if err.ename == "CorpusError":
                raise CorpusError(None, err.evalue) from None  # the library's own line, as the notebook raised it
            raise RuntimeError(f"{src.name} failed on {corpus_dir}: {err.ename}: {err.evalue} (executed copy: {dest})") from None
        nb, _ = _normalise_file(dest)
        body, _ = exporter.from_notebook_node(nb)
        (out / f"{src.stem}.html").write_text(body, encoding="utf-8")
    data = _Aligned.of(corpus_dir, pattern, DEFAULT_ALIGNER, "auto")  # loaded, segmented and aligned once for the tables and the event pages
    _write_tables(data, out)
    summary = _write_event_pages(data, out)
    return write_index(out, out / "notebooks", summary=summary)


if __name__ == "__main__":
    write_index(sys.argv[1] if len(sys.argv) > 1 else "reports", sys.argv[2] if len(sys.argv) > 2 else None)

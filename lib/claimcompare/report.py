"""Build the HTML report of a corpus, and its ``index.html``.

:func:`build_report` (``claimcompare report CORPUS --out reports``, which
``make report`` runs) executes every notebook on a corpus with papermill,
writes each as HTML, writes the sentences and alignment tables, and then the
index (:func:`write_index`).  The build is reproducible: the same corpus and
library versions give byte-identical files (see :func:`normalise_notebook`).

:func:`write_index` alone: ``python -m claimcompare.report REPORTS_DIR [NOTEBOOKS_DIR]``.
Files are grouped by the two-digit prefix they share with a notebook (``02-…``);
titles and questions come from each notebook's first markdown cell.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

from .errors import CorpusError
from .offline import offline_html_exporter

__all__ = ["MARKER", "build_report", "normalise_notebook", "notebook_summary", "write_index"]

#: File that marks a folder as a claimcompare report (so a rebuild may empty it).
MARKER = ".claimcompare-report"
#: Names a report's files have (a folder of only such files may be emptied and rebuilt).
_REPORT_FILE = re.compile(r"^(?:\d\d-.*|notebooks|index\.html|sentences\.csv|alignment\.csv|benchmark-.*|\.claimcompare-report)$")

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


def write_index(reports: str | Path, notebooks: str | Path | None = None) -> Path:
    """Write ``index.html`` in ``reports`` and return its path.

    ``notebooks`` (default: ``reports/notebooks``, where ``make report`` puts
    the executed copies) supplies titles and questions.
    """
    reports = Path(reports)
    notebooks = Path(notebooks) if notebooks else reports / "notebooks"
    stems = sorted(p.stem for p in notebooks.glob("[0-9][0-9]-*.ipynb"))
    pages = [reports / f"{s}.html" for s in stems if (reports / f"{s}.html").is_file()]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>claimcompare report</title>',
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "img{max-width:28em;border:1px solid #ddd;margin:.3em}li{margin:.2em 0}</style></head><body>",
        "<h1>claimcompare report</h1>",
    ]
    used: set[Path] = set()
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
            parts.append(f'<a href="{name}"><img src="{name}" alt="{name}"></a>')
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
    ``align`` print them) and ``index.html``.  Returns the index's path.

    Any path works (spaces, quotes, non-ASCII).  A notebook stopped by bad
    input raises the library's :class:`~claimcompare.errors.CorpusError`
    (one line, naming the file); another failure raises ``RuntimeError``
    naming the notebook and the error, with the executed copy kept for
    inspection.
    """
    import nbformat
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
        nb = nbformat.from_dict(normalise_notebook(json.loads(dest.read_text(encoding="utf-8"))))
        dest.write_text(nbformat.writes(nb), encoding="utf-8")
        body, _ = exporter.from_notebook_node(nbformat.reads(dest.read_text(encoding="utf-8"), as_version=4))
        (out / f"{src.stem}.html").write_text(body, encoding="utf-8")
    from .cli import main as cli_main

    for command, name in (("segment", "sentences.csv"), ("align", "alignment.csv")):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            code = cli_main([command, str(corpus_dir), "--pattern", pattern])
        if code:
            raise RuntimeError(f"claimcompare {command} failed on {corpus_dir} (exit {code})")
        (out / name).write_text(buf.getvalue(), encoding="utf-8")
    return write_index(out, out / "notebooks")


if __name__ == "__main__":
    write_index(sys.argv[1] if len(sys.argv) > 1 else "reports", sys.argv[2] if len(sys.argv) > 2 else None)

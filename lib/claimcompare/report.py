"""Write ``reports/index.html``: each notebook's HTML with its charts and CSVs, then the corpus tables.

Run as ``python -m claimcompare.report REPORTS_DIR [NOTEBOOKS_DIR]`` (``make report`` does).
Files are grouped by the two-digit prefix they share with a notebook (``02-…``);
titles and questions come from each notebook's first markdown cell.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

__all__ = ["notebook_summary", "write_index"]

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
    rest = sorted(p for p in reports.iterdir() if p.is_file() and p not in used and p.name != "index.html")
    if rest:
        parts.append("<h2>Corpus tables</h2><ul>")
        parts.extend(f'<li><a href="{html.escape(p.name)}">{html.escape(p.name)}</a></li>' for p in rest)
        parts.append("</ul>")
    parts.append("</body></html>")
    out = reports / "index.html"
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    write_index(sys.argv[1] if len(sys.argv) > 1 else "reports", sys.argv[2] if len(sys.argv) > 2 else None)

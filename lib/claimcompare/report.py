"""Write ``reports/index.html``: links to each notebook's HTML, the charts and the CSVs.

Run as ``python -m claimcompare.report REPORTS_DIR`` (``make report`` does).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

__all__ = ["write_index"]


def write_index(reports: str | Path) -> Path:
    """Write ``index.html`` in ``reports`` listing what is there; return its path."""
    reports = Path(reports)
    sections = [
        ("Notebooks", sorted(p for p in reports.glob("*.html") if p.name != "index.html")),
        ("Charts", sorted(reports.glob("*.png"))),
        ("Tables (CSV)", sorted(reports.glob("*.csv"))),
    ]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>claimcompare report</title></head><body>',
        "<h1>claimcompare report</h1>",
    ]
    for title, files in sections:
        parts.append(f"<h2>{html.escape(title)}</h2><ul>")
        for f in files:
            name = html.escape(f.name)
            parts.append(f'<li><a href="{name}">{name}</a></li>')
        parts.append("</ul>")
    parts.append("</body></html>")
    out = reports / "index.html"
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    write_index(sys.argv[1] if len(sys.argv) > 1 else "reports")

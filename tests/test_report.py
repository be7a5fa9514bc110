"""reports/index.html: grouped by notebook, titles from the notebooks, names escaped."""

import json
from pathlib import Path

from claimcompare.report import notebook_summary, write_index


def _notebook(path: Path, first_markdown: str) -> None:
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": first_markdown}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_summary_reads_title_and_question(tmp_path: Path) -> None:
    _notebook(tmp_path / "02-x.ipynb", "# 02 · Alignment\n\n**Question.** Which statements match?\n")
    assert notebook_summary(tmp_path / "02-x.ipynb") == ("02 · Alignment", "Which statements match?")
    assert notebook_summary(tmp_path / "missing.ipynb") == ("", "")


def test_index_groups_files_by_notebook(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    _notebook(tmp_path / "notebooks" / "01-corpus.ipynb", "# 01 · Corpus <b>\n\n**Question.** What is in it?")
    for name in ["01-corpus.html", "01-corpus-a.png", "01-corpus-a.csv", "01-corpus-view.html", "02-other.csv", "alignment.csv"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    text = write_index(tmp_path).read_text(encoding="utf-8")
    assert text.index("01 · Corpus &lt;b&gt;") < text.index('src="01-corpus-a.png"') < text.index("Corpus tables")
    assert '<a href="01-corpus-a.csv">' in text
    assert text.count("<h2>") == 2  # one notebook section (01-corpus-view.html is a file of it, not a page) + corpus tables
    assert '<li><a href="01-corpus-view.html">' in text
    assert text.index("Corpus tables") < text.index('href="alignment.csv"')
    assert text.index("Corpus tables") < text.index('href="02-other.csv"')  # no notebook page: listed at the end
    assert "<b>" not in text

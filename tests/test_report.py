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


# --- building the whole report ---------------------------------------------------------------

import shutil  # noqa: E402

import pytest  # noqa: E402

from claimcompare.cli import main  # noqa: E402
from claimcompare.errors import CorpusError  # noqa: E402
from claimcompare.report import MARKER, build_report, normalise_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "invented-corpus"
NOTEBOOKS = ROOT / "notebooks"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_are_byte_identical_and_any_path_works(tmp_path: Path) -> None:
    corpus = tmp_path / "my corpus 'ü'"  # a space, a quote and a non-ASCII letter
    shutil.copytree(INVENTED, corpus)
    out = tmp_path / "report out"
    build_report(corpus, out, notebooks=NOTEBOOKS)
    first = _files(out)
    (out / "stale-from-another-run.csv").write_text("x", encoding="utf-8")
    build_report(corpus, out, notebooks=NOTEBOOKS)
    second = _files(out)
    assert "stale-from-another-run.csv" not in second  # each build leaves only its own files
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different
    assert any(n.endswith(".html") and n.startswith("02-") for n in first)
    page = first["notebooks/01-corpus.ipynb"].decode("utf-8")
    assert 'corpus_dir = \\"/' not in page and "duration" not in page  # paths relative to the notebooks, no timings
    assert 'corpus_dir = \\"../' in page


def test_normalise_notebook_removes_run_traces() -> None:
    nb = {
        "metadata": {"papermill": {"start_time": "t"}},
        "cells": [
            {"cell_type": "code", "id": "a1b2c3", "metadata": {"tags": ["injected-parameters"], "papermill": {"duration": 1.0},
             "execution": {"iopub.status.busy": "t"}}, "outputs": [], "source": "x = 1", "execution_count": 1},
            {"cell_type": "code", "id": "keep", "metadata": {}, "source": "print(1)", "execution_count": 2, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "a\n"},
                {"output_type": "stream", "name": "stdout", "text": "b\n"}]},
        ],
    }  # fmt: skip
    out = normalise_notebook(nb)
    assert "papermill" not in out["metadata"]
    assert out["cells"][0]["id"] == "injected-parameters"
    assert out["cells"][0]["metadata"] == {"tags": ["injected-parameters"]}
    assert out["cells"][1]["id"] == "keep"
    assert [o["text"] for o in out["cells"][1]["outputs"]] == ["a\nb\n"]


def test_a_folder_that_is_not_a_report_is_never_emptied(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"x")
    with pytest.raises(CorpusError, match="not part of a claimcompare report"):
        build_report(INVENTED, out, notebooks=NOTEBOOKS)
    assert (out / "thesis.docx").exists()
    (out / MARKER).write_text("", encoding="utf-8")  # marked as a report folder: may be rebuilt


@pytest.mark.slow
def test_bad_input_stops_the_build_with_the_library_line(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "one empty"
    corpus.mkdir()
    (corpus / "a.txt").write_text("", encoding="utf-8")
    assert main(["report", str(corpus), "--out", str(tmp_path / "out"), "--notebooks", str(NOTEBOOKS)]) == 2
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("claimcompare: error:")]
    assert len(lines) == 1 and "a.txt" in lines[0] and "empty" in lines[0]
    assert "Traceback" not in err

"""reports/index.html: grouped by notebook, titles from the notebooks, names escaped."""

import json
import re
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


# --- the index opens with the corpus, then the event pages, then the notebooks ------------------

from claimcompare import load_corpus  # noqa: E402
from claimcompare.aligner import LinkModel  # noqa: E402
from claimcompare.report import chart_alt_text, corpus_summary, write_event_pages  # noqa: E402


def test_index_opens_with_corpus_then_events_then_notebooks_then_data(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    _notebook(tmp_path / "notebooks" / "01-corpus.ipynb", "# 01 · Corpus\n\n**Question.** What is in it?")
    _notebook(tmp_path / "notebooks" / "02-align.ipynb", "# 02 · Alignment\n\n**Question.** Which match?")
    for name in ["01-corpus.html", "02-align.html", "02-align-score-heatmap.png", "01-corpus-lengths.png", "alignment.csv"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "event-b.html").write_text("<html><head><title>2024-01-02 Talks &amp; &lt;deal&gt;</title></head></html>", encoding="utf-8")
    (tmp_path / "event-a.html").write_text("<html><head><title>2024-01-01 Summit</title></head></html>", encoding="utf-8")
    summary = [("corpus", "my folder"), ("articles", "3"), ("thresholds", "min_score 0.15 <x>")]
    text = write_index(tmp_path, summary=summary).read_text(encoding="utf-8")
    order = ["my folder", 'href="event-a.html"', 'href="event-b.html"', 'href="01-corpus.html"', 'src="01-corpus-lengths.png"',
             'href="02-align.html"', 'src="02-align-score-heatmap.png"', "Corpus tables", 'href="alignment.csv"']  # fmt: skip
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert "2024-01-02 Talks &amp; &lt;deal&gt;" in text and "<deal>" not in text and "&lt;x&gt;" in text
    assert 'alt="Chart: align score heatmap (notebook 02 · Alignment)"' in text
    assert text.count('width="480"') == 2
    assert text.count('href="event-a.html"') == 1  # not listed again among the data files


def test_chart_alt_text_says_what_the_chart_shows() -> None:
    assert chart_alt_text("03-emphasis-theme-shares.png", "03 · Emphasis") == "Chart: emphasis theme shares (notebook 03 · Emphasis)"
    assert chart_alt_text(Path("x/05_timeline.png")) == "Chart: 05 timeline"


def test_corpus_summary_names_the_folder_not_its_path(tmp_path: Path) -> None:
    corpus = load_corpus(INVENTED)
    rows = dict(corpus_summary(corpus.documents, folder=INVENTED, aligner="learned link model", thresholds="link probability >= 0.2"))
    assert rows["corpus"] == "invented-corpus" and str(ROOT) not in str(rows)
    assert rows["articles"] == "4" and rows["outlets"] == "3" and rows["events"] == "3"
    assert rows["date range"] == "2024-03-03 to 2024-06-11"
    docs = corpus.documents.drop(columns=["published", "event_date", "event_title", "also_reports"])
    rows = dict(corpus_summary(docs, folder=INVENTED))
    assert rows["date range"].startswith("unknown") and rows["events"].startswith("none given")


SEED_WORDS = ("Xinhua", "China Daily", "Khovar", "Wang Yi", "Rahmon", "Shoigu", "Dushanbe", "Tajikistan", "Wei Fenghe", "Mirzo")


def test_event_pages_one_per_event_with_several_reports(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMCOMPARE_SEMANTIC", "off")
    summary = dict(write_event_pages(INVENTED, tmp_path))
    pages = sorted(p.name for p in tmp_path.glob("event-*.html"))
    assert len(pages) == 1 and pages[0].startswith("event-2024-03-03")  # the other two events have one report each
    text = (tmp_path / pages[0]).read_text(encoding="utf-8")
    assert "Nordpress" in text and not any(w in text for w in SEED_WORDS)
    assert summary["aligner"].startswith("learned link model") and f"link probability >= {LinkModel.load().threshold:g}" in summary["thresholds"]


def test_event_pages_without_event_metadata_one_page_for_the_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMCOMPARE_SEMANTIC", "off")
    corpus = tmp_path / "no meta"
    corpus.mkdir()
    for f in sorted(INVENTED.glob("*.txt"))[:3]:
        shutil.copy(f, corpus / f.name)
    out = tmp_path / "out"
    out.mkdir()
    write_event_pages(corpus, out)
    assert [p.name for p in out.glob("event-*.html")] and len(list(out.glob("event-*.html"))) == 1
    assert "All reports in no meta" in next(out.glob("event-*.html")).read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("event", ["2023-03-17-icc-putin-arrest-warrant", "2023-09-14-derna-flood-death-toll"])
def test_report_on_a_real_news_event_talks_about_that_event_only(tmp_path: Path, monkeypatch, event: str) -> None:
    """The whole report built on a real-news training event of the benchmark: no page names the seeds."""
    monkeypatch.setenv("CLAIMCOMPARE_SEMANTIC", "off")
    folder = ROOT / "benchmarks" / "realnews" / "events" / event
    corpus = tmp_path / event
    corpus.mkdir()
    for f in sorted(folder.glob("*.txt")) + [folder / "sources.csv"]:
        shutil.copy(f, corpus / f.name)
    out = tmp_path / "report"
    build_report(corpus, out, notebooks=NOTEBOOKS)
    pages = sorted(out.rglob("*.html"))
    assert any(p.name.startswith("event-") for p in pages) and (out / "index.html").is_file()
    outlets = set(load_corpus(corpus).documents["outlet"].dropna().astype(str))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert event in index and len(outlets) >= 4
    for page in pages:
        text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "", page.read_text(encoding="utf-8"))  # not the letters of a chart
        named = [w for w in SEED_WORDS if w in text]
        assert not named, f"{page.name} names {named}"


def test_report_tables_are_what_segment_and_align_print(tmp_path: Path, capsys) -> None:
    # The report writes sentences.csv and alignment.csv with the library (no call into the command line),
    # and they are byte for byte what `claimcompare segment` and `claimcompare align` print.
    from claimcompare.cli import main
    from claimcompare.report import write_tables

    sentences, alignment = write_tables(ROOT / "seeds", tmp_path, semantic="off")
    for args, path in ((["segment"], sentences), (["align", "--semantic", "off"], alignment)):
        assert main([args[0], str(ROOT / "seeds"), *args[1:]]) == 0
        printed = capsys.readouterr().out
        assert len(printed.splitlines()) > 5
        assert path.read_text(encoding="utf-8") == printed

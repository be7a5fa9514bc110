"""Every notebook runs top to bottom on a second, invented corpus (not only on the seeds).

nbval checks the committed outputs on the seeds; this checks that no notebook
depends on a seed's ids or wording, or on files being tidy UTF-8: each is
executed with papermill, its ``corpus_dir`` parameter pointing at a copy of
``tests/data/invented-corpus`` whose files are saved as users' files come
(CRLF and lone-CR line ends, Windows-1252, a byte-order mark).
"""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "invented-corpus"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


#: How each file of the messy copy is saved: (encoding, line end).
SAVED_AS = {
    "baltic-wire-2024-03-03.txt": ("cp1252", "\r\n"),  # an em dash: not UTF-8 once saved so
    "nordpress-2024-03-04.txt": ("utf-8-sig", "\n"),
    "nordpress-2024-06-11.txt": ("utf-8", "\r"),
    "ostra-daily-2024-03-05.txt": ("utf-8", "\r\n"),
}


@pytest.fixture(scope="module")
def messy_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("invented-messy")
    shutil.copy(INVENTED / "sources.csv", folder / "sources.csv")
    for name, (encoding, line_end) in SAVED_AS.items():
        text = (INVENTED / name).read_text(encoding="utf-8").replace("\n", line_end)
        (folder / name).write_bytes(text.encode(encoding))
    assert sorted(p.name for p in INVENTED.glob("*.txt")) == sorted(SAVED_AS)
    return folder


def test_the_messy_copy_is_messy(messy_corpus: Path) -> None:
    raw = {p.name: p.read_bytes() for p in messy_corpus.glob("*.txt")}
    with pytest.raises(UnicodeDecodeError):
        raw["baltic-wire-2024-03-03.txt"].decode("utf-8")
    assert raw["nordpress-2024-03-04.txt"].startswith(b"\xef\xbb\xbf")
    assert b"\r" in raw["nordpress-2024-06-11.txt"] and b"\n" not in raw["nordpress-2024-06-11.txt"]
    assert b"\r\n" in raw["ostra-daily-2024-03-05.txt"]


def _execute(notebook: Path, tmp_path: Path, **parameters: str) -> str:
    """Run ``notebook`` with papermill (reports into ``tmp_path / "reports"``); its code cells' text outputs as JSON text.

    Only text: printed streams, ``text/plain`` and ``text/html``.  Images are left out, so that a search
    for a word in the outputs cannot match a run of base64 letters of a chart ("+Xi/").
    """
    papermill = pytest.importorskip("papermill")
    out = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters={**parameters, "reports_dir": str(tmp_path / "reports")},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    texts = [
        [o.get("text") or {k: v for k, v in o.get("data", {}).items() if k in ("text/plain", "text/html")} for o in c.get("outputs", [])]
        for c in cells
        if c["cell_type"] == "code"
    ]
    return json.dumps(texts)


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_invented_corpus(notebook: Path, tmp_path: Path, messy_corpus: Path) -> None:
    outputs = _execute(notebook, tmp_path, corpus_dir=str(messy_corpus))
    prefix = notebook.stem[:2] + "-"
    written = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert any(n.startswith(prefix) and n.endswith(".csv") for n in written), written
    assert any(n.startswith(prefix) and n.endswith(".png") for n in written), written
    # It really ran on the invented articles: their ids are in the outputs, no seed id is.
    assert "nordpress-2024-03-04" in outputs
    assert "khovar-2021-07-27" not in outputs
    if notebook.stem[:2] in PROSE_FROM_DATA:
        named = _seed_names_in(outputs)
        assert not named, f"{notebook.name} run on the invented corpus mentions the seeds' {named}"


#: Notebooks whose findings are computed from the corpus they run on (issue 11).
PROSE_FROM_DATA = ("01", "02", "03", "04", "05", "06")
#: The seeds' outlets, people and places: no page built from another corpus may name them.
SEED_NAMES = ("Khovar", "Xinhua", "China Daily", "Rahmon", "Wei", "Shoigu", "Mirzo", "Wang Yi", "Xi", "Dushanbe", "Tajik")


def _seed_names_in(text: str) -> list[str]:
    """The seed names ``text`` mentions: whole words, case as written ("Tajik" also in "Tajikistan")."""
    return [w for w in SEED_NAMES if re.search(rf"\b{re.escape(w)}" + ("" if w == "Tajik" else r"\b"), text)]


@pytest.mark.parametrize("stem", [p.stem[:2] for p in NOTEBOOKS])
def test_markdown_names_no_seed_outlet_person_or_place(stem: str) -> None:
    """Markdown cells are the same on every corpus, so they must not describe the seeds."""
    (notebook,) = [p for p in NOTEBOOKS if p.stem.startswith(stem)]
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    named = _seed_names_in(prose)
    assert not named, f"{notebook.name}'s markdown mentions the seeds' {named}"


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_are_normalised(notebook: Path, tmp_path: Path) -> None:
    # `make execute` strips execution timestamps and joins print streams that timing split, so that running
    # the notebooks again gives the same bytes; a notebook committed without that step fails here
    from claimcompare.report import normalise_notebook_files

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    timed = [i for i, c in enumerate(cells) if "execution" in c.get("metadata", {})]
    assert not timed, f"{notebook.name}: cells {timed} carry execution timestamps; run `make execute`"
    copy = tmp_path / notebook.name
    shutil.copyfile(notebook, copy)
    stamp = copy.stat().st_mtime_ns
    assert normalise_notebook_files([copy]) == [], f"{notebook.name} is not normalised; run `make execute`"
    assert copy.stat().st_mtime_ns == stamp, "a normalised notebook is not written again"


@pytest.fixture(scope="module")
def saved_pages(tmp_path_factory) -> Path:
    """The invented corpus as saved web pages (``*.html``: menu, article, footer), listed in sources.csv."""
    folder = tmp_path_factory.mktemp("invented-pages")
    sources = (INVENTED / "sources.csv").read_text(encoding="utf-8")
    (folder / "sources.csv").write_text(sources.replace(".txt", ".html"), encoding="utf-8")
    for path in sorted(INVENTED.glob("*.txt")):
        title, *paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs)
        page = (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>\n{body}</article>"
            "<footer>Subscribe to our newsletter</footer></body></html>"
        )
        (folder / f"{path.stem}.html").write_text(page, encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS[:2], ids=[p.stem for p in NOTEBOOKS[:2]])
def test_notebook_runs_on_saved_web_pages_with_the_pattern_parameter(notebook: Path, tmp_path: Path, saved_pages: Path) -> None:
    outputs = _execute(notebook, tmp_path, corpus_dir=str(saved_pages), pattern="*.html")
    assert "nordpress-2024-03-04" in outputs and "trafilatura" in outputs  # read as pages, and said so
    assert "Subscribe to our newsletter" not in outputs  # page furniture left out by the extraction



LARGE = ROOT / "notebooks" / "06-large-corpus.ipynb"


@pytest.mark.slow
def test_large_corpus_notebook_reads_an_outputs_folder_without_the_articles(tmp_path: Path) -> None:
    """Given the folder of ``claimcompare align ... --format parquet --out-dir``, notebook 06 reads it, not the articles."""
    from claimcompare.cli import main

    assert main(["align", str(INVENTED), "--semantic", "off", "--format", "parquet", "--out-dir", str(tmp_path / "out")]) == 0
    outputs = _execute(LARGE, tmp_path, corpus_dir=str(tmp_path / "no-such-folder"), outputs_dir=str(tmp_path / "out"))
    assert "nordpress-2024-03-04" in outputs and "Lind and Vey agree to reopen border crossings" in outputs
    assert not (tmp_path / "reports" / "06-outputs").exists()  # nothing written: the given folder was read
    assert not _seed_names_in(outputs)

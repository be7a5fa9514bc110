"""Every notebook runs top to bottom on a second, invented corpus (not only on the seeds).

nbval checks the committed outputs on the seeds; this checks that no notebook
depends on a seed's ids or wording, or on files being tidy UTF-8: each is
executed with papermill, its ``corpus_dir`` parameter pointing at a copy of
``tests/data/invented-corpus`` whose files are saved as users' files come
(CRLF and lone-CR line ends, Windows-1252, a byte-order mark).
"""

import json
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


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_invented_corpus(notebook: Path, tmp_path: Path, messy_corpus: Path) -> None:
    papermill = pytest.importorskip("papermill")
    out = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters={"corpus_dir": str(messy_corpus), "reports_dir": str(tmp_path / "reports")},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    prefix = notebook.stem[:2] + "-"
    written = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert any(n.startswith(prefix) and n.endswith(".csv") for n in written), written
    assert any(n.startswith(prefix) and n.endswith(".png") for n in written), written
    # It really ran on the invented articles: their ids are in the outputs, no seed id is.
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    outputs = json.dumps([c.get("outputs", []) for c in cells if c["cell_type"] == "code"])
    assert "nordpress-2024-03-04" in outputs
    assert "khovar-2021-07-27" not in outputs


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found"

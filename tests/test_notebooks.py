"""Every notebook runs top to bottom on a second, invented corpus (not only on the seeds).

nbval checks the committed outputs on the seeds; this checks that no notebook
depends on a seed's ids or wording: each is executed with papermill, its
``corpus_dir`` parameter pointing at ``tests/data/invented-corpus``.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "invented-corpus"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_invented_corpus(notebook: Path, tmp_path: Path) -> None:
    papermill = pytest.importorskip("papermill")
    out = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters={"corpus_dir": str(INVENTED), "reports_dir": str(tmp_path / "reports")},
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

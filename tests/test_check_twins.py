"""tests/check_twins.py: each notebook's py:percent twin lives beside it (NAME.py)."""

from pathlib import Path

import jupytext
import nbformat

from check_twins import main


def _notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 01 · Title"), nbformat.v4.new_code_cell("x = 1")])
    path = folder / "01-x.ipynb"
    nbformat.write(nb, path)
    return path


def test_twin_beside_the_notebook_is_in_sync(tmp_path: Path, capsys) -> None:
    nb = _notebook(tmp_path)
    (tmp_path / "01-x.py").write_text(jupytext.writes(jupytext.read(nb), fmt="py:percent"), encoding="utf-8")
    assert main([str(nb)]) == 0
    assert "1 of 1 in sync" in capsys.readouterr().out


def test_twin_in_another_folder_is_not_found(tmp_path: Path, capsys) -> None:
    nb = _notebook(tmp_path)
    (tmp_path / "py").mkdir()
    (tmp_path / "py" / "01-x.py").write_text(jupytext.writes(jupytext.read(nb), fmt="py:percent"), encoding="utf-8")
    assert main([str(nb)]) == 1
    assert "01-x.py" in capsys.readouterr().out


def test_twin_out_of_sync(tmp_path: Path, capsys) -> None:
    nb = _notebook(tmp_path)
    (tmp_path / "01-x.py").write_text("# %%\nx = 2\n", encoding="utf-8")
    assert main([str(nb)]) == 1
    assert "out of sync" in capsys.readouterr().out

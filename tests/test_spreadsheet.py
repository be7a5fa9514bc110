"""CSV for spreadsheets: cells that a spreadsheet would run as a formula are neutralised (OWASP)."""

import io

import numpy as np
import pandas as pd
import pytest

from claimcompare.spreadsheet import FORMULA_PREFIXES, spreadsheet_safe, to_spreadsheet_csv

DANGEROUS = ['=HYPERLINK("http://example.com/x","click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_formula_cells_get_one_leading_quote(cell: str) -> None:
    df = pd.DataFrame({"text": [cell], "start": [0]})
    assert spreadsheet_safe(df).loc[0, "text"] == "'" + cell
    buf = io.StringIO()
    to_spreadsheet_csv(df, buf, index=False)
    assert buf.getvalue().startswith("text,start\n")
    assert ("'" + cell) in buf.getvalue() or ('"\'' + cell.replace('"', '""') + '"') in buf.getvalue()


@pytest.mark.parametrize(
    "cell", ["", "plain text", "'already quoted", " =leading space", "a=b", "100%", "—dash", "中文", "1.5"]
)
def test_other_cells_are_written_as_is(cell: str) -> None:
    df = pd.DataFrame({"text": [cell]})
    assert spreadsheet_safe(df).loc[0, "text"] == cell


def test_numbers_missing_values_and_input_untouched() -> None:
    df = pd.DataFrame({"score": [-0.5, 0.25], "n": [-3, 4], "text": ["=1", None], "s": pd.array(["-x", pd.NA])})
    safe = spreadsheet_safe(df)
    assert safe["score"].tolist() == [-0.5, 0.25] and safe["n"].tolist() == [-3, 4]
    assert safe.loc[0, "text"] == "'=1" and pd.isna(safe.loc[1, "text"])
    assert safe.loc[0, "s"] == "'-x" and pd.isna(safe.loc[1, "s"])
    assert df.loc[0, "text"] == "=1" and df.loc[0, "s"] == "-x"  # a copy, not in place
    assert safe.dtypes.tolist() == df.dtypes.tolist()


def test_index_and_column_labels_are_cells_too() -> None:
    ids = ["=evil", "plain"]
    matrix = pd.DataFrame(np.eye(2), index=pd.Index(ids, name="doc_id"), columns=ids)
    buf = io.StringIO()
    to_spreadsheet_csv(matrix, buf)
    lines = buf.getvalue().splitlines()
    assert lines[0] == "doc_id,'=evil,plain"
    assert lines[1].startswith("'=evil,")
    grouped = pd.DataFrame({"v": [1]}, index=pd.MultiIndex.from_tuples([("@a", "+b")], names=["x", "y"]))
    assert spreadsheet_safe(grouped).index.tolist() == [("'@a", "'+b")]


def test_categorical_column() -> None:
    df = pd.DataFrame({"role": pd.Categorical(["=x", "body", "=x"])})
    assert spreadsheet_safe(df)["role"].astype(str).tolist() == ["'=x", "body", "'=x"]


def test_writes_a_file_and_returns_none(tmp_path) -> None:
    path = tmp_path / "out.csv"
    assert to_spreadsheet_csv(pd.DataFrame({"a": ["=1"]}), path, index=False) is None
    assert path.read_text(encoding="utf-8") == "a\n'=1\n"


def test_prefixes_are_the_owasp_list() -> None:
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


def test_notebooks_write_their_csvs_through_the_library() -> None:
    """Every CSV a notebook saves under reports/ goes through to_spreadsheet_csv (text cells from scraped pages)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "notebooks"
    notebooks = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    assert notebooks
    for nb in notebooks:
        twin = nb.with_suffix(".py")  # the jupytext twin beside the notebook
        source = twin.read_text(encoding="utf-8")
        assert ".to_csv(" not in source, twin.name
        assert "to_spreadsheet_csv(" in source, twin.name
        assert ".to_csv(" not in nb.read_text(encoding="utf-8"), nb.name

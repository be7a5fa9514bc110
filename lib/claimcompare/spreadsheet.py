"""CSV meant for spreadsheets: cells that would run as a formula are neutralised.

Article text, ids and outlet names come from scraped pages and users' files,
so a cell may begin with ``=HYPERLINK(...)``; Excel, LibreOffice and Google
Sheets run such a cell as a formula when the CSV is opened ("CSV injection").
Following the OWASP rule (https://owasp.org/www-community/attacks/CSV_Injection),
:func:`spreadsheet_safe` prefixes one single quote ``'`` to every text cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(:data:`FORMULA_PREFIXES`); a spreadsheet then shows the cell as text.
Numbers (a negative score or margin) are numbers, not text, and are left as
they are, as are index and column labels that are not text.

The offsets contract, read through such a CSV: ``start`` and ``end`` are
unchanged and index the original file, so for a neutralised cell
``text == "'" + original[start:end]``; drop the one leading quote of a cell
whose next character is in :data:`FORMULA_PREFIXES` to get the exact text.
Programs that need the exact text should read the exact forms instead:
``claimcompare ... --format csv-exact`` or ``--format json``, or the
DataFrames themselves.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FORMULA_PREFIXES", "spreadsheet_safe", "to_spreadsheet_csv"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe_labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_safe_labels(level) for level in index.levels])
    if index.dtype == object or pd.api.types.is_string_dtype(index.dtype):
        return index.map(_safe_cell)
    return index


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells cannot run as spreadsheet formulas.

    Every string cell (in object, string or categorical columns, and in the
    index and column labels) that begins with one of :data:`FORMULA_PREFIXES`
    gets one leading ``'``; all other cells, dtypes and the row order are
    unchanged.  ``table`` itself is not modified.
    """
    out = table.copy()
    for position, column in enumerate(out.columns):
        series = out.iloc[:, position]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.cat.rename_categories(_safe_labels(series.cat.categories))
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            series = pd.Series([_safe_cell(v) for v in series], index=series.index, dtype=series.dtype, name=column)
        else:
            continue
        out.isetitem(position, series)
    out.index = _safe_labels(out.index)
    out.columns = _safe_labels(out.columns)
    return out


def to_spreadsheet_csv(table: pd.DataFrame, path_or_buf: Any, **to_csv_options: Any) -> None:
    """Write ``table`` as CSV for spreadsheets: :func:`spreadsheet_safe`, then :meth:`DataFrame.to_csv`.

    ``path_or_buf`` and ``to_csv_options`` (``index=False`` ...) are passed
    to :meth:`pandas.DataFrame.to_csv`; lines end with ``"\\n"`` on every
    platform unless ``lineterminator`` says otherwise.  Returns ``None`` (so a
    notebook cell ending with it shows nothing).  Use it for every CSV a
    person may open in a spreadsheet (the command line's ``--format csv``,
    the CSVs under ``reports/``); see the module docstring for how offsets
    read then.
    """
    to_csv_options.setdefault("lineterminator", "\n")
    spreadsheet_safe(table).to_csv(path_or_buf, **to_csv_options)

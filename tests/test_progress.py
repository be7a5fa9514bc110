"""Tests for claimcompare.progress: bars only for a person at a terminal, output unchanged."""

from __future__ import annotations

import io
import sys

import pandas as pd
import pytest

from claimcompare import corpus_from_texts, sentences_table
from claimcompare.align import align_corpus
from claimcompare.progress import ENV_VAR, progress, progress_enabled


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("stream", "env", "enabled", "expected"),
    [
        (_Pipe, None, None, False),  # a pipe, a log file, a notebook kernel
        (_Terminal, None, None, True),  # a person at a terminal
        (_Terminal, "0", None, False),  # turned off by the environment
        (_Terminal, "1", None, True),
        (_Terminal, "", None, True),
        (_Pipe, "1", None, False),  # the variable cannot make a pipe a terminal
        (_Pipe, None, True, True),  # forced on
        (_Terminal, "0", True, True),  # forcing beats the environment
        (_Terminal, None, False, False),  # forced off
    ],
)
def test_when_bars_are_enabled(monkeypatch, stream, env, enabled, expected):
    monkeypatch.setattr(sys, "stderr", stream())
    if env is None:
        monkeypatch.delenv(ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(ENV_VAR, env)
    assert progress_enabled(enabled) is expected


@pytest.mark.parametrize("stream", [_Pipe, _Terminal])
def test_off_returns_the_iterable_itself_and_writes_nothing(monkeypatch, stream):
    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setenv(ENV_VAR, "0")
    items = [3, 1, 2]
    assert progress(items, desc="work") is items
    assert err.getvalue() == ""


def test_off_when_stderr_is_closed_or_missing(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    closed = _Pipe()
    closed.close()
    monkeypatch.setattr(sys, "stderr", closed)
    assert progress_enabled() is False
    monkeypatch.setattr(sys, "stderr", None)
    assert progress_enabled() is False


@pytest.mark.parametrize("items", [[], ["a"], list(range(120)), [("x", 1), ("y", 2)]])
def test_forced_bar_draws_on_stderr_and_yields_the_same_items(monkeypatch, capsys, items):
    err = _Pipe()
    monkeypatch.setattr(sys, "stderr", err)
    out = list(progress(iter(items), total=len(items), desc="pairs", enabled=True))
    assert out == list(items)
    assert "pairs" in err.getvalue()
    assert capsys.readouterr().out == ""


def test_bar_closes_when_the_loop_stops_early(monkeypatch):
    err = _Pipe()
    monkeypatch.setattr(sys, "stderr", err)
    seen = []
    for k in progress(range(100), desc="early", enabled=True):
        seen.append(k)
        if k == 4:
            break
    assert seen == [0, 1, 2, 3, 4]
    assert "early" in err.getvalue()


def test_without_tqdm_no_bar_and_same_items(monkeypatch):
    err = _Pipe()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    items = [1, 2, 3]
    assert progress(items, enabled=True) is items
    assert err.getvalue() == ""


def _reports(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` short invented reports of one event: n * (n - 1) / 2 document pairs."""
    texts = {
        f"outlet-{k:02d}": (
            f"Ministers meet in Ostra for talks number {k}\n\n"
            f"OSTRA — Petra Lind and Amos Vey agreed to reopen {k + 2} border crossings on Sunday.\n\n"
            f"Lind said trade across the river had doubled since the ceasefire, report {k} says.\n\n"
            f"Vey said Ostrenia would simplify customs rules for farmers in {k + 1} districts.\n"
        )
        for k in range(n)
    }
    meta = pd.DataFrame(
        {"doc_id": sorted(texts), "event_date": "2024-03-03", "event_title": "Lind meets Vey in Ostra"}
    )
    corpus = corpus_from_texts(texts, meta)
    return sentences_table(corpus), corpus.documents


@pytest.mark.parametrize("n_docs", [3, 12])  # 3 and 66 document pairs (the bar's threshold is 50)
def test_align_corpus_output_is_identical_with_and_without_bars(monkeypatch, capsys, n_docs):
    sentences, documents = _reports(n_docs)
    err = _Pipe()
    monkeypatch.setattr(sys, "stderr", err)
    quiet = align_corpus(sentences, documents, show_progress=False)
    assert err.getvalue() == ""
    loud = align_corpus(sentences, documents, show_progress=True)
    assert "aligning document pairs" in err.getvalue()
    pd.testing.assert_frame_equal(quiet, loud)
    assert len(quiet) > 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("n_docs", "drawn"), [(3, False), (12, True)])
def test_align_corpus_auto_bar_only_in_a_terminal_and_for_many_pairs(monkeypatch, n_docs, drawn):
    sentences, documents = _reports(n_docs)
    monkeypatch.delenv(ENV_VAR, raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    align_corpus(sentences, documents)
    assert ("aligning document pairs" in terminal.getvalue()) is drawn
    pipe = _Pipe()
    monkeypatch.setattr(sys, "stderr", pipe)
    align_corpus(sentences, documents)
    assert pipe.getvalue() == ""


@pytest.mark.parametrize(("n_files", "drawn"), [(3, False), (201, True)])
def test_load_corpus_bar_only_in_a_terminal_and_for_many_files(tmp_path, monkeypatch, n_files, drawn):
    from claimcompare import load_corpus

    for k in range(n_files):
        (tmp_path / f"a{k:04d}.txt").write_text(f"Ministers met in Ostra for talks number {k}.\n\nLind said report {k} was true.\n", encoding="utf-8")
    monkeypatch.delenv(ENV_VAR, raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    shown = load_corpus(tmp_path)
    assert ("reading articles" in terminal.getvalue()) is drawn
    pipe = _Pipe()
    monkeypatch.setattr(sys, "stderr", pipe)
    quiet = load_corpus(tmp_path)
    assert pipe.getvalue() == ""
    pd.testing.assert_frame_equal(shown.documents, quiet.documents)


@pytest.mark.parametrize(("n", "min_items", "drawn"), [(5, 5, False), (6, 5, True), (1, 0, True)])
def test_min_items_keeps_short_loops_quiet(monkeypatch, n, min_items, drawn):
    monkeypatch.delenv(ENV_VAR, raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress(range(n), desc="working", min_items=min_items)) == list(range(n))
    assert ("working" in terminal.getvalue()) is drawn
    # forcing still wins over the threshold
    assert list(progress(range(n), desc="forced", min_items=100, enabled=True)) == list(range(n))
    assert "forced" in terminal.getvalue()


@pytest.mark.parametrize(("n_docs", "drawn"), [(3, False), (12, True)])
def test_learned_aligner_bar_only_when_asked_or_in_a_terminal_for_many_pairs_and_output_identical(monkeypatch, n_docs, drawn):
    from claimcompare.aligner import DEFAULT_ALIGNER, Aligner, align_with

    sentences, documents = _reports(n_docs)
    monkeypatch.delenv(ENV_VAR, raising=False)
    quiet = Aligner().fit(sentences, documents).align()  # default: no bar, whatever the stream
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    auto = align_with(DEFAULT_ALIGNER, sentences, documents, show_progress=None)
    assert ("scoring document pairs" in terminal.getvalue()) is drawn
    pd.testing.assert_frame_equal(quiet, auto)
    assert len(quiet) > 0

"""Tests for candidate_pairs(by="ann") and date windows (claimcompare.align.AnnSearch).

Small hand-made corpora: topics of distinct vocabulary, several reports per
topic, so the most similar documents are known.  No timings here: speed and
recall at scale are measured by benchmarks/pairs.py.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from claimcompare import candidate_pairs
from claimcompare.align import ANN_BACKENDS, AnnSearch
from claimcompare.embeddings import MissingExtraError

TOPICS = [
    "harbour ferry strike dockworkers wages union port shipping",
    "wildfire evacuation forest firefighters smoke hills homes",
    "election ballot turnout candidates parliament votes count",
    "vaccine trial patients dose hospital clinical results",
    "drought reservoir water rationing farmers crops rain",
    "satellite launch rocket orbit space agency mission",
]
FILLER = "report today officials statement week city".split()


def make_sentences(per_topic: int = 4, topics: int = len(TOPICS)) -> pd.DataFrame:
    """``per_topic`` reports of each topic; each report: 3 sentences of its topic's words plus filler."""
    rows = []
    for t in range(topics):
        words = TOPICS[t].split()
        for r in range(per_topic):
            doc = f"t{t}-r{r}"
            for s in range(3):
                picked = [words[(s * 3 + r + k) % len(words)] for k in range(4)]
                rows.append((doc, s, "body", " ".join([*picked, FILLER[(t + r + s) % len(FILLER)]]).capitalize() + "."))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "role", "text"])


def documents_with_dates(sentences: pd.DataFrame, days: dict[str, str | None]) -> pd.DataFrame:
    docs = sorted(sentences["doc_id"].unique())
    return pd.DataFrame({"doc_id": docs, "published": [days.get(d) for d in docs]})


#: Each backend; pynndescent's first search in a process compiles with numba (a minute or more).
BACKENDS = [pytest.param(b, marks=[pytest.mark.slow] if b == "pynndescent" else []) for b in ANN_BACKENDS]


def pair_set(pairs: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(pairs["doc_a"], pairs["doc_b"]))


@pytest.fixture(scope="module")
def sentences() -> pd.DataFrame:
    return make_sentences()


def test_exact_pairs_of_the_fixture_are_within_topics(sentences):
    exact = candidate_pairs(sentences, by="similarity", top_k=3, min_doc_score=0.0)
    assert len(exact)
    assert all(a.split("-")[0] == b.split("-")[0] for a, b in pair_set(exact))


def test_ann_small_corpus_equals_the_exact_search(sentences):
    """Below brute_max and dims the search is exact, so the table is the exact one, scores included."""
    exact = candidate_pairs(sentences, by="similarity", top_k=3)
    ann = candidate_pairs(sentences, by="ann", top_k=3)
    pd.testing.assert_frame_equal(ann, exact)


@pytest.mark.parametrize("backend", BACKENDS)
def test_ann_index_finds_the_exact_pairs_on_a_clear_cut_case(sentences, backend):
    pytest.importorskip(backend)
    exact = candidate_pairs(sentences, by="similarity", top_k=3)
    search = AnnSearch(backend=backend, dims=8, candidates=6, brute_max=0)  # force the index, and the SVD
    ann = candidate_pairs(sentences, by="ann", top_k=3, ann=search)
    assert pair_set(exact) <= pair_set(ann)
    both = exact.merge(ann, on=["doc_a", "doc_b"], suffixes=("_exact", "_ann"))
    assert (both["doc_score_exact"] == both["doc_score_ann"]).all()
    assert (ann["reason"] == "similar documents").all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ann_is_deterministic(sentences, backend):
    pytest.importorskip(backend)
    search = AnnSearch(backend=backend, dims=8, candidates=4, brute_max=0, random_state=7)
    first = candidate_pairs(sentences, by="ann", top_k=2, ann=search)
    second = candidate_pairs(sentences, by="ann", top_k=2, ann=AnnSearch(**search.get_params()))
    pd.testing.assert_frame_equal(first, second)
    assert first.to_csv(index=False) == second.to_csv(index=False)
    n1 = search.neighbours(np.eye(12)[np.arange(30) % 12] + 0.01 * (np.arange(30) % 5)[:, None])
    n2 = search.neighbours(np.eye(12)[np.arange(30) % 12] + 0.01 * (np.arange(30) % 5)[:, None])
    pd.testing.assert_frame_equal(n1, n2)


def _dated(sentences: pd.DataFrame) -> pd.DataFrame:
    """Reports of a topic spread over time: report r on day 10 * r (t0's report 3 undated)."""
    days = {}
    for doc in sentences["doc_id"].unique():
        t, r = doc.split("-")
        days[doc] = None if doc == "t0-r3" else f"2024-01-{1 + 10 * int(r[1:]):02d}"
    return documents_with_dates(sentences, days)


@pytest.mark.parametrize("by,search", [
    ("similarity", None),
    ("ann", None),
    *[pytest.param("ann", AnnSearch(backend=b, dims=8, candidates=10, brute_max=0), marks=[pytest.mark.slow] if b == "pynndescent" else [], id=f"ann-{b}")
      for b in ANN_BACKENDS],
], ids=lambda v: v if isinstance(v, str) else None)
def test_date_windows_are_respected(sentences, by, search):
    if search is not None:
        pytest.importorskip(search.backend)
    documents = _dated(sentences)
    day = dict(zip(documents["doc_id"], pd.to_datetime(documents["published"])))
    pairs = candidate_pairs(sentences, documents, by=by, top_k=3, min_doc_score=0.0, window_days=5, ann=search)
    assert len(pairs)
    for a, b in pair_set(pairs):
        if pd.notna(day[a]) and pd.notna(day[b]):
            assert abs((day[a] - day[b]).days) <= 5, (a, b)
    # the undated report may pair with reports of any date
    assert any("t0-r3" in p for p in pair_set(pairs))
    # a window wide enough for every date gives the pairs without a window
    wide = candidate_pairs(sentences, documents, by=by, top_k=3, min_doc_score=0.0, window_days=365, ann=search)
    none = candidate_pairs(sentences, documents, by=by, top_k=3, min_doc_score=0.0, ann=search)
    assert pair_set(wide) == pair_set(none)


def test_window_pairs_by_ann_equal_the_exact_window_pairs_on_a_small_corpus(sentences):
    documents = _dated(sentences)
    exact = candidate_pairs(sentences, documents, by="similarity", top_k=3, window_days=12)
    ann = candidate_pairs(sentences, documents, by="ann", top_k=3, window_days=12)
    pd.testing.assert_frame_equal(ann, exact)


def test_default_search_is_unchanged_by_the_new_options(sentences):
    documents = _dated(sentences)
    plain = candidate_pairs(sentences, documents, by="similarity")
    assert plain.equals(candidate_pairs(sentences, documents, by="similarity", window_days=None))


def test_missing_extra_gives_one_clear_line(sentences, monkeypatch):
    monkeypatch.setitem(sys.modules, "hnswlib", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "pynndescent", None)
    assert len(candidate_pairs(sentences, by="ann"))  # a corpus of at most brute_max documents needs no index
    with pytest.raises(MissingExtraError) as err:
        candidate_pairs(sentences, by="ann", ann=AnnSearch(brute_max=0))
    message = str(err.value)
    assert "\n" not in message
    assert "pip install 'claimcompare[ann]'" in message and "hnswlib" in message and "by='similarity'" in message
    with pytest.raises(MissingExtraError, match=r"claimcompare\[ann-pynndescent\]"):
        candidate_pairs(sentences, by="ann", ann=AnnSearch(backend="pynndescent", brute_max=0))


def test_bad_options(sentences):
    with pytest.raises(ValueError, match="backend"):
        candidate_pairs(sentences, by="ann", ann=AnnSearch(backend="faiss"))
    with pytest.raises(ValueError, match="window_days"):
        candidate_pairs(sentences, _dated(sentences), by="ann", window_days=-1)
    with pytest.raises(ValueError, match="'ann'"):
        candidate_pairs(sentences, by="nearest")


def test_neighbours_table_contract():
    x = np.eye(6)[[0, 0, 1, 1, 2, 2, 3]]
    x[6] = 0  # a document without words: nobody's neighbour
    out = AnnSearch(candidates=1).neighbours(x)
    assert list(out.columns) == ["query", "neighbour"] and str(out["query"].dtype) == "int64"
    assert set(zip(out["query"], out["neighbour"])) == {(0, 1), (1, 0), (2, 3), (3, 2), (4, 5), (5, 4)}
    assert out.equals(out.sort_values(["query", "neighbour"], ignore_index=True))

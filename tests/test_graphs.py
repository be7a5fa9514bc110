"""Tests for claimcompare.graphs: connected components of documents linked in pairs."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcompare.graphs import COMPONENT_COLUMNS, linked_components
from hypothesis_profiles import examples


def _links(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["doc_a", "doc_b"])


def _union_find(ids: list[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """A plain union-find, the component labelled by its smallest id: the reference."""
    parent = {d: d for d in ids}

    def find(d: str) -> str:
        while parent[d] != d:
            d = parent[d]
        return d

    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {d: find(d) for d in ids}


@pytest.mark.parametrize(
    ("ids", "pairs", "component"),
    [
        ([], [], []),
        (["a"], [], ["a"]),
        (["b", "a", "c"], [], ["a", "b", "c"]),
        (["a", "b", "c"], [("c", "a")], ["a", "b", "a"]),
        (["a", "b", "c", "d"], [("d", "c"), ("b", "c")], ["a", "b", "b", "b"]),
        (["a", "b"], [("a", "a")], ["a", "b"]),
        (["a", "b"], [("a", "b"), ("b", "a"), ("a", "b")], ["a", "a"]),
        (["a", "b"], [("a", "zz"), ("zz", "b")], ["a", "b"]),
        (["Ελλάδα", "b", "10", "9"], [("9", "10"), ("Ελλάδα", "b")], ["10", "10", "b", "b"]),
    ],
    ids=["empty", "one", "no-links", "one-link", "chain", "self-link", "repeated-link", "unknown-ids", "strings-sorted"],
)
def test_linked_components(ids: list[str], pairs: list[tuple[str, str]], component: list[str]) -> None:
    out = linked_components(ids, _links(pairs))
    assert tuple(out.columns) == COMPONENT_COLUMNS
    assert out["doc_id"].tolist() == sorted(ids)
    assert out["component"].tolist() == component
    sizes = pd.Series(component, dtype=object).value_counts()
    assert out["component_size"].tolist() == [int(sizes[c]) for c in component]
    assert str(out["component_size"].dtype) == "int64"


def test_repeated_ids_and_other_column_names() -> None:
    links = pd.DataFrame({"left": ["b"], "right": ["c"]})
    out = linked_components(["c", "b", "a", "b"], links, a="left", b="right")
    assert out["doc_id"].tolist() == ["a", "b", "c"]
    assert out["component"].tolist() == ["a", "b", "b"]


def test_numbers_are_read_as_strings() -> None:
    out = linked_components([2, 10], pd.DataFrame({"doc_a": [10], "doc_b": [2]}))
    assert out["doc_id"].tolist() == ["10", "2"]
    assert out["component"].tolist() == ["10", "10"]


def test_missing_link_columns_are_refused() -> None:
    with pytest.raises(ValueError, match="doc_b"):
        linked_components(["a"], pd.DataFrame({"doc_a": ["a"]}))


@settings(max_examples=examples(100), deadline=None)
@given(
    n=st.integers(min_value=0, max_value=30),
    pairs=st.lists(st.tuples(st.integers(0, 34), st.integers(0, 34)), max_size=40),
)
def test_same_as_union_find_and_independent_of_link_order(n: int, pairs: list[tuple[int, int]]) -> None:
    ids = [f"d{k}" for k in range(n)]
    named = [(f"d{a}", f"d{b}") for a, b in pairs]
    out = linked_components(ids, _links(named))
    assert dict(zip(out["doc_id"], out["component"])) == _union_find(ids, named)
    again = linked_components(list(reversed(ids)), _links([(b, a) for a, b in reversed(named)]))
    pd.testing.assert_frame_equal(out, again)

"""The event page: statements x outlets, unique statements, omissions, speakers, leads (claimcompare.eventpage)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from claimcompare import align_corpus, load_corpus, sentences_table
from claimcompare.attribution import attribute_speakers
from claimcompare.eventpage import (
    GRID_COLUMNS,
    event_keys,
    event_page,
    omissions,
    report_leads,
    speaker_conflicts,
    statement_grid,
)

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "invented-corpus"


def _link(da: str, sa: int, ta: str, db: str, sb: int, tb: str, score: float = 0.8) -> dict:
    return {"doc_a": da, "sent_a": sa, "text_a": ta, "doc_b": db, "sent_b": sb, "text_b": tb,
            "score": score, "cosine": score, "margin": 0.1, "rule": "mutual-best"}  # fmt: skip


# Three invented reports: a, b (b a copy of a's wire text) and c.
A0, B0, C0 = "The mayor opened the new bridge on Monday.", "The mayor opened the new bridge on Monday.", "The mayor opened a bridge on Monday morning."
A1, C1 = "The bridge cost 40 million crowns, she said.", "The bridge cost 42 million crowns, the council said."
ALIGN = pd.DataFrame([_link("a", 0, A0, "b", 0, B0, 0.99), _link("a", 0, A0, "c", 0, C0), _link("b", 0, B0, "c", 0, C0),
                      _link("a", 1, A1, "c", 1, C1, 0.6)])  # fmt: skip
SENTS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "b", "c", "c", "c"],
        "sent_id": [0, 1, 2, 0, 0, 1, 2],
        "role": ["body"] * 7,
        "text": [A0, A1, "Traffic will resume next week.", B0, C0, C1, "Critics called the project <late> & costly."],
        "event": [""] * 7,
    }
)
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["Alpha Post", "Beta Times", "Gamma <News>"]})
FAMILIES = {"a": "a", "b": "a", "c": "c"}


def test_grid_rows_are_statements_columns_families_most_carried_first() -> None:
    grid = statement_grid(ALIGN, FAMILIES)
    assert list(grid.columns) == list(GRID_COLUMNS)
    assert grid["statement"].tolist() == [1, 1, 2, 2]
    assert grid["family"].tolist() == ["a", "c", "a", "c"]
    first = grid[(grid["statement"] == 1) & (grid["family"] == "a")].iloc[0]
    assert first["doc_id"] == "a" and first["copies"] == 1  # b is a copy of a: one family, counted once
    assert grid["n_families"].tolist() == [2, 2, 2, 2]


def test_grid_sorts_what_more_families_carry_first() -> None:
    extra = pd.DataFrame([_link("a", 2, "x y z", "c", 2, "x y w"), _link("a", 2, "x y z", "d", 5, "x y v")])
    grid = statement_grid(pd.concat([ALIGN, extra], ignore_index=True), {**FAMILIES, "d": "d"})
    top = grid[grid["statement"] == 1]
    assert set(top["family"]) == {"a", "c", "d"} and top["n_families"].iloc[0] == 3


def test_grid_of_no_links_is_empty_with_its_columns() -> None:
    grid = statement_grid(ALIGN.iloc[:0], FAMILIES)
    assert grid.empty and list(grid.columns) == list(GRID_COLUMNS)


def test_omissions_name_the_family_that_leaves_out_what_most_carry() -> None:
    grid = statement_grid(ALIGN, FAMILIES)
    om = omissions(grid, ["a", "c", "d"])
    assert om["family"].tolist() == ["d", "d"] and om["statement"].tolist() == [1, 2]
    assert omissions(grid, ["a", "c", "d", "e", "f"]).empty  # 2 of 5 is not most


def test_speaker_conflicts_need_two_different_named_speakers() -> None:
    grid = statement_grid(ALIGN, FAMILIES)
    speakers = pd.DataFrame({"doc_id": ["a", "c", "a", "c"], "sent_id": [1, 1, 0, 0], "speaker": ["Mayor", "council", "outlet", "outlet"],
                             "speaker_type": ["person", "group", "outlet", "outlet"]})  # fmt: skip
    conf = speaker_conflicts(grid, speakers)
    assert conf["statement"].tolist() == [2, 2] and conf["speaker"].tolist() == ["Mayor", "council"]
    same = speakers.assign(speaker=["Mayor", "mayor", "outlet", "outlet"])
    assert speaker_conflicts(grid, same).empty
    one_person = speakers.assign(speaker=["Petra Lind", "Lind", "outlet", "outlet"], speaker_type=["person", "person", "outlet", "outlet"])
    assert speaker_conflicts(grid, one_person).empty  # full name and surname: one speaker


def test_leads_are_first_body_sentences() -> None:
    rows = SENTS.assign(role=["headline", "body", "body", "body", "body", "body", "body"])
    assert report_leads(rows)[["doc_id", "sent_id"]].values.tolist() == [["a", 1], ["b", 0], ["c", 0]]


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _page(**kw) -> str:
    return event_page(SENTS, ALIGN, DOCS, families=pd.DataFrame({"doc_id": list(FAMILIES), "family": list(FAMILIES.values())}), **kw)


def test_page_is_self_contained_escaped_and_deterministic() -> None:
    page = _page(title="Bridge <opening>")
    assert page == _page(title="Bridge <opening>")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<opening>" not in page and "&lt;opening&gt;" in page
    assert "<late>" not in page and "&lt;late&gt; &amp;" in page and "Gamma &lt;News&gt;" in page
    p = _Parsed()
    p.feed(page)
    assert not any(t == "script" and "src" in a for t, a in p.tags)  # inline script only
    assert not any(t == "link" for t, _ in p.tags)
    assert "http" not in page
    assert "index.html" not in page and 'href="index.html"' in _page(index_href="index.html")


def test_page_columns_are_families_cells_marked_and_blank_where_missing() -> None:
    page = _page()
    head = re.search(r'<table class="cc-sortable" id="cc-statements"><thead>(.*?)</thead>', page).group(1)
    assert "Alpha Post / Beta Times" in head and "Gamma &lt;News&gt;" in head  # b is a copy of a: one column
    assert '<mark class="cc-differs">40</mark>' in page and '<mark class="cc-differs">42</mark>' in page
    assert "and 1 copy in the same family" in page
    assert "Legend" in page
    only = page[page.index('id="only-one"'):page.index('id="left-out"')]
    assert "Traffic will resume next week." in only and "Alpha Post / Beta Times" in only
    assert "opened the new bridge" not in only


def test_page_shows_speakers_when_given() -> None:
    speakers = pd.DataFrame({"doc_id": ["a", "c"], "sent_id": [1, 1], "speaker": ["Mayor", "council"], "speaker_type": ["person", "group"]})
    page = _page(speakers=speakers)
    assert "speaker: <em>Mayor</em>" in page
    section = page[page.index('id="speakers"'):page.index('id="leads"')]
    assert "council" in section and "Mayor" in section
    assert "Speakers were not computed" in _page()


@pytest.fixture(scope="module")
def invented():
    corpus = load_corpus(INVENTED)
    sentences = sentences_table(corpus)
    return corpus, sentences, align_corpus(sentences, corpus.documents, semantic="off")


def test_invented_corpus_event_page(invented) -> None:
    corpus, sentences, alignment = invented
    events = event_keys(corpus.documents)
    several = events[events["n_reports"] >= 2]
    assert len(several) >= 1
    event = several["event"].iloc[0]
    page = event_page(sentences, alignment, corpus.documents, event=event, speakers=attribute_speakers(sentences))
    assert "Nordpress" in page and "Baltic Wire" in page
    assert "Lind" in page
    # a page built from another corpus never names the seeds' outlets, people or places
    for word in ("Xinhua", "China Daily", "Khovar", "Wang Yi", "Rahmon", "Shoigu", "Dushanbe", "Tajikistan", "Wei Fenghe"):
        assert word not in page
    # the other event's report (a different date) is not a column of this page
    assert "nordpress-2024-06-11" not in page


TRAINING = ["2023-03-17-icc-putin-arrest-warrant", "2023-04-02-opec-plus-voluntary-cuts", "2023-05-28-turkey-presidential-runoff",
            "2023-06-18-blinken-beijing-visit", "2023-09-14-derna-flood-death-toll"]  # fmt: skip
SEED_WORDS = ("Khovar", "China Daily", "Rahmon", "Wei Fenghe", "Shoigu", "Dushanbe", "Tajikistan", "Mirzo")


@pytest.mark.slow
@pytest.mark.parametrize("name", TRAINING)
def test_training_event_pages_name_no_seed_words(name: str, tmp_path: Path, monkeypatch) -> None:
    from claimcompare.report import write_event_pages

    monkeypatch.setenv("CLAIMCOMPARE_SEMANTIC", "off")
    write_event_pages(ROOT / "benchmarks" / "realnews" / "events" / name, tmp_path)
    pages = sorted(tmp_path.glob("event-*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(w in text for w in SEED_WORDS), page.name
        assert text.count("<table") == text.count("</table>")

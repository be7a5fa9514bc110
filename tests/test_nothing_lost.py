"""Nothing lost: every character of every input is in a sentence or in a recorded removed span.

A property test (hypothesis) over generated articles: paragraphs of words,
punctuation and quotes; navigation-like short lines, breadcrumbs, datelines,
update stamps, captions, editor and copyright lines; text in other scripts,
emoji and combining marks; LF, CRLF and lone CR line ends, blank lines and
stray spaces.  For the whole corpus built with
:func:`claimcompare.corpus.corpus_from_texts`:

* every row of :func:`sentences_table` is ``text[start:end]`` of its document;
* every non-whitespace character of every text is in exactly one row;
* every row lies inside one block of the same role and paragraph, and every
  row that is not ``body`` lies inside a span listed by ``Corpus.removed()``
  (which lists exactly the blocks that are not ``body``).

A second property reads the generated texts back from files (UTF-8, UTF-8
with a byte-order mark, Windows-1252 where the text fits it) and checks that
:func:`read_article` returns exactly the text written.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis_profiles import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimcompare import corpus_from_texts, read_article, sentences_table

WORDS = st.sampled_from(
    [
        "Valdoria", "Ostrenia", "minister", "said", "the", "talks", "were", "constructive", "U.S.", "Gen.",
        "No.", "5", "3.5%", "27.07.2021", "border", "trade", "grain", "Lind", "Vey", "e.g.", "i.e.", "Mr.",
        "“we", "agree,”", "‘yes’", "(Agency)", "—", "--", "–", "…", "...", "café", "naïve", "São", "Zürich",
        "Москва", "заявил", "北京", "会谈", "东京", "🙂", "e\u0301", "co-operation", "anti-terrorism", "self-",
    ]
)  # fmt: skip
END = st.sampled_from([".", "!", "?", "", ".”", "?’", "…", ":", ";", "。", "！", "？"])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=14))
    return " ".join(words) + draw(END)


FURNITURE = st.sampled_from(
    [
        "Home > World > Asia",
        "Home | News | Sport | Contact",
        "Share",
        "Read also",
        "Updated: March 3, 2024 10:15",
        "Release Date:2022-02-14 10:08:06",
        "(Web editor: A. Person)",
        "Editor: Someone",
        "Copyright © 2024 Nordpress. All rights reserved.",
        "Registration number: 12345",
        "Privacy policy | Terms of use",
        "Lind and Vey shake hands in Ostra. (Nordpress/Ana Rell)",
        "Photo: Lind arrives in Ostra",
        "OSTRA, March 3 (Nordpress) --",
        "DUSHANBE, 27.07.2021 (NIAT Khovar) –",
        "BEIJING —",
        "1",
        "*",
        "。",
        "»",
    ]
)
ODD = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,!?;:'\"“”‘’()[]-–—…\t\u00a0\u2009\u3000。！？Жж漢🙂\u0301\x0b\x0c\x85\u2028")),
    max_size=40,
)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["body", "body", "body", "furniture", "dateline", "odd"]))
    if kind == "furniture":
        return draw(FURNITURE)
    if kind == "odd":
        return draw(ODD)
    body = " ".join(draw(st.lists(sentence(), min_size=1, max_size=5)))
    if kind == "dateline":
        return draw(FURNITURE.filter(lambda f: f.endswith(("--", "–", "—")))) + " " + body
    return body


SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", " \n", "\n \n", "\t\r\n", "\n\n\n"])


@st.composite
def article(draw: st.DrawFn) -> str:
    pars = draw(st.lists(paragraph(), min_size=0, max_size=10))
    text = draw(st.sampled_from(["", "\n", " ", "\ufeff"])) if not pars else ""
    for p in pars:
        text += p + draw(SEPARATORS)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


CORPUS = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), article(), min_size=1, max_size=3)


def _check_nothing_lost(texts: dict[str, str], table=sentences_table) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate notes when two generated texts coincide
        corpus = corpus_from_texts(texts)
    sentences = table(corpus)
    blocks = list(corpus.blocks.itertuples(index=False))
    removed = list(corpus.removed().itertuples(index=False))
    # removed() lists exactly the blocks that are not body, each with its text
    assert [(b.doc_id, b.start, b.end, b.role) for b in blocks if b.role != "body"] == [
        (r.doc_id, r.start, r.end, r.role) for r in removed
    ]
    for r in removed:
        assert corpus.texts[r.doc_id][r.start : r.end] == r.text
    covered = {doc_id: [0] * len(text) for doc_id, text in texts.items()}
    sent_ids: dict[str, list[int]] = {doc_id: [] for doc_id in texts}
    for row in sentences.itertuples(index=False):
        text = texts[row.doc_id]
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.text
        for k in range(row.start, row.end):
            covered[row.doc_id][k] += 1
        sent_ids[row.doc_id].append(row.sent_id)
        inside = [b for b in blocks if b.doc_id == row.doc_id and b.start <= row.start and row.end <= b.end]
        assert len(inside) == 1, row
        assert (inside[0].role, inside[0].paragraph) == (row.role, row.paragraph)
        if row.role != "body":
            listed = [
                r for r in removed if r.doc_id == row.doc_id and r.start <= row.start and row.end <= r.end and r.role == row.role
            ]
            assert len(listed) == 1, row
    for doc_id, text in texts.items():
        lost = [(k, ch) for k, ch in enumerate(text) if not ch.isspace() and covered[doc_id][k] != 1]
        assert not lost, (doc_id, lost[:5], text)
        assert sent_ids[doc_id] == list(range(len(sent_ids[doc_id])))


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CORPUS)
def test_every_character_is_in_a_sentence_or_a_removed_span(texts: dict[str, str]) -> None:
    _check_nothing_lost(texts)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
@example("\u2013\n", "cp1252")  # b"\x96\n" was read as UTF-16-BE "阊" (charset-normalizer's guess)
@example("\u201cquoted\u201d\n", "cp1252")
@example("\u2026\n", "cp1252")
@example("caf\u00e9\n", "cp1252")
@example("S\u00e3o", "cp1252")
@example("\u2014 \u2026\r\n", "cp1252")
@example("Caf\u00e9\n\nS\u00e3o Z\u00fcrich\n", "utf-8")
def test_files_read_back_exactly(text: str, encoding: str) -> None:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return  # empty files are refused (tests/test_bad_input.py)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the encoding and script notes
            got = read_article(path)
    assert got == text
    _check_nothing_lost({"x": got})


@pytest.mark.parametrize(
    "damage",
    [lambda t: t.iloc[1:], lambda t: t.assign(role="body"), lambda t: pd.concat([t, t.iloc[:1]])],
    ids=["a sentence dropped", "roles changed", "a sentence twice"],
)
def test_the_check_fails_on_a_damaged_table(damage) -> None:
    """The property is not vacuous: a table that loses or mislabels text fails it."""
    text = "Home > World\n\nLind met Vey in Ostra. Vey met Lind.\r\nCopyright © 2024 Nordpress.\n"
    _check_nothing_lost({"x": text})
    with pytest.raises(AssertionError):
        _check_nothing_lost({"x": text}, table=lambda c: damage(sentences_table(c)).reset_index(drop=True))

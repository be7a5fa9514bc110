"""Tests for claimcompare.clean: page furniture of other formats, recognised by form.

Issue 10 (B, "Cleaning by form"): agency datelines with tags in slashes or
parentheses, press-release datelines, colon datelines, date stamps run into the
first line, live-blog time stamps, captions with position markers and dates,
credit lines in mid-article that must not end the body, subheadings, bylines,
"Read also" lines, editorial notes and promotion lines.

Every fixture is an invented line of the same FORM as the furniture seen on
real pages, about an invented meeting of the foreign ministers of Valdoria and
Ostrenia reported by invented agencies ("Nordpress", "Baltic Wire").  A few
tests at the end run on the real training events of the benchmark.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from test_clean import BODY_1, BODY_2, block_of, check_blocks

from claimcompare import corpus_from_texts, read_article, sentences_table
from claimcompare.clean import label_blocks

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "realnews"

HEADLINE = "Valdoria and Ostrenia sign water accord"
BODY_3 = "Lind said the accord would be put to both parliaments before the summer."


def roles(text: str) -> list[str]:
    return list(label_blocks(text)["role"])


def texts_of(text: str, role: str) -> list[str]:
    blocks = label_blocks(text)
    return blocks.loc[blocks["role"] == role, "text"].tolist()


def between(line: str) -> str:
    """Headline, dateline paragraph, ``line``, then two more body paragraphs."""
    return f"{HEADLINE}\n\nOSTRA — {BODY_1}\n\n{line}\n\n{BODY_2}\n\n{BODY_3}\n"


# ---------------------------------------------------------------------------
# Datelines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    [
        # agency tag in slashes, after a date that ends with a full stop
        "OSTRA, March 3. /Nordpress/.",
        "NEW MERRIN, Mar. 3. /Baltic Wire/.",
        # press-release datelines
        "OSTRA, March 3, 2024 /Baltic Wire/ --",
        "MERRIN, Ostrenia, Nov. 15, 2022 /Nordpress/ -",
        # date first, agency in brackets
        "March 3, (Nordpress) –",
        "Mar 3, (BW) –",
        # place in title case with a date or an agency
        "Ostra, March 3 –",
        "Ostra, Merrin, March 03 (Nordpress) –",
        "Ostra (Nordpress) -",
        # colon datelines
        "New Merrin:",
        "Ostra:",
        "OSTRA:",
        "Ostra, Ostrenia (Nordpress):",
        # agency and date in one bracket, no dash
        "OSTRA (Baltic Wire / Nordpress - 03rd March, 2024)",
    ],
)
def test_dateline_forms_of_other_formats(prefix):
    text = f"{HEADLINE}\n\n{prefix} {BODY_1}\n\n{BODY_2}\n"
    blocks = label_blocks(text)
    check_blocks(text, blocks)
    assert list(blocks["role"]) == ["headline", "dateline", "body", "body"]
    assert blocks.iloc[1]["text"] == prefix
    assert blocks.iloc[2]["text"] == BODY_1


def test_slash_dateline_is_not_split_into_sentences():
    text = f"{HEADLINE}\n\nOSTRA, March 3. /Nordpress/. {BODY_1}\n\n{BODY_2}\n"
    sents = sentences_table(corpus_from_texts({"a": text}))
    body = sents[sents["role"] == "body"]
    assert body["text"].tolist() == [BODY_1, BODY_2]
    assert sents.loc[sents["role"] == "dateline", "text"].tolist() == ["OSTRA, March 3. /Nordpress/."]


def test_dateline_on_its_own_line():
    text = f"{HEADLINE}\nOstra, Ostrenia (Nordpress):\n{BODY_1}\n{BODY_2}\n"
    assert roles(text) == ["headline", "dateline", "body", "body"]


@pytest.mark.parametrize(
    "first",
    [
        "Ostra is quiet after the talks – officials said the border stays shut.",
        "The ministers met in Ostra: both sides agreed to reopen the border.",
        "Lind said: “We will reopen the border crossings within a month.”",
        "March was a busy month for the two ministers, who met three times.",
        "Lind (Valdoria) and Vey (Ostrenia) met in Ostra on Sunday.",
    ],
)
def test_sentences_that_are_not_datelines(first):
    text = f"{HEADLINE}\n\n{first}\n\n{BODY_2}\n"
    assert roles(text) == ["headline", "body", "body"]


# ---------------------------------------------------------------------------
# Stamps
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f" date 2024-03-03 {BODY_1}\n\n{BODY_2}\n", ["stamp", "body", "body"]),
        (f" date 2024-03-03 {HEADLINE}\n\n{BODY_1}\n", ["stamp", "headline", "body"]),
        (
            f" date 2024-03-03 OSTRA, March 3. /Nordpress/. {BODY_1}\n\n{BODY_2}\n",
            ["stamp", "dateline", "body", "body"],
        ),
        (f" date 2024-03-03 03/03/2024 March 3, 2024 {HEADLINE}\n\n{BODY_1}\n", ["stamp", "headline", "body"]),
        (f"March 3, 2024 {BODY_1}\n\n{BODY_2}\n", ["stamp", "body", "body"]),
    ],
    ids=["before body", "before headline", "before dateline", "several dates", "month date before body"],
)
def test_date_stamp_run_into_the_first_line(text, expected):
    blocks = label_blocks(text)
    check_blocks(text, blocks)
    assert list(blocks["role"]) == expected
    assert blocks.iloc[0]["paragraph"] == blocks.iloc[1]["paragraph"] == 0
    assert blocks.iloc[0]["reason"] != ""


@pytest.mark.parametrize(
    "line", ["2024-03-05 07:40:11 Ostra Daily Editor: K. Brenn", "March 3, 2024 Ostra Daily"], ids=["editor", "site"]
)
def test_short_dated_line_stays_one_stamp(line):
    text = f"{HEADLINE}\n{line}\n\nOSTRA — {BODY_1}\n"
    blocks = label_blocks(text)
    assert block_of(blocks, line)["role"] == "stamp"
    assert list(blocks["role"]) == ["headline", "stamp", "dateline", "body"]


def test_label_with_colon_is_not_a_dateline():
    text = f"{HEADLINE}\n\nOstra Daily Editor: K. Brenn\n\n{BODY_1}\n"
    assert "dateline" not in roles(text)


def test_date_stamp_gives_the_publication_date():
    corpus = corpus_from_texts({"a": f" date 2024-03-03 {HEADLINE}\n\n{BODY_1}\n"})
    assert corpus.documents.iloc[0]["published"] == "2024-03-03"
    assert corpus.documents.iloc[0]["title"] == HEADLINE


@pytest.mark.parametrize(
    "line",
    ["4 minutes ago", "2 hours ago", "1 hr ago", "Updated 3 hours ago", "10:45 GMT", "03/03/2024 March 3, 2024"],
)
def test_live_blog_time_stamps(line):
    text = between(line)
    assert block_of(label_blocks(text), line)["role"] == "stamp"
    assert block_of(label_blocks(text), BODY_3)["role"] == "body"


def test_sentence_starting_with_a_date_is_body():
    line = "March 3, 2024 was the first day the crossings were open, Lind said."
    assert block_of(label_blocks(between(line)), line)["role"] == "body"


# ---------------------------------------------------------------------------
# Captions and credits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # position markers
        "Valdorian Foreign Minister Petra Lind (L) walks with Ostrenian Foreign Minister Amos Vey (R) in Ostra.",
        "Petra Lind (2nd R) and Amos Vey (C) pose for a photo after the talks in Ostra on March 2, 2024.",
        "Ministers (L-R) Petra Lind, Amos Vey and Ana Holt sign the accord.",
        # a date after a comma, then a dash credit or nothing
        "Petra Lind meets Amos Vey at the Ostra guesthouse in Ostra, Ostrenia, March 2, 2024.  — Nordpress",
        "Petra Lind arrives in Ostra, Ostrenia on March 2. — Baltic Wire",
        "Petra Lind shakes hands with Amos Vey during a meeting in Ostra, Ostrenia, March 2, 2024.",
        # credits in brackets or after a label
        "Petra Lind shakes hands with Amos Vey. (credit: NORDPRESS/JON MARE/POOL/FILE PHOTO)",
        "The ministers have signed the water accord. Credit:Nordpress",
        "Petra Lind arrives in Ostra. Photo: Baltic Wire",
        "A general view of the river crossing at Ostra (Jon Mare/Nordpress)",
    ],
)
def test_captions_by_form(line):
    text = between(line)
    blocks = label_blocks(text)
    check_blocks(text, blocks)
    assert block_of(blocks, line)["role"] == "caption"
    assert block_of(blocks, BODY_2)["role"] == "body"
    assert block_of(blocks, BODY_3)["role"] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "© Nordpress/Jon Mare",
        "© Nordpress",
        "Photo: Nordpress",
        "Credit: Baltic Wire",
        "(Zed Images)",
        "Jon Mare / Nordpress / Zed Images",
        "Source: Nordpress",
        "Photo by Jon Mare/Nordpress",
    ],
)
def test_credit_lines_do_not_end_the_body(line):
    text = between(line)
    blocks = label_blocks(text)
    check_blocks(text, blocks)
    assert block_of(blocks, line)["role"] == "caption"
    assert block_of(blocks, BODY_2)["role"] == "body"
    assert block_of(blocks, BODY_3)["role"] == "body"
    assert "footer" not in set(blocks["role"])


def test_copyright_notice_with_a_year_still_ends_the_article():
    text = f"{HEADLINE}\n\nOSTRA — {BODY_1}\n\n© 2024 Nordpress. All rights reserved.\n\n{BODY_2}\n"
    assert roles(text)[-2:] == ["copyright", "footer"]


@pytest.mark.parametrize(
    "line",
    [
        "Lind said the talks in Ostra on March 2, 2024 were the best in years.",
        "The accord was signed on Sunday, March 2, 2024.",
        "Lind (left of centre in polls) said the accord would pass.",
        "Vey said the crossings would open on March 10, as Lind had asked.",
        "Senator Jon Mare (R) said on March 3 that the accord would fail in the vote.",
        "Related talks on the railway are planned for May, Lind said.",
        "Like Lind, Vey said the new customs app would help farmers on both banks.",
        "Follow-up talks will be held in Merrin, officials said.",
        "By Sunday evening, Lind and Vey had signed the accord.",
    ],
)
def test_body_sentences_with_dates_or_brackets_stay_body(line):
    assert block_of(label_blocks(between(line)), line)["role"] == "body"


# ---------------------------------------------------------------------------
# Subheadings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Border Trade Doubles After The Ceasefire Deal",
        "What the accord means for farmers on both banks",
        "Neighbours across the region send their warm congratulations",
    ],
)
def test_subheading_between_body_paragraphs(line):
    text = between(line)
    blocks = label_blocks(text)
    b = block_of(blocks, line)
    assert b["role"] == "headline"
    assert "subheading" in b["reason"]
    assert block_of(blocks, BODY_3)["role"] == "body"
    # the title is still the first headline
    assert corpus_from_texts({"a": text}).documents.iloc[0]["title"] == HEADLINE


@pytest.mark.parametrize(
    "line", ["Neighbours send congratulations", "Other leaders send their congratulations", "Ostrenia dismisses demands"]
)
def test_short_subheading_is_not_body(line):
    # Lines of at most five words without sentence punctuation were already
    # navigation; they stay so (a "Share this article" line has the same form).
    text = between(line)
    blocks = label_blocks(text)
    assert block_of(blocks, line)["role"] == "navigation"
    assert block_of(blocks, BODY_3)["role"] == "body"


@pytest.mark.parametrize(
    "last",
    [
        "Lind said the accord would be put to both parliaments before the",  # cut off by an excerpt limit
        "Vey told reporters the crossings would open next week",
    ],
)
def test_unpunctuated_last_paragraph_is_not_a_subheading(last):
    # The text ends in it without sentence punctuation: the sentence it was cut off in
    # (a fragment, left out of alignment), not a subheading.
    text = f"{HEADLINE}\n\nOSTRA — {BODY_1}\n\n{BODY_2}\n\n{last}\n"
    assert block_of(label_blocks(text), last)["role"] == "fragment"


def test_long_unpunctuated_paragraph_between_body_is_body():
    line = (
        "Vey said that Ostrenia would simplify customs rules for Valdorian farmers and that both"
        " sides would meet again in the spring to discuss the railway"
    )
    assert block_of(label_blocks(between(line)), line)["role"] == "body"


# ---------------------------------------------------------------------------
# Bylines, "Read also", editorial notes, promotion lines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Jon Mare",
        "By Jon Mare and Ana Holt, Nordpress",
        "BY JON MARE",
        "Posted by Jon Mare  |   Published: 3rd March 2024 7:07 am",
        "Written by Ana Holt",
        "Author: Ana Holt",
    ],
)
def test_bylines_before_the_body(line):
    text = f"{HEADLINE}\n{line}\n\nOSTRA — {BODY_1}\n\n{BODY_2}\n"
    blocks = label_blocks(text)
    assert block_of(blocks, line)["role"] == "editor"
    assert block_of(blocks, BODY_2)["role"] == "body"
    assert (blocks["role"] == "headline").sum() == 1


def test_sentence_starting_with_by_is_body():
    line = "By the end of the talks, both sides had agreed to reopen the crossings."
    assert block_of(label_blocks(between(line)), line)["role"] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "Read also: Valdoria and Ostrenia hold talks on water sharing",
        "ALSO READ | Ostrenian farmers welcome the new customs rules",
        "READ MORE: Lind to visit Merrin next month",
        "See also: How the river border was drawn",
        "Join our new Nordpress Telegram channel and get the news first!",
        "Subscribe to our newsletter for the latest news from Ostra.",
        "Follow us on social media for more updates.",
    ],
)
def test_read_also_and_promotion_lines(line):
    text = between(line)
    blocks = label_blocks(text)
    assert block_of(blocks, line)["role"] == "navigation"
    assert block_of(blocks, BODY_3)["role"] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "This is a breaking story — more to follow...",
        "More to follow....",
        "More details will be added soon.",
        "This story is developing and will be updated.",
        "Additional reporting by Nordpress.",
    ],
)
def test_editorial_notes_at_the_end(line):
    text = f"{HEADLINE}\n\nOSTRA — {BODY_1}\n\n{BODY_2}\n\n{line}\n"
    blocks = label_blocks(text)
    assert block_of(blocks, line)["role"] == "editor"
    assert block_of(blocks, BODY_2)["role"] == "body"


def test_sentence_mentioning_more_to_follow_is_body():
    line = "Lind said more talks would follow in the spring, and Vey agreed to host them in Ostra."
    assert block_of(label_blocks(between(line)), line)["role"] == "body"


# ---------------------------------------------------------------------------
# A whole page of the new forms, and the contract on random mixtures
# ---------------------------------------------------------------------------

PAGE = (
    " date 2024-03-03 Valdoria and Ostrenia agree to reopen border crossings\n"
    "By Jon Mare\n"
    "2 hours ago\n"
    "Petra Lind (L) greets Amos Vey (R) in Ostra, Ostrenia, March 2, 2024. (credit: NORDPRESS/JON MARE)\n"
    "\n"
    f"OSTRA, March 3. /Nordpress/. {BODY_1}\n"
    "\n"
    "READ MORE: Lind to visit Merrin next month\n"
    "\n"
    f"{BODY_2}\n"
    "\n"
    "© Nordpress/Jiji\n"
    "\n"
    "What the new accord means for farmers\n"
    "\n"
    f"{BODY_3}\n"
    "\n"
    "More to follow...\n"
    "\n"
    "Copyright © 2024 Nordpress. All rights reserved.\n"
)


def test_page_of_new_forms():
    blocks = label_blocks(PAGE)
    check_blocks(PAGE, blocks)
    assert list(blocks["role"]) == [
        "stamp",
        "headline",
        "editor",
        "stamp",
        "caption",
        "dateline",
        "body",
        "navigation",
        "body",
        "caption",
        "headline",
        "body",
        "editor",
        "copyright",
    ]
    assert texts_of(PAGE, "body") == [BODY_1, BODY_2, BODY_3]


def test_page_of_new_forms_does_not_depend_on_agency_name():
    renamed = PAGE.replace("Nordpress", "Zq Media").replace("NORDPRESS", "ZQ MEDIA").replace("Jiji", "Qx")
    assert roles(renamed) == roles(PAGE)


FURNITURE = [
    " date 2024-03-03",
    "OSTRA, March 3. /Nordpress/.",
    "March 3, (Nordpress) –",
    "New Merrin:",
    "4 minutes ago",
    "© Nordpress/Jiji",
    "(Zed Images)",
    "By Jon Mare",
    "READ MORE: Lind to visit Merrin",
    "Other leaders send their congratulations",
    "More to follow...",
    "Petra Lind (L) greets Amos Vey (R). — Nordpress",
]


@settings(max_examples=examples(100), deadline=None)
@given(
    st.lists(st.sampled_from(FURNITURE + [BODY_1, BODY_2, BODY_3, HEADLINE]), max_size=12),
    st.lists(st.sampled_from(["\n", "\n\n", " ", "\r\n"]), min_size=12, max_size=12),
)
def test_contract_on_mixtures_of_new_forms(lines, seps):
    text = "".join(line + sep for line, sep in zip(lines, seps))
    check_blocks(text, label_blocks(text))


# ---------------------------------------------------------------------------
# Training events of the real-news benchmark (never the test events)
# ---------------------------------------------------------------------------


def training_events() -> list[Path]:
    with open(BENCH / "split.csv", encoding="utf-8", newline="") as fh:
        return sorted(BENCH / "events" / r["event"] for r in csv.DictReader(fh) if r["split"] == "train")


def gold_units(event: Path) -> dict[str, set[tuple[int, int]]]:
    units: dict[str, set[tuple[int, int]]] = {}
    with open(event / "gold.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            units.setdefault(r["doc_a"], set()).add((int(r["start_a"]), int(r["end_a"])))
            units.setdefault(r["doc_b"], set()).add((int(r["start_b"]), int(r["end_b"])))
    return units


def body_share(event: Path) -> tuple[float, int, int]:
    """Share of gold-unit characters in body blocks; units fully in body; units."""
    files = {r["doc_id"]: r["file"] for r in csv.DictReader(open(event / "sources.csv", encoding="utf-8", newline=""))}
    in_body = total = full = n = 0
    for doc, spans in sorted(gold_units(event).items()):
        text = read_article(event / files[doc])
        blocks = label_blocks(text)
        body = [False] * len(text)
        for b in blocks[blocks["role"] == "body"].itertuples(index=False):
            body[b.start : b.end] = [True] * (b.end - b.start)
        for s, e in sorted(spans):
            chars = [k for k in range(s, e) if not text[k].isspace()]
            k_body = sum(body[k] for k in chars)
            in_body += k_body
            total += len(chars)
            full += k_body == len(chars)
            n += 1
    return in_body / total, full, n


@pytest.mark.parametrize("event", training_events(), ids=lambda p: p.name)
def test_training_event_gold_units_are_body(event):
    # Floors from benchmarks/cleaning.py on the training events: every gold unit
    # is body except one lead before a dateline, which is a standfirst by rule
    # (ICC event, 0.953 of the gold characters in body).
    share, full, n = body_share(event)
    assert share >= 0.95, share
    assert full >= n - 1, (full, n)


def test_training_event_furniture_is_not_body():
    event = BENCH / "events" / "2023-05-28-turkey-presidential-runoff"
    files = {r["doc_id"]: r["file"] for r in csv.DictReader(open(event / "sources.csv", encoding="utf-8", newline=""))}
    bodies = []
    for doc in sorted(files):
        blocks = label_blocks(read_article(event / files[doc]))
        bodies.extend(blocks.loc[blocks["role"] == "body", "text"])
    joined = "\n".join(bodies)
    assert "/TASS/" not in joined
    assert "(R) shakes hands" not in joined
    assert "Other leaders send their congratulations" not in joined
    assert "minutes ago" not in joined
    assert not any(b.startswith(" date") or b.startswith("date 20") for b in bodies)


def test_blocks_frame_types_unchanged():
    blocks = label_blocks(PAGE)
    assert isinstance(blocks, pd.DataFrame)
    for col in ("paragraph", "start", "end"):
        assert blocks[col].dtype == "int64"

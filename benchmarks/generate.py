"""Generate a corpus of news articles with known alignments, from real sentences.

Usage::

    python benchmarks/generate.py --articles N [--per-event K] [--seed S] --out DIR

What it writes in ``DIR`` (created; files of an earlier run with the same
names are overwritten; a folder holding other ``.txt`` files is refused):

``<doc_id>.txt``
    one article per file, UTF-8, ``\\n`` line ends.
``sources.csv``
    one row per article: ``doc_id, file, outlet, published, event_date,
    event_title, place`` (the columns of ``seeds/sources.csv`` that
    :func:`claimcompare.load_corpus` uses), so articles are aligned by event.
``gold.csv``
    the correct alignments, in the format of ``tests/gold/alignment-*.csv``
    (:func:`claimcompare.evaluate.load_gold`, scored by
    :func:`claimcompare.evaluate.score_alignment`): ``doc_a, start_a, end_a,
    doc_b, start_b, end_b, label, text_a, text_b, note`` with character
    offsets into the files, ``label == "match"`` and ``note`` naming the source
    sentence, one row for each pair of articles *of the same event* and each
    source sentence both of them carry (``doc_a < doc_b``).
``provenance.csv``
    every generated body sentence: ``doc_id, start, end, event, source, text``
    (``source`` indexes the pool below).

Source sentences (the *pool*): the body sentences (``role == "body"``) of
``seeds/`` and ``tests/data/invented-corpus/``, read through claimcompare
(:func:`~claimcompare.load_corpus` then :func:`~claimcompare.sentences_table`),
in ``doc_id, sent_id`` order: 86 real or hand-written news sentences.

Generation, all from one ``random.Random(seed)``:

1. Events: ``ceil(N / K)`` events; event ``e`` gets a synthetic title
   (``"Ministers meet in <Place> for talks, session <e + 1>"``, invented
   place names), a date between
   2020-01-01 and 2024-12-31 and ``K`` articles (the last event takes the
   remainder) from ``K`` distinct invented outlets.
2. Statements of an event: 10 to 16 source sentences drawn from the pool, never
   two *near* sentences together (see below), so that the only correct links
   inside an event are between sentences derived from the same source.
3. Articles: each carries each statement of its event with probability 0.6
   (at least 4), in the event's order with adjacent sentences swapped with
   probability 0.3 (reordering), each sentence independently paraphrased
   (:func:`paraphrase`): so articles of one event share some statements,
   and some statements appear in one article only.
4. Layout, fixed per outlet: optional breadcrumb line, headline (the event
   title), optional update stamp, a dateline in front of the first paragraph
   (three styles), one or two sentences per paragraph, optional editor line,
   copyright line — the page furniture :mod:`claimcompare.clean` sets aside.

Paraphrase (:func:`paraphrase`), light and rule-based, each rule applied with
probability 0.5: clause reordering around "said" ("X said (that) Y." <->
"Y, X said."); dropping one adverbial (a fronted phrase such as "In this
context," or an adverb such as "also", "firmly", "on Sunday"); synonym
swaps from :data:`SYNONYMS`, each occurrence independently.

*Near* source sentences: two pool sentences whose sets of stemmed content
words (:func:`claimcompare.word_tokens`) have a Jaccard index of at least
:data:`NEAR_JACCARD`, or that the seed gold (``tests/gold/alignment-*.csv``)
labels ``match``.  They are never drawn into the same event.

Limits (read before quoting figures from a generated corpus):

* The pool is small (86 sentences, about China–Tajikistan meetings and two
  invented meetings), so events reuse sentences: articles of *different*
  events share source sentences and are not gold pairs; only same-event pairs
  are gold.  Alignment by event (``sources.csv``) never compares them;
  alignment by document similarity would, and its precision against this gold
  is then not meaningful.
* Paraphrase is lexical and light; the generated corpus measures alignment of
  reworded copies, not of independent reporting (the seed gold does that).
* Because near sentences never meet in one event, each event has no
  "related" pairs: the task is easier than real coverage in that respect.
  Names, pronouns and speakers are recombined across meetings, so the
  aligner's off-event and speaker penalties fire on some gold pairs, as on
  real reports that mix meetings.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from claimcompare import load_corpus, sentences_table, word_tokens

ROOT = Path(__file__).resolve().parents[1]
POOL_FOLDERS: tuple[Path, ...] = (ROOT / "seeds", ROOT / "tests" / "data" / "invented-corpus")
SEED_GOLD: tuple[Path, ...] = tuple(sorted((ROOT / "tests" / "gold").glob("alignment-*.csv")))

#: Jaccard index of stemmed content words at which two pool sentences are "near".
NEAR_JACCARD = 0.25
#: Statements per event (inclusive range), probability that an article carries one.
STATEMENTS_PER_EVENT = (10, 16)
P_CARRY = 0.6
MIN_SENTENCES = 4
P_SWAP = 0.3
P_RULE = 0.5

#: Invented outlets: (name, layout style).  Styles: see :func:`_layout`.
OUTLETS: tuple[tuple[str, int], ...] = (
    ("Nordpress", 0),
    ("Baltic Wire", 1),
    ("Ostra Daily", 2),
    ("Harbor Times", 0),
    ("Kell Courier", 1),
    ("Tain Herald", 2),
    ("Sarn Observer", 0),
    ("Merrin Post", 1),
    ("Valdoria Today", 2),
    ("River Gazette", 0),
    ("Eastern Ledger", 1),
    ("Morning Dispatch", 2),
)
PLACES: tuple[str, ...] = ("Ostra", "Kell", "Marro", "Tain", "Sarn", "Merrin", "Vale", "Tarsk", "Orin", "Dunmere")
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Word swaps, applied to whole words (case of the first letter kept).
SYNONYMS: dict[str, str] = {
    "stated": "said",
    "cooperation": "collaboration",
    "collaboration": "cooperation",
    "countries": "nations",
    "nations": "countries",
    "important": "significant",
    "significant": "important",
    "willing": "ready",
    "ready": "willing",
    "strengthen": "reinforce",
    "boost": "strengthen",
    "deepen": "expand",
    "firmly": "resolutely",
    "bilateral": "two-way",
    "stressed": "emphasized",
    "emphasized": "stressed",
    "noted": "observed",
    "help": "assist",
    "promote": "advance",
    "efforts": "endeavours",
    "issues": "matters",
    "discussed": "talked about",
    "region": "area",
    "freight": "cargo",
    "reporters": "journalists",
    "grateful": "thankful",
    "sincere": "heartfelt",
}
_RE_SYNONYM = re.compile(r"\b(" + "|".join(sorted(SYNONYMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SUBJECT = r"(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|the|and)){0,6})"
_RE_SAID_LEADING = re.compile(rf"^(?P<subj>{_SUBJECT})\s+said(?:\s+that)?\s+(?P<rest>[^\n]{{20,}}?)(?P<end>[.!?])$")
_RE_SAID_TRAILING = re.compile(rf"^(?P<rest>[^\n]{{20,}}?),\s+(?P<subj>{_SUBJECT})\s+said(?P<end>[.!?])$")
_RE_FRONTED = re.compile(
    r"^(?:In this (?:context|regard)|During (?:the|their) meeting|For (?:his|her) part|Meanwhile"
    r"|In another development|On the morning of \w+ \d+|On \w+day),\s+"
)
_RE_ADVERB = re.compile(
    r" (?:also|firmly|further|jointly|sincerely|continuously|warmly|actively|personally"
    r"|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
#: Words that may lose their capital when a clause moves from the start of a sentence.
_LOWERABLE = frozenset(
    "the a an this that these those it its there both all any each our their his her we they he she".split()
)


@dataclass(frozen=True)
class Pool:
    """The source sentences and which pairs of them are near (never in one event)."""

    texts: tuple[str, ...]
    near: frozenset[tuple[int, int]]


def source_pool(folders: tuple[Path, ...] = POOL_FOLDERS, gold: tuple[Path, ...] = SEED_GOLD) -> Pool:
    """Body sentences of ``folders`` (read through claimcompare), and their near pairs.

    Sentences are de-duplicated by text and kept in ``doc_id, sent_id`` order
    of each folder, folders in the given order.  ``near`` holds index pairs
    ``(i, j)``, ``i < j``, of sentences with a stemmed-content-word Jaccard
    index of at least :data:`NEAR_JACCARD` or labelled ``match`` in a seed
    gold file.
    """
    texts: list[str] = []
    spans: dict[tuple[str, int, int], int] = {}
    for folder in folders:
        corpus = load_corpus(folder)
        s = sentences_table(corpus)
        for row in s[s["role"] == "body"].itertuples(index=False):
            if row.text not in texts:
                texts.append(row.text)
            spans[(row.doc_id, row.start, row.end)] = texts.index(row.text)
    tokens = [set(word_tokens(t)) for t in texts]
    near: set[tuple[int, int]] = set()
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            union = tokens[i] | tokens[j]
            if union and len(tokens[i] & tokens[j]) / len(union) >= NEAR_JACCARD:
                near.add((i, j))
    for path in gold:
        g = pd.read_csv(path, keep_default_na=False)
        for r in g[g["label"] == "match"].itertuples(index=False):
            a = _pool_index(spans, r.doc_a, int(r.start_a), int(r.end_a))
            b = _pool_index(spans, r.doc_b, int(r.start_b), int(r.end_b))
            if a is not None and b is not None and a != b:
                near.add((min(a, b), max(a, b)))
    return Pool(texts=tuple(texts), near=frozenset(near))


def _pool_index(spans: dict[tuple[str, int, int], int], doc: str, start: int, end: int) -> int | None:
    """The pool sentence that overlaps the span ``doc[start:end]`` most."""
    best, best_overlap = None, 0
    for (d, s, e), k in spans.items():
        overlap = min(e, end) - max(s, start)
        if d == doc and overlap > best_overlap:
            best, best_overlap = k, overlap
    return best


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LOWERABLE else text


def paraphrase(text: str, rng: random.Random) -> str:
    """A light rule-based paraphrase of one sentence (see the module docstring).

    Rules in order, each applied with probability :data:`P_RULE`: clause
    reordering around "said", dropping one adverbial, synonym swaps (each
    occurrence of a word of :data:`SYNONYMS` swapped with probability
    :data:`P_RULE`).  The result is one sentence; it may equal ``text``.
    """
    out = text
    if rng.random() < P_RULE:
        m = _RE_SAID_LEADING.match(out)
        n = _RE_SAID_TRAILING.match(out)
        if m and "," not in m.group("subj"):
            subj = m.group("subj")
            subj = subj.lower() if subj.lower() in {"he", "she", "they"} else subj
            out = f"{_cap(m.group('rest'))}, {subj} said{m.group('end')}"
        elif n:
            out = f"{_cap(n.group('subj'))} said that {_lower_first(n.group('rest'))}{n.group('end')}"
    if rng.random() < P_RULE:
        m = _RE_FRONTED.match(out)
        if m and len(out) - m.end() > 30:
            out = _cap(out[m.end() :])
        else:
            hits = list(_RE_ADVERB.finditer(out))
            if hits:
                h = hits[rng.randrange(len(hits))]
                out = out[: h.start()] + out[h.end() :]

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        if rng.random() >= P_RULE:
            return word
        new = SYNONYMS[word.lower()]
        return _cap(new) if word[:1].isupper() else new

    return _RE_SYNONYM.sub(swap, out)


def _draw_statements(pool: Pool, rng: random.Random) -> list[int]:
    """10–16 pool indices, no two of them near, in random order."""
    want = rng.randint(*STATEMENTS_PER_EVENT)
    order = list(range(len(pool.texts)))
    rng.shuffle(order)
    chosen: list[int] = []
    for k in order:
        if all((min(k, c), max(k, c)) not in pool.near for c in chosen):
            chosen.append(k)
            if len(chosen) == want:
                break
    return chosen


def _layout(style: int, outlet: str, place: str, day: date, published: date, rng: random.Random) -> tuple[list[str], list[str], str, list[str]]:
    """Furniture of one article: (lines before the headline, lines after it, dateline prefix, lines after the body).

    Style 0: breadcrumb, update stamp, ``PLACE, Month D (Outlet) --``, editor
    line and copyright notice.  Style 1: ``PLACE, DD.MM.YYYY (Outlet) –`` and a
    short copyright line.  Style 2: link bar, ``PLACE —`` and a reproduction
    notice.
    """
    if style == 0:
        stamp = f"Updated: {MONTHS[published.month - 1]} {published.day}, {published.year} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
        dateline = f"{place.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet}) -- "
        editor = f"Editor: {rng.choice('ABCDEFGHKLMNPRST')}. {rng.choice(PLACES)}"
        return ["Home > World > Region"], [stamp], dateline, [editor, f"Copyright © {published.year} {outlet}. All rights reserved."]
    if style == 1:
        dateline = f"{place.upper()}, {day.day:02d}.{day.month:02d}.{day.year} ({outlet}) – "
        return [], [], dateline, [f"© {published.year} {outlet}"]
    notice = f"Copyright {published.year} {outlet}. All rights reserved. Reproduction without permission is prohibited."
    return ["News | World | Opinion"], [], f"{place.upper()} — ", [notice]


@dataclass(frozen=True)
class Article:
    """One generated article: its text, metadata and the source of each body sentence."""

    doc_id: str
    text: str
    meta: dict[str, str]
    sentences: tuple[tuple[int, int, int], ...]  # (start, end, source)


def _article(doc_id: str, title: str, place: str, day: date, outlet: tuple[str, int], statements: list[int], pool: Pool, rng: random.Random) -> Article:
    carried = [k for k in statements if rng.random() < P_CARRY]
    if len(carried) < MIN_SENTENCES:
        extra = [k for k in statements if k not in carried]
        carried += extra[: MIN_SENTENCES - len(carried)]
        carried.sort(key=statements.index)
    for i in range(len(carried) - 1):
        if rng.random() < P_SWAP:
            carried[i], carried[i + 1] = carried[i + 1], carried[i]
    name, style = outlet
    published = day + timedelta(days=rng.randint(0, 2))
    before, after, dateline, tail = _layout(style, name, place, day, published, rng)
    text = ""

    def add(line: str) -> int:
        nonlocal text
        if text:
            text += "\n\n"
        at = len(text)
        text += line
        return at

    for line in [*before, title, *after]:
        add(line)
    spans: list[tuple[int, int, int]] = []
    per_par = 1 if style == 2 else 2
    k = 0
    first = True
    while k < len(carried):
        group = carried[k : k + (1 if first else rng.randint(1, per_par))]
        k += len(group)
        sents = [paraphrase(pool.texts[s], rng) for s in group]
        prefix = dateline if first else ""
        at = add(prefix + " ".join(sents)) + len(prefix)
        for s, sent in zip(group, sents):
            spans.append((at, at + len(sent), s))
            at += len(sent) + 1
        first = False
    for line in tail:
        add(line)
    text += "\n"
    meta = {
        "doc_id": doc_id,
        "file": f"{doc_id}.txt",
        "outlet": name,
        "published": published.isoformat(),
        "event_date": day.isoformat(),
        "event_title": title,
        "place": place,
    }
    return Article(doc_id=doc_id, text=text, meta=meta, sentences=tuple(spans))


def generate(out: str | Path, *, articles: int, per_event: int = 4, seed: int = 0, pool: Pool | None = None) -> dict[str, int]:
    """Write a generated corpus of ``articles`` articles to ``out`` (see the module docstring).

    Returns counts: ``articles``, ``events``, ``sentences`` (generated body
    sentences) and ``gold`` (rows of ``gold.csv``).
    """
    if articles < 1 or per_event < 1:
        raise ValueError("articles and per_event must be at least 1")
    if per_event > len(OUTLETS):
        raise ValueError(f"per_event can be at most {len(OUTLETS)} (one article per invented outlet)")
    pool = pool or source_pool()
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    n_events = math.ceil(articles / per_event)
    width = max(5, len(str(n_events)))
    first_day, days = date(2020, 1, 1), (date(2024, 12, 31) - date(2020, 1, 1)).days
    docs: list[Article] = []
    events: list[int] = []
    for e in range(n_events):
        n = min(per_event, articles - e * per_event)
        place = rng.choice(PLACES)
        title = f"Ministers meet in {place} for talks, session {e + 1}"
        day = first_day + timedelta(days=rng.randint(0, days))
        statements = _draw_statements(pool, rng)
        for outlet in rng.sample(OUTLETS, n):
            slug = re.sub(r"[^a-z0-9]+", "-", outlet[0].lower()).strip("-")
            doc_id = f"e{e + 1:0{width}d}-{slug}"
            docs.append(_article(doc_id, title, place, day, outlet, statements, pool, rng))
            events.append(e + 1)
    stale = sorted({p.name for p in out.glob("*.txt")} - {d.meta["file"] for d in docs})
    if stale:
        raise ValueError(f"{out} holds other .txt files ({stale[0]}, ...); generate into an empty folder")
    for d in docs:
        (out / d.meta["file"]).write_text(d.text, encoding="utf-8", newline="\n")
    meta = pd.DataFrame([d.meta for d in docs]).sort_values("doc_id")
    meta.to_csv(out / "sources.csv", index=False, lineterminator="\n")
    prov = [
        (d.doc_id, s, e, ev, src, d.text[s:e])
        for d, ev in zip(docs, events)
        for s, e, src in d.sentences
    ]
    provenance = pd.DataFrame(prov, columns=["doc_id", "start", "end", "event", "source", "text"]).sort_values(["doc_id", "start"])
    provenance.to_csv(out / "provenance.csv", index=False, lineterminator="\n")
    gold_rows = []
    for _, grp in provenance.groupby("event", sort=True):
        by_doc = {d: g for d, g in grp.groupby("doc_id", sort=True)}
        names = sorted(by_doc)
        for i, da in enumerate(names):
            a = by_doc[da].set_index("source")
            for db in names[i + 1 :]:
                b = by_doc[db].set_index("source")
                for src in sorted(set(a.index) & set(b.index)):
                    ra, rb = a.loc[src], b.loc[src]
                    gold_rows.append((da, int(ra["start"]), int(ra["end"]), db, int(rb["start"]), int(rb["end"]), "match", ra["text"], rb["text"], f"source {src}"))
    gold = pd.DataFrame(gold_rows, columns=["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "label", "text_a", "text_b", "note"])
    gold.to_csv(out / "gold.csv", index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return {"articles": len(docs), "events": n_events, "sentences": len(provenance), "gold": len(gold)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True, help="number of articles to write")
    ap.add_argument("--per-event", type=int, default=4, help="articles per event (distinct outlets), default 4")
    ap.add_argument("--seed", type=int, default=0, help="random seed, default 0")
    ap.add_argument("--out", type=Path, required=True, help="output folder (created)")
    args = ap.parse_args(argv)
    counts = generate(args.out, articles=args.articles, per_event=args.per_event, seed=args.seed)
    print(
        f"wrote {counts['articles']} articles in {counts['events']} events, "
        f"{counts['sentences']} body sentences, {counts['gold']} gold links to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed and accuracy of claimcompare's sentence segmenter next to its peers.

Usage::

    python benchmarks/segment.py [--mb 5] [--pysbd-mb X] [--csv PATH]
    python benchmarks/segment.py --tables-only [--repeat 20] [--rounds 7]

Benchmark text (deterministic, built in memory):
    the text of the five seed articles (``seeds/*.txt`` next to this folder,
    read as UTF-8: whole captured pages, i.e. headline, navigation lines and
    body paragraphs as they were captured) followed by the 48 golden-rule texts
    (``tests/data/english_golden_rules.json``), all as paragraphs separated by
    blank lines, repeated until the text is at least ``--mb`` MB (UTF-8 bytes,
    1 MB = 10**6 bytes).

Tools, each fed the same paragraphs (the text split at blank lines), one call
per paragraph, which is how claimcompare's corpus layer and pySBD are used:
    * claimcompare: ``claimcompare.segment.sentence_spans`` (also timed on the
      whole text in one call, for reference);
    * pySBD: ``pysbd.Segmenter(language="en", clean=False, char_span=False)``;
    * blingfire: ``blingfire.text_to_sentences`` (sentences are its output lines);
    * NLTK Punkt: the pretrained Punkt model cannot be downloaded here, so a
      ``nltk.tokenize.punkt.PunktSentenceTokenizer`` is trained, unsupervised,
      on the benchmark text itself; training is timed separately from
      tokenising.
A tool that is not installed is reported as "not installed".

Timing uses ``time.perf_counter`` (``benchmarks/_timing.py``); the fast tools take the best of 3 runs.
pySBD runs once.  It is slow: when a probe on the first ~100 kB predicts more
than about 5 minutes for the whole text, or when ``--pysbd-mb X`` is given,
it is timed on a prefix of X MB of paragraphs and its throughput extrapolated;
the table then says so.

Accuracy: every tool is scored on the 48 golden rules and on the news cases
(``tests/data/news_segmentation_cases.json``).  A case passes when the tool's
sentences, each stripped of surrounding whitespace (empty ones dropped), equal
the expected sentences, stripped: pySBD's own benchmark comparison.

Output: a plain-text table (tool, version, MB/s, sentences, x pySBD, golden
rules passed /48, news cases passed /N, note); ``--csv PATH`` writes the same
table as CSV.

Tables per article (printed first; ``--tables-only`` prints only them): the
cost of claimcompare's DataFrame paths next to its scanner, one call per
text, on two sets, each repeated ``--repeat`` times (default 20):
*articles*, the seed articles and the articles of
``tests/data/invented-corpus/`` (whole captured pages); *short texts*, the
48 golden-rule texts and the news cases (one to a few sentences each, where
a DataFrame's fixed cost weighs most).  Timed, each the
best of ``--rounds`` rounds (default 7; the three are timed in turn within a
round, so load on a shared machine hits them alike): the scanner alone
(``sentence_spans`` per article), ``split_sentences`` per article (one
DataFrame each) and ``split_sentences_batch`` (one DataFrame for all).
Printed: seconds, microseconds per article, and the ratio to the scanner.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from _timing import best_of, print_table, timed  # benchmarks/_timing.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
PYSBD_BUDGET_S = 300.0

Segmenter = Callable[[str], list[str]]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def load_cases() -> tuple[list[dict], list[dict]]:
    golden = json.loads((DATA / "english_golden_rules.json").read_text(encoding="utf-8"))["rules"]
    news = json.loads((DATA / "news_segmentation_cases.json").read_text(encoding="utf-8"))["cases"]
    return golden, news


def build_text(mb: float, golden: list[dict]) -> str:
    """Seed articles + golden-rule texts, blank-line separated, repeated to >= mb MB."""
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted(SEEDS.glob("*.txt"))]
    if not parts:
        raise SystemExit(f"no seed articles in {SEEDS}")
    parts += [rule["text"].strip() for rule in golden]
    unit = "\n\n".join(parts)
    unit_bytes = len(unit.encode("utf-8")) + 2
    copies = max(1, -(-int(mb * 1_000_000) // unit_bytes))
    return "\n\n".join([unit] * copies)


def paragraphs_of(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def score(segment: Segmenter, cases: list[dict]) -> int:
    passed = 0
    for case in cases:
        try:
            got = [s.strip() for s in segment(case["text"])]
        except Exception:  # a peer that crashes on a case fails it
            continue
        if [s for s in got if s] == [s.strip() for s in case["expected"]]:
            passed += 1
    return passed


def time_tool(segment: Segmenter, paragraphs: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs, and the number of sentences."""
    return best_of(lambda: sum(len(segment(p)) for p in paragraphs), repeat)


def prefix(paragraphs: list[str], mb: float) -> list[str]:
    out: list[str] = []
    size = 0
    limit = mb * 1_000_000
    for p in paragraphs:
        if size >= limit:
            break
        out.append(p)
        size += len(p.encode("utf-8")) + 2
    return out


def nbytes(paragraphs: list[str]) -> int:
    return sum(len(p.encode("utf-8")) for p in paragraphs) + 2 * max(0, len(paragraphs) - 1)


def article_sets(repeat: int, golden: list[dict], news: list[dict]) -> list[tuple[str, list[str]]]:
    """The two sets of texts of the per-article figures, each ``repeat`` times over.

    ``articles``: the seed articles and those of ``tests/data/invented-corpus/``
    (whole captured pages, 1-10 kB each); ``short texts``: the golden-rule
    texts and the news cases (one to a few sentences each).
    """
    files = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "invented-corpus").glob("*.txt"))
    articles = [p.read_text(encoding="utf-8") for p in files]
    short = [rule["text"] for rule in golden] + [case["text"] for case in news]
    return [("articles", articles * repeat), ("short texts", short * repeat)]


def table_costs(texts: list[str], rounds: int) -> list[tuple[str, float]]:
    """Best-of-``rounds`` seconds of the scanner, split_sentences per text and split_sentences_batch."""
    from claimcompare.segment import sentence_spans, split_sentences, split_sentences_batch

    ids = [f"a{k:06d}" for k in range(len(texts))]

    def scan() -> None:
        for t in texts:
            sentence_spans(t)

    def per_article() -> None:
        for t in texts:
            split_sentences(t)

    def batch() -> None:
        split_sentences_batch(zip(ids, texts))

    tools = [("sentence_spans (scanner), per article", scan), ("split_sentences, per article", per_article),
             ("split_sentences_batch, one call", batch)]
    best = {name: float("inf") for name, _ in tools}
    for _ in range(rounds):
        for name, fn in tools:
            best[name] = min(best[name], timed(fn)[0])
    return [(name, best[name]) for name, _ in tools]


def print_table_costs(repeat: int, rounds: int, golden: list[dict], news: list[dict]) -> None:
    for label, texts in article_sets(repeat, golden, news):
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        costs = table_costs(texts, rounds)
        scan = costs[0][1]
        print(f"tables per article, {label}: {len(texts)} texts, {mb:.2f} MB, best of {rounds} rounds")
        print(f"{'path':40s}  {'seconds':>8s}  {'us/text':>8s}  {'MB/s':>7s}  {'x scanner':>9s}")
        for name, secs in costs:
            print(f"{name:40s}  {secs:8.3f}  {secs / len(texts) * 1e6:8.1f}  {mb / secs:7.2f}  {secs / scan:9.2f}")
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the benchmark text in MB (default 5)")
    ap.add_argument("--pysbd-mb", type=float, default=None, help="time pySBD on a prefix of this many MB and extrapolate")
    ap.add_argument("--csv", type=Path, default=None, help="also write the table as CSV")
    ap.add_argument("--repeat", type=int, default=20, help="tables per article: repeat the article set this many times (default 20)")
    ap.add_argument("--rounds", type=int, default=7, help="tables per article: best of this many rounds (default 7)")
    ap.add_argument("--tables-only", action="store_true", help="print only the tables-per-article figures")
    args = ap.parse_args(argv)

    golden, news = load_cases()
    try:
        import claimcompare.segment  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(ROOT / "lib"))
    print_table_costs(args.repeat, args.rounds, golden, news)
    if args.tables_only:
        return 0
    text = build_text(args.mb, golden)
    paragraphs = paragraphs_of(text)
    total_bytes = len(text.encode("utf-8"))
    total_mb = total_bytes / 1e6
    print(
        f"benchmark text: {total_mb:.2f} MB, {len(paragraphs)} paragraphs "
        f"(5 seed articles + {len(golden)} golden-rule texts, repeated)"
    )

    rows: list[dict[str, object]] = []

    def add(tool: str, version: str, mbps: float | None, sentences: object, gold: object, nws: object, note: str = "") -> None:
        rows.append(
            {"tool": tool, "version": version, "MB/s": mbps, "sentences": sentences,
             "golden": gold, "news": nws, "note": note}
        )

    # --- claimcompare -------------------------------------------------------
    try:
        from claimcompare.segment import sentence_spans
    except ImportError:
        sys.path.insert(0, str(ROOT / "lib"))
        from claimcompare.segment import sentence_spans

    def cc_segment(t: str) -> list[str]:
        return [t[s:e] for s, e in sentence_spans(t)]

    cc_version = _version("claimcompare")
    secs, count = time_tool(sentence_spans, paragraphs, 3)
    add("claimcompare", cc_version, total_mb / secs, count, score(cc_segment, golden), score(cc_segment, news),
        "per paragraph, best of 3")
    best, whole = best_of(lambda: len(sentence_spans(text)), 3)
    add("claimcompare (whole text)", cc_version, total_mb / best, whole, "", "", "one call on the whole text, best of 3")

    # --- pySBD --------------------------------------------------------------
    try:
        import pysbd
    except ImportError:
        add("pysbd", "not installed", None, "", "", "", "not installed")
        print("pysbd: not installed")
    else:
        seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
        pysbd_seg = seg.segment
        part = paragraphs
        if args.pysbd_mb is not None:
            part = prefix(paragraphs, args.pysbd_mb)
        else:
            probe = prefix(paragraphs, 0.1)
            rate = nbytes(probe) / timed(lambda: [pysbd_seg(p) for p in probe])[0]
            if total_bytes / rate > PYSBD_BUDGET_S:
                part = prefix(paragraphs, rate * PYSBD_BUDGET_S / 1e6)
        secs, count = time_tool(pysbd_seg, part, 1)
        part_mb = nbytes(part) / 1e6
        note = "per paragraph, 1 run"
        if len(part) < len(paragraphs):
            note = f"MEASURED ON A {part_mb:.2f} MB PREFIX, MB/s extrapolated; sentences are for the prefix"
            print(f"pysbd: timed on a {part_mb:.2f} MB prefix of the {total_mb:.2f} MB text; throughput extrapolated")
        add("pysbd", _version("pysbd"), part_mb / secs, count, score(pysbd_seg, golden), score(pysbd_seg, news), note)

    # --- blingfire ----------------------------------------------------------
    try:
        import blingfire
    except ImportError:
        add("blingfire", "not installed", None, "", "", "", "not installed")
        print("blingfire: not installed")
    else:
        def bf_segment(t: str) -> list[str]:
            out = blingfire.text_to_sentences(t)
            return out.split("\n") if out else []

        secs, count = time_tool(bf_segment, paragraphs, 3)
        add("blingfire", _version("blingfire"), total_mb / secs, count, score(bf_segment, golden),
            score(bf_segment, news), "per paragraph, best of 3")

    # --- NLTK Punkt ---------------------------------------------------------
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer
    except ImportError:
        add("nltk punkt", "not installed", None, "", "", "", "not installed")
        print("nltk: not installed")
    else:
        train_s, punkt = timed(lambda: PunktSentenceTokenizer(text))  # unsupervised training on the benchmark text
        secs, count = time_tool(punkt.tokenize, paragraphs, 3)
        add("nltk punkt", _version("nltk"), total_mb / secs, count, score(punkt.tokenize, golden),
            score(punkt.tokenize, news),
            f"trained unsupervised on the benchmark text in {train_s:.1f} s (not in MB/s); best of 3")

    # --- table --------------------------------------------------------------
    base = next((r["MB/s"] for r in rows if r["tool"] == "pysbd" and r["MB/s"]), None)
    header = ["tool", "version", "MB/s", "sentences", "x pySBD", "golden /48", f"news /{len(news)}", "note"]
    table: list[list[str]] = []
    for r in rows:
        mbps = r["MB/s"]
        ratio = f"{mbps / base:.1f}" if (mbps and base) else ""
        table.append([
            str(r["tool"]), str(r["version"]), f"{mbps:.3f}" if mbps else "", str(r["sentences"]), ratio,
            f"{r['golden']}/{len(golden)}" if r["golden"] != "" else "",
            f"{r['news']}/{len(news)}" if r["news"] != "" else "", str(r["note"]),
        ])
    print_table(header, table, args.csv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How much of the hand-annotated article body the cleaner keeps as body.

Usage::

    python benchmarks/cleaning.py [--events NAME_OR_PATH ...] [--no-seeds] [--show]

For each event folder (default: the *training* events of
``benchmarks/realnews/split.csv``; ``--events`` chooses others, by folder name
under ``benchmarks/realnews/events/`` or by path) and for the seeds (the gold of
``tests/gold/alignment-2021-07-27.csv`` on ``seeds/``), every file named in the
folder's ``sources.csv`` is read with :func:`claimcompare.read_article` and cut
into blocks with :func:`claimcompare.label_blocks`.  The gold units are the
distinct ``(doc, start, end)`` spans of ``gold.csv`` (both sides); when the
event's ``NOTES.md`` has a unit inventory (rows ``| id | [doc |] start | end |
...``) its units are used as well, so that units without any link count too.

Printed per folder (and pooled):

``gold_body``
    share of the non-whitespace characters of ``gold.csv`` spans that lie in
    blocks labelled ``body`` (the figure the brief asks for);
``units_body``
    units whose every non-whitespace character is in a ``body`` block, of all
    units (recall of body units);
``body_in_units``
    share of the non-whitespace characters of ``body`` blocks that lie in a
    unit (a precision of the body label; units without links count only where
    NOTES.md lists them, so on the seeds it is lower than the cleaning deserves);
``extra_body``
    non-whitespace characters in ``body`` blocks that are in no unit, and the
    number of such body blocks: furniture read as body, plus sentences the
    annotators left out (cut off by an excerpt limit, for instance).

``--show`` lists those body blocks and the units not fully in body.  Nothing is
written; the figures are deterministic.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from claimcompare import label_blocks, read_article

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "realnews"
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "gold" / "alignment-2021-07-27.csv"

_RE_DOC_HEAD = re.compile(r"^\*\*`?([^*`]+)`?\*\*")
_RE_ROW = re.compile(r"^\|\s*[A-Z]+\d+\s*\|(?:\s*`([^`|]+)`\s*\|)?\s*(\d+)\s*\|\s*(\d+)\s*\|")


@dataclass
class Figures:
    name: str
    gold_chars: int = 0
    gold_body: int = 0
    units: int = 0
    units_body: int = 0
    extra_chars: int = 0
    extra_blocks: int = 0
    body_chars: int = 0
    shown: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for k in ("gold_chars", "gold_body", "units", "units_body", "extra_chars", "extra_blocks", "body_chars"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def training_events() -> list[Path]:
    out = []
    with open(BENCH / "split.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["split"] == "train":
                out.append(BENCH / "events" / row["event"])
    return sorted(out)


def inventory_units(notes: Path, doc_ids: set[str]) -> set[tuple[str, int, int]]:
    """Units listed in an event's NOTES.md (empty when it has no inventory)."""
    if not notes.is_file():
        return set()
    units = set()
    doc = None
    for line in notes.read_text(encoding="utf-8").splitlines():
        m = _RE_DOC_HEAD.match(line.strip())
        if m and m.group(1).strip() in doc_ids:
            doc = m.group(1).strip()
            continue
        m = _RE_ROW.match(line.strip())
        if m:
            d = m.group(1) or doc
            if d in doc_ids:
                units.add((d, int(m.group(2)), int(m.group(3))))
    return units


def gold_spans(gold: Path) -> set[tuple[str, int, int]]:
    spans = set()
    with open(gold, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            spans.add((row["doc_a"], int(row["start_a"]), int(row["end_a"])))
            spans.add((row["doc_b"], int(row["start_b"]), int(row["end_b"])))
    return spans


def measure(name: str, folder: Path, gold: Path, notes: Path | None, show: bool) -> Figures:
    with open(folder / "sources.csv", encoding="utf-8", newline="") as fh:
        files = {row["doc_id"]: row["file"] for row in csv.DictReader(fh)}
    spans = gold_spans(gold)
    units = spans | (inventory_units(notes, set(files)) if notes else set())
    fig = Figures(name)
    for doc_id in sorted({d for d, _, _ in units}):
        text = read_article(folder / files[doc_id])
        blocks = label_blocks(text)
        body = [False] * len(text)
        for b in blocks.itertuples(index=False):
            if b.role == "body":
                body[b.start : b.end] = [True] * (b.end - b.start)
        in_unit = [False] * len(text)
        for d, s, e in sorted(units):
            if d != doc_id:
                continue
            chars = [k for k in range(s, e) if not text[k].isspace()]
            n_body = sum(body[k] for k in chars)
            for k in range(s, e):
                in_unit[k] = True
            fig.units += 1
            fig.units_body += n_body == len(chars)
            if (d, s, e) in spans:
                fig.gold_chars += len(chars)
                fig.gold_body += n_body
            if show and n_body < len(chars):
                fig.shown.append(f"  unit not all body  {doc_id} {s}-{e}: {text[s:e][:90]!r}")
        for b in blocks.itertuples(index=False):
            if b.role != "body":
                continue
            extra = sum(1 for k in range(b.start, b.end) if not in_unit[k] and not text[k].isspace())
            fig.body_chars += sum(1 for k in range(b.start, b.end) if not text[k].isspace())
            if extra:
                fig.extra_chars += extra
                fig.extra_blocks += 1
                if show:
                    fig.shown.append(f"  body, no unit       {doc_id} {b.start}-{b.end}: {b.text[:90]!r}")
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", nargs="+", help="event folders (names under benchmarks/realnews/events/ or paths)")
    ap.add_argument("--no-seeds", action="store_true", help="leave out the seed gold")
    ap.add_argument("--show", action="store_true", help="list units not in body and body blocks in no unit")
    args = ap.parse_args(argv)
    if args.events:
        folders = []
        for ev in args.events:
            p = Path(ev)
            folders.append(p if p.is_dir() else BENCH / "events" / ev)
    else:
        folders = training_events()
    rows: list[Figures] = []
    for f in folders:
        if not (f / "gold.csv").is_file() or not (f / "sources.csv").is_file():
            print(f"{f}: no gold.csv or sources.csv there; give an event folder of benchmarks/realnews/events/", file=sys.stderr)
            return 2
        rows.append(measure(f.name, f, f / "gold.csv", f / "NOTES.md", args.show))
    if not args.no_seeds:
        rows.append(measure("seeds (2021-07-27 gold)", SEEDS, SEED_GOLD, None, args.show))
    total = Figures("pooled")
    for r in rows:
        total.add(r)
    width = max(len(r.name) for r in [*rows, total])
    print(f"{'folder':<{width}}  gold_body  units_body  body_in_units  extra_body (chars, blocks)")
    for r in [*rows, total]:
        share = r.gold_body / r.gold_chars if r.gold_chars else float("nan")
        prec = 1 - r.extra_chars / r.body_chars if r.body_chars else float("nan")
        print(
            f"{r.name:<{width}}  {share:9.3f}  {r.units_body:>4}/{r.units:<5}  {prec:13.3f}"
            f"  {r.extra_chars:>6}, {r.extra_blocks}"
        )
        for line in r.shown:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

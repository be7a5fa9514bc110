"""From a folder of article files to a :class:`Corpus` and its sentences table.

The data flow starts here: files -> :func:`load_corpus` -> :class:`Corpus`
(articles, metadata, labelled blocks, what cleaning set aside) ->
:func:`sentences_table` (one row per sentence, with character offsets into the
original file).

Offsets are Python string indices into the file decoded as UTF-8 with line
ends left as they are (``newline=""``), so ``open(path, encoding="utf-8-sig",
newline="").read()[start:end]`` gives back the sentence.  A UTF-8 byte-order
mark is not part of the text.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from .clean import BLOCK_COLUMNS, label_blocks
from .errors import CorpusError
from .segment import sentence_spans

__all__ = [
    "DOC_COLUMNS",
    "events_table",
    "SENTENCE_COLUMNS",
    "Corpus",
    "corpus_from_texts",
    "load_corpus",
    "read_article",
    "sentences_table",
]

#: Columns of :attr:`Corpus.documents`.
DOC_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "file",
    "outlet",
    "site",
    "country",
    "published",
    "event_date",
    "event_title",
    "place",
    "also_reports",
    "title",
    "n_chars",
    "duplicate_of",
)
#: Columns of the table returned by :func:`sentences_table`.
SENTENCE_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "paragraph", "start", "end", "role", "text")

#: Roles whose blocks are split into sentences; other blocks are one row each.
_SEGMENTED_ROLES = frozenset({"body", "standfirst", "caption", "footer", "copyright"})
#: Files larger than this are refused unless ``max_bytes`` is raised.
DEFAULT_MAX_BYTES = 20_000_000
_RE_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_RE_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Corpus:
    """A set of articles with their metadata and their labelled blocks.

    Attributes
    ----------
    documents:
        One row per article, columns :data:`DOC_COLUMNS`, sorted by
        ``doc_id``.  ``duplicate_of`` names an earlier article with the same
        text (the duplicate is kept, flagged, and left out of alignment).
    blocks:
        One row per block (paragraph, or dateline and the rest of its
        paragraph), columns ``doc_id`` + :data:`claimcompare.clean.BLOCK_COLUMNS`.
    texts:
        ``doc_id -> text`` exactly as decoded from the file.
    folder:
        Where the files came from (``None`` for a corpus built from strings).
    notes:
        Warnings raised while loading (skipped files, fallbacks), in order.
    """

    documents: pd.DataFrame
    blocks: pd.DataFrame
    texts: dict[str, str] = field(repr=False)
    folder: Path | None = None
    notes: tuple[str, ...] = ()

    def removed(self) -> pd.DataFrame:
        """What cleaning set aside: every block whose role is not ``body``.

        Columns ``doc_id, paragraph, start, end, role, reason, text``; the
        text of each span is still in :attr:`texts` at ``[start:end]``.
        """
        out = self.blocks[self.blocks["role"] != "body"]
        return out.reset_index(drop=True)

    def event_of(self) -> pd.Series:
        """``doc_id -> event key`` (event date and title), NaN where unknown."""
        d = self.documents.set_index("doc_id")
        key = d["event_date"].astype("string").str.cat(d["event_title"].astype("string"), sep=" ")
        return key

    def __len__(self) -> int:
        return len(self.documents)


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read one article file as text, or raise :class:`CorpusError`.

    The file must be UTF-8 plain text (a byte-order mark is dropped).  Empty,
    binary, HTML, over-large and undecodable files are refused with a message
    that names the file and says what to do.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CorpusError(
                path,
                f"file is {_human(size)}, over the {_human(max_bytes)} limit for one article",
                "split it into articles or pass a larger max_bytes",
            )
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(path, f"cannot read the file ({err.strerror or err})", "check that it exists and is readable") from None
    if not data.strip():
        raise CorpusError(path, "file is empty", "remove it from the folder or put the article text in it")
    if b"\x00" in data[:8192]:
        raise CorpusError(path, "looks like a binary file, not text", "save the article as a UTF-8 .txt file")
    if _RE_HTML.match(data[:2048]):
        raise CorpusError(path, "looks like an HTML page", "save the article text as a UTF-8 .txt file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(
            path,
            f"is not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
            "re-save it as UTF-8",
        ) from None
    if not text.strip():
        raise CorpusError(path, "file is empty", "remove it from the folder or put the article text in it")
    return text


def _human(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _slug(name: str) -> str:
    return _RE_SLUG.sub("-", name.lower()).strip("-") or "doc"


def _iso_date(text: str) -> str | None:
    """The first full date in ``text`` as YYYY-MM-DD, or None."""
    for pattern, fmt in (
        (r"\b(\d{4}-\d{1,2}-\d{1,2})\b", "%Y-%m-%d"),
        (r"\b(\d{1,2}\.\d{1,2}\.\d{4})\b", "%d.%m.%Y"),
        (r"\b([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\b", None),
        (r"\b(\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\b", None),
    ):
        for m in re.finditer(pattern, text):
            value = pd.to_datetime(m.group(1).replace(".", "") if fmt is None else m.group(1), format=fmt, errors="coerce")
            if pd.notna(value):
                return value.strftime("%Y-%m-%d")
    return None


def _derived_metadata(doc_id: str, file: str, blocks: pd.DataFrame) -> dict[str, object]:
    """Metadata read off the text: title from the headline, date from a stamp or dateline."""
    heads = blocks.loc[blocks["role"] == "headline", "text"]
    dated = blocks.loc[blocks["role"].isin(["stamp", "dateline"]), "text"]
    published = next((d for d in (_iso_date(t) for t in dated) if d), None)
    return {"doc_id": doc_id, "file": file, "title": heads.iloc[0] if len(heads) else None, "published": published}


def corpus_from_texts(texts: dict[str, str], metadata: pd.DataFrame | None = None) -> Corpus:
    """Build a :class:`Corpus` from ``doc_id -> text`` (tests, other loaders).

    ``metadata`` may hold any of :data:`DOC_COLUMNS` with a ``doc_id`` column;
    missing values are read off the text where it has them.
    """
    meta = metadata.set_index("doc_id") if metadata is not None and len(metadata) else pd.DataFrame()
    rows, block_tables, notes = [], [], []
    seen: dict[str, str] = {}
    for doc_id in sorted(texts):
        text = texts[doc_id]
        blocks = label_blocks(text)
        blocks.insert(0, "doc_id", doc_id)
        block_tables.append(blocks)
        row = _derived_metadata(doc_id, doc_id, blocks)
        if doc_id in meta.index:
            given = meta.loc[doc_id]
            row.update({k: v for k, v in given.items() if pd.notna(v) and v != ""})
        row["n_chars"] = len(text)
        digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
        row["duplicate_of"] = seen.get(digest)
        if row["duplicate_of"]:
            notes.append(f"{row['file']}: same text as {row['duplicate_of']}; flagged as a duplicate and left out of alignment")
        seen.setdefault(digest, doc_id)
        rows.append(row)
    documents = pd.DataFrame(rows).reindex(columns=list(DOC_COLUMNS))
    documents["n_chars"] = documents["n_chars"].astype("int64")
    for col in DOC_COLUMNS:
        if col != "n_chars":
            documents[col] = documents[col].astype("object").where(documents[col].notna(), None)
    blocks = (
        pd.concat(block_tables, ignore_index=True)
        if block_tables
        else pd.DataFrame(columns=["doc_id", *BLOCK_COLUMNS])
    )
    for note in notes:
        warnings.warn(note, stacklevel=3)
    return Corpus(documents=documents, blocks=blocks, texts=dict(texts), notes=tuple(notes))


def _read_sources(path: Path, files: list[str]) -> pd.DataFrame:
    try:
        src = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise CorpusError(path, f"cannot be read as CSV ({str(err).splitlines()[0]})", "fix or remove sources.csv") from None
    if "file" not in src.columns:
        raise CorpusError(path, "has no 'file' column", "add a 'file' column naming each article file (see the README)")
    unknown = sorted(set(src["file"]) - set(files))
    if unknown:
        raise CorpusError(path, f"names files that are not in the folder: {', '.join(unknown)}", "fix the 'file' column")
    if "doc_id" not in src.columns:
        src["doc_id"] = ""
    blank = src["doc_id"].str.strip() == ""
    src.loc[blank, "doc_id"] = [_slug(Path(f).stem) for f in src.loc[blank, "file"]]
    if src["doc_id"].duplicated().any():
        dup = sorted(set(src.loc[src["doc_id"].duplicated(), "doc_id"]))
        raise CorpusError(path, f"repeats doc_id {', '.join(dup)}", "give every article its own doc_id")
    for col in ("published", "event_date"):
        if col in src.columns:
            parsed = pd.to_datetime(src[col].where(src[col] != ""), format="%Y-%m-%d", errors="coerce")
            bad = src.loc[parsed.isna() & (src[col] != ""), "file"].tolist()
            if bad:
                warnings.warn(
                    f"{path}: column {col!r} is not YYYY-MM-DD for {', '.join(bad)}; ignored (read off the text where it has a date)",
                    stacklevel=3,
                )
                src[col] = parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), "")
    return src


def load_corpus(
    folder: str | Path,
    *,
    pattern: str = "*.txt",
    sources: str = "sources.csv",
    on_error: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """Load every article file in ``folder`` (sorted by name) into a :class:`Corpus`.

    Parameters
    ----------
    folder:
        A folder of plain-text articles, one per file.
    pattern:
        Which files are articles (glob, default ``*.txt``).
    sources:
        Name of the optional metadata table in ``folder``: one row per article
        with at least ``file``; ``doc_id``, ``outlet``, ``site``, ``country``,
        ``published``, ``event_date``, ``event_title``, ``place`` are used
        when present.  Without it, ids come from the file names and the title
        and publication date are read off the text where it has them.
    on_error:
        ``"raise"`` stops at the first unreadable file with a
        :class:`CorpusError`; ``"skip"`` leaves it out with a warning (listed
        in :attr:`Corpus.notes`).
    max_bytes:
        Largest file accepted.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder", "give the path of a folder of .txt articles")
    files = sorted(p.name for p in folder.glob(pattern) if p.is_file())
    if not files:
        raise CorpusError(folder, f"has no article files ({pattern})", "put one article per .txt file in it")
    src_path = folder / sources
    src = _read_sources(src_path, files) if src_path.is_file() else pd.DataFrame(columns=["doc_id", "file"])
    id_of = dict(zip(src["file"], src["doc_id"]))
    texts: dict[str, str] = {}
    skipped: list[str] = []
    used_ids = set(id_of.values())
    for name in files:
        try:
            text = read_article(folder / name, max_bytes=max_bytes)
        except CorpusError as err:
            if on_error == "raise":
                raise
            skipped.append(f"{err}; skipped")
            continue
        doc_id = id_of.get(name)
        if doc_id is None:
            base = doc_id = _slug(Path(name).stem)
            k = 2
            while doc_id in used_ids:
                doc_id, k = f"{base}-{k}", k + 1
            used_ids.add(doc_id)
            id_of[name] = doc_id
        texts[doc_id] = text
    for note in skipped:
        warnings.warn(note, stacklevel=2)
    if not texts:
        raise CorpusError(folder, "has no readable article files", "see the messages above for each file")
    meta = src.copy()
    extra = pd.DataFrame({"file": [f for f in files if f not in set(src["file"])]})
    extra["doc_id"] = extra["file"].map(id_of)
    meta = pd.concat([meta, extra], ignore_index=True)
    meta = meta[meta["doc_id"].isin(texts)]
    corpus = corpus_from_texts(texts, meta)
    return Corpus(
        documents=corpus.documents,
        blocks=corpus.blocks,
        texts=corpus.texts,
        folder=folder,
        notes=tuple(skipped) + corpus.notes,
    )


_RE_ALSO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(.+?)\s*$")


def events_table(documents: pd.DataFrame) -> pd.DataFrame:
    """The events the articles report: one row per (event, article).

    The event an article is compared on comes from ``event_date`` and
    ``event_title`` (``coverage == "main"``); further events come from
    ``also_reports``, ``"YYYY-MM-DD title"`` entries separated by ``;``
    (``coverage == "also"``).  Articles without event metadata are left out.

    Returns columns ``event_date`` (str), ``event_title``, ``doc_id``,
    ``coverage``, sorted by date, title, coverage and doc_id.
    """
    rows = []
    for d in documents.itertuples(index=False):
        date, title = getattr(d, "event_date", None), getattr(d, "event_title", None)
        if date and title:
            rows.append((str(date), str(title), d.doc_id, "main"))
        for entry in str(getattr(d, "also_reports", None) or "").split(";"):
            m = _RE_ALSO.match(entry)
            if m:
                rows.append((m.group(1), m.group(2), d.doc_id, "also"))
    out = pd.DataFrame(rows, columns=["event_date", "event_title", "doc_id", "coverage"])
    return out.sort_values(["event_date", "event_title", "coverage", "doc_id"], ignore_index=True)


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence of every article, in reading order.

    Body, standfirst, caption, footer and copyright blocks are split into
    sentences with :func:`claimcompare.segment.sentence_spans`; headline,
    dateline, stamp, editor and navigation blocks are one row each.  Every
    non-whitespace character of every text lies in exactly one row.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENTENCE_COLUMNS`: ``doc_id``; ``sent_id`` (int,
        0-based reading order within the article); ``paragraph`` (int);
        ``start``, ``end`` (int offsets into the text, ``text ==
        corpus.texts[doc_id][start:end]``); ``role`` (the block's role); ``text``.
        Sorted by ``doc_id`` and ``sent_id``.
    """
    rows: list[tuple[str, int, int, int, str, str]] = []
    for b in corpus.blocks.itertuples(index=False):
        text = corpus.texts[b.doc_id]
        if b.role in _SEGMENTED_ROLES:
            chunk = text[b.start : b.end]
            for s, e in sentence_spans(chunk):
                rows.append((b.doc_id, b.paragraph, b.start + s, b.start + e, b.role, chunk[s:e]))
        else:
            rows.append((b.doc_id, b.paragraph, b.start, b.end, b.role, b.text))
    out = pd.DataFrame(rows, columns=["doc_id", "paragraph", "start", "end", "role", "text"])
    out = out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    out.insert(1, "sent_id", out.groupby("doc_id").cumcount().astype("int64"))
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})[list(SENTENCE_COLUMNS)]

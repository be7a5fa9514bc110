"""From a folder of article files to a :class:`Corpus` and its sentences table.

The data flow starts here: files -> :func:`load_corpus` -> :class:`Corpus`
(articles, metadata, labelled blocks, what cleaning set aside) ->
:func:`sentences_table` (one row per sentence, with character offsets into the
original file).

Offsets are Python string indices into the file decoded as UTF-8 with line
ends left as they are (``newline=""``: CRLF and lone CR stay in the text), so
``open(path, encoding="utf-8-sig", newline="").read()[start:end]`` gives back
the sentence.  A UTF-8 byte-order mark is not part of the text.

Files that are not UTF-8 plain text are read with a documented fallback and a
warning naming the file (also kept in :attr:`Corpus.notes`), or refused with a
:class:`~claimcompare.errors.CorpusError` naming the file and what to do:

==========================================  ==========================================================
input                                       what happens
==========================================  ==========================================================
empty, or only whitespace / a BOM           refused ("file is empty")
binary (zero bytes, control characters,     refused ("looks like a binary file" / "looks like a PDF
PDF, Word, zip, image signatures)           document" ...); a zero byte anywhere in a file that is not
                                            UTF-16 refuses it, naming the byte's offset
over ``max_bytes`` (default 20 MB)          refused, naming the size and the limit
UTF-16/32 with a byte-order mark            decoded; warning; offsets index the decoded text
UTF-16 without one (LE or BE; Latin,        decoded; warning naming the byte order; recognised by its
Cyrillic, Chinese ...)                      zero bytes, or, when the bytes are not plausible 8-bit
                                            text (control characters, zero bytes, no spaces), by
                                            decoding to clean text in one script besides Latin
not UTF-8: Windows-1252 / Latin-1           decoded as Windows-1252 (Latin-1 when the bytes are
                                            undefined in Windows-1252); warning naming the encoding;
                                            offsets index the decoded text, that is
                                            ``open(path, encoding=<that encoding>, newline="")``;
                                            a file with few letters or none ("–", "São") stays
                                            Windows-1252
UTF-8 with Windows-1252 passages (text      decoded piece by piece: UTF-8 where the bytes are UTF-8,
pasted in from another file)                Windows-1252 for each run of bytes that is not; warning
                                            naming the repaired lines; offsets index the decoded text
not UTF-8, not Western European             charset-normalizer's best guess (e.g. cp1251, gb18030),
                                            warning naming it; refused when nothing decodes
HTML page or fragment (any file name)       article text extracted with trafilatura; warning; the
                                            extracted text *is* the document text and offsets index
                                            it, not the file; refused when nothing is extracted or
                                            trafilatura is missing
mostly a script other than Latin            read as is; warning that cleaning and similarity are
                                            tuned to English (CJK: split at 。！？, but word counts
                                            and word matching are poor)
==========================================  ==========================================================

Windows-1252 is tried before charset detection because, measured on short
Western European texts, charset-normalizer 3.5 prefers Central European
cp1250 and turns è, ñ, ã, ò into č, ń, ă, ň; a Windows-1252 reading is
rejected when over 30% of its letters come out non-ASCII (Cyrillic or Greek
bytes), and detection takes over; but not on fewer than 16 letters, where
charset-normalizer's guesses are mostly wrong (``b"\\x96\\n"``, an en dash,
came out as the UTF-16-BE "阊", "São" as "口漊"), and its UTF-16/32 guesses are
never taken.  A file is read as UTF-8 with Windows-1252 passages only when it
holds UTF-8 multi-byte characters and the letters among its other bytes come
one or two at a time, as accented letters do (not whole words, as in cp1251);
a Windows-1252 file in which a capital is followed by a quote or dash
("CAFÉ”", bytes that also form UTF-8) stays Windows-1252.

Size: a news article is rarely over 100 kB, so a file over ``max_bytes``
(20 MB) is almost always many articles in one, which alignment would treat as
a single report.  Accepting one works but costs: measured on this project's
2-core machine (other jobs running), loading, cleaning and segmenting 50 MB of
news text took 22 s with a peak of 1.0 GB resident memory (20 MB: 11 s,
0.5 GB).  Such a file is refused by default; ``max_bytes`` raises the limit.

``sources.csv`` is checked by :func:`load_corpus`: see :func:`_read_sources`
for what is refused and what falls back with a warning.

A folder is read one level deep, regular files whose names match ``pattern``
(``*.txt``, ignoring case) only.  What may hold articles but is not read (saved
pages, documents such as PDF or Word files, subfolders of articles, broken
links, named pipes and other non-regular files, links to files outside the
folder unless ``follow_links=True``) is named in a warning, not skipped in
silence; notes and metadata beside the articles are left alone.  Ids not given
in ``sources.csv`` are read off the file names (:mod:`claimcompare.names`);
ids that would collide are told apart by a hash of the file name, with a
warning.
"""

from __future__ import annotations

import codecs
import collections
import csv
import fnmatch
import hashlib
import io
import os
import re
import stat
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from .clean import ALIGNED_ROLES, BLOCK_COLUMNS, BlockRow, block_rows, blocks_frame, body_sentences
from .errors import CorpusError
from .htmltext import HTML_SUFFIXES, extract_article, extractor_version, looks_like_html
from .names import doc_id_from_name, name_hash
from .passages import (
    also_reports_entries,
    body_sentence_counts,
    own_event,
    own_event_counts,
    passage_events,
    set_aside_sentences,
)
from .progress import progress
from .segment import sentence_spans

__all__ = [
    "ALIGNED_ROLES",
    "DOC_COLUMNS",
    "body_sentences",
    "also_reports_entries",
    "events_table",
    "first_iso_date",
    "SENTENCE_COLUMNS",
    "SOURCE_COLUMNS",
    "Corpus",
    "EventSentences",
    "check_source_metadata",
    "corpus_from_texts",
    "event_sentences",
    "load_corpus",
    "load_event_sentences",
    "read_article",
    "sentences_table",
    "text_digest",
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
SENTENCE_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "paragraph", "start", "end", "role", "text", "event")

#: Roles whose blocks are split into sentences; other blocks are one row each.
_SEGMENTED_ROLES = frozenset({"body", "standfirst", "caption", "footer", "copyright"})
#: Files larger than this are refused unless ``max_bytes`` is raised.
DEFAULT_MAX_BYTES = 20_000_000
#: Folders with more files than this get a progress bar in a terminal.
PROGRESS_MIN_FILES = 200


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
        Warnings raised while loading, in order, each naming its file:
        ignored saved pages, ``sources.csv`` fallbacks, per file (another
        encoding, HTML extraction, another script, skipped), duplicates, and
        fewer than two distinct articles.
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

    Parameters
    ----------
    path:
        An article file: plain text (UTF-8 preferred) or a saved web page.
    max_bytes:
        Largest file accepted (default :data:`DEFAULT_MAX_BYTES`, 20 MB).

    Returns
    -------
    str
        The text that all offsets index (see the module docstring).  Each
        fallback used to get it (another encoding, HTML extraction, a script
        other than Latin) is announced with a :class:`UserWarning` naming the
        file; :func:`load_corpus` also records it in :attr:`Corpus.notes`.

    Empty, binary, over-large and unreadable files, and HTML pages with no
    extractable article, raise :class:`CorpusError` with a one-line message
    that names the file and says what to do.  So does what is not a regular
    file (a named pipe, a device such as ``/dev/zero``, a socket), which is
    never opened; and no file is read past ``max_bytes + 1`` bytes.
    """
    text, notes = _read_text(Path(path), max_bytes=max_bytes)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return text


def _read_text(path: Path, *, max_bytes: int) -> tuple[str, list[str]]:
    """The text of one article file and the notes about how it was read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device may never end: never opened
            raise CorpusError(
                path,
                f"is not a regular file ({_file_kind(info.st_mode)})",
                "save the article to a .txt file and give the path of that file",
            )
        if info.st_size > max_bytes:
            raise _too_large(path, info.st_size, max_bytes)
        # non-blocking: a pipe put in the file's place since stat cannot hang us (it reads as empty)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:  # at most the limit, even if the file grows meanwhile
            data = f.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(path, len(data), max_bytes, at_least=True)
    except OSError as err:
        raise CorpusError(path, f"cannot read the file ({err.strerror or err})", "check that it exists and is readable") from None
    if not data.strip():
        raise CorpusError(path, "file is empty", "remove it from the folder or put the article text in it")
    notes: list[str] = []
    text, encoding = _decode(path, data)
    if _looks_binary(text):
        raise CorpusError(path, "looks like a binary file, not text", "save the article as a UTF-8 .txt file")
    html = looks_like_html(text, suffix=path.suffix)
    if html and encoding is not None:
        text, encoding = _declared_charset(data, text, encoding)
    if encoding is not None:
        notes.append(
            f"{path}: is not UTF-8; decoded as {encoding}; offsets index the decoded text "
            "(check accented letters, or re-save the file as UTF-8)"
        )
    if html:
        text, note = _html_article(path, text)
        notes.append(note)
    if not text.strip():
        raise CorpusError(path, "file is empty", "remove it from the folder or put the article text in it")
    script = _script_note(text)
    if script:
        notes.append(f"{path}: {script}")
    return text, notes


def _too_large(path: Path, size: int, max_bytes: int, *, at_least: bool = False) -> CorpusError:
    """The over-size error, naming ``max_bytes=`` (library) or ``--max-bytes`` (command line)."""
    split = "split it into one file per article, or raise the limit"
    return CorpusError(
        path,
        f"file is {'' if at_least else _human(size) + ', '}over the {_human(max_bytes)} limit for one article",
        f"{split} (max_bytes=... in load_corpus/read_article)",
        cli_remedy=f"{split} with --max-bytes N (N in bytes, now {max_bytes})",
    )


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((kind for test, kind in kinds if test(mode)), "not a plain file")


#: Signatures of common binary formats someone may drop into an article folder.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a .docx or .odt document is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Share of non-ASCII letters above which a Windows-1252 reading is taken to be
#: wrong (text in Western European languages stays far below it; Cyrillic or
#: Greek bytes read as Windows-1252 are almost all accented letters).
_MAX_NON_ASCII_LETTERS = 0.3
_RE_LETTER = re.compile(r"[^\W\d_]")
_RE_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_RE_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{2,40})", re.IGNORECASE)


def _decode(path: Path, data: bytes) -> tuple[str, str | None]:
    """Decode ``data``: ``(text, None)`` for UTF-8, else ``(text, what was used)``.

    In order: UTF-16/32 with a byte-order mark; binary signatures are
    refused; UTF-16 without a byte-order mark, recognised by its zero bytes
    or, when the bytes read as 8-bit text would be refused or implausible, by
    decoding to clean text in one script (:func:`_utf16_without_bom`); a zero
    byte anywhere else is refused; UTF-8 (a byte-order mark dropped); UTF-8
    with Windows-1252 passages, decoded piece by piece
    (:func:`_utf8_with_cp1252`); Windows-1252 (a superset of the printable
    Latin-1), or Latin-1 when the bytes are undefined in Windows-1252, unless
    over 30% of at least :data:`_MIN_LETTERS_TO_DOUBT` letters come out
    non-ASCII (a short file, or one without letters, stays Windows-1252); then
    charset detection (charset-normalizer, whose UTF-16/32 guesses are not
    taken: they are the rule above's to make).  Whatever cannot be decoded is
    refused.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), f"{codec.upper()} (byte-order mark)"
            except UnicodeDecodeError:
                break
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(path, f"looks like {kind}, not text", "save the article as a UTF-8 .txt file")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16[0], f"{utf16[1].upper()} (no byte-order mark)"
    zero = data.find(b"\x00")
    if zero >= 0:
        raise CorpusError(
            path,
            f"looks like a binary file, not text (a zero byte at offset {zero:,})",
            "save the article as a UTF-8 .txt file (text has no zero bytes)",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        first_bad = err.start
    mixed = _utf8_with_cp1252(data)
    if mixed is not None:
        return mixed
    western = _western(data)
    if western is not None:
        return western
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is pinned
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None and not best.encoding.lower().startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        try:
            return data.decode(best.encoding), f"{best.encoding} (detected by charset-normalizer)"
        except (UnicodeDecodeError, LookupError):
            pass
    raise CorpusError(
        path,
        f"is not UTF-8 text (byte 0x{data[first_bad]:02x} at offset {first_bad}) and its encoding could not be recognised",
        "re-save it as UTF-8",
    )


#: Fewer letters than this are too few to doubt a Windows-1252 reading
#: (charset-normalizer's guesses on a few bytes are mostly wrong: "São" -> UTF-16-BE).
_MIN_LETTERS_TO_DOUBT = 16


def _western(data: bytes) -> tuple[str, str] | None:
    """``data`` read as Windows-1252 (else Latin-1), or None when that reading is implausible.

    Implausible: over 30% of the letters are non-ASCII (Cyrillic or Greek
    bytes), counted only when there are at least :data:`_MIN_LETTERS_TO_DOUBT`
    letters; a file with few or no letters ("–", "…") stays Windows-1252.
    """
    for codec, label in (("cp1252", "Windows-1252 (cp1252)"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = _RE_LETTER.findall(text[:1_000_000])
        non_ascii = sum(not c.isascii() for c in letters)
        if len(letters) < _MIN_LETTERS_TO_DOUBT or non_ascii <= _MAX_NON_ASCII_LETTERS * len(letters):
            return text, label
        return None
    return None  # pragma: no cover - Latin-1 decodes every byte


#: Bytes that are not UTF-8 (decoded with ``surrogateescape``: one lone surrogate per byte).
_RE_ESCAPED = re.compile("[\udc80-\udcff]+")
#: A two-byte UTF-8 sequence that in Windows-1252 reads as a capital letter and a
#: quote, dash or ellipsis ("É”", "Ä…"): no evidence of UTF-8 on its own.
_RE_AMBIGUOUS_PAIR = re.compile(rb"[\xc4-\xdf][\x84\x85\x8b\x91-\x97\x9b]")
_RE_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_RE_LINE_END = re.compile(r"\r\n?|\n")
#: Windows-1252 passages are Western European text: accented letters one or
#: two at a time among ASCII letters.  When more than this share of the letters
#: read off the bytes that are not UTF-8 stand in runs of three or more (whole
#: words: Cyrillic in cp1251, Chinese in GB18030), the file is another legacy
#: encoding, not UTF-8 with Windows-1252 passages.
_MAX_NON_ASCII_WORDS = 0.3
_RE_NON_ASCII_WORD = re.compile(r"[^\W\d_]{3,}")
#: Repaired lines named in a note before "and N more".
_MAX_LINES_NAMED = 10


def _utf8_with_cp1252(data: bytes) -> tuple[str, str] | None:
    """Decode a file that is UTF-8 with Windows-1252 passages, piece by piece, or None.

    UTF-8 where the bytes are valid UTF-8, Windows-1252 for each run of bytes
    that is not (Latin-1 for the five bytes Windows-1252 leaves undefined).
    Taken only when the file holds UTF-8 multi-byte characters (a Windows-1252
    file seldom does: "Ã©" or "â€”" in it are UTF-8), not counting a capital
    letter followed by a quote, dash or ellipsis ("É”"), which Windows-1252
    text does hold; and only when the letters among the bytes that are not
    UTF-8 come one or two at a time, as accented letters do (text in cp1251
    or GB18030 has whole words of them, some of whose byte pairs are valid
    UTF-8 by chance; see :data:`_MAX_NON_ASCII_WORDS`).  The label names the
    repaired lines (1-based; a line ends at LF, CRLF or a lone CR).
    """
    evidence = [m.group() for m in _RE_UTF8_MULTIBYTE.finditer(data)]
    if not any(len(seq) > 2 or not _RE_AMBIGUOUS_PAIR.fullmatch(seq) for seq in evidence):
        return None
    escaped = data.decode("utf-8", errors="surrogateescape")
    runs = [bytes(ord(c) - 0xDC00 for c in m.group()).decode("latin-1") for m in _RE_ESCAPED.finditer(escaped, 0, 1_000_000)]
    letters = sum(len(_RE_LETTER.findall(run)) for run in runs)
    in_words = sum(len(word) for run in runs for word in _RE_NON_ASCII_WORD.findall(run))
    if in_words > _MAX_NON_ASCII_WORDS * letters:
        return None  # words of bytes that are not UTF-8: another legacy encoding (Cyrillic, Chinese)
    pieces: list[str] = []
    lines: list[int] = []
    line, done = 1, 0
    for m in _RE_ESCAPED.finditer(escaped):
        pieces.append(escaped[done : m.start()])
        line += len(_RE_LINE_END.findall(escaped, done, m.start()))
        raw = bytes(ord(c) - 0xDC00 for c in m.group())
        repaired = "".join(_cp1252_byte(b) for b in raw)
        if not lines or lines[-1] != line:
            lines.append(line)
        pieces.append(repaired)
        done = m.end()
    pieces.append(escaped[done:])
    named = ", ".join(map(str, lines[:_MAX_LINES_NAMED]))
    if len(lines) > _MAX_LINES_NAMED:
        named += f" and {len(lines) - _MAX_LINES_NAMED} more"
    return "".join(pieces), (
        f"UTF-8, with the bytes that are not UTF-8 on line{'s' if len(lines) > 1 else ''} {named} "
        "repaired as Windows-1252 (cp1252)"
    )


def _cp1252_byte(b: int) -> str:
    """One byte in Windows-1252, or Latin-1 for the five bytes Windows-1252 leaves undefined."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, "utf-16-le" | "utf-16-be")`` for UTF-16 without a byte-order mark, else None.

    Taken when every other byte of the first 4 kB is zero (Latin text), or
    else, for an even number of bytes, when the file read as 8-bit text would
    be refused or is implausible (control characters or zero bytes; not UTF-8
    and not plausible Windows-1252; a long run without a space) and exactly
    one byte order decodes to clean text (:func:`_clean_utf16_text`).  Pairs
    of bytes of ordinary 8-bit text are often valid UTF-16 (two ASCII letters
    make a CJK ideograph), hence the 8-bit reading is asked first.
    """
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
        codec = "utf-16-le" if zero_odd > 0.3 and zero_even < 0.05 else None
        codec = "utf-16-be" if zero_even > 0.3 and zero_odd < 0.05 else codec
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    if len(data) < 6 or len(data) % 2 or _plausible_8_bit(data):
        return None
    readings = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _clean_utf16_text(text):
            readings.append((text, codec))
    return readings[0] if len(readings) == 1 else None


#: 8-bit text longer than this without a space or line end is taken to be something else.
_MAX_RUN_WITHOUT_SPACE = 40


def _plausible_8_bit(data: bytes) -> bool:
    """True when ``data`` reads as 8-bit text that would be accepted: UTF-8 or Windows-1252, no control characters."""
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mixed = _utf8_with_cp1252(data) or _western(data)
        if mixed is None:
            return False
        text = mixed[0]
        if any("\x80" <= c <= "\x9f" for c in text[:100_000]):
            return False  # Latin-1 C1 controls: bytes undefined in Windows-1252
        if len(text) > _MAX_RUN_WITHOUT_SPACE and not any(c.isspace() for c in text[:100_000]):
            return False
    return not _RE_CONTROL.search(text[:100_000])


#: Unicode categories a UTF-16 reading may not hold: controls other than
#: whitespace, format characters, unassigned and private-use code points.
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})


def _clean_utf16_text(text: str) -> bool:
    """True when ``text`` looks like text: no stray controls, 60% letters or more, most in one script besides Latin.

    Latin letters must be in Latin-1 (U+0000-U+00FF): beyond it they come
    from control bytes (U+0100 is the bytes 0x00 0x01), as in small binary
    files, and UTF-16 text in Latin with accents has zero bytes, which the
    rule before this one catches.

    The script of a letter is the first word of its Unicode name (LATIN,
    CYRILLIC, GREEK, CJK, HIRAGANA ...); Chinese and Japanese count as one.
    """
    head = text[:20_000]
    scripts: collections.Counter[str] = collections.Counter()
    n_letters = n_visible = 0
    for c in head:
        if c in "\t\n\r\x0b\x0c\u2028\u2029":
            continue
        cat = unicodedata.category(c)
        if cat in _BAD_CATEGORIES and c not in "\u00ad\u200b\u200c\u200d":
            return False
        if c.isspace():
            continue
        n_visible += 1
        if cat.startswith("L"):
            n_letters += 1
            script = unicodedata.name(c, "?").split()[0]
            if script == "LATIN" and c > "\u00ff":
                return False  # Latin letters beside another script are ASCII or Latin-1; U+0100 is bytes 00 01
            scripts["CJK" if script in {"CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"} else script] += 1
    if n_visible < 3 or n_letters < 0.6 * n_visible:
        return False
    other = [s for s in scripts if s != "LATIN"]
    return len(other) == 1 and scripts[other[0]] >= 0.5 * n_letters


def _looks_binary(text: str) -> bool:
    """True when over 1% of the first 100,000 characters are control characters."""
    head = text[:100_000]
    return len(_RE_CONTROL.findall(head)) > 0.01 * max(len(head), 1)


def _declared_charset(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Re-decode a non-UTF-8 page with the charset its ``<meta>`` declares, when that works."""
    m = _RE_META_CHARSET.search(data[:8192])
    if not m:
        return text, encoding
    declared = m.group(1).decode("ascii").lower()
    try:
        return data.decode(declared), f"{declared} (declared in the page)"
    except (UnicodeDecodeError, LookupError):
        return text, encoding


#: Fewer words than this extracted from a page (a lone "Home" link) is no article.
_MIN_EXTRACTED_WORDS = 3
_RE_WORDS = re.compile(r"\w+")


def _html_article(path: Path, markup: str) -> tuple[str, str]:
    """The article text of a web page and the note that says so, or CorpusError.

    Refused when trafilatura is missing, fails, or extracts fewer than 3 words.
    """
    remedy = "save the article text as a UTF-8 .txt file"
    try:
        text, _title = extract_article(markup)
        version = extractor_version()
    except ImportError:
        raise CorpusError(
            path,
            "looks like an HTML page, and trafilatura (which extracts the article from a page) is not installed",
            f"{remedy}, or install it: pip install trafilatura",
        ) from None
    except ValueError as err:
        raise CorpusError(path, f"looks like an HTML page that could not be parsed ({err})", remedy) from None
    if len(_RE_WORDS.findall(text)) < _MIN_EXTRACTED_WORDS:
        raise CorpusError(path, "looks like an HTML page with no article text that could be extracted", remedy)
    note = (
        f"{path}: is an HTML page; its article text was extracted with trafilatura {version} "
        f"({len(text):,} of {len(markup):,} characters); offsets index the extracted text, not the file"
    )
    return text, note


#: Share of letters in one script above which a text is taken to be in it.
_MIN_LATIN_SHARE = 0.5
_SCRIPT_NAMES = {
    "CJK": "Han (Chinese/Japanese)",
    "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana",
    "HANGUL": "Korean Hangul",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
}
_SPACELESS = frozenset({"CJK", "HIRAGANA", "KATAKANA"})


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if "LATIN" in name:
        return "LATIN"
    return name.split(" ", 1)[0] or "UNKNOWN"


def _script_note(text: str) -> str | None:
    """A warning when most letters of ``text`` are not Latin, else None.

    The scripts are those of the Unicode character names of the letters in
    the first 1,000,000 characters.  Sentences are split at ``. ! ?`` and at
    the CJK full stops ``。！？``, but the rules of cleaning (which count words
    by spaces and read datelines in capitals) and of similarity (English stop
    words and stemming) are made for English.
    """
    letters = collections.Counter(_RE_LETTER.findall(text[:1_000_000]))
    if not letters:
        return None
    scripts: collections.Counter[str] = collections.Counter()
    for ch, n in letters.items():
        scripts[_script_of(ch)] += n
    total = sum(scripts.values())
    if scripts["LATIN"] >= _MIN_LATIN_SHARE * total:
        return None
    top, n_top = sorted(scripts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    name = _SCRIPT_NAMES.get(top, top.title())
    share = f"{100 * n_top / total:.0f}% of letters"
    if top in _SPACELESS:
        detail = (
            "sentences are split at 。！？, but cleaning counts words by spaces, so headlines, navigation and body "
            "may be mislabelled and word matching is poor"
        )
    else:
        detail = "sentences are split, but datelines, roles and word matching are tuned to English"
    return (
        f"is written mostly in {name} script ({share}), which claimcompare does not support well: {detail}; "
        "check its roles (Corpus.removed()) and treat its alignments with care"
    )


def _human(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _slug(name: str) -> str:
    """The id read off a file name's stem: :func:`claimcompare.names.doc_id_from_name`."""
    return doc_id_from_name(name)


def first_iso_date(text: str) -> str | None:
    """The first full date in ``text`` as ``"YYYY-MM-DD"``, or ``None``.

    Dates written ``2021-07-27``, ``27.07.2021``, ``July 27, 2021`` (month
    names or abbreviations, with or without the comma and a full stop) or
    ``27 July 2021`` are read, in that order of preference; a match that is
    not a calendar date is skipped.  Used to date an article from a stamp,
    a dateline or a file name.
    """
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


def _derived_metadata(doc_id: str, file: str, blocks: list[BlockRow]) -> dict[str, object]:
    """Metadata read off the text: title from the headline, date from a stamp or dateline.

    ``blocks``: the text's :func:`~claimcompare.clean.block_rows`.
    """
    role, text = BLOCK_COLUMNS.index("role"), BLOCK_COLUMNS.index("text")
    title = next((b[text] for b in blocks if b[role] == "headline"), None)
    dated = (b[text] for b in blocks if b[role] in ("stamp", "dateline"))
    published = next((d for d in (first_iso_date(t) for t in dated) if d), None)
    return {"doc_id": doc_id, "file": file, "title": title, "published": published}


def text_digest(text: str) -> str:
    """The key of ``duplicate_of``: SHA-1 (hex) of the text with its whitespace runs made single spaces, ends stripped.

    Two articles with the same digest are the same text; the one with the
    later ``doc_id`` is flagged ``duplicate_of`` the first
    (:func:`corpus_from_texts`; the Dask engine compares digests across
    partitions).
    """
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def corpus_from_texts(texts: dict[str, str], metadata: pd.DataFrame | None = None) -> Corpus:
    """Build a :class:`Corpus` from ``doc_id -> text`` (tests, other loaders).

    ``metadata`` may hold any of :data:`DOC_COLUMNS` with a ``doc_id`` column;
    missing values are read off the text where it has them.
    """
    given_by_id = metadata.set_index("doc_id").to_dict("index") if metadata is not None and len(metadata) else {}
    rows, block_list, block_ids, notes = [], [], [], []
    seen: dict[str, str] = {}
    for doc_id in sorted(texts):
        text = texts[doc_id]
        blocks = block_rows(text)
        block_list.extend(blocks)
        block_ids.extend([doc_id] * len(blocks))
        row = _derived_metadata(doc_id, doc_id, blocks)
        given = given_by_id.get(doc_id)
        if given is not None:
            row.update({k: v for k, v in given.items() if pd.notna(v) and v != ""})
        row["n_chars"] = len(text)
        digest = text_digest(text)
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
    blocks = blocks_frame(block_list, block_ids)
    for note in notes:
        warnings.warn(note, stacklevel=3)
    return Corpus(documents=documents, blocks=blocks, texts=dict(texts), notes=tuple(notes))


#: Columns of sources.csv that are used (any others are ignored).
SOURCE_COLUMNS: tuple[str, ...] = (
    "file",
    "doc_id",
    "outlet",
    "site",
    "country",
    "published",
    "event_date",
    "event_title",
    "place",
    "also_reports",
    "title",
)


def _listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


_RE_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _missing(value: object) -> bool:
    return value is None or value == "" or (not isinstance(value, str) and bool(pd.isna(value)))


def check_source_metadata(meta: pd.DataFrame, where: str | Path, *, name_by: str = "file") -> tuple[pd.DataFrame, list[str]]:
    """Check the metadata columns of ``sources.csv`` (or of a table of articles): the one check both use.

    Parameters
    ----------
    meta
        One row per article with any of :data:`SOURCE_COLUMNS` (cells as
        strings; ``""``, None or NaN for a missing value) and the column
        ``name_by``.
    where
        The file the metadata came from, named at the start of each note.
    name_by
        The column that names a row in the notes: ``"file"`` (a folder's
        ``sources.csv``: ``for a.txt``) or ``"doc_id"`` (a table of
        articles: ``for doc_id a``).

    Returns
    -------
    (pandas.DataFrame, list[str])
        ``meta`` (a copy, same rows, columns and order) with every
        ``published`` and ``event_date`` that is not a calendar day written
        ``YYYY-MM-DD`` set to None (:func:`load_corpus` then reads the date
        off the text where it has one), and the notes, one line each, in
        this order: such dates per column; an ``event_date`` column without
        ``event_title`` or the reverse (event grouping stays off);
        ``also_reports`` entries not of the form ``YYYY-MM-DD title`` (left
        as they are: :func:`claimcompare.passages.document_events` skips
        them).  At most five rows are named per note, then ``and N more``.
        ``meta`` is not modified.
    """
    if name_by not in meta.columns:
        raise ValueError(f"meta lacks the column {name_by!r} that names its rows")
    out = meta.copy()
    notes: list[str] = []
    names = [str(v) for v in out[name_by]]
    label = "" if name_by == "file" else f"{name_by} "
    for col in ("published", "event_date"):
        if col in out.columns:
            values = out[col].astype(object)
            shaped = values.map(lambda v: isinstance(v, str) and bool(_RE_ISO_DATE.match(v))).astype(bool)
            parsed = pd.to_datetime(values.where(shaped, None), format="%Y-%m-%d", errors="coerce")  # one vectorised parse
            ok = (values.map(_missing).astype(bool) | (shaped & parsed.notna())).tolist()
            if not all(ok):
                bad = [n for n, good in zip(names, ok) if not good]
                notes.append(f"{where}: column {col!r} is not YYYY-MM-DD for {label}{_listing(bad)}; ignored (read off the text where it has a date)")
                out[col] = pd.Series([v if good else None for v, good in zip(out[col], ok)], index=out.index, dtype=object)
    has_date, has_title = "event_date" in out.columns, "event_title" in out.columns
    if has_date != has_title:
        there, missing = ("event_date", "event_title") if has_date else ("event_title", "event_date")
        notes.append(
            f"{where}: has {there!r} but no {missing!r} column; articles are compared by similarity, not by event "
            f"(add {missing!r} to compare the reports of each event)"
        )
    if "also_reports" in out.columns:
        bad = [
            n
            for n, v in zip(names, out["also_reports"])
            if not _missing(v) and any(e.strip() and not also_reports_entries(e) for e in str(v).split(";"))
        ]
        if bad:
            notes.append(
                f"{where}: column 'also_reports' has entries not of the form 'YYYY-MM-DD title' for {label}{_listing(bad)}; those entries are ignored"
            )
    return out, notes


def _read_sources(path: Path, files: list[str], *, pattern: str) -> tuple[pd.DataFrame, list[str]]:
    """Read and check ``sources.csv``: ``(table, notes)`` or :class:`CorpusError`.

    ``files``: the folder's article files (those read and those skipped).
    File names are compared after Unicode NFC normalisation (``café`` typed
    with a composed ``é`` names a file saved with ``e`` and a combining
    accent, as macOS and some archives save it), and the table's ``file``
    column is returned with the name as it is on disk.  Rows without a
    ``doc_id`` keep an empty one (:func:`load_corpus` reads it off the name).

    Refused (with the row or file named): not CSV, no ``file`` column, a
    column used here (:data:`SOURCE_COLUMNS`) twice (``file,file`` too),
    rows without a file name, a file listed twice, files that are not
    article files of the folder, a name matching several files that differ
    only in normalisation, a repeated ``doc_id``.  Fallbacks with a
    note: a non-UTF-8 table is decoded as in :func:`read_article`; a table
    separated by ``;`` or tabs (spreadsheet exports) is read as such; column
    names are matched ignoring case and surrounding spaces; dates that are not
    ``YYYY-MM-DD`` are ignored (read off the text where it has one); an
    ``event_date`` column without ``event_title`` or the reverse leaves event
    grouping off; ``also_reports`` entries not of the form ``YYYY-MM-DD title``
    are ignored.
    """
    notes: list[str] = []
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(path, f"cannot read the file ({err.strerror or err})", "check that it is readable") from None
    if not data.strip():
        raise CorpusError(path, "is empty, not a CSV table", "fix or remove sources.csv (see the README)")
    text, encoding = _decode(path, data)
    if encoding is not None:
        notes.append(f"{path}: is not UTF-8; decoded as {encoding} (re-save it as UTF-8 to be sure of accented letters)")
    header = text.lstrip().split("\n", 1)[0]
    sep = next((s for s in (",", ";", "\t") if s in header), ",")
    try:
        src = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise CorpusError(path, f"cannot be read as CSV ({str(err).splitlines()[0]})", "fix or remove sources.csv") from None
    src = src.fillna("")
    header = next(csv.reader(io.StringIO(text.lstrip()), delimiter=sep), [])  # as written: pandas renames repeats
    names = [str(c).strip().lower() for c in header]
    dup = sorted({c for c in names if c in SOURCE_COLUMNS and names.count(c) > 1})
    if dup:
        raise CorpusError(path, f"has the column {', '.join(map(repr, dup))} twice", "keep one of them")
    rename = {c: str(c).strip().lower() for c in src.columns if str(c).strip().lower() in SOURCE_COLUMNS}
    src = src.rename(columns=rename)
    if src.columns.duplicated().any():
        dup = sorted(set(src.columns[src.columns.duplicated()]))
        raise CorpusError(path, f"has the column {', '.join(map(repr, dup))} twice", "keep one of them")
    if "file" not in src.columns:
        raise CorpusError(path, "has no 'file' column", "add a 'file' column naming each article file (see the README)")
    for col in src.columns:
        src[col] = src[col].astype(str).str.strip()
    src = src[(src != "").any(axis=1)].reset_index(drop=True)
    no_file = [str(i + 2) for i in src.index[src["file"] == ""]]
    if no_file:
        raise CorpusError(
            path, f"has no file name on line {_listing(no_file)}", "fill in the 'file' column or delete those rows"
        )
    src["file"] = [unicodedata.normalize("NFC", f) for f in src["file"]]
    twice = sorted(set(src.loc[src["file"].duplicated(), "file"]))
    if twice:
        raise CorpusError(path, f"lists {_listing(twice)} more than once", "keep one row per article file")
    on_disk: dict[str, list[str]] = collections.defaultdict(list)
    for f in files:
        on_disk[unicodedata.normalize("NFC", f)].append(f)
    ambiguous = sorted(f for f in src["file"] if len(on_disk.get(f, ())) > 1)
    if ambiguous:
        raise CorpusError(
            path,
            f"names {_listing(ambiguous)}, which matches several files of the folder that differ only in their "
            "Unicode normalisation (composed or decomposed accents)",
            "rename one of them",
        )
    unknown = sorted(set(src["file"]) - set(on_disk))
    if unknown:
        present = [f for f in unknown if (path.parent / f).is_file()]
        absent = [f for f in unknown if f not in present]
        if absent:
            raise CorpusError(
                path,
                f"names files that are not in the folder: {_listing(absent)}",
                "fix the 'file' column (names are case-sensitive) or delete those rows",
            )
        raise CorpusError(
            path,
            f"names files that are not article files ({pattern}): {_listing(present)}",
            "rename them to match the pattern or delete those rows",
        )
    src["file"] = [on_disk[f][0] for f in src["file"]]  # the name on disk, in whichever normalisation it has
    if "doc_id" not in src.columns:
        src["doc_id"] = ""
    given = src.loc[src["doc_id"] != "", "doc_id"]
    if given.duplicated().any():
        dup = sorted(set(given[given.duplicated()]))
        raise CorpusError(path, f"repeats doc_id {', '.join(dup)}", "give every article its own doc_id")
    src, checked = check_source_metadata(src, path)
    notes.extend(checked)
    return src, notes


#: File types that often hold an article but are not read as one: named in a
#: warning when they sit in a corpus folder, rather than skipped in silence.
DOCUMENT_SUFFIXES: tuple[str, ...] = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages")


def _matches(name: str, pattern: str, *, case_sensitive: bool) -> bool:
    """Whether a file name matches a glob ``pattern`` (:func:`fnmatch.fnmatchcase`; ignoring case unless asked)."""
    if case_sensitive:
        return fnmatch.fnmatchcase(name, pattern)
    return fnmatch.fnmatchcase(name.lower(), pattern.lower())


def _unread(entries: list[Path], pattern: str, skip: set[str], *, case_sensitive: bool = False) -> list[str]:
    """Which of a folder's ``entries`` may hold articles but are not read.

    Documents (:data:`DOCUMENT_SUFFIXES`), subfolders with files that match
    ``pattern`` directly in them (``"name/"``) and broken links that match it.
    Hidden entries, ``skip`` and other files (notes, metadata) are left out.
    """
    out = []
    for p in entries:
        if p.name.startswith(".") or p.name in skip:
            continue
        if p.is_dir():
            try:  # one level down: cheap on any tree, and where articles sit when a folder is split
                holds = any(_matches(q.name, pattern, case_sensitive=case_sensitive) and q.is_file() for q in p.iterdir())
            except OSError:  # unreadable subfolder: not ours to read either way
                holds = False
            if holds:
                out.append(p.name + "/")
        elif not p.exists() and _matches(p.name, pattern, case_sensitive=case_sensitive):
            out.append(f"{p.name} (broken link)")
        elif p.suffix.lower() in DOCUMENT_SUFFIXES:
            out.append(p.name)
    return out


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its links followed, lies in ``folder`` (already resolved) or below it."""
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _not_regular(mode: int) -> str:
    """What a non-regular, non-folder entry is, for messages."""
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _ids_from_names(names: list[str], taken: set[str], folder: Path) -> tuple[dict[str, str], list[str]]:
    """Ids for the article files ``names`` that have none in sources.csv: ``(file -> id, notes)``.

    The id is :func:`claimcompare.names.doc_id_from_name` of the file's stem.
    When several files would get the same id, or it is one that sources.csv
    gives to another file (``taken``), the file whose stem already is that id
    (in NFC) keeps it, and every other gets ``-`` and the first 6 hex digits
    of the SHA-1 of its file name (:func:`claimcompare.names.name_hash`), with
    a note naming them.  A file's id therefore depends only on its own name
    and the names it collides with, never on which files sort before it.
    """
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for name in names:
        groups[_slug(Path(name).stem)].append(name)
    ids: dict[str, str] = {}
    for base, group in groups.items():
        plain = [n for n in group if unicodedata.normalize("NFC", Path(n).stem) == base]
        if base not in taken and (len(group) == 1 or len(plain) == 1):
            ids[group[0] if len(group) == 1 else plain[0]] = base
    used = set(taken) | set(ids.values())
    notes = []
    for base, group in sorted(groups.items()):
        rest = [n for n in group if n not in ids]
        if not rest:
            continue
        for name in rest:
            k = 6
            while f"{base}-{name_hash(name, k)}" in used and k < 40:
                k += 2
            ids[name] = f"{base}-{name_hash(name, k)}"
            used.add(ids[name])
        kept = [n for n in group if ids[n] == base]
        head = (
            f"{_and(group)} would all have the id {base!r}, made from their names"
            if len(group) > 1
            else f"{group[0]} would have the id {base!r}, made from its name"
        )
        clash = ", which sources.csv gives to another file" if base in taken else ""
        keeps = f"; {kept[0]} keeps it" if kept else ""
        gets = ", ".join(f"{n} gets {ids[n]}" for n in rest)
        notes.append(
            f"{folder}: {head}{clash}{keeps}; {gets} (a short hash of the file name; "
            "give ids in the doc_id column of sources.csv to choose them)"
        )
    return ids, notes


def load_corpus(
    folder: str | Path,
    *,
    pattern: str = "*.txt",
    sources: str = "sources.csv",
    on_error: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
    show_progress: bool | None = None,
    case_sensitive: bool = False,
    follow_links: bool = False,
) -> Corpus:
    """Load every article file in ``folder`` (sorted by name) into a :class:`Corpus`.

    Parameters
    ----------
    folder:
        A folder of articles, one per file: plain text, or saved web pages
        (see the module docstring for encodings and HTML).
    pattern:
        Which files are articles (glob, default ``*.txt``; ``"*.html"`` for a
        folder of saved pages), matched against file names ignoring case
        (``*.txt`` reads ``A.TXT`` and ``b.Txt``) unless ``case_sensitive``.
        Only regular files are read: a named pipe, device or socket whose
        name matches is never opened (it could block or never end) and is
        named in a warning.
    sources:
        Name of the optional metadata table in ``folder``: one row per article
        with at least ``file``; ``doc_id``, ``outlet``, ``site``, ``country``,
        ``published``, ``event_date``, ``event_title``, ``place``,
        ``also_reports`` are used when present (:data:`SOURCE_COLUMNS`).
        Without it, ids come from the file names and the title and
        publication date are read off the text where it has them.  What is
        refused and what falls back: :func:`_read_sources`.
    on_error:
        ``"raise"`` stops at the first unreadable file with a
        :class:`CorpusError`; ``"skip"`` leaves it out with a warning (listed
        in :attr:`Corpus.notes`).
    max_bytes:
        Largest file accepted (default 20 MB; a news article is rarely over
        100 kB, and a larger file is usually many articles in one).
    show_progress:
        A progress bar over the files (:func:`claimcompare.progress.progress`;
        ``None``: only in a terminal and for more than
        :data:`PROGRESS_MIN_FILES` files).
    case_sensitive:
        Match ``pattern`` case-sensitively (default ``False``).
    follow_links:
        Read article files (and ``sources``) that are symbolic links to files
        outside ``folder`` (default ``False``: such links are named in a
        warning and not read, and a ``sources`` table linked from outside is
        refused, so that a folder cannot make claimcompare print a file such
        as ``/etc/passwd``; links to files inside the folder are read as any
        file).  When ``True`` they are read and still named in a warning.

    Ids: ``doc_id`` from sources.csv, else read off the file name
    (:func:`claimcompare.names.doc_id_from_name`: Unicode letters and digits
    kept, lower case, NFC); ids that would collide are told apart by a short
    hash of the file name, with a warning (:func:`_ids_from_names`).  The
    ``file`` column of :attr:`Corpus.documents` names each article's file.

    Every fallback (another encoding, HTML extraction, another script, bad
    metadata, duplicates, saved pages not matching ``pattern``, documents,
    subfolders and broken links that are not read (:func:`_unread`), fewer
    than two distinct articles) is a :class:`UserWarning` and a line of
    :attr:`Corpus.notes`, naming the file.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder", "give the path of a folder of .txt articles")
    try:
        entries = sorted(folder.iterdir())  # listed once: articles, saved pages and what is not read
    except OSError as err:
        raise CorpusError(folder, f"cannot list the folder ({err.strerror or err})", "check that it is readable") from None
    real = folder.resolve()
    files: list[str] = []
    special: list[str] = []  # named pipes, devices, sockets: never opened
    outside: list[str] = []  # links to files outside the folder
    for p in entries:
        if not _matches(p.name, pattern, case_sensitive=case_sensitive):
            continue
        try:
            mode = p.stat().st_mode  # follows links; never opens the file
        except OSError:  # a broken link: named by _unread
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            special.append(f"{p.name} ({_not_regular(mode)})")
            continue
        if p.is_symlink() and not _inside(p, real):
            outside.append(p.name)
            if not follow_links:
                continue
        files.append(p.name)
    not_read = [s.rsplit(" (", 1)[0] for s in special] + ([] if follow_links else outside)
    pages = [p.name for p in entries if p.is_file() and p.suffix.lower() in HTML_SUFFIXES and p.name not in files]
    unread = _unread(entries, pattern, skip={*files, *pages, *not_read}, case_sensitive=case_sensitive)
    notes: list[str] = []
    if special:
        notes.append(
            f"{folder}: skipped {_listing(special)}: not a regular file, so never opened (reading a named pipe or "
            "device can block or never end); save the article as a regular file to include it"
        )
    if outside:
        links = _listing([f"{n} -> {_link_target(folder / n)}" for n in outside])
        if follow_links:
            notes.append(f"{folder}: read {links}: link(s) to files outside the folder (follow_links=True)")
        else:
            notes.append(
                f"{folder}: not read: {links}: link(s) to files outside the folder; copy the files into the folder, "
                "or pass follow_links=True (on the command line --follow-links) to read them"
            )
    if not files:
        for note in notes:
            warnings.warn(note, stacklevel=2)
        if pages:
            raise CorpusError(
                folder,
                f"has no article files ({pattern}) but has saved web pages: {_listing(pages)}",
                "pass pattern='*.html' to load_corpus (on the command line: --pattern '*.html'), or rename them to .txt",
            )
        raise CorpusError(folder, f"has no article files ({pattern})", "put one article per .txt file in it")
    if pages:
        notes.append(
            f"{folder}: {len(pages)} saved web page(s) not read (only {pattern}): {_listing(pages)}; "
            "rename them to .txt to include them"
        )
    if unread:
        notes.append(
            f"{folder}: {len(unread)} item(s) that may hold articles are not read (only {pattern} files in the folder "
            f"itself): {_listing(unread)}; convert documents to plain text and move articles out of subfolders to include them"
        )
    src_path = folder / sources
    if os.path.lexists(src_path):
        _check_sources_entry(src_path, real, follow_links=follow_links)
        src, src_notes = _read_sources(src_path, sorted({*files, *not_read}), pattern=pattern)
        notes.extend(src_notes)
    else:
        src = pd.DataFrame(columns=["doc_id", "file"])
    id_of = {f: d for f, d in zip(src["file"], src["doc_id"]) if d}
    new_ids, id_notes = _ids_from_names([f for f in files if f not in id_of], set(id_of.values()), folder)
    id_of.update(new_ids)
    notes.extend(id_notes)
    src["doc_id"] = [id_of.get(f, "") for f in src["file"]]
    texts: dict[str, str] = {}
    for name in progress(files, desc="reading articles", enabled=show_progress, min_items=PROGRESS_MIN_FILES):
        try:
            text, file_notes = _read_text(folder / name, max_bytes=max_bytes)
        except CorpusError as err:
            if on_error == "raise":
                raise
            notes.append(f"{err}; skipped")
            continue
        notes.extend(file_notes)
        texts[id_of[name]] = text
    for note in notes:
        warnings.warn(note, stacklevel=2)
    if not texts:
        raise CorpusError(folder, "has no readable article files", "see the messages above for each file")
    meta = src.copy()
    listed = set(src["file"])
    extra = pd.DataFrame({"file": [f for f in files if f not in listed]})
    extra["doc_id"] = extra["file"].map(id_of)
    meta = pd.concat([meta, extra], ignore_index=True)
    meta = meta[meta["doc_id"].isin(texts)]
    corpus = corpus_from_texts(texts, meta)
    tail: list[str] = []
    distinct = corpus.documents.loc[corpus.documents["duplicate_of"].isna(), "file"].tolist()
    if len(distinct) < 2:
        also = " (the others are duplicates of it)" if len(corpus.documents) > 1 else ""
        tail.append(
            f"{folder}: only one distinct article ({distinct[0]}){also}, so alignment has nothing to compare; "
            "add other reports of the same event"
        )
    for note in tail:
        warnings.warn(note, stacklevel=2)
    return Corpus(
        documents=corpus.documents,
        blocks=corpus.blocks,
        texts=corpus.texts,
        folder=folder,
        notes=tuple(notes) + corpus.notes + tuple(tail),
    )


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _check_sources_entry(path: Path, folder: Path, *, follow_links: bool) -> None:
    """Refuse a metadata table that is not a regular file of ``folder`` (resolved), or a link out of it."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise CorpusError(path, f"cannot be read ({err.strerror or err}; a broken link?)", "fix or remove it") from None
    if stat.S_ISDIR(mode):
        raise CorpusError(path, "is a folder, not a CSV table", "remove or rename that folder, or replace it with the CSV file")
    if not stat.S_ISREG(mode):
        raise CorpusError(path, f"is a {_not_regular(mode)}, not a CSV file", "replace it with the CSV file")
    if path.is_symlink() and not follow_links and not _inside(path, folder):
        raise CorpusError(
            path,
            f"is a link to {_link_target(path)}, outside the folder",
            "copy the table into the folder, or pass follow_links=True (on the command line --follow-links)",
        )


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
        for also_date, also_title in also_reports_entries(getattr(d, "also_reports", None) or ""):
            rows.append((also_date, also_title, d.doc_id, "also"))
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
        corpus.texts[doc_id][start:end]``); ``role`` (the block's role); ``text``;
        ``event`` (the event the sentence's passage reports:
        :func:`claimcompare.passages.passage_events`, an ``"YYYY-MM-DD
        title"`` key as :meth:`Corpus.event_of` builds it, one of the
        document's ``also_reports`` for a passage about another listed event,
        ``"other"`` for a passage clearly about another day, ``""`` for a
        document without event metadata).  Sorted by ``doc_id`` and ``sent_id``.
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
    out = out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})
    out = passage_events(out, corpus.documents).drop(columns="event_reason")
    return out[list(SENTENCE_COLUMNS)]


@dataclass(frozen=True)
class EventSentences:
    """The data step of an analysis by event (:func:`event_sentences`): the corpus and its tables.

    ``corpus``: the :class:`~claimcompare.corpus.Corpus`; ``sentences``:
    :func:`claimcompare.corpus.sentences_table` of it (with ``event``);
    ``marked``: :func:`own_event` of the sentences; ``documents``:
    :func:`body_sentence_counts` of the corpus's documents; ``counts``:
    :func:`own_event_counts` per document; ``set_aside``:
    :func:`set_aside_sentences`, the body sentences about another event.
    """

    corpus: Corpus
    sentences: pd.DataFrame
    marked: pd.DataFrame
    documents: pd.DataFrame
    counts: pd.DataFrame
    set_aside: pd.DataFrame


def event_sentences(corpus: Corpus) -> EventSentences:
    """The sentences of ``corpus`` marked by event, per-document counts and what is set aside.

    What every analysis of one event starts from (notebooks 03–05): the
    sentences table, each sentence marked as about its report's own event
    or not (:func:`own_event`, the one home for that question), how many
    body sentences each document has, how many of them are set aside and
    which they are.  ``corpus`` is a :class:`~claimcompare.corpus.Corpus`;
    the fields of the returned :class:`EventSentences` are documented there.
    """
    sentences = sentences_table(corpus)
    marked = own_event(sentences, corpus.documents)
    return EventSentences(
        corpus=corpus,
        sentences=sentences,
        marked=marked,
        documents=body_sentence_counts(corpus.documents, sentences),
        counts=own_event_counts(marked, corpus.documents),
        set_aside=set_aside_sentences(marked),
    )


def load_event_sentences(folder: str | Path, **load_options: object) -> EventSentences:
    """:func:`event_sentences` of :func:`claimcompare.corpus.load_corpus` ``(folder, **load_options)`` (``pattern=``, ``max_bytes=``…).

    Bad input raises :class:`claimcompare.errors.CorpusError` as
    :func:`~claimcompare.corpus.load_corpus` does.
    """
    return event_sentences(load_corpus(folder, **load_options))

"""Recognise the parts of a captured news page by their form.

A web capture of a news article carries the article and the page around it:
breadcrumbs, the headline, an update stamp, photo captions with credits, a
dateline in front of the first paragraph, an editor line, navigation and
copyright notices.  :func:`label_blocks` cuts a text into paragraphs and gives
each a *role*, with the *reason* (the rule of form that fired), so that the
cleaning can be shown and audited.  Nothing is deleted: every character of the
text stays in exactly one block, and the text itself is never changed.

Rules, applied to each paragraph (a line, or a run of hard-wrapped lines):

``copyright``
    a copyright sign, "Copyright 2024", "all rights reserved", registration
    numbers and site identification codes; or, in a line of at most 40 words
    that is not a sentence or that speaks of reproducing content, the word
    copyright, privacy/terms links, "without (written) permission".
``editor``
    a line of at most 20 words that starts with "Editor:", "(Web editor:
    ...)", "Edited by", "Reporting by", "Writing by".
``stamp``
    a short line (at most 15 words) that carries a date or clock time and is
    not a sentence or starts with a label and colon ("Updated: July 28, 2021
    07:01", "(Agency) 10:05, July 15, 2021", "Release Date:2022-02-14
    10:08:06").
``caption``
    a paragraph that ends with a bracketed photo credit of capitalised names,
    "(Agency/Name)", "(Photo/Agency)", "(Photo: Name)", or starts with
    "Photo:" / "File photo".
``navigation``
    a breadcrumb or a link bar (items separated by ``|``, ``>``, ``»``) or a
    short line (at most 5 words) without sentence punctuation.
``headline``
    the first remaining paragraph of 3 to 40 words before the article body.
``dateline``
    the place/date/agency prefix of a paragraph, up to its dash or colon
    ("DUSHANBE, 27.07.2021 (NIAT Khovar) –", "DUSHANBE, July 14 (Xinhua) --",
    "BEIJING —"); the rest of that paragraph is body.
``standfirst``
    body-like paragraphs before the paragraph that carries the dateline
    (a summary or pull quote that the article repeats).
``footer``
    body-like paragraphs after the article has ended, that is after the
    first copyright or editor line that follows the body.
``body``
    everything else.

None of these rules names an outlet, a site or a phrase of a particular
article; they describe the layout conventions of news pages in general.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["BLOCK_COLUMNS", "ROLES", "label_blocks", "split_paragraphs"]

#: Roles a block can have, in the order the notebooks list them.
ROLES: tuple[str, ...] = (
    "headline",
    "dateline",
    "standfirst",
    "body",
    "caption",
    "stamp",
    "editor",
    "navigation",
    "copyright",
    "footer",
)

#: Columns of the table returned by :func:`label_blocks`.
BLOCK_COLUMNS: tuple[str, ...] = ("paragraph", "start", "end", "role", "reason", "text")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"  # 2022-02-14
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"  # 27.07.2021, 7/27/21
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # July 14, 2021
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"  # 14 July 2021
)
_TIME = r"\b\d{1,2}:\d{2}(?::\d{2})?\b"

_RE_DATE_OR_TIME = re.compile(rf"(?:{_DATE}|{_TIME})", re.IGNORECASE)
# Unmistakable notices, and weaker cues that count only in a notice-like line.
_RE_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:\d{4}|\(c\))|all rights reserved"
    r"|\bregistration (?:number|no\.?)\s*:|identification code",
    re.IGNORECASE,
)
_RE_NOTICE_CUE = re.compile(
    r"\bcopyright\b|privacy policy|terms of (?:use|service)"
    r"|without (?:the )?(?:prior )?(?:written )?(?:permission|authori[sz]ation|consent)",
    re.IGNORECASE,
)
_RE_REUSE = re.compile(r"reproduc|republish|redistribut|\bcontent\b|\bmaterials?\b|this (?:site|website|page)", re.IGNORECASE)
_RE_EDITOR = re.compile(
    r"^\(?\s*(?:(?:web|chief|responsible|managing)\s+)?editors?\s*:"
    r"|^\(?\s*(?:edited|reporting|writing|editing|compiled)\s+by\b",
    re.IGNORECASE,
)
_RE_STAMP_LABEL = re.compile(
    r"^\(?\s*(?:updated|published|posted|release date|last (?:modified|updated)|date|time)\s*:",
    re.IGNORECASE,
)
# A bracketed credit at the end: (Agency/Name), (Photo/Agency), (Photo: Name).
_RE_CREDIT_END = re.compile(
    r"\((?:[A-Z][^()/]{0,60}/\s*[A-Z][^()]{0,80}|(?i:photo|image|picture)s?\s*(?i:by|:)[^()]{1,80})\)\s*$"
)
_RE_CAPTION_START = re.compile(r"^(?:file\s+)?(?:photo|image|picture)s?\b\s*(?::|taken\b|shows\b)", re.IGNORECASE)
_RE_LINK_BAR = re.compile(r"\s\|\s|\S\s*(?:>>?|»)\s*(?:\S|$)")
_RE_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# DUSHANBE, 27.07.2021 (NIAT Khovar) –  /  DUSHANBE, July 14 (Xinhua) --  /  BEIJING —
_RE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,3})"  # place in capitals
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"  # optional region/country
    rf"(?:,?\s*(?:{_DATE}))?"  # optional date
    r"(?:\s*\([^()\n]{1,60}\))?"  # optional (Agency)
    r"\s*(?:--|[–—-]|:)\s+",  # dash or colon, then the sentence
)
_RE_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
_RE_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n|\r\n[ \t\f\v]*\r\n|\r[ \t\f\v]*\r")
_RE_LINE = re.compile(r"[^\r\n]+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` is a hard-wrapped continuation of the line ``prev``."""
    if not prev or not nxt or _RE_SENTENCE_END.search(prev):
        return False
    return nxt[0].islower() or prev[-1] in ",;-–("


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when the text is wrapped at a fixed width (most lines end near it).

    Such text separates paragraphs by blank lines, and a line break inside a
    paragraph means nothing.  Captured web pages put one paragraph per line.
    """
    if len(lines) < 4:
        return False
    width = max(len(x) for x in lines)
    if width > 100:
        return False
    near = sum(len(x) >= 0.8 * width for x in lines)
    return near >= 0.5 * len(lines)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the paragraphs of ``text``.

    A paragraph is a line, or a run of lines joined because the text is
    hard-wrapped: in text wrapped at a fixed width (most lines within 80% of
    the longest, which is at most 100 characters) a paragraph runs to the next
    blank line; elsewhere a line joins the one before when that one does not
    end a sentence and the line starts in lower case, or when the line before
    ends with a comma, semicolon, dash or opening bracket.  Spans are
    trimmed of surrounding whitespace, sorted, and cover every non-whitespace
    character of ``text`` exactly once.
    """
    lines = [_trim(text, m.start(), m.end()) for m in _RE_LINE.finditer(text)]
    lines = [(s, e) for s, e in lines if s < e]
    wrapped = _is_hard_wrapped([text[s:e] for s, e in lines])
    spans: list[tuple[int, int]] = []
    prev_text = ""
    for start, end in lines:
        line = text[start:end]
        gap = text[spans[-1][1] : start] if spans else ""
        blank_between = gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1
        if spans and not blank_between and (wrapped or _continues(prev_text, line)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev_text = line
    return spans


def _n_words(s: str) -> int:
    return len(_RE_WORD.findall(s))


def _form_role(par: str) -> tuple[str, str] | None:
    """Role and reason of a paragraph recognisable on its own, else None."""
    n = _n_words(par)
    is_sentence = bool(_RE_SENTENCE_END.search(par))
    if _RE_EDITOR.search(par) and n <= 20:
        return "editor", "editor or byline line"
    if _RE_COPYRIGHT.search(par) and (n <= 40 or not is_sentence):
        return "copyright", "copyright, registration or legal notice"
    if _RE_NOTICE_CUE.search(par) and n <= 40 and (not is_sentence or _RE_REUSE.search(par)):
        return "copyright", "copyright, reuse or legal notice"
    if n <= 15 and _RE_DATE_OR_TIME.search(par) and (not is_sentence or _RE_STAMP_LABEL.search(par)):
        return "stamp", "short line with a date or time: publication or update stamp"
    if _RE_STAMP_LABEL.search(par) and n <= 15 and not is_sentence:
        return "stamp", "labelled publication or update stamp"
    if _RE_CREDIT_END.search(par) or (_RE_CAPTION_START.search(par) and n <= 80):
        return "caption", "photo caption with a credit"
    if _RE_LINK_BAR.search(par) and not is_sentence:
        return "navigation", "breadcrumb or link bar"
    if n <= 5 and not is_sentence:
        return "navigation", "short line without sentence punctuation: navigation or page furniture"
    return None


def label_blocks(text: str) -> pd.DataFrame:
    """Cut ``text`` into labelled blocks.

    Parameters
    ----------
    text:
        The article as decoded from its file (nothing removed).

    Returns
    -------
    pandas.DataFrame
        One row per block, in reading order, with columns
        ``paragraph`` (int, 0-based paragraph number), ``start``, ``end``
        (int, character offsets into ``text``; ``text[start:end]`` is the
        block), ``role`` (one of :data:`ROLES`), ``reason`` (the rule of form
        that gave the role; empty for ``body``) and ``text``.  A paragraph that
        opens with a dateline gives two rows with the same ``paragraph``: the
        dateline and the body that follows it.
    """
    return blocks_frame(block_rows(text))


#: One block of :func:`label_blocks` as a tuple, in :data:`BLOCK_COLUMNS` order.
BlockRow = tuple[int, int, int, str, str, str]


def blocks_frame(rows: list[BlockRow], doc_ids: list[str] | None = None) -> pd.DataFrame:
    """The table of :func:`label_blocks` from :func:`block_rows` (with a leading ``doc_id`` column when given)."""
    out = pd.DataFrame(rows, columns=list(BLOCK_COLUMNS))
    out = out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})
    if doc_ids is not None:
        out.insert(0, "doc_id", doc_ids if doc_ids else pd.Series([], dtype="object"))
    return out


def block_rows(text: str) -> list[BlockRow]:
    """:func:`label_blocks` as plain tuples, for building one table over many texts without a frame per text."""
    paragraphs = split_paragraphs(text)
    roles: list[tuple[str, str] | None] = [_form_role(text[s:e]) for s, e in paragraphs]

    # The headline: first unlabelled paragraph of 3-40 words before any body.
    first_body = None
    for i, (s, e) in enumerate(paragraphs):
        if roles[i] is not None:
            continue
        par = text[s:e]
        n = _n_words(par)
        if 3 <= n <= 40 and not _RE_SENTENCE_END.search(par) or (3 <= n <= 25 and par.endswith("?")):
            roles[i] = ("headline", "first title-like line before the article body")
        first_body = i
        break
    if first_body is not None and roles[first_body] is not None:
        first_body = next((i for i in range(first_body + 1, len(paragraphs)) if roles[i] is None), None)

    # Datelines: in one of the first three body paragraphs.
    datelines: dict[int, int] = {}
    if first_body is not None:
        body_idx = [i for i in range(first_body, len(paragraphs)) if roles[i] is None][:3]
        for i in body_idx:
            s, e = paragraphs[i]
            m = _RE_DATELINE.match(text, s, e)
            if m and m.end() < e and any(c.isupper() for c in m.group("place")):
                datelines[i] = m.end()
                for j in body_idx:
                    if j < i:
                        roles[j] = ("standfirst", "summary paragraph before the dateline")
                break

    # Footer: after the first copyright or editor line that follows the body.
    seen_body = False
    in_footer = False
    for i in range(len(paragraphs)):
        r = roles[i]
        if r is None:
            if in_footer:
                roles[i] = ("footer", "after the end of the article (an editor or copyright line came first)")
            else:
                seen_body = True
        elif seen_body and r[0] in ("copyright", "editor"):
            in_footer = True

    rows: list[BlockRow] = []
    for i, (s, e) in enumerate(paragraphs):
        role, reason = roles[i] or ("body", "")
        if i in datelines:
            d_end = _trim(text, s, datelines[i])[1]
            b_start = _trim(text, datelines[i], e)[0]
            rows.append((i, s, d_end, "dateline", "place, date and agency before the first sentence", text[s:d_end]))
            rows.append((i, b_start, e, role, reason, text[b_start:e]))
        else:
            rows.append((i, s, e, role, reason, text[s:e]))
    return rows

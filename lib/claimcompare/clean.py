"""Recognise the parts of a captured news page by their form.

A web capture of a news article carries the article and the page around it:
breadcrumbs, the headline, an update stamp, photo captions with credits, a
dateline in front of the first paragraph, an editor line, navigation and
copyright notices.  :func:`label_blocks` cuts a text into paragraphs and gives
each a *role*, with the *reason* (the rule of form that fired), so that the
cleaning can be shown and audited.  Nothing is deleted: every character of the
text stays in exactly one block, and the text itself is never changed.

Rules, applied to each paragraph (a line, or a run of hard-wrapped lines), in
this order; the first that fires gives the role:

``stamp`` (run-in)
    a date stamp that opens a line and runs into its first words: "date
    2023-09-14" or a full date ("2023-09-14", "14.09.2023", "September 14,
    2023"), possibly followed by further dates or times, then a capital
    (" date 2023-09-14 09/14/2023 September 14, 2023 Over 11,000 ...").
    Without the word "date" the line must be too long (or too sentence-like)
    to be a stamp as a whole.  The
    stamp is a block of its own; the rest of the line gets its role by the
    rules below (so a line can give a stamp, a dateline and a body block).
``editor``
    a line of at most 15 words that is an editorial note on a developing
    story ("More to follow...", "This is a breaking story", "More details will
    be added soon"); a line of at most 20 words that starts with "Editor:",
    "(Web editor: ...)", "Edited by", "(Additional) reporting by", "Writing
    by"; or a byline of at most 20 words: "By" and capitalised names only
    ("By Jon Mare and Ana Holt, Agency"), "Posted by ...", "Written by ...",
    "Author: ...".
``caption`` (credit line)
    a line of at most 12 words (at most 6 if it ends a sentence) that is only a
    photo or source credit: "Photo: ...", "Credit: AP", "Source: Agency",
    "Photo by ...", a bracketed name "(Agency Images)", a copyright sign
    without a year or "rights" ("© Agency/Agency"), or capitalised names
    separated by slashes ("Name Name / Agency / Agency").  Unlike a copyright
    notice, a credit line does not end the article.
``copyright``
    a copyright sign, "Copyright 2024", "all rights reserved", registration
    numbers and site identification codes; or, in a line of at most 40 words
    that is not a sentence or that speaks of reproducing content, the word
    copyright, privacy/terms links, "without (written) permission".
``caption``
    a paragraph that ends with a bracketed photo credit of capitalised names,
    "(Agency/Name)", "(Photo/Agency)", "(Photo: Name)", "(credit:
    AGENCY/NAME)", or starts with "Photo:" / "File photo"; or, in at most 80
    words: a sentence followed by a labelled credit ("... Putin. Credit:AP");
    a sentence followed by a dash credit ("... June 18, 2023. — Agency") when
    the paragraph has a date or a position marker; position markers of people
    in a photo, "(L-R)", "(2nd R)", or two of "(L)", "(R)", "(C)", "(left)", ....
``stamp``
    a relative time stamp of a live page ("4 minutes ago", "Updated 3 hours
    ago"); a short line (at most 15 words) that carries a date or clock time
    and is not a sentence or starts with a label and colon ("Updated: July 28,
    2021 07:01", "(Agency) 10:05, July 15, 2021", "Release Date:2022-02-14
    10:08:06").
``caption`` (dated)
    one sentence of at most 40 words that ends with a comma and a date, not
    after a weekday ("... in Beijing, China, June 18, 2023.").
``navigation``
    a "Read also" / "ALSO READ" / "Read more" / "See also" / "Related" line
    of 6 to 25 words (shorter ones are caught by the short-line rule) ("Related" and the like only before a separator or
    alone); a promotion of the site's channels of at most 30 words ("Join our
    ... Telegram channel", "Subscribe to our newsletter", "Follow us on ...",
    "Click here"); a breadcrumb or a link bar (items separated by ``|``, ``>``,
    ``»``); or a short line (at most 5 words) without sentence punctuation
    (after a run-in stamp, a line of 3 to 5 words is left to the headline
    rule instead).
``headline``
    the first remaining paragraph of 3 to 40 words before the article body;
    and, later, a subheading: a line of 6 to 12 words that starts with a
    capital, has no final punctuation (nor a final comma, colon or dash) and
    lies between body paragraphs (captions in between are skipped).
``dateline``
    the place/date/agency prefix of one of the first three body paragraphs,
    or a line of its own just before them:
    a place in capitals, optionally a region, date and agency tag, then a
    dash or colon ("DUSHANBE, 27.07.2021 (Agency) –", "BEIJING —", "KUWAIT:",
    "CITY, Region -"); a place in capitals and an agency tag in slashes or
    brackets followed directly by the sentence ("MOSCOW, March 17. /Agency/.",
    "CITY, Nov. 15, 2022 /Agency/ --", "MOSCOW (Agency / Agency - 02nd April,
    2023)"); up to three places in title case with a date, an agency tag or a
    colon ("Ankara, May 29 –", "Town, Town, April 02 (Agency) –", "New
    Delhi:", "London:", "Beijing, China (Agency):" on a line of its own; with
    only a colon, at least 6 words must follow); or a
    date with an agency tag ("Nov 14, (Agency) –").  The rest of that
    paragraph is body.
``standfirst``
    body-like paragraphs before the paragraph that carries the dateline
    (a summary or pull quote that the article repeats).
``footer``
    body-like paragraphs (and promotion lines) after the article has ended,
    that is after the first copyright or editor line that follows the body;
    bylines and credit lines do not end the article.
``fragment``
    the last sentence of the text when the text ends in it without sentence
    punctuation ("... the countries that have ratified", "... issues o"): the
    page or excerpt was cut off mid-sentence.  Only when the body has a
    complete sentence before it; the sentences before it stay body.
``body``
    everything else.

None of these rules names an outlet, a site or a phrase of a particular
article; they describe the layout conventions of news pages in general.
"""

from __future__ import annotations

import re

import pandas as pd

from .segment import sentence_spans

__all__ = ["ALIGNED_ROLES", "BLOCK_COLUMNS", "ROLES", "body_sentences", "label_blocks", "split_paragraphs"]

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
    "fragment",
)

#: Sentence roles that take part in alignment (boilerplate never does).
ALIGNED_ROLES: frozenset[str] = frozenset({"body"})

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
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?)"  # 14 July 2021, 02nd April, 2023
)
_TIME = r"\b\d{1,2}:\d{2}(?::\d{2})?\b"
# A date that fixes a day on its own: numeric, or with a month name and a year.
_FULL_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
)

_RE_DATE_OR_TIME = re.compile(rf"(?:{_DATE}|{_TIME})", re.IGNORECASE)
_RE_DATE = re.compile(_DATE, re.IGNORECASE)
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
    r"|^\(?\s*(?:edited|(?:additional\s+)?reporting|writing|editing|compiled)\s+by\b",
    re.IGNORECASE,
)
# Bylines: "By Jon Mare and Ana Holt, Nordpress", "Posted by ... | Published: ...", "Author: Ana Holt".
_NAME = r"[A-Z][\w'’.\-]*"
_RE_BYLINE = re.compile(
    rf"^(?:by|BY|By)\s+{_NAME}(?:\s+(?:{_NAME}|and|&|AND))*(?:\s*,\s*{_NAME}(?:\s+{_NAME})*)*\s*$"
    r"|^(?i:posted|written|story|words|text)\s+(?i:by)\s+[A-Z]"
    r"|^(?i:authors?|byline)\s*:\s*[A-Z]"
)
# Notes of a developing story: "More to follow...", "This is a breaking story", "More details will be added soon."
_RE_EDITORIAL_NOTE = re.compile(
    r"\bmore to follow\b|\b(?:more\s+)?details\s+(?:will be|to be|to)\s+(?:added|follow|updated)"
    r"|\b(?:breaking|developing)\s+(?:news\s+)?story\b|\b(?:story|article|report|page)\s+(?:is|will be|has been)\s+"
    r"(?:(?:developing|being)\s+and\s+will\s+be\s+)?(?:updated|developing)\b|\bwill be updated\b",
    re.IGNORECASE,
)
_RE_STAMP_LABEL = re.compile(
    r"^\(?\s*(?:updated|published|posted|release date|last (?:modified|updated)|date|time)\s*:",
    re.IGNORECASE,
)
# "4 minutes ago", "Updated 3 hrs ago": the relative time stamps of live pages.
_RE_AGO = re.compile(
    r"^(?:(?:updated|published|posted)\s+)?(?:an?|\d{1,3})\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
# A date stamp run into the first words of a line: " date 2023-09-14 09/14/2023 September 14, 2023 Over ...".
_RE_STAMP_PREFIX = re.compile(
    rf"(?:(?i:date)\s+(?:{_DATE})|(?:{_FULL_DATE}))(?:[ \t,]+(?:{_DATE}|{_TIME}))*+[ \t]+(?=[A-Z\"“‘'])"
)
# A bracketed credit at the end: (Agency/Name), (Photo/Agency), (Photo: Name), (credit: AGENCY/NAME).
_RE_CREDIT_END = re.compile(
    r"\((?:[A-Z][^()/]{0,60}/\s*[A-Z][^()]{0,80}"
    r"|(?i:photo|image|picture|credit|source)s?\s*(?i:by|:)[^()]{1,80})\)\s*$"
)
# A credit after a label at the end of a caption: "... Putin. Credit:AP", "... Ostra. Photo: Agency".
_RE_LABEL_CREDIT_END = re.compile(
    r"[.!?][\"'”’]?\s+(?:Credit|Photo|Image|Picture|Source)s?\s*:\s*[A-Z][^.!?]{0,60}$"
)
# A dash credit at the end: "... June 18, 2023. — Agency".
_RE_DASH_CREDIT_END = re.compile(r"[.!?][\"'”’]?\s*[—–]\s*[A-Z][\w&'’./ \-]{0,40}$")
# Position markers of photo captions: (L), (R), (C), (L-R), (2nd R), (left), (front row).
_RE_POSITION_STRONG = re.compile(r"\((?:L-R|R-L|L to R|\d(?:st|nd|rd|th)\s+[LR]|(?:far\s+)?(?:left|right)\s*-\s*(?:right|left))\)", re.IGNORECASE)
_RE_POSITION = re.compile(
    r"\((?:L|R|C|\d(?:st|nd|rd|th)\s+[LR]|L-R|R-L|(?:far |second |third )?(?:left|right)|cent(?:re|er)|front(?: row)?|back(?: row)?|top|bottom)\)",
)
# A caption that ends with ", <date>.": "... in Beijing, China, June 18, 2023."
_RE_COMMA_DATE_END = re.compile(
    rf"(?<!day),\s*(?:{_DATE})\.?[\"'”’]?$",
    re.IGNORECASE,
)
# Credit lines on their own: "Photo: Agency", "Credit: AP", "(Getty Images)", "© Agency/Name", "Name / Agency / Agency".
_CREDIT_NAMES = rf"{_NAME}(?:[ \-]{_NAME}|\s+(?:of|via|for|and)\s+{_NAME}){{0,5}}"
_RE_CREDIT_LINE = re.compile(
    r"^(?:(?i:photo|image|picture|credit|source|video)s?\s*(?:(?i:by)\b|:)\s*\S"
    r"|\(\s*[A-Z][^()]{0,60}\)$"
    r"|©\s*(?!.*\b(?:1[89]|20)\d\d\b)(?!.*\b(?i:rights)\b)[A-Z][^\n]{0,60}$"
    rf"|{_CREDIT_NAMES}(?:\s*/\s*{_CREDIT_NAMES})+$)"
)
_RE_CAPTION_START = re.compile(r"^(?:file\s+)?(?:photo|image|picture)s?\b\s*(?::|taken\b|shows\b)", re.IGNORECASE)
_RE_LINK_BAR = re.compile(r"\s\|\s|\S\s*(?:>>?|»)\s*(?:\S|$)")
# "Read also: ...", "ALSO READ | ...", "READ MORE: ...", "See also ...", "Related: ...".
_RE_READ_ALSO = re.compile(
    r"^(?:read\s+(?:also|more|next)|also\s+read|see\s+also)\b"
    r"|^(?:related(?:\s+(?:stories|news|articles|coverage|content))?|recommended|more\s+on\s+this(?:\s+story)?)"
    r"\s*(?:[:|>»\-–—]|$)",
    re.IGNORECASE,
)
# Promotion of the site's channels: "Join our ... Telegram channel ...", "Subscribe to our newsletter ...".
_RE_PROMO = re.compile(
    r"^(?:(?:join|subscribe|download|sign\s+up|get)\b.{0,160}?"
    r"\b(?:channel|newsletter|app|telegram|whatsapp|twitter|facebook|instagram|youtube|tiktok|podcast|alerts)\b"
    r"|follow\s+us\b|click\s+here\b)",
    re.IGNORECASE,
)
_RE_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_PLACE_CAPS = r"[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,3}"
_PLACE_TITLE = r"[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}"
# DUSHANBE, 27.07.2021 (NIAT Khovar) –  /  DUSHANBE, July 14 (Xinhua) --  /  BEIJING —  /  MOSCOW, May 28. /Agency/.
# /  CITY, Nov. 15, 2022 /Agency/ --  /  Town, Town, April 02 (Agency) –  /  New Delhi:  /  CITY (Agency / Agency - date)
_RE_DATELINE = re.compile(
    rf"(?:(?P<caps>{_PLACE_CAPS})(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"  # place in capitals, region
    rf"|(?P<title>{_PLACE_TITLE}(?:,\s*{_PLACE_TITLE}){{0,2}}))"  # or places in title case
    rf"(?P<date>,?\s*(?:{_DATE})\.?)?"  # optional date
    r"(?:(?P<paren>\s*\([^()\n]{1,60}\))|(?P<slash>\s*/[^/\n]{1,40}/\.?))?"  # optional (Agency) or /Agency/
    r"(?:\s*(?:(?P<dash>--|[–—-])|(?P<colon>:))(?:\s+|$)"  # dash or colon
    r"|(?P<bare>(?<=[/.)])\s+(?=[A-Z\"“‘'])))",  # or, after a tag, the sentence
)
# Nov 14, (Agency) –
_RE_DATE_DATELINE = re.compile(rf"(?:{_DATE}),?\s*\([^()\n]{{1,60}}\)\s*(?:--|[–—-]|:)(?:\s+|$)", re.IGNORECASE)
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


_BYLINE = "byline"
_SHORT_LINE = "short line without sentence punctuation: navigation or page furniture"
_CREDIT = "credit line of a photo or source (does not end the article)"
_PROMO = "promotion of the site's channels, newsletter or app"
_RE_MANY_SENTENCES = re.compile(r"[a-z]{3,}[.!?][\"'”’]?\s+[A-Z]|[!?][\"'”’]?\s+[A-Z]")


def _caption_reason(par: str, n: int) -> str | None:
    """Why ``par`` has the form of a photo caption (see the module docstring), or None."""
    if _RE_CREDIT_END.search(par) or (_RE_CAPTION_START.search(par) and n <= 80):
        return "photo caption with a credit"
    if n > 80:
        return None
    if _RE_LABEL_CREDIT_END.search(par):
        return "photo caption with a credit after a label"
    dated = bool(_RE_DATE.search(par))
    markers = len(_RE_POSITION.findall(par))
    if _RE_DASH_CREDIT_END.search(par) and (dated or markers):
        return "photo caption with a date or position marker and a dash credit"
    if _RE_POSITION_STRONG.search(par) or markers >= 2:
        return "photo caption with position markers"
    return None


def _is_dated_caption(par: str, n: int) -> bool:
    """True when ``par`` is one sentence of at most 40 words that ends with ", <date>."."""
    return n <= 40 and bool(_RE_COMMA_DATE_END.search(par)) and not _RE_MANY_SENTENCES.search(par)


def _form_role(par: str) -> tuple[str, str] | None:
    """Role and reason of a paragraph recognisable on its own, else None."""
    n = _n_words(par)
    is_sentence = bool(_RE_SENTENCE_END.search(par))
    if _RE_EDITORIAL_NOTE.search(par) and n <= 15:
        return "editor", "editorial note: a developing story, more to follow"
    if _RE_EDITOR.search(par) and n <= 20:
        return "editor", "editor or byline line"
    if _RE_BYLINE.search(par) and n <= 20:
        return "editor", _BYLINE
    if _RE_CREDIT_LINE.search(par) and n <= 12 and not (is_sentence and n > 6):
        return "caption", _CREDIT
    if _RE_COPYRIGHT.search(par) and (n <= 40 or not is_sentence):
        return "copyright", "copyright, registration or legal notice"
    if _RE_NOTICE_CUE.search(par) and n <= 40 and (not is_sentence or _RE_REUSE.search(par)):
        return "copyright", "copyright, reuse or legal notice"
    caption = _caption_reason(par, n)
    if caption:
        return "caption", caption
    if _RE_AGO.search(par) and n <= 8:
        return "stamp", "relative time stamp of a live page"
    if n <= 15 and _RE_DATE_OR_TIME.search(par) and (not is_sentence or _RE_STAMP_LABEL.search(par)):
        return "stamp", "short line with a date or time: publication or update stamp"
    if _RE_STAMP_LABEL.search(par) and n <= 15 and not is_sentence:
        return "stamp", "labelled publication or update stamp"
    if _is_dated_caption(par, n):
        return "caption", "photo caption: one sentence ending with a comma and a date"
    if _RE_READ_ALSO.search(par) and 5 < n <= 25:
        return "navigation", "link to another story (read also, related)"
    if _RE_PROMO.search(par) and n <= 30:
        return "navigation", _PROMO
    if _RE_LINK_BAR.search(par) and not is_sentence:
        return "navigation", "breadcrumb or link bar"
    if n <= 5 and not is_sentence:
        return "navigation", _SHORT_LINE
    return None


def _is_short_stamp(par: str) -> bool:
    """True when the whole of ``par`` is a stamp by the short-line rule of :func:`_form_role`."""
    return _n_words(par) <= 15 and bool(_RE_DATE_OR_TIME.search(par)) and not _RE_SENTENCE_END.search(par)


def _dateline_end(text: str, start: int, end: int, *, alone: bool) -> int | None:
    """End of the dateline that opens ``text[start:end]``, or None.

    ``alone``: the dateline may be the whole paragraph (a line of its own).
    A place in capitals needs a dash, colon or agency tag after it; a place in
    title case needs a date, an agency tag or a colon; with no dash or colon the
    agency tag must be followed by the capitalised first word of the sentence.
    """
    m = _RE_DATE_DATELINE.match(text, start, end)
    if m:
        return m.end() if m.end() < end or alone else None
    m = _RE_DATELINE.match(text, start, end)
    if not m:
        return None
    tag = m.group("paren") or m.group("slash")
    mark = m.group("dash") or m.group("colon")
    if m.group("title") is not None and not (m.group("date") or tag or m.group("colon")):
        return None
    if m.group("title") is not None and not (m.group("date") or tag) and _n_words(text[m.end() : end]) < 6:
        return None  # "Name Name: two words" is a label, not a dateline
    if not mark and not (m.group("slash") or (m.group("paren") and m.group("caps") is not None)):
        return None
    if m.end() >= end and not (alone and mark):
        return None
    return m.end()


_FRAGMENT = "the text ends in this sentence without sentence punctuation: cut off (an excerpt or a truncated page)"


def _cut_off_end(text: str, cores: list[tuple[int, int]], roles: list[tuple[str, str] | None]) -> dict[int, int]:
    """Mark the sentence a text was cut off in (the ``fragment`` rule of the module docstring).

    When the last paragraph is body and does not end with sentence
    punctuation, its last sentence is the fragment: returns ``{paragraph:
    offset}`` where that sentence starts when the paragraph has complete
    sentences before it (the block is split there), else sets the whole
    paragraph's role (only when an earlier paragraph is body) and returns ``{}``.
    """
    if not cores or roles[-1] is not None:
        return {}
    last = len(cores) - 1
    s, e = cores[last]
    par = text[s:e]
    if not par.strip() or _RE_SENTENCE_END.search(par.rstrip()):
        return {}
    spans = sentence_spans(par)
    if len(spans) >= 2:
        return {last: s + spans[-1][0]}
    if any(r is None for r in roles[:last]):
        roles[last] = ("fragment", _FRAGMENT)
    return {}


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
    # A date stamp run into the first words of a paragraph is a block of its own;
    # the rest of the paragraph (its "core") gets a role like any paragraph.
    prefixes: dict[int, list[tuple[int, str, str]]] = {}
    cores: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(paragraphs):
        m = _RE_STAMP_PREFIX.match(text, s, e)
        if m and m.end() < e and (text[s:e][:4].lower() == "date" or not _is_short_stamp(text[s:e])):
            prefixes[i] = [(m.end(), "stamp", "date stamp run into the first line")]
            s = m.end()
        cores.append((s, e))
    roles: list[tuple[str, str] | None] = [_form_role(text[s:e]) for s, e in cores]
    for i in prefixes:
        # After a run-in stamp a short title is a headline candidate, not navigation.
        if roles[i] is not None and roles[i][1] == _SHORT_LINE and _n_words(text[slice(*cores[i])]) >= 3:
            roles[i] = None

    # The headline: first unlabelled paragraph of 3-40 words before any body.
    first_body = None
    for i, (s, e) in enumerate(cores):
        if roles[i] is not None:
            continue
        par = text[s:e]
        n = _n_words(par)
        if 3 <= n <= 40 and not _RE_SENTENCE_END.search(par) or (3 <= n <= 25 and par.endswith("?")):
            roles[i] = ("headline", "first title-like line before the article body")
        first_body = i
        break
    if first_body is not None and roles[first_body] is not None:
        first_body = next((i for i in range(first_body + 1, len(cores)) if roles[i] is None), None)

    # Datelines: in one of the first three body paragraphs, or a line of its own before them.
    if first_body is not None:
        body_idx = [i for i in range(first_body, len(cores)) if roles[i] is None][:3]
        look = [
            i
            for i in range(first_body, body_idx[-1] + 1)
            if roles[i] is None or roles[i][0] == "navigation" or i == first_body
        ]
        look = sorted(set(look) | ({first_body - 1} if first_body > 0 and roles[first_body - 1] and roles[first_body - 1][0] == "navigation" else set()))
        for i in look:
            s, e = cores[i]
            alone = roles[i] is not None
            d_end = _dateline_end(text, s, e, alone=alone)
            if d_end is None:
                continue
            reason = "place, date and agency before the first sentence"
            if alone or d_end >= e:
                roles[i] = ("dateline", reason)
            else:
                prefixes.setdefault(i, []).append((d_end, "dateline", reason))
                cores[i] = (d_end, e)
            for j in body_idx:
                if j < i:
                    roles[j] = ("standfirst", "summary paragraph before the dateline")
            break

    # Subheadings: short lines without final punctuation between body paragraphs.
    for i in range(1, len(cores) - 1):
        r = roles[i]
        if r is not None:
            continue
        s, e = cores[i]
        par = text[s:e]
        n = _n_words(par)
        if not (6 <= n <= 12) or _RE_SENTENCE_END.search(par) or par[-1] in ",;:-–—(" or not par[0].isupper():
            continue
        prev = next((j for j in range(i - 1, -1, -1) if roles[j] is None or roles[j][0] != "caption"), None)
        nxt = next((j for j in range(i + 1, len(cores)) if roles[j] is None or roles[j][0] != "caption"), None)
        if prev is not None and nxt is not None and roles[prev] is None and roles[nxt] is None:
            roles[i] = ("headline", "subheading: short line without final punctuation between body paragraphs")

    # Footer: after the first copyright or editor line that follows the body
    # (not after a byline, a credit line or a promotion line in mid-article).
    seen_body = False
    in_footer = False
    for i in range(len(cores)):
        r = roles[i]
        if r is None or (in_footer and r[1] == _PROMO):
            if in_footer:
                roles[i] = ("footer", "after the end of the article (an editor or copyright line came first)")
            else:
                seen_body = True
        elif seen_body and r[0] in ("copyright", "editor") and r[1] != _BYLINE:
            in_footer = True

    tails = _cut_off_end(text, cores, roles)

    rows: list[BlockRow] = []
    for i, (s, e) in enumerate(paragraphs):
        start = s
        for p_end, p_role, p_reason in prefixes.get(i, []):
            b_start, b_end = _trim(text, start, p_end)
            rows.append((i, b_start, b_end, p_role, p_reason, text[b_start:b_end]))
            start = p_end
        b_start = _trim(text, start, e)[0]
        role, reason = roles[i] or ("body", "")
        if i in tails:  # the body, then the sentence the text was cut off in
            cut = tails[i]
            b_end = _trim(text, b_start, cut)[1]
            rows.append((i, b_start, b_end, role, reason, text[b_start:b_end]))
            rows.append((i, cut, e, "fragment", _FRAGMENT, text[cut:e]))
            continue
        rows.append((i, b_start, e, role, reason, text[b_start:e]))
    return rows


def body_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The rows of the sentences table that are compared: ``role`` in :data:`ALIGNED_ROLES` (article body).

    The one body filter: candidate pairs, the aligners, the speakers of
    :mod:`claimcompare.attribution`, the views, the talking points, the
    evaluation and the Dask engine all take their sentences through it
    (:mod:`claimcompare.corpus` and :mod:`claimcompare.align` re-export it).  Same
    columns and row order as ``sentences`` (index kept).
    """
    return sentences[sentences["role"].isin(ALIGNED_ROLES)]

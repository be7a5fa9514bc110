"""The event each passage of an article reports: one home for the event of a sentence.

An article is compared on one event (``event_date`` and ``event_title`` in
``sources.csv``) but often reports others too: a minister's second meeting of
the same trip, yesterday's talks recalled in today's report.  ``sources.csv``
lists those in ``also_reports`` (``"YYYY-MM-DD title"`` entries separated by
``;``).  This module decides, passage by passage, which of the article's
events each body sentence reports, by form only — transition phrases, dates
written in the text, and the names in the events' titles — never by outlet,
site or wording of a particular text:

:func:`event_key`
    The key of an event, ``"YYYY-MM-DD title"``; the same form as
    :meth:`claimcompare.corpus.Corpus.event_of` and the aligner's event groups.
:func:`document_events`
    Each document's events: its own (``order`` 0) then ``also_reports`` in the
    order listed, with the participants named in each title.
:func:`event_participants`, :func:`transition_cue`, :func:`mentioned_dates`
    The three kinds of evidence, each usable on its own.
:func:`passage_events`
    The sentences table with ``event`` and ``event_reason`` added.
    :func:`claimcompare.corpus.sentences_table` carries its ``event`` column.
:func:`own_event`, :func:`own_event_counts`
    Whether each sentence is about its document's own event (the rows an
    analysis of one event keeps), and per document what is set aside.

The method (rules in the docstring of :func:`passage_events`) follows how news
reports are built: a passage about another event is opened by a transition
phrase ("In another development", "Separately,", "Meanwhile,", "On Tuesday,")
or stands out by naming another event's participants and none of its own —
the same signals used for topic segmentation of news text (Hearst 1997,
"TextTiling", uses lexical cohesion between blocks; discourse markers as
segment boundaries follow Passonneau and Litman 1997, "Discourse segmentation
by human and automated means", Computational Linguistics 23(1)).  Dates are
resolved against the publication date as a reader does ("on Tuesday" in a
paper of Thursday 29 July is 27 July).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .clean import body_sentences
from .similarity import word_tokens

__all__ = [
    "DOCUMENT_EVENT_COLUMNS",
    "SET_ASIDE_COLUMNS",
    "also_reports_entries",
    "NO_EVENT",
    "OTHER_EVENT",
    "OWN_EVENT_COLUMN",
    "OWN_EVENT_COUNT_COLUMNS",
    "PASSAGE_COLUMNS",
    "document_events",
    "event_key",
    "event_participants",
    "body_sentence_counts",
    "mentioned_dates",
    "own_event",
    "own_event_counts",
    "passage_events",
    "set_aside_sentences",
    "transition_cue",
]


_RE_ALSO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(.+?)\s*$")


def also_reports_entries(value: object) -> list[tuple[str, str]]:
    """The events of an ``also_reports`` cell: ``(event_date, event_title)`` pairs, in the order listed.

    ``value``: the cell, ``"YYYY-MM-DD title"`` entries separated by ``;``
    (``None``, NaN or ``""``: no entry).  Entries not of that form are
    skipped (:func:`claimcompare.corpus.load_corpus` warns about them); surrounding spaces are
    dropped.  Repeats are kept.
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [(m.group(1), m.group(2)) for m in (_RE_ALSO.match(e) for e in str(value).split(";")) if m]

#: Columns :func:`passage_events` adds to the sentences table.
PASSAGE_COLUMNS: tuple[str, ...] = ("event", "event_reason")
#: Columns of :func:`document_events`.
DOCUMENT_EVENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "order",
    "coverage",
    "event",
    "event_date",
    "event_title",
    "participants",
)
#: ``event`` of a passage about another day that no listed event matches.
OTHER_EVENT = "other"
#: ``event`` of the sentences of a document without event metadata.
NO_EVENT = ""

# --- event keys and participants -----------------------------------------------------------------


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        pass
    return str(value) != ""


def event_key(event_date: Any, event_title: Any) -> str:
    """The key of an event: ``f"{event_date} {event_title}"``, or ``""`` when either is missing.

    Missing means ``None``, NaN/NA or the empty string.  Values are used as
    given (``str()``), exactly as :meth:`claimcompare.corpus.Corpus.event_of`
    and the aligner build the key, so sentences, documents and alignment
    groups share one key per event.
    """
    if not (_present(event_date) and _present(event_title)):
        return NO_EVENT
    return f"{event_date} {event_title}"


#: Words of office and courtesy titles: never a participant, and the capitalised
#: words before one are its modifiers ("Chinese Defense Minister", "US Secretary").
_ROLE_WORDS = frozenset(
    """
    president presidents vice prime minister ministers secretary state foreign defense defence interior
    chancellor king queen prince princess crown emperor general councilor councillor chairman chairwoman
    chair premier deputy chief director leader mr mrs ms dr senator governor mayor ambassador envoy
    commander speaker pope sheikh emir sultan spokesman spokeswoman spokesperson adviser advisor counterpart
    """.split()
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBER = {
    **{m: i for i, m in enumerate(
        ("January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December"), start=1)},
    **{m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)},
    "Sept": 9,
}
_NOT_NAMES = frozenset(ENGLISH_STOP_WORDS) | _ROLE_WORDS | {w.lower() for w in (*_WEEKDAYS, *_MONTH_NUMBER)}
_RE_TOKEN = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
_RE_POSSESSIVE = re.compile(r"[’']s$")


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def event_participants(title: Any) -> tuple[str, ...]:
    """The names in an event title: runs of capitalised words that are not offices or modifiers.

    Parameters
    ----------
    title:
        An event title written in sentence case, as in ``sources.csv``
        (``"Rahmon receives Chinese Defense Minister Wei Fenghe"``).

    Returns
    -------
    tuple of str
        Each name once, in the order of the title (``("Rahmon", "Wei Fenghe")``).
        Left out: stop words, one-letter tokens, weekdays and months, words of
        office (:data:`_ROLE_WORDS`: President, Minister, Defense, Secretary …)
        and the capitalised words directly before a capitalised word of office
        (nationalities and portfolios: "Chinese", "US", "Finance"); a
        possessive ending is dropped.  A name is read off capitalisation, so a
        title in Title Case makes its verbs names: write titles in sentence case.
    """
    if not _present(title):
        return ()
    text = str(title)
    tokens = [(m.group(0), m.start(), m.end()) for m in _RE_TOKEN.finditer(text)]
    words = [_RE_POSSESSIVE.sub("", t) for t, _, _ in tokens]
    n = len(words)
    role = [_capitalised(w) and w.lower() in _ROLE_WORDS for w in words]
    modifier = [False] * n
    for i in range(n - 2, -1, -1):
        adjacent = text[tokens[i][2] : tokens[i + 1][1]].strip() == ""
        if _capitalised(words[i]) and adjacent and (role[i + 1] or modifier[i + 1]) and not role[i]:
            modifier[i] = True
    keep = [
        _capitalised(w) and len(w) > 1 and w.lower() not in _NOT_NAMES and not modifier[i]
        for i, w in enumerate(words)
    ]
    runs: list[str] = []
    current: list[str] = []
    for i, w in enumerate(words):
        joined = i > 0 and keep[i - 1] and text[tokens[i - 1][2] : tokens[i][1]].strip() == ""
        if keep[i] and current and joined:
            current.append(w)
        elif keep[i]:
            if current:
                runs.append(" ".join(current))
            current = [w]
        else:
            if current:
                runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return tuple(dict.fromkeys(runs))


# --- transition phrases --------------------------------------------------------------------------

_WD = "|".join(_WEEKDAYS)
_MON = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_RE_STRONG_CUE = re.compile(
    r"^(?:In (?:an)?other (?:development|news)s?"
    r"|In an? (?:separate|unrelated|different|other) (?:development|move|statement|meeting|event|incident|announcement"
    r"|interview|briefing|call|visit|talks|remarks|report)"
    r"|In (?:other|separate|unrelated) (?:news|developments?|moves?|remarks|statements?)"
    r"|Separately|Elsewhere)\b"
)
_RE_WEAK_CUE = re.compile(
    r"^(?:Meanwhile|In the meantime|Earlier|Later|Previously"
    r"|The (?:day|night|evening) before|The previous (?:day|evening|night)|A day (?:earlier|later|before)"
    rf"|(?:(?:Also|And) )?On (?:the (?:morning|afternoon|evening|night) of )?"
    rf"(?:{_WD}|(?:{_MON})\.? \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)? (?:{_MON})))\b"
)


def transition_cue(text: str) -> tuple[str, str] | None:
    """The transition phrase that opens ``text``, with its strength, or ``None``.

    Returns ``(phrase, "strong")`` for phrases that announce another topic
    ("In another development", "In a separate development", "Separately",
    "In other news", "Elsewhere") and ``(phrase, "weak")`` for phrases that
    move in time or run in parallel ("Meanwhile", "Earlier", "Later", "The day
    before", "On Tuesday", "On the morning of July 27", "On 5 March").  Only
    the start of the sentence counts ("Lind said on Tuesday …" has no cue);
    the match is case-sensitive, so "Onward" or "another development" inside
    a sentence is not one.
    """
    for pattern, strength in ((_RE_STRONG_CUE, "strong"), (_RE_WEAK_CUE, "weak")):
        m = pattern.match(text or "")
        if m:
            return m.group(0), strength
    return None


# --- dates ---------------------------------------------------------------------------------------

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RE_DATES = (
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy_dots", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("day_month", re.compile(rf"\b{_DAY} ({_MON})\b\.?(?:,? (\d{{4}})\b)?")),
    ("month_day", re.compile(rf"\b({_MON})\.? {_DAY}\b(?:,? (\d{{4}})\b)?")),
    ("weekday", re.compile(rf"\b({_WD})\b")),
)


def _iso(value: Any) -> dt.date | None:
    if not _present(value):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _near_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date ``month``/``day`` in the year that puts it within half a year of ``ref``."""
    for year in (ref.year, ref.year - 1, ref.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if abs((d - ref).days) <= 183:
            return d
    return None


def mentioned_dates(text: str, *, published: Any = None, event_date: Any = None) -> list[str]:
    """The calendar days a sentence names, resolved, as sorted unique ``YYYY-MM-DD`` strings.

    Parameters
    ----------
    text:
        A sentence.
    published, event_date:
        ``YYYY-MM-DD`` (or missing).  The reference day is ``published`` when
        given, else ``event_date``.

    Returns
    -------
    list of str
        Days written as ``2021-07-27``, ``27.07.2021``, ``27 July [2021]``,
        ``July 27[, 2021]``, ``Jul. 27`` (a day and month without a year get
        the year that puts them within half a year of the reference) and
        weekday names: with a publication date, the latest such weekday on or
        before it (news reports speak of the days just past: "on Tuesday" in a
        paper of Thursday 29 July 2021 is 27 July); without one, the weekday
        nearest the event date (three days either side).  A month or a year
        alone is no day.  Impossible dates (February 30) are skipped; with no
        reference day, only dates with a year are read.  Case-sensitive, so
        the verb "may" is no month.
    """
    if not text:
        return []
    pub, event = _iso(published), _iso(event_date)
    ref = pub or event
    found: set[dt.date] = set()
    taken: list[tuple[int, int]] = []
    for kind, pattern in _RE_DATES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day: dt.date | None = None
            try:
                if kind == "iso":
                    day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                elif kind == "dmy_dots":
                    day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                elif kind in ("day_month", "month_day"):
                    d, mon, year = (m.group(1), m.group(2), m.group(3)) if kind == "day_month" else (m.group(2), m.group(1), m.group(3))
                    month = _MONTH_NUMBER[mon]
                    if year:
                        day = dt.date(int(year), month, int(d))
                    elif ref is not None:
                        day = _near_year(month, int(d), ref)
                elif ref is not None:
                    wd = _WEEKDAYS.index(m.group(1))
                    if pub is not None:
                        day = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
                    else:
                        day = event + dt.timedelta(days=(wd - event.weekday() + 3) % 7 - 3)
            except ValueError:
                day = None
            taken.append((m.start(), m.end()))
            if day is not None:
                found.add(day)
    return sorted(d.isoformat() for d in found)


# --- the events of each document -----------------------------------------------------------------


@dataclass(frozen=True)
class _Event:
    key: str
    date: str
    order: int
    participants: tuple[str, ...]
    topics: frozenset[str]


def _title_topics(title: str) -> frozenset[str]:
    """Stems of the title's lower-case words ("holds talks", "runoff"): what the event is, beside who."""
    lower = " ".join(t for t in _RE_TOKEN.findall(str(title)) if not _capitalised(t))
    return frozenset(word_tokens(lower))


def _column(documents: pd.DataFrame, name: str) -> list[Any]:
    return documents[name].tolist() if name in documents.columns else [None] * len(documents)


def document_events(documents: pd.DataFrame) -> pd.DataFrame:
    """The events each document reports, its own first, then ``also_reports`` in the order listed.

    Parameters
    ----------
    documents:
        :attr:`claimcompare.corpus.Corpus.documents` or any table with
        ``doc_id`` and optionally ``event_date``, ``event_title``,
        ``also_reports``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DOCUMENT_EVENT_COLUMNS`: ``doc_id``; ``order`` (int, 0 =
        the document's own event, 1… the ``also_reports`` entries as listed);
        ``coverage`` (``"main"`` or ``"also"``); ``event`` (:func:`event_key`);
        ``event_date``; ``event_title``; ``participants`` (tuple of names,
        :func:`event_participants`).  Documents without an event of their own
        are left out (their ``also_reports`` too); entries not of the form
        ``"YYYY-MM-DD title"`` and repeats are skipped.  Sorted by ``doc_id``
        and ``order``.
    """
    rows = []
    if "doc_id" not in documents.columns:
        raise ValueError("documents needs a 'doc_id' column")
    for doc_id, date, title, also in zip(
        documents["doc_id"], _column(documents, "event_date"), _column(documents, "event_title"), _column(documents, "also_reports")
    ):
        main = event_key(date, title)
        if not main:
            continue
        entries = [(str(date), str(title))]
        if _present(also):
            entries.extend(also_reports_entries(also))
        seen: set[str] = set()
        for d, t in entries:
            key = event_key(d, t)
            if key in seen:
                continue
            seen.add(key)
            order = len(seen) - 1
            rows.append((doc_id, order, "main" if order == 0 else "also", key, d, t, event_participants(t)))
    out = pd.DataFrame(rows, columns=list(DOCUMENT_EVENT_COLUMNS))
    out = out.drop_duplicates(["doc_id", "order"]).sort_values(["doc_id", "order"], kind="stable", ignore_index=True)
    return out.astype({"order": "int64"})


# --- passages ------------------------------------------------------------------------------------


class _Namer:
    """Which events' participants a sentence names, counting only names that tell the events apart."""

    def __init__(self, events: list[_Event]):
        tokens = [{t for p in e.participants for t in p.split()} for e in events]
        self.events = events
        self.distinct: list[dict[str, str]] = []  # per event: token -> participant
        for k, e in enumerate(events):
            others = set().union(*(tokens[j] for j in range(len(events)) if j != k)) if len(events) > 1 else set()
            self.distinct.append({t: p for p in e.participants for t in p.split() if t not in others})
        self.topics = [
            set(e.topics) - set().union(*(events[j].topics for j in range(len(events)) if j != k)) if len(events) > 1 else set()
            for k, e in enumerate(events)
        ]
        every = sorted({t for d in self.distinct for t in d}, key=lambda t: (-len(t), t))
        self._re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, every)) + r")(?!\w)") if every else None
        main_tokens = sorted(tokens[0], key=lambda t: (-len(t), t)) if events else []
        self._re_main = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, main_tokens)) + r")(?!\w)") if main_tokens else None

    def named(self, text: str) -> list[set[str]]:
        """Per event, the participants whose distinguishing tokens ``text`` contains."""
        out: list[set[str]] = [set() for _ in self.events]
        if self._re is None:
            return out
        found = set(self._re.findall(text))
        for k, d in enumerate(self.distinct):
            out[k] = {d[t] for t in found if t in d}
        return out

    def topical(self, text: str) -> list[set[str]]:
        """Per event, the stems of its title's lower-case words, found in no other candidate's title, that ``text`` has."""
        if not any(self.topics):
            return [set() for _ in self.events]
        stems = set(word_tokens(text))
        return [stems & t for t in self.topics]

    def names_main(self, text: str) -> bool:
        """Whether ``text`` names any participant of the document's own event, shared or not."""
        return bool(self._re_main and self._re_main.search(text))


def _evidence(event: _Event, names: set[str], dates: set[str], topics: set[str] = frozenset()) -> list[str]:
    parts = []
    if names:
        parts.append("participants: " + ", ".join(p for p in event.participants if p in names))
    if topics:
        parts.append("title words: " + ", ".join(sorted(topics)))
    hits = sorted(d for d in dates if d == event.date)
    if hits:
        parts.append("date in text: " + ", ".join(hits))
    return parts


def _origin(event: _Event) -> str:
    return "document event" if event.order == 0 else "also_reports"


def _reason(origin: str, parts: list[str]) -> str:
    return f"{origin}: {'; '.join(parts)}" if parts else origin


def _score(event: _Event, names: set[str], dates: set[str], main_date: str, topics: set[str] = frozenset()) -> float:
    # a participant named counts 1, a title word 1; a day of this event written in the text 1,
    # or ½ when it is also the document's own day (an article names its own day anyway)
    return len(names) + len(topics) + sum(0.5 if d == main_date else 1.0 for d in dates if d == event.date)


def _assign(texts: list[str], events: list[_Event], published: Any) -> list[tuple[str, str]]:
    """(event, reason) for each body sentence of one document, in reading order."""
    main = events[0]
    n = len(texts)
    result = [(main.key, "document event")] * n
    cues = [transition_cue(t) if k else None for k, t in enumerate(texts)]
    starts = [0] + [k for k in range(1, n) if cues[k]]
    bounds = list(zip(starts, starts[1:] + [n]))
    namer = _Namer(events)
    several = len(events) > 1
    dates_of: dict[int, set[str]] = {}
    topics_of: dict[int, list[set[str]]] = {}

    def topical(k: int) -> list[set[str]]:
        if k not in topics_of:
            topics_of[k] = namer.topical(texts[k])
        return topics_of[k]

    def dates(k: int) -> set[str]:
        if k not in dates_of:
            dates_of[k] = set(mentioned_dates(texts[k], published=published, event_date=main.date))
        return dates_of[k]

    listed_dates = {e.date for e in events}

    def off_event(a: int, b: int) -> bool:
        """A cue passage about another day, naming none of the document's own event's participants."""
        cue, strength = cues[a]
        days = set().union(*(dates(k) for k in range(a, b)))
        if not days or days & listed_dates:
            return False
        if strength == "weak" and not dates(a):
            return False
        return not any(namer.names_main(texts[k]) for k in range(a, b))

    current: _Event = main
    current_reason = "document event"
    used: set[int] = {0}
    for a, b in bounds:
        cue = cues[a]
        if not several:
            if a and cue and off_event(a, b):
                days = sorted(set().union(*(dates(k) for k in range(a, b))))
                reason = _reason(OTHER_EVENT, [f"transition phrase: {cue[0]}", "date in text: " + ", ".join(days)])
                result[a:b] = [(OTHER_EVENT, reason)] * (b - a)
            continue
        named = [set().union(*sets) for sets in zip(*(namer.named(texts[k]) for k in range(a, b)))]
        days = set().union(*(dates(k) for k in range(a, b)))
        scores = [_score(e, named[i], days, main.date) for i, e in enumerate(events)]
        chosen: _Event | None = None
        parts: list[str] = []
        if a == 0:
            # the article's first passage keeps its own event unless it names another event's
            # participants and none of its own
            rivals = [e for e in events[1:] if named[e.order]]
            if rivals and not named[0]:
                chosen = min(rivals, key=lambda e: (-scores[e.order], e.order))
                parts = _evidence(chosen, named[chosen.order], days)
            else:
                chosen, parts = main, []
        else:
            cue_part = f"transition phrase: {cue[0]}"
            strong = cue[1] == "strong"
            if max(scores) > 0:
                chosen = min(events, key=lambda e: (-scores[e.order], strong and e is current, e.order))
                parts = [cue_part, *_evidence(chosen, named[chosen.order], days)]
            elif strong and any(e.order not in used for e in events[1:]):
                chosen = next(e for e in events[1:] if e.order not in used)
                parts = [cue_part, "listed order"]
            elif off_event(a, b):
                reason = _reason(OTHER_EVENT, [cue_part, "date in text: " + ", ".join(sorted(days))])
                result[a:b] = [(OTHER_EVENT, reason)] * (b - a)
                current, current_reason = main, "document event"
                continue
        if chosen is None:
            chosen, reason = current, current_reason
        else:
            reason = _reason(_origin(chosen), parts)
        used.add(chosen.order)
        current, current_reason = chosen, reason
        result[a:b] = [(chosen.key, reason)] * (b - a)
        # a sentence naming another listed event's participants or day and none of its passage
        # event's participants, with more evidence (title words too) for that event, reports it
        for k in range(a, b):
            each, own = namer.named(texts[k]), dates(k)
            if each[chosen.order]:
                continue
            trigger = [
                e for e in events
                if e is not chosen and (each[e.order] or (e.date in own and e.date not in (main.date, chosen.date)))
            ]
            if not trigger:
                continue
            words = topical(k)
            score = {e.order: _score(e, each[e.order], own, main.date, words[e.order]) for e in events}
            best = min(trigger, key=lambda e: (-score[e.order], e.order))
            if score[best.order] > score[chosen.order]:
                result[k] = (best.key, _reason(_origin(best), _evidence(best, each[best.order], own, words[best.order])))
    return result


def passage_events(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    body_roles: tuple[str, ...] = ("body",),
) -> pd.DataFrame:
    """The event each sentence reports, passage by passage.

    Parameters
    ----------
    sentences:
        The sentences table (:func:`claimcompare.corpus.sentences_table`, or
        any table with ``doc_id``, ``sent_id``, ``role`` and ``text``).
    documents:
        :attr:`claimcompare.corpus.Corpus.documents` (``doc_id``,
        ``event_date``, ``event_title``; optional ``also_reports`` and
        ``published``).
    body_roles:
        Roles whose sentences are assigned passage by passage; others
        (headline, dateline, captions, footer …) get the document's event.

    Returns
    -------
    pandas.DataFrame
        ``sentences``' columns plus :data:`PASSAGE_COLUMNS`: ``event`` (an
        :func:`event_key`, :data:`OTHER_EVENT` or :data:`NO_EVENT`) and
        ``event_reason`` (``"<origin>[: evidence; …]"``: origin ``"document
        event"``, ``"also_reports"``, ``"other"`` or ``"no events"``;
        evidence ``"transition phrase: <phrase>"``, ``"participants: <names>"``,
        ``"date in text: <days>"``, ``"listed order"``).  Sorted by
        ``doc_id`` and ``sent_id``; ``sentences`` is not modified.

    Rules, applied to each document's body sentences in reading order:

    1. A document without ``event_date`` and ``event_title`` (or missing from
       ``documents``): event ``""``, reason ``"no events"``.
    2. Passages: a new passage starts at every body sentence after the first
       that opens with a :func:`transition_cue`.
    3. Evidence per passage and candidate event (the document's own and its
       ``also_reports``, :func:`document_events`): the event's participants
       named (:func:`event_participants`; only names that are not in another
       candidate's title count, so the traveller present at every meeting
       decides nothing), 1 each; each distinct day of the event written in
       the passage (:func:`mentioned_dates`), 1, or ½ when the day is also the
       document's own event day.
    4. The first passage keeps the document's event, unless it names
       participants of listed other events and none of the document's own
       event: then the best-scoring of those (ties: listed order).
    5. A later passage goes to the best-scoring event (ties: after a strong
       cue an event other than the current one, then listed order); with no
       evidence at all, a strong cue takes the first listed event no passage
       has taken yet, and a weak cue continues the current event.
    6. Inside a passage, a sentence that names participants of another listed
       event and none of the passage's event is that event's (best score,
       ties: listed order).
    7. Off-event, conservatively (documents with or without
       ``also_reports``): a later passage with no evidence for any listed
       event becomes ``"other"`` only when every day it writes differs from
       all listed events' days (at least one day; after a weak cue, written in
       the cue's own sentence) and it names no participant of the document's
       own event (shared names included).
    """
    missing = {"doc_id", "sent_id", "role", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences needs the columns {sorted(missing)}")
    out = sentences.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True).copy()
    n = len(out)
    event = [NO_EVENT] * n
    reason = ["no events"] * n
    table = document_events(documents)
    per_doc: dict[str, list[_Event]] = {}
    for d in table.itertuples(index=False):
        per_doc.setdefault(d.doc_id, []).append(
            _Event(d.event, d.event_date, int(d.order), d.participants, _title_topics(d.event_title))
        )
    published = dict(zip(documents["doc_id"], _column(documents, "published")))
    texts = out["text"].astype(str).tolist()
    body = out["role"].isin(body_roles).to_numpy()
    for doc_id, idx in out.groupby("doc_id", sort=True).indices.items():
        events = per_doc.get(doc_id)
        if not events:
            continue
        for i in idx:
            event[i], reason[i] = events[0].key, "document event"
        rows = [i for i in idx if body[i]]
        if rows:
            for i, (e, r) in zip(rows, _assign([texts[i] for i in rows], events, published.get(doc_id))):
                event[i], reason[i] = e, r
    out["event"] = pd.Series(event, dtype="object")
    out["event_reason"] = pd.Series(reason, dtype="object")
    return out


# --- the passages about a document's own event ----------------------------------------------------

#: Column :func:`own_event` adds to the sentences table.
OWN_EVENT_COLUMN = "own_event"
#: Columns of :func:`own_event_counts`.
OWN_EVENT_COUNT_COLUMNS: tuple[str, ...] = ("doc_id", "document_event", "sentences", "set_aside", "other_events")


def own_event(sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mark the sentences about their document's own event: the rows an analysis of one event keeps.

    Parameters
    ----------
    sentences:
        The sentences table (:func:`claimcompare.corpus.sentences_table`),
        with its ``event`` column; without one, ``event`` is computed here
        with :func:`passage_events` (then ``role`` and ``text`` are needed).
    documents:
        :attr:`claimcompare.corpus.Corpus.documents` (``doc_id``,
        ``event_date``, ``event_title``; the same table the ``event`` column
        was computed from).

    Returns
    -------
    pandas.DataFrame
        ``sentences`` (same rows and order, index reset; when ``event``
        had to be computed, sorted by ``doc_id, sent_id`` as
        :func:`passage_events` returns it) with ``event`` and a bool column :data:`OWN_EVENT_COLUMN`, ``own_event``: True when
        the sentence's passage event equals its document's own event key
        (:func:`event_key` of its ``event_date`` and ``event_title``, the key
        :meth:`claimcompare.corpus.Corpus.event_of` gives), or when the
        document has no event metadata (nothing to set aside: every sentence
        is the document's); False for a passage about another listed event
        (``also_reports``) or about another day (:data:`OTHER_EVENT`).
        ``sentences`` is not modified.

    This is the one home for "is this sentence about the event its report is
    compared on?": analyses of one event (emphasis, attribution, alignment
    views) keep the rows with ``own_event`` True, so a second meeting
    reported in the same article never counts toward the first.
    """
    if "doc_id" not in sentences.columns:
        raise ValueError("sentences needs a 'doc_id' column")
    out = sentences if "event" in sentences.columns else passage_events(sentences, documents)
    out = out.reset_index(drop=True).copy()
    own = {
        str(d): event_key(date, title)
        for d, date, title in zip(documents["doc_id"], _column(documents, "event_date"), _column(documents, "event_title"))
    } if "doc_id" in documents.columns else {}
    keys = [own.get(str(d), NO_EVENT) for d in out["doc_id"]]
    events = out["event"].astype("object").where(out["event"].notna(), NO_EVENT).astype(str).tolist()
    out[OWN_EVENT_COLUMN] = pd.Series([k == NO_EVENT or e == k for k, e in zip(keys, events)], dtype=bool)
    return out


def own_event_counts(marked: pd.DataFrame, documents: pd.DataFrame, *, roles: tuple[str, ...] | None = ("body",)) -> pd.DataFrame:
    """Per document, how many sentences :func:`own_event` sets aside, and which events they report.

    Parameters
    ----------
    marked:
        The output of :func:`own_event` (``doc_id``, ``role``, ``event``,
        ``own_event``).
    documents:
        :attr:`claimcompare.corpus.Corpus.documents` (``doc_id``,
        ``event_date``, ``event_title``).
    roles:
        Roles counted (default body sentences only, the ones analyses use);
        ``None`` counts every role.

    Returns
    -------
    pandas.DataFrame
        One row per document of ``marked`` with sentences of ``roles``,
        columns :data:`OWN_EVENT_COUNT_COLUMNS`: ``doc_id``;
        ``document_event`` (its own :func:`event_key`, ``""`` without event
        metadata); ``sentences`` (int, sentences counted); ``set_aside``
        (int, those with ``own_event`` False); ``other_events`` (the
        distinct events of the set-aside sentences, sorted, joined by
        ``"; "``; ``""`` when none).  Sorted by ``doc_id``.
    """
    missing = {"doc_id", "event", OWN_EVENT_COLUMN} - set(marked.columns)
    if missing:
        raise ValueError(f"marked needs the columns {sorted(missing)}; pass the output of own_event")
    rows = marked if roles is None else marked[marked["role"].isin(roles)]
    own = {
        str(d): event_key(date, title)
        for d, date, title in zip(documents["doc_id"], _column(documents, "event_date"), _column(documents, "event_title"))
    }
    out = []
    for doc_id, g in rows.groupby(rows["doc_id"].astype(str), sort=True):
        aside = g[~g[OWN_EVENT_COLUMN].astype(bool)]
        others = sorted({str(e) for e in aside["event"]})
        out.append((doc_id, own.get(doc_id, NO_EVENT), len(g), len(aside), "; ".join(others)))
    table = pd.DataFrame(out, columns=list(OWN_EVENT_COUNT_COLUMNS))
    return table.astype({"doc_id": "object", "document_event": "object", "sentences": "int64", "set_aside": "int64", "other_events": "object"})


# --- the data step of an analysis by event --------------------------------------------------------

#: Columns of :func:`set_aside_sentences`.
SET_ASIDE_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "event", "text")


def set_aside_sentences(marked: pd.DataFrame, *, roles: tuple[str, ...] | None = ("body",)) -> pd.DataFrame:
    """The sentences :func:`own_event` sets aside: those about another event than their report's.

    Parameters
    ----------
    marked:
        The output of :func:`own_event` (``doc_id``, ``sent_id``, ``role``,
        ``event``, ``text``, ``own_event``).
    roles:
        Roles listed (default body sentences only, the ones analyses use,
        as :func:`own_event_counts` counts them); ``None`` lists every role.

    Returns
    -------
    pandas.DataFrame
        One row per sentence of ``roles`` with ``own_event`` False, columns
        :data:`SET_ASIDE_COLUMNS` (``doc_id``, ``sent_id``, ``event`` — the
        event its passage reports, or :data:`OTHER_EVENT` — and ``text``),
        in the order of ``marked`` (the sentences table's: ``doc_id``,
        ``sent_id``), index from 0.  Its rows per document number
        :func:`own_event_counts`' ``set_aside``.
    """
    missing = {"doc_id", "sent_id", "event", "text", OWN_EVENT_COLUMN} - set(marked.columns)
    if missing:
        raise ValueError(f"marked needs the columns {sorted(missing)}; pass the output of own_event")
    keep = ~marked[OWN_EVENT_COLUMN].astype(bool)
    if roles is not None:
        keep &= marked["role"].isin(roles)
    return marked.loc[keep, list(SET_ASIDE_COLUMNS)].reset_index(drop=True)


def body_sentence_counts(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with a column ``body_sentences``: how many body sentences each has.

    ``documents`` is :attr:`claimcompare.corpus.Corpus.documents` (any table
    with ``doc_id``), ``sentences`` the sentences table (``doc_id``,
    ``role``).  Returns ``documents`` (same rows, order and columns, index
    kept) with ``body_sentences`` (int64, sentences with ``role == "body"``;
    0 for a document with none) added last.
    """
    counts = body_sentences(sentences)["doc_id"].astype(str).value_counts()
    n = [int(counts.get(str(d), 0)) for d in documents["doc_id"]]
    return documents.assign(body_sentences=pd.Series(n, index=documents.index, dtype="int64"))

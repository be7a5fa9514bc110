"""Talking points: statements and formulas that come back across different meetings.

Alignment (:mod:`claimcompare.align`) compares reports of *one* event.  A
talking point is the opposite question: which statements does a report of one
meeting share with reports of *other* meetings ("comprehensive strategic
partnership", support for sovereignty and security, the "three evil forces")?

Tables in, tables (or Axes) out:

* :func:`cross_event_pairs` — every pair of documents whose events differ;
* :func:`recurring_statements` — body sentences linked across different
  events by the aligner, grouped into talking points;
* :func:`threshold_sensitivity` — how many talking points each link
  threshold gives;
* :func:`speaker_of` — the speaker of each sentence ("from whom"), as
  :func:`claimcompare.attribution.attribute_speakers` gives it;
* :func:`recurring_phrases` — word n-grams found in body sentences of several
  events;
* :func:`point_labels`, :func:`point_summary`, :func:`timeline_table` and
  :func:`plot_talking_points_timeline` — a short label per talking point, one
  summary row per point (events, reports, outlets, dates, speakers) and a
  chart of the points over time.

**Events and dates.**  A document's event is its ``event_date`` and
``event_title`` in the documents table (:attr:`claimcompare.corpus.Corpus.documents`,
from ``sources.csv``); with no title, the date alone.  A sentence's event is
its *passage's* event (:func:`sentence_events`, ``events="passage"``, the
default): the sentences table's ``event`` column
(:func:`claimcompare.passages.passage_events`, the one home for the event of a
sentence), so a passage about a second meeting (``also_reports``) counts
toward that meeting and is dated by it, and a passage about a day no listed
event matches is left out (it cannot be placed in time); a sentence without a
passage event takes its document's.  ``events="document"`` dates every
sentence by its document's event instead.  Documents without an
``event_date`` (a folder without ``sources.csv``) cannot be placed in time and
are left out, as are documents flagged ``duplicate_of``.  Dates are strings
``YYYY-MM-DD``.

Nothing here knows an outlet or a seed's wording.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .align import (
    DEFAULT_CONTAINMENT_WEIGHT,
    DEFAULT_RATIO,
    align_corpus,
    body_sentences,
    candidate_pairs,
    statement_clusters,
)
from .attribution import article_speakers
from .copies import count_outlets
from .frames import split_frame
from .passages import OTHER_EVENT, document_events
from .similarity import normalize_text

__all__ = [
    "EDGE_STOP_WORDS",
    "PAIR_COLUMNS",
    "PHRASE_COLUMNS",
    "POINT_COLUMNS",
    "SENTENCE_EVENT_COLUMNS",
    "TIMELINE_COLUMNS",
    "cross_event_pairs",
    "phrase_ngrams",
    "plot_talking_points_timeline",
    "point_labels",
    "point_summary",
    "recurring_phrases",
    "recurring_statements",
    "sentence_events",
    "speaker_of",
    "threshold_sensitivity",
    "timeline_table",
]

#: Columns of :func:`cross_event_pairs` (those of :func:`claimcompare.align.candidate_pairs`).
PAIR_COLUMNS: tuple[str, ...] = ("doc_a", "doc_b", "doc_score", "reason")
#: Columns of :func:`recurring_statements`.
POINT_COLUMNS: tuple[str, ...] = ("point", "doc_id", "sent_id", "event_date", "text", "n_events")
#: Columns of :func:`recurring_phrases`.
PHRASE_COLUMNS: tuple[str, ...] = ("phrase", "n_events", "n_docs", "first_date", "last_date", "example")
#: Columns of :func:`timeline_table`.
TIMELINE_COLUMNS: tuple[str, ...] = ("point", "label", "event_date", "doc_id", "n_sentences")

#: Words a phrase may not start or end with: scikit-learn's English stop words
#: without the number words, so that numbered formulas ("three evil forces")
#: keep their number.
EDGE_STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) - frozenset(
    """one two three four five six eight nine ten eleven twelve fifteen twenty forty fifty sixty hundred
    first third""".split()
)

#: Cross-event alignment: a lower score links loosely related sentences (and
#: connected components then chain them into large groups); 0.25 keeps the
#: links whose claims share their key terms on the seeds (see the notebook).
DEFAULT_MIN_SCORE = 0.25

_RE_BREAK = re.compile(r"[^a-z0-9'\s]+")  # punctuation ends a phrase (hyphens are spaces by then)
_RE_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


# --------------------------------------------------------------------------- events


def _dated_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, event, event_date`` of the documents that can be placed in time.

    ``event`` is ``"<event_date> <event_title>"`` (the date alone without a
    title).  Documents without ``event_date`` and duplicates are left out.
    Sorted by ``doc_id``.
    """
    cols = ["doc_id", "event", "event_date"]
    if documents is None or documents.empty or "event_date" not in documents:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    d = documents
    if "duplicate_of" in d:
        d = d[d["duplicate_of"].isna() | (d["duplicate_of"].astype("object").fillna("") == "")]
    date = d["event_date"].astype("object").where(d["event_date"].notna(), "").astype(str).str.strip()
    d = d.assign(event_date=date)[date != ""]
    title = (
        d["event_title"].astype("object").where(d["event_title"].notna(), "").astype(str).str.strip()
        if "event_title" in d
        else pd.Series("", index=d.index)
    )
    event = (d["event_date"] + " " + title).str.strip()
    out = pd.DataFrame({"doc_id": d["doc_id"].astype(str), "event": event, "event_date": d["event_date"]})
    return out.sort_values("doc_id", ignore_index=True)


#: Columns of :func:`sentence_events`.
SENTENCE_EVENT_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "event", "event_date")


def sentence_events(sentences: pd.DataFrame, documents: pd.DataFrame, *, events: str = "passage") -> pd.DataFrame:
    """The event and date each body sentence of a dated document counts toward.

    Parameters
    ----------
    sentences, documents:
        The sentences table (with its ``event`` column for
        ``events="passage"``) and the documents table of a corpus.
    events:
        ``"passage"`` (default): the sentence's passage event, the
        ``event`` column of :func:`claimcompare.corpus.sentences_table`
        (:func:`claimcompare.passages.passage_events`), dated by that event's
        ``event_date`` (:func:`claimcompare.passages.document_events`); a
        sentence whose passage is about a day no listed event matches
        (:data:`claimcompare.passages.OTHER_EVENT`) is left out; one without a
        passage event (``""`` or no ``event`` column) takes its document's.
        ``"document"``: every sentence takes its document's event.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENTENCE_EVENT_COLUMNS`: ``doc_id``, ``sent_id``
        (int), ``event`` (``"YYYY-MM-DD title"``; the date alone for a
        document without a title), ``event_date`` (``YYYY-MM-DD``), one row
        per body sentence (roles of the aligner) of a dated, non-duplicate
        document (module docstring), sorted by ``doc_id, sent_id``.
    """
    if events not in ("passage", "document"):
        raise ValueError(f"events must be 'passage' or 'document', not {events!r}")
    dated = _dated_documents(documents)
    body = body_sentences(sentences)
    body = body[body["doc_id"].astype(str).isin(set(dated["doc_id"]))]
    cols = ["doc_id", "sent_id"] + (["event"] if "event" in body.columns else [])
    out = body[cols].rename(columns={"event": "passage_event"}).assign(doc_id=lambda t: t["doc_id"].astype(str))
    out = out.merge(dated, on="doc_id", how="left")
    if events == "passage" and "passage_event" in out.columns:
        known = document_events(documents)
        date_of = dict(zip(known["event"], known["event_date"].astype(str)))
        passage = out["passage_event"].astype("object").where(out["passage_event"].notna(), "").astype(str)
        out = out[passage != OTHER_EVENT].copy()
        passage = passage[passage != OTHER_EVENT]
        moved = (passage != "") & passage.isin(list(date_of)) & (passage != out["event"])
        out.loc[moved, "event"] = passage[moved]
        out.loc[moved, "event_date"] = passage[moved].map(date_of)
    out = out[list(SENTENCE_EVENT_COLUMNS)].astype({"sent_id": "int64"})
    return out.sort_values(["doc_id", "sent_id"], ignore_index=True)


def cross_event_pairs(sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every pair of documents whose events differ: the pairs a talking point can link.

    Parameters
    ----------
    sentences:
        The sentences table (:func:`claimcompare.corpus.sentences_table`);
        only documents with body sentences are paired.
    documents:
        The documents table (``doc_id, event_date, event_title``, optional
        ``duplicate_of``); see the module docstring for which documents count.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PAIR_COLUMNS`: ``doc_a < doc_b``; ``doc_score`` the
        cosine of the two documents' TF-IDF vectors (all body sentences,
        word features, as in :func:`claimcompare.align.candidate_pairs`), in
        [0, 1]; ``reason`` ``"different events"``.  Sorted by ``doc_a,
        doc_b``; empty (same columns) when fewer than two events.
    """
    dated = _dated_documents(documents)
    body = body_sentences(sentences[sentences["doc_id"].isin(set(dated["doc_id"]))])
    docs = sorted(set(body["doc_id"]))
    event = dict(zip(dated["doc_id"], dated["event"]))
    pairs = [(a, b) for a, b in itertools.combinations(docs, 2) if event[a] != event[b]]
    if not pairs:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "doc_score" else "object") for c in PAIR_COLUMNS})
    sim = candidate_pairs(body, None, by="similarity", top_k=len(docs), min_doc_score=0.0)
    score = {(a, b): s for a, b, s in zip(sim["doc_a"], sim["doc_b"], sim["doc_score"])}
    out = pd.DataFrame(
        [(a, b, float(score.get((a, b), 0.0)), "different events") for a, b in pairs],
        columns=list(PAIR_COLUMNS),
    )
    return out.sort_values(["doc_a", "doc_b"], ignore_index=True)


# --------------------------------------------------------------------------- statements


def _empty_points() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in POINT_COLUMNS})
    return out.astype({"point": "int64", "sent_id": "int64", "n_events": "int64"})


def recurring_statements(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    min_events: int = 2,
    ratio: float = DEFAULT_RATIO,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = 1.0,
    speaker_penalty: float = 1.0,
    semantic: object = "off",
    events: str = "passage",
) -> pd.DataFrame:
    """Body sentences that come back in reports of different events, grouped into talking points.

    Method: the pairs of :func:`cross_event_pairs` (documents of *different*
    events only) are aligned with :func:`claimcompare.align.align_corpus`
    (claims compared, score ``½ cosine + ½ weighted overlap``, mutual-best and
    one-to-many links, one vectorizer fitted on the whole corpus); the links
    are grouped into connected components with
    :func:`claimcompare.align.statement_clusters`; a component is a talking
    point when its sentences come from at least ``min_events`` events.  Each
    sentence counts toward its own event (:func:`sentence_events`): with
    passage events, a link between two sentences of the same event (a
    report's passage about a second meeting and a report of that meeting) is
    dropped before grouping, since it is one event's statement, not a point
    that comes back.

    Parameters
    ----------
    sentences, documents:
        The sentences table and the documents table of a corpus.  Sentences
        are dated by their event (:func:`sentence_events`, module docstring).
    min_score:
        Lowest link score, in [0, 1] (default 0.25, above the aligner's 0.15
        for one event: across meetings every report has a best match, and
        low links chain unrelated sentences into one component).
    min_events:
        Fewest distinct events in a talking point (2 or more).
    ratio, claims, containment_weight:
        As in :func:`claimcompare.align.align_pair`.
    off_topic_penalty, speaker_penalty:
        As in :func:`claimcompare.align.align_pair`, but off (1.0) by
        default: reports of different meetings name different participants,
        and a formula repeated by another speaker is still a talking point.
    semantic:
        Scoring backend, as in :func:`claimcompare.align.align_pair`, but
        lexical (``"off"``) by default: ``min_score`` 0.25 was chosen on
        lexical scores, and sentence embeddings rate any two statements about
        the same relationship as similar (cosines 0.3-0.6), which would chain
        unrelated statements across meetings.
    events:
        ``"passage"`` (default) or ``"document"``: which event a sentence
        counts toward (:func:`sentence_events`).

    Returns
    -------
    pandas.DataFrame
        One row per sentence in a talking point, columns
        :data:`POINT_COLUMNS`: ``point`` (int from 0, numbered by first
        appearance in time: earliest ``event_date``, then ``doc_id``,
        ``sent_id`` of the point's first sentence), ``doc_id``, ``sent_id``,
        ``event_date`` (``YYYY-MM-DD`` of the sentence's event), ``text``,
        ``n_events`` (distinct events in the point, >= ``min_events``).
        Sorted by ``point, event_date, doc_id, sent_id``.  Empty (same
        columns) when all documents share one event.
    """
    if min_events < 2:
        raise ValueError("min_events must be at least 2")
    pairs = cross_event_pairs(sentences, documents)
    if pairs.empty:
        return _empty_points()
    placed = sentence_events(sentences, documents, events=events)
    keys = set(zip(placed["doc_id"], placed["sent_id"]))
    body = body_sentences(sentences)
    body = body[[(str(d), int(k)) in keys for d, k in zip(body["doc_id"], body["sent_id"])]]
    # Across events on purpose: without the passage-event column the aligner's
    # "different events are never linked" rule (align.other_event) stays off.
    alignment = align_corpus(
        body.drop(columns=["event"], errors="ignore"),
        documents,
        pairs=pairs,
        min_score=min_score,
        ratio=ratio,
        claims=claims,
        containment_weight=containment_weight,
        off_topic_penalty=off_topic_penalty,
        speaker_penalty=speaker_penalty,
        semantic=semantic,
    )
    event = {(d, int(k)): e for d, k, e in zip(placed["doc_id"], placed["sent_id"], placed["event"])}
    date = {(d, int(k)): e for d, k, e in zip(placed["doc_id"], placed["sent_id"], placed["event_date"])}
    if len(alignment):
        across = [
            event[(str(a), int(sa))] != event[(str(b), int(sb))]
            for a, sa, b, sb in zip(alignment["doc_a"], alignment["sent_a"], alignment["doc_b"], alignment["sent_b"])
        ]
        alignment = alignment[across].reset_index(drop=True)
    clusters = statement_clusters(alignment)
    if clusters.empty:
        return _empty_points()
    rows = clusters[["cluster", "doc_id", "sent_id", "text"]].copy()
    where = list(zip(rows["doc_id"].astype(str), rows["sent_id"].astype(int)))
    rows["event_date"] = [date[w] for w in where]
    rows["event"] = [event[w] for w in where]
    rows["n_events"] = rows.groupby("cluster")["event"].transform("nunique").astype("int64")
    rows = rows[rows["n_events"] >= min_events]
    if rows.empty:
        return _empty_points()
    rows = rows.sort_values(["event_date", "doc_id", "sent_id"], ignore_index=True)
    order: dict[int, int] = {}
    for c in rows["cluster"]:
        order.setdefault(int(c), len(order))
    rows["point"] = rows["cluster"].map(order).astype("int64")
    out = rows[list(POINT_COLUMNS)].astype({"sent_id": "int64"})
    return out.sort_values(["point", "event_date", "doc_id", "sent_id"], ignore_index=True)


def threshold_sensitivity(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    min_scores: Iterable[float] = (0.15, 0.2, 0.25, 0.3, 0.35),
    min_events: int = 2,
    events: str = "passage",
) -> pd.DataFrame:
    """How the talking points move with the link threshold.

    Runs :func:`recurring_statements` once per ``min_scores`` value (other
    knobs at their defaults, ``events`` as given).  Returns columns ``min_score`` (float),
    ``n_points``, ``n_sentences``, ``n_reports`` (documents with a sentence
    in a point), ``largest_point`` (sentences in the largest point) and
    ``max_events`` (most events in one point), ints (0 when there is no
    point), sorted by ``min_score``.
    """
    rows = []
    for score in sorted(set(float(x) for x in min_scores)):
        pts = recurring_statements(sentences, documents, min_score=score, min_events=min_events, events=events)
        sizes = pts.groupby("point").size()
        rows.append(
            (
                score,
                int(pts["point"].nunique()),
                len(pts),
                int(pts["doc_id"].nunique()),
                int(sizes.max()) if len(sizes) else 0,
                int(pts["n_events"].max()) if len(pts) else 0,
            )
        )
    cols = ["min_score", "n_points", "n_sentences", "n_reports", "largest_point", "max_events"]
    return pd.DataFrame(rows, columns=cols).astype({c: "int64" for c in cols[1:]})


def speaker_of(rows: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add a ``speaker`` column: who each sentence is attributed to.

    The speaker is that of :func:`claimcompare.attribution.article_speakers`
    (the rules of :mod:`claimcompare.attribution`, the speaker notebook 04
    shows and the aligners compare), read over each article's body sentences
    in ``sentences`` (default: ``rows`` themselves), so a pronoun or a
    description ("he said", "the president noted") takes the last person
    named before it in the same article.  A person is named as the article
    uses the name alone ("Rahmon" for "Tajik President Emomali Rahmon" when
    the article also says "Rahmon said"); a joint attribution is ``"two
    sides"``, another group the phrase as written.  The outlet's own voice,
    and a pronoun with no one before it to refer to, get ``""``.  A row not
    found among ``sentences``' body sentences is read alone.

    Parameters
    ----------
    rows:
        Any table with ``doc_id, sent_id, text`` (e.g. :func:`recurring_statements`).
    sentences:
        The sentences table the rows come from (for the sentences before them).

    Returns
    -------
    pandas.DataFrame
        ``rows`` with a ``speaker`` column (str).  Row order and index unchanged.
    """

    def label(who: object) -> str:
        return "" if who.speaker_type == "outlet" or who.resolved == "unresolved" else who.speaker

    context = rows if sentences is None else sentences
    if "role" in context:
        context = body_sentences(context)
    known: dict[tuple[str, int], str] = {}
    for doc_id, group in context.sort_values(["doc_id", "sent_id"]).groupby("doc_id", sort=True):
        for sent_id, who in zip(group["sent_id"], article_speakers(group["text"].tolist())):
            known[(str(doc_id), int(sent_id))] = label(who)
    out = rows.copy()
    speakers = []
    for doc_id, sent_id, text in zip(rows["doc_id"], rows["sent_id"], rows["text"]):
        key = (str(doc_id), int(sent_id))
        if key not in known:
            known[key] = label(article_speakers([str(text)])[0])
        speakers.append(known[key])
    out["speaker"] = pd.Series(speakers, index=rows.index, dtype="object")
    return out


# --------------------------------------------------------------------------- phrases


def phrase_ngrams(
    text: str,
    *,
    n: tuple[int, int] = (2, 4),
    stop_words: Iterable[str] = EDGE_STOP_WORDS,
) -> list[str]:
    """The word n-grams of one sentence that can be phrases, in reading order (repeats kept).

    The text is normalised with :func:`claimcompare.similarity.normalize_text`
    (NFKC, lower case, ASCII quotes and dashes, hyphens split); punctuation
    other than the apostrophe ends a run of words, so a phrase never spans a
    comma, quote mark or bracket; words are ``[a-z0-9]+`` with inner
    apostrophes ("china's").  An n-gram (``n[0] <= len <= n[1]`` words) is
    kept when its first and last words are not in ``stop_words``; stop words
    inside it stay ("belt and road").

    >>> phrase_ngrams("Tajikistan's support for the Belt and Road.", n=(2, 3))
    ["tajikistan's support", 'belt and road']
    """
    lo, hi = n
    if lo < 1 or hi < lo:
        raise ValueError("n must be (lo, hi) with 1 <= lo <= hi")
    stop = stop_words if isinstance(stop_words, (set, frozenset)) else frozenset(stop_words)
    out = []
    for chunk in _RE_BREAK.split(normalize_text(text)):
        words = _RE_WORD.findall(chunk)
        for i in range(len(words)):
            if words[i] in stop:
                continue
            for k in range(lo, hi + 1):
                j = i + k
                if j > len(words):
                    break
                if words[j - 1] not in stop:
                    out.append(" ".join(words[i:j]))
    return out


def recurring_phrases(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    n: tuple[int, int] = (2, 4),
    min_events: int = 2,
    stop_words: Iterable[str] = EDGE_STOP_WORDS,
    nested: bool = True,
    events: str = "passage",
) -> pd.DataFrame:
    """Word n-grams that occur in body sentences of at least ``min_events`` different events.

    Each body sentence of a dated document (module docstring) contributes the
    set of its :func:`phrase_ngrams`; a phrase's events, documents and dates
    are those of the sentences containing it, each sentence counting toward
    its own event (:func:`sentence_events`; ``events`` as there).  Counting exact word sequences
    (no stemming) is the n-gram view of formulaic language in news (cf. the
    lexical bundles of Biber, Conrad and Cortes 2004); only its recurrence
    across events is measured, not its frequency.

    Parameters
    ----------
    sentences, documents:
        The sentences table and the documents table of a corpus.
    n:
        Smallest and largest phrase length in words.
    min_events:
        Fewest distinct events (``event_date`` + ``event_title``) a phrase
        must occur in, 1 or more.
    stop_words:
        Words a phrase may not start or end with (default :data:`EDGE_STOP_WORDS`).
    nested:
        Keep a phrase that lies inside a longer listed phrase found in
        exactly the same sentences ("strategic partnership" inside
        "comprehensive strategic partnership" when it never occurs without
        it).  ``False`` drops such phrases: only the longest form of each
        formula is listed (closed phrases).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PHRASE_COLUMNS`: ``phrase`` (normalised words joined by
        spaces), ``n_events``, ``n_docs`` (ints), ``first_date``,
        ``last_date`` (earliest and latest ``event_date`` of its sentences,
        ``YYYY-MM-DD``), ``example`` (the text of the earliest sentence
        containing it, by ``event_date, doc_id, sent_id``).  Sorted by
        ``n_events`` descending, then ``phrase``.
    """
    if min_events < 1:
        raise ValueError("min_events must be at least 1")
    placed = sentence_events(sentences, documents, events=events)
    body = body_sentences(sentences).drop(columns="event", errors="ignore")
    body = body.assign(doc_id=body["doc_id"].astype(str), sent_id=body["sent_id"].astype("int64"))
    body = body.merge(placed, on=["doc_id", "sent_id"], how="inner")
    body = body.sort_values(["event_date", "doc_id", "sent_id"], ignore_index=True)
    stop = frozenset(stop_words)
    seen: dict[str, tuple[set[str], set[str], str, str, str]] = {}
    where: dict[str, set[tuple[str, int]]] = {}
    for doc_id, sent_id, event, date, text in zip(
        body["doc_id"], body["sent_id"], body["event"], body["event_date"], body["text"]
    ):
        for phrase in set(phrase_ngrams(text, n=n, stop_words=stop)):
            where.setdefault(phrase, set()).add((doc_id, int(sent_id)))
            entry = seen.get(phrase)
            if entry is None:
                seen[phrase] = ({event}, {doc_id}, date, date, text)  # first sentence = earliest
            else:
                entry[0].add(event)
                entry[1].add(doc_id)
                seen[phrase] = (entry[0], entry[1], entry[2], max(entry[3], date), entry[4])
    kept = {p for p, entry in seen.items() if len(entry[0]) >= min_events}
    if not nested:
        inside = set()
        for p in kept:
            words = p.split()
            for k in range(n[0], len(words)):
                for i in range(len(words) - k + 1):
                    sub = " ".join(words[i : i + k])
                    if sub in kept and where[sub] == where[p]:
                        inside.add(sub)
        kept -= inside
    rows = [
        (p, len(ev), len(dc), first, last, example)
        for p, (ev, dc, first, last, example) in seen.items()
        if p in kept
    ]
    out = pd.DataFrame(rows, columns=list(PHRASE_COLUMNS)).astype({"n_events": "int64", "n_docs": "int64"})
    return out.sort_values(["n_events", "phrase"], ascending=[False, True], ignore_index=True)


# --------------------------------------------------------------------------- timeline


def point_labels(points: pd.DataFrame, *, max_words: int = 5) -> pd.DataFrame:
    """A short label per talking point: the phrase its sentences share across the most events.

    Candidates are the :func:`phrase_ngrams` of 2 to ``max_words`` words of
    each sentence's claim (:func:`claimcompare.frames.split_frame`, so "Wang
    said" is not a label).  The label is the candidate found in sentences of
    the most event dates (at least two), then in the most sentences, then the
    longest, then the first in the point's earliest sentence, then
    alphabetical.  Without such a phrase, the first
    ``max_words`` words of the earliest sentence followed by "…".

    Returns columns ``point`` (int), ``label`` (str), sorted by ``point``.
    """
    rows = []
    for point, group in points.sort_values(["point", "event_date", "doc_id", "sent_id"]).groupby("point", sort=True):
        events: dict[str, set[str]] = {}
        n_sent: dict[str, int] = {}
        first_pos: dict[str, int] = {}
        for k, (text, ev) in enumerate(zip(group["text"], group["event_date"])):
            grams = phrase_ngrams(split_frame(str(text))[1], n=(2, max_words))
            for pos, g in enumerate(grams):
                if k == 0:
                    first_pos.setdefault(g, pos)
            for g in set(grams):
                events.setdefault(g, set()).add(ev)
                n_sent[g] = n_sent.get(g, 0) + 1
        best = sorted(
            (g for g, ev in events.items() if len(ev) >= 2),
            key=lambda g: (-len(events[g]), -n_sent[g], -len(g.split()), first_pos.get(g, 10**9), g),
        )
        if best:
            label = best[0]
        else:
            words = str(group["text"].iloc[0]).split()
            label = " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")
        rows.append((int(point), label))
    return pd.DataFrame(rows, columns=["point", "label"]).astype({"point": "int64"})


def point_summary(
    points: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    labels: pd.DataFrame | None = None,
    families: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per talking point: its label, how many events, reports, outlets and source families, when, from whom.

    ``points`` is :func:`recurring_statements` (with a ``speaker`` column when
    :func:`speaker_of` was applied); ``documents`` supplies ``outlet`` (without
    it each document counts as its own outlet); ``labels`` defaults to
    :func:`point_labels`; ``families`` is
    :func:`claimcompare.copies.source_families` (``doc_id``, ``family``):
    copies of one text (a wire story and its reprints) are one family.

    Returns columns ``point``, ``label``, ``n_events``, ``n_docs``,
    ``n_outlets``, ``n_families`` (ints), ``first_date``, ``last_date``
    (``YYYY-MM-DD``), ``outlets`` and ``speakers`` (distinct non-empty
    values, sorted, joined by ``"; "``; ``speakers`` is ``""`` without a
    ``speaker`` column), sorted by ``point``.  A point with
    ``n_outlets == 1`` recurs in one outlet's own reports only.
    ``n_families`` counts the point's reports with copies of one text
    counted once (:func:`claimcompare.copies.count_outlets`): below
    ``n_docs`` when some of its reports are reprints of another, so that
    outlets carrying a reprint are not read as independent; without
    ``families`` (or for a document missing from it) each report is its own
    family and ``n_families == n_docs``.
    """
    cols = ["point", "label", "n_events", "n_docs", "n_outlets", "n_families", "first_date", "last_date", "outlets", "speakers"]
    if points.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
        return out.astype({c: "int64" for c in ("point", "n_events", "n_docs", "n_outlets", "n_families")})
    labels = point_labels(points) if labels is None else labels
    outlet = (
        documents.set_index("doc_id")["outlet"].astype("object")
        if documents is not None and "outlet" in documents
        else pd.Series(dtype="object")
    )
    rows = []
    for point, g in points.groupby("point", sort=True):
        outlets = sorted({str(outlet.get(d)) if pd.notna(outlet.get(d)) else str(d) for d in g["doc_id"]})
        speakers = sorted({str(x) for x in g["speaker"] if str(x)}) if "speaker" in g else []
        rows.append(
            (
                int(point),
                int(g["n_events"].iloc[0]),
                int(g["doc_id"].nunique()),
                len(outlets),
                str(g["event_date"].min()),
                str(g["event_date"].max()),
                "; ".join(outlets),
                "; ".join(speakers),
            )
        )
    out = pd.DataFrame(rows, columns=[c for c in cols if c not in ("label", "n_families")])
    no_families = pd.DataFrame({"doc_id": pd.Series(dtype=object), "family": pd.Series(dtype=object)})
    counted = count_outlets(points[["point", "doc_id"]], no_families if families is None else families, statement="point")
    out = out.merge(counted[["point", "n_families"]], on="point", how="left")
    out = out.merge(labels[["point", "label"]], on="point", how="left")
    out["label"] = out["label"].fillna("")
    return out[cols].sort_values("point", ignore_index=True)


def timeline_table(points: pd.DataFrame, *, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """The numbers :func:`plot_talking_points_timeline` draws: one row per talking point and report.

    ``points`` is :func:`recurring_statements`; ``labels`` defaults to
    :func:`point_labels`.  Returns columns :data:`TIMELINE_COLUMNS`:
    ``point``, ``label``, ``event_date`` (the report's event date),
    ``doc_id``, ``n_sentences`` (sentences of that report in the point),
    sorted by ``point, event_date, doc_id``.
    """
    if points.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in TIMELINE_COLUMNS})
        return out.astype({"point": "int64", "n_sentences": "int64"})
    labels = point_labels(points) if labels is None else labels
    counts = points.groupby(["point", "event_date", "doc_id"], as_index=False).size().rename(columns={"size": "n_sentences"})
    out = counts.merge(labels[["point", "label"]], on="point", how="left")
    out["label"] = out["label"].fillna("")
    out = out.astype({"point": "int64", "n_sentences": "int64"})[list(TIMELINE_COLUMNS)]
    return out.sort_values(["point", "event_date", "doc_id"], ignore_index=True)


def plot_talking_points_timeline(
    points: pd.DataFrame,
    ax: plt.Axes | None = None,
    *,
    labels: pd.DataFrame | None = None,
    label_width: int = 40,
) -> plt.Axes:
    """Talking points over time: a row per point, a marker per report at its event date.

    ``points`` is :func:`recurring_statements`.  The y axis lists the points
    (``P<n>  <label>``, labels from :func:`point_labels` unless given,
    shortened to ``label_width`` characters), point 0 at the top; the x axis
    is the event date of the report's meeting; each report has its own
    colour and a small vertical offset, one marker per report and point
    (:func:`timeline_table` holds the numbers); a grey bar spans each point's
    first to last meeting.  Returns the Axes.
    """
    table = timeline_table(points, labels=labels)
    keys = table[["point", "label"]].drop_duplicates("point").sort_values("point", ignore_index=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * len(keys) + 1.8))
    docs = sorted(table["doc_id"].unique())
    row = {int(p): k for k, p in enumerate(keys["point"])}
    for p, g in table.groupby("point", sort=True):  # the span of each point, first to last meeting
        dates = pd.to_datetime(g["event_date"])
        ax.hlines(row[int(p)], dates.min(), dates.max(), color="0.8", linewidth=2, zorder=0)
    for k, doc in enumerate(docs):
        part = table[table["doc_id"] == doc]
        offset = (k - (len(docs) - 1) / 2) * 0.1
        ax.plot(
            pd.to_datetime(part["event_date"]).tolist(),
            [row[int(p)] + offset for p in part["point"]],
            "o",
            markersize=8,
            color=plt.get_cmap("tab10")(k % 10),
            label=doc,
        )
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(
        [f"P{p}  {textwrap.shorten(str(lab), label_width, placeholder=' …')}" for p, lab in keys.itertuples(index=False)]
    )
    if len(keys):
        ax.set_ylim(len(keys) - 0.5, -0.5)  # point 0 at the top
    ax.set_title("Talking points: statements recurring across meetings, by event date")
    ax.set_xlabel("event date of the report's meeting")
    ax.set_ylabel("talking point")
    if docs:
        ax.legend(title="report", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
        ax.figure.autofmt_xdate()
    return ax

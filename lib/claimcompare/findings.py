"""Findings as text: sentences made from the tables they describe.

A notebook's fixed prose explains questions and methods; every sentence
that states a result is returned by a function of this module from the
table it describes, so it stays true on any corpus and at any threshold
(the practice of The Markup and BuzzFeed News data notebooks: numbers in
prose come from computed values, never typed).

Each function takes the table printed above it in notebook 01 or 02 and
returns one short paragraph (``str``).  Lists are sorted deterministically
(by count, ties by id); shares are rounded to whole percents, scores to
three decimals.  An empty table gives a sentence saying so, never an error.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from claimcompare.attribution import names_agree
from claimcompare.corpus import body_sentences
from claimcompare.views import word_diff

__all__ = [
    "alignment_finding",
    "body_share_finding",
    "closest_link_finding",
    "coverage_change_finding",
    "coverage_finding",
    "cross_event_pairs_finding",
    "distinctive_finding",
    "event_finding",
    "event_read_finding",
    "events_finding",
    "off_event_finding",
    "opening_finding",
    "outputs_index_finding",
    "passage_events_finding",
    "phrases_finding",
    "point_sources_finding",
    "removed_finding",
    "reports_finding",
    "sentence_count_finding",
    "set_aside_finding",
    "shared_finding",
    "speaker_accuracy_finding",
    "speaker_agreement_finding",
    "speaker_kinds_finding",
    "speaker_shares_finding",
    "statement_listing",
    "talking_points_finding",
    "talking_threshold_finding",
    "threshold_finding",
    "timeline_finding",
    "topic_theme_finding",
    "touching_finding",
    "unique_finding",
]


def _n(count: int, singular: str, plural: str | None = None) -> str:
    """``"1 link"``, ``"3 links"``."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def _pct(share: float) -> str:
    return f"{round(100 * float(share))}%"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _ranges(values: Sequence[int]) -> str:
    """``[8, 9, 10, 13]`` → ``"#8–#10, #13"``."""
    out: list[str] = []
    vals = sorted(int(v) for v in values)
    i = 0
    while i < len(vals):
        j = i
        while j + 1 < len(vals) and vals[j + 1] == vals[j] + 1:
            j += 1
        out.append(f"#{vals[i]}" if i == j else f"#{vals[i]}–#{vals[j]}")
        i = j + 1
    return ", ".join(out)


def _link(r: object) -> str:
    return f"{r.doc_a} #{int(r.sent_a)}–{r.doc_b} #{int(r.sent_b)} ({float(r.score):.3f})"


# --------------------------------------------------------------------------- notebook 01


def events_finding(events: pd.DataFrame, *, n_documents: int) -> str:
    """How many events the articles report, and which have several reports.

    ``events`` is :func:`claimcompare.corpus.events_table` (``event_date,
    event_title, doc_id, coverage``); ``n_documents`` the number of articles
    in the corpus.  An event counts once per article, whether it is the
    article's main event or one it also reports.

    Returns a paragraph: the number of articles and events; the events with
    more than one article (most articles first, ties by date and title);
    the articles that also report an event besides the one they are
    compared on, with how many.
    """
    if events.empty:
        return f"{_n(n_documents, 'article')}, no event metadata (`event_date`, `event_title` in `sources.csv`): no article is placed on an event."
    key = events["event_date"].astype(str) + " " + events["event_title"].astype(str)
    per_event = events.assign(key=key).groupby("key")["doc_id"].nunique()
    ranked = sorted(per_event.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    n_docs = int(events["doc_id"].nunique())
    verb = "reports" if n_docs == 1 else "report"
    parts = [f"{_n(n_docs, 'article')} {verb} {_n(len(per_event), 'event')}."]
    several = [(k, int(v)) for k, v in ranked if v > 1]
    if several:
        listed = "; ".join(f"{k} ({_n(v, 'article')})" for k, v in several)
        parts.append(f"{_n(len(several), 'event')} {'is' if len(several) == 1 else 'are'} reported by more than one article: {listed}.")
    else:
        parts.append("No event is reported by more than one article.")
    also = events[events["coverage"] == "also"].groupby("doc_id").size()
    if len(also):
        listed = ", ".join(f"{d} ({int(c)})" for d, c in sorted(also.items()))
        parts.append(f"{_n(len(also), 'article')} also {'reports' if len(also) == 1 else 'report'} another event: {listed}.")
    missing = n_documents - n_docs
    if missing > 0:
        parts.append(f"{_n(missing, 'article')} {'has' if missing == 1 else 'have'} no event metadata.")
    return " ".join(parts)


def body_share_finding(chars: pd.DataFrame) -> str:
    """How much of each capture is article body, and which carries most of each other part.

    ``chars`` is :func:`claimcompare.plots.role_chars` (one row per
    ``doc_id``, one int column per role).

    Returns a paragraph: the lowest and highest share of characters labelled
    ``body`` (whole percents, with the documents); then, for each other role
    present, the document carrying most characters of it (ties by doc_id).
    """
    if chars.empty or "body" not in chars.columns or int(chars["body"].sum()) == 0:
        return "No capture has article body: every character was set aside."
    total = chars.sum(axis=1)
    share = (chars["body"] / total.where(total > 0)).dropna()
    order = sorted(share.items(), key=lambda kv: (kv[1], str(kv[0])))
    if len(order) == 1:
        head = f"The article body is {_pct(order[0][1])} of {order[0][0]}'s characters."
    else:
        (lo_doc, lo), (hi_doc, hi) = order[0], order[-1]
        head = f"The article body is between {_pct(lo)} ({lo_doc}) and {_pct(hi)} ({hi_doc}) of a capture's characters."
    most = []
    for role in chars.columns:
        if role == "body" or int(chars[role].max()) == 0:
            continue
        col = chars[role]
        doc = sorted(col[col == col.max()].index, key=str)[0]
        most.append(f"most {role} text: {doc} ({int(col.max())} characters)")
    return head + (" Of the other parts, " + "; ".join(most) + "." if most else "")


def removed_finding(removed: pd.DataFrame) -> str:
    """How many spans cleaning set aside, by role.

    ``removed`` is :meth:`claimcompare.corpus.Corpus.removed` (one row per
    span, with ``role``).

    Returns one sentence: the number of spans, then each role with its
    count, most frequent first (ties by role name).
    """
    if removed.empty:
        return "Cleaning set nothing aside: every paragraph was read as article body."
    counts = removed.groupby("role").size()
    ranked = sorted(counts.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))
    listed = ", ".join(f"{r} ({int(c)})" for r, c in ranked)
    n = len(removed)
    return f"{_n(n, 'span')} {'was' if n == 1 else 'were'} set aside: {listed}."


def sentence_count_finding(counts: pd.DataFrame) -> str:
    """Which article has the most body sentences, and the range of the others.

    ``counts`` is :func:`claimcompare.plots.sentence_counts` (one row per
    ``doc_id``, one int column per role).

    Returns one sentence naming the article(s) with the most ``body``
    sentences and the range of the others' counts.
    """
    if "body" not in counts.columns or counts.empty or int(counts["body"].sum()) == 0:
        return "No article has a body sentence."
    body = counts["body"].astype(int)
    if len(body) == 1:
        return f"{body.index[0]} has {_n(int(body.iloc[0]), 'body sentence')}."
    top = int(body.max())
    leaders = sorted((str(d) for d in body.index[body == top]))
    rest = body[body < top]
    verb = "has" if len(leaders) == 1 else "have"
    text = f"{_join(leaders)} {verb} the most body sentences ({top})"
    if rest.empty:
        return text + "."
    lo, hi = int(rest.min()), int(rest.max())
    span = str(lo) if lo == hi else f"{lo} to {hi}"
    others = f"the other {len(rest)} {'has' if len(rest) == 1 else 'have'}" if len(rest) > 1 else "the other has"
    return f"{text}; {others} {span}."


# --------------------------------------------------------------------------- notebook 02


def event_finding(event_key: str | None, docs: pd.DataFrame, *, n_documents: int) -> str:
    """Which event is compared and by which reports.

    ``event_key`` is the first value of
    :func:`claimcompare.views.event_documents`; ``docs`` one row per compared
    document (index ``doc_id``) with ``outlet`` and ``body_sentences``;
    ``n_documents`` the number of articles in the corpus.

    Returns a paragraph: the event, its reports (most body sentences first,
    ties by doc_id) and how many articles of the corpus take no part.
    """
    listed = sorted(docs.itertuples(), key=lambda r: (-int(r.body_sentences), str(r.Index)))
    items = ", ".join(f"{r.Index} ({r.outlet}, {_n(int(r.body_sentences), 'body sentence')})" for r in listed)
    if event_key is None:
        return f"No article has event metadata, so all {_n(len(docs), 'article')} are compared with one another: {items}."
    text = f"The event compared is {event_key}, reported by {_n(len(docs), 'article')}: {items}."
    rest = n_documents - len(docs)
    if rest > 0:
        text += f" The other {_n(rest, 'article')} of the corpus {'takes' if rest == 1 else 'take'} no part here."
    return text


def alignment_finding(alignment: pd.DataFrame, pairs: pd.DataFrame, min_score: float, *, near: float = 0.025) -> str:
    """How many links the compared pairs give, by rule, and which are fragile.

    ``alignment`` has the columns of :func:`claimcompare.align.align_corpus`
    (``doc_a, sent_a, doc_b, sent_b, score, rule``); ``pairs`` the compared
    document pairs; ``near`` how far above ``min_score`` a link counts as
    close to the threshold.

    Returns a paragraph: links by rule, the score range and the links less
    than ``near`` above ``min_score`` (lowest first).
    """
    head = f"The {_n(len(pairs), 'pair')} of reports give"
    if alignment.empty:
        return f"{head} no link at min_score {min_score:g}."
    rules = alignment["rule"].value_counts()
    names = {"mutual-best": ("mutual best match", "mutual best matches"), "one-to-many": ("one-to-many link", "one-to-many links")}
    by_rule = [
        _n(int(rules[r]), *names.get(r, (f"{r} link", f"{r} links"))) for r in sorted(rules.index, key=lambda r: (-int(rules[r]), r))
    ]
    parts = [f"{head} {_n(len(alignment), 'link')}: {_join(by_rule)}."]
    parts.append(f"Scores run from {alignment['score'].min():.3f} to {alignment['score'].max():.3f}.")
    close = alignment[alignment["score"] < min_score + near].sort_values(["score", "doc_a", "sent_a", "doc_b", "sent_b"])
    if len(close):
        verb = "scores" if len(close) == 1 else "score"
        listed = ", ".join(_link(r) for r in close.itertuples(index=False))
        parts.append(f"{_n(len(close), 'link')} {verb} less than {near:g} above min_score {min_score:g}: {listed}.")
    return " ".join(parts)


def closest_link_finding(alignment: pd.DataFrame, *, max_words: int = 12) -> str:
    """The highest-scoring link, quoted, with the words only one side has.

    ``alignment`` as from :func:`claimcompare.align.align_corpus` (with
    ``text_a, text_b``).  Ties on score go to the first link by ``doc_a,
    sent_a, doc_b, sent_b``.  The differing words come from
    :func:`claimcompare.views.word_diff`; stretches are separated by ``/``
    (at most ``max_words`` words each side, a cut marked with ``…``).

    Returns a paragraph: the link, both sentences, and the words found only
    on each side.
    """
    if alignment.empty:
        return "There is no link to show."
    best = alignment.sort_values(["score", "doc_a", "sent_a", "doc_b", "sent_b"], ascending=[False, True, True, True, True]).iloc[0]
    diff = word_diff(str(best["text_a"]), str(best["text_b"]))

    def words(label: str) -> str:
        runs: list[list[str]] = []
        previous = None
        for token, lab in diff:
            if lab == label:
                if previous != label:
                    runs.append([])
                runs[-1].append(token)
            previous = lab
        shown: list[str] = []
        left = max_words
        for run in runs:
            if left <= 0:
                shown.append("…")
                break
            shown.append(" ".join(run[:left]) + (" …" if len(run) > left else ""))
            left -= len(run)
        return " / ".join(shown) or "nothing"

    return (
        f"The highest-scoring link is {_link(best)}. "
        f"{best['doc_a']}: “{best['text_a']}” {best['doc_b']}: “{best['text_b']}” "
        f"Words only in {best['doc_a']}: {words('only_a')}; only in {best['doc_b']}: {words('only_b')}."
    )


def coverage_finding(cov: pd.DataFrame) -> str:
    """How much of each report the others also report.

    ``cov`` is :func:`claimcompare.views.coverage` (``doc_id,
    body_sentences, with_counterpart, share``).

    Returns a paragraph: each report's count and share (in ``cov``'s order),
    and whether every report has at most half its sentences matched.
    """
    rows = cov[cov["body_sentences"] > 0]
    if rows.empty:
        return "No report has a body sentence to compare."
    listed = ", ".join(f"{r.doc_id} {int(r.with_counterpart)} of {int(r.body_sentences)} ({_pct(r.share)})" for r in rows.itertuples(index=False))
    text = f"Body sentences with a counterpart in another report: {listed}."
    if (rows["share"] <= 0.5).all():
        text += " No report has more than half of its body sentences carried by another: each says more on its own than the reports say together."
    return text


def shared_finding(shared: pd.DataFrame, min_outlets: int) -> str:
    """How many statements are found in at least ``min_outlets`` outlets.

    ``shared`` is the rows of :func:`claimcompare.align.statement_clusters`
    carried by at least ``min_outlets`` outlets.  With an ``n_families``
    column (:func:`claimcompare.copies.count_outlets` merged on ``cluster``)
    outlets are counted by source family, so copies of one text count once;
    otherwise by ``n_outlets``.

    Returns one sentence: the count, and the largest statement (most
    sentences, ties by cluster number) with its size.
    """
    by_family = "n_families" in shared.columns
    how = " (copies of one text counted once)" if by_family else ""
    if shared.empty:
        return f"No statement is found in {min_outlets} outlets or more{how} at this threshold."
    column = "n_families" if by_family else "n_outlets"
    sizes = shared.groupby("cluster").agg(n=("sent_id", "size"), outlets=(column, "max"))
    cluster = sorted(sizes.index, key=lambda c: (-int(sizes.loc[c, "n"]), int(c)))[0]
    n = len(sizes)
    outlets = int(sizes.loc[cluster, "outlets"])
    of = _n(outlets, "source family", "source families") if by_family else _n(outlets, "outlet")
    return (
        f"{_n(n, 'statement')} {'is' if n == 1 else 'are'} found in at least {min_outlets} outlets{how}; the largest, statement {cluster}, "
        f"joins {_n(int(sizes.loc[cluster, 'n']), 'sentence')} of {of}."
    )


def statement_listing(shared: pd.DataFrame) -> str:
    """Each statement's sentences in full, for reading before quoting it.

    ``shared`` has ``cluster, doc_id, sent_id, text`` (rows of
    :func:`claimcompare.align.statement_clusters` with the sentences' text).

    Returns one block per statement, in cluster order, separated by a blank
    line: ``statement N:`` then one line per sentence, ``doc_id #sent_id:
    text``, by document and sentence number.
    """
    if shared.empty:
        return "No statement to list."
    rows = shared.assign(_doc=shared["doc_id"].astype(str)).sort_values(["cluster", "_doc", "sent_id"], kind="stable")
    blocks = []
    for cluster, group in rows.groupby("cluster", sort=True):
        lines = [f"statement {cluster}:"] + [f"  {r.doc_id} #{r.sent_id}: {r.text}" for r in group[["doc_id", "sent_id", "text"]].itertuples(index=False)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def unique_finding(unique: pd.DataFrame, body_counts: pd.Series) -> str:
    """How many body sentences of each report have no counterpart.

    ``unique`` has ``doc_id, sent_id`` and optionally ``off_event`` (bool);
    ``body_counts`` the body sentences per compared document (index
    ``doc_id``).

    Returns one sentence: the total, then each report (by doc_id) with its
    count, and how many of those are off-event.
    """
    total = int(body_counts.sum())
    per: list[str] = []
    for doc in sorted(body_counts.index, key=str):
        rows = unique[unique["doc_id"] == doc]
        item = f"{doc} {len(rows)} of {int(body_counts[doc])}"
        if "off_event" in rows and int(rows["off_event"].sum()):
            item += f" ({int(rows['off_event'].sum())} off-event)"
        per.append(item)
    verb = "has" if len(unique) == 1 else "have"
    return f"{len(unique)} of the {_n(total, 'body sentence')} {verb} no counterpart: {', '.join(per)}."


def off_event_finding(off: pd.DataFrame) -> str:
    """Which sentences of each report are off-event.

    ``off`` has one row per body sentence of the compared reports with
    ``doc_id, sent_id, off_event`` (bool) and optionally ``event`` (the
    sentence's passage event, :func:`claimcompare.passages.own_event`), or
    is the concatenation of
    :func:`claimcompare.views.passages_about_other_events` over them.

    Returns a paragraph: each report with off-event sentences (by doc_id),
    their count, sentence ranges and, with an ``event`` column, the events
    they report (sorted; "other" is a day no listed event matches); then
    the reports with none.
    """
    parts: list[str] = []
    clean: list[str] = []
    for doc, rows in sorted(off.groupby("doc_id"), key=lambda kv: str(kv[0])):
        hit = rows[rows["off_event"].astype(bool)]
        if hit.empty:
            clean.append(str(doc))
            continue
        verb = "is" if len(hit) == 1 else "are"
        about = ""
        if "event" in hit.columns:
            events = sorted({str(e) for e in hit["event"]})
            about = ", about " + _join(["a day no listed event matches" if e == "other" else e for e in events])
        parts.append(f"{doc}: {len(hit)} of {_n(len(rows), 'body sentence')} {verb} off-event ({_ranges(hit['sent_id'])}{about}).")
    if not parts:
        return "No report has an off-event sentence."
    if clean:
        parts.append(f"No off-event sentence in {_join(clean)}.")
    return " ".join(parts)


def coverage_change_finding(both: pd.DataFrame) -> str:
    """How each report's coverage moves when its off-event sentences are left out.

    ``both`` stacks two :func:`claimcompare.views.coverage` tables with a
    ``variant`` column: ``"all body sentences"`` and ``"without off-event
    sentences"``.

    Returns a paragraph: each report whose share changed (by doc_id), from
    and to; then the unchanged ones.
    """
    allv = both[both["variant"] == "all body sentences"].set_index("doc_id")
    without = both[both["variant"] == "without off-event sentences"].set_index("doc_id")
    moved: list[str] = []
    same: list[str] = []
    for doc in sorted(allv.index, key=str):
        a, w = allv.loc[doc], without.loc[doc] if doc in without.index else None
        if w is None or (int(a["body_sentences"]) == int(w["body_sentences"]) and int(a["with_counterpart"]) == int(w["with_counterpart"])):
            same.append(f"{doc} ({_pct(a['share'])})" if pd.notna(a["share"]) else str(doc))
            continue
        after = f"{_pct(w['share'])} ({int(w['with_counterpart'])} of {int(w['body_sentences'])})" if pd.notna(w["share"]) else "no sentence left"
        moved.append(f"{doc} goes from {_pct(a['share'])} ({int(a['with_counterpart'])} of {int(a['body_sentences'])}) to {after}")
    text = f"Without off-event sentences, {'; '.join(moved)}." if moved else "Leaving out off-event sentences changes no report's coverage."
    if moved and same:
        text += f" Unchanged: {', '.join(same)}."
    return text


def touching_finding(touching: pd.DataFrame) -> str:
    """The links that touch an off-event sentence.

    ``touching`` is :func:`claimcompare.views.links_touching`.

    Returns one sentence listing them (by score, highest first).
    """
    if touching.empty:
        return "No link touches an off-event sentence."
    rows = touching.sort_values(["score", "doc_a", "sent_a"], ascending=[False, True, True])
    verb = "touches" if len(rows) == 1 else "touch"
    return f"{_n(len(rows), 'link')} {verb} an off-event sentence: {', '.join(_link(r) for r in rows.itertuples(index=False))}."


def _runs(sens: pd.DataFrame, column: str) -> str:
    runs: list[tuple[int, float, float]] = []
    for m, v in zip(sens["min_score"], sens[column]):
        if runs and runs[-1][0] == int(v):
            runs[-1] = (runs[-1][0], runs[-1][1], float(m))
        else:
            runs.append((int(v), float(m), float(m)))
    return ", ".join(f"{v} at {lo:g}" if lo == hi else f"{v} at {lo:g}–{hi:g}" for v, lo, hi in runs)


def threshold_finding(sens: pd.DataFrame, min_score: float, *, min_outlets: int, by_family: bool = False) -> str:
    """How the headline counts move with the minimum link score.

    ``sens`` is :func:`claimcompare.views.threshold_sensitivity`
    (``min_score, links, shared_statements``, sorted by ``min_score``);
    ``by_family``: its ``shared_statements`` were counted by source family
    (``families=``), so the text says source families, not outlets.

    Returns a paragraph: the counts at ``min_score`` when it is in the table,
    the runs of equal shared-statement counts, and the range of links.
    """
    if sens.empty:
        return "No threshold was tried."
    sens = sens.sort_values("min_score")
    unit = "source families (copies of one text counted once)" if by_family else "outlets"
    parts: list[str] = []
    here = sens[(sens["min_score"] - float(min_score)).abs() < 1e-9]
    if len(here):
        r = here.iloc[0]
        parts.append(f"At min_score {min_score:g}: {_n(int(r['links']), 'link')}, {_n(int(r['shared_statements']), 'statement')} in at least {min_outlets} {unit}.")
    parts.append(f"Statements in at least {min_outlets} {unit}: {_runs(sens, 'shared_statements')}.")
    first, last = sens.iloc[0], sens.iloc[-1]
    parts.append(f"Links: from {int(first['links'])} at {first['min_score']:g} to {int(last['links'])} at {last['min_score']:g}.")
    return " ".join(parts)


# --------------------------------------------------------------------------- notebook 04


def _voice(speaker: object) -> str:
    return "outlet's own voice" if str(speaker) == "outlet" else str(speaker)


def speaker_kinds_finding(speakers: pd.DataFrame) -> str:
    """How the body sentences are attributed: to persons, groups or the outlet.

    ``speakers`` is :func:`claimcompare.attribution.attribute_speakers`
    (``doc_id, sent_id, speaker, speaker_type, cue``); a ``cue`` containing
    ``"pronoun ->"`` marks a person reached through a pronoun or a
    definite description.

    Returns one sentence: the number of body sentences, then how many go to
    a named person (and how many of those through a pronoun chain), to a
    group and to the outlet's own voice.
    """
    if speakers.empty:
        return "No body sentence to attribute."
    types = speakers["speaker_type"].astype(str)
    persons = int((types == "person").sum())
    chained = int(((types == "person") & speakers["cue"].astype(str).str.contains("pronoun ->", regex=False)).sum())
    groups = int((types == "group").sum())
    outlet = int((types == "outlet").sum())
    return (
        f"Of {_n(len(speakers), 'body sentence')}, {persons} {'is' if persons == 1 else 'are'} given to a named person "
        f"({chained} through a pronoun or description), {groups} to a group and {outlet} to the outlet's own voice."
    )


def speaker_shares_finding(shares: pd.DataFrame) -> str:
    """Whose voice fills each report, and how much is the outlet's own.

    ``shares`` is :func:`claimcompare.attribution.speaker_shares`
    (``doc_id, speaker, speaker_type, sentences, share``).

    Returns a paragraph: for each report (by doc_id) the speaker(s) with the
    most sentences (ties listed by name), out of its body sentences; then
    how many sentences of each report are the outlet's own narration.
    """
    if shares.empty:
        return "No report has a body sentence."
    main: list[str] = []
    own: list[str] = []
    for i, (doc, rows) in enumerate(sorted(shares.groupby("doc_id"), key=lambda kv: str(kv[0]))):
        total = int(rows["sentences"].sum())
        top = int(rows["sentences"].max())
        leaders = sorted(str(s) for s in rows.loc[rows["sentences"] == top, "speaker"])
        count = f"{top} of {total}" if len(leaders) == 1 else f"{top} each of {total}"
        main.append(f"{doc} {_join([_voice(s) for s in leaders])} ({count})")
        n_own = int(rows.loc[rows["speaker_type"].astype(str) == "outlet", "sentences"].sum())
        own.append(f"{doc} {'none' if n_own == 0 else f'{n_own} of {total}'}")
    return f"Most sentences of each report go to: {'; '.join(main)}. Sentences in the outlet's own voice: {', '.join(own)}."


def speaker_agreement_finding(agreement: pd.DataFrame) -> str:
    """Whether aligned sentences of two outlets have the same speaker.

    ``agreement`` is :func:`claimcompare.attribution.attribution_agreement`
    (``doc_a, sent_a, speaker_a, speaker_type_a, doc_b, sent_b, speaker_b,
    speaker_type_b, same``, …).

    Returns a paragraph: the pairs with the same and with different
    speakers, how many agree only because both sides are groups (any two
    groups count as the same speaker), the differing pairs (by doc and
    sentence), and how many of those set the outlet's narration against an
    attributed speaker.
    """
    if agreement.empty:
        return "No aligned pair between the reports compared, so no speakers to compare."
    same = agreement[agreement["same"].astype(bool)]
    diff = agreement[~agreement["same"].astype(bool)].sort_values(["doc_a", "sent_a", "doc_b", "sent_b"])
    groups_only = int(
        ((same["speaker_type_a"] == "group") & (same["speaker_type_b"] == "group") & (same["speaker_a"] != same["speaker_b"])).sum()
    )
    text = f"Of {_n(len(agreement), 'aligned pair')}, {len(same)} {'has' if len(same) == 1 else 'have'} the same speaker on both sides"
    if groups_only:
        text += f" ({groups_only} of them only because both are groups)"
    if diff.empty:
        return text + " and none differs."
    listed = "; ".join(f"{r.doc_a} #{int(r.sent_a)} ({r.speaker_a}) – {r.doc_b} #{int(r.sent_b)} ({r.speaker_b})" for r in diff.itertuples(index=False))
    text += f" and {len(diff)} {'differs' if len(diff) == 1 else 'differ'}: {listed}."
    narrated = int(((diff["speaker_type_a"] == "outlet") != (diff["speaker_type_b"] == "outlet")).sum())
    if narrated:
        text += (
            f" {narrated} of the differences {'sets' if narrated == 1 else 'set'} the outlet's own voice against a speaker:"
            " narration on one side, attribution on the other."
        )
    return text


def _a(kind: str) -> str:
    return {"outlet": "the outlet", "group": "a group", "person": "a person"}.get(kind, kind)


def speaker_accuracy_finding(scores: dict[str, float] | None, wrong: pd.DataFrame | None) -> str:
    """How many gold sentences get the gold speaker, and the kinds of misses.

    ``scores`` is :func:`claimcompare.attribution.score_attribution`
    (``accuracy, correct, total``) or ``None`` when there is no gold;
    ``wrong`` the rows of :func:`claimcompare.attribution.compare_to_gold`
    that are not correct (``gold_type, speaker_type``).

    Returns a paragraph: correct of total with the accuracy (three
    decimals) and what one sentence weighs; then the misses grouped by gold
    type and given type, most frequent first (ties by type names).
    """
    if scores is None:
        return "No gold speakers for this corpus: accuracy not measured."
    total = int(scores["total"])
    if total == 0:
        return "The gold has no sentence of this corpus: accuracy not measured."
    text = (
        f"The rules give {int(scores['correct'])} of the {_n(total, 'gold sentence')} the gold speaker "
        f"(accuracy {float(scores['accuracy']):.3f}); one sentence moves it by {1 / total:.3f}."
    )
    if wrong is None or wrong.empty:
        return text + " No miss."
    kinds = wrong.groupby(["gold_type", "speaker_type"]).size()
    ranked = sorted(kinds.items(), key=lambda kv: (-int(kv[1]), str(kv[0][0]), str(kv[0][1])))
    items = [
        f"gold {g} given to {'another ' + str(p) if g == p else _a(str(p))} ({int(c)})" for (g, p), c in ranked
    ]
    return f"{text} Misses: {', '.join(items)}."


# --------------------------------------------------------------------------- notebook 05


def cross_event_pairs_finding(pairs: pd.DataFrame, documents: pd.DataFrame) -> str:
    """How many events the articles are compared on, and the closest pair of reports of different events.

    ``pairs`` is :func:`claimcompare.talking.cross_event_pairs` (``doc_a,
    doc_b, doc_score``); ``documents`` the corpus documents (``doc_id,
    event_date, event_title``).

    Returns a paragraph: the dated articles, their events (by date) and the
    number of pairs; the pair with the highest document cosine (ties by ids).
    """
    dated = documents.dropna(subset=["event_date"])
    keys = sorted(set(zip(dated["event_date"].astype(str), dated["event_title"].fillna("").astype(str))))
    dates = sorted({d for d, _ in keys})
    head = (
        f"{_n(len(dated), 'article')} {'reports' if len(dated) == 1 else 'report'} {_n(len(keys), 'event')} "
        f"{'it is' if len(dated) == 1 else 'they are'} compared on ({', '.join(dates)}), which gives "
    )
    if pairs.empty:
        return head + "no pair of reports of different events."
    best = pairs.sort_values(["doc_score", "doc_a", "doc_b"], ascending=[False, True, True]).iloc[0]
    return (
        f"{head}{_n(len(pairs), 'pair')} of reports of different events. "
        f"The most similar pair is {best['doc_a']} and {best['doc_b']} (document cosine {float(best['doc_score']):.3f})."
    )


def talking_points_finding(points: pd.DataFrame, summary: pd.DataFrame, min_score: float) -> str:
    """How many talking points pass the threshold, which span the most events, and the widest quoted.

    ``points`` is :func:`claimcompare.talking.recurring_statements` (``point,
    event_date, doc_id, sent_id, text``); ``summary``
    :func:`claimcompare.talking.point_summary` (``point, label, n_events``).

    Returns a paragraph: points, sentences and reports; the points found at
    the most events (by number); the first of them (most reports, ties by
    number) quoted at its earliest and its latest report.
    """
    if points.empty:
        return f"No statement comes back across events at min_score {min_score:g}."
    n = points["point"].nunique()
    text = (
        f"{_n(n, 'talking point')} ({_n(len(points), 'sentence')} from {_n(points['doc_id'].nunique(), 'report')}) "
        f"{'passes' if n == 1 else 'pass'} min_score {min_score:g}."
    )
    top = int(summary["n_events"].max())
    widest = summary[summary["n_events"] == top].sort_values("point")
    listed = ", ".join(f"P{int(r.point)} ({r.label})" for r in widest.itertuples(index=False))
    text += f" {len(widest)} {'comes' if len(widest) == 1 else 'come'} back at {_n(top, 'event')}: {listed}."
    chosen = int(sorted(widest.itertuples(index=False), key=lambda r: (-int(r.n_docs), int(r.point)))[0].point)
    rows = points[points["point"] == chosen].sort_values(["event_date", "doc_id", "sent_id"])
    first, last = rows.iloc[0], rows.iloc[-1]
    text += (
        f" P{chosen} first: “{first['text']}” ({first['doc_id']}, {first['event_date']}); "
        f"last: “{last['text']}” ({last['doc_id']}, {last['event_date']})."
    )
    return text


def _distinct_speakers(joined: object) -> int:
    """Speakers in a ``"; "``-joined list, two forms of one name ("Lind", "Petra Lind") counted once."""
    groups: list[list[str]] = []
    for name in (n.strip() for n in ("" if pd.isna(joined) else str(joined)).split(";")):
        if not name:
            continue
        for group in groups:
            if any(names_agree(name, other) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return len(groups)


def point_sources_finding(summary: pd.DataFrame) -> str:
    """Which talking points come from one outlet only, and which have several speakers.

    ``summary`` is :func:`claimcompare.talking.point_summary` (``point,
    n_outlets, outlets, speakers``; speakers joined by ``"; "``; with
    ``n_docs`` and ``n_families``, copies are named too).

    Returns a paragraph: how many points come from one outlet's reports,
    the points that span several outlets (with them), the points given
    to more than one speaker (by number; two names sharing a word,
    :func:`claimcompare.attribution.names_agree`, are one speaker), and
    the points some of whose reports are copies of one text (fewer source
    families than reports), with both counts.
    """
    if summary.empty:
        return "No talking point."
    rows = summary.sort_values("point")
    one = rows[rows["n_outlets"] <= 1]
    several = rows[rows["n_outlets"] > 1]
    text = f"{len(one)} of the {_n(len(rows), 'talking point')} {'comes' if len(one) == 1 else 'come'} from one outlet's reports only"
    if len(several):
        listed = ", ".join(f"P{int(r.point)} ({r.outlets})" for r in several.itertuples(index=False))
        text += f"; {len(several)} {'spans' if len(several) == 1 else 'span'} several outlets: {listed}."
    else:
        text += "; none spans several outlets."
    many = rows[[_distinct_speakers(v) > 1 for v in rows["speakers"]]]
    if len(many):
        listed = ", ".join(f"P{int(r.point)} ({r.speakers})" for r in many.itertuples(index=False))
        text += f" {_n(len(many), 'point')} {'is' if len(many) == 1 else 'are'} given to several speakers: {listed}."
    if {"n_docs", "n_families"} <= set(rows.columns):
        copied = rows[rows["n_families"] < rows["n_docs"]]
        if len(copied):
            listed = "; ".join(
                f"P{int(r.point)} is in {_n(int(r.n_docs), 'report')} from {_n(int(r.n_families), 'source family', 'source families')}"
                for r in copied.itertuples(index=False)
            )
            text += f" Copies of one text counted once (source families): {listed}."
    return text


def talking_threshold_finding(sens: pd.DataFrame, min_score: float) -> str:
    """How the talking points move with the link threshold.

    ``sens`` is :func:`claimcompare.talking.threshold_sensitivity`
    (``min_score, n_points, n_sentences, n_reports, largest_point,
    max_events``).

    Returns one sentence with each threshold's counts (lowest first), the
    one used marked.
    """
    if sens.empty:
        return "No threshold was tried."
    items = []
    for r in sens.sort_values("min_score").itertuples(index=False):
        here = " (used here)" if abs(float(r.min_score) - float(min_score)) < 1e-9 else ""
        items.append(
            f"at {float(r.min_score):g}{here}: {_n(int(r.n_sentences), 'sentence')} from {_n(int(r.n_reports), 'report')} "
            f"in {_n(int(r.n_points), 'point')} (largest {_n(int(r.largest_point), 'sentence')}, up to {_n(int(r.max_events), 'event')})"
        )
    text = "; ".join(items) + "."
    return text[0].upper() + text[1:]


def phrases_finding(phrases: pd.DataFrame, min_events: int, *, max_listed: int = 15) -> str:
    """How many phrases come back, and those found at the most events.

    ``phrases`` is :func:`claimcompare.talking.recurring_phrases`
    (``phrase, n_events``, …).

    Returns one sentence: the count, then the phrases at the most events
    (alphabetical, at most ``max_listed``, the rest counted).
    """
    if phrases.empty:
        return f"No phrase comes back at {min_events} events or more."
    top = int(phrases["n_events"].max())
    best = sorted(str(p) for p in phrases.loc[phrases["n_events"] == top, "phrase"])
    shown = ", ".join(f"“{p}”" for p in best[:max_listed])
    if len(best) > max_listed:
        shown += f" and {len(best) - max_listed} more"
    return f"{_n(len(phrases), 'phrase')} {'comes' if len(phrases) == 1 else 'come'} back at {min_events} events or more; {len(best)} at {_n(top, 'event')}: {shown}."


def timeline_finding(timeline: pd.DataFrame) -> str:
    """Where the talking points start, which reach the latest event, and where reports of one event share one.

    ``timeline`` is :func:`claimcompare.talking.timeline_table` (``point,
    event_date, doc_id``, …).

    Returns a paragraph: the first dates of the points with counts (by
    date); the points found at the latest event; the points carried by
    two reports or more of one event (with date and reports).
    """
    if timeline.empty:
        return "No talking point to place in time."
    t = timeline.assign(event_date=timeline["event_date"].astype(str))
    starts = t.groupby("point")["event_date"].min().value_counts()
    parts = [f"Talking points start at {_join([f'{d} ({int(c)})' for d, c in sorted(starts.items())])}."]
    latest = t["event_date"].max()
    reach = sorted(int(p) for p in t.loc[t["event_date"] == latest, "point"].unique())
    parts.append(f"{len(reach)} {'reaches' if len(reach) == 1 else 'reach'} the latest event, {latest}: {_join([f'P{p}' for p in reach])}.")
    shared = []
    for (point, date), rows in sorted(t.groupby(["point", "event_date"]), key=lambda kv: (int(kv[0][0]), kv[0][1])):
        docs = sorted(rows["doc_id"].astype(str).unique())
        if len(docs) > 1:
            shared.append(f"P{int(point)} ({date}: {', '.join(docs)})")
    if shared:
        parts.append(f"Two reports of one event share a point in {'; '.join(shared)}.")
    else:
        parts.append("No two reports of one event share a point.")
    return " ".join(parts)


# --------------------------------------------------------------------------- notebook 03


def reports_finding(overview: pd.DataFrame) -> str:
    """The reports compared: outlets, lengths, what one sentence weighs, events with several outlets.

    ``overview`` has one row per document (index ``doc_id``) with
    ``outlet``, ``event_date`` and ``body_sentences``.

    Returns a paragraph: reports, outlets, the range and total of body
    sentences, and how many percentage points one sentence moves a share
    (100 / longest to 100 / shortest, rounded); then the events reported by
    more than one outlet (by date), or that there is no event metadata.
    """
    rows = overview[overview["body_sentences"].fillna(0) > 0]
    if rows.empty:
        return "No report with a body sentence."
    n = rows["body_sentences"].astype(int)
    lo, hi = int(n.min()), int(n.max())
    span = f"{lo}" if lo == hi else f"{lo} to {hi}"
    step = f"{round(100 / hi)}" if lo == hi else f"{round(100 / hi)} to {round(100 / lo)}"
    text = (
        f"{_n(len(rows), 'report')} by {_n(rows['outlet'].nunique(), 'outlet')}, {span} body sentences each, {int(n.sum())} in all: "
        f"one sentence moves a report's theme share by {step} percentage points."
    )
    dated = rows.dropna(subset=["event_date"])
    if dated.empty:
        return text + " There is no event metadata: differences between reports may also be differences between events."
    per = dated.groupby(dated["event_date"].astype(str)).agg(reports=("outlet", "size"), outlets=("outlet", "nunique"))
    several = per[per["outlets"] > 1].sort_index()
    if several.empty:
        return text + " No event is reported by more than one outlet: differences between outlets are also differences between events."
    listed = ", ".join(f"{d} ({_n(int(r.reports), 'report')})" for d, r in several.iterrows())
    text += f" {_n(len(several), 'event')} {'is' if len(several) == 1 else 'are'} reported by several outlets: {listed}"
    if int(several["reports"].sum()) < len(rows):
        text += "; differences between the other reports are also differences between events"
    return text + "."


def topic_theme_finding(topics: pd.DataFrame, overlap: pd.DataFrame) -> str:
    """Which NMF topics fall in a lexicon theme and which match none.

    ``topics`` is :func:`claimcompare.emphasis.nmf_topics`'s first table
    (``topic, term``); ``overlap``
    :func:`claimcompare.emphasis.topic_theme_overlap` (``topic, theme,
    n_terms``).

    Returns a paragraph: the topics with top terms in a theme, each with
    its themes (most terms first, ties by name), then the topics with none.
    """
    all_topics = sorted(int(t) for t in topics["topic"].unique())
    if not all_topics:
        return "No topic was found."
    matched = []
    for topic in all_topics:
        rows = overlap[overlap["topic"] == topic]
        if len(rows):
            ranked = sorted(rows.itertuples(index=False), key=lambda r: (-int(r.n_terms), str(r.theme)))
            matched.append(f"topic {topic} ({', '.join(f'{r.theme} {int(r.n_terms)}' for r in ranked)})")
    text = f"{len(matched)} of the {_n(len(all_topics), 'topic')} {'has' if len(matched) == 1 else 'have'} top terms in a lexicon theme"
    text += f": {', '.join(matched)}." if matched else "."
    none = [t for t in all_topics if overlap[overlap["topic"] == t].empty]
    if none:
        label = "Topic" if len(none) == 1 else "Topics"
        text += f" {label} {_join([str(t) for t in none])} {'matches' if len(none) == 1 else 'match'} no theme."
    return text


def distinctive_finding(distinct: pd.DataFrame, *, z: float = 1.96) -> str:
    """Each report's most distinctive term, and the terms past the significance threshold.

    ``distinct`` is :func:`claimcompare.emphasis.distinctive_terms`
    (``group, term, z``, …); ``z`` the two-sided 5% threshold of a standard
    normal (Monroe, Colaresi and Quinn 2008 read |z| > 1.96 as significant).

    Returns a paragraph: for each group (by name) its term with the highest
    positive z, or that it uses no term more than the others; then the terms
    with z above ``z`` (highest first).
    """
    if distinct.empty:
        return "No term is distinctive: the reports are too few or too short."
    tops: list[str] = []
    none: list[str] = []
    for group, rows in sorted(distinct.groupby("group"), key=lambda kv: str(kv[0])):
        best = rows.sort_values(["z", "term"], ascending=[False, True]).iloc[0]
        if float(best["z"]) > 0:
            tops.append(f"{group} “{best['term']}” (z = {float(best['z']):.2f})")
        else:
            none.append(str(group))
    text = f"Each report's most distinctive term: {', '.join(tops)}" if tops else "No report uses a term more than the others"
    if none and tops:
        text += f"; {_join(none)} {'uses' if len(none) == 1 else 'use'} no term more than the others"
    text += "."
    past = distinct[distinct["z"] > z].sort_values(["z", "group", "term"], ascending=[False, True, True])
    if past.empty:
        return text + f" No term passes |z| > {z:g}: they are leads to read, not findings."
    listed = ", ".join(f"“{r.term}” ({r.group})" for r in past.itertuples(index=False))
    return text + f" {_n(len(past), 'term')} {'passes' if len(past) == 1 else 'pass'} |z| > {z:g}: {listed}; the others are leads to read, not findings."


def opening_finding(first: pd.DataFrame, labels: pd.Series | None = None) -> str:
    """The lexicon themes of each report's first body sentence.

    ``first`` is :func:`claimcompare.emphasis.first_statements` with
    ``themes`` (``doc_id, position, themes``); ``labels`` maps doc_id to
    the name shown (:func:`claimcompare.emphasis.doc_labels`), doc_id when
    absent.

    Returns one sentence: each report (by doc_id) with the themes of its
    first sentence in brackets (lexicon order), or "no lexicon theme".
    """
    if first.empty:
        return "No report has a body sentence."
    items = []
    for r in first[first["position"] == first.groupby("doc_id")["position"].transform("min")].sort_values("doc_id").itertuples(index=False):
        name = labels.get(r.doc_id, r.doc_id) if labels is not None else r.doc_id
        themes = [t for t in str(r.themes or "").split("; ") if t]
        items.append(f"{name} ({', '.join(themes) if themes else 'no lexicon theme'})")
    return f"First body sentences: {'; '.join(items)}."


# --------------------------------------------------------------------------- notebooks 02-05: one event at a time


def set_aside_finding(counts: pd.DataFrame) -> str:
    """Which passages an analysis of one event sets aside because they report another event.

    ``counts`` is :func:`claimcompare.passages.own_event_counts` (``doc_id,
    document_event, sentences, set_aside, other_events``).

    Returns a paragraph: each report with set-aside sentences (by doc_id),
    how many of its sentences and which events they report (an
    ``also_reports`` event key, or "other" for a day no listed event
    matches); then how many reports keep every sentence.  Without event
    metadata in any report, that nothing can be set aside.
    """
    if counts.empty:
        return "No report has a sentence to analyse."
    if (counts["document_event"].astype(str) == "").all():
        return "No report has event metadata (`event_date`, `event_title` in `sources.csv`), so no passage is set aside: every sentence counts."
    parts: list[str] = []
    hit = counts[counts["set_aside"] > 0].sort_values("doc_id")
    for r in hit.itertuples(index=False):
        events = [e for e in str(r.other_events).split("; ") if e]
        about = _join([("a day no listed event matches" if e == "other" else e) for e in events])
        parts.append(f"{r.doc_id}: {int(r.set_aside)} of {_n(int(r.sentences), 'sentence')} set aside (about {about}).")
    rest = len(counts) - len(hit)
    if not parts:
        return f"Every sentence of the {_n(len(counts), 'report')} is about its report's own event: nothing is set aside."
    head = f"Set aside as passages about another event, {int(hit['set_aside'].sum())} of {int(counts['sentences'].sum())} sentences:"
    tail = f" The other {_n(rest, 'report')} {'keeps' if rest == 1 else 'keep'} every sentence." if rest else ""
    return " ".join([head, *parts]) + tail


def passage_events_finding(marked: pd.DataFrame) -> str:
    """Which sentences count toward another event than their report's, when analyses group by event.

    ``marked`` is :func:`claimcompare.passages.own_event` (``doc_id, role,
    event, own_event``); body sentences only are counted.  A sentence whose
    passage reports another listed event counts toward that event; one
    whose passage is about a day no listed event matches (``event ==
    "other"``) is left out.

    Returns a paragraph: per report (by doc_id), how many body sentences
    count toward which other event (most first, ties by event) and how many
    are left out; or that every sentence counts toward its report's own event.
    """
    body = body_sentences(marked) if "role" in marked.columns else marked
    moved = body[~body["own_event"].astype(bool)]
    if moved.empty:
        return "Every body sentence counts toward its report's own event."
    parts: list[str] = []
    for doc, rows in sorted(moved.groupby("doc_id"), key=lambda kv: str(kv[0])):
        per = rows["event"].astype(str).value_counts()
        listed = [f"{int(n)} toward {e}" for e, n in sorted(per.items(), key=lambda kv: (-int(kv[1]), kv[0])) if e != "other"]
        if "other" in per.index:
            listed.append(f"{int(per['other'])} left out (about a day no listed event matches)")
        parts.append(f"{doc}: {_n(int(len(rows)), 'body sentence')}, {'; '.join(listed)}.")
    one = len(moved) == 1
    head = f"{len(moved)} of the {_n(len(body), 'body sentence')} {'reports' if one else 'report'} an event other than {'its' if one else 'their'} report's: "
    return head + " ".join(parts)


# --------------------------------------------------------------------------- notebook 06


def _event_name(key: object) -> str:
    return str(key) if str(key) else "(no event)"


def _count(count: int, singular: str, plural: str | None = None) -> str:
    """``"1 sentence"``, ``"164,558 sentences"``: :func:`_n` with thousands separators."""
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def _share(part: int, whole: int) -> str:
    """A whole percent, or ``"under 1%"`` for a share above 0 that rounds to 0."""
    return "under 1%" if part and round(100 * part / whole) == 0 else _pct(part / whole)


def outputs_index_finding(events: pd.DataFrame, *, top: int = 3) -> str:
    """What an outputs folder holds, from its index of events.

    ``events`` is :attr:`claimcompare.tables.Outputs.events` (``event,
    documents, outlets, sentences, links, statements``, most outlets first);
    ``""`` (:data:`claimcompare.passages.NO_EVENT`) is the sentences of no
    event and ``"other"`` (:data:`claimcompare.passages.OTHER_EVENT`) those
    of events the metadata does not list: neither counts as an event.

    Returns a paragraph: the sentences and events held (and the sentences
    about unlisted or no events); how many events two outlets or more
    report, the first ``top`` of them in the table's order with their
    outlets, documents and sentences; the share of all sentences the largest
    event holds (by sentences, ties by key).
    """
    from claimcompare.passages import NO_EVENT, OTHER_EVENT

    total = int(events["sentences"].sum()) if len(events) else 0
    if total == 0:
        return "The outputs hold no sentences."
    key = events["event"].astype(str)
    keyed = events[~key.isin([NO_EVENT, OTHER_EVENT])]
    unlisted = int(events.loc[key == OTHER_EVENT, "sentences"].sum())
    loose = int(events.loc[key == NO_EVENT, "sentences"].sum())
    about = f" about {_count(len(keyed), 'event')}" if len(keyed) else ""
    aside = [f"{unlisted:,} about events not listed in the metadata"] if unlisted else []
    aside += [f"{loose:,} about no event"] if loose else []
    if len(keyed) or len(aside) > 1:
        about += f" ({_join(aside)})" if aside else ""
    elif aside:  # all of them about unlisted events, or all about no event
        about = " about events not listed in the metadata" if unlisted else " about no event"
    parts = [f"The outputs hold {_count(total, 'sentence')}{about}."]
    if keyed.empty:
        return " ".join(parts)
    several = keyed[keyed["outlets"] >= 2]
    if several.empty:
        parts.append("No event is reported by two outlets or more.")
    else:
        listed = [
            f"{r.event} ({_count(int(r.outlets), 'outlet')}, {_count(int(r.documents), 'document')}, {_count(int(r.sentences), 'sentence')})"
            for r in several.head(top).itertuples(index=False)
        ]
        verb = "is" if len(several) == 1 else "are"
        lead = f"; the first {top}" if len(several) > top else ""
        parts.append(f"{_count(len(several), 'event')} {verb} reported by two outlets or more{lead}: {_join(listed)}.")
    largest = sorted(keyed.itertuples(index=False), key=lambda r: (-int(r.sentences), str(r.event)))[0]
    parts.append(f"The largest event holds {_share(int(largest.sentences), total)} of the sentences.")
    return " ".join(parts)


def _size(n_bytes: int) -> str:
    """``"2.4 MiB"`` from 1 MiB up, ``"12 KiB"`` below (at least 1 KiB)."""
    if n_bytes >= 1024**2:
        return f"{n_bytes / 1024**2:.1f} MiB"
    return f"{max(1, round(n_bytes / 1024))} KiB"


def event_read_finding(memory: pd.DataFrame, events: pd.DataFrame, event: str) -> str:
    """How much of the outputs reading one event took, and the memory of what was read.

    ``memory`` is :meth:`claimcompare.tables.EventTables.memory_usage` of the
    event read (``table, rows, bytes``); ``events`` the index it was chosen
    from (:attr:`claimcompare.tables.Outputs.events`), whose sums are the
    rows of every event.

    Returns two sentences: the sentences, links and statement rows read
    against all of them (with shares), and the memory the tables read hold
    (``DataFrame.memory_usage(deep=True)``, KiB or MiB).
    """
    rows = dict(zip(memory["table"], memory["rows"]))
    parts = []
    for table, word in (("sentences", "sentences"), ("links", "links"), ("statements", "statement rows")):
        got, total = int(rows.get(table, 0)), int(events[table].sum())
        share = f" ({_share(got, total)})" if total else ""
        parts.append(f"{got:,} of {total:,} {word}{share}")
    held = _size(int(memory["bytes"].sum()))
    return (
        f"Event {_event_name(event)}: {_join(parts)} read. "
        f"The tables read hold {held} in memory (pandas, strings counted in full)."
    )

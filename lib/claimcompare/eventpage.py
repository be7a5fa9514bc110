"""The event page: one event's statements across outlets, on one self-contained HTML page.

Tables first, then the page that shows them:

* :func:`event_documents` — the reports of one event (``events_table`` key);
* :func:`statement_grid` — one row per (statement, source family) with the
  family's sentence, sorted so that what most families carry comes first;
* :func:`omissions` — statements most families carry that a family leaves out;
* :func:`speaker_conflicts` — one statement given to different speakers;
* :func:`report_leads` — each report's first body sentence;
* :func:`event_page` — the HTML page of all of them.

Statements are the group-average clusters of :func:`claimcompare.align.statements`
(one sentence per document) of the event's alignment; source families (copies
of one text counted once) come from :func:`claimcompare.copies.source_families`;
words are compared with :func:`claimcompare.views.word_diff`.  The page is
plain HTML with one inline ``<style>`` and one small inline script (sorting
by a column header, filtering rows by a word); it loads nothing, every piece
of data is escaped with :func:`html.escape`, and the same tables give the
same bytes (no dates, every list sorted).
"""

from __future__ import annotations

import html
from itertools import combinations

import pandas as pd

from .align import body_sentences, statements, unique_statements
from .attribution import names_agree
from .copies import document_copies, source_families
from .corpus import events_table
from .views import word_diff

__all__ = [
    "GRID_COLUMNS",
    "event_documents",
    "event_keys",
    "event_page",
    "omissions",
    "report_leads",
    "speaker_conflicts",
    "statement_grid",
]

#: Columns of :func:`statement_grid`.
GRID_COLUMNS: tuple[str, ...] = ("statement", "n_families", "family", "doc_id", "sent_id", "text", "copies")


def event_keys(documents: pd.DataFrame) -> pd.DataFrame:
    """The events of a document table with their number of reports.

    Returns columns ``event`` (the ``"YYYY-MM-DD title"`` key, as the sentences
    table's ``event`` column spells it), ``event_date``, ``event_title``,
    ``n_reports`` (documents that report it, main or ``also_reports``),
    sorted by ``event``.  Empty when no document has event metadata.
    """
    ev = events_table(documents)
    if ev.empty:
        return pd.DataFrame({"event": [], "event_date": [], "event_title": [], "n_reports": pd.Series(dtype="int64")})
    ev = ev.assign(event=ev["event_date"].astype(str) + " " + ev["event_title"].astype(str))
    out = ev.groupby(["event", "event_date", "event_title"], sort=True)["doc_id"].nunique().rename("n_reports").reset_index()
    return out.astype({"n_reports": "int64"}).sort_values("event", ignore_index=True)


def event_documents(documents: pd.DataFrame, event: str | None) -> list[str]:
    """Sorted ``doc_id`` of the reports of ``event`` (an :func:`event_keys` key); all documents for ``None``."""
    if event is None:
        return sorted(str(d) for d in documents["doc_id"])
    ev = events_table(documents)
    keys = ev["event_date"].astype(str) + " " + ev["event_title"].astype(str)
    return sorted({str(d) for d in ev.loc[keys == event, "doc_id"]})


def _event_sentences(sentences: pd.DataFrame, docs: list[str], event: str | None) -> pd.DataFrame:
    """Rows of ``docs``; with an event, only passages about it (or of unknown event)."""
    rows = sentences[sentences["doc_id"].astype(str).isin(docs)]
    if event is not None and "event" in rows.columns:
        rows = rows[rows["event"].fillna("").astype(str).isin([event, ""])]
    return rows.sort_values(["doc_id", "sent_id"], ignore_index=True)


def _event_alignment(alignment: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    keep = set(zip(sentences["doc_id"].astype(str), sentences["sent_id"].astype(int)))
    mask = [(str(a), int(sa)) in keep and (str(b), int(sb)) in keep
            for a, sa, b, sb in zip(alignment["doc_a"], alignment["sent_a"], alignment["doc_b"], alignment["sent_b"])]  # fmt: skip
    return alignment[mask].reset_index(drop=True)


def _family_map(documents: pd.DataFrame, families: pd.DataFrame | None, docs: list[str]) -> dict[str, str]:
    fam = {} if families is None else dict(zip(families["doc_id"].astype(str), families["family"].astype(str)))
    return {d: fam.get(d, d) for d in docs}


def statement_grid(alignment: pd.DataFrame, families: dict[str, str] | pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (statement, source family): the family's sentence of each statement.

    Parameters
    ----------
    alignment
        Links of :func:`claimcompare.align.align_corpus` (of one event).
    families
        :func:`claimcompare.copies.source_families` (``doc_id``, ``family``)
        or a ``{doc_id: family}`` dict; a document missing from it is its own family.
    documents
        Passed to :func:`claimcompare.align.statements`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GRID_COLUMNS`: ``statement`` (int, renumbered from 1 in
        the row order below), ``n_families`` (families carrying it),
        ``family``, the ``doc_id, sent_id, text`` of the family's first
        document (by ``doc_id``) that carries it, ``copies`` (how many more of
        the family's documents carry it).  Sorted by ``n_families``
        (descending), then the statement's first ``doc_id, sent_id``, then
        ``family``.
    """
    fam = families if isinstance(families, dict) else dict(zip(families["doc_id"].astype(str), families["family"].astype(str)))
    st = statements(alignment, documents)
    if st.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("statement", "n_families", "sent_id", "copies") else "object") for c in GRID_COLUMNS})
    st = st.assign(doc_id=st["doc_id"].astype(str))
    st["family"] = [fam.get(d, d) for d in st["doc_id"]]
    st = st.sort_values(["statement", "family", "doc_id", "sent_id"], ignore_index=True)
    cells = st.groupby(["statement", "family"], sort=True).agg(
        doc_id=("doc_id", "first"), sent_id=("sent_id", "first"), text=("text", "first"), n=("doc_id", "size")
    ).reset_index()
    cells["copies"] = (cells["n"] - 1).astype("int64")
    cells["n_families"] = cells.groupby("statement")["family"].transform("nunique").astype("int64")
    first = st.groupby("statement")[["doc_id", "sent_id"]].first()
    order = (
        cells.drop_duplicates("statement")[["statement", "n_families"]]
        .join(first, on="statement")
        .sort_values(["n_families", "doc_id", "sent_id"], ascending=[False, True, True])
    )
    number = {s: k + 1 for k, s in enumerate(order["statement"])}
    cells["statement"] = cells["statement"].map(number).astype("int64")
    cells = cells.sort_values(["statement", "family"], ignore_index=True)
    return cells[list(GRID_COLUMNS)].astype({"sent_id": "int64"})


def omissions(grid: pd.DataFrame, families: list[str], *, share: float = 0.5) -> pd.DataFrame:
    """Statements that more than ``share`` of the families carry and a family leaves out.

    ``grid`` is :func:`statement_grid`; ``families`` every family of the event
    (those with no shared statement too).  A statement counts when
    ``n_families > share * len(families)`` and at least one family lacks it.
    Returns columns ``family, statement, n_families, text`` (the text of the
    statement's first cell), sorted by ``family, statement``.
    """
    cols = ["family", "statement", "n_families", "text"]
    n = len(families)
    rows = []
    if n and not grid.empty:
        for s, g in grid.groupby("statement", sort=True):
            carried = set(g["family"])
            if len(carried) > share * n:
                for f in sorted(set(families) - carried):
                    rows.append((f, int(s), int(len(carried)), str(g["text"].iloc[0])))
    out = pd.DataFrame(rows, columns=cols).astype({"statement": "int64", "n_families": "int64"})
    return out.sort_values(["family", "statement"], ignore_index=True)


def speaker_conflicts(grid: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Statements whose sentences are given to different speakers.

    ``speakers`` is :func:`claimcompare.attribution.attribute_speakers`
    (``doc_id, sent_id, speaker, speaker_type``).  Sentences attributed to
    nobody (``speaker_type == "outlet"``) are left out; a statement counts
    when two named speakers share no word
    (:func:`claimcompare.attribution.names_agree`: "Petra Lind" and "Lind"
    are one speaker).  Returns the grid's rows of
    those statements with a ``speaker`` column, columns ``statement, family,
    doc_id, sent_id, speaker, text``, sorted by ``statement, family``.
    """
    cols = ["statement", "family", "doc_id", "sent_id", "speaker", "text"]
    if grid.empty or speakers.empty:
        return pd.DataFrame(columns=cols)
    sp = speakers[speakers["speaker_type"] != "outlet"]
    who = {(str(d), int(s)): str(p) for d, s, p in zip(sp["doc_id"], sp["sent_id"], sp["speaker"])}
    g = grid.assign(speaker=[who.get((str(d), int(s)), "") for d, s in zip(grid["doc_id"], grid["sent_id"])])
    named = g[g["speaker"] != ""]
    differ = named.groupby("statement")["speaker"].agg(lambda x: any(not names_agree(a, b) for a, b in combinations(sorted(set(x)), 2)))
    out = named[named["statement"].isin(differ[differ].index)]
    return out[cols].sort_values(["statement", "family"], ignore_index=True)


def report_leads(sentences: pd.DataFrame) -> pd.DataFrame:
    """Each report's lead: its first body sentence.

    Returns columns ``doc_id, sent_id, text``, one row per document with a
    body sentence, sorted by ``doc_id``.
    """
    body = body_sentences(sentences).sort_values(["doc_id", "sent_id"])
    return body.drop_duplicates("doc_id")[["doc_id", "sent_id", "text"]].reset_index(drop=True)


# --------------------------------------------------------------------------- HTML

_STYLE = """<style>
body{font-family:sans-serif;margin:1.5em;line-height:1.4}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th.cc-sort{cursor:pointer;background:#f4f4f4}
td.cc-blank{background:#fafafa}
mark.cc-differs{background:#fde68a}
span.cc-speaker{display:block;color:#555;font-size:.85em;margin-top:.2em}
span.cc-legend-swatch{padding:0 .4em}
.cc-note{color:#555}
</style>"""

# Sorting by a header (numbers as numbers) and filtering by a word: no library, no network.
_SCRIPT = """<script>
(function(){
  function key(cell){ var v = cell.getAttribute('data-sort'); if (v === null) v = cell.textContent.trim();
    var n = Number(v); return (v !== '' && !isNaN(n)) ? n : v.toLowerCase(); }
  document.querySelectorAll('table.cc-sortable').forEach(function(table){
    var body = table.tBodies[0]; if (!body) return;
    table.querySelectorAll('th.cc-sort').forEach(function(th, col){
      var up = true;
      th.addEventListener('click', function(){
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function(a, b){ var x = key(a.cells[col]), y = key(b.cells[col]);
          if (x === y) return 0; return ((x < y) === up) ? -1 : 1; });
        rows.forEach(function(r){ body.appendChild(r); }); up = !up; });
    });
  });
  document.querySelectorAll('input.cc-filter').forEach(function(input){
    var table = document.getElementById(input.getAttribute('data-table'));
    input.addEventListener('input', function(){
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function(r){
        r.style.display = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) ? '' : 'none'; });
    });
  });
})();
</script>"""


def _esc(x: object) -> str:
    return html.escape(str(x), quote=True)


def _marked(text: str, others: list[str]) -> str:
    """``text`` escaped, with the runs of words that no other version has in ``<mark>``."""
    tokens = text.split()
    if not tokens:
        return ""
    shared = [False] * len(tokens)
    for other in others:
        k = 0
        for token, label in word_diff(text, other):
            if label == "only_b":
                continue
            if label == "same":
                shared[k] = True
            k += 1
    parts, run = [], []
    for token, keep in zip(tokens, shared):
        if keep or not others:
            if run:
                parts.append('<mark class="cc-differs">' + " ".join(run) + "</mark>")
                run = []
            parts.append(_esc(token))
        else:
            run.append(_esc(token))
    if run:
        parts.append('<mark class="cc-differs">' + " ".join(run) + "</mark>")
    return " ".join(parts)


def _family_labels(documents: pd.DataFrame, fam: dict[str, str]) -> dict[str, str]:
    """Family -> its outlets' names (``outlet``, else ``doc_id``), sorted and joined by `` / ``."""
    outlet = {}
    if "outlet" in documents.columns:
        outlet = {str(d): str(o) for d, o in zip(documents["doc_id"], documents["outlet"]) if isinstance(o, str) and o.strip()}
    names: dict[str, set[str]] = {}
    for d, f in fam.items():
        names.setdefault(f, set()).add(outlet.get(d, d))
    return {f: " / ".join(sorted(n)) for f, n in names.items()}


def _table(tid: str, head: list[str], rows: list[list[str]], *, empty: str) -> str:
    if not rows:
        return f'<p class="cc-note">{_esc(empty)}</p>'
    th = "".join(f'<th class="cc-sort" title="click to sort">{h}</th>' for h in head)
    body = "\n".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return (
        f'<p><label>Filter rows: <input type="search" class="cc-filter" data-table="{tid}"></label></p>\n'
        f'<table class="cc-sortable" id="{tid}"><thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'
    )


def event_page(
    sentences: pd.DataFrame,
    alignment: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    event: str | None = None,
    families: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
    title: str | None = None,
    share: float = 0.5,
    index_href: str | None = None,
) -> str:
    """One event's reports compared statement by statement, as one self-contained HTML page.

    Parameters
    ----------
    sentences
        The sentences table (:func:`claimcompare.sentences_table`).
    alignment
        Links of :func:`claimcompare.align.align_corpus` (any superset of
        the event's; links between sentences outside the event are dropped).
    documents
        :attr:`Corpus.documents` (``doc_id``; ``outlet`` and event columns when known).
    event
        An :func:`event_keys` key (``"YYYY-MM-DD title"``): its reports, and
        only their passages whose sentences' ``event`` is this event (or
        unknown); ``None``: every document and sentence.
    families
        :func:`claimcompare.copies.source_families`; default: computed from
        :func:`claimcompare.copies.document_copies` of the event's sentences.
    speakers
        :func:`claimcompare.attribution.attribute_speakers`; when given, each
        cell names its speaker and a section lists statements given to
        different speakers.
    title
        The page's heading; default: the event key, or "All reports".
    share
        An omission is a statement more than ``share`` of the families carry (:func:`omissions`).
    index_href
        When given, a "back to the index" link to it (the report's ``index.html``).

    Returns
    -------
    str
        A complete UTF-8 HTML page: the statements table (rows: statements
        of :func:`statement_grid`, most families first; columns: source
        families; each cell the family's sentence, its speaker, and the words
        no other version of the statement has marked, with a legend; blank
        where the family does not carry it), then what only one outlet says
        (:func:`claimcompare.align.unique_statements`, by outlet), what an
        outlet leaves out (:func:`omissions`), the same statement given to
        different speakers (:func:`speaker_conflicts`), and each report's
        lead (:func:`report_leads`: its first body sentence about the event,
        since passages about other events are left out).  Deterministic: the same tables give the
        same bytes.
    """
    docs = event_documents(documents, event)
    sents = _event_sentences(sentences, docs, event)
    links = _event_alignment(alignment, sents)
    if families is None:
        families = source_families(documents[documents["doc_id"].astype(str).isin(docs)], document_copies(sents))
    fam = _family_map(documents, families, docs)
    labels = _family_labels(documents[documents["doc_id"].astype(str).isin(docs)], fam)
    fam_order = sorted(set(fam.values()), key=lambda f: (labels[f].casefold(), f))
    grid = statement_grid(links, fam, documents)
    who: dict[tuple[str, int], str] = {}
    if speakers is not None and not speakers.empty:
        who = {(str(d), int(s)): str(p) for d, s, p, t in zip(speakers["doc_id"], speakers["sent_id"], speakers["speaker"], speakers["speaker_type"])
               if t != "outlet"}  # fmt: skip
    heading = title or event or "All reports"
    n_docs = len(docs)
    parts = [
        "<!doctype html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{_esc(heading)}</title>',
        _STYLE,
        "</head><body>",
        f"<h1>{_esc(heading)}</h1>",
        f'<p class="cc-note">{n_docs} report{"s" if n_docs != 1 else ""} from {len(fam_order)} source famil{"ies" if len(fam_order) != 1 else "y"} '
        f'(copies of one text count once); {grid["statement"].nunique()} statement{"s" if grid["statement"].nunique() != 1 else ""} carried by two or more reports.'
        + (f' <a href="{_esc(index_href)}">Back to the index</a>' if index_href else "")
        + "</p>",
        '<nav><a href="#statements">Statements</a> · <a href="#only-one">Only one outlet</a> · <a href="#left-out">Left out</a> · '
        '<a href="#speakers">Speakers</a> · <a href="#leads">Leads</a></nav>',
        '<h2 id="statements">Statements, most outlets first</h2>',
        '<p class="cc-note">Legend: <mark class="cc-differs cc-legend-swatch">marked words</mark> are words no other version of the '
        "statement has; unmarked words are shared with at least one other version; <em>speaker</em> in grey under a sentence is "
        "who it is attributed to; a blank cell means the outlet does not carry the statement. Click a column header to sort.</p>",
    ]
    head = ["#", "outlets carrying it"] + [_esc(labels[f]) for f in fam_order]
    rows = []
    for s, g in grid.groupby("statement", sort=True):
        by_fam = {r.family: r for r in g.itertuples(index=False)}
        row = [f'<td data-sort="{int(s)}">{int(s)}</td>', f"<td>{int(g['n_families'].iloc[0])}</td>"]
        for f in fam_order:
            r = by_fam.get(f)
            if r is None:
                row.append('<td class="cc-blank" data-sort=""></td>')
                continue
            others = [str(o.text) for o in g.itertuples(index=False) if o.family != f]
            cell = _marked(str(r.text), others)
            speaker = who.get((str(r.doc_id), int(r.sent_id)))
            if speaker:
                cell += f'<span class="cc-speaker">speaker: <em>{_esc(speaker)}</em></span>'
            if r.copies:
                cell += f'<span class="cc-speaker">and {int(r.copies)} cop{"ies" if r.copies != 1 else "y"} in the same family</span>'
            row.append(f'<td title="{_esc(r.doc_id)} #{int(r.sent_id)}">{cell}</td>')
        rows.append(row)
    parts.append(_table("cc-statements", head, rows, empty="No statement is carried by two or more of these reports."))

    parts.append('<h2 id="only-one">What only one outlet says</h2>')
    pairs = pd.DataFrame(list(combinations(docs, 2)), columns=["doc_a", "doc_b"])
    uniq = unique_statements(sents, links, pairs)
    outlet_of = {d: labels[fam[d]] for d in docs}
    rows = [[f"<td>{_esc(outlet_of[str(r.doc_id)])}</td>", f"<td>{_esc(r.doc_id)}</td>", f'<td data-sort="{int(r.sent_id)}">{int(r.sent_id)}</td>',
             f"<td>{_esc(r.text)}</td>"] for r in uniq.itertuples(index=False)]  # fmt: skip
    rows.sort(key=lambda r: (r[0], r[1]))
    parts.append(_table("cc-only-one", ["outlet", "report", "sentence", "text"], rows, empty="Every body sentence has a counterpart in another report."))

    parts.append('<h2 id="left-out">What an outlet leaves out that most others carry</h2>')
    om = omissions(grid, fam_order, share=share)
    rows = [[f"<td>{_esc(labels[r.family])}</td>", f"<td>{int(r.statement)}</td>", f"<td>{int(r.n_families)} of {len(fam_order)}</td>",
             f"<td>{_esc(r.text)}</td>"] for r in om.itertuples(index=False)]  # fmt: skip
    parts.append(_table("cc-left-out", ["outlet", "statement #", "carried by", "statement (one version)"], rows,
                        empty="No outlet leaves out a statement that most others carry."))  # fmt: skip

    parts.append('<h2 id="speakers">The same statement given to different speakers</h2>')
    if speakers is None:
        parts.append('<p class="cc-note">Speakers were not computed for this page.</p>')
    else:
        conf = speaker_conflicts(grid, speakers)
        rows = [[f"<td>{int(r.statement)}</td>", f"<td>{_esc(labels[r.family])}</td>", f"<td>{_esc(r.speaker)}</td>", f"<td>{_esc(r.text)}</td>"]
                for r in conf.itertuples(index=False)]  # fmt: skip
        parts.append(_table("cc-speakers", ["statement #", "outlet", "speaker", "text"], rows,
                            empty="No statement is given to different speakers."))  # fmt: skip

    parts.append('<h2 id="leads">Each report\'s lead</h2>')
    leads = report_leads(sents)
    rows = [[f"<td>{_esc(outlet_of[str(r.doc_id)])}</td>", f"<td>{_esc(r.doc_id)}</td>", f"<td>{_esc(r.text)}</td>"] for r in leads.itertuples(index=False)]
    rows.sort(key=lambda r: (r[0], r[1]))
    parts.append(_table("cc-leads", ["outlet", "report", "first body sentence"], rows, empty="No report has a body sentence."))
    parts += [_SCRIPT, "</body></html>"]
    return "\n".join(parts) + "\n"

"""Views of an alignment: what differs inside a pair, where the scores lie, how much is shared.

Tables in, tables (or HTML, or Axes) out:

* :func:`word_diff` — the words one report adds or drops inside one aligned
  statement (a token-level diff);
* :func:`side_by_side_html` — aligned statements in an HTML table, the words
  that differ highlighted, every piece of article text escaped;
* :func:`similarity_matrix` and :func:`plot_similarity_heatmap` — the
  aligner's score for every pair of body sentences of two reports, in
  reading order, with the links drawn on top;
* :func:`coverage` and :func:`plot_coverage` — the share of each report's
  body sentences with a counterpart in another compared report;
* :func:`passages_about_other_events` — the body sentences of a report that
  are about participants the other reports never name (a second meeting
  covered in the same article);
* :func:`links_touching` — the links with one end among given sentences;
* :func:`event_documents` — the documents of one event (by default the event
  with the most documents);
* :func:`threshold_sensitivity` — how the number of links, of shared
  statements and of unique sentences moves with the minimum link score.

The scores are those of :mod:`claimcompare.align` (its public stages
:func:`~claimcompare.align.prepare_documents` and
:func:`~claimcompare.align.score_matrix` are reused, so a heatmap shows
exactly the numbers the aligner linked on).  Nothing here knows an outlet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .align import (
    DEFAULT_CONTAINMENT_WEIGHT,
    DEFAULT_OFF_TOPIC_PENALTY,
    DEFAULT_SPEAKER_PENALTY,
    align_corpus,
    body_sentences,
    claim_embeddings,
    document_event_keys,
    embedding_cosines,
    off_topic,
    prepare_documents,
    score_matrix,
    statement_clusters,
    unique_statements,
)
from .embeddings import DEFAULT_SEMANTIC_WEIGHT, resolve_encoder
from .similarity import StatementVectorizer, normalize_text

__all__ = [
    "COVERAGE_COLUMNS",
    "DIFF_LABELS",
    "OFF_EVENT_COLUMNS",
    "PROBABILITY_THRESHOLDS",
    "RULES_THRESHOLDS",
    "coverage",
    "event_documents",
    "links_touching",
    "links_within",
    "passages_about_other_events",
    "plot_coverage",
    "plot_similarity_heatmap",
    "side_by_side_html",
    "similarity_matrix",
    "threshold_sensitivity",
    "word_diff",
]

#: Labels of :func:`word_diff`.
DIFF_LABELS: tuple[str, ...] = ("same", "only_a", "only_b")
#: Columns of :func:`coverage`.
COVERAGE_COLUMNS: tuple[str, ...] = ("doc_id", "body_sentences", "with_counterpart", "share")
#: Columns of :func:`passages_about_other_events`.
OFF_EVENT_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "off_event", "text")

_RE_WORD = re.compile(r"\S+")
_RE_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


# --------------------------------------------------------------------------- word diff


def _token_key(token: str) -> str:
    """The form a token is compared by: NFKC, ASCII quotes and dashes, case-folded, edge punctuation off.

    A token of punctuation only ("–") keeps its normalised form.
    """
    norm = normalize_text(token).casefold()
    return _RE_EDGE_PUNCT.sub("", norm) or norm


def _diff_sides(text_a: str, text_b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(merged, side a, side b) token lists of the diff; each token with its label."""
    ta, tb = _RE_WORD.findall(text_a), _RE_WORD.findall(text_b)
    matcher = SequenceMatcher(None, [_token_key(t) for t in ta], [_token_key(t) for t in tb], autojunk=False)
    merged: list[tuple[str, str]] = []
    side_a: list[tuple[str, str]] = []
    side_b: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            merged += [(t, "same") for t in ta[i1:i2]]
            side_a += [(t, "same") for t in ta[i1:i2]]
            side_b += [(t, "same") for t in tb[j1:j2]]
            continue
        merged += [(t, "only_a") for t in ta[i1:i2]] + [(t, "only_b") for t in tb[j1:j2]]
        side_a += [(t, "only_a") for t in ta[i1:i2]]
        side_b += [(t, "only_b") for t in tb[j1:j2]]
    return merged, side_a, side_b


def word_diff(text_a: str, text_b: str) -> list[tuple[str, str]]:
    """Token-level diff of two statements: what one report adds or drops.

    Tokens are the whitespace-separated words of each text, kept in their
    surface form (punctuation attached).  They are compared by a light
    normalisation — Unicode NFKC, curly quotes and dashes to ASCII, case
    folding, punctuation at the edges of a token stripped — so "Peace," and
    "peace" or "‘core’" and "'core'" count as the same word.  The alignment of
    the two token sequences is Python's :class:`difflib.SequenceMatcher`
    (Ratcliff and Obershelp's gestalt pattern matching: the longest matching
    block, then recursively left and right of it), with ``autojunk`` off so
    that frequent words are never skipped.

    Returns ``[(token, label), ...]`` in reading order, ``label`` one of
    :data:`DIFF_LABELS`: ``"same"`` (in both; the surface form of ``text_a``),
    ``"only_a"`` (in ``text_a`` only), ``"only_b"`` (in ``text_b`` only).
    Where a stretch differs, its ``only_a`` tokens come before its ``only_b``
    tokens.  Reading the ``same`` and ``only_a`` tokens gives back the words
    of ``text_a``; ``same`` and ``only_b`` those of ``text_b`` (up to the
    normalisation above).
    """
    return _diff_sides(text_a, text_b)[0]


# --------------------------------------------------------------------------- side by side

_STYLE = """<style>
table.cc-side-by-side { border-collapse: collapse; font-size: 0.9em; }
table.cc-side-by-side th, table.cc-side-by-side td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
table.cc-side-by-side td.cc-doc { white-space: nowrap; color: #444; }
table.cc-side-by-side td.cc-score { text-align: right; font-variant-numeric: tabular-nums; }
table.cc-side-by-side del.cc-only-a { text-decoration: none; background: #fbd3d3; }
table.cc-side-by-side ins.cc-only-b { text-decoration: none; background: #cdeccd; }
</style>"""


def _highlight(tokens: list[tuple[str, str]], tag: str, label: str) -> str:
    """Escaped tokens joined by spaces; each run of ``label`` tokens wrapped in ``tag``."""
    parts: list[str] = []
    run: list[str] = []
    css = "cc-only-a" if label == "only_a" else "cc-only-b"

    def flush() -> None:
        if run:
            parts.append(f'<{tag} class="{css}">' + " ".join(run) + f"</{tag}>")
            run.clear()

    for token, lab in tokens:
        escaped = html.escape(token, quote=True)
        if lab == label:
            run.append(escaped)
        else:
            flush()
            parts.append(escaped)
    flush()
    return " ".join(parts)


def _doc_cell(doc: object, sent: object) -> str:
    text = str(doc) if sent is None or pd.isna(sent) else f"{doc} #{sent}"
    return html.escape(text, quote=True)


def side_by_side_html(
    alignment: pd.DataFrame,
    *,
    max_rows: int | None = None,
    caption: str | None = None,
    standalone: bool = False,
) -> str:
    """Aligned statements side by side, as an HTML table, the differing words highlighted.

    ``alignment`` has the columns of :func:`claimcompare.align.align_corpus`
    (``doc_a, text_a, doc_b, text_b, score``; ``sent_a`` and ``sent_b`` are
    shown after the document when present).  One table row per alignment
    row, in the table's order (at most ``max_rows``; a last row says how many
    were left out): ``doc_a | text_a | text_b | doc_b | score``.  Inside each
    pair, the words of :func:`word_diff` found only in ``text_a`` are wrapped
    in ``<del class="cc-only-a">``, those only in ``text_b`` in ``<ins
    class="cc-only-b">`` (styled as background colours, not strike-through,
    by a small inline ``<style>``).

    Every piece of text that comes from the data — article text, document
    ids, ``caption`` — is escaped with :func:`html.escape` (quotes included),
    so markup inside an article is shown, never interpreted.  Whitespace
    inside a sentence is shown as single spaces.  ``standalone=True`` wraps the
    table in a complete UTF-8 HTML page.  Returns a ``str``.
    """
    if max_rows is not None and max_rows < 0:
        raise ValueError("max_rows must be None or >= 0")
    shown = alignment if max_rows is None else alignment.iloc[:max_rows]
    rows = []
    for r in shown.itertuples(index=False):
        _, side_a, side_b = _diff_sides(str(r.text_a), str(r.text_b))
        rows.append(
            '<tr class="cc-pair">'
            f'<td class="cc-doc">{_doc_cell(r.doc_a, getattr(r, "sent_a", None))}</td>'
            f'<td class="cc-text">{_highlight(side_a, "del", "only_a")}</td>'
            f'<td class="cc-text">{_highlight(side_b, "ins", "only_b")}</td>'
            f'<td class="cc-doc">{_doc_cell(r.doc_b, getattr(r, "sent_b", None))}</td>'
            f'<td class="cc-score">{float(r.score):.3f}</td>'
            "</tr>"
        )
    left_out = len(alignment) - len(shown)
    if left_out:
        rows.append(f'<tr class="cc-more"><td colspan="5">… {left_out} more aligned pairs not shown</td></tr>')
    if not len(alignment):
        rows.append('<tr class="cc-empty"><td colspan="5">no aligned statements</td></tr>')
    cap = f"<caption>{html.escape(caption, quote=True)}</caption>" if caption else ""
    table = (
        _STYLE
        + '\n<table class="cc-side-by-side">'
        + cap
        + "<thead><tr><th>doc_a</th><th>text_a (words only here highlighted)</th>"
        + "<th>text_b (words only here highlighted)</th><th>doc_b</th><th>score</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n"
    )
    if not standalone:
        return table
    title = html.escape(caption or "Aligned statements side by side", quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>\n{table}</body></html>\n"
    )


# --------------------------------------------------------------------------- score matrix


def similarity_matrix(
    sentences: pd.DataFrame,
    doc_a: str,
    doc_b: str,
    *,
    vectorizer: StatementVectorizer | None = None,
    claims: bool = True,
    containment_weight: float = DEFAULT_CONTAINMENT_WEIGHT,
    off_topic_penalty: float = DEFAULT_OFF_TOPIC_PENALTY,
    speaker_penalty: float = DEFAULT_SPEAKER_PENALTY,
    semantic: object = "auto",
    semantic_weight: float = DEFAULT_SEMANTIC_WEIGHT,
    aligner: object = None,
    scores: dict | None = None,
) -> pd.DataFrame:
    """The aligner's score for every pair of body sentences of two documents.

    ``sentences`` is the sentences table (:func:`claimcompare.corpus.sentences_table`)
    of the whole corpus, as given to :func:`claimcompare.align.align_corpus`:
    with ``vectorizer=None`` a :class:`~claimcompare.similarity.StatementVectorizer`
    is fitted on all its body sentences (their claims), and names are read
    over all of them, exactly as ``align_corpus`` does — so on every linked
    pair the value equals the alignment table's ``score``.  The knobs are
    those of :func:`claimcompare.align.align_pair`.

    Score (:func:`claimcompare.align.score_matrix`): ``((1 - w) * cosine + w *
    overlap) * penalties`` in [0, 1] (with the semantic backend, the part
    before the penalties mixed with the embedding cosine), rounded to 6
    decimals like the alignment table.

    Returns a DataFrame, index ``sent_a`` (``sent_id`` of ``doc_a``'s body
    sentences), columns ``sent_b`` (``doc_b``'s), both in reading order;
    ``attrs`` holds ``doc_a``, ``doc_b`` and ``score``, what the values are
    (``"alignment score"``, or ``"link probability"`` with ``aligner``).  Raises ``KeyError`` when a
    document has no body sentence in ``sentences``.

    ``aligner``: a fitted :class:`claimcompare.aligner.Aligner` (fitted on
    ``sentences``); the matrix is then its :meth:`~claimcompare.aligner.Aligner.score`,
    the link probability, rounded as its alignment table rounds it (so on
    every linked pair it equals that table's ``score``), and the knobs above
    are not used.  ``scores``: the aligner's :meth:`~claimcompare.aligner.Aligner.scores`
    already computed (the same dict its ``align`` took), so that the pair is
    not scored again when it holds ``(doc_a, doc_b)``.
    """
    if aligner is not None:
        if not hasattr(aligner, "docs_"):
            raise RuntimeError("the aligner is not fitted: call fit(sentences, documents) first")
        fitted = aligner.docs_
        for d in (doc_a, doc_b):
            if d not in fitted:
                raise KeyError(f"document {d!r} has no body sentences in the table")
        matrix = scores[doc_a, doc_b] if scores is not None and (doc_a, doc_b) in scores else aligner.score(doc_a, doc_b)
        return _labelled(matrix, fitted[doc_a].rows, fitted[doc_b].rows, doc_a, doc_b, "link probability")
    body = body_sentences(sentences)
    if body.empty:
        raise KeyError(f"no body sentences in the table (looking for {doc_a!r} and {doc_b!r})")
    docs, _ = prepare_documents(body, vectorizer, claims=claims)
    for d in (doc_a, doc_b):
        if d not in docs:
            raise KeyError(f"document {d!r} has no body sentences in the table")
    emb = claim_embeddings(docs, (doc_a, doc_b), resolve_encoder(semantic))
    s, _ = score_matrix(
        docs[doc_a],
        docs[doc_b],
        containment_weight=containment_weight,
        off_topic_penalty=off_topic_penalty,
        speaker_penalty=speaker_penalty,
        semantic=embedding_cosines(emb, doc_a, doc_b),
        semantic_weight=semantic_weight,
    )
    return _labelled(s, docs[doc_a].rows, docs[doc_b].rows, doc_a, doc_b, "alignment score")


def _labelled(scores: np.ndarray, rows_a: pd.DataFrame, rows_b: pd.DataFrame, doc_a: str, doc_b: str, score: str) -> pd.DataFrame:
    """A score matrix as :func:`similarity_matrix` returns it: rounded to 6 decimals, labelled by ``sent_id``, in reading order."""
    out = pd.DataFrame(
        np.round(scores, 6),
        index=pd.Index(rows_a["sent_id"].to_numpy(dtype="int64"), name="sent_a"),
        columns=pd.Index(rows_b["sent_id"].to_numpy(dtype="int64"), name="sent_b"),
    )
    out = out.sort_index(axis=0).sort_index(axis=1)
    out.attrs = {"doc_a": doc_a, "doc_b": doc_b, "score": score}
    return out


def _pair_links(matrix: pd.DataFrame, links: pd.DataFrame) -> list[tuple[int, int]]:
    """(row position, column position) of each link of ``links`` that falls in ``matrix``."""
    da, db = matrix.attrs.get("doc_a"), matrix.attrs.get("doc_b")
    if {"doc_a", "doc_b"} <= set(links.columns) and da is not None and db is not None:
        fwd = links[(links["doc_a"] == da) & (links["doc_b"] == db)]
        bwd = links[(links["doc_a"] == db) & (links["doc_b"] == da)]
        pairs = list(zip(fwd["sent_a"], fwd["sent_b"])) + list(zip(bwd["sent_b"], bwd["sent_a"]))
    else:
        pairs = list(zip(links["sent_a"], links["sent_b"]))
    rows = {v: k for k, v in enumerate(matrix.index)}
    cols = {v: k for k, v in enumerate(matrix.columns)}
    return sorted((rows[a], cols[b]) for a, b in pairs if a in rows and b in cols)


def plot_similarity_heatmap(
    matrix: pd.DataFrame,
    *,
    links: pd.DataFrame | None = None,
    ax: plt.Axes | None = None,
    cmap: str = "viridis",
) -> plt.Axes:
    """Heatmap of a :func:`similarity_matrix`, the aligned pairs outlined.

    Rows are ``doc_a``'s body sentences top to bottom, columns ``doc_b``'s
    left to right, both in reading order and labelled by ``sent_id``; colour
    is the matrix's score (``matrix.attrs["score"]``, default ``"alignment
    score"``: the rules' score, or the learned aligner's link probability) on
    a fixed 0–1 scale, named in the title and the colorbar.  ``links`` (an alignment table, or any table with ``sent_a,
    sent_b``): each link of this pair of documents is outlined with a red
    square; with ``doc_a, doc_b`` columns and ``matrix.attrs`` set, only the
    links between these two documents are drawn, in either orientation.
    Returns the Axes.
    """
    da, db = matrix.attrs.get("doc_a", "document a"), matrix.attrs.get("doc_b", "document b")
    n_a, n_b = matrix.shape
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.42 * n_b + 2.5), max(3.0, 0.36 * n_a + 1.8)))
    image = ax.imshow(
        matrix.to_numpy(dtype=float).reshape(n_a, n_b), vmin=0.0, vmax=1.0, cmap=cmap, aspect="auto", interpolation="nearest"
    )
    ax.set_xticks(range(n_b))
    ax.set_xticklabels([str(c) for c in matrix.columns])
    ax.set_yticks(range(n_a))
    ax.set_yticklabels([str(i) for i in matrix.index])
    ax.set_xlabel(f"{db}: body sentence (sent_id, reading order)")
    ax.set_ylabel(f"{da}: body sentence (sent_id)")
    score = str(matrix.attrs.get("score", "alignment score"))
    ax.set_title(f"{score[:1].upper()}{score[1:]} of every sentence pair\n{da} vs {db}")
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(f"{score} (0-1)")
    if links is not None and len(links):
        cells = _pair_links(matrix, links)
        if cells:
            y, x = zip(*cells)
            ax.scatter(x, y, marker="s", s=150, facecolors="none", edgecolors="red", linewidths=1.6, label="aligned pair")
            ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.12), frameon=False, fontsize="small")
    return ax


# --------------------------------------------------------------------------- coverage


def _pair_set(pairs: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in zip(pairs["doc_a"], pairs["doc_b"])}


def coverage(
    sentences: pd.DataFrame,
    alignment: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    exclude: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of each compared document's body sentences with a counterpart in another compared report.

    ``pairs`` are the compared document pairs (``doc_a, doc_b``, as from
    :func:`claimcompare.align.candidate_pairs`); only links of ``alignment``
    between the two documents of a pair count.  ``exclude`` (``doc_id,
    sent_id``) leaves sentences out of both counts — e.g. a report's
    passages about another event.

    Returns one row per document of ``pairs``, columns
    :data:`COVERAGE_COLUMNS`: ``body_sentences`` (int), ``with_counterpart``
    (int, body sentences linked to at least one sentence of another report),
    ``share`` = with_counterpart / body_sentences in [0, 1] (NaN when a
    document has no body sentence left).  Sorted by ``doc_id``.
    """
    docs = sorted(set(pairs["doc_a"]) | set(pairs["doc_b"])) if len(pairs) else []
    body = body_sentences(sentences)
    body = body[body["doc_id"].isin(docs)]
    keys = list(zip(body["doc_id"], body["sent_id"]))
    if exclude is not None and len(exclude):
        dropped = set(zip(exclude["doc_id"], exclude["sent_id"]))
        keys = [k for k in keys if k not in dropped]
    compared = _pair_set(pairs) if len(pairs) else set()
    linked: set[tuple[str, int]] = set()
    for r in alignment.itertuples(index=False):
        if frozenset((r.doc_a, r.doc_b)) in compared:
            linked.add((r.doc_a, int(r.sent_a)))
            linked.add((r.doc_b, int(r.sent_b)))
    n_body = {d: 0 for d in docs}
    n_linked = {d: 0 for d in docs}
    for d, s in keys:
        n_body[d] += 1
        n_linked[d] += (d, int(s)) in linked
    out = pd.DataFrame(
        {
            "doc_id": docs,
            "body_sentences": [n_body[d] for d in docs],
            "with_counterpart": [n_linked[d] for d in docs],
        },
        columns=list(COVERAGE_COLUMNS[:3]),
    ).astype({"doc_id": "object", "body_sentences": "int64", "with_counterpart": "int64"})
    out["share"] = (out["with_counterpart"] / out["body_sentences"].where(out["body_sentences"] > 0)).astype("float64")
    return out.sort_values("doc_id", ignore_index=True)


def plot_coverage(table: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal bars: share of each document's body sentences with a counterpart (0-1).

    ``table`` is :func:`coverage`; with a ``variant`` column (several
    coverage tables concatenated, e.g. with and without some sentences), one
    bar per variant is drawn for each document, variants in order of first
    appearance.  Each bar is annotated "with_counterpart/body_sentences".
    Documents run top to bottom in the table's order.  Returns the Axes.
    """
    variants = list(dict.fromkeys(table["variant"])) if "variant" in table else [None]
    docs = list(dict.fromkeys(table["doc_id"]))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(docs) * len(variants) + 1.5))
    height = 0.8 / len(variants)
    for k, variant in enumerate(variants):
        part = table if variant is None else table[table["variant"] == variant]
        part = part.set_index("doc_id").reindex(docs)
        y = np.arange(len(docs)) - 0.4 + height * (k + 0.5)
        share = part["share"].fillna(0.0).to_numpy(dtype=float)
        ax.barh(y, share, height=height * 0.9, label=None if variant is None else str(variant), color=plt.get_cmap("tab10")(k % 10))
        for yy, sh, n, m in zip(y, share, part["with_counterpart"], part["body_sentences"]):
            if pd.notna(m):
                ax.text(min(sh, 1.0) + 0.01, yy, f"{int(n)}/{int(m)}", va="center", fontsize="small")
    ax.set_yticks(range(len(docs)))
    ax.set_yticklabels(docs)
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_xlim(0, 1.1)
    ax.set_xlabel("share of body sentences with a counterpart in another report (0-1)")
    ax.set_ylabel("document")
    ax.set_title("Coverage: how much of each report the others also report")
    if variants != [None]:
        ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax


# --------------------------------------------------------------------------- off-event passages


def passages_about_other_events(
    sentences: pd.DataFrame,
    doc_id: str,
    other_doc_ids: Iterable[str],
) -> pd.DataFrame:
    """Which body sentences of a report are about participants the other reports never name.

    The aligner's off-topic rule (:func:`claimcompare.align.off_topic`: a
    sentence naming more recurring participants of its own report that the
    other report never mentions than shared ones, or sitting between two
    such sentences) is applied against each document of ``other_doc_ids``,
    with names read over all body sentences of ``sentences`` as
    :func:`claimcompare.align.align_corpus` does.  A sentence is
    *off-event* when it is off-topic with respect to **every** other report:
    a passage none of them covers, such as a second meeting reported in the
    same article.  Other documents without body sentences (and ``doc_id``
    itself) are ignored; with no other document left, nothing is off-event.

    Returns one row per body sentence of ``doc_id``, columns
    :data:`OFF_EVENT_COLUMNS` (``off_event`` bool), sorted by ``sent_id``;
    empty when ``doc_id`` has no body sentence.

    This is the aligner's name-based rule, kept for comparison and for
    callers without event metadata.  The notebooks mark off-event sentences
    with :func:`claimcompare.passages.own_event` instead (the sentences
    table's ``event`` column, the one home for the event of a sentence), so
    notebook 02 and the analyses of notebooks 03–05 agree.
    """
    body = body_sentences(sentences)
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(OFF_EVENT_COLUMNS, ("object", "int64", "bool", "object"))})
    if body.empty or doc_id not in set(body["doc_id"]):
        return empty
    docs, _ = prepare_documents(body, None, claims=True)
    own = docs[doc_id]
    others = sorted({o for o in other_doc_ids if o != doc_id and o in docs})
    mask = np.ones(len(own.rows), dtype=bool) if others else np.zeros(len(own.rows), dtype=bool)
    for o in others:
        mask &= off_topic(own, docs[o])
    out = pd.DataFrame(
        {
            "doc_id": own.rows["doc_id"].to_numpy(dtype=object),
            "sent_id": own.rows["sent_id"].to_numpy(dtype="int64"),
            "off_event": mask.astype(bool),
            "text": own.rows["text"].to_numpy(dtype=object),
        }
    )
    return out.sort_values("sent_id", ignore_index=True)


def links_touching(alignment: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``alignment`` with at least one end among the sentences ``keys``.

    ``keys`` has columns ``doc_id, sent_id`` (e.g. the off-event rows of
    :func:`passages_about_other_events`).  Returns the matching alignment
    rows (same columns, same order, index reset) with two added bool columns,
    ``a_in_keys`` and ``b_in_keys``.
    """
    wanted = set(zip(keys["doc_id"], keys["sent_id"].astype("int64")))
    a_in = np.array([(d, int(s)) in wanted for d, s in zip(alignment["doc_a"], alignment["sent_a"])], dtype=bool)
    b_in = np.array([(d, int(s)) in wanted for d, s in zip(alignment["doc_b"], alignment["sent_b"])], dtype=bool)
    out = alignment.assign(a_in_keys=a_in, b_in_keys=b_in)
    return out[a_in | b_in].reset_index(drop=True)


def links_within(alignment: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``alignment`` whose two ends are both among the sentences ``keys``.

    ``keys`` has columns ``doc_id, sent_id`` (e.g. the sentences about the
    event compared, ``own_event`` True in
    :func:`claimcompare.passages.own_event`).  Returns the matching
    alignment rows (same columns, same order, index reset): the links of one
    event's passages, without those that join a passage about another event.
    """
    wanted = set(zip(keys["doc_id"], keys["sent_id"].astype("int64")))
    both = np.array(
        [(d, int(s)) in wanted and (e, int(t)) in wanted
         for d, s, e, t in zip(alignment["doc_a"], alignment["sent_a"], alignment["doc_b"], alignment["sent_b"])],  # fmt: skip
        dtype=bool,
    )
    return alignment[both].reset_index(drop=True) if len(alignment) else alignment.reset_index(drop=True)


# --------------------------------------------------------------------------- events and thresholds


def event_documents(documents: pd.DataFrame, event: str | None = None) -> tuple[str | None, list[str]]:
    """The documents of one event: ``(event key, sorted doc_ids)``.

    Events are keyed ``"<event_date> <event_title>"`` from the document
    table (:attr:`claimcompare.corpus.Corpus.documents`).  ``event=None``
    picks the event with the most documents (ties: the earliest key in sort
    order); when no document has an event, the key is ``None`` and every
    document is returned.  Otherwise ``event`` may be a full key, an
    ``event_title`` or an ``event_date``; ``ValueError`` (listing the known
    events) when nothing matches.  Documents flagged ``duplicate_of`` are
    left out.
    """
    docs = documents
    if "duplicate_of" in docs:
        docs = docs[docs["duplicate_of"].isna()]
    keys = document_event_keys(docs) if len(docs) else pd.Series(dtype="object")
    known = keys.dropna()
    if event is None:
        if known.empty:
            return None, sorted(docs["doc_id"])
        counts = known.value_counts()
        best = sorted(counts.index, key=lambda k: (-int(counts[k]), k))[0]
        return best, sorted(known.index[known == best])
    d = docs.set_index("doc_id")
    match = known == event
    if not match.any() and "event_title" in d:
        match = (d["event_title"].astype(str) == event).reindex(known.index, fill_value=False)
    if not match.any() and "event_date" in d:
        match = (d["event_date"].astype(str) == event).reindex(known.index, fill_value=False)
    if not match.any():
        listing = "; ".join(sorted(set(known))) or "none"
        raise ValueError(f"no document reports the event {event!r}; known events: {listing}")
    chosen = sorted(set(known[match]))
    if len(chosen) > 1:
        raise ValueError(f"{event!r} matches several events: {'; '.join(chosen)}; give the full key")
    return chosen[0], sorted(known.index[known == chosen[0]])


#: The minimum scores :func:`threshold_sensitivity` tries for the scoring rules (around their default, 0.15 lexical).
RULES_THRESHOLDS: tuple[float, ...] = (0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3)
#: The link probabilities it tries for the learned aligner (with the aligner's own threshold added).
PROBABILITY_THRESHOLDS: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def threshold_sensitivity(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None,
    pairs: pd.DataFrame,
    *,
    min_scores: Sequence[float] | None = None,
    min_outlets: int = 3,
    semantic: object = "auto",
    families: pd.DataFrame | None = None,
    exclude: pd.DataFrame | None = None,
    aligner: object = None,
    scores: dict | None = None,
) -> pd.DataFrame:
    """How the alignment's headline counts move with the minimum link score.

    For each ``min_score`` (``None``: :data:`RULES_THRESHOLDS`, or
    :data:`PROBABILITY_THRESHOLDS` and the aligner's threshold with ``aligner``),
    :func:`claimcompare.align.align_corpus` is run on
    ``pairs`` (other knobs at their defaults; ``semantic`` as in
    :func:`claimcompare.align.align_pair`) and counted.  Returns columns
    ``min_score`` (float), ``links`` (rows of the alignment), ``shared_statements``
    (clusters of :func:`claimcompare.align.statement_clusters` carried by at
    least ``min_outlets`` outlets: ``n_outlets``, or, when ``families``
    (:func:`claimcompare.copies.source_families`) is given, source families
    counted by :func:`claimcompare.copies.count_outlets`, so copies of one
    text count once), ``with_counterpart`` and ``unique`` (body
    sentences of the compared documents with / without a link, summed over
    documents), sorted by ``min_score``.  ``exclude`` (``doc_id, sent_id``,
    e.g. a report's passages about another event) leaves sentences out of
    the last three counts: a link that touches one joins no statement, and
    they are neither with nor without a counterpart (``links`` still counts
    every link).

    ``aligner``: a fitted :class:`claimcompare.aligner.Aligner`; each
    ``min_score`` is then its probability threshold, and ``pairs`` are
    scored once (:meth:`~claimcompare.aligner.Aligner.scores`) and relinked
    at each threshold (:meth:`~claimcompare.aligner.Aligner.align` with
    ``scores``); ``semantic`` is not used.  ``scores``: those scores when
    they were already computed (:meth:`~claimcompare.aligner.Aligner.scores`
    of ``pairs``), so the pairs are not scored again.
    """
    from .copies import count_outlets

    rows = []
    encoder = resolve_encoder(semantic) if aligner is None else None  # resolved once, not per threshold
    scored = (aligner.scores(pairs) if scores is None else scores) if aligner is not None else None  # scored once, relinked per threshold
    if min_scores is None:
        min_scores = RULES_THRESHOLDS if aligner is None else (*PROBABILITY_THRESHOLDS, aligner.threshold_)
    for m in sorted(set(float(x) for x in min_scores)):
        if aligner is not None:
            a = aligner.align(pairs, scores=scored, threshold=m)
        else:
            a = align_corpus(sentences, documents, pairs=pairs, min_score=m, semantic=encoder)
        kept = a
        if exclude is not None and len(exclude) and len(a):
            dropped = set(zip(exclude["doc_id"], exclude["sent_id"].astype("int64")))
            touching = [(d, int(x)) in dropped or (e, int(y)) in dropped for d, x, e, y in zip(a["doc_a"], a["sent_a"], a["doc_b"], a["sent_b"])]
            kept = a[~np.array(touching, dtype=bool)]
        clusters = statement_clusters(kept, documents)
        if families is not None and len(clusters):
            counted = count_outlets(clusters, families)
            shared = int((counted["n_families"] >= min_outlets).sum())
        else:
            shared = clusters.loc[clusters["n_outlets"] >= min_outlets, "cluster"].nunique() if len(clusters) else 0
        cov = coverage(sentences, a, pairs, exclude=exclude)
        unique = unique_statements(sentences, a, pairs)
        if exclude is not None and len(exclude):
            dropped = set(zip(exclude["doc_id"], exclude["sent_id"].astype("int64")))
            unique = unique[[(d, int(x)) not in dropped for d, x in zip(unique["doc_id"], unique["sent_id"])]]
        rows.append((m, len(a), int(shared), int(cov["with_counterpart"].sum()), int(len(unique))))
    out = pd.DataFrame(rows, columns=["min_score", "links", "shared_statements", "with_counterpart", "unique"])
    return out.astype({"min_score": "float64", "links": "int64", "shared_statements": "int64", "with_counterpart": "int64", "unique": "int64"})

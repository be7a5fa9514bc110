"""Where each report puts its weight: themes, topics, distinctive terms, the lead.

Four views of emphasis, each a function from the sentences table
(:func:`claimcompare.corpus.sentences_table`; only ``role == "body"`` rows are
used) to a tidy DataFrame, plus plot helpers.

1. **Theme shares** from a transparent, hand-made lexicon
   (``claimcompare/data/themes.csv``, columns ``theme, term``; read with
   :func:`load_themes`).  Terms and sentences are normalised the same way, by
   :func:`claimcompare.similarity.word_tokens` (NFKC, lower case, hyphens
   split, ``counter``/``anti`` folded, stop words dropped, Snowball stems), so
   the lexicon entry "terrorism" matches "terrorism" and "anti-terrorism", and
   "belt and road" matches "Belt and Road".  A multi-word term matches only as
   consecutive tokens *after* stop-word removal.  :func:`theme_shares` counts,
   per document, the body sentences that mention each theme.
2. **Topics** (:func:`nmf_topics`): an unsupervised cross-check of the
   lexicon, TF-IDF of the same tokens factorised by non-negative matrix
   factorisation (Lee and Seung 1999; scikit-learn's ``NMF`` with the
   deterministic ``nndsvda`` initialisation of Boutsidis and Gallopoulos 2008).
3. **Distinctive terms** (:func:`log_odds_dirichlet`,
   :func:`distinctive_terms`): weighted log-odds ratios with an informative
   Dirichlet prior, Monroe, Colaresi and Quinn (2008), "Fightin' Words",
   *Political Analysis* 16(4): 372-403, section 3.5 (the log-odds ratio with an informative Dirichlet prior, its variance and z-score), each group
   against all other groups pooled.
4. **Lead emphasis** (:func:`lead_emphasis`, :func:`first_statements`): what a
   report says first, by weighting body sentences by their position (the
   inverted pyramid: news puts what it considers most important first).

Grouping (``by=``) is either a column of the sentences table (default
``"doc_id"``; the output column keeps that name) or a mapping ``doc_id ->
label`` (for example an outlet, or "outlet date" from :func:`doc_labels`; the
output column is then ``group``; documents missing from the mapping are left
out).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import snowballstemmer
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from .similarity import word_tokens

__all__ = [
    "THEME_COLUMNS",
    "distinctive_terms",
    "doc_labels",
    "first_statements",
    "lead_emphasis",
    "load_themes",
    "log_odds_dirichlet",
    "nmf_topics",
    "plot_distinctive_terms",
    "plot_lead_emphasis",
    "plot_theme_shares",
    "sentence_themes",
    "theme_shares",
    "topic_theme_overlap",
]

#: Columns of :func:`load_themes`.
THEME_COLUMNS: tuple[str, ...] = ("theme", "term", "tokens")
_LOG_ODDS_COLUMNS = ["group", "term", "count", "delta", "variance", "z"]


# --------------------------------------------------------------------------- tokens


class _Tokenizer:
    """Stemmed and surface tokens of a text, with a per-instance stem memo (no module state)."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        return word_tokens(text, stemmer=self._stemmer, memo=self._memo)

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """``(stem, surface word)`` for each token (``word_tokens`` keeps the two lists aligned)."""
        surface = word_tokens(text, stem=False)
        return list(zip(self(text), surface, strict=True))


def _surface_forms(texts: Iterable[str], tok: _Tokenizer) -> dict[str, str]:
    """``stem -> its most frequent surface word`` (ties: alphabetically first), for readable labels."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        counts.update(tok.pairs(text))
    best: dict[str, tuple[int, str]] = {}
    for (stem, word), n in counts.items():
        cur = best.get(stem)
        if cur is None or n > cur[0] or (n == cur[0] and word < cur[1]):
            best[stem] = (n, word)
    return {stem: word for stem, (_, word) in best.items()}


def _body(sentences: pd.DataFrame) -> pd.DataFrame:
    """Body sentences in reading order with ``position`` (1-based rank among the document's body sentences)."""
    body = sentences[sentences["role"] == "body"] if "role" in sentences.columns else sentences
    body = body.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    return body.assign(position=body.groupby("doc_id").cumcount().astype("int64") + 1)


def _group_key(body: pd.DataFrame, by: str | Mapping[str, str]) -> tuple[pd.Series, str]:
    """The group of each body sentence and the name of the output column."""
    if isinstance(by, str):
        if by not in body.columns:
            raise KeyError(f"by={by!r} is not a column of the sentences table")
        return body[by].astype("string"), by
    key = body["doc_id"].map(dict(by))
    return key.astype("string"), "group"


def doc_labels(documents: pd.DataFrame) -> pd.Series:
    """Readable label of each document: ``"<outlet> <published>"``.

    ``documents`` is :attr:`claimcompare.corpus.Corpus.documents`.  Falls back
    to the ``doc_id`` when ``outlet`` is missing, leaves out the date when
    ``published`` is missing, and appends ``" (<doc_id>)"`` to labels that two
    documents would share.  Returns a Series ``doc_id -> label`` (str) sorted
    by ``doc_id``; pass it as ``by=`` to group by document with readable names.
    """
    labels = {}
    for d in documents.sort_values("doc_id").itertuples(index=False):
        outlet = getattr(d, "outlet", None)
        date = getattr(d, "published", None)
        outlet = None if outlet is None or pd.isna(outlet) or not str(outlet).strip() else str(outlet).strip()
        date = None if date is None or pd.isna(date) or not str(date).strip() else str(date).strip()
        labels[d.doc_id] = d.doc_id if outlet is None else (f"{outlet} {date}" if date else outlet)
    counts = Counter(labels.values())
    out = {k: (v if counts[v] == 1 or v == k else f"{v} ({k})") for k, v in labels.items()}
    return pd.Series(out, name="label", dtype="string").rename_axis("doc_id")


# --------------------------------------------------------------------------- lexicon


def load_themes(path: str | Path | None = None) -> pd.DataFrame:
    """The theme lexicon: one row per (theme, term), in file order.

    ``path`` defaults to the lexicon shipped with the package
    (``claimcompare/data/themes.csv``).  The file has columns ``theme, term``:
    one lower-case word or phrase per row; a term may appear under several
    themes.

    Returns columns :data:`THEME_COLUMNS`: ``theme``, ``term`` and ``tokens``
    (the term normalised and stemmed by
    :func:`~claimcompare.similarity.word_tokens`, space-separated: what is
    matched).  Raises ``ValueError`` for missing columns, empty cells, a
    (theme, term) row given twice, or a term made only of stop words (it
    could never match).
    """
    source = files("claimcompare") / "data" / "themes.csv" if path is None else Path(path)
    with source.open("r", encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype="string", keep_default_na=False)
    missing = {"theme", "term"} - set(table.columns)
    if missing:
        raise ValueError(f"theme lexicon {source} lacks column(s) {sorted(missing)}")
    table = table[["theme", "term"]].apply(lambda c: c.str.strip())
    if (table == "").any().any():
        raise ValueError(f"theme lexicon {source} has an empty theme or term")
    table["term"] = table["term"].str.lower()
    dup = table.duplicated()
    if dup.any():
        theme, term = table[dup].iloc[0]
        raise ValueError(f"theme lexicon {source} lists {term!r} twice under {theme!r}")
    tok = _Tokenizer()
    tokens = [" ".join(tok(t)) for t in table["term"]]
    empty = [t for t, s in zip(table["term"], tokens, strict=True) if not s]
    if empty:
        raise ValueError(f"theme lexicon {source}: term(s) {empty} are only stop words and can never match")
    return table.assign(tokens=pd.array(tokens, dtype="string")).reset_index(drop=True)


def _theme_order(themes: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(themes["theme"].tolist()))


def _compile(themes: pd.DataFrame) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """theme -> [(stem tuple, term)], longest first, then alphabetically (leftmost-longest matching)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for theme in _theme_order(themes):
        rows = themes[themes["theme"] == theme]
        entries = {}
        for term, toks in zip(rows["term"], rows["tokens"], strict=True):
            key = tuple(str(toks).split())
            entries.setdefault(key, term)  # several spellings of one stem: keep the first listed
        out[theme] = sorted(entries.items(), key=lambda e: (-len(e[0]), e[0]))
    return out


def _match(tokens: Sequence[str], entries: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """Terms of one theme found in ``tokens``: leftmost-longest, non-overlapping."""
    found = []
    i = 0
    while i < len(tokens):
        for key, term in entries:
            if tuple(tokens[i : i + len(key)]) == key:
                found.append(term)
                i += len(key)
                break
        else:
            i += 1
    return found


def sentence_themes(sentences: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """The themes each body sentence mentions: one row per (sentence, theme) with a hit.

    Matching: the sentence and each lexicon term are tokenised by
    :func:`~claimcompare.similarity.word_tokens`; a term matches where its
    stems occur as consecutive tokens.  Within one theme, matches are found
    left to right, longest term first, and do not overlap, so "belt and road"
    counts once and not again as "road".  Themes are matched independently:
    one word can count for two themes when the lexicon lists it under both.

    Returns columns ``doc_id``, ``sent_id``, ``position`` (1-based rank among
    the document's body sentences), ``theme``, ``hits`` (int >= 1, matches
    in the sentence) and ``terms`` (the matched lexicon terms, sorted,
    ``"; "``-separated), sorted by ``doc_id``, ``sent_id`` and lexicon theme
    order.
    """
    cols = ["doc_id", "sent_id", "position", "theme", "hits", "terms"]
    body = _body(sentences)
    compiled = _compile(themes)
    tok = _Tokenizer()
    rows = []
    for s in body.itertuples(index=False):
        tokens = tok(s.text)
        for theme, entries in compiled.items():
            found = _match(tokens, entries)
            if found:
                rows.append((s.doc_id, s.sent_id, s.position, theme, len(found), "; ".join(sorted(set(found)))))
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"sent_id": "int64", "position": "int64", "hits": "int64"})


def _weights(position: pd.Series, weight: str, half_life: float) -> pd.Series:
    if weight == "inverse_rank":
        return 1.0 / position
    if weight == "exponential":
        if not half_life > 0:
            raise ValueError("half_life must be positive")
        return 0.5 ** ((position - 1) / half_life)
    if weight == "uniform":
        return pd.Series(1.0, index=position.index)
    raise ValueError(f"weight must be 'inverse_rank', 'exponential' or 'uniform', not {weight!r}")


def _weighted_theme_table(
    sentences: pd.DataFrame, themes: pd.DataFrame, by: str | Mapping[str, str], weight: str, half_life: float
) -> tuple[pd.DataFrame, str]:
    """Per (group, theme): body sentences, hits, weight of hitting sentences, total weight."""
    body = _body(sentences)
    key, name = _group_key(body, by)
    body = body.assign(_group=key, _w=_weights(body["position"].astype("float64"), weight, half_life))
    body = body[body["_group"].notna()]
    order = _theme_order(themes)
    if body.empty:
        return pd.DataFrame(columns=[name, "theme", "n_body", "sentences", "hits", "w_hit", "w_total"]), name
    hits = sentence_themes(body.drop(columns=["position"]), themes).merge(
        body[["doc_id", "sent_id", "_group", "_w"]], on=["doc_id", "sent_id"], how="inner"
    )
    per_theme = hits.groupby(["_group", "theme"]).agg(
        sentences=("sent_id", "size"), hits=("hits", "sum"), w_hit=("_w", "sum")
    )
    totals = body.groupby("_group").agg(n_body=("sent_id", "size"), w_total=("_w", "sum"))
    grid = pd.MultiIndex.from_product([sorted(totals.index), order], names=["_group", "theme"])
    table = per_theme.reindex(grid, fill_value=0).reset_index().merge(totals.reset_index(), on="_group")
    table["theme"] = pd.Categorical(table["theme"], categories=order, ordered=True)
    table = table.sort_values(["_group", "theme"], kind="stable").reset_index(drop=True)
    table["theme"] = table["theme"].astype("string")
    return table.rename(columns={"_group": name}), name


def theme_shares(sentences: pd.DataFrame, themes: pd.DataFrame, *, by: str | Mapping[str, str] = "doc_id") -> pd.DataFrame:
    """Share of each group's body sentences that mention each theme.

    ``themes`` is :func:`load_themes`; matching as in :func:`sentence_themes`.
    **A sentence that mentions two themes counts once for each**, so a
    group's shares can add up to more than 1 (and to less than 1 when some
    sentences mention no theme); ``share`` answers "how often does this
    report touch on the theme", not "how is the report divided".

    Returns one row per (group, theme), every theme of the lexicon included
    (zeros too): the group column (``doc_id`` or ``by``; ``group`` for a
    mapping), ``theme``, ``sentences`` (int, body sentences with at least one
    hit), ``share`` (``sentences`` / body sentences of the group, in [0, 1])
    and ``hits`` (int, term matches).  Sorted by group, then lexicon theme
    order.  No body sentences: an empty table with these columns.
    """
    table, name = _weighted_theme_table(sentences, themes, by, "uniform", 1.0)
    cols = [name, "theme", "sentences", "share", "hits"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    table["share"] = table["sentences"] / table["n_body"]
    return table[cols].astype({"sentences": "int64", "hits": "int64", "share": "float64"})


def lead_emphasis(
    sentences: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    weight: str = "inverse_rank",
    half_life: float = 3.0,
    by: str | Mapping[str, str] = "doc_id",
) -> pd.DataFrame:
    """Theme shares weighted towards the start of each report.

    Each body sentence gets a weight from its position ``k`` (1 = the first
    body sentence, after headline and dateline) within its document:

    ``"inverse_rank"`` (default)
        ``w_k = 1 / k``: 1, 1/2, 1/3, ... (the harmonic weights of discounted
        rank measures; in a 10-sentence report the first sentence carries
        34% of the weight, the first three 62%).
    ``"exponential"``
        ``w_k = 0.5 ** ((k - 1) / half_life)``: weight halves every
        ``half_life`` sentences.
    ``"uniform"``
        ``w_k = 1``: ``weighted_share`` equals ``share``.

    ``weighted_share = sum_k w_k * [sentence k mentions the theme] / sum_k
    w_k`` over the group's body sentences, in [0, 1]; a sentence with two
    themes counts for both (as in :func:`theme_shares`).

    Returns one row per (group, theme): the group column, ``theme``,
    ``share`` (unweighted, as :func:`theme_shares`), ``weighted_share`` and
    ``shift`` (``weighted_share - share``: positive when the theme comes
    early), sorted by group then lexicon theme order.
    """
    table, name = _weighted_theme_table(sentences, themes, by, weight, half_life)
    cols = [name, "theme", "share", "weighted_share", "shift"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    table["share"] = table["sentences"] / table["n_body"]
    table["weighted_share"] = table["w_hit"] / table["w_total"]
    table["shift"] = table["weighted_share"] - table["share"]
    return table[cols].astype({"share": "float64", "weighted_share": "float64", "shift": "float64"})


def first_statements(sentences: pd.DataFrame, n: int = 3, *, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each report's first ``n`` body sentences: what it says first.

    Returns columns ``doc_id``, ``position`` (1..n), ``sent_id``, ``text``
    and, when ``themes`` (:func:`load_themes`) is given, ``themes`` (the
    themes the sentence mentions, in lexicon order, ``"; "``-separated, ``""``
    for none).  Sorted by ``doc_id`` and ``position``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    body = _body(sentences)
    out = body[body["position"] <= n][["doc_id", "position", "sent_id", "text"]].reset_index(drop=True)
    if themes is not None:
        st = sentence_themes(sentences, themes)
        joined = st.groupby(["doc_id", "sent_id"], sort=False)["theme"].agg("; ".join).rename("themes")
        out = out.merge(joined.reset_index(), on=["doc_id", "sent_id"], how="left")
        out["themes"] = out["themes"].fillna("")
    return out.astype({"position": "int64", "sent_id": "int64"})


# --------------------------------------------------------------------------- topics


def nmf_topics(
    sentences: pd.DataFrame,
    *,
    n_topics: int = 6,
    random_state: int = 0,
    top_terms: int = 8,
    min_df: int = 1,
    max_df: float = 0.3,
    keep_numbers: bool = False,
    max_iter: int = 2000,
    by: str | Mapping[str, str] = "doc_id",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics of the body sentences by NMF, and each group's share of each topic.

    Method: each body sentence is a sample; TF-IDF (scikit-learn
    ``TfidfVectorizer``, smooth idf, L2 rows) of its
    :func:`~claimcompare.similarity.word_tokens` stems (numbers dropped
    unless ``keep_numbers``; stems in fewer than ``min_df`` sentences, or in
    more than the fraction ``max_df`` of them, dropped: the default 0.3 acts
    as a corpus-specific stop list, removing the words nearly every sentence
    shares, such as the two countries' names and "said", which otherwise
    form a topic of their own); ``X ≈ W H`` by ``NMF(n_components=n_topics, init="nndsvda",
    random_state=random_state)`` (Frobenius loss).  ``nndsvda`` is an SVD
    start, so the result is deterministic.  ``n_topics`` is capped at
    ``min(sentences, vocabulary)`` (NNDSVD's limit); no vocabulary left
    (no body sentences, or too few for ``min_df``/``max_df``): two empty
    tables.  Topics are numbered
    1, 2, ... by their total weight in the corpus (sum of ``W``), largest
    first.

    Returns
    -------
    topics
        ``topic`` (int), ``rank`` (1..top_terms), ``term`` (the stem's most
        frequent surface word), ``stem``, ``weight`` (the topic's row of
        ``H``, >= 0); sorted by topic and rank (ties: stem).
    doc_topic
        The group column (``doc_id`` by default), ``topic``, ``share``:
        the group's sum of ``W`` for the topic over its sum over all topics,
        in [0, 1], summing to 1 per group (0 for a group whose sentences share
        no vocabulary with any topic); sorted by group and topic.
    """
    body = _body(sentences)
    key, name = _group_key(body, by)
    body = body.assign(_group=key)
    body = body[body["_group"].notna()]
    empty_topics = pd.DataFrame(columns=["topic", "rank", "term", "stem", "weight"])
    empty_doc = pd.DataFrame(columns=[name, "topic", "share"])
    if body.empty or n_topics < 1:
        return empty_topics, empty_doc
    tok = _Tokenizer()

    def analyzer(text: str) -> list[str]:
        return [t for t in tok(text) if keep_numbers or not t.isdigit()]

    texts = body["text"].tolist()
    vec = TfidfVectorizer(analyzer=analyzer, min_df=min_df, max_df=max_df, dtype=np.float64)
    try:
        x = vec.fit_transform(texts)
    except ValueError:  # no vocabulary left after min_df / max_df
        return empty_topics, empty_doc
    vocab = vec.get_feature_names_out()
    k = min(n_topics, x.shape[0], x.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=max_iter)
    w = model.fit_transform(x)
    h = model.components_
    order = sorted(range(k), key=lambda t: (-round(float(w[:, t].sum()), 12), t))
    surface = _surface_forms(texts, tok)
    rows = []
    for new, old in enumerate(order, start=1):
        ranked = sorted(range(len(vocab)), key=lambda j: (-round(float(h[old, j]), 12), vocab[j]))
        for rank, j in enumerate([j for j in ranked if h[old, j] > 0][:top_terms], start=1):
            rows.append((new, rank, surface.get(vocab[j], vocab[j]), vocab[j], float(h[old, j])))
    topics = pd.DataFrame(rows, columns=["topic", "rank", "term", "stem", "weight"])
    wdf = pd.DataFrame(w[:, order], columns=range(1, k + 1))
    wdf[name] = body["_group"].to_numpy()
    sums = wdf.groupby(name).sum()
    totals = sums.sum(axis=1)
    shares = sums.div(totals.where(totals > 0, 1.0), axis=0)
    doc_topic = shares.stack().rename("share").rename_axis([name, "topic"]).reset_index()
    doc_topic = doc_topic.astype({"topic": "int64", "share": "float64"})
    return topics.astype({"topic": "int64", "rank": "int64"}), doc_topic.sort_values([name, "topic"], ignore_index=True)


def topic_theme_overlap(topics: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Which lexicon themes each NMF topic's top terms belong to.

    A top term (its ``stem``) counts for a theme when it equals the stem of
    a one-word lexicon entry of the theme (words inside phrases do not
    count: "state" is not a protocol word because of "state visit").  Returns
    one row per (topic, theme) with at least one shared term: ``topic``,
    ``theme``, ``n_terms`` (int), ``terms`` (the topic's matching terms in
    rank order, ``", "``-separated), sorted by topic, ``n_terms`` descending,
    then lexicon theme order.  A topic without rows shares no term with the
    lexicon.
    """
    cols = ["topic", "theme", "n_terms", "terms"]
    order = _theme_order(themes)
    stems: dict[str, set[str]] = {t: set() for t in order}
    for theme, toks in zip(themes["theme"], themes["tokens"], strict=True):
        if " " not in str(toks):
            stems[theme].add(str(toks))
    rows = []
    for topic, grp in topics.sort_values(["topic", "rank"]).groupby("topic", sort=True):
        for theme in order:
            hit = [t for t, s in zip(grp["term"], grp["stem"], strict=True) if s in stems[theme]]
            if hit:
                rows.append((int(topic), theme, len(hit), ", ".join(hit), order.index(theme)))
    out = pd.DataFrame(rows, columns=[*cols, "_o"])
    out = out.sort_values(["topic", "n_terms", "_o"], ascending=[True, False, True], ignore_index=True)
    return out[cols].astype({"topic": "int64", "n_terms": "int64"})


# --------------------------------------------------------------------------- log-odds


def log_odds_dirichlet(
    counts: pd.DataFrame,
    *,
    prior: Mapping[str, float] | pd.Series | None = None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior, each group against the rest.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", *Political Analysis*
    16(4), section 3.5.  For group ``i`` and term ``w``, with
    ``y_w^i`` the term's count in the group, ``n^i`` the group's total, ``j``
    the rest (all other groups pooled: ``y_w^j = sum over groups != i``), and
    Dirichlet pseudo-counts ``alpha_w`` summing to ``alpha_0``:

    * point estimate of the log-odds ratio (posterior mean with the prior pseudo-counts; MCQ sec. 3.5)::

        delta_w = log((y_w^i + alpha_w) / (n^i + alpha_0 - y_w^i - alpha_w))
                - log((y_w^j + alpha_w) / (n^j + alpha_0 - y_w^j - alpha_w))

    * its approximate variance (MCQ sec. 3.5, large-count approximation)::

        variance_w = 1 / (y_w^i + alpha_w) + 1 / (y_w^j + alpha_w)

    * the z-score (MCQ sec. 3.5): ``z_w = delta_w / sqrt(variance_w)``.

    The prior (informative, MCQ's empirical choice): ``alpha_w = alpha_0 *
    pi_w`` with ``pi_w`` the term's share of the ``prior`` counts (default:
    the whole table's counts, all groups pooled).  **Default ``alpha_0`` is
    the table's total count** ``N``, so ``alpha_w`` is simply the term's
    corpus count, as in the informative-prior implementations that follow
    the paper (the prior then weighs as much as the data: strong shrinkage,
    which on a corpus of a few hundred words keeps ``|z|`` small).  Pass a
    smaller ``alpha0`` for a weaker prior.

    Parameters
    ----------
    counts:
        Columns ``group``, ``term``, ``count`` (int >= 0); one row per
        (group, term), missing pairs count 0.
    prior:
        Optional background counts or weights ``term -> value > 0``
        (a Mapping or Series); must cover every term of ``counts``.
    alpha0:
        Total pseudo-count of the prior (> 0).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``term``, ``count`` (the group's count), ``delta``,
        ``variance``, ``z``: one row per group and term of the table
        (zero counts included), sorted by group, ``z`` descending, then term.
        Fewer than two groups: an empty table (there is nothing to compare
        against).
    """
    missing = {"group", "term", "count"} - set(counts.columns)
    if missing:
        raise ValueError(f"counts lacks column(s) {sorted(missing)}")
    if len(counts) and (counts["count"] < 0).any():
        raise ValueError("counts must be >= 0")
    c = counts[counts["count"] > 0]
    table = c.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    if table.shape[1] < 2:
        return pd.DataFrame(columns=_LOG_ODDS_COLUMNS)
    table = table.sort_index().sort_index(axis=1)
    y = table.to_numpy(dtype=np.float64)  # terms x groups
    total = y.sum(axis=1)  # corpus count of each term
    n_all = float(y.sum())
    if prior is None:
        base = total
    else:
        p = pd.Series(prior, dtype="float64")
        lacking = [t for t in table.index if t not in p.index or not p[t] > 0]
        if lacking:
            raise ValueError(f"prior lacks a positive value for term(s) {lacking[:5]}")
        base = p.reindex(table.index).to_numpy(dtype=np.float64)
    a0 = n_all if alpha0 is None else float(alpha0)
    if not a0 > 0:
        raise ValueError("alpha0 must be positive")
    alpha = a0 * base / base.sum()  # alpha_w = alpha_0 * pi_w
    rows = []
    for g, group in enumerate(table.columns):
        y_i = y[:, g]
        y_j = total - y_i  # the rest: all other groups pooled
        n_i = float(y_i.sum())
        n_j = n_all - n_i
        # MCQ 3.5, point estimate: log-odds of w in i minus log-odds of w in j, both with the prior's pseudo-counts
        delta = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
        # MCQ 3.5, variance: approximate variance of delta
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        # MCQ 3.5, z-score
        z = delta / np.sqrt(variance)
        rows.append(
            pd.DataFrame(
                {"group": group, "term": table.index, "count": y_i.astype("int64"), "delta": delta, "variance": variance, "z": z}
            )
        )
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["group", "z", "term"], ascending=[True, False, True], ignore_index=True)


def distinctive_terms(
    sentences: pd.DataFrame,
    *,
    by: str | Mapping[str, str] = "doc_id",
    top: int = 10,
    min_count: int = 1,
    prior: Mapping[str, float] | pd.Series | None = None,
    alpha0: float | None = None,
    keep_numbers: bool = False,
) -> pd.DataFrame:
    """The terms most over-used by each group relative to the rest of the corpus.

    Counts the :func:`~claimcompare.similarity.word_tokens` stems of the body
    sentences per group (numbers dropped unless ``keep_numbers``), scores them
    with :func:`log_odds_dirichlet` (each group against all others pooled;
    ``prior``/``alpha0`` passed on; the scores use every term) and keeps
    each group's ``top`` terms by ``z`` among those it uses at least
    ``min_count`` times (with ``min_count=1`` many words used once tie).

    Returns columns ``group``, ``term`` (the stem's most frequent surface
    word *in that group*, ties alphabetical: Snowball gives "important" and
    "import" one stem), ``stem``, ``count``, ``delta``, ``variance``, ``z``,
    sorted by group, ``z`` descending, then term.  Fewer than two groups: an
    empty table.
    """
    cols = ["group", "term", "stem", "count", "delta", "variance", "z"]
    body = _body(sentences)
    key, _ = _group_key(body, by)
    body = body.assign(_group=key)
    body = body[body["_group"].notna()]
    tok = _Tokenizer()
    counts: Counter[tuple[str, str]] = Counter()
    for g, text in zip(body["_group"], body["text"], strict=True):
        counts.update((g, t) for t in tok(text) if keep_numbers or not t.isdigit())
    table = pd.DataFrame([(g, t, n) for (g, t), n in sorted(counts.items())], columns=["group", "term", "count"])
    scored = log_odds_dirichlet(table, prior=prior, alpha0=alpha0)
    if scored.empty:
        return pd.DataFrame(columns=cols)
    scored = scored[scored["count"] >= max(min_count, 1)]
    scored = scored.groupby("group", sort=True).head(top).rename(columns={"term": "stem"})
    surface = {g: _surface_forms(grp["text"], tok) for g, grp in body.groupby("_group", sort=True)}
    scored.insert(1, "term", [surface[g].get(st, st) for g, st in zip(scored["group"], scored["stem"], strict=True)])
    return scored[cols].sort_values(["group", "z", "term"], ascending=[True, False, True], ignore_index=True)


# --------------------------------------------------------------------------- plots


def _group_column(table: pd.DataFrame) -> str:
    return table.columns[0]


def _grouped_bars(
    table: pd.DataFrame, value: str, ax: plt.Axes | None, *, drop_empty: bool, title: str, ylabel: str
) -> tuple[plt.Axes, list[str], list[str], float]:
    gcol = _group_column(table)
    themes = list(dict.fromkeys(table["theme"].tolist()))
    if drop_empty:
        nonzero = table.groupby("theme")[value].max()
        themes = [t for t in themes if nonzero.get(t, 0) > 0]
    groups = sorted(table[gcol].astype(str).unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(themes) + 2.0), 4.5))
    width = 0.8 / max(len(groups), 1)
    lookup = table.assign(_g=table[gcol].astype(str)).set_index(["_g", "theme"])[value]
    colours = plt.get_cmap("tab10")
    for k, g in enumerate(groups):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(themes))]
        ys = [100.0 * float(lookup.get((g, t), 0.0)) for t in themes]
        ax.bar(xs, ys, width=width, label=g, color=colours(k % 10))
    ax.set_xticks(range(len(themes)))
    ax.set_xticklabels(themes, rotation=35, ha="right")
    ax.set_title(title)
    ax.set_xlabel("theme (hand-made lexicon)")
    ax.set_ylabel(ylabel)
    ax.legend(title=gcol, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax, themes, groups, width


def plot_theme_shares(shares: pd.DataFrame, ax: plt.Axes | None = None, *, drop_empty: bool = True) -> plt.Axes:
    """Grouped bars: % of each group's body sentences that mention each theme.

    ``shares`` is :func:`theme_shares` (first column = group).  One bar per
    (theme, group): themes on the x axis in lexicon order, groups sorted,
    one colour each.  ``drop_empty`` leaves out themes no group mentions.
    """
    ax, _, _, _ = _grouped_bars(
        shares, "share", ax, drop_empty=drop_empty,
        title="Themes each report touches on", ylabel="% of body sentences mentioning the theme",
    )
    return ax


def plot_lead_emphasis(lead: pd.DataFrame, ax: plt.Axes | None = None, *, drop_empty: bool = True) -> plt.Axes:
    """Grouped bars of position-weighted theme shares, with the unweighted share as a black tick.

    ``lead`` is :func:`lead_emphasis`.  A bar above its tick: the theme comes
    earlier in the report than its overall frequency suggests.  One bar per
    (theme, group), as :func:`plot_theme_shares`; the ticks are one line
    (``ax.lines``) per group, with no tick where the unweighted share is 0.
    """
    ax, themes, groups, width = _grouped_bars(
        lead, "weighted_share", ax, drop_empty=drop_empty,
        title="Themes weighted towards the lead (first body sentence weighs most)",
        ylabel="position-weighted % of body sentences",
    )
    gcol = _group_column(lead)
    lookup = lead.assign(_g=lead[gcol].astype(str)).set_index(["_g", "theme"])["share"]
    for k, g in enumerate(groups):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(themes))]
        ys = [100.0 * float(lookup.get((g, t), 0.0)) or np.nan for t in themes]  # no tick where the share is 0
        ax.plot(xs, ys, linestyle="none", marker="_", markersize=max(4.0, 40 * width), color="black",
                label="unweighted share" if k == 0 else None)
    ax.legend(title=gcol, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax


def plot_distinctive_terms(terms: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Dot plot of z-scores: one row per (group, term), groups in blocks from the top.

    ``terms`` is :func:`distinctive_terms`.  Within a group, rows run from
    the highest z down; y tick labels read ``"term"`` and each group's block
    is labelled in the legend by colour.
    """
    t = terms.sort_values(["group", "z", "term"], ascending=[True, False, True], ignore_index=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * len(t) + 1.5))
    groups = list(dict.fromkeys(t["group"].astype(str).tolist()))
    colours = plt.get_cmap("tab10")
    ys = np.arange(len(t))
    for k, g in enumerate(groups):
        sel = (t["group"].astype(str) == g).to_numpy()
        ax.scatter(t.loc[sel, "z"], ys[sel], color=colours(k % 10), label=g, zorder=3)
        ax.hlines(ys[sel], 0, t.loc[sel, "z"], color=colours(k % 10), linewidth=1)
    ax.set_yticks(ys)
    ax.set_yticklabels(t["term"].astype(str).tolist())
    ax.set_ylim(len(t) - 0.5, -0.5)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_title("Distinctive terms: each report against all the others")
    ax.set_xlabel("z-score of the weighted log-odds ratio (Monroe et al. 2008)")
    ax.set_ylabel("term")
    ax.legend(title="report", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax

"""Where each report puts its weight: themes, topics, distinctive terms, the lead.

Four views of emphasis, each a function from the sentences table
(:func:`claimcompare.corpus.sentences_table`; only ``role == "body"`` rows are
used) to a tidy DataFrame, plus plot helpers.

1. **Theme shares** from a transparent, hand-made lexicon (:func:`load_themes`,
   format below).  :func:`theme_shares` counts, per document, the body
   sentences that mention each theme; :func:`sentence_themes` lists every
   match, so each count can be checked against the text.  Every function
   that takes a lexicon (``themes=``) accepts the name of a shipped lexicon,
   the path to the user's own CSV file, or a DataFrame with its columns
   (default :data:`DEFAULT_LEXICON`, ``"general"``).
2. **Topics** (:func:`nmf_topics`): an unsupervised cross-check of the
   lexicon, TF-IDF of stemmed word tokens factorised by non-negative matrix
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

Theme lexicons
--------------
Shipped in ``claimcompare/data/themes-<name>.csv`` (:func:`available_lexicons`):

``general`` (the default)
    General international news: diplomacy, security and defence, conflict
    and war, economy and trade, energy, health, environment and disasters,
    law and courts, elections and politics, human rights, technology,
    protocol and ceremony, humanitarian aid, migration, transport and
    infrastructure.
``china-central-asia``
    The first lexicon of this project, for China–Central Asia diplomatic
    coverage (Afghanistan and the region, the Belt and Road, party politics,
    the pandemic, sovereignty and non-interference, ...).

File format: a UTF-8 CSV file with a header row and these columns (others
are ignored), one row per (theme, term):

``theme`` (required)
    The theme's label, shown as is in tables and charts; themes keep the
    order of their first row.
``term`` (required)
    A word or a phrase, written in lower case (upper case is lowered).  It
    is the name a match is reported under.
``forms`` (optional)
    Other forms that count as the term, separated by ``|``: plurals, verb
    forms, spellings (``hospitals``; ``ruled|ruling|rules``;
    ``defense|defence``).  Empty: the term alone.

Matching is by **whole words**, never by stem or prefix: text and forms go
through :func:`lexicon_tokens` (lower case, NFKC, hyphens and punctuation
split words, ``'s`` dropped, ``counter-`` read as ``anti-``), and a form
matches where all its words occur consecutively, so "hospital" does not
match "hospitality" and "court" does not match "courtesy".  Each inflection
that should count must be listed.  Over a sentence, matches are taken left
to right, the longest form of the whole lexicon first, without overlap: a
phrase such as "security council" hides the word "security" inside it.  A
form with wildcards or pattern characters (``*``, ``?``, ``|`` inside a
form, brackets ...), or made only of stop words ("the", "us"), is refused
with a :class:`LexiconError` naming the file.

Writing the general lexicon, a word went in only when its ordinary sense in
news is the theme's (no "river" for disasters, no "port" for the economy, no
"party" or "state" alone for politics, no "fire" or "strike" alone for war);
ambiguous words enter as phrases ("air strike", "power plant", "central
bank").  Source: hand-made for this project, checked on invented paragraphs
of several kinds of news (``tests/test_lexicon.py``) and on the benchmark's
training events.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import snowballstemmer
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .align import body_sentences
from .errors import CorpusError
from .similarity import EQUIVALENT_PREFIXES, normalize_text, word_tokens

__all__ = [
    "DEFAULT_LEXICON",
    "THEME_COLUMNS",
    "Lexicon",
    "LexiconError",
    "available_lexicons",
    "distinctive_terms",
    "doc_labels",
    "first_statements",
    "lead_emphasis",
    "lead_findings",
    "lexicon_tokens",
    "load_themes",
    "log_odds_dirichlet",
    "nmf_topics",
    "plot_distinctive_terms",
    "plot_lead_emphasis",
    "plot_theme_shares",
    "sentence_themes",
    "theme_findings",
    "theme_shares",
    "topic_theme_overlap",
]

#: Columns of :func:`load_themes`.
THEME_COLUMNS: tuple[str, ...] = ("theme", "term", "forms", "tokens")
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
    body = body_sentences(sentences) if "role" in sentences.columns else sentences
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

#: Name of the lexicon used when none is given (``claimcompare/data/themes-general.csv``).
DEFAULT_LEXICON = "general"

#: What a lexicon argument may be: a shipped name, a path to a CSV file, a table, or ``None`` (the default).
Lexicon = str | Path | pd.DataFrame | None

_RE_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_RE_NOT_WORDS = re.compile(r"[*?\[\]{}()|\\^$+=<>~#%@/]")
_LEXICON_REMEDY = (
    "a theme lexicon is a CSV file with columns theme, term and optionally forms "
    "(other forms of the term separated by |); see the claimcompare.emphasis docstring"
)


class LexiconError(CorpusError, ValueError):
    """A theme lexicon that cannot be used, explained in one line (``"<file>: <problem>; <what to do>"``)."""


def lexicon_tokens(text: str) -> list[str]:
    """The whole-word tokens a lexicon form or a sentence is matched on.

    :func:`claimcompare.similarity.normalize_text` (NFKC, lower case, ASCII
    quotes and dashes, hyphens split), then runs of letters or digits of any
    script (an inner apostrophe kept), a final ``'s`` dropped, and the
    equivalent prefixes of :data:`claimcompare.similarity.EQUIVALENT_PREFIXES`
    folded (``counter`` -> ``anti``).  No stemming and no stop-word removal,
    so a phrase matches only with all its words, in order.

    >>> lexicon_tokens("The Court’s anti-terrorism ruling")
    ['the', 'court', 'anti', 'terrorism', 'ruling']
    """
    out = []
    for tok in _RE_WORD.findall(normalize_text(text)):
        if tok.endswith("'s"):
            tok = tok[:-2]
        if tok:
            out.append(EQUIVALENT_PREFIXES.get(tok, tok))
    return out


def _shipped() -> dict[str, object]:
    """``name -> Traversable`` of the lexicons shipped in ``claimcompare/data`` (``themes-<name>.csv``)."""
    data = files("claimcompare") / "data"
    found = {}
    for entry in data.iterdir():
        if entry.name.startswith("themes-") and entry.name.endswith(".csv"):
            found[entry.name[len("themes-") : -len(".csv")]] = entry
    return dict(sorted(found.items()))


def available_lexicons() -> pd.DataFrame:
    """The theme lexicons shipped with the package, to pass by name to :func:`load_themes`.

    Returns columns ``name`` (str), ``file`` (its file in
    ``claimcompare/data``), ``themes`` and ``terms`` (int, counts), sorted by
    ``name``.
    """
    rows = []
    for name, entry in _shipped().items():
        table = load_themes(name)
        rows.append((name, entry.name, table["theme"].nunique(), len(table)))
    out = pd.DataFrame(rows, columns=["name", "file", "themes", "terms"])
    return out.astype({"themes": "int64", "terms": "int64"})


def _read_lexicon(lexicon: Lexicon) -> tuple[pd.DataFrame, str | None]:
    """The raw table of a lexicon argument and the file it came from (``None`` for a table)."""
    if lexicon is None:
        lexicon = DEFAULT_LEXICON
    if isinstance(lexicon, pd.DataFrame):
        return lexicon.copy(), None
    shipped = _shipped()
    if isinstance(lexicon, str) and lexicon in shipped:
        source: object = shipped[lexicon]
        label = f"claimcompare/data/{shipped[lexicon].name}"
    else:
        path = Path(lexicon)
        label = str(path)
        if isinstance(lexicon, str) and path.suffix.lower() != ".csv" and not path.exists():
            raise LexiconError(
                None,
                f"no theme lexicon named {lexicon!r}",
                f"give one of {', '.join(shipped)} or the path to a CSV file",
            )
        if not path.exists():
            raise LexiconError(label, "no such file", "give the path to a theme lexicon CSV file, or a lexicon name")
        if not path.is_file():
            raise LexiconError(label, "is not a file", "give the path to a theme lexicon CSV file, or a lexicon name")
        source = path
    try:
        with source.open("r", encoding="utf-8") as fh:  # type: ignore[attr-defined]
            table = pd.read_csv(fh, dtype="string", keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise LexiconError(label, "the file is empty", _LEXICON_REMEDY) from None
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise LexiconError(label, f"cannot be read as a UTF-8 CSV file ({reason})", _LEXICON_REMEDY) from None
    return table, label


def load_themes(lexicon: Lexicon = None) -> pd.DataFrame:
    """A theme lexicon, checked and normalised: one row per (theme, term), in file order.

    ``lexicon`` is the name of a shipped lexicon (:func:`available_lexicons`:
    ``"general"``, the default, or ``"china-central-asia"``), the path to
    the user's own CSV file (``str`` or :class:`~pathlib.Path`), or a
    DataFrame with the same columns (a table returned by this function is
    accepted as is).  A string that names a shipped lexicon is that
    lexicon; any other string is a path.  The format is in the module docstring: ``theme``,
    ``term`` and optionally ``forms``.

    Returns columns :data:`THEME_COLUMNS`: ``theme``; ``term`` (lower case,
    stripped); ``forms`` (every form that is matched: the term, then its
    listed forms, lower case, ``"|"``-separated, repeats dropped) and
    ``tokens`` (the same forms as :func:`lexicon_tokens` makes them,
    space-separated words, ``"|"`` between forms).  Raises
    :class:`LexiconError` (a :class:`~claimcompare.errors.CorpusError` and a
    ``ValueError``, one line naming the file) for an unknown name, a missing
    or unreadable file, missing columns, an empty theme or term, a (theme,
    term) row given twice, a form with wildcards or other non-word
    characters (stems and prefixes are not matched: list each inflection),
    or a form made only of stop words (``"the"``, ``"us"``: it would match
    almost every text or the wrong word).
    """
    table, label = _read_lexicon(lexicon)

    def fail(problem: str, remedy: str = _LEXICON_REMEDY) -> LexiconError:
        return LexiconError(label, problem, remedy)

    missing = sorted({"theme", "term"} - set(table.columns))
    if missing:
        return_cols = ", ".join(map(str, table.columns)) or "none"
        raise fail(f"the lexicon lacks column(s) {', '.join(missing)} (it has {return_cols})")
    forms_given = table["forms"] if "forms" in table.columns else pd.Series("", index=table.index)
    table = pd.DataFrame(
        {
            "theme": table["theme"].astype("string").fillna("").str.strip(),
            "term": table["term"].astype("string").fillna("").str.strip().str.lower(),
            "forms": forms_given.astype("string").fillna("").str.strip().str.lower(),
        }
    ).reset_index(drop=True)
    empty = table.index[(table["theme"] == "") | (table["term"] == "")]
    if len(empty):
        raise fail(f"the lexicon has an empty theme or term in row {int(empty[0]) + 1}")
    dup = table.duplicated(["theme", "term"])
    if dup.any():
        theme, term = table.loc[dup.idxmax(), ["theme", "term"]]
        raise fail(f"the lexicon lists {term!r} twice under {theme!r}", "keep one row per theme and term")
    all_forms, all_tokens = [], []
    for term, extra in zip(table["term"], table["forms"], strict=True):
        forms = list(dict.fromkeys([term, *(f.strip() for f in str(extra).split("|") if f.strip())]))
        tokens = []
        for form in forms:
            if _RE_NOT_WORDS.search(form):
                raise fail(
                    f"{form!r} (term {term!r}) is not whole words",
                    "wildcards, stems and patterns are not matched; list each form (plural, verb forms) in the forms column, separated by |",
                )
            toks = lexicon_tokens(form)
            if all(t in ENGLISH_STOP_WORDS for t in toks):
                raise fail(f"{form!r} (term {term!r}) is only stop words and would match the wrong words", _LEXICON_REMEDY)
            tokens.append(" ".join(toks))
        all_forms.append("|".join(forms))
        all_tokens.append("|".join(tokens))
    return pd.DataFrame(
        {
            "theme": pd.array(table["theme"].tolist(), dtype="string"),
            "term": pd.array(table["term"].tolist(), dtype="string"),
            "forms": pd.array(all_forms, dtype="string"),
            "tokens": pd.array(all_tokens, dtype="string"),
        }
    )


def _theme_order(themes: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(themes["theme"].tolist()))


def _compile(themes: pd.DataFrame) -> tuple[dict[tuple[str, ...], list[tuple[str, str]]], list[int]]:
    """``token tuple -> [(theme, term)]`` (one term per theme: the first listed) and the tuple lengths, longest first."""
    table: dict[tuple[str, ...], dict[str, str]] = {}
    for theme, term, tokens in zip(themes["theme"], themes["term"], themes["tokens"], strict=True):
        for form in str(tokens).split("|"):
            key = tuple(form.split())
            table.setdefault(key, {}).setdefault(str(theme), str(term))
    lengths = sorted({len(k) for k in table}, reverse=True)
    return {k: sorted(v.items()) for k, v in table.items()}, lengths


def _match(
    tokens: Sequence[str], table: dict[tuple[str, ...], list[tuple[str, str]]], lengths: list[int]
) -> list[tuple[str, str]]:
    """``(theme, term)`` of each match in ``tokens``: leftmost-longest over the whole lexicon, non-overlapping."""
    found = []
    i = 0
    while i < len(tokens):
        for n in lengths:
            hit = table.get(tuple(tokens[i : i + n])) if i + n <= len(tokens) else None
            if hit:
                found.extend(hit)
                i += n
                break
        else:
            i += 1
    return found


def sentence_themes(sentences: pd.DataFrame, themes: Lexicon = None) -> pd.DataFrame:
    """The themes each body sentence mentions: one row per (sentence, theme) with a hit.

    ``themes`` is any lexicon :func:`load_themes` takes (default: the
    general lexicon).  Matching: the sentence and every form of every term
    become :func:`lexicon_tokens` (whole words, no stems); a form matches
    where its words occur as consecutive tokens.  Matches are found left to
    right, the longest form of the whole lexicon first, and do not overlap,
    so "Security Council" (a diplomacy phrase) is not also "security", and
    "belt and road" counts once and not again as "road".  One form listed
    under two themes counts for both.

    Returns columns ``doc_id``, ``sent_id``, ``position`` (1-based rank among
    the document's body sentences), ``theme``, ``hits`` (int >= 1, matches
    in the sentence) and ``terms`` (the matched lexicon terms, under which
    their forms are listed, sorted, ``"; "``-separated), sorted by
    ``doc_id``, ``sent_id`` and lexicon theme order.
    """
    themes = load_themes(themes)
    cols = ["doc_id", "sent_id", "position", "theme", "hits", "terms"]
    body = _body(sentences)
    table, lengths = _compile(themes)
    order = _theme_order(themes)
    rows = []
    for s in body.itertuples(index=False):
        found = _match(lexicon_tokens(s.text), table, lengths)
        per_theme: dict[str, list[str]] = {}
        for theme, term in found:
            per_theme.setdefault(theme, []).append(term)
        for theme in order:
            terms = per_theme.get(theme)
            if terms:
                rows.append((s.doc_id, s.sent_id, s.position, theme, len(terms), "; ".join(sorted(set(terms)))))
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
    sentences: pd.DataFrame, themes: Lexicon, by: str | Mapping[str, str], weight: str, half_life: float
) -> tuple[pd.DataFrame, str]:
    """Per (group, theme): body sentences, hits, weight of hitting sentences, total weight."""
    themes = load_themes(themes)
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


def theme_shares(sentences: pd.DataFrame, themes: Lexicon = None, *, by: str | Mapping[str, str] = "doc_id") -> pd.DataFrame:
    """Share of each group's body sentences that mention each theme.

    ``themes`` is any lexicon :func:`load_themes` takes (a shipped name, the
    path to the user's CSV file, a DataFrame; default: the general lexicon);
    matching as in :func:`sentence_themes`.
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
    themes: Lexicon = None,
    *,
    weight: str = "inverse_rank",
    half_life: float = 3.0,
    by: str | Mapping[str, str] = "doc_id",
) -> pd.DataFrame:
    """Theme shares weighted towards the start of each report.

    ``themes`` is any lexicon :func:`load_themes` takes (default: the general
    lexicon).
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


def first_statements(sentences: pd.DataFrame, n: int = 3, *, themes: Lexicon = None) -> pd.DataFrame:
    """Each report's first ``n`` body sentences: what it says first.

    Returns columns ``doc_id``, ``position`` (1..n), ``sent_id``, ``text``
    and, when ``themes`` is given (any lexicon :func:`load_themes` takes;
    pass :data:`DEFAULT_LEXICON` for the general one), ``themes`` (the
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


def topic_theme_overlap(topics: pd.DataFrame, themes: Lexicon = None) -> pd.DataFrame:
    """Which lexicon themes each NMF topic's top terms belong to.

    ``themes`` is any lexicon :func:`load_themes` takes (default: the general
    lexicon).  A top term counts for a theme when its surface word (the
    ``term`` column, as :func:`lexicon_tokens` makes it) is a one-word form
    of the theme: whole words, not stems, so a topic whose word is
    "hospitality" is not a health topic although Snowball gives it the stem
    of "hospital"; words inside phrases do not count either ("state" is not
    a protocol word because of "state visit").  Returns
    one row per (topic, theme) with at least one shared term: ``topic``,
    ``theme``, ``n_terms`` (int), ``terms`` (the topic's matching terms in
    rank order, ``", "``-separated), sorted by topic, ``n_terms`` descending,
    then lexicon theme order.  A topic without rows shares no term with the
    lexicon.
    """
    cols = ["topic", "theme", "n_terms", "terms"]
    themes = load_themes(themes)
    order = _theme_order(themes)
    words: dict[str, set[str]] = {t: set() for t in order}
    for theme, toks in zip(themes["theme"], themes["tokens"], strict=True):
        words[theme].update(f for f in str(toks).split("|") if " " not in f)
    rows = []
    for topic, grp in topics.sort_values(["topic", "rank"]).groupby("topic", sort=True):
        for theme in order:
            hit = [t for t in grp["term"] if " ".join(lexicon_tokens(str(t))) in words[theme]]
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


# --- Findings as text -----------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def theme_findings(shares: pd.DataFrame, *, top: int = 2, group: str = "group") -> list[str]:
    """One sentence per report (``group``) naming its ``top`` themes and their shares.

    ``shares``: :func:`theme_shares`' table.  Themes of equal share are named
    in the lexicon's order; a report whose sentences mention no theme says
    so.  The text is made from the numbers, so it is true of any corpus.
    """
    out = []
    for name, g in shares.groupby(group, sort=True):
        g = g[g["share"] > 0].sort_values("share", ascending=False, kind="stable").head(top)
        if g.empty:
            out.append(f"{name}: no body sentence mentions a theme of the lexicon.")
            continue
        parts = [f"{t} ({_pct(s)} of body sentences)" for t, s in zip(g["theme"], g["share"])]
        out.append(f"{name}: most sentences mention " + " and ".join(parts) + ".")
    return out


def lead_findings(lead: pd.DataFrame, *, min_gain: float = 0.1, group: str = "group") -> list[str]:
    """One sentence per report: the theme its opening favours most, and the one it keeps for later.

    ``lead``: :func:`lead_emphasis`' table.  A theme is *favoured* when its
    position-weighted share exceeds its plain share by at least ``min_gain``
    (and *kept for later* when it falls short by as much); reports with no
    such theme say that their opening follows their overall mix.
    """
    out = []
    for name, g in lead.groupby(group, sort=True):
        gain = (g["weighted_share"] - g["share"]).to_numpy()
        up = g.iloc[gain.argmax()] if len(g) and gain.max() >= min_gain else None
        down = g.iloc[gain.argmin()] if len(g) and gain.min() <= -min_gain else None
        parts = []
        if up is not None:
            parts.append(f"leads with {up['theme']} ({_pct(up['weighted_share'])} weighted against {_pct(up['share'])} overall)")
        if down is not None:
            parts.append(f"keeps {down['theme']} for later ({_pct(down['weighted_share'])} weighted against {_pct(down['share'])})")
        out.append(f"{name}: " + ("; ".join(parts) if parts else "its opening follows its overall mix of themes") + ".")
    return out

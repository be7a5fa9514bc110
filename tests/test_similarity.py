"""Tests for claimcompare.similarity: normalisation, TF-IDF vectors, cosines."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from claimcompare.similarity import StatementVectorizer, normalize_text, tfidf_similarity, word_tokens

FEATURES = ["word", "char", "word+char"]

DRILLS_A = "The two militaries held counter-terrorism drills"
DRILLS_B = "The two military forces held anti-terrorism drills"

#: A small corpus of invented statements about Valdoria and Ostrenia.
CORPUS = [
    DRILLS_A,
    DRILLS_B,
    "Valdoria and Ostrenia agreed to open three border crossings.",
    "The foreign ministers met in Ostra on Sunday.",
    "Trade between the two countries rose last year.",
    "Lind said the talks had been frank and useful.",
    "Vey said Ostrenia would simplify customs rules for Valdorian farmers.",
    "Heavy snow closed mountain roads in northern Valdoria.",
]


@pytest.fixture(scope="module", params=FEATURES)
def fitted(request) -> StatementVectorizer:
    return StatementVectorizer(features=request.param).fit(CORPUS)


# ---------------------------------------------------------------------------
# word_tokens / normalize_text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("militaries", "military"),
        ("counter-terrorism", "anti-terrorism"),
        ("counter–terrorism", "anti-terrorism"),  # en dash
        ("counter‑terrorism", "anti terrorism"),  # non-breaking hyphen
        ("cooperation", "cooperate"),
        ("Ostrenia’s border", "Ostrenia's border"),  # curly apostrophe
        ("ＯＳＴＲＡ", "ostra"),  # full-width letters (NFKC)
        ("non-aligned", "un aligned"),
    ],
)
def test_word_tokens_fold_variants(a, b):
    assert word_tokens(a) == word_tokens(b)
    assert word_tokens(a)  # not trivially empty


def test_word_tokens_of_the_drills_pair():
    assert word_tokens("militaries") == word_tokens("military") == ["militari"]
    assert word_tokens("counter-terrorism") == word_tokens("anti-terrorism") == ["anti", "terror"]
    assert word_tokens("The two militaries' counter-terrorism drills") == ["militari", "anti", "terror", "drill"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        ("   ", []),
        ("the and of", []),  # stop words only
        ("Valdoria", ["valdoria"]),
        ("Ostrenia's", ["ostrenia"]),
        ("100 crossings in 2024", ["100", "cross", "2024"]),
        ("“Ready,” said Lind — twice…", ["readi", "said", "lind", "twice"]),
    ],
)
def test_word_tokens_table(text, tokens):
    assert word_tokens(text) == tokens


def test_word_tokens_without_stemming():
    assert word_tokens("The militaries held drills", stem=False) == ["militaries", "held", "drills"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Counter-Terrorism", "counter terrorism"),
        ("“Lind’s” — plan", "\"lind's\" - plan"),
        ("a - b", "a - b"),  # a free-standing dash is not a hyphen
        ("ＯＳＴＲＡ", "ostra"),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


# ---------------------------------------------------------------------------
# StatementVectorizer
# ---------------------------------------------------------------------------


def test_rows_are_l2_normalised(fitted):
    x = fitted.transform(CORPUS)
    assert sp.issparse(x)
    assert x.shape[0] == len(CORPUS)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    np.testing.assert_allclose(norms, 1.0, atol=1e-9)


def test_identical_texts_have_cosine_one(fitted):
    x = fitted.transform(["Lind said the talks had been frank and useful."] * 2)
    assert (x @ x.T).toarray()[0, 1] == pytest.approx(1.0)


def test_unseen_identical_texts_have_cosine_one(fitted):
    # words never seen in fit still share character n-grams or nothing at all
    x = fitted.transform(["Vey said Ostrenia would simplify customs rules.", "Vey said Ostrenia would simplify customs rules."])
    assert (x @ x.T).toarray()[0, 1] == pytest.approx(1.0)


def test_disjoint_texts_have_cosine_near_zero(fitted):
    x = fitted.transform(["Heavy snow closed mountain roads.", "Vey praised Ostrenian farmers."])
    cos = (x @ x.T).toarray()[0, 1]
    assert 0.0 <= cos < 0.1
    if fitted.features == "word":
        assert cos == 0.0


def test_text_without_features_is_a_zero_row():
    v = StatementVectorizer(features="word").fit(CORPUS)
    x = v.transform(["the and of", ""])
    assert x.nnz == 0
    assert x.shape == (2, v.transform(["x"]).shape[1])


@pytest.mark.parametrize("features", FEATURES)
def test_fit_on_empty_list_raises(features):
    with pytest.raises(ValueError, match="empty"):
        StatementVectorizer(features=features).fit([])


@pytest.mark.parametrize("features", ["words", "", "char+word", "WORD"])
def test_bad_features_raise(features):
    with pytest.raises(ValueError, match="features"):
        StatementVectorizer(features=features).fit(CORPUS)


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_bad_char_weight_raises(weight):
    with pytest.raises(ValueError, match="char_weight"):
        StatementVectorizer(char_weight=weight).fit(CORPUS)


def test_fit_accepts_a_generator():
    v = StatementVectorizer().fit(t for t in CORPUS)
    assert v.transform(CORPUS).shape[0] == len(CORPUS)


def test_word_plus_char_cosine_is_weighted_mean():
    w = StatementVectorizer(features="word").fit(CORPUS)
    c = StatementVectorizer(features="char").fit(CORPUS)
    for weight in (0.0, 0.3, 0.5, 1.0):
        both = StatementVectorizer(features="word+char", char_weight=weight).fit(CORPUS)

        def cos(v):
            x = v.transform([DRILLS_A, DRILLS_B])
            return (x @ x.T).toarray()[0, 1]

        assert cos(both) == pytest.approx((1 - weight) * cos(w) + weight * cos(c), abs=1e-9)


def test_normalised_score_beats_plain_tfidf():
    """Stemming and prefix folding make the paraphrase closer than raw TF-IDF does."""
    plain = TfidfVectorizer().fit(CORPUS)
    raw = cosine_similarity(plain.transform([DRILLS_A]), plain.transform([DRILLS_B]))[0, 0]
    for features in FEATURES:
        v = StatementVectorizer(features=features).fit(CORPUS)
        ours = tfidf_similarity([DRILLS_A], [DRILLS_B], vectorizer=v)[0, 0]
        assert ours > raw, features
    default = tfidf_similarity([DRILLS_A], [DRILLS_B], vectorizer=StatementVectorizer().fit(CORPUS))[0, 0]
    assert default > raw + 0.1


def test_vectorizer_is_picklable_and_gives_the_same_vectors():
    v = StatementVectorizer().fit(CORPUS)
    v2 = pickle.loads(pickle.dumps(v))
    a = v.transform(CORPUS).toarray()
    b = v2.transform(CORPUS).toarray()
    np.testing.assert_array_equal(a, b)


def test_get_params_roundtrip():
    v = StatementVectorizer(features="char", char_weight=0.2, ngram_range=(1, 1))
    params = v.get_params()
    assert params["features"] == "char" and params["char_weight"] == 0.2 and params["ngram_range"] == (1, 1)


# ---------------------------------------------------------------------------
# tfidf_similarity
# ---------------------------------------------------------------------------


def test_tfidf_similarity_shape_and_range():
    a = CORPUS[:3]
    b = CORPUS[3:]
    s = tfidf_similarity(a, b)
    assert isinstance(s, np.ndarray)
    assert s.shape == (3, len(CORPUS) - 3)
    assert (s >= 0).all() and (s <= 1).all()


def test_tfidf_similarity_square_default():
    s = tfidf_similarity(CORPUS)
    assert s.shape == (len(CORPUS), len(CORPUS))
    np.testing.assert_allclose(np.diag(s), 1.0)
    np.testing.assert_allclose(s, s.T, atol=1e-12)
    assert (s <= 1.0).all()


def test_tfidf_similarity_ranks_the_paraphrase_first():
    s = tfidf_similarity([DRILLS_A], CORPUS[1:])
    assert int(s.argmax()) == 0  # DRILLS_B


def test_tfidf_similarity_is_deterministic():
    a = tfidf_similarity(CORPUS[:4], CORPUS[4:])
    b = tfidf_similarity(CORPUS[:4], CORPUS[4:])
    np.testing.assert_array_equal(a, b)
    v1 = StatementVectorizer().fit(CORPUS)
    v2 = StatementVectorizer().fit(list(CORPUS))
    np.testing.assert_array_equal(v1.transform(CORPUS).toarray(), v2.transform(CORPUS).toarray())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([], ["Lind met Vey."]),
        (["Lind met Vey."], []),
    ],
    ids=["empty a", "empty b"],
)
def test_tfidf_similarity_with_an_empty_side(a, b):
    s = tfidf_similarity(a, b)
    assert s.shape == (len(a), len(b))


def test_tfidf_similarity_with_corpus_vectorizer_uses_corpus_idf():
    v = StatementVectorizer(features="word").fit(CORPUS)
    s_corpus = tfidf_similarity([DRILLS_A], [DRILLS_B], vectorizer=v)
    s_pair = tfidf_similarity([DRILLS_A], [DRILLS_B], vectorizer=StatementVectorizer(features="word").fit([DRILLS_A, DRILLS_B]))
    assert s_corpus[0, 0] != pytest.approx(s_pair[0, 0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Valdoria",
        "Lind met Vey",
        "“Lind met Vey,” he said — twice…",
        "Lind met Vey.\r\nThey talked.",
        " ".join(["The ministers discussed trade and water rights."] * 200),
    ],
    ids=["empty", "one word", "no final punctuation", "unicode", "crlf", "very long"],
)
def test_similarity_of_edge_texts_in_range(text):
    s = tfidf_similarity([text], CORPUS, vectorizer=StatementVectorizer().fit(CORPUS))
    assert s.shape == (1, len(CORPUS))
    assert np.isfinite(s).all() and (s >= 0).all() and (s <= 1).all()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Talks in Dušanbe and Zürich", ["talk", "dušanb", "zürich"]),
        ("Переговоры в Душанбе", ["переговоры", "в", "душанбе"]),
        ("会谈在杜尚别举行", ["会谈在杜尚别举行"]),
        ("snake_case under_score", ["snake", "case", "score"]),
    ],
)
def test_word_tokens_keep_letters_of_any_script(text, tokens):
    assert word_tokens(text) == tokens


@pytest.mark.parametrize("features", FEATURES)
def test_fit_transform_equals_fit_then_transform(features):
    a = StatementVectorizer(features=features).fit_transform(CORPUS)
    b = StatementVectorizer(features=features).fit(CORPUS).transform(CORPUS)
    assert a.shape == b.shape and abs(a - b).max() < 1e-12


@pytest.mark.parametrize("method", ["fit", "fit_transform"])
def test_texts_without_words_fall_back_to_characters(method):
    texts = ["It is what it is.", "So it was, and it is."]
    vec = StatementVectorizer(features="word+char")
    x = vec.fit_transform(texts) if method == "fit_transform" else vec.fit(texts).transform(texts)
    assert vec.word_ is None and vec.char_ is not None
    assert np.allclose(sp.linalg.norm(x, axis=1), 1.0)
    # unseen text with words: the absent word block contributes nothing, no error
    assert vec.transform(["Ministers met in Ostra."]).shape == (1, x.shape[1])


def test_texts_without_any_feature_give_zero_width_vectors():
    vec = StatementVectorizer(features="word").fit(["It is.", "—"])
    x = vec.transform(["It is.", "Ministers met."])
    assert x.shape == (2, 0)
    assert tfidf_similarity(["It is."], ["it is"], vectorizer=vec).shape == (1, 1)


# --- Fitting from partition counts (the Dask engine's global fit) -------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_profiles import examples  # noqa: E402

from claimcompare.similarity import TermCounts  # noqa: E402

NEWS = [
    "The foreign minister said on Monday that talks would resume in Geneva.",
    "Talks will resume in Geneva, the minister said.",
    "Counter-terrorism drills begin next week, officials told reporters.",
    "«Мы готовы к диалогу», — заявил министр в Душанбе.",
    "",
    "...",
    "42",
    "Anti-terrorism cooperation was discussed; the militaries' drills too.",
]


def _assert_same_fit(a: StatementVectorizer, b: StatementVectorizer, texts: list[str]) -> None:
    for name in ("word_", "char_"):
        va, vb = getattr(a, name), getattr(b, name)
        assert (va is None) == (vb is None), name
        if va is not None:
            assert list(va.vocabulary_.items()) == list(vb.vocabulary_.items()) or va.vocabulary_ == vb.vocabulary_
            assert va.get_feature_names_out().tolist() == vb.get_feature_names_out().tolist()
            assert np.array_equal(va.idf_, vb.idf_)  # bit for bit
    xa, xb = a.transform(texts), b.transform(texts)
    assert xa.shape == xb.shape
    assert (xa != xb).nnz == 0  # bit for bit


@pytest.mark.parametrize("features", ["word", "char", "word+char"])
@pytest.mark.parametrize("splits", [[8], [1, 7], [3, 3, 2], [0, 4, 4], [1, 1, 1, 1, 1, 1, 1, 1]])
def test_fit_from_partition_counts_equals_one_global_fit(features: str, splits: list[int]) -> None:
    parts, at = [], 0
    for n in splits:
        parts.append(NEWS[at : at + n])
        at += n
    v = StatementVectorizer(features=features)
    counts = TermCounts.merge([v.partial_counts(p) for p in parts])
    assert counts.n_texts == len(NEWS)
    fitted = StatementVectorizer(features=features).fit_from_counts(counts)
    _assert_same_fit(StatementVectorizer(features=features).fit(NEWS), fitted, NEWS)
    # and the fit_transform path of align_corpus gives the same matrix as transform
    assert (StatementVectorizer(features=features).fit_transform(NEWS) != fitted.transform(NEWS)).nnz == 0


def test_merge_is_order_free_and_counts_are_small_tables() -> None:
    v = StatementVectorizer()
    a, b = v.partial_counts(NEWS[:3]), v.partial_counts(NEWS[3:])
    assert set(a.counts.columns) == {"block", "term", "df"}
    ab, ba = TermCounts.merge([a, b]), TermCounts.merge([b, a])
    assert ab.n_texts == ba.n_texts == len(NEWS)
    assert ab.counts.equals(ba.counts)
    assert ab.counts.equals(v.partial_counts(NEWS).counts)


def test_fit_from_counts_of_texts_without_terms_and_of_nothing() -> None:
    v = StatementVectorizer(features="word")
    fitted = v.fit_from_counts(v.partial_counts(["...", "42 the"]))
    ref = StatementVectorizer(features="word").fit(["...", "42 the"])
    _assert_same_fit(ref, fitted, ["42", "..."])
    none = StatementVectorizer(features="word").fit_from_counts(v.partial_counts(["...", "!"]))
    assert none.word_ is None and none.transform(["a text"]).shape == (1, 0)
    with pytest.raises(ValueError, match="empty"):
        StatementVectorizer().fit_from_counts(TermCounts.merge([]))


def test_fitted_state_is_small_and_picklable() -> None:
    fitted = StatementVectorizer().fit_from_counts(StatementVectorizer().partial_counts(NEWS))
    again = pickle.loads(pickle.dumps(fitted))
    assert (again.transform(NEWS) != fitted.transform(NEWS)).nnz == 0


WORDS = st.sampled_from(["Minister", "talks", "Geneva", "drills", "anti-terror", "Душанбе", "said", "the", "2024", "resume", "à", "naïve", "'s", "-"])


@settings(max_examples=examples(40), deadline=None)
@given(
    texts=st.lists(st.lists(WORDS, max_size=12).map(" ".join), min_size=1, max_size=12),
    cut=st.integers(min_value=0, max_value=12),
    features=st.sampled_from(["word", "char", "word+char"]),
)
def test_fit_from_counts_hypothesis(texts: list[str], cut: int, features: str) -> None:
    v = StatementVectorizer(features=features)
    counts = TermCounts.merge([v.partial_counts(texts[:cut]), v.partial_counts(texts[cut:])])
    fitted = StatementVectorizer(features=features).fit_from_counts(counts)
    _assert_same_fit(StatementVectorizer(features=features).fit(texts), fitted, texts)

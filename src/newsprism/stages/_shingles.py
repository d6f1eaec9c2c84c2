"""The shingle index of the passages stage: where each run of ``k`` token keys occurs.

A *shingle* is a run of ``k`` consecutive tokens of one piece; its hash mixes the ``k``
token hashes (:mod:`newsprism.stages._tokens`). The index groups every occurrence by hash
(:func:`newsprism.stages._blocking.hash_groups`); a group's *postings* are its
occurrences. Two occurrences of one shingle in different pieces are a *seed*: a candidate
pair of pieces and where to start aligning them.

Widespread shingles seed no pair: a group with more than ``max_postings`` occurrences is
stock phrasing, and so is, in a large corpus, any group above the *seed cap*, the largest
postings count whose groups give at most :func:`seed_budget` seeds (pairs grow with the
square of a group's size, so without the cap a 20,000-piece corpus would list millions of
pairs sharing "according to the official"). A long passage copied by many pieces (a wire
story carried by dozens of outlets) is not lost under the cap: every occurrence of a
capped shingle also enters a second index of runs of :data:`LONG_FACTOR` ``* k`` tokens,
whose groups seed up to ``max_postings`` occurrences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ._blocking import group_pairs, hash_groups
from ._threads import blockwise
from ._tokens import CorpusTokens, mix64

__all__ = ["LONG_FACTOR", "SEED_PAIRS_PER_DOC", "Seeds", "ShingleIndex", "seed_budget", "seed_cap", "shingle_hashes"]

#: Seeds allowed per piece (beyond MIN_SEED_BUDGET in all) before the seed cap binds.
SEED_PAIRS_PER_DOC = 100
MIN_SEED_BUDGET = 100_000
#: Long shingles (for widespread copies) are this many times longer than seeds.
LONG_FACTOR = 2
log = logging.getLogger("newsprism")
_ODD = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)


def shingle_hashes(keys: np.ndarray, bounds: np.ndarray, k: int, positions: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(hashes, positions)`` of the shingles of ``k`` tokens starting at ``positions``
    (global token indices; default: every position), those running past their piece left out.
    Blocks of positions are hashed in threads (:func:`newsprism.stages._threads.blockwise`)."""
    n = len(keys)
    if positions is None:  # every position whose shingle ends in its own piece
        m = max(n - k + 1, 0)
        starts = np.zeros(n + 1, dtype=np.int32)
        starts[bounds[1:-1]] = 1  # where a piece other than the first begins
        before = np.concatenate([[0], np.cumsum(starts[:n], dtype=np.int32)])  # starts in [0, q)
        positions = np.flatnonzero(before[k : m + k] == before[1 : m + 1])  # none in p+1 .. p+k-1
        acc = np.zeros(m, dtype=np.uint64)

        def fill(block: slice) -> None:  # slices of the keys: no index arrays
            part = acc[block]
            for t in range(k):
                part ^= keys[block.start + t : block.stop + t]
                _scramble(part, t)

        blockwise(fill, m)
        acc = acc[positions]
    else:
        doc_end = bounds[np.searchsorted(bounds, positions, side="right")]
        positions = positions[positions + k <= doc_end]
        acc = np.zeros(len(positions), dtype=np.uint64)
        for t in range(k):
            acc ^= keys[positions + t]
            _scramble(acc, t)
    acc ^= np.uint64(k)
    out = np.empty_like(acc)

    def finish(block: slice) -> None:
        out[block] = mix64(acc[block])

    blockwise(finish, len(acc))
    return out, positions


def _scramble(acc: np.ndarray, t: int) -> None:
    """One round of the shingle hash, in place, after the ``t``-th key was mixed in."""
    acc *= _ODD[t % len(_ODD)]
    acc ^= acc >> np.uint64(29)


def seed_budget(n_docs: int) -> int:
    """How many seeds a corpus of ``n_docs`` pieces may give before the seed cap binds."""
    return MIN_SEED_BUDGET + SEED_PAIRS_PER_DOC * n_docs


def seed_cap(size_counts: np.ndarray, budget: int, max_postings: int) -> int:
    """The largest postings count ``c <= max_postings`` whose groups (``size_counts[s]`` groups
    of ``s`` occurrences) give at most ``budget`` pairs in all (at least 2)."""
    sizes = np.arange(len(size_counts), dtype=np.int64)
    pairs = np.cumsum(size_counts.astype(np.int64) * sizes * (sizes - 1) // 2)
    allowed = np.flatnonzero(pairs[: max_postings + 1] <= budget)
    return int(max(2, allowed[-1])) if len(allowed) else 2


@dataclass(frozen=True)
class Seeds:
    """Seed matches: tokens ``pos_a[s] : pos_a[s] + length[s]`` equal ``pos_b[s] : ...``
    (global positions, ``pos_a`` in the earlier piece); ``hash`` names the shingle group
    (of ``length`` tokens) holding both, for looking up its postings."""

    pos_a: np.ndarray
    pos_b: np.ndarray
    length: np.ndarray
    hash: np.ndarray

    @staticmethod
    def concat(parts: list[Seeds]) -> Seeds:
        return Seeds(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("pos_a", "pos_b", "length", "hash")))


class ShingleIndex:
    """Occurrences of shingles of ``k`` tokens grouped by hash (groups of two or more only)."""

    def __init__(self, hashes: np.ndarray, positions: np.ndarray, k: int) -> None:
        order, starts, sizes = hash_groups(hashes)
        shared = sizes >= 2
        self.k = k
        self.hashes = hashes[order[starts[shared]]] if len(order) else np.zeros(0, dtype=np.uint64)
        self.sizes = sizes[shared]
        self.positions = positions[order[np.repeat(shared, sizes)]]  # the shared groups' entries, in order
        self.starts = np.cumsum(self.sizes) - self.sizes

    @classmethod
    def of(cls, tokens: CorpusTokens, k: int) -> ShingleIndex:
        hashes, positions = shingle_hashes(tokens.keys, tokens.bounds, k)
        return cls(hashes, positions, k)

    def size_counts(self) -> np.ndarray:
        """How many groups have each postings count (index = count)."""
        return np.bincount(self.sizes, minlength=3)

    def seeds(self, bounds: np.ndarray, lo: int, hi: int) -> Seeds:
        """Seeds from the groups of ``lo`` to ``hi`` occurrences, pieces differing."""
        chosen = np.flatnonzero((self.sizes >= lo) & (self.sizes <= hi))
        x, y, group = group_pairs(self.starts[chosen], self.sizes[chosen])
        pa, pb = self.positions[x], self.positions[y]
        docs = np.searchsorted(bounds, np.concatenate([pa, pb]), side="right") - 1
        differ = docs[: len(pa)] != docs[len(pa) :]
        return Seeds(pa[differ], pb[differ], np.full(int(differ.sum()), self.k, dtype=np.int64), self.hashes[chosen[group[differ]]])

    def frequent(self, above: int, n_positions: int) -> np.ndarray:
        """The positions (of ``n_positions``) of every shingle with more than ``above`` occurrences, sorted."""
        chosen = np.flatnonzero(self.sizes > above)
        slots = np.repeat(self.starts[chosen], self.sizes[chosen]) + _ramp(self.sizes[chosen])
        marked = np.zeros(n_positions, dtype=bool)
        marked[self.positions[slots]] = True
        return np.flatnonzero(marked)

    def postings(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(query, position)`` for every occurrence of each queried hash."""
        g = np.searchsorted(self.hashes, hashes)
        g = np.minimum(g, max(len(self.hashes) - 1, 0))
        found = np.flatnonzero((self.hashes[g] == hashes) if len(self.hashes) else np.zeros(len(hashes), dtype=bool))
        sizes = self.sizes[g[found]]
        slots = np.repeat(self.starts[g[found]], sizes) + _ramp(sizes)
        return np.repeat(found, sizes), self.positions[slots]


def _ramp(sizes: np.ndarray) -> np.ndarray:
    """``0..s-1`` for each ``s`` of ``sizes``, concatenated."""
    sizes = np.asarray(sizes, dtype=np.int64)
    return np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def corpus_seeds(tokens: CorpusTokens, k: int, max_postings: int) -> tuple[Seeds, list[ShingleIndex]]:
    """Every seed of the corpus and the indexes they came from (seeds, then long shingles)."""
    index = ShingleIndex.of(tokens, k)
    cap = min(max_postings, seed_cap(index.size_counts(), seed_budget(len(tokens)), max_postings))
    if cap < max_postings:
        log.info("passages: %d pieces: shingles found in more than %d places seed no pair (the seed cap at this size)", len(tokens), cap)
    parts = [index.seeds(tokens.bounds, 2, cap)]
    indexes = [index]
    if np.any(index.sizes > cap):
        long = long_index(tokens, index.frequent(cap, len(tokens.keys)), k)
        parts.append(long.seeds(tokens.bounds, 2, max_postings))
        indexes.append(long)
    return Seeds.concat(parts), indexes


def long_index(tokens: CorpusTokens, positions: np.ndarray, k: int) -> ShingleIndex:
    """The index of the long shingles (:data:`LONG_FACTOR` ``* k`` tokens) starting at ``positions``."""
    hashes, kept = shingle_hashes(tokens.keys, tokens.bounds, LONG_FACTOR * k, positions)
    return ShingleIndex(hashes, kept, LONG_FACTOR * k)

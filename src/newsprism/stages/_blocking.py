"""The one blocking helper of the pairwise stages: candidate pairs from an inverted index.

Pairwise stages never compare every item with every other. Each item (a piece, a
sentence, a quoted fragment, a person) carries keys (shingle hashes, rare terms, role
keys, name prefixes); two items are a candidate pair when they share at least
``min_shared`` keys. A key held by more than ``max_postings`` items (boilerplate, "say",
"role:minister") pairs nobody: it would pair everyone. The index is a sparse 0/1
incidence matrix and the shared-key counts come from its product with itself, block by
block of rows, so memory follows the number of candidate pairs, not the square of the
number of items.

When the items are positions (every run of words of every piece, for shared passages),
the keys are 64-bit hashes and the index is a sort: :func:`hash_groups` groups entries by
hash and :func:`group_pairs` lists the pairs of entries inside each group, with the same
``max_postings`` rule. Both are plain numpy, so they also run on one partition of a
hash-partitioned index (a Dask shuffle on the hash column).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from functools import partial

import numpy as np
from scipy import sparse

from ._threads import blockwise

__all__ = ["candidate_pairs", "distinct", "distinct_index", "group_pairs", "hash_groups", "incidence"]

#: Rows of the incidence matrix multiplied at once.
BLOCK_ROWS = 2048


def incidence(keys_of: Sequence[Iterable[Hashable]]) -> sparse.csr_matrix:
    """The 0/1 ``items x keys`` matrix of ``keys_of`` (one iterable of keys per item).

    Keys are numbered in order of first appearance, so the matrix is deterministic.
    """
    vocabulary: dict[Hashable, int] = {}
    indptr = [0]
    indices: list[int] = []
    for keys in keys_of:
        row = sorted({vocabulary.setdefault(key, len(vocabulary)) for key in keys})
        indices.extend(row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)), shape=(len(keys_of), len(vocabulary)))


def candidate_pairs(
    matrix: sparse.spmatrix,
    *,
    max_postings: int | None = None,
    min_shared: int = 1,
    groups: np.ndarray | None = None,
    block_rows: int = BLOCK_ROWS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` with ``i < j`` sharing at least ``min_shared`` keys, and how many.

    ``matrix`` is an ``items x keys`` incidence (any non-zero counts as holding the key).
    Keys held by more than ``max_postings`` items are left out. With ``groups`` (one label
    per item), pairs inside one group (two sentences of one piece) are left out. Returns
    three arrays ``(i, j, shared)`` sorted by ``i`` then ``j``.
    """
    held = sparse.csr_matrix(matrix, dtype=np.float64, copy=True)
    held.data = np.ones_like(held.data)
    if max_postings is not None and held.shape[1]:
        postings = np.bincount(held.indices, minlength=held.shape[1])
        held = (held @ sparse.diags((postings <= max_postings).astype(np.float64))).tocsr()
        held.eliminate_zeros()
    n = held.shape[0]
    transposed = held.T.tocsr()
    parts_i, parts_j, parts_n = [], [], []
    for lo in range(0, n, block_rows):
        block = (held[lo : lo + block_rows] @ transposed).tocoo()
        r, c = block.row.astype(np.int64) + lo, block.col.astype(np.int64)
        keep = (c > r) & (block.data >= min_shared)
        if groups is not None:
            keep &= groups[r] != groups[c]
        parts_i.append(r[keep])
        parts_j.append(c[keep])
        parts_n.append(block.data[keep].astype(np.int64))
    if not parts_i:
        empty = np.array([], dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    i, j, shared = np.concatenate(parts_i), np.concatenate(parts_j), np.concatenate(parts_n)
    order = np.lexsort((j, i))
    return i[order], j[order], shared[order]


def _pack(hashes: np.ndarray, low: np.uint64, packed: np.ndarray, block: slice) -> None:
    np.bitwise_and(hashes[block], ~low, out=packed[block])
    packed[block] |= np.arange(block.start, block.stop, dtype=np.uint64)


def _unpack(packed: np.ndarray, low: np.uint64, order: np.ndarray, block: slice) -> None:
    order[block] = packed[block] & low


def _compare(hashes: np.ndarray, packed: np.ndarray, low: np.uint64, order: np.ndarray, differs: np.ndarray, tied: np.ndarray, block: slice) -> None:
    """Where the sorted hashes change, and where they change but their high bits do not
    (one block's temporaries, not the whole array's)."""
    ahead = slice(block.start, block.stop + 1)
    ordered, high = hashes[order[ahead]], packed[ahead] & ~low
    np.not_equal(ordered[1:], ordered[:-1], out=differs[block])
    tied[block] = differs[block] & (high[1:] == high[:-1])


def hash_groups(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries grouped by equal hash: ``(order, starts, sizes)``.

    ``order`` lists the entry indices by hash, and by index within one hash; group ``g`` is
    ``order[starts[g] : starts[g] + sizes[g]]``. Groups come in order of hash. One sort of
    the hashes' high bits packed with the entry index does the work (entries whose
    truncated hashes collide are then put in order of their full hash).
    """
    hashes = np.asarray(hashes, dtype=np.uint64)
    n = len(hashes)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    bits = max(1, int(n - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    packed = np.empty(n, dtype=np.uint64)
    order = np.empty(n, dtype=np.int64)
    new = np.ones(n, dtype=bool)  # entry k starts a group: its hash differs from entry k - 1's
    differs = new[1:]
    tied = np.zeros(max(n - 1, 0), dtype=bool)  # ... and its high bits do not
    blockwise(partial(_pack, hashes, low, packed), n)
    packed.sort()
    blockwise(partial(_unpack, packed, low, order), n)
    blockwise(partial(_compare, hashes, packed, low, order, differs, tied), n - 1)
    mixed = np.flatnonzero(tied)
    del tied
    if len(mixed):  # rare: distinct hashes sharing their high bits, interleaved by index
        high = packed
        high &= ~low
        first = np.searchsorted(high, high[mixed], side="left")
        last = np.searchsorted(high, high[mixed], side="right")
        for lo, hi in sorted(set(zip(first.tolist(), last.tolist()))):
            part = order[lo:hi]
            order[lo:hi] = part[np.argsort(hashes[part], kind="stable")]
        ordered = hashes[order]
        np.not_equal(ordered[1:], ordered[:-1], out=differs)
    del packed
    starts = np.flatnonzero(new)
    sizes = np.diff(starts, append=n)
    return order, starts, sizes


def group_pairs(starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair ``(x, y)``, ``x < y``, of slots inside each group ``[starts[g], starts[g] + sizes[g])``.

    Returns ``(x, y, group)`` (slot indices, e.g. into the ``order`` of :func:`hash_groups`,
    and the group of each pair), group by group. Leave out the groups larger than
    ``max_postings`` before calling: their pairs are never listed.
    """
    starts = np.asarray(starts, dtype=np.int64)
    sizes = np.asarray(sizes, dtype=np.int64)
    slot_group = np.repeat(np.arange(len(starts), dtype=np.int64), sizes)
    slots = np.repeat(starts, sizes) + (np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes))
    after = np.repeat(starts + sizes, sizes) - slots - 1  # slots after each one in its group
    x = np.repeat(slots, after)
    y = x + 1 + (np.arange(int(after.sum()), dtype=np.int64) - np.repeat(np.cumsum(after) - after, after))
    return x, y, np.repeat(slot_group, after)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (one sort: ``np.unique`` without options hashes, which is
    far slower on millions of integers)."""
    ordered = np.sort(np.asarray(values))
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def distinct_index(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(distinct values sorted, index of each one's first occurrence, group of every value)``.
    64-bit hashes (uint64) are grouped by :func:`hash_groups` (one sort of packed values,
    several times faster than a stable argsort; the same result)."""
    values = np.asarray(values)
    if values.dtype == np.uint64 and len(values):
        order, starts, sizes = hash_groups(values)
        first = order[starts]
        group = np.empty(len(values), dtype=np.int64)
        group[order] = np.repeat(np.arange(len(starts), dtype=np.int64), sizes)
        return values[first], first, group
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.ones(len(ordered), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    group = np.empty(len(values), dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    return ordered[new], order[new], group

"""The one blocking helper of the pairwise stages: candidate pairs from an inverted index.

Pairwise stages never compare every item with every other. Each item (a piece, a
sentence, a quoted fragment, a person) carries keys (shingle hashes, rare terms, role
keys, name prefixes); two items are a candidate pair when they share at least
``min_shared`` keys. A key held by more than ``max_postings`` items (boilerplate, "say",
"role:minister") pairs nobody: it would pair everyone. The index is a sparse 0/1
incidence matrix and the shared-key counts come from its product with itself, block by
block of rows, so memory follows the number of candidate pairs, not the square of the
number of items.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np
from scipy import sparse

__all__ = ["candidate_pairs", "incidence"]

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

"""The one pairwise dot-product helper: ``matrix[i[k]] · matrix[j[k]]`` for listed pairs only.

Similarity and claims score candidate pairs, never the dense square of the corpus. A block
of rows is multiplied with the rows of its partners only and the wanted cells are read from
that product, so at most :data:`PRODUCT_CELLS` cells are held at once. When a block's product
would cost more multiplications than its pairs' rows hold (a few nearest neighbours per
piece in a large corpus, whose rows share common terms with every partner), the pairs'
rows are multiplied element by element instead, :data:`PAIR_CHUNK` pairs at a time.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = ["PRODUCT_CELLS", "pair_dots"]

#: Largest block (rows x partner rows) of a product held at once.
PRODUCT_CELLS = 4_000_000
#: Pairs multiplied element by element at once.
PAIR_CHUNK = 20_000


def pair_dots(matrix: sparse.spmatrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of rows ``i[k]`` and ``j[k]`` of ``matrix`` (pairs sorted by ``i``)."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    out = np.zeros(len(i), dtype=np.float64)
    n_rows = matrix.shape[0]
    if matrix.shape[1] == 0 or not len(i):
        return out
    if np.any(np.diff(i) < 0):
        raise ValueError("pair_dots: pairs must be sorted by their first row")
    matrix = sparse.csr_matrix(matrix)
    step = max(1, PRODUCT_CELLS // max(n_rows, 1))
    bounds = np.searchsorted(i, np.arange(0, n_rows + step, step))
    for block, lo in enumerate(range(0, n_rows, step)):
        first, last = int(bounds[block]), int(bounds[block + 1])
        if first == last:
            continue
        partners, where = np.unique(j[first:last], return_inverse=True)
        block, paired = matrix[lo : lo + step], matrix[partners]
        product_cost = np.dot(np.bincount(block.indices, minlength=matrix.shape[1]), np.bincount(paired.indices, minlength=matrix.shape[1]))
        nnz = np.diff(matrix.indptr)
        if product_cost > 4 * (nnz[i[first:last]].sum() + nnz[j[first:last]].sum()):
            for at in range(first, last, PAIR_CHUNK):
                to = min(last, at + PAIR_CHUNK)
                out[at:to] = np.asarray(matrix[i[at:to]].multiply(matrix[j[at:to]]).sum(axis=1)).ravel()
            continue
        product = (block @ paired.T).toarray()
        out[first:last] = product[i[first:last] - lo, where]
    return out

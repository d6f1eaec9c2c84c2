"""The one pairwise dot-product helper: ``matrix[i[k]] · matrix[j[k]]`` for listed pairs only.

Similarity and claims score candidate pairs, never the dense square of the corpus. A block
of rows is multiplied with the rows of its partners only and the wanted cells are read from
that product, so at most :data:`PRODUCT_CELLS` cells are held at once.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = ["PRODUCT_CELLS", "pair_dots"]

#: Largest block (rows x partner rows) of a product held at once.
PRODUCT_CELLS = 4_000_000


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
        product = (matrix[lo : lo + step] @ matrix[partners].T).toarray()
        out[first:last] = product[i[first:last] - lo, where]
    return out

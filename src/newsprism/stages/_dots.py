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

from ._tfidf import column_counts
from ._threads import threaded_map

__all__ = ["ELEMENTWISE_FACTOR", "PRODUCT_CELLS", "pair_dots"]

#: Largest block (rows x partner rows) of a product held at once.
PRODUCT_CELLS = 4_000_000
#: Pairs multiplied element by element at once.
PAIR_CHUNK = 20_000
#: A block is multiplied element by element when its product would cost more than this
#: many times the entries of its pairs' rows.
ELEMENTWISE_FACTOR = 4


def pair_dots(matrix: sparse.spmatrix, i: np.ndarray, j: np.ndarray, *, workers: int | None = None) -> np.ndarray:
    """Dot products of rows ``i[k]`` and ``j[k]`` of ``matrix`` (pairs sorted by ``i``), in
    ``workers`` threads (:func:`newsprism.stages._threads.threaded_map`). Both ways of
    computing a cell add its products one by one in column order (a block product, or the
    element-wise product of the two rows times a vector of ones), so the result does not
    depend on the way chosen or on the threads."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    out = np.zeros(len(i), dtype=np.float64)
    n_rows = matrix.shape[0]
    if matrix.shape[1] == 0 or not len(i):
        return out
    if np.any(np.diff(i) < 0):
        raise ValueError("pair_dots: pairs must be sorted by their first row")
    matrix = sparse.csr_matrix(matrix)
    if not matrix.has_sorted_indices:
        matrix = matrix.sorted_indices()  # a sorted copy: the caller's matrix stays as it is
    nnz = np.diff(matrix.indptr)
    df = column_counts(matrix)
    step = max(1, PRODUCT_CELLS // max(n_rows, 1))
    bounds = np.searchsorted(i, np.arange(0, n_rows + step, step))
    tasks = []
    for block, lo in enumerate(range(0, n_rows, step)):
        first, last = int(bounds[block]), int(bounds[block + 1])
        if first == last:
            continue
        partners = np.unique(j[first:last])
        columns = matrix.indices[matrix.indptr[lo] : matrix.indptr[min(lo + step, n_rows)]]
        # multiplications of the block's product, the partners' column counts taken as
        # their share of the corpus's (a cheap estimate that only chooses the way)
        product_cost = df[columns].sum() * len(partners) / n_rows
        if product_cost > ELEMENTWISE_FACTOR * (nnz[i[first:last]].sum() + nnz[j[first:last]].sum()):
            tasks += [(at, min(last, at + PAIR_CHUNK), None, None) for at in range(first, last, PAIR_CHUNK)]
        else:
            tasks.append((first, last, lo, partners))

    ones = np.ones(matrix.shape[1])

    def run(task: tuple[int, int, int | None, np.ndarray | None]) -> None:  # each task writes its own slice of out
        first, last, lo, partners = task
        if lo is None:
            out[first:last] = matrix[i[first:last]].multiply(matrix[j[first:last]]).tocsr() @ ones
            return
        product = (matrix[lo : lo + step] @ matrix[partners].T).toarray()
        out[first:last] = product[i[first:last] - lo, np.searchsorted(partners, j[first:last])]

    for _ in threaded_map(run, tasks, workers=workers):
        pass
    return out

"""How many pieces hold a passage's wording: the ``n_docs`` column of the passages table.

Rows with the same wording (a stock phrase shared by many pairs) are looked up once. The
candidates for a wording are the occurrences of its seed shingle (the postings of one
group of the shingle index, never the whole corpus), shifted back to where the wording
would start, then compared token by token.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._blocking import distinct, distinct_index
from ._runs import Rows
from ._shingles import Seeds
from ._tokens import CorpusTokens, equal_runs, mix64, range_hashes

__all__ = ["Postings", "wording_docs"]

#: ``(hashes, lengths) -> (query, position)``: every occurrence of each queried shingle.
Postings = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def wording_docs(tokens: CorpusTokens, rows: Rows, seeds: Seeds, postings: Postings) -> np.ndarray:
    """For each row, how many pieces hold its wording on side A or side B (see the module
    docstring). ``postings(hashes, lengths)`` lists every occurrence of each shingle."""
    n_rows, bounds = len(rows), tokens.bounds
    if not n_rows:
        return np.zeros(0, dtype=np.int64)
    near = np.flatnonzero(rows.n_blocks > 1)  # a verbatim row has one wording on both sides
    starts = np.concatenate([bounds[rows.doc_a] + rows.ai0, bounds[rows.doc_b[near]] + rows.bj0[near]])
    lengths = np.concatenate([rows.ai1 - rows.ai0, rows.bj1[near] - rows.bj0[near]])
    seed = np.concatenate([rows.seed, rows.seed[near]])
    seed_at = np.concatenate([seeds.pos_a[rows.seed], seeds.pos_b[rows.seed[near]]])
    reps, group = _wordings(tokens.keys, starts, lengths)
    holders = _blocked_holders(tokens, starts[reps], lengths[reps], seed_at[reps] - starts[reps], seeds.hash[seed[reps]], seeds.length[seed[reps]], postings)
    counts = np.bincount(holders[0], minlength=len(reps))
    out = counts[group[:n_rows]].astype(np.int64)
    g_a, g_b = group[near], group[n_rows:]
    differ = np.flatnonzero(g_a != g_b)
    if len(differ):  # near passages: the union of both sides' pieces
        begin = np.searchsorted(holders[0], np.arange(len(reps) + 1))
        pairs = []
        for side in (g_a[differ], g_b[differ]):
            size = begin[side + 1] - begin[side]
            docs = holders[1][np.repeat(begin[side], size) + _ramp(size)]
            pairs.append(np.repeat(np.arange(len(differ), dtype=np.int64), size) * (len(tokens) + 1) + docs)
        found = distinct(np.concatenate(pairs)) // (len(tokens) + 1)
        out[near[differ]] = np.bincount(found, minlength=len(differ))
    return out


def _ramp(sizes: np.ndarray) -> np.ndarray:
    return np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def _wordings(keys: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs of tokens grouped by wording: ``(first run of each group, group of each run)``.

    Runs are grouped by hash, then each is compared token by token with its group's first
    run; a run that differs (a hash collision, about never) is given a group of its own."""
    label = range_hashes(keys, starts, lengths) ^ (lengths.astype(np.uint64) << np.uint64(40))
    while True:
        _, first, group = distinct_index(label)
        rep = first[group]
        live = np.flatnonzero(lengths == lengths[rep])
        same = equal_runs(keys, starts[live], starts[rep[live]], lengths[live])
        differ = np.concatenate([np.flatnonzero(lengths != lengths[rep]), live[~same]])
        if not len(differ):
            return first, group
        label = label.copy()
        label[differ] = mix64(label[differ] ^ np.arange(1, len(differ) + 1, dtype=np.uint64))


#: Wordings looked up at once (bounds the arrays of their postings).
HOLDER_BLOCK = 1 << 16


def _blocked_holders(tokens: CorpusTokens, starts, lengths, offsets, hashes, seed_lengths, postings) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_holders`, :data:`HOLDER_BLOCK` wordings at a time (the same pairs, in the same order)."""
    found = []
    for lo in range(0, len(starts), HOLDER_BLOCK):
        part = slice(lo, lo + HOLDER_BLOCK)
        wording, doc = _holders(tokens, starts[part], lengths[part], offsets[part], hashes[part], seed_lengths[part], postings)
        found.append((wording + lo, doc))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([w for w, _ in found]), np.concatenate([d for _, d in found])


def _holders(tokens: CorpusTokens, starts, lengths, offsets, hashes, seed_lengths, postings) -> tuple[np.ndarray, np.ndarray]:
    """``(wording, doc)`` for every piece holding each wording (sorted, no repeats)."""
    keys, bounds = tokens.keys, tokens.bounds
    query, position = postings(hashes, seed_lengths)
    begin = position - offsets[query]
    doc = tokens.doc_of(position)
    size = lengths[query]
    ok = (begin >= bounds[doc]) & (begin + size <= bounds[doc + 1])
    live = np.flatnonzero(ok)
    ok[live] = equal_runs(keys, begin[live], starts[query[live]], size[live])
    found = distinct(query[ok].astype(np.int64) * (len(tokens) + 1) + doc[ok])
    return found // (len(tokens) + 1), found % (len(tokens) + 1)

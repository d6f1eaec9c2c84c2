"""From seeds to passages for a whole corpus at once (numpy), and how many pieces carry each.

:func:`find_rows` verifies the seeds, merges them into maximal exact runs, and sends to
the greedy walk of :mod:`newsprism.stages._align` only the pairs of pieces where a run
might resume after a light edit or two runs overlap; every other run of at least
``min_tokens`` tokens is a verbatim passage as it stands. :func:`wording_docs` counts, for
each passage, the pieces whose tokens hold its wording on either side, looking only at
the postings of one shingle inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._align import pair_passages
from ._blocking import distinct, group_pairs
from ._chains import walk_chains
from ._shingles import Seeds
from ._threads import blockwise
from ._tokens import CorpusTokens, equal_runs

__all__ = ["Rows", "find_rows"]


_FIELDS = ("doc_a", "doc_b", "ai0", "ai1", "bj0", "bj1", "matched", "n_blocks", "seed")


@dataclass
class Rows:
    """Passages as arrays: pieces, token ranges (local to each piece), matched tokens, the
    number of exact runs, the seed inside each; ``blocks`` lists the exact runs of the near
    passages as ``(row, i, j, n)`` arrays (local positions), sorted by row then ``i``."""

    doc_a: np.ndarray
    doc_b: np.ndarray
    ai0: np.ndarray
    ai1: np.ndarray
    bj0: np.ndarray
    bj1: np.ndarray
    matched: np.ndarray
    n_blocks: np.ndarray
    seed: np.ndarray
    blocks: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def __len__(self) -> int:
        return len(self.doc_a)

    def take(self, keep: np.ndarray) -> Rows:
        """The rows ``keep`` (indices or a boolean mask), renumbered."""
        keep = np.flatnonzero(keep) if keep.dtype == bool else keep
        renumber = np.full(len(self), -1, dtype=np.int64)
        renumber[keep] = np.arange(len(keep))
        row = renumber[self.blocks[0]]
        inside = row >= 0
        blocks = (row[inside], *(b[inside] for b in self.blocks[1:]))
        return Rows(*(getattr(self, f)[keep] for f in _FIELDS), blocks=blocks)


def _no_blocks() -> tuple[np.ndarray, ...]:
    return tuple(np.zeros(0, dtype=np.int64) for _ in range(4))


def _verified(keys: np.ndarray, seeds: Seeds) -> np.ndarray:
    """Which seeds really match token for token (not a hash collision)."""
    return equal_runs(keys, seeds.pos_a, seeds.pos_b, seeds.length)


def _group_max(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Running maximum of ``values`` restarting at each new value of ``groups`` (sorted)."""
    if not len(values):
        return values
    span = int(values.max()) - int(values.min()) + 1
    shifted = values - values.min() + groups * span
    return np.maximum.accumulate(shifted) - groups * span + values.min()


def _runs(tokens: CorpusTokens, seeds: Seeds, da: np.ndarray, db: np.ndarray) -> tuple[np.ndarray, ...]:
    """The maximal exact runs holding the seeds (in pieces ``da``, ``db``): ``(doc_a, doc_b,
    a0, b0, n, seed)`` (global starts), sorted by pair, diagonal and start, without duplicates."""
    bounds = tokens.bounds
    i, j = seeds.pos_a - bounds[da], seeds.pos_b - bounds[db]
    pair, diag = da * len(tokens) + db, j - i
    # diagonal and start packed in one key: both are below 2**31 in magnitude
    order = np.lexsort((((diag + (1 << 31)).astype(np.uint64) << np.uint64(32)) | i.astype(np.uint64), pair))
    pair, diag, i, end = pair[order], diag[order], i[order], (i + seeds.length)[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (pair[1:] != pair[:-1]) | (diag[1:] != diag[:-1])
    reach = _group_max(end, np.cumsum(new) - 1)
    first = new.copy()
    first[1:] |= i[1:] > reach[:-1]
    starts = np.flatnonzero(first)
    lasts = np.append(starts[1:] - 1, len(order) - 1).astype(np.int64)
    da, db = da[order][starts], db[order][starts]
    a0 = bounds[da] + i[starts]
    b0 = bounds[db] + i[starts] + diag[starts]
    n = reach[lasts] - i[starts]
    a0, b0, n = _extend(tokens, da, db, a0, b0, n)
    pair, diag = pair[starts], diag[starts]
    keep = np.ones(len(a0), dtype=bool)
    keep[1:] = (pair[1:] != pair[:-1]) | (diag[1:] != diag[:-1]) | (a0[1:] != a0[:-1])
    return da[keep], db[keep], a0[keep], b0[keep], n[keep], order[starts][keep]


def _extend(tokens: CorpusTokens, da: np.ndarray, db: np.ndarray, a0: np.ndarray, b0: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, ...]:
    """Grow each exact run to its maximal extent on both sides."""
    keys, bounds = tokens.keys, tokens.bounds
    a0, b0, n = a0.copy(), b0.copy(), n.copy()
    live = np.flatnonzero((a0 > bounds[da]) & (b0 > bounds[db]))
    while len(live):
        same = keys[a0[live] - 1] == keys[b0[live] - 1]
        live = live[same]
        a0[live] -= 1
        b0[live] -= 1
        n[live] += 1
        live = live[(a0[live] > bounds[da[live]]) & (b0[live] > bounds[db[live]])]
    live = np.flatnonzero((a0 + n < bounds[da + 1]) & (b0 + n < bounds[db + 1]))
    while len(live):
        same = keys[a0[live] + n[live]] == keys[b0[live] + n[live]]
        live = live[same]
        n[live] += 1
        live = live[(a0[live] + n[live] < bounds[da[live] + 1]) & (b0[live] + n[live] < bounds[db[live] + 1])]
    return a0, b0, n


#: Runs probed at once by one thread (bounds the probe's arrays).
_PROBE_CHUNK = 1 << 17


def _windows(keys: np.ndarray, content: np.ndarray, at: np.ndarray, lo: np.ndarray, hi: np.ndarray, width: int, step: int, missing: int):
    """Keys and content flags of ``width`` tokens from ``at`` going ``step`` (+1 or -1);
    positions outside ``[lo, hi)`` get the key ``missing``."""
    pos = at[:, None] + step * np.arange(width)
    inside = (pos >= lo[:, None]) & (pos < hi[:, None])
    pos = np.where(inside, pos, 0)
    return np.where(inside, keys[pos], np.uint64(missing)), content[pos] & inside


def _may_resume(tokens: CorpusTokens, da, db, a0, b0, n, max_gap: int) -> np.ndarray:
    """Runs after or before which the run may resume across a gap the walk can bridge: two
    tokens match again, skipping ``x`` tokens in A and ``y`` in B (``|x - y| <= max_gap``,
    at most ``2 * max_gap + 1`` each), and one of them is a content word or a third matches."""
    if not max_gap or not len(a0):
        return np.zeros(len(a0), dtype=bool)
    keys, content, bounds = tokens.keys, tokens.content, tokens.bounds
    wide = 2 * max_gap + 1  # the widest gap of the walk (newsprism.stages._align.wide_edits)
    width = wide + 3
    x, y = np.meshgrid(np.arange(wide + 1), np.arange(wide + 1), indexing="ij")
    allowed = np.abs(x - y) <= max_gap
    hit = np.zeros(len(a0), dtype=bool)

    def probe(part: slice) -> None:
        for at_a, at_b, step in ((a0[part] + n[part], b0[part] + n[part], 1), (a0[part] - 1, b0[part] - 1, -1)):
            ka, ca = _windows(keys, content, at_a, bounds[da[part]], bounds[da[part] + 1], width, step, 2**64 - 2)
            kb, _ = _windows(keys, content, at_b, bounds[db[part]], bounds[db[part] + 1], width, step, 2**64 - 3)
            eq = ka[:, :, None] == kb[:, None, :]
            two = eq[:, : wide + 1, : wide + 1] & eq[:, 1 : wide + 2, 1 : wide + 2]
            more = ca[:, : wide + 1, None] | ca[:, 1 : wide + 2, None] | eq[:, 2 : wide + 3, 2 : wide + 3]
            hit[part] |= np.any(two & more & allowed, axis=(1, 2))

    blockwise(probe, len(a0), block=_PROBE_CHUNK)
    return hit


def _nested(pair: np.ndarray, a0: np.ndarray, b0: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Pairs (values of ``pair``) in which one run lies inside another on both sides."""
    order = np.argsort(pair, kind="stable")
    p = pair[order]
    starts = np.flatnonzero(np.concatenate([[True], p[1:] != p[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(p)]]))
    many = sizes > 1
    x, y, _ = group_pairs(starts[many], sizes[many])
    x, y = order[x], order[y]
    a1, b1 = a0 + n, b0 + n
    inside = ((a0[x] <= a0[y]) & (a1[y] <= a1[x]) & (b0[x] <= b0[y]) & (b1[y] <= b1[x])) | (
        (a0[y] <= a0[x]) & (a1[x] <= a1[y]) & (b0[y] <= b0[x]) & (b1[x] <= b1[y])
    )
    return distinct(pair[x[inside]])


def find_rows(tokens: CorpusTokens, seeds: Seeds, min_tokens: int, max_gap: int, python_walk: bool = False) -> Rows:
    """Every passage of the corpus from its seeds (see the module docstring).

    Runs that may resume after an edit are walked all at once (:mod:`newsprism.stages._chains`);
    the pairs where one walk may cover another run's seeds, or one run lies inside another,
    are walked pair by pair in seed order (:func:`newsprism.stages._align.pair_passages`), as
    are all walked pairs with ``python_walk``."""
    ok = _verified(tokens.keys, seeds)
    seeds = Seeds(seeds.pos_a[ok], seeds.pos_b[ok], seeds.length[ok], seeds.hash[ok])
    if not len(seeds.pos_a):
        none = np.zeros(0, dtype=np.int64)
        return _run_rows(tokens, none, none, none, none, none, none)
    seed_a, seed_b = tokens.doc_of(seeds.pos_a), tokens.doc_of(seeds.pos_b)
    da, db, a0, b0, n, seed = _runs(tokens, seeds, seed_a, seed_b)
    n_docs, bounds = len(tokens), tokens.bounds
    pair = da * n_docs + db
    resumes = _may_resume(tokens, da, db, a0, b0, n, max_gap)
    nested = _nested(pair, a0, b0, n)
    walked = distinct(np.concatenate([pair[resumes], nested]))
    in_walk = np.isin(pair, walked)
    simple = ~in_walk & (n >= min_tokens)
    parts = [_run_rows(tokens, da[simple], db[simple], a0[simple], b0[simple], n[simple], seed[simple])]
    if python_walk:
        python_pairs = walked
    else:
        w = np.flatnonzero(in_walk)
        chains = walk_chains(tokens.keys, tokens.content, a0[w], b0[w], n[w], bounds[da[w]], bounds[da[w] + 1], bounds[db[w]], bounds[db[w] + 1], max_gap)
        n_blocks = np.bincount(chains.chain, minlength=len(w))
        ordered = np.sort(pair[w])
        crowded = ordered[1:][ordered[1:] == ordered[:-1]]  # pairs with two runs or more
        walking = pair[w][n_blocks > 1]
        python_pairs = distinct(np.concatenate([nested, walking[np.isin(walking, crowded)]]))
        alone = ~np.isin(pair[w], python_pairs)
        parts.append(_chain_rows(tokens, chains, w, alone, da, db, seed, min_tokens))
    parts.append(_walk(tokens, seeds, seed_a, seed_b, python_pairs, min_tokens, max_gap))
    return _concat(parts)


def _run_rows(tokens: CorpusTokens, da, db, a0, b0, n, seed) -> Rows:
    """Verbatim rows: one exact run each."""
    bounds = tokens.bounds
    ai0, bj0 = a0 - bounds[da], b0 - bounds[db]
    return Rows(da, db, ai0, ai0 + n, bj0, bj0 + n, n, np.ones(len(n), dtype=np.int64), seed, _no_blocks())


def _chain_rows(tokens: CorpusTokens, chains, w: np.ndarray, alone: np.ndarray, da, db, seed, min_tokens: int) -> Rows:
    """Rows from the chains of runs ``w[alone]`` (chain ``c`` walked from run ``w[c]``)."""
    bounds = tokens.bounds
    keep = alone[chains.chain]
    c, bi, bj, bn = chains.chain[keep], chains.i[keep], chains.j[keep], chains.n[keep]
    first = np.flatnonzero(np.concatenate([[True], c[1:] != c[:-1]])) if len(c) else np.zeros(0, dtype=np.int64)
    last = np.append(first[1:] - 1, len(c) - 1).astype(np.int64) if len(c) else first
    run = w[c[first]]
    matched = np.add.reduceat(bn, first) if len(c) else np.zeros(0, dtype=np.int64)
    n_blocks = np.diff(np.append(first, len(c)))
    a, b = da[run], db[run]
    ai0, bj0 = bi[first] - bounds[a], bj[first] - bounds[b]
    ai1, bj1 = bi[last] + bn[last] - bounds[a], bj[last] + bn[last] - bounds[b]
    row_of_chain = np.full(len(first), -1, dtype=np.int64)
    long_enough = matched >= min_tokens
    row_of_chain[long_enough] = np.arange(int(long_enough.sum()))
    block_row = np.repeat(row_of_chain, n_blocks)
    near = (block_row >= 0) & np.repeat(n_blocks > 1, n_blocks)
    owner = np.repeat(np.arange(len(first)), n_blocks)
    blocks = (block_row[near], bi[near] - bounds[a[owner[near]]], bj[near] - bounds[b[owner[near]]], bn[near])
    k = long_enough
    return Rows(a[k], b[k], ai0[k], ai1[k], bj0[k], bj1[k], matched[k], n_blocks[k], seed[run][k], blocks)


def _walk(tokens: CorpusTokens, seeds: Seeds, da: np.ndarray, db: np.ndarray, walk: np.ndarray, min_tokens: int, max_gap: int) -> Rows:
    """The passages of the pairs in ``walk``, pair by pair (:func:`pair_passages`); the seeds
    lie in pieces ``da`` and ``db``."""
    n_docs, bounds, keys, content = len(tokens), tokens.bounds, tokens.keys, tokens.content
    pair = da * n_docs + db
    chosen = np.flatnonzero(np.isin(pair, walk))
    i, j = seeds.pos_a[chosen] - bounds[da[chosen]], seeds.pos_b[chosen] - bounds[db[chosen]]
    order = np.lexsort((j, i, pair[chosen]))
    chosen, i, j = chosen[order], i[order], j[order]
    cuts = np.flatnonzero(np.diff(pair[chosen])) + 1
    out: dict[str, list] = {f: [] for f in _FIELDS}
    blocks: list[tuple[int, int, int, int]] = []
    cached: tuple[int, list, list] | None = None
    for lo, hi in zip(np.concatenate([[0], cuts]).tolist(), np.concatenate([cuts, [len(chosen)]]).tolist()):
        if lo == hi:
            continue
        a, b = int(da[chosen[lo]]), int(db[chosen[lo]])
        if cached is None or cached[0] != a:
            cached = (a, keys[bounds[a] : bounds[a + 1]].tolist(), content[bounds[a] : bounds[a + 1]].tolist())
        kb = keys[bounds[b] : bounds[b + 1]].tolist()
        pair_seeds = list(zip(i[lo:hi].tolist(), j[lo:hi].tolist(), chosen[lo:hi].tolist()))
        for found, s in pair_passages(cached[1], kb, cached[2], pair_seeds, min_tokens, max_gap):
            first, last = found[0], found[-1]
            row = len(out["seed"])
            for field, value in zip(_FIELDS, (a, b, first.i, last.i + last.n, first.j, last.j + last.n, sum(x.n for x in found), len(found), s)):
                out[field].append(value)
            if len(found) > 1:
                blocks += [(row, x.i, x.j, x.n) for x in found]
    arrays = {f: np.asarray(v, dtype=np.int64) for f, v in out.items()}
    block_arrays = tuple(np.asarray(col, dtype=np.int64) for col in zip(*blocks)) if blocks else _no_blocks()
    return Rows(**arrays, blocks=block_arrays)


def _concat(parts: list[Rows]) -> Rows:
    shifts = np.cumsum([0] + [len(p) for p in parts[:-1]])
    blocks = tuple(np.concatenate([p.blocks[k] + (shift if k == 0 else 0) for p, shift in zip(parts, shifts)]) for k in range(4))
    return Rows(*(np.concatenate([getattr(p, f) for p in parts]).astype(np.int64) for f in _FIELDS), blocks=blocks)

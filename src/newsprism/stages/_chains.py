"""The greedy walk of :mod:`newsprism.stages._align`, for many exact runs at once (numpy).

Each run is a *chain*: a step forward (and then backward) tries the same gaps in the same
order as :class:`newsprism.stages._align.Aligner`, for every chain still walking, and keeps
the same best resume (longest run; the first gap tried among equals; a wider gap only when
no cheap edit resumes, with the token edit distance and its matching tokens from the same
dynamic programme and tie-breaks). A chain stops when no gap resumes it. The result is,
run for run, the blocks the Python walk gives from that run's seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._align import MIN_RESUME, cheap_edits, wide_edits

__all__ = ["Chains", "walk_chains"]


@dataclass(frozen=True)
class Chains:
    """The blocks of every chain (global positions), sorted by chain then position."""

    chain: np.ndarray
    i: np.ndarray
    j: np.ndarray
    n: np.ndarray


class _Walk:
    def __init__(self, keys: np.ndarray, content: np.ndarray, lo_a, hi_a, lo_b, hi_b, max_gap: int) -> None:
        self.keys = keys
        self.prefix = np.concatenate([[0], np.cumsum(content, dtype=np.int64)])
        self.lo_a, self.hi_a, self.lo_b, self.hi_b = lo_a, hi_a, lo_b, hi_b
        self.max_gap = max_gap
        self.cheap, self.wide = cheap_edits(max_gap), wide_edits(max_gap)
        self.parts: list[tuple[np.ndarray, ...]] = []

    def run(self, c: np.ndarray, x: np.ndarray, y: np.ndarray, forward: bool) -> np.ndarray:
        """Length of the exact run starting at ``(x, y)`` going forward, or ending there going back."""
        keys = self.keys
        out = np.zeros(len(c), dtype=np.int64)
        live = np.arange(len(c))
        t = 0
        while len(live):
            if forward:
                xs, ys = x[live] + t, y[live] + t
                inside = (xs < self.hi_a[c[live]]) & (ys < self.hi_b[c[live]]) & (xs >= self.lo_a[c[live]]) & (ys >= self.lo_b[c[live]])
            else:
                xs, ys = x[live] - 1 - t, y[live] - 1 - t
                inside = (xs >= self.lo_a[c[live]]) & (ys >= self.lo_b[c[live]]) & (xs < self.hi_a[c[live]]) & (ys < self.hi_b[c[live]])
            same = inside.copy()
            same[inside] = keys[xs[inside]] == keys[ys[inside]]
            live = live[same]
            out[live] += 1
            t += 1
        return out

    def distance(self, ga0: np.ndarray, gb0: np.ndarray, da: int, db: int) -> np.ndarray:
        """Token edit distances (full tables) between ``keys[ga0 : ga0 + da]`` and ``keys[gb0 : gb0 + db]``."""
        m = len(ga0)
        cost = np.empty((m, da + 1, db + 1), dtype=np.int64)
        cost[:, :, 0] = np.arange(da + 1)
        cost[:, 0, :] = np.arange(db + 1)
        ga = self.keys[ga0[:, None] + np.arange(da)] if da else np.zeros((m, 0), dtype=np.uint64)
        gb = self.keys[gb0[:, None] + np.arange(db)] if db else np.zeros((m, 0), dtype=np.uint64)
        for p in range(1, da + 1):
            for q in range(1, db + 1):
                same = cost[:, p - 1, q - 1] + (ga[:, p - 1] != gb[:, q - 1])
                cost[:, p, q] = np.minimum(same, np.minimum(cost[:, p - 1, q] + 1, cost[:, p, q - 1] + 1))
        return cost

    def matches(self, cost: np.ndarray, ga0: np.ndarray, gb0: np.ndarray, da: int, db: int) -> tuple[np.ndarray, ...]:
        """The matching tokens of each alignment (the Python walk's backtrace), as blocks
        ``(row, p, q, n)``."""
        keys = self.keys
        rows, ps, qs = [], [], []
        live = np.arange(len(ga0))
        p = np.full(len(ga0), da)
        q = np.full(len(ga0), db)
        while len(live):
            live = live[(p[live] > 0) & (q[live] > 0)]
            if not len(live):
                break
            pl, ql = p[live], q[live]
            here = cost[live, pl, ql]
            diag = cost[live, pl - 1, ql - 1]
            match = (keys[ga0[live] + pl - 1] == keys[gb0[live] + ql - 1]) & (here == diag)
            sub = ~match & (here == diag + 1)
            up = ~match & ~sub & (here == cost[live, pl - 1, ql] + 1)
            rows.append(live[match])
            ps.append(pl[match] - 1)
            qs.append(ql[match] - 1)
            p[live] -= (match | sub | up).astype(np.int64)
            q[live] -= (match | sub | ~up).astype(np.int64)
        if not rows:
            return (np.zeros(0, dtype=np.int64),) * 4
        row, p, q = np.concatenate(rows), np.concatenate(ps), np.concatenate(qs)
        order = np.lexsort((p, row))
        row, p, q = row[order], p[order], q[order]
        new = np.ones(len(row), dtype=bool)  # consecutive matches on one diagonal are one block
        new[1:] = (row[1:] != row[:-1]) | (p[1:] != p[:-1] + 1) | (q[1:] != q[:-1] + 1)
        first = np.flatnonzero(new)
        return row[first], p[first], q[first], np.diff(np.append(first, len(row)))

    def step(self, c: np.ndarray, i: np.ndarray, j: np.ndarray, forward: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One step of chains ``c`` from ``(i, j)`` (the end of the last block forward, the start
        of the first block backward): which resumed, and the new end (or start)."""
        best = np.zeros(len(c), dtype=np.int64)
        at_i, at_j = i.copy(), j.copy()
        cand = np.full(len(c), -1)
        for tier, gaps in enumerate((self.cheap, self.wide)):
            todo = np.flatnonzero(best == 0) if tier else np.arange(len(c))
            for g, (da, db) in enumerate(gaps):
                if not len(todo):
                    break
                x, y = (i[todo] + da, j[todo] + db) if forward else (i[todo] - da, j[todo] - db)
                r = self.run(c[todo], x, y, forward)
                lo, hi = (x, x + r) if forward else (x - r, x)
                top = len(self.prefix) - 1
                ok = (r >= MIN_RESUME) & (r > best[todo]) & (self.prefix[np.clip(hi, 0, top)] - self.prefix[np.clip(lo, 0, top)] > 0)
                if tier and ok.any():
                    sel = np.flatnonzero(ok)
                    ga0, gb0 = (i[todo[sel]], j[todo[sel]]) if forward else (x[sel], y[sel])
                    ok[sel] = self.distance(ga0, gb0, da, db)[:, da, db] <= self.max_gap
                won = todo[ok]
                best[won] = r[ok]
                at_i[won] = lo[ok]
                at_j[won] = (y[ok] if forward else y[ok] - r[ok])
                cand[won] = g if tier else -1
        resumed = best > 0
        self._record(c[resumed], at_i[resumed], at_j[resumed], best[resumed])
        for g, (da, db) in enumerate(self.wide):  # inner matches of the wider gaps
            sel = np.flatnonzero(resumed & (cand == g))
            if not len(sel):
                continue
            ga0, gb0 = (i[sel], j[sel]) if forward else (i[sel] - da, j[sel] - db)
            rows, p, q, n = self.matches(self.distance(ga0, gb0, da, db), ga0, gb0, da, db)
            self._record(c[sel[rows]], ga0[rows] + p, gb0[rows] + q, n)
        if forward:
            return resumed, at_i + best, at_j + best
        return resumed, at_i, at_j

    def _record(self, c, i, j, n) -> None:
        self.parts.append((c, i, j, n))


def walk_chains(keys: np.ndarray, content: np.ndarray, a0, b0, n, lo_a, hi_a, lo_b, hi_b, max_gap: int) -> Chains:
    """Walk every run ``keys[a0:a0+n] == keys[b0:b0+n]`` across light edits (chain ``c`` is run
    ``c``; its pieces' token bounds are ``lo_a[c]:hi_a[c]`` and ``lo_b[c]:hi_b[c]``)."""
    walk = _Walk(keys, content, lo_a, hi_a, lo_b, hi_b, max_gap)
    chains = np.arange(len(a0))
    walk.parts.append((chains, a0, b0, n))
    for forward in (True, False):
        c = chains
        i, j = (a0 + n, b0 + n) if forward else (a0.copy(), b0.copy())
        while len(c) and (walk.cheap or walk.wide):
            resumed, i, j = walk.step(c, i, j, forward)
            c, i, j = c[resumed], i[resumed], j[resumed]
    chain, bi, bj, bn = (np.concatenate([p[k] for p in walk.parts]).astype(np.int64) for k in range(4))
    order = np.lexsort((bi, chain))
    return Chains(chain[order], bi[order], bj[order], bn[order])

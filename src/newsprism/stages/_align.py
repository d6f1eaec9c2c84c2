"""Alignment of seed matches into passages: exact runs, then light edits.

Seeds (:mod:`newsprism.stages._shingles`) are verified token by token, merged into the
maximal exact runs that hold them (one numpy pass over all pairs of pieces) and grown to
their maximal extent. A run that cannot resume after any light edit, in a pair where no
two runs overlap, *is* a passage: most pairs end there. The other pairs are aligned one by
one (:func:`pair_passages`), seed by seed in order, as a greedy walk across light edits:

- first the cheapest edits (one or two tokens changed, inserted or dropped: the run resumes
  at most ``max_gap`` tokens further on either side);
- else a wider gap whose token edit distance is at most ``max_gap``, single words matching
  between the edits ("make the bargain" / "double the peninsula": two words changed, "the"
  kept), up to ``2 * max_gap + 1`` tokens on either side;

in both cases the run must resume for at least :data:`MIN_RESUME` tokens, one of them a
content word. The passages found in one pair are then kept longest first, leaving out any
contained (on both sides) in a longer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["EDITS", "MIN_RESUME", "Block", "cheap_edits", "pair_passages", "wide_edits"]

#: A run resuming after a light edit must be at least this long.
MIN_RESUME = 2
#: Light edits tried first after an exact run ends: (tokens skipped in A, tokens skipped in B),
#: cheapest first (one word changed, inserted, dropped; then two).
EDITS = ((1, 1), (0, 1), (1, 0), (2, 2), (0, 2), (2, 0), (1, 2), (2, 1))


@cache
def cheap_edits(max_gap: int) -> list[tuple[int, int]]:
    """The cheap edits of :data:`EDITS` for ``max_gap``."""
    return [e for e in EDITS if max(e) <= max_gap]


@cache
def wide_edits(max_gap: int) -> list[tuple[int, int]]:
    """The wider gaps tried when no cheap edit resumes the run, fewest tokens skipped first."""
    wide = 2 * max_gap + 1
    cheap = set(cheap_edits(max_gap))
    gaps = [(da, db) for da in range(wide + 1) for db in range(wide + 1) if abs(da - db) <= max_gap and (da, db) != (0, 0)]
    return sorted((g for g in gaps if g not in cheap), key=lambda g: (g[0] + g[1], max(g), g[0]))


@dataclass(frozen=True)
class Block:
    """An exact run: tokens ``a[i:i+n] == b[j:j+n]`` (positions in the pieces)."""

    i: int
    j: int
    n: int


def _run_forward(a: list, b: list, i: int, j: int) -> int:
    n = 0
    while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
        n += 1
    return n


def _run_backward(a: list, b: list, i_end: int, j_end: int) -> int:
    n = 0
    while i_end - n > 0 and j_end - n > 0 and a[i_end - n - 1] == b[j_end - n - 1]:
        n += 1
    return n


def _gap_matches(ga: list, gb: list, max_gap: int) -> list[tuple[int, int]] | None:
    """The matching tokens ``(p, q)`` of a token alignment of ``ga`` and ``gb`` with at most
    ``max_gap`` edits, or ``None`` when more are needed (Levenshtein, matches preferred)."""
    n, m = len(ga), len(gb)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for p in range(n + 1):
        cost[p][0] = p
    for q in range(m + 1):
        cost[0][q] = q
    for p in range(1, n + 1):
        for q in range(1, m + 1):
            same = cost[p - 1][q - 1] + (ga[p - 1] != gb[q - 1])
            cost[p][q] = min(same, cost[p - 1][q] + 1, cost[p][q - 1] + 1)
    if cost[n][m] > max_gap:
        return None
    matches, p, q = [], n, m
    while p and q:
        if ga[p - 1] == gb[q - 1] and cost[p][q] == cost[p - 1][q - 1]:
            matches.append((p - 1, q - 1))
            p, q = p - 1, q - 1
        elif cost[p][q] == cost[p - 1][q - 1] + 1:
            p, q = p - 1, q - 1
        elif cost[p][q] == cost[p - 1][q] + 1:
            p -= 1
        else:
            q -= 1
    return matches[::-1]


def _inner_blocks(matches: list[tuple[int, int]], i0: int, j0: int) -> list[Block]:
    blocks: list[Block] = []
    for p, q in matches:
        last = blocks[-1] if blocks else None
        if last is not None and last.i + last.n == i0 + p and last.j + last.n == j0 + q:
            blocks[-1] = Block(last.i, last.j, last.n + 1)
        else:
            blocks.append(Block(i0 + p, j0 + q, 1))
    return blocks


class _Aligner:
    """The greedy walk of one pair of pieces: token keys ``a``, ``b`` and content flags ``ca``."""

    def __init__(self, a: list, b: list, ca: list, max_gap: int) -> None:
        self.a, self.b, self.ca, self.max_gap = a, b, ca, max_gap
        self.cheap = cheap_edits(max_gap)
        self.wide = wide_edits(max_gap)

    def forward(self, ie: int, je: int) -> list[Block]:
        a, b, ca = self.a, self.b, self.ca
        la, lb = len(a) - 1, len(b) - 1
        best: Block | None = None
        for da, db in self.cheap:
            ni, nj = ie + da, je + db
            if ni >= la or nj >= lb or a[ni] != b[nj] or a[ni + 1] != b[nj + 1]:
                continue
            run = _run_forward(a, b, ni, nj)
            if run >= MIN_RESUME and (best is None or run > best.n) and any(ca[ni : ni + run]):
                best = Block(ni, nj, run)
        if best is not None:
            return [best]
        inner: list[Block] = []
        for da, db in self.wide:
            ni, nj = ie + da, je + db
            if ni >= la or nj >= lb or a[ni] != b[nj] or a[ni + 1] != b[nj + 1]:
                continue
            run = _run_forward(a, b, ni, nj)
            if run < MIN_RESUME or (best is not None and run <= best.n) or not any(ca[ni : ni + run]):
                continue
            found = _gap_matches(a[ie:ni], b[je:nj], self.max_gap)
            if found is not None:
                best, inner = Block(ni, nj, run), _inner_blocks(found, ie, je)
        return [] if best is None else [*inner, best]

    def backward(self, fi: int, fj: int) -> list[Block]:
        a, b, ca = self.a, self.b, self.ca
        best: Block | None = None
        for da, db in self.cheap:
            ei, ej = fi - da, fj - db
            if ei < 2 or ej < 2 or a[ei - 1] != b[ej - 1] or a[ei - 2] != b[ej - 2]:
                continue
            run = _run_backward(a, b, ei, ej)
            if run >= MIN_RESUME and (best is None or run > best.n) and any(ca[ei - run : ei]):
                best = Block(ei - run, ej - run, run)
        if best is not None:
            return [best]
        inner: list[Block] = []
        for da, db in self.wide:
            ei, ej = fi - da, fj - db
            if ei < 2 or ej < 2 or a[ei - 1] != b[ej - 1] or a[ei - 2] != b[ej - 2]:
                continue
            run = _run_backward(a, b, ei, ej)
            if run < MIN_RESUME or (best is not None and run <= best.n) or not any(ca[ei - run : ei]):
                continue
            found = _gap_matches(a[ei:fi], b[ej:fj], self.max_gap)
            if found is not None:
                best, inner = Block(ei - run, ej - run, run), _inner_blocks(found, ei, ej)
        return [] if best is None else [best, *inner]

    def align(self, i: int, j: int) -> list[Block]:
        """Grow the seed at ``(i, j)`` into exact runs joined by light edits."""
        back = _run_backward(self.a, self.b, i, j)
        i, j = i - back, j - back
        blocks = [Block(i, j, _run_forward(self.a, self.b, i, j))]
        while True:
            last = blocks[-1]
            step = self.forward(last.i + last.n, last.j + last.n)
            if not step:
                break
            blocks += step
        while True:
            step = self.backward(blocks[0].i, blocks[0].j)
            if not step:
                break
            blocks[:0] = step
        return blocks


def pair_passages(a: list, b: list, ca: list, seeds: list[tuple[int, int, int]], min_tokens: int, max_gap: int) -> list[tuple[list[Block], int]]:
    """The passages of one pair of pieces from its seeds ``(i, j, seed id)`` sorted by
    ``(i, j)``: ``(blocks, seed id)`` each, longest first, none contained in another."""
    aligner = _Aligner(a, b, ca, max_gap)
    covered: set[tuple[int, int]] = set()
    found: list[tuple[list[Block], int, int]] = []
    for i, j, seed in seeds:
        if (i, j) in covered:
            continue
        blocks = aligner.align(i, j)
        for blk in blocks:
            covered.update((blk.i + t, blk.j + t) for t in range(blk.n))
        matched = sum(blk.n for blk in blocks)
        if matched >= min_tokens:
            found.append((blocks, seed, matched))
    found.sort(key=lambda f: (-f[2], f[0][0].i, f[0][0].j))
    kept: list[tuple[list[Block], int]] = []
    spans: list[tuple[int, int, int, int]] = []
    for blocks, seed, _ in found:
        span = (blocks[0].i, blocks[-1].i + blocks[-1].n, blocks[0].j, blocks[-1].j + blocks[-1].n)
        if not any(o[0] <= span[0] and span[1] <= o[1] and o[2] <= span[2] and span[3] <= o[3] for o in spans):
            kept.append((blocks, seed))
            spans.append(span)
    return kept

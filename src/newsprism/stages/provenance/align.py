"""Word-by-word alignment of a quote with its source, and what changed on the way.

Both sides are word keys (:func:`newsprism.stages.passages.tokenize`: case, accents,
quote marks and punctuation never count). :func:`compare_words` aligns the source's words
with the piece's (difflib's longest matching blocks) and reads the opcodes:

- words the source has before the piece's first word or after its last are a cut
  (``truncated``); words the piece adds at its start or end are an ``extended`` quote;
- anything inside is ``altered``: ``changed: old -> new`` (a multi-word replacement is
  one entry; two edits one shared word apart are one entry, so "metre by metre -> inch
  by inch" is one change), ``dropped: w``, ``added: w``, ``order: a b -> b a`` (the same
  words in another order);
- nothing else is ``exact``.

:func:`locate` finds where in a candidate text a quote's words lie: seed positions come
from shared shingles, a window around them is aligned, and the blocks of the best chain
(gaps of at most :data:`MAX_GAP` words) give the matched region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from newsprism.stages.passages import Tokens

from .index import K

__all__ = ["MAX_GAP", "Comparison", "Region", "compare_words", "locate", "shower"]

#: Largest gap (in words, on either side) inside one aligned region.
MAX_GAP = 4


@dataclass(frozen=True)
class Region:
    """Where a quote's words lie in a text: token range ``[lo, hi)``, words matched, longest run."""

    lo: int
    hi: int
    matched: int
    longest: int


@dataclass(frozen=True)
class Comparison:
    """The source's words against the piece's: verdict from words, differences, note, similarity."""

    verdict: str
    differences: tuple[str, ...]
    note: str
    similarity: float
    matched: int
    longest: int


def _blocks(a: tuple[str, ...], b: tuple[str, ...]):
    return [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]


def _chain(blocks) -> list:
    """The chain around the largest block whose gaps stay within :data:`MAX_GAP` words; a
    one-word block joins only when it sits at most two words from the chain."""
    if not blocks:
        return []
    core = max(range(len(blocks)), key=lambda i: (blocks[i].size, -i))
    chain = [blocks[core]]

    def close(x, y) -> bool:  # x before y
        gap_a, gap_b = y.a - (x.a + x.size), y.b - (x.b + x.size)
        limit = 2 if min(x.size, y.size) == 1 else MAX_GAP
        return gap_a <= limit and gap_b <= limit

    for block in blocks[core + 1 :]:
        if not close(chain[-1], block):
            break
        chain.append(block)
    for block in reversed(blocks[:core]):
        if not close(block, chain[0]):
            break
        chain.insert(0, block)
    return chain


def _within(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``np.isin(values, keys)`` for sorted unique ``keys``, by binary search (faster for a few keys)."""
    if not len(keys):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(keys, values)
    at[at == len(keys)] = 0
    return keys[at] == values


def locate(query: tuple[str, ...], query_shingles: np.ndarray, text: Tokens, text_shingles: np.ndarray) -> Region | None:
    """The best region of ``text`` holding the query's words (None when no shingle is shared)."""
    hits = np.flatnonzero(_within(text_shingles, np.unique(query_shingles)))
    if not len(hits):
        return None
    n = len(query)
    cuts = np.flatnonzero(np.diff(hits) > n + K) + 1
    groups = sorted(np.split(hits, cuts), key=lambda g: (-len(g), int(g[0])))[:3]
    best: Region | None = None
    for group in groups:
        lo = max(0, int(group[0]) - n)
        hi = min(len(text), int(group[-1]) + K + n)
        chain = _chain(_blocks(query, text.keys[lo:hi]))
        if not chain:
            continue
        matched = sum(b.size for b in chain)
        region = Region(lo + chain[0].b, lo + chain[-1].b + chain[-1].size, matched, max(b.size for b in chain))
        if best is None or (region.matched, -(region.hi - region.lo)) > (best.matched, -(best.hi - best.lo)):
            best = region
    return best


Show = Callable[[int, int], str]


def shower(raw: str, tokens: Tokens, offset: int = 0) -> Show:
    """``show(lo, hi)``: the raw text of tokens ``offset+lo .. offset+hi`` with white space collapsed."""

    def show(lo: int, hi: int) -> str:
        if hi <= lo:
            return ""
        return " ".join(raw[int(tokens.starts[offset + lo]) : int(tokens.ends[offset + hi - 1])].split())

    return show


def _hunks(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Non-equal opcodes, merged when one shared word separates them."""
    merged: list[list[int]] = []
    previous_equal = None
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            previous_equal = (a1 - a0, b1 - b0)
            continue
        if merged and previous_equal == (1, 1) and merged[-1][1] == a0 - 1 and merged[-1][3] == b0 - 1:
            merged[-1][1], merged[-1][3] = a1, b1
        else:
            merged.append([a0, a1, b0, b1])
        previous_equal = None
    return [tuple(h) for h in merged]  # type: ignore[misc]


def _describe(hunk: tuple[int, int, int, int], show_a: Show, show_b: Show, a_keys, b_keys) -> str:
    a0, a1, b0, b1 = hunk
    old, new = show_a(a0, a1), show_b(b0, b1)
    if a1 == a0:
        return f"added: {new}"
    if b1 == b0:
        return f"dropped: {old}"
    if a1 - a0 >= 2 and sorted(a_keys[a0:a1]) == sorted(b_keys[b0:b1]):
        return f"order: {old} -> {new}"
    return f"changed: {old} -> {new}"


def compare_words(source: tuple[str, ...], piece: tuple[str, ...], show_source: Show, show_piece: Show, *, source_whole: bool = True) -> Comparison:
    """Align ``source`` (the match's word keys) with ``piece`` (the quote's) and read the verdict.

    ``show_*`` print a token range of each side (:func:`shower`), for the differences. ``source_whole`` says
    the source span is a whole quotation (so words it has beyond the piece's are a cut);
    for unquoted source text the span is only the matched region and cannot be cut.
    """
    ops = SequenceMatcher(None, source, piece, autojunk=False).get_opcodes()
    matched = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag == "equal")
    longest = max((a1 - a0 for tag, a0, a1, _, _ in ops if tag == "equal"), default=0)
    cut, added = [], []
    while ops and ops[0][0] in ("delete", "insert"):
        (cut if ops[0][0] == "delete" else added).append(("start", ops.pop(0)))
    while ops and ops[-1][0] in ("delete", "insert"):
        (cut if ops[-1][0] == "delete" else added).append(("end", ops.pop()))
    inner = [_describe(h, show_source, show_piece, source, piece) for h in _hunks(ops)]
    aligned = len(source) - sum(op[2] - op[1] for _, op in cut)
    similarity = round(2 * matched / (aligned + len(piece)), 4) if aligned + len(piece) else 0.0
    notes = [f"{'cut' if kind == 'delete' else 'added'} at {where}: {show_source(op[1], op[2]) if kind == 'delete' else show_piece(op[3], op[4])}"
             for where, op in cut + added for kind in [op[0]]]  # fmt: skip
    if not matched:
        return Comparison("not_found", (), "", 0.0, 0, 0)
    if inner:
        verdict, differences = "altered", inner
    elif cut and added:
        verdict = "altered"
        differences = [f"dropped: {show_source(op[1], op[2])}" for _, op in cut] + [f"added: {show_piece(op[3], op[4])}" for _, op in added]
    elif cut:
        verdict, differences = ("truncated" if source_whole else "exact"), []
    elif added:
        verdict, differences = "extended", []
    else:
        verdict, differences = "exact", []
    return Comparison(verdict, tuple(differences), "; ".join(notes), similarity, matched, longest)

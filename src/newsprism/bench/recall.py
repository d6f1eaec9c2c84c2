"""Recall of planted passages: which rows of the truth a ``passages`` table finds.

A planted passage counts as found when one passage row of the right pair of pieces covers
at least :data:`MIN_COVER` of its tokens on both sides (the source span and the target
span), so light edits inside it are allowed and a passage split in two halves is a miss.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from newsprism.stages.passages import TOKEN_RE

__all__ = ["MIN_COVER", "found_planted", "recall"]

#: Share of a planted passage's tokens one row must cover on each side.
MIN_COVER = 0.8


def _token_starts(text: str) -> np.ndarray:
    return np.fromiter((m.start() for m in TOKEN_RE.finditer(text)), dtype=np.int64)


def _covered(starts: np.ndarray, lo: int, hi: int, row_lo: np.ndarray, row_hi: np.ndarray) -> np.ndarray:
    """Per row, the share of the tokens starting in ``[lo, hi)`` that start in ``[row_lo, row_hi)``."""
    first, last = np.searchsorted(starts, lo), np.searchsorted(starts, hi)
    total = max(int(last - first), 1)
    a = np.maximum(np.searchsorted(starts, row_lo), first)
    b = np.minimum(np.searchsorted(starts, row_hi), last)
    return np.maximum(b - a, 0) / total


def found_planted(passages: pd.DataFrame, truth: pd.DataFrame, raws: Mapping[str, str]) -> np.ndarray:
    """One boolean per truth row: whether a row of ``passages`` finds it (see the module docstring)."""
    starts: dict[str, np.ndarray] = {}

    def tokens_of(doc: str) -> np.ndarray:
        if doc not in starts:
            starts[doc] = _token_starts(raws[doc])
        return starts[doc]

    pair = passages["doc_a"].astype(str) + "\0" + passages["doc_b"].astype(str)
    order = np.argsort(pair.to_numpy(), kind="stable")
    keys = pair.to_numpy()[order]
    columns = {c: passages[c].to_numpy()[order] for c in ("a_start", "a_end", "b_start", "b_end")}
    found = np.zeros(len(truth), dtype=bool)
    for k, t in enumerate(truth.itertuples(index=False)):
        a, b = sorted((str(t.source), str(t.target)))
        lo, hi = np.searchsorted(keys, f"{a}\0{b}", side="left"), np.searchsorted(keys, f"{a}\0{b}", side="right")
        if lo == hi:
            continue
        src_first = a == str(t.source)
        a_lo, a_hi = (t.source_start, t.source_end) if src_first else (t.target_start, t.target_end)
        b_lo, b_hi = (t.target_start, t.target_end) if src_first else (t.source_start, t.source_end)
        cover_a = _covered(tokens_of(a), a_lo, a_hi, columns["a_start"][lo:hi], columns["a_end"][lo:hi])
        cover_b = _covered(tokens_of(b), b_lo, b_hi, columns["b_start"][lo:hi], columns["b_end"][lo:hi])
        found[k] = bool(np.any((cover_a >= MIN_COVER) & (cover_b >= MIN_COVER)))
    return found


def recall(passages: pd.DataFrame, truth: pd.DataFrame, raws: Mapping[str, str]) -> float:
    """The share of planted passages found (1.0 for an empty truth)."""
    return float(found_planted(passages, truth, raws).mean()) if len(truth) else 1.0

"""The one offset lookup: which of a set of sorted, non-overlapping spans holds an offset.

Sentences, lines, sections, quote groups and token runs are all ``[start, end)`` spans
in raw offsets; every stage that asks "which sentence is this offset in?" uses
:class:`SpanLookup` (a binary search, never a scan).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

import numpy as np

__all__ = ["SpanLookup"]

V = TypeVar("V")


class SpanLookup(Generic[V]):
    """Sorted ``[start, end)`` spans, each with a value; answers which span holds an offset.

    Spans are sorted by start on construction; they must not overlap (nested or
    overlapping spans give the last span starting at or before the offset).
    """

    def __init__(self, spans: Iterable[tuple[int, int]], values: Sequence[V] | None = None) -> None:
        spans = list(spans)
        values = list(values) if values is not None else list(range(len(spans)))
        if len(values) != len(spans):
            raise ValueError("SpanLookup: one value per span")
        order = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][1]))
        self.starts = np.fromiter((spans[k][0] for k in order), dtype=np.int64, count=len(order))
        self.ends = np.fromiter((spans[k][1] for k in order), dtype=np.int64, count=len(order))
        self.values: list[V] = [values[k] for k in order]

    def __len__(self) -> int:
        return len(self.values)

    def index_at(self, offset: int) -> int:
        """Position (in start order) of the span holding ``offset``, else -1."""
        k = int(np.searchsorted(self.starts, offset, side="right")) - 1
        return k if k >= 0 and offset < self.ends[k] else -1

    def at(self, offset: int, default: V | None = None) -> V | None:
        """The value of the span holding ``offset``, else ``default``."""
        k = self.index_at(offset)
        return self.values[k] if k >= 0 else default

    def starting_in(self, lo: int, hi: int) -> range:
        """Positions of the spans whose start lies in ``[lo, hi)``."""
        return range(int(np.searchsorted(self.starts, lo, side="left")), int(np.searchsorted(self.starts, hi, side="left")))

    def covered(self, lo: int, hi: int) -> range:
        """Positions of the spans lying wholly inside ``[lo, hi)``."""
        first = int(np.searchsorted(self.starts, lo, side="left"))
        last = int(np.searchsorted(self.starts, hi, side="left"))
        while last > first and self.ends[last - 1] > hi:
            last -= 1
        return range(first, last)

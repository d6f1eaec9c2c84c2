"""Whose words: the spans of an article that are quoted words, each with its speaker.

A word is *quoted* when it lies in the content of a ``direct`` attribution or in a quoted
fragment (inside quotation marks) of a ``mixed`` one; every other body word is the
outlet's own. The spans come from the ``attributions`` table, which knows who speaks
(its ``source``), never from quotation marks alone: a scare quote nobody is credited with
stays the outlet's. Mixed rows' fragments are the quotations that
:func:`newsprism.text.quotes.pair_quotes` pairs in the article's parse view, cut to the
row's content span. Overlapping quotes resolve to the innermost (shortest) span, then the
earlier row, so each offset has one speaker.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
import pandas as pd

from newsprism.corpus.segment import WORD_RE
from newsprism.errors import NewsprismError
from newsprism.nlp.parse import parse_view
from newsprism.text.quotes import pair_quotes
from newsprism.text.spans import SpanLookup

__all__ = ["OUTLET", "QUOTED", "QuotedSpans", "quoted_spans", "word_counts"]

OUTLET = "outlet"
QUOTED = "quoted"
_NEEDS = ("doc_id", "source", "quote_type", "start", "end")


class QuotedSpans:
    """The quoted spans of one article: which speaker, if any, an offset's words belong to."""

    def __init__(self, spans: list[tuple[int, int, int, str]]) -> None:
        pieces = _innermost(spans)
        self._lookup: SpanLookup[str] = SpanLookup([(s, e) for s, e, _ in pieces], [src for _, _, src in pieces])

    def count_inside(self, offsets: np.ndarray) -> int:
        """How many of ``offsets`` lie in quoted spans."""
        if not len(self._lookup) or not len(offsets):
            return 0
        k = np.searchsorted(self._lookup.starts, offsets, side="right") - 1
        return int(((k >= 0) & (offsets < self._lookup.ends[np.maximum(k, 0)])).sum())

    def source_at(self, offset: int) -> str | None:
        """The speaker of the quoted words at ``offset``, or None for the outlet's words."""
        return self._lookup.at(offset)

    def voice_at(self, offset: int) -> tuple[str, str]:
        """``(voice, quoted_source)`` at ``offset``: ("quoted", speaker) or ("outlet", "")."""
        source = self.source_at(offset)
        return (QUOTED, source) if source is not None else (OUTLET, "")


def _innermost(spans: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping pieces of ``(start, end, row, source)`` spans, each piece credited to
    the shortest span covering it (then the earliest row); adjacent pieces of one span merge."""
    bounds = sorted({b for s, e, _, _ in spans for b in (s, e)})
    pieces: list[tuple[int, int, tuple]] = []
    for lo, hi in itertools.pairwise(bounds):
        covering = [(e - s, row, src) for s, e, row, src in spans if s <= lo and hi <= e]
        if not covering:
            continue
        best = min(covering)
        if pieces and pieces[-1][1] == lo and pieces[-1][2] == best:
            pieces[-1] = (pieces[-1][0], hi, best)
        else:
            pieces.append((lo, hi, best))
    return [(lo, hi, best[2]) for lo, hi, best in pieces]


def _fragments(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted words (inside the marks) of the quotations of ``view`` that meet ``[start, end)``."""
    out = []
    for q in pair_quotes(view):
        lo, hi = max(q.inner_start, start), min(q.inner_end, end)
        if lo < hi:
            out.append((lo, hi))
    return out


def quoted_spans(articles: pd.DataFrame, attributions: pd.DataFrame) -> dict[str, QuotedSpans]:
    """``{doc_id: QuotedSpans}`` for every article (empty for one with no quoted words)."""
    missing = [c for c in _NEEDS if c not in attributions.columns]
    if missing:
        raise NewsprismError(f"attributions table lacks column(s) {', '.join(missing)}")
    views = {d: parse_view(t, s) for d, t, s in zip(articles["doc_id"], articles["text"], articles["segments"])}
    found: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for k, row in enumerate(attributions.itertuples(index=False)):
        if row.doc_id not in views:
            continue
        start, end = int(row.start), int(row.end)
        if row.quote_type == "direct":
            found[row.doc_id].append((start, end, k, str(row.source)))
        elif row.quote_type == "mixed":
            found[row.doc_id] += [(lo, hi, k, str(row.source)) for lo, hi in _fragments(views[row.doc_id], start, end)]
    return {doc_id: QuotedSpans(found.get(doc_id, [])) for doc_id in articles["doc_id"]}


def word_counts(text: str, lines: list[tuple[int, int]], quoted: QuotedSpans) -> tuple[int, int]:
    """``(words, quoted words)`` in the ``lines`` of ``text`` (a word is quoted when its first
    character is), counted with the corpus word pattern, as the corpus ``n_words``."""
    starts = np.fromiter((m.start() for start, end in lines for m in WORD_RE.finditer(text, start, end)), dtype=np.int64)
    return len(starts), quoted.count_inside(starts)

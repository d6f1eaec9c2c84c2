"""Lexicon hits in article bodies, each placed: section, sentence, voice, and why it does not count.

The one pipeline behind both evidence tables (frames and lexical choice): the lexicon's
terms are matched by :class:`newsprism.nlp.matchers.TermMatcher` over the body and
subheading lines of each article's shared parse, then every hit is given

- ``section``: "body" or "subheading" (a subheading hit is counted apart, not as body);
- ``sent_id`` and ``sentence``: the body sentence around it (``sentences`` stage);
- ``voice`` and ``quoted_source``: "quoted" and the speaker when its words are quoted
  (:mod:`._voice`), else "outlet" and "";
- ``excluded``: "" when it counts, else the reason: a name (:mod:`._names`) or a term's
  context rule (:mod:`._rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.segment import BODY_SECTIONS
from newsprism.corpus.sentences import sentences
from newsprism.nlp.matchers import Hit, TermMatcher, compile_terms
from newsprism.text.spans import SpanLookup

from ._names import NameFinder
from ._rules import TermRules
from ._voice import quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["PlacedHit", "body_lines", "placed_hits"]


@dataclass(frozen=True)
class PlacedHit:
    """One lexicon hit with where it stands and whether it counts."""

    doc_id: str
    hit: Hit
    text: str
    section: str
    sent_id: int
    sentence: str
    voice: str
    quoted_source: str
    excluded: str


def body_lines(segments, sections: frozenset[str] = BODY_SECTIONS) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` of an article's lines in ``sections`` (body and subheadings by default)."""
    return sorted((s.start, s.end) for s in segments if s.section in sections)


class _Sentences:
    """The body sentence around an offset: ``(sent_id, (start, end), text)``."""

    def __init__(self, articles: pd.DataFrame) -> None:
        self._lookup: dict[str, SpanLookup[tuple[int, tuple[int, int], str]]] = {}
        for doc_id, group in sentences(articles).groupby("doc_id", sort=False):
            spans = list(zip(group["start"].astype(int), group["end"].astype(int)))
            values = [(int(i), span, str(t)) for i, span, t in zip(group["sent_id"], spans, group["text"])]
            self._lookup[str(doc_id)] = SpanLookup(spans, values)

    def at(self, doc_id: str, offset: int, line: tuple[int, int]) -> tuple[int, tuple[int, int], str]:
        lookup = self._lookup.get(doc_id)
        found = lookup.at(offset) if lookup is not None else None
        return found if found is not None else (-1, line, "")


def placed_hits(
    articles: pd.DataFrame,
    docs: Mapping[str, Doc],
    mentions: pd.DataFrame,
    attributions: pd.DataFrame,
    entries: list[tuple[str, str, str]],
    rules: TermRules | None = None,
) -> list[PlacedHit]:
    """Every hit of the lexicon ``entries`` (``(key, term, match)`` rows) in the body and
    subheadings of each article, placed and judged (see the module docstring)."""
    matcher = TermMatcher(compile_terms(entries))
    names = NameFinder(mentions)
    quotes = quoted_spans(articles, attributions)
    where = _Sentences(articles)
    out = []
    for doc_id, raw, segments in zip(articles["doc_id"], articles["raw"], articles["segments"]):
        doc, lines = docs[doc_id], body_lines(segments)
        sections = SpanLookup([(s.start, s.end) for s in segments], [s.section for s in segments])
        line_of = SpanLookup(lines)
        for hit in matcher(doc, lines):
            section = sections.at(hit.start, "body")
            line = lines[line_of.index_at(hit.start)]
            sent_id, sentence_span, sentence = where.at(doc_id, hit.start, line)
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            excluded = names.reason(doc_id, raw, doc, span, section, sentence_span)
            if not excluded and rules is not None:
                excluded = rules.reason(doc, hit, span, line)
            voice, source = quotes[doc_id].voice_at(hit.start)
            out.append(PlacedHit(doc_id, hit, raw[hit.start : hit.end], section, sent_id, sentence, voice, source, excluded))
    return out

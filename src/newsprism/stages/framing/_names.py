"""Names are not frame words: "Victory Day" is a holiday, "'Allies' Avenue" a street.

A lexicon hit lies in a name when a longer name holds it:

- an entity mention of the ``mentions`` stage (any label: EVENT, FAC, LOC, ORG, ...)
  that covers the hit and is longer than it; or
- in a body sentence, a run of capitalised words that holds the capitalised hit and
  reaches beyond it, quotation marks between the words skipped and "of"/"the" allowed
  between two capitalised words ("Order of Courage", "‘Allies’ Avenue"), for names the
  entity recogniser misses. The first word of a sentence joins a run only when tagged a
  proper noun, and title-like sentences and subheadings are left out (their capitals say
  nothing).

A hit that *is* the whole name counts: the lexicon lists "Great Patriotic War" because
naming the war so is the framing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from newsprism.text.quotes import QUOTE_CHARS
from newsprism.text.spans import SpanLookup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["NameFinder"]

_CONNECTORS = frozenset({"of", "the"})
#: A sentence whose alphabetic words are at least this share capitalised reads as a title.
_TITLE_SHARE = 0.75


def _quote_mark(token: Token) -> bool:
    return all(ch in QUOTE_CHARS for ch in token.text)


def _capital(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


class NameFinder:
    """Which hits of an article lie inside a longer name (see the module docstring)."""

    def __init__(self, mentions: pd.DataFrame) -> None:
        self._mentions: dict[str, SpanLookup[tuple[str, str]]] = {}
        for doc_id, group in mentions.groupby("doc_id", sort=False):
            spans = [(int(s), int(e)) for s, e in zip(group["start"], group["end"])]
            self._mentions[str(doc_id)] = SpanLookup(spans, list(zip(group["label"].astype(str), group["text"].astype(str))))
        self._title: dict[tuple[str, int], bool] = {}

    def reason(self, doc_id: str, raw: str, doc: Doc, span: Span, section: str, sentence: tuple[int, int]) -> str:
        """Why the hit ``span`` of ``doc`` (the parse of ``raw``) is a name ("name: EVENT
        'Victory Day'"), or "" if it is not."""
        lookup = self._mentions.get(doc_id)
        if lookup is not None:
            k = lookup.index_at(span.start_char)
            if k >= 0:
                start, end = int(lookup.starts[k]), int(lookup.ends[k])
                if span.end_char <= end and end - start > span.end_char - span.start_char:
                    label, text = lookup.values[k]
                    return f"name: {label} '{text}'"
        if section != "body" or self._title_like(doc_id, doc, sentence):
            return ""
        run = self._capital_run(raw, doc, span, sentence)
        return f"name: capitalised '{run}'" if run else ""

    def _title_like(self, doc_id: str, doc: Doc, sentence: tuple[int, int]) -> bool:
        key = (doc_id, sentence[0])
        if key not in self._title:
            words = [t for t in doc.char_span(*sentence, alignment_mode="expand") or [] if t.is_alpha]
            self._title[key] = len(words) >= 3 and sum(map(_capital, words)) >= _TITLE_SHARE * len(words)
        return self._title[key]

    @staticmethod
    def _joins(raw: str, token: Token, sentence_start: int) -> bool:
        """Whether ``token`` can be part of a name: capitalised, and not merely the first word of its sentence."""
        if not _capital(token):
            return False
        first = not any(ch.isalnum() for ch in raw[sentence_start : token.idx])
        return not first or token.pos_ == "PROPN"

    def _capital_run(self, raw: str, doc: Doc, span: Span, sentence: tuple[int, int]) -> str:
        """The text of the capitalised run holding ``span`` when it reaches beyond it, else ""."""
        if not all(self._joins(raw, t, sentence[0]) for t in span if t.is_alpha):
            return ""
        first = self._walk(raw, doc, span.start, -1, sentence)
        last = self._walk(raw, doc, span.end - 1, 1, sentence)
        if first == span.start and last == span.end - 1:
            return ""
        return doc[first : last + 1].text

    def _walk(self, raw: str, doc: Doc, i: int, step: int, sentence: tuple[int, int]) -> int:
        """The farthest token index from ``i`` in direction ``step``, inside the ``sentence``
        span, that the run reaches (quotation marks and connectors are stepped over, but only
        a capitalised word extends it)."""
        reached, k = i, i + step
        while 0 <= k < len(doc) and sentence[0] <= doc[k].idx < sentence[1]:
            token = doc[k]
            if not (_quote_mark(token) or token.lower_ in _CONNECTORS):
                if not self._joins(raw, token, sentence[0]):
                    break
                reached = k
            k += step
        return reached

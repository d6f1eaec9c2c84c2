"""What the attribution rules know about one parsed article, and the rows they make.

:class:`Article` holds the text, the shared parse, the sentences (headline and body), the
paired quotes of the parsed sections, the rows found so far with the indexes the rules
look them up by (cue token, cue offset, source: never a scan of all rows), the quotes
already taken by a direct quotation, and the channel cues the channels pass attaches
(:mod:`newsprism.stages.attribution.channels`). Offsets point into the raw decoded text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.views import masked_view
from newsprism.nlp.parse import PARSED_SECTIONS
from newsprism.text.quotes import MAX_QUOTE_CHARS, QuoteSpan, pair_quotes
from newsprism.text.spans import SpanLookup

from ._lexicon import Lexicon
from ._syntax import trim
from .antecedents import resolve_heads
from .speakers import Speaker, SpeakerResolver

if TYPE_CHECKING:
    from .channels import ChannelCue

#: How many earlier rows and named entities an antecedent is looked for among.
LOOK_BACK = 40
_COORDINATED_QUOTE = re.compile(r"[\s,]*(?:(?:and|or)\s+)?")
#: A dateline at the start of a line: place, optional date or country, then the agency's
#: mark ("SEOUL, March 4 (Reuters) - ", "MOSCOW, March 5. /TASS/. ", "MOSCOW, June 4 - RIA
#: Novosti. ", "WASHINGTON — ").
DATELINE = re.compile(
    r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}"
    r"(?:[,.] (?:[A-Z][a-z]*\.?(?: [A-Z][a-z]+)?)(?: \d{1,2})?)?"
    r"(?:\.? ?\([A-Z][^()\n]{1,30}\) *(?:--|[-\u2013\u2014]) +"
    r"|\. /[A-Za-z-]+/\. +"
    r"| (?:--|[-\u2013\u2014]) (?:[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}\. +)?)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the headline or body: raw ``[start, end)`` and its section."""

    start: int
    end: int
    section: str


@dataclass
class Row:
    """One attribution as the rules build it (:mod:`newsprism.stages.attribution.table`
    turns it into a table row)."""

    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int
    quote_type: str
    start: int
    end: int
    section: str
    construction: str
    channel: str = ""
    cue_token: int = -1  # token index of the cue ("according to" and hedges look rows up by it), -1 if none
    parent: int = -1  # number of the row whose content holds this one's cue and speaker (:mod:`~.nesting`), -1 if none


class Coverage:
    """The union of character spans as sorted disjoint intervals: ``covers(offset)`` is a
    bisect, ``add`` merges the intervals a new span touches."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        i = bisect.bisect_left(self._ends, start)
        j = bisect.bisect_right(self._starts, end)
        if i < j:
            start, end = min(start, self._starts[i]), max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def covers(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]


class Article:
    """Everything the rules need about one parsed article."""

    def __init__(
        self,
        doc_id: str,
        text: str,
        segments,
        doc,
        sents: list[Sentence],
        mentions: pd.DataFrame,
        words: Lexicon,
    ):
        self.doc_id = doc_id
        self.text = text
        self.doc = doc
        self.sents = sents
        self.words = words
        self._tokens = SpanLookup((t.idx, t.idx + len(t.text)) for t in doc)  # positions are token indexes
        self.resolver = SpeakerResolver(doc_id, doc, mentions)
        masked = masked_view(text, segments, PARSED_SECTIONS)
        self._groups = SpanLookup(
            ((s.start, s.end) for s in segments if s.section in PARSED_SECTIONS),
            ["headline" if s.section == "headline" else "body" for s in segments if s.section in PARSED_SECTIONS],
        )
        self.quotes = [
            q for q in pair_quotes(masked) if self.group_at(q.start) and self.group_at(q.start) == self.group_at(q.end - 1)
        ]
        self._quote_starts = SpanLookup((q.start, q.end) for q in self.quotes)  # positions follow ``quotes``
        self.used_quotes: set[QuoteSpan] = set()
        self.rows: list[Row] = []
        # indexes over ``rows`` (cue token, cue start, source), so that no rule scans them all
        self.rows_by_cue_token: dict[int, list[int]] = {}
        self.rows_by_source: dict[str, list[int]] = {}
        self.rows_by_speaker: dict[int, list[int]] = {}  # speaker start -> row numbers
        self._cue_starts: list[tuple[int, int]] = []  # (cue_start, row number), sorted as rows come
        self.coverage: Coverage | None = None  # the rows' contents, built for the hedge pass
        self.channel_cues: list[ChannelCue] = []  # in the order the rules read them
        self.continues: dict[int, int] = {}  # continued quote row -> the row it continues
        self.speaker_channels: dict[int, str] = {}  # speaker start -> channel its words name ("X press service")
        datelines = [
            (s.start, m.end())
            for s in sents
            if s.section != "headline" and (s.start == 0 or text[s.start - 1] == "\n")
            for m in [DATELINE.match(text, s.start)]
            if m
        ]
        self._ents = sorted(doc.ents, key=lambda e: (e.end_char, e.start_char))
        self._ent_ends = [e.end_char for e in self._ents]
        self.datelines = SpanLookup(datelines, [end for _, end in datelines])  # values: where each ends

    # -- rows ------------------------------------------------------------------------------
    def add_row(self, row: Row) -> int:
        """Append a row, index it and return its number."""
        k = len(self.rows)
        self.rows.append(row)
        self.rows_by_cue_token.setdefault(row.cue_token, []).append(k)
        self.rows_by_source.setdefault(row.speaker.source, []).append(k)
        self.rows_by_speaker.setdefault(row.speaker.start, []).append(k)
        bisect.insort(self._cue_starts, (row.cue_start, k))
        if self.coverage is not None:
            self.coverage.add(row.start, row.end)
        return k

    def rows_before(self, position: int, n: int = LOOK_BACK) -> list[int]:
        """Numbers of the (at most ``n``) latest rows whose cue starts before ``position``,
        latest first: where an antecedent is looked for (a bisect, not a scan)."""
        last = bisect.bisect_left(self._cue_starts, (position, -1))
        return [k for _, k in reversed(self._cue_starts[max(0, last - n) : last])]

    def ents_before(self, position: int, n: int = LOOK_BACK) -> list:
        """The (at most ``n``) latest named entities of the parse ending by ``position``, latest first."""
        last = bisect.bisect_right(self._ent_ends, position)
        return list(reversed(self._ents[max(0, last - n) : last]))

    def rows_cued_in(self, lo: int, hi: int) -> list[int]:
        """Numbers of the rows whose cue starts in ``[lo, hi)``."""
        first = bisect.bisect_left(self._cue_starts, (lo, -1))
        last = bisect.bisect_left(self._cue_starts, (hi, -1))
        return [k for _, k in self._cue_starts[first:last]]

    # -- offsets ---------------------------------------------------------------------------
    def group_at(self, offset: int) -> str:
        """ "headline" or "body" for an offset in a parsed section, else ""."""
        return self._groups.at(offset, "")

    def in_dateline(self, offset: int) -> bool:
        """Whether ``offset`` lies in a dateline ("SEOUL, March 4 (Reuters) - ")."""
        return self.datelines.at(offset, None) is not None

    def past_dateline(self, head):
        """For a head token in a dateline, the noun the parser hung on the dateline that
        starts after it (the sentence's real subject), else None; "spy agency, the National
        Intelligence Service" gives the name."""
        for token in head.subtree:
            if not self.in_dateline(token.idx) and self.in_dateline(token.head.idx) and token.pos_ in ("NOUN", "PROPN"):
                if token.pos_ == "NOUN":
                    named = [c for c in token.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN"]
                    return named[0] if named else token
                return token
        return None

    def tokens(self, sent: Sentence) -> list:
        """The non-space tokens of a sentence."""
        positions = self._tokens.starting_in(sent.start, sent.end)
        return [t for t in self.doc[positions.start : positions.stop] if not t.is_space]

    # -- quotes ----------------------------------------------------------------------------
    def quotes_from(self, lo: int, hi: int) -> list[QuoteSpan]:
        """The quotes starting in ``[lo, hi)``, in order (a binary search, not a scan of the piece)."""
        positions = self._quote_starts.starting_in(lo, hi)
        return self.quotes[positions.start : positions.stop]

    def quotes_touching(self, lo: int, hi: int) -> list[QuoteSpan]:
        """A superset of the quotes overlapping ``[lo, hi)``, in order: a quote is at most
        ``MAX_QUOTE_CHARS + 1`` characters long (:func:`newsprism.text.quotes.pair_quotes`)."""
        return self.quotes_from(lo - MAX_QUOTE_CHARS - 1, hi)

    def quotes_within(self, start: int, end: int) -> list[QuoteSpan]:
        """The quotes wholly inside ``[start, end)`` not taken by a direct quotation."""
        return [q for q in self.quotes_from(start, end) if q.end <= end and q not in self.used_quotes]

    def _extend_over_quotes(self, start: int, end: int) -> tuple[int, int]:
        """Grow a content span so that quotes it cuts, and quotes coordinated right after it
        ("on ‘...’ and ‘...’"), are wholly inside."""
        text = self.text
        changed = True
        while changed:
            changed = False
            for q in self.quotes_touching(start, end):
                if q.start < end < q.end and q.start >= start:
                    end, changed = q.end, True
                elif q.start < start < q.end and q.end <= end:
                    start, changed = q.start, True
            following = self.quotes_from(end, len(text) + 1)[:1]
            for q in following:
                gap = _COORDINATED_QUOTE.fullmatch(text, end, q.start)
                if gap and self.quotes_within(start, end):
                    end, changed = q.end, True
        return start, end

    def content(self, start: int, end: int) -> tuple[int, int, str]:
        """A content span trimmed and grown over the quotes it cuts, and its quote type
        (mixed when it holds a quote no direct quotation took, else indirect)."""
        start, end = trim(self.text, start, end)
        dateline_end = self.datelines.at(start, None)
        if dateline_end is not None:
            start, end = trim(self.text, max(start, dateline_end), end)
        start, end = self._extend_over_quotes(start, end)
        quote_type = "mixed" if self.quotes_within(start, end) else "indirect"
        return start, end, quote_type

    # -- speakers --------------------------------------------------------------------------
    def speakers(self, heads: list, sent: Sentence, how: str) -> list[Speaker]:
        """The speakers the head tokens name (those that name one), antecedents resolved
        (:func:`~.antecedents.resolve_heads`)."""
        return resolve_heads(self, heads, sent, how)

"""Quote provenance: where each quote of each piece comes from, and what changed on the way.

The quotes of a piece are the ``direct`` and ``mixed`` rows of the ``attributions`` stage
(for mixed rows, the quoted fragments inside the content), plus any other paired
quotation (:func:`newsprism.text.quotes.pair_quotes`) of :data:`MIN_UNCREDITED_WORDS` words
or more that no attribution credits (its speaker is then empty). A quote of one word is a
scare quote, not traced. ``quote`` is the text between the marks as printed, without a
trailing comma or full stop.

Each quote is looked up in the shingle index of every side (the reference folders, and
the other pieces under the date rule of :func:`newsprism.stages.provenance.texts.allowed`);
the candidates are aligned word by word (:mod:`newsprism.stages.provenance.align`), quoted
or unquoted text alike. When the match lies inside a quotation of its text, that whole
quotation is the source (so a shorter quote is ``truncated``); otherwise the matched words
are. The best match has the highest similarity (2 x words matched / words of both sides;
ties: a reference before a piece, then the earlier date, then the doc_id). It must share a
run of :data:`MIN_RUN` words (all the words of a shorter quote, inside quote marks) and
reach :data:`MIN_SIMILARITY`, else the quote is ``not_found``: no text searched carries it,
which is a lead, never a verdict of fabrication. The speakers of both sides then decide
``speaker_differs`` (:func:`newsprism.stages.provenance.persons.compare_speakers`), which
wins over the word verdict; the word differences stay listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from newsprism import progress
from newsprism.text.quotes import pair_quotes
from newsprism.text.spans import SpanLookup

from .align import Comparison, compare_words, locate, shower
from .chains import resolve_chains
from .index import CANDIDATES, shingles, token_hashes
from .persons import Speaker, compare_speakers, speaker_of
from .texts import Side, allowed

__all__ = ["MIN_RUN", "MIN_SIMILARITY", "MIN_UNCREDITED_WORDS", "QUOTE_COLUMNS", "VERDICTS", "piece_quotes", "trace_quotes", "verdict_counts"]

#: Values of ``verdict``.
VERDICTS = ("exact", "altered", "truncated", "extended", "speaker_differs", "not_found")
MIN_RUN = 4
MIN_SIMILARITY = 0.45
MIN_UNCREDITED_WORDS = 3
MIN_WORDS = 2
QUOTE_COLUMNS = [
    "doc_id", "start", "end", "quote", "speaker", "match_doc", "match_start", "match_end", "match_text", "match_speaker",
    "similarity", "verdict", "differences", "earliest_doc",
    "occurrence", "section", "quote_type", "speaker_entity", "channel", "match_kind", "match_folder", "match_date",
    "match_quoted", "match_speaker_entity", "match_channel", "chain", "origin_differences", "searched", "note",
]  # fmt: skip


@dataclass
class Quote:
    doc_id: str
    start: int
    end: int
    lo: int  # token range in the piece's tokens
    hi: int
    quote_type: str
    section: str
    row: object  # the attribution row, or None


@dataclass
class Match:
    side: Side
    doc_id: str
    lo: int
    hi: int
    start: int
    end: int
    quoted: bool
    comparison: Comparison

    def order(self) -> tuple:
        ordinal = int(self.side.ordinals[self.side.number[self.doc_id]])
        return (-self.comparison.similarity, -self.comparison.matched, self.side.kind != "reference", ordinal, self.doc_id)


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while end > start and raw[end - 1].isspace():
        end -= 1
    if end > start and raw[end - 1] in ",.":
        end -= 1
    while start < end and raw[start].isspace():
        start += 1
    return start, end


def _token_range(tokens, start: int, end: int) -> tuple[int, int]:
    return int(np.searchsorted(tokens.ends, start, side="right")), int(np.searchsorted(tokens.starts, end, side="left"))


def _outermost(spans: list) -> list:
    return [q for q in spans if not any(o is not q and o.start <= q.start and q.end <= o.end for o in spans)]


def piece_quotes(side: Side) -> list[Quote]:
    """Every quote of every piece of ``side`` (attributed first, then the uncredited ones)."""
    return sorted((q for doc_id in side.doc_ids for q in _doc_quotes(side, doc_id)), key=lambda q: (q.doc_id, q.start))


def _doc_quotes(side: Side, doc_id: str) -> list[Quote]:
    raw, tokens = side.raws[doc_id], side.tokens(doc_id)
    sections = SpanLookup([(s.start, s.end) for s in side.segments[doc_id]], [s.section for s in side.segments[doc_id]])
    pairs = pair_quotes(side.view(doc_id))
    found: list[Quote] = []

    def add(start: int, end: int, quote_type: str, row) -> None:
        start, end = _trim(raw, start, end)
        lo, hi = _token_range(tokens, start, end)
        if hi - lo < MIN_WORDS or any(q.start < end and start < q.end for q in found):
            return
        found.append(Quote(doc_id, start, end, lo, hi, quote_type, sections.at(start, "") or "", row))

    rows = [r for r in side.text(doc_id).attributions if r.quote_type in ("direct", "mixed")]
    for row in sorted(rows, key=lambda r: (r.source_kind != "person", r.start, r.end)):
        inside = _outermost([q for q in pairs if q.inner_start >= row.start - 1 and q.inner_end <= row.end + 1])
        for q in inside:
            add(q.inner_start, q.inner_end, str(row.quote_type), row)
        if not inside and row.quote_type == "direct":
            add(int(row.start), int(row.end), "direct", row)
    for q in _outermost(pairs):
        lo, hi = _token_range(tokens, q.inner_start, q.inner_end)
        if hi - lo >= MIN_UNCREDITED_WORDS:
            add(q.inner_start, q.inner_end, "uncredited", None)
    return found


def _quote_spans(side: Side, doc_id: str, cache: dict) -> list[tuple[int, int, int, int]]:
    """Token ranges and trimmed inner character spans of the quotations of one text."""
    key = (side.label, doc_id)
    if key not in cache:
        tokens, raw = side.tokens(doc_id), side.raws[doc_id]
        spans = []
        for q in _outermost(pair_quotes(side.view(doc_id))):
            start, end = _trim(raw, q.inner_start, q.inner_end)
            lo, hi = _token_range(tokens, start, end)
            if hi > lo:
                spans.append((lo, hi, start, end))
        cache[key] = spans
    return cache[key]


def _align(query: tuple, query_shingles: np.ndarray, show_piece, side: Side, doc_id: str, spans_cache: dict) -> Match | None:
    tokens, raw = side.tokens(doc_id), side.raws[doc_id]
    region = locate(query, query_shingles, tokens, side.shingles(doc_id))
    if region is None:
        return None
    holder = None
    for lo, hi, start, end in _quote_spans(side, doc_id, spans_cache):
        overlap = min(hi, region.hi) - max(lo, region.lo)
        if overlap * 2 >= region.hi - region.lo and (holder is None or overlap > holder[4]):
            holder = (lo, hi, start, end, overlap)
    if holder is not None:
        lo, hi = min(holder[0], region.lo), max(holder[1], region.hi)
        start = holder[2] if lo == holder[0] else int(tokens.starts[lo])
        end = holder[3] if hi == holder[1] else int(tokens.ends[hi - 1])
    else:
        lo, hi = region.lo, region.hi
        lo, hi = _edges(query, tokens, raw, lo, hi)
        start, end = int(tokens.starts[lo]), int(tokens.ends[hi - 1])
    comparison = compare_words(tokens.keys[lo:hi], query, shower(raw, tokens, lo), show_piece, source_whole=holder is not None)
    return Match(side, doc_id, lo, hi, start, end, holder is not None, comparison)


def _edges(query: tuple, tokens, raw: str, lo: int, hi: int) -> tuple[int, int]:
    """For unquoted source text: one or two piece words left over at an edge are compared with
    the source's next words on the same line (a changed last word, not an added one)."""
    ops = SequenceMatcher(None, tokens.keys[lo:hi], query, autojunk=False).get_opcodes()
    head = ops[0][4] - ops[0][3] if ops and ops[0][0] == "insert" else 0
    tail = ops[-1][4] - ops[-1][3] if ops and ops[-1][0] == "insert" else 0
    if 0 < tail <= 2 and hi + tail <= len(tokens) and "\n" not in raw[int(tokens.ends[hi - 1]) : int(tokens.starts[hi + tail - 1])]:
        hi += tail
    if 0 < head <= 2 and lo - head >= 0 and "\n" not in raw[int(tokens.ends[lo - head]) : int(tokens.starts[lo])]:
        lo -= head
    return lo, hi


def _found(match: Match | None, n_words: int) -> bool:
    if match is None or match.comparison.verdict == "not_found":
        return False
    c = match.comparison
    if n_words < MIN_RUN:
        return match.quoted and c.verdict in ("exact", "truncated") and c.matched == n_words
    return c.longest >= MIN_RUN and c.similarity >= MIN_SIMILARITY


def _speaker_at(side: Side, doc_id: str, start: int, end: int) -> Speaker:
    """The attribution covering the matched span (most overlap; quotes before reported speech)."""
    text = side.text(doc_id)
    best, score = None, (0, 0)
    for row in text.attributions:
        overlap = min(end, int(row.end)) - max(start, int(row.start))
        if overlap <= 0 or row.construction == "hedge":
            continue
        key = (int(row.quote_type in ("direct", "mixed")), overlap)
        if key > score:
            best, score = row, key
    return speaker_of(best, text)


def trace_quotes(corpus: Side, references: list[Side]) -> pd.DataFrame:
    """The ``quote_provenance`` table of ``corpus`` against ``references`` (and its own pieces)."""
    with_refs = bool(references)
    sides = [*references, corpus]
    quotes = piece_quotes(corpus)
    spans_cache: dict = {}
    matches: list[Match | None] = []
    searched: list[tuple[int, int]] = []
    for quote in progress.track(quotes, "tracing quotes", unit="quote"):
        tokens = corpus.tokens(quote.doc_id)
        query = tokens.keys[quote.lo : quote.hi]
        query_shingles = np.unique(shingles(token_hashes(query)))
        show_piece = shower(corpus.raws[quote.doc_id], tokens, quote.lo)
        best, counts = None, [0, 0]
        for side in sides:
            mask = allowed(side, quote.doc_id, corpus.dates[quote.doc_id], with_refs, corpus.shas.get(quote.doc_id, ""))
            counts[side.kind == "piece"] += int(mask.sum())
            for doc_id, _ in side.search(query_shingles, mask, CANDIDATES):
                match = _align(query, query_shingles, show_piece, side, doc_id, spans_cache)
                if _found(match, len(query)) and (best is None or match.order() < best.order()):
                    best = match
        matches.append(best)
        searched.append((counts[0], counts[1]))
        if best is not None:
            best.side.need([best.doc_id])
    rows = [_row(corpus, q, m, s, with_refs) for q, m, s in zip(quotes, matches, searched)]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)

    def against_origin(i: int, origin: Match) -> str:
        quote = quotes[i]
        tokens = corpus.tokens(quote.doc_id)
        source = origin.side.tokens(origin.doc_id)
        c = compare_words(source.keys[origin.lo : origin.hi], tokens.keys[quote.lo : quote.hi], shower(origin.side.raws[origin.doc_id], source, origin.lo),
                          shower(corpus.raws[quote.doc_id], tokens, quote.lo), source_whole=origin.quoted)  # fmt: skip
        return "; ".join(c.differences)

    resolve_chains(table, corpus.dates, matches, against_origin)
    return table.astype({"start": "int64", "end": "int64", "match_start": "Int64", "match_end": "Int64", "occurrence": "int64", "searched": "int64"})


def _row(corpus: Side, quote: Quote, match: Match | None, searched: tuple[int, int], with_refs: bool) -> dict:
    raw = corpus.raws[quote.doc_id]
    text = raw[quote.start : quote.end]
    speaker = speaker_of(quote.row, corpus.text(quote.doc_id))
    row = {
        "doc_id": quote.doc_id, "start": quote.start, "end": quote.end, "quote": text, "speaker": speaker.display,
        "occurrence": raw.count(text, 0, quote.start) + 1, "section": quote.section, "quote_type": quote.quote_type,
        "speaker_entity": speaker.entity, "channel": speaker.channel, "searched": searched[0] + searched[1],
    }  # fmt: skip
    if match is None:
        where = f"{searched[0]} reference texts and {searched[1]} other pieces" if with_refs else f"{searched[1]} other pieces"
        return row | {"verdict": "not_found", "similarity": 0.0, "differences": "", "match_quoted": False, "note": f"no text searched carries it ({where})",
                      "match_start": pd.NA, "match_end": pd.NA}  # fmt: skip
    side, c = match.side, match.comparison
    other = _speaker_at(side, match.doc_id, match.start, match.end)
    credit = compare_speakers(other, speaker)
    date = side.dates[match.doc_id]
    return row | {
        "match_doc": match.doc_id, "match_start": match.start, "match_end": match.end,
        "match_text": side.raws[match.doc_id][match.start : match.end], "match_speaker": other.display,
        "similarity": c.similarity, "verdict": "speaker_differs" if credit else c.verdict,
        "differences": "; ".join([*c.differences, *credit]), "match_kind": side.kind, "match_folder": side.label,
        "match_date": date.isoformat() if date else "", "match_quoted": match.quoted, "match_speaker_entity": other.entity,
        "match_channel": other.channel, "note": c.note,
    }  # fmt: skip


def verdict_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Quotes per verdict (every verdict listed, in :data:`VERDICTS` order)."""
    counts = table["verdict"].value_counts() if len(table) else pd.Series(dtype="int64")
    return pd.DataFrame({"verdict": list(VERDICTS), "quotes": [int(counts.get(v, 0)) for v in VERDICTS]})

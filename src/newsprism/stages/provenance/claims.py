"""Claim provenance: the closest source sentence of every claim sentence, and what differs.

The claim sentences are the rows of the ``claims`` stage. Without reference folders each
is compared with the sentences of the other pieces in its claim; with reference folders,
with the sentences of the reference texts, and then every candidate claim sentence of a
piece (a body sentence of :data:`newsprism.stages.claims.MIN_SENTENCE_WORDS` words or more,
without quotation marks: quotes are traced by :mod:`newsprism.stages.provenance.quotes`)
that a reference sentence matches is a claim too. Reference sentences are found through
the shingle index (only the sentences of the candidate texts holding a shared shingle are
scored) and start after the wire dateline. A sentence matches when its words and the
source's share a run of :data:`MIN_RUN` words and reach :data:`MIN_SIMILARITY` (2 x words
matched in order / words of both; in a claim of the pieces, a pair under that similarity
shares the claim but not the wording, and its differences are not compared). The
differences are those of
:func:`newsprism.stages.provenance.fields.compare_fields`, one column per field, joined in
``differences`` as ``field: reference -> piece``.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from newsprism import progress
from newsprism.corpus.segment import BODY_SECTIONS, WORD_RE, split_sentences
from newsprism.stages.claims import MIN_SENTENCE_WORDS
from newsprism.text.quotes import QUOTE_CHARS, is_apostrophe

from .chains import resolve_chains
from .fields import FIELDS, Context, compare_fields
from .index import CANDIDATES, shingles, token_hashes
from .texts import Side, allowed

__all__ = ["CLAIM_PROVENANCE_COLUMNS", "MIN_RUN", "MIN_SIMILARITY", "has_quotation", "sentences_of", "trace_claims"]

MIN_SIMILARITY = 0.5
MIN_RUN = 3
CLAIM_PROVENANCE_COLUMNS = [
    "doc_id", "start", "end", "sentence", "match_doc", "match_start", "match_end", "match_text", "similarity", "differences",
    "claim_id", "match_kind", "match_folder", "match_date", *FIELDS, "earliest_doc", "chain", "origin_differences", "searched", "note",
]  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    lo: int
    hi: int
    claim_id: int


@dataclass
class SentenceMatch:
    side: Side
    doc_id: str
    sentence: Sentence
    similarity: float
    longest: int

    def order(self) -> tuple:
        ordinal = int(self.side.ordinals[self.side.number[self.doc_id]])
        return (-self.similarity, -self.longest, self.side.kind != "reference", ordinal, self.doc_id, self.sentence.start)


def sentences_of(side: Side, doc_id: str, cache: dict | None = None) -> list[Sentence]:
    """The body sentences of one text with their token ranges (a wire dateline left out)."""
    key = (side.label, doc_id)
    if cache is not None and key in cache:
        return cache[key]
    tokens, view = side.tokens(doc_id), side.view(doc_id)
    dateline = side.dateline(doc_id)
    out = []
    for segment in side.segments[doc_id]:
        if segment.section not in BODY_SECTIONS:
            continue
        for start, end in split_sentences(view, segment.start, segment.end):
            if dateline and start < dateline[1]:
                if end <= dateline[1]:
                    continue
                start = dateline[1]
            lo = int(np.searchsorted(tokens.ends, start, side="right"))
            hi = int(np.searchsorted(tokens.starts, end, side="left"))
            if hi > lo:
                out.append(Sentence(doc_id, start, end, lo, hi, -1))
    if cache is not None:
        cache[key] = out
    return out


def has_quotation(text: str) -> bool:
    """Whether a sentence holds a quotation mark (an apostrophe is not one)."""
    return any(ch in QUOTE_CHARS and not is_apostrophe(text, i) for i, ch in enumerate(text))


def _score(query: tuple, keys: tuple, matchers: dict | None = None) -> tuple[float, int]:
    """Similarity (2 x words matched in order / words of both) and the longest shared run;
    ``matchers`` keeps one matcher per ``keys`` (its index of ``keys`` is built once)."""
    if matchers is None:
        matcher = SequenceMatcher(None, query, keys, autojunk=False)
    else:
        if keys not in matchers:
            matchers[keys] = SequenceMatcher(None, (), keys, autojunk=False)
        matcher = matchers[keys]
        matcher.set_seq1(query)
    blocks = [b.size for b in matcher.get_matching_blocks() if b.size]
    return (round(2 * sum(blocks) / (len(query) + len(keys)), 4) if query or keys else 0.0), max(blocks, default=0)


def _claim_sentences(corpus: Side, claims: pd.DataFrame, with_refs: bool, cache: dict) -> tuple[list[Sentence], set]:
    """The claims rows as sentences, plus (with references) every other candidate claim sentence."""
    found: dict[tuple[str, int], Sentence] = {}
    for row in claims.sort_values(["doc_id", "start"], kind="stable").itertuples(index=False) if len(claims) else ():
        if row.doc_id not in corpus.number or (row.doc_id, int(row.start)) in found:
            continue
        tokens = corpus.tokens(row.doc_id)
        lo = int(np.searchsorted(tokens.ends, int(row.start), side="right"))
        hi = int(np.searchsorted(tokens.starts, int(row.end), side="left"))
        found[(row.doc_id, int(row.start))] = Sentence(row.doc_id, int(row.start), int(row.end), lo, hi, int(row.claim_id))
    listed = set(found)
    if with_refs:
        for doc_id in corpus.doc_ids:
            raw = corpus.raws[doc_id]
            for s in sentences_of(corpus, doc_id, cache):
                text = corpus.view(doc_id)[s.start : s.end]
                if (doc_id, s.start) not in found and len(WORD_RE.findall(text)) >= MIN_SENTENCE_WORDS and not has_quotation(raw[s.start : s.end]):
                    found[(doc_id, s.start)] = s
    return sorted(found.values(), key=lambda s: (s.doc_id, s.start)), listed


def _claim_members(claims: pd.DataFrame) -> tuple[dict[int, list[tuple[str, int, int]]], dict[tuple[str, int], list[int]]]:
    """``{claim_id: [(doc_id, start, end), ...]}``: the sentences of each claim, in table order;
    and ``{(doc_id, start): [claim_id, ...]}``: each sentence's claims (a bridging sentence,
    ``claims.also_in``, has two or more)."""
    members: dict[int, list[tuple[str, int, int]]] = {}
    claims_of: dict[tuple[str, int], list[int]] = {}
    if not len(claims):
        return members, claims_of
    for claim_id, doc_id, start, end in zip(claims["claim_id"].tolist(), claims["doc_id"].tolist(), claims["start"].tolist(), claims["end"].tolist()):
        members.setdefault(int(claim_id), []).append((doc_id, int(start), int(end)))
        claims_of.setdefault((doc_id, int(start)), []).append(int(claim_id))
    return members, claims_of


def _in_claim(
    sentence: Sentence, corpus: Side, members: dict[int, list[tuple[str, int, int]]], claims_of: dict[tuple[str, int], list[int]], cache: dict
) -> tuple[list[tuple[Side, Sentence]], int]:
    """The other pieces' sentences of the sentence's claims (each of them, for a sentence in
    two), and how many pieces they are in."""
    found: list[Sentence] = []
    for claim_id in claims_of.get((sentence.doc_id, sentence.start), [sentence.claim_id]):
        key = ("claim", claim_id)
        if key not in cache:
            cache[key] = []
            for doc_id, start, end in members.get(claim_id, ()):
                tokens = corpus.tokens(doc_id)
                lo = int(np.searchsorted(tokens.ends, start, side="right"))
                hi = int(np.searchsorted(tokens.starts, end, side="left"))
                cache[key].append(Sentence(doc_id, start, end, lo, hi, claim_id))
        found += cache[key]
    out = [(corpus, other) for other in found if other.doc_id != sentence.doc_id]
    return out, len({other.doc_id for _, other in out})


def _in_references(sentence: Sentence, query: tuple, piece_date, piece_sha: str, references: list[Side], cache: dict) -> tuple[list[tuple[Side, Sentence]], int]:
    query_shingles = np.unique(shingles(token_hashes(query)))
    out, searched = [], 0
    for side in references:
        mask = allowed(side, sentence.doc_id, piece_date, True, piece_sha)
        searched += int(mask.sum())
        for doc_id, _ in side.search(query_shingles, mask, CANDIDATES):
            hits = np.flatnonzero(np.isin(side.shingles(doc_id), query_shingles))
            out += [(side, s) for s in sentences_of(side, doc_id, cache) if len(hits) and ((hits >= s.lo) & (hits < s.hi)).any()]
    return out, searched


def _context(side: Side, sentence: Sentence, contexts: dict) -> Context:
    """The sentence in its text (one :class:`Context` per sentence of a side, so what it reads is read once)."""
    key = (side.label, sentence)
    if key not in contexts:
        doc_id = sentence.doc_id
        contexts[key] = Context(doc_id, sentence.start, sentence.end, side.tokens(doc_id), sentence.lo, sentence.hi, side.text(doc_id),
                                side.dates[doc_id], side.outlets.get(doc_id, ""))  # fmt: skip
    return contexts[key]


def trace_claims(corpus: Side, references: list[Side], claims: pd.DataFrame) -> pd.DataFrame:
    """The ``claim_provenance`` table of ``corpus`` (its ``claims`` rows) against ``references``
    (without references: against the other pieces of each claim)."""
    with_refs = bool(references)
    cache: dict = {}
    sentences, listed = _claim_sentences(corpus, claims, with_refs, cache)
    members, claims_of = ({}, {}) if with_refs else _claim_members(claims)
    matchers: dict = {}
    picked: list[tuple[Sentence, SentenceMatch | None, int]] = []
    for sentence in progress.track(sentences, "tracing claims", unit="sentence"):
        query = corpus.tokens(sentence.doc_id).keys[sentence.lo : sentence.hi]
        if with_refs:
            candidates, searched = _in_references(sentence, query, corpus.dates[sentence.doc_id], corpus.shas.get(sentence.doc_id, ""), references, cache)
        else:
            candidates, searched = _in_claim(sentence, corpus, members, claims_of, cache)
        best = None
        for side, other in candidates:
            similarity, longest = _score(query, side.tokens(other.doc_id).keys[other.lo : other.hi], matchers)
            match = SentenceMatch(side, other.doc_id, other, similarity, longest)
            if (not with_refs or (similarity >= MIN_SIMILARITY and longest >= MIN_RUN)) and (best is None or match.order() < best.order()):
                best = match
        if best is None and (sentence.doc_id, sentence.start) not in listed:
            continue
        if best is not None:
            best.side.need([best.doc_id])
        picked.append((sentence, best, searched))
    contexts: dict = {}
    rows = [_row(corpus, s, m, n, with_refs, contexts) for s, m, n in picked]
    table = pd.DataFrame(rows, columns=CLAIM_PROVENANCE_COLUMNS)
    resolve_chains(table, corpus.dates, [m for _, m, _ in picked])
    types = {"start": "int64", "end": "int64", "match_start": "Int64", "match_end": "Int64", "claim_id": "Int64", "searched": "int64", "similarity": "float64"}
    return table.astype(types)


def _row(corpus: Side, sentence: Sentence, match: SentenceMatch | None, searched: int, with_refs: bool, contexts: dict) -> dict:
    row = {"doc_id": sentence.doc_id, "start": sentence.start, "end": sentence.end, "sentence": corpus.raws[sentence.doc_id][sentence.start : sentence.end],
           "claim_id": sentence.claim_id if sentence.claim_id >= 0 else pd.NA, "searched": searched}  # fmt: skip
    if match is None:
        where = f"{searched} reference texts" if with_refs else f"{searched} other pieces of the claim"
        return row | {"similarity": 0.0, "differences": "", "match_start": pd.NA, "match_end": pd.NA, "note": f"no text searched carries it ({where})"} | {f: "" for f in FIELDS}
    side, other = match.side, match.sentence
    weak = match.similarity < MIN_SIMILARITY
    found = {f: [] for f in FIELDS} if weak else compare_fields(_context(side, other, contexts), _context(corpus, sentence, contexts))
    date = side.dates[match.doc_id]
    return row | {
        "match_doc": match.doc_id, "match_start": other.start, "match_end": other.end, "match_text": side.raws[match.doc_id][other.start : other.end],
        "similarity": match.similarity, "differences": "; ".join(f"{f}: {e}" for f in FIELDS for e in found[f]),
        "match_kind": side.kind, "match_folder": side.label, "match_date": date.isoformat() if date else "",
        "note": f"similarity under {MIN_SIMILARITY}: the sentences share the claim, not the wording; differences not compared" if weak else "",
    } | {f: "; ".join(found[f]) for f in FIELDS}  # fmt: skip

"""Framing measures whose every score is a list of spans: the ``frames`` and ``evidence`` tables.

Frames are counted with the lexicon of ``data/lexicons/frames.csv`` (see
:mod:`newsprism.nlp.matchers` for matching on lemmas and multiword terms without double
counting) over the body lines of each article's shared spaCy parse. ``frames`` gives one
row per article and frame, zero hits included, with hits per 1,000 words of the cleaned
body (the corpus ``n_words``); ``evidence`` lists every hit with its raw offsets, term and
sentence. Lexical choice counts which word each piece picks for one referent
(``data/lexicons/lexical_choice.csv``), and :func:`voice_balance` turns the attributions
table into shares of voices by side and by kind of source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.segment import BODY_SECTIONS
from newsprism.corpus.sentences import sentences
from newsprism.corpus.views import english_only
from newsprism.errors import NewsprismError
from newsprism.nlp.matchers import Hit, TermMatcher, compile_terms
from newsprism.resources.lexicons import check_frame_lexicon, frame_lexicon, lexical_choice_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "EVIDENCE_COLUMNS",
    "FRAMES",
    "FRAMES_COLUMNS",
    "FRAME_GROUPS",
    "LEXICAL_CHOICE_COLUMNS",
    "LEXICAL_EVIDENCE_COLUMNS",
    "VOICE_BALANCE_COLUMNS",
    "evidence_table",
    "frame_matrix",
    "frames_table",
    "lexical_choice_evidence",
    "lexical_choice_matrix",
    "lexical_choice_table",
    "lexicon_summary",
    "stance_balance",
    "top_frames",
    "voice_balance",
    "voice_matrix",
]

#: The frame names of the default lexicon, in table order: generic news frames
#: (Semetko & Valkenburg 2000), story frames, epistemic stance, evaluative language.
FRAMES = (
    "conflict",
    "responsibility",
    "human_interest",
    "economic",
    "morality",
    "alliance",
    "sovereignty",
    "escalation",
    "secrecy",
    "heroism",
    "sanctions",
    "reward",
    "hedging",
    "boosting",
    "loaded",
)
#: Which kind of measure each default frame is (for grouping charts and tables).
FRAME_GROUPS = {
    **dict.fromkeys(FRAMES[:5], "generic frame"),
    **dict.fromkeys(FRAMES[5:12], "story frame"),
    "hedging": "epistemic stance",
    "boosting": "epistemic stance",
    "loaded": "evaluative language",
}
EVIDENCE_COLUMNS = ["doc_id", "frame", "term", "start", "end", "sentence", "text", "match", "version", "sent_id"]
FRAMES_COLUMNS = ["doc_id", "frame", "hits", "per_1000_words", "n_words", "terms"]
LEXICAL_EVIDENCE_COLUMNS = ["doc_id", "referent", "term", "variant", "start", "end", "sentence", "text", "sent_id"]
LEXICAL_CHOICE_COLUMNS = ["doc_id", "referent", "term", "count", "share"]
VOICE_BALANCE_COLUMNS = ["doc_id", "dimension", "value", "attributions", "share"]


def _per_1000(hits: int, n_words: int) -> float:
    return round(hits * 1000 / n_words, 4) if n_words else 0.0


def _body_spans(segments) -> list[tuple[int, int]]:
    return sorted((s.start, s.end) for s in segments if s.section in BODY_SECTIONS)


def _doc_hits(articles: pd.DataFrame, docs: Mapping[str, Doc], entries: list[tuple[str, str, str]]) -> list[tuple[str, Hit]]:
    """Every hit of the lexicon ``entries`` in the body of each article, in article order."""
    matcher = TermMatcher(compile_terms(entries))
    out = []
    for doc_id, segments in zip(articles["doc_id"], articles["segments"]):
        out += [(doc_id, hit) for hit in matcher(docs[doc_id], _body_spans(segments))]
    return out


class _Sentences:
    """Find the body sentence around an offset."""

    def __init__(self, articles: pd.DataFrame) -> None:
        table = sentences(articles)
        self._by_doc = {doc: group for doc, group in table.groupby("doc_id", sort=False)}
        self._starts = {doc: list(group["start"]) for doc, group in self._by_doc.items()}

    def at(self, doc_id: str, offset: int) -> tuple[int, str]:
        group = self._by_doc.get(doc_id)
        if group is None:
            return -1, ""
        i = bisect_right(self._starts[doc_id], offset) - 1
        if i < 0 or offset >= int(group["end"].iloc[i]):
            return -1, ""
        return int(group["sent_id"].iloc[i]), str(group["text"].iloc[i])


@english_only
def evidence_table(articles: pd.DataFrame, docs: Mapping[str, Doc], lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``evidence`` table: one row per lexicon hit in an article body.

    Columns: doc_id, frame, term (the lexicon entry), start, end (raw offsets), sentence,
    text (``raw[start:end]``), match, version (of the lexicon entry), sent_id.
    """
    lexicon = frame_lexicon() if lexicon is None else check_frame_lexicon(lexicon)
    entries = list(zip(lexicon["frame"], lexicon["term"], lexicon["match"]))
    versions = list(lexicon["version"]) if "version" in lexicon.columns else [""] * len(lexicon)
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    where = _Sentences(articles)
    rows = []
    for doc_id, hit in _doc_hits(articles, docs, entries):
        sent_id, sentence = where.at(doc_id, hit.start)
        rows.append(
            {
                "doc_id": doc_id,
                "frame": hit.term.key,
                "term": hit.term.term,
                "start": hit.start,
                "end": hit.end,
                "sentence": sentence,
                "text": raw[doc_id][hit.start : hit.end],
                "match": hit.term.match,
                "version": versions[hit.term.order],
                "sent_id": sent_id,
            }
        )
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    table = table.astype({"start": "int64", "end": "int64", "sent_id": "int64"})
    return table.sort_values(["doc_id", "start", "end", "frame"], kind="stable").reset_index(drop=True)


def lexicon_summary(lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per frame of a lexicon: number of terms, of multiword terms, of exact-form
    terms, the lexicon version(s) and the source of its first entry."""
    lexicon = frame_lexicon() if lexicon is None else lexicon
    rows = []
    for frame, group in lexicon.groupby("frame", sort=False):
        rows.append(
            {
                "frame": frame,
                "terms": len(group),
                "multiword": int(group["term"].str.contains(r"\s").sum()),
                "exact": int((group["match"] == "exact").sum()),
                "version": "; ".join(sorted(set(group["version"]))) if "version" in group.columns else "",
                "source": group["rationale_or_source"].iloc[0] if "rationale_or_source" in group.columns else "",
            }
        )
    return pd.DataFrame(rows)


def _term_summary(terms: pd.Series) -> str:
    counts = terms.value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "; ".join(f"{term} ({n})" for term, n in ordered)


@english_only
def frames_table(articles: pd.DataFrame, evidence: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``frames`` table: one row per article and frame, frames with no hit included.

    Columns: doc_id, frame, hits, per_1000_words (of the cleaned body, the corpus
    ``n_words``), n_words, terms (the matched terms with their counts, most frequent first).
    ``evidence`` is the table of :func:`evidence_table` for the same lexicon.
    """
    lexicon = frame_lexicon() if lexicon is None else lexicon
    frames = list(dict.fromkeys(lexicon["frame"]))
    counts = evidence.groupby(["doc_id", "frame"]).size().to_dict()
    terms = evidence.groupby(["doc_id", "frame"])["term"].agg(_term_summary).to_dict()
    rows = []
    for doc_id, n_words in zip(articles["doc_id"], articles["n_words"]):
        for frame in frames:
            hits = int(counts.get((doc_id, frame), 0))
            rows.append(
                {
                    "doc_id": doc_id,
                    "frame": frame,
                    "hits": hits,
                    "per_1000_words": _per_1000(hits, int(n_words)),
                    "n_words": int(n_words),
                    "terms": terms.get((doc_id, frame), ""),
                }
            )
    return pd.DataFrame(rows, columns=FRAMES_COLUMNS)


def frame_matrix(frames: pd.DataFrame, value: str = "per_1000_words") -> pd.DataFrame:
    """Frames (rows, in table order) by pieces (columns) of ``value`` from the frames table."""
    order = list(dict.fromkeys(frames["frame"]))
    docs = list(dict.fromkeys(frames["doc_id"]))
    wide = frames.pivot(index="frame", columns="doc_id", values=value).reindex(index=order, columns=docs)
    wide.columns.name = None
    return wide


def stance_balance(frames: pd.DataFrame) -> pd.DataFrame:
    """Hedging against boosting per piece: hits and rates, and ``balance`` in [-1, 1].

    ``balance`` is (boosting - hedging) / (boosting + hedging) hits: -1 only hedges,
    +1 only boosts, 0 even (also when neither occurs).
    """
    rows = []
    for doc_id, group in frames.groupby("doc_id", sort=False):
        by_frame = group.set_index("frame")
        h = int(by_frame["hits"].get("hedging", 0))
        b = int(by_frame["hits"].get("boosting", 0))
        rows.append(
            {
                "doc_id": doc_id,
                "hedging_hits": h,
                "boosting_hits": b,
                "hedging_per_1000": float(by_frame["per_1000_words"].get("hedging", 0.0)),
                "boosting_per_1000": float(by_frame["per_1000_words"].get("boosting", 0.0)),
                "balance": round((b - h) / (b + h), 4) if b + h else 0.0,
            }
        )
    return pd.DataFrame(rows)


def top_frames(frames: pd.DataFrame, n: int = 2, exclude: tuple[str, ...] = ("hedging", "boosting", "loaded")) -> pd.DataFrame:
    """The ``n`` strongest frames of each piece by hits per 1,000 words (ties: table order).

    Epistemic stance and loaded language are left out by default: they are measures of
    tone, not frames of the events. Frames with no hit are never listed.
    """
    table = frames[~frames["frame"].isin(exclude) & (frames["hits"] > 0)].copy()
    table["_order"] = table.groupby("doc_id").cumcount()
    table = table.sort_values(["doc_id", "per_1000_words", "_order"], ascending=[True, False, True], kind="stable")
    table = table.groupby("doc_id", sort=False).head(n)
    table.insert(1, "rank", table.groupby("doc_id").cumcount() + 1)
    return table.drop(columns="_order").reset_index(drop=True)


@english_only
def lexical_choice_evidence(articles: pd.DataFrame, docs: Mapping[str, Doc], table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every word chosen for a referent: doc_id, referent, term, variant, raw offsets, sentence."""
    table = lexical_choice_lexicon() if table is None else table
    entries = [(f"{r}\x1f{t}", v, "lemma") for r, t, v in zip(table["referent"], table["term"], table["variant"])]
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    where = _Sentences(articles)
    rows = []
    for doc_id, hit in _doc_hits(articles, docs, entries):
        referent, term = hit.term.key.split("\x1f")
        sent_id, sentence = where.at(doc_id, hit.start)
        rows.append(
            {
                "doc_id": doc_id,
                "referent": referent,
                "term": term,
                "variant": hit.term.term,
                "start": hit.start,
                "end": hit.end,
                "sentence": sentence,
                "text": raw[doc_id][hit.start : hit.end],
                "sent_id": sent_id,
            }
        )
    out = pd.DataFrame(rows, columns=LEXICAL_EVIDENCE_COLUMNS).astype({"start": "int64", "end": "int64", "sent_id": "int64"})
    return out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


@english_only
def lexical_choice_table(articles: pd.DataFrame, evidence: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per piece, referent and term (zero counts included): count and ``share``,
    the term's part of the piece's words for that referent (0 when it names it with none)."""
    table = lexical_choice_lexicon() if table is None else table
    counts = evidence.groupby(["doc_id", "referent", "term"]).size().to_dict()
    pairs = list(dict.fromkeys(zip(table["referent"], table["term"])))
    rows = []
    for doc_id in articles["doc_id"]:
        totals: dict[str, int] = {}
        for referent, term in pairs:
            totals[referent] = totals.get(referent, 0) + int(counts.get((doc_id, referent, term), 0))
        for referent, term in pairs:
            count = int(counts.get((doc_id, referent, term), 0))
            share = round(count / totals[referent], 4) if totals[referent] else 0.0
            rows.append({"doc_id": doc_id, "referent": referent, "term": term, "count": count, "share": share})
    return pd.DataFrame(rows, columns=LEXICAL_CHOICE_COLUMNS)


def lexical_choice_matrix(choice: pd.DataFrame, value: str = "count") -> pd.DataFrame:
    """Referent and term (rows, in lexicon order) by pieces (columns) of ``value``."""
    pairs = list(dict.fromkeys(zip(choice["referent"], choice["term"])))
    docs = list(dict.fromkeys(choice["doc_id"]))
    wide = choice.pivot_table(index=["referent", "term"], columns="doc_id", values=value, aggfunc="sum", sort=False)
    wide = wide.reindex(index=pd.MultiIndex.from_tuples(pairs, names=["referent", "term"]), columns=docs)
    wide.columns.name = None
    return wide


def voice_balance(attributions: pd.DataFrame) -> pd.DataFrame:
    """Share of a piece's attributions by ``side`` and by ``source_kind``.

    Takes the ``attributions`` table (doc_id, source_kind and side at least; an empty or
    missing side counts as "unknown") and returns one row per piece, dimension ("side" or
    "source_kind") and value: the number of attributions and their share of the piece's
    attributions. Pieces without attributions have no rows.
    """
    missing = [c for c in ("doc_id", "source_kind") if c not in attributions.columns]
    if missing:
        raise NewsprismError(f"attributions table lacks column(s) {', '.join(missing)}")
    table = attributions.copy()
    if "side" not in table.columns:
        table["side"] = ""
    rows = []
    for dimension in ("side", "source_kind"):
        values = table[dimension].fillna("").astype(str).str.strip().replace("", "unknown")
        counts = pd.DataFrame({"doc_id": table["doc_id"], "value": values}).groupby(["doc_id", "value"]).size()
        totals = counts.groupby(level="doc_id").sum()
        for (doc_id, value), n in counts.items():
            rows.append(
                {
                    "doc_id": doc_id,
                    "dimension": dimension,
                    "value": value,
                    "attributions": int(n),
                    "share": round(n / totals[doc_id], 4),
                }
            )
    out = pd.DataFrame(rows, columns=VOICE_BALANCE_COLUMNS)
    out = out.astype({"attributions": "int64", "share": "float64"})
    return out.sort_values(["doc_id", "dimension", "value"], kind="stable").reset_index(drop=True)


def voice_matrix(voices: pd.DataFrame, dimension: str = "side", value: str = "share") -> pd.DataFrame:
    """Pieces (rows) by values of ``dimension`` (columns, sorted) from :func:`voice_balance`, zero-filled."""
    table = voices[voices["dimension"] == dimension]
    wide = table.pivot(index="doc_id", columns="value", values=value).fillna(0)
    wide = wide.reindex(columns=sorted(wide.columns)).sort_index()
    wide.columns.name = None
    return wide

"""The ``frames`` table: per article and frame, the hits of the evidence table and their rates.

``frames`` counts the evidence rows that count (``excluded`` empty) in the *body*: the
piece's own words and the words it quotes together in ``hits``, and apart in
``hits_outlet`` and ``hits_quoted``. Rates are per 1,000 words of the same text:
``per_1000_words`` over the body words (``n_words_body``: body lines, subheadings left
out), ``per_1000_outlet`` over the outlet's own words (body words outside quotes,
``n_words_outlet``), ``per_1000_quoted`` over the quoted body words (``n_words_quoted``).
Subheading hits are counted apart (``hits_subheading``), and so are hits set apart as names
or by a term's context rule (``hits_excluded``). ``n_words`` stays the corpus ``n_words``
(body and subheadings). Every frame of the lexicon has a row, zero hits included.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from newsprism.corpus.views import english_only
from newsprism.errors import NewsprismError
from newsprism.resources.lexicons import frame_lexicon

from ._hits import body_lines
from ._voice import OUTLET, QUOTED, quoted_spans, word_counts

__all__ = [
    "FRAMES",
    "FRAMES_COLUMNS",
    "FRAME_GROUPS",
    "VOICES",
    "frame_matrix",
    "frames_table",
    "lexicon_summary",
    "stance_balance",
    "top_frames",
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
FRAMES_COLUMNS = [
    "doc_id", "frame", "hits", "per_1000_words", "n_words", "terms",
    "hits_outlet", "per_1000_outlet", "hits_quoted", "per_1000_quoted", "hits_subheading", "hits_excluded",
    "n_words_body", "n_words_outlet", "n_words_quoted", "terms_outlet", "terms_quoted",
]  # fmt: skip
#: voice -> (hits column, rate column) of the frames table.
VOICES = {
    "all": ("hits", "per_1000_words"),
    OUTLET: ("hits_outlet", "per_1000_outlet"),
    QUOTED: ("hits_quoted", "per_1000_quoted"),
}
_EVIDENCE_NEEDS = ("doc_id", "frame", "term", "section", "voice", "excluded")


def _per_1000(hits: int, n_words: int) -> float:
    return round(hits * 1000 / n_words, 4) if n_words else 0.0


def _voice_columns(voice: str) -> tuple[str, str]:
    if voice not in VOICES:
        raise NewsprismError(f"unknown voice '{voice}' (use {', '.join(VOICES)})")
    return VOICES[voice]


def lexicon_summary(lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per frame of a lexicon: number of terms, of multiword terms, of exact-form
    terms, of terms with a context rule, the lexicon version(s) and the source of its first entry."""
    lexicon = frame_lexicon() if lexicon is None else lexicon
    rules = pd.Series(False, index=lexicon.index)
    for column in ("pos", "exclude"):
        if column in lexicon.columns:
            rules |= lexicon[column].fillna("").astype(str).str.strip() != ""
    rows = []
    for frame, group in lexicon.groupby("frame", sort=False):
        rows.append(
            {
                "frame": frame,
                "terms": len(group),
                "multiword": int(group["term"].str.contains(r"\s").sum()),
                "exact": int((group["match"] == "exact").sum()),
                "with_rules": int(rules[group.index].sum()),
                "version": "; ".join(sorted(set(group["version"]))) if "version" in group.columns else "",
                "source": group["rationale_or_source"].iloc[0] if "rationale_or_source" in group.columns else "",
            }
        )
    return pd.DataFrame(rows)


def _term_summaries(rows: pd.DataFrame) -> dict[tuple[str, str], str]:
    """``{(doc_id, frame): "term (n); ..."}``, most frequent term first, then alphabetical."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc_id, frame, term in zip(rows["doc_id"], rows["frame"], rows["term"]):
        counts[(doc_id, frame)][term] += 1
    return {
        key: "; ".join(f"{t} ({n})" for t, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for key, c in counts.items()
    }


def _word_counts(articles: pd.DataFrame, attributions: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """``{doc_id: (body words, quoted body words)}`` (body lines only, subheadings left out)."""
    quotes = quoted_spans(articles, attributions)
    return {
        doc_id: word_counts(text, body_lines(segments, frozenset({"body"})), quotes[doc_id])
        for doc_id, text, segments in zip(articles["doc_id"], articles["text"], articles["segments"])
    }


@english_only
def frames_table(
    articles: pd.DataFrame, evidence: pd.DataFrame, attributions: pd.DataFrame, lexicon: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per article and frame, frames with no hit included (see the module docstring).

    ``evidence`` is the table of :func:`~newsprism.stages.framing.evidence_table` for the
    same lexicon, ``attributions`` the table its voices come from (for the quoted word counts).
    """
    missing = [c for c in _EVIDENCE_NEEDS if c not in evidence.columns]
    if missing:
        raise NewsprismError(f"evidence table lacks column(s) {', '.join(missing)}")
    lexicon = frame_lexicon() if lexicon is None else lexicon
    frames = list(dict.fromkeys(lexicon["frame"]))
    counted = evidence["excluded"].fillna("") == ""
    body = evidence[counted & (evidence["section"] == "body")]
    keys = ["doc_id", "frame"]
    counts = {
        "hits": body.groupby(keys).size().to_dict(),
        "hits_outlet": body[body["voice"] == OUTLET].groupby(keys).size().to_dict(),
        "hits_quoted": body[body["voice"] == QUOTED].groupby(keys).size().to_dict(),
        "hits_subheading": evidence[counted & (evidence["section"] == "subheading")].groupby(keys).size().to_dict(),
        "hits_excluded": evidence[~counted].groupby(keys).size().to_dict(),
    }
    terms = {
        "terms": _term_summaries(body),
        "terms_outlet": _term_summaries(body[body["voice"] == OUTLET]),
        "terms_quoted": _term_summaries(body[body["voice"] == QUOTED]),
    }
    words = _word_counts(articles, attributions)
    rows = []
    for doc_id, n_words in zip(articles["doc_id"], articles["n_words"]):
        n_body, n_quoted = words[doc_id]
        for frame in frames:
            got = {name: int(table.get((doc_id, frame), 0)) for name, table in counts.items()}
            rows.append(
                {
                    "doc_id": doc_id,
                    "frame": frame,
                    "hits": got["hits"],
                    "per_1000_words": _per_1000(got["hits"], n_body),
                    "n_words": int(n_words),
                    "hits_outlet": got["hits_outlet"],
                    "per_1000_outlet": _per_1000(got["hits_outlet"], n_body - n_quoted),
                    "hits_quoted": got["hits_quoted"],
                    "per_1000_quoted": _per_1000(got["hits_quoted"], n_quoted),
                    "hits_subheading": got["hits_subheading"],
                    "hits_excluded": got["hits_excluded"],
                    "n_words_body": n_body,
                    "n_words_outlet": n_body - n_quoted,
                    "n_words_quoted": n_quoted,
                    **{name: table.get((doc_id, frame), "") for name, table in terms.items()},
                }
            )
    return pd.DataFrame(rows, columns=FRAMES_COLUMNS)


def frame_matrix(frames: pd.DataFrame, value: str = "per_1000_words") -> pd.DataFrame:
    """Frames (rows, in table order) by pieces (columns) of ``value`` from the frames table
    (``per_1000_outlet`` for the outlet's own words, ``per_1000_quoted`` for quoted words)."""
    order = list(dict.fromkeys(frames["frame"]))
    docs = list(dict.fromkeys(frames["doc_id"]))
    wide = frames.pivot(index="frame", columns="doc_id", values=value).reindex(index=order, columns=docs)
    wide.columns.name = None
    return wide


def stance_balance(frames: pd.DataFrame, voice: str = "all") -> pd.DataFrame:
    """Hedging against boosting per piece: hits and rates, and ``balance`` in [-1, 1].

    ``balance`` is (boosting - hedging) / (boosting + hedging) hits: -1 only hedges,
    +1 only boosts, 0 even (also when neither occurs). ``voice`` ("all", "outlet" or
    "quoted") picks which words are counted.
    """
    hits_column, rate_column = _voice_columns(voice)
    rows = []
    for doc_id, group in frames.groupby("doc_id", sort=False):
        by_frame = group.set_index("frame")
        h = int(by_frame[hits_column].get("hedging", 0))
        b = int(by_frame[hits_column].get("boosting", 0))
        rows.append(
            {
                "doc_id": doc_id,
                "hedging_hits": h,
                "boosting_hits": b,
                "hedging_per_1000": float(by_frame[rate_column].get("hedging", 0.0)),
                "boosting_per_1000": float(by_frame[rate_column].get("boosting", 0.0)),
                "balance": round((b - h) / (b + h), 4) if b + h else 0.0,
            }
        )
    return pd.DataFrame(rows)


def top_frames(
    frames: pd.DataFrame, n: int = 2, exclude: tuple[str, ...] = ("hedging", "boosting", "loaded"), voice: str = "all"
) -> pd.DataFrame:
    """The ``n`` strongest frames of each piece by hits per 1,000 words (ties: table order).

    Epistemic stance and loaded language are left out by default: they are measures of
    tone, not frames of the events. Frames with no hit are never listed. ``voice``
    ("all", "outlet" or "quoted") ranks by that voice's hits and rate.
    """
    hits_column, rate_column = _voice_columns(voice)
    table = frames[~frames["frame"].isin(exclude) & (frames[hits_column] > 0)].copy()
    table["_order"] = table.groupby("doc_id").cumcount()
    table = table.sort_values(["doc_id", rate_column, "_order"], ascending=[True, False, True], kind="stable")
    table = table.groupby("doc_id", sort=False).head(n)
    table.insert(1, "rank", table.groupby("doc_id").cumcount() + 1)
    return table.drop(columns="_order").reset_index(drop=True)

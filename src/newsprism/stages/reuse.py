"""How much and where pieces reuse each other's wording, from the ``passages`` table.

- :func:`shares_table`: per pair, how much the two pieces share (``shared``, the one
  measure every ranking and chart uses), the share of A's body tokens inside passages
  shared with B and of B's inside passages shared with A (the direction-aware detail),
  and the longest run;
- :func:`pair_table`: the similarity table joined with the shares, one row per pair;
- :func:`reuse_segments`: for each piece and partner, the merged raw spans it shares,
  the data of the reuse map.

``shared`` = (A's shared body tokens + B's shared body tokens) / (A's body tokens + B's
body tokens): symmetric, between 0 and 1, and weighted by length, so a short piece
copied whole into a long one shows as the fraction of all the text the two hold in common.

Passages judged stock phrasing (``passage_verdicts``, :mod:`newsprism.stages._stock`:
judged by their words, never by how many pieces carry them) are left out unless
``include_stock=True``. The ``common`` flag of the passages table (wording found in 3+
pieces) no longer decides anything; ``n_common`` still counts it, for the record.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsprism.corpus.sentences import paragraphs
from newsprism.corpus.views import body_views, distinct_articles, english_only

from ._stock import passage_verdicts
from .passages import Tokens, tokenize

__all__ = [
    "SHARES_COLUMNS",
    "body_extents",
    "pair_table",
    "reuse_segments",
    "shares_table",
    "stock_mask",
]

SHARES_COLUMNS = [
    "doc_a",
    "doc_b",
    "a_body_tokens",
    "b_body_tokens",
    "a_shared_tokens",
    "b_shared_tokens",
    "share_a_in_b",
    "share_b_in_a",
    "shared",
    "longest_run",
    "longest_text",
    "n_passages",
    "n_verbatim",
    "n_near",
    "n_common",
    "n_stock",
]


def stock_mask(passages: pd.DataFrame, verdicts: pd.DataFrame | None = None) -> pd.Series:
    """Per row of ``passages``: judged stock (``verdicts``, or judged now when not given)."""
    if verdicts is None:
        verdicts = passage_verdicts(passages)
    stock = dict(zip(verdicts["passage_id"], verdicts["stock"].astype(bool)))
    return passages["passage_id"].map(stock).fillna(False).astype(bool)


def _kept(passages: pd.DataFrame, verdicts: pd.DataFrame | None, include_stock: bool, include_common: bool | None) -> pd.DataFrame:
    """The passages that count as evidence: all of them, or those not judged stock."""
    if include_common is not None:  # the former name of include_stock
        include_stock = include_common
    if include_stock or passages.empty:
        return passages
    return passages[~stock_mask(passages, verdicts).to_numpy()]


def _covered(tokens: Tokens, spans: list[tuple[int, int]]) -> int:
    """How many tokens fall inside the union of raw ``spans``."""
    inside = np.zeros(len(tokens), dtype=bool)
    for start, end in spans:
        lo = np.searchsorted(tokens.starts, start, side="left")
        hi = np.searchsorted(tokens.ends, end, side="right")
        inside[lo:hi] = True
    return int(inside.sum())


def shares_table(
    articles: pd.DataFrame,
    passages: pd.DataFrame,
    verdicts: pd.DataFrame | None = None,
    *,
    include_stock: bool = False,
    include_common: bool | None = None,
    pairs: list[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """``shared``, the token shares each way, the longest run (tokens) and its text, per pair.

    ``share_a_in_b`` is the fraction of A's body tokens that lie in passages shared with B;
    ``shared`` pools both sides (module docstring). Passages judged stock (``verdicts``, the
    ``passage_verdicts`` table; judged here when not given) are left out and counted in
    ``n_stock``; ``n_common`` counts the passages flagged ``common``. Rows: every pair
    sharing a passage, or the given ``pairs`` (doc_a < doc_b). ``include_common`` is the
    former name of ``include_stock``.
    """
    tokens = {doc_id: tokenize(view) for doc_id, view in body_views(articles).items()}
    if pairs is None:
        pairs = sorted(set(zip(passages["doc_a"], passages["doc_b"])))
    used_all = _kept(passages, verdicts, include_stock, include_common)
    by_pair = {key: group for key, group in passages.groupby(["doc_a", "doc_b"], sort=True)}
    used_by_pair = {key: group for key, group in used_all.groupby(["doc_a", "doc_b"], sort=True)}
    rows = []
    for doc_a, doc_b in pairs:
        group = by_pair.get((doc_a, doc_b), passages.iloc[0:0])
        used = used_by_pair.get((doc_a, doc_b), passages.iloc[0:0])
        a_shared = _covered(tokens[doc_a], list(zip(used["a_start"], used["a_end"])))
        b_shared = _covered(tokens[doc_b], list(zip(used["b_start"], used["b_end"])))
        n_a, n_b = len(tokens[doc_a]), len(tokens[doc_b])
        longest = used.sort_values(["n_tokens", "a_start"], ascending=[False, True], kind="stable").head(1)
        rows.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "a_body_tokens": n_a,
                "b_body_tokens": n_b,
                "a_shared_tokens": a_shared,
                "b_shared_tokens": b_shared,
                "share_a_in_b": round(a_shared / n_a, 4) if n_a else 0.0,
                "share_b_in_a": round(b_shared / n_b, 4) if n_b else 0.0,
                "shared": round((a_shared + b_shared) / (n_a + n_b), 4) if n_a + n_b else 0.0,
                "longest_run": int(longest["n_tokens"].iloc[0]) if len(longest) else 0,
                "longest_text": " ".join(str(longest["text_a"].iloc[0]).split()) if len(longest) else "",
                "n_passages": len(used),
                "n_verbatim": int((used["kind"] == "verbatim").sum()),
                "n_near": int((used["kind"] == "near").sum()),
                "n_common": int(group["common"].astype(bool).sum()),
                "n_stock": len(group) - len(used),
            }
        )
    return pd.DataFrame(rows, columns=SHARES_COLUMNS)


@english_only
def pair_table(
    articles: pd.DataFrame,
    passages: pd.DataFrame,
    similarity: pd.DataFrame,
    verdicts: pd.DataFrame | None = None,
    *,
    include_stock: bool = False,
    include_common: bool | None = None,
) -> pd.DataFrame:
    """The similarity table joined with :func:`shares_table`, one row per pair of pieces."""
    pairs = list(zip(similarity["doc_a"], similarity["doc_b"]))
    shares = shares_table(articles, passages, verdicts, include_stock=include_stock, include_common=include_common, pairs=pairs)
    return similarity.merge(shares, on=["doc_a", "doc_b"], how="left")


def body_extents(articles: pd.DataFrame) -> pd.DataFrame:
    """Per distinct piece: raw length and the raw span from its first to its last body line."""
    table = distinct_articles(articles)
    paras = paragraphs(table)
    ext = paras.groupby("doc_id").agg(body_start=("start", "min"), body_end=("end", "max"))
    out = pd.DataFrame({"doc_id": table["doc_id"], "n_chars": table["raw"].str.len()})
    return out.merge(ext.reset_index(), on="doc_id", how="left").fillna(0).astype({"body_start": "int64", "body_end": "int64"})


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def reuse_segments(
    passages: pd.DataFrame,
    verdicts: pd.DataFrame | None = None,
    *,
    include_stock: bool = False,
    include_common: bool | None = None,
) -> pd.DataFrame:
    """Merged raw spans of each piece shared with each partner: doc_id, partner, start, end
    (passages judged stock left out unless ``include_stock``)."""
    used = _kept(passages, verdicts, include_stock, include_common)
    sides = pd.concat(
        [
            used.rename(columns={"doc_a": "doc_id", "doc_b": "partner", "a_start": "start", "a_end": "end"})[["doc_id", "partner", "start", "end"]],
            used.rename(columns={"doc_b": "doc_id", "doc_a": "partner", "b_start": "start", "b_end": "end"})[["doc_id", "partner", "start", "end"]],
        ],
        ignore_index=True,
    )
    rows = [
        {"doc_id": doc_id, "partner": partner, "start": s, "end": e}
        for (doc_id, partner), group in sides.groupby(["doc_id", "partner"], sort=True)
        for s, e in _merge_spans(list(zip(group["start"].astype(int), group["end"].astype(int))))
    ]
    return pd.DataFrame(rows, columns=["doc_id", "partner", "start", "end"])

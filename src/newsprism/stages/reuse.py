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
from ._tokens import CorpusTokens, corpus_tokens
from .passages import token_key

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


def _token_spans(tokens: CorpusTokens, docs: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per raw span ``[start, end)`` of text ``docs[k]`` (its index in ``tokens``): the ``[lo, hi)``
    of that text's tokens lying wholly inside it (one ``searchsorted`` over the corpus: each
    offset is placed after its text's number)."""
    text = np.repeat(np.arange(len(tokens), dtype=np.int64), np.diff(tokens.bounds)) << 32
    lo = np.searchsorted(text + tokens.starts, (docs << 32) + starts, side="left")
    hi = np.searchsorted(text + tokens.ends, (docs << 32) + ends, side="right")
    first = tokens.bounds[docs]
    return lo - first, hi - first


def _union_sizes(group: np.ndarray, lo: np.ndarray, hi: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group: how many integers the union of its ``[lo, hi)`` intervals holds."""
    order = np.lexsort((lo, group))
    g, lo, hi = group[order], lo[order], hi[order]
    reach = pd.Series(hi).groupby(g).cummax().to_numpy()  # the furthest end so far in the group
    before = np.empty_like(reach)
    before[1:] = reach[:-1]
    first = np.ones(len(g), dtype=bool)
    first[1:] = g[1:] != g[:-1]
    before[first] = np.iinfo(np.int64).min
    gained = np.maximum(hi - np.maximum(lo, before), 0)
    return np.bincount(g, weights=gained, minlength=n_groups).astype(np.int64)


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
    former name of ``include_stock``. Computed with array operations over all pairs at once.
    """
    views = body_views(articles)
    number = {doc_id: k for k, doc_id in enumerate(views)}
    tokens = corpus_tokens(list(views.values()), None, token_key)
    if pairs is None:
        pairs = sorted(set(zip(passages["doc_a"], passages["doc_b"])))
    if not pairs:
        return pd.DataFrame([], columns=SHARES_COLUMNS)
    table = pd.DataFrame(pairs, columns=["doc_a", "doc_b"])
    slot = {pair: k for k, pair in enumerate(pairs)}
    n = len(pairs)
    every = np.fromiter((slot.get(pair, -1) for pair in zip(passages["doc_a"], passages["doc_b"])), dtype=np.int64, count=len(passages))
    n_all = np.bincount(every[every >= 0], minlength=n)
    common = passages["common"].astype(bool).to_numpy() if len(passages) else np.zeros(0, dtype=bool)
    n_common = np.bincount(every[(every >= 0) & common], minlength=n)
    used = _kept(passages, verdicts, include_stock, include_common)
    in_pairs = np.fromiter((slot.get(pair, -1) for pair in zip(used["doc_a"], used["doc_b"])), dtype=np.int64, count=len(used))
    used, group = used[in_pairs >= 0], in_pairs[in_pairs >= 0]
    shared = []
    for side in ("a", "b"):
        docs = used[f"doc_{side}"].map(number).to_numpy(np.int64)
        lo, hi = _token_spans(tokens, docs, used[f"{side}_start"].to_numpy(np.int64), used[f"{side}_end"].to_numpy(np.int64))
        shared.append(_union_sizes(group, lo, hi, n))
    kind = used["kind"].to_numpy()
    longest_run, longest_text = np.zeros(n, dtype=np.int64), [""] * n
    if len(used):
        length = used["n_tokens"].to_numpy(np.int64)
        order = np.lexsort((np.arange(len(used)), used["a_start"].to_numpy(np.int64), -length, group))
        head = order[np.r_[True, group[order][1:] != group[order][:-1]]]  # each pair's longest, first on ties
        longest_run[group[head]] = length[head]
        for k, text in zip(group[head], used["text_a"].to_numpy()[head]):
            longest_text[k] = " ".join(str(text).split())
    sizes = np.diff(tokens.bounds)
    n_a = sizes[table["doc_a"].map(number).to_numpy(np.int64)]
    n_b = sizes[table["doc_b"].map(number).to_numpy(np.int64)]
    a_shared, b_shared = shared
    n_used = np.bincount(group, minlength=n)
    table["a_body_tokens"], table["b_body_tokens"] = n_a, n_b
    table["a_shared_tokens"], table["b_shared_tokens"] = a_shared, b_shared
    table["share_a_in_b"] = [round(int(x) / int(t), 4) if t else 0.0 for x, t in zip(a_shared, n_a)]
    table["share_b_in_a"] = [round(int(x) / int(t), 4) if t else 0.0 for x, t in zip(b_shared, n_b)]
    table["shared"] = [round(int(x + y) / int(s + t), 4) if s + t else 0.0 for x, y, s, t in zip(a_shared, b_shared, n_a, n_b)]
    table["longest_run"], table["longest_text"] = longest_run, longest_text
    table["n_passages"] = n_used
    table["n_verbatim"] = np.bincount(group[kind == "verbatim"], minlength=n)
    table["n_near"] = np.bincount(group[kind == "near"], minlength=n)
    table["n_common"] = n_common
    table["n_stock"] = n_all - n_used
    return table[SHARES_COLUMNS]


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

"""How much and where pieces reuse each other's wording, from the ``passages`` table.

- :func:`shares_table`: per pair, the share of A's body tokens inside passages shared
  with B and of B's inside passages shared with A (direction-aware), and the longest run;
- :func:`pair_table`: the similarity table joined with the shares, one row per pair;
- :func:`reuse_segments`: for each piece and partner, the merged raw spans it shares,
  the data of the reuse map;
- :func:`side_by_side_html`: two pieces side by side with shared passages highlighted.

Passages flagged ``common`` (wording found in many pieces) are left out unless
``include_common=True``.
"""

from __future__ import annotations

import html
from itertools import pairwise

import numpy as np
import pandas as pd

from newsprism.corpus.sentences import paragraphs
from newsprism.corpus.views import body_views, distinct_articles, english_only

from .passages import Tokens, tokenize

__all__ = [
    "SHARES_COLUMNS",
    "body_extents",
    "pair_table",
    "reuse_segments",
    "shares_table",
    "side_by_side_html",
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
    "longest_run",
    "longest_text",
    "n_passages",
    "n_verbatim",
    "n_near",
    "n_common",
]


def _select(passages: pd.DataFrame, include_common: bool) -> pd.DataFrame:
    return passages if include_common else passages[~passages["common"].astype(bool)]


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
    *,
    include_common: bool = False,
    pairs: list[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Token shares each way, the longest run (tokens) and its text, per pair of pieces.

    ``share_a_in_b`` is the fraction of A's body tokens that lie in passages shared with B
    (``n_common`` counts the common passages left out). Rows: every pair sharing a passage,
    or the given ``pairs`` (doc_a < doc_b).
    """
    tokens = {doc_id: tokenize(view) for doc_id, view in body_views(articles).items()}
    if pairs is None:
        pairs = sorted(set(zip(passages["doc_a"], passages["doc_b"])))
    by_pair = {key: group for key, group in passages.groupby(["doc_a", "doc_b"], sort=True)}
    rows = []
    for doc_a, doc_b in pairs:
        group = by_pair.get((doc_a, doc_b), passages.iloc[0:0])
        used = _select(group, include_common)
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
                "longest_run": int(longest["n_tokens"].iloc[0]) if len(longest) else 0,
                "longest_text": " ".join(str(longest["text_a"].iloc[0]).split()) if len(longest) else "",
                "n_passages": len(used),
                "n_verbatim": int((used["kind"] == "verbatim").sum()),
                "n_near": int((used["kind"] == "near").sum()),
                "n_common": int(group["common"].astype(bool).sum()),
            }
        )
    return pd.DataFrame(rows, columns=SHARES_COLUMNS)


@english_only
def pair_table(articles: pd.DataFrame, passages: pd.DataFrame, similarity: pd.DataFrame, *, include_common: bool = False) -> pd.DataFrame:
    """The similarity table joined with :func:`shares_table`, one row per pair of pieces."""
    pairs = list(zip(similarity["doc_a"], similarity["doc_b"]))
    shares = shares_table(articles, passages, include_common=include_common, pairs=pairs)
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


def reuse_segments(passages: pd.DataFrame, *, include_common: bool = False) -> pd.DataFrame:
    """Merged raw spans of each piece shared with each partner: doc_id, partner, start, end."""
    used = _select(passages, include_common)
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


_STYLE = {
    "verbatim": "background:#ffe08a",
    "near": "background:#f9c6a8",
    "common": "background:#e4e4e4",
}


def _highlight(raw: str, start: int, end: int, marks: list[tuple[int, int, int, str]]) -> str:
    """HTML of ``raw[start:end]`` with the marked spans ``(start, end, passage_id, style)``."""
    cuts = sorted({start, end} | {max(start, min(end, p)) for s, e, _, _ in marks for p in (s, e)})
    out = []
    for lo, hi in pairwise(cuts):
        piece = html.escape(raw[lo:hi])
        over = [(pid, style) for s, e, pid, style in marks if s <= lo and hi <= e]
        starts = [pid for s, _, pid, _ in marks if s == lo]
        label = "".join(f"<sup>[{pid}]</sup>" for pid in sorted(starts))
        if over:
            style = min((style for _, style in over), key=list(_STYLE).index)
            ids = ", ".join(str(pid) for pid, _ in sorted(over))
            out.append(f'{label}<mark style="{_STYLE[style]}" title="passage {ids}">{piece}</mark>')
        else:
            out.append(label + piece)
    return "".join(out)


def side_by_side_html(
    articles: pd.DataFrame, passages: pd.DataFrame, doc_a: str, doc_b: str, *, include_common: bool = False
) -> str:
    """Two pieces' bodies side by side, shared passages highlighted and numbered by passage_id.

    Verbatim passages are yellow, near ones (light edits) orange, common ones grey (only
    with ``include_common``). Article text is HTML-escaped.
    """
    if doc_b < doc_a:
        doc_a, doc_b = doc_b, doc_a
    pair = passages[(passages["doc_a"] == doc_a) & (passages["doc_b"] == doc_b)]
    pair = _select(pair, include_common)
    table = distinct_articles(articles)
    raws = dict(zip(table["doc_id"], table["raw"]))
    paras = paragraphs(table)
    columns = []
    for doc, side in ((doc_a, "a"), (doc_b, "b")):
        marks = [
            (int(s), int(e), int(pid), "common" if bool(c) else str(k))
            for s, e, pid, c, k in zip(pair[f"{side}_start"], pair[f"{side}_end"], pair["passage_id"], pair["common"], pair["kind"])
        ]
        body = "".join(
            f"<p>{_highlight(raws[doc], int(p.start), int(p.end), marks)}</p>" for p in paras[paras["doc_id"] == doc].itertuples(index=False)
        )
        columns.append(f'<div style="flex:1;min-width:0"><h4>{html.escape(doc)}</h4>{body}</div>')
    legend = " ".join(f'<mark style="{style}">{name}</mark>' for name, style in _STYLE.items() if include_common or name != "common")
    return (
        '<div style="font-size:0.85em;line-height:1.45">'
        f"<p>Shared passages between {html.escape(doc_a)} and {html.escape(doc_b)}: {legend}; [n] is the passage_id.</p>"
        f'<div style="display:flex;gap:1.5em">{"".join(columns)}</div></div>'
    )

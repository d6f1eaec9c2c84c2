"""Shared passages against ``passages_gold.csv``, and the ``common`` flag against the judgements."""

from __future__ import annotations

import pandas as pd

from ._coverage import annotated_docs, read_annotation
from ._match import as_summary, empty_matches, match_rows, rate, raws, spans_overlap

__all__ = ["PASSAGE_MATCH_COLUMNS", "common_flag_agreement", "common_flag_errors", "score_passages"]

PASSAGE_MATCH_COLUMNS = [
    "outcome",
    "doc_id",
    "start",
    "end",
    "text",
    "doc_b",
    "b_start",
    "b_end",
    "text_b",
    "kind",
    "judgement",
    "predicted_kind",
    "common",
    "n_tokens",
    "note",
    "gold_index",
    "pred_index",
]


def _same_passage(p: pd.Series, g: pd.Series) -> bool:
    return spans_overlap(p["a_start"], p["a_end"], g["a_start"], g["a_end"]) and spans_overlap(p["b_start"], p["b_end"], g["b_start"], g["b_end"])


def _oriented(table: pd.DataFrame) -> pd.DataFrame:
    """Passages with ``doc_a < doc_b`` (sides swapped where needed)."""
    table = table.copy()
    swap = table["doc_a"] > table["doc_b"]
    for a, b in (("doc_a", "doc_b"), ("a_start", "b_start"), ("a_end", "b_end"), ("text_a", "text_b")):
        table.loc[swap, [a, b]] = table.loc[swap, [b, a]].to_numpy()
    return table


def score_passages(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shared passages against ``passages_gold.csv``: ``(summary, matches)``.

    A predicted passage matches an annotated one of the same pair of pieces when their spans
    overlap on both sides (one to one; passages not flagged ``common`` are tried first).
    Measures: recall over all annotated passages (found by any passage) and over those
    judged ``reuse`` (found by a passage not flagged common); precision over the passages
    not flagged common (a common-flagged passage is weak evidence by the tool's own
    account); and whether the ``common`` flag agrees with the ``stock`` judgement on
    matched passages (see :func:`common_flag_agreement`). ``table`` is the ``passages``
    table scored.
    """
    docs = annotated_docs(articles)
    gold = _oriented(read_annotation("passages_gold"))
    gold = gold[gold["doc_a"].isin(docs) & gold["doc_b"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return as_summary([]), empty_matches(PASSAGE_MATCH_COLUMNS)
    predicted = _oriented(table)
    predicted = predicted[predicted["doc_a"].isin(docs) & predicted["doc_b"].isin(docs)]
    predicted = predicted.sort_values("common", kind="stable").reset_index(drop=True)  # not common first
    texts = raws(articles)
    rows = []
    for m in match_rows(predicted, gold, _same_passage, keys=("doc_a", "doc_b")).itertuples(index=False):
        g = gold.loc[m.gold_index] if m.gold_index >= 0 else None
        p = predicted.loc[m.pred_index] if m.pred_index >= 0 else None
        shown = g if g is not None else p
        doc_a, doc_b = shown["doc_a"], shown["doc_b"]
        a_start, a_end, b_start, b_end = (int(shown[c]) for c in ("a_start", "a_end", "b_start", "b_end"))
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_a,
                "start": a_start,
                "end": a_end,
                "text": texts[doc_a][a_start:a_end],
                "doc_b": doc_b,
                "b_start": b_start,
                "b_end": b_end,
                "text_b": texts[doc_b][b_start:b_end],
                "kind": shown["kind"],
                "judgement": g["judgement"] if g is not None else "",
                "predicted_kind": p["kind"] if p is not None else "",
                "common": bool(p["common"]) if p is not None else False,
                "n_tokens": int(p["n_tokens"]) if p is not None else -1,
                "note": g["note"] if g is not None else "",
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=PASSAGE_MATCH_COLUMNS)
    tp = matches["outcome"] == "tp"
    found = int(tp.sum())
    reuse = matches["judgement"] == "reuse"
    put_forward = matches["outcome"].isin(["tp", "fp"]) & ~matches["common"]
    stage = "passages"
    summary = [
        rate(stage, "recall", "all annotated", found, len(gold), "annotated passages found by any predicted passage"),
        rate(stage, "recall", "judged reuse", int((tp & reuse & ~matches["common"]).sum()), int(reuse.sum()), "passages judged reuse found by a passage not flagged common"),
        rate(stage, "precision", "not flagged common", int((put_forward & tp).sum()), int(put_forward.sum()), "predicted passages not flagged common that match an annotated passage"),
    ]
    flags = common_flag_agreement(matches)
    summary.append(rate(stage, "agreement", "common = stock", int(flags["agree"].sum()), found, "matched passages whose common flag agrees with the stock judgement"))
    return as_summary(summary), matches


def common_flag_agreement(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched passages by annotated judgement (reuse, stock) and the tool's ``common`` flag."""
    tp = matches[matches["outcome"] == "tp"]
    rows = []
    for judgement in ("reuse", "stock") if len(matches) else ():
        for common in (False, True):
            n = int(((tp["judgement"] == judgement) & (tp["common"] == common)).sum())
            rows.append({"judgement": judgement, "common": common, "passages": n, "agree": n if common == (judgement == "stock") else 0})
    return pd.DataFrame(rows, columns=["judgement", "common", "passages", "agree"])


def common_flag_errors(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched passages whose ``common`` flag disagrees with the judgement (stock not flagged, reuse flagged)."""
    if matches.empty:
        return matches
    tp = matches[matches["outcome"] == "tp"]
    return tp[tp["common"] != (tp["judgement"] == "stock")].reset_index(drop=True)

"""Scoring a stage against hand annotations: matched pairs, misses, false alarms, P/R/F1.

The annotations of the five pieces live in ``data/annotations/`` (data, not code); the
tests and notebook 08 score the stages against them with these functions, so the numbers
a reader cites and the numbers the tests enforce are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from .resources import read_data_csv

__all__ = ["match_rows", "prf", "read_annotation", "score_by", "spans_overlap"]


def read_annotation(name: str) -> pd.DataFrame:
    """An annotation table from ``data/annotations/NAME.csv`` (strings, no NaN; offsets as int)."""
    table = read_data_csv(f"annotations/{name}.csv")
    for column in table.columns:
        if column in {"start", "end", "a_start", "a_end", "b_start", "b_end", "mentions", "n_tokens"} or column.endswith(("_start", "_end")):
            table[column] = pd.to_numeric(table[column], errors="coerce").fillna(-1).astype("int64")
    return table


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open spans share at least one character."""
    return a_start < b_end and b_start < a_end


def match_rows(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    same: Callable[[pd.Series, pd.Series], bool],
    *,
    keys: Sequence[str] = ("doc_id",),
) -> pd.DataFrame:
    """Match predictions to gold rows one to one (greedy, in table order) within equal ``keys``.

    Returns one row per gold or predicted item with ``outcome`` = ``tp`` (matched), ``fn``
    (gold not found) or ``fp`` (prediction with no gold), and the row indices behind it,
    so every score can be traced to the rows it counts.
    """
    keys = list(keys)
    out = []
    used: set[int] = set()
    pred_groups = {(k if isinstance(k, tuple) else (k,)): g for k, g in predicted.groupby(keys, sort=True)} if len(predicted) else {}
    for g_index, g_row in gold.iterrows():
        key = tuple(g_row[k] for k in keys)
        candidates = pred_groups.get(key)
        hit = None
        if candidates is not None:
            hit = next((p_index for p_index, p_row in candidates.iterrows() if p_index not in used and same(p_row, g_row)), None)
        if hit is None:
            out.append({"outcome": "fn", "gold_index": g_index, "pred_index": -1})
        else:
            used.add(hit)
            out.append({"outcome": "tp", "gold_index": g_index, "pred_index": hit})
    for p_index in predicted.index:
        if p_index not in used:
            out.append({"outcome": "fp", "gold_index": -1, "pred_index": p_index})
    return pd.DataFrame(out, columns=["outcome", "gold_index", "pred_index"])


def prf(matches: pd.DataFrame) -> dict[str, float | int]:
    """Precision, recall and F1 (4 decimals) with the counts behind them."""
    tp = int((matches["outcome"] == "tp").sum())
    fp = int((matches["outcome"] == "fp").sum())
    fn = int((matches["outcome"] == "fn").sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_by(matches: pd.DataFrame, predicted: pd.DataFrame, gold: pd.DataFrame, column: str) -> pd.DataFrame:
    """P/R/F1 per value of ``column`` (gold value for tp/fn rows, predicted value for fp rows)."""
    labels = [
        gold.at[r.gold_index, column] if r.outcome != "fp" else predicted.at[r.pred_index, column] for r in matches.itertuples(index=False)
    ]
    tagged = matches.assign(group=labels)
    rows = [{column: value, **prf(group)} for value, group in tagged.groupby("group", sort=True)]
    return pd.DataFrame(rows)

"""One-to-one matching of predictions to annotations, P/R/F1, and the long summary table.

A stage summary has one row per measure (``stage, measure, subset, numerator,
denominator, value, definition``), so every value says which counts it divides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

__all__ = [
    "STAGE_ORDER",
    "SUMMARY_COLUMNS",
    "as_summary",
    "empty_matches",
    "match_rows",
    "prf",
    "prf_by",
    "prf_rows",
    "rate",
    "raws",
    "score_by",
    "spans_overlap",
    "summary_table",
]

#: Columns of every stage summary: one row per measure.
SUMMARY_COLUMNS = ["stage", "measure", "subset", "numerator", "denominator", "value", "definition"]
#: Stage names, in the order the summary lists them.
STAGE_ORDER = ("attributions", "attribution sentences", "person mentions", "passages", "claims")


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


def prf_by(matches: pd.DataFrame, column: str) -> pd.DataFrame:
    """P/R/F1 per value of a column the stage ``matches`` table already carries.

    In the tables of the ``score_*`` functions that column holds the annotated value on
    ``tp``/``fn`` rows and the predicted value on ``fp`` rows, as :func:`score_by` does.
    """
    rows = [{column: value, **prf(group)} for value, group in matches.groupby(column, sort=True)]
    return pd.DataFrame(rows, columns=[column, "tp", "fp", "fn", "precision", "recall", "f1"])


def rate(stage: str, measure: str, subset: str, numerator: int, denominator: int, definition: str) -> dict:
    """One summary row: ``numerator / denominator`` (4 decimals; 0 when nothing to divide)."""
    value = round(numerator / denominator, 4) if denominator else 0.0
    return {
        "stage": stage,
        "measure": measure,
        "subset": subset,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "definition": definition,
    }


def prf_rows(stage: str, subset: str, tp: int, fp: int, fn: int, what: str) -> list[dict]:
    """Precision, recall and F1 rows from one set of counts (F1 = 2tp / (2tp + fp + fn))."""
    return [
        rate(stage, "precision", subset, tp, tp + fp, f"{what}: matched predictions / predictions"),
        rate(stage, "recall", subset, tp, tp + fn, f"{what}: matched annotations / annotations"),
        rate(stage, "f1", subset, 2 * tp, 2 * tp + fp + fn, f"{what}: 2 tp / (2 tp + fp + fn)"),
    ]


def as_summary(rows: list[dict]) -> pd.DataFrame:
    """Summary rows as a table of :data:`SUMMARY_COLUMNS` (counts int64, values float64)."""
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for column in ("numerator", "denominator"):
        table[column] = table[column].astype("int64")
    table["value"] = table["value"].astype("float64")
    return table


def summary_table(*summaries: pd.DataFrame) -> pd.DataFrame:
    """The stage summaries in one table, stages in :data:`STAGE_ORDER`, rows as each stage gives them."""
    parts = [s for s in summaries if len(s)]
    if not parts:
        return as_summary([])
    table = pd.concat(parts, ignore_index=True)
    order = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    table = table.assign(_order=table["stage"].map(lambda s: order.get(s, len(order))))
    return table.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def empty_matches(columns: list[str]) -> pd.DataFrame:
    """A matches table without rows (offsets int64, everything else object)."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in {"start", "end", "b_start", "b_end"} else "object") for c in columns})


def raws(articles: pd.DataFrame) -> dict[str, str]:
    """``{doc_id: raw text}`` of the articles."""
    return dict(zip(articles["doc_id"], articles["raw"]))

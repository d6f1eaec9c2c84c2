"""What a notebook shows of a scored stage: its error cases, recall per group, or a note
saying why a table is empty."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["NO_ANNOTATIONS", "NO_ERRORS", "error_cases", "error_view", "or_note", "recall_by", "shown"]

#: What a notebook shows for a stage whose annotations match no piece of the corpus.
NO_ANNOTATIONS = "no hand annotation matches the pieces of this corpus"
#: What a notebook shows for a stage with annotations and no error case.
NO_ERRORS = "no false positive and no false negative"


def or_note(table: pd.DataFrame, note: str = NO_ANNOTATIONS) -> pd.DataFrame:
    """``table``, or a one-row table holding ``note`` when it is empty (what a notebook shows)."""
    return table if len(table) else pd.DataFrame({"note": [note]})


def recall_by(matches: pd.DataFrame, column: str) -> pd.DataFrame:
    """Annotated items found, per value of ``column`` (``tp`` and ``fn`` rows only)."""
    gold = matches[matches["outcome"].isin(["tp", "fn"])]
    rows = []
    for value, group in gold.groupby(column, sort=True):
        found = int((group["outcome"] == "tp").sum())
        rows.append({column: value, "annotated": len(group), "found": found, "recall": round(found / len(group), 4)})
    return pd.DataFrame(rows, columns=[column, "annotated", "found", "recall"])


def shown(
    table: pd.DataFrame, columns: Sequence[str] | None = None, *, scored: pd.DataFrame | None = None, empty: str = NO_ERRORS
) -> pd.DataFrame:
    """What a notebook shows: ``table`` (its ``columns``), or a one-row note when it is empty:
    :data:`NO_ANNOTATIONS` when ``scored`` (the stage's matches; default ``table``) is empty
    too, else ``empty``."""
    scored = table if scored is None else scored
    if scored.empty:
        return or_note(scored)
    if table.empty:
        return or_note(table, empty)
    return table if columns is None else table[list(columns)]


def error_cases(matches: pd.DataFrame) -> pd.DataFrame:
    """The rows a stage counts as errors: misses (``fn``), false alarms (``fp``), and for
    person counts the pieces where a person is counted ``over`` or ``under`` the hand count.

    For passages, a prediction judged ``stock`` phrasing that no annotation lists is not an
    error: the tool itself calls it no evidence of reuse, and precision leaves it out.
    """
    wrong = matches["outcome"].isin(["fp", "fn", "over", "under"])
    flag = "stock" if "stock" in matches.columns else "common" if "common" in matches.columns else None
    if flag is not None:
        wrong &= ~((matches["outcome"] == "fp") & matches[flag].astype(bool))
    return matches[wrong].reset_index(drop=True)


def error_view(matches: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The error cases of a stage (:func:`error_cases`) with ``columns``, or a one-row note:
    :data:`NO_ANNOTATIONS` when nothing was scored, :data:`NO_ERRORS` when nothing went wrong."""
    return shown(error_cases(matches), columns, scored=matches)

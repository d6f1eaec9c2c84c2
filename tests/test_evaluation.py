"""Scoring helpers: one-to-one matching, counts and P/R/F1 that trace back to rows."""

from __future__ import annotations

import pandas as pd

from newsprism.evaluation import match_rows, prf, score_by, spans_overlap


def overlap(p, g) -> bool:
    return spans_overlap(p["start"], p["end"], g["start"], g["end"])


def test_match_rows_one_to_one_and_prf():
    gold = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [0, 50, 10], "end": [20, 60, 30], "kind": ["direct", "indirect", "direct"]})
    pred = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "start": [5, 8, 100, 12], "end": [15, 18, 120, 25], "kind": ["direct"] * 4})
    matches = match_rows(pred, gold, overlap)
    assert sorted(matches["outcome"]) == ["fn", "fp", "fp", "tp", "tp"]
    assert prf(matches) == {"tp": 2, "fp": 2, "fn": 1, "precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    by_kind = score_by(matches, pred, gold, "kind").set_index("kind")
    assert by_kind.at["indirect", "recall"] == 0.0 and by_kind.at["direct", "recall"] == 1.0


def test_empty_predictions():
    gold = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [3]})
    pred = pd.DataFrame(columns=["doc_id", "start", "end"])
    assert prf(match_rows(pred, gold, overlap))["recall"] == 0.0


def test_spans_overlap_is_half_open():
    assert spans_overlap(0, 5, 4, 9) and not spans_overlap(0, 5, 5, 9)

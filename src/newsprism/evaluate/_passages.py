"""Shared passages against ``passages_gold.csv``, and the stock judgement (and, for the
record, the former ``common`` flag) against the annotators' reuse / stock judgements."""

from __future__ import annotations

import pandas as pd

from newsprism.stages.clusters import passage_verdicts

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
    "stock",
    "stock_reason",
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


def score_passages(articles: pd.DataFrame, table: pd.DataFrame, verdicts: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shared passages against ``passages_gold.csv``: ``(summary, matches)``.

    A predicted passage matches an annotated one of the same pair of pieces when their spans
    overlap on both sides (one to one; passages not judged stock are tried first).
    ``table`` is the ``passages`` table scored, ``verdicts`` its ``passage_verdicts`` (judged
    here when not given). Measures: recall over all annotated passages (found by any
    passage) and over those judged ``reuse`` (found by a passage not judged stock);
    precision over the passages not judged stock (a stock passage is weak evidence by the
    tool's own account); and whether the stock judgement agrees with the annotated
    judgement on matched passages (:func:`common_flag_agreement` with ``flag="stock"``).
    The same three measures of the former ``common`` flag (a phrase found in 3+ pieces)
    follow, for the record.
    """
    docs = annotated_docs(articles)
    gold = _oriented(read_annotation("passages_gold"))
    gold = gold[gold["doc_a"].isin(docs) & gold["doc_b"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return as_summary([]), empty_matches(PASSAGE_MATCH_COLUMNS)
    verdicts = passage_verdicts(table) if verdicts is None else verdicts
    judged = dict(zip(verdicts["passage_id"], zip(verdicts["stock"].astype(bool), verdicts["reason"])))
    predicted = _oriented(table)
    predicted = predicted[predicted["doc_a"].isin(docs) & predicted["doc_b"].isin(docs)].copy()
    predicted["stock"] = [judged.get(pid, (False, ""))[0] for pid in predicted["passage_id"]]
    predicted["stock_reason"] = [judged.get(pid, (False, ""))[1] for pid in predicted["passage_id"]]
    predicted = predicted.sort_values(["stock", "common"], kind="stable").reset_index(drop=True)  # evidence first
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
                "stock": bool(p["stock"]) if p is not None else False,
                "stock_reason": p["stock_reason"] if p is not None else "",
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
    stage = "passages"
    summary = [rate(stage, "recall", "all annotated", found, len(gold), "annotated passages found by any predicted passage")]
    for flag, subset, word in (("stock", "not stock", "judged stock"), ("common", "not flagged common", "flagged common")):
        weak = matches[flag].astype(bool)
        put_forward = matches["outcome"].isin(["tp", "fp"]) & ~weak
        reuse_subset = "judged reuse, not stock" if flag == "stock" else "judged reuse"
        record = "" if flag == "stock" else " (the former common flag, for the record)"
        agree = int(common_flag_agreement(matches, flag)["agree"].sum())
        summary += [
            rate(stage, "recall", reuse_subset, int((tp & reuse & ~weak).sum()), int(reuse.sum()), f"passages judged reuse found by a passage not {word}{record}"),
            rate(stage, "precision", subset, int((put_forward & tp).sum()), int(put_forward.sum()), f"predicted passages not {word} that match an annotated passage{record}"),
            rate(stage, "agreement", f"{flag} = stock", agree, found, f"matched passages whose {flag} flag agrees with the annotated stock judgement{record}"),
        ]
    return as_summary(summary), matches


def common_flag_agreement(matches: pd.DataFrame, flag: str = "common") -> pd.DataFrame:
    """Matched passages by annotated judgement (reuse, stock) and the tool's ``flag``
    (``"common"``, the former flag, or ``"stock"``, the stock judgement)."""
    tp = matches[matches["outcome"] == "tp"]
    rows = []
    for judgement in ("reuse", "stock") if len(matches) else ():
        for value in (False, True):
            n = int(((tp["judgement"] == judgement) & (tp[flag].astype(bool) == value)).sum())
            rows.append({"judgement": judgement, flag: value, "passages": n, "agree": n if value == (judgement == "stock") else 0})
    return pd.DataFrame(rows, columns=["judgement", flag, "passages", "agree"])


def common_flag_errors(matches: pd.DataFrame, flag: str = "common") -> pd.DataFrame:
    """Matched passages whose ``flag`` disagrees with the judgement (stock not flagged, reuse flagged)."""
    if matches.empty:
        return matches
    tp = matches[matches["outcome"] == "tp"]
    return tp[tp[flag].astype(bool) != (tp["judgement"] == "stock")].reset_index(drop=True)

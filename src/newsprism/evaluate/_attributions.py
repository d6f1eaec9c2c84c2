"""The ``attributions`` table against ``attributions_gold.csv``."""

from __future__ import annotations

import pandas as pd

from newsprism.resources.aliases import name_key

from ._coverage import annotated_docs, read_annotation
from ._match import as_summary, empty_matches, match_rows, prf, prf_rows, rate, raws, spans_overlap

__all__ = ["AGREEMENT_COLUMNS", "ATTRIBUTION_MATCH_COLUMNS", "attribution_agreement", "attribution_disagreements", "score_attributions"]

ATTRIBUTION_MATCH_COLUMNS = [
    "outcome",
    "doc_id",
    "start",
    "end",
    "text",
    "source",
    "quote_type",
    "source_kind",
    "channel",
    "construction",
    "cue",
    "borderline",
    "predicted_source",
    "predicted_quote_type",
    "predicted_source_kind",
    "predicted_channel",
    "predicted_construction",
    "predicted_start",
    "predicted_end",
    "disagreement",
    "notes",
    "gold_index",
    "pred_index",
]
#: Attribution columns compared on matched pairs.
AGREEMENT_COLUMNS = ("quote_type", "source_kind", "channel")


def _same_attribution(p: pd.Series, g: pd.Series) -> bool:
    return spans_overlap(p["start"], p["end"], g["start"], g["end"]) and name_key(p["source"]) == name_key(g["source"])


def _disagreement(p: pd.Series, g: pd.Series) -> str:
    parts = [f"{c}: annotated {g[c] or '(none)'}, predicted {p[c] or '(none)'}" for c in AGREEMENT_COLUMNS if p[c] != g[c]]
    return "; ".join(parts)


def score_attributions(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attributions stage against ``attributions_gold.csv``: ``(summary, matches)``.

    A prediction matches an annotation of the same piece when their content spans overlap
    and their sources agree by :func:`newsprism.resources.aliases.name_key`. Precision counts a
    prediction as right when it matches any annotation (borderline ones included); recall is
    given over all annotations and over the clear ones (``borderline == "no"``), in which
    case predictions matched to a borderline annotation are set aside. ``table`` is the
    ``attributions`` table scored. ``matches`` carries the annotated values on
    ``tp``/``fn`` rows and the predicted ones on ``fp`` rows, the predicted values of a match
    in ``predicted_*``, and ``disagreement`` names the attributes a match gets wrong.
    """
    docs = annotated_docs(articles)
    gold = read_annotation("attributions_gold")
    gold = gold[gold["doc_id"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return as_summary([]), empty_matches(ATTRIBUTION_MATCH_COLUMNS)
    predicted = table[table["doc_id"].isin(docs)].reset_index(drop=True)
    texts = raws(articles)
    rows = []
    for m in match_rows(predicted, gold, _same_attribution).itertuples(index=False):
        g = gold.loc[m.gold_index] if m.gold_index >= 0 else None
        p = predicted.loc[m.pred_index] if m.pred_index >= 0 else None
        shown = g if g is not None else p
        doc_id, start, end = shown["doc_id"], int(shown["start"]), int(shown["end"])
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "text": texts[doc_id][start:end],
                **{c: shown[c] for c in ("source", "quote_type", "source_kind", "channel", "construction", "cue")},
                "borderline": g["borderline"] if g is not None else "",
                **{f"predicted_{c}": p[c] if p is not None else "" for c in ("source", "quote_type", "source_kind", "channel", "construction")},
                "predicted_start": int(p["start"]) if p is not None else -1,
                "predicted_end": int(p["end"]) if p is not None else -1,
                "disagreement": _disagreement(p, g) if g is not None and p is not None else "",
                "notes": g["notes"] if g is not None else "",
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=ATTRIBUTION_MATCH_COLUMNS)
    counts = prf(matches)
    clear = matches[matches["borderline"] != "yes"]
    clear_counts = prf(clear)
    stage = "attributions"
    summary = prf_rows(stage, "all annotated", counts["tp"], counts["fp"], counts["fn"], "all annotations, borderline included")
    summary.append(
        rate(
            stage,
            "recall",
            "clear annotated",
            clear_counts["tp"],
            clear_counts["tp"] + clear_counts["fn"],
            "annotations not marked borderline: matched / annotated",
        )
    )
    return as_summary(summary), matches


def attribution_agreement(matches: pd.DataFrame) -> pd.DataFrame:
    """On matched attributions: how often quote_type, source_kind and channel agree with the annotation."""
    tp = matches[matches["outcome"] == "tp"]
    rows = []
    for column in AGREEMENT_COLUMNS if len(matches) else ():
        agree = int((tp[column] == tp[f"predicted_{column}"]).sum())
        rows.append({"attribute": column, "agree": agree, "matched": len(tp), "share": round(agree / len(tp), 4) if len(tp) else 0.0})
    return pd.DataFrame(rows, columns=["attribute", "agree", "matched", "share"])


def attribution_disagreements(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched attributions whose quote_type, source_kind or channel differs from the annotation."""
    return matches[matches["disagreement"] != ""].reset_index(drop=True)

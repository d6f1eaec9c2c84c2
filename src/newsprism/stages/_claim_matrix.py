"""The claims table laid out as claims x pieces (the matrix of page 03)."""

from __future__ import annotations

import pandas as pd

__all__ = ["MATRIX_COLUMNS", "claims_matrix"]

MATRIX_COLUMNS = ["claim_id", "claim_terms", "doc_id", "carried", "similarity", "start", "sentence", "wording"]


def claims_matrix(claims: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Claims x pieces in long form, one row for every claim and piece: claim_id, claim_terms,
    doc_id, carried, similarity (best in the piece), start and sentence (the piece's sentence
    that matched best), wording (all the piece's sentences in the claim, joined).
    An empty claims table (no claim, or no column at all) gives an empty matrix."""
    if claims.empty:
        types = {"claim_id": "int64", "carried": "bool", "similarity": "float64", "start": "int64"}
        return pd.DataFrame({c: pd.Series(dtype=types.get(c, "object")) for c in MATRIX_COLUMNS})
    doc_ids = sorted(set(claims["doc_id"])) if doc_ids is None else list(doc_ids)
    rows = []
    for claim_id, group in claims.groupby("claim_id", sort=True):
        for doc_id in doc_ids:
            mine = group[group["doc_id"] == doc_id].sort_values("start")
            best = mine.sort_values(["similarity", "start"], ascending=[False, True], kind="stable").head(1)
            rows.append(
                {
                    "claim_id": int(claim_id),
                    "claim_terms": group["claim_terms"].iloc[0],
                    "doc_id": doc_id,
                    "carried": bool(len(mine)),
                    "similarity": round(float(best["similarity"].iloc[0]), 4) if len(best) else 0.0,
                    "start": int(best["start"].iloc[0]) if len(best) else -1,
                    "sentence": str(best["sentence"].iloc[0]) if len(best) else "",
                    "wording": " ".join(mine["sentence"]),
                }
            )
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)

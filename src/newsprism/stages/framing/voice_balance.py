"""Voice balance: whose voices a piece carries, as shares of its attributions.

Turns the ``attributions`` table into shares of each piece's attributions by the side
the source speaks for and by kind of source: whose voices a piece carries is a framing
choice next to its words.
"""

from __future__ import annotations

import pandas as pd

from newsprism.errors import NewsprismError

__all__ = ["VOICE_BALANCE_COLUMNS", "voice_balance", "voice_matrix"]

VOICE_BALANCE_COLUMNS = ["doc_id", "dimension", "value", "attributions", "share"]


def voice_balance(attributions: pd.DataFrame) -> pd.DataFrame:
    """Share of a piece's attributions by ``side`` and by ``source_kind``.

    Takes the ``attributions`` table (doc_id, source_kind and side at least; an empty or
    missing side counts as "unknown") and returns one row per piece, dimension ("side" or
    "source_kind") and value: the number of attributions and their share of the piece's
    attributions. Pieces without attributions have no rows.
    """
    missing = [c for c in ("doc_id", "source_kind") if c not in attributions.columns]
    if missing:
        raise NewsprismError(f"attributions table lacks column(s) {', '.join(missing)}")
    table = attributions.copy()
    if "side" not in table.columns:
        table["side"] = ""
    rows = []
    for dimension in ("side", "source_kind"):
        values = table[dimension].fillna("").astype(str).str.strip().replace("", "unknown")
        counts = pd.DataFrame({"doc_id": table["doc_id"], "value": values}).groupby(["doc_id", "value"]).size()
        totals = counts.groupby(level="doc_id").sum()
        for (doc_id, value), n in counts.items():
            rows.append(
                {
                    "doc_id": doc_id,
                    "dimension": dimension,
                    "value": value,
                    "attributions": int(n),
                    "share": round(n / totals[doc_id], 4),
                }
            )
    out = pd.DataFrame(rows, columns=VOICE_BALANCE_COLUMNS)
    out = out.astype({"attributions": "int64", "share": "float64"})
    return out.sort_values(["doc_id", "dimension", "value"], kind="stable").reset_index(drop=True)


def voice_matrix(voices: pd.DataFrame, dimension: str = "side", value: str = "share") -> pd.DataFrame:
    """Pieces (rows) by values of ``dimension`` (columns, sorted) from :func:`voice_balance`, zero-filled."""
    table = voices[voices["dimension"] == dimension]
    wide = table.pivot(index="doc_id", columns="value", values=value).fillna(0)
    wide = wide.reindex(columns=sorted(wide.columns)).sort_index()
    wide.columns.name = None
    return wide

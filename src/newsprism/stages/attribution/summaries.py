"""Summaries of the ``attributions`` table: counts and sourcing shares per piece, and the
reporting-verb lexicon the rules use."""

from __future__ import annotations

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.resources.files import read_data_csv

from ._lexicon import VERBS_FILE
from .table import QUOTE_TYPES

__all__ = ["SOURCE_ORDER", "attribution_counts", "reporting_verbs", "sourcing_shares"]

#: Column order of :func:`attribution_counts` for the columns with a natural order.
SOURCE_ORDER = {
    "source_kind": ("person", "organization", "media", "anonymous"),
    "side": ("Russian", "North Korean", "South Korean", "Ukrainian", "other", "unknown"),
    "quote_type": QUOTE_TYPES,
}


def attribution_counts(table: pd.DataFrame, by: str, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Attributions per piece (rows) and value of ``by`` (columns: source_kind, side,
    quote_type, construction, ...), zero-filled, pieces in ``doc_ids`` order."""
    if by not in table.columns:
        raise NewsprismError(f"attribution_counts: no column '{by}' in the attributions table")
    doc_ids = doc_ids if doc_ids is not None else sorted(table["doc_id"].unique())
    counts = table.groupby(["doc_id", by]).size().unstack(fill_value=0)
    present = list(counts.columns) or list(SOURCE_ORDER.get(by, ()))  # no attributions: zero columns of every kind
    order = [v for v in (*SOURCE_ORDER.get(by, ()), *sorted(present)) if v in present]
    counts = counts.reindex(index=doc_ids, columns=list(dict.fromkeys(order)), fill_value=0)
    counts.columns.name = None
    counts.index.name = "doc_id"
    return counts.astype("int64").reset_index()


def sourcing_shares(table: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Per piece: number of attributions and the shares that are direct, mixed, indirect,
    according_to, named (person, organization or media) and anonymous (4 decimals)."""
    doc_ids = doc_ids if doc_ids is not None else sorted(table["doc_id"].unique())
    rows = []
    for doc_id in doc_ids:
        part = table[table["doc_id"] == doc_id]
        n = len(part)
        row = {"doc_id": doc_id, "attributions": n}
        for qt in QUOTE_TYPES:
            row[f"share_{qt}"] = round(float((part["quote_type"] == qt).sum()) / n, 4) if n else 0.0
        row["share_named"] = round(float((part["source_kind"] != "anonymous").sum()) / n, 4) if n else 0.0
        row["share_anonymous"] = round(float((part["source_kind"] == "anonymous").sum()) / n, 4) if n else 0.0
        rows.append(row)
    return pd.DataFrame(rows)


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon (lemma, kind, clause, object, to_clause, sources, note)."""
    return read_data_csv(VERBS_FILE)

"""How an HTML view names a piece: by its display label (``articles.label``), the doc_id
kept in the heading's title for the reader who hovers it."""

from __future__ import annotations

import html

import pandas as pd


def piece_name(articles: pd.DataFrame, doc_id: str) -> str:
    """The display label of ``doc_id`` (its ``label`` column), else the doc_id itself."""
    if "label" not in articles.columns:
        return doc_id
    match = articles.loc[articles["doc_id"] == doc_id, "label"]
    return str(match.iloc[0]) if len(match) and isinstance(match.iloc[0], str) and match.iloc[0] else doc_id


def piece_heading(articles: pd.DataFrame, doc_id: str, tag: str = "h4") -> str:
    """``<h4 title="DOC_ID">LABEL</h4>``, escaped."""
    return f'<{tag} title="{html.escape(doc_id, quote=True)}">{html.escape(piece_name(articles, doc_id))}</{tag}>'

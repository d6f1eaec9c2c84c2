"""The analysed body of each article, as the pairwise stages (similarity, passages, claims) see it.

Pairwise stages compare *distinct* articles only: a file whose bytes repeat an earlier
file (``duplicate_of`` non-empty) is left out, so a copy never counts as reuse. The body
view is the article text with every line outside the body sections blanked to spaces,
so it has the raw text's length and any offset found in it is a raw offset.
"""

from __future__ import annotations

import pandas as pd

from .read import check_articles, masked_view, unique_articles
from .segment import BODY_SECTIONS

__all__ = ["body_views", "distinct_articles"]


def distinct_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles without byte-identical copies (rows whose ``duplicate_of`` is non-empty)."""
    check_articles(articles, "pairwise stages")
    return unique_articles(articles).sort_values("doc_id", kind="stable").reset_index(drop=True)


def body_views(articles: pd.DataFrame) -> dict[str, str]:
    """``{doc_id: body view}`` for the distinct articles, in doc_id order (same length as raw)."""
    table = distinct_articles(articles)
    return {
        doc_id: masked_view(text, segments, BODY_SECTIONS)
        for doc_id, text, segments in zip(table["doc_id"], table["text"], table["segments"])
    }

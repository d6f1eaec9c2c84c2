"""The table commands of INTERFACE.md: one builder per table, shared by the CLI and the API.

Each builder takes the articles DataFrame from :func:`newsprism.corpus.load_corpus` and
returns the table; stages add their builder here, so the CLI, the notebooks and the API
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .corpus import corpus_table

__all__ = ["TABLES", "build_table"]

TableBuilder = Callable[[pd.DataFrame], pd.DataFrame]

#: command name -> (builder, one-line help)
TABLES: dict[str, tuple[TableBuilder, str]] = {
    "corpus": (corpus_table, "one row per article: doc_id, file, outlet, headline, n_words, encoding, sha256, ..."),
}


def build_table(name: str, articles: pd.DataFrame) -> pd.DataFrame:
    """Build the table ``name`` (a command of INTERFACE.md) for ``articles``."""
    builder, _ = TABLES[name]
    return builder(articles)

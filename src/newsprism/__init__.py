"""newsprism: how news pieces about one story relate, with evidence you can click through.

The public API returns the tables of INTERFACE.md as pandas DataFrames::

    from newsprism import load_corpus, build_table
    articles = load_corpus("data/raw")
    build_table("corpus", articles)
"""

from __future__ import annotations

__version__ = "0.1.0"

from newsprism.corpus.read import corpus_table, load_corpus, paragraphs, read_corpus, segments_table, sentences
from newsprism.errors import NewsprismError
from newsprism.stages.registry import TABLES, build_table

__all__ = [
    "TABLES",
    "NewsprismError",
    "__version__",
    "build_table",
    "corpus_table",
    "load_corpus",
    "paragraphs",
    "read_corpus",
    "segments_table",
    "sentences",
]

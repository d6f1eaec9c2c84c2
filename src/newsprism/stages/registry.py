"""The table commands of INTERFACE.md: one builder per table, shared by the CLI and the API.

Each builder takes the articles DataFrame from :func:`newsprism.corpus.read.load_corpus` and
returns the table. Builders are named as ``module:function`` and imported on first use,
so ``newsprism corpus`` does not pay for spaCy or scikit-learn.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

import pandas as pd

__all__ = ["TABLES", "build_table", "table_builder"]

#: command name -> ("module:function" under newsprism, one-line help)
TABLES: dict[str, tuple[str, str]] = {
    "corpus": ("corpus.read:corpus_table", "one row per article: doc_id, file, outlet, headline, n_words, encoding, sha256, ..."),
    "similarity": ("stages.similarity:similarity_table", "one row per unordered pair of articles: doc_a, doc_b, cosine_words, cosine_chars (TF-IDF on the cleaned body)"),
    "passages": ("stages.passages:passages_table", "one row per passage shared by two articles: doc_a, doc_b, a_start, a_end, b_start, b_end, text_a, text_b, n_tokens, kind, common, ..."),
    "claims": ("stages.claims:claims_table", "one row per sentence in a claim shared by 2+ articles: claim_id, doc_id, start, end, sentence, similarity, ..."),
    "entities": ("stages.entities.mentions:entities_table", "one row per canonical entity in an article: doc_id, entity, label, mentions, variants, side, first_start, roles, ..."),
    "variants": ("stages.entities.mentions:variants_table", "one row per surface form of a canonical entity: entity, variant, doc_ids, label, merged_by, is_spelling_variant, ..."),
    "attributions": ("stages.attribution.rules:attributions_table", "one row per attribution (who is quoted or cited): doc_id, source, source_kind, cue, quote_type, channel, content, start, end, side, construction, ..."),
    "frames": ("stages.framing.frames:frames_table", "one row per article and frame: doc_id, frame, hits, per_1000_words (of the cleaned body), n_words, terms"),
    "evidence": ("stages.framing.frames:evidence_table", "one row per lexicon hit behind a frame score: doc_id, frame, term, start, end, sentence, text, ..."),
}


def table_builder(name: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The function that builds table ``name`` (imported on first use)."""
    module, function = TABLES[name][0].split(":")
    return getattr(import_module(f"newsprism.{module}"), function)


def build_table(name: str, articles: pd.DataFrame) -> pd.DataFrame:
    """Build the table ``name`` (a command of INTERFACE.md) for ``articles``."""
    return table_builder(name)(articles)

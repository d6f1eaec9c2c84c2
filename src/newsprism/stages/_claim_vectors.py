"""Step 1 of the claims stage: every candidate claim sentence as terms and two TF-IDF vectors.

:func:`claim_sentences` picks the body sentences of the distinct pieces that have
:data:`MIN_SENTENCE_WORDS` words or more. :func:`sentence_vectors` turns each into its claim
terms (:mod:`._claim_terms`, one partition of articles at a time) and fits two TF-IDF models
over the corpus: *words* (each term and each two-term sequence, sublinear tf; extra terms count
alone) and *characters* (3-5-grams of the folded text followed by its readable terms). The
words behind each term are kept as compact JSON (:class:`Surfaces`) for the evidence a claim
row shows. :mod:`.claims` scores and groups the sentences from there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsprism._partitions import map_articles
from newsprism.corpus.segment import WORD_RE
from newsprism.corpus.sentences import sentences
from newsprism.corpus.views import distinct_articles

from ._claim_terms import split_terms
from ._tfidf import char_matrix
from .similarity import _fit

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MIN_SENTENCE_WORDS", "SentenceVectors", "Surfaces", "claim_sentences", "sentence_vectors"]

#: Sentences shorter than this many words are not claims (datelines, fragments).
MIN_SENTENCE_WORDS = 5


@dataclass(frozen=True)
class SentenceVectors:
    """The claim candidates (one row per sentence) and their L2-normalised TF-IDF rows."""

    sentences: pd.DataFrame
    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    word_terms: np.ndarray
    surfaces: Sequence[dict[str, list[str]]] = ()  # per sentence: term -> the words behind it (:class:`Surfaces`)

    @cached_property
    def doc_ids(self) -> np.ndarray:
        """The piece of each sentence row (read once: per-claim lookups use it)."""
        return self.sentences["doc_id"].to_numpy()


def claim_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    table = sentences(distinct_articles(articles), sections=frozenset({"body"}))
    long_enough = np.array([len(WORD_RE.findall(t)) >= MIN_SENTENCE_WORDS for t in table["view"]], dtype=bool)
    table = table.loc[long_enough]  # a boolean array, so an empty table still selects rows
    return table.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _features(terms: str) -> list[str]:
    """Word features of a ``terms`` string: each term, each two-term sequence of the
    sentence's term sequence, and the extra terms (after ``EXTRA_MARK``) alone."""
    sequence, extras = split_terms(terms)
    return sequence + [f"{x} {y}" for x, y in pairwise(sequence)] + extras


def sentence_vectors(articles: pd.DataFrame, docs: Mapping[str, Doc]) -> SentenceVectors:
    """Word-and-entity and character TF-IDF rows of every candidate claim sentence."""
    table = claim_sentences(articles)
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in zip(table["doc_id"], table["start"].tolist(), table["end"].tolist()):
        spans.setdefault(doc_id, []).append((start, end))
    kept: dict[str, list[tuple[str, str, str]]] = {}  # per piece and sentence: terms, readable terms, surfaces
    for part in map_articles("stages._claim_terms:spans_terms", articles, docs, spans):  # a partition's term objects go once packed
        kept.update({doc_id: [(t.text(), t.readable(), _packed(t.surfaces)) for t in found] for doc_id, found in part.items()})
    rows = [row for doc_id in spans for row in kept.pop(doc_id)]  # rows are sorted by doc_id, start
    table["terms"] = [terms for terms, _, _ in rows]
    words_model = TfidfVectorizer(analyzer=_features, lowercase=False, sublinear_tf=True, dtype=np.float64)
    words = _fit(words_model, list(table["terms"]))
    vocabulary = words_model.get_feature_names_out() if words.shape[1] else np.array([], dtype=object)
    texts = [f"{view} {readable}" for view, (_, readable, _) in zip(table["view"], rows)]
    chars = char_matrix(texts, [[(0, len(t))] for t in texts])  # char_vectorizer()'s TF-IDF, by array operations
    return SentenceVectors(table, words, chars, vocabulary, Surfaces(tuple(packed for _, _, packed in rows)))


def _packed(surfaces: dict[str, list[str]]) -> str:
    return json.dumps(surfaces, ensure_ascii=False, separators=(",", ":"))


class Surfaces(Sequence):
    """Per sentence, term -> the words behind it, kept as compact JSON and read on demand
    (a dict per candidate sentence of a large corpus would hold gigabytes)."""

    def __init__(self, packed: tuple[str, ...]) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [json.loads(x) for x in self._packed[k]]
        return json.loads(self._packed[k])

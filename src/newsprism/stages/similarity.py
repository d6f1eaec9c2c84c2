"""TF-IDF similarity of whole pieces: word and character cosines, distinguishing terms, a tree.

Each piece is represented by its analysed body only (no chrome, no repeated headline, no
references list), normalised for matching (case, curly quotes, dashes, white space):

- words: 1-2-grams, English stop words removed, sublinear term frequency;
- characters: 3-5-grams inside word boundaries (``char_wb``), sublinear term frequency.

Cosines come from sparse matrix products. Up to :data:`ALL_PAIRS_MAX_DOCS` distinct pieces
the ``similarity`` table keeps every unordered pair. Above that (n² pairs would swamp the
table) it keeps, for each piece, its :data:`TOP_K` nearest neighbours whose word cosine
reaches :data:`LARGE_CORPUS_WORD_FLOOR` (a pair is listed once, when either piece has the
other among its nearest), and says so on stderr. Neighbours are looked for among the
:data:`CANDIDATES` pieces sharing the most weight of *specific* terms (found in at most
:data:`NEIGHBOUR_MAX_POSTINGS` pieces; ``sparse_dot_topn``), then ranked by their exact
cosine; the character cosines are computed for the listed pairs only. For a large corpus
the TF-IDF rows come from :mod:`newsprism.stages._tfidf` (the same weighting in numpy, with
hashed features: scikit-learn's analysers make one Python string per word and n-gram).
Character cosines are high even between unrelated English texts, so the floor is applied
to the word cosine only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsprism.config import default_jobs
from newsprism.corpus.views import body_views, distinct_articles, english_only
from newsprism.text.normalize import normalized

from ._blocking import distinct
from ._dots import pair_dots
from ._tfidf import column_counts, count_matrices, weighted
from ._threads import threaded_map
from ._tokens import body_spans

__all__ = [
    "ALL_PAIRS_MAX_DOCS",
    "CANDIDATES",
    "LARGE_CORPUS_WORD_FLOOR",
    "NEIGHBOUR_MAX_POSTINGS",
    "SIMILARITY_COLUMNS",
    "TOP_K",
    "BodyVectors",
    "body_vectors",
    "char_vectorizer",
    "distinguishing_terms",
    "matching_view",
    "nearest_pairs",
    "similarity_linkage",
    "similarity_matrix",
    "similarity_table",
    "word_vectorizer",
]

SIMILARITY_COLUMNS = ["doc_a", "doc_b", "cosine_words", "cosine_chars"]
#: Up to this many distinct pieces, every pair is kept in the similarity table.
ALL_PAIRS_MAX_DOCS = 500
#: Above ALL_PAIRS_MAX_DOCS, only pairs with at least this word cosine are kept.
LARGE_CORPUS_WORD_FLOOR = 0.1
#: Above ALL_PAIRS_MAX_DOCS, each piece keeps this many nearest neighbours.
TOP_K = 10
#: Neighbours are looked for among this many candidates per piece ...
CANDIDATES = 2 * TOP_K
#: ... that share terms found in at most this many pieces.
NEIGHBOUR_MAX_POSTINGS = 50
log = logging.getLogger("newsprism")


def matching_view(text: str) -> str:
    """Text folded for matching: lower case, straight quotes, plain dashes, single spaces."""
    return normalized(text)


def word_vectorizer(**overrides) -> TfidfVectorizer:
    """Word 1-2-gram TF-IDF, English stop words removed, sublinear tf, on the matching view."""
    params = {
        "preprocessor": matching_view,
        "ngram_range": (1, 2),
        "stop_words": "english",
        "sublinear_tf": True,
        "token_pattern": r"(?u)\b\w\w+\b",
        "dtype": np.float64,
    }
    params.update(overrides)
    return TfidfVectorizer(**params)


def char_vectorizer(**overrides) -> TfidfVectorizer:
    """Character 3-5-gram TF-IDF inside word boundaries, sublinear tf, on the matching view."""
    params = {"preprocessor": matching_view, "analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True, "dtype": np.float64}
    params.update(overrides)
    return TfidfVectorizer(**params)


@dataclass(frozen=True)
class BodyVectors:
    """L2-normalised TF-IDF rows of the distinct pieces (one row per ``doc_ids`` entry)."""

    doc_ids: list[str]
    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    word_terms: np.ndarray


def body_vectors(articles: pd.DataFrame) -> BodyVectors:
    """Fit both TF-IDF models on the bodies of the distinct articles."""
    views = body_views(articles)
    texts = list(views.values())
    words_model = word_vectorizer()
    words = _fit(words_model, texts)
    chars = _fit(char_vectorizer(), texts)
    terms = words_model.get_feature_names_out() if words.shape[1] else np.array([], dtype=object)
    return BodyVectors(list(views), words, chars, terms)


def _fit(model: TfidfVectorizer, texts: list[str]) -> sparse.csr_matrix:
    """Fit-transform, or an empty matrix when the texts hold no usable term."""
    try:
        return sparse.csr_matrix(model.fit_transform(texts))
    except ValueError:  # empty vocabulary (only stop words or no words at all)
        return sparse.csr_matrix((len(texts), 0))


def _all_pairs(vectors: BodyVectors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i < j) and its word cosine."""
    n = len(vectors.doc_ids)
    sims = (vectors.words @ vectors.words.T).toarray()
    i, j = np.triu_indices(n, k=1)
    return i.astype(np.int64), j.astype(np.int64), sims[i, j]


def nearest_pairs(words: sparse.csr_matrix, k: int = TOP_K, floor: float = LARGE_CORPUS_WORD_FLOOR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j, sorted) where either piece is among the other's ``k`` nearest with word
    cosine >= ``floor`` (ties broken by piece order), and their cosines (see the module docstring)."""
    from sparse_dot_topn import sp_matmul_topn

    n = words.shape[0]
    if n < 2 or not words.nnz:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    df = column_counts(words)
    specific = words.copy()
    specific.data = np.where(df[specific.indices] <= NEIGHBOUR_MAX_POSTINGS, specific.data, 0.0)
    specific.eliminate_zeros()
    near = sp_matmul_topn(specific, specific.T.tocsr(), top_n=CANDIDATES + 1, n_threads=default_jobs()).tocoo()
    a, b = near.row.astype(np.int64), near.col.astype(np.int64)
    pairs = distinct(np.minimum(a, b)[a != b] * n + np.maximum(a, b)[a != b])
    i, j = pairs // n, pairs % n
    cosine = pair_dots(words, i, j)
    keep = cosine >= floor
    i, j, cosine = i[keep], j[keep], cosine[keep]
    own, other = np.concatenate([i, j]), np.concatenate([j, i])  # each pair seen from both pieces
    both = np.concatenate([cosine, cosine])
    order = np.lexsort((other, -both, own))  # each piece's partners, highest cosine first
    rank = np.arange(len(order)) - np.searchsorted(own[order], own[order], side="left")
    chosen = np.zeros(len(i), dtype=bool)
    chosen[order[rank < k] % max(len(i), 1)] = True
    return i[chosen], j[chosen], cosine[chosen]


def _nearest_table(articles: pd.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    table = distinct_articles(articles)
    texts = list(table["text"])
    spans = [body_spans(segments) for segments in table["segments"]]
    word_counts, char_counts = count_matrices(texts, spans)
    word_rows = weighted(word_counts)
    del word_counts  # the counts are not needed once weighted
    # the nearest pairs and the character document frequencies at once (two threads)
    (i, j, words), df = threaded_map(lambda task: task(), [lambda: nearest_pairs(word_rows), char_counts.document_frequency])
    chars = pair_dots(char_counts.weighted(np.union1d(i, j), df=df), i, j)
    return list(table["doc_id"]), i, j, words, chars


@english_only
def similarity_table(articles: pd.DataFrame, *, all_pairs: bool | None = None) -> pd.DataFrame:
    """The ``similarity`` table: doc_a < doc_b, cosine_words, cosine_chars (4 decimals).

    ``all_pairs`` defaults to ``True`` up to :data:`ALL_PAIRS_MAX_DOCS` distinct pieces;
    when ``False`` only each piece's :data:`TOP_K` nearest neighbours with word cosine at
    least :data:`LARGE_CORPUS_WORD_FLOOR` are listed (see the module docstring).
    """
    n = len(distinct_articles(articles))
    if all_pairs is None:
        all_pairs = n <= ALL_PAIRS_MAX_DOCS
    if all_pairs:
        vectors = body_vectors(articles)
        i, j, words = _all_pairs(vectors)
        chars = pair_dots(vectors.chars, i, j)
        ids = np.asarray(vectors.doc_ids, dtype=object)
    else:
        if n > ALL_PAIRS_MAX_DOCS:
            log.info("similarity: %d pieces: listing each piece's %d nearest neighbours with word cosine >= %s, not all %d pairs", n, TOP_K, LARGE_CORPUS_WORD_FLOOR, n * (n - 1) // 2)
        doc_ids, i, j, words, chars = _nearest_table(articles)
        ids = np.asarray(doc_ids, dtype=object)
    table = pd.DataFrame(
        {
            "doc_a": ids[i],
            "doc_b": ids[j],
            "cosine_words": np.round(words.astype(float), 4),
            "cosine_chars": np.round(chars.astype(float), 4),
        },
        columns=SIMILARITY_COLUMNS,
    )
    return table.sort_values(["doc_a", "doc_b"], kind="stable").reset_index(drop=True)


def similarity_matrix(table: pd.DataFrame, column: str = "cosine_words", docs: list[str] | None = None) -> pd.DataFrame:
    """Square doc x doc matrix of one cosine column (1.0 on the diagonal, 0.0 for pairs not listed).

    Pass ``docs`` (e.g. the corpus doc_ids) to keep pieces that appear in no listed pair."""
    docs = sorted(set(docs) if docs is not None else set(table["doc_a"]) | set(table["doc_b"]))
    matrix = pd.DataFrame(np.eye(len(docs)), index=docs, columns=docs)
    for a, b, value in zip(table["doc_a"], table["doc_b"], table[column]):
        matrix.loc[a, b] = matrix.loc[b, a] = float(value)
    matrix.index.name = "doc_id"
    return matrix


def similarity_linkage(
    table: pd.DataFrame, column: str = "cosine_words", docs: list[str] | None = None
) -> tuple[np.ndarray, list[str]]:
    """Average-linkage tree of the pieces on distance ``1 - cosine`` (scipy linkage matrix, labels);
    an empty ``(0, 4)`` matrix when there are fewer than two pieces."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    matrix = similarity_matrix(table, column, docs)
    if len(matrix) < 2:
        return np.empty((0, 4)), list(matrix.index)
    distance = np.clip(1.0 - matrix.to_numpy(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(distance, checks=False), method="average"), list(matrix.index)


@english_only
def distinguishing_terms(articles: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The word terms that most set each piece apart: its TF-IDF weight minus the mean weight
    of the same term in the other pieces, highest first (ties by term).

    Columns: doc_id, rank, term, weight, others_mean, score, n_docs (pieces using the term).
    """
    columns = ["doc_id", "rank", "term", "weight", "others_mean", "score", "n_docs"]
    vectors = body_vectors(articles)
    words = vectors.words.tocsr()
    n_pieces = words.shape[0]
    if n_pieces == 0 or words.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    totals = np.asarray(words.sum(axis=0)).ravel()
    n_docs = np.diff(words.tocsc().indptr)
    rows = []
    for d, doc_id in enumerate(vectors.doc_ids):
        cols = words.indices[words.indptr[d] : words.indptr[d + 1]]
        vals = words.data[words.indptr[d] : words.indptr[d + 1]]
        others = (totals[cols] - vals) / max(n_pieces - 1, 1)
        score = vals - others
        keep = np.flatnonzero((vals > 0) & (score > 0))
        order = sorted(keep, key=lambda k: (-round(float(score[k]), 12), vectors.word_terms[cols[k]]))[:n]
        for rank, k in enumerate(order, start=1):
            rows.append(
                {
                    "doc_id": doc_id,
                    "rank": rank,
                    "term": str(vectors.word_terms[cols[k]]),
                    "weight": round(float(vals[k]), 4),
                    "others_mean": round(float(others[k]), 4),
                    "score": round(float(score[k]), 4),
                    "n_docs": int(n_docs[cols[k]]),
                }
            )
    return pd.DataFrame(rows, columns=columns)

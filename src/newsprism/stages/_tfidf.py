"""TF-IDF of the similarity stage for a large corpus, in numpy, with hashed features.

The same weighting as scikit-learn's ``TfidfVectorizer`` set up by
:func:`newsprism.stages.similarity.word_vectorizer` and ``char_vectorizer`` (sublinear
term frequency ``1 + ln tf``, smooth idf ``ln((1 + n) / (1 + df)) + 1``, rows L2
normalised), computed without one Python object per word:

- the matching view (:func:`newsprism.text.normalize.normalize_text`: soft hyphens and
  zero-width characters dropped, quotes, dashes and spaces folded, runs of white space
  made one space, one-character lower case) is a per-character table over code points;
- words are runs of two or more word characters (``(?u)\\b\\w\\w+\\b``), English stop
  words removed, then unigrams and bigrams of the remaining words;
- characters: for each white-space separated word padded with one space on each side,
  every 3-, 4- and 5-gram (a padded word no longer than ``n`` gives itself once);

a feature is a 64-bit hash of its characters (two distinct features share one with
probability about ``m² / 2⁶⁵`` for ``m`` features). Columns are features in hash order, so
cosines equal scikit-learn's up to the order of floating-point sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.text.normalize import CHAR_FOLDS, DROPPED

from ._blocking import distinct_index, hash_groups
from ._threads import blockwise, threaded_map
from ._tokens import HashSet, WindowHasher, hash_keys, mix64

__all__ = ["CharCounts", "char_matrix", "column_counts", "count_matrices", "smooth_idf", "weighted", "word_matrix"]

_BMP = 0x10000
#: Characters normalised at once.
CHUNK_CHARS = 2_000_000
_SPACE = 32


class _Tables:
    def __init__(self) -> None:
        chars = [chr(c) if not 0xD800 <= c < 0xE000 else "\ufffd" for c in range(_BMP)]
        fold = np.arange(_BMP, dtype=np.uint32)
        for raw, folded in CHAR_FOLDS.items():
            fold[ord(raw)] = ord(folded)
        space = np.fromiter((ch.isspace() for ch in chars), dtype=bool, count=_BMP)
        lower = np.fromiter((ord(ch.lower()) if len(ch.lower()) == 1 else ord(ch) for ch in chars), dtype=np.uint32, count=_BMP)
        self.fold = np.where(space[fold], _SPACE, lower[fold]).astype(np.uint32)
        self.drop = np.zeros(_BMP, dtype=bool)
        self.drop[[ord(c) for c in DROPPED]] = True
        self.word = np.fromiter((ch.isalnum() or ch == "_" for ch in chars), dtype=bool, count=_BMP)
        self.stop = HashSet(hash_keys(sorted(ENGLISH_STOP_WORDS)))


_TABLES: _Tables | None = None


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables()
    return _TABLES


def _chunks(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]):
    """``(first text, joined texts, length of each)`` chunk by chunk, for :func:`_fold`.

    Texts are joined with a space, each preceded by one, so every word has a space on both sides."""
    lo, size, parts = 0, 0, []
    for d, ranges in enumerate(spans):
        parts.append(" " + "\n".join(texts[d][s:e] for s, e in ranges))
        size += len(parts[-1])
        if size >= CHUNK_CHARS or d == len(spans) - 1:
            yield lo, "".join(parts) + " ", [len(p) for p in parts]
            lo, size, parts = d + 1, 0, []


def _fold(joined: str, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """``(codes of the matching views, start of each text in codes)`` of one chunk."""
    tables = _tables()
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    at = np.cumsum([0, *lengths[:-1]])
    astral = cp >= _BMP
    bmp = np.where(astral, 0, cp)
    codes = np.where(astral, cp, tables.fold[bmp])
    if astral.any():  # outside the BMP: the same folds, one character at a time
        where = np.flatnonzero(astral)
        codes[where] = [
            _SPACE if chr(c).isspace() else (ord(chr(c).lower()) if len(chr(c).lower()) == 1 else c) for c in cp[where].tolist()
        ]
    kept = ~tables.drop[bmp]
    codes = codes[kept]
    space = codes == _SPACE
    single = ~(space & np.concatenate([[False], space[:-1]]))  # a run of white space -> one space
    at = np.searchsorted(np.flatnonzero(kept), at)  # characters kept before each text's start
    at = np.searchsorted(np.flatnonzero(single), np.minimum(at, len(single) - 1))  # ... and left single
    return codes[single], at


def _is_word(codes: np.ndarray) -> np.ndarray:
    tables = _tables()
    word = tables.word[np.minimum(codes, _BMP - 1)]
    big = np.flatnonzero(codes >= _BMP)
    if len(big):
        word[big] = [chr(c).isalnum() for c in codes[big].tolist()]
    return word


def _counts(features: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(feature, doc)`` with their counts; ``docs`` ascending within equal features."""
    order = hash_groups(features)[0]
    f, d = features[order], docs[order]
    new = np.ones(len(f), dtype=bool)
    new[1:] = (f[1:] != f[:-1]) | (d[1:] != d[:-1])
    first = np.flatnonzero(new)
    return f[first], d[first], np.diff(np.append(first, len(f)))


def _matrix(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_docs: int, dtype: type = np.float64) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The texts x features count matrix of ``(feature, doc, count)`` entries, and its
    columns' features (sorted hashes)."""
    if not parts or not sum(len(p[0]) for p in parts):
        return sparse.csr_matrix((n_docs, 0), dtype=dtype), np.zeros(0, dtype=np.uint64)
    # grouped by feature, and by doc within one (the parts' docs ascend and never overlap):
    # the columns of a CSC matrix, one entry per (feature, doc)
    features = np.concatenate([p[0] for p in parts])
    order, starts, sizes = hash_groups(features)
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    data = np.concatenate([p[2] for p in parts]).astype(dtype)[order]
    rows = np.concatenate([p[1] for p in parts])[order]
    return sparse.csc_matrix((data, rows, indptr), shape=(n_docs, len(starts))).tocsr(), features[order[starts]]


def _word_part(codes: np.ndarray, lo: int, at: np.ndarray, hasher: WindowHasher) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The word 1-2-gram ``(feature, doc, count)`` entries of one chunk."""
    word = _is_word(codes)
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    s, e = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long_enough = e - s >= 2
    s, e = s[long_enough], e[long_enough]
    h = hasher(s, e - s)
    stop = _tables().stop.contains(h)
    h, s = h[~stop], s[~stop]
    doc = lo + np.searchsorted(at, s, side="right") - 1
    uni = mix64(h ^ np.uint64(0x5555555555555555))
    same_doc = doc[1:] == doc[:-1]
    bi = mix64(h[:-1] * np.uint64(0x9E3779B97F4A7C15) + h[1:] ^ np.uint64(0xAAAAAAAAAAAAAAAA))[same_doc]
    return _counts(np.concatenate([uni, bi]), np.concatenate([doc, doc[:-1][same_doc]]))


def _char_part(codes: np.ndarray, lo: int, at: np.ndarray, hasher: WindowHasher, chunk: int):
    """One chunk's padded words ``(word, doc, count)`` and the 3-5-grams of its distinct
    words ``(grams, owner word, distinct words, chunk)``."""
    space = codes == _SPACE
    starts = np.flatnonzero(space[:-1] & ~space[1:])  # the space before each word
    ends = np.flatnonzero(~space[:-1] & space[1:]) + 2  # one past the space after it
    word = hasher(starts, ends - starts)
    words_here, first, _ = distinct_index(word)
    length = ends[first] - starts[first]
    begins, sizes, owners = [], [], []
    for n in (3, 4, 5):
        count = np.where(length >= n, length - n + 1, 0)
        begins.append(
            np.repeat(starts[first], count) + (np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count))
        )
        sizes.append(np.full(len(begins[-1]), n))
        owners.append(np.repeat(words_here, count))
    grams = hasher(np.concatenate(begins), np.concatenate(sizes))
    return _counts(word, lo + np.searchsorted(at, starts + 1, side="right") - 1), (
        grams,
        np.concatenate(owners),
        words_here,
        chunk,
    )


def count_matrices(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], *, words: bool = True, chars: bool = True
) -> tuple[sparse.csr_matrix | None, CharCounts | None]:
    """The word 1-2-gram count matrix and the character 3-5-gram counts (as
    :class:`CharCounts`) of the texts (inside their spans), from one pass over their
    matching views (chunks processed in threads); ``None`` for a kind not asked for."""
    _tables()  # built once, before the threads need it

    def parts(item: tuple[int, tuple[int, str, list[int]]]):
        chunk, (lo, joined, lengths) = item
        codes, at = _fold(joined, lengths)
        hasher = WindowHasher(codes)
        return (_word_part(codes, lo, at, hasher) if words else None), (
            _char_part(codes, lo, at, hasher, chunk) if chars else None
        )

    word_parts, char_words, char_grams = [], [], []
    for word_part, char_part in threaded_map(parts, enumerate(_chunks(texts, spans))):
        if words:
            word_parts.append(word_part)
        if chars:
            char_words.append(char_part[0])
            char_grams.append(char_part[1])
    builds = [
        lambda: _matrix(word_parts, len(spans))[0] if words else None,
        lambda: _char_counts(char_words, char_grams, len(spans)) if chars else None,
    ]
    word_counts, char_counts = threaded_map(lambda build: build(), builds)  # the two matrices at once
    return word_counts, char_counts


def _char_counts(word_parts: list, gram_parts: list, n_docs: int) -> CharCounts:
    """The factors of the texts x n-grams counts (see :class:`CharCounts`)."""
    if not word_parts:
        return CharCounts(sparse.csr_matrix((n_docs, 0), dtype=np.float32), sparse.csr_matrix((0, 0), dtype=np.float32))
    doc_words, words = _matrix(word_parts, n_docs, np.float32)
    # each word's n-grams from the first chunk it occurs in
    seen = np.searchsorted(words, np.concatenate([p[2] for p in gram_parts]))
    seen_in = np.repeat([p[3] for p in gram_parts], [len(p[2]) for p in gram_parts])
    first_chunk = np.zeros(len(words), dtype=np.int64)
    index, at, _ = distinct_index(seen)  # chunks come in order: the first is the earliest
    first_chunk[index] = seen_in[at]
    gram = np.concatenate([p[0] for p in gram_parts])
    row = np.searchsorted(words, np.concatenate([p[1] for p in gram_parts]))
    chunk_of = np.repeat([p[3] for p in gram_parts], [len(p[0]) for p in gram_parts])
    keep = chunk_of == first_chunk[row]
    columns, _, gram_col = distinct_index(gram[keep])
    word_grams = sparse.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (row[keep], gram_col)), shape=(len(words), len(columns))
    )
    return CharCounts(doc_words, word_grams)


@dataclass(frozen=True)
class CharCounts:
    """Texts x n-grams counts as two factors, ``doc_words @ word_grams`` (texts x words
    counts, words x n-grams counts): the n-grams of a text are those of its words, so each
    distinct word is cut once. For some rows only (the pieces of the listed pairs of a large
    corpus) the full product (about 4,000 n-grams per article) is never held: the document
    frequencies come from it block by block, in threads, and only those rows are
    multiplied out."""

    doc_words: sparse.csr_matrix
    word_grams: sparse.csr_matrix

    def document_frequency(self) -> np.ndarray:
        """The number of texts holding each n-gram."""
        n_docs = self.doc_words.shape[0]
        step = max(1, -(-n_docs // 16))
        blocks = threaded_map(lambda lo: column_counts(self.doc_words[lo : lo + step] @ self.word_grams), range(0, n_docs, step))
        return sum(blocks, np.zeros(self.word_grams.shape[1], dtype=np.int64))

    def weighted(self, rows: np.ndarray | None = None, *, df: np.ndarray | None = None) -> sparse.csr_matrix:
        """The TF-IDF rows (all, or only ``rows``, the others left empty; the idf is the
        whole corpus's either way); ``df``: the :meth:`document_frequency`, when already
        computed."""
        n_docs = self.doc_words.shape[0]
        if rows is None:  # block by block: the temporaries of one block at a time, beside the result
            df = self.document_frequency() if df is None else df
            step = max(1, -(-n_docs // 16))
            blocks = threaded_map(lambda lo: weighted((self.doc_words[lo : lo + step] @ self.word_grams).tocsr(), df=df, n_docs=n_docs), range(0, n_docs, step))
            return _stacked(list(blocks), self.word_grams.shape[1]) if n_docs else weighted((self.doc_words @ self.word_grams).tocsr(), df=df)
        rows = _rows(rows, n_docs)
        df = self.document_frequency() if df is None else df
        return weighted(_placed((self.doc_words[rows] @ self.word_grams).tocsr(), rows, n_docs), df=df)


def word_matrix(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> sparse.csr_matrix:
    """Word 1-2-gram TF-IDF rows of the texts (inside their spans)."""
    return weighted(count_matrices(texts, spans, chars=False)[0])


def char_matrix(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF rows of the texts (``char_wb``: n-grams inside padded words)."""
    return count_matrices(texts, spans, words=False)[1].weighted()


def weighted(counts: sparse.csr_matrix, *, df: np.ndarray | None = None, n_docs: int | None = None) -> sparse.csr_matrix:
    """Sublinear tf, smooth idf, L2-normalised rows of a texts x features count matrix
    (float64); ``df``: the document frequencies, when ``counts`` holds only some rows of
    the corpus (the others empty, or ``counts`` a block of ``n_docs`` texts)."""
    n_rows = counts.shape[0]
    n_docs = n_rows if n_docs is None else n_docs
    idf = smooth_idf(column_counts(counts) if df is None else df, n_docs)
    data = np.empty(counts.nnz, dtype=np.float64)
    indptr = counts.indptr

    def rows(lo: int, hi: int) -> None:  # each row's values from its own entries: blocks of rows change no bit
        a, b = int(indptr[lo]), int(indptr[hi])
        values = (1.0 + np.log(counts.data[a:b].astype(np.float64))) * idf[counts.indices[a:b]]
        row = np.repeat(np.arange(hi - lo), np.diff(indptr[lo : hi + 1]))
        norms = np.sqrt(np.bincount(row, weights=values * values, minlength=hi - lo))
        data[a:b] = values / np.where(norms > 0, norms, 1.0)[row]

    blockwise(lambda part: rows(part.start, part.stop), n_rows, block=-(-n_rows // 8))
    out = sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)
    if not counts.has_sorted_indices:
        _sort_rows(out)
    return out


def _sort_rows(matrix: sparse.csr_matrix, blocks: int = 8) -> None:
    """``matrix.sort_indices()`` block of rows by block, in threads (:func:`blockwise`): each
    block is a CSR matrix whose data and indices are views of its share of ``matrix``'s,
    sorted in place."""
    n_rows, indptr = matrix.shape[0], matrix.indptr

    def sort(part: slice) -> None:
        a, b = int(indptr[part.start]), int(indptr[part.stop])
        view = sparse.csr_matrix((part.stop - part.start, matrix.shape[1]), dtype=matrix.dtype)
        view.indptr = (indptr[part.start : part.stop + 1] - a).astype(indptr.dtype)
        view.indices, view.data = matrix.indices[a:b], matrix.data[a:b]  # views: sorted in place
        view.has_sorted_indices = False
        view.sort_indices()

    blockwise(sort, n_rows, block=-(-n_rows // blocks))
    matrix.has_sorted_indices = True


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """scikit-learn's smooth idf: ``ln((1 + n) / (1 + df)) + 1``."""
    return np.log((1.0 + n_docs) / (1.0 + np.asarray(df, dtype=np.float64))) + 1.0


def _stacked(blocks: list[sparse.csr_matrix], n_cols: int) -> sparse.csr_matrix:
    """The rows of ``blocks`` one after another, each block freed once copied."""
    nnz = sum(b.nnz for b in blocks)
    index = np.int32 if max(nnz, n_cols) < np.iinfo(np.int32).max else np.int64  # as scipy would choose: no cast, no copy
    indptr = np.zeros(sum(b.shape[0] for b in blocks) + 1, dtype=index)
    data, indices = np.empty(nnz, dtype=np.float64), np.empty(nnz, dtype=index)
    row = at = 0
    while blocks:
        b = blocks.pop(0)
        data[at : at + b.nnz], indices[at : at + b.nnz] = b.data, b.indices
        indptr[row + 1 : row + 1 + b.shape[0]] = b.indptr[1:] + at
        row, at = row + b.shape[0], at + b.nnz
    out = sparse.csr_matrix((data, indices, indptr), shape=(row, n_cols))
    out.has_sorted_indices = True
    return out


def _rows(rows: np.ndarray, n_docs: int) -> np.ndarray:
    """Row numbers sorted and distinct; a number outside ``0 .. n_docs - 1`` is an error."""
    rows = np.unique(np.asarray(rows, dtype=np.int64))
    if len(rows) and (rows[0] < 0 or rows[-1] >= n_docs):
        raise ValueError(f"rows must lie in 0..{n_docs - 1}")
    return rows


def _placed(picked: sparse.csr_matrix, rows: np.ndarray, n_docs: int) -> sparse.csr_matrix:
    """The rows of ``picked`` put back at ``rows`` (sorted, distinct) of an ``n_docs``-row
    matrix whose other rows are empty."""
    sizes = np.zeros(n_docs, dtype=np.int64)
    sizes[rows] = np.diff(picked.indptr)
    return sparse.csr_matrix((picked.data, picked.indices, np.concatenate([[0], np.cumsum(sizes)])), shape=(n_docs, picked.shape[1]))


def column_counts(matrix: sparse.csr_matrix) -> np.ndarray:
    """The number of stored entries in each column (the document frequency of a count
    matrix); ``np.add.at`` avoids the int64 copy of the indices that ``np.bincount`` makes."""
    counts = np.zeros(matrix.shape[1], dtype=np.int64)
    np.add.at(counts, matrix.indices, 1)
    return counts

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

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.text.normalize import CHAR_FOLDS, DROPPED

from ._blocking import distinct_index, hash_groups
from ._tokens import HashSet, hash_keys, mix64, poly_hashes

__all__ = ["char_matrix", "word_matrix"]

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
    """``(first text, codes of the matching views, start of each text in codes)`` chunk by chunk.

    Texts are joined with a space, each preceded by one, so every word has a space on both sides."""
    tables = _tables()
    lo, size, parts = 0, 0, []
    for d, ranges in enumerate(spans):
        parts.append(" " + "\n".join(texts[d][s:e] for s, e in ranges))
        size += len(parts[-1])
        if size >= CHUNK_CHARS or d == len(spans) - 1:
            joined = "".join(parts) + " "
            cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            at = np.cumsum([0] + [len(p) for p in parts[:-1]])
            astral = cp >= _BMP
            bmp = np.where(astral, 0, cp)
            codes = np.where(astral, cp, tables.fold[bmp])
            if astral.any():  # outside the BMP: the same folds, one character at a time
                where = np.flatnonzero(astral)
                codes[where] = [_SPACE if chr(c).isspace() else (ord(chr(c).lower()) if len(chr(c).lower()) == 1 else c) for c in cp[where].tolist()]
            kept = ~tables.drop[bmp]
            codes = codes[kept]
            space = codes == _SPACE
            single = ~(space & np.concatenate([[False], space[:-1]]))  # a run of white space -> one space
            at = np.cumsum(kept)[at] - kept[at]
            at = np.cumsum(single)[np.minimum(at, len(single) - 1)] - single[np.minimum(at, len(single) - 1)]
            yield lo, codes[single], at
            lo, size, parts = d + 1, 0, []


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


def _matrix(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_docs: int) -> sparse.csr_matrix:
    """The TF-IDF matrix of ``(feature, doc, count)`` entries."""
    if not parts or not sum(len(p[0]) for p in parts):
        return sparse.csr_matrix((n_docs, 0))
    columns, _, column = distinct_index(np.concatenate([p[0] for p in parts]))
    counts = sparse.csr_matrix((np.concatenate([p[2] for p in parts]).astype(np.float64), (np.concatenate([p[1] for p in parts]), column)), shape=(n_docs, len(columns)))
    return _weighted(counts)


def word_matrix(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> sparse.csr_matrix:
    """Word 1-2-gram TF-IDF rows of the texts (inside their spans)."""
    tables = _tables()
    parts = []
    for lo, codes, at in _chunks(texts, spans):
        word = _is_word(codes)
        edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        s, e = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        long_enough = e - s >= 2
        s, e = s[long_enough], e[long_enough]
        h = poly_hashes(codes, s, e - s)
        stop = tables.stop.contains(h)
        h, s = h[~stop], s[~stop]
        doc = lo + np.searchsorted(at, s, side="right") - 1
        uni = mix64(h ^ np.uint64(0x5555555555555555))
        same_doc = doc[1:] == doc[:-1]
        bi = mix64(h[:-1] * np.uint64(0x9E3779B97F4A7C15) + h[1:] ^ np.uint64(0xAAAAAAAAAAAAAAAA))[same_doc]
        parts.append(_counts(np.concatenate([uni, bi]), np.concatenate([doc, doc[:-1][same_doc]])))
    return _matrix(parts, len(spans))


def char_matrix(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], rows: np.ndarray | None = None) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF rows of the texts (``char_wb``: n-grams inside padded words);
    with ``rows``, only those rows are filled (the idf is still the whole corpus's).

    The n-grams of a text are those of its words, so each distinct word is cut into n-grams
    once: counts = (texts x words counts) @ (words x n-grams counts)."""
    word_parts, gram_parts = [], []
    for chunk, (lo, codes, at) in enumerate(_chunks(texts, spans)):
        space = codes == _SPACE
        starts = np.flatnonzero(space[:-1] & ~space[1:])  # the space before each word
        ends = np.flatnonzero(~space[:-1] & space[1:]) + 2  # one past the space after it
        word = poly_hashes(codes, starts, ends - starts)
        word_parts.append(_counts(word, lo + np.searchsorted(at, starts + 1, side="right") - 1))
        words_here, first, _ = distinct_index(word)
        length = ends[first] - starts[first]
        grams, owners = [], []
        for n in (3, 4, 5):
            count = np.where(length >= n, length - n + 1, 0)
            begin = np.repeat(starts[first], count) + (np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count))
            grams.append(poly_hashes(codes, begin, np.full(len(begin), n)))
            owners.append(np.repeat(words_here, count))
        gram_parts.append((np.concatenate(grams), np.concatenate(owners), words_here, chunk))
    if not word_parts:
        return sparse.csr_matrix((len(spans), 0))
    words, _, word_col = distinct_index(np.concatenate([p[0] for p in word_parts]))
    doc_words = sparse.csr_matrix(
        (np.concatenate([p[2] for p in word_parts]).astype(np.float32), (np.concatenate([p[1] for p in word_parts]), word_col)),
        shape=(len(spans), len(words)),
    )
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
    word_grams = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (row[keep], gram_col)), shape=(len(words), len(columns)))
    return _weighted((doc_words @ word_grams).tocsr(), rows)


def _weighted(counts: sparse.csr_matrix, rows: np.ndarray | None = None) -> sparse.csr_matrix:
    """Sublinear tf, smooth idf, L2-normalised rows (all, or ``rows``) of a texts x features
    count matrix (float64)."""
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    if rows is not None:
        chosen = np.zeros(n_docs, dtype=bool)
        chosen[rows] = True
        sizes = np.where(chosen, np.diff(counts.indptr), 0)
        taken = np.repeat(chosen, np.diff(counts.indptr))
        counts = sparse.csr_matrix((counts.data[taken], counts.indices[taken], np.concatenate([[0], np.cumsum(sizes)])), shape=counts.shape)
    data = (1.0 + np.log(counts.data.astype(np.float64))) * idf[counts.indices]
    row = np.repeat(np.arange(n_docs), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(row, weights=data * data, minlength=n_docs))
    data = data / np.where(norms > 0, norms, 1.0)[row]
    out = sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)
    out.sort_indices()
    return out

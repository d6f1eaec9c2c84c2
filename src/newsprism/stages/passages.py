"""Shared passages: maximal runs of the same words in two pieces, at any position and order.

How it works:

1. Each body is cut into word tokens with their raw offsets. A token is a run of letters
   or digits, so punctuation, quotes (curly or straight), hyphens and white space only
   separate tokens: "Kim Jong-un" and "Kim Jong Un" both give ``kim jong un``. Tokens
   are matched by a key that ignores case and accents.
2. An inverted index maps the hash of every run of ``seed_tokens`` tokens (a shingle) to
   where it occurs (its postings). Only pieces that share a shingle become a candidate
   pair, and the shared shingles are the seed matches: no piece is ever compared with
   another token by token. A shingle in more than :data:`MAX_POSTINGS` places seeds no
   pair, and in a large corpus the most widespread shingles are left out first until the
   seeds are at most a few hundred per piece (:mod:`newsprism.stages._shingles`; long
   runs copied by many pieces are still found through an index of longer shingles).
3. Each seed grows to the maximal exact run on both sides, then across light edits: up to
   ``max_gap`` tokens inserted, dropped or changed on either side, or, when no such edit
   resumes the run, a gap of at most ``max_gap`` edits with single words matching between
   them ("make the bargain" / "double the peninsula"), as long as the run resumes for at
   least two tokens, one of them a content word (:mod:`newsprism.stages._align`). A
   passage made of one exact run is ``verbatim``; one bridging edits is ``near``.
4. ``n_docs`` counts the pieces whose tokens hold the passage's wording (either side); a
   passage whose wording occurs in ``common_min_docs`` or more pieces ("between Russia
   and North Korea") is flagged ``common``: weak evidence of reuse.

Tokens, shingles and seeds are numpy arrays for the whole corpus
(:mod:`newsprism.stages._tokens`, :mod:`newsprism.stages._runs`): a Python loop runs only
over the pairs of pieces whose runs may join across an edit. Every offset is a raw
character offset, so ``raw[a_start:a_end] == text_a``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice

import numpy as np
import pandas as pd
import pyarrow as pa

from newsprism.corpus.views import distinct_articles, english_only
from newsprism.errors import NewsprismError

from ._align import MIN_RESUME
from ._holders import Postings, wording_docs
from ._memory import release_memory
from ._runs import Rows, find_rows
from ._shingles import Seeds, ShingleIndex, corpus_seeds
from ._tokens import CorpusTokens, body_spans, corpus_tokens

__all__ = [
    "DEFAULT_COMMON_MIN_DOCS",
    "DEFAULT_MAX_GAP",
    "DEFAULT_MIN_TOKENS",
    "MAX_POSTINGS",
    "MIN_RESUME",
    "PASSAGE_COLUMNS",
    "Tokens",
    "body_spans",
    "find_passages",
    "index_postings",
    "passages_of",
    "passages_table",
    "token_key",
    "tokenize",
]

DEFAULT_MIN_TOKENS = 5
DEFAULT_MAX_GAP = 2
DEFAULT_COMMON_MIN_DOCS = 3
#: Largest seed length: longer minimum passages still seed on runs of this many tokens.
MAX_SEED_TOKENS = 5
#: Shingles occurring more often than this (boilerplate in a large corpus) seed no pair.
MAX_POSTINGS = 500

PASSAGE_COLUMNS = [
    "passage_id",
    "doc_a",
    "doc_b",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "text_a",
    "text_b",
    "n_tokens",
    "kind",
    "common",
    "n_docs",
    "a_tokens",
    "b_tokens",
    "n_edits",
    "edits",
]

TOKEN_RE = re.compile(r"[^\W_]+(?:[\u0300-\u036f]+[^\W_]*)*")


def token_key(token: str) -> str:
    """The matching key of a token: accents removed, case folded."""
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Tokens:
    """The word tokens of one text: matching keys and raw ``[start, end)`` offsets."""

    keys: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.keys)


def tokenize(text: str) -> Tokens:
    """Word tokens of ``text`` (letters and digits; anything else separates tokens)."""
    matches = list(TOKEN_RE.finditer(text))
    return Tokens(
        tuple(token_key(m.group(0)) for m in matches),
        np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches)),
        np.fromiter((m.end() for m in matches), dtype=np.int64, count=len(matches)),
    )


def _check(min_tokens: int, max_gap: int) -> None:
    if min_tokens < 1:
        raise NewsprismError(f"min_tokens must be at least 1 (got {min_tokens})")
    if max_gap < 0:
        raise NewsprismError(f"max_gap must be 0 or more (got {max_gap})")


def _seed_length(min_tokens: int, seed_tokens: int | None) -> int:
    return min(min_tokens, MAX_SEED_TOKENS) if seed_tokens is None else max(1, min(seed_tokens, min_tokens))


def find_passages(
    texts: Mapping[str, str],
    raws: Mapping[str, str] | None = None,
    *,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    max_gap: int = DEFAULT_MAX_GAP,
    common_min_docs: int = DEFAULT_COMMON_MIN_DOCS,
    seed_tokens: int | None = None,
) -> pd.DataFrame:
    """Maximal passages shared by any two of ``texts`` (``{doc_id: text}``).

    ``raws`` (same keys, same lengths) gives the text the spans are cut from, when
    ``texts`` are same-length views of it (a body view with other lines blanked).
    Returns the ``passages`` table, sorted by doc_a, doc_b, a_start, b_start.
    """
    _check(min_tokens, max_gap)
    doc_ids = sorted(texts)
    raws = raws if raws is not None else texts
    for doc_id in doc_ids:
        if len(raws[doc_id]) != len(texts[doc_id]):
            raise NewsprismError(f"{doc_id}: text view and raw text differ in length")
    tokens = corpus_tokens([texts[d] for d in doc_ids], None, token_key)
    return passages_of(doc_ids, [raws[d] for d in doc_ids], tokens, min_tokens=min_tokens, max_gap=max_gap, common_min_docs=common_min_docs, seed_tokens=seed_tokens)


def passages_of(
    doc_ids: Sequence[str],
    raws: Sequence[str],
    tokens: CorpusTokens,
    *,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    max_gap: int = DEFAULT_MAX_GAP,
    common_min_docs: int = DEFAULT_COMMON_MIN_DOCS,
    seed_tokens: int | None = None,
    seeds: tuple[Seeds, Postings] | None = None,
) -> pd.DataFrame:
    """The ``passages`` table of pieces ``doc_ids`` (sorted) with their ``raws`` and ``tokens``.

    ``seeds`` (the seeds and their postings lookup) come from :func:`corpus_seeds` unless
    given (a distributed index gives them)."""
    _check(min_tokens, max_gap)
    k = _seed_length(min_tokens, seed_tokens)
    if seeds is None:
        found, indexes = corpus_seeds(tokens, k, MAX_POSTINGS)
        seeds = (found, index_postings(indexes))
        del found, indexes
    release_memory()  # the hashing and grouping's freed arrays, before the alignment's
    rows = find_rows(tokens, seeds[0], min_tokens, max_gap)
    release_memory()
    used, seed_of_row = np.unique(rows.seed, return_inverse=True)  # the rows' seeds only
    found, postings = seeds
    kept = Seeds(found.pos_a[used], found.pos_b[used], found.length[used], found.hash[used])
    del seeds, found, used
    with ThreadPoolExecutor(1) as pool:  # the counts (array kernels) while the texts are cut (Python)
        n_docs = pool.submit(wording_docs, tokens, replace(rows, seed=seed_of_row), kept, postings)
        del kept, postings  # the index is freed as soon as the counts are done
        return _table(doc_ids, raws, tokens, rows, n_docs.result, common_min_docs)


def index_postings(indexes: Sequence[ShingleIndex]) -> Postings:
    """The postings lookup ``(hashes, lengths) -> (query, position)`` over shingle indexes."""
    by_length = {index.k: index for index in indexes}

    def postings(hashes: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        queries, positions = [], []
        for k, index in by_length.items():
            asked = np.flatnonzero(lengths == k)
            q, p = index.postings(hashes[asked])
            queries.append(asked[q])
            positions.append(p)
        return np.concatenate(queries or [np.zeros(0, np.int64)]), np.concatenate(positions or [np.zeros(0, np.int64)])

    return postings


def _edits(rows: Rows, order: np.ndarray, raws: Sequence[str], tokens: CorpusTokens) -> np.ndarray:
    """Per row (in ``order``): ``gap in A -> gap in B`` for each gap between consecutive runs
    (``(none)`` when a side is empty), joined by ``; ``; empty for verbatim rows."""
    row, bi, bj, bn = rows.blocks
    out = np.full(len(rows), "", dtype=object)
    if len(row):
        bounds, starts, ends = tokens.bounds, tokens.starts, tokens.ends
        gaps = np.flatnonzero(row[1:] == row[:-1])  # block g and g + 1 of one row
        r = row[gaps]
        a, b = bounds[rows.doc_a[r]], bounds[rows.doc_b[r]]
        spans = []
        for base, doc, lo, hi in ((a, rows.doc_a[r], bi[gaps] + bn[gaps], bi[gaps + 1]), (b, rows.doc_b[r], bj[gaps] + bn[gaps], bj[gaps + 1])):
            empty = hi <= lo
            s0 = np.where(empty, 0, starts[np.minimum(base + lo, len(starts) - 1)])
            s1 = np.where(empty, 0, ends[np.maximum(base + hi - 1, 0)])
            spans.append((doc.tolist(), s0.tolist(), s1.tolist()))
        texts: dict[int, list[str]] = {}
        for k, rr in enumerate(r.tolist()):
            gap_a = " ".join(raws[spans[0][0][k]][spans[0][1][k] : spans[0][2][k]].split()) or "(none)"
            gap_b = " ".join(raws[spans[1][0][k]][spans[1][1][k] : spans[1][2][k]].split()) or "(none)"
            texts.setdefault(rr, []).append(f"{gap_a} -> {gap_b}")
        for rr, parts in texts.items():
            out[rr] = "; ".join(parts)
    return out[order]


#: Strings converted to Arrow at once (the Python strings of one block are held at a time).
STRING_BLOCK = 1 << 16


def _strings(values: Iterable[str]) -> pd.api.extensions.ExtensionArray:
    """A column of the table's string dtype (what pandas infers for Python strings), built
    by Arrow block by block from ``values`` (an iterable: the Python strings of one block
    are held at a time; three times faster than pandas' own conversion)."""
    dtype = pd.Series(["x"]).dtype
    if getattr(dtype, "storage", None) != "pyarrow":
        return pd.array(list(values), dtype=dtype)
    values = iter(values)
    blocks = []
    while block := list(islice(values, STRING_BLOCK)):
        blocks.append(pa.array(block, type=pa.large_string()))
    return pd.array(pa.chunked_array(blocks, type=pa.large_string()), dtype=dtype)


def _table(doc_ids: Sequence[str], raws: Sequence[str], tokens: CorpusTokens, rows: Rows, counts: Callable[[], np.ndarray], common_min_docs: int) -> pd.DataFrame:
    """The passages table of ``rows``; ``counts()`` gives their ``n_docs`` (asked for last)."""
    bounds, starts, ends = tokens.bounds, tokens.starts, tokens.ends
    a0, b0 = bounds[rows.doc_a], bounds[rows.doc_b]
    a_start, a_end = starts[a0 + rows.ai0].astype(np.int64), ends[a0 + rows.ai1 - 1].astype(np.int64)
    b_start, b_end = starts[b0 + rows.bj0].astype(np.int64), ends[b0 + rows.bj1 - 1].astype(np.int64)

    def packed(high: np.ndarray, low: np.ndarray) -> np.ndarray:  # offsets are below 2**32
        return (high.astype(np.uint64) << np.uint64(32)) | low.astype(np.uint64)

    order = np.lexsort((packed(a_end, b_end), packed(a_start, b_start), rows.doc_a * len(doc_ids) + rows.doc_b))
    da, db = rows.doc_a[order], rows.doc_b[order]
    sa, ea, sb, eb = (x[order] for x in (a_start, a_end, b_start, b_end))
    n_blocks = rows.n_blocks[order]
    ids = _strings(list(doc_ids))
    kinds = _strings(["verbatim", "near"])
    text_a = _strings(raws[a][s:e] for a, s, e in zip(da.tolist(), sa.tolist(), ea.tolist()))
    text_b = _strings(raws[b][s:e] for b, s, e in zip(db.tolist(), sb.tolist(), eb.tolist()))
    edits = _strings(_edits(rows, order, raws, tokens))
    n_docs = counts()[order]
    columns = {
        "passage_id": np.arange(len(order), dtype=np.int64),
        "doc_a": ids.take(da),
        "doc_b": ids.take(db),
        "a_start": sa,
        "a_end": ea,
        "b_start": sb,
        "b_end": eb,
        "text_a": text_a,
        "text_b": text_b,
        "n_tokens": rows.matched[order],
        "kind": kinds.take((n_blocks > 1).astype(np.int64)),
        "common": n_docs >= common_min_docs,
        "n_docs": n_docs,
        "a_tokens": (rows.ai1 - rows.ai0)[order],
        "b_tokens": (rows.bj1 - rows.bj0)[order],
        "n_edits": n_blocks - 1,
        "edits": edits,
    }
    table = pd.DataFrame(columns, columns=PASSAGE_COLUMNS, copy=False)  # the arrays are the table's own
    return table.astype({c: "int64" for c in PASSAGE_COLUMNS if c in ("passage_id", "a_start", "a_end", "b_start", "b_end", "n_tokens", "n_docs", "a_tokens", "b_tokens", "n_edits")})


@english_only
def passages_table(
    articles: pd.DataFrame,
    *,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    max_gap: int = DEFAULT_MAX_GAP,
    common_min_docs: int = DEFAULT_COMMON_MIN_DOCS,
) -> pd.DataFrame:
    """The ``passages`` table for the bodies of the distinct articles (copies left out)."""
    _check(min_tokens, max_gap)
    table = distinct_articles(articles)
    spans = [body_spans(segments) for segments in table["segments"]]
    tokens = corpus_tokens(list(table["text"]), spans, token_key)
    return passages_of(list(table["doc_id"]), list(table["raw"]), tokens, min_tokens=min_tokens, max_gap=max_gap, common_min_docs=common_min_docs)

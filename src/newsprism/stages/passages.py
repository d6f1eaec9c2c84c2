"""Shared passages: maximal runs of the same words in two pieces, at any position and order.

How it works:

1. Each body is cut into word tokens with their raw offsets. A token is a run of letters
   or digits, so punctuation, quotes (curly or straight), hyphens and white space only
   separate tokens: "Kim Jong-un" and "Kim Jong Un" both give ``kim jong un``. Tokens
   are matched by a key that ignores case and accents.
2. An inverted index maps the hash of every run of ``seed_tokens`` tokens (a shingle) to
   where it occurs (its postings). Only pieces that share a shingle become a candidate
   pair, and the shared shingles are the seed matches: no piece is ever compared with
   another token by token.
3. Each seed grows to the maximal exact run on both sides, then across light edits: up to
   ``max_gap`` tokens inserted, dropped or changed on either side, as long as the run
   resumes for at least two tokens, one of them a content word. A passage made of one
   exact run is ``verbatim``; one bridging edits is ``near``.
4. A passage whose wording occurs in ``common_min_docs`` or more pieces of the corpus
   ("between Russia and North Korea") is flagged ``common``: weak evidence of reuse.

Every offset is a raw character offset, so ``raw[a_start:a_end] == text_a``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.corpus.views import body_views, distinct_articles, english_only
from newsprism.errors import NewsprismError

__all__ = [
    "DEFAULT_COMMON_MIN_DOCS",
    "DEFAULT_MAX_GAP",
    "DEFAULT_MIN_TOKENS",
    "MAX_POSTINGS",
    "PASSAGE_COLUMNS",
    "ShingleIndex",
    "Tokens",
    "find_passages",
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
#: A run resuming after a light edit must be at least this long.
MIN_RESUME = 2

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


def _shingle_hash(keys: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(keys).encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class ShingleIndex:
    """Inverted index: hash of each run of ``k`` token keys -> ``[(doc index, position), ...]``."""

    def __init__(self, docs: list[Tokens], k: int) -> None:
        self.k = k
        self.docs = docs
        self.postings: dict[int, list[tuple[int, int]]] = {}
        for d, tokens in enumerate(docs):
            keys = tokens.keys
            for i in range(len(keys) - k + 1):
                self.postings.setdefault(_shingle_hash(keys[i : i + k]), []).append((d, i))

    def seed_pairs(self, max_postings: int = MAX_POSTINGS) -> dict[tuple[int, int], list[tuple[int, int]]]:
        """Candidate pairs ``(a, b)`` (a < b) with their seed matches ``(i, j)``, sorted."""
        seeds: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for entries in self.postings.values():
            if len(entries) < 2 or len(entries) > max_postings or entries[0][0] == entries[-1][0]:
                continue
            for x in range(len(entries)):
                da, i = entries[x]
                for y in range(x + 1, len(entries)):
                    db, j = entries[y]
                    if db != da:
                        seeds.setdefault((da, db), []).append((i, j))
        return {pair: sorted(seeds[pair]) for pair in sorted(seeds)}

    def docs_containing(self, keys: tuple[str, ...]) -> set[int]:
        """Indices of the documents whose token keys contain the run ``keys`` (len >= k)."""
        found: set[int] = set()
        n = len(keys)
        for d, i in self.postings.get(_shingle_hash(keys[: self.k]), []):
            if d not in found and self.docs[d].keys[i : i + n] == keys:
                found.add(d)
        return found


@dataclass(frozen=True)
class _Block:
    """An exact run: tokens ``a[i:i+n] == b[j:j+n]``."""

    i: int
    j: int
    n: int


# Light edits tried after an exact run ends: (tokens skipped in A, tokens skipped in B),
# cheapest first (one word changed, inserted, dropped; then two).
_EDITS = ((1, 1), (0, 1), (1, 0), (2, 2), (0, 2), (2, 0), (1, 2), (2, 1))


def _content(keys: tuple[str, ...]) -> bool:
    return any(k not in ENGLISH_STOP_WORDS and (len(k) > 1 or k.isdigit()) for k in keys)


def _run_forward(a: tuple[str, ...], b: tuple[str, ...], i: int, j: int) -> int:
    n = 0
    while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
        n += 1
    return n


def _run_backward(a: tuple[str, ...], b: tuple[str, ...], i_end: int, j_end: int) -> int:
    n = 0
    while i_end - n > 0 and j_end - n > 0 and a[i_end - n - 1] == b[j_end - n - 1]:
        n += 1
    return n


def _align(a: tuple[str, ...], b: tuple[str, ...], i: int, j: int, k: int, max_gap: int) -> list[_Block] | None:
    """Grow the seed ``a[i:i+k] == b[j:j+k]`` into exact runs joined by light edits."""
    if a[i : i + k] != b[j : j + k]:  # a hash collision, not a match
        return None
    back = _run_backward(a, b, i, j)
    i, j = i - back, j - back
    blocks = [_Block(i, j, _run_forward(a, b, i, j))]
    edits = [e for e in _EDITS if max(e) <= max_gap]
    while True:  # forward across light edits
        last = blocks[-1]
        best: _Block | None = None
        for da, db in edits:
            ni, nj = last.i + last.n + da, last.j + last.n + db
            run = _run_forward(a, b, ni, nj)
            if run >= MIN_RESUME and (best is None or run > best.n) and _content(a[ni : ni + run]):
                best = _Block(ni, nj, run)
        if best is None:
            break
        blocks.append(best)
    while True:  # backward across light edits
        first = blocks[0]
        best = None
        for da, db in edits:
            ei, ej = first.i - da, first.j - db
            if ei < 0 or ej < 0:
                continue
            run = _run_backward(a, b, ei, ej)
            if run >= MIN_RESUME and (best is None or run > best.n) and _content(a[ei - run : ei]):
                best = _Block(ei - run, ej - run, run)
        if best is None:
            break
        blocks.insert(0, best)
    return blocks


def _edit_text(raw: str, tokens: Tokens, lo: int, hi: int) -> str:
    return raw[tokens.starts[lo] : tokens.ends[hi - 1]] if hi > lo else ""


def _describe_edits(blocks: list[_Block], raw_a: str, raw_b: str, ta: Tokens, tb: Tokens) -> list[str]:
    out = []
    for prev, nxt in pairwise(blocks):
        gap_a = _edit_text(raw_a, ta, prev.i + prev.n, nxt.i)
        gap_b = _edit_text(raw_b, tb, prev.j + prev.n, nxt.j)
        out.append(f"{' '.join(gap_a.split()) or '(none)'} -> {' '.join(gap_b.split()) or '(none)'}")
    return out


def _contained(inner: dict, outer: dict) -> bool:
    return (
        outer["a_start"] <= inner["a_start"]
        and inner["a_end"] <= outer["a_end"]
        and outer["b_start"] <= inner["b_start"]
        and inner["b_end"] <= outer["b_end"]
    )


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
    if min_tokens < 1:
        raise NewsprismError(f"min_tokens must be at least 1 (got {min_tokens})")
    if max_gap < 0:
        raise NewsprismError(f"max_gap must be 0 or more (got {max_gap})")
    k = min(min_tokens, MAX_SEED_TOKENS) if seed_tokens is None else max(1, min(seed_tokens, min_tokens))
    doc_ids = sorted(texts)
    raws = raws if raws is not None else texts
    for doc_id in doc_ids:
        if len(raws[doc_id]) != len(texts[doc_id]):
            raise NewsprismError(f"{doc_id}: text view and raw text differ in length")
    tokens = [tokenize(texts[d]) for d in doc_ids]
    index = ShingleIndex(tokens, k)
    rows: list[dict] = []
    for (da, db), seeds in index.seed_pairs().items():
        rows.extend(_pair_passages(doc_ids[da], doc_ids[db], tokens[da], tokens[db], raws, seeds, k, min_tokens, max_gap))
    for row in rows:
        row["n_docs"] = len(index.docs_containing(row.pop("_keys_a")) | index.docs_containing(row.pop("_keys_b")))
        row["common"] = row["n_docs"] >= common_min_docs
    table = pd.DataFrame(rows, columns=[c for c in PASSAGE_COLUMNS if c != "passage_id"])
    table = table.sort_values(["doc_a", "doc_b", "a_start", "b_start", "a_end", "b_end"], kind="stable").reset_index(drop=True)
    table.insert(0, "passage_id", np.arange(len(table), dtype=np.int64))
    return table.astype(
        {"a_start": "int64", "a_end": "int64", "b_start": "int64", "b_end": "int64", "n_tokens": "int64", "n_docs": "int64"}
        | {"a_tokens": "int64", "b_tokens": "int64", "n_edits": "int64", "common": "bool"}
    )


def _pair_passages(
    doc_a: str,
    doc_b: str,
    ta: Tokens,
    tb: Tokens,
    raws: Mapping[str, str],
    seeds: list[tuple[int, int]],
    k: int,
    min_tokens: int,
    max_gap: int,
) -> list[dict]:
    """The passages of one candidate pair, from its seed matches."""
    covered: set[tuple[int, int]] = set()
    found: list[dict] = []
    raw_a, raw_b = raws[doc_a], raws[doc_b]
    for i, j in seeds:
        if (i, j) in covered:
            continue
        blocks = _align(ta.keys, tb.keys, i, j, k, max_gap)
        if blocks is None:
            continue
        for blk in blocks:
            covered.update((blk.i + t, blk.j + t) for t in range(blk.n))
        matched = sum(blk.n for blk in blocks)
        if matched < min_tokens:
            continue
        first, last = blocks[0], blocks[-1]
        ai0, ai1, bj0, bj1 = first.i, last.i + last.n, first.j, last.j + last.n
        a_start, a_end = int(ta.starts[ai0]), int(ta.ends[ai1 - 1])
        b_start, b_end = int(tb.starts[bj0]), int(tb.ends[bj1 - 1])
        edits = _describe_edits(blocks, raw_a, raw_b, ta, tb)
        found.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "a_start": a_start,
                "a_end": a_end,
                "b_start": b_start,
                "b_end": b_end,
                "text_a": raw_a[a_start:a_end],
                "text_b": raw_b[b_start:b_end],
                "n_tokens": matched,
                "kind": "verbatim" if len(blocks) == 1 else "near",
                "a_tokens": ai1 - ai0,
                "b_tokens": bj1 - bj0,
                "n_edits": len(blocks) - 1,
                "edits": "; ".join(edits),
                "_keys_a": ta.keys[ai0:ai1],
                "_keys_b": tb.keys[bj0:bj1],
            }
        )
    found.sort(key=lambda r: (-r["n_tokens"], r["a_start"], r["b_start"]))
    kept: list[dict] = []
    for row in found:
        if not any(_contained(row, other) for other in kept):
            kept.append(row)
    return kept


@english_only
def passages_table(
    articles: pd.DataFrame,
    *,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    max_gap: int = DEFAULT_MAX_GAP,
    common_min_docs: int = DEFAULT_COMMON_MIN_DOCS,
) -> pd.DataFrame:
    """The ``passages`` table for the bodies of the distinct articles (copies left out)."""
    views = body_views(articles)
    table = distinct_articles(articles)
    raws = dict(zip(table["doc_id"], table["raw"]))
    return find_passages(views, raws, min_tokens=min_tokens, max_gap=max_gap, common_min_docs=common_min_docs)

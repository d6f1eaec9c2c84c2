"""The word tokens of a whole corpus at once, as numpy arrays (the passages stage's input).

:func:`corpus_tokens` gives, for every text, the tokens :func:`newsprism.stages.passages.tokenize`
finds (runs of letters and digits, ``TOKEN_RE``) with the same raw offsets, without one
Python object per token: the texts are encoded to code points in chunks and the tokens
are the runs of word characters found with numpy. Each token is represented by a 64-bit
hash of its matching key (``token_key``: accents removed, case folded). The key of a token
is the concatenation of the keys of its characters (NFKD decomposes, and case folding
maps, one character at a time; only characters with a non-zero combining class are
reordered, and those are removed), so the hash is computed from a per-character table;
the few tokens holding a character whose key is longer than one character (``ß``, ``ﬁ``)
or outside the Basic Multilingual Plane are keyed in Python with ``token_key``.
Two tokens have the same hash when their keys are equal; distinct keys collide with
probability about ``n² / 2⁶⁵`` for ``n`` distinct keys (below 10⁻⁷ for a million).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.corpus.segment import BODY_SECTIONS

from ._threads import blockwise, threaded_map

__all__ = ["CorpusTokens", "HashSet", "WindowHasher", "body_spans", "corpus_tokens", "equal_runs", "hash_keys", "mix64", "poly_hashes", "range_hashes"]

#: Characters encoded at once (a chunk of texts), bounding the arrays held.
CHUNK_CHARS = 1_000_000
_BMP = 0x10000
_SPECIAL = np.uint32(0xFFFFFFFF)  # a character whose key is not one character
_BASE = np.uint64(0x9E3779B97F4A7C15)
_WORD_RE = re.compile(r"[^\W_]")


def mix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser of a uint64 array (wrapping arithmetic)."""
    x = np.asarray(x, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def equal_runs(keys: np.ndarray, x: np.ndarray, y: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Whether ``keys[x[r] : x[r] + n[r]]`` equals ``keys[y[r] : y[r] + n[r]]``, for each r:
    compared token by token, the runs still equal at each step only, block by block in
    threads (:func:`newsprism.stages._threads.blockwise`)."""
    ok = np.ones(len(x), dtype=bool)

    def check(block: slice) -> None:
        bx, by, bn, mine = x[block], y[block], n[block], ok[block]
        live = np.flatnonzero(bn > 0)
        t = 0
        while len(live):
            same = keys[bx[live] + t] == keys[by[live] + t]
            mine[live[~same]] = False
            live = live[same]
            t += 1
            live = live[bn[live] > t]

    blockwise(check, len(x))
    return ok


class HashSet:
    """A few uint64 values in a table indexed by their low bits (no two share a slot)."""

    def __init__(self, values: np.ndarray) -> None:
        values = np.unique(values)
        bits = max(4, len(values).bit_length() + 2)
        while len(np.unique(values & np.uint64((1 << bits) - 1))) < len(values):
            bits += 1
        self.mask = np.uint64((1 << bits) - 1)
        self.table = np.zeros(1 << bits, dtype=np.uint64)
        self.table[(values & self.mask).astype(np.int64)] = values
        self.has_zero = bool(np.any(values == 0))

    def contains(self, values: np.ndarray) -> np.ndarray:
        found = self.table[(values & self.mask).astype(np.int64)] == values
        return found if self.has_zero else found & (values != 0)


class _Tables:
    """Per code point of the BMP: word character, combining mark, key code, digit."""

    def __init__(self, token_key: Callable[[str], str]) -> None:
        chars = [chr(c) if not 0xD800 <= c < 0xE000 else " " for c in range(_BMP)]
        self.word = np.fromiter((_WORD_RE.match(ch) is not None for ch in chars), dtype=bool, count=_BMP)
        self.comb = np.zeros(_BMP, dtype=bool)
        self.comb[0x300:0x370] = True
        key = np.zeros(_BMP, dtype=np.uint32)
        for c in np.flatnonzero(self.word | self.comb):
            k = token_key(chars[c])
            key[c] = ord(k) if len(k) == 1 else (0 if not k else _SPECIAL)
        self.key = key
        self.digit = np.fromiter((ch.isdigit() for ch in chars), dtype=bool, count=_BMP)
        self.token_key = token_key
        self.stop = HashSet(hash_keys(sorted(ENGLISH_STOP_WORDS)))


_TABLES: _Tables | None = None


def _tables(token_key: Callable[[str], str]) -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables(token_key)
    return _TABLES


_INVERSE = np.uint64(pow(int(_BASE), -1, 2**64))
_POWERS: list[tuple[np.ndarray, np.ndarray]] = []  # one (up, down) pair, replaced as it grows
_POWERS_LOCK = threading.Lock()  # chunks are hashed in threads


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``B**i`` and ``B**-i`` (mod 2**64) for ``i < n`` (kept, and grown by doubling)."""
    with _POWERS_LOCK:
        have = _POWERS[0] if _POWERS else None
        if have is None or len(have[0]) < n:
            size = max(n, 2 * len(have[0]) if have is not None else 1 << 16)
            up = np.full(size, _BASE, dtype=np.uint64)
            down = np.full(size, _INVERSE, dtype=np.uint64)
            up[0] = down[0] = 1
            have = (np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64))
            _POWERS[:] = [have]
        return have


class WindowHasher:
    """Hashes of windows of one code array: the prefix sums are computed once, then each
    batch of windows costs only its own length (see :func:`poly_hashes`)."""

    def __init__(self, codes: np.ndarray) -> None:
        up, self.down = _powers(len(codes) + 1)
        self.prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(codes.astype(np.uint64) * up[: len(codes)], out=self.prefix[1:])

    def __call__(self, firsts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The hash of each window ``codes[firsts[t] : firsts[t] + lengths[t]]``."""
        firsts = np.asarray(firsts, dtype=np.int64)
        lengths = np.asarray(lengths, dtype=np.int64)
        sums = (self.prefix[firsts + lengths] - self.prefix[firsts]) * self.down[firsts]
        return mix64(sums ^ (lengths.astype(np.uint64) * np.uint64(0xD6E8FEB86659FD93)))


def poly_hashes(codes: np.ndarray, firsts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The hash of each window ``codes[firsts[t] : firsts[t] + lengths[t]]`` (windows may overlap).

    The polynomial ``sum(c_i * B**i)`` (mod 2**64) of a window is a difference of prefix sums
    of the whole array, shifted back by ``B**-first``; then mixed with the window's length."""
    return WindowHasher(codes)(firsts, lengths)


def hash_keys(keys: Sequence[str]) -> np.ndarray:
    """The token hash of each matching key (the scalar path of :func:`corpus_tokens`)."""
    codes = np.fromiter((ord(ch) for k in keys for ch in k), dtype=np.uint32)
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    return poly_hashes(codes, np.cumsum(lengths) - lengths, lengths)


def range_hashes(keys: np.ndarray, starts: np.ndarray, lengths: np.ndarray, batch: int = CHUNK_CHARS) -> np.ndarray:
    """A 64-bit hash of each run ``keys[starts[r] : starts[r] + lengths[r]]`` (lengths >= 1)."""
    out = np.zeros(len(starts), dtype=np.uint64)
    ends = np.cumsum(lengths)
    lo = 0
    while lo < len(starts):
        hi = max(lo + 1, int(np.searchsorted(ends, ends[lo] - lengths[lo] + batch, side="right")))
        size = lengths[lo:hi]
        firsts = np.cumsum(size) - size
        index = np.repeat(starts[lo:hi] - firsts, size) + np.arange(int(size.sum()), dtype=np.int64)
        out[lo:hi] = poly_hashes(keys[index], firsts, size)
        lo = hi
    return out


def body_spans(segments) -> list[tuple[int, int]]:
    """The body of an article as sorted, disjoint ``[start, end)`` ranges (adjacent segments
    joined), so its tokens are those of its body view."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted((s.start, s.end) for s in segments if s.section in BODY_SECTIONS):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


@dataclass(frozen=True)
class CorpusTokens:
    """The tokens of ``n`` texts: text ``d`` holds tokens ``bounds[d]:bounds[d + 1]``.

    ``keys`` are the 64-bit hashes of the matching keys, ``starts``/``ends`` raw offsets in
    the text (int32: a text is shorter than 2**31 characters), ``content`` whether the token is a content word (not an English stop word,
    and longer than one character or a digit).
    """

    keys: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    content: np.ndarray
    bounds: np.ndarray

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """The text index of each global token position."""
        return np.searchsorted(self.bounds, positions, side="right") - 1

    @staticmethod
    def concat(parts: Sequence[CorpusTokens]) -> CorpusTokens:
        """The tokens of the texts of ``parts``, one after another."""
        if not parts:
            return _empty(0)
        sizes = np.array([len(p.keys) for p in parts], dtype=np.int64)
        shifts = np.cumsum(sizes) - sizes
        bounds = np.concatenate([[0]] + [p.bounds[1:] + s for p, s in zip(parts, shifts)])
        return CorpusTokens(
            np.concatenate([p.keys for p in parts]),
            np.concatenate([p.starts for p in parts]),
            np.concatenate([p.ends for p in parts]),
            np.concatenate([p.content for p in parts]),
            bounds.astype(np.int64),
        )


def _empty(n_docs: int) -> CorpusTokens:
    none = np.zeros(0, dtype=np.int32)
    return CorpusTokens(none.astype(np.uint64), none, none.copy(), none.astype(bool), np.zeros(n_docs + 1, dtype=np.int64))


def corpus_tokens(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None, token_key: Callable[[str], str]) -> CorpusTokens:
    """The tokens of ``texts`` inside their ``spans`` (sorted, disjoint ``[start, end)`` ranges
    per text; ``None``: each whole text), as :class:`CorpusTokens`. ``token_key`` is the
    matching key of one token (keys of single characters build the tables). Chunks are
    tokenised in threads (:func:`newsprism.stages._threads.threaded_map`)."""
    tables = _tables(token_key)
    spans = [[(0, len(t))] for t in texts] if spans is None else spans

    def chunks():
        chunk: list[tuple[int, int, int]] = []  # (text, start, end)
        size = 0
        first_doc = 0
        for d, ranges in enumerate(spans):
            for start, end in ranges:
                if end > start:
                    chunk.append((d, start, end))
                    size += end - start + 1
            if size >= CHUNK_CHARS:
                yield chunk, first_doc, d + 1
                chunk, size, first_doc = [], 0, d + 1
        yield chunk, first_doc, len(texts)

    return CorpusTokens.concat(list(threaded_map(lambda c: _chunk_tokens(texts, *c, tables), chunks())))


def _chunk_tokens(texts: Sequence[str], chunk: list[tuple[int, int, int]], lo: int, hi: int, tables: _Tables) -> CorpusTokens:
    """The tokens of texts ``lo:hi`` (their spans listed in ``chunk``)."""
    if not chunk:
        return _empty(hi - lo)
    joined = "\n".join(texts[d][s:e] for d, s, e in chunk)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bmp = np.minimum(cp, _BMP - 1)
    astral = np.flatnonzero(cp >= _BMP)
    word = tables.word[bmp]
    if len(astral):
        word[astral] = [_WORD_RE.match(chr(c)) is not None for c in cp[astral].tolist()]
    run = word | tables.comb[bmp] if (np.any((cp >= 0x300) & (cp < 0x370))) else word
    edges = np.diff(run.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    tok_s = np.flatnonzero(edges == 1)
    tok_e = np.flatnonzero(edges == -1)
    if run is not word:  # a run may open with combining marks: the token starts at its first word character
        lead = np.flatnonzero(~word[tok_s])
        for r in lead.tolist():
            ahead = np.flatnonzero(word[tok_s[r] : tok_e[r]])
            tok_s[r] = tok_s[r] + ahead[0] if len(ahead) else -1
        keep = tok_s >= 0
        tok_s, tok_e = tok_s[keep], tok_e[keep]
    n_tok = len(tok_s)
    codes = tables.key[bmp]
    if len(astral):
        codes[astral] = _SPECIAL
    kept = codes != 0
    if run is word and np.array_equal(kept, word):  # every token character has a one-character key
        lengths = tok_e - tok_s
        firsts = np.cumsum(lengths) - lengths
    else:  # combining marks (removed from keys) or characters with an empty key
        counted = np.concatenate([[0], np.cumsum(kept)])
        firsts = counted[tok_s]
        lengths = counted[tok_e] - firsts
        kept[tok_e.max(initial=0) :] = False
    kept_codes = codes[kept]
    special = np.zeros(n_tok, dtype=bool)
    if np.any(kept_codes == _SPECIAL):
        special = np.add.reduceat((kept_codes == _SPECIAL).astype(np.int64), np.minimum(firsts, len(kept_codes) - 1)) > 0
        special &= lengths > 0
        kept_codes = np.where(kept_codes == _SPECIAL, 0, kept_codes)
    hashes = poly_hashes(kept_codes, firsts, lengths)
    first_code = kept_codes[np.minimum(firsts, max(len(kept_codes) - 1, 0))] if len(kept_codes) else np.zeros(n_tok, np.uint32)
    content = (lengths > 1) | ((lengths == 1) & tables.digit[np.minimum(first_code, _BMP - 1)])
    if special.any():
        where = np.flatnonzero(special)
        keys = [tables.token_key(joined[s:e]) for s, e in zip(tok_s[where].tolist(), tok_e[where].tolist())]
        hashes[where] = hash_keys(keys)
        content[where] = [len(k) > 1 or k.isdigit() for k in keys]
    content &= ~tables.stop.contains(hashes)
    # chunk offsets -> (text, raw offset)
    starts_in_chunk = np.cumsum([0] + [e - s + 1 for _, s, e in chunk[:-1]])
    span_doc = np.array([d for d, _, _ in chunk], dtype=np.int64)
    span_shift = np.array([s for _, s, _ in chunk], dtype=np.int64) - starts_in_chunk
    which = np.searchsorted(starts_in_chunk, tok_s, side="right") - 1
    shift = span_shift[which]
    counts = np.bincount(span_doc[which] - lo, minlength=hi - lo)
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return CorpusTokens(hashes, (tok_s + shift).astype(np.int32), (tok_e + shift).astype(np.int32), content, bounds)

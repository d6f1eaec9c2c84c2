"""Lexicon files and the matcher that finds their terms in the shared spaCy parse.

A lexicon is a table of ``(key, term, match)`` rows: the key is what a hit counts for
(a frame, or a referent's term for lexical choice). A term is one or more words. With
``match == "lemma"`` a term word matches a token whose lemma *or* lower-cased form equals
it, so ``liberate`` finds "liberated" and "liberates"; with ``match == "exact"`` only the
lower-cased form counts. Quotes and dashes are folded on both sides, and terms are split
by the same spaCy tokenizer as the articles, so "isn't" in a term matches "isn’t".

Overlapping candidates are resolved once, across every key: the longest match (in tokens,
then characters) wins, then the earlier one, then the lexicon's row order. So
"territorial integrity" is one hit and never also "integrity", and no word is counted twice.
Only tokens inside the given spans (the body lines of an article) can match, and a match
never crosses a line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.nlp.model import load
from newsprism.text.normalize import fold_char

from .files import data_dir, read_data_csv

__all__ = [
    "FRAME_LEXICON",
    "LEXICAL_CHOICE",
    "MATCH_MODES",
    "Hit",
    "Term",
    "check_frame_lexicon",
    "compile_terms",
    "frame_lexicon",
    "lexical_choice_lexicon",
    "match_tokens",
]

FRAME_LEXICON = "lexicons/frames.csv"
LEXICAL_CHOICE = "lexicons/lexical_choice.csv"
MATCH_MODES = ("lemma", "exact")
_FRAME_COLUMNS = ("frame", "term", "match", "rationale_or_source", "version")
_CHOICE_COLUMNS = ("referent", "term", "variants")


@dataclass(frozen=True)
class Term:
    """One lexicon entry ready to match: ``key`` counts the hit, ``words`` are folded tokens."""

    key: str
    term: str
    words: tuple[str, ...]
    match: str
    order: int


@dataclass(frozen=True)
class Hit:
    """A resolved match: raw character offsets and the entry that matched."""

    start: int
    end: int
    term: Term


def _fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text).lower()


def _check_columns(table: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise NewsprismError(f"{name}: lexicon lacks column(s) {', '.join(missing)} (needs {', '.join(columns)})")


def _source(path: str | None, default: str) -> tuple[pd.DataFrame, str]:
    if path is None:
        return read_data_csv(default), str(data_dir() / default)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False), str(path)
    except FileNotFoundError:
        raise NewsprismError(f"{path}: lexicon file not found") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise NewsprismError(f"{path}: unreadable lexicon ({str(exc).splitlines()[0]})") from None


def frame_lexicon(path: str | None = None) -> pd.DataFrame:
    """The frame lexicon (``data/lexicons/frames.csv`` unless ``path`` is given), validated.

    Columns: frame, term, match (lemma or exact), rationale_or_source, version. A term may
    belong to one frame only, so a word never counts for two frames.
    """
    table, name = _source(path, FRAME_LEXICON)
    return check_frame_lexicon(table, name)


def check_frame_lexicon(table: pd.DataFrame, name: str = "frame lexicon") -> pd.DataFrame:
    """Validate a frame lexicon table (see :func:`frame_lexicon`); return it cleaned.

    Raises :class:`NewsprismError` naming ``name`` for a missing column, an empty term,
    an unknown match mode, or a term listed under two frames.
    """
    _check_columns(table, _FRAME_COLUMNS, name)
    table = table.copy()
    for column in ("frame", "term", "match"):
        table[column] = table[column].str.strip()
    table["match"] = table["match"].str.lower()
    if (table["frame"] == "").any() or (table["term"] == "").any():
        raise NewsprismError(f"{name}: a lexicon row has an empty frame or term")
    bad = sorted(set(table["match"]) - set(MATCH_MODES))
    if bad:
        raise NewsprismError(f"{name}: unknown match mode '{bad[0]}' (use {' or '.join(MATCH_MODES)})")
    key = table["term"].map(_fold) + "|" + table["match"]
    clash = table.assign(key=key).groupby("key")["frame"].nunique()
    if (clash > 1).any():
        term = clash[clash > 1].index[0].split("|")[0]
        raise NewsprismError(f"{name}: term '{term}' is listed under two frames; give each term one frame")
    return table.drop_duplicates(["frame", "term", "match"]).reset_index(drop=True)


def lexical_choice_lexicon(path: str | None = None) -> pd.DataFrame:
    """The lexical-choice table, one row per variant: referent, term, variant.

    ``data/lexicons/lexical_choice.csv`` (unless ``path`` is given) lists for each referent
    the terms a piece may choose, each with its ``;``-separated variants (lemma-matched).
    """
    table, name = _source(path, LEXICAL_CHOICE)
    _check_columns(table, _CHOICE_COLUMNS, name)
    rows = []
    for row in table.itertuples(index=False):
        referent, term = row.referent.strip(), row.term.strip()
        variants = [v.strip() for v in (row.variants or term).split(";") if v.strip()] or [term]
        if not referent or not term:
            raise NewsprismError(f"{name}: a lexical-choice row has an empty referent or term")
        rows += [{"referent": referent, "term": term, "variant": v} for v in variants]
    out = pd.DataFrame(rows, columns=["referent", "term", "variant"])
    clash = out.assign(v=out["variant"].map(_fold)).groupby(["referent", "v"])["term"].nunique()
    if (clash > 1).any():
        referent, variant = clash[clash > 1].index[0]
        raise NewsprismError(f"{name}: variant '{variant}' of referent '{referent}' is listed under two terms")
    return out.drop_duplicates().reset_index(drop=True)


@lru_cache(maxsize=4096)
def _term_words(term: str) -> tuple[str, ...]:
    return tuple(_fold(t.text) for t in load().tokenizer(term) if not t.is_space)


def compile_terms(entries: list[tuple[str, str, str]]) -> list[Term]:
    """Turn ``(key, term, match)`` rows into :class:`Term` objects (order = row order)."""
    terms = []
    for order, (key, term, match) in enumerate(entries):
        words = _term_words(term)
        if not words:
            raise NewsprismError(f"lexicon term '{term}' has no words")
        terms.append(Term(key=key, term=term, words=words, match=match, order=order))
    return terms


def _token_keys(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, str, str]]:
    """(line index, start, end, folded text, folded lemma) of each non-space token inside ``spans``."""
    starts = [s for s, _ in spans]
    out = []
    for token in doc:
        if token.is_space:
            continue
        line = bisect_right(starts, token.idx) - 1
        end = token.idx + len(token.text)
        if line < 0 or end > spans[line][1]:
            continue
        out.append((line, token.idx, end, _fold(token.text), _fold(token.lemma_)))
    return out


def match_tokens(doc, spans: list[tuple[int, int]], terms: list[Term]) -> list[Hit]:
    """Every non-overlapping hit of ``terms`` in ``doc``, restricted to the sorted ``spans``.

    Sorted by start offset. See the module docstring for the overlap rule.
    """
    index: dict[str, list[Term]] = {}
    for term in terms:
        index.setdefault(term.words[0], []).append(term)
    tokens = _token_keys(doc, sorted(spans))
    candidates: list[tuple[int, int, int, int, Term]] = []
    for i, (line, start, _, text, lemma) in enumerate(tokens):
        seen: set[int] = set()
        for first in (text, lemma):
            for term in index.get(first, ()):
                if term.order in seen:
                    continue
                seen.add(term.order)
                n = len(term.words)
                if i + n > len(tokens):
                    continue
                window = tokens[i : i + n]
                if any(tok[0] != line for tok in window):
                    continue
                if all(w == tok[3] or (term.match == "lemma" and w == tok[4]) for w, tok in zip(term.words, window)):
                    candidates.append((i, i + n, start, window[-1][2], term))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -(c[3] - c[2]), c[2], c[4].order))
    taken: set[int] = set()
    hits = []
    for first, last, start, end, term in candidates:
        if taken.isdisjoint(range(first, last)):
            taken.update(range(first, last))
            hits.append(Hit(start, end, term))
    return sorted(hits, key=lambda h: (h.start, h.end, h.term.order))

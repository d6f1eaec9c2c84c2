"""Lexicon files: the frame lexicon and the lexical-choice table, read and validated.

A lexicon is a table of ``(key, term, match)`` rows: the key is what a hit counts for
(a frame, or a referent's term for lexical choice). A term is one or more words. With
``match == "lemma"`` a term word matches a token whose lemma *or* lower-cased form equals
it, so ``liberate`` finds "liberated" and "liberates"; with ``match == "exact"`` only the
lower-cased form counts. Quotes and dashes are folded on both sides
(:func:`newsprism.nlp.matchers.fold_word`), and terms are split by the same spaCy
tokenizer as the articles, so "isn't" in a term matches "isn’t". The matching itself
(longest match first, never across a line) is :class:`newsprism.nlp.matchers.TermMatcher`.
"""

from __future__ import annotations

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.nlp.matchers import fold_word

from .files import data_dir, read_data_csv

__all__ = [
    "FRAME_LEXICON",
    "LEXICAL_CHOICE",
    "MATCH_MODES",
    "check_frame_lexicon",
    "frame_lexicon",
    "lexical_choice_lexicon",
]

FRAME_LEXICON = "lexicons/frames.csv"
LEXICAL_CHOICE = "lexicons/lexical_choice.csv"
MATCH_MODES = ("lemma", "exact")
_FRAME_COLUMNS = ("frame", "term", "match", "rationale_or_source", "version")
_CHOICE_COLUMNS = ("referent", "term", "variants")


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
    key = table["term"].map(fold_word) + "|" + table["match"]
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
    clash = out.assign(v=out["variant"].map(fold_word)).groupby(["referent", "v"])["term"].nunique()
    if (clash > 1).any():
        referent, variant = clash[clash > 1].index[0]
        raise NewsprismError(f"{name}: variant '{variant}' of referent '{referent}' is listed under two terms")
    return out.drop_duplicates().reset_index(drop=True)

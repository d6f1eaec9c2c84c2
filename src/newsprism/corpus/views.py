"""Views of the articles table that stages read: which articles, and which of their text.

- :func:`check_articles` and :func:`english_only`: every stage checks its input the same
  way and English-only stages see only the English articles;
- :func:`unique_articles` / :func:`distinct_articles`: pairwise stages compare *distinct*
  articles only (a file whose bytes repeat an earlier one, ``duplicate_of`` non-empty, is
  left out, so a copy never counts as reuse);
- :func:`masked_view` / :func:`body_views`: the text with every line outside some sections
  blanked to spaces, so it has the raw text's length and any offset found in it is a raw
  offset.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from newsprism.errors import NewsprismError

from .segment import BODY_SECTIONS, Segment

__all__ = [
    "ARTICLE_COLUMNS",
    "body_views",
    "check_articles",
    "distinct_articles",
    "english_articles",
    "english_only",
    "masked_view",
    "unique_articles",
]

log = logging.getLogger("newsprism")
T = TypeVar("T")

#: Columns every stage needs from the articles table.
ARTICLE_COLUMNS = ("doc_id", "raw", "text", "segments")


def unique_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles without byte-identical duplicates (the first copy is kept): the input of pairwise stages."""
    if "duplicate_of" not in articles.columns:
        return articles
    return articles[articles["duplicate_of"].fillna("").astype(str).eq("")].reset_index(drop=True)


_WARNED_NOT_ENGLISH: set[str] = set()


def english_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles English-only stages may analyse; others are left out with a warning (once per file)."""
    if "language" not in articles.columns:
        return articles
    keep = articles["language"].ne("other")
    if keep.all():
        return articles
    for file, sha in zip(articles.loc[~keep, "file"], articles.loc[~keep, "sha256"]):
        if sha not in _WARNED_NOT_ENGLISH:
            _WARNED_NOT_ENGLISH.add(sha)
            log.warning("%s: not English (function-word check); left out of English-only stages", file)
    return articles[keep].reset_index(drop=True)


#: Columns every stage needs from the articles table.


def check_articles(articles: pd.DataFrame, stage: str = "newsprism") -> None:
    """Raise a one-line :class:`NewsprismError` unless ``articles`` comes from :func:`load_corpus`."""
    if not isinstance(articles, pd.DataFrame):
        raise NewsprismError(f"{stage}: expected the articles table from load_corpus")
    missing = [c for c in ARTICLE_COLUMNS if c not in articles.columns]
    if missing:
        raise NewsprismError(f"{stage}: articles table lacks column(s) {', '.join(missing)} (use load_corpus)")


def english_only(stage: Callable[..., T]) -> Callable[..., T]:
    """Decorate a stage ``f(articles, ...)`` so it checks its input and sees only the English articles."""

    @functools.wraps(stage)
    def wrapper(articles: pd.DataFrame, *args, **kwargs) -> T:
        check_articles(articles, stage.__name__)
        return stage(english_articles(articles), *args, **kwargs)

    return wrapper


def masked_view(text: str, segments: tuple[Segment, ...], sections: frozenset[str] = BODY_SECTIONS) -> str:
    """The text view with every line outside ``sections`` blanked (same length, newlines kept),
    so any offset found in it is an offset into the raw text."""
    chars = [ch if ch in "\r\n" else " " for ch in text]
    for s in segments:
        if s.section in sections:
            chars[s.start : s.end] = text[s.start : s.end]
    return "".join(chars)


def distinct_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles without byte-identical copies (rows whose ``duplicate_of`` is non-empty)."""
    check_articles(articles, "pairwise stages")
    return unique_articles(articles).sort_values("doc_id", kind="stable").reset_index(drop=True)


def body_views(articles: pd.DataFrame) -> dict[str, str]:
    """``{doc_id: body view}`` for the distinct articles, in doc_id order (same length as raw)."""
    table = distinct_articles(articles)
    return {
        doc_id: masked_view(text, segments, BODY_SECTIONS)
        for doc_id, text, segments in zip(table["doc_id"], table["text"], table["segments"])
    }

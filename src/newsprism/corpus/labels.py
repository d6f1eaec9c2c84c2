"""A display label for every piece, the same on every page, chart and table.

A piece is shown as ``SHORT · NAME``: ``SHORT`` is its short id (the shortest prefix of the
doc_id, at least three characters, that tells the pieces apart: ``000`` for
``000_6b0b6237182e2e41``) and ``NAME`` is, in order of preference, the manifest's
``label`` column, the outlet, the headline up to its first colon, or the first words of
the body, cut to :data:`NAME_CHARS` characters at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .segment import BODY_SECTIONS, WORD_RE

__all__ = ["NAME_CHARS", "piece_labels", "short_ids"]

#: Longest NAME part of a label.
NAME_CHARS = 32
_SEPARATOR = " · "


def short_ids(doc_ids: Iterable[str], min_len: int = 3) -> dict[str, str]:
    """``{doc_id: short id}``: the shortest prefix (at least ``min_len`` characters, cut
    before a trailing ``_`` or ``-``) that keeps every id unique."""
    unique = list(dict.fromkeys(doc_ids))
    longest = max((len(i) for i in unique), default=min_len)
    for n in range(min_len, longest + 1):
        cut = {i: i[:n].rstrip("_-") or i[:n] for i in unique}
        if len(set(cut.values())) == len(unique):
            return cut
    return {i: i for i in unique}


def _shorten(text: str, limit: int = NAME_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def _name(row: pd.Series) -> str:
    for column in ("label", "outlet"):
        value = str(row.get(column, "") or "").strip()
        if value:
            return _shorten(value)
    headline = str(row.get("headline", "") or "").strip()
    if headline:
        head = re.split(r"\s*:\s+", headline, maxsplit=1)[0]
        return _shorten(head if len(WORD_RE.findall(head)) >= 2 else headline)
    text, segments = row.get("text", ""), row.get("segments", ())
    body = next((text[s.start : s.end] for s in segments if s.section in BODY_SECTIONS), "")
    return _shorten(" ".join(WORD_RE.findall(body)[:5]))


def piece_labels(articles: pd.DataFrame) -> pd.Series:
    """The display label of each article (index aligned with ``articles``)."""
    shorts = short_ids(articles["doc_id"])
    labels = [f"{shorts[row['doc_id']]}{_SEPARATOR}{_name(row)}".rstrip(" ·") for _, row in articles.iterrows()]
    return pd.Series(labels, index=articles.index, dtype=object)

"""A normalised view of raw text for matching, with a map back to raw offsets.

Normalisation folds what differs between copies of the same words but not their meaning:
curly and straight quotes, apostrophes, dashes, non-breaking and other odd spaces, soft
hyphens and zero-width characters, runs of white space and (optionally) case. Each
character of the normalised text remembers the raw index it came from, so any span found
in the normalised view converts back to ``raw[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

__all__ = ["CHAR_FOLDS", "NormalizedText", "first_fold", "fold_char", "normalize_text", "normalized"]

#: One-to-one character folds (raw character -> normalised character).
CHAR_FOLDS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t", " "),
    "\u2026": ".",
}
#: Characters dropped from the normalised view (their raw positions are skipped).
DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


_TABLE = str.maketrans({**CHAR_FOLDS, **dict.fromkeys(DROPPED, None)})
_SPACES = re.compile(r"\s+")  # str patterns: \s is what str.isspace() calls white space


def fold_char(ch: str) -> str:
    """Fold one raw character to its normalised form (unchanged when no fold applies)."""
    return CHAR_FOLDS.get(ch, ch)


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus ``raw_index``: for each normalised character, its raw index.

    ``raw_index`` has one extra final entry (the raw end), so a normalised span
    ``[i, j)`` maps to raw ``[raw_index[i], raw_index[j - 1] + 1)``.
    """

    text: str
    raw_index: np.ndarray

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            pos = int(self.raw_index[start])
            return pos, pos
        return int(self.raw_index[start]), int(self.raw_index[end - 1]) + 1


def normalize_text(raw: str, *, lower: bool = True, collapse_space: bool = True) -> NormalizedText:
    """Return the normalised view of ``raw`` with its map back to raw offsets.

    Quotes, apostrophes, dashes and spaces are folded one to one; soft hyphens and
    zero-width characters are dropped; with ``collapse_space`` every run of white space
    (newlines included) becomes one space; with ``lower`` the text is case-folded one
    character at a time (a character whose lower case is longer keeps its case).
    """
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(raw):
        if ch in DROPPED:
            continue
        ch = fold_char(ch)
        if collapse_space and ch.isspace():
            if in_space:
                continue
            ch, in_space = " ", True
        else:
            in_space = False
        if lower:
            low = ch.lower()
            ch = low if len(low) == 1 else ch
        out.append(ch)
        index.append(i)
    index.append(len(raw))
    return NormalizedText("".join(out), np.asarray(index, dtype=np.int64))


def normalized(raw: str, *, lower: bool = True, collapse_space: bool = True) -> str:
    """``normalize_text(raw).text`` without the offset map, by whole-string operations."""
    text = raw.translate(_TABLE)
    if collapse_space:
        text = _SPACES.sub(" ", text)
    if lower:
        text = text.lower() if text.isascii() else "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return text


def first_fold(texts: list[str], width: int = 40) -> dict[str, object]:
    """Explain normalisation on the first text where it changes a character: the raw text,
    its normalised view, a ``width``-character window of the view starting at that
    character, and the same window recovered from the raw text through the offset map."""
    for text in texts:
        view = normalize_text(text)
        for i, raw_pos in enumerate(view.raw_index[:-1]):
            if view.text[i] != text[raw_pos].lower():
                start = max(0, i - width // 2)
                end = min(len(view.text), start + width)
                raw_start, raw_end = view.raw_span(start, end)
                return {
                    "raw": text,
                    "normalised": view.text,
                    "window in normalised view": view.text[start:end],
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                    "same window in raw text": text[raw_start:raw_end],
                }
    return {}

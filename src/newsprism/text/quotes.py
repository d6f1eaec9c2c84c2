"""Quotation marks paired by code point, with apostrophes told apart from closing quotes.

News text mixes straight (``"`` ``'``), curly (``“ ” ‘ ’``), low (``„ ‚``) and angle
(``« » ‹ ›``) quotation marks, and ``’`` is both the closing single quote and the
apostrophe of "Russia’s". :func:`pair_quotes` scans a text once, classifies every mark
as opening, closing or apostrophe from its neighbours, and pairs each closing mark with the
nearest open mark of the same family (double, single, angle, ...). Quotes may run over
paragraph breaks ("‘We are grateful ... aid.\\nWe will never forget this aid,’ he said");
an opening mark left unclosed is dropped, so one stray mark never swallows the rest of a
piece. Offsets are ``str`` indices into the text given.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_QUOTE_CHARS", "QUOTE_CHARS", "QuoteSpan", "is_apostrophe", "pair_quotes"]

#: A quote longer than this (in characters) is not believed: its opening mark is dropped.
MAX_QUOTE_CHARS = 1500

# mark -> (family, role); role is "open", "close" or "either" (straight marks)
_MARKS: dict[str, tuple[str, str]] = {
    "\u201c": ("double", "open"),  # “ (also closes a German „)
    "\u201d": ("double", "close"),  # ”
    "\u201e": ("double", "open"),  # „
    "\u201f": ("double", "open"),  # ‟
    '"': ("double", "either"),
    "\u2018": ("single", "open"),  # ‘
    "\u2019": ("single", "close"),  # ’ (also the apostrophe)
    "\u201a": ("single", "open"),  # ‚
    "\u201b": ("single", "open"),  # ‛
    "'": ("single", "either"),
    "\u00ab": ("angle", "open"),  # «
    "\u00bb": ("angle", "close"),  # »
    "\u2039": ("single_angle", "open"),  # ‹
    "\u203a": ("single_angle", "close"),  # ›
    "\u300c": ("corner", "open"),  # 「
    "\u300d": ("corner", "close"),  # 」
    "\u300e": ("white_corner", "open"),  # 『
    "\u300f": ("white_corner", "close"),  # 』
}
#: Every character treated as a quotation mark.
QUOTE_CHARS = frozenset(_MARKS)
_APOSTROPHE_MARKS = frozenset("'\u2019")
_OPENING_CONTEXT = frozenset("([{\u2014\u2013-/")


@dataclass(frozen=True)
class QuoteSpan:
    """One paired quotation: ``start`` is the opening mark, ``end`` is just past the closing
    mark, so ``text[start:end]`` includes both marks and ``text[start + 1:end - 1]`` is the
    quoted words."""

    start: int
    end: int
    family: str

    @property
    def inner_start(self) -> int:
        """Offset of the first quoted character."""
        return self.start + 1

    @property
    def inner_end(self) -> int:
        """Offset just past the last quoted character."""
        return self.end - 1


def _is_wordchar(ch: str) -> bool:
    return ch.isalnum()


def is_apostrophe(text: str, i: int) -> bool:
    """Whether the ``'`` or ``’`` at ``text[i]`` is an apostrophe rather than a quote mark.

    Between two letters or digits (Russia’s, isn't), or an elision before digits after a
    space (’90s), it is an apostrophe. Other positions are decided by the pairing itself
    (a plural possessive "Allies’ " is a closing quote only when a single quote is open).
    """
    if text[i] not in _APOSTROPHE_MARKS:
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev and nxt and _is_wordchar(prev) and _is_wordchar(nxt):
        return True
    return (not prev or prev.isspace()) and nxt.isdigit() and text[i + 1 : i + 3].isdigit()


def _role(text: str, i: int, family: str, role: str, open_families: list[str]) -> str:
    """Resolve the role of the mark at ``i``: "open", "close" or "skip"."""
    ch = text[i]
    if ch in _APOSTROPHE_MARKS and is_apostrophe(text, i):
        return "skip"
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == "\u201c" and open_families and open_families[-1] == "double_low":
        return "close"  # German „...“
    if role != "either":
        if ch == "\u2019" and family not in open_families:
            return "skip"  # a lone ’ after a word is an apostrophe (plural possessive)
        return role
    before_space = not prev or prev.isspace() or prev in _OPENING_CONTEXT or prev in QUOTE_CHARS
    after_space = not nxt or nxt.isspace()
    if before_space and not after_space:
        return "open"
    if not before_space and family in open_families:
        return "close"
    return "skip"


def pair_quotes(text: str, *, max_chars: int = MAX_QUOTE_CHARS) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text``; return the quotes sorted by start.

    Never raises on any ``str``; every span satisfies ``0 <= start < end <= len(text)``,
    ``text[start]`` is an opening mark and ``text[end - 1]`` a closing mark of the same
    family, and two spans are either nested or disjoint.
    """
    stack: list[tuple[str, int]] = []  # (family key, offset of the opening mark)
    pairs: list[QuoteSpan] = []
    for i, ch in enumerate(text):
        if ch not in _MARKS:
            continue
        family, role = _MARKS[ch]
        # drop opening marks that have waited too long for their closing mark
        while stack and i - stack[0][1] > max_chars:
            stack.pop(0)
        open_families = [key for key, _ in stack]
        resolved = _role(text, i, family, role, open_families)
        if resolved == "skip":
            continue
        if resolved == "open":
            key = "double_low" if ch == "\u201e" else family
            stack.append((key, i))
            continue
        match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] in (family, f"{family}_low")), None)
        if match is None:
            continue  # a closing mark with nothing open: ignore it
        start = stack[match][1]
        del stack[match:]  # marks opened inside and never closed are unbalanced: drop them
        if i > start + 1:
            pairs.append(QuoteSpan(start, i + 1, family))
    return sorted(pairs, key=lambda q: (q.start, -q.end))

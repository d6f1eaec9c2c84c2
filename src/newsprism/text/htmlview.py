"""Visible text of an HTML page as a same-length view of the raw markup.

Markup is blanked rather than removed: tags, comments, scripts, styles, navigation and
page chrome become spaces, block-level tags become a newline followed by spaces, and an
entity such as ``&amp;`` becomes its character followed by spaces. The view is exactly as
long as the raw HTML, so every offset found in it is an offset into the raw file text.
"""

from __future__ import annotations

import html
import re

__all__ = ["SOFT_HYPHEN", "html_visible_view"]

#: Filler for markup inside a word: dropped by the normalised view, ignored by name keys.
SOFT_HYPHEN = "\u00ad"

# Elements whose whole content is never article text.
_HIDDEN = ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "svg", "iframe", "button", "select", "figure")
_HIDDEN_RE = re.compile(
    r"<({})\b[^>]*>.*?</\1\s*>".format("|".join(_HIDDEN)), re.IGNORECASE | re.DOTALL
)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?[^>]*>", re.DOTALL)
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = frozenset(
    ["address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", "title", "body", "html", "caption", "figcaption"]
)


def _blank(chars: list[str], start: int, end: int, first: str = " ", fill: str = " ") -> None:
    """Overwrite ``chars[start:end]`` with ``first`` then ``fill``, keeping newlines."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = fill
    if end > start and chars[start] not in "\r\n":
        chars[start] = first


def _inside_word(raw: str, start: int, end: int) -> bool:
    """Whether markup at ``raw[start:end]`` sits between two letters or digits of one word."""
    return start > 0 and end < len(raw) and raw[start - 1].isalnum() and raw[end].isalnum()


def html_visible_view(raw: str) -> str:
    """Return the visible-text view of ``raw`` HTML, exactly ``len(raw)`` characters long."""
    chars = list(raw)
    for pattern in (_COMMENT_RE, _HIDDEN_RE):
        for m in pattern.finditer(raw):
            _blank(chars, m.start(), m.end(), "\n")
    view = "".join(chars)
    for m in _TAG_RE.finditer(view):
        if chars[m.start()] != "<":  # already blanked as part of a hidden element
            continue
        name = m.group(1).lower()
        if name in _BLOCK:
            _blank(chars, m.start(), m.end(), "\n")
        elif _inside_word(raw, m.start(), m.end()):
            # Inline markup inside a word ("Andr<i>é</i>s") must not split it: soft hyphens,
            # which the normalised view and name keys drop, keep the word whole.
            _blank(chars, m.start(), m.end(), SOFT_HYPHEN, SOFT_HYPHEN)
        else:
            _blank(chars, m.start(), m.end())
    view = "".join(chars)
    for m in _ENTITY_RE.finditer(view):
        value = html.unescape(m.group(0))
        if len(value) == 1 and value != m.group(0):
            in_word = value.isalnum() and (
                (m.start() > 0 and chars[m.start() - 1].isalnum()) or (m.end() < len(raw) and raw[m.end()].isalnum())
            )
            filler = SOFT_HYPHEN if in_word else " "
            _blank(chars, m.start(), m.end(), filler, filler)
            # The character sits next to the word it belongs to: at the end when a word follows.
            follows = raw[m.end()] if m.end() < len(raw) else " "
            at = m.end() - 1 if not follows.isspace() and follows != "<" else m.start()
            chars[at] = value if value != "\r" else " "
    # Lone angle brackets left by broken markup stay as text; nothing else changes.
    return "".join(chars)

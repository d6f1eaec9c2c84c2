"""Visible text of an HTML page as a same-length view of the raw markup.

Markup is blanked rather than removed: tags, comments, scripts, styles, navigation and
page chrome become spaces, block-level tags become a newline followed by spaces, and an
entity such as ``&amp;`` becomes its character followed by spaces. The view is exactly as
long as the raw HTML, so every offset found in it is an offset into the raw file text.
"""

from __future__ import annotations

import html
import re

__all__ = ["html_visible_view"]

# Elements whose whole content is never article text.
_HIDDEN = ("script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form", "svg", "iframe", "button", "select", "figure")
_HIDDEN_RE = re.compile(
    r"<({})\b[^>]*>.*?</\1\s*>".format("|".join(_HIDDEN)), re.IGNORECASE | re.DOTALL
)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?[^>]*>", re.DOTALL)
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = frozenset(
    ["address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", "title", "body", "html", "caption", "figcaption"]
)


def _blank(chars: list[str], start: int, end: int, first: str = " ") -> None:
    """Overwrite ``chars[start:end]`` with ``first`` and spaces, keeping newlines."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "
    if end > start and chars[start] not in "\r\n":
        chars[start] = first


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
        _blank(chars, m.start(), m.end(), "\n" if name in _BLOCK else " ")
    view = "".join(chars)
    for m in _ENTITY_RE.finditer(view):
        value = html.unescape(m.group(0))
        if len(value) == 1 and value != m.group(0):
            _blank(chars, m.start(), m.end(), " ")
            # The character sits next to the word it belongs to: at the end when a word follows.
            follows = raw[m.end()] if m.end() < len(raw) else " "
            at = m.end() - 1 if not follows.isspace() and follows != "<" else m.start()
            chars[at] = value if value != "\r" else " "
    # Lone angle brackets left by broken markup stay as text; nothing else changes.
    return "".join(chars)

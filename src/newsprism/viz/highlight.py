"""The one HTML highlighter: a window of raw text, escaped, with marked spans.

:func:`highlight` cuts the window at every mark's start and end and sweeps over the cut
points keeping a stack of open tags. Marks nest by start (earlier outside), then length
(longer outside), then input order; when a mark ends while marks opened after it are
still open, those are closed and reopened just after it, so overlapping marks give
well-formed HTML. Every character of the text is escaped, whatever it is: stripping the
tags (and the ``<sup>`` labels) and unescaping gives the window back. A mark's label is
shown where the mark starts, so a mark cut by the window is labelled in one window only.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["LABEL_CLASS", "TAGS", "Mark", "highlight"]

#: The elements a mark may be.
TAGS = frozenset({"mark", "span", "b", "strong", "u", "em", "i"})
#: CSS class of the ``<sup>`` that shows a mark's label where the mark starts.
LABEL_CLASS = "np-label"


@dataclass(frozen=True)
class Mark:
    """A ``[start, end)`` span of the raw text to mark: a ``tag`` element with an optional
    CSS class (``css``), inline ``style`` and ``title`` (the tooltip), and a ``label`` shown
    as a superscript where the mark starts."""

    start: int
    end: int
    css: str = ""
    style: str = ""
    title: str = ""
    label: str = ""
    tag: str = "mark"

    def __post_init__(self) -> None:
        if self.tag not in TAGS:
            raise ValueError(f"Mark: tag must be one of {sorted(TAGS)}, got '{self.tag}'")

    def open_tag(self) -> str:
        attrs = [(name, value) for name, value in (("class", self.css), ("style", self.style), ("title", self.title)) if value]
        return f"<{self.tag}" + "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs) + ">"

    def close_tag(self) -> str:
        return f"</{self.tag}>"


def _text(raw: str, line_breaks: bool) -> str:
    escaped = html.escape(raw, quote=True)
    return escaped.replace("\n", "<br>\n") if line_breaks else escaped


def highlight(
    raw: str, start: int = 0, end: int | None = None, marks: Iterable[Mark] = (), *, line_breaks: bool = False
) -> str:
    """Escaped HTML of ``raw[start:end]`` with every mark (clipped to the window) wrapped in
    its tag; marks outside the window or empty after clipping are left out.

    With ``line_breaks`` each newline is shown as ``<br>`` (the newline is kept after it).
    The result holds no wrapping element: the caller puts it in a ``<p>`` or ``<div>``.
    """
    end = len(raw) if end is None else min(end, len(raw))
    start = max(0, start)
    if end <= start:
        return ""
    kept = [(max(m.start, start), min(m.end, end), k, m) for k, m in enumerate(marks) if max(m.start, start) < min(m.end, end)]
    kept.sort(key=lambda x: (x[0], -x[1], x[2]))  # nesting order: outer marks first
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(kept):
        opening.setdefault(s, []).append(i)
        closing.setdefault(e, []).append(i)
    cuts = sorted({start, end, *opening, *closing})
    out: list[str] = []
    stack: list[int] = []  # open marks, outermost first (positions in ``kept``, increasing)
    active: set[int] = set()
    for lo, hi in pairwise(cuts):
        active.difference_update(closing.get(lo, ()))
        active.update(opening.get(lo, ()))
        wanted = sorted(active)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        out.extend(kept[i][3].close_tag() for i in reversed(stack[keep:]))
        for i in wanted[keep:]:
            mark = kept[i][3]
            if mark.start == lo and mark.label:  # where the mark truly starts, not where a window cuts it
                out.append(f'<sup class="{LABEL_CLASS}">{html.escape(mark.label, quote=True)}</sup>')
            out.append(mark.open_tag())
        stack = wanted
        out.append(_text(raw[lo:hi], line_breaks))
    out.extend(kept[i][3].close_tag() for i in reversed(stack))
    return "".join(out)

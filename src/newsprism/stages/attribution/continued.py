"""Continued quotes: ‘“First quote,” she said. “Second quote.”’ — the second quote goes on
in the same speaker's voice.

:func:`continued_quotes` (a pass after the constructions sweep, so that every quote with a
cue of its own is already taken) gives each direct quotation the quotes that follow it with
nothing but spaces between, each closing its sentence, none taken by another row: in the
same line, or, when the cue's sentence ends its line, in the next paragraph when that
paragraph holds nothing but the quote (the wire convention: a paragraph that is a bare quote,
after a paragraph ending on a credited quote, is the same speaker's). Each is a row of its own
(construction ``continued_quote``) with the first row's speaker and cue;
:attr:`~._article.Article.continues` links it to that row, whose channel it shares
(:mod:`~.nesting`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ._syntax import trim_quote

if TYPE_CHECKING:
    from ._article import Article

__all__ = ["continued_quotes"]

_DIRECT = ("direct_speaker_after", "direct_speaker_before")
_NEXT_SENTENCE = re.compile(r"[ \t]*(?:$|\n|[\"\u201c\u2018'A-Z])")
#: What may follow a quote that is a paragraph of its own: spaces, then the line's end.
_LINE_END = re.compile(r"[ \t]*(?:$|\n)")


def _next_line_gap(gap: str) -> bool:
    """Whether ``gap`` (between the end of a cue's sentence and the next quote) is a line break,
    or one blank line, with nothing but spaces around it."""
    return not gap.strip() and 1 <= gap.count("\n") <= 2


def continued_quotes(a: Article) -> None:
    """The continued-quote pass over every direct quotation found so far, in order."""
    ends = [s.end for s in a.sents]
    for k in range(len(a.rows)):
        row = a.rows[k]
        if row.construction not in _DIRECT or row.quote_type != "direct":
            continue
        pos = max(row.end, row.cue_end)
        n = bisect.bisect_right(ends, pos - 1)
        pos = max(pos, ends[n]) if n < len(ends) else pos  # the end of the cue's sentence
        origin = k
        while True:
            following = a.quotes_from(pos, len(a.text) + 1)[:1]
            if not following:
                break
            q = following[0]
            gap = a.text[pos : q.start]
            closes = a.text[q.inner_end - 1 : q.inner_end] in ".?!"
            if "\n" in gap:  # a bare quote in the next paragraph, alone on its line
                follows = _next_line_gap(gap) and bool(_LINE_END.match(a.text, q.end))
            else:
                follows = not gap.strip() and bool(_NEXT_SENTENCE.match(a.text, q.end))
            if q in a.used_quotes or not closes or not follows:
                break
            if a.group_at(q.start) != a.group_at(row.cue_start):
                break
            a.used_quotes.add(q)
            start, end = trim_quote(a.text, q.inner_start, q.inner_end)
            made = a.add_row(replace(row, start=start, end=end, construction="continued_quote", channel=""))
            a.continues[made] = origin
            pos = q.end

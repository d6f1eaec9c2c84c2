"""Nested attributions: "KCNA reported that engineers had pledged that ...".

:func:`link_parents` (the last pass) gives each row the row it is embedded in: the row
whose content holds this row's cue and speaker words, the innermost if several ("TASS
reported, citing the ministry, that General X had said ..." -> X's row in the ministry's).
An embedded row with no channel of its own takes the outer source as its channel when that
source is a medium (KCNA, state media), else the outer row's channel (Telegram, TASS),
else none. The rows are swept in order of their cue with the contents still open at that
point, so the pass is linear in the rows and their nesting depth. A row whose content
holds its own cue ("a narrative that has been echoed by Russian officials") describes a
noun phrase and is never embedded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._article import Article

__all__ = ["link_parents"]


def link_parents(a: Article) -> None:
    """Set ``parent`` (and the inherited channel) of every embedded row."""
    rows = a.rows
    by_start = sorted(range(len(rows)), key=lambda k: (rows[k].start, -rows[k].end))
    by_cue = sorted(range(len(rows)), key=lambda k: (rows[k].cue_start, k))
    open_rows: list[int] = []
    next_start = 0
    for k in by_cue:
        row = rows[k]
        lo = min(row.cue_start, row.speaker.start if row.speaker.end > row.speaker.start else row.cue_start)
        hi = max(row.cue_end, row.speaker.end)
        while next_start < len(by_start) and rows[by_start[next_start]].start <= lo:
            open_rows.append(by_start[next_start])
            next_start += 1
        open_rows = [j for j in open_rows if rows[j].end > lo]
        holders = [j for j in open_rows if j != k and rows[j].start <= lo and hi <= rows[j].end and rows[j].cue_start != row.cue_start]
        if not holders or row.construction == "hedge" or row.start <= row.cue_start < row.end:
            # a hedge, or a row whose content holds its own cue ("a narrative echoed by
            # officials"): a noun phrase the writer describes, not a report inside a report
            continue
        parent = min(holders, key=lambda j: (rows[j].end - rows[j].start, j))
        row.parent = parent
        outer = rows[parent]
        if not row.channel:
            row.channel = outer.speaker.source if outer.speaker.kind == "media" else outer.channel

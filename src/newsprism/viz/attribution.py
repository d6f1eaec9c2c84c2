"""One piece's text with its attributions marked: content, speaker and cue."""

from __future__ import annotations

import pandas as pd

from .highlight import Mark, highlight
from .palette import GREY, QUOTE_TYPE_COLOURS, tint

__all__ = ["attribution_html"]


def _title(r) -> str:
    return f"{r.source} ({r.source_kind}, {r.side}) - {r.cue}, {r.quote_type}" + (f", via {r.channel}" if r.channel else "")


def attribution_html(raw: str, table: pd.DataFrame) -> str:
    """The text of one piece as HTML (escaped, line breaks kept) with each attribution's
    content in a ``<mark>`` coloured by quote_type (:data:`~newsprism.viz.palette.QUOTE_TYPE_COLOURS`;
    title: source, kind, side, cue, quote type, channel), its speaker underlined and its
    cue in bold. ``table`` holds that piece's attributions."""
    marks = []
    for r in table.itertuples(index=False):
        colour = tint(QUOTE_TYPE_COLOURS.get(r.quote_type, GREY))
        marks.append(Mark(int(r.start), int(r.end), css=f"np-{r.quote_type}", style=f"background:{colour}", title=_title(r)))
        marks.append(Mark(int(r.speaker_start), int(r.speaker_end), tag="u"))
        marks.append(Mark(int(r.cue_start), int(r.cue_end), tag="b"))
    body = highlight(raw, 0, len(raw), marks, line_breaks=True)
    return f'<div style="font-family:Georgia,serif;line-height:1.5;max-width:60rem">{body}</div>'

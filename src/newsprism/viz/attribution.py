"""One piece's text with its attributions marked: content, speaker and cue."""

from __future__ import annotations

import html

import pandas as pd

from .highlight import Mark, highlight
from .palette import GREY, QUOTE_TYPE_COLOURS, tint

__all__ = ["attribution_html", "attribution_legend"]


def _title(r) -> str:
    return f"{r.source} ({r.source_kind}, {r.side}) - {r.cue}, {r.quote_type}" + (f", via {r.channel}" if r.channel else "")


def attribution_legend() -> str:
    """One line saying what the marks of :func:`attribution_html` mean: the colour of each
    quote type, the underlined speaker and the cue in bold."""
    kinds = " ".join(f'<mark style="background:{tint(colour)}">{html.escape(kind.replace("_", " "))}</mark>' for kind, colour in QUOTE_TYPE_COLOURS.items())
    return f"<p>Reported words by quote type: {kinds}; <u>speaker</u> underlined; <b>cue</b> in bold; hover a mark for its source.</p>"


def attribution_html(raw: str, table: pd.DataFrame) -> str:
    """The text of one piece as HTML (escaped, line breaks kept) with each attribution's
    content in a ``<mark>`` coloured by quote_type (:data:`~newsprism.viz.palette.QUOTE_TYPE_COLOURS`;
    title: source, kind, side, cue, quote type, channel), its speaker underlined and its
    cue in bold (:func:`attribution_legend` says so). ``table`` holds that piece's attributions."""
    marks = []
    for r in table.itertuples(index=False):
        colour = tint(QUOTE_TYPE_COLOURS.get(r.quote_type, GREY))
        marks.append(Mark(int(r.start), int(r.end), css=f"np-{r.quote_type}", style=f"background:{colour}", title=_title(r)))
        marks.append(Mark(int(r.speaker_start), int(r.speaker_end), tag="u"))
        marks.append(Mark(int(r.cue_start), int(r.cue_end), tag="b"))
    body = highlight(raw, 0, len(raw), marks, line_breaks=True)
    return f'<div style="font-family:Georgia,serif;line-height:1.5;max-width:60rem">{body}</div>'

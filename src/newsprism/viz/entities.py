"""One piece's text with its entity mentions marked by label (the view displaCy gave)."""

from __future__ import annotations

import pandas as pd

from newsprism.errors import NewsprismError

from ._names import piece_heading
from .highlight import Mark, highlight
from .palette import ENTITY_LABEL_COLOURS, GREY, tint

__all__ = ["entity_html"]

_SHOWN_SECTIONS = frozenset({"headline", "subheading", "body"})


def _style(label: str) -> str:
    return f"background:{tint(ENTITY_LABEL_COLOURS.get(label, GREY), 0.45)};border-radius:0.25em;padding:0 0.1em"


def entity_html(articles: pd.DataFrame, mentions: pd.DataFrame, doc_id: str) -> str:
    """The headline-to-body text of one piece (escaped, line breaks kept) with every
    mention of ``mentions`` marked in the colour of its label
    (:data:`~newsprism.viz.palette.ENTITY_LABEL_COLOURS`). A mention's title gives its label,
    and "label → entity" when its canonical entity differs from its text, so merges show."""
    match = articles[articles["doc_id"] == doc_id]
    if match.empty:
        raise NewsprismError(f"entities: no article with doc_id '{doc_id}'")
    raw = match["raw"].iloc[0]
    shown = [s for s in match["segments"].iloc[0] if s.section in _SHOWN_SECTIONS]
    lo, hi = (shown[0].start, shown[-1].end) if shown else (0, len(raw))
    mine = mentions[mentions["doc_id"] == doc_id]
    marks = [
        Mark(int(r.start), int(r.end), css="np-entity", style=_style(r.label), title=r.label if r.entity == r.text else f"{r.label} → {r.entity}")
        for r in mine.itertuples(index=False)
    ]
    labels = [label for label in ENTITY_LABEL_COLOURS if label in set(mine["label"])]
    legend = " ".join(f'<mark style="{_style(label)}">{label}</mark>' for label in labels)
    return (
        f'<div style="line-height:1.9;max-width:60rem">{piece_heading(articles, doc_id)}<p>{legend}</p>'
        f"{highlight(raw, lo, hi, marks, line_breaks=True)}</div>"
    )

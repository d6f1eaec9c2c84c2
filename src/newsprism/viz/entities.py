"""Entity mentions drawn over a piece's text: displaCy ``ent`` highlights with merges shown."""

from __future__ import annotations

import html

import pandas as pd

from newsprism.corpus.views import check_articles
from newsprism.errors import NewsprismError

__all__ = ["HIGHLIGHT_COLOURS", "entity_highlights_html"]


#: Colours of the displaCy highlights, one per label (deterministic).
HIGHLIGHT_COLOURS = {"PERSON": "#f4c56f", "ORG": "#9dc3e6", "GPE": "#a9d18e", "LOC": "#c5e0b4", "NORP": "#d9b8e6", "FAC": "#f2b8a2", "EVENT": "#ffe699", "PRODUCT": "#d0cece"}


def entity_highlights_html(articles: pd.DataFrame, mentions: pd.DataFrame, doc_id: str) -> str:
    """displaCy ``ent`` HTML of one piece's parsed text with every mention highlighted.

    Each highlight shows the label; a mention whose canonical entity differs from its
    text carries "label → entity" so merges are visible. Deterministic bytes.
    """
    from spacy import displacy

    check_articles(articles, "entities")
    match = articles[articles["doc_id"] == doc_id]
    if match.empty:
        raise NewsprismError(f"entities: no article with doc_id '{doc_id}'")
    raw = match["raw"].iloc[0]
    mentions = mentions[mentions["doc_id"] == doc_id]
    segments = [s for s in match["segments"].iloc[0] if s.section in {"headline", "subheading", "body"}]
    lo, hi = segments[0].start, segments[-1].end
    ents = [
        {"start": int(r.start) - lo, "end": int(r.end) - lo, "label": r.label if r.entity == r.text else f"{r.label} → {r.entity}"}
        for r in mentions.itertuples(index=False)
        if lo <= r.start and r.end <= hi
    ]
    colours = {**HIGHLIGHT_COLOURS, **{e["label"]: HIGHLIGHT_COLOURS.get(e["label"].split(" ")[0], "#dddddd") for e in ents}}
    doc = {"text": raw[lo:hi], "ents": ents, "title": html.escape(doc_id)}
    return displacy.render(doc, style="ent", manual=True, jupyter=False, options={"colors": colours})

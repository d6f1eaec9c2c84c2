"""The spans behind a framing score: one piece's paragraphs with the lexicon hits marked."""

from __future__ import annotations

import html

import pandas as pd

from newsprism.corpus.sentences import paragraphs
from newsprism.errors import NewsprismError

from ._names import piece_name
from .highlight import Mark, highlight
from .palette import GREY, frame_colours, tint

__all__ = ["evidence_html"]


def evidence_html(
    evidence: pd.DataFrame, articles: pd.DataFrame, doc_id: str, frame: str | None = None, *, column: str = "frame"
) -> str:
    """HTML showing the spans behind one cell: the body paragraphs of ``doc_id`` that hold a
    hit of ``frame`` (every hit if ``frame`` is None), escaped, with each hit in ``<mark>``.

    ``column`` names the evidence column that ``frame`` selects on ("referent" or "term"
    for the lexical-choice evidence). Each mark's title gives the label, the lexicon term
    and the raw offsets (and, for a hit in quoted words, who is quoted); frame hits are
    coloured by frame (:func:`~newsprism.viz.palette.frame_colours`); each paragraph starts
    with its raw offsets in brackets. With a ``voice`` column the heading also counts the
    hits in the piece's own words and in the words it quotes.
    """
    if doc_id not in set(articles["doc_id"]):
        raise NewsprismError(f"unknown doc_id '{doc_id}'")
    if column not in evidence.columns:
        raise NewsprismError(f"evidence table has no column '{column}'")
    piece = articles[articles["doc_id"] == doc_id]
    raw, n_words = piece["raw"].iloc[0], int(piece["n_words"].iloc[0])
    hits = evidence[evidence["doc_id"] == doc_id]
    if frame is not None:
        hits = hits[hits[column] == frame]
    hits = hits.sort_values(["start", "end"], kind="stable")
    label = html.escape(frame if frame is not None else f"all {column}s")
    rate = round(len(hits) * 1000 / n_words, 4) if n_words else 0.0
    voices = ""
    if "voice" in hits.columns and len(hits):
        quoted = int((hits["voice"] == "quoted").sum())
        voices = f"; {len(hits) - quoted} in the piece's own words, {quoted} in quoted words"
    head = (
        f'<p><b title="{html.escape(doc_id, quote=True)}">{html.escape(piece_name(articles, doc_id))}</b> &middot;'
        f" {label}: {len(hits)} hit{'s' if len(hits) != 1 else ''}"
        f" ({rate:.2f} per 1,000 body words{voices})</p>"
    )
    if hits.empty:
        return f'<div class="newsprism-evidence">{head}</div>'
    colours = frame_colours() if column == "frame" else {}
    marks = []
    for h in hits.itertuples(index=False):
        value, start, end = getattr(h, column), int(h.start), int(h.end)
        style = f"background:{tint(colours.get(value, GREY), 0.45)}" if colours else ""
        source = getattr(h, "quoted_source", "") if getattr(h, "voice", "") == "quoted" else ""
        quoted = f", quoted from {source}" if isinstance(source, str) and source else ""
        marks.append(Mark(start, end, style=style, title=f"{value}: {h.term} [{start}-{end}]{quoted}"))
    blocks = []
    for p in paragraphs(piece).itertuples(index=False):
        if not ((hits["start"] >= p.start) & (hits["end"] <= p.end)).any():
            continue
        text = highlight(raw, int(p.start), int(p.end), marks)
        blocks.append(f'<p style="margin:0.4em 0"><small>[{p.start}&ndash;{p.end}]</small> {text}</p>')
    return f'<div class="newsprism-evidence">{head}{"".join(blocks)}</div>'

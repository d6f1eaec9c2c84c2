"""Two pieces side by side with the passages they share highlighted."""

from __future__ import annotations

import html

import pandas as pd

from newsprism.corpus.sentences import paragraphs
from newsprism.corpus.views import distinct_articles

from ._names import piece_heading, piece_name
from .highlight import Mark, highlight
from .palette import PASSAGE_KIND_COLOURS, tint

__all__ = ["side_by_side_html"]


def _passage_style(kind: str) -> str:
    return f"background:{tint(PASSAGE_KIND_COLOURS.get(kind, PASSAGE_KIND_COLOURS['stock']))}"


def side_by_side_html(
    articles: pd.DataFrame,
    passages: pd.DataFrame,
    doc_a: str,
    doc_b: str,
    *,
    verdicts: pd.DataFrame | None = None,
    include_stock: bool = False,
) -> str:
    """Two pieces' bodies side by side, shared passages highlighted and numbered by passage_id.

    Each passage is marked in the colour of its kind (:data:`~newsprism.viz.palette.PASSAGE_KIND_COLOURS`:
    verbatim, near; stock phrasing, per the ``passage_verdicts`` table ``verdicts``, shown
    only with ``include_stock``, in grey), labelled ``[passage_id]`` where it starts; each
    piece headed by its label. Article text is HTML-escaped.
    """
    if doc_b < doc_a:
        doc_a, doc_b = doc_b, doc_a
    pair = passages[(passages["doc_a"] == doc_a) & (passages["doc_b"] == doc_b)]
    stock_ids = set() if verdicts is None else set(verdicts.loc[verdicts["stock"].astype(bool), "passage_id"])
    pair = pair.assign(stock=pair["passage_id"].isin(stock_ids))
    if not include_stock:
        pair = pair[~pair["stock"]]
    table = distinct_articles(articles)
    raws = dict(zip(table["doc_id"], table["raw"]))
    paras = paragraphs(table)
    columns = []
    for doc, side in ((doc_a, "a"), (doc_b, "b")):
        marks = []
        for s, e, pid, stock, kind in zip(pair[f"{side}_start"], pair[f"{side}_end"], pair["passage_id"], pair["stock"], pair["kind"]):
            kind = "stock" if bool(stock) else str(kind)
            marks.append(Mark(int(s), int(e), style=_passage_style(kind), title=f"passage {int(pid)} ({kind})", label=f"[{int(pid)}]"))
        mine = paras[paras["doc_id"] == doc]
        body = "".join(f"<p>{highlight(raws[doc], int(p.start), int(p.end), marks)}</p>" for p in mine.itertuples(index=False))
        columns.append(f'<div style="flex:1;min-width:0">{piece_heading(table, doc)}{body}</div>')
    kinds = [k for k in PASSAGE_KIND_COLOURS if include_stock or k != "stock"]
    legend = " ".join(f'<mark style="{_passage_style(k)}">{k}</mark>' for k in kinds)
    return (
        '<div style="font-size:0.85em;line-height:1.45">'
        f"<p>Shared passages between {html.escape(piece_name(table, doc_a))} and {html.escape(piece_name(table, doc_b))}: {legend}; [n] is the passage_id.</p>"
        f'<div style="display:flex;gap:1.5em">{"".join(columns)}</div></div>'
    )

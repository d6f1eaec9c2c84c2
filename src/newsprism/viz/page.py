"""One notebook page of the report: pieces by their labels, tables and charts with their CSV.

A numbered notebook makes a :class:`Page` once and shows everything through it, so every
page names the pieces the same way (:func:`newsprism.corpus.labels.piece_labels`), colours
them the same way (:func:`newsprism.viz.palette.piece_colours`), and puts a link to the CSV
behind every table (``tables/STAGE.csv``, written by the report) and every chart
(``figures/NAME.csv``, written beside the PNG)::

    page = Page(run, OUT, "03")
    page.table(run.table("passages"), stage="passages", columns=[...])
    fig, ax = heatmap(...)
    page.chart(fig, plotted, "reuse_map")
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from newsprism.corpus.views import distinct_articles

from .charts import save_chart
from .display import interactive, table_view
from .palette import piece_colours

__all__ = ["LONG_TABLE_ROWS", "Page"]

#: Tables longer than this are shown as sortable, searchable tables.
LONG_TABLE_ROWS = 15


def _quietly(read):
    """``read()`` without the run's warnings about skipped files (logged once per run): page
    01 lists them as a table, and no other page should open on them."""
    logger = logging.getLogger("newsprism")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return read()
    finally:
        logger.setLevel(level)


class Page:
    """The notebook page ``number`` (``"03"``) of a run whose report goes to ``out``."""

    def __init__(self, run, out: str | Path, number: str) -> None:
        self.run = run
        self.out = Path(out)
        self.number = number
        articles = _quietly(lambda: run.articles)
        self.labels: dict[str, str] = dict(zip(articles["doc_id"], articles["label"]))
        #: the distinct pieces (copies left out), in doc_id order: the rows of pairwise charts
        self.docs: list[str] = list(distinct_articles(articles)["doc_id"])
        self.colours: dict[str, str] = piece_colours(self.docs)
        #: the same colours keyed by label, for charts whose rows or groups are labels
        self.label_colours: dict[str, str] = {self.label(d): c for d, c in self.colours.items()}

    def label(self, doc_id: str) -> str:
        """The display label of a piece; a ``"; "``-joined list of doc_ids (``variants.doc_ids``)
        becomes the list of their labels. Anything else is returned as it is."""
        if not isinstance(doc_id, str) or doc_id in self.labels:
            return self.labels.get(doc_id, doc_id)
        parts = doc_id.split("; ")
        if len(parts) > 1 and all(p in self.labels for p in parts):
            return "; ".join(self.labels[p] for p in parts)
        return doc_id

    def labelled(self, table: pd.DataFrame, columns: Mapping[str, str] | Sequence[str] = ("doc_id",)) -> pd.DataFrame:
        """``table`` with each doc_id column replaced by the pieces' labels, renamed as given
        (``{"doc_a": "piece A"}``; a plain list keeps the names, ``doc_id`` becomes ``piece``)."""
        names = dict(columns) if isinstance(columns, Mapping) else {c: "piece" if c == "doc_id" else c for c in columns}
        out = table.copy()
        for column in names:
            if column in out.columns:
                out[column] = out[column].map(self.label)
        return out.rename(columns=names)

    def table(
        self,
        table: pd.DataFrame,
        *,
        stage: str | None = None,
        columns: Sequence[str] | None = None,
        labels: Mapping[str, str] | Sequence[str] = (),
        rename: Mapping[str, str] | None = None,
        rows: int | None = None,
        caption: str = "",
        empty: str = "",
    ):
        """Show ``table`` for reading (see :mod:`newsprism.viz.display`), long tables sortable
        and searchable, with a link to ``tables/STAGE.csv`` (the table the rows come from).
        With ``empty``, a table without rows is shown as that sentence instead."""
        from IPython.display import HTML, display

        shown = table if columns is None else table[list(columns)]
        shown = self.labelled(shown, labels) if labels else shown
        shown = shown.rename(columns=dict(rename or {}))
        if rows is not None:
            shown = shown.head(rows)
        if empty and shown.empty:
            display(HTML(f'<p class="np-empty"><em>{html.escape(empty)}</em></p>'))
        else:
            view = interactive(shown) if len(shown) > LONG_TABLE_ROWS else table_view(shown)
            display(HTML(view.to_html()))  # the HTML alone: a Styler's text form carries a memory address
        note = html.escape(caption)
        if stage:
            link = f'Data: <a href="tables/{html.escape(stage)}.csv">tables/{html.escape(stage)}.csv</a>'
            note = f"{note} {link}" if note else link
        if note:
            display(HTML(f'<p class="np-data">{note}</p>'))

    def view(self, body: str, summary: str = "") -> None:
        """Show an HTML view (a text with its marks); with ``summary``, folded under that line
        until the reader opens it, so long texts do not make the page long."""
        from IPython.display import HTML, display

        if summary:
            body = f'<details class="np-view" style="margin:0.3rem 0"><summary style="cursor:pointer;font-weight:600">{html.escape(summary)}</summary>{body}</details>'
        display(HTML(body))

    def chart(self, fig, data: pd.DataFrame, name: str, caption: str = "") -> None:
        """Save ``fig`` as ``figures/NN_NAME.png`` beside ``NN_NAME.csv`` (the data it plots),
        and show the saved picture with a link to that CSV."""
        import matplotlib.pyplot as plt
        from IPython.display import HTML, Image, display

        stem = f"{self.number}_{name}"
        width = int(fig.get_figwidth() * 100)  # shown at screen size; the file keeps its 150 dpi
        png = save_chart(fig, data, stem, self.out)
        plt.close(fig)
        display(Image(filename=str(png), width=width))
        note = f"{html.escape(caption)} " if caption else ""
        display(HTML(f'<p class="np-data">{note}Data: <a href="figures/{html.escape(stem)}.csv">figures/{html.escape(stem)}.csv</a></p>'))

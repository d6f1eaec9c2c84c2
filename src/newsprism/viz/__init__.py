"""Display code, apart from the stages (as scikit-learn keeps its ``_plot``): one palette,
one HTML highlighter and the views built on it, chart helpers, and tables for reading.

No stage module imports this package.
"""

from __future__ import annotations

from .attribution import attribution_html, attribution_legend
from .charts import (
    DPI,
    grouped_bars,
    heatmap,
    new_figure,
    ranked_bars,
    save_chart,
    short_labels,
    stacked_bars,
    style,
    wrap_labels,
)
from .display import cell_text, interactive, readable, table_view
from .entities import entity_html
from .framing import evidence_html
from .highlight import Mark, highlight
from .page import Page
from .palette import (
    ENTITY_LABEL_COLOURS,
    FRAME_CYCLE,
    GREY,
    OKABE_ITO,
    PALETTE,
    PASSAGE_KIND_COLOURS,
    QUOTE_TYPE_COLOURS,
    SIDE_COLOURS,
    SOURCE_KIND_COLOURS,
    category_colours,
    frame_colours,
    legend_handles,
    piece_colours,
    tint,
)
from .reuse import side_by_side_html

__all__ = [
    "DPI",
    "ENTITY_LABEL_COLOURS",
    "FRAME_CYCLE",
    "GREY",
    "OKABE_ITO",
    "PALETTE",
    "PASSAGE_KIND_COLOURS",
    "QUOTE_TYPE_COLOURS",
    "SIDE_COLOURS",
    "SOURCE_KIND_COLOURS",
    "Mark",
    "Page",
    "attribution_html",
    "attribution_legend",
    "category_colours",
    "cell_text",
    "entity_html",
    "evidence_html",
    "frame_colours",
    "grouped_bars",
    "heatmap",
    "highlight",
    "interactive",
    "legend_handles",
    "new_figure",
    "piece_colours",
    "ranked_bars",
    "readable",
    "save_chart",
    "short_labels",
    "side_by_side_html",
    "stacked_bars",
    "style",
    "table_view",
    "tint",
    "wrap_labels",
]

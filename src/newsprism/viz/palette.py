"""The one palette: a fixed colour for every side, kind of source, quote type, frame,
passage kind and entity label, and a colour per piece by its position in the corpus.

Colours come from colour-blind-safe sets: Okabe & Ito (2008) for the categories of a few
values and for the pieces, Paul Tol's *muted* then *light* schemes for the frames (fifteen
of them: no qualitative set tells that many hues apart, so the muted nine and the light
eight also differ in lightness). "unknown" and other "no value" categories are grey.
HTML highlights use a :func:`tint` of the same colour (the hue mixed with white), so a
quote type is the same hue in a chart and behind the text it colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from matplotlib.patches import Patch

from newsprism.resources.files import resource

__all__ = [
    "ENTITY_LABEL_COLOURS",
    "FRAME_CYCLE",
    "GREY",
    "OKABE_ITO",
    "PALETTE",
    "PASSAGE_KIND_COLOURS",
    "QUOTE_TYPE_COLOURS",
    "SIDE_COLOURS",
    "SOURCE_KIND_COLOURS",
    "category_colours",
    "frame_colours",
    "legend_handles",
    "piece_colours",
    "tint",
]

#: Okabe & Ito's eight colours, by name.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: Neutral grey for "unknown", stock phrasing and any value outside a fixed category.
GREY = "#999999"
#: The qualitative cycle of every chart and of the pieces (Okabe-Ito order).
PALETTE = list(OKABE_ITO.values())

_O = OKABE_ITO
#: The side a source speaks for (``attributions.side``; "unknown" where none is known).
SIDE_COLOURS = {
    "Russian": _O["vermillion"],
    "North Korean": _O["blue"],
    "South Korean": _O["bluish_green"],
    "Ukrainian": _O["orange"],
    "other": _O["reddish_purple"],
    "unknown": GREY,
}
#: ``attributions.source_kind``.
SOURCE_KIND_COLOURS = {
    "person": _O["blue"],
    "organization": _O["orange"],
    "media": _O["bluish_green"],
    "anonymous": _O["vermillion"],
}
#: ``attributions.quote_type``.
QUOTE_TYPE_COLOURS = {
    "direct": _O["orange"],
    "mixed": _O["bluish_green"],
    "indirect": _O["blue"],
    "according_to": _O["reddish_purple"],
}
#: ``passages.kind``, and "stock" for passages judged stock phrasing (no evidence of reuse).
PASSAGE_KIND_COLOURS = {"verbatim": _O["orange"], "near": _O["sky_blue"], "stock": GREY}
#: spaCy entity labels of the ``mentions`` table.
ENTITY_LABEL_COLOURS = {
    "PERSON": _O["orange"],
    "ORG": _O["sky_blue"],
    "GPE": _O["bluish_green"],
    "LOC": _O["yellow"],
    "NORP": _O["reddish_purple"],
    "FAC": _O["vermillion"],
    "EVENT": _O["blue"],
    "PRODUCT": GREY,
}
#: Frame colours in lexicon order: Tol's muted scheme, then Tol's light scheme (no grey).
FRAME_CYCLE = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
)  # fmt: skip
_FRAMES_FILE = "lexicons/frames.csv"
_NAMED = (SIDE_COLOURS, SOURCE_KIND_COLOURS, QUOTE_TYPE_COLOURS, PASSAGE_KIND_COLOURS, ENTITY_LABEL_COLOURS)


def _frame_colours(table: pd.DataFrame) -> dict[str, str]:
    frames = dict.fromkeys(f.strip() for f in table["frame"] if f.strip())
    return {frame: FRAME_CYCLE[k % len(FRAME_CYCLE)] for k, frame in enumerate(frames)}


def frame_colours() -> dict[str, str]:
    """``{frame: colour}`` for every frame of ``data/lexicons/frames.csv``, in file order
    (past seventeen frames the colours repeat)."""
    return dict(resource(_FRAMES_FILE, _frame_colours))


def piece_colours(doc_ids: Iterable[str]) -> dict[str, str]:
    """``{doc_id: colour}``: the k-th distinct piece of ``doc_ids`` gets ``PALETTE[k]``
    (cycling), so the same corpus order always gives the same colours."""
    unique = list(dict.fromkeys(doc_ids))
    return {doc_id: PALETTE[k % len(PALETTE)] for k, doc_id in enumerate(unique)}


def category_colours(values: Iterable[str]) -> dict[str, str]:
    """Colours for ``values``: from the fixed category (sides, kinds of source, quote
    types, passage kinds, entity labels, frames) that holds them all, else the
    :data:`PALETTE` cycle in the order given; "unknown" and "" are always grey."""
    values = list(dict.fromkeys(values))
    known = [v for v in values if v not in ("unknown", "")]
    for named in (*_NAMED, frame_colours()):
        if known and all(v in named for v in known):
            return {v: named.get(v, GREY) for v in values}
    cycle = iter(PALETTE * (len(values) // len(PALETTE) + 1))
    return {v: GREY if v in ("unknown", "") else next(cycle) for v in values}


def tint(colour: str, share: float = 0.35) -> str:
    """``colour`` mixed with white (``share`` of the colour): a light background for text."""
    colour = colour.lstrip("#")
    if len(colour) != 6:
        raise ValueError(f"tint: expected a #rrggbb colour, got '#{colour}'")
    channels = [int(colour[k : k + 2], 16) for k in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)


def legend_handles(colours: Mapping[str, str], labels: Mapping[str, str] | Sequence[str] | None = None) -> list[Patch]:
    """One legend patch per entry of ``colours`` (``labels`` renames them: a mapping, or a
    sequence in the same order)."""
    if labels is None:
        names = list(colours)
    elif isinstance(labels, Mapping):
        names = [labels.get(k, k) for k in colours]
    else:
        names = list(labels)
    return [Patch(facecolor=colour, edgecolor="none", label=str(name)) for name, colour in zip(names, colours.values())]

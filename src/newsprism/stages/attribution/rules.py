"""Display of one piece's attributions as HTML (to move to :mod:`newsprism.viz`).

The attribution rules themselves are laid out by concern in this package
(:mod:`newsprism.stages.attribution`): :mod:`~.passes` (the order of the passes),
:mod:`~.verbs`, :mod:`~.speech_nouns`, :mod:`~.according`, :mod:`~.headlines`,
:mod:`~.hedges`, :mod:`~.channels`, :mod:`~.table` and :mod:`~.summaries`.
"""

from __future__ import annotations

import html
import itertools

import pandas as pd

__all__ = ["attribution_html"]

_HIGHLIGHT = {"direct": "#fdd49e", "mixed": "#c7e9c0", "indirect": "#c6dbef", "according_to": "#dadaeb"}


def attribution_html(raw: str, table: pd.DataFrame) -> str:
    """The text of one piece as HTML (escaped) with each attribution's content in a
    ``<mark>`` coloured by quote_type (title: source, cue, channel), its speaker underlined
    and its cue in bold. ``table`` holds that piece's attributions."""
    spans: list[tuple[int, int, str, str]] = []
    for r in table.itertuples(index=False):
        title = f"{r.source} ({r.source_kind}, {r.side}) - {r.cue}, {r.quote_type}" + (f", via {r.channel}" if r.channel else "")
        spans.append((int(r.start), int(r.end), "content", f"{r.quote_type}\0{title}"))
        if r.speaker_end > r.speaker_start:
            spans.append((int(r.speaker_start), int(r.speaker_end), "speaker", ""))
        spans.append((int(r.cue_start), int(r.cue_end), "cue", ""))
    spans = [sp for sp in spans if sp[0] < sp[1]]
    cuts = sorted({0, len(raw), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for k, (s, e, _, _) in enumerate(spans):
        opening.setdefault(s, []).append(k)
        closing.setdefault(e, []).append(k)
    active: set[int] = set()  # the spans covering the current piece (a sweep over the cuts)
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(raw[a:b]).replace("\n", "<br>\n")
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        covering = [spans[k] for k in sorted(active)]
        kinds = {k for _, _, k, _ in covering}
        if "cue" in kinds:
            piece = f"<b>{piece}</b>"
        if "speaker" in kinds:
            piece = f"<u>{piece}</u>"
        contents = [info for _, _, k, info in covering if k == "content"]
        if contents:
            quote_type, title = contents[0].split("\0")
            titles = "; ".join(dict.fromkeys(info.split("\0")[1] for info in contents))
            piece = (
                f'<mark style="background:{_HIGHLIGHT.get(quote_type, "#eeeeee")}" title="{html.escape(titles)}">{piece}</mark>'
            )
        out.append(piece)
    return '<div style="font-family:Georgia,serif;line-height:1.5;max-width:60rem">' + "".join(out) + "</div>"

"""The ``evidence`` table: every frame-lexicon hit behind a frame score, as a raw span.

Frames are counted with the lexicon of ``data/lexicons/frames.csv`` (matching on lemmas
and multiword terms without double counting: :mod:`newsprism.nlp.matchers`) over the
body and subheading lines of each article's shared spaCy parse. Each hit says where it
stands and whether it counts (see :mod:`._hits`):

- ``section``: body or subheading; the ``frames`` table counts body hits, subheading hits
  apart;
- ``voice``: "outlet" for the piece's own words, "quoted" for words inside a direct quote
  or the quoted fragment of a mixed attribution, with the speaker in ``quoted_source``
  (from the ``attributions`` table);
- ``excluded``: why the hit is not a frame word, else "": inside a name (an entity
  mention of the ``mentions`` stage, or a capitalised name such as "‘Allies’ Avenue"), or
  a term's context rule of the lexicon (``pos``, ``exclude``: :mod:`._rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.views import english_only
from newsprism.resources.lexicons import check_frame_lexicon, frame_lexicon

from ._hits import placed_hits
from ._rules import TermRules

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EVIDENCE_COLUMNS", "evidence_table"]

EVIDENCE_COLUMNS = [
    "doc_id", "frame", "term", "start", "end", "sentence", "text", "match", "version", "sent_id",
    "section", "voice", "quoted_source", "excluded",
]  # fmt: skip


@english_only
def evidence_table(
    articles: pd.DataFrame,
    docs: Mapping[str, Doc],
    mentions: pd.DataFrame,
    attributions: pd.DataFrame,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per lexicon hit in an article's body or subheadings (see the module docstring).

    Columns: doc_id, frame, term (the lexicon entry), start, end (raw offsets), sentence,
    text (``raw[start:end]``), match, version (of the lexicon entry), sent_id, section
    (body | subheading), voice (outlet | quoted), quoted_source, excluded ("" when the hit
    counts, else the reason).
    """
    lexicon = frame_lexicon() if lexicon is None else check_frame_lexicon(lexicon)
    entries = list(zip(lexicon["frame"], lexicon["term"], lexicon["match"]))
    versions = list(lexicon["version"]) if "version" in lexicon.columns else [""] * len(lexicon)
    rows = [
        {
            "doc_id": p.doc_id,
            "frame": p.hit.term.key,
            "term": p.hit.term.term,
            "start": p.hit.start,
            "end": p.hit.end,
            "sentence": p.sentence,
            "text": p.text,
            "match": p.hit.term.match,
            "version": versions[p.hit.term.order],
            "sent_id": p.sent_id,
            "section": p.section,
            "voice": p.voice,
            "quoted_source": p.quoted_source,
            "excluded": p.excluded,
        }
        for p in placed_hits(articles, docs, mentions, attributions, entries, TermRules(lexicon))
    ]
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    table = table.astype({"start": "int64", "end": "int64", "sent_id": "int64"})
    return table.sort_values(["doc_id", "start", "end", "frame"], kind="stable").reset_index(drop=True)

"""The ``attributions`` table: who each piece quotes or cites, how, and through which channel.

:func:`attributions` reads the shared dependency parse sentence by sentence (headline and
body, :func:`newsprism.corpus.sentences.sentences`), runs the passes of
:mod:`newsprism.stages.attribution.passes` on each piece, drops duplicate rows and sorts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.sentences import sentences
from newsprism.corpus.views import english_only
from newsprism.nlp.parse import PARSED_SECTIONS

from ._article import Article, Sentence
from ._lexicon import lexicon
from .passes import article_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ATTRIBUTION_COLUMNS", "CONSTRUCTIONS", "QUOTE_TYPES", "article_models", "attributions", "attributions_table"]

#: Values of ``quote_type``.
QUOTE_TYPES = ("direct", "mixed", "indirect", "according_to")
#: Values of ``construction``.
CONSTRUCTIONS = (
    "direct_speaker_after",
    "direct_speaker_before",
    "headline_colon",
    "reporting_clause",
    "reporting_object",
    "passive_agent",
    "speech_noun",
    "according_to",
    "hedge",
    "continued_quote",
)
#: Columns of the ``attributions`` table (the INTERFACE columns first).
ATTRIBUTION_COLUMNS = [
    "doc_id",
    "source",
    "source_kind",
    "cue",
    "quote_type",
    "channel",
    "content",
    "start",
    "end",
    "side",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "section",
    "construction",
    "speaker_how",
    "cue_text",
    "cue_start",
    "cue_end",
    "row_id",
    "parent",
]


@english_only
def attributions(articles: pd.DataFrame, docs: Mapping[str, Doc], mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``attributions`` table: one row per attribution (who is quoted or cited).

    Columns (INTERFACE first): doc_id, source (canonical), source_kind (person,
    organization, media, anonymous), cue (reporting verb lemma, "according to", a speech
    noun, "colon", "reportedly"), quote_type (direct, mixed, indirect, according_to),
    channel, content (``raw[start:end]``: the quoted words, or the reported clause or
    phrase), start, end; then side, speaker_text/speaker_start/speaker_end (the words naming
    the source; empty for hedges), section, construction, speaker_how (name, surname,
    spelling, role, apposition, possessive, pronoun, relative, inherited, entity, unnamed),
    cue_text/cue_start/cue_end, row_id ("<doc_id>#<n>", n from 1 in table order within the
    piece) and parent (the row_id of the attribution this one is embedded in, "" if none:
    "KCNA reported that soldiers had acknowledged ..." gives the soldiers' row KCNA's as
    parent). Sorted by doc_id, start, end, cue_start, source.
    """
    records = []
    for raw, article in article_models(articles, docs, mentions):
        doc_id = article.doc_id
        kept: dict[tuple, int] = {}  # duplicate key -> the row number kept
        number: dict[int, int] = {}  # row number -> the row number kept for it
        rows = article_rows(article)
        first = len(records)
        for k, r in enumerate(rows):
            key = (r.cue_start, r.speaker.source, r.start, r.end)
            if key in kept:
                number[k] = kept[key]
                continue
            kept[key] = number[k] = k
            records.append(
                {
                    "doc_id": doc_id,
                    "source": r.speaker.source,
                    "source_kind": r.speaker.kind,
                    "cue": r.cue,
                    "quote_type": r.quote_type,
                    "channel": r.channel,
                    "content": raw[r.start : r.end],
                    "start": r.start,
                    "end": r.end,
                    "side": r.speaker.side,
                    "speaker_text": raw[r.speaker.start : r.speaker.end],
                    "speaker_start": r.speaker.start,
                    "speaker_end": r.speaker.end,
                    "section": r.section,
                    "construction": r.construction,
                    "speaker_how": r.speaker.how,
                    "cue_text": raw[r.cue_start : r.cue_end],
                    "cue_start": r.cue_start,
                    "cue_end": r.cue_end,
                    "_number": k,
                    "_parent": number.get(r.parent, -1) if r.parent >= 0 else -1,
                }
            )
        _number_rows(records[first:], doc_id)
    table = pd.DataFrame(records, columns=[*ATTRIBUTION_COLUMNS])
    table = table.sort_values(["doc_id", "start", "end", "cue_start", "source"], kind="stable").reset_index(drop=True)
    for column in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
        table[column] = table[column].astype("int64")
    return table


def _number_rows(records: list[dict], doc_id: str) -> None:
    """``row_id`` ("<doc_id>#<n>", n from 1 in table order) and ``parent`` (the row_id of
    the row a row is embedded in, "" if none) of one piece's records."""
    order = sorted(records, key=lambda r: (r["start"], r["end"], r["cue_start"], r["source"]))
    ids = {r["_number"]: f"{doc_id}#{n}" for n, r in enumerate(order, 1)}
    for r in records:
        r["row_id"] = ids[r.pop("_number")]
        r["parent"] = ids.get(r.pop("_parent"), "")


def article_models(articles: pd.DataFrame, docs: Mapping[str, Doc], mentions: pd.DataFrame) -> Iterator[tuple[str, Article]]:
    """``(raw, article)`` for each row of ``articles``, in order: the model the passes run on,
    with the sentences of the headline and body and the lexicon as the data files hold it."""
    by_doc: dict[str, list[Sentence]] = {}
    for row in sentences(articles, sections=PARSED_SECTIONS).itertuples(index=False):
        by_doc.setdefault(row.doc_id, []).append(Sentence(int(row.start), int(row.end), row.section))
    words = lexicon()
    for doc_id, raw, text, segments in zip(articles["doc_id"], articles["raw"], articles["text"], articles["segments"]):
        ordered = sorted(by_doc.get(doc_id, []), key=lambda s: s.start)
        yield raw, Article(doc_id, text, segments, docs[doc_id], ordered, mentions, words)


#: The table builder under its older name (notebooks import it).
attributions_table = attributions

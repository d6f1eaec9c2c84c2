"""The words the attribution rules look for: reporting verbs and the roles of attribution words.

Reporting verbs live in ``data/lexicons/reporting_verbs.csv`` (one :class:`Verb` a lemma);
source, speech, hedge, channel, capital, outlet and platform words in ``data/lexicons/attribution_words.csv``
(:func:`newsprism.stages.attribution.speakers.attribution_words`). Both are read through
:mod:`newsprism.resources.files`, so an edited file is seen at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from newsprism.resources.files import resource

from .speakers import attribution_words

VERBS_FILE = "lexicons/reporting_verbs.csv"


@dataclass(frozen=True)
class Verb:
    """One row of ``reporting_verbs.csv``."""

    lemma: str
    kind: str
    clause: bool
    object: bool
    to_clause: bool


def _verb_entries(table: pd.DataFrame) -> dict[str, Verb]:
    return {
        row.lemma.strip().lower(): Verb(
            row.lemma.strip().lower(),
            row.kind.strip(),
            row.clause.strip() == "yes",
            row.object.strip() == "yes",
            row.to_clause.strip() == "yes",
        )
        for row in table.itertuples(index=False)
    }


@dataclass(frozen=True)
class Lexicon:
    """Reporting verbs by lemma, and ``{word: source_kind}`` for each role of attribution word."""

    verbs: dict[str, Verb]
    speech: dict[str, str]  # "remarks", "emphasis"
    hedges: dict[str, str]  # "reportedly"
    documents: dict[str, str]  # "report", "statement": stand for their author
    speakers: dict[str, str]  # "analysts", "spokesman": speaker-like common nouns
    channel_verbs: dict[str, str]  # "cited by", "reported by"
    channel_preps: dict[str, str]  # "via"
    bodies: dict[str, str]  # "company", "club": unnamed bodies ("the company" stands for the one named before)
    authored: dict[str, str]  # "the statement": stands for its author, named before
    capitals: dict[str, str]  # "Kyiv", "the Kremlin": a seat of government standing for it (organization)
    outlets: dict[str, str]  # "Reuters", "KCNA": news outlets (media), channels when they carry another's words
    platforms: dict[str, str]  # "Telegram", "text message": where words were posted (a channel)


def lexicon() -> Lexicon:
    """The lexicon as the data files hold it now."""
    return Lexicon(
        verbs=resource(VERBS_FILE, _verb_entries),
        speech=attribution_words("speech"),
        hedges=attribution_words("hedge"),
        documents=attribution_words("document"),
        speakers=attribution_words("speaker"),
        channel_verbs=attribution_words("channel_verb"),
        channel_preps=attribution_words("channel_prep"),
        bodies=attribution_words("body"),
        authored=attribution_words("authored"),
        capitals=attribution_words("capital"),
        outlets=attribution_words("outlet"),
        platforms=attribution_words("platform"),
    )

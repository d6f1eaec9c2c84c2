"""Speech nouns: a possessor's words with quoted fragments ("Moscow’s emphasis on ‘...’",
"Kim’s comments, described as ‘positive’ ...").

The cue is the noun (a ``speech`` word of ``data/lexicons/attribution_words.csv``), the
speaker its possessor, the content the words after the noun, and only a mixed quote
counts: without a quoted fragment, "Moscow’s emphasis on cooperation" is the writer's
summary. A speech noun that is the subject of a reporting verb ("The leader’s remarks
emphasized the ‘...’") is the verb rule's (:mod:`~.verbs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._article import Row
from ._syntax import clipped, span_of, speech_possessor

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["speech_noun"]


def speech_noun(a: Article, noun, sent: Sentence) -> None:
    """The row of a possessed speech noun with a quoted fragment in its words, if any."""
    possessor = speech_possessor(noun, sent, a.words.speech)
    if possessor is None:
        return
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in a.words.verbs:
        return  # the verb rule handles "X's remarks emphasized ..."
    tokens = [t for t in clipped(noun.subtree, sent) if t.i > noun.i]
    span = span_of(tokens)
    if span is None:
        return
    start, end, quote_type = a.content(*span)
    if quote_type != "mixed":
        return
    speaker = a.resolver.resolve(possessor, sent.start, sent.end, "possessive")
    if speaker is None:
        return
    row = Row(
        speaker,
        noun.lemma_.lower(),
        noun.idx,
        noun.idx + len(noun.text),
        "mixed",
        start,
        end,
        sent.section,
        "speech_noun",
        cue_token=noun.i,
    )
    a.add_row(row)

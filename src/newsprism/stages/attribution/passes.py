"""The attribution rules of one article, as a fixed order of passes.

Each pass reads the whole article (:class:`~._article.Article`) and adds rows or channel
cues to it; :func:`article_rows` runs :data:`PASSES` in this order, and this order only:

1. ``constructions``: the cues that sit next to the words they credit (a headline colon,
   a reporting verb, a speech noun), in one sweep in document order, so that a quote a
   direct quotation takes is not offered to a later cue. "His remarks, reported by X"
   points back to the possessor's latest attribution, so it is read in this sweep, once
   that row exists (:mod:`~.headlines`, :mod:`~.verbs`, :mod:`~.speech_nouns`).
2. ``continued_quotes``: right after the sweep, once every quote with a cue of its own is
   taken: a quote that follows a direct quotation in the same line, closing its sentence,
   goes on in the same voice ("‘...,’ she said. ‘...’") (:mod:`~.continued`).
3. ``according_to``: "according to X" is X's own attribution only when no row found so far
   holds the clause or the words credited to X; otherwise X is the channel of those rows,
   recorded as a channel cue, not a row (:mod:`~.according`).
4. ``channels``: after every rule that records a channel cue (the verbs' "via" / "told" /
   "cited by" / "quoted ... as", "reported by", "according to"), so that channels are
   attached in one place, in the order the cues were read, a row keeping the first one;
   then the channels named with a speaker ("the ministry's press service") and those of
   continued quotes (their first part's); the "according to X" phrase is cut from the
   content of the rows it is the channel of (:mod:`~.channels`).
5. ``hedges``: after the channels, because "reportedly" credits unnamed reports only outside the content
   of every other row (as the channels pass left it) and in a clause without a cue of its
   own (:mod:`~.hedges`).
6. ``nesting``: last, once every row and its final content exist: each row embedded in
   another's content gets that row as ``parent``, and, without a channel of its own, the
   outer medium or the outer row's channel (:mod:`~.nesting`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .according import according_to
from .channels import attach_channels
from .continued import continued_quotes
from .headlines import headline_colon
from .hedges import hedges
from .nesting import link_parents
from .speech_nouns import speech_noun
from .verbs import reporting_verb

if TYPE_CHECKING:
    from ._article import Article, Row

__all__ = ["PASSES", "Pass", "article_rows", "constructions"]


class Pass(NamedTuple):
    """One pass over an article."""

    name: str
    run: Callable[[Article], None]


def constructions(a: Article) -> None:
    """Headline colons, reporting verbs and speech nouns, sentence by sentence in document
    order: one sweep, so a quote a direct quotation takes is not offered to a later cue."""
    verbs, speech = a.words.verbs, a.words.speech
    for sent in a.sents:
        if sent.section == "headline":
            headline_colon(a, sent)
        for token in a.tokens(sent):
            lemma = token.lemma_.lower()
            if lemma in verbs and token.pos_ == "VERB":
                reporting_verb(a, token, sent)
            elif lemma in speech and token.pos_ in ("NOUN", "PROPN"):
                speech_noun(a, token, sent)


#: The passes of :func:`article_rows`, in order (why this order: the module docstring).
PASSES: tuple[Pass, ...] = (
    Pass("constructions", constructions),
    Pass("continued_quotes", continued_quotes),
    Pass("according_to", according_to),
    Pass("channels", attach_channels),
    Pass("hedges", hedges),
    Pass("nesting", link_parents),
)


def article_rows(article: Article) -> list[Row]:
    """The rows of one article after every pass (duplicates not yet dropped)."""
    for step in PASSES:
        step.run(article)
    return article.rows

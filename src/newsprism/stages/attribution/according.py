"""According to: "According to X, ..." and "..., according to X".

X (each conjunct: "according to both Dmitry Peskov and KCNA") is the source of the clause
the phrase opens or closes, with ``quote_type`` according_to (mixed when the words hold a
quoted fragment). The pass runs after the constructions sweep, because X is the source only
when no attribution found so far already holds those words: when the clause has its own
speaker ("Kim expressed ..., according to reports") or the words credited to X hold
another attribution's cue ("Putin said ... that troops had helped ..., according to the
Kremlin"), X is the channel of those attributions; so is the body that released a document
X ("according to a transcript released by the ministry"). That is recorded as an
:class:`~.channels.AccordingChannel` for the channels pass, which also cuts the phrase
from their content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._article import Row
from ._syntax import clipped, inside, span_of, with_conjuncts
from .channels import AccordingChannel, channel_name

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["according_to"]



def according_to(a: Article) -> None:
    """The according-to pass: every "according to" of the piece, in order."""
    doc = a.doc
    for sent in a.sents:
        for token in a.tokens(sent):
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                _according(a, token, sent)


def _released_by(a: Article, document, sent: Sentence) -> str:
    """ "according to a transcript released by the Foreign Ministry": the body that released
    the document, the channel of the words it holds ("" when none is named)."""
    if document.lemma_.lower() not in a.words.authored and document.lemma_.lower() not in a.words.documents:
        return ""
    return channel_name(a, document, sent)


def _according(a: Article, token, sent: Sentence) -> None:
    """X's rows, or X as the channel of the rows already holding the words."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return
    objs = [c for c in to.children if c.dep_ == "pobj" and inside(c, sent)]
    if not objs:
        return
    speakers = a.speakers(with_conjuncts(objs[0]), sent, "")
    released = _released_by(a, objs[0], sent) if not speakers else ""
    if not speakers and not released:
        return
    clause = token.head
    phrase = span_of(clipped(token.subtree, sent))
    # the words after the phrase, or before it (a dateline opening the sentence is cut by ``a.content``)
    span = (phrase[1], sent.end) if phrase[0] < clause.idx or not inside(clause, sent) else (sent.start, phrase[0])
    start, end, quote_type = a.content(*span)
    numbers = sorted({*a.rows_by_cue_token.get(clause.i, []), *a.rows_cued_in(start, end)})
    owned = tuple(k for k in numbers if a.rows[k].construction != "hedge")
    if owned:
        channel = "; ".join(dict.fromkeys(s.source for s in speakers)) or released
        a.channel_cues.append(AccordingChannel(owned, channel, phrase))
        return
    if start >= end or not speakers:
        return
    quote_type = "according_to" if quote_type == "indirect" else quote_type
    for s in speakers:
        a.add_row(
            Row(
                s,
                "according to",
                token.idx,
                to.idx + len(to.text),
                quote_type,
                start,
                end,
                sent.section,
                "according_to",
                cue_token=token.i,
            )
        )

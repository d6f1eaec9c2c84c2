"""Hedges: words credited to unnamed reports ("reportedly", "are reported to").

The source is "reports" (anonymous, side unknown, no speaker words), the cue the hedge
word, the construction ``hedge`` and the content the clause the hedge modifies.
:func:`hedges` is the last pass: "reportedly" inside the content of another row, in a
clause with its own cue or next to "according to" says nothing new.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._article import Coverage, Row
from ._syntax import clipped, span_of
from .speakers import Speaker

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["hedge_passive", "hedges"]


def hedges(a: Article) -> None:
    """The hedge pass: every hedge adverb of the lexicon ("reportedly")."""
    for sent in a.sents:
        for token in a.tokens(sent):
            if token.lower_ in a.words.hedges and token.pos_ == "ADV":
                _hedge(a, token, sent)


def _hedge(a: Article, token, sent: Sentence) -> None:
    """'reportedly' (unless the clause already has a source, or it sits inside one)."""
    if any(t.lower_ == "according" for t in a.tokens(sent)):
        return
    if any(t.i in a.rows_by_cue_token for t in token.ancestors):
        return
    if a.coverage is None:
        a.coverage = Coverage((r.start, r.end) for r in a.rows)
    if a.coverage.covers(token.idx):
        return
    clause = token.head
    absolute = {c.i for c in clause.children if c.dep_ == "prep" and c.lower_ == "with"}  # "with X doing Y"
    _add_hedge(a, token, token.lower_, clause, absolute, sent)


def hedge_passive(a: Article, verb, sent: Sentence) -> None:
    """'North Korean troops are reported to have played ...': an unnamed source (called by
    the verb rule for a passive reporting verb without an agent)."""
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return
    edge = {c.i for c in verb.children if c.i < verb.i and c.dep_ in ("mark", "advmod", "punct")}
    _add_hedge(a, verb, verb.lemma_.lower(), verb, edge, sent)


def _add_hedge(a: Article, cue, cue_word: str, clause, excluded: set[int], sent: Sentence) -> None:
    """Credit the words of ``clause`` (less the ``excluded`` subtrees) to unnamed reports."""
    span = span_of(
        [t for t in clipped(clause.subtree, sent) if t.i not in excluded and not any(x.i in excluded for x in t.ancestors)]
    )
    if span is None:
        return
    start, end, quote_type = a.content(*span)
    speaker = Speaker("reports", "anonymous", "unknown", "unnamed", cue.idx, cue.idx, "")
    a.add_row(
        Row(
            speaker,
            cue_word,
            cue.idx,
            cue.idx + len(cue.text),
            "according_to" if quote_type == "indirect" else quote_type,
            start,
            end,
            sent.section,
            "hedge",
            cue_token=cue.i,
        )
    )

"""Context rules of the frame lexicon: where a term's hit is not that frame's word.

Two optional columns of ``data/lexicons/frames.csv`` (empty = no rule):

- ``pos``: the parts of speech (Universal POS tags, ``;``-separated) the root token of a
  hit must have. Boosting "clear" is ``ADJ`` ("it is clear that"), so the verb of mine
  clearance ("sappers cleared the fields", "clearing mines") does not boost.
- ``exclude``: multiword contexts (``;``-separated, matched like terms, on lemmas) in
  which a hit of the term is not counted: "combat engineer" is a unit, not the conflict
  frame; "clear of mines" means free of them.

Contexts are matched by the one term matcher (:class:`newsprism.nlp.matchers.TermMatcher`),
one matcher per term so that contexts of different terms never compete, run over the line
of a hit of that term only; a hit lying inside one of its own term's context matches is
excluded. Rules only set hits apart: the
evidence row stays, with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.nlp.matchers import Hit, TermMatcher, compile_terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["UPOS", "TermRules"]

#: The Universal POS tags spaCy gives (``token.pos_``).
UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())


def _items(value: object) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


class TermRules:
    """The ``pos`` and ``exclude`` rules of a frame lexicon, by lexicon row (term order)."""

    def __init__(self, lexicon: pd.DataFrame, name: str = "frame lexicon") -> None:
        self.pos: dict[int, frozenset[str]] = {}
        self._contexts: dict[int, TermMatcher] = {}
        pos_column = lexicon["pos"] if "pos" in lexicon.columns else [""] * len(lexicon)
        exclude_column = lexicon["exclude"] if "exclude" in lexicon.columns else [""] * len(lexicon)
        for order, (term, pos, exclude) in enumerate(zip(lexicon["term"], pos_column, exclude_column)):
            tags = frozenset(p.upper() for p in _items(pos))
            if tags - UPOS:
                raise NewsprismError(f"{name}: term '{term}' has unknown part of speech '{sorted(tags - UPOS)[0]}'")
            if tags:
                self.pos[order] = tags
            contexts = _items(exclude)
            for context in contexts:
                if len(context.split()) < 2:
                    raise NewsprismError(f"{name}: exclude context '{context}' of term '{term}' must have two or more words")
            if contexts:
                self._contexts[order] = TermMatcher(compile_terms((c, c, "lemma") for c in contexts))

    def reason(self, doc: Doc, hit: Hit, span: Span, line: tuple[int, int]) -> str:
        """Why ``hit`` (its tokens ``span``, in the body ``line``) is not counted by its term's
        rules, or "". Contexts are matched in the hit's line only, when its term has some."""
        order = hit.term.order
        matcher = self._contexts.get(order)
        if matcher is not None:
            for context in matcher(doc, [line]):
                if context.start <= hit.start and hit.end <= context.end:
                    return f"context: '{context.term.term}'"
        tags = self.pos.get(order)
        if tags and span.root.pos_ not in tags:
            return f"part of speech: {span.root.pos_} ('{hit.term.term}' counts as {' or '.join(sorted(tags))})"
        return ""

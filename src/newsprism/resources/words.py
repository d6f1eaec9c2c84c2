"""Closed-class words that name-matching code drops: the one list of determiners.

:data:`DETERMINERS` is the full list (what a speaker phrase loses at its start: "the",
"some", "both"...). :data:`ARTICLES` is its subset of articles, which is all that entity
spans and role words lose ("the Kremlin", "a spokesman"), and :data:`DEFINITE_ARTICLE`
the one word a name key drops ("the Kremlin" and "Kremlin" share a key, "some Kremlin"
does not).
"""

from __future__ import annotations

__all__ = ["ARTICLES", "DEFINITE_ARTICLE", "DETERMINERS"]

#: The word :func:`newsprism.resources.aliases.name_key` drops at the start of a name.
DEFINITE_ARTICLE = "the"
#: Articles: dropped at the start of an entity span or a role, and from a place's words.
ARTICLES = frozenset({DEFINITE_ARTICLE, "a", "an"})
#: Every determiner a speaker phrase may start with (articles, demonstratives, quantifiers).
DETERMINERS = ARTICLES | frozenset({"this", "that", "these", "those", "both", "all", "each", "some", "many", "several"})

"""People gate of the learned claims method: a pair that names people must show one event.

Rewrites of one story name the same three or four officials in sentence after sentence,
so two sentences about different events often read alike to the scorer: the same title
and name ("Governor Olander declared ..." against "Governor Olander thanked ..."), or the
same title and different people ("Deputy Prime Minister Medvedev praised ..." against
"Deputy Defence Minister Goremykin met ..."). Their embeddings agree on who, not on what.
:func:`people_gate` holds such a pair to lexical evidence (the scorer's probability stands
only when the pair's lexical score reaches the lexical method's threshold, as for
commentary) when either

- **its people differ**: both sentences name a person by two or more words (an ``ent:``
  term, after the alias table, whose first or last word is a ``name:`` term; a one-word
  "person" is often a firm the parser mislabelled) and no word of one's names is a
  spelling variant of a word of the other's (equal, or a rapidfuzz ratio of
  :data:`~newsprism.stages.entities.candidates.FUZZY_SURNAME_MIN`, the entities stage's bar
  for surnames: "Belozurov" / "Belousov", "Voskresensky" / "Voskresenskiy"). Any word counts,
  first names too, so "Dmitry Medvedev" and "Dmitry Peskov" do not differ: the rule errs
  towards scoring a pair as usual; or
- **it shares only whom it names**: the two sentences share named entities (people,
  bodies, firms, places), first or last names or title words (every word of the titles
  lexicon: offices, qualifiers such as "foreign", grades such as "deputy", ranks, honorifics),
  and no other term apart from weekdays ("Nordmart said it was considering its options" against "Nordmart has 30
  days to challenge": one firm, two facts).

A sentence's people are also those the attribution stage credits with its words
(:func:`sentence_speakers`): a bare quote that goes on in the voice of the speaker named on
the line before (a ``continued_quote`` row), or "He said ..." resolved to a person, names its
speaker, so "“Forests grow slowly.”" (Laptev's) and "Perevalova said each tree ..." differ.
Speakers count for the first rule only; they are never terms of the pair's scores.
A sentence that names no one and is credited to no person ("the ministry said") never
differs. :func:`pair_people` tells, for one pair, which rule applied, with the terms behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from newsprism.resources.titles import title_kind
from newsprism.text.spans import SpanLookup

from ._claim_terms import entity_token, split_terms
from .entities.candidates import FUZZY_SURNAME_MIN

__all__ = ["SentencePeople", "pair_people", "people_gate", "sentence_people", "sentence_speakers"]

#: Terms that name no event, whatever the sentence ("on Tuesday").
_EVENTLESS = frozenset({"date:weekday"})


@dataclass(frozen=True)
class SentencePeople:
    """One sentence's terms by kind: the words of the people it names, the terms of whom it
    names (named entities, first and last names, title words) and every other term."""

    names: frozenset[str]
    who: frozenset[str]
    other: frozenset[str]


def sentence_speakers(sentences: pd.DataFrame, attributions: pd.DataFrame | None) -> list[frozenset[str]]:
    """Per row of ``sentences`` (``doc_id``, ``start``, ``end``), the name words (as in ``ent:``
    terms) of the persons an ``attributions`` table credits with words that start in it."""
    out: list[set[str]] = [set() for _ in range(len(sentences))]
    if attributions is None or attributions.empty:
        return [frozenset(x) for x in out]
    lookups = {
        doc: SpanLookup(zip(g["start"].astype(int), g["end"].astype(int)), list(g.index))
        for doc, g in sentences.reset_index(drop=True).groupby("doc_id", sort=False)
    }
    persons = attributions[attributions["source_kind"] == "person"]
    for doc, start, source in zip(persons["doc_id"], persons["start"].astype(int), persons["source"]):
        row = lookups[doc].at(start) if doc in lookups else None
        if row is not None:
            out[row].update(p for p in entity_token(str(source))[4:].split("_") if len(p) >= 2)
    return [frozenset(x) for x in out]


def sentence_people(terms: str, speakers: frozenset[str] = frozenset()) -> SentencePeople:
    """The terms of a ``terms`` string (:mod:`._claim_terms`) by kind. A person is an ``ent:``
    term of two or more words whose first or last word is also a ``name:`` term; the name
    words of the sentence's ``speakers`` (:func:`sentence_speakers`) join its names."""
    sequence, extra_terms = split_terms(terms)
    extras = set(extra_terms)
    names: set[str] = set(speakers)
    who: set[str] = set()
    other: set[str] = set()
    for term in dict.fromkeys(sequence + extra_terms):
        parts = term[4:].split("_") if term.startswith("ent:") else []
        if len(parts) >= 2 and (f"name:{parts[0]}" in extras or f"name:{parts[-1]}" in extras):
            names.update(p for p in parts if len(p) >= 2)
            who.add(term)
        elif term.startswith(("name:", "ent:")) or title_kind(term) is not None:
            who.add(term)
        elif term not in _EVENTLESS:
            other.add(term)
    return SentencePeople(frozenset(names), frozenset(who), frozenset(other))


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or fuzz.ratio(x, y) >= FUZZY_SURNAME_MIN for x in a for y in b)


def pair_people(a: SentencePeople, b: SentencePeople) -> tuple[str, str]:
    """Which rule of the gate a pair meets (``"people differ"``, ``"shares only who"`` or ``""``)
    and the terms behind it (the two sides' names, or the shared terms of whom they name)."""
    if a.names and b.names and not _same_person(a.names, b.names):
        return "people differ", f"{' '.join(sorted(a.names))} / {' '.join(sorted(b.names))}"
    shared = a.who & b.who
    if shared and not a.other & b.other:
        return "shares only who", " ".join(sorted(shared))
    return "", ""


def people_gate(
    i: np.ndarray,
    j: np.ndarray,
    probability: np.ndarray,
    lexical: np.ndarray,
    terms: Sequence[str],
    lexical_min: float,
    speakers: Sequence[frozenset[str]] | None = None,
) -> np.ndarray:
    """The pairs' probabilities with those of pairs meeting a rule of :func:`pair_people` set
    to 0 unless their lexical score reaches ``lexical_min``. ``terms``: each sentence's terms;
    ``speakers``: each sentence's :func:`sentence_speakers` (none when not given)."""
    out = probability.copy()
    open_ = np.flatnonzero((probability > 0) & (lexical < lexical_min))  # the pairs the gate can change
    of = cache(lambda row: sentence_people(terms[row], speakers[row] if speakers is not None else frozenset()))
    for k in open_.tolist():
        if pair_people(of(int(i[k])), of(int(j[k])))[0]:
            out[k] = 0.0
    return out

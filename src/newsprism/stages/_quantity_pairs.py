"""Sentences of different pieces that state a quantity of the same thing about the same subject.

The claims stage groups sentences that say the same thing; two pieces can still give one
figure in sentences it keeps apart ("more than 10,000 soldiers" against "thousands of
troops"). Here each sentence stating an amount of a thing (the counted noun after synonym
folding, :func:`newsprism.stages._claim_fields.amounts`) is an item keyed by
``thing|term`` for each of its claim terms (entities, content lemmas and synonym groups of
:func:`newsprism.stages._claim_terms.sentence_terms`; numbers, dates and the thing itself
left out). Two items of different pieces sharing :data:`MIN_SHARED` keys are a candidate
pair, found through :func:`newsprism.stages._blocking.candidate_pairs` (keys held by more
than :data:`MAX_POSTINGS` items pair nobody), never by comparing all pairs. Pairs chain
into groups (connected components); a group whose sentences all sit in one claim is left
to that claim. Small counts in words ("the two nations") are references, not figures, and
are left out (:func:`newsprism.stages._claim_fields.is_figure`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsprism.stages._blocking import candidate_pairs, incidence

__all__ = ["MAX_POSTINGS", "MIN_SHARED", "Item", "quantity_groups", "subject_terms"]

#: Subject terms (per thing) two sentences must share to be compared.
MIN_SHARED = 2
#: A ``thing|term`` key held by more sentences than this pairs nobody.
MAX_POSTINGS = 50


@dataclass(frozen=True)
class Item:
    """One sentence's amounts of one thing."""

    doc_id: str
    start: int
    end: int
    thing: str
    keys: frozenset[str]


def subject_terms(terms) -> frozenset[str]:
    """The subject terms of one sentence's :class:`~newsprism.stages._claim_terms.SentenceTerms`."""
    return frozenset(t for t in [*terms.sequence, *terms.extras] if not t.startswith(("num:", "num~", "date:")))


def quantity_groups(items: list[Item], claim_of: dict[tuple[str, int], set[int]]) -> list[list[Item]]:
    """Groups of items (one thing, two or more pieces) linked by candidate pairs, in order of
    their first sentence; ``claim_of`` gives the claims of a ``(doc_id, start)`` sentence."""
    if len(items) < 2:
        return []
    keys = [{f"{item.thing}|{term}" for term in item.keys if term != item.thing} for item in items]
    docs = {doc: k for k, doc in enumerate(sorted({item.doc_id for item in items}))}
    groups = np.array([docs[item.doc_id] for item in items])
    i, j, _ = candidate_pairs(incidence(keys), max_postings=MAX_POSTINGS, min_shared=MIN_SHARED, groups=groups)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(len(items), len(items)))
    _, labels = connected_components(graph, directed=False)
    out = []
    for label in np.unique(labels):
        members = sorted((items[k] for k in np.flatnonzero(labels == label)), key=lambda x: (x.doc_id, x.start))
        if len({m.doc_id for m in members}) < 2:
            continue
        shared = set.intersection(*(claim_of.get((m.doc_id, m.start), set()) for m in members))
        if not shared:
            out.append(members)
    return sorted(out, key=lambda g: (g[0].doc_id, g[0].start, g[0].thing))

"""Grouping the scored sentence pairs into claims: average linkage, then leftovers attached.

:func:`average_linkage` merges groups while the mean score of their cross-article pairs
reaches the threshold, or the threshold plus a margin (:data:`CLAIM_MARGIN` under the learned
method) when both groups already span two pieces: two claims, each stated by two pieces, are
one only when clearly so, as two events that name the same officials otherwise chain into one.
:func:`attach_leftovers` then joins a sentence left alone to the claim it matches best when its
best partner there reaches the threshold and its mean is near it. :func:`split_bridges` last
splits a claim that one sentence stating two claims holds together (a whole quote, whose two
halves other pieces carry apart) into one claim per half, each with that sentence.
All three work on the scored pairs only (a sparse graph), never on all pairs of sentences.
"""

from __future__ import annotations

import heapq
from itertools import pairwise

import numpy as np

from newsprism.errors import NewsprismError

from ._claim_terms import split_terms

__all__ = ["ATTACH_MEAN", "BRIDGE_TERMS", "CLAIM_MARGIN", "MARGINS", "attach_leftovers", "average_linkage", "check_margin", "split_bridges"]

#: A sentence left out of every claim joins one when its best partner there reaches the
#: threshold and its mean over the claim reaches this share of the threshold (:func:`attach_leftovers`).
ATTACH_MEAN = 0.9
#: Under the learned method, two groups that each span two or more pieces merge only at a mean
#: of the threshold plus this (the lexical method merges them at the threshold). Chosen on the
#: development sets (claims, fresh, apart, apart2, filler; the learned scorer fitted without the
#: set it scores) and the five pieces, among 0.02 to 0.3: the largest margin that lowered no
#: development recall. It keeps the five pieces' Beijing meeting apart from the Peskov briefing
#: (learned precision 0.50 to 0.67). README, "The learned claims method", has the sweep.
CLAIM_MARGIN = 0.05
#: A sentence bridges two claims only when each side shares this many terms of its sequence
#: with it (:func:`split_bridges`): one shared word ("Wednesday") places no claim in a stretch.
BRIDGE_TERMS = 2
#: The default margin of each claims method.
MARGINS = {"lexical": 0.0, "learned": CLAIM_MARGIN}


def check_margin(margin: float) -> float:
    """``margin`` if it is in [0, 1), else a one-line error (below 0, two claims would merge on
    pairs all under the threshold, and clustering by components of such pairs would not be exact)."""
    if not 0.0 <= margin < 1.0:
        raise NewsprismError(f"claim margin must be in [0, 1) (got {margin})")
    return margin


def _cross_pairs(docs_x: dict, size_x: int, docs_y: dict, size_y: int) -> int:
    """Pairs of sentences from different pieces between two groups (counts per piece given)."""
    small, large = (docs_x, docs_y) if len(docs_x) <= len(docs_y) else (docs_y, docs_x)
    return size_x * size_y - sum(n * large.get(doc, 0) for doc, n in small.items())


def average_linkage(
    members: np.ndarray, pairs: tuple[np.ndarray, np.ndarray, np.ndarray], docs: np.ndarray, threshold: float, *, margin: float = 0.0
) -> list[list[int]]:
    """Average-linkage clustering of ``members`` on cross-article scores (unscored pairs count 0).

    The mean between two groups is the sum of their scored pairs over the number of their
    pairs of sentences from different pieces; the best pair of groups merges while that
    mean reaches ``threshold``, or ``threshold + margin`` when each group is already a claim
    (every merge joins two pieces, so a group of two sentences or more spans two pieces). Ties:
    the pair of lowest positions. Only groups joined by
    a scored pair are linked (an edge holding that sum and count, updated on each merge)
    and merge candidates wait in a heap whose stale entries are skipped, so the cost
    follows the number of scored pairs and the merges, not k².
    """
    check_margin(margin)
    k = len(members)
    pos = {m: p for p, m in enumerate(members.tolist())}
    member_docs = docs[members].tolist()
    floor, claims_floor = threshold - 1e-12, threshold + margin - 1e-12
    edges: list[dict[int, list]] = [{} for _ in range(k)]  # neighbour -> [sum, count], one list shared by both ends
    for a, b, value in zip(pairs[0].tolist(), pairs[1].tolist(), pairs[2].tolist()):
        pa, pb = pos[a], pos[b]
        if member_docs[pa] != member_docs[pb]:
            edges[pa][pb] = edges[pb][pa] = [value, 1]
    per_doc = [{doc: 1} for doc in member_docs]
    size = [1] * k
    version = [0] * k  # -1 once merged away; entries with an older version are stale
    heap = [(-e[0], a, b, 0, 0) for a in range(k) for b, e in edges[a].items() if a < b and e[0] >= floor]
    heapq.heapify(heap)
    clusters: dict[int, list[int]] = {p: [m] for p, m in enumerate(members.tolist())}

    def push(a: int, c: int, edge: list) -> None:  # a: a merged group, so a claim of two pieces
        value = edge[0] / edge[1]
        if value >= (claims_floor if size[c] >= 2 else floor):
            heapq.heappush(heap, (-value, a, c, version[a], version[c]) if a < c else (-value, c, a, version[c], version[a]))

    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if version[a] != version_a or version[b] != version_b:
            continue
        clusters[a] += clusters.pop(b)
        version[a] += 1
        version[b] = -1
        edges_a, edges_b = edges[a], edges[b]
        del edges_a[b], edges_b[a]
        b_doc = next(iter(per_doc[b])) if size[b] == 1 else None  # a single sentence: one lookup per neighbour
        for c, edge in edges_a.items():  # the merged group's pairs with c: a's plus b's
            from_b = edges_b.pop(c, None)
            if from_b is not None:
                edge[0] += from_b[0]
                edge[1] += from_b[1]
                del edges[c][b]
            elif b_doc is not None:
                edge[1] += size[c] - per_doc[c].get(b_doc, 0)
            else:
                edge[1] += _cross_pairs(per_doc[b], size[b], per_doc[c], size[c])
            push(a, c, edge)
        for c, edge in edges_b.items():  # c was linked to b only
            edge[1] += _cross_pairs(per_doc[a], size[a], per_doc[c], size[c])
            edges_a[c] = edges[c][a] = edge
            del edges[c][b]
            push(a, c, edge)
        edges[b] = {}
        merged, other = (per_doc[a], per_doc[b]) if len(per_doc[a]) >= len(per_doc[b]) else (per_doc[b], per_doc[a])
        for doc, n in other.items():
            merged[doc] = merged.get(doc, 0) + n
        per_doc[a], size[a] = merged, size[a] + size[b]
    return sorted(sorted(c) for c in clusters.values())


def attach_leftovers(clusters: list[list[int]], pairs: tuple[np.ndarray, np.ndarray, np.ndarray], docs: np.ndarray, threshold: float) -> list[list[int]]:
    """Leftover sentences joined to the claim they match best.

    A sentence left alone by average linkage joins a group spanning two or more pieces
    when its best partner there (from another piece) scores at least ``threshold`` and its
    mean over the group's sentences of other pieces reaches :data:`ATTACH_MEAN` times
    ``threshold`` (the group of highest mean; ties: the first). A claim worded three or
    four ways keeps its one distant wording this way, whose mean the closer wordings of
    the others pull below the threshold. Decisions are taken against the groups as
    clustered, so they do not depend on the order of the leftovers.
    """
    group_of = {m: g for g, members in enumerate(clusters) if len({docs[x] for x in members}) >= 2 for m in members}
    sums: dict[tuple[int, int], list[float]] = {}  # (leftover, group) -> [sum, best]
    for a, b, value in zip(pairs[0].tolist(), pairs[1].tolist(), pairs[2].tolist()):
        for m, o in ((a, b), (b, a)):
            if m not in group_of and o in group_of and docs[m] != docs[o]:
                entry = sums.setdefault((m, group_of[o]), [0.0, 0.0])
                entry[0] += value
                entry[1] = max(entry[1], value)
    chosen: dict[int, tuple[float, int]] = {}
    for (m, g), (total, best) in sorted(sums.items()):
        others = sum(1 for x in clusters[g] if docs[x] != docs[m])
        mean = total / others
        if best >= threshold - 1e-12 and mean >= ATTACH_MEAN * threshold - 1e-12 and (m not in chosen or mean > chosen[m][0]):
            chosen[m] = (mean, g)
    out = [list(c) for c in clusters]
    for m, (_, g) in sorted(chosen.items()):
        out[g].append(m)
    return sorted(sorted(c) for c in out if not (len(c) == 1 and c[0] in chosen))


def _cut_vertices(adjacency: list[list[int]]) -> list[int]:
    """The cut vertices of a graph (a sentence whose removal disconnects its component), by
    Hopcroft and Tarjan's depth-first search, iterative: linear in nodes and links."""
    k = len(adjacency)
    found, low, cut, clock = [-1] * k, [0] * k, set(), 0
    for root in range(k):
        if found[root] >= 0:
            continue
        found[root] = low[root] = clock
        clock += 1
        children = 0
        stack = [(root, -1, iter(adjacency[root]))]
        while stack:
            node, parent, rest = stack[-1]
            for other in rest:
                if found[other] < 0:
                    found[other] = low[other] = clock
                    clock += 1
                    children += node == root
                    stack.append((other, node, iter(adjacency[other])))
                    break
                if other != parent:
                    low[node] = min(low[node], found[other])
            else:
                stack.pop()
                if stack:
                    up = stack[-1][0]
                    low[up] = min(low[up], low[node])
                    if up != root and low[node] >= found[up]:
                        cut.add(up)
        if children >= 2:
            cut.add(root)
    return sorted(cut)


def _parts_without(adjacency: list[list[int]], c: int) -> list[list[int]]:
    """The nodes other than ``c`` grouped by the links that avoid ``c`` (connected components,
    each sorted, in order of their lowest node)."""
    seen = [False] * len(adjacency)
    seen[c] = True
    parts = []
    for start in range(len(adjacency)):
        if seen[start]:
            continue
        seen[start], part, todo = True, [], [start]
        while todo:
            node = todo.pop()
            part.append(node)
            for other in adjacency[node]:
                if not seen[other]:
                    seen[other] = True
                    todo.append(other)
        parts.append(sorted(part))
    return parts


def _apart(sequence: list[str], shared: list[frozenset[str]]) -> bool:
    """Whether each set of ``shared`` terms is found in its own stretch of ``sequence`` (a
    sentence's terms in order), the stretches not overlapping: the sentence says one thing,
    then another. False when a set has fewer than :data:`BRIDGE_TERMS` terms in the sequence."""
    spans = []
    for terms in shared:
        at = [x for x, term in enumerate(sequence) if term in terms]
        if len({sequence[x] for x in at}) < BRIDGE_TERMS:
            return False
        spans.append((at[0], at[-1]))
    spans.sort()
    return all(left[1] < right[0] for left, right in pairwise(spans))


def _bridged(members: list[int], links: tuple[np.ndarray, np.ndarray, np.ndarray], threshold: float, terms: list[str]) -> list[list[int]]:
    """``members`` (sorted) as one claim, or split at its first bridging sentence (:func:`split_bridges`)."""
    k = len(members)
    if k < 3:
        return [members]
    pos = {m: x for x, m in enumerate(members)}
    strong = links[2] >= threshold - 1e-12
    adjacency: list[list[int]] = [[] for _ in range(k)]
    for a, b in zip(links[0][strong].tolist(), links[1][strong].tolist()):
        adjacency[pos[a]].append(pos[b])
        adjacency[pos[b]].append(pos[a])
    for c in _cut_vertices(adjacency):  # only a cut vertex of the pairs at the threshold can bridge
        partners = set(adjacency[c])
        parts = _parts_without(adjacency, c)
        if any(not partners.intersection(part) for part in parts):
            continue
        sequence, extra = split_terms(terms[members[c]])
        mine = frozenset(sequence) | frozenset(extra)
        shared = [mine & frozenset().union(*(frozenset(split_terms(terms[members[x]])[0]) for x in part)) for part in parts]
        if not _apart(sequence, shared):
            continue
        inside = np.zeros(max(members) + 1, dtype=bool)
        out: list[list[int]] = []
        for part in parts:
            sub = sorted(members[x] for x in [*part, c])
            inside[:] = False
            inside[sub] = True
            kept = inside[links[0]] & inside[links[1]]
            out += _bridged(sub, (links[0][kept], links[1][kept], links[2][kept]), threshold, terms)
        return out
    return [members]


def split_bridges(clusters: list[list[int]], pairs: tuple[np.ndarray, np.ndarray, np.ndarray], threshold: float, terms: list[str]) -> list[list[int]]:
    """Claims held together by one sentence that states two claims, split at it.

    A sentence of a claim bridges it when, without it, the claim's other sentences fall into
    two or more parts that no pair scoring ``threshold`` links, each part has such a pair with it,
    and the terms each part shares with it (``terms``: each sentence's claim terms string) sit
    in a stretch of its own of the sentence, the stretches not overlapping: it says one thing,
    then another. The whole quote in one piece ("Forests grow slowly, and so does trust; every
    tree is a promise"), its first half quoted in a second and its second half reported in a
    third: each half is a claim with the whole quote, the two halves are not one claim. Each
    part becomes a claim with the bridging sentence (which is then in two claims), and is split
    again the same way. A claim worded three ways, whose two distant wordings share no pair at the
    threshold, is kept whole: the words each shares with the third run through the same stretch of
    it ("Corvane's chief executive Strand expected to complete the purchase by the end of the
    year": "Strand ... complete" and "Corvane ... expected ... end of the year"). Clusters of
    fewer than three sentences are kept as they are. Sentences of one piece are never paired,
    so two of one piece that each match a part of the sentence are two parts: that piece states
    its two claims in two sentences. Only a cut vertex of the pairs at the threshold can bridge
    (found by depth-first search, linear in the claim's pairs), so a claim is tested once per
    such sentence, not once per sentence.
    """
    big = [g for g, members in enumerate(clusters) if len(members) >= 3]
    if not big:
        return sorted(sorted(members) for members in clusters)
    i, j, v = pairs
    size = max(max(max(members) for members in clusters), int(i.max(initial=-1)), int(j.max(initial=-1))) + 1
    label = np.full(size, -1, dtype=np.int64)
    for g in big:
        label[clusters[g]] = g
    inside = np.flatnonzero((label[i] >= 0) & (label[i] == label[j]))
    inside = inside[np.argsort(label[i[inside]], kind="stable")]
    sorted_labels = label[i[inside]]
    starts, ends = np.searchsorted(sorted_labels, big, side="left"), np.searchsorted(sorted_labels, big, side="right")
    out = [sorted(members) for members in clusters if len(members) < 3]
    for g, lo, hi in zip(big, starts.tolist(), ends.tolist()):
        mine = inside[lo:hi]
        out += _bridged(sorted(clusters[g]), (i[mine], j[mine], v[mine]), threshold, terms)
    return sorted(out)

"""What links the sentences of a claim: the terms they share, as a reader can check them.

``claim_terms`` names the terms most shared by a claim's pieces; ``linked_by`` lists, for
one sentence and its best partner, the single terms they share, heaviest first, each with
the words of both sentences behind it when they differ ("aid (assistance / aid)",
"number (some 1,500 / more than 1,400)"), so a synonym, a number written another way or
a close figure is visible evidence, never a hidden step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .claims import SentenceVectors

__all__ = ["group_terms", "linked_by", "readable"]

_PREFIXES = ("ent:", "name:", "num:", "date:")


def readable(term: str) -> str:
    """A term as a reader reads it: no ``ent:``/``name:``/``num:``/``date:`` prefix, spaces for ``_``."""
    for prefix in _PREFIXES:
        if term.startswith(prefix):
            term = term[len(prefix) :]
            break
    return term.replace("_", " ")


def _single(term: str) -> bool:
    """A single term (not a two-term sequence, not a number bin, not the weekday class)."""
    return " " not in term and not term.startswith("num~") and term != "date:weekday"


def group_terms(vectors: SentenceVectors, members: list[int], n_terms: int = 4) -> str:
    """The single terms (lemmas, synonym groups, entities, numbers) most shared by the group's
    pieces: summed TF-IDF weight over the members, among terms present in two or more pieces."""
    if vectors.words.shape[1] == 0:
        return ""
    docs = vectors.doc_ids
    sub = vectors.words[members]
    weight = np.asarray(sub.sum(axis=0)).ravel()
    present: dict[int, set] = {}
    for row, m in enumerate(members):
        for t in sub[row].indices:
            present.setdefault(int(t), set()).add(docs[m])
    shared = [t for t, ds in present.items() if len(ds) >= 2 and _single(str(vectors.word_terms[t]))]
    shared.sort(key=lambda t: (-round(float(weight[t]), 9), vectors.word_terms[t]))
    picked: list[str] = []
    for t in shared:
        term = readable(str(vectors.word_terms[t]))
        if any(term in p or p in term for p in picked):
            continue
        picked.append(term)
        if len(picked) == n_terms:
            break
    return ", ".join(picked)


def linked_by(vectors: SentenceVectors, a: int, b: int, n_terms: int = 6) -> str:
    """The single terms sentences ``a`` and ``b`` share, by their weight in the cosine, with
    the words behind each on both sides when they differ; ``; ``-separated."""
    if vectors.words.shape[1] == 0 or not vectors.surfaces:
        return ""
    row_a, row_b = vectors.words[a], vectors.words[b]
    weight_b = dict(zip(row_b.indices.tolist(), row_b.data.tolist()))
    shared = [(round(w * weight_b[t], 9), str(vectors.word_terms[t])) for t, w in zip(row_a.indices.tolist(), row_a.data.tolist()) if t in weight_b]
    shared.sort(key=lambda x: (-x[0], x[1]))
    surfaces_a, surfaces_b = vectors.surfaces[a], vectors.surfaces[b]
    shown: list[str] = []
    numbers: set[tuple[str, str]] = set()  # a figure shown once, by its exact value or by its bin
    for _, term in shared:
        if " " in term or term == "date:weekday":
            continue
        words_a, words_b = " / ".join(surfaces_a.get(term, [])), " / ".join(surfaces_b.get(term, []))
        if term.startswith("num"):
            if (words_a, words_b) in numbers:
                continue
            numbers.add((words_a, words_b))
            label = "number" if term.startswith("num~") else readable(term)
            text = f"{label} ({words_a})" if words_a.casefold() == words_b.casefold() else f"{label} ({words_a} | {words_b})"
        else:
            text = readable(term) if words_a.casefold() == words_b.casefold() else f"{readable(term)} ({words_a} | {words_b})"
        if text not in shown:
            shown.append(text)
        if len(shown) == n_terms:
            break
    return "; ".join(shown)

"""What the learned claims method's people gate held back, with the rule and terms behind each pair.

:func:`people_held_pairs` lists every candidate pair whose probability
:func:`newsprism.stages._claim_people.people_gate` set to 0. ``reached_threshold`` tells the
pairs that could have joined a claim on their own from the others, which still counted in the
mean scores between groups. :func:`with_pair_labels` adds what the annotations call each
pair, so a page can count what the gate gained (pairs not the same claim) and what it cost
(pairs annotated ``same``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._claims import _sentence_finder

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsprism.stages._claim_scorer import ClaimScorer

__all__ = ["HELD_COLUMNS", "people_held_pairs", "with_pair_labels"]

HELD_COLUMNS = ["doc_id", "start", "end", "text", "doc_b", "b_start", "b_end", "text_b", "probability", "lexical", "reached_threshold", "rule", "evidence"]


def people_held_pairs(articles: pd.DataFrame, docs: Mapping[str, Doc], scorer: ClaimScorer | None = None, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pairs the people gate held back in a corpus (:data:`HELD_COLUMNS`; offsets into the
    raw text; ``probability`` before the gate, ``lexical`` the pair's lexical score; the
    speakers from ``attributions``, computed when not given)."""
    from newsprism.nlp.embeddings import encode
    from newsprism.stages._claim_people import pair_people, people_gate, sentence_people
    from newsprism.stages._claim_scorer import claim_scorer, commentary_probability
    from newsprism.stages.claims import LEXICAL_EVIDENCE, claim_speakers, learned_pair_scores, sentence_vectors

    vectors = sentence_vectors(articles, docs)
    sents = vectors.sentences
    if sents.empty:
        return pd.DataFrame(columns=HELD_COLUMNS)
    embeddings = encode(sents["text"].tolist())
    scorer = claim_scorer() if scorer is None else scorer
    i, j, values, lexical = learned_pair_scores(vectors, embeddings, scorer, commentary_probability(embeddings))
    terms = sents["terms"].tolist()
    speakers = claim_speakers(vectors, articles, docs, attributions)
    gated = people_gate(i, j, values, lexical, terms, LEXICAL_EVIDENCE, speakers)
    held = np.flatnonzero(gated < values)
    docs_, starts, ends, texts = (sents[c].tolist() for c in ("doc_id", "start", "end", "text"))
    rows = []
    for k in held.tolist():
        a, b = int(i[k]), int(j[k])
        rule, evidence = pair_people(sentence_people(terms[a], speakers[a]), sentence_people(terms[b], speakers[b]))
        reached = bool(values[k] >= scorer.threshold - 1e-12)
        rows.append([docs_[a], starts[a], ends[a], texts[a], docs_[b], starts[b], ends[b], texts[b], round(float(values[k]), 4), round(float(lexical[k]), 4), reached, rule, evidence])
    table = pd.DataFrame(rows, columns=HELD_COLUMNS)
    return table.sort_values(["doc_id", "start", "doc_b", "b_start"], kind="stable").reset_index(drop=True)


def with_pair_labels(pairs: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with ``label``: the annotation of each pair of sentences in ``gold`` (the five
    pieces' ``start_a``/``start_b`` or a devset's ``a_start``/``b_start``), ``""`` when unlisted
    (not the same claim). Gold offsets are read as the claim sentences of ``articles`` that hold
    them, as the claims scorers read them."""
    find = _sentence_finder(articles)
    start_a, start_b = ("start_a", "start_b") if "start_a" in gold.columns else ("a_start", "b_start")
    labels = {}
    for doc_a, sa, doc_b, sb, label in zip(gold["doc_a"], gold[start_a], gold["doc_b"], gold[start_b], gold["label"]):
        a, b = find(doc_a, int(sa)), find(doc_b, int(sb))
        key = frozenset({a[:2], b[:2]}) if a is not None and b is not None else None
        if key is not None and labels.get(key) != "same":  # a stage sentence over two gold lines: same wins
            labels[key] = label
    found = [labels.get(frozenset({(a, int(sa)), (b, int(sb))}), "") for a, sa, b, sb in zip(pairs["doc_id"], pairs["start"], pairs["doc_b"], pairs["b_start"])]
    return pairs.assign(label=found)

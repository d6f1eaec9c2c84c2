"""Claims: sentences of different pieces that state the same thing, even in other words.

The default method is offline and deterministic:

1. Every body sentence of the distinct pieces (:mod:`._claim_vectors`) becomes a sequence
   of claim terms (:mod:`._claim_terms`): content-word lemmas with the words and phrases of the synonym
   table (``data/lexicons/synonyms.csv``) replaced by their group ("assistance" and "aid"
   are one term), one token per named entity canonicalised through the alias table and
   then the synonym table ("Kim Jong-un" = "Kim Jong Un", "North Korean" = "DPRK"), one
   token per number whatever its writing ("10,000" = "ten thousand" = "some 10k",
   :mod:`._claim_numbers`) with bin terms that two close figures share (1,400 and 1,500),
   and dates as their parts (month, year, weekday). Two TF-IDF vectors are fitted over
   all sentences of the corpus: *words* (each term and each two-term sequence, sublinear
   tf; the bin, name and date-part terms count alone) and *characters* (3-5-grams of the
   folded sentence text followed by its canonical terms, so "deminers" and "demining"
   still share n-grams and so do the two sides of a synonym).
2. A pair of sentences from two different pieces scores the weighted mean of its two
   cosines (:data:`WORD_WEIGHT` on the words). Candidate pairs come from an inverted index
   of word terms (a sparse product of term incidence rows, block by block): two sentences
   are scored only when they share :data:`MIN_SHARED_TERMS` terms each found in at most
   :data:`MAX_TERM_SENTENCES` sentences. Terms more common than that ("say", "Russia" in a
   large corpus) still weigh in the cosines but make no pair a candidate, so the
   candidates do not grow with the square of the corpus. Both cosines are computed for
   the candidate pairs only.
3. Sentences are grouped by average-linkage clustering over cross-article scores: two
   groups merge while the mean score of their cross-article sentence pairs reaches the
   threshold (pairs inside one piece never count; unscored pairs count 0). Average linkage
   does not chain the way connected components do. A group is a claim when it spans two or
   more pieces. The clustering keeps only the scored pairs (a sparse graph and a heap of
   merge candidates), so its cost follows the number of candidate pairs, not k².
   A sentence left alone then joins the claim it matches best when its best partner there
   reaches the threshold and its mean over the claim :data:`ATTACH_MEAN` of it: a claim
   worded three or four ways keeps its one distant wording (:mod:`._claim_clusters`).
   Last, a claim that one sentence stating two claims holds together (a whole quote whose
   halves other pieces carry apart: no pair at the threshold links the halves, and the words
   each shares with it lie in a stretch of its own) is split into one claim per half, each
   with that sentence, so a sentence can be in two claims (:func:`._claim_clusters.split_bridges`).

With ``method="learned"`` (a run's ``claims`` option; the ``embeddings`` extra), step 2's score
is instead the probability a fitted logistic regression gives the pair, over its two cosines,
its MiniLM embeddings and how it ranks against the two sentences' other candidates, and the
candidates also include close embeddings (:mod:`._claim_scorer`); step 3 runs at the scorer's
threshold, and two groups that are each already a claim of two pieces merge only at
:data:`CLAIM_MARGIN` above it, so two events naming the same officials stay two claims.
Pairs holding commentary, and pairs whose named people differ or that share only whom they
name (:mod:`._claim_people`; a sentence's people include the persons the ``attributions``
table credits with its words, so a bare quote names its speaker), are joined on lexical
evidence only (:data:`LEXICAL_EVIDENCE`).

The ``claims`` table has one row per sentence and claim (a bridging sentence has a row in each
of its claims), with ``similarity``: the best score linking that sentence to a member of the
group from another piece, ``claim_terms``
(the terms most shared by the claim's pieces), ``linked_by`` (the terms the sentence
shares with that best partner, with the words of both sides: :mod:`._claim_evidence`),
``method`` and, under the learned method, ``commentary``. :func:`claims_matrix`
(:mod:`._claim_matrix`) lays a claims table out as claims x pieces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsprism.corpus.views import english_only
from newsprism.errors import NewsprismError

from ._blocking import candidate_pairs
from ._claim_clusters import ATTACH_MEAN, CLAIM_MARGIN, MARGINS, attach_leftovers, average_linkage, check_margin, split_bridges
from ._claim_evidence import group_terms, linked_by
from ._claim_matrix import claims_matrix
from ._claim_people import people_gate, sentence_speakers
from ._claim_scorer import (
    ClaimScorer,
    claim_scorer,
    commentary_detector,
    commentary_gate,
    commentary_probability,
    feature_names,
    pair_features,
    rounded,
    with_embedding_candidates,
)
from ._claim_terms import CLAIM_ENTITY_LABELS
from ._claim_vectors import MIN_SENTENCE_WORDS, SentenceVectors, claim_sentences, sentence_vectors
from ._dots import pair_dots
from .registry import CLAIM_METHODS

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ATTACH_MEAN",
    "CLAIM_COLUMNS",
    "CLAIM_ENTITY_LABELS",
    "CLAIM_MARGIN",
    "DEFAULT_THRESHOLD",
    "LEXICAL_EVIDENCE",
    "MARGINS",
    "MAX_TERM_SENTENCES",
    "METHODS",
    "MIN_SENTENCE_WORDS",
    "MIN_SHARED_TERMS",
    "SentenceVectors",
    "claim_groups",
    "claim_sentences",
    "claim_speakers",
    "claims_matrix",
    "claims_table",
    "learned_features",
    "learned_pair_scores",
    "sentence_pairs",
    "sentence_vectors",
]

#: Score (weighted mean of word and character cosines) from which sentence groups merge.
DEFAULT_THRESHOLD = 0.2
#: Under the learned method, a pair with a commentary sentence, or one whose named people differ or
#: that shares only whom it names, needs this lexical score (the lexical method's threshold): only
#: its own evidence, not the scorer, joins it (:func:`._claim_scorer.commentary_gate`, :mod:`._claim_people`).
LEXICAL_EVIDENCE = DEFAULT_THRESHOLD
#: Weight of the word cosine in a pair's score (the character cosine has the rest). Chosen
#: with the threshold on the dev split of ``data/devsets/claims`` and the five pieces only.
WORD_WEIGHT = 0.65
#: A word term found in more sentences than this makes no candidate pair (it still counts
#: in the cosines). 200 is far above any term of the five pieces (79 candidate sentences,
#: the commonest term in 31, so their pairs and claims are unchanged) and above a claim
#: repeated by dozens of outlets; it stops "say" or "Russia" from pairing every sentence
#: with every other in a corpus of thousands. A claim worded alike in more than 200
#: sentences is found only through its rarer terms.
MAX_TERM_SENTENCES = 200
#: Two sentences are a candidate pair when they share at least this many of those terms
#: (lemmas, synonym groups, entities, numbers, two-term sequences). On the five pieces the 609
#: pairs sharing a single term (of 1,678) all score under 0.12, below the threshold, and the
#: claims are the same with 1 or 2; on a synthetic corpus of 300 pieces 2 kept about a quarter
#: of the candidate pairs (measured with the terms before synonyms and numbers).
MIN_SHARED_TERMS = 2
CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "start",
    "end",
    "sentence",
    "similarity",
    "sent_id",
    "n_docs",
    "n_sentences",
    "matched_doc",
    "matched_start",
    "claim_terms",
    "linked_by",
    "method",
    "commentary",
    "also_in",
]
#: The ways of scoring a pair: ``lexical`` (the default, above) or ``learned`` (:mod:`._claim_scorer`,
#: with the ``embeddings`` extra).
METHODS = CLAIM_METHODS
PAIR_COLUMNS = ["doc_a", "start_a", "doc_b", "start_b", "cosine_words", "cosine_chars", "score"]


def _scored_pairs(vectors: SentenceVectors, max_sentences: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cross-article candidate pairs (i < j), with both cosines.

    Candidates come block by block from the product of the term incidence rows: pairs
    sharing at least :data:`MIN_SHARED_TERMS` terms among those found in at most
    ``max_sentences`` sentences (default :data:`MAX_TERM_SENTENCES`). The word and
    character cosines are then computed for those pairs alone.
    """
    docs = vectors.doc_ids
    limit = MAX_TERM_SENTENCES if max_sentences is None else max_sentences
    i, j, _ = candidate_pairs(vectors.words, max_postings=limit, min_shared=MIN_SHARED_TERMS, groups=docs)
    words = np.round(pair_dots(vectors.words, i, j), 6)
    chars = np.round(pair_dots(vectors.chars, i, j), 6)
    return i, j, words, chars


def _combined(words: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """The score of a pair: the weighted mean of its word and character cosines."""
    return WORD_WEIGHT * words + (1 - WORD_WEIGHT) * chars


def sentence_pairs(vectors: SentenceVectors, *, min_score: float = 0.0) -> pd.DataFrame:
    """Scored cross-article sentence pairs (score: :data:`WORD_WEIGHT` on the word cosine, the rest on the character cosine)."""
    i, j, words, chars = _scored_pairs(vectors)
    sents = vectors.sentences
    score = _combined(words, chars)
    keep = score >= min_score
    table = pd.DataFrame(
        {
            "doc_a": sents["doc_id"].to_numpy()[i[keep]],
            "start_a": sents["start"].to_numpy()[i[keep]],
            "doc_b": sents["doc_id"].to_numpy()[j[keep]],
            "start_b": sents["start"].to_numpy()[j[keep]],
            "cosine_words": np.round(words[keep], 4),
            "cosine_chars": np.round(chars[keep], 4),
            "score": np.round(score[keep], 4),
        },
        columns=PAIR_COLUMNS,
    )
    return table.reset_index(drop=True)


def learned_features(vectors: SentenceVectors, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The learned method's candidate pairs ``(i, j)`` and their features (:mod:`._claim_scorer`)."""
    docs = vectors.doc_ids
    i, j, _ = candidate_pairs(vectors.words, max_postings=MAX_TERM_SENTENCES, min_shared=MIN_SHARED_TERMS, groups=docs)
    i, j = with_embedding_candidates(i, j, embeddings, docs)
    words = np.round(pair_dots(vectors.words, i, j), 6)
    chars = np.round(pair_dots(vectors.chars, i, j), 6)
    return i, j, pair_features(i, j, docs, words, chars, _combined(words, chars), embeddings)


def learned_pair_scores(
    vectors: SentenceVectors, embeddings: np.ndarray, scorer: ClaimScorer | None, commentary: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The learned method's candidate pairs ``(i, j)``, their probabilities with pairs holding a
    commentary sentence kept on lexical evidence only (:func:`._claim_scorer.commentary_gate`),
    and their lexical scores: the pairs before :func:`._claim_people.people_gate`."""
    i, j, features = learned_features(vectors, embeddings)
    scorer = claim_scorer() if scorer is None else scorer
    names = feature_names(embeddings.shape[1])
    lexical = features[:, names.index("lexical")]
    terms = vectors.sentences["terms"].tolist()
    values = commentary_gate(i, j, rounded(scorer.probability(features, names)), lexical, commentary, commentary_detector().threshold, LEXICAL_EVIDENCE, terms)
    return i, j, values, lexical


def claim_speakers(vectors: SentenceVectors, articles: pd.DataFrame, docs: Mapping[str, Doc], attributions: pd.DataFrame | None = None) -> list[frozenset[str]]:
    """Each claim sentence's speakers for the people gate (:func:`._claim_people.sentence_speakers`),
    from ``attributions`` (default: the attribution stage run on ``articles`` and ``docs``)."""
    if attributions is None:
        from .attribution.table import attributions as attribution_table
        from .entities.mentions import entity_mentions

        attributions = attribution_table(articles, docs, entity_mentions(articles, docs))
    return sentence_speakers(vectors.sentences, attributions)


def _learned_pairs(
    vectors: SentenceVectors, embeddings: np.ndarray, scorer: ClaimScorer | None, commentary: np.ndarray, speakers: list[frozenset[str]] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The learned method's candidate pairs and probabilities, after both gates: pairs holding
    commentary, and pairs that show no event beyond whom they name, kept on lexical evidence."""
    i, j, values, lexical = learned_pair_scores(vectors, embeddings, scorer, commentary)
    return i, j, people_gate(i, j, values, lexical, vectors.sentences["terms"].tolist(), LEXICAL_EVIDENCE, speakers)


def claim_groups(
    vectors: SentenceVectors,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    embeddings: np.ndarray | None = None,
    scorer: ClaimScorer | None = None,
    commentary: np.ndarray | None = None,
    margin: float | None = None,
    speakers: list[frozenset[str]] | None = None,
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Groups of sentence row indices spanning two or more pieces, and the scores of the
    scored pairs inside those groups (``{(i, j): score}`` with i < j). A sentence that bridges
    two claims is in both groups (:func:`._claim_clusters.split_bridges`).

    With ``embeddings`` (one row per sentence), pairs are scored by the learned method
    (``scorer``, default the data folder's; ``commentary``, each sentence's probability of
    being commentary, default the data folder's detector on ``embeddings``); otherwise by
    the lexical score. Two claims merge at ``threshold + margin`` (default: :data:`CLAIM_MARGIN`
    with ``embeddings``, 0 without). ``speakers``: each sentence's, for the people gate
    (:func:`claim_speakers`; none when not given).
    Clustering runs inside each connected component of the pairs scoring
    at least ``threshold``: an average-linkage merge needs one such pair, so this is exact.
    """
    docs = vectors.doc_ids
    margin = check_margin(MARGINS["lexical" if embeddings is None else "learned"] if margin is None else margin)
    if embeddings is None:
        i, j, words, chars = _scored_pairs(vectors)
        values = _combined(words, chars)
    else:
        commentary = commentary_probability(embeddings) if commentary is None else commentary
        i, j, values = _learned_pairs(vectors, embeddings, scorer, commentary, speakers)
    strong = values >= threshold
    n = len(docs)
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (i[strong], j[strong])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels, minlength=n)
    inside = (labels[i] == labels[j]) & (sizes[labels[i]] >= 2)
    i, j, values = i[inside], j[inside], values[inside]
    order = np.argsort(labels[i], kind="stable")
    i, j, values = i[order], j[order], values[order]
    bounds = np.searchsorted(labels[i], np.arange(n + 1))
    terms = vectors.sentences["terms"].tolist()
    members_of = np.argsort(labels, kind="stable")
    member_bounds = np.searchsorted(labels[members_of], np.arange(n + 1))
    groups: list[list[int]] = []
    for label in np.flatnonzero(sizes >= 2):
        members = members_of[member_bounds[label] : member_bounds[label + 1]]
        mine = slice(bounds[label], bounds[label + 1])
        component = (i[mine], j[mine], values[mine])
        clusters = attach_leftovers(average_linkage(members, component, docs, threshold, margin=margin), component, docs, threshold)
        groups += [cluster for cluster in split_bridges(clusters, component, threshold, terms) if len({docs[m] for m in cluster}) >= 2]
    starts = vectors.sentences["start"].to_numpy()
    groups.sort(key=lambda g: (docs[g[0]], int(starts[g[0]]), g))
    group_of, groups_of = np.full(n, -1), _groups_of(groups)
    for g, members in enumerate(groups):
        group_of[[m for m in members if group_of[m] < 0]] = g  # each sentence's first group
    kept = (group_of[i] >= 0) & (group_of[i] == group_of[j])
    bridging = np.array(sorted(m for m, gs in groups_of.items() if len(gs) > 1), dtype=np.int64)
    for x in np.flatnonzero(~kept & (np.isin(i, bridging) | np.isin(j, bridging))).tolist():  # a pair that shares a later group
        kept[x] = bool(set(groups_of.get(int(i[x]), ())) & set(groups_of.get(int(j[x]), ())))
    score = {(int(a), int(b)): float(v) for a, b, v in zip(i[kept], j[kept], values[kept])}
    return groups, score


def _groups_of(groups: list[list[int]]) -> dict[int, list[int]]:
    """Each grouped sentence's groups (two or more for a bridging sentence)."""
    out: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        for m in members:
            out.setdefault(m, []).append(g)
    return out


def _best_partners(
    groups: list[list[int]], groups_of: dict[int, list[int]], score: dict[tuple[int, int], float], docs: np.ndarray
) -> list[dict[int, tuple[float, int]]]:
    """For each group, each sentence's best-scoring partner from another piece in that group
    (ties: the lowest row); a sentence without a scored partner gets the first one, score 0.
    Linear in the scored pairs: each is read once, for the groups its two sentences share
    (``groups_of``: :func:`_groups_of`)."""
    best: list[dict[int, tuple[float, int]]] = [{} for _ in groups]
    for (a, b), value in score.items():
        ga, gb = groups_of[a], groups_of[b]
        for g in (ga if ga == gb else sorted(set(ga) & set(gb))):
            for m, o in ((a, b), (b, a)):
                if m not in best[g] or (value, -o) > (best[g][m][0], -best[g][m][1]):
                    best[g][m] = (value, o)
    for g, members in enumerate(groups):
        for m in members:
            if m not in best[g]:
                best[g][m] = (0.0, next(o for o in members if docs[o] != docs[m]))
    return best


def _empty_claims() -> pd.DataFrame:
    types = {"claim_id": "int64", "start": "int64", "end": "int64", "similarity": "float64", "sent_id": "int64", "commentary": "float64"}
    types |= {"n_docs": "int64", "n_sentences": "int64", "matched_start": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "object")) for c in CLAIM_COLUMNS})


@english_only
def claims_table(
    articles: pd.DataFrame,
    docs: Mapping[str, Doc],
    attributions: pd.DataFrame | None = None,
    *,
    threshold: float | None = None,
    method: str = "lexical",
    scorer: ClaimScorer | None = None,
    margin: float | None = None,
) -> pd.DataFrame:
    """The ``claims`` table: one row per sentence and claim shared by two or more pieces (a
    sentence that bridges two claims is a row of each, :func:`._claim_clusters.split_bridges`).

    ``method``: ``lexical`` (threshold :data:`DEFAULT_THRESHOLD` on the lexical score) or
    ``learned`` (threshold: the fitted scorer's, on its probability; needs the
    ``embeddings`` extra; ``scorer``: another fitted scorer than the data folder's).
    ``similarity`` is the method's score; ``commentary`` (learned only, else NaN) the
    probability that the sentence is commentary, which keeps its pairs to lexical evidence.
    ``also_in``: the other claims a bridging sentence is in (``"; "``-joined ids, else empty).
    ``margin``: how far above the threshold two claims' mean must be for them to merge
    (default: :data:`CLAIM_MARGIN` for ``learned``, 0 for ``lexical``). ``attributions``: the
    run's table, whose person speakers the learned method's people gate reads (computed when
    not given; the lexical method does not read it).
    """
    if method not in METHODS:
        raise NewsprismError(f"unknown claims method '{method}' (known: {', '.join(METHODS)})")
    embeddings = commentary = speakers = None
    if method == "learned":
        from newsprism.nlp.embeddings import model_zip

        model_zip()  # a one-line error before any work when the extra is missing
    if method == "learned" and scorer is None:
        scorer = claim_scorer()
    if threshold is None:
        threshold = scorer.threshold if scorer is not None and method == "learned" else DEFAULT_THRESHOLD
    if not 0.0 < threshold <= 1.0:
        raise NewsprismError(f"claim threshold must be in (0, 1] (got {threshold})")
    if margin is not None:
        check_margin(margin)  # before any work
    vectors = sentence_vectors(articles, docs)
    if method == "learned":
        from newsprism.nlp.embeddings import encode

        embeddings = encode(list(vectors.sentences["text"]))
        commentary = commentary_probability(embeddings)
        speakers = claim_speakers(vectors, articles, docs, attributions)
    groups, score = claim_groups(vectors, threshold, embeddings=embeddings, scorer=scorer, commentary=commentary, margin=margin, speakers=speakers)
    if not groups:
        return _empty_claims()
    sents = vectors.sentences
    docs = sents["doc_id"].to_numpy()
    starts, ends = sents["start"].to_numpy(), sents["end"].to_numpy()
    texts, sent_ids = sents["text"].to_numpy(), sents["sent_id"].to_numpy()
    groups_of = _groups_of(groups)
    rows = []
    partners = _best_partners(groups, groups_of, score, docs)
    for claim_id, members in enumerate(groups, start=1):
        terms = group_terms(vectors, members)
        n_docs = len({docs[m] for m in members})
        best = partners[claim_id - 1]
        for m in members:
            best_score, partner = best[m]
            rows.append(
                {
                    "claim_id": claim_id,
                    "doc_id": docs[m],
                    "start": int(starts[m]),
                    "end": int(ends[m]),
                    "sentence": texts[m],
                    "similarity": round(best_score, 4),
                    "sent_id": int(sent_ids[m]),
                    "n_docs": n_docs,
                    "n_sentences": len(members),
                    "matched_doc": docs[partner],
                    "matched_start": int(starts[partner]),
                    "claim_terms": terms,
                    "linked_by": linked_by(vectors, m, partner),
                    "method": method,
                    "commentary": float(commentary[m]) if commentary is not None else float("nan"),
                    "also_in": "; ".join(str(g + 1) for g in groups_of[m] if g + 1 != claim_id),
                }
            )
    table = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return table.sort_values(["claim_id", "doc_id", "start"], kind="stable").reset_index(drop=True)

"""The learned claims method: a logistic regression over the evidence of each sentence pair.

The lexical method (:mod:`.claims`) takes a pair's score to be the weighted mean of its word
and character cosines. That score misses claims restated in other words ("the death toll
stands at nine" against "killing at least nine people") and cannot tell a pair that is each
sentence's best match from one of many middling matches. The learned method (``method=
"learned"``, which needs the ``embeddings`` extra, :mod:`newsprism.nlp.embeddings`) scores
each candidate pair by the probability that a logistic regression gives it, over:

- the lexical evidence: the two cosines and their weighted mean;
- the cosine of the two sentences' MiniLM embeddings;
- rivalry, for the lexical score and the embedding cosine alike: whether the pair is each
  sentence's best match in the other piece, its score over the best one of either
  sentence, and its margin over the runner-up (a sentence matching everything in the
  other piece is a topic, not a claim);
- the element-wise product and absolute difference of the two embeddings (what the two
  sentences agree and differ on, the pair features of Conneau et al. 2017's InferSent
  classifier).

Candidates are the lexical method's (sentences sharing rare terms) and, inside each pair
of pieces that has any, the cross-piece pairs whose embedding cosine reaches
:data:`EMBEDDING_MIN`, so a claim in other words is still scored; pieces that share no
rare term are never compared. The weights (``data/models/claim_scorer.csv``) are fitted by
:func:`newsprism.evaluate.train_claim_scorer` on the development sets' annotated pairs;
the same average-linkage clustering then groups sentences at the scorer's threshold, two
claims of two pieces each merging only at :data:`~._claim_clusters.CLAIM_MARGIN` above it.

Commentary ("the deal marks a new chapter in the growing partnership") states no checkable
claim, yet two commentary sentences on one theme are often each other's closest match, and
their embeddings agree. A second logistic regression, over a sentence's embedding alone
(``data/models/commentary.csv``, fitted by :func:`newsprism.evaluate.train_commentary_detector`
on the hand-labelled sentences of ``data/devsets/commentary/``), gives each sentence the
probability that it is commentary. A pair with a sentence at :data:`ClaimScorer.threshold` of
that detector or more is joined on lexical evidence only (:func:`commentary_gate`): the
scorer's probability stands when the pair's lexical score reaches the lexical method's
threshold, and is 0 otherwise. Rewritten commentary, whose words survive, is still grouped;
but two commentary sentences whose shared words are only a formula ("comes amid growing
anger over ...") are not: such a pair must also share an informative term (a number, a rare
name or a rare word, by the stock judgement's first rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy.special import expit

from newsprism.errors import NewsprismError
from newsprism.resources.files import resource

from ._claim_terms import informative_terms

__all__ = [
    "COMMENTARY_FILE",
    "EMBEDDING_MIN",
    "SCORER_FILE",
    "ClaimScorer",
    "claim_scorer",
    "commentary_detector",
    "commentary_gate",
    "commentary_names",
    "commentary_probability",
    "feature_names",
    "pair_features",
    "rivalry",
    "rounded",
    "scorer_from_table",
    "with_embedding_candidates",
]

#: The data file of the scorer's weights (rows: ``(intercept)``, ``(threshold)``, then one per feature).
SCORER_FILE = "models/claim_scorer.csv"
#: The data file of the commentary detector's weights (the same layout, one weight per embedding dimension).
COMMENTARY_FILE = "models/commentary.csv"
#: Two sentences of pieces that share any candidate pair are also a candidate from this embedding cosine on.
EMBEDDING_MIN = 0.6
_SCALARS = ["lexical", "cosine_words", "cosine_chars", "lexical_best", "lexical_of_best", "lexical_margin", "embedding", "embedding_best", "embedding_of_best", "embedding_margin"]


def feature_names(dimensions: int) -> list[str]:
    """The scorer's features, in the order of :func:`pair_features`' columns."""
    return _SCALARS + [f"product_{k}" for k in range(dimensions)] + [f"difference_{k}" for k in range(dimensions)]


def rounded(values: np.ndarray) -> np.ndarray:
    """``values`` as float64 rounded to 6 decimals: the last bits of a float32 product (which vary
    with the BLAS threads) never tip a best-match flag or a threshold."""
    return np.round(values.astype(np.float64), 6)


def commentary_names(dimensions: int) -> list[str]:
    """The commentary detector's features: the dimensions of a sentence's embedding."""
    return [f"embedding_{k}" for k in range(dimensions)]


@dataclass(frozen=True)
class ClaimScorer:
    """Fitted weights (of the pair scorer or of the commentary detector): the probability of
    a row is the logistic function of ``X @ weights + intercept``; ``source`` is their file."""

    names: tuple[str, ...]
    weights: np.ndarray
    intercept: float
    threshold: float
    source: str = SCORER_FILE

    def probability(self, features: np.ndarray, names: list[str]) -> np.ndarray:
        """The probability of each row of ``features``, whose columns are ``names``."""
        if list(self.names) != list(names):
            raise NewsprismError(f"{self.source}: its weights are not those of the features {names[0]} ... {names[-1]} in order (refit it: make scorer)")
        return expit(features @ self.weights + self.intercept)


def scorer_from_table(table: pd.DataFrame, source: str = SCORER_FILE) -> ClaimScorer:
    """The weights of a table (``term``, ``weight``: ``(intercept)``, ``(threshold)``, then the features)."""
    values = dict(zip(table["term"], table["weight"]))
    try:
        intercept, threshold = float(values.pop("(intercept)")), float(values.pop("(threshold)"))
        names = tuple(values)
        weights = np.array([float(values[n]) for n in names], dtype=np.float64)
    except (KeyError, ValueError) as exc:
        raise NewsprismError(f"{source}: not a weights table ({exc})") from None
    return ClaimScorer(names, weights, intercept, threshold, source)


def claim_scorer() -> ClaimScorer:
    """The fitted scorer of the data folder (re-read when the file changes)."""
    return resource(SCORER_FILE, scorer_from_table)


def commentary_detector() -> ClaimScorer:
    """The fitted commentary detector of the data folder (re-read when the file changes)."""
    return resource(COMMENTARY_FILE, _detector_from_table)


def _detector_from_table(table: pd.DataFrame) -> ClaimScorer:
    return scorer_from_table(table, COMMENTARY_FILE)


def commentary_probability(embeddings: np.ndarray, detector: ClaimScorer | None = None) -> np.ndarray:
    """The probability that each sentence (a row of ``embeddings``) is commentary, to 6 decimals."""
    detector = commentary_detector() if detector is None else detector
    rows = rounded(embeddings)
    return rounded(detector.probability(rows, commentary_names(rows.shape[1])))


def commentary_gate(
    i: np.ndarray, j: np.ndarray, probability: np.ndarray, lexical: np.ndarray, commentary: np.ndarray, threshold: float, lexical_min: float, terms: Sequence[str]
) -> np.ndarray:
    """The pairs' probabilities with those of pairs holding a commentary sentence (``commentary``
    at ``threshold`` or more) set to 0 unless their lexical score reaches ``lexical_min``, and
    those of pairs of two commentary sentences set to 0 unless the two also share an informative
    term of their ``terms`` (each sentence's terms string) (:func:`._claim_terms.informative_terms`: a
    shared formula, "comes amid growing anger", is no evidence)."""
    flagged = commentary >= threshold
    held = (flagged[i] | flagged[j]) & (lexical < lexical_min)
    of = cache(lambda row: informative_terms(terms[row]))
    for k in np.flatnonzero(flagged[i] & flagged[j] & ~held).tolist():
        held[k] = not of(int(i[k])) & of(int(j[k]))
    return np.where(held, 0.0, probability)


def rivalry(i: np.ndarray, j: np.ndarray, docs: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair, among the candidate pairs of each of its sentences with the other's piece:
    whether it is the best of both (1.0 or 0.0), its value over the better of the two bests (0 to 1), and
    its smaller margin over the best other pair of either sentence (0 when it has no rival)."""
    n = len(i)
    if not n:
        return np.zeros(0), np.zeros(0), np.zeros(0)
    frame = pd.DataFrame({"sentence": np.concatenate([i, j]), "piece": np.concatenate([docs[j], docs[i]]), "value": np.concatenate([value, value])})
    by = frame.groupby(["sentence", "piece"], sort=False)["value"]
    best = by.transform("max").to_numpy()
    first = (by.rank(ascending=False, method="first") == 1).to_numpy()
    second = frame.assign(value=np.where(first, -np.inf, frame["value"])).groupby(["sentence", "piece"], sort=False)["value"].transform("max").to_numpy()
    second = np.where(np.isfinite(second), second, 0.0)
    rival = np.where(first, second, best)  # the best pair other than this one
    is_best = (value >= best[:n]) & (value >= best[n:])
    of_best = np.clip(np.minimum(value / np.maximum(best[:n], 1e-6), value / np.maximum(best[n:], 1e-6)), 0.0, 1.0)
    margin = np.minimum(value - rival[:n], value - rival[n:])
    return is_best.astype(np.float64), of_best, margin


def with_embedding_candidates(i: np.ndarray, j: np.ndarray, embeddings: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs ``(i, j)`` (``i < j``) and, inside each pair of pieces they link, every
    cross-piece pair of embedding cosine :data:`EMBEDDING_MIN` or more; sorted by ``i``, ``j``."""
    rows: dict[str, np.ndarray] = {}
    for piece in pd.unique(docs):
        rows[piece] = np.flatnonzero(docs == piece)
    linked = sorted({(a, b) if a < b else (b, a) for a, b in zip(docs[i].tolist(), docs[j].tolist())})
    extra_i, extra_j = [i], [j]
    for a, b in linked:
        ra, rb = rows[a], rows[b]
        close = np.argwhere(embeddings[ra] @ embeddings[rb].T >= EMBEDDING_MIN)
        x, y = ra[close[:, 0]], rb[close[:, 1]]
        extra_i.append(np.minimum(x, y))
        extra_j.append(np.maximum(x, y))
    pairs = np.unique(np.column_stack([np.concatenate(extra_i), np.concatenate(extra_j)]).astype(np.int64), axis=0)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def pair_features(i: np.ndarray, j: np.ndarray, docs: np.ndarray, words: np.ndarray, chars: np.ndarray, lexical: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """The features of :func:`feature_names` for the pairs ``(i, j)``, one row each; the
    embeddings and their cosines :func:`rounded` first."""
    embeddings = rounded(embeddings)
    cosine = rounded(np.einsum("ij,ij->i", embeddings[i], embeddings[j]))
    scalars = [lexical, words, chars, *rivalry(i, j, docs, lexical), cosine, *rivalry(i, j, docs, cosine)]
    return np.column_stack([*scalars, embeddings[i] * embeddings[j], np.abs(embeddings[i] - embeddings[j])])

"""Fitting the learned claims method's scorer on the development sets' annotated pairs.

Every candidate pair of the learned method (:func:`newsprism.stages.claims.learned_features`)
in each story set of :data:`TRAINING_SETS` is labelled from the set's annotations (its two
sentences mapped to the gold lines holding their first characters): ``same`` is a positive,
``related`` is left out (the annotators' near misses, counted neither way when scoring),
anything else, ``filler`` pairs of commentary included, is a negative. A logistic regression
(scikit-learn, L2 penalty :data:`PENALTY`, lbfgs) is fitted on all of them; the weights and
:data:`THRESHOLD` go to ``data/models/claim_scorer.csv``. The apart3, apart4 and events sets are
never used: they are the held-out figures. ``make scorer`` refits and rewrites the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from newsprism.evaluate._claim_sets import (
    APART,
    APART2,
    DEVSET,
    FILLER,
    FRESH,
    ClaimSet,
    claim_set_runs,
    read_claim_set,
    score_claim_set,
)
from newsprism.text.spans import SpanLookup

__all__ = [
    "LEAVE_OUT_COLUMNS",
    "METHOD_SCORE_COLUMNS",
    "PENALTY",
    "THRESHOLD",
    "THRESHOLDS",
    "TRAINING_SETS",
    "claim_method_scores",
    "labelled_pairs",
    "leave_one_out_scores",
    "pooled_scores",
    "train_claim_scorer",
    "write_claim_scorer",
]

#: The development sets the scorer is fitted on (never :data:`APART3`, :data:`APART4` or the events sets).
TRAINING_SETS = (DEVSET, FRESH, APART, APART2, FILLER)
#: Inverse strength of the L2 penalty (scikit-learn's ``C``).
PENALTY = 1.0
#: The probability from which sentence groups merge. Chosen in development, before the apart3
#: sets were run: fitted on three of the dev, fresh, apart and filler sets and scored on the
#: fourth (apart2 on a fit of all four), 0.4 was the lowest of :data:`THRESHOLDS` that kept
#: precision at 0.9 or more on every wire-style set left out (fresh 0.92, apart 0.92, apart2
#: 0.93; filler, commentary by design, 0.78). :func:`leave_one_out_scores` repeats it over all
#: five training sets (each fitted on the other four), where fresh's precision at 0.4 is 0.899.
THRESHOLD = 0.4
THRESHOLDS = (0.4, 0.5, 0.6)


def labelled_pairs(devset: ClaimSet, runs: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(features, is_same)`` of every candidate pair of the devset's story sets, ``related`` left out."""
    from newsprism.nlp.embeddings import encode
    from newsprism.stages.claims import learned_features, sentence_vectors

    runs = claim_set_runs(None, devset) if runs is None else runs
    gold, lines = devset.gold, devset.sentences
    blocks, labels = [], []
    for name, run in sorted(runs.items()):
        vectors = sentence_vectors(run.articles, run.docs)
        i, j, features = learned_features(vectors, encode(list(vectors.sentences["text"])))
        mine = lines[lines["set"] == name]
        lookup = {doc: SpanLookup(zip(g["start"].astype(int), g["end"].astype(int)), [(doc, int(s)) for s in g["start"]]) for doc, g in mine.groupby("doc_id")}
        judged = {}
        for r in gold[gold["set"] == name].itertuples(index=False):
            judged[tuple(sorted([(r.doc_a, int(r.a_start)), (r.doc_b, int(r.b_start))]))] = r.label
        line_of = []  # per sentence row: the gold line holding its first character
        for doc_id, start in zip(vectors.doc_ids, vectors.sentences["start"].tolist()):
            found = lookup[doc_id].index_at(int(start))
            line_of.append(lookup[doc_id].values[found] if found >= 0 else (doc_id, -1))
        label = np.array([judged.get(tuple(sorted([line_of[a], line_of[b]])), "none") for a, b in zip(i.tolist(), j.tolist())], dtype=object)
        keep = label != "related"
        blocks.append(features[keep])
        labels.append(label[keep] == "same")
    return np.vstack(blocks), np.concatenate(labels)


def weights_table(features: np.ndarray, labels: np.ndarray, names: list[str], threshold: float, penalty: float) -> pd.DataFrame:
    """The weights table (``term``, ``weight``: ``(intercept)``, ``(threshold)``, then ``names``)
    of a logistic regression fitted on ``features`` (columns ``names``) and boolean ``labels``."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=penalty, max_iter=5000).fit(features, labels)
    rows = [("(intercept)", repr(float(model.intercept_[0]))), ("(threshold)", repr(threshold))]
    rows += [(n, repr(float(w))) for n, w in zip(names, model.coef_[0])]
    return pd.DataFrame(rows, columns=["term", "weight"])


def _fitted(parts: list[tuple[np.ndarray, np.ndarray]], threshold: float = THRESHOLD) -> pd.DataFrame:
    """The scorer table of a logistic regression fitted on the labelled pairs of ``parts``."""
    from newsprism.nlp.embeddings import DIMENSIONS
    from newsprism.stages._claim_scorer import feature_names

    features = np.vstack([x for x, _ in parts])
    labels = np.concatenate([y for _, y in parts])
    return weights_table(features, labels, feature_names(DIMENSIONS), threshold, PENALTY)


def train_claim_scorer(folders: Iterable[str] = TRAINING_SETS) -> pd.DataFrame:
    """The scorer table (``term``, ``weight``) fitted on the devsets of ``folders``."""
    return _fitted([labelled_pairs(read_claim_set(folder)) for folder in folders])


LEAVE_OUT_COLUMNS = ["left_out", "split", "threshold", "precision", "recall", "true_positives", "predicted", "same_pairs"]


def _split_rows(summary: pd.DataFrame, splits: Iterable[str], extra: dict) -> list[dict]:
    rows = []
    for split in sorted(set(splits)):
        mine = summary[summary["subset"] == split].set_index("measure")
        rows.append(
            extra
            | {
                "split": split,
                "precision": float(mine.loc["precision", "value"]),
                "recall": float(mine.loc["recall", "value"]),
                "true_positives": int(mine.loc["recall", "numerator"]),
                "predicted": int(mine.loc["precision", "denominator"]),
                "same_pairs": int(mine.loc["recall", "denominator"]),
            }
        )
    return rows


def leave_one_out_scores(folders: Iterable[str] = TRAINING_SETS, thresholds: Iterable[float] = THRESHOLDS) -> pd.DataFrame:
    """Each devset of ``folders`` scored by a scorer fitted on the others, at each threshold:
    the kind of figures :data:`THRESHOLD` was chosen by, now with the gates (commentary, formula,
    people) and the claim margin added after that choice (each set parsed and labelled once)."""
    from newsprism.stages._claim_scorer import scorer_from_table
    from newsprism.stages.claims import claims_table

    folders = list(folders)
    devsets = {folder: read_claim_set(folder) for folder in folders}
    runs = {folder: claim_set_runs(None, devsets[folder]) for folder in folders}
    parts = {folder: labelled_pairs(devsets[folder], runs[folder]) for folder in folders}
    rows = []
    for folder in folders:
        scorer = scorer_from_table(_fitted([parts[f] for f in folders if f != folder]))
        for threshold in thresholds:
            predictions = {name: claims_table(run.articles, run.docs, method="learned", scorer=scorer, threshold=threshold) for name, run in runs[folder].items()}
            summary = score_claim_set(predictions, splits=None, devset=devsets[folder])[0]
            rows += _split_rows(summary, devsets[folder].texts["split"], {"left_out": folder.split("/")[-1], "threshold": threshold})
    return pd.DataFrame(rows, columns=LEAVE_OUT_COLUMNS)


def write_claim_scorer(path: str | Path | None = None) -> Path:
    """Fit the scorer and write it to ``path`` (default: the data folder's ``models/claim_scorer.csv``)."""
    from newsprism.resources.files import data_path
    from newsprism.stages._claim_scorer import SCORER_FILE

    target = Path(path) if path is not None else data_path(SCORER_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    train_claim_scorer().to_csv(target, index=False, lineterminator="\n")
    return target


METHOD_SCORE_COLUMNS = ["split", "fitted_on", "method", "margin", "precision", "recall", "true_positives", "predicted", "same_pairs"]


def claim_method_scores(folders: Iterable[str], methods: Iterable[str] = ("lexical", "learned"), margins: Iterable[float | None] = (None,)) -> pd.DataFrame:
    """Precision and recall of each claims method on each split of the devsets in ``folders``
    (each set parsed once, both methods run on it), with whether the learned scorer was
    fitted on that split (``fitted_on``: its figure is then not a held-out one), at each
    claim merge ``margin`` (``None``: the method's default, :data:`~newsprism.stages.claims.MARGINS`)."""
    from newsprism.stages.claims import MARGINS, claims_table

    rows = []
    for folder in folders:
        devset = read_claim_set(folder)
        runs = claim_set_runs(None, devset)
        for method in methods:
            for margin in margins:
                predictions = {name: claims_table(run.articles, run.docs, method=method, margin=margin) for name, run in runs.items()}
                summary = score_claim_set(predictions, splits=None, devset=devset)[0]
                extra = {"fitted_on": folder in TRAINING_SETS, "method": method, "margin": MARGINS[method] if margin is None else margin}
                rows += _split_rows(summary, devset.texts["split"], extra)
    return pd.DataFrame(rows, columns=METHOD_SCORE_COLUMNS)


def pooled_scores(scores: pd.DataFrame, name: str = "all held out") -> pd.DataFrame:
    """Precision and recall of each method and margin pooled over the splits of ``scores`` (a
    :func:`claim_method_scores` table) the learned scorer was not fitted on: their true
    positives, predicted pairs and same pairs summed, so each set weighs as many pairs as it
    annotates (rates to 4 places, as each split's). One row per method and margin, split ``name``; no rows when every split was fitted on."""
    held = scores[~scores["fitted_on"].astype(bool)]
    rows = []
    for (method, margin), group in held.groupby(["method", "margin"], sort=False):
        found, predicted, same = (int(group[c].sum()) for c in ("true_positives", "predicted", "same_pairs"))
        rows.append(
            {
                "split": name,
                "fitted_on": False,
                "method": method,
                "margin": margin,
                "precision": round(found / predicted, 4) if predicted else 0.0,
                "recall": round(found / same, 4) if same else 0.0,
                "true_positives": found,
                "predicted": predicted,
                "same_pairs": same,
            }
        )
    return pd.DataFrame(rows, columns=METHOD_SCORE_COLUMNS)

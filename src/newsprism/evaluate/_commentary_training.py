"""Fitting the commentary detector of the learned claims method, and how well it does.

The detector (:func:`newsprism.stages._claim_scorer.commentary_probability`) is a logistic
regression over a sentence's MiniLM embedding, fitted on the hand-labelled sentences of
:data:`COMMENTARY_SET` (45 invented articles in 12 house styles, 698 sentences, each marked
commentary or claim; development material). Its threshold, and the rule that a pair with
a commentary sentence needs lexical evidence, were chosen on the claims development sets
(left-one-out fits of the pair scorer), before the apart3 and apart4 sets were run with it.
``make scorer`` refits it and rewrites ``data/models/commentary.csv``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from newsprism.resources.files import read_data_csv

from ._claim_sets import APART4, FILLER, read_claim_set
from ._claim_training import weights_table

__all__ = [
    "COMMENTARY_PENALTY",
    "COMMENTARY_SCORE_COLUMNS",
    "COMMENTARY_SET",
    "COMMENTARY_THRESHOLD",
    "commentary_detector_scores",
    "train_commentary_detector",
    "write_commentary_detector",
]

#: The hand-labelled sentences the detector is fitted on (``sentences.csv``: ``sentence``, ``commentary`` 0/1).
COMMENTARY_SET = "devsets/commentary"
#: Inverse strength of the L2 penalty (scikit-learn's ``C``), chosen by five-fold cross-validation over stories.
COMMENTARY_PENALTY = 1.0
#: A sentence is commentary from this probability on. Chosen with the gate's other settings
#: (either side, lexical evidence 0.2) on left-one-out fits of the pair scorer over the
#: development sets and on the five pieces; the sweep is in the README.
COMMENTARY_THRESHOLD = 0.7
COMMENTARY_SCORE_COLUMNS = ["set", "how", "sentences", "commentary", "called", "found", "precision", "recall", "accuracy"]


def _labelled(folder: str = COMMENTARY_SET) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    from newsprism.nlp.embeddings import encode
    from newsprism.stages._claim_scorer import rounded

    sents = read_data_csv(f"{folder}/sentences.csv")
    return sents, rounded(encode(list(sents["sentence"]))), sents["commentary"].astype(int).to_numpy() == 1


def _weights(features: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
    from newsprism.stages._claim_scorer import commentary_names

    return weights_table(features, labels, commentary_names(features.shape[1]), COMMENTARY_THRESHOLD, COMMENTARY_PENALTY)


def train_commentary_detector(folder: str = COMMENTARY_SET) -> pd.DataFrame:
    """The detector's weights table, fitted on the labelled sentences of ``folder``."""
    _, features, labels = _labelled(folder)
    return _weights(features, labels)


def write_commentary_detector(path: str | Path | None = None) -> Path:
    """Fit the detector and write it to ``path`` (default: the data folder's ``models/commentary.csv``)."""
    from newsprism.resources.files import data_path
    from newsprism.stages._claim_scorer import COMMENTARY_FILE

    target = Path(path) if path is not None else data_path(COMMENTARY_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    train_commentary_detector().to_csv(target, index=False, lineterminator="\n")
    return target


def _row(name: str, how: str, predicted: np.ndarray, labels: np.ndarray) -> dict:
    """One row of :data:`COMMENTARY_SCORE_COLUMNS`: ``called`` sentences called commentary,
    ``found`` of them labelled so; precision is found / called, recall found / commentary."""
    found, called, commentary = int((predicted & labels).sum()), int(predicted.sum()), int(labels.sum())
    return {
        "set": name,
        "how": how,
        "sentences": len(labels),
        "commentary": commentary,
        "called": called,
        "found": found,
        "precision": round(found / called, 4) if called else 0.0,
        "recall": round(found / commentary, 4) if commentary else 0.0,
        "accuracy": round(float((predicted == labels).mean()), 4),
    }


def commentary_detector_scores(folds: int = 5) -> pd.DataFrame:
    """Precision and recall of "commentary" at :data:`COMMENTARY_THRESHOLD`: on the training
    sentences by cross-validation over stories (each fold fitted on the others), and the
    committed detector on the commentary sentences of the filler and apart4 sets, which it
    never saw (their ``filler`` column). Each fold is fitted and applied as the committed
    detector is (:func:`train_commentary_detector`, ``commentary_probability``)."""
    from sklearn.model_selection import GroupKFold

    from newsprism.nlp.embeddings import encode
    from newsprism.stages._claim_scorer import COMMENTARY_FILE, commentary_probability, scorer_from_table

    sents, features, labels = _labelled()
    predicted = np.zeros(len(labels), dtype=bool)
    for train, test in GroupKFold(folds).split(features, labels, groups=sents["story"]):
        detector = scorer_from_table(_weights(features[train], labels[train]), COMMENTARY_FILE)
        predicted[test] = commentary_probability(features[test], detector) >= COMMENTARY_THRESHOLD
    rows = [_row("commentary", f"{folds}-fold cross-validation over stories", predicted, labels)]
    for folder in (FILLER, APART4):
        other = read_claim_set(folder).sentences
        found = commentary_probability(encode(list(other["sentence"]))) >= COMMENTARY_THRESHOLD
        rows.append(_row(folder.split("_")[-1], "the committed detector (never fitted on it)", found, other["filler"].astype(int).to_numpy() == 1))
    return pd.DataFrame(rows, columns=COMMENTARY_SCORE_COLUMNS)

"""Scoring each stage against hand annotations: matched pairs, misses, false alarms, P/R/F1.

The annotations of the five pieces live in ``data/annotations/`` (data, not code); the
tests and notebook 08 score the stages against them with these functions, so the numbers
a reader cites and the numbers the tests enforce are the same. Laid out like
scikit-learn's ``metrics``: this package is the public API over one private module per
stage.

Generic helpers (``_match``): :func:`match_rows` (one-to-one matching with a
``tp``/``fp``/``fn`` outcome per row), :func:`prf`, :func:`score_by`, :func:`prf_by`,
:func:`spans_overlap`, :func:`summary_table`. Which pieces the annotations apply to
(``_coverage``): :func:`read_annotation`, :func:`annotated_docs`, :func:`annotation_coverage`.
What a notebook shows (``_report``): :func:`error_cases` / :func:`error_view` (the false
positives and negatives of a stage), :func:`recall_by`, :func:`shown` and :func:`or_note`
(a one-row note instead of an empty table).

One scorer per stage, each taking the table it scores and returning ``(summary, matches)``:

- :func:`score_attributions` (``articles, attributions``): against ``attributions_gold.csv``
  (a prediction matches an annotation when the spans overlap and the canonical sources
  agree by :func:`newsprism.resources.aliases.name_key`);
- :func:`score_attribution_sentences` (no argument): the same rules on the sentences of
  ``attribution_sentences.csv``, their own little corpus run through
  :class:`newsprism.run.Run`, whatever the corpus analysed;
- :func:`score_person_counts` (``articles, entities, mentions``): PERSON mention counts
  per piece against the hand count;
- :func:`score_passages` (``articles, passages``): against ``passages_gold.csv`` (same pair
  of pieces, overlapping spans on both sides);
- :func:`score_claims` (``articles, claims``): against ``claims_gold.csv``, the pair-by-pair
  outcomes of :func:`claim_pair_outcomes` counted as :func:`evaluate_claims` counts them;
- :func:`score_names` (a prediction table over the names devset, ``data/devsets/names/``,
  from :func:`names_predictions`: each story run as its own corpus): person mention
  detection, merging across articles (pairwise and B-cubed), wrong merges of negative
  pairs and mislabelled traps, per split; :func:`name_clusters` the person x entity view.

Fitting (``_claim_training``): :func:`train_claim_scorer` fits the learned claims method's
scorer on the development sets (:data:`TRAINING_SETS`, never apart3, apart4 or events) and
:func:`write_claim_scorer` writes it to ``data/models/claim_scorer.csv``;
:func:`claim_method_scores` scores the lexical and learned methods side by side on devsets
(:func:`pooled_scores`: pooled over the sets the scorer was not fitted on);
:func:`leave_one_out_scores` scores each training set by a scorer fitted on the others.
``_commentary_training``: :func:`train_commentary_detector` fits the method's commentary
detector on ``data/devsets/commentary/`` and :func:`write_commentary_detector` writes it
to ``data/models/commentary.csv``; :func:`commentary_detector_scores` scores it.
``_claim_gates``: :func:`people_held_pairs` lists the pairs the method's people gate held
back, with its rule and evidence, and :func:`with_pair_labels` adds their annotations.

``summary`` is long: one row per measure (``stage, measure, subset, numerator,
denominator, value, definition``), so every value says which counts it divides; F1 rows
divide 2 tp by 2 tp + fp + fn. ``matches`` has one row per matched pair, miss or false
alarm with ``outcome``, ``doc_id``, ``start``, ``end`` and ``text`` (``raw[start:end]`` of
the piece). On a corpus without annotated pieces every scorer returns empty tables.

No stage module imports this package: evaluation sits on top of the stages.
"""

from __future__ import annotations

from ._attributions import (
    AGREEMENT_COLUMNS,
    ATTRIBUTION_MATCH_COLUMNS,
    attribution_agreement,
    attribution_disagreements,
    score_attributions,
)
from ._claim_gates import HELD_COLUMNS, people_held_pairs, with_pair_labels
from ._claim_sets import (
    APART,
    APART2,
    APART3,
    APART4,
    CLAIM_SET_COLUMNS,
    EVENTS,
    EVENTS2,
    EVENTS3,
    EVENTS4,
    FILLER,
    FRESH,
    read_claim_set,
    score_claim_set,
    with_commentary,
)
from ._claim_training import (
    LEAVE_OUT_COLUMNS,
    METHOD_SCORE_COLUMNS,
    TRAINING_SETS,
    claim_method_scores,
    leave_one_out_scores,
    pooled_scores,
    train_claim_scorer,
    write_claim_scorer,
)
from ._claims import CLAIM_MATCH_COLUMNS, claim_pair_outcomes, claim_scores, evaluate_claims, read_claims_gold, score_claims
from ._commentary_training import (
    COMMENTARY_SCORE_COLUMNS,
    COMMENTARY_SET,
    COMMENTARY_THRESHOLD,
    commentary_detector_scores,
    train_commentary_detector,
    write_commentary_detector,
)
from ._coverage import annotated_docs, annotation_coverage, read_annotation
from ._match import STAGE_ORDER, SUMMARY_COLUMNS, match_rows, prf, prf_by, score_by, spans_overlap, summary_table
from ._names import NAMES_DEVSET, NAMES_MATCH_COLUMNS, name_clusters, names_predictions, read_names_devset, score_names
from ._passages import PASSAGE_MATCH_COLUMNS, common_flag_agreement, common_flag_errors, score_passages
from ._persons import PERSON_MATCH_COLUMNS, score_person_counts
from ._report import NO_ANNOTATIONS, NO_ERRORS, error_cases, error_view, or_note, recall_by, shown
from ._sentences import SENTENCE_MATCH_COLUMNS, score_attribution_sentences
from ._wire import score_wire, wire_breakdown

__all__ = [
    "AGREEMENT_COLUMNS",
    "APART",
    "APART2",
    "APART3",
    "APART4",
    "ATTRIBUTION_MATCH_COLUMNS",
    "CLAIM_MATCH_COLUMNS",
    "CLAIM_SET_COLUMNS",
    "COMMENTARY_SCORE_COLUMNS",
    "COMMENTARY_SET",
    "COMMENTARY_THRESHOLD",
    "EVENTS",
    "EVENTS2",
    "EVENTS3",
    "EVENTS4",
    "FILLER",
    "FRESH",
    "HELD_COLUMNS",
    "LEAVE_OUT_COLUMNS",
    "METHOD_SCORE_COLUMNS",
    "NAMES_DEVSET",
    "NAMES_MATCH_COLUMNS",
    "NO_ANNOTATIONS",
    "NO_ERRORS",
    "PASSAGE_MATCH_COLUMNS",
    "PERSON_MATCH_COLUMNS",
    "SENTENCE_MATCH_COLUMNS",
    "STAGE_ORDER",
    "SUMMARY_COLUMNS",
    "TRAINING_SETS",
    "annotated_docs",
    "annotation_coverage",
    "attribution_agreement",
    "attribution_disagreements",
    "claim_method_scores",
    "claim_pair_outcomes",
    "claim_scores",
    "commentary_detector_scores",
    "common_flag_agreement",
    "common_flag_errors",
    "error_cases",
    "error_view",
    "evaluate_claims",
    "leave_one_out_scores",
    "match_rows",
    "name_clusters",
    "names_predictions",
    "or_note",
    "people_held_pairs",
    "pooled_scores",
    "prf",
    "prf_by",
    "read_annotation",
    "read_claim_set",
    "read_claims_gold",
    "read_names_devset",
    "recall_by",
    "score_attribution_sentences",
    "score_attributions",
    "score_by",
    "score_claim_set",
    "score_claims",
    "score_names",
    "score_passages",
    "score_person_counts",
    "score_wire",
    "shown",
    "spans_overlap",
    "summary_table",
    "train_claim_scorer",
    "train_commentary_detector",
    "wire_breakdown",
    "with_commentary",
    "with_pair_labels",
    "write_claim_scorer",
    "write_commentary_detector",
]

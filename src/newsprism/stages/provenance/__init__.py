"""Provenance of quotes and claims (issue 14): where each quote and claim sentence of a
piece comes from, whether it changed on the way, and whether any text searched carries it.

- :func:`quote_provenance` / :func:`claim_provenance`: the tables of a run, against the
  other pieces (the ``quote_provenance`` and ``claim_provenance`` stages) or against
  reference folders; :func:`quote_provenance_table` / :func:`claim_provenance_table` are the
  stage functions; :func:`provenance_tables` gives both from one search of the references.
- :func:`chain_steps`: one quote's or claim's chain (reference -> piece -> piece), step by step.
- :func:`verdict_counts`: quotes per verdict.
- :func:`read_planted`, :func:`quote_outcomes`, :func:`verdict_scores`, :func:`claim_outcomes`,
  :func:`field_scores`: scoring against planted truth (``tests/fixtures/provenance``).

Modules: ``index`` (hashed word shingles of every text), ``align`` (word alignment and
verdicts), ``values`` (numbers and dates, shared with :mod:`newsprism.stages.findings`),
``dates`` (publication dates, datelines), ``texts`` (the sides searched, the date rule),
``records`` (each text's mentions and attributions read once), ``persons`` (speakers, names,
titles), ``quotes``, ``fields`` and ``claims`` (the two tables), ``chains`` (earliest
appearance), ``api``, ``planted``.
"""

from .api import (
    claim_provenance,
    claim_provenance_table,
    provenance_tables,
    quote_provenance,
    quote_provenance_table,
    reference_runs,
)
from .chains import chain_steps
from .claims import CLAIM_PROVENANCE_COLUMNS
from .planted import claim_outcomes, field_scores, quote_outcomes, read_planted, verdict_scores
from .quotes import QUOTE_COLUMNS, VERDICTS, verdict_counts

__all__ = [
    "CLAIM_PROVENANCE_COLUMNS",
    "QUOTE_COLUMNS",
    "VERDICTS",
    "chain_steps",
    "claim_outcomes",
    "claim_provenance",
    "claim_provenance_table",
    "field_scores",
    "provenance_tables",
    "quote_outcomes",
    "quote_provenance",
    "quote_provenance_table",
    "read_planted",
    "reference_runs",
    "verdict_counts",
    "verdict_scores",
]

"""Provenance from a run: the stage functions (the corpus as its own reference) and the
functions that take reference folders.

::

    from newsprism import Run
    from newsprism.stages.provenance import quote_provenance, claim_provenance
    run = Run("data/raw")
    quote_provenance(run)                              # = run.table("quote_provenance")
    quote_provenance(run, references=["wires/"])       # against a reference folder
    claim_provenance(run, references=[Run("wires/")])  # a Run works too

A reference folder gets its own :class:`newsprism.run.Run` with the corpus run's cache
(so its articles, index and the parses of the texts that matched are kept there).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from newsprism import progress
from newsprism.corpus.views import english_only

from .dates import common_year
from .texts import Analysis, Side

__all__ = [
    "claim_provenance",
    "claim_provenance_table",
    "provenance_tables",
    "quote_provenance",
    "quote_provenance_table",
    "reference_runs",
    "sides",
]


def reference_runs(run, references: Sequence) -> list:
    """A :class:`newsprism.run.Run` per reference (a Run is kept; a folder gets a run with ``run``'s cache)."""
    from newsprism.run import Run

    out = []
    for ref in references or ():
        if isinstance(ref, Run):
            out.append(ref)
        else:
            out.append(Run(Path(ref), cache=run.cache.root, jobs=run.jobs, recursive=run.recursive, progress=run.progress))
    return out


def sides(run, references: Sequence = ()) -> tuple[Side, list[Side]]:
    """The corpus side (its own NLP tables) and one side per reference folder."""
    refs = reference_runs(run, references)
    year = common_year([run.articles, *(r.articles for r in refs)])
    corpus = Side("corpus", "piece", run.articles, analysis=Analysis(run.docs, run.table("attributions"), run.table("mentions")), fallback_year=year)
    return corpus, [Side(str(r.corpus), "reference", r.articles, run=r, fallback_year=year) for r in refs]


def _self_side(articles: pd.DataFrame, docs: Mapping, attributions: pd.DataFrame, mentions: pd.DataFrame) -> Side:
    return Side("corpus", "piece", articles, analysis=Analysis(docs, attributions, mentions), fallback_year=common_year([articles]))


@english_only
def quote_provenance_table(articles: pd.DataFrame, docs: Mapping, attributions: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quote_provenance`` stage: each quote of each piece against the other pieces."""
    from .quotes import trace_quotes

    return trace_quotes(_self_side(articles, docs, attributions, mentions), [])


@english_only
def claim_provenance_table(articles: pd.DataFrame, docs: Mapping, claims: pd.DataFrame, attributions: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``claim_provenance`` stage: each sentence of the ``claims`` table against the other pieces' sentences of its claim."""
    from .claims import trace_claims

    return trace_claims(_self_side(articles, docs, attributions, mentions), [], claims)


def quote_provenance(run, references: Sequence = ()) -> pd.DataFrame:
    """``quote_provenance`` of ``run``'s corpus; with ``references``, against those folders too."""
    from .quotes import trace_quotes

    if not references:
        return run.table("quote_provenance")
    with progress.showing(run.progress):
        corpus, refs = sides(run, references)
        return trace_quotes(corpus, refs)


def claim_provenance(run, references: Sequence = ()) -> pd.DataFrame:
    """``claim_provenance`` of ``run``'s corpus; with ``references``, each sentence against the references' sentences."""
    from .claims import trace_claims

    if not references:
        return run.table("claim_provenance")
    with progress.showing(run.progress):
        corpus, refs = sides(run, references)
        return trace_claims(corpus, refs, run.table("claims"))


def provenance_tables(run, references: Sequence = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(quote_provenance, claim_provenance)`` of one search: the references are read,
    indexed and analysed once for both tables."""
    from .claims import trace_claims
    from .quotes import trace_quotes

    if not references:
        return run.table("quote_provenance"), run.table("claim_provenance")
    with progress.showing(run.progress):
        corpus, refs = sides(run, references)
        return trace_quotes(corpus, refs), trace_claims(corpus, refs, run.table("claims"))

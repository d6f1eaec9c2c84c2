"""newsprism: how news pieces about one story relate, with evidence you can click through.

The public API is a :class:`Run` over a folder of articles; every table of INTERFACE.md
(and every other stage of :mod:`newsprism.stages.registry`) comes from it::

    from newsprism import Run
    run = Run("data/raw")
    run.table("attributions")

:func:`build_table` is the one-call form: ``build_table("passages", "data/raw")``.
"""

from __future__ import annotations

__version__ = "0.2.0"

from newsprism.corpus.read import corpus_table, load_corpus, read_corpus
from newsprism.corpus.sentences import paragraphs, segments_table, sentences
from newsprism.errors import NewsprismError
from newsprism.run import DEFAULT_CACHE, Run
from newsprism.stages.registry import INTERFACE_TABLES, STAGES


def build_table(name: str, corpus="data/raw", **run_options):
    """The table ``name`` (a stage of :data:`STAGES`) for a corpus folder, through a :class:`Run`."""
    return Run(corpus, **run_options).table(name)


__all__ = [
    "DEFAULT_CACHE",
    "INTERFACE_TABLES",
    "STAGES",
    "NewsprismError",
    "Run",
    "__version__",
    "build_table",
    "corpus_table",
    "load_corpus",
    "paragraphs",
    "read_corpus",
    "segments_table",
    "sentences",
]

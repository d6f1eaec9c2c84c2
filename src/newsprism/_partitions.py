"""Per-article work split into partitions of the articles: in this process, in a pool of
local processes, or on a Dask cluster, with the same result.

A per-article step is a module-level function ``builder(articles, docs, *extra)`` named
``"module:function"`` (relative to the package). :func:`map_articles` runs it over the
partitions of ``articles`` on the executor a :class:`newsprism.Run` has installed for the
stage it computes (:func:`mapping`), else once, here. An executor (the base class
:class:`PartitionedExecutor`) cuts the articles into partitions, sends each with the parses
of its articles, and returns the partitions' results in order, so joining them gives what
one call over all the articles gives. :class:`LocalExecutor` is a pool of ``jobs`` local
processes (a run with ``jobs`` above 1, no scheduler and at least
:data:`newsprism.run.POOL_MIN_ARTICLES` articles); :class:`newsprism.distributed.DaskExecutor`
the cluster's workers. Workers report the data files they read, which the run checks
against the stage's declared reads as it checks its own.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from importlib import import_module
from pathlib import Path
from typing import Any

import pandas as pd

from newsprism.config import DATA_DIR_VARIABLE
from newsprism.errors import NewsprismError
from newsprism.resources.files import note_reads

__all__ = ["PARTITION_STAGES", "LocalExecutor", "PartitionedExecutor", "map_articles", "mapping", "run_partition"]

#: Stages run partition by partition, whole (the stage's own function on each partition):
#: stage -> whether a partition needs only its own articles' rows of the stage's other input
#: tables (``attributions`` reads every piece's mentions: canonical names are corpus-wide).
PARTITION_STAGES = {"evidence": True, "lexical_choice_evidence": True, "attributions": False}
#: Partitions per worker (smaller partitions balance better, larger ones cost less overhead).
PARTITIONS_PER_WORKER = 4

_EXECUTOR: ContextVar[PartitionedExecutor | None] = ContextVar("newsprism_executor", default=None)


def _function(builder: str):
    module, name = builder.split(":")
    return getattr(import_module(f"newsprism.{module}"), name)


def run_partition(builder: str, articles: pd.DataFrame, parses: dict[str, bytes | Path], *extra: Any) -> tuple[Any, list[str]]:
    """``builder(articles, docs, *extra)`` over one partition (what a worker runs), and the
    data files it read (so the run checks them as it checks its own reads)."""
    from newsprism.nlp.docbin import DocStore
    from newsprism.nlp.model import load
    from newsprism.resources.files import recording_reads, refresh

    refresh()
    with mapping(None), recording_reads() as read:  # a worker maps nothing further
        value = _function(builder)(articles, DocStore(load().vocab, parses), *extra)
    return value, sorted(read)


def map_articles(builder: str, articles: pd.DataFrame, docs, *extra: Any) -> Iterator:
    """The results of ``builder`` over the partitions of ``articles``, in order, each as
    it comes (one result, computed here, without an executor or without stored parses)."""
    from newsprism.nlp.docbin import DocStore

    executor = _EXECUTOR.get()
    if executor is None or not isinstance(docs, DocStore) or len(articles) < 2:
        return iter([_function(builder)(articles, docs, *extra)])
    return executor.map_articles(builder, articles, docs, *extra)


@contextlib.contextmanager
def mapping(executor: PartitionedExecutor | None) -> Iterator[None]:
    """Run :func:`map_articles` calls inside the block on ``executor`` (``None``: here)."""
    token = _EXECUTOR.set(executor)
    try:
        yield
    finally:
        _EXECUTOR.reset(token)


def _split(n: int, parts: int) -> list[range]:
    step = max(1, math.ceil(n / max(parts, 1)))
    return [range(lo, min(n, lo + step)) for lo in range(0, n, step)]


class PartitionedExecutor:
    """Where partitions run: subclasses give :attr:`n_workers` and :meth:`_map`."""

    n_workers: int = 1

    def partitions(self, n: int) -> list[range]:
        return _split(n, self.n_workers * PARTITIONS_PER_WORKER)

    def _payload(self, item: bytes | Path) -> bytes | Path:
        """A parse as sent to a worker (a file path where workers share this filesystem)."""
        return item

    def _map(self, builder: str, parts: Sequence[tuple[pd.DataFrame, dict, tuple]]) -> Iterable:
        """``run_partition(builder, part, parses, *extra)`` for each ``(part, parses, extra)``, in order."""
        raise NotImplementedError

    def map_articles(self, builder: str, articles: pd.DataFrame, docs, *extra: Any, own_rows: bool = False) -> Iterator:
        """``builder(part, docs of part, *extra)`` for each partition, in order, each as it
        comes; with ``own_rows``, each table of ``extra`` is cut to the rows of the
        partition's articles."""
        parses = docs.serialised
        parts = []
        for r in self.partitions(len(articles)):
            part = articles.iloc[r.start : r.stop].reset_index(drop=True)
            ids = set(part["doc_id"])
            data = {d: self._payload(parses[d]) for d in part["doc_id"] if d in parses}
            parts.append((part, data, tuple(_rows_of(x, ids) for x in extra) if own_rows else extra))
        for value, read in self._map(builder, parts):
            note_reads(read)
            yield value

    def partition_stage(self, name: str, builder: str, articles: pd.DataFrame, docs, *extra: pd.DataFrame) -> pd.DataFrame:
        """``builder(articles, docs, *extra)`` partition by partition, then one table."""
        tables = list(self.map_articles(builder, articles, docs, *extra, own_rows=PARTITION_STAGES.get(name, False)))
        kept = [t for t in tables if len(t)] or tables[:1]  # an empty partition's columns may have other dtypes
        table = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0].reset_index(drop=True)
        return table.sort_values("doc_id", kind="stable").reset_index(drop=True) if "doc_id" in table.columns else table


def _rows_of(table: Any, doc_ids: set[str]) -> Any:
    """The rows of ``table`` about ``doc_ids`` (a table without ``doc_id`` whole)."""
    if isinstance(table, pd.DataFrame) and "doc_id" in table.columns:
        return table[table["doc_id"].isin(doc_ids)].reset_index(drop=True)
    return table


def _quiet_worker() -> None:
    os.environ["NEWSPRISM_JOBS"] = "1"  # a worker's own thread pools: one thread each


def _in_environment(data_dir: str | None, *args: Any) -> tuple[Any, list[str]]:
    """:func:`run_partition` with this process's data folder set as the parent's is now (a
    pool outlives changes of ``$NEWSPRISM_DATA_DIR``, which key the run's tables)."""
    if data_dir is None:
        os.environ.pop(DATA_DIR_VARIABLE, None)
    else:
        os.environ[DATA_DIR_VARIABLE] = data_dir
    return run_partition(*args)


class LocalExecutor(PartitionedExecutor):
    """A pool of ``jobs`` processes on this machine (started on first use)."""

    def __init__(self, jobs: int) -> None:
        self.n_workers = jobs
        self._pool = None

    def __repr__(self) -> str:
        return f"LocalExecutor(jobs={self.n_workers})"

    def _started(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork on Linux: workers start at once, and a script needs no
            # ``if __name__ == "__main__"`` guard (as for spaCy's own parse processes)
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(self.n_workers, mp_context=multiprocessing.get_context(method), initializer=_quiet_worker)
        return self._pool

    def _map(self, builder: str, parts: Sequence[tuple[pd.DataFrame, dict, tuple]]) -> Iterator:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._started()
        data_dir = os.environ.get(DATA_DIR_VARIABLE)
        futures = [pool.submit(_in_environment, data_dir, builder, part, data, *extra) for part, data, extra in parts]
        try:
            while futures:
                yield futures.pop(0).result()  # held here only until the caller takes it
        except BrokenProcessPool:
            self.close()  # the next stage starts a new pool
            raise NewsprismError(f"a worker process died while running {builder.split(':')[-1]} (out of memory?); try fewer --jobs") from None
        finally:
            for f in futures:
                f.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

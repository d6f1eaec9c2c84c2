"""Running a :class:`newsprism.Run` on a Dask cluster: the same tables, computed by workers.

::

    from newsprism import Run
    run = Run("corpus/", scheduler="local", jobs=4)        # a LocalCluster of 4 processes
    run = Run("corpus/", scheduler="tcp://10.0.0.5:8786")  # an existing cluster
    newsprism passages corpus/ --scheduler local --jobs 4  # the same from the command line

What runs on the workers (everything else stays on the client, as in-process):

- reading the corpus: each file is decoded and segmented by a worker (the listing, the
  manifest, duplicates and labels stay on the client, as :func:`newsprism.corpus.read.read_corpus`
  does them);
- the shared spaCy parse: each worker loads the pipeline once and parses a partition of
  the articles; parses come back as ``DocBin`` bytes and the client keeps them in the run's
  cache (so the cache needs no filesystem shared with the workers);
- the per-article stages ``evidence``, ``lexical_choice_evidence`` and ``attributions``:
  the stage's own function on a partition of the articles with the parse of that
  partition and its rows of the other input tables (``attributions`` gets the whole
  ``mentions`` table: entity canonicalisation is corpus-wide), and the per-article steps
  of other stages (finding each piece's mentions, the terms of claim sentences), which
  the stages map themselves (:func:`newsprism._partitions.map_articles`; the corpus-wide
  rest, such as merging names across pieces, stays on the client);
- the shingle index of ``passages``: workers tokenise partitions of the articles and emit
  ``(hash, position)`` for every shingle; the index is a Dask shuffle on the hash column,
  each hash partition groups its shingles and lists its seeds; the seed cap is a reduce of
  the partitions' group sizes, and the pieces holding each passage's wording are found by
  a merge of the queries with the index on the hash. Alignment runs on the client.

Every path gives the tables of an in-process run, byte for byte (tests/test_dask.py).

A cluster of several machines: start ``dask scheduler`` on one machine and ``dask worker
tcp://SCHEDULER:8786 --nworkers N --nthreads 1`` on each, then pass
``scheduler="tcp://SCHEDULER:8786"`` (``--scheduler`` on the command line). Each worker
machine needs the same environment as the client: the project installed from the same
``requirements.lock`` (numpy, pandas, spaCy and its model wheel, dask and distributed at
the same versions) and the same data files (the package's own, or ``NEWSPRISM_DATA_DIR``
pointing at the same folder) and ``NEWSPRISM_SPACY_MODEL`` if the client sets it. The
corpus folder must be readable at the same path on every worker (a shared filesystem, or
a copy at the same path). The run's cache (``--cache``, ``NEWSPRISM_CACHE_DIR``) is used by
the client only. Threads: one per worker process (the stages are CPU-bound Python).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from newsprism._partitions import PARTITION_STAGES, PartitionedExecutor, run_partition

__all__ = ["DISTRIBUTED_STAGES", "PARTITION_STAGES", "DaskExecutor"]

log = logging.getLogger("newsprism")

#: Every stage with a distributed path (besides the per-article steps stages map themselves).
DISTRIBUTED_STAGES = (*PARTITION_STAGES, "passages")


# -- work done on the workers (module-level functions, imported by name) ------------------


def _parse(texts: list[str]) -> list[bytes]:
    from newsprism.nlp.docbin import doc_to_bytes
    from newsprism.nlp.parse import parse_texts

    return [doc_to_bytes(doc) for doc in parse_texts(texts, jobs=1)]


def _tokens(texts: list[str], spans: list[list[tuple[int, int]]]):
    from newsprism.stages._tokens import corpus_tokens
    from newsprism.stages.passages import token_key

    return corpus_tokens(texts, spans, token_key)


def _entries(tokens, offset: int, k: int) -> pd.DataFrame:
    from newsprism.stages._shingles import shingle_hashes

    hashes, positions = shingle_hashes(tokens.keys, tokens.bounds, k)
    return pd.DataFrame({"hash": hashes, "pos": positions + offset})


def _index(entries: pd.DataFrame, k: int):
    from newsprism.stages._shingles import ShingleIndex

    entries = entries.sort_values("pos", kind="stable")
    return ShingleIndex(entries["hash"].to_numpy(np.uint64), entries["pos"].to_numpy(np.int64), k)


def _size_counts(entries: pd.DataFrame, k: int) -> pd.DataFrame:
    counts = _index(entries, k).size_counts()
    return pd.DataFrame({"size": np.arange(len(counts)), "groups": counts})


def _seeds(entries: pd.DataFrame, k: int, bounds: np.ndarray, cap: int) -> pd.DataFrame:
    index = _index(entries, k)
    seeds = index.seeds(bounds, 2, cap)
    chosen = np.flatnonzero(index.sizes > cap)
    frequent = index.positions[np.repeat(index.starts[chosen], index.sizes[chosen]) + _ramp(index.sizes[chosen])]
    return pd.DataFrame(
        {
            "pos_a": np.concatenate([seeds.pos_a, frequent]),
            "pos_b": np.concatenate([seeds.pos_b, np.full(len(frequent), -1)]),
            "length": np.concatenate([seeds.length, np.zeros(len(frequent), dtype=np.int64)]),
            "hash": np.concatenate([seeds.hash, np.zeros(len(frequent), dtype=np.uint64)]),
        }
    )


def _ramp(sizes: np.ndarray) -> np.ndarray:
    return np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


# -- the client side ----------------------------------------------------------------------


class DaskExecutor(PartitionedExecutor):
    """The Dask side of a run: a client of ``scheduler`` (``"local"``: a LocalCluster of
    ``jobs`` processes started here and closed by :meth:`close`)."""

    def __init__(self, scheduler: str, jobs: int = 1) -> None:
        from distributed import Client, LocalCluster

        logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)  # a note per shuffle otherwise
        self._cluster = None
        if scheduler == "local":
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler)
        self.scheduler = scheduler

    def __repr__(self) -> str:
        return f"DaskExecutor({self.scheduler!r}, workers={self.n_workers})"

    @property
    def n_workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    # -- reading -------------------------------------------------------------------------
    def read_corpus(self, path: str | Path, *, recursive: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:func:`newsprism.corpus.read.read_corpus` with the files decoded by the workers."""
        from newsprism.corpus.read import decode_rows, read_corpus

        def decode(root: Path, files: list[tuple[str, str]]) -> dict[str, dict | str]:
            parts = [files[r.start : r.stop] for r in self.partitions(len(files))]
            futures = self.client.map(decode_rows, [str(root)] * len(parts), parts, pure=False)
            return dict(x for part in self.client.gather(futures) for x in part)

        return read_corpus(path, recursive=recursive, decode=decode)

    # -- the parse -----------------------------------------------------------------------
    def parse(self, texts: Sequence[str], progress=None) -> Iterator[bytes]:
        """``DocBin`` bytes of each text, in order (workers parse partitions)."""
        parts = [list(texts[r.start : r.stop]) for r in self.partitions(len(texts))]
        futures = self.client.map(_parse, parts, pure=False)
        for future in futures:
            done = future.result()
            if progress is not None:
                progress.update(len(done))
            yield from done

    # -- per-article steps -------------------------------------------------------------
    def _payload(self, item: bytes | Path) -> bytes | Path:
        return item.read_bytes() if isinstance(item, Path) else item  # workers need not share the cache

    def _map(self, builder: str, parts) -> list:
        shared: dict[int, object] = {}  # a table every partition gets is scattered once
        for _, _, extra in parts[1:]:
            for x in extra:
                if isinstance(x, pd.DataFrame) and any(x is y for y in parts[0][2]) and id(x) not in shared:
                    shared[id(x)] = self.client.scatter(x, broadcast=True)
        futures = [
            self.client.submit(run_partition, builder, part, data, *(shared.get(id(x), x) for x in extra), pure=False)
            for part, data, extra in parts
        ]
        return self.client.gather(futures)

    # -- passages ------------------------------------------------------------------------
    def passages(self, articles: pd.DataFrame, **params) -> pd.DataFrame:
        """The ``passages`` table with its shingle index built and queried on the workers."""
        from ._dask_passages import distributed_passages

        return distributed_passages(self, articles, **params)

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
  partition (``attributions`` also gets the whole ``mentions`` table, which the client
  computes: entity canonicalisation is corpus-wide);
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
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["DISTRIBUTED_STAGES", "PARTITION_STAGES", "DaskExecutor"]

log = logging.getLogger("newsprism")

#: Stages run partition by partition on the workers: stage -> the registry builder it runs.
PARTITION_STAGES = ("evidence", "lexical_choice_evidence", "attributions")
#: Every stage with a distributed path.
DISTRIBUTED_STAGES = (*PARTITION_STAGES, "passages")
#: Partitions per worker (smaller partitions balance better, larger ones cost less overhead).
PARTITIONS_PER_WORKER = 4


# -- work done on the workers (module-level functions, imported by name) ------------------


def _read_rows(root: str, files: list[tuple[str, str]]) -> list[tuple[str, dict | str]]:
    """Decode and segment files: ``(rel, row)`` or ``(rel, reason)`` for an unusable file."""
    from newsprism.corpus.read import _article_row
    from newsprism.text.decode import UnusableFile

    out: list[tuple[str, dict | str]] = []
    for rel, doc_id in files:
        try:
            out.append((rel, _article_row(Path(root), Path(root) / rel, doc_id)))
        except UnusableFile as exc:
            out.append((rel, str(exc)))
    return out


def _parse(texts: list[str]) -> list[bytes]:
    from newsprism.nlp.docbin import doc_to_bytes
    from newsprism.nlp.parse import parse_texts

    return [doc_to_bytes(doc) for doc in parse_texts(texts, jobs=1)]


def _stage(builder: str, articles: pd.DataFrame, parses: dict[str, bytes], *extra: pd.DataFrame) -> pd.DataFrame:
    from importlib import import_module

    from newsprism.nlp.docbin import DocStore
    from newsprism.nlp.model import load
    from newsprism.resources.files import refresh

    refresh()
    module, name = builder.split(":")
    return getattr(import_module(f"newsprism.{module}"), name)(articles, DocStore(load().vocab, parses), *extra)


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


def _split(n: int, parts: int) -> list[range]:
    step = max(1, math.ceil(n / max(parts, 1)))
    return [range(lo, min(n, lo + step)) for lo in range(0, n, step)]


class DaskExecutor:
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

    def partitions(self, n: int) -> list[range]:
        return _split(n, self.n_workers * PARTITIONS_PER_WORKER)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    # -- reading -------------------------------------------------------------------------
    def read_corpus(self, path: str | Path, *, recursive: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:func:`newsprism.corpus.read.read_corpus` with the files decoded by the workers."""
        root = Path(path)
        entries = _listed(root, recursive)
        readable = [(rel, doc_id) for rel, doc_id, reason in entries if reason is None]
        parts = [readable[r.start : r.stop] for r in self.partitions(len(readable))]
        decoded = dict(x for part in self.client.gather(self.client.map(_read_rows, [str(root)] * len(parts), parts, pure=False)) for x in part)
        rows, skipped, seen = [], [], {}
        for rel, doc_id, reason in entries:  # read_corpus's loop, in file order
            if reason is not None:
                skipped.append({"file": rel, "reason": reason})
            elif doc_id in seen:
                why = "listed twice in manifest.csv" if seen[doc_id] == rel else f"same doc_id '{doc_id}' as {seen[doc_id]} (file name without extension); rename one"
                skipped.append({"file": rel, "reason": why})
            elif isinstance(decoded[rel], dict):
                rows.append(decoded[rel])
                seen[doc_id] = rel
            else:
                skipped.append({"file": rel, "reason": decoded[rel]})
        return _assemble(root, rows, skipped)

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

    # -- per-article stages -------------------------------------------------------------
    def partition_stage(self, name: str, builder: str, articles: pd.DataFrame, docs, *extra: pd.DataFrame) -> pd.DataFrame:
        """``builder(articles, docs, *extra)`` partition by partition, then one table."""
        parses = docs._items  # the DocBin bytes (or files) of the run's DocStore, sent as they are
        scattered = [self.client.scatter(x, broadcast=True) for x in extra]
        futures = []
        for r in self.partitions(len(articles)):
            part = articles.iloc[r.start : r.stop].reset_index(drop=True)
            data = {d: parses[d].read_bytes() if isinstance(parses[d], Path) else parses[d] for d in part["doc_id"] if d in parses}
            futures.append(self.client.submit(_stage, builder, part, data, *scattered, pure=False))
        tables = self.client.gather(futures)
        kept = [t for t in tables if len(t)] or tables[:1]  # an empty partition's columns may have other dtypes
        table = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0].reset_index(drop=True)
        return table.sort_values("doc_id", kind="stable").reset_index(drop=True) if "doc_id" in table.columns else table

    # -- passages ------------------------------------------------------------------------
    def passages(self, articles: pd.DataFrame, **params) -> pd.DataFrame:
        """The ``passages`` table with its shingle index built and queried on the workers."""
        from ._dask_passages import distributed_passages

        return distributed_passages(self, articles, **params)


def _listed(root: Path, recursive: bool) -> list[tuple[str, str, str | None]]:
    """The files :func:`read_corpus` looks at, in order: ``(rel, doc_id, reason skipped or None)``."""
    from newsprism.corpus import read as reader
    from newsprism.errors import NewsprismError

    if not root.exists():
        raise NewsprismError(f"{root}: corpus folder does not exist")
    if not root.is_dir():
        raise NewsprismError(f"{root}: corpus is not a folder")
    manifest = reader._read_manifest(root)
    if manifest is not None and manifest["file"].str.strip().ne("").any():
        files = [root / f for f in manifest["file"] if f.strip()]
    else:
        files = reader._article_files(root, recursive)
    out: list[tuple[str, str, str | None]] = []
    resolved = root.resolve()
    for file in files:
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        if not file.resolve().is_relative_to(resolved):
            out.append((rel, "", "outside the corpus folder (manifest.csv may only list files inside it)"))
        elif not file.is_file():
            out.append((rel, "", "listed in manifest.csv but not found"))
        else:
            out.append((rel, reader._doc_id(root, file), None))
    return out


def _assemble(root: Path, rows: list[dict], skipped: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The end of :func:`read_corpus`: manifest columns, duplicates, labels, the skipped table."""
    from newsprism.corpus import read as reader
    from newsprism.corpus.labels import piece_labels
    from newsprism.errors import NewsprismError

    for item in skipped:
        log.warning("skipped %s: %s", item["file"], item["reason"])
    if not rows:
        detail = f" ({len(skipped)} file(s) skipped: {skipped[0]['reason']}, ...)" if skipped else ""
        raise NewsprismError(f"{root}: no usable article files (.txt, .html, .htm){detail}")
    articles = pd.DataFrame(rows)
    manifest = reader._read_manifest(root)
    if manifest is not None:
        articles = reader._merge_manifest(articles, manifest)
    first_copy: dict[str, str] = {}
    duplicate_of = []
    for sha, doc in zip(articles["sha256"], articles["doc_id"]):
        duplicate_of.append(first_copy.get(sha, ""))
        first_copy.setdefault(sha, doc)
    articles["duplicate_of"] = duplicate_of
    articles["label"] = piece_labels(articles)
    duplicates = [
        {"file": file, "reason": f"duplicate of {dup} (same bytes): kept in per-article tables, left out of pairwise tables"}
        for file, dup in zip(articles["file"], articles["duplicate_of"])
        if dup
    ]
    for item in duplicates:
        log.warning("%s: %s", item["file"], item["reason"])
    return articles, pd.DataFrame(skipped + duplicates, columns=reader.SKIPPED_COLUMNS)

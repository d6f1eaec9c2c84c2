"""The passages stage with its shingle index on a Dask cluster (see :mod:`newsprism.distributed`).

Workers tokenise partitions of the pieces and emit one ``(hash, pos)`` row per shingle;
the index is ``shuffle(on="hash")`` (every occurrence of a shingle in one partition); each
partition counts its group sizes (reduced on the client to the seed cap) and lists its
seeds and its positions above the cap; the pieces holding each passage's wording come
from a merge of the queries with the index on ``hash``. The client aligns the seeds
exactly as an in-process run does, so the table is the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsprism.corpus.views import check_articles, distinct_articles, english_articles
from newsprism.distributed import DaskExecutor, _entries, _seeds, _size_counts, _tokens
from newsprism.stages._shingles import Seeds, long_index, seed_budget, seed_cap
from newsprism.stages._tokens import CorpusTokens, body_spans
from newsprism.stages.passages import (
    DEFAULT_COMMON_MIN_DOCS,
    DEFAULT_MAX_GAP,
    DEFAULT_MIN_TOKENS,
    MAX_POSTINGS,
    _seed_length,
    passages_of,
)

__all__ = ["distributed_passages"]

_ENTRY = pd.DataFrame({"hash": np.zeros(0, dtype=np.uint64), "pos": np.zeros(0, dtype=np.int64)})
_SIZES = pd.DataFrame({"size": np.zeros(0, dtype=np.int64), "groups": np.zeros(0, dtype=np.int64)})
_SEEDS = pd.DataFrame({"pos_a": np.zeros(0, np.int64), "pos_b": np.zeros(0, np.int64), "length": np.zeros(0, np.int64), "hash": np.zeros(0, np.uint64)})


def distributed_passages(
    executor: DaskExecutor,
    articles: pd.DataFrame,
    *,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    max_gap: int = DEFAULT_MAX_GAP,
    common_min_docs: int = DEFAULT_COMMON_MIN_DOCS,
) -> pd.DataFrame:
    """:func:`newsprism.stages.passages.passages_table` with the index on the cluster."""
    import dask.dataframe as dd

    check_articles(articles, "passages_table")
    table = distinct_articles(english_articles(articles))
    client = executor.client
    texts, spans = list(table["text"]), [body_spans(s) for s in table["segments"]]
    parts = executor.partitions(len(texts))
    token_futures = client.map(_tokens, [texts[r.start : r.stop] for r in parts], [spans[r.start : r.stop] for r in parts], pure=False)
    pieces = client.gather(token_futures)
    tokens = CorpusTokens.concat(pieces)
    offsets = np.cumsum([0] + [len(p.keys) for p in pieces[:-1]]).tolist()
    k = _seed_length(min_tokens, None)
    entries = dd.from_delayed(client.map(_entries, token_futures, offsets, [k] * len(parts), pure=False), meta=_ENTRY)
    index = client.persist(entries.shuffle(on="hash", npartitions=max(1, len(parts))))
    sizes = index.map_partitions(_size_counts, k, meta=_SIZES).compute()
    counts = sizes.groupby("size")["groups"].sum()
    size_counts = np.zeros(max(3, int(counts.index.max()) + 1 if len(counts) else 3), dtype=np.int64)
    size_counts[counts.index.to_numpy(np.int64)] = counts.to_numpy(np.int64)
    cap = min(MAX_POSTINGS, seed_cap(size_counts, seed_budget(len(tokens)), MAX_POSTINGS))
    found = index.map_partitions(_seeds, k, tokens.bounds, cap, meta=_SEEDS).compute()
    pairs = found[found["pos_b"] >= 0]
    parts_of_seeds = [Seeds(*(pairs[c].to_numpy(t) for c, t in (("pos_a", np.int64), ("pos_b", np.int64), ("length", np.int64), ("hash", np.uint64))))]
    long = None
    frequent = np.sort(found.loc[found["pos_b"] < 0, "pos_a"].to_numpy(np.int64))
    if len(frequent):
        long = long_index(tokens, frequent, k)
        parts_of_seeds.append(long.seeds(tokens.bounds, 2, MAX_POSTINGS))
    seeds = Seeds.concat(parts_of_seeds)

    def postings(hashes: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        queries, positions = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        short = np.flatnonzero(lengths == k)
        if len(short):
            asked = dd.from_pandas(pd.DataFrame({"q": short, "hash": hashes[short]}), npartitions=max(1, len(parts)))
            hits = dd.merge(asked, index, on="hash", how="inner").compute()
            queries.append(hits["q"].to_numpy(np.int64))
            positions.append(hits["pos"].to_numpy(np.int64))
        if long is not None:
            other = np.flatnonzero(lengths == long.k)
            q, p = long.postings(hashes[other])
            queries.append(other[q])
            positions.append(p)
        return np.concatenate(queries), np.concatenate(positions)

    return passages_of(list(table["doc_id"]), list(table["raw"]), tokens, min_tokens=min_tokens, max_gap=max_gap, common_min_docs=common_min_docs, seeds=(seeds, postings))

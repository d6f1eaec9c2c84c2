"""The one way the array stages use threads: numpy's and scipy's kernels release the GIL,
so the chunks of a large corpus are processed two or more at a time in one process. Each
call has its own pool of ``workers`` threads for the time of the call."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from newsprism.config import default_jobs

__all__ = ["BLOCK", "blockwise", "threaded_map"]

#: Elements per block of :func:`blockwise` (8 MB of a uint64 array).
BLOCK = 1 << 20

T = TypeVar("T")
R = TypeVar("R")


def threaded_map(function: Callable[[T], R], items: Iterable[T], *, workers: int | None = None) -> Iterator[R]:
    """``map(function, items)`` in ``workers`` threads (default
    :func:`newsprism.config.default_jobs`), results in the items' order; at most two items
    per thread are taken ahead of the results, so a generator of large chunks stays bounded."""
    workers = default_jobs() if workers is None else max(1, workers)
    if workers == 1:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(workers) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def blockwise(function: Callable[[slice], object], n: int, *, block: int | None = None, workers: int | None = None) -> None:
    """Run ``function(slice)`` over the blocks of ``range(n)`` (:data:`BLOCK` elements each
    unless given) in threads, for its effect (each call writes only its own block of the
    arrays it fills)."""
    block = BLOCK if block is None else max(1, block)
    if n <= block:
        function(slice(0, n))
        return
    for _ in threaded_map(function, (slice(lo, min(n, lo + block)) for lo in range(0, n, block)), workers=workers):
        pass

"""One measurement in a fresh child process: wall and CPU time, peak memory, and a result.

Each stage of the benchmark runs in its own process (``spawn``), so its peak resident
memory (``ru_maxrss``) is its own, not the largest of everything run before it. The child
loads the articles table first (from the run cache under the benchmark folder) and reports
the resident memory at that point beside the peak, so the stage's own share is visible.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
import traceback
from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["measure", "rss_mb"]


def rss_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child(target: str, args: tuple, queue) -> None:
    try:
        module, name = target.split(":")
        function: Callable[..., dict] = getattr(import_module(module), name)
        queue.put(("ok", function(*args)))
    except BaseException:  # report, never hang the parent
        queue.put(("error", traceback.format_exc()))


def measure(target: str, *args: Any, timeout: float = 7200) -> dict:
    """Run ``module:function(*args)`` in a spawned process and return its result dict.

    The function times its own stage (see :func:`timed`) so that loading inputs is left out."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, args, queue))
    process.start()
    try:
        status, value = queue.get(timeout=timeout)
    finally:
        process.join(timeout=60)
        if process.is_alive():
            process.kill()
    if status != "ok":
        raise RuntimeError(f"{target} failed in its child process:\n{value}")
    return value


def timed(function: Callable[[], Any]) -> tuple[Any, dict]:
    """``function()`` with its wall time, CPU time and the peak memory before and after."""
    before = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    figures = {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu, "base_mb": before, "peak_mb": rss_mb()}
    return value, figures

"""One measurement in a fresh child process: wall and CPU time, peak memory, and a result.

Each stage of the benchmark runs in its own process (``spawn``), so nothing measured
before it weighs on it. The child loads the articles table first (from the run cache
under the benchmark folder); while the stage runs, a thread samples the process's
resident memory (``psutil``, every 10 ms): ``base_mb`` is the memory held when the stage
starts (the articles and the libraries), ``peak_mb`` the most held while it runs.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import threading
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
    """``function()`` with its wall time, CPU time, the resident memory when it starts and
    the most it holds while it runs (sampled)."""
    import psutil

    process = psutil.Process()
    base = process.memory_info().rss
    peak = [base]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        value = function()
    finally:
        seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
        done.set()
        sampler.join()
    peak[0] = max(peak[0], process.memory_info().rss)
    return value, {"seconds": seconds, "cpu_seconds": cpu_seconds, "base_mb": base / 2**20, "peak_mb": peak[0] / 2**20}

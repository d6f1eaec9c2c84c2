"""Freed memory handed back to the operating system between the array phases of a stage.

glibc keeps much of what numpy frees inside its arenas (one more for each thread that
allocates), so the resident size of a process climbs from phase to phase of a large stage
even when the arrays of the earlier phases are gone. ``malloc_trim(0)`` returns those free
pages, as Dask's workers do for their "unmanaged memory". Where there is no glibc (macOS,
Windows, musl) :func:`release_memory` does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache

__all__ = ["release_memory"]


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> bool:
    """Return the process's free heap pages to the operating system; whether it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True

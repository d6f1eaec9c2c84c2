"""Progress bars on standard error for long stages, off unless a run asks for them.

Stages wrap their per-article loops in :func:`track`; a bar appears only when progress is
on (the CLI turns it on) and the loop runs longer than :data:`DELAY_SECONDS`, so short
runs and notebooks print nothing.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["DELAY_SECONDS", "bar", "enabled", "showing", "track"]

T = TypeVar("T")
#: A bar is drawn only for loops running longer than this.
DELAY_SECONDS = 2.0
_ON: ContextVar[bool] = ContextVar("newsprism_progress", default=False)


def enabled() -> bool:
    """Whether progress bars are on in this context."""
    return _ON.get()


@contextlib.contextmanager
def showing(on: bool = True) -> Iterator[None]:
    """Turn progress bars on (or off) inside the ``with`` block."""
    token = _ON.set(on)
    try:
        yield
    finally:
        _ON.reset(token)


def bar(total: int | None, desc: str, unit: str = "article"):
    """A tqdm bar on stderr (a silent one when progress is off)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, delay=DELAY_SECONDS, disable=not enabled(), leave=False, dynamic_ncols=True)


def track(items: Iterable[T], desc: str, total: int | None = None, unit: str = "article") -> Iterator[T]:
    """Iterate over ``items`` with a progress bar (see :func:`bar`)."""
    if not enabled():
        yield from items
        return
    with bar(total if total is not None else _length(items), desc, unit) as progress:
        for item in items:
            yield item
            progress.update(1)


def _length(items: Iterable) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None

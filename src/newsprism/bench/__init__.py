"""newsprism.bench: synthetic corpora with planted shared passages, for the benchmark and scale tests.

The names are imported from :mod:`newsprism.bench.synthetic` on first use, so that
``python -m newsprism.bench.synthetic`` does not import the module twice.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["TOKEN_RE", "TRUTH_COLUMNS", "generate_corpus", "write_truth"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("newsprism.bench.synthetic"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

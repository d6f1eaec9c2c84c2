"""Where newsprism finds its data files (lexicons, alias tables) and how it reads them."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from newsprism.errors import NewsprismError

__all__ = ["data_dir", "read_data_csv"]

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """The data folder: ``$NEWSPRISM_DATA_DIR``, the copy shipped in a wheel, or the repo's ``data/``."""
    env = os.environ.get("NEWSPRISM_DATA_DIR")
    if env:
        return Path(env)
    shipped = _PACKAGE / "_data"
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parents[1] / "data"


@lru_cache(maxsize=64)
def _read_csv_cached(path: str, mtime_ns: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)


def read_data_csv(relative: str) -> pd.DataFrame:
    """Read a CSV below the data folder as strings (no NaN); cached until the file changes."""
    path = data_dir() / relative
    try:
        stat = path.stat()
    except OSError:
        raise NewsprismError(f"{path}: data file not found (set NEWSPRISM_DATA_DIR to the project's data folder)") from None
    return _read_csv_cached(str(path), stat.st_mtime_ns).copy()

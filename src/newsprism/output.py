"""Writing tables and charts: atomic files, one format switch, stable bytes."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import pandas as pd

from newsprism.errors import NewsprismError

__all__ = ["FORMATS", "atomic_write_bytes", "print_table", "table_bytes", "write_table"]

FORMATS = ("csv", "json", "parquet")


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """Columns holding tuples or lists become `; `-joined strings, so every format can hold them."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, (list, tuple))).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return out


def table_bytes(table: pd.DataFrame, fmt: str = "csv") -> bytes:
    """Serialise a table: CSV (UTF-8, LF), JSON records (UTF-8, one object per row) or Parquet."""
    table = _plain(table)
    if fmt == "csv":
        return table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    if fmt == "json":
        return (table.to_json(orient="records", force_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise NewsprismError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename, creating folders."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise NewsprismError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    return path


def write_table(table: pd.DataFrame, path: str | Path, fmt: str | None = None) -> Path:
    """Write a table atomically; the format defaults to the file's extension (else CSV)."""
    path = Path(path)
    fmt = fmt or (path.suffix.lstrip(".").lower() if path.suffix.lstrip(".").lower() in FORMATS else "csv")
    return atomic_write_bytes(path, table_bytes(table, fmt))


def print_table(table: pd.DataFrame, fmt: str = "csv", stream: TextIO | None = None) -> None:
    """Write a table to standard output (Parquet goes out as bytes)."""
    stream = stream or sys.stdout
    data = table_bytes(table, fmt)
    if fmt == "parquet":
        stream.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        stream.write(data.decode("utf-8"))
        stream.flush()

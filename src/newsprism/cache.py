"""The on-disk cache of runs: parses as ``DocBin`` files, tables as Parquet, by content key.

Layout under the cache folder::

    parse/<model key>/<ab>/<text key>.spacy   one article's parse (see newsprism.nlp.docbin)
    tables/<stage>/<ab>/<key>.parquet         one stage's table for one set of inputs

A key is the sha256 of everything the item depends on (see :func:`content_key`), so an
item is never stale: a changed input gives another key. Files are written atomically
(temporary file, then rename), so concurrent runs never see half a file. With ``root``
``None`` the cache keeps nothing on disk.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from pathlib import Path

import pandas as pd

from newsprism.config import journal_path
from newsprism.output import atomic_write_bytes

__all__ = ["Cache", "content_key", "journal"]


def content_key(*parts: object) -> str:
    """The sha256 of ``parts`` as canonical JSON (sorted keys, no spaces)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def journal(event: str, **fields: object) -> None:
    """Append one JSON line to ``$NEWSPRISM_JOURNAL`` (when set): what was computed, by whom."""
    path = journal_path()
    if path is None:
        return
    line = json.dumps({"event": event, "pid": os.getpid(), "time": round(time.time(), 3), **fields}, sort_keys=True, default=str)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


class Cache:
    """Parses and tables of runs kept under ``root`` (or nowhere when ``root`` is ``None``)."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = Path(root).expanduser().resolve() if root is not None else None

    def __repr__(self) -> str:
        return f"Cache({str(self.root) if self.root else None!r})"

    # -- parses -------------------------------------------------------------------------
    def parse_path(self, model_key: str, text_key: str) -> Path | None:
        """Where the parse of a text is kept (``None`` without a cache folder)."""
        if self.root is None:
            return None
        return self.root / "parse" / model_key[:16] / text_key[:2] / f"{text_key}.spacy"

    def save_parse(self, model_key: str, text_key: str, data: bytes) -> Path | None:
        path = self.parse_path(model_key, text_key)
        if path is not None:
            atomic_write_bytes(path, data)
        return path

    # -- tables -------------------------------------------------------------------------
    def _table_path(self, stage: str, key: str) -> Path:
        assert self.root is not None
        return self.root / "tables" / stage / key[:2] / f"{key}.parquet"

    def load_table(self, stage: str, key: str) -> pd.DataFrame | None:
        """The cached table of ``stage`` under ``key``, or ``None``."""
        if self.root is None:
            return None
        path = self._table_path(stage, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return pd.read_parquet(io.BytesIO(data))
        except Exception:  # a damaged file is recomputed, never served
            return None

    def save_table(self, stage: str, key: str, table: pd.DataFrame) -> None:
        if self.root is None:
            return
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        atomic_write_bytes(self._table_path(stage, key), buffer.getvalue())

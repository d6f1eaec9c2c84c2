"""The curated alias table (``data/aliases/entities.csv``) and name keys for matching.

Each row maps a surface form (``alias``) to a ``canonical`` entity with its spaCy-style
``label``, the ``side`` it speaks for (Russian, North Korean, South Korean, Ukrainian,
other), the ``kind`` of alias (name, spelling, surname, role, media) and a note. Users
extend the table for their own corpus; code never hard-codes these names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from newsprism.text.normalize import DROPPED, fold_char

from .files import read_data_csv

__all__ = ["ALIAS_FILE", "alias_table", "canonical_name", "compact_key", "entity_info", "name_key"]

ALIAS_FILE = "aliases/entities.csv"
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$")
_LEADING_THE_RE = re.compile(r"^the\s+")


@lru_cache(maxsize=1 << 16)
def name_key(surface: str) -> str:
    """A matching key for a name: folded quotes and dashes, no soft hyphens or zero-width
    characters (:data:`newsprism.text.normalize.DROPPED`, as in the normalised text), no
    accents, no case, hyphens and dots as spaces, no possessive "'s", no leading "the",
    single spaces.

    ``name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"``;
    ``name_key("Belou\u00adsov") == "belousov"``. Cached: names repeat across a corpus.
    """
    text = "".join(fold_char(ch) for ch in surface if ch not in DROPPED)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = _POSSESSIVE_RE.sub("", text)
    text = _LEADING_THE_RE.sub("", text)
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> us
    text = re.sub(r"[-.,'\"]+", " ", text)
    return " ".join(text.split())


def compact_key(surface: str) -> str:
    """:func:`name_key` without word boundaries, so spacing never separates two names:
    ``compact_key("Kim Jong\u00adUn") == compact_key("Kim Jong Un") == "kimjongun"`` (a soft
    hyphen is invisible, so "Jong\u00adUn" reads "JongUn")."""
    return name_key(surface).replace(" ", "")


def alias_table() -> pd.DataFrame:
    """The alias table with a ``key`` column (the :func:`name_key` of each alias)."""
    table = read_data_csv(ALIAS_FILE)
    table["key"] = table["alias"].map(name_key)
    return table


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    table = alias_table()
    by_key: dict[str, str] = {}
    for row in table.itertuples(index=False):
        by_key.setdefault(row.key, row.canonical)
        by_key.setdefault(name_key(row.canonical), row.canonical)
    info = {
        row.canonical: {"label": row.label, "side": row.side}
        for row in table.drop_duplicates("canonical").itertuples(index=False)
    }
    return by_key, info


def canonical_name(surface: str) -> str | None:
    """The canonical entity an alias-table entry gives for ``surface``, else ``None``."""
    return _lookup()[0].get(name_key(surface))


def entity_info(canonical: str) -> dict[str, str]:
    """``{"label": ..., "side": ...}`` of a canonical entity in the alias table (empty if absent)."""
    return dict(_lookup()[1].get(canonical, {}))

"""The curated alias table (``data/aliases/entities.csv``), its one index, and name keys.

Each row maps a surface form (``alias``) to a ``canonical`` entity with its spaCy-style
``label``, the ``side`` it speaks for (Russian, North Korean, South Korean, Ukrainian,
other), the ``kind`` of alias (name, spelling, surname, role, media) and a note. Users
extend the table for their own corpus; code never hard-codes these names.

Every lookup of the table goes through one :class:`AliasIndex` (:func:`alias_index`),
built through :func:`newsprism.resources.files.resource`, so an edited table is seen at
once by every caller (the entity ruler, merging, speakers, claims), never by half of them.
:func:`name_key` and :func:`compact_key` are the one definition of when two names match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.text.normalize import DROPPED, fold_char

from .files import resource
from .words import DEFINITE_ARTICLE

__all__ = [
    "ALIAS_FILE",
    "AliasIndex",
    "AliasRow",
    "alias_index",
    "canonical_name",
    "compact_key",
    "entity_info",
    "name_key",
]

ALIAS_FILE = "aliases/entities.csv"
_REQUIRED = ("canonical", "alias", "label")
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$")
_LEADING_ARTICLE_RE = re.compile(rf"^{DEFINITE_ARTICLE}\s+")


@lru_cache(maxsize=1 << 16)
def name_key(surface: str) -> str:
    """A matching key for a name: folded quotes and dashes, no soft hyphens or zero-width
    characters (:data:`newsprism.text.normalize.DROPPED`, as in the normalised text), no
    accents, no case, hyphens and dots as spaces, no possessive "'s", no leading "the"
    (:data:`newsprism.resources.words.DEFINITE_ARTICLE`), single spaces.

    ``name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"``;
    ``name_key("Belou\u00adsov") == "belousov"``. Cached: a pure function of its argument.
    """
    text = "".join(fold_char(ch) for ch in surface if ch not in DROPPED)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = _POSSESSIVE_RE.sub("", text)
    text = _LEADING_ARTICLE_RE.sub("", text)
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> us
    text = re.sub(r"[-.,'\"]+", " ", text)
    return " ".join(text.split())


def compact_key(surface: str) -> str:
    """:func:`name_key` without word boundaries, so spacing never separates two names:
    ``compact_key("Kim Jong\u00adUn") == compact_key("Kim Jong Un") == "kimjongun"`` (a soft
    hyphen is invisible, so "Jong\u00adUn" reads "JongUn")."""
    return name_key(surface).replace(" ", "")


@dataclass(frozen=True)
class AliasRow:
    """One row of the alias table (values stripped)."""

    canonical: str
    alias: str
    label: str
    side: str
    kind: str


class AliasIndex:
    """Every lookup of the alias table, built in one pass over its rows.

    - :attr:`rows`: the rows with a canonical name and an alias, in file order;
    - :meth:`canonical`: the canonical entity of a surface form (any row, roles included);
    - :meth:`info`: label and side of a canonical entity (its first row);
    - :attr:`names`: name key -> name row (every kind but ``role``; a canonical name is a
      name row of its own), :attr:`roles`: name key -> role row; the first row wins;
    - :meth:`find`: a name row by name key, else by :func:`compact_key` when only one
      canonical has that compact key ("kim jongun" -> Kim Jong Un);
    - :attr:`keys` (name keys of every alias), :meth:`keys_of` (name key and kind of each
      alias of a canonical), :attr:`media` (canonicals of media aliases) and :attr:`sides`
      (side names, longest first, "other" left out).

    Get it with :func:`alias_index`.
    """

    def __init__(self, rows: tuple[AliasRow, ...]) -> None:
        self.rows = rows
        self._by_key: dict[str, str] = {}
        self._info: dict[str, dict[str, str]] = {}
        self._keys_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.names: dict[str, AliasRow] = {}
        self.roles: dict[str, AliasRow] = {}
        for row in rows:
            key, canonical_key = name_key(row.alias), name_key(row.canonical)
            self._by_key.setdefault(key, row.canonical)
            self._by_key.setdefault(canonical_key, row.canonical)
            self._info.setdefault(row.canonical, {"label": row.label, "side": row.side})
            self._keys_of[row.canonical].append((key, row.kind))
            if row.kind == "role":
                self.roles.setdefault(key, row)
            else:
                self.names.setdefault(key, row)
                self.names.setdefault(canonical_key, AliasRow(row.canonical, row.canonical, row.label, row.side, "name"))
        by_compact: dict[str, list[AliasRow]] = defaultdict(list)
        for key, row in self.names.items():
            by_compact[key.replace(" ", "")].append(row)
        self._compact = {key: hits[0] for key, hits in by_compact.items() if len({h.canonical for h in hits}) == 1}
        self.keys = frozenset(name_key(row.alias) for row in rows)
        self.media = frozenset(row.canonical for row in rows if row.kind == "media")
        sides = {row.side for row in rows if row.side and row.side != "other"}
        self.sides = tuple(sorted(sides, key=lambda s: (-len(s), s)))

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> AliasIndex:
        """The index of an alias table (columns canonical, alias, label; side and kind optional)."""
        missing = [c for c in _REQUIRED if c not in table.columns]
        if missing:
            raise NewsprismError(f"data/{ALIAS_FILE}: lacks column(s) {', '.join(missing)}")
        blank = [""] * len(table)
        columns = [table[c].tolist() if c in table.columns else blank for c in (*_REQUIRED, "side", "kind")]
        rows = (AliasRow(*(str(v or "").strip() for v in values)) for values in zip(*columns))
        return cls(tuple(row for row in rows if row.canonical and row.alias))

    def canonical(self, surface: str) -> str | None:
        """The canonical entity an alias-table entry gives for ``surface``, else ``None``."""
        return self._by_key.get(name_key(surface))

    def info(self, canonical: str) -> dict[str, str]:
        """``{"label": ..., "side": ...}`` of a canonical entity (empty if absent)."""
        return dict(self._info.get(canonical, {}))

    def find(self, key: str) -> AliasRow | None:
        """The name row of a :func:`name_key`, else the one whose key differs only in spacing."""
        return self.names.get(key) or self._compact.get(key.replace(" ", ""))

    def keys_of(self, canonical: str) -> list[tuple[str, str]]:
        """``[(name key of an alias, kind), ...]`` of a canonical entity, in file order."""
        return list(self._keys_of.get(canonical, ()))


def alias_index() -> AliasIndex:
    """The :class:`AliasIndex` of ``data/aliases/entities.csv`` (rebuilt when its bytes change)."""
    return resource(ALIAS_FILE, AliasIndex.from_table)


def canonical_name(surface: str) -> str | None:
    """The canonical entity an alias-table entry gives for ``surface``, else ``None``."""
    return alias_index().canonical(surface)


def entity_info(canonical: str) -> dict[str, str]:
    """``{"label": ..., "side": ...}`` of a canonical entity in the alias table (empty if absent)."""
    return alias_index().info(canonical)

"""One text's rows of the NLP tables, read once.

The quote and claim tables ask the same few questions of a text's ``mentions`` and
``attributions`` again and again (the rows inside a sentence, the mentions of a person,
the attributions crediting an entity). :class:`Rows` holds a text's rows of one table as
the records of ``itertuples`` (table order, the values pandas gives) with ``start``/``end``
arrays, and answers those questions without slicing a DataFrame per quote or sentence;
:class:`Mentions` adds the lookups by entity and by surname. :class:`TextTables` is one
text with both tables, its parse (read when first asked for) and a memo for results that
depend on the text alone (a person's fullest name, titles, appositions).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from newsprism.resources.aliases import name_key

__all__ = ["Mentions", "Rows", "TextTables", "last_word"]

T = TypeVar("T")
_NONE = np.zeros(0, dtype=np.int64)


def last_word(name: str) -> str:
    """The last word of a name's key ("" for none)."""
    return (name_key(name).split() or [""])[-1]


def _index(keys: list) -> dict[Any, list[int]]:
    out: dict[Any, list[int]] = {}
    for i, key in enumerate(keys):
        out.setdefault(key, []).append(i)
    return out


def _groups(table: pd.DataFrame) -> dict[Any, np.ndarray]:
    """``{doc_id: positions}`` of a table's rows, in table order."""
    return dict(table.groupby("doc_id", sort=False).indices) if len(table) else {}


def _split(table: pd.DataFrame) -> dict[Any, tuple[list[Any], np.ndarray, np.ndarray, np.ndarray]]:
    """``{doc_id: (rows, starts, ends, positions)}`` of a whole table, read once
    (``itertuples`` is slow per slice)."""
    if not len(table):
        return {}
    rows = list(table.itertuples(index=False))
    starts, ends = table["start"].to_numpy(dtype=np.int64), table["end"].to_numpy(dtype=np.int64)
    return {d: ([rows[k] for k in at], starts[at], ends[at], at) for d, at in _groups(table).items()}


class Rows:
    """A text's rows of one table (namedtuples in table order) with ``start``/``end`` arrays."""

    def __init__(self, rows: list[Any] | None = None, starts: np.ndarray = _NONE, ends: np.ndarray = _NONE) -> None:
        self.rows: list[Any] = rows or []
        self.starts, self.ends = starts, ends
        self._column_index: dict[str, dict[Any, list[int]]] = {}

    @classmethod
    def split(cls, table: pd.DataFrame) -> dict[str, Rows]:
        """``{doc_id: Rows}`` of a whole table, read once (``itertuples`` is slow per slice)."""
        return {d: cls(rows, starts, ends) for d, (rows, starts, ends, _) in _split(table).items()}

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def starting_in(self, start: int, end: int) -> list[Any]:
        """The rows starting in ``[start, end)``, in table order."""
        return [self.rows[k] for k in np.flatnonzero((self.starts >= start) & (self.starts < end))]

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The rows overlapping ``[start, end)``, in table order."""
        return [self.rows[k] for k in np.flatnonzero((self.starts < end) & (self.ends > start))]

    def where(self, column: str, value: Hashable) -> list[Any]:
        """The rows whose ``column`` equals ``value``, in table order."""
        if column not in self._column_index:
            self._column_index[column] = _index([getattr(r, column) for r in self.rows])
        return [self.rows[k] for k in self._column_index[column].get(value, ())]


class Mentions(Rows):
    """A text's entity mentions, with each mention's surname, word count and role length."""

    def __init__(self, rows: list[Any] | None = None, starts: np.ndarray = _NONE, ends: np.ndarray = _NONE, lasts: list[str] | None = None,
                 words: list[int] | None = None, role_lengths: list[int] | None = None) -> None:  # fmt: skip
        super().__init__(rows, starts, ends)
        self.lasts, self.words, self.role_lengths = lasts or [], words or [], role_lengths or []
        self._by_entity = _index([r.entity for r in self.rows])
        self._by_last = _index(self.lasts)

    @classmethod
    def split(cls, table: pd.DataFrame) -> dict[str, Mentions]:
        """``{doc_id: Mentions}`` of the whole ``mentions`` table, read once."""
        if not len(table):
            return {}
        lasts = table["text"].astype(str).map(last_word).tolist()
        words = table["text"].map(lambda t: len(str(t).split())).tolist()
        roles = table["role"].fillna("").astype(str).str.len().tolist()
        return {
            d: cls(rows, starts, ends, [lasts[k] for k in at], [words[k] for k in at], [roles[k] for k in at])
            for d, (rows, starts, ends, at) in _split(table).items()
        }

    def of_entity(self, entity: str) -> list[Any]:
        """The mentions of one entity, in table order."""
        return [self.rows[k] for k in self._by_entity.get(entity, ())]

    def of_person_index(self, entity: str, name: str) -> list[int]:
        """Positions of the mentions of the person: its entity, or any mention ending in its surname."""
        found = set(self._by_entity.get(entity, ()))
        last = last_word(name)
        if last:
            found.update(self._by_last.get(last, ()))
        return sorted(found)

    def of_person(self, entity: str, name: str) -> list[Any]:
        """The mentions of the person (see :meth:`of_person_index`), in table order."""
        return [self.rows[k] for k in self.of_person_index(entity, name)]


class TextTables:
    """One text: its raw string, its parse (read when first asked for), its mentions and
    attributions, and a memo of results computed from the text alone."""

    def __init__(self, raw: str, doc: Callable[[], Any], mentions: Mentions, attributions: Rows) -> None:
        self.raw = raw
        self._doc = doc
        self._parsed = False
        self._parse: Any = None
        self.mentions = mentions
        self.attributions = attributions
        self._memo: dict[Hashable, Any] = {}

    @property
    def doc(self) -> Any:
        """The spaCy parse, or None."""
        if not self._parsed:
            self._parse, self._parsed = self._doc(), True
        return self._parse

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per ``key``."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

"""Which entity a name, surname, titled name or role names: the one resolver of speakers.

:func:`resolve_name` maps a speaker string ("Peskov", "the North Korean leader",
"General No Gwansik", "Russia's Defense Minister") to a canonical entity, from the
mentions of the entities stage (:func:`newsprism.stages.entities.mentions.entity_mentions`)
and the alias table. :class:`MentionIndex` holds every lookup it needs (and the people of
each piece, for pronouns in :mod:`newsprism.stages.attribution.speakers`), built once per
mention table by :func:`mention_index`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.resources.aliases import alias_index, name_key
from newsprism.resources.titles import role_key, title_kind
from newsprism.resources.words import ARTICLES

from .detect import surname_keys

__all__ = ["MentionIndex", "mention_index", "resolve_name"]


def _strip_surface(surface: str) -> str:
    words = surface.replace("\u2019", "'").split()
    while words and words[0].casefold() in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _name_keys(text: str) -> list[str]:
    """The name key of ``text`` and of each shorter word suffix of two or more words
    ("Russian Deputy Defense Minister General Victor Goremykin" ... "Victor Goremykin")."""
    words = name_key(text).split()
    return list(dict.fromkeys(" ".join(words[k:]) for k in range(len(words)) if len(words) - k >= 2 or k == 0))


def _place(text: str) -> str:
    """The place words of a role ("Russia's Defense Minister" -> "russia")."""
    words = name_key(text).split()
    return " ".join(w for w in words if not title_kind(w) and w not in ARTICLES and w not in ("s", "of"))


def _same_place(a: str, b: str) -> bool:
    """Whether two place strings name the same country (``russia``/``russian``); unknown is True."""
    if not a or not b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, min(len(a), len(b)) - 1)


@dataclass
class _Lookup:
    """What :func:`resolve_name` asks of the mentions of one piece (or of the corpus)."""

    by_key: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # name key -> entity counts
    owners: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # surname key -> persons
    by_role: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # role's name key -> entity counts
    by_role_key: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))  # role key -> (entity, place)

    def add(self, text: str, entity: str, label: str, base: str, role: str, rk: str, side: str, *, roles: bool) -> None:
        self.by_key[name_key(text)][entity] += 1
        words = name_key(base).split() if label == "PERSON" else []
        if len(words) >= 2:
            for surname in surname_keys(words):
                self.owners[surname].add(entity)
        if roles and role:
            self.by_role[name_key(role)][entity] += 1
            if rk:
                self.by_role_key[rk].add((entity, _place(role) or name_key(side)))


class MentionIndex:
    """Lookups over a mention table, built in one pass: per piece and corpus-wide name keys,
    surname owners and roles for :func:`resolve_name`, each piece's people in order and
    each entity's label for :class:`newsprism.stages.attribution.speakers.SpeakerResolver`.

    Get it with :func:`mention_index`, which builds it once per table."""

    def __init__(self, mentions: pd.DataFrame) -> None:
        missing = [c for c in ("doc_id", "start", "text", "entity", "label", "base", "role", "role_key", "side") if c not in mentions.columns]
        if missing:
            raise NewsprismError(f"entities: mention table lacks column(s) {', '.join(missing)} (use entity_mentions)")
        self.corpus = _Lookup()
        self.docs: dict[str, _Lookup] = defaultdict(_Lookup)
        self.labels: dict[str, str] = {}
        people: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        columns = ["doc_id", "start", "text", "entity", "label", "base", "role", "role_key", "side"]
        for n, (doc_id, start, text, entity, label, base, role, rk, side) in enumerate(zip(*(mentions[c] for c in columns))):
            fields = tuple(v if isinstance(v, str) else "" for v in (text, entity, label, base, role, rk, side))
            self.corpus.add(*fields, roles=False)
            self.docs[doc_id].add(*fields, roles=True)
            self.labels.setdefault(fields[1], fields[2])
            if label == "PERSON":
                people[doc_id].append((int(start), n, fields[1]))
        self.people = {doc_id: sorted(found) for doc_id, found in people.items()}

    def local(self, doc_id: str | None) -> _Lookup | None:
        """The lookups of piece ``doc_id`` (``None`` if it has no mentions)."""
        return self.docs.get(doc_id) if doc_id is not None else None

    def persons(self, doc_id: str) -> tuple[list[int], list[str]]:
        """Start offsets and entities of the person mentions of ``doc_id``, in order."""
        found = self.people.get(doc_id, [])
        return [s for s, _, _ in found], [e for _, _, e in found]


_INDEX_CACHE: list[tuple[pd.DataFrame, int, MentionIndex]] = []


def mention_index(mentions: pd.DataFrame) -> MentionIndex:
    """The :class:`MentionIndex` of a mention table, built once per table object (the last
    few are kept); treat the table as read-only once it has been indexed."""
    for frame, size, index in _INDEX_CACHE:
        if frame is mentions and size == len(mentions):
            return index
    index = MentionIndex(mentions)
    _INDEX_CACHE.insert(0, (mentions, len(mentions), index))
    del _INDEX_CACHE[4:]
    return index


def _most_common(counts: Counter | None) -> str | None:
    """The entity with the most mentions (ties: the first in sorted order)."""
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def resolve_name(surface: str, doc_id: str | None = None, mentions: pd.DataFrame | None = None) -> str | None:
    """The canonical entity a speaker string names, else ``None``.

    ``surface`` may be a full name ("Dmitry Peskov"), a surname ("Peskov"), a titled name
    ("General No Gwansik", "Russian Defense Minister Andrei Belousov"), a role ("the North
    Korean leader", "Russia's Defense Minister") or a name with a possessive. With
    ``mentions`` (the table of :func:`~newsprism.stages.entities.mentions.entity_mentions`), the order is: a mention in piece
    ``doc_id`` with the same name key (or that of the name without its leading titles); a
    person in that piece whose surname it is; a person in that piece whose role it names
    (the exact role, else one person with the same role key and no conflicting country);
    then the alias table (names, then role aliases, also by role key and country); then
    the same name or a unique surname anywhere in ``mentions``. Without ``mentions`` only
    the alias table (:func:`newsprism.resources.aliases.alias_index`) is used. The table is indexed once (:func:`mention_index`), so a call
    costs dictionary lookups, not a pass over the table.
    """
    text = _strip_surface(str(surface or ""))
    keys = _name_keys(text)
    if not keys or not keys[0]:
        return None
    words = name_key(text).split()
    bare = words[-1] if len(words) >= 1 and all(title_kind(w) for w in words[:-1]) else ""
    aliases = alias_index()
    index = mention_index(mentions) if mentions is not None and len(mentions) else None
    rk, place = role_key(text), _place(text)

    def by_name(found: _Lookup) -> str | None:
        for k in keys:
            hit = _most_common(found.by_key.get(k))
            if hit:
                return hit
        if bare:
            owners = found.owners.get(bare, set())
            if len(owners) == 1:
                return next(iter(owners))
        return None

    def by_role(found: _Lookup) -> str | None:
        hit = _most_common(found.by_role.get(keys[0]))
        if hit or not rk:
            return hit
        owners = {e for e, where in found.by_role_key.get(rk, ()) if _same_place(place, where)}
        return owners.pop() if len(owners) == 1 else None

    local = index.local(doc_id) if index is not None else None
    hit = (by_name(local) or by_role(local)) if local is not None else None
    if hit:
        return hit
    for k in keys:
        found = aliases.find(k)
        if found:
            return found.canonical
    roles = aliases.roles
    if keys[0] in roles:
        return roles[keys[0]].canonical
    if rk:
        owners = {r.canonical for r in roles.values() if role_key(r.alias) == rk and _same_place(place, _place(r.alias) or name_key(r.side))}
        if len(owners) == 1:
            return owners.pop()
    return by_name(index.corpus) if index is not None else None

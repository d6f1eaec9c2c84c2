"""Merging names across pieces into canonical entities: alias table, name keys, fuzzy matching.

Used by :mod:`newsprism.stages.entities.mentions`. Names merge by :func:`newsprism.resources.aliases.compact_key`
(case, hyphen, spacing, soft hyphens), by the alias table and, for people only, by fuzzy
matching (:func:`fuzzy_person_match`). Fuzzy candidate pairs come from an inverted index of
role keys and name-token prefixes (blocking), never from all pairs; a block holding more
than :data:`MAX_BLOCK_SIZE` people (``role:minister`` or ``tok:kim`` in a large corpus)
pairs nobody, so its members pair only through their rarer blocks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsprism.resources.aliases import AliasIndex, AliasRow, compact_key, name_key
from newsprism.resources.titles import role_key
from newsprism.stages import _blocking

from .detect import Mention, surname_keys

__all__ = [
    "FUZZY_NAME_MIN",
    "FUZZY_ROLE_NAME_MIN",
    "FUZZY_ROLE_SURNAME_MIN",
    "FUZZY_SURNAME_MIN",
    "MAX_BLOCK_SIZE",
    "canonicalise",
    "fuzzy_person_match",
    "person_pairs",
]

FUZZY_NAME_MIN = 88.0
FUZZY_SURNAME_MIN = 75.0
FUZZY_ROLE_NAME_MIN = 75.0
FUZZY_ROLE_SURNAME_MIN = 70.0
#: Blocks (a role key or a name-token prefix) with more person entities than this pair
#: nobody: in a large corpus "role:minister" or "tok:kim" would otherwise pair everyone.
#: A block this size still yields at most ~5,000 pairs; the five pieces' largest has 4.
MAX_BLOCK_SIZE = 100


def fuzzy_person_match(name_a: str, name_b: str, roles_a: frozenset[str] = frozenset(), roles_b: frozenset[str] = frozenset()) -> tuple[bool, float]:
    """Whether two person names are spelling variants of one person, and the name score.

    ``(True, 90.32)`` for "Andrei Belozurov" / "Andrei Belousov"; ``(False, 52.17)`` for
    "No Gwansik" / "No Kwang Chol". Shared role keys lower the bar (see module docstring).
    """
    ka, kb = name_key(name_a), name_key(name_b)
    if not ka or not kb:
        return False, 0.0
    score = round(fuzz.ratio(ka, kb), 4)
    last = fuzz.ratio(ka.split()[-1], kb.split()[-1])
    if score >= FUZZY_NAME_MIN and last >= FUZZY_SURNAME_MIN:
        return True, score
    shared = bool(set(roles_a) & set(roles_b))
    return shared and score >= FUZZY_ROLE_NAME_MIN and last >= FUZZY_ROLE_SURNAME_MIN, score


@dataclass
class _Entity:
    name: str
    key: str
    alias: AliasRow | None
    bases: list[str]
    labels: Counter
    docs: set[str]
    mentions: int
    roles: set[str]


def _blocks(entity: _Entity) -> list[str]:
    keys = [f"role:{r}" for r in sorted(entity.roles)]
    keys += [f"tok:{w[:3]}" for w in entity.key.split() if len(w) >= 3]
    return keys


def canonicalise(mentions: list[Mention], aliases: AliasIndex) -> None:
    """Set entity, label, side and how on every mention (corpus-wide merging) with the
    alias table's index (:func:`newsprism.resources.aliases.alias_index`)."""
    index = aliases.names
    find_alias = aliases.find
    # corpus-wide fallback for one-word PERSON mentions not resolved in their piece
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PERSON" and len(m.words) >= 2:
            for key in surname_keys(m.words):
                full_by_surname[key].add(m.text)
    for m in mentions:
        if m.label == "PERSON" and len(m.words) == 1 and not m.how and name_key(m.text) not in index:
            texts = sorted(full_by_surname.get(m.words[0], ()))
            if len({name_key(t) for t in texts}) == 1:
                m.base, m.how = texts[0], "surname"
    entities: dict[str, _Entity] = {}
    order = sorted(mentions, key=lambda m: (m.doc_id, m.start))
    base_counts = Counter(m.base for m in order)
    first_seen = {}
    for m in order:
        first_seen.setdefault(m.base, len(first_seen))
    for m in order:
        key = name_key(m.base)
        alias = find_alias(key)
        ident = f"alias:{alias.canonical}" if alias else f"key:{compact_key(key)}"
        ent = entities.get(ident)
        if ent is None:
            ent = entities[ident] = _Entity(alias.canonical if alias else m.base, name_key(alias.canonical) if alias else key, alias, [], Counter(), set(), 0, set())
        if m.base not in ent.bases:
            ent.bases.append(m.base)
        ent.labels[m.label] += 1
        ent.docs.add(m.doc_id)
        ent.mentions += 1
        if m.role and role_key(m.role):
            ent.roles.add(role_key(m.role))
        m.extra["ident"] = ident
    for ent in entities.values():
        if ent.alias is None:
            ent.name = min(ent.bases, key=lambda b: (-base_counts[b], first_seen[b]))
    persons = {i: e for i, e in entities.items() if _entity_label(e) == "PERSON"}
    merged = _fuzzy_merge(persons)
    for m in mentions:
        ident = m.extra.pop("ident")
        target, score = merged.get(ident, (ident, None))
        ent = entities[target]
        m.entity = ent.name
        m.label = _entity_label(ent)
        m.side = ent.alias.side if ent.alias else ""
        m.extra["fuzzy_score"] = score
        if score is not None:
            how = "fuzzy"
        elif ent.alias and compact_key(m.base) != compact_key(ent.key):
            how = "alias"
        elif m.how == "surname" or m.found_by == "surname":
            how = "surname"
        else:
            how = m.found_by
        m.how = how


def _entity_label(ent: _Entity) -> str:
    if ent.alias and ent.alias.label:
        return ent.alias.label
    return min(ent.labels, key=lambda label: (-ent.labels[label], label != "PERSON", label))


def person_pairs(blocks_of: dict[str, list[str]], max_block: int = MAX_BLOCK_SIZE) -> list[tuple[str, str]]:
    """Sorted pairs of idents sharing a block, from ``{ident: block keys}``; blocks with more
    than ``max_block`` members are skipped (:func:`newsprism.stages._blocking.candidate_pairs`)."""
    idents = sorted(blocks_of)
    matrix = _blocking.incidence([blocks_of[ident] for ident in idents])
    first, second, _ = _blocking.candidate_pairs(matrix, max_postings=max_block)
    return [(idents[i], idents[j]) for i, j in zip(first.tolist(), second.tolist())]


def _fuzzy_merge(persons: dict[str, _Entity]) -> dict[str, tuple[str, float]]:
    """``{ident: (target ident, score)}`` for person entities merged by fuzzy matching."""
    scored = []
    for a, b in person_pairs({ident: _blocks(e) for ident, e in persons.items()}):
        ea, eb = persons[a], persons[b]
        if ea.alias and eb.alias:
            continue  # the curated table decides between its own entries
        ok, score = fuzzy_person_match(ea.name, eb.name, frozenset(ea.roles), frozenset(eb.roles))
        if ok:
            scored.append((-score, a, b))
    parent = {ident: ident for ident in persons}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def rank(ident: str) -> tuple:
        e = persons[ident]
        return (e.alias is None, -len(e.docs), -e.mentions, e.name)

    best: dict[str, float] = {}
    for neg, a, b in sorted(scored):
        ra, rb = find(a), find(b)
        if ra == rb or (persons[ra].alias and persons[rb].alias):
            continue
        keep, drop = sorted((ra, rb), key=rank)
        parent[drop] = keep
        for x in (a, b):
            best[x] = max(best.get(x, 0.0), -neg)
    out = {}
    for ident in persons:
        root = find(ident)
        if root != ident:
            out[ident] = (root, best.get(ident, 0.0))
    return out

"""Merging names across pieces into canonical entities: alias table, name keys, person-name verdicts.

Used by :mod:`newsprism.stages.entities.mentions`. Names merge by
:func:`newsprism.resources.aliases.compact_key` (case, hyphen, spacing, soft hyphens), by
the alias table and, for people only, by the verdicts of
:func:`newsprism.stages.entities.candidates.compare_names` (transliteration forms, initials,
fuzzy matching; ``how`` ``transliteration`` or ``fuzzy``). Candidate pairs come from an
inverted index of role keys, family-name forms and name-token prefixes (blocking), never
from all pairs; a block holding more than :data:`MAX_BLOCK_SIZE` people
(``role:minister`` or ``tok:kim`` in a large corpus) pairs nobody, so its members pair only
through their rarer blocks. Merged pairs are joined into clusters, strongest first, and a
join that would put two names the verdicts call different people (a *conflict*) in one
cluster is left as a candidate. :func:`merge_candidates` (the ``merge_candidates`` stage)
lists every pair scored, rebuilt from the mention table exactly as :func:`canonicalise` saw it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from newsprism.resources.aliases import AliasIndex, AliasRow, alias_index, compact_key, name_key
from newsprism.resources.titles import role_key
from newsprism.stages import _blocking

from .candidates import (
    FUZZY_NAME_MIN,
    FUZZY_ROLE_NAME_MIN,
    FUZZY_ROLE_SURNAME_MIN,
    FUZZY_SURNAME_MIN,
    PersonName,
    Verdict,
    compare_names,
    fuzzy_person_match,
)
from .detect import Mention, person_keys
from .transliteration import name_parts, transliteration

__all__ = [
    "FUZZY_NAME_MIN",
    "FUZZY_ROLE_NAME_MIN",
    "FUZZY_ROLE_SURNAME_MIN",
    "FUZZY_SURNAME_MIN",
    "MAX_BLOCK_SIZE",
    "MERGE_CANDIDATE_COLUMNS",
    "canonicalise",
    "fuzzy_person_match",
    "merge_candidates",
    "person_pairs",
]

#: Blocks (a role key or a name-token prefix) with more person entities than this pair
#: nobody: in a large corpus "role:minister" or "tok:kim" would otherwise pair everyone.
#: A block this size still yields at most ~5,000 pairs; the five pieces' largest has 4.
MAX_BLOCK_SIZE = 100
#: Columns of :func:`merge_candidates`.
MERGE_CANDIDATE_COLUMNS = ["name_a", "name_b", "decision", "score", "raw_score", "reason", "how", "shared_roles", "surname", "rules", "shared_pieces", "pieces_a", "pieces_b", "entity"]
_DECISION_ORDER = {"merged": 0, "candidate": 1, "rejected": 2}


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
    parts = name_parts(entity.name)
    words = entity.key.split()
    if parts is not None:
        keys.append(f"fam:{parts.system}:{parts.family_form}")
        words += parts.full_form.split()
    keys += sorted({f"tok:{w[:3]}" for w in words if len(w) >= 3})
    return keys


def _family_forms(word: str) -> set[tuple[str, str]]:
    """The (system, family-name form) keys a one-word name may stand for."""
    table = transliteration()
    keys = {("slavic", table.form(word, "slavic", table=False)[0])}
    korean = table.family_name(word)
    if korean:
        keys.add(("korean", korean))
    return keys


def _resolve_bare(mentions: list[Mention], index: dict) -> None:
    """Corpus-wide fallback for one-word PERSON mentions not resolved in their piece: the
    full names with that surname, else those whose family name has the same standard form
    ("Shoygu" -> "Sergei Shoigu"), when they are one name once romanisation and patronymics
    are undone ("Vladimir Putin", "Vladimir Vladimirovich Putin"); the first in sorted order."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_form: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PERSON" and len(m.words) >= 2:
            for key in person_keys(m.words):
                by_surname[key].add(m.text)
            parts = name_parts(m.text)
            by_form[(parts.system, parts.family_form)].add(m.text)
    for m in mentions:
        if m.label != "PERSON" or len(m.words) != 1 or m.how or name_key(m.text) in index:
            continue
        texts = sorted(by_surname.get(m.words[0], ())) or sorted(set().union(*(by_form.get(k, set()) for k in _family_forms(m.words[0]))))
        if texts and len({name_parts(t).full_form for t in texts}) == 1:
            m.base, m.how = texts[0], "surname"


def _entities(records: Iterable[tuple[str, str, str, str]], aliases: AliasIndex) -> tuple[dict[str, _Entity], list[str]]:
    """Entities by ident from ``(doc_id, base, label, role key)`` records in (doc_id, start)
    order, and the ident of each record."""
    records = list(records)
    entities: dict[str, _Entity] = {}
    idents = []
    base_counts = Counter(r[1] for r in records)
    first_seen: dict[str, int] = {}
    for _, base, _, _ in records:
        first_seen.setdefault(base, len(first_seen))
    for doc_id, base, label, rk in records:
        key = name_key(base)
        alias = aliases.find(key)
        ident = f"alias:{alias.canonical}" if alias else f"key:{compact_key(key)}"
        ent = entities.get(ident)
        if ent is None:
            ent = entities[ident] = _Entity(alias.canonical if alias else base, name_key(alias.canonical) if alias else key, alias, [], Counter(), set(), 0, set())
        if base not in ent.bases:
            ent.bases.append(base)
        ent.labels[label] += 1
        ent.docs.add(doc_id)
        ent.mentions += 1
        if rk:
            ent.roles.add(rk)
        idents.append(ident)
    for ent in entities.values():
        if ent.alias is None:
            ent.name = min(ent.bases, key=lambda b: (-base_counts[b], first_seen[b]))
    return entities, idents


def canonicalise(mentions: list[Mention], aliases: AliasIndex) -> None:
    """Set entity, label, side and how on every mention (corpus-wide merging) with the
    alias table's index (:func:`newsprism.resources.aliases.alias_index`)."""
    _resolve_bare(mentions, aliases.names)
    order = sorted(mentions, key=lambda m: (m.doc_id, m.start))
    entities, idents = _entities(((m.doc_id, m.base, m.label, role_key(m.role) if m.role else "") for m in order), aliases)
    for m, ident in zip(order, idents):
        m.extra["ident"] = ident
    merged, _ = _merge_persons(entities)
    for m in mentions:
        ident = m.extra.pop("ident")
        target, score, how = merged.get(ident, (ident, None, ""))
        ent = entities[target]
        m.entity = ent.name
        m.label = _entity_label(ent)
        m.side = ent.alias.side if ent.alias else ""
        m.extra["fuzzy_score"] = score
        if score is not None:
            m.how = how
        elif ent.alias and compact_key(m.base) != compact_key(ent.key):
            m.how = "alias"
        elif m.how == "surname" or m.found_by == "surname":
            m.how = "surname"
        else:
            m.how = m.found_by


_PLACES = ("GPE", "LOC")


def _entity_label(ent: _Entity) -> str:
    """The alias table's label, else the most frequent (ties: PERSON first); a name some
    piece labels a place is never an ORG ("Martynovka", ORG by the model in two pieces)."""
    if ent.alias and ent.alias.label:
        return ent.alias.label
    label = min(ent.labels, key=lambda label: (-ent.labels[label], label != "PERSON", label))
    if label == "ORG" and any(ent.labels[p] for p in _PLACES):
        return min(_PLACES, key=lambda p: -ent.labels[p])
    return label


def person_pairs(blocks_of: dict[str, list[str]], max_block: int = MAX_BLOCK_SIZE) -> list[tuple[str, str]]:
    """Sorted pairs of idents sharing a block, from ``{ident: block keys}``; blocks with more
    than ``max_block`` members are skipped (:func:`newsprism.stages._blocking.candidate_pairs`)."""
    idents = sorted(blocks_of)
    matrix = _blocking.incidence([blocks_of[ident] for ident in idents])
    first, second, _ = _blocking.candidate_pairs(matrix, max_postings=max_block)
    return [(idents[i], idents[j]) for i, j in zip(first.tolist(), second.tolist())]


def _verdicts(persons: dict[str, _Entity]) -> dict[tuple[str, str], Verdict]:
    """The verdict on every blocked pair of full-name person entities (alias pairs left to the table)."""
    named = {i: PersonName(i, e.name, frozenset(e.roles), frozenset(e.docs), e.alias is not None) for i, e in persons.items() if len(e.key.split()) >= 2}
    verdicts = {}
    for a, b in person_pairs({i: _blocks(persons[i]) for i in named}):
        if not (named[a].alias and named[b].alias):
            verdicts[(a, b)] = compare_names(named[a], named[b])
    partners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair, v in verdicts.items():
        if v.initial:
            short = pair[0] if name_parts(persons[pair[0]].name).initial else pair[1]
            partners[short].append(pair)
    for found in partners.values():
        v = verdicts[found[0]]
        if len(found) == 1 and not v.shared_pieces:
            v.decision, v.how, v.reason = "merged", "transliteration", "initial of the only given name with that family name"
        elif len(found) == 1:
            v.reason = "initial of the only given name with that family name, but named side by side in one piece"
    return verdicts


def _merge_persons(entities: dict[str, _Entity]) -> tuple[dict[str, tuple[str, float, str]], dict[tuple[str, str], Verdict]]:
    """``{ident: (target ident, score, how)}`` for merged person entities, and every verdict."""
    persons = {i: e for i, e in entities.items() if _entity_label(e) == "PERSON"}
    verdicts = _verdicts(persons)
    conflicts = {pair for pair, v in verdicts.items() if v.conflict}
    parent = {ident: ident for ident in persons}
    members = {ident: {ident} for ident in persons}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def rank(ident: str) -> tuple:
        e = persons[ident]
        return (e.alias is None, -len(e.docs), -e.mentions, e.name)

    best: dict[str, tuple[float, str]] = {}
    order = sorted((p for p, v in verdicts.items() if v.decision == "merged"), key=lambda p: (verdicts[p].how != "transliteration", -verdicts[p].raw_score, p))
    for a, b in order:
        v = verdicts[(a, b)]
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if (persons[ra].alias and persons[rb].alias) or any((min(x, y), max(x, y)) in conflicts for x in members[ra] for y in members[rb]):
            v.decision, v.reason = "candidate", f"{v.reason}; merging would join names taken for different people"
            continue
        keep, drop = sorted((ra, rb), key=rank)
        parent[drop] = keep
        members[keep] |= members.pop(drop)
        for x in (a, b):
            if x not in best or v.raw_score > best[x][0]:
                best[x] = (v.raw_score, v.how)
    out = {}
    for ident in persons:
        root = find(ident)
        if root != ident:
            score, how = best.get(ident, (0.0, "fuzzy"))
            out[ident] = (root, score, how)
    return out, verdicts


def merge_candidates(mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``merge_candidates`` stage: one row per pair of person names the merging scored.

    Columns: name_a, name_b (the two entities' names before merging), decision (merged,
    candidate: for the user to confirm with an alias row, rejected), score (rapidfuzz ratio
    of the standard forms), raw_score (of the name keys), reason, how (transliteration or
    fuzzy, for a merge), shared_roles, surname, rules (transliteration rules that make the
    names agree), shared_pieces (pieces naming both), pieces_a, pieces_b and entity (the
    canonical entity of a merged pair). Rejected pairs are listed only when they conflict,
    share a role or score at least :data:`~newsprism.stages.entities.candidates.LISTED_MIN`.
    Sorted by decision, score (highest first), names. Rebuilt from the mention table of
    :func:`~newsprism.stages.entities.mentions.entity_mentions`.
    """
    rows = mentions.sort_values(["doc_id", "start"], kind="stable")
    records = zip(rows["doc_id"], rows["base"], rows["label"], rows["role_key"].fillna(""))
    entities, _ = _entities(records, alias_index())
    merged, verdicts = _merge_persons(entities)
    out = []
    for (a, b), v in verdicts.items():
        if not v.listed:
            continue
        ea, eb = entities[a], entities[b]
        target = merged.get(a, (a,))[0]
        out.append(
            {
                "name_a": ea.name,
                "name_b": eb.name,
                "decision": v.decision,
                "score": v.score,
                "raw_score": v.raw_score,
                "reason": v.reason,
                "how": v.how if v.decision == "merged" else "",
                "shared_roles": "; ".join(v.shared_roles),
                "surname": v.surname,
                "rules": "; ".join(v.rules),
                "shared_pieces": v.shared_pieces,
                "pieces_a": "; ".join(sorted(ea.docs)),
                "pieces_b": "; ".join(sorted(eb.docs)),
                "entity": entities[target].name if v.decision == "merged" else "",
            }
        )
    table = pd.DataFrame(out, columns=MERGE_CANDIDATE_COLUMNS)
    order = table["decision"].map(_DECISION_ORDER)
    table = table.assign(_order=order, _neg=-table["score"]).sort_values(["_order", "_neg", "name_a", "name_b"], kind="stable")
    return table.drop(columns=["_order", "_neg"]).reset_index(drop=True)

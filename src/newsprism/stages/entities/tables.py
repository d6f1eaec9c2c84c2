"""The tables of the entities stage, from its mention table: entities, variants, roles, people.

:func:`entities_table` and :func:`variants_table` are INTERFACE tables; :func:`roles_table`,
:func:`person_table` and :func:`merge_report` (which merges only the alias table makes) are
the notebooks' views, :func:`mention_matrix` an entity x piece count. Each takes the table
of :func:`newsprism.stages.entities.mentions.entity_mentions`.

Spellings (the one definition: :func:`person_table`, :func:`variants_table` and
:func:`newsprism.stages.findings.name_spellings` all use :func:`person_spellings`): a person's
*spellings* are the distinct :func:`~newsprism.resources.aliases.compact_key` values of the full-name
(two or more word) mentions of that person in the corpus, so case, hyphens, spacing, soft
hyphens and possessives never make a spelling ("Kim Jong Un" and "Kim Jong-un" are one).
``spellings_in_corpus`` counts them and a person is *spelled differently* when it is above
1 (Belozurov / Belousov, No Gwansik / No Kwang Chol). A variant is a *spelling variant*
(:func:`is_spelling_variant`) when its person is spelled differently and the variant is a
full name spelled unlike the canonical name. A form every piece agrees on but the alias
table spells otherwise ("Victor Goremykin" for Viktor) is not a spelling difference in the
corpus: ``merged_by == "alias"`` and ``person_table.spelling_differs`` show it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import pandas as pd

from newsprism.resources.aliases import alias_index, compact_key, name_key
from newsprism.resources.titles import matches_reference, reference_role

from .candidates import PersonName, compare_names, fuzzy_person_match
from .mentions import HOW_VALUES

__all__ = [
    "ENTITY_COLUMNS",
    "VARIANT_COLUMNS",
    "entities_table",
    "is_spelling_variant",
    "mention_matrix",
    "merge_report",
    "person_spellings",
    "person_table",
    "roles_table",
    "variants_table",
]

#: Columns of :func:`entities_table`.
ENTITY_COLUMNS = ["doc_id", "entity", "label", "mentions", "variants", "side", "first_start", "first_text", "n_full", "n_short", "roles", "sections"]
#: Columns of :func:`variants_table`.
VARIANT_COLUMNS = ["entity", "variant", "doc_ids", "label", "side", "merged_by", "n_docs", "n_mentions", "is_spelling_variant", "fuzzy_score"]

_HOW_RANK = {how: i for i, how in enumerate(HOW_VALUES)}


def entities_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``entities`` table: one row per (doc_id, canonical entity).

    Columns: doc_id, entity, label, mentions (full, surname-only and titled mentions;
    pronouns never), variants (surface forms in that piece in order of first use,
    ``; ``-separated), side, first_start (offset of the first mention), first_text,
    n_full (mentions by the name itself), n_short (surname-only mentions), roles (roles the
    piece attaches, ``; ``-separated) and sections. Sorted by doc_id, first_start.
    """
    return _entities_from(mentions)


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _grouped(table: pd.DataFrame, keys: list[str], columns: list[str], then: tuple[str, ...] = ()):
    """``(key, column values)`` per group of ``table`` by ``keys``, in key order, rows in
    table order inside a group (or sorted by ``then``): ``groupby(sort=True)`` without a
    DataFrame per group, whose cost grows with the corpus."""
    ordered = table.dropna(subset=keys).sort_values([*keys, *then], kind="stable")
    records = zip(*(ordered[c].tolist() for c in [*keys, *columns]))
    for key, group in itertools.groupby(records, key=lambda r: r[: len(keys)]):
        yield key, tuple(zip(*group))[len(keys) :]


def _entities_from(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    columns = ["start", "label", "text", "side", "how", "role", "section"]
    for (doc_id, entity), (starts, labels, texts, sides, hows, roles, sections) in _grouped(mentions, ["doc_id", "entity"], columns, then=("start",)):
        short = hows.count("surname")
        rows.append(
            {
                "doc_id": doc_id,
                "entity": entity,
                "label": labels[0],
                "mentions": len(starts),
                "variants": "; ".join(_unique(texts)),
                "side": sides[0],
                "first_start": int(starts[0]),
                "first_text": texts[0],
                "n_full": len(starts) - short,
                "n_short": short,
                "roles": "; ".join(_unique(roles)),
                "sections": "; ".join(sorted(set(sections))),
            }
        )
    out = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return out.sort_values(["doc_id", "first_start", "entity"], kind="stable").reset_index(drop=True)


def _variant_merged_by(group: pd.DataFrame, entity: str, variant: str) -> str:
    how = max(group["how"], key=lambda h: _HOW_RANK.get(h, -1))
    if how in ("ner", "ruler", "pattern", "title"):
        return "canonical" if variant == entity else "name_key"
    return how


def variants_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``variants`` table: one row per (canonical entity, surface form).

    Columns: entity, variant (the raw surface form), doc_ids (pieces using it,
    ``; ``-separated), label, side, merged_by (canonical: the canonical form itself;
    name_key: a case, hyphen or spacing variant; surname: a short form of a full name;
    alias: mapped by the alias table; transliteration: the same name once romanisation is
    undone; fuzzy: merged by fuzzy matching), n_docs,
    n_mentions, is_spelling_variant (the person is spelled differently in the corpus and
    this full name is spelled unlike the canonical: see :func:`is_spelling_variant`, a
    finding rather than noise) and fuzzy_score (rapidfuzz ratio of the name keys of a
    transliteration or fuzzy merge, else empty). Sorted by entity, variant.
    """
    return _variants_from(mentions)


def _is_full_name(text: str) -> bool:
    return len(name_key(text).split()) >= 2


def person_spellings(mentions: pd.DataFrame) -> dict[str, frozenset[str]]:
    """``{person: spellings}``: the distinct :func:`~newsprism.resources.aliases.compact_key` values of
    each person's full-name mentions in ``mentions`` (see the module docstring)."""
    found: dict[str, set[str]] = defaultdict(set)
    people = mentions[mentions["label"] == "PERSON"]
    for entity, text in zip(people["entity"], people["text"]):
        if _is_full_name(text):
            found[entity].add(compact_key(text))
    return {entity: frozenset(keys) for entity, keys in found.items()}


def is_spelling_variant(entity: str, variant: str, label: str, spellings: dict[str, frozenset[str]]) -> bool:
    """Whether ``variant`` is a spelling variant of ``entity``: a person with more than one
    spelling in the corpus (``spellings`` from :func:`person_spellings`) and a full name
    spelled unlike the canonical name."""
    return (
        label == "PERSON"
        and len(spellings.get(entity, ())) > 1
        and _is_full_name(variant)
        and compact_key(variant) != compact_key(entity)
    )


def _variants_from(mentions: pd.DataFrame) -> pd.DataFrame:
    spellings = person_spellings(mentions)
    rows = []
    for (entity, variant), group in mentions.groupby(["entity", "text"], sort=True):
        merged_by = _variant_merged_by(group, entity, variant)
        docs = sorted(set(group["doc_id"]))
        scores = group["fuzzy_score"].dropna()
        rows.append(
            {
                "entity": entity,
                "variant": variant,
                "doc_ids": "; ".join(docs),
                "label": group["label"].iloc[0],
                "side": group["side"].iloc[0],
                "merged_by": merged_by,
                "n_docs": len(docs),
                "n_mentions": len(group),
                "is_spelling_variant": is_spelling_variant(entity, variant, group["label"].iloc[0], spellings),
                "fuzzy_score": round(float(scores.max()), 4) if len(scores) else None,
            }
        )
    out = pd.DataFrame(rows, columns=VARIANT_COLUMNS)
    return out.sort_values(["entity", "variant"], kind="stable").reset_index(drop=True)


def roles_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (person, doc_id, role) a piece attaches to a person mention.

    Columns: entity, doc_id, role (raw words, e.g. "Russian Deputy Prime Minister"),
    role_key (office words, e.g. "deputy prime minister"), mentions, n_role_keys (distinct
    keys the corpus gives the person), differs_across_pieces (pieces give the person
    different sets of role keys: a different office), wording_differs_across_pieces
    (pieces word the roles differently, e.g. with or without the rank "General"), reference_role (``data/aliases/roles.csv``) and
    matches_reference (see :func:`newsprism.resources.titles.matches_reference`; empty if unknown).
    Sorted by entity, doc_id, role.
    """
    people = mentions[(mentions["label"] == "PERSON") & (mentions["role"] != "")]
    keyed = people[people["role_key"] != ""]
    key_sets = keyed.groupby(["entity", "doc_id"])["role_key"].agg(frozenset).groupby("entity").agg(lambda s: len(set(s)) > 1)
    form_sets = people.groupby(["entity", "doc_id"])["role"].agg(lambda s: frozenset(map(name_key, s))).groupby("entity").agg(lambda s: len(set(s)) > 1)
    n_keys = keyed.groupby("entity")["role_key"].nunique()
    rows = []
    for (entity, doc_id, role), group in people.groupby(["entity", "doc_id", "role"], sort=True):
        ref = reference_role(entity)
        rows.append(
            {
                "entity": entity,
                "doc_id": doc_id,
                "role": role,
                "role_key": group["role_key"].iloc[0],
                "mentions": len(group),
                "n_role_keys": int(n_keys.get(entity, 0)),
                "differs_across_pieces": bool(key_sets.get(entity, False)),
                "wording_differs_across_pieces": bool(form_sets.get(entity, False)),
                "reference_role": ref,
                "matches_reference": matches_reference(role, ref) if ref else None,
            }
        )
    columns = ["entity", "doc_id", "role", "role_key", "mentions", "n_role_keys", "differs_across_pieces", "wording_differs_across_pieces", "reference_role", "matches_reference"]
    return pd.DataFrame(rows, columns=columns).sort_values(["entity", "doc_id", "role"], kind="stable").reset_index(drop=True)


def person_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (person, piece): how the piece spells and titles the person, with flags.

    Columns: entity, doc_id, mentions, full_names (full-name spellings used in the piece),
    short_forms (one-word forms), roles, spelling_differs (the piece spells the full
    name differently from the canonical name), spellings_in_corpus (distinct full-name
    spellings across pieces, :func:`person_spellings`: above 1 means the person is spelled
    differently), role_differs_across_pieces, role_wording_differs (see
    :func:`roles_table`), reference_role and
    role_matches_reference (False when any role the piece gives disagrees with the
    reference; empty if no role or no reference). Sorted by entity, doc_id.
    """
    people = mentions[mentions["label"] == "PERSON"]
    roles = roles_table(mentions)
    differs = roles.groupby("entity")["differs_across_pieces"].any()
    wording = roles.groupby("entity")["wording_differs_across_pieces"].any()
    spellings = person_spellings(mentions)
    verdicts_of: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for entity, doc_id, verdict in zip(roles["entity"], roles["doc_id"], roles["matches_reference"]):
        if verdict is not None and not pd.isna(verdict):
            verdicts_of[(entity, doc_id)].append(verdict)
    rows = []
    for (entity, doc_id), (texts, piece_roles) in _grouped(people, ["entity", "doc_id"], ["text", "role"]):
        full = _unique(t for t in texts if _is_full_name(t))
        verdicts = verdicts_of.get((entity, doc_id), [])
        rows.append(
            {
                "entity": entity,
                "doc_id": doc_id,
                "mentions": len(texts),
                "full_names": "; ".join(full),
                "short_forms": "; ".join(_unique(t for t in texts if not _is_full_name(t))),
                "roles": "; ".join(_unique(piece_roles)),
                "spelling_differs": any(compact_key(f) != compact_key(entity) for f in full),
                "spellings_in_corpus": len(spellings.get(entity, ())),
                "role_differs_across_pieces": bool(differs.get(entity, False)),
                "role_wording_differs": bool(wording.get(entity, False)),
                "reference_role": reference_role(entity),
                "role_matches_reference": all(verdicts) if verdicts else None,
            }
        )
    columns = ["entity", "doc_id", "mentions", "full_names", "short_forms", "roles", "spelling_differs", "spellings_in_corpus", "role_differs_across_pieces", "role_wording_differs", "reference_role", "role_matches_reference"]
    return pd.DataFrame(rows, columns=columns)


def merge_report(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every surface form merged into a different name by the alias table, transliteration
    or fuzzy matching, with whether the tool alone would have made the merge.

    Columns: entity, variant, doc_ids, label, merged_by (alias, transliteration or fuzzy),
    alias_kind (the alias row's kind), fuzzy_score (best rapidfuzz ratio against the
    entity's other full names in the corpus and its canonical name), shared_role (the
    variant's role key is one the entity also gets elsewhere), fuzzy_alone (the tool would
    merge it without the table: :func:`~newsprism.stages.entities.candidates.compare_names`
    says ``merged``), needs_alias_table (merged by the alias table and the tool would not)
    and without_table (the best decision without the table: merged, candidate for the user
    to confirm, or rejected). People only. Sorted by entity, variant.
    """
    variants = _variants_from(mentions)
    index = alias_index().names
    merged = variants[variants["merged_by"].isin(["alias", "transliteration", "fuzzy"])]
    wanted = mentions[mentions["entity"].isin(set(merged["entity"]))]
    by_entity = dict(tuple(wanted.assign(_key=wanted["text"].map(name_key)).groupby("entity", sort=False)))
    rows = []
    for row in merged.itertuples(index=False):
        of_entity = by_entity[row.entity]
        mine = of_entity[of_entity["text"] == row.variant]
        others = of_entity[of_entity["_key"] != name_key(row.variant)]
        my_roles = frozenset(r for r in mine["role_key"] if r)
        other_roles = frozenset(r for r in others["role_key"] if r)
        candidates = sorted({t for t in others["base"] if len(name_key(t).split()) >= 2} | {row.entity})
        best, decision = 0.0, ""
        if row.label == "PERSON":
            me = PersonName("a", row.variant, my_roles, frozenset(mine["doc_id"]))
            found = []
            for other in candidates:
                docs = frozenset(others.loc[others["base"] == other, "doc_id"])
                verdict = compare_names(me, PersonName("b", other, other_roles, docs))
                ok, score = fuzzy_person_match(row.variant, other, my_roles, other_roles)
                best = max(best, score)
                found.append("merged" if ok and verdict.decision != "rejected" else verdict.decision)
            decision = min(found, key=lambda d: ("merged", "candidate", "rejected").index(d)) if found else "rejected"
        alias = index.get(name_key(row.variant))
        rows.append(
            {
                "entity": row.entity,
                "variant": row.variant,
                "doc_ids": row.doc_ids,
                "label": row.label,
                "merged_by": row.merged_by,
                "alias_kind": alias.kind if alias else "",
                "fuzzy_score": round(best, 4),
                "shared_role": bool(my_roles & other_roles),
                "fuzzy_alone": decision == "merged",
                "needs_alias_table": row.merged_by == "alias" and decision != "merged",
                "without_table": decision,
            }
        )
    columns = ["entity", "variant", "doc_ids", "label", "merged_by", "alias_kind", "fuzzy_score", "shared_role", "fuzzy_alone", "needs_alias_table", "without_table"]
    return pd.DataFrame(rows, columns=columns)


def mention_matrix(entities: pd.DataFrame, labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC"), min_pieces: int = 1) -> pd.DataFrame:
    """Entity x piece mention counts from an ``entities`` table (rows: entities with
    ``labels`` named in at least ``min_pieces`` pieces, sorted by label then total count)."""
    subset = entities[entities["label"].isin(labels)]
    wide = subset.pivot_table(index=["label", "entity"], columns="doc_id", values="mentions", aggfunc="sum", fill_value=0)
    wide = wide[(wide > 0).sum(axis=1) >= min_pieces]
    order = sorted(wide.index, key=lambda idx: (labels.index(idx[0]), -int(wide.loc[idx].sum()), idx[1]))
    wide = wide.loc[order].astype("int64")
    wide.columns.name = None
    return wide

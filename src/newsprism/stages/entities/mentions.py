"""Named entities per piece: mentions, canonical entities, spelling variants and roles.

Public API (stable; other stages import it):

- :func:`entity_mentions` -> one row per mention: doc_id, start, end, text, entity, label,
  side, section, how, role (plus found_by, ner_label, base, role_key).
- :func:`resolve_name` maps a speaker string ("Peskov", "the North Korean leader",
  "General No Gwansik") to a canonical entity, through :func:`mention_index` (built once
  per mention table).
- :func:`entities_table` and :func:`variants_table` (INTERFACE tables), :func:`roles_table`,
  :func:`person_table`, :func:`merge_report`, :func:`mention_matrix`,
  :func:`entity_highlights_html`.

How mentions are found, per piece, over the shared parse (:func:`newsprism.nlp.parse.parse_articles`):

Detection lives in :mod:`newsprism.stages.entities.detect`, merging in :mod:`newsprism.stages.entities.merge`.

1. *ruler*: the curated alias table ``data/aliases/entities.csv`` is matched over the
   Doc's tokens (token patterns indexed by their first word, case-insensitive except
   all-capital aliases, hyphen and space interchangeable). Its label wins over the model's ("Kursk" is GPE, not PRODUCT;
   "Donbass" is LOC, not PERSON). The shared pipeline is never modified.
2. *ner*: the model's entities, cleaned: split at line breaks, leading "the" and trailing
   possessives dropped ("North Korea’s" -> "North Korea"), spans made only of title words
   dropped ("Defense" as ORG), leading titles moved out of PERSON spans. In the headline
   and subheadings, where title case fools the small model, an entity is kept only if the
   piece's body (or the alias table) confirms it, trimmed to the longest confirmed prefix
   ("North Korean Deminers" -> "North Korean"; "Showcasing Victory" dropped).
3. *title*: capitalised words right after a title word ("General No Gwansik") are a person.
4. *surname*: bare surnames of a person named in full in the same piece.

Ruler spans win over overlapping model spans, except a bare surname inside a longer
PERSON span. Then, within a piece, a one-word PERSON mention resolves to the full name it
shortens (nearest earlier mention, else the first later one): ``how == "surname"``.
Across pieces, names merge by :func:`newsprism.resources.aliases.compact_key` (case, hyphens,
spacing, soft hyphens and zero-width characters), by the alias table (``how == "alias"``)
and, for people only, by fuzzy matching (``how == "fuzzy"``): rapidfuzz ratio >= 88 on the
full name (surname ratio >= 75), or >= 75 (surname >= 70) when both share a role key
("defense minister"). Candidate pairs come from an inverted index of role keys and
name-token prefixes, never all pairs; blocks larger than
:data:`newsprism.stages.entities.merge.MAX_BLOCK_SIZE` pair nobody.

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

import html
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.views import check_articles, english_only
from newsprism.errors import NewsprismError
from newsprism.resources.aliases import compact_key, name_key
from newsprism.resources.titles import matches_reference, reference_role, role_key, title_kind

from .detect import (
    DETERMINERS,
    ENTITY_LABELS,
    Mention,
    alias_rows,
    clean_span,
    detect_mentions,
    find_alias,
    name_index,
    surname_keys,
)
from .merge import canonicalise, fuzzy_person_match

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "HOW_VALUES",
    "MENTION_COLUMNS",
    "VARIANT_COLUMNS",
    "clean_span",
    "entities_table",
    "entity_highlights_html",
    "entity_mentions",
    "fuzzy_person_match",
    "is_spelling_variant",
    "mention_index",
    "mention_matrix",
    "merge_report",
    "person_spellings",
    "person_table",
    "resolve_name",
    "roles_table",
    "variants_table",
]

#: Values of ``how``, from least to most transformed; a mention gets the last that applies.
HOW_VALUES = ("ner", "ruler", "title", "surname", "alias", "fuzzy")
#: Columns of :func:`entity_mentions`.
MENTION_COLUMNS = ["doc_id", "start", "end", "text", "entity", "label", "side", "section", "how", "role", "found_by", "ner_label", "base", "role_key"]
#: Columns of :func:`entities_table`.
ENTITY_COLUMNS = ["doc_id", "entity", "label", "mentions", "variants", "side", "first_start", "first_text", "n_full", "n_short", "roles", "sections"]
#: Columns of :func:`variants_table`.
VARIANT_COLUMNS = ["entity", "variant", "doc_ids", "label", "side", "merged_by", "n_docs", "n_mentions", "is_spelling_variant", "fuzzy_score"]

_HOW_RANK = {how: i for i, how in enumerate(HOW_VALUES)}






@english_only
def entity_mentions(articles: pd.DataFrame, docs: Mapping[str, Doc]) -> pd.DataFrame:
    """One row per entity mention in the headline, subheadings and body of each article.

    Columns: ``doc_id``, ``start``/``end`` (raw offsets; ``raw[start:end] == text``),
    ``text`` (the raw span, possessive "'s" excluded), ``entity`` (canonical name across
    the corpus), ``label`` (PERSON, ORG, GPE, LOC, NORP, ...), ``side`` (from the alias
    table, else empty), ``section`` (headline, subheading, body), ``how`` (ner, ruler,
    surname, title, alias, fuzzy: how the mention got its entity, see :data:`HOW_VALUES`),
    ``role`` (title or role words attached to a person mention, e.g. "Russian Deputy
    Foreign Minister"), ``found_by`` (ner, ruler, title, surname: which detector found the
    span), ``ner_label`` (the model's label, empty if the model missed it), ``base`` (the
    full name a short mention resolved to in its piece) and ``role_key`` (see
    :func:`newsprism.resources.titles.role_key`). Sorted by doc_id, start. Pronouns and bare role
    nouns ("the North Korean leader") are not mentions; :func:`resolve_name` maps them.
    """
    rows = alias_rows()
    mentions: list[Mention] = []
    for doc_id, segments in zip(articles["doc_id"], articles["segments"]):
        mentions += detect_mentions(doc_id, docs[doc_id], segments, rows)
    canonicalise(mentions, rows)
    table = pd.DataFrame(
        [
            {
                "doc_id": m.doc_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "entity": m.entity,
                "label": m.label,
                "side": m.side,
                "section": m.section,
                "how": m.how,
                "role": m.role,
                "found_by": m.found_by,
                "ner_label": m.ner_label,
                "base": m.base,
                "role_key": role_key(m.role) if m.role else "",
                "fuzzy_score": m.extra.get("fuzzy_score"),
            }
            for m in mentions
        ],
        columns=[*MENTION_COLUMNS, "fuzzy_score"],
    )
    table = table.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    table[["start", "end"]] = table[["start", "end"]].astype("int64")
    return table


def _strip_surface(surface: str) -> str:
    words = surface.replace("\u2019", "'").split()
    while words and words[0].casefold() in DETERMINERS:
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
    return " ".join(w for w in words if not title_kind(w) and w not in DETERMINERS and w not in ("s", "of"))


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
    ``mentions`` (the table of :func:`entity_mentions`), the order is: a mention in piece
    ``doc_id`` with the same name key (or that of the name without its leading titles); a
    person in that piece whose surname it is; a person in that piece whose role it names
    (the exact role, else one person with the same role key and no conflicting country);
    then the alias table (names, then role aliases, also by role key and country); then
    the same name or a unique surname anywhere in ``mentions``. Without ``mentions`` only
    the alias table is used. The table is indexed once (:func:`mention_index`), so a call
    costs dictionary lookups, not a pass over the table.
    """
    text = _strip_surface(str(surface or ""))
    keys = _name_keys(text)
    if not keys or not keys[0]:
        return None
    words = name_key(text).split()
    bare = words[-1] if len(words) >= 1 and all(title_kind(w) for w in words[:-1]) else ""
    rows = alias_rows()
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
        found = find_alias(rows, k)
        if found:
            return found.canonical
    roles = name_index(rows, roles=True)
    if keys[0] in roles:
        return roles[keys[0]].canonical
    if rk:
        owners = {r.canonical for r in roles.values() if role_key(r.alias) == rk and _same_place(place, _place(r.alias) or name_key(r.side))}
        if len(owners) == 1:
            return owners.pop()
    return by_name(index.corpus) if index is not None else None


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


def _entities_from(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (doc_id, entity), group in mentions.groupby(["doc_id", "entity"], sort=True):
        group = group.sort_values("start", kind="stable")
        short = int((group["how"] == "surname").sum())
        rows.append(
            {
                "doc_id": doc_id,
                "entity": entity,
                "label": group["label"].iloc[0],
                "mentions": len(group),
                "variants": "; ".join(_unique(group["text"])),
                "side": group["side"].iloc[0],
                "first_start": int(group["start"].iloc[0]),
                "first_text": group["text"].iloc[0],
                "n_full": len(group) - short,
                "n_short": short,
                "roles": "; ".join(_unique(group["role"])),
                "sections": "; ".join(sorted(set(group["section"]))),
            }
        )
    out = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return out.sort_values(["doc_id", "first_start", "entity"], kind="stable").reset_index(drop=True)


def _variant_merged_by(group: pd.DataFrame, entity: str, variant: str) -> str:
    how = max(group["how"], key=lambda h: _HOW_RANK.get(h, -1))
    if how in ("ner", "ruler", "title"):
        return "canonical" if variant == entity else "name_key"
    return how


def variants_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``variants`` table: one row per (canonical entity, surface form).

    Columns: entity, variant (the raw surface form), doc_ids (pieces using it,
    ``; ``-separated), label, side, merged_by (canonical: the canonical form itself;
    name_key: a case, hyphen or spacing variant; surname: a short form of a full name;
    alias: mapped by the alias table; fuzzy: merged by fuzzy matching), n_docs,
    n_mentions, is_spelling_variant (the person is spelled differently in the corpus and
    this full name is spelled unlike the canonical: see :func:`is_spelling_variant`, a
    finding rather than noise) and fuzzy_score (rapidfuzz ratio of a fuzzy merge, else
    empty). Sorted by entity, variant.
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
    rows = []
    for (entity, doc_id), group in people.groupby(["entity", "doc_id"], sort=True):
        n_words = group["text"].map(lambda t: len(name_key(t).split()))
        full = _unique(group.loc[n_words >= 2, "text"])
        piece_roles = roles[(roles["entity"] == entity) & (roles["doc_id"] == doc_id)]
        verdicts = [v for v in piece_roles["matches_reference"] if v is not None and not pd.isna(v)]
        rows.append(
            {
                "entity": entity,
                "doc_id": doc_id,
                "mentions": len(group),
                "full_names": "; ".join(full),
                "short_forms": "; ".join(_unique(group.loc[n_words < 2, "text"])),
                "roles": "; ".join(_unique(group["role"])),
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
    """Every surface form merged into a different name by the alias table or fuzzy matching,
    with whether fuzzy matching alone would have made the merge.

    Columns: entity, variant, doc_ids, label, merged_by (alias or fuzzy), alias_kind (the
    alias row's kind), fuzzy_score (best rapidfuzz ratio against the entity's other full
    names in the corpus and its canonical name), shared_role (the variant's role key is one
    the entity also gets elsewhere), fuzzy_alone (fuzzy matching would merge it) and
    needs_alias_table (merged by the alias table and fuzzy matching would not). Fuzzy
    matching applies to people only. Sorted by entity, variant.
    """
    variants = _variants_from(mentions)
    index = name_index(alias_rows())
    rows = []
    for row in variants[variants["merged_by"].isin(["alias", "fuzzy"])].itertuples(index=False):
        mine = mentions[(mentions["entity"] == row.entity) & (mentions["text"] == row.variant)]
        others = mentions[(mentions["entity"] == row.entity) & (mentions["text"].map(name_key) != name_key(row.variant))]
        my_roles = frozenset(r for r in mine["role_key"] if r)
        other_roles = frozenset(r for r in others["role_key"] if r)
        candidates = sorted({t for t in others["base"] if len(name_key(t).split()) >= 2} | {row.entity})
        best, alone = 0.0, False
        if row.label == "PERSON":
            for other in candidates:
                ok, score = fuzzy_person_match(row.variant, other, my_roles, other_roles)
                best, alone = max(best, score), alone or ok
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
                "fuzzy_alone": alone,
                "needs_alias_table": row.merged_by == "alias" and not alone,
            }
        )
    columns = ["entity", "variant", "doc_ids", "label", "merged_by", "alias_kind", "fuzzy_score", "shared_role", "fuzzy_alone", "needs_alias_table"]
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


#: Colours of the displaCy highlights, one per label (deterministic).
HIGHLIGHT_COLOURS = {"PERSON": "#f4c56f", "ORG": "#9dc3e6", "GPE": "#a9d18e", "LOC": "#c5e0b4", "NORP": "#d9b8e6", "FAC": "#f2b8a2", "EVENT": "#ffe699", "PRODUCT": "#d0cece"}


def entity_highlights_html(articles: pd.DataFrame, mentions: pd.DataFrame, doc_id: str) -> str:
    """displaCy ``ent`` HTML of one piece's parsed text with every mention highlighted.

    Each highlight shows the label; a mention whose canonical entity differs from its
    text carries "label → entity" so merges are visible. Deterministic bytes.
    """
    from spacy import displacy

    check_articles(articles, "entities")
    match = articles[articles["doc_id"] == doc_id]
    if match.empty:
        raise NewsprismError(f"entities: no article with doc_id '{doc_id}'")
    raw = match["raw"].iloc[0]
    mentions = mentions[mentions["doc_id"] == doc_id]
    segments = [s for s in match["segments"].iloc[0] if s.section in {"headline", "subheading", "body"}]
    lo, hi = segments[0].start, segments[-1].end
    ents = [
        {"start": int(r.start) - lo, "end": int(r.end) - lo, "label": r.label if r.entity == r.text else f"{r.label} → {r.entity}"}
        for r in mentions.itertuples(index=False)
        if lo <= r.start and r.end <= hi
    ]
    colours = {**HIGHLIGHT_COLOURS, **{e["label"]: HIGHLIGHT_COLOURS.get(e["label"].split(" ")[0], "#dddddd") for e in ents}}
    doc = {"text": raw[lo:hi], "ents": ents, "title": html.escape(doc_id)}
    return displacy.render(doc, style="ent", manual=True, jupyter=False, options={"colors": colours})

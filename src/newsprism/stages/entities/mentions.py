"""Named entities per piece: mentions, canonical entities, spelling variants and roles.

The stage, by module (all re-exported by :mod:`newsprism.stages.entities`):

- here, :func:`entity_mentions` -> one row per mention: doc_id, start, end, text, entity,
  label, side, section, how, role (plus found_by, ner_label, base, role_key);
- :mod:`~newsprism.stages.entities.resolve`: :func:`~newsprism.stages.entities.resolve.resolve_name`
  maps a speaker string ("Peskov", "the North Korean leader", "General No Gwansik") to a
  canonical entity, through :func:`~newsprism.stages.entities.resolve.mention_index`
  (built once per mention table);
- :mod:`~newsprism.stages.entities.tables`: ``entities_table`` and ``variants_table``
  (INTERFACE tables), ``roles_table``, ``person_table``, ``merge_report``,
  ``mention_matrix`` and the one definition of spellings;
- :mod:`~newsprism.stages.entities.detect` finds the mentions of one piece,
  :mod:`~newsprism.stages.entities.merge` merges them across pieces;
  :func:`newsprism.viz.entities.entity_html` draws them.

How mentions are found, per piece, over the shared parse (:func:`newsprism.nlp.parse.parse_articles`):

1. *ruler*: the curated alias table ``data/aliases/entities.csv`` is matched over the
   Doc's tokens (:class:`newsprism.nlp.matchers.AliasRuler`, spaCy's PhraseMatcher:
   case-insensitive except all-capital aliases, a hyphen between two words optional).
   Its label wins over the model's ("Kursk" is GPE, not PRODUCT; "Donbass" is LOC, not
   PERSON). The shared pipeline is never modified.
2. *ner*: the model's entities, cleaned: split at line breaks, leading "the" and trailing
   possessives dropped ("North Korea’s" -> "North Korea"), spans made only of title words
   dropped ("Defense" as ORG), leading titles moved out of PERSON spans. In the headline
   and subheadings, where title case fools the small model, an entity is kept only if the
   piece's body (or the alias table) confirms it, trimmed to the longest confirmed prefix
   ("North Korean Deminers" -> "North Korean"; "Showcasing Victory" dropped).
3. *pattern*: runs shaped like a person's name the model missed or called ORG (Korean
   family name + romanised syllables, Russian/Ukrainian given name + surname, a
   patronymic, and, in a second pass, a surname another piece gives a person:
   :mod:`~newsprism.stages.entities._shapes`), model names ("Uran-6", "Kh-101": PRODUCT)
   and names before or ending in a head word ("Sudzhanskiy district", "Gagarin Street":
   :mod:`~newsprism.stages.entities._heads`, ``data/lexicons/entity_heads.csv``).
4. *title*: capitalised words right after a title word ("General No Gwansik") are a
   person, unless the title follows an article ("the General Staff") or the run ends in a
   head word ("Staff").
5. *surname*: bare surnames of a person named in full in the same piece (a Korean name by
   its family name: "No" for "No Kwang Chol", but not the word "No").

Ruler spans win over overlapping model spans, except a bare surname inside a longer
PERSON span. Head words then relabel what the model said ("the Sudzhansky and Korenevsky
districts" are GPE, "the destroyer Choe Hyon" PRODUCT, "Kim Il Sung Square" FAC; a
one-word ORG after "near" or "in" and a dateline's capitals are places), never the alias
table's spans. Within a piece, a one-word PERSON mention resolves to the person an
earlier bare mention of that surname named, else the full name it shortens (nearest
earlier mention, else the first later one): ``how == "surname"``.
Across pieces, names merge by :func:`newsprism.resources.aliases.compact_key` (case, hyphens,
spacing, soft hyphens and zero-width characters), by the alias table (``how == "alias"``)
and, for people only, by the verdicts of :mod:`newsprism.stages.entities.candidates`:
the same name once romanisation is undone (``how == "transliteration"``: "Sergey Shoygu" =
"Sergei Shoigu", patronymics dropped, an initial matching the only such given name) or
fuzzy matching (``how == "fuzzy"``): rapidfuzz ratio >= 88 on the full name (surname
ratio >= 75), or >= 75 (surname >= 70) when both share a role key ("defense minister"),
given names agreeing and no piece naming both. Pairs it is unsure of are candidates, listed
by the ``merge_candidates`` stage and never merged. Candidate pairs come from an inverted
index of role keys, family-name forms and name-token prefixes, never all pairs; blocks
larger than :data:`newsprism.stages.entities.merge.MAX_BLOCK_SIZE` pair nobody. A name some
piece labels a place is never an ORG entity.

Spellings (when a person is *spelled differently*) are defined once, in
:mod:`newsprism.stages.entities.tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from newsprism._partitions import map_articles
from newsprism.corpus.views import english_only
from newsprism.nlp.matchers import alias_ruler
from newsprism.resources.aliases import alias_index
from newsprism.resources.titles import role_key

from .detect import Mention, detect_mentions, known_surnames, needs_known
from .merge import canonicalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["HOW_VALUES", "MENTION_COLUMNS", "entity_mentions", "piece_mentions"]

#: Values of ``how``, from least to most transformed; a mention gets the last that applies.
HOW_VALUES = ("ner", "ruler", "pattern", "title", "surname", "alias", "transliteration", "fuzzy")
#: Columns of :func:`entity_mentions`.
MENTION_COLUMNS = ["doc_id", "start", "end", "text", "entity", "label", "side", "section", "how", "role", "found_by", "ner_label", "base", "role_key"]


_STEP = "stages.entities.mentions:piece_mentions"


def piece_mentions(articles: pd.DataFrame, docs: Mapping[str, Doc], known: frozenset[str] = frozenset()) -> dict[str, list[Mention]]:
    """The mentions of each piece, found one piece at a time (before merging across pieces):
    every piece without ``known`` surnames; with them (the second pass), only the pieces
    they change (:func:`~newsprism.stages.entities.detect.needs_known`)."""
    aliases, ruler = alias_index(), alias_ruler()
    found = {}
    for doc_id, segments in zip(articles["doc_id"], articles["segments"]):
        doc = docs[doc_id]
        if not known or needs_known(doc, segments, known):
            found[doc_id] = detect_mentions(doc_id, doc, segments, aliases, ruler, known)
    return found


@english_only
def entity_mentions(articles: pd.DataFrame, docs: Mapping[str, Doc]) -> pd.DataFrame:
    """One row per entity mention in the headline, subheadings and body of each article.

    Columns: ``doc_id``, ``start``/``end`` (raw offsets; ``raw[start:end] == text``),
    ``text`` (the raw span, possessive "'s" excluded), ``entity`` (canonical name across
    the corpus), ``label`` (PERSON, ORG, GPE, LOC, NORP, ...), ``side`` (from the alias
    table, else empty), ``section`` (headline, subheading, body), ``how`` (ner, ruler,
    pattern, title, surname, alias, transliteration, fuzzy: how the mention got its entity,
    see :data:`HOW_VALUES`),
    ``role`` (title or role words attached to a person mention, e.g. "Russian Deputy
    Foreign Minister"), ``found_by`` (ner, ruler, pattern, title, surname: which detector found the
    span), ``ner_label`` (the model's label, empty if the model missed it), ``base`` (the
    full name a short mention resolved to in its piece) and ``role_key`` (see
    :func:`newsprism.resources.titles.role_key`). Sorted by doc_id, start. Pronouns and bare role
    nouns ("the North Korean leader") are not mentions;
    :func:`newsprism.stages.entities.resolve.resolve_name` maps them.
    """
    aliases = alias_index()
    found: dict[str, list[Mention]] = {}
    for part in map_articles(_STEP, articles, docs):
        found.update(part)
    known = known_surnames([m for ms in found.values() for m in ms])
    if known:
        for part in map_articles(_STEP, articles, docs, known):
            found.update(part)
    mentions: list[Mention] = [m for doc_id in articles["doc_id"] for m in found[doc_id]]
    canonicalise(mentions, aliases)
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

"""Named entities: mentions per piece, canonical entities across pieces, variants and roles.

:func:`entity_mentions` is the stage (:mod:`.mentions`); :func:`resolve_name` the one
resolver of speaker names (:mod:`.resolve`); the tables derived from the mentions are in
:mod:`.tables`. Detection of one piece is :mod:`.detect`, merging across pieces :mod:`.merge`
with the pair verdicts of :mod:`.candidates` (the ``merge_candidates`` stage:
:func:`merge_candidates`) over the romanisation-aware name forms of :mod:`.transliteration`.
"""

from __future__ import annotations

from .candidates import PersonName, Verdict, compare_names, fuzzy_person_match
from .detect import ENTITY_LABELS, Mention, clean_span, detect_mentions, known_surnames, person_keys, surname_keys
from .mentions import HOW_VALUES, MENTION_COLUMNS, entity_mentions
from .merge import MAX_BLOCK_SIZE, MERGE_CANDIDATE_COLUMNS, canonicalise, merge_candidates, person_pairs
from .resolve import MentionIndex, mention_index, resolve_name
from .tables import (
    ENTITY_COLUMNS,
    VARIANT_COLUMNS,
    entities_table,
    is_spelling_variant,
    mention_matrix,
    merge_report,
    person_spellings,
    person_table,
    roles_table,
    variants_table,
)
from .transliteration import NameParts, is_korean_name, korean_syllables, name_parts, transliteration

__all__ = [
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "HOW_VALUES",
    "MAX_BLOCK_SIZE",
    "MENTION_COLUMNS",
    "MERGE_CANDIDATE_COLUMNS",
    "VARIANT_COLUMNS",
    "Mention",
    "MentionIndex",
    "NameParts",
    "PersonName",
    "Verdict",
    "canonicalise",
    "clean_span",
    "compare_names",
    "detect_mentions",
    "entities_table",
    "entity_mentions",
    "fuzzy_person_match",
    "is_korean_name",
    "is_spelling_variant",
    "known_surnames",
    "korean_syllables",
    "mention_index",
    "mention_matrix",
    "merge_candidates",
    "merge_report",
    "name_parts",
    "person_keys",
    "person_pairs",
    "person_spellings",
    "person_table",
    "resolve_name",
    "roles_table",
    "surname_keys",
    "transliteration",
    "variants_table",
]

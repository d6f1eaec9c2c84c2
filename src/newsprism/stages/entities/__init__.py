"""Named entities: mentions per piece, canonical entities across pieces, variants and roles.

:func:`entity_mentions` is the stage (:mod:`.mentions`); :func:`resolve_name` the one
resolver of speaker names (:mod:`.resolve`); the tables derived from the mentions are in
:mod:`.tables`. Detection of one piece is :mod:`.detect`, merging across pieces :mod:`.merge`.
"""

from __future__ import annotations

from .detect import ENTITY_LABELS, Mention, clean_span, detect_mentions, surname_keys
from .mentions import HOW_VALUES, MENTION_COLUMNS, entity_mentions
from .merge import MAX_BLOCK_SIZE, canonicalise, fuzzy_person_match, person_pairs
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

__all__ = [
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "HOW_VALUES",
    "MAX_BLOCK_SIZE",
    "MENTION_COLUMNS",
    "VARIANT_COLUMNS",
    "Mention",
    "MentionIndex",
    "canonicalise",
    "clean_span",
    "detect_mentions",
    "entities_table",
    "entity_mentions",
    "fuzzy_person_match",
    "is_spelling_variant",
    "mention_index",
    "mention_matrix",
    "merge_report",
    "person_pairs",
    "person_spellings",
    "person_table",
    "resolve_name",
    "roles_table",
    "surname_keys",
    "variants_table",
]

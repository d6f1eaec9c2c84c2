"""Titles and roles attached to people: the title lexicon, role keys and reference roles.

``data/lexicons/titles.csv`` lists title words (term, kind, norm): ``office`` words name an
office (president, minister, spokesman), ``qualifier`` words narrow it (foreign, defense,
press), ``grade`` words change which office it is (deputy, vice, first), ``rank`` words
are military ranks (general) and ``honorific`` words are courtesy titles (Mr). A role's
*key* keeps its office, qualifier and grade words in their ``norm`` form, so "Russian
Deputy Foreign Minister" and "Deputy Foreign Minister" share the key
``deputy foreign minister``. ``data/aliases/roles.csv`` gives each person's role per a
reference source (canonical, role, as_of, note), so a piece that gives a wrong office can
be flagged.
"""

from __future__ import annotations

from newsprism.errors import NewsprismError

from .aliases import name_key
from .files import resource

__all__ = [
    "REFERENCE_ROLES",
    "ROLE_KINDS",
    "TITLES_LEXICON",
    "matches_reference",
    "reference_role",
    "role_key",
    "title_kind",
]

TITLES_LEXICON = "lexicons/titles.csv"
REFERENCE_ROLES = "aliases/roles.csv"
#: Kinds of title word; those in ``_KEY_KINDS`` make up a role's key.
ROLE_KINDS = ("office", "qualifier", "grade", "rank", "honorific")
_KEY_KINDS = frozenset({"office", "qualifier", "grade"})


def _lexicon() -> dict[str, tuple[str, str]]:
    return resource(TITLES_LEXICON, _title_entries)


def _title_entries(table) -> dict[str, tuple[str, str]]:
    missing = {"term", "kind", "norm"} - set(table.columns)
    if missing:
        raise NewsprismError(f"{TITLES_LEXICON}: lacks column(s) {', '.join(sorted(missing))}")
    out: dict[str, tuple[str, str]] = {}
    for row in table.itertuples(index=False):
        kind = row.kind.strip()
        if kind not in ROLE_KINDS:
            raise NewsprismError(f"{TITLES_LEXICON}: unknown kind '{kind}' for '{row.term}' (use {', '.join(ROLE_KINDS)})")
        out.setdefault(row.term.strip().casefold().rstrip("."), (kind, (row.norm or row.term).strip().casefold()))
    return out


def title_kind(word: str) -> str | None:
    """The kind of a title word ("Minister" -> "office", "General" -> "rank"), else ``None``."""
    return _lexicon().get(word.casefold().rstrip("."), (None, ""))[0]


def role_key(role: str) -> str:
    """The comparable core of a role: office, qualifier and grade words in norm form.

    ``role_key("Russian Deputy Defense Minister General") == "deputy defense minister"``;
    nationality, ranks and honorifics drop out. Empty when the role has no office word.
    """
    words = name_key(role).replace("’", "'").split()
    kept = []
    for word in words:
        word = word.removesuffix("'s")
        kind, norm = _lexicon().get(word, (None, ""))
        if kind in _KEY_KINDS:
            kept.append(norm)
    if not any(_lexicon().get(w, (None,))[0] == "office" for w in words):
        return ""
    return " ".join(kept)


def _reference_roles() -> dict[str, str]:
    return resource(REFERENCE_ROLES, _role_entries)


def _role_entries(table) -> dict[str, str]:
    return {row.canonical: row.role for row in table.itertuples(index=False)}


def reference_role(entity: str) -> str:
    """The role ``data/aliases/roles.csv`` gives for a canonical person, else ``""``."""
    return _reference_roles().get(entity, "")


def matches_reference(role: str, reference: str) -> bool | None:
    """Whether a role a piece gives agrees with the reference role (``None`` if either has no key).

    Agreement means the piece's key words all appear in the reference's key and both name
    the same grade (deputy, vice, first...): "leader" agrees with "Supreme Leader", but
    "Deputy Prime Minister" does not agree with "Deputy Chairman of the Security Council"
    and "Defense Minister" does not agree with "Deputy Defense Minister".
    """
    mine, ref = role_key(role).split(), role_key(reference).split()
    if not mine or not ref:
        return None
    grades = {norm for kind, norm in _lexicon().values() if kind == "grade"}
    return set(mine) <= set(ref) and {w for w in mine if w in grades} == {w for w in ref if w in grades}

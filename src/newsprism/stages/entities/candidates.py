"""Whether two person names across pieces are one person: a decision with its evidence.

Used by :mod:`newsprism.stages.entities.merge` (which merges the ``merged`` pairs) and by
the ``merge_candidates`` stage (which lists every pair scored). Each pair of person
entities that share a role key, a family name form or a name-token prefix (blocking, see
:func:`newsprism.stages.entities.merge.person_pairs`) gets a :class:`Verdict`:

- ``merged``: the same family name and given names once romanisation is undone
  (:func:`newsprism.stages.entities.transliteration.name_parts`: "Sergey Shoygu" = "Sergei
  Shoigu", "No Gwang-cheol" = "No Kwang Chol", patronymics dropped, "Volodymyr" =
  "Vladimir"); or an initial matching the only such given name ("N. Ivanov"); or a fuzzy
  match (:func:`fuzzy_person_match`: rapidfuzz ratio >= 88 with surname >= 75, or >= 75
  and >= 70 with a shared role key) between names whose given names agree and that no
  piece names side by side;
- ``candidate``: listed for the user to confirm (add an alias row), never merged: the same
  family name and role with different given names ("No Gwansik" / "No Kwang Chol"), a
  fuzzy match with disagreeing given names or named side by side in one piece, or a shared
  role and a score of at least :data:`CANDIDATE_MIN`;
- ``rejected``: different given names with one family name ("Kim Jong Un" / "Kim Jong
  Il", a *conflict*: such names are never put in one cluster), or nothing in common.

The evidence: ``score`` (rapidfuzz ratio of the standard forms), ``raw_score`` (of the name
keys, the fuzzy score of earlier versions), ``shared_roles``, ``surname`` (the two family
names and whether their forms agree), ``rules`` (the transliteration rules and table rows
that make the names agree, applied to one name and not the other) and ``shared_pieces``
(pieces naming both).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from newsprism.resources.aliases import name_key

from .transliteration import NameParts, name_parts

__all__ = [
    "CANDIDATE_MIN",
    "FUZZY_NAME_MIN",
    "FUZZY_ROLE_NAME_MIN",
    "FUZZY_ROLE_SURNAME_MIN",
    "FUZZY_SURNAME_MIN",
    "LISTED_MIN",
    "PersonName",
    "Verdict",
    "compare_names",
    "fuzzy_person_match",
]

FUZZY_NAME_MIN = 88.0
FUZZY_SURNAME_MIN = 75.0
FUZZY_ROLE_NAME_MIN = 75.0
FUZZY_ROLE_SURNAME_MIN = 70.0
#: A pair sharing a role key with at least this score is a candidate.
CANDIDATE_MIN = 50.0
#: Rejected pairs with nothing in common are listed only from this score up.
LISTED_MIN = 60.0
#: Given names this similar (standard forms) agree for a fuzzy merge ("Andrei" / "Andrej").
_GIVEN_MIN = 80.0


def fuzzy_person_match(name_a: str, name_b: str, roles_a: frozenset[str] = frozenset(), roles_b: frozenset[str] = frozenset()) -> tuple[bool, float]:
    """Whether two person names are spelling variants of one person by string similarity, and the name score.

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


@dataclass(frozen=True)
class PersonName:
    """A person entity before merging: its name, roles (role keys), pieces and whether the alias table names it."""

    ident: str
    name: str
    roles: frozenset[str] = frozenset()
    docs: frozenset[str] = frozenset()
    alias: bool = False


@dataclass
class Verdict:
    """The decision on one pair and the evidence behind it (see the module docstring)."""

    decision: str
    reason: str
    score: float
    raw_score: float
    how: str = ""  # transliteration or fuzzy, for a merge
    conflict: bool = False
    shared_roles: tuple[str, ...] = ()
    surname: str = ""
    rules: tuple[str, ...] = ()
    shared_pieces: int = 0
    initial: bool = False

    @property
    def listed(self) -> bool:
        """Whether the pair belongs in the ``merge_candidates`` table."""
        return self.decision != "rejected" or self.conflict or bool(self.shared_roles) or self.score >= LISTED_MIN


def _differing_rules(pa: NameParts, pb: NameParts, words_a: tuple[str, ...], words_b: tuple[str, ...]) -> set[str]:
    """The rules that make differently spelled words agree: those applied to one side only,
    else (both sides changed by one rule: "Medinskii", "Medinskiy") all of them."""
    if words_a == words_b:
        return set()
    ra = {r for w in words_a for r in pa.rules.get(w, ())}
    rb = {r for w in words_b for r in pb.rules.get(w, ())}
    return (ra ^ rb) or (ra | rb)


def compare_names(a: PersonName, b: PersonName) -> Verdict:
    """The :class:`Verdict` on two person names (``initial`` merges are settled by the caller,
    which knows whether the given name is the only one with that initial)."""
    pa, pb = name_parts(a.name), name_parts(b.name)
    raw = round(fuzz.ratio(name_key(a.name), name_key(b.name)), 4)
    if pa is None or pb is None:
        return Verdict("rejected", "empty name", 0.0, raw)
    score = round(fuzz.ratio(pa.full_form, pb.full_form), 4)
    shared_roles = tuple(sorted(a.roles & b.roles))
    shared_pieces = len(a.docs & b.docs)
    same_family = pa.system == pb.system and pa.family_form == pb.family_form
    surname = f"{pa.family} {'=' if same_family else '/'} {pb.family}" if pa.family != pb.family else pa.family
    rules = _differing_rules(pa, pb, (pa.family,), (pb.family,)) if pa.family_form == pb.family_form else set()
    if pa.given_form == pb.given_form:
        rules |= _differing_rules(pa, pb, pa.given, pb.given)
        if pa.patronymic or pb.patronymic:
            rules.add("patronymic dropped")
    evidence = {"shared_roles": shared_roles, "surname": surname, "shared_pieces": shared_pieces}

    def verdict(decision: str, reason: str, **kw) -> Verdict:
        return Verdict(decision, reason, score, raw, rules=tuple(sorted(rules)), **evidence, **kw)

    if same_family and pa.given and pb.given:
        if pa.initial or pb.initial:
            short, full = (pa, pb) if pa.initial else (pb, pa)
            if full.initial or not full.given[0].startswith(short.given[0]):
                return verdict("rejected", "initials differ", conflict=True)
            rules.add("initial")
            return verdict("candidate", "initial of the given name", initial=True)
        if pa.given_form == pb.given_form:
            reason = "same name once romanisation is undone" if rules else "same name"
            return verdict("merged", reason, how="transliteration")
        if shared_roles and not shared_pieces:
            return verdict("candidate", "same family name and role, given names differ")
        return verdict("rejected", "same family name, different given names", conflict=True)
    fuzzy, _ = fuzzy_person_match(a.name, b.name, a.roles, b.roles)
    fuzzy = fuzzy or fuzzy_person_match(pa.full_form, pb.full_form, a.roles, b.roles)[0]
    given_agree = pa.system == pb.system and (pa.given_form == pb.given_form or (pa.system == "slavic" and fuzz.ratio(pa.given_form, pb.given_form) >= _GIVEN_MIN))
    if fuzzy and given_agree and not shared_pieces:
        return verdict("merged", "similar spelling", how="fuzzy")
    if fuzzy:
        why = "named side by side in one piece" if shared_pieces else "given names differ"
        return verdict("candidate", f"similar spelling, but {why}")
    if shared_roles and max(score, raw) >= CANDIDATE_MIN and not shared_pieces:
        return verdict("candidate", "same role, names differ")
    return verdict("rejected", "names differ")

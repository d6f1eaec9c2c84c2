"""Romanisation-aware name forms: when two spellings are the same name in another transliteration.

``data/lexicons/transliteration.csv`` holds, per ``system`` (``slavic``: Russian and
Ukrainian; ``korean``), three kinds of row:

- ``name``: a word and its standard form, whole-word equivalents a rule cannot derive
  (given names ``Volodymyr`` = ``Vladimir``, ``Aleksandr`` = ``Alexander``; Korean family
  names ``Park`` = ``Pak``, ``Choi`` = ``Choe``, ``Lee`` = ``Ri``). The slavic rows are also
  the given names that mark a span as a person's name, the korean rows the family names;
- ``rule``: a regular expression and its replacement, applied in file order to every word
  of a name of that system (``-skiy`` -> ``-sky``, ``ey`` -> ``ei``, ``eo`` -> ``o``, initial
  ``g`` -> ``k``);
- ``patronymic``: the pattern of a Russian middle name (``Viktorovich``), dropped when
  names are compared.

:func:`name_parts` splits a name into family name, given names and patronymic and gives
the standard form of each with the rules that changed it, which
:mod:`newsprism.stages.entities.candidates` compares and reports as evidence. A name is
Korean when its first word is a Korean family name and every other word is made of one or
two romanised Korean syllables (:func:`korean_syllables`). Users extend the table for
their own corpus; code never hard-codes these spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.errors import NewsprismError
from newsprism.resources.aliases import name_key
from newsprism.resources.files import resource

__all__ = ["SYSTEMS", "TRANSLIT_FILE", "NameParts", "Transliteration", "is_korean_name", "korean_syllables", "name_parts", "transliteration"]

TRANSLIT_FILE = "lexicons/transliteration.csv"
SYSTEMS = ("slavic", "korean")
_KINDS = ("name", "rule", "patronymic")
_SYLLABLE = re.compile(
    r"^(?:kk|tt|pp|ss|jj|ch|th|ph|kh|sh|[gkndtrlmbpsjhywc])?"
    r"(?:yae|yeo|wae|ae|ya|yo|yu|ye|wa|wo|we|wi|ui|oe|eo|eu|oo|ee|ai|a|e|i|o|u)"
    r"(?:ng|ck|[kntlmprgs])?$"
)


def korean_syllables(word: str) -> int:
    """How many romanised Korean syllables ``word`` is made of (1 or 2), else 0.

    ``korean_syllables("kwang") == 1``, ``korean_syllables("gwansik") == 2``,
    ``korean_syllables("shoigu") == 0`` (lower-case words, as in a name key)."""
    if _SYLLABLE.match(word):
        return 1
    for cut in range(1, len(word)):
        if _SYLLABLE.match(word[:cut]) and _SYLLABLE.match(word[cut:]):
            return 2
    return 0


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    replacement: str
    rule: str


class Transliteration:
    """The rows of the transliteration table, by system. Get it with :func:`transliteration`."""

    def __init__(self, names: dict[str, dict[str, tuple[str, str]]], rules: dict[str, list[_Rule]], patronymics: list[re.Pattern]) -> None:
        self.names = names
        self.rules = rules
        self.patronymics = patronymics

    @classmethod
    def from_table(cls, table) -> Transliteration:
        missing = {"kind", "system", "form", "standard"} - set(table.columns)
        if missing:
            raise NewsprismError(f"{TRANSLIT_FILE}: lacks column(s) {', '.join(sorted(missing))}")
        names: dict[str, dict[str, tuple[str, str]]] = {s: {} for s in SYSTEMS}
        rules: dict[str, list[_Rule]] = {s: [] for s in SYSTEMS}
        patronymics = []
        for row in table.itertuples(index=False):
            kind, system, form = row.kind.strip(), row.system.strip(), row.form.strip()
            rule = str(getattr(row, "rule", "") or "").strip()
            if kind not in _KINDS or system not in SYSTEMS:
                raise NewsprismError(f"{TRANSLIT_FILE}: row '{form}': kind must be one of {', '.join(_KINDS)} and system one of {', '.join(SYSTEMS)}")
            try:
                if kind == "name":
                    names[system].setdefault(name_key(form), (name_key(row.standard or form), rule))
                elif kind == "rule":
                    rules[system].append(_Rule(re.compile(form), row.standard.strip(), rule or form))
                else:
                    patronymics.append(re.compile(form))
            except re.error as exc:
                raise NewsprismError(f"{TRANSLIT_FILE}: bad pattern '{form}' ({exc})") from None
        return cls(names, rules, patronymics)

    def is_patronymic(self, word: str) -> bool:
        """Whether a (name key) word is a Russian patronymic ("viktorovich", "ivanovna")."""
        return any(p.fullmatch(word) for p in self.patronymics)

    def family_name(self, word: str) -> str | None:
        """The standard form of a Korean family name ("park" -> "pak"), else ``None``."""
        found = self.names["korean"].get(word)
        return found[0] if found else None

    def given_name(self, word: str) -> str | None:
        """The standard form of a Russian or Ukrainian given name ("volodymyr" -> "vladimir"), else ``None``."""
        found = self.names["slavic"].get(word)
        return found[0] if found else None

    def form(self, word: str, system: str, *, table: bool = True) -> tuple[str, tuple[str, ...]]:
        """The standard form of one word and the rules that changed it (name row first)."""
        applied = []
        if table and word in self.names[system]:
            standard, rule = self.names[system][word]
            if standard != word:
                applied.append(rule or f"{word}/{standard}")
            word = standard
        for r in self.rules[system]:
            new = r.pattern.sub(r.replacement, word)
            if new != word:
                applied.append(r.rule)
                word = new
        return word, tuple(applied)


def transliteration() -> Transliteration:
    """The :class:`Transliteration` of ``data/lexicons/transliteration.csv`` (rebuilt when its bytes change)."""
    return resource(TRANSLIT_FILE, Transliteration.from_table)


@dataclass(frozen=True)
class NameParts:
    """A person's name split for comparison, each part with its standard form.

    ``family`` and ``given`` are name-key words; ``family_form`` and ``given_form`` their
    standard forms (a Korean given name's syllables joined: "kwangchol"); ``rules`` the
    table rows and rules that changed a word, by word; ``initial``: the given name is a
    single letter ("N. Ivanov")."""

    system: str
    family: str
    family_form: str
    given: tuple[str, ...]
    given_form: str
    patronymic: tuple[str, ...] = ()
    initial: bool = False
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def full_form(self) -> str:
        return f"{self.given_form} {self.family_form}".strip() if self.system == "slavic" else f"{self.family_form} {self.given_form}".strip()


def is_korean_name(words: list[str]) -> bool:
    """Whether name-key ``words`` are a Korean name: a Korean family name, then one to three
    romanised syllables in one or more words ("no kwang chol", "park jin")."""
    if len(words) < 2 or transliteration().family_name(words[0]) is None:
        return False
    counts = [korean_syllables(w) for w in words[1:]]
    return all(counts) and sum(counts) <= 3


def name_parts(name: str) -> NameParts | None:
    """The parts of a person's name (``None`` for an empty name).

    ``name_parts("Sergey Kuzhugetovich Shoygu")``: slavic, family ``shoygu`` (form
    ``shoigu``, rule "y/i after a vowel"), given ``sergey`` (form ``sergei``), patronymic
    ``kuzhugetovich``. ``name_parts("No Gwang-cheol")``: korean, family ``no``, given
    ``gwang cheol`` (form ``kwangchol``). A one-word name is its family name."""
    words = name_key(name).split()
    if not words:
        return None
    table = transliteration()
    if is_korean_name(words):
        rules: dict[str, tuple[str, ...]] = {}
        family_form, rules[words[0]] = table.form(words[0], "korean")
        forms = []
        for w in words[1:]:
            f, rules[w] = table.form(w, "korean", table=False)
            forms.append(f)
        return NameParts("korean", words[0], family_form, tuple(words[1:]), "".join(forms), (), False, {w: r for w, r in rules.items() if r})
    patronymic = tuple(w for w in words[1:-1] if table.is_patronymic(w))
    given = tuple(w for w in words[:-1] if w not in patronymic)
    rules = {}
    family_form, rules[words[-1]] = table.form(words[-1], "slavic", table=False)
    forms = []
    for w in given:
        f, rules[w] = table.form(w, "slavic")
        forms.append(f)
    initial = len(given) == 1 and len(given[0]) == 1
    return NameParts("slavic", words[-1], family_form, given, " ".join(forms), patronymic, initial, {w: r for w, r in rules.items() if r})

"""A small grammar of wire-copy English: the templates of :mod:`._templates` with their slots
filled from the word pools of :mod:`._vocabulary`.

:class:`Writer` writes one article (headline and sentences) from one ``random.Random``;
every choice is an index ``int(random() * len(pool))`` into a tuple, so the text depends
only on the generator's state (never on ``hash()`` or set order).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from string import Formatter

from . import _vocabulary as V
from ._templates import TEMPLATES

__all__ = ["TOKEN_RE", "Writer", "title_case"]

#: Tokens are runs of letters and digits; punctuation never counts.
TOKEN_RE = re.compile(r"[^\W_]+")

_SMALL = frozenset("a an and as at but by for from in into of on or the to via with".split())
_ORIGIN_WEIGHTS = (0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4)  # Russian, Ukrainian, Korean, English, German
_PARAGRAPH_SIZES = (1, 2, 2, 2, 3, 3)
_N_NOUNS, _N_VERBS = len(V.NOUNS), len(V.VERBS)

Slot = Callable[["Writer"], str]


def title_case(text: str) -> str:
    """Headline style: every word capitalised except short function words inside."""
    words = text.split()
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _feminine(family: str) -> str:
    for male, female in (("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family


class Writer:
    """Writes one article; its cast (people, organisations, places, agencies) and the nouns and
    verbs it favours are chosen at the start, so an article keeps returning to them."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng.random
        self.people = [self._person() for _ in range(3 + self.below(4))]
        self.mentioned = [False] * len(self.people)
        self.orgs = [self.pick(V.ORGANISATIONS) for _ in range(2 + self.below(2))]
        self.places = [self.pick(V.PLACES) for _ in range(2 + self.below(2))]
        self.agencies = [self.pick(V.AGENCIES) for _ in range(1 + self.below(2))]
        self.topic_nouns = [self.below(_N_NOUNS) for _ in range(40)]
        self.topic_verbs = [self.below(_N_VERBS) for _ in range(30)]

    def below(self, n: int) -> int:
        return int(self.r() * n)

    def pick(self, pool: Sequence):
        return pool[int(self.r() * len(pool))]

    def _person(self) -> tuple[str, str, str]:
        origin, male, female, families = V.PEOPLE_ORIGINS[self.pick(_ORIGIN_WEIGHTS)]
        is_female = self.r() < 0.3
        given = self.pick(female if is_female else male)
        family = self.pick(families)
        if is_female and origin == "russian":
            family = _feminine(family)
        full = f"{family} {given}" if origin == "korean" else f"{given} {family}"
        return self.pick(V.TITLES), full, family

    # -- word slots ------------------------------------------------------------------
    def person(self) -> str:
        """Title and full name at first mention, the family name after."""
        n = len(self.people)
        i = min(int(self.r() * n), int(self.r() * n))  # the first person is the story's main actor
        title, full, family = self.people[i]
        if not self.mentioned[i]:
            self.mentioned[i] = True
            return f"{title} {full}"
        return family

    def family(self) -> str:
        return self.people[0][2]

    def org(self) -> str:
        return self.pick(self.orgs) if self.r() < 0.55 else self.pick(V.ORGANISATIONS)

    def org_bare(self) -> str:
        org = self.org()
        return org[4:] if org.startswith("the ") else org

    def place(self) -> str:
        return self.pick(self.places) if self.r() < 0.6 else self.pick(V.PLACES)

    def agency(self) -> str:
        return self.pick(self.agencies) if self.r() < 0.85 else self.pick(V.AGENCIES)

    def _noun_index(self) -> int:
        r = self.r
        return self.topic_nouns[int(r() * 40)] if r() < 0.65 else int(r() * _N_NOUNS)

    def noun(self) -> str:
        return V.NOUNS[self._noun_index()]

    def nouns(self) -> str:
        return V.NOUN_PLURALS[self._noun_index()]

    def verb_form(self, form: int) -> str:
        r = self.r
        return V.VERBS[self.topic_verbs[int(r() * 30)] if r() < 0.6 else int(r() * _N_VERBS)][form]

    def a_adj(self) -> str:
        adj = self.pick(V.ADJECTIVES)
        return ("an " if adj[0] in "aeiou" else "a ") + adj

    def day(self) -> str:
        return str(1 + self.below(28))

    def year(self) -> str:
        return str(2014 + self.below(12))

    def count(self) -> str:
        kind = self.below(4)
        if kind == 0:
            return str(2 + self.below(98))
        if kind == 1:
            return str(100 + self.below(900))
        if kind == 2:
            return f"{1 + self.below(99)},{self.below(10)}00"
        return f"{1 + self.below(20)},000"

    def percent(self) -> str:
        if self.r() < 0.5:
            return f"{1 + self.below(40)} percent"
        return f"{1 + self.below(9)}.{self.below(10)} percent"

    def money(self) -> str:
        if self.r() < 0.7:
            return f"${1 + self.below(90)}.{self.below(10)} {self.pick(('billion', 'million'))}"
        return f"{1 + self.below(900)} {self.pick(('billion roubles', 'million roubles', 'billion won', 'million euros'))}"

    # -- articles --------------------------------------------------------------------
    def headline(self) -> str:
        """A title-case headline of 6 to 12 words."""
        while True:
            text = _GROUPS["headline"](self)
            if 6 <= len(text.split()) <= 12:
                return title_case(text)

    def body(self, target: int, ceiling: int) -> tuple[list[str], list[bool], list[int]]:
        """Sentences of about ``target`` tokens in all (never above ``ceiling``), for each whether
        it opens a paragraph (of one to three sentences), and the tokens of each."""
        sentence = _GROUPS["sentence"]
        units: list[str] = []
        opens: list[bool] = []
        counts: list[int] = []
        total, left_in_paragraph, misses = 0, 0, 0
        while total < target and misses < 50:
            text = sentence(self)
            n = len(TOKEN_RE.findall(text))
            if total + n > ceiling:
                misses += 1
                continue
            opens.append(left_in_paragraph == 0)
            left_in_paragraph = (self.pick(_PARAGRAPH_SIZES) if left_in_paragraph == 0 else left_in_paragraph) - 1
            units.append(text)
            counts.append(n)
            total += n
        return units, opens, counts


class _Group:
    """A slot filled by one of a weighted list of templates (compiled once all groups exist)."""

    __slots__ = ("capitalise", "n", "templates")

    def __init__(self, capitalise: bool = False) -> None:
        self.capitalise = capitalise
        self.templates: tuple[Slot, ...] = ()
        self.n = 0

    def __call__(self, writer: Writer) -> str:
        text = self.templates[int(writer.r() * self.n)](writer)
        return text[:1].upper() + text[1:] if self.capitalise else text


def _template(head: str, parts: tuple[tuple[Slot, str], ...]) -> Slot:
    """One template as a function of the writer (unrolled for up to four slots: this is the hot path)."""
    if not parts:
        return lambda w: head
    if len(parts) == 1:
        ((s0, t0),) = parts
        return lambda w: head + s0(w) + t0
    if len(parts) == 2:
        (s0, t0), (s1, t1) = parts
        return lambda w: head + s0(w) + t0 + s1(w) + t1
    if len(parts) == 3:
        (s0, t0), (s1, t1), (s2, t2) = parts
        return lambda w: head + s0(w) + t0 + s1(w) + t1 + s2(w) + t2
    if len(parts) == 4:
        (s0, t0), (s1, t1), (s2, t2), (s3, t3) = parts
        return lambda w: head + s0(w) + t0 + s1(w) + t1 + s2(w) + t2 + s3(w) + t3
    return lambda w: head + "".join([slot(w) + tail for slot, tail in parts])


def _pool_slot(pool: Sequence[str]) -> Slot:
    n = len(pool)
    return lambda writer: pool[int(writer.r() * n)]


def _form_slot(form: int) -> Slot:
    return lambda writer: writer.verb_form(form)


_GROUPS = {name: _Group(capitalise=name in ("sentence", "quote")) for name in TEMPLATES}
_SLOTS: dict[str, Slot] = {
    **{name: getattr(Writer, name) for name in "person family org org_bare place agency noun nouns a_adj day year count percent money".split()},
    **{name: _form_slot(k) for k, name in enumerate(("verb", "verb_3sg", "verb_past", "verb_pp", "verb_ing"))},
    "adj": _pool_slot(V.ADJECTIVES),
    "demonym": _pool_slot(V.DEMONYMS),
    "rverb": _pool_slot(V.REPORTING_VERBS),
    "hedge": _pool_slot(("reportedly", "allegedly", "apparently", "quietly", "already", "effectively")),
    "ordinal": _pool_slot(("first", "second", "third", "fourth", "fifth", "sixth", "largest", "longest")),
    "weekday": _pool_slot(V.WEEKDAYS),
    "month": _pool_slot(V.MONTHS),
    "stock_tail": _pool_slot(V.STOCK_TAILS),
    "stock_sentence": _pool_slot(V.STOCK_SENTENCES),
    **_GROUPS,
}


def _compile(block: str) -> tuple[Slot, ...]:
    """The templates of a block, each repeated by its weight."""
    compiled: list[Slot] = []
    for raw in block.split("|"):
        raw = raw.strip()
        weight, template = raw.split("*", 1) if re.match(r"\d+\*", raw) else ("1", raw)
        pieces = list(Formatter().parse(template))
        parts = tuple(
            (_SLOTS[name], pieces[i + 1][0] if i + 1 < len(pieces) else "")
            for i, (_, name, _, _) in enumerate(pieces)
            if name is not None
        )
        compiled.extend([_template(pieces[0][0], parts)] * int(weight))
    return tuple(compiled)


for _name, _group in _GROUPS.items():
    _group.templates = _compile(TEMPLATES[_name])
    _group.n = len(_group.templates)

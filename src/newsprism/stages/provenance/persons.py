"""People on each side of a match: who is credited, the fullest name, and the titles given.

- :func:`speaker_of` reads the attribution behind a span (the quote's own row, or on the
  match side the attribution covering the matched words) and names the speaker as the
  text does, in its fullest mention ("Colonel Oleg Tarasyuk, head of the demining
  directorate of the Russian engineering troops").
- :func:`same_person` decides whether two names are one person: the same canonical entity
  (alias table), a fuzzy match of full names (:func:`newsprism.stages.entities.fuzzy_person_match`)
  or a spelling variant of the surname ("Jabrailov" / "Dzhabrailov").
- :class:`Title` splits a title into its rank ("Col.", "Rear Admiral") and its office; the
  office's key drops articles, prepositions, honorifics and state qualifiers (countries and
  demonyms of the alias table: "Russia's", "of the Democratic People's Republic of Korea"),
  normalises words through the title lexicon (Defence = Defense, spokesman = spokesperson)
  and ignores word order. Two offices agree when their grade words (deputy, first, acting)
  are the same and one key contains the other, so a title cut down ("military analyst"
  for "military analyst at the Kyiv Institute") is no difference while "Deputy Defence
  Minister" and "First Deputy Defence Minister" differ. A title one side leaves out is
  never a difference, and with several titles for one person any one that agrees is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from newsprism.resources.aliases import ALIAS_FILE, canonical_name, name_key
from newsprism.resources.files import resource
from newsprism.resources.titles import role_key, title_kind
from newsprism.stages.entities import fuzzy_person_match

from .records import TextTables, last_word

__all__ = ["Speaker", "Title", "appositions", "compare_speakers", "fullest_name", "person_titles", "same_person", "speaker_of", "speaker_phrase", "text_appositions", "titles_differ"]

#: Abbreviated ranks and titles, read as the full word.
ABBREVIATIONS = {"col": "colonel", "gen": "general", "lt": "lieutenant", "adm": "admiral", "maj": "major", "capt": "captain", "sgt": "sergeant", "rep": "representative", "sen": "senator"}
_RANK_MODIFIERS = frozenset({"rear", "vice", "major", "brigadier"})
_STOP = frozenset({"the", "a", "an", "of", "for", "at", "in", "on", "to", "and", "s", "its", "his", "her", "their", "with"})
SURNAME_MIN = 80.0
#: An apposition longer than this (in tokens), or holding a verb, is not a title.
MAX_APPOSITION = 14


def _state_phrases(table: pd.DataFrame) -> frozenset[tuple[str, ...]]:
    phrases = {tuple(name_key(a).split()) for a, label in zip(table["alias"], table["label"]) if label in ("GPE", "NORP")}
    phrases |= {tuple(name_key(s).split()) for s in table["side"] if isinstance(s, str) and s and s != "other"}
    return frozenset(p for p in phrases if p)


def _states() -> frozenset[tuple[str, ...]]:
    return resource(ALIAS_FILE, _state_phrases)


def _word(word: str) -> str:
    return ABBREVIATIONS.get(word, word)


def _norm(word: str) -> str:
    kind = title_kind(word)
    if kind == "office":
        return role_key(word) or word
    if kind in ("qualifier", "grade"):
        return role_key(f"{word} minister").split()[0]
    return word


@dataclass(frozen=True)
class Title:
    """A title as written, its rank phrase and its office (text and comparable key)."""

    text: str
    rank: str
    office: str
    office_key: frozenset[str]
    grades: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Title:
        written = " ".join(text.split()).strip(" ,;:")
        words = [_word(w) for w in name_key(written).split()]
        kinds = [title_kind(w) for w in words]
        rank_at = [i for i, k in enumerate(kinds) if k == "rank"]
        rank_words: set[int] = set()
        if rank_at:
            lo = hi = rank_at[0]
            while lo > 0 and (kinds[lo - 1] == "rank" or words[lo - 1] in _RANK_MODIFIERS):
                lo -= 1
            while hi + 1 < len(words) and kinds[hi + 1] == "rank":
                hi += 1
            rank_words = set(range(lo, hi + 1))
        states = _states()
        dropped = set(rank_words)
        i = 0
        while i < len(words):
            size = next((n for n in range(min(7, len(words) - i), 0, -1) if tuple(words[i : i + n]) in states), 0)
            dropped.update(range(i, i + size))
            i += size or 1
        kept = [w for j, w in enumerate(words) if j not in dropped and w not in _STOP and kinds[j] != "honorific"]
        key = frozenset(_norm(w) for w in kept)
        grades = frozenset(_norm(w) for w in kept if title_kind(w) == "grade")
        raw_words = written.split()
        rank = " ".join(raw_words[j] for j in sorted(rank_words) if j < len(raw_words)) if len(raw_words) == len(words) else ""
        office = written
        if rank and office.startswith(rank):
            office = office[len(rank) :].strip(" ,")
        elif rank and office.endswith(rank):
            office = office[: -len(rank)].strip(" ,")
        for article in ("the ", "a ", "an "):
            if office.lower().startswith(article):
                office = office[len(article) :]
        return cls(written, rank, office if key else "", key, grades)

    @property
    def rank_key(self) -> str:
        return " ".join(_word(w) for w in name_key(self.rank).split())

    def office_agrees(self, other: Title) -> bool | None:
        """None when either has no office; else whether the offices agree (see the module docstring)."""
        if not self.office_key or not other.office_key:
            return None
        return self.grades == other.grades and (self.office_key <= other.office_key or other.office_key <= self.office_key)

    def rank_agrees(self, other: Title) -> bool | None:
        if not self.rank or not other.rank:
            return None
        return self.rank_key == other.rank_key


def titles_differ(reference: list[Title], piece: list[Title]) -> list[tuple[str, str]]:
    """``[(reference title, piece title), ...]`` where every title both sides give disagrees
    (offices and ranks separately; empty when any pair agrees or one side gives none)."""
    out = []
    for part, agrees in (("rank", Title.rank_agrees), ("office", Title.office_agrees)):
        verdicts = [(r, p, agrees(r, p)) for r in reference for p in piece]
        verdicts = [v for v in verdicts if v[2] is not None]
        if verdicts and not any(v[2] for v in verdicts):
            r, p, _ = verdicts[0]
            out.append((getattr(r, part), getattr(p, part)))
    return out


def same_person(name_a: str, name_b: str) -> bool:
    """Whether two names are one person (canonical entity, fuzzy full name or surname variant)."""
    ka, kb = name_key(name_a), name_key(name_b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    ca, cb = canonical_name(name_a), canonical_name(name_b)
    if ca is not None and ca == cb:
        return True
    if fuzzy_person_match(name_a, name_b)[0]:
        return True
    wa, wb = ka.split(), kb.split()
    related = len(wa) == 1 or len(wb) == 1 or wa[0] == wb[0]
    return related and fuzz.ratio(wa[-1], wb[-1]) >= SURNAME_MIN


@dataclass(frozen=True)
class Speaker:
    """Who a span is credited to, as one side gives it."""

    entity: str
    kind: str
    name: str
    display: str
    channel: str
    titles: tuple[Title, ...]
    is_person: bool

    @classmethod
    def none(cls) -> Speaker:
        return cls("", "", "", "", "", (), False)


def appositions(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Title phrases the parse sets beside a name: "X, deputy head of ..." or "Russia's defence minister, X"."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return []
    root, out = span.root, []
    for child in root.children:
        if child.dep_ == "appos" and not span.start <= child.i < span.end and child.pos_ == "NOUN":
            tokens = list(child.subtree)
            while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
                tokens.pop()
            if tokens and len(tokens) <= MAX_APPOSITION and not any(t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX") for t in tokens):
                out.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and head.pos_ == "NOUN":
        tokens = [t for t in doc[head.left_edge.i : span.start] if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if tokens and len(tokens) <= MAX_APPOSITION and not any(t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX") or t.lower_ in ("and", "or") or t.text in ",;" for t in tokens):
            out.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return out


def _has_title_word(text: str) -> bool:
    return any(title_kind(_word(w)) in ("office", "rank", "grade") for w in name_key(text).split())


def text_appositions(text: TextTables, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """:func:`appositions` of a mention of ``text``, once per span."""
    return text.memo(("appositions", start, end), lambda: tuple(appositions(text.doc, start, end)))


def person_titles(text: TextTables, entity: str, name: str, within: tuple[int, int] | None = None) -> list[tuple[Title, str]]:
    """The titles a text gives one person, each with where it was found: ``role`` (before the
    name), ``apposition`` (beside it) or ``credit`` (an attribution's speaker phrase, "the
    Kremlin spokesman said", "JCS spokesperson Col. Han Seung-woo" without the name)."""
    return text.memo(("titles", entity, name, within), lambda: _person_titles(text, entity, name, within))


def _person_titles(text: TextTables, entity: str, name: str, within: tuple[int, int] | None) -> list[tuple[Title, str]]:
    raw = text.raw
    lo, hi = within if within else (0, len(raw))
    own = text.mentions.of_person(entity, name)
    found: list[tuple[str, str]] = []
    for m in own:
        if not lo <= m.start < hi:
            continue
        if isinstance(m.role, str) and _has_title_word(m.role):
            found.append((m.role, "role"))
        found += [(raw[a:b], "apposition") for a, b in text_appositions(text, int(m.start), int(m.end)) if lo <= a and b <= hi]
    if len(text.attributions):
        rows = [r for r in text.attributions.where("source", entity) if str(r.speaker_text) != ""]
        starts = sorted(int(m.start) for m in own)
        for row in rows:
            a, b = int(row.speaker_start), int(row.speaker_end)
            if not lo <= a < hi:
                continue
            first = next((s for s in starts if a <= s < b), b)
            credit = raw[a:first].strip(" ,")
            if credit and _has_title_word(credit):
                found.append((credit, "credit"))
    out, seen = [], set()
    for written, where in found:
        title = Title.parse(written)
        if (title.office_key or title.rank) and title.text.casefold() not in seen:
            seen.add(title.text.casefold())
            out.append((title, where))
    return out


def fullest_name(text: TextTables, entity: str) -> tuple[str, str]:
    """The longest name the text gives the person (the canonical name when it only lengthens
    it), and the role written before that mention."""
    return text.memo(("fullest", entity), lambda: _fullest_name(text, entity))


def _fullest_name(text: TextTables, entity: str) -> tuple[str, str]:
    mentions = text.mentions
    found = mentions.of_person_index(entity, entity)
    if not found:
        return entity, ""
    # the first of the most words, then the longest role, then the earliest start (a stable sort's first)
    k = min(found, key=lambda i: (-mentions.words[i], -mentions.role_lengths[i], mentions.starts[i]))
    best = mentions.rows[k]
    name = str(best.text)
    if len(entity.split()) > len(name.split()) and last_word(entity) == last_word(name):
        name = entity
    role = str(best.role or "")
    return name, role if _has_title_word(role) else ""


_POSSESSIVE_END = re.compile(r"\s*['’]s?$")


def speaker_phrase(row) -> str:
    """How a piece names a speaker that is not a person: its speaker phrase on one line,
    without a possessive ("Moscow’s position" credits Moscow), else the source."""
    return _POSSESSIVE_END.sub("", " ".join(str(row.speaker_text).split())) or str(row.source)


def speaker_of(row, text: TextTables) -> Speaker:
    """The speaker of one attribution row (a namedtuple of the ``attributions`` table) of ``text``."""
    if row is None:
        return Speaker.none()
    entity, kind = str(row.source), str(row.source_kind)
    persons = text.mentions.of_entity(entity)
    is_person = kind == "person" and (not persons or any(m.label == "PERSON" for m in persons))
    if not is_person:
        shown = speaker_phrase(row)
        return Speaker(entity, kind, shown, shown, str(row.channel or ""), (), False)
    name, display, titles = text.memo(("speaker", entity), lambda: _person(text, entity))
    return Speaker(entity, kind, name, display, str(row.channel or ""), titles, True)


def _person(text: TextTables, entity: str) -> tuple[str, str, tuple[Title, ...]]:
    """A credited person's name, display ("role name, apposition") and titles in ``text``."""
    name, role = fullest_name(text, entity)
    titles = person_titles(text, entity, name)
    role = role or next((t.text for t, where in titles if where == "credit"), "")
    display = f"{role} {name}" if role else name
    beside = next((t.text for t, where in titles if where == "apposition" and t.text not in display), "")
    display = f"{display}, {beside}" if beside else display
    return name, display, tuple(t for t, _ in titles)


def compare_speakers(reference: Speaker, piece: Speaker) -> list[str]:
    """``speaker: A -> B`` when someone else is credited (another person, or a named body or
    outlet instead of a person: "battle brotherhood" is No Kwang Chol's in one piece and the
    defence ministry's in another), ``title: T1 -> T2`` when the same person gets another
    title; empty when either side names no one, only an unnamed source ("officials") or an
    outlet (an agency that carried the words is their channel, not another author)."""
    named = ("person", "organization")
    if not (reference.is_person and piece.is_person):
        both = reference.entity and piece.entity and reference.kind in named and piece.kind in named
        if both and name_key(reference.entity) != name_key(piece.entity):
            return [f"speaker: {reference.name or reference.entity} -> {piece.name or piece.entity}"]
        return []
    if reference.entity != piece.entity and not same_person(reference.name, piece.name):
        return [f"speaker: {reference.name} -> {piece.name}"]
    return [f"title: {a} -> {b}" for a, b in titles_differ(list(reference.titles), list(piece.titles))]

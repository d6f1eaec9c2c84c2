"""What one sentence says, field by field: the rows of the ``claim_details`` stage.

Each detail is ``(field, entity, value, key)``: ``value`` as the piece writes it, ``key`` the
comparable form that :mod:`newsprism.stages.discrepancies` compares:

- ``numbers``: each amount of :func:`~newsprism.stages.provenance.values.quantities`, its
  ``entity`` the thing it counts: the noun of
  :func:`~newsprism.stages.provenance.values.counted_noun` (with the parse; else the unit word)
  with its lemma folded through the claims stage's synonym table
  (``data/lexicons/synonyms.csv``: soldiers, troops, servicemen -> ``troop``); ``value`` the
  amount and the noun ("more than 10,000 soldiers", "thousands of troops"), ``key`` the thing
  (an amount counting nothing is kept only if it is a figure, :func:`is_figure`);
- ``when_where``: when and where the statement was made or the event happened: dates
  (:func:`~newsprism.stages.provenance.values.dates`, resolved against the piece's date; key
  ``date:KIND:VALUE``, so "September 4th" = "September 4"), occasions ("at a press briefing",
  "during a meeting", "at the event", "in an interview"; key ``occasion:NOUN``) and places
  (GPE, LOC and FAC mentions after in, at, on, near or to, and a capitalised name right after
  an occasion, "at the event on 'Allies' Avenue"; key ``place:NAME``);
- ``credited``: the canonical source of each attribution overlapping the sentence (hedges
  such as "reportedly" left out); key its name key;
- ``roles``: per person (``entity``), the role the piece gives; key its
  :func:`~newsprism.resources.titles.role_key`;
- ``names``: per person, the name as written; key its compact key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsprism.resources.aliases import compact_key, name_key
from newsprism.resources.titles import role_key
from newsprism.stages._claim_terms import synonyms
from newsprism.stages.provenance.records import Rows
from newsprism.stages.provenance.values import Quantity, counted_noun, dates, quantities

__all__ = ["FIELDS", "GENERIC_OCCASIONS", "OCCASIONS", "SMALL_WORDS", "Piece", "amounts", "is_figure", "sentence_details", "thing_key"]

#: The fields of a claim detail, most substantial first.
FIELDS = ("numbers", "when_where", "credited", "roles", "names")
#: Occasion nouns (as written, singular) -> the occasion compared.
OCCASIONS = {
    "press briefing": "briefing", "news briefing": "briefing", "briefing": "briefing", "press conference": "press conference",
    "news conference": "press conference", "conference": "conference", "ceremony": "ceremony", "event": "event", "meeting": "meeting",
    "interview": "interview", "summit": "summit", "rally": "rally", "parade": "parade", "forum": "forum", "talks": "talks",
    "visit": "visit", "session": "session", "speech": "speech",
}  # fmt: skip
#: Occasions that name no kind of event: "the event" may be the ceremony another piece names.
GENERIC_OCCASIONS = frozenset({"event"})
#: Numbers in words below this are references ("the two nations"), not figures.
SMALL_WORDS = 13
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOUNS = "|".join(sorted(OCCASIONS, key=len, reverse=True))
_OCCASION_RE = re.compile(
    rf"(?i:\b(?P<occasion>(?:at|during|in|on)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[a-z-]+\s+){{0,2}}?(?P<noun>{_NOUNS})(?:s|es)?)\b)"
    r"(?P<where>\s+(?i:on|in|at)\s+(?:the\s+)?[‘'“\"]?(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))?"
)
_BEFORE_PLACE_RE = re.compile(r"\b(?:in|at|on|near|to)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['’]s?\b")


@dataclass(frozen=True)
class Piece:
    """What the fields of one piece's sentences are read from (the parse may be missing)."""

    doc: object | None
    date: dt.date | None
    mentions: Rows
    attributions: Rows


def thing_key(word: str) -> str:
    """The thing a counted noun names: its synonym group ("soldier" -> "troop"), else the word."""
    word = word.casefold()
    return synonyms().group(word) or word


def is_figure(q: Quantity) -> bool:
    """A figure rather than a reference: digits, a vague amount or a number in words from
    thirteen up ("the two nations", "one of them" are not figures)."""
    return q.value is None or q.value >= SMALL_WORDS or any(ch.isdigit() for ch in q.text)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def amounts(piece: Piece, text: str, start: int) -> list[tuple[Quantity, str, str]]:
    """``(quantity, thing, shown)`` for each amount of the sentence ``text`` at ``start``:
    ``shown`` is the amount with the noun it counts ("thousands of troops")."""
    out = []
    for q in quantities(text):
        noun = counted_noun(piece.doc, start + q.start, start + q.end) if piece.doc is not None else None
        if noun is not None:
            word, lemma = noun.text, noun.lemma_
        else:
            word, lemma = q.unit, _singular(q.unit)
        shown = q.text if not word or q.text.endswith(word) else f"{q.text} {'of ' if q.vague else ''}{word}"
        out.append((q, thing_key(lemma) if lemma else "", shown))
    return out


def _when_where(piece: Piece, text: str, start: int) -> list[tuple[str, str]]:
    """``(value, key)`` of the dates, occasions and places of a sentence, in text order."""
    found = [(d.start, d.text, f"date:{d.kind}:{d.key}") for d in dates(text, piece.date)]
    for m in _OCCASION_RE.finditer(text):
        found.append((m.start(), " ".join(m.group("occasion").split()), f"occasion:{OCCASIONS[m.group('noun').lower()]}"))
        if m.group("place"):
            found.append((m.start("where"), " ".join(m.group("where").split()), f"place:{name_key(m.group('place'))}"))
    for m in (m for m in piece.mentions.overlapping(start, start + len(text)) if m.label in _PLACE_LABELS):
        at, to = int(m.start) - start, int(m.end) - start
        before = _BEFORE_PLACE_RE.search(text, max(0, at - 12), max(0, at))
        if before and not _POSSESSIVE_RE.match(text, to):  # "in Russia's campaigns" names no place
            found.append((before.start(), " ".join(text[before.start() : to].split()), f"place:{name_key(str(m.entity))}"))
    by_key: dict[str, tuple[int, str]] = {}
    for at, value, key in sorted(found):
        by_key.setdefault(key, (at, value))
    return [(value, key) for key, (at, value) in sorted(by_key.items(), key=lambda kv: kv[1])]


def sentence_details(piece: Piece, text: str, start: int, fields: tuple[str, ...] = FIELDS) -> list[tuple[str, str, str, str]]:
    """``(field, entity, value, key)`` for what the sentence ``text`` (raw offset ``start``) says."""
    end = start + len(text)
    found: list[tuple[str, str, str, str]] = []
    if "numbers" in fields:
        found += [("numbers", thing, shown, thing) for q, thing, shown in amounts(piece, text, start) if thing or is_figure(q)]
    if "when_where" in fields:
        found += [("when_where", "", value, key) for value, key in _when_where(piece, text, start)]
    if "credited" in fields:
        credits = [a for a in piece.attributions.overlapping(start, end) if a.construction != "hedge"]
        found += [("credited", "", str(a.source), name_key(str(a.source))) for a in credits]
    for m in (m for m in piece.mentions.overlapping(start, end) if m.label == "PERSON"):
        if "roles" in fields and isinstance(m.role, str) and m.role:
            found.append(("roles", str(m.entity), m.role, role_key(m.role)))
        if "names" in fields:
            found.append(("names", str(m.entity), str(m.text), compact_key(str(m.text))))
    return list(dict.fromkeys(found))

"""What differs between a claim sentence and its reference sentence, field by field.

Each field lists ``reference value -> piece value`` entries, and only for values both
sentences state (a value one side leaves out is an omission, never a difference):

- ``numbers`` and ``dates``: :func:`newsprism.stages.provenance.values.quantities` and
  :func:`~newsprism.stages.provenance.values.dates` (relative dates resolved against each
  text's own date);
- ``names``: the people both sentences name (paired by canonical entity, fuzzy full name
  or surname variant, :func:`newsprism.stages.provenance.persons.same_person`, so a
  misspelt or mislabelled name still pairs) whose names are spelled differently
  (``Belousov -> Belozurov``; a given name one side omits is not a spelling);
- ``titles``: the ranks and offices those people are given in the sentence
  (:func:`~newsprism.stages.provenance.persons.titles_differ`);
- ``places``: a name put in another's slot (``Lgov -> Rylsk``, ``East Sea -> Yellow Sea``):
  a short replacement of capitalised words in the word alignment of the two sentences,
  outside people, titles, credits, dates and numbers, unless both are one place for the
  alias table (North Korea = the DPRK) or spellings of one word;
- ``credited``: who the sentence is attributed to (the attributions overlapping it, hedges
  left out); a source equal to the other text's outlet ("KCNA said" against a KCNA wire)
  is the same source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz

from newsprism.resources.aliases import canonical_name, compact_key, name_key
from newsprism.resources.titles import title_kind
from newsprism.stages.passages import Tokens

from .persons import fullest_name, person_titles, same_person, speaker_phrase, text_appositions, titles_differ
from .records import TextTables
from .values import DATE_RE, MONTHS, dates, quantities, value_differences

__all__ = ["FIELDS", "Context", "compare_fields"]

FIELDS = ("numbers", "dates", "titles", "names", "places", "credited")
#: A place replacement has at most this many words on each side.
MAX_PLACE_WORDS = 3
SPELLING_MIN = 85.0
_ARTICLES = frozenset({"the", "a", "an"})
_CALENDAR = frozenset(m.casefold() for m in MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass
class Context:
    """One sentence in its text: offsets, tokens and the text's NLP tables."""

    doc_id: str
    start: int
    end: int
    tokens: Tokens
    lo: int
    hi: int
    tables: TextTables
    date: dt.date | None
    outlet: str

    @property
    def raw(self) -> str:
        return self.tables.raw

    @property
    def doc(self) -> Any:
        return self.tables.doc

    @property
    def text(self) -> str:
        return self.raw[self.start : self.end]

    @cached_property
    def mentions(self) -> list[Any]:
        """The mentions starting inside the sentence, in table order."""
        return self.tables.mentions.starting_in(self.start, self.end)

    @cached_property
    def mention_starts(self) -> frozenset[int]:
        return frozenset(int(m.start) for m in self.mentions)

    @cached_property
    def persons(self) -> list[_Person]:
        """The people the sentence names (mentions labelled PERSON), by entity."""
        out: dict[str, _Person] = {}
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            person = out.setdefault(m.entity, _Person(m.entity, m.text, []))
            person.spans.append((int(m.start), int(m.end)))
            if len(str(m.text).split()) > len(person.name.split()):
                person.name = str(m.text)
        return list(out.values())


@dataclass
class _Person:
    entity: str
    name: str
    spans: list[tuple[int, int]]


def _partner(person: _Person, ctx: Context, others: list[_Person]) -> _Person | None:
    for other in others:
        if other.entity == person.entity or same_person(other.name, person.name):
            return other
    for m in ctx.mentions:  # a person the model labelled otherwise
        if m.label != "PERSON" and same_person(str(m.text), person.name):
            return _Person(m.entity, str(m.text), [(int(m.start), int(m.end))])
    return None


def _pairs(ref: Context, piece: Context) -> list[tuple[_Person, _Person]]:
    ref_people, piece_people = ref.persons, piece.persons
    pairs, used = [], set()
    for p in piece_people:
        r = _partner(p, ref, [x for x in ref_people if id(x) not in used])
        if r is not None:
            used.add(id(r))
            pairs.append((r, p))
    for r in ref_people:
        if id(r) not in used and not any(r.entity == p.entity for _, p in pairs):
            p = _partner(r, piece, [])
            if p is not None and not any(p.spans[0] == q.spans[0] for _, q in pairs):
                pairs.append((r, p))
    return pairs


def _name_forms(a: str, b: str) -> tuple[str, str]:
    """The parts of two spellings of one name that differ (a given name one side omits dropped)."""
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb):
        keep = [i for i in range(len(wa)) if name_key(wa[i]) != name_key(wb[i])]
        return " ".join(wa[i] for i in keep), " ".join(wb[i] for i in keep)
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    keys = {name_key(w) for w in shorter}
    while len(longer) > len(shorter) and name_key(longer[0]) not in keys:
        longer = longer[1:]
    return (" ".join(longer), " ".join(shorter)) if len(wa) > len(wb) else (" ".join(shorter), " ".join(longer))


def _titles(ctx: Context, person: _Person):
    return [t for t, _ in person_titles(ctx.tables, person.entity, person.name, within=(ctx.start, ctx.end))]


def _title_spans(ctx: Context, person: _Person) -> list[tuple[int, int]]:
    spans = list(person.spans)
    for m in ctx.mentions:
        if m.entity != person.entity:
            continue
        role = str(m.role or "")
        at = ctx.raw.rfind(role, max(ctx.start, int(m.start) - len(role) - 4), int(m.start)) if role else -1
        if at >= 0:
            spans.append((at, at + len(role)))
        spans += text_appositions(ctx.tables, int(m.start), int(m.end))
    return spans


def _credits(ctx: Context) -> list[tuple[str, str, list[tuple[int, int]]]]:
    rows = [r for r in ctx.tables.attributions.overlapping(ctx.start, ctx.end) if r.construction != "hedge"]
    out = []
    for row in rows:
        shown = fullest_name(ctx.tables, str(row.source))[0] if row.source_kind == "person" else speaker_phrase(row)
        spans = [(int(row.speaker_start), int(row.speaker_end)), (int(row.cue_start), int(row.cue_end))]
        out.append((str(row.source), shown, spans))
    return out


def _same_source(a: tuple, b: tuple, a_ctx: Context, b_ctx: Context) -> bool:
    (ea, sa, _), (eb, sb, _) = a, b
    if name_key(ea) == name_key(eb) or name_key(sa) == name_key(sb) or same_person(sa, sb):
        return True
    return any(o and name_key(o) in (name_key(x) for x in pair) for o, pair in ((a_ctx.outlet, (eb, sb)), (b_ctx.outlet, (ea, sa))))


def _places(ref: Context, piece: Context, excluded: tuple[list, list]) -> list[str]:
    a, b = ref.tokens.keys[ref.lo : ref.hi], piece.tokens.keys[piece.lo : piece.hi]

    def name_token(ctx: Context, k: int, spans: list) -> bool:
        start = int(ctx.tokens.starts[k])
        word = ctx.raw[start : int(ctx.tokens.ends[k])]
        if not word[:1].isupper() or word.casefold() in _CALENDAR or title_kind(word) is not None or any(s <= start < e for s, e in spans):
            return False
        return k > ctx.lo or start in ctx.mention_starts

    def run(ctx: Context, lo: int, hi: int, spans: list) -> str | None:
        words = [k for k in range(lo, hi) if ctx.tokens.keys[k] not in _ARTICLES]
        if not words or len(words) > MAX_PLACE_WORDS or not all(name_token(ctx, k, spans) for k in words):
            return None
        while lo > ctx.lo and name_token(ctx, lo - 1, spans):
            lo -= 1
        while hi < ctx.hi and name_token(ctx, hi, spans):
            hi += 1
        words = [k for k in range(lo, hi) if ctx.tokens.keys[k] not in _ARTICLES]
        return ctx.raw[int(ctx.tokens.starts[words[0]]) : int(ctx.tokens.ends[words[-1]])]

    out = []
    for tag, a0, a1, b0, b1 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "replace":
            continue
        old = run(ref, ref.lo + a0, ref.lo + a1, excluded[0])
        new = run(piece, piece.lo + b0, piece.lo + b1, excluded[1])
        if old is None or new is None:
            continue
        same = canonical_name(old) is not None and canonical_name(old) == canonical_name(new)
        if not same and compact_key(old) != compact_key(new) and fuzz.ratio(name_key(old), name_key(new)) < SPELLING_MIN:
            out.append(f"{old} -> {new}")
    return out


def compare_fields(ref: Context, piece: Context) -> dict[str, list[str]]:
    """``{field: ["reference value -> piece value", ...]}`` for the fields of :data:`FIELDS`."""
    found: dict[str, list[str]] = {f: [] for f in FIELDS}
    found["numbers"] = [f"{r.text} -> {p.text}" for r, p in value_differences(quantities(ref.text), quantities(piece.text))]
    found["dates"] = [f"{r.text} -> {p.text}" for r, p in value_differences(dates(ref.text, ref.date), dates(piece.text, piece.date))]
    excluded: tuple[list, list] = ([], [])
    for ctx, spans in ((ref, excluded[0]), (piece, excluded[1])):
        spans += [(ctx.start + m.start(), ctx.start + m.end()) for m in DATE_RE.finditer(ctx.text)]
        spans += [(ctx.start + q.start, ctx.start + q.end) for q in quantities(ctx.text)]
    for r, p in _pairs(ref, piece):
        old, new = _name_forms(r.name, p.name)
        if compact_key(old) != compact_key(new):
            found["names"].append(f"{old} -> {new}")
        found["titles"] += [f"{a} -> {b}" for a, b in titles_differ(_titles(ref, r), _titles(piece, p))]
        excluded[0].extend(_title_spans(ref, r))
        excluded[1].extend(_title_spans(piece, p))
    ref_credits, piece_credits = _credits(ref), _credits(piece)
    for (_, _, spans), side in [(c, 0) for c in ref_credits] + [(c, 1) for c in piece_credits]:
        excluded[side].extend(spans)
    if ref_credits and piece_credits and not any(_same_source(a, b, ref, piece) for a in ref_credits for b in piece_credits):
        shown = (", ".join(dict.fromkeys(s for _, s, _ in cs)) for cs in (ref_credits, piece_credits))
        found["credited"].append(" -> ".join(shown))
    found["places"] = _places(ref, piece, excluded)
    return found

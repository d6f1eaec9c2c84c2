"""Numbers, quantities and dates inside a sentence: the one extraction that
:mod:`newsprism.stages.findings` (claim details, compared by
:mod:`newsprism.stages.discrepancies`) and provenance (claim differences) share.

:data:`NUMBER_RE` and :data:`DATE_RE` find the expressions as written. :func:`quantities`
reads them as values: each number's qualifier ("more than", "nearly"), value (``1.2
million`` -> 1,200,000; numbers in words as the claims stage reads them, so "ten thousand"
is 10,000; vague words such as "thousands" keep no value) and unit (the word right after
it: "47 items", "38%", "5,000 men"), with the numbers inside dates and clock times left out
("January 1", "9:50 a.m."); with a parse, :func:`counted_noun` finds the noun an amount
counts even past adjectives ("thousands of North Korean troops"). :func:`dates`
resolves each date against the text's own date, so "on Monday" in a wire dated Monday
2026-03-02 is 2026-03-02 and "March 2" in a piece of 2026 is the same day. Two values
differ only when both texts state one of the same kind and they disagree
(:func:`value_differences`); a value stated on one side only is an omission, never a
difference.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.stages._claim_numbers import parse_number

__all__ = [
    "DATE_RE",
    "MONTHS",
    "NUMBER_RE",
    "DateValue",
    "Quantity",
    "counted_noun",
    "dates",
    "quantities",
    "value_differences",
]

_QUALIFIERS = "more than|over|about|nearly|almost|around|some|at least|up to|fewer than|less than|roughly|approximately"
_UNITS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE_WORDS = "hundred|thousand|million|billion|dozen"
#: A number in words: "ten", "twenty-five", "ten thousand", "a thousand", "two hundred and fifty".
_NUMBER_WORDS = (
    rf"(?:an?\s+(?:{_SCALE_WORDS})\b|(?:{_TENS})(?:-(?:{_UNITS}))?\b|(?:{_UNITS})\b)"
    rf"(?:(?:\s+and\s+|\s+|-)(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{_UNITS}|{_SCALE_WORDS})\b)*"
)
NUMBER_RE = re.compile(
    rf"\b(?:(?:{_QUALIFIERS})\s+)?\d[\d,.]*(?:\s*(?:percent|%|thousand|million|billion))?\b"
    r"|\b(?:thousands|hundreds|dozens|tens of thousands)\b(?:\s+of)?"
    rf"|\b(?:(?:{_QUALIFIERS})\s+)?{_NUMBER_WORDS}",
    re.IGNORECASE,
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_MONTHS = "|".join(MONTHS)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_RE = re.compile(
    rf"\b(?:[Oo]n\s+)?(?:(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})"
    rf"|(?:{'|'.join(_WEEKDAYS)})|(?:[Ll]ast|[Nn]ext|[Tt]his)\s+(?:week|month|year)|[Ii]n\s+recent\s+(?:days|weeks|months)"
    rf"|(?:early|mid|late)[- ](?:{_MONTHS})|(?:{_MONTHS})|\b(?:19|20)\d{{2}}\b)",
)
_TIME_RE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b)|\b\d{1,2}:\d{2}\b", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_VAGUE = ("tens of thousands", "thousands", "hundreds", "dozens")
_MEASURES = frozenset("ton tonne metre meter kilometre kilometer km hectare gram kilogram kg day week month year hour minute percent".split())
#: Plurals without an -s that count people ("5,000 men").
_PLURALS = frozenset("men women people children personnel staff".split())
_UNIT_RE = re.compile(r"(?:\s*-\s*|\s+)([a-z]+)\b")
_NUMBER_PART_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Quantity:
    """One number as a value: the text as written (``start``/``end`` offsets into the sentence)."""

    text: str
    start: int
    end: int
    qualifier: str
    value: float | None  # None for vague amounts ("thousands")
    vague: str
    unit: str

    def same_as(self, other: Quantity) -> bool:
        """Same amount: equal values (or the same vague word), compatible units and qualifiers
        (a qualifier or a unit one side leaves out is an omission)."""
        if (self.value is None) != (other.value is None):
            return False
        if self.value is None:
            same = self.vague == other.vague
        else:
            same = abs(self.value - float(other.value)) <= 1e-9 * max(1.0, abs(self.value))  # type: ignore[arg-type]
        units = not self.unit or not other.unit or self.unit == other.unit
        qualifiers = not self.qualifier or not other.qualifier or self.qualifier == other.qualifier
        return same and units and qualifiers


@dataclass(frozen=True)
class DateValue:
    """One date expression: ``kind`` is day, period, month, year or phrase; ``key`` the value
    compared (an ISO date when the day is known, ``--MM-DD`` when the year is not)."""

    text: str
    start: int
    end: int
    kind: str
    key: str

    def same_as(self, other: DateValue) -> bool:
        if self.kind != other.kind:
            return False
        if self.kind == "day" and (self.key.startswith("--") or other.key.startswith("--")):
            return self.key[-5:] == other.key[-5:]
        return self.key == other.key


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".,")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def dates(text: str, date: dt.date | None = None) -> list[DateValue]:
    """The date expressions of ``text``, resolved against the text's own ``date`` when known."""
    found = []
    for m in DATE_RE.finditer(text):
        written = _clean(m.group(0))
        bare = re.sub(r"^[Oo]n\s+", "", written)
        kind, key = _resolve(bare, date)
        found.append(DateValue(written, m.start(), m.start() + len(written), kind, key))
    return found


def _month(name: str) -> int:
    return MONTHS.index(name.capitalize()) + 1


def _resolve(bare: str, date: dt.date | None) -> tuple[str, str]:
    day = re.fullmatch(rf"({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", bare) or re.fullmatch(
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})", bare
    )
    if day:
        parts = day.groups()
        month, number = (parts[0], parts[1]) if not parts[0].isdigit() else (parts[1], parts[0])
        year = int(parts[2]) if len(parts) > 2 and parts[2] else (date.year if date else None)
        try:
            return "day", dt.date(year, _month(month), int(number)).isoformat() if year else f"--{_month(month):02d}-{int(number):02d}"
        except ValueError:
            return "phrase", bare.casefold()
    if bare in _WEEKDAYS:
        if date is None:
            return "phrase", bare.casefold()
        back = (date.weekday() - _WEEKDAYS.index(bare)) % 7  # the latest such day on or before the text's date
        return "day", (date - dt.timedelta(days=back)).isoformat()
    period = re.fullmatch(rf"(early|mid|late)[- ]({_MONTHS})", bare)
    if period:
        return "period", f"{period.group(1)} {_month(period.group(2)):02d}"
    if bare in MONTHS:
        return "period", f"all {_month(bare):02d}"
    if re.fullmatch(r"(?:19|20)\d{2}", bare):
        return "year", bare
    return "phrase", bare.casefold()


def quantities(text: str) -> list[Quantity]:
    """The numbers of ``text`` as values, without those inside dates and clock times."""
    masked = sorted(_spans(DATE_RE, text) + _spans(_TIME_RE, text))
    found = []
    for m in NUMBER_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in masked):
            continue
        written = m.group(0)
        end = m.start() + len(written.rstrip(".,"))
        if text[end : end + 1] == "%":
            end += 1
        qualifier, value, vague = _number_value(text[m.start() : end])
        unit = "%" if text[end - 1 : end] == "%" or "percent" in written.lower() else ""
        after = _UNIT_RE.match(text, end)
        if not unit and after and _is_unit(after.group(1)):
            unit, end = after.group(1), after.end()
        shown = _clean(text[m.start() : end])
        shown = re.sub(r"\s+of$", "", shown)
        found.append(Quantity(shown, m.start(), m.start() + len(shown), qualifier, value, vague, unit))
    return found


def _is_unit(word: str) -> bool:
    singular = word[:-1] if word.endswith("s") else word
    if word in ENGLISH_STOP_WORDS:
        return False
    return singular in _MEASURES or word in _PLURALS or (word.endswith("s") and len(word) > 3 and not word.endswith("ss"))


def _number_value(written: str) -> tuple[str, float | None, str]:
    low = " ".join(written.lower().split())
    qualifier = next((q for q in _QUALIFIERS.split("|") if low.startswith(q + " ")), "")
    rest = low[len(qualifier) :].strip()
    vague = next((v for v in _VAGUE if rest.startswith(v)), "")
    if vague:
        return qualifier, None, vague
    if not rest[:1].isdigit():  # a number in words, read as the claims stage reads it
        words = parse_number(rest)
        return (qualifier, words[0], "") if words is not None else (qualifier, None, rest)
    number = _NUMBER_PART_RE.match(rest)
    if number is None:
        return qualifier, None, rest
    value = float(number.group(0).replace(",", ""))
    for word, scale in _SCALE.items():
        if word in rest:
            value *= scale
    return qualifier, value, ""


#: Words a scan for the counted noun passes over ("thousands of North Korean troops").
_COUNTED_GAP = 5
_AMOUNT_NOUNS = frozenset("thousand thousands hundred hundreds dozen dozens million millions billion billions tens percent".split())


def counted_noun(doc, start: int, end: int):
    """The token of ``doc`` naming what the amount at character offsets ``[start, end)``
    counts, from the parse: the noun read with the number ("10,000 soldiers"), else the
    first noun after it past "of", determiners, adjectives and names ("thousands of North
    Korean troops" -> troops); None when a verb, a preposition or punctuation comes first."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None

    def counted(token) -> bool:
        return token.pos_ == "NOUN" and not token.like_num and token.lower_ not in _AMOUNT_NOUNS

    if counted(span[-1]) and span[-1].i > span.start:
        return span[-1]
    for token in doc[span.end : span.end + _COUNTED_GAP]:
        if counted(token):
            return token
        if not (token.lower_ == "of" or token.pos_ in ("DET", "ADJ", "PROPN", "NUM") or token.dep_ == "compound"):
            return None
    return None


V = TypeVar("V", Quantity, DateValue)


def value_differences(reference: Sequence[V], piece: Sequence[V], comparable: Callable[[V, V], bool] | None = None) -> list[tuple[V, V]]:
    """Pairs ``(reference value, piece value)`` that disagree.

    Values the two sides share are set aside first (each used once); what is left on both
    sides is paired in order of appearance, a value with one of the same unit (numbers) or
    kind (dates) first; amounts of different units ("two generals", "two nations") and dates
    of different kinds are not compared. A value left without a partner is an omission, not a difference.
    """
    left_ref = list(reference)
    left_piece = []
    for value in piece:
        twin = next((r for r in left_ref if value.same_as(r)), None)
        if twin is None:
            left_piece.append(value)
        else:
            left_ref.remove(twin)
    comparable = comparable or _comparable
    pairs = []
    for value in left_piece:
        partner = next((r for r in left_ref if comparable(r, value) and _similar(r, value)), None)
        partner = partner or next((r for r in left_ref if comparable(r, value)), None)
        if partner is not None:
            left_ref.remove(partner)
            pairs.append((partner, value))
    return pairs


def _comparable(a, b) -> bool:
    """Dates of one kind (day, period, month, year); amounts of one unit (or one without a unit)."""
    if isinstance(a, DateValue):
        return a.kind == b.kind and a.kind != "phrase"
    return not a.unit or not b.unit or a.unit == b.unit


def _similar(a, b) -> bool:
    return a.unit == b.unit if isinstance(a, Quantity) else a.kind == b.kind

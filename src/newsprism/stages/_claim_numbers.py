"""Numbers in claim sentences: "10,000", "ten thousand", "some 10,000", "10k" and "€15m" as one value.

Pieces that carry one claim write its figures differently ("about 1,000" / "roughly a
thousand" / "around one thousand"), round them ("more than 1,400" / "some 1,500") or
update them (9 / 9.5 billion roubles). :func:`number_spans` reads the number phrases of a
sentence's words (digits with separators, decimals and scale suffixes, number words,
"a thousand", "half", vague plurals such as "thousands") with the hedges before them
("about", "more than", "up to"), and :func:`number_tokens` turns a value into claim
terms: an exact token, two overlapping bins of :data:`BIN_RATIO` width on a log scale (so
two values within that ratio of each other always share a bin token, whatever their
position on the scale: evidence of the same claim, not a mismatch) and the order of
magnitude. Years (1800-2100 without a thousands separator) are not quantities: they are
read as dates by the caller.

A figure followed by a unit of :data:`UNITS` is read in that unit's base ("48 hours",
"48-hour" and "two days" are ``num:48_h``; "1,049 metres" and "about a kilometre" are
``num:1049_m`` and ``num:1000_m``, which share a bin; "50 basis points" and "half a
percentage point" are ``num:0.5_pp``), and shares are percentages whatever their writing:
"40 percent", "40%", "four in ten", "two out of five" and "two-fifths" are ``num:40_pct``,
"half of" is ``num:50_pct``. An age ("71-year-old", "71 years old") stays a plain figure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["BIN_RATIO", "UNITS", "UNIT_TERMS", "NumberSpan", "number_spans", "number_tokens", "parse_number", "parse_quantity", "year_of"]

#: Two values within this ratio of each other share at least one bin token.
BIN_RATIO = 1.25
_ONES = {w: k for k, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * k for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_VAGUE = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
#: Hedges read before a number (and dropped from the claim terms): the value stays, the figure is vague.
HEDGES = (
    ("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to"), ("as", "many", "as"), ("as", "much", "as"),
    ("at", "least"), ("at", "most"), ("close", "to"), ("just", "over"), ("just", "under"), ("an", "estimated"),
    ("about",), ("around",), ("some",), ("roughly",), ("approximately",), ("nearly",), ("almost",), ("over",),
    ("under",), ("circa",), ("approx",), ("estimated",),
)  # fmt: skip
_DIGITS_RE = re.compile(r"^[$€£¥]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|mn|mln|bn|b|tn)?$")
_CURRENCY = frozenset("$€£¥")
_YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d|2100)s?$")
#: Unit phrases (lower-cased words) -> (base unit, factor to the base): durations in hours,
#: lengths in metres, masses in tonnes, areas in hectares, shares in percent, rate changes in
#: percentage points. The singular and plural forms are both listed.
UNITS: dict[tuple[str, ...], tuple[str, float]] = {
    **{(w,): ("h", f) for ws, f in (("minute minutes", 1 / 60), ("hour hours hr hrs", 1.0), ("day days", 24.0), ("week weeks", 168.0), ("month months", 730.0), ("year years", 8760.0)) for w in ws.split()},
    **{(w,): ("m", f) for ws, f in (("metre metres meter meters m", 1.0), ("kilometre kilometres kilometer kilometers km", 1e3), ("mile miles", 1609.344)) for w in ws.split()},
    **{(w,): ("t", f) for ws, f in (("tonne tonnes ton tons", 1.0), ("kilogram kilograms kilo kilos kg", 1e-3)) for w in ws.split()},
    **{(w,): ("ha", f) for ws, f in (("hectare hectares ha", 1.0), ("acre acres", 0.404686)) for w in ws.split()},
    ("square", "kilometre"): ("ha", 100.0), ("square", "kilometres"): ("ha", 100.0), ("square", "kilometer"): ("ha", 100.0), ("square", "kilometers"): ("ha", 100.0),
    ("percent",): ("pct", 1.0), ("per", "cent"): ("pct", 1.0), ("%",): ("pct", 1.0),
    ("percentage", "point"): ("pp", 1.0), ("percentage", "points"): ("pp", 1.0), ("basis", "point"): ("pp", 0.01), ("basis", "points"): ("pp", 0.01),
}  # fmt: skip
#: The word term each base unit adds after its figure (so "hectares of farmland" still pairs
#: "hectare" and "farmland" as words do).
UNIT_TERMS = {"h": "hour", "m": "metre", "t": "tonne", "ha": "hectare", "pct": "percent", "pp": "percentage_point"}
#: Units a bare "a"/"an" counts one of ("about a kilometre"); not durations ("300 a day" is a rate).
_ONE_OF = frozenset({"m", "t", "ha", "pp"})
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_AGE = (("old",), ("-", "old"))


@dataclass(frozen=True)
class NumberSpan:
    """Words ``[start, end)`` of a sentence (hedges included) stating ``value``."""

    start: int
    end: int
    value: float
    vague: bool
    unit: str = ""


def year_of(word: str) -> int | None:
    """The year a word names ("2026", "1990s"), else None."""
    match = _YEAR_RE.match(word)
    return int(match.group(1)) if match else None


def _digits(word: str) -> float | None:
    match = _DIGITS_RE.match(word)
    if not match or year_of(word) is not None:
        return None
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    return value * _SUFFIXES[match.group(3)] if match.group(3) else value


def _hedge(words: list[str], i: int) -> int:
    """Length of the hedge starting at word ``i`` (0: none)."""
    for hedge in HEDGES:
        if tuple(words[i : i + len(hedge)]) == hedge:
            return len(hedge)
    return 0


def _read(words: list[str], i: int) -> tuple[int, float, bool] | None:
    """``(end, value, vague)`` of the number phrase starting exactly at word ``i``."""
    n = len(words)
    if i >= n:
        return None
    first = words[i]
    if first in _VAGUE:  # "thousands", "dozens"
        return i + 1, _VAGUE[first], True
    if first == "tens" and words[i + 1 : i + 3] == ["of", "thousands"]:
        return i + 3, 1e4, True
    if first in _FRACTIONS:
        return i + 1, _FRACTIONS[first], False
    money = i > 0 and words[i - 1] in _CURRENCY
    total, group, last, k = 0.0, 0.0, "", i
    if first in ("a", "an") and i + 1 < n and words[i + 1] in _FRACTIONS:
        return i + 2, _FRACTIONS[words[i + 1]], False  # "a quarter", "a half"
    if first in ("a", "an") and i + 1 < n and (words[i + 1] in _SCALES or words[i + 1] in ("hundred", "dozen")):
        group, last, k = 1.0, "a", i + 1  # "a thousand"
    while k < n:
        w = words[k]
        digits = _digits(w)
        if digits is not None and not last:
            group, last = digits, "digits"
        elif w in _ONES and (not last or last in ("hundred", "scale", "and") or (last == "-" and 0 < _ONES[w] < 10)):
            group, last = group + _ONES[w], "ones"
        elif w in _TENS and (not last or last in ("hundred", "scale", "and")):
            group, last = group + _TENS[w], "tens"
        elif w in ("hundred", "dozen") and last in ("a", "digits", "ones", "tens"):
            group, last = group * (100 if w == "hundred" else 12), "hundred"
        elif last in ("a", "digits", "ones", "tens", "hundred") and (w in _SCALES or (w in _SUFFIXES and (w != "m" or money))):
            total, group, last = total + group * _SCALES.get(w, _SUFFIXES.get(w, 1.0)), 0.0, "scale"
        elif w == "-" and last == "tens" and k + 1 < n and words[k + 1] in _ONES:
            last = "-"  # "twenty-five"
        elif w == "and" and last in ("hundred", "scale") and k + 1 < n and (words[k + 1] in _ONES or words[k + 1] in _TENS):
            last = "and"  # "two hundred and fifty"
        else:
            break
        k += 1
    if last in ("", "a", "-", "and"):
        return None
    end = k
    return end, total + group, False


def _unit(words: list[str], i: int, value: float) -> tuple[int, float, str] | None:
    """``(end, value in the base unit, unit)`` of a unit or share phrase at word ``i`` after a figure."""
    k = i + 1 if words[i : i + 1] == ["-"] else i  # "48-hour", "1.05-kilometre"
    for size in (2, 1):
        found = UNITS.get(tuple(words[k : k + size])) if k + size <= len(words) else None
        if found is None:
            continue
        end = k + size
        if found[0] == "h" and words[end : end + 1] in (["-"], ["old"]) and any(tuple(words[end : end + len(a)]) == a for a in _AGE):
            return None  # an age: "71-year-old" is the figure 71
        return end, value * found[1], found[0]
    if words[k : k + 1] in (["in"], ["out"]):  # "four in ten", "two out of five"
        j = k + 2 if words[k + 1 : k + 2] in (["of"], ["-"]) else k + 1
        found = _read(words, j)
        if found is not None and found[1] > value > 0 and found[1] in (2, 3, 4, 5, 6, 10, 20, 100):
            return found[0], 100 * value / found[1], "pct"
    if words[k : k + 1] and words[k] in _DENOMINATORS and value < _DENOMINATORS[words[k]]:  # "two-fifths", "one third"
        return k + 1, 100 * value / _DENOMINATORS[words[k]], "pct"
    return None


def _share(words: list[str], i: int) -> tuple[int, float] | None:
    """``(end, percent)`` of a bare fraction of a whole at word ``i``: "half of", "a third of"."""
    k = i + 1 if words[i : i + 1] in (["a"], ["one"]) else i
    if words[k : k + 1] and words[k] in _DENOMINATORS and words[k + 1 : k + 2] == ["of"]:
        return k + 1, 100 / _DENOMINATORS[words[k]]
    return None


def number_spans(words: list[str]) -> list[NumberSpan]:
    """The number phrases of a sentence's lower-cased words, left to right, not overlapping."""
    spans: list[NumberSpan] = []
    i = 0
    while i < len(words):
        hedge = _hedge(words, i)
        share = _share(words, i + hedge)
        if share is not None:
            spans.append(NumberSpan(i, share[0], share[1], bool(hedge), "pct"))
            i = share[0]
            continue
        found = _read(words, i + hedge)
        if found is None and hedge:
            found = _read(words, i + hedge + 1) if words[i + hedge : i + hedge + 1] in (["a"], ["an"]) else None
        if found is None:
            one = _a_unit(words, i + hedge)
            if one is not None:
                spans.append(NumberSpan(i, one[0], one[1], bool(hedge), one[2]))
                i = one[0]
                continue
            i += 1
            continue
        end, value, vague = found
        after = end + 1 if words[end : end + 1] in (["a"], ["an"]) and value < 1 else end  # "half a percentage point"
        unit = _unit(words, after, value) if after < len(words) else None
        if unit is not None:
            end, value, name = unit
            spans.append(NumberSpan(i, end, value, vague or bool(hedge), name))
        else:
            spans.append(NumberSpan(i, end, value, vague or bool(hedge)))
        i = end
    return spans


def _a_unit(words: list[str], i: int) -> tuple[int, float, str] | None:
    """``(end, value, unit)`` of "a"/"an" and a unit counted one of (:data:`_ONE_OF`): "a kilometre"."""
    if words[i : i + 1] not in (["a"], ["an"]):
        return None
    found = _unit(words, i + 1, 1.0)
    return found if found is not None and found[2] in _ONE_OF else None


_WORD_RE = re.compile(r"[$€£¥]?\d[\d,]*(?:\.\d+)?[a-z]*|[a-z]+|-|%")


def parse_number(text: str) -> tuple[float, bool] | None:
    """``(value, vague)`` of the first number phrase in ``text`` ("some 10,000" -> (10000.0, True))."""
    found = parse_quantity(text)
    return (found[0], found[2]) if found else None


def parse_quantity(text: str) -> tuple[float, str, bool] | None:
    """``(value, unit, vague)`` of the first number phrase in ``text`` ("two days" -> (48.0, "h", False))."""
    spans = number_spans(_WORD_RE.findall(text.lower()))
    return (spans[0].value, spans[0].unit, spans[0].vague) if spans else None


def _canonical(value: float) -> str:
    return f"{value:.6g}".replace("+", "")


def number_tokens(value: float, unit: str = "") -> tuple[str, list[str]]:
    """``(exact, extras)``: the exact token ``num:VALUE`` (``num:48_h`` with a unit) and the bin
    and magnitude tokens (with the unit: ``num~h_a17``)."""
    suffix = f"_{unit}" if unit else ""
    if value <= 0:
        return f"num:{_canonical(value)}{suffix}", []
    position = math.log(value) / math.log(BIN_RATIO)
    bins = [f"a{math.floor(position)}", f"b{math.floor(position + 0.5)}", f"e{math.floor(math.log10(value) + 1e-9)}"]
    return f"num:{_canonical(value)}{suffix}", [f"num~{unit}_{b}" if unit else f"num~{b}" for b in bins]

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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["BIN_RATIO", "NumberSpan", "number_spans", "number_tokens", "parse_number", "year_of"]

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


@dataclass(frozen=True)
class NumberSpan:
    """Words ``[start, end)`` of a sentence (hedges included) stating ``value``."""

    start: int
    end: int
    value: float
    vague: bool


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


def number_spans(words: list[str]) -> list[NumberSpan]:
    """The number phrases of a sentence's lower-cased words, left to right, not overlapping."""
    spans: list[NumberSpan] = []
    i = 0
    while i < len(words):
        hedge = _hedge(words, i)
        found = _read(words, i + hedge)
        if found is None and hedge:
            found = _read(words, i + hedge + 1) if words[i + hedge : i + hedge + 1] in (["a"], ["an"]) else None
        if found is None:
            i += 1
            continue
        end, value, vague = found
        spans.append(NumberSpan(i, end, value, vague or bool(hedge)))
        i = end
    return spans


_WORD_RE = re.compile(r"[$€£¥]?\d[\d,]*(?:\.\d+)?[a-z]*|[a-z]+|-|%")


def parse_number(text: str) -> tuple[float, bool] | None:
    """``(value, vague)`` of the first number phrase in ``text`` ("some 10,000" -> (10000.0, True))."""
    spans = number_spans(_WORD_RE.findall(text.lower()))
    return (spans[0].value, spans[0].vague) if spans else None


def _canonical(value: float) -> str:
    return f"{value:.6g}".replace("+", "")


def number_tokens(value: float) -> tuple[str, list[str]]:
    """``(exact, extras)``: the exact token ``num:VALUE`` and the bin and magnitude tokens."""
    if value <= 0:
        return f"num:{_canonical(value)}", []
    position = math.log(value) / math.log(BIN_RATIO)
    extras = [f"num~a{math.floor(position)}", f"num~b{math.floor(position + 0.5)}", f"num~e{math.floor(math.log10(value) + 1e-9)}"]
    return f"num:{_canonical(value)}", extras

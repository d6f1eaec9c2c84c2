"""The claim terms of a sentence: lemmas, synonyms, names, numbers and dates from the shared parse.

A claim reworded by another outlet keeps its content but not its words, so each sentence
becomes a sequence of comparable terms, in text order:

- content-word lemmas (no stop words), each word or phrase of the synonym table
  (``data/lexicons/synonyms.csv``: group, term, rationale) replaced by its group, so
  "aid", "assistance" and "help" are one term and "mine-clearing engineers" is "sapper";
- one ``ent:`` token per named entity, canonicalised through the alias table and then the
  synonym table ("North Korean", "DPRK" -> ``ent:north_korea``); a person's first and last
  name are extra ``name:`` terms, so "Alexander Khinshtein" meets a later "Khinshtein";
- one ``num:`` token per number phrase (:mod:`._claim_numbers`: "some 10,000", "ten
  thousand" and "10k" are ``num:10000``; "48 hours" and "two days" are ``num:48_h``, then
  the unit's term ``hour``), with bin terms that two close values share;
- one ``ent:`` token per date, with extra ``date:`` terms for its month, year and weekday,
  so "June 12" and "June 19" still share ``date:june``.

Extra terms are kept apart from the sequence (after :data:`EXTRA_MARK`): they count as
single terms, never inside a two-term sequence. :func:`sentence_terms` also gives, for
each term, the words that produced it (the evidence a claim row shows).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.resources.aliases import canonical_name, name_key
from newsprism.resources.files import resource

from ._claim_numbers import UNIT_TERMS, number_spans, number_tokens, year_of
from ._stock import NAME_ZIPF, RARE_ZIPF, zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CLAIM_ENTITY_LABELS", "EXTRA_MARK", "SYNONYMS", "SentenceTerms", "Synonyms", "entity_token", "everyday_frequency", "informative_terms", "sentence_terms", "spans_terms", "split_terms", "synonyms"]

SYNONYMS = "lexicons/synonyms.csv"
#: Separates a sentence's term sequence from its extra terms in the ``terms`` string.
EXTRA_MARK = "|"
#: spaCy entity labels that become ``ent:`` tokens (names, and dates read as dates).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
DATE_LABELS = frozenset({"DATE", "TIME"})
#: Labels of numbers and amounts: their words are read as numbers and units, not as one token.
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: Every label that carries a claim. Unlike ``entities.detect.ENTITY_LABELS`` (names to count and
#: check for misspellings), a claim is also carried by its dates, numbers and amounts.
CLAIM_ENTITY_LABELS = NAME_LABELS | DATE_LABELS | NUMBER_LABELS
#: Words skipped inside a synonym phrase ("leave their homes" = "leave home", "a day" = "day").
SKIPPED = frozenset("a an the their its his her our my your every each this that these those".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_SEASONS = frozenset("spring summer autumn fall winter".split())
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_SYMBOLS = frozenset("%€$£¥")
_MAGNITUDE_BIN = re.compile(r"(?:~|_)e-?\d+$")
_PHRASE_WORD_RE = re.compile(r"[\w.']+|[%€$£¥]")


@dataclass(frozen=True)
class Synonyms:
    """The synonym table as phrases (tuples of words) -> group, and every start of a phrase."""

    phrases: dict[tuple[str, ...], str]
    prefixes: frozenset[tuple[str, ...]]
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group -> its terms, as written

    def group(self, key: str) -> str | None:
        """The group of a whole name or term key ("north korean" -> "north_korea")."""
        return self.phrases.get(tuple(w for w in _PHRASE_WORD_RE.findall(key) if w not in SKIPPED))


def _build(table: pd.DataFrame) -> Synonyms:
    phrases: dict[tuple[str, ...], str] = {}
    for group, term in zip(table["group"], table["term"]):
        words = tuple(w for w in _PHRASE_WORD_RE.findall(term.lower().replace("-", " ")) if w not in SKIPPED)
        if words and group:
            phrases.setdefault(words, group.strip())
    members: dict[str, list[str]] = {}
    for words, group in phrases.items():
        members.setdefault(group, []).append(" ".join(words))
    return Synonyms(phrases, frozenset(p[:n] for p in phrases for n in range(1, len(p) + 1)), {g: tuple(m) for g, m in members.items()})


def synonyms() -> Synonyms:
    """The synonym table (``data/lexicons/synonyms.csv``), rebuilt when the file changes."""
    return resource(SYNONYMS, _build)


def entity_token(text: str, table: Synonyms | None = None) -> str:
    """``ent:KEY`` of an entity: alias-table canonical name, name key, then synonym group."""
    key = canonical_name(text) or text
    key = _ORDINAL_RE.sub(r"\1", name_key(key))
    group = (table or synonyms()).group(key)
    return "ent:" + (group or key).replace(" ", "_")


@dataclass
class SentenceTerms:
    """One sentence's term sequence, its extra terms and the words behind each term."""

    sequence: list[str]
    extras: list[str]
    surfaces: dict[str, list[str]]

    def add(self, term: str, surface: str, extra: bool = False) -> None:
        (self.extras if extra else self.sequence).append(term)
        seen = self.surfaces.setdefault(term, [])
        if surface not in seen:
            seen.append(surface)

    def text(self) -> str:
        """The ``terms`` string: the sequence, :data:`EXTRA_MARK`, the extra terms."""
        return " ".join([*self.sequence, EXTRA_MARK, *self.extras])

    def readable(self) -> str:
        """The term sequence as words (``ent:north_korea`` -> "north korea"), for character n-grams."""
        return " ".join(t.removeprefix("ent:").replace("_", " ") for t in self.sequence)


def _date_terms(ent, out: SentenceTerms, table: Synonyms) -> None:
    """A date as its parts: the words and numbers of the phrase (read like any words), each
    year as ``date:YEAR`` and extra ``date:`` terms for its months, seasons and weekdays."""
    words: list = []
    for t in ent:
        word = t.lower_
        year = year_of(word)
        if year is not None:
            _word_terms(words, out, table)
            words = []
            out.add(f"date:{year}", t.text)
            continue
        words.append(t)
        if word in _MONTHS or word in _SEASONS:
            out.add(f"date:{word}", t.text, extra=True)
        elif word in _WEEKDAYS:
            out.add("date:weekday", t.text, extra=True)
    _word_terms(words, out, table)


def _name_terms(ent, out: SentenceTerms, table: Synonyms) -> None:
    token = entity_token(ent.text, table)
    out.add(token, ent.text)
    if ent.label_ == "PERSON":
        words = token[4:].split("_")
        for word in dict.fromkeys((words[0], words[-1])):
            if len(word) >= 3:
                out.add(f"name:{word}", ent.text, extra=True)


def _word_terms(tokens: list, out: SentenceTerms, table: Synonyms) -> None:
    """Numbers, synonym phrases and content lemmas of a run of tokens outside names and dates."""
    words = [t.lower_ for t in tokens]
    numbers = {s.start: s for s in number_spans(words)}
    k = 0
    while k < len(tokens):
        span = numbers.get(k)
        if span is not None:
            surface = tokens[span.start].doc[tokens[span.start].i : tokens[span.end - 1].i + 1].text
            exact, extras = number_tokens(span.value, span.unit)
            out.add(exact, surface)
            if span.unit:
                out.add(UNIT_TERMS[span.unit], surface)
            for term in extras:
                out.add(term, surface, extra=True)
            k = span.end
            continue
        matched = _synonym_at(tokens, k, table)
        if matched is not None:
            end, group = matched
            out.add(group, tokens[k].doc[tokens[k].i : tokens[end - 1].i + 1].text)
            k = end
            continue
        t = tokens[k]
        if (t.is_alpha or t.like_num) and not t.is_stop:
            out.add(t.lemma_.lower(), t.text)
        k += 1


def _synonym_at(tokens: list, k: int, table: Synonyms) -> tuple[int, str] | None:
    """``(end, group)`` of the longest synonym phrase starting at token ``k``, else None.

    A phrase word matches a token's lemma or lower-cased form; determiners and possessives
    (:data:`SKIPPED`) and hyphens between words are passed over; a phrase of stop words
    only ("us") matches nothing. Candidates are extended only while some phrase starts
    with them, so a token costs a few dictionary lookups.
    """

    def breaks(t) -> bool:
        return t.is_space or (t.is_punct and t.text not in _SYMBOLS)

    if breaks(tokens[k]) or tokens[k].lower_ in SKIPPED:
        return None
    best = None
    keys: list[tuple[str, ...]] = [()]
    content = False
    j = k
    while j < len(tokens) and keys:
        t = tokens[j]
        j += 1
        if t.lower_ in SKIPPED or t.text == "-":
            continue
        if breaks(t):
            break
        content = content or not t.is_stop
        keys = [(*key, w) for key in keys for w in dict.fromkeys((t.lemma_.lower(), t.lower_)) if (*key, w) in table.prefixes]
        group = next((table.phrases[key] for key in keys if key in table.phrases), None)
        if group is not None and content:
            best = (j, group)
    return best


def sentence_terms(doc: Doc, spans: list[tuple[int, int]]) -> list[SentenceTerms]:
    """The terms of each ``[start, end)`` sentence span of ``doc`` (sorted, not overlapping).

    One pass over the Doc places each token and entity (by its first character) with a
    binary search; runs of tokens between entities are read for numbers, synonyms and lemmas.
    """
    table = synonyms()
    starts = [s for s, _ in spans]

    def where(offset: int) -> int:
        k = bisect_right(starts, offset) - 1
        return k if k >= 0 and offset < spans[k][1] else -1

    out = [SentenceTerms([], [], {}) for _ in spans]
    runs: list[list] = [[] for _ in spans]

    def flush(k: int) -> None:
        if k >= 0 and runs[k]:
            _word_terms(runs[k], out[k], table)
            runs[k] = []

    ents = {e.start: e for e in doc.ents if e.label_ in NAME_LABELS or e.label_ in DATE_LABELS}
    i = 0
    while i < len(doc):
        k = where(doc[i].idx)
        ent = ents.get(i)
        if ent is not None:
            flush(k)
            if k >= 0:
                (_name_terms if ent.label_ in NAME_LABELS else _date_terms)(ent, out[k], table)
            i = ent.end
            continue
        if k >= 0:
            if runs[k] and runs[k][-1].i != i - 1:
                flush(k)
            runs[k].append(doc[i])
        i += 1
    for k in range(len(spans)):
        flush(k)
    return out


def spans_terms(articles, docs: Mapping[str, Doc], spans: Mapping[str, list[tuple[int, int]]]) -> dict[str, list[SentenceTerms]]:
    """:func:`sentence_terms` of the listed ``spans`` of each article (a per-article step:
    :func:`newsprism._partitions.map_articles` runs it partition by partition)."""
    return {d: sentence_terms(docs[d], spans[d]) for d in articles["doc_id"] if d in spans}


def everyday_frequency(term: str, table: Synonyms | None = None) -> float:
    """The Zipf frequency of a claim term (without its ``ent:`` prefix) in everyday English: of
    its words ("percentage_point" as "percentage point"), and for a synonym group the highest of
    its members' ("criticise" stands for "criticism" too, so it is as common as that)."""
    members = (table or synonyms()).members.get(term, ())
    return max([zipf(term.replace("_", " ")), *(zipf(m) for m in members)])


def split_terms(terms: str) -> tuple[list[str], list[str]]:
    """A ``terms`` string (:meth:`SentenceTerms.text`) back into its term sequence and its extra terms."""
    words = terms.split()
    cut = words.index(EXTRA_MARK) if EXTRA_MARK in words else len(words)
    return words[:cut], words[cut + 1 :]


def informative_terms(terms: str) -> frozenset[str]:
    """The terms of a ``terms`` string that carry information by themselves, after the first rule
    of the stock judgement (:mod:`._stock`), applied to claim terms rather than to the words of a
    passage (no formula list is consulted): numbers (``num:`` and the bins of close values, not
    the order-of-magnitude bins ``num~e1`` that "58" and "19" share), names (``ent:``) under
    :data:`~._stock.NAME_ZIPF` in everyday English ("Kelby", not "Russia") and other terms under
    :data:`~._stock.RARE_ZIPF` ("dyke", not "tension"), by :func:`everyday_frequency`. Dates and
    first or last names alone are left out (``date:``, ``name:``)."""
    table = synonyms()
    found = set()
    sequence, extras = split_terms(terms)
    for term in sequence + extras:
        if term.startswith(("num:", "num~")):
            if not _MAGNITUDE_BIN.search(term):
                found.add(term)
        elif term.startswith("ent:"):
            if everyday_frequency(term[4:], table) < NAME_ZIPF:
                found.add(term)
        elif not term.startswith(("date:", "name:")) and everyday_frequency(term, table) < RARE_ZIPF:
            found.add(term)
    return frozenset(found)

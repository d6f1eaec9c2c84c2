"""Stock phrasing: is a shared run of words a formula of news, or evidence of reuse?

The judgement reads the words of the passage only, never how many pieces carry it (a
passage many pieces carry is often the strongest sign of a common wire source). It is
:func:`judge_stock`, one ordered list of rules; the first that applies gives the verdict
and its reason:

1. **informative words** make a passage distinctive (not stock): a number (any token with
   a digit); a *name*, a capitalised word inside a sentence whose everyday frequency is
   below :data:`NAME_ZIPF` (people and lesser-known places: "Vladimir", "Jong", "Kursk";
   the countries and capitals every report on a story names, "Russia", "Ukraine",
   "Moscow", stay everyday); a *rare word*, any other content word below
   :data:`RARE_ZIPF` ("echoed", "bolster"). Words inside a listed formula do not count.
2. **quoted words** (a quotation mark on each side of them) are someone's words or
   coinage, not the writer's formula: distinctive.
3. **listed**: when formulas of ``data/lexicons/stock_phrases.csv`` cover all but at most
   :data:`MAX_UNLISTED` of its tokens, the passage is stock (the list holds formulas the
   frequency rule cannot see: content-poor ones, "between the two nations", and ones
   with a word rare in general English, "on condition of anonymity").
4. **long**: a run of :data:`LONG_TOKENS` tokens or more is distinctive, whatever its
   words: lexical bundles of news run three to six words, so a longer shared run is a
   clause or a quotation, copied (a long quote is never stock).
5. **everyday formula**: a short run with at least :data:`MIN_CONTENT` content words,
   all of them everyday words, is stock ("the ongoing conflict in Ukraine").
6. otherwise the run is mostly function words ("note that such a move could"): it names
   nothing a report on the story must name, so it is no formula; it stays evidence (a
   weak one: it is short).

Frequencies are ``wordfreq``'s Zipf values for English (log10 of occurrences per billion
words; shipped with the package). On Zipf's scale 1-3 are low-frequency words and 4-7
high-frequency ones (van Heuven et al., 2014): :data:`RARE_ZIPF` sits between the
bands, :data:`NAME_ZIPF` at the start of the high band, because a name outside the
high band is specific to a story while a lowercase word between 3.5 and 4 is still
common news vocabulary ("sanctions" 3.95, "tensions" 3.78).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import wordfreq
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.resources.files import resource

from .passages import tokenize

__all__ = [
    "LONG_TOKENS",
    "MAX_UNLISTED",
    "MIN_CONTENT",
    "NAME_ZIPF",
    "RARE_ZIPF",
    "STOCK_PHRASES",
    "VERDICT_COLUMNS",
    "StockVerdict",
    "content_word",
    "judge_stock",
    "passage_verdicts",
    "stock_phrases",
    "zipf",
]

STOCK_PHRASES = "lexicons/stock_phrases.csv"
#: A content word less frequent than this (about 3 per million words) is informative.
RARE_ZIPF = 3.5
#: A capitalised word inside a sentence less frequent than this (10 per million) is a name.
NAME_ZIPF = 4.0
#: Runs this long or longer are never stock unless listed formulas make them up.
LONG_TOKENS = 7
#: Tokens a passage may have outside listed formulas and still be judged listed.
MAX_UNLISTED = 2
#: Content words an everyday formula needs (fewer: a run of function words).
MIN_CONTENT = 2

_SENTENCE_END = re.compile(r"[.!?]|\n")
# A quotation: an opening mark not glued to a preceding letter, words, a closing mark not
# followed by a letter (so the apostrophe of "Russia’s" is no quotation mark).
_QUOTED = re.compile(r"(?<!\w)[‘“\"'«](?=\w)[^‘’“”\"«»\n]*?\w[,.!?]?[’”\"'»](?!\w)")


@dataclass(frozen=True)
class StockVerdict:
    """The judgement of one text: ``stock`` and the rule that decided (``reason``)."""

    stock: bool
    reason: str


def _phrase_keys(table) -> tuple[tuple[str, ...], ...]:
    keys = {tokenize(p).keys for p in table["phrase"] if str(p).strip()}
    return tuple(sorted((k for k in keys if k), key=lambda k: (-len(k), k)))


def stock_phrases() -> tuple[tuple[str, ...], ...]:
    """The listed formulas as token-key tuples, longest first (memoised per file version)."""
    return resource(STOCK_PHRASES, _phrase_keys)


def zipf(key: str) -> float:
    """The everyday frequency of a word (or phrase) of English: ``wordfreq``'s Zipf value."""
    return wordfreq.zipf_frequency(key, "en")


def content_word(key: str) -> bool:
    """Whether a token key is a content word: no English stop word, and longer than one
    character or a digit."""
    return key not in ENGLISH_STOP_WORDS and (len(key) > 1 or key.isdigit())


def _listed(keys: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> tuple[list[bool], str]:
    covered = [False] * len(keys)
    found: list[str] = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(keys) - n + 1):
            if keys[i : i + n] == phrase:
                covered[i : i + n] = [True] * n
                if " ".join(phrase) not in found:
                    found.append(" ".join(phrase))
    return covered, "; ".join(found)


def judge_stock(text: str, phrases: tuple[tuple[str, ...], ...] | None = None) -> StockVerdict:
    """Whether ``text`` (a shared passage) is stock phrasing, by the rules of this module."""
    tokens = tokenize(text)
    keys = tokens.keys
    if not keys:
        return StockVerdict(False, "no words")
    covered, listed = _listed(keys, stock_phrases() if phrases is None else phrases)
    for i, key in enumerate(keys):
        if covered[i]:
            continue
        surface = text[tokens.starts[i] : tokens.ends[i]]
        if any(ch.isdigit() for ch in key):
            return StockVerdict(False, f"number: {surface}")
        initial = i == 0 or _SENTENCE_END.search(text[tokens.ends[i - 1] : tokens.starts[i]]) is not None
        # A capitalised word opening a sentence is a name only when a capitalised word follows it.
        named = surface[:1].isupper() and (not initial or (i + 1 < len(keys) and text[tokens.starts[i + 1]].isupper()))
        if named and content_word(key) and zipf(key) < NAME_ZIPF:
            return StockVerdict(False, f"name: {surface}")
        if content_word(key) and zipf(key) < RARE_ZIPF:
            return StockVerdict(False, f"rare word: {surface}")
    quoted = _QUOTED.search(text)
    if quoted:
        return StockVerdict(False, f"quoted: {quoted.group(0)}")
    if listed and covered.count(False) <= MAX_UNLISTED:
        return StockVerdict(True, f"listed: {listed}")
    if len(keys) >= LONG_TOKENS:
        return StockVerdict(False, f"long: {len(keys)} tokens")
    if sum(content_word(k) for k in keys) >= MIN_CONTENT:
        return StockVerdict(True, "everyday words")
    return StockVerdict(False, "function words")


VERDICT_COLUMNS = ["passage_id", "doc_a", "doc_b", "stock", "reason"]


def _overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    return s1 < e2 and s2 < e1


def passage_verdicts(passages: pd.DataFrame) -> pd.DataFrame:
    """The stock judgement of every row of a ``passages`` table.

    A passage is stock when the text of both its sides is (:func:`judge_stock`) and it
    overlaps, on either side, no distinctive passage of the same pair: a formula that is
    part of a longer stretch the two pieces share is judged with that stretch (003 shares
    "defense of sovereignty and territorial integrity" with one place of 000 and the
    words after it, "... a statement that aligns with", with another). ``reason`` names
    the rule that decided (of side a, else of side b).
    """
    phrases = stock_phrases() if len(passages) else ()
    memo: dict[str, StockVerdict] = {}

    def judged(text: str) -> StockVerdict:
        if text not in memo:
            memo[text] = judge_stock(text, phrases)
        return memo[text]

    rows = []
    for r in passages.itertuples(index=False):
        va, vb = judged(str(r.text_a)), judged(str(r.text_b))
        reason = va.reason if (va.stock == vb.stock or not va.stock) else vb.reason
        rows.append({"passage_id": int(r.passage_id), "doc_a": r.doc_a, "doc_b": r.doc_b, "stock": va.stock and vb.stock, "reason": reason})
    table = pd.DataFrame(rows, columns=VERDICT_COLUMNS).astype({"passage_id": "int64", "stock": "bool"})
    spans = passages[["a_start", "a_end", "b_start", "b_end"]].to_numpy(dtype="int64") if len(passages) else None
    for _, group in table.groupby(["doc_a", "doc_b"], sort=True):
        distinct = [i for i in group.index if not table.at[i, "stock"]]
        for i in group.index:
            if not table.at[i, "stock"]:
                continue
            a0, a1, b0, b1 = spans[i]
            for j in distinct:
                c0, c1, d0, d1 = spans[j]
                if _overlaps(a0, a1, c0, c1) or _overlaps(b0, b1, d0, d1):
                    table.at[i, "stock"] = False
                    table.at[i, "reason"] = f"part of distinctive passage {table.at[j, 'passage_id']}"
                    break
    return table

"""Finding entity mentions in one parsed piece: alias ruler, cleaned model spans, titles, surnames.

Used by :mod:`newsprism.stages.entities.mentions` (see its docstring for the rules). Works over the shared
spaCy Doc of :func:`newsprism.nlp.parse.parse_articles` and never modifies the pipeline: the
alias table is matched with token patterns tokenised by the pipeline's tokenizer and
indexed by the string-store hash of the word each can start with. Every step is linear in
the piece's tokens (sections by binary search, surnames through a dictionary).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from newsprism.errors import NewsprismError
from newsprism.nlp.model import load
from newsprism.resources.aliases import ALIAS_FILE, alias_table, name_key
from newsprism.resources.files import data_dir
from newsprism.resources.titles import title_kind

__all__ = [
    "DETERMINERS",
    "ENTITY_LABELS",
    "AliasRow",
    "Mention",
    "alias_finder",
    "alias_rows",
    "clean_span",
    "detect_mentions",
    "find_alias",
    "name_index",
    "surname_keys",
]

#: spaCy labels kept as entities (numbers, dates and quantities are not entities here).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
DETERMINERS = frozenset({"the", "a", "an"})
_HEADING_SECTIONS = frozenset({"headline", "subheading"})
_CONTEXT_LABELS = frozenset({"NORP", "GPE", "ORG", "LOC"})
_HYPHENS = ["-", "\u2010", "\u2011"]
_POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019", "s'", "s\u2019"})
_NAME_TITLES = frozenset({"office", "rank", "honorific"})



@dataclass(frozen=True)
class AliasRow:
    canonical: str
    alias: str
    label: str
    side: str
    kind: str


def alias_rows() -> tuple[AliasRow, ...]:
    """The alias table's rows (cached until the file changes)."""
    try:
        stamp = (data_dir() / ALIAS_FILE).stat().st_mtime_ns
    except OSError:
        stamp = -1  # alias_table() raises the one-line error
    return _alias_rows(str(data_dir() / ALIAS_FILE), stamp)


@lru_cache(maxsize=4)
def _alias_rows(path: str, stamp: int) -> tuple[AliasRow, ...]:
    table = alias_table()
    missing = {"canonical", "alias", "label"} - set(table.columns)
    if missing:
        raise NewsprismError(f"data/aliases/entities.csv: lacks column(s) {', '.join(sorted(missing))}")
    get = lambda row, col: str(getattr(row, col, "") or "").strip()  # noqa: E731
    return tuple(
        AliasRow(get(r, "canonical"), get(r, "alias"), get(r, "label"), get(r, "side"), get(r, "kind"))
        for r in table.itertuples(index=False)
        if get(r, "canonical") and get(r, "alias")
    )


@lru_cache(maxsize=4)
def name_index(rows: tuple[AliasRow, ...], roles: bool = False) -> dict[str, AliasRow]:
    """name_key -> alias row (name rows, or with ``roles`` only role rows); first row wins."""
    index: dict[str, AliasRow] = {}
    for row in rows:
        if (row.kind == "role") != roles:
            continue
        index.setdefault(name_key(row.alias), row)
        if not roles:
            index.setdefault(name_key(row.canonical), AliasRow(row.canonical, row.canonical, row.label, row.side, "name"))
    return index


@lru_cache(maxsize=4)
def _compact_index(rows: tuple[AliasRow, ...]) -> dict[str, AliasRow]:
    """:func:`~newsprism.resources.aliases.compact_key` -> name row, for keys only one canonical has."""
    found: dict[str, list[AliasRow]] = defaultdict(list)
    for key, row in name_index(rows).items():
        found[key.replace(" ", "")].append(row)
    return {key: hits[0] for key, hits in found.items() if len({h.canonical for h in hits}) == 1}


def find_alias(rows: tuple[AliasRow, ...], key: str) -> AliasRow | None:
    """The alias-table name row for a :func:`~newsprism.resources.aliases.name_key`, else the row
    whose key differs from it only in spacing ("kim jongun" -> Kim Jong Un), else None."""
    return alias_finder(rows)(key)


def alias_finder(rows: tuple[AliasRow, ...]) -> Callable[[str], AliasRow | None]:
    """:func:`find_alias` for many keys: the indexes are fetched once."""
    names, compact = name_index(rows), _compact_index(rows)
    return lambda key: names.get(key) or compact.get(key.replace(" ", ""))


def _apostrophe_forms(word: str) -> list[str]:
    return sorted({word, word.replace("'", "\u2019"), word.replace("\u2019", "'")})


#: A ruler pattern: the row's index and its items, each a set of lower-case word forms or
#: ``None`` for an optional hyphen.
_Pattern = tuple[int, tuple[frozenset[str] | None, ...]]


@lru_cache(maxsize=4)
def _ruler(rows: tuple[AliasRow, ...]) -> dict[int, list[_Pattern]]:
    """Token patterns of the alias table's name rows (roles are not names), indexed by the
    string-store hash of each lower-case form a match can start with.

    Each alias is tokenised by the pipeline's tokenizer; words match case-insensitively
    (either apostrophe), and a hyphen between two words, or in the alias, is optional.
    Only tokens whose lower-case form opens a pattern are tried (instead of spaCy's
    ``Matcher``, which on a long article advances every pattern at every token)."""
    nlp = load()
    by_first: dict[int, list[_Pattern]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.kind == "role":
            continue
        words = [t for t in nlp.tokenizer(row.alias) if not t.is_space]
        items: list[frozenset[str] | None] = []
        for k, tok in enumerate(words):
            if tok.text in _HYPHENS:
                items.append(None)
                continue
            if k and words[k - 1].text not in _HYPHENS and tok.is_alpha and words[k - 1].is_alpha:
                items.append(None)
            items.append(frozenset(_apostrophe_forms(tok.lower_)))
        if not items:
            continue
        pattern = (i, tuple(items))
        first = items[0] if items[0] is not None else items[1] if len(items) > 1 else None
        openers = set(first or ()) | (set(_HYPHENS) if items[0] is None else set())
        for form in sorted(openers):
            by_first[nlp.vocab.strings.add(form)].append(pattern)
    return dict(by_first)


def _pattern_ends(doc, start: int, items: tuple[frozenset[str] | None, ...]) -> set[int]:
    """Token ends of every match of ``items`` starting at token ``start``."""
    ends: set[int] = set()
    stack = [(start, 0)]
    n = len(doc)
    while stack:
        pos, k = stack.pop()
        if k == len(items):
            if pos > start:
                ends.add(pos)
            continue
        item = items[k]
        if item is None:
            stack.append((pos, k + 1))
            if pos < n and doc[pos].text in _HYPHENS:
                stack.append((pos + 1, k + 1))
        elif pos < n and doc[pos].lower_ in item:
            stack.append((pos + 1, k + 1))
    return ends


def _ruler_spans(doc, rows: tuple[AliasRow, ...]) -> list[tuple[int, int, AliasRow]]:
    """Non-overlapping alias matches (longest, then earliest, then the row whose key fits)."""
    from spacy.attrs import LOWER

    found = []
    by_first = _ruler(rows)
    if not by_first or not len(doc):
        return []
    lowers = doc.to_array([LOWER]).reshape(-1).tolist()
    for s, lower in enumerate(lowers):
        candidates = by_first.get(lower)
        if not candidates:
            continue
        matches = {(e, row_index) for row_index, items in candidates for e in _pattern_ends(doc, s, items)}
        for e, row_index in sorted(matches):
            row = rows[row_index]
            text = doc[s:e].text
            if row.alias.isupper() and not text.isupper():
                continue
            if row.alias[:1].isupper() and not text[:1].isupper():
                continue
            exact = name_key(text) == name_key(row.alias)
            found.append((s, e, 0 if exact else 1, row_index))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], f[2], f[3]))
    taken: set[int] = set()
    out = []
    for s, e, _, row_index in found:
        if taken.isdisjoint(range(s, e)):
            taken.update(range(s, e))
            out.append((s, e, rows[row_index]))
    return sorted(out, key=lambda f: f[0])


# ----------------------------------------------------------------------------- detection


@dataclass
class Mention:
    doc_id: str
    ts: int
    te: int
    start: int
    end: int
    text: str
    label: str
    ner_label: str
    found_by: str
    section: str
    alias: AliasRow | None = None
    base: str = ""
    how: str = ""
    role: str = ""
    #: canonical entity and side, set by :func:`newsprism.stages.entities.merge.canonicalise`
    entity: str = ""
    side: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def words(self) -> list[str]:
        return name_key(self.text).split()


def _is_break(token) -> bool:
    return token.is_space or "\n" in token.text


def clean_span(doc, ts: int, te: int) -> list[tuple[int, int]]:
    """Token ranges left of a model entity after splitting at line breaks (and masked
    blanks) and trimming leading determiners, trailing possessives and punctuation."""
    pieces, cur = [], ts
    for i in range(ts, te):
        if _is_break(doc[i]):
            if cur < i:
                pieces.append((cur, i))
            cur = i + 1
    if cur < te:
        pieces.append((cur, te))
    out = []
    for a, b in pieces:
        while a < b and (doc[a].lower_ in DETERMINERS or doc[a].is_punct):
            a += 1
        while b > a and (doc[b - 1].text in _POSSESSIVES or doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


class _Sections:
    """The section at a raw offset, by binary search over the piece's segments."""

    def __init__(self, segments) -> None:
        self._segments = sorted(segments, key=lambda seg: (seg.start, seg.end))
        self._starts = [seg.start for seg in self._segments]

    def at(self, start: int) -> str:
        k = bisect.bisect_right(self._starts, start) - 1
        while k >= 0:
            seg = self._segments[k]
            if seg.start <= start < seg.end:
                return seg.section
            if seg.end <= start:
                return ""
            k -= 1
        return ""


def _ner_spans(doc) -> list[tuple[int, int, str]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        for a, b in clean_span(doc, ent.start, ent.end):
            if all(title_kind(doc[k].text) or doc[k].is_punct for k in range(a, b)):
                continue  # "Defense" (ORG) in "Russian Defense Minister"
            if ent.label_ == "PERSON":
                while a < b and (title_kind(doc[a].text) or doc[a].is_punct):
                    a += 1
            if a < b and any(ch.isupper() for ch in doc[a:b].text):
                out.append((a, b, ent.label_))
    return out


def _confirmed_prefix(doc, a: int, b: int, confirmed: set[str]) -> int | None:
    """End of the longest token prefix of ``doc[a:b]`` whose name key is confirmed."""
    for end in range(b, a, -1):
        if doc[end - 1].is_punct:
            continue
        if name_key(doc[a:end].text) in confirmed:
            return end
    return None


def _title_spans(doc, covered: set[int]) -> list[tuple[int, int]]:
    """Capitalised word runs right after a title word: "General [No Gwansik]"."""
    out = []
    n = len(doc)
    for i in range(n - 1):
        if title_kind(doc[i].text) not in _NAME_TITLES:
            continue
        j = end = i + 1
        while j < n and j not in covered and not _is_break(doc[j]):
            tok = doc[j]
            if tok.text in _HYPHENS and j > i + 1 and j + 1 < n and doc[j + 1].is_alpha and j + 1 not in covered:
                j = end = j + 2
            elif tok.is_alpha and tok.text[:1].isupper() and not title_kind(tok.text):
                j = end = j + 1
            else:
                break
        if end == i + 1 or (end - i - 1 == 1 and doc[i + 1].is_stop):
            continue
        out.append((i + 1, end))
    return out


def surname_keys(words: list[str]) -> set[str]:
    """Bare forms that stand for a full name: the last word, and the first of 3+ words
    (Korean family name first: "Kim" for "Kim Jong Un") unless it is a stop word ("No")."""
    keys = {words[-1]}
    if len(words) >= 3 and words[0] not in load().Defaults.stop_words:
        keys.add(words[0])
    return keys


def _role_tokens(doc, ts: int, te: int, context: set[int]) -> tuple[int, int] | None:
    """Token range of the title/role attached to the person at ``doc[ts:te]``, else None.

    Before the name: a chain of title words and nationality/organisation words ending
    right before it ("Russian Deputy Foreign Minister Andrei Rudenko") or before a comma
    ("press secretary, Dmitry Peskov"). After it: ", the Kremlin spokesman,".
    """

    def admissible(k: int) -> bool:
        tok = doc[k]
        if title_kind(tok.text) or k in context:
            return True
        return tok.text in _POSSESSIVES and k - 1 in context

    def chain_back(last: int) -> tuple[int, int] | None:
        if last < 0 or title_kind(doc[last].text) not in _NAME_TITLES:
            return None
        k = last
        while k - 1 >= 0 and (admissible(k - 1) or (doc[k - 1].lower_ in ("of", "the") and k - 2 >= 0 and admissible(k - 2))):
            k -= 1
        while k < last and (doc[k].lower_ in ("of", "the") or doc[k].text in _POSSESSIVES):
            k += 1
        return k, last + 1

    before = ts - 1
    found = chain_back(before - 1) if before >= 0 and doc[before].text == "," else chain_back(before)
    if found:
        return found
    k = te
    if k + 1 < len(doc) and doc[k].text == ",":
        a = k + 1
        if doc[a].lower_ in DETERMINERS:
            a += 1
        b = a
        while b < len(doc) and admissible(b):
            b += 1
        if b > a and title_kind(doc[b - 1].text) in _NAME_TITLES and (b == len(doc) or doc[b].is_punct or _is_break(doc[b])):
            return a, b
    return None


def detect_mentions(doc_id: str, doc, segments, rows: tuple[AliasRow, ...]) -> list[Mention]:
    """Mentions of one piece: ruler, model, title and surname spans, merged and labelled."""
    alias_keys = set(name_index(rows))
    section_at = _Sections(segments).at

    def mention(a: int, b: int, label: str, ner_label: str, found_by: str, alias: AliasRow | None = None) -> Mention:
        span = doc[a:b]
        return Mention(doc_id, a, b, span.start_char, span.end_char, span.text, label, ner_label, found_by, section_at(span.start_char), alias)

    ruler = _ruler_spans(doc, rows)
    ner = _ner_spans(doc)
    # a bare surname alias inside a longer model PERSON span belongs to that span
    ner_persons = [(a, b) for a, b, label in ner if label == "PERSON"]
    ruler = [
        (s, e, row)
        for s, e, row in ruler
        if not (row.kind == "surname" and any(a <= s and e <= b and (b - a) > (e - s) for a, b in ner_persons))
    ]
    accepted: list[Mention] = []
    covered: set[int] = set()

    def accept(m: Mention) -> None:
        if covered.isdisjoint(range(m.ts, m.te)):
            accepted.append(m)
            covered.update(range(m.ts, m.te))

    ner_labels = {(a, b): label for a, b, label in ner}
    for s, e, row in ruler:
        accept(mention(s, e, row.label or ner_labels.get((s, e), ""), ner_labels.get((s, e), ""), "ruler", row))
    body_ner = [(a, b, label) for a, b, label in ner if section_at(doc[a].idx) not in _HEADING_SECTIONS]
    confirmed = set(alias_keys)
    for m in accepted:
        confirmed.add(name_key(m.text))
    for a, b, label in body_ner:
        words = name_key(doc[a:b].text).split()
        confirmed.add(" ".join(words))
        if label == "PERSON" and len(words) >= 2:
            confirmed |= surname_keys(words)
    for a, b, label in ner:
        if section_at(doc[a].idx) in _HEADING_SECTIONS:
            end = _confirmed_prefix(doc, a, b, confirmed)
            if end is None:
                continue
            b = end
        accept(mention(a, b, label, label, "ner"))
    for a, b in _title_spans(doc, covered):
        if section_at(doc[a].idx) in _HEADING_SECTIONS and _confirmed_prefix(doc, a, b, confirmed) != b:
            continue
        accept(mention(a, b, "PERSON", "", "title"))
    # bare surnames of people named in full in this piece
    surnames: dict[str, str] = {}
    for m in sorted(accepted, key=lambda m: m.start):
        if m.label == "PERSON" and len(m.words) >= 2:
            for key in surname_keys(m.words):
                surnames.setdefault(key, m.text)
    for i, tok in enumerate(doc):
        if i in covered or not tok.is_alpha or not tok.text[:1].isupper() or tok.text.casefold() not in surnames:
            continue
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper():
            continue  # part of another capitalised name
        accept(mention(i, i + 1, "PERSON", "", "surname"))
    accepted.sort(key=lambda m: (m.start, m.end))
    # one-word mentions that shorten a full name in this piece become PERSON
    for m in accepted:
        if len(m.words) == 1 and m.found_by != "ruler" and m.words[0] in surnames:
            m.label = "PERSON"
    context = {k for m in accepted if m.label in _CONTEXT_LABELS for k in range(m.ts, m.te)}
    for m in accepted:
        if m.label == "PERSON":
            found = _role_tokens(doc, m.ts, m.te, context)
            if found:
                m.role = doc[found[0] : found[1]].text
    _resolve_in_piece(accepted)
    return accepted


def _resolve_in_piece(mentions: list[Mention]) -> None:
    """Point one-word PERSON mentions at the full name they shorten (nearest earlier, else first later)."""
    full: dict[str, list[Mention]] = defaultdict(list)  # surname key -> full names, in order
    for f in mentions:
        if f.label == "PERSON" and len(f.words) >= 2:
            for key in surname_keys(f.words):
                full[key].append(f)
    starts = {key: [f.start for f in found] for key, found in full.items()}
    for m in mentions:
        m.base = m.text
        if m.label != "PERSON" or len(m.words) != 1:
            continue
        candidates = full.get(m.words[0])
        if not candidates:
            continue
        k = bisect.bisect_left(starts[m.words[0]], m.start)  # candidates starting before m
        chosen = candidates[k - 1] if k else candidates[0]
        m.base = chosen.text
        m.how = "surname"

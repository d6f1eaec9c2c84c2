"""Finding entity mentions in one parsed piece: alias ruler, cleaned model spans, titles, surnames.

Used by :mod:`newsprism.entities` (see its docstring for the rules). Works over the shared
spaCy Doc of :func:`newsprism.parsing.parse_articles` and never modifies the pipeline: the
alias table is matched with a spaCy ``Matcher`` built on the pipeline's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .aliases import alias_table, name_key
from .errors import NewsprismError
from .nlp import load
from .titles import title_kind

__all__ = ["DETERMINERS", "ENTITY_LABELS", "AliasRow", "Mention", "alias_rows", "clean_span", "detect_mentions", "name_index", "surname_keys"]

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


def _apostrophe_forms(word: str) -> list[str]:
    return sorted({word, word.replace("'", "\u2019"), word.replace("\u2019", "'")})


@lru_cache(maxsize=4)
def _ruler(rows: tuple[AliasRow, ...]):
    """A spaCy Matcher over the alias table's name rows (roles are not names)."""
    from spacy.matcher import Matcher

    nlp = load()
    matcher = Matcher(nlp.vocab)
    for i, row in enumerate(rows):
        if row.kind == "role":
            continue
        words = [t for t in nlp.tokenizer(row.alias) if not t.is_space]
        pattern: list[dict] = []
        for k, tok in enumerate(words):
            if tok.text in _HYPHENS:
                pattern.append({"ORTH": {"IN": _HYPHENS}, "OP": "?"})
                continue
            if k and words[k - 1].text not in _HYPHENS and tok.is_alpha and words[k - 1].is_alpha:
                pattern.append({"ORTH": {"IN": _HYPHENS}, "OP": "?"})
            pattern.append({"LOWER": {"IN": _apostrophe_forms(tok.lower_)}})
        if pattern:
            matcher.add(f"newsprism_alias_{i}", [pattern])
    return matcher


def _ruler_spans(doc, rows: tuple[AliasRow, ...]) -> list[tuple[int, int, AliasRow]]:
    """Non-overlapping alias matches (longest, then earliest, then the row whose key fits)."""
    strings = doc.vocab.strings
    found = []
    matcher = _ruler(rows)
    if len(matcher) == 0:
        return []
    for match_id, s, e in matcher(doc):
        row_index = int(strings[match_id].rsplit("_", 1)[1])
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


def _section_at(segments, start: int) -> str:
    for seg in segments:
        if seg.start <= start < seg.end:
            return seg.section
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

    def mention(a: int, b: int, label: str, ner_label: str, found_by: str, alias: AliasRow | None = None) -> Mention:
        span = doc[a:b]
        return Mention(doc_id, a, b, span.start_char, span.end_char, span.text, label, ner_label, found_by, _section_at(segments, span.start_char), alias)

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
    body_ner = [(a, b, label) for a, b, label in ner if _section_at(segments, doc[a].idx) not in _HEADING_SECTIONS]
    confirmed = set(alias_keys)
    for m in accepted:
        confirmed.add(name_key(m.text))
    for a, b, label in body_ner:
        words = name_key(doc[a:b].text).split()
        confirmed.add(" ".join(words))
        if label == "PERSON" and len(words) >= 2:
            confirmed |= surname_keys(words)
    for a, b, label in ner:
        if _section_at(segments, doc[a].idx) in _HEADING_SECTIONS:
            end = _confirmed_prefix(doc, a, b, confirmed)
            if end is None:
                continue
            b = end
        accept(mention(a, b, label, label, "ner"))
    for a, b in _title_spans(doc, covered):
        if _section_at(segments, doc[a].idx) in _HEADING_SECTIONS and _confirmed_prefix(doc, a, b, confirmed) != b:
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
    full = [m for m in mentions if m.label == "PERSON" and len(m.words) >= 2]
    for m in mentions:
        m.base = m.text
        if m.label != "PERSON" or len(m.words) != 1:
            continue
        candidates = [f for f in full if m.words[0] in surname_keys(f.words)]
        if not candidates:
            continue
        earlier = [f for f in candidates if f.start < m.start]
        chosen = earlier[-1] if earlier else candidates[0]
        m.base = chosen.text
        m.how = "surname"

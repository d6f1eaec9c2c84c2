"""Finding entity mentions in one parsed piece: alias ruler, cleaned model spans, titles, surnames.

Used by :mod:`newsprism.stages.entities.mentions` (see its docstring for the rules). Works over the shared
spaCy Doc of :func:`newsprism.nlp.parse.parse_articles` and never modifies the pipeline: the
alias table is matched by :class:`newsprism.nlp.matchers.AliasRuler` (spaCy's
PhraseMatcher), title and role words by :mod:`newsprism.stages.entities._roles`. Every
step is linear in the piece's tokens (sections by binary search, surnames through a
dictionary).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from newsprism.nlp.matchers import AliasRuler
from newsprism.nlp.model import load
from newsprism.resources.aliases import AliasIndex, AliasRow, name_key
from newsprism.resources.titles import title_kind
from newsprism.resources.words import ARTICLES
from newsprism.text.spans import SpanLookup

from ._roles import POSSESSIVES, is_break, role_tokens, title_spans

__all__ = [
    "ENTITY_LABELS",
    "Mention",
    "clean_span",
    "detect_mentions",
    "surname_keys",
]

#: spaCy labels kept as entities (numbers, dates and quantities are not entities here).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_HEADING_SECTIONS = frozenset({"headline", "subheading"})
_CONTEXT_LABELS = frozenset({"NORP", "GPE", "ORG", "LOC"})


@dataclass
class Mention:
    """One mention: token range ``ts:te``, raw offsets, what found it, and what merging adds."""

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


def clean_span(doc, ts: int, te: int) -> list[tuple[int, int]]:
    """Token ranges left of a model entity after splitting at line breaks (and masked
    blanks) and trimming leading determiners, trailing possessives and punctuation."""
    pieces, cur = [], ts
    for i in range(ts, te):
        if is_break(doc[i]):
            if cur < i:
                pieces.append((cur, i))
            cur = i + 1
    if cur < te:
        pieces.append((cur, te))
    out = []
    for a, b in pieces:
        while a < b and (doc[a].lower_ in ARTICLES or doc[a].is_punct):
            a += 1
        while b > a and (doc[b - 1].text in POSSESSIVES or doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


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


def surname_keys(words: list[str]) -> set[str]:
    """Bare forms that stand for a full name: the last word, and the first of 3+ words
    (Korean family name first: "Kim" for "Kim Jong Un") unless it is a stop word ("No")."""
    keys = {words[-1]}
    if len(words) >= 3 and words[0] not in load().Defaults.stop_words:
        keys.add(words[0])
    return keys


def detect_mentions(doc_id: str, doc, segments, aliases: AliasIndex, ruler: AliasRuler) -> list[Mention]:
    """Mentions of one piece: ruler, model, title and surname spans, merged and labelled.

    ``aliases`` and ``ruler`` are :func:`~newsprism.resources.aliases.alias_index` and
    :func:`~newsprism.nlp.matchers.alias_ruler` (fetched once for a corpus)."""
    alias_keys = set(aliases.names)
    sections = SpanLookup([(seg.start, seg.end) for seg in segments], [seg.section for seg in segments])

    def section_at(offset: int) -> str:
        return sections.at(offset, "")

    def mention(a: int, b: int, label: str, ner_label: str, found_by: str, alias: AliasRow | None = None) -> Mention:
        span = doc[a:b]
        return Mention(doc_id, a, b, span.start_char, span.end_char, span.text, label, ner_label, found_by, section_at(span.start_char), alias)

    ruled = ruler(doc)
    ner = _ner_spans(doc)
    # a bare surname alias inside a longer model PERSON span belongs to that span (model
    # spans never overlap, so the one holding its first token is the only candidate)
    persons = SpanLookup([(a, b) for a, b, label in ner if label == "PERSON"])

    def inside_person(s: int, e: int) -> bool:
        k = persons.index_at(s)
        return k >= 0 and e <= persons.ends[k] and persons.ends[k] - persons.starts[k] > e - s

    ruled = [(s, e, row) for s, e, row in ruled if not (row.kind == "surname" and inside_person(s, e))]
    accepted: list[Mention] = []
    covered: set[int] = set()

    def accept(m: Mention) -> None:
        if covered.isdisjoint(range(m.ts, m.te)):
            accepted.append(m)
            covered.update(range(m.ts, m.te))

    ner_labels = {(a, b): label for a, b, label in ner}
    for s, e, row in ruled:
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
    for a, b in title_spans(doc, covered):
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
            found = role_tokens(doc, m.ts, m.te, context)
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

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

from ._heads import heads, relabel
from ._roles import POSSESSIVES, is_break, role_tokens, title_spans
from ._shapes import name_shapes, overrides
from .transliteration import is_korean_name, name_parts, transliteration

__all__ = [
    "ENTITY_LABELS",
    "Mention",
    "clean_span",
    "detect_mentions",
    "known_surnames",
    "needs_known",
    "person_keys",
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


def _trimmed(doc, a: int, b: int) -> tuple[int, int] | None:
    """``doc[a:b]`` without leading articles and trailing punctuation, if a name is left."""
    while a < b and (doc[a].lower_ in ARTICLES or doc[a].is_punct or doc[a].lower_ in ("of", "and")):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].lower_ in ("of", "the", "and") or doc[b - 1].text in POSSESSIVES):
        b -= 1
    if a < b and any(ch.isupper() for ch in doc[a:b].text) and not all(title_kind(doc[k].text) or doc[k].is_punct for k in range(a, b)):
        return a, b
    return None


def _with_shapes(doc, model: list[tuple[int, int, str]], shapes: list[tuple[int, int]], labels: dict) -> tuple[list[tuple[int, int, str]], dict]:
    """The model's spans with the name-shaped runs that replace them (:func:`._shapes.overrides`):
    a replaced span keeps what is left of it on either side ("Russian Security Council" of
    "Russian Security Council Sergey Shoygu"). Returns the spans in order and
    ``{span: "pattern"}`` for the runs (the remainders are added to ``labels``)."""
    spans = list(model)
    found_by = {}
    for s, e in shapes:
        hit = [(a, b, label) for a, b, label in spans if a < e and s < b]
        if not all(overrides((s, e), (a, b), label) for a, b, label in hit):
            continue
        for a, b, label in hit:
            spans.remove((a, b, label))
            for piece in (_trimmed(doc, a, s), _trimmed(doc, e, b)):
                if piece:
                    spans.append((*piece, label))
                    labels.setdefault(piece, label)
        if (s, e) not in labels or labels[(s, e)] != "PERSON":
            found_by[(s, e)] = "pattern"
        spans.append((s, e, "PERSON"))
    return sorted(spans), found_by


def person_keys(words: list[str]) -> set[str]:
    """:func:`surname_keys`, but a Korean name (:func:`~newsprism.stages.entities.transliteration.is_korean_name`)
    is shortened to its family name only ("No" for "No Kwang Chol", "Park" for "Park Jin")."""
    return {words[0]} if is_korean_name(words) else surname_keys(words)


def surname_keys(words: list[str]) -> set[str]:
    """Bare forms that stand for a full name: the last word, and the first of 3+ words
    (Korean family name first: "Kim" for "Kim Jong Un") unless it is a stop word ("No")."""
    keys = {words[-1]}
    if len(words) >= 3 and words[0] not in load().Defaults.stop_words:
        keys.add(words[0])
    return keys


def _surname_form(tok) -> str:
    return transliteration().form(name_key(tok.text), "slavic", table=False)[0]


def known_surnames(mentions: list[Mention]) -> frozenset[str]:
    """The family-name forms (:func:`~newsprism.stages.entities.transliteration.name_parts`)
    of the people among ``mentions``: full names and one-word names the model reads as a
    person, Korean family names left out (a Korean name has its own shape)."""
    found = set()
    for m in mentions:
        if m.label != "PERSON" or not m.words:
            continue
        parts = name_parts(m.text)
        full = len(m.words) >= 2 and parts.system == "slavic" and not parts.initial
        if full or (len(m.words) == 1 and m.found_by == "ner" and transliteration().family_name(m.words[0]) is None):
            found.add(parts.family_form)
    return frozenset(found)


def needs_known(doc, segments, known: frozenset[str]) -> bool:
    """Whether ``known`` surnames can change the mentions of ``doc``: a name-shaped run the
    first pass did not find, or a person in a headline whose surname the corpus knows."""
    if not known:
        return False
    words = heads().last_words
    if name_shapes(doc, words, known) != name_shapes(doc, words):
        return True
    headings = [(seg.start, seg.end) for seg in segments if seg.section in _HEADING_SECTIONS]
    return any(ent.label_ == "PERSON" and _surname_form(ent[-1]) in known and any(a <= ent.start_char < b for a, b in headings) for ent in doc.ents)


def detect_mentions(doc_id: str, doc, segments, aliases: AliasIndex, ruler: AliasRuler, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Mentions of one piece: ruler, model, name-shape, title, head-word and surname spans,
    merged and labelled.

    ``aliases`` and ``ruler`` are :func:`~newsprism.resources.aliases.alias_index` and
    :func:`~newsprism.nlp.matchers.alias_ruler` (fetched once for a corpus); ``known``
    the corpus's :func:`known_surnames` (second pass)."""
    alias_keys = set(aliases.names)
    sections = SpanLookup([(seg.start, seg.end) for seg in segments], [seg.section for seg in segments])

    def section_at(offset: int) -> str:
        return sections.at(offset, "")

    def mention(a: int, b: int, label: str, ner_label: str, found_by: str, alias: AliasRow | None = None) -> Mention:
        span = doc[a:b]
        return Mention(doc_id, a, b, span.start_char, span.end_char, span.text, label, ner_label, found_by, section_at(span.start_char), alias)

    ruled = ruler(doc)
    model = _ner_spans(doc)
    model_labels = {(a, b): label for a, b, label in model}
    table = heads()
    shapes = [(a, b) for a, b in name_shapes(doc, table.last_words, known) if not any(s < b and a < e and not (row.kind == "surname" and a <= s and e <= b) for s, e, row in ruled)]
    ner, found_by = _with_shapes(doc, model, shapes, model_labels)
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

    for s, e, row in ruled:
        accept(mention(s, e, row.label or model_labels.get((s, e), ""), model_labels.get((s, e), ""), "ruler", row))
    body_ner = [(a, b, label) for a, b, label in ner if section_at(doc[a].idx) not in _HEADING_SECTIONS]
    confirmed = set(alias_keys)
    for m in accepted:
        confirmed.add(name_key(m.text))
    for a, b, label in body_ner:
        words = name_key(doc[a:b].text).split()
        confirmed.add(" ".join(words))
        if label == "PERSON" and len(words) >= 2:
            confirmed |= surname_keys(words)
    body_people = {name_key(doc[b - 1].text) for a, b, label in body_ner if label == "PERSON"}
    for a, b, label in ner:
        how = found_by.get((a, b), "ner")
        ner_label = label if how == "ner" else model_labels.get((a, b), "")
        if section_at(doc[a].idx) in _HEADING_SECTIONS:
            end = _confirmed_prefix(doc, a, b, confirmed)
            if end is None and label == "PERSON" and ((b - a >= 2 and name_key(doc[b - 1].text) in body_people) or _surname_form(doc[b - 1]) in known):
                end = b  # the body ("Volodin") or another piece names the person
            if end is None:
                continue
            b = end
        accept(mention(a, b, label, ner_label, how))
    for a, b in title_spans(doc, covered, table.last_words):
        if section_at(doc[a].idx) in _HEADING_SECTIONS and _confirmed_prefix(doc, a, b, confirmed) != b:
            continue
        accept(mention(a, b, "PERSON", "", "title"))

    def reshape(m: Mention, a: int, b: int) -> None:
        grown = set(range(a, b)) - set(range(m.ts, m.te))
        if covered.isdisjoint(grown):
            covered.update(grown)
            span = doc[a:b]
            m.ts, m.te, m.start, m.end, m.text = a, b, span.start_char, span.end_char, span.text

    def drop(m: Mention) -> None:
        accepted[:] = [o for o in accepted if o is not m]
        covered.difference_update(range(m.ts, m.te))

    relabel(doc, accepted, covered, lambda a, b, label: accept(mention(a, b, label, model_labels.get((a, b), ""), "pattern")), reshape, drop)
    # bare surnames of people named in full in this piece
    surnames: dict[str, str] = {}
    for m in sorted(accepted, key=lambda m: m.start):
        if m.label == "PERSON" and len(m.words) >= 2:
            for key in person_keys(m.words):
                surnames.setdefault(key, m.text)
    for i, tok in enumerate(doc):
        if i in covered or not tok.is_alpha or not tok.text[:1].isupper() or tok.text.casefold() not in surnames:
            continue
        if tok.is_stop and tok.pos_ != "PROPN":
            continue  # "No further details": the word, not the family name No
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
    """Point one-word PERSON mentions at the full name they shorten: the person an earlier
    bare mention of that surname named (a piece keeps "Mr Kim" for one person), else the
    nearest earlier full name, else the first later one."""
    full: dict[str, list[Mention]] = defaultdict(list)  # surname key -> full names, in order
    for f in mentions:
        if f.label == "PERSON" and len(f.words) >= 2:
            for key in person_keys(f.words):
                full[key].append(f)
    starts = {key: [f.start for f in found] for key, found in full.items()}
    named: dict[str, str] = {}  # surname key -> the full name its last bare mention resolved to
    for m in mentions:
        m.base = m.text
        if m.label != "PERSON" or len(m.words) != 1:
            continue
        key = m.words[0]
        candidates = full.get(key)
        if not candidates:
            continue
        k = bisect.bisect_left(starts[key], m.start)  # candidates starting before m
        chosen = named.get(key) or (candidates[k - 1] if k else candidates[0]).text
        m.base = chosen
        m.how = "surname"
        if k:
            named[key] = chosen

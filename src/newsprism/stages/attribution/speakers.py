"""Who a speaker phrase names: canonical source, source kind and side.

A speaker in the parse is a head token ("Rudenko", "secretary", "analysts", "he"). This
module turns it into a :class:`Speaker`:

- names, titled names, roles and surnames go through :func:`canonical_source`, the one
  place that asks the entities stage (:func:`newsprism.stages.entities.resolve.resolve_name`) for the
  canonical entity, trying the whole phrase and then its shorter right-hand parts
  ("Russia’s Putin" -> "Putin" -> Vladimir Putin; "state news agency KCNA" -> KCNA);
- an apposition names the speaker ("Putin’s press secretary, Dmitry Peskov");
- "he", "she", "his", "her" resolve to the most recent person mentioned earlier in the
  piece (the entities stage's mentions);
- unnamed sources ("analysts", "Russian officials", "some", "reports") come from
  ``data/lexicons/attribution_words.csv`` and keep their nationality as their side.

``source_kind`` is person, organization, media or anonymous; ``side`` comes from the alias
table (:func:`newsprism.resources.aliases.alias_index`, the one index of the table), else
from a nationality word in the phrase ("Russian officials" -> Russian), else "unknown".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from newsprism.resources.aliases import alias_index, entity_info, name_key
from newsprism.resources.files import resource
from newsprism.resources.words import DETERMINERS as _DETERMINERS
from newsprism.stages.entities.resolve import mention_index, resolve_name

__all__ = [
    "SOURCE_KINDS",
    "Speaker",
    "SpeakerResolver",
    "attribution_words",
    "canonical_source",
    "nationality_side",
    "source_kind_of",
]

#: Values of ``source_kind``.
SOURCE_KINDS = ("person", "organization", "media", "anonymous")
WORDS_FILE = "lexicons/attribution_words.csv"

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_UNNAMED_PRONOUNS = frozenset({"some", "many", "others", "several", "few"})
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "det", "nummod", "quantmod", "flat", "predet", "preconj"})
_MEDIA_WORDS = re.compile(
    r"\b(?:news agency|newspaper|broadcaster|television|tv|radio|daily|times|post|press agency)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Speaker:
    """A resolved source: its canonical name, kind and side, how it was resolved, and the
    raw span of the words that name it (``text == raw[start:end]``)."""

    source: str
    kind: str
    side: str
    how: str
    start: int
    end: int
    text: str


def _word_roles(table: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``{role: {word: source_kind}}`` of ``attribution_words.csv`` (the last row of a word wins)."""
    out: dict[str, dict[str, str]] = {}
    for row in table.itertuples(index=False):
        out.setdefault(row.role.strip(), {})[row.word.strip().lower()] = row.source_kind.strip()
    return out


def attribution_words(role: str) -> dict[str, str]:
    """``{word: source_kind}`` for one role of ``attribution_words.csv`` (speaker, document,
    speech, hedge, channel_verb, channel_prep)."""
    return dict(resource(WORDS_FILE, _word_roles).get(role, {}))


def _sides() -> tuple[str, ...]:
    """Side names of the alias table, longest first ("North Korean" before "Korean")."""
    return alias_index().sides


def nationality_side(phrase: str) -> str:
    """The side a nationality word or a country possessive in ``phrase`` names, else ""."""
    for side in _sides():
        if re.search(rf"\b{re.escape(side)}\b", phrase):
            return side
    for match in re.finditer(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s*['\u2019]s\b", phrase):
        side = entity_info(canonical_source(match.group(1)) or "").get("side", "")
        if side and side != "other":
            return side
    return ""


def source_kind_of(canonical: str, label: str = "") -> str:
    """person, media or organization for a named source (alias table first, then ``label``)."""
    if canonical in alias_index().media:
        return "media"
    label = entity_info(canonical).get("label", "") or label
    if label == "PERSON":
        return "person"
    if _MEDIA_WORDS.search(canonical):
        return "media"
    return "organization"


def canonical_source(surface: str, doc_id: str | None = None, mentions: pd.DataFrame | None = None) -> str | None:
    """The canonical entity a speaker phrase names, else ``None``: the one place where
    attribution resolves names. Delegates to :func:`newsprism.stages.entities.resolve.resolve_name` for the
    phrase, then for its shorter right-hand parts, so descriptors before a name do not hide
    it ("Russia’s Putin", "state news agency KCNA")."""
    words = surface.split()
    for k in range(len(words)):
        part = " ".join(words[k:])
        if not name_key(part) or name_key(part) in _DETERMINERS:
            continue
        hit = resolve_name(part, doc_id, mentions)
        if hit:
            return hit
    return None


def _side_of(canonical: str, phrase: str) -> str:
    side = entity_info(canonical).get("side", "") if canonical else ""
    return side or nationality_side(phrase) or "unknown"


class SpeakerResolver:
    """Resolves speaker tokens of one parsed article to :class:`Speaker` objects.

    ``mentions`` is the entities stage's mention table for the corpus (used for surnames,
    roles and pronouns; indexed once for all pieces by
    :func:`newsprism.stages.entities.resolve.mention_index`); ``lo``/``hi`` bound the sentence a phrase may
    take words from.
    """

    def __init__(self, doc_id: str, doc, mentions: pd.DataFrame):
        self.doc_id = doc_id
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.mentions = mentions
        self._index = mention_index(mentions)
        self._person_starts, self._person_names = self._index.persons(doc_id)
        self._speakers = attribution_words("speaker")
        self._documents = attribution_words("document")

    # -- phrases -------------------------------------------------------------------------
    @staticmethod
    def phrase_tokens(head, lo: int, hi: int) -> list:
        """The head and its left modifiers (titles, names, nationality, possessors) inside
        ``[lo, hi)``, without leading determiners."""
        out, stack = [head], [head]
        while stack:
            token = stack.pop()
            for child in token.children:
                if not lo <= child.idx < hi:
                    continue
                left = (child.dep_ in _PHRASE_DEPS or child.tag_ == "HYPH") and (child.i < token.i or child.dep_ == "case")
                name_pp = child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i > token.i and token.pos_ == "PROPN"
                if left or name_pp:
                    out.append(child)
                    stack.append(child)
                elif token.lower_ in ("of", "for") and child.dep_ == "pobj" and child.pos_ == "PROPN":
                    out.append(child)  # "Ministry of Defense", "Institute for the Study of War"
                    stack.append(child)
        out.sort(key=lambda t: t.i)
        while len(out) > 1 and (out[0].lower_ in _DETERMINERS or out[0].dep_ == "preconj" or out[0].is_punct):
            out = out[1:]
        # keep the contiguous run of tokens around the head
        k = next(n for n, t in enumerate(out) if t.i == head.i)
        first, last = k, k
        while first > 0 and out[first - 1].i == out[first].i - 1:
            first -= 1
        while last + 1 < len(out) and out[last + 1].i == out[last].i + 1:
            last += 1
        return out[first : last + 1]

    def _span(self, tokens: list) -> tuple[int, int, str]:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return start, end, self.text[start:end]

    def person_before(self, position: int) -> str | None:
        """The most recent person mentioned before ``position`` in this piece."""
        k = bisect.bisect_left(self._person_starts, position)
        return self._person_names[k - 1] if k else None

    # -- resolution ----------------------------------------------------------------------
    def resolve(self, head, lo: int, hi: int, how: str = "") -> Speaker | None:
        """The speaker a head token names, or ``None`` when it is not speaker-like (an
        event, a document without a named source, an unresolvable "it" or "they")."""
        lower = head.lower_
        if lower in _UNNAMED_PRONOUNS and lower in self._speakers:
            return Speaker(lower, "anonymous", "unknown", how or "unnamed", head.idx, head.idx + len(head.text), head.text)
        if lower in _PERSON_PRONOUNS:
            name = self.person_before(head.idx)
            if not name:
                return None
            return Speaker(name, "person", _side_of(name, ""), how or "pronoun", head.idx, head.idx + len(head.text), head.text)
        if head.pos_ == "PRON":
            return None
        if head.pos_ != "PROPN" and not head.ent_type_:
            for child in head.children:
                if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_) and lo <= child.idx < hi:
                    found = self.resolve(child, lo, hi, how or "apposition")
                    if found:
                        return found
        tokens = self.phrase_tokens(head, lo, hi)
        start, end, text = self._span(tokens)
        common = set(self._speakers) | set(self._documents)
        cased = "".join(
            (t.lower_ if {t.lower_, t.lower_.rstrip("s"), t.lemma_.lower()} & common or not self._keeps_case(t, lo) else t.text)
            + t.whitespace_
            for t in tokens
        ).strip()
        return self.resolve_text(
            text,
            start,
            end,
            how=how,
            head_lemma=head.lemma_.lower(),
            head_is_name=head.pos_ == "PROPN",
            ent_label=head.ent_type_,
            unnamed_name=cased,
        )

    def resolve_text(
        self,
        text: str,
        start: int,
        end: int,
        *,
        how: str = "",
        head_lemma: str = "",
        head_is_name: bool = True,
        ent_label: str = "",
        unnamed_name: str = "",
    ) -> Speaker | None:
        """Resolve a phrase given as raw text (headline speakers, channels); ``unnamed_name``
        is how to print it if it names no entity (case kept only for names and nationalities)."""
        head_lemma = head_lemma or (text.split()[-1].lower() if text.split() else "")
        lemma = (
            head_lemma.rstrip("s")
            if head_lemma not in self._speakers and head_lemma.rstrip("s") in self._speakers | self._documents
            else head_lemma
        )
        named = text
        canonical = canonical_source(text, self.doc_id, self.mentions)
        if canonical is None and lemma in self._documents and len(text.split()) > 1:
            named = " ".join(text.split()[:-1])  # "South Korean intelligence reports"
            canonical = canonical_source(named, self.doc_id, self.mentions)
        common = not head_is_name and lemma in self._speakers | self._documents
        indefinite = bool(re.match(r"(?:a|an|one|some|several|many)\s", text, re.IGNORECASE)) or len(text.split()) == 1
        if canonical and common and (not entity_info(canonical) or (indefinite and name_key(text) not in alias_index().keys)):
            canonical = None  # "Analysts" tagged by the model, "a spokesperson": still unnamed
        if canonical:
            label = self._mention_label(canonical)
            how = how or self._how(named, canonical)
            return Speaker(canonical, source_kind_of(canonical, label), _side_of(canonical, text), how, start, end, text)
        if lemma in self._speakers or lemma in self._documents:
            kind = self._speakers.get(lemma) or self._documents.get(lemma) or "anonymous"
            words = text.split()
            if lemma in self._documents and len(words) > 1:
                return None  # "the reports", "this study": a document without a named source
            if lemma == "agency" and _MEDIA_WORDS.search(text):
                kind = "media"
            source = unnamed_name or self._unnamed_name(text)
            return Speaker(source, kind, _side_of("", text), how or "unnamed", start, end, text)
        if head_is_name:
            source = " ".join(w for w in text.replace("\u2019", "'").split() if w.lower() not in _DETERMINERS)
            source = re.sub(r"'s$", "", source)
            kind = "person" if ent_label == "PERSON" else source_kind_of(source, ent_label)
            return Speaker(source, kind, _side_of("", text), how or "entity", start, end, text)
        return None

    @staticmethod
    def _keeps_case(token, lo: int) -> bool:
        """Names and nationalities keep their capitals; a capital that only opens the sentence goes."""
        if token.pos_ == "PROPN" or (token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") and token.pos_ != "NOUN"):
            return True
        return token.is_title and not token.is_sent_start and token.idx != lo

    def _mention_label(self, canonical: str) -> str:
        return self._index.labels.get(canonical, "")

    @staticmethod
    def _how(text: str, canonical: str) -> str:
        """name, surname, spelling, role or alias: how a phrase relates to its canonical
        name (the longest alias-table entry that ends the phrase decides)."""
        key, canon = name_key(text), name_key(canonical)
        if key == canon or key.endswith(" " + canon):
            return "name"
        matches = sorted(
            (len(k), kind) for k, kind in alias_index().keys_of(canonical) if k and (key == k or key.endswith(" " + k))
        )
        if matches:
            return {"role": "role", "surname": "surname", "spelling": "spelling"}.get(matches[-1][1], "name")
        if key.split() and key.split()[-1] == canon.split()[-1]:
            return "surname"
        return "alias"

    @staticmethod
    def _unnamed_name(text: str) -> str:
        """ "Analysts" -> "analysts"; "Russian officials" stays; determiners and numbers dropped."""
        words = [w for w in text.split() if w.lower() not in _DETERMINERS and not w.isdigit()]
        out = [w if (w[:1].isupper() and i > 0) or _is_proper(w) else w.lower() for i, w in enumerate(words)]
        return " ".join(out) if out else text.lower()


def _is_proper(word: str) -> bool:
    """A nationality or name word that keeps its capital at the start of a phrase."""
    return any(word == part for side in _sides() for part in side.split()) or bool(re.match(r"[A-Z][a-z]+['\u2019]s$", word))

"""Speakers the text named before: "the agency", "the ministry", "the Kremlin spokesman",
"the statement", "it", "one ... and another ...", and the words around a speaker that are
not the speaker ("the ministry's press service", a dateline, a possessor of unnamed media).

:func:`resolve_heads` is how every rule turns speaker head tokens into
:class:`~.speakers.Speaker` objects (:meth:`~._article.Article.speakers` calls it). On top of
:class:`~.speakers.SpeakerResolver` it:

- replaces a head inside a dateline ("SEOUL, March 6 (Yonhap) --") by the noun phrase the
  parser hung on it (:meth:`~._article.Article.past_dateline`);
- gives "one" and "another" ("Experts were divided, with one noting that ...") the group
  they belong to: the plural subject of the clause above;
- resolves a definite description to what the text named before: an organisation word
  ("the agency", "the central bank") to the latest body named before whose name or the
  words introducing it hold that word, else to the latest body an earlier attribution
  credits; a person word ("the Kremlin spokesman", "the lawmaker") to the latest person
  introduced with that word; an unnamed source ("the source") to an earlier unnamed
  source with the same head;
- resolves a document or "it" ("the statement reads", "The article said", "It added") to
  its author: the latest source credited before, or the subject that issued the document
  ("A spokesman ... released a press statement");
- "the ministry's press service said": the ministry speaks, "<ministry> press service" is
  the channel (recorded in :attr:`~._article.Article.speaker_channels` for the channels pass);
- drops a possessor from an unnamed source ("the North's state media" -> state media) and
  gives a capital standing for its government ("Kyiv says") the kind organization
  (``capital`` words of ``data/lexicons/attribution_words.csv``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.resources.aliases import name_key

from ._naming import capital_keys, tidy
from .speakers import Speaker

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["resolve_heads"]

_GROUP_WORDS = frozenset({"one", "another"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GENERIC_PERSON = frozenset({"diplomat", "envoy", "politician"})  # descriptions any named person may take
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_ISSUE_DEPS = frozenset({"dobj", "obj"})
_ISSUE_TOKENS = 400  # how far back the verb that issued a document is looked for
_INTRO_CHARS = 50  # how far before a name its introducing words ("spy agency, the ...") may start


def resolve_heads(a: Article, heads: list, sent: Sentence, how: str) -> list[Speaker]:
    """The speakers the head tokens name (those that name one), in order."""
    out = []
    for head in heads:
        found = _resolve(a, head, sent, how)
        if found is not None:
            out.append(found)
    return out


def _resolve(a: Article, head, sent: Sentence, how: str) -> Speaker | None:
    if a.in_dateline(head.idx):
        head = a.past_dateline(head)
        if head is None:
            return None
    lower, lemma = head.lower_, head.lemma_.lower()
    if lower in _GROUP_WORDS:
        group = _group_of(a, head, sent)
        return None if group is None else _resolve(a, group, sent, how or "group")
    if lemma == "service" and any(c.dep_ == "compound" and c.lower_ == "press" for c in head.children):
        owner = next((c for c in head.children if c.dep_ == "poss" and sent.start <= c.idx < sent.end), None)
        if owner is not None:
            speaker = _resolve(a, owner, sent, how or "possessive")
            if speaker is not None:
                a.speaker_channels[speaker.start] = f"{speaker.source} press service"
            return speaker
    speaker = a.resolver.resolve(head, sent.start, sent.end, "")
    if speaker is None and lower in _PERSON_PRONOUNS:  # "According to him": an unnamed official before
        earlier = [s for _, s in _earlier(a, head.idx, with_unnamed=True) if s.kind in ("person", "anonymous")]
        singular = [s for s in earlier if s.kind == "person" or not s.source.endswith("s")]
        return replace(singular[0], how="pronoun", start=head.idx, end=head.idx + len(head.text), text=head.text) if singular else None
    if speaker is None:
        it = lower == "it" and head.dep_ == "nsubj" and head.head.dep_ == "ROOT"  # "It added that ..."
        document = lemma in a.words.authored and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        return _author(a, head) if it or document else None
    if speaker.how == "unnamed" and _definite(head) and lemma in a.words.speakers and not _names_body(head, speaker):
        found = _antecedent(a, head, speaker)
        if found is not None:
            return tidy(a, found)
    if speaker.how == "role" and _definite(head) and lemma in a.words.speakers:
        # "The Kremlin spokesman added": the spokesman this text introduced, before the alias table's
        found = _antecedent(a, head, speaker)
        if found is not None:
            return tidy(a, found)
    if speaker.how == "pronoun" and name_key(speaker.source) in capital_keys(a):
        people = [s for _, s in _earlier(a, head.idx) if s.kind == "person" and name_key(s.source) not in capital_keys(a)]
        if not people:
            return None  # "she" read as a capital the recogniser took for a person
        speaker = replace(speaker, source=people[0].source, side=people[0].side)
    speaker = tidy(a, speaker)
    return replace(speaker, how=how) if how and speaker.how not in ("antecedent",) else speaker


def _names_body(head, speaker: Speaker) -> bool:
    """ "the TASS news agency", "the Kremlin press office": a body word with a name in it."""
    return speaker.kind != "anonymous" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)


def _definite(head) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def _group_of(a: Article, head, sent: Sentence):
    """The plural speaker-like subject of the clause a "one"/"another" clause hangs on
    ("Analysts were split, with one noting ..."), else None."""
    current = head.head
    for _ in range(5):
        if current.head.i == current.i:
            return None
        current = current.head
        if not sent.start <= current.idx < sent.end:
            return None
        for child in current.children:
            plural = child.tag_ in ("NNS", "NNPS") and child.i < head.i
            if child.dep_ in ("nsubj", "nsubjpass") and plural and child.lemma_.lower() in a.words.speakers:
                return child
    return None


# -- antecedents -------------------------------------------------------------------------
def _earlier(a: Article, position: int, with_unnamed: bool = False) -> list[tuple[int, Speaker]]:
    """(position, speaker) of the sources credited before ``position`` and of the bodies
    and people the parse names before it, latest first."""
    found: dict[int, Speaker] = {}
    for k in a.rows_before(position):
        row = a.rows[k]
        credited = row.construction != "hedge" and row.speaker.end <= position
        if credited and (with_unnamed or row.speaker.how not in ("unnamed", "group")):
            found.setdefault(row.speaker.start, row.speaker)
    for ent in a.ents_before(position):
        if ent.label_ in ("PERSON", "ORG") and not a.in_dateline(ent.start_char):
            if ent.start_char in found:
                continue
            speaker = a.resolver.resolve_text(
                ent.text, ent.start_char, ent.end_char, head_is_name=True, ent_label=ent.label_
            )
            if speaker is not None and speaker.kind in ("person", "organization", "media"):
                found[ent.start_char] = tidy(a, speaker)
    return sorted(found.items(), key=lambda item: -item[0])


def _named(speaker: Speaker) -> bool:
    """A source with a name ("Japan Meteorological Agency"), not a bare description."""
    return speaker.how not in ("unnamed", "group") or speaker.source[:1].isupper()


def _introduces(a: Article, speaker: Speaker, word: str) -> bool:
    """Whether ``word`` is in the speaker's words or in the words just before them."""
    lo = max(0, speaker.start - _INTRO_CHARS, a.text.rfind("\n", 0, speaker.start) + 1)
    window = a.text[lo : speaker.end].lower()
    return re.search(rf"\b{re.escape(word)}", window) is not None


def _antecedent(a: Article, head, speaker: Speaker) -> Speaker | None:
    """What a definite description ("the agency", "the diplomat", "the source") named before."""
    word = head.lemma_.lower()
    kind = a.words.speakers.get(word, "anonymous")
    earlier = _earlier(a, speaker.start, with_unnamed=True)
    chosen = None
    capitals = capital_keys(a)
    if kind in ("organization", "media") or word in a.words.bodies:
        bodies = [s for _, s in earlier if s.kind in ("organization", "media") and _named(s)]
        chosen = next((s for s in bodies if _introduces(a, s, word)), None)
        if chosen is None:  # the one body of that kind credited before ("The agency said")
            named = {s.source: s for s in bodies if s.start in a.rows_by_speaker and s.kind == kind and name_key(s.source) not in capitals}
            chosen = next(iter(named.values())) if len(named) == 1 else None
        if chosen is None and word in a.words.bodies:  # "the company": the one body named before
            named = {s.source: s for s in bodies if name_key(s.source) not in capitals}
            chosen = next(iter(named.values())) if len(named) == 1 else None
    else:
        people = [s for _, s in earlier if s.kind == "person"]
        chosen = next((s for s in people if _introduces(a, s, word)), None)
        if chosen is None and word in _GENERIC_PERSON:
            chosen = people[0] if people else None
        if chosen is None:
            chosen = next(
                (s for _, s in earlier if s.kind == "anonymous" and s.source.split()[-1].lower().rstrip("s") == word.rstrip("s")),
                None,
            )
            if chosen is not None and name_key(chosen.source) == name_key(speaker.source):
                chosen = None
    if chosen is None:
        return None
    return Speaker(chosen.source, chosen.kind, chosen.side, "antecedent", speaker.start, speaker.end, speaker.text)


def _author(a: Article, head) -> Speaker | None:
    """The author of "the statement" / "the article" / "it": the subject of an earlier verb
    that issued that document ("A spokesman ... released a press statement"), else the
    latest source credited before (for "it", only a body)."""
    position = head.idx
    issued = _issuer(a, head, head.lemma_.lower())
    best = issued
    if best is None:
        latest = next((a.rows[k] for k in a.rows_before(position) if a.rows[k].construction != "hedge"), None)
        best = latest.speaker if latest is not None else _issuer(a, head, None)
    if best is None or (head.lower_ == "it" and best.kind == "person"):
        return None
    return Speaker(best.source, best.kind, best.side, "antecedent", head.idx, head.idx + len(head.text), head.text)


def _issuer(a: Article, head, lemma: str | None) -> Speaker | None:
    """The subject of the latest verb before ``head`` whose object is a document (``lemma``,
    or any document or speech noun when None): "carried an article", "issued a statement"."""
    documents = {**a.words.authored, **a.words.speech}
    for token in reversed(a.doc[max(0, head.i - _ISSUE_TOKENS) : head.i]):
        if token.dep_ not in _ISSUE_DEPS or (token.lemma_.lower() != lemma if lemma else token.lemma_.lower() not in documents):
            continue
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        subj = next((c for c in subjects if not a.in_dateline(c.idx)), None)
        subj = subj or next((a.past_dateline(c) for c in subjects), None)
        if subj is not None:
            lo = max(0, a.text.rfind("\n", 0, subj.idx) + 1)
            issuer = a.resolver.resolve(subj, lo, token.idx, "")
            if issuer is not None:
                return tidy(a, issuer)
    return None

"""Channels: through whom an attribution reached the writer ("via Interfax", "according to
state news agency KCNA", "His remarks, reported by the ... press service").

The rules that make rows do not set ``channel``. They record a :data:`ChannelCue` where a
channel may be named, and :func:`attach_channels` (a pass of its own, after every rule
that records one: :data:`newsprism.stages.attribution.passes.PASSES`) names each channel and
attaches it, in the order the cues were read. A row keeps the first channel attached to it:

- :class:`VerbChannel`, a reporting verb's own rows: the subject of "KCNA quoted Kim as
  saying", the agent on the speaker ("Experts cited by Yonhap said"), else a "via" phrase
  on the verb or a participle on it ("Speaking to journalists via Interfax, Rudenko
  emphasized") or the news outlet told ("told Interfax");
- :class:`ReportedBy`, "His remarks, reported by X": X is the channel of the possessor's
  latest attribution read before it (the verb rule skips the verb);
- :class:`AccordingChannel`, "according to X" around words an attribution already found
  holds ("Kim expressed ..., according to reports"): X is their channel and the phrase is
  cut from their content (:func:`cut_phrase`); :mod:`~.according` records it instead of a
  row of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.resources.aliases import name_key

from ._syntax import TRIM, agent_heads, clipped, inside, span_of, speech_possessor, trim
from .speakers import canonical_source

if TYPE_CHECKING:
    from ._article import Article, Row, Sentence

__all__ = ["AccordingChannel", "ChannelCue", "ReportedBy", "VerbChannel", "attach_channels"]


@dataclass(frozen=True)
class VerbChannel:
    """The rows of one reporting verb: their channel is named around the verb or its speaker."""

    rows: tuple[int, ...]
    verb: int  # token index of the reporting verb ("saying" in "quoted Kim as saying")
    heads: tuple[int, ...]  # the speaker heads
    quoted_by: tuple[int, ...] | None  # "KCNA quoted Kim as saying": the heads of KCNA
    sent: Sentence
    inherit: bool = False  # "Kim was quoted as saying" (no one named): the previous row's channel
    phrase = None  # nothing to cut from the rows' content

    def name(self, a: Article) -> str:
        verb = a.doc[self.verb]
        if self.quoted_by is not None:
            channel = "; ".join(s.source for s in a.speakers([a.doc[i] for i in self.quoted_by], self.sent, ""))
        else:
            channel = speaker_channel(a, [a.doc[i] for i in self.heads], self.sent)
        if not channel and self.inherit and self.rows:
            first = min(self.rows)
            channel = next((a.rows[k].channel for k in range(first - 1, -1, -1) if a.rows[k].channel), "")
        return channel or via_channel(a, verb, self.sent)


@dataclass(frozen=True)
class ReportedBy:
    """ "His remarks, reported by X": ``rows`` (the possessor's latest attribution read before
    the verb, if any) came through the agent X."""

    rows: tuple[int, ...]
    agent: int  # token index of the head of X
    sent: Sentence
    phrase = None

    def name(self, a: Article) -> str:
        return channel_name(a, a.doc[self.agent], self.sent)


@dataclass(frozen=True)
class AccordingChannel:
    """ "according to X" (``phrase``, raw span) around the words of ``rows``: X is their channel."""

    rows: tuple[int, ...]
    channel: str
    phrase: tuple[int, int]

    def name(self, a: Article) -> str:
        return self.channel


ChannelCue = VerbChannel | ReportedBy | AccordingChannel


def attach_channels(a: Article) -> None:
    """The channels pass: name the channel of every cue and give it to the cue's rows that
    have none yet, in the order the cues were read; cut "according to X" phrases out of
    the rows' content."""
    for cue in a.channel_cues:
        if not cue.rows:
            continue
        channel = cue.name(a)
        for k in cue.rows:
            row = a.rows[k]
            row.channel = row.channel or channel
            if cue.phrase is not None:
                cut_phrase(a.text, row, cue.phrase)
    for start, channel in a.speaker_channels.items():  # "the ministry's press service said": named with the speaker
        for k in a.rows_by_speaker.get(start, ()):
            a.rows[k].channel = a.rows[k].channel or channel
    for k, origin in sorted(a.continues.items()):  # a continued quote came the way its first part did
        a.rows[k].channel = a.rows[k].channel or a.rows[origin].channel


def cut_phrase(text: str, row: Row, phrase: tuple[int, int]) -> None:
    """Take an "according to X" phrase that opens or closes a row's content out of it:
    it names the channel, not the speaker's words."""
    if row.quote_type == "direct" or not (row.start <= phrase[0] and phrase[1] <= row.end):
        return
    if not text[phrase[1] : row.end].strip(TRIM):
        start, end = trim(text, row.start, phrase[0])
    elif not text[row.start : phrase[0]].strip(TRIM):
        start, end = trim(text, phrase[1], row.end)
    else:
        return
    if start < end:
        row.start, row.end = start, end


# -- finding channel phrases ---------------------------------------------------------------
def via_channel(a: Article, verb, sent: Sentence) -> str:
    """'via Interfax' on the verb or on a participle attached to it ("Speaking ... via X"),
    the news outlet told or spoken to ("told Interfax", "Speaking to KCNA"), an interview
    with an outlet ("in an interview with The Associated Press"), or a platform ("on
    Telegram", "in a text message", "in a video posted on VKontakte")."""
    speaking = [t for t in (verb, *verb.children) if t.lemma_.lower() in ("tell", "speak") and (t is verb or t.dep_ == "advcl")]
    for token in speaking:
        told = [c for c in token.children if c.dep_ in ("dobj", "dative") and inside(c, sent)]
        told += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
        for child in told:
            speaker = a.resolver.resolve(child, sent.start, sent.end)
            if speaker is not None and is_outlet(a, speaker.source, speaker.kind):
                return speaker.source
    candidates = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "prep") and inside(c, sent))]
    for token in candidates:
        preps = [token] if token.dep_ == "prep" else [c for c in token.children if c.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ in a.words.channel_preps:
                objs = [c for c in prep.children if c.dep_ == "pobj" and inside(c, sent)]
                if objs:
                    return channel_name(a, objs[0], sent)
    return platform_channel(a, verb, sent)


def is_outlet(a: Article, source: str, kind: str) -> bool:
    """A news outlet: media by the alias table or a kind, or an ``outlet`` word."""
    return kind == "media" or name_key(source) in {name_key(w) for w in a.words.outlets}


def platform_channel(a: Article, verb, sent: Sentence) -> str:
    """The platform or outlet an "on"/"in" phrase of the verb names ("on its Telegram
    channel", "in a video posted on VKontakte", "in an interview with Interfax")."""
    platforms = {name_key(w): w for w in a.words.platforms}
    stack = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in") and inside(c, sent)]
    for _ in range(3):  # prep -> pobj -> (acl ->) prep -> pobj
        found = []
        for prep in stack:
            for obj in (c for c in prep.children if c.dep_ == "pobj" and inside(c, sent)):
                words = [t for t in obj.subtree if t.i <= obj.i and inside(t, sent)]
                phrase = name_key(" ".join(t.text for t in words))
                for key, platform in platforms.items():
                    named = next((t.text for t in words if name_key(t.text) == key), None)  # as written: "Telegram"
                    if named or phrase == key or phrase.endswith(" " + key):
                        return named or platform
                if obj.lemma_.lower() == "interview":
                    for w in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "with"):
                        for o in (c for c in w.children if c.dep_ == "pobj"):
                            speaker = a.resolver.resolve(o, sent.start, sent.end)
                            if speaker is not None and is_outlet(a, speaker.source, speaker.kind):
                                return speaker.source
                for child in obj.children:
                    if child.dep_ == "prep":
                        found.append(child)
                    elif child.dep_ == "acl":
                        found += [c for c in child.children if c.dep_ == "prep" and c.lower_ in ("on", "in")]
        stack = found
    return ""


def speaker_channel(a: Article, heads: list, sent: Sentence) -> str:
    """ "Experts cited by Yonhap said ...": the agent of a channel verb on the speaker."""
    for head in heads:
        for child in head.children:
            if (
                child.dep_ == "acl"
                and child.lemma_.lower() in a.words.channel_verbs
                and head.lemma_.lower() not in a.words.documents
            ):
                agents = agent_heads(child)
                if agents:
                    return channel_name(a, agents[0], sent)
    return ""


def cites_speaker(a: Article, verb, sent: Sentence) -> bool:
    """ "Experts cited by Yonhap said": a channel verb on a speaker reports nobody's words;
    its agent is the channel of the speaker's (:func:`speaker_channel`)."""
    return bool(
        verb.dep_ == "acl"
        and verb.lemma_.lower() in a.words.channel_verbs
        and a.resolver.resolve(verb.head, sent.start, sent.end)
    )


def reported_by(a: Article, verb, sent: Sentence) -> ReportedBy | None:
    """ "His remarks, reported by the ... press service": the cue when ``verb`` is a channel
    verb on a possessed speech noun (its rows: the possessor's latest attribution read before
    the verb; none when the agent or the possessor names no one), else None."""
    if verb.lemma_.lower() not in a.words.channel_verbs:
        return None
    noun = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if noun is None or not inside(noun, sent):
        return None
    possessor = speech_possessor(noun, sent, a.words.speech)
    if possessor is None:
        return None
    agents = agent_heads(verb)
    speaker = a.resolver.resolve(possessor, sent.start, sent.end, "possessive")
    if not agents or speaker is None:
        return ReportedBy((), -1, sent)
    earlier = (k for k in reversed(a.rows_by_source.get(speaker.source, [])) if a.rows[k].cue_start < verb.idx)
    latest = next(earlier, None)
    return ReportedBy(() if latest is None else (latest,), agents[0].i, sent)


def channel_name(a: Article, head, sent: Sentence) -> str:
    """A channel's name: the canonical entity if the phrase names one at its head
    ("state news agency KCNA" -> KCNA), else the phrase without determiners."""
    if head.lemma_.lower() in a.words.authored or head.lemma_.lower() in a.words.documents:
        for child in head.children:  # "a transcript released by the ministry": the ministry
            agents = agent_heads(child) if child.dep_ == "acl" else []
            if agents:
                return channel_name(a, agents[0], sent)
    dropped = set()
    for child in head.children:
        if child.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj"):
            dropped.update(t.i for t in child.subtree)
    span = span_of([t for t in clipped(head.subtree, sent) if t.i not in dropped])
    if span is None:
        return ""
    words = [w for w in a.text[span[0] : span[1]].split() if w.lower() not in ("the", "a", "an", "both")]
    phrase = " ".join(words)
    canonical = canonical_source(phrase, a.doc_id, a.resolver.mentions)
    if canonical and (head.pos_ == "PROPN" or head.ent_type_):
        return canonical
    return phrase if any(w[:1].isupper() for w in words) else phrase.lower()

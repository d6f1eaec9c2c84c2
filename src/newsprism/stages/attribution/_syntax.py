"""Token helpers over the dependency parse: spans of tokens inside one sentence, passives,
agents, conjuncts and the subject of a reporting verb.

Every helper keeps to one sentence (:class:`~._article.Sentence`): the shared parse reads a
headline and the first line as one sentence, so a head or child across the boundary is
never taken for part of the phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsprism.text.quotes import QUOTE_CHARS

if TYPE_CHECKING:
    from ._article import Sentence

#: Characters :func:`trim` takes off both ends of a content span.
TRIM = " \t\r\n,;:.\u2014\u2013-"
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
_RELATIVE = ("who", "which", "that")


def inside(token, sent: Sentence) -> bool:
    """Whether ``token`` starts inside ``sent``."""
    return sent.start <= token.idx < sent.end


def clipped(tokens, sent: Sentence) -> list:
    """The non-space ``tokens`` inside ``sent``, in order."""
    return sorted((t for t in tokens if inside(t, sent) and not t.is_space), key=lambda t: t.i)


def span_of(tokens) -> tuple[int, int] | None:
    """Character span of ``tokens``; punctuation other than quotation marks does not count,
    so a sentence's final period never stretches a span over words left out."""
    tokens = [t for t in tokens if not t.is_punct or t.text in QUOTE_CHARS]
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding spaces and punctuation (closing quote marks stay)."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding spaces and a trailing comma or colon (a final
    period, question or exclamation mark is part of the quote)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def is_passive(verb) -> bool:
    """A passive verb ("was praised") or a participle with an agent ("echoed by officials")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children)


def agent_heads(verb) -> list:
    """The heads of a passive verb's "by" phrase, with their conjuncts."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            return with_conjuncts(objs[0]) if objs else []
    return []


def with_conjuncts(head) -> list:
    """``head`` and the nouns conjoined to it ("Dmitry Peskov and KCNA")."""
    out, stack = [head], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(child)
                stack.append(child)
    return out


def without_conjoined_verbs(tokens: list) -> list:
    """Drop conjoined verb phrases ("... and praising the ‘...’") and their conjunction:
    they are attributions of their own."""
    cut = {t.i for t in tokens if t.dep_ == "conj" and t.pos_ == "VERB"}
    cut |= {c.i for t in tokens if t.i in cut for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    return [t for t in tokens if t.i not in cut and not any(a.i in cut for a in t.ancestors)]


def without_conjoined_reports(tokens: list, verbs) -> list:
    """Drop conjoined reporting verbs with a subject of their own ("... and another stating
    that ...") and their conjunction: they are attributions of their own."""
    cut = {
        t.i
        for t in tokens
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in verbs and any(c.dep_ in ("nsubj", "det") for c in t.children)
    }
    if not cut:
        return tokens
    cut |= {c.i for t in tokens if t.i in cut for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    return [t for t in tokens if t.i not in cut and not any(a.i in cut for a in t.ancestors)]


def speech_possessor(noun, sent: Sentence, speech: dict[str, str]):
    """The possessor of a speech noun ("His remarks", "Moscow’s emphasis"), else None."""
    if noun.lemma_.lower() not in speech:
        return None
    for child in noun.children:
        possessive = child.dep_ == "poss" or any(g.tag_ == "POS" for g in child.children)
        if possessive and child.i < noun.i and inside(child, sent):
            return child
    return None


def _subject_by_position(verb, sent: Sentence) -> list:
    """When the parser attached the opening noun phrase of a sentence across the sentence
    boundary (the shared parse reads a headline and the first line as one sentence), that
    detached noun is the subject of the sentence's main verb ("North Korean soldiers
    acknowledged", "Officials in Seoul, who ..., said")."""
    if inside(verb.head, sent) and verb.head.i != verb.i:
        return []
    first = verb.i
    while first > 0 and verb.doc[first - 1].idx >= sent.start:
        first -= 1  # the sentence's first token: look back over this sentence only
    detached = [
        t
        for t in verb.doc[first : verb.i]
        if inside(t, sent) and t.pos_ in ("NOUN", "PROPN", "PRON") and not inside(t.head, sent) and t.head.i != t.i
    ]
    return detached[-1:] if len(detached) == 1 else []


def subject(verb, sent: Sentence, in_dateline=None) -> tuple[list, str]:
    """The subject head(s) of an active reporting verb and how they were found ("" when
    the verb's own subject, "relative", "inherited" from a governing verb). A subject in
    a dateline (``in_dateline(offset)``) is passed over when the verb has another one."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and inside(c, sent)]
    if in_dateline is not None and len(subjects) > 1:
        subjects = [c for c in subjects if not in_dateline(c.idx)] or subjects
    for child in subjects[:1]:
        if child.lower_ in _RELATIVE and verb.dep_ == "relcl" and inside(verb.head, sent):
            return with_conjuncts(verb.head), "relative"
        return with_conjuncts(child), ""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and inside(verb.head, sent) and verb.head.pos_ in ("NOUN", "PROPN"):
        return with_conjuncts(verb.head), ""
    positional = _subject_by_position(verb, sent)
    if positional:
        return positional, ""
    current = verb
    for _ in range(5):
        if current.dep_ not in _INHERIT_DEPS or current.head.i == current.i or not inside(current.head, sent):
            return [], ""
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            for child in current.children:
                if child.dep_ == "nsubj" and inside(child, sent) and child.lower_ not in _RELATIVE:
                    return with_conjuncts(child), "inherited"
    return [], ""

"""Reporting verbs: who said, confirmed, praised or was quoted, and the words credited.

:func:`reporting_verb` applies to a verb of ``data/lexicons/reporting_verbs.csv`` and makes
one row per speaker, by the first construction that fits:

- ``direct_speaker_after`` / ``direct_speaker_before``: a paired quotation right next to
  the speaker and the verb ("‘...,’ he said", "Lavrov told reporters on Monday: ‘...’");
- ``reporting_clause``: a clausal complement ("confirmed that ..."), a "to" clause, or the
  host clause of a parenthetical ("The troops, Peskov said, were there to help");
- ``reporting_object``: an object that is the reported content ("expressed profound
  gratitude", "lauded the ‘heroism’ of");
- ``passive_agent``: "echoed by Russian officials", "framed by ... as";
- "X quoted Y as saying ...": Y speaks with the inner verb, X is the channel.

A passive verb without an agent ("are reported to") is an unnamed report
(:func:`newsprism.stages.attribution.hedges.hedge_passive`). Channels are recorded for the
channels pass (:class:`~.channels.VerbChannel`, :class:`~.channels.ReportedBy`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsprism.text.quotes import QUOTE_CHARS, QuoteSpan

from ._article import Row
from ._syntax import (
    agent_heads,
    clipped,
    inside,
    is_passive,
    span_of,
    speech_possessor,
    subject,
    trim_quote,
    with_conjuncts,
    without_conjoined_reports,
    without_conjoined_verbs,
)
from .channels import AccordingChannel, VerbChannel, cites_speaker, is_outlet, reported_by
from .hedges import hedge_passive

if TYPE_CHECKING:
    from ._article import Article, Sentence
    from ._lexicon import Verb

__all__ = ["reporting_verb"]

_OBJECT_DEPS = frozenset({"dobj", "obj", "prep", "attr", "oprd", "xcomp", "acomp", "dative", "prt", "ccomp"})
_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_AS_VERBS = ("quote", "cite")
_GROUP_WORDS = frozenset({"one", "another"})
#: Links from a reporting verb down to a "that" clause across adverbials ("confirmed on
#: Thursday for the first time that ...", "said on Monday, following a check ..., that").
_ADVERBIAL_LINKS = frozenset({"prep", "pobj", "pcomp", "npadvmod", "advmod", "relcl", "acl", "amod", "appos", "advcl", "dobj", "dative"})
_GAP_AFTER_QUOTE = re.compile(r"[\s,.;:!?\u2014\u2013-]*")
_GAP_BEFORE_QUOTE = re.compile(r"[\s,:\u2014\u2013-]*")
_QUOTE_END = re.compile(r"[\s.,;:!?)\]]*")  # a quote that ends its sentence


def reporting_verb(a: Article, verb, sent: Sentence) -> None:
    """The rows of one reporting verb (none when it has no speaker or no content)."""
    entry = a.words.verbs.get(verb.lemma_.lower())
    if entry is None or verb.pos_ not in ("VERB",):
        return
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and any(t.lemma_.lower() in _AS_VERBS for t in list(verb.head.ancestors)[:3]):
        return  # the "saying" of "X quoted Y as saying": handled with "quoted"
    if _is_citing(a, verb, sent) or any(c.dep_ == "neg" for c in verb.children):
        return  # "reported, citing X": handled with "reported" ("citing objections" credits no one); "did not say when" neither
    passive = is_passive(verb)
    how, speech_subject = "", False
    cue_verb, quoted_by, inherit = verb, None, False
    quoted_as = _quoted_as(a, verb, sent)
    told = _told_at(a, verb, sent) if passive else None
    if quoted_as is not None:
        heads, verb, entry, quoted_by = quoted_as
        inherit, passive = quoted_by is None, False
    elif told is not None:  # "RIA Novosti was told at the embassy": the embassy speaks
        heads, quoted_by = told
        passive = False
    elif passive:
        channel_cue = reported_by(a, verb, sent)
        if channel_cue is not None:
            a.channel_cues.append(channel_cue)
            return  # "His remarks, reported by X": X is a channel, the verb reports nothing
        if cites_speaker(a, verb, sent):
            return  # "Experts cited by Yonhap said": Yonhap is the channel of the experts' words
        heads = agent_heads(verb)
        if not heads:
            hedge_passive(a, verb, sent)
            return
    else:
        group = next((c for c in verb.children if c.lower_ in _GROUP_WORDS and c.dep_ in ("nsubj", "det")), None)
        heads, how = ([group], "group") if group is not None else subject(verb, sent, a.in_dateline)
        if len(heads) == 1:
            possessor = speech_possessor(heads[0], sent, a.words.speech)
            if possessor is not None:
                heads, how, speech_subject = [possessor], "possessive", True
        citing = next((c for c in verb.children if _citing(a, c, sent) is not None), None)
        if citing is not None:  # "TASS reported, citing the ministry, that ...": the ministry speaks
            quoted_by, heads, cue_verb = tuple(h.i for h in heads), _citing(a, citing, sent), citing
    heads = [_author(a, h, sent) for h in heads]
    speakers = a.speakers(heads, sent, how)
    if not speakers:
        return
    cue_start, cue_end = cue_verb.idx, cue_verb.idx + len(cue_verb.text)
    cue = a.words.verbs[cue_verb.lemma_.lower()].lemma
    made: list[int] = []

    def record() -> None:
        a.channel_cues.append(VerbChannel(tuple(made), verb.i, tuple(h.i for h in heads), quoted_by, sent, inherit))

    # direct quotation next to the speaker and the verb
    group = [verb, *(c for c in verb.children if c.dep_ in _GROUP_DEPS and inside(c, sent))]
    if cue_verb is not verb:  # "KCNA quoted the ministry as saying": the whole clause sits by the quote
        by = [t for i in quoted_by or () for t in clipped(a.doc[i].subtree, sent)]
        group += [cue_verb, verb.head, *by, *(t for h in heads for t in clipped(h.subtree, sent))]
    if not how:
        group += [t for h in heads for t in clipped(h.subtree, sent) if t.i <= h.i or t.dep_ in ("appos", "punct")]
        group += [t for s in speakers for t in a.doc.char_span(s.start, s.end, alignment_mode="expand") or []]
    g_start = min(t.idx for t in group)
    g_end = max(t.idx + len(t.text) for t in group)
    if not passive:
        direct = _direct_quotes(a, verb, entry, g_start, g_end, sent)
        for q, construction in direct:
            a.used_quotes.add(q)
            start, end = trim_quote(a.text, q.inner_start, q.inner_end)
            for s in speakers:
                row = Row(s, cue, cue_start, cue_end, "direct", start, end, sent.section, construction, cue_token=verb.i)
                made.append(a.add_row(row))
        if direct:
            record()
            return
    span, construction = _complement(a, verb, entry, passive, sent)
    if span is None and told is not None:
        span, construction = _fronted(a, told[1][0], sent), "reporting_clause"
    if span is None:
        return
    start, end, quote_type = a.content(*span)
    if start >= end:
        return
    if end <= cue_start and all(is_outlet(a, sp.source, sp.kind) for sp in speakers):
        owned = tuple(k for k in a.rows_cued_in(start, end) if a.rows[k].construction != "hedge")
        if owned:  # "Kim said ..., reports Yonhap": Yonhap carried Kim's words
            a.channel_cues.append(AccordingChannel(owned, "; ".join(sp.source for sp in speakers), (cue_start, g_end)))
            return
    if speech_subject:
        has_clause = any(c.dep_ == "ccomp" for c in verb.children)
        if quote_type != "mixed" and not has_clause:
            return  # "His remarks ... underscore a partnership": the writer's words
        construction = "speech_noun"
    for s in speakers:
        row = Row(s, cue, cue_start, cue_end, quote_type, start, end, sent.section, construction, cue_token=verb.i)
        made.append(a.add_row(row))
    record()


def _author(a: Article, head, sent: Sentence):
    """A document named by its author stands for the author ("a report by the Institute
    ...", "The report, published by the Korea Institute ...")."""
    if head.lemma_.lower() in a.words.documents:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                objs = [c for c in child.children if c.dep_ == "pobj" and inside(c, sent)]
                if objs:
                    return objs[0]
            if child.dep_ == "acl" and agent_heads(child):
                return agent_heads(child)[0]
    return head


def _quoted_as(a: Article, verb, sent: Sentence):
    """ "KCNA quoted Kim as saying ...", "TASS cited the ministry as saying ...", "Kim was
    quoted (by X) as saying ...": the quoted party speaks with the inner verb, the quoting
    one is the channel. Returns (speaker heads, the inner reporting verb, its lexicon entry,
    the heads of the channel or None when no one is named), or None."""
    if verb.lemma_.lower() not in _AS_VERBS:
        return None
    inner = [
        c
        for t in verb.subtree
        if t.lower_ == "as" and t.i > verb.i and inside(t, sent) and verb in list(t.ancestors)[:3]
        for c in t.children
        if c.dep_ == "pcomp" and c.lemma_.lower() in a.words.verbs
    ]  # "as" hangs on the verb, or on the clause the parser gave the verb ("as saying turnout had reached")
    if not inner:
        return None
    if is_passive(verb) or any(c.dep_ == "nsubjpass" for c in verb.children):
        quoted = [c for c in verb.children if c.dep_ == "nsubjpass" and inside(c, sent)]
        by = agent_heads(verb)
        channel = tuple(h.i for h in by) if by else None
    else:
        quoted = [c for c in verb.children if c.dep_ in ("dobj", "obj") and inside(c, sent)]
        channel = tuple(h.i for h in subject(verb, sent, a.in_dateline)[0])
    if not quoted:
        return None
    return with_conjuncts(quoted[0]), inner[0], a.words.verbs[inner[0].lemma_.lower()], channel


def _told_at(a: Article, verb, sent: Sentence):
    """ "RIA Novosti was told at the DPRK embassy": (the heads of the body that spoke, the
    heads of the outlet told) when an outlet was told by or at a body, else None."""
    if verb.lemma_.lower() != "tell":
        return None
    told = [c for c in verb.children if c.dep_ == "nsubjpass" and inside(c, sent)]
    outlet = a.resolver.resolve(told[0], sent.start, sent.end) if told else None
    if outlet is None or not is_outlet(a, outlet.source, outlet.kind):
        return None
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("at", "by", "in"):
            objs = [c for c in prep.children if c.dep_ == "pobj" and inside(c, sent)]
            if objs and a.resolver.resolve(objs[0], sent.start, sent.end) is not None:
                return with_conjuncts(objs[0]), (told[0].i,)
    return None


def _fronted(a: Article, subject_i: int, sent: Sentence) -> tuple[int, int] | None:
    """ "Students will get visas, RIA Novosti was told": the words before the comma that
    precedes the subject (for a verb the parser gave no complement)."""
    left = a.doc[subject_i].left_edge.idx
    comma = a.text.rfind(",", sent.start, left)
    if comma <= sent.start or a.text[comma + 1 : left].strip():
        return None
    return sent.start, comma


def _is_citing(a: Article, verb, sent: Sentence) -> bool:
    """A "citing X" participle on a reporting verb (before or after it)."""
    return (
        verb.lemma_.lower() == "cite"
        and verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "xcomp", "conj", "acl")
        and verb.head.lemma_.lower() in a.words.verbs
        and inside(verb.head, sent)
    )


def _citing(a: Article, verb, sent: Sentence):
    """ "..., citing a government source": the heads of the cited party when ``verb`` is such
    a participle on a reporting verb and the party is a speaker, else None ("citing objections")."""
    if verb.lemma_.lower() != "cite" or verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj", "acl"):
        return None
    if verb.head.lemma_.lower() not in a.words.verbs or not inside(verb.head, sent) or verb.i < verb.head.i:
        return None  # the participle follows its reporting verb ("reported ..., citing X")
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and inside(c, sent)]
    if not objs or a.resolver.resolve(objs[0], sent.start, sent.end) is None:
        return None
    return with_conjuncts(objs[0])


def _direct_quotes(
    a: Article, verb, entry: Verb, group_start: int, group_end: int, sent: Sentence
) -> list[tuple[QuoteSpan, str]]:
    """A quote ending right before the speaker+verb group ("‘...,’ he said"), or starting
    right after it, possibly past a few words that depend on the verb ("Lavrov told
    reporters on Monday: ‘...’"); a quote split around its speaker gives both halves."""
    text = a.text
    found: list[tuple[QuoteSpan, str]] = []
    for q in a.quotes_touching(sent.start - 1, max(sent.end, group_start)):
        if q in a.used_quotes:
            continue
        if q.end <= group_start and q.end > sent.start - 1 and _GAP_AFTER_QUOTE.fullmatch(text, q.end, group_start):
            found.append((q, "direct_speaker_after"))
        elif q.start >= group_end and q.start < sent.end and not any(f[1] == "direct_speaker_before" for f in found):
            tail_end, n = group_end, 0
            for token in verb.doc[verb.i + 1 :]:
                if token.idx >= q.start or n > 6 or token.text in QUOTE_CHARS:
                    break
                if token.is_punct or token.is_space:
                    continue
                if not any(t.i == verb.i for t in token.ancestors) or token.dep_ in ("ccomp", "mark"):
                    break
                tail_end, n = token.idx + len(token.text), n + 1
            closes = _QUOTE_END.fullmatch(text, q.end, sent.end) or text[q.inner_end - 1 : q.inner_end] in ",.!?"
            gap = _GAP_BEFORE_QUOTE.fullmatch(text, tail_end, q.start)
            # "said: ‘...’", "said, ‘...’", or a speech verb right before a capitalised quote;
            # "praised the soldiers for their ‘heroic feats’" is a mixed quote, not a direct one
            marked = gap is not None and any(ch in ",:" for ch in text[tail_end : q.start])
            plain = (
                gap is not None
                and tail_end == group_end
                and entry.kind == "speech"
                and text[q.inner_start : q.inner_start + 1].isupper()
            )
            if closes and (marked or plain):
                found.append((q, "direct_speaker_before"))
    return found


def _that_after_adverbials(verb, sent: Sentence):
    """The "that" opening a clause the parser hung on an adverbial of the verb ("confirmed
    on Thursday for the first time that ..."), else None."""
    for token in verb.doc[verb.i + 1 :]:
        if token.idx >= sent.end or token.text in QUOTE_CHARS or token.dep_ in ("ccomp", "nsubj", "nsubjpass"):
            return None
        if token.lower_ == "that" and token.dep_ in ("mark", "advmod") and token.head.pos_ in ("VERB", "AUX"):
            current = token.head
            for _ in range(8):
                if current.i == verb.i:
                    return token
                if current.dep_ not in _ADVERBIAL_LINKS or current.head.i == current.i:
                    return None
                current = current.head
            return None
    return None


def _complement(a: Article, verb, entry: Verb, passive: bool, sent: Sentence) -> tuple[tuple[int, int] | None, str]:
    """The reported content of a reporting verb and the construction it shows."""
    if passive:
        if not entry.object:
            return None, ""
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and inside(c, sent)), None)
        if subj is not None and subj.lower_ in ("that", "which", "who") and inside(verb.head, sent):
            subj = verb.head
        if subj is None and verb.dep_ in ("acl", "relcl") and inside(verb.head, sent):
            subj = verb.head
        if subj is None:
            return None, ""
        tokens = list(subj.subtree)
        for child in verb.children:
            if child.i > verb.i and child.dep_ in _OBJECT_DEPS and child.dep_ != "agent":
                tokens += list(child.subtree)
        return span_of(clipped(tokens, sent)), "passive_agent"
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and inside(c, sent)]
    if clauses and entry.clause:
        # without a conjoined report of its own ("that A and another stating that B")
        tokens = without_conjoined_reports(clipped(clauses[0].subtree, sent), a.words.verbs)
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens = tokens[1:]
        return span_of(tokens), "reporting_clause"
    gap = _that_after_adverbials(verb, sent) if entry.clause else None
    if gap is not None:
        return span_of([t for t in clipped(gap.head.subtree, sent) if t.i > gap.i]), "reporting_clause"
    if entry.to_clause:
        infinitive = [
            c for c in verb.children if c.dep_ == "xcomp" and inside(c, sent) and any(t.lower_ == "to" for t in c.children)
        ]
        if infinitive:
            return span_of(clipped(infinitive[0].subtree, sent)), "reporting_clause"
    objects = any(c.dep_ in ("dobj", "obj") and inside(c, sent) for c in verb.children)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and entry.clause and not clauses:
        # "cited X as saying turnout had reached ...": what follows "as saying" is the content
        rest = [t for t in clipped(verb.doc[verb.i + 1 : verb.i + 80], sent) if not t.is_punct]
        if rest:
            return span_of(rest), "reporting_clause"
    if sent.section == "headline" and entry.clause and not clauses and not (objects and entry.object):
        # headlinese drops "that" and auxiliaries: "Kremlin says no talks planned with Kyiv"
        rest = [t for t in clipped(verb.doc[verb.i + 1 : verb.i + 40], sent) if not t.is_punct]
        if rest and not any(t.lemma_.lower() in a.words.verbs and t.pos_ == "VERB" and t.dep_ != "acl" for t in rest[:1]):
            return span_of(rest), "reporting_clause"
    if verb.dep_ == "parataxis" and entry.clause and inside(verb.head, sent):
        # "The troops, Peskov said, were there to help": the host clause is the content
        own = {t.i for t in verb.subtree}
        return span_of([t for t in clipped(verb.head.subtree, sent) if t.i not in own]), "reporting_clause"
    if not entry.object:
        return None, ""
    objects = [
        c for c in verb.children if inside(c, sent) and (c.dep_ in ("dobj", "obj") or (c.dep_ == "xcomp" and c.tag_ == "VBG"))
    ]
    if not objects:
        return None, ""
    tokens = []
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _OBJECT_DEPS and child.lower_ not in ("according", *a.words.channel_preps):
            tokens += list(child.subtree)
    return span_of(without_conjoined_verbs(clipped(tokens, sent))), "reporting_object"

"""Source attribution: who each piece quotes or cites, how, and through which channel.

:func:`attributions` reads the shared dependency parse (:func:`newsprism.nlp.parse.parse_articles`)
sentence by sentence (:func:`newsprism.corpus.read.sentences`, headline and body) and applies
one rule per construction; each row says which (``construction``):

- ``direct_speaker_after`` / ``direct_speaker_before``: a paired quotation
  (:mod:`newsprism.text.quotes`) right next to a speaker and a reporting verb ("‘...,’ he said",
  "Peskov stated"); the quote may run over paragraph breaks;
- ``reporting_clause``: a reporting verb with a clausal complement ("confirmed that");
- ``reporting_object``: a reporting verb whose object is the reported content ("expressed
  profound gratitude", "lauded the ‘heroism’ of");
- ``passive_agent``: "echoed by Russian officials", "framed by ... as", "interpreted by some";
- ``speech_noun``: a possessor's words with quoted fragments ("Moscow’s emphasis on ‘...’",
  "The North Korean leader’s remarks ... emphasized the ‘...’");
- ``according_to``: "According to X, ..." (X is the channel instead when the clause has its
  own speaker, "Kim expressed ..., according to reports", or when the words X would be
  credited with hold another attribution's cue, "Putin said that ..., according to the
  Kremlin"; the phrase is then cut from that attribution's content);
- ``headline_colon``: "Russia’s Putin: ‘...’", "Rudenko: ...";
- ``hedge``: "reportedly", "are reported to" (an unnamed source, "reports").

``quote_type`` is direct, mixed (the content holds a quoted fragment), indirect or
according_to. Speakers (apposition, possessive, role, pronoun, relative clause, the subject
of a governing verb) resolve through :mod:`newsprism.stages.attribution.speakers`. Channels ("via Interfax",
"according to state news agency KCNA", "His remarks, reported by the ... press service")
go to ``channel``. Reporting verbs live in ``data/lexicons/reporting_verbs.csv``; source,
speech and hedge words in ``data/lexicons/attribution_words.csv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.sentences import sentences
from newsprism.corpus.views import english_only, masked_view
from newsprism.errors import NewsprismError
from newsprism.nlp.parse import PARSED_SECTIONS
from newsprism.resources.files import read_data_csv, resource
from newsprism.text.quotes import MAX_QUOTE_CHARS, QUOTE_CHARS, QuoteSpan, pair_quotes

from .speakers import Speaker, SpeakerResolver, attribution_words, canonical_source

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CONSTRUCTIONS",
    "QUOTE_TYPES",
    "VERBS_FILE",
    "attribution_counts",
    "attributions",
    "attributions_table",
    "reporting_verbs",
    "sourcing_shares",
]

VERBS_FILE = "lexicons/reporting_verbs.csv"
#: Values of ``quote_type``.
QUOTE_TYPES = ("direct", "mixed", "indirect", "according_to")
#: Values of ``construction``.
CONSTRUCTIONS = (
    "direct_speaker_after",
    "direct_speaker_before",
    "headline_colon",
    "reporting_clause",
    "reporting_object",
    "passive_agent",
    "speech_noun",
    "according_to",
    "hedge",
)
#: Columns of the ``attributions`` table (the INTERFACE columns first).
ATTRIBUTION_COLUMNS = [
    "doc_id",
    "source",
    "source_kind",
    "cue",
    "quote_type",
    "channel",
    "content",
    "start",
    "end",
    "side",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "section",
    "construction",
    "speaker_how",
    "cue_text",
    "cue_start",
    "cue_end",
]

_OBJECT_DEPS = frozenset({"dobj", "obj", "prep", "attr", "oprd", "xcomp", "acomp", "dative", "prt", "ccomp"})
_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
_GAP_AFTER_QUOTE = re.compile(r"[\s,.;:!?\u2014\u2013-]*")
_GAP_BEFORE_QUOTE = re.compile(r"[\s,:\u2014\u2013-]*")
_QUOTE_END = re.compile(r"[\s.,;:!?)\]]*")  # a quote that ends its sentence
_TRIM = " \t\r\n,;:.\u2014\u2013-"
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}\s+[\u2013\u2014-]\s+")
_COORDINATED_QUOTE = re.compile(r"[\s,]*(?:(?:and|or)\s+)?")


@dataclass(frozen=True)
class Verb:
    """One row of ``reporting_verbs.csv``."""

    lemma: str
    kind: str
    clause: bool
    object: bool
    to_clause: bool


def _verbs() -> dict[str, Verb]:
    return resource(VERBS_FILE, _verb_entries)


def _verb_entries(table: pd.DataFrame) -> dict[str, Verb]:
    return {
        row.lemma.strip().lower(): Verb(
            row.lemma.strip().lower(),
            row.kind.strip(),
            row.clause.strip() == "yes",
            row.object.strip() == "yes",
            row.to_clause.strip() == "yes",
        )
        for row in table.itertuples(index=False)
    }


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon (lemma, kind, clause, object, to_clause, sources, note)."""
    return read_data_csv(VERBS_FILE)


@dataclass
class _Row:
    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int
    quote_type: str
    start: int
    end: int
    section: str
    construction: str
    channel: str = ""
    cue_token: int = -1  # token index of the cue (for channel attachment), -1 if none


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    section: str


class _Coverage:
    """The union of character spans as sorted disjoint intervals: ``covers(offset)`` is a
    bisect, ``add`` merges the intervals a new span touches."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        i = bisect.bisect_left(self._ends, start)
        j = bisect.bisect_right(self._starts, end)
        if i < j:
            start, end = min(start, self._starts[i]), max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def covers(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]


class _Article:
    """Everything the rules need about one parsed article."""

    def __init__(self, doc_id: str, text: str, segments, doc, sents: list[_Sentence], mentions: pd.DataFrame):
        self.doc_id = doc_id
        self.text = text
        self.doc = doc
        self.sents = sents
        self._token_starts = [t.idx for t in doc]
        self.resolver = SpeakerResolver(doc_id, doc, mentions)
        masked = masked_view(text, segments, PARSED_SECTIONS)
        groups = [
            (s.start, s.end, "headline" if s.section == "headline" else "body") for s in segments if s.section in PARSED_SECTIONS
        ]
        self._group_starts = [g[0] for g in groups]
        self._groups = groups
        self.quotes = [
            q for q in pair_quotes(masked) if self.group_at(q.start) and self.group_at(q.start) == self.group_at(q.end - 1)
        ]
        self._quote_starts = [q.start for q in self.quotes]
        self.used_quotes: set[QuoteSpan] = set()
        self.rows: list[_Row] = []
        # indexes over ``rows`` (cue token, cue start, source), so that no rule scans them all
        self.rows_by_cue_token: dict[int, list[int]] = {}
        self.rows_by_source: dict[str, list[int]] = {}
        self._cue_starts: list[tuple[int, int]] = []  # (cue_start, row number), sorted
        self.coverage: _Coverage | None = None  # the rows' contents, built for the hedge pass

    def add_row(self, row: _Row) -> None:
        """Append a row and index it."""
        k = len(self.rows)
        self.rows.append(row)
        self.rows_by_cue_token.setdefault(row.cue_token, []).append(k)
        self.rows_by_source.setdefault(row.speaker.source, []).append(k)
        bisect.insort(self._cue_starts, (row.cue_start, k))
        if self.coverage is not None:
            self.coverage.add(row.start, row.end)

    def rows_cued_in(self, lo: int, hi: int) -> list[int]:
        """Numbers of the rows whose cue starts in ``[lo, hi)``."""
        first = bisect.bisect_left(self._cue_starts, (lo, -1))
        last = bisect.bisect_left(self._cue_starts, (hi, -1))
        return [k for _, k in self._cue_starts[first:last]]

    def group_at(self, offset: int) -> str:
        k = bisect.bisect_right(self._group_starts, offset) - 1
        if k < 0:
            return ""
        start, end, group = self._groups[k]
        return group if start <= offset < end else ""

    def quotes_from(self, lo: int, hi: int) -> list[QuoteSpan]:
        """The quotes starting in ``[lo, hi)``, in order (a bisect, not a scan of the piece)."""
        return self.quotes[bisect.bisect_left(self._quote_starts, lo) : bisect.bisect_left(self._quote_starts, hi)]

    def quotes_touching(self, lo: int, hi: int) -> list[QuoteSpan]:
        """A superset of the quotes overlapping ``[lo, hi)``, in order: a quote is at most
        ``MAX_QUOTE_CHARS + 1`` characters long (:func:`newsprism.text.quotes.pair_quotes`)."""
        return self.quotes_from(lo - MAX_QUOTE_CHARS - 1, hi)

    def tokens(self, sent: _Sentence) -> list:
        """The non-space tokens of a sentence."""
        first = bisect.bisect_left(self._token_starts, sent.start)
        last = bisect.bisect_left(self._token_starts, sent.end)
        return [t for t in self.doc[first:last] if not t.is_space]


def _inside(token, sent: _Sentence) -> bool:
    return sent.start <= token.idx < sent.end


def _clipped(tokens, sent: _Sentence) -> list:
    return sorted((t for t in tokens if _inside(t, sent) and not t.is_space), key=lambda t: t.i)


def _span_of(tokens) -> tuple[int, int] | None:
    """Character span of ``tokens``; punctuation other than quotation marks does not count,
    so a sentence's final period never stretches a span over words left out."""
    tokens = [t for t in tokens if not t.is_punct or t.text in QUOTE_CHARS]
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding spaces and punctuation (closing quote marks stay)."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding spaces and a trailing comma or colon (a final
    period, question or exclamation mark is part of the quote)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _passive(verb) -> bool:
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children)


def _agent_heads(verb) -> list:
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            return _with_conjuncts(objs[0]) if objs else []
    return []


def _with_conjuncts(head) -> list:
    out, stack = [head], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(child)
                stack.append(child)
    return out


def _without_conjoined_verbs(tokens: list) -> list:
    """Drop conjoined verb phrases ("... and praising the ‘...’") and their conjunction:
    they are attributions of their own."""
    cut = {t.i for t in tokens if t.dep_ == "conj" and t.pos_ == "VERB"}
    cut |= {c.i for t in tokens if t.i in cut for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    return [t for t in tokens if t.i not in cut and not any(a.i in cut for a in t.ancestors)]


def _subject_by_position(verb, sent: _Sentence) -> list:
    """When the parser attached the opening noun phrase of a sentence across the sentence
    boundary (the shared parse reads a headline and the first line as one sentence), that
    detached noun is the subject of the sentence's main verb ("North Korean soldiers
    acknowledged", "Officials in Seoul, who ..., said")."""
    if _inside(verb.head, sent) and verb.head.i != verb.i:
        return []
    first = verb.i
    while first > 0 and verb.doc[first - 1].idx >= sent.start:
        first -= 1  # the sentence's first token: look back over this sentence only
    detached = [
        t
        for t in verb.doc[first : verb.i]
        if _inside(t, sent) and t.pos_ in ("NOUN", "PROPN", "PRON") and not _inside(t.head, sent) and t.head.i != t.i
    ]
    return detached[-1:] if len(detached) == 1 else []


def _subject(verb, sent: _Sentence) -> tuple[list, str]:
    """The subject head(s) of an active reporting verb and how they were found."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and _inside(child, sent):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl" and _inside(verb.head, sent):
                return _with_conjuncts(verb.head), "relative"
            return _with_conjuncts(child), ""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and _inside(verb.head, sent) and verb.head.pos_ in ("NOUN", "PROPN"):
        return _with_conjuncts(verb.head), ""
    positional = _subject_by_position(verb, sent)
    if positional:
        return positional, ""
    current = verb
    for _ in range(5):
        if current.dep_ not in _INHERIT_DEPS or current.head.i == current.i or not _inside(current.head, sent):
            return [], ""
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            for child in current.children:
                if child.dep_ == "nsubj" and _inside(child, sent) and child.lower_ not in ("who", "which", "that"):
                    return _with_conjuncts(child), "inherited"
    return [], ""


class _Rules:
    """The construction rules, applied to one article."""

    def __init__(self, article: _Article):
        self.a = article
        self.verbs = _verbs()
        self.speech = attribution_words("speech")
        self.hedges = attribution_words("hedge")
        self.documents = attribution_words("document")
        self.channel_verbs = attribution_words("channel_verb")
        self.channel_preps = attribution_words("channel_prep")

    # -- helpers -------------------------------------------------------------------------
    def _add(self, row: _Row) -> None:
        self.a.add_row(row)

    def _quotes_within(self, start: int, end: int) -> list[QuoteSpan]:
        return [q for q in self.a.quotes_from(start, end) if q.end <= end and q not in self.a.used_quotes]

    def _extend_over_quotes(self, start: int, end: int) -> tuple[int, int]:
        """Grow a content span so that quotes it cuts, and quotes coordinated right after it
        ("on ‘...’ and ‘...’"), are wholly inside."""
        text = self.a.text
        changed = True
        while changed:
            changed = False
            for q in self.a.quotes_touching(start, end):
                if q.start < end < q.end and q.start >= start:
                    end, changed = q.end, True
                elif q.start < start < q.end and q.end <= end:
                    start, changed = q.start, True
            following = self.a.quotes_from(end, len(text) + 1)[:1]
            for q in following:
                gap = _COORDINATED_QUOTE.fullmatch(text, end, q.start)
                if gap and self._quotes_within(start, end):
                    end, changed = q.end, True
        return start, end

    def _content(self, start: int, end: int) -> tuple[int, int, str]:
        start, end = _trim(self.a.text, start, end)
        start, end = self._extend_over_quotes(start, end)
        quote_type = "mixed" if self._quotes_within(start, end) else "indirect"
        return start, end, quote_type

    def _speakers(self, heads: list, sent: _Sentence, how: str) -> list[Speaker]:
        out = []
        for head in heads:
            found = self.a.resolver.resolve(head, sent.start, sent.end, how)
            if found:
                out.append(found)
        return out

    def _author(self, head, sent: _Sentence):
        """A document named by its author stands for the author ("a report by the Institute
        ...", "The report, published by the Korea Institute ...")."""
        if head.lemma_.lower() in self.documents:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    objs = [c for c in child.children if c.dep_ == "pobj" and _inside(c, sent)]
                    if objs:
                        return objs[0]
                if child.dep_ == "acl" and _agent_heads(child):
                    return _agent_heads(child)[0]
        return head

    def _speaker_channel(self, heads: list, sent: _Sentence) -> str:
        """ "Experts cited by Yonhap said ...": the agent of a channel verb on the speaker."""
        for head in heads:
            for child in head.children:
                if (
                    child.dep_ == "acl"
                    and child.lemma_.lower() in self.channel_verbs
                    and head.lemma_.lower() not in self.documents
                ):
                    agents = _agent_heads(child)
                    if agents:
                        return self._channel_name(agents[0], sent)
        return ""

    def _quoted_as(self, verb, sent: _Sentence):
        """ "KCNA quoted Kim as saying ...": the quoted person speaks, the subject is the channel.
        Returns (speaker heads, the inner reporting verb, its lexicon entry) or None."""
        if verb.lemma_.lower() != "quote":
            return None
        objs = [c for c in verb.children if c.dep_ == "dobj" and _inside(c, sent)]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and objs:
                inner = [c for c in prep.children if c.dep_ == "pcomp" and c.lemma_.lower() in self.verbs]
                if inner:
                    return _with_conjuncts(objs[0]), inner[0], self.verbs[inner[0].lemma_.lower()]
        return None

    def _speech_possessor(self, noun, sent: _Sentence):
        """The possessor of a speech noun ("His remarks", "Moscow’s emphasis"), else None."""
        if noun.lemma_.lower() not in self.speech:
            return None
        for child in noun.children:
            possessive = child.dep_ == "poss" or any(g.tag_ == "POS" for g in child.children)
            if possessive and child.i < noun.i and _inside(child, sent):
                return child
        return None

    def _direct_quotes(self, verb, entry: Verb, group_start: int, group_end: int, sent: _Sentence) -> list[tuple[QuoteSpan, str]]:
        """A quote ending right before the speaker+verb group ("‘...,’ he said"), or starting
        right after it, possibly past a few words that depend on the verb ("Lavrov told
        reporters on Monday: ‘...’"); a quote split around its speaker gives both halves."""
        text = self.a.text
        found: list[tuple[QuoteSpan, str]] = []
        for q in self.a.quotes_touching(sent.start - 1, max(sent.end, group_start)):
            if q in self.a.used_quotes:
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
                    if not any(a.i == verb.i for a in token.ancestors) or token.dep_ in ("ccomp", "mark"):
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

    # -- verbs ---------------------------------------------------------------------------
    def verb(self, verb, sent: _Sentence) -> None:
        entry = self.verbs.get(verb.lemma_.lower())
        if entry is None or verb.pos_ not in ("VERB",):
            return
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() == "quote":
            return  # the "saying" of "X quoted Y as saying": handled with "quoted"
        passive = _passive(verb)
        how, speech_subject = "", False
        if passive:
            if self._channel_construction(verb, sent):
                return
            if (
                verb.dep_ == "acl"
                and verb.lemma_.lower() in self.channel_verbs
                and self.a.resolver.resolve(verb.head, sent.start, sent.end)
            ):
                return  # "Experts cited by Yonhap said": Yonhap is the channel of the experts' words
            heads = _agent_heads(verb)
            if not heads:
                self._hedge_passive(verb, sent)
                return
        else:
            heads, how = _subject(verb, sent)
            if len(heads) == 1:
                possessor = self._speech_possessor(heads[0], sent)
                if possessor is not None:
                    heads, how, speech_subject = [possessor], "possessive", True
        heads = [self._author(h, sent) for h in heads]
        quoted_as = self._quoted_as(verb, sent)
        if quoted_as is not None:
            channel_heads, (heads, verb, entry) = heads, quoted_as
        speakers = self._speakers(heads, sent, how)
        if not speakers:
            return
        channel = self._speaker_channel(heads, sent)
        if quoted_as is not None:
            channel = "; ".join(s.source for s in self._speakers(channel_heads, sent, ""))
        cue_start, cue_end = verb.idx, verb.idx + len(verb.text)
        # direct quotation next to the speaker and the verb
        group = [verb, *(c for c in verb.children if c.dep_ in _GROUP_DEPS and _inside(c, sent))]
        if not how:
            group += [t for h in heads for t in _clipped(h.subtree, sent) if t.i <= h.i or t.dep_ in ("appos", "punct")]
            group += [t for s in speakers for t in self.a.doc.char_span(s.start, s.end, alignment_mode="expand") or []]
        g_start = min(t.idx for t in group)
        g_end = max(t.idx + len(t.text) for t in group)
        if not passive:
            direct = self._direct_quotes(verb, entry, g_start, g_end, sent)
            for q, construction in direct:
                self.a.used_quotes.add(q)
                start, end = _trim_quote(self.a.text, q.inner_start, q.inner_end)
                for s in speakers:
                    row = _Row(
                        s, entry.lemma, cue_start, cue_end, "direct", start, end, sent.section, construction, cue_token=verb.i
                    )
                    row.channel = channel or self._via_channel(verb, sent)
                    self._add(row)
            if direct:
                return
        span, construction = self._complement(verb, entry, passive, sent)
        if span is None:
            return
        start, end, quote_type = self._content(*span)
        if start >= end:
            return
        if speech_subject:
            has_clause = any(c.dep_ == "ccomp" for c in verb.children)
            if quote_type != "mixed" and not has_clause:
                return  # "His remarks ... underscore a partnership": the writer's words
            construction = "speech_noun"
        for s in speakers:
            row = _Row(s, entry.lemma, cue_start, cue_end, quote_type, start, end, sent.section, construction, cue_token=verb.i)
            row.channel = channel or self._via_channel(verb, sent)
            self._add(row)

    def _complement(self, verb, entry: Verb, passive: bool, sent: _Sentence) -> tuple[tuple[int, int] | None, str]:
        """The reported content of a reporting verb and the construction it shows."""
        if passive:
            if not entry.object:
                return None, ""
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and _inside(c, sent)), None)
            if subject is not None and subject.lower_ in ("that", "which", "who") and _inside(verb.head, sent):
                subject = verb.head
            if subject is None and verb.dep_ in ("acl", "relcl") and _inside(verb.head, sent):
                subject = verb.head
            if subject is None:
                return None, ""
            tokens = list(subject.subtree)
            for child in verb.children:
                if child.i > verb.i and child.dep_ in _OBJECT_DEPS and child.dep_ != "agent":
                    tokens += list(child.subtree)
            return _span_of(_clipped(tokens, sent)), "passive_agent"
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and _inside(c, sent)]
        if clauses and entry.clause:
            tokens = _clipped(clauses[0].subtree, sent)
            while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
                tokens = tokens[1:]
            return _span_of(tokens), "reporting_clause"
        if entry.to_clause:
            infinitive = [
                c for c in verb.children if c.dep_ == "xcomp" and _inside(c, sent) and any(a.lower_ == "to" for a in c.children)
            ]
            if infinitive:
                return _span_of(_clipped(infinitive[0].subtree, sent)), "reporting_clause"
        if verb.dep_ == "parataxis" and entry.clause and _inside(verb.head, sent):
            # "The troops, Peskov said, were there to help": the host clause is the content
            own = {t.i for t in verb.subtree}
            return _span_of([t for t in _clipped(verb.head.subtree, sent) if t.i not in own]), "reporting_clause"
        if not entry.object:
            return None, ""
        objects = [
            c
            for c in verb.children
            if _inside(c, sent) and (c.dep_ in ("dobj", "obj") or (c.dep_ == "xcomp" and c.tag_ == "VBG"))
        ]
        if not objects:
            return None, ""
        tokens = []
        for child in verb.children:
            if child.i > verb.i and child.dep_ in _OBJECT_DEPS and child.lower_ not in ("according", *self.channel_preps):
                tokens += list(child.subtree)
        return _span_of(_without_conjoined_verbs(_clipped(tokens, sent))), "reporting_object"

    def _via_channel(self, verb, sent: _Sentence) -> str:
        """'via Interfax' on the verb or on a participle attached to it ("Speaking ... via X"),
        or the news outlet told ("told Interfax")."""
        if verb.lemma_.lower() == "tell":
            for child in verb.children:
                if child.dep_ in ("dobj", "dative") and _inside(child, sent):
                    told = self.a.resolver.resolve(child, sent.start, sent.end)
                    if told is not None and told.kind == "media":
                        return told.source
        candidates = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "prep") and _inside(c, sent))]
        for token in candidates:
            preps = [token] if token.dep_ == "prep" else [c for c in token.children if c.dep_ == "prep"]
            for prep in preps:
                if prep.lower_ in self.channel_preps:
                    objs = [c for c in prep.children if c.dep_ == "pobj" and _inside(c, sent)]
                    if objs:
                        return self._channel_name(objs[0], sent)
        return ""

    def _channel_name(self, head, sent: _Sentence) -> str:
        """A channel's name: the canonical entity if the phrase names one at its head
        ("state news agency KCNA" -> KCNA), else the phrase without determiners."""
        dropped = set()
        for child in head.children:
            if child.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj"):
                dropped.update(t.i for t in child.subtree)
        span = _span_of([t for t in _clipped(head.subtree, sent) if t.i not in dropped])
        if span is None:
            return ""
        words = [w for w in self.a.text[span[0] : span[1]].split() if w.lower() not in ("the", "a", "an", "both")]
        phrase = " ".join(words)
        canonical = canonical_source(phrase, self.a.doc_id, self.a.resolver.mentions)
        if canonical and (head.pos_ == "PROPN" or head.ent_type_):
            return canonical
        return phrase if any(w[:1].isupper() for w in words) else phrase.lower()

    def _channel_construction(self, verb, sent: _Sentence) -> bool:
        """'His remarks, reported by the ... press service': the agent is the channel of the
        possessor's latest attribution in this piece. Returns True when the verb is one."""
        if verb.lemma_.lower() not in self.channel_verbs:
            return False
        noun = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if noun is None or not _inside(noun, sent):
            return False
        possessor = self._speech_possessor(noun, sent)
        if possessor is None:
            return False
        agents = _agent_heads(verb)
        speaker = self.a.resolver.resolve(possessor, sent.start, sent.end, "possessive")
        if not agents or speaker is None:
            return True
        channel = self._channel_name(agents[0], sent)
        for k in reversed(self.a.rows_by_source.get(speaker.source, [])):
            row = self.a.rows[k]
            if row.cue_start < verb.idx:
                if not row.channel:
                    row.channel = channel
                break
        return True

    def _hedge_passive(self, verb, sent: _Sentence) -> None:
        """'North Korean troops are reported to have played ...': an unnamed source."""
        if not any(c.dep_ == "xcomp" for c in verb.children):
            return
        edge = {c.i for c in verb.children if c.i < verb.i and c.dep_ in ("mark", "advmod", "punct")}
        self._add_hedge(verb, verb.lemma_.lower(), verb, edge, sent)

    def _add_hedge(self, cue, cue_word: str, clause, excluded: set[int], sent: _Sentence) -> None:
        """Credit the words of ``clause`` (less the ``excluded`` subtrees) to unnamed reports."""
        span = _span_of(
            [t for t in _clipped(clause.subtree, sent) if t.i not in excluded and not any(a.i in excluded for a in t.ancestors)]
        )
        if span is None:
            return
        start, end, quote_type = self._content(*span)
        speaker = Speaker("reports", "anonymous", "unknown", "unnamed", cue.idx, cue.idx, "")
        self._add(
            _Row(
                speaker,
                cue_word,
                cue.idx,
                cue.idx + len(cue.text),
                "according_to" if quote_type == "indirect" else quote_type,
                start,
                end,
                sent.section,
                "hedge",
                cue_token=cue.i,
            )
        )

    # -- nouns, according to, hedges, headlines ------------------------------------------
    def speech_noun(self, noun, sent: _Sentence) -> None:
        """'Moscow’s emphasis on ‘...’', 'Kim’s comments, described as ‘positive’ ...'."""
        possessor = self._speech_possessor(noun, sent)
        if possessor is None:
            return
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in self.verbs:
            return  # the verb rule handles "X's remarks emphasized ..."
        tokens = [t for t in _clipped(noun.subtree, sent) if t.i > noun.i]
        span = _span_of(tokens)
        if span is None:
            return
        start, end, quote_type = self._content(*span)
        if quote_type != "mixed":
            return
        speaker = self.a.resolver.resolve(possessor, sent.start, sent.end, "possessive")
        if speaker is None:
            return
        self._add(
            _Row(
                speaker,
                noun.lemma_.lower(),
                noun.idx,
                noun.idx + len(noun.text),
                "mixed",
                start,
                end,
                sent.section,
                "speech_noun",
                cue_token=noun.i,
            )
        )

    def according(self, token, sent: _Sentence) -> None:
        """'According to X, ...' / '..., according to X': X is the source, or the channel when
        the clause has its own speaker or the words credited to X hold another attribution's
        cue ("Putin said ... that troops had helped ..., according to the Kremlin")."""
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None:
            return
        objs = [c for c in to.children if c.dep_ == "pobj" and _inside(c, sent)]
        if not objs:
            return
        heads = _with_conjuncts(objs[0])
        speakers = self._speakers(heads, sent, "")
        if not speakers:
            return
        clause = token.head
        pp = _span_of(_clipped(token.subtree, sent))
        text = self.a.text
        if pp[0] < clause.idx or not _inside(clause, sent):
            span = (pp[1], sent.end)
        else:
            span = (sent.start, pp[0])
            dateline = _DATELINE.match(text, sent.start, pp[0])
            if dateline:
                span = (dateline.end(), pp[0])
        start, end, quote_type = self._content(*span)
        # the clause has its own speaker ("Kim expressed ..., according to reports"), or the
        # words credited to X hold another attribution's cue ("Putin said ... that troops had
        # helped ..., according to the Kremlin"): X is the channel of those words
        numbers = sorted({*self.a.rows_by_cue_token.get(clause.i, []), *self.a.rows_cued_in(start, end)})
        owned = [self.a.rows[k] for k in numbers if self.a.rows[k].construction != "hedge"]
        if owned:
            channel = "; ".join(dict.fromkeys(s.source for s in speakers))
            for row in owned:
                row.channel = row.channel or channel
                self._cut_channel(row, pp)
            return
        if start >= end:
            return
        quote_type = "according_to" if quote_type == "indirect" else quote_type
        for s in speakers:
            self._add(
                _Row(
                    s,
                    "according to",
                    token.idx,
                    to.idx + len(to.text),
                    quote_type,
                    start,
                    end,
                    sent.section,
                    "according_to",
                    cue_token=token.i,
                )
            )

    def _cut_channel(self, row: _Row, pp: tuple[int, int]) -> None:
        """Take an "according to X" phrase that opens or closes a row's content out of it:
        it names the channel, not the speaker's words."""
        if row.quote_type == "direct" or not (row.start <= pp[0] and pp[1] <= row.end):
            return
        text = self.a.text
        if not text[pp[1] : row.end].strip(_TRIM):
            start, end = _trim(text, row.start, pp[0])
        elif not text[row.start : pp[0]].strip(_TRIM):
            start, end = _trim(text, pp[1], row.end)
        else:
            return
        if start < end:
            row.start, row.end = start, end

    def hedge(self, token, sent: _Sentence) -> None:
        """'reportedly' (unless the clause already has a source, or it sits inside one)."""
        if any(t.lower_ == "according" for t in self.a.tokens(sent)):
            return
        if any(a.i in self.a.rows_by_cue_token for a in token.ancestors):
            return
        if self.a.coverage is None:
            self.a.coverage = _Coverage((r.start, r.end) for r in self.a.rows)
        if self.a.coverage.covers(token.idx):
            return
        clause = token.head
        absolute = {c.i for c in clause.children if c.dep_ == "prep" and c.lower_ == "with"}  # "with X doing Y"
        self._add_hedge(token, token.lower_, clause, absolute, sent)

    def headline_colon(self, sent: _Sentence) -> None:
        """'Russia’s Putin: ‘...’' and 'Rudenko: ...' in a headline."""
        text = self.a.text
        line = text[sent.start : sent.end]
        match = re.match(r"\s*([^:\n]{2,60}?)\s*:\s+(\S.*)$", line, re.S)
        if not match:
            return
        s_start, s_end = sent.start + match.start(1), sent.start + match.end(1)
        tokens = [t for t in self.a.tokens(sent) if s_start <= t.idx < s_end]
        if not tokens:
            return
        head = tokens[-1]
        speaker = self.a.resolver.resolve_text(
            text[s_start:s_end],
            s_start,
            s_end,
            head_lemma=head.lemma_.lower(),
            head_is_name=head.pos_ == "PROPN",
            ent_label=head.ent_type_,
        )
        if speaker is None or (
            speaker.how in ("entity", "unnamed")
            and head.ent_type_ != "PERSON"
            and head.lemma_.lower() not in attribution_words("speaker")
        ):
            return  # "Urgent Developments: ..." names no one
        c_start, c_end = _trim(text, sent.start + match.start(2), sent.end)
        whole = next((q for q in self.a.quotes_from(c_start, c_start + 1) if q.end == c_end), None)
        if whole is not None:
            self.a.used_quotes.add(whole)
            start, end = _trim_quote(text, whole.inner_start, whole.inner_end)
            quote_type = "direct"
        else:
            start, end, quote_type = self._content(c_start, c_end)
        colon = text.index(":", s_end)
        self._add(_Row(speaker, "colon", colon, colon + 1, quote_type, start, end, sent.section, "headline_colon"))


def _article_rows(article: _Article) -> list[_Row]:
    rules = _Rules(article)
    verbs, speech, hedges = rules.verbs, rules.speech, rules.hedges
    for sent in article.sents:
        if sent.section == "headline":
            rules.headline_colon(sent)
        for token in article.tokens(sent):
            lemma = token.lemma_.lower()
            if lemma in verbs and token.pos_ == "VERB":
                rules.verb(token, sent)
            elif lemma in speech and token.pos_ in ("NOUN", "PROPN"):
                rules.speech_noun(token, sent)
    for sent in article.sents:
        for token in article.tokens(sent):
            if token.lower_ == "according" and token.i + 1 < len(article.doc) and article.doc[token.i + 1].lower_ == "to":
                rules.according(token, sent)
    for sent in article.sents:
        for token in article.tokens(sent):
            if token.lower_ in hedges and token.pos_ == "ADV":
                rules.hedge(token, sent)
    return article.rows




@english_only
def attributions(articles: pd.DataFrame, docs: Mapping[str, Doc], mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``attributions`` table: one row per attribution (who is quoted or cited).

    Columns (INTERFACE first): doc_id, source (canonical), source_kind (person,
    organization, media, anonymous), cue (reporting verb lemma, "according to", a speech
    noun, "colon", "reportedly"), quote_type (direct, mixed, indirect, according_to),
    channel, content (``raw[start:end]``: the quoted words, or the reported clause or
    phrase), start, end; then side, speaker_text/speaker_start/speaker_end (the words naming
    the source; empty for hedges), section, construction, speaker_how (name, surname,
    spelling, role, apposition, possessive, pronoun, relative, inherited, entity, unnamed),
    cue_text/cue_start/cue_end. Sorted by doc_id, start, end, cue_start, source.
    """
    sents = sentences(articles, sections=PARSED_SECTIONS)
    by_doc: dict[str, list[_Sentence]] = {}
    for row in sents.itertuples(index=False):
        by_doc.setdefault(row.doc_id, []).append(_Sentence(int(row.start), int(row.end), row.section))
    records = []
    for doc_id, raw, text, segments in zip(articles["doc_id"], articles["raw"], articles["text"], articles["segments"]):
        article = _Article(doc_id, text, segments, docs[doc_id], sorted(by_doc.get(doc_id, []), key=lambda s: s.start), mentions)
        seen = set()
        for r in _article_rows(article):
            key = (r.cue_start, r.speaker.source, r.start, r.end)
            if key in seen:
                continue
            seen.add(key)
            records.append(
                {
                    "doc_id": doc_id,
                    "source": r.speaker.source,
                    "source_kind": r.speaker.kind,
                    "cue": r.cue,
                    "quote_type": r.quote_type,
                    "channel": r.channel,
                    "content": raw[r.start : r.end],
                    "start": r.start,
                    "end": r.end,
                    "side": r.speaker.side,
                    "speaker_text": raw[r.speaker.start : r.speaker.end],
                    "speaker_start": r.speaker.start,
                    "speaker_end": r.speaker.end,
                    "section": r.section,
                    "construction": r.construction,
                    "speaker_how": r.speaker.how,
                    "cue_text": raw[r.cue_start : r.cue_end],
                    "cue_start": r.cue_start,
                    "cue_end": r.cue_end,
                }
            )
    table = pd.DataFrame(records, columns=ATTRIBUTION_COLUMNS)
    table = table.sort_values(["doc_id", "start", "end", "cue_start", "source"], kind="stable").reset_index(drop=True)
    for column in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
        table[column] = table[column].astype("int64")
    return table


#: The table builder registered in :data:`newsprism.stages.registry.TABLES`.
attributions_table = attributions


# -- summaries and display ---------------------------------------------------------------
def attribution_counts(table: pd.DataFrame, by: str, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Attributions per piece (rows) and value of ``by`` (columns: source_kind, side,
    quote_type, construction, ...), zero-filled, pieces in ``doc_ids`` order."""
    if by not in table.columns:
        raise NewsprismError(f"attribution_counts: no column '{by}' in the attributions table")
    doc_ids = doc_ids if doc_ids is not None else sorted(table["doc_id"].unique())
    counts = table.groupby(["doc_id", by]).size().unstack(fill_value=0)
    present = list(counts.columns) or list(SOURCE_ORDER.get(by, ()))  # no attributions: zero columns of every kind
    order = [v for v in (*SOURCE_ORDER.get(by, ()), *sorted(present)) if v in present]
    counts = counts.reindex(index=doc_ids, columns=list(dict.fromkeys(order)), fill_value=0)
    counts.columns.name = None
    counts.index.name = "doc_id"
    return counts.astype("int64").reset_index()


SOURCE_ORDER = {
    "source_kind": ("person", "organization", "media", "anonymous"),
    "side": ("Russian", "North Korean", "South Korean", "Ukrainian", "other", "unknown"),
    "quote_type": QUOTE_TYPES,
}


def sourcing_shares(table: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Per piece: number of attributions and the shares that are direct, mixed, indirect,
    according_to, named (person, organization or media) and anonymous (4 decimals)."""
    doc_ids = doc_ids if doc_ids is not None else sorted(table["doc_id"].unique())
    rows = []
    for doc_id in doc_ids:
        part = table[table["doc_id"] == doc_id]
        n = len(part)
        row = {"doc_id": doc_id, "attributions": n}
        for qt in QUOTE_TYPES:
            row[f"share_{qt}"] = round(float((part["quote_type"] == qt).sum()) / n, 4) if n else 0.0
        row["share_named"] = round(float((part["source_kind"] != "anonymous").sum()) / n, 4) if n else 0.0
        row["share_anonymous"] = round(float((part["source_kind"] == "anonymous").sum()) / n, 4) if n else 0.0
        rows.append(row)
    return pd.DataFrame(rows)

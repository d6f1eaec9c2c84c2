"""Headline colons: "Russia’s Putin: ‘...’", "Rudenko: ...", and the agency style
"N. Korea fires missiles: JCS".

In a headline, the words before a colon name the speaker when they resolve to a person,
or to a speaker-like word of ``data/lexicons/attribution_words.csv`` ("Urgent
Developments: ..." names no one); the words after it are the content, a direct quote when
one quotation spans them all. Otherwise a short name after the last colon ("...: KBO") is
the speaker of the words before it, when it names a body or a person (an abbreviation
the body spells out is given in full, :func:`~._naming.tidy`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._article import Row
from ._naming import tidy
from ._syntax import trim, trim_quote

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["headline_colon"]

_SPEAKER_COLON = re.compile(r"\s*([^:\n]{2,60}?)\s*:\s+(\S.*)$", re.S)
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_CLAIM_COLON = re.compile(r"\s*(\S.*\S)\s*:\s+((?:\S+\s?){1,4})\s*$", re.S)


def headline_colon(a: Article, sent: Sentence) -> None:
    """The row of a headline sentence "Speaker: words", if it is one."""
    text = a.text
    match = _SPEAKER_COLON.match(text[sent.start : sent.end])
    if not match:
        return
    if not _speaker_first(a, sent, match):
        _speaker_last(a, sent)


def _speaker_last(a: Article, sent: Sentence) -> None:
    """ "Baseball league to expand video review: KBO": the name after the colon speaks."""
    text = a.text
    match = _CLAIM_COLON.match(text[sent.start : sent.end])
    if not match or any(ch in match.group(2) for ch in "\"\u201c\u201d\u2018\u2019"):
        return
    s_start, s_end = trim(text, sent.start + match.start(2), sent.start + match.end(2))
    tokens = [t for t in a.tokens(sent) if s_start <= t.idx < s_end]
    if not tokens or not all(t.pos_ == "PROPN" or t.lower_ in ("of", "for", "and") for t in tokens):
        return  # "...: Talks Resume in Geneva" is a title, not a source
    if not (tokens[-1].ent_type_ in ("ORG", "PERSON", "NORP") or _ABBREVIATION.fullmatch(tokens[-1].text)):
        return
    head = tokens[-1]
    speaker = a.resolver.resolve_text(
        text[s_start:s_end], s_start, s_end, head_lemma=head.lemma_.lower(), head_is_name=True, ent_label=head.ent_type_
    )
    if speaker is None or speaker.kind == "anonymous":
        return
    start, end, quote_type = a.content(sent.start + match.start(1), sent.start + match.end(1))
    colon = text.rindex(":", sent.start, s_start)
    a.add_row(Row(tidy(a, speaker), "colon", colon, colon + 1, quote_type, start, end, sent.section, "headline_colon"))


def _speaker_first(a: Article, sent: Sentence, match) -> bool:
    """ "Rudenko: ...": the row, if the words before the colon name a speaker."""
    text = a.text
    s_start, s_end = sent.start + match.start(1), sent.start + match.end(1)
    tokens = [t for t in a.tokens(sent) if s_start <= t.idx < s_end]
    if not tokens:
        return False
    head = tokens[-1]
    speaker = a.resolver.resolve_text(
        text[s_start:s_end],
        s_start,
        s_end,
        head_lemma=head.lemma_.lower(),
        head_is_name=head.pos_ == "PROPN",
        ent_label=head.ent_type_,
    )
    if speaker is None or (
        speaker.how in ("entity", "unnamed") and head.ent_type_ != "PERSON" and head.lemma_.lower() not in a.words.speakers
    ):
        return False  # "Urgent Developments: ..." names no one
    c_start, c_end = trim(text, sent.start + match.start(2), sent.end)
    whole = next((q for q in a.quotes_from(c_start, c_start + 1) if q.end == c_end), None)
    if whole is not None:
        a.used_quotes.add(whole)
        start, end = trim_quote(text, whole.inner_start, whole.inner_end)
        quote_type = "direct"
    else:
        start, end, quote_type = a.content(c_start, c_end)
    colon = text.index(":", s_end)
    a.add_row(Row(speaker, "colon", colon, colon + 1, quote_type, start, end, sent.section, "headline_colon"))
    return True

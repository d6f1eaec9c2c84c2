"""Headline colons: "Russia’s Putin: ‘...’", "Rudenko: ...".

In a headline, the words before a colon name the speaker when they resolve to a person,
or to a speaker-like word of ``data/lexicons/attribution_words.csv`` ("Urgent
Developments: ..." names no one); the words after it are the content, a direct quote when
one quotation spans them all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._article import Row
from ._syntax import trim, trim_quote

if TYPE_CHECKING:
    from ._article import Article, Sentence

__all__ = ["headline_colon"]

_SPEAKER_COLON = re.compile(r"\s*([^:\n]{2,60}?)\s*:\s+(\S.*)$", re.S)


def headline_colon(a: Article, sent: Sentence) -> None:
    """The row of a headline sentence "Speaker: words", if it is one."""
    text = a.text
    match = _SPEAKER_COLON.match(text[sent.start : sent.end])
    if not match:
        return
    s_start, s_end = sent.start + match.start(1), sent.start + match.end(1)
    tokens = [t for t in a.tokens(sent) if s_start <= t.idx < s_end]
    if not tokens:
        return
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
        return  # "Urgent Developments: ..." names no one
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

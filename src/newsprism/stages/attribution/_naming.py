"""How a resolved source is written in the table, after :class:`~.speakers.SpeakerResolver`.

:func:`tidy` applies the naming conventions of the attribution table to one
:class:`~.speakers.Speaker` (the speaker words themselves are unchanged):

- an unnamed source without its possessor ("the North's state media" -> state media,
  "the ministry's spokesman" -> spokesman);
- a body named with its country's possessive takes the country adjective ("Russia's
  Foreign Ministry" -> Russian Foreign Ministry), and keeps the capitals of its name
  ("Japan Meteorological Agency", not "... agency");
- an abbreviation the text spells out ("the Bank of Korea (BOK)") is given in full;
- a surname alone takes the full name the piece gave before ("Gusev" -> Artyom Gusev);
- a news outlet is named without its descriptors ("the Nikkei business daily" -> Nikkei,
  "Russia's TASS news agency" -> TASS);
- a name after a person's role ("Kremlin spokesman Pavel Orlov") is a person, whatever
  the recogniser tagged;
- a name phrase cut before its object loses the dangling preposition ("Lee Sung-ho of");
- a capital standing for its government ("Kyiv says") is an organization and a news
  outlet media (``capital`` and ``outlet`` words of ``data/lexicons/attribution_words.csv``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.resources.aliases import entity_info, name_key

from .speakers import Speaker, canonical_source, nationality_side

if TYPE_CHECKING:
    from ._article import Article

__all__ = ["capital_keys", "outlet_keys", "tidy"]

_POSSESSED = re.compile(r"^.+?['\u2019]s\s+(\S.*)$")
_DANGLING = re.compile(r"\s+(?:of|for|from|at)$")
_COUNTRY_POSSESSIVE = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['\u2019]s\s")
_OWNER_BEFORE = re.compile(r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['\u2019]s\s+$")
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_NAME_WORD = re.compile(r"[A-Z][\w.&-]*|of|for|and|on|the")
#: Words that describe a news outlet rather than name it ("the Nikkei business daily").
_MEDIA_DESCRIPTORS = frozenset(
    {"news", "agency", "newspaper", "daily", "business", "broadcaster", "outlet", "tabloid", "weekly", "state", "official", "the"}
)


def capital_keys(a: Article) -> frozenset[str]:
    """Name keys of the capitals and seats of government of the lexicon."""
    return frozenset(name_key(w) for w in a.words.capitals)


def outlet_keys(a: Article) -> frozenset[str]:
    """Name keys of the news outlets of the lexicon."""
    return frozenset(name_key(w) for w in a.words.outlets)


def tidy(a: Article, speaker: Speaker) -> Speaker:
    """The speaker as the table names it (the conventions above)."""
    source, kind = speaker.source, speaker.kind
    if speaker.how in ("unnamed", "group") and kind in ("media", "anonymous"):
        match = _POSSESSED.match(source)
        source = match.group(1) if match else source
    source = _DANGLING.sub("", source)
    source = _spelled_out(a.text, source)
    if kind in ("organization", "media") and source[:1].isupper():
        source = _cased_as_written(source, speaker.text)
    if kind == "organization" and speaker.how not in ("unnamed", "group"):
        source = _with_country(a, source, speaker)
    if kind == "organization" and _role_before_name(a, speaker.text, source):
        kind = "person"  # "Kremlin spokesman Pavel Orlov" tagged as an organization
    if kind == "person" and len(source.split()) == 1:
        source = _full_name(a, source, speaker.start)
    if kind == "media" or name_key(source) in outlet_keys(a):
        source = _outlet_name(a, source)
    key = name_key(source)
    if key in capital_keys(a):
        kind = "organization"
    elif key in outlet_keys(a):
        kind = "media"
    return replace(speaker, source=source, kind=kind) if (source, kind) != (speaker.source, speaker.kind) else speaker


def _role_before_name(a: Article, written: str, source: str) -> bool:
    """Whether the speaker words put a person's role before a two- or three-word name."""
    words = written.split()
    names = source.split()
    if not 2 <= len(names) <= 3 or not all(w[:1].isupper() for w in names) or not written.endswith(source):
        return False
    roles = [w.lower() for w in words[: len(words) - len(names)]]
    return any(a.words.speakers.get(w) == "anonymous" for w in roles)


def _spelled_out(text: str, source: str) -> str:
    """ "BOK" -> "Bank of Korea" when the text writes "Bank of Korea (BOK)"."""
    if not _ABBREVIATION.fullmatch(source):
        return source
    at = text.find(f"({source})")
    if at < 0:
        return source
    words = text[text.rfind("\n", 0, at) + 1 : at].split()  # the name is on the line of its abbreviation
    name: list[str] = []
    for word in reversed(words[-8:]):
        if not _NAME_WORD.fullmatch(word) or word.endswith(("'s", "\u2019s")):
            break
        name.insert(0, word)
    while name and name[0] in ("of", "for", "and", "on", "the", "The"):
        name = name[1:]
    return " ".join(name) if len(name) > 1 else source


def _cased_as_written(source: str, written: str) -> str:
    """A body's name with the capitals of the words that name it ("Japan Meteorological agency")."""
    if written.lower().endswith(source.lower()) and source != written[len(written) - len(source) :]:
        return written[len(written) - len(source) :]
    return source


def _with_country(a: Article, source: str, speaker: Speaker) -> str:
    """ "Russia's Emergencies Ministry" -> "Russian Emergencies Ministry" (the possessive in
    the speaker words or right before them)."""
    words = source.split()
    if "'" in source or "\u2019" in source or not words or words[-1].lower() not in a.words.speakers:
        return source
    owner = _COUNTRY_POSSESSIVE.match(speaker.text) or _OWNER_BEFORE.search(a.text, max(0, speaker.start - 40), speaker.start)
    if owner is None or name_key(re.sub(r"['\u2019]s\s*$", "", owner.group(0))) in capital_keys(a):
        return source  # "Moscow's Meshchansky District Court": a city's body, not a country's
    side = nationality_side(owner.group(0))
    if side and side != "other" and side not in source:
        return f"{side} {source}"
    return source


def _full_name(a: Article, surname: str, position: int) -> str:
    """The full name of an earlier person row or mention ending with ``surname``."""
    tail = " " + name_key(surname)
    for k in a.rows_before(position):
        row = a.rows[k]
        if row.speaker.kind == "person" and row.speaker.start < position and name_key(row.speaker.source).endswith(tail):
            return row.speaker.source
    for ent in a.ents_before(position):  # any label: the recogniser may take "Artyom Gusev" for a facility
        words = [w for w in ent.text.split() if w[:1].isupper()]
        if len(words) > 1 and name_key(" ".join(words)).endswith(tail):
            return " ".join(words)
    return surname


def _outlet_name(a: Article, source: str) -> str:
    """A news outlet without its descriptors, unless the alias table knows the whole name."""
    if entity_info(source):
        return source
    canonical = canonical_source(source, a.doc_id, a.resolver.mentions)
    if canonical and entity_info(canonical):
        return canonical  # "Korean Central News Agency" -> KCNA
    match = _POSSESSED.match(source)
    source = match.group(1) if match else source
    kept = [w for w in source.split() if w.lower() not in _MEDIA_DESCRIPTORS]
    named = any(w[:1].isupper() for w in kept)
    return " ".join(kept) if named and len(kept) < len(source.split()) else source

"""The parts of one article: headline, chrome, body, subheadings and references.

Every part is a ``Segment`` with ``start``/``end`` offsets into the article's text view
(the raw file text, or for HTML a same-length view with the markup blanked), so
``raw[start:end]`` is always the span a table shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.resources.files import resource
from newsprism.text.normalize import normalized

__all__ = [
    "BODY_SECTIONS",
    "SECTIONS",
    "WORD_RE",
    "Segment",
    "segment_article",
    "split_sentences",
]

#: Section labels, in the order a reader meets them.
SECTIONS = ("chrome", "headline", "headline_repeat", "subheading", "body", "references")
#: Sections whose words are the analysed body of an article.
BODY_SECTIONS = frozenset({"body", "subheading"})

WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019\u2010\u2011][^\W_]+)*")
_END_PUNCT_RE = re.compile(r"[.!?\u2026:;][\s'\"\u2019\u201d\u00bb)\]]*$")
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}|[a-zA-Z]|[-*\u2022\u2013])[.)]?\s+")
_REFERENCES_RE = re.compile(r"(?:references|sources|notes|bibliography)\s*:?", re.IGNORECASE)
_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "via", "with"])


@dataclass(frozen=True)
class Segment:
    """One non-blank line of an article with the section it belongs to and why."""

    start: int
    end: int
    section: str
    reason: str


BOILERPLATE = "lexicons/boilerplate.csv"


def _boilerplate() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return resource(BOILERPLATE, _compile_boilerplate)


def _compile_boilerplate(table) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple(
        (re.compile(rf"\s*(?:{row.pattern})\s*", re.IGNORECASE), row.kind, row.rationale)
        for row in table.itertuples(index=False)
    )


def _boilerplate_match(line: str) -> str | None:
    for pattern, kind, rationale in _boilerplate():
        if pattern.fullmatch(line):
            return f"{kind}: {rationale}"
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text``, trimmed of surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group(0)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((m.start() + lead, m.start() + lead + len(stripped)))
    return spans


def _n_words(line: str) -> int:
    return len(WORD_RE.findall(line))


def _is_prose(line: str) -> bool:
    """A line that reads as running text: ends like a sentence and is not title-like."""
    return bool(_END_PUNCT_RE.search(line)) and not _is_title_like(line)


def _is_title_like(line: str) -> bool:
    """Most content words capitalised, as in a headline or a subheading."""
    words = [w for w in WORD_RE.findall(line) if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital / len(words) >= 0.75


def _key(line: str) -> str:
    return normalized(line).strip(" '\"")


def segment_article(text: str) -> list[Segment]:
    """Classify every non-blank line of an article's text into a section.

    - chrome: lines matching ``data/lexicons/boilerplate.csv`` anywhere, and short label
      lines (outlet or section names) above the headline;
    - headline: the first title-like line above the first line of prose;
    - headline_repeat: any later line equal to the headline after normalisation;
    - subheading: a short title-like line without end punctuation inside the body;
    - references: a "References:" (or Sources/Notes) heading and everything after it
      that is not chrome, since such lists restate the body;
    - body: the rest. List markers ("1.") are kept out of the segment.
    """
    spans = _lines(text)
    segments: list[Segment] = []
    headline_key: str | None = None
    in_references = False
    header: list[tuple[int, int]] = []  # candidate lines above the first prose line
    seen_prose = False

    for start, end in spans:
        line = text[start:end]
        chrome = _boilerplate_match(line)
        if chrome:
            segments.append(Segment(start, end, "chrome", chrome))
            continue
        if not seen_prose and not in_references:
            if not _is_prose(line) and _n_words(line) <= 40:
                header.append((start, end))
                continue
            seen_prose = True
            headline_key = _resolve_header(text, header, segments)
        segments.append(_classify_body_line(text, start, end, headline_key, in_references))
        if segments[-1].section == "references" and segments[-1].reason.startswith("heading"):
            in_references = True
    if not seen_prose:
        _resolve_header(text, header, segments)
    segments.sort(key=lambda s: s.start)
    return segments


def _resolve_header(text: str, header: list[tuple[int, int]], out: list[Segment]) -> str | None:
    """Turn the lines above the first prose line into chrome labels, headline and repeats."""
    if not header:
        return None
    lengths = [_n_words(text[s:e]) for s, e in header]
    pick = next((i for i, n in enumerate(lengths) if n >= 5), len(header) - 1)
    headline_key = _key(text[header[pick][0] : header[pick][1]])
    for i, (s, e) in enumerate(header):
        if i < pick:
            out.append(Segment(s, e, "chrome", "label: short line above the headline (outlet or section name)"))
        elif i == pick:
            out.append(Segment(s, e, "headline", "first title-like line above the body"))
        elif _key(text[s:e]) == headline_key:
            out.append(Segment(s, e, "headline_repeat", "repeats the headline"))
        else:
            out.append(Segment(s, e, "subheading", "title-like line between headline and body"))
    return headline_key


def _classify_body_line(text: str, start: int, end: int, headline_key: str | None, in_references: bool) -> Segment:
    line = text[start:end]
    if headline_key is not None and _key(line) == headline_key:
        return Segment(start, end, "headline_repeat", "repeats the headline")
    if in_references:
        marker = _LIST_MARKER_RE.match(line)
        if marker and _n_words(line) > 1:
            return Segment(start + marker.end(), end, "references", "item of the references list")
        return Segment(start, end, "references", "after the references heading: restates the body")
    if _REFERENCES_RE.fullmatch(line):
        return Segment(start, end, "references", "heading of a references list")
    if not _END_PUNCT_RE.search(line) and _n_words(line) <= 12 and _is_title_like(line):
        return Segment(start, end, "subheading", "short title-like line inside the body")
    return Segment(start, end, "body", "running text")


_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "gov", "sen", "rep", "st", "jr", "sr", "rev", "hon", "pres", "no", "nos", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "e.g", "i.e", "approx", "est", "dept", "fig"]
)
_BOUNDARY_RE = re.compile(
    r"[.!?\u2026]+[\"'\u2019\u201d\u00bb)\]]*(?=\s+[\"'\u2018\u201c\u00ab(\[]*[A-Z0-9\u00c0-\u024f])"
)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (a paragraph), as absolute offsets.

    A boundary is end punctuation (with any closing quotes) followed by white space and a
    capital, digit or opening quote; abbreviations ("Gen.", "U.S.") and initials are not
    boundaries. Spans are trimmed of white space.
    """
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        token = re.search(r"([\w.]+)$", text[cursor : m.start()])
        word = token.group(1).lower().rstrip(".") if token else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        s2 = s + len(chunk) - len(chunk.lstrip())
        e2 = e - (len(chunk) - len(chunk.rstrip()))
        if e2 > s2:
            trimmed.append((s2, e2))
    return trimmed

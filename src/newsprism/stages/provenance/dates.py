"""When a text was published: the manifest ``date`` column, else the wire dateline.

A wire opens its first body paragraph with a dateline (``MOSCOW, March 2. /TASS/.``,
``Pyongyang, March 3 (KCNA) --``, ``SEOUL, March 6 (Yonhap) --``). :func:`dateline_span`
finds it, so claim sentences start after it, and :func:`document_dates` reads a date from
it when the manifest gives none. A dateline without a year takes ``fallback_year`` (the
commonest year of the dated texts being compared); with no such year the text stays
undated. A text without a date is never excluded as a source, and never ordered.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .values import MONTHS

__all__ = ["DATELINE_RE", "common_year", "dateline_span", "document_dates", "parse_date"]

_MONTH_RE = "|".join(MONTHS) + r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
#: A dateline at the start of a paragraph: place, optional date, then the agency or a dash.
DATELINE_RE = re.compile(
    rf"(?P<place>[A-Z][A-Za-z'\u2019.\- ]{{1,40}}?)[,.]?\s+"
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*)?"
    r"(?:\.\s*/[^/\n]{1,24}/\.?|\([^()\n]{1,30}\)\s*[-\u2013\u2014]{1,2}|[-\u2013\u2014]{1,2})\s+"
)


def parse_date(value: object) -> dt.date | None:
    """A manifest date (ISO ``2026-03-02`` or anything pandas reads unambiguously), else None."""
    text = str(value).strip() if value is not None else ""
    if not text or text.lower() in {"nan", "nat", "none"}:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        stamp = pd.to_datetime(text, errors="coerce", dayfirst=False)
        return None if pd.isna(stamp) else stamp.date()


def _first_body(segments) -> tuple[int, int] | None:
    return next(((s.start, s.end) for s in segments if s.section == "body"), None)


def dateline_span(raw: str, segments) -> tuple[int, int] | None:
    """``(start, end)`` of the dateline opening the first body paragraph, else None."""
    first = _first_body(segments)
    if first is None:
        return None
    m = DATELINE_RE.match(raw, first[0], first[1])
    if m is None or not (m.group("place").isupper() or m.group("month")):
        return None
    return m.start(), m.end()


def _dateline_date(raw: str, segments, year: int | None) -> dt.date | None:
    span = dateline_span(raw, segments)
    if span is None:
        return None
    m = DATELINE_RE.match(raw, span[0])
    if m is None or not m.group("month"):
        return None
    month = next(k for k, name in enumerate(MONTHS, 1) if name.startswith(m.group("month").rstrip(".")[:3]))
    year = int(m.group("year")) if m.group("year") else year
    if year is None:
        return None
    try:
        return dt.date(year, month, int(m.group("day")))
    except ValueError:
        return None


def common_year(tables: list[pd.DataFrame]) -> int | None:
    """The commonest year of the manifest dates of ``tables`` (ties: the latest), else None."""
    years: dict[int, int] = {}
    for table in tables:
        for value in table["date"] if "date" in table.columns else ():
            date = parse_date(value)
            if date is not None:
                years[date.year] = years.get(date.year, 0) + 1
    return max(years, key=lambda y: (years[y], y)) if years else None


def document_dates(articles: pd.DataFrame, fallback_year: int | None = None) -> dict[str, dt.date | None]:
    """``{doc_id: date}``: the manifest date, else the dateline's, else None."""
    manifest = articles["date"] if "date" in articles.columns else [None] * len(articles)
    out = {}
    for doc_id, value, raw, segments in zip(articles["doc_id"], manifest, articles["raw"], articles["segments"]):
        out[doc_id] = parse_date(value) or _dateline_date(raw, segments, fallback_year)
    return out

"""Lines, paragraphs and sentences of the articles, each with raw offsets.

``text`` is always ``raw[start:end]``; ``view`` is the same span of the analysis view
(equal to ``text`` for plain text; for HTML the markup in it is blanked), which is what
text analysis should read.
"""

from __future__ import annotations

import pandas as pd

from .segment import BODY_SECTIONS, SECTIONS, WORD_RE, split_sentences

__all__ = ["offset_check", "paragraphs", "removed_lines", "section_words", "segments_table", "sentences", "spans_match_raw"]


def segments_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per non-blank line: doc_id, start, end, section, reason, text, view.

    ``text`` is ``raw[start:end]``; ``view`` is the same span of the analysis view (equal
    to ``text`` for plain text; for HTML the markup in it is blanked).
    """
    rows = [
        {
            "doc_id": doc,
            "start": s.start,
            "end": s.end,
            "section": s.section,
            "reason": s.reason,
            "text": raw[s.start : s.end],
            "view": view[s.start : s.end],
        }
        for doc, raw, view, segs in zip(articles["doc_id"], articles["raw"], articles["text"], articles["segments"])
        for s in segs
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "section", "reason", "text", "view"])


def paragraphs(articles: pd.DataFrame, *, sections: frozenset[str] | None = BODY_SECTIONS) -> pd.DataFrame:
    """Paragraphs (non-blank lines) with raw offsets; ``sections=None`` keeps every section."""
    table = segments_table(articles)
    if sections is not None:
        table = table[table["section"].isin(sections)]
    table = table.drop(columns="reason").reset_index(drop=True)
    table.insert(1, "para_id", table.groupby("doc_id").cumcount())
    return table


def sentences(articles: pd.DataFrame, *, sections: frozenset[str] | None = BODY_SECTIONS) -> pd.DataFrame:
    """Sentences with raw offsets: doc_id, sent_id, para_id, start, end, section, text, view.

    ``text`` is ``raw[start:end]``; ``view`` is the span in the analysis view (see
    :func:`segments_table`), which is what text analysis should read.
    """
    paras = paragraphs(articles, sections=sections)
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    views = dict(zip(articles["doc_id"], articles["text"]))
    rows = []
    for p in paras.itertuples(index=False):
        raw, view = raws[p.doc_id], views[p.doc_id]
        for s, e in split_sentences(view, p.start, p.end):
            rows.append({"doc_id": p.doc_id, "para_id": p.para_id, "start": s, "end": e, "section": p.section, "text": raw[s:e], "view": view[s:e]})
    table = pd.DataFrame(rows, columns=["doc_id", "para_id", "start", "end", "section", "text", "view"])
    table.insert(1, "sent_id", table.groupby("doc_id").cumcount())
    return table


def section_words(articles: pd.DataFrame) -> pd.DataFrame:
    """Words per article and section (one row per article, one column per section)."""
    table = segments_table(articles)
    table["words"] = table["text"].map(lambda t: len(WORD_RE.findall(t)))
    wide = table.pivot_table(index="doc_id", columns="section", values="words", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(articles["doc_id"]), columns=list(SECTIONS), fill_value=0)
    wide.columns.name = None
    return wide.reset_index().astype({s: "int64" for s in SECTIONS})


def removed_lines(articles: pd.DataFrame) -> pd.DataFrame:
    """Every line kept out of the analysed body, with its section and the reason."""
    table = segments_table(articles)
    return table[~table["section"].isin(BODY_SECTIONS)].reset_index(drop=True)


def spans_match_raw(
    table: pd.DataFrame, articles: pd.DataFrame, *, doc: str = "doc_id", start: str = "start", end: str = "end", text: str = "text"
) -> pd.Series:
    """For each row of ``table``, whether ``raw[start:end]`` of its article equals its ``text``."""
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    return pd.Series(
        [raw[d][s:e] == t for d, s, e, t in zip(table[doc], table[start], table[end], table[text])], index=table.index, dtype=bool
    )


def offset_check(table: pd.DataFrame, articles: pd.DataFrame, **columns: str) -> pd.DataFrame:
    """Per article: how many spans of ``table`` there are and how many give back their text
    exactly from the raw file by their offsets (see :func:`spans_match_raw` for ``columns``)."""
    doc = columns.get("doc", "doc_id")
    ok = spans_match_raw(table, articles, **columns)
    counts = pd.DataFrame({"doc_id": table[doc], "ok": ok}).groupby("doc_id", sort=False)["ok"].agg(["size", "sum"])
    counts = counts.reindex(list(articles["doc_id"]), fill_value=0)
    return pd.DataFrame({"doc_id": counts.index, "spans": counts["size"].astype("int64").to_numpy(), "matching_raw": counts["sum"].astype("int64").to_numpy()})

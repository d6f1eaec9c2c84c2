"""Lexical choice: which word each piece picks for one referent (``data/lexicons/lexical_choice.csv``).

For each referent (the Kursk operation, the North Korean personnel, the relationship) the
table lists the terms a piece may choose, each with its lemma-matched variants. The hits
are found and placed by the same pipeline as the frame evidence (:mod:`._hits`): a word
inside a name ("Liberation Square") or in a subheading is listed but not counted, and a
quoted word is the speaker's pick, so the counts give the outlet's and the quoted words
apart as well as together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.views import english_only
from newsprism.resources.lexicons import lexical_choice_lexicon

from ._hits import placed_hits
from ._voice import OUTLET, QUOTED

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "LEXICAL_CHOICE_COLUMNS",
    "LEXICAL_EVIDENCE_COLUMNS",
    "lexical_choice_evidence",
    "lexical_choice_matrix",
    "lexical_choice_table",
]

LEXICAL_EVIDENCE_COLUMNS = [
    "doc_id", "referent", "term", "variant", "start", "end", "sentence", "text", "sent_id",
    "section", "voice", "quoted_source", "excluded",
]  # fmt: skip
LEXICAL_CHOICE_COLUMNS = ["doc_id", "referent", "term", "count", "share", "count_outlet", "count_quoted"]


@english_only
def lexical_choice_evidence(
    articles: pd.DataFrame,
    docs: Mapping[str, Doc],
    mentions: pd.DataFrame,
    attributions: pd.DataFrame,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every word chosen for a referent: doc_id, referent, term, variant, raw offsets,
    sentence, and section, voice, quoted_source and excluded as in the frame evidence."""
    table = lexical_choice_lexicon() if table is None else table
    entries = [(f"{r}\x1f{t}", v, "lemma") for r, t, v in zip(table["referent"], table["term"], table["variant"])]
    rows = []
    for p in placed_hits(articles, docs, mentions, attributions, entries):
        referent, term = p.hit.term.key.split("\x1f")
        rows.append(
            {
                "doc_id": p.doc_id,
                "referent": referent,
                "term": term,
                "variant": p.hit.term.term,
                "start": p.hit.start,
                "end": p.hit.end,
                "sentence": p.sentence,
                "text": p.text,
                "sent_id": p.sent_id,
                "section": p.section,
                "voice": p.voice,
                "quoted_source": p.quoted_source,
                "excluded": p.excluded,
            }
        )
    out = pd.DataFrame(rows, columns=LEXICAL_EVIDENCE_COLUMNS).astype({"start": "int64", "end": "int64", "sent_id": "int64"})
    return out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


@english_only
def lexical_choice_table(articles: pd.DataFrame, evidence: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per piece, referent and term (zero counts included): ``count`` of the body
    hits that count (both voices), ``share``, the term's part of the piece's counted words
    for that referent (0 when it names it with none), and ``count_outlet``, ``count_quoted``."""
    table = lexical_choice_lexicon() if table is None else table
    counted = evidence[(evidence["excluded"].fillna("") == "") & (evidence["section"] == "body")]
    keys = ["doc_id", "referent", "term"]
    counts = counted.groupby(keys).size().to_dict()
    by_voice = {v: counted[counted["voice"] == v].groupby(keys).size().to_dict() for v in (OUTLET, QUOTED)}
    pairs = list(dict.fromkeys(zip(table["referent"], table["term"])))
    rows = []
    for doc_id in articles["doc_id"]:
        totals: dict[str, int] = {}
        for referent, term in pairs:
            totals[referent] = totals.get(referent, 0) + int(counts.get((doc_id, referent, term), 0))
        for referent, term in pairs:
            key = (doc_id, referent, term)
            count = int(counts.get(key, 0))
            share = round(count / totals[referent], 4) if totals[referent] else 0.0
            rows.append(
                {
                    "doc_id": doc_id,
                    "referent": referent,
                    "term": term,
                    "count": count,
                    "share": share,
                    "count_outlet": int(by_voice[OUTLET].get(key, 0)),
                    "count_quoted": int(by_voice[QUOTED].get(key, 0)),
                }
            )
    return pd.DataFrame(rows, columns=LEXICAL_CHOICE_COLUMNS)


def lexical_choice_matrix(choice: pd.DataFrame, value: str = "count") -> pd.DataFrame:
    """Referent and term (rows, in lexicon order) by pieces (columns) of ``value``."""
    pairs = list(dict.fromkeys(zip(choice["referent"], choice["term"])))
    docs = list(dict.fromkeys(choice["doc_id"]))
    wide = choice.pivot_table(index=["referent", "term"], columns="doc_id", values=value, aggfunc="sum", sort=False)
    wide = wide.reindex(index=pd.MultiIndex.from_tuples(pairs, names=["referent", "term"]), columns=docs)
    wide.columns.name = None
    return wide

"""The attribution rules on the one-sentence articles of ``attribution_sentences.csv``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from newsprism.resources.aliases import name_key
from newsprism.run import Run

from ._coverage import read_annotation
from ._match import as_summary, match_rows, prf, prf_rows, raws

__all__ = ["SENTENCE_MATCH_COLUMNS", "score_attribution_sentences"]

SENTENCE_MATCH_COLUMNS = ["outcome", "doc_id", "batch", "source", "quote_type", "start", "end", "text", "sentence", "known_miss", "gold_index", "pred_index"]


def score_attribution_sentences() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attribution rules on the 60 sentences of ``attribution_sentences.csv``: ``(summary, matches)``.

    Each sentence becomes a one-sentence article (a fixed headline line, then the sentence)
    in a temporary folder. Expected attributions (``source=quote_type``; several joined by
    ``"; "``) match predictions of the same sentence with the same quote type and the same
    :func:`~newsprism.resources.aliases.name_key` of the source. ``batch`` is the id's letter (``h``:
    first batch, ``g``: second). ``known_miss`` says why a row is a known miss.
    """
    cases = read_annotation("attribution_sentences")
    with tempfile.TemporaryDirectory(prefix="newsprism-sentences-") as folder:
        for r in cases.itertuples(index=False):
            (Path(folder) / f"{r.id}.txt").write_text(f"Test Sentence Headline\n\n{r.sentence}\n", encoding="utf-8")
        run = Run(folder, jobs=1)
        articles, table = run.articles, run.table("attributions")
    gold = pd.DataFrame(
        [
            {"doc_id": r.id, "source": item.split("=")[0], "quote_type": item.split("=")[1]}
            for r in cases.itertuples(index=False)
            for item in r.expected.split("; ")
            if item
        ],
        columns=["doc_id", "source", "quote_type"],
    )
    sentence = dict(zip(cases["id"], cases["sentence"]))
    known = dict(zip(cases["id"], cases["known_miss"]))
    texts = raws(articles)

    def same(p: pd.Series, g: pd.Series) -> bool:
        return name_key(p["source"]) == name_key(g["source"]) and p["quote_type"] == g["quote_type"]

    rows = []
    for m in match_rows(table, gold, same).itertuples(index=False):
        shown = gold.loc[m.gold_index] if m.outcome != "fp" else table.loc[m.pred_index]
        p = table.loc[m.pred_index] if m.pred_index >= 0 else None
        doc_id = shown["doc_id"]
        start, end = (int(p["start"]), int(p["end"])) if p is not None else (-1, -1)
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_id,
                "batch": doc_id[0],
                "source": shown["source"],
                "quote_type": shown["quote_type"],
                "start": start,
                "end": end,
                "text": texts[doc_id][start:end] if p is not None else "",
                "sentence": sentence[doc_id],
                "known_miss": known[doc_id],
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=SENTENCE_MATCH_COLUMNS)
    counts = prf(matches)
    summary = prf_rows("attribution sentences", f"{len(cases)} sentences", counts["tp"], counts["fp"], counts["fn"], "expected source and quote type")
    return as_summary(summary), matches

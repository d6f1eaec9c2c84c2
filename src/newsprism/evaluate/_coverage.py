"""The hand annotations and the pieces they apply to.

The annotations of the five pieces live in ``data/annotations/`` (data, not code). They
apply only to the pieces they were written on: a piece counts as annotated when its
``doc_id`` is in the corpus and every annotated span of it reads back from its raw text.
"""

from __future__ import annotations

import pandas as pd

from newsprism.resources.files import read_data_csv

__all__ = ["annotated_docs", "annotation_coverage", "read_annotation"]

_OFFSETS = frozenset({"start", "end", "a_start", "a_end", "b_start", "b_end", "mentions", "n_tokens"})


def read_annotation(name: str) -> pd.DataFrame:
    """An annotation table from ``data/annotations/NAME.csv`` (strings, no NaN; offsets as int)."""
    table = read_data_csv(f"annotations/{name}.csv")
    for column in table.columns:
        if column in _OFFSETS or column.endswith(("_start", "_end")):
            table[column] = pd.to_numeric(table[column], errors="coerce").fillna(-1).astype("int64")
    return table


def _annotated_spans() -> list[tuple[str, int, str]]:
    """(doc_id, start, text) of every annotated span: these must read back from the raw text."""
    spans = []
    gold = read_annotation("attributions_gold")
    spans += list(zip(gold["doc_id"], gold["start"], gold["content"]))
    gold = read_annotation("passages_gold")
    spans += list(zip(gold["doc_a"], gold["a_start"], gold["text_a"])) + list(zip(gold["doc_b"], gold["b_start"], gold["text_b"]))
    gold = read_annotation("claims_gold")
    spans += list(zip(gold["doc_a"], gold["start_a"].astype(int), gold["sentence_a"]))
    spans += list(zip(gold["doc_b"], gold["start_b"].astype(int), gold["sentence_b"]))
    return spans


def annotated_docs(articles: pd.DataFrame) -> list[str]:
    """The pieces of ``articles`` the hand annotations were written on (sorted doc_ids).

    A piece qualifies when its doc_id occurs in an annotation file and every annotated span
    of it reads back exactly from its raw text, so a different text under the same file
    name is never scored against these annotations.
    """
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    named = set(read_annotation("person_mentions_gold")["doc_id"])
    bad: set[str] = set()
    for doc_id, start, text in _annotated_spans():
        named.add(doc_id)
        raw = raws.get(doc_id)
        if raw is not None and raw[start : start + len(text)] != text:
            bad.add(doc_id)
    return sorted(d for d in named if d in raws and d not in bad)


def annotation_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Per annotation file: rows, annotated pieces, and how many of each apply to ``articles``."""
    docs = set(annotated_docs(articles))
    files = [
        ("attributions_gold", ["doc_id"], "attributions in the five pieces (some marked borderline)"),
        ("person_mentions_gold", ["doc_id"], "hand count of person mentions per piece"),
        ("passages_gold", ["doc_a", "doc_b"], "passages shared by two pieces, judged reuse or stock"),
        ("claims_gold", ["doc_a", "doc_b"], "sentence pairs of two pieces, judged same claim or related"),
    ]
    rows = []
    for name, columns, about in files:
        gold = read_annotation(name)
        pieces = set().union(*(set(gold[c]) for c in columns))
        applies = gold[columns].isin(docs).all(axis=1)
        rows.append(
            {
                "annotation": f"{name}.csv",
                "rows": len(gold),
                "rows_in_corpus": int(applies.sum()),
                "pieces": len(pieces),
                "pieces_in_corpus": len(pieces & docs),
                "about": about,
            }
        )
    sentences = read_annotation("attribution_sentences")
    rows.append(
        {
            "annotation": "attribution_sentences.csv",
            "rows": len(sentences),
            "rows_in_corpus": len(sentences),
            "pieces": len(sentences),
            "pieces_in_corpus": len(sentences),
            "about": "one-sentence test articles, scored on their own whatever the corpus",
        }
    )
    return pd.DataFrame(rows)

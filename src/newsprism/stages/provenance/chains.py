"""Provenance chains: reference -> piece -> piece, and the earliest appearance of the words.

A row whose best match is another piece continues with that piece's own row for the
matched words (the quote or sentence there, found by overlap), and so on until a match is
a reference, a piece whose words match nothing earlier, or a text already in the chain.
``chain`` prints the path from its origin to the piece with the changes at each step
(``r01 > a (altered: changed: sappers -> soldiers) > b (altered: ...)``); ``earliest_doc`` is
the earliest dated text of the path (the piece itself when nothing matches; empty when no
text of the path has a date). ``origin_differences`` compares the piece with the origin
directly when the chain has an intermediate step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from .dates import parse_date

__all__ = ["chain_paths", "chain_steps", "resolve_chains"]

#: ``at(row, column)``: one cell of a provenance table.
At = Callable[[int, str], Any]


def _cells(table: pd.DataFrame) -> At:
    """``at`` reading the table's columns once as lists (the table has a RangeIndex)."""
    columns = {c: table[c].tolist() for c in table.columns}
    return lambda j, c: columns[c][j]


def chain_paths(table: pd.DataFrame) -> list[list[int]]:
    """For each row, the row indices of its chain (the row first, then the rows it came through)."""
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for i, (doc, start, end) in enumerate(zip(table["doc_id"], table["start"], table["end"])):
        by_doc.setdefault(doc, []).append((i, int(start), int(end)))
    kinds, docs = table["match_kind"].tolist(), table["match_doc"].tolist()
    starts, ends = table["match_start"].tolist(), table["match_end"].tolist()
    paths = []
    for i in range(len(table)):
        path, cur = [i], i
        while kinds[cur] == "piece":
            lo, hi = int(starts[cur]), int(ends[cur])
            overlaps = [(min(hi, e) - max(lo, s), j) for j, s, e in by_doc.get(docs[cur], []) if min(hi, e) > max(lo, s)]
            if not overlaps:
                break
            nxt = max(overlaps)[1]
            if nxt in path:
                break
            path.append(nxt)
            cur = nxt
        paths.append(path)
    return paths


def _has_origin(at: At, path: list[int]) -> bool:
    """Whether the chain's last row matches a text outside the chain: a match that points back
    to a row already in the chain (two undated pieces matching each other) is no origin."""
    last = path[-1]
    doc = at(last, "match_doc")
    if not (isinstance(doc, str) and doc):
        return False
    if at(last, "match_kind") != "piece":
        return True
    lo, hi = int(at(last, "match_start")), int(at(last, "match_end"))
    return not any(at(j, "doc_id") == doc and min(hi, int(at(j, "end"))) > max(lo, int(at(j, "start"))) for j in path)


def _step(at: At, i: int, has_verdict: bool) -> str:
    verdict = at(i, "verdict") if has_verdict else "matched"
    differences = at(i, "differences")
    return f"{at(i, 'doc_id')} ({verdict}{': ' + differences if isinstance(differences, str) and differences else ''})"


def resolve_chains(table: pd.DataFrame, piece_dates: Mapping[str, dt.date | None], matches: Sequence, against_origin: Callable[[int, object], str] | None = None) -> None:
    """Fill ``chain``, ``earliest_doc`` and ``origin_differences`` of ``table`` in place
    (``matches[i]`` is row i's best match, or None)."""
    chains, earliest, origins = [], [], []
    at, has_verdict = _cells(table), "verdict" in table.columns
    for i, path in enumerate(chain_paths(table)):
        last = path[-1]
        found = _has_origin(at, path)
        texts = [(at(j, "doc_id"), piece_dates.get(at(j, "doc_id"))) for j in path]
        if found:
            texts.append((at(last, "match_doc"), parse_date(at(last, "match_date"))))
        dated = [(date, -k, doc) for k, (doc, date) in enumerate(texts) if date is not None]
        earliest.append(min(dated)[2] if dated else "")
        steps = [_step(at, j, has_verdict) if j != last or found else str(at(j, "doc_id")) for j in reversed(path)]
        chains.append(" > ".join(([at(last, "match_doc")] if found else []) + steps) if found or len(path) > 1 else "")
        origin = matches[last] if found and len(path) > 1 else None
        origins.append(against_origin(i, origin) if origin is not None and against_origin is not None else "")
    table["chain"] = chains
    table["earliest_doc"] = earliest
    table["origin_differences"] = origins


def chain_steps(table: pd.DataFrame, row: int) -> pd.DataFrame:
    """The chain of one row of a provenance table, origin first: one row per text with its
    span, its words and what changed from the step before (``verdict``, ``differences``)."""
    path = chain_paths(table)[row]
    text = "quote" if "quote" in table.columns else "sentence"
    last = path[-1]
    steps = []
    if _has_origin(lambda j, c: table.at[j, c], path):
        steps.append({"doc_id": table.at[last, "match_doc"], "kind": table.at[last, "match_kind"], "date": table.at[last, "match_date"],
                      "start": table.at[last, "match_start"], "end": table.at[last, "match_end"], "text": table.at[last, "match_text"],
                      "verdict": "origin", "differences": ""})  # fmt: skip
    for j in reversed(path):
        verdict = table.at[j, "verdict"] if "verdict" in table.columns else ("matched" if steps else "origin")
        steps.append({"doc_id": table.at[j, "doc_id"], "kind": "piece", "date": "", "start": table.at[j, "start"], "end": table.at[j, "end"],
                      "text": table.at[j, text], "verdict": verdict, "differences": table.at[j, "differences"]})  # fmt: skip
    out = pd.DataFrame(steps, columns=["doc_id", "kind", "date", "start", "end", "text", "verdict", "differences"])
    out.insert(0, "step", range(len(out)))
    return out

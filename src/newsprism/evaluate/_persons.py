"""PERSON mention counts per piece against ``person_mentions_gold.csv``."""

from __future__ import annotations

import pandas as pd

from ._coverage import annotated_docs, read_annotation
from ._match import as_summary, empty_matches, prf_rows, rate, raws

__all__ = ["PERSON_MATCH_COLUMNS", "score_person_counts"]

PERSON_MATCH_COLUMNS = ["outcome", "doc_id", "person", "gold", "predicted", "tp", "fp", "fn", "start", "end", "text", "spans", "surfaces", "note"]


def score_person_counts(
    articles: pd.DataFrame, entities: pd.DataFrame, mentions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PERSON mention counts per piece against ``person_mentions_gold.csv``: ``(summary, matches)``.

    The annotation counts mentions, not where they are, so each (piece, person) counts
    ``min(predicted, annotated)`` mentions as found, the excess as false alarms and the
    shortfall as misses. ``matches`` has one row per (piece, person) named by either side,
    with ``outcome`` ``exact``, ``over`` or ``under`` and the predicted mentions
    (``start``/``end``/``text`` of the first; all of them in ``spans`` and ``surfaces``).
    """
    docs = annotated_docs(articles)
    gold = read_annotation("person_mentions_gold")
    gold = gold[gold["doc_id"].isin(docs)]
    if gold.empty:
        return as_summary([]), empty_matches(PERSON_MATCH_COLUMNS)
    people = entities[(entities["label"] == "PERSON") & entities["doc_id"].isin(docs)]
    predicted = {(d, e): int(n) for d, e, n in zip(people["doc_id"], people["entity"], people["mentions"])}
    wanted = {(d, p): int(n) for d, p, n in zip(gold["doc_id"], gold["person"], gold["mentions"])}
    notes = {(d, p): n for d, p, n in zip(gold["doc_id"], gold["person"], gold["note"])}
    spans = mentions[mentions["label"] == "PERSON"].sort_values(["doc_id", "start"], kind="stable")
    by_key = {key: group for key, group in spans.groupby(["doc_id", "entity"], sort=True)}
    texts = raws(articles)
    rows = []
    for key in sorted(set(predicted) | set(wanted)):
        got, want = predicted.get(key, 0), wanted.get(key, 0)
        found = by_key.get(key)
        starts = [] if found is None else list(zip(found["start"].astype(int), found["end"].astype(int)))
        raw = texts[key[0]]
        rows.append(
            {
                "outcome": "exact" if got == want else ("over" if got > want else "under"),
                "doc_id": key[0],
                "person": key[1],
                "gold": want,
                "predicted": got,
                "tp": min(got, want),
                "fp": max(got - want, 0),
                "fn": max(want - got, 0),
                "start": starts[0][0] if starts else -1,
                "end": starts[0][1] if starts else -1,
                "text": raw[starts[0][0] : starts[0][1]] if starts else "",
                "spans": "; ".join(f"{s}-{e}" for s, e in starts),
                "surfaces": "; ".join(raw[s:e] for s, e in starts),
                "note": notes.get(key, ""),
            }
        )
    matches = pd.DataFrame(rows, columns=PERSON_MATCH_COLUMNS)
    tp, fp, fn = (int(matches[c].sum()) for c in ("tp", "fp", "fn"))
    stage = "person mentions"
    summary = prf_rows(stage, "mentions per piece", tp, fp, fn, "person mentions counted per piece and person")
    exact = int((matches["outcome"] == "exact").sum())
    summary.append(rate(stage, "exact counts", "persons per piece", exact, len(matches), "(piece, person) rows whose count equals the hand count"))
    return as_summary(summary), matches

"""Claim groups against hand-judged sentence pairs (``claims_gold.csv`` or any gold file).

The one place claims are scored: :func:`claim_pair_outcomes` judges every gold pair and
every predicted pair (two sentences of different pieces in one claim), :func:`claim_scores`
counts those rows, and :func:`score_claims` turns the counts into summary rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.stages.claims import claim_sentences
from newsprism.text.spans import SpanLookup

from ._coverage import annotated_docs, read_annotation
from ._match import as_summary, empty_matches, rate

__all__ = ["CLAIM_MATCH_COLUMNS", "claim_pair_outcomes", "claim_scores", "evaluate_claims", "read_claims_gold", "score_claims"]

CLAIM_MATCH_COLUMNS = ["outcome", "doc_id", "start", "end", "text", "doc_b", "b_start", "b_end", "text_b", "label", "claim_id", "note"]
_OUTCOME_ORDER = {"tp": 0, "fn": 1, "fp": 2, "related": 3}


def read_claims_gold(path: str | Path) -> pd.DataFrame:
    """A hand-annotated gold file: doc_a, start_a, doc_b, start_b, label (same | related), ..."""
    path = Path(path)
    try:
        gold = pd.read_csv(path, dtype={"doc_a": str, "doc_b": str, "label": str}, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise NewsprismError(f"{path}: cannot read claims gold file ({str(exc).splitlines()[0]})") from None
    missing = {"doc_a", "start_a", "doc_b", "start_b", "label"} - set(gold.columns)
    if missing:
        raise NewsprismError(f"{path}: claims gold file lacks column(s) {', '.join(sorted(missing))}")
    return gold


Sentence = tuple[str, int, int]  # doc_id, start, end of a candidate claim sentence


def _sentence_finder(articles: pd.DataFrame):
    """``find(doc_id, offset)`` -> the candidate claim sentence containing raw ``offset``, or None."""
    sents = claim_sentences(articles)
    lookups: dict[str, SpanLookup[Sentence]] = {}
    for doc, group in sents.groupby("doc_id", sort=True):
        spans = list(zip(group["start"].astype(int).tolist(), group["end"].astype(int).tolist()))
        lookups[doc] = SpanLookup(spans, [(doc, s, e) for s, e in spans])

    def find(doc_id: str, offset: int) -> Sentence | None:
        lookup = lookups.get(doc_id)
        return lookup.at(offset) if lookup is not None else None

    return find


def claim_pair_outcomes(claims: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Claim groups against gold sentence pairs, one row per judged pair (the one place claims are scored).

    A predicted pair is two sentences of different pieces in one claim. Each gold offset
    (and each claim row's ``start``) is mapped to the candidate claim sentence containing
    it, so a changed sentence splitter still maps them. ``outcome`` is ``tp`` (gold
    ``same``, predicted), ``fn`` (gold ``same``, not predicted; ``claim_id`` -1), ``fp``
    (predicted, not annotated) or ``related`` (predicted, annotated ``related``: counted
    neither way). Columns :data:`CLAIM_MATCH_COLUMNS`; ``text``/``text_b`` are the raw
    sentences, the pair oriented by (doc_id, start).
    """
    find = _sentence_finder(articles)
    gold_pairs: dict[tuple[Sentence, Sentence], tuple[str, str]] = {}
    for row in gold.itertuples(index=False):
        a, b = find(row.doc_a, int(row.start_a)), find(row.doc_b, int(row.start_b))
        if a is None or b is None:
            raise NewsprismError(f"gold pair {row.doc_a}@{row.start_a} / {row.doc_b}@{row.start_b} does not start a claim sentence")
        gold_pairs[(min(a, b), max(a, b))] = (str(row.label), str(getattr(row, "note", "")))
    predicted: dict[tuple[Sentence, Sentence], int] = {}
    for claim_id, group in (claims.groupby("claim_id", sort=True) if len(claims) else ()):
        members = []
        for doc_id, start in zip(group["doc_id"], group["start"].astype(int)):
            found = find(doc_id, start)
            if found is None:
                raise NewsprismError(f"claim {claim_id}: {doc_id}@{start} is not a claim sentence of this corpus")
            members.append(found)
        members.sort()
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if members[x][0] != members[y][0]:
                    predicted.setdefault((members[x], members[y]), int(claim_id))
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    rows = []
    for (a, b), (label, note) in gold_pairs.items():
        claim_id = predicted.get((a, b), -1)
        if label == "same":
            rows.append(_outcome_row("tp" if claim_id >= 0 else "fn", a, b, raws, label, claim_id, note))
        elif claim_id >= 0:
            rows.append(_outcome_row("related", a, b, raws, label, claim_id, note))
    for (a, b), claim_id in predicted.items():
        if (a, b) not in gold_pairs:
            rows.append(_outcome_row("fp", a, b, raws, "", claim_id, ""))
    table = pd.DataFrame(rows, columns=CLAIM_MATCH_COLUMNS).astype({"start": "int64", "end": "int64", "b_start": "int64", "b_end": "int64", "claim_id": "int64"})
    table = table.assign(_o=table["outcome"].map(_OUTCOME_ORDER)).sort_values(["_o", "doc_id", "start", "doc_b", "b_start"], kind="stable")
    return table.drop(columns="_o").reset_index(drop=True)


def _outcome_row(outcome: str, a: Sentence, b: Sentence, raws: dict[str, str], label: str, claim_id: int, note: str) -> dict:
    return {
        "outcome": outcome,
        "doc_id": a[0],
        "start": a[1],
        "end": a[2],
        "text": raws[a[0]][a[1] : a[2]],
        "doc_b": b[0],
        "b_start": b[1],
        "b_end": b[2],
        "text_b": raws[b[0]][b[1] : b[2]],
        "label": label,
        "claim_id": claim_id,
        "note": note,
    }


def claim_scores(outcomes: pd.DataFrame) -> dict[str, float]:
    """Counts, precision and recall from :func:`claim_pair_outcomes` rows."""
    count = outcomes["outcome"].value_counts()
    tp, fn, fp, related = (int(count.get(k, 0)) for k in ("tp", "fn", "fp", "related"))
    return {
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp + related,
        "true_positives": tp,
        "false_positives": fp,
        "ignored_related": related,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
    }


def evaluate_claims(claims: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame) -> dict[str, float]:
    """Pairwise precision and recall of claim groups against gold sentence pairs: the rows of
    :func:`claim_pair_outcomes` counted (gold ``same`` pairs are the positives, ``related``
    pairs count neither way, every other predicted pair is a false positive)."""
    return claim_scores(claim_pair_outcomes(claims, gold, articles))


def score_claims(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claim groups against ``claims_gold.csv``: ``(summary, matches)``.

    ``matches`` are the pair-by-pair outcomes of :func:`claim_pair_outcomes`
    and the numbers count them, as :func:`evaluate_claims` does (a predicted
    pair is two sentences of different pieces in one claim): ``tp`` (a same pair in one
    claim), ``fn`` (a same pair the claims miss), ``fp`` (a predicted pair no annotation
    calls same or related) and ``related`` (predicted, annotated related: not counted).
    ``table`` is the ``claims`` table scored.
    """
    docs = annotated_docs(articles)
    gold = read_annotation("claims_gold")
    gold = gold[gold["doc_a"].isin(docs) & gold["doc_b"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return as_summary([]), empty_matches(CLAIM_MATCH_COLUMNS)
    claims = table[table["doc_id"].isin(docs)].reset_index(drop=True)
    matches = claim_pair_outcomes(claims, gold, articles)
    scores = claim_scores(matches)
    stage = "claims"
    tp, fp, n_gold = scores["true_positives"], scores["false_positives"], scores["gold_pairs"]
    summary = [
        rate(stage, "precision", "sentence pairs", tp, tp + fp, "predicted pairs annotated same / predicted pairs not annotated related"),
        rate(stage, "recall", "sentence pairs", tp, n_gold, "pairs annotated same that share a claim / pairs annotated same"),
        rate(stage, "f1", "sentence pairs", 2 * tp, 2 * tp + fp + (n_gold - tp), "2 tp / (2 tp + fp + fn)"),
    ]
    return as_summary(summary), matches

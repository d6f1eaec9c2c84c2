"""Claims reworded across pieces: the real pieces, a hand-annotated gold set, and short texts."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from newsprism.claims import (
    CLAIM_COLUMNS,
    _average_linkage,
    claims_matrix,
    claims_table,
    evaluate_claims,
    read_claims_gold,
    sentence_pairs,
)
from newsprism.corpus import load_corpus, spans_match_raw
from newsprism.errors import NewsprismError
from newsprism.evaluation import score_claims
from newsprism.output import table_bytes
from newsprism.tables import build_table

D000, D001, D002, D003, D004 = (
    "000_6b0b6237182e2e41",
    "001_b70b9e225ebd2f34",
    "002_b187fa1494321f8e",
    "003_fc391db3d6640775",
    "004_f989ce08837a9471",
)
GOLD = Path(__file__).resolve().parents[1] / "data" / "annotations" / "claims_gold.csv"


@pytest.fixture(scope="module")
def claims(articles) -> pd.DataFrame:
    return claims_table(articles)


def _claim_of(claims: pd.DataFrame, doc_id: str, raw: str, prefix: str) -> int:
    start = raw.index(prefix)
    row = claims[(claims["doc_id"] == doc_id) & (claims["start"] == start)]
    assert len(row) == 1, f"{prefix!r} is in no claim"
    return int(row["claim_id"].iloc[0])


def test_columns_offsets_and_groups(claims, articles):
    assert list(claims.columns) == CLAIM_COLUMNS
    assert spans_match_raw(claims, articles, text="sentence").all()
    per_claim = claims.groupby("claim_id")["doc_id"].nunique()
    assert (per_claim >= 2).all()
    assert list(per_claim.index) == list(range(1, len(per_claim) + 1))
    assert claims["similarity"].between(0, 1).all() and (claims["similarity"] == claims["similarity"].round(4)).all()
    assert table_bytes(build_table("claims", articles)) == table_bytes(claims)


def test_the_two_kim_statements_are_one_claim(claims, raw_texts):
    kim_000 = _claim_of(claims, D000, raw_texts[D000], "According to reports, Kim Jong Un expressed unwavering support")
    kim_003 = _claim_of(claims, D003, raw_texts[D003], "During a meeting with Russian President Vladimir Putin in Beijing")
    assert kim_000 == kim_003
    terms = claims[claims["claim_id"] == kim_000]["claim_terms"].iloc[0]
    assert "sovereignty" in terms and "kim jong un" in terms


def test_reworded_and_misspelt_statements_meet(claims, raw_texts):
    # "Belozurov" (000) and "Belousov" (003) state the same thing about the comprehensive strategic alliance
    assert _claim_of(claims, D000, raw_texts[D000], "On October 1st, Russian Defense Minister Andrei Belozurov") == _claim_of(
        claims, D003, raw_texts[D003], "Russian Defense Minister Andrei Belousov"
    )
    # South Korean intelligence on thousands of troops, worded differently in 001 and 002
    assert _claim_of(claims, D001, raw_texts[D001], "South Korean intelligence reports suggest") == _claim_of(
        claims, D002, raw_texts[D002], "South Korea’s intelligence agencies have reported"
    )
    quote = claims[claims["sentence"] == "‘We are grateful to our friends from Korea for their heroic aid."]
    assert sorted(quote["doc_id"]) == [D001, D002] and quote["claim_id"].nunique() == 1 and (quote["similarity"] == 1.0).all()


def test_unshared_statements_are_no_claim(claims, raw_texts):
    for doc_id, prefix in ((D003, "Russian Foreign Minister Sergey Lavrov"), (D004, "As Russia prepares for its largest-ever Victory Day")):
        start = raw_texts[doc_id].index(prefix)
        assert not ((claims["doc_id"] == doc_id) & (claims["start"] == start)).any()


def test_gold_file_offsets_match_the_raw_text(raw_texts):
    gold = read_claims_gold(GOLD)
    assert set(gold["label"]) == {"same", "related"} and (gold["doc_a"] < gold["doc_b"]).all()
    for row in gold.itertuples(index=False):
        assert raw_texts[row.doc_a][row.start_a : row.start_a + len(row.sentence_a)] == row.sentence_a
        assert raw_texts[row.doc_b][row.start_b : row.start_b + len(row.sentence_b)] == row.sentence_b


def test_precision_and_recall_against_the_gold_set(claims, articles):
    """Scored by :func:`newsprism.evaluation.score_claims` (notebook 08), which calls evaluate_claims."""
    summary = score_claims(articles, claims)[0]
    rates = summary.set_index("measure")
    assert rates.at["recall", "denominator"] == 28
    # measured: precision 0.9167 (11 of 12 judged pairs), recall 0.3929 (11 of 28 gold pairs)
    assert rates.at["precision", "value"] >= 0.85
    assert rates.at["recall", "value"] >= 0.35


def test_evaluation_counts(articles):
    gold = pd.DataFrame(
        [
            {"doc_a": D001, "start_a": 384, "doc_b": D002, "start_b": 439, "label": "same"},
            {"doc_a": D001, "start_a": 384, "doc_b": D002, "start_b": 505, "label": "related"},
        ]
    )
    claims = pd.DataFrame(
        {"claim_id": [1, 1, 1, 2, 2], "doc_id": [D001, D002, D002, D000, D004], "start": [384, 439, 505, 117, 102]}
    )
    scores = evaluate_claims(claims, gold, articles)
    assert (scores["true_positives"], scores["ignored_related"], scores["false_positives"]) == (1, 1, 1)
    assert (scores["precision"], scores["recall"]) == (0.5, 1.0)


def test_pairs_are_cross_article_and_blocked(articles):
    pairs = sentence_pairs(articles)
    assert (pairs["doc_a"] != pairs["doc_b"]).all()
    assert ((pairs["score"] - (pairs["cosine_words"] + pairs["cosine_chars"]) / 2).abs() <= 1e-4).all()
    assert pairs["cosine_words"].gt(0).all()  # only pairs sharing a term are scored


def test_claims_matrix(claims):
    matrix = claims_matrix(claims, [D000, D001, D002, D003, D004])
    assert len(matrix) == claims["claim_id"].nunique() * 5
    carried = matrix[matrix["carried"]]
    assert len(carried) == claims.groupby("claim_id")["doc_id"].nunique().sum()
    assert (matrix.loc[~matrix["carried"], "wording"] == "").all()


def test_short_synthetic_corpus(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Officials said a missile strike destroyed the Dnieper river bridge near Zaporizhzhia on Monday.\n"
        "The city council met in the afternoon to discuss the budget for schools.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "On Monday the bridge over the Dnieper river near Zaporizhzhia was destroyed in a missile strike, officials said.\n"
        "Football fans celebrated late into the night after the final whistle.\n",
        encoding="utf-8",
    )
    articles = load_corpus(tmp_path)
    table = claims_table(articles)
    assert table["claim_id"].nunique() == 1 and sorted(table["doc_id"]) == ["a", "b"]
    assert all(s.startswith(("Officials said", "On Monday")) for s in table["sentence"])
    assert spans_match_raw(table, articles, text="sentence").all()


def test_bad_threshold(articles):
    with pytest.raises(NewsprismError, match="threshold"):
        claims_table(articles, threshold=0)


def _naive_average_linkage(members, score, docs, threshold):
    """Reference: rescan every pair of groups at every step."""
    clusters = [[m] for m in members]
    while True:
        best = None
        for x, y in combinations(range(len(clusters)), 2):
            values = [score.get((min(p, q), max(p, q)), 0.0) for p in clusters[x] for q in clusters[y] if docs[p] != docs[q]]
            if values and np.mean(values) >= threshold and (best is None or np.mean(values) > best[0]):
                best = (np.mean(values), x, y)
        if best is None:
            return sorted(sorted(c) for c in clusters)
        _, x, y = best
        clusters[x] = clusters[x] + clusters.pop(y)


def test_fast_average_linkage_matches_the_naive_one():
    rng = np.random.default_rng(7)
    for _ in range(25):
        k = int(rng.integers(2, 14))
        docs = np.array([f"d{v}" for v in rng.integers(0, 4, size=k)], dtype=object)
        pairs = [(a, b) for a in range(k) for b in range(a + 1, k) if docs[a] != docs[b] and rng.random() < 0.6]
        values = rng.random(len(pairs)) * 0.6
        score = {p: float(v) for p, v in zip(pairs, values)}
        arrays = (np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64), values)
        fast = _average_linkage(np.arange(k), arrays, docs, 0.2)
        assert fast == _naive_average_linkage(list(range(k)), score, docs, 0.2)

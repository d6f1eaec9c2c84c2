"""Findings on the five pieces: the provenance sketch and discrepancies inside shared claims."""

from __future__ import annotations

import pandas as pd
import pytest
from pieces import D000, D001, D002, D003, D004

from newsprism.stages.findings import (
    CLAIM_FIELDS,
    COPIED,
    DETAIL_COLUMNS,
    NO_REUSE,
    claim_details,
    claim_discrepancies,
    describe_edges,
    name_spellings,
    provenance_edges,
)


@pytest.fixture(scope="module")
def claims(run):
    return run.table("claims")


@pytest.fixture(scope="module")
def edges(run):
    return run.table("provenance_edges")


@pytest.fixture(scope="module")
def details(run):
    return run.table("claim_details")


def test_the_two_rewrite_pairs_are_the_strongest_links(edges):
    top = edges.head(2)
    assert {(r.doc_a, r.doc_b) for r in top.itertuples()} == {(D001, D002), (D000, D003)}
    assert set(top["reading"]) == {COPIED}
    assert "We are grateful to our friends" in edges.set_index(["doc_a", "doc_b"]).at[(D001, D002), "evidence"]


def test_piece_004_stands_apart(edges):
    with_004 = edges[(edges["doc_a"] == D004) | (edges["doc_b"] == D004)]
    assert len(with_004) == 4 and set(with_004["reading"]) == {NO_REUSE}


def test_describe_edges_uses_the_table(edges):
    sentences = describe_edges(edges, top=2)
    assert len(sentences) == 2 and all(s.startswith((D001, D000)) for s in sentences)
    top = edges.iloc[0]
    assert f"{top.n_passages} shared passages" in sentences[0] and f"covering {top.shared:.0%} of the two bodies" in sentences[0]


def test_edges_rank_by_the_one_share_measure(run, edges):
    """``shared`` (both bodies pooled, from pair_shares) is the share of every reading and
    of the weight; the direction-aware shares stay as detail."""
    pairs = run.table("pair_shares").set_index(["doc_a", "doc_b"])
    for r in edges.itertuples():
        assert r.shared == pairs.at[(r.doc_a, r.doc_b), "shared"]
        assert abs(r.weight - (r.shared + r.claim_overlap) / 2) <= 1e-4  # from the unrounded overlap
    assert list(edges["weight"]) == sorted(edges["weight"], reverse=True)


def test_edges_read_stock_judgement_and_clusters(run, edges, claims):
    """The 000-003 rewrite stays copied passages although its passages are carried by
    other pieces too (the former common flag hid them when a copy joined the corpus);
    n_clusters counts the distinct clusters behind a pair's evidence, once each."""
    row = edges.set_index(["doc_a", "doc_b"]).loc[(D000, D003)]
    assert row.reading == COPIED and row.n_clusters <= row.n_passages and row.n_wider >= 1
    clusters = run.table("passage_clusters")
    wider = clusters[(clusters["doc_id"] == D000) & (clusters["n_docs"] >= 3) & ~clusters["stock"]]
    assert not wider.empty  # wording of 000 that 003 and a third piece carry
    plain = provenance_edges(run.table("pair_shares"), claims)  # without the cluster tables
    assert list(plain["reading"]) == list(edges["reading"]) and (plain["n_clusters"] == 0).all()


def test_details_point_into_raw(details, raw_texts, claims, run):
    """Claim rows carry their claim sentence's offsets, quantity-group rows (empty claim_id,
    a ``pair``) a body sentence's; dates, occasions, places and names are written as in it."""
    assert list(details.columns) == DETAIL_COLUMNS and set(details["field"]) <= set(CLAIM_FIELDS)
    sentences = run.table("sentences")
    for r in details.itertuples():
        if pd.isna(r.claim_id):
            assert r.pair.startswith("q") and r.field == "numbers"
            assert ((sentences["doc_id"] == r.doc_id) & (sentences["start"] == r.start) & (sentences["end"] == r.end)).any()
        else:
            sentence = claims[(claims["doc_id"] == r.doc_id) & (claims["start"] == r.start)]["sentence"].iloc[0]
            assert raw_texts[r.doc_id][r.start : r.end] == sentence and r.pair == ""
        if r.field in ("when_where", "names", "roles"):
            assert r.value in " ".join(raw_texts[r.doc_id][r.start : r.end].split())


def test_details_keys_make_values_comparable(details):
    """The key is what is compared: an ordinal suffix resolves to one day, soldiers and troops
    to one thing, a role to its office."""
    def key(doc_id: str, field: str, value: str) -> str:
        keys = set(details.loc[(details["doc_id"] == doc_id) & (details["field"] == field) & (details["value"] == value), "key"])
        assert len(keys) == 1, (doc_id, field, value, keys)
        return keys.pop()

    assert key(D000, "when_where", "on September 4th") == key(D003, "when_where", "on September 4") == "date:day:--09-04"
    assert key(D004, "numbers", "more than 10,000 soldiers") == key(D001, "numbers", "thousands of troops") == "troop"
    assert key(D001, "roles", "Russian President") == key(D002, "roles", "President") == "president"


def test_details_without_the_parse_keep_the_claim_rows(run, claims, details):
    """The notebook's call (claims, mentions, attributions) still works: claim rows only, the
    counted thing read from the unit word."""
    plain = claim_details(claims, run.table("mentions"), run.table("attributions"))
    assert list(plain.columns) == DETAIL_COLUMNS and plain["claim_id"].notna().all()
    assert set(plain["field"]) == set(details.loc[details["claim_id"].notna(), "field"])
    table = claim_discrepancies(plain)
    names = table[table["field"] == "names"]
    assert "Andrei Belozurov" in names[names["entity"] == "Andrei Belousov"]["values"].iloc[0]


def test_name_spellings_uses_the_entities_definition(run):
    """Spelled differently means person_table's spellings_in_corpus > 1: Belozurov /
    Belousov and No Gwansik / No Kwang Chol are; Kim Jong Un / Kim Jong-un (a hyphen,
    folded by the name key) is not. The grid shows the spelling each piece uses."""
    grid = name_spellings(run.table("entity_persons"))
    assert list(grid.index) == ["Andrei Belousov", "No Kwang Chol"]
    assert list(grid.columns) == [D000, D001, D002, D003, D004]
    assert grid.loc["Andrei Belousov", D000] == "Andrei Belozurov" and grid.loc["Andrei Belousov", D003] == "Andrei Belousov"
    assert grid.loc["No Kwang Chol", D001] == "No Gwansik" and grid.loc["No Kwang Chol", D003] == "No Kwang Chol"
    assert grid.loc["No Kwang Chol", D000] == ""

"""Findings on the five pieces: the provenance sketch and discrepancies inside shared claims."""

from __future__ import annotations

import pytest
from pieces import D000, D001, D002, D003, D004

from newsprism.stages.findings import (
    COPIED,
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
def details(run, claims):
    return claim_details(claims, run.table("mentions"), run.table("attributions"))


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


def test_details_point_into_raw(details, raw_texts, claims):
    assert set(details["field"]) <= {"names", "roles", "numbers", "dates", "credited"}
    for r in details.itertuples():
        sentence = claims[(claims["doc_id"] == r.doc_id) & (claims["start"] == r.start)]["sentence"].iloc[0]
        assert raw_texts[r.doc_id][r.start : r.end] == sentence


def test_discrepancies_name_spelling_date_and_role(details):
    table = claim_discrepancies(details)
    names = table[table["field"] == "names"]
    belousov = names[names["entity"] == "Andrei Belousov"]["values"].iloc[0]
    assert "Andrei Belozurov" in belousov and "Andrei Belousov" in belousov
    assert names[names["entity"] == "Kim Jong Un"].empty  # "Kim Jong-un" is a hyphenation, not a spelling, difference
    dates = " ".join(table[table["field"] == "dates"]["values"])
    assert "September 4th" in dates and "September 4;" in dates + ";"
    assert not table[(table["field"] == "roles") & (table["entity"] == "Vladimir Putin")].empty


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

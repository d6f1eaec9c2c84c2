"""Discrepancies inside shared claims, substance first: the five pieces and short texts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import run_of
from pieces import D000, D001, D002, D003, D004

from newsprism.stages._quantity_pairs import Item, quantity_groups
from newsprism.stages.discrepancies import DISCREPANCY_COLUMNS, MINOR, SEVERITY, claim_discrepancies, discrepancy_counts
from newsprism.stages.provenance.values import dates, quantities


@pytest.fixture(scope="module")
def table(run) -> pd.DataFrame:
    return run.table("claim_discrepancies")


def _rows(table: pd.DataFrame, field: str, *texts: str) -> pd.DataFrame:
    rows = table[table["field"] == field]
    for text in texts:
        rows = rows[rows["values"].str.contains(text, regex=False)]
    return rows


def test_columns_and_order(table):
    assert list(table.columns) == DISCREPANCY_COLUMNS
    assert list(table["severity"]) == sorted(table["severity"])
    assert (table["minor"] == (table["severity"] == MINOR)).all()
    substantive = table[~table["minor"]]
    assert (substantive["severity"] == substantive["field"].map(SEVERITY)).all()
    assert table["why"].str.endswith(".").all() and (table["n_docs"] >= 2).all()


def test_troop_numbers_of_004_against_001_and_002(table):
    """004's "more than 10,000 soldiers" and the "thousands of troops" of 001 and 002 are one
    quantity of one thing (soldiers = troops through the synonym table): a severity-1 row,
    whether or not the claims stage put the three sentences in one claim."""
    rows = _rows(table, "numbers", D004, D001, D002)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.severity == 1 and not row.minor and row.entity == "troop"
    assert f"{D004}: more than 10,000 soldiers" in row["values"] and f"{D001}: thousands of troops" in row["values"]
    assert row.why == "004 says more than 10,000 soldiers; 001 and 002 say thousands of troops."
    assert pd.isna(row.claim_id) == row.pair.startswith("q")


def test_statement_dated_in_000_placed_at_the_event_in_003(table):
    """000 dates Belozurov's statement "On October 1st"; 003 has Belousov speak "at the event"
    on Allies' Avenue: each says when or where, and not the same."""
    rows = _rows(table, "when_where", f"{D000}: On October 1st", f"{D003}: at the event")
    assert len(rows) == 1 and rows.iloc[0].severity == SEVERITY["when_where"] == 2 and not rows.iloc[0].minor
    assert rows.iloc[0].why.startswith("000 says On October 1st; 003 says at the event")


def test_an_ordinal_suffix_is_minor(table):
    rows = _rows(table, "when_where", "September 4th", "September 4")
    assert len(rows) == 1 and rows.iloc[0].minor and rows.iloc[0].severity == MINOR
    assert not table.loc[~table["minor"], "values"].str.contains("September").any()


def test_a_dropped_nationality_adjective_is_minor(table):
    rows = table[(table["field"] == "roles") & (table["entity"] == "Vladimir Putin")]
    assert len(rows) == 1 and rows.iloc[0].minor
    assert "Russian President" in rows.iloc[0]["values"] and "(the same office: president)" in rows.iloc[0].why


def test_a_spelling_is_a_names_row(table):
    rows = table[(table["field"] == "names") & (table["entity"] == "Andrei Belousov")]
    assert len(rows) == 1 and rows.iloc[0].severity == 5 and not rows.iloc[0].minor
    assert rows.iloc[0].why == "000 writes Andrei Belozurov; 003 writes Andrei Belousov."
    hyphen = table[(table["field"] == "names") & (table["entity"] == "Kim Jong Un")]
    assert hyphen["minor"].all()  # "Kim Jong-un" is a hyphenation, not a spelling


def test_counts_keep_minor_apart(table):
    counts = discrepancy_counts(table)
    assert list(counts.columns) == ["numbers", "when_where", "credited", "roles", "names", "minor"]
    assert counts["minor"].sum() == table["minor"].sum()
    assert counts.drop(columns="minor").to_numpy().sum() == (~table["minor"]).sum()


def test_numbers_in_words_and_digits_agree_but_other_figures_differ(tmp_path):
    """"ten thousand" = "10,000" (soldiers = troops) is no discrepancy; 1,400 against 1,500
    hectares is one."""
    run = run_of(
        tmp_path,
        {
            "a": "Sappers cleared 1,400 hectares of farmland near Kursk in March, the Russian Defence Ministry said on Tuesday. "
            "Russia sent ten thousand soldiers to the border region of Kursk, officials in Moscow said.",
            "b": "Sappers cleared 1,500 hectares of farmland near Kursk in March, the Russian Defence Ministry said on Tuesday. "
            "Russia sent 10,000 troops to the border region of Kursk, officials in Moscow said.",
        },
        headline="Kursk",
    )
    table = run.table("claim_discrepancies")
    substantive = table[~table["minor"]]
    assert len(substantive) == 1
    row = substantive.iloc[0]
    assert (row.field, row.entity, row.severity) == ("numbers", "hectare", 1) and row.why == "a says 1,400 hectares; b says 1,500 hectares."
    troops = table[table["entity"] == "troop"]
    assert len(troops) <= 1 and troops["minor"].all()


def test_sentences_in_no_claim_are_compared_as_quantities_of_one_thing(tmp_path):
    """Two pieces giving the troop figure in sentences the claims stage keeps apart are one
    quantity group (shared subject: North Korea, Russia); a third piece's troops in the Andes
    share the thing but not the subject, and stay out."""
    run = run_of(
        tmp_path,
        {
            "a": "Officials in Seoul said on Friday that more than 10,000 North Korean soldiers had been sent to Russia. The ministry gave no further details.",
            "b": "Thousands of North Korean troops are now fighting for Russia near Kursk, according to Ukrainian intelligence. The front has been quiet since May.",
            "c": "The Chilean army keeps 2,000 troops in the Andes all year round. Snow closed the passes in June.",
        },
        headline="Troops",
    )
    details = run.table("claim_details")
    assert set(details["doc_id"]) == {"a", "b"} and details["claim_id"].isna().all() and set(details["pair"]) == {"q1"}
    row = run.table("claim_discrepancies").iloc[0]
    assert (row.pair, row.field, row.severity) == ("q1", "numbers", 1)
    assert row.why == "a says more than 10,000 soldiers; b says Thousands of troops."


def test_quantity_groups_need_shared_subject_terms_and_leave_claims_alone():
    keys = frozenset({"ent:north_korea", "ent:russia", "deploy"})
    a, b = Item("a", 0, 10, "troop", keys), Item("b", 0, 10, "troop", keys)
    one_term = Item("c", 0, 10, "troop", frozenset({"ent:russia", "army"}))
    other_thing = Item("d", 0, 10, "hectare", keys)
    assert quantity_groups([a, b, one_term, other_thing], {}) == [[a, b]]
    assert quantity_groups([a, b], {("a", 0): {3}, ("b", 0): {3}}) == []  # one claim: compared there
    assert quantity_groups([a, Item("a", 50, 60, "troop", keys)], {}) == []  # one piece


def test_one_extraction_reads_words_relative_dates_and_suffixes():
    (ten,) = quantities("Russia sent ten thousand soldiers")
    assert (ten.value, ten.unit) == (10000.0, "soldiers")
    (week,) = dates("Last week, the general travelled to Pyongyang.")
    assert (week.text, week.kind) == ("Last week", "phrase")
    first, plain = dates("On October 1st"), dates("on October 1", dt.date(2024, 10, 3))
    assert first[0].text == "On October 1st" and first[0].same_as(plain[0])
    monday = dates("on Monday", dt.date(2026, 3, 4))[0]
    assert (monday.kind, monday.key) == ("day", "2026-03-02")


def test_empty_details_give_an_empty_table():
    empty = pd.DataFrame(columns=["claim_id", "pair", "doc_id", "start", "end", "field", "entity", "value", "key"])
    table = claim_discrepancies(empty)
    assert table.empty and list(table.columns) == DISCREPANCY_COLUMNS
    assert discrepancy_counts(table).empty

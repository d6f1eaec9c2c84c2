"""The data dictionary describes every column of every table, and DATA_DICTIONARY.md is up to date."""

from __future__ import annotations

from conftest import ROOT

from newsprism.report.dictionary import data_dictionary, describe, undescribed
from newsprism.stages.registry import STAGES


def test_every_column_of_every_table_is_described(run):
    columns = {name: list(run.table(name).columns) for name in STAGES}
    assert undescribed(columns) == {}
    assert describe("attributions", "parent").startswith("the row_id")


def test_committed_data_dictionary_is_current(run):
    text = data_dictionary({name: list(run.table(name).columns) for name in STAGES}) + "\n"
    committed = (ROOT / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == text, "DATA_DICTIONARY.md is stale: run `.venv/bin/python -m newsprism.report.dictionary`"
    for name in STAGES:
        assert f"## `{name}`" in committed

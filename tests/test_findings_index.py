"""The index's findings: plain sentences built from the run's tables, for any corpus."""

from __future__ import annotations

from conftest import run_of
from pieces import D001, D002

from newsprism.report.findings import finding_table, findings


def test_findings_of_the_five_pieces(run):
    table = finding_table(run)
    assert list(table["topic"].drop_duplicates())[:3] == ["reuse", "quotes", "sources"]
    text = " ".join(table["text"])
    labels = dict(zip(run.articles["doc_id"], run.articles["label"]))
    first = table["text"].iloc[0]
    assert labels[D001] in first and labels[D002] in first and "copied passages" in first  # the pair that shares the most
    assert "Vladimir Putin" in text and "Dmitry Peskov" in text  # 002's headline credits Peskov's words to Putin
    assert "Belozurov" in text and "No Gwansik" in text
    assert set(table["table"]) <= set(run.table("corpus").columns) | {
        "provenance_edges", "passage_clusters", "quote_provenance", "attributions", "name_spellings", "claim_discrepancies", "frames"
    }


def test_findings_say_so_when_there_is_nothing_to_find(tmp_path):
    run = run_of(tmp_path, {"only": "A Quiet Headline About Farming\n\nThe harvest in the valley was early this year and the weather stayed dry.\n"})
    topics = {f.topic: f.text for f in findings(run)}
    assert topics["reuse"].startswith("No two pieces share")
    assert "No piece quotes anyone" in topics["quotes"]
    assert topics["names"].startswith("Every person is spelled the same way")

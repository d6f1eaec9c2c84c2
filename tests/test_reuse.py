"""Reuse verdicts that do not flip: stock judged by the words, passage clusters, families of
near-duplicates, one share measure, and verdicts unmoved by copies or unrelated pieces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_of
from pieces import D000, D001, D002, D003, D004

from newsprism.evaluate import common_flag_agreement, common_flag_errors, score_passages
from newsprism.stages._stock import LONG_TOKENS, judge_stock
from newsprism.stages.findings import COPIED, SAME_PIECE
from newsprism.stages.passages import tokenize
from newsprism.stages.reuse import reuse_segments, shares_table

DEV = Path(__file__).with_name("stock_phrases_dev.csv")
PIECES = (D000, D001, D002, D003, D004)

#: An article about something else, in wire style (written for this test).
UNRELATED = """Coastal Ledger
Business

Port of Valdaro Reopens After Storm Repairs

VALDARO, March 12 (Wire) - The port of Valdaro reopened to container traffic on Tuesday after engineers finished repairing two berths damaged by Storm Elin last month, the harbour authority said.

Harbour master Ines Kowalczyk said about 40 vessels had been diverted to neighbouring terminals during the closure, costing shippers an estimated 18 million euros in extra fuel and handling fees.

"The cranes are back in service and we expect to clear the backlog within ten days," Kowalczyk told reporters at the terminal.

Freight operators welcomed the reopening but warned that insurance premiums for the route would stay high until a new breakwater, due in 2027, is built.
"""


def near_copy(text: str) -> str:
    """A syndicated copy: another outlet's name on top, one word changed, a credit line below."""
    body = text.split("\n", 1)[1]
    return "Pacific Wire Service\n" + body.replace("In a statement", "In a declaration", 1).rstrip() + "\n\nThis article first appeared in another outlet and is republished with permission.\n"


def _five(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id in PIECES:
        shutil.copy(ROOT / "data" / "raw" / f"{doc_id}.txt", folder / f"{doc_id}.txt")
    return folder


# --- the stock rule ---------------------------------------------------------------------


def test_stock_rule_on_the_development_table():
    """30 stock phrases of news and 30 distinctive ones, written for development (not the
    annotations): every distinctive phrase is kept as evidence; the stock ones the rule
    misses are all runs of LONG_TOKENS or more tokens, which it keeps by design."""
    table = pd.read_csv(DEV)
    judged = [judge_stock(p) for p in table["phrase"]]
    table["stock"] = [v.stock for v in judged]
    table["reason"] = [v.reason for v in judged]
    distinctive = table[table["expected"] == "distinctive"]
    stock = table[table["expected"] == "stock"]
    assert len(distinctive) == 30 and len(stock) == 30
    assert not distinctive["stock"].any(), distinctive[distinctive["stock"]]
    missed = stock[~stock["stock"]]
    assert missed["reason"].str.startswith("long:").all(), missed
    assert all(len(tokenize(p)) >= LONG_TOKENS for p in missed["phrase"])
    assert stock["stock"].sum() >= 17


@pytest.mark.parametrize(
    ("text", "stock", "reason"),
    [
        ("in the face of Western sanctions", True, "listed: in the face of"),
        ("between the two nations.\n\nThis", True, "listed: between the two nations"),
        ("the ongoing conflict in Ukraine", True, "everyday words"),
        ("between Russia and North Korea", True, "everyday words"),
        ("has been echoed by Russian officials", False, "rare word: echoed"),
        ("North Korean leader Kim Jong Un", False, "name: Jong"),
        ("the \u2018battle brotherhood\u2019 between the", False, "quoted: \u2018battle brotherhood\u2019"),
        ("killed at least 47 people in the city", False, "number: 47"),
        ("We are grateful to our friends for their help", False, "long: 9 tokens"),
        ("note that such a move could", False, "function words"),
        ("Russia\u2019s partners in the region", True, "everyday words"),  # an apostrophe is no quotation mark
        ("Sanctions were imposed last year", True, "everyday words"),  # a capital opening a sentence is no name
    ],
)
def test_stock_rules(text, stock, reason):
    verdict = judge_stock(text)
    assert (verdict.stock, verdict.reason) == (stock, reason)


def test_verdicts_on_the_five_pieces(run):
    passages = run.table("passages")
    verdicts = run.table("passage_verdicts").merge(passages[["passage_id", "text_a", "n_docs", "common"]], on="passage_id")
    assert list(verdicts["passage_id"]) == list(passages["passage_id"])
    quote = verdicts[verdicts["text_a"].str.startswith("We are grateful")]
    assert len(quote) == 1 and not quote["stock"].iloc[0]
    formula = verdicts[verdicts["text_a"] == "between Russia and North Korea"]
    assert formula["stock"].sum() >= 8  # the formula is stock wherever it is not part of a longer shared run
    # a formula inside a longer stretch the same two pieces share is judged with it
    sovereignty = verdicts[verdicts["text_a"] == "defense of sovereignty and territorial integrity"].iloc[0]
    assert not sovereignty["stock"] and sovereignty["reason"].startswith("part of distinctive passage")
    # the judgement reads the words only, never how many pieces carry them
    own = verdicts[~verdicts["reason"].str.startswith("part of")]
    assert len(own) >= 38
    for r in own.itertuples():
        assert r.stock == (judge_stock(r.text_a).stock and judge_stock(passages.at[r.Index, "text_b"]).stock)


def test_stock_judgement_against_the_annotations(run, articles):
    """All 17 passages annotated reuse are evidence; the stock judgement agrees with the
    annotators on more matched passages than the former common flag (19/23)."""
    summary, matches = score_passages(articles, run.table("passages"), run.table("passage_verdicts"))
    rates = summary.set_index(["measure", "subset"])
    assert rates.at[("recall", "judged reuse, not stock"), "numerator"] == rates.at[("recall", "judged reuse, not stock"), "denominator"] == 17
    assert rates.at[("agreement", "common = stock"), "numerator"] == 19  # the former flag, for the record
    agree = rates.at[("agreement", "stock = stock"), "numerator"]
    assert agree > 19 and agree == int(common_flag_agreement(matches, "stock")["agree"].sum())
    assert len(common_flag_errors(matches, "stock")) == rates.at[("agreement", "stock = stock"), "denominator"] - agree


# --- shares, clusters, families ---------------------------------------------------------


def test_shared_is_one_symmetric_measure(run):
    pairs = run.table("pair_shares")
    expected = ((pairs["a_shared_tokens"] + pairs["b_shared_tokens"]) / (pairs["a_body_tokens"] + pairs["b_body_tokens"])).round(4)
    assert (pairs["shared"] == expected).all()
    row = pairs[(pairs["doc_a"] == D001) & (pairs["doc_b"] == D002)].iloc[0]
    assert row.share_a_in_b < row.shared < row.share_b_in_a  # between the two directions
    # the Peskov words 001 and 002 share with others count; the stock formula does not
    assert row.n_stock >= 1 and row.longest_run == 18
    swapped = shares_table(run.articles, run.table("passages"), run.table("passage_verdicts"), pairs=[(D001, D002)])
    assert swapped["shared"].iloc[0] == row.shared


def test_reuse_map_leaves_stock_out(run):
    passages, verdicts = run.table("passages"), run.table("passage_verdicts")
    segments = reuse_segments(passages, verdicts)
    every = reuse_segments(passages, verdicts, include_stock=True)
    assert len(every) > len(segments)
    d004 = segments[segments["doc_id"] == D004]
    assert d004.empty  # 004 shares only stock formulas with the others
    assert not every[every["doc_id"] == D004].empty


def test_clusters_carry_the_widespread_formula(run, raw_texts):
    clusters = run.table("passage_clusters")
    for r in clusters.itertuples():
        assert raw_texts[r.doc_id][r.start : r.end] == r.text
    formula = clusters[clusters["text"] == "between Russia and North Korea"]
    cluster = clusters[clusters["cluster_id"] == formula["cluster_id"].iloc[0]]
    assert set(cluster["doc_id"]) == {D001, D002, D003, D004} and (cluster["n_docs"] == 4).all()
    quote = clusters[clusters["text"].str.startswith("We are grateful")]
    assert set(quote["doc_id"]) == {D001, D002} and not quote["stock"].any()
    # every non-intra-family passage belongs to exactly the clusters of its two places
    ids = [int(i) for s in clusters["passage_ids"] for i in s.split()]
    assert set(ids) == set(run.table("passages")["passage_id"])


def test_families_of_copies(tmp_path):
    folder = _five(tmp_path / "corpus")
    original = (folder / f"{D000}.txt").read_text(encoding="utf-8")
    run = run_of(folder, {"zz_bytes": original, "zz_near": near_copy(original), "zz_other": UNRELATED})
    families = run.table("families").set_index("doc_id")
    assert families.loc["zz_bytes", "how"] == "byte-identical" and families.loc["zz_near", "how"] == "near-duplicate"
    assert families.loc["zz_near", "representative"] == D000 and families.loc["zz_near", "share_with_representative"] >= 0.8
    assert families.loc[D000, "n_members"] == 3 and families.loc["zz_other", "n_members"] == 1
    assert families["family_id"].nunique() == 6
    clusters = run.table("passage_clusters")
    assert set(clusters["doc_id"]) >= {D000, "zz_near"}
    # a cluster 000 carries is carried by its copy too, and the family counts once
    for _, cluster in clusters.groupby("cluster_id"):
        docs = set(cluster["doc_id"])
        if D000 in docs and "zz_near" in docs:
            assert cluster["n_docs"].iloc[0] == len(docs) - 1
    edges = run.table("provenance_edges").set_index(["doc_a", "doc_b"])
    assert edges.at[(D000, "zz_near"), "reading"] == SAME_PIECE
    assert edges.at[(D003, "zz_near"), "reading"] == COPIED  # the copy shares its original's evidence


# --- the property: copies and unrelated pieces move no verdict ---------------------------

_EDGE_KEYS = ["doc_a", "doc_b", "reading", "shared", "share_a_in_b", "share_b_in_a", "longest_run", "n_passages", "n_clusters", "n_wider"]
_SHARE_KEYS = ["doc_a", "doc_b", "a_shared_tokens", "b_shared_tokens", "shared", "share_a_in_b", "share_b_in_a", "longest_run", "n_passages"]


def _among_five(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    kept = table[table["doc_a"].isin(PIECES) & table["doc_b"].isin(PIECES)]
    return kept[columns].sort_values(["doc_a", "doc_b"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def five_alone(tmp_path_factory):
    run = run_of(_five(tmp_path_factory.mktemp("five")))
    return _among_five(run.table("provenance_edges"), _EDGE_KEYS), _among_five(run.table("pair_shares"), _SHARE_KEYS)


def test_the_five_pieces_read_as_before(five_alone):
    edges, _ = five_alone
    readings = dict(zip(zip(edges["doc_a"], edges["doc_b"]), edges["reading"]))
    assert readings[(D001, D002)] == readings[(D000, D003)] == COPIED


@pytest.mark.parametrize("piece", PIECES)
def test_copies_of_a_piece_change_no_other_verdict(tmp_path, five_alone, piece):
    """Adding a byte-identical and a near-identical copy of any piece leaves the reading,
    the shares and the cluster counts of every pair of the five unchanged."""
    text = (ROOT / "data" / "raw" / f"{piece}.txt").read_text(encoding="utf-8")
    run = run_of(_five(tmp_path / "corpus"), {"zz_bytes": text, "zz_near": near_copy(text)})
    edges, shares = five_alone
    pd.testing.assert_frame_equal(_among_five(run.table("provenance_edges"), _EDGE_KEYS), edges)
    pd.testing.assert_frame_equal(_among_five(run.table("pair_shares"), _SHARE_KEYS), shares)
    families = run.table("families").set_index("doc_id")
    assert families.loc["zz_near", "representative"] == piece == families.loc["zz_bytes", "representative"]


def test_an_unrelated_article_changes_no_verdict(tmp_path, five_alone):
    run = run_of(_five(tmp_path / "corpus"), {"zz_unrelated": UNRELATED})
    edges, shares = five_alone
    pd.testing.assert_frame_equal(_among_five(run.table("provenance_edges"), _EDGE_KEYS), edges)
    pd.testing.assert_frame_equal(_among_five(run.table("pair_shares"), _SHARE_KEYS), shares)
    new = run.table("provenance_edges")
    assert (new[(new["doc_b"] == "zz_unrelated")]["shared"] == 0).all()

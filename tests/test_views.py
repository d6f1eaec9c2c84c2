"""The derived views the report pages show (newsprism.report.views), on the five pieces."""

from __future__ import annotations

import html
import math

import pandas as pd
import pytest
from conftest import run_of
from pieces import D000, D001, D002, D003, D004

from newsprism.evaluate import prf_by, recall_by, score_attributions, score_claims, score_passages, summary_table
from newsprism.report.views import (
    attribution_forms,
    before_after,
    claim_labels,
    claim_summary,
    cluster_summary,
    cross_counts,
    discrepancy_names,
    discrepancy_values,
    discrepancy_view,
    label_fixes,
    linkage_steps,
    most_merged_piece,
    nested_attributions,
    outcome_counts,
    passage_counts,
    piece_counts,
    prf_breakdown,
    provenance_view,
    rank_agreement,
    ranked_pairs,
    score_bars,
    spelling_codes,
    verdict_reasons,
)
from newsprism.stages.attribution.summaries import attribution_counts
from newsprism.stages.findings import describe_edges, name_spellings
from newsprism.stages.similarity import similarity_linkage
from newsprism.viz import Page, entity_html, evidence_html, side_by_side_html

DOCS = [D000, D001, D002, D003, D004]


def _pair(table: pd.DataFrame, a: str, b: str) -> pd.Series:
    return table[(table["doc_a"] == a) & (table["doc_b"] == b)].iloc[0]


def test_ranked_pairs_put_the_two_copied_pairs_first(run):
    ranked = ranked_pairs(run.table("pair_shares"))
    assert list(zip(ranked["doc_a"], ranked["doc_b"]))[:2] == [(D001, D002), (D000, D003)]
    assert ranked["shared"].is_monotonic_decreasing


def test_rank_agreement_of_word_and_character_cosines(run):
    agreement = rank_agreement(run.table("similarity"))
    assert agreement["pairs"].tolist() == [10]
    assert 0.9 < agreement["spearman"].iloc[0] <= 1.0 and 0.8 < agreement["kendall"].iloc[0] <= 1.0
    assert math.isnan(rank_agreement(run.table("similarity").head(1))["spearman"].iloc[0])


def test_linkage_steps_name_the_groups_each_step_joins(run):
    similarity = run.table("similarity")
    tree, doc_ids = similarity_linkage(similarity, "cosine_words", DOCS)
    steps = linkage_steps(tree, doc_ids, {D001: "one", D002: "two"})
    assert steps["step"].tolist() == [1, 2, 3, 4]
    # the closest pair by word cosine joins first, at distance 1 - its cosine
    closest = similarity.sort_values("cosine_words").iloc[-1]
    assert (closest["doc_a"], closest["doc_b"]) == (D001, D002)
    assert {steps["group_a"].iloc[0], steps["group_b"].iloc[0]} == {"one", "two"}
    assert steps["distance"].iloc[0] == pytest.approx(1 - closest["cosine_words"], abs=1e-4)
    assert steps["n_pieces"].iloc[-1] == 5 and steps["distance"].is_monotonic_increasing
    last = steps.iloc[-1]
    assert sorted((last["group_a"] + "; " + last["group_b"]).split("; ")) == sorted(["one", "two", D000, D003, D004])
    assert linkage_steps(tree[:0], doc_ids).empty


def test_piece_counts_match_the_attribution_counts(run):
    table = run.table("attributions")
    ours = piece_counts(table, "source_kind", DOCS, order=("person", "organization", "media", "anonymous"))
    pd.testing.assert_frame_equal(ours, attribution_counts(table, "source_kind", DOCS))
    people = run.table("mentions").query("label == 'PERSON'")
    how = piece_counts(people, "how", DOCS, order=("ner", "ruler", "title", "surname", "alias", "fuzzy")).set_index("doc_id")
    assert list(how.columns) == ["ruler", "surname", "alias"] and int(how.to_numpy().sum()) == len(people)
    assert piece_counts(people.iloc[0:0], "how", DOCS)["doc_id"].tolist() == DOCS


def test_cross_counts_total_every_row(run):
    mentions = run.table("mentions")
    counts = cross_counts(mentions, "found_by", "how").set_index("found_by")
    assert counts.loc["total", "total"] == len(mentions)
    assert counts.loc["ner", "ner"] == (mentions["found_by"] == "ner").sum()
    assert counts.loc["ruler", "alias"] == ((mentions["found_by"] == "ruler") & (mentions["how"] == "alias")).sum()


def test_passage_counts_by_kind_and_stock_judgement(run):
    passages, verdicts = run.table("passages"), run.table("passage_verdicts")
    counts = passage_counts(passages, verdicts)
    assert counts["passages"].sum() == len(passages)
    assert counts.loc[counts["stock"], "passages"].sum() == verdicts["stock"].sum()
    assert set(zip(counts["kind"], counts["stock"])) <= {("verbatim", False), ("verbatim", True), ("near", False), ("near", True)}


def test_verdict_reasons_group_the_passages_by_rule(run):
    passages, verdicts = run.table("passages"), run.table("passage_verdicts")
    reasons = verdict_reasons(passages, verdicts)
    assert reasons["passages"].sum() == len(verdicts) and reasons["stock"].iloc[0]
    rows = reasons.set_index("rule")
    assert rows.loc["name", "stock"] == False  # noqa: E712 - a numpy bool
    assert "North Korean leader Kim Jong Un (Jong)" in rows.loc["name", "examples"]
    assert rows.loc["quoted", "passage_ids"] == "20" and "(‘battle brotherhood’)" in rows.loc["quoted", "examples"]
    # the two 'involvement' passages are one example, case folded
    assert rows.loc["everyday words", "examples"].lower().count("the involvement of north korean") == 1


def test_cluster_summary_puts_the_widest_wording_first(run):
    clusters = run.table("passage_clusters")
    summary = cluster_summary(clusters, {D001: "one"})
    assert len(summary) == clusters["cluster_id"].nunique()
    first = summary.iloc[0]
    assert (first["n_families"], first["n_pieces"]) == (4, 4) and "between Russia and North Korea" in first["wording"]
    assert first["pieces"].startswith("one; ") and summary["n_families"].is_monotonic_decreasing
    assert summary["stock"].any()  # stock clusters are listed, never hidden


def test_claims_are_named_by_their_most_central_sentence(run):
    claims = run.table("claims")
    labels = claim_labels(claims)
    assert sorted(labels) == sorted(claims["claim_id"].unique())
    assert labels[5] == "C5: \u2018We are grateful to our friends from Korea for their heroic aid."
    # claim 1: the 0.3348 sentences beat the others; the first piece's wins the tie
    assert labels[1].startswith("C1: The foundation for this alliance was laid")
    assert all(len(label) <= len(f"C{k}: ") + 72 for k, label in labels.items())
    summary = claim_summary(claims, {D001: "one", D002: "two"}).set_index("claim_id")
    assert summary.loc[5, "pieces"] == "one; two" and summary.loc[1, "sentences"] == 4
    assert summary["sentences"].sum() == len(claims)


def test_discrepancy_values_give_one_row_per_piece(run):
    discrepancies = run.table("claim_discrepancies")
    values = discrepancy_values(discrepancies, DOCS)
    names = values[(values["claim_id"] == 2) & (values["field"] == "names")]
    assert dict(zip(names["doc_id"], names["value"])) == {D000: "Andrei Belozurov", D003: "Andrei Belousov"}
    assert len(values) == discrepancies["n_docs"].sum()
    assert discrepancy_values(discrepancies, []).empty


def test_discrepancy_view_names_claims_and_quantity_groups(run):
    discrepancies, claims = run.table("claim_discrepancies"), run.table("claims")
    names = discrepancy_names(discrepancies, claims)
    assert names["q1"] == "q1: amounts of troop" and names["2"].startswith("C2: ")
    view = discrepancy_view(discrepancies, claims)
    assert list(view.columns) == ["claim", *discrepancies.columns] and view["claim"].iloc[0] == "q1: amounts of troop"
    assert view["severity"].is_monotonic_increasing and view.loc[view["minor"], "severity"].eq(9).all()
    belozurov = view[(view["field"] == "names") & ~view["minor"]].iloc[0]
    assert belozurov["entity"] == "Andrei Belousov" and "Belozurov" in belozurov["why"]
    values = discrepancy_values(discrepancies, DOCS)
    troops = values[values["pair"] == "q1"]
    assert troops["claim_id"].isna().all() and dict(zip(troops["doc_id"], troops["value"]))[D004] == "more than 10,000 soldiers"


def test_spelling_codes_and_the_most_merged_piece(run):
    spellings = name_spellings(run.table("entity_persons"))
    codes = spelling_codes(spellings)
    assert codes.loc["No Kwang Chol", D001] == codes.loc["No Kwang Chol", D002] != codes.loc["No Kwang Chol", D003]
    assert math.isnan(codes.loc["No Kwang Chol", D000]) and codes.loc["Andrei Belousov"].notna().sum() == 2
    mentions = run.table("mentions")
    assert most_merged_piece(mentions) == D001  # three alias merges, as in D002: the first piece wins the tie
    assert most_merged_piece(mentions.iloc[0:0]) is None


def test_provenance_view_ranks_by_the_one_share(run):
    edges = provenance_view(run.table("provenance_edges"))
    assert edges["shared"].is_monotonic_decreasing
    assert list(zip(edges["doc_a"], edges["doc_b"]))[:2] == [(D001, D002), (D000, D003)]
    sentences = describe_edges(edges, names={D001: "one", D002: "two"})
    assert sentences[0].startswith("one and two: copied passages") and "of the two bodies" in sentences[0]
    assert describe_edges(edges.iloc[0:0]) == ["No pair of pieces shows reuse beyond the shared story."]


def test_prf_breakdown_and_score_bars(run, articles):
    summary, matches = score_attributions(articles, run.table("attributions"))
    table = prf_breakdown(matches, ["construction", "doc_id"])
    assert table["by"].value_counts().to_dict() == {"construction": len(prf_by(matches, "construction")), "doc_id": 5}
    assert table.loc[table["value"] == D004, "fn"].tolist() == prf_by(matches, "doc_id").set_index("doc_id").loc[[D004], "fn"].tolist()
    passages = score_passages(articles, run.table("passages"))[1]
    recall = prf_breakdown(passages, ["judgement"], scorer=recall_by)
    assert list(recall.columns) == ["by", "value", "annotated", "found", "recall"]
    assert prf_breakdown(matches.iloc[0:0], ["construction"]).empty
    bars = score_bars(summary_table(summary, score_claims(articles, run.table("claims"))[0]))
    recall_row = bars[bars["label"] == "attributions: recall (all annotated)"].iloc[0]
    assert recall_row["text"] == "49/53 = 0.92"
    assert bars.loc[bars["measure"] == "f1", "text"].str.fullmatch(r"\d\.\d\d").all()


def test_outcome_counts_in_reading_order(run, articles):
    matches = score_claims(articles, run.table("claims"))[1]
    counts = outcome_counts(matches)
    assert counts["outcome"].tolist() == ["tp", "fn", "fp", "related"] and counts["rows"].sum() == len(matches)


def test_pages_name_pieces_by_their_labels(run, articles):
    page = Page(run, "/tmp/unused", "00")
    label = dict(zip(articles["doc_id"], articles["label"]))
    assert page.label(f"{D000}; {D003}") == f"{label[D000]}; {label[D003]}"
    assert page.label("000; nothing") == "000; nothing" and page.label("total") == "total"
    assert page.label_colours[label[D001]] == page.colours[D001]
    passages = run.table("passages")
    view = side_by_side_html(articles, passages, D001, D002)
    assert f'<h4 title="{D001}">{html.escape(label[D001])}</h4>' in view and view.index(D001) < view.index(D002)
    assert f'<h4 title="{D000}">{html.escape(label[D000])}</h4>' in entity_html(articles, run.table("mentions"), D000)
    assert f'<b title="{D004}">{html.escape(label[D004])}</b>' in evidence_html(run.table("evidence"), articles, D004, "hedging")


def test_a_page_opens_without_the_skipped_file_warning(tmp_path, caplog):
    run = run_of(tmp_path / "corpus", {"a": "Dmitry Peskov said the aid was welcome. Analysts noted the ties.\n", "empty": ""})
    with caplog.at_level("WARNING", logger="newsprism"):
        page = Page(run, tmp_path / "out", "03")
    assert list(page.labels) == ["a"] and not [r for r in caplog.records if "skipped" in r.getMessage()]
    assert run.skipped["file"].tolist() == ["empty.txt"]  # page 01 lists it


def test_label_fixes_list_the_labels_set_against_the_model(run):
    fixes = label_fixes(run.table("mentions")).set_index("text")
    assert (fixes.loc["Kursk", "model_label"], fixes.loc["Kursk", "label"]) == ("PRODUCT", "GPE")
    assert fixes.loc["Donbass", "label"] == "LOC" and fixes["mentions"].is_monotonic_decreasing


def test_attribution_forms_and_nesting_on_wire_copy(tmp_path):
    run = run_of(
        tmp_path,
        {
            "w": "KCNA quoted Ri Chol Man as saying the bridge would open soon.\n\n"
            "Pavel Yermolin said on Telegram that residents had reported hearing explosions near Klintsy.\n\n"
            "\u201cWe are ready,\u201d Ms Lind said. \u201cThe crews will be paid.\u201d\n",
        },
    )
    table = run.table("attributions")
    forms = attribution_forms(table).set_index("form")
    assert forms.loc["quoted as / cited as", "rows"] == 1 and "Ri Chol Man (quote)" in forms.loc["quoted as / cited as", "example"]
    assert forms.loc["continued quote", "rows"] == 1 and forms.loc["nested", "rows"] == 1
    nested = nested_attributions(table)
    assert nested["level"].tolist() == ["outer", "inner"] and nested["parent"].iloc[1] == nested["row_id"].iloc[0]
    assert nested_attributions(run.table("attributions").iloc[0:0]).empty


def test_before_after_sets_two_summaries_side_by_side(run, articles):
    after = score_attributions(articles, run.table("attributions"))[0]
    before = after.assign(value=after["value"] - 0.5, numerator=0)
    both = before_after(before.iloc[1:], after)
    assert list(both.columns) == ["subset", "measure", "before", "after", "change", "before_counts", "after_counts"]
    assert both["change"].iloc[1:].eq(0.5).all() and math.isnan(both["before"].iloc[0]) and both["before_counts"].iloc[0] == ""
    assert both["after_counts"].iloc[0] == f"{after['numerator'].iloc[0]}/{after['denominator'].iloc[0]}"
    tags = pd.DataFrame({"split": ["dev"], "phenomenon": ["synonym"], "annotated": [10], "found": [4], "recall": [0.4]})
    change = before_after(tags, tags.assign(found=8, recall=0.8), keys=("split", "phenomenon"), value="recall", counts=("found", "annotated"))
    assert change[["before_counts", "after_counts", "change"]].iloc[0].tolist() == ["4/10", "8/10", 0.4]
    wide = before_after(before, after, spread="measure").set_index("subset")
    assert list(wide.columns[:3]) == ["precision before", "precision after", "precision counts"]
    recall = after[after["measure"] == "recall"].iloc[0]
    assert wide.loc[recall["subset"], "recall after"] == recall["value"] and wide.loc[recall["subset"], "recall before"] == recall["value"] - 0.5


"""Scoring helpers: one-to-one matching, counts and P/R/F1 that trace back to rows."""

from __future__ import annotations

import pandas as pd
import pytest

from newsprism.corpus.read import load_corpus
from newsprism.evaluate.scoring import (
    ATTRIBUTION_MATCH_COLUMNS,
    CLAIM_MATCH_COLUMNS,
    NO_ANNOTATIONS,
    NO_ERRORS,
    PASSAGE_MATCH_COLUMNS,
    PERSON_MATCH_COLUMNS,
    SENTENCE_MATCH_COLUMNS,
    SUMMARY_COLUMNS,
    annotated_docs,
    annotation_coverage,
    attribution_agreement,
    common_flag_agreement,
    error_cases,
    error_view,
    match_rows,
    or_note,
    prf,
    prf_by,
    read_annotation,
    recall_by,
    score_attribution_sentences,
    score_attributions,
    score_by,
    score_claims,
    score_passages,
    score_person_counts,
    shown,
    spans_overlap,
    summary_table,
)


def overlap(p, g) -> bool:
    return spans_overlap(p["start"], p["end"], g["start"], g["end"])


def test_match_rows_one_to_one_and_prf():
    gold = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [0, 50, 10], "end": [20, 60, 30], "kind": ["direct", "indirect", "direct"]})
    pred = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "start": [5, 8, 100, 12], "end": [15, 18, 120, 25], "kind": ["direct"] * 4})
    matches = match_rows(pred, gold, overlap)
    assert sorted(matches["outcome"]) == ["fn", "fp", "fp", "tp", "tp"]
    assert prf(matches) == {"tp": 2, "fp": 2, "fn": 1, "precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    by_kind = score_by(matches, pred, gold, "kind").set_index("kind")
    assert by_kind.at["indirect", "recall"] == 0.0 and by_kind.at["direct", "recall"] == 1.0


def test_empty_predictions():
    gold = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [3]})
    pred = pd.DataFrame(columns=["doc_id", "start", "end"])
    assert prf(match_rows(pred, gold, overlap))["recall"] == 0.0


def test_spans_overlap_is_half_open():
    assert spans_overlap(0, 5, 4, 9) and not spans_overlap(0, 5, 5, 9)


# -- the stage scorers on the five pieces --------------------------------------------------
D000, D001, D002 = "000_6b0b6237182e2e41", "001_b70b9e225ebd2f34", "002_b187fa1494321f8e"


def assert_summary(summary: pd.DataFrame) -> None:
    assert list(summary.columns) == SUMMARY_COLUMNS and len(summary)
    ratio = [round(n / d, 4) if d else 0.0 for n, d in zip(summary["numerator"], summary["denominator"])]
    assert summary["value"].tolist() == ratio
    assert summary["value"].between(0, 1).all()


def assert_spans_read_back(matches: pd.DataFrame, raw_texts: dict[str, str], doc="doc_id", start="start", end="end", text="text"):
    rows = matches[matches[start] >= 0]
    assert all(raw_texts[d][s:e] == t for d, s, e, t in zip(rows[doc], rows[start], rows[end], rows[text]))


@pytest.fixture(scope="module")
def attribution_scores(articles):
    return score_attributions(articles)


def test_score_attributions_counts_trace_to_rows(attribution_scores, raw_texts):
    summary, matches = attribution_scores
    assert_summary(summary)
    assert list(matches.columns) == ATTRIBUTION_MATCH_COLUMNS
    assert_spans_read_back(matches, raw_texts)
    gold = read_annotation("attributions_gold")
    assert int(matches["outcome"].isin(["tp", "fn"]).sum()) == len(gold)
    rates = summary.set_index(["measure", "subset"])
    tp = int((matches["outcome"] == "tp").sum())
    assert rates.at[("precision", "all annotated"), "numerator"] == tp
    assert rates.at[("recall", "clear annotated"), "denominator"] == int((gold["borderline"] == "no").sum())
    errors = error_cases(matches)
    assert set(errors["outcome"]) <= {"fp", "fn"} and len(errors) == int(matches["outcome"].isin(["fp", "fn"]).sum())
    # a match's predicted span overlaps the annotated one and names the same source
    for r in matches[matches["outcome"] == "tp"].itertuples():
        assert spans_overlap(r.start, r.end, r.predicted_start, r.predicted_end) and r.source == r.predicted_source


def test_score_attributions_sees_a_dropped_and_a_wrong_prediction(articles, attribution_scores):
    from newsprism.stages.attribution.rules import attributions

    table = attributions(articles)
    peskov = table.index[(table["doc_id"] == D001) & (table["quote_type"] == "direct")][0]
    changed = table.drop(index=peskov).reset_index(drop=True)
    changed.loc[0, "source"] = "Someone Else"
    summary, matches = score_attributions(articles, changed)
    before = attribution_scores[0].set_index(["measure", "subset"])["numerator"]
    after = summary.set_index(["measure", "subset"])["numerator"]
    assert after[("recall", "all annotated")] == before[("recall", "all annotated")] - 2
    missed = matches[(matches["outcome"] == "fn") & (matches["doc_id"] == D001)]
    assert "We are grateful to our friends" in " ".join(missed["text"])
    assert (matches.loc[matches["outcome"] == "fp", "source"] == "Someone Else").sum() == 1
    by_type = prf_by(matches, "quote_type").set_index("quote_type")
    assert by_type.loc["direct", "fn"] >= 1


def test_prf_by_matches_score_by(attribution_scores):
    _, matches = attribution_scores
    gold = read_annotation("attributions_gold")
    predicted = matches[matches["pred_index"] >= 0].set_index("pred_index")
    predicted = predicted.assign(construction=predicted["predicted_construction"])
    outcomes = matches[["outcome", "gold_index", "pred_index"]]
    assert prf_by(matches, "construction").equals(score_by(outcomes, predicted, gold, "construction"))


def test_attribution_agreement_counts_matched_rows(attribution_scores):
    _, matches = attribution_scores
    agreement = attribution_agreement(matches)
    assert list(agreement["attribute"]) == ["quote_type", "source_kind", "channel"]
    assert (agreement["matched"] == int((matches["outcome"] == "tp").sum())).all()
    flipped = matches.copy()
    first = flipped.index[flipped["outcome"] == "tp"][0]
    flipped.loc[first, "predicted_channel"] = "Nowhere News"
    assert attribution_agreement(flipped).set_index("attribute").at["channel", "agree"] == agreement.set_index("attribute").at["channel", "agree"] - 1


def test_score_attribution_sentences_accounts_for_every_expected_item():
    summary, matches = score_attribution_sentences()
    assert_summary(summary)
    assert list(matches.columns) == SENTENCE_MATCH_COLUMNS
    cases = read_annotation("attribution_sentences")
    expected = sum(len([x for x in e.split("; ") if x]) for e in cases["expected"])
    assert int(matches["outcome"].isin(["tp", "fn"]).sum()) == expected
    assert set(matches["batch"]) == {"h", "g"}
    assert summary["subset"].iloc[0] == f"{len(cases)} sentences"
    found = matches[matches["pred_index"] >= 0]
    assert all(t and t in s for t, s in zip(found["text"], found["sentence"]))


def test_score_person_counts_sees_over_and_under_counts(articles):
    from newsprism.stages.entities import entities_table, entity_mentions

    entities, mentions = entities_table(articles), entity_mentions(articles)
    summary, matches = score_person_counts(articles, entities, mentions)
    assert_summary(summary)
    assert list(matches.columns) == PERSON_MATCH_COLUMNS
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    assert_spans_read_back(matches, raws)
    for r in matches.itertuples():
        spans = [tuple(map(int, x.split("-"))) for x in r.spans.split("; ") if x]
        assert len(spans) == r.predicted and "; ".join(raws[r.doc_id][s:e] for s, e in spans) == r.surfaces
    changed = entities.copy()
    peskov = changed.index[(changed["doc_id"] == D002) & (changed["entity"] == "Dmitry Peskov")][0]
    changed.loc[peskov, "mentions"] = 1
    changed.loc[len(changed)] = changed.loc[peskov].copy()
    changed.loc[len(changed) - 1, ["entity", "mentions"]] = ["Ghost Person", 2]
    summary, matches = score_person_counts(articles, changed, mentions)
    rows = matches.set_index(["doc_id", "person"])
    assert rows.loc[(D002, "Dmitry Peskov"), "outcome"] == "under" and rows.loc[(D002, "Dmitry Peskov"), "fn"] == 1
    assert rows.loc[(D002, "Ghost Person"), "outcome"] == "over" and rows.loc[(D002, "Ghost Person"), "fp"] == 2
    rates = summary.set_index("measure")
    assert rates.at["recall", "numerator"] == rates.at["recall", "denominator"] - 1
    assert rates.at["precision", "denominator"] == rates.at["recall", "denominator"] + 1


def test_score_passages_counts_and_the_common_flag(articles, raw_texts):
    from newsprism.stages.passages import passages_table

    table = passages_table(articles)
    summary, matches = score_passages(articles, table)
    assert_summary(summary)
    assert list(matches.columns) == PASSAGE_MATCH_COLUMNS
    assert_spans_read_back(matches, raw_texts)
    assert_spans_read_back(matches, raw_texts, doc="doc_b", start="b_start", end="b_end", text="text_b")
    gold = read_annotation("passages_gold")
    rates = summary.set_index(["measure", "subset"])
    assert rates.at[("recall", "all annotated"), "denominator"] == len(gold)
    assert rates.at[("recall", "judged reuse"), "denominator"] == int((gold["judgement"] == "reuse").sum())
    assert rates.at[("precision", "not flagged common"), "denominator"] == int((~table["common"]).sum())
    errors = error_cases(matches)
    assert not (errors["common"] & (errors["outcome"] == "fp")).any()  # weak evidence is set aside, not counted
    flags = common_flag_agreement(matches)
    assert int(flags["passages"].sum()) == rates.at[("recall", "all annotated"), "numerator"]
    assert rates.at[("agreement", "common = stock"), "numerator"] == int(flags["agree"].sum())
    # the Peskov quote of 001/002 is reuse; without its passage it is missed
    quote = table.index[(table["doc_a"] == D001) & (table["doc_b"] == D002) & (table["a_start"] == 385)]
    summary, matches = score_passages(articles, table.drop(index=quote))
    missed = matches[matches["outcome"] == "fn"]
    assert len(missed) == 1 and missed["text"].iloc[0].startswith("We are grateful") and missed["judgement"].iloc[0] == "reuse"


def test_score_claims_pairs_agree_with_evaluate_claims(articles):
    from newsprism.stages.claims import claim_pair_outcomes, claims_table, evaluate_claims

    claims = claims_table(articles)
    summary, matches = score_claims(articles, claims)
    # one scorer: the matches are claim_pair_outcomes' rows and the summary counts them as evaluate_claims does
    gold = read_annotation("claims_gold")
    pd.testing.assert_frame_equal(matches, claim_pair_outcomes(claims, gold, articles))
    scores = evaluate_claims(claims, gold, articles)
    assert summary.set_index("measure").at["precision", "value"] == scores["precision"]
    assert summary.set_index("measure").at["recall", "value"] == scores["recall"]
    assert_summary(summary)
    assert list(matches.columns) == CLAIM_MATCH_COLUMNS
    rates = summary.set_index("measure")
    outcomes = matches["outcome"].value_counts()
    assert outcomes.get("tp", 0) == rates.at["recall", "numerator"]
    assert outcomes.get("tp", 0) + outcomes.get("fn", 0) == rates.at["recall", "denominator"]
    assert outcomes.get("fp", 0) == rates.at["precision", "denominator"] - rates.at["precision", "numerator"]
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    assert_spans_read_back(matches, raws)
    assert_spans_read_back(matches, raws, doc="doc_b", start="b_start", end="b_end", text="text_b")
    # splitting every claim into single sentences finds no pair: recall 0
    alone = claims.assign(claim_id=range(1, len(claims) + 1))
    assert score_claims(articles, alone)[0].set_index("measure").at["recall", "value"] == 0.0


# -- corpora the annotations do not cover --------------------------------------------------
def test_a_corpus_without_annotated_pieces_gives_empty_results(tmp_path):
    (tmp_path / "a.txt").write_text("Ties Grow Stronger\n\nThe two ministers met in Geneva on Monday. Lavrov said the talks were useful.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Geneva Talks\n\nThe two ministers met in Geneva on Monday, and Lavrov said the talks were useful.\n", encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert annotated_docs(articles) == []
    for scorer in (score_attributions, score_person_counts, score_passages, score_claims):
        summary, matches = scorer(articles)
        assert summary.empty and list(summary.columns) == SUMMARY_COLUMNS and matches.empty, scorer.__name__
        assert list(or_note(matches)["note"]) == [NO_ANNOTATIONS]
    assert summary_table(*(scorer(articles)[0] for scorer in (score_attributions, score_passages))).empty
    coverage = annotation_coverage(articles).set_index("annotation")
    assert (coverage.drop(index="attribution_sentences.csv")["rows_in_corpus"] == 0).all()


def test_a_changed_text_under_an_annotated_name_is_not_scored(articles):
    changed = articles.copy()
    changed.loc[changed["doc_id"] == D001, "raw"] = "Another text.\n" + changed.loc[changed["doc_id"] == D001, "raw"]
    assert D001 not in annotated_docs(changed) and len(annotated_docs(changed)) == 4


def test_a_subset_of_the_pieces_is_scored_on_its_own_annotations(articles):
    subset = articles[articles["doc_id"].isin([D001, D002])].reset_index(drop=True)
    assert annotated_docs(subset) == [D001, D002]
    _, matches = score_passages(subset)
    pairs = set(zip(matches["doc_id"], matches["doc_b"]))
    assert pairs == {(D001, D002)}
    gold = read_annotation("passages_gold")
    assert int(matches["outcome"].isin(["tp", "fn"]).sum()) == int(((gold["doc_a"] == D001) & (gold["doc_b"] == D002)).sum())
    _, matches = score_attributions(subset)
    assert set(matches["doc_id"]) == {D001, D002}
    coverage = annotation_coverage(subset).set_index("annotation")
    assert coverage.at["attributions_gold.csv", "pieces_in_corpus"] == 2


def test_summary_table_orders_the_stages():
    rows = [
        {"stage": s, "measure": "recall", "subset": "x", "numerator": 1, "denominator": 2, "value": 0.5, "definition": ""}
        for s in ("claims", "attributions", "passages")
    ]
    table = summary_table(*(pd.DataFrame([r], columns=SUMMARY_COLUMNS) for r in rows), pd.DataFrame(columns=SUMMARY_COLUMNS))
    assert list(table["stage"]) == ["attributions", "passages", "claims"]


def test_display_helpers_say_why_a_table_is_empty():
    scored = pd.DataFrame({"outcome": ["tp", "fn", "fp"], "doc_id": ["a", "a", "b"], "kind": ["x", "y", "x"], "common": [False, False, True]})
    assert list(error_view(scored, ["doc_id", "outcome"])["outcome"]) == ["fn"]  # a common-flagged fp is set aside
    assert list(error_view(scored.iloc[:1], ["doc_id"])["note"]) == [NO_ERRORS]
    assert list(error_view(scored.iloc[:0], ["doc_id"])["note"]) == [NO_ANNOTATIONS]
    assert list(shown(scored.iloc[:0], scored=scored, empty="nothing")["note"]) == ["nothing"]
    assert list(shown(scored, ["kind"]).columns) == ["kind"]
    by_kind = recall_by(scored, "kind").set_index("kind")
    assert by_kind.loc["x", "annotated"] == 1 and by_kind.loc["y", "recall"] == 0.0

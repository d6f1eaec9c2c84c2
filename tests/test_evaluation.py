"""Scoring helpers: one-to-one matching, counts and P/R/F1 that trace back to rows."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_of
from pieces import D001, D002

import newsprism.stages
from newsprism.evaluate import (
    ATTRIBUTION_MATCH_COLUMNS,
    CLAIM_MATCH_COLUMNS,
    NO_ANNOTATIONS,
    NO_ERRORS,
    PASSAGE_MATCH_COLUMNS,
    PERSON_MATCH_COLUMNS,
    SENTENCE_MATCH_COLUMNS,
    STAGE_ORDER,
    SUMMARY_COLUMNS,
    annotated_docs,
    annotation_coverage,
    attribution_agreement,
    attribution_disagreements,
    claim_pair_outcomes,
    common_flag_agreement,
    common_flag_errors,
    error_cases,
    error_view,
    evaluate_claims,
    match_rows,
    or_note,
    prf,
    prf_by,
    read_annotation,
    read_claims_gold,
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
def assert_summary(summary: pd.DataFrame) -> None:
    assert list(summary.columns) == SUMMARY_COLUMNS and len(summary)
    ratio = [round(n / d, 4) if d else 0.0 for n, d in zip(summary["numerator"], summary["denominator"])]
    assert summary["value"].tolist() == ratio
    assert summary["value"].between(0, 1).all()


def assert_spans_read_back(matches: pd.DataFrame, raw_texts: dict[str, str], doc="doc_id", start="start", end="end", text="text"):
    rows = matches[matches[start] >= 0]
    assert all(raw_texts[d][s:e] == t for d, s, e, t in zip(rows[doc], rows[start], rows[end], rows[text]))


@pytest.fixture(scope="module")
def attribution_scores(run):
    return score_attributions(run.articles, run.table("attributions"))


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


def test_score_attributions_sees_a_dropped_and_a_wrong_prediction(run, articles, attribution_scores):
    table = run.table("attributions")
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


def test_score_person_counts_sees_over_and_under_counts(run, articles):
    entities, mentions = run.table("entities"), run.table("mentions")
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


def test_score_passages_counts_and_the_common_flag(run, articles, raw_texts):
    table = run.table("passages")
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
    assert not (errors["stock"] & (errors["outcome"] == "fp")).any()  # stock phrasing is set aside, not counted
    flags = common_flag_agreement(matches)
    assert int(flags["passages"].sum()) == rates.at[("recall", "all annotated"), "numerator"]
    assert rates.at[("agreement", "common = stock"), "numerator"] == int(flags["agree"].sum())
    # the Peskov quote of 001/002 is reuse; without its passage it is missed
    quote = table.index[(table["doc_a"] == D001) & (table["doc_b"] == D002) & (table["a_start"] == 385)]
    summary, matches = score_passages(articles, table.drop(index=quote))
    missed = matches[matches["outcome"] == "fn"]
    assert len(missed) == 1 and missed["text"].iloc[0].startswith("We are grateful") and missed["judgement"].iloc[0] == "reuse"


def test_score_claims_pairs_agree_with_evaluate_claims(run, articles):
    claims = run.table("claims")
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
    texts = {
        "a": "Ties Grow Stronger\n\nThe two ministers met in Geneva on Monday. Lavrov said the talks were useful.\n",
        "b": "Geneva Talks\n\nThe two ministers met in Geneva on Monday, and Lavrov said the talks were useful.\n",
    }
    run = run_of(tmp_path, texts)
    articles = run.articles
    assert annotated_docs(articles) == []
    results = {
        "attributions": score_attributions(articles, run.table("attributions")),
        "person counts": score_person_counts(articles, run.table("entities"), run.table("mentions")),
        "passages": score_passages(articles, run.table("passages")),
        "claims": score_claims(articles, run.table("claims")),
    }
    for name, (summary, matches) in results.items():
        assert summary.empty and list(summary.columns) == SUMMARY_COLUMNS and matches.empty, name
        assert list(or_note(matches)["note"]) == [NO_ANNOTATIONS]
    assert summary_table(*(summary for summary, _ in results.values())).empty
    coverage = annotation_coverage(articles).set_index("annotation")
    assert (coverage.drop(index="attribution_sentences.csv")["rows_in_corpus"] == 0).all()


def test_a_changed_text_under_an_annotated_name_is_not_scored(articles):
    changed = articles.copy()
    changed.loc[changed["doc_id"] == D001, "raw"] = "Another text.\n" + changed.loc[changed["doc_id"] == D001, "raw"]
    assert D001 not in annotated_docs(changed) and len(annotated_docs(changed)) == 4


def test_a_subset_of_the_pieces_is_scored_on_its_own_annotations(run, articles):
    subset = articles[articles["doc_id"].isin([D001, D002])].reset_index(drop=True)
    assert annotated_docs(subset) == [D001, D002]
    _, matches = score_passages(subset, run.table("passages"))
    pairs = set(zip(matches["doc_id"], matches["doc_b"]))
    assert pairs == {(D001, D002)}
    gold = read_annotation("passages_gold")
    assert int(matches["outcome"].isin(["tp", "fn"]).sum()) == int(((gold["doc_a"] == D001) & (gold["doc_b"] == D002)).sum())
    _, matches = score_attributions(subset, run.table("attributions"))
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


def test_disagreements_and_flag_errors_list_the_matched_rows_that_differ(run, articles, attribution_scores):
    _, matches = attribution_scores
    wrong = attribution_disagreements(matches)
    assert (wrong["outcome"] == "tp").all()
    for r in wrong.itertuples():
        differs = [c for c in ("quote_type", "source_kind", "channel") if getattr(r, c) != getattr(r, f"predicted_{c}")]
        assert differs and all(r.disagreement.count(f"{c}: annotated") == 1 for c in differs)
    flipped = matches.copy()
    first = flipped.index[(flipped["outcome"] == "tp") & (flipped["disagreement"] == "")][0]
    flipped.loc[first, "disagreement"] = "channel: annotated (none), predicted Nowhere News"
    assert len(attribution_disagreements(flipped)) == len(wrong) + 1
    _, passages = score_passages(articles, run.table("passages"))
    errors = common_flag_errors(passages)
    assert ((errors["judgement"] == "stock") != errors["common"]).all() and (errors["outcome"] == "tp").all()
    tp = passages[passages["outcome"] == "tp"]
    assert len(errors) == int((tp["common"] != (tp["judgement"] == "stock")).sum())


def test_claim_scoring_reads_any_gold_file(tmp_path, run, articles):
    from newsprism.errors import NewsprismError
    from newsprism.resources.files import data_path

    gold = read_claims_gold(data_path("annotations/claims_gold.csv"))
    assert len(gold) == len(read_annotation("claims_gold"))
    outcomes = claim_pair_outcomes(run.table("claims"), gold, articles)
    assert evaluate_claims(run.table("claims"), gold, articles)["true_positives"] == int((outcomes["outcome"] == "tp").sum())
    (tmp_path / "bad.csv").write_text("doc_a,start_a,doc_b\nx,1,y\n", encoding="utf-8")
    with pytest.raises(NewsprismError, match="lacks column"):
        read_claims_gold(tmp_path / "bad.csv")


def _imported_modules(path: Path, package: str) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved from ``package``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_no_stage_module_imports_evaluation_or_display():
    root = Path(newsprism.stages.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert root / "claims.py" in files and len(files) > 10
    for path in files:
        package = ".".join(["newsprism", *path.relative_to(root.parent).parent.parts])
        bad = {m for m in _imported_modules(path, package) if m.startswith(("newsprism.evaluate", "newsprism.viz"))}
        assert not bad, f"{path.relative_to(root.parent)} imports {sorted(bad)}"


def test_the_import_scan_sees_relative_imports(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("from ..evaluate import prf\nfrom . import claims\nimport newsprism.viz.charts\n", encoding="utf-8")
    names = _imported_modules(source, "newsprism.stages")
    assert {"newsprism.evaluate.prf", "newsprism.stages.claims", "newsprism.viz.charts"} <= names
    assert list(STAGE_ORDER)[-1] == "claims"

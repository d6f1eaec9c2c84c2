"""Names without a table (issue 12): romanisation rules, merge decisions with their evidence,
the labels of non-person names, the five pieces with the alias table emptied, and the
names-devset scorer.

Every name in the rule and corpus tests below is written for these tests (none comes from
``data/devsets/names/``); the devset is scored only through
:func:`newsprism.evaluate.score_names`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_of
from pieces import D000, D001, D002, D003

from newsprism.evaluate import NAMES_MATCH_COLUMNS, name_clusters, names_predictions, read_names_devset, score_names
from newsprism.resources import files
from newsprism.stages.entities import (
    MERGE_CANDIDATE_COLUMNS,
    PersonName,
    compare_names,
    entities_table,
    entity_mentions,
    is_korean_name,
    korean_syllables,
    merge_candidates,
    name_parts,
    variants_table,
)

ROOT = Path(__file__).resolve().parents[1]


def _same_form(a: str, b: str) -> bool:
    return name_parts(a).full_form == name_parts(b).full_form


# ----------------------------------------------------------------------------- romanisation rules


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Yuri Kovalskiy", "Yury Kovalsky", "-sky/-skiy/-skii"),
        ("Yurii Kovalskii", "Yuri Kovalskyi", "-sky/-skiy/-skii"),
        ("Aleksey Tarasov", "Alexei Tarasov", "Aleksey/Alexei"),
        ("Nikolay Gromov", "Nikolai Gromov", "Nikolay/Nikolai"),
        ("Mikhail Sergeyev", "Mikhail Sergeev", "y between vowels"),
        ("Oleg Tretyakov", "Oleg Tretiakov", "y/i after a consonant"),
        ("Yulia Biesedina", "Yulia Besedina", "ie/e"),
        ("Mark Rubinshtein", "Mark Rubinstein", "sht/st"),
        ("Pavel Troitskiy", "Pavel Troitsky", "-sky/-skiy/-skii"),
        ("Victor Orlov", "Viktor Orlov", "Victor/Viktor"),
        ("Mykola Gromov", "Nikolai Gromov", "Mykola/Nikolai"),
        ("Dmitri Zaitsev", "Dmitry Zaitsev", "Dmitri/Dmitry"),
        ("Gwon Jeong-geun", "Kwon Jong Gun", "Gwon/Kwon"),
        ("Park Pong-ju", "Pak Pong Ju", "Park/Pak"),
        ("Choi Hui-sook", "Choe Hui Suk", "Choi/Choe"),
        ("Ri Thae-gil", "Lee Tae Gil", "Lee/Ri"),
        ("Kim Seong-cheol", "Kim Song Chol", "eo/o"),
    ],
)
def test_each_romanisation_rule_makes_the_spellings_agree(a, b, rule):
    assert a != b and _same_form(a, b)
    verdict = compare_names(PersonName("a", a), PersonName("b", b))
    assert verdict.decision == "merged" and verdict.how == "transliteration"
    assert rule in verdict.rules


def test_name_parts_split_korean_and_russian_names():
    korean = name_parts("No Gwang-cheol")
    assert (korean.system, korean.family, korean.given_form) == ("korean", "no", "kwangchol")
    russian = name_parts("Ivan Petrovich Sidorov")
    assert (russian.system, russian.family, russian.given, russian.patronymic) == ("slavic", "sidorov", ("ivan",), ("petrovich",))
    assert name_parts("P. Sidorov").initial
    assert is_korean_name(["pak", "pong", "ju"]) and is_korean_name(["park", "jin"])
    assert not is_korean_name(["kim", "darroch"]) and not is_korean_name(["ivan", "sidorov"])
    assert (korean_syllables("kwang"), korean_syllables("gwansik"), korean_syllables("sidorov")) == (1, 2, 0)


def test_patronymics_are_dropped_and_different_given_names_are_not_merged():
    merged = compare_names(PersonName("a", "Ivan Petrovich Sidorov"), PersonName("b", "Ivan Sidorov"))
    assert (merged.decision, merged.rules) == ("merged", ("patronymic dropped",))
    for a, b in [("Kim Song Nam", "Kim Song Il"), ("Ivan Sidorov", "Pavel Sidorov"), ("Choe Song Nam", "Choe Yong Chol")]:
        verdict = compare_names(PersonName("a", a), PersonName("b", b))
        assert verdict.decision == "rejected" and verdict.conflict, (a, b)
    assert compare_names(PersonName("a", "Ivan Sidorov"), PersonName("b", "Ivan Petrov")).decision == "rejected"


def test_a_shared_role_makes_a_candidate_never_a_merge():
    role = frozenset({"defense minister"})
    alone = compare_names(PersonName("a", "Kang Sonam"), PersonName("b", "Kang Sun Nam"))
    assert alone.decision == "rejected"
    verdict = compare_names(PersonName("a", "Kang Sonam", role, frozenset({"p1"})), PersonName("b", "Kang Sun Nam", role, frozenset({"p2"})))
    assert (verdict.decision, verdict.shared_roles, verdict.surname) == ("candidate", ("defense minister",), "kang")
    # named side by side in one piece: two people, whatever their role
    together = compare_names(PersonName("a", "Kang Sonam", role, frozenset({"p1"})), PersonName("b", "Kang Sun Nam", role, frozenset({"p1"})))
    assert together.decision == "rejected" and together.shared_pieces == 1


def test_fuzzy_spelling_merges_only_with_agreeing_given_names():
    verdict = compare_names(PersonName("a", "Mikhail Belousov"), PersonName("b", "Mikhail Belousova"))
    assert (verdict.decision, verdict.how) == ("merged", "fuzzy") and verdict.raw_score > 88
    pieces = frozenset({"p1"})
    together = compare_names(PersonName("a", "Mikhail Belousov", docs=pieces), PersonName("b", "Mikhail Belousova", docs=pieces))
    assert together.decision == "candidate" and "side by side" in together.reason
    assert compare_names(PersonName("a", "Anna Smirnova"), PersonName("b", "Inna Smirnova")).decision == "rejected"


# ----------------------------------------------------------------------------- a corpus of new texts

_PIECES = {
    "a": (
        "Generals Meet in Moscow\n\n"
        "MOSCOW, March 3. Chief of the General Staff Valery Gerasimov inspected the Uran-6 robot at a test site.\n\n"
        "The Kh-101 missile and Su-57 jets were also shown, the ministry said. North Korean Defence Minister Kang Sonam attended.\n\n"
        "Deputy Foreign Minister Sergey Tarasov met Ri Yong-ho, and Tarasov later visited the Belgorodsky district and Lenin Street.\n\n"
        "Repairs on Gagarin Street will start soon. The destroyer Choe Hyon sailed to the city of Nampo, and guests toured Kim Il Sung Square.\n"
    ),
    "b": (
        "Russian General Staff Briefing\n\n"
        "Sergei Tarasov, the deputy foreign minister, said the talks with Ri Yong Ho went well.\n\n"
        "North Korean Defence Minister Kang Sun Nam and Colonel General Pak Jong-il inspected troops near Sumy.\n\n"
        "No further details were given. Tarasov said the Rylsky and Glushkovsky districts were quiet.\n"
    ),
    "c": (
        "Talks in Pyongyang\n\n"
        "Aleksandr Petrovich Kovalskiy, head of the delegation, and Yurii Bieliaev arrived on Monday.\n\n"
        "Kovalskiy met Kang Sonam. P. Orlov and Pavel Orlov were not present.\n"
    ),
    "d": ("Delegation Returns\n\nAlexander Kovalsky said the visit was useful. Yuri Belyaev agreed.\n\nAlexander Kovalsky and Pavel Orlov flew home.\n"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return run_of(tmp_path_factory.mktemp("names") / "corpus", _PIECES)


def _labels(mentions: pd.DataFrame, doc_id: str, text: str) -> set[str]:
    return set(mentions.loc[(mentions["doc_id"] == doc_id) & (mentions["text"] == text), "label"])


def test_title_words_places_and_equipment_are_not_people(corpus):
    found = corpus.table("mentions")
    people = set(found.loc[found["label"] == "PERSON", "text"])
    assert "Staff" not in set(found["text"]) and "Valery Gerasimov" in people  # "Chief of the General Staff Valery Gerasimov"
    assert _labels(found, "a", "Uran-6") == {"PRODUCT"}  # "the Uran-6 robot": not GPE, not ORG
    assert _labels(found, "a", "Kh-101") == {"PRODUCT"} and _labels(found, "a", "Su-57") == {"PRODUCT"}
    assert _labels(found, "a", "Belgorodsky") == {"GPE"}
    assert _labels(found, "b", "Rylsky") == {"GPE"} and _labels(found, "b", "Glushkovsky") == {"GPE"}
    assert _labels(found, "a", "Lenin Street") == {"FAC"} and _labels(found, "a", "Gagarin Street") == {"FAC"}
    assert _labels(found, "a", "Kim Il Sung Square") == {"FAC"} and _labels(found, "a", "Choe Hyon") == {"PRODUCT"}
    assert _labels(found, "b", "Sumy") == {"GPE"}  # "near Sumy": a place the model calls ORG
    assert "No" not in set(found["text"])  # "No further details"
    assert not people & {"Uran-6", "Belgorodsky", "Rylsky", "Lenin Street", "Kim Il Sung Square", "Choe Hyon", "Sumy"}


def test_spellings_merge_across_pieces_with_the_rule_as_evidence(corpus):
    found = corpus.table("mentions")
    entity = dict(zip(zip(found["doc_id"], found["text"]), found["entity"]))
    assert entity[("a", "Sergey Tarasov")] == entity[("b", "Sergei Tarasov")] == entity[("b", "Tarasov")]
    assert entity[("c", "Aleksandr Petrovich Kovalskiy")] == entity[("d", "Alexander Kovalsky")] == entity[("c", "Kovalskiy")]
    assert entity[("c", "Yurii Bieliaev")] == entity[("d", "Yuri Belyaev")]
    assert entity[("a", "Ri Yong-ho")] == entity[("b", "Ri Yong Ho")]
    assert entity[("a", "Kang Sonam")] != entity[("b", "Kang Sun Nam")]
    how = dict(zip(zip(found["doc_id"], found["text"]), found["how"]))
    assert how[("d", "Alexander Kovalsky")] == "transliteration"
    variants = variants_table(found)
    assert "transliteration" in set(variants["merged_by"])


def test_merge_candidates_table_lists_decisions_and_evidence(corpus):
    table = corpus.table("merge_candidates")
    assert list(table.columns) == MERGE_CANDIDATE_COLUMNS
    assert table.equals(merge_candidates(corpus.table("mentions")))
    rows = {frozenset((r.name_a, r.name_b)): r for r in table.itertuples(index=False)}
    kovalsky = rows[frozenset(("Aleksandr Petrovich Kovalskiy", "Alexander Kovalsky"))]
    assert (kovalsky.decision, kovalsky.how, kovalsky.surname) == ("merged", "transliteration", "kovalskiy = kovalsky")
    assert set(kovalsky.rules.split("; ")) == {"-sky/-skiy/-skii", "Aleksandr/Alexander", "patronymic dropped"}
    assert (kovalsky.pieces_a, kovalsky.pieces_b, kovalsky.shared_pieces) == ("c", "d", 0)
    kang = rows[frozenset(("Kang Sonam", "Kang Sun Nam"))]
    assert (kang.decision, kang.shared_roles, kang.entity) == ("candidate", "defense minister", "")
    assert kang.raw_score == pytest.approx(81.8182)
    orlov = rows[frozenset(("P. Orlov", "Pavel Orlov"))]  # one piece names both: confirm, do not merge
    assert orlov.decision == "candidate" and orlov.shared_pieces == 1 and "initial" in orlov.rules
    assert list(table["decision"]) == sorted(table["decision"], key=["merged", "candidate", "rejected"].index)


# ----------------------------------------------------------------------------- the five pieces without the table


@pytest.fixture()
def empty_aliases(tmp_path, monkeypatch) -> Path:
    """A copy of the data folder whose alias table holds only its header."""
    data = tmp_path / "data"
    for folder in ("aliases", "lexicons", "models"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    table = data / "aliases" / "entities.csv"
    table.write_text(table.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(data))
    files.refresh()
    yield data
    monkeypatch.delenv("NEWSPRISM_DATA_DIR")
    files.refresh()


def test_five_pieces_without_the_alias_table(articles, docs, empty_aliases):
    """Without the table, Belozurov still merges (fuzzy, same role), Kim Jong-un and Kim
    Jong Un by name key; No Gwansik is a candidate (same family name and role, score 52)."""
    bare = entity_mentions(articles, docs)
    candidates = merge_candidates(bare)
    rows = {frozenset((r.name_a, r.name_b)): r for r in candidates.itertuples(index=False)}
    belozurov = rows[frozenset(("Andrei Belousov", "Andrei Belozurov"))]
    assert (belozurov.decision, belozurov.how, belozurov.shared_roles) == ("merged", "fuzzy", "defense minister")
    gwansik = rows[frozenset(("No Gwansik", "No Kwang Chol"))]
    assert (gwansik.decision, gwansik.shared_roles, gwansik.surname) == ("candidate", "defense minister", "no")
    assert gwansik.raw_score == pytest.approx(52.1739) and gwansik.pieces_a == f"{D001}; {D002}" and gwansik.pieces_b == D003
    assert set(candidates.loc[candidates["decision"] == "merged", "name_b"]) == {"Andrei Belozurov"}
    entity = dict(zip(zip(bare["doc_id"], bare["text"]), bare["entity"]))
    assert entity[(D000, "Andrei Belozurov")] == "Andrei Belousov" and entity[(D001, "No Gwansik")] == "No Gwansik"
    kim = variants_table(bare).query("variant == 'Kim Jong-un'").iloc[0]
    assert (kim["entity"], kim["merged_by"]) == ("Kim Jong Un", "name_key")
    assert entity[(D002, "Victor Goremykin")] == "Victor Goremykin"  # no piece writes Viktor: nothing to merge
    people = entities_table(bare).query("label == 'PERSON'")
    assert int(people["mentions"].sum()) == int(pd.read_csv(ROOT / "data/annotations/person_mentions_gold.csv")["mentions"].sum()) + 1  # + "Donbass"


# ----------------------------------------------------------------------------- the scorer


def _toy_devset() -> dict[str, pd.DataFrame]:
    texts = pd.DataFrame({"doc_id": ["x_a", "x_b"], "story": ["x", "x"], "split": ["dev", "dev"], "style": ["", ""], "text": ["Ann Lee met Bo Kim. Lee left.", "Lee and Kim spoke in Oslo."]})
    gold = pd.DataFrame(
        {
            "doc_id": ["x_a", "x_a", "x_a", "x_b", "x_b"],
            "surface": ["Ann Lee", "Bo Kim", "Lee", "Lee", "Kim"],
            "person": ["Ann Lee", "Bo Kim", "Ann Lee", "Ann Lee", "Bo Kim"],
            "kind": ["full_name", "full_name", "surname_only", "surname_only", "surname_only"],
            "start": [0, 12, 20, 0, 8],
            "end": [7, 18, 23, 3, 11],
        }
    )
    traps = pd.DataFrame({"doc_id": ["x_b"], "surface": ["Oslo"], "expected_label": ["GPE"], "note": [""], "start": [21], "end": [25]})
    negatives = pd.DataFrame({"person_a": ["Ann Lee"], "person_b": ["Bo Kim"], "why": ["two people"]})
    return {"texts": texts, "gold": gold, "traps": traps, "negatives": negatives}


def test_score_names_counts_mentions_pairs_negatives_and_traps():
    devset = _toy_devset()
    pred = pd.DataFrame(
        {
            "doc_id": ["x_a", "x_a", "x_a", "x_b", "x_b", "x_b"],
            "start": [0, 12, 20, 0, 8, 21],
            "end": [7, 18, 23, 3, 11, 25],
            "entity": ["Ann Lee", "Bo Kim", "Ann Lee", "Ann Lee", "Ann Lee", "Oslo"],
            "label": ["PERSON", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON"],
        }
    )
    summary, matches = score_names(pred, devset)
    assert list(matches.columns) == NAMES_MATCH_COLUMNS
    value = dict(zip(summary["measure"], zip(summary["numerator"], summary["denominator"])))
    assert value["recall"] == (5, 5) and value["precision"] == (5, 6)  # "Oslo" as PERSON is a false alarm
    # pairs across the two articles: same person in gold (Ann Lee|Lee, Lee|Lee, Bo Kim|Kim) = 3;
    # predicted the same entity: Ann Lee and Lee (x_a) with Lee and Kim (x_b) = 4, of which 2 right
    assert value["merge recall"] == (2, 3) and value["merge precision"] == (2, 4)
    assert value["negatives merged"] == (1, 1)
    assert value["traps as PERSON"] == (1, 1) and value["traps mislabelled"] == (1, 1)
    clusters = name_clusters(matches)
    assert bool(clusters.loc[clusters["person"] == "Bo Kim", "split_person"].all())


def test_the_names_devset_reads_back_and_a_dev_story_scores(tmp_path):
    devset = read_names_devset()
    texts = devset["texts"].set_index("doc_id")["text"]
    assert all(texts[r.doc_id][r.start : r.end] == r.surface for r in devset["gold"].itertuples(index=False))
    story = devset["texts"][devset["texts"]["story"] == "s1"]  # a dev story
    summary, _ = score_names(names_predictions(story), {**devset, "texts": story})
    value = summary.set_index("measure")["value"]
    assert value["negatives merged"] == 0.0 and value["traps as PERSON"] == 0.0
    assert value["merge precision"] == 1.0 and value["recall"] >= 0.95

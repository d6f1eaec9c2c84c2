"""Named entities: hand-counted person mentions, merges, model-error fixes, roles, offsets.

``data/annotations/person_mentions_gold.csv`` is a hand count of the person mentions in each
piece's headline, subheadings and body (chrome, a repeated headline and the references
list are not parsed): full names, surname-only and titled mentions count; pronouns and
bare roles ("the North Korean leader") do not.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from pieces import D000, D001, D002, D003, D004

from newsprism.corpus.read import load_corpus
from newsprism.corpus.segment import Segment
from newsprism.corpus.sentences import spans_match_raw
from newsprism.errors import NewsprismError
from newsprism.evaluate import read_annotation, score_person_counts
from newsprism.nlp.parse import parse_articles, parse_text
from newsprism.output import table_bytes
from newsprism.resources.aliases import compact_key, name_key
from newsprism.resources.titles import matches_reference, role_key
from newsprism.stages.entities import mentions as entities_module
from newsprism.stages.entities.detect import Mention, alias_rows, detect_mentions
from newsprism.stages.entities.mentions import (
    HOW_VALUES,
    MENTION_COLUMNS,
    clean_span,
    entities_table,
    entity_highlights_html,
    entity_mentions,
    fuzzy_person_match,
    mention_index,
    mention_matrix,
    merge_report,
    person_spellings,
    person_table,
    resolve_name,
    roles_table,
    variants_table,
)
from newsprism.stages.entities.merge import MAX_BLOCK_SIZE, candidate_pairs
from newsprism.stages.registry import build_table

GOLD = Path(__file__).resolve().parents[1] / "data" / "annotations" / "person_mentions_gold.csv"


@pytest.fixture(scope="module")
def mentions(articles) -> pd.DataFrame:
    return entity_mentions(articles)


@pytest.fixture(scope="module")
def variants(articles) -> pd.DataFrame:
    return variants_table(articles)


def _mention(mentions: pd.DataFrame, doc_id: str, text: str) -> pd.DataFrame:
    return mentions[(mentions["doc_id"] == doc_id) & (mentions["text"] == text)]


# ----------------------------------------------------------------------------- hand count


def test_person_counts_match_hand_count_exactly(articles):
    """Scored by :func:`newsprism.evaluate.score_person_counts` (notebook 08): every
    (piece, person) named by the hand count or the entities table has the same count."""
    summary, matches = score_person_counts(articles)
    assert len(matches) >= len(read_annotation("person_mentions_gold")) > 0
    wrong = matches[matches["outcome"] != "exact"]
    assert wrong.empty, wrong[["doc_id", "person", "gold", "predicted", "spans"]].to_string()
    assert (summary["value"] == 1.0).all()


# ----------------------------------------------------------------------------- offsets and shape


def test_every_mention_span_is_the_raw_text(articles, mentions):
    assert list(mentions.columns[: len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    assert len(mentions) > 150
    assert spans_match_raw(mentions, articles).all()
    assert set(mentions["section"]) <= {"headline", "subheading", "body"}
    assert set(mentions["how"]) <= set(HOW_VALUES)
    assert not mentions["text"].str.contains("\n").any()
    assert not mentions["text"].str.contains(r"(?:'s|\u2019s)$").any()
    assert mentions.equals(mentions.sort_values(["doc_id", "start", "end"]).reset_index(drop=True))


def test_entities_first_start_points_at_first_mention(articles):
    table = entities_table(articles)
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    for row in table.itertuples(index=False):
        assert raw[row.doc_id][row.first_start : row.first_start + len(row.first_text)] == row.first_text
    assert list(table.columns[:5]) == ["doc_id", "entity", "label", "mentions", "variants"]


# ----------------------------------------------------------------------------- merges


def test_belozurov_merges_into_belousov(mentions, variants):
    row = _mention(mentions, D000, "Andrei Belozurov").iloc[0]
    assert (row["entity"], row["how"], row["role"]) == ("Andrei Belousov", "alias", "Russian Defense Minister")
    v = variants[(variants["entity"] == "Andrei Belousov") & (variants["variant"] == "Andrei Belozurov")].iloc[0]
    assert v["doc_ids"] == D000 and bool(v["is_spelling_variant"])


def test_no_gwansik_merges_into_no_kwang_chol(mentions, variants):
    rows = mentions[mentions["text"] == "No Gwansik"]
    assert sorted(set(rows["doc_id"])) == [D001, D002] and len(rows) == 4
    assert set(rows["entity"]) == {"No Kwang Chol"} and set(rows["how"]) == {"alias"}
    v = variants[(variants["entity"] == "No Kwang Chol") & (variants["variant"] == "No Gwansik")].iloc[0]
    assert v["doc_ids"] == f"{D001}; {D002}"


def test_kim_jong_un_spellings_merge_by_name_key(mentions, variants):
    assert set(mentions.loc[mentions["text"].isin(["Kim Jong Un", "Kim Jong-un"]), "entity"]) == {"Kim Jong Un"}
    hyphen = variants[(variants["entity"] == "Kim Jong Un") & (variants["variant"] == "Kim Jong-un")].iloc[0]
    assert hyphen["merged_by"] == "name_key" and hyphen["doc_ids"] == D003
    kim = _mention(mentions, D003, "Kim").iloc[0]  # "Kim’s comments": family name first
    assert (kim["entity"], kim["how"], kim["base"]) == ("Kim Jong Un", "surname", "Kim Jong-un")


def test_rudenko_resolves_to_full_name_in_piece(mentions):
    rows = _mention(mentions, D000, "Rudenko")
    assert list(rows["section"]) == ["headline", "body"]
    assert set(rows["entity"]) == {"Andrei Rudenko"} and set(rows["how"]) == {"surname"}
    assert set(rows["base"]) == {"Andrei Rudenko"}


def test_entities_and_variants_keep_every_surface_form(articles, variants):
    table = entities_table(articles)
    putin = table[(table["doc_id"] == D002) & (table["entity"] == "Vladimir Putin")].iloc[0]
    assert putin["variants"] == "Putin; Vladimir Putin" and putin["n_short"] == 1
    goremykin = variants[variants["entity"] == "Viktor Goremykin"]
    assert list(goremykin["variant"]) == ["Victor Goremykin"] and goremykin["merged_by"].iloc[0] == "alias"
    seoul = variants[variants["variant"] == "SEOUL"].iloc[0]
    assert (seoul["entity"], seoul["merged_by"]) == ("Seoul", "name_key")


def test_fuzzy_matching_without_the_alias_table(articles, tmp_path, monkeypatch):
    """With an empty alias table, fuzzy matching alone still merges Belozurov (same role,
    ratio 90) but cannot merge No Gwansik (ratio 52): that merge needs the table."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "aliases", data / "aliases")
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "lexicons", data / "lexicons")
    header = (data / "aliases" / "entities.csv").read_text(encoding="utf-8").splitlines()[0]
    (data / "aliases" / "entities.csv").write_text(header + "\n", encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(data))
    bare = entity_mentions(articles)
    belozurov = _mention(bare, D000, "Andrei Belozurov").iloc[0]
    assert (belozurov["entity"], belozurov["how"]) == ("Andrei Belousov", "fuzzy")
    assert belozurov["fuzzy_score"] == pytest.approx(90.3226)
    gwansik = bare[bare["text"] == "No Gwansik"]
    assert len(gwansik) == 4 and set(gwansik["how"]) == {"title"} and set(gwansik["entity"]) == {"No Gwansik"}
    people = entities_table(articles).query("label == 'PERSON'")
    assert int(people["mentions"].sum()) == int(pd.read_csv(GOLD)["mentions"].sum()) + 1  # + "Donbass" as PERSON


def test_merge_report_names_the_merges_only_the_table_makes(articles):
    report = merge_report(articles).set_index("variant")
    assert bool(report.loc["No Gwansik", "needs_alias_table"]) and not bool(report.loc["No Gwansik", "fuzzy_alone"])
    assert bool(report.loc["Andrei Belozurov", "fuzzy_alone"]) and bool(report.loc["Andrei Belozurov", "shared_role"])
    assert bool(report.loc["Victor Goremykin", "fuzzy_alone"])
    assert set(report["merged_by"]) <= {"alias", "fuzzy"}


def test_candidate_blocks_are_capped():
    """A block shared by more than MAX_BLOCK_SIZE people (a common role in a large corpus)
    pairs nobody; smaller blocks pair all their members."""
    small = {f"p{i}": ["role:minister", f"tok:{i:03d}"] for i in range(5)}
    assert len(candidate_pairs(small)) == 10
    crowd = {f"p{i:04d}": ["role:minister", f"tok:{i:04d}"] for i in range(MAX_BLOCK_SIZE + 1)}
    crowd["p0000"].append("tok:bel")
    crowd["p0001"].append("tok:bel")
    assert candidate_pairs(crowd) == [("p0000", "p0001")]


def test_fuzzy_person_match_rules():
    assert fuzzy_person_match("Andrei Belozurov", "Andrei Belousov")[0]
    assert not fuzzy_person_match("No Gwansik", "No Kwang Chol", frozenset({"defense minister"}), frozenset({"defense minister"}))[0]
    assert not fuzzy_person_match("Andrei Rudenko", "Andrei Belousov")[0]
    assert not fuzzy_person_match("Kim Jong Un", "Kim Jong Il")[0]
    # a shared role lowers the bar: 86.7 alone is not enough, with "defense minister" it is
    assert not fuzzy_person_match("Andrei Belousov", "Andrey Belousof")[0]
    assert fuzzy_person_match("Andrei Belousov", "Andrey Belousof", frozenset({"defense minister"}), frozenset({"defense minister"}))[0]


# ----------------------------------------------------------------------------- model errors


def test_model_errors_in_the_pieces_are_fixed(mentions):
    people = set(mentions.loc[mentions["label"] == "PERSON", "text"])
    for wrong in ("Donbass", "Kursk", "Showcasing Victory", "Military Support", "Defense", "North Korean Deminers"):
        assert wrong not in people
    assert set(mentions.loc[mentions["text"] == "Donbass", "label"]) == {"LOC"}
    assert set(mentions.loc[mentions["text"].str.startswith("Kursk"), "label"]) == {"GPE"}
    assert not mentions["text"].isin(["Defense", "Showcasing Victory", "North Korean Deminers"]).any()
    headline = _mention(mentions, D000, "North Korean")
    assert (headline["start"].iloc[0], headline["label"].iloc[0], headline["section"].iloc[0]) == (43, "NORP", "headline")
    korea = mentions[(mentions["doc_id"] == D002) & (mentions["start"] == 135)].iloc[0]  # "North Korea’s military"
    assert (korea["text"], korea["entity"]) == ("North Korea", "North Korea")


def test_title_case_heading_and_glued_lines_in_a_new_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Defense Minister Visits Pyongyang\n\n"
        "The Russian Defense Minister Andrei Belousov flew to Pyongyang on Monday. "
        "Protecting the citizens of Donbass was the aim, Belousov said.\n",
        encoding="utf-8",
    )
    articles = load_corpus(folder)
    found = entity_mentions(articles)
    assert spans_match_raw(found, articles).all()
    assert "Visits Pyongyang" not in set(found["text"]) and "Defense" not in set(found["text"])
    assert found.loc[found["label"] == "PERSON", "text"].tolist() == ["Andrei Belousov", "Belousov"]
    assert found.loc[found["text"] == "Andrei Belousov", "role"].iloc[0] == "Russian Defense Minister"


def test_soft_hyphens_and_zero_width_characters_do_not_split_an_entity(tmp_path):
    assert name_key("Belou\u00adsov") == name_key("Belousov") == "belousov"
    assert name_key("Kim\u200b Jong\u2060-Un") == "kim jong un"
    assert compact_key("Kim Jong\u00adUn") == compact_key("Kim Jong-un") == "kimjongun"
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Leaders Meet\n\n"
        "North Korean leader Kim Jong\u00adUn met the Russian Defense Minister Andrei Belou\u00adsov in Pyongyang on Monday. "
        "Kim Jong Un said that the talks were a success, and that both of them would meet again in the autumn.\n",
        encoding="utf-8",
    )
    articles = load_corpus(folder)
    found = entity_mentions(articles)
    assert spans_match_raw(found, articles).all()
    people = found[found["label"] == "PERSON"].set_index("text")
    assert people.loc["Kim Jong\u00adUn", "entity"] == "Kim Jong Un" and people.loc["Kim Jong\u00adUn", "side"] == "North Korean"
    assert people.loc["Andrei Belou\u00adsov", "entity"] == "Andrei Belousov" and people.loc["Andrei Belou\u00adsov", "side"] == "Russian"
    assert person_table(articles).set_index("entity").loc["Kim Jong Un", "spellings_in_corpus"] == 1


def test_long_article_is_linear(articles):
    """A 1 MB piece (one body repeated 267 times, parse reused) is scanned at a small
    multiple of the cost of reading its tokens once: section lookup, the alias ruler and
    surname resolution are no longer quadratic or pattern-by-pattern (it took ~150 token
    passes before, ~18 now). Every copy yields the same mentions, roles and resolved short
    names as the piece alone."""
    from spacy.tokens import Doc

    row = articles[articles["doc_id"] == D001].iloc[0]
    doc = parse_articles(articles)[D001]
    n, width = 267, len(doc.text)
    big = Doc.from_docs([doc] * n, ensure_whitespace=False)
    segments = tuple(Segment(s.start + k * width, s.end + k * width, s.section, s.reason) for k in range(n) for s in row["segments"])
    passes = []
    for _ in range(5):
        began = time.perf_counter()
        assert sum(1 for t in big if t.is_alpha and t.lower_) > 0
        passes.append(time.perf_counter() - began)
    began = time.perf_counter()
    found = detect_mentions(D001, big, segments, alias_rows())
    elapsed = time.perf_counter() - began
    one = detect_mentions(D001, doc, row["segments"], alias_rows())
    assert len(found) == n * len(one)
    last = found[-len(one) :]
    assert [(m.start - (n - 1) * width, m.text, m.base, m.section, m.role) for m in last] == [(m.start, m.text, m.base, m.section, m.role) for m in one]
    assert elapsed < 60 * min(passes), (elapsed, min(passes))


def test_mention_declares_entity_and_side():
    names = {f.name for f in dataclasses.fields(Mention)}
    assert {"entity", "side"} <= names


def test_clean_span_splits_at_line_breaks_and_drops_possessives():
    doc = parse_text("Kremlin\nVladimir Putin’s aide spoke.")
    pieces = [doc[a:b].text for a, b in clean_span(doc, 0, 4)]
    assert pieces == ["Kremlin", "Vladimir Putin"]
    doc = parse_text("the United States said")
    assert [doc[a:b].text for a, b in clean_span(doc, 0, 3)] == ["United States"]


# ----------------------------------------------------------------------------- roles


def test_roles_per_piece_and_against_the_reference(articles):
    roles = roles_table(articles)
    medvedev = roles[roles["entity"] == "Dmitry Medvedev"].iloc[0]
    assert (medvedev["doc_id"], medvedev["role"], medvedev["role_key"]) == (D000, "Russian Deputy Prime Minister", "deputy prime minister")
    assert medvedev["matches_reference"] is not None and not bool(medvedev["matches_reference"])
    goremykin = roles[roles["entity"] == "Viktor Goremykin"]
    assert set(goremykin["role"]) == {"Russian Deputy Defense Minister General"} and set(goremykin["role_key"]) == {"deputy defense minister"}
    putin = roles[roles["entity"] == "Vladimir Putin"].set_index("doc_id")["role"]
    assert putin[D002] == "President" and putin[D000] == "Russian President"
    assert bool(roles.loc[roles["entity"] == "Vladimir Putin", "wording_differs_across_pieces"].all())
    assert set(roles.loc[roles["entity"] == "Dmitry Peskov", "role"]) == {"press secretary"}
    assert not roles["differs_across_pieces"].any()  # no piece gives anyone another office


def test_person_table_flags_spelling_differences(articles):
    people = person_table(articles)
    belousov = people[people["entity"] == "Andrei Belousov"].set_index("doc_id")
    assert bool(belousov.loc[D000, "spelling_differs"]) and not bool(belousov.loc[D003, "spelling_differs"])
    assert set(belousov["spellings_in_corpus"]) == {2}
    assert people.loc[people["entity"] == "Dmitry Medvedev", "role_matches_reference"].tolist() == [False]


def test_one_definition_of_spelled_differently(articles, mentions, variants):
    """person_table.spellings_in_corpus > 1 and variants_table.is_spelling_variant name the
    same people: Belousov and No Kwang Chol, not Kim Jong Un (hyphen) nor Goremykin (every
    piece writes "Victor"; only the alias table says "Viktor")."""
    people = person_table(articles)
    spelled = set(people.loc[people["spellings_in_corpus"] > 1, "entity"])
    assert spelled == {"Andrei Belousov", "No Kwang Chol"}
    flagged = variants[variants["is_spelling_variant"]]
    assert set(flagged["entity"]) == spelled
    assert set(flagged["variant"]) == {"Andrei Belozurov", "No Gwansik"}
    assert person_spellings(mentions)["Kim Jong Un"] == frozenset({"kimjongun"})
    assert int(people.loc[people["entity"] == "Kim Jong Un", "spellings_in_corpus"].max()) == 1


def test_role_keys_and_reference_agreement():
    assert role_key("Russian Deputy Defense Minister General") == "deputy defense minister"
    assert role_key("Ukraine’s President") == "president"
    assert role_key("General") == ""
    assert matches_reference("North Korean leader", "Supreme Leader")
    assert not matches_reference("Russian Defense Minister", "Deputy Defense Minister")
    assert matches_reference("General", "Defence Minister") is None


# ----------------------------------------------------------------------------- resolver


def test_resolve_name_indexes_the_mention_table_once(mentions, monkeypatch):
    """A call looks names up in an index built once per table: it no longer recomputes the
    name key of every mention in the corpus (0.57 s a call at 71k mentions)."""
    assert mention_index(mentions) is mention_index(mentions)
    calls = []
    real = entities_module.name_key
    monkeypatch.setattr(entities_module, "name_key", lambda text: calls.append(text) or real(text))
    for _ in range(20):
        assert resolve_name("Peskov", D002, mentions) == "Dmitry Peskov"
        assert resolve_name("Russia’s Defense Minister", D002, mentions) == "Andrei Belousov"
    assert len(calls) < 20 * 20 < 20 * len(mentions)


def test_mention_index_gives_each_piece_its_people_in_order(mentions):
    starts, names = mention_index(mentions).persons(D003)
    persons = mentions[(mentions["doc_id"] == D003) & (mentions["label"] == "PERSON")]
    assert starts == persons["start"].tolist() and names == persons["entity"].tolist()
    assert mention_index(mentions).labels["Kremlin"] == "ORG"


def test_resolve_name_for_speakers(mentions):
    assert resolve_name("Peskov", D002, mentions) == "Dmitry Peskov"
    assert resolve_name("the North Korean leader", D003, mentions) == "Kim Jong Un"
    assert resolve_name("General No Gwansik", D001, mentions) == "No Kwang Chol"
    assert resolve_name("Russian Deputy Defense Minister General Victor Goremykin", D002, mentions) == "Viktor Goremykin"
    assert resolve_name("Russia’s Defense Minister", D002, mentions) == "Andrei Belousov"  # not the North Korean one
    assert resolve_name("Kim’s", D003, mentions) == "Kim Jong Un"
    assert resolve_name("Belozurov") == "Andrei Belousov"
    assert resolve_name("analysts", D000, mentions) is None
    assert resolve_name("", D000, mentions) is None


# ----------------------------------------------------------------------------- API, CLI, determinism


def test_cli_api_and_registry_give_the_same_tables(articles, raw_dir):
    api = entities_table(articles)
    assert build_table("entities", articles).equals(api)
    assert build_table("variants", articles).equals(variants_table(articles))
    result = subprocess.run([sys.executable, "-m", "newsprism", "entities", str(raw_dir)], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == table_bytes(api)


def test_tables_do_not_depend_on_article_order(articles):
    reversed_articles = articles.iloc[::-1].reset_index(drop=True)
    assert table_bytes(entities_table(reversed_articles)) == table_bytes(entities_table(articles))
    assert table_bytes(variants_table(reversed_articles)) == table_bytes(variants_table(articles))


def test_bad_input_is_a_one_line_error(articles):
    with pytest.raises(NewsprismError, match="lacks column"):
        entity_mentions(pd.DataFrame({"doc_id": ["x"]}))
    with pytest.raises(NewsprismError, match="no article"):
        entity_highlights_html(articles, "nope")


def test_displacy_highlights_and_matrix(articles):
    html = entity_highlights_html(articles, D000)
    assert html == entity_highlights_html(articles, D000)
    assert "Belozurov" in html and "PERSON → Andrei Belousov" in html
    matrix = mention_matrix(entities_table(articles), labels=("PERSON",))
    assert matrix.loc[("PERSON", "Vladimir Putin")].tolist() == [2, 1, 2, 1, 2]
    assert list(matrix.columns) == [D000, D001, D002, D003, D004]

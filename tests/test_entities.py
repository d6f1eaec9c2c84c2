"""Named entities: hand-counted person mentions, merges, model-error fixes, roles, offsets.

``data/annotations/person_mentions_gold.csv`` is a hand count of the person mentions in each
piece's headline, subheadings and body (chrome, a repeated headline and the references
list are not parsed): full names, surname-only and titled mentions count; pronouns and
bare roles ("the North Korean leader") do not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_of
from pieces import D000, D001, D002, D003, D004

from newsprism.corpus.segment import Segment
from newsprism.corpus.sentences import spans_match_raw
from newsprism.errors import NewsprismError
from newsprism.evaluate import read_annotation, score_person_counts
from newsprism.nlp.matchers import alias_ruler
from newsprism.nlp.model import load
from newsprism.output import table_bytes
from newsprism.resources import files
from newsprism.resources.aliases import alias_index, canonical_name, compact_key, entity_info, name_key
from newsprism.resources.titles import matches_reference, role_key
from newsprism.stages.attribution.speakers import SpeakerResolver, canonical_source
from newsprism.stages.entities import (
    HOW_VALUES,
    MAX_BLOCK_SIZE,
    MENTION_COLUMNS,
    _roles,
    canonicalise,
    clean_span,
    detect,
    detect_mentions,
    entities_table,
    entity_mentions,
    fuzzy_person_match,
    mention_index,
    mention_matrix,
    merge_report,
    person_pairs,
    person_spellings,
    person_table,
    resolve_name,
    roles_table,
    variants_table,
)
from newsprism.stages.entities import resolve as resolve_module
from newsprism.stages.registry import stage
from newsprism.viz.entities import entity_html

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def mentions(run) -> pd.DataFrame:
    return run.table("mentions")


@pytest.fixture(scope="module")
def variants(run) -> pd.DataFrame:
    return run.table("variants")


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the data folder that NEWSPRISM_DATA_DIR points at (restored after the test)."""
    data = tmp_path / "data"
    for folder in ("aliases", "lexicons", "models"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(data))
    files.refresh()
    yield data
    monkeypatch.delenv("NEWSPRISM_DATA_DIR")
    files.refresh()


def _mention(mentions: pd.DataFrame, doc_id: str, text: str) -> pd.DataFrame:
    return mentions[(mentions["doc_id"] == doc_id) & (mentions["text"] == text)]


# ----------------------------------------------------------------------------- hand count


def test_person_counts_match_hand_count_exactly(run):
    """Scored by :func:`newsprism.evaluate.score_person_counts` (notebook 08): every
    (piece, person) named by the hand count or the entities table has the same count."""
    summary, matches = score_person_counts(run.articles, run.table("entities"), run.table("mentions"))
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


def test_entities_first_start_points_at_first_mention(run, raw_texts):
    table = run.table("entities")
    for row in table.itertuples(index=False):
        assert raw_texts[row.doc_id][row.first_start : row.first_start + len(row.first_text)] == row.first_text
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


def test_entities_and_variants_keep_every_surface_form(run, variants):
    table = run.table("entities")
    putin = table[(table["doc_id"] == D002) & (table["entity"] == "Vladimir Putin")].iloc[0]
    assert putin["variants"] == "Putin; Vladimir Putin" and putin["n_short"] == 1
    goremykin = variants[variants["entity"] == "Viktor Goremykin"]
    assert list(goremykin["variant"]) == ["Victor Goremykin"] and goremykin["merged_by"].iloc[0] == "alias"
    seoul = variants[variants["variant"] == "SEOUL"].iloc[0]
    assert (seoul["entity"], seoul["merged_by"]) == ("Seoul", "name_key")


def test_fuzzy_matching_without_the_alias_table(articles, docs, data_copy):
    """With an empty alias table, fuzzy matching alone still merges Belozurov (same role,
    ratio 90) but cannot merge No Gwansik (ratio 52): that merge needs the table."""
    table = data_copy / "aliases" / "entities.csv"
    table.write_text(table.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    files.refresh()
    bare = entity_mentions(articles, docs)
    belozurov = _mention(bare, D000, "Andrei Belozurov").iloc[0]
    assert (belozurov["entity"], belozurov["how"]) == ("Andrei Belousov", "fuzzy")
    assert belozurov["fuzzy_score"] == pytest.approx(90.3226)
    gwansik = bare[bare["text"] == "No Gwansik"]
    assert len(gwansik) == 4 and set(gwansik["how"]) == {"title"} and set(gwansik["entity"]) == {"No Gwansik"}
    people = entities_table(bare).query("label == 'PERSON'")
    assert int(people["mentions"].sum()) == int(pd.read_csv(ROOT / "data/annotations/person_mentions_gold.csv")["mentions"].sum()) + 1  # + "Donbass" as PERSON


def test_an_edited_alias_table_is_seen_by_every_lookup_at_once(articles, docs, data_copy):
    """Issue 11: the alias index, the entity ruler and speaker resolution all read one
    index, so an edit of the table in this process changes all three answers together."""
    doc = docs[D000]

    def answers() -> tuple:
        found = entity_mentions(articles, docs)
        row = _mention(found, D000, "Andrei Belozurov").iloc[0]
        speaker = SpeakerResolver(D000, doc, found).resolve_text("Andrei Belozurov", 0, 16)
        return canonical_name("Andrei Belozurov"), (row["entity"], row["found_by"], row["side"]), (speaker.source, speaker.side)

    assert answers() == ("Andrei Belousov", ("Andrei Belousov", "ruler", "Russian"), ("Andrei Belousov", "Russian"))
    table = data_copy / "aliases" / "entities.csv"
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if "Belozurov" not in line]
    lines.append("Andrei Belozurov,Andrei Belozurov,PERSON,other,name,a different person for this test")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files.refresh()
    assert answers() == ("Andrei Belozurov", ("Andrei Belozurov", "ruler", "other"), ("Andrei Belozurov", "other"))
    assert entity_info("Andrei Belozurov") == {"label": "PERSON", "side": "other"}
    assert canonical_source("Belozurov") is None  # the surname row went with the edit
    table.write_text("\n".join(line for line in lines if "Belozurov" not in line) + "\n", encoding="utf-8")
    files.refresh()
    row = _mention(entity_mentions(articles, docs), D000, "Andrei Belozurov").iloc[0]
    assert canonical_name("Andrei Belozurov") is None and row["found_by"] != "ruler" and row["how"] == "fuzzy"


def test_a_lexicon_lookup_follows_the_data_folder_at_once_and_an_edit_after_a_check(data_copy, tmp_path, monkeypatch):
    """A title word is looked up per token, so the lookup is memoised; switching the data
    folder is still seen at the next lookup, and an edited file once its stamp is checked
    again (after :func:`files.refresh`, which a run calls before each stage, or
    ``RECHECK_SECONDS``)."""
    from newsprism.resources.titles import title_kind

    assert title_kind("Minister") == "office"
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    titles = other / "lexicons" / "titles.csv"
    titles.write_text("".join(line for line in titles.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("minister,")), encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(other))
    assert title_kind("Minister") is None and title_kind("President") == "office"  # no refresh needed
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(data_copy))
    assert title_kind("Minister") == "office"
    mine = data_copy / "lexicons" / "titles.csv"
    mine.write_text(titles.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # other bytes, same rows
    monkeypatch.setattr(files, "RECHECK_SECONDS", 0.0)
    assert title_kind("Minister") is None


def test_merge_report_names_the_merges_only_the_table_makes(run):
    report = run.table("entity_merges").set_index("variant")
    assert bool(report.loc["No Gwansik", "needs_alias_table"]) and not bool(report.loc["No Gwansik", "fuzzy_alone"])
    assert bool(report.loc["Andrei Belozurov", "fuzzy_alone"]) and bool(report.loc["Andrei Belozurov", "shared_role"])
    assert bool(report.loc["Victor Goremykin", "fuzzy_alone"])
    assert set(report["merged_by"]) <= {"alias", "fuzzy"}
    assert table_bytes(run.table("entity_merges")) == table_bytes(merge_report(run.table("mentions")))


def test_candidate_blocks_are_capped():
    """A block shared by more than MAX_BLOCK_SIZE people (a common role in a large corpus)
    pairs nobody; smaller blocks pair all their members."""
    small = {f"p{i}": ["role:minister", f"tok:{i:03d}"] for i in range(5)}
    assert len(person_pairs(small)) == 10
    crowd = {f"p{i:04d}": ["role:minister", f"tok:{i:04d}"] for i in range(MAX_BLOCK_SIZE + 1)}
    crowd["p0000"].append("tok:bel")
    crowd["p0001"].append("tok:bel")
    assert person_pairs(crowd) == [("p0000", "p0001")]


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
    text = (
        "The Russian Defense Minister Andrei Belousov flew to Pyongyang on Monday. "
        "Protecting the citizens of Donbass was the aim, Belousov said."
    )
    run = run_of(tmp_path / "corpus", {"a": text}, headline="Defense Minister Visits Pyongyang")
    found = run.table("mentions")
    assert spans_match_raw(found, run.articles).all()
    assert "Visits Pyongyang" not in set(found["text"]) and "Defense" not in set(found["text"])
    assert found.loc[found["label"] == "PERSON", "text"].tolist() == ["Andrei Belousov", "Belousov"]
    assert found.loc[found["text"] == "Andrei Belousov", "role"].iloc[0] == "Russian Defense Minister"


def test_soft_hyphens_and_zero_width_characters_do_not_split_an_entity(tmp_path):
    assert name_key("Belou\u00adsov") == name_key("Belousov") == "belousov"
    assert name_key("Kim\u200b Jong\u2060-Un") == "kim jong un"
    assert compact_key("Kim Jong\u00adUn") == compact_key("Kim Jong-un") == "kimjongun"
    text = (
        "North Korean leader Kim Jong\u00adUn met the Russian Defense Minister Andrei Belou\u00adsov in Pyongyang on Monday. "
        "Kim Jong Un said that the talks were a success, and that both of them would meet again in the autumn."
    )
    run = run_of(tmp_path / "corpus", {"a": text}, headline="Leaders Meet")
    found = run.table("mentions")
    assert spans_match_raw(found, run.articles).all()
    people = found[found["label"] == "PERSON"].set_index("text")
    assert people.loc["Kim Jong\u00adUn", "entity"] == "Kim Jong Un" and people.loc["Kim Jong\u00adUn", "side"] == "North Korean"
    assert people.loc["Andrei Belou\u00adsov", "entity"] == "Andrei Belousov" and people.loc["Andrei Belou\u00adsov", "side"] == "Russian"
    assert person_table(found).set_index("entity").loc["Kim Jong Un", "spellings_in_corpus"] == 1


def test_long_article_costs_the_same_work_per_copy(articles, docs, monkeypatch):
    """A 1 MB piece (one body repeated 267 times, parse reused) costs the same work per
    copy as the piece alone: title-word lookups (the per-token work of the title, role and
    model-span steps) grow by the number of copies, not faster, and every copy yields the
    same mentions, roles and resolved short names as the piece alone."""
    from spacy.tokens import Doc

    row = articles[articles["doc_id"] == D001].iloc[0]
    doc = docs[D001]
    n, width = 267, len(doc.text)
    big = Doc.from_docs([doc] * n, ensure_whitespace=False)
    segments = tuple(Segment(s.start + k * width, s.end + k * width, s.section, s.reason) for k in range(n) for s in row["segments"])
    calls = []
    real = detect.title_kind
    monkeypatch.setattr(detect, "title_kind", lambda word: calls.append(word) or real(word))
    monkeypatch.setattr(_roles, "title_kind", lambda word: calls.append(word) or real(word))
    one = detect_mentions(D001, doc, row["segments"], alias_index(), alias_ruler())
    per_copy = len(calls)
    found = detect_mentions(D001, big, segments, alias_index(), alias_ruler())
    assert per_copy > len(doc) / 2
    assert len(calls) - per_copy <= n * (per_copy + 2)
    assert len(found) == n * len(one)
    last = found[-len(one) :]
    assert [(m.start - (n - 1) * width, m.text, m.base, m.section, m.role) for m in last] == [(m.start, m.text, m.base, m.section, m.role) for m in one]


def test_merging_sets_entity_and_side_on_detected_mentions(articles, docs):
    """Detection leaves ``entity`` and ``side`` empty; :func:`canonicalise` fills them from
    the alias table (Kim Jong-un -> Kim Jong Un, North Korean) or the name itself."""
    row = articles[articles["doc_id"] == D003].iloc[0]
    found = detect_mentions(D003, docs[D003], row["segments"], alias_index(), alias_ruler())
    assert found and all(m.entity == "" and m.side == "" for m in found)
    canonicalise(found, alias_index())
    kim = next(m for m in found if m.text == "Kim Jong-un")
    assert (kim.entity, kim.side, kim.how) == ("Kim Jong Un", "North Korean", "ruler")
    assert all(m.entity for m in found)


def test_clean_span_splits_at_line_breaks_and_drops_possessives():
    doc = load()("Kremlin\nVladimir Putin’s aide spoke.")
    pieces = [doc[a:b].text for a, b in clean_span(doc, 0, 4)]
    assert pieces == ["Kremlin", "Vladimir Putin"]
    doc = load()("the United States said")
    assert [doc[a:b].text for a, b in clean_span(doc, 0, 3)] == ["United States"]


# ----------------------------------------------------------------------------- roles


def test_roles_per_piece_and_against_the_reference(run):
    roles = run.table("entity_roles")
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


def test_person_table_flags_spelling_differences(run):
    people = run.table("entity_persons")
    belousov = people[people["entity"] == "Andrei Belousov"].set_index("doc_id")
    assert bool(belousov.loc[D000, "spelling_differs"]) and not bool(belousov.loc[D003, "spelling_differs"])
    assert set(belousov["spellings_in_corpus"]) == {2}
    assert people.loc[people["entity"] == "Dmitry Medvedev", "role_matches_reference"].tolist() == [False]


def test_one_definition_of_spelled_differently(mentions, variants):
    """person_table.spellings_in_corpus > 1 and variants_table.is_spelling_variant name the
    same people: Belousov and No Kwang Chol, not Kim Jong Un (hyphen) nor Goremykin (every
    piece writes "Victor"; only the alias table says "Viktor")."""
    people = person_table(mentions)
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
    real = resolve_module.name_key
    monkeypatch.setattr(resolve_module, "name_key", lambda text: calls.append(text) or real(text))
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


# ----------------------------------------------------------------------------- registry, determinism


def test_registry_builders_are_the_table_functions(run, mentions):
    builders = [stage(name).function() for name in ("mentions", "entities", "variants", "entity_roles")]
    assert builders == [entity_mentions, entities_table, variants_table, roles_table]
    assert table_bytes(run.table("entities")) == table_bytes(entities_table(mentions))
    assert table_bytes(run.table("variants")) == table_bytes(variants_table(mentions))


def test_tables_do_not_depend_on_article_order(articles, docs, run):
    reversed_articles = articles.iloc[::-1].reset_index(drop=True)
    found = entity_mentions(reversed_articles, docs)
    assert table_bytes(entities_table(found)) == table_bytes(run.table("entities"))
    assert table_bytes(variants_table(found)) == table_bytes(run.table("variants"))


def test_bad_input_is_a_one_line_error(articles, docs, mentions):
    with pytest.raises(NewsprismError, match="lacks column"):
        entity_mentions(pd.DataFrame({"doc_id": ["x"]}), docs)
    with pytest.raises(NewsprismError, match="no article"):
        entity_html(articles, mentions, "nope")
    with pytest.raises(NewsprismError, match="lacks column"):
        mention_index(mentions.drop(columns=["role_key"]))


def test_a_bad_alias_table_is_a_one_line_error(articles, docs, data_copy):
    (data_copy / "aliases" / "entities.csv").write_text("canonical,label\nKremlin,ORG\n", encoding="utf-8")
    files.refresh()
    with pytest.raises(NewsprismError, match=r"entities.csv: lacks column\(s\) alias"):
        entity_mentions(articles, docs)


def test_entity_view_and_matrix(run, articles, mentions):
    html = entity_html(articles, mentions, D000)
    assert "Belozurov" in html and "PERSON → Andrei Belousov" in html
    matrix = mention_matrix(run.table("entities"), labels=("PERSON",))
    assert matrix.loc[("PERSON", "Vladimir Putin")].tolist() == [2, 1, 2, 1, 2]
    assert list(matrix.columns) == [D000, D001, D002, D003, D004]

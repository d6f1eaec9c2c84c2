"""The attribution forms of wire copy (issue 12), each on a sentence written for this test,
the parent links of nested rows, and the wire-set scorer on a tiny hand-made gold."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_of

from newsprism.evaluate._wire import score_wire, wire_breakdown

# One short article per form: a headline line, then the body. Written for these tests.
FORMS = {
    "quoted_as": "Power Cuts Ahead\n\n\"The pumps will run all winter,\" Interfax quoted the Ministry of Energy as saying.\n",
    "cited_as": "Turnout Rises\n\nInterfax cited the Central Election Commission as saying turnout had reached 64 percent.\n",
    "passive_quoted": "Port Works\n\nTASS reported, citing the harbour master Oleg Petrenko, that the port would reopen.\n\n"
    "Petrenko was quoted as saying the cranes were already back.\n",
    "statement_reads": "Grid Holds Up\n\nThe Ministry of Energy issued a statement on Monday.\n\n"
    "\"The grid is stable and reserves are full,\" the statement reads, according to TASS.\n",
    "admitted_first_time": "Fleet Admission\n\nNorway admitted for the first time that its fishing fleet had crossed the line.\n",
    "confirmed_weekday": "Fleet Admission\n\nNorway confirmed on Friday for the first time that its fishing fleet had crossed the line.\n",
    "agency_anaphora": "Harbour Reopens\n\nThe Danish Maritime Authority said on Monday that the harbour would reopen.\n\n"
    "The agency said that the ice had cleared overnight.\n",
    "spokesman_anaphora": "Talks Delayed\n\nKremlin spokesman Pavel Orlov said on Monday that the talks would be delayed.\n\n"
    "The Kremlin spokesman added that a new date would be set soon.\n",
    "continued_quote": "Wreck Found\n\n\"We found the wreck at dawn,\" Ines Vidal said. \"Nobody was aboard.\"\n",
    "continued_paragraph": "Dam Talks\n\n\u201cThe river belongs to both of us,\u201d Mira Tenholt said at the signing.\n\n"
    "\u201cNeither side can keep it clean alone.\u201d\n\nThe talks resume in May.\n\n\u201cWe will be ready.\u201d\n",
    "reports_outlet": "Bridge To Close\n\nMayor Tomas Berg said the bridge would close in June, reports Interfax.\n",
    "transcript": "Call Readout\n\nSergey Lavrov said that the talks would continue, according to a transcript released by the Foreign Ministry.\n",
    "one_another": "Mixed Signals\n\nAnalysts were split on the figures, with one noting that exports had slowed "
    "and another stating that imports had recovered.\n",
    "capital": "Convoy Hit\n\nKyiv says the convoy was attacked near the border.\n",
    "nested": "Dam Inspected\n\nXinhua reported that provincial officials had confirmed that the dam was safe.\n",
    "dateline": "Fleet Back\n\nOSLO, May 2 (Reuters) - The fishing fleet returned to port on Sunday, the coast guard said.\n",
    "told_at": "Visas Eased\n\nStudents will get visas within a week, RIA Novosti was told at the Foreign Ministry.\n",
    "claim_colon": "Rail line to reopen in May: KORAIL\n\nThe Korea Railroad Corporation (KORAIL) said the line would reopen in May.\n",
}


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> pd.DataFrame:
    return run_of(tmp_path_factory.mktemp("attribution_forms"), FORMS).table("attributions")


def rows(forms: pd.DataFrame, name: str) -> pd.DataFrame:
    return forms[forms["doc_id"] == name].reset_index(drop=True)


def one(forms: pd.DataFrame, name: str, source: str) -> pd.Series:
    found = rows(forms, name)
    found = found[found["source"] == source]
    assert len(found) == 1, rows(forms, name)[["source", "cue", "channel", "content"]].to_string()
    return found.iloc[0]


def test_quoted_as_saying_credits_the_quoted_body_through_the_agency(forms):
    r = one(forms, "quoted_as", "Ministry of Energy")
    assert (r.quote_type, r.channel, r.cue, r.content) == ("direct", "Interfax", "quote", "The pumps will run all winter")
    assert set(rows(forms, "quoted_as")["source"]) == {"Ministry of Energy"}


def test_cited_as_saying_the_cited_party_speaks(forms):
    r = one(forms, "cited_as", "Central Election Commission")
    assert (r.quote_type, r.channel, r.cue, r.content) == ("indirect", "Interfax", "cite", "turnout had reached 64 percent")
    assert "Interfax" not in set(rows(forms, "cited_as")["source"])


def test_reported_citing_and_a_passive_quoted_as_take_the_agency_as_channel(forms):
    first, later = rows(forms, "passive_quoted").itertuples(index=False)
    assert (first.source, first.cue, first.channel, first.content) == ("Oleg Petrenko", "cite", "TASS", "the port would reopen")
    assert (later.source, later.cue, later.channel) == ("Oleg Petrenko", "quote", "TASS")  # the previous sentence's channel
    assert later.content == "the cranes were already back"


def test_the_statement_reads_according_to_an_agency(forms):
    r = one(forms, "statement_reads", "Ministry of Energy")
    assert (r.quote_type, r.cue, r.channel) == ("direct", "read", "TASS")
    assert r.content == "The grid is stable and reserves are full"
    assert "TASS" not in set(rows(forms, "statement_reads")["source"])


@pytest.mark.parametrize("name", ["admitted_first_time", "confirmed_weekday"])
def test_adverbials_between_the_verb_and_its_clause(forms, name):
    r = one(forms, name, "Norway")
    assert r.content == "its fishing fleet had crossed the line" and r.source_kind == "organization"


def test_the_agency_resolves_to_the_body_named_before(forms):
    later = rows(forms, "agency_anaphora").iloc[-1]
    assert (later.source, later.speaker_text, later.speaker_how) == ("Danish Maritime Authority", "agency", "antecedent")
    assert later.content == "the ice had cleared overnight"


def test_the_spokesman_resolves_to_the_person_introduced_as_spokesman(forms):
    later = rows(forms, "spokesman_anaphora").iloc[-1]
    assert (later.source, later.source_kind, later.content) == ("Pavel Orlov", "person", "a new date would be set soon")


def test_a_continued_quote_keeps_the_speaker(forms):
    found = rows(forms, "continued_quote")
    assert list(found["source"]) == ["Ines Vidal", "Ines Vidal"]
    assert list(found["content"]) == ["We found the wreck at dawn", "Nobody was aboard."]
    assert list(found["construction"]) == ["direct_speaker_after", "continued_quote"]


def test_a_bare_quote_paragraph_after_a_credited_quote_continues_its_speaker(forms):
    """The wire convention: a paragraph that is nothing but a quote, after one that ends on a
    credited quote, is the same speaker's; after a paragraph of other text it is nobody's."""
    found = rows(forms, "continued_paragraph")
    assert list(found["construction"]) == ["direct_speaker_after", "continued_quote"]
    assert list(found["source"]) == ["Mira Tenholt", "Mira Tenholt"]
    assert found["content"].iloc[1] == "Neither side can keep it clean alone."


def test_reports_outlet_is_a_channel(forms):
    r = one(forms, "reports_outlet", "Tomas Berg")
    assert r.channel == "Interfax" and r.content == "the bridge would close in June"
    assert len(rows(forms, "reports_outlet")) == 1


def test_a_transcript_released_by_a_ministry_names_the_channel(forms):
    r = one(forms, "transcript", "Sergey Lavrov")
    assert r.channel == "Foreign Ministry" and r.content == "the talks would continue"


def test_one_and_another_are_the_group(forms):
    found = rows(forms, "one_another")
    assert list(found["source"]) == ["analysts", "analysts"]
    assert list(found["content"]) == ["exports had slowed", "imports had recovered"]
    assert set(found["source_kind"]) == {"anonymous"}


def test_a_capital_standing_for_its_government_is_an_organization(forms):
    r = one(forms, "capital", "Kyiv")
    assert r.source_kind == "organization" and r.content == "the convoy was attacked near the border"


def test_a_dateline_is_neither_content_nor_speaker(forms):
    found = rows(forms, "dateline")
    assert list(found["source"]) == ["coast guard"]
    assert found.iloc[0].content == "The fishing fleet returned to port on Sunday"


def test_an_outlet_told_at_a_body(forms):
    r = one(forms, "told_at", "Foreign Ministry")
    assert r.channel == "RIA Novosti" and r.content == "Students will get visas within a week"


def test_headline_claim_then_source(forms):
    r = rows(forms, "claim_colon").iloc[0]
    assert (r.source, r.cue, r.section, r.content) == ("Korea Railroad Corporation", "colon", "headline", "Rail line to reopen in May")


def test_nested_rows_link_to_the_outer_row(forms):
    found = rows(forms, "nested")
    outer = found[found["source"] == "Xinhua"].iloc[0]
    inner = found[found["source"] == "provincial officials"].iloc[0]
    assert outer.content == "provincial officials had confirmed that the dam was safe" and outer.parent == ""
    assert inner.content == "the dam was safe"
    assert inner.parent == outer.row_id and inner.channel == "Xinhua"  # the outer medium carried the inner words
    assert list(found["row_id"]) == ["nested#1", "nested#2"]


def test_row_ids_are_unique_and_parents_name_rows_of_the_same_piece(forms):
    assert forms["row_id"].is_unique
    assert all(p.split("#")[0] == d for p, d in zip(forms["parent"], forms["doc_id"]) if p)
    assert set(forms.loc[forms["parent"] != "", "parent"]) <= set(forms["row_id"])


# -- the scorer ---------------------------------------------------------------------------
TEXTS = pd.DataFrame(
    [
        {"id": "t1", "split": "dev", "style": "A", "style_kind": "agency", "negative": "no",
         "text": "Kim said the dam was safe. Lee said the dam was safe."},
        {"id": "t2", "split": "heldout", "style": "B", "style_kind": "newspaper", "negative": "no",
         "text": "KCNA reported that engineers had pledged that the line would reopen."},
    ]
)
GOLD = pd.DataFrame(
    [
        # "the dam was safe" occurs twice in t1: occurrence 2 is Lee's
        {"id": "t1", "row": "1", "source": "Kim", "source_kind": "person", "cue": "say", "quote_type": "indirect",
         "channel": "", "parent": "", "content": "the dam was safe", "occurrence": "1", "form": "plain", "note": ""},
        {"id": "t1", "row": "2", "source": "Lee", "source_kind": "person", "cue": "say", "quote_type": "indirect",
         "channel": "", "parent": "", "content": "the dam was safe", "occurrence": "2", "form": "plain", "note": ""},
        {"id": "t2", "row": "1", "source": "KCNA", "source_kind": "media", "cue": "report", "quote_type": "indirect",
         "channel": "", "parent": "", "content": "engineers had pledged that the line would reopen", "occurrence": "1",
         "form": "nested", "note": ""},
        {"id": "t2", "row": "2", "source": "engineers", "source_kind": "anonymous", "cue": "pledge",
         "quote_type": "indirect", "channel": "KCNA", "parent": "1", "content": "the line would reopen",
         "occurrence": "1", "form": "nested", "note": ""},
    ]
)


def _prediction(doc_id, row_id, source, kind, start, end, channel="", parent=""):
    return {"doc_id": doc_id, "row_id": row_id, "source": source, "source_kind": kind, "cue": "say",
            "quote_type": "indirect", "channel": channel, "parent": parent, "start": start, "end": end,
            "construction": "reporting_clause"}


def test_the_wire_scorer_counts_on_a_hand_made_gold():
    predicted = pd.DataFrame(
        [
            _prediction("t1", "t1#1", "Kim", "person", 9, 25),  # Kim's words: tp
            _prediction("t1", "t1#2", "Kim", "person", 36, 52),  # Lee's words credited to Kim: fp (and Lee fn)
            _prediction("t2", "t2#1", "Korean Central News Agency", "media", 19, 68),  # the alias table's KCNA: tp
            _prediction("t2", "t2#2", "engineers", "organization", 53, 68, channel="KCNA", parent="t2#1"),  # tp
        ]
    )
    summary, matches = score_wire(predictions=predicted, texts=TEXTS, gold=GOLD)
    counts = wire_breakdown(matches, "split").set_index("split")
    assert counts.loc["dev", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert counts.loc["heldout", ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    lee = matches[(matches["outcome"] == "fn")].iloc[0]
    assert (lee.source, lee.start, lee.end) == ("Lee", 36, 52)  # located by occurrence, not the first match
    fp = matches[matches["outcome"] == "fp"].iloc[0]
    assert fp.form == "plain"  # a false alarm counts against the form of the annotation it overlaps
    value = summary.set_index(["measure", "subset"])["value"]
    assert value[("precision", "all")] == 0.75 and value[("recall", "all")] == 0.75
    assert value[("agreement parent", "heldout")] == 1.0  # t2#2's parent is matched to KCNA's annotation
    assert value[("agreement source_kind", "heldout")] == 0.5  # engineers: anonymous, not organization
    assert value[("recall", "heldout form=nested")] == 1.0
    assert value[("precision", "dev style=A")] == 0.5
    dev_only, _ = score_wire("dev", predictions=predicted, texts=TEXTS, gold=GOLD)
    assert set(dev_only["subset"].str.split().str[0]) == {"dev"}

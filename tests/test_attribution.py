"""Source attribution: each construction on short sentences written for these tests, the five
pieces, precision and recall against the hand annotation, misattributions, CLI = API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_of
from pieces import D000, D003, D004

from newsprism.corpus.sentences import spans_match_raw
from newsprism.errors import NewsprismError
from newsprism.evaluate import (
    attribution_agreement,
    error_cases,
    prf_by,
    score_attribution_sentences,
    score_attributions,
)
from newsprism.output import table_bytes
from newsprism.stages.attribution import (
    ATTRIBUTION_COLUMNS,
    PASSES,
    attribution_counts,
    attributions,
    passes,
    reporting_verbs,
    sourcing_shares,
)
from newsprism.stages.attribution import table as table_module
from newsprism.stages.attribution.according import according_to
from newsprism.stages.attribution.channels import AccordingChannel, ReportedBy, VerbChannel, attach_channels
from newsprism.stages.attribution.continued import continued_quotes
from newsprism.stages.attribution.hedges import hedges
from newsprism.stages.attribution.nesting import link_parents
from newsprism.stages.attribution.table import article_models
from newsprism.stages.misattribution import MAX_POSTINGS, misattributions, quoted_fragments, similar_pairs
from newsprism.viz import attribution_html

GOLD = Path(__file__).resolve().parents[1] / "data" / "annotations" / "attributions_gold.csv"
ROOT = Path(__file__).resolve().parents[1]

# One short article per case: a title-like headline line, then the body. Written for the
# tests (none of these sentences is in the five pieces).
CASES = {
    "direct_after": "Bridge Works Resume\n\n“We will rebuild the bridge by spring,” Sergey Lavrov said on Tuesday.\n",
    "direct_before": "Talks In Geneva\n\nLavrov told reporters on Monday: “The talks were useful and frank.”\n",
    "direct_inverted": "Talks In Geneva\n\n'The door remains open,' said Dmitry Peskov.\n",
    "paragraph_quote": "Aid Convoy Arrives\n\nDmitry Peskov spoke at length.\n\n‘The convoy arrived on time.\nWe thank every driver,’ he said.\n",
    "pronoun": "Kremlin Briefing Today\n\nDmitry Peskov met the press after lunch.\n\n“Nothing has been decided,” he added.\n",
    "clause": "Border Talks Resume\n\nSergey Lavrov confirmed that the talks would resume in May.\n",
    "has_indicated": "Kyiv Responds Quickly\n\nThe Ukrainian President has indicated that his troops remain in the region.\n",
    "mixed": "Medals For Sappers\n\nDmitry Medvedev praised the ‘quiet courage’ of the sappers.\n",
    "according_to": "Convoy Crosses Border\n\nAccording to the Russian Defense Ministry, the convoy crossed the border on Sunday.\n",
    "reported_that": "Talks End Early\n\nInterfax reported that the talks had ended without a statement.\n",
    "statement_released": "Troops Return Home\n\nIn a statement released on Friday, KCNA reported that the troops had returned home.\n",
    "reported_by": "Sanctions Under Fire\n\nSergey Lavrov criticized the new sanctions on Friday.\n\nHis remarks, reported by TASS, were widely shared.\n",
    "headline_colon": "Lavrov: ‘We Will Respond to the Sanctions’\n\nThe minister spoke in Moscow on Friday.\n",
    "headline_no_speaker": "Breaking News: Talks Resume in Geneva\n\nThe delegations met again on Friday.\n",
    "apposition": "Kremlin Comment Today\n\nThe Kremlin spokesman, Dmitry Peskov, said that the meeting had been productive.\n",
    "possessive_name": "Kremlin Comment Today\n\nPutin’s spokesman Dmitry Peskov said that the meeting had been productive.\n",
    "role": "Pyongyang Speaks Out\n\nThe North Korean leader said that the alliance would last for decades.\n",
    "via_channel": "Moscow Reacts Quickly\n\nSpeaking to reporters via TASS, Lavrov stressed that the decision was final.\n",
    "according_channel": "Deployment Confirmed\n\nNorth Korean officials confirmed the deployment, according to state news agency KCNA.\n",
    "unnamed": "Deal Looks Fragile\n\nAnalysts say the deal is fragile.\n\nRussian officials believe that the sanctions will fail.\n",
    "intelligence": "Troop Movements Seen\n\nSouth Korean intelligence reports suggest that more troops are on the move.\n",
    "no_attribution": "Ties Keep Growing\n\nThe deployment highlights the growing ties between the two countries.\n\nThe parade, attended by Sergey Lavrov, highlighted a new alliance.\n",
    "hedge": "Troops Move North\n\nThe troops were reportedly moved closer to the border.\n",
    "passive_agent": "Plan Draws Praise\n\nThe plan was praised by Western diplomats as a breakthrough.\n",
    "coordinated": "Deployment Confirmed\n\nThe troops were deployed in March, according to both Dmitry Peskov and KCNA.\n",
    "unbalanced": "Stray Marks Everywhere\n\n‘This opening mark never closes. Sergey Lavrov said that talks had failed.\n\nThen Dmitry Peskov said: “We are ready for new talks.”\n",
    "according_in_clause": "Kursk Retaken\n\nPutin said on Monday that North Korean troops had helped Russia retake Kursk, according to the Kremlin.\n",
    "according_before_speaker": "Kursk Retaken\n\nAccording to the Kremlin, North Korean troops had helped Russia retake Kursk, Putin said.\n",
    "according_cited_by_speaker": "Border Crossed\n\nSergey Lavrov said that, according to Russian intelligence, the troops had crossed the border.\n",
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    run = run_of(tmp_path_factory.mktemp("attribution_cases"), CASES)
    return run.articles, run.table("attributions")


def rows(cases, name: str) -> pd.DataFrame:
    return cases[1][cases[1]["doc_id"] == name]


def only(cases, name: str) -> pd.Series:
    found = rows(cases, name)
    assert len(found) == 1, found[["source", "cue", "construction", "content"]].to_string()
    return found.iloc[0]


# -- constructions on short sentences -----------------------------------------------------
def test_direct_quote_with_speaker_after(cases):
    r = only(cases, "direct_after")
    assert (r.source, r.source_kind, r.side, r.quote_type, r.cue, r.construction) == (
        "Sergey Lavrov",
        "person",
        "Russian",
        "direct",
        "say",
        "direct_speaker_after",
    )
    assert r.content == "We will rebuild the bridge by spring"


def test_direct_quote_with_speaker_before_past_the_verbs_words(cases):
    r = only(cases, "direct_before")
    assert (r.source, r.quote_type, r.cue, r.construction) == ("Sergey Lavrov", "direct", "tell", "direct_speaker_before")
    assert r.content == "The talks were useful and frank."


def test_direct_quote_straight_marks_inverted_verb(cases):
    r = only(cases, "direct_inverted")
    assert (r.source, r.quote_type, r.content) == ("Dmitry Peskov", "direct", "The door remains open")


def test_quote_over_a_paragraph_break_and_pronoun_speaker(cases):
    r = only(cases, "paragraph_quote")
    assert (r.source, r.quote_type, r.speaker_how, r.speaker_text) == ("Dmitry Peskov", "direct", "pronoun", "he")
    assert r.content == "The convoy arrived on time.\nWe thank every driver"


def test_pronoun_resolves_to_the_last_person_named(cases):
    r = only(cases, "pronoun")
    assert (r.source, r.cue, r.speaker_how) == ("Dmitry Peskov", "add", "pronoun")


def test_indirect_speech_with_that_clause(cases):
    r = only(cases, "clause")
    assert (r.source, r.quote_type, r.cue, r.construction) == ("Sergey Lavrov", "indirect", "confirm", "reporting_clause")
    assert r.content == "the talks would resume in May"


def test_has_indicated_that_with_a_role_speaker(cases):
    r = only(cases, "has_indicated")
    assert (r.source, r.cue, r.side, r.speaker_how) == ("Volodymyr Zelensky", "indicate", "Ukrainian", "role")


def test_mixed_quote(cases):
    r = only(cases, "mixed")
    assert (r.source, r.quote_type, r.cue) == ("Dmitry Medvedev", "mixed", "praise")
    assert "‘quiet courage’" in r.content


def test_according_to(cases):
    r = only(cases, "according_to")
    assert (r.source, r.source_kind, r.quote_type, r.cue) == (
        "Russian Ministry of Defense",
        "organization",
        "according_to",
        "according to",
    )
    assert r.content == "the convoy crossed the border on Sunday"


def test_media_reported_that(cases):
    r = only(cases, "reported_that")
    assert (r.source, r.source_kind, r.cue, r.quote_type) == ("Interfax", "media", "report", "indirect")
    r = only(cases, "statement_released")
    assert (r.source, r.source_kind, r.cue) == ("KCNA", "media", "report")


def test_reported_by_gives_the_channel_of_the_possessors_words(cases):
    r = only(cases, "reported_by")
    assert (r.source, r.cue, r.channel) == ("Sergey Lavrov", "criticize", "TASS")


def test_headline_colon(cases):
    r = only(cases, "headline_colon")
    assert (r.source, r.quote_type, r.cue, r.section, r.construction) == (
        "Sergey Lavrov",
        "direct",
        "colon",
        "headline",
        "headline_colon",
    )
    assert r.content == "We Will Respond to the Sanctions"
    assert rows(cases, "headline_no_speaker").empty


def test_apposition_and_possessive_name_the_right_person(cases):
    r = only(cases, "apposition")
    assert (r.source, r.speaker_how) == ("Dmitry Peskov", "apposition")
    r = only(cases, "possessive_name")
    assert r.source == "Dmitry Peskov"  # not Putin, whose spokesman he is


def test_role_speaker(cases):
    r = only(cases, "role")
    assert (r.source, r.speaker_how, r.side) == ("Kim Jong Un", "role", "North Korean")


def test_channels_apart_from_the_speaker(cases):
    r = only(cases, "via_channel")
    assert (r.source, r.cue, r.channel) == ("Sergey Lavrov", "stress", "TASS")
    r = only(cases, "according_channel")
    assert (r.source, r.source_kind, r.side, r.channel, r.cue) == (
        "North Korean officials",
        "anonymous",
        "North Korean",
        "KCNA",
        "confirm",
    )


def test_according_to_around_another_speaker_is_the_channel(cases):
    """In "Putin said ... that troops had helped ..., according to the Kremlin" the Kremlin is
    the channel of Putin's words, not a second source whose words include "Putin said"."""
    for name in ("according_in_clause", "according_before_speaker"):
        r = only(cases, name)
        assert (r.source, r.cue, r.channel, r.quote_type) == ("Vladimir Putin", "say", "Kremlin", "indirect"), name
        assert r.content == "North Korean troops had helped Russia retake Kursk", name
    # "X said that, according to Y, ...": Y is X's source, and Y's words hold no cue of X's
    found = rows(cases, "according_cited_by_speaker").set_index("source")
    assert found.loc["Russian intelligence", "content"] == "the troops had crossed the border"
    assert found.loc["Sergey Lavrov", "content"].startswith("according to Russian intelligence")
    _, table = cases
    for row in table[table["construction"] == "according_to"].itertuples():
        others = table[(table["doc_id"] == row.doc_id) & (table["cue_start"] != row.cue_start)]
        assert not ((others["cue_start"] >= row.start) & (others["cue_end"] <= row.end)).any(), row


def test_unnamed_sources(cases):
    found = rows(cases, "unnamed").set_index("source")
    assert found.loc["analysts", "source_kind"] == "anonymous" and found.loc["analysts", "side"] == "unknown"
    assert found.loc["Russian officials", "side"] == "Russian" and found.loc["Russian officials", "cue"] == "believe"
    r = only(cases, "intelligence")
    assert (r.source, r.source_kind, r.side) == ("South Korean intelligence", "organization", "South Korean")
    r = only(cases, "passive_agent")
    assert (r.source, r.source_kind, r.construction, r.cue) == ("Western diplomats", "anonymous", "passive_agent", "praise")


def test_hedge_is_an_unnamed_report(cases):
    r = only(cases, "hedge")
    assert (r.source, r.source_kind, r.cue, r.construction) == ("reports", "anonymous", "reportedly", "hedge")


def test_things_that_highlight_are_not_sources(cases):
    assert rows(cases, "no_attribution").empty


def test_coordinated_sources_give_one_row_each(cases):
    found = rows(cases, "coordinated")
    assert sorted(found["source"]) == ["Dmitry Peskov", "KCNA"]
    assert set(found["quote_type"]) == {"according_to"}


def test_unbalanced_quote_does_not_break_the_rest(cases):
    found = rows(cases, "unbalanced").set_index("source")
    assert found.loc["Sergey Lavrov", "quote_type"] == "indirect"
    assert found.loc["Dmitry Peskov", "quote_type"] == "direct"
    assert found.loc["Dmitry Peskov", "content"] == "We are ready for new talks."


def test_offsets_point_into_the_raw_text(cases):
    articles, table = cases
    assert spans_match_raw(table, articles, text="content").all()
    assert spans_match_raw(table, articles, start="speaker_start", end="speaker_end", text="speaker_text").all()
    assert spans_match_raw(table, articles, start="cue_start", end="cue_end", text="cue_text").all()


def test_sixty_sentences_written_for_the_tests():
    """60 sentences (data/annotations/attribution_sentences.csv) written after the rules, in two
    batches; first-run scores were P 0.78 / R 0.50 and P 0.81 / R 0.63, and general fixes
    followed, so these now guard against regressions. Known misses are listed in the file.
    The scoring is :func:`newsprism.evaluate.score_attribution_sentences` (notebook 08)."""
    summary, matches = score_attribution_sentences()
    errors = error_cases(matches)
    unexplained = errors[errors["known_miss"] == ""]
    assert unexplained.empty, unexplained[["doc_id", "outcome", "source", "quote_type", "sentence"]].to_string()
    rates = summary.set_index("measure")["value"]
    assert rates["precision"] >= 0.95 and rates["recall"] >= 0.85


# -- the five pieces ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def table(run):
    return run.table("attributions")


@pytest.fixture(scope="module")
def mentions(run):
    return run.table("mentions")


def test_columns_and_offsets_on_the_five_pieces(table, articles, docs, mentions):
    assert list(table.columns) == ATTRIBUTION_COLUMNS
    assert spans_match_raw(table, articles, text="content").all()
    assert spans_match_raw(table, articles, start="speaker_start", end="speaker_end", text="speaker_text").all()
    assert set(table["quote_type"]) <= {"direct", "mixed", "indirect", "according_to"}
    assert set(table["source_kind"]) <= {"person", "organization", "media", "anonymous"}
    assert table.equals(attributions(articles, docs, mentions))  # deterministic


def test_peskov_quote_over_the_paragraph_break_in_001(table, raw_texts):
    doc = "001_b70b9e225ebd2f34"
    r = table[(table["doc_id"] == doc) & (table["quote_type"] == "direct")].iloc[0]
    assert (r.source, r.speaker_text, r.cue) == ("Dmitry Peskov", "he", "say")
    assert r.content.startswith("We are grateful") and "\nWe will never forget this aid" in r.content


def test_headline_credits_putin_in_002(table):
    r = table[(table["doc_id"] == "002_b187fa1494321f8e") & (table["section"] == "headline")].iloc[0]
    assert (r.source, r.quote_type, r.speaker_text) == ("Vladimir Putin", "direct", "Russia’s Putin")


def test_belozurov_and_no_gwansik_resolve_through_the_alias_table(table):
    sources = set(table["source"])
    assert {"Andrei Belousov", "No Kwang Chol"} <= sources
    assert not {"Andrei Belozurov", "No Gwansik"} & sources


def test_channels_in_the_five_pieces(table):
    channels = {(r.doc_id[:3], r.source, r.channel) for r in table.itertuples() if r.channel}
    assert ("000", "Andrei Rudenko", "Interfax") in channels
    assert ("003", "Andrei Belousov", "Russian Ministry of Defense press service") in channels
    assert ("004", "North Korean soldiers", "KCNA") in channels


def test_passes_run_in_the_documented_order():
    """The order of :data:`PASSES` is the one the passes module's docstring explains."""
    documented = re.findall(r"^\d\. ``(\w+)``", passes.__doc__, re.M)
    assert documented == ["constructions", "continued_quotes", "according_to", "channels", "hedges", "nesting"]
    assert [p.name for p in PASSES] == documented
    assert [p.run for p in PASSES] == [passes.constructions, continued_quotes, according_to, attach_channels, hedges, link_parents]


# Real sentences of the five pieces whose attribution has a channel (the attributions table
# before the channels became a pass had exactly these): piece, words opening the sentence of
# the cue, source, cue, channel, kind of channel cue, content.
CHANNEL_SENTENCES = [
    (
        D000,
        "Speaking to journalists via Interfax, Rudenko emphasized",
        "Andrei Rudenko",
        "emphasize",
        "Interfax",
        VerbChannel,
        "the involvement of North Korean personnel is not merely a logistical decision",
    ),
    (
        D000,
        "According to reports, Kim Jong Un expressed",
        "Kim Jong Un",
        "express",
        "reports",
        AccordingChannel,
        "unwavering support for Russia’s efforts to protect its sovereignty",
    ),
    # the channel is named in the next sentence: "His remarks, reported by the Russian Ministry of Defense press service"
    (
        D003,
        "Russian Defense Minister Andrei Belousov, speaking at the event",
        "Andrei Belousov",
        "emphasize",
        "Russian Ministry of Defense press service",
        ReportedBy,
        "the involvement of North Korean soldiers in the liberation",
    ),
    (
        D004,
        "North Korean soldiers acknowledged",
        "North Korean soldiers",
        "acknowledge",
        "KCNA",
        AccordingChannel,
        "their deployment to Russia on Monday",
    ),
]


def test_channels_are_attached_by_the_channels_pass(articles, docs, mentions, table):
    """The rules leave ``channel`` empty and record channel cues; the channels pass attaches
    them, giving the channels the table had before on real sentences of the five pieces."""
    models = {a.doc_id: a for _, a in article_models(articles, docs, mentions)}
    upto = [p.name for p in PASSES].index("channels")
    for doc_id in {d for d, *_ in CHANNEL_SENTENCES}:
        article = models[doc_id]
        for step in PASSES[:upto]:
            step.run(article)
        assert article.rows and not any(r.channel for r in article.rows)
        attach_channels(article)
    for doc_id, opening, source, cue, channel, kind, content in CHANNEL_SENTENCES:
        article = models[doc_id]
        lo = article.text.index(opening)
        hi = article.text.index("\n", lo)
        found = [r for r in article.rows if lo <= r.cue_start < hi and r.speaker.source == source and r.cue == cue]
        assert len(found) == 1, (doc_id, opening)
        assert found[0].channel == channel and article.text[found[0].start : found[0].end].startswith(content)
        number = article.rows.index(found[0])
        assert any(isinstance(c, kind) and number in c.rows for c in article.channel_cues), (doc_id, kind)
        in_table = table[(table["doc_id"] == doc_id) & (table["cue_start"] == found[0].cue_start) & (table["source"] == source)]
        assert list(in_table["channel"]) == [channel] and in_table["content"].iloc[0].startswith(content)
    channels = {(r.doc_id, r.source, r.channel) for r in table.itertuples() if r.channel}
    assert channels == {(d, source, channel) for d, _, source, _, channel, *_ in CHANNEL_SENTENCES}


def test_channels_pass_cuts_the_according_to_phrase(tmp_path):
    """ "Putin said ... that troops had helped ..., according to the Kremlin": after the
    according-to pass the Kremlin is a channel cue on Putin's row, whose content still holds
    the phrase; the channels pass attaches the channel and cuts the phrase."""
    run = run_of(tmp_path, {"according_in_clause": CASES["according_in_clause"]})
    ((raw, article),) = article_models(run.articles, run.docs, run.table("mentions"))
    upto = [p.name for p in PASSES].index("channels")
    for step in PASSES[:upto]:
        step.run(article)
    (row,) = article.rows
    assert row.channel == "" and raw[row.start : row.end].endswith(", according to the Kremlin")
    assert [type(c) for c in article.channel_cues] == [VerbChannel, AccordingChannel]
    attach_channels(article)
    assert row.channel == "Kremlin" and raw[row.start : row.end] == "North Korean troops had helped Russia retake Kursk"


def read_gold() -> pd.DataFrame:
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    gold[["start", "end"]] = gold[["start", "end"]].astype("int64")
    return gold


class _CountingList(list):
    """A list that counts the loops over all of it (``for x in lst``, ``reversed(lst)``)."""

    scans = 0

    def __iter__(self):
        _CountingList.scans += 1
        return super().__iter__()

    def __reversed__(self):
        _CountingList.scans += 1
        return super().__reversed__()


def test_no_rule_scans_all_rows_or_quotes_of_a_piece(articles, docs, mentions, table, monkeypatch):
    """Per verb, "according to" or "reportedly", the rules look rows and quotes up by offset
    or token (bisect, dict): a scan over the whole piece per cue made a 1 MB article quadratic."""
    original = table_module.article_rows
    scans = []

    def counted(article):
        article.rows = _CountingList()
        article.quotes = _CountingList(article.quotes)
        _CountingList.scans = 0
        rows = original(article)
        scans.append(_CountingList.scans)
        return list(rows)

    monkeypatch.setattr(table_module, "article_rows", counted)
    assert attributions(articles, docs, mentions).equals(table)
    assert len(scans) == len(articles) and max(scans) <= 1, scans  # once: the hedge pass indexes the contents


def test_gold_annotation_offsets(raw_texts):
    gold = read_gold()
    assert len(gold) >= 50
    assert all(raw_texts[d][s:e] == c for d, s, e, c in zip(gold["doc_id"], gold["start"], gold["end"], gold["content"]))


def test_precision_and_recall_against_the_hand_annotation(articles, table):
    """Thresholds: the rules were written while reading these five pieces, so these are
    development-set scores; they guard against regressions. Precision counts a prediction
    as right when it matches any annotated attribution (borderline ones included); recall
    is over the 41 attributions annotated as clear (borderline: writer's gloss, weasel
    words, nominal praise). Unit tests above check each construction on unseen sentences.
    The scoring is :func:`newsprism.evaluate.score_attributions` (notebook 08)."""
    summary, matches = score_attributions(articles, table)
    rates = summary.set_index(["measure", "subset"])
    errors = error_cases(matches)[["doc_id", "outcome", "source", "start", "end", "text"]].to_string()
    assert rates.at[("precision", "all annotated"), "value"] >= 0.95, errors
    assert rates.at[("recall", "clear annotated"), "denominator"] == 41
    assert rates.at[("recall", "clear annotated"), "value"] >= 0.95, errors
    assert rates.at[("recall", "all annotated"), "value"] >= 0.85, errors
    per_construction = prf_by(matches, "construction").set_index("construction")
    for construction in ("direct_speaker_after", "headline_colon", "reporting_clause", "according_to", "passive_agent"):
        assert per_construction.loc[construction, "recall"] == 1.0, construction
    agreement = attribution_agreement(matches).set_index("attribute")["share"]
    assert list(agreement.index) == ["quote_type", "source_kind", "channel"]
    for column, share in agreement.items():
        assert share >= 0.95, (column, matches.loc[matches["disagreement"] != "", ["doc_id", "source", "disagreement"]])


# -- misattributions, summaries, display --------------------------------------------------
def test_misattribution_headline_versus_body_in_002(table):
    report = misattributions(table)
    inside = report[(report["kind"] == "headline vs body") & (report["doc_a"] == "002_b187fa1494321f8e")]
    assert len(inside) == 1
    r = inside.iloc[0]
    assert {r.source_a, r.source_b} == {"Vladimir Putin", "Dmitry Peskov"}
    across = report[report["kind"] == "across pieces"]
    assert {frozenset((r.source_a, r.source_b)) for r in across.itertuples()} == {
        frozenset(("Dmitry Peskov", "Vladimir Putin")),
        frozenset(("No Kwang Chol", "Russian Ministry of Defense")),  # ‘battle brotherhood’
    }
    agreements = misattributions(table, include_agreements=True)
    assert (agreements["kind"] == "same source: across pieces").sum() == 1  # 001 and 002 both credit Peskov


def test_misattribution_on_sentences_of_our_own(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Putin: ‘We Will Never Forget This Help’\n\n‘We will never forget this help,’ Peskov said.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Aid Story Today\n\n‘We will never forget this help,’ Sergey Lavrov said.\n", encoding="utf-8"
    )
    table = run_of(tmp_path).table("attributions")
    report = misattributions(table)
    assert set(report["kind"]) == {"headline vs body", "across pieces"}
    assert (report["similarity"] == 1.0).all()
    fragments = quoted_fragments(table)
    raw = {p.stem: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert all(
        raw[d][s:e] == t for d, s, e, t in zip(fragments["doc_id"], fragments["start"], fragments["end"], fragments["text"])
    )


def test_misattribution_blocking_skips_stock_bigrams():
    """A bigram like "of the" pairs no fragments below the threshold, and a bigram held by
    more than MAX_POSTINGS fragments proposes no pair at all; pairs that reach the
    threshold are all kept."""
    shingles = [
        {"heroism of", "of the", "the sappers"},
        {"courage of", "of the", "the deminers"},
        {"memory of", "of the", "the fallen"},
        {"heroism of", "of the", "the sappers", "sappers in", "in kursk"},
    ]
    assert similar_pairs(shingles, 0.5) == [(0, 3)]
    assert similar_pairs(shingles, 0.0) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    stock = [{"of the"}] * (MAX_POSTINGS + 1)
    assert similar_pairs(stock, 0.5) == []
    assert len(similar_pairs(stock[:3], 0.5)) == 3


def test_misattribution_frames_filled_with_other_words_are_no_shared_quote():
    """Speakers who fill one frame with their own words do not quote each other; the same
    words credited to two speakers are still found among those frames."""
    fillers = [
        ("Oleg Rudin", "seize the grain terminals"), ("Lee Sang-ho", "close the northern corridor"),
        ("Anna Petrenko", "rewrite the ceasefire maps"), ("Park Ji-woo", "divide our fishing fleets"),
        ("Ivan Sorokin", "silence the border villages"), ("Kim Hye-jin", "punish the harbour workers"),
        ("Pavel Gromov", "ration the winter fuel"), ("Choi Min-seo", "empty the rice depots"),
    ]  # fmt: skip
    rows = [
        {"doc_id": f"p{k}", "source": who, "quote_type": "direct", "cue": "said", "section": "body",
         "content": f"They want to {what}, but that will not happen", "start": 10, "end": 10 + len(f"They want to {what}, but that will not happen")}
        for k, (who, what) in enumerate(fillers)
    ]  # fmt: skip
    shared = "The sappers cleared 1,200 hectares around Sudzha in three weeks"
    rows += [
        {"doc_id": "q1", "source": "Andrei Belousov", "quote_type": "direct", "cue": "said", "section": "body", "content": shared, "start": 0, "end": len(shared)},
        {"doc_id": "q2", "source": "Sergei Shoigu", "quote_type": "direct", "cue": "told", "section": "body", "content": shared + " alone", "start": 5, "end": 5 + len(shared) + 6},
    ]  # fmt: skip
    table = pd.DataFrame(rows)
    report = misattributions(table)
    assert [(r.doc_a, r.doc_b, r.source_a, r.source_b) for r in report.itertuples()] == [("q1", "q2", "Andrei Belousov", "Sergei Shoigu")]
    frames = misattributions(table, min_content_share=0.0)  # word bigrams alone: the frame's words pair every speaker
    assert len(frames) == 1 + len(fillers) * (len(fillers) - 1) // 2


def test_counts_shares_and_html(table, articles):
    docs = list(articles["doc_id"])
    kinds = attribution_counts(table, "source_kind", docs)
    assert (
        list(kinds["doc_id"]) == docs
        and kinds.drop(columns="doc_id").sum(axis=1).tolist() == table.groupby("doc_id").size().reindex(docs).tolist()
    )
    shares = sourcing_shares(table, docs)
    assert ((shares["share_named"] + shares["share_anonymous"]).round(4) == 1.0).all()
    raw = articles.set_index("doc_id").at["002_b187fa1494321f8e", "raw"]
    page = attribution_html(raw, table[table["doc_id"] == "002_b187fa1494321f8e"])
    assert page.count("<mark") == int((table["doc_id"] == "002_b187fa1494321f8e").sum())
    assert "Vladimir Putin (person, Russian)" in page
    raw = articles.set_index("doc_id").at["004_f989ce08837a9471", "raw"]
    page = attribution_html(raw, table[table["doc_id"] == "004_f989ce08837a9471"])
    assert "Russia&#x27;s" in page and "Russia's" not in page  # the text is escaped
    assert "<script" not in attribution_html("<script>alert(1)</script> said", table.iloc[0:0])


def test_lexicon_holds_the_verbs_these_pieces_use():
    verbs = reporting_verbs().set_index("lemma")
    for lemma in (
        "emphasize",
        "underscore",
        "reiterate",
        "highlight",
        "laud",
        "declare",
        "acknowledge",
        "admit",
        "confirm",
        "state",
        "praise",
        "suggest",
        "indicate",
        "note",
        "report",
        "criticize",
        "express",
    ):
        assert lemma in verbs.index, lemma
    assert verbs.loc["say", "sources"].split(";")[:2] == ["ggt", "textacy"]


def test_bad_input_is_one_line_error():
    with pytest.raises(NewsprismError, match="articles table"):
        attributions(pd.DataFrame({"doc_id": ["x"]}), {}, pd.DataFrame())
    with pytest.raises(NewsprismError, match="lacks column"):
        misattributions(pd.DataFrame({"doc_id": ["x"]}))


def test_cli_gives_the_api_table(table):
    out = subprocess.run(
        [sys.executable, "-m", "newsprism", "attributions", str(ROOT / "data" / "raw")], capture_output=True, check=True
    )
    assert out.stdout == table_bytes(table, "csv")

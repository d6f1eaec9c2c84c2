"""The corpus stage on the five real pieces and on files made for each decoding case."""

from __future__ import annotations

import codecs
import shutil

import pandas as pd
import pytest
from pieces import D000, D001, D002, D003, D004

from newsprism.corpus.read import CORPUS_COLUMNS, corpus_table, load_corpus, read_corpus
from newsprism.corpus.sentences import paragraphs, removed_lines, section_words, segments_table, sentences, spans_match_raw
from newsprism.errors import NewsprismError


def test_five_pieces_with_interface_columns(articles):
    table = corpus_table(articles)
    assert list(table["doc_id"]) == [D000, D001, D002, D003, D004]
    assert set(CORPUS_COLUMNS) <= set(table.columns)
    assert set(table["encoding"]) == {"utf-8"}
    assert "raw" not in table.columns and "raw" in articles.columns


def test_sha256_is_of_the_file_bytes(articles, raw_dir):
    import hashlib

    for row in articles.itertuples():
        assert row.sha256 == hashlib.sha256((raw_dir / row.file).read_bytes()).hexdigest()


def test_headlines(articles):
    headlines = dict(zip(articles["doc_id"], articles["headline"]))
    assert headlines[D000] == "Rudenko: North Korean Deminers in Kursk Symbolize Deepening Russia-Pyongyang Ties"
    assert headlines[D001] == ""  # the piece starts with running text
    assert headlines[D002].startswith("Russia’s Putin: ‘We Are Grateful")
    assert headlines[D003].startswith("Urgent Developments:")
    assert headlines[D004] == "North Korea Publicly Announces Military Personnel Dispatch to Russia's Kursk Region"


def test_repeated_headline_is_not_body(articles):
    segs = segments_table(articles)
    repeats = segs[segs["section"] == "headline_repeat"]
    assert sorted(repeats["doc_id"]) == [D003, D004]
    body = segs[segs["section"] == "body"]
    for doc in (D003, D004):
        headline = articles.set_index("doc_id").at[doc, "headline"]
        assert headline not in set(body[body["doc_id"] == doc]["text"])


def test_chrome_lines_recognised_and_recorded(articles):
    removed = removed_lines(articles)
    chrome = removed[removed["section"] == "chrome"]
    assert set(zip(chrome["doc_id"], chrome["text"])) == {
        (D000, "Los Angeles Chronicle"),
        (D000, "World News"),
        (D004, "Skip to content"),
        (D004, "Read also:"),
        (D004, "Latest"),
    }
    assert chrome["reason"].str.len().gt(10).all()
    assert articles.set_index("doc_id").at[D000, "outlet"] == "Los Angeles Chronicle"


def test_references_section_not_in_body(articles, raw_texts):
    segs = segments_table(articles)
    refs = segs[segs["section"] == "references"]
    assert set(refs["doc_id"]) == {D004}
    assert refs.iloc[0]["text"] == "References:"
    items = refs[refs["reason"] == "item of the references list"]
    assert len(items) == 5
    assert items.iloc[1]["text"].startswith("The participation of North Korean soldiers")  # list marker "2." kept out
    body_text = " ".join(sentences(articles).query("doc_id == @D004")["text"])
    assert "Military Support, Geopolitical Impact" not in body_text
    words = section_words(articles).set_index("doc_id")
    assert words.at[D004, "references"] > 200
    assert words.at[D004, "body"] + words.at[D004, "subheading"] == articles.set_index("doc_id").at[D004, "n_words"]


def test_subheading_in_004(articles):
    segs = segments_table(articles)
    subs = segs[segs["section"] == "subheading"]
    assert list(subs["text"]) == ["'Showcasing Victory, Securing Rewards'"]


def test_every_span_points_into_raw(articles):
    for table in (segments_table(articles), paragraphs(articles), sentences(articles), sentences(articles, sections=None)):
        assert spans_match_raw(table, articles).all()


def test_sentence_split_on_real_text(articles):
    sents = sentences(articles)
    d001 = sents[sents["doc_id"] == D001]["text"].tolist()
    # The Peskov quote runs over a line break: the line break ends a paragraph, not the quote's words.
    assert d001[1].startswith("At a press briefing, Russian President Vladimir Putin’s press secretary")
    assert d001[2] == "‘We are grateful to our friends from Korea for their heroic aid."
    d003 = sents[sents["doc_id"] == D003]["text"].tolist()
    assert any(s.startswith("Russian Foreign Minister Sergey Lavrov") and "the U.S. and its allies" in s for s in d003)
    assert not any(s.strip() in {"1.", "2."} for s in sents["text"])


def test_folder_without_manifest(tmp_path, raw_dir):
    for f in raw_dir.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    table = corpus_table(load_corpus(tmp_path))
    assert len(table) == 5
    assert table.set_index("doc_id").at[D000, "outlet"] == "Los Angeles Chronicle"  # from the label line
    assert "section" not in table.columns


def test_manifest_metadata_is_merged(articles):
    table = articles.set_index("doc_id")
    assert table.at[D000, "section"] == "World News"
    assert table.at[D004, "dateline"] == "SEOUL"


TEXT = "Russia’s Putin thanked the deminers.\n\nThe Kremlin said the work in Kursk “continues” — for now.\n"


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16-bom"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-bom"),
        (lambda t: t.encode("cp1252"), "cp1252"),
        (lambda t: t.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-").replace("Kremlin", "Kremlìn\x81").encode("latin-1"), "latin-1"),
    ],
)
def test_encodings(tmp_path, encode, expected):
    (tmp_path / "piece.txt").write_bytes(encode(TEXT))
    articles = load_corpus(tmp_path)
    row = articles.iloc[0]
    assert row["encoding"] == expected
    sents = sentences(articles)
    assert sents["text"].iloc[0] == ("Russia’s Putin thanked the deminers." if expected != "latin-1" else "Russia's Putin thanked the deminers.")
    assert spans_match_raw(sents, articles).all()
    assert not row["raw"].startswith("\ufeff")


def test_crlf_line_endings_keep_offsets(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    articles = load_corpus(tmp_path)
    sents = sentences(articles)
    assert len(sents) == 2
    assert spans_match_raw(sents, articles).all()
    assert not sents["text"].str.contains("\r").any()


def test_missing_folder_raises_one_line_error(tmp_path):
    with pytest.raises(NewsprismError, match="does not exist") as info:
        load_corpus(tmp_path / "nope")
    assert "\n" not in str(info.value)


def test_read_corpus_records_skips(tmp_path, raw_dir):
    shutil.copy(raw_dir / f"{D000}.txt", tmp_path / "a.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    articles, skipped = read_corpus(tmp_path)
    assert list(articles["doc_id"]) == ["a"]
    assert skipped.to_dict("records") == [{"file": "empty.txt", "reason": "empty file"}]
    assert isinstance(skipped, pd.DataFrame)

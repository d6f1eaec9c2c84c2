"""Messy folders: each odd file gets a clear error or a recorded skip; nothing is lost or altered."""

from __future__ import annotations

import codecs
import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.corpus.read import load_corpus, read_corpus
from newsprism.corpus.segment import segment_article, split_sentences
from newsprism.corpus.sentences import sentences, spans_match_raw
from newsprism.corpus.views import english_articles, unique_articles
from newsprism.errors import NewsprismError
from newsprism.run import Run
from newsprism.stages.registry import INTERFACE_TABLES, STAGES
from newsprism.text.decode import UnusableFile, decode_bytes

D000 = "000_6b0b6237182e2e41"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
GERMAN = (
    "Nordkoreanische Soldaten haben nach Angaben der staatlichen Nachrichtenagentur an der "
    "Rückeroberung von Gebieten in der russischen Grenzregion Kursk teilgenommen. Die Regierung "
    "in Pjöngjang bestätigte den Einsatz erstmals öffentlich, und der Kreml dankte für die Hilfe.\n"
)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, cwd=cwd)


def checksums(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def messy(tmp_path: Path, raw_dir: Path) -> Path:
    """A folder with one of each odd case beside two good pieces."""
    folder = tmp_path / "messy"
    folder.mkdir()
    shutil.copy(raw_dir / f"{D000}.txt", folder / "good piece é.txt")  # spaces and non-ASCII in the name
    shutil.copy(raw_dir / f"{D000}.txt", folder / "copy.txt")  # duplicate bytes
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n\n")
    (folder / "image.txt").write_bytes(PNG_HEADER + bytes(range(256)))
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "notes.md").write_text("not an article")
    (folder / "sub").mkdir()
    shutil.copy(raw_dir / f"{D000}.txt", folder / "sub" / "nested.txt")
    return folder


def test_skips_are_recorded_with_reasons(messy):
    articles, skipped = read_corpus(messy)
    reasons = dict(zip(skipped["file"], skipped["reason"]))
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "whitespace-only file"
    assert reasons["image.txt"] == "binary file (NUL bytes)"
    assert reasons["good piece é.txt"].startswith("duplicate of copy")
    assert sorted(articles["doc_id"]) == ["copy", "german", "good piece é"]
    assert "notes" not in set(articles["doc_id"]) and "sub/nested" not in set(articles["doc_id"])


def test_duplicates_kept_once_for_pairwise(messy):
    articles = load_corpus(messy)
    assert articles.set_index("doc_id").at["good piece é", "duplicate_of"] == "copy"
    assert sorted(unique_articles(articles)["doc_id"]) == ["copy", "german"]


def test_subfolders_only_with_recursive(messy):
    assert "sub/nested" in set(load_corpus(messy, recursive=True)["doc_id"])


def test_non_english_flagged_and_left_out(messy, caplog):
    articles = load_corpus(messy)
    assert articles.set_index("doc_id").at["german", "language"] == "other"
    assert articles.set_index("doc_id").at["copy", "language"] == "en"
    kept = english_articles(articles)
    assert "german" not in set(kept["doc_id"])
    run = Run(messy, cache=None)
    checked = 0
    for name in STAGES:  # every stage the same way: only the corpus tables list the German piece
        table = run.table(name)
        ids = {str(v) for column in ("doc_id", "doc_a", "doc_b") if column in table.columns for v in table[column]}
        if name in ("corpus", "sentences", "section_words"):
            assert "german" in ids, name
        elif name != "removed_lines":  # tables of the corpus list every piece; every analysis leaves it out
            assert "german" not in ids, name
        checked += bool(ids)
    assert checked >= 12
    assert "german.txt: not English" in caplog.text


_THANKS = "Peskov said “thanks”.\n"


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Kim Jong Un’s “support” — confirmed.\n".encode("cp1252"), "cp1252", "Kim Jong Un’s “support” — confirmed.\n"),
        ("Seoul said: Pjöngjang bestätigte.\n".encode("latin-1") + b"\x81", "latin-1", "Seoul said: Pjöngjang bestätigte.\n\x81"),
        (codecs.BOM_UTF16_LE + _THANKS.encode("utf-16-le"), "utf-16-bom", _THANKS),
        (_THANKS.encode("utf-16-le"), "utf-16-le", _THANKS),
        (_THANKS.encode("utf-16-be"), "utf-16-be", _THANKS),
    ],
)
def test_decoding(data, encoding, expected):
    text, used = decode_bytes(data)
    assert used == encoding
    assert text == expected  # every character back, the byte-order mark dropped


def test_html_page_text_without_markup(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Site | Story</title><style>p{color:red}</style>"
        "<script>var x = '<p>not text</p>';</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<h1>North Korea Confirms Troops in Kursk</h1>"
        "<p>North Korean soldiers took part in the operations, according to <b>KCNA</b>.</p>"
        "<p>Peskov said the aid was &ldquo;heroic&rdquo; &amp; would not be forgotten.</p>"
        "<footer>© 2025 Example News</footer></body></html>"
    )
    (tmp_path / "story.html").write_text(page, encoding="utf-8")
    articles = load_corpus(tmp_path)
    row = articles.iloc[0]
    assert row["headline"] == "North Korea Confirms Troops in Kursk"
    assert row["format"] == "html"
    sents = sentences(articles)
    assert [" ".join(t.split()) for t in sents["view"]] == [
        "North Korean soldiers took part in the operations, according to KCNA .",
        "Peskov said the aid was “heroic” & would not be forgotten.",
    ]
    # Offsets point into the raw HTML: the raw span holds the markup, the view blanks it.
    first = sents.iloc[0]
    assert page[first["start"] : first["end"]].startswith("North Korean soldiers") and "<b>KCNA</b>" in page[first["start"] : first["end"]]
    for banned in ("not text", "color", "Home", "2025", "Site | Story"):
        assert banned not in " ".join(articles["text"].str.split().iloc[0])


def test_one_article_corpus(tmp_path, raw_dir):
    shutil.copy(raw_dir / f"{D000}.txt", tmp_path / "only.txt")
    result = cli("corpus", str(tmp_path))
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()) == 2


def test_one_megabyte_article_loads_fast(tmp_path, raw_dir):
    body = (raw_dir / "001_b70b9e225ebd2f34.txt").read_text(encoding="utf-8")  # running text only
    big = (body + "\n\n") * (1_050_000 // len(body) + 1)
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    started = time.perf_counter()
    articles = load_corpus(tmp_path)
    sents = sentences(articles)
    elapsed = time.perf_counter() - started
    assert len(articles.iloc[0]["raw"]) > 1_000_000
    assert len(sents) > 5000 and spans_match_raw(sents, articles).all()
    assert elapsed < 30, f"1 MB article took {elapsed:.1f}s to load and split"


def test_cli_errors_name_path_and_problem(tmp_path, messy):
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    (empty_folder / "a.txt").write_bytes(b"")
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    cases = [
        (("corpus", str(tmp_path / "missing")), "does not exist"),
        (("corpus", str(empty_folder)), "no usable article files"),
        (("corpus", str(messy), "--out", str(blocker / "out.csv")), "cannot write output"),
        (("corpus", str(messy), "--out", str(messy / "out.csv")), "inside the corpus folder"),
    ]
    for args, problem in cases:
        result = cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[-1].startswith("newsprism: error: ") and problem in lines[-1], result.stderr
        assert "Traceback" not in result.stderr


def test_cli_never_writes_into_corpus_and_reports_skips(messy, tmp_path):
    before = checksums(messy)
    result = cli("corpus", str(messy), "--out", str(tmp_path / "out" / "corpus.csv"))
    assert result.returncode == 0, result.stderr
    assert "empty.txt: empty file" in result.stderr and "image.txt: binary file" in result.stderr
    assert checksums(messy) == before


def test_unusable_file_error_type():
    with pytest.raises(UnusableFile):
        decode_bytes(b"\x00\x01\x02\x03binary")
    with pytest.raises(NewsprismError):
        load_corpus("/definitely/not/here")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_decoder_never_crashes_on_bytes(data):
    try:
        text, encoding = decode_bytes(data)
    except UnusableFile as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and text.strip() and encoding


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_segments_and_sentences_offsets_valid_on_any_text(text):
    for seg in segment_article(text):
        assert 0 <= seg.start < seg.end <= len(text)
        chunk = text[seg.start : seg.end]
        assert chunk.strip() == chunk and "\n" not in chunk
        for s, e in split_sentences(text, seg.start, seg.end):
            assert seg.start <= s < e <= seg.end
            assert text[s:e].strip() == text[s:e]


PAIRWISE = {"similarity", "passages", "claims"}


def test_one_article_every_table(tmp_path, raw_dir):
    shutil.copy(raw_dir / "002_b187fa1494321f8e.txt", tmp_path / "only.txt")
    run = Run(tmp_path, cache=None)
    for name in INTERFACE_TABLES:
        table = run.table(name)
        if name in PAIRWISE:
            assert table.empty, name
        else:
            assert not table.empty, name
    assert set(run.table("attributions")["source"]) >= {"Dmitry Peskov", "Vladimir Putin"}


def test_unbalanced_quotes_do_not_stop_attribution(tmp_path):
    text = (
        "Peskov Thanks Deminers\n\n"
        "Dmitry Peskov said that Russia was grateful to the North Korean deminers in Kursk.\n\n"
        "“We will never forget this aid, he added, as the work went on through the winter.\n\n"
        "Analysts suggest that the deployment could deepen ties between Moscow and Pyongyang.\n\n"
        "The ‘heroism of the soldiers was praised by Kim Jong Un, according to KCNA.\n"
    )
    (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path, cache=None)
    articles, table = run.articles, run.table("attributions")
    assert {"Dmitry Peskov", "analysts"} <= set(table["source"])
    raw = articles.iloc[0]["raw"]
    assert all(raw[s:e] == c for s, e, c in zip(table["start"], table["end"], table["content"]))


def test_same_name_other_extension_is_a_recorded_skip(tmp_path, raw_dir):
    shutil.copy(raw_dir / f"{D000}.txt", tmp_path / "story.txt")
    (tmp_path / "story.html").write_text("<html><body><h1>Other Story Headline Here</h1><p>Macron met officials in Paris on Monday to talk.</p></body></html>")
    articles, skipped = read_corpus(tmp_path)
    assert list(articles["file"]) == ["story.html"]
    assert skipped.to_dict("records") == [
        {"file": "story.txt", "reason": "same doc_id 'story' as story.html (file name without extension); rename one"}
    ]


def test_manifest_rows_outside_the_folder_are_skipped(tmp_path, raw_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(raw_dir / f"{D000}.txt", corpus / "a.txt")
    shutil.copy(raw_dir / f"{D000}.txt", tmp_path / "outside.txt")
    (corpus / "manifest.csv").write_text(f"file\na.txt\n../outside.txt\n{tmp_path / 'outside.txt'}\na.txt\n")
    articles, skipped = read_corpus(corpus)
    assert list(articles["doc_id"]) == ["a"]
    reasons = list(skipped["reason"])
    assert reasons[:2] == ["outside the corpus folder (manifest.csv may only list files inside it)"] * 2
    assert reasons[2] == "listed twice in manifest.csv"


def test_html_spans_show_raw_and_markup_inside_words_keeps_words_whole(tmp_path):
    page = (
        "<html><body><article><header><h1>Macron Meets Andr&eacute;s L&oacute;pez</h1></header>"
        "<p>President Emmanuel Macron met Andr<i>é</i>s L&oacute;pez in Paris on Monday, officials said.</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert articles.iloc[0]["headline"].replace("\u00ad", "") == "Macron Meets Andrés López"
    sents = sentences(articles)
    assert spans_match_raw(sents, articles).all()
    assert "<i>" in sents.iloc[0]["text"] and "<i>" not in sents.iloc[0]["view"]
    assert "Andrés López" in sents.iloc[0]["view"].replace("\u00ad", "")


def test_bomless_utf16_of_non_latin_text():
    text = "Северокорейские солдаты участвовали в операциях, сообщило КЦНА.\n"
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")

"""The synthetic corpus generator (newsprism.bench.synthetic): byte-identical output for a seed in
any process, exact offsets of every planted passage, the counts and kinds asked for, article
shapes, a corpus folder holding only articles and the manifest, and few shared runs between
unrelated articles."""

from __future__ import annotations

import csv
import difflib
import itertools
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsprism import read_corpus
from newsprism.bench import TOKEN_RE, TRUTH_COLUMNS, generate_corpus, write_truth
from newsprism.bench._vocabulary import STOCK_SENTENCES, STOCK_TAILS

N, SEED, WORDS = 300, 7, 600
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_truth(generate_corpus(root / "corpus", N, seed=SEED), root / "truth.csv")
    return root


@pytest.fixture(scope="module")
def truth(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "truth.csv", dtype={"source": str, "target": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def texts(out: Path) -> dict[str, str]:
    return {p.stem: p.read_bytes().decode("utf-8") for p in sorted((out / "corpus").glob("*.txt"))}


def _tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files_in_another_process(tmp_path: Path):
    write_truth(generate_corpus(tmp_path / "here" / "corpus", 80, seed=SEED), tmp_path / "here" / "truth.csv")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "newsprism.bench.synthetic", str(tmp_path / "again"), "80", "--seed", str(SEED)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    here = _files(tmp_path / "here")
    assert len(here) == 82 and _files(tmp_path / "again") == here
    generate_corpus(tmp_path / "other", 3, seed=SEED + 1)
    assert (tmp_path / "other" / "000000.txt").read_bytes() != here["corpus/000000.txt"]


def test_offsets_are_exact_and_verbatim_copies_equal(truth: pd.DataFrame, texts: dict[str, str]):
    assert list(truth.columns) == TRUTH_COLUMNS
    for row in truth.itertuples():
        source = texts[row.source][row.source_start : row.source_end]
        target = texts[row.target][row.target_start : row.target_end]
        assert len(_tokens(source)) == row.n_tokens
        if row.scope == "passage":  # a run of tokens
            assert TOKEN_RE.fullmatch(source[:1]) and TOKEN_RE.fullmatch(source[-1:]), row
        else:  # a whole body, under the same headline
            for doc_id, span in ((row.source, source), (row.target, target)):
                assert span == texts[doc_id].partition("\n\n")[2][:-1]
            assert texts[row.source].partition("\n")[0] == texts[row.target].partition("\n")[0]
        if row.kind == "verbatim":
            assert source == target and row.n_edits == 0 and row.edits == ""
        else:
            assert source != target and 1 <= row.n_edits <= 3 and len(row.edits.split("; ")) == row.n_edits
        if row.scope == "passage":  # planted at a sentence boundary, as a sentence of its own
            assert texts[row.target][row.target_start - 1] in " \n" and texts[row.target][row.target_end] == "."


def test_edits_are_single_words_apart_from_each_other_and_the_ends(truth: pd.DataFrame, texts: dict[str, str]):
    edited = truth[truth["kind"] == "edited"]
    assert len(edited) > 50
    for row in edited.itertuples():
        a = _tokens(texts[row.source][row.source_start : row.source_end])
        b = _tokens(texts[row.target][row.target_start : row.target_end])
        ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
        kinds = {"replace": "changed", "delete": "dropped", "insert": "added"}
        assert sorted(kinds[op[0]] for op in ops) == sorted(e.split(":")[0] for e in row.edits.split("; ")), row
        for _, i1, i2, j1, j2 in ops:
            assert max(i2 - i1, j2 - j1) == 1 and i1 >= 3 and i2 <= len(a) - 3, row
        assert all(later[1] - earlier[2] >= 1 for earlier, later in itertools.pairwise(ops)), row  # never adjacent
        for note in row.edits.split("; "):
            if note.startswith("changed: "):
                old, new = note[len("changed: ") :].split(" -> ")
                assert old in a and new in b and old != new


def test_planted_counts_kinds_and_clusters_as_asked(truth: pd.DataFrame):
    assert len(truth) == round(0.5 * N) and truth["passage_id"].tolist() == list(range(len(truth)))
    near = truth[truth["scope"] == "article"]
    copies = truth[truth["scope"] == "passage"]
    assert len(near) == round(len(truth) * 0.05) and set(near["kind"]) == {"edited"}
    assert all(e.startswith("changed: ") for row in near["edits"] for e in row.split("; "))
    assert (copies["kind"] == "edited").sum() == round(0.5 * len(copies))
    assert copies["n_tokens"].between(15, 60).all() and copies["n_tokens"].nunique() > 20
    clustered = copies[copies["cluster"] >= 0]
    assert abs(len(clustered) - round(len(truth) * 0.25)) <= 2
    for _, group in clustered.groupby("cluster"):
        assert 3 <= len(group) <= 6 and group["target"].is_unique
        assert group[["source", "source_start", "source_end"]].drop_duplicates().shape[0] == 1
    assert not (truth["source"] == truth["target"]).any()
    reserved = set(near["source"]) | set(near["target"])  # near-duplicates take part in nothing else
    assert reserved.isdisjoint(set(copies["source"]) | set(copies["target"])) and len(reserved) == 2 * len(near)


def test_other_settings_are_honoured(tmp_path: Path):
    truth = generate_corpus(tmp_path / "c", 60, seed=3, words=200, planted=1.0, edit_rate=0.0, near_duplicate_share=0.0)
    assert len(truth) == 60 and set(truth["kind"]) == {"verbatim"} and set(truth["scope"]) == {"passage"}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "c").glob("*.txt"))}
    planted = truth.groupby("target")["n_tokens"].sum()
    for doc_id, text in texts.items():
        assert 150 <= len(_tokens(text.partition("\n\n")[2])) - planted.get(doc_id, 0) <= 250


def test_articles_have_the_asked_shape(truth: pd.DataFrame, texts: dict[str, str]):
    planted_tokens = dict.fromkeys(texts, 0)
    for row in truth[truth["scope"] == "passage"].itertuples():
        planted_tokens[row.target] += len(_tokens(texts[row.target][row.target_start : row.target_end]))
    small = re.compile(r"(a|an|and|as|at|but|by|for|from|in|into|of|on|or|the|to|via|with)")
    for doc_id, text in texts.items():
        headline, blank, body = text.partition("\n\n")
        assert blank and text.endswith("\n") and not text.endswith("\n\n") and "\r" not in text
        words = headline.split()
        assert 6 <= len(words) <= 12 and all(w[0].isupper() or w[0].isdigit() or small.fullmatch(w) for w in words), headline
        assert 0.75 * WORDS <= len(_tokens(body)) - planted_tokens[doc_id] <= 1.25 * WORDS, doc_id
        assert all(p and p == p.strip() for p in body.rstrip("\n").split("\n\n"))
    corpus = " ".join(texts.values())
    for register in ("according to", "reported", "was quoted by", "reportedly", "“", '"', "told reporters in", "percent"):
        assert corpus.count(register) > N // 10, register
    stock = STOCK_TAILS + STOCK_SENTENCES
    assert len(stock) >= 30 and all(sum(phrase in text for text in texts.values()) >= N // 50 for phrase in stock)


def test_corpus_folder_holds_only_articles_and_the_manifest(out: Path, tmp_path: Path):
    names = sorted(p.name for p in (out / "corpus").iterdir())
    assert names == [f"{i:06d}.txt" for i in range(N)] + ["manifest.csv"]
    with open(out / "corpus" / "manifest.csv", encoding="utf-8", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    assert list(manifest[0]) == ["file", "outlet", "date"] and [m["file"] for m in manifest] == names[:-1]
    assert all(m["outlet"] and re.fullmatch(r"\d{4}-\d\d-\d\d", m["date"]) for m in manifest)
    small = generate_corpus(tmp_path / "small", 8, seed=1)
    with pytest.raises(ValueError):
        write_truth(small, tmp_path / "small" / "truth.csv")
    assert sorted(p.name for p in (tmp_path / "small").iterdir())[-1] == "manifest.csv"
    with pytest.raises(FileExistsError):
        generate_corpus(tmp_path / "small", 8, seed=1)
    generate_corpus(tmp_path / "small", 8, seed=1, overwrite=True)


def test_newsprism_reads_the_corpus_with_headlines_and_outlets(tmp_path: Path):
    generate_corpus(tmp_path / "c", 12, seed=5)
    articles, skipped = read_corpus(tmp_path / "c")
    assert skipped.empty and len(articles) == 12
    first_lines = [p.read_text(encoding="utf-8").split("\n", 1)[0] for p in sorted((tmp_path / "c").glob("*.txt"))]
    assert articles["headline"].tolist() == first_lines
    assert articles["outlet"].ne("").all() and articles["date"].str.match(r"\d{4}-").all()


def _related(truth: pd.DataFrame) -> set[tuple[str, str]]:
    """Pairs that share planted text: source and target, and two targets of one source."""
    targets: dict[str, list[str]] = {}
    for source, target in zip(truth["source"], truth["target"]):
        targets.setdefault(source, []).append(target)
    pairs = set()
    for source, copies in targets.items():
        members = [source, *copies]
        pairs |= {(a, b) for a in members for b in members if a != b}
    return pairs


def test_unrelated_articles_rarely_share_an_8_token_run(truth: pd.DataFrame, texts: dict[str, str]):
    grams = {}
    for doc_id, text in texts.items():
        toks = [t.lower() for t in _tokens(text.partition("\n\n")[2])]
        grams[doc_id] = {tuple(toks[i : i + 8]) for i in range(len(toks) - 7)}
    related = _related(truth)
    rng = random.Random(0)
    ids = sorted(texts)
    pairs = [tuple(rng.sample(ids, 2)) for _ in range(3000)]
    unrelated = [p for p in pairs if p not in related]
    sharing = sum(bool(grams[a] & grams[b]) for a, b in unrelated) / len(unrelated)
    assert len(unrelated) > 2900 and sharing < 0.05
    planted = truth[(truth["kind"] == "verbatim") & (truth["scope"] == "passage")]
    assert all(grams[row.source] & grams[row.target] for row in planted.itertuples())

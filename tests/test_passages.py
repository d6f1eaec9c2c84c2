"""Shared passages: the real pieces, planted passages in synthetic pairs, and arbitrary text."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pieces import D000, D001, D002, D003, D004
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.cli import main
from newsprism.corpus.read import load_corpus
from newsprism.corpus.sentences import sentences
from newsprism.errors import NewsprismError
from newsprism.output import table_bytes
from newsprism.stages.passages import PASSAGE_COLUMNS, find_passages, passages_table, token_key, tokenize
from newsprism.stages.reuse import body_extents, pair_table, reuse_segments, shares_table
from newsprism.viz import side_by_side_html

INTERFACE = ["doc_a", "doc_b", "a_start", "a_end", "b_start", "b_end", "text_a", "text_b", "n_tokens", "kind"]


@pytest.fixture(scope="module")
def passages(articles) -> pd.DataFrame:
    return passages_table(articles)


def _spans_ok(table: pd.DataFrame, raws: dict[str, str]) -> bool:
    return all(
        raws[r.doc_a][r.a_start : r.a_end] == r.text_a and raws[r.doc_b][r.b_start : r.b_end] == r.text_b
        for r in table.itertuples(index=False)
    )


def _pair(passages: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    return passages[(passages["doc_a"] == a) & (passages["doc_b"] == b)]


def test_columns_offsets_and_order(passages, raw_texts, run):
    assert set(INTERFACE) <= set(passages.columns) and list(passages.columns) == PASSAGE_COLUMNS
    assert (passages["doc_a"] < passages["doc_b"]).all()
    assert set(passages["kind"]) == {"verbatim", "near"}
    assert (passages["n_tokens"] >= 5).all()
    assert _spans_ok(passages, raw_texts)
    assert table_bytes(run.table("passages")) == table_bytes(passages)


def test_peskov_quote_is_one_passage_with_exact_offsets(passages, raw_texts):
    quote = _pair(passages, D001, D002)
    quote = quote[quote["text_a"].str.startswith("We are grateful")]
    assert len(quote) == 1
    row = quote.iloc[0]
    a, b = raw_texts[D001], raw_texts[D002]
    assert (row.a_start, row.a_end) == (a.index("We are grateful"), a.index("never forget this aid") + len("never forget this aid"))
    assert (row.b_start, row.b_end) == (b.index("We are grateful"), b.index("never forget this aid") + len("never forget this aid"))
    # the quote crosses a paragraph break (one blank line in 001, two newlines in 002)
    assert "heroic aid.\nWe will" in row.text_a and "heroic aid.\n\nWe will" in row.text_b
    assert row.kind == "verbatim" and row.n_tokens == 18 and not row.common


def test_hyphenation_case_and_quotes_are_normalised(passages):
    pair = _pair(passages, D000, D003)
    kim = pair[pair["text_a"] == "North Korean leader Kim Jong Un"]
    assert kim["text_b"].tolist() == ["North Korean leader Kim Jong-un"]
    alliance = pair[pair["text_a"] == "the comprehensive strategic alliance between the two nations"]
    assert alliance["text_b"].tolist() == ["the \u2018comprehensive strategic alliance\u2019 between the two nations"]
    assert alliance["kind"].tolist() == ["verbatim"]
    upper = _pair(passages, D000, D001)
    assert ("the involvement of North Korean", "The involvement of North Korean") in set(zip(upper["text_a"], upper["text_b"]))


def test_light_edits_give_one_near_passage(passages):
    pair = _pair(passages, D000, D003)
    ties = pair[pair["text_a"] == "the deepening ties between Moscow and Pyongyang"].iloc[0]
    assert ties.text_b == "the deepening strategic ties between Moscow and Pyongyang"
    assert (ties.kind, ties.n_tokens, ties.n_edits, ties.edits) == ("near", 7, 1, "(none) -> strategic")
    stance = pair[pair["text_a"].str.endswith("a stance that aligns with")].iloc[0]
    assert stance.kind == "near" and stance.edits == "stance -> statement"
    press = _pair(passages, D001, D002)
    press = press[press["text_a"].str.startswith("press briefing")].iloc[0]
    assert press.kind == "near" and press.edits == "Russian -> (none)"


def test_common_phrases_are_flagged(passages):
    common = passages[passages["text_a"] == "between Russia and North Korea"]
    assert len(common) >= 4 and common["common"].all() and (common["n_docs"] == 4).all()
    assert not passages[passages["n_docs"] < 3]["common"].any()
    # a longer run around the common phrase is specific to its pair
    longer = passages[passages["text_a"] == "ties between Russia and North Korea"]
    assert len(longer) == 1 and not longer["common"].iloc[0]


def test_minimum_length_is_configurable(articles):
    long_only = passages_table(articles, min_tokens=12)
    assert len(long_only) >= 1 and (long_only["n_tokens"] >= 12).all()
    assert any(t.startswith("We are grateful") for t in long_only["text_a"])
    assert len(passages_table(articles, min_tokens=19)) == 0
    with pytest.raises(NewsprismError):
        passages_table(articles, min_tokens=0)


# Synthetic pairs: passages from real sentences planted in filler whose vocabularies are
# disjoint (so nothing but the planted text can be shared), moved, lightly edited or split.
_FILLER_A = "lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt labore dolore magna aliqua".split()
_FILLER_B = "zephyr quartz vortex nimbus kelp fjord glyph crwth sphinx jackdaw lynx oxbow quince wyvern yacht".split()


def _filler(rng: random.Random, words: list[str], n: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + ". "


def _planted_pool(articles) -> list[list[str]]:
    """Body sentences of 002 (at least 14 words) as word lists."""
    table = sentences(articles)
    return [t.split() for t in table[table["doc_id"] == D002]["text"] if len(t.split()) >= 14]


def _edit(words: list[str], rng: random.Random) -> tuple[list[str], str]:
    i = rng.randrange(4, len(words) - 4)
    op = rng.choice(["change", "insert", "drop"])
    if op == "change":
        return [*words[:i], "indeed", *words[i + 1 :]], op
    if op == "insert":
        return [*words[:i], "reportedly", *words[i:]], op
    return [*words[:i], *words[i + 1 :]], op


def _token_span(text: str, offset: int) -> tuple[int, int]:
    """Where a planted text's words start and end once placed at ``offset`` (no end punctuation)."""
    tokens = tokenize(text)
    return offset + int(tokens.starts[0]), offset + int(tokens.ends[-1])


def _synthetic_case(rng: random.Random, pool: list[list[str]]):
    """Two texts and the planted passages: (a_start, a_end, b_start, b_end, kind)."""
    picks = rng.sample(pool, 3)
    planted_a, planted_b, expect = [], [], []
    for n, words in enumerate(picks):
        words = words[: rng.randrange(10, min(len(words), 22) + 1)]
        mode = ["moved", "edited", "split"][n]
        if mode == "moved":
            planted_a.append([(" ".join(words), "p0")])
            planted_b.append((" ".join(words), "p0"))
        elif mode == "edited":
            edited, _ = _edit(words, rng)
            planted_a.append([(" ".join(words), "p1")])
            planted_b.append((" ".join(edited), "p1"))
        else:
            cut = len(words) // 2
            planted_a.append([(" ".join(words[:cut]), "p2a"), (" ".join(words[cut:]), "p2b")])
            planted_b.append((" ".join(words[:cut]), "p2a"))
            planted_b.append((" ".join(words[cut:]), "p2b"))
    # A: the planted passages in order, split parts adjacent; B: shuffled, with filler everywhere
    a_text, a_spans = _filler(rng, _FILLER_A, 8), {}
    for parts in planted_a:
        for text, label in parts:
            a_spans[label] = _token_span(text, len(a_text))
            a_text += text + " "
        a_text += _filler(rng, _FILLER_A, rng.randrange(6, 12))
    rng.shuffle(planted_b)
    b_text, b_spans = _filler(rng, _FILLER_B, 5), {}
    for text, label in planted_b:
        b_spans[label] = _token_span(text, len(b_text))
        b_text += text + " " + _filler(rng, _FILLER_B, rng.randrange(6, 12))
    kinds = {"p0": "verbatim", "p1": "near", "p2a": "verbatim", "p2b": "verbatim"}
    for label in ("p0", "p1", "p2a", "p2b"):
        expect.append((*a_spans[label], *b_spans[label], label, kinds[label]))
    return a_text, b_text, expect


def _planted_recall(articles, n_cases: int = 30) -> tuple[int, int, list]:
    rng = random.Random(20240521)
    pool = _planted_pool(articles)
    found = total = 0
    missed = []
    for case in range(n_cases):
        a_text, b_text, expect = _synthetic_case(rng, pool)
        table = find_passages({"a": a_text, "b": b_text})
        got = {(r.a_start, r.a_end, r.b_start, r.b_end, r.kind) for r in table.itertuples()}
        for a0, a1, b0, b1, label, kind in expect:
            total += 1
            if label == "p1" and (a0, a1, b0, b1, "verbatim") in got:
                kind = "verbatim"  # an edit at the very same word can leave the run intact
            if (a0, a1, b0, b1, kind) in got:
                found += 1
            else:
                missed.append((case, label, a_text[a0:a1], b_text[b0:b1], table[["text_a", "text_b", "kind"]].values.tolist()))
        assert len(table) == len(expect), (case, table[["text_a", "text_b"]].values.tolist())
    return found, total, missed


def test_planted_passages_are_all_found_with_exact_offsets(articles):
    found, total, missed = _planted_recall(articles)
    assert total == 120
    assert found == total, missed[:3]


def test_planted_normalisation_case():
    a = "Filler words here. Kim Jong-un \u201creiterated\u201d his SUPPORT for\nRussia\u2019s   efforts today. More filler."
    b = "Other text first; then kim jong un \"reiterated\" his support for Russia's efforts today, and so on."
    table = find_passages({"a": a, "b": b})
    assert len(table) == 1
    row = table.iloc[0]
    assert row.text_a == "Kim Jong-un \u201creiterated\u201d his SUPPORT for\nRussia\u2019s   efforts today"
    assert row.text_b == "kim jong un \"reiterated\" his support for Russia's efforts today"
    assert row.kind == "verbatim" and row.n_tokens == 11


def test_two_article_corpus_and_duplicates(tmp_path, raw_dir):
    for name in ("001_b70b9e225ebd2f34.txt", "002_b187fa1494321f8e.txt"):
        (tmp_path / name).write_bytes((raw_dir / name).read_bytes())
    (tmp_path / "005_copy.txt").write_bytes((raw_dir / "002_b187fa1494321f8e.txt").read_bytes())
    articles = load_corpus(tmp_path)
    table = passages_table(articles)
    assert set(zip(table["doc_a"], table["doc_b"])) == {(D001, D002)}
    assert any(t.startswith("We are grateful") for t in table["text_a"])
    assert not table["common"].any()  # two pieces cannot share a phrase with a third
    shares = shares_table(articles, table)
    assert shares[["doc_a", "doc_b"]].values.tolist() == [[D001, D002]]


def test_shares_are_direction_aware(articles, passages, raw_texts, run):
    table = pair_table(articles, passages, run.table("similarity"))
    assert len(table) == 10
    row = table[(table["doc_a"] == D001) & (table["doc_b"] == D002)].iloc[0]
    assert row.longest_run == 18 and row.longest_text.startswith("We are grateful")
    # shares count body tokens covered by non-common passages, each side on its own length
    assert row.a_body_tokens == len(tokenize(_body(articles, D001)))
    assert row.share_a_in_b == round(row.a_shared_tokens / row.a_body_tokens, 4)
    assert row.share_b_in_a == round(row.b_shared_tokens / row.b_body_tokens, 4)
    assert row.share_b_in_a > row.share_a_in_b  # 002 is shorter, so more of it is shared
    none = table[(table["doc_a"] == D003) & (table["doc_b"] == D004)].iloc[0]
    assert (none.n_passages, none.share_a_in_b, none.n_common) == (0, 0.0, 1)
    with_common = pair_table(articles, passages, run.table("similarity"), include_common=True)
    assert (with_common["a_shared_tokens"] >= table["a_shared_tokens"]).all()


def _body(articles, doc_id):
    from newsprism.corpus.views import body_views

    return body_views(articles)[doc_id]


def test_reuse_segments_and_html(articles, passages, raw_texts):
    segments = reuse_segments(passages)
    assert set(segments.columns) == {"doc_id", "partner", "start", "end"}
    assert (segments["doc_id"] != segments["partner"]).all()
    extents = body_extents(articles).set_index("doc_id")
    for r in segments.itertuples():
        assert extents.loc[r.doc_id, "body_start"] <= r.start < r.end <= extents.loc[r.doc_id, "body_end"]
    page = side_by_side_html(articles, passages, D002, D001)
    assert page.index(D001) < page.index(D002)  # ordered as a pair
    assert 'title="passage ' in page and '<sup class="np-label">[' in page
    assert "Putin\u2019s press secretary" in page


def test_html_escapes_article_text(tmp_path):
    a = "Intro line of the piece here.\nThey wrote <b>bold</b> & said \u2018we are grateful to our friends from Korea\u2019 today.\n"
    b = "Another piece starts here.\nOfficials said <b>bold</b> & said 'we are grateful to our friends from Korea' again.\n"
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    articles = load_corpus(tmp_path)
    table = passages_table(articles)
    page = side_by_side_html(articles, table, "a", "b")
    assert "bold&lt;/b&gt; &amp; said" in page and "<b>" not in page
    assert table["text_a"].str.contains("bold</b> & said", regex=False).all()  # the table keeps the raw span


def test_cli_prints_the_tables(capsys, raw_dir):
    assert main(["passages", str(raw_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("passage_id,doc_a,doc_b,a_start,a_end,b_start,b_end,text_a,text_b,n_tokens,kind")
    assert main(["similarity", str(raw_dir), "--format", "json"]) == 0
    assert '"cosine_chars"' in capsys.readouterr().out


_WORDS = st.sampled_from(["kim", "Jong-un", "JONG", "un", "ä", "Straße", "strasse", "e\u0301", "é", "\u2019s", "x", "1", "\u00ad", "ǅ", "ﬁ", "İ"])
_SEPS = st.sampled_from([" ", "\n", " - ", "\u2018", "\u201d ", ", ", "\u00a0", "\t"])


@settings(max_examples=80, deadline=None)
@given(
    a=st.one_of(st.text(max_size=120), st.lists(st.tuples(_WORDS, _SEPS), max_size=40).map(lambda t: "".join(w + s for w, s in t))),
    b=st.one_of(st.text(max_size=120), st.lists(st.tuples(_WORDS, _SEPS), max_size=40).map(lambda t: "".join(w + s for w, s in t))),
    min_tokens=st.integers(min_value=1, max_value=6),
    max_gap=st.integers(min_value=0, max_value=2),
)
def test_arbitrary_text_never_crashes_and_offsets_are_valid(a, b, min_tokens, max_gap):
    table = find_passages({"a": a, "b": a + b, "c": b}, min_tokens=min_tokens, max_gap=max_gap)
    texts = {"a": a, "b": a + b, "c": b}
    assert _spans_ok(table, texts)
    for r in table.itertuples():
        assert 0 <= r.a_start < r.a_end <= len(texts[r.doc_a]) and 0 <= r.b_start < r.b_end <= len(texts[r.doc_b])
        assert r.n_tokens >= min_tokens and r.doc_a < r.doc_b
        if r.kind == "verbatim":
            assert tokenize(r.text_a).keys == tokenize(r.text_b).keys


# Scale: the corpus-wide numpy machinery against the per-text definitions.


def test_corpus_tokens_are_those_of_tokenize(articles):
    from newsprism.corpus.views import body_views, distinct_articles
    from newsprism.stages._tokens import body_spans, corpus_tokens, hash_keys

    table = distinct_articles(articles)
    tokens = corpus_tokens(list(table["text"]), [body_spans(s) for s in table["segments"]], token_key)
    for d, view in enumerate(body_views(articles).values()):
        expected = tokenize(view)
        lo, hi = tokens.bounds[d], tokens.bounds[d + 1]
        assert tokens.starts[lo:hi].tolist() == expected.starts.tolist() and tokens.ends[lo:hi].tolist() == expected.ends.tolist()
        assert (tokens.keys[lo:hi] == hash_keys(list(expected.keys))).all()
        content = [k not in ENGLISH_STOP_WORDS and (len(k) > 1 or k.isdigit()) for k in expected.keys]
        assert tokens.content[lo:hi].tolist() == content


def test_corpus_tokens_in_many_chunks_and_threads(articles, monkeypatch):
    """Chunks of a few hundred characters tokenised two threads at a time: the same tokens,
    offsets and bounds as one chunk in one thread."""
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages import _tokens

    table = distinct_articles(articles)
    texts, spans = list(table["text"]), [_tokens.body_spans(s) for s in table["segments"]]
    monkeypatch.setenv("NEWSPRISM_JOBS", "1")
    whole = _tokens.corpus_tokens(texts, spans, token_key)
    monkeypatch.setenv("NEWSPRISM_JOBS", "2")
    monkeypatch.setattr(_tokens, "CHUNK_CHARS", 300)
    pieces = _tokens.corpus_tokens(texts, spans, token_key)
    for field in ("keys", "starts", "ends", "content", "bounds"):
        assert np.array_equal(getattr(whole, field), getattr(pieces, field)), field
    assert len(whole.keys) > 1000


def test_threaded_map_keeps_order_and_raises():
    from newsprism.stages._threads import threaded_map

    taken = []

    def items():
        for k in range(50):
            taken.append(k)
            yield k

    results = threaded_map(lambda k: k * k, items(), workers=2)
    assert next(results) == 0 and len(taken) <= 5  # at most two items per thread taken ahead
    assert list(results) == [k * k for k in range(1, 50)]

    def fail(k):
        if k == 7:
            raise ValueError("bad item 7")
        return k

    with pytest.raises(ValueError, match="bad item 7"):
        list(threaded_map(fail, range(20), workers=2))


@settings(max_examples=60, deadline=None)
@given(text=st.lists(st.tuples(_WORDS, _SEPS), max_size=60).map(lambda t: "".join(w + s for w, s in t)))
def test_corpus_tokens_match_on_arbitrary_text(text):
    from newsprism.stages._tokens import corpus_tokens

    tokens, expected = corpus_tokens([text, text.upper()], None, token_key), tokenize(text)
    n = len(expected)
    assert tokens.starts[:n].tolist() == expected.starts.tolist() and tokens.ends[:n].tolist() == expected.ends.tolist()
    keys = expected.keys
    same = [[a == b for b in keys] for a in keys]
    assert [[x == y for y in tokens.keys[:n]] for x in tokens.keys[:n]] == same


def test_two_changes_around_one_kept_word_stay_one_passage():
    a = "Officials in Tokyo said that Canberra's defectors make the bargain with Kaliningrad earlier this month, and left."
    b = "Nobody knew. In Tokyo said that Canberra's defectors double the peninsula with Kaliningrad earlier this month at last."
    row = find_passages({"a": a, "b": b}).iloc[0]
    assert row.text_a == "in Tokyo said that Canberra's defectors make the bargain with Kaliningrad earlier this month"
    assert (row.kind, row.n_edits, row.edits) == ("near", 2, "make -> double; bargain -> peninsula")
    assert row.n_tokens == 13  # "the" matched between the two changes


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from newsprism.bench.synthetic import generate_corpus

    folder = tmp_path_factory.mktemp("generated") / "corpus"
    truth = generate_corpus(folder, 400, seed=1)
    return load_corpus(folder), truth


def test_planted_passages_are_found_in_a_generated_corpus(generated):
    from newsprism.bench.recall import found_planted

    articles, truth = generated
    table = passages_table(articles)
    found = found_planted(table, truth, dict(zip(articles["doc_id"], articles["raw"])))
    assert found.mean() >= 0.97, truth[~found][["n_tokens", "kind", "edits"]].head().to_dict("records")
    assert found[truth["kind"] == "verbatim"].all()


def test_walk_of_all_runs_at_once_equals_the_walk_pair_by_pair(generated, monkeypatch):
    import functools

    from newsprism.stages import passages as module

    articles, _ = generated
    at_once = passages_table(articles)
    monkeypatch.setattr(module, "find_rows", functools.partial(module.find_rows, python_walk=True))
    assert table_bytes(passages_table(articles)) == table_bytes(at_once)


def test_seed_cap_binds_only_in_a_large_corpus():
    import numpy as np

    from newsprism.stages._shingles import seed_budget, seed_cap

    counts = np.zeros(501, dtype=np.int64)
    counts[2], counts[40], counts[400] = 1000, 100, 10  # pairs: 1,000 + 78,000 + 798,000
    assert seed_cap(counts, seed_budget(5), 500) == 399
    assert seed_cap(counts, 10**7, 500) == 500
    assert seed_cap(counts, 10, 500) == 2


def test_a_passage_in_more_pieces_than_the_seed_cap_is_still_found(monkeypatch):
    from newsprism.stages import _shingles

    monkeypatch.setattr(_shingles, "MIN_SEED_BUDGET", 0)
    monkeypatch.setattr(_shingles, "SEED_PAIRS_PER_DOC", 1)
    wire = "The ministry confirmed on Tuesday that the shipment of grain reached the northern port after a delay of two weeks"
    rng = random.Random(7)
    texts = {f"p{i:02d}": _filler(rng, _FILLER_A if i % 2 else _FILLER_B, 12) + wire + ". " + _filler(rng, _FILLER_B, 9) for i in range(30)}
    table = find_passages(texts)
    carried = table[table["text_a"].str.contains(wire, regex=False) & table["text_b"].str.contains(wire, regex=False)]
    assert len(carried) == 30 * 29 // 2 and not carried.duplicated(["doc_a", "doc_b"]).any()  # every pair, once
    exact = carried[carried["text_a"] == wire]
    assert len(exact) > 300 and (exact["n_docs"] == 30).all() and exact["common"].all()


def test_blocks_and_threads_change_no_passage(generated, monkeypatch):
    """Hashing, grouping, probing, run comparison, wording look-ups and string columns done
    in blocks of a few entries, two threads at a time: the same table, to the byte, as in
    one block in one thread."""
    from newsprism.stages import _holders, _runs, _threads
    from newsprism.stages import passages as module

    articles, _ = generated
    monkeypatch.setenv("NEWSPRISM_JOBS", "1")
    whole = table_bytes(passages_table(articles))
    monkeypatch.setenv("NEWSPRISM_JOBS", "2")
    monkeypatch.setattr(_threads, "BLOCK", 997)
    monkeypatch.setattr(_runs, "_PROBE_CHUNK", 101)
    monkeypatch.setattr(_holders, "HOLDER_BLOCK", 53)
    monkeypatch.setattr(module, "STRING_BLOCK", 17)
    table = passages_table(articles)
    assert table_bytes(table) == whole and len(table) > 100


def test_hash_groups_and_distinct_index_against_a_stable_sort(articles, monkeypatch):
    """The shingle hashes of the five pieces (and the same with their high bits cleared, so
    distinct hashes share them): groups in order of hash, entries in order of index, as a
    stable argsort gives; in one block or many."""
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages import _threads
    from newsprism.stages._blocking import distinct_index, hash_groups
    from newsprism.stages._shingles import shingle_hashes
    from newsprism.stages._tokens import body_spans, corpus_tokens

    table = distinct_articles(articles)
    tokens = corpus_tokens(list(table["text"]), [body_spans(s) for s in table["segments"]], token_key)
    hashes, _ = shingle_hashes(tokens.keys, tokens.bounds, 2)
    for values in (hashes, hashes & np.uint64(0xFFFF), np.concatenate([hashes, hashes[:500]])):
        for block in (1 << 20, 64):
            monkeypatch.setattr(_threads, "BLOCK", block)
            order, starts, sizes = hash_groups(values)
            expected = np.argsort(values, kind="stable")
            assert np.array_equal(order, expected)
            uniq, first, group = np.unique(values, return_index=True, return_inverse=True)
            assert np.array_equal(values[order[starts]], uniq) and np.array_equal(sizes, np.bincount(group))
            got = distinct_index(values)
            assert np.array_equal(got[0], uniq) and np.array_equal(got[1], first) and np.array_equal(got[2], group.ravel())


def test_equal_runs_compares_token_by_token(articles):
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages._tokens import body_spans, corpus_tokens, equal_runs

    table = distinct_articles(articles)
    tokens = corpus_tokens(list(table["text"]), [body_spans(s) for s in table["segments"]], token_key)
    rng = np.random.default_rng(0)
    n = len(tokens.keys)
    x = rng.integers(0, n - 40, 3000)
    y = np.where(rng.random(3000) < 0.3, x, rng.integers(0, n - 40, 3000))  # some runs compared with themselves
    lengths = rng.integers(0, 40, 3000)
    keys = tokens.keys
    expected = [bool(np.array_equal(keys[a : a + m], keys[b : b + m])) for a, b, m in zip(x, y, lengths)]
    assert equal_runs(keys, x, y, lengths).tolist() == expected
    assert sum(expected) > 900


def test_release_memory_hands_free_pages_back():
    """Many freed blocks pinned between small live objects stay resident until released
    (glibc on Linux; elsewhere the call says it could not)."""
    import sys

    from newsprism.stages._memory import release_memory

    def resident_mb() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20

    if not sys.platform.startswith("linux"):
        assert release_memory() is False
        return
    release_memory()
    big, pins = [], []
    for _ in range(3000):
        big.append(np.ones(12_500))  # 100 kB, below the mmap threshold: from the heap, touched
        pins.append(np.ones(200))  # 1.6 kB from malloc between them: the heap cannot shrink from the top
    del big
    before = resident_mb()
    assert release_memory() is True
    assert before - resident_mb() > 100

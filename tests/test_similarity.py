"""TF-IDF similarity of whole pieces on the five real pieces and on small corpora made here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pieces import D000, D001, D002, D003, D004

from newsprism.corpus.read import load_corpus
from newsprism.output import table_bytes
from newsprism.stages.similarity import (
    LARGE_CORPUS_WORD_FLOOR,
    SIMILARITY_COLUMNS,
    distinguishing_terms,
    similarity_linkage,
    similarity_matrix,
    similarity_table,
    word_vectorizer,
)


@pytest.fixture(scope="module")
def table(articles) -> pd.DataFrame:
    return similarity_table(articles)


def test_one_row_per_unordered_pair(table):
    assert list(table.columns[:4]) == SIMILARITY_COLUMNS
    assert len(table) == 10
    assert (table["doc_a"] < table["doc_b"]).all()
    assert not table.duplicated(["doc_a", "doc_b"]).any()
    for column in ("cosine_words", "cosine_chars"):
        assert table[column].between(0, 1).all()
        assert (table[column] == table[column].round(4)).all()


def test_registered_table_is_the_same(run, table):
    assert table_bytes(run.table("similarity")) == table_bytes(table)


def test_pieces_sharing_a_story_are_closest(table):
    words = similarity_matrix(table, "cosine_words")
    # 001 and 002 share the Peskov quote and the Goremykin visit; 000 and 003 the Beijing meeting.
    assert words.loc[D001].drop(D001).idxmax() == D002
    assert words.loc[D000].drop(D000).idxmax() == D003
    # 004 (KCNA, troops, rewards) is the odd one out on words.
    assert words.loc[D004].drop(D004).max() < words.loc[D001, D002]


def test_chrome_and_references_do_not_count(tmp_path, raw_texts):
    raw = raw_texts[D004]
    assert "References:" in raw and "Skip to content" in raw
    body_only = raw.replace("Skip to content", "")
    body_only = body_only[: body_only.index("References:")]
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body_only, encoding="utf-8")
    pair = similarity_table(load_corpus(tmp_path))
    assert pair[["cosine_words", "cosine_chars"]].iloc[0].tolist() == [1.0, 1.0]


def test_curly_and_straight_quotes_give_the_same_terms():
    model = word_vectorizer()
    model.fit(["Russia\u2019s \u2018heroic aid\u2019 to North Korea", "Russia's 'heroic aid' to North Korea"])
    rows = model.transform(["Russia\u2019s \u2018heroic aid\u2019", "Russia's 'heroic aid'"]).toarray()
    assert np.allclose(rows[0], rows[1])
    assert "heroic aid" in model.get_feature_names_out()


def test_duplicate_files_are_left_out(tmp_path, raw_dir):
    for name in ("001_b70b9e225ebd2f34.txt", "002_b187fa1494321f8e.txt"):
        (tmp_path / name).write_bytes((raw_dir / name).read_bytes())
    (tmp_path / "003_copy.txt").write_bytes((raw_dir / "001_b70b9e225ebd2f34.txt").read_bytes())
    pair = similarity_table(load_corpus(tmp_path))
    assert pair[["doc_a", "doc_b"]].values.tolist() == [[D001, D002]]


def test_two_article_corpus(tmp_path, raw_dir):
    for name in ("000_6b0b6237182e2e41.txt", "003_fc391db3d6640775.txt"):
        (tmp_path / name).write_bytes((raw_dir / name).read_bytes())
    articles = load_corpus(tmp_path)
    pair = similarity_table(articles)
    assert len(pair) == 1 and pair["cosine_words"].iloc[0] > 0
    tree, labels = similarity_linkage(pair)
    assert tree.shape == (1, 4) and labels == [D000, D003]


def test_floor_for_large_corpora_keeps_only_close_pairs(articles, table):
    floored = similarity_table(articles, all_pairs=False)
    expected = table[table["cosine_words"] >= LARGE_CORPUS_WORD_FLOOR].reset_index(drop=True)
    pd.testing.assert_frame_equal(floored, expected)


def test_matrix_and_tree(table):
    words = similarity_matrix(table, "cosine_words")
    assert list(words.index) == [D000, D001, D002, D003, D004]
    assert np.allclose(words.to_numpy(), words.to_numpy().T) and (np.diag(words) == 1).all()
    tree, labels = similarity_linkage(table, "cosine_chars")
    assert tree.shape == (4, 4) and labels == list(words.index)
    # the first merge joins the closest pair on characters: 001 and 002
    assert sorted(labels[int(i)] for i in tree[0, :2]) == [D001, D002]


def test_distinguishing_terms(articles):
    terms = distinguishing_terms(articles, n=10)
    assert set(terms["doc_id"]) == {D000, D001, D002, D003, D004}
    assert (terms.groupby("doc_id").size() == 10).all()
    top = terms.groupby("doc_id")["term"].apply(list)
    assert "kcna" in top[D004]
    assert "rudenko" in top[D000]
    assert "ceremony" in top[D003]
    assert (terms["score"] > 0).all()
    # ranks follow the score
    for _, group in terms.groupby("doc_id"):
        assert group["score"].is_monotonic_decreasing



@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from newsprism.bench.synthetic import generate_corpus

    folder = tmp_path_factory.mktemp("similar") / "corpus"
    generate_corpus(folder, 520, seed=2)
    return folder, load_corpus(folder)


def test_numpy_tfidf_equals_scikit_learn(generated):
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages._tfidf import char_matrix, word_matrix
    from newsprism.stages._tokens import body_spans
    from newsprism.stages.similarity import body_vectors

    _, articles = generated
    few = articles.iloc[:150]
    table = distinct_articles(few)
    texts, spans = list(table["text"]), [body_spans(s) for s in table["segments"]]
    reference = body_vectors(few)
    for ours, theirs in ((word_matrix(texts, spans), reference.words), (char_matrix(texts, spans), reference.chars)):
        assert ours.shape == theirs.shape  # the same features: hashed ones, one per term
        assert np.abs((ours @ ours.T).toarray() - (theirs @ theirs.T).toarray()).max() < 1e-12


def test_threads_and_listed_rows_change_no_number(generated, monkeypatch):
    """One thread or two, small chunks or large, the whole character matrix or only listed
    rows, a block product or element-wise products: the same TF-IDF rows and the same pair
    dot products, to the last bit."""
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages import _tfidf
    from newsprism.stages._dots import pair_dots
    from newsprism.stages._tokens import body_spans

    _, articles = generated
    table = distinct_articles(articles.iloc[:200])
    texts, spans = list(table["text"]), [body_spans(s) for s in table["segments"]]
    monkeypatch.setenv("NEWSPRISM_JOBS", "1")
    words_1, chars_1 = _tfidf.count_matrices(texts, spans)
    monkeypatch.setenv("NEWSPRISM_JOBS", "2")
    monkeypatch.setattr(_tfidf, "CHUNK_CHARS", 50_000)  # many chunks, several in flight
    words_2, chars_2 = _tfidf.count_matrices(texts, spans)
    assert (_tfidf.weighted(words_1) != _tfidf.weighted(words_2)).nnz == 0
    full = chars_1.weighted()
    assert (full != chars_2.weighted()).nnz == 0
    assert np.array_equal(chars_1.document_frequency(), _tfidf.column_counts((chars_1.doc_words @ chars_1.word_grams).tocsr()))
    rows = np.arange(3, 200, 7)
    some = chars_2.weighted(rows)
    assert set(np.flatnonzero(np.diff(some.indptr))) <= set(rows.tolist())
    assert (some[rows] != full[rows]).nnz == 0
    i, j = np.repeat(rows[:-1], 2), np.concatenate([[a, b] for a, b in zip(rows[1:], rows[::-1][:-1])])
    order = np.argsort(i, kind="stable")
    i, j = i[order], j[order]
    from newsprism.stages import _dots

    expected = (full @ full.T).toarray()[i, j]  # the block product's sums
    monkeypatch.setattr(_dots, "ELEMENTWISE_FACTOR", 0)  # every block element by element
    elementwise = pair_dots(some, i, j, workers=2)
    assert np.array_equal(elementwise, pair_dots(some, i, j, workers=1))
    monkeypatch.setattr(_dots, "ELEMENTWISE_FACTOR", 10**12)  # every block as a product
    assert np.array_equal(pair_dots(some, i, j, workers=2), expected)
    assert np.array_equal(elementwise, expected) and (expected > 0).all()
    with pytest.raises(ValueError):
        chars_1.weighted(np.array([-1, 0]))


def test_large_corpus_lists_nearest_neighbours(generated, capsys):
    from newsprism.cli import main
    from newsprism.stages.similarity import TOP_K

    folder, articles = generated
    table = similarity_table(articles)
    assert len(table) < 520 * 519 // 2 and (table["cosine_words"] >= LARGE_CORPUS_WORD_FLOOR).all()
    assert (table["doc_a"] < table["doc_b"]).all() and not table.duplicated(["doc_a", "doc_b"]).any()
    # every listed pair is among the TOP_K nearest (listed) partners of one of its pieces
    pair = np.arange(len(table))
    both = pd.DataFrame({"me": np.concatenate([table["doc_a"], table["doc_b"]]), "cos": np.tile(table["cosine_words"].to_numpy(), 2), "pair": np.tile(pair, 2)})
    both["rank"] = both.sort_values(["me", "cos"], ascending=[True, False]).groupby("me").cumcount()
    assert (both.groupby("pair")["rank"].min() < TOP_K).all()
    near_copies = table[table["cosine_words"] > 0.9]
    assert len(near_copies) >= 10  # the generated near-duplicate articles
    assert main(["similarity", str(folder), "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert "nearest neighbours" in captured.err and captured.out.count("\n") == len(table) + 1


def test_nearest_pairs_rank_by_cosine(articles):
    from newsprism.stages.similarity import body_vectors, nearest_pairs

    vectors = body_vectors(articles)
    i, j, cosine = nearest_pairs(vectors.words, k=1, floor=0.0)
    full = (vectors.words @ vectors.words.T).toarray()
    np.fill_diagonal(full, -1)
    best = {(min(a, b), max(a, b)) for a, b in enumerate(full.argmax(axis=1))}
    assert set(zip(i.tolist(), j.tolist())) == best
    assert np.allclose(cosine, full[i, j])


def test_row_blocks_sort_like_scipy(generated):
    """The rows of a product of the character factors (unsorted columns) sorted block by
    block in threads, in place: the arrays scipy's own sort gives."""
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages import _tfidf
    from newsprism.stages._tokens import body_spans

    _, articles = generated
    table = distinct_articles(articles.iloc[:120])
    _, chars = _tfidf.count_matrices(list(table["text"]), [body_spans(s) for s in table["segments"]])
    product = (chars.doc_words @ chars.word_grams).tocsr()
    assert not product.has_sorted_indices
    ours, theirs = product.copy(), product.copy()
    theirs.sort_indices()
    _tfidf._sort_rows(ours, blocks=7)
    for field in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(ours, field), getattr(theirs, field)), field
    assert ours.has_sorted_indices and not np.array_equal(product.indices, theirs.indices)

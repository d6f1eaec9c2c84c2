"""Claims: sentences of different pieces that state the same thing, even in other words.

The default method is offline and deterministic:

1. Every body sentence of the distinct pieces gets two TF-IDF vectors fitted over all
   sentences of the corpus: *words* (content-word lemmas from the shared spaCy parse, 1-2-
   grams, sublinear tf, plus one token per named entity or number, canonicalised through
   the alias table so "Kim Jong-un", "Kim Jong Un" and a misspelt "Belozurov" agree) and
   *characters* (3-5-grams of the folded sentence text).
2. A pair of sentences from two different pieces scores the mean of its two cosines.
   Candidate pairs come from sparse matrix products (only sentences sharing a word or an
   entity are ever scored).
3. Sentences are grouped by average-linkage clustering over cross-article scores: two
   groups merge while the mean score of their cross-article sentence pairs reaches the
   threshold (pairs inside one piece never count). Average linkage does not chain the way
   connected components do. A group is a claim when it spans two or more pieces.

The ``claims`` table has one row per sentence in a claim, with ``similarity``: the best
score linking that sentence to a member of the group from another piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from .aliases import canonical_name, name_key
from .bodies import distinct_articles
from .corpus import english_only, sentences
from .errors import NewsprismError
from .parsing import parse_articles
from .similarity import char_vectorizer
from .structure import WORD_RE

__all__ = [
    "CLAIM_COLUMNS",
    "DEFAULT_THRESHOLD",
    "ENTITY_LABELS",
    "SentenceVectors",
    "claim_groups",
    "claims_matrix",
    "claims_table",
    "evaluate_claims",
    "read_claims_gold",
    "sentence_pairs",
    "sentence_vectors",
]

#: Mean of word and character cosines from which sentence groups merge.
DEFAULT_THRESHOLD = 0.2
#: Sentences shorter than this many words are not claims (datelines, fragments).
MIN_SENTENCE_WORDS = 5
#: spaCy entity labels that become entity tokens.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
)
CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "start",
    "end",
    "sentence",
    "similarity",
    "sent_id",
    "n_docs",
    "n_sentences",
    "matched_doc",
    "matched_start",
    "claim_terms",
]
PAIR_COLUMNS = ["doc_a", "start_a", "doc_b", "start_b", "cosine_words", "cosine_chars", "score"]
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_BLOCK_ROWS = 512
#: Largest dense block of character cosines computed at once (rows x sentences).
_BLOCK_CELLS = 4_000_000


def _entity_token(text: str) -> str:
    key = canonical_name(text) or text
    key = _ORDINAL_RE.sub(r"\1", name_key(key))
    return "ent:" + key.replace(" ", "_")


@dataclass(frozen=True)
class SentenceVectors:
    """The claim candidates (one row per sentence) and their L2-normalised TF-IDF rows."""

    sentences: pd.DataFrame
    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    word_terms: np.ndarray


def _claim_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    table = sentences(distinct_articles(articles), sections=frozenset({"body"}))
    table = table[table["text"].map(lambda t: len(WORD_RE.findall(t)) >= MIN_SENTENCE_WORDS)]
    return table.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _sentence_terms(doc, start: int, end: int) -> str:
    """Content lemmas and entity tokens of the parsed tokens inside ``[start, end)``."""
    terms = [
        t.lemma_.lower()
        for t in doc
        if start <= t.idx < end and (t.is_alpha or t.like_num) and not t.is_stop and t.ent_iob_ == "O"
    ]
    for ent in doc.ents:
        if start <= ent.start_char < end and ent.label_ in ENTITY_LABELS:
            terms.append(_entity_token(ent.text))
    return " ".join(terms)


def _fit(model: TfidfVectorizer, texts: list[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    try:
        matrix = sparse.csr_matrix(model.fit_transform(texts))
        return matrix, model.get_feature_names_out()
    except ValueError:  # no usable term at all
        return sparse.csr_matrix((len(texts), 0)), np.array([], dtype=object)


def sentence_vectors(articles: pd.DataFrame) -> SentenceVectors:
    """Word-and-entity and character TF-IDF rows of every candidate claim sentence."""
    table = _claim_sentences(articles)
    docs = parse_articles(distinct_articles(articles)) if len(table) else {}
    table["terms"] = [_sentence_terms(docs[d], s, e) for d, s, e in zip(table["doc_id"], table["start"], table["end"])]
    words_model = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, sublinear_tf=True, dtype=np.float64)
    words, terms = _fit(words_model, list(table["terms"]))
    chars, _ = _fit(char_vectorizer(), list(table["text"]))
    return SentenceVectors(table, words, chars, terms)


def _scored_pairs(vectors: SentenceVectors) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cross-article candidate pairs (i < j) sharing a word term, with both cosines.

    Rows are processed in blocks: the word product gives the candidates and their word
    cosines, the character product of the same block their character cosines.
    """
    docs = vectors.sentences["doc_id"].to_numpy()
    n = len(docs)
    block_rows = max(1, min(_BLOCK_ROWS, _BLOCK_CELLS // max(n, 1)))
    parts: list[tuple[np.ndarray, ...]] = []
    chars_t = vectors.chars.T.tocsc()
    for lo in range(0, n, block_rows):
        block = (vectors.words[lo : lo + block_rows] @ vectors.words.T).tocoo()
        r, c = block.row + lo, block.col
        keep = (c > r) & (block.data > 0) & (docs[r] != docs[c])
        r, c, w = r[keep], c[keep], block.data[keep]
        if not len(r):
            continue
        char_block = (vectors.chars[lo : lo + block_rows] @ chars_t).toarray()
        parts.append((r, c, w, char_block[r - lo, c]))
    if not parts:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([]), np.array([])
    i, j, words, chars = (np.concatenate([p[k] for p in parts]) for k in range(4))
    order = np.lexsort((j, i))
    return i[order].astype(np.int64), j[order].astype(np.int64), np.round(words[order], 6), np.round(chars[order], 6)


def sentence_pairs(articles: pd.DataFrame, *, vectors: SentenceVectors | None = None, min_score: float = 0.0) -> pd.DataFrame:
    """Scored cross-article sentence pairs (score = mean of the word and character cosines)."""
    vectors = vectors or sentence_vectors(articles)
    i, j, words, chars = _scored_pairs(vectors)
    sents = vectors.sentences
    score = (words + chars) / 2
    keep = score >= min_score
    table = pd.DataFrame(
        {
            "doc_a": sents["doc_id"].to_numpy()[i[keep]],
            "start_a": sents["start"].to_numpy()[i[keep]],
            "doc_b": sents["doc_id"].to_numpy()[j[keep]],
            "start_b": sents["start"].to_numpy()[j[keep]],
            "cosine_words": np.round(words[keep], 4),
            "cosine_chars": np.round(chars[keep], 4),
            "score": np.round(score[keep], 4),
        },
        columns=PAIR_COLUMNS,
    )
    return table.reset_index(drop=True)


def _average_linkage(members: np.ndarray, pairs: tuple[np.ndarray, np.ndarray, np.ndarray], docs: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clustering of ``members`` on cross-article scores (unscored pairs count 0).

    The mean between two groups is over their pairs of sentences from different pieces;
    the best pair of groups merges while that mean reaches ``threshold``. Each row keeps its
    best partner, so a merge costs O(k) updates instead of a full O(k²) rescan.
    """
    k = len(members)
    pos = {int(m): p for p, m in enumerate(members)}
    member_docs = docs[members]
    counts = (member_docs[:, None] != member_docs[None, :]).astype(np.float64)
    sums = np.zeros((k, k))
    for a, b, value in zip(*pairs):
        pa, pb = pos[int(a)], pos[int(b)]
        sums[pa, pb] = sums[pb, pa] = value
    sums *= counts
    means = np.where(counts > 0, sums / np.where(counts > 0, counts, 1.0), -np.inf)
    np.fill_diagonal(means, -np.inf)
    best_col = np.argmax(means, axis=1)
    best_val = means[np.arange(k), best_col]
    active = np.ones(k, dtype=bool)
    clusters: dict[int, list[int]] = {p: [int(m)] for p, m in enumerate(members)}
    while True:
        r = int(np.argmax(best_val))
        if not best_val[r] >= threshold - 1e-12:
            return sorted(sorted(c) for c in clusters.values())
        a, b = sorted((r, int(best_col[r])))
        clusters[a] = clusters[a] + clusters.pop(b)
        active[b] = False
        sums[a, :] += sums[b, :]
        counts[a, :] += counts[b, :]
        sums[:, a], counts[:, a] = sums[a, :], counts[a, :]
        usable = active & (counts[a, :] > 0)
        row = np.where(usable, sums[a, :] / np.where(usable, counts[a, :], 1.0), -np.inf)
        row[a] = -np.inf
        means[a, :] = means[:, a] = row
        means[b, :] = means[:, b] = -np.inf
        best_val[b] = -np.inf
        for q in sorted({a, *np.flatnonzero(active & ((best_col == a) | (best_col == b))).tolist()}):
            best_col[q] = int(np.argmax(means[q]))
            best_val[q] = means[q, best_col[q]]
        better = active & (means[:, a] > best_val)
        best_col[better], best_val[better] = a, means[better, a]


def claim_groups(vectors: SentenceVectors, threshold: float = DEFAULT_THRESHOLD) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Groups of sentence row indices spanning two or more pieces, and the pair scores used.

    Clustering runs inside each connected component of the pairs scoring at least
    ``threshold``: an average-linkage merge needs one such pair, so this is exact.
    """
    docs = vectors.sentences["doc_id"].to_numpy()
    i, j, words, chars = _scored_pairs(vectors)
    values = (words + chars) / 2
    strong = values >= threshold
    n = len(docs)
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (i[strong], j[strong])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels, minlength=n)
    inside = (labels[i] == labels[j]) & (sizes[labels[i]] >= 2)
    i, j, values = i[inside], j[inside], values[inside]
    score = {(int(a), int(b)): float(v) for a, b, v in zip(i, j, values)}
    groups: list[list[int]] = []
    pair_label = labels[i]
    for label in np.flatnonzero(sizes >= 2):
        members = np.flatnonzero(labels == label)
        mine = pair_label == label
        for cluster in _average_linkage(members, (i[mine], j[mine], values[mine]), docs, threshold):
            if len({docs[m] for m in cluster}) >= 2:
                groups.append(cluster)
    groups.sort(key=lambda g: (docs[g[0]], int(vectors.sentences["start"].iloc[g[0]])))
    return groups, score


def _group_terms(vectors: SentenceVectors, members: list[int], n_terms: int = 4) -> str:
    """The single terms (lemmas, entities) most shared by the group's pieces: summed TF-IDF
    weight over the members, among terms present in two or more pieces."""
    if vectors.words.shape[1] == 0:
        return ""
    docs = vectors.sentences["doc_id"].to_numpy()
    sub = vectors.words[members]
    weight = np.asarray(sub.sum(axis=0)).ravel()
    present = {}
    for row, m in enumerate(members):
        for t in sub[row].indices:
            present.setdefault(int(t), set()).add(docs[m])
    shared = [t for t, ds in present.items() if len(ds) >= 2 and " " not in str(vectors.word_terms[t])]
    shared.sort(key=lambda t: (-round(float(weight[t]), 9), vectors.word_terms[t]))
    picked: list[str] = []
    for t in shared:
        term = str(vectors.word_terms[t]).replace("ent:", "").replace("_", " ")
        if any(term in p or p in term for p in picked):
            continue
        picked.append(term)
        if len(picked) == n_terms:
            break
    return ", ".join(picked)


@english_only
def claims_table(articles: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The ``claims`` table: one row per sentence in a claim shared by two or more pieces."""
    if not 0.0 < threshold <= 1.0:
        raise NewsprismError(f"claim threshold must be in (0, 1] (got {threshold})")
    vectors = sentence_vectors(articles)
    groups, score = claim_groups(vectors, threshold)
    sents = vectors.sentences
    docs = sents["doc_id"].to_numpy()
    rows = []
    for claim_id, members in enumerate(groups, start=1):
        terms = _group_terms(vectors, members)
        n_docs = len({docs[m] for m in members})
        for m in members:
            partners = [(score.get((min(m, o), max(m, o)), 0.0), o) for o in members if docs[o] != docs[m]]
            best_score, best = max(partners, key=lambda p: (p[0], -p[1]))
            row = sents.iloc[m]
            rows.append(
                {
                    "claim_id": claim_id,
                    "doc_id": row["doc_id"],
                    "start": int(row["start"]),
                    "end": int(row["end"]),
                    "sentence": row["text"],
                    "similarity": round(best_score, 4),
                    "sent_id": int(row["sent_id"]),
                    "n_docs": n_docs,
                    "n_sentences": len(members),
                    "matched_doc": docs[best],
                    "matched_start": int(sents["start"].iloc[best]),
                    "claim_terms": terms,
                }
            )
    table = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return table.sort_values(["claim_id", "doc_id", "start"], kind="stable").reset_index(drop=True)


def claims_matrix(claims: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Claims x pieces in long form, one row for every claim and piece: claim_id, claim_terms,
    doc_id, carried, similarity (best in the piece), start and sentence (the piece's sentence
    that matched best), wording (all the piece's sentences in the claim, joined)."""
    doc_ids = sorted(set(claims["doc_id"])) if doc_ids is None else list(doc_ids)
    rows = []
    for claim_id, group in claims.groupby("claim_id", sort=True):
        for doc_id in doc_ids:
            mine = group[group["doc_id"] == doc_id].sort_values("start")
            best = mine.sort_values(["similarity", "start"], ascending=[False, True], kind="stable").head(1)
            rows.append(
                {
                    "claim_id": int(claim_id),
                    "claim_terms": group["claim_terms"].iloc[0],
                    "doc_id": doc_id,
                    "carried": bool(len(mine)),
                    "similarity": round(float(best["similarity"].iloc[0]), 4) if len(best) else 0.0,
                    "start": int(best["start"].iloc[0]) if len(best) else -1,
                    "sentence": str(best["sentence"].iloc[0]) if len(best) else "",
                    "wording": " ".join(mine["sentence"]),
                }
            )
    columns = ["claim_id", "claim_terms", "doc_id", "carried", "similarity", "start", "sentence", "wording"]
    return pd.DataFrame(rows, columns=columns)


def read_claims_gold(path: str | Path) -> pd.DataFrame:
    """A hand-annotated gold file: doc_a, start_a, doc_b, start_b, label (same | related), ..."""
    path = Path(path)
    try:
        gold = pd.read_csv(path, dtype={"doc_a": str, "doc_b": str, "label": str}, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise NewsprismError(f"{path}: cannot read claims gold file ({str(exc).splitlines()[0]})") from None
    missing = {"doc_a", "start_a", "doc_b", "start_b", "label"} - set(gold.columns)
    if missing:
        raise NewsprismError(f"{path}: claims gold file lacks column(s) {', '.join(sorted(missing))}")
    return gold


def _sentence_at(sents: pd.DataFrame, doc_id: str, offset: int) -> tuple[str, int] | None:
    """The (doc_id, start) of the candidate sentence containing raw ``offset``."""
    mine = sents[(sents["doc_id"] == doc_id) & (sents["start"] <= offset) & (sents["end"] > offset)]
    return (doc_id, int(mine["start"].iloc[0])) if len(mine) else None


def evaluate_claims(claims: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame) -> dict[str, float]:
    """Pairwise precision and recall of claim groups against gold sentence pairs.

    A predicted pair is two sentences of different pieces in one claim. Gold ``same``
    pairs are the positives; ``related`` pairs (overlapping topic, different main claim)
    count neither way; every other predicted pair is a false positive. Gold sentences are
    found by the raw offset they start at, so a changed sentence splitter still maps them.
    """
    sents = _claim_sentences(articles)
    key = {}
    for row in gold.itertuples(index=False):
        a = _sentence_at(sents, row.doc_a, int(row.start_a))
        b = _sentence_at(sents, row.doc_b, int(row.start_b))
        if a is None or b is None:
            raise NewsprismError(f"gold pair {row.doc_a}@{row.start_a} / {row.doc_b}@{row.start_b} does not start a claim sentence")
        key[tuple(sorted((a, b)))] = row.label
    same = {k for k, v in key.items() if v == "same"}
    related = {k for k, v in key.items() if v != "same"}
    predicted = set()
    for _, group in claims.groupby("claim_id"):
        members = sorted(zip(group["doc_id"], group["start"].astype(int)))
        predicted.update((x, y) for x, y in combinations(members, 2) if x[0] != y[0])
    tp = len(predicted & same)
    fp = len(predicted - same - related)
    return {
        "gold_pairs": len(same),
        "predicted_pairs": len(predicted),
        "true_positives": tp,
        "false_positives": fp,
        "ignored_related": len(predicted & related),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / len(same), 4) if same else 0.0,
    }

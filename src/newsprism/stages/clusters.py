"""Passages carried by several pieces, and pieces that are one piece: the reuse units.

- :func:`passage_verdicts`: the stock judgement of every passage, by its words only
  (:mod:`newsprism.stages._stock`), never by how many pieces carry it;
- :func:`families`: near-duplicate pieces (byte-identical files, identical bodies, or
  each holding at least :data:`NEAR_DUPLICATE_SHARE` of the other's body tokens in shared
  passages) are one family, which counts once wherever counts matter;
- :func:`passage_clusters`: the pairwise passages joined into clusters, one wording and
  every piece carrying it at its offsets, however many pieces carry it: a passage found
  in many pieces is often the strongest sign of a common (wire) source, not banality.

Clusters are connected components over (piece, span) places: the two sides of a passage
are linked, and two spans of one piece are one place when they overlap by at least half
of the shorter (a formula and a longer run around it are one place; two runs that share
one word are not).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsprism.corpus.views import body_views, distinct_articles, english_only

from ._stock import VERDICT_COLUMNS, passage_verdicts
from ._tokens import corpus_tokens
from .passages import token_key, tokenize
from .reuse import shares_table

__all__ = [
    "CLUSTER_COLUMNS",
    "FAMILY_COLUMNS",
    "NEAR_DUPLICATE_SHARE",
    "VERDICT_COLUMNS",
    "families",
    "family_of",
    "passage_clusters",
    "passage_verdicts",
]

#: Two pieces each holding this share of the other's body tokens are one piece (a copy).
NEAR_DUPLICATE_SHARE = 0.8
#: Two spans of one piece are one place when they overlap by this part of the shorter.
SAME_PLACE_OVERLAP = 0.5

FAMILY_COLUMNS = ["doc_id", "family_id", "representative", "share_with_representative", "n_members", "how"]
CLUSTER_COLUMNS = [
    "cluster_id", "doc_id", "family_id", "start", "end", "text", "n_tokens", "n_docs", "n_pieces", "stock", "passage_ids",
]  # fmt: skip


def _components(n: int, edges: list[tuple[int, int]]) -> np.ndarray:
    rows = np.array([a for a, _ in edges], dtype=np.int64)
    cols = np.array([b for _, b in edges], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


@english_only
def families(articles: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """One row per (English) piece: its family (near-duplicates are one), the representative (the
    family's first doc_id) and the share of its body it shares with the representative
    (the smaller of the two directions; 1.0 for the representative and for copies).

    ``how``: ``representative``, ``byte-identical`` (same file bytes), ``identical body``
    (same body words) or ``near-duplicate`` (both shares >= :data:`NEAR_DUPLICATE_SHARE`,
    counting every shared passage, stock or not).
    """
    docs = sorted(articles["doc_id"])
    index = {d: i for i, d in enumerate(docs)}
    copies = articles["duplicate_of"].fillna("").astype(str) if "duplicate_of" in articles.columns else [""] * len(articles)
    dup_of = dict(zip(articles["doc_id"], copies))
    edges = [(index[d], index[o]) for d, o in dup_of.items() if o and o in index]
    how: dict[tuple[str, str], str] = {}
    english = distinct_articles(articles)
    if len(english):
        views = body_views(english)
        tokens = corpus_tokens(list(views.values()), None, token_key)
        bodies: dict[bytes, str] = {}
        for k, (doc_id, view) in enumerate(views.items()):
            keys = tokens.keys[tokens.bounds[k] : tokens.bounds[k + 1]].tobytes()  # token hashes: a match is checked word by word
            first = bodies.get(keys)
            if keys and first is not None and tokenize(view).keys == tokenize(views[first]).keys:
                edges.append((index[doc_id], index[first]))
                how[(first, doc_id)] = "identical body"
            bodies.setdefault(keys, doc_id)
        shares = shares_table(english, passages, include_stock=True) if len(passages) else None
        for r in shares.itertuples(index=False) if shares is not None else ():
            if min(r.share_a_in_b, r.share_b_in_a) >= NEAR_DUPLICATE_SHARE:
                edges.append((index[r.doc_a], index[r.doc_b]))
                how.setdefault((r.doc_a, r.doc_b), "near-duplicate")
    labels = _components(len(docs), edges) if edges else np.arange(len(docs))
    members: dict[int, list[str]] = {}
    for d in docs:
        members.setdefault(int(labels[index[d]]), []).append(d)
    rep_of = {d: group[0] for group in members.values() for d in group}
    family_ids = {rep: i for i, rep in enumerate(sorted(set(rep_of.values())))}
    pairs = sorted({(rep_of[d], d) for d in docs if rep_of[d] != d and not dup_of.get(d)})
    direct = shares_table(english, passages, include_stock=True, pairs=pairs) if pairs else None
    share = {(r.doc_a, r.doc_b): min(r.share_a_in_b, r.share_b_in_a) for r in direct.itertuples(index=False)} if direct is not None else {}
    rows = []
    for d in docs:
        rep = rep_of[d]
        if rep == d:
            kind, value = "representative", 1.0
        elif dup_of.get(d):
            kind, value = "byte-identical", 1.0
        else:
            kind = how.get((rep, d), "near-duplicate")
            value = 1.0 if kind == "identical body" else float(share.get((rep, d), 0.0))
        rows.append({"doc_id": d, "family_id": family_ids[rep], "representative": rep, "share_with_representative": value, "n_members": len(members[int(labels[index[d]])]), "how": kind})
    return pd.DataFrame(rows, columns=FAMILY_COLUMNS).astype({"family_id": "int64", "n_members": "int64", "share_with_representative": "float64"})


def family_of(table: pd.DataFrame) -> dict[str, int]:
    """``{doc_id: family_id}`` of a :func:`families` table."""
    return dict(zip(table["doc_id"], table["family_id"].astype(int)))


def _places(passages: pd.DataFrame) -> tuple[list[tuple[str, int, int, int]], list[tuple[int, int]]]:
    """The (doc, start, end, passage_id) side of every passage, and the links between them."""
    sides: list[tuple[str, int, int, int]] = []
    links: list[tuple[int, int]] = []
    for r in passages.itertuples(index=False):
        links.append((len(sides), len(sides) + 1))
        sides.append((r.doc_a, int(r.a_start), int(r.a_end), int(r.passage_id)))
        sides.append((r.doc_b, int(r.b_start), int(r.b_end), int(r.passage_id)))
    by_doc: dict[str, list[int]] = {}
    for i, (doc, _, _, _) in enumerate(sides):
        by_doc.setdefault(doc, []).append(i)
    for idx in by_doc.values():
        idx.sort(key=lambda i: (sides[i][1], sides[i][2]))
        for x, i in enumerate(idx):  # sweep: spans starting before i ends
            for j in idx[x + 1 :]:
                if sides[j][1] >= sides[i][2]:
                    break
                overlap = min(sides[i][2], sides[j][2]) - sides[j][1]
                shorter = min(sides[i][2] - sides[i][1], sides[j][2] - sides[j][1])
                if overlap >= SAME_PLACE_OVERLAP * shorter:
                    links.append((i, j))
    return sides, links


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    out: list[tuple[int, int, list[int]]] = []
    for start, end, pid in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2] + [pid])
        else:
            out.append((start, end, [pid]))
    return out


def passage_clusters(articles: pd.DataFrame, passages: pd.DataFrame, verdicts: pd.DataFrame, family_table: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster, piece and place: where each piece carries the cluster's wording.

    ``text`` is ``raw[start:end]`` (overlapping sides of one piece merged); ``n_docs``
    counts the *families* carrying the cluster (a syndicated copy adds no piece),
    ``n_pieces`` the pieces; ``stock`` is true when every passage behind the place is
    judged stock; ``passage_ids`` lists them. Clusters are numbered by their first place.
    Passages between two pieces of one family (a copy and its original: the whole body)
    join no cluster: they would make one place of every passage of the piece; the copy
    carries each cluster through its own passages with the other pieces.
    """
    fam = family_of(family_table)
    across = np.array([fam.get(a, a) != fam.get(b, b) for a, b in zip(passages["doc_a"], passages["doc_b"])], dtype=bool)
    passages = passages.loc[across] if len(passages) else passages
    if passages.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    stock = dict(zip(verdicts["passage_id"].astype(int), verdicts["stock"].astype(bool)))
    sides, links = _places(passages)
    labels = _components(len(sides), links)
    groups: dict[int, dict[str, list[tuple[int, int, int]]]] = {}
    for (doc, start, end, pid), label in zip(sides, labels):
        groups.setdefault(int(label), {}).setdefault(doc, []).append((start, end, pid))
    ordered = sorted(groups.values(), key=lambda g: min((doc, s) for doc, spans in g.items() for s, _, _ in spans))
    rows = []
    for cluster_id, group in enumerate(ordered):
        n_docs = len({fam.get(doc, doc) for doc in group})
        for doc in sorted(group):
            for start, end, pids in _merged(group[doc]):
                text = raws[doc][start:end]
                ids = sorted(set(pids))
                rows.append(
                    {
                        "cluster_id": cluster_id, "doc_id": doc, "family_id": fam.get(doc, -1), "start": start, "end": end,
                        "text": text, "n_tokens": len(tokenize(text)), "n_docs": n_docs, "n_pieces": len(group),
                        "stock": all(stock.get(p, False) for p in ids), "passage_ids": " ".join(map(str, ids)),
                    }
                )  # fmt: skip
    return pd.DataFrame(rows, columns=CLUSTER_COLUMNS).astype(
        {"cluster_id": "int64", "family_id": "int64", "start": "int64", "end": "int64", "n_tokens": "int64", "n_docs": "int64", "n_pieces": "int64", "stock": "bool"}
    )

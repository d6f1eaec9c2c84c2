"""Findings across stages: a provenance sketch, the details of shared claims and name spellings.

The provenance sketch is built from the tables of the earlier stages (pair shares,
passages, claims), never from new text analysis. The claim details read each claim
sentence with the shared extraction of :mod:`newsprism.stages.provenance.values` (numbers,
dates), the entity mentions, the attributions and the shared parse, and keep the offsets
of the sentence behind every value; :mod:`newsprism.stages.discrepancies` compares them
(``claim_discrepancies`` and ``discrepancy_counts`` are re-exported here).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from newsprism._partitions import map_articles
from newsprism.stages._claim_fields import Piece, amounts, is_figure, sentence_details
from newsprism.stages._quantity_pairs import Item, quantity_groups, subject_terms
from newsprism.stages.discrepancies import CLAIM_FIELDS, claim_discrepancies, discrepancy_counts
from newsprism.stages.provenance.dates import common_year, document_dates
from newsprism.stages.provenance.records import Rows
from newsprism.stages.provenance.values import DATE_RE as _DATE_RE  # noqa: F401  (the one extraction, shared with provenance)
from newsprism.stages.provenance.values import NUMBER_RE as _NUMBER_RE

__all__ = [
    "CLAIM_FIELDS", "DETAIL_COLUMNS", "claim_details", "claim_discrepancies", "describe_edges", "discrepancy_counts", "name_spellings", "provenance_edges",
]  # fmt: skip

DETAIL_COLUMNS = ["claim_id", "pair", "doc_id", "start", "end", "field", "entity", "value", "key"]

#: Reading thresholds of the provenance sketch (documented in notebook 07). ``shared`` is
#: the pair's one share measure (:mod:`newsprism.stages.reuse`), over passages not stock.
VERBATIM_SHARE = 0.05
VERBATIM_RUN = 8
CLAIM_OVERLAP = 0.2
CONTAINMENT_RATIO = 1.5
SAME_PIECE = "one piece: a syndicated or republished copy"
COPIED = "copied passages: one derives from the other, or both from a common source"
REWRITTEN = "same claims in other words: a common source, rewritten"
ONE_PHRASE = "one long shared phrase: possibly a common source"
NO_REUSE = "no sign of reuse beyond the shared story"


EDGE_COLUMNS = [
    "doc_a", "doc_b", "shared", "share_a_in_b", "share_b_in_a", "longest_run", "n_passages", "n_clusters", "n_wider",
    "shared_claims", "claim_overlap", "weight", "reading", "more_contained", "evidence",
]  # fmt: skip


def _claim_sets(claims: pd.DataFrame, family: dict[str, int]) -> dict[str, set[int]]:
    """Per piece, the claims it carries that span two or more families (a claim only a
    piece and its copy carry is no shared claim)."""
    spanning = {cid for cid, g in claims.groupby("claim_id", sort=True) if len({family.get(d, d) for d in g["doc_id"]}) >= 2}
    kept = claims[claims["claim_id"].isin(spanning)]
    return {doc: set(group["claim_id"]) for doc, group in kept.groupby("doc_id", sort=True)}


def _pair_clusters(verdicts: pd.DataFrame | None, clusters: pd.DataFrame | None) -> dict[tuple[str, str], dict[int, int]]:
    """Per pair, ``{cluster_id: families carrying it}`` of the pair's passages not judged stock."""
    if verdicts is None or clusters is None or clusters.empty:
        return {}
    cluster_of: dict[int, tuple[int, int]] = {}
    for cid, n_docs, ids in zip(clusters["cluster_id"], clusters["n_docs"], clusters["passage_ids"]):
        for pid in str(ids).split():
            cluster_of[int(pid)] = (int(cid), int(n_docs))
    out: dict[tuple[str, str], dict[int, int]] = {}
    for pid, doc_a, doc_b, stock in zip(verdicts["passage_id"], verdicts["doc_a"], verdicts["doc_b"], verdicts["stock"]):
        if not bool(stock) and int(pid) in cluster_of:
            cid, n_docs = cluster_of[int(pid)]
            out.setdefault((doc_a, doc_b), {})[cid] = n_docs
    return out


def provenance_edges(
    pair_shares: pd.DataFrame,
    claims: pd.DataFrame,
    verdicts: pd.DataFrame | None = None,
    clusters: pd.DataFrame | None = None,
    family_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per pair of pieces with the evidence for a derivation link.

    ``shared`` is the pair's share of body tokens inside shared passages not judged stock
    (both pieces pooled, :mod:`newsprism.stages.reuse`); ``claim_overlap`` the Jaccard
    overlap of the claim groups the two pieces carry, counting only claims carried by two
    or more families; ``weight`` their mean. With the ``passage_verdicts``,
    ``passage_clusters`` and ``families`` tables: ``n_clusters`` counts the distinct
    passage clusters behind the pair's evidence (a wording the pair shares twice counts
    once), ``n_wider`` those that pieces of other families carry too (a common source is
    then likelier than one piece copying the other), and two pieces of one family read
    :data:`SAME_PIECE`. ``reading`` states what the evidence supports (thresholds in this
    module), ``more_contained`` names the piece whose shared text makes up a clearly larger
    part of it (the likelier borrower, or the shorter rewrite of a common source), and
    ``evidence`` quotes the longest shared run.
    """
    family = dict(zip(family_table["doc_id"], family_table["family_id"].astype(int))) if family_table is not None else {}
    sets = _claim_sets(claims, family)
    by_pair = _pair_clusters(verdicts, clusters)
    rows = []
    for r in pair_shares.itertuples(index=False):
        a_claims, b_claims = sets.get(r.doc_a, set()), sets.get(r.doc_b, set())
        union = a_claims | b_claims
        shared_claims = len(a_claims & b_claims)
        overlap = shared_claims / len(union) if union else 0.0
        share = float(r.shared)
        pair_clusters = by_pair.get((r.doc_a, r.doc_b), {})
        if family and family.get(r.doc_a) == family.get(r.doc_b):
            reading = SAME_PIECE
        elif share >= VERBATIM_SHARE and int(r.longest_run) >= VERBATIM_RUN:
            reading = COPIED
        elif overlap >= CLAIM_OVERLAP:
            reading = REWRITTEN
        elif int(r.longest_run) >= VERBATIM_RUN:
            reading = ONE_PHRASE
        else:
            reading = NO_REUSE
        contained = ""
        low, high = sorted([float(r.share_a_in_b), float(r.share_b_in_a)])
        if high > 0 and (low == 0 or high / low >= CONTAINMENT_RATIO) and reading not in (NO_REUSE, SAME_PIECE):
            contained = r.doc_a if float(r.share_a_in_b) > float(r.share_b_in_a) else r.doc_b
        rows.append(
            {
                "doc_a": r.doc_a,
                "doc_b": r.doc_b,
                "shared": round(share, 4),
                "share_a_in_b": float(r.share_a_in_b),
                "share_b_in_a": float(r.share_b_in_a),
                "longest_run": int(r.longest_run),
                "n_passages": int(r.n_passages),
                "n_clusters": len(pair_clusters),
                "n_wider": sum(1 for n in pair_clusters.values() if n > 2),
                "shared_claims": shared_claims,
                "claim_overlap": round(overlap, 4),
                "weight": round((share + overlap) / 2, 4),
                "reading": reading,
                "more_contained": contained,
                "evidence": r.longest_text if isinstance(r.longest_text, str) else "",
            }
        )
    table = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return table.sort_values(["weight", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def describe_edges(edges: pd.DataFrame, top: int = 3, names: Mapping[str, str] | None = None) -> list[str]:
    """One plain sentence per strongest link of the provenance sketch, numbers from ``edges``
    (pairs of one family, copies of one piece, are not links and are left out); pieces are
    named by ``names`` (their labels) when given."""
    sentences = []
    name = (lambda d: names.get(d, d)) if names else (lambda d: d)
    for r in edges[~edges["reading"].isin([NO_REUSE, SAME_PIECE])].head(top).itertuples(index=False):
        wider = f", {r.n_wider} of them also carried by other pieces" if r.n_wider else ""
        sentences.append(
            f"{name(r.doc_a)} and {name(r.doc_b)}: {r.reading}; {r.n_passages} shared passages{wider}, covering {r.shared:.0%} "
            f"of the two bodies (longest run {r.longest_run} tokens), and {r.shared_claims} shared claims."
        )
    return sentences or ["No pair of pieces shows reuse beyond the shared story."]


def _pieces(mentions: pd.DataFrame, attributions: pd.DataFrame, articles: pd.DataFrame | None, docs: Mapping | None) -> dict[str, Piece]:
    ids = set(mentions["doc_id"]) | set(attributions["doc_id"]) | (set(articles["doc_id"]) if articles is not None else set())
    when = document_dates(articles, common_year([articles])) if articles is not None else {}
    by_doc, credits = Rows.split(mentions), Rows.split(attributions)
    return {
        doc: Piece(docs[doc] if docs is not None and doc in docs else None, when.get(doc), by_doc.get(doc, Rows()), credits.get(doc, Rows()))
        for doc in sorted(ids)
    }  # fmt: skip


def _pair_rows(claims: pd.DataFrame, sentences: pd.DataFrame, pieces: dict[str, Piece], articles: pd.DataFrame, docs: Mapping) -> list[dict]:
    """The numbers rows of the quantity groups of :mod:`newsprism.stages._quantity_pairs`."""
    items: list[Item] = []
    stated: dict[str, list] = {}
    for doc_id, group in sentences.groupby("doc_id", sort=True):
        if doc_id in docs and doc_id in pieces:
            stated[doc_id] = [r for r in group.sort_values("start").itertuples(index=False) if _NUMBER_RE.search(r.text)]
    spans = {doc_id: [(int(r.start), int(r.end)) for r in rows] for doc_id, rows in stated.items()}
    terms_of: dict[str, list] = {}
    for part in map_articles("stages._claim_terms:spans_terms", articles[articles["doc_id"].isin(spans)], docs, spans):
        terms_of.update(part)
    for doc_id, rows in stated.items():
        for r, t in zip(rows, terms_of[doc_id]):
            things = dict.fromkeys(thing for q, thing, _ in amounts(pieces[doc_id], r.text, int(r.start)) if thing and is_figure(q))
            items += [Item(doc_id, int(r.start), int(r.end), thing, subject_terms(t)) for thing in things]
    claim_of: dict[tuple[str, int], set[int]] = {}
    for c in claims.itertuples(index=False):
        claim_of.setdefault((c.doc_id, int(c.start)), set()).add(int(c.claim_id))
    text_of = dict(zip(zip(sentences["doc_id"], sentences["start"].astype(int)), sentences["text"]))
    out = []
    for n, group in enumerate(quantity_groups(items, claim_of), start=1):
        for item in group:
            found = sentence_details(pieces[item.doc_id], text_of[(item.doc_id, item.start)], item.start, ("numbers",))
            out += [_detail(pd.NA, f"q{n}", item.doc_id, item.start, item.end, d) for d in found if d[1] == item.thing]
    return out


def _detail(claim_id, pair: str, doc_id: str, start: int, end: int, found: tuple[str, str, str, str]) -> dict:
    field, entity, value, key = found
    return {"claim_id": claim_id, "pair": pair, "doc_id": doc_id, "start": start, "end": end, "field": field, "entity": entity, "value": value, "key": key}


def claim_details(
    claims: pd.DataFrame,
    mentions: pd.DataFrame,
    attributions: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    docs: Mapping | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (claim, piece, field, entity, value) found in the piece's sentences of that claim.

    The fields, values and comparable keys are those of :mod:`newsprism.stages._claim_fields`:
    ``numbers`` (an amount and the thing it counts), ``when_where`` (dates resolved against
    the piece's date, occasions, places), ``credited``, ``roles`` and ``names`` (per person,
    in ``entity``). Each row keeps the sentence offsets it came from. With the parse
    (``docs``), ``articles`` and the body ``sentences``, numbers rows are added for the
    sentences of different pieces that state a quantity of one thing about one subject but
    are in no one claim (:mod:`newsprism.stages._quantity_pairs`): their ``claim_id`` is
    empty and ``pair`` names the group (``q1``, ``q2``, ...).
    """
    pieces = _pieces(mentions, attributions, articles, docs)
    rows = []
    for c in claims.sort_values(["claim_id", "doc_id", "start"]).itertuples(index=False):
        piece = pieces.get(c.doc_id) or Piece(None, None, Rows(), Rows())
        found = sentence_details(piece, c.sentence, int(c.start))
        rows += [_detail(int(c.claim_id), "", c.doc_id, int(c.start), int(c.end), d) for d in found]
    if docs is not None and sentences is not None and articles is not None:
        rows += _pair_rows(claims, sentences, pieces, articles, docs)
    table = pd.DataFrame(rows, columns=DETAIL_COLUMNS)
    return table.astype({"claim_id": "Int64", "start": "int64", "end": "int64"})


def name_spellings(persons: pd.DataFrame) -> pd.DataFrame:
    """People whose full name is spelled differently in the corpus: person × piece grid of
    the spelling each piece uses (empty where the piece does not name the person).

    ``persons`` is :func:`newsprism.stages.entities.tables.person_table`; "spelled differently" is its
    ``spellings_in_corpus > 1`` (defined once in :mod:`newsprism.stages.entities.tables`), so case,
    hyphen and spacing variants ("Kim Jong Un" / "Kim Jong-un") are not differences."""
    full = persons[persons["full_names"].astype(str).ne("")]
    differing = sorted(set(full.loc[full["spellings_in_corpus"] > 1, "entity"]))
    docs = sorted(persons["doc_id"].unique())
    used: dict[tuple[str, str], str] = {}
    for entity, doc, names in zip(full["entity"], full["doc_id"], full["full_names"]):
        used.setdefault((entity, doc), str(names))
    cells = [[used.get((entity, doc), "") for doc in docs] for entity in differing]
    return pd.DataFrame(cells, index=pd.Index(differing, name="entity"), columns=pd.Index(docs, name="doc_id"), dtype=object)

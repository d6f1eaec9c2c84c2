"""Findings across stages: a provenance sketch and the discrepancies inside shared claims.

Both are built from the tables of the earlier stages (pair shares, passages, claims,
entity mentions, attributions), never from new text analysis, so every cell can be traced
to the spans behind it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from newsprism.resources.aliases import compact_key
from newsprism.stages.provenance.values import DATE_RE as _DATE_RE
from newsprism.stages.provenance.values import NUMBER_RE as _NUMBER_RE

__all__ = ["CLAIM_FIELDS", "claim_details", "claim_discrepancies", "describe_edges", "discrepancy_counts", "name_spellings", "provenance_edges"]

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


#: Fields compared across the sentences of one claim.
CLAIM_FIELDS = ("names", "roles", "numbers", "dates", "credited")

def _within(table: pd.DataFrame, doc_id: str, start: int, end: int) -> pd.DataFrame:
    return table[(table["doc_id"] == doc_id) & (table["start"] < end) & (table["end"] > start)]


def claim_details(claims: pd.DataFrame, mentions: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per (claim, piece, field, value) found in the piece's sentences of that claim.

    ``names`` values are ``canonical = surface`` for each person named; ``roles`` are
    ``canonical: role``; ``numbers`` and ``dates`` are the expressions as written;
    ``credited`` is the canonical source of an attribution overlapping the sentence.
    Each row keeps the sentence offsets it came from.
    """
    persons = mentions[mentions["label"] == "PERSON"]
    rows = []
    for c in claims.sort_values(["claim_id", "doc_id", "start"]).itertuples(index=False):
        found: list[tuple[str, str]] = []
        for m in _within(persons, c.doc_id, c.start, c.end).itertuples(index=False):
            found.append(("names", f"{m.entity} = {m.text}"))
            if isinstance(m.role, str) and m.role:
                found.append(("roles", f"{m.entity}: {m.role}"))
        found += [("numbers", " ".join(x.group(0).split())) for x in _NUMBER_RE.finditer(c.sentence)]
        found += [("dates", " ".join(x.group(0).split())) for x in _DATE_RE.finditer(c.sentence)]
        found += [("credited", a.source) for a in _within(attributions, c.doc_id, c.start, c.end).itertuples(index=False)]
        for field, value in dict.fromkeys(found):
            rows.append({"claim_id": c.claim_id, "doc_id": c.doc_id, "start": c.start, "end": c.end, "field": field, "value": value})
    return pd.DataFrame(rows, columns=["claim_id", "doc_id", "start", "end", "field", "value"])


def claim_discrepancies(details: pd.DataFrame) -> pd.DataFrame:
    """Where the pieces of one claim differ: one row per (claim, field) whose values differ.

    Names differ when one canonical person is written differently; roles when one person's
    role differs; numbers, dates and credited sources when at least two pieces state them and
    the sets of values differ. ``values`` lists, per piece, what it says (``doc: v1 | v2``).
    """
    rows = []
    for (claim_id, field), group in details.groupby(["claim_id", "field"], sort=True):
        per_doc = {doc: sorted(set(g["value"])) for doc, g in group.groupby("doc_id", sort=True)}
        if field in ("names", "roles"):
            sep = " = " if field == "names" else ": "
            by_entity: dict[str, dict[str, set[str]]] = {}
            for doc, values in per_doc.items():
                for v in values:
                    entity, _, written = v.partition(sep)
                    by_entity.setdefault(entity, {}).setdefault(doc, set()).add(written)
            for entity, docs in sorted(by_entity.items()):
                # Names differ when their compact keys do (case, hyphens and spacing are not spelling).
                forms = {frozenset(compact_key(w) for w in v) if field == "names" else frozenset(v) for v in docs.values()}
                if len(docs) >= 2 and len(forms) > 1:
                    rows.append(_row(claim_id, field, entity, {d: sorted(v) for d, v in docs.items()}))
        elif len(per_doc) >= 2 and len({tuple(v) for v in per_doc.values()}) > 1:
            rows.append(_row(claim_id, field, "", per_doc))
    return pd.DataFrame(rows, columns=["claim_id", "field", "entity", "n_docs", "values"])


def _row(claim_id: int, field: str, entity: str, per_doc: dict[str, list[str]]) -> dict:
    values = "; ".join(f"{doc}: {' | '.join(v)}" for doc, v in sorted(per_doc.items()))
    return {"claim_id": claim_id, "field": field, "entity": entity, "n_docs": len(per_doc), "values": values}


def discrepancy_counts(discrepancies: pd.DataFrame) -> pd.DataFrame:
    """Claims × fields: how many differences each shared claim shows in each field."""
    if discrepancies.empty:
        return pd.DataFrame(columns=list(CLAIM_FIELDS))
    counts = discrepancies.groupby(["claim_id", "field"]).size().unstack(fill_value=0)
    return counts.reindex(columns=list(CLAIM_FIELDS), fill_value=0).astype("int64")


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

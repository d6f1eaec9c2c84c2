"""Derived views the report pages show that no stage gives: small pure functions over
stage tables, so a notebook calls them instead of computing a number itself.

- pairs: :func:`pair_share` (THE one definition of how much two pieces share),
  :func:`ranked_pairs`, :func:`rank_agreement`, :func:`linkage_steps`, :func:`provenance_view`,
  :func:`edge_sentences`;
- counts for charts and tables: :func:`piece_counts`, :func:`cross_counts`,
  :func:`passage_counts`, :func:`common_phrases`, :func:`outcome_counts`;
- claims: :func:`claim_labels` (a claim named by its most central sentence),
  :func:`claim_summary`, :func:`discrepancy_values`;
- names: :func:`spelling_codes`, :func:`most_merged_piece`;
- evaluation: :func:`prf_breakdown`, :func:`score_bars`.

``names`` arguments map doc_ids to the labels a page shows (:attr:`newsprism.viz.Page.labels`);
without them doc_ids are kept.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "claim_labels",
    "claim_summary",
    "common_phrases",
    "cross_counts",
    "discrepancy_values",
    "linkage_steps",
    "most_merged_piece",
    "outcome_counts",
    "passage_counts",
    "piece_counts",
    "prf_breakdown",
    "provenance_view",
    "rank_agreement",
    "ranked_pairs",
    "score_bars",
    "spelling_codes",
]

#: Characters of a claim's representative sentence in its label.
CLAIM_LABEL_CHARS = 72


def _name(names: Mapping[str, str] | None, doc_id: str) -> str:
    return names.get(doc_id, doc_id) if names else doc_id


# --- pairs -------------------------------------------------------------------------


def ranked_pairs(pair_shares: pd.DataFrame) -> pd.DataFrame:
    """``pair_shares`` ranked by the one measure of how much two pieces share (the stage's
    ``shared`` column), the pair that shares the most first (ties by doc_a, doc_b)."""
    return pair_shares.sort_values(["shared", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def rank_agreement(table: pd.DataFrame, a: str = "cosine_words", b: str = "cosine_chars") -> pd.DataFrame:
    """Whether two pairwise measures rank the pairs alike: one row with the number of pairs
    and Spearman's rho and Kendall's tau between columns ``a`` and ``b`` (4 decimals; NaN
    with fewer than two pairs or a constant column)."""
    from scipy.stats import kendalltau, spearmanr

    x, y = table[a].astype(float).to_numpy(), table[b].astype(float).to_numpy()
    defined = len(x) >= 2 and np.ptp(x) > 0 and np.ptp(y) > 0
    rho = float(spearmanr(x, y).statistic) if defined else float("nan")
    tau = float(kendalltau(x, y).statistic) if defined else float("nan")
    return pd.DataFrame({"measures": [f"{a} vs {b}"], "pairs": [len(x)], "spearman": [round(rho, 4)], "kendall": [round(tau, 4)]})


def linkage_steps(tree: np.ndarray, doc_ids: Sequence[str], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The steps of a scipy linkage ``tree`` over ``doc_ids`` (as given by
    :func:`newsprism.stages.similarity.similarity_linkage`) as a table: step, the pieces of
    the two groups it joins (named by ``names``, joined with "; "), the distance at which
    they join and the pieces in the new group."""
    members: list[list[str]] = [[d] for d in doc_ids]
    rows = []
    for k, (i, j, distance, size) in enumerate(np.asarray(tree, dtype=float), start=1):
        a, b = members[int(i)], members[int(j)]
        members.append(a + b)
        rows.append(
            {
                "step": k,
                "group_a": "; ".join(_name(names, d) for d in a),
                "group_b": "; ".join(_name(names, d) for d in b),
                "distance": round(float(distance), 4),
                "n_pieces": int(size),
            }
        )
    return pd.DataFrame(rows, columns=["step", "group_a", "group_b", "distance", "n_pieces"])


def provenance_view(edges: pd.DataFrame) -> pd.DataFrame:
    """The ``provenance_edges`` table ranked by ``shared`` (the one measure), ties by weight."""
    return edges.sort_values(["shared", "weight", "doc_a", "doc_b"], ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


def piece_counts(table: pd.DataFrame, column: str, doc_ids: Sequence[str], order: Iterable[str] = ()) -> pd.DataFrame:
    """Rows of ``table`` per piece (rows, in ``doc_ids`` order, column ``doc_id``) and value
    of ``column`` (columns: the values of ``order`` that occur, then the others sorted),
    zero-filled: the counts a stacked bar chart draws."""
    counts = table.groupby(["doc_id", column]).size().unstack(fill_value=0) if len(table) else pd.DataFrame()
    present = [str(c) for c in counts.columns]
    columns = [v for v in dict.fromkeys([*order, *sorted(present)]) if v in present]
    counts = counts.reindex(index=list(doc_ids), columns=columns, fill_value=0).fillna(0).astype("int64")
    counts.columns.name = None
    counts.index.name = "doc_id"
    return counts.reset_index()


def cross_counts(table: pd.DataFrame, index: str, columns: str, *, total: str = "total") -> pd.DataFrame:
    """Rows of ``table`` by value of ``index`` (rows, sorted) and of ``columns`` (sorted),
    with a ``total`` row and column; the ``index`` values as a first column."""
    counts = pd.crosstab(table[index], table[columns], margins=True, margins_name=total) if len(table) else pd.DataFrame({total: [0]}, index=pd.Index([total]))
    counts.columns.name = None
    return counts.rename_axis(index).reset_index()


def passage_counts(passages: pd.DataFrame) -> pd.DataFrame:
    """Shared passages by kind (verbatim, near) and whether they are common phrases."""
    rows = [
        {"kind": kind, "common": bool(common), "passages": len(group)}
        for (kind, common), group in passages.groupby(["kind", "common"], sort=True)
    ]
    return pd.DataFrame(rows, columns=["kind", "common", "passages"])


def common_phrases(passages: pd.DataFrame) -> pd.DataFrame:
    """The common phrases (passages flagged ``common``), case folded: how many pieces hold
    each and how many pairs of pieces share it, most widespread first."""
    common = passages[passages["common"].astype(bool)]
    phrases = common.assign(phrase=common["text_a"].str.lower().str.split().str.join(" "))
    table = phrases.groupby("phrase").agg(n_docs=("n_docs", "max"), pairs=("passage_id", "size")).reset_index()
    return table.sort_values(["n_docs", "pairs", "phrase"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def outcome_counts(matches: pd.DataFrame, order: Sequence[str] = ("tp", "fn", "fp", "related")) -> pd.DataFrame:
    """Rows of a scorer's ``matches`` per outcome, in ``order`` (then any other outcome)."""
    counts = matches["outcome"].value_counts()
    outcomes = [o for o in dict.fromkeys([*order, *sorted(counts.index)]) if o in counts.index]
    return pd.DataFrame({"outcome": outcomes, "rows": [int(counts[o]) for o in outcomes]})


# --- claims ------------------------------------------------------------------------


def claim_labels(claims: pd.DataFrame, width: int = CLAIM_LABEL_CHARS) -> dict[int, str]:
    """``{claim_id: "C7: sentence…"}``: each claim named by its most central sentence (the
    one with the highest ``similarity`` to the rest of its group; ties: first piece, first
    offset), shortened to about ``width`` characters at a word boundary."""
    labels = {}
    ranked = claims.sort_values(["claim_id", "similarity", "doc_id", "start"], ascending=[True, False, True, True], kind="stable")
    for claim_id, group in ranked.groupby("claim_id", sort=True):
        sentence = " ".join(str(group["sentence"].iloc[0]).split())
        labels[int(claim_id)] = f"C{int(claim_id)}: {textwrap.shorten(sentence, width, placeholder=' …')}"
    return labels


def claim_summary(claims: pd.DataFrame, names: Mapping[str, str] | None = None, width: int = CLAIM_LABEL_CHARS) -> pd.DataFrame:
    """One row per claim: its label (:func:`claim_labels`), the pieces that carry it (named
    by ``names``) and its number of sentences."""
    labels = claim_labels(claims, width)
    rows = [
        {
            "claim_id": int(claim_id),
            "claim": labels[int(claim_id)],
            "pieces": "; ".join(_name(names, d) for d in sorted(set(group["doc_id"]))),
            "sentences": len(group),
        }
        for claim_id, group in claims.groupby("claim_id", sort=True)
    ]
    return pd.DataFrame(rows, columns=["claim_id", "claim", "pieces", "sentences"])


def discrepancy_values(discrepancies: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The ``claim_discrepancies`` table in long form, one row per claim, field, entity and
    piece with what that piece says (``values`` holds ``doc_id: value | value; ...`` for the
    pieces ``doc_ids``)."""
    known = sorted(map(str, doc_ids), key=len, reverse=True)
    rows = []
    if known:
        split = re.compile(r"(?:^|; )(" + "|".join(map(re.escape, known)) + r"): ")
        for r in discrepancies.itertuples(index=False):
            parts = split.split(str(r.values))[1:]
            for doc_id, value in zip(parts[0::2], parts[1::2]):
                rows.append({"claim_id": int(r.claim_id), "field": r.field, "entity": r.entity, "doc_id": doc_id, "value": value})
    return pd.DataFrame(rows, columns=["claim_id", "field", "entity", "doc_id", "value"])


# --- names -------------------------------------------------------------------------


def spelling_codes(spellings: pd.DataFrame) -> pd.DataFrame:
    """For a person × piece grid of spellings (``name_spellings``), the same grid with each
    non-empty cell numbered by its spelling within its row (0, 1, ... in sorted order) and
    NaN where the piece does not name the person: equal numbers in a row, equal spellings."""
    codes = pd.DataFrame(np.nan, index=spellings.index, columns=spellings.columns)
    for entity, row in spellings.iterrows():
        variants = sorted({str(v) for v in row if isinstance(v, str) and v})
        for column, value in row.items():
            if isinstance(value, str) and value:
                codes.loc[entity, column] = variants.index(value)
    return codes


def most_merged_piece(mentions: pd.DataFrame, how: Iterable[str] = ("alias", "fuzzy")) -> str | None:
    """The piece with the most person mentions merged from another spelling (``how`` alias or
    fuzzy; ties: first doc_id), or None when no piece names a person."""
    people = mentions[mentions["label"] == "PERSON"]
    if people.empty:
        return None
    merged = people.assign(merged=people["how"].isin(list(how))).groupby("doc_id")["merged"].sum()
    return str(merged.sort_index().idxmax())


# --- evaluation --------------------------------------------------------------------


def prf_breakdown(matches: pd.DataFrame, columns: Sequence[str], scorer: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None) -> pd.DataFrame:
    """``scorer(matches, column)`` for each of ``columns`` in one long table: ``by`` (the
    column), ``value`` (its value), then the counts and scores. The scorer is
    :func:`newsprism.evaluate.prf_by` (precision, recall, F1 per value) unless given, e.g.
    :func:`newsprism.evaluate.recall_by` for stages scored on recall only."""
    if scorer is None:
        from newsprism.evaluate import prf_by as scorer
    parts = [scorer(matches, column).rename(columns={column: "value"}).assign(by=column) for column in columns]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["by", "value"])
    table = pd.concat(parts, ignore_index=True)
    return table[["by", "value", *[c for c in table.columns if c not in ("by", "value")]]]


def score_bars(summary: pd.DataFrame) -> pd.DataFrame:
    """The rows of an evaluation ``summary`` (:func:`newsprism.evaluate.summary_table`) as bars:
    a label ``stage: measure (subset)``, the measure, the value and the text written after
    the bar (``numerator/denominator = value``; F1 rows only the value, since F1 divides
    2 tp by 2 tp + fp + fn)."""
    label = summary["stage"] + ": " + summary["measure"] + " (" + summary["subset"] + ")"
    text = [
        f"{v:.2f}" if m == "f1" else f"{n}/{d} = {v:.2f}"
        for m, n, d, v in zip(summary["measure"], summary["numerator"], summary["denominator"], summary["value"])
    ]
    return pd.DataFrame({"label": label, "stage": summary["stage"], "measure": summary["measure"], "value": summary["value"], "text": text})

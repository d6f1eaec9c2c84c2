"""Derived views the report pages show that no stage gives: small pure functions over
stage tables, so a notebook calls them instead of computing a number itself.

- pairs: :func:`ranked_pairs` (by the stage's ``shared``, the one measure), :func:`rank_agreement`,
  :func:`linkage_steps`, :func:`provenance_view`;
- counts for charts and tables: :func:`piece_counts`, :func:`cross_counts`,
  :func:`passage_counts`, :func:`outcome_counts`;
- reuse: :func:`verdict_reasons` (the stock judgement by rule, with examples),
  :func:`cluster_summary` (one row per passage cluster, widest first);
- attributions: :func:`nested_attributions` (outer and inner rows together),
  :func:`attribution_forms` (the wire-copy forms a corpus uses);
- claims: :func:`claim_labels` (a claim named by its most central sentence),
  :func:`claim_summary`, :func:`discrepancy_view` (discrepancies substance first, each claim
  or quantity group named: :func:`discrepancy_names`), :func:`discrepancy_values`;
- names: :func:`spelling_codes`, :func:`most_merged_piece`, :func:`label_fixes` (labels set
  against the model's);
- evaluation: :func:`prf_breakdown`, :func:`score_bars`, :func:`before_after`.

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
    "ATTRIBUTION_FORMS",
    "attribution_forms",
    "before_after",
    "claim_labels",
    "claim_summary",
    "cluster_summary",
    "cross_counts",
    "discrepancy_names",
    "discrepancy_values",
    "discrepancy_view",
    "label_fixes",
    "linkage_steps",
    "most_merged_piece",
    "nested_attributions",
    "outcome_counts",
    "passage_counts",
    "piece_counts",
    "prf_breakdown",
    "provenance_view",
    "rank_agreement",
    "ranked_pairs",
    "score_bars",
    "spelling_codes",
    "verdict_reasons",
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


def _stock_of(passages: pd.DataFrame, verdicts: pd.DataFrame) -> pd.Series:
    judged = dict(zip(verdicts["passage_id"].astype(int), verdicts["stock"].astype(bool)))
    return passages["passage_id"].astype(int).map(lambda pid: judged.get(pid, False)).astype(bool)


def passage_counts(passages: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Shared passages by kind (verbatim, near) and stock judgement (``passage_verdicts``)."""
    table = passages.assign(stock=_stock_of(passages, verdicts))
    rows = [{"kind": kind, "stock": bool(stock), "passages": len(group)} for (kind, stock), group in table.groupby(["kind", "stock"], sort=True)]
    return pd.DataFrame(rows, columns=["kind", "stock", "passages"])


_RULE = re.compile(r"^(.*?)(?::\s*(.*)|\s+(\d+))?$")


def _rule(reason: str) -> tuple[str, str]:
    """``"name: Jong"`` -> ``("name", "Jong")``; ``"part of distinctive passage 13"`` ->
    ``("part of distinctive passage", "13")``; ``"everyday words"`` -> itself and ``""``."""
    match = _RULE.match(str(reason))
    return match.group(1), match.group(2) or match.group(3) or ""


def verdict_reasons(passages: pd.DataFrame, verdicts: pd.DataFrame, examples: int = 2) -> pd.DataFrame:
    """The stock judgement by the rule that decided it: one row per verdict (stock first) and
    rule (the ``reason`` without its detail: ``"rare word: bolster"`` is rule ``rare word``),
    the number of passages, their passage_ids and the first ``examples`` passages as
    ``text (detail)``. Rules by number of passages, most first."""
    text = dict(zip(passages["passage_id"].astype(int), passages["text_a"].astype(str)))
    rules = [_rule(r) for r in verdicts["reason"]]
    table = verdicts.assign(rule=[r for r, _ in rules], detail=[d for _, d in rules], text=verdicts["passage_id"].astype(int).map(text))
    rows = []
    for (stock, rule), group in table.groupby(["stock", "rule"], sort=True):
        shown: dict[str, str] = {}
        for t, d in zip(group["text"], group["detail"]):
            words = " ".join(str(t).split())
            if len(shown) < examples and words.lower() not in shown:
                shown[words.lower()] = words + (f" ({d})" if d else "")
        rows.append({"stock": bool(stock), "rule": rule, "passages": len(group), "passage_ids": " ".join(map(str, group["passage_id"].astype(int))), "examples": " | ".join(shown.values())})
    out = pd.DataFrame(rows, columns=["stock", "rule", "passages", "passage_ids", "examples"])
    return out.sort_values(["stock", "passages", "rule"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def cluster_summary(clusters: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per passage cluster (``passage_clusters``): its wording (the longest text of its
    places, white space collapsed), the pieces carrying it (named by ``names``), pieces,
    families, places, the tokens of that longest place and whether every place is stock.
    The widest first (families, pieces, tokens); stock clusters are listed like the others."""
    rows = []
    for cluster_id, group in clusters.groupby("cluster_id", sort=True):
        longest = group.sort_values(["n_tokens", "doc_id", "start"], ascending=[False, True, True], kind="stable").iloc[0]
        rows.append(
            {
                "cluster_id": int(cluster_id),
                "wording": " ".join(str(longest["text"]).split()),
                "pieces": "; ".join(_name(names, d) for d in sorted(set(group["doc_id"]))),
                "n_pieces": int(group["n_pieces"].max()),
                "n_families": int(group["n_docs"].max()),
                "places": len(group),
                "n_tokens": int(longest["n_tokens"]),
                "stock": bool(group["stock"].astype(bool).all()),
            }
        )
    out = pd.DataFrame(rows, columns=["cluster_id", "wording", "pieces", "n_pieces", "n_families", "places", "n_tokens", "stock"])
    return out.sort_values(["n_families", "n_pieces", "n_tokens", "cluster_id"], ascending=[False, False, False, True], kind="stable").reset_index(drop=True)


def outcome_counts(matches: pd.DataFrame, order: Sequence[str] = ("tp", "fn", "fp", "related")) -> pd.DataFrame:
    """Rows of a scorer's ``matches`` per outcome, in ``order`` (then any other outcome)."""
    counts = matches["outcome"].value_counts()
    outcomes = [o for o in dict.fromkeys([*order, *sorted(counts.index)]) if o in counts.index]
    return pd.DataFrame({"outcome": outcomes, "rows": [int(counts[o]) for o in outcomes]})


# --- attributions ------------------------------------------------------------------


def nested_attributions(attributions: pd.DataFrame) -> pd.DataFrame:
    """Every attribution embedded in another (``parent`` holds the outer row's ``row_id``)
    together with the row it is embedded in: the outer row, then its inner rows, each
    marked ``level`` outer or inner (a row both is listed once, as inner). Empty when no
    row is embedded."""
    parents = attributions["parent"].fillna("").astype(str)
    inner = attributions[parents != ""]
    if inner.empty:
        return attributions.iloc[0:0].assign(level=pd.Series(dtype=str))
    by_id = attributions.set_index("row_id", drop=False)
    rows = []
    for parent_id, group in inner.groupby(parents[parents != ""], sort=False):
        if parent_id in by_id.index and parent_id not in set(inner["row_id"]):
            rows.append(by_id.loc[[parent_id]].assign(level="outer"))
        rows.append(group.assign(level="inner"))
    return pd.concat(rows, ignore_index=True)


#: The wire-copy forms :func:`attribution_forms` counts: name, what it is, and the rows that show it.
ATTRIBUTION_FORMS: tuple[tuple[str, str, Callable[[pd.DataFrame], pd.Series]], ...] = (
    ("quoted as / cited as", "“X quoted Y as saying”: Y speaks, X is the channel", lambda t: t["cue"].isin(["quote", "cite"]) & (t["channel"].fillna("") != "")),
    ("continued quote", "“‘...,’ she said. ‘...’”: the second quote in the same voice", lambda t: t["construction"] == "continued_quote"),
    ("anaphora", "the speaker named by a pronoun or a noun standing for a name (“he”, “the agency”)", lambda t: t["speaker_how"].isin(["pronoun", "antecedent"])),
    ("nested", "an attribution inside another's reported words (“KCNA reported that soldiers had said ...”)", lambda t: t["parent"].fillna("") != ""),
    ("channel", "the words came through an outlet or service named apart from the speaker", lambda t: t["channel"].fillna("") != ""),
)


def attribution_forms(attributions: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """How many attributions show each wire-copy form of :data:`ATTRIBUTION_FORMS` (zero
    included), with the first such row as an example (piece named by ``names``: source, cue)."""
    rows = []
    for form, what, test in ATTRIBUTION_FORMS:
        found = attributions[test(attributions)] if len(attributions) else attributions
        first = found.iloc[0] if len(found) else None
        example = "" if first is None else f"{_name(names, first['doc_id'])}: {first['source']} ({first['cue']}) “{textwrap.shorten(str(first['content']), 60, placeholder=' …')}”"
        rows.append({"form": form, "what": what, "rows": len(found), "example": example})
    return pd.DataFrame(rows, columns=["form", "what", "rows", "example"])


# --- claims ------------------------------------------------------------------------


def claim_labels(claims: pd.DataFrame, width: int = CLAIM_LABEL_CHARS) -> dict[int, str]:
    """``{claim_id: "C7: sentence…"}``: each claim named by its most central sentence (highest
    ``similarity``; ties: first piece, first offset; a sentence also in another claim, ``also_in``,
    last, so a bridge's two claims get two names), shortened to about ``width`` characters."""
    labels = {}
    shared = claims.get("also_in", pd.Series("", index=claims.index)).fillna("").astype(str).ne("")
    ranked = claims.assign(_shared=shared).sort_values(["claim_id", "_shared", "similarity", "doc_id", "start"], ascending=[True, True, False, True, True], kind="stable")
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


def _discrepancy_key(claim_id, pair) -> str:
    """How :func:`newsprism.stages.discrepancies.discrepancy_counts` names a row: the claim id,
    or the quantity group (``pair``) of a row outside any one claim."""
    return str(pair) if pd.isna(claim_id) else str(int(claim_id))


def discrepancy_names(discrepancies: pd.DataFrame, claims: pd.DataFrame, width: int = CLAIM_LABEL_CHARS) -> dict[str, str]:
    """``{key: name}`` for every claim or quantity group of ``claim_discrepancies`` (keys as
    in ``discrepancy_counts``): a claim by its label (:func:`claim_labels`), a quantity group
    (sentences of several pieces giving an amount of one thing, in no one claim) as
    ``"q1: amounts of troop"``."""
    labels = claim_labels(claims, width) if len(claims) else {}
    names = {}
    for claim_id, pair, entity in zip(discrepancies["claim_id"], discrepancies["pair"], discrepancies["entity"]):
        key = _discrepancy_key(claim_id, pair)
        names.setdefault(key, f"{pair}: amounts of {entity}" if pd.isna(claim_id) else labels.get(int(claim_id), f"C{int(claim_id)}"))
    return names


def discrepancy_view(discrepancies: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The ``claim_discrepancies`` table as it is read, substance first (the stage's order):
    ``claim`` names the claim or quantity group (:func:`discrepancy_names`) before the
    stage's columns."""
    names = discrepancy_names(discrepancies, claims)
    keys = [_discrepancy_key(c, p) for c, p in zip(discrepancies["claim_id"], discrepancies["pair"])]
    return discrepancies.assign(claim=[names[k] for k in keys])[["claim", *discrepancies.columns]].reset_index(drop=True)


def discrepancy_values(discrepancies: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The ``claim_discrepancies`` table in long form, one row per claim (or quantity group:
    ``claim_id`` empty, ``pair`` set), field, entity and piece with what that piece says
    (``values`` holds ``doc_id: value | value; ...`` for the pieces ``doc_ids``)."""
    known = sorted(map(str, doc_ids), key=len, reverse=True)
    rows = []
    if known:
        split = re.compile(r"(?:^|; )(" + "|".join(map(re.escape, known)) + r"): ")
        pairs = discrepancies["pair"] if "pair" in discrepancies.columns else pd.Series("", index=discrepancies.index)
        for r, pair in zip(discrepancies.itertuples(index=False), pairs):
            parts = split.split(str(r.values))[1:]
            for doc_id, value in zip(parts[0::2], parts[1::2]):
                rows.append({"claim_id": r.claim_id, "pair": pair, "field": r.field, "entity": r.entity, "doc_id": doc_id, "value": value})
    return pd.DataFrame(rows, columns=["claim_id", "pair", "field", "entity", "doc_id", "value"]).astype({"claim_id": "Int64"})


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


def label_fixes(mentions: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The labels the tool set against the model: mentions the model labelled otherwise
    (``ner_label`` not empty and not ``label``) or that only the name-shape patterns found
    (``found_by`` pattern). One row per text, model label, label and detector, with the
    mentions and the pieces (named by ``names``); most mentions first."""
    model = mentions["ner_label"].fillna("").astype(str)
    fixed = mentions[((model != "") & (model != mentions["label"])) | (mentions["found_by"] == "pattern")]
    fixed = fixed.assign(model_label=model[fixed.index].replace("", "(none)"))
    rows = [
        {"text": text, "model_label": ml, "label": label, "found_by": by, "mentions": len(group), "pieces": "; ".join(_name(names, d) for d in sorted(set(group["doc_id"])))}
        for (text, ml, label, by), group in fixed.groupby(["text", "model_label", "label", "found_by"], sort=True)
    ]
    out = pd.DataFrame(rows, columns=["text", "model_label", "label", "found_by", "mentions", "pieces"])
    return out.sort_values(["mentions", "text"], ascending=[False, True], kind="stable").reset_index(drop=True)


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


def before_after(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    keys: Sequence[str] = ("subset", "measure"),
    value: str = "value",
    counts: tuple[str, str] | None = ("numerator", "denominator"),
    spread: str | None = None,
) -> pd.DataFrame:
    """Two score tables of one scorer side by side (an evaluation ``summary`` by default; a
    table of recall by phenomenon with ``keys=("split", "phenomenon")``, ``value="recall"``,
    ``counts=("found", "annotated")``): one row per ``keys`` in either table, in ``after``'s
    order, with ``before``, ``after``, ``change`` (after - before, 4 decimals) and, with
    ``counts``, ``before_counts`` and ``after_counts`` as ``"numerator/denominator"``
    (empty where a table lacks the row).

    With ``spread`` (one of ``keys``, e.g. ``"measure"``), one row per value of the other
    keys instead, and for each value ``v`` of ``spread`` (in order) the columns ``"v before"``,
    ``"v after"`` and, with ``counts``, ``"v counts"`` (the after counts)."""
    keys = list(keys)
    if spread is not None:
        long = before_after(before, after, keys=keys, value=value, counts=counts)
        rest = [k for k in keys if k != spread]
        rows: dict[tuple, dict] = {}
        for r in long.to_dict("records"):
            row = rows.setdefault(tuple(r[k] for k in rest), {k: r[k] for k in rest})
            row[f"{r[spread]} before"], row[f"{r[spread]} after"] = r["before"], r["after"]
            if counts is not None:
                row[f"{r[spread]} counts"] = r["after_counts"]
        columns = rest + [f"{v} {part}" for v in dict.fromkeys(long[spread]) for part in ("before", "after", *(("counts",) if counts is not None else ()))]
        return pd.DataFrame(list(rows.values())).reindex(columns=columns)

    def side(table: pd.DataFrame, name: str) -> pd.DataFrame:
        out = table[keys].copy()
        out[name] = table[value].astype(float).to_numpy()
        if counts is not None:
            out[f"{name}_counts"] = [f"{int(n)}/{int(d)}" for n, d in zip(table[counts[0]], table[counts[1]])]
        return out.drop_duplicates(keys)

    merged = side(after, "after").merge(side(before, "before"), on=keys, how="outer", sort=False)
    order = {k: i for i, k in enumerate(map(tuple, after[keys].drop_duplicates().to_numpy()))}
    merged = merged.assign(_order=[order.get(tuple(k), len(order)) for k in merged[keys].to_numpy()]).sort_values("_order", kind="stable")
    merged["change"] = (merged["after"] - merged["before"]).round(4)
    columns = [*keys, "before", "after", "change"] + (["before_counts", "after_counts"] if counts is not None else [])
    out = merged[columns].reset_index(drop=True)
    if counts is not None:
        out[["before_counts", "after_counts"]] = out[["before_counts", "after_counts"]].fillna("")
    return out

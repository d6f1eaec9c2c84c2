"""Scoring a stage against hand annotations: matched pairs, misses, false alarms, P/R/F1.

The annotations of the five pieces live in ``data/annotations/`` (data, not code); the
tests and notebook 08 score the stages against them with these functions, so the numbers
a reader cites and the numbers the tests enforce are the same.

Generic helpers: :func:`read_annotation`, :func:`match_rows` (one-to-one matching with a
``tp``/``fp``/``fn`` outcome per row), :func:`prf`, :func:`score_by`, :func:`prf_by`,
:func:`recall_by`, :func:`spans_overlap`; for display, :func:`summary_table`,
:func:`error_cases` / :func:`error_view` (the false positives and negatives of a stage),
:func:`shown` and :func:`or_note` (a one-row note instead of an empty table).

One function per stage, each returning ``(summary, matches)``:

- :func:`score_attributions`: the ``attributions`` table against ``attributions_gold.csv``
  (a prediction matches an annotation when the spans overlap and the canonical sources
  agree by :func:`newsprism.resources.aliases.name_key`);
- :func:`score_attribution_sentences`: the same rules on the 60 sentences of
  ``attribution_sentences.csv`` (their own little corpus, whatever the corpus analysed);
- :func:`score_person_counts`: PERSON mention counts per piece against the hand count;
- :func:`score_passages`: shared passages against ``passages_gold.csv`` (same pair of
  pieces, overlapping spans on both sides);
- :func:`score_claims`: claim groups against ``claims_gold.csv`` (the pair-by-pair
  outcomes of :func:`newsprism.stages.claims.claim_pair_outcomes`, counted as
  :func:`newsprism.stages.claims.evaluate_claims` counts them).

``summary`` is long: one row per measure (``stage, measure, subset, numerator,
denominator, value, definition``), so every value says which counts it divides; F1 rows
divide 2 tp by 2 tp + fp + fn.
``matches`` has one row per matched pair, miss or false alarm with ``outcome``,
``doc_id``, ``start``, ``end`` and ``text`` (``raw[start:end]`` of the piece).

Annotations apply only to the pieces they were written on: a piece counts as annotated
when its ``doc_id`` is in the corpus and every annotated span of it reads back from its raw
text (:func:`annotated_docs`). On a corpus without such pieces every stage function
returns empty tables.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from newsprism.resources.aliases import name_key
from newsprism.resources.files import read_data_csv

__all__ = [
    "ATTRIBUTION_MATCH_COLUMNS",
    "CLAIM_MATCH_COLUMNS",
    "NO_ANNOTATIONS",
    "NO_ERRORS",
    "PASSAGE_MATCH_COLUMNS",
    "PERSON_MATCH_COLUMNS",
    "SENTENCE_MATCH_COLUMNS",
    "SUMMARY_COLUMNS",
    "annotated_docs",
    "annotation_coverage",
    "attribution_agreement",
    "attribution_disagreements",
    "common_flag_agreement",
    "common_flag_errors",
    "error_cases",
    "error_view",
    "match_rows",
    "or_note",
    "prf",
    "prf_by",
    "read_annotation",
    "recall_by",
    "score_attribution_sentences",
    "score_attributions",
    "score_by",
    "score_claims",
    "score_passages",
    "score_person_counts",
    "shown",
    "spans_overlap",
    "summary_table",
]

#: Columns of every stage summary: one row per measure.
SUMMARY_COLUMNS = ["stage", "measure", "subset", "numerator", "denominator", "value", "definition"]
#: What a notebook shows for a stage whose annotations match no piece of the corpus.
NO_ANNOTATIONS = "no hand annotation matches the pieces of this corpus"
#: Stage names, in the order the summary lists them.
STAGES = ("attributions", "attribution sentences", "person mentions", "passages", "claims")

ATTRIBUTION_MATCH_COLUMNS = [
    "outcome",
    "doc_id",
    "start",
    "end",
    "text",
    "source",
    "quote_type",
    "source_kind",
    "channel",
    "construction",
    "cue",
    "borderline",
    "predicted_source",
    "predicted_quote_type",
    "predicted_source_kind",
    "predicted_channel",
    "predicted_construction",
    "predicted_start",
    "predicted_end",
    "disagreement",
    "notes",
    "gold_index",
    "pred_index",
]
SENTENCE_MATCH_COLUMNS = ["outcome", "doc_id", "batch", "source", "quote_type", "start", "end", "text", "sentence", "known_miss", "gold_index", "pred_index"]
PERSON_MATCH_COLUMNS = ["outcome", "doc_id", "person", "gold", "predicted", "tp", "fp", "fn", "start", "end", "text", "spans", "surfaces", "note"]
PASSAGE_MATCH_COLUMNS = [
    "outcome",
    "doc_id",
    "start",
    "end",
    "text",
    "doc_b",
    "b_start",
    "b_end",
    "text_b",
    "kind",
    "judgement",
    "predicted_kind",
    "common",
    "n_tokens",
    "note",
    "gold_index",
    "pred_index",
]
CLAIM_MATCH_COLUMNS = ["outcome", "doc_id", "start", "end", "text", "doc_b", "b_start", "b_end", "text_b", "label", "claim_id", "note"]
#: Attribution columns compared on matched pairs.
AGREEMENT_COLUMNS = ("quote_type", "source_kind", "channel")


# -- generic helpers ----------------------------------------------------------------------
def read_annotation(name: str) -> pd.DataFrame:
    """An annotation table from ``data/annotations/NAME.csv`` (strings, no NaN; offsets as int)."""
    table = read_data_csv(f"annotations/{name}.csv")
    for column in table.columns:
        if column in {"start", "end", "a_start", "a_end", "b_start", "b_end", "mentions", "n_tokens"} or column.endswith(("_start", "_end")):
            table[column] = pd.to_numeric(table[column], errors="coerce").fillna(-1).astype("int64")
    return table


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open spans share at least one character."""
    return a_start < b_end and b_start < a_end


def match_rows(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    same: Callable[[pd.Series, pd.Series], bool],
    *,
    keys: Sequence[str] = ("doc_id",),
) -> pd.DataFrame:
    """Match predictions to gold rows one to one (greedy, in table order) within equal ``keys``.

    Returns one row per gold or predicted item with ``outcome`` = ``tp`` (matched), ``fn``
    (gold not found) or ``fp`` (prediction with no gold), and the row indices behind it,
    so every score can be traced to the rows it counts.
    """
    keys = list(keys)
    out = []
    used: set[int] = set()
    pred_groups = {(k if isinstance(k, tuple) else (k,)): g for k, g in predicted.groupby(keys, sort=True)} if len(predicted) else {}
    for g_index, g_row in gold.iterrows():
        key = tuple(g_row[k] for k in keys)
        candidates = pred_groups.get(key)
        hit = None
        if candidates is not None:
            hit = next((p_index for p_index, p_row in candidates.iterrows() if p_index not in used and same(p_row, g_row)), None)
        if hit is None:
            out.append({"outcome": "fn", "gold_index": g_index, "pred_index": -1})
        else:
            used.add(hit)
            out.append({"outcome": "tp", "gold_index": g_index, "pred_index": hit})
    for p_index in predicted.index:
        if p_index not in used:
            out.append({"outcome": "fp", "gold_index": -1, "pred_index": p_index})
    return pd.DataFrame(out, columns=["outcome", "gold_index", "pred_index"])


def prf(matches: pd.DataFrame) -> dict[str, float | int]:
    """Precision, recall and F1 (4 decimals) with the counts behind them."""
    tp = int((matches["outcome"] == "tp").sum())
    fp = int((matches["outcome"] == "fp").sum())
    fn = int((matches["outcome"] == "fn").sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_by(matches: pd.DataFrame, predicted: pd.DataFrame, gold: pd.DataFrame, column: str) -> pd.DataFrame:
    """P/R/F1 per value of ``column`` (gold value for tp/fn rows, predicted value for fp rows)."""
    labels = [
        gold.at[r.gold_index, column] if r.outcome != "fp" else predicted.at[r.pred_index, column] for r in matches.itertuples(index=False)
    ]
    tagged = matches.assign(group=labels)
    rows = [{column: value, **prf(group)} for value, group in tagged.groupby("group", sort=True)]
    return pd.DataFrame(rows)


def prf_by(matches: pd.DataFrame, column: str) -> pd.DataFrame:
    """P/R/F1 per value of a column the stage ``matches`` table already carries.

    In the tables of the ``score_*`` functions that column holds the annotated value on
    ``tp``/``fn`` rows and the predicted value on ``fp`` rows, as :func:`score_by` does.
    """
    rows = [{column: value, **prf(group)} for value, group in matches.groupby(column, sort=True)]
    return pd.DataFrame(rows, columns=[column, "tp", "fp", "fn", "precision", "recall", "f1"])


def _rate(stage: str, measure: str, subset: str, numerator: int, denominator: int, definition: str) -> dict:
    value = round(numerator / denominator, 4) if denominator else 0.0
    return {
        "stage": stage,
        "measure": measure,
        "subset": subset,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "definition": definition,
    }


def _prf_rows(stage: str, subset: str, tp: int, fp: int, fn: int, what: str) -> list[dict]:
    """Precision, recall and F1 rows from one set of counts (F1 = 2tp / (2tp + fp + fn))."""
    return [
        _rate(stage, "precision", subset, tp, tp + fp, f"{what}: matched predictions / predictions"),
        _rate(stage, "recall", subset, tp, tp + fn, f"{what}: matched annotations / annotations"),
        _rate(stage, "f1", subset, 2 * tp, 2 * tp + fp + fn, f"{what}: 2 tp / (2 tp + fp + fn)"),
    ]


def _summary(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for column in ("numerator", "denominator"):
        table[column] = table[column].astype("int64")
    table["value"] = table["value"].astype("float64")
    return table


def summary_table(*summaries: pd.DataFrame) -> pd.DataFrame:
    """The stage summaries in one table, stages in :data:`STAGES` order, rows as each stage gives them."""
    parts = [s for s in summaries if len(s)]
    if not parts:
        return _summary([])
    table = pd.concat(parts, ignore_index=True)
    order = {stage: i for i, stage in enumerate(STAGES)}
    table = table.assign(_order=table["stage"].map(lambda s: order.get(s, len(order))))
    return table.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def or_note(table: pd.DataFrame, note: str = NO_ANNOTATIONS) -> pd.DataFrame:
    """``table``, or a one-row table holding ``note`` when it is empty (what a notebook shows)."""
    return table if len(table) else pd.DataFrame({"note": [note]})


#: What a notebook shows for a stage with annotations and no error case.
NO_ERRORS = "no false positive and no false negative"


def recall_by(matches: pd.DataFrame, column: str) -> pd.DataFrame:
    """Annotated items found, per value of ``column`` (``tp`` and ``fn`` rows only)."""
    gold = matches[matches["outcome"].isin(["tp", "fn"])]
    rows = []
    for value, group in gold.groupby(column, sort=True):
        found = int((group["outcome"] == "tp").sum())
        rows.append({column: value, "annotated": len(group), "found": found, "recall": round(found / len(group), 4)})
    return pd.DataFrame(rows, columns=[column, "annotated", "found", "recall"])


def shown(
    table: pd.DataFrame, columns: Sequence[str] | None = None, *, scored: pd.DataFrame | None = None, empty: str = NO_ERRORS
) -> pd.DataFrame:
    """What a notebook shows: ``table`` (its ``columns``), or a one-row note when it is empty:
    :data:`NO_ANNOTATIONS` when ``scored`` (the stage's matches; default ``table``) is empty
    too, else ``empty``."""
    scored = table if scored is None else scored
    if scored.empty:
        return or_note(scored)
    if table.empty:
        return or_note(table, empty)
    return table if columns is None else table[list(columns)]


def error_view(matches: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The error cases of a stage (:func:`error_cases`) with ``columns``, or a one-row note:
    :data:`NO_ANNOTATIONS` when nothing was scored, :data:`NO_ERRORS` when nothing went wrong."""
    return shown(error_cases(matches), columns, scored=matches)


def error_cases(matches: pd.DataFrame) -> pd.DataFrame:
    """The rows a stage counts as errors: misses (``fn``), false alarms (``fp``), and for
    person counts the pieces where a person is counted ``over`` or ``under`` the hand count.

    For passages, a prediction flagged ``common`` that no annotation lists is not an error:
    the tool itself calls it weak evidence, and precision leaves it out.
    """
    wrong = matches["outcome"].isin(["fp", "fn", "over", "under"])
    if "common" in matches.columns:
        wrong &= ~((matches["outcome"] == "fp") & matches["common"].astype(bool))
    return matches[wrong].reset_index(drop=True)


# -- which pieces the annotations apply to ------------------------------------------------
def _annotated_spans() -> list[tuple[str, int, str]]:
    """(doc_id, start, text) of every annotated span: these must read back from the raw text."""
    spans = []
    gold = read_annotation("attributions_gold")
    spans += list(zip(gold["doc_id"], gold["start"], gold["content"]))
    gold = read_annotation("passages_gold")
    spans += list(zip(gold["doc_a"], gold["a_start"], gold["text_a"])) + list(zip(gold["doc_b"], gold["b_start"], gold["text_b"]))
    gold = read_annotation("claims_gold")
    spans += list(zip(gold["doc_a"], gold["start_a"].astype(int), gold["sentence_a"]))
    spans += list(zip(gold["doc_b"], gold["start_b"].astype(int), gold["sentence_b"]))
    return spans


def annotated_docs(articles: pd.DataFrame) -> list[str]:
    """The pieces of ``articles`` the hand annotations were written on (sorted doc_ids).

    A piece qualifies when its doc_id occurs in an annotation file and every annotated span
    of it reads back exactly from its raw text, so a different text under the same file
    name is never scored against these annotations.
    """
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    named = set(read_annotation("person_mentions_gold")["doc_id"])
    bad: set[str] = set()
    for doc_id, start, text in _annotated_spans():
        named.add(doc_id)
        raw = raws.get(doc_id)
        if raw is not None and raw[start : start + len(text)] != text:
            bad.add(doc_id)
    return sorted(d for d in named if d in raws and d not in bad)


def annotation_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Per annotation file: rows, annotated pieces, and how many of each apply to ``articles``."""
    docs = set(annotated_docs(articles))
    files = [
        ("attributions_gold", ["doc_id"], "attributions in the five pieces (some marked borderline)"),
        ("person_mentions_gold", ["doc_id"], "hand count of person mentions per piece"),
        ("passages_gold", ["doc_a", "doc_b"], "passages shared by two pieces, judged reuse or stock"),
        ("claims_gold", ["doc_a", "doc_b"], "sentence pairs of two pieces, judged same claim or related"),
    ]
    rows = []
    for name, columns, about in files:
        gold = read_annotation(name)
        pieces = set().union(*(set(gold[c]) for c in columns))
        applies = gold[columns].isin(docs).all(axis=1)
        rows.append(
            {
                "annotation": f"{name}.csv",
                "rows": len(gold),
                "rows_in_corpus": int(applies.sum()),
                "pieces": len(pieces),
                "pieces_in_corpus": len(pieces & docs),
                "about": about,
            }
        )
    sentences = read_annotation("attribution_sentences")
    rows.append(
        {
            "annotation": "attribution_sentences.csv",
            "rows": len(sentences),
            "rows_in_corpus": len(sentences),
            "pieces": len(sentences),
            "pieces_in_corpus": len(sentences),
            "about": "one-sentence test articles, scored on their own whatever the corpus",
        }
    )
    return pd.DataFrame(rows)


def _raws(articles: pd.DataFrame) -> dict[str, str]:
    return dict(zip(articles["doc_id"], articles["raw"]))


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in {"start", "end", "b_start", "b_end"} else "object") for c in columns})


# -- attributions -------------------------------------------------------------------------
def _same_attribution(p: pd.Series, g: pd.Series) -> bool:
    return spans_overlap(p["start"], p["end"], g["start"], g["end"]) and name_key(p["source"]) == name_key(g["source"])


def _disagreement(p: pd.Series, g: pd.Series) -> str:
    parts = [f"{c}: annotated {g[c] or '(none)'}, predicted {p[c] or '(none)'}" for c in AGREEMENT_COLUMNS if p[c] != g[c]]
    return "; ".join(parts)


def score_attributions(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attributions stage against ``attributions_gold.csv``: ``(summary, matches)``.

    A prediction matches an annotation of the same piece when their content spans overlap
    and their sources agree by :func:`newsprism.resources.aliases.name_key`. Precision counts a
    prediction as right when it matches any annotation (borderline ones included); recall is
    given over all annotations and over the clear ones (``borderline == "no"``), in which
    case predictions matched to a borderline annotation are set aside. ``table`` is the
    ``attributions`` table if already built. ``matches`` carries the annotated values on
    ``tp``/``fn`` rows and the predicted ones on ``fp`` rows, the predicted values of a match
    in ``predicted_*``, and ``disagreement`` names the attributes a match gets wrong.
    """
    docs = annotated_docs(articles)
    gold = read_annotation("attributions_gold")
    gold = gold[gold["doc_id"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return _summary([]), _empty(ATTRIBUTION_MATCH_COLUMNS)
    predicted = table[table["doc_id"].isin(docs)].reset_index(drop=True)
    raws = _raws(articles)
    rows = []
    for m in match_rows(predicted, gold, _same_attribution).itertuples(index=False):
        g = gold.loc[m.gold_index] if m.gold_index >= 0 else None
        p = predicted.loc[m.pred_index] if m.pred_index >= 0 else None
        shown = g if g is not None else p
        doc_id, start, end = shown["doc_id"], int(shown["start"]), int(shown["end"])
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "text": raws[doc_id][start:end],
                **{c: shown[c] for c in ("source", "quote_type", "source_kind", "channel", "construction", "cue")},
                "borderline": g["borderline"] if g is not None else "",
                **{f"predicted_{c}": p[c] if p is not None else "" for c in ("source", "quote_type", "source_kind", "channel", "construction")},
                "predicted_start": int(p["start"]) if p is not None else -1,
                "predicted_end": int(p["end"]) if p is not None else -1,
                "disagreement": _disagreement(p, g) if g is not None and p is not None else "",
                "notes": g["notes"] if g is not None else "",
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=ATTRIBUTION_MATCH_COLUMNS)
    counts = prf(matches)
    clear = matches[matches["borderline"] != "yes"]
    clear_counts = prf(clear)
    stage = "attributions"
    summary = _prf_rows(stage, "all annotated", counts["tp"], counts["fp"], counts["fn"], "all annotations, borderline included")
    summary.append(
        _rate(
            stage,
            "recall",
            "clear annotated",
            clear_counts["tp"],
            clear_counts["tp"] + clear_counts["fn"],
            "annotations not marked borderline: matched / annotated",
        )
    )
    return _summary(summary), matches


def attribution_agreement(matches: pd.DataFrame) -> pd.DataFrame:
    """On matched attributions: how often quote_type, source_kind and channel agree with the annotation."""
    tp = matches[matches["outcome"] == "tp"]
    rows = []
    for column in AGREEMENT_COLUMNS if len(matches) else ():
        agree = int((tp[column] == tp[f"predicted_{column}"]).sum())
        rows.append({"attribute": column, "agree": agree, "matched": len(tp), "share": round(agree / len(tp), 4) if len(tp) else 0.0})
    return pd.DataFrame(rows, columns=["attribute", "agree", "matched", "share"])


def attribution_disagreements(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched attributions whose quote_type, source_kind or channel differs from the annotation."""
    return matches[matches["disagreement"] != ""].reset_index(drop=True)


def score_attribution_sentences() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attribution rules on the 60 sentences of ``attribution_sentences.csv``: ``(summary, matches)``.

    Each sentence becomes a one-sentence article (a fixed headline line, then the sentence)
    in a temporary folder. Expected attributions (``source=quote_type``; several joined by
    ``"; "``) match predictions of the same sentence with the same quote type and the same
    :func:`~newsprism.resources.aliases.name_key` of the source. ``batch`` is the id's letter (``h``:
    first batch, ``g``: second). ``known_miss`` says why a row is a known miss.
    """
    from newsprism.run import Run

    cases = read_annotation("attribution_sentences")
    with tempfile.TemporaryDirectory(prefix="newsprism-sentences-") as folder:
        for r in cases.itertuples(index=False):
            (Path(folder) / f"{r.id}.txt").write_text(f"Test Sentence Headline\n\n{r.sentence}\n", encoding="utf-8")
        run = Run(folder, cache=None)
        articles, table = run.articles, run.table("attributions")
    gold = pd.DataFrame(
        [
            {"doc_id": r.id, "source": item.split("=")[0], "quote_type": item.split("=")[1]}
            for r in cases.itertuples(index=False)
            for item in r.expected.split("; ")
            if item
        ],
        columns=["doc_id", "source", "quote_type"],
    )
    sentence = dict(zip(cases["id"], cases["sentence"]))
    known = dict(zip(cases["id"], cases["known_miss"]))
    raws = _raws(articles)

    def same(p: pd.Series, g: pd.Series) -> bool:
        return name_key(p["source"]) == name_key(g["source"]) and p["quote_type"] == g["quote_type"]

    rows = []
    for m in match_rows(table, gold, same).itertuples(index=False):
        shown = gold.loc[m.gold_index] if m.outcome != "fp" else table.loc[m.pred_index]
        p = table.loc[m.pred_index] if m.pred_index >= 0 else None
        doc_id = shown["doc_id"]
        start, end = (int(p["start"]), int(p["end"])) if p is not None else (-1, -1)
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_id,
                "batch": doc_id[0],
                "source": shown["source"],
                "quote_type": shown["quote_type"],
                "start": start,
                "end": end,
                "text": raws[doc_id][start:end] if p is not None else "",
                "sentence": sentence[doc_id],
                "known_miss": known[doc_id],
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=SENTENCE_MATCH_COLUMNS)
    counts = prf(matches)
    summary = _prf_rows("attribution sentences", f"{len(cases)} sentences", counts["tp"], counts["fp"], counts["fn"], "expected source and quote type")
    return _summary(summary), matches


# -- person mentions ----------------------------------------------------------------------
def score_person_counts(
    articles: pd.DataFrame, entities: pd.DataFrame, mentions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PERSON mention counts per piece against ``person_mentions_gold.csv``: ``(summary, matches)``.

    The annotation counts mentions, not where they are, so each (piece, person) counts
    ``min(predicted, annotated)`` mentions as found, the excess as false alarms and the
    shortfall as misses. ``matches`` has one row per (piece, person) named by either side,
    with ``outcome`` ``exact``, ``over`` or ``under`` and the predicted mentions
    (``start``/``end``/``text`` of the first; all of them in ``spans`` and ``surfaces``).
    """
    docs = annotated_docs(articles)
    gold = read_annotation("person_mentions_gold")
    gold = gold[gold["doc_id"].isin(docs)]
    if gold.empty:
        return _summary([]), _empty(PERSON_MATCH_COLUMNS)
    people = entities[(entities["label"] == "PERSON") & entities["doc_id"].isin(docs)]
    predicted = {(d, e): int(n) for d, e, n in zip(people["doc_id"], people["entity"], people["mentions"])}
    wanted = {(d, p): int(n) for d, p, n in zip(gold["doc_id"], gold["person"], gold["mentions"])}
    notes = {(d, p): n for d, p, n in zip(gold["doc_id"], gold["person"], gold["note"])}
    spans = mentions[mentions["label"] == "PERSON"].sort_values(["doc_id", "start"], kind="stable")
    by_key = {key: group for key, group in spans.groupby(["doc_id", "entity"], sort=True)}
    raws = _raws(articles)
    rows = []
    for key in sorted(set(predicted) | set(wanted)):
        got, want = predicted.get(key, 0), wanted.get(key, 0)
        found = by_key.get(key)
        starts = [] if found is None else list(zip(found["start"].astype(int), found["end"].astype(int)))
        raw = raws[key[0]]
        rows.append(
            {
                "outcome": "exact" if got == want else ("over" if got > want else "under"),
                "doc_id": key[0],
                "person": key[1],
                "gold": want,
                "predicted": got,
                "tp": min(got, want),
                "fp": max(got - want, 0),
                "fn": max(want - got, 0),
                "start": starts[0][0] if starts else -1,
                "end": starts[0][1] if starts else -1,
                "text": raw[starts[0][0] : starts[0][1]] if starts else "",
                "spans": "; ".join(f"{s}-{e}" for s, e in starts),
                "surfaces": "; ".join(raw[s:e] for s, e in starts),
                "note": notes.get(key, ""),
            }
        )
    matches = pd.DataFrame(rows, columns=PERSON_MATCH_COLUMNS)
    tp, fp, fn = (int(matches[c].sum()) for c in ("tp", "fp", "fn"))
    stage = "person mentions"
    summary = _prf_rows(stage, "mentions per piece", tp, fp, fn, "person mentions counted per piece and person")
    exact = int((matches["outcome"] == "exact").sum())
    summary.append(_rate(stage, "exact counts", "persons per piece", exact, len(matches), "(piece, person) rows whose count equals the hand count"))
    return _summary(summary), matches


# -- shared passages ----------------------------------------------------------------------
def _same_passage(p: pd.Series, g: pd.Series) -> bool:
    return spans_overlap(p["a_start"], p["a_end"], g["a_start"], g["a_end"]) and spans_overlap(p["b_start"], p["b_end"], g["b_start"], g["b_end"])


def _oriented(table: pd.DataFrame) -> pd.DataFrame:
    """Passages with ``doc_a < doc_b`` (sides swapped where needed)."""
    table = table.copy()
    swap = table["doc_a"] > table["doc_b"]
    for a, b in (("doc_a", "doc_b"), ("a_start", "b_start"), ("a_end", "b_end"), ("text_a", "text_b")):
        table.loc[swap, [a, b]] = table.loc[swap, [b, a]].to_numpy()
    return table


def score_passages(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shared passages against ``passages_gold.csv``: ``(summary, matches)``.

    A predicted passage matches an annotated one of the same pair of pieces when their spans
    overlap on both sides (one to one; passages not flagged ``common`` are tried first).
    Measures: recall over all annotated passages (found by any passage) and over those
    judged ``reuse`` (found by a passage not flagged common); precision over the passages
    not flagged common (a common-flagged passage is weak evidence by the tool's own
    account); and whether the ``common`` flag agrees with the ``stock`` judgement on
    matched passages (see :func:`common_flag_agreement`). ``table`` is the ``passages``
    table if already built.
    """
    docs = annotated_docs(articles)
    gold = _oriented(read_annotation("passages_gold"))
    gold = gold[gold["doc_a"].isin(docs) & gold["doc_b"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return _summary([]), _empty(PASSAGE_MATCH_COLUMNS)
    predicted = _oriented(table)
    predicted = predicted[predicted["doc_a"].isin(docs) & predicted["doc_b"].isin(docs)]
    predicted = predicted.sort_values("common", kind="stable").reset_index(drop=True)  # not common first
    raws = _raws(articles)
    rows = []
    for m in match_rows(predicted, gold, _same_passage, keys=("doc_a", "doc_b")).itertuples(index=False):
        g = gold.loc[m.gold_index] if m.gold_index >= 0 else None
        p = predicted.loc[m.pred_index] if m.pred_index >= 0 else None
        shown = g if g is not None else p
        doc_a, doc_b = shown["doc_a"], shown["doc_b"]
        a_start, a_end, b_start, b_end = (int(shown[c]) for c in ("a_start", "a_end", "b_start", "b_end"))
        rows.append(
            {
                "outcome": m.outcome,
                "doc_id": doc_a,
                "start": a_start,
                "end": a_end,
                "text": raws[doc_a][a_start:a_end],
                "doc_b": doc_b,
                "b_start": b_start,
                "b_end": b_end,
                "text_b": raws[doc_b][b_start:b_end],
                "kind": shown["kind"],
                "judgement": g["judgement"] if g is not None else "",
                "predicted_kind": p["kind"] if p is not None else "",
                "common": bool(p["common"]) if p is not None else False,
                "n_tokens": int(p["n_tokens"]) if p is not None else -1,
                "note": g["note"] if g is not None else "",
                "gold_index": int(m.gold_index),
                "pred_index": int(m.pred_index),
            }
        )
    matches = pd.DataFrame(rows, columns=PASSAGE_MATCH_COLUMNS)
    tp = matches["outcome"] == "tp"
    found = int(tp.sum())
    reuse = matches["judgement"] == "reuse"
    put_forward = matches["outcome"].isin(["tp", "fp"]) & ~matches["common"]
    stage = "passages"
    summary = [
        _rate(stage, "recall", "all annotated", found, len(gold), "annotated passages found by any predicted passage"),
        _rate(stage, "recall", "judged reuse", int((tp & reuse & ~matches["common"]).sum()), int(reuse.sum()), "passages judged reuse found by a passage not flagged common"),
        _rate(stage, "precision", "not flagged common", int((put_forward & tp).sum()), int(put_forward.sum()), "predicted passages not flagged common that match an annotated passage"),
    ]
    flags = common_flag_agreement(matches)
    summary.append(_rate(stage, "agreement", "common = stock", int(flags["agree"].sum()), found, "matched passages whose common flag agrees with the stock judgement"))
    return _summary(summary), matches


def common_flag_agreement(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched passages by annotated judgement (reuse, stock) and the tool's ``common`` flag."""
    tp = matches[matches["outcome"] == "tp"]
    rows = []
    for judgement in ("reuse", "stock") if len(matches) else ():
        for common in (False, True):
            n = int(((tp["judgement"] == judgement) & (tp["common"] == common)).sum())
            rows.append({"judgement": judgement, "common": common, "passages": n, "agree": n if common == (judgement == "stock") else 0})
    return pd.DataFrame(rows, columns=["judgement", "common", "passages", "agree"])


def common_flag_errors(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched passages whose ``common`` flag disagrees with the judgement (stock not flagged, reuse flagged)."""
    if matches.empty:
        return matches
    tp = matches[matches["outcome"] == "tp"]
    return tp[tp["common"] != (tp["judgement"] == "stock")].reset_index(drop=True)


# -- claims -------------------------------------------------------------------------------
def score_claims(articles: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claim groups against ``claims_gold.csv``: ``(summary, matches)``.

    ``matches`` are the pair-by-pair outcomes of :func:`newsprism.stages.claims.claim_pair_outcomes`
    and the numbers count them, as :func:`newsprism.stages.claims.evaluate_claims` does (a predicted
    pair is two sentences of different pieces in one claim): ``tp`` (a same pair in one
    claim), ``fn`` (a same pair the claims miss), ``fp`` (a predicted pair no annotation
    calls same or related) and ``related`` (predicted, annotated related: not counted).
    ``table`` is the ``claims`` table if already built.
    """
    docs = annotated_docs(articles)
    gold = read_annotation("claims_gold")
    gold = gold[gold["doc_a"].isin(docs) & gold["doc_b"].isin(docs)].reset_index(drop=True)
    if gold.empty:
        return _summary([]), _empty(CLAIM_MATCH_COLUMNS)
    from newsprism.stages.claims import claim_pair_outcomes, claim_scores
    claims = table[table["doc_id"].isin(docs)].reset_index(drop=True)
    matches = claim_pair_outcomes(claims, gold, articles)
    scores = claim_scores(matches)
    stage = "claims"
    tp, fp, n_gold = scores["true_positives"], scores["false_positives"], scores["gold_pairs"]
    summary = [
        _rate(stage, "precision", "sentence pairs", tp, tp + fp, "predicted pairs annotated same / predicted pairs not annotated related"),
        _rate(stage, "recall", "sentence pairs", tp, n_gold, "pairs annotated same that share a claim / pairs annotated same"),
        _rate(stage, "f1", "sentence pairs", 2 * tp, 2 * tp + fp + (n_gold - tp), "2 tp / (2 tp + fp + fn)"),
    ]
    return _summary(summary), matches

"""Scoring the ``attributions`` stage on the wire set (``data/devsets/wire_attributions``).

180 short texts in 15 house styles (split ``dev`` = odd ids, ``heldout`` = even ids) and
390 hand-annotated attributions, written apart from the rules (the set's README gives the
conventions). :func:`wire_predictions` runs the stage on each text as its own one-article
corpus (the text written as-is plus a final newline, as ``ID/ID.txt``; one model load for
all: :func:`newsprism.nlp.model` keeps it per process). :func:`score_wire` matches the
predictions to the annotations one to one with :func:`~._match.match_rows`: same text,
overlapping content spans, same source by :func:`source_key`: the
:func:`newsprism.resources.aliases.name_key` of the alias table's canonical name when the
table knows the name ("Russian Defence Ministry" = "Russian Ministry of Defense"), with
"Defence"/"Defense" folded (the set follows each text's spelling).

Each annotation's content is located by ``occurrence`` (the n-th occurrence of ``content``
in the text), so its offsets are raw offsets, as the predictions' are.

Precision per form: a false alarm counts against the form of the first annotation of the
same text whose content it overlaps (the construction it got wrong), else against
``(none)``. Agreement on a matched pair: ``source_kind`` and ``quote_type`` equal;
``channel`` equal by the same key as sources (both empty agrees); ``parent`` agrees when
both rows have none, or the predicted parent row is matched to the annotated parent row.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pandas as pd

from newsprism.resources.aliases import name_key
from newsprism.resources.files import read_data_csv, resource

from ._match import as_summary as _summary
from ._match import match_rows, prf, spans_overlap
from ._match import prf_rows as _prf_rows
from ._match import rate as _rate

__all__ = ["WIRE_MATCH_COLUMNS", "score_wire", "source_key", "wire_breakdown", "wire_gold", "wire_predictions", "wire_texts"]

WIRE_DIR = "devsets/wire_attributions"
ALIASES_FILE = "aliases/entities.csv"  # the alias table (newsprism.resources.aliases)
STAGE = "wire attributions"
AGREEMENT = ("source_kind", "quote_type", "channel", "parent")
WIRE_MATCH_COLUMNS = [
    "outcome",
    "doc_id",
    "split",
    "style",
    "form",
    "row_id",
    "source",
    "source_kind",
    "cue",
    "quote_type",
    "channel",
    "parent",
    "start",
    "end",
    "text",
    "predicted_row_id",
    "predicted_source",
    "predicted_source_kind",
    "predicted_quote_type",
    "predicted_channel",
    "predicted_parent",
    "predicted_construction",
    "predicted_start",
    "predicted_end",
    *(f"agree_{c}" for c in AGREEMENT),
    "note",
    "gold_index",
    "pred_index",
]
_DEFENCE = re.compile(r"\bdefen[cs]e\b")


def _canonical_keys(table: pd.DataFrame) -> dict[str, str]:
    rows = table[table["kind"].str.strip() != "role"]
    return {name_key(a): name_key(c) for a, c in zip(rows["alias"], rows["canonical"])}


def source_key(name: str) -> str:
    """The key sources (and channels) are compared by: :func:`name_key` of the canonical
    name when the alias table holds the name as a name or spelling of an entity (not as a
    role: "Kremlin spokesman" stays), else of the name; Defence = Defense."""
    key = name_key(str(name))
    key = resource(ALIASES_FILE, _canonical_keys).get(key, key)
    return _DEFENCE.sub("defence", key)


def wire_texts() -> pd.DataFrame:
    """``texts.csv``: id, split, style, style_kind, negative, text."""
    return read_data_csv(f"{WIRE_DIR}/texts.csv")


def _nth(text: str, content: str, n: int) -> int:
    at = -1
    for _ in range(max(n, 1)):
        at = text.find(content, at + 1)
        if at < 0:
            raise ValueError(f"content {content!r} does not occur {n} times")
    return at


def wire_gold(texts: pd.DataFrame | None = None, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """The annotations with raw offsets: ``gold.csv`` columns plus ``doc_id`` (= id),
    ``row_id`` ("<id>#<row>"), ``parent_id`` (the parent's row_id, "" if none), start, end."""
    texts = wire_texts() if texts is None else texts
    gold = read_data_csv(f"{WIRE_DIR}/gold.csv") if gold is None else gold.astype(str)
    by_id = dict(zip(texts["id"], texts["text"]))
    gold = gold.copy()
    gold["doc_id"] = gold["id"]
    gold["row_id"] = gold["id"] + "#" + gold["row"].astype(str)
    gold["parent_id"] = [f"{i}#{p}" if p.strip() else "" for i, p in zip(gold["id"], gold["parent"])]
    starts = [_nth(by_id[i], c, int(o or 1)) for i, c, o in zip(gold["id"], gold["content"], gold["occurrence"])]
    gold["start"] = pd.Series(starts, index=gold.index, dtype="int64")
    gold["end"] = gold["start"] + gold["content"].str.len()
    return gold.reset_index(drop=True)


def wire_predictions(texts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``attributions`` table of each text run as its own one-article corpus, concatenated."""
    from newsprism.run import Run

    texts = wire_texts() if texts is None else texts
    parts = []
    with tempfile.TemporaryDirectory(prefix="newsprism-wire-") as root:
        for doc_id, text in zip(texts["id"], texts["text"]):
            folder = Path(root) / doc_id
            folder.mkdir()
            (folder / f"{doc_id}.txt").write_text(f"{text}\n", encoding="utf-8")
            parts.append(Run(folder, jobs=1).table("attributions"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _with_ids(predicted: pd.DataFrame) -> pd.DataFrame:
    """Predictions as strings where the scorer compares them, with ``row_id`` and
    ``parent`` ("" when the table has none: the old tables)."""
    predicted = predicted.reset_index(drop=True).copy()
    for column in ("row_id", "parent", "channel"):
        if column not in predicted.columns:
            predicted[column] = ""
        predicted[column] = predicted[column].fillna("").astype(str)
    for column in ("start", "end"):
        predicted[column] = predicted[column].astype("int64")
    return predicted


def _same(p: pd.Series, g: pd.Series) -> bool:
    return spans_overlap(p["start"], p["end"], g["start"], g["end"]) and source_key(p["source"]) == source_key(g["source"])


def _fp_form(p: pd.Series, gold_by_doc: dict[str, pd.DataFrame]) -> str:
    part = gold_by_doc.get(p["doc_id"])
    if part is not None:
        for g in part.itertuples(index=False):
            if spans_overlap(p["start"], p["end"], g.start, g.end):
                return g.form
    return "(none)"


def score_wire(
    split: str | None = None,
    predictions: pd.DataFrame | None = None,
    *,
    texts: pd.DataFrame | None = None,
    gold: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wire set's ``(summary, matches)`` for one split (``dev``, ``heldout``) or all.

    ``predictions`` is an attributions table of the texts (doc_id = text id; default: the
    stage run now, :func:`wire_predictions`); ``texts`` and ``gold`` replace the set's files
    (a test's hand-made gold: ``gold.csv`` columns). ``summary`` has the columns of
    :data:`~._match.SUMMARY_COLUMNS`: P/R/F1 per split (subset "dev", "heldout", "all"),
    per form ("dev form=quoted_as") and per house style ("dev style=TASS"), and the
    agreement of each attribute on matched pairs ("agreement channel"). ``matches`` has
    one row per pair, miss or false alarm (:data:`WIRE_MATCH_COLUMNS`); :func:`wire_breakdown`
    tabulates it.
    """
    texts = wire_texts() if texts is None else texts
    gold = wire_gold(texts, gold)
    if split is not None:
        texts = texts[texts["split"] == split]
        gold = gold[gold["doc_id"].isin(set(texts["id"]))].reset_index(drop=True)
    predicted = wire_predictions(texts) if predictions is None else predictions
    predicted = _with_ids(predicted[predicted["doc_id"].isin(set(texts["id"]))]) if len(predicted) else _with_ids(predicted)
    split_of, style_of = dict(zip(texts["id"], texts["split"])), dict(zip(texts["id"], texts["style"]))
    raw = dict(zip(texts["id"], texts["text"]))
    pairs = match_rows(predicted, gold, _same)
    gold_of_pred = {int(m.pred_index): gold.at[m.gold_index, "row_id"] for m in pairs.itertuples(index=False) if m.outcome == "tp"}
    pred_row_gold = {predicted.at[k, "row_id"]: v for k, v in gold_of_pred.items() if predicted.at[k, "row_id"]}
    gold_by_doc = {d: g for d, g in gold.groupby("doc_id")}
    rows = [_match_row(m, gold, predicted, pred_row_gold, gold_by_doc, raw, split_of, style_of) for m in pairs.itertuples(index=False)]
    matches = pd.DataFrame(rows, columns=WIRE_MATCH_COLUMNS)
    return _wire_summary(matches, split), matches


def _match_row(m, gold, predicted, pred_row_gold, gold_by_doc, raw, split_of, style_of) -> dict:
    g = gold.loc[m.gold_index] if m.gold_index >= 0 else None
    p = predicted.loc[m.pred_index] if m.pred_index >= 0 else None
    shown = g if g is not None else p
    doc_id, start, end = shown["doc_id"], int(shown["start"]), int(shown["end"])
    row = {
        "outcome": m.outcome,
        "doc_id": doc_id,
        "split": split_of.get(doc_id, ""),
        "style": style_of.get(doc_id, ""),
        "form": g["form"] if g is not None else _fp_form(p, gold_by_doc),
        "row_id": g["row_id"] if g is not None else "",
        **{c: shown[c] for c in ("source", "source_kind", "cue", "quote_type", "channel")},
        "parent": g["parent_id"] if g is not None else p["parent"],
        "start": start,
        "end": end,
        "text": raw.get(doc_id, "")[start:end],
        "note": g["note"] if g is not None else "",
        "gold_index": int(m.gold_index),
        "pred_index": int(m.pred_index),
    }
    for c in ("row_id", "source", "source_kind", "quote_type", "channel", "parent", "construction"):
        row[f"predicted_{c}"] = p[c] if p is not None and c in p.index else ""
    row["predicted_start"] = int(p["start"]) if p is not None else -1
    row["predicted_end"] = int(p["end"]) if p is not None else -1
    for c in AGREEMENT:
        row[f"agree_{c}"] = "" if m.outcome != "tp" else ("yes" if _agrees(c, g, p, pred_row_gold) else "no")
    return row


def _agrees(column: str, g: pd.Series, p: pd.Series, pred_row_gold: dict[str, str]) -> bool:
    if column == "channel":
        return source_key(g["channel"]) == source_key(p["channel"])
    if column == "parent":
        if not p["parent"]:
            return not g["parent_id"]
        return pred_row_gold.get(p["parent"], "") == g["parent_id"] and bool(g["parent_id"])
    return str(g[column]) == str(p[column])


def _wire_summary(matches: pd.DataFrame, split: str | None) -> pd.DataFrame:
    rows: list[dict] = []
    what = "wire attributions (same text, overlapping content, same source)"

    def add(subset: str, part: pd.DataFrame) -> None:
        c = prf(part)
        rows.extend(_prf_rows(STAGE, subset, c["tp"], c["fp"], c["fn"], what))

    splits = [split] if split is not None else [*sorted(set(matches["split"]) - {""}), "all"]
    for name in splits:
        part = matches if name == "all" else matches[matches["split"] == name]
        add(name, part)
        for column in ("form", "style"):
            for value, group in part.groupby(column, sort=True):
                add(f"{name} {column}={value}", group)
        tp = part[part["outcome"] == "tp"]
        for c in AGREEMENT:
            agree = int((tp[f"agree_{c}"] == "yes").sum())
            rows.append(_rate(STAGE, f"agreement {c}", name, agree, len(tp), f"matched pairs whose {c} agrees / matched pairs"))
        with_channel = tp[tp["channel"] != ""]
        agree = int((with_channel["agree_channel"] == "yes").sum())
        rows.append(_rate(STAGE, "agreement channel (annotated)", name, agree, len(with_channel), "matched pairs with an annotated channel: agreeing / all"))
    return _summary(rows)


def wire_breakdown(matches: pd.DataFrame, by: str) -> pd.DataFrame:
    """tp, fp, fn, precision, recall, f1 per value of ``by`` (split, form, style, source_kind, ...)."""
    rows = [{by: value, **prf(group)} for value, group in matches.groupby(by, sort=True)]
    return pd.DataFrame(rows, columns=[by, "tp", "fp", "fn", "precision", "recall", "f1"])

"""Person names on the names devset (``data/devsets/names/``): detection, merging, traps.

The devset is 32 articles in 8 stories, written apart from the method (its ``README.md``):
``gold.csv`` holds every person-name mention with its person cluster, ``traps.csv``
non-person spans with their expected label, ``negatives.csv`` pairs of people that must
not be merged. Each story is run as its own corpus (:func:`names_predictions`), so merging
is judged across the articles of one story, as the tool merges across the pieces of a corpus.

:func:`score_names` scores a table of predictions (the mentions of every story with a
``group`` column naming the story) per split (``dev``, ``heldout``):

- *mentions*: gold person mentions against predicted PERSON mentions, one to one by
  overlapping offsets (precision, recall, F1);
- *merging*: every pair of gold mentions in different articles of a story is a "same
  person" pair in gold when both have the same ``person``, and in the prediction when both
  are found and their predicted mentions have the same ``entity``; precision and recall of
  the predicted "same" pairs, and B-cubed precision and recall over the gold mentions
  (a mention not found is a cluster of its own);
- *negatives*: the pairs of ``negatives.csv`` with both people in one story, and how many
  of them share a predicted entity there (each one is a wrong merge);
- *traps*: the share of trap spans an overlapping prediction labels wrongly (any label but
  the expected one; for ``none``, a PERSON or a mention inside the trap) and the share
  labelled PERSON.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from newsprism.resources.files import read_data_csv

from ._match import as_summary, empty_matches, prf_rows, rate, spans_overlap

__all__ = ["NAMES_DEVSET", "NAMES_MATCH_COLUMNS", "name_clusters", "names_predictions", "read_names_devset", "score_names"]

#: The folder of the names devset below the data folder.
NAMES_DEVSET = "devsets/names"
#: Columns of the ``matches`` table of :func:`score_names`.
NAMES_MATCH_COLUMNS = ["check", "outcome", "split", "story", "doc_id", "start", "end", "text", "person", "entity", "label", "expected", "note"]
_STAGE = "names"


def read_names_devset() -> dict[str, pd.DataFrame]:
    """``{"texts", "gold", "traps", "negatives"}`` of the devset (offsets as int)."""
    out = {name: read_data_csv(f"{NAMES_DEVSET}/{name}.csv") for name in ("texts", "gold", "traps", "negatives")}
    for name in ("gold", "traps"):
        for column in ("start", "end"):
            out[name][column] = out[name][column].astype("int64")
    return out


def names_predictions(texts: pd.DataFrame | None = None, stage: str = "mentions") -> pd.DataFrame:
    """The ``stage`` table of each story run as its own corpus (files ``DOC_ID.txt``, no
    cache), with a ``group`` column naming the story."""
    from newsprism.run import Run

    texts = read_names_devset()["texts"] if texts is None else texts
    parts = []
    for story, rows in texts.groupby("story", sort=True):
        folder = Path(tempfile.mkdtemp(prefix=f"newsprism-names-{story}-"))
        try:
            for r in rows.itertuples(index=False):
                (folder / f"{r.doc_id}.txt").write_text(r.text, encoding="utf-8")
            parts.append(Run(folder, jobs=1).table(stage).assign(group=story))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return pd.concat(parts, ignore_index=True)


def _match_mentions(gold: pd.DataFrame, people: pd.DataFrame) -> tuple[dict[int, int], set[int]]:
    """One-to-one overlap matching per piece (gold and predictions in offset order):
    ``{gold index: prediction index}`` and the unmatched prediction indices."""
    found: dict[int, int] = {}
    used: set[int] = set()
    by_doc = {doc: list(zip(g.index, g["start"], g["end"])) for doc, g in people.groupby("doc_id", sort=True)}
    for gi, doc, gs, ge in zip(gold.index, gold["doc_id"], gold["start"], gold["end"]):
        for pi, ps, pe in by_doc.get(doc, ()):
            if pi not in used and spans_overlap(gs, ge, ps, pe):
                found[gi] = pi
                used.add(pi)
                break
    return found, set(people.index) - used


def _pair_counts(story_gold: pd.DataFrame, entity_of: dict[int, str]) -> tuple[int, int, int]:
    """``(both same, gold same, predicted same)`` over pairs of mentions in different pieces."""
    both = gold_same = pred_same = 0
    rows = list(zip(story_gold.index, story_gold["doc_id"], story_gold["person"]))
    for i, (ia, da, pa) in enumerate(rows):
        for ib, db, pb in rows[i + 1 :]:
            if da == db:
                continue
            ea, eb = entity_of.get(ia), entity_of.get(ib)
            g, p = pa == pb, ea is not None and ea == eb
            both += g and p
            gold_same += g
            pred_same += p
    return both, gold_same, pred_same


def _bcubed(story_gold: pd.DataFrame, entity_of: dict[int, str]) -> tuple[float, float]:
    """Sums over the mentions of B-cubed precision and recall (unfound mentions are singletons)."""
    clusters = {gi: entity_of.get(gi, f"\0{gi}") for gi in story_gold.index}
    persons = dict(zip(story_gold.index, story_gold["person"]))
    by_pred, by_gold = Counter(clusters.values()), Counter(persons.values())
    joint = Counter((clusters[gi], persons[gi]) for gi in story_gold.index)
    precision = sum(joint[(clusters[gi], persons[gi])] / by_pred[clusters[gi]] for gi in story_gold.index)
    recall = sum(joint[(clusters[gi], persons[gi])] / by_gold[persons[gi]] for gi in story_gold.index)
    return precision, recall


def _trap_outcome(trap, overlapping: pd.DataFrame) -> tuple[str, str]:
    """``(outcome, predicted labels)`` of one trap: ok, person, wrong_label or missed."""
    labels = sorted(set(overlapping["label"]))
    shown = "; ".join(labels)
    if "PERSON" in labels:
        return "person", shown
    if trap.expected_label == "none":
        inside = ((overlapping["start"] >= trap.start) & (overlapping["end"] <= trap.end)).any()
        return ("wrong_label" if inside else "ok"), shown
    if not labels:
        return "missed", shown
    return ("ok" if labels == [trap.expected_label] else "wrong_label"), shown


def score_names(predictions: pd.DataFrame, devset: dict[str, pd.DataFrame] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score a prediction table (mentions with ``group`` = story) on the devset: ``(summary, matches)``.

    ``summary`` has the rows of every measure of the module docstring per split (``subset``:
    ``dev``, ``heldout``); ``matches`` one row per gold mention (``check`` mention, outcome
    tp/fn), per predicted PERSON mention without gold (fp), per trap (ok, person,
    wrong_label, missed) and per negative pair (merged, apart, absent: not in one story).
    """
    devset = read_names_devset() if devset is None else devset
    texts, gold, traps, negatives = (devset[k] for k in ("texts", "gold", "traps", "negatives"))
    split_of = dict(zip(texts["doc_id"], texts["split"]))
    story_of = dict(zip(texts["doc_id"], texts["story"]))
    raw = dict(zip(texts["doc_id"], texts["text"]))
    gold = gold[gold["doc_id"].isin(split_of)]
    traps = traps[traps["doc_id"].isin(split_of)]
    pred = predictions[predictions["doc_id"].isin(split_of)].reset_index(drop=True)
    people = pred[pred["label"] == "PERSON"]
    found, false_alarms = _match_mentions(gold, people)
    entity_of = {gi: people.at[pi, "entity"] for gi, pi in found.items()}
    rows = []

    def row(check: str, outcome: str, doc_id: str, start: int, end: int, **extra) -> None:
        rows.append({"check": check, "outcome": outcome, "split": split_of[doc_id], "story": story_of[doc_id], "doc_id": doc_id, "start": int(start), "end": int(end), "text": raw[doc_id][start:end], **extra})

    for gi, g in gold.iterrows():
        pi = found.get(gi)
        p = people.loc[pi] if pi is not None else None
        row("mention", "tp" if p is not None else "fn", g["doc_id"], g["start"], g["end"], person=g["person"], entity=p["entity"] if p is not None else "", label="PERSON" if p is not None else "", note=g["kind"])
    for pi in sorted(false_alarms):
        p = people.loc[pi]
        row("mention", "fp", p["doc_id"], p["start"], p["end"], entity=p["entity"], label="PERSON", note=p.get("how", ""))
    by_doc = {doc: g for doc, g in pred.groupby("doc_id", sort=True)}
    for t in traps.itertuples(index=False):
        mine = by_doc.get(t.doc_id, pred.iloc[:0])
        overlapping = mine[(mine["start"] < t.end) & (mine["end"] > t.start)]
        outcome, labels = _trap_outcome(t, overlapping)
        row("trap", outcome, t.doc_id, t.start, t.end, label=labels, expected=t.expected_label, entity="; ".join(dict.fromkeys(overlapping["entity"])), note=t.note)
    gold_story = gold.assign(story=gold["doc_id"].map(story_of))
    for n in negatives.itertuples(index=False):
        for _story, sg in gold_story.groupby("story", sort=True):
            a, b = sg[sg["person"] == n.person_a], sg[sg["person"] == n.person_b]
            if a.empty or b.empty:
                continue
            shared = {entity_of[i] for i in a.index if i in entity_of} & {entity_of[i] for i in b.index if i in entity_of}
            first = a.iloc[0]
            row("negative", "merged" if shared else "apart", first["doc_id"], first["start"], first["end"], person=f"{n.person_a} / {n.person_b}", entity="; ".join(sorted(shared)), note=n.why)
    matches = pd.DataFrame(rows, columns=NAMES_MATCH_COLUMNS).fillna("")
    summary = []
    for split in sorted(set(texts["split"])):
        summary += _split_summary(split, matches[matches["split"] == split], gold_story[gold_story["doc_id"].map(split_of) == split], entity_of)
    return as_summary(summary), matches if len(matches) else empty_matches(NAMES_MATCH_COLUMNS)


def _split_summary(split: str, matches: pd.DataFrame, gold: pd.DataFrame, entity_of: dict[int, str]) -> list[dict]:
    mentions = matches[matches["check"] == "mention"]
    tp, fp, fn = (int((mentions["outcome"] == o).sum()) for o in ("tp", "fp", "fn"))
    out = prf_rows(_STAGE, f"{split} mentions", tp, fp, fn, "person mentions matched by overlapping offsets")
    both = gold_same = pred_same = 0
    bp = br = 0.0
    for _, story_gold in gold.groupby("story", sort=True):
        counts = _pair_counts(story_gold, entity_of)
        both, gold_same, pred_same = both + counts[0], gold_same + counts[1], pred_same + counts[2]
        p, r = _bcubed(story_gold, entity_of)
        bp, br = bp + p, br + r
    what = "pairs of gold mentions in different articles of one story"
    out += [
        rate(_STAGE, "merge precision", f"{split} pairs", both, pred_same, f"{what}: same person among pairs predicted the same entity"),
        rate(_STAGE, "merge recall", f"{split} pairs", both, gold_same, f"{what}: predicted the same entity among same-person pairs"),
        rate(_STAGE, "b-cubed precision", f"{split} mentions", round(bp), len(gold), "mean share of a mention's predicted cluster that is its person (numerator rounded)"),
        rate(_STAGE, "b-cubed recall", f"{split} mentions", round(br), len(gold), "mean share of a mention's person in its predicted cluster (numerator rounded)"),
    ]
    out[-2]["value"], out[-1]["value"] = (round(bp / len(gold), 4), round(br / len(gold), 4)) if len(gold) else (0.0, 0.0)
    negatives = matches[matches["check"] == "negative"]
    pairs = negatives.groupby("person")["outcome"].agg(lambda s: "merged" if (s == "merged").any() else "apart")
    out.append(rate(_STAGE, "negatives merged", f"{split} pairs", int((pairs == "merged").sum()), len(pairs), "pairs of negatives.csv sharing a predicted entity in a story holding both"))
    traps = matches[matches["check"] == "trap"]
    wrong = int(traps["outcome"].isin(["person", "wrong_label"]).sum())
    out.append(rate(_STAGE, "traps mislabelled", f"{split} traps", wrong, len(traps), "traps an overlapping prediction labels other than expected"))
    out.append(rate(_STAGE, "traps as PERSON", f"{split} traps", int((traps["outcome"] == "person").sum()), len(traps), "traps an overlapping prediction labels PERSON"))
    out.append(rate(_STAGE, "traps missed", f"{split} traps", int((traps["outcome"] == "missed").sum()), len(traps), "labelled traps no prediction overlaps"))
    return out


def name_clusters(matches: pd.DataFrame) -> pd.DataFrame:
    """Per story, gold person x predicted entity: how many gold mentions fall in each
    (``entity`` empty: not found), with ``split_person`` (the person is spread over several
    entities) and ``mixed_entity`` (the entity holds several people). Sorted by split, story, person."""
    found = matches[matches["check"] == "mention"]
    found = found[found["outcome"] != "fp"]
    counts = found.groupby(["split", "story", "person", "entity"], sort=True).size().rename("mentions").reset_index()
    per_person: dict[tuple, set] = defaultdict(set)
    per_entity: dict[tuple, set] = defaultdict(set)
    for s, p, e in zip(counts["story"], counts["person"], counts["entity"]):
        per_person[(s, p)].add(e)
        if e:
            per_entity[(s, e)].add(p)
    counts["split_person"] = [len(per_person[(s, p)]) > 1 for s, p in zip(counts["story"], counts["person"])]
    counts["mixed_entity"] = [bool(e) and len(per_entity[(s, e)]) > 1 for s, e in zip(counts["story"], counts["entity"])]
    return counts

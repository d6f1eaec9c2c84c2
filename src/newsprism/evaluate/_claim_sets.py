"""Scoring the claims stage on the claims devset (``data/devsets/claims``): one corpus per set.

Each story set of the devset (3 or 4 articles, one sentence a line) is run as its own
corpus: its texts are written as ``DOC_ID.txt`` into a temporary folder and a
:class:`newsprism.run.Run` (no disk cache) computes the ``claims`` table over it, or a
given method does. Predicted sentences are mapped to the gold lines they overlap (the
stage's splitter may cut a line differently), and pairs are counted over sentences of two
different articles of the set:

- a predicted pair is two lines of different articles holding sentences of one claim;
- ``tp``: a predicted pair annotated ``same``; ``fn``: a ``same`` pair not predicted;
- ``fp``: a predicted pair annotated neither ``same`` nor ``related`` (unlisted, or listed
  as ``filler``: two commentary sentences that state no common claim, in :data:`FILLER`);
- ``related``: a predicted pair annotated ``related`` is set aside (counted neither way),
  as :func:`newsprism.evaluate.score_claims` does on the five pieces: the
  devset's ``related`` list is not exhaustive, so precision is scored against "not same"
  and the set-aside pairs only show which confusions the method makes.

Tune on the ``dev`` split only; the ``heldout`` split is the honest figure.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from newsprism.evaluate._claims import CLAIM_MATCH_COLUMNS
from newsprism.evaluate._match import as_summary as _summary
from newsprism.evaluate._match import rate as _rate
from newsprism.resources.files import read_data_csv
from newsprism.text.spans import SpanLookup

__all__ = ["APART", "APART2", "APART3", "APART4", "CLAIM_SET_COLUMNS", "EVENTS", "EVENTS2", "EVENTS3", "EVENTS4", "FILLER", "FRESH", "PHENOMENA", "PHENOMENON_COLUMNS", "ClaimSet", "claim_set_runs", "read_claim_set", "score_claim_set", "with_commentary"]

DEVSET = "devsets/claims"
#: The phenomenon tags whose recall is reported (``paraphrase`` is on almost every pair).
PHENOMENA = ("synonym", "number_format", "number_changed", "date_changed", "passive", "quote_to_indirect", "reorder", "name_spelling")
CLAIM_SET_COLUMNS = ["set", "split", *CLAIM_MATCH_COLUMNS, "phenomena", "claim"]
PHENOMENON_COLUMNS = ["split", "phenomenon", "annotated", "found", "recall"]
_ORDER = {"tp": 0, "fn": 1, "fp": 2, "related": 3}

Method = Callable[[pd.DataFrame, Mapping], pd.DataFrame]
Line = tuple[str, int]  # doc_id, start of a gold line


class ClaimSet(NamedTuple):
    """A claims devset: ``texts`` (doc_id, set, split, text), ``gold`` (set, doc_a, a_start,
    doc_b, b_start, label, phenomena, claim, note) and ``sentences`` (set, doc_id, start,
    end, sentence: the gold lines), as in ``data/devsets/claims``."""

    texts: pd.DataFrame
    gold: pd.DataFrame
    sentences: pd.DataFrame


#: The fresh sets (c9-c14), written after the method was frozen: a held-out figure.
FRESH = "devsets/claims_fresh"
#: The apart sets (c15-c20), written later still, by a writer who never saw the method or
#: its output, and never used to choose anything: the last held-out figure.
APART = "devsets/claims_apart"
#: The apart2 sets (c21-c26), written the same way by another writer who never saw the
#: method, before the experiments of the next round (none kept).
APART2 = "devsets/claims_apart2"
#: The apart3 sets (c27-c32), written the same way by a third writer who never saw the
#: method, while the round after apart2's experiments ran (none kept, none run on these sets).
APART3 = "devsets/claims_apart3"
#: The apart4 sets (c51-c55), written the same way by a fourth writer after the learned method
#: was committed: commentary-heavy rewrites (a third to a half of each article is commentary,
#: listed as ``filler`` as in :data:`FILLER`), the hardest test of precision. Run on the learned
#: scorer alone, then again with the commentary gate, designed after that first run's errors
#: were read (its thresholds chosen on the development sets).
APART4 = "devsets/claims_apart4"
#: The events sets (c61-c64), written apart by a fifth writer once the claim margin was fixed
#: in the code: pieces of one story that mostly cover different events while naming the same
#: officials, each opening with a summary of the whole story (the five pieces' kind of rewrite);
#: a third of their sentences are commentary, listed as in :data:`FILLER`. Run once on both
#: methods as committed; a fit of the scorer with them was then tried and not kept.
EVENTS = "devsets/claims_events"
#: The second events sets (c71-c74), written apart by a sixth writer once the people gate was
#: committed, in the kind of :data:`EVENTS` (summary leads, officials with similar titles, one
#: verb of different subjects, stock context phrases, quotes split or credited to another
#: official). Run once on both methods as committed: the honest figure of the people gate.
EVENTS2 = "devsets/claims_events2"
#: The third events sets (c81-c84), written apart by a seventh writer once the formula rule for
#: two commentary sentences was committed, in the same kind as :data:`EVENTS2` (the same official
#: saying different things, two pieces reporting different facts of one event, more formulas of
#: commentary). Run once on both methods as committed.
EVENTS3 = "devsets/claims_events3"
#: The fourth events sets (c91-c92), written apart by an eighth writer once the people gate read
#: the attribution table's speakers (a bare quote paragraph continuing its speaker), in the kind of
#: :data:`EVENTS3` (a weather service delegation, a bird flu outbreak). Run once on both methods as committed.
EVENTS4 = "devsets/claims_events4"
#: The filler sets (c41-c45): development material, not a held-out figure. A third or more of
#: each article is commentary ("the move highlights the growing partnership") worded apart in
#: each piece; pairs of such sentences are listed as ``filler``, a predicted one is a false positive.
FILLER = "devsets/claims_filler"


def read_claim_set(folder: str = DEVSET) -> ClaimSet:
    """A claims devset of the data folder: ``devsets/claims`` (splits dev and heldout) or
    :data:`FRESH` (split fresh), :data:`APART`, :data:`APART2`, :data:`APART3` or :data:`APART4`
    (splits apart, apart2, apart3, apart4), :data:`EVENTS` (split events), :data:`EVENTS2` (split events2), :data:`EVENTS3` (split events3), :data:`EVENTS4` (split events4) or :data:`FILLER` (split filler)."""
    return ClaimSet(*(read_data_csv(f"{folder}/{name}.csv") for name in ("texts", "gold", "sentences")))


def _texts(devset: ClaimSet, splits: Iterable[str] | None) -> pd.DataFrame:
    texts = devset.texts
    return texts if splits is None else texts[texts["split"].isin(list(splits))]


def claim_set_runs(splits: Iterable[str] | None = None, devset: ClaimSet | None = None) -> dict[str, object]:
    """``{set: Run}``: each set of the devset (of ``splits``; default all) as its own corpus,
    parsed and read into memory (the temporary folder of its texts is removed)."""
    from newsprism.run import Run

    runs = {}
    for name, rows in _texts(read_claim_set() if devset is None else devset, splits).groupby("set", sort=True):
        folder = Path(tempfile.mkdtemp(prefix=f"newsprism-claimset-{name}-"))
        try:
            for row in rows.itertuples(index=False):
                (folder / f"{row.doc_id}.txt").write_text(row.text, encoding="utf-8")
            run = Run(folder, jobs=1)
            run.articles, run.docs  # noqa: B018 - read and parse before the folder goes
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        runs[name] = run
    return runs


def _predictions(claims: pd.DataFrame | Mapping[str, pd.DataFrame] | Method | None, splits: Iterable[str] | None, devset: ClaimSet) -> dict[str, pd.DataFrame]:
    """``{set: claims table}`` from a table with a ``set`` (or ``group``) column, a mapping,
    or a method ``(articles, docs) -> claims`` (``None``: each run's ``claims`` stage)."""
    if isinstance(claims, pd.DataFrame):
        column = "set" if "set" in claims.columns else "group"
        return {str(k): g for k, g in claims.groupby(column, sort=True)}
    if isinstance(claims, Mapping):
        return {str(k): v for k, v in claims.items()}
    runs = claim_set_runs(splits, devset)
    if claims is None:
        return {name: run.table("claims") for name, run in runs.items()}
    return {name: claims(run.articles, run.docs) for name, run in runs.items()}


def _predicted_pairs(claims: pd.DataFrame, lines: dict[str, SpanLookup]) -> dict[tuple[Line, Line], int]:
    """Cross-article pairs of gold lines inside one claim (each sentence mapped to every line it overlaps)."""
    pairs: dict[tuple[Line, Line], int] = {}
    if claims is None or not len(claims):
        return pairs
    for claim_id, group in claims.groupby("claim_id", sort=True):
        members: set[Line] = set()
        for doc_id, start, end in zip(group["doc_id"], group["start"].astype(int), group["end"].astype(int)):
            lookup = lines.get(str(doc_id))
            if lookup is None:
                continue
            first = lookup.index_at(start)
            found = ([first] if first >= 0 else []) + [k for k in lookup.starting_in(start + 1, end)]
            members.update(lookup.values[k] for k in found)
        ordered = sorted(members)
        for x, a in enumerate(ordered):
            for b in ordered[x + 1 :]:
                if a[0] != b[0]:
                    pairs.setdefault((a, b), int(claim_id))
    return pairs


def _outcomes(name: str, split: str, claims: pd.DataFrame, gold: pd.DataFrame, sents: pd.DataFrame) -> list[dict]:
    text_of = {(r.doc_id, int(r.start)): (int(r.end), r.sentence) for r in sents.itertuples(index=False)}
    lines = {doc: SpanLookup(zip(g["start"].astype(int), g["end"].astype(int)), [(doc, int(s)) for s in g["start"]]) for doc, g in sents.groupby("doc_id")}
    judged: dict[tuple[Line, Line], tuple] = {}
    for r in gold.itertuples(index=False):
        a, b = sorted([(r.doc_a, int(r.a_start)), (r.doc_b, int(r.b_start))])
        judged[(a, b)] = (r.label, r.phenomena, r.claim, r.note)
    predicted = _predicted_pairs(claims, lines)

    def row(outcome: str, a: Line, b: Line, claim_id: int, label: str = "", phenomena: str = "", claim: str = "", note: str = "") -> dict:
        (a_end, a_text), (b_end, b_text) = text_of[a], text_of[b]
        return {
            "set": name,
            "split": split,
            "outcome": outcome,
            "doc_id": a[0],
            "start": a[1],
            "end": a_end,
            "text": a_text,
            "doc_b": b[0],
            "b_start": b[1],
            "b_end": b_end,
            "text_b": b_text,
            "label": label,
            "claim_id": claim_id,
            "note": note,
            "phenomena": phenomena,
            "claim": claim,
        }

    rows = []
    for (a, b), (label, phenomena, claim, note) in judged.items():
        claim_id = predicted.get((a, b), -1)
        if label == "same":
            rows.append(row("tp" if claim_id >= 0 else "fn", a, b, claim_id, label, phenomena, claim, note))
        elif claim_id >= 0:
            rows.append(row("related" if label == "related" else "fp", a, b, claim_id, label, phenomena, claim, note))
    rows += [row("fp", a, b, claim_id) for (a, b), claim_id in predicted.items() if (a, b) not in judged]
    return rows


def _counts(outcomes: pd.DataFrame) -> tuple[int, int, int]:
    count = outcomes["outcome"].value_counts()
    return tuple(int(count.get(k, 0)) for k in ("tp", "fp", "fn"))  # type: ignore[return-value]


def _rates(subset: str, outcomes: pd.DataFrame) -> list[dict]:
    tp, fp, fn = _counts(outcomes)
    return [
        _rate("claims", "precision", subset, tp, tp + fp, "predicted pairs annotated same / predicted pairs not annotated related"),
        _rate("claims", "recall", subset, tp, tp + fn, "pairs annotated same that share a claim / pairs annotated same"),
        _rate("claims", "f1", subset, 2 * tp, 2 * tp + fp + fn, "2 tp / (2 tp + fp + fn)"),
    ]


def score_claim_set(
    claims: pd.DataFrame | Mapping[str, pd.DataFrame] | Method | None = None,
    *, splits: Iterable[str] | None = ("dev",), devset: ClaimSet | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(summary, by_phenomenon, outcomes)`` of claims over the devset sets of ``splits``
    (``None``: every split; held-out figures are the honest ones, see the module docstring).

    ``claims``: ``None`` (each set's ``claims`` stage), a method ``(articles, docs) -> claims
    table`` run on each set, a mapping ``{set: claims table}``, or one table with a ``set``
    (or ``group``) column. Outcomes are ``tp``, ``fn``, ``fp`` and ``related`` (a predicted
    pair annotated related: set aside, in neither precision nor recall, as ``score_claims``
    does on the five pieces). ``summary`` has ``SUMMARY_COLUMNS`` rows (precision, recall,
    f1, each with numerator and denominator) per split, per set and ``all``; ``by_phenomenon`` the recall of the ``same`` pairs of
    each tag of :data:`PHENOMENA` per split; ``outcomes`` one row per judged or predicted pair
    (:data:`CLAIM_SET_COLUMNS`, both sentences' text). ``devset``: another :class:`ClaimSet`
    (default :func:`read_claim_set`).
    """
    devset = read_claim_set() if devset is None else devset
    splits = None if splits is None else tuple(splits)
    texts = _texts(devset, splits)
    split_of = dict(zip(texts["set"], texts["split"]))
    gold, sents = devset.gold, devset.sentences
    predictions = _predictions(claims, splits, devset)
    rows: list[dict] = []
    for name in sorted(split_of):
        rows += _outcomes(name, split_of[name], predictions.get(name), gold[gold["set"] == name], sents[sents["set"] == name])
    outcomes = pd.DataFrame(rows, columns=CLAIM_SET_COLUMNS)
    outcomes = outcomes.astype({c: "int64" for c in ("start", "end", "b_start", "b_end", "claim_id")})
    outcomes = outcomes.assign(_o=outcomes["outcome"].map(_ORDER)).sort_values(["set", "_o", "doc_id", "start", "doc_b", "b_start"], kind="stable")
    outcomes = outcomes.drop(columns="_o").reset_index(drop=True)
    summary = []
    for split in sorted(set(split_of.values())):
        summary += _rates(split, outcomes[outcomes["split"] == split])
    for name in sorted(split_of):
        summary += _rates(name, outcomes[outcomes["set"] == name])
    summary += _rates("all", outcomes)
    tags = []
    same = outcomes[outcomes["outcome"].isin(["tp", "fn"])]
    for split, group in same.groupby("split", sort=True):
        tagged = group["phenomena"].str.split(";")
        for tag in PHENOMENA:
            mine = group[tagged.map(lambda t, tag=tag: tag in t)]
            found = int((mine["outcome"] == "tp").sum())
            tags.append({"split": split, "phenomenon": tag, "annotated": len(mine), "found": found, "recall": round(found / len(mine), 4) if len(mine) else 0.0})
    table = _summary(summary)
    return table, pd.DataFrame(tags, columns=PHENOMENON_COLUMNS), outcomes


def with_commentary(outcomes: pd.DataFrame, devset: ClaimSet) -> pd.DataFrame:
    """``outcomes`` of :func:`score_claim_set` with ``commentary_a`` and ``commentary_b``: 1 when
    that sentence is marked commentary in the devset (its ``filler`` column; 0 in sets without one)."""
    sents = devset.sentences
    flags = sents["filler"].astype(int).tolist() if "filler" in sents.columns else [0] * len(sents)
    marked = {(doc, int(start)): flag for doc, start, flag in zip(sents["doc_id"], sents["start"], flags)}
    return outcomes.assign(
        commentary_a=[marked.get((doc, int(start)), 0) for doc, start in zip(outcomes["doc_id"], outcomes["start"])],
        commentary_b=[marked.get((doc, int(start)), 0) for doc, start in zip(outcomes["doc_b"], outcomes["b_start"])],
    )

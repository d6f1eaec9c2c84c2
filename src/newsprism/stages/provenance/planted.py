"""Provenance tables against planted truth (``planted_quotes.csv``, ``planted_claims.csv``).

The fixture folder ``tests/fixtures/provenance`` plants every quote of its pieces with its
verdict, match, differences and earliest text, and a set of claim sentences with their
reference sentence and the differences in each field (see its README). These functions
pair each planted row with a table row and score them: per verdict precision and recall
(:func:`verdict_scores`), and for claims whether the right reference sentence was found
and each difference entry (:func:`claim_outcomes`, :func:`field_scores`). Text is
compared loosely where the planted file is loose: case, white space, curly quotes and
the punctuation at the ends of a value do not count, and a difference entry agrees when
each side of one contains the other's side (``Joint Chiefs of Staff -> National
Intelligence Service`` against ``... -> South Korea's National Intelligence Service``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .claims import has_quotation
from .fields import FIELDS
from .quotes import VERDICTS

__all__ = ["claim_outcomes", "field_scores", "quote_outcomes", "read_planted", "verdict_scores"]

def read_planted(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(planted quotes, planted claims)`` of a fixture folder."""
    folder = Path(folder)
    read = lambda name: pd.read_csv(folder / name, dtype=str, keep_default_na=False)  # noqa: E731
    return read("planted_quotes.csv"), read("planted_claims.csv")


def _loose(text: object) -> str:
    text = str(text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split()).strip(" .,;:'\"")


def _entries(value: object) -> list[str]:
    return [_loose(e) for e in str(value or "").split(";") if _loose(e)]


def _agree(planted: str, found: str) -> bool:
    if planted == found:
        return True
    p, f = planted.split("->"), found.split("->")
    if len(p) != 2 or len(f) != 2:
        return False
    pk, fk = p[0].split(":")[0] if ":" in p[0] else "", f[0].split(":")[0] if ":" in f[0] else ""
    if pk != fk:
        return False
    sides = [(_loose(a.split(":", 1)[-1] if i == 0 else a), _loose(b.split(":", 1)[-1] if i == 0 else b)) for i, (a, b) in enumerate(zip(p, f))]
    return all(a and b and (a in b or b in a) for a, b in sides)


def _matched_entries(planted: list[str], found: list[str]) -> int:
    left, hits = list(found), 0
    for entry in planted:
        twin = next((f for f in left if _agree(entry, f)), None)
        if twin is not None:
            left.remove(twin)
            hits += 1
    return hits


def quote_outcomes(table: pd.DataFrame, planted: pd.DataFrame) -> pd.DataFrame:
    """One row per planted quote: the table's verdict, match, differences and whether each agrees."""
    rows = []
    for p in planted.itertuples(index=False):
        mine = table[(table["doc_id"] == p.piece) & (table["quote"].map(_loose) == _loose(p.quote)) & (table["occurrence"].astype(str) == p.occurrence)]
        got = mine.iloc[0] if len(mine) else None
        differences = _entries(got["differences"]) if got is not None else []
        rows.append(
            {
                "piece": p.piece, "quote": p.quote, "occurrence": int(p.occurrence), "planted": p.verdict,
                "verdict": got["verdict"] if got is not None else "(missing)",
                "match_doc": (got["match_doc"] if isinstance(got["match_doc"], str) else "") if got is not None else "",
                "planted_match": p.match_doc, "differences": "; ".join(differences), "planted_differences": p.differences,
                "verdict_ok": got is not None and got["verdict"] == p.verdict,
                "match_ok": got is not None and (got["match_doc"] if isinstance(got["match_doc"], str) else "") == p.match_doc,
                "text_ok": got is not None and got["quote"] == p.quote and (not p.match_quote or got["match_text"] == p.match_quote),
                "differences_ok": got is not None and _matched_entries(_entries(p.differences), differences) == len(_entries(p.differences)) == len(differences),
                "earliest_ok": got is not None and got["earliest_doc"] == p.earliest_doc,
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def verdict_scores(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per verdict: planted, predicted, correct, precision and recall (plus an ``all`` row: accuracy)."""
    rows = []
    for verdict in VERDICTS:
        planted = int((outcomes["planted"] == verdict).sum())
        predicted = int((outcomes["verdict"] == verdict).sum())
        correct = int(((outcomes["planted"] == verdict) & (outcomes["verdict"] == verdict)).sum())
        rows.append({"verdict": verdict, "planted": planted, "predicted": predicted, "correct": correct,
                     "precision": round(correct / predicted, 4) if predicted else 0.0, "recall": round(correct / planted, 4) if planted else 0.0})  # fmt: skip
    n, ok = len(outcomes), int(outcomes["verdict_ok"].sum())
    rows.append({"verdict": "all", "planted": n, "predicted": n, "correct": ok, "precision": round(ok / n, 4) if n else 0.0, "recall": round(ok / n, 4) if n else 0.0})
    return pd.DataFrame(rows)


def claim_outcomes(table: pd.DataFrame, planted: pd.DataFrame) -> pd.DataFrame:
    """One row per planted claim sentence and per table row with a match that plants none
    (those with quotation marks left out: the fixture plants no quote sentence as a claim)."""
    rows, used = [], set()
    for p in planted.itertuples(index=False):
        mine = table[(table["doc_id"] == p.piece) & (table["sentence"].map(_loose) == _loose(p.sentence))]
        got = mine.iloc[0] if len(mine) else None
        if got is not None:
            used.add(got.name)
        row = {"piece": p.piece, "sentence": p.sentence, "planted": True, "found": got is not None and isinstance(got["match_doc"], str),
               "match_ok": got is not None and got["match_doc"] == p.match_doc and _loose(got["match_text"]) == _loose(p.match_sentence)}  # fmt: skip
        for field in FIELDS:
            want, have = _entries(getattr(p, field)), _entries(got[field]) if got is not None else []
            row |= {f"{field}_planted": len(want), f"{field}_found": len(have), f"{field}_agree": _matched_entries(want, have)}
        rows.append(row)
    for i, got in table.iterrows():
        if i in used or not isinstance(got["match_doc"], str) or has_quotation(str(got["sentence"])):
            continue
        row = {"piece": got["doc_id"], "sentence": got["sentence"], "planted": False, "found": True, "match_ok": False}
        for field in FIELDS:
            row |= {f"{field}_planted": 0, f"{field}_found": len(_entries(got[field])), f"{field}_agree": 0}
        rows.append(row)
    return pd.DataFrame(rows)


def field_scores(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Sentence matching and each field's difference entries: planted, found, agreeing, precision, recall."""
    planted = outcomes[outcomes["planted"]]
    matched = int(planted["match_ok"].sum())
    found = int(outcomes["found"].sum())
    rows = [{"what": "sentence match", "planted": len(planted), "found": found, "agree": matched,
             "precision": round(matched / found, 4) if found else 0.0, "recall": round(matched / len(planted), 4) if len(planted) else 0.0}]  # fmt: skip
    for field in FIELDS:
        want, have, agree = (int(outcomes[f"{field}_{k}"].sum()) for k in ("planted", "found", "agree"))
        rows.append({"what": field, "planted": want, "found": have, "agree": agree,
                     "precision": round(agree / have, 4) if have else 0.0, "recall": round(agree / want, 4) if want else 0.0})  # fmt: skip
    return pd.DataFrame(rows)

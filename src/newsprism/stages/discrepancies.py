"""Where the pieces carrying one claim disagree, substance first.

:func:`claim_discrepancies` compares the claim details
(:func:`newsprism.stages.findings.claim_details`: per claim sentence, its values and their
comparable keys) piece against piece, one row per claim (or quantity group), field and
entity whose pieces differ, ranked by ``severity``:

1. ``numbers``: amounts of one thing (``entity``: troop for soldiers, troops and servicemen)
   compared as values with provenance's
   :func:`~newsprism.stages.provenance.values.value_differences`, so "ten thousand" =
   "10,000" and "more than 10,000" against "thousands" or "1,400" against "1,500" differ.
   The quantity groups of :mod:`newsprism.stages._quantity_pairs` (sentences of different
   pieces stating an amount of one thing about one subject, in no one claim) are compared
   the same way; their rows have an empty ``claim_id`` and the group in ``pair``;
2. ``when_where``: when and where the statement was made or the event happened: dates
   (:meth:`~newsprism.stages.provenance.values.DateValue.same_as`: "September 4th" =
   "September 4"; weekdays resolved against the piece's date), occasions ("the event"
   matches any occasion) and places;
3. ``credited``: the sources the sentences are attributed to;
4. ``roles``: the titles one person is given, compared with provenance's
   :func:`~newsprism.stages.provenance.persons.titles_differ` (office and rank);
5. ``names``: one person's name with other letters (compact keys differ; a short form such
   as "Peskov" for "Dmitry Peskov" is set aside).

Pieces differ on numbers when some value of one has a differing value of the same thing in
the other, on roles when every title both give disagrees, and on the other fields when each
of two pieces states something the other does not: a value one piece adds and the other
leaves out is an omission, never a row. Values that agree but are written differently (an
ordinal suffix, a dropped nationality adjective or rank, case, hyphens, "the") make a
``minor`` row of severity :data:`MINOR` (claims only). ``why`` says it in one sentence,
naming the pieces by their short doc ids and the values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import combinations

import pandas as pd

from newsprism.corpus.labels import short_ids
from newsprism.resources.aliases import name_key
from newsprism.stages._claim_fields import FIELDS, GENERIC_OCCASIONS
from newsprism.stages.provenance.persons import Title, titles_differ
from newsprism.stages.provenance.values import DateValue, Quantity, quantities, value_differences

__all__ = ["CLAIM_FIELDS", "DISCREPANCY_COLUMNS", "MINOR", "SEVERITY", "claim_discrepancies", "discrepancy_counts"]

#: Fields compared across the sentences of one claim, most substantial first.
CLAIM_FIELDS = FIELDS
SEVERITY = {field: rank for rank, field in enumerate(CLAIM_FIELDS, start=1)}
#: Severity of a difference in writing only.
MINOR = 9
DISCREPANCY_COLUMNS = ["severity", "minor", "claim_id", "pair", "field", "entity", "n_docs", "values", "why"]
_VERBS = {"numbers": ("says", "say"), "when_where": ("says", "say"), "credited": ("credits", "credit"), "roles": ("calls {}", "call {}"), "names": ("writes", "write")}
_MINOR_NOTES = {
    "numbers": "the same amount, written differently",
    "when_where": "the same date, occasion or place, written differently",
    "credited": "the same source, written differently",
    "names": "the same name: only case, hyphens or spacing differ",
}

PerDoc = dict[str, list[tuple[str, str]]]  # doc_id -> [(value, key)]


def _nested(a: list, b: list, equal: Callable) -> bool:
    return all(any(equal(x, y) for y in b) for x in a)


def _conflict(values: list[list], equal: Callable) -> bool:
    """Whether two of the pieces each state something the other does not."""
    return any(not _nested(a, b, equal) and not _nested(b, a, equal) for a, b in combinations(values, 2))


def _date(rest: str) -> DateValue:
    kind, _, key = rest.partition(":")
    return DateValue("", 0, 0, kind, key)


def _same_when_where(a: str, b: str) -> bool:
    kind_a, _, rest_a = a.partition(":")
    kind_b, _, rest_b = b.partition(":")
    if kind_a != kind_b:
        return False
    if kind_a == "date":
        return _date(rest_a).same_as(_date(rest_b))
    if kind_a == "occasion" and (rest_a in GENERIC_OCCASIONS or rest_b in GENERIC_OCCASIONS):
        return True
    return rest_a == rest_b


def _amount(value: str, thing: str) -> Quantity | None:
    """The amount a numbers value states, counting ``thing`` (the value re-read by ``quantities``)."""
    found = quantities(value)
    return replace(found[0], unit=thing) if found else None


def _full_names(per_doc: PerDoc) -> PerDoc:
    """Each piece's names without the short forms of a longer name ("Peskov", "Kim")."""
    words = {v: set(name_key(v).split()) for values in per_doc.values() for v, _ in values}
    kept = {doc: [(v, k) for v, k in values if not any(words[v] < other for other in words.values())] for doc, values in per_doc.items()}
    return {doc: values for doc, values in kept.items() if values}


def _verdict(field: str, per_doc: PerDoc, entity: str) -> str:
    """``differ``, ``agree`` (the same values, however written) or ``omits`` (one piece
    states values the other leaves out, and nothing that differs)."""
    if field == "roles":
        titles = [[Title.parse(v) for v, _ in values] for values in per_doc.values()]
        return "differ" if any(titles_differ(a, b) for a, b in combinations(titles, 2)) else "agree"
    if field == "numbers":
        values: list[list] = [[q for q in (_amount(v, entity) for v, _ in vals) if q is not None] for vals in per_doc.values()]
        differ = any(value_differences(a, b, lambda x, y: x.unit == y.unit) for a, b in combinations(values, 2))
        equal: Callable = Quantity.same_as
    else:
        values = [[k for _, k in vals] for vals in per_doc.values()]
        equal = _same_when_where if field == "when_where" else (lambda x, y: x == y)
        differ = _conflict(values, equal)
    if differ:
        return "differ"
    return "agree" if all(_nested(a, b, equal) and _nested(b, a, equal) for a, b in combinations(values, 2)) else "omits"


def _written(per_doc: PerDoc) -> list[list[str]]:
    return [list(dict.fromkeys(" ".join(v.split()) for v, _ in values)) for values in per_doc.values()]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _why(field: str, entity: str, per_doc: PerDoc, labels: dict[str, str], note: str) -> str:
    groups: dict[tuple[str, ...], list[str]] = {}
    for doc, written in zip(per_doc, _written(per_doc)):
        groups.setdefault(tuple(written), []).append(labels[doc])
    one, many = _VERBS[field]
    ordered = sorted(groups.items(), key=lambda g: len(g[1]))  # the odd piece out first
    parts = [f"{_and(docs)} {(one if len(docs) == 1 else many).format(entity)} {_and(list(values))}" for values, docs in ordered]
    return "; ".join(parts) + (f" ({note})" if note else "") + "."


def _minor_note(field: str, per_doc: PerDoc) -> str:
    if field == "roles":
        keys = sorted({k for values in per_doc.values() for _, k in values if k})
        return f"the same office: {keys[0]}" if len(keys) == 1 else "the same title, written differently"
    return _MINOR_NOTES[field]


def _compare(claim_id, pair: str, field: str, entity: str, per_doc: PerDoc, labels: dict[str, str]) -> dict | None:
    if field == "names":
        per_doc = _full_names(per_doc)
    if len(per_doc) < 2:
        return None
    verdict = _verdict(field, per_doc, entity)
    if verdict == "differ":
        minor, note = False, ""
    elif verdict == "agree" and not pair and len({tuple(w) for w in _written(per_doc)}) > 1:
        minor, note = True, _minor_note(field, per_doc)
    else:
        return None
    values = "; ".join(f"{doc}: {' | '.join(sorted(set(w)))}" for doc, w in zip(per_doc, _written(per_doc)))
    return {
        "severity": MINOR if minor else SEVERITY[field], "minor": minor, "claim_id": claim_id, "pair": pair, "field": field, "entity": entity,
        "n_docs": len(per_doc), "values": values, "why": _why(field, entity, per_doc, labels, note),
    }  # fmt: skip


def claim_discrepancies(details: pd.DataFrame) -> pd.DataFrame:
    """Where the pieces of one claim (or quantity group) differ: one row per (claim, field,
    entity), sorted by severity then claim; ``values`` lists what each piece says
    (``doc: v1 | v2``) and ``why`` says it in a sentence (see the module docstring)."""
    labels = short_ids(sorted(details["doc_id"].unique()))
    rows = []
    claim_ids = details["claim_id"].astype("Int64").fillna(-1) if len(details) else details["claim_id"]
    for (claim_id, pair, field, entity), group in details.groupby([claim_ids, "pair", "field", "entity"], sort=True):
        per_doc: PerDoc = {}
        for doc, value, key in zip(group["doc_id"], group["value"], group["key"]):
            if (value, key) not in per_doc.setdefault(doc, []):
                per_doc[doc].append((value, key))
        row = _compare(pd.NA if claim_id == -1 else int(claim_id), pair, field, entity, dict(sorted(per_doc.items())), labels)
        if row is not None:
            rows.append(row)
    table = pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS).astype({"severity": "int64", "minor": "bool", "claim_id": "Int64", "n_docs": "int64"})
    order = table.assign(_field=table["field"].map(SEVERITY))
    order = order.sort_values(["severity", "claim_id", "pair", "_field", "entity"], na_position="last", kind="stable")
    return table.loc[order.index].reset_index(drop=True)


def discrepancy_counts(discrepancies: pd.DataFrame) -> pd.DataFrame:
    """Claims (and quantity groups) x fields: how many substantive differences each shows in
    each field, and in ``minor`` how many differences in writing only."""
    columns = [*CLAIM_FIELDS, "minor"]
    if discrepancies.empty:
        return pd.DataFrame(columns=columns, dtype="int64")
    label = [str(c) if not pd.isna(c) else p for c, p in zip(discrepancies["claim_id"], discrepancies["pair"])]
    column = ["minor" if m else f for f, m in zip(discrepancies["field"], discrepancies["minor"])]
    counts = pd.crosstab(pd.Series(label, name="claim"), pd.Series(column, name="field"))
    order = sorted(counts.index, key=lambda x: (not x.isdigit(), int(x) if x.isdigit() else 0, x))
    counts = counts.reindex(index=order, columns=columns, fill_value=0).astype("int64")
    counts.columns.name = None
    return counts

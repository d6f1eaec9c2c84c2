"""Head words that say what a name is: places, facilities, organisations, named equipment.

Used by :mod:`newsprism.stages.entities.detect`. ``data/lexicons/entity_heads.csv`` lists
words (term, label, position, also_name): a lower-case noun right ``after`` a name
("the Sudzhansky district", "the Uran-6 robot", "Bayraktar drones"), a lower-case noun
right ``before`` it, "of" allowed ("the village of Martynovka", "the destroyer Choe
Hyon"), ``both``, or a capitalised word that is the ``last`` word of the name ("Lenin
Street", "Kim Il Sung Square", "the General Staff"). A head gives the name its label,
whatever the model said; a ``last`` head that is also a family name (``also_name``:
"Park") leaves a model PERSON alone. :data:`EQUIPMENT` model names ("Uran-6", "Kh-101",
"Il-96") are PRODUCT, and a one-word ORG right after a locative preposition ("near
Sumy") is a place, as is the capitalised place of a dateline ("SEOUL, Oct. 17"). Spans from the
alias table are never relabelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsprism.errors import NewsprismError
from newsprism.nlp.matchers import HYPHENS
from newsprism.resources.files import resource
from newsprism.resources.titles import title_kind

__all__ = ["EQUIPMENT", "HEADS_FILE", "Heads", "equipment_at", "heads", "relabel"]

HEADS_FILE = "lexicons/entity_heads.csv"
#: A model name: a capitalised word, a hyphen and a number ("Uran-6", "Kh-101", "Su-57").
EQUIPMENT = re.compile(r"^[A-Z][A-Za-z]{0,9}[-\u2010\u2011]\d+[A-Za-z]{0,3}$")
_POSITIONS = ("after", "before", "both", "last")
_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "NORP", "EVENT"})
_LISTS = frozenset({"and", ",", "or", "&"})
_LOCATIVE = frozenset({"in", "near", "outside", "around", "into", "towards", "toward"})
#: Labels a head never replaces, by the head's label: a nationality stays one ("Russian
#: drones"), and a known place is not made equipment ("Iran missiles").
_KEPT = {"PRODUCT": frozenset({"NORP", "GPE", "LOC"})}
_NEVER = frozenset({"NORP"})


def _may_become(old: str, new: str) -> bool:
    return old not in _NEVER and old not in _KEPT.get(new, ())


@dataclass(frozen=True)
class Heads:
    """The head words by position. Get it with :func:`heads`."""

    after: dict[str, str]
    before: dict[str, str]
    last: dict[str, tuple[str, bool]]

    @classmethod
    def from_table(cls, table) -> Heads:
        missing = {"term", "label", "position"} - set(table.columns)
        if missing:
            raise NewsprismError(f"{HEADS_FILE}: lacks column(s) {', '.join(sorted(missing))}")
        after, before, last = {}, {}, {}
        for row in table.itertuples(index=False):
            term, label, position = row.term.strip(), row.label.strip(), row.position.strip()
            if position not in _POSITIONS or label not in _LABELS:
                raise NewsprismError(f"{HEADS_FILE}: '{term}': position must be one of {', '.join(_POSITIONS)}, label one of {', '.join(sorted(_LABELS))}")
            if position == "last":
                last.setdefault(term, (label, str(getattr(row, "also_name", "")).strip() == "yes"))
            if position in ("after", "both"):
                after.setdefault(term.casefold(), label)
            if position in ("before", "both"):
                before.setdefault(term.casefold(), label)
        return cls(after, before, last)

    @property
    def last_words(self) -> frozenset[str]:
        return frozenset(self.last)

    @staticmethod
    def _noun(found: dict[str, str], tok) -> str | None:
        if not tok.is_lower:
            return None
        word = tok.text
        for form in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
            if form in found:
                return found[form]
        return None

    def after_label(self, tok) -> str | None:
        """The label a lower-case noun gives the name right before it."""
        return self._noun(self.after, tok)

    def before_label(self, tok) -> str | None:
        """The label a lower-case noun gives the name right after it."""
        return self._noun(self.before, tok)

    def last_label(self, tok, label: str) -> str | None:
        """The label a capitalised last word gives a name the model labels ``label``."""
        found = self.last.get(tok.text)
        if found is None or (found[1] and label == "PERSON"):
            return None
        return found[0]


def heads() -> Heads:
    """The :class:`Heads` of ``data/lexicons/entity_heads.csv`` (rebuilt when its bytes change)."""
    return resource(HEADS_FILE, Heads.from_table)


def equipment_at(doc, i: int) -> int:
    """End of a model name starting at ``doc[i]`` ("Uran-6" as one token, or "Uran - 6"), else ``i``."""
    if EQUIPMENT.match(doc[i].text):
        return i + 1
    glued = i + 2 < len(doc) and doc[i].is_alpha and doc[i + 1].text in HYPHENS and not doc[i].whitespace_ and not doc[i + 1].whitespace_
    if glued and EQUIPMENT.match(f"{doc[i].text}-{doc[i + 2].text}"):
        return i + 3
    return i


def _capital_run(doc, end: int, covered: set[int]) -> int:
    """Start of the run of uncovered capitalised words (or model names) ending before ``end``."""
    k = end
    while k > 0 and k - 1 not in covered:
        tok = doc[k - 1]
        if not (tok.text[:1].isupper() and (tok.is_alpha or equipment_at(doc, k - 1) == k)) or title_kind(tok.text) or tok.is_stop:
            break
        k -= 1
    return k


def _of_phrase(doc, k: int) -> int:
    """End of "of (the) Capitalised..." starting at ``doc[k]`` ("of the Sun"), else ``k``."""
    if k >= len(doc) or doc[k].lower_ != "of":
        return k
    j = k + 2 if k + 1 < len(doc) and doc[k + 1].lower_ == "the" else k + 1
    end = j
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
        end += 1
    return end if end > j else k


def _dateline(doc, a: int, b: int) -> bool:
    """Whether ``doc[a:b]`` is the place of a dateline: capital letters at a line start, then a comma."""
    at_start = a == 0 or "\n" in doc[a - 1].text or "\n" in doc[a - 1].whitespace_
    return at_start and b < len(doc) and doc[b].text == "," and all(doc[k].is_upper and doc[k].is_alpha for k in range(a, b))


def _add_missed(doc, table: Heads, covered: set[int], new: Callable[[int, int, str], None]) -> None:
    """New mentions: model names, names before a head noun ("Sudzhanskiy district"), names
    ending in a head word ("Gagarin Street") or made of one and an of-phrase ("the Tomb of
    the Unknown Soldier")."""
    for i in range(len(doc)):
        end = equipment_at(doc, i)
        if end > i and covered.isdisjoint(range(i, end)):
            new(i, end, "PRODUCT")
    for k, tok in enumerate(doc):
        if k in covered:
            continue
        label = table.after_label(tok)
        last = table.last.get(tok.text)
        a = _capital_run(doc, k, covered)
        if label and a < k and not (a == k - 1 and doc[a].is_sent_start):
            new(a, k, label)
        elif last and not last[1]:
            end = _of_phrase(doc, k + 1)
            if a < k or (end > k + 1 and not tok.is_sent_start and covered.isdisjoint(range(k, end))):
                new(a, end, last[0])


def relabel(doc, mentions: list, covered: set[int], new: Callable, reshape: Callable, drop: Callable) -> None:
    """Give head and equipment labels to the piece's mentions (in place) and add the names
    the model missed before a head word or ending in one.

    ``mentions`` are the accepted mentions (``ts``, ``te``, ``label``, ``found_by``) and
    ``covered`` their tokens; ``new(start, end, label)`` accepts a new mention,
    ``reshape(mention, start, end)`` moves one over its head ("Kim Il Sung" + "Square",
    "the frigate" + "Admiral Makarov", "Kumsusan Palace" + "of the Sun") and
    ``drop(mention)`` removes one a reshaped mention takes in."""
    table = heads()
    _add_missed(doc, table, covered, new)
    by_start = {m.ts: m for m in mentions}
    for m in sorted(mentions, key=lambda m: -m.ts):
        if m.found_by == "ruler" or not any(o is m for o in mentions):
            continue
        if any(equipment_at(doc, k) > k for k in range(m.ts, m.te)):
            m.label = "PRODUCT"  # a model name, whatever the model said ("Il-76" as NORP)
            continue
        label = None
        after = doc[m.te] if m.te < len(doc) else None
        head = table.last.get(after.text) if after is not None and m.te not in covered else None
        if head and not head[1] and _may_become(m.label, head[0]):
            label = head[0]
            reshape(m, m.ts, m.te + 1)
        label = label or table.last_label(doc[m.te - 1], m.label)
        if not label and after is not None:
            label = table.after_label(after)
            nxt = by_start.get(m.te + 1)
            if not label and after.lower_ in _LISTS and nxt is not None and nxt.extra.get("head") == "after":
                label = nxt.label  # "the Sudzhansky and Korenevsky districts"
            if label:
                m.extra["head"] = "after"
        k = m.ts - 1
        while k >= 0 and title_kind(doc[k].text) and doc[k].text[:1].isupper():
            k -= 1
        if not label and k >= 0:
            j = k - 1 if doc[k].lower_ == "of" and k > 0 else k
            label = table.before_label(doc[j])
            if label and k < m.ts - 1 and _may_become(m.label, label):
                reshape(m, k + 1, m.te)
        if not label and _dateline(doc, m.ts, m.te):
            label = "GPE"  # "SEOUL, Oct. 17 (Yonhap) --"
        if not label and m.label == "ORG" and m.te - m.ts == 1 and not doc[m.ts].is_upper and m.ts and doc[m.ts - 1].lower_ in _LOCATIVE:
            label = "GPE"  # "near Sumy", "in Martynovka": a one-word place the model calls ORG
        if label and _may_become(m.label, label):
            m.label = label
        if m.label == "FAC" and doc[m.te - 1].text in table.last:
            end = _of_phrase(doc, m.te)
            inside = [o for o in mentions if o is not m and m.te <= o.ts < end]
            if end > m.te and all(o.te <= end and o.found_by != "ruler" for o in inside):
                for o in inside:
                    drop(o)
                reshape(m, m.ts, end)

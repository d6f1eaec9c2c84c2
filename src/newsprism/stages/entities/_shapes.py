"""Token runs shaped like a person's name, for names the small model misses or mislabels.

Used by :mod:`newsprism.stages.entities.detect`. :func:`name_shapes` finds, over one parsed
piece, capitalised runs that the transliteration table
(:mod:`newsprism.stages.entities.transliteration`) marks as names:

- *Korean*: a Korean family name followed by one to three romanised syllables, in one to
  three words, hyphens kept ("Choe Ryong Hae", "Pak Thae-song", "No Gwang-cheol");
- *given name*: a Russian or Ukrainian given name, an optional patronymic and a surname
  ("Valentina Matviyenko", "Sergey Shoygu" inside "Russian Security Council Sergey Shoygu");
- *patronymic*: any three capitalised words whose middle one is a patronymic
  ("Marat Shakirzyanovich Khusnullin");
- *known surname*: a capitalised word and a surname another piece of the corpus gives a
  person (a second pass, :func:`newsprism.stages.entities.detect.known_surnames`).

:func:`overrides` says whether such a run replaces an overlapping model span: a model
PERSON span holding it wins, and a run never replaces a span the model gives exactly the
same words with a label that is no person's (``PRODUCT`` "Choe Hyon", the destroyer;
``GPE``), unless that label is ``ORG``, which the model gives foreign names.
"""

from __future__ import annotations

import re

from newsprism.nlp.matchers import HYPHENS
from newsprism.resources.titles import title_kind

from .transliteration import korean_syllables, transliteration

__all__ = ["name_shapes", "overrides"]

#: Model labels a name-shaped run of exactly the same tokens replaces.
_REPLACED = frozenset({"ORG", "PERSON"})
_INITIAL = re.compile(r"^[A-Z]\.$")


def _initial(tok) -> bool:
    return _INITIAL.match(tok.text) is not None


def _capitalised(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not title_kind(tok.text) and not tok.is_stop


def _glued_part(doc, k: int) -> bool:
    """Whether ``doc[k:k+2]`` is a hyphen glued to the previous word and an alphabetic word."""
    return k + 1 < len(doc) and doc[k].text in HYPHENS and not doc[k - 1].whitespace_ and not doc[k].whitespace_ and doc[k + 1].is_alpha


def _korean(doc, i: int, heads: frozenset[str]) -> int:
    """End of a Korean name starting at ``doc[i]`` (a family name), else ``i``: each given
    word is capitalised after a space, or glued to the previous one by a hyphen."""
    if transliteration().family_name(doc[i].lower_) is None:
        return i
    end, syllables = i + 1, 0
    while end < len(doc):
        if end > i + 1 and _glued_part(doc, end):
            part = end + 1
        elif doc[end - 1].whitespace_ and _capitalised(doc[end]):
            part = end
        else:
            break
        n = korean_syllables(doc[part].lower_)
        if not n or syllables + n > 3 or doc[part].text in heads:
            break
        syllables += n
        end = part + 1
    return end if syllables else i


def _slavic(doc, i: int, heads: frozenset[str], known: frozenset[str]) -> int:
    """End of a given name (+ patronymic) + surname starting at ``doc[i]``, else ``i``; with
    ``known`` family-name forms, any proper noun or initial before a known surname starts
    one ("P. Orlov"; not "Given" in "Given Putin's warning")."""
    table = transliteration()
    given = table.given_name(doc[i].lower_) is not None
    k = i + 1
    patronymic = k < len(doc) and _capitalised(doc[k]) and table.is_patronymic(doc[k].lower_)
    if patronymic:
        k += 1
    if k >= len(doc) or not _capitalised(doc[k]) or doc[k].text in heads:
        return i
    surname = doc[k].lower_
    leading = doc[i].pos_ == "PROPN" or _initial(doc[i])
    by_known = known and leading and table.family_name(surname) is None and table.form(surname, "slavic", table=False)[0] in known
    if not (given or patronymic or by_known):
        return i
    end = k + 1
    if _glued_part(doc, end) and doc[end + 1].text[:1].isupper():
        end += 2
    return end


def name_shapes(doc, heads: frozenset[str], known: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Token ranges of name-shaped runs, left to right, never overlapping; ``heads`` are
    words that end a place or organisation name ("Street", "Garden"), never a surname;
    ``known`` the family-name forms of people named elsewhere in the corpus
    (:func:`newsprism.stages.entities.detect.known_surnames`: "Rustem Umerov", read as an
    ORG, is a person when another piece names "Rustem Umierov")."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        end = i
        if (_capitalised(tok) or (known and _initial(tok))) and (i == 0 or doc[i - 1].text not in HYPHENS):
            end = max(_korean(doc, i, heads), _slavic(doc, i, heads, known))
        if end > i + 1:
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def overrides(shape: tuple[int, int], span: tuple[int, int], label: str) -> bool:
    """Whether a name-shaped run replaces an overlapping model span ``span`` of ``label``."""
    (s, e), (a, b) = shape, span
    if label == "PERSON":
        return not (a <= s and e <= b)  # a model PERSON span holding the run wins
    if (a, b) == (s, e):
        return label in _REPLACED
    if a <= s and e <= b:
        return True  # the model ran a place or an organisation into the name
    return label in _REPLACED

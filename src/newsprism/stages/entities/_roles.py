"""Title words around people's names in one parsed piece: titled names and attached roles.

Used by :mod:`newsprism.stages.entities.detect`: :func:`title_spans` finds the capitalised
words right after a title word ("General [No Gwansik]"), :func:`role_tokens` the title or
role attached to a person mention, before it ("Russian Deputy Foreign Minister Andrei
Rudenko", "press secretary, Dmitry Peskov") or after it (", the Kremlin spokesman,").
Title words come from :func:`newsprism.resources.titles.title_kind`.
"""

from __future__ import annotations

from newsprism.nlp.matchers import HYPHENS
from newsprism.resources.titles import title_kind
from newsprism.resources.words import ARTICLES

__all__ = ["NAME_TITLES", "POSSESSIVES", "is_break", "role_tokens", "title_spans"]

#: Kinds of title word that can stand right before a name.
NAME_TITLES = frozenset({"office", "rank", "honorific"})
#: Possessive tokens ("'s" and its curly and bare forms).
POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019", "s'", "s\u2019"})


def is_break(token) -> bool:
    """Whether a token is a blank or holds a line break (entities never span one)."""
    return token.is_space or "\n" in token.text


def title_spans(doc, covered: set[int], heads: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Capitalised word runs right after a title word, outside the ``covered`` tokens.

    A title word right after an article is part of a name, not a title ("the General
    Staff", "the Admiral Tributs"), and a run ending in one of ``heads`` (words that end
    an organisation or place name: "Staff", "Street") is no person."""
    out = []
    n = len(doc)
    for i in range(n - 1):
        if title_kind(doc[i].text) not in NAME_TITLES or (i > 0 and doc[i - 1].lower_ in ARTICLES):
            continue
        j = end = i + 1
        while j < n and j not in covered and not is_break(doc[j]):
            tok = doc[j]
            if tok.text in HYPHENS and j > i + 1 and j + 1 < n and doc[j + 1].is_alpha and j + 1 not in covered:
                j = end = j + 2
            elif tok.is_alpha and tok.text[:1].isupper() and not title_kind(tok.text):
                j = end = j + 1
            else:
                break
        if end == i + 1 or (end - i - 1 == 1 and doc[i + 1].is_stop) or doc[end - 1].text in heads:
            continue
        out.append((i + 1, end))
    return out


def role_tokens(doc, ts: int, te: int, context: set[int]) -> tuple[int, int] | None:
    """Token range of the title/role attached to the person at ``doc[ts:te]``, else None.

    Before the name: a chain of title words and nationality/organisation words (the
    ``context`` tokens) ending right before it or before a comma. After it: a comma, an
    optional article and such a chain ending in a title word, then punctuation or a break.
    """

    def admissible(k: int) -> bool:
        tok = doc[k]
        if title_kind(tok.text) or k in context:
            return True
        return tok.text in POSSESSIVES and k - 1 in context

    def chain_back(last: int) -> tuple[int, int] | None:
        if last < 0 or title_kind(doc[last].text) not in NAME_TITLES:
            return None
        k = last
        while k - 1 >= 0 and (admissible(k - 1) or (doc[k - 1].lower_ in ("of", "the") and k - 2 >= 0 and admissible(k - 2))):
            k -= 1
        while k < last and (doc[k].lower_ in ("of", "the") or doc[k].text in POSSESSIVES):
            k += 1
        return k, last + 1

    before = ts - 1
    found = chain_back(before - 1) if before >= 0 and doc[before].text == "," else chain_back(before)
    if found:
        return found
    k = te
    if k + 1 < len(doc) and doc[k].text == ",":
        a = k + 1
        if doc[a].lower_ in ARTICLES:
            a += 1
        b = a
        while b < len(doc) and admissible(b):
            b += 1
        if b > a and title_kind(doc[b - 1].text) in NAME_TITLES and (b == len(doc) or doc[b].is_punct or is_break(doc[b])):
            return a, b
    return None

"""The phrase matchers over the shared parse: the alias ruler and lexicon terms.

Both run spaCy's :class:`~spacy.matcher.PhraseMatcher` (a trie walk, linear in the tokens)
over a *key doc*: a Doc holding one folded key per token of the parse, built for the
match and thrown away, so the shared parse and pipeline are never changed. Overlapping
candidates are resolved by :func:`longest_first`, each matcher giving its explicit order.

- :class:`AliasRuler` (the entity ruler): the alias table's name rows (roles are not
  names). Keys are lower-case with either apostrophe, so matching is case-insensitive,
  but an all-capital alias ("US", "TASS") only matches all-capital text and a capitalised
  alias only text with a capital first letter. A hyphen between two words, or in the
  alias, is optional (each alias adds a pattern per choice), and any of ``-``, U+2010 and
  U+2011 counts. The longest match wins, then the earliest, then a row whose
  :func:`~newsprism.resources.aliases.name_key` equals the text's, then row order.
- :class:`TermMatcher` (frames and lexical choice): a term is one or more words split by
  the pipeline's tokenizer and folded (:func:`fold_word`). A ``lemma``-mode word matches a
  token whose folded lemma or folded text equals it, an ``exact``-mode word only the
  folded text. A lemma-mode word's patterns are every folded text the matched docs
  lemmatise to it (learnt as docs arrive), and each candidate is checked against the rule,
  so the result does not depend on which docs were matched before. Only tokens inside the
  given line spans match, a match never crosses a line, and the longest match in tokens,
  then characters, then the earlier, then lexicon order wins across keys.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from newsprism.errors import NewsprismError
from newsprism.resources.aliases import ALIAS_FILE, AliasIndex, AliasRow, name_key
from newsprism.resources.files import resource
from newsprism.text.normalize import fold_char

from .model import load

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = [
    "HYPHENS",
    "AliasRuler",
    "Hit",
    "Term",
    "TermMatcher",
    "alias_ruler",
    "compile_terms",
    "fold_word",
    "longest_first",
]

#: Tokens that count as a hyphen between two words of a name.
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
#: The key of a token no pattern contains (spaces, a line break between two lines).
_GAP = "\x00"
C = TypeVar("C")


def fold_word(text: str) -> str:
    """A word as lexicon terms compare it: quotes and dashes folded, lower case."""
    return "".join(fold_char(ch) for ch in text).lower()


def _key_doc(vocab: Vocab, keys: list[str]) -> Doc:
    from spacy.tokens import Doc

    return Doc(vocab, words=keys or [_GAP], spaces=[False] * max(len(keys), 1))


def _phrase_matcher(vocab: Vocab):
    from spacy.matcher import PhraseMatcher

    return PhraseMatcher(vocab, attr="ORTH")


def longest_first(candidates: Iterable[C], span: Callable[[C], tuple[int, int]], rank: Callable[[C], tuple]) -> list[C]:
    """The candidates kept when overlaps are resolved greedily in ``rank`` order: each
    candidate whose token range ``span(c)`` touches no kept one is kept (in rank order)."""
    taken: set[int] = set()
    kept = []
    for candidate in sorted(candidates, key=rank):
        first, last = span(candidate)
        if taken.isdisjoint(range(first, last)):
            taken.update(range(first, last))
            kept.append(candidate)
    return kept


# ----------------------------------------------------------------------------- alias ruler


def _ruler_key(lower: str) -> str:
    if lower in HYPHENS:
        return "-"
    if not lower or lower.isspace():
        return _GAP
    return lower.replace("\u2019", "'")


def _alias_variants(tokens: Sequence) -> list[tuple[str, ...]]:
    """Key sequences an alias matches: its words, with each optional hyphen present or not."""
    items: list[tuple[tuple[str, ...], ...]] = []
    words = [t for t in tokens if not t.is_space]
    for k, tok in enumerate(words):
        if tok.text in HYPHENS:
            items.append(((), ("-",)))
            continue
        if k and words[k - 1].text not in HYPHENS and tok.is_alpha and words[k - 1].is_alpha:
            items.append(((), ("-",)))
        items.append(((_ruler_key(tok.lower_),),))
    variants = {tuple(itertools.chain.from_iterable(choice)) for choice in itertools.product(*items)}
    return sorted(v for v in variants if v)


class AliasRuler:
    """The entity ruler: non-overlapping alias-table matches in a Doc (see the module docstring)."""

    def __init__(self, index: AliasIndex) -> None:
        nlp = load()
        self.rows = index.rows
        self._matcher = _phrase_matcher(nlp.vocab)
        self._row_of: dict[int, int] = {}
        self._keys: dict[int, str] = {}
        for i, row in enumerate(self.rows):
            if row.kind == "role":
                continue
            variants = _alias_variants(nlp.tokenizer(row.alias))
            if not variants:
                continue
            label = f"alias:{i}"
            self._row_of[nlp.vocab.strings.add(label)] = i
            self._matcher.add(label, [_key_doc(nlp.vocab, list(v)) for v in variants])

    def _keys_of(self, doc: Doc) -> list[str]:
        from spacy.attrs import LOWER

        lowers = doc.to_array([LOWER]).tolist()
        strings = doc.vocab.strings
        for h in set(lowers) - self._keys.keys():
            self._keys[h] = _ruler_key(strings[h])
        return [self._keys[h] for h in lowers]

    def __call__(self, doc: Doc) -> list[tuple[int, int, AliasRow]]:
        """``(start token, end token, row)`` of each kept match, in text order."""
        if not self._row_of or not len(doc):
            return []
        found = []
        for match_id, s, e in self._matcher(_key_doc(doc.vocab, self._keys_of(doc))):
            i = self._row_of[match_id]
            row, text = self.rows[i], doc[s:e].text
            if row.alias.isupper() and not text.isupper():
                continue
            if row.alias[:1].isupper() and not text[:1].isupper():
                continue
            found.append((s, e, 0 if name_key(text) == name_key(row.alias) else 1, i))
        kept = longest_first(found, lambda f: (f[0], f[1]), lambda f: (-(f[1] - f[0]), f[0], f[2], f[3]))
        return [(s, e, self.rows[i]) for s, e, _, i in sorted(kept)]


def _build_ruler(table) -> AliasRuler:
    return AliasRuler(AliasIndex.from_table(table))


def alias_ruler() -> AliasRuler:
    """The :class:`AliasRuler` of ``data/aliases/entities.csv`` (rebuilt when its bytes change)."""
    return resource(ALIAS_FILE, _build_ruler)


# ----------------------------------------------------------------------------- lexicon terms


@dataclass(frozen=True)
class Term:
    """One lexicon entry ready to match: ``key`` counts the hit, ``words`` are folded tokens."""

    key: str
    term: str
    words: tuple[str, ...]
    match: str
    order: int


@dataclass(frozen=True)
class Hit:
    """A resolved match: raw character offsets and the entry that matched."""

    start: int
    end: int
    term: Term


@lru_cache(maxsize=4096)
def _term_words(term: str) -> tuple[str, ...]:
    return tuple(fold_word(t.text) for t in load().tokenizer(term) if not t.is_space)


def compile_terms(entries: Iterable[tuple[str, str, str]]) -> list[Term]:
    """Turn ``(key, term, match)`` rows into :class:`Term` objects (order = row order)."""
    terms = []
    for order, (key, term, match) in enumerate(entries):
        words = _term_words(term)
        if not words:
            raise NewsprismError(f"lexicon term '{term}' has no words")
        terms.append(Term(key=key, term=term, words=words, match=match, order=order))
    return terms


class TermMatcher:
    """Non-overlapping hits of lexicon terms in Docs (see the module docstring)."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._vocab = load().vocab
        self._matcher = _phrase_matcher(self._vocab)
        self._term_of: dict[int, Term] = {}
        #: lemma-mode word -> the folded texts it stands for; word -> lemma terms using it
        self._forms: dict[str, set[str]] = {}
        self._users: dict[str, list[Term]] = defaultdict(list)
        self._added: set[tuple[int, tuple[str, ...]]] = set()
        self._folds: dict[int, str] = {}
        for term in terms:
            self._term_of[self._vocab.strings.add(f"term:{term.order}")] = term
            if term.match == "lemma":
                for word in dict.fromkeys(term.words):
                    self._forms.setdefault(word, {word})
                    self._users[word].append(term)
            self._add(term)

    def _add(self, term: Term) -> None:
        choices = [sorted(self._forms[w]) if term.match == "lemma" else [w] for w in term.words]
        new = [v for v in itertools.product(*choices) if (term.order, v) not in self._added]
        if new:
            self._added.update((term.order, v) for v in new)
            self._matcher.add(f"term:{term.order}", [_key_doc(self._vocab, list(v)) for v in new])

    def _fold(self, strings, h: int) -> str:
        found = self._folds.get(h)
        if found is None:
            found = self._folds[h] = fold_word(strings[h])
        return found

    def _tokens(self, doc: Doc, spans: list[tuple[int, int]]) -> tuple[list[int], np.ndarray, list[str], list[str]]:
        """Line, start, folded text and folded lemma of each non-space token inside ``spans``."""
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH

        if not len(doc) or not spans:
            return [], np.zeros((0, 2), dtype=np.int64), [], []
        array = doc.to_array([IDX, LENGTH, IS_SPACE, ORTH, LEMMA])
        starts = np.asarray([s for s, _ in spans], dtype=np.int64)
        ends = np.asarray([e for _, e in spans], dtype=np.int64)
        idx, length = array[:, 0].astype(np.int64), array[:, 1].astype(np.int64)
        line = np.searchsorted(starts, idx, side="right") - 1
        keep = (array[:, 2] == 0) & (line >= 0) & (idx + length <= ends[np.maximum(line, 0)])
        strings = doc.vocab.strings
        texts = [self._fold(strings, h) for h in array[keep, 3].tolist()]
        lemmas = [self._fold(strings, h) for h in array[keep, 4].tolist()]
        offsets = np.stack([idx[keep], idx[keep] + length[keep]], axis=1)
        return line[keep].tolist(), offsets, texts, lemmas

    def _learn(self, texts: list[str], lemmas: list[str]) -> None:
        grown: dict[int, Term] = {}
        for text, lemma in set(zip(texts, lemmas)):
            forms = self._forms.get(lemma)
            if forms is not None and text not in forms:
                forms.add(text)
                grown.update((t.order, t) for t in self._users[lemma])
        for order in sorted(grown):
            self._add(grown[order])

    def __call__(self, doc: Doc, spans: list[tuple[int, int]]) -> list[Hit]:
        """Every non-overlapping hit in ``doc`` inside the line ``spans``, sorted by start."""
        lines, offsets, texts, lemmas = self._tokens(doc, sorted(spans))
        if not texts:
            return []
        self._learn(texts, lemmas)
        keys, where = [], []  # the key doc, and each key's token (-1 for a line gap)
        for k, (line, text) in enumerate(zip(lines, texts)):
            if k and line != lines[k - 1]:
                keys.append(_GAP)
                where.append(-1)
            keys.append(text)
            where.append(k)
        candidates = []
        for match_id, s, e in self._matcher(_key_doc(self._vocab, keys)):
            term, tokens = self._term_of[match_id], where[s:e]
            lemma = term.match == "lemma"
            if all(w == texts[k] or (lemma and w == lemmas[k]) for w, k in zip(term.words, tokens)):
                start, end = int(offsets[tokens[0], 0]), int(offsets[tokens[-1], 1])
                candidates.append((s, e, start, end, term))
        kept = longest_first(candidates, lambda c: (c[0], c[1]), lambda c: (-(c[1] - c[0]), -(c[3] - c[2]), c[2], c[4].order))
        return sorted((Hit(start, end, term) for _, _, start, end, term in kept), key=lambda h: (h.start, h.end, h.term.order))

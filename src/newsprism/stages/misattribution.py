"""The same quoted words credited to different speakers: across pieces, or in one piece's
headline versus its body.

:func:`quoted_fragments` takes the quoted words out of the ``attributions`` table (the
whole content of a direct quote, each quotation inside a mixed one). Fragments are
normalised (:func:`newsprism.text.normalize.normalized`: case, curly quotes, dashes,
spacing) and cut into word bigrams; the shared inverted-index blocking
(:func:`newsprism.stages._blocking.candidate_pairs` over the fragments' bigram
:func:`~newsprism.stages._blocking.incidence`) proposes candidate pairs (never all pairs),
which are scored by containment: shared bigrams over the bigrams of the shorter fragment.
:func:`misattributions` keeps pairs at or above ``min_similarity`` that also share most
(:data:`MIN_CONTENT_SHARE`, weighing each word by its inverse frequency over the
fragments) of the content words of the lighter fragment, and whose
canonical sources differ: two speakers using one frame with other words inside it are
not quoting each other, and a fragment of function words alone ("we will") quotes nothing.

Blocking (:func:`similar_pairs`): two fragments are compared only if they share a bigram,
so no pair at or above the threshold is lost, except through a bigram held by more than
:data:`MAX_POSTINGS` fragments (boilerplate in a large corpus), which proposes no pair.
"""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pandas as pd

from newsprism.corpus.segment import WORD_RE
from newsprism.errors import NewsprismError
from newsprism.resources.aliases import name_key
from newsprism.stages._blocking import candidate_pairs, incidence
from newsprism.stages._dots import pair_dots
from newsprism.stages._stock import content_word
from newsprism.stages._tfidf import smooth_idf
from newsprism.text.normalize import normalized
from newsprism.text.quotes import pair_quotes

__all__ = [
    "FRAGMENT_COLUMNS",
    "MAX_POSTINGS",
    "MIN_CONTENT_SHARE",
    "MISATTRIBUTION_COLUMNS",
    "misattributions",
    "quoted_fragments",
    "similar_pairs",
]

#: Bigrams held by more fragments than this propose no candidate pair (as in
#: :data:`newsprism.stages.passages.MAX_POSTINGS`): they are stock phrasing, not a shared quote.
MAX_POSTINGS = 500
#: Two fragments quote the same words only if their shared content words weigh at least
#: this share of the lighter fragment's (inverse-frequency weights over the fragments): a
#: frame many speakers fill with other words ("They want to ..., but that will not happen",
#: "Nobody can ...") is a way of speaking, not one quote.
MIN_CONTENT_SHARE = 0.6

FRAGMENT_COLUMNS = ["fragment_id", "doc_id", "section", "source", "quote_type", "cue", "start", "end", "text", "words"]
MISATTRIBUTION_COLUMNS = [
    "kind",
    "doc_a",
    "section_a",
    "source_a",
    "start_a",
    "end_a",
    "quote_a",
    "doc_b",
    "section_b",
    "source_b",
    "start_b",
    "end_b",
    "quote_b",
    "similarity",
    "shared_words",
]
_NEEDED = ("doc_id", "source", "quote_type", "cue", "content", "start", "end", "section")


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(normalized(text)))


def quoted_fragments(attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per quoted fragment of a direct or mixed attribution: fragment_id, doc_id,
    section, source, quote_type, cue, start/end (raw offsets of the quoted words), text
    (the raw words) and words (normalised, space-joined)."""
    missing = [c for c in _NEEDED if c not in attributions.columns]
    if missing:
        raise NewsprismError(f"misattributions: attributions table lacks column(s) {', '.join(missing)}")
    rows = []
    for r in attributions.itertuples(index=False):
        if r.quote_type == "direct":
            spans = [(0, len(r.content))]
        elif r.quote_type == "mixed" or "\u2018" in r.content or "\u201c" in r.content:
            spans = [(q.inner_start, q.inner_end) for q in pair_quotes(r.content)]
        else:
            continue
        for a, b in spans:
            text = r.content[a:b]
            words = _words(text)
            if words:
                rows.append(
                    {
                        "doc_id": r.doc_id,
                        "section": r.section,
                        "source": r.source,
                        "quote_type": r.quote_type,
                        "cue": r.cue,
                        "start": int(r.start) + a,
                        "end": int(r.start) + b,
                        "text": text,
                        "words": " ".join(words),
                    }
                )
    table = pd.DataFrame(rows, columns=FRAGMENT_COLUMNS[1:])
    table = table.drop_duplicates(["doc_id", "start", "end", "source"]).sort_values(
        ["doc_id", "start", "end", "source"], kind="stable"
    )
    table = table.reset_index(drop=True)
    table.insert(0, "fragment_id", range(len(table)))
    return table


def _shingles(words: list[str]) -> set[str]:
    if len(words) == 1:
        return {words[0]}
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _containment(a: set[str], b: set[str]) -> float:
    """Shared items over the items of the smaller set."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def similar_pairs(
    shingles: list[set[str]],
    min_similarity: float,
    max_postings: int = MAX_POSTINGS,
    words: list[set[str]] | None = None,
    min_content_share: float = MIN_CONTENT_SHARE,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` (i < j, sorted) of fragments whose containment (shared shingles over
    those of the smaller set) is at least ``min_similarity`` and, given their content
    ``words``, whose shared words weigh at least ``min_content_share`` of the lighter set of
    them (each word weighted by its inverse frequency over the fragments, so a frame many
    speakers use weighs little against the words they put inside it).

    Candidates are the pairs sharing a shingle (:func:`newsprism.stages._blocking.candidate_pairs`
    over the fragments' shingle :func:`~newsprism.stages._blocking.incidence`); a shingle held
    by more than ``max_postings`` fragments proposes no pair. So no pair at or above the
    threshold is lost, except through a shingle held by more than ``max_postings`` fragments.
    """
    matrix = incidence([sorted(items) for items in shingles])
    first, second, _ = candidate_pairs(matrix, max_postings=max_postings)
    sizes = np.diff(matrix.indptr)
    shared = pair_dots(matrix, first, second)  # every shared shingle, frequent ones included
    keep = shared / np.maximum(np.minimum(sizes[first], sizes[second]), 1) >= min_similarity
    pairs = zip(first[keep].tolist(), second[keep].tolist())
    if words is None:
        return list(pairs)
    weight = _word_weights(words)
    return [(i, j) for i, j in pairs if _weighted_containment(words[i], words[j], weight) >= min_content_share]


def _word_weights(words: list[set[str]]) -> dict[str, float]:
    """The smooth idf of each word over the fragments: a word many fragments use weighs little."""
    counts = Counter(w for items in words for w in items)
    return dict(zip(counts, smooth_idf(np.fromiter(counts.values(), dtype=np.int64, count=len(counts)), len(words)).tolist()))


def _weighted_containment(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    """The weight of the shared words over the weight of the lighter set (0 if one is empty)."""
    if not a or not b:
        return 0.0
    lighter = min(sum(weight[w] for w in a), sum(weight[w] for w in b))
    return sum(weight[w] for w in a & b) / lighter


def _kind(a, b) -> str:
    """The kind of a pair of fragment rows (named tuples of :func:`quoted_fragments`)."""
    if a.doc_id != b.doc_id:
        return "across pieces"
    if (a.section == "headline") != (b.section == "headline"):
        return "headline vs body"
    return "within piece"


def misattributions(
    attributions: pd.DataFrame, *, min_similarity: float = 0.5, include_agreements: bool = False, min_content_share: float = MIN_CONTENT_SHARE
) -> pd.DataFrame:
    """Pairs of quoted fragments with the same words (containment of word bigrams >=
    ``min_similarity``, and shared content words weighing at least ``min_content_share`` of
    the lighter fragment's, each word weighted by its inverse frequency over the fragments)
    credited to different canonical sources.

    ``kind`` is "headline vs body" (one piece's headline against its own body), "across
    pieces" or "within piece". With ``include_agreements`` the pairs crediting the same
    source are kept too, with ``kind`` prefixed "same source: ". ``quote_a``/``quote_b`` are
    the raw quoted words (``raw[start:end]``); ``similarity`` has 4 decimals;
    ``shared_words`` counts the distinct normalised words the two share.
    """
    fragments = quoted_fragments(attributions)
    shingles = [_shingles(w.split()) for w in fragments["words"]]
    content = [{w for w in x.split() if content_word(w)} for x in fragments["words"]]
    records = list(fragments.itertuples(index=False))
    rows = []
    for i, j in similar_pairs(shingles, min_similarity, words=content, min_content_share=min_content_share):
        a, b = records[i], records[j]
        if a.doc_id == b.doc_id and a.start == b.start and a.end == b.end:
            continue  # one quote with two coordinated sources
        similarity = _containment(shingles[i], shingles[j])
        same = name_key(a.source) == name_key(b.source)
        if same and not include_agreements:
            continue
        kind = _kind(a, b)
        rows.append(
            {
                "kind": f"same source: {kind}" if same else kind,
                "doc_a": a.doc_id,
                "section_a": a.section,
                "source_a": a.source,
                "start_a": int(a.start),
                "end_a": int(a.end),
                "quote_a": a.text,
                "doc_b": b.doc_id,
                "section_b": b.section,
                "source_b": b.source,
                "start_b": int(b.start),
                "end_b": int(b.end),
                "quote_b": b.text,
                "similarity": round(similarity, 4),
                "shared_words": len(set(a.words.split()) & set(b.words.split())),
            }
        )
    table = pd.DataFrame(rows, columns=MISATTRIBUTION_COLUMNS)
    return table.sort_values(["doc_a", "start_a", "doc_b", "start_b", "source_a", "source_b"], kind="stable").reset_index(
        drop=True
    )

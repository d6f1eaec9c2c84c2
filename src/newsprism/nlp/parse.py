"""One spaCy parse per article, shared by every stage that needs tokens, lemmas or entities.

Each article is parsed as its *masked view*: the raw text with every line outside the
parsed sections (chrome, a repeated headline, the references list) blanked to spaces,
so the Doc has exactly the raw text's length and ``token.idx`` and ``ent.start_char``
are raw offsets. Lines stay separated by their newlines.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import pandas as pd

from newsprism.corpus.read import masked_view

from .model import load, model_name

__all__ = ["PARSED_SECTIONS", "parse_articles", "parse_text"]

#: Sections the shared parse covers: the headline is its own line, kept for headline attributions.
PARSED_SECTIONS = frozenset({"headline", "subheading", "body"})

_CACHE: OrderedDict[tuple[str, str], object] = OrderedDict()
_CACHE_SIZE = 256


def parse_text(text: str):
    """The spaCy Doc of ``text`` (cached in-process by content and model)."""
    key = (model_name(), hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    doc = _parse_in_chunks(text)
    _CACHE[key] = doc
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return doc


#: Texts longer than this are parsed in chunks cut at line breaks, then joined into one Doc.
CHUNK_CHARS = 50_000


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined, they give it back exactly), each ending at a
    line break where possible and no longer than ``size`` unless a single line is."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def _parse_in_chunks(text: str):
    """Parse ``text`` as one Doc; a long text is parsed chunk by chunk (bounded memory), and the
    chunk Docs are joined without added spaces, so offsets are those of ``text``."""
    from spacy.tokens import Doc

    pipeline = load()
    pieces = _chunks(text)
    pipeline.max_length = max(pipeline.max_length, max(len(p) for p in pieces) + 1) if pieces else pipeline.max_length
    if len(pieces) <= 1:
        return pipeline(text)
    doc = Doc.from_docs(list(pipeline.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    assert doc.text == text, "chunked parse must give back the text exactly"
    return doc


def parse_articles(articles: pd.DataFrame, sections: frozenset[str] = PARSED_SECTIONS) -> dict[str, object]:
    """``{doc_id: Doc}`` for each article, parsed over its masked view of ``sections``."""
    return {
        doc_id: parse_text(masked_view(text, segments, sections))
        for doc_id, text, segments in zip(articles["doc_id"], articles["text"], articles["segments"])
    }

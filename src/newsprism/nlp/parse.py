"""The shared spaCy parse: every article parsed once, in batches, by one or more processes.

Each article is parsed as its *parse view*: the text with every line outside the parsed
sections (chrome, a repeated headline, the references list) blanked to spaces, so the Doc
has exactly the raw text's length and ``token.idx`` and ``ent.start_char`` are raw
offsets. Lines stay separated by their newlines.

Texts go through ``nlp.pipe`` in batches, with ``n_process`` worker processes when the
corpus is large enough to pay for starting them. A text longer than :data:`CHUNK_CHARS`
is cut at line breaks into chunks, which are parsed in the same stream and joined back
into one Doc without added spaces, so memory stays bounded and offsets are unchanged.
The parse does not depend on the batch size or the number of processes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from newsprism.corpus.views import masked_view

from .model import load

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CHUNK_CHARS", "PARSED_SECTIONS", "parse_texts", "parse_view", "parse_views", "parse_workers"]

#: Sections the shared parse covers: the headline is its own line, kept for headline attributions.
PARSED_SECTIONS = frozenset({"headline", "subheading", "body"})
#: Texts longer than this are parsed in chunks cut at line breaks, then joined into one Doc.
CHUNK_CHARS = 50_000
#: Texts per batch of ``nlp.pipe``.
BATCH_SIZE = 32
#: A worker process is worth starting for about this many words (loading the model in a
#: worker costs a few seconds).
WORDS_PER_WORKER = 40_000


def parse_view(text: str, segments) -> str:
    """The text spaCy parses for one article: ``text`` with lines outside :data:`PARSED_SECTIONS` blanked."""
    return masked_view(text, segments, PARSED_SECTIONS)


def parse_views(articles: pd.DataFrame) -> dict[str, str]:
    """``{doc_id: parse view}`` of every article."""
    return {doc_id: parse_view(text, segments) for doc_id, text, segments in zip(articles["doc_id"], articles["text"], articles["segments"])}


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
    return pieces or [text]


def parse_workers(texts: Sequence[str], jobs: int) -> int:
    """How many processes to use for ``texts``: at most ``jobs``, one per :data:`WORDS_PER_WORKER` words."""
    words = sum(len(t.split()) for t in texts)
    return max(1, min(int(jobs), math.ceil(words / WORDS_PER_WORKER)))


def parse_texts(texts: Sequence[str], *, jobs: int = 1, batch_size: int = BATCH_SIZE, progress: Iterable | None = None) -> Iterator[Doc]:
    """The Docs of ``texts``, in order (see the module docstring). ``progress``, if given, is a
    tqdm-like object whose ``update(1)`` is called once per text parsed."""
    pipeline = load()
    pieces: list[str] = []
    owners: list[int] = []
    for k, text in enumerate(texts):
        chunked = _chunks(text)
        pieces += chunked
        owners += [k] * len(chunked)
    if not pieces:
        return
    pipeline.max_length = max(pipeline.max_length, max(len(p) for p in pieces) + 1)
    n_process = parse_workers(texts, jobs)
    stream = pipeline.pipe(pieces, batch_size=batch_size, n_process=n_process)
    pending: list[Doc] = []
    current = 0
    for owner, doc in zip(owners, stream):
        if owner != current:
            yield _joined(pending, texts[current])
            if progress is not None:
                progress.update(1)
            pending, current = [], owner
        pending.append(doc)
    yield _joined(pending, texts[current])
    if progress is not None:
        progress.update(1)


def _joined(docs: list[Doc], text: str) -> Doc:
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise AssertionError("a chunked parse must give back its text exactly")
    return doc

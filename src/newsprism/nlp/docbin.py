"""Parses kept as spaCy ``DocBin`` bytes: on disk in a run's cache, or in memory.

:class:`DocStore` is the ``{doc_id: Doc}`` mapping every NLP stage reads. It holds each
article's parse serialised (a ``DocBin`` of one Doc: tokens, tags, lemmas, dependencies,
entities, sentence starts; no tensors), not live Docs, so tens of thousands of parses fit
in memory or stay on disk, and a Doc is rebuilt only when a stage asks for it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["DocStore", "doc_from_bytes", "doc_to_bytes"]

#: Docs rebuilt and kept live at once (stages read articles one after another).
LIVE_DOCS = 64


def doc_to_bytes(doc: Doc) -> bytes:
    """One Doc as ``DocBin`` bytes (every annotation attribute, no user data, no tensor)."""
    from spacy.tokens import DocBin

    return DocBin(docs=[doc], store_user_data=False).to_bytes()


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The Doc of :func:`doc_to_bytes` bytes, over ``vocab`` (the pipeline's)."""
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(vocab)))


class DocStore(Mapping):
    """``{doc_id: Doc}`` over serialised parses: bytes in memory, or ``.spacy`` files."""

    def __init__(self, vocab: Vocab, items: Mapping[str, bytes | Path]) -> None:
        self._vocab = vocab
        self._items = dict(items)
        self._live: OrderedDict[str, Doc] = OrderedDict()

    def __getitem__(self, doc_id: str) -> Doc:
        doc = self._live.get(doc_id)
        if doc is not None:
            self._live.move_to_end(doc_id)
            return doc
        item = self._items[doc_id]
        data = item.read_bytes() if isinstance(item, Path) else item
        doc = doc_from_bytes(data, self._vocab)
        self._live[doc_id] = doc
        if len(self._live) > LIVE_DOCS:
            self._live.popitem(last=False)
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def serialised(self) -> Mapping[str, bytes | Path]:
        """The stored parse of each doc_id: ``DocBin`` bytes or a ``.spacy`` file (what
        workers are sent)."""
        return self._items

    def subset(self, doc_ids) -> DocStore:
        """The store restricted to ``doc_ids`` (for one partition of the articles)."""
        return DocStore(self._vocab, {d: self._items[d] for d in doc_ids if d in self._items})

"""The texts a quote or claim is traced through: the corpus pieces and each reference folder.

A :class:`Side` holds one set of texts (the corpus, or one reference folder): their raw
text, the view that is searched (headline, subheadings and body; chrome blanked, same
length, so offsets are raw), their dates, a shingle index, and their NLP tables. The
corpus's NLP tables are the run's own. A reference folder is never parsed whole: only the
texts that matched something are analysed (:meth:`Side.analysis`), by a
:class:`newsprism.run.Run` over a temporary folder holding copies of those files (and their
manifest rows) with the reference run's cache, so a second run reads them from the cache.

:func:`allowed` is the one date rule: a text dated after the piece is never its source; in
a run with reference folders another piece is a source only when both are dated (an
undated piece is matched against the references only); without references (the corpus
as its own reference) the pieces are compared with each other unless dates order them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from newsprism.corpus.views import unique_articles
from newsprism.nlp.parse import parse_view
from newsprism.stages.passages import Tokens, tokenize

from .dates import dateline_span, document_dates
from .index import ShingleIndex, run_index, shingles, token_hashes
from .records import Mentions, Rows, TextTables

__all__ = ["Analysis", "Side", "allowed", "empty_analysis"]

_UNDATED = np.iinfo(np.int64).max


@dataclass
class Analysis:
    """The NLP tables of some texts: parses, attributions and entity mentions."""

    docs: Mapping
    attributions: pd.DataFrame
    mentions: pd.DataFrame
    _by_doc: dict = field(default_factory=dict, repr=False)
    _texts: dict = field(default_factory=dict, repr=False)
    _records: dict = field(default_factory=dict, repr=False)

    def _of(self, name: str, doc_id: str) -> pd.DataFrame:
        if name not in self._by_doc:
            table = getattr(self, name)
            self._by_doc[name] = {d: g for d, g in table.groupby("doc_id", sort=False)} if len(table) else {}
        found = self._by_doc[name].get(doc_id)
        return found if found is not None else getattr(self, name).iloc[0:0]

    def attributions_of(self, doc_id: str) -> pd.DataFrame:
        return self._of("attributions", doc_id)

    def mentions_of(self, doc_id: str) -> pd.DataFrame:
        return self._of("mentions", doc_id)

    def doc(self, doc_id: str):
        try:
            return self.docs[doc_id]
        except KeyError:
            return None

    def text(self, doc_id: str, raw: str) -> TextTables:
        """One text's parse and rows of both tables, read once (:class:`TextTables`)."""
        if not self._records:
            self._records = {"mentions": Mentions.split(self.mentions), "attributions": Rows.split(self.attributions)}
        if doc_id not in self._texts:
            mentions, attributions = self._records["mentions"].get(doc_id, Mentions()), self._records["attributions"].get(doc_id, Rows())
            self._texts[doc_id] = TextTables(raw, lambda: self.doc(doc_id), mentions, attributions)
        return self._texts[doc_id]


def empty_analysis() -> Analysis:
    return Analysis({}, pd.DataFrame(columns=["doc_id", "start", "end"]), pd.DataFrame(columns=["doc_id", "start", "end"]))


class Side:
    """One set of texts: ``kind`` is ``piece`` (the corpus) or ``reference``."""

    def __init__(self, label: str, kind: str, articles: pd.DataFrame, *, run=None, analysis: Analysis | None = None, fallback_year: int | None = None) -> None:
        table = unique_articles(articles).sort_values("doc_id", kind="stable").reset_index(drop=True)
        self.label, self.kind, self.run = label, kind, run
        self.articles = table
        self.doc_ids: list[str] = table["doc_id"].tolist()
        self.number = {d: i for i, d in enumerate(self.doc_ids)}
        self.raws: dict[str, str] = dict(zip(table["doc_id"], table["raw"]))
        self.segments = dict(zip(table["doc_id"], table["segments"]))
        self._texts = dict(zip(table["doc_id"], table["text"]))
        self._views: dict[str, str] = {}
        self.shas = dict(zip(table["doc_id"], table["sha256"])) if "sha256" in table.columns else {}
        self.sha_array = np.array([self.shas.get(d, "") for d in self.doc_ids], dtype=object)
        self.outlets = dict(zip(table["doc_id"], table["outlet"].fillna("").astype(str))) if "outlet" in table.columns else {}
        self.dates: dict[str, dt.date | None] = document_dates(table, fallback_year)
        self.ordinals = np.array([self.dates[d].toordinal() if self.dates[d] else _UNDATED for d in self.doc_ids], dtype=np.int64)
        self._tokens: dict[str, Tokens] = {}
        self._shingles: dict[str, np.ndarray] = {}
        self._memo: dict[str, int] = {}
        self._index: ShingleIndex | None = None
        self._analysis = analysis
        self._fixed = analysis is not None
        self._needed: set[str] = set()
        self._analysed: set[str] = set()

    def __repr__(self) -> str:
        return f"Side({self.label!r}, {self.kind}, {len(self.doc_ids)} texts)"

    def view(self, doc_id: str) -> str:
        """The searched text: headline, subheadings and body, the rest blanked (raw offsets)."""
        if doc_id not in self._views:
            self._views[doc_id] = parse_view(self._texts[doc_id], self.segments[doc_id])
        return self._views[doc_id]

    def tokens(self, doc_id: str) -> Tokens:
        if doc_id not in self._tokens:
            self._tokens[doc_id] = tokenize(self.view(doc_id))
        return self._tokens[doc_id]

    def shingles(self, doc_id: str) -> np.ndarray:
        if doc_id not in self._shingles:
            self._shingles[doc_id] = shingles(token_hashes(self.tokens(doc_id).keys, self._memo))
        return self._shingles[doc_id]

    def dateline(self, doc_id: str) -> tuple[int, int] | None:
        return dateline_span(self.raws[doc_id], self.segments[doc_id])

    def index(self) -> ShingleIndex:
        """The shingle index of every text (cached in the reference run's cache)."""
        if self._index is None:
            if self.run is not None and self.kind == "reference":
                self._index = run_index(self.run, self.doc_ids, self._fresh_view, self.run.key("articles"))
            else:
                # the pieces' tokens and shingles are kept for their own quotes and matches anyway
                self._index = ShingleIndex.from_shingles(self.doc_ids, self.shingles, desc=f"indexing {self.label}")
        return self._index

    def _fresh_view(self, doc_id: str) -> str:
        """The view of a text, not kept (indexing reads every text once)."""
        return self._views.get(doc_id) or parse_view(self._texts[doc_id], self.segments[doc_id])

    def search(self, query: np.ndarray, allowed_mask: np.ndarray, limit: int) -> list[tuple[str, int]]:
        """``[(doc_id, shared shingles), ...]``: the allowed texts sharing most of ``query``."""
        found = self.index().candidates(query, allowed_mask, self.ordinals, limit=limit)
        return [(self.doc_ids[i], shared) for i, shared in found]

    def need(self, doc_ids: Sequence[str]) -> None:
        """Ask for the NLP tables of these texts (computed together by :meth:`analysis`)."""
        if self._analysis is None:
            self._needed.update(doc_ids)

    def text(self, doc_id: str) -> TextTables:
        """One text's parse, mentions and attributions as records (from :meth:`analysis`)."""
        return self.analysis().text(doc_id, self.raws[doc_id])

    def analysis(self) -> Analysis:
        """The NLP tables: the corpus's own, or those of the reference texts asked for."""
        if self._analysis is None:
            needed = sorted(self._needed)
            self._analysis = _subset_analysis(self.run, self.articles, needed) if needed and self.run is not None else empty_analysis()
        return self._analysis


def _subset_analysis(run, articles: pd.DataFrame, doc_ids: list[str]) -> Analysis:
    """Attributions, mentions and parses of ``doc_ids`` only, through a run over copies of their files."""
    from newsprism.run import Run

    files = articles.set_index("doc_id").loc[doc_ids, "file"].tolist()
    with tempfile.TemporaryDirectory(prefix="newsprism-provenance-") as tmp:
        root = Path(tmp) / "texts"
        for file in files:
            target = root / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(run.corpus) / file, target)
        manifest = Path(run.corpus) / "manifest.csv"
        if manifest.is_file():
            rows = pd.read_csv(manifest, dtype=str, keep_default_na=False)
            rows[rows["file"].isin(set(files))].to_csv(root / "manifest.csv", index=False)
        sub = Run(root, cache=run.cache.root, jobs=run.jobs, recursive=run.recursive, progress=run.progress)
        # the parses stay valid once the folder is gone: they live in the cache or in memory
        return Analysis(sub.docs, sub.table("attributions"), sub.table("mentions"))


def allowed(side: Side, piece: str, piece_date: dt.date | None, with_references: bool, piece_sha: str = "") -> np.ndarray:
    """Which texts of ``side`` may be the source of ``piece`` (see the module docstring); a
    text with the piece's very bytes (the piece itself in a reference folder) never is."""
    dated = side.ordinals != _UNDATED
    later = dated & (side.ordinals > (piece_date.toordinal() if piece_date else _UNDATED))
    mask = ~later
    if piece_sha:
        mask &= side.sha_array != piece_sha
    if side.kind == "piece":
        if piece in side.number:
            mask[side.number[piece]] = False
        if with_references:
            mask &= dated if piece_date is not None else np.zeros(len(mask), dtype=bool)
    return mask

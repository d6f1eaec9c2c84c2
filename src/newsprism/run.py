"""The run: one corpus, each stage computed at most once, kept on disk, read by everyone.

::

    from newsprism import Run
    run = Run("data/raw")                 # cache: $NEWSPRISM_CACHE_DIR or ~/.cache/newsprism
    run.articles                          # the decoded corpus (one row per article)
    run.table("attributions")             # any stage of newsprism.stages.registry
    run.docs["000_6b0b6237182e2e41"]      # the shared spaCy parse of one article

A :class:`Run` reads the corpus folder, parses each article once (``nlp.pipe`` in batches,
``jobs`` processes) and computes a stage only when it is asked for, after the stages it
reads. Each result is kept in memory for the run and, with a cache folder, on disk: parses
as spaCy ``DocBin`` files, tables as Parquet, under a key made of everything the result
depends on (the article bytes and manifest, the model's name and version, the digests of
the data files the stage reads, the package's code, and the keys of its inputs), so a
changed input is recomputed and nothing stale is ever served. The CLI, the Python API and
the notebooks all go through a run, so they read the same results.

With ``jobs`` above 1 and a corpus of :data:`POOL_MIN_ARTICLES` articles or more, the
per-article work (finding mentions, attributions, frame and lexical-choice evidence, the
terms of claim sentences) runs partition by partition in a pool of ``jobs`` local
processes (:mod:`newsprism._partitions`). With ``scheduler`` (``"local"`` or a Dask
scheduler's address) it and the shingle index run on a Dask cluster
(:mod:`newsprism.distributed`). The tables are the same every way.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from newsprism import __version__, progress
from newsprism._partitions import PARTITION_STAGES, mapping
from newsprism.cache import Cache, content_key, journal
from newsprism.config import cache_dir, default_jobs
from newsprism.corpus.read import ARTICLE_SUFFIXES, read_corpus
from newsprism.corpus.segment import Segment
from newsprism.errors import NewsprismError
from newsprism.resources.files import data_digest, recording_reads, refresh
from newsprism.stages.registry import BOILERPLATE, CLAIM_METHODS, STAGES, Stage, stage

__all__ = ["DEFAULT_CACHE", "POOL_MIN_ARTICLES", "Run", "code_digest"]

#: A run with ``jobs`` above 1 runs per-article steps in a pool of local processes from
#: this many articles on (below it, starting the processes costs more than they save).
POOL_MIN_ARTICLES = 200

log = logging.getLogger("newsprism")
#: Pass as ``cache`` for the default cache folder (:func:`newsprism.config.cache_dir`).
DEFAULT_CACHE = "default"
#: Bumped when the layout of a cached parse changes.
PARSE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """The sha256 of the package's code (every ``.py`` file): part of every table's key."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        digest = hashlib.sha256(__version__.encode())
        for path in sorted(_PACKAGE.rglob("*.py")):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _CODE_DIGEST = digest.hexdigest()
    return _CODE_DIGEST


def _corpus_fingerprint(root: Path, recursive: bool) -> list:
    """The bytes' digest of every file the corpus reader may read (articles and manifest)."""
    pattern = "**/*" if recursive else "*"
    found = []
    for path in sorted(root.glob(pattern), key=lambda p: p.relative_to(root).as_posix()):
        if path.is_file() and (path.suffix.lower() in ARTICLE_SUFFIXES or path.name == "manifest.csv"):
            try:
                found.append([path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()])
            except OSError as exc:
                found.append([path.relative_to(root).as_posix(), f"unreadable: {exc.strerror}"])
    return found


def _segments_to_json(segments: tuple[Segment, ...]) -> str:
    return json.dumps([[s.start, s.end, s.section, s.reason] for s in segments], ensure_ascii=False)


def _segments_from_json(value: str) -> tuple[Segment, ...]:
    return tuple(Segment(int(a), int(b), section, reason) for a, b, section, reason in json.loads(value))


class Run:
    """One corpus and every stage computed from it (see the module docstring).

    ``cache`` is a folder, :data:`DEFAULT_CACHE` or ``None`` (keep nothing on disk). It may
    not lie inside the corpus folder. ``jobs`` is the number of processes for the parse
    and the per-article steps (default :func:`newsprism.config.default_jobs`);
    ``progress`` draws bars on stderr for long stages. Every option gives the same tables.
    """

    def __init__(
        self,
        corpus: str | Path = "data/raw",
        *,
        cache: str | Path | None = DEFAULT_CACHE,
        jobs: int | None = None,
        recursive: bool = False,
        progress: bool = False,
        scheduler: str | None = None,
        claims: str = "lexical",
    ) -> None:
        self.corpus = Path(corpus)
        if claims not in CLAIM_METHODS:
            raise NewsprismError(f"unknown claims method '{claims}' (known: {', '.join(CLAIM_METHODS)})")
        #: how the claims stage scores pairs (part of its key and of every key that reads it)
        self.claims = claims
        if not self.corpus.exists():
            raise NewsprismError(f"{self.corpus}: corpus folder does not exist")
        if not self.corpus.is_dir():
            raise NewsprismError(f"{self.corpus}: corpus is not a folder")
        root = cache_dir() if cache == DEFAULT_CACHE else cache
        if root is not None and Path(root).expanduser().resolve().is_relative_to(self.corpus.resolve()):
            raise NewsprismError(f"{root}: cache folder is inside the corpus folder {self.corpus}; newsprism never writes there")
        self.cache = Cache(root)
        self.jobs = default_jobs() if jobs is None else int(jobs)
        if self.jobs < 1:
            raise NewsprismError(f"jobs must be 1 or more (got {self.jobs})")
        self.recursive = recursive
        self.progress = progress
        self.scheduler = scheduler or None
        self._executor = None
        self._pool = None
        self._tables: dict[str, pd.DataFrame] = {}
        self._keys: dict[str, str] = {}
        self._articles: pd.DataFrame | None = None
        self._skipped: pd.DataFrame | None = None
        self._docs = None
        self._model_key: str | None = None
        #: what this run did: {"parsed": n, "computed": [...], "loaded": [...]}
        self.stats: dict[str, object] = {"parsed": 0, "computed": [], "loaded": []}

    def __repr__(self) -> str:
        where = f", scheduler={self.scheduler!r}" if self.scheduler else ""
        where += f", claims={self.claims!r}" if self.claims != "lexical" else ""
        return f"Run({str(self.corpus)!r}, cache={self.cache.root and str(self.cache.root)!r}, jobs={self.jobs}{where})"

    def params(self, spec: Stage) -> dict:
        """The keyword arguments of a stage's builder: its own, and this run's claims method."""
        if spec.name != "claims" or self.claims == "lexical":
            return dict(spec.params)
        from newsprism.nlp.embeddings import embedder_key

        return spec.params | {"method": self.claims, "_embedder": embedder_key()}

    # -- the Dask executor --------------------------------------------------------------
    @property
    def executor(self):
        """The :class:`newsprism.distributed.DaskExecutor` of a run with a ``scheduler`` (else ``None``)."""
        if self.scheduler and self._executor is None:
            import weakref

            from newsprism.distributed import DaskExecutor

            self._executor = DaskExecutor(self.scheduler, jobs=self.jobs)
            weakref.finalize(self, self._executor.close)
        return self._executor

    def partitioned(self):
        """Where per-article steps run: the Dask executor, a pool of ``jobs`` local
        processes (a corpus of :data:`POOL_MIN_ARTICLES` or more), or ``None`` (here)."""
        if self.scheduler:
            return self.executor
        if self.jobs < 2 or len(self.articles) < POOL_MIN_ARTICLES:
            return None
        if self._pool is None:
            import weakref

            from newsprism._partitions import LocalExecutor

            self._pool = LocalExecutor(self.jobs)
            weakref.finalize(self, self._pool.close)
        return self._pool

    def close(self) -> None:
        """Close the Dask client (and the LocalCluster the run started) and the local pool."""
        if self._executor is not None:
            self._executor.close()
            self._executor = None
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the corpus ---------------------------------------------------------------------
    def _corpus_key(self) -> str:
        if "articles" not in self._keys:
            fingerprint = _corpus_fingerprint(self.corpus, self.recursive)
            self._keys["articles"] = content_key("articles", code_digest(), fingerprint, self.recursive, data_digest(BOILERPLATE))
        return self._keys["articles"]

    @property
    def articles(self) -> pd.DataFrame:
        """The decoded corpus: one row per usable article (see :func:`newsprism.corpus.read.read_corpus`)."""
        if self._articles is None:
            self._load_corpus()
        return self._articles

    @property
    def skipped(self) -> pd.DataFrame:
        """Files left out of the corpus and why (the report's ``skipped.csv``); logged once per run."""
        if self._skipped is None:
            skipped = self.cache.load_table("skipped", self._corpus_key())
            if skipped is None:
                self._load_corpus()
            else:
                for item in skipped.itertuples(index=False):  # as read_corpus logs them
                    log.warning("%s: %s" if item.reason.startswith("duplicate of") else "skipped %s: %s", item.file, item.reason)
                self._skipped = skipped
        return self._skipped

    def _load_corpus(self) -> None:
        refresh()
        key = self._corpus_key()
        articles = self.cache.load_table("articles", key)
        if articles is not None and self.cache.load_table("skipped", key) is not None:
            articles["segments"] = articles["segments"].map(_segments_from_json)
            self.stats["loaded"].append("articles")  # type: ignore[union-attr]
            self._articles = articles
            self.skipped  # noqa: B018 - logs the skipped files
            return
        reader = self.executor.read_corpus if self.scheduler else read_corpus
        articles, skipped = reader(self.corpus, recursive=self.recursive)
        stored = articles.assign(segments=articles["segments"].map(_segments_to_json))
        self.cache.save_table("articles", key, stored)
        self.cache.save_table("skipped", key, skipped)
        journal("compute", stage="articles", key=key, corpus=str(self.corpus))
        self.stats["computed"].append("articles")  # type: ignore[union-attr]
        self._articles, self._skipped = articles, skipped

    # -- the shared parse ---------------------------------------------------------------
    def model_key(self) -> str:
        """The key of the spaCy pipeline: name, version, spaCy version and components."""
        if self._model_key is None:
            import spacy

            from newsprism.nlp.model import load, model_name

            nlp = load()
            meta = nlp.meta
            self._model_key = content_key(model_name(), meta.get("name"), meta.get("version"), spacy.__version__, nlp.pipe_names, PARSE_FORMAT)
        return self._model_key

    @property
    def docs(self):
        """The shared parse: ``{doc_id: Doc}`` of every article (parsed once, then read from the cache)."""
        if self._docs is None:
            self._docs = self._parse()
        return self._docs

    def _parse(self):
        from newsprism.nlp.docbin import DocStore, doc_to_bytes
        from newsprism.nlp.model import load
        from newsprism.nlp.parse import parse_texts, parse_views

        views = parse_views(self.articles)
        model_key = self.model_key()
        items: dict[str, bytes | Path] = {}
        missing: list[tuple[str, str, str]] = []
        for doc_id, view in views.items():
            text_key = hashlib.sha256(view.encode("utf-8", "surrogatepass")).hexdigest()
            path = self.cache.parse_path(model_key, text_key)
            if path is not None and path.is_file():
                items[doc_id] = path
            else:
                missing.append((doc_id, text_key, view))
        if missing:
            with progress.showing(self.progress), progress.bar(len(missing), "parsing") as bar:
                texts = [view for _, _, view in missing]
                if self.scheduler:
                    parsed = self.executor.parse(texts, progress=bar)
                else:
                    parsed = (doc_to_bytes(doc) for doc in parse_texts(texts, jobs=self.jobs, progress=bar))
                for (doc_id, text_key, _), data in zip(missing, parsed):
                    path = self.cache.save_parse(model_key, text_key, data)
                    items[doc_id] = path if path is not None else data
                    journal("parse", doc_id=doc_id, key=text_key, corpus=str(self.corpus))
            self.stats["parsed"] = int(self.stats["parsed"]) + len(missing)  # type: ignore[arg-type]
        return DocStore(load().vocab, {doc_id: items[doc_id] for doc_id in views})

    # -- stages -------------------------------------------------------------------------
    def key(self, name: str) -> str:
        """The cache key of stage ``name``: its inputs' keys, data files, model and code."""
        if name in self._keys:
            return self._keys[name]
        if name == "articles":
            return self._corpus_key()
        if name == "docs":
            key = content_key("docs", self._corpus_key(), self.model_key())
        else:
            spec = stage(name)
            inputs = {i: self.key(i) for i in spec.inputs if i != "docs"}
            files = {f: data_digest(f) for f in spec.reads}
            model = self.model_key() if spec.uses_model else ""
            key = content_key(name, code_digest(), inputs, files, model, self.params(spec))
        self._keys[name] = key
        return key

    def _input(self, name: str, spec: Stage):
        if name == "articles":
            return self.articles
        if name == "docs":
            return self.docs
        return self._table(name)

    def _table(self, name: str) -> pd.DataFrame:
        if name in self._tables:
            return self._tables[name]
        self.skipped  # noqa: B018 - the skipped files are reported once per run, cached or not
        spec = stage(name)
        refresh()
        key = self.key(name)
        table = self.cache.load_table(name, key)
        if table is not None:
            self.stats["loaded"].append(name)  # type: ignore[union-attr]
        else:
            table = self._compute(spec, key)
        self._tables[name] = table
        return table

    def _compute(self, spec: Stage, key: str) -> pd.DataFrame:
        inputs = [self._input(i, spec) for i in spec.inputs]
        refresh()
        executor = self.partitioned() if "docs" in spec.inputs else self.executor  # the cluster's, if any
        with progress.showing(self.progress), recording_reads() as read, mapping(executor):
            table = self._distributed(spec, inputs, executor) if executor is not None else None
            if table is None:
                table = spec.function()(*inputs, **{k: v for k, v in self.params(spec).items() if not k.startswith("_")})
        undeclared = sorted(read - set(spec.reads))
        if undeclared:
            raise AssertionError(f"stage {spec.name} read data file(s) it does not declare: {', '.join(undeclared)}")
        named = any(name is not None for name in table.index.names)  # an index that means something becomes a column
        table = table.reset_index(drop=not named)
        self.cache.save_table(spec.name, key, table)
        journal("compute", stage=spec.name, key=key, corpus=str(self.corpus))
        self.stats["computed"].append(spec.name)  # type: ignore[union-attr]
        return table

    def _distributed(self, spec: Stage, inputs: list, executor) -> pd.DataFrame | None:
        """The table of ``spec`` computed partition by partition (or its shingle index on the
        cluster), or ``None`` when the stage runs here (mapping its own per-article steps)."""
        if spec.name in PARTITION_STAGES:
            return executor.partition_stage(spec.name, spec.builder, *inputs)
        if spec.name == "passages" and self.scheduler:
            return self.executor.passages(*inputs, **spec.params)
        return None

    def table(self, name: str) -> pd.DataFrame:
        """The table of stage ``name`` (a copy: change it freely)."""
        return self._table(name).copy()

    def recompute(self, name: str) -> pd.DataFrame:
        """Stage ``name`` computed anew from its inputs (loaded or computed as usual), and
        kept in the run and its cache (what a benchmark times)."""
        spec = stage(name)
        self._tables[name] = self._compute(spec, self.key(name))
        return self.table(name)

    def compute(self, names: Iterable[str] | None = None) -> None:
        """Compute (or load) the given stages, by default every stage of the registry."""
        for name in names if names is not None else STAGES:
            self._table(name)

"""The work measured by the benchmark, one function per child process.

Every function reads the articles of a generated corpus through a :class:`newsprism.Run`
whose cache is the benchmark's own folder (so the corpus is decoded once, then loaded),
times one stage with :func:`newsprism.bench._measure.timed`, and returns plain numbers.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from pathlib import Path

import pandas as pd

from ._measure import rss_mb, timed

__all__ = ["floor_pass", "nlp_parse", "nlp_pipe", "nlp_prepare", "nlp_tables", "pair_stage_pass", "passages_pass", "profile_passages", "similarity_pass"]


def _articles(corpus: str, cache: str) -> pd.DataFrame:
    """The decoded articles (from the run cache), with the memory their loading used given back."""
    import gc

    import pyarrow as pa

    from newsprism.run import Run

    articles = Run(corpus, cache=cache, jobs=1).articles
    gc.collect()
    pa.default_memory_pool().release_unused()
    return articles


def _body_texts(articles: pd.DataFrame) -> list[str]:
    from newsprism.corpus.views import distinct_articles
    from newsprism.stages._tokens import body_spans

    table = distinct_articles(articles)
    return [text[s:e] for text, segments in zip(table["text"], table["segments"]) for s, e in body_spans(segments)]


def floor_pass(corpus: str, cache: str) -> dict:
    """The floor: a plain tokenising pass (``TOKEN_RE.findall`` and case folding) over the
    same body texts the pairwise stages read."""
    from newsprism.stages.passages import TOKEN_RE

    articles = _articles(corpus, cache)

    def run() -> int:
        return sum(len([t.casefold() for t in TOKEN_RE.findall(text)]) for text in _body_texts(articles))

    tokens, figures = timed(run)
    return figures | {"rows": tokens}


def passages_pass(corpus: str, cache: str, truth: str) -> dict:
    """The passages stage, and the recall of the planted passages."""
    from newsprism.bench.recall import found_planted
    from newsprism.stages.passages import passages_table

    articles = _articles(corpus, cache)
    table, figures = timed(lambda: passages_table(articles))
    planted = pd.read_csv(truth, dtype={"source": str, "target": str})
    found = found_planted(table, planted, dict(zip(articles["doc_id"], articles["raw"])))
    missed = planted[~found]
    return figures | {
        "rows": len(table),
        "recall": float(found.mean()) if len(found) else 1.0,
        "missed": len(missed),
        "missed_edited": int((missed["kind"] == "edited").sum()),
        "near_rows": int((table["kind"] == "near").sum()),
    }


def similarity_pass(corpus: str, cache: str) -> dict:
    """The similarity stage (top-k neighbours above the floor for a large corpus)."""
    from newsprism.stages.similarity import similarity_table

    articles = _articles(corpus, cache)
    table, figures = timed(lambda: similarity_table(articles))
    return figures | {"rows": len(table)}


def profile_passages(corpus: str, cache: str, out: str, top: int = 30) -> dict:
    """cProfile of the passages stage: the top functions by own time and by cumulative time."""
    from newsprism.stages.passages import passages_table

    articles = _articles(corpus, cache)
    profiler = cProfile.Profile()
    profiler.enable()
    passages_table(articles)
    profiler.disable()
    text = io.StringIO()
    for key in ("tottime", "cumulative"):
        text.write(f"== sorted by {key} ==\n")
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(key).print_stats(top)
    Path(out).write_text(text.getvalue(), encoding="utf-8")
    return {"profile": out}


def _parse_views(corpus: str, cache: str) -> list[str]:
    from newsprism.nlp.parse import parse_views

    return list(parse_views(_articles(corpus, cache)).values())


def nlp_pipe(corpus: str, cache: str) -> dict:
    """The NLP floor: a bare ``nlp.pipe`` over the parse views (one process, batches of 32)."""
    from newsprism.nlp.model import load

    views = _parse_views(corpus, cache)
    nlp = load()
    nlp.max_length = max(nlp.max_length, max(len(v) for v in views) + 1)
    _, figures = timed(lambda: sum(1 for _ in nlp.pipe(views, batch_size=32)))
    return figures | {"words": sum(len(v.split()) for v in views)}


def nlp_parse(corpus: str, cache: str, jobs: int) -> dict:
    """The shared parse of a run with ``jobs`` processes (nothing cached)."""
    from newsprism.run import Run

    views = _parse_views(corpus, cache)
    run = Run(corpus, cache=None, jobs=jobs)
    run.articles  # noqa: B018 - decoded before the clock starts
    _, figures = timed(lambda: len(run.docs))
    return figures | {"words": sum(len(v.split()) for v in views), "jobs": jobs}


def nlp_tables(corpus: str, cache: str, jobs: int) -> dict:
    """Every table of a run (parse included), stage by stage, in registry order."""
    from newsprism.run import Run
    from newsprism.stages.registry import STAGES

    run = Run(corpus, cache=None, jobs=jobs)
    run.articles  # noqa: B018
    stages: dict[str, float] = {}
    _, parse = timed(lambda: len(run.docs))
    stages["parse"] = parse["seconds"]
    for name in STAGES:
        _, figures = timed(lambda name=name: run.table(name))
        stages[name] = figures["seconds"]
    return {"stages": stages, "seconds": sum(stages.values()), "peak_mb": rss_mb(), "jobs": jobs}


def nlp_prepare(corpus: str, cache: str, stages: list[str], jobs: int) -> dict:
    """The parse and the inputs of ``stages``, computed into the benchmark's cache (untimed)."""
    from newsprism.run import Run
    from newsprism.stages.registry import STAGES

    with Run(corpus, cache=cache, jobs=jobs) as run:
        _ = run.docs
        run.compute([name for stage in stages for name in STAGES[stage].inputs if name in STAGES])
    return {"stages": stages}


def pair_stage_pass(corpus: str, cache: str, stage: str, jobs: int) -> dict:
    """One pairwise NLP stage (``claims``, ``misattributions``) computed anew by a run that
    loads its inputs from the benchmark's cache: time, peak memory of this process, rows."""
    from newsprism.run import Run
    from newsprism.stages.registry import STAGES

    spec = STAGES[stage]
    with Run(corpus, cache=cache, jobs=jobs) as run:
        run.compute([name for name in spec.inputs if name in STAGES])
        _ = run.docs
        table, figures = timed(lambda: run.recompute(stage))
    return figures | {"rows": len(table)}

"""The benchmark: passages and similarity at 1,000 to 20,000 articles, and the NLP stages.

``python -m newsprism.bench [--sizes 1000 5000 20000] [--pair-sizes 1000 5000 20000]
[--nlp-sizes 500 2000]`` (``make bench``) generates each corpus once (seed 0, :func:`newsprism.bench.synthetic.generate_corpus`)
under ``--folder`` (default ``build/bench/``, with the run cache that keeps its decoded
articles), then measures every stage in a child process of its own: wall and CPU time,
peak resident memory (and the memory held once the articles are loaded), the recall of
the planted passages, and, in the same run, a plain tokenising pass over the same texts
(the floor), so each time is also given as a ratio to the floor. For the NLP stages the
floor is a bare ``nlp.pipe`` over the same texts; the shared parse is measured with 1
and 2 processes (words per second) and every table of a run is timed stage by stage.
``claims`` and ``misattributions``, the pairwise stages over the parse, are timed at the
``--pair-sizes`` beside the tokenising pass, their inputs computed into the cache first.

It writes ``--out`` (default ``benchmarks/``): ``scaling.csv`` and ``scaling.png`` (time
against corpus size, with the floor), ``pairs.csv``, ``nlp.csv``, and ``profile.txt`` (cProfile of the
passages stage at the largest size). Timings depend on the machine and its load: compare
the ratios, measured side by side: the floor, passages and similarity are taken in turn
``--repeat`` times (default 3) and their medians reported.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
from pathlib import Path

import pandas as pd

from ._measure import measure

__all__ = ["main", "prepare"]

_STAGES = "newsprism.bench._stages"
#: The pairwise stages over the shared parse, measured at ``--pair-sizes``.
PAIR_STAGES = ("claims", "misattributions")


def prepare(folder: Path, n: int, seed: int = 0) -> tuple[Path, Path]:
    """The corpus and truth of ``n`` generated articles under ``folder`` (made once)."""
    from newsprism.bench.synthetic import generate_corpus, write_truth

    root = folder / f"n{n}"
    corpus, truth = root / "corpus", root / "truth.csv"
    if not (truth.is_file() and corpus.is_dir() and sum(1 for _ in corpus.glob("*.txt")) == n):
        planted = generate_corpus(corpus, n, seed=seed, overwrite=True)
        write_truth(planted, truth)
    return corpus, truth


def _median_figures(runs: list[dict]) -> dict:
    """One row from repeated measurements: the median wall and CPU seconds, the largest
    memory, the rest (rows, recall) from the first run, and how many runs were taken."""
    first = dict(runs[0])
    for key in ("seconds", "cpu_seconds"):
        first[key] = float(statistics.median(r[key] for r in runs))
    first["peak_mb"] = max(r["peak_mb"] for r in runs)
    first["base_mb"] = max(r["base_mb"] for r in runs)
    first["runs"] = len(runs)
    return first


def _scaling(folder: Path, sizes: list[int], out: Path, profile: bool, repeat: int = 1) -> pd.DataFrame:
    """Passages and similarity beside the floor per size: ``repeat`` rounds of the three,
    taken in turn (floor, passages, similarity, floor, ...) so a slow spell of a shared
    machine weighs on all three alike; the medians are reported."""
    cache = str(folder / "cache")
    rows = []
    for n in sizes:
        corpus, truth = prepare(folder, n)
        measure(f"{_STAGES}:floor_pass", str(corpus), cache)  # decodes the corpus into the cache once
        targets = {"tokenising pass (floor)": ("floor_pass",), "passages": ("passages_pass", str(truth)), "similarity": ("similarity_pass",)}
        runs: dict[str, list[dict]] = {stage: [] for stage in targets}
        for _ in range(max(1, repeat)):
            for stage, (target, *args) in targets.items():
                runs[stage].append(measure(f"{_STAGES}:{target}", str(corpus), cache, *args))
        floor = _median_figures(runs["tokenising pass (floor)"])
        for stage in targets:
            figures = _median_figures(runs[stage])
            rows.append({"n_articles": n, "stage": stage, **figures, "ratio": figures["seconds"] / floor["seconds"]})
        _print(pd.DataFrame(rows[-3:]))
    if profile and sizes:
        corpus, _ = prepare(folder, max(sizes))
        measure(f"{_STAGES}:profile_passages", str(corpus), cache, str(out / "profile.txt"))
    return pd.DataFrame(rows)


def _nlp(folder: Path, sizes: list[int], jobs: list[int]) -> pd.DataFrame:
    cache = str(folder / "cache")
    rows = []
    for n in sizes:
        corpus, _ = prepare(folder, n)
        bare = measure(f"{_STAGES}:nlp_pipe", str(corpus), cache)
        rows.append({"n_articles": n, "what": "bare nlp.pipe (floor)", "jobs": 1, "seconds": bare["seconds"], "words_per_second": bare["words"] / bare["seconds"], "ratio": 1.0})
        for j in jobs:
            parse = measure(f"{_STAGES}:nlp_parse", str(corpus), cache, j)
            rows.append({"n_articles": n, "what": "shared parse", "jobs": j, "seconds": parse["seconds"], "words_per_second": parse["words"] / parse["seconds"], "ratio": parse["seconds"] / bare["seconds"]})
        tables = measure(f"{_STAGES}:nlp_tables", str(corpus), cache, max(jobs))
        for stage, seconds in tables["stages"].items():
            rows.append({"n_articles": n, "what": f"stage {stage}", "jobs": max(jobs), "seconds": seconds, "words_per_second": None, "ratio": seconds / bare["seconds"]})
        rows.append({"n_articles": n, "what": "all tables (parse included)", "jobs": max(jobs), "seconds": tables["seconds"], "words_per_second": None, "ratio": tables["seconds"] / bare["seconds"]})
        _print(pd.DataFrame([r for r in rows if r["n_articles"] == n]))
    return pd.DataFrame(rows)


def _pairs(folder: Path, sizes: list[int], jobs: int) -> pd.DataFrame:
    """``claims`` and ``misattributions`` per corpus size, beside the tokenising pass (the
    floor, as for passages). Their inputs (the parse, mentions, attributions) are computed
    into the cache first, untimed: the parse of 20,000 articles takes about half an hour."""
    cache = str(folder / "cache")
    rows = []
    for n in sizes:
        corpus, _ = prepare(folder, n)
        measure(f"{_STAGES}:nlp_prepare", str(corpus), cache, list(PAIR_STAGES), jobs)
        floor = measure(f"{_STAGES}:floor_pass", str(corpus), cache)
        rows.append({"n_articles": n, "stage": "tokenising pass (floor)", **floor, "ratio": 1.0})
        for stage in PAIR_STAGES:
            figures = measure(f"{_STAGES}:pair_stage_pass", str(corpus), cache, stage, jobs)
            rows.append({"n_articles": n, "stage": stage, **figures, "ratio": figures["seconds"] / floor["seconds"]})
        _print(pd.DataFrame(rows[-1 - len(PAIR_STAGES) :]))
    return pd.DataFrame(rows)


def _chart(table: pd.DataFrame, out: Path) -> Path:
    from newsprism.viz.charts import new_figure

    fig, ax = new_figure(6.5, 3.6)
    for stage, group in table.groupby("stage", sort=False):
        ax.plot(group["n_articles"], group["seconds"], marker="o", label=stage)
    ax.set_xlabel("articles (about 640 words each)")
    ax.set_ylabel("seconds (wall)")
    ax.set_title("Cost against corpus size, beside a plain tokenising pass")
    ax.legend(frameon=False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    path = out / "scaling.png"
    path.write_bytes(buffer.getvalue())
    return path


def _print(table: pd.DataFrame) -> None:
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsprism.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 5000, 20000], help="corpus sizes for passages and similarity")
    parser.add_argument("--nlp-sizes", nargs="*", type=int, default=[500, 2000], help="corpus sizes for the parse and the NLP stages")
    parser.add_argument("--pair-sizes", nargs="*", type=int, default=[1000, 5000, 20000], help="corpus sizes for claims and misattributions")
    parser.add_argument("--jobs", nargs="*", type=int, default=[1, 2], help="parse processes to measure (the largest also runs the tables)")
    parser.add_argument("--folder", type=Path, default=Path("build/bench"), help="generated corpora and their run cache")
    parser.add_argument("--out", type=Path, default=Path("benchmarks"), help="where the CSV, chart and profile go")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile of the largest passages run")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the floor, passages and similarity per size (medians reported)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.sizes:
        table = _scaling(args.folder, sorted(args.sizes), args.out, not args.no_profile, args.repeat)
        table.to_csv(args.out / "scaling.csv", index=False, lineterminator="\n", float_format="%.4f")
        _chart(table, args.out)
    if args.pair_sizes and not args.jobs:
        parser.error("--jobs needs at least one value")
    if args.pair_sizes:
        _pairs(args.folder, sorted(args.pair_sizes), max(args.jobs)).to_csv(args.out / "pairs.csv", index=False, lineterminator="\n", float_format="%.4f")
    if args.nlp_sizes:
        _nlp(args.folder, sorted(args.nlp_sizes), sorted(args.jobs)).to_csv(args.out / "nlp.csv", index=False, lineterminator="\n", float_format="%.4f")
    print(f"wrote {args.out}/", file=sys.stderr)
    return 0

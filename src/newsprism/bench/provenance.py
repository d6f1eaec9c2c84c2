"""Benchmark: provenance of the fixture pieces against a large reference folder.

::

    python -m newsprism.bench.provenance [--texts 50000] [--seed 14] [--folder DIR] [--keep]

It writes ``--texts`` reference files (a headline, then 6-14 sentences drawn with a fixed
seed from the sentences of ``tests/fixtures/provenance/reference`` and ``data/raw``, in
paragraphs of up to three, with a manifest giving each an outlet and a date before the
pieces), then times, each in its own process so peak memory is its own:

- ``floor``: a plain tokenising pass over the same files (decode each file, cut it into
  word tokens with :func:`newsprism.stages.passages.tokenize`): the least any search of
  the words must cost;
- ``cold``: ``quote_provenance`` and ``claim_provenance`` of the six fixture pieces against
  the folder (:func:`newsprism.stages.provenance.provenance_tables`: one search for both), with an empty cache (reading and segmenting every file, indexing it,
  aligning the candidates, parsing the texts that matched);
- ``warm``: the same again with the cache the cold run filled.

It prints time (the package imports both phases share are not counted; loading the spaCy
model is), peak resident memory and texts per second per phase, and the ratio of each to
the floor. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["generate_reference", "main"]

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "provenance"
SOURCES = (FIXTURES / "reference", ROOT / "data" / "raw")
OUTLETS = ("TASS", "Interfax", "Yonhap", "KCNA", "Ukrinform", "RIA", "AFP", "Reuters")
_SENTENCE_RE = re.compile(r"(?<=[.!?\"\u201d\u2019])\s+(?=[A-Z\"\u201c\u2018])")


def _sentences(folders: tuple[Path, ...]) -> list[str]:
    from newsprism.text.decode import read_article_file

    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            lines = [line.strip() for line in read_article_file(path).text.splitlines() if line.strip()]
            for line in lines[1:]:  # the headline is not reused
                found += [s for s in _SENTENCE_RE.split(line) if len(s.split()) >= 4]
    return sorted(set(found))


def generate_reference(folder: Path, texts: int, seed: int = 14) -> int:
    """Write ``texts`` reference files and a manifest into ``folder``; return the sentence pool size."""
    pool = _sentences(SOURCES)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,outlet,date"]
    for i in range(texts):
        body = rng.sample(pool, rng.randint(6, 14))
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        name = f"ref{i:06d}.txt"
        (folder / name).write_text(f"Wire report {i}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        rows.append(f"{name},{rng.choice(OUTLETS)},2026-{rng.randint(1, 2):02d}-{rng.randint(1, 28):02d}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(pool)


def _floor(folder: Path) -> dict:
    from newsprism.stages.passages import tokenize
    from newsprism.text.decode import read_article_file

    tokens = files = 0
    for path in sorted(folder.glob("*.txt")):
        tokens += len(tokenize(read_article_file(path).text))
        files += 1
    return {"texts": files, "tokens": tokens}


def _provenance(folder: Path, cache: Path) -> dict:
    from newsprism import Run
    from newsprism.stages.provenance import provenance_tables, verdict_counts

    run = Run(FIXTURES / "pieces", cache=cache, progress=True)
    quotes, claims = provenance_tables(run, [folder])
    counts = dict(zip(*verdict_counts(quotes).T.values))
    return {"quotes": len(quotes), "claims": len(claims), "matched_claims": int(claims["match_doc"].notna().sum()), "verdicts": counts}


def _phase(name: str, folder: Path, cache: Path) -> None:
    for shared in ("newsprism.run", "newsprism.stages.passages"):  # the imports both phases share are not timed
        importlib.import_module(shared)

    start = time.perf_counter()
    result = _floor(folder) if name == "floor" else _provenance(folder, cache)
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


def _run_phase(name: str, folder: Path, cache: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "newsprism.bench.provenance", "--phase", name, "--folder", str(folder), "--cache", str(cache)],
        check=True, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=50_000, help="reference files to generate (default 50,000)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--folder", type=Path, help="where the reference folder goes (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and cache")
    parser.add_argument("--phase", choices=("floor", "cold", "warm"), help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        _phase(args.phase, args.folder, args.cache)
        return 0
    base = Path(args.folder or tempfile.mkdtemp(prefix="newsprism-bench-provenance-"))
    folder, cache = base / "reference", base / "cache"
    start = time.perf_counter()
    pool = generate_reference(folder, args.texts, args.seed)
    print(f"generated {args.texts:,} reference texts from {pool} sentences in {time.perf_counter() - start:.1f} s: {folder}", file=sys.stderr)
    results = {name: _run_phase(name, folder, cache) for name in ("floor", "cold", "warm")}
    floor = results["floor"]["seconds"]
    print(f"{'phase':<6} {'seconds':>9} {'peak MB':>9} {'texts/s':>9} {'x floor':>8}")
    for name, r in results.items():
        print(f"{name:<6} {r['seconds']:>9.1f} {r['peak_mb']:>9.0f} {args.texts / r['seconds']:>9.0f} {r['seconds'] / floor:>8.2f}")
    print(f"floor: {results['floor']['tokens']:,} tokens; cold: {results['cold']['quotes']} quotes {results['cold']['verdicts']}, "
          f"{results['cold']['matched_claims']} of {results['cold']['claims']} claim sentences matched")  # fmt: skip
    if not args.keep and args.folder is None:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

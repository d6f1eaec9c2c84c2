"""Seeded synthetic news corpora with planted shared passages, for the benchmark and scale tests.

``generate_corpus(folder, n)`` writes ``folder/000000.txt`` ... and ``folder/manifest.csv``
(file, outlet, date) and returns the ground truth, one row per planted passage, which
:func:`write_truth` writes where the caller says (never into the corpus folder: newsprism
reads every article file there). Same arguments -> byte-identical files in any process:
every choice comes from ``random.Random`` seeded with a string, by index into fixed tuples.

Each article is a title-case headline, a blank line and paragraphs of one to three sentences
(``words`` tokens +-25% before planting). Planted passages are runs of ``min_tokens`` to
``max_tokens`` tokens (uniform) of a source body, copied into a target body at a sentence
boundary, verbatim or with one to three edits; plus clusters (one run copied into 3-6
targets, as a syndicated wire story) and near-duplicate articles (a whole copy with one to
three words changed). Tokens are runs of letters and digits (:data:`TOKEN_RE`).

Command line: ``python -m newsprism.bench.synthetic OUTDIR N [--seed S]`` writes
``OUTDIR/corpus/`` and ``OUTDIR/truth.csv``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import random
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import accumulate, islice
from pathlib import Path

import pandas as pd

from . import _vocabulary as V
from ._grammar import TOKEN_RE, Writer

__all__ = ["TOKEN_RE", "TRUTH_COLUMNS", "generate_corpus", "main", "write_truth"]

TRUTH_COLUMNS = [
    "passage_id", "source", "target", "source_start", "source_end", "target_start", "target_end",
    "n_tokens", "kind", "n_edits", "edits", "cluster", "scope",
]  # fmt: skip
_MANIFEST = "manifest.csv"
_EDGE = 3  # no edit within the first or last 3 tokens of a passage


@dataclass
class _Article:
    """One article before rendering: its sentences (``units``) and what is planted into it."""

    headline: str
    units: list[str]
    opens: list[bool]  # unit starts a paragraph
    counts: list[int]  # tokens in each unit
    outlet: str
    date: str
    starts: list[int] = field(default_factory=list)  # unit offsets in the base body (sources only)
    forbidden: set[int] = field(default_factory=set)  # boundaries inside a source span
    inserts: list[tuple[int, int, str]] = field(default_factory=list)  # (boundary, passage_id, unit text)
    final_starts: list[int] = field(default_factory=list)  # unit offsets in the file's text (sources only)
    planted_starts: dict[int, int] = field(default_factory=dict)  # passage_id -> offset in the file's text


@dataclass
class _Passage:
    pid: int
    source: int
    target: int
    cluster: int
    scope: str  # passage | article
    kind: str = "verbatim"
    span: tuple[int, int] = (0, 0)  # in the source's base body
    units: tuple[int, int] = (0, 0)  # source units holding span start and end
    text: str = ""  # as written into the target
    n_tokens: int = 0
    edits: list[str] = field(default_factory=list)


def _render(units: list[str], opens: list[bool]) -> tuple[str, list[int]]:
    parts, starts, pos = [], [], 0
    for i, unit in enumerate(units):
        if i:
            sep = "\n\n" if opens[i] else " "
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(unit)
        pos += len(unit)
    return "".join(parts), starts


def _article(seed: int, i: int, words: int, first_day: dt.date, days: int) -> _Article:
    rng = random.Random(f"newsprism-bench:{seed}:article:{i}")
    writer = Writer(rng)
    headline = writer.headline()
    units, opens, counts = writer.body(round(words * (0.75 + 0.5 * rng.random())), int(words * 1.25))
    date = first_day + dt.timedelta(days=writer.below(days))
    return _Article(headline, units, opens, counts, writer.pick(V.OUTLETS), date.isoformat())


def _base_body(article: _Article) -> str:
    """The body as generated, before planting; records the units' offsets in it."""
    body, article.starts = _render(article.units, article.opens)
    return body


def _sample(rng: random.Random, pool: list[int], k: int) -> list[int]:
    """``k`` distinct items of ``pool`` (partial Fisher-Yates on a copy)."""
    items = list(pool)
    for i in range(k):
        j = i + int(rng.random() * (len(items) - i))
        items[i], items[j] = items[j], items[i]
    return items[:k]


# -- edits ---------------------------------------------------------------------------------


def _replacement_pools() -> dict[str, tuple[str, ...]]:
    """For each one-token word of the pools, the words (of its part of speech) it may become."""
    pools: dict[str, tuple[str, ...]] = {}
    groups = [V.NOUNS, V.NOUN_PLURALS, V.ADJECTIVES, *(tuple(dict.fromkeys(f[k] for f in V.VERBS)) for k in range(5))]
    for group in groups:
        words = tuple(w for w in group if w.isalpha())
        for word in words:
            pools.setdefault(word, words)
    return pools


_REPLACEMENTS = _replacement_pools()


def _edit(text: str, rng: random.Random, n_edits: int, ops: tuple[str, ...]) -> tuple[str, list[str]]:
    """``text`` with up to ``n_edits`` word edits (``ops`` among changed, dropped, added), never two
    at adjacent tokens nor within the first or last 3 tokens; returns the text and the edits."""
    toks = [m.span() for m in TOKEN_RE.finditer(text)]

    def fits(op: str, i: int) -> bool:
        start, end = toks[i]
        word = text[start:end]
        if text[start - 1] != " ":
            return False
        if op == "added":
            return word[0].islower()
        if not (word.isalpha() and word.islower()):
            return False
        if op == "dropped":
            return end < len(text) and text[end] == " "
        return word in _REPLACEMENTS and (end == len(text) or text[end] in " ,.;:")

    def position(op: str) -> int | None:
        def free(i: int) -> bool:
            return all(abs(i - j) > 1 for j in chosen) and fits(op, i)

        inner = len(toks) - 2 * _EDGE
        for _ in range(64 if inner > 0 else 0):  # rejection sampling; a full scan only when that fails
            i = _EDGE + int(rng.random() * inner)
            if free(i):
                return i
        candidates = [i for i in range(_EDGE, len(toks) - _EDGE) if free(i)]
        return candidates[int(rng.random() * len(candidates))] if candidates else None

    chosen: dict[int, tuple[str, str]] = {}
    for _ in range(n_edits):
        first = int(rng.random() * len(ops))
        for op in ops[first:] + ops[:first]:
            i = position(op)
            if i is not None:
                old = text[toks[i][0] : toks[i][1]]
                if op == "changed":
                    pool = _REPLACEMENTS[old]
                    new = old
                    while new == old:
                        new = pool[int(rng.random() * len(pool))]
                else:
                    new = V.ADDED_WORDS[int(rng.random() * len(V.ADDED_WORDS))] if op == "added" else ""
                chosen[i] = (op, new)
                break
    notes = []
    for i in sorted(chosen, reverse=True):
        op, new = chosen[i]
        start, end = toks[i]
        old = text[start:end]
        if op == "changed":
            text, note = text[:start] + new + text[end:], f"changed: {old} -> {new}"
        elif op == "dropped":
            text, note = text[: start - 1] + text[end:], f"dropped: {old}"
        else:
            text, note = text[:start] + new + " " + text[start:], f"added: {new}"
        notes.append(note)
    return text, notes[::-1]


# -- planting ------------------------------------------------------------------------------


def _plan(articles: list[_Article], rng: random.Random, n_passages: int, near_share: float, cluster_share: float) -> list[_Passage]:
    """Who copies from whom: clusters, then pairs, then near-duplicate articles."""
    n = len(articles)

    def oriented(members: list[int]) -> list[int]:  # the earliest article is the source
        return sorted(members, key=lambda i: (articles[i].date, i))

    n_near = min(round(n_passages * near_share), n // 4)
    near = [oriented(p) for p in zip(*[iter(_sample(rng, list(range(n)), 2 * n_near))] * 2)]
    reserved = {i for pair in near for i in pair}
    pool = [i for i in range(n) if i not in reserved]
    passages: list[_Passage] = []
    used: set[tuple[int, int]] = set()
    goal = min(round(n_passages * cluster_share), n_passages - n_near)
    while goal - len(passages) >= 3 and len(pool) >= 4:
        k = min(3 + int(rng.random() * 4), goal - len(passages), len(pool) - 1)
        source, *targets = oriented(_sample(rng, pool, k + 1))
        cluster = passages[-1].cluster + 1 if passages else 0
        for target in targets:
            passages.append(_Passage(len(passages), source, target, cluster, "passage"))
            used.add((source, target))
    while len(passages) < n_passages - n_near:
        if len(pool) < 2:
            raise ValueError(f"{n} articles are too few for {n_passages} planted passages")
        for _ in range(1000):
            source, target = oriented(_sample(rng, pool, 2))
            if (source, target) not in used:
                break
        used.add((source, target))
        passages.append(_Passage(len(passages), source, target, -1, "passage"))
    passages += [_Passage(len(passages) + k, s, t, -1, "article") for k, (s, t) in enumerate(near)]
    return passages


def _choose_span(source: _Article, rng: random.Random, min_tokens: int, max_tokens: int) -> tuple[tuple[int, int], tuple[int, int], int, str]:
    """A run of tokens of the source's base body, starting at a word: (span, units, n_tokens, text)."""
    body = _base_body(source)
    before = list(accumulate(source.counts, initial=0))  # tokens before each unit (none between units)
    length = min(min_tokens + int(rng.random() * (max_tokens - min_tokens + 1)), before[-1])
    first = int(rng.random() * (before[-1] - length + 1))
    unit = bisect.bisect_right(before, first) - 1
    following = islice(TOKEN_RE.finditer(body, source.starts[unit]), first - before[unit], None)
    window = deque((m.span() for m in islice(following, length)), maxlen=length)
    for m in following:  # slide on until the run starts at a word (not after ' or - or a digit group's comma)
        if window[0][0] == 0 or body[window[0][0] - 1].isspace():
            break
        window.append(m.span())
    span = (window[0][0], window[-1][1])
    units = (bisect.bisect_right(source.starts, span[0]) - 1, bisect.bisect_right(source.starts, span[1] - 1) - 1)
    source.forbidden.update(range(units[0] + 1, units[1] + 1))
    return span, units, len(window), body[span[0] : span[1]]


def _plant(articles: list[_Article], passages: list[_Passage], rng: random.Random, edit_rate: float, min_tokens: int, max_tokens: int) -> None:
    copies = [p for p in passages if p.scope == "passage"]
    edited = set(_sample(rng, list(range(len(copies))), round(edit_rate * len(copies))))
    spans: dict[int, tuple[tuple[int, int], tuple[int, int], int, str]] = {}
    for k, p in enumerate(copies):  # every source span first: insertions must not split one
        key = p.cluster if p.cluster >= 0 else -1 - p.pid
        if key not in spans:
            spans[key] = _choose_span(articles[p.source], rng, min_tokens, max_tokens)
        p.span, p.units, p.n_tokens, p.text = spans[key]
        if k in edited:
            p.text, p.edits = _edit(p.text, rng, 1 + int(rng.random() * 3), ("changed", "dropped", "added"))
            p.kind = "edited" if p.edits else "verbatim"
    for p in copies:
        target = articles[p.target]
        allowed = [b for b in range(len(target.units) + 1) if b not in target.forbidden]
        target.inserts.append((allowed[int(rng.random() * len(allowed))], p.pid, p.text + "."))
    for p in passages:
        if p.scope == "article":
            source, target = articles[p.source], articles[p.target]
            body = _base_body(source)
            p.span, p.units, p.n_tokens = (0, len(body)), (0, len(source.units) - 1), sum(source.counts)
            p.text, p.edits = _edit(body, rng, 1 + int(rng.random() * 3), ("changed",))
            p.kind = "edited" if p.edits else "verbatim"
            target.headline = source.headline


def _finish(article: _Article, copy_of: str | None) -> str:
    """The article's final text, with its planted passages at their boundaries; records where
    its units (for a source) and planted passages now start."""
    head = len(article.headline) + 2
    if copy_of is not None:
        article.planted_starts = {-1: head}
        return f"{article.headline}\n\n{copy_of}\n"
    at: dict[int, list[tuple[int, str]]] = {}
    for boundary, pid, unit in article.inserts:
        at.setdefault(boundary, []).append((pid, unit))
    units: list[str] = []
    opens: list[bool] = []
    base_index: list[int] = []
    planted_index: dict[int, int] = {}
    n = len(article.units)
    for b in range(n + 1):
        own_paragraph = b in (0, n) or article.opens[b]
        for pid, unit in at.get(b, []):
            planted_index[pid] = len(units)
            units.append(unit)
            opens.append(own_paragraph)
        if b < n:
            base_index.append(len(units))
            units.append(article.units[b])
            opens.append(article.opens[b])
    body, starts = _render(units, opens)
    if article.starts:
        article.final_starts = [head + starts[i] for i in base_index]
    article.planted_starts = {pid: head + starts[i] for pid, i in planted_index.items()}
    return f"{article.headline}\n\n{body}\n"


def _source_offset(article: _Article, unit: int, offset: int) -> int:
    return article.final_starts[unit] + offset - article.starts[unit]


# -- public API ------------------------------------------------------------------------------


def generate_corpus(
    folder: str | Path,
    n_articles: int,
    *,
    seed: int = 0,
    words: int = 600,
    planted: float = 0.5,
    edit_rate: float = 0.5,
    cluster_share: float = 0.25,
    near_duplicate_share: float = 0.05,
    min_tokens: int = 15,
    max_tokens: int = 60,
    first_day: str = "2024-01-01",
    days: int = 730,
    overwrite: bool = False,
) -> pd.DataFrame:
    """Write ``n_articles`` synthetic articles and ``manifest.csv`` into ``folder``; return the truth.

    ``planted`` passages per article in all (rounded): a ``cluster_share`` of them in clusters
    (one source run copied into 3-6 targets), a ``near_duplicate_share`` as whole-article
    near-duplicates, the rest source -> target pairs; ``edit_rate`` of the passage copies are
    edited (near-duplicates always are). The folder must be absent or empty (``overwrite``:
    earlier articles and manifest are deleted first). The returned DataFrame has the
    :data:`TRUTH_COLUMNS`; ``truth.attrs`` records the arguments and the folder.
    """
    root = Path(folder)
    if n_articles < 1 or words < 50 or not 0 <= edit_rate <= 1 or not 1 <= min_tokens <= max_tokens:
        raise ValueError("need n_articles >= 1, words >= 50, 0 <= edit_rate <= 1 and 1 <= min_tokens <= max_tokens")
    _prepare_folder(root, overwrite)
    start = dt.date.fromisoformat(first_day)
    articles = [_article(seed, i, words, start, days) for i in range(n_articles)]
    rng = random.Random(f"newsprism-bench:{seed}:plan:{n_articles}")
    passages = _plan(articles, rng, round(planted * n_articles), near_duplicate_share, cluster_share)
    _plant(articles, passages, rng, edit_rate, min_tokens, max_tokens)
    copies = {p.target: p.text for p in passages if p.scope == "article"}
    names = [f"{i:06d}" for i in range(n_articles)]
    for i, (name, article) in enumerate(zip(names, articles)):
        (root / f"{name}.txt").write_bytes(_finish(article, copies.get(i)).encode("utf-8"))
        article.units = []
    with open(root / _MANIFEST, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["file", "outlet", "date"])
        out.writerows([f"{name}.txt", a.outlet, a.date] for name, a in zip(names, articles))
    truth = pd.DataFrame([_truth_row(p, articles, names) for p in passages], columns=TRUTH_COLUMNS)
    truth.attrs.update(corpus=str(root.resolve()), seed=seed, n_articles=n_articles, words=words, planted=planted, edit_rate=edit_rate)
    return truth


def _truth_row(p: _Passage, articles: list[_Article], names: list[str]) -> dict:
    source, target = articles[p.source], articles[p.target]
    target_start = target.planted_starts[p.pid if p.scope == "passage" else -1]
    return {
        "passage_id": p.pid,
        "source": names[p.source],
        "target": names[p.target],
        "source_start": _source_offset(source, p.units[0], p.span[0]),
        "source_end": _source_offset(source, p.units[1], p.span[1]),
        "target_start": target_start,
        "target_end": target_start + len(p.text),
        "n_tokens": p.n_tokens,
        "kind": p.kind,
        "n_edits": len(p.edits),
        "edits": "; ".join(p.edits),
        "cluster": p.cluster,
        "scope": p.scope,
    }


def _prepare_folder(root: Path, overwrite: bool) -> None:
    root.mkdir(parents=True, exist_ok=True)
    present = sorted(p.name for p in root.iterdir())
    if not present:
        return
    ours = [n for n in present if n == _MANIFEST or (n.endswith(".txt") and n[:-4].isdigit())]
    if not overwrite or len(ours) != len(present):
        raise FileExistsError(f"{root}: folder is not empty ({present[0]}, ...); pass overwrite=True for an earlier synthetic corpus")
    for name in ours:
        (root / name).unlink()


def write_truth(truth: pd.DataFrame, path: str | Path) -> Path:
    """Write the truth table as UTF-8 CSV with ``\\n`` line ends; never into the corpus folder."""
    path = Path(path)
    corpus = truth.attrs.get("corpus")
    if corpus is not None and path.resolve().parent == Path(corpus):
        raise ValueError(f"{path}: the truth must not be written into the corpus folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    truth.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m newsprism.bench.synthetic OUTDIR N [--seed S]``: OUTDIR/corpus/ and OUTDIR/truth.csv."""
    parser = argparse.ArgumentParser(prog="python -m newsprism.bench.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=600, help="body words per article (+-25%%)")
    parser.add_argument("--planted", type=float, default=0.5, help="planted passages per article")
    parser.add_argument("--edit-rate", type=float, default=0.5, help="share of copied passages that are edited")
    parser.add_argument("--overwrite", action="store_true", help="replace an earlier synthetic corpus in OUTDIR")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    truth = generate_corpus(
        args.outdir / "corpus", args.n, seed=args.seed, words=args.words, planted=args.planted,
        edit_rate=args.edit_rate, overwrite=args.overwrite,
    )  # fmt: skip
    write_truth(truth, args.outdir / "truth.csv")
    print(f"{args.n} articles in {args.outdir / 'corpus'}, {len(truth)} planted passages in {args.outdir / 'truth.csv'} "
          f"({time.perf_counter() - began:.1f} s)", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

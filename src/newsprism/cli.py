"""The ``newsprism`` command line (see INTERFACE.md)::

    newsprism COMMAND [CORPUS] [--format csv|json|parquet] [--out PATH]
              [--jobs N] [--cache DIR | --no-cache] [--recursive] [--scheduler local|ADDRESS]
              [--claims-method lexical|learned]  (table and provenance commands)
    newsprism provenance [CORPUS] [--reference DIR ...] [--claims] [options as above]

Every table command goes through one :class:`newsprism.Run`, so a second command on the
same corpus reads what the first computed. Tables go to stdout (CSV by default) unless
``--out`` is given; progress and warnings go to stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from newsprism import __version__
from newsprism.config import debug
from newsprism.errors import NewsprismError
from newsprism.output import FORMATS, print_table, write_table
from newsprism.stages.registry import CLAIM_METHODS, INTERFACE_TABLES, STAGES

__all__ = ["main"]

log = logging.getLogger("newsprism")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2."""

    def error(self, message: str):  # type: ignore[override]
        raise NewsprismError(message)


def _run_options(cmd: argparse.ArgumentParser, *, claims: bool = True) -> None:
    cmd.add_argument("corpus", nargs="?", default="data/raw", help="folder of article files (default: data/raw)")
    cmd.add_argument("--recursive", action="store_true", help="also read articles in subfolders")
    cmd.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes for the spaCy parse and, from 200 articles, the per-article steps (default: the machine's cores, at most 4)")
    cmd.add_argument("--scheduler", metavar="local|ADDRESS", default=None, help="run the per-article stages on Dask: 'local' starts a cluster of --jobs processes, or tcp://host:port of a running scheduler")
    if claims:  # not for report: its pages show the default claims
        cmd.add_argument("--claims-method", choices=CLAIM_METHODS, default="lexical", help="how claims pair sentences: lexical (default) or learned (MiniLM embeddings and a fitted scorer; needs the embeddings extra)")
    where = cmd.add_mutually_exclusive_group()
    where.add_argument("--cache", metavar="DIR", default=None, help="where computed stages are kept (default: $NEWSPRISM_CACHE_DIR or ~/.cache/newsprism)")
    where.add_argument("--no-cache", action="store_true", help="keep nothing on disk")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsprism", description="Compare news pieces about one story: reuse, sources, names, framing.")
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in INTERFACE_TABLES:
        cmd = sub.add_parser(name, help=STAGES[name].help, description=STAGES[name].help)
        _run_options(cmd)
        _output_options(cmd)
    table = sub.add_parser("table", help="any stage of a run by name (see 'newsprism table --help')", description=_TABLE_HELP)
    table.add_argument("stage", choices=list(STAGES), metavar="STAGE", help="one of: " + ", ".join(STAGES))
    _run_options(table)
    _output_options(table)
    prov = sub.add_parser("provenance", help="where each quote (or claim sentence) comes from and what changed on the way", description=_PROVENANCE_HELP)
    _run_options(prov)
    prov.add_argument("--reference", action="append", default=[], metavar="DIR", help="a folder of reference texts (repeat for several); without it the pieces are each other's reference")
    prov.add_argument("--claims", action="store_true", help="print claim_provenance (claim sentences) instead of quote_provenance")
    _output_options(prov)
    report = sub.add_parser("report", help="compute every stage, run every notebook on CORPUS and write a report folder", description=_REPORT_HELP)
    _run_options(report, claims=False)
    report.add_argument("--out", default="reports", help="report folder (default: reports/)")
    report.add_argument("--force", action="store_true", help="overwrite a report folder committed to git (the repository's reports/)")
    return parser


def _output_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--format", choices=FORMATS, default="csv", help="output format (default: csv)")
    cmd.add_argument("--out", help="write the table to this file instead of standard output")


_TABLE_HELP = "Print one stage's table: " + "; ".join(f"{name}: {s.help}" for name, s in STAGES.items())
_PROVENANCE_HELP = (
    "Print quote_provenance: for every direct and mixed quote of every piece, the closest text carrying its words in the "
    "reference folders and the other pieces (never one dated after the piece), aligned word by word, with a verdict "
    "(exact, altered, truncated, extended, speaker_differs, not_found), the differences, both speakers and the earliest "
    "appearance. With --claims, print claim_provenance: each claim sentence against its closest reference sentence, with "
    "what differs in numbers, dates, titles, names, places and credit. not_found means no text searched carries the words: "
    "a lead, never a verdict of fabrication."
)
_REPORT_HELP = (
    "Compute every stage once, run the numbered notebooks on CORPUS (they read the same cache) and write OUT/: "
    "one HTML page per notebook, index.html, tables/*.csv, figures/*.png with the CSV each plots, and skipped.csv."
)


def _refuse_corpus_output(out: Path, corpus: Path) -> None:
    """Nothing ever writes into the corpus folder."""
    if corpus.is_dir() and out.resolve().is_relative_to(corpus.resolve()):
        raise NewsprismError(f"{out}: output path is inside the corpus folder {corpus}; newsprism never writes there")


def _make_run(args: argparse.Namespace):
    from newsprism.run import DEFAULT_CACHE, Run

    cache = None if args.no_cache else (args.cache or DEFAULT_CACHE)
    return Run(args.corpus, cache=cache, jobs=args.jobs, recursive=args.recursive, progress=True, scheduler=args.scheduler, claims=getattr(args, "claims_method", "lexical"))


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if not args.command:
        raise NewsprismError("missing COMMAND (choose from " + ", ".join([*INTERFACE_TABLES, "table", "provenance", "report"]) + ")")
    if args.out:
        for folder in [args.corpus, *getattr(args, "reference", [])]:
            _refuse_corpus_output(Path(args.out), Path(folder))
    with _make_run(args) as run:
        return _command(args, run)


def _command(args: argparse.Namespace, run) -> int:
    if args.command == "report":
        from newsprism.report.build import build_report

        pages = build_report(run, args.out, force=args.force)
        log.info("wrote %d pages and %s", len(pages), Path(args.out) / "index.html")
        return 0
    if args.command == "provenance":
        from newsprism.stages.provenance import claim_provenance, quote_provenance

        table = (claim_provenance if args.claims else quote_provenance)(run, args.reference)
    else:
        table = run.table(args.stage if args.command == "table" else args.command)
    if args.out:
        write_table(table, args.out, args.format)
        log.info("wrote %d rows to %s", len(table), args.out)
    else:
        print_table(table, args.format)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit 0 on success, 2 with one ``newsprism: error: ...`` line otherwise."""
    logging.basicConfig(level=logging.INFO, format="newsprism: %(levelname)s: %(message)s", stream=sys.stderr, force=True)
    try:
        return _run(argv)
    except NewsprismError as exc:
        print(f"newsprism: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsprism: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line unless the user asks for the traceback
        if debug():
            raise
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        print(f"newsprism: error: internal error ({type(exc).__name__}: {first}); rerun with NEWSPRISM_DEBUG=1 for details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

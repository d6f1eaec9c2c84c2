"""The ``newsprism`` command line: ``newsprism COMMAND [CORPUS] [--format F] [--out PATH]``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from newsprism import __version__
from newsprism.corpus.read import load_corpus
from newsprism.errors import NewsprismError
from newsprism.output import FORMATS, print_table, write_table
from newsprism.stages.registry import TABLES, build_table

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2."""

    def error(self, message: str):  # type: ignore[override]
        raise NewsprismError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsprism", description="Compare news pieces about one story: reuse, sources, names, framing.")
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_, help_text) in TABLES.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("corpus", nargs="?", default="data/raw", help="folder of article files (default: data/raw)")
        cmd.add_argument("--format", choices=FORMATS, default="csv", help="output format (default: csv)")
        cmd.add_argument("--out", help="write the table to this file instead of standard output")
        cmd.add_argument("--recursive", action="store_true", help="also read articles in subfolders")
    report = sub.add_parser("report", help="run every notebook on CORPUS and write a report folder", description=_REPORT_HELP)
    report.add_argument("corpus", nargs="?", default="data/raw", help="folder of article files (default: data/raw)")
    report.add_argument("--out", default="reports", help="report folder (default: reports/)")
    return parser


_REPORT_HELP = (
    "Run the numbered notebooks on CORPUS and write OUT/: one HTML page per notebook, index.html, "
    "tables/*.csv, figures/*.png with the CSV each plots, and skipped.csv."
)


def _refuse_corpus_output(out: Path, corpus: Path) -> None:
    """Nothing ever writes into the corpus folder."""
    if corpus.is_dir() and out.resolve().is_relative_to(corpus.resolve()):
        raise NewsprismError(f"{out}: output path is inside the corpus folder {corpus}; newsprism never writes there")


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if not args.command:
        raise NewsprismError("missing COMMAND (choose from " + ", ".join([*TABLES, "report"]) + ")")
    if args.out:
        _refuse_corpus_output(Path(args.out), Path(args.corpus))
    if args.command == "report":
        from newsprism.report.build import build_report

        pages = build_report(args.corpus, args.out)
        logging.getLogger("newsprism").info("wrote %d pages and %s", len(pages), Path(args.out) / "index.html")
        return 0
    articles = load_corpus(args.corpus, recursive=args.recursive)
    table = build_table(args.command, articles)
    if args.out:
        write_table(table, args.out, args.format)
        logging.getLogger("newsprism").info("wrote %d rows to %s", len(table), args.out)
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

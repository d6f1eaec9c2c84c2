"""The shared report: compute every stage once, run the notebooks on that cache, render them.

``make report`` computes the run of ``data/raw`` in the default cache, executes the
repository's notebooks in place (so their committed outputs match) and renders them into
``reports/``; ``newsprism report CORPUS --out DIR`` does the same for any folder, running
copies of the notebooks through papermill with ``CORPUS``, ``OUT`` and ``CACHE`` injected,
so every notebook reads the tables the run computed instead of computing them again. Each
file under the report folder has one writer: this module writes ``tables/*.csv`` (every
stage of the run), ``skipped.csv``, the HTML pages and ``index.html``; the notebooks write
``figures/*.png`` beside the CSV each plots.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import NewsprismError
from newsprism.output import atomic_write_bytes, write_table
from newsprism.run import Run
from newsprism.stages.registry import STAGES

from .index import write_index
from .render import PageLink, notebook_title, render_html

__all__ = ["NOTEBOOK_DIR", "build_report", "execute_notebook", "notebook_paths", "write_tables"]

log = logging.getLogger("newsprism")

_PACKAGE = Path(__file__).resolve().parents[1]
#: The notebooks: shipped inside the package (a wheel), else the repository's notebooks folder.
NOTEBOOK_DIR = _PACKAGE / "_notebooks" if (_PACKAGE / "_notebooks").is_dir() else _PACKAGE.parents[1] / "notebooks"
_NOTEBOOK_RE = re.compile(r"^\d{2}_[\w-]+\.ipynb$")
#: Kernels log only critical messages, so a successful report prints nothing but progress
#: (no "running over TCP without encryption", no "KeyboardInterrupt caught" at shutdown).
_QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]


def notebook_paths(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of a folder, in run order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NewsprismError(f"{folder}: notebooks folder not found")
    return sorted(p for p in folder.glob("*.ipynb") if _NOTEBOOK_RE.match(p.name))


def execute_notebook(path: str | Path, *, timeout: int = 900) -> None:
    """Run a notebook top to bottom in its own folder and save it in place, without timings."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=_QUIET_KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    atomic_write_bytes(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def _execute_with_parameters(source: Path, target: Path, parameters: dict[str, str]) -> None:
    """Run ``source`` with papermill, ``parameters`` injected, saving the result as ``target``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            cwd=str(source.parent),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            extra_arguments=_QUIET_KERNEL,
        )
    except PapermillExecutionError as exc:
        raise NewsprismError(
            f"{source.name}: failed on {parameters['CORPUS']} in cell {exc.exec_count} ({exc.ename}: {exc.evalue}); the executed copy is {target}"
        ) from None
    _stable_ids(target)


def _stable_ids(path: Path) -> None:
    """Give every cell of a notebook an id from its position (papermill gives the cell of
    injected parameters a random one) and drop papermill's timings, so the same report is
    the same bytes."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    atomic_write_bytes(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def write_tables(run: Run, out_dir: str | Path) -> list[Path]:
    """Write every stage of ``run`` to ``out_dir/tables/STAGE.csv`` (the one writer of ``tables/``)."""
    return [write_table(run.table(name), Path(out_dir) / "tables" / f"{name}.csv") for name in STAGES]


def committed_report(folder: str | Path) -> bool:
    """Whether ``folder`` holds a report committed to a git repository (its index.html is tracked)."""
    folder = Path(folder)
    if not (folder / "index.html").is_file():
        return False
    try:
        found = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "--error-unmatch", "index.html"], capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0


def build_report(
    run: Run | None = None, out_dir: str | Path = "reports", *, notebook_dir: str | Path = NOTEBOOK_DIR, force: bool = False
) -> list[Path]:
    """Compute every stage of ``run``, run every numbered notebook on it and write the report folder.

    With ``run=None`` the notebooks run in place on their default corpus and cache
    (``make report``); otherwise copies run through papermill on ``run``'s corpus and cache
    and are kept in ``out_dir/notebooks/``. A run without a disk cache gets a temporary one
    for the time of the report, so the notebooks can read what it computed. A report
    committed to a git repository (``reports/`` of a clone) is overwritten only in place
    (``make report``) or with ``force``. Returns the HTML pages written.
    """
    _quiet_libraries()
    if run is not None and run.claims != "lexical":
        raise NewsprismError(f"a report shows the default (lexical) claims; this run's claims are {run.claims}: build the report from Run(corpus)")
    notebooks = notebook_paths(notebook_dir)
    in_place = run is None
    with tempfile.TemporaryDirectory(prefix="newsprism-report-cache-") as scratch:
        if run is None:
            run = Run(Path(notebook_dir).resolve().parent / "data" / "raw")
        elif run.cache.root is None:
            run = Run(run.corpus, cache=scratch, jobs=run.jobs, recursive=run.recursive, progress=run.progress)
        out_dir = Path(out_dir).resolve()
        if not in_place and not force and committed_report(out_dir):
            raise NewsprismError(
                f"{out_dir}: holds a report committed to git; choose another --out, or pass --force to overwrite it"
            )
        if not in_place and out_dir.is_relative_to(run.corpus.resolve()):
            raise NewsprismError(
                f"{out_dir}: output folder is inside the corpus folder {run.corpus}; newsprism never writes there"
            )
        run.compute()
        write_table(run.skipped, out_dir / "skipped.csv")
        write_tables(run, out_dir)
        parameters = {"CORPUS": str(run.corpus.resolve()), "OUT": str(out_dir), "CACHE": str(run.cache.root)}
        links = [PageLink(f"{nb.stem}.html", notebook_title(nb)) for nb in notebooks]
        pages = [
            _Page(
                nb,
                None if in_place else out_dir / "notebooks",
                out_dir,
                links[k - 1] if k else None,
                links[k + 1] if k + 1 < len(links) else None,
            )
            for k, nb in enumerate(notebooks)
        ]
        workers = min(run.jobs, len(pages))
        with _kernel_environment(run.cache.root, jobs=max(1, run.jobs // workers)):
            html = _build_pages(pages, parameters, workers=workers)
        write_index(notebooks, out_dir, run)
    return html


@dataclass(frozen=True)
class _Page:
    """One page of the report: its notebook, where the executed copy goes (``None``: in
    place), the report folder and the pages before and after it."""

    notebook: Path
    executed_dir: Path | None
    out_dir: Path
    previous: PageLink | None
    following: PageLink | None

    def build(self, parameters: dict[str, str]) -> Path:
        """Run the notebook and render it; the HTML page written."""
        if self.executed_dir is None:
            execute_notebook(self.notebook)
            executed = self.notebook
        else:
            executed = self.executed_dir / self.notebook.name
            _execute_with_parameters(self.notebook, executed, parameters)
        return render_html(executed, self.out_dir, self.notebook.stem, previous=self.previous, following=self.following)


def _build_pages(pages: list[_Page], parameters: dict[str, str], *, workers: int) -> list[Path]:
    """Build every page, ``workers`` kernels at a time; the HTML pages in the notebooks'
    order. The kernels read the run's tables from its cache, and page 08 adds its
    development-set runs there under their own keys (the cache writes whole files
    atomically); each page writes only its own files, so the order changes no byte. The
    later pages score development sets and take longest, so they start first. When a page
    fails, the pages not yet started are cancelled and the error names the notebook."""
    log.info("running %d notebooks, %d at a time", len(pages), max(workers, 1))
    if workers <= 1:
        return [_logged(page, page.build(parameters)) for page in pages]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet_libraries) as pool:
        futures = {pool.submit(page.build, parameters): page for page in reversed(pages)}
        done = {}
        for future in as_completed(futures):
            page = futures[future]
            try:
                done[page.notebook] = _logged(page, future.result())
            except NewsprismError:
                pool.shutdown(cancel_futures=True)
                raise
            except Exception as exc:  # a kernel or worker that died: name the page
                pool.shutdown(cancel_futures=True)
                raise NewsprismError(f"{page.notebook.name}: {type(exc).__name__}: {exc}") from None
    return [done[page.notebook] for page in pages]


def _logged(page: _Page, html: Path) -> Path:
    log.info("ran %s", page.notebook.name)
    return html


def _quiet_libraries() -> None:
    """Errors only from the notebook libraries (in the report's process and its workers)."""
    for noisy in ("papermill", "traitlets", "nbconvert"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


@contextmanager
def _kernel_environment(root: Path, *, jobs: int) -> Iterator[None]:
    """While the kernels run: ``NEWSPRISM_CACHE_DIR`` set to the report's cache, so their
    own runs (page 08's development sets) keep what they compute there too, and
    ``NEWSPRISM_JOBS`` to each kernel's share of the run's jobs."""
    settings = {"NEWSPRISM_CACHE_DIR": str(root), "NEWSPRISM_JOBS": str(jobs)}
    old = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


if __name__ == "__main__":  # python -m newsprism.report.build: what `make report` runs
    logging.basicConfig(level=logging.INFO, format="newsprism: %(message)s")
    build_report()

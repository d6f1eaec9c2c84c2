"""The shared report: run the numbered notebooks, render them as offline HTML, write the index.

``make report`` executes the notebooks in place (so committed outputs match) and renders
them into ``reports/``; ``newsprism report CORPUS --out DIR`` runs the same notebooks on
any folder through papermill, leaving the repository's notebooks untouched. Both write
``tables/*.csv`` (every table of INTERFACE.md), ``figures/*.png`` beside the CSV each
plots, one HTML page per notebook, ``index.html`` and ``skipped.csv``.
"""

from __future__ import annotations

import base64
import html
import logging
import re
from pathlib import Path

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.output import atomic_write_bytes, write_table

__all__ = [
    "NOTEBOOK_DIR",
    "build_report",
    "execute_notebook",
    "notebook_paths",
    "offline_html",
    "render_html",
    "write_index",
    "write_tables",
]

log = logging.getLogger("newsprism")

#: The repository's notebooks folder (present in a clone or an editable install).
NOTEBOOK_DIR = Path(__file__).resolve().parents[3] / "notebooks"
_NOTEBOOK_RE = re.compile(r"^\d{2}_[\w-]+\.ipynb$")


def notebook_paths(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of a folder, in run order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NewsprismError(f"{folder}: notebooks folder not found (run from a clone of newsprism)")
    return sorted(p for p in folder.glob("*.ipynb") if _NOTEBOOK_RE.match(p.name))


def execute_notebook(path: str | Path, *, timeout: int = 900) -> None:
    """Run a notebook top to bottom in its own folder and save it in place, without timings."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    atomic_write_bytes(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def _execute_with_parameters(source: Path, target: Path, corpus: Path, out_dir: Path) -> None:
    """Run ``source`` with papermill, CORPUS and OUT injected, saving the result as ``target``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters={"CORPUS": str(corpus), "OUT": str(out_dir)},
            cwd=str(source.parent),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        raise NewsprismError(
            f"{source.name}: failed on {corpus} in cell {exc.exec_count} ({exc.ename}: {exc.evalue}); the executed copy is {target}"
        ) from None


_REMOTE_SCRIPT_RE = re.compile(r"<script\b[^>]*\bsrc=[\"']?https?://[^>]*>\s*</script>", re.IGNORECASE)
_INLINE_SCRIPT_RE = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_REMOTE_LINK_RE = re.compile(r"<link\b[^>]*\bhref=[\"']?https?://[^>]*>", re.IGNORECASE)


def offline_html(page: str) -> str:
    """Drop every script or stylesheet that would load from the network (MathJax, Mermaid from a CDN)."""
    page = _REMOTE_SCRIPT_RE.sub("", page)
    page = _REMOTE_LINK_RE.sub("", page)
    return _INLINE_SCRIPT_RE.sub(lambda m: "" if re.search(r"import\(?\s*[\"']https?://", m.group(1)) else m.group(0), page)


def render_html(path: str | Path, out_dir: str | Path, name: str | None = None) -> Path:
    """Render an executed notebook to ``out_dir/NAME.html``: images embedded, nothing from a CDN."""
    import nbformat
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    return atomic_write_bytes(Path(out_dir) / f"{name or path.stem}.html", offline_html(body).encode("utf-8"))


def _title(path: Path) -> str:
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def write_tables(articles: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """Write every registered table of INTERFACE.md to ``out_dir/tables/COMMAND.csv``."""
    from newsprism.stages.registry import TABLES, build_table

    return [write_table(build_table(name, articles), Path(out_dir) / "tables" / f"{name}.csv") for name in TABLES]


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}" style="max-width:100%">'


def write_index(notebooks: list[Path], out_dir: str | Path, articles: pd.DataFrame | None = None) -> Path:
    """Write ``out_dir/index.html``: the pieces, the first figure of each notebook, links to every page."""
    out_dir = Path(out_dir)
    pages = "\n".join(
        f'<li><a href="{html.escape(nb.stem)}.html">{html.escape(nb.stem)}</a>: {html.escape(_title(nb))}</li>' for nb in notebooks
    )
    pieces = ""
    if articles is not None:
        rows = "\n".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (r.doc_id, r.outlet, r.headline, r.n_words, r.encoding)) + "</tr>"
            for r in articles.itertuples(index=False)
        )
        pieces = (
            "<h2>The pieces</h2>\n<table><thead><tr><th>doc_id</th><th>outlet</th><th>headline</th><th>words</th><th>encoding</th></tr>"
            f"</thead><tbody>\n{rows}\n</tbody></table>"
        )
    figures = []
    for nb in notebooks:
        pngs = sorted((out_dir / "figures").glob(f"{nb.stem[:2]}_*.png"))
        if pngs:
            figures.append(
                f'<figure>{_img(pngs[0])}<figcaption><a href="{html.escape(nb.stem)}.html">{html.escape(_title(nb))}</a>: '
                f'{html.escape(pngs[0].name)} (data: <a href="figures/{html.escape(pngs[0].stem)}.csv">CSV</a>)</figcaption></figure>'
            )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsprism report</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}}
table{{border-collapse:collapse;font-size:0.9rem}} td,th{{border-bottom:1px solid #ddd;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}}
figure{{margin:1.5rem 0}} figcaption{{font-size:0.9rem;color:#555}}
</style>
</head><body>
<h1>newsprism report</h1>
<p>How the pieces relate: shared phrasing, named entities, sources and framing. Every page is a notebook
rendered with its outputs; every chart has the CSV it plots beside it in <a href="figures/">figures/</a>, and every
table is in <a href="tables/">tables/</a>. Files that could not be used are listed in <a href="skipped.csv">skipped.csv</a>.</p>
{pieces}
<h2>Pages</h2>
<ol>
{pages}
</ol>
<h2>Key figures</h2>
{"".join(figures)}
</body></html>
"""
    return atomic_write_bytes(out_dir / "index.html", page.encode("utf-8"))


def build_report(
    corpus: str | Path | None = None, out_dir: str | Path = "reports", *, notebook_dir: str | Path = NOTEBOOK_DIR
) -> list[Path]:
    """Run every numbered notebook and write the report folder.

    With ``corpus=None`` the notebooks run in place on their default corpus (``make report``);
    otherwise they run through papermill on ``corpus`` and the executed copies are kept in
    ``out_dir/notebooks/``. Returns the HTML pages written.
    """
    from newsprism.corpus.read import read_corpus

    for noisy in ("papermill", "traitlets", "nbconvert"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    out_dir = Path(out_dir).resolve()
    notebooks = notebook_paths(notebook_dir)
    data = Path(corpus).resolve() if corpus is not None else Path(notebook_dir).resolve().parent / "data" / "raw"
    articles, skipped = read_corpus(data)  # fails early, with one line, on an unusable corpus
    if corpus is not None and out_dir.is_relative_to(data):
        raise NewsprismError(f"{out_dir}: output folder is inside the corpus folder {data}; newsprism never writes there")
    write_table(skipped, out_dir / "skipped.csv")
    pages = []
    for nb in notebooks:
        log.info("running %s", nb.name)
        if corpus is None:
            execute_notebook(nb)
            executed = nb
        else:
            executed = out_dir / "notebooks" / nb.name
            _execute_with_parameters(nb, executed, data, out_dir)
        pages.append(render_html(executed, out_dir, nb.stem))
    write_tables(articles, out_dir)
    write_index(notebooks, out_dir, articles)
    return pages


if __name__ == "__main__":  # python -m newsprism.report.build: what `make report` runs
    logging.basicConfig(level=logging.INFO, format="newsprism: %(message)s")
    build_report()

"""Executing the numbered notebooks in place and rendering them as offline HTML pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .output import atomic_write_bytes

__all__ = ["build_report", "execute_notebook", "notebook_paths", "render_html", "write_index"]

_NOTEBOOK_RE = re.compile(r"^\d{2}_[\w-]+\.ipynb$")


def notebook_paths(folder: str | Path = "notebooks") -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of a folder, in run order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if _NOTEBOOK_RE.match(p.name))


def execute_notebook(path: str | Path, *, timeout: int = 900) -> None:
    """Run a notebook top to bottom in its own folder and save it in place, without timings."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    atomic_write_bytes(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def render_html(path: str | Path, out_dir: str | Path) -> Path:
    """Render an executed notebook to ``out_dir/NAME.html`` with images embedded, no CDN scripts."""
    import nbformat
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="lab", embed_images=True, exclude_input_prompt=False)
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    body = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", body)
    body = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*>", "", body)
    return atomic_write_bytes(Path(out_dir) / f"{path.stem}.html", body.encode("utf-8"))


def _title(path: Path) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def write_index(notebooks: list[Path], out_dir: str | Path, summary: str = "") -> Path:
    """Write ``out_dir/index.html`` linking every rendered notebook page."""
    items = "\n".join(
        f'<li><a href="{html.escape(nb.stem)}.html">{html.escape(nb.stem)}</a>: {html.escape(_title(nb))}</li>' for nb in notebooks
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsprism report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}</style>
</head><body>
<h1>newsprism report</h1>
{summary}
<h2>Notebooks</h2>
<ol>
{items}
</ol>
</body></html>
"""
    return atomic_write_bytes(Path(out_dir) / "index.html", page.encode("utf-8"))


def build_report(notebook_dir: str | Path = "notebooks", out_dir: str | Path = "reports", *, execute: bool = True) -> list[Path]:
    """Execute (optionally) and render every numbered notebook, then write the index page."""
    notebooks = notebook_paths(notebook_dir)
    for nb in notebooks:
        if execute:
            execute_notebook(nb)
        render_html(nb, out_dir)
    write_index(notebooks, out_dir)
    return notebooks


if __name__ == "__main__":  # python -m newsprism.reporting [--no-execute]
    import sys

    build_report(execute="--no-execute" not in sys.argv[1:])

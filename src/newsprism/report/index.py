"""The report's index page: the pieces, the pages, and the first figure of each."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from newsprism.output import atomic_write_bytes

from .render import notebook_title

__all__ = ["write_index"]


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}" style="max-width:100%">'


def write_index(notebooks: list[Path], out_dir: str | Path, articles: pd.DataFrame | None = None) -> Path:
    """Write ``out_dir/index.html``: the pieces, the first figure of each notebook, links to every page."""
    out_dir = Path(out_dir)
    pages = "\n".join(
        f'<li><a href="{html.escape(nb.stem)}.html">{html.escape(nb.stem)}</a>: {html.escape(notebook_title(nb))}</li>' for nb in notebooks
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
                f'<figure>{_img(pngs[0])}<figcaption><a href="{html.escape(nb.stem)}.html">{html.escape(notebook_title(nb))}</a>: '
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

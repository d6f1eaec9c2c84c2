"""Executed notebooks as offline HTML pages for readers.

Each page is titled after its notebook, opens with links to the index and to the previous
and next page (again at the bottom), hides the code cells and their prompts until the
reader asks for them ("Show code"), keeps images embedded and loads nothing from a CDN.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from newsprism.output import atomic_write_bytes
from newsprism.viz.display import INTERACTIVE_CLASS

__all__ = ["PageLink", "notebook_summary", "notebook_title", "offline_html", "render_html"]

_REMOTE_SCRIPT_RE = re.compile(r"<script\b[^>]*\bsrc=[\"']?https?://[^>]*>\s*</script>", re.IGNORECASE)
_INLINE_SCRIPT_RE = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_REMOTE_LINK_RE = re.compile(r"<link\b[^>]*\bhref=[\"']?https?://[^>]*>", re.IGNORECASE)
_BODY_OPEN_RE = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE_RE = re.compile(r"</body\s*>", re.IGNORECASE)

#: Page styles: code hidden unless the body has class np-show-code; readable tables; the nav bar.
_STYLE = """<style>
.jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser { display: none !important; }
body.np-show-code .jp-CodeCell .jp-InputArea { display: flex !important; }
body.np-show-code .jp-InputPrompt, body.np-show-code .jp-OutputPrompt { display: block !important; }
.jp-Cell { padding-top: 0.2rem; padding-bottom: 0.2rem; }
.jp-Notebook { max-width: 72rem; margin: 0 auto; }
.jp-RenderedHTMLCommon table { font-size: 0.85rem; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { text-align: left; vertical-align: top; max-width: 38rem; }
.jp-RenderedImage img { max-width: 100%; height: auto; }
p.np-data { font-size: 0.85rem; color: #555; margin-top: 0.2rem; }
.jp-RenderedHTMLCommon table.np-interactive { table-layout: auto; }
nav.np-nav { max-width: 72rem; margin: 0.6rem auto; padding: 0.5rem 1rem; display: flex; gap: 1.2rem; align-items: center;
  font-family: system-ui, sans-serif; font-size: 0.9rem; border-bottom: 1px solid #ddd; }
nav.np-nav.np-bottom { border-bottom: none; border-top: 1px solid #ddd; }
nav.np-nav button { margin-left: auto; font: inherit; cursor: pointer; }
</style>"""
_TOGGLE = """<script>
function npToggleCode(){var b=document.body;b.classList.toggle('np-show-code');
var on=b.classList.contains('np-show-code');document.querySelectorAll('button.np-code').forEach(function(x){x.textContent=on?'Hide code':'Show code';});}
</script>"""


@dataclass(frozen=True)
class PageLink:
    """A page of the report: its file name and title."""

    href: str
    title: str


def offline_html(page: str) -> str:
    """Drop every script or stylesheet that would load from the network (MathJax, Mermaid from a CDN)."""
    page = _REMOTE_SCRIPT_RE.sub("", page)
    page = _REMOTE_LINK_RE.sub("", page)
    return _INLINE_SCRIPT_RE.sub(lambda m: "" if re.search(r"import\(?\s*[\"']https?://", m.group(1)) else m.group(0), page)


def _nav(previous: PageLink | None, following: PageLink | None, bottom: bool = False) -> str:
    parts = ['<a href="index.html">Index</a>']
    if previous is not None:
        parts.append(f'<a href="{html.escape(previous.href)}" rel="prev">&larr; {html.escape(previous.title)}</a>')
    if following is not None:
        parts.append(f'<a href="{html.escape(following.href)}" rel="next">{html.escape(following.title)} &rarr;</a>')
    parts.append('<button type="button" class="np-code" onclick="npToggleCode()">Show code</button>')
    return f'<nav class="np-nav{" np-bottom" if bottom else ""}">{" ".join(parts)}</nav>'


_UPGRADE = """<script type="module">
(async () => {
  async function init() {
    const { ITable } = await window.NP_ITABLES;
    document.querySelectorAll("table.np-interactive:not(.dataTable)").forEach(table => {
      new ITable(table, {paging: true, pageLength: 15, lengthMenu: [15, 30, 60, 120], order: [], autoWidth: false});
    });
  }
  if (window.NP_ITABLES) { init(); } else { window.addEventListener("NP_ITABLES_READY", init); }
})();
</script>
"""


def _interactive_tables(page: str) -> str:
    """The DataTables bundle of ``itables`` (embedded: the page works offline) and the script
    that makes every ``np-interactive`` table sortable and searchable; nothing if none."""
    if INTERACTIVE_CLASS not in page:
        return ""
    try:
        from itables import options
        from itables.javascript import generate_init_offline_itables_html
    except ImportError:  # without itables the tables stay static
        return ""
    from itables import __version__

    names = {"NP_ITABLES": f"_itables_{__version__.replace('.', '_')}", "NP_ITABLES_READY": f"itables-{__version__}-ready"}
    upgrade = _UPGRADE
    for placeholder, name in names.items():
        upgrade = upgrade.replace(placeholder, name)
    return generate_init_offline_itables_html(options.dt_bundle) + upgrade


def render_html(
    path: str | Path,
    out_dir: str | Path,
    name: str | None = None,
    *,
    previous: PageLink | None = None,
    following: PageLink | None = None,
) -> Path:
    """Render an executed notebook to ``out_dir/NAME.html`` (see the module docstring)."""
    import nbformat
    from nbconvert import HTMLExporter

    path = Path(path)
    title = notebook_title(path)
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4), resources={"metadata": {"name": title}})
    body = offline_html(body)
    body = body.replace("</head>", f"{_STYLE}\n{_TOGGLE}\n</head>", 1)
    body = _BODY_OPEN_RE.sub(lambda m: m.group(0) + "\n" + _nav(previous, following), body, count=1)
    body = _BODY_CLOSE_RE.sub(lambda m: _nav(previous, following, bottom=True) + "\n" + _interactive_tables(body) + m.group(0), body, count=1)
    return atomic_write_bytes(Path(out_dir) / f"{name or path.stem}.html", body.encode("utf-8"))


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook (its file stem if it has none)."""
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def notebook_summary(path: Path, sentences: int = 1) -> str:
    """The first ``sentences`` sentences of the prose under a notebook's title (Markdown
    emphasis and code marks dropped), for the index's list of pages."""
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        prose = " ".join(line for line in cell.source.splitlines() if line.strip() and not line.startswith("#"))
        if prose:
            plain = re.sub(r"[*_`]", "", prose)
            parts = re.split(r"(?<=[.?!])\s+(?=[A-Z])", plain)
            return " ".join(parts[:sentences])
    return ""

"""Executed notebooks as offline HTML pages: images embedded, nothing loaded from a CDN."""

from __future__ import annotations

import re
from pathlib import Path

from newsprism.output import atomic_write_bytes

__all__ = ["notebook_title", "offline_html", "render_html"]


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


def notebook_title(path: Path) -> str:
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem

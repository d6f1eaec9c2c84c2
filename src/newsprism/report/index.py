"""The report's index page: what the pieces have in common in plain sentences, then the
pieces as cards, then the pages.

Each finding (:mod:`newsprism.report.findings`) is one sentence with its number and links
to the page and the CSV behind it; the provenance chart, when page 07 drew it, sits beside
them. Each piece is a card: its label, outlet, headline, body words and what cleaning kept
out of the analysis. Everything is escaped; the page loads nothing from the network.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from newsprism.output import atomic_write_bytes

from .findings import findings
from .render import notebook_summary, notebook_title

__all__ = ["write_index"]

#: The chart shown beside the findings, when the report has it (page 07's provenance sketch).
KEY_CHART = "07_provenance"

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.7rem;margin-bottom:0.2rem} h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:0.2rem}
p.lede{color:#444;font-size:1.05rem;max-width:54rem}
ol.findings{padding-left:1.4rem} ol.findings li{margin:0.55rem 0;max-width:56rem}
ol.findings .links{font-size:0.85rem;color:#555;white-space:nowrap}
.topic{display:inline-block;min-width:5.5rem;font-size:0.75rem;text-transform:uppercase;letter-spacing:0.04em;color:#666}
figure{margin:1rem 0} figure img{max-width:min(100%,48rem);height:auto;border:1px solid #eee} figcaption{font-size:0.85rem;color:#555}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:0.9rem}
.card{border:1px solid #ddd;border-radius:6px;padding:0.7rem 0.9rem;background:#fafafa}
.card h3{margin:0 0 0.3rem 0;font-size:1rem} .card .headline{font-style:italic;margin:0.2rem 0}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:0.1rem 0.6rem;font-size:0.85rem;margin:0.4rem 0 0 0}
.card dt{color:#666} .card dd{margin:0}
ol.pages li{margin:0.5rem 0} ol.pages .what{color:#444;font-size:0.92rem}
"""


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _page_of(notebooks: list[Path], number: str) -> str | None:
    return next((f"{nb.stem}.html" for nb in notebooks if nb.stem.startswith(f"{number}_")), None)


def _findings_html(run, notebooks: list[Path]) -> str:
    items = []
    for f in findings(run):
        page = _page_of(notebooks, f.page)
        links = [f'<a href="{html.escape(page)}">evidence</a>'] if page else []
        links.append(f'<a href="tables/{html.escape(f.table)}.csv">data</a>')
        items.append(f'<li><span class="topic">{html.escape(f.topic)}</span> {html.escape(f.text)} <span class="links">({" · ".join(links)})</span></li>')
    return '<ol class="findings">\n' + "\n".join(items) + "\n</ol>"


def _removed(removed: pd.DataFrame, doc_id: str) -> str:
    mine = removed[removed["doc_id"] == doc_id]
    if mine.empty:
        return "nothing"
    parts = []
    chrome = int((mine["section"] == "chrome").sum())
    if chrome:
        parts.append(f"{chrome} line{'s' if chrome > 1 else ''} of site chrome")
    if (mine["section"] == "headline_repeat").any():
        parts.append("a repeated headline")
    refs = int((mine["section"] == "references").sum())
    if refs:
        parts.append(f"a references list ({refs} lines)")
    return ", ".join(parts) or "nothing"


def _cards(run) -> str:
    corpus = run.table("corpus")
    removed = run.table("removed_lines")
    cards = []
    for r in corpus.itertuples(index=False):
        facts = [
            ("outlet", r.outlet or "not named in the text"),
            ("body", f"{int(r.n_words)} words, {int(r.n_paragraphs)} paragraphs"),
            ("kept out", _removed(removed, r.doc_id)),
            ("file", r.file),
        ]
        if getattr(r, "duplicate_of", ""):
            facts.append(("copy of", r.duplicate_of))
        if getattr(r, "language", "en") == "other":
            facts.append(("language", "not English: left out of the analysis"))
        rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in facts)
        headline = html.escape(r.headline) if r.headline else "<span style='color:#888'>(no headline in the text)</span>"
        cards.append(f'<div class="card" title="{html.escape(r.doc_id)}"><h3>{html.escape(r.label)}</h3><p class="headline">{headline}</p><dl>{rows}</dl></div>')
    return '<div class="cards">\n' + "\n".join(cards) + "\n</div>"


def write_index(notebooks: list[Path], out_dir: str | Path, run) -> Path:
    """Write ``out_dir/index.html`` for ``run`` (see the module docstring)."""
    out_dir = Path(out_dir)
    pages = "\n".join(
        f'<li><a href="{html.escape(nb.stem)}.html">{html.escape(notebook_title(nb))}</a><br><span class="what">{html.escape(notebook_summary(nb))}</span></li>'
        for nb in notebooks
    )
    chart = ""
    png = out_dir / "figures" / f"{KEY_CHART}.png"
    if png.is_file():
        page = _page_of(notebooks, KEY_CHART[:2])
        caption = "Which pieces share wording and claims: thicker links share more."
        if page:
            caption += f' <a href="{html.escape(page)}">Read the evidence</a> ·'
        caption += f' <a href="figures/{KEY_CHART}.csv">data</a>'
        chart = f"<figure>{_img(png, 'provenance sketch')}<figcaption>{caption}</figcaption></figure>"
    n = len(run.articles)
    words = int(run.table("corpus")["n_words"].sum())
    skipped = len(run.skipped)
    skip_note = f' {skipped} file{"s" if skipped != 1 else ""} could not be used: see <a href="skipped.csv">skipped.csv</a>.' if skipped else ""
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsprism report: what the pieces have in common</title>
<style>{_STYLE}</style>
</head><body>
<h1>What the {n} pieces have in common</h1>
<p class="lede">{n} pieces, {words:,} words of analysed body text. Each finding below is computed from the pieces and links
to the page that shows the evidence (every passage, quote and name with its place in the text) and to the table behind it.
Text alone cannot say who copied whom: shared wording shows that pieces derive from one another or from a common source.{skip_note}</p>
<h2>Findings</h2>
{_findings_html(run, notebooks)}
{chart}
<h2>The pieces</h2>
{_cards(run)}
<h2>The pages</h2>
<ol class="pages">
{pages}
</ol>
<p style="font-size:0.85rem;color:#555">Every chart has the CSV it plots beside it in <a href="figures/">figures/</a>; every table of the run is in
<a href="tables/">tables/</a> (the data dictionary, DATA_DICTIONARY.md in the repository, describes every column).</p>
</body></html>
"""
    return atomic_write_bytes(out_dir / "index.html", body.encode("utf-8"))

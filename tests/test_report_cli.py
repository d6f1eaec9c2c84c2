"""`newsprism report CORPUS --out DIR` on a folder other than data/raw: same structure, text escaped."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsprism.stages.registry import TABLES

HOSTILE = (
    "Kremlin Thanks <script>alert('x')</script> North Korean Deminers\n\n"
    "Dmitry Peskov said on Monday that Russia was grateful to North Korean deminers working in Kursk Oblast. "
    "“We will never forget this aid,” Peskov said, according to Interfax. "
    "Analysts suggest that the <b>deployment</b> could deepen ties between Moscow and Pyongyang.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, raw_dir) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(raw_dir / "002_b187fa1494321f8e.txt", corpus / "peskov.txt")
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.iterdir()}
    out = tmp_path_factory.mktemp("out") / "report"
    result = subprocess.run([sys.executable, "-m", "newsprism", "report", str(corpus), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.iterdir()} == before
    return corpus, out


def test_report_structure(report):
    _, out = report
    notebooks = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert (out / "index.html").is_file()
    assert sorted(p.stem for p in out.glob("[0-9][0-9]_*.html")) == notebooks
    assert {p.stem for p in (out / "tables").glob("*.csv")} >= set(TABLES)
    pngs = sorted((out / "figures").glob("*.png"))
    assert pngs and all(p.with_suffix(".csv").is_file() for p in pngs)
    skipped = pd.read_csv(out / "skipped.csv")
    assert skipped.to_dict("records") == [{"file": "empty.txt", "reason": "empty file"}]
    corpus_table = pd.read_csv(out / "tables" / "corpus.csv")
    assert sorted(corpus_table["doc_id"]) == ["hostile", "peskov"]


def test_article_markup_is_escaped_in_every_page(report):
    _, out = report
    pages = sorted(out.glob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text, f"{page.name} carries the article's <script> as markup"
    assert any("&lt;script&gt;alert(" in p.read_text(encoding="utf-8") for p in pages)

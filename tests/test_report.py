"""`newsprism report` as a user runs it: from an installed wheel, on a folder other than data/raw,
then every page opened in headless Chromium.

The wheel is built from this checkout and installed into a folder of its own; the report runs
with that folder first on PYTHONPATH and from a working directory outside the repository, so
the notebooks come from the package data, not the source tree. The corpus is the five pieces
plus an article whose text holds markup, plus an empty file. The browser part needs Debian's
``chromium`` and ``chromium-driver`` (``make install`` adds them when run as root, as in CI).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
from conftest import ROOT

from newsprism.stages.registry import STAGES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(os.environ.get("NEWSPRISM_SCREENSHOTS", "/tmp/newsprism-screenshots"))
HOSTILE = (
    "Kremlin Thanks <script>alert('x')</script> North Korean Deminers\n\n"
    "Dmitry Peskov said on Monday that Russia was grateful to North Korean deminers working in Kursk Oblast. "
    "“We will never forget this aid,” Peskov said, according to Interfax. "
    "Analysts suggest that the <b>deployment</b> could deepen ties between Moscow and Pyongyang.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, raw_dir) -> dict:
    work = tmp_path_factory.mktemp("report")
    wheels = work / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    site = work / "site"
    wheel = next(wheels.glob("newsprism-*.whl"))
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]
    corpus = work / "corpus"
    corpus.mkdir()
    for piece in raw_dir.glob("*.txt"):
        shutil.copy(piece, corpus / piece.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.iterdir()}
    out = work / "out"
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSPRISM_CACHE_DIR": str(work / "cache"), "NEWSPRISM_JOURNAL": str(work / "journal1.jsonl")}
    env.pop("NEWSPRISM_DATA_DIR", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "newsprism", "report", str(corpus), "--out", str(out)], capture_output=True, text=True, env=env, cwd=work)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-3000:]
    # the same report again, on the same cache, into the same folder (the first kept aside)
    shutil.copytree(out, work / "first")
    again = subprocess.run(
        [sys.executable, "-m", "newsprism", "report", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        env={**env, "NEWSPRISM_JOURNAL": str(work / "journal2.jsonl")},
        cwd=work,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    where = subprocess.run([sys.executable, "-c", "import newsprism; print(newsprism.__file__)"], capture_output=True, text=True, env=env, cwd=work)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.iterdir()}
    journals = [_events(work / f"journal{k}.jsonl") for k in (1, 2)]
    return {"out": out, "first": work / "first", "corpus": str(corpus), "journals": journals, "stderr": result.stderr, "package": where.stdout.strip(), "site": site, "before": before, "after": after, "seconds": elapsed}


def _events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _notebooks() -> list[str]:
    return sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_report_runs_from_the_installed_wheel(report):
    assert report["package"].startswith(str(report["site"])), report["package"]
    assert report["after"] == report["before"]  # nothing written into the corpus folder


def test_a_report_parses_each_article_once_and_a_second_parses_nothing(report):
    first, second = report["journals"]
    corpus = {e["corpus"] for e in first if e["event"] == "compute" and e["stage"] == "articles"}
    mine = [e for e in first if e.get("corpus") == report["corpus"]]  # page 08 also runs the dev sets
    parsed = sorted(e["doc_id"] for e in mine if e["event"] == "parse")
    articles = sorted(pd.read_csv(report["out"] / "tables" / "corpus.csv")["doc_id"])
    assert report["corpus"] in corpus and parsed == articles  # the CLI and every notebook kernel: one parse per article
    computed = [(e["stage"], e["key"]) for e in mine if e["event"] == "compute"]
    assert len(computed) == len(set(computed)) and set(STAGES) <= {s for s, _ in computed}  # each stage once per key
    assert {s for s, _ in computed if [t for t, _ in computed].count(s) > 1} <= {"claims"}  # page 08 adds the learned claims
    assert not [e for e in second if e["event"] in ("parse", "compute")], second[:5]


def test_the_same_report_twice_is_the_same_bytes(report):
    first, second = _files(report["first"]), _files(report["out"])
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_successful_report_prints_only_progress(report):
    lines = [line for line in report["stderr"].splitlines() if line.strip()]
    assert lines, "the report says what it does"
    noise = [line for line in lines if not line.startswith("newsprism: ")]
    assert not noise, noise[:5]
    assert not any("Kernel is running over TCP" in line or "KeyboardInterrupt" in line for line in lines)


def test_report_structure(report):
    out = report["out"]
    assert (out / "index.html").is_file()
    assert sorted(p.stem for p in out.glob("[0-9][0-9]_*.html")) == _notebooks()
    assert {p.stem for p in (out / "tables").glob("*.csv")} == set(STAGES)  # one writer: the report
    pngs = sorted((out / "figures").glob("*.png"))
    assert pngs and all(p.with_suffix(".csv").is_file() for p in pngs)
    assert pd.read_csv(out / "skipped.csv").to_dict("records") == [{"file": "empty.txt", "reason": "empty file"}]
    assert "hostile" in set(pd.read_csv(out / "tables" / "corpus.csv")["doc_id"])


def test_article_markup_is_escaped_in_every_page(report):
    pages = sorted(report["out"].glob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text, f"{page.name} carries the article's <script> as markup"
    assert any("&lt;script&gt;alert(" in p.read_text(encoding="utf-8") for p in pages)


def test_a_committed_report_is_not_overwritten(tmp_path, raw_dir):
    result = subprocess.run([sys.executable, "-m", "newsprism", "report", str(raw_dir), "--out", str(ROOT / "reports")], capture_output=True, text=True)
    assert result.returncode == 2 and "--force" in result.stderr


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium/chromedriver missing in CI: `make install` should have installed them (apt-get as root)")
        pytest.skip("headless Chromium not installed: run `apt-get install chromium chromium-driver` (make install does it as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_every_page_in_a_real_browser(report, browser):
    """Every page: renders offline without console errors, every image shows, every link
    resolves, no code is visible until asked for, every chart has its CSV link; a full-page
    screenshot of each is kept for a person to look at."""
    out = report["out"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    heights = {}
    for path in sorted(out.glob("*.html")):
        browser.get(path.as_uri())
        time.sleep(0.5)
        page = path.name
        assert browser.execute_script("return document.readyState") == "complete"
        assert browser.title and browser.title != "Notebook", f"{page}: untitled"
        images = browser.execute_script("return Array.from(document.images).map(i => [i.alt || i.src.slice(0, 40), i.complete, i.naturalWidth]);")
        assert not [alt for alt, complete, width in images if not (complete and width > 0)], f"{page}: images that do not render"
        for link in browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);"):
            url = urlparse(link)
            if url.scheme == "file":
                assert Path(unquote(url.path)).exists(), f"{page}: link to missing {url.path}"
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, f"{page}: console errors {errors}"
        if page != "index.html":
            visible_code = browser.execute_script(
                "return Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea')).filter(e => e.offsetParent !== null).length;"
            )
            assert visible_code == 0, f"{page}: {visible_code} code cells visible by default"
            charts = browser.execute_script(
                "return Array.from(document.querySelectorAll('.jp-OutputArea-output img')).map(img => {"
                "  const cell = img.closest('.jp-Cell'); return !!(cell && cell.querySelector('a[href$=\".csv\"]')); });"
            )
            assert all(charts), f"{page}: a chart without a CSV link"
            assert browser.execute_script("return !!document.querySelector('nav.np-nav a[href=\"index.html\"]')"), f"{page}: no link to the index"
        heights[page] = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(heights[page], 16000))
        browser.save_screenshot(str(SHOTS / f"{path.stem}.png"))
        browser.set_window_size(1280, 1000)
    (SHOTS / "heights.json").write_text(json.dumps(heights, indent=1))

"""The rendered report as a reader sees it: every page of reports/ opened in headless Chromium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make install`` adds them when run as
root, as in CI). Outside CI the test is skipped, saying why, when they are missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "reports"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(os.environ.get("NEWSPRISM_SCREENSHOTS", "/tmp/newsprism-screenshots"))


def _pages() -> list[Path]:
    return sorted(REPORTS.glob("*.html"))


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
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_report_has_index_and_a_page_per_notebook():
    notebooks = sorted(p.stem for p in (REPORTS.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert (REPORTS / "index.html").is_file()
    assert notebooks and all((REPORTS / f"{nb}.html").is_file() for nb in notebooks)
    assert all(not line.startswith("<script src=\"http") for p in _pages() for line in p.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("page", [p.name for p in _pages()])
def test_page_renders_offline_without_errors(browser, page):
    path = REPORTS / page
    browser.get(path.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    assert browser.find_element("tag name", "body").text.strip(), f"{page} shows no text"
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.alt || i.src.slice(0, 40), i.complete, i.naturalWidth, i.naturalHeight]);"
    )
    broken = [alt for alt, complete, width, height in images if not (complete and width > 0 and height > 0)]
    assert not broken, f"{page}: images that do not render: {broken}"
    links = browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);")
    for link in links:
        url = urlparse(link)
        if url.scheme == "file":
            target = Path(unquote(url.path))
            assert target.exists(), f"{page}: link to missing {target}"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"{page}: console errors {errors}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{path.stem}.png"))

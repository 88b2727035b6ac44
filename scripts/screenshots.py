"""Screenshots of the main pages with the demo data, for the README: docs/screenshots/*.png.

.venv/bin/python scripts/screenshots.py      (needs Debian's chromium: make browser)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.serving import served_demo  # noqa: E402

PAGES = {
    "home-en": "/en/",
    "territory-gb-es": "/es/territories/GB/",
    "directory-fr": "/fr/actors/?territory=150&kind=cooperative",
    "actor-en": "/en/actors/1/",
    "sdg-7-es": "/es/sdg/7/",
    "territory-europe-en": "/en/territories/150/",
    "initiative-fr": "/fr/initiatives/1/",
}


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home, served_demo(Path(home)) as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in PAGES.items():
            page.goto(url + path)
            if page.locator("#map").count():
                page.wait_for_selector("#map[data-loaded]")
                page.wait_for_timeout(500)  # let the clusters settle
            if page.locator("#choropleth").count():
                page.wait_for_selector("#choropleth[data-drawn]")
            if page.locator("#by-kind-chart").count():
                page.wait_for_selector("#by-kind-chart[data-drawn]")
                page.wait_for_timeout(300)
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(f"docs/screenshots/{name}.png")
        browser.close()


if __name__ == "__main__":
    main()

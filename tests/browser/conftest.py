"""Browser tests: a real `minga serve` with the demo data, driven by Debian's Chromium through Playwright.

The server runs in its own process on a temporary SQLite database (browser behaviour does not depend on the
database engine, so these tests run in the SQLite pass only: `-m "not browser"` in the PostgreSQL pass).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.serving import PASSWORD, served_demo

__all__ = ["PASSWORD"]
CHROMIUM = os.environ.get("MINGA_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("MINGA_BROWSER_HOME"):  # a server already running (development only; see server)
        return Path(os.environ["MINGA_BROWSER_HOME"])
    return tmp_path_factory.mktemp("browser-home")


@pytest.fixture(scope="session")
def server(demo_home: Path) -> Iterator[str]:
    """The base URL of a served Minga with the demo data, an admin, a steward of GB-BST, and what
    tests/browser/seed.py adds (a scheme, a campaign, a forum, a partnership, a replicated practice). While
    developing, MINGA_BROWSER_URL and MINGA_BROWSER_HOME point the tests at one already served by
    ``tests.browser.serving.served_demo`` instead of loading the demo again."""
    if os.environ.get("MINGA_BROWSER_URL"):
        yield os.environ["MINGA_BROWSER_URL"]
        return
    with served_demo(demo_home) as url:
        yield url


@pytest.fixture(scope="session")
def seeded(server: str, demo_home: Path) -> dict[str, int]:
    """The ids of the records tests/browser/seed.py created."""
    return dict(json.loads((demo_home / "seeded.json").read_text()))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()

"""Browser tests: a real `minga serve` with the demo data, driven by Debian's Chromium through Playwright.

The server runs in its own process on a temporary SQLite database (browser behaviour does not depend on the
database engine, so these tests run in the SQLite pass only: `-m "not browser"` in the PostgreSQL pass).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MINGA_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "browser-test-password-1"
MINGA = [sys.executable, "-m", "minga.cli"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([*MINGA, *args], env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a served Minga with the demo data, an admin and a steward of GB-BST."""
    home = tmp_path_factory.mktemp("browser-home")
    env = {
        **os.environ,
        "MINGA_HOME": str(home),
        "MINGA_DEBUG": "0",
        "MINGA_SECRET_KEY": "browser-tests-" + "k" * 40,
    }
    env.pop("MINGA_DATABASE_URL", None)
    _run(env, "demo", "--no-serve")
    script = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('admin', 'admin@example.org', '{PASSWORD}'); "
        f"User.objects.create_user('steward', 'steward@example.org', '{PASSWORD}', is_staff=True)"
    )
    _run(env, "manage", "shell", "-c", script)
    _run(env, "role", "steward", "steward", "--territory", "GB-BST")
    port = _free_port()
    proc = subprocess.Popen([*MINGA, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/en/", timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("minga serve did not start")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


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

"""Serve Minga with the demo data in a subprocess: for the browser tests and scripts/screenshots.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PASSWORD = "browser-test-password-1"
MINGA = [sys.executable, "-m", "minga.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([*MINGA, *args], env=env, capture_output=True, text=True, timeout=1500, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"minga {' '.join(args)} failed: {done.stderr[-2000:]}")


@contextmanager
def served_demo(home: Path) -> Iterator[str]:
    """The base URL of a Minga served from ``home`` with the demo data, an admin and a steward of GB-BST."""
    env = {
        **os.environ,
        "MINGA_HOME": str(home),
        "MINGA_DEBUG": "0",
        "MINGA_SECRET_KEY": "browser-tests-" + "k" * 40,
    }
    env.pop("MINGA_DATABASE_URL", None)
    env["MINGA_EMBEDDINGS"] = "1"  # the product as shipped: semantic search on
    env["MINGA_FORUM_DEBOUNCE"] = "1"  # and forum analyses recomputed in the background as votes arrive
    _run(env, "demo", "--no-serve")
    script = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('admin', 'admin@example.org', '{PASSWORD}'); "
        f"User.objects.create_user('steward', 'steward@example.org', '{PASSWORD}', is_staff=True); "
        "from minga.registry.models import Actor, Initiative, InitiativeActor, InitiativeSdgTarget; "
        "from minga.territories.models import Territory; from minga.vocab.models import SdgTarget; "
        "t = Territory.objects.get(code='GB-BST'); "
        "i = Initiative.objects.create(title='Community energy share offer', territory=t, territory_path=t.path, "
        "summary={'en': 'Members fund solar roofs.', 'es': 'Los socios financian tejados solares.'}); "
        "InitiativeActor.objects.create(initiative=i, actor=Actor.objects.filter(territory_path__startswith=t.path)"
        ".first(), role='lead'); "
        "InitiativeSdgTarget.objects.create(initiative=i, target=SdgTarget.objects.get(code='7.2'))"
    )
    _run(env, "manage", "shell", "-c", script)
    _run(env, "role", "steward", "steward", "--territory", "GB-BST")
    _run(env, "manage", "shell", "-c", "from tests.browser.seed import run; run()")
    port = _free_port()
    proc = subprocess.Popen([*MINGA, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/en/", timeout=5)
            break
        except OSError as err:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("minga serve did not start") from err
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)

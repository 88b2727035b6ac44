"""A SIGKILL in the middle of an import leaves the database exactly as it was (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

MINGA = [sys.executable, "-m", "minga.cli"]
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "MINGA_HOME": str(tmp_path / "home"), "MINGA_DEBUG": "1"}
    if connection.vendor == "postgresql":
        import psycopg

        name = f"minga_kill_{uuid.uuid4().hex[:8]}"
        settings = connection.settings_dict
        dsn = f"host={settings['HOST']} port={settings['PORT']} user={settings['USER']} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        env["MINGA_DATABASE_URL"] = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
        )
    else:
        env.pop("MINGA_DATABASE_URL", None)
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([*MINGA, *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source_id", "name", "kind", "country_code", "lat", "lon", "description_en"])
        for i in range(rows):
            writer.writerow([f"k{i}", f"Co-op number {i}", "cooperative", "DE", "52.5", "13.4", "x" * 200])
    return path


def _written(progress: bytes) -> int:
    """Rows already written, from the progress bar ("Importing big.csv: 45000rows [...]")."""
    counts = re.findall(rb"Importing big\.csv: (\d+)rows", progress)
    return int(counts[-1]) if counts else 0


def test_sigkill_mid_import_leaves_nothing_partial(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    _run(env, "init")
    small = tmp_path / "small.csv"
    small.write_text("source_id,name,kind,country_code\ns1,First co-op,cooperative,FR\n", encoding="utf-8")
    _run(env, "import", "csv", str(small))
    before = json.loads(_run(env, "stats", "--json"))

    big = _big_csv(tmp_path / "big.csv", 150_000)
    proc = subprocess.Popen(
        [*MINGA, "import", "csv", str(big)], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if _written(seen) >= 20_000:  # rows are being written, not yet committed
            break
    assert _written(seen) >= 20_000, seen[-500:]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after = json.loads(_run(env, "stats", "--json"))
    assert after == before
    if "MINGA_DATABASE_URL" not in env:
        db = sqlite3.connect(tmp_path / "home" / "minga.sqlite3")
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM core_auditentry WHERE via = 'import:csv'").fetchone() == (1,)
        db.close()
    report = json.loads(_run(env, "import", "csv", str(big), "--json"))  # and it can simply be run again
    assert (report["created"], report["rejected"]) == (150_000, [])

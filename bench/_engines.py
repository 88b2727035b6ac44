"""What the benches that run once per database engine share: run a child process of the bench on SQLite or on a
throw-away PostgreSQL (scripts/with-postgres.sh), stop its whole process group if interrupted, and read the JSON it
wrote. Not a bench itself (run_all.py skips files starting with an underscore)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_child(command: list[str], *, postgres: bool, out: Path, label: str) -> dict[str, Any] | None:
    """Run ``command`` (a bench in ``--child`` mode writing ``out``) with the chosen engine; None if it failed."""
    env = dict(os.environ)
    if postgres and not env.get("MINGA_DATABASE_URL"):
        command = [str(ROOT / "scripts" / "with-postgres.sh"), *command]
    if not postgres:
        env.pop("MINGA_DATABASE_URL", None)
    print(f"\n===== {label} =====", flush=True)
    proc = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        code = proc.wait()
    finally:
        if proc.poll() is None:  # interrupted: stop the child, its server and PostgreSQL, by group id
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    if code != 0 or not out.exists():
        print(f"{label}: the run failed (exit {code})", flush=True)
        return None
    return dict(json.loads(out.read_text()))

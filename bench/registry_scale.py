"""Registry at scale: import throughput vs a raw sqlite3 baseline, API latency and stats time at N actors.

    .venv/bin/python bench/registry_scale.py [--rows 1000000] [--requests 300]

Everything runs in a fresh temporary MINGA_HOME on SQLite (WAL); nothing else is touched. Prints the figures and
writes them as JSON to bench/out/registry_scale.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="minga-bench-"))
os.environ.update(MINGA_HOME=str(HOME), MINGA_DEBUG="0", DJANGO_SETTINGS_MODULE="minga.settings")
os.environ.pop("MINGA_DATABASE_URL", None)
os.environ["MINGA_SECRET_KEY"] = "bench-" + "k" * 40
# The registry's own costs: imports here do not embed their records (an import embeds them after committing when
# the model is on; that throughput is measured by bench/search_scale.py) nor suggest SDGs.
os.environ.update(MINGA_EMBEDDINGS="0", MINGA_SDG_AUTO="0")
OUT = Path(__file__).resolve().parent / "out"
COLUMNS = [
    "source_id",
    "name",
    "kind",
    "country_code",
    "subdivision_code",
    "lat",
    "lon",
    "description_en",
    "tags",
]
KINDS = ["cooperative", "association", "mutual", "social_enterprise", "community_group", "foundation"]


def generate(path: Path, rows: int, countries: list[tuple[str, list[str]]]) -> None:
    rnd = random.Random(42)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for i in range(rows):
            code, subs = countries[rnd.randrange(len(countries))]
            sub = subs[rnd.randrange(len(subs))] if subs and rnd.random() < 0.7 else ""
            writer.writerow([
                f"S{i:07d}", f"Synthetic co-operative {i}", KINDS[i % len(KINDS)], code, sub,
                f"{rnd.uniform(-60, 70):.5f}", f"{rnd.uniform(-170, 170):.5f}",
                "A worker-owned enterprise serving its community." if i % 3 == 0 else "", "food;housing" if i % 5 == 0 else "",
            ])  # fmt: skip


def baseline(path: Path) -> float:
    """Raw sqlite3: parse the same CSV and executemany the same rows into a table of the same shape and indexes."""
    db = sqlite3.connect(HOME / "baseline.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-65536")  # the same pragmas as Minga's connections (settings.py)
    db.execute("PRAGMA temp_store=MEMORY")
    schema = sqlite3.connect(HOME / "minga.sqlite3")
    for (sql,) in schema.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name='registry_actor' AND sql IS NOT NULL AND type IN ('table','index')"
        " ORDER BY type DESC"
    ):
        db.execute(sql.replace('REFERENCES "territories_territory" ("id") DEFERRABLE INITIALLY DEFERRED', ""))
    schema.close()
    from minga.registry.domain.bulk import INSERT_COLUMNS

    now = "2026-11-28 07:00:00.000000"
    sql = f"INSERT INTO registry_actor ({', '.join(INSERT_COLUMNS)}) VALUES ({', '.join('?' * len(INSERT_COLUMNS))})"
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        # every column bound, as Minga's import binds them: the same rows, minus Minga's validation and placement
        rows = (
            (None, r[1], r[2], json.dumps({"en": r[7]}) if r[7] else "{}", "", "", "[]", "", "", "", "[]", "[]",
             json.dumps(r[8].split(";")) if r[8] else "[]", "", "", "", "{}", "", "", "", r[3], float(r[5]),
             float(r[6]), None, None, None, None, None, None, "active", None, "", "bench", r[0], "", "",
             "0123456789abcdef0123456789abcdef", now, now, now)
            for r in reader
        )  # fmt: skip
        db.execute("BEGIN")
        db.executemany(sql, rows)
        db.commit()
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def latency(port: int, url: str, n: int) -> dict[str, float]:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        conn.request("GET", url, headers={"Host": "localhost"})
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, body[:300]
    conn.close()
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
            "count": json.loads(body)["count"]}  # fmt: skip


def reference_data() -> list[tuple[str, list[str]]]:
    """Migrate, load the territory tree and vocabularies (Django set up by the caller); returns each country code
    with its subdivision codes, for :func:`generate`."""
    from django.core.management import call_command

    from minga.territories.domain.load import load_territories
    from minga.territories.models import Territory
    from minga.vocab.domain.load import load_vocabularies

    call_command("migrate", verbosity=0)
    load_territories()
    load_vocabularies()
    subs: dict[str, list[str]] = {}
    for code in Territory.objects.filter(kind="subdivision").values_list("code", flat=True):
        subs.setdefault(code.split("-")[0], []).append(code)
    countries = [
        (c, subs.get(c, [])) for c in Territory.objects.filter(kind="country").values_list("code", flat=True)
    ]
    return countries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    import django

    django.setup()

    from minga.registry.domain.imports import import_file
    from minga.registry.domain.stats import compute_stats

    countries = reference_data()
    data = HOME / "actors.csv"
    generate(data, args.rows, countries)
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}; {args.rows:,} rows, {data.stat().st_size / 1e6:.0f} MB CSV")  # fmt: skip

    raw = baseline(data)
    print(f"baseline raw sqlite3.executemany: {raw:.1f} s = {args.rows / raw:,.0f} rows/s")
    started = time.perf_counter()
    report = import_file(data, format="csv", source="bench", progress=True)
    ours = time.perf_counter() - started
    print(f"minga import csv: {ours:.1f} s = {args.rows / ours:,.0f} rows/s = {raw / ours:.0%} of raw "
          f"(created {report.created}, rejected {len(report.rejected)})")  # fmt: skip

    from django.db import connection

    connection.close()
    from waitress import create_server

    from minga.wsgi import application

    server = create_server(application, host="127.0.0.1", port=0, threads=4)
    port = server.socket.getsockname()[1]  # type: ignore[union-attr]
    threading.Thread(target=server.run, daemon=True).start()
    api = {}
    for code in ("150", "002", "GB"):
        latency(port, f"/api/v1/actors?territory={code}", 5)  # warm-up
        api[code] = latency(port, f"/api/v1/actors?territory={code}", args.requests)
        print(f"GET /api/v1/actors?territory={code}: {api[code]}")
    started = time.perf_counter()
    stats = compute_stats()
    in_process = time.perf_counter() - started
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "minga.cli", "stats", "--json"], capture_output=True, text=True, check=True
    )
    cli = time.perf_counter() - started
    assert json.loads(done.stdout)["actors"] == stats["actors"] == args.rows
    print(
        f"stats (world): compute_stats {in_process:.2f} s; `minga stats --json` {cli:.2f} s (process start included)"
    )
    OUT.mkdir(exist_ok=True)
    result = {
        "rows": args.rows, "baseline_s": raw, "import_s": ours, "import_rows_per_s": args.rows / ours,
        "ratio_to_raw": raw / ours, "api": api, "stats_s": in_process, "stats_cli_s": cli,
    }  # fmt: skip
    (OUT / "registry_scale.json").write_text(json.dumps(result, indent=2))
    server.close()


if __name__ == "__main__":
    main()

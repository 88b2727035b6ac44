"""Web pages under load: wrk (a real HTTP load tool) against `minga serve` on loopback with the demo data.

    .venv/bin/python bench/web_load.py [--seconds 60] [--connections 20]

For each page: requests/s, p50/p95/p99 latency and errors, beside a baseline in the same run — the same server's
`/static/minga/minga.css` (a file served by WhiteNoise, no database). Installs Debian's wrk when missing (as root).
Writes bench/out/web_load.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.serving import served_demo  # noqa: E402

PAGES = {
    "static file (baseline)": "/static/minga/minga.css",
    "directory": "/en/actors/?territory=GB&kind=cooperative",
    "directory, page 20": "/es/actors/?territory=150&page=20",
    "directory, theme filter": "/fr/actors/?theme=Housing&kind=cooperative",
    "territory GB": "/en/territories/GB/",
    "territory 150": "/fr/territories/150/",
    "territory GB-BST": "/en/territories/GB-BST/",
}
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, \\"seconds\\": %f, ",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6))
  io.write(string.format("\\"p50_ms\\": %f, \\"p95_ms\\": %f, \\"p99_ms\\": %f}\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    assert found, "wrk is not available (apt-get install wrk)"
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    tool = wrk()
    results = {}
    with tempfile.TemporaryDirectory() as home, served_demo(Path(home)) as url:
        script = Path(home) / "report.lua"
        script.write_text(REPORT)
        for name, path in PAGES.items():
            done = subprocess.run(
                [tool, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s", "-s", str(script),
                 url + path],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            line = next(ln for ln in done.stdout.splitlines() if ln.startswith("JSON "))
            figures = json.loads(line[5:])
            figures["rps"] = round(figures["requests"] / figures["seconds"], 1)
            results[name] = figures
            print(
                f"{name:26} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms"
                f"  p99 {figures['p99_ms']:7.1f} ms  errors {figures['errors'] + figures['non2xx']}",
                flush=True,
            )
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "web_load.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

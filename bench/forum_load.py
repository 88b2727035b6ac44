"""Voting under load: simulated participants vote concurrently through the forum API of `minga serve`, then every
acknowledged vote is looked for in the database.

    .venv/bin/python bench/forum_load.py [--seconds 60] [--participants 200] [--statements 60]
                                         [--engine sqlite|postgres|both] [--connection keep-alive|close|both]

Per engine and connection mode (default: both of each), in a child process (PostgreSQL: a throw-away cluster from
``scripts/with-postgres.sh`` unless ``MINGA_DATABASE_URL`` is set): a fresh MINGA_HOME, ``minga init``, one open
question with ``--statements`` statements (``tests.factories``), ``minga serve`` (waitress as the CLI starts it: 8
threads, one process; ``MINGA_DEBUG=0``, ``MINGA_EMBEDDINGS=0``, the background re-analysis on with
``MINGA_FORUM_DEBOUNCE`` = ``--debounce``) on a free loopback port. The server's log (Django's request errors with
their tracebacks, waitress's warnings, minga's logs — sent to stderr by a wrapper around ``minga.cli``, the product
untouched) is kept in bench/out/forum_load-ENGINE-CONNECTION-server.log and scanned for tracebacks and "database is
locked".

Baseline in the same run: one participant alone for ``--baseline-seconds`` (no queueing), before the crowd. Then
``--participants`` simulated participants, each a thread with its own random ``X-Participant`` token and its own
HTTP/1.1 connection (``keep-alive``, as a browser keeps one; ``close``: a new connection per request), loop until
the time is up: ``GET /api/v1/forum/questions/{id}`` for the next statement, then ``POST …/votes`` (agree 45%,
disagree 35%, pass 20%); with probability ``--replay`` (and always once it has voted on every statement) a turn
instead replays one of its earlier votes, with the same value or a changed one (half each); with probability
``--double`` a new vote is sent twice at once on two connections (a double click). Requests are timed in the client
until the body is read (timeout ``--timeout``); CPU time of the server and of the client process is read from /proc.

Afterwards, from the database (``minga manage shell -c``, the server stopped): the question's vote rows, duplicate
(participant, statement) rows, participants per token, checked against what the server acknowledged (HTTP 200):
- **lost**: an acknowledged pair with no row, or whose row holds a value not sent for it since the last
  acknowledgement (a lost update) — must be 0;
- **duplicates**: more than one row for a pair, or more than one participant for a token — must be 0;
- counted apart: an acknowledged value later overwritten by an older request of the same participant that the
  client had given up on (timed out, no response) and the server applied late (the row's ``modified`` is after the
  acknowledgement): the last request to arrive wins; and rows written although no request for the pair was
  acknowledged (allowed: a failure may come after the commit).
Exit 1 when a vote is lost or duplicated, or a run fails. Writes bench/out/forum_load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _engines import run_child  # bench/_engines.py (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
MINGA = [sys.executable, "-m", "minga.cli"]
VALUES, WEIGHTS = (1, -1, 0), (45, 35, 20)
#: `minga serve` with Django's request errors, waitress's warnings and minga's own logs sent to stderr
SERVE = """
import logging, sys
from minga import cli
setup = cli._setup
def logged_setup():
    setup()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("django.request", "django.db.backends", "waitress", "minga"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
cli._setup = logged_setup
if int(sys.argv[2]):  # an experiment: waitress's connection_limit (the product's own serve() keeps the default)
    import waitress
    serve = waitress.serve
    waitress.serve = lambda app, **kw: serve(app, **{**kw, "connection_limit": int(sys.argv[2])})
sys.exit(cli.main(["serve", "--port", sys.argv[1]]))
"""
SETUP = """
from tests.factories import make_question, make_statement
q = make_question(title="Voting under load", moderation="lax")
for i in range({n}):
    make_statement(q, f"Load-test statement number {{i}}: the town should do thing {{i}}.")
print("QUESTION", q.pk)
"""
COUNT = """
import json
from collections import Counter
from django.db.models import Count
from minga.forum.models import Participant, ParticipantKey, Question, Vote
q = Question.objects.get(pk={qid})
keys = list(ParticipantKey.objects.filter(question=q).values_list("token", "participant_id"))
per_token = Counter(t for t, _ in keys)
rows = [(p, s, v, m.timestamp()) for p, s, v, m in
        Vote.objects.filter(question=q).values_list("participant_id", "statement_id", "value", "modified")]
dups = list(Vote.objects.filter(question=q).values("participant_id", "statement_id").annotate(n=Count("id"))
            .filter(n__gt=1).values_list("participant_id", "statement_id", "n"))
print("COUNT " + json.dumps({{"keys": keys, "tokens_with_several_participants": sum(n > 1 for n in per_token.values()),
    "participants": Participant.objects.filter(question=q).count(), "rows": rows, "duplicate_rows": dups,
    "votes_version": q.votes_version, "analysed_version": q.analysed_version,
    "groups": len((q.analysis or {{}}).get("groups", []))}}))
"""


# ----------------------------------------------------------------------------------------------------- the client
class Participant(threading.Thread):
    """One simulated participant: its own token, connection(s), random stream and record of what it sent."""

    def __init__(self, n: int, args: argparse.Namespace, port: int, qid: int, start: threading.Event) -> None:
        super().__init__(daemon=True)
        self.n, self.args, self.port, self.qid, self.go = n, args, port, qid, start
        self.rng = random.Random(args.seed * 100_003 + n)
        self.token = secrets.token_hex(16)
        self.headers = {"X-Participant": self.token, "Content-Type": "application/json"}
        if args.connection == "close":
            self.headers["Connection"] = "close"
        self.conns: list[http.client.HTTPConnection | None] = [None, None]
        self.acked: dict[int, int] = {}  # statement → value of the last acknowledged vote
        self.allowed: dict[int, set[int | None]] = {}  # statement → values the row may hold (None: no row)
        self.acked_at: dict[int, float] = {}  # statement → wall-clock time of the last acknowledgement
        self.abandoned: dict[int, set[int]] = {}  # statement → values sent in requests that got no response
        self.requests: list[tuple[str, str, float]] = []  # (kind, status, seconds)
        self.errors: list[str] = []
        self.anomalies: Counter[str] = Counter()
        self.deadline = 0.0
        # monotonic times: when it started, when its first vote was acknowledged
        self.started = self.first_vote = 0.0

    def _request(self, slot: int, method: str, path: str, body: bytes | None, kind: str) -> tuple[str, Any]:
        start = time.perf_counter()
        try:
            conn = self.conns[slot]
            if conn is None:
                conn = self.conns[slot] = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.args.timeout
                )
            conn.request(method, path, body=body, headers=self.headers)
            response = conn.getresponse()
            raw = response.read()
            status = str(response.status)
            if response.will_close:
                conn.close()
                self.conns[slot] = None
        except (OSError, http.client.HTTPException) as err:
            status, raw = f"{type(err).__name__}", b""
            if self.conns[slot] is not None:
                self.conns[slot].close()  # type: ignore[union-attr]
            self.conns[slot] = None
        self.requests.append((kind, status, time.perf_counter() - start))
        if status != "200" and len(self.errors) < 5:
            self.errors.append(f"{method} {kind} → {status}: {raw[:300].decode('utf-8', 'replace')}")
        try:
            return status, json.loads(raw) if status == "200" else None
        except ValueError:
            return "bad-json", None

    def _vote(self, statement: int, value: int, kind: str, twice: bool = False) -> None:
        body = json.dumps({"statement": statement, "vote": value}).encode()
        path = f"/api/v1/forum/questions/{self.qid}/votes"
        allowed = self.allowed.setdefault(statement, {None})
        if twice:
            other: list[tuple[str, Any]] = []
            helper = threading.Thread(target=lambda: other.append(self._request(1, "POST", path, body, kind)))
            helper.start()
            results = [self._request(0, "POST", path, body, kind)]
            helper.join()
            results += other
        else:
            results = [self._request(0, "POST", path, body, kind)]
        for status, _data in results:
            if not status.isdigit():  # no response (timeout, reset): the server may still apply it, later
                self.abandoned.setdefault(statement, set()).add(value)
        if any(status == "200" for status, _ in results):
            for status, data in results:
                if status == "200" and (data.get("statement") != statement or data.get("vote") != value):
                    self.anomalies["vote response differs from the vote sent"] += 1
            self.acked[statement] = value
            self.acked_at[statement] = time.time()
            self.first_vote = self.first_vote or time.monotonic()
            allowed.clear()
            allowed.add(value)
        else:  # refused or failed: the row may or may not hold this value (an error after the commit)
            allowed.add(value)

    def run(self) -> None:
        self.go.wait()
        self.started = time.monotonic()
        question = f"/api/v1/forum/questions/{self.qid}"
        seen_all = False
        while time.monotonic() < self.deadline:
            if self.acked and (seen_all or self.rng.random() < self.args.replay):
                statement = self.rng.choice(list(self.acked))
                same = self.rng.random() < 0.5
                value = self.acked[statement] if same else self.rng.choice([v for v in VALUES if v != self.acked[statement]])  # fmt: skip
                self._vote(statement, value, "POST replay (same)" if same else "POST replay (changed)")
                continue
            status, data = self._request(0, "GET", question, None, "GET next")
            if status != "200":
                continue
            nxt = data.get("next")
            if nxt is None:
                seen_all = True
                if not self.acked:
                    self.anomalies["no next statement before any vote"] += 1
                    time.sleep(0.5)
                continue
            if nxt["id"] in self.acked:
                self.anomalies["next statement already voted on"] += 1
            value = self.rng.choices(VALUES, WEIGHTS)[0]
            twice = self.rng.random() < self.args.double
            self._vote(nxt["id"], value, "POST new (twice at once)" if twice else "POST new", twice=twice)
        for conn in self.conns:
            if conn is not None:
                conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))] if ordered else float("nan")
    )


def load(args: argparse.Namespace, port: int, qid: int, n: int, seconds: float, first: int = 0) -> tuple[list[Participant], float]:  # fmt: skip
    """``n`` participants voting for ``seconds``; returns them (with what they sent) and the time until the last
    one's last request ended."""
    go = threading.Event()
    crowd = [Participant(first + i, args, port, qid, go) for i in range(n)]
    for p in crowd:
        p.start()
    start = time.monotonic()
    for p in crowd:
        p.deadline = start + seconds
    go.set()
    for p in crowd:
        p.join(seconds + 2 * args.timeout + 30)
    return crowd, time.monotonic() - start


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of a process (this one when ``pid`` is None), from /proc."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency(requests: list[tuple[str, str, float]], seconds: float) -> dict[str, float]:
    times = [t for _k, _s, t in requests]
    return {"requests": len(times), "requests_per_s": len(times) / seconds, "p50_ms": percentile(times, 0.5) * 1000,
            "p95_ms": percentile(times, 0.95) * 1000}  # fmt: skip


# ------------------------------------------------------------------------------------------------ the engine run
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _minga(env: dict[str, str], *argv: str) -> str:
    done = subprocess.run([*MINGA, *argv], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"minga {' '.join(argv)[:80]} failed: {done.stderr[-3000:]}")
    return done.stdout


def engine_run(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="minga-bench-forum-"))
    env = {**os.environ, "MINGA_HOME": str(home), "MINGA_DEBUG": "0", "MINGA_EMBEDDINGS": "0",
           "MINGA_FORUM_DEBOUNCE": args.debounce, "DJANGO_SETTINGS_MODULE": "minga.settings"}  # fmt: skip
    if args.engine == "sqlite":
        env.pop("MINGA_DATABASE_URL", None)
    log = OUT / f"forum_load-{args.engine}-{args.connection}-server.log"
    server = None
    try:
        _minga(env, "init")
        out = _minga(env, "manage", "shell", "-c", SETUP.format(n=args.statements))
        qid = int(re.search(r"QUESTION (\d+)", out).group(1))  # type: ignore[union-attr]
        port = _free_port()
        with log.open("w") as sink:
            server = subprocess.Popen([sys.executable, "-c", SERVE, str(port), str(args.connection_limit)], env=env,
                                      cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"minga serve did not start; see {log}") from None
                time.sleep(0.2)
        print(f"{args.engine}: question {qid} with {args.statements} statements on 127.0.0.1:{port}; "
              f"{args.participants} participants for {args.seconds} s ({args.connection})", flush=True)  # fmt: skip
        # baseline, same server and question: one participant alone (no queueing), before the crowd
        alone, alone_s = load(args, port, qid, 1, args.baseline_seconds, first=args.participants)
        baseline = {**latency(alone[0].requests, alone_s), "by_kind": {
            kind: latency([r for r in alone[0].requests if r[0] == kind], alone_s)
            for kind in sorted({r[0] for r in alone[0].requests})}}  # fmt: skip
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(), cpu_seconds(server.pid)
        crowd, elapsed = load(args, port, qid, args.participants, args.seconds)
        cpu = {"client_s": cpu_seconds() - cpu_before[0], "server_s": cpu_seconds(server.pid) - cpu_before[1]}
        load_after = os.getloadavg()[0]
        time.sleep(float(args.debounce) + 1 if args.debounce != "off" else 0)  # let a due re-analysis finish
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        counted = json.loads(re.search(r"COUNT (.*)", _minga(env, "manage", "shell", "-c", COUNT.format(qid=qid))).group(1))  # type: ignore[union-attr]  # fmt: skip
        result = tally(crowd + alone, counted, elapsed, args.statements)
        result.update(baseline=baseline, cpu=cpu, engine=args.engine, question=qid, load_before=load_before, load_after=load_after,
                      server_log=scan_log(log), settings={k: getattr(args, k) for k in
                      ("seconds", "participants", "statements", "replay", "double", "debounce", "connection", "connection_limit", "seed")})  # fmt: skip
        if args.engine == "postgres":
            version = _minga(env, "manage", "shell", "-c", "from django.db import connection; c = connection.cursor(); "
                             "c.execute('show server_version'); print('VERSION', c.fetchone()[0])")  # fmt: skip
            result["database"] = "PostgreSQL " + re.search(r"VERSION (\S+)", version).group(1)  # type: ignore[union-attr]
        else:
            import sqlite3

            result["database"] = f"SQLite {sqlite3.sqlite_version}"
        return result
    finally:
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(home, ignore_errors=True)


def scan_log(log: Path) -> dict[str, Any]:
    text = log.read_text(errors="replace") if log.exists() else ""
    blocks = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ )", text)
    tracebacks = [b for b in blocks if "Traceback" in b]
    kinds = Counter(b.strip().splitlines()[-1][:200] for b in tracebacks)
    return {"lines": text.count("\n"), "tracebacks": len(tracebacks), "database_is_locked": text.count("database is locked"),
            "exceptions": dict(kinds.most_common(10)), "first_traceback": tracebacks[0][-6000:] if tracebacks else "",
            "warnings": Counter(re.sub(r"\d+", "N", ln.split(" ", 3)[-1])[:120] for ln in text.splitlines()
                                if " WARNING " in ln).most_common(10)}  # fmt: skip


def tally(
    crowd: list[Participant], counted: dict[str, Any], elapsed: float, n_statements: int
) -> dict[str, Any]:
    pid_of = {token: pid for token, pid in counted["keys"]}
    rows: dict[tuple[int, int], tuple[int, float]] = {(p, s): (v, m) for p, s, v, m in counted["rows"]}
    requests = [r for p in crowd[:-1] for r in p.requests]  # the last one is the baseline participant
    statuses = Counter(status for _kind, status, _t in requests)
    by_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted({k for k, _s, _t in requests}):
        times = [t for k, _s, t in requests if k == kind]
        by_kind[kind] = {"n": len(times), "p50_ms": percentile(times, 0.5) * 1000, "p95_ms": percentile(times, 0.95) * 1000,
                         "errors": sum(1 for k, s, _t in requests if k == kind and s != "200")}  # fmt: skip
    accepted = sum(1 for k, s, _t in requests if k.startswith("POST") and s == "200")
    expected, lost, wrong, late, unacked_rows, missing_participants = 0, 0, 0, 0, 0, 0
    for p in crowd:
        pid = pid_of.get(p.token)
        if pid is None:
            missing_participants += bool(p.acked)
            lost += len(p.acked)
            expected += len(p.acked)
            continue
        for statement, allowed in p.allowed.items():
            value, modified = rows.get((pid, statement), (None, 0.0))
            if statement in p.acked:
                expected += 1
                if value is None:
                    lost += 1
                elif value not in allowed:
                    # written after the acknowledgement by a request the client had given up on: last writer wins
                    stale = value in p.abandoned.get(statement, ()) and modified > p.acked_at[statement]
                    late += stale
                    wrong += not stale
            elif value is not None:
                unacked_rows += 1
    times = [t for _k, _s, t in requests]
    firsts = [p.first_vote - p.started if p.first_vote else float("inf") for p in crowd[:-1]]
    return {
        "seconds": elapsed, "requests": len(requests), "requests_per_s": len(requests) / elapsed,
        "p50_ms": percentile(times, 0.5) * 1000, "p95_ms": percentile(times, 0.95) * 1000,
        "p99_ms": percentile(times, 0.99) * 1000, "max_ms": max(times, default=0) * 1000,
        "by_kind": by_kind, "statuses": dict(statuses), "votes_accepted": accepted,
        "pairs_expected": expected, "rows_in_db": len(counted["rows"]), "lost": lost + wrong,
        "lost_missing_row": lost, "lost_wrong_value": wrong,
        "overwritten_by_abandoned_request": late, "rows_without_acknowledgement": unacked_rows,
        "participants_missing": missing_participants, "duplicate_rows": len(counted["duplicate_rows"]),
        "tokens_with_several_participants": counted["tokens_with_several_participants"],
        "participants_in_db": counted["participants"], "participants_stuck": sum(p.is_alive() for p in crowd),
        "participants_who_voted_on_everything": sum(len(p.acked) >= n_statements for p in crowd[:-1]),
        "participants_without_a_vote": sum(not p.acked for p in crowd[:-1]),
        "votes_per_participant_p10_p50_p90": [percentile([len(p.acked) for p in crowd[:-1]], q) for q in (0.1, 0.5, 0.9)],
        "first_vote_s_p50_p95_max": [round(percentile(firsts, q), 2) for q in (0.5, 0.95, 1.0)],
        "anomalies": dict(sum((p.anomalies for p in crowd), Counter())),
        "error_samples": [e for p in crowd for e in p.errors][:12],
        "votes_version": counted["votes_version"], "analysed_version": counted["analysed_version"],
        "groups": counted["groups"],
    }  # fmt: skip


# ------------------------------------------------------------------------------------------------------ the parent
def spawn(args: argparse.Namespace, engine: str, connection: str, work: Path) -> dict[str, Any] | None:
    out = work / f"{engine}-{connection}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--child-out", str(out), "--engine", engine,
               "--seconds", str(args.seconds), "--participants", str(args.participants), "--statements",
               str(args.statements), "--replay", str(args.replay), "--double", str(args.double), "--debounce",
               args.debounce, "--connection", connection, "--baseline-seconds", str(args.baseline_seconds),
               "--connection-limit", str(args.connection_limit), "--seed", str(args.seed), "--timeout", str(args.timeout)]  # fmt: skip
    return run_child(command, postgres=engine == "postgres", out=out, label=f"{engine}, {connection}")


def report(results: dict[str, dict[str, Any] | None]) -> list[str]:
    engines = [e for e, r in results.items() if r]
    rows = [
        ("database", lambda r: r["database"]),
        ("requests (in s)", lambda r: f"{r['requests']:,} in {r['seconds']:.1f} s"),
        ("baseline: 1 participant alone, req/s", lambda r: f"{r['baseline']['requests_per_s']:.1f}"),
        ("baseline p50 / p95 ms", lambda r: f"{r['baseline']['p50_ms']:.1f} / {r['baseline']['p95_ms']:.1f}"),
        ("requests/s", lambda r: f"{r['requests_per_s']:.1f}"),
        ("latency p50 / p95 / p99 / max ms", lambda r: f"{r['p50_ms']:.0f} / {r['p95_ms']:.0f} / {r['p99_ms']:.0f} / {r['max_ms']:.0f}"),
        ("votes accepted (POST 200)", lambda r: f"{r['votes_accepted']:,}"),
        ("expected distinct pairs", lambda r: f"{r['pairs_expected']:,}"),
        ("vote rows in the database", lambda r: f"{r['rows_in_db']:,}"),
        ("lost (no row / lost update)", lambda r: f"{r['lost']} ({r['lost_missing_row']} / {r['lost_wrong_value']})"),
        ("duplicates (rows / participants)", lambda r: f"{r['duplicate_rows']} / {r['tokens_with_several_participants']}"),
        ("acked value overwritten by a late, abandoned request", lambda r: str(r["overwritten_by_abandoned_request"])),
        ("rows written though refused", lambda r: str(r["rows_without_acknowledgement"])),
        ("responses by status", lambda r: ", ".join(f"{k}: {v:,}" for k, v in sorted(r["statuses"].items()))),
        ("participants in the database", lambda r: str(r["participants_in_db"])),
        ("participants without a vote", lambda r: str(r["participants_without_a_vote"])),
        ("votes per participant p10 / p50 / p90", lambda r: " / ".join(str(v) for v in r["votes_per_participant_p10_p50_p90"])),
        ("first vote after (s) p50 / p95 / max", lambda r: " / ".join(str(v) for v in r["first_vote_s_p50_p95_max"])),
        ("server tracebacks (database is locked)", lambda r: f"{r['server_log']['tracebacks']} ({r['server_log']['database_is_locked']})"),
        ("votes_version / analysed_version", lambda r: f"{r['votes_version']} / {r['analysed_version']} ({r['groups']} groups)"),
        ("CPU s: server / client (of 2 × run)", lambda r: f"{r['cpu']['server_s']:.0f} / {r['cpu']['client_s']:.0f}"),
        ("load average before / after", lambda r: f"{r['load_before']:.1f} / {r['load_after']:.1f}"),
    ]  # fmt: skip
    print("\n" + "measure".ljust(40) + "".join(f" | {e}".ljust(42) for e in engines))
    for name, cell in rows:
        print(name.ljust(40) + "".join(f" | {cell(results[e])}".ljust(42) for e in engines))
    kinds = sorted({k for e in engines for k in results[e]["by_kind"]})  # type: ignore[index]
    print("\nper request kind: n, p50 / p95 ms, errors")
    for kind in kinds:
        cells = []
        for e in engines:
            k = results[e]["by_kind"].get(kind)  # type: ignore[index]
            cells.append(f"{k['n']:,}, {k['p50_ms']:.0f} / {k['p95_ms']:.0f}, {k['errors']}" if k else "—")
        print(kind.ljust(40) + "".join(f" | {c}".ljust(42) for c in cells))
    missed = []
    for e, r in results.items():
        if r is None:
            missed.append(f"{e}: the run failed")
            continue
        if r["anomalies"]:
            print(f"{e}: anomalies {r['anomalies']}")
        for sample in r["error_samples"]:
            print(f"{e}: error sample: {sample}")
        log = r["server_log"]
        if log["tracebacks"]:
            print(
                f"{e}: server exceptions {log['exceptions']}\n{e}: first traceback:\n{log['first_traceback']}"
            )
        if log["warnings"]:
            print(f"{e}: server warnings {log['warnings']}")
        if r["lost"]:
            missed.append(f"{e}: {r['lost']} votes lost")
        if r["duplicate_rows"] or r["tokens_with_several_participants"]:
            missed.append(f"{e}: duplicates")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--statements", type=int, default=60)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--replay", type=float, default=0.15, help="share of loop turns that replay an earlier vote"
    )
    parser.add_argument("--double", type=float, default=0.05, help="share of new votes sent twice at once")
    parser.add_argument(
        "--debounce", default="2", help="MINGA_FORUM_DEBOUNCE for the server (seconds, or off)"
    )
    parser.add_argument("--connection", choices=["keep-alive", "close", "both"], default="both")
    parser.add_argument("--connection-limit", type=int, default=0,
                        help="experiment: waitress's connection_limit for the server (0: as `minga serve` sets it)")  # fmt: skip
    parser.add_argument("--baseline-seconds", type=float, default=5.0, help="one participant alone, first")
    parser.add_argument("--timeout", type=float, default=30.0, help="client timeout per request (s)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.child:
        result = engine_run(args)
        Path(args.child_out).write_text(json.dumps(result, indent=2, default=str))
        return 0
    info = {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    connections = ["keep-alive", "close"] if args.connection == "both" else [args.connection]
    with tempfile.TemporaryDirectory(prefix="minga-bench-forum-load-") as work:
        results = {f"{e}, {c}": spawn(args, e, c, Path(work)) for e in engines for c in connections}
    missed = report(results)
    print("\n" + ("FAILED: " + "; ".join(missed) if missed else "no vote lost or duplicated"))
    (OUT / "forum_load.json").write_text(json.dumps({"machine": info, "results": results, "missed": missed},
                                                    indent=2, default=str))  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

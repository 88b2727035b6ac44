"""SDG alignment: accuracy on held-out, paragraph-level benchmark rows, and throughput (issue #4: >= 85% average
per-SDG accuracy, no SDG below 75%, >= 100 paragraph-length texts/s on 2 cores).

    .venv/bin/python bench/sdg_eval.py [--data ../shared/data] [--throughput-texts 400] [--json]

Builds the test sets deterministically from ../shared/data and Minga's labels (minga.knowledge.sdg.devsets):
documents are split train/dev/test by a hash of their id; only test documents are scored here (the model was
trained on the train split and its thresholds tuned on the dev split). Sets: ``susy`` (SUSY initiative
descriptions labelled by hand), ``handwritten`` (Minga's en/es/fr paragraphs with near-topic negatives), ``iati``
(IATI activities with their publishers' SDG tags, never trained on), ``paragraphs`` (the three together: the
headline figure) and ``sentences`` (the single-sentence development data, for comparison only).

Systems, in the same run: ``minga`` (the default: rules and lexical model, no embeddings), with ``--embeddings``
also ``minga-cascade`` (embeddings where undecided) and ``minga-full`` (every text), and the ``keywords`` baseline (a
goal is addressed when the SDSN or Elsevier keyword lists have a term in the text). Throughput: texts per second
of ``classify_many`` on SUSY descriptions of at least 200 characters, after one warm-up batch, with the number of
CPUs this process may use. Prints tables; writes bench/out/sdg_eval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from minga.knowledge.sdg import classifier, devsets, sources  # noqa: E402
from minga.knowledge.sdg.evaluation import EvalRow, evaluate  # noqa: E402

OUT = ROOT / "bench" / "out"
DATA = ROOT.parent / "shared" / "data"
HAND = ("susy", "handwritten", "iati-hand", "grants")  # labelled by hand for every goal: the headline set
SETS = (
    "susy",
    "handwritten",
    "iati-hand",
    "grants",
    "iati",
    "paragraphs",
    "sentences",
    "paragraphs-en",
    "paragraphs-es",
    "paragraphs-fr",
)


_STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "for", "with"},
    "es": {"el", "los", "las", "y", "para", "una", "del", "con"},
    "fr": {"le", "la", "les", "et", "des", "est", "pour", "une"},
}


def language(doc: sources.Doc) -> str:
    """The document's language as labelled (handwritten, IATI), else guessed from stopwords (en/es/fr/other)."""
    if doc.lang:
        return doc.lang
    words = set(doc.text.lower().split())
    counts = {lang: len(words & stop) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else "other"


def test_rows(data: Path) -> dict[str, list[EvalRow]]:
    flags = devsets.keyword_flags(data)
    paragraphs = sources.paragraph_docs(data)
    docs = {
        "susy": sources.susy_docs(data),
        "handwritten": sources.handwritten_docs(),
        "iati-hand": [d for d in paragraphs if d.source == "iati-hand"],
        "grants": [d for d in paragraphs if d.source == "grants"],
        "iati": sources.iati_docs(data),
        "sentences": sources.sentence_docs(data),
    }
    out: dict[str, list[EvalRow]] = {}
    for name, found in docs.items():
        rows = devsets.rows_for(devsets.select(found, "test"), flags=flags)
        out[name] = [EvalRow(r.id, r.text, r.sdg, r.label) for r in rows]
    out["paragraphs"] = [row for name in HAND for row in out[name]]
    for lang in ("en", "es", "fr"):
        mine = {d.text for name in HAND for d in docs[name] if language(d) == lang}
        out[f"paragraphs-{lang}"] = [r for r in out["paragraphs"] if r.text in mine]
    return out


def systems(data: Path, *, embeddings: bool) -> dict[str, Any]:
    flags = devsets.keyword_flags(data)

    def run(semantic: bool | None) -> Any:
        def predict(texts: list[str]) -> list[set[int]]:
            found = classifier.classify_many(texts, semantic=semantic, errors="none", explain=False)
            return [{g.goal for g in a.goals} for a in found]

        return predict

    found: dict[str, Any] = {"minga": run(False)}
    if embeddings:
        found |= {"minga-cascade": run(None), "minga-full": run(True)}
    return found | {"keywords": lambda texts: [flags(t) for t in texts]}


def throughput(count: int, *, embeddings: bool) -> dict[str, Any]:
    path = ROOT / "src" / "minga" / "data" / "demo" / "susy" / "susy-map.geojson"
    features = json.loads(path.read_text("utf-8"))["features"]
    texts = [f["properties"].get("description") or "" for f in features]
    texts = sorted({" ".join(t.split()) for t in texts if len(t) >= 200})[:count]
    out: dict[str, Any] = {
        "texts": len(texts),
        "mean_chars": round(sum(map(len, texts)) / max(1, len(texts))),
    }
    variants: list[tuple[str, bool | None]] = [("minga", False)]
    if embeddings:
        variants += [("minga-cascade", None), ("minga-full", True)]
    for name, semantic in variants:
        classifier.classify_many(texts[:20], semantic=semantic)  # warm-up: loads the model and the encoder
        start = time.perf_counter()
        found = []
        for i in range(0, len(texts), 100):
            found += classifier.classify_many(texts[i : i + 100], semantic=semantic)
        seconds = time.perf_counter() - start
        out[name] = {
            "texts_per_second": round(len(texts) / seconds, 1),
            "embedded_share": round(sum(a.semantic for a in found) / max(1, len(found)), 3),
        }
    return out


def machine() -> dict[str, Any]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()[:20]
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "lscpu": lscpu,
        "model": classifier.artefacts.load().meta.get("dev"),
    }


def table(name: str, result: dict[str, Any]) -> str:
    lines = [
        f"{name}: average accuracy {result['average']['accuracy']:.3f}, F1 {result['average']['f1']:.3f}"
    ]
    lines.append(f"  {'SDG':>4} {'n':>5} {'pos':>4} {'acc':>6} {'prec':>6} {'rec':>6} {'F1':>6}")
    for goal, m in result["per_sdg"].items():
        lines.append(
            f"  {goal:>4} {m['n']:>5} {m['positives']:>4} {m['accuracy']:>6.3f} {m['precision']:>6.3f}"
            f" {m['recall']:>6.3f} {m['f1']:>6.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--throughput-texts", type=int, default=400)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="also measure the variants that embed (cascade, full): about 15 minutes more on 2 cores",
    )
    args, _unknown = parser.parse_known_args(argv)  # `make bench` passes every script the same arguments
    if not (args.data / "sdg-framework-open-sdg").is_dir():
        print(f"sdg_eval: skipped: no shared data at {args.data} (give --data DIR)")
        return 0
    rows = test_rows(args.data)
    result: dict[str, Any] = {"machine": machine(), "sets": {}, "rows": {k: len(v) for k, v in rows.items()}}
    for system, predict in systems(args.data, embeddings=args.embeddings).items():
        result["sets"][system] = {name: evaluate(rows[name], predict=predict) for name in SETS}
    result["throughput"] = throughput(args.throughput_texts, embeddings=args.embeddings)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sdg_eval.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"machine: {result['machine']['nproc']} CPUs; " + "; ".join(result["machine"]["lscpu"][:1]))
    print("test rows: " + ", ".join(f"{k} {v}" for k, v in result["rows"].items()))
    print(f"{'average accuracy':<16} " + " ".join(f"{s.replace('paragraphs-', 'para-'):>11}" for s in SETS))
    for system, sets in result["sets"].items():
        print(f"{system:<16} " + " ".join(f"{sets[s]['average']['accuracy']:>11.3f}" for s in SETS))
    print()
    print(table("minga on paragraphs (held-out test rows)", result["sets"]["minga"]["paragraphs"]))
    print()
    print(table("keywords baseline on paragraphs", result["sets"]["keywords"]["paragraphs"]))
    t = result["throughput"]
    print(f"\nthroughput on {t['texts']} SUSY descriptions (mean {t['mean_chars']} characters):")
    for name in (n for n in ("minga", "minga-cascade", "minga-full") if n in t):
        print(
            f"  {name:<14} {t[name]['texts_per_second']:>7.1f} texts/s, embedded {t[name]['embedded_share']:.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``minga sdg classify | train | evaluate`` (and ``tag``, whose body lives in ``minga.knowledge.cli``): a thin
layer over the SDG library — parse, call, print. Errors are printed with a hint and exit code 1."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("../shared/data")
EVALUATE_BATCH = 100  # texts classified between two progress lines of `minga sdg evaluate`


def add_sdg_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``minga sdg …`` on Minga's top-level sub-parsers."""
    sdg = sub.add_parser("sdg", help="SDG alignment: classify a text, train the model, evaluate on a CSV")
    commands = sdg.add_subparsers(dest="sdg_command", required=True)
    p = commands.add_parser("classify", help="the SDGs (and targets) a text addresses, with evidence")
    p.add_argument("text", nargs="+", help="the text (several words are joined; '-' reads standard input)")
    p.add_argument("--json", action="store_true", help="print the alignment as JSON")
    p.add_argument(
        "--semantic",
        choices=["auto", "on", "off"],
        default="auto",
        help="embeddings: where the rules are undecided (auto), always, or never",
    )
    p = commands.add_parser("train", help="rebuild the model's artefacts from the source data (reproducible)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    p.add_argument("--out", type=Path, help="where to write the artefacts (default: the installed package's)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-semantic", action="store_true", help="lexical model only (no embeddings)")
    p.add_argument("--json", action="store_true", help="print the training report as JSON")
    p = commands.add_parser(
        "evaluate", help="accuracy, precision, recall, F1 per SDG on a CSV id,text,sdg,label"
    )
    p.add_argument("file", type=Path, help="CSV with columns id,text,sdg,label (label True/False)")
    p.add_argument("--json", action="store_true", help='print {"average": {...}, "per_sdg": {...}}')
    p.add_argument(
        "--semantic",
        choices=["auto", "on", "off"],
        default="auto",
        help="embeddings: where the rules are undecided (auto, the most accurate; about 13 texts/s on 2 cores), "
        "always (on), or never (off: rules and lexical model only, over 200 texts/s)",
    )
    try:
        from minga.knowledge.cli import add_tag_arguments
    except ImportError:  # the product's tagging command is not there: the library commands still work
        return
    p = commands.add_parser("tag", help="suggest SDGs for every actor and initiative of a territory (batch)")
    add_tag_arguments(p)


def cmd_sdg(args: argparse.Namespace) -> int:
    """Run ``minga sdg <command>``."""
    from minga.knowledge.sdg.artefacts import ModelMissing
    from minga.knowledge.sdg.evaluation import EvalFileError
    from minga.knowledge.sdg.text import NotText

    if args.sdg_command == "tag":
        from minga.knowledge.cli import cmd_sdg_tag

        return cmd_sdg_tag(args)
    run = {"classify": _classify, "train": _train, "evaluate": _evaluate}[args.sdg_command]
    try:
        return run(args)
    except NotText as err:
        return _fail(f"not text: {err}", "Give plain text (UTF-8); binary files cannot be classified.")
    except EvalFileError as err:
        return _fail(str(err), "Expected a CSV with the header id,text,sdg,label and labels True or False.")
    except ModelMissing as err:
        return _fail(str(err), "Train it: minga sdg train --data ../shared/data")


def _fail(message: str, hint: str) -> int:
    print(f"minga: {message}\n  → {hint}", file=sys.stderr)
    return 1


def _semantic(value: str) -> bool | None:
    return {"auto": None, "on": True, "off": False}[value]


def _classify(args: argparse.Namespace) -> int:
    from minga.knowledge.sdg.classifier import classify_many

    text = sys.stdin.read() if args.text == ["-"] else " ".join(args.text)
    alignment = classify_many([text], semantic=_semantic(args.semantic))[0]
    if args.json:
        print(json.dumps(alignment.to_dict(), ensure_ascii=False))
        return 0
    if alignment.none:
        print("No SDG: the text does not address any Sustainable Development Goal clearly enough.")
    else:
        print(f"{'SDG':>4}  {'score':>5}  evidence")
        for goal in alignment.goals:
            shown = [f"{e.kind}: {_short(e.text)}" for e in goal.evidence[:4]]
            print(f"{goal.goal:>4}  {goal.score:5.2f}  {shown[0] if shown else ''}")
            for line in shown[1:]:
                print(f"{'':>13}{line}")
        if alignment.targets:
            print("targets: " + ", ".join(f"{t.code} ({t.score:.2f})" for t in alignment.targets))
    print(f"({alignment.note})" if alignment.note else "(embeddings used)", file=sys.stderr)
    return 0


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _train(args: argparse.Namespace) -> int:
    from minga.knowledge.sdg import artefacts
    from minga.knowledge.sdg.training import train

    if not (args.data / "sdg-framework-open-sdg").is_dir():
        return _fail(
            f"no SDG source data in {args.data}",
            "Give the shared data folder with --data (it holds sdg-framework-open-sdg/, sdg-keywords-sdgmapr/…).",
        )
    out = args.out or artefacts.ARTEFACTS
    say = None if args.json else (lambda message: print(f"  {message}", file=sys.stderr))
    report = train(data=args.data, out=out, seed=args.seed, semantic=not args.no_semantic, progress=say)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    dev = ", ".join(f"{k} {v}" for k, v in report["dev"].items())
    print(f"Trained on {report['train_documents']} labelled documents and {report['un_texts']} UN texts.")
    print(f"Dev (average per-SDG accuracy): {dev}.")
    for name, info in report["files"].items():
        print(f"  {out / name}  {info['bytes']:,} bytes  sha256 {info['sha256'][:16]}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from minga.knowledge.sdg.classifier import classify_many
    from minga.knowledge.sdg.evaluation import evaluate, read_eval_csv

    rows = read_eval_csv(args.file)
    semantic = _semantic(args.semantic)

    embedded = 0

    def predict(texts: list[str]) -> list[set[int]]:
        nonlocal embedded
        out: list[set[int]] = []
        for start in range(0, len(texts), EVALUATE_BATCH):
            found = classify_many(
                texts[start : start + EVALUATE_BATCH], semantic=semantic, errors="none", explain=False
            )
            embedded += sum(a.semantic for a in found)
            out += [{g.goal for g in a.goals} for a in found]
            if len(texts) > EVALUATE_BATCH:
                print(f"classified {len(out)} of {len(texts)} texts", file=sys.stderr, flush=True)
        return out

    result = evaluate(rows, predict=predict)
    if args.json:
        print(json.dumps(_public(result)))
        return 0
    texts = len({r.text for r in rows})
    print(
        f"{len(rows)} rows, {texts} distinct texts, {embedded} of them embedded (--semantic {args.semantic})"
    )
    print(f"{'SDG':>7} {'n':>6} {'accuracy':>9} {'precision':>10} {'recall':>7} {'F1':>6}")
    for goal, m in result["per_sdg"].items():
        print(
            f"{goal:>7} {m['n']:>6} {m['accuracy']:>9.3f} {m['precision']:>10.3f} {m['recall']:>7.3f} {m['f1']:>6.3f}"
        )
    a = result["average"]
    print(
        f"{'average':>7} {'':>6} {a['accuracy']:>9.3f} {a['precision']:>10.3f} {a['recall']:>7.3f} {a['f1']:>6.3f}"
    )
    return 0


def _public(result: dict[str, Any]) -> dict[str, Any]:
    """The documented JSON shape: per SDG n, accuracy, precision, recall, f1 (no helper counts)."""
    keys = ("n", "accuracy", "precision", "recall", "f1")
    return {
        "average": result["average"],
        "per_sdg": {goal: {k: m[k] for k in keys} for goal, m in result["per_sdg"].items()},
    }

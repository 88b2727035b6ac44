"""Explainable, multilingual SDG alignment, offline on CPU: which Sustainable Development Goals (and targets) a
text addresses, with a calibrated score and evidence a person can check. A pure library: no Django.

    from minga.knowledge.sdg import classify
    alignment = classify("Cooperativa de energía renovable que instala placas solares…")
    alignment.goals[0].goal, alignment.goals[0].score, alignment.goals[0].evidence

Names are imported on first use (``import minga.knowledge.sdg`` stays cheap for the command line). See
docs/sdg-classifier.md for how it works, the data it is built from and its measured accuracy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from minga.knowledge.sdg.classifier import Alignment, GoalScore, classify, classify_many
    from minga.knowledge.sdg.evaluation import EvalFileError, EvalRow, evaluate, read_eval_csv
    from minga.knowledge.sdg.explain import Evidence, TargetScore
    from minga.knowledge.sdg.text import NotText

_WHERE = {
    "Alignment": "classifier",
    "GoalScore": "classifier",
    "classify": "classifier",
    "classify_many": "classifier",
    "Evidence": "explain",
    "TargetScore": "explain",
    "EvalFileError": "evaluation",
    "EvalRow": "evaluation",
    "evaluate": "evaluation",
    "read_eval_csv": "evaluation",
    "NotText": "text",
}
__all__ = [
    "Alignment",
    "EvalFileError",
    "EvalRow",
    "Evidence",
    "GoalScore",
    "NotText",
    "TargetScore",
    "classify",
    "classify_many",
    "evaluate",
    "read_eval_csv",
    "train",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"minga.knowledge.sdg.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'minga.knowledge.sdg' has no attribute {name!r}")


def train(*, data: Path, out: Path | None = None, seed: int = 0, **options: Any) -> dict[str, Any]:
    """Rebuild the model's artefacts from ``data`` into ``out`` (default: the package's own); see
    :func:`minga.knowledge.sdg.training.train`. Side effects: reads ``data``, writes ``out``."""
    from minga.knowledge.sdg import artefacts
    from minga.knowledge.sdg.training import train as _train

    return _train(data=data, out=out or artefacts.ARTEFACTS, seed=seed, **options)

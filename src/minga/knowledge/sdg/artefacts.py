"""The trained SDG model on disk and in memory: JSON and ``.npz`` files only (no pickles), written so that the
same model gives the same bytes, and loaded lazily, once per process.

Files (in ``ARTEFACTS`` unless told otherwise): ``model.json`` (feature names, fusion weights, thresholds, what it
was trained on), ``lexicon.json`` (terms and Aurora queries), ``lexical.npz`` + ``lexical-vocabulary.json`` (the
word model), ``semantic.npz`` (target and example vectors, when trained with embeddings), ``texts.json`` (target
texts in en/es/fr and the labelled examples shown as evidence).
"""

from __future__ import annotations

import io
import json
import os
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from minga.knowledge.sdg.lexicon import Entry

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"  # MINGA_SDG_MODEL=<folder> loads another model
FORMAT = 2
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class ModelMissing(RuntimeError):
    """No trained model where one was expected; the message says how to build it."""


@dataclass
class Fusion:
    """A logistic model over the features of one (text, goal) pair, with a threshold per goal."""

    features: list[str]
    weights: np.ndarray  # (len(features),)
    bias: float
    thresholds: np.ndarray  # (17,) probabilities; a goal is addressed when its probability reaches it
    temperature: float = 1.0  # calibrates the margin over the threshold into a score


@dataclass
class Model:
    """Everything the classifier needs, as loaded from the artefacts."""

    meta: dict[str, Any]
    table: dict[str, list[Entry]]
    queries: list[tuple[str, list[Any]]]  # (target code, compiled Aurora tree)
    vocabulary: dict[str, int]
    idf: np.ndarray  # (V,)
    lexical_weights: np.ndarray  # (V, 17)
    lexical_bias: np.ndarray  # (17,)
    lexical_fusion: Fusion
    full_fusion: Fusion | None = None
    cascade: tuple[float, float] = (0.0, 1.0)  # lexical scores outside this band skip the embeddings
    target_vectors: np.ndarray | None = None  # (T, 384) float32
    target_codes: list[str] = field(default_factory=list)
    target_langs: list[str] = field(default_factory=list)
    example_vectors: np.ndarray | None = None  # (E, 384) float32
    example_goals: np.ndarray | None = None  # (E, 17) 0/1
    target_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # code → lang → text
    examples: list[dict[str, Any]] = field(default_factory=list)  # id, source, text
    terms: list[str] = field(default_factory=list)  # the vocabulary in index order

    def __post_init__(self) -> None:
        if not self.terms:
            self.terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)


# --- writing ----------------------------------------------------------------------------------------------


def write_json(path: Path, value: Any) -> None:
    """Write JSON with sorted keys and a final newline (same value → same bytes). Side effect: writes ``path``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as a compressed ``.npz`` with fixed zip timestamps (same arrays → same bytes), readable by
    ``numpy.load(allow_pickle=False)``. Side effect: writes ``path``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())


def fusion_json(fusion: Fusion) -> dict[str, Any]:
    """A fusion model as JSON-ready values (floats rounded to 6 decimals)."""
    return {
        "features": fusion.features,
        "weights": [round(float(w), 6) for w in fusion.weights],
        "bias": round(float(fusion.bias), 6),
        "thresholds": [round(float(t), 4) for t in fusion.thresholds],
        "temperature": round(float(fusion.temperature), 4),
    }


def table_json(table: dict[str, list[Entry]]) -> dict[str, list[list[Any]]]:
    """The term table as {key: [[goal, target, source, weight, text], …]}."""
    return {
        k: [[e.goal, e.target, e.source, e.weight, e.text] for e in entries] for k, entries in table.items()
    }


# --- reading ----------------------------------------------------------------------------------------------


def _fusion(raw: dict[str, Any]) -> Fusion:
    return Fusion(
        list(raw["features"]),
        np.asarray(raw["weights"], dtype=np.float64),
        float(raw["bias"]),
        np.asarray(raw["thresholds"], dtype=np.float64),
        float(raw.get("temperature", 1.0)),
    )


def read(folder: Path = ARTEFACTS) -> Model:
    """Load a model from ``folder`` (reads files, nothing else). Raises :class:`ModelMissing` when absent."""
    if not (folder / "model.json").is_file():
        raise ModelMissing(f"no SDG model in {folder}: build one with `minga sdg train`")
    meta = json.loads((folder / "model.json").read_text("utf-8"))
    if meta.get("format") != FORMAT:
        raise ModelMissing(f"the SDG model in {folder} has format {meta.get('format')}, expected {FORMAT}")
    lexicon = json.loads((folder / "lexicon.json").read_text("utf-8"))
    table = {
        k: [Entry(int(g), t, s, float(w), x) for g, t, s, w, x in v] for k, v in lexicon["terms"].items()
    }
    vocabulary = json.loads((folder / "lexical-vocabulary.json").read_text("utf-8"))
    with np.load(folder / "lexical.npz", allow_pickle=False) as lexical:
        idf, weights, bias = lexical["idf"], lexical["weights"].astype(np.float32), lexical["bias"]
    texts = json.loads((folder / "texts.json").read_text("utf-8"))
    model = Model(
        meta=meta,
        table=table,
        queries=[(code, tree) for code, tree in lexicon["queries"]],
        vocabulary={term: i for i, term in enumerate(vocabulary)},
        idf=idf.astype(np.float32),
        lexical_weights=weights,
        lexical_bias=bias.astype(np.float32),
        lexical_fusion=_fusion(meta["lexical_fusion"]),
        target_texts=texts["targets"],
        examples=texts["examples"],
    )
    if meta.get("full_fusion") and (folder / "semantic.npz").is_file():
        with np.load(folder / "semantic.npz", allow_pickle=False) as semantic:
            model.target_vectors = semantic["target_vectors"].astype(np.float32)
            model.example_vectors = semantic["example_vectors"].astype(np.float32)
            model.example_goals = semantic["example_goals"].astype(np.float32)
        model.full_fusion = _fusion(meta["full_fusion"])
        model.target_codes = list(meta["target_codes"])
        model.target_langs = list(meta["target_langs"])
        model.cascade = (float(meta["cascade"][0]), float(meta["cascade"][1]))
    return model


_LOCK = threading.Lock()
_LOADED: dict[Path, Model] = {}


def load(folder: Path | None = None) -> Model:
    """The process-wide model from ``folder`` (default: ``$MINGA_SDG_MODEL``, else the package's artefacts): read
    on first use, then kept (thread-safe)."""
    folder = (folder or Path(os.environ.get("MINGA_SDG_MODEL") or ARTEFACTS)).resolve()
    with _LOCK:
        if folder not in _LOADED:
            _LOADED[folder] = read(folder)
        return _LOADED[folder]


def forget() -> None:
    """Drop loaded models (after ``train`` rewrote the artefacts in this process)."""
    with _LOCK:
        _LOADED.clear()

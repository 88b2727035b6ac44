"""Fitting the parts of the SDG model: the lexical model (TF-IDF + logistic regression per goal), the fusion
models, per-goal thresholds and calibration, the semantic features and the cascade band. Pure computations on
what ``training.train`` gives them (no files); every random choice takes the seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from minga.knowledge.sdg import devsets, features, sources
from minga.knowledge.sdg.artefacts import Fusion, Model
from minga.knowledge.sdg.explain import tfidf_matrix
from minga.knowledge.sdg.sources import Doc

SEMANTIC_LANGS = ("en", "es", "fr")  # target texts the semantic features compare with
DOC_WEIGHT = 5.0  # a labelled paragraph counts as much as five UN texts in the lexical model
THRESHOLDS = np.round(np.linspace(0.15, 0.85, 15), 2)
FUSION_C = 0.1  # the fusion model's regularisation: 0.03–0.3 scored alike on dev, 1.0 lower
SHRINK = 4.0  # pseudo-rows pulling a goal's threshold towards 0.5 when its dev rows are few
CASCADE_SLACK = 0.002  # dev accuracy the cascade may lose against embedding every text


# --- the lexical model --------------------------------------------------------------------------------------


def vocabulary_of(texts: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """Terms seen in at least two texts (sorted), and their smoothed idf."""
    df: dict[str, int] = {}
    for text in texts:
        for term in set(features.analyse(text)):
            df[term] = df.get(term, 0) + 1
    kept = sorted(t for t, n in df.items() if n >= 2)
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
    return {t: i for i, t in enumerate(kept)}, idf


matrix = tfidf_matrix  # the same rows the classifier's evidence uses


def goal_vector(goals: frozenset[int] | set[int]) -> np.ndarray:
    """A 0/1 row of 17 goals."""
    y = np.zeros(features.GOALS)
    for g in goals:
        y[g - 1] = 1
    return y


def fit_lexical(
    x: sparse.csr_matrix, y: np.ndarray, weight: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per goal over TF-IDF rows ``x`` with 0/1 labels ``y`` (n, 17); weights are kept as
    float16 (as stored) and returned as float32 with the biases."""
    weights = np.zeros((x.shape[1], features.GOALS), np.float32)
    bias = np.zeros(features.GOALS, np.float32)
    for g in range(features.GOALS):
        if 0 < y[:, g].sum() < len(y):
            fit = LogisticRegression(C=5.0, solver="liblinear", max_iter=1000, random_state=seed)
            fit.fit(x, y[:, g], sample_weight=weight)
            weights[:, g], bias[g] = fit.coef_[0], fit.intercept_[0]
        else:
            bias[g] = -10.0
    return weights.astype(np.float16).astype(np.float32), bias


# --- fusion, thresholds, calibration ------------------------------------------------------------------------


def fit_fusion(names: list[str], x: np.ndarray, y: np.ndarray, seed: int) -> Fusion:
    if y.all() or not y.any():
        return Fusion(names, np.zeros(x.shape[1]), 0.0 if y.all() else -5.0, np.full(features.GOALS, 0.5))
    fit = LogisticRegression(C=FUSION_C, max_iter=5000, class_weight="balanced", random_state=seed).fit(x, y)
    return Fusion(
        names, fit.coef_[0].astype(np.float64), float(fit.intercept_[0]), np.full(features.GOALS, 0.5)
    )


@dataclass
class Dev:
    """The dev documents' rows, the row → document index, and where each goal has rule (and semantic) evidence."""

    rows: list[devsets.Row]
    index: dict[str, int]
    rule_evidence: np.ndarray  # (n, 17) bool
    semantic_evidence: np.ndarray | None = None  # (n, 17) bool, when embedded


def tune(fusion: Fusion, z: np.ndarray, dev: Dev, evidence: np.ndarray) -> None:
    """Per-goal thresholds maximising dev accuracy (shrunk towards 0.5; goals without evidence count as not
    addressed), then a temperature maximising the likelihood of the calibrated scores. Changes ``fusion``."""
    p = np.where(evidence, 1.0 / (1.0 + np.exp(-z)), 0.0)
    thresholds = np.full(features.GOALS, 0.5)
    for g in range(features.GOALS):
        sub = [(p[dev.index[r.text], g], r.label) for r in dev.rows if r.sdg == g + 1]
        best = (-1.0, 0.5)
        for t in THRESHOLDS:
            right = sum((q >= t) == label for q, label in sub)
            score = (right + SHRINK * (1 - abs(t - 0.5))) / (len(sub) + SHRINK)
            if score > best[0] + 1e-9:
                best = (score, float(t))
        thresholds[g] = best[1]
    fusion.thresholds = thresholds
    if dev.rows:
        goal = np.array([r.sdg - 1 for r in dev.rows])
        zz = z[[dev.index[r.text] for r in dev.rows], goal]
        labels = np.array([r.label for r in dev.rows], dtype=np.float64)
        t = np.clip(thresholds[goal], 1e-4, 1 - 1e-4)
        margin = zz - np.log(t / (1 - t))
        best_t, best_ll = 1.0, -np.inf
        for temperature in np.round(np.linspace(0.2, 2.0, 19), 2):
            q = np.clip(1 / (1 + np.exp(-temperature * margin)), 1e-6, 1 - 1e-6)
            ll = float(np.sum(labels * np.log(q) + (1 - labels) * np.log(1 - q)))
            if ll > best_ll:
                best_t, best_ll = float(temperature), ll
        fusion.temperature = best_t


def dev_scores(
    model: Model, dev: Dev, lexical_z: np.ndarray, full_z: np.ndarray | None, mode: str
) -> np.ndarray:
    """(n, 17) gated scores of the dev documents as the classifier would give them: "lexical" (no embeddings),
    "full" (embeddings for all) or "cascade" (embeddings where the lexical scores fall in ``model.cascade``)."""
    lexical = features.gate(features.calibrated(model.lexical_fusion, lexical_z), dev.rule_evidence)
    if mode == "lexical" or full_z is None or model.full_fusion is None:
        return lexical
    assert dev.semantic_evidence is not None
    raw = features.calibrated(model.full_fusion, full_z)
    full = features.gate(raw, dev.rule_evidence | dev.semantic_evidence)
    if mode == "full":
        return full
    lexical_raw = features.calibrated(model.lexical_fusion, lexical_z)
    lo, hi = model.cascade
    unsure = np.asarray(((lexical_raw > lo) & (lexical_raw < hi)).any(axis=1)).reshape(-1, 1)
    return np.where(unsure, full, lexical)


def accuracy(scores: np.ndarray, dev: Dev) -> float:
    """Average per-goal accuracy of (n, 17) scores on the dev rows."""
    per_goal: dict[int, list[bool]] = {}
    for r in dev.rows:
        per_goal.setdefault(r.sdg, []).append(bool(scores[dev.index[r.text], r.sdg - 1] >= 0.5) == r.label)
    return round(float(np.mean([np.mean(v) for v in per_goal.values()])), 4) if per_goal else 0.0


# --- semantic features --------------------------------------------------------------------------------------


def _half(vectors: np.ndarray) -> np.ndarray:
    """Vectors as stored (float16) and read back, so training sees exactly what classifying will."""
    return np.asarray(vectors, dtype=np.float16).astype(np.float32)


def fit_semantic(
    model: Model,
    encoder: Any,
    data: Path,
    train_docs: list[Doc],
    dev_docs: list[Doc],
    found: dict[str, features.Rules],
    crossed: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the full fusion model (changes ``model``); returns the dev documents' logits (n_dev, 17) and where
    they have semantic evidence (n_dev, 17)."""
    codes, langs, texts = [], [], []
    available = set(sources.framework_languages(data))
    for lang in (lang for lang in SEMANTIC_LANGS if lang in available):
        for goal, text in sources.goal_texts(data, lang).items():
            codes.append(str(goal))
            langs.append(lang)
            texts.append(text)
        for code, text in sources.target_texts(data, lang).items():
            codes.append(code)
            langs.append(lang)
            texts.append(text)
    targets = _half(encoder.queries(texts))
    goals_of_targets = features.target_goals(codes)
    vectors = _half(encoder.queries([d.text for d in train_docs]))
    labels = np.array([goal_vector(d.sdgs) for d in train_docs], dtype=np.float32)
    sem = np.zeros((len(train_docs), 3, features.GOALS), np.float32)
    for fit, held in folds or [(np.arange(len(train_docs)), np.arange(len(train_docs)))]:
        s = features.semantic(vectors[held], targets, goals_of_targets, vectors[fit], labels[fit])
        sem[held] = np.stack([s.similarity, s.z, s.votes], axis=1)
    x = np.vstack(
        [features.pair_features(found[d.text], crossed[i], tuple(sem[i])) for i, d in enumerate(train_docs)]
    )
    y = np.array([g in d.sdgs for d in train_docs for g in range(1, 18)])
    model.full_fusion = fit_fusion(features.FULL_FEATURES, x, y, seed)
    model.target_vectors, model.target_codes, model.target_langs = targets, codes, langs
    model.example_vectors, model.example_goals = vectors, labels
    dev_vectors = _half(encoder.queries([d.text for d in dev_docs]))
    s = features.semantic(dev_vectors, targets, goals_of_targets, vectors, labels)
    dev_lexical = features.lexical_logits(model, [d.text for d in dev_docs])
    rows = [
        features.logits(
            model.full_fusion,
            features.pair_features(found[d.text], dev_lexical[i], (s.similarity[i], s.z[i], s.votes[i])),
        )
        for i, d in enumerate(dev_docs)
    ]
    return np.array(rows).reshape(-1, features.GOALS), features.semantic_evidence(s.z, s.votes)


def choose_cascade(model: Model, dev: Dev, lexical_z: np.ndarray, full_z: np.ndarray) -> tuple[float, float]:
    """The band of lexical scores around 0.5 that still needs embeddings: the narrowest band whose dev accuracy
    stays within ``CASCADE_SLACK`` of embedding every text (texts whose every goal is outside it skip the
    embedding model, the slow part)."""
    lexical_raw = features.calibrated(model.lexical_fusion, lexical_z)
    target = accuracy(dev_scores(model, dev, lexical_z, full_z, "full"), dev) - CASCADE_SLACK
    best: tuple[float, float, float] = (2.0, 0.0, 1.0)  # (share embedded, lo, hi)
    for delta in np.round(np.arange(0.0, 0.51, 0.02), 2):
        model.cascade = (0.5 - float(delta), 0.5 + float(delta))
        lo, hi = model.cascade
        share = float(np.mean(((lexical_raw > lo) & (lexical_raw < hi)).any(axis=1)))
        right = accuracy(dev_scores(model, dev, lexical_z, full_z, "cascade"), dev)
        if right >= target and share < best[0]:
            best = (share, lo, hi)
    return best[1], best[2]

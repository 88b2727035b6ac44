"""Classifying texts: which SDGs (and targets) a text addresses, with a calibrated score and checkable evidence.

Cheap rules first: every text gets the rules and the lexical model; embeddings (multilingual-e5-small) are
computed only when the lexical scores leave a goal undecided (and the model is installed). Side effects: loads
the artefacts and the embedding model on first use (once per process); nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from minga.knowledge.sdg import artefacts, features
from minga.knowledge.sdg import explain as why
from minga.knowledge.sdg.artefacts import Model
from minga.knowledge.sdg.explain import Evidence, TargetScore
from minga.knowledge.sdg.text import NotText, prepare

MAX_EMBEDDED_WINDOWS = 4  # a long text is embedded in at most its first four windows


@dataclass(frozen=True)
class GoalScore:
    """An SDG the text addresses: ``score`` in 0..1 (0.5 and above: addressed), best evidence first."""

    goal: int
    score: float
    evidence: list[Evidence]


@dataclass(frozen=True)
class Alignment:
    """The SDGs a text addresses (best first; empty when ``none``), targets where it can tell, and whether
    embeddings were used (``semantic``); ``note`` says why not, or what was cut."""

    goals: list[GoalScore]
    targets: list[TargetScore]
    none: bool
    semantic: bool
    note: str = ""
    model: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: {"goals": [{"goal", "score", "evidence": [{"kind", "text", "detail"}]}], "targets": [...],
        "none", "semantic", "note"}."""
        out = asdict(self)
        out.pop("model")
        return out


def classify(text: str, *, semantic: bool | None = False) -> Alignment:
    """The SDGs ``text`` addresses. Empty or blank text → none; over 20,000 characters → the first 20,000, read in
    windows; non-text (bytes, NUL characters, undecodable bytes) → :class:`NotText`. ``semantic`` as in
    :func:`classify_many`."""
    return classify_many([text], semantic=semantic)[0]


def classify_many(
    texts: Sequence[str], *, semantic: bool | None = False, errors: str = "raise", explain: bool = True
) -> list[Alignment]:
    """:func:`classify` for many texts at once (the embedding model runs in batches).

    ``semantic``: False (the default) never embeds: rules and the lexical model, over 200 paragraphs/s on two
    cores; None embeds where the rules leave a goal undecided; True embeds every text (about 5 paragraphs/s,
    under a point of accuracy better on the held-out paragraphs, see docs/sdg-classifier.md). ``errors="none"`` turns non-text into a "none" alignment with a note instead of raising
    :class:`NotText`. ``explain=False`` skips the evidence (faster, for evaluation)."""
    model = artefacts.load()
    windows: list[str] = []
    owner: list[int] = []
    notes = [""] * len(texts)
    for i, text in enumerate(texts):
        try:
            parts = prepare(text)
        except NotText as err:
            if errors != "none":
                raise NotText(
                    f"text {i + 1} of {len(texts)}: {err}" if len(texts) > 1 else str(err)
                ) from None
            parts, notes[i] = [], f"not text: {err}"
        if isinstance(text, str) and len(text) > 20_000 and parts:
            notes[i] = "long text: the first 20,000 characters were read"
        windows += parts
        owner += [i] * len(parts)
    found = [features.rules(model, w) for w in windows]
    lexical = features.lexical_logits(model, windows)
    lexical_scores = np.zeros((len(windows), features.GOALS))
    scores = np.zeros((len(windows), features.GOALS))
    for w, rules in enumerate(found):
        z = features.logits(model.lexical_fusion, features.pair_features(rules, lexical[w], None))
        lexical_scores[w] = features.calibrated(model.lexical_fusion, z)
        scores[w] = features.gate(lexical_scores[w], features.rule_evidence(rules))
    sem, embedded, reason = _semantic(model, windows, owner, lexical_scores, semantic)
    if sem is not None:
        assert model.full_fusion is not None
        for j, w in enumerate(embedded):
            row = (sem.similarity[j], sem.z[j], sem.votes[j])
            z = features.logits(model.full_fusion, features.pair_features(found[w], lexical[w], row))
            evidence = features.rule_evidence(found[w]) | features.semantic_evidence(sem.z[j], sem.votes[j])
            scores[w] = features.gate(features.calibrated(model.full_fusion, z), evidence)
    position = {w: j for j, w in enumerate(embedded)}
    meta = {"semantic_model": model.meta.get("embedding_model")}
    by_text: dict[int, list[int]] = {}
    for w, i in enumerate(owner):
        by_text.setdefault(i, []).append(w)
    out = []
    for i in range(len(texts)):
        mine = by_text.get(i, [])
        used = any(w in position for w in mine)
        note = notes[i] or ("" if used else reason if mine else "")
        if not mine:
            out.append(Alignment([], [], True, False, note or "empty text", meta))
            continue
        best = {g: mine[int(np.argmax(scores[mine, g]))] for g in range(features.GOALS)}
        goals = sorted(
            (g for g in range(features.GOALS) if scores[best[g], g] >= 0.5), key=lambda g: -scores[best[g], g]
        )
        goal_scores, target_scores = [], []
        for g in goals:
            w = best[g]
            at = position.get(w)
            evidence = why.goal_evidence(model, windows[w], found[w], g + 1, sem, at) if explain else []
            goal_scores.append(GoalScore(g + 1, round(float(scores[w, g]), 4), evidence))
            target_scores += why.targets(model, windows[w], found[w], g + 1, float(scores[w, g]), sem, at)
        out.append(Alignment(goal_scores, target_scores, not goal_scores, used, note, meta))
    return out


def predict_goals(texts: list[str]) -> list[set[int]]:
    """The goals each text addresses (for :func:`evaluation.evaluate`); non-text counts as none."""
    return [{g.goal for g in a.goals} for a in classify_many(texts, errors="none", explain=False)]


def _semantic(
    model: Model, windows: list[str], owner: list[int], lexical_scores: np.ndarray, semantic: bool | None
) -> tuple[features.Semantic | None, list[int], str]:
    """Embed the windows that need it; returns their semantic features, which windows, and a note otherwise."""
    if semantic is False:
        return None, [], "embeddings not asked for: rules and lexical model only"
    if model.full_fusion is None or model.target_vectors is None:
        return (
            None,
            [],
            "the installed SDG model was trained without embeddings: rules and lexical model only",
        )
    from minga.knowledge.embeddings import model as encoder_of
    from minga.knowledge.embeddings import status

    encoder = encoder_of()
    if encoder is None:
        return None, [], status().replace("semantic search", "embeddings") + " (rules and lexical model)"
    lo, hi = model.cascade
    count: dict[int, int] = {}
    chosen = []
    for w in range(len(windows)):
        unsure = bool(((lexical_scores[w] > lo) & (lexical_scores[w] < hi)).any())
        if (semantic or unsure) and count.get(owner[w], 0) < MAX_EMBEDDED_WINDOWS:
            count[owner[w]] = count.get(owner[w], 0) + 1
            chosen.append(w)
    if not chosen:
        return None, [], "embeddings not needed: the rules and lexical model were decisive"
    assert model.example_vectors is not None and model.example_goals is not None
    vectors = encoder.queries([windows[w] for w in chosen])
    sem = features.semantic(
        vectors,
        model.target_vectors,
        features.target_goals(model.target_codes),
        model.example_vectors,
        model.example_goals,
    )
    return sem, chosen, "embeddings not needed: the rules and lexical model were decisive"

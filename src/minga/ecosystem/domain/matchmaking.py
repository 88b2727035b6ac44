"""Matching funding schemes and candidates (initiatives, actors), with reasons. Every criterion a scheme sets is
hard: a match meets them all; a candidate that fails any is excluded and the failed criteria are named. Matches are
ranked by thematic similarity (embeddings of the scheme's and the candidate's texts, when the model is installed)
and SDG overlap. Vectorised over all candidates at once: no database access per pair."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from minga.ecosystem.domain.candidates import NOT_STATED, Candidates, cents, vocabularies
from minga.ecosystem.models import FundingScheme, SchemeStatus
from minga.territories.models import Territory

CRITERIA = (
    "open",
    "territory",
    "actor_kind",
    "legal_form",
    "activity",
    "sdg",
    "stage",
    "amount",
    "cofinancing",
)
SIMILARITY_WEIGHT, SDG_WEIGHT = 0.6, 0.4


@dataclass
class Evaluation:
    """Per candidate (rows of ``candidates``): which criteria the scheme sets, and whether each is met."""

    scheme: FundingScheme
    candidates: Candidates
    met: dict[str, np.ndarray]  # criterion → bool per candidate (only the criteria the scheme sets)

    @property
    def eligible(self) -> np.ndarray:
        out = np.ones(len(self.candidates), dtype=bool)
        for ok in self.met.values():
            out &= ok
        return out

    def failed(self, row: int) -> list[str]:
        return [name for name, ok in self.met.items() if not ok[row]]


def _any(masks: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    return np.asarray((masks & wanted).any(axis=1))


def evaluate(scheme: FundingScheme, candidates: Candidates, *, today: dt.date | None = None) -> Evaluation:
    """Which candidates meet each criterion ``scheme`` sets."""
    v, n, met = vocabularies(), len(candidates), {}
    today = today or dt.date.today()
    met["open"] = np.full(
        n, scheme.status == SchemeStatus.OPEN and (scheme.deadline is None or scheme.deadline >= today)
    )
    if scheme.territories:
        paths = [p for p in _paths(tuple(scheme.territories)) if p]
        met["territory"] = np.array(
            [bool(p) and p.startswith(tuple(paths)) for p in candidates.paths], dtype=bool
        )
    for criterion, field, vocabulary in (("actor_kind", "actor_kinds", "kind"), ("legal_form", "legal_forms", "legal_form"),
                                         ("activity", "activities", "activity"), ("stage", "stages", "stage")):  # fmt: skip
        codes = getattr(scheme, field)
        if codes:
            met[criterion] = _any(candidates.masks[vocabulary], v[vocabulary].mask([codes])[0])
    if scheme.sdg_goals or scheme.sdg_targets:
        goals = _any(candidates.masks["goal"], v["goal"].mask([[str(g) for g in scheme.sdg_goals]])[0])
        targets = _any(candidates.masks["target"], v["target"].mask([scheme.sdg_targets])[0])
        met["sdg"] = goals | targets
    if scheme.amount_min is not None or scheme.amount_max is not None:
        lo = cents(scheme.amount_min) if scheme.amount_min is not None else 0
        hi = cents(scheme.amount_max) if scheme.amount_max is not None else np.iinfo(np.int64).max
        stated = (candidates.sought != NOT_STATED) & (candidates.currency == scheme.currency)
        met["amount"] = stated & (candidates.sought >= lo) & (candidates.sought <= hi)
    if scheme.cofinancing_min is not None:
        need = int(scheme.cofinancing_min * 10_000)
        met["cofinancing"] = (candidates.cofinancing != NOT_STATED) & (candidates.cofinancing >= need)
    return Evaluation(scheme, candidates, met)


def _paths(codes: tuple[str, ...]) -> list[str]:
    return list(Territory.objects.filter(code__in=codes).values_list("path", flat=True))


def reason(evaluation: Evaluation, row: int, criterion: str) -> str:
    """Why candidate ``row`` fails (or meets) ``criterion``, in words a person can check."""
    s, c, v = evaluation.scheme, evaluation.candidates, vocabularies()
    ok = bool(evaluation.met[criterion][row])
    if criterion == "open":
        return (
            "the scheme is open"
            if ok
            else f"the scheme is {s.status}" + (f" (deadline {s.deadline})" if s.deadline else "")
        )
    if criterion == "territory":
        where = c.paths[row] or "no territory"
        return f"{where.rstrip('/').rsplit('/', 1)[-1]} {'is' if ok else 'is not'} within {', '.join(s.territories)}"
    if criterion in ("actor_kind", "legal_form", "activity", "stage"):
        vocabulary = {"actor_kind": "kind"}.get(criterion, criterion)
        wanted = {
            "actor_kind": s.actor_kinds,
            "legal_form": s.legal_forms,
            "activity": s.activities,
            "stage": s.stages,
        }[criterion]
        has = v[vocabulary].decode(c.masks[vocabulary][row]) or ["none stated"]
        return f"{criterion.replace('_', ' ')}: {', '.join(has)}; the scheme asks for {', '.join(map(str, wanted))}"
    if criterion == "sdg":
        goals = v["goal"].decode(c.masks["goal"][row]) or ["none confirmed"]
        wanted = [*(f"SDG {g}" for g in s.sdg_goals), *s.sdg_targets]
        return f"SDGs: {', '.join(goals)}; the scheme asks for {', '.join(wanted)}"
    if criterion == "amount":
        if c.sought[row] == NOT_STATED:
            return "no funding sought is stated"
        sought = f"{c.sought[row] / 100:.2f} {c.currency[row]}"
        return f"seeks {sought}; the scheme gives {s.amount_min or 0}–{s.amount_max or '∞'} {s.currency}"
    share = c.cofinancing[row]
    if share == NOT_STATED:
        return "no co-financing share is stated"
    return f"brings {share / 100:.2f}% itself; the scheme asks for at least {float(s.cofinancing_min or 0) * 100:.2f}%"


def ranking(evaluation: Evaluation, rows: np.ndarray, *, similarity: np.ndarray | None = None) -> np.ndarray:
    """Scores of ``rows`` (higher first): similarity of texts and the Jaccard overlap of SDG goals."""
    v, scheme = vocabularies(), evaluation.scheme
    wanted = v["goal"].mask([[str(g) for g in scheme.sdg_goals]])[0]
    goals = evaluation.candidates.masks["goal"][rows]
    inter = _popcount(goals & wanted)
    union = _popcount(goals | wanted)
    jaccard = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    sim = similarity[rows] if similarity is not None else np.zeros(len(rows))
    return SIMILARITY_WEIGHT * np.clip(sim, 0, 1) + SDG_WEIGHT * jaccard


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a (n, words) uint64 array."""
    as_bytes = np.ascontiguousarray(words).view(np.uint8)
    return np.unpackbits(as_bytes, axis=1).sum(axis=1).astype(np.int64)


def explain(evaluation: Evaluation, row: int, *, score: float | None = None) -> dict[str, Any]:
    """One candidate's match or exclusion, with every criterion's reason."""
    c = evaluation.candidates
    v = vocabularies()
    overlap = sorted(
        set(v["goal"].decode(c.masks["goal"][row])) & {str(g) for g in evaluation.scheme.sdg_goals}, key=int
    )
    return {
        "type": c.record_type, "id": int(c.ids[row]), "name": c.names[row],
        "eligible": not evaluation.failed(row), "score": None if score is None else round(float(score), 4),
        "met": [{"criterion": k, "why": reason(evaluation, row, k)} for k, ok in evaluation.met.items() if ok[row]],
        "failed": [{"criterion": k, "why": reason(evaluation, row, k)} for k in evaluation.failed(row)],
        "sdg_overlap": [int(g) for g in overlap],
    }  # fmt: skip

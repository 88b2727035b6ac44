"""Consensus statements, overall and group-aware (repness.clj `consensus-stats`, conversation.clj).

* Consensus (`select-consensus-comments`): over *every* participant who voted (not only those clustered),
  a statement is a consensus "agree" when its smoothed agree probability `pa = (1 + na) / (2 + ns)` exceeds
  1/2 and its z-score `pat` is significant at 90 %; statements are ranked by `pa × pat`, five kept.
  Likewise for "disagree".
* Group-aware consensus (`:group-aware-consensus`): for each statement, the product over groups of each
  group's smoothed agree probability `(A + 1) / (S + 2)`: high only when every group tends to agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .matrix import Id, RatingMatrix
from .repness import Z_90, prop_test

MAX_CONSENSUS = 5


@dataclass(frozen=True)
class ConsensusStatement:
    """A statement most participants agree (or disagree) with, with Pol.is's statistics."""

    statement: Id
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


def select_consensus(
    rm: RatingMatrix, excluded: npt.NDArray[np.bool_], pick_max: int = MAX_CONSENSUS
) -> dict[str, list[ConsensusStatement]]:
    """Top consensus statements for "agree" and "disagree", best first (ties keep column order)."""
    everyone = np.zeros(rm.n_rows, dtype=np.int64)
    na, nd, ns = (a[0] for a in rm.group_counts(everyone, 1))
    out: dict[str, list[ConsensusStatement]] = {}
    for side, n in (("agree", na), ("disagree", nd)):
        p = (1 + n) / (2 + ns)
        z = prop_test(n, ns)
        ok = ~excluded & (p > 0.5) & (z > Z_90)
        candidates = np.flatnonzero(ok)
        order = candidates[np.argsort(-(p * z)[candidates], kind="stable")][:pick_max]
        out[side] = [
            ConsensusStatement(rm.votes.statements[j], int(n[j]), int(ns[j]), float(p[j]), float(z[j]))
            for j in order
        ]
    return out


def group_aware_consensus_values(
    na: npt.NDArray[np.int64], ns: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Per statement, ∏ over groups of (agrees + 1) / (votes + 2); `na`, `ns` are (n_groups, n_statements)."""
    if na.shape[0] == 0:
        return np.zeros(na.shape[1], dtype=np.float64)
    return np.asarray(np.prod((na + 1.0) / (ns + 2.0), axis=0), dtype=np.float64)


def rank_group_aware(
    values: npt.NDArray[np.float64], statements: Sequence[Id], excluded: npt.NDArray[np.bool_]
) -> list[tuple[Id, float]]:
    """(statement, value) pairs best first, leaving out excluded statements (ties keep column order)."""
    keep = np.flatnonzero(~excluded)
    order = keep[np.argsort(-values[keep], kind="stable")]
    return [(statements[j], float(values[j])) for j in order]

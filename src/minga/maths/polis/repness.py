"""Representative statements per group (follows repness.clj and stats.clj).

For each group and statement Pol.is counts agrees `na`, disagrees `nd` and votes seen `ns` among the
group's members, smooths the probabilities with a +1/+2 prior (`pa`, `pd`), tests them against one half
(`pat`, `pdt`, a one-proportion z-score), and compares the group with everyone else in the other groups:
`ra = pa / P(agree | rest)` and the two-proportion z-test `rat` (likewise `rd`, `rdt`).

A statement represents a group when both its probability and its difference from the rest are significant
at 90 % (z > 1.2816) for agreement or for disagreement. The five best by `ratio × z(ratio) × p × z(p)` are
kept, with the group's best "agree" statement put first and agrees listed before disagrees; when nothing is
significant, the single best statement is kept so that every group says something (`select-rep-comments`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .matrix import Id

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

Z_90 = 1.2816
"""One-sided 90 % critical value used by Pol.is (`z-sig-90?`)."""
MAX_REPRESENTATIVE = 5


def prop_test(succ: npt.ArrayLike, n: npt.ArrayLike) -> FloatArray:
    """Pol.is's `prop-test`: z-score of a proportion against 1/2, with one pseudo-count added to each."""
    s = np.asarray(succ, dtype=np.float64) + 1
    t = np.asarray(n, dtype=np.float64) + 1
    return np.asarray(2 * np.sqrt(t) * (s / t - 0.5), dtype=np.float64)


def two_prop_test(
    succ_in: npt.ArrayLike, succ_out: npt.ArrayLike, pop_in: npt.ArrayLike, pop_out: npt.ArrayLike
) -> FloatArray:
    """Pol.is's `two-prop-test`: z-score of the difference of two proportions (+1 to every count; 0 if p̂ = 1)."""
    s1 = np.asarray(succ_in, dtype=np.float64) + 1
    s2 = np.asarray(succ_out, dtype=np.float64) + 1
    n1 = np.asarray(pop_in, dtype=np.float64) + 1
    n2 = np.asarray(pop_out, dtype=np.float64) + 1
    pi_hat = (s1 + s2) / (n1 + n2)
    denom = np.sqrt(pi_hat * (1 - pi_hat) * (1 / n1 + 1 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / denom
    return np.asarray(np.where(pi_hat == 1, 0.0, z), dtype=np.float64)


@dataclass(frozen=True)
class GroupStats:
    """Pol.is's per (group, statement) statistics; every array is (n_groups, n_statements)."""

    na: IntArray
    nd: IntArray
    ns: IntArray
    pa: FloatArray
    pd: FloatArray
    pat: FloatArray
    pdt: FloatArray
    ra: FloatArray
    rd: FloatArray
    rat: FloatArray
    rdt: FloatArray


def conv_repness(na: IntArray, nd: IntArray, ns: IntArray) -> GroupStats:
    """Pol.is's `conv-repness`: in-group statistics and the comparison with the rest of the groups."""
    pa = (1 + na) / (2 + ns)
    pd = (1 + nd) / (2 + ns)
    rest_na = na.sum(axis=0) - na
    rest_nd = nd.sum(axis=0) - nd
    rest_ns = ns.sum(axis=0) - ns
    return GroupStats(
        na=na,
        nd=nd,
        ns=ns,
        pa=pa,
        pd=pd,
        pat=prop_test(na, ns),
        pdt=prop_test(nd, ns),
        ra=pa / ((1 + rest_na) / (2 + rest_ns)),
        rd=pd / ((1 + rest_nd) / (2 + rest_ns)),
        rat=two_prop_test(na, rest_na, ns, rest_ns),
        rdt=two_prop_test(nd, rest_nd, ns, rest_ns),
    )


@dataclass(frozen=True)
class RepStatement:
    """A statement that represents a group: which way (agree/disagree), how strongly, and Pol.is's stats."""

    statement: Id
    direction: str
    """"agree" or "disagree": the side on which the group differs (Pol.is's `repful-for`)."""
    score: float
    """Pol.is's `repness`: how much likelier the group is than the rest to vote that way (ra or rd)."""
    repness_test: float
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    n_agree: int
    n_disagree: int
    n_seen: int
    pa: float
    pd: float
    pat: float
    pdt: float
    ra: float
    rd: float
    rat: float
    rdt: float
    best_agree: bool = False

    @property
    def metric(self) -> float:
        """Pol.is's `repness-metric`, by which representative statements are ranked."""
        return self.score * self.repness_test * self.p_success * self.p_test


def _finalize(stats: GroupStats, g: int, j: int, sid: Id, best_agree: bool = False) -> RepStatement:
    """Pol.is's `finalize-cmt-stats`: pick the agree side if rat > rdt, else the disagree side."""
    agree = bool(stats.rat[g, j] > stats.rdt[g, j])
    if agree:
        n, p, pt, r, rt = stats.na[g, j], stats.pa[g, j], stats.pat[g, j], stats.ra[g, j], stats.rat[g, j]
    else:
        n, p, pt, r, rt = stats.nd[g, j], stats.pd[g, j], stats.pdt[g, j], stats.rd[g, j], stats.rdt[g, j]
    return RepStatement(
        statement=sid,
        direction="agree" if agree else "disagree",
        score=float(r),
        repness_test=float(np.float32(rt)),  # Pol.is stores it as a Java float
        n_success=int(n),
        n_trials=int(stats.ns[g, j]),
        p_success=float(p),
        p_test=float(pt),
        n_agree=int(stats.na[g, j]),
        n_disagree=int(stats.nd[g, j]),
        n_seen=int(stats.ns[g, j]),
        pa=float(stats.pa[g, j]),
        pd=float(stats.pd[g, j]),
        pat=float(stats.pat[g, j]),
        pdt=float(stats.pdt[g, j]),
        ra=float(stats.ra[g, j]),
        rd=float(stats.rd[g, j]),
        rat=float(stats.rat[g, j]),
        rdt=float(stats.rdt[g, j]),
        best_agree=best_agree,
    )


def _passes(stats: GroupStats, g: int, j: int) -> bool:
    """Pol.is's `passes-by-test?`."""
    return bool(
        (stats.rat[g, j] > Z_90 and stats.pat[g, j] > Z_90)
        or (stats.rdt[g, j] > Z_90 and stats.pdt[g, j] > Z_90)
    )


def _beats_best_agree(stats: GroupStats, g: int, j: int, best: int | None) -> bool:
    """Pol.is's `beats-best-agr?`: the group's most telling agreement so far."""
    if stats.na[g, j] == 0 and stats.nd[g, j] == 0:
        return False

    def robust(col: int) -> float:
        return float(stats.ra[g, col] * stats.rat[g, col] * stats.pa[g, col] * stats.pat[g, col])

    def plain(col: int) -> float:
        return float(stats.pa[g, col] * stats.pat[g, col])

    if best is not None and stats.ra[g, best] > 1.0:
        return robust(j) > robust(best)
    if best is not None:
        return plain(j) > plain(best)
    return bool(stats.pat[g, j] > Z_90 or (stats.ra[g, j] > 1.0 and stats.pa[g, j] > 0.5))


def select_rep_comments(
    stats: GroupStats,
    statements: Sequence[Id],
    excluded: npt.NDArray[np.bool_],
    group_ids: Sequence[int],
    pick_max: int = MAX_REPRESENTATIVE,
) -> dict[int, list[RepStatement]]:
    """Pol.is's `select-rep-comments`: up to five representative statements per group, best agree first.

    `excluded` marks the statements that may not be chosen (moderated out, or never voted on).
    """
    out: dict[int, list[RepStatement]] = {}
    for g, gid in enumerate(group_ids):
        sufficient: list[RepStatement] = []
        best: RepStatement | None = None
        best_agree: int | None = None
        for j, sid in enumerate(statements):
            if excluded[j]:
                continue
            if _passes(stats, g, j):
                sufficient.append(_finalize(stats, g, j, sid))
            if not sufficient and (best is None or max(stats.rat[g, j], stats.rdt[g, j]) > best.repness_test):
                best = _finalize(stats, g, j, sid)
            if _beats_best_agree(stats, g, j, best_agree):
                best_agree = j
        head: list[RepStatement] = []
        if best_agree is not None:
            head = [_finalize(stats, g, best_agree, statements[best_agree], best_agree=True)]
        elif best is not None:
            head = [best]
        if not sufficient:
            out[gid] = head
            continue
        agree_sid = statements[best_agree] if best_agree is not None else None
        ranked = sorted((s for s in sufficient if s.statement != agree_sid), key=lambda s: -s.metric)
        picked = ([head[0]] if best_agree is not None else []) + ranked
        picked = picked[:pick_max]
        out[gid] = [s for s in picked if s.direction == "agree"] + [
            s for s in picked if s.direction != "agree"
        ]
    return out

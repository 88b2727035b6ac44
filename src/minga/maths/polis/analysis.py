"""One Pol.is math update over a conversation's votes: `analyze` (follows conversation.clj).

The steps, in Pol.is's order (`small-conv-update-graph`):

1. rating matrix, moderated-out (and meta) statements zeroed;
2. PCA of the mean-imputed matrix and the sparsity-aware projection of every participant;
3. `in-conv`: the participants who are clustered (voted on ≥ min(7, n statements), topped up to 15 with
   the most active, and, as in Pol.is, once in, always in — through `previous`);
4. base clusters: k-means (k = 100) of the in-conv participants' positions;
5. groups: weighted k-means of the base clusters for k = 2..5, k chosen by silhouette, smoothed over runs;
6. representative statements per group, consensus, group-aware consensus.

Pol.is runs this incrementally, each update warm-starting from the last: pass the last `Analysis` as
`previous` to do the same (it carries in-conv, the clusterings for every k and the k smoother).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from . import clusters as cl
from .consensus import ConsensusStatement, group_aware_consensus_values, rank_group_aware, select_consensus
from .matrix import Id, RatingMatrix, Votes
from .pca import centered_matrix, column_means, principal_components, project_participants, project_statements
from .repness import RepStatement, conv_repness, select_rep_comments

MIN_VOTES = 7
"""A participant is clustered after voting on min(7, n statements) statements (`:in-conv`)."""
GREEDY_N = 15
"""While fewer than this many are clustered, the most active participants are added (`greedy-n`)."""


@dataclass(frozen=True)
class ClusterRecord:
    """A cluster as stored in an `Analysis`: id, member ids (participants or base clusters), centre."""

    id: int
    members: list[Id]
    x: float
    y: float


BaseCluster = ClusterRecord


@dataclass(frozen=True)
class Group:
    """An opinion group: Pol.is's group cluster, with its members expanded to participant ids."""

    id: int
    members: list[Id]
    x: float
    y: float


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything one Pol.is math update yields, keyed by the caller's ids (never by matrix indices)."""

    participants: list[Id]
    """Participants with at least one vote (Pol.is's rows), in row order."""
    statements: list[Id]
    """Every statement given, in column order; `components` and `center` follow this order."""
    n_participants: int
    """Pol.is's `n`: participants with at least one vote."""
    n_statements: int
    """Pol.is's `n-cmts`: statements with at least one vote."""
    in_conv: list[Id]
    components: npt.NDArray[np.float64]
    """(2, len(statements)): the two principal components (sign is arbitrary, as in Pol.is)."""
    center: npt.NDArray[np.float64]
    """Per statement, the mean vote (Minga's sign: +1 agree), 0 for moderated-out statements."""
    projection: dict[Id, tuple[float, float]]
    statement_projection: dict[Id, tuple[float, float]]
    base_clusters: list[ClusterRecord]
    groups: list[Group]
    repness: dict[int, list[RepStatement]]
    consensus: dict[str, list[ConsensusStatement]]
    group_aware_consensus: list[tuple[Id, float]]
    moderated_out: frozenset[Id]
    silhouettes: dict[int, float] = field(default_factory=dict)
    group_clusterings: dict[int, list[ClusterRecord]] = field(default_factory=dict)
    """For every k tried, the clustering of base clusters (members are base-cluster ids): the warm start."""
    k_smoother: cl.KSmoother | None = None

    def group_of(self) -> dict[Id, int]:
        """Participant id → group id, for clustered participants."""
        return {p: g.id for g in self.groups for p in g.members}

    def to_json(self) -> dict[str, Any]:
        """The summary Minga stores and serves (source ids; `topics` is filled in elsewhere)."""
        return {
            "participants": self.n_participants,
            "statements": self.n_statements,
            "groups": [
                {
                    "id": g.id,
                    "participants": list(g.members),
                    "representative": [
                        {"statement": r.statement, "direction": r.direction, "score": r.score}
                        for r in self.repness.get(g.id, [])
                    ],
                }
                for g in self.groups
            ],
            "consensus": {
                side: [c.statement for c in self.consensus.get(side, [])] for side in ("agree", "disagree")
            },
            "group_aware_consensus": [sid for sid, _ in self.group_aware_consensus],
            "topics": [],
        }


def participation(rm: RatingMatrix, previous: Iterable[Id] = ()) -> npt.NDArray[np.bool_]:
    """Pol.is's `:in-conv` as a row mask: enough votes, or already in, topped up to 15 by activity."""
    counts = rm.row_counts
    active = rm.active_rows
    index = {p: i for i, p in enumerate(rm.votes.participants)}
    inside = active & (counts >= min(MIN_VOTES, rm.n_matrix_cols))
    for pid in previous:
        i = index.get(pid)
        if i is not None and active[i]:
            inside[i] = True
    missing = GREEDY_N - int(inside.sum())
    if missing > 0:
        candidates = np.flatnonzero(active & ~inside)
        top = candidates[np.argsort(-counts[candidates], kind="stable")][:missing]
        inside[top] = True
    return inside


def _warm_clusters(records: Sequence[ClusterRecord], position: Mapping[Id, int]) -> list[cl.Cluster]:
    """Previous clusters with their members translated to current point indices (departed members dropped)."""
    out = []
    for rec in records:
        members = np.array([position[m] for m in rec.members if m in position], dtype=np.int64)
        out.append(cl.Cluster(rec.id, members, np.array([rec.x, rec.y], dtype=np.float64)))
    return out


def _records(clusters: Sequence[cl.Cluster], names: Sequence[Id]) -> list[ClusterRecord]:
    return [
        ClusterRecord(c.id, [names[i] for i in c.members], float(c.center[0]), float(c.center[1]))
        for c in clusters
    ]


def _previous_components(
    previous: Analysis | None, statements: Sequence[Id]
) -> npt.NDArray[np.float64] | None:
    if previous is None:
        return None
    col = {s: j for j, s in enumerate(previous.statements)}
    start = np.zeros((previous.components.shape[0], len(statements)), dtype=np.float64)
    for j, sid in enumerate(statements):
        if sid in col:
            start[:, j] = previous.components[:, col[sid]]
    return start


def analyze(
    votes: Votes,
    *,
    moderated_out: Iterable[Id] = frozenset(),
    meta: Iterable[Id] = frozenset(),
    previous: Analysis | None = None,
) -> Analysis:
    """Run Pol.is's math over `votes`; `moderated_out` and `meta` statements are excluded as Pol.is does."""
    known = set(votes.statements)
    mod_out = frozenset(s for s in (*moderated_out, *meta) if s in known)
    rm = RatingMatrix.build(votes, mod_out)
    pids = votes.participants
    sids = votes.statements

    center = column_means(rm)
    centered = centered_matrix(rm, center)
    comps = principal_components(centered, start=_previous_components(previous, sids))
    proj = project_participants(centered, comps, rm)
    stmt_proj = project_statements(center, comps, rm)

    in_rows = np.flatnonzero(participation(rm, previous.in_conv if previous else ()))
    in_ids = [pids[i] for i in in_rows.tolist()]
    points = proj[in_rows]
    warm_base = (
        _warm_clusters(previous.base_clusters, {p: i for i, p in enumerate(in_ids)}) if previous else None
    )
    base = cl.base_kmeans(points, cl.BASE_K, last=warm_base, max_iters=cl.BASE_ITERS)
    base_ids = [c.id for c in base]
    base_centers = np.array([c.center for c in base], dtype=np.float64).reshape(-1, 2)
    base_weights = np.array([len(c.members) for c in base], dtype=np.float64)

    warm_groups: dict[int, list[cl.Cluster]] = {}
    if previous is not None:
        position: dict[Id, int] = {b: i for i, b in enumerate(base_ids)}
        warm_groups = {k: _warm_clusters(recs, position) for k, recs in previous.group_clusterings.items()}
    clusterings = cl.group_clusterings(base_centers, base_weights, last=warm_groups)
    dist = cl.distance_matrix(base_centers)
    silhouettes = {k: cl.silhouette(dist, c) for k, c in clusterings.items()}
    smoother = cl.choose_k(silhouettes, previous.k_smoother if previous else None)
    chosen = clusterings.get(smoother.smoothed_k, [])

    row_group = np.full(rm.n_rows, -1, dtype=np.int64)
    groups: list[Group] = []
    for g, gc in enumerate(chosen):
        rows = (
            np.concatenate([in_rows[base[b].members] for b in gc.members]) if len(gc.members) else in_rows[:0]
        )
        rows = np.sort(rows)
        row_group[rows] = g
        groups.append(
            Group(gc.id, [pids[i] for i in rows.tolist()], float(gc.center[0]), float(gc.center[1]))
        )

    na, nd, ns = rm.group_counts(row_group, len(groups))
    excluded = rm.mod_out | ~rm.voted_cols
    repness = select_rep_comments(conv_repness(na, nd, ns), sids, excluded, [g.id for g in groups])
    active = np.flatnonzero(rm.active_rows).tolist()

    return Analysis(
        participants=[pids[i] for i in active],
        statements=list(sids),
        n_participants=len(active),
        n_statements=rm.n_matrix_cols,
        in_conv=in_ids,
        components=comps,
        center=center,
        projection={pids[i]: (float(proj[i, 0]), float(proj[i, 1])) for i in active},
        statement_projection={
            sids[j]: (float(stmt_proj[j, 0]), float(stmt_proj[j, 1])) for j in range(len(sids))
        },
        base_clusters=_records(base, in_ids),
        groups=groups,
        repness=repness,
        consensus=select_consensus(rm, excluded),
        group_aware_consensus=rank_group_aware(group_aware_consensus_values(na, ns), sids, excluded)
        if groups
        else [],
        moderated_out=mod_out,
        silhouettes=silhouettes,
        group_clusterings={k: _records(c, base_ids) for k, c in clusterings.items()},
        k_smoother=smoother,
    )

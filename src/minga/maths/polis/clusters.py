"""Pol.is's k-means, its warm start from the last clustering, the silhouette and the choice of k (clusters.clj).

Pol.is clusters twice: participants' 2-D positions into up to 100 "base clusters", then the base clusters'
centres (weighted by their member counts) into 2..5 "groups", keeping the k whose clustering has the best
silhouette. Everything is deterministic:

* a fresh k-means starts from the first k *distinct* points in row order (`init-clusters`); fresh *base*
  clusters (`base_kmeans`) do so only while there are at most k distinct points: beyond that, they are split
  off one cluster of everyone by `clean-start-clusters`, as Pol.is's incremental history makes them;
* a k-means that has a previous clustering starts from it (`clean-start-clusters`): old clusters are recentred
  on their members' new positions, identical ones merged, and the most distant point split off as a new
  cluster until there are k (or as many as there are distinct points);
* each step assigns every point to its nearest centre (ties to the later cluster, as Clojure's `min-key`),
  drops empty clusters and moves centres to the (weighted) mean; it stops when no centre moved by 0.01 or
  after `max_iters` + 1 steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

BASE_K = 100
"""Pol.is's `:base-k`: at most this many base clusters."""
BASE_ITERS = 100
"""Pol.is's `:base-iters`."""
GROUP_ITERS = 20
"""Pol.is passes `:cluster-iters` to `kmeans`, which reads `:max-iters`; so groups get the default, 20."""
MAX_K = 5
"""Pol.is's `:max-k`: at most this many groups."""
K_BUFFER = 4
"""Pol.is's `:group-k-buffer`: a new best k must win this many runs in a row before it is used."""
SAME_CLUSTERING_THRESHOLD = 0.01


@dataclass(frozen=True)
class Cluster:
    """One cluster: a stable id, its members (indices into the clustered points) and its centre."""

    id: int
    members: IntArray
    center: FloatArray


def _weighted_mean(points: FloatArray, weights: FloatArray | None) -> FloatArray:
    if weights is None:
        return np.asarray(points.mean(axis=0), dtype=np.float64)
    return np.asarray(weights @ points / weights.sum(), dtype=np.float64)


def _member_weights(weights: FloatArray | None, members: IntArray) -> FloatArray | None:
    return None if weights is None else weights[members]


def init_clusters(points: FloatArray, k: int) -> list[Cluster]:
    """Pol.is's `init-clusters`: the first k distinct points, in order, each the centre of an empty cluster."""
    if len(points) == 0:
        return []
    _, first = np.unique(points, axis=0, return_index=True)
    first = np.sort(first)[:k]
    return [
        Cluster(i, np.empty(0, dtype=np.int64), points[j].astype(np.float64)) for i, j in enumerate(first)
    ]


def _nearest(points: FloatArray, centers: FloatArray) -> tuple[IntArray, FloatArray]:
    """Index of the nearest centre for each point (ties to the last centre) and the distance to it."""
    d2 = np.zeros((len(points), len(centers)), dtype=np.float64)
    for d in range(points.shape[1]):
        diff = points[:, d, None] - centers[None, :, d]
        d2 += diff * diff
    reversed_arg = np.argmin(d2[:, ::-1], axis=1)
    idx = (centers.shape[0] - 1 - reversed_arg).astype(np.int64)
    return idx, np.sqrt(d2[np.arange(len(points)), idx])


def cluster_step(
    points: FloatArray, clusters: Sequence[Cluster], weights: FloatArray | None
) -> list[Cluster]:
    """One k-means step (Pol.is's `cluster-step`): assign, drop empty clusters, recentre."""
    centers = np.array([c.center for c in clusters], dtype=np.float64)
    nearest, _ = _nearest(points, centers)
    w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
    k = len(clusters)
    mass = np.bincount(nearest, weights=w, minlength=k)
    sums = np.stack(
        [np.bincount(nearest, weights=w * points[:, d], minlength=k) for d in range(points.shape[1])], 1
    )
    order = np.argsort(nearest, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(nearest, minlength=k))])
    out: list[Cluster] = []
    for j, clst in enumerate(clusters):
        if bounds[j + 1] == bounds[j]:
            continue
        members = order[bounds[j] : bounds[j + 1]].astype(np.int64)
        out.append(Cluster(clst.id, members, sums[j] / mass[j]))
    return out


def same_clustering(
    a: Sequence[Cluster], b: Sequence[Cluster], threshold: float = SAME_CLUSTERING_THRESHOLD
) -> bool:
    """Pol.is's `same-clustering?`: sorted centres pairwise closer than the threshold (zip stops at the shorter)."""
    ca = sorted(tuple(c.center.tolist()) for c in a)
    cb = sorted(tuple(c.center.tolist()) for c in b)
    return all(float(np.linalg.norm(np.subtract(x, y))) < threshold for x, y in zip(ca, cb, strict=False))


def clean_start_clusters(
    points: FloatArray, last: Sequence[Cluster], k: int, weights: FloatArray | None
) -> list[Cluster]:
    """Pol.is's `clean-start-clusters`: adapt the previous clustering to the current points.

    `last` members must already be indices into `points` (members that left are dropped by the caller).
    """
    if not last:
        return init_clusters(points, k)
    clusters = [
        Cluster(c.id, c.members, _weighted_mean(points[c.members], _member_weights(weights, c.members)))
        for c in last
        if len(c.members)
    ]
    if not clusters:
        everyone = np.arange(len(points), dtype=np.int64)
        return [Cluster(max(c.id for c in last) + 1, everyone, _weighted_mean(points, weights))]
    uniq: list[Cluster] = []
    for clst in clusters:  # `uniqify-clusters`: merge clusters whose centres are identical
        twin = next((i for i, u in enumerate(uniq) if np.array_equal(u.center, clst.center)), None)
        if twin is None:
            uniq.append(clst)
            continue
        other = uniq[twin]
        keep_id = other.id if len(other.members) > len(clst.members) else clst.id
        sizes = np.array([len(other.members), len(clst.members)], dtype=np.float64)
        center = _weighted_mean(np.array([other.center, clst.center]), sizes)
        uniq[twin] = Cluster(keep_id, np.concatenate([other.members, clst.members]), center)
    possible = min(k, len(np.unique(points, axis=0)))
    clusters = [
        replace(c, center=_weighted_mean(points[c.members], _member_weights(weights, c.members)))
        for c in uniq
        if len(c.members)
    ]
    if possible <= len(clusters):
        return clusters
    # Split off the most distant point until there are `possible` clusters. Each split changes only two
    # clusters (the one that lost the point and the new one): the others keep their members, so their
    # recentred centres are unchanged and only those two columns of the squared distances are recomputed.
    d2 = np.stack([_squared_distances(points, c.center) for c in clusters], axis=1)
    while possible > len(clusters):
        nearest = np.sqrt(d2.min(axis=1))
        worst = len(nearest) - 1 - int(np.argmax(nearest[::-1]))  # `max-key`: the last of the most distant
        if nearest[worst] <= 0:
            return clusters
        new_id = max(c.id for c in clusters) + 1
        owner = next((j for j, c in enumerate(clusters) if (c.members == worst).any()), None)
        if owner is not None:
            rest = clusters[owner].members[clusters[owner].members != worst]
            if len(rest):
                center = _weighted_mean(points[rest], _member_weights(weights, rest))
                clusters[owner] = Cluster(clusters[owner].id, rest, center)
                d2[:, owner] = _squared_distances(points, center)
            else:  # emptied: dropped, as the recentring does with a cluster without members
                del clusters[owner]
                d2 = np.delete(d2, owner, axis=1)
        alone = np.array([worst], dtype=np.int64)
        clusters.append(
            Cluster(new_id, alone, _weighted_mean(points[alone], _member_weights(weights, alone)))
        )
        d2 = np.column_stack([d2, _squared_distances(points, clusters[-1].center)])
    return clusters


def _squared_distances(points: FloatArray, center: FloatArray) -> FloatArray:
    """Squared distance of every point to one centre, summed over dimensions as `_nearest` does."""
    d2 = np.zeros(len(points), dtype=np.float64)
    for d in range(points.shape[1]):
        diff = points[:, d] - center[d]
        d2 += diff * diff
    return d2


def kmeans(
    points: FloatArray,
    k: int,
    *,
    weights: FloatArray | None = None,
    last: Sequence[Cluster] | None = None,
    max_iters: int = BASE_ITERS,
) -> list[Cluster]:
    """Pol.is's `kmeans`: warm-started from `last` when given, else from the first k distinct points."""
    points = np.asarray(points, dtype=np.float64)
    if len(points) == 0:
        return []
    clusters = clean_start_clusters(points, last, k, weights) if last else init_clusters(points, k)
    for remaining in range(max_iters, -1, -1):
        new = cluster_step(points, clusters, weights)
        if remaining == 0 or same_clustering(clusters, new):
            return sorted(new, key=lambda c: c.id)
        clusters = new
    raise AssertionError("unreachable")  # pragma: no cover


def base_kmeans(
    points: FloatArray,
    k: int = BASE_K,
    *,
    last: Sequence[Cluster] | None = None,
    max_iters: int = BASE_ITERS,
) -> list[Cluster]:
    """Pol.is's base clustering (`:base-clusters`): `kmeans` warm-started from `last`, or a fresh start.

    Pol.is computes base clusters only incrementally, so a fresh start has to stand for that history:

    * while there are at most k distinct points, Pol.is's history gives every distinct point its own
      cluster, numbered in order of arrival (each newcomer is split off as the most distant point); that is
      `init-clusters` over the rows in order, used here;
    * beyond k, every new cluster Pol.is ever makes comes from `clean-start-clusters` splitting off the
      most distant point. The fresh start runs exactly that: one cluster of everyone (Pol.is's own fallback
      in `safe-recenter-clusters`, "one great big cluster"), split until there are k, then k-means steps.
      Starting instead from the first k rows gives a much worse k-means optimum (on 33shmh9arf, twice the
      within-cluster sum of squares of Pol.is's clusters) with fine clusters in the dense middle rather than
      at the edges, and, through the silhouettes, a different number of groups.
    """
    points = np.asarray(points, dtype=np.float64)
    if len(points) == 0:
        return []
    if last:
        return kmeans(points, k, last=last, max_iters=max_iters)
    if len(np.unique(points, axis=0)) <= k:
        return kmeans(points, k, max_iters=max_iters)
    everyone = Cluster(0, np.arange(len(points), dtype=np.int64), _weighted_mean(points, None))
    return kmeans(points, k, last=[everyone], max_iters=max_iters)


def labels_of(clusters: Sequence[Cluster], n_points: int) -> IntArray:
    """Per point, the id of its cluster (-1 if in none)."""
    labels = np.full(n_points, -1, dtype=np.int64)
    for c in clusters:
        labels[c.members] = c.id
    return labels


def distance_matrix(points: FloatArray) -> FloatArray:
    """Euclidean distances between all pairs of points."""
    diff = points[:, None, :] - points[None, :, :]
    return np.asarray(np.sqrt((diff**2).sum(axis=2)), dtype=np.float64)


def silhouette(dist: FloatArray, clusters: Sequence[Cluster]) -> float:
    """Pol.is's `silhouette` for a whole clustering: the plain mean over clustered points (not weighted).

    A point alone in its cluster scores 0. A clustering with a single cluster has no "nearest other
    cluster"; Pol.is would fail there, here it scores -1 so that it is never preferred.
    """
    if len(clusters) < 2:
        return -1.0
    scores: list[float] = []
    for own in clusters:
        others = [c for c in clusters if c is not own]
        for m in own.members:
            if len(own.members) == 1:
                scores.append(0.0)
                continue
            mates = own.members[own.members != m]
            a = float(dist[m, mates].mean())
            b = min(float(dist[m, c.members].mean()) for c in others)
            top = max(a, b)
            scores.append((b - a) / top if top > 0 else 0.0)
    return float(np.mean(scores)) if scores else -1.0


def max_k_for(n_points: int, max_k: int = MAX_K) -> int:
    """Pol.is's `max-k-fn`: min(max-k, 2 + n/12) — few base clusters allow few groups."""
    return min(max_k, 2 + n_points // 12)


def group_clusterings(
    centers: FloatArray,
    weights: FloatArray,
    *,
    max_k: int = MAX_K,
    max_iters: int = GROUP_ITERS,
    last: Mapping[int, Sequence[Cluster]] | None = None,
) -> dict[int, list[Cluster]]:
    """Pol.is's `:group-clusterings`: a weighted k-means of the base-cluster centres for each k in 2..max."""
    centers = np.asarray(centers, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    return {
        k: kmeans(centers, k, weights=w, last=(last or {}).get(k), max_iters=max_iters)
        for k in range(2, max_k_for(len(centers), max_k) + 1)
    }


@dataclass(frozen=True)
class KSmoother:
    """Pol.is's `:group-k-smoother` state: the latest best k, how many runs in a row it won, the k in use."""

    last_k: int
    last_k_count: int
    smoothed_k: int


def choose_k(
    silhouettes: Mapping[int, float], previous: KSmoother | None = None, buffer: int = K_BUFFER
) -> KSmoother:
    """Best k by silhouette (ties to the larger k, as `max-key`), switched to only after `buffer` wins."""
    this_k = max(sorted(silhouettes), key=lambda k: (silhouettes[k], k))
    same = previous is not None and previous.last_k == this_k
    count = previous.last_k_count + 1 if same and previous is not None else 1
    if count >= buffer or previous is None or previous.smoothed_k not in silhouettes:
        smoothed = this_k
    else:
        smoothed = previous.smoothed_k
    return KSmoother(this_k, count, smoothed)


def group_clusters(
    base_centers: npt.ArrayLike,
    base_weights: npt.ArrayLike,
    *,
    max_k: int = MAX_K,
    max_iters: int = GROUP_ITERS,
) -> IntArray:
    """The group step alone, from scratch: group id for each base cluster (given in base-cluster-id order).

    `base_centers` is (n, 2), `base_weights` the base clusters' member counts. Returns, per base cluster, the
    id of its group, after choosing k in 2..max_k by silhouette as Pol.is does on a first run.
    """
    if max_k < 2:
        raise ValueError(f"max_k must be at least 2, not {max_k}")
    centers = np.asarray(base_centers, dtype=np.float64).reshape(-1, 2)
    if len(centers) == 0:
        return np.empty(0, dtype=np.int64)
    clusterings = group_clusterings(centers, np.asarray(base_weights), max_k=max_k, max_iters=max_iters)
    dist = distance_matrix(centers)
    k = choose_k({k: silhouette(dist, c) for k, c in clusterings.items()}).smoothed_k
    return labels_of(clusterings[k], len(centers))

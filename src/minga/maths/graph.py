"""Network figures of an ecosystem, with igraph (C): no Django here. Nodes are numbered 0..n-1; the first
``inside`` of them belong to the territory, the rest are outside actors tied to them. Ties are read undirected
(who funds whom matters to the report's gaps, not to who connects whom)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import igraph as ig
import numpy as np

#: betweenness is exact up to this many nodes; above, it is estimated from SAMPLES source nodes (seeded)
EXACT_UP_TO = 3000
SAMPLES = 256


@dataclass(frozen=True)
class Figures:
    inside: int  # nodes of the territory
    ties_inside: int  # distinct pairs of tied nodes, both inside
    ties_outside: int  # distinct pairs with one end outside
    density: float  # ties_inside / possible pairs inside
    components: int  # connected components among inside nodes with at least one tie inside
    largest_component: int
    isolated: np.ndarray  # inside nodes with no tie at all (inside or out), ascending
    betweenness: np.ndarray  # per inside node, normalised to 0..1 over the whole graph
    betweenness_exact: bool


def figures(n: int, inside: int, edges: np.ndarray, *, seed: int = 0) -> Figures:
    """Figures for ``n`` nodes and ``edges`` (an (m, 2) int array; repeats, directions and self-pairs are
    ignored)."""
    pairs = _distinct_pairs(edges)
    both_inside = (pairs[:, 1] < inside) if len(pairs) else np.zeros(0, dtype=bool)
    ties_inside = int(both_inside.sum())
    graph = ig.Graph(n=n, edges=pairs.tolist(), directed=False)
    degree = np.asarray(graph.degree(), dtype=np.int64)
    isolated = np.flatnonzero(degree[:inside] == 0)
    inner = ig.Graph(n=inside, edges=pairs[both_inside].tolist(), directed=False)
    sizes = [len(c) for c in inner.connected_components() if len(c) > 1]
    possible = inside * (inside - 1) / 2
    between, exact = _betweenness(graph, inside, seed=seed)
    return Figures(
        inside=inside,
        ties_inside=ties_inside,
        ties_outside=len(pairs) - ties_inside,
        density=ties_inside / possible if possible else 0.0,
        components=len(sizes),
        largest_component=max(sizes, default=0),
        isolated=isolated,
        betweenness=between,
        betweenness_exact=exact,
    )


def _distinct_pairs(edges: np.ndarray) -> np.ndarray:
    if not len(edges):
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.asarray(edges, dtype=np.int64).reshape(-1, 2), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _betweenness(graph: ig.Graph, inside: int, *, seed: int) -> tuple[np.ndarray, bool]:
    """Betweenness of the inside nodes, normalised by the number of ordered pairs of other nodes; estimated from a
    seeded sample of source nodes when the graph is large (Brandes and Pich's pivot sampling, scaled up)."""
    n = graph.vcount()
    if inside == 0 or n < 3:
        return np.zeros(inside), True
    connected = [v for v in range(n) if graph.degree(v) > 0]
    scale = 1.0
    sources = None
    exact = len(connected) <= EXACT_UP_TO
    if not exact:
        sources = random.Random(seed).sample(connected, SAMPLES)
        scale = len(connected) / SAMPLES
    raw = graph.betweenness(vertices=range(inside), directed=False, sources=sources)
    pairs = (n - 1) * (n - 2) / 2
    return np.asarray(raw, dtype=np.float64) * scale / pairs, exact

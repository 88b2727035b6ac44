"""The network of a territory's ecosystem for drawing: its tied actors (and the outside actors tied to them) as
nodes, their ties as edges. Up to ``MAX_NODES`` nodes it is drawn actor by actor; beyond, actors are grouped by
quadrant and by the territory one level below (or "outside"), and edges count the ties between groups."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.cache import cache

from minga.ecosystem.domain.quadrants import QUADRANTS, quadrant
from minga.ecosystem.domain.report import ties_of
from minga.registry.domain.stats import data_version
from minga.registry.models import Actor
from minga.territories.domain.queries import get_territory, under
from minga.territories.models import Territory

MAX_NODES = 2000


def cached_graph(code: str, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    key = f"minga:ecosystem-graph:{code}:{max_nodes}:{data_version()}"
    return cache.get_or_set(key, lambda: ecosystem_graph(code, max_nodes=max_nodes), timeout=24 * 3600)  # type: ignore[return-value]


def ecosystem_graph(code: str, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """``{"aggregated": bool, "nodes": [...], "edges": [...]}``. Actor nodes: ``id``, ``name``, ``quadrant``,
    ``inside`` (bool), ``degree``; group nodes: ``id`` ("quadrant|place"), ``name``, ``quadrant``, ``actors``.
    Edges: ``source``, ``target``, ``ties``. Isolated actors are left out (the report counts them)."""
    territory = get_territory(code)
    inside = set(Actor.objects.filter(under(territory.path)).values_list("id", flat=True))
    ties, _supported = ties_of(territory, inside)
    pairs = Counter(tuple(sorted(p)) for p in ties if p[0] != p[1])
    degree: Counter[int] = Counter()
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    facts = {}
    wanted = sorted(degree)
    for start in range(0, len(wanted), 900):
        rows = Actor.objects.filter(pk__in=wanted[start : start + 900]).values_list(
            "id", "name", "kind", "territory_path"
        )
        facts.update({r[0]: r for r in rows})
    if len(degree) <= max_nodes:
        actors = [{"id": a, "name": facts[a][1], "quadrant": quadrant(facts[a][2]), "inside": a in inside,
                  "degree": degree[a]} for a in wanted]  # fmt: skip
        edges = [{"source": a, "target": b, "ties": n} for (a, b), n in sorted(pairs.items())]
        return {"aggregated": False, "nodes": actors, "edges": edges, "quadrants": list(QUADRANTS)}
    names = dict(Territory.objects.filter(parent=territory).values_list("code", "names"))
    names[territory.code] = territory.names
    depth = territory.path.count("/")

    def group(actor: int) -> str:
        path = facts[actor][3]
        if actor not in inside or not path:
            place = "outside" if actor not in inside else territory.code
        else:
            segments = path.strip("/").split("/")
            place = segments[depth] if len(segments) > depth else territory.code
        return f"{quadrant(facts[actor][2])}|{place}"

    of = {a: group(a) for a in wanted}
    sizes = Counter(of.values())
    links: Counter[tuple[str, str]] = Counter()
    for (a, b), n in pairs.items():
        ga, gb = sorted((of[a], of[b]))
        links[(ga, gb)] += n
    nodes: list[dict[str, Any]] = []
    for key, n in sorted(sizes.items()):
        q, place = key.split("|")
        label = (names.get(place) or {}).get("en") or place
        nodes.append(
            {"id": key, "name": f"{label} ({n})", "quadrant": q, "inside": place != "outside", "actors": n}
        )
    grouped: list[dict[str, Any]] = [
        {"source": a, "target": b, "ties": n} for (a, b), n in sorted(links.items()) if a != b
    ]
    return {"aggregated": True, "nodes": nodes, "edges": grouped, "quadrants": list(QUADRANTS)}

"""The ecosystem report of a territory: its actors by quadrant, how they are tied (density, components, brokers,
share of ties reaching outside), and its gaps (isolated actors, activities without funder or support, places
without SSE presence, quadrants without ties). Reads only; ``cached_report`` keeps one per territory and data
version."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db.models import Q

from minga.ecosystem.domain.quadrants import QUADRANTS, quadrant
from minga.ecosystem.models import PartnershipMember, Relation, RelationType
from minga.maths.graph import figures
from minga.registry.domain.stats import data_version
from minga.registry.models import Actor, InitiativeActor
from minga.registry.models.actor import SSE_KINDS
from minga.territories.domain.queries import get_territory, under
from minga.territories.models import Territory, TerritoryKind
from minga.vocab.models import Concept, Scheme

#: kinds whose tie to an SSE actor counts as financing or support for the activity gap
FUNDING_OR_SUPPORT_KINDS = frozenset({"funder_public", "funder_private", "funder_foundation", "social_bank",
                                      "cooperation_agency", "support_organisation"})  # fmt: skip
SUPPORTING_TYPES = (RelationType.FUNDS, RelationType.SUPPORTS)
CLIQUE = 30  # the actors of an initiative are tied pairwise up to this many


def cached_report(code: str | None = None, *, brokers: int = 10) -> dict[str, Any]:
    """:func:`ecosystem_report`, once per territory and data version (Django's cache)."""
    key = f"minga:ecosystem:{code or '001'}:{brokers}:{data_version()}"
    return cache.get_or_set(key, lambda: ecosystem_report(code, brokers=brokers), timeout=24 * 3600)  # type: ignore[return-value]


def ecosystem_report(code: str | None = None, *, brokers: int = 10) -> dict[str, Any]:
    """The report for territory ``code`` (the world when None), as JSON-able data. Ties are the relations
    between actors, plus an actor's relation to an initiative read as a tie to the initiative's actors."""
    territory = get_territory(code or "001")
    rows = list(
        Actor.objects.filter(under(territory.path))
        .order_by("id")
        .values_list("id", "kind", "primary_activity", "source", "source_id", "name")
    )
    index = {row[0]: i for i, row in enumerate(rows)}
    ties, supported = ties_of(territory, set(index))
    outside = sorted({a for pair in ties for a in pair if a not in index})
    outside_rows = {}
    for start in range(0, len(outside), 900):  # SQLite's variable limit
        chunk = Actor.objects.filter(pk__in=outside[start : start + 900])
        outside_rows.update({r[0]: r for r in chunk.values_list("id", "kind", "territory_path")})
    for actor_id in outside:
        index[actor_id] = len(index)
    edges = np.array([(index[a], index[b]) for a, b in ties], dtype=np.int64).reshape(-1, 2)
    found = figures(len(index), len(rows), edges)
    counts = dict.fromkeys(QUADRANTS, 0)
    tied = dict.fromkeys(QUADRANTS, 0)
    isolated = set(found.isolated.tolist())
    for i, row in enumerate(rows):
        counts[quadrant(row[1])] += 1
        if i not in isolated:
            tied[quadrant(row[1])] += 1
    order = np.argsort(-found.betweenness, kind="stable")[:brokers]
    total_ties = found.ties_inside + found.ties_outside
    return {
        "territory": {"code": territory.code, "name": territory.name("en"), "kind": territory.kind},
        "actors": len(rows),
        "quadrants": counts,
        "quadrants_tied": tied,
        "ties": {"inside": found.ties_inside, "outside": found.ties_outside},
        "outside_actors": len(outside),
        "outside_quadrants": _outside_quadrants(outside_rows),
        "density": round(found.density, 8),
        "components": found.components,
        "largest_component": found.largest_component,
        "share_external": round(found.ties_outside / total_ties, 4) if total_ties else 0.0,
        "brokers": [
            _actor(rows[i], betweenness=round(float(found.betweenness[i]), 6))
            for i in order
            if found.betweenness[i] > 0
        ],  # fmt: skip
        "betweenness": "exact"
        if found.betweenness_exact
        else "estimated from a seeded sample of 256 sources",
        "gaps": {
            "isolated_count": len(isolated),
            "isolated": [_actor(rows[i]) for i in sorted(isolated)],
            "activities_without_support": _activities_without_support(rows, supported),
            "subterritories_without_sse": _places_without_sse(territory),
            "quadrants_without_ties": [q for q in QUADRANTS if not tied[q]],
        },
    }


def _actor(row: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    actor_id, kind, _activity, source, source_id, name = row
    return {"id": actor_id, "source": source, "source_id": source_id, "name": name, "kind": kind,
            "quadrant": quadrant(kind), **extra}  # fmt: skip


def ties_of(territory: Territory, inside: set[int]) -> tuple[list[tuple[int, int]], set[int]]:
    """(actor pairs tied by a relation with at least one end inside, inside actors that receive funding or
    support: an incoming ``funds``/``supports``, or any tie with a funder or support organisation).

    An actor's relation to an initiative ties it to the initiative's actors (its roles and those that implement
    it); the actors of one initiative, and the members of one partnership, are tied to each other (up to
    ``CLIQUE`` of them)."""
    relations = Relation.objects.all()
    if territory.parent_id is not None:  # not the world
        inside_sql = Actor.objects.filter(under(territory.path)).values("id")
        carried = InitiativeActor.objects.filter(actor_id__in=inside_sql).values("initiative_id")
        implemented = Relation.objects.filter(type=RelationType.IMPLEMENTS, from_actor_id__in=inside_sql)
        relations = relations.filter(
            Q(from_actor_id__in=inside_sql) | Q(to_actor_id__in=inside_sql) | Q(to_initiative_id__in=carried)
            | Q(to_initiative_id__in=implemented.values("to_initiative_id"))
        )  # fmt: skip
    ties: list[tuple[int, int]] = []
    supported: set[int] = set()
    by_initiative: list[tuple[str, int, int]] = []
    rows = relations.values_list("type", "from_actor_id", "to_actor_id", "to_initiative_id").order_by()
    for kind, origin, target, initiative in rows.iterator(chunk_size=20_000):
        if origin is None:  # initiative → initiative (replication): not a tie between actors
            continue
        if target is not None:
            ties.append((origin, target))
            if kind in SUPPORTING_TYPES and target in inside:
                supported.add(target)
        else:
            by_initiative.append((kind, origin, initiative))
    members = _members({i for _, _, i in by_initiative})
    for kind, origin, initiative in by_initiative:
        for actor in members.get(initiative, ()):
            if actor != origin:
                ties.append((origin, actor))
                if kind in SUPPORTING_TYPES and actor in inside:
                    supported.add(actor)
    groups = list(members.values()) + _partners(inside if territory.parent_id is not None else None)
    for group in groups:
        if len(group) <= CLIQUE:
            ties.extend((a, b) for n, a in enumerate(group) for b in group[n + 1 :])
    ties = [(a, b) for a, b in ties if a in inside or b in inside]
    supporters = set(
        Actor.objects.filter(kind__in=FUNDING_OR_SUPPORT_KINDS).values_list("pk", flat=True)
    ) if ties else set()  # fmt: skip
    for a, b in ties:
        if a in supporters and b in inside:
            supported.add(b)
        if b in supporters and a in inside:
            supported.add(a)
    return ties, supported


def _partners(inside: set[int] | None) -> list[list[int]]:
    """The members of each partnership with a member inside (every partnership for the world), sorted."""
    rows = PartnershipMember.objects.values_list("partnership_id", "actor_id").order_by(
        "partnership_id", "actor_id"
    )
    found: dict[int, list[int]] = defaultdict(list)
    for partnership, actor in rows.iterator(chunk_size=20_000):
        found[partnership].append(actor)
    return [g for g in found.values() if inside is None or any(a in inside for a in g)]


def _members(initiatives: set[int]) -> dict[int, list[int]]:
    """The actors of each initiative: its roles, and the actors that implement it; sorted, without repeats."""
    found: dict[int, set[int]] = defaultdict(set)
    wanted = sorted(initiatives)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        for initiative, actor in InitiativeActor.objects.filter(initiative_id__in=chunk).values_list(
            "initiative_id", "actor_id"
        ):
            found[initiative].add(actor)
        implementers = Relation.objects.filter(type=RelationType.IMPLEMENTS, to_initiative_id__in=chunk)
        for initiative, actor in implementers.values_list("to_initiative_id", "from_actor_id"):
            found[initiative].add(actor)
    return {i: sorted(a) for i, a in found.items()}


def _outside_quadrants(rows: dict[int, tuple[Any, ...]]) -> dict[str, int]:
    counts = dict.fromkeys(QUADRANTS, 0)
    for _id, kind, _path in rows.values():
        counts[quadrant(kind)] += 1
    return counts


def _activities_without_support(rows: list[tuple[Any, ...]], supported: set[int]) -> list[dict[str, Any]]:
    """ESSGlobal activities of the territory's SSE actors none of which receives funding or support."""
    actors: dict[str, int] = defaultdict(int)
    backed: dict[str, int] = defaultdict(int)
    for actor_id, kind, activity, *_rest in rows:
        if activity and kind in SSE_KINDS:
            actors[activity] += 1
            backed[activity] += actor_id in supported
    labels = dict(
        Concept.objects.filter(scheme=Scheme.ACTIVITIES_ICA, code__in=list(actors)).values_list(
            "code", "labels"
        )
    )
    return [
        {"activity": code, "label": (labels.get(code) or {}).get("en", code), "sse_actors": n}
        for code, n in sorted(actors.items(), key=lambda item: (-item[1], item[0]))
        if not backed[code]
    ]


def _places_without_sse(territory: Territory) -> list[dict[str, str]]:
    """Below a region: its countries with no SSE actor; below a country or subdivision: its subdivisions that have
    no subdivision of their own and no SSE actor (localities exist only where actors are)."""
    if territory.kind == TerritoryKind.LOCALITY:
        return []
    below = Territory.objects.filter(under(territory.path, field="path")).exclude(pk=territory.pk)
    if territory.kind in (TerritoryKind.COUNTRY, TerritoryKind.SUBDIVISION):
        places = below.filter(kind=TerritoryKind.SUBDIVISION).exclude(
            children__kind=TerritoryKind.SUBDIVISION
        )
    else:
        places = below.filter(kind=TerritoryKind.COUNTRY)
    present = set()
    sse = Actor.objects.filter(under(territory.path), kind__in=SSE_KINDS).exclude(territory_path="")
    for path in sse.values_list("territory_path", flat=True).distinct().iterator():
        present.add(path)
    covered = {segment for path in present for segment in path.strip("/").split("/")}
    return [
        {"code": t.code, "name": t.name("en")}
        for t in places.distinct().order_by("code")
        if t.code not in covered
    ]

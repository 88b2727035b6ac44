"""Counts for a territory (or the world): actors, initiatives, coordinates, by kind, country and subdivision."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Model, Q, QuerySet, Sum

from minga.registry.models import Actor, Initiative
from minga.territories.domain.queries import get_territory, under
from minga.territories.models import Territory


def actors_under(code: str | None) -> QuerySet[Actor]:
    """Actors in the subtree of territory ``code`` (all actors when ``code`` is None)."""
    if not code:
        return Actor.objects.all()
    return Actor.objects.filter(under(get_territory(code).path))


def subtree_counts(model: type[Model], territory: Territory) -> tuple[int, Counter[str]]:
    """(rows in the subtree, rows by child code): one grouped query over the indexed ``territory_path``."""
    total, by_child = 0, Counter[str]()
    rows = model.objects.filter(under(territory.path)).values_list("territory_path").annotate(n=Count("id"))  # type: ignore[attr-defined]
    for path, n in rows.order_by():
        total += n
        child = path[len(territory.path) :].split("/", 1)[0]
        if child:
            by_child[child] += n
    return total, by_child


def subdivision_of(path: str) -> str | None:
    """The deepest ISO 3166-2 subdivision on a territory path ("…/GB/GB-ENG/GB-BST/GB-BST:x/" → "GB-BST")."""
    found = None
    for segment in path.strip("/").split("/"):
        if "-" in segment and ":" not in segment:
            found = segment
    return found


def compute_stats(code: str | None = None) -> dict[str, Any]:
    """Counts for the subtree of ``code`` (the world if None). Reads only; a few grouped queries."""
    actors = actors_under(code)
    initiatives = Initiative.objects.all()
    if code:
        initiatives = initiatives.filter(under(get_territory(code).path))
    by_kind = dict(actors.values_list("kind").annotate(n=Count("id")).order_by("-n", "kind"))
    by_country = {
        (c or "unplaced"): n
        for c, n in actors.values_list("country_code").annotate(n=Count("id")).order_by("-n", "country_code")
    }
    by_subdivision: Counter[str] = Counter()
    for path, n in actors.exclude(territory_path="").values_list("territory_path").annotate(n=Count("id")):
        sub = subdivision_of(path)
        if sub:
            by_subdivision[sub] += n
    totals = actors.aggregate(
        total=Count("id"),
        with_coordinates=Count("id", filter=Q(lat__isnull=False)),
        placed=Count("id", filter=Q(territory__isnull=False)),
    )
    return {
        "territory": code or "001",
        "actors": totals["total"],
        "initiatives": initiatives.count(),
        "with_coordinates": totals["with_coordinates"],
        "placed": totals["placed"],
        "by_kind": by_kind,
        "by_country": by_country,
        "by_subdivision": dict(sorted(by_subdivision.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_source": dict(actors.values_list("source").annotate(n=Count("id")).order_by("-n", "source")),
    }


def dashboard(code: str | None = None) -> dict[str, Any]:
    """What a territory page shows: :func:`compute_stats` plus members, workers by gender, activities, SDG
    coverage and the attributions of the data shown. Reads only."""
    stats = compute_stats(code)
    actors = actors_under(code).order_by()
    sums = actors.aggregate(
        members=Sum("members"), women=Sum("workers_women"), men=Sum("workers_men"), other=Sum("workers_other")
    )
    by_activity = dict(
        actors.exclude(primary_activity="")
        .values_list("primary_activity")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    sdg_coverage = dict(
        actors.filter(sdg_goals__isnull=False)
        .values_list("sdg_goals__number")
        .annotate(n=Count("id", distinct=True))
        .order_by("sdg_goals__number")
    )
    attributions = sorted(
        set(actors.exclude(attribution="").values_list("attribution", flat=True).distinct())
    )
    return {
        **stats,
        "members": sums["members"] or 0,
        "workers": {"women": sums["women"] or 0, "men": sums["men"] or 0, "other": sums["other"] or 0},
        "by_activity": by_activity,
        "sdg_coverage": sdg_coverage,
        "attributions": attributions,
    }


def data_version() -> int:
    """A number that changes with every write to the registry: the last audit entry's id (every write, by any
    path, records one). O(1): the end of the primary key."""
    from minga.core.models import AuditEntry

    return AuditEntry.objects.aggregate(top=Max("id"))["top"] or 0


def cached_dashboard(code: str | None = None) -> dict[str, Any]:
    """:func:`dashboard`, computed once per territory and data version (Django's cache)."""
    key = f"minga:dashboard:{code or '001'}:{data_version()}"
    return cache.get_or_set(key, lambda: dashboard(code), timeout=24 * 3600)  # type: ignore[return-value]


def cached_subtree_counts(model: type[Model], territory: Territory) -> tuple[int, Counter[str]]:
    """:func:`subtree_counts`, once per territory and data version."""
    key = f"minga:subtree:{model._meta.label_lower}:{territory.code}:{data_version()}"
    return cache.get_or_set(key, lambda: subtree_counts(model, territory), timeout=24 * 3600)  # type: ignore[return-value]

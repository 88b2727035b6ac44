"""Finding actors: the filters the API, the web directory and exports share, and paging that stays fast at scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, FloatField, Max, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Round

from minga.core.errors import ValidationFailed
from minga.registry.models import Actor, Initiative, InitiativeActor, InitiativeSdgTarget
from minga.territories.domain.queries import filter_under_by_scan, get_territory, under

#: walking the table in id order beats sorting the matches when it reads fewer rows than this
WALK_LIMIT = 20_000


@dataclass(frozen=True)
class ActorQuery:
    """Filters that combine with AND; ``territory`` includes its whole subtree."""

    territory: str | None = None
    kind: str | None = None
    activity: str | None = None
    legal_form: str | None = None
    sdg: int | None = None
    bbox: str | None = None
    q: str | None = None
    source: str | None = None
    theme: str | None = None

    @classmethod
    def of(cls, filters: Any) -> ActorQuery:
        """The query from any object carrying these attributes (an API schema, a form's cleaned data)."""
        get = filters.get if isinstance(filters, dict) else lambda name: getattr(filters, name, None)
        return cls(**{name: get(name) or None for name in cls.__dataclass_fields__})


def bbox_filter(value: str) -> Q:
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise ValidationFailed({"bbox": ["expected four numbers: minLon,minLat,maxLon,maxLat"]}) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationFailed(
            {"bbox": ["longitudes must be within -180..180, and minLat ≤ maxLat within -90..90"]}
        )
    lat = Q(lat__gte=south, lat__lte=north)
    if west <= east:
        return lat & Q(lon__gte=west, lon__lte=east)
    return lat & (Q(lon__gte=west) | Q(lon__lte=east))  # the box crosses the antimeridian


def sdg_filter(goal: int) -> Q:
    """Actors declaring ``goal``, or taking part in an initiative linked to one of its targets (no join, no DISTINCT)."""
    declared = Actor.sdg_goals.through.objects.filter(sdggoal__number=goal).values("actor_id")
    through = InitiativeActor.objects.filter(initiative__sdg_links__target__goal__number=goal).values(
        "actor_id"
    )
    return Q(pk__in=declared) | Q(pk__in=through)


def _theme_sql(theme: str) -> tuple[str, list[str]]:
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM registry_actor WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(tags || themes) v"
            " WHERE lower(v) = lower(%s))"
        )
        return sql, [theme]
    sql = (
        "SELECT a.id FROM registry_actor a WHERE EXISTS (SELECT 1 FROM json_each(a.tags) v WHERE"
        " lower(v.value) = lower(%s) UNION ALL SELECT 1 FROM json_each(a.themes) v WHERE lower(v.value) = lower(%s))"
    )
    return sql, [theme, theme]


#: above this many actors, a theme filter stays a subquery instead of a list of ids
THEME_IDS_LIMIT = 20_000


def theme_filter(theme: str) -> Q:
    """Actors whose ``themes`` or ``tags`` (the source's own taxonomy, e.g. "Housing") hold ``theme`` exactly,
    ignoring case. The matching ids are looked up once per data version (a scan of every actor's JSON lists)
    and cached, so paging and counting do not rescan."""
    from django.core.cache import cache

    from minga.registry.domain.stats import data_version

    sql, params = _theme_sql(theme)
    key = f"minga:theme:{data_version()}:{theme.casefold()}"

    def lookup() -> list[int] | str:
        with connection.cursor() as cursor:
            cursor.execute(sql + f" LIMIT {THEME_IDS_LIMIT + 1}", params)
            ids = [row[0] for row in cursor.fetchall()]
        return ids if len(ids) <= THEME_IDS_LIMIT else "too many"

    ids = cache.get_or_set(key, lookup, timeout=24 * 3600)
    return Q(pk__in=RawSQL(sql, params)) if ids == "too many" else Q(pk__in=ids)


def top_themes(limit: int = 60) -> list[tuple[str, int]]:
    """The most used themes and tags with their actor counts: the suggestions of a theme filter."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT v, count(*) AS n FROM registry_actor, jsonb_array_elements_text(tags || themes) v"
            " GROUP BY v ORDER BY n DESC, v LIMIT %s"
        )
    else:
        sql = (
            "SELECT v.value, count(*) AS n FROM registry_actor a, json_each(a.tags) v"
            " GROUP BY v.value ORDER BY n DESC, v.value LIMIT %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return [(str(v), int(n)) for v, n in cursor.fetchall()]


def find_actors(query: ActorQuery, *, path: str | None = None, scan: bool = False) -> QuerySet[Actor]:
    """The actors matching ``query``, ordered by id (``path``: the territory's, if already looked up;
    ``scan``: see :func:`~minga.territories.domain.queries.filter_under_by_scan`)."""
    qs = Actor.objects.all()
    if query.territory:
        path = path or get_territory(query.territory).path
        qs = filter_under_by_scan(qs, path) if scan else qs.filter(under(path))
    exact = {"kind": query.kind, "primary_activity": query.activity, "legal_form": query.legal_form}
    exact["source"] = query.source
    qs = qs.filter(**{field: value for field, value in exact.items() if value})
    if query.sdg:
        qs = qs.filter(sdg_filter(query.sdg))
    if query.bbox:
        qs = qs.filter(bbox_filter(query.bbox))
    if query.theme and query.theme.strip():
        qs = qs.filter(theme_filter(query.theme.strip()))
    if query.q and query.q.strip():
        qs = qs.filter(name__icontains=query.q.strip())
    return qs.order_by("id")


def find_initiatives(
    *, territory: str | None = None, kind: str | None = None, sdg: int | None = None, q: str | None = None
) -> QuerySet[Initiative]:
    """Initiatives in ``territory``'s subtree, of ``kind``, linked to a target of goal ``sdg``, with ``q`` in the
    title; every filter optional, ordered by id."""
    qs = Initiative.objects.all()
    if territory:
        qs = qs.filter(under(get_territory(territory).path))
    if kind:
        qs = qs.filter(kind=kind)
    if sdg:
        linked = InitiativeSdgTarget.objects.filter(target__goal__number=sdg).values("initiative_id")
        qs = qs.filter(pk__in=linked)
    if q and q.strip():
        qs = qs.filter(title__icontains=q.strip())
    return qs.order_by("id")


def _walk_is_cheaper(count: int, needed: int) -> bool:
    """Would reading actors in id order reach ``needed`` matches within ``WALK_LIMIT`` rows?"""
    total = Actor.objects.aggregate(top=Max("id"))["top"] or 0  # O(1): the end of the primary key
    return total > 0 and needed * total / count <= WALK_LIMIT


def actor_page(
    query: ActorQuery, *, offset: int, limit: int, columns: tuple[str, ...], after: int | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of rows with ``columns``). Counts with the path index, then reads the page by the
    cheaper of two plans (see docs/architecture.md, "Listing a large subtree")."""
    path = get_territory(query.territory).path if query.territory else None
    matching = find_actors(query, path=path)
    count = matching.count()
    if path and count and _walk_is_cheaper(count, offset + limit):
        matching = find_actors(query, scan=True, path=path)
    page = matching.filter(pk__gt=after) if after is not None else matching
    return count, list(page.values(*columns)[offset : offset + limit])


def _rounded(field: str) -> Cast:
    """A coordinate rounded to 5 decimals (~1 m), as a float on every backend (PostgreSQL's round gives numeric)."""
    return Cast(Round(field, 5), FloatField())


def marker_points(query: ActorQuery, *, kinds: list[str]) -> list[tuple[int, float, float, int]]:
    """(id, lat, lon, kind index into ``kinds``) of every matching actor that has coordinates: the compact rows a
    map draws. Rounding (~1 m) and the kind index are computed by the database; rows come straight from the cursor."""
    kind_index = Case(*[When(kind=kind, then=Value(i)) for i, kind in enumerate(kinds)], default=Value(-1))
    rows = (
        find_actors(query)
        .filter(lat__isnull=False)
        .order_by()
        .values_list("id", _rounded("lat"), _rounded("lon"), kind_index)
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()

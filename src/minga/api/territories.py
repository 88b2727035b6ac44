"""/api/v1/territories: the tree, with names in en/es/fr and counts of what lies under each node."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from ninja import Query, Router, Schema

from minga.api.common import ErrorOut, language
from minga.registry.models import Actor, Initiative
from minga.territories.domain.queries import get_territory, under
from minga.territories.models import Territory

router = Router(tags=["territories"])


class TerritoryItem(Schema):
    code: str
    kind: str
    name: str
    names: dict[str, str]
    parent: str | None
    m49: str


class TerritoryOut(TerritoryItem):
    path: list[str]
    actors: int
    initiatives: int
    children: list[TerritoryItem]


class TerritoryFilters(Schema):
    parent: str | None = None
    kind: str | None = None
    q: str | None = None
    lang: str | None = None
    limit: int = 500


def item(t: Territory, lang: str, parent_code: str | None) -> dict[str, Any]:
    return {
        "code": t.code,
        "kind": t.kind,
        "name": t.name(lang),
        "names": t.names,
        "parent": parent_code,
        "m49": t.m49,
    }


@router.get("", response=list[TerritoryItem], summary="List territories (default: the world's regions)")
def list_territories(request: HttpRequest, filters: Query[TerritoryFilters]) -> list[dict[str, Any]]:
    lang = language(request, filters.lang)
    qs = Territory.objects.select_related("parent")
    if filters.parent:
        qs = qs.filter(parent=get_territory(filters.parent))
    elif not (filters.kind or filters.q):
        qs = qs.filter(parent__code="001")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(code__icontains=filters.q) | qs.filter(names__icontains=filters.q)
    rows = qs.order_by("path")[: max(1, min(filters.limit, 5000))]
    return [item(t, lang, t.parent.code if t.parent else None) for t in rows]


@router.get(
    "/{code}", response={200: TerritoryOut, 404: ErrorOut}, summary="One territory, its children and counts"
)
def get_territory_detail(request: HttpRequest, code: str, lang: str | None = None) -> dict[str, Any]:
    lang = language(request, lang)
    t = get_territory(code)
    out = item(t, lang, t.parent.code if t.parent else None)
    out["path"] = [c for c in t.path.strip("/").split("/")]
    out["actors"] = Actor.objects.filter(under(t.path)).count()
    out["initiatives"] = Initiative.objects.filter(under(t.path)).count()
    children = Territory.objects.filter(parent=t).order_by("path").annotate(n=Count("id"))
    out["children"] = [item(c, lang, t.code) for c in children]
    return out

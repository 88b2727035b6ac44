"""/api/v1/territories: the tree, with names in en/es/fr and counts of what lies under each node."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from minga.api.common import ErrorOut, InvalidOut, Paging, envelope, language, paginate
from minga.registry.domain.stats import subtree_counts
from minga.registry.models import Actor, Initiative
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory, TerritoryKind

router = Router(tags=["territories"])
WORLD = "001"


class TerritoryRef(Schema):
    code: str
    kind: str
    name: str = Field(description="In the request language (?lang= or Accept-Language; English otherwise)")


class TerritoryListItem(TerritoryRef):
    parent: str | None
    m49: str


class TerritoryList(Schema):
    count: int
    limit: int
    offset: int
    items: list[TerritoryListItem]


class TerritoryChild(TerritoryRef):
    actors: int = Field(description="Actors in the child's subtree")
    initiatives: int = Field(description="Initiatives in the child's subtree")


class TerritoryPublic(TerritoryListItem):
    names: dict[str, str] = Field(description="Names by language")
    iso_alpha3: str
    ancestors: list[TerritoryRef] = Field(description="From the world down to the parent")
    actors: int = Field(description="Actors in the subtree (the territory itself included)")
    initiatives: int = Field(description="Initiatives in the subtree (the territory itself included)")
    children: list[TerritoryChild]


class TerritoryFilters(Paging):
    parent: str | None = Field(None, description="Children of this territory (default: the world's regions)")
    kind: TerritoryKind | None = None
    q: str | None = Field(
        None, max_length=100, description="Text in the code or a name (searches the whole tree)"
    )
    lang: str | None = Field(None, description="en, es or fr")


def ref(t: Territory, lang: str) -> dict[str, Any]:
    return {"code": t.code, "kind": t.kind, "name": t.name(lang)}


@router.get(
    "",
    response={200: TerritoryList, 404: ErrorOut, 422: InvalidOut},
    summary="List territories (default: regions)",
)
def list_territories(request: HttpRequest, filters: Query[TerritoryFilters]) -> dict[str, Any]:
    """Without ``parent``, ``kind`` or ``q``: the world's regions. ``q`` and ``kind`` search the whole tree."""
    lang = language(request, filters.lang)
    qs = Territory.objects.select_related("parent")
    if filters.parent:
        qs = qs.filter(parent=get_territory(filters.parent))
    elif not (filters.kind or filters.q):
        qs = qs.filter(parent__code=WORLD)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q and filters.q.strip():
        text = filters.q.strip()
        names = Q(code__icontains=text)
        for code in ("en", "es", "fr"):
            names |= Q(**{f"names__{code}__icontains": text})
        qs = qs.filter(names)
    count, rows = paginate(qs.order_by("path"), filters)
    items = [{**ref(t, lang), "parent": t.parent.code if t.parent else None, "m49": t.m49} for t in rows]
    return envelope(count, filters, items)


@router.get(
    "/{code}",
    response={200: TerritoryPublic, 404: ErrorOut},
    summary="One territory, its children and counts",
)
def get_territory_detail(request: HttpRequest, code: str, lang: str | None = None) -> dict[str, Any]:
    lang = language(request, lang)
    t = get_territory(code)
    ancestor_codes = t.path.strip("/").split("/")[:-1]
    ancestors = {a.code: a for a in Territory.objects.filter(code__in=ancestor_codes)}
    actors, actors_by_child = subtree_counts(Actor, t)
    initiatives, initiatives_by_child = subtree_counts(Initiative, t)
    children = [
        {**ref(c, lang), "actors": actors_by_child[c.code], "initiatives": initiatives_by_child[c.code]}
        for c in Territory.objects.filter(parent=t).order_by("path")
    ]
    return {
        **ref(t, lang),
        "parent": ancestor_codes[-1] if ancestor_codes else None,
        "m49": t.m49,
        "names": t.names,
        "iso_alpha3": t.iso_alpha3,
        "ancestors": [ref(ancestors[c], lang) for c in ancestor_codes if c in ancestors],
        "actors": actors,
        "initiatives": initiatives,
        "children": children,
    }

"""/api/v1/actors: list with filters, detail, history; writes through ``registry.domain.records``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from minga.api.auth import token_auth
from minga.api.common import ErrorOut, get_or_404, page
from minga.core import audit, permissions
from minga.core.errors import ValidationFailed
from minga.registry.domain import records
from minga.registry.models import Actor
from minga.territories.domain.queries import get_territory, under

router = Router(tags=["actors"])
LIST_FIELDS = (
    "id", "name", "kind", "country_code", "territory_path", "lat", "lon", "primary_activity", "legal_form", "source",
)  # fmt: skip


class ActorListItem(Schema):
    id: int
    name: str
    kind: str
    country_code: str
    territory: str | None
    lat: float | None
    lon: float | None
    primary_activity: str
    legal_form: str
    source: str


class ActorList(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActorListItem]


class ActorFilters(Schema):
    territory: str | None = None
    kind: str | None = None
    activity: str | None = None
    legal_form: str | None = None
    sdg: int | None = None
    bbox: str | None = None
    q: str | None = None
    source: str | None = None
    limit: int = 50
    offset: int = 0


class ActorOut(Schema):
    id: int
    name: str
    kind: str
    description: dict[str, str]
    organisational_structure: str
    primary_activity: str
    activities: list[str]
    membership_type: str
    legal_form: str
    legal_form_local: str
    qualifiers: list[str]
    themes: list[str]
    tags: list[str]
    website: str
    email: str
    phone: str
    street_address: str
    locality_name: str
    postcode: str
    country_code: str
    territory: str | None
    territory_name: str | None
    lat: float | None
    lon: float | None
    founded_on: dt.date | None
    dissolved_on: dt.date | None
    members: int | None
    workers_women: int | None
    workers_men: int | None
    workers_other: int | None
    status: str
    sdg_goals: list[int]
    source: str
    source_id: str
    license: str
    attribution: str
    imported_at: dt.datetime | None
    updated_at: dt.datetime


class ActorIn(Schema):
    """Fields to set; ``territory`` is a territory code (GB-BST, FR, GB-BST:bristol)."""

    name: str | None = None
    kind: str | None = None
    description: dict[str, str] | None = None
    organisational_structure: str | None = None
    primary_activity: str | None = None
    activities: list[str] | None = None
    membership_type: str | None = None
    legal_form: str | None = None
    legal_form_local: str | None = None
    qualifiers: list[str] | None = None
    themes: list[str] | None = None
    tags: list[str] | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    street_address: str | None = None
    locality_name: str | None = None
    postcode: str | None = None
    country_code: str | None = None
    territory: str | None = None
    lat: float | None = None
    lon: float | None = None
    founded_on: dt.date | None = None
    dissolved_on: dt.date | None = None
    members: int | None = None
    workers_women: int | None = None
    workers_men: int | None = None
    workers_other: int | None = None
    status: str | None = None


class AuditOut(Schema):
    at: dt.datetime
    user: str | None
    via: str
    action: str
    changes: dict[str, Any]


def _code(path: str) -> str | None:
    return path.rstrip("/").rsplit("/", 1)[-1] if path else None


def filtered(f: ActorFilters) -> QuerySet[Actor]:
    """The actors matching the filters, ordered by id."""
    qs = Actor.objects.all()
    if f.territory:
        qs = qs.filter(under(get_territory(f.territory).path))
    for field, value in (("kind", f.kind), ("primary_activity", f.activity), ("legal_form", f.legal_form)):
        if value:
            qs = qs.filter(**{field: value})
    if f.source:
        qs = qs.filter(source=f.source)
    if f.sdg:
        in_initiatives = Actor.objects.filter(initiatives__sdg_targets__goal__number=f.sdg).values("pk")
        qs = qs.filter(Q(sdg_goals__number=f.sdg) | Q(pk__in=in_initiatives)).distinct()
    if f.bbox:
        try:
            west, south, east, north = (float(v) for v in f.bbox.split(","))
        except ValueError:
            raise ValidationFailed({"bbox": ["expected minLon,minLat,maxLon,maxLat"]}) from None
        qs = qs.filter(lon__gte=west, lon__lte=east, lat__gte=south, lat__lte=north)
    if f.q:
        qs = qs.filter(name__icontains=f.q.strip())
    return qs.order_by("id")


@router.get("", response=ActorList, summary="List actors")
def list_actors(request: HttpRequest, filters: Query[ActorFilters]) -> dict[str, Any]:
    """Filters combine with AND; ``territory`` includes everything under it; ``count`` is the total matching."""
    count, rows = page(filtered(filters).values(*LIST_FIELDS), limit=filters.limit, offset=filters.offset)
    items = [{**r, "territory": _code(r.pop("territory_path"))} for r in rows]
    return {
        "count": count,
        "limit": max(1, min(filters.limit, 500)),
        "offset": max(0, filters.offset),
        "items": items,
    }


def detail(actor: Actor) -> dict[str, Any]:
    out = {f: getattr(actor, f) for f in ActorOut.model_fields if hasattr(actor, f)}
    out["territory"] = actor.territory.code if actor.territory else None
    out["territory_name"] = actor.territory.name() if actor.territory else None
    out["sdg_goals"] = sorted(actor.sdg_goals.values_list("number", flat=True))
    return out


@router.get("/{actor_id}", response={200: ActorOut, 404: ErrorOut}, summary="One actor")
def get_actor(request: HttpRequest, actor_id: int) -> dict[str, Any]:
    return detail(get_or_404(Actor.objects.select_related("territory"), actor_id, "actor"))


@router.get(
    "/{actor_id}/history", response={200: list[AuditOut], 401: ErrorOut, 403: ErrorOut}, auth=token_auth
)
def actor_history(request: HttpRequest, actor_id: int) -> list[dict[str, Any]]:
    """The audit trail of one actor: for those who may edit it."""
    actor = get_or_404(Actor.objects.all(), actor_id, "actor")
    permissions.require(permissions.can_edit_actor(request.user, actor), "see this actor's history")
    return [
        {
            "at": e.at,
            "user": e.user.username if e.user else None,
            "via": e.via,
            "action": e.action,
            "changes": e.changes,
        }
        for e in audit.history(actor).select_related("user")
    ]


@router.post("", response={201: ActorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=token_auth)
def create_actor(request: HttpRequest, payload: ActorIn) -> Status:
    actor = records.create_actor(payload.dict(exclude_unset=True), by=request.user, via="api")
    return Status(201, detail(actor))


@router.patch(
    "/{actor_id}",
    response={200: ActorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=token_auth,
)
def update_actor(request: HttpRequest, actor_id: int, payload: ActorIn) -> dict[str, Any]:
    actor = get_or_404(Actor.objects.all(), actor_id, "actor")
    return detail(records.update_actor(actor, payload.dict(exclude_unset=True), by=request.user, via="api"))


@router.delete(
    "/{actor_id}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, auth=token_auth
)
def delete_actor(request: HttpRequest, actor_id: int) -> Status:
    records.delete_actor(get_or_404(Actor.objects.all(), actor_id, "actor"), by=request.user, via="api")
    return Status(204, None)

"""/api/v1/actors: list with filters, detail, history; writes through ``registry.domain.records``."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import orjson
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from minga.api.auth import token_auth
from minga.api.common import (
    WRITE_ERRORS,
    AuditOut,
    ErrorOut,
    InvalidOut,
    Paging,
    WriteSchema,
    code_of,
    envelope,
    get_or_404,
    history_rows,
    language,
    territory_name,
    write_data,
)
from minga.core import permissions
from minga.registry.domain import records
from minga.registry.domain.search import ActorQuery, actor_page, marker_points
from minga.registry.models import Actor, ActorKind, ActorStatus

router = Router(tags=["actors"])

# ---------------------------------------------------------------- schemas


class ActorListItem(Schema):
    id: int
    name: str
    kind: str
    country_code: str
    territory: str | None = Field(description="Territory code")
    lat: float | None
    lon: float | None
    primary_activity: str
    legal_form: str
    source: str
    attribution: str = Field(
        description="Credit line the data's licence asks for, e.g. 'Contains Co-operatives UK open data'"
    )


#: the columns a list row reads (``territory_path`` gives the code without a join)
LIST_COLUMNS = tuple(f for f in ActorListItem.model_fields if f != "territory") + ("territory_path",)


class ActorList(Schema):
    count: int = Field(description="Total matching the filters")
    limit: int
    offset: int
    items: list[ActorListItem]


class ActorFilters(Paging):
    territory: str | None = Field(
        None, description="Territory code, its whole subtree included (150, GB, GB-BST)"
    )
    kind: ActorKind | None = None
    activity: str | None = Field(None, description="Primary activity, ESSGlobal ICA code (ICA210)")
    legal_form: str | None = Field(None, description="ESSGlobal legal form code (L2)")
    sdg: int | None = Field(None, ge=1, le=17, description="SDG goal: declared, or through an initiative")
    bbox: str | None = Field(None, description="minLon,minLat,maxLon,maxLat", examples=["-3,51,-2,52"])
    q: str | None = Field(None, max_length=200, description="Text in the name")
    source: str | None = Field(None, description="Where the record came from (coops-uk, kvm, manual…)")
    theme: str | None = Field(
        None, max_length=200, description="A theme or tag, exactly (case ignored): Housing"
    )
    after: int | None = Field(
        None,
        ge=0,
        description="Only ids greater than this (keyset paging: fast at any depth; count ignores it)",
    )


class _ActorFields(WriteSchema):
    """Fields a client may set; those it leaves out are not touched. ``null`` only where a field may be empty."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {
            "territory",
            "lat",
            "lon",
            "founded_on",
            "dissolved_on",
            "members",
            "workers_women",
            "workers_men",
            "workers_other",
        }
    )

    description: dict[str, str] | None = Field(None, description="Text by language: {'en': …, 'es': …}")
    organisational_structure: str | None = Field(None, max_length=10, description="ESSGlobal OS code")
    primary_activity: str | None = Field(None, max_length=10, description="ESSGlobal ICA code")
    activities: list[str] | None = Field(None, description="ESSGlobal ICA codes")
    membership_type: str | None = Field(None, max_length=10, description="ESSGlobal BMT code")
    legal_form: str | None = Field(None, max_length=10, description="ESSGlobal legal form code")
    legal_form_local: str | None = Field(None, max_length=100)
    qualifiers: list[str] | None = Field(None)
    themes: list[str] | None = Field(None)
    tags: list[str] | None = Field(None)
    website: str | None = Field(None, max_length=500)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=200)
    social: dict[str, str] | None = Field(None, description="Handles or URLs by network")
    street_address: str | None = Field(None, max_length=300)
    locality_name: str | None = Field(None, max_length=150)
    postcode: str | None = Field(None, max_length=20)
    country_code: str | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2")
    territory: str | None = Field(None, description="Territory code (GB-BST); null to unplace")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    founded_on: dt.date | None = None
    dissolved_on: dt.date | None = None
    members: int | None = Field(None, ge=0)
    workers_women: int | None = Field(None, ge=0)
    workers_men: int | None = Field(None, ge=0)
    workers_other: int | None = Field(None, ge=0)
    status: ActorStatus | None = Field(None)


class ActorCreate(_ActorFields):
    name: str = Field(min_length=1, max_length=300)
    kind: ActorKind


class ActorUpdate(_ActorFields):
    name: str | None = Field(None, min_length=1, max_length=300)
    kind: ActorKind | None = Field(None)


class ActorPublic(Schema):
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
    social: dict[str, str]
    street_address: str
    locality_name: str
    postcode: str
    country_code: str
    territory: str | None
    territory_name: str | None = Field(description="In the request language")
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
    created_at: dt.datetime
    updated_at: dt.datetime
    history: str = Field(description="URL of the audit trail (for those who may edit)")


# ---------------------------------------------------------------- queries


def public(actor: Actor, lang: str) -> dict[str, Any]:
    """The full record (one query for the SDG goals; the territory should be select_related)."""
    skip = {"territory", "territory_name", "sdg_goals", "history"}
    out = {f: getattr(actor, f) for f in ActorPublic.model_fields if f not in skip}
    out["territory"] = actor.territory.code if actor.territory else None
    out["territory_name"] = territory_name(actor.territory, lang)
    out["sdg_goals"] = sorted(actor.sdg_goals.values_list("number", flat=True))
    out["history"] = reverse("api-v1:actor_history", kwargs={"actor_id": actor.pk})
    return out


def _actors() -> QuerySet[Actor]:
    return Actor.objects.select_related("territory")


# ---------------------------------------------------------------- endpoints


@router.get("", response={200: ActorList, 404: ErrorOut, 422: InvalidOut}, summary="List actors")
def list_actors(request: HttpRequest, filters: Query[ActorFilters]) -> dict[str, Any]:
    """Filters combine with AND; ``territory`` includes everything under it; ``count`` is the total matching.

    To walk the whole list, pass the last id seen as ``after`` rather than a growing ``offset``.
    """
    count, rows = actor_page(
        ActorQuery.of(filters),
        offset=filters.offset,
        limit=filters.limit,
        after=filters.after,
        columns=LIST_COLUMNS,
    )
    items = [{**r, "territory": code_of(r.pop("territory_path"))} for r in rows]
    return envelope(count, filters, items)


class MarkerFilters(Schema):
    territory: str | None = Field(None, description="Territory code, its whole subtree included")
    kind: ActorKind | None = None
    activity: str | None = None
    legal_form: str | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    bbox: str | None = Field(None, description="minLon,minLat,maxLon,maxLat: only what the map shows")
    q: str | None = Field(None, max_length=200)
    theme: str | None = Field(None, max_length=200, description="A theme or tag, exactly (case ignored)")


@router.get("/markers", summary="Map markers: compact rows for every matching actor with coordinates")
def markers(request: HttpRequest, filters: Query[MarkerFilters]) -> HttpResponse:
    """``{"count", "kinds": [...], "points": [[id, lat, lon, kind index], ...]}``: a few bytes a point, so a map can
    load tens of thousands of points at once and cluster them in the browser."""
    kinds = list(ActorKind.values)
    points = marker_points(ActorQuery.of(filters), kinds=kinds)
    body = orjson.dumps({"count": len(points), "kinds": kinds, "points": points})
    return HttpResponse(body, content_type="application/json")


@router.get("/{actor_id}", response={200: ActorPublic, 404: ErrorOut}, summary="One actor")
def get_actor(request: HttpRequest, actor_id: int, lang: str | None = None) -> dict[str, Any]:
    return public(get_or_404(_actors(), actor_id, "actor"), language(request, lang))


@router.get(
    "/{actor_id}/history",
    response={200: list[AuditOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=token_auth,
    url_name="actor_history",
    summary="Audit trail of one actor (for those who may edit it)",
)
def actor_history(request: HttpRequest, actor_id: int) -> list[dict[str, Any]]:
    actor = get_or_404(Actor.objects.all(), actor_id, "actor")
    permissions.require(permissions.can_edit_actor(request.user, actor), "see this actor's history")
    return history_rows(actor)


@router.post("", response={201: ActorPublic, **WRITE_ERRORS}, auth=token_auth, summary="Create an actor")
def create_actor(request: HttpRequest, payload: ActorCreate) -> Status:
    actor = records.create_actor(write_data(payload), by=request.user, via="api")
    return Status(201, public(actor, language(request)))


@router.patch(
    "/{actor_id}", response={200: ActorPublic, **WRITE_ERRORS}, auth=token_auth, summary="Change an actor"
)
def update_actor(request: HttpRequest, actor_id: int, payload: ActorUpdate) -> dict[str, Any]:
    actor = get_or_404(_actors(), actor_id, "actor")
    actor = records.update_actor(actor, write_data(payload), by=request.user, via="api")
    return public(actor, language(request))


@router.delete(
    "/{actor_id}", response={204: None, **WRITE_ERRORS}, auth=token_auth, summary="Delete an actor"
)
def delete_actor(request: HttpRequest, actor_id: int) -> Status:
    records.delete_actor(get_or_404(Actor.objects.all(), actor_id, "actor"), by=request.user, via="api")
    return Status(204, None)

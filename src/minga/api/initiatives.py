"""/api/v1/initiatives: list with filters, detail; writes through ``registry.domain.records``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from minga.api.auth import token_auth
from minga.api.common import ErrorOut, get_or_404, page
from minga.registry.domain import records
from minga.registry.models import Initiative
from minga.territories.domain.queries import get_territory, under

router = Router(tags=["initiatives"])


class InitiativeFilters(Schema):
    territory: str | None = None
    kind: str | None = None
    sdg: int | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0


class RoleOut(Schema):
    actor_id: int
    actor_name: str
    role: str


class SdgLinkOut(Schema):
    target: str
    goal: int
    origin: str
    score: float | None


class InitiativeOut(Schema):
    id: int
    title: str
    kind: str
    summary: dict[str, str]
    problem: dict[str, str]
    approach: dict[str, str]
    results: dict[str, str]
    replicability_notes: dict[str, str]
    evidence_links: list[str]
    themes: list[str]
    territory: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    actors: list[RoleOut]
    sdg_targets: list[SdgLinkOut]


class InitiativeList(Schema):
    count: int
    limit: int
    offset: int
    items: list[InitiativeOut]


class InitiativeIn(Schema):
    title: str | None = None
    kind: str | None = None
    summary: dict[str, str] | None = None
    problem: dict[str, str] | None = None
    approach: dict[str, str] | None = None
    results: dict[str, str] | None = None
    replicability_notes: dict[str, str] | None = None
    evidence_links: list[str] | None = None
    themes: list[str] | None = None
    territory: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


def filtered(f: InitiativeFilters) -> QuerySet[Initiative]:
    qs = Initiative.objects.all()
    if f.territory:
        qs = qs.filter(under(get_territory(f.territory).path))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.sdg:
        qs = qs.filter(sdg_targets__goal__number=f.sdg).distinct()
    if f.q:
        qs = qs.filter(title__icontains=f.q.strip())
    return qs.order_by("id")


def detail(initiative: Initiative) -> dict[str, Any]:
    out = {
        f: getattr(initiative, f)
        for f in InitiativeOut.model_fields
        if f not in ("actors", "sdg_targets", "territory")
    }
    out["territory"] = initiative.territory.code if initiative.territory else None
    out["actors"] = [
        {"actor_id": r.actor_id, "actor_name": r.actor.name, "role": r.role} for r in initiative.roles.all()
    ]
    out["sdg_targets"] = [
        {"target": s.target.code, "goal": s.target.goal.number, "origin": s.origin, "score": s.score}
        for s in initiative.sdg_links.all()
    ]
    return out


def _queryset() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("territory").prefetch_related(
        "roles__actor", "sdg_links__target__goal"
    )


@router.get("", response=InitiativeList, summary="List initiatives")
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]) -> dict[str, Any]:
    ids_count, rows = page(
        filtered(filters).values_list("id", flat=True), limit=filters.limit, offset=filters.offset
    )
    by_id = {i.pk: i for i in _queryset().filter(pk__in=rows)}
    items = [detail(by_id[pk]) for pk in rows]
    return {
        "count": ids_count,
        "limit": max(1, min(filters.limit, 500)),
        "offset": max(0, filters.offset),
        "items": items,
    }


@router.get("/{initiative_id}", response={200: InitiativeOut, 404: ErrorOut})
def get_initiative(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    return detail(get_or_404(_queryset(), initiative_id, "initiative"))


@router.post("", response={201: InitiativeOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=token_auth)
def create_initiative(request: HttpRequest, payload: InitiativeIn) -> Status:
    initiative = records.create_initiative(payload.dict(exclude_unset=True), by=request.user, via="api")
    return Status(201, detail(initiative))


@router.patch(
    "/{initiative_id}",
    response={200: InitiativeOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=token_auth,
)
def update_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeIn) -> dict[str, Any]:
    initiative = get_or_404(Initiative.objects.all(), initiative_id, "initiative")
    return detail(
        records.update_initiative(initiative, payload.dict(exclude_unset=True), by=request.user, via="api")
    )


@router.delete(
    "/{initiative_id}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, auth=token_auth
)
def delete_initiative(request: HttpRequest, initiative_id: int) -> Status:
    initiative = get_or_404(Initiative.objects.all(), initiative_id, "initiative")
    records.delete_initiative(initiative, by=request.user, via="api")
    return Status(204, None)

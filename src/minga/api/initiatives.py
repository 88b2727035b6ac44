"""/api/v1/initiatives: list with filters, detail, history; writes through ``registry.domain.records``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpRequest
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
    paginate,
    territory_name,
    write_data,
)
from minga.core import permissions
from minga.registry.domain import records
from minga.registry.domain.search import find_initiatives
from minga.registry.models import Initiative, InitiativeActor, InitiativeKind, InitiativeSdgTarget

router = Router(tags=["initiatives"])

# ---------------------------------------------------------------- schemas


class RoleOut(Schema):
    actor_id: int
    actor_name: str
    role: str


class SdgLinkOut(Schema):
    target: str = Field(description="SDG target code (8.3)")
    goal: int
    origin: str = Field(description="manual, suggested or confirmed")
    score: float | None


class InitiativeListItem(Schema):
    id: int
    title: str
    kind: str
    territory: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    actors: list[RoleOut]
    sdg_targets: list[SdgLinkOut]


class InitiativeList(Schema):
    count: int = Field(description="Total matching the filters")
    limit: int
    offset: int
    items: list[InitiativeListItem]


class InitiativePublic(InitiativeListItem):
    territory_name: str | None = Field(description="In the request language")
    summary: dict[str, str]
    problem: dict[str, str]
    approach: dict[str, str]
    results: dict[str, str]
    replicability_notes: dict[str, str]
    evidence_links: list[str]
    themes: list[str]
    source: str
    source_id: str
    license: str
    created_at: dt.datetime
    updated_at: dt.datetime
    history: str = Field(description="URL of the audit trail (for those who may edit)")


class InitiativeFilters(Paging):
    territory: str | None = Field(None, description="Territory code, its whole subtree included")
    kind: InitiativeKind | None = None
    sdg: int | None = Field(None, ge=1, le=17, description="Linked to a target of this SDG goal")
    q: str | None = Field(None, max_length=200, description="Text in the title")


class _InitiativeFields(WriteSchema):
    """Fields a client may set; those it leaves out are not touched. ``null`` only where a field may be empty."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset({"territory", "starts_on", "ends_on"})

    summary: dict[str, str] | None = Field(None, description="Text by language: {'en': …, 'es': …}")
    problem: dict[str, str] | None = Field(None)
    approach: dict[str, str] | None = Field(None)
    results: dict[str, str] | None = Field(None)
    replicability_notes: dict[str, str] | None = Field(None)
    evidence_links: list[str] | None = Field(None)
    themes: list[str] | None = Field(None, description="ESSGlobal theme codes")
    territory: str | None = Field(None, description="Territory code (GB-BST); null to unplace")
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


class InitiativeCreate(_InitiativeFields):
    title: str = Field(min_length=1, max_length=300)
    kind: InitiativeKind = InitiativeKind.PRACTICE


class InitiativeUpdate(_InitiativeFields):
    title: str | None = Field(None, min_length=1, max_length=300)
    kind: InitiativeKind | None = Field(None)


# ---------------------------------------------------------------- queries

LIST_COLUMNS = ("id", "title", "kind", "territory_path", "starts_on", "ends_on")


def filtered(f: InitiativeFilters) -> QuerySet[Initiative]:
    return find_initiatives(territory=f.territory, kind=f.kind, sdg=f.sdg, q=f.q)


def links(ids: list[int]) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    """Actors with roles and SDG targets of the initiatives ``ids``: two queries whatever their number."""
    roles: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in (
        InitiativeActor.objects.filter(initiative_id__in=ids)
        .order_by("id")
        .values("initiative_id", "actor_id", "actor__name", "role")
    ):
        roles[r["initiative_id"]].append(
            {"actor_id": r["actor_id"], "actor_name": r["actor__name"], "role": r["role"]}
        )
    targets: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in (
        InitiativeSdgTarget.objects.filter(initiative_id__in=ids)
        .order_by("target__goal__number", "target_id")
        .values("initiative_id", "target__code", "target__goal__number", "origin", "score")
    ):
        targets[s["initiative_id"]].append(
            {
                "target": s["target__code"],
                "goal": s["target__goal__number"],
                "origin": s["origin"],
                "score": s["score"],
            }
        )
    return roles, targets


def public(initiative: Initiative, lang: str) -> dict[str, Any]:
    roles, targets = links([initiative.pk])
    skip = {"territory", "territory_name", "actors", "sdg_targets", "history"}
    out = {f: getattr(initiative, f) for f in InitiativePublic.model_fields if f not in skip}
    out["territory"] = initiative.territory.code if initiative.territory else None
    out["territory_name"] = territory_name(initiative.territory, lang)
    out["actors"], out["sdg_targets"] = roles[initiative.pk], targets[initiative.pk]
    out["history"] = reverse("api-v1:initiative_history", kwargs={"initiative_id": initiative.pk})
    return out


def _initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("territory")


# ---------------------------------------------------------------- endpoints


@router.get("", response={200: InitiativeList, 404: ErrorOut, 422: InvalidOut}, summary="List initiatives")
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]) -> dict[str, Any]:
    """Filters combine with AND; ``territory`` includes everything under it; ``count`` is the total matching."""
    count, rows = paginate(filtered(filters).values(*LIST_COLUMNS), filters)
    roles, targets = links([r["id"] for r in rows])
    items = [
        {
            **r,
            "territory": code_of(r.pop("territory_path")),
            "actors": roles[r["id"]],
            "sdg_targets": targets[r["id"]],
        }
        for r in rows
    ]
    return envelope(count, filters, items)


@router.get("/{initiative_id}", response={200: InitiativePublic, 404: ErrorOut}, summary="One initiative")
def get_initiative(request: HttpRequest, initiative_id: int, lang: str | None = None) -> dict[str, Any]:
    return public(get_or_404(_initiatives(), initiative_id, "initiative"), language(request, lang))


@router.get(
    "/{initiative_id}/history",
    response={200: list[AuditOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=token_auth,
    url_name="initiative_history",
    summary="Audit trail of one initiative (for those who may edit it)",
)
def initiative_history(request: HttpRequest, initiative_id: int) -> list[dict[str, Any]]:
    initiative = get_or_404(Initiative.objects.all(), initiative_id, "initiative")
    permissions.require(
        permissions.can_edit_initiative(request.user, initiative), "see this initiative's history"
    )
    return history_rows(initiative)


@router.post(
    "", response={201: InitiativePublic, **WRITE_ERRORS}, auth=token_auth, summary="Create an initiative"
)
def create_initiative(request: HttpRequest, payload: InitiativeCreate) -> Status:
    initiative = records.create_initiative(write_data(payload), by=request.user, via="api")
    return Status(201, public(initiative, language(request)))


@router.patch(
    "/{initiative_id}",
    response={200: InitiativePublic, **WRITE_ERRORS},
    auth=token_auth,
    summary="Change one",
)
def update_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeUpdate) -> dict[str, Any]:
    initiative = get_or_404(_initiatives(), initiative_id, "initiative")
    initiative = records.update_initiative(initiative, write_data(payload), by=request.user, via="api")
    return public(initiative, language(request))


@router.delete(
    "/{initiative_id}", response={204: None, **WRITE_ERRORS}, auth=token_auth, summary="Delete one"
)
def delete_initiative(request: HttpRequest, initiative_id: int) -> Status:
    initiative = get_or_404(Initiative.objects.all(), initiative_id, "initiative")
    records.delete_initiative(initiative, by=request.user, via="api")
    return Status(204, None)

"""/api/v1/ecosystem and /api/v1/relations: the ecosystem report of a territory, and typed relations (read by
anyone; written with a token by whoever may edit the relation's origin record)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from minga.api.auth import token_auth
from minga.api.common import WRITE_ERRORS, ErrorOut, InvalidOut, WriteSchema, get_or_404
from minga.ecosystem.domain.graph import cached_graph
from minga.ecosystem.domain.partnerships import cofinancing, create_partnership, lineage
from minga.ecosystem.domain.relations import create_relation, delete_relation, relation_from_fields
from minga.ecosystem.domain.report import cached_report
from minga.ecosystem.models import Partnership, Relation, RelationType

router = Router(tags=["ecosystem"])
relations_router = Router(tags=["ecosystem"])


class ActorRef(Schema):
    id: int
    source: str
    source_id: str
    name: str
    kind: str
    quadrant: str


class Broker(ActorRef):
    betweenness: float = Field(
        description="share of shortest paths between other actors that pass through it"
    )


class ActivityGap(Schema):
    activity: str = Field(description="ESSGlobal ICA activity code")
    label: str
    sse_actors: int


class PlaceGap(Schema):
    code: str
    name: str


class Gaps(Schema):
    isolated_count: int
    isolated: list[ActorRef]
    activities_without_support: list[ActivityGap]
    subterritories_without_sse: list[PlaceGap]
    quadrants_without_ties: list[str]


class TerritoryRef(Schema):
    code: str
    name: str
    kind: str


class Ties(Schema):
    inside: int
    outside: int


class ReportOut(Schema):
    territory: TerritoryRef
    actors: int
    quadrants: dict[str, int]
    quadrants_tied: dict[str, int]
    ties: Ties
    outside_actors: int
    outside_quadrants: dict[str, int]
    density: float
    components: int
    largest_component: int
    share_external: float
    brokers: list[Broker]
    betweenness: str
    gaps: Gaps


@router.get("/report", response={200: ReportOut, 404: ErrorOut}, summary="Ecosystem report of a territory")
def report(request: HttpRequest, territory: str = "001", brokers: int = 10) -> dict[str, Any]:
    """The figures of ``minga ecosystem report --json``; ``brokers`` (0-100) says how many brokers to list."""
    return cached_report(territory, brokers=max(0, min(brokers, 100)))


class GraphNode(Schema):
    id: int | str = Field(description="an actor's id, or quadrant|place for a group")
    name: str
    quadrant: str
    inside: bool
    degree: int | None = None
    actors: int | None = Field(None, description="groups: how many actors")


class GraphEdge(Schema):
    source: int | str
    target: int | str
    ties: int


class GraphOut(Schema):
    aggregated: bool = Field(description="above 2,000 actors, grouped by quadrant and territory below")
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    quadrants: list[str]


@router.get("/graph", response={200: GraphOut, 404: ErrorOut}, summary="The ecosystem's network, for drawing")
def graph(request: HttpRequest, territory: str = "001") -> dict[str, Any]:
    return cached_graph(territory)


class MemberIn(Schema):
    actor: int
    role: str = ""
    contribution: str = Field("", description="decimal as a string, in the partnership's currency")
    source: str = Field(
        "", description="public, private, community or international (default: from the quadrant)"
    )


class PartnershipIn(WriteSchema):
    name: str
    purpose: dict[str, str] = {}
    sdg_targets: list[str] = []
    territory: str = ""
    currency: str = ""
    members: list[MemberIn]


@router.post("/partnerships", response={201: dict[str, Any], **WRITE_ERRORS}, auth=token_auth,
             summary="Record a partnership and what each member brings")  # fmt: skip
def post_partnership(request: HttpRequest, payload: PartnershipIn) -> Status:
    data = payload.dict()
    members = data.pop("members")
    partnership = create_partnership(data, members, by=request.user, via="api")
    return Status(201, cofinancing(partnership))


@router.get("/partnerships/{partnership_id}", response={200: dict[str, Any], 404: ErrorOut},
            summary="A partnership's co-financing: by source, by member, leverage of public money")  # fmt: skip
def get_partnership(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    return cofinancing(get_or_404(Partnership.objects.all(), partnership_id, "partnership"))


@router.get("/lineage/{initiative_id}", response={200: dict[str, Any], 404: ErrorOut},
            summary="A practice's replication tree and how far it spread")  # fmt: skip
def get_lineage(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    return lineage(initiative_id)


class RelationOut(Schema):
    id: int
    type: str
    from_actor: int | None
    from_initiative: int | None
    to_actor: int | None
    to_initiative: int | None
    start_date: dt.date | None
    end_date: dt.date | None
    amount: str | None = Field(description="decimal as a string (money is never a float)")
    currency: str
    instrument: str
    note: str
    source: str
    source_id: str
    matched: dict[str, str]


class RelationIn(WriteSchema):
    from_: str = Field(alias="from", description="actor:ID, initiative:ID, ID, or SOURCE:SOURCE_ID")
    to: str
    type: RelationType
    start_date: str = ""
    end_date: str = ""
    amount: str = Field("", description='decimal as a string, e.g. "1500.00"')
    currency: str = ""
    instrument: str = ""
    note: str = ""


class RelationFilters(Schema):
    actor: int | None = Field(None, description="relations from or to this actor")
    initiative: int | None = Field(None, description="relations from or to this initiative")
    type: RelationType | None = None
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class RelationList(Schema):
    total: int
    results: list[RelationOut]


def public(r: Relation) -> dict[str, Any]:
    return {
        "id": r.pk, "type": r.type, "from_actor": r.from_actor_id, "from_initiative": r.from_initiative_id,
        "to_actor": r.to_actor_id, "to_initiative": r.to_initiative_id, "start_date": r.start_date,
        "end_date": r.end_date, "amount": None if r.amount is None else f"{r.amount:.2f}", "currency": r.currency,
        "instrument": r.instrument, "note": r.note, "source": r.source, "source_id": r.source_id,
        "matched": r.matched,
    }  # fmt: skip


@relations_router.get("", response={200: RelationList, 422: InvalidOut}, summary="List relations")
def list_relations(request: HttpRequest, filters: Query[RelationFilters]) -> dict[str, Any]:
    found = Relation.objects.order_by("id")
    if filters.actor is not None:
        found = found.filter(Q(from_actor_id=filters.actor) | Q(to_actor_id=filters.actor))
    if filters.initiative is not None:
        found = found.filter(
            Q(from_initiative_id=filters.initiative) | Q(to_initiative_id=filters.initiative)
        )
    if filters.type:
        found = found.filter(type=filters.type)
    page = found[filters.offset : filters.offset + filters.limit]
    return {"total": found.count(), "results": [public(r) for r in page]}


@relations_router.post(
    "", response={201: RelationOut, **WRITE_ERRORS}, auth=token_auth, summary="Record a relation"
)
def post_relation(request: HttpRequest, payload: RelationIn) -> Status:
    fields = payload.dict(by_alias=True)
    data = relation_from_fields({k: str(v) for k, v in fields.items()}, source="api")
    return Status(201, public(create_relation(data, by=request.user, via="api")))


@relations_router.delete("/{relation_id}", response={204: None, **WRITE_ERRORS}, auth=token_auth,
                         summary="Remove a relation")  # fmt: skip
def remove_relation(request: HttpRequest, relation_id: int) -> Status:
    delete_relation(get_or_404(Relation.objects.all(), relation_id, "relation"), by=request.user, via="api")
    return Status(204, None)

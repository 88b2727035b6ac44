"""/api/v1/funding: schemes (published with a token by whoever may edit the funder), who fits them and why, the
schemes that fit a candidate; matchfunding campaigns, their ledger totals, and pledges (anyone may pledge; the
pledger's idempotency key makes a replayed request harmless)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from minga.api.auth import token_auth
from minga.api.common import WRITE_ERRORS, ErrorOut, InvalidOut, WriteSchema, get_or_404
from minga.ecosystem.domain.funding import create_scheme, match_candidate, match_scheme
from minga.ecosystem.domain.matchfunding import (
    close_campaign,
    create_campaign,
    create_pool,
    offer_pool,
    pledge,
    totals,
)
from minga.ecosystem.models import Campaign
from minga.registry.models import Actor, Initiative

router = Router(tags=["funding"])


class SchemeIn(WriteSchema):
    funder: int = Field(description="the funder's actor id")
    name: str
    description: dict[str, str] = {}
    instrument: str
    currency: str
    budget: str = ""
    deadline: str | None = None
    territories: list[str] = []
    actor_kinds: list[str] = []
    legal_forms: list[str] = []
    activities: list[str] = []
    sdg_goals: list[int] = []
    sdg_targets: list[str] = []
    stages: list[str] = []
    amount_min: str = ""
    amount_max: str = ""
    cofinancing_min: str = ""
    NULLABLE = frozenset({"deadline"})


@router.post(
    "/schemes",
    response={201: dict[str, Any], **WRITE_ERRORS},
    auth=token_auth,
    summary="Publish a funding scheme",
)
def post_scheme(request: HttpRequest, payload: SchemeIn) -> Status:
    data = payload.dict()
    funder = get_or_404(Actor.objects.all(), data.pop("funder"), "actor")
    data["cofinancing_min"] = data["cofinancing_min"] or None
    scheme = create_scheme(funder, data, by=request.user, via="api")
    return Status(201, match_scheme(scheme.pk, limit=0, near=0)["scheme"])


@router.get("/schemes/{scheme_id}/matches", response={200: dict[str, Any], 404: ErrorOut, 422: InvalidOut},
            summary="The candidates that meet every criterion of a scheme, with why, and the near misses")  # fmt: skip
def scheme_matches(
    request: HttpRequest, scheme_id: int, candidates: str = "initiative", limit: int = 50
) -> dict[str, Any]:
    return match_scheme(
        scheme_id, kind="actor" if candidates == "actor" else "initiative", limit=max(0, min(limit, 500))
    )


@router.get("/matches/{record_type}/{record_id}", response={200: dict[str, Any], 404: ErrorOut},
            summary="The schemes an initiative or an actor fits, and those it does not, with why")  # fmt: skip
def candidate_matches(request: HttpRequest, record_type: str, record_id: int) -> dict[str, Any]:
    return match_candidate("actor" if record_type == "actor" else "initiative", record_id)


class CampaignOut(Schema):
    id: int
    title: str
    initiative: int
    currency: str
    minimum: str
    optimum: str
    deadline: str
    status: str
    totals: dict[str, str]


def _campaign(c: Campaign) -> dict[str, Any]:
    return {"id": c.pk, "title": c.title, "initiative": c.initiative_id, "currency": c.currency,
            "minimum": f"{c.minimum:.2f}", "optimum": f"{c.optimum:.2f}", "deadline": c.deadline.isoformat(),
            "status": c.status, "totals": {k: f"{v:.2f}" for k, v in totals(c).items()}}  # fmt: skip


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignOut, 404: ErrorOut},
    summary="A campaign and its ledger totals",
)
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    return _campaign(get_or_404(Campaign.objects.all(), campaign_id, "campaign"))


class CampaignIn(WriteSchema):
    initiative: int
    title: str = ""
    currency: str
    minimum: str
    optimum: str
    deadline: dt.datetime


@router.post(
    "/campaigns", response={201: CampaignOut, **WRITE_ERRORS}, auth=token_auth, summary="Open a campaign"
)
def post_campaign(request: HttpRequest, payload: CampaignIn) -> Status:
    data = payload.dict()
    initiative = get_or_404(Initiative.objects.all(), data.pop("initiative"), "initiative")
    return Status(201, _campaign(create_campaign(initiative, data, by=request.user, via="api")))


@router.post("/campaigns/{campaign_id}/close", response={200: CampaignOut, **WRITE_ERRORS}, auth=token_auth,
             summary="Close a campaign after its deadline: funded, or every pledge refunded")  # fmt: skip
def post_close(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    campaign = get_or_404(Campaign.objects.all(), campaign_id, "campaign")
    return _campaign(close_campaign(campaign, by=request.user, via="api"))


class PoolIn(WriteSchema):
    funder: int
    name: str = ""
    currency: str
    budget: str
    multiplier: str = "1"
    cap_per_campaign: str = ""
    cap_per_pledge: str = ""
    territories: list[str] = []
    sdg_goals: list[int] = []
    campaigns: list[int] = Field([], description="campaigns this pool matches")


@router.post(
    "/pools", response={201: dict[str, Any], **WRITE_ERRORS}, auth=token_auth, summary="Create a matcher pool"
)
def post_pool(request: HttpRequest, payload: PoolIn) -> Status:
    data = payload.dict()
    funder = get_or_404(Actor.objects.all(), data.pop("funder"), "actor")
    campaigns = [get_or_404(Campaign.objects.all(), c, "campaign") for c in data.pop("campaigns")]
    with transaction.atomic():  # a pool that cannot match one of its campaigns is not created at all
        pool = create_pool(funder, data, by=request.user, via="api")
        for campaign in campaigns:
            offer_pool(pool, campaign, by=request.user, via="api")
    return Status(201, {"id": pool.pk, "name": pool.name, "currency": pool.currency, "budget": f"{pool.budget:.2f}",
                        "spent": f"{pool.spent:.2f}", "multiplier": f"{pool.multiplier:.2f}", "campaigns": [c.pk for c in campaigns]})  # fmt: skip


class PledgeIn(WriteSchema):
    amount: str = Field(description="decimal as a string, in the campaign's currency")
    pledger: str = Field("", description="a pseudonym; never personal data")
    key: str = Field(description="your idempotency key (1-64 characters): a replayed request writes nothing")


class PledgeOut(Schema):
    pledge: str
    matched: str
    replayed: bool
    campaign: CampaignOut


@router.post("/campaigns/{campaign_id}/pledges", response={201: PledgeOut, 200: PledgeOut, 404: ErrorOut, 422: InvalidOut},
             summary="Pledge to a campaign (anyone; matched by the eligible pools)")  # fmt: skip
def post_pledge(request: HttpRequest, campaign_id: int, payload: PledgeIn) -> Status:
    campaign = get_or_404(Campaign.objects.all(), campaign_id, "campaign")
    done = pledge(campaign, payload.amount, pledger=payload.pledger, key=payload.key)
    matched = sum((m.amount for m in done.matches), start=done.pledge.amount * 0)
    body = {"pledge": f"{done.pledge.amount:.2f}", "matched": f"{matched:.2f}", "replayed": done.replayed,
            "campaign": _campaign(campaign)}  # fmt: skip
    return Status(200 if done.replayed else 201, body)

"""/api/v1/funding: publishing a scheme with a token, its matches with reasons, a candidate's schemes, campaigns and
pledges (anyone may pledge; a replay writes nothing; bad amounts are refused)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from minga.core.permissions import SYSTEM
from minga.ecosystem.domain.matchfunding import create_campaign, create_pool
from minga.ecosystem.models import FundingScheme, LedgerEntry, MatcherPool
from minga.registry.models import InitiativeActor
from tests.api.helpers import client, post, status
from tests.factories import make_actor, make_initiative, make_steward

pytestmark = pytest.mark.django_db


def test_a_scheme_is_published_and_matched_through_the_api() -> None:
    funder = make_actor("GB-BST", kind="funder_public")
    bakery = make_initiative("GB-BST", title="Bakery", stage="pilot")
    InitiativeActor.objects.create(initiative=bakery, actor=make_actor("GB-BST"), role="lead")
    steward = client(make_steward("GB-BST"))
    body = {"funder": funder.pk, "name": "Pilots", "instrument": "grant", "currency": "GBP", "stages": ["pilot"],
            "deadline": "2027-01-31"}  # fmt: skip

    created = status(post(steward, "/api/v1/funding/schemes", body))
    refused = status(
        post(steward, "/api/v1/funding/schemes", {**body, "deadline": "31/01/2027", "currency": "XX"})
    )
    anonymous = post(client(), "/api/v1/funding/schemes", body)

    scheme = FundingScheme.objects.get()
    assert created == (201, {"id": scheme.pk, "name": "Pilots", "criteria": ["open", "stage"]})
    assert refused[0] == 422 and refused[1]["errors"] == {
        "currency": ["'XX' is not an ISO 4217 code"],
        "deadline": ["'31/01/2027' is not a date (write YYYY-MM-DD)"],
    }
    assert anonymous.status_code == 401
    matches = client().get(f"/api/v1/funding/schemes/{scheme.pk}/matches").json()
    assert (matches["total"], [m["name"] for m in matches["matches"]]) == (1, ["Bakery"])
    mine = client().get(f"/api/v1/funding/matches/initiative/{bakery.pk}").json()
    assert [m["scheme"]["name"] for m in mine["matches"]] == ["Pilots"]


def test_anyone_pledges_through_the_api_and_a_replay_writes_nothing() -> None:
    campaign = create_campaign(make_initiative("GB-BST"), {"currency": "EUR", "minimum": "10", "optimum": "100",
                                                           "deadline": timezone.now() + dt.timedelta(days=3)}, by=SYSTEM, via="t")  # fmt: skip
    create_pool(
        make_actor("FR", kind="funder_public"), {"currency": "EUR", "budget": "5"}, by=SYSTEM, via="t"
    ).campaigns.add(campaign)
    url = f"/api/v1/funding/campaigns/{campaign.pk}/pledges"

    first = status(post(client(), url, {"amount": "20", "pledger": "ana", "key": "abc"}))
    again = status(post(client(), url, {"amount": "20", "pledger": "ana", "key": "abc"}))
    bad = status(post(client(), url, {"amount": "-1", "key": "def"}))

    assert (first[0], first[1]["pledge"], first[1]["matched"], first[1]["replayed"]) == (
        201,
        "20.00",
        "5.00",
        False,
    )
    assert (again[0], again[1]["replayed"]) == (200, True)
    assert first[1]["campaign"]["totals"] == {
        "pledged": "20.00",
        "matched": "5.00",
        "refunded": "0.00",
        "released": "0.00",
        "raised": "25.00",
    }
    assert (bad[0], bad[1]["errors"]) == (422, {"amount": ["amount -1 is negative"]})
    assert LedgerEntry.objects.count() == 2


def test_a_campaign_is_opened_matched_by_a_new_pool_and_closed_through_the_api() -> None:
    bakery = make_initiative("GB-BST", title="Bakery")
    funder = make_actor("GB-BST", kind="funder_public", name="City")
    steward = client(make_steward("GB-BST"))
    deadline = (timezone.now() + dt.timedelta(days=2)).isoformat()

    opened = status(post(steward, "/api/v1/funding/campaigns", {"initiative": bakery.pk, "currency": "GBP",
                                                                 "minimum": "50", "optimum": "500", "deadline": deadline}))  # fmt: skip
    campaign_id = opened[1]["id"]
    wrong = status(post(steward, "/api/v1/funding/pools", {"funder": funder.pk, "currency": "EUR", "budget": "100",
                                                            "campaigns": [campaign_id]}))  # fmt: skip
    pool = status(post(steward, "/api/v1/funding/pools", {"funder": funder.pk, "currency": "GBP", "budget": "100",
                                                           "multiplier": "2", "campaigns": [campaign_id]}))  # fmt: skip
    pledged = status(
        post(client(), f"/api/v1/funding/campaigns/{campaign_id}/pledges", {"amount": "10", "key": "k"})
    )
    early = status(post(steward, f"/api/v1/funding/campaigns/{campaign_id}/close", {}))

    assert (opened[0], opened[1]["status"], opened[1]["minimum"]) == (201, "open", "50.00")
    assert (wrong[0], wrong[1]["errors"]) == (422, {"campaign": [
        "the pool 'City' cannot match this campaign (currency, territory or SDG goals differ)"]})  # fmt: skip
    assert MatcherPool.objects.count() == 1  # the refused pool was not created
    assert (pool[0], pool[1]["multiplier"], pledged[1]["matched"]) == (201, "2.00", "20.00")
    assert (early[0], early[1]["detail"].startswith("The campaign 'Bakery' runs until")) == (400, True)
    assert (
        status(post(client(make_steward("GB-MAN")), f"/api/v1/funding/campaigns/{campaign_id}/close", {}))[0]
        == 403
    )

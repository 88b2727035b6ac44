"""Funding on the web: publishing a scheme, applying and awarding, opening a campaign, pledging (matched, replay-safe,
refused when bad), in the page's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from minga.core.permissions import SYSTEM
from minga.ecosystem.domain.matchfunding import create_campaign, create_pool
from minga.ecosystem.models import Application, Campaign, FundingScheme, LedgerEntry, MatcherPool, Relation
from minga.registry.models import InitiativeActor
from tests.factories import make_actor, make_initiative, make_steward
from tests.web.test_relations import signed_in

pytestmark = pytest.mark.django_db


def test_a_funder_publishes_a_scheme_an_initiative_applies_and_the_award_becomes_a_relation() -> None:
    funder = make_actor("GB-BST", kind="funder_public", name="City")
    bakery = make_initiative("GB-BST", title="Bakery", stage="pilot")
    InitiativeActor.objects.create(initiative=bakery, actor=make_actor("GB-BST"), role="lead")
    steward = signed_in(make_steward("GB-BST"))

    bad = steward.post(
        f"/en/actors/{funder.pk}/schemes/new/", {"name": "Pilots", "instrument": "grant", "currency": "GBX"}
    )
    made = steward.post(f"/en/actors/{funder.pk}/schemes/new/", {"name": "Pilots", "instrument": "grant", "currency": "GBP",
                                                                  "territories": "GB", "stages": ["pilot"], "sdg_goals": []})  # fmt: skip
    scheme = FundingScheme.objects.get()
    applied = steward.post(
        f"/en/schemes/{scheme.pk}/apply/", {"initiative": bakery.pk, "amount_requested": "900"}
    )
    application = Application.objects.get()
    awarded = steward.post(f"/en/applications/{application.pk}/award/", {"amount": "750.00"})

    assert (bad.status_code, "&#x27;GBX&#x27; is not an ISO 4217 code" in bad.content.decode()) == (400, True)
    assert (made.status_code, made["Location"], scheme.stages, scheme.territories) == (
        302,
        f"/en/schemes/{scheme.pk}/",
        ["pilot"],
        ["GB"],
    )
    assert (applied.status_code, awarded.status_code) == (302, 302)
    assert list(Relation.objects.values_list("type", "from_actor", "to_initiative", "amount")) == [
        ("funds", funder.pk, bakery.pk, Decimal("750.00"))
    ]
    application.refresh_from_db()
    assert (application.status, application.amount_awarded) == ("awarded", Decimal("750.00"))
    assert (
        "Awarded: the grant is now a funding relation."
        in steward.get(f"/en/schemes/{scheme.pk}/").content.decode()
    )


def test_anyone_pledges_on_a_campaign_page_and_sees_the_match() -> None:
    bakery = make_initiative("GB-BST", title="Bakery")
    campaign = create_campaign(bakery, {"currency": "GBP", "minimum": "100", "optimum": "400",
                                        "deadline": timezone.now() + dt.timedelta(days=5)}, by=SYSTEM, via="t")  # fmt: skip
    pool = create_pool(
        make_actor("GB", kind="funder_public", name="City"),
        {"currency": "GBP", "budget": "50"},
        by=SYSTEM,
        via="t",
    )
    pool.campaigns.add(campaign)
    client = Client(HTTP_HOST="localhost")

    first = client.post(
        f"/es/campaigns/{campaign.pk}/", {"amount": "30", "pledger": "Ana", "key": "k-1"}, follow=True
    )
    replay = client.post(f"/es/campaigns/{campaign.pk}/", {"amount": "30", "pledger": "Ana", "key": "k-1"})
    bad = client.post(f"/es/campaigns/{campaign.pk}/", {"amount": "-2", "key": "k-2"})

    assert (
        "Gracias: su aporte de 30,00 GBP quedó registrado y se igualó con 30,00 GBP."
        in first.content.decode()
    )
    assert "60,00 de 400,00 GBP" in first.content.decode()
    assert replay.status_code == 302 and LedgerEntry.objects.count() == 2
    assert (
        bad.status_code,
        "amount -2 is negative" in bad.content.decode(),
        LedgerEntry.objects.count(),
    ) == (400, True, 2)


def test_an_editor_opens_a_campaign_from_the_initiative() -> None:
    bakery = make_initiative("GB-BST", title="Bakery")
    steward = signed_in(make_steward("GB-BST"))
    deadline = (timezone.now() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")

    response = steward.post(f"/fr/initiatives/{bakery.pk}/campaigns/new/", {"title": "Four", "currency": "EUR",
                                                                            "minimum": "500", "optimum": "400", "deadline": deadline})  # fmt: skip
    fixed = steward.post(f"/fr/initiatives/{bakery.pk}/campaigns/new/", {"title": "Four", "currency": "EUR",
                                                                         "minimum": "500", "optimum": "900", "deadline": deadline})  # fmt: skip

    assert (response.status_code, "must be at least the minimum" in response.content.decode()) == (400, True)
    assert (fixed.status_code, Campaign.objects.get().optimum) == (302, Decimal("900.00"))


def test_a_steward_records_a_partnership_through_the_form() -> None:
    council, coop = make_actor("GB-BST", kind="local_government"), make_actor("GB-BST")
    steward = signed_in(make_steward("GB-BST"))

    bad = steward.post(
        "/en/partnerships/new/", {"name": "Food", "currency": "GBP", "members": f"council, lead\n{coop.pk}"}
    )
    good = steward.post("/en/partnerships/new/", {"name": "Food", "currency": "GBP",
                                                   "members": f"{council.pk}, lead, 300, public\n{coop.pk}, member, 100"})  # fmt: skip

    assert (bad.status_code, "Line 1: start with the actor&#x27;s Minga number." in bad.content.decode()) == (
        400,
        True,
    )
    assert good.status_code == 302
    page = steward.get(good["Location"]).content.decode()
    assert '<th scope="row">Public</th><td class="number">300.00</td>' in page
    assert '<th scope="row">Community</th><td class="number">100.00</td>' in page


def test_the_initiative_editor_closes_a_failed_campaign_and_everyone_is_refunded() -> None:
    bakery = make_initiative("GB-BST", title="Bakery")
    campaign = create_campaign(bakery, {"currency": "GBP", "minimum": "100", "optimum": "400",
                                        "deadline": timezone.now() + dt.timedelta(days=5)}, by=SYSTEM, via="t")  # fmt: skip
    Client(HTTP_HOST="localhost").post(f"/en/campaigns/{campaign.pk}/", {"amount": "30", "key": "k-1"})
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    steward = signed_in(make_steward("GB-BST"))

    closed = steward.post(f"/en/campaigns/{campaign.pk}/", {"close": "1"}, follow=True)

    assert "The campaign is closed: Failed (refunded)." in closed.content.decode()
    assert list(LedgerEntry.objects.order_by("id").values_list("kind", "amount")) == [
        ("pledge", Decimal("30.00")),
        ("refund", Decimal("30.00")),
    ]
    assert (
        signed_in(make_steward("GB-MAN")).post(f"/en/campaigns/{campaign.pk}/", {"close": "1"}).status_code
        == 403
    )


def test_a_funder_creates_a_matcher_pool_for_a_campaign_all_or_nothing() -> None:
    funder = make_actor("GB-BST", kind="funder_public", name="City")
    campaign = create_campaign(make_initiative("GB-BST"), {"currency": "GBP", "minimum": "10", "optimum": "100",
                                                           "deadline": timezone.now() + dt.timedelta(days=5)}, by=SYSTEM, via="t")  # fmt: skip
    steward = signed_in(make_steward("GB-BST"))
    url = f"/en/actors/{funder.pk}/pools/new/"

    wrong = steward.post(
        url,
        {
            "name": "Euro pool",
            "currency": "EUR",
            "budget": "100",
            "multiplier": "1",
            "campaigns": str(campaign.pk),
        },
    )
    unknown = steward.post(
        url, {"name": "P", "currency": "GBP", "budget": "100", "multiplier": "1", "campaigns": "999"}
    )
    good = steward.post(
        url,
        {
            "name": "City pool",
            "currency": "GBP",
            "budget": "100",
            "multiplier": "2",
            "campaigns": str(campaign.pk),
        },
    )

    assert (wrong.status_code, "cannot match this campaign" in wrong.content.decode()) == (400, True)
    assert (unknown.status_code, "No campaign with number 999." in unknown.content.decode()) == (400, True)
    assert good.status_code == 302
    assert list(MatcherPool.objects.values_list("name", "multiplier", "campaigns")) == [
        ("City pool", Decimal("2.00"), campaign.pk)
    ]

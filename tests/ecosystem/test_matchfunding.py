"""Matchfunding: pledges and their matches, replays, closed campaigns, refunds on a failed campaign, funds relations
on a successful one, the ledger to the cent, and 50 concurrent pledgers against one pool (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from minga.core.errors import MingaError, ValidationFailed
from minga.ecosystem.domain.matchfunding import close_campaign, create_campaign, create_pool, pledge, totals
from minga.ecosystem.models import Campaign, LedgerEntry, MatcherPool, Relation
from tests.factories import make_actor, make_initiative, make_user
from tests.registry.test_import_kill import _environment

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def campaign() -> Campaign:
    admin = make_user(superuser=True)
    found = create_campaign(make_initiative("GB-BST", title="Bakery"), {
        "currency": "GBP", "minimum": "100", "optimum": "1000", "deadline": timezone.now() + dt.timedelta(days=30),
    }, by=admin, via="test")  # fmt: skip
    city = create_pool(make_actor("GB", kind="funder_public", name="City"), {
        "currency": "GBP", "budget": "150", "multiplier": "2", "cap_per_pledge": "40"}, by=admin, via="test")  # fmt: skip
    euros = create_pool(make_actor("FR", kind="funder_public", name="Ville"), {"currency": "EUR", "budget": "500"},
                        by=admin, via="test")  # fmt: skip
    elsewhere = create_pool(make_actor("GB", kind="funder_private", name="North"), {
        "currency": "GBP", "budget": "500", "territories": ["GB-MAN"]}, by=admin, via="test")  # fmt: skip
    for pool in (city, euros, elsewhere):
        pool.campaigns.add(found)
    return found


def ledger(campaign: Campaign) -> list[tuple[str, str, str, str]]:
    return [
        (e.kind, str(e.amount), e.pool.name if e.pool else "", e.pledger)
        for e in campaign.ledger.order_by("id")
    ]


def test_a_pledge_is_matched_by_the_eligible_pools_within_their_caps(campaign: Campaign) -> None:
    first = pledge(campaign, "30", pledger="ana", key="k1")
    second = pledge(
        campaign, "60.50", pledger="ben", key="k2"
    )  # counted up to 40, ×2 = 80, 90 left in the pool
    third = pledge(campaign, "25", pledger="cai", key="k3")  # ×2 = 50, but only 10 left

    assert ledger(campaign) == [
        ("pledge", "30.00", "", "ana"), ("match", "60.00", "City", ""),
        ("pledge", "60.50", "", "ben"), ("match", "80.00", "City", ""),
        ("pledge", "25.00", "", "cai"), ("match", "10.00", "City", ""),
    ]  # fmt: skip
    assert [len(p.matches) for p in (first, second, third)] == [1, 1, 1]
    assert totals(campaign) == {"pledged": Decimal("115.50"), "matched": Decimal("150.00"), "refunded": Decimal("0.00"),
                                "released": Decimal("0.00"), "raised": Decimal("265.50")}  # fmt: skip
    assert MatcherPool.objects.get(name="City").spent == Decimal("150.00")


def test_a_replayed_pledge_writes_nothing_and_bad_pledges_are_refused(campaign: Campaign) -> None:
    pledge(campaign, "10", pledger="ana", key="same")
    replay = pledge(campaign, "10", pledger="ana", key="same")

    assert (replay.replayed, LedgerEntry.objects.count()) == (True, 2)
    refusals = []
    for amount in ("-5", "0", "abc", "1.234"):
        with pytest.raises(ValidationFailed) as err:
            pledge(campaign, amount, pledger="x", key=f"bad-{amount}")
        refusals.append(err.value.errors["amount"][0])
    assert refusals == ["amount -5 is negative", "a pledge is more than zero", "amount 'abc' is not a number",
                        "amount 1.234 has more than 2 decimals"]  # fmt: skip
    with pytest.raises(MingaError, match="is closed to pledges"):
        pledge(campaign, "10", pledger="late", key="late", now=campaign.deadline + dt.timedelta(seconds=1))
    assert LedgerEntry.objects.count() == 2


def test_a_campaign_that_misses_its_minimum_refunds_every_pledge_and_releases_every_match(
    campaign: Campaign,
) -> None:
    pledge(campaign, "10", pledger="ana", key="k1")
    pledge(campaign, "20", pledger="ben", key="k2")  # raised 30 + 60 matched = 90 < 100

    close_campaign(
        campaign, by=make_user(superuser=True), via="test", now=campaign.deadline + dt.timedelta(minutes=1)
    )

    campaign.refresh_from_db()
    assert (campaign.status, totals(campaign)["raised"], MatcherPool.objects.get(name="City").spent) == (
        "failed", Decimal("0.00"), Decimal("0.00"),
    )  # fmt: skip
    assert [(e.kind, str(e.amount), e.undoes.kind) for e in campaign.ledger.filter(undoes__isnull=False).order_by("id")] == [
        ("refund", "10.00", "pledge"), ("release", "20.00", "match"), ("refund", "20.00", "pledge"), ("release", "40.00", "match"),
    ]  # fmt: skip
    assert Relation.objects.count() == 0


def test_a_funded_campaign_gives_each_pool_a_funds_relation(campaign: Campaign) -> None:
    pledge(campaign, "50", pledger="ana", key="k1")
    with pytest.raises(MingaError, match="runs until"):
        close_campaign(campaign, by=make_user(superuser=True), via="test")

    close_campaign(
        campaign, by=make_user(superuser=True), via="test", now=campaign.deadline + dt.timedelta(minutes=1)
    )

    assert list(
        Relation.objects.values_list(
            "type", "from_actor__name", "to_initiative__title", "amount", "instrument"
        )
    ) == [
        ("funds", "City", "Bakery", Decimal("80.00"), "matchfunding"),
    ]


@pytest.mark.slow
def test_fifty_concurrent_pledgers_never_overspend_the_pool(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    done = subprocess.run([sys.executable, "-m", "tests.ecosystem.pledge_race", "50", "4", "7.50", "1000.00"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr

    result = json.loads(done.stdout.strip().splitlines()[-1])

    # 200 pledges of 7.50 (each sent twice): 133 matched in full (997.50), one by the 2.50 left, 66 unmatched
    assert result == {"errors": [], "pledges": 200, "pledged": "1500.00", "matches": 134, "matched": "1000.00",
                      "spent": "1000.00", "budget": "1000.00"}  # fmt: skip

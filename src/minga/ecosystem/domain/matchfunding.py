"""Matchfunding: pledges, the matches pools add to them, and closing a campaign (funded, or every pledge refunded
and every match released). Each pledge is one transaction that locks the pools it draws on (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` holds the write lock), so concurrent pledges queue for a pool
and can never overspend it; the database refuses an overspent pool besides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from minga.core import audit
from minga.core.errors import MingaError, ValidationFailed
from minga.core.permissions import can_edit_actor, can_edit_initiative, require
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.references import Ref
from minga.ecosystem.domain.relations import RelationData, create_relation
from minga.ecosystem.models import Campaign, CampaignStatus, EntryKind, LedgerEntry, MatcherPool, RelationType
from minga.maths.matchfunding import match_for
from minga.registry.models import Actor, Initiative
from minga.territories.models import Territory


@dataclass(frozen=True)
class Pledged:
    pledge: LedgerEntry
    matches: list[LedgerEntry]
    replayed: bool  # the same key was seen before: nothing new was written


def _money(value: Any, name: str, currency: str) -> Decimal:
    try:
        amount, _ = rules.parse_money(RelationType.FUNDS, str(value), currency)
    except ValueError as err:
        raise ValidationFailed({name: [str(err)]}) from None
    except InvalidOperation:
        raise ValidationFailed({name: [f"{value!r} is not an amount"]}) from None
    assert amount is not None
    return amount


def create_campaign(initiative: Initiative, data: Mapping[str, Any], *, by: Any, via: str) -> Campaign:
    """Open a campaign for ``initiative`` (permission: whoever may edit it). Side effects: campaign, audit entry."""
    require(can_edit_initiative(by, initiative), f"open a campaign for {initiative.title!r}")
    currency = str(data.get("currency") or "").upper()
    if currency not in rules.currencies():
        raise ValidationFailed({"currency": [f"{currency!r} is not an ISO 4217 code"]})
    minimum, optimum = (
        _money(data.get("minimum"), "minimum", currency),
        _money(data.get("optimum"), "optimum", currency),
    )
    deadline = data.get("deadline")
    errors: dict[str, list[str]] = {}
    if minimum <= 0:
        errors["minimum"] = ["must be more than zero"]
    if optimum < minimum:
        errors["optimum"] = ["must be at least the minimum"]
    if not isinstance(deadline, dt.datetime) or deadline <= timezone.now():
        errors["deadline"] = ["a date and time in the future"]
    if errors or not isinstance(deadline, dt.datetime):
        raise ValidationFailed(errors)
    with transaction.atomic():
        campaign = Campaign.objects.create(initiative=initiative, title=str(data.get("title") or initiative.title)[:300],
                                           currency=currency, minimum=minimum, optimum=optimum, deadline=deadline)  # fmt: skip
        audit.record(action="create", instance=campaign, by=by, via=via,
                     changes={"minimum": [None, str(minimum)], "optimum": [None, str(optimum)]})  # fmt: skip
    return campaign


def create_pool(funder: Actor, data: Mapping[str, Any], *, by: Any, via: str) -> MatcherPool:
    """A matcher pool of ``funder`` (permission: whoever may edit the funder). Side effects: pool, audit entry."""
    require(can_edit_actor(by, funder), f"create matcher pools of {funder.name!r}")
    currency = str(data.get("currency") or "").upper()
    if currency not in rules.currencies():
        raise ValidationFailed({"currency": [f"{currency!r} is not an ISO 4217 code"]})
    values: dict[str, Decimal | None] = {"budget": _money(data.get("budget"), "budget", currency)}
    for name in ("cap_per_campaign", "cap_per_pledge"):
        values[name] = _money(data[name], name, currency) if data.get(name) not in (None, "") else None
    try:
        multiplier = Decimal(str(data.get("multiplier", "1")))
    except InvalidOperation:
        raise ValidationFailed({"multiplier": ["a number such as 1 (1:1) or 2 (2:1)"]}) from None
    if not multiplier.is_finite() or multiplier <= 0 or multiplier > 10:
        raise ValidationFailed(
            {"multiplier": ["a number above 0 and at most 10, such as 1 (1:1) or 2 (2:1)"]}
        )
    with transaction.atomic():
        pool = MatcherPool.objects.create(funder=funder, name=str(data.get("name") or funder.name)[:300],
                                          currency=currency, multiplier=multiplier,
                                          territories=list(data.get("territories") or []),
                                          sdg_goals=list(data.get("sdg_goals") or []), **values)  # fmt: skip
        audit.record(
            action="create", instance=pool, by=by, via=via, changes={"budget": [None, str(values["budget"])]}
        )
    return pool


def offer_pool(pool: MatcherPool, campaign: Campaign, *, by: Any, via: str) -> None:
    """Let ``pool`` match pledges to ``campaign`` (permission: whoever may edit the pool's funder). Refused when the
    pool could never match it (another currency, territory or SDG goals). Side effects: the link, an audit entry."""
    require(can_edit_actor(by, pool.funder), f"offer the pool {pool.name!r}")
    if not eligible(pool, campaign):
        raise ValidationFailed({"campaign": [f"the pool {pool.name!r} cannot match this campaign (currency, territory "
                                             "or SDG goals differ)"]})  # fmt: skip
    with transaction.atomic():
        pool.campaigns.add(campaign)
        audit.record(
            action="update", instance=pool, changes={"campaigns": [None, campaign.pk]}, by=by, via=via
        )


def eligible(pool: MatcherPool, campaign: Campaign) -> bool:
    """Does ``pool`` match pledges to ``campaign``: same currency, listed (when the pool lists campaigns), and the
    campaign's initiative in the pool's territories and serving one of its SDG goals (when it sets them)."""
    if pool.currency != campaign.currency:
        return False
    initiative = campaign.initiative
    if pool.territories:
        paths = Territory.objects.filter(code__in=pool.territories).values_list("path", flat=True)
        if not any(initiative.territory_path.startswith(p) for p in paths):
            return False
    if pool.sdg_goals:
        goals = set(
            initiative.sdg_links.filter(origin__in=["confirmed", "manual"]).values_list(
                "target__goal__number", flat=True
            )
        )
        if not goals & set(pool.sdg_goals):
            return False
    return True


def pledge(
    campaign: Campaign, amount: Any, *, pledger: str, key: str, now: dt.datetime | None = None
) -> Pledged:
    """Record a pledge of ``amount`` and the matches every eligible pool adds to it, in one transaction. ``key`` is
    the pledger's idempotency key: replaying a request returns what was recorded and writes nothing."""
    if not key or len(key) > 64:
        raise ValidationFailed({"key": ["an idempotency key of 1 to 64 characters"]})
    value = _money(amount, "amount", campaign.currency)
    if value <= 0:
        raise ValidationFailed({"amount": ["a pledge is more than zero"]})
    try:
        with transaction.atomic():
            locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
            previous = LedgerEntry.objects.filter(campaign=locked, key=key).first()
            if previous is not None:
                return Pledged(previous, list(previous.matches.all()), replayed=True)
            if locked.status != CampaignStatus.OPEN or (now or timezone.now()) > locked.deadline:
                raise MingaError(f"The campaign {locked.title!r} is closed to pledges.",
                                 hint="Pledge to an open campaign before its deadline.")  # fmt: skip
            entry = LedgerEntry.objects.create(campaign=locked, kind=EntryKind.PLEDGE, amount=value,
                                               currency=locked.currency, pledger=pledger[:64], key=key)  # fmt: skip
            matches = [m for pool in _pools(locked) if (m := _match(locked, pool, entry)) is not None]
    except IntegrityError:  # the same key committed by a concurrent request between our read and write
        previous = LedgerEntry.objects.get(campaign=campaign, key=key)
        return Pledged(previous, list(previous.matches.all()), replayed=True)
    return Pledged(entry, matches, replayed=False)


def _pools(campaign: Campaign) -> list[MatcherPool]:
    ids = campaign.pools.order_by("id").values_list("id", flat=True)
    return [
        p
        for p in MatcherPool.objects.select_for_update().filter(pk__in=list(ids)).order_by("id")
        if eligible(p, campaign)
    ]


def _match(campaign: Campaign, pool: MatcherPool, entry: LedgerEntry) -> LedgerEntry | None:
    given = _net(campaign, pool=pool)
    raised = _raised(campaign)  # this pledge included
    amount = match_for(
        entry.amount, multiplier=pool.multiplier, cap_per_pledge=pool.cap_per_pledge,
        campaign_room=(pool.cap_per_campaign - given) if pool.cap_per_campaign is not None else None,
        pool_room=pool.budget - pool.spent, optimum_room=campaign.optimum - raised + entry.amount,
    )  # fmt: skip
    if amount <= 0:
        return None
    pool.spent += amount
    pool.save(update_fields=["spent"])
    return LedgerEntry.objects.create(campaign=campaign, kind=EntryKind.MATCH, amount=amount, currency=pool.currency,
                                      pool=pool, of_pledge=entry)  # fmt: skip


def _sum(**filters: Any) -> Decimal:
    """A sum of ledger amounts, to the cent (SQLite's SUM drops the scale: 1500 for 1500.00)."""
    total = LedgerEntry.objects.filter(**filters).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return Decimal(total).quantize(Decimal("0.01"))


def _net(campaign: Campaign, *, pool: MatcherPool) -> Decimal:
    return _sum(campaign=campaign, pool=pool, kind=EntryKind.MATCH) - _sum(
        campaign=campaign, pool=pool, kind=EntryKind.RELEASE
    )


def _raised(campaign: Campaign) -> Decimal:
    """Pledges and matches, less refunds and releases."""
    plus = _sum(campaign=campaign, kind__in=[EntryKind.PLEDGE, EntryKind.MATCH])
    return plus - _sum(campaign=campaign, kind__in=[EntryKind.REFUND, EntryKind.RELEASE])


def totals(campaign: Campaign) -> dict[str, Decimal]:
    """What the ledger says of a campaign, to the cent."""
    sums = {kind: _sum(campaign=campaign, kind=kind) for kind in EntryKind.values}
    return {"pledged": sums["pledge"], "matched": sums["match"], "refunded": sums["refund"],
            "released": sums["release"], "raised": _raised(campaign)}  # fmt: skip


def close_campaign(campaign: Campaign, *, by: Any, via: str, now: dt.datetime | None = None) -> Campaign:
    """After the deadline: a campaign that reached its minimum succeeds, and each pool's matches become a
    ``funds`` relation (instrument matchfunding) to the initiative; one that did not fails, every pledge is
    refunded and every match released to its pool. Side effects: ledger entries, pools' ``spent``, relations,
    the campaign's status, audit entries. Permission: whoever may edit the campaign's initiative."""
    require(can_edit_initiative(by, campaign.initiative), f"close the campaign {campaign.title!r}")
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != CampaignStatus.OPEN:
            return campaign
        if (now or timezone.now()) <= campaign.deadline:
            raise MingaError(f"The campaign {campaign.title!r} runs until {campaign.deadline:%Y-%m-%d %H:%M}.",
                             hint="Close it after its deadline.")  # fmt: skip
        if _raised(campaign) >= campaign.minimum:
            for pool in MatcherPool.objects.filter(ledger__campaign=campaign).distinct().order_by("id"):
                create_relation(RelationData(
                    RelationType.FUNDS, Ref(rules.ACTOR, pool.funder_id, "matcher pool"),
                    Ref(rules.INITIATIVE, campaign.initiative_id, "campaign"), amount=_net(campaign, pool=pool),
                    currency=pool.currency, instrument="matchfunding", note=f"{pool.name} → {campaign.title}",
                    source="matchfunding", source_id=f"campaign:{campaign.pk}:pool:{pool.pk}",
                ), by=_system(), via=via)  # fmt: skip
            campaign.status = CampaignStatus.SUCCEEDED
        else:
            for entry in LedgerEntry.objects.filter(
                campaign=campaign, kind__in=[EntryKind.PLEDGE, EntryKind.MATCH]
            ):
                kind = EntryKind.REFUND if entry.kind == EntryKind.PLEDGE else EntryKind.RELEASE
                LedgerEntry.objects.create(campaign=campaign, kind=kind, amount=entry.amount, currency=entry.currency,
                                           pool=entry.pool, pledger=entry.pledger, undoes=entry)  # fmt: skip
                if entry.pool_id:
                    pool = MatcherPool.objects.select_for_update().get(pk=entry.pool_id)
                    pool.spent -= entry.amount
                    pool.save(update_fields=["spent"])
            campaign.status = CampaignStatus.FAILED
        campaign.save(update_fields=["status"])
        audit.record(
            action="update", instance=campaign, by=by, via=via, changes={"status": ["open", campaign.status]}
        )
    return campaign


def _system() -> Any:
    from minga.core.permissions import SYSTEM

    return SYSTEM

"""Matchfunding arithmetic, in Decimal (no float money, no Django): how much a matcher pool adds to one pledge.

A pool matches ``multiplier`` × the pledge (1 for 1:1, 2 for 2:1), counting at most ``cap_per_pledge`` of each
pledge, and never more than what is left of its cap for this campaign, of its own budget, or of the campaign's
room up to its optimum. Amounts are rounded down to the cent, so rounding can never overspend a pool."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """``value`` rounded down to the cent."""
    return value.quantize(CENT, rounding=ROUND_DOWN)


def match_for(
    pledge: Decimal,
    *,
    multiplier: Decimal,
    cap_per_pledge: Decimal | None,
    campaign_room: Decimal | None,
    pool_room: Decimal,
    optimum_room: Decimal | None = None,
) -> Decimal:
    """The match for ``pledge`` (≥ 0, at most two decimals): ``campaign_room`` is what is left of the pool's cap
    for this campaign (None: no cap), ``pool_room`` what is left of its budget, ``optimum_room`` what the campaign
    may still raise before its optimum, this pledge included (None: no limit)."""
    if pledge <= 0 or multiplier <= 0:
        return Decimal("0.00")
    counted = min(pledge, cap_per_pledge) if cap_per_pledge is not None else pledge
    match = cents(counted * multiplier)
    limits = [pool_room]
    if campaign_room is not None:
        limits.append(campaign_room)
    if optimum_room is not None:
        limits.append(optimum_room - pledge)
    return max(Decimal("0.00"), cents(min([match, *limits])))

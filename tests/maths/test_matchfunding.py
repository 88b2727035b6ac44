"""The pool arithmetic (Hypothesis): a match never exceeds the multiplied pledge, any cap or the pool's budget, is
whole cents, never negative; a run of pledges never spends more than the budget."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from minga.maths.matchfunding import cents, match_for

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
maybe_money = st.one_of(st.none(), st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2))
multipliers = st.decimals(min_value=Decimal("0.25"), max_value=Decimal("5"), places=2)


def test_known_cases() -> None:
    assert [
        match_for(Decimal("10"), multiplier=Decimal("1"), cap_per_pledge=None, campaign_room=None, pool_room=Decimal("100")),
        match_for(Decimal("10"), multiplier=Decimal("2"), cap_per_pledge=None, campaign_room=None, pool_room=Decimal("100")),
        match_for(Decimal("80"), multiplier=Decimal("1"), cap_per_pledge=Decimal("50"), campaign_room=None, pool_room=Decimal("100")),
        match_for(Decimal("80"), multiplier=Decimal("1"), cap_per_pledge=None, campaign_room=Decimal("12.34"), pool_room=Decimal("100")),
        match_for(Decimal("80"), multiplier=Decimal("1"), cap_per_pledge=None, campaign_room=None, pool_room=Decimal("7.5")),
        match_for(Decimal("0.01"), multiplier=Decimal("1.5"), cap_per_pledge=None, campaign_room=None, pool_room=Decimal("1")),
        match_for(Decimal("30"), multiplier=Decimal("1"), cap_per_pledge=None, campaign_room=None, pool_room=Decimal("100"),
                  optimum_room=Decimal("40")),
    ] == [Decimal("10.00"), Decimal("20.00"), Decimal("50.00"), Decimal("12.34"), Decimal("7.50"), Decimal("0.01"),
          Decimal("10.00")]  # fmt: skip


@given(pledge=money, multiplier=multipliers, cap=maybe_money, campaign_room=maybe_money,
       pool_room=st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2), optimum_room=maybe_money)  # fmt: skip
def test_a_match_respects_every_limit(
    pledge: Decimal, multiplier: Decimal, cap: Decimal | None, campaign_room: Decimal | None, pool_room: Decimal,
    optimum_room: Decimal | None,
) -> None:  # fmt: skip
    match = match_for(pledge, multiplier=multiplier, cap_per_pledge=cap, campaign_room=campaign_room,
                      pool_room=pool_room, optimum_room=optimum_room)  # fmt: skip

    assert match >= 0 and match == cents(match)
    assert match <= (min(pledge, cap) if cap is not None else pledge) * multiplier
    assert match <= pool_room
    assert campaign_room is None or match <= campaign_room
    assert optimum_room is None or match <= max(Decimal(0), optimum_room - pledge)


@given(pledges=st.lists(money, max_size=60), budget=money, multiplier=multipliers, cap=maybe_money)
def test_a_run_of_pledges_never_spends_more_than_the_budget(
    pledges: list[Decimal], budget: Decimal, multiplier: Decimal, cap: Decimal | None
) -> None:
    spent = Decimal("0.00")
    for amount in pledges:
        spent += match_for(
            amount, multiplier=multiplier, cap_per_pledge=cap, campaign_room=None, pool_room=budget - spent
        )

    assert Decimal(0) <= spent <= budget
    assert spent == cents(spent)

"""What each relation type allows: which kinds of record its ends are, which instruments it takes, whether it
carries money. Pure data and checks (no database); ``relations`` applies them on every write path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from minga.ecosystem.models import Instrument, RelationType, SupportForm

ACTOR, INITIATIVE, EITHER = "actor", "initiative", "either"

#: relation type → (kind of its origin, kind of its target)
ENDS: dict[str, tuple[str, str]] = {
    RelationType.MEMBER_OF: (ACTOR, ACTOR),
    RelationType.FUNDS: (ACTOR, EITHER),
    RelationType.PARTNERS_WITH: (ACTOR, ACTOR),
    RelationType.SUPPORTS: (ACTOR, EITHER),
    RelationType.SUPPLIES: (ACTOR, ACTOR),
    RelationType.IMPLEMENTS: (ACTOR, INITIATIVE),
    RelationType.ADOPTS_POLICY: (ACTOR, INITIATIVE),
    RelationType.REPLICATES: (INITIATIVE, INITIATIVE),
}

#: relation type → the values its ``instrument`` may take (empty: none)
INSTRUMENTS: dict[str, frozenset[str]] = {
    RelationType.FUNDS: frozenset(Instrument.values),
    RelationType.SUPPORTS: frozenset(SupportForm.values),
}

#: types that may carry an amount of money
WITH_AMOUNT = frozenset({RelationType.FUNDS, RelationType.SUPPLIES, RelationType.SUPPORTS})

#: types read in both directions (A partners with B is B partners with A)
SYMMETRIC = frozenset({RelationType.PARTNERS_WITH})

GOVERNMENT_KINDS = frozenset({"local_government", "regional_government", "national_government"})


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """ISO 4217 alphabetic codes (pycountry's table)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def parse_type(value: str) -> str:
    value = (value or "").strip()
    if value not in ENDS:
        raise ValueError(f"unknown type {value!r}; use one of: {', '.join(ENDS)}")
    return value


def parse_date(value: str, column: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date (write YYYY-MM-DD)") from None


def parse_amount(amount: str) -> Decimal:
    """A non-negative amount of money with at most two decimals, from text (never through float)."""
    amount = (amount or "").strip()
    if "," in amount:
        raise ValueError(f"amount {amount!r}: write it with a point for decimals and no thousands separator")
    try:
        value = Decimal(amount)
    except InvalidOperation:
        raise ValueError(f"amount {amount!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"amount {amount!r} is not a number")
    if value < 0:
        raise ValueError(f"amount {amount} is negative")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"amount {amount} has more than 2 decimals")
    if abs(value) >= Decimal(10) ** 18:
        raise ValueError(f"amount {amount} is too large")
    return value.quantize(Decimal("0.01"))


def parse_money(kind: str, amount: str, currency: str) -> tuple[Decimal | None, str]:
    """(amount, currency) from text: an amount as :func:`parse_amount` reads it and an ISO 4217 code, both or
    neither; never a float."""
    amount, currency = (amount or "").strip(), (currency or "").strip().upper()
    if not amount:
        if currency:
            raise ValueError(f"currency {currency!r} given without an amount")
        return None, ""
    if kind not in WITH_AMOUNT:
        raise ValueError(f"a {kind} relation carries no amount (only {', '.join(sorted(WITH_AMOUNT))} do)")
    value = parse_amount(amount)
    if not currency:
        raise ValueError(f"amount {amount} has no currency (add an ISO 4217 code such as GBP, EUR, USD)")
    if currency not in currencies():
        raise ValueError(f"currency {currency!r} is not an ISO 4217 code (such as GBP, EUR, USD)")
    return value, currency


def check_instrument(kind: str, value: str) -> str:
    value = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    allowed = INSTRUMENTS.get(kind, frozenset())
    if not value:
        return ""
    if not allowed:
        raise ValueError(f"a {kind} relation takes no instrument (got {value!r})")
    if value not in allowed:
        raise ValueError(f"instrument {value!r} is not one of: {', '.join(sorted(allowed))}")
    return value


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValueError(f"end_date {end} is before start_date {start}")

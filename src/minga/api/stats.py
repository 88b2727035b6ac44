"""/api/v1/stats: counts for a territory's subtree (``registry.domain.stats.compute_stats``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from minga.api.common import ErrorOut
from minga.registry.domain.stats import compute_stats

router = Router(tags=["stats"])


class StatsOut(Schema):
    territory: str
    actors: int
    initiatives: int
    with_coordinates: int
    placed: int = Field(description="Actors placed in a territory")
    by_kind: dict[str, int]
    by_country: dict[str, int] = Field(description="ISO 3166-1 code → actors ('unplaced' for none)")
    by_subdivision: dict[str, int]
    by_source: dict[str, int]


@router.get(
    "", response={200: StatsOut, 404: ErrorOut}, summary="Counts for a territory (default: the world)"
)
def stats(request: HttpRequest, territory: str | None = None) -> dict[str, Any]:
    return compute_stats(territory or None)

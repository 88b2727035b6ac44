"""``GET /api/v1/search``: the knowledge engine (words and meaning, any language, filters inside the search)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from minga.api.common import ErrorOut
from minga.core.errors import NotFound
from minga.knowledge.domain.search import Filters, search
from minga.knowledge.domain.similar import similar
from minga.registry.models import Actor, Initiative

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field(
        ..., max_length=500, description="Free text, any language: 'cooperativa de vivienda en Leeds'"
    )
    type: Literal["actor", "initiative"] | None = Field(None, description="Only actors or only initiatives")
    territory: str | None = Field(None, description="Territory code, its whole subtree included")
    kind: str | None = Field(
        None, description="An actor kind (cooperative…) or an initiative kind (practice…)"
    )
    activity: str | None = Field(None, description="ESSGlobal ICA code")
    legal_form: str | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    theme: str | None = Field(None, max_length=200)
    places: bool = Field(
        True,
        description="Read a place named in q ('… en Alemania') as a territory filter; false: words as typed",
    )
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000)


class HitOut(Schema):
    type: str
    id: int
    kind: str
    name: str
    source: str
    source_id: str
    score: float
    why: list[str] = Field(description="words, meaning and/or vocabulary: what made it match")


class PlaceOut(Schema):
    code: str = Field(description="Territory code: the search ran within it")
    name: str = Field(description="Its English name")
    words: str = Field(description="The words of q that named it (left out of the search)")


class SearchOut(Schema):
    total: int
    results: list[HitOut]
    semantic: bool = Field(description="False when the embedding model is not installed: words only")
    status: str
    matched_terms: list[str] = Field(description="Vocabulary labels found in the query")
    place: PlaceOut | None = Field(description="The place q names, when the search ran within it")
    approximate: bool = Field(
        description="True when total is an estimate: more records hold the words than are ranked (1,000)"
    )


@router.get(
    "", response=SearchOut, summary="Search actors and initiatives by words and meaning, in any language"
)
def search_records(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    types = (filters.type,) if filters.type else ("actor", "initiative")
    scope = Filters(
        territory=filters.territory, kind=filters.kind, activity=filters.activity, legal_form=filters.legal_form,
        sdg=filters.sdg, theme=filters.theme, types=types,
    )  # fmt: skip
    return search(
        filters.q, limit=filters.limit, offset=filters.offset, filters=scope, places_in_query=filters.places
    ).to_dict()


class SimilarOut(Schema):
    type: str
    id: int
    name: str
    score: float = Field(description="cosine similarity, plus small bonuses for shared vocabulary")
    shared: list[str] = Field(
        description="the activity code and tags this record shares with the one asked about"
    )


@router.get(
    "/similar",
    response={200: list[SimilarOut], 404: ErrorOut},
    summary="More like this: the records closest in meaning to one actor or initiative",
)
def more_like_this(
    request: HttpRequest, type: Literal["actor", "initiative"], id: int, limit: int = Query(6, ge=1, le=50)
) -> Any:
    model = Actor if type == "actor" else Initiative
    if not model.objects.filter(pk=id).exists():
        raise NotFound(f"No {type} with id {id}.", hint=f"GET /api/v1/{type}s lists them.")
    return similar(type, id, limit=limit)

"""Places named in a query, in any language, become a territory filter (and leave the words)."""

from __future__ import annotations

from typing import Any

import pytest

from minga.knowledge.domain import places
from minga.knowledge.domain.search import Filters, search
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def named(query: str) -> Any:
    place = places.find(query)
    return None if place is None else (place.code, place.words, place.rest)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huerto comunitario en Alemania", ("DE", "Alemania", "huerto comunitario")),
        ("Gemeinschaftsgarten in Deutschland", ("DE", "Deutschland", "Gemeinschaftsgarten")),
        ("atelier vélo coopératif au Royaume-Uni", ("GB", "Royaume-Uni", "atelier vélo coopératif")),
        ("Weltladen in Österreich", ("AT", "Österreich", "Weltladen")),
        ("cooperativa de vivienda en Escocia", ("GB-SCT", "Escocia", "cooperativa de vivienda")),
        ("coopérative de crédit à Belfast", ("GB-BFS", "Belfast", "coopérative de crédit")),
        ("housing co-operatives in Europe", ("150", "Europe", "housing co-operatives")),
        (
            "comercio justo en América Latina y el Caribe",
            ("419", "América Latina y el Caribe", "comercio justo"),
        ),
    ],
)
def test_a_place_is_read_in_any_language(query: str, expected: tuple[str, str, str]) -> None:
    assert named(query) == expected


def test_a_name_shared_by_two_territories_means_the_one_with_records() -> None:
    # "Vienne" is Vienna (AT-9) in French, and a French département (FR-86)
    make_actor("AT-9", name="Fair-Teiler Wien")
    make_actor("AT-9", name="Foodsharing Wien")
    make_actor("FR-86", name="Épicerie de Poitiers")

    assert named("frigo solidaire à Vienne") == ("AT-9", "Vienne", "frigo solidaire")
    make_actor("FR-86", name="AMAP de Châtellerault")
    make_actor("FR-86", name="Ressourcerie du Poitou")
    assert named("frigo solidaire à Vienne") == ("FR-86", "Vienne", "frigo solidaire")


@pytest.mark.parametrize(
    "query",
    [
        "energía solar comunitaria",  # no place
        "Alemania",  # only a place: a query about it, not a filter
        "banque alimentaire",
        "cooperativa de taxistas",
        "",
        '"unbalanced * NEAR - quotes',
    ],
)
def test_no_place_where_the_query_names_none(query: str) -> None:
    assert named(query) is None


def test_the_place_narrows_the_search_and_is_reported() -> None:
    make_actor("DE", name="Gemeinschaftsgarten Leipzig", tags=["huerto"])
    make_actor("ES", name="Huerto Lavapiés", tags=["huerto"])

    found = search("huerto en Alemania")

    assert [h.name for h in found.results] == ["Gemeinschaftsgarten Leipzig"]
    assert found.to_dict()["place"] == {"code": "DE", "name": "Germany", "words": "Alemania"}


def test_a_place_outside_the_filter_or_with_no_match_is_searched_as_typed() -> None:
    make_actor("ES", name="Huerto Alemania", tags=["huerto"])  # a name that holds a place name

    within_spain = search("huerto en Alemania", filters=Filters(territory="ES"))
    nothing_in_germany = search("huerto en Alemania")

    assert ([h.name for h in within_spain.results], within_spain.place) == (["Huerto Alemania"], None)
    assert ([h.name for h in nothing_in_germany.results], nothing_in_germany.place) == (
        ["Huerto Alemania"],
        None,
    )

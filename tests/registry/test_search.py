"""Finding actors: the shared filters, and the two paging plans that must give the same pages."""

from __future__ import annotations

import pytest

from minga.core.errors import ValidationFailed
from minga.registry.domain.search import ActorQuery, actor_page, find_actors, top_themes
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def test_large_subtrees_page_the_same_by_walking_the_table() -> None:
    made = [make_actor("GB-BST").pk for _ in range(5)] + [make_actor("FR").pk for _ in range(3)]
    europe = ActorQuery(territory="150")

    by_index = list(find_actors(europe).values_list("id", flat=True)[2:6])
    by_walk = list(find_actors(europe, scan=True).values_list("id", flat=True)[2:6])

    assert by_index == by_walk == made[2:6]
    assert find_actors(ActorQuery(territory="FR"), scan=True).count() == 3
    assert actor_page(europe, offset=2, limit=4, columns=("id",)) == (8, [{"id": pk} for pk in made[2:6]])
    assert actor_page(europe, offset=0, limit=2, columns=("id",), after=made[5]) == (
        8,
        [{"id": made[6]}, {"id": made[7]}],
    )


def test_query_from_a_mapping_or_an_object() -> None:
    class Filters:
        kind = "mutual"
        q = ""

    assert ActorQuery.of({"kind": "mutual", "territory": "GB"}) == ActorQuery(kind="mutual", territory="GB")
    assert ActorQuery.of(Filters()) == ActorQuery(kind="mutual")


def test_a_bad_bbox_names_the_field() -> None:
    with pytest.raises(ValidationFailed) as bad:
        find_actors(ActorQuery(bbox="1,2,3"))
    assert bad.value.errors == {"bbox": ["expected four numbers: minLon,minLat,maxLon,maxLat"]}


def test_theme_matches_a_whole_tag_or_theme_ignoring_case() -> None:
    housing = make_actor(tags=["Housing", "Tenants"])
    themed = make_actor(themes=["housing"])
    make_actor(tags=["Housing association members"])  # a longer tag is another theme
    make_actor(tags=[])

    found = find_actors(ActorQuery(theme="HOUSING"))
    assert list(found.values_list("id", flat=True)) == [housing.pk, themed.pk]
    assert find_actors(ActorQuery(theme="Tenants", territory="GB")).count() == 1


def test_top_themes_counts_actors_per_tag() -> None:
    make_actor(tags=["Housing", "Tenants"])
    make_actor(tags=["Housing"])
    make_actor(tags=["Agriculture"])

    assert top_themes(2) == [("Housing", 2), ("Agriculture", 1)]

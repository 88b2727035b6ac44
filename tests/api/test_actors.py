"""GET /api/v1/actors: every filter, pagination, query count, detail, errors with hints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from minga.registry.models import Actor, InitiativeSdgTarget
from minga.vocab.models import SdgGoal, SdgTarget
from tests.api.helpers import client, ids, status
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    """Four actors: two in England (Bristol, Manchester), one in France, one in Fiji (east of 180° on maps)."""
    bristol = make_actor(
        "GB-BST", name="Bristol Bread Co-op", lat=51.45, lon=-2.58, primary_activity="ICA10", legal_form="L2",
        source="coops-uk",
    )  # fmt: skip
    manchester = make_actor("GB-MAN", name="Manchester Housing", kind="mutual", lat=53.48, lon=-2.24)
    lyon = make_actor(
        "FR", name="Lyon Lait", kind="association", lat=45.76, lon=4.83, primary_activity="ICA10"
    )
    suva = make_actor("FJ", name="Suva Fishers", lat=-18.14, lon=178.44)
    return {"bristol": bristol, "manchester": manchester, "lyon": lyon, "suva": suva}


def test_territory_filter_includes_the_whole_subtree(world: dict[str, Any]) -> None:
    c = client()
    b, m, ly = world["bristol"].pk, world["manchester"].pk, world["lyon"].pk

    assert ids(c.get("/api/v1/actors?territory=GB-BST")) == [b]
    assert ids(c.get("/api/v1/actors?territory=GB")) == [b, m]
    assert ids(c.get("/api/v1/actors?territory=gb")) == [b, m]
    assert ids(c.get("/api/v1/actors?territory=150")) == [b, m, ly]
    assert ids(c.get("/api/v1/actors?territory=FR")) == [ly]
    assert ids(c.get("/api/v1/actors?territory=001")) == [b, m, ly, world["suva"].pk]
    assert ids(c.get("/api/v1/actors?territory=DE")) == []


def test_kind_activity_legal_form_source_and_text(world: dict[str, Any]) -> None:
    c = client()
    b, ly = world["bristol"].pk, world["lyon"].pk

    assert ids(c.get("/api/v1/actors?kind=mutual")) == [world["manchester"].pk]
    assert ids(c.get("/api/v1/actors?activity=ICA10")) == [b, ly]
    assert ids(c.get("/api/v1/actors?legal_form=L2")) == [b]
    assert ids(c.get("/api/v1/actors?source=coops-uk")) == [b]
    assert ids(c.get("/api/v1/actors?q=bread")) == [b]
    assert ids(c.get("/api/v1/actors?q=LAIT")) == [ly]
    assert ids(c.get("/api/v1/actors?activity=ICA10&territory=GB")) == [b]


def test_bbox_including_one_across_the_antimeridian(world: dict[str, Any]) -> None:
    c = client()

    assert ids(c.get("/api/v1/actors?bbox=-3,51,-2,52")) == [world["bristol"].pk]
    assert ids(c.get("/api/v1/actors?bbox=-10,40,10,60")) == [w.pk for k, w in world.items() if k != "suva"]
    assert ids(c.get("/api/v1/actors?bbox=170,-30,-170,0")) == [world["suva"].pk]


def test_sdg_declared_or_through_an_initiative_without_duplicates(world: dict[str, Any]) -> None:
    bristol, lyon = world["bristol"], world["lyon"]
    bristol.sdg_goals.add(SdgGoal.objects.get(number=2), SdgGoal.objects.get(number=8))
    for target in ("8.3", "8.5"):
        initiative = make_initiative("FR")
        initiative.roles.create(actor=lyon, role="lead")
        initiative.roles.create(actor=bristol, role="partner")
        InitiativeSdgTarget.objects.create(initiative=initiative, target=SdgTarget.objects.get(code=target))
    c = client()

    assert ids(c.get("/api/v1/actors?sdg=2")) == [bristol.pk]
    assert ids(c.get("/api/v1/actors?sdg=8")) == [bristol.pk, lyon.pk]
    assert c.get("/api/v1/actors?sdg=8").json()["count"] == 2
    assert ids(c.get("/api/v1/actors?sdg=13")) == []


def test_pagination_count_is_the_total_and_items_are_whole(world: dict[str, Any]) -> None:
    page = client().get("/api/v1/actors?limit=1&offset=1").json()

    assert page == {
        "count": 4, "limit": 1, "offset": 1,
        "items": [{
            "id": world["manchester"].pk, "name": "Manchester Housing", "kind": "mutual", "country_code": "GB",
            "territory": "GB-MAN", "lat": 53.48, "lon": -2.24, "primary_activity": "", "legal_form": "",
            "source": "test", "attribution": "",
        }],
    }  # fmt: skip
    assert client().get("/api/v1/actors?offset=10").json() == {
        "count": 4,
        "limit": 50,
        "offset": 10,
        "items": [],
    }
    keyset = client().get(f"/api/v1/actors?after={world['manchester'].pk}&limit=1").json()
    assert (keyset["count"], [i["id"] for i in keyset["items"]]) == (4, [world["lyon"].pk])
    assert ids(client().get(f"/api/v1/actors?after={world['suva'].pk}")) == []


def test_the_list_costs_a_fixed_number_of_queries_whatever_the_page(
    world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for n in range(30):
        make_actor("GB-BST", name=f"Extra {n}").sdg_goals.add(SdgGoal.objects.get(number=8))
    c = client()

    with django_assert_num_queries(2):  # COUNT, then the page
        assert len(c.get("/api/v1/actors?limit=500").json()["items"]) == 34
    with django_assert_num_queries(
        4
    ):  # the territory look-up, COUNT, the table's last id (plan choice), page
        assert len(c.get("/api/v1/actors?territory=GB&sdg=8").json()["items"]) == 30


def test_bad_parameters_are_422_with_field_errors_and_unknown_territory_404() -> None:
    c = client()

    too_many = c.get("/api/v1/actors?limit=501")
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == {"limit": ["Input should be less than or equal to 500"]}
    bad_box = status(c.get("/api/v1/actors?bbox=1,2,3"))
    assert bad_box == (422, {
        "detail": "Invalid data: bbox: expected four numbers: minLon,minLat,maxLon,maxLat",
        "hint": "Correct the fields named and try again.",
        "errors": {"bbox": ["expected four numbers: minLon,minLat,maxLon,maxLat"]},
    })  # fmt: skip
    assert c.get("/api/v1/actors?kind=spaceship").status_code == 422
    assert c.get("/api/v1/actors?sdg=18").status_code == 422
    unknown = c.get("/api/v1/actors?territory=XX-NOPE")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No territory with code 'XX-NOPE'."
    assert unknown.json()["hint"].startswith("Use an M49 region code (150 = Europe)")


def test_detail_is_the_whole_record_with_territory_names_in_the_request_language() -> None:
    actor = make_actor(
        "DE", name="Lyon Lait", kind="association", description={"fr": "Lait local"}, lat=45.76, lon=4.83,
        founded_on=dt.date(1999, 5, 1), members=120, license="ODbL-1.0", attribution="© Lyon Lait",
        website="https://lait.example", tags=["food"], social={"mastodon": "@lait@example"},
    )  # fmt: skip
    actor.sdg_goals.add(SdgGoal.objects.get(number=12), SdgGoal.objects.get(number=2))
    body = client().get(f"/api/v1/actors/{actor.pk}?lang=es").json()

    assert isinstance(body.pop("created_at"), str) and isinstance(body.pop("updated_at"), str)
    assert body == {
        "id": actor.pk, "name": "Lyon Lait", "kind": "association", "description": {"fr": "Lait local"},
        "organisational_structure": "", "primary_activity": "", "activities": [], "membership_type": "",
        "legal_form": "", "legal_form_local": "", "qualifiers": [], "themes": [], "tags": ["food"],
        "website": "https://lait.example", "email": "", "phone": "", "social": {"mastodon": "@lait@example"},
        "street_address": "", "locality_name": "", "postcode": "", "country_code": "DE", "territory": "DE",
        "territory_name": "Alemania", "lat": 45.76, "lon": 4.83, "founded_on": "1999-05-01", "dissolved_on": None,
        "members": 120, "workers_women": None, "workers_men": None, "workers_other": None, "status": "active",
        "sdg_goals": [2, 12], "source": "test", "source_id": actor.source_id, "license": "ODbL-1.0",
        "attribution": "© Lyon Lait", "imported_at": None, "history": f"/api/v1/actors/{actor.pk}/history",
    }  # fmt: skip
    french = client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").get(f"/api/v1/actors/{actor.pk}").json()
    assert french["territory_name"] == "Allemagne"
    assert client().get(f"/api/v1/actors/{actor.pk}").json()["territory_name"] == "Germany"


def test_unplaced_actor_and_unknown_id() -> None:
    actor = make_actor(None, name="Nowhere")
    c = client()

    body = c.get(f"/api/v1/actors/{actor.pk}").json()
    assert (body["territory"], body["territory_name"]) == (None, None)
    assert status(c.get("/api/v1/actors/999999")) == (
        404, {"detail": "No actor with id 999999.", "hint": "List them with GET /api/v1/actors."}
    )  # fmt: skip
    assert c.get("/api/v1/actors?territory=GB").json()["count"] == 0


def test_markers_are_compact_and_filtered(world: dict[str, Any]) -> None:
    body = client().get("/api/v1/actors/markers?territory=GB").json()

    kinds = body["kinds"]
    assert body["count"] == len(body["points"])
    assert sorted((p[0], p[1], p[2], kinds[p[3]]) for p in body["points"]) == sorted(
        (a.pk, round(a.lat, 5), round(a.lon, 5), a.kind)
        for a in Actor.objects.filter(territory_path__startswith="/001/150/154/GB/", lat__isnull=False)
    )
    assert client().get("/api/v1/actors/markers?bbox=0,0,1,1").json()["points"] == []

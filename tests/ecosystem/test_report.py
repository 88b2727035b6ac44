"""The ecosystem report on a generated ecosystem with a known structure: the planted broker, the planted isolated
actors and the planted activity gap are found; quadrant counts equal a direct count."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from minga.cli import main
from minga.ecosystem.domain.quadrants import quadrant
from minga.ecosystem.domain.report import ecosystem_report
from minga.registry.models import Actor, InitiativeActor
from minga.territories.domain.queries import under
from minga.territories.models import Territory
from tests.factories import make_actor, make_initiative, make_relation

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted() -> dict[str, object]:
    """Bristol (GB-BST): two clusters of co-ops (food, ICA10 agriculture; building, ICA70 construction) joined only through one network, a
    funder that funds the food cluster, three isolated actors, and a council tied to a Manchester partner."""
    food = [make_actor(name=f"food {i}", primary_activity="ICA10") for i in range(4)]
    building = [make_actor(name=f"building {i}", primary_activity="ICA70") for i in range(4)]
    for group in (food, building):
        for a, b in zip(group, group[1:], strict=False):
            make_relation(a, b, "partners_with")
    broker = make_actor(name="Bristol Co-operative Network", kind="network")
    make_relation(food[0], broker, "member_of")
    make_relation(building[0], broker, "member_of")
    funder = make_actor(name="Quartet Foundation", kind="funder_foundation")
    make_relation(funder, food[2], "funds")
    isolated = [
        make_actor(name="lonely bakery", primary_activity="ICA10"),
        make_actor(name="lonely quarry", kind="association", primary_activity="ICA100"),
        make_actor(name="lonely firm", kind="private_company"),
    ]
    council = make_actor(name="Bristol City Council", kind="local_government")
    outside = make_actor("GB-MAN", name="Manchester partner", kind="civil_society")
    make_relation(council, outside, "partners_with")
    make_relation(council, broker, "supports", instrument="premises")
    return {"food": food, "building": building, "broker": broker, "funder": funder, "isolated": isolated}


def test_the_report_finds_the_planted_broker_isolated_actors_and_activity_gap(
    planted: dict[str, object],
) -> None:
    report = ecosystem_report("GB-BST")

    broker = planted["broker"]
    assert report["brokers"][0] == {
        "id": broker.pk, "source": "test", "source_id": broker.source_id, "name": "Bristol Co-operative Network",  # type: ignore[attr-defined]
        "kind": "network", "quadrant": "sse", "betweenness": report["brokers"][0]["betweenness"],
    }  # fmt: skip
    assert report["brokers"][0]["betweenness"] > report["brokers"][1]["betweenness"] > 0
    assert report["gaps"]["isolated"] == [
        {"id": a.pk, "source": "test", "source_id": a.source_id, "name": a.name, "kind": a.kind, "quadrant": quadrant(a.kind)}
        for a in planted["isolated"]  # type: ignore[attr-defined]
    ]  # fmt: skip
    assert report["gaps"]["activities_without_support"] == [
        {"activity": "ICA70", "label": "Construction", "sse_actors": 4},
        {"activity": "ICA100", "label": "Mining", "sse_actors": 1},
    ]
    assert report["gaps"]["quadrants_without_ties"] == ["civil_society", "global"]
    assert {k: report[k] for k in ("actors", "ties", "outside_actors", "components", "largest_component",
                                   "share_external", "betweenness")} == {
        "actors": 14, "ties": {"inside": 10, "outside": 1}, "outside_actors": 1, "components": 1,
        "largest_component": 11, "share_external": round(1 / 11, 4), "betweenness": "exact",
    }  # fmt: skip
    assert report["density"] == round(10 / (14 * 13 / 2), 8)


def test_quadrant_counts_equal_a_direct_count(planted: dict[str, object]) -> None:
    make_actor("GB-BST", kind="cooperation_agency")
    path = Territory.objects.get(code="GB-BST").path

    report = ecosystem_report("GB-BST")

    direct = Counter(quadrant(k) for k in Actor.objects.filter(under(path)).values_list("kind", flat=True))
    assert report["quadrants"] == {
        q: direct.get(q, 0) for q in ("sse", "public", "civil_society", "private", "global")
    }
    assert report["quadrants"] == {"sse": 11, "public": 1, "civil_society": 0, "private": 2, "global": 1}


def test_an_initiative_ties_its_funder_to_the_actors_that_carry_it_and_them_to_each_other() -> None:
    carrier = make_actor(name="carrier", primary_activity="ICA10")
    partner = make_actor(name="partner", primary_activity="ICA10")
    funder = make_actor("GB-MAN", name="funder", kind="funder_public")
    hub = make_initiative(title="food hub")
    make_relation(carrier, hub, "implements")
    InitiativeActor.objects.create(initiative=hub, actor=partner, role="partner")
    make_relation(funder, hub, "funds")

    report = ecosystem_report("GB-BST")

    assert (report["ties"], report["gaps"]["isolated_count"], report["outside_quadrants"]["public"]) == (
        {"inside": 1, "outside": 2}, 0, 1,
    )  # fmt: skip
    assert report["gaps"]["activities_without_support"] == []  # both carriers are funded through the hub


def test_places_without_sse_list_the_subdivisions_no_sse_actor_is_in() -> None:
    make_actor("GB-BST")
    make_actor("GB-MAN", kind="private_company")

    places = {p["code"] for p in ecosystem_report("GB")["gaps"]["subterritories_without_sse"]}

    assert ("GB-BST" in places, "GB-MAN" in places, "GB-LND" in places, "GB-ENG" in places) == (
        False,
        True,
        True,
        False,
    )


def test_the_cli_prints_the_report_as_json(
    planted: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ecosystem", "report", "--territory", "GB-BST", "--json"]) == 0

    assert json.loads(capsys.readouterr().out) == ecosystem_report("GB-BST")

"""The ecosystem page of a territory in en/es/fr: figures with their meaning, brokers, gaps, the network's data."""

from __future__ import annotations

import pytest
from django.test import Client

from minga.ecosystem.domain.report import ecosystem_report
from tests.factories import make_actor, make_relation

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted() -> dict[str, object]:
    a, b, c = (
        make_actor(name=n, primary_activity="ICA10") for n in ("Alpha Co-op", "Beta Co-op", "Gamma Co-op")
    )
    hub = make_actor(name="Bristol Network", kind="network")
    for x in (a, b, c):
        make_relation(x, hub, "member_of")
    make_actor(name="Lonely Bakery")
    return {"hub": hub}


def test_the_page_explains_each_figure_and_lists_brokers_and_gaps(planted: dict[str, object]) -> None:
    html = Client(HTTP_HOST="localhost").get("/en/territories/GB-BST/ecosystem/").content.decode()

    hub = planted["hub"]
    assert '<span class="figure" data-stat="actors">5</span>' in html
    assert '<span class="figure" data-stat="ties-inside">3</span>' in html
    assert "3 of the 10 pairs of actors here are tied." in html
    assert f'<a href="/en/actors/{hub.pk}/">Bristol Network</a>' in html  # type: ignore[attr-defined]
    assert '<a href="/en/actors/?territory=GB-BST&amp;activity=ICA10">Agriculture</a>: 3 SSE actors' in html
    assert "1 actor has no relation recorded with anyone." in html and "Lonely Bakery" in html


def test_the_page_speaks_spanish_and_french(planted: dict[str, object]) -> None:
    client = Client(HTTP_HOST="localhost")
    es = client.get("/es/territories/GB-BST/ecosystem/").content.decode()
    fr = client.get("/fr/territories/GB-BST/ecosystem/").content.decode()

    assert (
        "Intermediarios" in es,
        "Actividades sin financiador ni apoyo" in es,
        "Los intermediarios están" in es,
    ) == (True, True, True)
    assert (
        "Passeurs" in fr,
        "Activités sans financeur ni accompagnement" in fr,
        "1 acteur n'a aucune relation" in fr,
    ) == (True, True, True)


def test_an_unknown_territory_is_a_readable_404() -> None:
    response = Client(HTTP_HOST="localhost").get("/en/territories/XX-NOPE/ecosystem/")

    assert response.status_code == 404


def test_the_graph_lists_tied_actors_and_groups_them_beyond_the_limit(planted: dict[str, object]) -> None:
    from minga.ecosystem.domain.graph import ecosystem_graph

    whole = ecosystem_graph("GB-BST")
    grouped = ecosystem_graph("GB-BST", max_nodes=2)

    assert (whole["aggregated"], len(whole["nodes"]), len(whole["edges"])) == (False, 4, 3)
    assert grouped == {
        "aggregated": True, "quadrants": ["sse", "public", "civil_society", "private", "global"],
        "nodes": [{"id": "sse|GB-BST", "name": "Bristol, City of (4)", "quadrant": "sse", "inside": True, "actors": 4}],
        "edges": [],
    }  # fmt: skip
    assert ecosystem_report("GB-BST")["ties"] == {"inside": 3, "outside": 0}

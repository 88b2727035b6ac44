"""Web pages in en/es/fr: home, territory dashboards that agree with `minga stats`, a readable 404."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from minga.registry.domain.stats import compute_stats
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_like() -> None:
    make_actor(
        "GB-BST", primary_activity="ICA70", members=120, workers_women=3, workers_men=2, lat=51.45, lon=-2.58
    )
    make_actor("GB-BST", kind="mutual", attribution="Contains Co-operatives UK open data")
    make_actor("GB-MAN", primary_activity="ICA70")
    make_actor("FR", kind="association", primary_activity="ICA10")
    make_actor("KE", kind="community_group")
    make_initiative("GB-BST")


def figures(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-stat="(\w+)">(\d+)<', html)}


@pytest.mark.parametrize("code", ["001", "150", "GB", "GB-BST"])
def test_territory_dashboard_agrees_with_stats(demo_like: None, code: str) -> None:
    html = Client().get(f"/en/territories/{code}/").content.decode()
    stats = compute_stats(None if code == "001" else code)

    shown = figures(html)
    assert {k: shown[k] for k in ("actors", "initiatives", "with_coordinates")} == {
        k: stats[k] for k in ("actors", "initiatives", "with_coordinates")
    }


def test_dashboard_content_follows_the_language(demo_like: None) -> None:
    en = Client().get("/en/territories/GB-BST/").content.decode()
    es = Client().get("/es/territories/GB-BST/").content.decode()
    fr = Client().get("/fr/territories/GB-BST/").content.decode()

    assert ('lang="en"' in en, "By kind" in en, "Co-operative" in en, "Bristol, City of" in en) == (True,) * 4
    assert ('lang="es"' in es, "Por tipo" in es, "Cooperativa" in es, "Mutual" in es) == (True,) * 4
    assert (
        'lang="fr"' in fr,
        "Par type" in fr,
        "Coopérative" in fr,
        "Mutuelle" in fr,
        "Bristol ville" in fr,
    ) == (True,) * 5
    assert "Contains Co-operatives UK open data" in en  # the attribution of the data shown
    assert figures(en)["members"] == 120
    assert "3 women, 2 men, 0 other" in en
    assert "3 mujeres, 2 hombres, 0 otras" in es


def test_home_lists_regions_and_latest_additions(demo_like: None) -> None:
    response = Client().get("/fr/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "L'économie sociale et solidaire, à toutes les échelles" in html
    assert '<a href="/fr/territories/150/">Europe</a>' in html
    assert '<a href="/fr/territories/002/">Afrique</a>' in html


def test_root_redirects_to_a_language_and_the_switch_remembers_it() -> None:
    client = Client()
    assert client.get("/").headers["Location"] == "/en/"
    switched = client.post("/i18n/setlang/", {"language": "es", "next": "/es/"})
    assert (switched.status_code, switched.headers["Location"]) == (302, "/es/")
    assert client.get("/").headers["Location"] == "/es/"


def test_unknown_territory_is_a_readable_404_in_the_current_language() -> None:
    response = Client().get("/es/territories/NOPE/")

    assert response.status_code == 404
    assert "Esta dirección no corresponde a ningún territorio." in response.content.decode()


def test_actor_page_in_each_language_with_visible_fallback() -> None:
    actor = make_actor(
        "GB-BST", name="Bristol Bread", primary_activity="ICA70", organisational_structure="OS60",
        description={"en": "Bread for Bristol."}, website="https://bread.example", members=40,
        attribution="Contains Co-operatives UK open data", source_id="R1",
    )  # fmt: skip
    en = Client().get(f"/en/actors/{actor.pk}/").content.decode()
    es = Client().get(f"/es/actors/{actor.pk}/").content.decode()

    assert ("Bread for Bristol." in en, "Not yet translated" in en, "Workers co-operative" in en) == (
        True,
        False,
        True,
    )
    assert "Aún sin traducir; se muestra en el idioma original (en)." in es
    assert '<p lang="en">Bread for Bristol.</p>' in es
    assert '<a href="/es/territories/GB-BST/">Bristol, City of</a>' in es
    assert ("Contains Co-operatives UK open data" in es, "Socios y socias" in es) == (True, True)


def test_unknown_actor_and_unknown_page_are_readable_404s(settings: Any) -> None:
    settings.DEBUG = False  # Django's own handler404 is used only outside debug
    missing = Client().get("/fr/actors/999999/")
    nowhere = Client().get("/fr/nowhere/")

    assert (
        missing.status_code,
        "Cette adresse ne correspond à aucun acteur." in missing.content.decode(),
    ) == (404, True)
    assert (nowhere.status_code, "Aucune page à cette adresse." in nowhere.content.decode()) == (404, True)


def test_directory_filters_pages_and_rejects_bad_input(demo_like: None) -> None:
    c = Client()
    gb = c.get("/en/actors/?territory=GB&kind=cooperative").content.decode()
    es = c.get("/es/actors/?q=&territory=150").content.decode()
    bad_page = c.get("/fr/actors/?page=zero")
    bad_territory = c.get("/fr/actors/?territory=NOPE")

    assert ("2 actors" in gb, "<td>Mutual</td>" in gb, "<td>Co-operative</td>" in gb) == (True, False, True)
    assert ("4 actores" in es, 'lang="es"' in es) == (True, True)
    assert (bad_page.status_code, "Saisissez un nombre entier." in bad_page.content.decode()) == (400, True)
    assert (
        bad_territory.status_code,
        "Aucun territoire n&#x27;a ce code." in bad_territory.content.decode(),
    ) == (400, True)


def test_sdg_goal_page_in_spanish_with_linked_actors(demo_like: None) -> None:
    from minga.vocab.models import SdgGoal

    actor = make_actor("FR", name="Énergie Partagée")
    actor.sdg_goals.add(SdgGoal.objects.get(number=7))
    html = Client().get("/es/sdg/7/").content.decode()

    assert (
        "Objetivo 7" in html,
        "Energía Asequible y No Contaminante" in html,
        "Énergie Partagée" in html,
    ) == (True,) * 3
    assert "7.1.1" in html
    assert Client().get("/es/sdg/18/").status_code == 404


def test_vocabulary_term_page_lists_its_actors(demo_like: None) -> None:
    html = Client().get("/fr/vocabularies/activities-ica/ICA70/").content.decode()

    assert ("2 acteurs" in html, "ICA70" in html) == (True, True)
    assert Client().get("/fr/vocabularies/activities-ica/NOPE/").status_code == 404


def test_downloads_carry_the_directory_filters(demo_like: None) -> None:
    import csv
    import io
    import json

    csv_response = Client().get("/en/actors/download.csv?territory=GB&kind=cooperative")
    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    geo = Client().get("/es/actors/download.geojson?territory=150")

    assert (csv_response.status_code, csv_response["Content-Type"]) == (200, "text/csv")
    assert sorted(r["territory"] for r in rows) == ["GB-BST", "GB-MAN"]
    features = json.loads(b"".join(geo.streaming_content))["features"]
    assert [f["properties"]["territory"] for f in features] == ["GB-BST"]
    assert Client().get("/en/actors/download.xls").status_code == 404


def test_dashboards_are_recomputed_after_any_write(demo_like: None) -> None:
    from minga.core.permissions import SYSTEM
    from minga.registry.domain import records

    before = figures(Client().get("/en/territories/GB-BST/").content.decode())["actors"]
    records.create_actor(
        {"name": "New co-op", "kind": "cooperative", "territory": "GB-BST"}, by=SYSTEM, via="web"
    )
    after = figures(Client().get("/en/territories/GB-BST/").content.decode())["actors"]

    assert (before, after) == (2, 3)

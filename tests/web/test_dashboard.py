"""Territory dashboards: each chart is drawn from the rows of the table beside it; a choropleth above the country
level and a fitted marker map at and below it; sortable tables; country shapes for the offline maps."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
import pytest
from django.test import Client

from minga.registry.domain.stats import compute_stats
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed() -> None:
    for _ in range(3):
        make_actor("GB-BST", primary_activity="ICA70", lat=51.45, lon=-2.58)
    make_actor("GB-MAN", kind="mutual")
    make_actor("FR", kind="association", primary_activity="ICA10")
    make_actor("KE", kind="community_group")


def json_script(html: str, element_id: str) -> Any:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no #{element_id} in the page"
    return json.loads(found.group(1))


def table(html: str, name: str) -> list[tuple[str, int]]:
    body = re.search(rf'data-table="{name}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, f"no table {name}"
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), int(n))
        for label, n in re.findall(
            r'<th scope="row">(.*?)</th><td class="number" data-value="\d+">(\d+)</td>', body.group(1)
        )
    ]


def test_each_chart_shows_the_rows_of_its_table(placed: None) -> None:
    html = Client().get("/en/territories/150/").content.decode()
    charts = json_script(html, "dashboard-charts")

    def bars(chart_id: str) -> list[tuple[str, int]]:
        return [(v["label"], v["value"]) for v in charts[chart_id]["data"]["values"]]

    assert (
        bars("by-kind-chart")
        == table(html, "by_kind")
        == [
            ("Co-operative", 3),
            ("Association", 1),
            ("Mutual", 1),
        ]
    )
    assert (
        bars("by-activity-chart")
        == table(html, "by_activity")
        == [
            ("Construction", 3),
            ("Agriculture", 1),
        ]
    )
    assert [v["colour"] for v in charts["sdg-chart"]["data"]["values"]][:2] == ["#E5243B", "#DDA63A"]
    assert charts["by-kind-chart"]["encoding"]["x"]["title"] == "Actors"


def test_the_choropleth_shades_the_countries_of_the_region_with_stats_figures(placed: None) -> None:
    html = Client().get("/es/territories/150/").content.decode()
    members = {m["code"]: m for m in json_script(html, "countries-data")["members"]}
    stats = compute_stats("150")

    assert 'id="choropleth"' in html and 'id="map"' not in html
    assert {code: m["actors"] for code, m in members.items() if m["actors"]} == {
        k: v for k, v in stats["by_country"].items() if k != "unplaced"
    }
    assert (members["GB"]["name"], "KE" in members, members["DE"]["actors"]) == (
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
        False,
        0,
    )
    assert table(html, "by_country") == [
        ("Reino Unido de Gran Bretaña e Irlanda del Norte", 4),
        ("Francia", 1),
    ]


def test_a_country_page_shows_its_actors_on_a_fitted_map_instead(placed: None) -> None:
    html = Client().get("/fr/territories/GB/").content.decode()

    assert 'id="choropleth"' not in html
    assert 'data-markers="/api/v1/actors/markers?territory=GB"' in html and 'data-fit="1"' in html
    assert html.count('class="children sortable"') == 1


def test_country_shapes_carry_iso_codes_and_borders_without_antimeridian_lines() -> None:
    response = Client().get("/maps/countries.geojson")
    features = orjson.loads(response.content)["features"]
    countries = {f["properties"]["code"]: f for f in features if not f["properties"].get("outline")}
    outline = [f for f in features if f["properties"].get("outline")]

    assert (response["Content-Type"], len(outline), countries["GB"]["properties"]["name"]) == (
        "application/geo+json",
        1,
        "United Kingdom",
    )
    jumps = [
        (a, b)
        for line in outline[0]["geometry"]["coordinates"]
        for a, b in zip(line, line[1:], strict=False)
        if abs(a[0] - b[0]) > 180 or (abs(a[0]) >= 179.99 and abs(b[0]) >= 179.99)
    ]
    assert jumps == []
    assert (countries["MT"]["properties"]["name"], countries["JE"]["properties"]["name"]) == (
        "Malta",
        "Jersey",
    )
    russia = countries["RU"]["geometry"]["coordinates"]
    assert max(x for polygon in russia for ring in polygon for x, _y in ring) > 180  # Chukotka continues east

"""GeoJSON export: a FeatureCollection of the actors with usable coordinates, with an attribution member."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minga.registry.exporters import export
from tests.factories import make_actor

pytestmark = pytest.mark.django_db

UK = "Contains Co-operatives UK open data"


def test_feature_collection(tmp_path: Path) -> None:
    bristol = make_actor(
        "GB-BST", name="Pointed", lat=51.45, lon=-2.58, website="https://p.example", source="coops-uk",
        license="ODC-By-1.0", attribution=UK,
    )  # fmt: skip
    make_actor("GB-BST", name="Pointless", attribution="Only on an actor without coordinates")
    make_actor("GB-BST", name="Off the globe", lat=95.0, lon=10.0)
    berlin = make_actor("DE", name="Grün eG", lat=52.5, lon=13.4)

    report = export("geojson", tmp_path / "a.geojson")

    assert (report.count, report.skipped, report.attributions) == (2, 2, [UK])
    assert json.loads((tmp_path / "a.geojson").read_text("utf-8")) == {
        "type": "FeatureCollection",
        "attribution": [UK],
        "features": [
            {
                "type": "Feature",
                "id": bristol.pk,
                "geometry": {"type": "Point", "coordinates": [-2.58, 51.45]},
                "properties": {
                    "name": "Pointed",
                    "kind": "cooperative",
                    "territory": "GB-BST",
                    "country_code": "GB",
                    "website": "https://p.example",
                    "source": "coops-uk",
                    "license": "ODC-By-1.0",
                    "attribution": UK,
                },
            },
            {
                "type": "Feature",
                "id": berlin.pk,
                "geometry": {"type": "Point", "coordinates": [13.4, 52.5]},
                "properties": {
                    "name": "Grün eG",
                    "kind": "cooperative",
                    "territory": "DE",
                    "country_code": "DE",
                    "website": "",
                    "source": "test",
                    "license": "",
                    "attribution": "",
                },
            },
        ],
    }
    assert "Grün eG" in (tmp_path / "a.geojson").read_text("utf-8")


def test_no_actor_gives_an_empty_collection(tmp_path: Path) -> None:
    report = export("geojson", tmp_path / "a.geojson", territory="FR")

    assert (report.count, report.skipped) == (0, 0)
    assert json.loads((tmp_path / "a.geojson").read_text("utf-8")) == {
        "type": "FeatureCollection",
        "features": [],
        "attribution": [],
    }

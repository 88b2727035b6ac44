"""TopoJSON decoding and country location over the Natural Earth 1:50m shapes (pure Python, no database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minga.maths.geo import CountryLocator, decode_topojson

ATLAS = Path(__file__).resolve().parents[2] / "src" / "minga" / "data" / "world-atlas" / "countries-50m.json"


@pytest.fixture(scope="module")
def locator() -> CountryLocator:
    return CountryLocator.from_topojson(ATLAS)


@pytest.fixture(scope="module")
def atlas() -> dict[str, Any]:
    return json.loads(ATLAS.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("place", "lon", "lat", "expected"),
    [
        ("Berlin", 13.405, 52.52, "276"),
        ("Paris", 2.3522, 48.8566, "250"),
        ("Valletta, Malta", 14.5146, 35.8989, "470"),
        ("Vienna", 16.3738, 48.2082, "040"),
        ("Atlantic Ocean", -30.0, 40.0, None),
    ],
)
def test_locate_points_inside_shapes(
    locator: CountryLocator, place: str, lon: float, lat: float, expected: str | None
) -> None:
    assert locator.locate(lon, lat, max_distance_deg=0) == expected


def test_point_in_a_hole_belongs_to_the_enclave(locator: CountryLocator) -> None:
    # Maseru, Lesotho: inside the outer ring of South Africa ("710"), but in its hole.
    assert locator.locate(27.48, -29.31) == "426"


def test_south_africa_has_a_hole_for_lesotho(atlas: dict[str, Any]) -> None:
    south_africa = next(f for f in decode_topojson(atlas, "countries") if f.get("id") == "710")
    assert [len(polygon) for polygon in south_africa["geometry"]["coordinates"]] == [2, 1]


def test_coastal_point_just_offshore_is_caught_by_the_tolerance(locator: CountryLocator) -> None:
    # Lisbon waterfront on the Tagus estuary: outside the 1:50m shape of Portugal, within 0.1 degrees of it.
    assert locator.locate(-9.16, 38.70, max_distance_deg=0) is None
    assert locator.locate(-9.16, 38.70) == "620"
    assert locator.locate(-9.16, 38.70, max_distance_deg=0.001) is None


def test_shapes_without_id_are_not_located(locator: CountryLocator) -> None:
    # Pristina lies in the "Kosovo" shape, which has no ISO 3166-1 id, more than 0.1 degrees from Serbia.
    assert locator.locate(21.16, 42.66) is None


def test_decode_topojson_gives_features_with_absolute_coordinates(atlas: dict[str, Any]) -> None:
    features = decode_topojson(atlas, "countries")
    germany = next(f for f in features if f.get("id") == "276")
    positions = [p for polygon in germany["geometry"]["coordinates"] for ring in polygon for p in ring]
    assert len(features) == 241
    assert (germany["type"], germany["properties"], germany["geometry"]["type"]) == (
        "Feature",
        {"name": "Germany"},
        "MultiPolygon",
    )
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in positions)
    assert all(5.8 <= lon <= 15.1 and 47.2 <= lat <= 55.1 for lon, lat in positions)
    assert all(ring[0] == ring[-1] for polygon in germany["geometry"]["coordinates"] for ring in polygon)


def test_decode_topojson_features_without_id_have_no_id_key(atlas: dict[str, Any]) -> None:
    unnamed = [f["properties"]["name"] for f in decode_topojson(atlas, "countries") if "id" not in f]
    assert unnamed == ["Somaliland", "Kosovo", "N. Cyprus", "Indian Ocean Ter.", "Siachen Glacier"]


def test_decode_topojson_delta_decodes_and_reverses_arcs() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "A", "arcs": [[0, 1]]},
                    {"type": "LineString", "arcs": [~0]},
                    {"type": "Point", "coordinates": [4, 8]},
                    {"type": None, "properties": {"name": "empty"}},
                ],
            }
        },
    }
    assert decode_topojson(topology, "shapes") == [
        {
            "type": "Feature",
            "id": "A",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[10.0, 20.0], [11.0, 20.0], [11.0, 21.0], [10.0, 21.0], [10.0, 20.0]]],
            },
        },
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "LineString", "coordinates": [[11.0, 21.0], [11.0, 20.0], [10.0, 20.0]]},
        },
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [12.0, 22.0]}},
        {"type": "Feature", "properties": {"name": "empty"}, "geometry": None},
    ]


def test_locate_uses_polygons_built_from_a_topology(tmp_path: Path) -> None:
    # A 4x4 square with a 2x2 hole, and a small island inside the hole belonging to another id.
    topology = {
        "type": "Topology",
        "arcs": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]],
            [[1.5, 1.5], [2.5, 1.5], [2.5, 2.5], [1.5, 2.5], [1.5, 1.5]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "001", "arcs": [[0], [1]]},
                    {"type": "MultiPolygon", "id": "002", "arcs": [[[2]]]},
                ],
            }
        },
    }
    path = tmp_path / "square.json"
    path.write_text(json.dumps(topology), encoding="utf-8")
    locator = CountryLocator.from_topojson(path)
    assert [
        locator.locate(0.5, 0.5),
        locator.locate(1.2, 1.2),
        locator.locate(2.0, 2.0),
        locator.locate(4.05, 2.0),
        locator.locate(4.05, 2.0, max_distance_deg=0.01),
        locator.locate(1.45, 2.0, max_distance_deg=0.3),
    ] == ["001", None, "002", "001", None, "002"]

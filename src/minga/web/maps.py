"""Offline base maps: Natural Earth countries (world-atlas 1:110m) as GeoJSON, keyed by ISO 3166-1 alpha-2 code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import orjson
import pycountry
from django.http import HttpRequest, HttpResponse

from minga.maths.geo import decode_topojson, outlines, unwrap_polygons

ATLAS = Path(__file__).resolve().parents[1] / "data" / "world-atlas" / "countries-110m.json"
#: the 1:50m shapes fill in the small countries 1:110m leaves out (Malta, Jersey, Singapore…: 61 shapes, 73 kB)
ATLAS_50M = ATLAS.with_name("countries-50m.json")


def _alpha2(numeric: str | None) -> str | None:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else None


@lru_cache(maxsize=1)
def country_shapes_geojson() -> bytes:
    """Country polygons at 1:110m, plus at 1:50m those too small for 1:110m (properties ``name`` and ``code``, the alpha-2 code when the shape has an ISO id) followed
    by one ``{"outline": true}`` feature: the borders to stroke, without the antimeridian and pole cuts."""
    features = decode_topojson(orjson.loads(ATLAS.read_bytes()), "countries")
    present = {f.get("id") for f in features}
    small = decode_topojson(orjson.loads(ATLAS_50M.read_bytes()), "countries")
    features += [f for f in small if f.get("id") not in present]
    unwrap_polygons(features)
    for feature in features:
        feature["properties"]["code"] = _alpha2(feature.get("id"))
    border = {"type": "Feature", "properties": {"outline": True}, "geometry": outlines(features)}
    return orjson.dumps({"type": "FeatureCollection", "features": [*features, border]})


def country_shapes(request: HttpRequest) -> HttpResponse:
    """Natural Earth 1:110m countries as GeoJSON: the maps' base layer and choropleths (no tile server offline)."""
    response = HttpResponse(country_shapes_geojson(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response

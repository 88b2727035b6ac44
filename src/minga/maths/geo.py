"""TopoJSON decoding and point-in-polygon country location. Pure Python: no Django, no network."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Ring = list[tuple[float, float]]


def _decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _polygons(arcs: list[Ring], geometry: dict[str, Any]) -> list[list[Ring]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(arcs, r) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def decode_topojson(data: dict[str, Any], object_name: str) -> list[dict[str, Any]]:
    """GeoJSON Features (absolute lon/lat) for the geometries of one TopoJSON object."""
    arcs = _decode_arcs(data)
    features = []
    for geometry in data["objects"][object_name]["geometries"]:
        polygons = _polygons(arcs, geometry)
        if not polygons:
            continue
        coordinates = [[[list(p) for p in ring] for ring in polygon] for polygon in polygons]
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": geometry.get("properties") or {},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    return features


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


@dataclass(frozen=True)
class _Polygon:
    code: str
    rings: list[Ring]
    bbox: tuple[float, float, float, float]

    def contains(self, x: float, y: float) -> bool:
        if not (self.bbox[0] <= x <= self.bbox[2] and self.bbox[1] <= y <= self.bbox[3]):
            return False
        return _inside(self.rings[0], x, y) and not any(_inside(hole, x, y) for hole in self.rings[1:])

    def distance(self, x: float, y: float) -> float:
        return min(_segment_distance(x, y, r[i], r[i + 1]) for r in self.rings for i in range(len(r) - 1))


class CountryLocator:
    """Finds the country (ISO 3166-1 numeric id of the shape) that contains a point."""

    def __init__(self, polygons: list[_Polygon]) -> None:
        self._polygons = polygons

    @classmethod
    def from_topojson(cls, path: Path, object_name: str = "countries") -> CountryLocator:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        arcs = _decode_arcs(data)
        polygons = []
        for geometry in data["objects"][object_name]["geometries"]:
            code = geometry.get("id")
            if not code:
                continue
            for rings in _polygons(arcs, geometry):
                xs = [p[0] for p in rings[0]]
                ys = [p[1] for p in rings[0]]
                polygons.append(_Polygon(str(code), rings, (min(xs), min(ys), max(xs), max(ys))))
        return cls(polygons)

    def locate(self, lon: float, lat: float, *, max_distance_deg: float = 0.1) -> str | None:
        """The id of the shape containing (lon, lat); else the nearest within ``max_distance_deg``; else None."""
        for polygon in self._polygons:
            if polygon.contains(lon, lat):
                return polygon.code
        best: tuple[float, str] | None = None
        for polygon in self._polygons:
            x0, y0, x1, y1 = polygon.bbox
            if (
                x0 - max_distance_deg <= lon <= x1 + max_distance_deg
                and y0 - max_distance_deg <= lat <= y1 + max_distance_deg
            ):
                d = polygon.distance(lon, lat)
                if d <= max_distance_deg and (best is None or d < best[0]):
                    best = (d, polygon.code)
        return best[1] if best else None

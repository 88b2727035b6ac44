"""TopoJSON decoding and point-in-polygon country location. Pure Python: no Django, no network.

:func:`decode_topojson` turns one object of a TopoJSON topology into GeoJSON Features with absolute lon/lat.
:class:`CountryLocator` answers "which country is this point in?" over the Natural Earth shapes of
``world-atlas`` (ids are ISO 3166-1 numeric codes as zero-padded strings, e.g. "040").

Speed: polygons are found through a grid of bounding boxes, and each polygon keeps its edges in latitude bands,
so a point is tested against the few dozen edges that cross its latitude rather than every vertex.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Edge = tuple[float, float, float, float]  # x1, y1, x2, y2

GRID_DEG = 5.0  # cell size of the bounding-box index
BAND_DEG = 0.25  # height of the latitude bands that hold a polygon's edges


# --- decoding -----------------------------------------------------------------------------------------------


def _decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute coordinates of every arc; quantized arcs are delta-decoded and un-transformed."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points: Ring = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _line(arcs: list[Ring], indexes: list[int]) -> Ring:
    """Join arcs into one line; ``~i`` means arc ``i`` reversed. Shared end points are not repeated."""
    line: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        line.extend(points[1:] if line else points)
    return line


def _position(topology: dict[str, Any], position: list[float]) -> Point:
    """A Point/MultiPoint position: quantized (when there is a transform) but never delta-encoded."""
    transform = topology.get("transform")
    if not transform:
        return (float(position[0]), float(position[1]))
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    return (position[0] * sx + tx, position[1] * sy + ty)


def _as_lists(line: Ring) -> list[list[float]]:
    return [list(p) for p in line]


def _geometry(topology: dict[str, Any], arcs: list[Ring], geometry: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON geometry for a TopoJSON one; None for null geometries."""
    kind = geometry.get("type")
    if kind == "Polygon":
        coords: Any = [_as_lists(_line(arcs, ring)) for ring in geometry["arcs"]]
    elif kind == "MultiPolygon":
        coords = [[_as_lists(_line(arcs, ring)) for ring in polygon] for polygon in geometry["arcs"]]
    elif kind == "LineString":
        coords = _as_lists(_line(arcs, geometry["arcs"]))
    elif kind == "MultiLineString":
        coords = [_as_lists(_line(arcs, line)) for line in geometry["arcs"]]
    elif kind == "Point":
        coords = list(_position(topology, geometry["coordinates"]))
    elif kind == "MultiPoint":
        coords = [list(_position(topology, p)) for p in geometry["coordinates"]]
    elif kind == "GeometryCollection":
        parts = [_geometry(topology, arcs, g) for g in geometry.get("geometries", [])]
        return {"type": kind, "geometries": [p for p in parts if p]}
    else:
        return None
    return {"type": kind, "coordinates": coords}


def decode_topojson(data: dict[str, Any], object_name: str) -> list[dict[str, Any]]:
    """GeoJSON Feature dicts, with absolute lon/lat, for the geometries of one TopoJSON object.

    Each Feature has ``type``, ``properties`` (``{}`` when absent), ``geometry`` (None for null geometries) and
    ``id`` when the TopoJSON geometry has one.
    """
    arcs = _decode_arcs(data)
    obj = data["objects"][object_name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for geometry in members:
        feature: dict[str, Any] = {
            "type": "Feature",
            "properties": geometry.get("properties") or {},
            "geometry": _geometry(data, arcs, geometry),
        }
        if geometry.get("id") is not None:
            feature["id"] = geometry["id"]
        features.append(feature)
    return features


def _unwrapped(ring: list[list[float]]) -> list[list[float]]:
    """``ring`` made continuous across the antimeridian (179 → -179 becomes 179 → 181), so that it fills without
    a sliver across the whole map; a ring that goes round a pole (Antarctica) cannot be, and is kept as it is."""
    shift, out = 0.0, [ring[0]] if ring else []
    for a, b in zip(ring, ring[1:], strict=False):
        if b[0] - a[0] > 180:
            shift -= 360
        elif a[0] - b[0] > 180:
            shift += 360
        out.append([b[0] + shift, b[1]])
    if shift:
        return ring
    if any(abs(x) > 180 for x, _y in out):
        return out
    return ring


def unwrap_polygons(features: list[dict[str, Any]]) -> None:
    """Make every ring of polygon ``features`` continuous across the antimeridian (in place; see :func:`_unwrapped`)."""
    for feature in features:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            geometry["coordinates"] = [_unwrapped(r) for r in geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            geometry["coordinates"] = [[_unwrapped(r) for r in p] for p in geometry["coordinates"]]


def _on_cut(a: list[float], b: list[float]) -> bool:
    """Is the segment a→b drawn along the map's edge (the antimeridian, or the South Pole line of Antarctica), or
    does it jump across the antimeridian?"""
    if abs(a[0] - b[0]) > 180:
        return True
    if abs(a[0]) >= 179.99 and abs(b[0]) >= 179.99 and (a[0] > 0) == (b[0] > 0):
        return True
    return a[1] <= -89.9 and b[1] <= -89.9


def outlines(features: list[dict[str, Any]]) -> dict[str, Any]:
    """The borders of polygon ``features`` as one GeoJSON MultiLineString, without the segments that only close
    polygons cut at the antimeridian or the pole (drawn, they are stray lines across Russia, Fiji, Antarctica)."""
    lines: list[list[list[float]]] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        polygons = geometry["coordinates"] if kind == "MultiPolygon" else [geometry.get("coordinates") or []]
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        for ring in (ring for polygon in polygons for ring in polygon):
            current: list[list[float]] = [ring[0]] if ring else []
            for a, b in zip(ring, ring[1:], strict=False):
                if _on_cut(a, b):
                    if len(current) > 1:
                        lines.append(current)
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(current)
    return {"type": "MultiLineString", "coordinates": lines}


# --- locating -----------------------------------------------------------------------------------------------


def _segment_distance(x: float, y: float, edge: Edge) -> float:
    """Euclidean distance, in degrees, from (x, y) to a segment."""
    ax, ay, bx, by = edge
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


class _Polygon:
    """One polygon (outer ring + holes) with its bounding box and its edges bucketed by latitude band."""

    __slots__ = ("bands", "bbox", "code")

    def __init__(self, code: str, rings: list[Ring]) -> None:
        self.code = code
        xs = [p[0] for p in rings[0]]
        ys = [p[1] for p in rings[0]]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))
        self.bands: dict[int, list[Edge]] = defaultdict(list)
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (x1, y1) == (x2, y2):
                    continue
                for band in range(math.floor(min(y1, y2) / BAND_DEG), math.floor(max(y1, y2) / BAND_DEG) + 1):
                    self.bands[band].append((x1, y1, x2, y2))

    def contains(self, x: float, y: float) -> bool:
        """Even-odd ray casting over all rings at once, so a point in a hole counts as outside."""
        inside = False
        for x1, y1, x2, y2 in self.bands.get(math.floor(y / BAND_DEG), ()):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside

    def distance(self, x: float, y: float, limit: float) -> float:
        """Distance to the nearest edge, looking only at bands within ``limit``; ``inf`` if none is there."""
        seen: set[Edge] = set()
        best = math.inf
        for band in range(math.floor((y - limit) / BAND_DEG), math.floor((y + limit) / BAND_DEG) + 1):
            for edge in self.bands.get(band, ()):
                if edge not in seen:
                    seen.add(edge)
                    best = min(best, _segment_distance(x, y, edge))
        return best


class CountryLocator:
    """Finds the country (the shape's id, an ISO 3166-1 numeric string such as "276") containing a point."""

    def __init__(self, polygons: list[_Polygon]) -> None:
        self._polygons = polygons
        self._grid: dict[tuple[int, int], list[_Polygon]] = defaultdict(list)
        for polygon in polygons:
            x0, y0, x1, y1 = polygon.bbox
            for cx in range(math.floor(x0 / GRID_DEG), math.floor(x1 / GRID_DEG) + 1):
                for cy in range(math.floor(y0 / GRID_DEG), math.floor(y1 / GRID_DEG) + 1):
                    self._grid[(cx, cy)].append(polygon)

    @classmethod
    def from_topojson(cls, path: Path, object_name: str = "countries") -> CountryLocator:
        """Load a TopoJSON file; geometries without an id (e.g. "Kosovo", "N. Cyprus") are left out."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        arcs = _decode_arcs(data)
        polygons = []
        for geometry in data["objects"][object_name]["geometries"]:
            code = geometry.get("id")
            if code is None or geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            for part in parts:
                polygons.append(_Polygon(str(code), [_line(arcs, ring) for ring in part]))
        return cls(polygons)

    def _candidates(self, lon: float, lat: float, margin: float = 0.0) -> list[_Polygon]:
        """Polygons whose bounding box, grown by ``margin``, holds the point."""
        found: dict[int, _Polygon] = {}
        for cx in range(math.floor((lon - margin) / GRID_DEG), math.floor((lon + margin) / GRID_DEG) + 1):
            for cy in range(math.floor((lat - margin) / GRID_DEG), math.floor((lat + margin) / GRID_DEG) + 1):
                for polygon in self._grid.get((cx, cy), ()):
                    x0, y0, x1, y1 = polygon.bbox
                    if x0 - margin <= lon <= x1 + margin and y0 - margin <= lat <= y1 + margin:
                        found[id(polygon)] = polygon
        return list(found.values())

    def locate(self, lon: float, lat: float, *, max_distance_deg: float = 0.1) -> str | None:
        """The id of the shape containing (lon, lat).

        If no shape contains it, the id of the shape whose boundary is nearest, if within ``max_distance_deg``
        (plain degrees; points on the coast often fall just outside 1:50m shapes); else None.
        """
        for polygon in self._candidates(lon, lat):
            if polygon.contains(lon, lat):
                return polygon.code
        if max_distance_deg <= 0:
            return None
        best: tuple[float, str] | None = None
        for polygon in self._candidates(lon, lat, max_distance_deg):
            d = polygon.distance(lon, lat, max_distance_deg)
            if d <= max_distance_deg and (best is None or d < best[0]):
                best = (d, polygon.code)
        return best[1] if best else None

"""GeoJSON export (RFC 7946): a FeatureCollection of Point features, one per actor that has coordinates.

Actors without usable coordinates (missing, not finite or out of range) are left out and counted as skipped.
Besides ``features``, the collection carries a top-level ``attribution`` member: the distinct attribution
lines of the exported actors (e.g. "Contains Co-operatives UK open data"), sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from minga.registry.exporters import Exporter, Written, atomic_text, coordinates, territory_code
from minga.registry.models import Actor


def feature(actor: Actor, lat: float, lon: float) -> dict[str, Any]:
    """One actor as a GeoJSON Feature (coordinates are ``[lon, lat]``)."""
    return {
        "type": "Feature",
        "id": actor.pk,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "name": actor.name,
            "kind": actor.kind,
            "territory": territory_code(actor),
            "country_code": actor.country_code,
            "website": actor.website,
            "source": actor.source,
            "license": actor.license,
            "attribution": actor.attribution,
        },
    }


def write(actors: Iterable[Actor], output: Path) -> Written:
    """Side effect: writes ``output`` (replacing it once complete)."""
    written = Written()
    with atomic_text(output) as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        for actor in actors:
            point = coordinates(actor)
            if point is None:
                written.skipped += 1
                continue
            fh.write(
                ("," if written.count else "") + "\n" + json.dumps(feature(actor, *point), ensure_ascii=False)
            )
            written.add(actor)
        fh.write(f'\n], "attribution": {json.dumps(sorted(written.attributions), ensure_ascii=False)}}}\n')
    return written


EXPORTER = Exporter("geojson", write, "GeoJSON FeatureCollection of the actors with coordinates")

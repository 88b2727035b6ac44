"""GeoJSON export: a FeatureCollection of the actors that have coordinates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from minga.registry.exporters.common import territory_code
from minga.registry.models import Actor


def feature(actor: Actor) -> dict[str, object]:
    return {
        "type": "Feature",
        "id": actor.pk,
        "geometry": {"type": "Point", "coordinates": [actor.lon, actor.lat]},
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


def write(actors: Iterator[Actor], output: Path) -> tuple[int, int]:
    """Side effect: writes ``output``. Actors without coordinates are skipped (counted)."""
    count = skipped = 0
    attributions: set[str] = set()
    with output.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for actor in actors:
            if actor.lat is None or actor.lon is None:
                skipped += 1
                continue
            fh.write((",\n" if count else "") + json.dumps(feature(actor), ensure_ascii=False))
            count += 1
            if actor.attribution:
                attributions.add(actor.attribution)
        fh.write(f'\n], "attribution": {json.dumps(sorted(attributions), ensure_ascii=False)}}}\n')
    return count, skipped

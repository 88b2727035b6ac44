"""The SUSY map of European SSE initiatives (TransforMap GeoJSON FeatureCollection of points)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minga.registry.domain.rows import Record, Reject
from minga.registry.importers import ReaderSpec, text

#: SUSY initiative types → actor kind (first match wins; otherwise an association)
KIND_BY_TYPE = (
    ("cooperative", "cooperative"),
    ("coop", "cooperative"),
    ("community_garden", "community_group"),
    ("community", "community_group"),
    ("fairtrade_shop", "social_enterprise"),
    ("social_enterprise", "social_enterprise"),
    ("ethical_bank", "social_bank"),
    ("ethical_finance", "social_bank"),
    ("network", "network"),
)


def _kind(types: list[str]) -> str:
    for needle, kind in KIND_BY_TYPE:
        if any(needle in t for t in types):
            return kind
    return "association"


def _phone(value: str) -> str:
    """The phone field, unless it holds something else (one record carries a whole description there)."""
    letters = sum(ch.isalpha() for ch in value)
    return value if len(value) <= 60 and letters <= 12 else ""


def _descriptions(props: dict[str, Any]) -> dict[str, str]:
    out = {}
    if d := text(props.get("description")):
        out["en"] = d
    for key, value in props.items():
        if key.startswith("description:") and (d := text(value)):
            out[key.split(":", 1)[1][:5]] = d
    return out


def read(path: Path) -> Iterator[Record | Reject]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        yield Reject(getattr(err, "lineno", 1), f"not valid JSON: {err}")
        return
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        yield Reject(1, "not a GeoJSON FeatureCollection")
        return
    for number, feature in enumerate(data.get("features") or [], start=1):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        if geometry.get("type") != "Point" or len(geometry.get("coordinates") or []) < 2:
            yield Reject(number, "feature has no Point geometry", props.get("_id"))
            continue
        lon, lat = geometry["coordinates"][:2]
        types = [t.strip() for t in (props.get("type_of_initiative") or "").split(";") if t.strip()]
        street = " ".join(
            p for p in (text(props.get("addr:street")), text(props.get("addr:housenumber"))) if p
        )
        yield Record(
            number,
            {
                "source_id": text(props.get("_id")),
                "name": props.get("name"),
                "kind": _kind(types),
                "description": _descriptions(props),
                "tags": types,
                "website": props.get("contact:website") or props.get("website") or "",
                "email": props.get("contact:email") or "",
                "phone": _phone(text(props.get("contact:phone"))),
                "street_address": street,
                "locality_name": text(props.get("addr:city")),
                "postcode": text(props.get("addr:postcode")),
                "country_text": text(props.get("addr:country")),
                "lat": lat,
                "lon": lon,
                "locality": text(props.get("addr:city")),
            },
            props.get("_id"),
        )


SPEC = ReaderSpec(
    name="susy",
    read=read,
    default_source="susy",
    license="Public Domain",
    attribution="SUSY map of SSE initiatives (TransforMap / SSEDAS partners)",
    description="SUSY map GeoJSON (TransforMap)",
)

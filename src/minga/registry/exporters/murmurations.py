"""Murmurations export: one ``organizations_schema-v1.0.0`` profile per actor, ``<id>.json`` in a folder.

Values the schema would reject (a name over 200 characters, a website that is not http(s), a country code outside
ISO 3166-1) are shortened or left out, so every profile written is valid.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from minga.registry.domain.murmurations import DATA, SCHEMA_NAME
from minga.registry.exporters.common import first_text
from minga.registry.models import Actor

STATUS = {"active": "active", "inactive": "on_hold", "dissolved": "cancelled"}


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    field = json.loads((DATA / "fields" / "country_iso_3166.json").read_text("utf-8"))
    return frozenset(field["enum"])


def profile(actor: Actor) -> dict[str, Any]:
    """The Murmurations profile of one actor."""
    out: dict[str, Any] = {"linked_schemas": [SCHEMA_NAME], "name": actor.name[:200]}
    if actor.website.lower().startswith(("http://", "https://")) and len(actor.website) <= 2000:
        out["primary_url"] = actor.website
    tags: list[str] = []
    for tag in [actor.kind, *(actor.tags or [])]:
        tag = str(tag).strip()[:100]
        if tag and tag not in tags:
            tags.append(tag)
    out["tags"] = tags[:100]
    if description := first_text(actor.description or {}):
        out["description"] = description
    if actor.status in STATUS:
        out["status"] = STATUS[actor.status]
    address = ", ".join(p for p in (actor.street_address, actor.locality_name, actor.postcode) if p)
    if address:
        out["full_address"] = " ".join(address.split())
    if actor.country_code in _countries():
        out["country_iso_3166"] = actor.country_code
    if actor.lat is not None and actor.lon is not None:
        out["geolocation"] = {"lat": actor.lat, "lon": actor.lon}
    if actor.phone:
        out["telephone"] = actor.phone
    if actor.email:
        out["contact_details"] = {"email": actor.email}
    return out


def write(actors: Iterator[Actor], output: Path) -> tuple[int, int]:
    """Side effect: writes ``output/<id>.json`` per actor and ``output/index.json`` (the list of files)."""
    output.mkdir(parents=True, exist_ok=True)
    names = []
    for actor in actors:
        name = f"{actor.pk}.json"
        (output / name).write_text(json.dumps(profile(actor), ensure_ascii=False, indent=1), encoding="utf-8")
        names.append(name)
    index = {"schema": SCHEMA_NAME, "count": len(names), "profiles": names}
    (output / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return len(names), 0

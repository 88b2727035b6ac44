"""Murmurations organisation profiles: a JSON file holding one profile or a list, or a folder of profile files.

Every profile is validated against ``organizations_schema-v1.0.0`` before anything is imported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minga.registry.domain.murmurations import profile_errors
from minga.registry.domain.rows import Record, Reject
from minga.registry.importers import ReaderSpec, text
from minga.registry.models import ActorKind

KINDS = set(ActorKind.values)

STATUS = {"active": "active", "completed": "inactive", "cancelled": "dissolved", "on_hold": "inactive"}


def _profiles(path: Path) -> Iterator[tuple[int, str, Any]]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    number = 0
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            number += 1
            yield number, file.name, err
            continue
        for item in data if isinstance(data, list) else [data]:
            number += 1
            yield number, file.name, item


def _source_id(profile: dict[str, Any]) -> str:
    for key in ("unique_id", "primary_url"):
        if value := text(profile.get(key)):
            return value[:120]
    basis = f"{profile.get('name')}|{profile.get('country_iso_3166')}|{profile.get('geolocation')}"
    return hashlib.sha1(basis.encode(), usedforsecurity=False).hexdigest()


def read(path: Path) -> Iterator[Record | Reject]:
    for number, filename, profile in _profiles(path):
        where = number
        if isinstance(profile, Exception):
            yield Reject(where, f"{filename}: not valid JSON: {profile}")
            continue
        errors = profile_errors(profile)
        if errors:
            yield Reject(
                where, f"{filename}: not a valid organizations_schema-v1.0.0 profile: {'; '.join(errors[:5])}"
            )
            continue
        geo = profile.get("geolocation") or {}
        urls = [u.get("url") for u in profile.get("urls") or [] if isinstance(u, dict) and u.get("url")]
        description = text(profile.get("description"))
        yield Record(
            where,
            {
                "source_id": _source_id(profile),
                "name": profile.get("name"),
                "kind": next((t for t in profile.get("tags") or [] if t in KINDS), "association"),
                "description": {"en": description} if description else {},
                "tags": [str(t) for t in profile.get("tags") or []],
                "website": profile.get("primary_url") or (urls[0] if urls else ""),
                "email": next((c.get("email", "") for c in [profile.get("contact_details") or {}]), ""),
                "phone": text(profile.get("telephone")),
                "street_address": text(profile.get("full_address")),
                "country_code": text(profile.get("country_iso_3166")),
                "lat": geo.get("lat"),
                "lon": geo.get("lon"),
                "status": STATUS.get(profile.get("status") or "active", "active"),
            },
            profile,
        )


SPEC = ReaderSpec(
    name="murmurations",
    read=read,
    default_source="murmurations",
    license="",
    attribution="Murmurations network profile",
    description="Murmurations organizations_schema-v1.0.0 profiles (JSON file or folder)",
)

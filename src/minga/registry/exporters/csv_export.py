"""CSV export: one row per actor, the columns of ``HEADER``."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from minga.registry.exporters.common import territory_code
from minga.registry.models import Actor

HEADER = [
    "id", "name", "kind", "description_en", "description_es", "description_fr", "organisational_structure",
    "primary_activity", "membership_type", "legal_form", "legal_form_local", "website", "email", "phone",
    "street_address", "locality_name", "postcode", "country_code", "territory", "lat", "lon", "founded_on",
    "dissolved_on", "members", "workers_women", "workers_men", "workers_other", "status", "tags", "source",
    "source_id", "license", "attribution",
]  # fmt: skip


def row(actor: Actor) -> list[object]:
    d = actor.description or {}
    return [
        actor.pk, actor.name, actor.kind, d.get("en", ""), d.get("es", ""), d.get("fr", ""),
        actor.organisational_structure, actor.primary_activity, actor.membership_type, actor.legal_form,
        actor.legal_form_local, actor.website, actor.email, actor.phone, actor.street_address, actor.locality_name,
        actor.postcode, actor.country_code, territory_code(actor), _n(actor.lat), _n(actor.lon),
        actor.founded_on or "", actor.dissolved_on or "", _n(actor.members), _n(actor.workers_women),
        _n(actor.workers_men), _n(actor.workers_other), actor.status, ";".join(actor.tags or []), actor.source,
        actor.source_id, actor.license, actor.attribution,
    ]  # fmt: skip


def _n(value: object) -> object:
    return "" if value is None else value


def write(actors: Iterator[Actor], output: Path) -> tuple[int, int]:
    """Side effect: writes ``output`` (UTF-8 CSV with a header row)."""
    count = 0
    with output.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for actor in actors:
            writer.writerow(row(actor))
            count += 1
    return count, 0

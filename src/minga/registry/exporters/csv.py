"""CSV export: one row per actor, the columns of ``HEADER``. UTF-8 (no BOM), RFC 4180 quoting.

Columns, in order:

- ``id``: Minga's actor id; ``name``; ``kind`` (see ``ActorKind``)
- ``description_en`` … ``description_pt``: the description in each language Minga's CSV import knows
- ``organisational_structure``, ``primary_activity``, ``activities``, ``membership_type``, ``legal_form``,
  ``qualifiers``, ``themes``: ESSGlobal codes (OS…, ICA…, BMT…, L…); ``legal_form_local``: as registered
- ``website``, ``email``, ``phone``; ``street_address``, ``locality_name``, ``postcode``, ``country_code``
- ``territory``: the code of the actor's territory (M49, ISO 3166 or locality code), empty when unplaced
- ``lat``, ``lon``: WGS84 decimal degrees; ``founded_on``, ``dissolved_on``: YYYY-MM-DD
- ``members``, ``workers_women``, ``workers_men``, ``workers_other``: counts; ``status``
- ``tags``; then provenance: ``source``, ``source_id``, ``license``, ``attribution``

List columns (``activities``, ``qualifiers``, ``themes``, ``tags``) are joined with ``;``; a ``;`` inside one
item is written as ``,`` so the split stays unambiguous. Missing values are empty cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from minga.registry.exporters import Exporter, Written, atomic_text, territory_code
from minga.registry.models import Actor

LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
HEADER = [
    "id", "name", "kind", *(f"description_{lang}" for lang in LANGUAGES),
    "organisational_structure", "primary_activity", "activities", "membership_type", "legal_form",
    "legal_form_local", "qualifiers", "themes", "website", "email", "phone", "street_address",
    "locality_name", "postcode", "country_code", "territory", "lat", "lon", "founded_on", "dissolved_on",
    "members", "workers_women", "workers_men", "workers_other", "status", "tags", "source", "source_id",
    "license", "attribution",
]  # fmt: skip


def row(actor: Actor) -> list[str]:
    """The CSV cells of one actor, in ``HEADER`` order."""
    texts = actor.description or {}
    return [
        str(actor.pk), actor.name, actor.kind, *(texts.get(lang) or "" for lang in LANGUAGES),
        actor.organisational_structure, actor.primary_activity, _joined(actor.activities),
        actor.membership_type, actor.legal_form, actor.legal_form_local, _joined(actor.qualifiers),
        _joined(actor.themes), actor.website, actor.email, actor.phone, actor.street_address,
        actor.locality_name, actor.postcode, actor.country_code,
        territory_code(actor), _cell(actor.lat), _cell(actor.lon), _cell(actor.founded_on),
        _cell(actor.dissolved_on), _cell(actor.members), _cell(actor.workers_women), _cell(actor.workers_men),
        _cell(actor.workers_other), actor.status, _joined(actor.tags), actor.source, actor.source_id,
        actor.license, actor.attribution,
    ]  # fmt: skip


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _joined(items: list[object] | None) -> str:
    return ";".join(str(item).replace(";", ",") for item in items or [] if str(item).strip())


def write(actors: Iterable[Actor], output: Path) -> Written:
    """Side effect: writes ``output`` (replacing it once complete)."""
    written = Written()
    with atomic_text(output) as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for actor in actors:
            writer.writerow(row(actor))
            written.add(actor)
    return written


EXPORTER = Exporter("csv", write, "CSV, one row per actor (UTF-8)")

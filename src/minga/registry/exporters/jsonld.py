"""JSON-LD export: schema.org Organization nodes with ESSGlobal terms and SDG IRIs, context inline (no network)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minga.registry.exporters.common import SCHEMES, essglobal_iri
from minga.registry.models import Actor
from minga.registry.models.actor import SSE_KINDS

CONTEXT = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "sdg": "http://metadata.un.org/sdg/",
    "minga": "https://minga.coop/ns#",
    "organisationalStructure": {"@id": "essglobal:organisationalStructure", "@type": "@id"},
    "economicActivity": {"@id": "essglobal:economicActivity", "@type": "@id"},
    "baseMembershipType": {"@id": "essglobal:baseMembershipType", "@type": "@id"},
    "legalForm": {"@id": "essglobal:legalForm", "@type": "@id"},
    "sdgGoal": {"@id": "minga:sdgGoal", "@type": "@id"},
    "kind": "minga:kind",
}
PROPERTY = {
    "organisational_structure": "organisationalStructure",
    "primary_activity": "economicActivity",
    "membership_type": "baseMembershipType",
    "legal_form": "legalForm",
}


def node(actor: Actor, sdg_goals: list[int]) -> dict[str, Any]:
    """One actor as a JSON-LD node."""
    out: dict[str, Any] = {
        "@id": f"minga:actor/{actor.pk}",
        "@type": ["Organization", "essglobal:SSEInitiative"] if actor.kind in SSE_KINDS else ["Organization"],
        "name": actor.name,
        "kind": actor.kind,
    }
    if actor.description:
        out["description"] = [
            {"@value": t, "@language": lang} for lang, t in sorted(actor.description.items()) if t
        ]
    for field in SCHEMES:
        if code := getattr(actor, field):
            out[PROPERTY[field]] = essglobal_iri(field, code)
    for key, value in (("url", actor.website), ("email", actor.email), ("telephone", actor.phone)):
        if value:
            out[key] = value
    address = {
        "@type": "PostalAddress",
        **{
            k: v
            for k, v in (
                ("streetAddress", actor.street_address),
                ("addressLocality", actor.locality_name),
                ("postalCode", actor.postcode),
                ("addressCountry", actor.country_code),
            )
            if v
        },
    }
    if len(address) > 1:
        out["address"] = address
    if actor.lat is not None and actor.lon is not None:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": actor.lat, "longitude": actor.lon}
    if actor.founded_on:
        out["foundingDate"] = actor.founded_on.isoformat()
    workers = [w for w in (actor.workers_women, actor.workers_men, actor.workers_other) if w is not None]
    if workers:
        out["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": sum(workers)}
    if sdg_goals:
        out["sdgGoal"] = [f"sdg:{n}" for n in sdg_goals]
    if actor.license:
        out["license"] = actor.license
    if actor.attribution:
        out["creditText"] = actor.attribution
    return out


def write(actors: Iterator[Actor], output: Path) -> tuple[int, int]:
    """Side effect: writes ``output`` as one JSON-LD document (``@context`` + ``@graph``)."""
    count = 0
    with output.open("w", encoding="utf-8") as fh:
        fh.write('{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [\n')
        for actor in actors:
            goals = sorted(goal.number for goal in actor.sdg_goals.all())  # prefetched by export()
            fh.write((",\n" if count else "") + json.dumps(node(actor, goals), ensure_ascii=False))
            count += 1
        fh.write("\n]}\n")
    return count, 0

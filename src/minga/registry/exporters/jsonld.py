"""JSON-LD export: one document, ``{"@context": CONTEXT, "@graph": [...]}``, the context inline (no network).

Each actor is a ``schema:Organization`` node (also ``essglobal:SSEInitiative`` for SSE kinds, or
``essglobal:Network`` for networks) with name, language-tagged descriptions, url, email, telephone,
``schema:PostalAddress``, ``schema:GeoCoordinates``, founding/dissolution dates, ``numberOfEmployees``
(the sum of the worker counts), ESSGlobal concept IRIs (``essglobal:organisationalStructure``,
``primarySector``, ``additionalSectors``, ``baseMembershipType``, ``legalForm``, ``qualifier``; only
concepts Minga knows),
``dcterms:subject`` SDG IRIs (the actor's goals, and the targets of initiatives it takes part in, unless the
link is an unconfirmed suggestion), ``schema:license`` and ``schema:creditText``. ``schema:isBasedOn`` points
to one ``schema:Dataset`` node per source, written at the end of the graph with its licenses and credit lines.

Nodes are blank nodes (``_:actor<id>``): an instance has no public base IRI to mint actor IRIs from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify

from minga.registry.exporters import Exporter, Written, atomic_text, coordinates
from minga.registry.models import Actor, Initiative, InitiativeSdgTarget, SdgOrigin
from minga.registry.models.actor import SSE_KINDS
from minga.vocab.models import Concept, SdgGoal

_ID = {"@type": "@id"}
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "sdg": "http://metadata.un.org/sdg/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "url": {"@id": "schema:url", **_ID},
    "foundingDate": {"@id": "schema:foundingDate", "@type": "xsd:date"},
    "dissolutionDate": {"@id": "schema:dissolutionDate", "@type": "xsd:date"},
    "organisationalStructure": {"@id": "essglobal:organisationalStructure", **_ID},
    "primarySector": {"@id": "essglobal:primarySector", **_ID},
    "additionalSectors": {"@id": "essglobal:additionalSectors", **_ID},
    "baseMembershipType": {"@id": "essglobal:baseMembershipType", **_ID},
    "legalForm": {"@id": "essglobal:legalForm", **_ID},
    "qualifier": {"@id": "essglobal:qualifier", **_ID},
    "totalOfMembers": {"@id": "essglobal:totalOfMembers"},
    "subject": {"@id": "dcterms:subject", **_ID},
    "isBasedOn": {"@id": "schema:isBasedOn", **_ID},
    "minga": "https://w3id.org/minga/vocab#",
    "memberOf": {"@id": "schema:memberOf", **_ID},
    "funder": {"@id": "schema:funder", **_ID},
    "fundedItem": {"@id": "schema:fundedItem", **_ID},
}
#: providers of more graph nodes for the actors exported (their Minga ids): other apps register here (the
#: ecosystem app adds relations), so this layer never imports theirs
EXTRA_NODES: list[Callable[[set[int]], Iterable[dict[str, Any]]]] = []
#: actor field → (JSON-LD term, ESSGlobal scheme); list fields give several IRIs
ESSGLOBAL_TERMS = {
    "organisational_structure": ("organisationalStructure", "organisational-structure"),
    "primary_activity": ("primarySector", "activities-ica"),
    "activities": ("additionalSectors", "activities-ica"),
    "membership_type": ("baseMembershipType", "base-membership-type"),
    "legal_form": ("legalForm", "legal-form"),
    "qualifiers": ("qualifier", "qualifiers"),
}
#: license names Minga's importers use → their canonical IRIs (others are written as text)
LICENSE_IRIS = {
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "Public Domain": "https://creativecommons.org/publicdomain/mark/1.0/",
}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
Concepts = dict[tuple[str, str], str]


def prepare(actors: QuerySet[Actor]) -> QuerySet[Actor]:
    """Prefetch SDG goals and the confirmed SDG targets of the actor's initiatives (3 queries per chunk)."""
    links = InitiativeSdgTarget.objects.exclude(origin=SdgOrigin.SUGGESTED).select_related("target")
    initiatives = Initiative.objects.only("id").prefetch_related(Prefetch("sdg_links", queryset=links))
    return actors.prefetch_related(
        Prefetch("sdg_goals", queryset=SdgGoal.objects.only("id", "number")),
        Prefetch("initiatives", queryset=initiatives),
    )


def concept_iris() -> Concepts:
    """``{(scheme, code): uri}`` of every ESSGlobal concept (one query)."""
    return {(scheme, code): uri for scheme, code, uri in Concept.objects.values_list("scheme", "code", "uri")}


def sdg_iris(actor: Actor) -> list[str]:
    """The SDG goal IRIs of the actor, then the SDG target IRIs of its initiatives (uses the prefetch)."""
    goals = sorted(actor.sdg_goals.all(), key=lambda goal: goal.number)
    targets = {link.target.iri for i in actor.initiatives.all() for link in i.sdg_links.all()}
    return [goal.iri for goal in goals] + sorted(targets)


def node(actor: Actor, concepts: Concepts, sdgs: list[str]) -> dict[str, Any]:
    """One actor as a JSON-LD node (compacted against ``CONTEXT``)."""
    types = ["Organization"]
    if actor.kind in SSE_KINDS:
        types.append("essglobal:SSEInitiative")
    elif actor.kind == "network":
        types.append("essglobal:Network")
    out: dict[str, Any] = {"@id": f"_:actor{actor.pk}", "@type": types, "name": actor.name}
    identifiers = [{"@type": "PropertyValue", "propertyID": "minga", "value": str(actor.pk)}]
    if actor.source_id:
        identifiers.append({"@type": "PropertyValue", "propertyID": actor.source, "value": actor.source_id})
    out["identifier"] = identifiers
    if descriptions := _descriptions(actor.description or {}):
        out["description"] = descriptions
    for key, value in (("url", actor.website), ("email", actor.email), ("telephone", actor.phone)):
        if value:
            out[key] = value
    if address := _address(actor):
        out["address"] = address
    if point := coordinates(actor):
        out["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    if actor.founded_on:
        out["foundingDate"] = actor.founded_on.isoformat()
    if actor.dissolved_on:
        out["dissolutionDate"] = actor.dissolved_on.isoformat()
    workers = [n for n in (actor.workers_women, actor.workers_men, actor.workers_other) if n is not None]
    if workers:
        out["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": sum(workers)}
    if actor.members is not None:
        out["totalOfMembers"] = actor.members
    for field, (term, scheme) in ESSGLOBAL_TERMS.items():
        value = getattr(actor, field)
        codes = value if isinstance(value, list) else [value]
        iris = [
            iri for c in codes if c and (iri := concepts.get((scheme, str(c).rstrip("/").rsplit("/", 1)[-1])))
        ]
        if iris:
            out[term] = iris if isinstance(value, list) else iris[0]
    if actor.tags:
        out["keywords"] = [str(t) for t in actor.tags]
    if sdgs:
        out["subject"] = sdgs
    if actor.license:
        out["license"] = _license(actor.license)
    if actor.attribution:
        out["creditText"] = actor.attribution
    out["isBasedOn"] = _source_id(actor.source)
    return out


def _descriptions(texts: dict[str, str]) -> list[dict[str, str] | str]:
    """Language-tagged values; a text under a key that is not a language tag stays untagged."""
    return [
        {"@value": text, "@language": lang} if _LANGUAGE.match(lang) else text
        for lang, text in sorted(texts.items())
        if text
    ]


def _address(actor: Actor) -> dict[str, str] | None:
    parts = {
        "streetAddress": actor.street_address,
        "addressLocality": actor.locality_name,
        "postalCode": actor.postcode,
        "addressCountry": actor.country_code,
    }
    filled = {key: value for key, value in parts.items() if value}
    return {"@type": "PostalAddress", **filled} if filled else None


def _license(name: str) -> dict[str, str] | str:
    return {"@id": LICENSE_IRIS[name]} if name in LICENSE_IRIS else name


def _source_id(source: str) -> str:
    return f"_:source-{slugify(source) or 'unknown'}"


def write(actors: Iterable[Actor], output: Path) -> Written:
    """Side effect: writes ``output`` (replacing it once complete). Reads the ESSGlobal concepts once."""
    written = Written()
    concepts = concept_iris()
    sources: dict[str, tuple[set[str], set[str]]] = {}
    exported: set[int] = set()
    with atomic_text(output) as fh:
        fh.write('{"@context": ' + json.dumps(CONTEXT, indent=1) + ',\n"@graph": [')
        for actor in actors:
            doc = node(actor, concepts, sdg_iris(actor))
            fh.write(("," if written.count else "") + "\n" + json.dumps(doc, ensure_ascii=False))
            written.add(actor)
            exported.add(actor.pk)
            licenses, credits = sources.setdefault(actor.source, (set(), set()))
            licenses.update([actor.license] if actor.license else [])
            credits.update([actor.attribution] if actor.attribution else [])
        for provider in EXTRA_NODES:
            for extra in provider(exported):
                fh.write(",\n" + json.dumps(extra, ensure_ascii=False))
        for source, (licenses, credits) in sorted(sources.items()):
            dataset: dict[str, Any] = {"@id": _source_id(source), "@type": "Dataset", "name": source}
            if licenses:
                dataset["license"] = [_license(name) for name in sorted(licenses)]
            if credits:
                dataset["creditText"] = sorted(credits)
            fh.write(",\n" + json.dumps(dataset, ensure_ascii=False))
        fh.write("\n]}\n")
    return written


EXPORTER = Exporter(
    "jsonld", write, "JSON-LD (schema.org + ESSGlobal + SDG IRIs), one document", prepare=prepare
)

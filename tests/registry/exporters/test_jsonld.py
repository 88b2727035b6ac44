"""JSON-LD export: parses as JSON-LD offline and carries schema.org, ESSGlobal and SDG IRIs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from minga.registry.exporters import export
from minga.registry.exporters.jsonld import CONTEXT
from minga.registry.models import InitiativeActor, InitiativeSdgTarget
from minga.vocab.models import SdgGoal, SdgTarget
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db

UK = "Contains Co-operatives UK open data"
ESS = "http://purl.org/essglobal/standard"


def no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the export made PyLD fetch {url}")


OFFLINE = {"documentLoader": no_network}


def exported(tmp_path: Path, **filters: Any) -> dict[str, Any]:
    export("jsonld", tmp_path / "a.jsonld", **filters)
    return json.loads((tmp_path / "a.jsonld").read_text("utf-8"))


def bakery() -> Any:
    actor = make_actor(
        "GB-BST", name="Bristol Bread", description={"en": "Bakery", "fr": "Boulangerie"},
        organisational_structure="OS60", primary_activity="ICA70", activities=["ICA140", "ICA9999"],
        membership_type="BMT20", legal_form="L2", website="https://bread.example", email="hi@bread.example",
        phone="+44 117 000", street_address="1 Mill Lane", locality_name="Bristol", postcode="BS1 1AA",
        lat=51.45, lon=-2.58, founded_on=dt.date(1990, 5, 1), workers_women=3, workers_men=2, members=40,
        tags=["food"], source="coops-uk", source_id="R1", license="ODC-By-1.0", attribution=UK,
    )  # fmt: skip
    actor.sdg_goals.add(SdgGoal.objects.get(number=8), SdgGoal.objects.get(number=2))
    initiative = make_initiative("GB-BST")
    InitiativeActor.objects.create(initiative=initiative, actor=actor, role="lead")
    InitiativeActor.objects.create(initiative=initiative, actor=actor, role="funder")
    for code, origin in (("8.3", "confirmed"), ("8.3", "manual"), ("12.5", "suggested")):
        other = initiative if origin != "manual" else make_initiative("GB-BST")
        if origin == "manual":
            InitiativeActor.objects.create(initiative=other, actor=actor)
        InitiativeSdgTarget.objects.create(
            initiative=other, target=SdgTarget.objects.get(code=code), origin=origin
        )
    return actor


def test_document_shape(tmp_path: Path) -> None:
    actor = bakery()

    doc = exported(tmp_path)

    assert doc["@context"] == CONTEXT
    assert doc["@graph"] == [
        {
            "@id": f"_:actor{actor.pk}",
            "@type": ["Organization", "essglobal:SSEInitiative"],
            "name": "Bristol Bread",
            "identifier": [
                {"@type": "PropertyValue", "propertyID": "minga", "value": str(actor.pk)},
                {"@type": "PropertyValue", "propertyID": "coops-uk", "value": "R1"},
            ],
            "description": [
                {"@value": "Bakery", "@language": "en"},
                {"@value": "Boulangerie", "@language": "fr"},
            ],
            "url": "https://bread.example",
            "email": "hi@bread.example",
            "telephone": "+44 117 000",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1 Mill Lane",
                "addressLocality": "Bristol",
                "postalCode": "BS1 1AA",
                "addressCountry": "GB",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 51.45, "longitude": -2.58},
            "foundingDate": "1990-05-01",
            "numberOfEmployees": {"@type": "QuantitativeValue", "value": 5},
            "totalOfMembers": 40,
            "organisationalStructure": f"{ESS}/organisational-structure/OS60",
            "primarySector": f"{ESS}/activities-ica/ICA70",
            "additionalSectors": [f"{ESS}/activities-ica/ICA140"],
            "baseMembershipType": f"{ESS}/base-membership-type/BMT20",
            "legalForm": f"{ESS}/legal-form/L2",
            "keywords": ["food"],
            "subject": [
                "http://metadata.un.org/sdg/2",
                "http://metadata.un.org/sdg/8",
                "http://metadata.un.org/sdg/8.3",
            ],
            "license": {"@id": "https://opendatacommons.org/licenses/by/1-0/"},
            "creditText": UK,
            "isBasedOn": "_:source-coops-uk",
        },
        {
            "@id": "_:source-coops-uk",
            "@type": "Dataset",
            "name": "coops-uk",
            "license": [{"@id": "https://opendatacommons.org/licenses/by/1-0/"}],
            "creditText": [UK],
        },
    ]


def test_parses_offline_as_json_ld_with_the_expected_iris(tmp_path: Path) -> None:
    bakery()
    make_actor("FR", name="Réseau", kind="network", description={"fr": "Un réseau"})
    make_actor("DE", name="Bund", kind="funder_public", license="CC0-1.0", source="kvm")

    doc = exported(tmp_path)
    expanded = jsonld.expand(doc, OFFLINE)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", **OFFLINE})

    assert len(expanded) == 6  # three actors, three sources (coops-uk, test, kvm)
    lines = set(nquads.splitlines())
    triples = {" ".join(line.split(" ")[1:3]) for line in lines}
    assert {
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Organization>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/essglobal/vocab/SSEInitiative>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/essglobal/vocab/Network>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Dataset>",
        f"<http://purl.org/essglobal/vocab/organisationalStructure> <{ESS}/organisational-structure/OS60>",
        f"<http://purl.org/essglobal/vocab/primarySector> <{ESS}/activities-ica/ICA70>",
        f"<http://purl.org/essglobal/vocab/additionalSectors> <{ESS}/activities-ica/ICA140>",
        f"<http://purl.org/essglobal/vocab/baseMembershipType> <{ESS}/base-membership-type/BMT20>",
        f"<http://purl.org/essglobal/vocab/legalForm> <{ESS}/legal-form/L2>",
        "<http://purl.org/dc/terms/subject> <http://metadata.un.org/sdg/8>",
        "<http://purl.org/dc/terms/subject> <http://metadata.un.org/sdg/8.3>",
        "<https://schema.org/url> <https://bread.example>",
        "<https://schema.org/license> <https://opendatacommons.org/licenses/by/1-0/>",
        "<https://schema.org/license> <https://creativecommons.org/publicdomain/zero/1.0/>",
    } <= triples
    assert "<http://metadata.un.org/sdg/12.5>" not in nquads  # a suggested link is not exported
    assert f"<{ESS}/activities-ica/ICA9999>" not in nquads  # not an ESSGlobal concept
    for literal in (
        '"Boulangerie"@fr',
        '"Un réseau"@fr',
        '"1990-05-01"^^<http://www.w3.org/2001/XMLSchema#date>',
        f'<https://schema.org/creditText> "{UK}"',
    ):
        assert literal in nquads
    assert sum("<https://schema.org/isBasedOn>" in line for line in lines) == 3


def test_untagged_description_key_and_empty_selection(tmp_path: Path) -> None:
    make_actor("GB-BST", kind="funder_public", description={"not a tag!": "Text"})

    node = exported(tmp_path)["@graph"][0]
    empty = exported(tmp_path, territory="FR")

    assert (node["@type"], node["description"]) == (["Organization"], ["Text"])
    assert empty == {"@context": CONTEXT, "@graph": []}
    assert jsonld.to_rdf(empty, {"format": "application/n-quads", **OFFLINE}) == ""

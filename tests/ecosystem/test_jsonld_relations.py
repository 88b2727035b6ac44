"""Relations in the JSON-LD export: memberOf, MonetaryGrant with its MonetaryAmount, Minga relations; read back
offline as RDF triples with the expected IRIs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from minga.registry.exporters import export
from tests.factories import make_actor, make_initiative, make_relation

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"


def no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the export made PyLD fetch {url}")


def test_relations_between_exported_actors_are_in_the_graph(tmp_path: Path) -> None:
    coop, network = make_actor(name="Coop"), make_actor(name="Network", kind="network")
    funder, elsewhere = make_actor(name="Trust", kind="funder_foundation"), make_actor("FR", name="Ailleurs")
    make_relation(coop, network, "member_of")
    grant = make_relation(funder, coop, "funds", amount=Decimal("1500.00"), currency="GBP", instrument="grant",
                          start_date=dt.date(2024, 1, 1), source="360giving", source_id="360G-x-1")  # fmt: skip
    support = make_relation(network, coop, "supports", instrument="training")
    make_relation(funder, elsewhere, "funds")  # Ailleurs is not exported below
    make_relation(coop, make_initiative(), "implements")  # initiatives are not exported

    export("jsonld", tmp_path / "gb.jsonld", territory="GB")
    doc = json.loads((tmp_path / "gb.jsonld").read_text("utf-8"))

    extra = [n for n in doc["@graph"] if n.get("@type") not in (["Organization", "essglobal:SSEInitiative"],
                                                                   ["Organization"], ["Organization", "essglobal:Network"], "Dataset")]  # fmt: skip
    assert extra == [
        {"@id": f"_:actor{coop.pk}", "memberOf": f"_:actor{network.pk}"},
        {"@id": f"_:relation{grant.pk}", "@type": "MonetaryGrant", "funder": f"_:actor{funder.pk}",
         "fundedItem": f"_:actor{coop.pk}", "amount": {"@type": "MonetaryAmount", "value": "1500.00", "currency": "GBP"},
         "minga:instrument": "grant", "startDate": "2024-01-01",
         "identifier": {"@type": "PropertyValue", "propertyID": "360giving", "value": "360G-x-1"}},
        {"@id": f"_:relation{support.pk}", "@type": "minga:Relation", "minga:relationType": "supports",
         "minga:from": {"@id": f"_:actor{network.pk}"}, "minga:to": {"@id": f"_:actor{coop.pk}"},
         "identifier": {"@type": "PropertyValue", "propertyID": "test", "value": support.source_id}},
    ]  # fmt: skip
    triples = jsonld.to_rdf(doc, {"documentLoader": no_network, "format": "application/n-quads"})
    assert f"<{SCHEMA}memberOf>" in triples and f"<{SCHEMA}MonetaryGrant>" in triples
    assert '"GBP"' in triples and "<https://w3id.org/minga/vocab#relationType>" in triples

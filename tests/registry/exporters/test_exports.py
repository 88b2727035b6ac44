"""Exports: each format on factory actors, filters, JSON-LD that parses, Murmurations profiles that validate."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from minga.registry.exporters import export
from minga.registry.exporters.csv_export import HEADER
from minga.vocab.models import SdgGoal
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def shared_validator(shared_data: Path) -> Draft7Validator:
    """A validator built from the shared copy of the Murmurations library (not the product's own)."""
    folder = shared_data / "murmurations-schemas"
    schema = json.loads((folder / "schemas" / "organizations_schema-v1.0.0.json").read_text())
    base = schema["$id"].rsplit("/schemas/", 1)[0]
    resources = [(schema["$id"], Resource.from_contents(schema, DRAFT7))]
    for field in (folder / "fields").glob("*.json"):
        resources.append(
            (f"{base}/fields/{field.name}", Resource.from_contents(json.loads(field.read_text()), DRAFT7))
        )
    return Draft7Validator(schema, registry=Registry().with_resources(resources))


def test_csv_export_filters_by_territory_subtree_and_kind(tmp_path: Path) -> None:
    bristol = make_actor("GB-BST", name="Bristol Bread", lat=51.45, lon=-2.58, tags=["food", "bakery"])
    make_actor("FR", name="Lyon Lait", kind="association")

    for territory, expected in (("GB", [bristol.pk]), ("150", None), ("FR", None), ("GB-MAN", [])):
        out = tmp_path / f"{territory}.csv"
        report = export("csv", out, territory=territory, kind="cooperative")
        rows = list(csv.reader(out.open(encoding="utf-8")))
        assert rows[0] == HEADER
        ids = [int(r[0]) for r in rows[1:]]
        assert ids == (expected if expected is not None else ([bristol.pk] if territory == "150" else []))
        assert report.count == len(ids)
    rows = list(csv.DictReader((tmp_path / "GB.csv").open(encoding="utf-8")))
    assert (rows[0]["name"], rows[0]["territory"], rows[0]["tags"], rows[0]["lat"]) == (
        "Bristol Bread",
        "GB-BST",
        "food;bakery",
        "51.45",
    )


def test_geojson_export_skips_actors_without_coordinates(tmp_path: Path) -> None:
    with_point = make_actor(
        "GB-BST", name="Pointed", lat=51.45, lon=-2.58, attribution="Contains Co-operatives UK open data"
    )
    make_actor("GB-BST", name="Pointless")

    report = export("geojson", tmp_path / "a.geojson")

    data = json.loads((tmp_path / "a.geojson").read_text())
    assert (report.count, report.skipped) == (1, 1)
    assert data["type"] == "FeatureCollection"
    assert data["attribution"] == ["Contains Co-operatives UK open data"]
    assert data["features"] == [
        {
            "type": "Feature",
            "id": with_point.pk,
            "geometry": {"type": "Point", "coordinates": [-2.58, 51.45]},
            "properties": {
                "name": "Pointed",
                "kind": "cooperative",
                "territory": "GB-BST",
                "country_code": "GB",
                "website": "",
                "source": "test",
                "license": "",
                "attribution": "Contains Co-operatives UK open data",
            },
        }
    ]


def test_jsonld_parses_offline_with_essglobal_and_sdg_iris(tmp_path: Path) -> None:
    actor = make_actor(
        "GB-BST", organisational_structure="OS60", primary_activity="ICA70", lat=51.4, lon=-2.6,
        description={"en": "Bakery", "fr": "Boulangerie"},
    )  # fmt: skip
    actor.sdg_goals.add(SdgGoal.objects.get(number=8))

    export("jsonld", tmp_path / "a.jsonld")

    doc = json.loads((tmp_path / "a.jsonld").read_text())
    expanded = jsonld.expand(doc)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert len(expanded) == 1
    assert "<https://schema.org/Organization>" in nquads
    assert "<http://purl.org/essglobal/vocab/SSEInitiative>" in nquads
    assert "<http://purl.org/essglobal/standard/organisational-structure/OS60>" in nquads
    assert "<http://purl.org/essglobal/standard/activities-ica/ICA70>" in nquads
    assert "<http://metadata.un.org/sdg/8>" in nquads
    assert '"Boulangerie"@fr' in nquads


def test_murmurations_profiles_validate_even_with_awkward_data(tmp_path: Path, shared_data: Path) -> None:
    make_actor("GB-BST", name="x" * 300, website="update6", tags=["a", "a", "b" * 150])
    make_actor(
        "DE", name="Kooperative Grün", website="https://gruen.example", lat=52.5, lon=13.4, email="a@b.de"
    )
    make_actor(None, name="Nowhere", country_code="")

    report = export("murmurations", tmp_path / "m")

    validator = shared_validator(shared_data)
    profiles = [json.loads(p.read_text()) for p in sorted((tmp_path / "m").glob("[0-9]*.json"))]
    assert report.count == len(profiles) == 3
    assert [sorted(e.message for e in validator.iter_errors(p)) for p in profiles] == [[], [], []]
    assert profiles[1] == {
        "linked_schemas": ["organizations_schema-v1.0.0"],
        "name": "Kooperative Grün",
        "primary_url": "https://gruen.example",
        "tags": ["cooperative"],
        "status": "active",
        "country_iso_3166": "DE",
        "geolocation": {"lat": 52.5, "lon": 13.4},
        "contact_details": {"email": "a@b.de"},
    }


@pytest.mark.slow
def test_all_demo_actors_export_as_valid_murmurations(tmp_path: Path, shared_data: Path) -> None:
    from minga.cli import DEMO_FILES
    from minga.registry.domain.imports import import_file

    for fmt, path in DEMO_FILES:
        import_file(path, format=fmt)
    report = export("murmurations", tmp_path / "all")

    validator = shared_validator(shared_data)
    invalid = [
        p.name
        for p in (tmp_path / "all").glob("[0-9]*.json")
        if not validator.is_valid(json.loads(p.read_text()))
    ]
    assert (report.count, invalid) == (7387 + 1794 + 100, [])

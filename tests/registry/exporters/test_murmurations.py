"""Murmurations export: every profile validates against the real schema files, whatever the data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from minga.core.errors import MingaError
from minga.registry.exporters import export
from minga.registry.exporters.murmurations import profile
from minga.registry.models import Actor
from tests.factories import make_actor

pytestmark = pytest.mark.django_db

UK = "Contains Co-operatives UK open data"


def shared_validator(shared_data: Path) -> Draft7Validator:
    """A validator built here from ../shared/data/murmurations-schemas (not the product's packaged copy)."""
    folder = shared_data / "murmurations-schemas"
    schema = json.loads((folder / "schemas" / "organizations_schema-v1.0.0.json").read_text("utf-8"))
    base = schema["$id"].rsplit("/schemas/", 1)[0]
    resources = [(schema["$id"], DRAFT7.create_resource(schema))]
    for field in sorted((folder / "fields").glob("*.json")):
        contents = json.loads(field.read_text("utf-8"))
        resources.append((f"{base}/fields/{field.name}", Resource.from_contents(contents, DRAFT7)))
    return Draft7Validator(schema, registry=Registry().with_resources(resources))


def errors_of(validator: Draft7Validator, profiles: list[dict[str, Any]]) -> list[list[str]]:
    return [
        sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(p)) for p in profiles
    ]


def profiles_in(folder: Path) -> list[dict[str, Any]]:
    names = (folder / "index.txt").read_text("utf-8").split()
    return [json.loads((folder / name).read_text("utf-8")) for name in names]


def awkward_actors() -> list[Actor]:
    return [
        make_actor(
            "GB-BST", name="  x " * 75, website="update6", tags=["a", "a", "A", "b" * 150, "b" * 101, ""]
        ),
        make_actor(
            "GB-BST", name="Nowhere Near", website="", lat=None, lon=None, tags=[f"t{i}" for i in range(150)]
        ),
        make_actor(
            None, name="Off the map", country_code="XX", lat=95.0, lon=200.0, website="HTTPS://UP.EXAMPLE/x"
        ),
        make_actor(
            "DE", name="Kooperative Grün – Ökodorf 北京", website="ftp://files.example", tags=[7, "grün"]
        ),
        make_actor("FR", website="http://exa mple.org", status="unknown", social={"x": "@handle"}),
        make_actor("FR", website="https://[broken", description={"zz": ""}, phone="   "),
    ]


def test_every_profile_is_valid_even_with_awkward_data(tmp_path: Path, shared_data: Path) -> None:
    actors = awkward_actors()
    validator = shared_validator(shared_data)

    report = export("murmurations", tmp_path / "m")

    profiles = profiles_in(tmp_path / "m")
    assert (report.count, report.skipped) == (len(actors), 0)
    assert errors_of(validator, profiles) == [[]] * len(actors)
    assert errors_of(validator, [profile(a) for a in actors]) == [[]] * len(actors)  # valid by construction
    first, many, off, grun, spaced, broken = profiles
    assert first["name"] == " ".join(["x"] * 75)
    assert first["tags"] == ["cooperative", "a", "b" * 100]
    assert "primary_url" not in first
    assert (len(many["tags"]), many["tags"][:2]) == (100, ["cooperative", "t0"])
    assert off["primary_url"] == "https://UP.EXAMPLE/x"
    assert {"country_iso_3166", "geolocation"} & off.keys() == set()
    assert (grun["name"], grun["tags"], "primary_url" in grun) == (
        "Kooperative Grün – Ökodorf 北京",
        ["cooperative", "7", "grün"],
        False,
    )
    assert ("primary_url" in spaced, "status" in spaced, "urls" in spaced) == (False, False, False)
    assert {"primary_url", "description", "telephone"} & broken.keys() == set()
    assert "Kooperative Grün" in (tmp_path / "m" / f"{actors[3].pk}.json").read_text("utf-8")


def test_full_profile(tmp_path: Path) -> None:
    actor = make_actor(
        "GB-BST", name="Bristol Bread", description={"fr": "Boulangerie", "es": "Panadería"},
        website="https://bread.example", email="hi@bread.example", phone="+44  117 000",
        street_address="1 Mill Lane\nUnit 2", locality_name="Bristol", postcode="BS1 1AA",
        lat=51.45, lon=-2.58,
        founded_on=dt.date(2023, 1, 1), dissolved_on=dt.date(2024, 6, 30), status="dissolved",
        tags=["food", "Food", "bakery"],
        social={"facebook": "https://fb.example/bread", "x": "https://fb.example/bread"},
        source="coops-uk", source_id="R1", license="ODC-By-1.0", attribution=UK,
    )  # fmt: skip

    report = export("murmurations", tmp_path / "m")

    assert report.attributions == [UK]
    assert json.loads((tmp_path / "m" / f"{actor.pk}.json").read_text("utf-8")) == {
        "linked_schemas": ["organizations_schema-v1.0.0"],
        "name": "Bristol Bread",
        "primary_url": "https://bread.example",
        "tags": ["cooperative", "food", "bakery"],
        "urls": [{"name": "facebook", "url": "https://fb.example/bread"}],
        "description": "Panadería",
        "status": "cancelled",
        "full_address": "1 Mill Lane, Unit 2, Bristol, BS1 1AA",
        "country_iso_3166": "GB",
        "geolocation": {"lat": 51.45, "lon": -2.58},
        "starts_at": 1672531200,
        "ends_at": 1719705600,
        "telephone": "+44 117 000",
        "contact_details": {"email": "hi@bread.example"},
        "unique_id": "coops-uk:R1",
    }
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == sorted(
        ["ATTRIBUTION.txt", f"{actor.pk}.json", "index.txt"]
    )
    assert (tmp_path / "m" / "index.txt").read_text("utf-8") == f"{actor.pk}.json\n"
    assert (tmp_path / "m" / "ATTRIBUTION.txt").read_text("utf-8") == (
        "1 Murmurations profiles (organizations_schema-v1.0.0) exported from Minga.\n\n"
        f"Source: coops-uk\n  License: ODC-By-1.0\n  Credit: {UK}\n"
    )


def test_a_new_export_replaces_the_previous_one_and_refuses_foreign_folders(tmp_path: Path) -> None:
    old = make_actor("GB-BST")
    new = make_actor("FR")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.md").write_text("mine")

    export("murmurations", tmp_path / "m", territory="GB")
    (tmp_path / "m" / "notes.md").write_text("mine")
    export("murmurations", tmp_path / "m", territory="FR")
    with pytest.raises(MingaError) as refused:
        export("murmurations", tmp_path / "other")

    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == sorted(
        ["ATTRIBUTION.txt", "index.txt", "notes.md", f"{new.pk}.json"]
    )
    assert not (tmp_path / "m" / f"{old.pk}.json").exists()
    assert refused.value.hint == "Export into a new or empty folder."
    assert sorted(p.name for p in (tmp_path / "other").iterdir()) == ["notes.md"]


def test_minga_reads_the_exported_folder_back(tmp_path: Path) -> None:
    from minga.registry.domain.rows import Record
    from minga.registry.importers import get_reader

    make_actor("GB-BST", name="One", website="https://one.example", lat=51.4, lon=-2.6)
    make_actor("DE", name="Two", kind="association", tags=["x"], status="inactive")
    export("murmurations", tmp_path / "m")

    items = list(get_reader("murmurations").read(tmp_path / "m"))

    assert [type(item) for item in items] == [Record, Record]  # index.txt and ATTRIBUTION.txt are not read
    data = [item.data for item in items if isinstance(item, Record)]
    assert [{k: d[k] for k in ("name", "kind", "status")} for d in data] == [
        {"name": "One", "kind": "cooperative", "status": "active"},
        {"name": "Two", "kind": "association", "status": "inactive"},
    ]


def test_the_exported_folder_imports_back(tmp_path: Path) -> None:
    from minga.registry.domain.imports import import_file

    make_actor("GB-BST", name="One", website="https://one.example", lat=51.4, lon=-2.6)
    make_actor("DE", name="Two", kind="association", tags=["x"])
    export("murmurations", tmp_path / "m")

    report = import_file(tmp_path / "m", format="murmurations", source="roundtrip")

    assert (report.total, report.created, report.rejected) == (2, 2, [])
    assert sorted(Actor.objects.filter(source="roundtrip").values_list("name", "kind")) == [
        ("One", "cooperative"),
        ("Two", "association"),
    ]


@pytest.mark.slow
def test_all_demo_actors_export_as_valid_profiles(tmp_path: Path, shared_data: Path) -> None:
    from minga.registry.domain.imports import import_file

    demo = Path(__file__).resolve().parents[3] / "src" / "minga" / "data" / "demo"
    files = {
        "coops-uk": demo / "coops-uk" / "standard.Q2-2023.postcodes.csv",
        "susy": demo / "susy" / "susy-map.geojson",
        "kvm": demo / "kvm" / "search_results.json",
    }
    imported = sum(import_file(path, format=fmt).created for fmt, path in files.items())
    validator = shared_validator(shared_data)

    report = export("murmurations", tmp_path / "all")

    invalid = {}
    for name in (tmp_path / "all" / "index.txt").read_text("utf-8").split():
        errors = [
            e.message for e in validator.iter_errors(json.loads((tmp_path / "all" / name).read_text("utf-8")))
        ]
        if errors:
            invalid[name] = errors
    assert (report.count, report.skipped, invalid) == (Actor.objects.count(), 0, {})
    assert report.count == imported > 9000
    assert UK in report.attributions


def test_the_exporters_fast_checker_agrees_with_the_schema(shared_data: Path) -> None:
    from minga.registry.exporters.murmurations import checker

    base = {"linked_schemas": ["organizations_schema-v1.0.0"], "name": "A"}
    profiles = [
        base,
        {**base, "tags": ["a", "b"], "geolocation": {"lat": 1.5, "lon": 2}, "status": "on_hold"},
        {**base, "name": "x" * 201},
        {**base, "primary_url": "ftp://a.example"},
        {**base, "tags": ["a", "a"]},
        {**base, "tags": []},
        {**base, "geolocation": {"lat": 91, "lon": 0}},
        {**base, "geolocation": {"lat": 1}},
        {**base, "country_iso_3166": "XX"},
        {**base, "status": "dissolved"},
        {**base, "urls": [{"name": "x"}]},
        {"name": "no linked schemas"},
    ]
    reference = shared_validator(shared_data)

    assert [checker().is_valid(p) for p in profiles] == [reference.is_valid(p) for p in profiles]
    assert [reference.is_valid(p) for p in profiles] == [True, True] + [False] * 10

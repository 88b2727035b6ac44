"""CSV export: the documented header and the exact rows."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from minga.registry.exporters import export
from minga.registry.exporters.csv import HEADER
from tests.factories import make_actor

pytestmark = pytest.mark.django_db

EXPECTED_HEADER = [
    "id", "name", "kind", "description_en", "description_es", "description_fr", "description_de",
    "description_it", "description_pt", "organisational_structure", "primary_activity", "activities",
    "membership_type", "legal_form", "legal_form_local", "qualifiers", "themes", "website", "email", "phone",
    "street_address", "locality_name", "postcode", "country_code", "territory", "lat", "lon", "founded_on",
    "dissolved_on", "members", "workers_women", "workers_men", "workers_other", "status", "tags", "source",
    "source_id", "license", "attribution",
]  # fmt: skip


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_header_and_rows(tmp_path: Path) -> None:
    full = make_actor(
        "GB-BST",
        name="Bristol Bread, “Co-op”",
        description={"en": "Bakery\non two lines", "fr": "Boulangerie", "de": "Bäckerei"},
        organisational_structure="OS60", primary_activity="ICA70", activities=["ICA70", "ICA140"],
        membership_type="BMT20", legal_form="L2", legal_form_local="Society", qualifiers=["q;1"],
        themes=["T1"], website="https://bread.example", email="hi@bread.example", phone="+44 117 000",
        street_address="1 Mill Lane", locality_name="Bristol", postcode="BS1 1AA", lat=51.45, lon=-2.58,
        founded_on=dt.date(1990, 5, 1), members=120, workers_women=3, workers_men=2, workers_other=0,
        tags=["food", "bakery"], source="coops-uk", source_id="R1", license="ODC-By-1.0",
        attribution="Contains Co-operatives UK open data",
    )  # fmt: skip
    bare = make_actor(None, name="Nowhere", status="unknown", source="manual", source_id="")

    report = export("csv", tmp_path / "a.csv")

    assert HEADER == EXPECTED_HEADER
    assert read(tmp_path / "a.csv") == [
        EXPECTED_HEADER,
        [
            str(full.pk), "Bristol Bread, “Co-op”", "cooperative", "Bakery\non two lines", "", "Boulangerie",
            "Bäckerei", "", "", "OS60", "ICA70", "ICA70;ICA140", "BMT20", "L2", "Society", "q,1", "T1",
            "https://bread.example", "hi@bread.example", "+44 117 000", "1 Mill Lane", "Bristol", "BS1 1AA",
            "GB", "GB-BST", "51.45", "-2.58", "1990-05-01", "", "120", "3", "2", "0", "active", "food;bakery",
            "coops-uk", "R1", "ODC-By-1.0", "Contains Co-operatives UK open data",
        ],
        [str(bare.pk), "Nowhere", "cooperative", *[""] * 30, "unknown", "", "manual", "", "", ""],
    ]  # fmt: skip
    assert (report.count, report.skipped, report.attributions) == (
        2,
        0,
        ["Contains Co-operatives UK open data"],
    )


def test_empty_selection_writes_the_header_only(tmp_path: Path) -> None:
    make_actor("FR")

    report = export("csv", tmp_path / "a.csv", territory="GB")

    assert (report.count, read(tmp_path / "a.csv")) == (0, [EXPECTED_HEADER])

"""The real demo datasets, imported through the one import path (figures the issue names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minga.core.models import AuditEntry
from minga.registry.domain.imports import import_file
from minga.registry.domain.stats import compute_stats
from minga.registry.models import Actor

DEMO = Path(__file__).resolve().parents[2] / "src" / "minga" / "data" / "demo"
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_coops_uk_twice_gives_exactly_the_file(shared_data: Path) -> None:
    path = shared_data / "coops-uk-open-data" / "standard.Q2-2023.postcodes.csv"
    first = import_file(path, format="coops-uk")
    second = import_file(path, format="coops-uk")

    assert (first.total, first.created, first.updated, first.rejected) == (7387, 7387, 0, [])
    assert (second.created, second.updated, second.unchanged) == (0, 0, 7387)
    stats = compute_stats()
    assert (stats["actors"], stats["with_coordinates"]) == (7387, 7090)
    in_subdivision = Actor.objects.filter(territory_path__contains="/GB-").count()
    assert in_subdivision / 7387 >= 0.95
    assert first.placed_in_subdivision == in_subdivision
    assert AuditEntry.objects.filter(via="import:coops-uk", action="create").count() == 7387
    bristol = Actor.objects.get(source="coops-uk", source_id="R006884")
    assert (bristol.name, bristol.organisational_structure, bristol.primary_activity, bristol.legal_form) == (
        "Maesteg Workmen's Club and Institute Limited",
        "OS130",
        "ICA280",
        "L2",
    )
    assert bristol.territory_path.startswith("/001/150/154/GB/GB-WLS/GB-BGE/")
    assert bristol.attribution == "Contains Co-operatives UK open data"


def test_susy_countries_are_resolved_or_listed(shared_data: Path) -> None:
    report = import_file(shared_data / "susy-sse-europe" / "susy-map.geojson", format="susy")

    assert (report.total, report.created, report.rejected) == (1794, 1794, [])
    with_country = Actor.objects.filter(source="susy").exclude(country_code="").count()
    assert with_country / 1794 >= 0.98
    unresolved = sum(report.unresolved["countries"].values())
    assert unresolved == 1794 - with_country


def test_kvm_gives_100_entries(shared_data: Path) -> None:
    report = import_file(shared_data / "kvm-search-sample" / "search_results.json", format="kvm")

    assert (report.total, report.created, report.rejected) == (100, 100, [])
    assert Actor.objects.filter(source="kvm", country_code="DE").count() > 50


def test_demo_copies_are_the_shared_files(shared_data: Path) -> None:
    pairs = [
        (
            DEMO / "coops-uk" / "standard.Q2-2023.postcodes.csv",
            "coops-uk-open-data/standard.Q2-2023.postcodes.csv",
        ),
        (DEMO / "susy" / "susy-map.geojson", "susy-sse-europe/susy-map.geojson"),
        (DEMO / "kvm" / "search_results.json", "kvm-search-sample/search_results.json"),
    ]
    for shipped, original in pairs:
        assert shipped.read_bytes() == (shared_data / original).read_bytes()


def test_susy_sr_means_slovakia_by_coordinates(shared_data: Path) -> None:
    import_file(shared_data / "susy-sse-europe" / "susy-map.geojson", format="susy")

    assert Actor.objects.filter(source="susy", country_code="SR").count() == 0
    assert Actor.objects.filter(source="susy", country_code="SK").count() >= 17 + 6

"""Bad input: refused whole with line and reason, or imported around with a rejects file; never half-written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from minga.core.errors import ImportRejected, MingaError, PermissionDenied
from minga.core.models import AuditEntry
from minga.registry.domain.imports import import_file
from minga.registry.domain.stats import compute_stats
from minga.registry.models import Actor
from tests.factories import make_user

pytestmark = pytest.mark.django_db
HEADER = [
    "source_id",
    "name",
    "kind",
    "country_code",
    "subdivision_code",
    "lat",
    "lon",
    "description_en",
    "tags",
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def good_rows() -> list[list[str]]:
    return [
        ["a1", "Bristol Food Co-op", "cooperative", "GB", "GB-BST", "51.45", "-2.58", "Food.", "food;local"],
        ["a2", "Manchester Housing Co-op", "cooperative", "GB", "GB-MAN", "53.48", "-2.24", "", ""],
        ["a3", "Lyon Association", "association", "FR", "", "45.76", "4.83", "", ""],
    ]


def test_a_broken_row_refuses_the_file_and_changes_nothing(tmp_path: Path) -> None:
    rows = good_rows()
    rows.insert(1, ["b1", "Broken", "cooperative", "GB", "", "123.0", "-2.0", "", ""])
    path = write_csv(tmp_path / "actors.csv", rows)
    before = compute_stats()

    with pytest.raises(ImportRejected) as refused:
        import_file(path, format="csv")

    assert refused.value.rejects == [(3, "latitude 123.0 is outside -90..90")]
    assert "line 3: latitude 123.0 is outside -90..90" in str(refused.value)
    assert "--skip-invalid" in refused.value.hint
    assert compute_stats() == before
    assert AuditEntry.objects.count() == 0


def test_skip_invalid_imports_the_rest_and_writes_rejects(tmp_path: Path) -> None:
    rows = good_rows()
    rows.append(["b2", "", "cooperative", "GB", "", "", "", "", ""])
    rows.append(["b3", "Unknown kind", "spaceship", "GB", "", "", "", "", ""])
    path = write_csv(tmp_path / "actors.csv", rows)
    rejects = tmp_path / "rejects.csv"

    report = import_file(path, format="csv", skip_invalid=True, rejects_path=rejects)

    assert (report.created, len(report.rejected)) == (3, 2)
    assert sorted(Actor.objects.values_list("source_id", flat=True)) == ["a1", "a2", "a3"]
    with rejects.open(encoding="utf-8") as fh:
        listed = list(csv.reader(fh))
    assert listed[0] == ["line", "reason"]
    assert listed[1] == ["5", "name is empty"]
    assert listed[2][0] == "6" and listed[2][1].startswith("kind 'spaceship' is not one of:")


def test_csv_rows_are_placed_in_the_tree(tmp_path: Path) -> None:
    import_file(write_csv(tmp_path / "actors.csv", good_rows()), format="csv")

    placed = dict(Actor.objects.values_list("source_id", "territory_path"))
    assert placed == {
        "a1": "/001/150/154/GB/GB-ENG/GB-BST/",
        "a2": "/001/150/154/GB/GB-ENG/GB-MAN/",
        "a3": "/001/150/155/FR/",
    }
    actor = Actor.objects.get(source_id="a1")
    assert (actor.source, actor.description, actor.tags) == ("csv:actors", {"en": "Food."}, ["food", "local"])


def test_reimport_is_idempotent_and_updates_are_audited(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "actors.csv", good_rows())
    import_file(path, format="csv")
    rows = good_rows()
    rows[0][1] = "Bristol Food Co-operative"
    report = import_file(write_csv(path, rows), format="csv")

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Actor.objects.count() == 3
    entry = AuditEntry.objects.filter(action="update").get()
    assert (entry.via, entry.changes) == (
        "import:csv",
        {"name": ["Bristol Food Co-op", "Bristol Food Co-operative"]},
    )


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = import_file(write_csv(tmp_path / "actors.csv", good_rows()), format="csv", dry_run=True)

    assert (report.created, report.dry_run, Actor.objects.count(), AuditEntry.objects.count()) == (
        3,
        True,
        0,
        0,
    )


def test_duplicate_ids_and_bad_columns_are_named(tmp_path: Path) -> None:
    rows = good_rows() + [["a1", "Again", "cooperative", "GB", "", "", "", "", ""]]
    with pytest.raises(ImportRejected) as refused:
        import_file(write_csv(tmp_path / "dup.csv", rows), format="csv")
    assert refused.value.rejects == [(5, "duplicate id 'a1' (first at line 2)")]

    with pytest.raises(ImportRejected) as refused:
        import_file(write_csv(tmp_path / "cols.csv", [["x"]], header=["nom"]), format="csv")
    assert refused.value.rejects[0][0] == 1
    assert "unknown column(s): nom" in refused.value.rejects[0][1]


def test_column_mapping(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [["z1", "Coop Z", "GB"]], header=["ID", "Nom", "Pays"])
    import_file(
        path, format="csv", options={"mapping": {"ID": "source_id", "Nom": "name", "Pays": "country_code"}}
    )

    assert list(Actor.objects.values_list("name", "kind", "country_code")) == [
        ("Coop Z", "association", "GB")
    ]


def test_only_admins_import(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "actors.csv", good_rows())
    with pytest.raises(PermissionDenied):
        import_file(path, format="csv", by=make_user())
    report = import_file(path, format="csv", by=make_user(superuser=True), via="api")
    assert report.created == 3


def test_missing_file_and_unknown_format_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(MingaError) as missing:
        import_file(tmp_path / "nope.csv", format="csv")
    assert missing.value.message == f"No such file: {tmp_path / 'nope.csv'}"
    with pytest.raises(MingaError) as unknown:
        import_file(write_csv(tmp_path / "a.csv", good_rows()), format="xls")
    assert unknown.value.hint == "Use one of: coops-uk, csv, kvm, murmurations, susy."


def test_an_exported_csv_imports_back(tmp_path: Path) -> None:
    from minga.registry.exporters import export

    import_file(write_csv(tmp_path / "actors.csv", good_rows()), format="csv")
    export("csv", tmp_path / "out.csv")

    report = import_file(tmp_path / "out.csv", format="csv", source="copy")

    assert (report.created, report.rejected) == (3, [])
    copies = dict(Actor.objects.filter(source="copy").values_list("source_id", "territory_path"))
    originals = dict(Actor.objects.filter(source="csv:actors").values_list("source_id", "territory_path"))
    assert copies == originals


def test_sr_in_the_iso_column_is_suriname(tmp_path: Path) -> None:
    rows = [["s1", "Paramaribo Co-op", "cooperative", "SR", "SR-PM", "5.85", "-55.2", "", ""]]
    import_file(write_csv(tmp_path / "sr.csv", rows), format="csv")

    assert Actor.objects.get(source_id="s1").territory_path == "/001/019/419/005/SR/SR-PM/"

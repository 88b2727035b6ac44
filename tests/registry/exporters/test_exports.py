"""The export entry point: formats, territory and kind filters, reports, errors and output handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minga.core.errors import MingaError, NotFound
from minga.registry.exporters import EXPORTERS, ExportReport, export
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def exported_ids(path: Path) -> list[int]:
    return [feature["id"] for feature in json.loads(path.read_text("utf-8"))["features"]]


def test_the_four_formats_are_registered() -> None:
    assert sorted(EXPORTERS) == ["csv", "geojson", "jsonld", "murmurations"]
    assert [e.folder for e in EXPORTERS.values()] == [False, False, False, True]


def test_territory_filter_includes_descendants(tmp_path: Path) -> None:
    bristol = make_actor("GB-BST", lat=51.45, lon=-2.58)
    paris = make_actor("FR", lat=48.85, lon=2.35)
    make_actor(None, lat=0.0, lon=0.0)

    found = {}
    for code in ("GB", "150", "FR", "GB-BST", "GB-MAN", None):
        out = tmp_path / f"{code}.geojson"
        report = export("geojson", out, territory=code)
        found[code] = exported_ids(out)
        assert report.count == len(found[code])

    assert found == {
        "GB": [bristol.pk],
        "150": [bristol.pk, paris.pk],
        "FR": [paris.pk],
        "GB-BST": [bristol.pk],
        "GB-MAN": [],
        None: [bristol.pk, paris.pk, found[None][2]],
    }


def test_kind_filter(tmp_path: Path) -> None:
    coop = make_actor("GB-BST", kind="cooperative", lat=51.4, lon=-2.6)
    make_actor("GB-BST", kind="association", lat=51.4, lon=-2.6)
    funder = make_actor("FR", kind="funder_public", lat=48.8, lon=2.3)

    export("geojson", tmp_path / "coops.geojson", kind="cooperative")
    export("geojson", tmp_path / "funders.geojson", kind="funder_public", territory="150")
    export("geojson", tmp_path / "none.geojson", kind="funder_public", territory="GB")

    assert exported_ids(tmp_path / "coops.geojson") == [coop.pk]
    assert exported_ids(tmp_path / "funders.geojson") == [funder.pk]
    assert exported_ids(tmp_path / "none.geojson") == []


def test_report_lists_distinct_attributions_of_the_exported_actors(tmp_path: Path) -> None:
    uk = "Contains Co-operatives UK open data"
    make_actor("GB-BST", source="coops-uk", license="ODC-By-1.0", attribution=uk)
    make_actor("GB-BST", source="coops-uk", license="ODC-By-1.0", attribution=uk)
    make_actor("DE", source="kvm", attribution="Karte von morgen (kartevonmorgen.org), CC0")
    make_actor("FR")

    report = export("csv", tmp_path / "out" / "deep" / "a.csv", territory="GB", progress=True)

    assert report == ExportReport(
        format="csv",
        count=2,
        path=str(tmp_path / "out" / "deep" / "a.csv"),
        seconds=report.seconds,
        attributions=[uk],
        skipped=0,
    )
    assert export("csv", tmp_path / "b.csv", territory="150").attributions == [
        uk,
        "Karte von morgen (kartevonmorgen.org), CC0",
    ]


def test_unknown_format_kind_and_territory_are_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(MingaError) as unknown_format:
        export("xlsx", tmp_path / "a.xlsx")
    with pytest.raises(MingaError) as unknown_kind:
        export("csv", tmp_path / "a.csv", kind="coop")
    with pytest.raises(NotFound):
        export("csv", tmp_path / "a.csv", territory="XX-NOPE")

    assert (unknown_format.value.message, unknown_format.value.hint) == (
        "Unknown export format 'xlsx'.",
        "Use one of: csv, geojson, jsonld, murmurations.",
    )
    assert unknown_kind.value.message == "Unknown kind 'coop'."
    assert "cooperative" in unknown_kind.value.hint
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("format", ["csv", "geojson", "jsonld", "murmurations"])
def test_unwritable_output_is_refused_with_a_hint(tmp_path: Path, format: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    with pytest.raises(MingaError) as err:
        export(format, blocker / "sub" / "out")

    assert err.value.message.startswith(f"Cannot create the folder {blocker / 'sub'}")
    assert err.value.hint == "Choose an output path in a folder you can write to."


def test_a_folder_for_a_file_format_or_a_file_for_murmurations_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file.json").write_text("{}")

    with pytest.raises(MingaError) as folder:
        export("csv", tmp_path)
    with pytest.raises(MingaError) as file:
        export("murmurations", tmp_path / "file.json")

    assert (folder.value.message, folder.value.hint) == (
        f"{tmp_path} is a folder.",
        "Give a file name, e.g. actors.csv.",
    )
    assert file.value.message == f"{tmp_path / 'file.json'} is a file, not a folder."


def test_export_replaces_a_previous_file_and_leaves_no_part_file(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    out.write_text("old content")
    make_actor("GB-BST", name="New")

    export("csv", out)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert "New" in out.read_text("utf-8")

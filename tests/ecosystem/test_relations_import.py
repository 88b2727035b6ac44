"""``import_relations``: references by source id and Minga id, idempotent re-runs, every bad row refused with its
line and reason and nothing written, replication cycles, permissions and audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from minga.cli import main
from minga.core.errors import ImportRejected, MingaError, PermissionDenied
from minga.core.models import AuditEntry
from minga.ecosystem.domain.relations import import_relations
from minga.ecosystem.interfaces.export import export_relations_csv
from minga.ecosystem.models import Relation
from tests.factories import make_actor, make_initiative, make_relation, make_user

pytestmark = pytest.mark.django_db
HEADER = "from,to,type,start_date,end_date,amount,currency,instrument,note\n"


def write(tmp_path: Path, body: str, name: str = "relations.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def ends() -> dict[str, object]:
    return {
        "coop": make_actor(source="coops-uk", source_id="R006884", name="Bristol Food Co-op"),
        "funder": make_actor(source="grants", source_id="GB-CHC-1", kind="funder_foundation", name="A Trust"),
        "network": make_actor(source="coops-uk", source_id="R000001", kind="network", name="Co-ops UK"),
        "council": make_actor(kind="local_government", name="Bristol City Council"),
        "policy": make_initiative(title="Community food strategy", kind="public_policy"),
        "practice": make_initiative(title="Food hub", source="susy", source_id="42"),
    }


def relations() -> list[tuple[object, ...]]:
    return list(
        Relation.objects.order_by("id").values_list(
            "type", "from_actor__name", "from_initiative__title", "to_actor__name", "to_initiative__title",
            "start_date", "end_date", "amount", "currency", "instrument", "note", "matched",
        )
    )  # fmt: skip


def test_a_file_of_every_reference_form_lands_whole(tmp_path: Path, ends: dict[str, object]) -> None:
    council, practice = ends["council"], ends["practice"]
    path = write(
        tmp_path,
        "grants:GB-CHC-1,coops-uk:R006884,funds,2023-04-01,2024-03-31,15000.50,gbp,grant,Core costs\n"
        "coops-uk:R006884,coops-uk:R000001,member_of,2019-01-01,,,,,\n"
        f"actor:{council.pk},initiative:{ends['policy'].pk},adopts_policy,2022-06-01,,,,,\n"  # type: ignore[attr-defined]
        f"{council.pk},susy:42,implements,,,,,,\n"  # type: ignore[attr-defined]
        f"initiative:{practice.pk},{ends['policy'].pk},replicates,,,,,,adapted to Bristol\n",  # type: ignore[attr-defined]
    )

    report = import_relations(path)

    assert (report.total, report.created, report.updated, report.unchanged) == (5, 5, 0, 0)
    assert relations() == [
        ("funds", "A Trust", None, "Bristol Food Co-op", None, dt.date(2023, 4, 1), dt.date(2024, 3, 31),
         Decimal("15000.50"), "GBP", "grant", "Core costs", {"from": "source id (grants)", "to": "source id (coops-uk)"}),
        ("member_of", "Bristol Food Co-op", None, "Co-ops UK", None, dt.date(2019, 1, 1), None, None, "", "", "",
         {"from": "source id (coops-uk)", "to": "source id (coops-uk)"}),
        ("adopts_policy", "Bristol City Council", None, None, "Community food strategy", dt.date(2022, 6, 1), None,
         None, "", "", "", {"from": "minga id", "to": "minga id"}),
        ("implements", "Bristol City Council", None, None, "Food hub", None, None, None, "", "", "",
         {"from": "minga id", "to": "source id (susy)"}),
        ("replicates", None, "Food hub", None, "Community food strategy", None, None, None, "", "",
         "adapted to Bristol", {"from": "minga id", "to": "minga id"}),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(model="ecosystem.relation", action="create").count() == 5


def test_re_importing_changes_nothing_and_a_changed_note_updates(
    tmp_path: Path, ends: dict[str, object]
) -> None:
    row = "grants:GB-CHC-1,coops-uk:R006884,funds,2023-04-01,,100,EUR,loan,{note}\n"
    import_relations(write(tmp_path, row.format(note="first")))

    again = import_relations(write(tmp_path, row.format(note="first")))
    changed = import_relations(write(tmp_path, row.format(note="second")))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 0)
    assert list(Relation.objects.values_list("note", flat=True)) == ["second"]
    assert AuditEntry.objects.filter(model="ecosystem.relation").count() == 2


def test_every_bad_row_is_refused_with_its_line_and_nothing_is_written(
    tmp_path: Path, ends: dict[str, object]
) -> None:
    practice, policy = ends["practice"], ends["policy"]
    make_relation(policy, practice, "replicates")  # stored: policy replicates practice
    before = (Relation.objects.count(), AuditEntry.objects.count())
    path = write(
        tmp_path,
        "grants:GB-CHC-1,coops-uk:R006884,funds,,,-5,GBP,grant,\n"  # line 2
        "grants:GB-CHC-1,coops-uk:R006884,funds,,,12 000,GBP,grant,\n"
        "grants:GB-CHC-1,coops-uk:R006884,funds,,,100,XYZ,grant,\n"
        "grants:GB-CHC-1,coops-uk:R999999,funds,,,100,GBP,grant,\n"  # line 5
        "coops-uk:R006884,coops-uk:R006884,partners_with,,,,,,\n"
        "coops-uk:R006884,coops-uk:R000001,befriends,,,,,,\n"
        "coops-uk:R006884,coops-uk:R000001,member_of,2023-02-30,,,,,\n"
        "coops-uk:R006884,coops-uk:R000001,member_of,2023-02-01,2022-01-01,,,,\n"  # line 9
        "grants:GB-CHC-1,coops-uk:R006884,funds,,,100,GBP,gift,\n"
        "grants:GB-CHC-1,coops-uk:R006884,funds,,,100,,grant,\n"
        "coops-uk:R006884,coops-uk:R000001,member_of,,,100,GBP,,\n"
        f"initiative:{practice.pk},initiative:{policy.pk},replicates,,,,,,\n"  # type: ignore[attr-defined]  # line 13
        "coops-uk:R000001,coops-uk:R006884,partners_with,,,,,,\n"
        "coops-uk:R006884,coops-uk:R000001,partners_with,,,,,,\n"  # line 15: line 14 read the other way
        f"coops-uk:R006884,initiative:{policy.pk},adopts_policy,,,,,,\n",  # type: ignore[attr-defined]
    )

    with pytest.raises(ImportRejected) as refused:
        import_relations(path)

    assert refused.value.rejects == [
        (2, "amount -5 is negative"),
        (3, "amount '12 000' is not a number"),
        (4, "currency 'XYZ' is not an ISO 4217 code (such as GBP, EUR, USD)"),
        (5, "to 'coops-uk:R999999' matches no actor or initiative (write SOURCE:SOURCE_ID as in the imported data, "
            "e.g. coops-uk:R006884, or the Minga id; import the record first if it is missing)"),
        (6, f"from and to are the same actor (id {ends['coop'].pk}): a relation needs two ends"),  # type: ignore[attr-defined]
        (7, "unknown type 'befriends'; use one of: member_of, funds, partners_with, supports, supplies, implements, "
            "adopts_policy, replicates"),
        (8, "start_date '2023-02-30' is not a date (write YYYY-MM-DD)"),
        (9, "end_date 2022-01-01 is before start_date 2023-02-01"),
        (10, "instrument 'gift' is not one of: equity, grant, guarantee, in_kind, loan, matchfunding, procurement"),
        (11, "amount 100 has no currency (add an ISO 4217 code such as GBP, EUR, USD)"),
        (12, "a member_of relation carries no amount (only funds, supplies, supports do)"),
        (13, f"replicates would close a cycle in the lineage: initiative {practice.pk} → initiative {policy.pk} → "  # type: ignore[attr-defined]
             f"initiative {practice.pk}"),  # type: ignore[attr-defined]
        (15, "repeats line 14"),
        (16, f"only a government adopts a policy; actor {ends['coop'].pk} is a cooperative"),  # type: ignore[attr-defined]
    ]  # fmt: skip
    assert str(refused.value).splitlines()[0] == "relations.csv: 14 of 15 rows refused; nothing was imported."
    assert (Relation.objects.count(), AuditEntry.objects.count()) == before


def test_a_cycle_inside_one_file_is_refused_at_the_row_that_closes_it(tmp_path: Path) -> None:
    a, b, c = (make_initiative(title=t) for t in "abc")
    path = write(
        tmp_path,
        f"{a.pk},{b.pk},replicates,,,,,,\n{b.pk},{c.pk},replicates,,,,,,\n{c.pk},{a.pk},replicates,,,,,,\n",
    )

    with pytest.raises(ImportRejected) as refused:
        import_relations(path)

    assert refused.value.rejects == [
        (4, f"replicates would close a cycle in the lineage: initiative {c.pk} → initiative {a.pk} → "
            f"initiative {b.pk} → initiative {c.pk}")
    ]  # fmt: skip
    assert Relation.objects.count() == 0


def test_a_dry_run_writes_nothing(tmp_path: Path, ends: dict[str, object]) -> None:
    report = import_relations(
        write(tmp_path, "coops-uk:R006884,coops-uk:R000001,member_of,,,,,,\n"), dry_run=True
    )

    assert (report.created, report.dry_run, Relation.objects.count()) == (1, True, 0)


def test_files_that_cannot_be_read_say_what_to_do(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + "coops-uk:R1,coops-uk:R2,member_of,,,,,,Caf\xe9\n".encode("latin-1"))
    no_type = tmp_path / "no-type.csv"
    no_type.write_text("from,to\n1,2\n", encoding="utf-8")

    with pytest.raises(MingaError) as not_utf8:
        import_relations(latin)
    with pytest.raises(MingaError) as missing:
        import_relations(no_type)

    assert str(not_utf8.value) == (
        "latin.csv is not UTF-8 text (invalid continuation byte at byte 107)\n"
        "  → Save the file as UTF-8 CSV and import it again."
    )
    assert str(missing.value) == (
        "no-type.csv: missing column(s) type\n  → A relations file has the columns "
        "from,to,type,start_date,end_date,amount,currency,instrument,note (an optional id column too)."
    )


def test_only_administrators_import_relations(tmp_path: Path, ends: dict[str, object]) -> None:
    with pytest.raises(PermissionDenied):
        import_relations(
            write(tmp_path, "coops-uk:R006884,coops-uk:R000001,member_of,,,,,,\n"), by=make_user()
        )
    assert Relation.objects.count() == 0


def test_an_export_imports_again_to_the_same_relations(tmp_path: Path, ends: dict[str, object]) -> None:
    import_relations(
        write(tmp_path, "grants:GB-CHC-1,coops-uk:R006884,funds,2023-04-01,,99.90,GBP,grant,x\n"
                        f"actor:{ends['council'].pk},susy:42,implements,,,,,,\n")  # type: ignore[attr-defined]
    )  # fmt: skip
    exported = tmp_path / "out.csv"
    first = [r[:-1] for r in relations()]  # all but how the ends were matched (now by source id)

    assert export_relations_csv(exported) == 2
    Relation.objects.all().delete()
    assert import_relations(exported, source="csv:relations.csv").created == 2
    assert [r[:-1] for r in relations()] == first


def test_the_cli_imports_and_reports_refusals(
    tmp_path: Path, ends: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "coops-uk:R006884,coops-uk:R000001,member_of,,,,,,\n")
    bad = write(tmp_path, "coops-uk:R006884,coops-uk:R000001,funds,,,-1,GBP,,\n", name="bad.csv")

    assert main(["relations", "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert main(["relations", "import", str(bad)]) == 1
    err = capsys.readouterr().err

    assert out.startswith(
        "Imported relations.csv (source csv:relations.csv): 1 rows — 1 created, 0 updated, 0 unchanged"
    )
    assert err == (
        "minga: bad.csv: 1 of 1 rows refused; nothing was imported.\n  line 2: amount -1 is negative\n"
        "  → Correct the rows listed and import the file again.\n"
    )

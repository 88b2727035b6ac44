"""``import_360giving`` on the real grant files in ../shared/data and on small bad files: funders and recipients
become actors (matched first), grants become ``funds`` relations; all-or-nothing; idempotent; links can be undone."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from minga.core.errors import ImportRejected, MingaError
from minga.core.models import AuditEntry
from minga.ecosystem.domain.organisations import undo_link
from minga.ecosystem.interfaces.funding_import import import_360giving
from minga.ecosystem.models import OrgLink, Relation
from minga.registry.models import Actor
from tests.factories import make_actor, make_steward

pytestmark = pytest.mark.django_db


def grant(n: int, **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": f"360G-test-{n}", "title": f"Grant {n}", "currency": "GBP", "amountAwarded": 1000.5,
        "awardDate": "2020-04-01T00:00:00+00:00",
        "fundingOrganization": [{"id": "GB-CHC-1159982", "name": "Power to Change Trust"}],
        "recipientOrganization": [{"id": "GB-COH-IP28755R", "name": "Hyde Park Source", "postalCode": "LS3 1HH",
                                   "addressCountry": "England"}],
    }  # fmt: skip
    base.update(changes)
    return base


def write(tmp_path: Path, grants: list[object], name: str = "grants.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8")
    return path


def test_grants_become_funds_relations_between_matched_or_new_actors(tmp_path: Path) -> None:
    coop = make_actor(
        name="Hyde Park Source Limited", source="coops-uk", source_id="R999", postcode="LS3 1HH"
    )

    report = import_360giving(write(tmp_path, [grant(1), grant(2, amountAwarded=20)]))

    funder = Actor.objects.get(source="360giving", source_id="GB-CHC-1159982")
    assert (funder.name, funder.kind, funder.country_code, funder.identifiers) == (
        "Power to Change Trust", "funder_foundation", "GB", ["GB-CHC-1159982"],
    )  # fmt: skip
    assert list(Relation.objects.order_by("source_id").values_list(
        "type", "from_actor", "to_actor", "amount", "currency", "instrument", "source", "source_id")) == [
        ("funds", funder.pk, coop.pk, Decimal("1000.50"), "GBP", "grant", "360giving", "360G-test-1"),
        ("funds", funder.pk, coop.pk, Decimal("20.00"), "GBP", "grant", "360giving", "360G-test-2"),
    ]  # fmt: skip
    assert list(OrgLink.objects.order_by("id").values_list("org_key", "actor", "method")) == [
        ("GB-CHC-1159982", funder.pk, "created"), ("GB-COH-IP28755R", coop.pk, "normalised name"),
    ]  # fmt: skip
    assert (report.grants, report.relations, report.funders, report.recipients, report.recipients_in_coops_uk,
            report.actors_created, report.amount_by_currency) == (
        2, {"created": 2, "updated": 0, "unchanged": 0}, 1, 1, 1, 1, {"GBP": "1020.50"},
    )  # fmt: skip
    again = import_360giving(write(tmp_path, [grant(1), grant(2, amountAwarded=20)]))
    assert (again.relations, again.actors_created, Relation.objects.count()) == (
        {"created": 0, "updated": 0, "unchanged": 2}, 0, 2,
    )  # fmt: skip


def test_bad_grants_are_all_listed_and_nothing_is_written(tmp_path: Path) -> None:
    before = (
        Actor.objects.count(),
        Relation.objects.count(),
        AuditEntry.objects.count(),
        OrgLink.objects.count(),
    )
    path = write(tmp_path, [
        grant(1),
        grant(2, amountAwarded=-10),
        grant(3, currency="POUNDS"),
        grant(4, amountAwarded="lots"),
        "not a grant",
        grant(6, recipientOrganization=[{"id": "GB-X-1"}]),
        grant(7, awardDate="yesterday"),
        grant(8, fundingOrganization=[{"id": "GB-COH-IP28755R", "name": "Hyde Park Source"}]),
    ])  # fmt: skip

    with pytest.raises(ImportRejected) as refused:
        import_360giving(path)

    assert refused.value.rejects == [
        (2, "amount -10 is negative"),
        (3, "currency 'POUNDS' is not an ISO 4217 code (such as GBP, EUR, USD)"),
        (4, "amount 'lots' is not a number"),
        (5, "is not an object"),
        (6, "recipientOrganization.name is missing"),
        (7, "awardDate 'yesterday' is not a date"),
    ]
    assert (
        Actor.objects.count(),
        Relation.objects.count(),
        AuditEntry.objects.count(),
        OrgLink.objects.count(),
    ) == before
    with pytest.raises(ImportRejected) as self_funded:
        import_360giving(write(tmp_path, [grant(8, fundingOrganization=[
            {"id": "GB-COH-IP28755R", "name": "Hyde Park Source"}])]))  # fmt: skip
    assert [r[0] for r in self_funded.value.rejects] == [1]
    assert self_funded.value.rejects[0][1].startswith("from and to are the same actor")
    assert (
        Actor.objects.count(),
        Relation.objects.count(),
        AuditEntry.objects.count(),
        OrgLink.objects.count(),
    ) == before


def test_unreadable_files_say_what_to_do(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"grants": [', encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"records": []}', encoding="utf-8")

    messages = []
    for path in (broken, wrong):
        with pytest.raises(MingaError) as err:
            import_360giving(path)
        messages.append(str(err.value))

    assert messages == [
        "broken.json is not valid JSON: Expecting value at line 1 column 13\n"
        "  → Check that the file is a 360Giving JSON file.",
        'wrong.json has no "grants" list\n'
        '  → A 360Giving JSON file is {"grants": [...]}; for a spreadsheet, save it as CSV.',
    ]


def test_a_steward_undoes_a_wrong_match_and_the_grants_move_to_a_new_actor(tmp_path: Path) -> None:
    wrong = make_actor("GB-BST", name="Hyde Park Source", source="coops-uk", source_id="R1")
    import_360giving(write(tmp_path, [grant(1)]))
    link = OrgLink.objects.get(org_key="GB-COH-IP28755R")
    assert (link.actor_id, link.method) == (wrong.pk, "exact name")

    undo_link(link, by=make_steward("GB-BST"), via="web")

    link.refresh_from_db()
    own = Actor.objects.get(source="360giving", source_id="GB-COH-IP28755R")
    assert (link.actor_id, link.method, own.name, own.kind) == (
        own.pk,
        "created (link undone)",
        "Hyde Park Source",
        "cooperative",
    )
    assert list(Relation.objects.values_list("to_actor", flat=True)) == [own.pk]
    assert import_360giving(write(tmp_path, [grant(1)])).relations == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }
    assert list(Relation.objects.values_list("to_actor", flat=True)) == [own.pk]


def test_the_real_power_to_change_grants_link_a_sixth_of_recipients_to_co_ops(shared_data: Path) -> None:
    from minga.registry.domain.imports import import_file

    import_file(shared_data / "coops-uk-open-data" / "standard.Q2-2023.postcodes.csv", format="coops-uk")
    report = import_360giving(shared_data / "grants-360giving-grantnav" / "a002400000nO46WAAS.json")

    assert (report.grants, report.relations["created"], report.funders) == (870, 870, 1)
    assert report.warnings[0] == (
        110,
        "end_date 2000-12-31 is before start_date 2017-12-21: the planned end date is left out",
    )
    assert len(report.warnings) == 5
    assert report.recipients_in_coops_uk / report.recipients >= 0.15
    assert Relation.objects.filter(source="360giving").count() == 870


def test_the_real_csv_and_covid_files_import(shared_data: Path) -> None:
    indigo = import_360giving(shared_data / "grants-360giving-grantnav" / "IndigoTrust_360giving.csv")
    covid = import_360giving(shared_data / "grants-360giving-covid19-tracker" / "grants_data.json")

    assert (indigo.grants, indigo.relations["created"], indigo.funders) == (269, 269, 1)
    assert (covid.grants, covid.relations["created"], covid.funders) == (1309, 1309, 34)
    assert covid.amount_by_currency.keys() == {"GBP", "USD"}

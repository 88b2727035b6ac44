"""``import_iati`` on the real D-Portal files in ../shared/data and on small bad files: activities become
initiatives with their publishers' SDG targets confirmed; participating organisations become actors with roles and
relations; malformed transactions are skipped with a warning; unreadable files refuse the import."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from minga.core.errors import ImportRejected, MingaError
from minga.ecosystem.interfaces.iati_import import import_iati
from minga.ecosystem.models import Relation
from minga.registry.models import Actor, Initiative, InitiativeSdgTarget

pytestmark = pytest.mark.django_db

ACTIVITY = """<iati-activity default-currency="EUR" xml:lang="en">
  <iati-identifier>{id}</iati-identifier>
  <title><narrative>Cooperative credit for women farmers</narrative><narrative xml:lang="fr">Crédit coopératif</narrative></title>
  <description><narrative>Savings groups and a SACCO.</narrative></description>
  <participating-org ref="GB-GOV-1" role="1" type="10"><narrative>UK - Foreign, Commonwealth and Development Office</narrative></participating-org>
  <participating-org ref="22000" role="4" type="22"><narrative>We Effect</narrative></participating-org>
  <participating-org ref="22000" role="4" type="22"><narrative>Donor country-based NGO</narrative></participating-org>
  <activity-date iso-date="2020-01-01" type="2"/><activity-date iso-date="2022-12-31" type="3"/>
  <recipient-country code="KE" percentage="70"/><recipient-country code="UG" percentage="30"/>
  <tag code="5.A" vocabulary="3"/><tag code="1.4" vocabulary="3"/><tag code="99.9" vocabulary="3"/>
  <default-finance-type code="110"/>
  <transaction><transaction-type code="2"/><value currency="EUR">1500.25</value></transaction>
  <transaction><transaction-type code="2"/><value currency="EUR">499.75</value></transaction>
  <transaction><transaction-type>Disbursement</transaction-type><transaction-date iso-date="5000000"/><value/></transaction>
</iati-activity>"""


def write(tmp_path: Path, *activities: str) -> Path:
    path = tmp_path / "activities.xml"
    path.write_text(
        f'<iati-activities version="2.03">{"".join(activities)}</iati-activities>', encoding="utf-8"
    )
    return path


def test_an_activity_becomes_an_initiative_with_targets_roles_and_relations(tmp_path: Path) -> None:
    report = import_iati(write(tmp_path, ACTIVITY.format(id="XM-TEST-1")))

    initiative = Initiative.objects.get(source="iati", source_id="XM-TEST-1")
    assert (initiative.title, initiative.summary, initiative.territory.code, str(initiative.starts_on),  # type: ignore[union-attr]
            str(initiative.ends_on)) == (
        "Cooperative credit for women farmers", {"en": "Savings groups and a SACCO."}, "KE", "2020-01-01", "2022-12-31",
    )  # fmt: skip
    assert sorted(InitiativeSdgTarget.objects.values_list("target__code", "origin")) == [
        ("1.4", "confirmed"), ("5.a", "confirmed"),
    ]  # fmt: skip
    assert sorted(Relation.objects.values_list("type", "from_actor__name", "from_actor__kind", "amount", "currency",
                                               "instrument")) == [
        ("funds", "UK - Foreign, Commonwealth and Development Office", "cooperation_agency", Decimal("2000.00"), "EUR", "grant"),
        ("implements", "We Effect", "civil_society", None, "", ""),
    ]  # fmt: skip
    assert sorted(initiative.roles.values_list("actor__name", "role")) == [
        ("UK - Foreign, Commonwealth and Development Office", "funder"), ("We Effect", "partner"),
    ]  # fmt: skip
    assert report.warnings == [
        "XM-TEST-1: participating-org 'Donor country-based NGO' is a category, not an organisation; left out",
        "XM-TEST-1: transaction 3 has no transaction-type code; skipped",
        "XM-TEST-1: SDG target '99.9' is not a UN target code; left out",
    ]
    again = import_iati(write(tmp_path, ACTIVITY.format(id="XM-TEST-1")))
    assert (again.initiatives, again.relations["unchanged"], Actor.objects.count()) == (
        {"created": 0, "updated": 0, "unchanged": 1}, 2, 2,
    )  # fmt: skip


def test_unreadable_activities_refuse_the_file_and_nothing_is_written(tmp_path: Path) -> None:
    path = write(tmp_path, ACTIVITY.format(id="XM-TEST-1"), "<iati-activity><title/></iati-activity>",
                 ACTIVITY.format(id="XM-TEST-3").replace("<narrative>Cooperative credit for women farmers</narrative><narrative xml:lang=\"fr\">Crédit coopératif</narrative>", ""))  # fmt: skip
    not_xml = tmp_path / "broken.xml"
    not_xml.write_text("<iati-activities><iati-activity>", encoding="utf-8")

    with pytest.raises(ImportRejected) as refused:
        import_iati(path)
    with pytest.raises(MingaError) as broken:
        import_iati(not_xml)

    assert refused.value.rejects == [
        (2, "iati-identifier is missing"),
        (3, "XM-TEST-3: the title is missing"),
    ]
    assert str(broken.value).startswith("broken.xml is not well-formed XML: no element found")
    assert (Initiative.objects.count(), Relation.objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_the_real_iati_files_import_with_their_sdg_tags_confirmed(shared_data: Path) -> None:
    folder = shared_data / "iati-activities-dportal"
    sida = import_iati(folder / "dportal_51.xml")
    covid = import_iati(folder / "covid19-fixture-dportal.xml")

    assert (sida.activities, sida.initiatives["created"], sida.sdg_targets_confirmed, sida.organisations) == (
        100,
        100,
        712,
        5,
    )
    assert (covid.activities, covid.initiatives["created"], covid.sdg_targets_confirmed) == (401, 401, 264)
    assert sum("has no transaction-type code" in w for w in covid.warnings) == 21
    we_effect = Actor.objects.get(name="We Effect")
    assert Relation.objects.filter(from_actor=we_effect, type="implements").count() == 71
    tagged = Initiative.objects.filter(source="iati", sdg_links__origin="confirmed").distinct().count()
    assert (tagged, covid.goal_tags_only) == (
        100 + 86,
        39,
    )  # 125 covid activities are tagged; 39 with goals only

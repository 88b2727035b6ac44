"""Partnerships and co-financing (by source, by member, leverage of public money), partnership ties in the report,
and replication: the lineage tree from the original practice and its spread by level and country."""

from __future__ import annotations

import json

import pytest

from minga.cli import main
from minga.core.errors import PermissionDenied, ValidationFailed
from minga.ecosystem.domain.partnerships import cofinancing, create_partnership, lineage
from minga.ecosystem.domain.report import ecosystem_report
from minga.ecosystem.models import Partnership
from tests.api.helpers import client, post, status
from tests.factories import make_actor, make_initiative, make_relation, make_steward, make_user

pytestmark = pytest.mark.django_db


def test_cofinancing_sums_each_source_and_the_leverage_of_public_money() -> None:
    council = make_actor("GB-BST", kind="local_government", name="Council")
    bank = make_actor("GB-BST", kind="private_company", name="Bank")
    coop = make_actor("GB-BST", name="Co-op")
    agency = make_actor("KE", kind="cooperation_agency", name="Agency")
    partnership = create_partnership(
        {"name": "Food partnership", "currency": "gbp", "sdg_targets": ["2.3"], "territory": "GB-BST"},
        [{"actor": council.pk, "role": "lead", "contribution": "10000"}, {"actor": bank.pk, "contribution": "5000.50"},
         {"actor": coop.pk, "contribution": "2500", "source": "community"}, {"actor": agency.pk, "contribution": "2499.50"}],
        by=make_steward("GB-BST"), via="test",
    )  # fmt: skip

    found = cofinancing(partnership)

    assert {k: found[k] for k in ("by_source", "total", "public_share", "leverage")} == {
        "by_source": {"public": "10000.00", "private": "5000.50", "community": "2500.00", "international": "2499.50"},
        "total": "20000.00", "public_share": 0.5, "leverage": 1.0,
    }  # fmt: skip
    assert [(m["name"], m["quadrant"], m["role"], m["source"]) for m in found["members"]] == [
        ("Council", "public", "lead", "public"), ("Bank", "private", "", "private"),
        ("Co-op", "sse", "", "community"), ("Agency", "global", "", "international"),
    ]  # fmt: skip
    report = ecosystem_report("GB-BST")  # the three members in Bristol are tied to each other
    assert (report["ties"], report["gaps"]["isolated_count"]) == ({"inside": 3, "outside": 3}, 0)


def test_bad_partnerships_are_refused_naming_each_problem() -> None:
    a = make_actor()

    with pytest.raises(ValidationFailed) as refused:
        create_partnership({"name": "", "currency": "POUND", "sdg_targets": ["99.1"], "territory": "ZZ"},
                           [{"actor": a.pk, "contribution": "-1"}, {"actor": 999_999}], by=make_user(superuser=True), via="t")  # fmt: skip
    with pytest.raises(PermissionDenied):
        create_partnership(
            {"name": "x"}, [{"actor": a.pk}, {"actor": make_actor().pk}], by=make_user(), via="t"
        )

    assert refused.value.errors == {
        "name": ["a partnership needs a name"],
        "currency": ["'POUND' is not an ISO 4217 code (needed with contributions)"],
        "members": ["no actor with id 999999", f"actor {a.pk}: amount -1 is negative"],
        "sdg_targets": ["unknown: 99.1"],
        "territory": ["no territory 'ZZ'"],
    }
    assert Partnership.objects.count() == 0


def test_the_api_records_a_partnership_and_returns_its_cofinancing() -> None:
    a, b = make_actor("GB-BST", kind="funder_public"), make_actor("GB-BST")
    body = {
        "name": "P",
        "currency": "EUR",
        "members": [{"actor": a.pk, "contribution": "100"}, {"actor": b.pk}],
    }

    code, created = status(post(client(make_steward("GB-BST")), "/api/v1/ecosystem/partnerships", body))

    assert (code, created["by_source"]["public"], created["leverage"]) == (201, "100.00", 0.0)
    assert client().get(f"/api/v1/ecosystem/partnerships/{created['partnership']['id']}").json() == created


def test_a_lineage_runs_from_the_original_down_and_counts_its_spread(
    capsys: pytest.CaptureFixture[str],
) -> None:
    original = make_initiative("GB-BST", title="Community fridge", stage="scaled")
    leeds = make_initiative("GB-LDS", title="Leeds fridge", stage="replicated")
    lyon = make_initiative("FR-69", title="Frigo solidaire", stage="replicated")
    nairobi = make_initiative("KE", title="Nairobi fridge", stage="pilot")
    make_relation(leeds, original, "replicates", note="run by a food bank")
    make_relation(lyon, original, "replicates", note="in French, with the city")
    make_relation(nairobi, lyon, "replicates")
    make_initiative("GB-BST", title="Unrelated")

    found = lineage(nairobi.pk)

    assert found == {
        "root": {"id": original.pk, "title": "Community fridge", "stage": "scaled", "territory": "GB-BST", "adapted": "",
                 "generation": 0, "replications": [
                     {"id": leeds.pk, "title": "Leeds fridge", "stage": "replicated", "territory": "GB-LDS",
                      "adapted": "run by a food bank", "generation": 1, "replications": []},
                     {"id": lyon.pk, "title": "Frigo solidaire", "stage": "replicated", "territory": "FR-69",
                      "adapted": "in French, with the city", "generation": 1, "replications": [
                          {"id": nairobi.pk, "title": "Nairobi fridge", "stage": "pilot", "territory": "KE", "adapted": "",
                           "generation": 2, "replications": []}]}]},
        "spread": {"initiatives": 4, "countries": ["FR", "GB", "KE"], "by_country": {"FR": 1, "GB": 2, "KE": 1},
                   "by_level": {"locality": 0, "subdivision": 3, "country": 3, "intermediate": 1, "subregion": 3,
                                "region": 2, "world": 1}},
    }  # fmt: skip
    assert main(["replication", "--initiative", str(leeds.pk), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == lineage(original.pk)

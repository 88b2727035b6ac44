"""/api/v1/ecosystem/report and /api/v1/relations: the CLI's report, relations read by anyone and written with a
token by whoever may edit the origin record, with the import's checks."""

from __future__ import annotations

import pytest

from minga.core.models import AuditEntry
from minga.ecosystem.domain.report import ecosystem_report
from minga.ecosystem.models import Relation
from tests.api.helpers import client, post, status
from tests.factories import make_actor, make_relation, make_steward, make_user

pytestmark = pytest.mark.django_db


def test_the_report_is_the_cli_report() -> None:
    a, b = make_actor(name="a"), make_actor(name="b")
    make_relation(a, b)

    response = client().get("/api/v1/ecosystem/report?territory=GB-BST")

    assert status(response) == (200, ecosystem_report("GB-BST"))
    assert status(client().get("/api/v1/ecosystem/report?territory=XX-NOPE"))[0] == 404


def test_a_steward_records_a_relation_of_their_territory_and_it_is_audited() -> None:
    coop = make_actor("GB-BST", source="coops-uk", source_id="R1")
    funder = make_actor("GB-BST", kind="funder_public")
    steward = make_steward("GB-BST")
    body = {"from": f"actor:{funder.pk}", "to": "coops-uk:R1", "type": "funds", "amount": "2500.00",
            "currency": "GBP", "instrument": "grant", "start_date": "2024-01-15"}  # fmt: skip

    code, created = status(post(client(steward), "/api/v1/relations", body))

    relation = Relation.objects.get()
    assert (code, created) == (201, {
        "id": relation.pk, "type": "funds", "from_actor": funder.pk, "from_initiative": None,
        "to_actor": coop.pk, "to_initiative": None, "start_date": "2024-01-15", "end_date": None,
        "amount": "2500.00", "currency": "GBP", "instrument": "grant", "note": "", "source": "api",
        "source_id": relation.source_id, "matched": {"from": "minga id", "to": "source id (coops-uk)"},
    })  # fmt: skip
    assert list(
        AuditEntry.objects.filter(model="ecosystem.relation").values_list("action", "via", "user")
    ) == [("create", "api", steward.pk)]
    listed = client().get(f"/api/v1/relations?actor={coop.pk}").json()
    assert (listed["total"], [r["id"] for r in listed["results"]]) == (1, [relation.pk])
    assert status(post(client(steward), "/api/v1/relations", body)) == (
        422, {"detail": "Invalid data: relation: this relation is already recorded",
              "hint": "Correct the fields named and try again.", "errors": {"relation": ["this relation is already recorded"]}},
    )  # fmt: skip
    assert client(steward).delete(f"/api/v1/relations/{relation.pk}").status_code == 204
    assert Relation.objects.count() == 0


def test_bad_relations_are_refused_with_the_reason_and_nothing_is_written() -> None:
    a, b = make_actor(), make_actor()
    admin = make_user(superuser=True)

    refused = [
        status(post(client(admin), "/api/v1/relations", body))
        for body in (
            {"from": str(a.pk), "to": str(b.pk), "type": "funds", "amount": "-3", "currency": "EUR"},
            {"from": str(a.pk), "to": str(b.pk), "type": "funds", "amount": "3", "currency": "EURO"},
            {"from": str(a.pk), "to": str(a.pk), "type": "partners_with"},
            {"from": str(a.pk), "to": "coops-uk:NOPE", "type": "member_of"},
        )
    ]

    assert [(code, body["errors"]) for code, body in refused] == [
        (422, {"relation": ["amount -3 is negative"]}),
        (422, {"relation": ["currency 'EURO' is not an ISO 4217 code (such as GBP, EUR, USD)"]}),
        (422, {"relation": [f"from and to are the same actor (id {a.pk}): a relation needs two ends"]}),
        (422, {"relation": ["to 'coops-uk:NOPE' matches no actor (write SOURCE:SOURCE_ID as in the imported data, "
                            "e.g. coops-uk:R006884, or the Minga id; import the record first if it is missing)"]}),
    ]  # fmt: skip
    assert Relation.objects.count() == 0


def test_writing_needs_a_token_and_the_right_to_edit_the_origin() -> None:
    a, b = make_actor("GB-BST"), make_actor("GB-MAN")
    body = {"from": str(b.pk), "to": str(a.pk), "type": "partners_with"}

    assert client().post("/api/v1/relations", body, content_type="application/json").status_code == 401
    assert status(post(client(make_steward("GB-BST")), "/api/v1/relations", body))[0] == 403
    assert Relation.objects.count() == 0

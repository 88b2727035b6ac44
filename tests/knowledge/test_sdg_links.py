"""SDG suggestions in the product: the shipped classifier suggests goals and targets with evidence, stewards
confirm (the registry link and an audit entry are written) or reject (never suggested again); `minga sdg tag`
tags a territory in a batch."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from minga.cli import main
from minga.core.models import AuditEntry
from minga.knowledge.domain.sdg_links import suggest, suggestions_for
from minga.knowledge.models import LinkStatus, SdgSuggestion
from minga.registry.models import InitiativeSdgTarget, SdgOrigin
from tests.factories import make_actor, make_initiative, make_steward, make_user

pytestmark = pytest.mark.django_db

HOUSING = {
    "en": "A housing co-operative that builds affordable homes for families on low incomes and runs the "
    "estate with its tenants."
}
SOLAR = {
    "es": "Cooperativa de energía renovable: instalamos placas solares en los tejados del barrio y vendemos "
    "la electricidad a los socios a precio justo."
}


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pending(record_type: str, record_id: int) -> set[tuple[int, str | None]]:
    return {
        (s.goal_id, s.target.code if s.target else None)
        for s in suggestions_for(record_type, record_id)
        if s.status == LinkStatus.SUGGESTED
    }


def test_suggestions_carry_goals_targets_and_evidence() -> None:
    housing = make_actor("GB-BST", name="Bristol Homes Co-op", description=HOUSING)
    solar = make_initiative("FR", title="Energía del barrio", summary=SOLAR)
    chess = make_actor("GB-BST", name="Chess club", description={"en": "We meet on Tuesdays to play chess."})

    assert suggest("actor") >= 2
    assert suggest("initiative") >= 1

    assert (11, None) in pending("actor", housing.pk)
    assert (7, None) in pending("initiative", solar.pk)
    goal_11 = SdgSuggestion.objects.get(record_type="actor", record_id=housing.pk, goal_id=11, target=None)
    assert goal_11.score >= 0.5
    assert {"kind", "text", "detail"} == set(goal_11.evidence[0])
    assert any(e["kind"] == "keyword" and "housing" in e["text"].lower() for e in goal_11.evidence)
    assert suggestions_for("actor", chess.pk) == []


def test_a_steward_confirms_and_rejects_on_the_record_page() -> None:
    housing = make_actor("GB-BST", name="Bristol Homes Co-op", description=HOUSING)
    suggest("actor", ids=[housing.pk])
    steward = make_steward("GB-BST")
    page = signed_in(steward).get(f"/es/actors/{housing.pk}/").content.decode()
    assert "SDG" in page or "ODS" in page
    goal_11 = SdgSuggestion.objects.get(record_type="actor", record_id=housing.pk, goal_id=11, target=None)
    assert f'action="/es/sdg-suggestions/{goal_11.pk}/decide/"' in page

    response = signed_in(steward).post(f"/es/sdg-suggestions/{goal_11.pk}/decide/", {"decision": "confirm"})

    assert response.status_code == 302
    assert response["Location"] == f"/es/actors/{housing.pk}/#sdg-suggestions"
    housing.refresh_from_db()
    assert list(housing.sdg_goals.values_list("number", flat=True)) == [11]
    entry = AuditEntry.objects.filter(object_id=housing.pk, model="registry.actor").latest("at")
    assert (entry.action, entry.via, entry.user, list(entry.changes)) == (
        "update",
        "web",
        steward,
        ["sdg 11"],
    )
    others = SdgSuggestion.objects.filter(
        record_type="actor", record_id=housing.pk, status=LinkStatus.SUGGESTED
    )
    for other in others:
        signed_in(steward).post(f"/es/sdg-suggestions/{other.pk}/decide/", {"decision": "reject"})
    decided = {(s.goal_id, s.target_id): s.status for s in suggestions_for("actor", housing.pk)}

    suggest("actor", ids=[housing.pk])  # re-running the tagger keeps every decision and suggests nothing new

    assert {(s.goal_id, s.target_id): s.status for s in suggestions_for("actor", housing.pk)} == decided
    assert pending("actor", housing.pk) == set()


def test_confirming_an_initiative_target_writes_a_confirmed_target_link() -> None:
    solar = make_initiative("FR", title="Energía del barrio", summary=SOLAR)
    suggest("initiative", ids=[solar.pk])
    target = (
        SdgSuggestion.objects.filter(record_type="initiative", record_id=solar.pk, goal_id=7)
        .exclude(target=None)
        .first()
    )
    assert target is not None
    admin = make_user(superuser=True)

    signed_in(admin).post(f"/en/sdg-suggestions/{target.pk}/decide/", {"decision": "confirm"})

    links = InitiativeSdgTarget.objects.filter(initiative=solar)
    assert [(link.target_id, link.origin) for link in links] == [(target.target_id, SdgOrigin.CONFIRMED)]


def test_only_those_who_may_edit_decide() -> None:
    housing = make_actor("GB-BST", name="Bristol Homes Co-op", description=HOUSING)
    suggest("actor", ids=[housing.pk])
    goal_11 = SdgSuggestion.objects.get(record_type="actor", record_id=housing.pk, goal_id=11, target=None)
    elsewhere = make_steward("FR")

    refused = signed_in(elsewhere).post(f"/en/sdg-suggestions/{goal_11.pk}/decide/", {"decision": "confirm"})
    anonymous = Client().post(f"/en/sdg-suggestions/{goal_11.pk}/decide/", {"decision": "confirm"})
    unknown = signed_in(elsewhere).post("/en/sdg-suggestions/999999/decide/", {"decision": "confirm"})
    page = signed_in(elsewhere).get(f"/en/actors/{housing.pk}/").content.decode()

    assert (refused.status_code, anonymous.status_code, unknown.status_code) == (403, 302, 404)
    assert "/decide/" not in page and "suggested, not yet confirmed" in page
    goal_11.refresh_from_db()
    assert (goal_11.status, list(housing.sdg_goals.all())) == (LinkStatus.SUGGESTED, [])


def test_sdg_tag_a_territory_in_a_batch(capsys: pytest.CaptureFixture[str]) -> None:
    inside = make_actor("GB-BST", name="Bristol Homes Co-op", description=HOUSING)
    outside = make_actor(
        "FR", name="Coop solaire", description={"fr": "Nous installons des panneaux solaires."}
    )

    assert main(["sdg", "tag", "--territory", "GB", "--type", "actor", "--json"]) == 0

    counts = json.loads(capsys.readouterr().out)
    assert counts == {"suggestions": {"actor": len(suggestions_for("actor", inside.pk))}}
    assert counts["suggestions"]["actor"] >= 1
    assert suggestions_for("actor", outside.pk) == []
    assert main(["sdg", "tag", "--territory", "XX-NOPE"]) == 1
    assert "XX-NOPE" in capsys.readouterr().err

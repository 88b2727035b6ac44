"""/api/v1/initiatives: filters, actors with roles, SDG targets with origin, writes through records.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from minga.core.models import AuditEntry
from minga.registry.models import Initiative, InitiativeSdgTarget
from minga.vocab.models import SdgTarget
from tests.api.helpers import client, ids, patch, post, status
from tests.factories import make_actor, make_initiative, make_steward, make_user

pytestmark = pytest.mark.django_db


def link(initiative: Initiative, target: str, origin: str = "manual", score: float | None = None) -> None:
    InitiativeSdgTarget.objects.create(
        initiative=initiative, target=SdgTarget.objects.get(code=target), origin=origin, score=score
    )


@pytest.fixture
def energy() -> dict[str, Any]:
    coop = make_actor("GB-BST", name="Bristol Energy Co-op")
    council = make_actor("GB-BST", name="Bristol City Council", kind="local_government")
    initiative = make_initiative(
        "GB-BST", title="Community solar", kind="project", summary={"en": "Solar roofs"},
        starts_on=dt.date(2024, 3, 1),
    )  # fmt: skip
    initiative.roles.create(actor=coop, role="lead")
    initiative.roles.create(actor=council, role="funder")
    link(initiative, "7.2")
    link(initiative, "13.2", origin="suggested", score=0.82)
    return {"coop": coop, "council": council, "initiative": initiative}


def test_list_filters_and_items(energy: dict[str, Any], django_assert_num_queries: Any) -> None:
    solar = energy["initiative"]
    lyon = make_initiative("FR", title="Lyon food policy", kind="public_policy")
    link(lyon, "2.1")
    c = client()

    assert ids(c.get("/api/v1/initiatives?territory=GB")) == [solar.pk]
    assert ids(c.get("/api/v1/initiatives?territory=150")) == [solar.pk, lyon.pk]
    assert ids(c.get("/api/v1/initiatives?kind=public_policy")) == [lyon.pk]
    assert ids(c.get("/api/v1/initiatives?sdg=13")) == [solar.pk]
    assert ids(c.get("/api/v1/initiatives?sdg=2")) == [lyon.pk]
    assert ids(c.get("/api/v1/initiatives?q=SOLAR")) == [solar.pk]
    assert c.get("/api/v1/initiatives?territory=NOPE").status_code == 404
    with django_assert_num_queries(4):  # COUNT, page, roles, SDG links
        page = c.get("/api/v1/initiatives?limit=1").json()
    assert page == {
        "count": 2, "limit": 1, "offset": 0,
        "items": [{
            "id": solar.pk, "title": "Community solar", "kind": "project", "territory": "GB-BST",
            "starts_on": "2024-03-01", "ends_on": None,
            "actors": [
                {"actor_id": energy["coop"].pk, "actor_name": "Bristol Energy Co-op", "role": "lead"},
                {"actor_id": energy["council"].pk, "actor_name": "Bristol City Council", "role": "funder"},
            ],
            "sdg_targets": [
                {"target": "7.2", "goal": 7, "origin": "manual", "score": None},
                {"target": "13.2", "goal": 13, "origin": "suggested", "score": 0.82},
            ],
        }],
    }  # fmt: skip


def test_detail(energy: dict[str, Any]) -> None:
    solar = energy["initiative"]
    body = client().get(f"/api/v1/initiatives/{solar.pk}?lang=fr").json()

    assert isinstance(body.pop("created_at"), str) and isinstance(body.pop("updated_at"), str)
    assert [a["role"] for a in body.pop("actors")] == ["lead", "funder"]
    assert [t["target"] for t in body.pop("sdg_targets")] == ["7.2", "13.2"]
    assert body == {
        "id": solar.pk, "title": "Community solar", "kind": "project", "territory": "GB-BST",
        "territory_name": "Bristol ville", "starts_on": "2024-03-01", "ends_on": None,
        "summary": {"en": "Solar roofs"}, "problem": {}, "approach": {}, "results": {}, "replicability_notes": {},
        "evidence_links": [], "themes": [], "source": "manual", "source_id": "", "license": "",
        "history": f"/api/v1/initiatives/{solar.pk}/history",
    }  # fmt: skip
    assert status(client().get("/api/v1/initiatives/999999")) == (
        404, {"detail": "No initiative with id 999999.", "hint": "List them with GET /api/v1/initiatives."}
    )  # fmt: skip


def test_writes_permissions_and_audit(energy: dict[str, Any]) -> None:
    steward, editor = make_steward("GB-BST"), make_user()
    energy["coop"].editors.add(editor)
    solar = energy["initiative"]

    created = post(client(steward), "/api/v1/initiatives", {"title": "Repair café", "territory": "GB-BST"})
    assert (created.status_code, created.json()["kind"], created.json()["territory"]) == (
        201,
        "practice",
        "GB-BST",
    )
    pk = created.json()["id"]
    assert [i["id"] for i in client().get("/api/v1/initiatives?territory=GB").json()["items"]] == [
        solar.pk,
        pk,
    ]
    assert post(client(), "/api/v1/initiatives", {"title": "X"}).status_code == 401
    assert post(client(steward), "/api/v1/initiatives", {"title": "X", "territory": "FR"}).status_code == 403
    assert (
        post(client(editor), "/api/v1/initiatives", {"title": "X", "territory": "GB-BST"}).status_code == 403
    )
    # an editor of a taking-part actor may edit the initiative, not move or delete it
    assert (
        patch(client(editor), f"/api/v1/initiatives/{solar.pk}", {"ends_on": "2025-12-31"}).status_code == 200
    )
    assert patch(client(editor), f"/api/v1/initiatives/{pk}", {"ends_on": "2025-12-31"}).status_code == 403
    assert patch(client(editor), f"/api/v1/initiatives/{solar.pk}", {"territory": "GB"}).status_code == 403
    assert client(editor).delete(f"/api/v1/initiatives/{solar.pk}").status_code == 403
    assert client(editor).get(f"/api/v1/initiatives/{solar.pk}/history").json()[0]["changes"] == {
        "ends_on": [None, "2025-12-31"]
    }  # fmt: skip
    assert client(make_user()).get(f"/api/v1/initiatives/{solar.pk}/history").status_code == 403
    invalid = post(
        client(steward), "/api/v1/initiatives", {"title": "X", "kind": "party", "starts_on": "soon"}
    )
    assert sorted(invalid.json()["errors"]) == ["kind", "starts_on"]
    assert client(steward).delete(f"/api/v1/initiatives/{pk}").status_code == 204

    rows = AuditEntry.objects.filter(model="registry.initiative").order_by("id")
    assert list(rows.values_list("action", "via", "user", "object_id")) == [
        ("create", "api", steward.pk, pk),
        ("update", "api", editor.pk, solar.pk),
        ("delete", "api", steward.pk, pk),
    ]  # fmt: skip
    assert Initiative.objects.get(pk=solar.pk).ends_on == dt.date(2025, 12, 31)

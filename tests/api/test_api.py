"""The REST API: public reads with filters, token writes through the one permission module, audit of every write."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from minga.api.auth import create_token
from minga.core.models import AuditEntry
from minga.registry.models import Actor, Initiative, InitiativeSdgTarget
from minga.vocab.models import SdgGoal, SdgTarget
from tests.factories import make_actor, make_initiative, make_steward, make_user

pytestmark = pytest.mark.django_db


def client(user: Any = None) -> Client:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user)}"} if user else {}
    return Client(HTTP_HOST="localhost", **headers)


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_list_filters_territory_subtree_kind_bbox_sdg_and_text() -> None:
    bristol = make_actor("GB-BST", name="Bristol Bread Co-op", lat=51.45, lon=-2.58)
    manchester = make_actor("GB-MAN", name="Manchester Housing", kind="mutual", lat=53.48, lon=-2.24)
    lyon = make_actor("FR", name="Lyon Lait", kind="association", lat=45.76, lon=4.83)
    bristol.sdg_goals.add(SdgGoal.objects.get(number=2))
    initiative = make_initiative("FR")
    initiative.roles.create(actor=lyon, role="lead")
    InitiativeSdgTarget.objects.create(initiative=initiative, target=SdgTarget.objects.get(code="8.3"))
    c = client()

    assert ids(c.get("/api/v1/actors?territory=GB")) == [bristol.pk, manchester.pk]
    assert ids(c.get("/api/v1/actors?territory=150")) == [bristol.pk, manchester.pk, lyon.pk]
    assert ids(c.get("/api/v1/actors?territory=FR")) == [lyon.pk]
    assert ids(c.get("/api/v1/actors?kind=mutual")) == [manchester.pk]
    assert ids(c.get("/api/v1/actors?bbox=-3,51,-2,52")) == [bristol.pk]
    assert ids(c.get("/api/v1/actors?sdg=2")) == [bristol.pk]
    assert ids(c.get("/api/v1/actors?sdg=8")) == [lyon.pk]
    assert ids(c.get("/api/v1/actors?q=bread")) == [bristol.pk]
    page = c.get("/api/v1/actors?limit=1&offset=1").json()
    assert (page["count"], page["limit"], page["offset"], [i["id"] for i in page["items"]]) == (
        3,
        1,
        1,
        [manchester.pk],
    )
    assert page["items"][0] == {
        "id": manchester.pk, "name": "Manchester Housing", "kind": "mutual", "country_code": "GB",
        "territory": "GB-MAN", "lat": 53.48, "lon": -2.24, "primary_activity": "", "legal_form": "", "source": "test",
    }  # fmt: skip


def test_detail_and_errors_carry_hints() -> None:
    actor = make_actor("GB-BST", name="Bristol Bread Co-op")
    c = client()

    body = c.get(f"/api/v1/actors/{actor.pk}").json()
    assert (body["name"], body["territory"], body["territory_name"]) == (
        "Bristol Bread Co-op",
        "GB-BST",
        "Bristol, City of",
    )
    missing = c.get("/api/v1/actors/999999")
    assert (missing.status_code, missing.json()["detail"]) == (404, "No actor with id 999999.")
    unknown = c.get("/api/v1/actors?territory=XX-NOPE")
    assert unknown.status_code == 404
    assert unknown.json()["hint"].startswith("Use an M49 region code")


def test_anonymous_writes_are_refused_with_401() -> None:
    actor = make_actor("GB-BST")
    c = client()

    assert (
        c.post(
            "/api/v1/actors", {"name": "X", "kind": "cooperative"}, content_type="application/json"
        ).status_code
        == 401
    )
    assert (
        c.patch(f"/api/v1/actors/{actor.pk}", {"name": "Y"}, content_type="application/json").status_code
        == 401
    )
    assert c.delete(f"/api/v1/actors/{actor.pk}").status_code == 401
    bad = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert bad.delete(f"/api/v1/actors/{actor.pk}").status_code == 401
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_steward_edits_inside_their_territory_only() -> None:
    steward = make_steward("GB-BST")
    mine = make_actor("GB-BST", name="Mine")
    theirs = make_actor("GB-MAN", name="Theirs")
    c = client(steward)

    ok = c.patch(f"/api/v1/actors/{mine.pk}", {"name": "Mine, renamed"}, content_type="application/json")
    assert (ok.status_code, ok.json()["name"]) == (200, "Mine, renamed")
    assert (
        c.patch(f"/api/v1/actors/{theirs.pk}", {"name": "No"}, content_type="application/json").status_code
        == 403
    )
    moved = c.patch(f"/api/v1/actors/{mine.pk}", {"territory": "GB-MAN"}, content_type="application/json")
    assert moved.status_code == 403
    created = c.post(
        "/api/v1/actors",
        {"name": "New", "kind": "cooperative", "territory": "GB-BST"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert (
        c.post(
            "/api/v1/actors",
            {"name": "N", "kind": "cooperative", "territory": "FR"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert Actor.objects.get(pk=theirs.pk).name == "Theirs"


def test_organisation_editor_edits_their_actor_only() -> None:
    editor = make_user()
    mine = make_actor("GB-BST", name="Mine")
    other = make_actor("GB-BST", name="Other")
    mine.editors.add(editor)
    c = client(editor)

    assert (
        c.patch(
            f"/api/v1/actors/{mine.pk}", {"phone": "0117 000"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        c.patch(
            f"/api/v1/actors/{other.pk}", {"phone": "0117 000"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert c.delete(f"/api/v1/actors/{mine.pk}").status_code == 403
    assert (
        c.post(
            "/api/v1/actors", {"name": "N", "kind": "cooperative"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_api_writes_are_audited_with_user_and_fields() -> None:
    admin = make_user(superuser=True)
    c = client(admin)

    created = c.post(
        "/api/v1/actors", {"name": "Coop A", "kind": "cooperative", "territory": "GB-BST", "lat": 51.4, "lon": -2.6},
        content_type="application/json",
    )  # fmt: skip
    pk = created.json()["id"]
    c.patch(f"/api/v1/actors/{pk}", {"name": "Coop B"}, content_type="application/json")
    c.delete(f"/api/v1/actors/{pk}")

    entries = list(
        AuditEntry.objects.filter(object_id=str(pk))
        .order_by("id")
        .values_list("action", "via", "user", "changes")
    )
    assert [(a, v, u) for a, v, u, _ in entries] == [
        ("create", "api", admin.pk),
        ("update", "api", admin.pk),
        ("delete", "api", admin.pk),
    ]
    assert entries[1][3] == {"name": ["Coop A", "Coop B"]}
    assert entries[0][3]["name"] == [None, "Coop A"]
    assert entries[2][3]["name"] == ["Coop B", None]


def test_invalid_data_gives_422_with_field_errors() -> None:
    c = client(make_user(superuser=True))

    bad = c.post("/api/v1/actors", {"name": "X", "kind": "spaceship"}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"]["record"][0].startswith("kind 'spaceship' is not one of")
    bad_lat = c.post(
        "/api/v1/actors",
        {"name": "X", "kind": "cooperative", "lat": 95, "lon": 0},
        content_type="application/json",
    )
    assert (bad_lat.status_code, bad_lat.json()["errors"]) == (
        422,
        {"record": ["latitude 95.0 is outside -90..90"]},
    )


def test_history_is_for_those_who_may_edit() -> None:
    admin = make_user(superuser=True)
    c = client(admin)
    pk = c.post(
        "/api/v1/actors", {"name": "Coop", "kind": "cooperative"}, content_type="application/json"
    ).json()["id"]

    history = c.get(f"/api/v1/actors/{pk}/history").json()
    assert [(h["action"], h["via"], h["user"]) for h in history] == [("create", "api", admin.username)]
    assert client(make_user()).get(f"/api/v1/actors/{pk}/history").status_code == 403


def test_territories_in_spanish_with_counts_and_children() -> None:
    make_actor("GB-BST")
    make_initiative("GB-BST")
    body = client().get("/api/v1/territories/150?lang=es").json()

    assert (body["name"], body["kind"], body["actors"], body["initiatives"]) == ("Europa", "region", 1, 1)
    assert sorted(c["code"] for c in body["children"]) == ["039", "151", "154", "155"]
    regions = client().get("/api/v1/territories?lang=fr").json()
    assert sorted(r["name"] for r in regions) == [
        "Afrique",
        "Amériques",
        "Antarctique",
        "Asie",
        "Europe",
        "Océanie",
    ]


def test_vocabularies_sdg_and_openapi() -> None:
    c = client()
    goal = c.get("/api/v1/sdg/goals/5").json()
    assert (goal["colour"], goal["short"]["es"], len(goal["targets"])) == ("#FF3A21", "Igualdad de Género", 9)
    os_labels = {
        x["code"]: x["labels"] for x in c.get("/api/v1/vocabularies/organisational-structure").json()
    }
    assert os_labels["OS60"]["en"] == "Workers co-operative"
    schema = c.get("/api/v1/openapi.json").json()
    assert "/api/v1/actors" in schema["paths"]
    assert "TokenAuth" in schema["components"]["securitySchemes"]
    docs = c.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_initiative_write_and_read() -> None:
    steward = make_steward("GB-BST")
    c = client(steward)
    created = c.post(
        "/api/v1/initiatives", {"title": "Community energy", "kind": "project", "territory": "GB-BST"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201
    pk = created.json()["id"]
    assert [i["id"] for i in client().get("/api/v1/initiatives?territory=GB").json()["items"]] == [pk]
    assert Initiative.objects.get(pk=pk).territory_path == "/001/150/154/GB/GB-ENG/GB-BST/"

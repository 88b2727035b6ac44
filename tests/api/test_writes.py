"""Actor writes: tokens, the one permission module (admin, steward, organisation editor), audit, validation."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from minga.api.auth import create_token
from minga.core.models import ApiToken, AuditEntry, Role, RoleAssignment
from minga.registry.models import Actor
from tests.api.helpers import client, patch, post, status
from tests.factories import make_actor, make_steward, make_user

pytestmark = pytest.mark.django_db

TOKEN_HINT = "Send 'Authorization: Bearer <token>'; an administrator issues one with `minga token USER`."


def audit_of(pk: int) -> list[tuple[str, str, int | None, dict[str, list[object]]]]:
    rows = AuditEntry.objects.filter(model="registry.actor", object_id=pk).order_by("id")
    return list(rows.values_list("action", "via", "user", "changes"))


def test_a_token_is_stored_as_its_hash_and_shown_once() -> None:
    user = make_user()
    key = create_token(user, name="laptop")

    token = ApiToken.objects.get(user=user)
    assert (token.name, token.prefix, token.key_hash) == (
        "laptop",
        key[:8],
        hashlib.sha256(key.encode()).hexdigest(),
    )
    assert len(key) >= 43 and key not in str(list(ApiToken.objects.values()))
    assert create_token(user) != key


def test_anonymous_and_bad_tokens_get_401_with_a_hint() -> None:
    actor = make_actor("GB-BST")
    anonymous = client()

    assert status(post(anonymous, "/api/v1/actors", {"name": "X", "kind": "cooperative"})) == (
        401, {"detail": "Authentication required.", "hint": TOKEN_HINT}
    )  # fmt: skip
    assert patch(anonymous, f"/api/v1/actors/{actor.pk}", {"name": "Y"}).status_code == 401
    assert anonymous.delete(f"/api/v1/actors/{actor.pk}").status_code == 401
    assert anonymous.get(f"/api/v1/actors/{actor.pk}/history").status_code == 401
    forged = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION="Bearer not-a-token").delete(
        f"/api/v1/actors/{actor.pk}"
    )
    assert status(forged) == (401, {"detail": "Invalid, revoked or inactive API token.", "hint": TOKEN_HINT})
    assert forged["WWW-Authenticate"] == 'Bearer realm="minga"'
    inactive = client(make_user(superuser=True, is_active=False))
    assert inactive.delete(f"/api/v1/actors/{actor.pk}").status_code == 401
    assert Actor.objects.filter(pk=actor.pk, name=actor.name).exists()
    assert AuditEntry.objects.count() == 0


def test_token_scheme_is_accepted_and_last_use_is_written_at_most_once_a_minute() -> None:
    admin = make_user(superuser=True)
    c = client(admin, scheme="Token")
    actor = make_actor("GB-BST")

    assert patch(c, f"/api/v1/actors/{actor.pk}", {"phone": "1"}).status_code == 200
    first = ApiToken.objects.get(user=admin).last_used_at
    assert first is not None
    assert patch(c, f"/api/v1/actors/{actor.pk}", {"phone": "2"}).status_code == 200
    assert ApiToken.objects.get(user=admin).last_used_at == first
    ApiToken.objects.filter(user=admin).update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    assert patch(c, f"/api/v1/actors/{actor.pk}", {"phone": "3"}).status_code == 200
    assert ApiToken.objects.get(user=admin).last_used_at > first


def test_organisation_editor_edits_their_actor_only() -> None:
    editor = make_user()
    mine, other = make_actor("GB-BST", name="Mine"), make_actor("GB-BST", name="Other")
    mine.editors.add(editor)
    c = client(editor)

    assert patch(c, f"/api/v1/actors/{mine.pk}", {"phone": "0117 000"}).json()["phone"] == "0117 000"
    denied = patch(c, f"/api/v1/actors/{other.pk}", {"phone": "0117 000"})
    assert status(denied) == (403, {
        "detail": "You may not edit this actor.",
        "hint": "Ask an administrator for the right role (admin, territory steward or organisation editor).",
    })  # fmt: skip
    assert patch(c, f"/api/v1/actors/{mine.pk}", {"territory": "GB-MAN"}).status_code == 403
    assert c.delete(f"/api/v1/actors/{mine.pk}").status_code == 403
    assert (
        post(c, "/api/v1/actors", {"name": "N", "kind": "cooperative", "territory": "GB-BST"}).status_code
        == 403
    )
    assert list(Actor.objects.order_by("id").values_list("name", "phone", "territory__code")) == [
        ("Mine", "0117 000", "GB-BST"), ("Other", "", "GB-BST"),
    ]  # fmt: skip


def test_steward_works_inside_their_territory_only() -> None:
    steward = make_steward("GB-BST")
    mine, theirs = make_actor("GB-BST", name="Mine"), make_actor("GB-MAN", name="Theirs")
    c = client(steward)

    ok = patch(c, f"/api/v1/actors/{mine.pk}", {"name": "Mine, renamed"})
    assert (ok.status_code, ok.json()["name"]) == (200, "Mine, renamed")
    assert patch(c, f"/api/v1/actors/{theirs.pk}", {"name": "No"}).status_code == 403
    assert patch(c, f"/api/v1/actors/{mine.pk}", {"territory": "GB-MAN"}).status_code == 403
    assert patch(c, f"/api/v1/actors/{mine.pk}", {"territory": None}).status_code == 403
    created = post(c, "/api/v1/actors", {"name": "New", "kind": "cooperative", "territory": "GB-BST"})
    assert (created.status_code, created.json()["territory"]) == (201, "GB-BST")
    assert (
        post(c, "/api/v1/actors", {"name": "N", "kind": "cooperative", "territory": "FR"}).status_code == 403
    )
    assert post(c, "/api/v1/actors", {"name": "N", "kind": "cooperative"}).status_code == 403
    assert c.delete(f"/api/v1/actors/{theirs.pk}").status_code == 403
    assert c.delete(f"/api/v1/actors/{created.json()['id']}").status_code == 204
    assert list(Actor.objects.order_by("id").values_list("name", "territory__code")) == [
        ("Mine, renamed", "GB-BST"), ("Theirs", "GB-MAN"),
    ]  # fmt: skip


def test_admins_create_anywhere_and_move_actors() -> None:
    superuser, role_admin = make_user(superuser=True), make_user()
    RoleAssignment.objects.create(user=role_admin, role=Role.ADMIN)

    for user, place in ((superuser, "FR"), (role_admin, None)):
        data = {"name": f"By {user.username}", "kind": "social_enterprise"} | (
            {"territory": place} if place else {}
        )
        created = post(client(user), "/api/v1/actors", data)
        assert (created.status_code, created.json()["territory"]) == (201, place)
    actor = Actor.objects.get(territory__code="FR")
    moved = patch(client(role_admin), f"/api/v1/actors/{actor.pk}", {"territory": "GB-MAN"})
    assert (moved.json()["territory"], moved.json()["country_code"]) == ("GB-MAN", "")
    assert Actor.objects.get(pk=actor.pk).territory_path == "/001/150/154/GB/GB-ENG/GB-MAN/"


def test_every_api_write_is_audited_with_user_and_changed_fields() -> None:
    admin = make_user(superuser=True)
    c = client(admin)

    data = {"name": "Coop A", "kind": "cooperative", "territory": "GB-BST", "lat": 51.4, "lon": -2.6}
    pk = post(c, "/api/v1/actors", data).json()["id"]
    patch(c, f"/api/v1/actors/{pk}", {"name": "Coop B", "territory": "GB-MAN"})
    patch(c, f"/api/v1/actors/{pk}", {"name": "Coop B"})  # no change: no entry
    c.delete(f"/api/v1/actors/{pk}")

    entries = audit_of(pk)
    assert [(a, v, u) for a, v, u, _ in entries] == [("create", "api", admin.pk), ("update", "api", admin.pk),
                                                      ("delete", "api", admin.pk)]  # fmt: skip
    assert entries[0][3] == {
        "name": [None, "Coop A"], "kind": [None, "cooperative"], "territory": [None, "GB-BST"], "lat": [None, 51.4],
        "lon": [None, -2.6], "status": [None, "active"], "source": [None, "manual"],
    }  # fmt: skip
    assert entries[1][3] == {"name": ["Coop A", "Coop B"], "territory": ["GB-BST", "GB-MAN"]}
    assert entries[2][3] == {
        "name": ["Coop B", None], "kind": ["cooperative", None], "territory": ["GB-MAN", None], "lat": [51.4, None],
        "lon": [-2.6, None], "status": ["active", None], "source": ["manual", None],
    }  # fmt: skip
    assert not Actor.objects.filter(pk=pk).exists()


def test_invalid_data_is_422_with_field_errors_and_nothing_written() -> None:
    admin = make_user(superuser=True)
    c = client(admin)
    actor = make_actor("GB-BST", name="Kept")

    bad = post(c, "/api/v1/actors", {"name": "", "kind": "spaceship", "lat": 95, "colour": "red"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == {
        "name": ["String should have at least 1 character"],
        "kind": ["Input should be 'cooperative', 'mutual', 'association', 'foundation', 'social_enterprise', "
                 "'community_group', 'informal', 'local_government', 'regional_government', 'national_government', "
                 "'international_organisation', 'network', 'funder_public', 'funder_private', 'social_bank', "
                 "'funder_foundation', 'cooperation_agency', 'support_organisation', 'research', 'private_company' "
                 "or 'civil_society'"],
        "lat": ["Input should be less than or equal to 90"],
        "colour": ["Extra inputs are not permitted"],
    }  # fmt: skip
    assert bad.json()["detail"].startswith(
        "Invalid data: lat: Input should be less than or equal to 90; name: "
    )
    assert post(c, "/api/v1/actors", {"kind": "cooperative"}).json()["errors"] == {"name": ["Field required"]}
    nulled = patch(c, f"/api/v1/actors/{actor.pk}", {"name": None, "lat": None, "lon": None})
    assert nulled.json()["errors"] == {
        "name": ["Value error, may not be null: send a value, or leave the field out"]
    }
    nowhere = post(c, "/api/v1/actors", {"name": "X", "kind": "cooperative", "territory": "XX-NOPE"})
    assert (nowhere.status_code, nowhere.json()["errors"]) == (
        422,
        {"territory": ["No territory with code 'XX-NOPE'."]},
    )
    assert nowhere.json()["hint"].startswith("Use an M49 region code")
    # rules the domain checks come back as 422 too, under the field they concern
    domain = status(
        post(c, "/api/v1/actors", {"name": "X", "kind": "cooperative", "primary_activity": "ICA999"})
    )
    assert domain == (422, {
        "detail": "Invalid data: primary_activity: primary_activity 'ICA999' is not an ESSGlobal activities-ica code",
        "hint": "Correct the fields named and try again.",
        "errors": {"primary_activity": ["primary_activity 'ICA999' is not an ESSGlobal activities-ica code"]},
    })  # fmt: skip
    one_coordinate = patch(c, f"/api/v1/actors/{actor.pk}", {"lat": 51.0})
    assert one_coordinate.json()["errors"] == {"lat": ["latitude and longitude must be given together"]}
    assert c.get("/api/v1/actors/not-a-number").json()["errors"] == {
        "actor_id": ["Input should be a valid integer, unable to parse string as an integer"]
    }  # fmt: skip
    broken = c.post("/api/v1/actors", "{not json", content_type="application/json")
    assert status(broken) == (
        400, {"detail": "Cannot parse request body", "hint": "Send a JSON body with 'Content-Type: application/json'."}
    )  # fmt: skip
    assert list(Actor.objects.values_list("name", "lat")) == [("Kept", None)]
    assert AuditEntry.objects.count() == 0


def test_history_is_for_those_who_may_edit() -> None:
    admin, editor = make_user(superuser=True), make_user()
    pk = post(client(admin), "/api/v1/actors", {"name": "Coop", "kind": "cooperative"}).json()["id"]
    Actor.objects.get(pk=pk).editors.add(editor)
    patch(client(editor), f"/api/v1/actors/{pk}", {"phone": "42"})

    history = client(editor).get(f"/api/v1/actors/{pk}/history").json()
    assert [(h["action"], h["via"], h["user"], h["changes"]) for h in history] == [
        ("update", "api", editor.username, {"phone": ["", "42"]}),
        ("create", "api", admin.username, {"kind": [None, "cooperative"], "name": [None, "Coop"],
                                           "source": [None, "manual"], "status": [None, "active"]}),
    ]  # fmt: skip
    assert client(make_user()).get(f"/api/v1/actors/{pk}/history").status_code == 403
    assert client(make_steward("GB-BST")).get(f"/api/v1/actors/{pk}/history").status_code == 403
    assert client(admin).get("/api/v1/actors/999999/history").status_code == 404

"""Roles decided in one place, used by the admin; admin edits are audited and shown as history."""

from __future__ import annotations

import pytest
from django.test import Client

from minga.core import permissions
from minga.core.errors import PermissionDenied
from minga.core.models import AuditEntry
from minga.registry.domain import records
from tests.factories import make_actor, make_steward, make_user

pytestmark = pytest.mark.django_db


def test_steward_of_bristol_cannot_edit_manchester() -> None:
    steward = make_steward("GB-BST")
    bristol, manchester = make_actor("GB-BST"), make_actor("GB-MAN")

    assert (
        permissions.can_edit_actor(steward, bristol),
        permissions.can_edit_actor(steward, manchester),
    ) == (True, False)
    with pytest.raises(PermissionDenied):
        records.update_actor(manchester, {"name": "Taken over"}, by=steward, via="web")
    with pytest.raises(PermissionDenied):
        records.update_actor(bristol, {"territory": "GB-MAN"}, by=steward, via="web")


def test_organisation_editor_cannot_edit_another_actor() -> None:
    editor = make_user()
    mine, other = make_actor("GB-BST"), make_actor("GB-BST")
    mine.editors.add(editor)

    records.update_actor(mine, {"phone": "0117"}, by=editor, via="web")
    with pytest.raises(PermissionDenied):
        records.update_actor(other, {"phone": "0117"}, by=editor, via="web")
    assert (permissions.can_delete_actor(editor, mine), permissions.can_import(editor)) == (False, False)


def test_anonymous_may_not_write() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        records.create_actor({"name": "X", "kind": "cooperative"}, by=AnonymousUser(), via="web")


def test_admin_edit_is_audited_and_shown_in_history() -> None:
    admin = make_user(superuser=True)
    actor = make_actor("GB-BST", name="Old name")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    form = client.get(f"/admin/registry/actor/{actor.pk}/change/")
    assert form.status_code == 200

    data = {
        "name": "New name", "kind": "cooperative", "description": "{}", "activities": "[]", "qualifiers": "[]",
        "themes": "[]", "tags": "[]", "social": "{}", "country_code": "GB", "territory": actor.territory_id,
        "status": "active", "organisational_structure": "", "primary_activity": "", "membership_type": "",
        "legal_form": "", "legal_form_local": "", "website": "", "email": "", "phone": "", "street_address": "",
        "locality_name": "", "postcode": "", "_save": "Save",
    }  # fmt: skip
    response = client.post(f"/admin/registry/actor/{actor.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get(object_id=actor.pk)
    assert (entry.action, entry.via, entry.user, entry.changes) == (
        "update",
        "admin",
        admin,
        {"name": ["Old name", "New name"]},
    )
    page = client.get(f"/admin/registry/actor/{actor.pk}/change/").content.decode()
    assert "admin · update: name" in page


def test_none_is_nobody_and_system_is_the_operator() -> None:
    from minga.core.permissions import SYSTEM

    actor = make_actor("GB-BST")
    assert (
        permissions.is_admin(None),
        permissions.can_edit_actor(None, actor),
        permissions.can_import(None),
    ) == (
        False,
        False,
        False,
    )
    assert (permissions.is_admin(SYSTEM), permissions.can_import(SYSTEM)) == (True, True)
    with pytest.raises(PermissionDenied):
        records.update_actor(actor, {"name": "x"}, by=None, via="web")

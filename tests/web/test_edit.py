"""Editing through web forms: the same write path and permissions as the API, errors beside the fields."""

from __future__ import annotations

import pytest
from django.test import Client

from minga.core.models import AuditEntry
from minga.registry.models import Actor
from tests.factories import make_actor, make_steward

pytestmark = pytest.mark.django_db


def form_data(actor: Actor, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": actor.name, "kind": actor.kind, "description_en": "", "description_es": "", "description_fr": "",
        "organisational_structure": "", "primary_activity": "", "website": "", "email": "", "phone": "",
        "street_address": "", "postcode": "", "territory": actor.territory.code if actor.territory else "",
        "lat": "", "lon": "", "members": "",
    }  # fmt: skip
    data.update(changes)
    return data


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_steward_edits_through_the_form_and_the_change_is_audited() -> None:
    steward = make_steward("GB-BST")
    actor = make_actor("GB-BST", name="Old name")

    response = signed_in(steward).post(
        f"/es/actors/{actor.pk}/edit/", form_data(actor, name="New name", description_es="Pan.")
    )

    assert (response.status_code, response.headers["Location"]) == (302, f"/es/actors/{actor.pk}/")
    actor.refresh_from_db()
    assert (actor.name, actor.description) == ("New name", {"es": "Pan."})
    entry = AuditEntry.objects.get(object_id=actor.pk)
    assert (entry.via, entry.user, entry.changes) == (
        "web",
        steward,
        {"name": ["Old name", "New name"], "description": [{}, {"es": "Pan."}]},
    )
    page = signed_in(steward).get(f"/es/actors/{actor.pk}/edit/").content.decode()
    assert "Historial" in page and "description, name" in page


def test_invalid_values_are_refused_beside_the_field_and_nothing_is_saved() -> None:
    steward = make_steward("GB-BST")
    actor = make_actor("GB-BST", name="Kept")

    response = signed_in(steward).post(
        f"/fr/actors/{actor.pk}/edit/", form_data(actor, name="Changed", lat="95", lon="0", email="nope")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Rien n'a été enregistré" in html
    assert 'id="id_lat-error">Assurez-vous que cette valeur est inférieure ou égale à 90.<' in html
    assert 'id="id_email-error">Saisissez une adresse de courriel valide.<' in html
    actor.refresh_from_db()
    assert (actor.name, AuditEntry.objects.count()) == ("Kept", 0)


def test_others_may_not_edit_and_anonymous_users_are_sent_to_sign_in() -> None:
    steward = make_steward("GB-BST")
    elsewhere = make_actor("GB-MAN")

    assert signed_in(steward).get(f"/en/actors/{elsewhere.pk}/edit/").status_code == 403
    moved = signed_in(steward).post(
        f"/en/actors/{make_actor('GB-BST').pk}/edit/", form_data(elsewhere, territory="GB-MAN")
    )
    assert moved.status_code == 400
    anonymous = Client().get(f"/en/actors/{elsewhere.pk}/edit/")
    assert (anonymous.status_code, anonymous.headers["Location"]) == (
        302,
        f"/en/accounts/login/?next=/en/actors/{elsewhere.pk}/edit/",
    )
    assert "Se connecter" in Client().get("/fr/accounts/login/").content.decode()

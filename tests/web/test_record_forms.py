"""Creating actors and initiatives in the browser: who may, what is refused (beside the field, nothing saved),
language tabs that keep texts in languages the form does not show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from minga.core.models import AuditEntry
from minga.registry.models import Actor, Initiative
from tests.factories import make_initiative, make_steward, make_user

pytestmark = pytest.mark.django_db

ACTOR = {
    "name": "Bristol Bread Co-op",
    "kind": "cooperative",
    "territory": "GB-BST",
    "description_es": "Pan.",
}
INITIATIVE = {
    "title": "Fair rents",
    "kind": "practice",
    "territory": "GB-BST",
    "summary_fr": "Loyers justes.",
}


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_steward_creates_an_actor_in_their_territory_and_it_is_audited() -> None:
    steward = make_steward("GB-BST")

    response = signed_in(steward).post("/en/actors/new/", ACTOR)

    actor = Actor.objects.get(name="Bristol Bread Co-op")
    assert (response.status_code, response["Location"]) == (302, f"/en/actors/{actor.pk}/")
    assert (actor.territory_path.endswith("/GB-BST/"), actor.description, actor.source) == (
        True,
        {"es": "Pan."},
        "manual",
    )
    entry = AuditEntry.objects.get(object_id=actor.pk, model="registry.actor")
    assert (entry.action, entry.via, entry.user) == ("create", "web", steward)


def test_outside_their_territory_the_refusal_is_beside_the_field_and_nothing_is_saved() -> None:
    steward = make_steward("GB-BST")

    response = signed_in(steward).post("/fr/actors/new/", {**ACTOR, "territory": "GB-MAN", "lat": "51"})

    html = response.content.decode()
    assert (response.status_code, Actor.objects.count(), AuditEntry.objects.count()) == (400, 0, 0)
    assert "Rien n'a été enregistré : corrigez les champs signalés ci-dessous." in html
    assert 'id="id_lon-error"' in html  # latitude without longitude
    refused = signed_in(steward).post("/fr/actors/new/", {**ACTOR, "territory": "GB-MAN"})
    assert (
        refused.status_code,
        "Vous ne pouvez pas enregistrer de fiche dans ce territoire." in refused.content.decode(),
    ) == (400, True)
    unknown = signed_in(steward).post("/es/actors/new/", {**ACTOR, "territory": "XX-NOPE"})
    assert "Ningún territorio tiene este código." in unknown.content.decode()
    assert Actor.objects.count() == 0


def test_who_may_open_the_create_forms() -> None:
    anonymous = Client().get("/en/initiatives/new/")
    nobody = signed_in(make_user()).get("/en/actors/new/")
    steward = signed_in(make_steward("GB-BST")).get("/es/initiatives/new/?territory=GB-BST")

    assert (anonymous.status_code, anonymous["Location"]) == (
        302,
        "/en/accounts/login/?next=/en/initiatives/new/",
    )
    assert nobody.status_code == 403
    html = steward.content.decode()
    assert (steward.status_code, 'value="GB-BST"' in html, html.count('class="language-panel"')) == (
        200,
        True,
        3,
    )
    assert 'lang="fr"' in html and "Textos, por idioma" in html


def test_a_steward_creates_then_edits_an_initiative_and_other_languages_are_kept() -> None:
    steward = make_steward("GB-BST")
    client = signed_in(steward)
    client.post("/en/initiatives/new/", {**INITIATIVE, "starts_on": "2024-03-01"})
    initiative = Initiative.objects.get(title="Fair rents")
    initiative.summary = {**initiative.summary, "de": "Faire Mieten."}  # a language the form has no tab for
    initiative.save()

    response = client.post(
        f"/en/initiatives/{initiative.pk}/edit/",
        {
            **INITIATIVE,
            "summary_fr": "",
            "summary_en": "Fair rents for all.",
            "evidence_links": "https://a.org/r\n",
        },
    )

    initiative.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, f"/en/initiatives/{initiative.pk}/")
    assert (initiative.summary, initiative.evidence_links, initiative.starts_on) == (
        {"de": "Faire Mieten.", "en": "Fair rents for all."},
        ["https://a.org/r"],
        None,
    )
    assert list(AuditEntry.objects.filter(object_id=initiative.pk).values_list("action", "via")) == [
        ("update", "web"),
        ("create", "web"),
    ]


def test_invalid_initiative_values_are_refused_and_nothing_is_saved() -> None:
    steward = make_steward("GB-BST")
    initiative = make_initiative("GB-BST", title="Kept", starts_on=dt.date(2024, 1, 1))

    response = signed_in(steward).post(
        f"/es/initiatives/{initiative.pk}/edit/",
        {**INITIATIVE, "starts_on": "2024-05-01", "ends_on": "2024-01-01", "evidence_links": "not a link"},
    )

    html = response.content.decode()
    initiative.refresh_from_db()
    assert (response.status_code, initiative.title, AuditEntry.objects.count()) == (400, "Kept", 0)
    assert 'id="id_ends_on-error"' in html and 'id="id_evidence_links-error"' in html
    other = signed_in(make_steward("FR")).get(f"/es/initiatives/{initiative.pk}/edit/")
    assert other.status_code == 403

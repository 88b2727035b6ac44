"""Initiative pages: the filtered list and one initiative's record, in en/es/fr with visible fallback."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from minga.registry.models import InitiativeActor, InitiativeSdgTarget
from minga.vocab.models import SdgTarget
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/\w\w/initiatives/\d+/">([^<]+)</a>', html)


def test_the_list_filters_by_territory_kind_sdg_and_title() -> None:
    fair = make_initiative("GB-BST", title="Fair rents", kind="public_policy")
    make_initiative("FR", title="Seed library")
    make_initiative("KE", title="Fair trade market")
    InitiativeSdgTarget.objects.create(initiative=fair, target=SdgTarget.objects.get(code="11.1"))
    c = Client()

    assert titles(c.get("/en/initiatives/?territory=150").content.decode()) == ["Fair rents", "Seed library"]
    assert titles(c.get("/en/initiatives/?q=fair&kind=public_policy").content.decode()) == ["Fair rents"]
    assert titles(c.get("/es/initiatives/?sdg=11").content.decode()) == ["Fair rents"]
    assert "1 iniciativa" in c.get("/es/initiatives/?sdg=11").content.decode()
    assert [
        c.get(u).status_code for u in ("/en/initiatives/?territory=NOPE", "/en/initiatives/?page=-1")
    ] == [
        400,
        400,
    ]


def test_an_initiative_page_shows_texts_actors_and_targets_with_their_status() -> None:
    lead = make_actor("GB-BST", name="Bristol Co-op")
    initiative = make_initiative(
        "GB-BST",
        title="Fair rents",
        summary={"en": "Rents capped by the members."},
        results={"fr": "Loyers baissés de 20 %."},
        evidence_links=["https://example.org/report"],
    )
    InitiativeActor.objects.create(initiative=initiative, actor=lead, role="lead")
    InitiativeSdgTarget.objects.create(initiative=initiative, target=SdgTarget.objects.get(code="11.1"))
    InitiativeSdgTarget.objects.create(
        initiative=initiative, target=SdgTarget.objects.get(code="1.4"), origin="suggested", score=0.7
    )

    html = Client().get(f"/es/initiatives/{initiative.pk}/").content.decode()

    assert re.findall(r"<h2 id=\"section-(\w+)\">([^<]+)</h2>", html) == [
        ("summary", "Resumen"),
        ("results", "Resultados"),
    ]
    assert '<p lang="en">Rents capped by the members.</p>' in html
    assert '<p lang="fr">Loyers baissés de 20 %.</p>' in html
    assert f'<a href="/es/actors/{lead.pk}/">Bristol Co-op</a> (Líder)' in html
    assert re.findall(r"Meta (\d+\.\d+)</a>", html) == ["1.4", "11.1"]
    assert html.count("sugerida, aún no confirmada") == 1
    assert 'href="https://example.org/report"' in html


def test_an_unknown_initiative_is_a_readable_404() -> None:
    response = Client().get("/fr/initiatives/999999/")

    assert (response.status_code, "initiative" in response.content.decode()) == (404, True)

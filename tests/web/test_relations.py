"""Relations, schemes, partnerships and lineage on the web: an actor's relations on its page, the relation form
(same checks and permissions as the API), a scheme with who fits it and why, co-financing, a practice's lineage."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from minga.core.models import AuditEntry
from minga.ecosystem.domain.funding import create_scheme
from minga.ecosystem.domain.partnerships import create_partnership
from minga.ecosystem.models import Relation
from minga.registry.models import InitiativeActor
from tests.browser.serving import PASSWORD
from tests.factories import make_actor, make_initiative, make_relation, make_steward, make_user

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client(HTTP_HOST="localhost")
    user.set_password(PASSWORD)  # type: ignore[attr-defined]
    user.save()  # type: ignore[attr-defined]
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_an_actor_page_lists_its_relations_both_ways() -> None:
    coop, trust = make_actor(name="Coop"), make_actor(name="Trust", kind="funder_foundation")
    make_relation(trust, coop, "funds", amount=Decimal("2500.00"), currency="GBP")
    make_relation(coop, make_actor(name="Network", kind="network"), "member_of")

    html = Client(HTTP_HOST="localhost").get(f"/en/actors/{coop.pk}/").content.decode()

    assert f'<a href="/en/actors/{trust.pk}/">Trust</a>' in html and "2,500.00 GBP" in html
    assert "(is the other end: funds)" in html and "is a member of" in html


def test_a_steward_records_a_relation_through_the_form_and_bad_input_is_explained() -> None:
    coop = make_actor("GB-BST", name="Coop", source="coops-uk", source_id="R1")
    network = make_actor("GB-BST", name="Network", kind="network", source="coops-uk", source_id="R2")
    client = signed_in(make_steward("GB-BST"))

    bad = client.post(
        f"/en/actors/{coop.pk}/relations/new/",
        {"type": "funds", "to": "coops-uk:R2", "amount": "-3", "currency": "GBP"},
    )
    good = client.post(f"/en/actors/{coop.pk}/relations/new/", {"type": "member_of", "to": "coops-uk:R2"})

    assert (bad.status_code, "amount -3 is negative" in bad.content.decode()) == (400, True)
    assert (good.status_code, good["Location"]) == (302, f"/en/actors/{coop.pk}/#relations")
    assert list(Relation.objects.values_list("type", "from_actor", "to_actor", "source")) == [
        ("member_of", coop.pk, network.pk, "web")
    ]
    assert AuditEntry.objects.filter(model="ecosystem.relation", via="web").count() == 1


def test_the_form_is_refused_to_those_who_may_not_edit_the_actor() -> None:
    coop = make_actor("GB-BST")
    outsider = signed_in(make_steward("GB-MAN"))

    assert outsider.get(f"/en/actors/{coop.pk}/relations/new/").status_code == 403
    assert (
        Client(HTTP_HOST="localhost").get(f"/en/actors/{coop.pk}/relations/new/").status_code == 302
    )  # to sign in


def test_a_scheme_page_shows_who_fits_and_why_in_spanish() -> None:
    funder = make_actor("GB", kind="funder_public", name="City")
    fits = make_initiative("GB-BST", title="Bakery", stage="pilot")
    InitiativeActor.objects.create(initiative=fits, actor=make_actor("GB-BST"), role="lead")
    make_initiative("FR", title="Boulangerie", stage="pilot")
    scheme = create_scheme(funder, {"name": "Pilots", "instrument": "grant", "currency": "GBP", "stages": ["pilot"],
                                    "territories": ["GB"]}, by=make_user(superuser=True), via="test")  # fmt: skip

    html = Client(HTTP_HOST="localhost").get(f"/es/schemes/{scheme.pk}/").content.decode()

    assert "1 de 2 iniciativas." in html and "Iniciativas que cumplen todos los criterios" in html
    assert f'<a href="/es/initiatives/{fits.pk}/">Bakery</a>' in html and "FR is not within GB" in html


def test_partnership_and_lineage_pages() -> None:
    council, coop = (
        make_actor("GB-BST", kind="local_government", name="Council"),
        make_actor("GB-BST", name="Coop"),
    )
    partnership = create_partnership({"name": "Food", "currency": "GBP"}, [
        {"actor": council.pk, "contribution": "300"}, {"actor": coop.pk, "contribution": "100"}],
        by=make_user(superuser=True), via="test")  # fmt: skip
    original, copy = make_initiative("GB-BST", title="Fridge"), make_initiative("FR", title="Frigo")
    make_relation(copy, original, "replicates", note="with the city")

    money = Client(HTTP_HOST="localhost").get(f"/fr/partnerships/{partnership.pk}/").content.decode()
    tree = Client(HTTP_HOST="localhost").get(f"/fr/initiatives/{copy.pk}/replication/").content.decode()

    assert "Chaque unité d'argent public a attiré 0,3333 unités des autres sources." in money
    assert '<th scope="row">Publique</th><td class="number">300.00</td>' in money
    assert (
        "2 initiatives dans 2 pays partagent cette pratique." in tree
        and "adaptée : with the city" not in tree
    )
    assert (
        "adaptée: with the city" in tree
        and f'<li aria-current="true"><a href="/fr/initiatives/{copy.pk}/">Frigo</a>' in tree
    )
    assert (
        '<tbody><tr><th scope="row"><a href="/fr/territories/FR/">France</a></th><td class="number">1</td></tr>'
        '<tr><th scope="row"><a href="/fr/territories/GB/">Royaume-Uni de Grande-Bretagne et d’Irlande du Nord</a> '
        '(là où la pratique a commencé)</th><td class="number">1</td></tr></tbody>'
    ) in tree
    assert '<tr><th scope="row">Pays ou zone</th><td class="number">2</td></tr>' in tree
    assert '"origin": "GB"' in tree

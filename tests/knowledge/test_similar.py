"""More like this: the records closest in meaning, nudged by shared vocabulary, on pages and in the API."""

from __future__ import annotations

import pytest
from django.test import Client

from minga.knowledge.domain import vectors
from minga.knowledge.domain.similar import similar
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db


def test_similar_records_by_meaning_and_shared_vocabulary(semantic: None) -> None:
    bakery = make_actor("GB-BST", name="Bristol Bread Bakers", tags=["Food"], primary_activity="ICA10")
    other_bakery = make_actor(
        "FR", name="Boulangerie coopérative de Lyon", tags=["Food"], primary_activity="ICA10"
    )
    make_actor("GB-MAN", name="Manchester Housing Tenants", tags=["Housing"])
    school = make_initiative(
        "GB-BST", title="Sourdough baking classes", summary={"en": "Bread making for all"}
    )
    vectors.embed_pending("actor")
    vectors.embed_pending("initiative")

    found = similar("actor", bakery.pk, limit=2)
    assert [(r["type"], r["id"]) for r in found] == [("actor", other_bakery.pk), ("initiative", school.pk)]
    assert found[0]["shared"] == ["ICA10", "Food"]
    api = Client().get(f"/api/v1/search/similar?type=actor&id={bakery.pk}&limit=2").json()
    assert [r["id"] for r in api] == [other_bakery.pk, school.pk]
    page = Client().get(f"/en/actors/{bakery.pk}/").content.decode()
    assert "More like this" in page and f'href="/en/actors/{other_bakery.pk}/"' in page


def test_no_embedding_means_no_suggestions_and_unknown_ids_are_404() -> None:
    actor = make_actor("GB-BST")

    assert similar("actor", actor.pk) == []
    assert Client().get("/api/v1/search/similar?type=actor&id=999999").status_code == 404
    assert "More like this" not in Client().get(f"/en/actors/{actor.pk}/").content.decode()
